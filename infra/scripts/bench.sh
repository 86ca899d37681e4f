#!/usr/bin/env bash
# make bench: builds what it needs, then runs the bench module's main class, which starts an isolated stack
# (PostgreSQL, KRaft Kafka, AI simulator, worker, gateway) on its own ports and data directory, drives it with
# closed-loop virtual users, stops it and writes docs/BENCHMARKS.md with charts in docs/bench/.
# Not part of make test. About 15 minutes on a 2-core machine. Knobs (environment):
#   BENCH_RUNS (3)  BENCH_WARMUP_SECONDS (4)  BENCH_MEASURE_SECONDS (15)  BENCH_JIT_WARMUP_SECONDS (210)
#   BENCH_USERS (24)  BENCH_P3_USERS (24)  BENCH_P3_RATE (6)  BENCH_P6_USERS (96)  BENCH_FAILURES (100)
#   BENCH_PHASES (p1,p2,limits,p4,p5,p6,p3,profile)  BENCH_JAVA_OPTS (JVM options of the services under test)
#   BENCH_SIMULATOR_JAVA_OPTS (BENCH_JAVA_OPTS + -Dsun.net.httpserver.nodelay=true)
#   BENCH_OUTPUT_DIR (docs)  BENCH_DATA_DIR (a new /tmp/rebound-bench.XXXXXX)  BENCH_SKIP_BUILD=1
#   BENCH_*_PORT: GATEWAY 28080, WORKER 28081 (+1 for the second worker), KAFKA 29092, KAFKA_CONTROLLER 29093,
#                 POSTGRES 35432, SIMULATOR 28090
#   REBOUND_* variables pass through to the services, to benchmark another configuration.
# Quick look (about 5 minutes, P1 far from steady state): BENCH_RUNS=1 BENCH_MEASURE_SECONDS=6 BENCH_JIT_WARMUP_SECONDS=20 make bench
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
