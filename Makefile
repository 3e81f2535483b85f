# The README's two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python example_site/manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-i18n bench lint format messages migrations build clean docs docs-check screenshots

# Created once, and again whenever pyproject.toml changes. The `test` extra is
# the `testing`, `browser` and `lint` extras: everything the targets below use.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

demo: $(BIN)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data --hostname $(HOST) --port $(PORT)
	$(MANAGE) create_demo_admin --admin-url http://$(HOST):$(PORT)/admin/
	@echo "Serving the example site on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(MANAGE) runserver $(HOST):$(PORT)

# In parallel, one pytest-xdist worker per CPU core; PYTEST_ARGS comes after,
# so `make test PYTEST_ARGS="-n 0"` runs everything in one process. With
# loadgroup the browser, traffic and demo tests each stay on one worker, which
# sets up their browser, servers or demo once (tests/conftest.py).
test: $(BIN)/.installed
	@case "$$DATABASE_URL" in mysql*) $(BIN)/python -m pip install --quiet "mysqlclient>=2.2.1";; esac
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

# Dialogues translated with wagtail-localize (tests/i18n, under
# tests/settings_i18n.py): installed here, as the package does not need it.
test-i18n: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet "wagtail-localize>=1.14,<1.15"
	$(BIN)/python -m pytest -q -n auto --ds=tests.settings_i18n tests/i18n $(PYTEST_ARGS)

# The benchmark suite (docs/development.md, "Benchmarks"): SQLite unless
# DATABASE_URL names a server; `make bench BENCH_ARGS=--quick` for a short run.
# It writes docs/performance.md.
bench: $(BIN)/.installed
	$(BIN)/python -m bench $(BENCH_ARGS)

# The docs' screenshots (docs/images/screenshots/<language>/), taken from the
# demo by the browser, in Swedish and English; commit the images it changes.
screenshots: $(BIN)/.installed
	DOCS_SCREENSHOTS=1 $(BIN)/python -m pytest -p no:cacheprovider tests/browser/test_docs_screenshots.py

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	env -u DATABASE_URL $(MANAGE) makemigrations --check --dry-run

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract the package's strings into the Swedish catalogue and compile it.
messages: $(BIN)/.installed
	cd wagtail_delaktighet && ../$(BIN)/django-admin makemessages --locale sv --no-obsolete --add-location file
	cd wagtail_delaktighet && ../$(BIN)/django-admin compilemessages --locale sv

# New migrations, rewritten so that they run on Wagtail 7.4 LTS and 8.x alike.
migrations: $(BIN)/.installed
	env -u DATABASE_URL $(MANAGE) makemigrations wagtail_delaktighet home
	$(BIN)/python tools/portable_migrations.py

# The documentation site (mkdocs.yml) from docs/, into site/: offline, with
# the `docs` extra alone. --strict (in mkdocs.yml): a broken link, a missing
# anchor or a page left out of the nav fails the build.
$(BIN)/.docs-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $@

docs: $(BIN)/.docs-installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --clean --site-dir site

# The same build, thrown away: what CI and tests/packaging/test_docs_site.py check.
docs-check: $(BIN)/.docs-installed
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir "$$tmp"

build: $(BIN)/.installed
	rm -rf dist
	$(BIN)/python -m build --wheel --sdist

clean:
	rm -rf $(VENV) dist build site *.egg-info example_site.sqlite3 var
