"""Precompressed copies of the text files, for servers that send them as they are (nginx gzip_static)."""
from __future__ import annotations

import gzip

import brotli

# Text compresses; PNGs are compressed already.
TEXT_SUFFIXES = (".html", ".js", ".css", ".json", ".webmanifest", ".svg", ".txt")
GZIP_LEVEL = 9
BROTLI_QUALITY = 11


def gzipped(data: bytes) -> bytes:
    """gzip at a fixed level with no time stamp or file name: same input, same bytes."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def brotli_compressed(data: bytes) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)


def precompressed(files: dict[str, bytes]) -> dict[str, bytes]:
    """{path.gz: …, path.br: …} for every text file: the server picks the one the browser accepts."""
    copies = {}
    for path, data in sorted(files.items()):
        if path.endswith(TEXT_SUFFIXES):
            copies[path + ".gz"] = gzipped(data)
            copies[path + ".br"] = brotli_compressed(data)
    return copies
