"""Known failures as one-line Dagster failures that say what to do, instead of tracebacks."""

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from extract.storage.warehouse import WarehouseError, explain, warehouse_path


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a missing input folder or an unusable warehouse into a clear ``dg.Failure``."""
    try:
        yield
    except (FileNotFoundError, NotADirectoryError, WarehouseError) as error:
        raise dg.Failure(description=str(error), allow_retries=False) from None
    except duckdb.Error as error:
        raise dg.Failure(description=str(explain(warehouse_path(), error)), allow_retries=False) from None
