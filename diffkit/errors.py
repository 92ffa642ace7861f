"""Typed errors and exit codes: what scripts and the CLI rely on when something goes wrong.

Every error names the file it is about, so the CLI can print one line and exit, and a QA
script can catch one base class.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the `diffkit` command; part of the public API."""

    OK = 0
    """Done; nothing of a counted kind was found."""
    FOUND = 1
    """Differences (compare) or duplicates (dedupe --check) were found."""
    ERROR = 2
    """Bad usage or bad input."""
    INTERRUPTED = 130
    """Stopped by ctrl+c (128 + SIGINT, as shells report it)."""
    CLOSED = 141
    """The reader closed the pipe before the output ended (``| head``): 128 + SIGPIPE, what
    a shell tool killed by that signal reports."""


class DiffkitError(Exception):
    """Base of every error diffkit raises on purpose."""

    exit_code: ExitCode = ExitCode.ERROR


class InputError(DiffkitError):
    """An input cannot be read as a text document."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class FileMissingError(InputError):
    """The path does not exist, or is not a regular file."""


class BinaryInputError(InputError):
    """The input looks binary (it holds NUL bytes outside a UTF-16 text)."""


class DecodeError(InputError):
    """No supported encoding decodes the input."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class EmptyInputError(InputError):
    """The input holds no text: it is empty, or nothing but whitespace."""


class UsageError(DiffkitError):
    """An option or argument has a value diffkit cannot use."""


class WorkerError(DiffkitError):
    """A worker process died while sharing the work (killed by a signal, as the kernel's
    out-of-memory killer does): the work stops, with this, instead of waiting for ever."""
