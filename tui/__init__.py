"""diffkit's terminal UI, installed as ``diffkit_tui``.

A Textual app over the same core the CLI calls: it never diffs, aligns or highlights on its
own, it runs ``diffkit.comparison.compare`` or ``diffkit.deduplication.dedupe`` in a worker thread and
presents the result with ``diffkit.render``. The core never imports this package.
"""
