"""A daily schedule that does not fire while a test's Dagster daemon is up."""

from __future__ import annotations

import datetime as dt


def cron_away_from_now(now: dt.datetime | None = None) -> str:
    """``CONFLICT_SCHEDULE_CRON`` for a test that starts the Dagster daemon: daily, twelve hours
    from now (UTC, the schedule's time zone). The default ``0 6 * * *`` fires at 06:00 UTC; a
    daemon up then starts a run of the whole input folder, which loads the file a test has just
    added for the sensor, so the sensor never sees it as new (the test then times out), or leaves
    a run process behind when a test stops the UI. The schedule is still on (RUNNING)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return f"{now.minute} {(now.hour + 12) % 24} * * *"
