"""The GitHub Actions workflow users' CI runs is valid: checked against the workflow schema by
check-jsonschema (its vendored copy, offline), and it covers every supported Python."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "ci.yml"
SUPPORTED = ["3.11", "3.12", "3.13"]


def _check(path: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_workflow_is_valid_for_github_actions():
    done = _check(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_linter_refuses_a_broken_workflow(tmp_path):
    broken = tmp_path / "ci.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    assert _check(broken).returncode != 0


def test_the_workflow_lints_and_tests_every_supported_python_with_the_browser_on_one():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = flow["jobs"]["test"]
    assert job["strategy"]["matrix"]["python"] == SUPPORTED
    runs = [step.get("run", "") for step in job["steps"]]
    assert any("make lint" in r for r in runs) and any("make test" in r for r in runs)
    assert [i["python"] for i in job["strategy"]["matrix"]["include"] if i.get("browser")] == ["3.13"]
