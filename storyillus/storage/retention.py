"""Retention: keep ``generated/`` within GENERATED_IMAGE_MAX_FILES and GENERATED_IMAGE_MAX_MB.

As the seed describes: oldest images go first, by count and then by size, and the same
log line is written. Unlike the seed, it reads totals kept by the job store instead of
rescanning the folder after each save (so one save costs the same with 10 or 10,000
files), and it never deletes an image of a pinned book or of a book with a job running.
"""

from __future__ import annotations

import logging
import threading

from storyillus.storage.files import ImageFiles
from storyillus.store.pictures import Pictures

log = logging.getLogger(__name__)
_MEGABYTE = 1024 * 1024


class Retention:
    def __init__(self, pictures: Pictures, files: ImageFiles) -> None:
        self.pictures = pictures
        self.files = files
        # One pruning at a time: two workers finishing together must not pick the
        # same victims and count them twice.
        self._lock = threading.Lock()

    def prune(self, max_files: int, max_mb: int) -> int:
        """Delete the oldest unprotected images until within both limits (0 = no limit)."""
        max_bytes = max_mb * _MEGABYTE
        usage = self.pictures.usage()
        if not _over(usage.files, usage.bytes, max_files, max_bytes):
            return 0
        with self._lock:
            usage = self.pictures.usage()
            files, total = usage.files, usage.bytes
            victims: list[str] = []
            for name, size in self.pictures.prunable():
                if not _over(files, total, max_files, max_bytes):
                    break
                victims.append(name)
                files, total = files - 1, total - size
            if not victims:
                return 0
            self.pictures.forget(victims)
            self.files.delete(victims)
        log.info("🧹 Retention pruning removed %d old generated image(s).", len(victims))
        return len(victims)


def _over(files: int, total: int, max_files: int, max_bytes: int) -> bool:
    return bool((max_files and files > max_files) or (max_bytes and total > max_bytes))
