"""Crash tests: the runner and the refresh killed with SIGKILL at seeded random moments never lose the last
good output or the committed notebooks and README, and the next run cleans up and succeeds.

The runs are children forked from one process that loaded the pipeline once (tests/forkserver.py), over
tiny notebooks in a mini repository (a copy of the package, data and lockfile). The runner's runs reuse
their notebooks from an execution cache, so a run is short and a kill lands anywhere in it: reading,
rendering, staging, the swap, the cleanup. A real mount point (a tmpfs in a mount namespace of our own)
is used where the system allows one."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from conftest import DATA, REPO, tiny_notebook

pytestmark = pytest.mark.slow

KILLS = 20
SERVER = Path(__file__).with_name("forkserver.py")


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    """A mini repository: the package, data and lockfile copied; 90_tiny for the runner; 91-93 with baselines
    (a README figure and a published finding each) and a README with the findings markers for the refresh."""
    repo = tmp_path_factory.mktemp("crash") / "repo"
    shutil.copytree(REPO / "src" / "prequel", repo / "src" / "prequel", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(DATA, repo / "data")
    shutil.copy(REPO / "requirements.txt", repo / "requirements.txt")
    tiny_notebook(repo / "notebooks", "90_tiny")
    rng = random.Random(0)
    for number in (91, 92, 93):
        tiny_notebook(repo / "notebooks", f"{number}_figure")
        png = base64.b64encode(rng.randbytes(200_000)).decode()
        figure = nbformat.v4.new_code_cell(
            "show()",
            metadata={"tags": ["readme-figure"], "readme_image": f"{number}.png", "readme_caption": f"chart {number}"},
            outputs=[nbformat.v4.new_output("display_data", {"image/png": png})],
        )
        finding = nbformat.v4.new_output(
            "display_data", {"text/plain": "x"}, metadata={"prequel": {"results": {"finding": f"Finding {number}."}}}
        )
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_markdown_cell(f"# Notebook {number}"),
                figure,
                nbformat.v4.new_code_cell("publish()", outputs=[finding]),
            ]
        )
        nbformat.write(nb, repo / "notebooks" / f"{number}_figure.ipynb")
    (repo / "docs" / "img").mkdir(parents=True)
    (repo / "README.md").write_text("# mini\n\n<!-- findings:start -->\n<!-- findings:end -->\n\nThe rest.\n")
    return repo


@contextlib.contextmanager
def forkserver(repo: Path, mount: Path | None = None) -> Iterator:
    """``ask(op, **request)``: one request to a fork server over ``repo``'s package (see tests/forkserver.py),
    in a mount namespace with a tmpfs at ``mount`` when given."""
    command = [sys.executable, str(SERVER)]
    if mount is not None:
        script = 'mount -t tmpfs -o size=4m tmpfs "$1" && shift && exec "$@"'
        command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(mount), *command]
    env = {k: v for k, v in os.environ.items() if k != "PREQUEL_NO_CACHE"}
    env.update(PYTHONPATH=str(repo / "src"), PYTHONUNBUFFERED="1")
    server = subprocess.Popen(command, cwd=repo, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(op: str, **request):
        request.setdefault("log", ask.log)
        server.stdin.write(json.dumps({"op": op, **request}) + "\n")
        server.stdin.flush()
        line = server.stdout.readline()
        assert line, f"the fork server stopped; see {ask.log}"
        return json.loads(line)

    ask.log = str(repo.parent / f"runs-{server.pid}.log")
    try:
        yield ask
    finally:
        server.stdin.close()
        server.wait(timeout=60)


@pytest.fixture(scope="module")
def ask(mini):
    """The fork server over ``mini``, shared by the tests of this module; where the system allows it, in a
    mount namespace with a 4 MB tmpfs at ``ask.mount`` (else ``ask.mount`` is None)."""
    mount = mini.parent / "mnt" if can_mount() else None
    if mount:
        mount.mkdir()
    with forkserver(mini, mount) as ask:
        ask.mount = mount
        yield ask


def can_mount() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs tmpfs /mnt"]
    return subprocess.run(probe, capture_output=True, timeout=30).returncode == 0


def leftovers(snapshot: dict) -> list[str]:
    """Staging and old folders, temporary files: what a run leaves only while it runs."""
    return [p for p in [*snapshot["folders"], *snapshot["files"]] if re.search(r"\.(staging|old)-|\.tmp$", p)]


def state_of(snapshot: dict, references: dict[str, dict]) -> str:
    """Which reference output a folder holds byte for byte (summaries without timings), else 'a mix'."""
    files = {k: v for k, v in snapshot["files"].items() if not k.endswith(".lock")}
    differ = {name: sorted(k for k in {*ref, *files} if ref.get(k) != files.get(k)) for name, ref in references.items()}
    return next((name for name, names in differ.items() if not names), f"a mix: differs from {differ}")


class KillMoments:
    """Seeded random moments over a run's length and a little beyond, so that kills land from the first
    instruction to the last cleanup. The length follows the machine's load: a run that ended before its
    moment shortens it. At most 4 * KILLS moments."""

    def __init__(self, seed: int, length: float) -> None:
        self.rng, self.length, self.given = random.Random(seed), length, 0

    def __next__(self) -> float:
        self.given += 1
        assert self.given <= 4 * KILLS, "the runs ended before almost every kill: the machine is too loaded"
        return self.rng.uniform(0, 1.1 * self.length)

    def ran(self, code: int, seconds: float) -> None:
        if code != -9:
            self.length = min(self.length, seconds)


def crash_runner(ask, out: Path, notebook: Path, cache: Path, mount: bool, kills: int) -> None:
    """Runs into ``out`` until ``kills`` of them were killed at seeded random moments; see the tests below."""

    def argv(label: str) -> list[str]:
        return [str(notebook), "--out", str(out), "-p", f"label={label}", "--cache-dir", str(cache)]

    assert ask("seed", notebook=str(notebook), labels=["old", "new"], cache=str(cache)) == "ok"
    assert ask("warm", argv=[*argv("old")[:2], str(out.parent / "warm"), *argv("old")[3:]]) == 0
    references, lengths = {}, []
    for label in ("old", "new", "old", "new"):  # the references: runs that reused their pages too
        start = time.monotonic()
        assert ask("run", argv=argv(label)) == 0, Path(ask.log).read_text()[-2000:]
        lengths.append(time.monotonic() - start)
        files = ask("snapshot", path=str(out))["files"]
        references[label] = {k: v for k, v in files.items() if not k.endswith(".lock")}
    current, seen, moments = "new", [], KillMoments(26, sum(lengths[2:]) / 2)
    while sum(code == -9 for code, _ in seen) < kills:
        new = "old" if current == "new" else "new"
        start = time.monotonic()
        code = ask("run", argv=argv(new), kill_after=next(moments))
        moments.ran(code, time.monotonic() - start)
        if not mount:  # one atomic exchange: never a mix, even before the next run
            assert state_of(ask("snapshot", path=str(out)), references) in (current, new)
        assert ask("recover", out=str(out)) == "ok"  # what the next run does first
        around = ask("snapshot", path=str(out if mount else out.parent))
        if not mount:
            around = {**around, "files": {k[4:]: v for k, v in around["files"].items() if k.startswith("out/")}}
        state = state_of(around, references)
        assert state in (current, new) and not leftovers(around), (code, state, leftovers(around))
        seen.append((code, "same" if state == current else "new"))
        current = state
    assert ask("run", argv=argv("new")) == 0 and state_of(ask("snapshot", path=str(out)), references) == "new"


def test_the_runner_killed_at_random_moments_leaves_the_previous_output_or_the_new_one(mini, ask, tmp_path):
    """Runs into an output holding the previous one, each killed with SIGKILL at a seeded random moment:
    after each kill the output is the previous one or the new one, whole, at once (the swap is one atomic
    exchange); no staging is left once the next run starts; a last run succeeds. Then SIGTERM at random
    moments: exit 143 and nothing left behind, at once."""
    out = tmp_path / "out"
    notebook, cache = mini / "notebooks" / "90_tiny.py", tmp_path / "cache"
    crash_runner(ask, out, notebook, cache, mount=False, kills=KILLS)
    rng, codes = random.Random(15), set()
    for moment in [rng.uniform(0, 0.5) for _ in range(8)]:
        argv = [str(notebook), "--out", str(out), "--cache-dir", str(cache), "-p", "label=old"]
        codes.add(ask("run", argv=argv, kill_after=moment, signal="SIGTERM"))
        around = ask("snapshot", path=str(tmp_path))
        assert not leftovers(around), leftovers(around)
    assert 143 in codes and codes <= {0, 143, -15}, codes  # -15: before main() (a shell says 143 too)


def test_the_runner_killed_at_random_moments_on_a_mount_point(mini, ask, tmp_path):
    """The same on a mount point (a tmpfs), which cannot be renamed: the output is swapped entry by entry
    under a journal, so it is whole again once the next run has started (it completes the swap). Then the
    mount point fills up: the run stops with one line naming the path, and the previous output is whole."""
    if ask.mount is None:
        pytest.skip("no mount namespaces here (unshare --user --mount): the mount point is simulated in test_runner")
    notebook, cache = mini / "notebooks" / "90_tiny.py", tmp_path / "cache"
    crash_runner(ask, ask.mount, notebook, cache, mount=True, kills=8)
    filler = ask.mount / "filler"
    ask("fill", path=str(filler), leave=16_000)
    before = ask("snapshot", path=str(ask.mount))
    log = tmp_path / "full.log"
    argv = [str(notebook), "--out", str(ask.mount), "--cache-dir", str(cache), "-p", "label=old"]
    assert ask("run", argv=argv, log=str(log)) == 1
    error = log.read_text().strip().splitlines()[-1]
    assert error.startswith(f"error: {ask.mount}") and "No space left on device; free some space" in error, error
    assert "Traceback" not in log.read_text() and ask("snapshot", path=str(ask.mount)) == before
    ask("fill", path=str(filler), leave=None)
    assert ask("run", argv=argv) == 0


def generation_of(repo: Path) -> int:
    """The refresh generation every committed file says it is (0: never refreshed); fails on a mix."""
    said = {}
    for path in sorted((repo / "notebooks").glob("*.ipynb")):
        nbformat.read(path, as_version=4)  # whole
        found = re.search(r"<!-- generation (\d+) -->", path.read_text())
        said[path.name] = int(found.group(1)) if found else 0
    readme = re.findall(r"\(generation (\d+)\)", (repo / "README.md").read_text())
    said["README.md"] = int(readme[0]) if readme else 0
    assert len(set(readme)) <= 1 and (not readme or len(readme) == 3), readme
    for path in sorted((repo / "docs" / "img").glob("*.png")):
        found = re.search(rb"generation (\d+)$", path.read_bytes())
        said[path.name] = int(found.group(1)) if found else 0
    assert len(set(said.values())) == 1, f"a mix of refreshes: {said}"
    return next(iter(said.values()))


def committed(repo: Path) -> list[str]:
    folders = [repo, repo / "notebooks", repo / "docs" / "img"]
    return sorted(str(p.relative_to(repo)) for folder in folders for p in folder.iterdir())


def test_a_refresh_killed_at_random_moments_leaves_every_committed_file_old_or_every_one_new(mini, ask):
    """Refreshes of three notebooks, the README and three images, each killed with SIGKILL at a seeded
    random moment of its length: once the next run has started (it completes or drops the journal), every
    file is of the previous refresh or every one of the new, no temporary file is left beside them, and a
    last refresh succeeds."""
    assert ask("warm", generation=1) is None and generation_of(mini) == 1
    files = committed(mini)
    assert len([f for f in files if f.endswith((".ipynb", ".png"))]) == 6 and ".prequel-refresh" not in files
    start = time.monotonic()
    assert ask("refresh", generation=2) == 0 and generation_of(mini) == 2
    length = time.monotonic() - start
    current, seen, moments = 2, [], KillMoments(26, length)
    while sum(code == -9 for code, *_ in seen) < KILLS:
        start = time.monotonic()
        code = ask("refresh", generation=current + 1, kill_after=next(moments))
        moments.ran(code, time.monotonic() - start)
        pending = (mini / ".prequel-refresh" / "journal.json").exists()
        log = mini.parent / "next.log"
        log.unlink(missing_ok=True)
        assert ask("run", argv=["--params", "90_tiny"], log=str(log)) == 0  # the next run
        assert ("note: completed the refresh" in log.read_text()) == pending
        state = generation_of(mini)
        assert state in (current, current + 1) and committed(mini) == files, (code, state, committed(mini))
        seen.append((code, state - current, pending))
        current = state
    assert (-9, 0) in {(code, step) for code, step, _ in seen}, seen
    assert ask("refresh", generation=current + 1) == 0 and generation_of(mini) == current + 1
