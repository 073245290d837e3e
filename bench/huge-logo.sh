#!/usr/bin/env bash
# A 30,000 x 30,000 PNG logo must be refused from its header: time and
# memory of `factsheet check` on a profile whose theme names one.
# Usage: bench/huge-logo.sh [path/to/factsheet]   (default: target/release/factsheet)
# Measured (debug build, shared 2-core machine): refused in 0.02 s, 9.5 MB
# maximum resident memory. Figures and context: docs/robustness.md.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(realpath "${1:-$here/target/release/factsheet}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/assets"
cp "$here/reports/bolivia.toml" "$work/"
printf '[organisation]\nlogo = "assets/huge.png"\nlogo_alt = "Huge"\n' > "$work/theme.toml"
# A valid greyscale PNG, every row zeros, compressed as it is written.
python3 - "$work/assets/huge.png" <<'PY'
import struct, sys, zlib
w = h = 30000
def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
z = zlib.compressobj(9)
row = b"\0" * (w + 1)
idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n")
    f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
    f.write(chunk(b"IDAT", idat))
    f.write(chunk(b"IEND", b""))
PY
ls -l "$work/assets/huge.png"
cd "$work"
/usr/bin/time -v "$bin" check bolivia.toml 2> "$work/time.txt" || true
grep -E "error\[|Elapsed|Maximum resident" "$work/time.txt"
