"""Static checks of infra/observability, run by infra/scripts/observability-check.sh (promtool does the rest).

- grafana/rebound-dashboard.json parses, is schemaVersion 39, and every panel queries the ${DS_PROMETHEUS} variable;
- every metric that a dashboard expression, an alert expression or an alert test series uses is listed in
  metrics.txt (which MetricsContractIT holds the services to);
- every alert in prometheus/alerts.yml has a unit test that fires it and one that expects it silent.

Usage: python3 check_references.py [DIR]   (DIR defaults to this file's folder). Needs PyYAML.
"""

import json
import re
import sys
from pathlib import Path

import yaml

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless",
            "atan2", "inf", "nan"}
GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
IDENTIFIER = re.compile(r"(?<![0-9A-Za-z_:.$])[A-Za-z_:][A-Za-z0-9_:]*")


def metric_names(expr):
    """The metric names a PromQL expression selects (good enough for the expressions this folder uses)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)  # string literals
    text = re.sub(r"\{[^}]*\}", " ", text)  # label matchers
    text = re.sub(r"\[[^\]]*\]", " ", text)  # ranges and subqueries, $__rate_interval included
    text = GROUPING.sub(" ", text)
    text = re.sub(r"\$\{[^}]*\}|\$\w+", " ", text)  # Grafana variables
    names = set()
    for match in IDENTIFIER.finditer(text):
        name = match.group(0)
        rest = text[match.end():].lstrip()
        if name in KEYWORDS or rest.startswith("("):  # functions and aggregations
            continue
        names.add(name)
    return names


def read_contract(path, errors):
    names = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        columns = line.split()
        if not 3 <= len(columns) <= 4 or columns[1] not in ("gateway", "worker", "both", "prometheus") or (
                len(columns) == 4 and columns[3] != "pending"):
            errors.append(f"{path.name}:{number}: expected '<name> <gateway|worker|both|prometheus> <labels|-> "
                          f"[pending]', got: {line}")
            continue
        names[columns[0]] = "pending" if len(columns) == 4 else columns[1]
    return names


def check_dashboard(path, errors):
    try:
        dashboard = json.loads(path.read_text())
    except ValueError as e:
        errors.append(f"{path.name}: not valid JSON: {e}")
        return []
    if dashboard.get("schemaVersion") != 39:
        errors.append(f"{path.name}: schemaVersion is {dashboard.get('schemaVersion')}, expected 39")
    variables = {v.get("name"): v for v in dashboard.get("templating", {}).get("list", [])}
    if variables.get("DS_PROMETHEUS", {}).get("type") != "datasource":
        errors.append(f"{path.name}: no datasource variable DS_PROMETHEUS in templating")
    panels = list(dashboard.get("panels", []))
    for panel in list(panels):
        panels.extend(panel.get("panels", []))  # panels of collapsed rows
    ids = [p.get("id") for p in panels]
    if len(ids) != len(set(ids)):
        errors.append(f"{path.name}: panel ids are not unique")
    expressions = []
    for panel in panels:
        if panel.get("type") == "row":
            continue
        where = f"{path.name}: panel '{panel.get('title')}'"
        if (panel.get("datasource") or {}).get("uid") != "${DS_PROMETHEUS}":
            errors.append(f"{where}: datasource is not ${{DS_PROMETHEUS}}")
        if not panel.get("targets"):
            errors.append(f"{where}: no queries")
        for target in panel.get("targets", []):
            if (target.get("datasource") or {}).get("uid") != "${DS_PROMETHEUS}":
                errors.append(f"{where}: query {target.get('refId')} datasource is not ${{DS_PROMETHEUS}}")
            expressions.append((where, target.get("expr", "")))
    return expressions


def check_alerts(rules_path, tests_path, errors):
    rules = yaml.safe_load(rules_path.read_text())
    expressions, alerts = [], []
    for group in rules.get("groups", []):
        for rule in group.get("rules", []):
            name = rule.get("alert") or rule.get("record")
            expressions.append((f"{rules_path.name}: {name}", rule["expr"]))
            if "alert" in rule:
                alerts.append(name)
                annotations = rule.get("annotations", {})
                if not annotations.get("summary") or not annotations.get("description"):
                    errors.append(f"{rules_path.name}: {name} needs a summary and a description (what to do)")
    tests = yaml.safe_load(tests_path.read_text())
    fires, silent = set(), set()
    for test in tests.get("tests", []):
        for series in test.get("input_series", []):
            expressions.append((f"{tests_path.name}: test '{test.get('name')}' series", series["series"]))
        for case in test.get("alert_rule_test", []):
            (fires if case.get("exp_alerts") else silent).add(case["alertname"])
    for name in alerts:
        if name not in fires:
            errors.append(f"{tests_path.name}: no test in which {name} fires")
        if name not in silent:
            errors.append(f"{tests_path.name}: no test in which {name} stays silent (exp_alerts: [])")
    return expressions, alerts


def main():
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    errors = []
    contract = read_contract(base / "metrics.txt", errors)
    expressions = check_dashboard(base / "grafana" / "rebound-dashboard.json", errors)
    alert_expressions, alerts = check_alerts(
        base / "prometheus" / "alerts.yml", base / "prometheus" / "alerts.test.yml", errors)
    used = set()
    for where, expr in expressions + alert_expressions:
        names = metric_names(expr)
        if not names:
            errors.append(f"{where}: no metric found in: {expr}")
        for name in sorted(names - contract.keys()):
            errors.append(f"{where}: uses {name}, which metrics.txt does not list (does a service expose it?)")
        used |= names
    for name in sorted(contract.keys() - used):
        print(f"note: metrics.txt lists {name}, which neither the dashboard nor the alerts use")
    pending = sorted(name for name in used if contract.get(name) == "pending")
    for name in pending:
        print(f"note: {name} is used but still marked pending in metrics.txt: its panel stays empty and its alert "
              f"silent until a service exposes it")
    if errors:
        for error in errors:
            print(f"ERROR {error}")
        return 1
    print(f"dashboard and {len(alerts)} alerts reference {len(used)} metrics, all listed in metrics.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
