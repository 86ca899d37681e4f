"""The static part of infra/scripts/deploy-check.sh: images, compose stack and Kubernetes manifests.
   check.py <docker-compose command> <kubectl> [promtool]"""

import shlex
import sys

import compose
import facts
import images
import kubernetes


def main(compose_cmd, kubectl, promtool=None):
    try:
        all_services = facts.services()
        readers = facts.variables_by_service(all_services)
        print(f"== container images ({len(all_services)})")
        uid = images.check(all_services)
        print("== compose stack (infra/deploy/compose)")
        compose.check(all_services, readers, shlex.split(compose_cmd), promtool)
        print("== Kubernetes manifests (infra/deploy/k8s)")
        kubernetes.check(all_services, readers, kubectl, uid)
    except facts.CheckFailed as failure:
        print(f"deploy-check: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
