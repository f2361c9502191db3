"""Shared fixtures: paths, the dataset, copies of data/ to corrupt, and running the runner."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import nbformat
import pytest
from hypothesis import settings

from prequel.data import load_dataset

# Property tests: no per-example deadline (CI machines are shared and noisy) and a fixed example sequence,
# so a test run is reproducible.
settings.register_profile("prequel", deadline=None, derandomize=True)
settings.load_profile("prequel")

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
RUNNER = REPO / "scripts" / "run_notebooks.py"
SHARED_RESEARCH = REPO.parent / "shared" / "research"
# a code id inside text a reader reads ("weight of api_availability", "min_confidence=any"); file names and paths
# are fine: pages (browser tests) and downloads are checked with the same pattern
EMBEDDED_ID = re.compile(r"(?<![\w/.$-])[a-zA-Z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/]|\.\w)")
# Jargon where readers read (issue 25): the notation P(...) ("chance of ..."), the input codes i2v and v2v
# ("image-to-video", "video-to-video"), "best-of-N" and "Weibull" (said in words; the technical terms stay in
# the methods and the rerun block)
READER_JARGON = re.compile(r"\bP\(|\b[iv]2v\b|\bbest-of-N\b|\bWeibull\b")
# The tests never read the execution cache (every runner they start executes), unless a test gives
# the runner a cache folder of its own (``runner_in_process(..., cache=folder)``, or --cache-dir).
os.environ["PREQUEL_NO_CACHE"] = "1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`make test` runs with `--dist loadfile --no-loadscope-reorder`: xdist hands whole files to the two
    workers in collection order. Files with a test that drives a browser or executes notebooks (marked
    browser or slow) come first, then nbval's notebooks, then the quick files, largest first (by number of
    tests, a rough guide to their time), so the workers end together on small files rather than one waiting
    for the other's last long file. (`--dist loadgroup` would hand out quick tests one by one, but
    pytest-xdist 3.8 ignores its groups under pytest 9.2: pytest-dev/pytest-xdist#1386.)"""

    def weight(item: pytest.Item) -> int:
        if item.get_closest_marker("browser"):
            return 0
        if item.get_closest_marker("slow"):
            return 1
        return 2 if item.path.suffix == ".ipynb" else 3

    first, count = {}, Counter(item.path for item in items)
    for item in items:
        first[item.path] = min(first.get(item.path, 3), weight(item))
    # stable: each file keeps its own order, and files of one weight (quick ones aside) their collection order
    items.sort(key=lambda item: (first[item.path], -count[item.path] if first[item.path] == 3 else 0))


@pytest.fixture(autouse=True)
def words_of_one_test():
    """The names a test's analysis registers for its ids (``labels.register_words``, as a notebook's kernel does
    once) last that test. (Names registered by a module's or the session's fixtures stay: a test that reads a
    company's name reads it through ``words``.)"""
    from prequel.present import labels

    saved = dict(labels.WORDS)
    yield
    labels.WORDS.clear()
    labels.WORDS.update(saved)


@pytest.fixture(autouse=True)
def papermill_writes_where_the_test_runs():
    """papermill's local file handler holds one working directory for the whole process, which each notebook's
    thread sets and restores (out of order when several run at once); a test that changed directory
    (``monkeypatch.chdir``) could leave its folder there for the next test's writes. Each test starts without."""
    from papermill.iorw import papermill_io

    handler = papermill_io.get_handler("local")
    handler.cwd(None)
    yield
    handler.cwd(None)


@pytest.fixture(scope="session")
def dataset():
    return load_dataset(DATA)


@pytest.fixture()
def data_copy(tmp_path):
    """A writable copy of data/ in tmp_path/data."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes (to prove a folder was left untouched)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class RunOutput(type(Path())):
    """A shared run's output folder, with the data folder it read (``data_dir``)."""

    data_dir: Path


def cache_of_baselines(folder: Path) -> Path:
    """An execution cache in ``folder`` holding each committed baseline under the key of running its
    notebook with its defaults: a run with the defaults then renders the baselines without executing.
    The suite may take them as executed because nbval re-executes every baseline and fails on any
    difference."""
    from prequel.pipeline.cache import Cache, inputs_for, notebook_key
    from prequel.pipeline.cli import make_jobs
    from prequel.pipeline.sources import discover

    cache = Cache(folder)
    for job in make_jobs(discover(warn=False)):
        key = notebook_key(job.notebook.read(), job, inputs_for(job))
        cache.store(job.stem, key, nbformat.read(job.notebook.baseline, as_version=4), 0.0)
    return folder


def shared_run(tmp_path_factory, name: str, *args: str, poisoned: bool = False, baselines: bool = False) -> Path:
    """The runner's output for ``args`` (``--out`` is added), run once per test session and shared by the
    pytest-xdist workers: the first worker to ask runs it under a file lock, the others wait and reuse it.
    Tests that need one notebook run with the same unusual parameters share one run this way. With
    ``poisoned`` the run reads a copy of data/ with markup in its text fields (``POISONED``); with
    ``baselines`` the notebooks run with their defaults come from the committed baselines
    (``cache_of_baselines``)."""
    import fcntl

    in_worker = "PYTEST_XDIST_WORKER" in os.environ  # each worker has a folder of its own under a shared one
    shared = tmp_path_factory.getbasetemp().parent if in_worker else tmp_path_factory.getbasetemp()
    out = RunOutput(shared / "shared-runs" / name)
    out.data_dir = out.parent / f"{name}-data" if poisoned else DATA
    out.parent.mkdir(exist_ok=True)
    with open(shared / "shared-runs" / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = out.parent / f"{name}.done"
        if not done.exists():
            if poisoned:
                shutil.rmtree(out.data_dir, ignore_errors=True)
                shutil.copytree(DATA, out.data_dir)
                for file, *where in POISONED:
                    poison(out.data_dir / file, *where)
                args = (*args, "--data-dir", str(out.data_dir))
            cache = cache_of_baselines(out.parent / f"{name}-cache") if baselines else None
            result = runner_in_process(*args, "--out", str(out), cache=cache)
            assert result.returncode == 0, result.stderr[-3000:]
            done.write_text("ok\n")
    return out


#: Markup a page must show as text (it sets the title and adds an element if it is ever parsed as HTML).
EVIL_NAME = '<img src=x onerror="document.title=\'pwned\'"><b id="evil">Evil</b> & Co'

#: Text fields of data/ that get ``EVIL_NAME`` in the shared runs with unusual parameters: (file, key column,
#: key, field[, suffix]).
POISONED = [
    ("companies.csv", "company_id", "google", "name"),
    ("companies.csv", "company_id", "runway", "name", " 2"),  # names are unique; Runway is in every headline
    ("events.csv", "event_id", "e17", "event"),
    ("events.csv", "event_id", "e08", "event"),  # 04's headline quotes it: the index and front page show it
    ("stakeholders.csv", "stakeholder_id", "openai", "name"),
    ("scales.csv", "level", "small", "definition"),
    ("article_claims.csv", "claim_id", "tbl_verdict_google", "cell_text"),
    ("predictions.csv", "prediction_id", "google_no_product_before_2028", "title"),
    ("funding_rounds.csv", "round_id", "runway_series_e_2", "round"),
    ("valuation_figures.csv", "figure_id", "canva_val_2025_08", "peer_name"),  # 06's tables and chart
]


def poison(path: Path, key: str, match: str, column: str, suffix: str = "") -> None:
    """Put ``EVIL_NAME`` (plus ``suffix``) into ``column`` of the rows of a CSV file whose ``key`` is ``match``."""
    import csv

    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row[key] == match:
            row[column] = EVIL_NAME + suffix
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def results_of(out: Path, stem: str) -> dict:
    """One notebook's published results from a runner output's summary.json."""
    import json

    entry = json.loads((out / "summary.json").read_text(encoding="utf-8"))["notebooks"][stem]
    assert entry["status"] == "ok", entry
    return entry["results"]


@pytest.fixture(scope="session")
def rendered_site(tmp_path_factory) -> Path:
    """The whole collection rendered once with its defaults, as `make run` renders it: the base scenario's
    folder (its parent holds the front page). Shared by the runner, browser and README tests. Its notebooks
    are the committed baselines (nbval executes each of them once), so the suite does not run them twice."""
    return shared_run(tmp_path_factory, "site", "--scenario", "base", baselines=True) / "base"


@pytest.fixture(scope="session")
def early_run(tmp_path_factory) -> Path:
    """01 and 05 before any funding round or benchmark entry, for a company with no rounds (valid, unusual),
    reading data with markup in its text fields."""
    return shared_run(
        tmp_path_factory, "early", "01", "05", "-p", "as_of=2019-06-30", "-p", "companies=google",
        poisoned=True,
    )  # fmt: skip


@pytest.fixture(scope="session")
def changed_run(tmp_path_factory) -> Path:
    """02, 03, 04 and 06 with parameters away from their defaults: all weight on world-model focus, a likely
    thesis, OpenAI's payoffs overridden, every confidence level counted as evidence, 04's simulation at
    its smallest sizes, and 06 counting aggregator-only figures with few draws."""
    return shared_run(
        tmp_path_factory, "changed", "02", "03", "04", "06",
        "-p", "weights=world_model_focus:1", "-p", "p_thesis=0.9",
        "-p", 'payoff_overrides={"openai": [-2, 2]}', "-p", "min_confidence=any",
        "-p", "n_sims=100", "-p", "interval_sets=10",
        "-p", "include_aggregator=true", "-p", "n_draws=100", poisoned=True,
    )  # fmt: skip


def runner_in_process(*args: str, capsys=None, cache: Path | None = None) -> subprocess.CompletedProcess:
    """The runner's main() in this process, as scripts/run_notebooks.py runs it but without starting a Python
    and importing the pipeline again (kernels still run in their own processes), from the current working
    directory; without ``cache`` (a folder) it never reads or writes the execution cache. For runs that test
    what the runner does, not how a process ends (Ctrl-C and concurrent runs start the runner in a process of
    its own). Its output is read with ``capsys`` when given (a test), else captured here (a session fixture)
    and kept on an error the runner did not handle."""
    from prequel.pipeline.cli import main

    options = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    with pytest.MonkeyPatch.context() as env:
        if cache:
            env.delenv("PREQUEL_NO_CACHE", raising=False)
        if capsys is not None:
            capsys.readouterr()
            code = main([*args, *options])
            out, err = capsys.readouterr()
        else:
            with redirect_stdout(StringIO()) as stdout, redirect_stderr(StringIO()) as stderr:
                try:
                    code = main([*args, *options])
                except BaseException as error:
                    error.add_note(f"the runner's output before it:\n{stdout.getvalue()}{stderr.getvalue()[-3000:]}")
                    raise
            out, err = stdout.getvalue(), stderr.getvalue()
    return subprocess.CompletedProcess(["run_notebooks.py", *args], code, out, err)


def run_in_process(*args: str, capsys) -> tuple[int, str]:
    """The runner's main() in this process (for refusals that stop before any kernel starts): exit code and
    standard error."""
    result = runner_in_process(*args, capsys=capsys)
    return result.returncode, result.stderr


TINY = """# %% [markdown]
# # A tiny notebook for testing the runner

# %% tags=["parameters"]
# fmt: off
seconds: float = 0.0  # seconds to sleep in the second cell | 0 to 3600
fail: bool = False  # raise an error in the second cell
label: str = "tiny"  # a label printed by the notebook
# fmt: on

# %%
import time

time.sleep(seconds)
if fail:
    raise RuntimeError("boom in the tiny notebook")
print(f"done: {label}")
"""


def tiny_notebook(folder: Path, stem: str = "90_tiny") -> Path:
    """A notebook without heavy imports (so timing tests do not depend on machine load)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.py"
    path.write_text(TINY, encoding="utf-8")
    return path


def runner_output(folder: Path) -> Path:
    """A previous output of the runner: its marker, a summary and a page."""
    folder.mkdir(parents=True)
    (folder / ".prequel-output").write_text("written by the runner\n")
    (folder / "summary.json").write_text('{"notebooks": {}}\n')
    (folder / "index.html").write_text("<p>last good output</p>")
    return folder


HEADLINE_MAX_WORDS = 40  # a headline reads in one breath (the aim is 35)
DETAIL_MAX_WORDS = 60  # a bullet under it (the aim is 50): the detail behind it goes in the body of the page


def assert_answer_shape(answer: dict, numbers: tuple[int, int] = (3, 5), details: tuple[int, int] = (2, 5)) -> None:
    """A notebook's published answer: one headline sentence, a few bullets, 3-5 formatted numbers, a flip."""
    import re

    finding = answer["finding"]
    assert isinstance(finding, str) and "\n" not in finding and finding.endswith("."), finding
    assert not re.search(r"[.!?] [A-Z]", finding[:-1]), f"more than one sentence: {finding}"
    assert len(finding.split()) <= HEADLINE_MAX_WORDS, f"{len(finding.split())} words: {finding}"
    assert details[0] <= len(answer["details"]) <= details[1], answer["details"]
    assert all(isinstance(d, str) and d and "\n" not in d for d in answer["details"])
    assert all(len(d.split()) <= DETAIL_MAX_WORDS for d in answer["details"]), answer["details"]
    assert numbers[0] <= len(answer["key_numbers"]) <= numbers[1], answer["key_numbers"]
    for number in answer["key_numbers"]:
        assert set(number) <= {"label", "value", "key"} and {"label", "value"} <= set(number), number
        assert all(isinstance(v, str) and v for v in number.values()), number
    assert isinstance(answer["flip"], str) and answer["flip"] and "\n" not in answer["flip"]
    assert {"sources", "primary_sources"} <= set(answer["sourcing"])


def said(answer: dict) -> str:
    """Everything an answer says, headline, details and flip, as one text (for phrases that may sit in any)."""
    return " ".join([answer["finding"], *answer["details"], answer["flip"]])


def number_of(answer: dict, label_start: str) -> str:
    """The value of the key number whose label starts with ``label_start``."""
    found = [k["value"] for k in answer["key_numbers"] if k["label"].startswith(label_start)]
    assert found, f"no key number {label_start!r} in {answer['key_numbers']}"
    return found[0]


# --- a real browser for the browser tests --------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, as one browser context that every test opens its pages in."""
    if not CHROMIUM:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but no chromium is installed (apt-get install chromium)")
        pytest.skip("no chromium on this machine: install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        # one context for every page: a context per page costs its own renderer (about twice the CPU)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context
        context.close()
        browser.close()


#: How long a page may take to load or answer (Playwright's default is 30 s): the browser tests share two
#: cores with executing notebooks, and must not fail because the machine is busy.
PAGE_TIMEOUT_MS = 180_000


def open_page(browser, path, width=1280):
    """Open a local page; record every request that would leave the machine (and block it)."""
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    external, errors = [], []
    page.route(
        "**/*",
        lambda route: (
            (external.append(route.request.url), route.abort())
            if not route.request.url.startswith(("file:", "data:", "about:"))
            else route.continue_()
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, external, errors


def published_output(results: dict, declarations: dict | None = None):
    """The output ``report.publish_results`` leaves in a notebook: the values (and declarations) in metadata."""
    import nbformat

    from prequel.present.report import RESULTS_META, RESULTS_MIME, TABLE_META

    meta = {RESULTS_META: results, "declarations": declarations or {}, "frames": {}}
    return nbformat.v4.new_output(
        "display_data", data={RESULTS_MIME: {}, "text/plain": ""}, metadata={TABLE_META: meta}
    )
