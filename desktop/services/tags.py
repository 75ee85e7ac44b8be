"""The codebook: hierarchical, coloured tags."""
from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.ids import in_ids
from db.models import Claim, Tag, claim_tags
from db.upsert import insert_if_absent
from desktop.services.dto import DeletedTag, TagInfo
from desktop.services.errors import NotFound, StaleEdit, UserError
from desktop.services.history import last_change_of, refusal
from desktop.services.store import Store

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _tree(tags: list[Tag]) -> list[TagInfo]:
    """Depth-first in sort order, each with its full path."""
    children: dict[int | None, list[Tag]] = {}
    for t in tags:
        children.setdefault(t.parent_id, []).append(t)
    for group in children.values():
        group.sort(key=lambda t: (t.sort_order, t.name.lower()))
    out: list[TagInfo] = []

    def walk(parent: int | None, prefix: str, depth: int) -> None:
        for t in children.get(parent, []):
            path = f"{prefix}/{t.name}" if prefix else t.name
            out.append(TagInfo(t.id, t.name, t.parent_id, t.color, t.description, t.sort_order, path, depth,
                               t.version))
            walk(t.id, path, depth + 1)

    walk(None, "", 0)
    return out


def subtree_ids(session: Session, tag_id: int) -> set[int]:
    """A tag and every tag under it: a parent stands for its children in filters and exports."""
    children: dict[int | None, list[int]] = {}
    for tid, parent in session.execute(select(Tag.id, Tag.parent_id)):
        children.setdefault(parent, []).append(tid)
    found, todo = set(), [tag_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += children.get(current, [])
    return found


class TagService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[TagInfo]:
        with self._store.read() as s:
            return _tree(list(s.scalars(select(Tag))))

    def get(self, tag_id: int) -> TagInfo:
        for t in self.list():
            if t.id == tag_id:
                return t
        raise NotFound(f"no tag with id {tag_id}")

    def subtree(self, tag_id: int) -> set[int]:
        with self._store.read() as s:
            return subtree_ids(s, tag_id)

    def find(self, path: str) -> TagInfo | None:
        """A tag by its path ("Economy/Sanctions") or, failing that, by a unique name.

        A name that several tags have (Economy/Ports, Trade/Ports) is refused with their paths: taken
        as unknown, `claim add --tag Ports` made a third tag and `export --tag Ports` said there was none.
        """
        wanted = path.strip().strip("/").lower()
        tags = self.list()
        exact = [t for t in tags if t.path.lower() == wanted]
        if exact:
            return exact[0]
        named = [t for t in tags if t.name.lower() == wanted]
        if len(named) > 1:
            paths = ", ".join(t.path for t in named)
            raise UserError(f"{path.strip()!r} names {len(named)} tags ({paths}); give its path, "
                            f"such as {named[0].path}")
        return named[0] if named else None

    def create(
        self,
        name: str,
        parent_id: int | None = None,
        color: str | None = None,
        description: str = "",
        sort_order: int | None = None,
    ) -> TagInfo:
        name = _clean_name(name)
        try:
            return self._create(name, parent_id, color, description, sort_order)
        except IntegrityError as exc:  # the same name, stored by another client a moment ago
            raise UserError(f"a tag named {name!r} already exists there") from exc

    def _create(self, name: str, parent_id: int | None, color: str | None, description: str,
                sort_order: int | None) -> TagInfo:
        with self._store.write("tag.create", name=name, parent_id=parent_id) as s:
            if parent_id is not None and s.get(Tag, parent_id) is None:  # else reported as a name clash
                raise NotFound(f"no tag with id {parent_id}")
            self._check_unique(s, name, parent_id, None)
            if sort_order is None:
                sort_order = (s.scalar(select(func.max(Tag.sort_order)).where(Tag.parent_id == parent_id)) or 0) + 1
            count = s.scalar(select(func.count(Tag.id))) or 0
            tag = Tag(
                name=name,
                parent_id=parent_id,
                color=_check_color(color or PALETTE[count % len(PALETTE)]),
                description=description,
                sort_order=sort_order,
            )
            s.add(tag)
            s.flush()
            tag_id = tag.id
        return self.get(tag_id)

    def ensure_path(self, path: str) -> TagInfo:
        """The tag at this path, creating it and any missing parents (safely when others do the same)."""
        found = self.find(path)
        if found:
            return found
        parts = [_clean_name(p) for p in path.split("/") if p.strip()]
        if not parts:
            raise UserError("a tag needs a name")
        with self._store.write("tag.create", path=path) as s:
            parent = self._get_or_create(s, parts[0], None)
            for part in parts[1:]:
                parent = self._get_or_create(s, part, parent)
        return self.get(parent)

    @staticmethod
    def _get_or_create(s: Session, name: str, parent_id: int | None) -> int:
        def lookup() -> int | None:
            where = Tag.parent_id.is_(None) if parent_id is None else Tag.parent_id == parent_id
            return s.scalar(select(Tag.id).where(func.lower(Tag.name) == name.lower(), where).order_by(Tag.id))

        found = lookup()
        if found is not None:
            return found
        count = s.scalar(select(func.count(Tag.id))) or 0
        where = Tag.parent_id.is_(None) if parent_id is None else Tag.parent_id == parent_id
        order = (s.scalar(select(func.max(Tag.sort_order)).where(where)) or 0) + 1
        insert_if_absent(s, Tag, {"name": name, "parent_id": parent_id, "description": "",
                                            "color": PALETTE[count % len(PALETTE)], "sort_order": order})
        made = lookup()  # ours, or the one another client stored first
        if made is None:
            raise UserError(f"could not store the tag {name!r}")
        return made

    def update(self, tag_id: int, expected_version: int | None = None, **changes: object) -> dict[str, object]:
        """Change name, colour, description, parent or sort order; returns the old values for undo.

        With expected_version (the version the person saw) a colleague's change since is not overwritten.
        """
        allowed = {"name", "color", "description", "parent_id", "sort_order"}
        if set(changes) - allowed:
            raise UserError(f"cannot change {', '.join(sorted(set(changes) - allowed))} of a tag")
        with self._store.write("tag.update", tag_id=tag_id, **changes) as s:
            tag = s.get(Tag, tag_id)
            if tag is None:
                raise NotFound(f"no tag with id {tag_id}")
            if expected_version is not None and tag.version != expected_version:
                raise StaleEdit(refusal(last_change_of(s, "tag.", "tag_id", tag_id), self._store.annotator,
                                        "tag"), self.get(tag_id), kind="tag")
            if "name" in changes:
                changes["name"] = _clean_name(str(changes["name"]))
            if "color" in changes:
                changes["color"] = _check_color(str(changes["color"]))
            if "parent_id" in changes:
                self._check_not_cycle(s, tag_id, changes["parent_id"])
            name = changes.get("name", tag.name)
            parent = changes.get("parent_id", tag.parent_id)
            self._check_unique(s, str(name), parent, tag_id)
            old = {k: getattr(tag, k) for k in changes}
            for k, v in changes.items():
                setattr(tag, k, v)
            return old

    def delete(self, tag_id: int) -> DeletedTag:
        """Delete a tag; returns it, the claims that carried it and its children's parents, for undo."""
        info = self.get(tag_id)
        with self._store.write("tag.delete", tag_id=tag_id, name=info.name) as s:
            tag = s.get(Tag, tag_id)
            if tag is None:
                raise NotFound(f"no tag with id {tag_id}")
            claim_ids = tuple(s.scalars(select(claim_tags.c.claim_id).where(claim_tags.c.tag_id == tag_id)))
            kids = list(s.scalars(select(Tag).where(Tag.parent_id == tag_id)))
            moved = tuple((k.id, k.parent_id) for k in kids)
            for k in kids:
                k.parent_id = tag.parent_id
            s.delete(tag)
        return DeletedTag(info, claim_ids, moved)

    def restore(self, deleted: DeletedTag) -> None:
        info, claim_ids, children = deleted.tag, deleted.claim_ids, deleted.children
        with self._store.write("tag.restore", tag_id=info.id) as s:
            # Colleagues work on between the delete and its undo: a tag made since may hold the
            # number (SQLite hands the highest one out again) or the name, the parent may be gone
            # (the tag comes back at the top), and claims that carried it may be deleted.
            if s.get(Tag, info.id) is not None:
                raise UserError(f"the tag {info.name!r} cannot come back: a tag made since has taken its place")
            parent_id = info.parent_id
            if parent_id is not None and s.get(Tag, parent_id) is None:
                parent_id = None
            self._check_unique(s, info.name, parent_id, None)
            s.add(
                Tag(
                    id=info.id,
                    name=info.name,
                    parent_id=parent_id,
                    color=info.color,
                    description=info.description,
                    sort_order=info.sort_order,
                )
            )
            s.flush()
            for claim_id in s.scalars(select(Claim.id).where(in_ids(Claim.id, claim_ids))):
                s.execute(claim_tags.insert().values(claim_id=claim_id, tag_id=info.id))
            for child_id, parent_id in children:
                child = s.get(Tag, child_id)
                if child is not None:
                    child.parent_id = parent_id

    def usage(self) -> dict[int, int]:
        """How many claims carry each tag."""
        with self._store.read() as s:
            rows = s.execute(select(claim_tags.c.tag_id, func.count()).group_by(claim_tags.c.tag_id))
            return {tag_id: n for tag_id, n in rows}

    def seed_default_codebook(self) -> None:
        data = json.loads(resources.files("resources").joinpath("codebook.json").read_text(encoding="utf-8"))
        for order, node in enumerate(data["tags"], start=1):
            self._seed_node(node, None, order)

    def _seed_node(self, node: dict[str, Any], parent_id: int | None, order: int) -> None:
        tag = self.create(node["name"], parent_id, node.get("color"), node.get("description", ""), order)
        for child_order, child in enumerate(node.get("children", []), start=1):
            self._seed_node(child, tag.id, child_order)

    @staticmethod
    def _check_unique(s: Session, name: str, parent_id: object, tag_id: int | None) -> None:
        clash = s.scalar(
            select(Tag.id).where(func.lower(Tag.name) == name.lower(), Tag.parent_id.is_(None)
                                 if parent_id is None else Tag.parent_id == parent_id)
        )
        if clash is not None and clash != tag_id:
            raise UserError(f"a tag named {name!r} already exists there")

    @staticmethod
    def _check_not_cycle(s: Session, tag_id: int, parent_id: object) -> None:
        while parent_id is not None:
            if parent_id == tag_id:
                raise UserError("a tag cannot be moved under itself")
            parent = s.get(Tag, parent_id)
            if parent is None:
                raise NotFound(f"no tag with id {parent_id}")
            parent_id = parent.parent_id


def _clean_name(name: str) -> str:
    name = " ".join(name.replace("/", " ").split())
    if not name:
        raise UserError("a tag needs a name")
    return name[:200]


def _check_color(color: str) -> str:
    if not _COLOR.match(color):
        raise UserError(f"not a colour (#rrggbb): {color}")
    return color.lower()
