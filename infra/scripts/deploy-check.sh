#!/usr/bin/env bash
# Checks the deploy files without a container engine or a cluster (seconds): the Dockerfiles against the services
# (non-root USER, HEALTHCHECK on the actuator, EXPOSE of the service's port, COPY of the jar the build makes); the
# compose stack with `docker-compose config` and HAProxy's own `haproxy -c`; the Kubernetes manifests rendered with
# `kubectl kustomize` (probes, resources, securityContext, every README variable provided, HPA bounds, selectors).
# docker-compose and haproxy come from Debian's packages; in CI (CI=true, as root) they are installed when missing.
# kubectl comes from Debian's kubernetes-client (1.20, kustomize v2) when missing; the manifests use only fields that
# kustomize v2 and v5 both read (`bases`, `patchesStrategicMerge`: v5 warns that they are deprecated, and renders the same).
set -euo pipefail
cd "$(dirname "$0")/../.."

check=deploy-check
source infra/scripts/lib/need.sh

need docker-compose docker-compose
need haproxy haproxy
need kubectl kubernetes-client
kustomize_version=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: \(v[0-9.]*\).*/\1/p')
python3 -c 'import yaml' 2>/dev/null || fail "needs python3 with PyYAML ('sudo apt-get install python3-yaml')."
promtool=$(command -v promtool || true)

echo "== $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /'), $(haproxy -v | head -1 | cut -d' ' -f1-3), kubectl $(kubectl version --client 2>/dev/null | grep -o -m1 'v[0-9][0-9.]*' | head -1)${kustomize_version:+ (kustomize $kustomize_version)}"
python3 infra/deploy/checks/check.py docker-compose kubectl $promtool

echo "== haproxy -c (infra/deploy/compose/haproxy.cfg; the gateways' names resolve only inside compose)"
output=$(haproxy -c -f infra/deploy/compose/haproxy.cfg 2>&1) || fail "haproxy -c failed:"$'\n'"$output"
grep -v -e 'could not resolve address' -e '^\[NOTICE\]' -e '^Warnings were found' <<<"$output" | sed 's/^/  /'
echo "deploy-check passed"
