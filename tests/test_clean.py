from __future__ import annotations

import pytest

from generator.prepare.clean import clean_text, is_boilerplate

from .casefile import CASES, load_fixtures


@pytest.mark.parametrize(
    ("name", "given", "expected"),
    [case for name in ("boilerplate", "lines", "paragraph_lines") for case in load_fixtures(CASES / f"clean/{name}.txt")],
)
def test_clean(name: str, given: str, expected: list[str]) -> None:
    cleaned = clean_text(given, title="A title that appears nowhere")
    assert list(cleaned.paragraphs) == expected


def test_everything_removed_is_kept() -> None:
    text = "Story text here.\nLeave a Reply\nFollow us on Telegram"
    cleaned = clean_text(text, title="x")
    assert cleaned.removed == ("Leave a Reply", "Follow us on Telegram")


def test_a_promo_block_is_kept_in_removed() -> None:
    text = "Police closed the road.\nDON'T MISS\nChina furious at Macron [INSIGHT]\nNBA makes final decision [VIDEO]\n"
    text += "Traffic resumed at noon.\nRelated: Floods hit the north"
    cleaned = clean_text(text, title="x")
    assert cleaned.paragraphs == ("Police closed the road.", "Traffic resumed at noon.")
    assert cleaned.removed == (
        "DON'T MISS", "China furious at Macron [INSIGHT]", "NBA makes final decision [VIDEO]",
        "Related: Floods hit the north",
    )


def test_repeated_headline_becomes_title_and_leaves_the_body() -> None:
    text = "Dam Bursts Near City\n\nDam Bursts Near City\n\nWater flooded the valley on Monday."
    cleaned = clean_text(text)
    assert cleaned.title == "Dam Bursts Near City"
    assert cleaned.paragraphs == ("Water flooded the valley on Monday.",)
    assert cleaned.removed == ("Dam Bursts Near City", "Dam Bursts Near City")


def test_a_title_the_body_breaks_over_lines_leaves_the_body() -> None:
    # A headline and its deck, which the title joins: the deck is no sentence of the story
    # ("Talk compared to “working the referees”" would read as someone's report).
    title = "Mayor questions the budget vote; Talk compared to 'moving the goalposts' by rivals"
    text = f"{title.split('; ')[0]};\nTalk compared to 'moving the goalposts' by rivals.\n\nThe council met on Monday."
    cleaned = clean_text(text, title=title)
    assert cleaned.paragraphs == ("The council met on Monday.",)
    assert cleaned.removed == ("Mayor questions the budget vote;", "Talk compared to 'moving the goalposts' by rivals.")


def test_first_sentence_is_not_taken_for_a_headline() -> None:
    cleaned = clean_text("Water flooded the valley on Monday.\n\nResidents fled.")
    assert cleaned.title is None


@pytest.mark.parametrize(
    "line",
    [
        "Email: desk@paper.example  Tel: +1 555 010 2030", "WhatsApp +256700000000", "Read more: Floods hit the north",
        "DON'T MISS", "Most read in World", "You may also like:", "Related: The 15 Weirdest Galaxies in Our Universe",
        "[Related: Salesforce Dreamforce Keynote]",
    ],
)
def test_contact_and_teaser_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "He said the e-mail from the ministry arrived on Friday.", "Police asked witnesses to call 999.",
        "Related charges were filed on Friday.", "More on Tuesday: the minister will speak to parliament.",
    ],
)
def test_news_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)
