"""The language layer: everything the stages know about English, in one place.

- ``lexicon``: the word tables (function words, months, titles, number words, time words), one per question;
- ``text``: folding, stems, content words, numbers and names in a text, each read once and remembered;
- ``boundaries``: where a sentence ends and whether a line break cut a paragraph.

Stages ask these modules and keep no word lists of their own for the same questions.
"""
