"""Every gold file scores at or above its floor: the issue's floors for the ICE example and the seeds,
and a little below today's honest numbers for the corpora we wrote (docs/extraction.md keeps the table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.evaluate.run import run_eval

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests" / "gold"
SEEDS = REPO.parent / "shared" / "seeds"

# file: (value F1, attribution, bound accuracy, trap hits allowed, every expected finding, no false conflict)
FLOORS = {
    "examples-ice.yaml": (0.97, 0.90, 0.95, 0, True, True),
    "seeds.yaml": (0.97, 0.90, 0.95, 0, True, True),
    "examples-tables.yaml": (0.95, 0.90, 0.95, 0, True, True),
    "examples-hedges.yaml": (0.93, 0.90, 0.95, 0, True, True),
    "examples-traps.yaml": (0.90, 0.80, 0.95, 0, True, True),
    "examples-renames.yaml": (0.95, 0.90, 0.95, 0, True, True),
    "examples-holdout.yaml": (0.85, 0.90, 0.95, 0, True, True),
    # its 2022 page's date is not detected ("Page reviewed: …"), so its changes come out as undated discrepancies
    "examples-holdout-b.yaml": (0.95, 0.93, 0.95, 0, False, True),
    # written and annotated blind in the ninth session (first scores in docs/extraction.md); each still misses
    # expected findings: C one agreement across a scope ("enacted"), D a period "during the year" and others
    "examples-holdout-c.yaml": (0.97, 0.85, 0.95, 0, False, True),
    "examples-holdout-d.yaml": (0.96, 0.80, 0.95, 0, False, True),
    # written and annotated blind late in the ninth session, after the rules C and D led to; F still reads
    # "more than 1 million visits each" (a threshold) as a figure
    "examples-holdout-e.yaml": (0.93, 0.62, 0.95, 0, False, True),
    "examples-holdout-f.yaml": (0.91, 0.75, 0.95, 1, False, True),
    # written and annotated blind in the tenth session (G and H first, then I and J after the fixes G and H led to;
    # first scores in docs/extraction.md); G still reads "15 credit hours" (a definition) as a figure
    "examples-holdout-g.yaml": (0.92, 0.74, 0.95, 1, False, True),
    "examples-holdout-h.yaml": (0.94, 0.65, 0.95, 0, False, True),
    "examples-holdout-i.yaml": (0.94, 0.76, 0.95, 0, False, True),
    "examples-holdout-j.yaml": (0.93, 0.72, 0.95, 0, False, True),
    # K and L were written last, after the I and J fixes; L still reports claims received against claims completed
    # ("initial disability claims") as a conflict
    "examples-holdout-k.yaml": (0.97, 0.70, 0.95, 0, False, True),
    "examples-holdout-l.yaml": (0.96, 0.54, 0.95, 0, False, False),
    # written and annotated blind in the eleventh session (first scores in docs/extraction.md); N and O still read
    # parking rates, tax rates and penalties written as rules (their writers listed them as traps) as figures
    "examples-holdout-m.yaml": (0.97, 0.68, 0.95, 0, False, True),
    "examples-holdout-n.yaml": (0.96, 0.61, 0.95, 6, False, True),
    "examples-holdout-o.yaml": (0.96, 0.72, 0.95, 6, False, True),
    "examples-holdout-p.yaml": (0.97, 0.75, 0.95, 1, False, True),
    # written and annotated blind in the twelfth session (first scores in docs/extraction.md); Q reads a budget's
    # "Adopted" and "Requested" columns as scopes where its writer named them as measures; R still reads "5 percent
    # required" (a rule) and "Of the 96 apartments" (a figure stated before) as figures
    "examples-holdout-q.yaml": (0.95, 0.56, 0.95, 1, False, True),
    "examples-holdout-r.yaml": (0.95, 0.60, 0.95, 2, False, True),
    # written and annotated blind in the thirteenth session (first scores in docs/extraction.md): S a border and
    # customs agency ("By the numbers" figures before their labels, "On a typical day" lists), T an emergency
    # management agency (situation reports, a regional table, a budget table with its scale note after it)
    "examples-holdout-s.yaml": (0.97, 0.67, 0.95, 0, False, True),
    "examples-holdout-t.yaml": (0.96, 0.74, 0.95, 0, False, False),
    # written and annotated blind later the same session, commissioned with the patterns of real pages in mind
    # (some of which that session had just fixed): U an immigration benefits agency, V an aviation security agency
    # (U's FAQ names nobody, and since the fourteenth session a page that names nobody is its publisher's: the fee
    # schedule its writer listed as not claims, and a statutory penalty, now read as the agency's figures)
    "examples-holdout-u.yaml": (0.96, 0.62, 0.95, 11, False, False),
    "examples-holdout-v.yaml": (0.97, 0.77, 0.95, 1, False, True),
    # written and annotated blind in the fourteenth session (first scores in docs/extraction.md): W a protective and
    # financial-crimes agency (one operation's seizure still conflicts with the year-to-date total), X a prisons
    # agency (a report's authoring office is read as the subject of its figures)
    "examples-holdout-w.yaml": (0.97, 0.66, 0.95, 0, False, False),
    "examples-holdout-x.yaml": (0.95, 0.55, 0.95, 3, False, False),
    # written and annotated blind in the fifteenth session (first scores in docs/extraction.md): a national volunteer
    # service (a request that "would expand the Center from 260 to 300 beds" still conflicts: the plan is no target)
    "examples-holdout-y.yaml": (0.97, 0.68, 0.95, 0, False, False),
    # written and annotated blind in the sixteenth session (first scores in docs/extraction.md): a regional library
    # district (an eligibility rule's "at least 15 participants" and a quoted "30 miles" are still read as figures)
    "examples-holdout-z.yaml": (0.96, 0.66, 0.95, 2, False, True),
    # written and annotated blind in the seventeenth session (first scores in docs/extraction.md): a state parks and
    # wildlife department, commissioned with the fifth survey's patterns in mind (label rows, a lead-in's year,
    # what counted people did); an advocacy group's "$8 million a year" proposal is still read as a figure
    "examples-holdout-aa.yaml": (0.96, 0.77, 0.95, 1, False, True),
    # written and annotated blind in the twenty-third session as the tenth survey, and worked on the same session
    # (scores before and after in docs/extraction.md): AB a British hospital trust, AC a US transit authority, AD an
    # Australian emergency service, AE a US sheriff's office. Each still reports a part of a year against the whole
    # as a conflict, as semantics.md's half-overlap rule says, where its writer listed the pair as never a conflict;
    # AC's writer listed fares ("$2.50 per ride") as traps
    "examples-holdout-ab.yaml": (0.98, 0.66, 0.95, 0, False, False),
    "examples-holdout-ac.yaml": (0.97, 0.65, 0.95, 5, False, False),
    "examples-holdout-ad.yaml": (0.93, 0.66, 0.95, 4, False, False),
    "examples-holdout-ae.yaml": (0.93, 0.63, 0.95, 1, False, False),
    # written and annotated blind in the twenty-fourth session as the eleventh survey, and worked on the same session
    # (scores before and after in docs/extraction.md): AF a US state court system, AG a Canadian public broadcaster,
    # AH a New Zealand regional council, AI an Irish airport operator. Their writers named measures more coarsely
    # than claimcheck keeps them apart ("filings" for "civil filings"), hence the low attribution floors; AF, AG and AI
    # each report two pairs their writers listed as never a conflict (AF a part of a year against the whole, AI a
    # terminal's capacity against its traffic)
    "examples-holdout-af.yaml": (0.94, 0.38, 0.95, 2, False, False),
    "examples-holdout-ag.yaml": (0.95, 0.45, 0.95, 2, False, False),
    # (AH: since the twenty-sixth session reads "volunteers gave 11,700 hours", a friends group's 3,400 hours of the
    # same parks meet the whole's as a conflict, a pair its writer listed as never one)
    "examples-holdout-ah.yaml": (0.88, 0.50, 0.95, 4, False, False),
    "examples-holdout-ai.yaml": (0.90, 0.50, 0.95, 2, False, False),
    # the twelfth survey (twenty-fifth session): a meteorological bureau, a postal operator, a research grant
    # agency and an international charity; each writer listed part-year figures against the year as never a
    # conflict (see docs/extraction.md)
    "examples-holdout-aj.yaml": (0.92, 0.47, 0.95, 3, False, False),
    "examples-holdout-ak.yaml": (0.89, 0.45, 0.95, 4, False, False),
    "examples-holdout-al.yaml": (0.96, 0.59, 0.95, 2, False, False),
    "examples-holdout-am.yaml": (0.92, 0.61, 0.95, 3, False, False),
    # the thirteenth survey (twenty-sixth session): a national statistics office, a county elections office, an EU
    # railway agency and a fisheries authority (first and later scores in docs/extraction.md)
    "examples-holdout-an.yaml": (0.92, 0.38, 0.95, 1, False, False),
    "examples-holdout-ao.yaml": (0.96, 0.43, 0.95, 0, False, True),
    "examples-holdout-ap.yaml": (0.95, 0.50, 0.95, 0, False, True),
    "examples-holdout-aq.yaml": (0.92, 0.57, 0.95, 6, False, False),
    # the fourteenth survey (the same session): a central bank, an Indian city corporation, a South African roads
    # department and a national museum
    "examples-holdout-ar.yaml": (0.93, 0.40, 0.95, 3, False, False),
    "examples-holdout-as.yaml": (0.93, 0.55, 0.95, 1, False, False),
    "examples-holdout-at.yaml": (0.88, 0.52, 0.95, 0, False, True),
    "examples-holdout-au.yaml": (0.92, 0.55, 0.95, 2, False, False),
    # the fifteenth survey (twenty-seventh session): a Canadian electricity utility, a Kenyan crops agency, a US state
    # corrections department, a European space agency, a Philippine disaster agency, a city-state housing board, an
    # Irish tourism body and a UK pension scheme (first and later scores in docs/extraction.md)
    "examples-holdout-av.yaml": (0.89, 0.41, 0.95, 0, False, False),
    "examples-holdout-aw.yaml": (0.93, 0.45, 0.95, 3, False, False),
    "examples-holdout-ax.yaml": (0.94, 0.44, 0.95, 0, False, False),
    "examples-holdout-ay.yaml": (0.94, 0.44, 0.95, 1, False, False),
    "examples-holdout-az.yaml": (0.94, 0.46, 0.95, 1, False, False),
    "examples-holdout-ba.yaml": (0.90, 0.49, 0.95, 3, False, True),
    "examples-holdout-bb.yaml": (0.93, 0.37, 0.95, 1, False, False),
    "examples-holdout-bc.yaml": (0.85, 0.44, 0.95, 5, False, False),
}


def test_every_gold_file_has_a_floor():
    assert sorted(p.name for p in GOLD.glob("*.yaml")) == sorted(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_are_at_or_above_the_floor(name):
    if name == "seeds.yaml" and not SEEDS.is_dir():
        pytest.skip("the verbatim seeds (../shared/seeds) are not beside this checkout")
    f1, attribution, bound, traps, all_findings, no_false_conflicts = FLOORS[name]
    e = run_eval(GOLD / name, cwd=REPO)
    t = e.totals
    assert t.f1 is not None and t.f1 >= f1, f"{name}: value F1 {t.f1:.3f} < {f1}"
    assert t.attribution is not None and t.attribution >= attribution, f"{name}: attribution {t.attribution:.3f}"
    assert t.bound is not None and t.bound >= bound, f"{name}: bound accuracy {t.bound:.3f}"
    assert t.trap_hits <= traps, [f"{d.file}: {h.trap}" for d in e.documents for h in d.trap_hits]
    if all_findings:
        missed = [f.expected.where for f in e.findings if not f.reported]
        assert not missed, f"{name}: expected findings not reported: {missed}"
    if no_false_conflicts:
        assert e.false_conflicts_violated == 0, [c.violated_by for c in e.false_conflicts if c.violated_by]
