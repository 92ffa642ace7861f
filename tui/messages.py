"""Messages the analysis worker posts to its screen.

The worker thread never touches widgets: it posts these (``post_message`` is thread-safe),
and the screen updates itself on the UI thread. Progress messages replace each other in the
queue, so a fast core cannot flood the screen.
"""

from __future__ import annotations

from textual.message import Message

from .analysis import Comparison, Duplicates


class AnalysisProgress(Message, bubble=False):
    """The core reached ``stage``; ``fraction`` of the work is done (0..1)."""

    def __init__(self, stage: str, fraction: float) -> None:
        super().__init__()
        self.stage = stage
        self.fraction = fraction

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisProgress)


class ComparisonReady(Message, bubble=False):
    def __init__(self, result: Comparison) -> None:
        super().__init__()
        self.result = result


class DuplicatesReady(Message, bubble=False):
    def __init__(self, result: Duplicates) -> None:
        super().__init__()
        self.result = result


class AnalysisFailed(Message, bubble=False):
    """The core refused the input (a ``DiffkitError``) or failed; ``text`` says why."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
