"""Every CONFLICT_* variable is read in extract/settings.py, checked, and named in its errors."""

import ast
from pathlib import Path

import pytest

from extract import settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_are_absolute_and_documented():
    values = settings.load({})
    assert values.warehouse == settings.DEFAULT_WAREHOUSE
    assert values.batch_dir == settings.DEFAULT_WAREHOUSE.parent / "batches"
    assert values.workers is None and values.max_file_bytes == 5 * 1024 * 1024
    assert values.dbt_target == "dev" and values.executor == "in_process" and values.postgres.port == 5432


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CONFLICT_WORKERS", "abc", "CONFLICT_WORKERS=abc: expected a whole number"),
        ("CONFLICT_MAX_FILE_MB", "big", "CONFLICT_MAX_FILE_MB=big: expected a number"),
        ("CONFLICT_ARTICLE_BUDGET_S", "-1", "CONFLICT_ARTICLE_BUDGET_S=-1: expected a number above 0"),
        ("CONFLICT_EXECUTOR", "slurm", "CONFLICT_EXECUTOR='slurm' is not one of in_process, multiprocess, k8s, celery"),
        ("CONFLICT_PG_PORT", "x", "CONFLICT_PG_PORT='x' is not a port number"),
    ],
)
def test_a_bad_value_names_its_variable(name, value, message):
    with pytest.raises(settings.SettingsError, match=message):
        settings.load({name: value})


def test_current_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CONFLICT_WORKERS", "3")
    monkeypatch.setenv("CONFLICT_WAREHOUSE", str(tmp_path / "w.duckdb"))
    assert settings.current().workers == 3
    assert settings.current().batch_dir == tmp_path / "batches"
    monkeypatch.delenv("CONFLICT_WORKERS")
    assert settings.current().workers is None


def _reads_conflict_variable(node: ast.AST) -> bool:
    """os.environ["CONFLICT_..."], os.environ.get("CONFLICT_..."), os.getenv("CONFLICT_...")."""

    def conflict(arg: ast.AST) -> bool:
        return isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("CONFLICT_")

    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ" and isinstance(node.ctx, ast.Load):
        return conflict(node.slice)
    if isinstance(node, ast.Call) and ast.unparse(node.func) in {
        "os.environ.get",
        "os.getenv",
        "environ.get",
        "getenv",
    }:
        return bool(node.args) and conflict(node.args[0])
    return False


def test_conflict_variables_are_read_in_one_module():
    readers = sorted(
        str(path.relative_to(ROOT))
        for folder in ("extract", "orchestration")
        for path in (ROOT / folder).rglob("*.py")
        if any(_reads_conflict_variable(node) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    )
    assert readers == []  # extract/settings.py reads them through its helpers, by name
    sample = ast.parse(
        'import os\nos.environ.get("CONFLICT_WORKERS")\nos.environ["CONFLICT_X"]\nos.getenv("CONFLICT_Y")'
    )
    assert sum(_reads_conflict_variable(node) for node in ast.walk(sample)) == 3


def test_every_orchestration_module_imports_dagster():
    """orchestration/ is Dagster wiring only (package markers aside)."""
    missing = []
    for path in (ROOT / "orchestration").rglob("*.py"):
        if path.name == "__init__.py":
            continue
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
        }
        if not imported & {"dagster", "dagster_dbt", "dagster_duckdb"}:
            missing.append(path.name)
    assert missing == []


def test_the_dbt_project_module_imports_nothing_of_the_project():
    tree = ast.parse((ROOT / "orchestration" / "dbt_project.py").read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert not {m for m in modules if m and m.split(".")[0] in {"extract", "orchestration"}}


def test_no_module_is_over_700_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("extract", "orchestration")
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 700
    }
    assert long == {}
