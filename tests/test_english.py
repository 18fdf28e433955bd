"""The language layer: one answer to each question about English, asked by every stage."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.english.boundaries import (
    abbreviation, continues, lines_are_paragraphs, name_goes_on, period_ends_sentence,
)
from generator.english.lexicon import CALENDAR_WORDS, MONTHS, SHORT_TITLES
from generator.english.text import STOP_WORDS, capitalised_forms, content_words, fold, key, stem, time_relation
from generator.prepare.sentences import split_paragraph
from generator.english.speakers import subject_after

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


@pytest.mark.parametrize(("word", "kind"), [
    ("Sen", "title"), ("Brig", "title"), ("Jr", "title"), ("U.S", "place"), ("N.C", "place"), ("F", "initial"),
    ("G.K", "initial"), ("etc", "may end"), ("p.m", "may end"), ("No", "other"), ("Sept", "other"), ("Niamey", None),
])
def test_what_a_word_before_a_period_abbreviates(word: str, kind: str | None) -> None:
    assert abbreviation(word) == kind


def test_a_period_ends_a_sentence_unless_an_abbreviation_holds_it() -> None:
    assert period_ends_sentence("Niamey", " The junta")
    assert not period_ends_sentence("Gen", " Michael Langley said")
    assert period_ends_sentence("U.S", " The next day") and not period_ends_sentence("U.S", " Army officers")


def test_the_splitter_and_the_speaker_parser_read_one_table() -> None:
    # "Brig." was a title to the speaker parser and a sentence end to the splitter; both now read SHORT_TITLES.
    assert split_paragraph("The order came from Brig. Gen. Salifou Mody. He spoke on Monday.") == [
        "The order came from Brig. Gen. Salifou Mody.", "He spoke on Monday."]
    subject = subject_after("said Brig. Gen. Salifou Mody, the minister", len("said"), 60)
    assert subject is not None and subject.text.endswith("Salifou Mody")
    assert name_goes_on("Brig") and not name_goes_on("U.S") and not name_goes_on("etc")


def test_a_line_is_cut_when_it_does_not_end_a_sentence_and_goes_on() -> None:
    assert continues("Washington acknowledged “candid discussions regarding our", "concerns” about the junta.")
    assert continues("It was issued after talks with the", "President of the Republic.")
    assert not continues("The junta ended the agreement.", "the next day, it said more.")
    assert not continues("Niger and the United States", "The agreement")  # a short heading


def test_a_long_unfinished_line_is_cut_only_in_wrapped_text() -> None:
    credit = "“The market will read this as a signal that the bank is far from done.” ― Ayodeji Ebo, Optimus"
    assert continues(credit, "The naira firmed.")
    assert not continues(credit, "The naira firmed.", wrapped=False)
    # What says a line goes on holds in any text: a lower-case start, a last word no sentence ends on.
    assert continues("Editor’s note: the story was updated with", "Senators Collins and Murphy.", wrapped=False)
    assert continues("The bank raised its rate", "on Tuesday.", wrapped=False)


def test_a_text_puts_one_paragraph_a_line_when_its_line_breaks_follow_whole_paragraphs() -> None:
    assert lines_are_paragraphs(["The minister spoke.", "“We will stay,” she said.", "Talks resume on Monday."])
    wrapped = [
        "The Nigerian central bank raised its main interest rate by 50 basis",
        "points on Tuesday, its fourth increase this year, citing inflation",
        "that has stayed above 30 percent since January.",
        "",
        "The committee voted eight to three for the increase, according to a",
        "statement read to reporters in Abuja by the bank's acting spokesman",
        "Hakama Sidi Ali.",
    ]
    assert not lines_are_paragraphs(wrapped)
    # Lines longer than print, or short ones, are paragraphs even when they end without a period.
    assert lines_are_paragraphs(["x" * 120 + " ― Sonya Herridge", "y" * 150 + " ― Pamela Padilla", "Stop lying", "z"])
    # Paragraphs apart by blank lines (Markdown, web pages) leave nothing to decide: mended as before.
    assert not lines_are_paragraphs(["One paragraph.", "", "Another paragraph."])


def test_one_stop_list_of_function_words_reporting_verbs_and_courtesy_titles() -> None:
    assert {"the", "whom", "despite", "said", "according", "mr"} <= STOP_WORDS
    assert content_words("Mr. Miller said the troops were terminating the agreement") == (
        "miller", "troop", "terminat", "agreement")


def test_stems_fold_plurals_and_verb_forms_and_keep_four_letters() -> None:
    assert [stem(w) for w in ("parties", "troops", "terminated", "terminating", "ended", "news")] == [
        "party", "troop", "terminat", "terminat", "ended", "news"]


def test_fold_and_key() -> None:
    assert fold("Bazoum’s Élysée") == "bazoum's elysee"
    assert key("U.S.-led “coalition”") == "u s led coalition"


def test_a_span_of_time_is_a_point_in_time_when_ago_or_later_ends_or_follows_it() -> None:
    text = "A year ago, Blinken visited. Four months later, the army took power during a three-day visit."
    assert time_relation(text, 0, len("A year ago")) == "ago"
    at = text.index("Four months")
    assert time_relation(text, at, at + len("Four months")) == "later"
    at = text.index("three-day")
    assert time_relation(text, at, at + len("three-day")) is None


def test_months_are_named_only_in_the_lexicon() -> None:
    # One table of months: a stage that spells them out again would drift from it.
    spelled = re.compile(r"january\W+february|\bjan\W+feb\b", re.IGNORECASE)
    offenders = [p.relative_to(GENERATOR).as_posix() for p in GENERATOR.rglob("*.py")
                 if p.name != "lexicon.py" and spelled.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    assert MONTHS["march"] == 3 and "march" in CALENDAR_WORDS and SHORT_TITLES["sen"] == "senator"


def test_figures_cut_clauses_where_the_splitter_ends_sentences() -> None:
    # Figures had their own list of abbreviations ("Sept." was not in it): one answer now.
    from generator.figures.extract import _clauses

    assert _clauses("Two years ago on Sept. 12 the junta expelled Gov. Smith. He left") == [
        "Two years ago on Sept. 12 the junta expelled Gov. Smith", "He left"]


def test_the_shipped_tagger_reads_a_reporting_clause() -> None:
    from generator.english.tagger import tag

    tagged = [(t.text, t.tag) for t in tag("A chorus of prominent Republicans has said the same.")]
    assert tagged[:2] == [("A", "DT"), ("chorus", "NN")]
    assert ("said", "VBN") in tagged and tagged[-1] == (".", ".")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In the past, Niger's military had closely collaborated with the United States.", True),
    ("Niger's military had in the past worked closely with the United States.", True),
    ("He had long been a critic of the government.", True),
    ("Police said the man had shot his wife.", False),  # the main verb is "said"
    ("The United States had about 1,000 troops in Niger.", False),  # "had" is the verb, not an auxiliary
    ("The deal, which had been expected for a year, gives the company new technology.", False),  # a relative clause
    ("After the junta had seized power, it ended the agreement.", False),  # an opening clause
    ("She had just parked her car when she was hit by a truck.", False),  # "just": the moment itself
    ("Niger's junta has ended a military agreement with the United States.", False),
])
def test_a_sentence_is_in_the_past_perfect_when_its_main_verb_is(sentence: str, expected: bool) -> None:
    from generator.english.clauses import past_perfect

    assert past_perfect(sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Niger moves closer to the Kremlin", True),
    ("The West African countries are seen to be forging closer ties with Russia.", True),
    ("The United States has about 1,000 troops in Niger.", True),  # "has" is the verb
    ("The government has so far refused to set a date for elections.", True),  # a perfect brought up to now
    ("The junta has still not named a date.", True),
    ("Niger, along with Mali and Burkina Faso — which are also led by juntas — is growing closer to Russia.", True),
    ("The junta has sought cooperation with Russia.", False),  # a perfect: from some time before up to now
    ("There have been limited movements since the coup.", False),
    ("Officials say the man was arrested.", False),  # a report's time is not what it reports
    ("France, which is the former colonial power, withdrew its troops in December.", False),  # a relative clause
    ("While the junta is in power, France withdrew its troops.", False),  # an opening clause
    ("The junta has, since the coup, expelled French troops.", False),  # an aside inside the perfect
    ("At present, the United States maintains around 1,000 troops in Niger, stationed at a drone base.", True),
    ("Niger continues to move closer to Russia.", True),  # verbs of saying that report nothing here
    ("Officials say that the man was arrested.", False),
    ("Niger will expel the troops.", False),  # a modal
    ("French troops were kicked out in December.", False),
])
def test_a_sentence_tells_of_the_present_when_its_main_verb_is_in_it(sentence: str, expected: bool) -> None:
    from generator.english.clauses import tells_of_the_present

    assert tells_of_the_present(sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The declaration came just a day after a senior US delegation left Niger.", True),
    ("This decision was made just one day after a high-ranking US delegation departed Niger.", True),
    ("This latest announcement by the junta, in power since last July, comes as it moves closer to Russia.", True),
    ("Trump’s statement comes a day after the Senate failed to pass his proposal.", True),
    ("It came after an acrimonious week of tit-for-tat politics.", True),
    ("The junta's decision came a day after the envoy's visit.", True),  # a possessive before the noun
    ("The State Department's announcement follows a visit by the envoy.", True),
    ("Their decision came before the 2020 election.", False),  # not told as news's nearness
    ("The agreement came into force in 2012.", False),  # not "after" or "as" anything
    ("The move comes two years after the coup.", False),  # years after: maybe a decision of the background
    ("“It came after frank discussions,” Miller said.", False),  # someone's words
    ("He came after her with a knife.", False),
])
def test_a_sentence_that_tells_when_the_news_came(sentence: str, expected: bool) -> None:
    from generator.english.clauses import tells_when_the_news_came

    assert tells_when_the_news_came(sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Phee said in an interview with The Washington Post last month that she had emphasized elections.", "Phee"),
    ("Aitan Goelman, Strzok’s attorney, said in a statement that Strzok was fired late Friday.", "Aitan Goelman"),
    ("Rep. Mo Brooks (R-Ala.) told reporters that he used his belt as a tourniquet.", "Rep. Mo Brooks"),
    ("Singh told reporters on Monday that the talks had been frank.", "Singh"),
    ("Singh said Monday in a statement that the talks had been frank.", "Singh"),
    ("Hodgkinson was a member of the YMCA, Rucker said in a statement.", "Rucker"),  # a credit closing the sentence
    ("Phee said the man was arrested.", None),  # no occasion: the arrest is what it tells of
    ("The deputies reviewed the talking points at a meeting the next day, Mr. Rhodes said.", None),  # the meeting is not the saying's
    ("Prosecutors said Jones told the committee that he had lied.", None),  # a later clause's verb
    ("Jones was fired after Smith told the committee that he had lied.", None),  # a subject inside the sentence
    ("Singh said in the wake of the statement that it was over.", None),
])
def test_words_said_at_an_occasion_name_their_speaker(sentence: str, expected: str | None) -> None:
    from generator.english.speakers import speaker_at_occasion

    subject = speaker_at_occasion(sentence)
    assert (subject.text if subject is not None else None) == expected


@pytest.mark.parametrize(("sentence", "date", "expected"), [
    ("Due to the coup that took place in July 2023, Washington has reduced its assistance.", "in July 2023", True),
    ("The State Department, which did not declare the takeover until October, reduced U.S. aid.", "until October", True),
    ("Movements have been limited since the July 2023 coup.", "since the July 2023", True),  # before a noun
    ("The junta that came to power in a July 26 coup condemned the agreement on Saturday.", "July 26", True),
    ("The junta that came to power in a July 26 coup condemned the agreement on Saturday.", "on Saturday", False),
    ("Niger's government announced that it was breaking off its agreement on Saturday.", "on Saturday", False),
    ("On Saturday, the junta that seized power ended the agreement.", "On Saturday", False),
    ("The emails describe the Sept. 11, 2012, attack on the outpost.", "Sept. 11, 2012", True),  # a comma, then the noun
    ("The junta ended the agreement on Saturday, officials said.", "on Saturday", False),  # a comma, then no noun
    ("This week, officials said the talks had failed.", "This week", False),  # no year before the comma
])
def test_a_date_in_a_relative_clause_or_before_a_noun_dates_the_noun(sentence: str, date: str, expected: bool) -> None:
    from generator.english.clauses import dates_a_noun
    from generator.english.dates import find_expressions

    (found,) = [e for e in find_expressions(sentence) if e.text == date]  # the words as the comparison reads them
    assert dates_a_noun(sentence, found.start, found.start + len(found.text)) is expected


@pytest.mark.parametrize(("sentence", "date", "expected"), [
    ("Following the coup last year, the United States largely suspended military aid to Niger.", "last year", True),
    ("After his resignation on Friday, Mr. Farenthold deleted his Twitter account.", "on Friday", True),
    ("Since the takeover in July, relations with the junta have soured.", "in July", True),
    ("It was their first meeting since a combative session last month.", "last month", True),
    ("After the end of the talks on Tuesday, the minister flew home.", "on Tuesday", True),  # the phrase's head first
    ("He was attorney general from 1983 until his resignation in 1989.", "in 1989", True),
    ("After the vote, the junta ended the agreement on Saturday.", "on Saturday", False),  # a verb's object
    ("After the vote the junta said on Saturday that it was over.", "on Saturday", False),  # after a verb
    ("Because of the storm, the game was moved on Sunday.", "on Sunday", False),
    ("During the talks on Tuesday, the minister said it was over.", "on Tuesday", False),  # the talks' time is its own
    ("Thousands rallied amid protests on Sunday.", "on Sunday", False),
    ("The issue before the justices at Tuesday's arguments was narrow.", "Tuesday's", False),  # "before" that places
])
def test_a_date_after_what_a_sentence_follows_is_not_its_own(sentence: str, date: str, expected: bool) -> None:
    from generator.english.clauses import dates_what_it_follows
    from generator.english.dates import find_expressions

    (found,) = [e for e in find_expressions(sentence) if e.text == date]
    assert dates_what_it_follows(sentence, found.start, found.start + len(found.text)) is expected


def test_the_taggers_rows_for_a_word_are_those_of_the_features_it_was_trained_on() -> None:
    # Tagging looks up the rows of the features that do not read earlier tags word by word (_static_rows);
    # training lists them as strings (features). Both must name the same rows, in the same order.
    import re

    from generator.english.tagger import _END, _START, features, model, normalise

    perceptron = model()
    words = ["Gen.", "Abdourahamane", "Tchiani", "'s", "junta", "REVOKED", "the", "1,000-troop", "pact", "on", "Saturday", "."]
    context = [*_START, *(normalise(w) for w in words), *_END]
    for i, word in enumerate(words):
        static = [f for f in features(i, word, context, "NN", "DT") if not re.match(r"\S+ tag", f)]
        assert len(static) == 11
        assert perceptron._static_rows(word, context, i + len(_START)) == [perceptron._row.get(f, 0) for f in static], word


def test_the_tagger_splits_clitics_and_keeps_titles_and_initials() -> None:
    from generator.english.tagger import tokenize

    text = "Trump’s aides didn’t say, Mr. Obama said in the U.S."
    assert [text[s:e] for s, e in tokenize(text)] == [
        "Trump", "’s", "aides", "did", "n’t", "say", ",", "Mr.", "Obama", "said", "in", "the", "U.S.",
    ]


def test_verbs_of_saying_are_a_class_by_lemma() -> None:
    from generator.english.lexicon import inflections
    from generator.english.speakers import CUE

    assert inflections("quip")["past"] == ("quiped", "quipped")
    assert all(CUE.fullmatch(form) for form in ("interjected", "advises", "insisted", "quipped", "pointed out"))
    assert not CUE.fullmatch("saying")


@pytest.mark.parametrize(("text", "expected"), [
    ("Ms. Pelosi sat for an interview alongside Speaker Paul Ryan’s aide.", {"pelosi", "speaker", "paul", "ryan"}),
    ("Troops left Niger on Saturday.", {"niger", "saturday"}),  # the opening word is written so anyway
    ("the junta said it would leave.", set()),
])
def test_the_words_written_with_a_capital_inside_a_sentence(text: str, expected: set[str]) -> None:
    assert capitalised_forms(text) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Niger is ending its military cooperation agreement with the United States, effective immediately, and ordering "
     "some 1,000 U.S. troops to leave the country, the Pentagon said Monday.",
     ["Niger is ending its military cooperation agreement with the United States",
      "and ordering some 1,000 U.S. troops to leave the country", "the Pentagon said Monday."]),
    # A relative clause is a part; what holds no verb ("Bazoum", "since the coup") or too few words is none.
    ("Bazoum, who has been under house arrest since the coup, was not freed.", ["who has been under house arrest"]),
    ("The Pentagon said the troops would leave the country.", []),  # one part: the sentence itself
    ("Yes, indeed.", []),
])
def test_a_sentence_is_cut_into_the_parts_that_may_tell_of_something(sentence: str, expected: list[str]) -> None:
    from generator.english.clauses import parts

    assert [sentence[start:end] for start, end in parts(sentence, 4)] == expected
