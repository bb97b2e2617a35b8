# The two commands a newcomer needs: `make build-metadata` and `make test`.
# Both create the virtual environment .venv on first use from the pinned versions in
# pyproject.toml, each installing only the dependency groups it needs:
#   pipeline  `make build-metadata`, `make validate`, `make schema`   (no PyTorch)
#   dev       `make hooks`, `make lint`, `make typecheck`              (linters, pytest)
#   code      `make code`, used by `make test`: the companion code, CPU build of PyTorch
#   preview   `make site`, `make preview`, used by `make test`: templates, Markdown, Pygments,
#             MathML, nh3, the file watcher, Playwright (drives Chromium in the browser tests)
# A stamp file per group records a finished install; a .venv whose Python is missing,
# broken or older than 3.11 is rebuilt.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
# The CPU build of PyTorch (the default Linux wheel bundles CUDA: several GB). The index is
# used only when it answers within a few seconds, so an unreachable one never stalls pip.
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
NEED_311 := import sys; sys.exit(sys.version_info < (3, 11))

# Rebuild the venv when its interpreter does not run or is too old (a failed or wrong setup).
VENV_OK := $(shell $(PY) -c "$(NEED_311)" >/dev/null 2>&1 && echo yes)
REBUILD := $(if $(VENV_OK),,venv-rebuild)

.PHONY: setup build-metadata validate test code site preview lint typecheck format schema figures figures-check bench fuzz hooks \
	messages clean-venv venv-rebuild

# Message catalogues: messages.pot is extracted from the code (`make messages`), each
# language's messages.po is translated by hand, and its messages.mo is compiled here, never
# committed. Without it the pipeline prints English, with one warning.
LOCALE := pipeline/locale
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/messages.po))
PYBABEL := $(VENV)/bin/pybabel
# The keywords of pipeline/core/i18n.py, and babel.cfg for the registry's texts; no line
# numbers, so that moving code does not change the template.
EXTRACT_OPTIONS := --mapping-file babel.cfg --keyword msg --keyword N_ --no-location \
	--sort-output --no-wrap --project vlm-series --version 0.1.0

venv-rebuild:
	@$(PYTHON) -c "$(NEED_311)" >/dev/null 2>&1 || { \
		echo "error: this project needs Python 3.11 or newer, but $(PYTHON) is" \
			"$$($(PYTHON) -V 2>&1 || echo missing); install it and run e.g." \
			"\`make PYTHON=python3.11 $(or $(MAKECMDGOALS),build-metadata)\`" >&2; exit 2; }
	@if [ -e $(VENV) ]; then echo "make: $(VENV) has no working Python 3.11+; rebuilding it"; fi
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-pipeline: pyproject.toml $(REBUILD)
	$(PIP) -e . --config-settings editable_mode=compat
	# compat mode puts the root on sys.path with a plain .pth (no import hook at start-up);
	# code/ holds the companion package `vlm`.
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], \
		'vlm-series-code.pth').write_text(str(pathlib.Path('code').resolve()) + '\n')"
	touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-pipeline
	$(PIP) -e '.[dev]' --config-settings editable_mode=compat
	touch $@

$(VENV)/.stamp-code: $(VENV)/.stamp-pipeline
	@if $(PY) -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)" \
			'$(TORCH_INDEX)' >/dev/null 2>&1; then \
		echo "$(PIP) --extra-index-url $(TORCH_INDEX) -e '.[code]'"; \
		$(PIP) --extra-index-url '$(TORCH_INDEX)' -e '.[code]' --config-settings editable_mode=compat; \
	else \
		echo "make: $(TORCH_INDEX) does not answer; installing PyTorch from the usual indexes"; \
		$(PIP) -e '.[code]' --config-settings editable_mode=compat; \
	fi
	touch $@

$(LOCALE)/%/LC_MESSAGES/messages.mo: $(LOCALE)/%/LC_MESSAGES/messages.po $(VENV)/.stamp-pipeline
	$(PYBABEL) -q compile --input-file $< --output-file $@

$(VENV)/.stamp-preview: $(VENV)/.stamp-pipeline
	$(PIP) -e '.[preview]' --config-settings editable_mode=compat
	touch $@

# mermaid.js for the site's diagrams, pinned by package-lock.json; without npm the site
# shows diagrams as their Mermaid source.
node_modules/.stamp-npm: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "make: npm not found; the site will show Mermaid diagrams as text"; fi

SITE_OUT ?= .cache/site
site: $(VENV)/.stamp-preview node_modules/.stamp-npm $(CATALOGUES) ## Write the static site into $(SITE_OUT) (exit 1 on content errors, site still written)
	$(PY) -m pipeline site --out $(SITE_OUT)

preview: $(VENV)/.stamp-preview node_modules/.stamp-npm $(CATALOGUES) ## Serve the site at http://127.0.0.1:8000 and reload open pages on each save
	$(PY) -m pipeline preview

setup: $(VENV)/.stamp-pipeline $(CATALOGUES) ## Create .venv with what the pipeline needs (no PyTorch)

build-metadata: $(VENV)/.stamp-pipeline $(CATALOGUES) ## Validate the series, then write data/<id>/metadata.json and docs/changelog.md
	$(PY) -m pipeline build

validate: $(VENV)/.stamp-pipeline $(CATALOGUES) ## Print every problem of the series; exit 1 on errors
	$(PY) -m pipeline validate

schema: $(VENV)/.stamp-pipeline $(CATALOGUES) ## Re-export schema/*.schema.json from the Pydantic models
	$(PY) -m pipeline schema

messages: $(VENV)/.stamp-pipeline ## Extract messages.pot from the code and merge it into each language's messages.po
	$(PYBABEL) extract $(EXTRACT_OPTIONS) --output-file $(LOCALE)/messages.pot .
	$(PYBABEL) update --input-file $(LOCALE)/messages.pot --output-dir $(LOCALE) \
		--no-fuzzy-matching --ignore-obsolete --no-wrap
	@# Babel stamps the wall-clock time; the catalogues stay byte-identical without it.
	sed -i '/^"POT-Creation-Date: /d; /^"PO-Revision-Date: /d' $(LOCALE)/messages.pot $(LOCALE)/*/LC_MESSAGES/messages.po

figures: $(VENV)/.stamp-code ## Make every figure of the articles (content/vlm/images/*.svg and figures.json)
	$(PY) -m vlm.figures

figures-check: $(VENV)/.stamp-code ## Fail, naming each one, when a committed figure differs from its code's output
	$(PY) -m vlm.figures --check

code: $(VENV)/.stamp-code ## Install the companion code's dependencies (CPU PyTorch)

lint: $(VENV)/.stamp-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(VENV)/.stamp-dev
	$(PY) -m mypy

format: $(VENV)/.stamp-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test: $(VENV)/.stamp-dev $(VENV)/.stamp-code $(VENV)/.stamp-preview node_modules/.stamp-npm $(CATALOGUES) lint typecheck figures-check ## Validate like an author, lint, type-check, check figures, run every test
	$(PY) -m pipeline validate
	$(PY) -m pytest -q

bench: $(VENV)/.stamp-dev $(VENV)/.stamp-preview $(CATALOGUES) ## Speed and memory benchmark (see docs/performance.md)
	$(PY) -m bench

FUZZ_EXAMPLES ?= 200
fuzz: $(VENV)/.stamp-dev ## Structure-aware fuzzing, FUZZ_EXAMPLES random cases per family (make test runs a few seeded ones)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider tests/test_fuzz.py

hooks: $(VENV)/.stamp-dev $(CATALOGUES) ## Install the pre-commit hooks of .pre-commit-config.yaml
	$(VENV)/bin/pre-commit install

clean-venv:
	rm -rf $(VENV)
