"""The figures of plain-text rows, and where a line opens, as text extraction and the readers of figures share them."""

# "2,597", "73.0%", "US$3.28 billion", "€18,456,720.00", "US$5.4 b", "9,848 (2021)", "1,042 [1]", "8,300+", "1,200 (as of June 2023)": a
# figure with its scale, its bracketed year or date and a footnote marker, as an infobox or a flattened table prints them.
ROW_FIGURE = (
    r"(?:US|USD[ \t]?)?[$€£₹₱]?\d[\d,.]*(?:[ \t]*(?:thousand|million|billion|trillion|bn|[bmBM](?![\w.])))?%?\+?"
    r"(?:[ \t]*\((?:FY[ \t]?|as[ \t]of[ \t][A-Z][a-z]{2,8}\.?[ \t](?:\d{1,2},[ \t])?)?(?:19|20)\d\d(?:[ \t]est\.)?\)"
    r"|[ \t]*\[\d{1,3}\])*"
)

# One figure of a row that a PDF's text copy lays out with single spaces: "68,211", "$ 1,200", "(3.4)", "12.5%", "–"
# (never "0199": a phone number's part)
SPACED_FIGURE = r"(?:[-–(]?(?:[$€£][ \t]?)?(?!0\d)\d(?:[\d,]*\d)?(?:\.\d+)?%?\)?[*†‡]?|[-–—]|n/a)"

# Such a row: its label, then two figures or more to the line's end ("Total operating income 68,211 100.0 121,719"):
# a table's row, whose columns only its header can name
FIGURES_ROW = r"(?P<label>[A-Z(][^\n]{0,80}?[A-Za-z)*:.])(?P<figures>(?:[ \t]+" + SPACED_FIGURE + r"){2,12})[ \t]*"

# One column's unit on the line under a flattened table's header: "$'000", "£m", "(000s)", "%"
UNIT_TOKEN = r"\(?(?:[$€£][ \t]?'?(?:000s?|m|bn|k)|'?000s?|%)\)?"

# "58 billion", "$4.1", "410,000": the figure a row opens with, before the dash to its label ("410,000 — number of
# career employees")
ROW_FIGURE_FIRST = r"[$]?\d[\d,.]*(?:[ \t]+(?:thousand|million|billion|trillion))?"

# Only white space and a bullet since the start of the line (or of the text): a figure or a word here opens its line.
LINE_OPENING = r"(?:\A|\n)[ \t\u00a0•*·▪‣◦○■□►➢-]*\Z"

# A side box's label glued to the figure after it, from its line's start: "Sworn Officers" in "Sworn Officers35,030[1]",
# "Police boats", "K-9 units" (never "COVID19" or "FY2024": the label ends in two lower-case letters).
GLUED_LABEL = r"[ \t]*[A-Z][A-Za-z0-9 '’&/-]{0,40}[a-z]{2}"
