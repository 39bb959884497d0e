"""``make run`` listens on 127.0.0.1 only (issue 14: it used to be ``*:8501``).

The app is started as ``make run`` starts it: ``streamlit run app.py --server.port N`` in the
repository, no ``--server.address``, so the address comes from the repository's
``.streamlit/config.toml``. Streamlit reads that file from the folder it runs in
(``$CWD/.streamlit``) and from the one beside the script (here the same folder), over
``~/.streamlit/config.toml``. Then another machine's view: a connection to this machine's
own network address is refused, while 127.0.0.1 answers the health check.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

import httpx
import pytest

from tests.server import ROOT, free_port, start, stop, wait_until_up


def _network_address() -> str | None:
    """This machine's address on its network (not loopback), or None without one."""
    candidates: list[str] = []
    # No packet is sent: connecting a UDP socket only picks the outgoing address.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe, contextlib.suppress(OSError):
        probe.connect(("192.0.2.1", 9))
        candidates.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        candidates += socket.gethostbyname_ex(socket.gethostname())[2]
    return next((a for a in candidates if not a.startswith("127.")), None)


def _reachable(address: str) -> bool:
    """Whether a server listening on every address can be reached at ``address`` at all (so
    a refusal below is the app's address, not a firewall)."""
    with socket.socket() as server:
        server.bind(("0.0.0.0", 0))
        server.listen()
        port = server.getsockname()[1]
        accepted = threading.Thread(target=lambda: server.accept()[0].close(), daemon=True)
        accepted.start()
        try:
            socket.create_connection((address, port), timeout=5).close()
        except OSError:
            return False
        accepted.join(timeout=5)
        return True


def _listeners(port: int) -> set[str]:
    """The local addresses listening on ``port`` (hex, as /proc/net/tcp* writes them)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.rpartition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_make_run_listens_on_loopback_only(tmp_path: Path) -> None:
    address = _network_address()
    if address is None or not _reachable(address):
        pytest.skip("this machine has no network address of its own to connect to")
    port = free_port()
    process, base = start(tmp_path, address=None, port=port, cwd=ROOT)
    try:
        wait_until_up(process, base)
        health = httpx.get(f"{base}/api/health", timeout=10)
        assert base.startswith("http://127.0.0.1:") and health.json()["status"] == "ok"
        # Local mode: the seed's API answers without a token.
        assert httpx.get(f"{base}/api/books", timeout=10).status_code == 200

        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((address, port), timeout=5).close()
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://{address}:{port}/api/health", timeout=5)

        listening = _listeners(port)
        if listening:  # Linux: what `ss -ltn` shows, 127.0.0.1 written backwards in hex
            assert listening == {"0100007F"}, listening
    finally:
        stop(process)
