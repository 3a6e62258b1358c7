"""Delete old dbt run folders under ``dbt_project/target``, keeping the last few.

Why: Dagster's dbt resource gives every ``dbt build`` a folder of its own,
``target/<asset>-<run id>-<random>`` (compiled SQL, ``run_results.json``, ``manifest.json``,
``dbt.log``), about 14 MB each and never removed, so ``target/`` grew by 14 MB a run (233 MB
after an afternoon of runs). Only such folders are pruned; the shared manifest, the docs site
and dbt's own ``compiled/`` and ``run/`` folders are left alone. The newest ``keep`` folders
stay (the last failure's ``dbt.log`` is in one of them), and so does every folder changed in
the last ``min_age`` seconds, which may belong to a run still going.

``python -m extract.tools.dbt_targets`` (``make prune-dbt-targets``) prunes by hand.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from extract.settings import PROJECT_ROOT

TARGET_DIR = PROJECT_ROOT / "dbt_project" / "target"
KEEP = 5
MIN_AGE_SECONDS = 3600.0
# dagster-dbt's names: "<op name>-<run id[:7]>-<uuid[:7]>", or "<uuid[:7]>" outside a run
RUN_FOLDER = re.compile(r"^(?:\w+-[0-9a-f]{7}-)?[0-9a-f]{7}$")


@dataclass
class Pruned:
    removed: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    freed_bytes: int = 0


def run_folders(target_dir: Path) -> list[Path]:
    """dagster-dbt's per-invocation folders in ``target_dir``, newest first."""
    if not target_dir.is_dir():
        return []
    folders = [p for p in target_dir.iterdir() if p.is_dir() and not p.is_symlink() and RUN_FOLDER.match(p.name)]
    return sorted(folders, key=lambda p: p.stat().st_mtime, reverse=True)


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def prune(
    target_dir: Path = TARGET_DIR, keep: int = KEEP, min_age: float = MIN_AGE_SECONDS, now: float | None = None
) -> Pruned:
    """Remove all but the ``keep`` newest run folders, sparing any changed in the last ``min_age``
    seconds. A folder that cannot be removed (another process deleting it too) is skipped."""
    now = time.time() if now is None else now
    result = Pruned()
    for index, folder in enumerate(run_folders(target_dir)):
        if index < keep or now - folder.stat().st_mtime < min_age:
            result.kept.append(folder)
            continue
        size = _size(folder)
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            result.removed.append(folder)
            result.freed_bytes += size
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-dir", type=Path, default=TARGET_DIR)
    parser.add_argument("--keep", type=int, default=KEEP, help=f"run folders to keep (default {KEEP})")
    parser.add_argument(
        "--min-age", type=float, default=MIN_AGE_SECONDS, help="never remove a folder changed this many seconds ago"
    )
    args = parser.parse_args(argv)
    result = prune(args.target_dir, keep=args.keep, min_age=args.min_age)
    print(
        f"{args.target_dir}: removed {len(result.removed)} dbt run folders ({result.freed_bytes / 1e6:.1f} MB), "
        f"kept {len(result.kept)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
