"""Write a synthetic content folder of any size that looks, to search, like the real content/.

    .venv/bin/python bench/synthetic.py 10000 bench/content-10000
    (then: build.py validate --content bench/content-10000)

Lengths (words per title, summary, fact and alias; facts and aliases per entry) are drawn from the
real resources. Words are drawn from a Zipf distribution over a ranked vocabulary: the real
content's words by frequency, then pronounceable made-up words, so distinct words grow with size
as in real text (Heaps' law: about 29,000 at 10,000 resources). Some entries carry what officers
type besides words: form numbers (I-247A), statute codes (287(g)), acronyms, phone numbers.
Same count and seed, same files.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
REAL_CONTENT = ROOT / "content"
SCHEMA_DIR = ROOT / "schema"

# Zipf–Mandelbrot weights 1/(rank + SHIFT)^EXPONENT over VOCABULARY_SIZE words; tuned so that
# distinct words reach ~6,500 at 1,000 resources and ~29,000 at 10,000.
EXPONENT = 1.4
SHIFT = 2.7
VOCABULARY_SIZE = 80_000
ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "ch",
    "cl",
    "cr",
    "dr",
    "fl",
    "gr",
    "pl",
    "pr",
    "sh",
    "st",
    "th",
    "tr",
]
VOWELS = ["a", "a", "e", "e", "i", "o", "o", "u", "ai", "ea", "io", "ou"]
CODAS = ["", "", "", "", "n", "r", "s", "l", "t", "m", "nd", "st"]
SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
}
SOURCE_DATE = "2025-06"


def size_option(
    default: tuple[int, ...] = (1000, 10000),
    help: str = "Synthetic content sizes (resources) to measure besides the default content.",
):
    """The benchmarks' --size option: which sizes of synthetic content to measure."""
    return click.option(
        "--size", "sizes", type=int, multiple=True, default=default, show_default=True, help=help
    )


def read_real_resources() -> list[dict]:
    return [
        json.loads(path.read_text("utf-8"))
        for path in sorted((REAL_CONTENT / "resources").glob("*.json"))
    ]


def word_count(text: str) -> int:
    return len(text.split())


def real_words(resources: list[dict]) -> list[str]:
    """Words of the real content, most frequent first."""
    counts = Counter()
    for resource in resources:
        texts = [
            resource["title"],
            resource["summary"],
            *resource["aliases"],
            *(f["text"] for f in resource.get("body", [])),
        ]
        counts.update(re.findall(r"[a-z]{2,}", " ".join(texts).lower()))
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def made_up_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Pronounceable words of two to four syllables, none of them real."""
    words, seen = [], set(taken)
    while len(words) < count:
        word = "".join(
            rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
            for _ in range(rng.choice((2, 2, 2, 3, 3, 4)))
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Writer:
    """Draws words and lengths; the random generator is the only state."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.real = read_real_resources()
        words = real_words(self.real)
        self.vocabulary = words + made_up_words(self.rng, VOCABULARY_SIZE - len(words), set(words))
        self.cumulative = list(
            itertools.accumulate(
                1 / (rank + SHIFT) ** EXPONENT for rank in range(1, len(self.vocabulary) + 1)
            )
        )

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=count)

    def real_length(self, lengths) -> int:
        """A length as the real content has them, give or take a quarter."""
        return max(1, round(self.rng.choice(lengths) * self.rng.uniform(0.75, 1.25)))

    def title(self) -> str:
        count = word_count(self.rng.choice(self.real)["title"])
        words: dict[str, None] = {}
        while len(words) < count:
            words.update(
                dict.fromkeys(word for word in self.words(count) if word not in SMALL_WORDS)
            )
        return " ".join(word.capitalize() for word in list(words)[:count])

    def prose(self, count: int) -> str:
        """Sentences of 8 to 25 words."""
        words, sentences = self.words(count), []
        while words:
            size = self.rng.randint(8, 25)
            sentence, words = words[:size], words[size:]
            sentences.append(" ".join(sentence).capitalize() + ".")
        return " ".join(sentences)

    def phone(self) -> str:
        area, exchange, line = (
            self.rng.randint(*span) for span in ((200, 989), (200, 999), (0, 9999))
        )
        return f"+1 {area}-{exchange}-{line:04d}"

    def form_number(self) -> str:
        suffix = self.rng.choice(["", "", "A", "B", "D"])
        return f"{self.rng.choice('IGNM')}-{self.rng.randint(100, 999)}{suffix}"

    def statute_code(self) -> str:
        return f"{self.rng.randint(100, 999)}({self.rng.choice('abcdefgh')})"


def acronym(title: str) -> str:
    return "".join(
        word[0] for word in title.split() if word.isalpha() and word.lower() not in SMALL_WORDS
    ).upper()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def schema_ref(folder: Path, name: str) -> str:
    return Path(os.path.relpath(SCHEMA_DIR / name, folder)).as_posix()


def resource(writer: Writer, rid: str, title: str, codes: list[str]) -> dict:
    """One entry: lengths from a real entry, words from the vocabulary, codes where drawn."""
    rng, real = writer.rng, writer.real
    source = {"url": f"https://example.org/resources/{rid}", "as_of": SOURCE_DATE}
    summary = writer.prose(writer.real_length([word_count(r["summary"]) for r in real]))
    facts = [
        writer.prose(writer.real_length([word_count(f["text"])]))
        for f in rng.choice(real).get("body", [])
    ]
    aliases = [" ".join(writer.words(word_count(alias))) for alias in rng.choice(real)["aliases"]]
    if 2 <= len(title.split()) <= 5:
        aliases.insert(0, acronym(title))
    contacts = []
    for code in codes:
        aliases.append(code)
        facts.append(
            f"{rng.choice(['Form', 'Section', 'See'])} {code} "
            f"{writer.prose(writer.real_length([8, 12, 20]))}"
        )
        if "(" in code:
            aliases += [
                code.replace("(", "").replace(")", ""),
                code.replace("(", " ").replace(")", ""),
            ]
    if rng.random() < 0.08:
        phone = writer.phone()
        contacts.append(
            {
                "label": f"{title} ({rng.choice(['24/7', 'office', 'hotline'])})",
                "phone": phone,
                "source": source,
            }
        )
        aliases.append("1-" + phone.split(" ")[1])
    data = {
        "id": rid,
        "title": title,
        "summary": summary,
        "body": [{"text": text, "source": source} for text in facts],
        "kind": rng.choice(real)["kind"],
        "aliases": list(dict.fromkeys(alias[:80] for alias in aliases)),
        "source": source,
        "contacts": contacts,
        "availability": rng.choice(real)["availability"],
    }
    return {key: value for key, value in data.items() if value != []}


def entries(writer: Writer, count: int) -> list[tuple[str, str, list[str]]]:
    """(id, title, codes) for each resource; ids unique."""
    rng, taken, out = writer.rng, set(), []
    for _ in range(count):
        codes = []
        if rng.random() < 0.10:
            codes.append(writer.form_number())
        if rng.random() < 0.05:
            codes.append(writer.statute_code())
        title = writer.title()
        if codes and rng.random() < 0.5:
            title = f"{title} {codes[0]}"
        base = slug(title) or "entry"
        rid, number = base, 1
        while rid in taken:
            number += 1
            rid = f"{base}-{number}"
        taken.add(rid)
        out.append((rid, title, codes))
    return out


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def generate(count: int, folder: Path, seed: int = 1) -> Path:
    """Write count synthetic resources, their sections and a site.json into folder (which must not
    exist)."""
    folder = Path(folder)
    (folder / "resources").mkdir(parents=True)
    (folder / "sections").mkdir()
    writer = Writer(seed)
    listed = entries(writer, count)
    ids = [rid for rid, _, _ in listed]
    for rid, title, codes in listed:
        data = {
            "$schema": schema_ref(folder / "resources", "resource.schema.json"),
            **resource(writer, rid, title, codes),
        }
        data["related"] = [
            other for other in writer.rng.sample(ids, min(5, count)) if other != rid
        ][: writer.rng.randint(0, 4)]
        write_json(
            folder / "resources" / f"{rid}.json",
            {key: value for key, value in data.items() if value != []},
        )
    section_ids = []
    section_count = max(3, count // 50)
    for number in range(section_count):
        title = writer.title() + " Resources"
        sid = f"{slug(title)}-{number + 1}"
        section_ids.append(sid)
        write_json(
            folder / "sections" / f"{sid}.json",
            {
                "$schema": schema_ref(folder / "sections", "section.schema.json"),
                "id": sid,
                "title": title,
                "resources": ids[number::section_count],
            },
        )
    site = json.loads((REAL_CONTENT / "site.json").read_text("utf-8"))
    write_json(
        folder / "site.json",
        {**site, "$schema": schema_ref(folder, "site.schema.json"), "sections": section_ids},
    )
    return folder


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
