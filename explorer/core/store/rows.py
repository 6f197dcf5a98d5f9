"""The rows the store's reads return: what the lists, the reader and search show (frozen, so a
view can keep them), with the keyset position each gives for paging."""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.core.store.provenance import Provenance


@dataclass(frozen=True)
class DocumentRow:
    id: int
    title: str
    published: str | None  # ISO date; None when undated
    source: str | None
    entity_count: int

    def key(self, sort: str) -> tuple:
        """The keyset position after this row for ``sort`` (pass it as ``after``)."""
        values = {
            "title": (self.title,),
            "published": (self.published or "",),
            "source": (self.source or "",),
            "entities": (self.entity_count,),
        }
        return (*values[sort], self.id)


@dataclass(frozen=True)
class EntityRow:
    id: int
    name: str
    type: str
    articles: int
    mentions: int

    def key(self, order: str) -> tuple:
        values = {
            "name": (self.name,),
            "type": (self.type, self.name),
            "articles": (self.articles,),
            "mentions": (self.mentions,),
        }
        return (*values[order], self.id)


@dataclass(frozen=True)
class MentionView:
    start: int  # offsets into ArticleView.body (Python str indices)
    end: int
    entity_id: int
    label: str  # the type this mention was recognised as
    entity: EntityRow


@dataclass(frozen=True)
class ArticleView:
    """One article as the reader shows it: the text, where its metadata came from, its mentions."""

    id: int
    title: str
    body: str
    published: str | None
    date_source: str
    source: str | None
    source_origin: str | None
    path: str | None
    words: int
    imported_at: str
    mentions: tuple[MentionView, ...] = ()
    in_article: dict[int, int] = field(default_factory=dict)  # entity id → mentions in this article
    provenance: Provenance | None = None  # format, pages, the message it is an attachment of…


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    published: str | None
    snippet: str
