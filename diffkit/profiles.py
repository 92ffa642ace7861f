"""Fold profiles: which fold steps run, and with which glossary.

A profile is chosen by name (``default``, ``script``, ``layout``, ``none``), less the steps a
caller skips, plus a glossary of their own; ``fitted`` drops the regional step where no input
is in Traditional script, since it would cost more than the rest of the fold and change
nothing that tells Simplified texts apart.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np

from .codepoints import _lookup, view_codepoints
from .errors import UsageError
from .fold_steps import _convertible
from .regional import Glossary, default_glossary, load_glossary
from .vocabulary import FOLD_STEPS

STEPS: Final = tuple(step.name for step in FOLD_STEPS)
"""Every fold step, in the order they run (declared in :mod:`diffkit.vocabulary`)."""

STEP_HELP: Final = {step.name: step.help for step in FOLD_STEPS}


@dataclass(frozen=True, slots=True)
class FoldProfile:
    """A named set of fold steps."""

    name: str
    steps: tuple[str, ...]
    glossary: Glossary | None = None
    """Terms the regional step folds beside OpenCC's tables; None: the glossary diffkit ships."""

    def without(self, *skip: str) -> FoldProfile:
        """This profile less the steps named in ``skip`` (the regional step goes with script:
        it folds wording through Simplified script)."""
        for step in skip:
            _check_step(step)
        if not skip:
            return self
        dropped = set(skip) | ({"regional"} if "script" in skip else set())
        kept = tuple(s for s in self.steps if s not in dropped)
        return FoldProfile(f"{self.name}-{'-'.join(sorted(skip))}", kept, self.glossary)

    def with_glossary(self, glossary: Glossary) -> FoldProfile:
        """This profile with ``glossary``'s terms folded too, after the shipped glossary's."""
        return FoldProfile(self.name, self.steps, self.effective_glossary().merged(glossary))

    def effective_glossary(self) -> Glossary:
        return self.glossary if self.glossary is not None else default_glossary()


PROFILES: Final = {
    "default": FoldProfile("default", STEPS),
    "layout": FoldProfile("layout", ("width", "whitespace", "annotation", "punctuation")),
    "script": FoldProfile("script", tuple(s for s in STEPS if s != "regional")),
    "none": FoldProfile("none", ()),
}
"""``default`` folds everything; ``script`` all but regional wording; ``layout`` keeps the
script; ``none`` compares text as it is."""
DEFAULT_PROFILE: Final = PROFILES["default"]


def _check_step(step: str) -> None:
    if step not in STEPS:
        raise UsageError(f"unknown fold step {step!r}; the steps are: {', '.join(STEPS)}")


def resolve_profile(
    profile: str | FoldProfile = "default",
    *,
    skip: Iterable[str] = (),
    glossary: Glossary | str | os.PathLike[str] | None = None,
) -> FoldProfile:
    """A profile by name (or as given), less the steps in ``skip``, with ``glossary`` (a
    :class:`Glossary` or the path of a two-column TSV file) added to the shipped one."""
    if isinstance(skip, str):
        skip = [skip]
    if isinstance(profile, str):
        if profile not in PROFILES:
            raise UsageError(f"unknown fold profile {profile!r}; try one of: {', '.join(PROFILES)}")
        profile = PROFILES[profile]
    resolved = profile.without(*skip)
    if glossary is not None:
        if not isinstance(glossary, Glossary):
            glossary = load_glossary(glossary)
        resolved = resolved.with_glossary(glossary)
    return resolved


_TRADITIONAL_SHARE: Final = 100
"""A text holds Traditional script when at least one Han character in this many converts."""


def fitted(profile: FoldProfile, texts: Iterable[str]) -> FoldProfile:
    """``profile`` for folding ``texts`` together: without the regional step when none of them
    is in Traditional script. The step folds Taiwan and Hong Kong wording, which comes
    in Traditional script; on Simplified text alone it would cost more than the rest of the
    fold and change nothing that tells the texts apart (both sides fold alike)."""
    if "regional" not in profile.steps:
        return profile
    table = _convertible()
    for text in texts:
        cps = view_codepoints(text)
        converted = int(np.count_nonzero(_lookup(table, cps, astral=False)))
        # A stray Traditional character in Simplified text (著, 於) makes no Taiwan edition.
        if converted and converted * _TRADITIONAL_SHARE >= np.count_nonzero(
            (cps >= 0x3400) & (cps < 0xA000)
        ):
            return profile
    return FoldProfile(
        profile.name, tuple(s for s in profile.steps if s != "regional"), profile.glossary
    )
