# Two commands on a fresh machine:
#   make serve   set up, build the app from content/ and serve it at http://127.0.0.1:8000/
#   make test    set up (Python packages, Debian's browsers and nginx) and run every test
# For editors: make preview runs the live preview (rebuilds on every save; never writes dist/).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: serve preview build validate test lint chromium firefox webkit nginx hugo clean bench-search \
	bench-keystroke bench-scale

# The app as officers get it: a real build, served as a host would (offline use works).
serve: $(VENV)/.runtime
	$(PY) build.py build
	$(PY) build.py serve --built dist

preview: $(VENV)/.runtime
	$(PY) build.py serve

build: $(VENV)/.runtime
	$(PY) build.py build

validate: $(VENV)/.runtime
	$(PY) build.py validate

test: lint chromium firefox webkit nginx
	$(PY) -m pytest

# ruff (settings in pyproject.toml): the Python code formatted and linted, at 100 columns.
lint: $(VENV)/.dev
	$(PY) -m ruff format --check --quiet .
	$(PY) -m ruff check --quiet .

# Search benchmark: ours beside MiniSearch and Lunr (npm installs them into bench/; the app never needs Node).
bench-search: $(VENV)/.dev chromium
	npm ci --prefix bench --no-audit --no-fund
	$(PY) bench/search.py

# Keystroke benchmark: input event → results in the search page's DOM, in headless Chromium.
bench-keystroke: $(VENV)/.dev chromium
	$(PY) bench/keystroke.py

# Scale benchmark: build time and memory, sizes, a first visit on slow networks, Hugo and MkDocs beside
# us, Lighthouse on the default content (npm installs Lighthouse into bench/; MkDocs gets its own
# virtualenv; Hugo is Debian's).
bench-scale: $(VENV)/.dev chromium nginx hugo
	npm ci --prefix bench --no-audit --no-fund
	$(PYTHON) -m venv bench/.venv-mkdocs
	bench/.venv-mkdocs/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements-mkdocs.txt
	$(PY) bench/scale.py

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Playwright cannot download its own browser here: the tests drive Debian's chromium
# (or the one named by CORNER_CHROMIUM).
chromium:
	@if [ -n "$$CORNER_CHROMIUM" ] || command -v chromium >/dev/null; then :; else \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi

# The journey on every engine (tests/e2e/test_engines.py) also runs in Firefox, driven through the
# WebDriver BiDi it speaks itself (no geckodriver), and in WebKit: WebKitGTK's WebDriver and its
# MiniBrowser (in libwebkit2gtk-4.1-0), which needs an X server: Xvfb. Without recommends,
# firefox-esr does not pull in hundreds of MB it does not need here.
firefox:
	@if [ -n "$$CORNER_FIREFOX" ] || command -v firefox-esr >/dev/null || command -v firefox >/dev/null; then :; else \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends firefox-esr; fi

webkit:
	@if command -v WebKitWebDriver >/dev/null && command -v Xvfb >/dev/null && ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser >/dev/null 2>&1; then :; else \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends webkit2gtk-driver xvfb; fi

# The end-to-end tests also serve the build with nginx and deploy/nginx.conf: Debian's nginx
# (or the one named by CORNER_NGINX), over TLS too, with a certificate openssl makes for them.
# /usr/sbin is not on every user's PATH.
nginx:
	@command -v openssl >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl; }
	@if [ -n "$$CORNER_NGINX" ] || [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null; then :; else \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light \
	  || [ -x /usr/sbin/nginx ]; fi  # the tests start their own nginx: a system service that fails to start does not matter

# The scale benchmark builds the same entries with Hugo (bench/hugo_site.py): Debian's hugo, or the one
# on PATH.
hugo:
	@command -v hugo >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo; }

clean:
	rm -rf dist .pytest_cache
