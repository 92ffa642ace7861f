"""The fold of each input and the edits of each part kept on disk (``--cache-dir``), so a
dedupe stopped midway, or run again, does not redo them.

Reading aside, most of a paragraph dedupe is segmenting and folding its inputs and, with
edits, diffing its repeats: the similar-pair stages (``stage_cache``) are keyed by every
unit's folded key, so those keys must exist before anything is reused. Here each input's
segmentation is kept under a hash of its text, the fold profile (steps and glossary) and
diffkit's code, and each part of the edits under a hash of its pairs (texts, folded keys and
their maps) and the glossary, written by the worker that made it as soon as it is done. An
entry is written to a temporary file and renamed, so a stopped run leaves whole entries or
none; one that cannot be read, or whose arrays disagree, is made again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final, get_args

import numpy as np
import numpy.typing as npt
import orjson

from ..errors import UsageError
from ..folding import Folded, FoldProfile
from ..model import Document, SegmentKind
from ..regional import Glossary
from ..segmentation import Segmented, segment
from ..segmentation.segmented import Pieces
from . import bulk_edits
from .edits import _glossary, _pairs, _Shared

FORMAT: Final = 1
"""What the entries hold; raised when their layout changes."""
KINDS: Final[tuple[SegmentKind, ...]] = get_args(SegmentKind)
_MAGIC: Final = b"DKC1"
_LIBRARIES: Final = ("numpy", "opencc-pyo3", "rapidfuzz", "fast-diff-match-patch")
"""The libraries whose output the entries hold: the fold's tables and the diffs."""


@cache
def code_digest() -> bytes:
    """A hash of diffkit's own code and data, its version, Python's version with the Unicode
    tables its folds and widths read (``unicodedata``), and the versions of the libraries it
    folds and diffs with: an entry made by other code is never read."""
    import sys
    import unicodedata
    from importlib import metadata

    from .. import __version__

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\x00{sys.version_info[:2]}\x00".encode())
    digest.update(f"{unicodedata.unidata_version}\x00".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".tsv", ".txt", ".json"} and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\x00")
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\x00".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\x00".encode())
    return digest.digest()


def _hasher(kind: str, **options: Any) -> hashlib.blake2b:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(code_digest())
    digest.update(orjson.dumps({"kind": kind, "format": FORMAT, **options}))
    return digest


def _put(digest: hashlib.blake2b, data: bytes | str | npt.NDArray[Any]) -> None:
    """``data`` into ``digest``, its length first, so that no two sequences hash alike."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    elif isinstance(data, np.ndarray):
        data = np.ascontiguousarray(data).tobytes() + data.dtype.str.encode()
    digest.update(len(data).to_bytes(8, "little"))
    digest.update(data)


def load(path: Path) -> dict[str, npt.NDArray[Any]] | None:
    """The arrays saved at ``path``, or None when there are none or they cannot be read: a
    torn or damaged file (its checksum is checked), or one saved under another name (copied
    or renamed into the folder). An entry is a header and its arrays' bytes, read straight
    into the arrays: an input's fold as a zip of ``.npy`` files took most of a warm run over
    a folder of a thousand small files."""
    try:
        with path.open("rb") as f:
            room = os.fstat(f.fileno()).st_size
            magic, size = f.read(4), int.from_bytes(f.read(4), "little")
            header = orjson.loads(f.read(size))
            if magic != _MAGIC or header["entry"] != path.stem:
                return None
            shapes = [
                (name, np.dtype(dtype), tuple(shape)) for name, dtype, shape in header["arrays"]
            ]
            if any(t.kind not in "biu" for _, t, _ in shapes):
                return None  # entries hold numbers only: bytes read into objects would crash
            if sum(int(np.prod(s)) * t.itemsize for _, t, s in shapes) != room - 8 - size:
                return None  # cut short, or a header that does not fit its file
            arrays: dict[str, npt.NDArray[Any]] = {}
            crc = 0
            for name, dtype, shape in shapes:  # each its own buffer: none holds another
                arrays[name] = array = np.empty(shape, dtype=dtype)
                if array.nbytes:
                    if f.readinto(array.data.cast("B")) != array.nbytes:
                        return None
                    crc = zlib.crc32(array.data.cast("B"), crc)
        return arrays if crc == header["crc"] else None
    except (OSError, ValueError, TypeError, KeyError, orjson.JSONDecodeError):
        return None


def save(path: Path, arrays: dict[str, npt.NDArray[Any]]) -> None:
    """``arrays`` at ``path``, through a temporary file and a rename. A cache that cannot be written (a full disk) leaves the
    run as it is, without the entry."""
    parts = [np.ascontiguousarray(a) for a in arrays.values()]
    crc = 0
    for part in parts:
        crc = zlib.crc32(part.data.cast("B") if part.nbytes else b"", crc)
    header = orjson.dumps(
        {
            "entry": path.stem,
            "crc": crc,
            "arrays": [[k, a.dtype.str, a.shape] for k, a in zip(arrays, parts, strict=True)],
        }
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + len(header).to_bytes(4, "little") + header)
            for part in parts:
                f.write(part.data.cast("B") if part.nbytes else b"")
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _profile_options(profile: FoldProfile) -> dict[str, Any]:
    return {
        "profile": profile.name,
        "steps": list(profile.steps),
        "glossary": [list(e) for e in profile.effective_glossary().entries],
    }


def segmented(
    docs: Sequence[Document], profile: FoldProfile, processes: int, folder: str | os.PathLike[str]
) -> Iterator[Segmented]:
    """``segment`` of each of ``docs``, read from ``folder`` where it was kept, else made and
    kept there."""
    try:
        (Path(folder) / "fold").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot keep a cache there: {exc.strerror or exc}") from None
    base = _hasher("fold", **_profile_options(profile))
    for doc in docs:
        if not doc.text:
            yield segment(doc, profile=profile, processes=processes)
            continue
        digest = base.copy()
        _put(digest, doc.text)
        path = Path(folder) / "fold" / f"{digest.hexdigest()}.bin"
        kept = _segmentation(load(path), doc, profile)
        if kept is not None:
            yield kept
            continue
        made = segment(doc, profile=profile, processes=processes)
        save(path, _arrays(made))
        yield made


_ARRAYS: Final = {"starts", "ends", "f_starts", "f_ends", "kinds", "key", "key_starts", "key_ends"}
"""The names of what ``_arrays`` keeps."""


def _arrays(seg: Segmented) -> dict[str, npt.NDArray[Any]]:
    starts, ends, f_starts, f_ends, kinds = seg.pieces
    return {
        "starts": starts,
        "ends": ends,
        "f_starts": f_starts,
        "f_ends": f_ends,
        "kinds": np.array([KINDS.index(k) for k in kinds], dtype=np.uint8),
        "key": np.frombuffer(seg.folded.text.encode("utf-8", "surrogatepass"), dtype=np.uint8),
        "key_starts": seg.folded.starts,
        "key_ends": seg.folded.ends,
    }


def _segmentation(
    saved: dict[str, npt.NDArray[Any]] | None, doc: Document, profile: FoldProfile
) -> Segmented | None:
    """The segmentation ``saved`` holds, or None where its arrays do not fit together or
    this document."""
    if saved is None or set(saved) != _ARRAYS:
        return None
    try:
        key = saved["key"].tobytes().decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    n = len(saved["starts"])
    fits = (
        all(len(saved[k]) == n for k in ("ends", "f_starts", "f_ends", "kinds"))
        and len(saved["key_starts"]) == len(saved["key_ends"]) == len(key)
        and (
            n == 0
            or (int(saved["f_ends"][-1]) == len(key) and int(saved["ends"].max()) <= len(doc.text))
        )
        and (len(key) == 0 or int(saved["key_ends"].max()) <= len(doc.text))
        and bool(np.all(saved["kinds"] < len(KINDS)))
    )
    if not fits:
        return None
    kinds = [KINDS[k] for k in saved["kinds"].tolist()]
    pieces = Pieces(saved["starts"], saved["ends"], saved["f_starts"], saved["f_ends"], kinds)
    return Segmented(doc, profile, pieces, Folded(key, saved["key_starts"], saved["key_ends"]))


def describe_kept(
    context: tuple[_Shared, Path], bounds: tuple[int, int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """``edits._describe`` of jobs ``lo..hi``, read from the cache folder in ``context``
    when this part's pairs were described before, else described and kept there."""
    shared, folder = context
    pairs = _pairs(shared, bounds)
    glossary = _glossary(shared[2])
    path = folder / "edits" / f"{_pairs_digest(pairs, glossary)}.bin"
    saved = load(path)
    if saved is not None and set(saved) == {"counts", "rows"}:
        counts, rows = saved["counts"], saved["rows"]
        if (
            len(counts) == len(pairs)
            and counts.dtype == np.int64
            and rows.dtype == np.int32
            and rows.ndim == 2
            and len(rows) == int(counts.sum())
        ):
            return counts, rows
    counts, rows = bulk_edits.describe(pairs, glossary)
    save(path, {"counts": counts, "rows": rows})
    return counts, rows


def _pairs_digest(pairs: list[bulk_edits.Pair], glossary: Glossary | None) -> str:
    entries = None if glossary is None else [list(e) for e in glossary.entries]
    digest = _hasher("edits", glossary=entries, pairs=len(pairs))
    for rep_text, rep, text, member in pairs:
        for part in (rep_text, rep.text, rep.starts, rep.ends, text, member.text):
            _put(digest, part)
        _put(digest, member.starts)
        _put(digest, member.ends)
    return digest.hexdigest()
