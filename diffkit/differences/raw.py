"""The edit being built, before Edit objects are made: cheap to grow, to send between
processes and to build on demand.
"""

from __future__ import annotations

from typing import Any

_Raw = list[Any]
"""An edit being built: ``[a0, a1, b0, b1, category, ambiguous]``, offsets relative to the
texts. Edits grow while neighbours of the same category arrive; Edit objects are made once."""
