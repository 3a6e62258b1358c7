"""Pruning dbt_project/target: old per-run folders go, the newest few, young ones and everything
that is not a dagster-dbt run folder stay."""

import os
import time

from extract.tools.dbt_targets import main, prune, run_folders

NOW = time.time()
HOUR = 3600.0


def _folder(parent, name, age, size=1000):
    folder = parent / name
    (folder / "compiled").mkdir(parents=True)
    (folder / "compiled" / "model.sql").write_bytes(b"x" * size)
    os.utime(folder, (NOW - age, NOW - age))
    return folder


def test_old_run_folders_are_removed_and_the_newest_kept(tmp_path):
    # names as dagster-dbt writes them: "<op>-<run id[:7]>-<uuid[:7]>", or a bare uuid[:7]
    runs = [_folder(tmp_path, f"warehouse_models-{i:07x}-5c04505", age=(i + 2) * HOUR) for i in range(8)]
    bare = _folder(tmp_path, "a42a226", age=20 * HOUR)
    young = _folder(tmp_path, "warehouse_models-fd837fc-a617628", age=60)
    others = [_folder(tmp_path, name, age=50 * HOUR) for name in ("compiled", "run", "warehouse_models-notarun")]
    (tmp_path / "manifest.json").write_text("{}")
    assert len(run_folders(tmp_path)) == 10

    result = prune(tmp_path, keep=3, min_age=HOUR, now=NOW)

    assert set(result.kept) == {young, runs[0], runs[1]}
    assert set(result.removed) == set(runs[2:]) | {bare}
    assert result.freed_bytes == 7 * 1000
    assert all(f.exists() for f in [*result.kept, *others]) and (tmp_path / "manifest.json").exists()
    assert not any(f.exists() for f in result.removed)


def test_a_folder_changed_in_the_last_hour_is_never_removed(tmp_path):
    fresh = [_folder(tmp_path, f"warehouse_models-{i:07x}-1111111", age=i * 60) for i in range(4)]
    result = prune(tmp_path, keep=1, min_age=HOUR, now=NOW)
    assert result.removed == [] and set(result.kept) == set(fresh)


def test_the_command_prunes_and_says_how_much(tmp_path, capsys):
    for i in range(3):
        _folder(tmp_path, f"warehouse_models-{i:07x}-2222222", age=(i + 2) * HOUR, size=2_000_000)
    assert main(["--target-dir", str(tmp_path), "--keep", "1", "--min-age", "0"]) == 0
    out = capsys.readouterr().out
    assert "removed 2 dbt run folders (4.0 MB), kept 1" in out
    assert len(run_folders(tmp_path)) == 1
    assert main(["--target-dir", str(tmp_path / "missing")]) == 0  # no target folder yet: nothing to do
