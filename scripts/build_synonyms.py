#!/usr/bin/env python3
"""Make generator/english/data/synsets-oewn.tsv.gz from Open English WordNet: which senses each English word form has.

Usage (from the project root):
    git clone https://github.com/globalwordnet/english-wordnet /tmp/english-wordnet
    .venv/bin/python scripts/build_synonyms.py /tmp/english-wordnet

It reads the YAML source of the wordnet (src/yaml/entries-*.yaml) and writes one line per word form of
a one-word noun or verb: the form, a tab, and the numbers of the synsets (sets of synonyms) its lemma
belongs to, in the wordnet's sense order. A verb's forms are its lemma and its inflections
(``generator.english.lexicon.inflections``, regular spellings), a noun's its lemma and plural, and
each the irregular forms the wordnet lists ("find": "found"); a form two lemmas share ("found": to
found, to find) gets both lemmas' synsets. Synset ids become small numbers (their order in the sorted
ids), so that the file is small; gzip without a time stamp: the same wordnet gives the same bytes.
"""
from __future__ import annotations

import gzip
import io
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.english.lexicon import inflections  # noqa: E402

OUT = ROOT / "generator" / "english" / "data" / "synsets-oewn.tsv.gz"
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "sh", "ch", "x", "z")) else "s")


def main() -> int:
    source = Path(sys.argv[1]) / "src" / "yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    senses: dict[str, list[str]] = {}
    for path in sorted(source.glob("entries-*.yaml")):
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        for lemma, by_pos in entries.items():
            if not isinstance(lemma, str) or not _WORD.fullmatch(lemma):
                continue  # capitalised names, several words, digits: not what sentences reword
            for pos, entry in by_pos.items():
                if pos not in ("n", "v"):
                    continue
                synsets = [s["synset"] for s in entry.get("sense", ())]
                forms = {lemma, plural(lemma)} if pos == "n" else {f for fs in inflections(lemma).values() for f in fs}
                forms |= {f for f in entry.get("form", ()) if isinstance(f, str) and _WORD.fullmatch(f)}  # "found", "saw"
                for form in sorted(forms):
                    known = senses.setdefault(form, [])
                    known.extend(s for s in synsets if s not in known)
    number = {s: k for k, s in enumerate(sorted({s for ids in senses.values() for s in ids}))}
    text = io.StringIO()
    for form in sorted(senses):
        text.write(form + "\t" + " ".join(format(number[s], "x") for s in senses[form]) + "\n")
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(text.getvalue().encode("utf-8"))
    commit = subprocess.run(["git", "-C", sys.argv[1], "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"{OUT}: {len(senses):,} forms, {len(number):,} synsets, {OUT.stat().st_size:,} bytes; wordnet commit {commit or '?'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
