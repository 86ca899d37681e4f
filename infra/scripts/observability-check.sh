#!/usr/bin/env bash
# Checks infra/observability: the Prometheus config and alert rules (promtool), the alerts' unit tests
# (`promtool test rules`), that the Grafana dashboard is valid JSON, and that the dashboard and the alerts use only
# metrics listed in infra/observability/metrics.txt (which MetricsContractIT holds the services to).
# promtool comes from Debian's `prometheus` package; in CI (CI=true, as root) it is installed when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=infra/observability

check=observability-check
source infra/scripts/lib/need.sh

need promtool prometheus

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
    python=$candidate
    break
  fi
done
if [[ -z $python ]]; then
  if can_install; then
    echo "observability-check: installing PyYAML (Debian package python3-yaml)"
    apt_install python3 python3-yaml
    python=/usr/bin/python3
  else
    fail "needs python3 with PyYAML. Install it with 'sudo apt-get install python3-yaml' or 'pip install pyyaml'."
  fi
fi

echo "== $(promtool --version 2>&1 | head -1)"
promtool check config "$dir/prometheus/prometheus.yml"
promtool check rules "$dir/prometheus/alerts.yml"
promtool test rules "$dir/prometheus/alerts.test.yml"

echo "== dashboard and metric references"
"$python" "$dir/check_references.py" "$dir"
echo "observability-check passed"
