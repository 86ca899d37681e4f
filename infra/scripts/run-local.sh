#!/usr/bin/env bash
# Starts the whole local stack for `make run`: PostgreSQL and a KRaft Kafka broker (both real, from Maven
# artifacts, data under .data/), the AI simulator, the ai-worker and the api-gateway. Ctrl-C (or SIGTERM, or a closed
# terminal) stops all of it, in reverse order. A worker or gateway that exits on its own is started again after a
# back-off (2 s, doubling up to 30 s while it keeps crashing within a minute of its start); if the broker, the
# database or the simulator exits, everything stops.
# Point any part at a real one by setting its address: SPRING_DATASOURCE_URL, KAFKA_BOOTSTRAP_SERVERS, AI_BASE_URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
data=${REBOUND_DATA_DIR:-$root/.data}
logs="$data/logs"

version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
gateway_jar="api-gateway/target/api-gateway-$version-exec.jar"
worker_jar="ai-worker/target/ai-worker-$version-exec.jar"
simulator_jar="infra/ai-simulator/target/ai-simulator-$version-exec.jar"
stack_cp="infra/local-stack/target/classes:$(cat infra/local-stack/target/classpath.txt 2>/dev/null || true)"

gateway_port=${SERVER_PORT:-8080}
worker_port=${WORKER_PORT:-8081}
restart_first_delay=2 restart_max_delay=30 restart_stable_after=60

# ---- Ports: all of them are checked before anything starts.

# Pids listening on a TCP port, as far as ss, lsof or /proc can tell (another user's processes may stay hidden).
port_pids() {
  local port=$1 hex inode
  if command -v ss >/dev/null 2>&1; then
    ss -ltnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -un
  elif command -v lsof >/dev/null 2>&1; then
    lsof -nP -t -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | sort -un
  elif [[ -r /proc/net/tcp ]]; then
    hex=$(printf ':%04X' "$port")
    for inode in $(awk -v p="$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $10 }' \
      /proc/net/tcp /proc/net/tcp6 2>/dev/null); do
      find /proc/[0-9]*/fd -maxdepth 1 -lname "socket:\[$inode\]" 2>/dev/null | cut -d/ -f3
    done | sort -un
  fi
}

port_taken() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [[ $(ss -ltn "sport = :$port" 2>/dev/null | tail -n +2) ]]
  elif command -v lsof >/dev/null 2>&1; then
    lsof -nP -iTCP:"$port" -sTCP:LISTEN >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# A pid that a launcher of an earlier run recorded in <data>/<name>.pid, while the run that started it is gone: the
# launcher stops such a leftover itself (and says so in its log), so its port does not count as taken.
leftover_of_earlier_run() {
  local pid=$1 file parent
  for file in "$data/postgres.pid" "$data/kafka.pid"; do
    [[ -f $file ]] || continue
    grep -qE "^(launcher|postgres)=$pid\$" "$file" || continue
    parent=$(sed -n 's/^parent=//p' "$file")
    [[ -n $parent ]] && kill -0 "$parent" 2>/dev/null && return 1
    return 0
  done
  [[ -f "$data/postgres/postmaster.pid" && $(head -1 "$data/postgres/postmaster.pid") == "$pid" ]] || return 1
  parent=$(sed -n 's/^parent=//p' "$data/postgres.pid" 2>/dev/null || true)
  ! { [[ -n $parent ]] && kill -0 "$parent" 2>/dev/null; }
}

check_ports() { # "port:what" ...
  local entry port what pid pids holders conflicts=0
  for entry in "$@"; do
    port=${entry%%:*} what=${entry#*:}
    port_taken "$port" || continue
    pids=$(port_pids "$port" | tr '\n' ' ')
    holders=""
    for pid in $pids; do
      if leftover_of_earlier_run "$pid"; then
        echo "  port $port ($what) is held by pid $pid, left running by an earlier run; its launcher stops it first"
        continue 2
      fi
      holders+="    pid $pid: $(ps -o args= -p "$pid" 2>/dev/null | cut -c1-200)"$'\n'
    done
    conflicts=$((conflicts + 1))
    if [[ -n $holders ]]; then
      echo "!! port $port ($what) is already in use by:" >&2
      printf '%s' "$holders" >&2
    else
      echo "!! port $port ($what) is already in use (by a process this user cannot see)" >&2
    fi
  done
  if ((conflicts > 0)); then
    echo "!! Nothing was started. Stop the process(es) above (kill <pid>), or move Rebound with SERVER_PORT," \
      "WORKER_PORT, POSTGRES_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT or AI_SIMULATOR_PORT." >&2
    exit 1
  fi
}

local_postgres= local_kafka= local_simulator=
[[ -z ${SPRING_DATASOURCE_URL:-} ]] && local_postgres=1
[[ -z ${KAFKA_BOOTSTRAP_SERVERS:-} ]] && local_kafka=1
[[ -z ${AI_BASE_URL:-} ]] && local_simulator=1
ports=("$gateway_port:api-gateway" "$worker_port:ai-worker")
[[ -n $local_postgres ]] && ports+=("${POSTGRES_PORT:-15432}:PostgreSQL")
[[ -n $local_kafka ]] && ports+=("${KAFKA_PORT:-9092}:Kafka" "${KAFKA_CONTROLLER_PORT:-9093}:Kafka controller")
[[ -n $local_simulator ]] && ports+=("${AI_SIMULATOR_PORT:-8090}:AI simulator")
check_ports "${ports[@]}"

mkdir -p "$logs"

# ---- Processes

# Every process gets SIGTERM if this script dies, even by SIGKILL (Linux, util-linux's setpriv).
deathsig=()
if command -v setpriv >/dev/null 2>&1 && setpriv --pdeathsig TERM true 2>/dev/null; then
  deathsig=(setpriv --pdeathsig TERM)
fi

order=()             # names, in start order
declare -A pid=()    # name -> pid of the running process
declare -A cmd=()    # name -> its command, shell-quoted
declare -A health=() # name -> health URL (restartable processes)
declare -A started=() restarts=() delay=() restart_at=()
helpers=()           # "is up again" announcers
nap_pid=

# Sleeps in the background and waits for it: a trapped signal interrupts `wait` at once (not a foreground sleep),
# and a child that bash reaps meanwhile is not reported on stderr ("Killed").
nap() {
  sleep "$1" &
  nap_pid=$!
  wait "$nap_pid" 2>/dev/null || true
  nap_pid=
}

spawn() { # name, ">" (new log) or ">>" (append)
  local name=$1 mode=$2
  eval "set -- ${cmd[$name]}"
  if [[ $mode == ">>" ]]; then
    "${deathsig[@]}" "$@" >>"$logs/$name.log" 2>&1 &
  else
    "${deathsig[@]}" "$@" >"$logs/$name.log" 2>&1 &
  fi
  pid[$name]=$!
  started[$name]=$SECONDS
}

start() { # name, command...
  local name=$1; shift
  printf -v "cmd[$name]" '%q ' "$@"
  order+=("$name")
  restarts[$name]=0 delay[$name]=0
  spawn "$name" ">"
  echo "  started $name (pid ${pid[$name]}, log $logs/$name.log)"
}

stop_process() { # name, grace seconds
  local name=$1 grace=$2 p=${pid[$1]:-} i
  [[ -n $p ]] || return 0
  kill "$p" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    kill -0 "$p" 2>/dev/null || break
    [[ -n ${force:-} ]] && break
    nap 0.2
  done
  if kill -0 "$p" 2>/dev/null; then
    echo "  $name (pid $p) did not stop; killing it"
    kill -9 "$p" 2>/dev/null || true
  fi
  wait "$p" 2>/dev/null || true
  pid[$name]=
}

stop_all() {
  set +e
  trap - EXIT
  trap 'force=1' INT TERM HUP # a second Ctrl-C kills what is left at once
  echo
  echo "Stopping Rebound..."
  local name i
  [[ -n $nap_pid ]] && kill "$nap_pid" 2>/dev/null
  for i in "${helpers[@]}"; do kill "$i" 2>/dev/null && wait "$i" 2>/dev/null; done
  # Reverse order: applications first, then the simulator, the broker and the database they use.
  for ((i = ${#order[@]} - 1; i >= 0; i--)); do stop_process "${order[$i]}" 45; done
  echo "Stopped."
}

on_signal() { # signal name
  # A closed terminal takes stdout with it; keep the stop messages in a log instead.
  [[ $1 == HUP ]] && exec >>"$logs/run-local.log" 2>&1
  stop_all
  exit 0
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP
trap stop_all EXIT

fail() { # name, message
  echo "!! $2; stopping everything. Last lines of $logs/$1.log:" >&2
  tail -10 "$logs/$1.log" >&2 || true
  exit 1
}

wait_for() { # name, url, port or "log:<text>" (a line its log prints once it is ready), seconds
  local name=$1 target=$2 seconds=$3 status
  for _ in $(seq "$seconds"); do
    if ! kill -0 "${pid[$name]}" 2>/dev/null; then
      status=0
      wait "${pid[$name]}" || status=$?
      pid[$name]=
      fail "$name" "$name exited during start-up (status $status)"
    fi
    if [[ $target == http* ]]; then
      curl -fsS -o /dev/null "$target" 2>/dev/null && return 0
    elif [[ $target == log:* ]]; then
      grep -qF "${target#log:}" "$logs/$name.log" 2>/dev/null && return 0
    else
      (exec 3<>"/dev/tcp/127.0.0.1/$target") 2>/dev/null && return 0
    fi
    nap 1
  done
  fail "$name" "$name did not come up within ${seconds}s"
}

announce_up() { # name: prints one line once a restarted process answers its health check
  local name=$1 p=${pid[$1]} url=${health[$1]}
  (
    for _ in $(seq 300); do
      kill -0 "$p" 2>/dev/null || exit 0
      if curl -fsS -o /dev/null "$url" 2>/dev/null; then
        echo "  $name is up again (pid $p)"
        exit 0
      fi
      sleep 1
    done
  ) &
  helpers+=($!)
}

exited() { # name, status
  local name=$1 status=$2 ran=$((SECONDS - ${started[$1]})) next=${delay[$1]} count=${restarts[$1]}
  pid[$name]=
  if [[ -z ${health[$name]:-} ]]; then
    fail "$name" "$name exited unexpectedly (status $status)"
  fi
  # Back-off: doubles while the process keeps crashing soon after its start, starts over once it ran for a while.
  if ((ran < restart_stable_after && next > 0)); then
    next=$((next * 2 > restart_max_delay ? restart_max_delay : next * 2))
  else
    next=$restart_first_delay
  fi
  count=$((count + 1))
  delay[$name]=$next restarts[$name]=$count
  echo "$name exited (status $status); restarting in $next s (restart $count)"
  echo "=== $(date '+%F %T') run-local.sh: exited with status $status after $ran s;" \
    "restarting in $next s (restart $count) ===" >>"$logs/$name.log"
  restart_at[$name]=$((SECONDS + next))
}

restart() { # name
  local name=$1
  restart_at[$name]=
  spawn "$name" ">>"
  echo "  restarted $name (pid ${pid[$name]}, log $logs/$name.log)"
  announce_up "$name"
}

java_opts=${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}

if [[ -n $local_postgres ]]; then
  export POSTGRES_DATA_DIR="$data/postgres" POSTGRES_PORT=${POSTGRES_PORT:-15432}
  start postgres java $java_opts -cp "$stack_cp" io.rebound.localstack.LocalPostgres
  export SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:$POSTGRES_PORT/rebound"
  export SPRING_DATASOURCE_USERNAME=rebound SPRING_DATASOURCE_PASSWORD=rebound
fi
if [[ -n $local_kafka ]]; then
  export KAFKA_DATA_DIR="$data/kafka" KAFKA_PORT=${KAFKA_PORT:-9092} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
  start kafka java $java_opts -cp "$stack_cp" io.rebound.localstack.LocalKafka
  export KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
fi
if [[ -n $local_simulator ]]; then
  export AI_SIMULATOR_PORT=${AI_SIMULATOR_PORT:-8090} AI_SIMULATOR_LATENCY_MS=${AI_SIMULATOR_LATENCY_MS:-800}
  # Nagle off: the JDK HTTP server would otherwise add ~40 ms to every AI call, which no real provider does.
  start ai-simulator java $java_opts -Dsun.net.httpserver.nodelay=true -jar "$simulator_jar"
  export AI_BASE_URL="http://localhost:$AI_SIMULATOR_PORT/v1"
  export REBOUND_SIMULATOR_URL="http://localhost:$AI_SIMULATOR_PORT"
fi

# Their "listening" lines, not their ports: a leftover of an earlier run may hold a port until the launcher stopped it.
[[ -n $local_postgres ]] && wait_for postgres "log:PostgreSQL listening on" 60
[[ -n $local_kafka ]] && wait_for kafka "log:Kafka (KRaft) listening on" 60
# The launchers' own words about leftovers of an earlier run they stopped.
for name in postgres kafka; do
  [[ -f "$logs/$name.log" ]] && grep -h 'earlier run' "$logs/$name.log" | sed 's/^\[local-stack\] /  /' || true
done

# Ports on the command line: SERVER_PORT in the environment would otherwise apply to both applications.
# The local profile: the simulator's key and the local scrape credential (outside it, both services refuse to start
# without their settings).
start ai-worker java $java_opts -jar "$worker_jar" --server.port="$worker_port" \
  --spring.profiles.active="${SPRING_PROFILES_ACTIVE:-local}"
start api-gateway java $java_opts -jar "$gateway_jar" --server.port="$gateway_port" \
  --spring.profiles.active="${SPRING_PROFILES_ACTIVE:-local}"

wait_for ai-worker "http://localhost:$worker_port/actuator/health" 120
wait_for api-gateway "http://localhost:$gateway_port/actuator/health" 120
health[ai-worker]="http://localhost:$worker_port/actuator/health"
health[api-gateway]="http://localhost:$gateway_port/actuator/health"

cat <<INFO

Rebound is running.
  App:            http://localhost:$gateway_port
  API:            http://localhost:$gateway_port/api/v1
  Gateway health: http://localhost:$gateway_port/actuator/health
  Worker metrics: http://localhost:$worker_port/actuator/prometheus (user prometheus, password rebound-metrics)
  AI:             $AI_BASE_URL
  Kafka:          $KAFKA_BOOTSTRAP_SERVERS
  PostgreSQL:     $SPRING_DATASOURCE_URL
Demo logins (password "rebound"): ada@example.com, bob@example.com, sre@example.com (admin)
Try:  curl -u ada@example.com:rebound -H 'Content-Type: application/json' \\
        -d '{"role":"Backend engineer"}' http://localhost:$gateway_port/api/v1/sessions
Logs in $logs/. A crashed worker or gateway is restarted. Press Ctrl-C to stop everything.
INFO

# Supervise: once a second, look for processes that ended; restart the applications, stop on anything else.
# (Polling, not `wait -n`: a child that bash reaps while it runs something else would never be reported by it.)
while true; do
  nap 1
  for name in "${order[@]}"; do
    p=${pid[$name]:-} due=${restart_at[$name]:-}
    if [[ -n $p ]] && ! kill -0 "$p" 2>/dev/null; then
      status=0
      wait "$p" 2>/dev/null || status=$?
      exited "$name" "$status"
    elif [[ -z $p && -n $due ]] && ((SECONDS >= due)); then
      restart "$name"
    fi
  done
done
