#!/usr/bin/env bash
# `make test`: every test of every part, on a real Kafka broker and a real PostgreSQL (both from Maven artifacts).
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)

# The SPA first: its build is packaged into the gateway, which the browser tests then drive.
./infra/scripts/frontend.sh lint test build
rm -rf api-gateway/target/classes/static  # the SPA build just made replaces any older one

# Formatting, unit and slice tests (surefire), integration tests (failsafe) of every module.
mvn -B verify
./infra/scripts/observability-check.sh  # Prometheus config, alert rules and their promtool tests, dashboard metric names
./infra/scripts/deploy-check.sh  # Dockerfiles, compose stack, Kubernetes manifests, checked offline against the code

# The whole stack in real Chromium.
./infra/scripts/e2e.sh

echo "make test passed in $(( $(date +%s) - started )) s"
