"""infra/deploy/k8s, rendered with `kubectl kustomize` (offline): every Deployment has probes on the actuator,
resources, a non-root read-only container and its image; every README variable its service reads is provided
(ConfigMap, Secret or an optional reference), secrets only from Secrets and none committed; the base ConfigMaps hold
the services' defaults; the HPA scales the workers no further than the partitions allow; PDBs and Services select
real pods."""

import re
import subprocess
import urllib.parse

import yaml

from facts import ROOT, is_secret, require

DIR = ROOT / "infra/deploy/k8s"
# Each render and the Deployments it must hold (name -> service).
SERVICES = {"rebound-gateway": "gateway", "rebound-worker": "worker"}
RENDERS = {"base": SERVICES, "overlays/example": SERVICES,
           "overlays/demo": {**SERVICES, "rebound-ai-simulator": "simulator"}}
ACTUATOR = {"readinessProbe": "/actuator/health/readiness", "livenessProbe": "/actuator/health/liveness",
            "startupProbe": "/actuator/health/liveness"}
PROBES = {"gateway": ACTUATOR, "worker": ACTUATOR, "simulator": dict.fromkeys(ACTUATOR, "/health")}
# Base values that differ from application.yml on purpose: a cluster's replication, and addresses to be set.
NOT_DEFAULTS = {"REBOUND_REPLICATION_FACTOR", "KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL", "AI_BASE_URL"}


def render(kubectl, path):
    result = subprocess.run([kubectl, "kustomize", str(DIR / path)], capture_output=True, text=True)
    require(result.returncode == 0, f"kubectl kustomize {path} failed:\n{result.stderr}")
    objects = [o for o in yaml.safe_load_all(result.stdout) if o]
    return {(o["kind"], o["metadata"]["name"]): o for o in objects}


def of_kind(objects, kind):
    return {name: o for (k, name), o in objects.items() if k == kind}


def secret_values(secret):
    return {**secret.get("data", {}), **secret.get("stringData", {})}


def keys_of(objects, kind, name):
    """The keys of a ConfigMap or Secret in the render, or None when it is not there."""
    store = objects.get((kind, name))
    if store is None:
        return None
    return store.get("data", {}) if kind == "ConfigMap" else secret_values(store)


def provided(container, objects, where):
    """Variable -> where it comes from, 'ConfigMap', 'Secret' or 'value'; fails on a dangling required reference."""
    found = {}
    for source in container.get("envFrom", []):
        kind = "ConfigMap" if "configMapRef" in source else "Secret"
        ref = source["configMapRef" if kind == "ConfigMap" else "secretRef"]
        keys = keys_of(objects, kind, ref["name"])
        require(keys is not None or ref.get("optional"), f"{where}: envFrom names a missing {kind} {ref['name']}")
        found.update(dict.fromkeys(keys or {}, kind))
    for entry in container.get("env", []):
        if "value" in entry:
            found[entry["name"]] = "value"
            continue
        source = entry["valueFrom"]
        kind = "ConfigMap" if "configMapKeyRef" in source else "Secret"
        ref = source["configMapKeyRef" if kind == "ConfigMap" else "secretKeyRef"]
        if not ref.get("optional"):
            require(ref["key"] in (keys_of(objects, kind, ref["name"]) or {}),
                    f"{where}: {entry['name']} refers to {kind} {ref['name']}/{ref['key']}, which does not exist")
        found[entry["name"]] = kind
    return found


def optional_reference(container, variable):
    entry = next((e for e in container.get("env", []) if e["name"] == variable), {})
    ref = entry.get("valueFrom", {})
    return bool((ref.get("secretKeyRef") or ref.get("configMapKeyRef") or {}).get("optional"))


def check_deployment(name, deployment, service, readers, objects, uid, where):
    spec = deployment["spec"]["template"]["spec"]
    (container,) = spec["containers"]
    require(container.get("image"), f"{where}: {name} has no image")
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    for probe, path in PROBES[service.name].items():
        get = container.get(probe, {}).get("httpGet", {})
        require(get.get("path") == path, f"{where}: {name}'s {probe} should ask {path}")
        require(ports.get(get.get("port")) == service.port, f"{where}: {name}'s {probe} is not on port {service.port}")
    resources = container.get("resources", {})
    requests, limits = resources.get("requests", {}), resources.get("limits", {})
    require(requests.get("cpu") and requests.get("memory") and limits.get("memory"),
            f"{where}: {name} needs cpu and memory requests and a memory limit")
    pod_security, security = spec.get("securityContext", {}), container.get("securityContext", {})
    effective = {**pod_security, **security}
    require(effective.get("runAsNonRoot") is True, f"{where}: {name} is not runAsNonRoot")
    require(effective.get("runAsUser") == uid, f"{where}: {name} should run as the image's user {uid}")
    require(security.get("readOnlyRootFilesystem") is True, f"{where}: {name}'s root file system is writable")
    volumes = {v["name"]: v for v in spec.get("volumes", [])}
    tmp = [m for m in container.get("volumeMounts", []) if m["mountPath"] == "/tmp"]
    require(tmp and "emptyDir" in volumes.get(tmp[0]["name"], {}), f"{where}: {name} needs an emptyDir on /tmp")
    require(spec.get("enableServiceLinks") is False, f"{where}: {name} must set enableServiceLinks: false")

    env = provided(container, objects, where)
    for variable, services in readers.items():
        if service.name not in services:
            continue
        require(variable in env, f"{where}: {name} is not given {variable} (README lists it)")
        if is_secret(variable):
            require(env[variable] == "Secret", f"{where}: {name} takes the secret {variable} from a {env[variable]}")
    for variable in service.required:
        require(not optional_reference(container, variable), f"{where}: {name}'s required {variable} is optional")
    return env


def check_no_secrets(objects, where):
    for name, secret in of_kind(objects, "Secret").items():
        for key, value in secret_values(secret).items():
            if is_secret(key) or key == "password":
                require(not value, f"{where}: Secret {name} holds a value for {key}: fill it at deployment, not in git")


def check_defaults(objects, all_services):
    for name, configmap in of_kind(objects, "ConfigMap").items():
        for variable, value in configmap.get("data", {}).items():
            defaults = {s.defaults[variable] for s in all_services.values() if s.defaults.get(variable) is not None}
            if variable not in NOT_DEFAULTS and defaults:
                require(value in defaults,
                        f"base: ConfigMap {name} has {variable}={value}, not the default {defaults.pop()}")


def check_scaling(objects, where):
    (hpa,) = of_kind(objects, "HorizontalPodAutoscaler").values()
    target = hpa["spec"]["scaleTargetRef"]
    require(target["kind"] == "Deployment" and target["name"] == "rebound-worker",
            f"{where}: the HPA does not scale the workers")
    configmaps = of_kind(objects, "ConfigMap")
    config = {**configmaps["rebound-common"]["data"], **configmaps["rebound-worker"]["data"]}
    partitions, consumers = int(config["REBOUND_PARTITIONS"]), int(config["REBOUND_WORKER_CONSUMERS"])
    most = hpa["spec"]["maxReplicas"]
    require(most <= partitions // consumers, f"{where}: HPA maxReplicas {most} > REBOUND_PARTITIONS / "
            f"REBOUND_WORKER_CONSUMERS ({partitions} / {consumers}): the extra workers would own no partition")
    rules = yaml.safe_load((DIR / "prometheus-adapter-rules.yaml").read_text())["rules"]["custom"]
    metric = hpa["spec"]["metrics"][0]["pods"]["metric"]["name"]
    rule = next((r for r in rules if r["name"]["as"] == metric), None)
    require(rule, f"prometheus-adapter-rules.yaml does not define {metric}")
    listed = {line.split()[0] for line in (ROOT / "infra/observability/metrics.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    used = set(re.findall(r"\b(rebound_[a-z_]+)\{", rule["metricsQuery"]))
    require(used and used <= listed,
            f"the adapter rule uses {used - listed or used}, not in infra/observability/metrics.txt")
    return f"HPA 2..{most} workers on {metric} ({' / '.join(sorted(used))})"


def check_selectors(objects, where):
    pods = {name: d["spec"]["template"]["metadata"]["labels"] for name, d in of_kind(objects, "Deployment").items()}
    for kind in ("PodDisruptionBudget", "Service"):
        for name, o in of_kind(objects, kind).items():
            selector = o["spec"]["selector"].get("matchLabels", o["spec"]["selector"])
            matched = [d for d, labels in pods.items() if selector.items() <= labels.items()]
            require(len(matched) == 1, f"{where}: {kind} {name} selects {matched or 'no pods'}")
    for name, ingress in of_kind(objects, "Ingress").items():
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]["name"]
                require(("Service", backend) in objects, f"{where}: Ingress {name} routes to a missing {backend}")


def check_simulator_address(objects, simulator, where):
    url = urllib.parse.urlsplit(of_kind(objects, "ConfigMap")["rebound-worker"]["data"]["AI_BASE_URL"])
    service = objects.get(("Service", url.hostname))
    require(service and url.port == simulator.port and url.path == "/v1"
            and any(p["port"] == simulator.port for p in service["spec"]["ports"]),
            f"{where}: the workers' AI_BASE_URL {url.geturl()} is not the simulator's Service "
            f"(port {simulator.port}, path /v1)")


def check(all_services, readers, kubectl, uid):
    for path, expected in RENDERS.items():
        objects = render(kubectl, path)
        if path == "base":
            check_defaults(objects, all_services)
        check_no_secrets(objects, path)
        deployments = of_kind(objects, "Deployment")
        require(set(deployments) == set(expected), f"{path}: Deployments {sorted(deployments)}, not {sorted(expected)}")
        for name, kind in expected.items():
            check_deployment(name, deployments[name], all_services[kind], readers, objects, uid, path)
        if "simulator" in expected.values():
            check_simulator_address(objects, all_services["simulator"], path)
        scaling = check_scaling(objects, path)
        check_selectors(objects, path)
        print(f"  k8s {path}: {len(objects)} objects; probes, resources, non-root read-only containers; every README "
              f"variable provided, secrets from Secrets; {scaling}; PDBs and Services select their pods")
