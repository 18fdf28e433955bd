"""Outlet names: front matter first, then seeds/sources.yml, never invented."""
from __future__ import annotations

from pathlib import Path

from generator.build import build


def test_sources_yml_names_outlets_and_labels_but_front_matter_wins(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    story = seeds / "floods"
    story.mkdir(parents=True)
    body = "The river rose two metres overnight and the town hall was closed by the mayor on Monday.\n"
    (story / "wire-1.txt").write_text(body, encoding="utf-8")
    (story / "paper.md").write_text(
        "---\noutlet: The Daily Example\nurl: https://news.example.org/floods\n---\n\nFloods closed roads across the region.\n",
        encoding="utf-8",
    )
    (story / "blog.txt").write_text("A local blogger described the damage to the old bridge.\n", encoding="utf-8")
    (seeds / "sources.yml").write_text(
        "- file: 'wire-*'\n  outlet: Example Wire\n  labels: {country: UK}\n"
        "- url: 'https://news.example.org/*'\n  outlet: Not Used\n  labels: {ownership: private}\n"
        "- outlet: Broken entry without a pattern\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    report = build(seeds, tmp_path / "out", warn=warnings.append)
    sources = {s.id: s for s in report.digests[0].sources}
    assert (sources["wire-1"].outlet, dict(sources["wire-1"].labels)) == ("Example Wire", {"country": "UK"})
    assert (sources["paper"].outlet, dict(sources["paper"].labels)) == ("The Daily Example", {"ownership": "private"})
    assert sources["blog"].outlet is None
    assert warnings == ["warning: seeds/sources.yml: entry 3 needs a 'file' or 'url' pattern: ignored"]
    page = (tmp_path / "out" / report.digests[0].story.slug / "sources" / "wire-1.md").read_text(encoding="utf-8")
    assert "**Example Wire** · country: UK" in page
