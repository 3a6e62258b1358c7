"""Dagster orchestration of the conflict-event pipeline: assets, resources, job, schedule, sensor."""
