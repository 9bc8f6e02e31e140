"""A page's "Long Name (ABBR)" definitions: the long name is the run of name words just before the
parenthesis, within one paragraph."""

from __future__ import annotations

from claimcheck.claims import subjects
from claimcheck.config import ExtractionSettings, SubjectSpec

HCPA = ExtractionSettings(subjects=(SubjectSpec("HCPA", ("Harbor City Port Authority",)),))


def test_a_name_does_not_reach_back_over_a_blank_line():
    for gap in ("\n\n", "\n \n", "\r\n\r\n", "\n\n\n"):
        text = f"Who We Are{gap}Harbor City Port Authority (HCPA) runs the port."
        assert subjects.definitions(text, {}) == {"HCPA": "HCPA", "harbor city port authority": "HCPA"}, repr(gap)


def test_a_name_wrapped_over_one_line_break_is_still_one_name():
    text = "The Office of the\nPrincipal Legal Advisor (OPLA) litigates cases."
    assert subjects.definitions(text, {}) == {"OPLA": "OPLA", "office of the\nprincipal legal advisor": "OPLA"}


def test_a_heading_above_a_configured_definition_leaves_the_configured_matcher():
    # The configured name defined again under a heading adds nothing: every such page shares one matcher.
    page = "Who We Are\n\nHarbor City Port Authority (HCPA) runs the port."
    assert subjects.build_matcher(HCPA, page) is subjects.build_matcher(HCPA, "Nothing defined here.")
