#!/usr/bin/env bash
# Whole-build benchmarks (issue 7): times `bilan build` with hyperfine on synthetic
# projects of 20, 200 and 2,000 proposals with their peak memory (and the sample's),
# survey statistics on long CSVs of 10 k,
# 1 M and 5 M answers in three shapes (`;` quoted, `,` quoted where needed, `,` unquoted;
# time and peak memory, alternated with DuckDB's GROUP BY), and, when a
# `typst` CLI is on the PATH, the same fact sheets compiled one process per document.
#
#   scripts/bench.sh [OUT_DIR]      (default /tmp/bilan-bench)
#
# Needs: hyperfine (apt-get install hyperfine), GNU time (apt-get install time),
# python3 with duckdb (pip install duckdb) for the comparison. Results: OUT_DIR/*.json
# and a markdown summary on stdout. Medians are reported; the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/bilan-bench}
mkdir -p "$out"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --quiet --bin bilan --example scale_data
bilan="$CARGO_TARGET_DIR/release/bilan"
gen="$CARGO_TARGET_DIR/release/examples/scale_data"
export SOURCE_DATE_EPOCH=1763164800

echo "## machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['median']:.3f}\")" "$1"; }

# Peak resident memory of one run (GNU time's maximum RSS), in MB.
peak_mb() {
  /usr/bin/time -f '%M' -o "$out/peak.txt" "$@" >/dev/null 2>&1
  awk '{print int($1 / 1024)}' "$out/peak.txt"
}

echo "## whole builds (note + fact sheets + workbook), survey of 10 k answers"
echo "| proposals | median (s) | per document (ms) | peak RSS (MB) |"
echo "| ---: | ---: | ---: | ---: |"
echo "| the sample (20) | – | – | $(peak_mb "$bilan" --config bilan.toml --quiet build) |"
for n in 20 200 2000; do
  dir="$out/p$n"
  [ -f "$dir/bilan.toml" ] || "$gen" "$dir" --proposals "$n" --answers 10000 >/dev/null 2>&1
  runs=5; [ "$n" -ge 2000 ] && runs=3
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$out/build-$n.json" \
    "$bilan --config $dir/bilan.toml --quiet build" >/dev/null
  m=$(median "$out/build-$n.json")
  echo "| $n | $m | $(python3 -c "print(f'{$m*1000/($n+1):.1f}')") | $(peak_mb "$bilan" --config "$dir/bilan.toml" --quiet build) |"
done
echo
echo "2,000 proposals / 200 proposals: $(python3 -c "print(f'{$(median "$out/build-2000.json")/$(median "$out/build-200.json"):.2f}')") (target: at most 11)"
echo

echo "## survey statistics, long CSV (bilan stats --format json) against DuckDB's GROUP BY"
# Three shapes of the same answers (issue 16): the generator's `;` file with every
# statement quoted; `,` quoted only where a cell needs it (python's QUOTE_MINIMAL);
# `,` with no quote at all (the commas inside statements replaced by " -"). bilan and
# DuckDB run alternately (A B, B A, ...) after a warm-up each: on a shared machine
# separate series would see different loads. DuckDB's time includes starting Python.
# CPU seconds (user + system, medians) are the fairer figure when other work shares
# the cores: a process then gets the cores in proportion to its runnable threads.
echo "| answers | shape | bilan median (s) | DuckDB median (s) | bilan / DuckDB | bilan CPU (s) | DuckDB CPU (s) | bilan peak RSS (MB) | load |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
have_duck=0; python3 -c "import duckdb" 2>/dev/null && have_duck=1
cat > "$out/duck.py" <<'PY'
import duckdb, sys
path, delim = sys.argv[1], sys.argv[2]
duckdb.sql(f"SELECT affirmation, \"réponse\", count(*) FROM read_csv('{path}', delim='{delim}', header=true) GROUP BY 1, 2").fetchall()
PY
cat > "$out/alternate.py" <<'PY'
import os, statistics, subprocess, sys, time
runs, commands = int(sys.argv[1]), sys.argv[2:]
times = [[] for _ in commands]
cpu = [[] for _ in commands]
def run(c):
    t = time.perf_counter()
    p = subprocess.Popen(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"failed: {c}")
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime
for c in commands:
    run(c)
for i in range(runs):
    for k in (range(len(commands)) if i % 2 == 0 else reversed(range(len(commands)))):
        wall, seconds = run(commands[k]); times[k].append(wall); cpu[k].append(seconds)
# Wall medians, then CPU (user + system) medians, then the load.
print(" ".join(f"{statistics.median(t):.3f}" for t in times + cpu), f"{os.getloadavg()[0]:.1f}")
PY
for m in 10000 1000000 5000000; do
  dir="$out/s$m"
  [ -f "$dir/bilan.toml" ] || "$gen" "$dir" --proposals 20 --answers "$m" --shape long >/dev/null 2>&1
  for shape in semicolon-quoted comma-where-needed comma-unquoted; do
    sdir="$dir"; delim=';'
    if [ "$shape" != semicolon-quoted ]; then
      sdir="$out/s$m-$shape"; delim=','
      if [ ! -f "$sdir/bilan.toml" ]; then
        mkdir -p "$sdir/inputs"; cp "$dir/bilan.toml" "$sdir/"; cp "$dir/inputs/propositions.xlsx" "$sdir/inputs/"
        python3 - "$dir/inputs/survey-long.csv" "$sdir/inputs/survey-long.csv" "$shape" <<'PY'
import csv, sys
src, dst, shape = sys.argv[1:]
with open(src, newline="", encoding="utf-8") as i, open(dst, "w", newline="", encoding="utf-8") as o:
    w = csv.writer(o, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for row in csv.reader(i, delimiter=";"):
        if shape == "comma-where-needed":
            w.writerow(row)
        else:
            o.write(",".join(f.replace(",", " -") for f in row) + "\n")
PY
      fi
    fi
    csv="$sdir/inputs/survey-long.csv"
    rss=$( { /usr/bin/time -f '%M' "$bilan" --config "$sdir/bilan.toml" stats --format json >/dev/null; } 2>&1 | tail -1)
    if [ "$have_duck" = 1 ]; then
      read -r b d bc dc load < <(python3 "$out/alternate.py" 7 \
        "$bilan --config $sdir/bilan.toml stats --format json" "python3 $out/duck.py $csv '$delim'")
      ratio=$(python3 -c "print(f'{$b/$d:.2f}')")
    else
      read -r b bc load < <(python3 "$out/alternate.py" 7 "$bilan --config $sdir/bilan.toml stats --format json")
      d="–"; ratio="–"; dc="–"
    fi
    echo "| $m | $shape | $b | $d | $ratio | $bc | $dc | $((rss / 1024)) | $load |"
  done
done
echo

# bilan against the typst CLI on the same documents: each document gets a folder
# with the templates and its JSON, and `typst compile` runs once per document, as a
# script calling the CLI would. Needs `typst` 0.15 on the PATH
# (cargo install typst-cli --version 0.15.1 --locked).
#   sample       the sample build (note, 20 fact sheets, workbook) against the CLI
#                compiling the note and the 20 fact sheets;
#   note         the sample's note alone (outputs.documents = ["note"], no workbook)
#                against the CLI compiling the note: the part of the sample build
#                that compiling in-process shortens least (one process start);
#   fiches-2000  the 2,000 fact sheets alone (outputs.documents = ["fiches"], no
#                workbook) against the CLI compiling the same 2,000 fact sheets.
if command -v typst >/dev/null 2>&1; then
  echo "## bilan vs one typst CLI process per document ($(typst --version))"
  echo "| case | documents | bilan median (s) | typst CLI median (s) | bilan / CLI | bilan per document (ms) | CLI per document (ms) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for case in sample note fiches-2000; do
    if [ "$case" = sample ]; then
      config=bilan.toml; rep=reports/2025; with_note=1; with_fiches=1
    elif [ "$case" = note ]; then
      # A copy of the sample project that makes the note only.
      proj="$out/note-only"; rm -rf "$proj"; mkdir -p "$proj"
      cp -r bilan.toml inputs templates "$proj"
      sed -i 's/^documents = .*/documents = ["note"]/; s/^workbook = .*/workbook = false/' "$proj/bilan.toml"
      config="$proj/bilan.toml"; rep="$proj/reports/2025"; with_note=1; with_fiches=0
    else
      config="$out/p2000/fiches.toml"; rep="$out/p2000/reports/2025"; with_note=0; with_fiches=1
      sed 's/^\[inputs\]/[outputs]\ndocuments = ["fiches"]\nworkbook = false\n\n[inputs]/' \
        "$out/p2000/bilan.toml" > "$config"
      # data.json of the whole project, for the CLI's copies of the fact sheets' data.
      "$bilan" --config "$out/p2000/bilan.toml" --quiet build
    fi
    "$bilan" --config "$config" --quiet build
    tdir="$out/typst-$case"; rm -rf "$tdir"; mkdir -p "$tdir"
    python3 - "$rep/data.json" "$tdir" templates "$with_note" "$with_fiches" <<'PY'
import json, os, shutil, sys
data = json.load(open(sys.argv[1])); tdir = sys.argv[2]; templates = sys.argv[3]
with_note = sys.argv[4] == "1"; with_fiches = sys.argv[5] == "1"
def folder(name):
    d = os.path.join(tdir, name); shutil.copytree(templates, os.path.join(d, "templates")); return d
with open(os.path.join(tdir, "jobs.txt"), "w") as jobs:
    if with_note:
        d = folder("note"); json.dump(data, open(os.path.join(d, "data.json"), "w"))
        jobs.write(f"{d} note.typ\n")
    for i, item in enumerate(data["proposals"]["items"] if with_fiches else []):
        d = folder(f"f{i:05}")
        json.dump({"generator": data["generator"], "report": data["report"], "proposal": item, "sources": data["sources"], "fit": 0}, open(os.path.join(d, "fiche.json"), "w"))
        jobs.write(f"{d} fiche.typ\n")
PY
    docs=$(wc -l < "$tdir/jobs.txt")
    cat > "$tdir/run.sh" <<SH
#!/usr/bin/env bash
set -e
while read -r d t; do
  typst compile --root "\$d" --font-path "$PWD/fonts" --ignore-system-fonts --ignore-embedded-fonts \
    --pdf-standard ua-1 --pdf-standard a-2b "\$d/templates/\$t" "\$d/out.pdf"
done < "$tdir/jobs.txt"
SH
    chmod +x "$tdir/run.sh"
    # 2,000 typst processes take over a minute: one run each side there, after a
    # warm-up of bilan (the CLI's files are warm from being written).
    runs=10; warm=1; [ "$case" = fiches-2000 ] && runs=1
    hyperfine --style none --warmup "$warm" --runs "$runs" --export-json "$out/vs-bilan-$case.json" \
      "$bilan --config $config --quiet build" >/dev/null
    hyperfine --style none --warmup 0 --runs "$runs" --export-json "$out/vs-typst-$case.json" "$tdir/run.sh" >/dev/null
    b=$(median "$out/vs-bilan-$case.json"); t=$(median "$out/vs-typst-$case.json")
    python3 -c "print(f'| $case | $docs | $b | $t | {$b/$t:.3f} | {$b*1000/$docs:.1f} | {$t*1000/$docs:.1f} |')"
  done
  echo
  # The sample target against the note: bilan compiles the note with the same typst
  # and templates as the CLI, so the sample build cannot end before the note does.
  python3 -c "print(f'sample target, a quarter of the CLI: {$(median "$out/vs-typst-sample.json")/4:.3f} s; the note alone: bilan $(median "$out/vs-bilan-note.json") s, CLI $(median "$out/vs-typst-note.json") s')"
fi
