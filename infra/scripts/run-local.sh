#!/usr/bin/env bash
# Starts the whole local stack for `make run`: PostgreSQL and a KRaft Kafka broker (both real, from Maven
# artifacts, data under .data/), the AI simulator, the ai-worker and the api-gateway. Ctrl-C stops all of it.
# Point any part at a real one by setting its address: SPRING_DATASOURCE_URL, KAFKA_BOOTSTRAP_SERVERS, AI_BASE_URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
data=${REBOUND_DATA_DIR:-$root/.data}
logs="$data/logs"
mkdir -p "$logs"

version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
gateway_jar="api-gateway/target/api-gateway-$version-exec.jar"
worker_jar="ai-worker/target/ai-worker-$version-exec.jar"
simulator_jar="infra/ai-simulator/target/ai-simulator-$version-exec.jar"
stack_cp="infra/local-stack/target/classes:$(cat infra/local-stack/target/classpath.txt 2>/dev/null || true)"

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping Rebound..."
  # Stop in reverse order: applications first, then the broker and the database they use.
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped."
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

start() { # name, command...
  local name=$1; shift
  "$@" >"$logs/$name.log" 2>&1 &
  pids+=($!)
  echo "  started $name (pid $!, log $logs/$name.log)"
}

wait_for() { # name, url-or-port, seconds
  local name=$1 target=$2 seconds=$3
  for _ in $(seq "$seconds"); do
    if [[ $target == http* ]]; then
      curl -fsS -o /dev/null "$target" 2>/dev/null && return 0
    else
      (exec 3<>"/dev/tcp/127.0.0.1/$target") 2>/dev/null && return 0
    fi
    sleep 1
  done
  echo "!! $name did not come up within ${seconds}s; see $logs/$name.log" >&2
  tail -20 "$logs/$name.log" >&2 || true
  exit 1
}

java_opts=${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}

if [[ -z ${SPRING_DATASOURCE_URL:-} ]]; then
  export POSTGRES_DATA_DIR="$data/postgres" POSTGRES_PORT=${POSTGRES_PORT:-15432}
  start postgres java $java_opts -cp "$stack_cp" io.rebound.localstack.LocalPostgres
  export SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:$POSTGRES_PORT/rebound"
  export SPRING_DATASOURCE_USERNAME=rebound SPRING_DATASOURCE_PASSWORD=rebound
fi
if [[ -z ${KAFKA_BOOTSTRAP_SERVERS:-} ]]; then
  export KAFKA_DATA_DIR="$data/kafka" KAFKA_PORT=${KAFKA_PORT:-9092} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
  start kafka java $java_opts -cp "$stack_cp" io.rebound.localstack.LocalKafka
  export KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
fi
if [[ -z ${AI_BASE_URL:-} ]]; then
  export AI_SIMULATOR_PORT=${AI_SIMULATOR_PORT:-8090} AI_SIMULATOR_LATENCY_MS=${AI_SIMULATOR_LATENCY_MS:-800}
  # Nagle off: the JDK HTTP server would otherwise add ~40 ms to every AI call, which no real provider does.
  start ai-simulator java $java_opts -Dsun.net.httpserver.nodelay=true -jar "$simulator_jar"
  export AI_BASE_URL="http://localhost:$AI_SIMULATOR_PORT/v1"
  export REBOUND_SIMULATOR_URL="http://localhost:$AI_SIMULATOR_PORT"
fi

[[ -n ${POSTGRES_PORT:-} ]] && wait_for postgres "$POSTGRES_PORT" 60
[[ -n ${KAFKA_PORT:-} ]] && wait_for kafka "$KAFKA_PORT" 60

# Ports on the command line: SERVER_PORT in the environment would otherwise apply to both applications.
start ai-worker java $java_opts -jar "$worker_jar" --server.port="${WORKER_PORT:-8081}"
start api-gateway java $java_opts -jar "$gateway_jar" --server.port="${SERVER_PORT:-8080}" \
  --spring.profiles.active="${SPRING_PROFILES_ACTIVE:-local}"

wait_for ai-worker "http://localhost:${WORKER_PORT:-8081}/actuator/health" 120
wait_for api-gateway "http://localhost:${SERVER_PORT:-8080}/actuator/health" 120

cat <<INFO

Rebound is running.
  App:            http://localhost:${SERVER_PORT:-8080}
  API:            http://localhost:${SERVER_PORT:-8080}/api/v1
  Gateway health: http://localhost:${SERVER_PORT:-8080}/actuator/health
  Worker metrics: http://localhost:${WORKER_PORT:-8081}/actuator/prometheus
  AI:             $AI_BASE_URL
  Kafka:          $KAFKA_BOOTSTRAP_SERVERS
  PostgreSQL:     $SPRING_DATASOURCE_URL
Demo logins (password "rebound"): ada@example.com, bob@example.com, sre@example.com (admin)
Try:  curl -u ada@example.com:rebound -H 'Content-Type: application/json' \\
        -d '{"role":"Backend engineer"}' http://localhost:${SERVER_PORT:-8080}/api/v1/sessions
Logs in $logs/. Press Ctrl-C to stop everything.
INFO

# Wait until any process exits (or Ctrl-C); then stop the rest.
wait -n "${pids[@]}" || true
echo "A process exited; see $logs/." >&2
