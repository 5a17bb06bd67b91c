#!/usr/bin/env bash
# Issue 7's "all fact sheets in one compilation" question: bilan (one compilation per
# fact sheet, in process) against typst 0.15's experimental bundle target (every fact
# sheet a `document` of one compilation, each exported as its own tagged PDF), run by
# the typst CLI. Page ranges of one big document are no option: typst 0.15 refuses
# them for tagged PDF.
#
#   scripts/bench-bundle.sh PROJECT_DIR [RUNS]
#
# PROJECT_DIR is a project made by examples/scale_data.rs (scripts/bench.sh makes
# /tmp/bilan-bench/p200 and p2000). Needs hyperfine, python3 and `typst` 0.15 on the
# PATH. The bundle template is fiche.typ wrapped in a function, set at 10.5 pt (no
# size steps: a bundle cannot be recompiled sheet by sheet).
set -euo pipefail
cd "$(dirname "$0")/.."
project=$(realpath "$1")
runs=${2:-3}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --quiet --bin bilan
bilan="$CARGO_TARGET_DIR/release/bilan"
export SOURCE_DATE_EPOCH=1763164800

config="$project/fiches.toml"
sed 's/^\[inputs\]/[outputs]\ndocuments = ["fiches"]\nworkbook = false\n\n[inputs]/' \
  "$project/bilan.toml" > "$config"
"$bilan" --config "$project/bilan.toml" --quiet build  # data.json of every proposal

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/templates"
cp templates/common.typ "$work/templates/"
cp "$project/reports/2025/data.json" "$work/data.json"
python3 - templates/fiche.typ "$work/templates/bundle.typ" <<'PY'
import sys
fiche = open(sys.argv[1]).read()
body = fiche[fiche.index("#let source-text = {"):fiche.index("// The size step bilan asked for")]
head = """#import "common.typ": *
#let data = json("/data.json")
#let report = data.report
#let lang = if report.language == "en" { "en" } else { "fr" }
#let t(key) = ui(lang, key)
#let sep = colon(lang)
#let short-title = if report.short_title != none { report.short_title } else { report.title }

#let fiche(it) = [
"""
tail = """#sheet(10.5pt)
]

#for it in data.proposals.items {
  document(
    "fiches/" + it.file,
    title: it.id + " — " + it.title,
    author: report.author,
    description: t("fiche-kind") + " — " + report.title + " — " + report.date_text,
    keywords: (report.organisation, short-title, str(report.edition), it.id, it.theme),
    fiche(it),
  )
}
"""
open(sys.argv[2], "w").write(head + body + tail)
PY

# typst's threads overflow their default stack on 2,000 documents: 64 MiB, as bilan.
export RUST_MIN_STACK=67108864
hyperfine --style basic --warmup 1 --runs "$runs" \
  "$bilan --config $config --quiet build" \
  "typst compile --features bundle --format bundle --root $work --font-path $PWD/fonts \
     --ignore-system-fonts --ignore-embedded-fonts --pdf-standard ua-1 --pdf-standard a-2b \
     $work/templates/bundle.typ $work/out"
echo "fact sheets written by the bundle: $(find "$work/out" -name '*.pdf' | wc -l)"
