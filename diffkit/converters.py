"""OpenCC converters, one per configuration and process, made so that forked workers can use
them (see :func:`diffkit.executor.opencc_fork_safe`)."""

from __future__ import annotations

from functools import cache

from opencc_pyo3 import OpenCC

from .executor import opencc_fork_safe


@cache
def converter(config: str) -> OpenCC:
    """The OpenCC converter for ``config`` (``hk2s``, ``tw2sp``, ...), one per process."""
    opencc_fork_safe()
    return OpenCC(config)
