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
    assert "<strong>Example Wire</strong> · country: UK" in page  # the details line (HTML)


PAGE = """<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>
<p>The river at Riverton rose {metres} metres overnight and the town hall was closed by the mayor on Monday.</p>
<p>Rescue teams moved 1,200 people to the sports hall, officials said, and the main bridge was closed.</p>
<p>"We have never seen water like this," the mayor said on Tuesday as the rain went on.</p>
</article></body></html>"""


def test_outlet_names_come_from_what_each_file_states_and_the_user_wins(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    story = seeds / "floods"
    story.mkdir(parents=True)
    meta = '<meta property="og:site_name" content="Riverton Gazette"><link rel="canonical" href="https://gazette.example.com/floods">'
    (story / "gazette.html").write_text(PAGE.format(title="Floods close the bridge", meta=meta, metres="two"), encoding="utf-8")
    bare = '<link rel="canonical" href="https://www.localnews.example.org/2024/floods">'
    (story / "local.html").write_text(PAGE.format(title="River rises", meta=bare, metres="three"), encoding="utf-8")
    (story / "wire.txt").write_text("RIVERTON (Reuters) - The river rose two metres overnight, officials said on Monday.\n", encoding="utf-8")
    (story / "own.md").write_text("---\noutlet: My Newsletter\n---\n\nRIVERTON (AP) - The river rose two metres overnight.\n", encoding="utf-8")
    (story / "overridden.html").write_text(PAGE.format(title="Flood", meta=meta.replace("gazette", "herald"), metres="four"), encoding="utf-8")
    (seeds / "sources.yml").write_text(
        "- file: 'overridden.html'\n  outlet: The Herald (print edition)\n- file: 'own.md'\n  outlet: Not Used\n",
        encoding="utf-8",
    )
    report = build(seeds, tmp_path / "out", warn=lambda line: None)
    named = {s.id: (s.outlet, s.outlet_basis) for s in report.digests[0].sources}
    assert named == {
        "gazette": ("Riverton Gazette", "page"),
        "local": ("localnews.example.org", "address"),
        "wire": ("Reuters", "dateline"),
        "own": ("My Newsletter", "front matter"),
        "overridden": ("The Herald (print edition)", "sources.yml"),
    }
    overview = (tmp_path / "out" / report.digests[0].story.slug / "index.md").read_text(encoding="utf-8")
    assert ">Riverton Gazette</a></td>" in overview and ">Reuters</a></td>" in overview  # the sources table (HTML)
