# Sourced by the benchmarks: starts Dossier as a single node, the way the README's command runs it, and waits
# until it is ready (START_TIMEOUT seconds, 300 unless set).  start_dossier WAR PORT CONTENT DATA LOG  sets app_pid.
start_dossier() {
  local war=$1 port=$2 content=$3 data=$4 log=$5
  DOSSIER_DATA_DIR="$data" DOSSIER_CONTENT_DIR="$content" \
    java $JAVA_OPTS -jar target/payara-micro.jar --deploy "$war" --port "$port" --nohazelcast \
    --postbootcommandfile src/main/payara/single-node.asadmin --prebootcommandfile src/main/payara/preboot.asadmin --postdeploycommandfile src/main/payara/postdeploy.asadmin --disablephonehome \
    --logproperties src/main/payara/logging.properties > "$log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 $(( ${START_TIMEOUT:-300} * 2 ))); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && return 0
    sleep 0.5
  done
  echo "Dossier did not start; see $log" >&2
  return 1
}
