# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

CHROMIUM := /usr/bin/chromium
.PHONY: run test lint format bench env-example clean browser

# Reinstall only when the requirements change.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed
	$(BIN)/python -m storyillus check
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Browser tests drive Debian's chromium (playwright cannot download browsers here).
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

test: $(BIN)/.installed browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BIN)/.installed
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

env-example: $(BIN)/.installed
	$(BIN)/python -m storyillus env-example > .env.example

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
