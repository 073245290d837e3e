#!/usr/bin/env bash
# The Typst CLI on many profiles, one `typst compile` process each, JOBS at
# a time: how a user without a pack tool of Typst's would script it.
#
# usage: typst_cli_many.sh JOBS PROFILE_DIR OUT_DIR   (run in the Typst reference folder)
#
# Each process gets `-j 1` when JOBS > 1 (the processes are the
# parallelism); alone, it keeps Typst's own threads. TYPST is the CLI
# (default: typst on PATH).
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 JOBS PROFILE_DIR OUT_DIR" >&2; exit 2; }
jobs=$1
src=$2
out=$3
typst=${TYPST:-typst}
mkdir -p "$out"
rm -f "$out"/*.pdf
threads=()
[ "$jobs" -le 1 ] || threads=(-j 1)
export typst out
printf '%s\n' "$src"/[0-9]*.toml |
    xargs -P "$jobs" -I{} sh -c 'f="$1"; shift; n=$(basename "$f" .toml); exec "$typst" compile "$@" --font-path fonts --ignore-system-fonts --input data="$f" bolivia.typ "$out/$n.pdf"' _ {} "${threads[@]}"
