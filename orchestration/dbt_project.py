"""The dbt project object, alone, so the manifest can be built on its own:
``dagster-dbt project prepare-and-package --file orchestration/dbt_project.py``.

The dbt target is ``CONFLICT_DBT_TARGET`` when it is set (it then shows as ``--target`` in the
dbt commands Dagster runs); unset, dbt takes the profile's default, which is ``dev`` (the local
DuckDB file). Moving the warehouse: docs/scaling_warehouse.md.
"""

import os
from pathlib import Path

from dagster_dbt import DbtProject

from extract.storage.warehouse import warehouse_path

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"

warehouse_path()  # exports an absolute CONFLICT_WAREHOUSE, which the dbt profile reads

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target=os.environ.get("CONFLICT_DBT_TARGET") or None)
dbt_project.prepare_if_dev()
