"""Dedupe's candidates on a Dask cluster: the local path's kernels, spread over partitions.

The distinct keys are cut into contiguous partitions, so a key's id is the same as on the
local path (:mod:`.dask_pairs`). Each stage is a map over partitions with a hash-routed exchange between stages
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

The verified pairs come back to the client packed into arrays by the workers (16 bytes a
pair), for ``components`` and for splitting; past ``CLIENT_PAIRS`` pairs the components are
computed on the cluster by star contraction (:mod:`.dask_components`), from the pairs where
they are, and only the labels come back beside them. The local path goes on from there (splitting into clusters), and each member's
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
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import numpy as np
import numpy.typing as npt

from ..errors import UsageError
from ..regional import Glossary
from . import bulk_edits
from .components import components
from .dask_components import contracted, pair_ids
from .dask_pairs import I64, Scored, verified_parts

if TYPE_CHECKING:
    from ..clean import CleanJob

INSTALL: Final = "the dask engine needs Dask: pip install 'diffkit[dask]'"
CHECKED: Final = ("diffkit", "rapidfuzz", "opencc-pyo3", "numpy")
"""Packages whose versions must be the same on the client and every worker: any of them
changes the keys, signatures or scores."""
CLIENT_PAIRS: Final = 20_000_000
"""Past this many similar pairs, components are computed on the cluster, not on the client
from the pairs gathered there."""
Components = Literal["client", "engine"]
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
                _fresh_offload_in_forks()
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


_forks_fixed: list[bool] = []


def _fresh_offload_in_forks() -> None:
    """Give each process forked from here a new, empty copy of distributed's offload thread
    pool. The pool (one thread, for messages over 10 MiB) is made once per process; once a
    first cluster has used it here, a worker forked for a second cluster inherits the pool
    with its idle thread counted but not running, and every large message it receives waits
    for that thread for ever (a second ``dedupe(..., engine="dask")`` in one process hung)."""
    if _forks_fixed:
        return
    from concurrent.futures import ThreadPoolExecutor

    import distributed.utils

    def renew() -> None:
        if hasattr(distributed.utils, "_offload_executor"):
            distributed.utils._offload_executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="Dask-Offload"
            )

    os.register_at_fork(after_in_child=renew)
    _forks_fixed.append(True)


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
    for part in client.gather(verified_parts(client, keys, threshold, partitions, rounds)):
        out += part
    return out


def labels_on(
    client: Any,
    keys: list[str],
    threshold: float,
    partitions: int | None = None,
    method: Components | None = None,
) -> I64:
    """Each key's component label (the smallest key id it is linked to by similar pairs),
    the pairs found on the cluster; the components computed on the client from the pairs
    gathered there (``method="client"``) or on the cluster by star contraction
    (``"engine"``): the same labels. By default, on the client while the pairs number
    ``CLIENT_PAIRS`` or fewer, else on the cluster."""
    return linked_on(client, keys, threshold, partitions, method)[0]


def linked_on(
    client: Any,
    keys: list[str],
    threshold: float,
    partitions: int | None = None,
    method: Components | None = None,
) -> tuple[I64, I64]:
    """``labels_on``, and the similar pairs of keys as an ``(m, 2)`` array (which splitting
    a group into clusters reads). The workers pack their pairs into arrays (16 bytes a pair,
    their scores left there) before any comes back; the components are computed from them
    on the client only while they number ``CLIENT_PAIRS`` or fewer (its rounds hold several
    copies of the pairs), else on the cluster from the pairs where they are."""
    n = len(keys)
    verified = verified_parts(client, keys, threshold, partitions, None)
    packed = [client.submit(pair_ids, part) for part in verified]
    if method is None:
        counts = client.gather([client.submit(len, part) for part in packed])
        method = "client" if sum(counts) <= CLIENT_PAIRS else "engine"
    label = contracted(client, n, verified) if method == "engine" else None
    pairs = client.gather(packed)
    links = np.concatenate(pairs) if pairs else np.zeros((0, 2), dtype=np.int64)
    del pairs
    if label is None:
        label = components(n, links[:, 0], links[:, 1])
    return label, links


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
