"""Dagster orchestration of the conflict-event pipeline: assets, resources, job, schedule, sensor.

Only wiring: every module here imports dagster and hands the work to ``extract/``. Loading the
package exports the warehouse path for the dbt profile once, before any dbt project is loaded.
"""

from extract.settings import export_dbt_environment

export_dbt_environment()
