"""The translations are complete and compiled: every language the project offers besides
English has every message translated, none fuzzy, and .mo files compiled from their .po files
as they are now; the .po files hold every message the code marks."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings

from tests.conftest import skip_or_fail

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code in settings.AVAILABLE_LANGUAGES if code != "en"]
# django.po for each language; djangojs.po too once the JavaScript shows text of its own.
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def test_every_language_offered_besides_english_has_its_catalog():
    assert {path.parts[-3] for path in CATALOGS if path.name == "django.po"} == set(TRANSLATED)


def read(path):
    with path.open("rb") as po:
        return read_po(po)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: str(path.relative_to(LOCALE)))
def test_every_message_is_translated_and_none_is_fuzzy(path):
    catalog = read(path)
    assert not catalog.fuzzy, "the catalog's header is marked fuzzy"
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (message.fuzzy or not all(message.string if message.pluralizable else [message.string]))
    ]
    assert untranslated == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: str(path.relative_to(LOCALE)))
def test_the_compiled_catalog_is_compiled_from_the_catalog_as_it_is(path):
    compiled = io.BytesIO()
    write_mo(compiled, read(path))
    assert path.with_suffix(".mo").read_bytes() == compiled.getvalue(), (
        "compile it again: scripts/translations.sh --compile"
    )


def test_the_catalogs_hold_every_message_the_code_marks(tmp_path):
    """makemessages over a copy of the project adds no message to the committed catalogs."""
    if shutil.which("xgettext") is None:
        skip_or_fail("needs GNU gettext's xgettext (apt-get install gettext)")
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    ignored = shutil.ignore_patterns(
        ".venv", ".git", "var", "test-artifacts", "staticfiles", "node_modules", "__pycache__"
    )
    shutil.copytree(base, copy, ignore=ignored, symlinks=True)
    (copy / ".venv").symlink_to(base / ".venv")
    subprocess.run(["bash", "scripts/translations.sh"], cwd=copy, check=True, capture_output=True)
    for path in CATALOGS:
        fresh = {message.id for message in read(copy / path.relative_to(base)) if message.id}
        committed = {message.id for message in read(path) if message.id}
        assert fresh == committed, f"run scripts/translations.sh: {path.relative_to(base)}"
