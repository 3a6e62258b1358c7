"""The logger of ``make run``: a few lines of progress on the terminal, every line in a log file.

Dagster's console logger prints every event of a run (about 1,700 lines for the five samples,
most of them DEBUG). ``python -m orchestration.run`` asks for this logger instead (run config
``loggers: {progress: {config: {log_file: ...}}}``); runs from the UI, the schedule and the
sensor keep Dagster's own (their logs are in the UI).

What the terminal shows: each step as it starts, the messages the assets log at INFO (articles
loaded, cleaned, extracted, published), how many dbt models are built so far (at most every few
seconds), failed checks, and the first warnings (the rest are counted in the log file).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

import dagster as dg

# what a step does, in the words the terminal shows
STEP_NAMES = {
    "raw_articles": "loading the input files",
    "clean__articles": "cleaning the articles",
    "extracted_events": "extracting events",
    "target__sources": "checking the dbt target",
    "warehouse_models": "building the dbt models and running their tests",
    "published__warehouse": "publishing the warehouse copy and Parquet exports",
    "published__report": "rendering the HTML report",
}
# dagster-dbt's notices about dbt tests it records as observations (tests of sources no model
# reads, and tests dbt selects indirectly): in the log file and the UI, not on the terminal
QUIET_PREFIXES = ("Logging an `AssetObservation` instead of", "A dbt subsetted execution is not", "Copying `")
MAX_WARNINGS = 8  # then one line saying where the rest are
REPEAT_EVERY_S = 3.0  # at most one "batch ..." or "dbt ..." progress line per step this often


class Progress(logging.Handler):
    """Prints the few records a person follows; the log file has all of them."""

    def __init__(self, stream: Any = None, log_file: str = "") -> None:
        super().__init__(level=logging.DEBUG)
        # the terminal even while orchestration.run sends dbt's own output (sys.stdout) to the log file
        self.stream = stream or sys.__stdout__
        self.log_file = log_file
        self.warnings = 0
        self.models = 0
        self.last: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        step = meta.get("step_key") or ""
        try:
            line = self._line(record, event, step, str(meta.get("orig_message") or record.getMessage()))
        except Exception:  # progress is a courtesy: it must never fail a step
            return
        if line:
            print(line, file=self.stream, flush=True)

    def _line(self, record: logging.LogRecord, event: Any, step: str, message: str) -> str | None:
        if event is None:
            if message.startswith(QUIET_PREFIXES):
                return None
            if record.levelno >= logging.WARNING:
                return self._warning(message)
            if (
                record.levelno >= logging.INFO
                and step in STEP_NAMES
                and not message.startswith(("Running dbt", "Finished dbt"))
            ):
                if message.startswith("batch ") and not self._due(step):
                    return None
                return f"  {message}"
            return None
        kind = event.event_type_value
        if kind == "STEP_START":  # the checks' own steps are quick: only their failures are shown
            return f"- {STEP_NAMES[step]}" if step in STEP_NAMES else None
        if kind == "ASSET_MATERIALIZATION" and step == "warehouse_models":
            self.models += 1
            return f"  dbt: {self.models} models and seeds built" if self._due(step) else None
        if kind == "STEP_SUCCESS" and step == "warehouse_models":
            return f"  dbt: {self.models} models and seeds built"
        if kind == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                return self._warning(f"check {evaluation.check_name} on {evaluation.asset_key.to_user_string()} failed")
            return None
        if kind in {"STEP_FAILURE", "RUN_FAILURE"}:
            return f"  FAILED {step or 'run'}: {message.splitlines()[0] if message else ''}"
        return None

    def _warning(self, message: str) -> str | None:
        self.warnings += 1
        if self.warnings <= MAX_WARNINGS:
            return f"  warning: {message.splitlines()[0]}"
        if self.warnings == MAX_WARNINGS + 1:
            return f"  (more warnings in {self.log_file})"
        return None

    def _due(self, step: str) -> bool:
        now = time.monotonic()
        if now - self.last.get(step, 0.0) < REPEAT_EVERY_S:
            return False
        self.last[step] = now
        return True


@dg.logger(
    config_schema={"log_file": dg.Field(str, description="Where every record of the run is written.")},
    description="Progress on the terminal, the full log in a file (python -m orchestration.run).",
)
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    path = Path(init_context.logger_config["log_file"])
    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(f"conflict_progress.{init_context.run_id}")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    everything = logging.FileHandler(path, encoding="utf-8")
    everything.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(everything)
    logger.addHandler(Progress(log_file=str(path)))
    return logger
