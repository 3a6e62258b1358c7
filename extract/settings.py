"""Every ``CONFLICT_*`` setting, read from the environment in one place and checked once.

No other module reads a ``CONFLICT_*`` variable: they ask :func:`current` for a
:class:`Settings`, which is read and validated in one pass, and read again only when the
environment changes (a test that sets a variable sees it at once). A bad value is an error that
names the variable and what it expects (``CONFLICT_WORKERS=abc: expected a whole number``).

The dbt profile (``dbt_project/profiles.yml``) reads some of the same variables itself, because
dbt runs as its own process: ``CONFLICT_WAREHOUSE`` (which :func:`export_dbt_environment` makes
absolute, explicitly, before dbt is started), ``CONFLICT_DBT_TARGET``, ``CONFLICT_DUCKDB_MEMORY``
and ``CONFLICT_PG_*``, plus a few that only dbt uses: ``CONFLICT_DBT_THREADS``,
``CONFLICT_PG_SCHEMA``, ``CONFLICT_PG_THREADS`` and ``CONFLICT_MOTHERDUCK_DB``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "conflict.duckdb"
DEFAULT_REFERENCE_DIR = PROJECT_ROOT / "seeds" / "reference"
DEFAULT_INPUT_DIR = PROJECT_ROOT / "seeds" / "articles"
# the dbt output that is the local DuckDB file the Python stages write (dbt_project/profiles.yml)
LOCAL_TARGET = "dev"
# the first is the default: every step in the run's own process, no start-up cost per step
EXECUTORS = ("in_process", "multiprocess", "k8s", "celery")
PROFILES = PROJECT_ROOT / "dbt_project" / "profiles.yml"
# a DuckDB memory limit: a number and a unit (512MB, 2GB, 1.5GiB)
MEMORY = re.compile(r"^\s*\d+(\.\d+)?\s*(b|bytes|kb|mb|gb|tb|kib|mib|gib|tib)\s*$", re.IGNORECASE)
# one field of a cron expression: numbers, names, ranges, steps, lists
CRON_FIELD = re.compile(r"^[0-9A-Za-z*/,\-?LW#]+$")
PREFIX = "CONFLICT_"


class SettingsError(ValueError):
    """A ``CONFLICT_*`` variable with a value that cannot be used; the message names it."""


@dataclass(frozen=True)
class PostgresConnection:
    """Where the ``postgres`` output of the dbt profile connects (``CONFLICT_PG_*``), with the
    profile's defaults."""

    host: str = "localhost"
    port: int = 5432
    user: str = "conflict"
    password: str = ""
    dbname: str = "conflict_events"
    sslmode: str = "prefer"


@dataclass(frozen=True)
class Settings:
    """The settings of one environment. Paths are absolute."""

    warehouse: Path  # CONFLICT_WAREHOUSE: the DuckDB file
    duckdb_memory: str  # CONFLICT_DUCKDB_MEMORY: DuckDB's memory limit for the stages and dbt
    dbt_target: str  # CONFLICT_DBT_TARGET: the dbt output (dev, postgres, motherduck)
    reference_dir: Path  # CONFLICT_REFERENCE_DIR: the reference data the extractor reads
    input_dir: Path  # CONFLICT_INPUT_DIR: the folder of articles the pipeline loads
    batch_dir: Path  # CONFLICT_BATCH_DIR: the sensor's batch manifests (beside the warehouse)
    workers: int | None  # CONFLICT_WORKERS: worker processes (None: one per usable core)
    max_file_bytes: int  # CONFLICT_MAX_FILE_MB: larger input files are rejected
    article_budget_s: float  # CONFLICT_ARTICLE_BUDGET_S: time one article may take to code
    spacy_model: str | None  # CONFLICT_SPACY_MODEL: optional spaCy model for entity recognition
    model_dir: Path | None  # CONFLICT_MODEL: folder of trained engine models (None: the committed ones)
    executor: str  # CONFLICT_EXECUTOR: in_process (default), multiprocess, k8s or celery
    schedule_cron: str  # CONFLICT_SCHEDULE_CRON: when the daily run starts
    postgres: PostgresConnection  # CONFLICT_PG_HOST, _PORT, _USER, _PASSWORD, _DATABASE, _SSLMODE


def _text(env: Mapping[str, str], name: str, default: str) -> str:
    """The variable's value; unset or empty means the default."""
    return env.get(name) or default


def _path(env: Mapping[str, str], name: str, default: Path) -> Path:
    return Path(_text(env, name, str(default))).expanduser().resolve()


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name)
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(f"{name}={value}: expected a number (default {default:g})") from None
    if not number > 0:
        raise SettingsError(f"{name}={value}: expected a number above 0 (default {default:g})")
    return number


def _whole(env: Mapping[str, str], name: str) -> int | None:
    value = (env.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise SettingsError(f"{name}={value}: expected a whole number of at least 1")
    return int(value)


def _postgres(env: Mapping[str, str]) -> PostgresConnection:
    port = env.get("CONFLICT_PG_PORT") or "5432"
    if not port.isdigit():
        raise SettingsError(
            f"CONFLICT_PG_PORT={port!r} is not a port number: expected a whole number, the server's port (default 5432)"
        )
    return PostgresConnection(
        host=_text(env, "CONFLICT_PG_HOST", "localhost"),
        port=int(port),
        user=_text(env, "CONFLICT_PG_USER", "conflict"),
        password=env.get("CONFLICT_PG_PASSWORD", ""),
        dbname=_text(env, "CONFLICT_PG_DATABASE", "conflict_events"),
        sslmode=_text(env, "CONFLICT_PG_SSLMODE", "prefer"),
    )


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Read and check every setting from ``env`` (default: this process's environment)."""
    env = os.environ if env is None else env
    warehouse = _path(env, "CONFLICT_WAREHOUSE", DEFAULT_WAREHOUSE)
    executor = _text(env, "CONFLICT_EXECUTOR", EXECUTORS[0]).strip().lower()
    if executor not in EXECUTORS:
        raise SettingsError(
            f"CONFLICT_EXECUTOR={executor!r} is not one of {', '.join(EXECUTORS)}: set one of these, or unset it"
        )
    return Settings(
        warehouse=warehouse,
        duckdb_memory=_memory(env),
        dbt_target=_dbt_target(env),
        reference_dir=_folder(env, "CONFLICT_REFERENCE_DIR", DEFAULT_REFERENCE_DIR),
        input_dir=_path(env, "CONFLICT_INPUT_DIR", DEFAULT_INPUT_DIR),
        batch_dir=_path(env, "CONFLICT_BATCH_DIR", warehouse.parent / "batches"),
        workers=_whole(env, "CONFLICT_WORKERS"),
        max_file_bytes=int(_number(env, "CONFLICT_MAX_FILE_MB", 5) * 1024 * 1024),
        article_budget_s=_number(env, "CONFLICT_ARTICLE_BUDGET_S", 5),
        spacy_model=env.get("CONFLICT_SPACY_MODEL") or None,
        model_dir=_model_dir(env),
        executor=executor,
        schedule_cron=_cron(env),
        postgres=_postgres(env),
    )


def _memory(env: Mapping[str, str]) -> str:
    value = _text(env, "CONFLICT_DUCKDB_MEMORY", "512MB")
    if not MEMORY.match(value):
        raise SettingsError(
            f"CONFLICT_DUCKDB_MEMORY={value!r}: expected a size with a unit, such as 512MB or 2GB (default 512MB)"
        )
    return value.strip()


def dbt_outputs() -> tuple[str, ...]:
    """The outputs of the dbt profile (dbt_project/profiles.yml): the targets dbt can build on."""
    import yaml

    profile = next(iter(yaml.safe_load(PROFILES.read_text(encoding="utf-8")).values()))
    return tuple(profile.get("outputs", {}))


def _dbt_target(env: Mapping[str, str]) -> str:
    value = _text(env, "CONFLICT_DBT_TARGET", LOCAL_TARGET).strip()
    if value != LOCAL_TARGET and value not in (outputs := dbt_outputs()):
        raise SettingsError(
            f"CONFLICT_DBT_TARGET={value!r} is not an output of dbt_project/profiles.yml: set one of "
            f"{', '.join(outputs)}, or unset it (default {LOCAL_TARGET})"
        )
    return value


def _folder(env: Mapping[str, str], name: str, default: Path) -> Path:
    """A folder that must exist (the default is the project's own)."""
    folder = _path(env, name, default)
    if env.get(name) and not folder.is_dir():
        raise SettingsError(
            f"{name}={env[name]!r}: no such folder ({folder}); point it at an existing folder, or unset it"
        )
    return folder


def _cron(env: Mapping[str, str]) -> str:
    value = _text(env, "CONFLICT_SCHEDULE_CRON", "0 6 * * *").strip()
    fields = value.split()
    if len(fields) != 5 or not all(CRON_FIELD.match(f) for f in fields):
        raise SettingsError(
            f"CONFLICT_SCHEDULE_CRON={value!r}: expected a cron expression of five fields, "
            "minute hour day month weekday (default '0 6 * * *')"
        )
    return value


def _model_dir(env: Mapping[str, str]) -> Path | None:
    """``CONFLICT_MODEL``: a folder written by ``conflict-events train`` (``sub_event_type.joblib``
    inside); unset means the models committed with the project."""
    if not env.get("CONFLICT_MODEL"):
        return None
    folder = _path(env, "CONFLICT_MODEL", PROJECT_ROOT)
    if not (folder / "sub_event_type.joblib").is_file():
        raise SettingsError(
            f"CONFLICT_MODEL={env['CONFLICT_MODEL']!r}: no sub_event_type.joblib there; "
            "train one with `conflict-events train --acled EXPORT.csv`, or unset it"
        )
    return folder


@lru_cache(maxsize=8)
def _cached(items: tuple[tuple[str, str], ...]) -> Settings:
    return load(dict(items))


def current() -> Settings:
    """The settings of this process's environment, read once per distinct environment."""
    return _cached(tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(PREFIX))))


def export_dbt_environment() -> Path:
    """Export ``CONFLICT_WAREHOUSE`` as an absolute path, so that the dbt profile, which reads the
    variable in its own process, opens the same file as the Python stages. Called once, by the
    orchestration package before it loads the dbt project."""
    path = current().warehouse
    os.environ["CONFLICT_WAREHOUSE"] = str(path)
    return path
