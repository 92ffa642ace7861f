"""Dedupe's candidates on a Dask cluster: the local path's kernels, spread over partitions.

The distinct keys are cut into contiguous partitions, so a key's id is the same as on the
local path. Each stage is a map over partitions with a hash-routed exchange between stages
(each task returns one piece for every partition of the next stage):

1. ``minhash.bigram_counts`` of each partition, added up in a tree: the common-bigram mask
   is computed from the WHOLE corpus's counts (a partition's own counts would mark other
   bigrams and silently change the signatures);
2. ``minhash.sign`` and ``minhash.band_hashes`` of each partition, every (band, hash, id)
   routed by its hash, so a bucket meets in one task;
3. ``minhash.bucket_pairs`` of each band's buckets there (ids ascending, as locally), each
   pair routed to the partition that holds its first key;
4. that key attached, each pair routed to the partition of its second key;
5. ``verify_pairs`` there, with the second key.

The verified pairs come back to the client for ``components``; past ``CLIENT_KEYS`` keys the
components are computed on the cluster by star contraction (``stars``) and only the labels
come back. The local path goes on from there (splitting into clusters), and each member's
edits are a map stage over its (representative, member) pair on the workers
(``edits_on``): ``bulk_edits.describe``, the local path's kernel. The result is the local
one by construction. ``--output``'s copies are written by the workers too (``clean_on``),
each from its input read again there. Dask is imported only here, and only when this engine is asked for.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from importlib.metadata import PackageNotFoundError, version
from operator import getitem
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import numpy as np
import numpy.typing as npt

from .. import minhash
from ..errors import UsageError
from ..regional import Glossary
from . import bulk_edits
from .candidates import verify_pairs
from .components import components
from .stars import large_star, small_star, star_labels

if TYPE_CHECKING:
    from ..clean import CleanJob

INSTALL: Final = "the dask engine needs Dask: pip install 'diffkit[dask]'"
CHECKED: Final = ("diffkit", "rapidfuzz", "opencc-pyo3", "numpy")
"""Packages whose versions must be the same on the client and every worker: any of them
changes the keys, signatures or scores."""
PARTITION_KEYS: Final = 200_000
"""Keys a partition holds at most when no number of partitions is given."""
CLIENT_KEYS: Final = 20_000_000
"""Past this many keys, components are computed on the cluster, not from pairs gathered
on the client."""
ROUND_KEYS: Final = 2_000_000
"""Keys whose band hashes (714 bytes a key for all bands) one exchange round moves at most."""
_SIGN_CHUNK: Final = 20_000

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
Scored = list[tuple[int, int, float]]
Components = Literal["client", "engine"]
_STAR_ROUNDS: Final = 200
_METHOD: Final = "distributed.worker.multiprocessing-method"
GUARD: Final = (
    "cannot start the local Dask cluster's workers: a script that calls dedupe with the dask"
    ' engine must call it under `if __name__ == "__main__":` (its workers import the script'
    " again), or pass scheduler= (--scheduler)"
)


def versions() -> dict[str, str]:
    """The versions of the packages in ``CHECKED`` installed here."""
    out = {}
    for name in CHECKED:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out


def check_versions(mine: dict[str, str], theirs: dict[str, dict[str, str]]) -> None:
    """Refuse a cluster with no worker or with a worker whose versions differ from ``mine``:
    its keys or scores could differ, and so the clusters."""
    if not theirs:
        raise UsageError("the Dask cluster has no workers")
    for address, found in sorted(theirs.items()):
        wrong = [
            f"{n} {found.get(n, 'missing')} (here {v})"
            for n, v in mine.items()
            if found.get(n) != v
        ]
        if wrong:
            raise UsageError(
                f"Dask worker {address} has {', '.join(wrong)}: install the same versions everywhere"
            )


@contextmanager
def connect(scheduler: Any, workers: int | None) -> Iterator[Any]:
    """A Dask client: ``scheduler`` itself when it is one, a connection to its address (or to
    ``DASK_SCHEDULER_ADDRESS``), or else a ``LocalCluster`` of ``workers`` processes (default:
    all cores), closed on leaving. Its workers' versions are checked first."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(INSTALL) from None
    if scheduler is None:
        scheduler = os.environ.get("DASK_SCHEDULER_ADDRESS") or None
    if isinstance(scheduler, Client):
        _check(scheduler)
        yield scheduler
        return
    if scheduler is not None and not isinstance(scheduler, str):
        raise UsageError(f"scheduler must be an address (str) or a Client, not {scheduler!r}")
    cluster = None
    with ExitStack() as held:
        try:
            if scheduler:
                client = Client(scheduler, timeout="10s")
            else:
                held.enter_context(_start_method())  # for the cluster's life: restarts too
                cluster = _local_cluster(LocalCluster, workers)
                client = Client(cluster)
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            _check(client)
            yield client
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _start_method() -> AbstractContextManager[Any]:
    """Dask's configuration with the start method of a local cluster's workers: on Linux they
    are forked, as the local path's workers are, unless Dask is told another method. A
    spawned worker imports the calling script again, and so runs a script's unguarded call
    once more, in each worker."""
    import dask

    method = dask.config.get(_METHOD)
    if method == "spawn" and sys.platform == "linux":
        method = "fork"
    return cast(AbstractContextManager[Any], dask.config.set({_METHOD: method}))


def _local_cluster(local_cluster: Any, workers: int | None) -> Any:
    """A ``LocalCluster`` of ``workers`` processes. Where they are spawned, a script's
    unguarded call run again in a worker is refused here, and the parent's failure to start
    its workers is the same ``UsageError``."""
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        # multiprocessing's own flag for a spawned child still importing the script (its
        # parent_process() is not set yet then)
        raise UsageError(GUARD)
    try:
        return local_cluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    except RuntimeError as exc:  # distributed's "Nanny failed to start."
        raise UsageError(f"{GUARD} ({exc})") from None


def _check(client: Any) -> None:
    try:
        theirs = client.run(versions)
    except Exception as exc:  # a worker that cannot unpickle diffkit's function lacks it
        raise UsageError(
            f"the Dask workers cannot run diffkit ({exc}); install it on each"
        ) from None
    check_versions(versions(), theirs)


def similar_pairs_on(
    client: Any,
    keys: list[str],
    threshold: float,
    partitions: int | None = None,
    rounds: int | None = None,
) -> Scored:
    """``similar_pairs(keys, threshold)`` computed on the cluster behind ``client``: the
    same pairs with the same scores (in another order). The band hashes are exchanged in
    ``rounds`` (default: one per ``ROUND_KEYS`` keys, at most one a band)."""
    out: Scored = []
    for part in client.gather(_verified(client, keys, threshold, partitions, rounds)):
        out += part
    return out


def labels_on(
    client: Any,
    keys: list[str],
    threshold: float,
    partitions: int | None = None,
    method: Components = "client",
) -> I64:
    """Each key's component label (the smallest key id it is linked to by similar pairs),
    the pairs found on the cluster; the components computed on the client from the pairs
    gathered there (``method="client"``) or on the cluster by star contraction
    (``"engine"``, for more pairs than the client holds): the same labels."""
    return linked_on(client, keys, threshold, partitions, method)[0]


def linked_on(
    client: Any,
    keys: list[str],
    threshold: float,
    partitions: int | None = None,
    method: Components = "client",
) -> tuple[I64, I64]:
    """``labels_on``, and the similar pairs of keys as an ``(m, 2)`` array (which splitting
    a group into clusters reads): with ``method="engine"`` they come back as arrays, not as
    the Python pairs ``components`` would be computed from."""
    n = len(keys)
    verified = _verified(client, keys, threshold, partitions, None)
    if method == "client":
        found = [pair for part in client.gather(verified) for pair in part]
        links = np.array([(i, j) for i, j, _ in found], dtype=np.int64).reshape(-1, 2)
        return components(n, links[:, 0], links[:, 1]), links
    pairs = client.gather([client.submit(_pair_ids, part) for part in verified])
    links = np.concatenate(pairs) if pairs else np.zeros((0, 2), dtype=np.int64)
    return _contracted(client, n, verified), links


def _contracted(client: Any, n: int, verified: list[Any]) -> I64:
    """The components of the pairs ``verified`` (futures) by star contraction on the
    cluster: only the labels come back."""
    p = max(len(verified), 1)
    routed = [client.submit(_edges_both_ways, part, p) for part in verified]
    for _ in range(_STAR_ROUNDS):
        large = [client.submit(_large_star_part, p, *_column(client, routed, q)) for q in range(p)]
        small = [
            client.submit(_small_star_part, p, *[client.submit(_piece, f, q) for f in large])
            for q in range(p)
        ]
        changed = client.gather([client.submit(_changed, f) for f in large + small])
        if not sum(changed):
            ends = client.gather([client.submit(_ends, f) for f in small])
            big = np.concatenate([b for b, _ in ends]) if ends else np.zeros(0, np.int64)
            centre = np.concatenate([s for _, s in ends]) if ends else np.zeros(0, np.int64)
            return star_labels(n, big, centre)
        routed = [client.submit(_routed, f) for f in small]
    raise RuntimeError(f"star contraction did not converge in {_STAR_ROUNDS} rounds")


def edits_on(
    client: Any,
    parts: Iterable[list[bulk_edits.Pair]],
    ahead: int | None = None,
    glossary: Glossary | None = None,
) -> Iterator[tuple[I64, npt.NDArray[np.int32]]]:
    """``bulk_edits.describe`` of each part of (representative, member) pairs, on the
    workers, the results in order; at most ``ahead`` parts (default: four a worker thread)
    are out at once, so the client holds no more of them than that."""
    ahead = ahead or 4 * max(sum(client.nthreads().values()), 1)
    pending: deque[Any] = deque()
    try:
        for part in parts:
            pending.append(client.submit(bulk_edits.describe, part, glossary, pure=False))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def clean_on(client: Any, jobs: list[CleanJob]) -> list[bool]:
    """``clean.write_job`` of each de-duplicated copy on the workers, which read the inputs
    themselves (a folder all of them see); whether each wrote."""
    from ..clean import write_job

    done: list[bool] = client.gather(client.map(write_job, jobs, pure=False))
    return done


def _verified(
    client: Any,
    keys: list[str],
    threshold: float,
    partitions: int | None,
    rounds: int | None,
) -> list[Any]:
    """The futures of each partition's verified pairs (the pipeline of this module)."""
    n = len(keys)
    if n < 2:
        return []
    p = partitions or max(len(client.nthreads()), -(-n // PARTITION_KEYS))
    p = max(1, min(p, n))
    bounds = np.array([n * i // p for i in range(p + 1)], dtype=np.int64)
    parts = client.scatter([keys[bounds[i] : bounds[i + 1]] for i in range(p)])
    common: Any = None
    if n >= minhash.COMMON_MIN_UNITS:
        counts = [client.submit(minhash.bigram_counts, part) for part in parts]
        while len(counts) > 1:
            counts = [client.submit(_add, *counts[a : a + 8]) for a in range(0, len(counts), 8)]
        common = client.submit(minhash.common_bigrams, counts[0], n)
    firsts = bounds[:-1].tolist()
    signed = [
        client.submit(_sign_part, part, common, first)
        for part, first in zip(parts, firsts, strict=True)
    ]
    # Bands a round at a time: each round's exchange holds its share of the band hashes.
    bands = minhash.BINS // minhash.ROWS
    rounds = max(1, min(bands, rounds or 1 + n // ROUND_KEYS))
    buckets = []
    for r in range(rounds):
        lo, hi = bands * r // rounds, bands * (r + 1) // rounds
        routed = [client.submit(_route_bands, s, lo, hi, p) for s in signed]
        buckets += [
            client.submit(_bucket_part, n, bounds, *_column(client, routed, q)) for q in range(p)
        ]
    lefts = [
        client.submit(_attach_left, parts[q], firsts[q], n, bounds, *_column(client, buckets, q))
        for q in range(p)
    ]
    verified = [
        client.submit(_verify_part, parts[q], firsts[q], n, threshold, *_column(client, lefts, q))
        for q in range(p)
    ]
    return verified


def _column(client: Any, routed: Sequence[Any], q: int) -> list[Any]:
    """The pieces for partition ``q`` of each routed result."""
    return [client.submit(getitem, r, q) for r in routed]


def _add(*tables: I64) -> I64:
    total = tables[0].copy()
    for t in tables[1:]:
        total += t
    return total


def _owner(bounds: I64, ids: I64) -> I64:
    return np.searchsorted(bounds, ids, side="right") - 1


def _sign_part(
    keys: list[str], common: npt.NDArray[np.uint8] | None, first: int
) -> tuple[npt.NDArray[np.uint32], I64]:
    """The signatures of the partition's keys that have one, and their ids."""
    sigs, ids = [], []
    for a in range(0, len(keys), _SIGN_CHUNK):
        sig = minhash.sign(keys[a : a + _SIGN_CHUNK], common)
        live = np.flatnonzero(~minhash.blank(sig))
        sigs.append(sig[live])
        ids.append(live + first + a)
    if not sigs:
        return np.zeros((0, minhash.BINS), dtype=np.uint32), np.zeros(0, dtype=np.int64)
    return np.concatenate(sigs), np.concatenate(ids)


def _route_bands(
    signed: tuple[npt.NDArray[np.uint32], I64], lo: int, hi: int, dests: int
) -> list[tuple[npt.NDArray[np.int8], U64, I64]]:
    """Every (band, bucket hash, id) of bands ``lo..hi``, routed by the hash to ``dests``
    pieces, each piece by band, then id."""
    sig, ids = signed
    hashes = [minhash.band_hashes(sig, b) for b in range(lo, hi)]
    out = []
    for q in range(dests):
        band, key, at = [], [], []
        for b, h in zip(range(lo, hi), hashes, strict=True):
            here = h % np.uint64(dests) == q
            key.append(h[here])
            at.append(ids[here])
            band.append(np.full(int(here.sum()), b, dtype=np.int8))
        out.append((np.concatenate(band), np.concatenate(key), np.concatenate(at)))
    return out


def _bucket_part(n: int, bounds: I64, *pieces: tuple[npt.NDArray[np.int8], U64, I64]) -> list[I64]:
    """The pairs of the buckets routed here, coded ``i * n + j``, routed by ``i``'s
    partition. Pieces come in partition order, so each band's ids ascend, as locally."""
    band = np.concatenate([x[0] for x in pieces])
    key = np.concatenate([x[1] for x in pieces])
    ids = np.concatenate([x[2] for x in pieces])
    found = []
    for b in np.unique(band).tolist():
        here = band == b
        found.append(minhash.bucket_pairs(key[here], ids[here]))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    code = minhash.distinct(pairs[:, 0] * n + pairs[:, 1])
    owner = _owner(bounds, code // n)
    return [code[owner == q] for q in range(len(bounds) - 1)]


def _attach_left(
    keys: list[str], first: int, n: int, bounds: I64, *pieces: I64
) -> list[tuple[I64, list[str]]]:
    """The distinct pairs whose first key is here, with that key, routed by the second."""
    code = minhash.distinct(np.concatenate(pieces))
    owner = _owner(bounds, code % n)
    out = []
    for q in range(len(bounds) - 1):
        mine = code[owner == q]
        out.append((mine, [keys[i - first] for i in (mine // n).tolist()]))
    return out


def _verify_part(
    keys: list[str], first: int, n: int, threshold: float, *pieces: tuple[I64, list[str]]
) -> Scored:
    """The pairs whose second key is here, verified as the local path verifies them."""
    code = np.concatenate([c for c, _ in pieces])
    if not len(code):
        return []
    left = [k for _, ks in pieces for k in ks]
    right = [keys[j - first] for j in (code % n).tolist()]
    cands = np.stack((code // n, code % n), axis=1)
    return verify_pairs(cands, left, right, threshold, workers=1)


def _pair_ids(found: Scored) -> I64:
    return np.array([(i, j) for i, j, _ in found], dtype=np.int64).reshape(-1, 2)


def _edges_both_ways(found: Scored, dests: int) -> list[tuple[I64, I64]]:
    """The verified pairs as rows ``u -> v`` in both directions, routed by ``u``."""
    pairs = np.array([(i, j) for i, j, _ in found], dtype=np.int64).reshape(-1, 2)
    return _by_owner(
        np.concatenate((pairs[:, 0], pairs[:, 1])),
        np.concatenate((pairs[:, 1], pairs[:, 0])),
        dests,
    )


def _by_owner(u: I64, v: I64, dests: int) -> list[tuple[I64, I64]]:
    owner = u % dests
    return [(u[owner == q], v[owner == q]) for q in range(dests)]


_Star = tuple[list[tuple[I64, I64]], int, tuple[I64, I64]]
"""A star step's result: its edges routed for the next step, how many nodes changed
something, and the edges themselves."""


def _large_star_part(dests: int, *pieces: tuple[I64, I64]) -> _Star:
    u = np.concatenate([x for x, _ in pieces])
    v = np.concatenate([y for _, y in pieces])
    big, small, changed = large_star(u, v)
    return _by_owner(big, small, dests), changed, (big, small)


def _small_star_part(dests: int, *pieces: tuple[I64, I64]) -> _Star:
    u = np.concatenate([x for x, _ in pieces])
    v = np.concatenate([y for _, y in pieces])
    big, small, changed = small_star(u, v)
    both = _by_owner(np.concatenate((big, small)), np.concatenate((small, big)), dests)
    return both, changed, (big, small)


def _piece(result: _Star, q: int) -> tuple[I64, I64]:
    return result[0][q]


def _routed(result: _Star) -> list[tuple[I64, I64]]:
    return result[0]


def _changed(result: _Star) -> int:
    return result[1]


def _ends(result: _Star) -> tuple[I64, I64]:
    return result[2]
