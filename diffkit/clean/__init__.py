"""Writing de-duplicated copies without losing a character.

A copy keeps the first occurrence of every cluster and drops the later repeats whose text it
holds once folded (near repeats only when asked: their own text would be lost); everything
else stays byte for byte. Every removed span is recorded with its offset and text, so adding the
spans back restores the input exactly; in-place rewrites keep a backup and go through a
temporary file and a rename.
"""

from ..errors import UsageError
from ..loading import load_path
from .backups import backup, check_backup_suffix
from .copies import Cleaned, CleanJob, check_targets, text_digest, write_clean, write_job
from .removals import Plan, Removal, _keys, covered, plan, removals, remove_spans, restore

__all__ = [
    "CleanJob",
    "Cleaned",
    "Plan",
    "Removal",
    "UsageError",
    "_keys",
    "backup",
    "check_backup_suffix",
    "check_targets",
    "covered",
    "load_path",
    "plan",
    "removals",
    "remove_spans",
    "restore",
    "text_digest",
    "write_clean",
    "write_job",
]
