#!/usr/bin/env bash
# Whole-process timings of factsheet beside Typst, in one run on this machine.
#
# usage: bench/compare.sh [--runs N] [--batch-runs M] [TYPST_REFERENCE_DIR]
#
#   --runs N          timed runs of each one-factsheet case (default 10)
#   --batch-runs M    timed runs of each 100-factsheet case (default N/2, at least 3)
#   TYPST_REFERENCE_DIR   the Typst reference folder (factsheet.typ, cold.py,
#                     make_pack.py, pack_many.py); default ../shared/reference/typst
#                     beside this repository. It is only read: the script works
#                     on a temporary copy.
#
# Needs: cargo, python3 with `typst` (pip install typst==0.15.0), the Noto Sans
# and DejaVu Sans fonts under /usr/share/fonts (fonts-noto-core, fonts-dejavu-core).
#
# Cases (cases in one block run interleaved, so machine noise hits all alike):
#   1. one factsheet, cold process: `factsheet build bolivia.toml --format pdf`
#      vs Typst's cold.py (interpreter start-up, `import typst` and Python's
#      own start-up shown as floors);
#   2. 100 factsheets, one process: `factsheet build DIR --format pdf` (all
#      cores, and 1 thread) vs Typst's pack_many.py (100 PDFs, one compiler);
#   3. DOCX: one factsheet and 100 in one process, factsheet alone.
# Where /dev/shm exists, a case writing there (a RAM file system) shows how
# much of our time is the disk.
set -euo pipefail

runs=10
batch_runs=
ref=
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --batch-runs) batch_runs=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) ref=$1; shift ;;
    esac
done
[ -n "$batch_runs" ] || batch_runs=$(( runs / 2 > 3 ? runs / 2 : 3 ))

repo=$(cd "$(dirname "$0")/.." && pwd)
ref=${ref:-$repo/../shared/reference/typst}
if [ ! -f "$ref/cold.py" ] || [ ! -f "$ref/pack_many.py" ]; then
    echo "no Typst reference folder at $ref (give its path as an argument)" >&2
    exit 2
fi
ref=$(cd "$ref" && pwd)
# The interpreter itself, not a version-manager shim (a shim adds a start-up of its own).
PY=$(python3 -c 'import sys; print(sys.executable)')
"$PY" -c 'import typst' 2>/dev/null || { echo "python module typst missing: pip install typst==0.15.0" >&2; exit 2; }
timer=(python3 "$repo/bench/proc_time.py")

echo "== building (cargo build --release)"
(cd "$repo" && cargo build --release --quiet)
bin=$repo/target/release/factsheet

tmp=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-bench.XXXXXX")
shm=
trap 'rm -rf "$tmp" ${shm:+"$shm"}' EXIT
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    shm=$(mktemp -d /dev/shm/factsheet-bench.XXXXXX)
fi

# Typst: a writable copy of the reference folder, with its fonts/ of symlinks
# and its 100-profile pack.
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

# Ours: 100 profiles, the Bolivia one with the country renamed, beside the
# same theme, locales and assets as reports/.
pack=$tmp/ours/pack
mkdir -p "$pack"
cp "$repo/reports/theme.toml" "$pack/"
cp -r "$repo/reports/locales" "$repo/reports/assets" "$pack/"
for i in $(seq -f '%03g' 1 100); do
    sed "s/Bolivia/Country $i/g" "$repo/reports/bolivia.toml" > "$pack/$i.toml"
done

echo "== machine"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:     $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at start"
echo "ours:    factsheet $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet HEAD 2>/dev/null || echo ' (uncommitted changes)')"
echo "typst:   $("$PY" -c 'import typst; print(typst.__version__)') (Python binding, $("$PY" -c 'import sys; print(sys.version.split()[0])'))"

echo
echo "== 1. one factsheet (Bolivia, PDF), cold process"
one_shm=()
[ -z "$shm" ] || one_shm=(--case "ours, output on tmpfs" "$repo" "$bin build reports/bolivia.toml --format pdf -o $shm/out-one")
"${timer[@]}" --runs "$runs" --base ours \
    --case ours "$repo" "$bin build reports/bolivia.toml --format pdf -o $tmp/out-one" \
    "${one_shm[@]}" \
    --case typst "$tmp/typst" "$PY cold.py" \
    --case "floor: python + import typst" "$tmp/typst" "$PY -c 'import typst'" \
    --case "floor: python" "$tmp/typst" "$PY -c pass"

echo
echo "== 2. 100 factsheets (PDF), one process"
pack_shm=()
[ -z "$shm" ] || pack_shm=(--case "ours, output on tmpfs" "$repo" "$bin build $pack --format pdf -o $shm/out-pack")
"${timer[@]}" --runs "$batch_runs" --base ours \
    --case ours "$repo" "$bin build $pack --format pdf -o $tmp/out-pack" \
    --case "ours, 1 thread" "$repo" "env RAYON_NUM_THREADS=1 $bin build $pack --format pdf -o $tmp/out-pack1" \
    "${pack_shm[@]}" \
    --case "typst pack_many.py" "$tmp/typst" "$PY pack_many.py"
echo "(pack_many.py's own figures: loop_s and per_doc_ms exclude start-up; setup_s is its compiler set-up)"

echo
echo "== 3. DOCX, cold process (factsheet alone)"
if "$bin" build "$repo/reports/bolivia.toml" --format docx -o "$tmp/out-docx-probe" >/dev/null 2>&1; then
    "${timer[@]}" --runs "$runs" \
        --case "ours, one DOCX" "$repo" "$bin build reports/bolivia.toml --format docx -o $tmp/out-docx-one"
    "${timer[@]}" --runs "$batch_runs" \
        --case "ours, 100 DOCX" "$repo" "$bin build $pack --format docx -o $tmp/out-docx-pack"
else
    echo "DOCX: writer not available in this build; skipped"
fi

echo
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at end"
