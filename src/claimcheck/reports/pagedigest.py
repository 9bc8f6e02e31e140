"""Digests of what a group's or a source's pages show: equal digests, equal bytes.

A run with one page of ten thousand changed rewrites the whole report, and four fifths of its
time went into pages that came out byte for byte as before. A family of pages (a group's, a
source's) is a function of the code and of the values its builders in ``site.py`` read; this
module digests exactly those values, without building a view, so that the writer can take the
previous report's file instead of rendering it again (``reports/files.py``).

The claims of a version, and its extracted text, are a function of the extraction cache's key for
that version (``RunResult.version_keys``; the checker's recall relies on the same fact), so a
claim is digested by its version's key and its id, not by its fields. Everything else a page
prints that comes from elsewhere in the run (links into other families, anchors, source titles,
filter tokens, a finding's fields) is digested as the very string or value the page uses. A
version without a key (a run without a cache) leaves its group and source undigested: rendered.

Whoever changes what a group or source page reads in ``site.py`` changes this module with it;
``tests/perf/test_page_reuse.py`` compares reused reports with fresh ones after many kinds
of edits, and fails when a value is missing here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from claimcheck.checker.group import GroupKey
from claimcheck.checker.model import Finding
from claimcheck.claims.model import Claim
from claimcheck.codeversion import whole_code
from claimcheck.reports.site import REVISIONS_SHOWN, Family, _Site
from claimcheck.reports.views import MEMBERS_SHOWN

__all__ = ["Digester"]


class Digester:
    """Digests the families of one site's plan; made once per run (it indexes the findings)."""

    def __init__(self, site: _Site, version_keys: dict[tuple[str, str], str]) -> None:
        self.site = site
        self.keys = version_keys
        # The code renders the pages; the site-wide chrome (navigation, generator) comes with it.
        self.common = "\0".join((whole_code(), site.generator, repr(site._nav("", ""))))
        # Worked out once per run: a source stands on many pages, a finding on two or three.
        self._sources: dict[str, str] = {}
        self._findings: dict[str, str] = {}
        self.group_of = {c.id: key for key, claims in site.groups.items() for c in claims}
        # Findings whose claims are not all members of the group that shows them (a revision
        # across two units, say, or a claim this run does not have), or that name a source none
        # of its claims come from: their members' rows and their sources' titles are digested
        # one by one, and the rows of the claims they name elsewhere list them.
        self.spilling: set[str] = set()
        self.foreign_refs: dict[GroupKey, list[str]] = {}
        group_of = self.group_of
        sources_of = {key: {c.source for c in claims} for key, claims in site.groups.items()}
        for f in site.findings:
            home = site.finding_group.get(f.id)
            if (
                home is not None
                and {group_of.get(cid) for cid in f.claims} <= {home}
                and sources_of[home].issuperset(site._finding_sources(f))
            ):
                continue
            self.spilling.add(f.id)
            for cid in dict.fromkeys(f.claims):
                where = group_of.get(cid)
                if where is not None and where != home:
                    self.foreign_refs.setdefault(where, []).append(f"{cid}\0{f.id}\0{f.kind}\0{site._finding_href(f)}")

    def family(self, family: Family) -> str | None:
        """The digest of a group's or a source's pages; None for the lists and the overview,
        which show the whole run, and for a family with a claim from a version without a key."""
        if family[0] == "group":
            return self.group(family[1:])  # type: ignore[arg-type]
        if family[0] == "source":
            return self.source(family[1])
        return None

    def _source(self, sid: str) -> str:
        found = self._sources.get(sid)
        if found is None:
            s = self.site.sources.get(sid)
            text = repr(s) if s is not None else f"no source {sid!r}"
            found = self._sources[sid] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return found

    def _finding(self, f: Finding) -> str:
        """What ``_Site._finding`` prints of a finding whatever the page: its fields and what
        they are shown with."""
        found = self._findings.get(f.id)
        if found is None:
            site = self.site
            sources = site._finding_sources(f)
            found = self._findings[f.id] = "\1".join((
                f.id, f.kind, f.severity, f.subject, f.measure, repr(f.scope), f.unit, repr(f.period),
                "\0".join(f.claims), f.evidence_digest, f.message, "\0".join(f.sources),
                repr(f.change) if f.change is not None else "", f.status,
                repr(f.resolution) if f.resolution is not None else "",
                site.finding_anchor[f.id], site._finding_href(f),
                site.subject_token.get(f.subject, ""),
                # The filter tokens and titles of its sources: with the family's own sources
                # (``_own_sources``) unless the finding reaches beyond the family.
                self._sources_shown(sources) if f.id in self.spilling else "\0".join(sources),
                "\0".join(cid for cid in f.claims if cid not in site.claims) if f.id in self.spilling else "",
            ))
        return found

    def _sources_shown(self, sources: Iterable[str]) -> str:
        """How a page names and tags these sources: their titles and filter tokens."""
        site = self.site
        return "\0".join(f"{s}\0{site._source_title(s)}\0{site.source_token.get(s, '')}" for s in sources)

    def _members(self, f: Finding, inside: Callable[[Claim], bool], where: dict[str, str], parts: list[str], used: set) -> None:
        """What ``_Site._members`` reads of the first members that are not shown on the family's
        own pages (those are digested with the family: their version, source and place)."""
        claims = self.site.claims
        for cid in f.claims[:MEMBERS_SHOWN]:
            c = claims.get(cid)
            if c is not None and not inside(c):
                used.add((c.source, c.version))
                parts.append(f"{cid}\0{self._source(c.source)}\0{where.get(cid, '')}")

    def _versions(self, used: set[tuple[str, str]], parts: list[str]) -> bool:
        """Append the keys of the versions whose claims the pages show (a claim is its id and its
        version's key); False when one has none."""
        keys = self.keys
        for pair in sorted(used):
            key = keys.get(pair)
            if key is None:
                return False
            parts.append(key)
        return True

    def group(self, key: GroupKey) -> str | None:
        site = self.site
        claims = site.groups[key]
        group_of = self.group_of
        parts = [self.common, "group", repr(key), *site.group_pages[key]]
        used = {(c.source, c.version) for c in claims}
        own = sorted({c.source for c in claims})
        parts.append(self._sources_shown(own))
        for sid in own:
            parts.append(f"{self._source(sid)}\0{site.source_pages[sid][0] if sid in site.source_pages else ''}")

        def inside(c: Claim) -> bool:
            return group_of.get(c.id) == key

        context, anchor, conflicted = site.claim_context, site.claim_anchor, site.conflicted
        for findings, rows in site.group_items[key]:
            parts.append(f"page of {len(findings)} findings, {len(rows)} claims")
            for f in findings:
                parts.append(self._finding(f))
                if f.id in self.spilling:
                    self._members(f, inside, site.claim_row, parts, used)
            parts.extend(f"{c.id}\0{anchor[c.id]}\0{context.get(c.id, '')}\0{c.id in conflicted}" for c in rows)
        parts.extend(self.foreign_refs.get(key, ()))
        return _hash(parts) if self._versions(used, parts) else None

    def source(self, sid: str) -> str | None:
        site = self.site
        s = site.sources[sid]
        parts = [self.common, "source", self._source(sid), *site.source_pages[sid]]
        used = {(sid, v.version) for v in s.versions}
        for v in s.versions:
            parts.append(f"{site.version_anchor[(sid, v.version)]}\0{(sid, v.version) in site.texts}")
        revisions = site.source_revisions.get(sid, [])
        parts.append(f"{len(revisions)} revisions")

        def inside(c: Claim) -> bool:
            return c.source == sid

        parts.append(self._sources_shown((sid,)))
        for f in revisions[:REVISIONS_SHOWN]:
            parts.append(self._finding(f))
            if f.id in self.spilling or site._finding_sources(f) != (sid,):
                parts.append(self._sources_shown(site._finding_sources(f)))
                self._members(f, inside, site.claim_context, parts, used)
        anchor, row, conflicted = site.claim_anchor, site.claim_row, site.conflicted
        for page in site.source_chunks[sid]:
            parts.append("page")
            for ch in page:
                parts.append(f"{ch.version.version}\0{ch.part}\0{ch.parts}\0{ch.start}\0{ch.end}")
                parts.extend(f"{c.id}\0{anchor[c.id]}\0{row.get(c.id, '')}\0{c.id in conflicted}" for c in ch.claims)
        return _hash(parts) if self._versions(used, parts) else None


def _hash(parts: Iterable[str]) -> str:
    return hashlib.sha256("\0\1".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
