#!/usr/bin/env bash
# A real Prometheus scrapes a running Rebound with the shipped scrape config and loads the shipped alert rules: both
# targets must be up, rebound_* series must be stored from each, and every rule must be evaluated without an error.
#   prometheus-check.sh <gateway port> <worker port>      (e2e.sh runs it against its stack after the browser tests)
# Debian's `prometheus` package (2.42 on Debian 12) provides the server; in CI (CI=true, as root) it is installed when
# missing. The check copies the shipped files, changing only the two target ports and the 15 s intervals to 2 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
gateway_port=${1:?usage: prometheus-check.sh <gateway port> <worker port>}
worker_port=${2:?usage: prometheus-check.sh <gateway port> <worker port>}
listen_port=${PROMETHEUS_CHECK_PORT:-$((19090 + ${REBOUND_E2E_PORT_OFFSET:-0}))}
shipped=infra/observability/prometheus

check=prometheus-check
source infra/scripts/lib/need.sh
need prometheus prometheus

work=$(mktemp -d /tmp/rebound-prometheus.XXXXXX)
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

sed -e "s/localhost:8080/localhost:$gateway_port/" -e "s/localhost:8081/localhost:$worker_port/" \
  -e 's/\(scrape_interval\|evaluation_interval\): 15s/\1: 2s/' -e 's/scrape_timeout: 10s/scrape_timeout: 2s/' \
  "$shipped/prometheus.yml" >"$work/prometheus.yml"
for target in "localhost:$gateway_port" "localhost:$worker_port"; do
  grep -q "\"$target\"" "$work/prometheus.yml" || fail "$shipped/prometheus.yml no longer names the targets localhost:8080 and localhost:8081"
done
cp "$shipped/alerts.yml" "$work/"  # rule_files is relative to the config file

version=$(prometheus --version 2>&1 | head -1)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$listen_port" >"$work/prometheus.log" 2>&1 &
server=$!

if ! python3 - "http://127.0.0.1:$listen_port" "$work/alerts.yml" <<'PY'; then
import json, sys, time, urllib.parse, urllib.request
import yaml

base, rules_file = sys.argv[1], sys.argv[2]
expected_rules = sum(len(group.get("rules", [])) for group in yaml.safe_load(open(rules_file))["groups"])
jobs = ("rebound-api-gateway", "rebound-ai-worker")


def get(path, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)["data"]


problems = ["Prometheus did not answer"]
deadline = time.time() + 60
while time.time() < deadline:
    time.sleep(2)
    try:
        targets = get("/api/v1/targets")["activeTargets"]
        series = {r["metric"].get("job"): int(r["value"][1])
                  for r in get("/api/v1/query", query='count by (job) ({__name__=~"rebound_.+"})')["result"]}
        rules = [rule for group in get("/api/v1/rules")["groups"] for rule in group["rules"]]
    except OSError as e:
        problems = [f"Prometheus did not answer: {e}"]
        continue
    problems = [f"target {t['labels']['job']} is {t['health']}: {t['lastError'] or 'not scraped yet'}"
                for t in targets if t["health"] != "up"]
    problems += [f"no job {job} among the targets" for job in jobs if job not in {t["labels"]["job"] for t in targets}]
    problems += [f"no rebound_* series stored from {job}" for job in jobs if not series.get(job)]
    if len(rules) != expected_rules:
        problems.append(f"{len(rules)} of the {expected_rules} rules in alerts.yml loaded")
    problems += [f"rule {r['name']} is {r['health']}: {r.get('lastError', '')}" for r in rules if r["health"] != "ok"]
    problems += [f"rule {r['name']} not evaluated yet" for r in rules if r["lastEvaluation"].startswith("0001-")]
    if not problems:
        print(f"  both targets up; rebound_* series stored: {series.get(jobs[0])} from the gateway, "
              f"{series.get(jobs[1])} from the worker; {len(rules)} rules loaded and evaluated")
        sys.exit(0)
print("\n".join("  " + p for p in problems), file=sys.stderr)
sys.exit(1)
PY
  tail -20 "$work/prometheus.log" >&2
  fail "$version could not use the shipped config against the gateway on :$gateway_port and the worker on :$worker_port"
fi
echo "prometheus-check: $version scraped Rebound with the shipped config and rules"
