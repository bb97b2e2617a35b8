"""The preview's tests talk to a server on the loopback address, and nowhere else."""

from __future__ import annotations

import socket

import pytest

from tests.preview.support import loopback_only


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections reach only 127.0.0.1 and ::1 (the preview server under test)."""
    loopback_only(monkeypatch, socket)
