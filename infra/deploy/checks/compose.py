"""infra/deploy/compose, rendered by `docker-compose config` (no engine needed): the example .env is refused until
its required values are set; filled in, every README variable reaches the services that read it, the Kafka cluster
is 3 brokers with replication 3 and min.insync.replicas 2, HAProxy and Prometheus name every gateway and worker."""

import re
import subprocess
import tempfile
from pathlib import Path

import yaml

from facts import ROOT, require

DIR = ROOT / "infra/deploy/compose"
# Commented-out lines of .env.example that show another value than the default on purpose: the compose stack's own
# choices (3 replicas, Prometheus 2.55 reads every exemplar) and what a managed cluster takes.
NOT_DEFAULTS = {"REBOUND_REPLICATION_FACTOR", "REBOUND_METRICS_EXEMPLARS_ON_ALL_TYPES", "KAFKA_SECURITY_PROTOCOL"}


def render(env_file, compose_cmd):
    return subprocess.run([*compose_cmd, "--env-file", str(env_file), "-f", str(DIR / "compose.yaml"),
                           "--profile", "simulator", "config"], capture_output=True, text=True)


def mounts(service):
    """(source, target) of a service's volumes, as docker-compose 1 (strings) or 2 (mappings) renders them."""
    return [tuple(v.split(":")[:2]) if isinstance(v, str) else (v["source"], v["target"]) for v in service["volumes"]]


def example_entries():
    """Variable -> (value, commented out) of .env.example."""
    entries = {}
    for line in (DIR / ".env.example").read_text().splitlines():
        match = re.match(r"^(# )?([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match:
            entries[match.group(2)] = (match.group(3), bool(match.group(1)))
    return entries


def check_env_example(all_services, readers, entries):
    required = set().union(*(s.required for s in all_services.values()))
    # A required value is an empty line to fill in, unless compose.yaml supplies it (the database URL of its own
    # PostgreSQL): check_services sees that each one reaches the services set.
    for variable in sorted(required):
        require(variable in entries, f".env.example does not mention the required {variable}")
        value, commented = entries[variable]
        require(commented or value == "", f".env.example: required {variable} must be empty, to be filled in")
    raw = (DIR / "compose.yaml").read_text()
    for variable, services in readers.items():
        if re.search(rf"^\s+{variable}: (?!\$\{{)\S", raw, re.M):
            continue  # compose.yaml sets it itself (the HAProxy address, the scrape user name)
        require(variable in entries, f".env.example does not mention {variable} (README lists it)")
        value, commented = entries[variable]
        for name in services:
            default = all_services[name].defaults.get(variable)
            if commented and default and variable not in NOT_DEFAULTS and re.fullmatch(r"[\w.-]+", default):
                require(value == default, f".env.example: {variable}={value}, but the default is {default}")


def check_services(config, all_services, readers, filled):
    services = config["services"]
    for name in ("gateway-1", "gateway-2", "worker-1", "worker-2"):
        env = services[name]["environment"]
        kind = name.split("-")[0]
        for variable, readers_of in readers.items():
            if kind in readers_of:
                require(variable in env, f"compose: {name} is not given {variable}")
        for variable in all_services[kind].required:
            expected = filled.get(variable)
            require(env.get(variable) and (expected is None or env[variable] == expected),
                    f"compose: {name}'s required {variable} does not come from .env")
        require(str(env.get("REBOUND_REPLICATION_FACTOR")) == "3",
                f"compose: {name} needs REBOUND_REPLICATION_FACTOR=3")
    brokers = [s for s in services if s.startswith("kafka-")]
    require(len(brokers) == 3, f"compose: {len(brokers)} Kafka brokers, not 3")
    for broker in brokers:
        env = {k: str(v) for k, v in services[broker]["environment"].items()}
        require(env.get("KAFKA_MIN_INSYNC_REPLICAS") == "2" and env.get("KAFKA_DEFAULT_REPLICATION_FACTOR") == "3",
                f"compose: {broker} needs min.insync.replicas 2 and replication factor 3")
        require(len(env["KAFKA_CONTROLLER_QUORUM_VOTERS"].split(",")) == 3, f"compose: {broker} needs 3 voters")
    ids = {str(services[b]["environment"]["KAFKA_NODE_ID"]) for b in brokers}
    require(len(ids) == 3, "compose: the brokers' KAFKA_NODE_IDs are not distinct")
    return services


def check_balancer(services, gateway_port):
    cfg = (DIR / "haproxy.cfg").read_text()
    servers = re.findall(r"^\s*server (\S+) (\S+):(\d+)", cfg, re.M)
    gateways = sorted(s for s in services if s.startswith("gateway-"))
    require(sorted(name for name, _, _ in servers) == gateways, f"haproxy.cfg's servers are not {gateways}")
    require(all(host == name and int(port) == gateway_port for name, host, port in servers),
            f"haproxy.cfg: every server must be <service>:{gateway_port}")
    for needed in ("cookie REBOUND_GW insert", "option httpchk GET /actuator/health/readiness",
                   "http-request set-timeout server", "option forwardfor"):
        require(needed in cfg, f"haproxy.cfg lacks '{needed}'")
    address = services["haproxy"]["networks"]["rebound"]["ipv4_address"]
    for gateway in gateways:
        proxies = services[gateway]["environment"]["SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES"]
        require(re.fullmatch(proxies, address), f"compose: {gateway} does not trust HAProxy's address {address}")


def check_prometheus(services, all_services, promtool):
    config = yaml.safe_load((DIR / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    shipped = yaml.safe_load((ROOT / "infra/observability/prometheus/prometheus.yml").read_text())
    for job_name, kind in (("rebound-api-gateway", "gateway"), ("rebound-ai-worker", "worker")):
        require(job_name in {j["job_name"] for j in shipped["scrape_configs"]}, f"the shipped config has no {job_name}")
        targets = sorted(t for sc in jobs[job_name]["static_configs"] for t in sc["targets"])
        expected = sorted(f"{s}:{all_services[kind].port}" for s in services if s.startswith(f"{kind}-"))
        require(targets == expected, f"compose prometheus.yml: {job_name} scrapes {targets}, not {expected}")
        require("password_file" in jobs[job_name]["basic_auth"],
                f"compose prometheus.yml: {job_name} scrapes without the metrics credential")
    alerts = ROOT / "infra/observability/prometheus/alerts.yml"
    require((str(alerts), "/etc/prometheus/alerts.yml") in mounts(services["prometheus"]),
            "compose: Prometheus does not mount the shipped alerts beside its config")
    if promtool:
        with tempfile.TemporaryDirectory() as work:
            text = (DIR / "prometheus.yml").read_text().replace("/tmp/metrics-password", f"{work}/password")
            Path(work, "password").write_text("x")
            Path(work, "prometheus.yml").write_text(text)
            Path(work, "alerts.yml").write_text((ROOT / "infra/observability/prometheus/alerts.yml").read_text())
            result = subprocess.run([promtool, "check", "config", f"{work}/prometheus.yml"],
                                    capture_output=True, text=True)
            require(result.returncode == 0,
                    f"promtool check config (compose prometheus.yml):\n{result.stdout}{result.stderr}")


def check_grafana(services):
    provider = yaml.safe_load((DIR / "grafana/provisioning/dashboards/rebound.yml").read_text())
    path = provider["providers"][0]["options"]["path"]
    sources = [Path(source) for source, target in mounts(services["grafana"]) if target == path]
    require(sources and (sources[0] / "rebound-dashboard.json").is_file(),
            f"compose: Grafana's dashboard folder {path} is not the shipped infra/observability/grafana")


def check(all_services, readers, compose_cmd, promtool):
    refused = render(DIR / ".env.example", compose_cmd)
    require(refused.returncode != 0 and "set " in refused.stderr,
            "compose: the unfilled .env.example should be refused, naming the missing value")
    entries = example_entries()
    check_env_example(all_services, readers, entries)
    filled = {name: f"deploy-check-{name.lower()}" for name, (value, commented) in entries.items()
              if not commented and value == ""}
    with tempfile.NamedTemporaryFile("w", suffix=".env") as env_file:
        env_file.write("".join(f"{k}={v}\n" for k, v in filled.items()))
        env_file.flush()
        result = render(Path(env_file.name), compose_cmd)
    require(result.returncode == 0, f"docker-compose config failed:\n{result.stderr}")
    services = check_services(yaml.safe_load(result.stdout), all_services, readers, filled)
    check_balancer(services, all_services["gateway"].port)
    check_prometheus(services, all_services, promtool)
    check_grafana(services)
    print(f"  compose.yaml: {len(services)} services; .env.example refused until its {len(filled)} required values "
          f"are set; {len(readers)} README variables reach their services; 3 brokers (RF 3, min ISR 2); HAProxy "
          f"and Prometheus name both gateways and both workers{' (promtool check config passed)' if promtool else ''}; "
          "Grafana mounts the shipped dashboard")
