"""Say what the story's newest sources added, and set the outlets' headlines side by side.

Both are functions of the seeds alone (the sources' dates and titles), so the same seeds give the
same pages: "new" means new against the story's earlier dates, not against an earlier build.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..english.text import content_words, words_only_here
from ..model import Claim, Figure, FigureMention, Headline, Source, Update


def latest_update(sources: Sequence[Source], claims: Sequence[Claim], figures: Sequence[Figure]) -> Update | None:
    """Find the sources of the latest date and the claims and figures only they bring, if any earlier date exists."""
    dates = sorted({s.date for s in sources if s.date})
    if len(dates) < 2:
        return None
    latest, previous = dates[-1], dates[-2]
    new = tuple(s.id for s in sources if s.date == latest)
    fresh = set(new)
    new_claims = tuple(c.id for c in claims if set(c.sources) <= fresh)
    new_figures = []
    for figure in figures:
        earlier = {_value(m) for m in figure.mentions if m.source not in fresh}
        if any(m.source in fresh and _value(m) not in earlier for m in figure.mentions):
            new_figures.append(figure.id)
    return Update(date=latest, previous=previous, sources=new, claims=new_claims, figures=tuple(new_figures))


def _value(mention: FigureMention) -> tuple[float | None, float | None, float | None]:
    return (mention.value, mention.value_min, mention.value_max)


def compare_headlines(sources: Sequence[Source]) -> tuple[Headline, ...]:
    """Give each source's headline with the words that no other headline uses."""
    own = {s.id: set(content_words(s.title)) for s in sources}
    headlines = []
    for source in sources:
        others = set().union(*(words for sid, words in own.items() if sid != source.id))
        headlines.append(Headline(source=source.id, text=source.title, distinct=words_only_here(source.title, others)))
    return tuple(headlines)
