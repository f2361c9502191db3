"""The execution cache: exact reuse, every change to a key's part reruns exactly the notebooks it should,
corrupt entries are ignored, concurrent runs share one cache; nothing in it is trusted (entries the runner
did not write, page names, malformed headers; private folders and key); provenance in summary.json and
pages; the front page's "What changed" and --compare's provenance.

The runs use tiny notebooks in a copy of the package, data and lockfile (``mini_repo``), so a test can
change a byte of any of them without touching the working tree."""

from __future__ import annotations

import gzip
import html
import importlib
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import DATA, REPO, RUNNER, TINY, runner_in_process, runner_output, tiny_notebook, tree_snapshot

from prequel.pipeline import cache as cache_module
from prequel.pipeline import compare, provenance, site
from prequel.pipeline.cache import Cache, Key

DATA_PARAMETERS = (
    'data_dir: str = "../data"  # the data folder | folder\nrows: int = 1  # rows to print | 0 to 10\n# fmt: on'
)


@pytest.fixture()
def mini_repo(tmp_path: Path) -> Path:
    """The package, data and lockfile copied, with two tiny notebooks: 90_tiny (no data folder) and
    91_data (reads ``data_dir``, and has a parameter of its own, ``rows``)."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "src" / "prequel", repo / "src" / "prequel", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(DATA, repo / "data")
    shutil.copy(REPO / "requirements.txt", repo / "requirements.txt")
    tiny_notebook(repo / "notebooks", "90_tiny")
    data_nb = tiny_notebook(repo / "notebooks", "91_data")
    data_nb.write_text(TINY.replace("# fmt: on", DATA_PARAMETERS), encoding="utf-8")
    return repo


def spawn(repo: Path, out: str, *options: str) -> subprocess.Popen:
    """The runner in a process of its own, over ``repo``'s notebooks with its package copy, and the cache in
    ``repo/../cache``."""
    env = {k: v for k, v in os.environ.items() if k != "PREQUEL_NO_CACHE"}
    env.update(PYTHONPATH=str(repo / "src"), PYTHONUNBUFFERED="1")
    command = [sys.executable, str(RUNNER), "--out", str(repo.parent / out), "--jobs", "2", *options]
    command += ["--cache-dir", str(repo.parent / "cache")]
    return subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture()
def run(mini_repo: Path, monkeypatch, capsys):
    """``run(out, *options)``: the runner's main() in this process, as ``spawn`` runs it, over mini_repo's
    notebooks, with the cache in ``mini_repo/../cache``. Every path the package's modules hold inside the
    repository (notebooks, data, lockfile, package source) points into mini_repo instead, as it does for
    a process started with PYTHONPATH=mini_repo/src. The notebooks are named by path (select_notebooks's
    default folder is bound when its module loads)."""
    import prequel

    for found in pkgutil.walk_packages(prequel.__path__, "prequel."):  # loaded first, so that no module
        importlib.import_module(found.name)  # binds a rebased path at import, out of monkeypatch's reach
    for name, module in list(sys.modules.items()):
        if name == "prequel" or name.startswith("prequel."):
            for attr, value in list(vars(module).items()):
                if isinstance(value, Path) and value.is_relative_to(REPO):
                    monkeypatch.setattr(module, attr, mini_repo / value.relative_to(REPO))
    monkeypatch.chdir(mini_repo)

    def run_in(out: str, *options: str, stems: tuple[str, ...] = ("90_tiny", "91_data")) -> subprocess.CompletedProcess:
        notebooks = [str(mini_repo / "notebooks" / f"{stem}.py") for stem in stems]
        cache = mini_repo.parent / "cache"
        result = runner_in_process(*notebooks, "--out", str(mini_repo.parent / out), "--jobs", "2", *options,
                                   capsys=capsys, cache=cache)  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result

    return run_in


def outcome(repo: Path, out: str) -> dict[str, tuple[str, str]]:
    summary = json.loads((repo.parent / out / "summary.json").read_text())
    return {stem: (e["cache"]["status"], e["cache"]["reason"]) for stem, e in summary["notebooks"].items()}


def without_summary(folder: Path) -> dict[str, bytes]:
    return {name: data for name, data in tree_snapshot(folder).items() if name != "summary.json"}


@pytest.mark.slow
def test_an_identical_rerun_reuses_everything_and_a_corrupt_entry_is_replaced(mini_repo, run):
    """One sequence of runs over one cache: a first run (its provenance checked), an identical rerun that
    reuses everything byte for byte, then a rerun after one flipped bit in an entry."""
    first = run("one")
    assert {s for s, _ in outcome(mini_repo, "one").values()} == {"ran"}
    assert "ran: not in the cache" in first.stderr
    _check_provenance(mini_repo, mini_repo.parent / "one")
    second = run("two")
    assert outcome(mini_repo, "two") == {"90_tiny": ("reused", "key unchanged"), "91_data": ("reused", "key unchanged")}
    assert "running 0 notebook(s)" in second.stderr and "reused: key unchanged" in second.stderr
    assert without_summary(mini_repo.parent / "one") == without_summary(mini_repo.parent / "two")
    one, two = (json.loads((mini_repo.parent / o / "summary.json").read_text()) for o in ("one", "two"))
    assert one["provenance"] == two["provenance"]
    for stem in ("90_tiny", "91_data"):  # the key is recorded and unchanged
        assert one["notebooks"][stem]["cache"]["key"] == two["notebooks"][stem]["cache"]["key"]
    # one flipped bit in the compressed notebook of 90_tiny's entry: ignored, run again, replaced
    cache = Cache(mini_repo.parent / "cache")
    entry = cache._path("run", one["notebooks"]["90_tiny"]["cache"]["key"])
    raw = bytearray(entry.read_bytes())
    raw[-20] ^= 0xFF
    entry.write_bytes(bytes(raw))
    third = run("three")
    assert outcome(mini_repo, "three") == {
        "90_tiny": ("ran", "cache entry corrupt: ignored, will be replaced"),
        "91_data": ("reused", "key unchanged"),
    }
    assert "Traceback" not in third.stderr
    assert without_summary(mini_repo.parent / "one") == without_summary(mini_repo.parent / "three")
    assert cache._read("run", one["notebooks"]["90_tiny"]["cache"]["key"])[1] is not None  # whole again


@pytest.mark.slow
def test_each_change_reruns_exactly_the_notebooks_it_should(mini_repo, run):
    copy = mini_repo.parent / "my-data"
    shutil.copytree(mini_repo / "data", copy)
    given = ("--data-dir", str(copy))  # 91_data reads it; 90_tiny can read only the default data/
    run("base", *given)
    # a parameter only 91_data declares
    run("param", *given, "-p", "rows=2")
    assert outcome(mini_repo, "param") == {
        "90_tiny": ("reused", "key unchanged"),
        "91_data": ("ran", "parameters changed (rows)"),
    }
    # one byte of one data file: only the notebook that can read that folder
    for folder, ran, reused in ((copy, "91_data", "90_tiny"), (mini_repo / "data", "90_tiny", "91_data")):
        companies = folder / "companies.csv"
        companies.write_text(companies.read_text().replace("OpenAI is private", "OpenAI is Private"))
        run("data", *given, "-p", "rows=2")
        assert outcome(mini_repo, "data") == {
            ran: ("ran", "data changed (companies.csv)"),
            reused: ("reused", "key unchanged"),
        }
    # a package module (any notebook may import it) and the lockfile: every notebook
    module = mini_repo / "src" / "prequel" / "analysis" / "winners.py"
    module.write_text(module.read_text() + "\n# a changed comment\n")
    lock = mini_repo / "requirements.txt"
    lock.write_text(lock.read_text() + "# pinned again\n")
    run("source", *given, "-p", "rows=2")
    assert outcome(mini_repo, "source") == {
        stem: ("ran", "package source changed (analysis/winners.py); lockfile changed")
        for stem in ("90_tiny", "91_data")
    }


@pytest.mark.slow
def test_concurrent_runs_never_harm_each_other_and_leave_one_consistent_cache(mini_repo, run):
    """Three runs at once, in processes of their own as users start them, sharing one cache: two into one
    folder that holds a previous output (one complete output wins), and one into a folder inside it with the
    values of the slower of the two (no run deletes another's staging; two runs store the same entries at
    once). Then a fourth run, with the winner's values, reuses everything and writes the same notebooks."""
    outer = runner_output(mini_repo.parent / "X")
    tiny = str(mini_repo / "notebooks" / "90_tiny.py")  # one notebook each: six kernels at once would be slow
    given = {"first": ("-p", "label=first"), "second": ("-p", "label=second", "-p", "seconds=2")}
    processes = [spawn(mini_repo, "X", tiny, *options) for options in given.values()]
    # slower than the first, and writing the same cache entries as the second at the same time
    processes.append(spawn(mini_repo, "X/sub", tiny, *given["second"]))
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    assert not [p for p in mini_repo.parent.rglob("*") if ".staging-" in p.name or ".old-" in p.name]
    summary = json.loads((outer / "summary.json").read_text())
    (chosen,) = {entry["parameters"]["label"] for entry in summary["notebooks"].values()}
    assert f"done: {chosen}" in (outer / "90_tiny.ipynb").read_text()
    cache = Cache(mini_repo.parent / "cache")
    for kind in ("run", "pages"):  # every entry reads back whole; no temporary file is left
        names = [p.name for p in (cache.folder / kind).iterdir()]
        assert names and all(n.endswith(".entry") for n in names)
        for name in names:
            assert cache._read(kind, name.removesuffix(".entry"))[1] is not None
    run("again", *given[chosen], stems=("90_tiny",))
    assert {s for s, _ in outcome(mini_repo, "again").values()} == {"reused"}, outcome(mini_repo, "again")
    again = json.loads((mini_repo.parent / "again" / "summary.json").read_text())["notebooks"]
    assert {stem: e["cache"]["key"] for stem, e in summary["notebooks"].items()} == {
        stem: e["cache"]["key"] for stem, e in again.items()
    }
    written = sorted(p.name for p in outer.glob("9*.ipynb"))  # (the pages name the code: here a git commit)
    assert written == ["90_tiny.ipynb"] and all(
        (outer / name).read_bytes() == (mini_repo.parent / "again" / name).read_bytes() for name in written
    )


def _check_provenance(mini_repo: Path, out: Path) -> None:
    """Each page shows the provenance summary.json holds."""
    prov = json.loads((out / "summary.json").read_text())["provenance"]
    assert prov["packages"]["sha256"] == provenance.sha256((mini_repo / "requirements.txt").read_bytes())
    assert prov["data"]["files"]["companies.csv"] == provenance.sha256(
        (mini_repo / "data" / "companies.csv").read_bytes()
    )
    assert prov["data"]["sha256"] == provenance.combined(prov["data"]["files"])
    assert prov["parameters"]["91_data"]["rows"] == 1 and prov["scenario"] is None
    assert set(prov["code"]) == {"commit", "dirty", "source_sha256"}
    for page in ("91_data.html", "91_data.code.html"):
        footer = re.search(r'<footer class="prequel-provenance".*?</footer>', (out / page).read_text(), re.S)
        assert footer, page
        text = footer.group(0)
        data = prov["data"]["sha256"]
        assert f'data-sha256="{data}"' in text and f">{data[:8]}\u2026</abbr>" in text
        assert f'data-sha256="{prov["packages"]["sha256"]}"' in text and "Python " + prov["python"] in text


# ---- fast tests of the parts, without kernels ---------------------------------------------------------


def stored(cache: Cache, stem: str, parts: dict) -> Key:
    key = Key(provenance.digest(parts), parts)
    cache.store(stem, key, nbformat.v4.new_notebook(), 0.1)
    return key


def test_a_miss_names_the_part_of_the_key_that_changed(tmp_path):
    cache = Cache(tmp_path)
    parts = {
        "notebook": "n",
        "parameters": {"effective": {"a": 1, "b": 2}, "injected": {}},
        "data": {"x.csv": "1", "y.csv": "2"},
        "source": {"m.py": "1"},
        "lock": "l",
        "python": "3.11",
    }
    hit = stored(cache, "01_x", parts)
    assert cache.lookup("01_x", hit)[1] == "key unchanged"
    changed = {**parts, "parameters": {"effective": {"a": 1, "b": 3}, "injected": {"b": 3}}, "data": {"x.csv": "9"}}
    miss = Key(provenance.digest(changed), changed)
    assert cache.lookup("01_x", miss) == (None, "parameters changed (b); data changed (x.csv, y.csv)")
    assert cache.lookup("02_other", miss) == (None, "not in the cache")


def test_the_cache_keeps_within_its_size_bound_dropping_the_least_recently_used(tmp_path):
    cache = Cache(tmp_path, max_bytes=1)
    keys = [stored(cache, "01_x", {"notebook": str(i)}) for i in range(3)]
    entries = sorted(cache.folder.rglob("*.entry"), key=lambda p: p.stat().st_mtime)
    cache.max_bytes = sum(p.stat().st_size for p in entries[1:])
    os.utime(cache._path("run", keys[0].digest), (1, 1))  # the oldest use
    cache.trim()
    assert cache.lookup("01_x", keys[0])[0] is None and cache.lookup("01_x", keys[2])[0] is not None
    assert cache.size() <= cache.max_bytes


def test_a_bad_size_setting_is_a_usage_error(monkeypatch):
    monkeypatch.setenv(cache_module.SIZE_ENV, "lots")
    with pytest.raises(cache_module.CacheError, match="PREQUEL_CACHE_MAX_MB"):
        Cache()


def summary_of(results: dict, prov: dict | None = None) -> dict:
    summary = {"notebooks": {stem: {"status": "ok", "results": r} for stem, r in results.items()}}
    return {**summary, "provenance": prov} if prov else summary


def test_compare_names_the_provenance_of_each_side():
    prov = {"data": {"sha256": "d" * 64}, "code": {"commit": "c" * 40, "dirty": True, "source_sha256": "s" * 64}}
    prov.update(python="3.11.7", packages={"sha256": "p" * 64}, scenario="bear")
    text = compare.format_report(compare.compare(summary_of({"a": {}}), summary_of({"a": {}}, prov)))
    assert text.splitlines()[0] == "old: no provenance recorded (a run older than provenance)"
    assert text.splitlines()[1] == (
        "new: data dddddddd, code ccccccc with local changes (source ssssssss), Python 3.11.7, "
        "packages pppppppp, scenario bear"
    )


def front_page(tmp_path: Path, results: dict) -> str:
    declared = {stem: e["declarations"] for stem, e in compare.baseline_summary()["notebooks"].items()}
    summary = summary_of(results)
    for stem, entry in summary["notebooks"].items():
        entry["declarations"] = declared.get(stem, {})
    folder = tmp_path / "root" / "base"
    folder.mkdir(parents=True)
    (folder / ".prequel-output").write_text("")
    (folder / "scenario.json").write_text(json.dumps({"name": "base", "changed": {}}))
    (folder / "summary.json").write_text(json.dumps(summary))
    return site.render_front_page(tmp_path / "root").read_text()


def test_what_changed_says_nothing_changed_in_one_line(tmp_path):
    baseline = compare.baseline_summary()["notebooks"]
    page = front_page(tmp_path, {stem: e["results"] for stem, e in baseline.items()})
    assert ">Since the published version<" in page
    assert len(re.findall(r"Nothing has changed since the published version: every result of the base", page)) == 1


def test_front_page_introduces_the_scenarios_before_the_table_comparing_them(tmp_path):
    baseline = compare.baseline_summary()["notebooks"]
    page = front_page(tmp_path, {stem: e["results"] for stem, e in baseline.items()})
    assert page.index('<h2 id="scenarios">The scenarios</h2>') < page.index('<h2 id="compared">')
    assert page.index("Every input at its default.") < page.index('<table class="prequel-table compare')


def test_what_changed_lists_flips_and_moves_by_their_declarations(tmp_path):
    results = {stem: e["results"] for stem, e in compare.baseline_summary()["notebooks"].items()}
    results["02_winners_losers"] = {**results["02_winners_losers"], "leader": "runway"}
    share = results["02_winners_losers"]["rank_first_share"]["openai"]
    results["02_winners_losers"]["rank_first_share"] = {
        **results["02_winners_losers"]["rank_first_share"],
        "openai": 0.3,
    }
    page = front_page(tmp_path, results)
    assert "Nothing has changed" not in page
    cells = '<td data-label="Result">{}</td><td data-label="Published">{}</td><td data-label="Now">{}</td>'
    assert cells.format("Company with the highest weighted score", "OpenAI", "Runway") in page
    ranked = "OpenAI: share of random weightings of the dimensions that rank it first"
    assert cells.format(ranked, f"{share:.0%}", "30%") in page


def test_what_changed_labels_results_as_the_scenario_table_does(tmp_path):
    """Issue 25: readers' labels (the declared labels in words, as the scenario table reads them), not the
    keys joined in their nesting order ("Verdict: article: Google: ...")."""
    results = {stem: e["results"] for stem, e in compare.baseline_summary()["notebooks"].items()}
    robustness = results["02_winners_losers"]["verdict_robustness"]
    bench = robustness["article"]["google_bench"]
    changed = {**bench, "flip": "a changed weight"}
    robustness = {**robustness, "article": {**robustness["article"], "google_bench": changed}}
    results["02_winners_losers"] = {**results["02_winners_losers"], "verdict_robustness": robustness}
    del results["03_prediction_timelines"]
    page = front_page(tmp_path, results)
    label = (
        "The article's verdict \u201cGoogle: deepest research bench\u201d (in the article's table): "
        "the one weight that reverses it soonest"
    )
    assert f'<td data-label="Result">{label}</td>' in html.unescape(page)
    assert "Verdict: article: Google" not in page
    assert "committed baseline" not in page and "is in the published version but not rendered now" in page


# ---- nothing in the cache is trusted: authenticated entries, plain page names, private folders -------


@pytest.fixture()
def own_key(tmp_path, monkeypatch) -> Path:
    """A configuration folder of the test's own, so the cache's secret is created afresh in it."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "prequel" / "cache-key"


PARTS = {
    "notebook": "n",
    "parameters": {"effective": {"a": 1}, "injected": {}},
    "data": {"x.csv": "1"},
    "source": {"m.py": "1"},
    "lock": "l",
    "python": "3.11",
}


def write_entry(cache: Cache, kind: str, key: str, header, payload: bytes, secret: bytes | None = None) -> Path:
    """An entry as the runner lays one out, with any header, signed with ``secret`` (default: the cache's)."""
    line = json.dumps(header).encode()
    path = cache._path(kind, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    mac = Cache._mac(secret or cache.secret(), kind, line)
    path.write_bytes(mac + b" " + line + b"\n" + gzip.compress(payload))
    return path


def tamper(path: Path, change) -> None:
    """Rewrite an entry's payload with ``change`` and make its checksums match again, keeping its HMAC: what
    anyone who can write the cache folder but does not hold the key can do."""
    mac, _, rest = path.read_bytes().partition(b" ")
    line, _, body = rest.partition(b"\n")
    payload = change(gzip.decompress(body))
    body = gzip.compress(payload)
    header = {**json.loads(line), "sha256": provenance.sha256(payload), "body_sha256": provenance.sha256(body)}
    path.write_bytes(mac + b" " + json.dumps(header, sort_keys=True).encode() + b"\n" + body)


def test_an_entry_the_runner_did_not_write_is_never_served_and_is_replaced(tmp_path, own_key):
    cache = Cache(tmp_path / "cache")
    key = stored(cache, "01_x", PARTS)
    other = stored(cache, "01_x", {**PARTS, "notebook": "m"})
    served = cache.lookup("01_x", key)[0]
    assert served is not None
    corrupt = (None, "cache entry corrupt: ignored, will be replaced")
    path = cache._path("run", key.digest)
    good = path.read_bytes()
    evil = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("<script>alert(1)</script>")])
    forged = Cache(tmp_path / "cache")
    forged._secret = bytes(32)  # another user's cache, or an attacker's own key
    cases = {
        "edited, checksums made to match": lambda: tamper(path, lambda _: nbformat.writes(evil).encode()),
        "signed with another key": lambda: forged.store("01_x", key, evil, 0.1),
        "another key's entry": lambda: path.write_bytes(cache._path("run", other.digest).read_bytes()),
        "the previous format": lambda: path.write_bytes(
            json.dumps({"format": "prequel-cache-1", "key": key.digest}).encode() + b"\n" + gzip.compress(b"{}")
        ),
        "a header without its HMAC": lambda: path.write_bytes(good.partition(b" ")[2]),
    }
    for case, make in cases.items():
        path.write_bytes(good)
        make()
        assert cache.lookup("01_x", key) == corrupt, case
    pages = cache._path("pages", key.digest)  # an entry moved to another kind
    pages.parent.mkdir(exist_ok=True)
    pages.write_bytes(good)
    assert cache.pages(key.digest, {"run"}) is None
    cache.store("01_x", key, served, 0.1)  # the run that follows a miss replaces the entry
    assert cache.lookup("01_x", key) == (served, "key unchanged")


def test_cached_pages_are_written_only_under_the_names_the_runner_gives_them(tmp_path, own_key):
    """Even an entry signed with the right key (a leaked key, a bug) cannot name another file."""
    cache = Cache(tmp_path / "cache")
    names = set(site.page_names("01_x"))
    page = b"<p>page</p>"
    for files in (
        {"../x.html": page, "01_x.code.html": page},
        {"/tmp/x.html": page, "01_x.code.html": page},
        {"01_x.html": page, "01_x.code.html": page, "01_x.ipynb": page},
        {"01_x.html": page},
    ):
        cache.store_pages("k" * 64, "01_x", files)
        assert cache.pages("k" * 64, names) is None, files
    for payload in (b'["01_x.html"]', b'{"01_x.html": 1, "01_x.code.html": "x"}', b"\xff"):
        write_entry(cache, "pages", "k" * 64, {"format": cache_module.FORMAT, "key": "k" * 64}, payload)
        assert cache.pages("k" * 64, names) is None, payload
    cache.store_pages("k" * 64, "01_x", {"01_x.html": page, "01_x.code.html": page})
    assert cache.pages("k" * 64, names) == {"01_x.html": page, "01_x.code.html": page}


@pytest.mark.parametrize(
    "header",
    [
        {"parts": {**PARTS, "parameters": "x"}},
        {"parts": {**PARTS, "parameters": {"effective": "x"}}},
        {"parts": {**PARTS, "data": ["x.csv"]}},
        {"parts": {**PARTS, "lock": None}},
        {"parts": "x"},
        {"stem": 5, "parts": PARTS},
        [1, 2],
        "x",
    ],
)
def test_a_malformed_header_never_breaks_a_miss_and_its_entry_is_replaced(tmp_path, own_key, header):
    """Signed with the right key too (an older or newer runner's entry): ignored, never read."""
    cache = Cache(tmp_path / "cache")
    new = Key(provenance.digest({**PARTS, "lock": "new"}), {**PARTS, "lock": "new"})
    full = {"stem": "01_x", **header, "format": cache_module.FORMAT} if isinstance(header, dict) else header
    for key in ("1" * 64, new.digest):  # another entry of the notebook, and the very entry looked up
        write_entry(cache, "run", key, full, b"{}")
    assert cache.lookup("01_x", new) == (None, "cache entry corrupt: ignored, will be replaced")
    cache._path("run", new.digest).unlink()
    assert cache.lookup("01_x", new) == (None, "not in the cache")
    stored(cache, "01_x", PARTS)  # a well-formed neighbour still names what changed
    assert cache.lookup("01_x", new) == (None, "lockfile changed")
    cache.store("01_x", new, nbformat.v4.new_notebook(), 0.1)
    assert cache.lookup("01_x", new)[1] == "key unchanged"


def test_the_cache_and_its_key_are_private(tmp_path, own_key, monkeypatch, capsys):
    root = tmp_path / "new" / "cache"
    cache = Cache(root)
    key = stored(cache, "01_x", PARTS)
    mode = lambda path: path.stat().st_mode & 0o777  # noqa: E731
    assert [mode(p) for p in (root, root / "v1", root / "v1" / "run")] == [0o700] * 3
    assert mode(cache._path("run", key.digest)) == 0o600
    assert mode(own_key) == 0o600 and mode(own_key.parent) == 0o700 and len(own_key.read_bytes()) == 32
    assert not any(root.rglob("cache-key")), "the key is kept outside the cache"
    # a cache folder of an older runner, readable by others: tightened at the next write
    (root / "v1").chmod(0o755)
    stored(cache, "01_x", {**PARTS, "lock": "2"})
    assert mode(root / "v1") == 0o700
    # entries in a folder that is a link (or another user's) are refused before anything runs
    link = tmp_path / "linked"
    link.mkdir()
    (link / "v1").symlink_to(root / "v1", target_is_directory=True)
    with pytest.raises(cache_module.CacheError, match=r"linked/v1: not a folder of this user's"):
        Cache(link)
    # a key others can read is never used: the run goes on without the cache, saying why once
    own_key.chmod(0o644)
    capsys.readouterr()
    off = Cache(root)
    assert off.lookup("01_x", key) == (None, "cache off (no usable key)")
    off.store("01_x", Key("f" * 64, PARTS), nbformat.v4.new_notebook(), 0.1)
    assert off.pages(key.digest, {"x"}) is None and not off._path("run", "f" * 64).exists()
    warning = capsys.readouterr().err
    assert warning.count("\n") == 1 and f"cache key {own_key}: not a private file" in warning, warning
    # without XDG_CONFIG_HOME the key lives in ~/.config; concurrent first uses agree on one key
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_module.key_path() == tmp_path / "home" / ".config" / "prequel" / "cache-key"
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: cache_module.signing_key(cache_module.key_path()), range(16)))
    assert len(keys) == 1 and list(cache_module.key_path().parent.iterdir()) == [cache_module.key_path()]


@pytest.mark.slow
def test_an_edited_scenario_description_reaches_its_pages_while_the_notebook_is_reused(mini_repo, run):
    """The description is part of the key of a scenario's pages (its banner shows it)."""
    scenario = mini_repo / "scenarios" / "demo.yaml"
    scenario.parent.mkdir()
    for words in ("First words about the scenario.", "Second words about the scenario."):
        scenario.write_text(f"description: {words}\n", encoding="utf-8")
        run("site", "--scenario", "demo", stems=("90_tiny",))
        for page in site.page_names("90_tiny"):
            assert words in (mini_repo.parent / "site" / "demo" / page).read_text(encoding="utf-8"), page
    assert outcome(mini_repo, "site/demo") == {"90_tiny": ("reused", "key unchanged")}


def test_a_fifo_or_a_loose_folder_in_the_cache_is_never_waited_on_or_kept(tmp_path, own_key):
    """A FIFO where an entry should be is a corrupt entry (never a hang); folders others can write are
    tightened as soon as the cache is opened, before any entry is read."""
    root = tmp_path / "cache"
    cache = Cache(root)
    key = stored(cache, "01_x", PARTS)
    entry = cache._path("run", key.digest)
    entry.unlink()
    os.mkfifo(entry)
    assert cache._read("run", key.digest) == ({}, None)  # returns at once
    assert cache._headers("run") == []
    (root / "v1" / "run").chmod(0o777)
    Cache(root)
    assert (root / "v1" / "run").stat().st_mode & 0o777 == 0o700


def test_an_output_inside_the_cache_folder_is_refused_before_anything_runs(tmp_path, capsys):
    notebooks = tiny_notebook(tmp_path / "nb")
    cache = tmp_path / "cache"
    out = runner_in_process(str(notebooks), "--out", str(cache / "v1"), capsys=capsys, cache=cache)
    assert out.returncode == 2 and "inside the cache folder" in out.stderr and not (cache / "v1" / "run").exists()


def test_the_data_hash_never_follows_a_link_out_of_the_folder(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("not data")
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("x\n1\n")
    (data / "leak.csv").symlink_to(outside)
    os.mkfifo(data / "pipe.csv")
    hashes = provenance.file_hashes(data)
    assert hashes["leak.csv"] == "not read: a link out of the folder"
    assert hashes["pipe.csv"] == "not read: not a regular file"
    assert hashes["a.csv"] == provenance.sha256(b"x\n1\n")
