#!/usr/bin/env bash
# Comments posted per second through the JSON API (dossier.bench.DiscussionLoad: 16 clients posting as an
# administrator, whom no rate limit slows), this build against a baseline build: both run side by side, each
# round measures one and then the other, so they share the machine's noise (ratios hold, absolute figures don't).
#
#   mvn -DskipTests verify && BASELINE_WAR=/path/to/earlier/ROOT.war src/test/bench/comment-bench.sh
#
# Settings through the environment: ROUNDS (3), RUN_SECONDS (15 per run), ARTICLE (open-weights-release-delays),
# CONTENT (./content), JAVA_OPTS (as in pom.xml). Each server gets a fresh data folder and an administrator.
set -euo pipefail
cd "$(dirname "$0")/../../.."

ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${RUN_SECONDS:-15}
ARTICLE=${ARTICLE:-open-weights-release-delays}
CONTENT=${CONTENT:-./content}
JAVA_OPTS=${JAVA_OPTS:-"-Xms32m -Xmx256m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"}
: "${BASELINE_WAR:?set BASELINE_WAR to the WAR to compare with (for example one built from an earlier commit)}"
[ -f target/ROOT.war ] && [ -f target/payara-micro.jar ] || { echo "build first: mvn -DskipTests verify" >&2; exit 1; }

work=$(mktemp -d /tmp/dossier-comment-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
source src/test/bench/start-dossier.sh
export DOSSIER_ADMIN_USERNAME=benchadmin DOSSIER_ADMIN_PASSWORD=bench-admin-password-42

declare -A port
for build in this baseline; do
  port[$build]=$(free_port)
  war=target/ROOT.war
  if [ "$build" = baseline ]; then
    # Payara Micro takes the context root from the file name: the baseline must be called ROOT.war too.
    mkdir -p "$work/baseline-war" && cp "$BASELINE_WAR" "$work/baseline-war/ROOT.war"
    war=$work/baseline-war/ROOT.war
  fi
  echo "Starting $build ($war) on :${port[$build]} ..."
  start_dossier "$war" "${port[$build]}" "$CONTENT" "$work/$build-data" "$work/$build.log"
  pids+=("$app_pid")
done
mvn -q -o -Pbench test-compile >/dev/null

declare -A rates
for round in $(seq 1 "$ROUNDS"); do
  for build in this baseline; do
    line=$(mvn -q -o -Pbench exec:java -Dexec.mainClass=dossier.bench.DiscussionLoad \
      -Dexec.args="http://127.0.0.1:${port[$build]} $DOSSIER_ADMIN_USERNAME $DOSSIER_ADMIN_PASSWORD $ARTICLE $SECONDS_PER_RUN" 2>/dev/null | grep '^comments:')
    echo "round $round  $(printf '%-9s' "$build") $line"
    rates[$build]="${rates[$build]:-} $(echo "$line" | sed -E 's/.*= ([0-9.]+) per second.*/\1/')"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR]=$1 } END { print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2 }'; }
this=$(echo "${rates[this]}" | median); base=$(echo "${rates[baseline]}" | median)
echo
printf 'Medians of %s rounds: this build %.1f comments/s, baseline %.1f comments/s, this ÷ baseline %.2f\n' \
  "$ROUNDS" "$this" "$base" "$(awk -v a="$this" -v b="$base" 'BEGIN { print a / b }')"
