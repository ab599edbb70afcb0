#!/usr/bin/env bash
# Dossier against nginx serving a saved copy of the same article page, measured in the same run and
# interleaved (this machine is shared and noisy: ratios hold, absolute figures don't).
#
#   mvn -DskipTests verify && src/test/bench/http-bench.sh
#
# Needs Debian's wrk and nginx (apt-get install wrk nginx). Settings through the environment:
#   CONNECTIONS (32), THREADS (2), DURATION (10s), ROUNDS (2), CONTENT (./content: set it to a bigger
#   folder such as ../shared/corpus/markdown for a realistic index), ARTICLE (open-weights-release-delays),
#   QUERY (on-premise deployment), BASELINE_WAR (another build's WAR, for example of an earlier commit: it runs
#   beside this one and every address is measured on both, one after the other in each round, so a change is
#   compared with its baseline under the same load; the summary gives after ÷ before), WARMUP (10s per address: the JIT needs about half a minute of traffic before the
#   cached pages reach their speed), JAVA_OPTS (the server's JVM options; the default is the one in pom.xml and
#   the Dockerfile).
set -euo pipefail
cd "$(dirname "$0")/../../.."

CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-2}
CONTENT=${CONTENT:-./content}
ARTICLE=${ARTICLE:-open-weights-release-delays}
QUERY=${QUERY:-on-premise deployment}
WARMUP=${WARMUP:-10s}
JAVA_OPTS=${JAVA_OPTS:-"-Xms32m -Xmx256m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"}

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "needs $tool: apt-get install $tool" >&2; exit 1; }
done
[ -f target/ROOT.war ] && [ -f target/payara-micro.jar ] || { echo "build first: mvn -DskipTests verify (makes target/ROOT.war and target/payara-micro.jar)" >&2; exit 1; }

work=$(mktemp -d /tmp/dossier-bench.XXXXXX)
source src/test/bench/start-dossier.sh
app_port=$(free_port)
static_port=$(free_port)
base_port=$(free_port)
app_pid=""
base_pid=""
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$base_pid" ] && kill "$base_pid" 2>/dev/null || true
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

echo "Starting Dossier on :$app_port with content from $CONTENT (data in $work/data) ..."
start_dossier target/ROOT.war "$app_port" "$CONTENT" "$work/data" "$work/dossier.log"
if [ -n "${BASELINE_WAR:-}" ]; then
  this_pid=$app_pid
  echo "Starting the baseline $BASELINE_WAR on :$base_port (data in $work/base-data) ..."
  # Payara Micro takes the context root from the file name: the baseline must be called ROOT.war too.
  mkdir -p "$work/baseline-war" && cp "$BASELINE_WAR" "$work/baseline-war/ROOT.war"
  start_dossier "$work/baseline-war/ROOT.war" "$base_port" "$CONTENT" "$work/base-data" "$work/baseline.log"
  base_pid=$app_pid
  app_pid=$this_pid
fi

mkdir -p "$work/static" "$work/nginx"
curl -sf "http://127.0.0.1:$app_port/articles/$ARTICLE" > "$work/static/article.html"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  server { listen 127.0.0.1:$static_port; root $work/static; location / { default_type text/html; } }
}
CONF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
sleep 1

q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$QUERY")
declare -A url=(
  [nginx-static-copy]="http://127.0.0.1:$static_port/article.html"
  [article]="http://127.0.0.1:$app_port/articles/$ARTICLE"
  [home]="http://127.0.0.1:$app_port/"
  [search]="http://127.0.0.1:$app_port/search?q=$q"
  [search-uncached]="http://127.0.0.1:$app_port/search?q=$q"
  [feed]="http://127.0.0.1:$app_port/feed.atom"
)
order=(nginx-static-copy article home search feed search-uncached)
if [ -n "$base_pid" ]; then
  interleaved=(nginx-static-copy)
  for name in "${order[@]:1}"; do
    url[$name@before]=${url[$name]/:$app_port\//:$base_port/}
    interleaved+=("$name" "$name@before")
  done
  order=("${interleaved[@]}")
fi
# search-uncached: every request a different query (the same words and an exclusion of a word no article has, so the
# same results), so no result page is ever kept and each one runs the query and renders the page, as for readers
# who each search for something new. (An unused parameter no longer does it: the kept pages' key leaves it out.)
cat > "$work/unique.lua" <<'LUA'
local threads = 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) n = 0 end
function request() n = n + 1; return wrk.format(nil, wrk.path .. "+-zq" .. id .. "n" .. n) end
LUA
script() { [ "${1%@before}" = search-uncached ] && echo "-s $work/unique.lua" || true; }

# Warm-up: the JIT and the page cache, as a site in service has them.
for name in "${order[@]}"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" $(script "$name") "${url[$name]}" >/dev/null; done

declare -A rps p50 p99
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } }'; }
for round in $(seq 1 "$ROUNDS"); do
  for name in "${order[@]}"; do
    if [ "$name" = search-uncached ] && [ "$round" = "$ROUNDS" ]; then
      rss_cached=$(ps -o rss= -p "$app_pid" | tr -d ' ')
    fi
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency $(script "$name") "${url[$name]}")
    r=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    a=$(echo "$out" | awk '$1=="50%" {print $2}' | to_ms)
    b=$(echo "$out" | awk '$1=="99%" {print $2}' | to_ms)
    errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
    echo "round $round  $(printf '%-24s' "$name") $(printf '%9.0f' "$r") req/s  p50 $(printf '%6.2f' "$a") ms  p99 $(printf '%7.2f' "$b") ms  $errors"
    rps[$name]="${rps[$name]:-} $r"; p50[$name]="${p50[$name]:-} $a"; p99[$name]="${p99[$name]:-} $b"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR]=$1 } END { print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2 }'; }
echo
echo "Medians of $ROUNDS rounds, $CONNECTIONS connections, $DURATION each:"
printf '%-24s %10s %9s %9s %16s\n' "" "req/s" "p50 ms" "p99 ms" "× nginx static"
base=$(echo "${rps[nginx-static-copy]}" | median)
for name in "${order[@]}"; do
  r=$(echo "${rps[$name]}" | median)
  printf '%-24s %10.0f %9.2f %9.2f %16.3f\n' "$name" "$r" "$(echo "${p50[$name]}" | median)" "$(echo "${p99[$name]}" | median)" \
    "$(awk -v a="$r" -v b="$base" 'BEGIN { print a / b }')"
done
if [ -n "$base_pid" ]; then
  echo
  echo "This build ÷ baseline (medians of req/s; 1.00 = the same):"
  for name in "${order[@]}"; do
    case $name in nginx-static-copy|*@before) continue ;; esac
    printf '%-24s %6.2f\n' "$name" "$(awk -v a="$(echo "${rps[$name]}" | median)" -v b="$(echo "${rps[$name@before]}" | median)" 'BEGIN { print a / b }')"
  done
fi
rss=$(ps -o rss= -p "$app_pid" | tr -d ' ')
echo
echo "Dossier resident memory after the run: $((rss / 1024)) MB (before the last round of search-uncached: $((rss_cached / 1024)) MB)"
command -v jcmd >/dev/null && jcmd "$app_pid" GC.heap_info 2>/dev/null | grep -E "total|Metaspace" | sed 's/^/  /' || true
echo "  threads: $(ls /proc/$app_pid/task | wc -l)"
# With -XX:NativeMemoryTracking=summary in JAVA_OPTS: where the resident memory goes (committed, by area).
case "$JAVA_OPTS" in *NativeMemoryTracking*)
  jcmd "$app_pid" VM.native_memory summary 2>/dev/null | grep -E "^(Total|-)" | sed 's/^/  /' || true ;;
esac
echo "Article page size as served (uncompressed): $(wc -c < "$work/static/article.html") bytes"
