"""The `diffkit` command: parse options, call the core, present its results.

No logic lives here beyond turning options into keyword arguments and results into output;
every error the core raises becomes one line on stderr and exit code 2 (130 for ctrl+c,
141 when the reader of the output goes away early). Each verb is a module of its own
(segments, compare, dedupe, tui); what they share is in ``options`` (the folding options),
``output`` (consoles, progress, where reports go) and ``exits`` (errors to exit codes).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib import import_module

import click

from .. import __version__
from .exits import Group, end_on_sigterm

VERBS = ("segments", "compare", "dedupe", "tui")
"""The commands, each in a module of its name."""


class _Commands(MutableMapping[str, click.Command]):
    """The group's commands, each verb's module imported when its command is first looked
    up: ``diffkit dedupe`` loads none of compare's stages, ``--help`` loads them all."""

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in VERBS:
                raise KeyError(name)
            command = getattr(import_module(f".{name}", __name__), name)
            self._loaded[name] = command
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*VERBS, *self._loaded]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*VERBS, *self._loaded]))


@click.group(
    cls=Group, commands=_Commands(), context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="diffkit")
def cli() -> None:
    """Find near-duplicate text and explain how the copies differ.

    diffkit folds text for matching (width, whitespace, pinyin annotations, Traditional and
    Simplified script, Taiwan and Hong Kong wording, punctuation, case), so copies that differ only in those still match,
    and reports every position in the ORIGINAL files.

    \b
    Examples:
      diffkit segments report.txt            paragraphs as diffkit sees them
      diffkit dedupe corpus/ --check         exit 1 if anything is repeated
      diffkit compare a.txt b.txt            aligned passages and their differences
      diffkit tui a.txt b.txt                browse it in the terminal

    Exit codes: 0 done and nothing found, 1 differences or duplicates found, 2 error,
    130 stopped by ctrl+c, 141 the reader closed the pipe early (| head).
    """


def main() -> None:
    """Entry point of the `diffkit` console script."""
    end_on_sigterm()
    cli()
