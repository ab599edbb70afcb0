# Sourced by the benchmarks: starts Dossier as a single node, the way the README's command runs it (the options of
# pom.xml's payara-micro plugin), and waits until it is ready (START_TIMEOUT seconds, 300 unless set).
#   start_dossier WAR PORT CONTENT DATA LOG   starts and waits; sets app_pid
#   launch_dossier WAR PORT CONTENT DATA LOG  only starts; sets app_pid
# The JVM options are JAVA_OPTS when set, else pom.xml's (pom_java_opts); the server jar is MICRO when set, else
# target/payara-micro.jar.

# The payara-micro plugin's <javaCommandLineOptions> of pom.xml, ${project.build.directory} as target.
# A TCP port nobody listens on now (the kernel's choice).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

pom_java_opts() {
  python3 - <<'PY'
import re
pom = open("pom.xml", encoding="utf-8").read()
block = re.search(r"<javaCommandLineOptions>(.*?)</javaCommandLineOptions>", pom, re.S).group(1)
block = re.sub(r"<!--.*?-->", "", block, flags=re.S)
values = re.findall(r"<value>(.*?)</value>", block)
print(" ".join(v.replace("${project.build.directory}", "target").replace("${project.basedir}", ".") for v in values))
PY
}

launch_dossier() {
  local war=$1 port=$2 content=$3 data=$4 log=$5
  local opts=${JAVA_OPTS:-$(pom_java_opts)}
  DOSSIER_DATA_DIR="$data" DOSSIER_CONTENT_DIR="$content" \
    java $opts -jar "${MICRO:-target/payara-micro.jar}" --deploy "$war" --port "$port" --nohazelcast \
    --postbootcommandfile src/main/payara/single-node.asadmin --prebootcommandfile src/main/payara/preboot.asadmin --postdeploycommandfile src/main/payara/postdeploy.asadmin --disablephonehome \
    --logproperties src/main/payara/logging.properties > "$log" 2>&1 &
  app_pid=$!
}

start_dossier() {
  launch_dossier "$@"
  local port=$2 log=$5
  for _ in $(seq 1 $(( ${START_TIMEOUT:-300} * 2 ))); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && return 0
    sleep 0.5
  done
  echo "Dossier did not start; see $log" >&2
  return 1
}
