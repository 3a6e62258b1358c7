"""Listing and reading input files safely: every entry below the input folder is found (an
unreadable sub-folder too), and only regular files are read, within the size limit, without
blocking, and only when they held still while being read.

Analysts feed the pipeline from scrapers and shared folders, so links to nothing, link loops,
FIFOs, device files, files still being written and names that are not UTF-8 are normal; each
becomes an :class:`InputError` whose message is the one-line reason the loader records.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class InputError(ValueError):
    """A whole input (file or record) cannot be loaded; the message is the user-facing reason."""


def input_files(root: Path) -> list[Path]:
    """Every entry below ``root`` in sorted order, without descending into linked folders and
    without hidden files (editors' swap files, .DS_Store).

    Entries that are not regular files (links to nothing, FIFOs, devices) are listed too, and so
    is a sub-folder that cannot be read, so that the loader gives each a reason instead of
    passing over it in silence."""
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        if error.filename is not None and Path(error.filename) != root:
            found.append(Path(error.filename))

    for folder, dirs, files in os.walk(root, followlinks=False, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / name for name in files if not name.startswith("."))
    return sorted(found)


def display_name(name: str) -> str:
    """``name`` as it can be stored and printed: bytes of a file name that are not UTF-8 (kept by
    Python as lone surrogates) become U+FFFD."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="replace")


def name_problem(name: str) -> str | None:
    """Why a file name cannot be stored, if it cannot."""
    if display_name(name) != name:
        return "file name has bytes that are not UTF-8: rename the file (e.g. with convmv) so it can be recorded"
    return None


def kind_problem(path: Path) -> str | None:
    """Why ``path`` is not a regular file that can be read, or None when it is one."""
    try:
        info = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "link loop: the link points (through other links) back to itself; fix or remove it"
        if error.errno == errno.ENOENT and os.path.islink(path):
            return "link points to nothing (its target is missing): fix or remove the link"
        return f"cannot read file ({error.strerror}): check its permissions"
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(path)
        except OSError as error:
            return f"folder cannot be read ({error.strerror}): check its permissions so its files can be loaded"
        return "is a folder, not a file: name a file inside it"
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({_kind(info.st_mode)}): only regular files are read; move it out of the folder"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_input(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``.

    Opened without blocking (a FIFO swapped in after the check cannot hang the load), checked
    again once open, and compared before and after reading: a file whose size or modification
    time changed meanwhile is refused, so half a file being written is never loaded; the next
    run reads it again."""
    problem = kind_problem(path)
    if problem:
        raise InputError(problem)
    before = os.stat(path)
    if before.st_size > max_bytes:
        raise InputError(
            f"file is {before.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit: "
            "split it or raise CONFLICT_MAX_FILE_MB"
        )
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise InputError("file was replaced while being opened: it is read again on the next run")
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            block = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not block:
                break
            chunks.append(block)
            total += len(block)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if total > max_bytes:
        raise InputError(f"file grew over the {max_bytes / 1e6:.1f} MB limit while being read: split it")
    try:
        now = os.stat(path)
    except OSError:
        now = after
    if any(_stamp(s) != _stamp(before) for s in (after, now)) or total != before.st_size:
        raise InputError("file changed while being read (still being written?): it is read again on the next run")
    return b"".join(chunks)


def _stamp(info: os.stat_result) -> tuple[int, int]:
    return info.st_size, info.st_mtime_ns
