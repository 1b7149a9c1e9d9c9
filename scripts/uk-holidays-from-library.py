#!/usr/bin/env python3
# Writes tests/fixtures/uk-holidays-library-2000-2035.tsv: the UK bank holidays of 2000-2035 for
# each division as the Python `holidays` library (https://pypi.org/project/holidays/) gives them,
# a second check of the rules in src/domain/calendar.rs that does not rest on gov.uk's file
# (tests/calendar_library.rs reads it). Run by hand, from the repository's root, not in CI:
#
#   python3 -m venv /tmp/holidays-venv && /tmp/holidays-venv/bin/pip install 'holidays==0.109' && /tmp/holidays-venv/bin/python scripts/uk-holidays-from-library.py > tests/fixtures/uk-holidays-library-2000-2035.tsv
#
# To move to a newer release, change the pinned version in that command (here and in README.md),
# run it, and resolve every disagreement the test then reports, with a cited announcement.
#
# The output is the library's data unchanged, weekend dates included (it lists a holiday on its
# nominal date and the weekday it moves to as "(observed)"). Wales is checked to be identical to
# England, since the project has one division for both.

import sys
from datetime import date

import holidays

YEARS = range(2000, 2036)
# The project's division keys (src/domain/calendar.rs) and the library's subdivision codes.
DIVISIONS = [
    ("england-and-wales", "ENG"),
    ("scotland", "SCT"),
    ("northern-ireland", "NIR"),
]


def library(subdiv: str) -> dict[date, str]:
    # Every category the library has for the UK, so that nothing it holds goes unchecked.
    categories = holidays.country_holidays("GB").supported_categories
    days = holidays.country_holidays(
        "GB", subdiv=subdiv, years=YEARS, categories=categories, language="en_GB"
    )
    return dict(sorted(days.items()))


def main() -> int:
    england, wales = library("ENG"), library("WLS")
    if england != wales:
        print(
            "the library's Wales differs from England: the file's one england-and-wales list "
            "would not hold for both; see its data before going on",
            file=sys.stderr,
        )
        return 1
    out = sys.stdout
    out.write(
        "# The UK's holidays by the Python `holidays` library, one a line: division, date, name.\n"
        f"# holidays version: {holidays.__version__}\n"
        f"# years: {YEARS.start}-{YEARS.stop - 1}; Wales is the library's England (checked equal)\n"
        "# Written by scripts/uk-holidays-from-library.py (the command is at its top); not edited by\n"
        "# hand. Read by tests/calendar_library.rs.\n"
    )
    for key, subdiv in DIVISIONS:
        for day, name in library(subdiv).items():
            # A day with two holidays is listed as "A; B"; the test needs only the date.
            out.write(f"{key}\t{day.isoformat()}\t{name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
