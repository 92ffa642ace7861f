"""What `diffkit dedupe` loads: its own stages, not compare's (which cost a tenth of a
second to import on every run), while the whole API stays one attribute away."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).parent.parent / "samples" / "2023-closing-speech-simplified.txt"

_PROBE = """
import sys
from diffkit.cli import main
sys.argv = ["diffkit", "dedupe", sys.argv[1], "--no-diff", "--quiet", "--format", "json"]
try:
    main()
except SystemExit as end:
    loaded = sorted(m for m in sys.modules if m.startswith("diffkit.comparison."))
    print(end.code, loaded, file=sys.stderr)
"""


def test_dedupe_runs_without_loading_compare_stages() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(SAMPLE)], capture_output=True, text=True, check=True
    )
    code, loaded = done.stderr.strip().split(" ", 1)
    assert code == "0"
    assert '"clusters"' in done.stdout
    assert loaded == "['diffkit.comparison.report']"


def test_the_lazy_names_of_the_api_are_the_functions_and_types_they_were() -> None:
    probe = (
        "import diffkit, sys; assert 'diffkit.comparison.pipeline' not in sys.modules; "
        "r = diffkit.compare('市委将一如既往支持人大。', '市委將一如既往支持人大。'); "
        "assert isinstance(r, diffkit.CompareReport), r; "
        "assert isinstance(diffkit.diff('甲乙丙', '甲丁丙'), diffkit.DiffResult); "
        "from diffkit import Cancelled; from diffkit.comparison import compare; "
        "assert issubclass(Cancelled, Exception); "
        "print(diffkit.compare.__name__, compare.__module__)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["compare", "diffkit.comparison.pipeline"]
