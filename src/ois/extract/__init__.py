"""Extract stage: one Report per OIS article, every value with the sentence that supports it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ois import nlp
from ois.extract.aftermath import aftermath
from ois.extract.circumstances import circumstances
from ois.extract.people import people
from ois.extract.when_where import when_where
from ois.models import Article, Report, Skipped
from ois.settings import Settings

EXTRACTOR_VERSION = "rules-2"


def extract(article: Article, parsed: nlp.ParsedText, settings: Settings) -> Report:
    """Build the Report for one article from its parsed text. Each part returns a TypedDict whose keys are Report
    fields (`WhenWhere`, `PeopleFacts`, `Aftermath`, `Circumstances`), so a new field is: the model, one extractor,
    one label."""
    after = aftermath(article, parsed, settings)
    return Report(
        article_id=article.id,
        published=article.published,
        extractor=EXTRACTOR_VERSION,
        **when_where(article, parsed, settings),
        **people(article, parsed, settings),
        **after,
        **circumstances(article, parsed, after["video"]),
    )


def extract_many(articles: Iterable[Article], settings: Settings) -> Iterator[Report | Skipped]:
    """Extract reports for many articles, parsing in batches; a failing article yields Skipped, never raises."""
    model = nlp.load(settings.spacy_model)
    batch = list(articles)
    texts = (a.text[: settings.max_article_chars] for a in batch)
    for article, parsed in zip(batch, nlp.parse_many(model, texts, settings.spacy_batch_size), strict=True):
        try:
            yield extract(article, parsed, settings)
        except Exception as exc:  # one bad article never stops a batch
            yield Skipped(article.source, f"extraction failed: {type(exc).__name__}: {exc}", article.id, "extract")
