# Two commands do everything (see README.md):
#   make report   all notebooks on data/bulletins -> reports/*.html, figures/, data/processed/
#   make test     unit tests, answer-key tests and nbval over the notebooks
# Both create .venv/ and install requirements.txt (pinned, PyPI only) when needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
export PATH := $(CURDIR)/$(BIN):$(PATH)
export PYTHONHASHSEED := 0

.PHONY: report test install notebooks bench lab clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@echo "== installing into $(VENV)/ (first run takes a minute)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

report: $(STAMP)
	@mkdir -p reports
	@n=0; total=$(words $(NOTEBOOKS)); for nb in $(NOTEBOOKS); do \
	  n=$$((n+1)); echo "== [$$n/$$total] $$nb"; \
	  env -u BULLETINS -u OUTPUT_DIR $(BIN)/jupyter nbconvert --log-level=WARN --to html --execute --no-input \
	    --ExecutePreprocessor.timeout=3600 --output-dir reports $$nb || exit 1; \
	done
	@$(BIN)/python scripts/report_index.py reports
	@echo "== done: open reports/index.html; figures in figures/, tables in data/processed/"

test: $(STAMP)
	BULLETINS=$(CURDIR)/tests/pinned OUTPUT_DIR=$(CURDIR)/build/test-out BULLETIN_CACHE=$(CURDIR)/build/test-cache \
	  $(BIN)/python -m pytest tests notebooks helpers.py bulletins --doctest-modules --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/sanitize.cfg -q

# Re-execute the notebooks in place on the pinned sample (restart and run all),
# so that their stored outputs are what `make test` compares.
notebooks: $(STAMP)
	@for nb in $(NOTEBOOKS); do echo "== $$nb"; \
	  BULLETINS=$(CURDIR)/tests/pinned OUTPUT_DIR=$(CURDIR)/build/nb-out BULLETIN_CACHE=$(CURDIR)/build/nb-cache \
	  $(BIN)/jupyter nbconvert --log-level=WARN --to notebook --execute --inplace \
	    --ExecutePreprocessor.record_timing=False $$nb || exit 1; done

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf build reports .cache
