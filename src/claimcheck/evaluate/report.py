"""An evaluation as text for people and as a canonical JSON document for scripts."""

from __future__ import annotations

from typing import Any

from claimcheck.evaluate.gold import GoldClaim, Ref
from claimcheck.evaluate.score import Counts, DocumentScore, Evaluation, Predicted
from claimcheck.serialize import number

FORMAT_VERSION = 1


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def rates(c: Counts) -> dict[str, Any]:
    """The counts and the rates computed from them."""
    return {
        "gold": c.gold,
        "predicted": c.predicted,
        "true_positives": c.true_positives,
        "false_positives": c.false_positives,
        "false_negatives": c.false_negatives,
        "precision": _r(c.precision),
        "recall": _r(c.recall),
        "f1": _r(c.f1),
        "attribution": _r(c.attribution),
        "subject": _r(None if c.true_positives == 0 else c.subject_ok / c.true_positives),
        "measure": _r(None if c.true_positives == 0 else c.measure_ok / c.true_positives),
        "bound": _r(c.bound),
        "unit": _r(c.unit),
        "scope": _r(c.scope),
        "scope_checked": c.scope_checked,
        "period": _r(c.period),
        "period_checked": c.period_checked,
        "trap_hits": c.trap_hits,
    }


def _predicted(p: Predicted) -> dict[str, Any]:
    return {
        "id": p.id,
        "subject": p.subject,
        "measure": p.measure,
        "scope": p.scope,
        "value": number(p.value),
        "unit": p.unit,
        "bound": p.bound,
        "period": p.period,
        "quote": p.quote,
        "start": p.start,
        "end": p.end,
    }


def _gold(g: GoldClaim) -> dict[str, Any]:
    return {
        "where": g.where,
        "text": g.text,
        "value": number(g.value),
        "unit": g.unit,
        "subject": list(g.subjects),
        "measure": list(g.measures),
        "bound": list(g.bounds),
    }


def _ref(r: Ref) -> dict[str, str]:
    return {"file": r.file, "text": r.text}


def _document(d: DocumentScore) -> dict[str, Any]:
    return {
        "file": d.file,
        "path": d.path,
        "date": {"expected": d.date_expected, "found": d.date_found, "ok": d.date_ok},
        "unreadable": d.unreadable,
        "scores": rates(d.counts),
        "misses": [
            {"gold": _gold(m.gold), "in_extracted_text": m.in_text, "near": [_predicted(p) for p in m.near]}
            for m in d.misses
        ],
        "false_claims": [_predicted(p) for p in d.false_claims],
        "trap_hits": [{"trap": t.trap, "claim": _predicted(t.claim)} for t in d.trap_hits],
        "traps_not_in_text": list(d.traps_not_in_text),
        "wrong_attribution": [
            {"gold": _gold(m.gold), "claim": _predicted(m.claim)} for m in d.matches if not m.attribution_ok
        ],
        "wrong_bound": [{"gold": _gold(m.gold), "claim": _predicted(m.claim)} for m in d.matches if not m.bound_ok],
        "wrong_scope": [{"gold": _gold(m.gold), "claim": _predicted(m.claim)} for m in d.matches if m.scope_ok is False],
        "wrong_period": [
            {"gold": _gold(m.gold), "period": m.gold.period, "claim": _predicted(m.claim)}
            for m in d.matches
            if m.period_ok is False
        ],
    }


def to_json(e: Evaluation) -> dict[str, Any]:
    """The `--json` document."""
    totals = rates(e.totals)
    totals["findings_expected"] = len(e.findings)
    totals["findings_reported"] = e.findings_reported
    totals["false_conflicts"] = len(e.false_conflicts)
    totals["false_conflicts_violated"] = e.false_conflicts_violated
    return {
        "format_version": FORMAT_VERSION,
        "gold": e.gold,
        "config": e.config,
        "totals": totals,
        "documents": [_document(d) for d in e.documents],
        "findings": [
            {
                "where": f.expected.where,
                "kind": f.expected.kind,
                "subject": list(f.expected.subjects),
                "measure": list(f.expected.measures),
                "claims": [[_ref(r) for r in slot] for slot in f.expected.refs],
                "reported": f.reported,
                "finding": f.finding,
                "message": f.message,
            }
            for f in e.findings
        ],
        "false_conflicts": [
            {"a": _ref(c.a), "b": _ref(c.b), "violated": bool(c.violated_by), "reported_as": list(c.violated_by)}
            for c in e.false_conflicts
        ],
    }


# --- Text. ---------------------------------------------------------------------------------------


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def _fmt_value(value: float, unit: str) -> str:
    v = number(value)
    shown = f"{v:,}" if isinstance(v, int) else f"{v:,.6g}"
    return shown if unit == "count" else f"{shown} {unit}"


def _claim_line(p: Predicted) -> str:
    scope = f" [{p.scope}]" if p.scope else ""
    period = f" ({p.period})" if p.period else ""
    return f'"{p.quote}" = {_fmt_value(p.value, p.unit)} {p.bound}, {p.subject} / {p.measure}{scope}{period}'


def _gold_line(g: GoldClaim) -> str:
    bounds = "|".join(g.bounds) if len(g.bounds) < 5 else "any bound"
    return (
        f'"{g.text}" = {_fmt_value(g.value, g.unit)} {bounds}, '
        f"{'|'.join(g.subjects)} / {'|'.join(g.measures)}"
    )


_COLUMNS = ("gold", "found", "tp", "fp", "fn", "prec", "recall", "f1", "attrib", "bound", "unit", "traps")


def _row(name: str, c: Counts, width: int) -> str:
    cells = [
        f"{c.gold:>5}",
        f"{c.predicted:>5}",
        f"{c.true_positives:>4}",
        f"{c.false_positives:>4}",
        f"{c.false_negatives:>4}",
        f"{_f(c.precision):>6}",
        f"{_f(c.recall):>6}",
        f"{_f(c.f1):>6}",
        f"{_f(c.attribution):>6}",
        f"{_f(c.bound):>6}",
        f"{_f(c.unit):>6}",
        f"{c.trap_hits:>5}",
    ]
    return f"{name:<{width}} " + " ".join(cells)


def render_text(e: Evaluation) -> str:
    """The human-readable report: the score table, the findings, then every miss and false claim."""
    out: list[str] = [f"claimcheck eval {e.gold} (config {e.config})", ""]
    width = max([len(d.file) for d in e.documents] + [8])
    header = [f"{'document':<{width}}"] + [
        f"{h:>5}" if h in ("gold", "found", "traps") else f"{h:>4}" if h in ("tp", "fp", "fn") else f"{h:>6}"
        for h in _COLUMNS
    ]
    out.append(" ".join(header))
    for d in e.documents:
        out.append(_row(d.file, d.counts, width))
    out.append(_row("total", e.totals, width))
    t = e.totals
    out.append(
        f"scope {_f(t.scope)} (of {t.scope_checked} annotated), period {_f(t.period)} (of {t.period_checked} annotated)"
    )
    out.append("")
    out.append(f"findings: {e.findings_reported} of {len(e.findings)} reported")
    for f in e.findings:
        mark = "ok  " if f.reported else "MISS"
        about = " ".join(filter(None, ["|".join(f.expected.subjects), "|".join(f.expected.measures)]))
        slots = [" or ".join(f'{r.file} "{r.text}"' for r in slot) for slot in f.expected.refs]
        refs = (" → " if f.expected.ordered else ", ").join(slots)
        out.append(f"  {mark} {f.expected.kind} {about}: {refs}")
    out.append(f"false conflicts: {e.false_conflicts_violated} of {len(e.false_conflicts)} reported")
    for c in e.false_conflicts:
        if c.violated_by:
            out.append(f'  REPORTED {c.a.file} "{c.a.text}" vs {c.b.file} "{c.b.text}"')
            out.extend(f"    {m}" for m in c.violated_by)
    sections = [
        ("misses", [f"{d.file}: {_gold_line(m.gold)}" + _near(m) for d in e.documents for m in d.misses]),
        ("false claims", [f"{d.file}: {_claim_line(p)}" for d in e.documents for p in d.false_claims]),
        (
            "wrong attribution",
            [
                f"{d.file}: {_claim_line(m.claim)}; gold {'|'.join(m.gold.subjects)} / {'|'.join(m.gold.measures)}"
                for d in e.documents
                for m in d.matches
                if not m.attribution_ok
            ],
        ),
        (
            "wrong bound",
            [
                f"{d.file}: {_claim_line(m.claim)}; gold {'|'.join(m.gold.bounds)}"
                for d in e.documents
                for m in d.matches
                if not m.bound_ok
            ],
        ),
        (
            "wrong scope",
            [
                f"{d.file}: {_claim_line(m.claim)}; gold {'|'.join(str(s) for s in m.gold.scopes)}"
                for d in e.documents
                for m in d.matches
                if m.scope_ok is False
            ],
        ),
        (
            "wrong period",
            [
                f"{d.file}: {_claim_line(m.claim)}; gold {m.gold.period}"
                for d in e.documents
                for m in d.matches
                if m.period_ok is False
            ],
        ),
        ("trap hits", [f'{d.file}: "{t.trap}" ← {_claim_line(t.claim)}' for d in e.documents for t in d.trap_hits]),
        ("unreadable documents", [f"{d.file}: {d.unreadable}" for d in e.documents if d.unreadable]),
        (
            "wrong dates",
            [
                f"{d.file}: expected {d.date_expected}, found {d.date_found}"
                for d in e.documents
                if d.date_ok is False
            ],
        ),
    ]
    for title, lines in sections:
        if lines:
            out.append("")
            out.append(f"{title} ({len(lines)}):")
            out.extend(f"  {line}" for line in lines)
    return "\n".join(out) + "\n"


def _near(m) -> str:
    if not m.in_text:
        return "  [not in the extracted text]"
    if not m.near:
        return ""
    return "  [read as: " + "; ".join(_claim_line(p) for p in m.near) + "]"
