"""What extraction remembers between pages (per configuration, the last page's lower-cased text) never leaks
from one page or configuration into another."""

from __future__ import annotations

import datetime as dt

from claimcheck.claims import subjects
from claimcheck.claims.lowered import lower_cased
from claimcheck.claims.perconfig import per_configuration
from claimcheck.config import ExtractionSettings, Rename, SubjectSpec

NTA = ExtractionSettings(subjects=(SubjectSpec("NTA", ("Northbridge Transit Authority",)),))
RENAME = Rename("Office of Investigations", None, dt.date(2010, 6, 1))
HSI = ExtractionSettings(subjects=(SubjectSpec("HSI", ("Homeland Security Investigations",), (RENAME,)),))


def test_per_configuration_answers_for_the_settings_asked_about():
    calls = []

    @per_configuration
    def ids(settings: ExtractionSettings) -> tuple[str, ...]:
        calls.append(settings)
        return tuple(s.id for s in settings.subjects)

    assert [ids(s) for s in (NTA, HSI, NTA, NTA, HSI)] == [("NTA",), ("HSI",), ("NTA",), ("NTA",), ("HSI",)]
    assert calls == [NTA, HSI]  # equal settings, other object: the lru_cache answers
    copy = ExtractionSettings(subjects=NTA.subjects)
    assert copy is not NTA and ids(copy) == ("NTA",) and len(calls) == 2


def test_a_pages_own_names_stay_on_that_page():
    defines = "The Harbor City Port Authority (HCPA) and the Northbridge Transit Authority run the port."
    plain = "The HCPA and the Northbridge Transit Authority run the port."
    own = subjects.build_matcher(NTA, defines)
    assert [m.subject for m in own.find(defines)] == ["HCPA", "HCPA", "NTA"]
    shared = subjects.build_matcher(NTA, plain)
    assert shared is subjects.build_matcher(NTA, "Nothing defined here.")  # the configuration's own matcher
    assert "hcpa" not in shared.names and "HCPA" not in shared.names
    assert [m.subject for m in shared.find(plain)] == ["NTA"]
    assert [m.subject for m in subjects.build_matcher(NTA, defines).find(defines)] == ["HCPA", "HCPA", "NTA"]


def test_a_former_names_abbreviation_is_dated_on_the_page_that_defines_it():
    page = "In 2008 the Office of Investigations (OI) opened 30 cases."
    matcher = subjects.build_matcher(HSI, page)
    assert matcher.former.get("OI") == dt.date(2010, 6, 1)
    assert "OI" not in subjects.build_matcher(HSI, "HSI opened 30 cases.").former


def test_lower_cased_is_the_lower_case_of_the_text_asked_about():
    a = "Über ICE"
    b = "".join(["Über", " ", "ICE"])  # equal, another object
    for text in (a, a, "HSI", b, a, "", b):
        assert lower_cased(text) == text.lower()
