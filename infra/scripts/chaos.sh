#!/usr/bin/env bash
# make chaos: the fault suite. Builds what it needs, then runs io.rebound.bench.chaos.Chaos, which starts an isolated
# stack (PostgreSQL, KRaft Kafka, AI simulator, worker, gateway) on its own ports and data directory, breaks one piece
# per scenario under steady load, counts attempted / completed / failed / lost / completed-twice from the database and
# Kafka, and writes docs/RELIABILITY.md. Exits non-zero if anything was lost, completed twice, or a check failed.
# Not part of make test. About 13 minutes on a 2-core machine. Knobs (environment):
#   CHAOS_OPERATIONS (1000 per scenario)  CHAOS_RATE (25 requests/s)  CHAOS_AI_LATENCY_MS (100)
#   CHAOS_SCENARIOS (bad-input,worker-kill,worker-kill-in-flight,kafka-stop,postgres-stop,ai-outage,
#   ai-outage-no-breaker,dlt-missing,two-of-each,broker-kill)
#   CHAOS_IN_FLIGHT_BURST (worker-kill-in-flight's requests, whatever CHAOS_OPERATIONS: 600, or twice
#   REBOUND_WORKER_MAX_IN_FLIGHT if more; the worker must start on more than it may run at once)
#   REBOUND_* pass through to the services: REBOUND_RETRY_MODE=blocking runs the old worker model (and skips
#   worker-kill-in-flight, which needs a worker holding 200 AI calls in flight)
#   The gateways' per-user limits are set above the load of the suite's two accounts: REBOUND_USER_MAX_OPEN_OPERATIONS
#   (5000, or twice the in-flight burst), REBOUND_USER_MAX_OPERATIONS_PER_MINUTE (100000, or twice CHAOS_RATE x 60);
#   and REBOUND_LIVE_MAX_STREAMS_PER_USER (the gateway default, 10: only bad-input opens streams, more than that)
#   REBOUND_SIGN_IN_MAX_FAILURES_PER_ACCOUNT is 5 (bad-input checks the 429 after that many wrong passwords)
#   CHAOS_BASE_PORT (38000: gateways +80.., workers +180.., simulator +90, PostgreSQL +7432, Kafka +1091..,
#   controllers +1191..)  CHAOS_JAVA_OPTS  CHAOS_OUTPUT_DIR (docs)  CHAOS_DATA_DIR (a new /tmp/rebound-chaos.XXXXXX)
#   CHAOS_SKIP_BUILD=1
# A quicker pass (about 9 minutes; what CI runs after make test): CHAOS_OPERATIONS=300 make chaos
set -euo pipefail
cd "$(dirname "$0")/../.."

source infra/scripts/lib/harness.sh
if [[ ${CHAOS_SKIP_BUILD:-0} != 1 ]]; then
  echo "chaos: building the simulator, local stack, worker, gateway and harness jars (no tests)..."
  harness_build
fi
harness_export_jars CHAOS
export CHAOS_DATA_DIR=${CHAOS_DATA_DIR:-$(mktemp -d /tmp/rebound-chaos.XXXXXX)}
# Safety net: if the JVM dies without stopping its stack, stop whatever it left running.
trap 'harness_stop_leftovers "$CHAOS_DATA_DIR"' EXIT

echo "chaos: data and logs in $CHAOS_DATA_DIR"
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.rebound.bench.chaos.Chaos "$@"
