#!/usr/bin/env bash
# What hostile requests cost the server's memory: starts the built WAR as the README does, sends REQUESTS
# (100,000) of each kind of request that used to leave something behind, and prints the used heap after a
# full collection before and after each kind. A flat line is the goal: nothing a stranger sends is kept.
#
#   mvn -DskipTests verify && src/test/bench/hostile-heap.sh
#
# Needs Debian's wrk (apt-get install wrk) and the JDK's jcmd. Settings through the environment:
#   REQUESTS (100000), CONNECTIONS (16), KINDS ("login register assets paging"), WAR (target/ROOT.war),
#   ROW_SECONDS (300: each row's time; wrk waits it out even once its threads have sent their share, so a row always
#   takes this long, and says how many were answered if the time ran out first), JAVA_OPTS (as in pom.xml).
set -euo pipefail
cd "$(dirname "$0")/../../.."

REQUESTS=${REQUESTS:-100000}
CONNECTIONS=${CONNECTIONS:-16}
KINDS=${KINDS:-login register assets paging}
SECONDS_PER_ROW=${ROW_SECONDS:-300}
WAR=${WAR:-target/ROOT.war}
JAVA_OPTS=${JAVA_OPTS:-"-Xms32m -Xmx256m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"}

command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
command -v jcmd >/dev/null || { echo "needs the JDK's jcmd" >&2; exit 1; }
[ -f "$WAR" ] && [ -f target/payara-micro.jar ] || { echo "build first: mvn -DskipTests verify" >&2; exit 1; }
[ "$(basename "$WAR")" = ROOT.war ] || { echo "WAR must be named ROOT.war (Payara serves any other name under /<name>)" >&2; exit 1; }

work=$(mktemp -d /tmp/dossier-hostile.XXXXXX)
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
source src/test/bench/start-dossier.sh
port=$(free_port)

start_dossier "$WAR" "$port" ./content "$work/data" "$work/dossier.log"
# The JVM that runs Payara (the launcher may have forked it).
jvm=$(pgrep -f -- "--port $port" | head -1)

used_mb() {
  jcmd "$jvm" GC.run >/dev/null
  sleep 1
  jcmd "$jvm" GC.run >/dev/null
  # The young and the old generation (Serial GC's "def new" and "tenured"), metaspace left out.
  jcmd "$jvm" GC.heap_info | awk '/generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); kb += v } }
    END { printf "%.1f\n", kb / 1024 }'
}

# Each wrk thread stops after its share of REQUESTS answers; no cookies are ever sent back.
script() {
  cat > "$work/$1.lua" <<LUA
local answered, limit = 0, math.ceil($REQUESTS / 2)
local letters = "abcdefghijklmnopqrstuvwxyz"
local filler = string.rep("q", 3984)
function setup(thread) thread:set("seed", math.random(1, 1e9)) end
function init() math.randomseed(seed) end
local function word(n)
  local t = {}
  for i = 1, n do local k = math.random(1, 26); t[i] = letters:sub(k, k) end
  return table.concat(t)
end
function request()
  $2
end
function response()
  answered = answered + 1
  if answered >= limit then wrk.thread:stop() end
end
LUA
}
script login 'return wrk.format("GET", "/login")'
script register 'return wrk.format("GET", "/register")'
script assets 'return wrk.format("GET", "/assets/" .. word(16) .. filler .. ".css")'
script paging 'return wrk.format("GET", "/search?q=cloud&page=" .. math.random(1000, 2147483647))'

# Warm up the pages first, so the first row measures the requests, not the first rendering.
for path in / /login /register /search?q=cloud; do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done
printf '%-28s %10s %12s %8s\n' "requests" "answered" "heap after" "status"
printf '%-28s %10s %9s MB\n' "(after start-up)" "-" "$(used_mb)"
for kind in $KINDS; do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ROW}s" -s "$work/$kind.lua" "http://127.0.0.1:$port" 2>&1)
  answered=$(echo "$out" | awk '/requests in/ { print $1 }')
  errors=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  printf '%-28s %10s %9s MB %8s\n' "$kind ×$REQUESTS" "$answered" "$(used_mb)" "${errors:+non-2xx $errors}"
done
curl -sf -o /dev/null "http://127.0.0.1:$port/articles/open-weights-release-delays" && echo "the site still answers" \
  || echo "the site no longer answers"
grep -c "SEVERE" "$work/dossier.log" | sed 's/^/SEVERE lines in the server log: /'
