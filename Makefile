# The two commands: `make dev` runs the platform, `make test` runs the suite.
# Each installs what is missing first (see backend/bin/lib.sh).

.PHONY: dev test lint schema bench migrate shell dbshell clean-local

dev:        ## API on :8000, docs, Celery worker, demo data
	backend/bin/dev

test:       ## the whole suite against real PostgreSQL/PostGIS and Redis, with coverage
	backend/bin/test $(ARGS)

lint:       ## ruff, black, mypy, bandit, migrations, OpenAPI schema diff
	backend/bin/lint

schema:     ## regenerate backend/openapi.yaml
	backend/bin/schema

bench:      ## job search benchmark: API vs raw SQL vs naive GeoDjango (BENCH_JOBS, default 1,000,000)
	backend/bin/bench

migrate:
	backend/bin/manage migrate

shell:
	backend/bin/manage shell

dbshell:
	backend/bin/manage dbshell

clean-local: ## stop and delete the project-local PostgreSQL and Redis (not while a run uses them)
	python3 backend/bin/services.py clean
