#!/usr/bin/env bash
# Browser tests: starts the whole stack on its own ports and data directory (so it never touches `make run`'s),
# drives it with Playwright in Debian's Chromium, has Debian's Prometheus scrape it, then stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f frontend/package.json ]]; then
  echo "e2e: no frontend, nothing to test"; exit 0
fi

export REBOUND_DATA_DIR=${REBOUND_E2E_DATA_DIR:-$(mktemp -d /tmp/rebound-e2e.XXXXXX)}
# REBOUND_E2E_PORT_OFFSET moves every port, so two checkouts can run their browser tests side by side.
offset=${REBOUND_E2E_PORT_OFFSET:-0}
export SERVER_PORT=$((18080 + offset)) WORKER_PORT=$((18081 + offset)) KAFKA_PORT=$((19092 + offset))
export KAFKA_CONTROLLER_PORT=$((19093 + offset)) POSTGRES_PORT=$((25432 + offset))
export AI_SIMULATOR_PORT=$((18090 + offset)) AI_SIMULATOR_LATENCY_MS=200 AI_TIMEOUT=5s
# Three scenarios each fail one question for good during an outage (4 failed calls each, then a success); the breaker
# must not open for those, only for breaker-held's load (model-answer, which fails 4 calls too, runs after it). It may open after 16 calls in its window of 20, not after 10.
export REBOUND_BREAKER_MINIMUM_CALLS=16 REBOUND_BREAKER_WINDOW_SIZE=20
unset SPRING_DATASOURCE_URL KAFKA_BOOTSTRAP_SERVERS AI_BASE_URL

./infra/scripts/run-local.sh > "$REBOUND_DATA_DIR/stack.log" 2>&1 &
stack=$!
cleanup() {
  kill -TERM "$stack" 2>/dev/null || true
  wait "$stack" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 180); do
  grep -q "Rebound is running" "$REBOUND_DATA_DIR/stack.log" 2>/dev/null && break
  if ! kill -0 "$stack" 2>/dev/null; then
    cat "$REBOUND_DATA_DIR/stack.log"; exit 1
  fi
  sleep 1
done
grep -q "Rebound is running" "$REBOUND_DATA_DIR/stack.log" || { cat "$REBOUND_DATA_DIR/stack.log"; exit 1; }

(cd frontend && BASE_URL="http://localhost:$SERVER_PORT" SIMULATOR_URL="http://localhost:$AI_SIMULATOR_PORT" \
  npm run --silent e2e)

# While the stack still runs: a real Prometheus scrapes it with the shipped config and evaluates the shipped rules.
./infra/scripts/prometheus-check.sh "$SERVER_PORT" "$WORKER_PORT"
