#!/usr/bin/env bash
# make bench: builds what it needs, then runs the bench module's main class, which starts an isolated stack
# (PostgreSQL, KRaft Kafka, AI simulator, worker, gateway) on its own ports and data directory, drives it with
# closed-loop virtual users, stops it and writes docs/BENCHMARKS.md with charts in docs/bench/.
# Not part of make test. About 30 minutes on a 2-core machine. Knobs (environment):
#   BENCH_RUNS (3)  BENCH_WARMUP_SECONDS (4)  BENCH_MEASURE_SECONDS (15)  BENCH_JIT_WARMUP_SECONDS (210)
#   BENCH_USERS (24)  BENCH_P3_USERS (24)  BENCH_P3_RATE (6)  BENCH_P6_USERS (96)  BENCH_FAILURES (100)
#   BENCH_PHASES (p1,p2,limits,p4,p5,fairness,p7,p6,p3,profile; they always run in this order)
#   Worker retry mode (REBOUND_RETRY_MODE of the workers the bench starts; the report names it for every figure):
#     BENCH_RETRY_MODE (non-blocking): P1, P2, P4, P5, profile   BENCH_P6_RETRY_MODE (blocking): P6
#     BENCH_P3_SETTINGS (blocking:3,non-blocking:3): P3's mode:concurrency settings, e.g. add blocking:12
#   P7, slow model (every AI call delayed by a simulator fault rule):
#     BENCH_P7_AI_LATENCY_MS (2000)  BENCH_P7_USERS (400, one worker)  BENCH_P7_USERS_2W (2 x BENCH_P7_USERS)
#     BENCH_P7_BLOCKING_USERS (18 per worker in blocking mode)  BENCH_P7_MODES (non-blocking,blocking)
#     BENCH_P7_ENTRIES (kafka,gateway: services writing OperationRequested onto Kafka, users through the gateway)
#     BENCH_P7_WARMUP_SECONDS (20; twice that for a setting that starts a worker process)
#     BENCH_P7_MEASURE_SECONDS (10 per run; BENCH_RUNS windows back to back)
#   fairness (non-blocking, one worker, AI latency of P7): BENCH_FAIR_FLOOD (300 outstanding operations of one
#     user)  BENCH_FAIR_USERS (10 others, one at a time)  BENCH_FAIR_WARMUP_SECONDS (10)  BENCH_FAIR_MEASURE_SECONDS (10)
#   BENCH_JAVA_OPTS (JVM options of the services under test)
#   BENCH_SIMULATOR_JAVA_OPTS (BENCH_JAVA_OPTS + -Dsun.net.httpserver.nodelay=true)
#   BENCH_OUTPUT_DIR (docs)  BENCH_DATA_DIR (a new /tmp/rebound-bench.XXXXXX)  BENCH_SKIP_BUILD=1
#   BENCH_*_PORT: GATEWAY 28080, WORKER 28081 (+1 for the second worker), KAFKA 29092, KAFKA_CONTROLLER 29093,
#                 POSTGRES 35432, SIMULATOR 28090
#   REBOUND_* variables pass through to the services, to benchmark another configuration (e.g.
#   REBOUND_WORKER_MAX_IN_FLIGHT); REBOUND_RETRY_MODE and REBOUND_WORKER_CONCURRENCY are set per phase (above).
#   The gateway's per-user limits are set above the load (every virtual user is one account):
#   REBOUND_USER_MAX_OPEN_OPERATIONS (10000), REBOUND_USER_MAX_OPERATIONS_PER_MINUTE (100000), and the event streams
#   one account may hold, REBOUND_LIVE_MAX_STREAMS_PER_USER (10000); the report names them.
# Quick look (about 8 minutes, P1 far from steady state): BENCH_RUNS=1 BENCH_MEASURE_SECONDS=6 BENCH_JIT_WARMUP_SECONDS=20 make bench
# One phase: BENCH_PHASES=p7 BENCH_RUNS=1 BENCH_P7_MEASURE_SECONDS=6 BENCH_P7_USERS=100 make bench
# Render the report again from a run's results: BENCH_SKIP_BUILD=1 infra/scripts/bench.sh --report-only <dir>/results.json
set -euo pipefail
cd "$(dirname "$0")/../.."

source infra/scripts/lib/harness.sh
if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  echo "bench: building the simulator, local stack, worker, gateway and bench jars (no tests)..."
  harness_build
fi
harness_export_jars BENCH
export BENCH_DATA_DIR=${BENCH_DATA_DIR:-$(mktemp -d /tmp/rebound-bench.XXXXXX)}
# Safety net: if the JVM dies without stopping its stack, stop whatever it left running.
trap 'harness_stop_leftovers "$BENCH_DATA_DIR"' EXIT

echo "bench: data and logs in $BENCH_DATA_DIR"
started=$(date +%s)
java -Djava.awt.headless=true -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.rebound.bench.Bench "$@"
echo "bench: finished in $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s"
