"""Measure how story grouping scales on a flat folder of real articles from ../shared/eval.

Usage (from the project root): python benchmarks/grouping_scale.py [--eval DIR]

Builds, in a temporary folder and never in the repository, one flat folder holding every BASIL
article (50 events, three outlets each), every Multi-News passage and every PolNeAR text, each as a
Markdown file with front matter. Reads it back and groups it at three sizes:

- 0.5x: every other event of each collection (real articles),
- 1x:   the whole folder,
- 2x:   the whole folder plus a mirrored copy of it (every word spelt backwards), a second archive of
        the same shape that shares no vocabulary with the first.

For each size it prints documents, groups, compared pairs (after blocking), all pairs, seconds, and
how pairs and time grew from the previous size.

How the cost grows: each article posts only its ``keys`` most distinctive terms that at least one
other article shares, and a term posted by more than ``max_postings`` articles is skipped, so the
pairs generated are at most N * keys * max_postings / 2: linear in N once posting lists reach the
cap, against N * (N - 1) / 2 for comparing everything. Below the cap (small archives) pairs grow
faster than N, as the rare terms of one event collect more articles. Tokenising and weighting are
linear in the total text; average linkage works on the compared pairs only. Measured on this
machine: 0.5x -> 1x doubled the articles and tripled the pairs (all pairs x4.2); 1x -> 2x doubled
the articles and about doubled the pairs (x2.2, all pairs x4.0) and the time (x2.4).
"""
from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.stories.grouping import Doc, group_articles_with_stats

# A Multi-News passage header inside a cluster's context: "Passage 2:\n".
_PASSAGE = re.compile(r"Passage \d+:\n")
# A front matter line: 'title: "Senate overrides veto"' or "date: 2016-09-28".
_FIELD = re.compile(r'^(\w+): "?(.*?)"?$')
# A run of letters or digits, to spell backwards in the mirrored copy: "Niger" -> "regiN".
_WORD = re.compile(r"\w+")


def write_folder(eval_dir: Path, seeds: Path) -> dict[str, str]:
    """Write every article as seeds/<id>.md with front matter; return id -> event."""
    seeds.mkdir(parents=True)
    truth: dict[str, str] = {}

    def put(name: str, event: str, title: str, date: str | None, body: str) -> None:
        head = f'---\ntitle: "{title.replace(chr(34), chr(39))}"\n' + (f"date: {date}\n" if date else "")
        (seeds / f"{name}.md").write_text(head + "---\n\n" + body.strip() + "\n", encoding="utf-8")
        truth[name] = event

    for f in sorted((eval_dir / "basil" / "articles").glob("*/*.json")):
        a = json.loads(f.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in a["body-paragraphs"])
        put(f"basil_{f.stem}", "basil:" + a["triplet-uuid"], a["title"], a["date"], body)
    lines = (eval_dir / "multinews" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    for k, line in enumerate(lines):
        context = json.loads(line)["context"]
        passages = [p for p in _PASSAGE.split(context) if p.strip()]
        for n, passage in enumerate(passages):
            body = passage.replace(" NEWLINE_CHAR ", "\n").replace("NEWLINE_CHAR", "\n")
            put(f"multinews_{k:03d}_{n}", f"multinews:{k}", "", None, body)
    meta = {}
    rows = (eval_dir / "polnear-dev" / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    for row in rows[1:]:
        cells = row.split("\t")
        meta[cells[1]] = (cells[7], cells[5])
    for f in sorted((eval_dir / "polnear-dev" / "text").glob("*.txt")):
        title, date = meta.get(f.stem, ("", ""))
        put(f"polnear_{f.stem}", f"polnear:{f.stem}", title, date or None, f.read_text(encoding="utf-8"))
    return truth


def read_folder(seeds: Path) -> list[Doc]:
    """Read the folder back into Docs (front matter title and date, the rest as text)."""
    docs = []
    for f in sorted(seeds.glob("*.md")):
        _, head, body = f.read_text(encoding="utf-8").split("---\n", 2)
        fields = {m.group(1): m.group(2) for m in map(_FIELD.match, head.splitlines()) if m}
        docs.append(Doc(f.stem, fields.get("title", ""), body, fields.get("date")))
    return docs


def mirrored(doc: Doc) -> Doc:
    """Return a copy of ``doc`` with every word spelt backwards and a new id."""
    return Doc("mirror_" + doc.id, _flip(doc.title), _flip(doc.text), doc.date)


def _flip(text: str) -> str:
    return _WORD.sub(lambda m: m.group()[::-1], text)


def basil_f1(groups: tuple[tuple[str, ...], ...], truth: dict[str, str]) -> tuple[float, int]:
    """Return pairwise F1 over the BASIL articles and the number of groups mixing collections."""
    pred = {i: n for n, g in enumerate(groups) for i in g}
    keys = sorted(k for k in truth if k in pred and truth[k].startswith("basil:"))
    tp = fp = fn = 0
    for x, y in itertools.combinations(keys, 2):
        same_t, same_p = truth[x] == truth[y], pred[x] == pred[y]
        tp, fp, fn = tp + (same_t and same_p), fp + (same_p and not same_t), fn + (same_t and not same_p)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    mixed = sum(1 for g in groups if len({truth.get(i, "mirror").split(":")[0] for i in g}) > 1)
    return f1, mixed


def main() -> int:
    """Build the folder, group it at 0.5x, 1x and 2x, and print the cost at each size."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    args = ap.parse_args()
    if not (args.eval / "basil" / "articles").is_dir():
        print(f"no evaluation data at {args.eval}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        truth = write_folder(args.eval, Path(tmp) / "seeds")
        docs = read_folder(Path(tmp) / "seeds")
    events = sorted(set(truth.values()))
    half_events = set(events[::2])
    sizes = [
        ("0.5x", [d for d in docs if truth[d.id] in half_events]),
        ("1x", docs),
        ("2x", docs + [mirrored(d) for d in docs]),
    ]
    previous = None
    for label, subset in sizes:
        t0 = time.perf_counter()
        groups, stats = group_articles_with_stats(subset)
        seconds = time.perf_counter() - t0
        all_pairs = stats.docs * (stats.docs - 1) // 2
        f1, mixed = basil_f1(groups, truth)
        line = (
            f"{label}: {stats.docs} docs -> {stats.groups} groups; compared {stats.compared} pairs "
            f"of {all_pairs} ({100 * stats.compared / all_pairs:.2f}%); {seconds:.2f}s; "
            f"BASIL pairwise F1 {f1:.3f}; groups mixing collections {mixed}"
        )
        if previous:
            docs0, pairs0, secs0 = previous
            line += (
                f"; growth x{stats.docs / docs0:.2f} docs -> x{stats.compared / pairs0:.2f} compared pairs"
                f" (all pairs x{all_pairs / (docs0 * (docs0 - 1) // 2):.2f}), x{seconds / secs0:.2f} time"
            )
        print(line)
        previous = (stats.docs, stats.compared, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
