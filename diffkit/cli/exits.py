"""How the command ends: every error the core raises becomes one line on stderr and exit
code 2, ctrl+c exit 130, a reader that goes away early exit 141, a bad option one line too.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from ..errors import DiffkitError, ExitCode
from ..render import printable

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    click.echo(f"diffkit: error: {printable(message)}", err=True)
    sys.exit(ExitCode.ERROR)


def handle_errors(func: F) -> F:
    """Turn the core's typed errors into one line on stderr and exit code 2; a closed pipe
    and ctrl+c end the command quietly, as shell tools end."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DiffkitError as exc:
            fail(str(exc))
        except BrokenPipeError:
            quiet_stdout()
            sys.exit(ExitCode.CLOSED)
        except KeyboardInterrupt:
            # Die of the signal itself (status 130), so that a calling shell loop stops too.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        except OSError as exc:
            # Output that cannot be written (a full disk): one line, as for bad input.
            quiet_stdout()
            fail(f"{exc.filename or 'output'}: {exc.strerror or exc}")
        return None

    return wrapper  # type: ignore[return-value]


def quiet_stdout() -> None:
    """Point stdout at /dev/null: Python flushes it once more at exit, into the closed pipe."""
    with contextlib.suppress(OSError, ValueError):  # not a file of its own: a test's capture
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class Group(click.Group):
    """click's group, with a bad option or argument said in one line, as every other error
    is (click's own usage message takes three): ``diffkit: error: ...``, exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()  # no command at all: the help is the answer
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            where = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            fail(f"{exc.format_message()}{where}")
        except click.ClickException as exc:
            fail(exc.format_message())
        except click.exceptions.Abort:
            sys.exit(ExitCode.INTERRUPTED)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)


_MAIN_PID: list[int] = []


def _terminated(signum: int, frame: object) -> None:
    # The command unwinds as an exit, so that temporary files are removed and workers ended
    # on the way out, as for ctrl+c; the status is the one a shell reports for the signal.
    # A forked worker, which inherits this handler, dies of the signal as it would have.
    if os.getpid() not in _MAIN_PID:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise SystemExit(128 + signum)


def end_on_sigterm() -> None:
    """SIGTERM ends the command as an exit does (status 143), cleaning up on the way."""
    _MAIN_PID.append(os.getpid())
    signal.signal(signal.SIGTERM, _terminated)
