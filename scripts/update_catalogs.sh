#!/usr/bin/env bash
# Messages: extract the marked messages of src/ into the template, merge it into the vi and en
# catalogs, and compile them (the compiled .mo files ship in the package and are committed).
# Translate new or changed entries in src/vanban_nlp/locale/vi/LC_MESSAGES/vanban_nlp.po, then
# run this again; tests/test_i18n.py fails while a message is untranslated or a .mo is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
LOCALE=src/vanban_nlp/locale
"$PYBABEL" extract -F babel.cfg --no-location --sort-output --no-default-keywords \
    -k N_ -k Nn_:1,2 -k _ -k ngettext:1,2 --project vanban-nlp --copyright-holder vanban-nlp \
    -o "$LOCALE/vanban_nlp.pot" .
"$PYBABEL" update -i "$LOCALE/vanban_nlp.pot" -d "$LOCALE" -D vanban_nlp --no-fuzzy-matching \
    --ignore-obsolete -w 110
"$PYBABEL" compile -d "$LOCALE" -D vanban_nlp --statistics
