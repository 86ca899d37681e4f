# Rebound's front door. Logic lives in Maven, npm and infra/scripts; this file only delegates.
MVN ?= mvn -B

.PHONY: help run test build bench chaos fmt lint api

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: build ## Build, then start Kafka, PostgreSQL, the AI simulator, the worker and the gateway on :8080
	./infra/scripts/run-local.sh

build: ## Build the SPA and every jar (no tests)
	./infra/scripts/build.sh

test: ## Every test: formatting, unit, slice, integration (real Kafka + PostgreSQL), SPA unit and browser tests
	./infra/scripts/test.sh

bench: ## Load an isolated stack and write docs/BENCHMARKS.md with charts (about 30 min; not part of test)
	./infra/scripts/bench.sh

chaos: ## Break Kafka, PostgreSQL, workers, gateways and the AI under load; write docs/RELIABILITY.md (about 13 min)
	./infra/scripts/chaos.sh

fmt: ## Format the Java sources
	$(MVN) -q spotless:apply

api: ## Refresh docs/openapi.json from the gateway and regenerate the SPA's API types from it
	./infra/scripts/openapi.sh

lint: ## Check formatting and lint the SPA
	$(MVN) -q spotless:check
	cd frontend && npm run lint
