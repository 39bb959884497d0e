# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

CHROMIUM := /usr/bin/chromium
.PHONY: run test lint format bench env-example clean browser oidc contact-sheets

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

# The sign-in test's OpenID Connect provider (tests/oidc: oidc-provider under Node): Debian's
# nodejs and npm when missing, then `npm ci` when node_modules is missing or the lock changed.
OIDC := tests/oidc
$(OIDC)/node_modules/.installed: $(OIDC)/package-lock.json $(OIDC)/package.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm; }
	cd $(OIDC) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

oidc: $(OIDC)/node_modules/.installed

test: $(BIN)/.installed browser oidc
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

# The README's contact sheets (docs/contact-*.png): three offline books with fixed seeds and
# one reference picture (a drawn child: light skin, short brown hair), drawn by today's code.
CONTACT_BOOKS := generated/contact-books
CONTACT_BOOK = $(BIN)/python -m storyillus book --age 6 --seed 13 --pages 8 \
	--image bench/reference-child.png
contact-sheets: $(BIN)/.installed
	rm -rf $(CONTACT_BOOKS)
	$(CONTACT_BOOK) --name Kai --out $(CONTACT_BOOKS)/sea \
	  --prompt "Kai sails a little boat across the sea to bring a lost baby turtle home to its island"
	$(CONTACT_BOOK) --name Leo --out $(CONTACT_BOOKS)/bedtime \
	  --prompt "At bedtime Leo is afraid of the dark, until he learns the shadows in his room are only his toys"
	$(CONTACT_BOOK) --name Amara --out $(CONTACT_BOOKS)/school --sibling Nana:grandmother \
	  --prompt "Amara's first day at her new school, where she hopes to make a new friend"
	for name in sea bedtime school; do \
	  $(BIN)/python bench/contact_sheet.py $(CONTACT_BOOKS)/$$name --out docs/contact-$$name.png \
	  || exit 1; done

env-example: $(BIN)/.installed
	$(BIN)/python -m storyillus env-example > .env.example

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(OIDC)/node_modules
