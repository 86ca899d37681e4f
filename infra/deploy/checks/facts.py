"""What the deploy files must agree with, read from the code and the README rather than retyped: each service's port,
the variables its application.yml reads (with their defaults), the ones it refuses to start without, the README's
configuration tables, and the jar its build produces."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)[:}]")
PLAIN_DEFAULT = r"\$\{%s:([^${}]*)\}"
VARIABLE = re.compile(r"`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`")
PREFIXES = ("AI_", "KAFKA_", "REBOUND_", "SPRING_", "SERVER_")
SECRET_SUFFIXES = ("_PASSWORD", "_API_KEY", "_JAAS_CONFIG")


class CheckFailed(Exception):
    pass


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


@dataclass
class Service:
    name: str  # gateway | worker | simulator
    module: Path
    port: int
    port_variable: str
    jar_glob: str
    defaults: dict = field(default_factory=dict)  # variable -> default (None: no plain default)
    required: set = field(default_factory=set)

    def reads(self, variable):
        if variable in self.defaults:
            return True
        # Spring Boot binds these from the environment itself (relaxed binding), without a placeholder in the yml.
        if variable.startswith("SPRING_KAFKA_"):
            return self.name in ("gateway", "worker")
        return variable.startswith("SERVER_") and self.name == "gateway"


def is_secret(variable):
    return variable.endswith(SECRET_SUFFIXES)


def exec_jar_glob(module):
    pom = ET.parse(module / "pom.xml").getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    artifact = pom.find("m:artifactId", ns).text
    classifiers = [c.text for c in pom.iter("{http://maven.apache.org/POM/4.0.0}classifier")]
    require("exec" in classifiers, f"{module}/pom.xml no longer repackages an exec jar (classifier exec)")
    return f"{module.relative_to(ROOT)}/target/{artifact}-*-exec.jar"


def yml_defaults(module):
    """Variable -> its default in application.yml, None when it has none of its own (nested, or none)."""
    text = (module / "src/main/resources/application.yml").read_text()
    defaults = {}
    for name in PLACEHOLDER.findall(text):
        plain = re.search(PLAIN_DEFAULT % name, text)
        defaults[name] = plain.group(1) if plain else None
    return defaults


def required_settings(module):
    java = next(module.glob("src/main/java/**/RequiredSettings.java"))
    return set(re.findall(r'"[a-z.-]+",\s*"([A-Z][A-Z0-9_]+)"', java.read_text()))


def services():
    gateway = ROOT / "api-gateway"
    worker = ROOT / "ai-worker"
    simulator = ROOT / "infra/ai-simulator"
    found = {}
    for name, module, port_variable in (("gateway", gateway, "SERVER_PORT"), ("worker", worker, "WORKER_PORT")):
        defaults = yml_defaults(module)
        require(port_variable in defaults, f"{module}/application.yml: server.port no longer reads {port_variable}")
        found[name] = Service(name, module, int(defaults[port_variable]), port_variable, exec_jar_glob(module),
                              defaults, required_settings(module))
    source = (simulator / "src/main/java/io/rebound/simulator/AiSimulator.java").read_text()
    port = int(re.search(r"DEFAULT_PORT = (\d+);", source).group(1))
    require('"AI_SIMULATOR_PORT"' in source, "the AI simulator no longer reads AI_SIMULATOR_PORT")
    found["simulator"] = Service("simulator", simulator, port, "AI_SIMULATOR_PORT", exec_jar_glob(simulator))
    return found


def readme_variables():
    """The variables of the README's "Pointing it at real infrastructure" section's tables."""
    text = (ROOT / "README.md").read_text()
    start = text.index("## Pointing it at real infrastructure")
    end = text.find("\n## ", start + 1)
    rows = [line for line in text[start:end].splitlines() if line.startswith("|")]
    names = {name for row in rows for name in VARIABLE.findall(row) if name.startswith(PREFIXES)}
    require(len(names) > 20, f"found only {len(names)} variables in the README's tables: did the section move?")
    return names


def variables_by_service(all_services):
    """README variable -> the services (gateway, worker) that read it; fails on one that nothing reads."""
    readers = {}
    for variable in sorted(readme_variables()):
        readers[variable] = {s.name for s in all_services.values() if s.name != "simulator" and s.reads(variable)}
        require(readers[variable], f"the README lists {variable}, but neither service's application.yml reads it")
    return readers
