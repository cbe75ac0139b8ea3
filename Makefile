# smallstate: course and library. Run `make help` for the targets.
#
#   make lab     create .venv if needed, install the course, open JupyterLab on lesson 00
#   make test    install the test tools and check everything: lint (ruff, mypy), unit tests +
#                doctests, the wheel, every lesson's stored outputs (nbval), every lesson in a
#                real browser
#   make quick   the edit loop: unit tests + doctests without the slow ones, stop at the first
#                failure (under a minute)
#   make lessons re-execute every lesson in a fresh, network-denied kernel; store outputs
#   make bank    rebuild the hashed exercise bank from instructor/exercises/*.yaml
#   make site    build the course website (Jupyter Book, stored outputs) into _build/html,
#                with Binder launch buttons (HUB_URL=https://your-hub adds JupyterHub ones)
#   make present LESSON=04  serve one lesson with Voila for a projector: code hidden, widgets live
#   make hub     the course for a class: JupyterHub on http://127.0.0.1:8000 (deploy/hub;
#                instructor/README.md); `make hub-test` runs its end-to-end test alone
#   make clean   remove build products, caches and test artifacts (keeps .venv)
#
# Variables: PORT (8888), NO_BROWSER=1 (do not open a browser), TOKEN (default: Jupyter makes a
# new one every start), PYTHON (python3), CI=true (a skipped test, e.g. for a missing Chromium,
# is then a failure), CHROMIUM (path to the browser). For `make hub`: HUB_IP (127.0.0.1),
# HUB_PORT (8000), HUB_STATE (.hub), HUB_ADMIN (instructor), HUB_ROSTER (a file of student
# ids), HUB_AUTH (firstuse | lti).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
PORT ?= 8888
# `make lab` keeps Jupyter's own per-run token (a server without one lets any local user or
# process run code as you); TOKEN=... fixes it, passed as JUPYTER_TOKEN (not on the command line).
TOKEN ?=
NO_BROWSER ?=
CI ?=
CHROMIUM ?= /usr/bin/chromium
ARTIFACTS := artifacts

LESSONS := $(sort $(wildcard lessons/*.ipynb))
# The harness's own notebook: checked by nbval with the lessons, so the harness is exercised
# even before any lesson exists.
HARNESS_NOTEBOOKS := tests/browser/fixtures/harness_widgets.ipynb

IS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo yes)
OPEN_FLAG := $(if $(filter 1 yes true,$(NO_BROWSER)),--no-browser,)

# The kernels (and the test processes) get the network guard: any connection to a
# non-loopback address raises before a packet is sent, and is logged for the check below.
DENY_LOG := $(CURDIR)/$(ARTIFACTS)/network-denied.log
# Tests and their kernels save self-check progress to a scratch file, emptied before each run,
# never to the learner's own (see smallstate/exercises/store.py).
PROGRESS_FILE := $(CURDIR)/$(ARTIFACTS)/progress-test.json
DENY_NET := PYTHONPATH="$(CURDIR)/tools/deny_network$${PYTHONPATH:+:$$PYTHONPATH}" \
	SMALLSTATE_DENY_NETWORK=1 SMALLSTATE_DENY_NETWORK_LOG="$(DENY_LOG)" PYTHONHASHSEED=0 \
	SMALLSTATE_PROGRESS_FILE="$(PROGRESS_FILE)"

# pytest exit status 5 ("no tests were collected") counts as a failure.
define PYTEST
	rm -f "$(PROGRESS_FILE)"; status=0; $(DENY_NET) $(VPY) -m pytest $(1) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "ERROR: pytest collected no tests ($(1))" >&2; exit 1; fi; \
	if [ -s "$(DENY_LOG)" ]; then echo "ERROR: network access attempted (must run offline):" >&2; \
		cat "$(DENY_LOG)" >&2; exit 1; fi; \
	exit $$status
endef

.PHONY: help lab test lint unit quick wheel nbval browser lessons check-notebooks bank \
	ensure-browser install-test clean site present hub hub-test hub-proxy

help:
	@sed -n '2,22p' Makefile | sed 's/^# \{0,1\}//'

# ---------------------------------------------------------------------------------- venv

$(VPY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		"smallstate needs Python 3.11 or newer; this is " + sys.version.split()[0] + \
		" (set PYTHON=python3.12 or similar)")'
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml changed (the stamps are newer than it otherwise).
$(VENV)/.stamp-lab: pyproject.toml | $(VPY)
	@if [ -f $(VENV)/.stamp-test ] && [ $(VENV)/.stamp-test -nt pyproject.toml ]; then \
		echo "course already installed (with test tools)"; \
	else \
		echo "installing the course into $(VENV) ..."; \
		$(VPY) -m pip install --disable-pip-version-check --quiet -e .; \
	fi
	@touch $@

$(VENV)/.stamp-test: pyproject.toml | $(VPY)
	@echo "installing the course and its test tools into $(VENV) ..."
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(VPY) -m pip install --disable-pip-version-check \
		--quiet -e ".[test,instructor]"
	@touch $@ $(VENV)/.stamp-lab

install-test: $(VENV)/.stamp-test

# ----------------------------------------------------------------------------------- lab

# tools/lab.py: lesson 00 as the start page (opened and printed, with the token), the course's
# settings in tools/lab/settings (no news prompt, nbgrader's menus disabled).
lab: $(VENV)/.stamp-lab
	@$(if $(TOKEN),export JUPYTER_TOKEN='$(TOKEN)';) \
	exec $(VPY) tools/lab.py --port $(PORT) $(OPEN_FLAG)

# ---------------------------------------------------------------------------------- test

test: install-test ensure-browser lint unit wheel nbval browser hub-test
	@echo "make test: all checks passed"

$(ARTIFACTS):
	@mkdir -p $@

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

unit: install-test | $(ARTIFACTS)
	@rm -f "$(DENY_LOG)"
	@$(call PYTEST,-m "not browser and not wheel and not hub" tests --doctest-modules smallstate)

# The edit loop: `make unit` without the tests marked slow (nbgrader, kernels, subprocesses).
quick: install-test | $(ARTIFACTS)
	@rm -f "$(DENY_LOG)"
	@$(call PYTEST,-x -q -m "not slow and not browser and not wheel and not hub" tests \
		--doctest-modules smallstate)

wheel: install-test | $(ARTIFACTS)
	@rm -f "$(DENY_LOG)"
	@$(call PYTEST,-m wheel tests)

nbval: install-test | $(ARTIFACTS)
	@rm -f "$(DENY_LOG)"
	@if [ -z "$(LESSONS)" ]; then echo "WARNING: no lessons/*.ipynb yet; nbval checks only \
	the harness notebook"; fi
	@$(call PYTEST,-p no:cacheprovider --nbval $(LESSONS) $(HARNESS_NOTEBOOKS) \
		--nbval-sanitize-with tests/nbval_sanitize.cfg)

# axe-core (npm) for the accessibility checks, vendored into .cache/axe-core (git-ignored).
browser: install-test ensure-browser | $(ARTIFACTS)
	@tools/vendor_axe.sh
	@rm -f "$(DENY_LOG)"
	@export SMALLSTATE_CHROMIUM="$(CHROMIUM)"; $(call PYTEST,-m browser tests/browser)

# Installs Debian's Chromium when it is missing and we may (root with apt-get). Never runs
# `playwright install`. Without a browser the browser tests skip loudly (fail when CI=true).
ensure-browser:
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "browser: $(CHROMIUM)"; \
	elif [ "$(IS_ROOT)" = yes ] && command -v apt-get >/dev/null; then \
		echo "browser: installing Debian's chromium (apt-get) ..."; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	elif [ "$(CI)" = true ]; then \
		echo "ERROR: no browser at $(CHROMIUM) and cannot install one (CI=true)" >&2; exit 1; \
	else \
		echo "####################################################################"; \
		echo "WARNING: no browser at $(CHROMIUM); the browser tests will be SKIPPED."; \
		echo "Install Debian's chromium (apt-get install chromium) or set CHROMIUM=..."; \
		echo "####################################################################"; \
	fi

# ------------------------------------------------------------------------------- lessons

lessons: $(VENV)/.stamp-test
	@if [ -z "$(LESSONS)" ]; then echo "no lessons/*.ipynb to execute"; exit 0; fi
	$(VPY) tools/execute_notebooks.py $(LESSONS)

check-notebooks: $(VPY)
	$(VPY) tools/check_notebooks.py $(LESSONS)

# The packaged bank holds only salted hashes; a unit test fails while it is out of date.
bank: $(VENV)/.stamp-lab
	$(VPY) -m smallstate instructor bank

# ----------------------------------------------------------------------------------- hub

HUB_IP ?= 127.0.0.1
HUB_PORT ?= 8000
HUB_API_PORT ?= 8081
HUB_PROXY_API_PORT ?= 8001
HUB_GIT_PORT ?= 8002
HUB_STATE ?= $(CURDIR)/.hub
HUB_ADMIN ?= instructor
HUB_ROSTER ?=
HUB_AUTH ?= firstuse
PROXY := deploy/hub/node_modules/.bin/configurable-http-proxy

# configurable-http-proxy from npm, at the version locked in deploy/hub/package-lock.json
hub-proxy: $(PROXY)
$(PROXY): deploy/hub/package.json deploy/hub/package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: make hub needs Node.js 20+ and npm \
	(apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --prefix deploy/hub --no-audit --no-fund --loglevel=error
	@touch $@

# The course is published from this checkout's last commit (`git commit` first; run `make hub`
# again, or `smallstate instructor publish-course`, to publish later commits).
$(VENV)/.stamp-hub: pyproject.toml | $(VPY)
	$(VPY) -m pip install --disable-pip-version-check --quiet -e ".[hub]"
	@touch $@

hub: $(VENV)/.stamp-hub $(PROXY)
	@mkdir -p "$(HUB_STATE)/git"
	$(VPY) -m smallstate instructor publish-course "$(HUB_STATE)/git/course.git" \
		--checkout . --hub-url "http://$(HUB_IP):$(HUB_PORT)" \
		--repo-url "http://127.0.0.1:$(HUB_GIT_PORT)/course.git"
	@echo "JupyterHub: http://$(HUB_IP):$(HUB_PORT) (admin: $(HUB_ADMIN); stop with Ctrl+C)"
	cd "$(HUB_STATE)" && PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
		SMALLSTATE_HUB_STATE="$(HUB_STATE)" SMALLSTATE_HUB_IP="$(HUB_IP)" \
		SMALLSTATE_HUB_PORT="$(HUB_PORT)" SMALLSTATE_HUB_API_PORT="$(HUB_API_PORT)" \
		SMALLSTATE_HUB_PROXY_API_PORT="$(HUB_PROXY_API_PORT)" \
		SMALLSTATE_HUB_GIT_PORT="$(HUB_GIT_PORT)" SMALLSTATE_HUB_ADMIN="$(HUB_ADMIN)" \
		SMALLSTATE_HUB_ROSTER="$(if $(HUB_ROSTER),$(abspath $(HUB_ROSTER)),)" \
		SMALLSTATE_HUB_AUTH="$(HUB_AUTH)" \
		exec "$(CURDIR)/$(VENV)/bin/jupyterhub" -f "$(CURDIR)/deploy/hub/jupyterhub_config.py"

# The hub with 5 simulated students, the course link's update and a graded assignment
# (tests/test_hub.py; a few minutes).
hub-test: install-test $(PROXY) | $(ARTIFACTS)
	@rm -f "$(DENY_LOG)"
	@$(call PYTEST,-m hub tests)

# ---------------------------------------------------------------------------------- site

# The course website from the lessons' stored outputs (no execution, offline). The widget
# JavaScript is vendored from npm on the first build (site/vendor_widgets.sh, git-ignored).
# Launch buttons on the lesson pages (site/_config.yml has the defaults): HUB_URL (your
# JupyterHub, through nbgitpuller; none by default), BINDER_URL (https://mybinder.org), REPO_URL
# and BRANCH (the repository the buttons open).
HUB_URL ?=
BINDER_URL ?=
REPO_URL ?=
BRANCH ?=
site: $(VENV)/.stamp-site
	site/vendor_widgets.sh
	$(VPY) tools/site_config.py --out _build/_config.yml --hub-url '$(HUB_URL)' \
		--binder-url '$(BINDER_URL)' --repo-url '$(REPO_URL)' --branch '$(BRANCH)'
	$(VENV)/bin/jupyter-book build . --config _build/_config.yml --toc site/_toc.yml \
		-W -n --keep-going
	@echo "site: open _build/html/index.html"

$(VENV)/.stamp-site: pyproject.toml | $(VPY)
	$(VPY) -m pip install --disable-pip-version-check --quiet -e ".[site]"
	@touch $@

# ------------------------------------------------------------------------------- present

# One lesson in Voila for projection in a seminar: outputs and widgets only, code hidden, the
# widgets live (a kernel per browser tab). LESSON is the lesson's number (04) or file stem.
LESSON ?=
present: $(VENV)/.stamp-present
	@lesson="$(LESSON)"; [ -n "$$lesson" ] || { echo "usage: make present LESSON=04" >&2; exit 2; }; \
	found=$$(ls lessons/$$lesson.ipynb lessons/$${lesson}_*.ipynb 2>/dev/null | head -n 1 || true); \
	[ -n "$$found" ] || { echo "ERROR: no lesson matches LESSON=$$lesson; the lessons are:" >&2; \
		ls lessons/*.ipynb >&2; exit 2; }; \
	echo "Voila: http://127.0.0.1:$(PORT)/  ($$found; stop with Ctrl+C)"; \
	exec $(VENV)/bin/voila "$$found" --Voila.ip=127.0.0.1 --port=$(PORT) \
		--VoilaConfiguration.strip_sources=True $(if $(OPEN_FLAG),--no-browser,)

$(VENV)/.stamp-present: pyproject.toml | $(VPY)
	@if [ -f $(VENV)/.stamp-test ] && [ $(VENV)/.stamp-test -nt pyproject.toml ]; then \
		echo "Voila already installed (with test tools)"; \
	else \
		$(VPY) -m pip install --disable-pip-version-check --quiet -e ".[present]"; \
	fi
	@touch $@

# --------------------------------------------------------------------------------- clean

clean:
	rm -rf $(ARTIFACTS) dist build .pytest_cache .ruff_cache .mypy_cache .hypothesis
	find . -path ./$(VENV) -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \
		-o -name '*.egg-info' \) -print0 | xargs -0 rm -rf
