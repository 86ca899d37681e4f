#!/usr/bin/env bash
# Refreshes the API document docs/openapi.json from the running gateway (OpenApiIT writes what /v3/api-docs serves),
# then regenerates the SPA's types (frontend/src/lib/api/openapi.ts) from it and lints it. Commit both.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl api-gateway -am verify -Dspotless.check.skip=true \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OpenApiIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Drebound.openapi.write=true
./infra/scripts/frontend.sh api:types api:lint
