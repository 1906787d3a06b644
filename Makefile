# Two commands do all the set-up on a fresh machine:
#   make serve   create .venv, install, train a model if there is none, serve on 127.0.0.1:8000
#   make test    create .venv, install with test extras, run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MODEL := models/truerole.skops

.PHONY: serve test train results screenshots clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

$(MODEL): $(INSTALLED) $(wildcard training_data/*.csv)
	$(BIN)/truerole train --out $@

train: $(MODEL)

# The release's regression record and model card: run after changing the model
# or the corpus, then review and commit results/ and MODEL_CARD.md.
REAL_DEV := $(wildcard ../shared/realdata/dev.csv)
results: $(INSTALLED)
	$(BIN)/truerole train --out $(MODEL) --card MODEL_CARD.md --evaluate training_data/holdout $(addprefix --evaluate ,$(REAL_DEV))
	$(BIN)/truerole evaluate training_data/holdout --model $(MODEL) --report results/holdout

# Refresh docs/screenshot*.png from the browser test (needs Debian's chromium).
screenshots: $(INSTALLED)
	TRUEROLE_SCREENSHOTS=docs $(BIN)/python -m pytest tests/api/test_browser.py

serve: $(MODEL)
	$(BIN)/truerole serve --model $(MODEL)

test: $(INSTALLED)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) models .pytest_cache
