"""The figure that ends a plain-text table's row, as text extraction and the measure reader both recognise it."""

# "2,597", "73.0%", "US$3.28 billion", "9,848 (2021)", "1,042 [1]": a figure with its scale, its bracketed year and a
# footnote marker, as an infobox or a flattened table prints them.
ROW_FIGURE = (
    r"(?:US|USD[ \t]?)?[$]?\d[\d,.]*(?:[ \t]*(?:thousand|million|billion|trillion))?%?"
    r"(?:[ \t]*\((?:FY[ \t]?)?(?:19|20)\d\d\)|[ \t]*\[\d{1,3}\])*"
)
