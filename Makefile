# The two commands a newcomer needs: `make build-metadata` and `make test`.
# Both create the virtual environment on first use from the pinned versions in pyproject.toml.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build-metadata validate test lint typecheck format schema figures figures-check bench fuzz hooks clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,code]' \
		--config-settings editable_mode=compat
	# compat mode puts the root on sys.path with a plain .pth (no import hook at start-up);
	# code/ holds the companion package `vlm`.
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], \
		'vlm-series-code.pth').write_text(str(pathlib.Path('code').resolve()) + '\n')"
	touch $(STAMP)

build-metadata: $(STAMP) ## Validate the series, then write data/<id>/metadata.json and docs/changelog.md
	$(PY) -m pipeline build

validate: $(STAMP) ## Print every problem of the series; exit 1 on errors
	$(PY) -m pipeline validate

schema: $(STAMP) ## Re-export schema/*.schema.json from the Pydantic models
	$(PY) -m pipeline schema

figures: $(STAMP) ## Make every figure of the articles (content/vlm/images/*.svg and figures.json)
	$(PY) -m vlm.figures

figures-check: $(STAMP) ## Fail, naming each one, when a committed figure differs from its code's output
	$(PY) -m vlm.figures --check

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(STAMP)
	$(PY) -m mypy

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test: $(STAMP) lint typecheck figures-check ## Lint, type-check and run the whole test suite
	$(PY) -m pytest -q

bench: $(STAMP) ## Speed and memory benchmark (see docs/performance.md)
	$(PY) -m bench

FUZZ_EXAMPLES ?= 200
fuzz: $(STAMP) ## Structure-aware fuzzing, FUZZ_EXAMPLES random cases per family (make test runs a few seeded ones)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

hooks: $(STAMP) ## Install the pre-commit hooks of .pre-commit-config.yaml
	$(VENV)/bin/pre-commit install

clean-venv:
	rm -rf $(VENV)
