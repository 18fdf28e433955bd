"""The publishing and feed workflows (valid against GitHub's schema, offline) and the ``mkdocs serve`` hook."""

from __future__ import annotations

import copy
import importlib.resources
import importlib.util
import json
import re
import shutil
import types
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
UPDATE_WORKFLOW = ROOT / ".github" / "workflows" / "update.yml"
HOOK = ROOT / "hooks" / "regenerate.py"
SEEDS = ROOT / "seeds"


class _Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans, as GitHub reads workflows: ``on:`` stays the string "on"."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# A YAML 1.2 boolean: "true" or "false" in one of three casings ("on", "yes" stay strings).
_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _YAML12_BOOL, list("tTfF"))


def _workflow(path: Path = WORKFLOW) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)


def _schema_validator() -> Draft7Validator:
    # schemastore's github-workflow schema, as vendored in the check-jsonschema wheel: no network needed.
    vendored = (
        importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
        / "github-workflows.json"
    )
    schema = json.loads(vendored.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def _errors(workflow: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _schema_validator().iter_errors(workflow)
    ]


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _step(workflow: dict[str, Any], action: str) -> dict[str, Any]:
    (step,) = [
        s for s in _steps(workflow) if str(s.get("uses", "")).split("@")[0] == action
    ]
    return step


def test_the_yaml12_loader_keeps_on_a_string() -> None:
    assert yaml.load("on: yes\nx: true\n", Loader=_Yaml12Loader) == {
        "on": "yes",
        "x": True,
    }


@pytest.mark.parametrize("path", [WORKFLOW, UPDATE_WORKFLOW], ids=lambda p: p.name)
def test_workflow_is_valid_against_the_github_schema(path: Path) -> None:
    assert _errors(_workflow(path)) == []


@pytest.mark.parametrize("path", [WORKFLOW, UPDATE_WORKFLOW], ids=lambda p: p.name)
def test_the_schema_check_rejects_a_broken_workflow(path: Path) -> None:
    no_runner = copy.deepcopy(_workflow(path))
    del no_runner["jobs"]["build"]["runs-on"]
    assert any(e.startswith("jobs/build") for e in _errors(no_runner))
    bad_permission = copy.deepcopy(_workflow(path))
    bad_permission["permissions"]["pages"] = "everything"
    assert any("'everything'" in e for e in _errors(bad_permission))


def test_workflow_runs_on_pushes_to_main_that_change_the_site() -> None:
    triggers = _workflow()["on"]
    assert set(triggers) == {"push", "workflow_dispatch"}
    assert triggers["push"]["branches"] == ["main"]
    assert set(triggers["push"]["paths"]) == {
        "seeds/**",
        "templates/**",
        "generator/**",
        "hooks/**",
        "mkdocs.yml",
        "pyproject.toml",
        "Makefile",
    }


def test_workflow_builds_with_make_site_and_deploys_to_pages() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {
        "pages": "write",
        "id-token": "write",
        "contents": "read",
    }
    assert workflow["concurrency"]["group"]
    assert _step(workflow, "actions/setup-python")["with"]["python-version"] == "3.11"
    assert any(str(s.get("run", "")).strip() == "make site" for s in _steps(workflow))
    assert _step(workflow, "actions/upload-pages-artifact")["with"]["path"] == "site"
    deploy_job = next(
        name
        for name, job in workflow["jobs"].items()
        if "actions/deploy-pages" in json.dumps(job)
    )
    assert workflow["jobs"][deploy_job]["needs"] == "build"
    assert workflow["jobs"][deploy_job]["environment"]["name"] == "github-pages"
    _step(workflow, "actions/deploy-pages")


def test_feed_workflow_runs_on_a_schedule_only_when_switched_on() -> None:
    workflow = _workflow(UPDATE_WORKFLOW)
    triggers = workflow["on"]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    ((minute, hour, *rest),) = [entry["cron"].split() for entry in triggers["schedule"]]
    assert minute.isdigit() and hour == "*/6" and rest == ["*", "*", "*"]
    gate = workflow["jobs"]["update"]["if"]
    assert "vars.FOLLOW_FEEDS == 'true'" in gate and "workflow_dispatch" in gate


def test_feed_workflow_updates_commits_then_builds_and_deploys_to_pages() -> None:
    workflow = _workflow(UPDATE_WORKFLOW)
    update, build = workflow["jobs"]["update"], workflow["jobs"]["build"]
    assert update["permissions"] == {"contents": "write"}
    runs = [str(step.get("run", "")) for step in update["steps"]]
    assert any(".venv/bin/python -m generator update" in run for run in runs)
    (commit,) = [step for step in update["steps"] if step.get("id") == "commit"]
    assert "git add seeds" in commit["run"] and "git push" in commit["run"]
    assert set(update["outputs"]) == {"changed", "sha"}
    assert build["needs"] == "update" and "needs.update.outputs.changed" in build["if"]
    assert _step({"jobs": {"build": build}}, "actions/checkout")["with"]["ref"] == "${{ needs.update.outputs.sha }}"
    assert any(str(step.get("run", "")).strip() == "make site" for step in build["steps"])
    # Publishing is the same as pages.yml's, down to the permissions and the concurrency group.
    pages = _workflow()
    assert workflow["permissions"] == pages["permissions"]
    assert workflow["concurrency"] == pages["concurrency"]
    assert workflow["jobs"]["deploy"] == pages["jobs"]["deploy"]
    assert _step(workflow, "actions/upload-pages-artifact") == _step(pages, "actions/upload-pages-artifact")


def test_mkdocs_yml_runs_the_hooks_and_watches_seeds_and_templates() -> None:
    config = yaml.load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    # regenerate for `mkdocs serve`; the page cache and Pagefind search for every build.
    assert config["hooks"] == ["hooks/regenerate.py", "hooks/page_cache.py", "hooks/search.py"]
    assert config["plugins"] == []  # no Material search: hooks/search.py indexes the site
    assert set(config["watch"]) == {"seeds", "templates"}


def _load_hook() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate_hook_under_test", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.delenv("SEEDS", raising=False)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "content").mkdir()
    return {
        "config_file_path": str(tmp_path / "mkdocs.yml"),
        "docs_dir": str(tmp_path / "content"),
    }


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_hook_regenerates_once_then_writes_nothing(
    project: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    hook = _load_hook()
    hook.on_startup(command="serve", dirty=False)
    docs = Path(project["docs_dir"])
    hook.on_pre_build(config=project)
    first = _snapshot(docs)
    assert any(path.endswith("/digest.json") for path in first)
    hook.on_pre_build(config=project)
    assert _snapshot(docs) == first
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "regenerate: content regenerated",
        "regenerate: content unchanged",
    ]


def test_failed_regeneration_prints_one_line_and_keeps_the_pages(
    project: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    hook = _load_hook()
    hook.on_startup(command="serve", dirty=False)
    hook.on_pre_build(config=project)
    before = _snapshot(Path(project["docs_dir"]))
    capsys.readouterr()
    for article in (Path(project["config_file_path"]).parent / "seeds").iterdir():
        article.unlink()
    hook.on_pre_build(config=project)
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("regenerate: failed, serving the previous pages: ")
    assert _snapshot(Path(project["docs_dir"])) == before


def test_hook_reads_the_seeds_named_by_the_environment(
    project: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = _load_hook()
    monkeypatch.setenv("SEEDS", "other")
    assert (
        hook.seeds_folder(project) == Path(project["config_file_path"]).parent / "other"
    )


def test_hook_leaves_mkdocs_build_alone(project: dict[str, Any]) -> None:
    hook = _load_hook()
    hook.on_startup(command="build", dirty=False)
    hook.on_pre_build(config=project)
    assert list(Path(project["docs_dir"]).iterdir()) == []


def test_hook_stops_watching_the_generated_folder(project: dict[str, Any]) -> None:
    hook = _load_hook()
    unwatched: list[str] = []
    server = types.SimpleNamespace(unwatch=unwatched.append)
    assert hook.on_serve(server, config=project, builder=None) is server
    assert unwatched == [project["docs_dir"]]
