#!/usr/bin/env bash
# Whole processes of factsheet beside Typst, in one run on this machine.
#
# usage: bench/compare.sh [--runs N] [--batch-runs M] [--only LIST] [--big K] [TYPST_REFERENCE_DIR]
#
#   --runs N          timed runs of each one-factsheet case (default 20)
#   --batch-runs M    timed runs of each many-factsheet case (default 5)
#   --only LIST       sections to run, e.g. 1,3 (default 1,2,3,4)
#   --big K           the pack size section 4 compares with 100 (default 1000)
#   TYPST_REFERENCE_DIR   the folder of the Typst twin of the factsheet
#                     (factsheet.typ, bolivia.typ, make_pack.py, cold.py), or
#                     the environment variable of that name. It is only read:
#                     the script works on a copy.
#
# Needs: cargo; the Typst CLI (`typst` on PATH, or TYPST=/path/to/typst);
# python3 with the binding (pip install typst==0.15.0); GNU time for peak
# memory; the Noto Sans and DejaVu Sans fonts under /usr/share/fonts
# (fonts-noto-core, fonts-dejavu-core), which the Typst twin is set in.
#
# Typst runs in its strongest forms, each on the same generated profiles as
# ours (bench/profiles.sh makes our twins of make_pack.py's):
#   - the CLI, `typst compile --font-path fonts --ignore-system-fonts`, one
#     process a factsheet (its own threads; or -j 1 with one process a core);
#   - the Python binding, one process, start-up counted once, one compiler
#     per thread (bench/typst_threads.py).
# Sections (the cases of a section run interleaved, so machine noise hits
# them all alike; ratios are case / the section's base):
#   1. one factsheet, cold process: ours vs the Typst CLI (base), -j 1, and
#      the binding's cold.py; `factsheet --version` as the floor of a start;
#   2. 100 PDFs on 1 thread and on all cores: ours vs the CLI and the binding;
#   3. the 100-country pack, per-country PDF and DOCX plus the combined
#      documents, vs Typst's fastest 100 PDFs (all cores, and 1 thread);
#   4. linearity and memory: our pack of 100 and of K countries.
# Our pack is `factsheet pack` when the binary has it; until then
# `factsheet build DIR` (PDF and DOCX of each country) followed by the
# combined PDF from benches/pack.rs (which lays every country out again).
set -euo pipefail

runs=20
batch_runs=5
only=1,2,3,4
big=1000
ref=
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --batch-runs) batch_runs=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --big) big=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) ref=$1; shift ;;
    esac
done
section() { [[ ",$only," == *",$1,"* ]]; }

repo=$(cd "$(dirname "$0")/.." && pwd)
ref=${ref:-${TYPST_REFERENCE_DIR:-}}
if [ ! -f "$ref/bolivia.typ" ] || [ ! -f "$ref/make_pack.py" ]; then
    echo "no Typst reference folder at $ref (give its path as an argument)" >&2
    exit 2
fi
ref=$(cd "$ref" && pwd)
TYPST=${TYPST:-$(command -v typst || true)}
[ -x "$TYPST" ] || { echo "no Typst CLI: put typst on PATH or set TYPST" >&2; exit 2; }
export TYPST
# The interpreter itself, not a version-manager shim (a shim adds a start-up of its own).
PY=$(python3 -c 'import sys; print(sys.executable)')
"$PY" -c 'import typst' 2>/dev/null || { echo "python module typst missing: pip install typst==0.15.0" >&2; exit 2; }
timer=(python3 "$repo/bench/proc_time.py")
cores=$(nproc)

echo "== building (cargo build --release, cargo bench --bench pack --no-run)"
(cd "$repo" && cargo build --release --quiet)
bin=$repo/target/release/factsheet
driver=$(cd "$repo" && cargo bench --bench pack --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "pack" and m.get("executable"):
        print(m["executable"])')

tmp=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Typst: a writable copy of the reference folder, its fonts/ of symlinks and
# its generated profiles.
cp -r "$ref" "$tmp/typst"
chmod -R u+w "$tmp/typst"
mkdir -p "$tmp/typst/fonts"
for f in /usr/share/fonts/truetype/noto/NotoSans-{Regular,Bold,Italic,BoldItalic}.ttf \
         /usr/share/fonts/truetype/dejavu/DejaVuSans{,-Bold,-Oblique,-BoldOblique}.ttf; do
    if [ -f "$f" ]; then
        ln -sf "$f" "$tmp/typst/fonts/"
    else
        echo "warning: font $f missing; Typst will fall back" >&2
    fi
done
(cd "$tmp/typst" && "$PY" make_pack.py 100 >/dev/null)
# Ours: the same 100 countries (and K for section 4).
"$repo/bench/profiles.sh" 100 "$tmp/ours100"
section 4 && "$repo/bench/profiles.sh" "$big" "$tmp/ours$big"

# Our pack of folder $1 into $2, as one command line.
if "$bin" pack --help >/dev/null 2>&1; then
    pack_cmd() { echo "$bin pack $1 -o $2 --force --quiet"; }
    pack_how="factsheet pack"
else
    pack_cmd() { echo "bash -c '$bin build $1 -o $2 >/dev/null && $driver $1 -o $2/pack.pdf'"; }
    pack_how="factsheet build (PDF and DOCX) + combined PDF (benches/pack.rs); no combined DOCX yet"
fi

echo "== machine"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:     $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at start"
echo "ours:    factsheet $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet HEAD 2>/dev/null || echo ' (uncommitted changes)')"
echo "pack:    $pack_how"
echo "typst:   $("$TYPST" --version) (CLI); $("$PY" -c 'import typst; print(typst.__version__)') (Python binding, $("$PY" -c 'import sys; print(sys.version.split()[0])'))"

T="$tmp/typst"
cli="$TYPST compile --font-path fonts --ignore-system-fonts"

if section 1; then
    echo
    echo "== 1. one factsheet (Bolivia, PDF), cold process"
    "${timer[@]}" --runs "$runs" --base "typst CLI" \
        --case "typst CLI" "$T" "$cli bolivia.typ $tmp/t-one.pdf" \
        --case ours "$repo" "$bin build reports/bolivia.toml --format pdf -o $tmp/out-one" \
        --case "typst CLI -j 1" "$T" "$cli -j 1 bolivia.typ $tmp/t-one1.pdf" \
        --case "typst binding (cold.py)" "$T" "$PY cold.py" \
        --case "floor: factsheet --version" "$repo" "$bin --version"
fi

if section 2; then
    echo
    echo "== 2a. 100 PDFs, 1 thread"
    "${timer[@]}" --runs "$batch_runs" --base "typst binding, 1 thread" \
        --case "typst binding, 1 thread" "$T" "env RAYON_NUM_THREADS=1 $PY $repo/bench/typst_threads.py 1 pack $tmp/t-b1" \
        --case "ours, 1 thread" "$repo" "env RAYON_NUM_THREADS=1 $bin build $tmp/ours100 --format pdf -o $tmp/o-1" \
        --case "typst CLI, one at a time, -j 1" "$T" "$repo/bench/typst_cli_many.sh 1 pack $tmp/t-c1"
    echo
    echo "== 2b. 100 PDFs, all $cores cores"
    "${timer[@]}" --runs "$batch_runs" --base "typst binding, $cores threads" \
        --case "typst binding, $cores threads" "$T" "$PY $repo/bench/typst_threads.py $cores pack $tmp/t-bn" \
        --case "ours, all cores" "$repo" "$bin build $tmp/ours100 --format pdf -o $tmp/o-n" \
        --case "typst CLI, $cores at a time" "$T" "$repo/bench/typst_cli_many.sh $cores pack $tmp/t-cn"
    echo "(typst_threads.py's own figures: loop_s and per_doc_ms exclude its start-up; setup_s is its compilers' set-up)"
fi

if section 3; then
    echo
    echo "== 3. the 100-country pack (PDF and DOCX each, combined documents) vs Typst's 100 PDFs"
    "${timer[@]}" --runs "$batch_runs" --base "typst binding, $cores threads: 100 PDFs" \
        --case "typst binding, $cores threads: 100 PDFs" "$T" "$PY $repo/bench/typst_threads.py $cores pack $tmp/t-p" \
        --case "ours, all cores: the pack" "$repo" "$(pack_cmd "$tmp/ours100" "$tmp/pack-n")" \
        --case "typst binding, 1 thread: 100 PDFs" "$T" "env RAYON_NUM_THREADS=1 $PY $repo/bench/typst_threads.py 1 pack $tmp/t-p1" \
        --case "ours, 1 thread: the pack" "$repo" "env RAYON_NUM_THREADS=1 $(pack_cmd "$tmp/ours100" "$tmp/pack-1")"
fi

if section 4; then
    echo
    echo "== 4. our pack: 100 and $big countries (time linear in countries, peak memory)"
    "${timer[@]}" --runs "$(( batch_runs > 3 ? 3 : batch_runs ))" --rss-runs 1 --base "ours: 100" \
        --case "ours: 100" "$repo" "$(pack_cmd "$tmp/ours100" "$tmp/lin-100")" \
        --case "ours: $big" "$repo" "$(pack_cmd "$tmp/ours$big" "$tmp/lin-$big")"
fi

echo
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at end"
