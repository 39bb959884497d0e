"""Files on disk: saved illustrations, reference pictures, and retention."""
