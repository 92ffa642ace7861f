"""Stage outputs kept on disk (``--cache-dir``), so a dedupe stopped midway resumes.

Finding the linked units of a large corpus runs in stages: MinHash signatures, the similar
pairs (candidates verified) and their connected components. With a cache folder, each
stage's result is saved as it is made (through a temporary file and a rename, so a stopped
run leaves no half a stage) and a later run takes it instead of computing it again.

A cache entry is keyed by a hash of every unit's folded key in input order (so a changed
input, fold option, granularity or minimum length gives other keys), the threshold, the
MinHash parameters and diffkit's code (``work_cache.code_digest``: its files, version, Python's
and the libraries' versions): a stale stage is never reused. The folds those
keys come from and the members' edits are kept too (``work_cache``); reading and the
clusters' split are done on every run.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import orjson

from .. import minhash
from ..errors import UsageError
from .candidates import verify_pairs
from .components import Links, components, linked_groups, numbered_keys
from .units import _Unit

STAGES: Final = ("signatures", "pairs", "components")
I64 = npt.NDArray[np.int64]


class StageCache:
    """The stages saved under ``folder`` for one run's keys and options."""

    def __init__(self, folder: str | os.PathLike[str], keys: list[str], options: dict[str, Any]):
        from .work_cache import code_digest

        digest = hashlib.blake2b(digest_size=16)
        # diffkit's code (signing, banding and verification with it), Python's and the
        # libraries' versions: a stage another build made is never read.
        digest.update(code_digest())
        digest.update(orjson.dumps({**options, "keys": len(keys)}, option=orjson.OPT_SORT_KEYS))
        for key in keys:
            digest.update(key.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        self.folder = Path(folder) / digest.hexdigest()
        self.computed: list[str] = []
        """The stages this run computed rather than read (in order)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"{folder}: cannot keep a cache there: {exc.strerror or exc}"
            ) from None

    def stage(self, name: str, make: Callable[[], dict[str, npt.NDArray[Any]]]) -> dict[str, Any]:
        """Stage ``name``'s arrays: read when saved before, else made by ``make`` and saved."""
        path = self.folder / f"{name}.npz"
        if path.is_file():
            try:
                with np.load(path) as saved:
                    return {k: saved[k] for k in saved.files}
            except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile):
                pass  # a damaged entry is made again
        made = make()
        self.computed.append(name)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, **made)  # type: ignore[arg-type]  # numpy's stub: allow_pickle
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return made


def cached_groups(
    units: list[_Unit],
    threshold: float,
    step: Callable[[str, float], None],
    processes: int,
    folder: str | os.PathLike[str],
    pairs_on: Callable[[list[str]], list[tuple[int, int, float]]] | None = None,
) -> tuple[list[list[int]], Links]:
    """The linked units, as ``_unit_clusters`` finds them, stage by stage through a cache
    in ``folder``. ``pairs_on`` finds the similar pairs elsewhere (a Dask cluster): the
    signatures stage is then the engine's own and is not kept."""
    keys, key_of = numbered_keys(units)
    cache = StageCache(folder, keys, {"threshold": threshold})
    step("candidates", 0.45)

    def signed() -> dict[str, npt.NDArray[Any]]:
        return {"sig": minhash.signatures(keys, processes=processes)}

    def paired() -> dict[str, npt.NDArray[Any]]:
        if pairs_on is not None:
            found = pairs_on(keys)
        elif len(keys) < 2:
            found = []
        else:
            sig = cache.stage("signatures", signed)["sig"]
            cands = minhash.candidate_pairs(sig, processes=processes)
            left = [keys[i] for i in cands[:, 0].tolist()]
            right = [keys[j] for j in cands[:, 1].tolist()]
            found = verify_pairs(cands, left, right, threshold) if len(cands) else []
        ids = np.array([(i, j) for i, j, _ in found], dtype=np.int64).reshape(-1, 2)
        return {"ids": ids, "scores": np.array([s for _, _, s in found], dtype=np.float64)}

    def linked() -> dict[str, npt.NDArray[Any]]:
        ids = cache.stage("pairs", paired)["ids"]
        return {"label": components(len(keys), ids[:, 0], ids[:, 1])}

    label: I64 = cache.stage("components", linked)["label"]
    ids = cache.stage("pairs", paired)["ids"]
    return linked_groups(label[key_of]), Links(key_of, ids)
