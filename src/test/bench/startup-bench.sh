#!/usr/bin/env bash
# Time to the first page: starts Dossier RUNS times (5) the way the README's command does (pom.xml's payara-micro
# options and JVM options, see start-dossier.sh) and measures, from launching the java process, when `GET /`
# first answers 200 with the home page (curl every 50 ms). Prints each run and the median for
#   (a) fresh:  the shipped content/ on an empty data folder,
#   (b) second: the shipped content/ on the data folder of a start before (a second start),
#   (c) corpus: the first ARTICLES (1,000) Markdown files of the corpus on an empty data folder; for these also
#       when all of them are listed (GET /api/articles, X-Total-Count) and searchable (GET /api/search).
# Each server is stopped with SIGTERM (a clean stop) before the next starts. The machine's load average
# (uptime) is printed beside each figure: on a shared machine compare runs made side by side.
#
#   mvn -DskipTests package && src/test/bench/startup-bench.sh [WAR]
#
# WAR (target/ROOT.war) lets the same script measure another build (copy its ROOT.war and payara-micro.jar into
# a folder: the payara-micro.jar beside the WAR is used when there is one). BASELINE_WAR (another build's WAR, the
# same way) starts that build before this one in every run, so that both meet the same noise: on a shared machine
# the only fair comparison. Settings through the environment: RUNS (5), ARTICLES (1000), CORPUS
# (../shared/corpus/markdown, else $DOSSIER_BENCH_CORPUS/markdown), SCENARIOS ("fresh second corpus"), LIMIT (600:
# seconds a start may take before it counts as failed), JAVA_OPTS (default: pom.xml's), MICRO (the server jar).
set -euo pipefail
cd "$(dirname "$0")/../../.."

WAR=$(realpath "${1:-target/ROOT.war}")
RUNS=${RUNS:-5}
ARTICLES=${ARTICLES:-1000}
SCENARIOS=${SCENARIOS:-"fresh second corpus"}
LIMIT=${LIMIT:-600}
if [ -z "${MICRO:-}" ]; then
  if [ -f "$(dirname "$WAR")/payara-micro.jar" ]; then MICRO=$(dirname "$WAR")/payara-micro.jar; else MICRO=target/payara-micro.jar; fi
fi
export MICRO
CORPUS=${CORPUS:-}
[ -z "$CORPUS" ] && for c in ../shared/corpus/markdown "${DOSSIER_BENCH_CORPUS:-/nonexistent}/markdown"; do
  [ -d "$c" ] && CORPUS=$c && break
done
[ -f "$WAR" ] && [ -f "$MICRO" ] || { echo "needs $WAR and $MICRO: mvn -DskipTests verify" >&2; exit 1; }

source src/test/bench/start-dossier.sh
work=$(mktemp -d /tmp/dossier-startup.XXXXXX)
app_pid=""
stop() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid"
    for _ in $(seq 1 600); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$app_pid" 2>/dev/null && kill -KILL "$app_pid"
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
trap 'stop; rm -rf "$work"' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
load() { uptime | sed 's/.*load average: //'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }

# One start: launches, polls / every 50 ms until it is the home page; sets first_ms (-1: no page within LIMIT s).
run_once() {
  local content=$1 data=$2 log=$3
  port=$(free_port)
  local t0
  t0=$(now_ms)
  launch_dossier "$WAR" "$port" "$content" "$data" "$log"
  first_ms=-1
  while [ $(( $(now_ms) - t0 )) -lt $(( LIMIT * 1000 )) ]; do
    if [ "$(curl -s -o "$work/home.html" -w '%{http_code}' "http://127.0.0.1:$port/" 2>/dev/null)" = 200 ] \
        && grep -q 'Latest analysis' "$work/home.html"; then
      first_ms=$(( $(now_ms) - t0 ))
      break
    fi
    kill -0 "$app_pid" 2>/dev/null || { echo "the server stopped; see $log" >&2; exit 1; }
    sleep 0.05
  done
  start_ms=$t0
}

# After a start on the corpus: polls until every article is listed and searchable; sets listed_ms and searchable_ms
# (from launch) and total. Done = two polls a second apart with the same count, that count also found by search,
# and the import's closing line in the log.
wait_for_all() {
  local log=$1 polls=$work/polls
  : > "$polls"
  local deadline=$(( $(now_ms) + 600000 )) stable=0 last=-1
  while [ "$(now_ms)" -lt "$deadline" ]; do
    local t listed searchable
    t=$(( $(now_ms) - start_ms ))
    listed=$(curl -s -D - -o /dev/null "http://127.0.0.1:$port/api/articles?limit=1" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-total-count" { print $2 }' || true)
    searchable=$(curl -s "http://127.0.0.1:$port/api/search?q=-zqxjvwk&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>/dev/null || echo -1)
    echo "$t ${listed:--1} $searchable" >> "$polls"
    if grep -q 'Content import from' "$log" && [ "${listed:--1}" = "$searchable" ] && [ "$searchable" = "$last" ]; then
      stable=$((stable + 1))
      [ $stable -ge 4 ] && break
    else
      stable=0
    fi
    last=$searchable
    sleep 0.25
  done
  total=$last
  listed_ms=$(awk -v n="$total" '$2 == n { print $1; exit }' "$polls")
  searchable_ms=$(awk -v n="$total" '$3 == n { print $1; exit }' "$polls")
}

echo "$(nproc) cores; $RUNS starts per case and build; JVM options: ${JAVA_OPTS:-$(pom_java_opts)}"
builds=(this)
war_of_this=$WAR
micro_of_this=$MICRO
if [ -n "${BASELINE_WAR:-}" ]; then
  # Payara Micro takes the context root from the file name: the baseline must be called ROOT.war too.
  mkdir -p "$work/baseline" && cp "$BASELINE_WAR" "$work/baseline/ROOT.war"
  war_of_baseline=$work/baseline/ROOT.war
  micro_of_baseline=$MICRO
  [ -f "$(dirname "$(realpath "$BASELINE_WAR")")/payara-micro.jar" ] && micro_of_baseline=$(dirname "$(realpath "$BASELINE_WAR")")/payara-micro.jar
  builds=(baseline this)
  echo "baseline: $BASELINE_WAR with $micro_of_baseline"
fi
echo "this: $WAR with $MICRO"
corpus_dir=$work/corpus
if [[ " $SCENARIOS " == *" corpus "* ]]; then
  [ -n "$CORPUS" ] || { echo "no corpus: set CORPUS" >&2; exit 1; }
  mkdir -p "$corpus_dir"
  (cd "$CORPUS" && find . -name '*.md' ! -name 'LICENSE.md' ! -path './README.md' | LC_ALL=C sort > "$work/corpus-files")
  head -n "$ARTICLES" "$work/corpus-files" | while read -r f; do
    mkdir -p "$corpus_dir/$(dirname "$f")"
    cp "$CORPUS/$f" "$corpus_dir/$f"
  done
  echo "corpus: $(find "$corpus_dir" -name '*.md' | wc -l) files from $CORPUS"
fi

# Figures kept per build and scenario in files: one number (ms) a line.
record() { echo "$3" >> "$work/fig-$1-$2"; }
summary() {
  local f=$work/fig-$1-$2
  [ -s "$f" ] && secs "$(median < "$f")" || echo "n/a"
}

for scenario in $SCENARIOS; do
  for run in $(seq 1 "$RUNS"); do
    # Each run starts every build once, one after the other, so that they meet the same noise.
    for build in "${builds[@]}"; do
      eval "WAR=\$war_of_$build; MICRO=\$micro_of_$build"
      export MICRO
      data=$work/data-$build-$scenario-$run
      content=./content
      [ "$scenario" = corpus ] && content=$corpus_dir
      log=$work/$build-$scenario-$run.log
      if [ "$scenario" = second ]; then
        # The first start makes the data folder; only the second is measured.
        run_once "$content" "$data" "$work/$build-$scenario-$run-first.log"
        stop
      fi
      before_load=$(load)
      run_once "$content" "$data" "$log"
      extra=""
      if [ "$first_ms" -lt 0 ]; then
        extra=" | no home page within $LIMIT s: left out of the median"
      else
        record "$build" "$scenario" "$first_ms"
        if [ "$scenario" = corpus ]; then
          wait_for_all "$log"
          extra=" | all $total listed at $(secs "${listed_ms:--1}") s, searchable at $(secs "${searchable_ms:--1}") s"
          [ -n "${listed_ms:-}" ] && record "$build" listed "$listed_ms"
          [ -n "${searchable_ms:-}" ] && record "$build" searchable "$searchable_ms"
        fi
      fi
      console_lines=$(wc -l < "$log")
      stop
      printf '%-8s %-7s run %d: first page %7s s  (console %d lines; load before %s)%s\n' "$build" "$scenario" "$run" \
        "$(secs "$first_ms")" "$console_lines" "$before_load" "$extra"
      rm -rf "$data"
    done
  done
  for build in "${builds[@]}"; do
    printf '%-8s %-7s median first page: %s s over %d starts (load now %s)\n' "$build" "$scenario" \
      "$(summary "$build" "$scenario")" "$(cat "$work/fig-$build-$scenario" 2>/dev/null | wc -l)" "$(load)"
    if [ "$scenario" = corpus ]; then
      printf '%-8s %-7s median all listed: %s s, all searchable: %s s\n' "$build" "$scenario" \
        "$(summary "$build" listed)" "$(summary "$build" searchable)"
    fi
  done
done
