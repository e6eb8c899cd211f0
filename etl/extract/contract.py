"""The `newsetl extract` contract: one JSON object per article, for inspection and for the
evaluation scripts. Field names are part of the public surface: add fields, never rename them.
"""
from __future__ import annotations

import dataclasses

from etl.model import ProcessedArticle


def to_json(p: ProcessedArticle) -> dict:
    """The `newsetl extract` contract: one JSON object per article."""
    a, x = p.article, p.extraction

    def ent(e):
        d = {"name": e.name, "aliases": e.aliases, "mentions": len(e.mentions),
             "offsets": [[m.start, m.end] for m in e.mentions],
             "title_offsets": [[m.start, m.end] for m in e.title_mentions]}
        if e.kind == "person":
            d["roles"] = [dataclasses.asdict(r) for r in e.roles]
        else:
            d["acronym"] = e.acronym
            d["media"] = e.is_media
        return d

    def quote(q):
        sp = q.speaker
        return {"text": q.text, "start": q.start, "end": q.end,
                "pieces": [[a, b] for a, b in q.pieces],
                "content": q.content, "content_start": q.content_start,
                "content_end": q.content_end,
                "speaker": ({"name": sp.name, "kind": sp.kind, "text": sp.text,
                             "organisation": sp.organisation} if sp else None),
                "cue": q.cue, "medium": q.medium, "partial": q.partial, "kind": q.kind,
                "confidence": q.confidence}

    return {
        "source_path": a.source_path,
        "line": a.line,
        "id": a.external_id or a.content_hash[:16],
        "title": a.title,
        "url": a.url,
        "published_at": a.published_at.isoformat() if a.published_at else None,
        "source": a.source,
        "authors": a.authors,
        "language": a.language,
        "text_quality": a.text_quality,
        "text_quality_reason": a.text_quality_reason,
        "text": a.text,
        "boilerplate": a.boilerplate,
        "people": [ent(e) for e in x.people],
        "organisations": [ent(e) for e in x.organisations],
        "quotes": [quote(q) for q in x.quotes],
        "topics": [{"qcode": t.qcode, "label": t.label, "score": t.score} for t in x.topics],
        "keyphrases": [{"text": k.text, "score": k.score, "count": k.count} for k in x.keyphrases],
    }
