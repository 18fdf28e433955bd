#!/usr/bin/env python3
"""Measure the whole build and the site build on several hundred real articles loose in one folder.

Usage (from the project root, after `make site` made .venv):
    .venv/bin/python benchmarks/scale.py [--eval ../shared/eval] [--peer-python /tmp/evalenv/bin/python] [--repeat 1]

At run time, in a temporary folder (nothing from the evaluation data enters the repository), it
writes ONE flat seeds folder holding every BASIL article (front matter title/outlet/date/url, as
score_basil.py writes them), every Multi-News passage of the clusters score_multinews.py scores (as
plain .txt, as it extracts them) and every PolNeAR text (front matter from metadata.tsv, as
score_polnear.py writes them). The build has to group them into stories itself. Sizes:

- 0.5x: the articles of every other event of each collection,
- 1x:   the whole folder,
- 2x:   the whole folder plus a mirrored copy with new file names, in which every run of letters
        is spelt backwards keeping the case pattern ("Niger" -> "Regin"); digits, punctuation and
        dates stay, so the copy has the same shape (capitalised names, figures, quotes) and shares
        no vocabulary with the original: twice the stories, not bigger ones.

It prints, one figure a line:
1. the whole build at 1x (`python -m generator build` in a fresh interpreter, fresh output folder;
   with --repeat N, the fastest of N such builds, as other work on the machine only slows a build);
2. the same at 2x and the ratio 2x/1x;
3. the peak resident memory of each build (ru_maxrss of RUSAGE_CHILDREN, read in a small wrapper
   process around each build, so it is that build's largest process: the main one or one worker);
4. a second build at 1x with nothing changed (same output folder, cache present);
5. `mkdocs build --strict` time and site size (files, bytes) at 0.5x, 1x and 2x, per story too,
   with a temporary mkdocs.yml that inherits the project's (as tests/browser_util.py write_config);
   mkdocs has a fixed start-up cost, so linear growth is judged on the seconds each added story
   costs (0.5x -> 1x against 1x -> 2x), not on the seconds per story;
6. sumy's LexRank summarising the same Multi-News clusters (score_multinews.py's peer, with its
   offline tokenizer and the word budget of our summary of each cluster), run by the interpreter
   given with --peer-python, which must have sumy and nltk; 'skipped' when it has not.
The last line says PASS or FAIL against each target.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TARGET_BUILD_S = 30.0
TARGET_RATIO = 2.3
TARGET_PEAK_MIB = 2048.0
TARGET_UNCHANGED_S = 2.0
LINEAR_TOLERANCE = 1.3
"""mkdocs counts as linear when each story added from 1x to 2x costs at most this times one added from 0.5x to 1x."""

OUTLET = {"nyt": "The New York Times", "fox": "Fox News", "hpo": "HuffPost"}
"""BASIL's source codes, named as score_basil.py names them."""

# A Multi-News passage header inside a cluster's context: "Passage 2:\n".
_PASSAGE = re.compile(r"Passage \d+:\n")
# A run of letters (no digits or underscore), to spell backwards in the mirrored copy: "Niger" -> "Regin".
_LETTERS = re.compile(r"[^\W\d_]+")

# Run in a wrapper interpreter: build once, print the seconds and the build's peak memory as JSON.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "code": done.returncode, "stderr": done.stderr[-2000:]}))
"""

# Run by the peer interpreter: LexRank over each cluster as score_multinews.py runs it; print JSON timings.
_LEXRANK = r'''
import json, re, sys, time
SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
try:
    from nltk.tokenize import NLTKWordTokenizer
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words
except ImportError as exc:
    print(json.dumps({"skipped": str(exc)}))
    sys.exit(0)

def sentences(text):
    out = []
    for para in re.split(r"\n+", text):
        out += [s.strip() for s in SPLIT.split(para) if len(s.split()) >= 4]
    return out

def budget(sents, words):
    out, n = [], 0
    for s in sents:
        if n >= words:
            break
        out.append(s)
        n += len(s.split())
    return " ".join(" ".join(out).split()[:words])

class Offline(Tokenizer):
    def _get_sentence_tokenizer(self, language):
        return None
    def to_sentences(self, paragraph):
        return tuple(sentences(paragraph))
    def _get_word_tokenizer(self, language):
        return NLTKWordTokenizer()

clusters = json.load(open(sys.argv[1], encoding="utf-8"))
start = time.perf_counter()
words = 0
for arts, budget_words in clusters:
    doc = PlaintextParser.from_string("\n\n".join(arts), Offline("english")).document
    s = LexRankSummarizer(Stemmer("english"))
    s.stop_words = get_stop_words("english")
    words += len(budget([str(x) for x in s(doc, 40)], budget_words).split())
print(json.dumps({"seconds": time.perf_counter() - start, "clusters": len(clusters), "words": words}))
'''


def _front(title: str, outlet: str, date: str, url: str = "") -> str:
    title = title.replace('"', "'")
    url_line = f'url: "{url}"\n' if url else ""
    return f'---\ntitle: "{title}"\noutlet: "{outlet}"\ndate: {date}\n{url_line}---\n\n'


def multinews_clusters(eval_dir: Path) -> list[list[str]]:
    """Return each Multi-News record's substantive passages, as score_multinews.py extracts them (all records)."""
    clusters = []
    for line in (eval_dir / "multinews" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        ctx = json.loads(line)["context"].replace(" NEWLINE_CHAR ", "\n").replace("NEWLINE_CHAR", "\n")
        parts = [p.strip() for p in _PASSAGE.split(ctx) if p.strip()]
        clusters.append(
            [p for p in parts if len(p) >= 300 and "Alexa Internet" not in p and "Wayback Machine" not in p]
        )
    return clusters


def collect(eval_dir: Path) -> list[tuple[str, str, str]]:
    """Return (file name, event, file text) for every article, in a fixed order."""
    files: list[tuple[str, str, str]] = []
    for f in sorted((eval_dir / "basil" / "articles").glob("*/*.json")):
        a = json.loads(f.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in a["body-paragraphs"])
        outlet = OUTLET.get(a["source"].lower(), a["source"])
        text = _front(a["title"], outlet, a["date"], a["url"]) + body + "\n"
        files.append((f"{f.stem}.md", "basil:" + a["triplet-uuid"], text))
    for i, arts in enumerate(multinews_clusters(eval_dir)):
        if len(arts) < 2:
            continue  # score_multinews.py scores only clusters of two or more passages
        for j, art in enumerate(arts):
            files.append((f"mn{i:03d}-{j}.txt", f"multinews:{i}", art + "\n"))
    meta: dict[str, dict[str, str]] = {}
    rows = [r.split("\t") for r in (eval_dir / "polnear-dev" / "metadata.tsv").read_text(encoding="utf-8").splitlines()]
    for r in rows[1:]:
        if len(r) == len(rows[0]):
            meta[r[rows[0].index("filename")]] = dict(zip(rows[0], r))
    for f in sorted((eval_dir / "polnear-dev" / "text").glob("*.txt")):
        m = meta.get(f.stem, {})
        text = _front(m.get("title", f.stem), m.get("publisher", ""), m.get("publication_date", ""))
        files.append((f"{f.stem}.md", f"polnear:{f.stem}", text + f.read_text(encoding="utf-8")))
    return files


def _flip(text: str) -> str:
    """Spell every run of letters backwards, keeping the case of each position: "Niger" -> "Regin"."""

    def flip(m: re.Match[str]) -> str:
        word = m.group()
        return "".join(c.upper() if o.isupper() else c.lower() for c, o in zip(word[::-1], word))

    return _LETTERS.sub(flip, text)


def sized(named: list[tuple[str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    """The (file name, text) lists of each size: 0.5x (the articles of every other event), 1x (all of
    them) and 2x (all of them plus their mirrored copies)."""
    events = sorted({event for _, event, _ in named})
    half_events = set(events[::2])
    full = [(name, text) for name, _, text in named]
    return {
        "0.5x": [(name, text) for name, event, text in named if event in half_events],
        "1x": full,
        "2x": full + [mirrored(name, text) for name, text in full],
    }


def mirrored(name: str, text: str) -> tuple[str, str]:
    """Return a copy of one seed file with a new name; body and title spelt backwards, other front matter kept."""
    head, body = "", text
    if text.startswith("---\n"):
        _, fields, body = text.split("---\n", 2)
        lines = [_flip(l) if l.startswith("title: ") else l for l in fields.splitlines()]
        head = "---\n" + "\n".join(lines) + "\n---\n"
    return f"mirror-{name}", head + _flip(body)


def write_seeds(folder: Path, files: list[tuple[str, str]]) -> None:
    """Write the files loose into ``folder``."""
    folder.mkdir(parents=True)
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")


def run_build(seeds: Path, out: Path) -> tuple[float, float]:
    """Build in a fresh interpreter (under a wrapper that reads its peak memory); return (seconds, peak MiB)."""
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--out", str(out)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    if report["code"] != 0:
        raise SystemExit(f"build failed: {report['stderr'].strip().splitlines()[-3:]}")
    return report["seconds"], report["peak_mib"]


def stories_in(out: Path) -> int:
    """Return the number of stories the build wrote (one digest.json each)."""
    return sum(1 for _ in out.rglob("digest.json"))


def run_mkdocs(folder: Path) -> tuple[float, int, int]:
    """Build ``folder/content`` with `mkdocs build --strict`; return (seconds, site files, site bytes)."""
    config = folder / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {json.dumps(str(ROOT / 'mkdocs.yml'))}\ndocs_dir: content\nsite_dir: site\nhooks: []\nwatch: []\n",
        encoding="utf-8",
    )
    mkdocs = Path(sys.executable).parent / "mkdocs"
    start = time.perf_counter()
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "--config-file", str(config)],
        cwd=folder, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed: {result.stderr.strip().splitlines()[-3:]}")
    files = [p for p in (folder / "site").rglob("*") if p.is_file()]
    return seconds, len(files), sum(p.stat().st_size for p in files)


def summary_budgets(out: Path) -> dict[str, int]:
    """Return multinews cluster key ("mn007") -> words of our summary of the story holding most of its passages."""
    best: dict[str, tuple[int, int]] = {}
    for path in sorted(out.rglob("digest.json")):
        digest = json.loads(path.read_text(encoding="utf-8"))
        words = len(" ".join(s.get("text", "") for s in digest.get("summary", [])).split())
        keys = [s["id"].rsplit("-", 1)[0] for s in digest.get("sources", []) if s["id"].startswith("mn")]
        for k in sorted(set(keys)):
            if keys.count(k) > best.get(k, (0, 0))[0]:
                best[k] = (keys.count(k), words)
    return {k: max(words, 1) for k, (_, words) in best.items()}


def run_lexrank(peer: Path, clusters: list[tuple[list[str], int]], tmp: Path) -> dict | None:
    """Summarise every cluster with sumy's LexRank in ``peer``; return its timings, or None when it cannot run."""
    if not peer.exists():
        return None
    data = tmp / "clusters.json"
    data.write_text(json.dumps(clusters), encoding="utf-8")
    result = subprocess.run([str(peer), "-c", _LEXRANK, str(data)], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    report = json.loads(result.stdout)
    return None if "skipped" in report else report


def main() -> int:
    """Write the folders, build and measure them, print one figure a line and the verdict."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--peer-python", type=Path, default=Path("/tmp/evalenv/bin/python"))
    ap.add_argument("--repeat", type=int, default=1, help="builds per size, each in a fresh folder; the fastest counts")
    args = ap.parse_args()
    if not (args.eval / "basil" / "articles").is_dir():
        print(f"no evaluation data at {args.eval}")
        return 1
    sizes = sized(collect(args.eval))
    verdict: dict[str, bool] = {}
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp_name:
        tmp = Path(tmp_name)
        built: dict[str, tuple[float, float, int]] = {}
        for label, files in sizes.items():  # smallest first, so 1x is not the first interpreter to start
            write_seeds(tmp / label / "seeds", files)
            runs = [run_build(tmp / label / "seeds", tmp / label / f"content{n}") for n in range(args.repeat)]
            for n in range(1, args.repeat):  # keep one output folder (and its cache) for the later steps
                shutil.rmtree(tmp / label / f"content{n}")
                shutil.rmtree(tmp / label / f".content{n}.cache", ignore_errors=True)
            (tmp / label / "content0").rename(tmp / label / "content")
            (tmp / label / ".content0.cache").rename(tmp / label / ".content.cache")
            seconds, peak = min(t for t, _ in runs), max(m for _, m in runs)
            built[label] = (seconds, peak, stories_in(tmp / label / "content"))
            print(f"build {label}: {len(files)} articles loose in one folder -> {built[label][2]} stories "
                  f"in {seconds:.1f} s ({len(files) / seconds:.1f} articles/s)")
        for label, (_, peak, _) in built.items():
            print(f"peak memory of the build process {label}: {peak:.0f} MiB")
        ratio = built["2x"][0] / built["1x"][0]
        print(f"build time ratio 2x/1x: {ratio:.2f} (articles x{len(sizes['2x']) / len(sizes['1x']):.2f}, "
              f"stories x{built['2x'][2] / built['1x'][2]:.2f})")
        # The output folder was renamed above, so the first build into it finds the cached digests
        # but not the record of the last build there; the second finds both.
        moved, _ = run_build(tmp / "1x" / "seeds", tmp / "1x" / "content")
        print(f"build at 1x into a moved output folder (digests from the cache, pages rendered): {moved:.2f} s")
        unchanged, _ = run_build(tmp / "1x" / "seeds", tmp / "1x" / "content")
        print(f"second build at 1x with no change (nothing to read or render): {unchanged:.2f} s")
        verdict[f"build 1x < {TARGET_BUILD_S:.0f} s"] = built["1x"][0] < TARGET_BUILD_S
        verdict[f"ratio 2x/1x <= {TARGET_RATIO}"] = ratio <= TARGET_RATIO
        verdict["peak memory < 2 GB"] = max(p for _, p, _ in built.values()) < TARGET_PEAK_MIB
        verdict[f"unchanged rebuild < {TARGET_UNCHANGED_S:.0f} s"] = unchanged < TARGET_UNCHANGED_S

        per_story: dict[str, float] = {}
        site: dict[str, tuple[float, int, int]] = {}
        for label in sizes:
            seconds, files, size = site[label] = run_mkdocs(tmp / label)
            n = built[label][2]
            per_story[label] = seconds / n
            print(f"mkdocs build --strict {label}: {seconds:.1f} s, site {files} files, {size / 2**20:.1f} MiB "
                  f"for {n} stories; per story {1000 * seconds / n:.0f} ms, {files / n:.2f} files, {size / n / 1024:.0f} KiB")
        lower = (site["1x"][0] - site["0.5x"][0]) / (built["1x"][2] - built["0.5x"][2])
        upper = (site["2x"][0] - site["1x"][0]) / (built["2x"][2] - built["1x"][2])
        linear = upper <= LINEAR_TOLERANCE * lower
        print(f"mkdocs seconds per story 2x/0.5x: {per_story['2x'] / per_story['0.5x']:.2f}; added seconds per added "
              f"story 0.5x->1x {1000 * lower:.0f} ms, 1x->2x {1000 * upper:.0f} ms, ratio {upper / lower:.2f} "
              f"({'linear' if linear else 'faster than linear'} within x{LINEAR_TOLERANCE})")
        verdict["mkdocs linear in stories"] = linear

        budgets = summary_budgets(tmp / "1x" / "content")
        clusters = [(arts, budgets.get(f"mn{i:03d}", 100)) for i, arts in enumerate(multinews_clusters(args.eval))
                    if len(arts) >= 2]
        peer = run_lexrank(args.peer_python, clusters, tmp)
        if peer is None:
            print(f"LexRank peer: skipped (no sumy/nltk in {args.peer_python})")
        else:
            # The same clusters through our whole build (one story folder each, as score_multinews.py
            # writes them): reading, comparison, summary, figures, quotes, timeline and every page.
            same = tmp / "multinews" / "seeds"
            for i, (arts, _budget) in enumerate(clusters):
                (same / f"mn{i:03d}").mkdir(parents=True)
                for j, text in enumerate(arts):
                    (same / f"mn{i:03d}" / f"mn{i:03d}-{j}.txt").write_text(text + "\n", encoding="utf-8")
            ours, _ = run_build(same, tmp / "multinews" / "content")
            faster = ours < peer["seconds"]
            print(f"LexRank (sumy) summaries of the {peer['clusters']} Multi-News clusters alone: {peer['seconds']:.1f} s "
                  f"(imports excluded); our whole build of the same clusters: {ours:.1f} s (with imports): "
                  f"{'less' if faster else 'more'} time than LexRank")
            verdict["whole build faster than LexRank alone"] = faster
    print("targets: " + "; ".join(f"{name} {'PASS' if ok else 'FAIL'}" for name, ok in verdict.items()))
    return 0 if all(verdict.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
