"""What the result screens do outside the app: open a source location in an editor, find a
free name for an export, read a typed line number."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import SuspendNotSupported
from textual.screen import Screen

from diffkit.model import Span


def parse_line(answer: str) -> tuple[str, int] | None:
    """``12``, ``:12``, ``a12`` or ``b 12`` as (document, line); None if it is no line."""
    text = answer.strip().lstrip(":").strip().lower()
    side = "a"
    if text[:1] in ("a", "b"):
        side, text = text[0], text[1:].strip()
    return (side, int(text)) if text.isdigit() and int(text) > 0 else None


def free_path(path: Path) -> Path:
    """``path``, or the first of ``NAME-1.EXT``, ``NAME-2.EXT``, ... that does not exist:
    an export never replaces a file."""
    candidate, n = path, 0
    while candidate.is_file() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def open_location(screen: Screen[None], span: Span) -> None:
    """Open ``span`` in $VISUAL or $EDITOR at its line, or show ``path:line``."""
    where = f"{span.path}:{span.start_line}"
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor:
        command = [*shlex.split(editor), f"+{span.start_line}", span.path]
        try:
            with screen.app.suspend():
                subprocess.run(command, check=False)
            return
        except (SuspendNotSupported, OSError) as exc:
            screen.notify(
                f"{where} (cannot run {editor}: {exc})", title="Source location", markup=False
            )
            return
    screen.app.copy_to_clipboard(where)
    screen.notify(where, title="Source location", markup=False)
