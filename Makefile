# Two commands set everything up on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: run test regression lint format refresh sync lab bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (prequel)" >/dev/null
	touch $(STAMP)

run: $(STAMP)  ## render every scenario into rendered/, reusing unchanged results from .cache/ (--no-cache: execute all)
	$(PY) scripts/run_notebooks.py --scenario all

test: $(STAMP)  ## the whole test suite: unit, contract, runner, regression (nbval) and browser tests
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder tests notebooks $(NBVAL)

regression: $(STAMP)  ## the regression alone: each notebook's results by declaration, then nbval over the committed notebooks
	$(PY) -m pytest -n 2 --dist loadfile tests/test_results_regression.py notebooks $(NBVAL)

lint: $(STAMP)  ## ruff: lint and format check of the package, scripts, tests and notebooks' text twins
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)  ## ruff: fix what can be fixed and format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

refresh: $(STAMP)  ## execute (never from the cache) the notebooks' text twins and write the baselines (.ipynb), README findings and images
	$(PY) scripts/run_notebooks.py --refresh

sync: $(STAMP)  ## after editing one side by hand: bring each .py/.ipynb pair in step (the newer file wins)
	$(VENV)/bin/jupytext --sync notebooks/[0-9][0-9]_*.ipynb

lab: $(STAMP)  ## JupyterLab on notebooks/ (jupytext keeps each .ipynb and its .py twin in step)
	$(VENV)/bin/jupyter lab notebooks/

bench: $(STAMP)  ## the runner against a naive loop of papermill and nbconvert command lines
	$(PY) scripts/bench.py

clean:  ## remove rendered output, the cache and the virtual environment
	rm -rf rendered .rendered.* .cache $(VENV) .venv-3.13
