"""What a sentence means, as a vector: WordLlama's static English embedding.

Wording alone cannot see that "checked herself into a treatment center" and "entered a rehab
program" report one event; a static embedding averages word vectors trained on paraphrases, so
words of like meaning land near each other. WordLlama (MIT; https://github.com/dleemiller/WordLlama)
ships its 256-dimension weights and its tokenizer inside its wheel and needs numpy only. It is
loaded from its own package folder with downloads disabled, so nothing is fetched at run time, and
once per process.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np


@cache
def _model() -> Any:
    # Its tokenizer would start a thread per core in every digest worker, each of which already has
    # a core: the threads only contend (8,079 sentences took 3.2 s wall with them, 1.7 s without,
    # the same CPU time).
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import wordllama

    # Its loader looks for the tokenizer in a cache folder and downloads it when missing; the wheel
    # carries it, so point the loader at the wheel's own folder and forbid the download.
    return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def sentence_vectors(texts: Sequence[str]) -> np.ndarray:
    """One unit-length row per text (len(texts) x 256, float32); an empty text gets zeros."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    # WordLlama pads each batch to its longest text: texts of like length batched together pad
    # little (a story's sentences took a third less time). A text's vector does not depend on its
    # batch (the padding adds zeros after its own words), so the rows are the same.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = np.empty((len(texts), 256), dtype=np.float32)
    vectors[order] = np.asarray(_model().embed([texts[i] for i in order], norm=False), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
