"""One writer per warehouse: an advisory lock file next to the DuckDB file.

DuckDB itself refuses a second writing process, but with an error that is easy to mistake for corruption and at a
random point of the run. Taking this lock first turns that into a clear message before anything is written."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path


class WarehouseBusy(RuntimeError):
    pass


class WarehouseLock:
    def __init__(self, warehouse: Path, timeout: float = 30.0, poll: float = 0.5):
        self.path = Path(str(warehouse) + ".lock")
        self.timeout = timeout
        self.poll = poll
        self._fd: int | None = None

    def __enter__(self) -> WarehouseLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
                    os.close(fd)
                    raise WarehouseBusy(
                        f"the warehouse {str(self.path)[:-5]} is being written by {holder}; waited "
                        f"{self.timeout:.0f} s (STANCEWATCH_LOCK_TIMEOUT). Try again when that run has finished."
                    ) from None
                time.sleep(self.poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
