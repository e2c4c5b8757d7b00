# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make brief   builds the briefs from data/articles/ into out/
#   make test    runs the tests
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: brief test clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

brief: $(VENV)/.installed
	$(PY) generate.py

test: $(VENV)/.installed
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) out
