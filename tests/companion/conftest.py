"""Shared set-up of the companion-code tests: seeded, single-threaded PyTorch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch


@pytest.fixture(autouse=True)
def _seed_and_single_thread() -> Iterator[None]:
    """Every test starts from seed 0; tiny tensors run faster on one thread."""
    torch.manual_seed(0)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
