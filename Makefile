# Two commands set everything up on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: run test refresh lab bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (prequel)" >/dev/null
	touch $(STAMP)

run: $(STAMP)  ## execute every notebook with its defaults and render the site into rendered/
	$(PY) scripts/run_notebooks.py --scenario all

test: $(STAMP)  ## the whole test suite: unit, data, runner, regression (nbval) and browser tests
	$(PY) -m pytest -n 2 --dist loadfile tests notebooks $(NBVAL)

refresh: $(STAMP)  ## re-execute the notebooks and write their outputs back (the regression baseline)
	$(PY) scripts/run_notebooks.py --refresh

lab: $(STAMP)  ## JupyterLab on notebooks/
	$(VENV)/bin/jupyter lab notebooks/

bench: $(STAMP)  ## the runner against a naive loop of papermill and nbconvert command lines
	$(PY) scripts/bench.py

clean:
	rm -rf rendered .rendered.* $(VENV)
