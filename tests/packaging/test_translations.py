"""The Swedish catalogue is complete: every later feature is held to this."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "wagtail_delaktighet"
PO_FILE = PACKAGE_DIR / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def _entries(catalogue):
    return {(e.msgctxt, e.msgid, e.msgid_plural): e for e in catalogue}


def test_swedish_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(PO_FILE))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"Untranslated Swedish strings: {untranslated}"
    assert not fuzzy, f"Fuzzy Swedish strings: {fuzzy}"


def test_compiled_catalogue_matches_the_po_file():
    po = _entries(polib.pofile(str(PO_FILE)))
    mo = _entries(polib.mofile(str(MO_FILE)))
    stale = [
        key[1]
        for key, entry in po.items()
        if not entry.obsolete
        and (
            key not in mo
            or mo[key].msgstr != entry.msgstr
            or mo[key].msgstr_plural != entry.msgstr_plural
        )
    ]
    assert not stale, f"Run `make messages`: {MO_FILE.name} is stale for {stale}"


def test_every_translatable_string_in_the_source_is_in_the_catalogue(tmp_path):
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is needed to extract strings.")
    copy = tmp_path / "wagtail_delaktighet"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale",
            "sv",
            "--no-obsolete",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
    )
    extracted = polib.pofile(str(copy / "locale/sv/LC_MESSAGES/django.po"))
    committed = _entries(polib.pofile(str(PO_FILE)))
    missing = [
        e.msgid
        for e in extracted
        if (e.msgctxt, e.msgid, e.msgid_plural) not in committed
    ]
    assert not missing, f"Run `make messages` and translate: {missing}"
