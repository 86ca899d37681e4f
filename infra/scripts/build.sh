#!/usr/bin/env bash
# Builds the SPA (if its dependencies can be installed) and every jar, without running tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
./infra/scripts/frontend.sh build
rm -rf api-gateway/target/classes/static  # the SPA build just made replaces any older one
mvn -B -q package -DskipTests -Dspotless.check.skip=true
