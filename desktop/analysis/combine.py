"""The analyses of a long text's blocks joined into one, offsets moved to the whole body.

Entities of the same type and spelling in different blocks are one entity; a lone word that
another block's entity has as a spelling ("Halvard" beside "Mira Halvard") joins it, as the
merging inside one block would have done. Quotations name their speaker by the joined name.
"""
from __future__ import annotations

from dataclasses import replace

from desktop.analysis.aliases import alias_norm, longest_first
from desktop.analysis.entities import _group_type
from desktop.analysis.suggestions import MAX_SUGGESTIONS
from desktop.analysis.types import Analysis, EntityResult, Mention, QuoteResult, SuggestionResult


def shifted(analysis: Analysis, offset: int) -> Analysis:
    """One block's analysis with its offsets counted from the start of the whole body."""
    if not offset:
        return analysis
    return Analysis(
        analysis.version,
        tuple(replace(e, mentions=tuple(Mention(m.start + offset, m.end + offset, m.text) for m in e.mentions))
              for e in analysis.entities),
        tuple(_shift_quote(q, offset) for q in analysis.quotes),
        tuple(replace(s, start=s.start + offset, end=s.end + offset) for s in analysis.suggestions),
    )


def _shift_quote(q: QuoteResult, offset: int) -> QuoteResult:
    return replace(q, start=q.start + offset, end=q.end + offset,
                   speaker_start=None if q.speaker_start is None else q.speaker_start + offset,
                   speaker_end=None if q.speaker_end is None else q.speaker_end + offset)


def joined(parts: list[Analysis]) -> Analysis:
    """Blocks' analyses (already shifted, in body order) as the analysis of the whole text."""
    if len(parts) == 1:
        return parts[0]
    entities, renamed = _join_entities([e for p in parts for e in p.entities])
    quotes = tuple(replace(q, speaker=renamed.get(q.speaker, q.speaker)) if q.speaker else q
                   for p in parts for q in p.quotes)
    suggestions: list[SuggestionResult] = sorted((s for p in parts for s in p.suggestions),
                                                 key=lambda s: (-s.score, s.start))[:MAX_SUGGESTIONS]
    return Analysis(parts[0].version, entities, quotes, tuple(sorted(suggestions, key=lambda s: s.start)))


class _Joined:
    def __init__(self, first: EntityResult) -> None:
        self.name, self.type = first.name, first.type
        self.mentions: list[Mention] = []
        self.aliases: set[str] = set()

    def add(self, e: EntityResult) -> None:
        # The fullest spelling names the entity ("Mira Halvard" over "Halvard").
        if len(e.name.split()) > len(self.name.split()):
            self.name = e.name
        self.mentions.extend(e.mentions)
        self.aliases.update(e.aliases)
        self.aliases.add(e.name)


def _join_entities(ents: list[EntityResult]) -> tuple[tuple[EntityResult, ...], dict[str, str]]:
    by_key: dict[tuple[str, str], _Joined] = {}
    order: list[tuple[str, str]] = []
    members: list[tuple[EntityResult, tuple[str, str]]] = []
    for e in ents:
        key = (_group_type(e.type), alias_norm(e.name))
        if key not in by_key:
            by_key[key] = _Joined(e)
            order.append(key)
        by_key[key].add(e)
        members.append((e, key))
    _fold_lone_words(by_key, order)
    renamed = {}
    for e, key in members:
        target = by_key[key]
        if target.name != e.name:
            renamed[e.name] = target.name
    seen: set[int] = set()
    out = []
    for key in order:
        j = by_key[key]
        if id(j) in seen:
            continue
        seen.add(id(j))
        mentions = tuple(sorted(j.mentions, key=lambda m: m.start))
        out.append(EntityResult(j.name, j.type, mentions, tuple(sorted(j.aliases, key=longest_first))))
    return tuple(sorted(out, key=lambda e: e.mentions[0].start)), renamed


def _fold_lone_words(by_key: dict[tuple[str, str], _Joined], order: list[tuple[str, str]]) -> None:
    """A one-word entity joins the one fuller entity of its type group that has it as a spelling."""
    owners: dict[tuple[str, str], set[int]] = {}
    for key in order:
        j = by_key[key]
        if " " not in key[1]:
            continue
        for alias in j.aliases:
            norm = alias_norm(alias)
            if " " not in norm:
                owners.setdefault((key[0], norm), set()).add(id(j))
    by_id = {id(by_key[k]): by_key[k] for k in order}
    for key in order:
        if " " in key[1] or by_key[key] is not by_id.get(id(by_key[key])):
            continue
        found = owners.get(key, set()) - {id(by_key[key])}
        if len(found) == 1:
            target = by_id[found.pop()]
            lone = by_key[key]
            target.mentions.extend(lone.mentions)
            target.aliases |= lone.aliases
            by_key[key] = target
