"""The Dockerfiles, read as a builder would (no engine runs here): the final stage runs as a numeric non-root user,
checks its health on the port the service listens on, exposes that port, and copies the jar the build produces
(which .dockerignore lets through)."""

import fnmatch
import json
import re
import shlex

from facts import ROOT, require

HEALTH_PATHS = {"gateway": "/actuator/health/readiness", "worker": "/actuator/health/readiness", "simulator": "/health"}


def instructions(dockerfile):
    """(instruction, arguments) pairs, continuation lines joined and comments dropped."""
    joined, pending = [], ""
    for line in dockerfile.read_text().splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        pending += line.rstrip("\\").strip() + " "
        if not line.endswith("\\"):
            keyword, _, rest = pending.strip().partition(" ")
            joined.append((keyword.upper(), rest.strip()))
            pending = ""
    return joined


def final_stage(steps):
    starts = [i for i, (keyword, _) in enumerate(steps) if keyword == "FROM"]
    require(starts, "no FROM")
    return steps[starts[-1]:]


def env_of(stage):
    env = {}
    for keyword, rest in stage:
        if keyword == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                env[name] = value
    return env


def health_served(service):
    """Where the service answers HEALTH_PATHS without credentials."""
    if service.name == "simulator":
        admin = (service.module / "src/main/java/io/rebound/simulator/AdminHandler.java").read_text()
        return '"GET", "/health"' in admin
    yml = (service.module / "src/main/resources/application.yml").read_text()
    security = "".join(p.read_text() for p in service.module.glob("src/main/java/**/*Security*.java"))
    probes = re.search(r"probes:\s*\n\s*enabled: true", yml)
    return bool(probes) and '"/actuator/health/**"' in security


def check_dockerfile(service, dockerfile, ignore_patterns):
    where = dockerfile.relative_to(ROOT)
    stage = final_stage(instructions(dockerfile))
    users = [rest for keyword, rest in stage if keyword == "USER"]
    require(users, f"{where}: the final stage sets no USER (it would run as root)")
    uid = users[-1].split(":")[0]
    require(uid.isdigit() and int(uid) != 0, f"{where}: USER {users[-1]} is not a numeric non-root user")

    env = env_of(stage)
    port = service.port
    require(env.get(service.port_variable) == str(port),
            f"{where}: ENV {service.port_variable} should be {port}, the service's port")
    exposed = [rest for keyword, rest in stage if keyword == "EXPOSE"]
    require(exposed == [str(port)], f"{where}: EXPOSE {exposed} is not the service's port {port}")
    require("MaxRAMPercentage" in env.get("JAVA_TOOL_OPTIONS", ""),
            f"{where}: JAVA_TOOL_OPTIONS sets no -XX:MaxRAMPercentage (the heap would ignore the memory limit)")

    checks = [rest for keyword, rest in stage if keyword == "HEALTHCHECK"]
    require(len(checks) == 1, f"{where}: needs one HEALTHCHECK in its final stage")
    expected = f"localhost:${{{service.port_variable}}}{HEALTH_PATHS[service.name]}"
    require(expected in checks[0], f"{where}: the HEALTHCHECK does not ask {expected}")
    require(health_served(service), f"{service.module.name} no longer serves {HEALTH_PATHS[service.name]} openly")

    entry = [rest for keyword, rest in stage if keyword == "ENTRYPOINT"]
    require(entry and isinstance(json.loads(entry[-1]), list),
            f"{where}: ENTRYPOINT must be exec form, so that java gets SIGTERM itself")

    copies = [rest.split()[0] for keyword, rest in instructions(dockerfile)
              if keyword == "COPY" and not rest.startswith("--from")]
    require(copies == [service.jar_glob], f"{where}: copies {copies}, not the jar the build makes ({service.jar_glob})")
    require(any(fnmatch.fnmatch(service.jar_glob, p) or p == service.jar_glob for p in ignore_patterns),
            f".dockerignore does not let {service.jar_glob} into the build context")
    built = sorted(ROOT.glob(service.jar_glob))
    note = f"matches {built[-1].relative_to(ROOT)}" if built else "no jar built yet: make build"
    print(f"  {where}: USER {users[-1]}, EXPOSE {port}, HEALTHCHECK {expected}, COPY {service.jar_glob} ({note})")
    return int(uid)


def check(all_services):
    ignore = (ROOT / ".dockerignore").read_text().splitlines()
    require("*" in ignore, ".dockerignore should start from nothing ('*') and let the jars in")
    allowed = [line[1:] for line in ignore if line.startswith("!")]
    uids = {check_dockerfile(all_services[name], ROOT / dockerfile, allowed)
            for name, dockerfile in (("gateway", "api-gateway/Dockerfile"), ("worker", "ai-worker/Dockerfile"),
                                     ("simulator", "infra/ai-simulator/Dockerfile"))}
    require(len(uids) == 1, f"the images run as different users {uids}; the manifests expect one")
    return uids.pop()
