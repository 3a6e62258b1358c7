"""The dbt project object, alone, so the manifest can be built on its own:
``dagster-dbt project prepare-and-package --file orchestration/dbt_project.py``.

It imports nothing else of the project. dbt picks its target from the profile
(``CONFLICT_DBT_TARGET``, default ``dev``, the local DuckDB file) and reads the warehouse path
from ``CONFLICT_WAREHOUSE``, which the orchestration package exports (absolute) before this
module is loaded (``extract.settings.export_dbt_environment``). The dbt resource passes the
target explicitly (``orchestration/resources.py``). Moving the warehouse: docs/scaling_warehouse.md.
"""

import os
import sys
from pathlib import Path

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"

# `dg dev` / `dg list defs` from an unactivated virtualenv (`.venv/bin/dg ...`): dagster-dbt
# prepares the manifest with the `dbt` it finds on PATH, so put the one beside this Python first
BIN = Path(sys.executable).parent
if (BIN / "dbt").exists() and str(BIN) not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()
