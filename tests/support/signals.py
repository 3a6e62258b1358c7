"""Children that a test stops with a signal start with the signals a shell gives them.

A test worker process may have had SIGTERM or SIGINT ignored or blocked by a library it ran
earlier (process trackers do this around the processes they start), and a child inherits both.
A child started with :func:`default_signals` as ``preexec_fn`` stops on SIGTERM and SIGINT as it
would when started from a terminal, so the test checks the program, not the worker's history."""

from __future__ import annotations

import signal

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def default_signals() -> None:
    """Unblock SIGINT and SIGTERM and give them their default action (runs in the child)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_DFL if number == signal.SIGTERM else signal.default_int_handler)
