#!/usr/bin/env bash
# Generated country profiles for the benchmarks: the twins of the ones the
# Typst reference's make_pack.py writes, so that both tools set the same text.
#
# usage: bench/profiles.sh N DIR
#
# DIR gets the theme, locales and assets of reports/ and N profiles
# 001.toml ... : reports/bolivia.toml with "Bolivia" replaced by
# "Country 001" ... everywhere, as make_pack.py does to its bolivia.toml
# (whose paragraphs and footnote are the same text as ours).
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 N DIR" >&2; exit 2; }
n=$1
dir=$2
repo=$(cd "$(dirname "$0")/.." && pwd)

mkdir -p "$dir"
cp "$repo/reports/theme.toml" "$dir/"
cp -r "$repo/reports/locales" "$repo/reports/assets" "$dir/"
for i in $(seq -f '%03g' 1 "$n"); do
    sed "s/Bolivia/Country $i/g" "$repo/reports/bolivia.toml" > "$dir/$i.toml"
done
