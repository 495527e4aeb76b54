"""The build's .gz and .br copies: beside every text file, exact, reproducible, never precached."""

from __future__ import annotations

import gzip
import re

import brotli
from click.testing import CliRunner

from build import cli
from corner.output.compress import TEXT_SUFFIXES
from support import read_build


def build(content_dir, out):
    result = CliRunner().invoke(
        cli, ["build", "--content", str(content_dir), "--out", str(out), "--base-url", "/corner/"]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_text_file_has_exact_gzip_and_brotli_copies_and_pictures_have_none(
    content_dir, tmp_path
):
    out = tmp_path / "site"
    build(content_dir, out)
    originals = [
        p
        for p in out.rglob("*")
        if p.is_file() and p.suffix not in (".gz", ".br") and p.name != ".corner-build"
    ]
    texts = [p for p in originals if p.name.endswith(TEXT_SUFFIXES)]
    assert len(texts) >= 40 and {p.suffix for p in originals} - {p.suffix for p in texts} == {
        ".png"
    }
    for path in originals:
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        if path in texts:
            assert gzip.decompress(gz.read_bytes()) == path.read_bytes(), path
            assert brotli.decompress(br.read_bytes()) == path.read_bytes(), path
        else:
            assert not gz.exists() and not br.exists(), path


def test_gzip_copies_carry_no_time_or_file_name(content_dir, tmp_path):
    out = tmp_path / "site"
    build(content_dir, out)
    header = (out / "index.html.gz").read_bytes()[:10]
    assert header[:3] == b"\x1f\x8b\x08"
    assert header[3] == 0  # flags: no file name, no comment
    assert header[4:8] == b"\0\0\0\0"  # no modification time


def test_copies_are_listed_as_built_but_never_precached(content_dir, tmp_path):
    out = tmp_path / "site"
    build(content_dir, out)
    listed = (out / ".corner-build").read_text().splitlines()
    on_disk = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.name != ".corner-build"
    )
    assert listed == on_disk and "search-index.json.br" in listed
    precache = read_build(out / "sw.js")["precache"]
    assert "/corner/search-index.json" in precache
    assert [url for url in precache if url.endswith((".gz", ".br"))] == []
    build(content_dir, out)  # the next build replaces them as its own


def test_the_summary_counts_the_copies(content_dir, tmp_path):
    out = tmp_path / "site"
    summary = build(content_dir, out)
    files = [p for p in out.rglob("*") if p.is_file() and p.name != ".corner-build"]
    copies = [p for p in files if p.suffix in (".gz", ".br")]
    found = re.match(
        r"Built \d+ pages \((\d+) files, ([\d,]+) bytes, with gzip and Brotli copies of (\d+) "
        r"text files; ([\d,]+) written, 0 unchanged since the last build\)",
        summary,
    )
    assert found, summary
    assert int(found[1]) == len(files)
    assert int(found[2].replace(",", "")) == sum(p.stat().st_size for p in files)
    assert int(found[3]) * 2 == len(copies)
    assert int(found[4].replace(",", "")) == len(files)  # a first build writes every file
