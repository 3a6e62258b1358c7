"""Synthetic news articles about the Iraq-Syria conflict, for benchmarking the whole pipeline.

``make bench`` needs corpora of 1k to 100k articles that look like what the loader, cleaner and
extractor meet in real life, that are the same on every machine, and whose true content is
known. This module writes them:

* Sentences are composed from the reference data (``actors.csv``, ``actor_aliases.csv``,
  ``places.csv``) and the hand-written phrase templates of
  ``seeds/synthetic/phrases.yml``, which cover the ACLED sub-event
  types of ``event_patterns.csv``; about 20% of articles report no event at all.
* The noise is the real one: web boilerplate (some that the cleaner removes, some that it does
  not), captions, datelines of several agencies, stray whitespace, typos, curly quotes, a few
  cp1252 files, wire copy republished verbatim (~3%) and the same event retold by another
  outlet (~5%), which the dbt cross-article matching is there to merge.
* Formats follow ``extract.loading.files``: ~85% one ``.txt`` per article, the rest in ``.jsonl``
  feeds and ``.csv`` exports of up to 50 records (fields ``id, title, text, published_at/date,
  url, source``), plus a few ``.html`` pages; at most 1,000 files per ``batch-NNNN/`` folder.
* Article ``i`` is a pure function of ``(seed, i)`` (its own ``random.Random``, seeded from a
  string, never from ``hash()``), so a corpus can be extended with ``start`` or generated in
  parallel, and the same arguments always give byte-identical files.
* Everything composed is written to a truth CSV, one row per event, so recall can be measured.
  ``extract.loading.files.input_files`` reads every file below the corpus folder, so the truth file
  lives *beside* it: ``<folder>.truth.csv`` (``<folder>.truth-from-<start>.csv`` when ``start``
  is not 0, so extending a corpus never overwrites the first truth file).

Articles are streamed: only one feed file (<= 50 records) is ever held in memory.
"""

from extract.tools.synthetic.articles import render
from extract.tools.synthetic.corpus import CorpusSummary, main, truth_path_for, write_corpus
from extract.tools.synthetic.plans import article_role, is_html, plan_article
from extract.tools.synthetic.vocabulary import vocabulary

__all__ = [
    "CorpusSummary",
    "article_role",
    "is_html",
    "main",
    "plan_article",
    "render",
    "truth_path_for",
    "vocabulary",
    "write_corpus",
]
