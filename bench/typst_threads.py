"""Typst's Python binding on several threads: 100 PDFs from one process.

usage: python3 typst_threads.py THREADS [PROFILE_DIR=pack] [OUT_DIR]   (run in the Typst reference folder)

Each thread has its own typst.Compiler (a compiler is not shared between
threads) and compiles every THREADS-th profile; the binding releases
Python's lock while Typst compiles, so the threads run at once. With
THREADS = 1 this is the reference's pack_many.py. Prints a JSON line:
set-up and loop seconds, and the loop's milliseconds per document.
"""
import json
import pathlib
import sys
import threading
import time

import typst

t0 = time.perf_counter()
n_threads = int(sys.argv[1])
src = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "pack")
out = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else "out_" + src.name)
files = sorted(src.glob("[0-9]*.toml"))
out.mkdir(exist_ok=True)
for p in out.glob("*.pdf"):
    p.unlink()  # fresh files each run, as pack_many.py
compilers = [typst.Compiler("bolivia.typ", font_paths=["fonts"], ignore_system_fonts=True)
             for _ in range(n_threads)]
t1 = time.perf_counter()


def work(compiler, part):
    for f in part:
        compiler.compile(output=str(out / (f.stem + ".pdf")), sys_inputs={"data": f.as_posix()})


threads = [threading.Thread(target=work, args=(c, files[i::n_threads]))
           for i, c in enumerate(compilers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
t2 = time.perf_counter()
print(json.dumps({"docs": len(files), "setup_s": round(t1 - t0, 3), "loop_s": round(t2 - t1, 3),
                  "per_doc_ms": round((t2 - t1) / max(len(files), 1) * 1e3, 2)}))
