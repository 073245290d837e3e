#!/usr/bin/env bash
# Instructions executed (callgrind), the steady measure on a noisy machine:
# the same build executes the same instructions whatever else runs.
#
# usage: bench/instructions.sh [--keep DIR] [--typst REFERENCE_DIR] [CASE ...]
#
# CASEs (default: pdf docx both ten version):
#   pdf       factsheet build reports/bolivia.toml --format pdf (cold process)
#   docx      the same, --format docx
#   both      the same, PDF and DOCX
#   ten       factsheet build of 10 generated countries (bench/profiles.sh), PDF and DOCX, 1 thread
#   version   factsheet --version (start-up and exit)
#   typst     the Typst CLI on the Typst twin of the Bolivia factsheet (needs --typst)
#
# Prints the total and the part in memset/memcpy: valgrind counts a
# `rep stos`/`rep movs` string instruction once per byte, so those count
# far more than their time (a 1 MiB memset is about a million "instructions").
# --keep DIR keeps the callgrind.out files for callgrind_annotate.
# FACTSHEET_BIN=path measures that binary instead of building this tree's
# (to compare two builds).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
keep=
ref=
cases=()
while [ $# -gt 0 ]; do
    case "$1" in
        --keep) keep=$2; shift 2 ;;
        --typst) ref=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) cases+=("$1"); shift ;;
    esac
done
[ ${#cases[@]} -gt 0 ] || cases=(pdf docx both ten version)
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
if [ -n "${FACTSHEET_BIN:-}" ]; then
    bin=$(realpath "$FACTSHEET_BIN")
else
    (cd "$repo" && cargo build --release --quiet)
    bin=$repo/target/release/factsheet
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-ir.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
out=${keep:-$tmp}
mkdir -p "$out"

count() { # name dir command...
    local name=$1 dir=$2; shift 2
    local file="$out/callgrind.$name.out"
    (cd "$dir" && valgrind --tool=callgrind --callgrind-out-file="$file" "$@" >/dev/null 2>"$tmp/log") ||
        { cat "$tmp/log" >&2; exit 1; }
    callgrind_annotate "$file" 2>/dev/null | awk -v name="$name" '
        /PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
        /memset|memmove|memcpy/ { gsub(",", "", $1); string += $1 }
        END { printf "%-8s %14.0f instructions  (%5.1f%% in memset/memcpy)\n", name, total, 100 * string / total }'
}

for c in "${cases[@]}"; do
    case "$c" in
        pdf) count pdf "$repo" "$bin" build reports/bolivia.toml --format pdf -o "$tmp/o" ;;
        docx) count docx "$repo" "$bin" build reports/bolivia.toml --format docx -o "$tmp/o" ;;
        both) count both "$repo" "$bin" build reports/bolivia.toml -o "$tmp/o" ;;
        ten)
            [ -d "$tmp/ten" ] || "$repo/bench/profiles.sh" 10 "$tmp/ten"
            RAYON_NUM_THREADS=1 count ten "$repo" "$bin" build "$tmp/ten" -o "$tmp/o10" ;;
        version) count version "$repo" "$bin" --version ;;
        typst)
            [ -n "$ref" ] || { echo "typst: give the reference folder with --typst DIR" >&2; exit 2; }
            typst=${TYPST:-$(command -v typst)}
            cp -r "$ref" "$tmp/typst" && chmod -R u+w "$tmp/typst" && mkdir -p "$tmp/typst/fonts"
            ln -sf /usr/share/fonts/truetype/noto/NotoSans-{Regular,Bold,Italic,BoldItalic}.ttf \
                /usr/share/fonts/truetype/dejavu/DejaVuSans{,-Bold,-Oblique,-BoldOblique}.ttf "$tmp/typst/fonts/"
            count typst "$tmp/typst" "$typst" compile --font-path fonts --ignore-system-fonts bolivia.typ "$tmp/t.pdf" ;;
        *) echo "unknown case $c (see --help)" >&2; exit 2 ;;
    esac
done
