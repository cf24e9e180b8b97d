#!/usr/bin/env bash
# Collects every marked message into locale/<language>/LC_MESSAGES/django.po and djangojs.po
# (Django's makemessages, which needs GNU gettext: apt-get install gettext), then compiles them
# to the .mo files the app reads (Babel, pure Python). Commit the .po and .mo files together;
# tests/test_translations.py fails on a message left untranslated or a .mo older than its .po.
#   scripts/translations.sh            every language in settings.AVAILABLE_LANGUAGES but English
#   scripts/translations.sh --compile  only compile (no gettext needed)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh requirements-dev.txt
languages=$(python -c 'import os; os.environ["DJANGO_SETTINGS_MODULE"] = "resurfacing.settings"
from django.conf import settings; print(" ".join(c for c in settings.AVAILABLE_LANGUAGES if c != "en"))')
if [ "${1:-}" != "--compile" ]; then
  ignore=(--ignore=".venv/*" --ignore="benchmarks/*" --ignore="tests/*" --ignore="var/*"
          --ignore="static/vendor/*" --ignore="staticfiles/*" --ignore="test-artifacts/*")
  for language in $languages; do
    python manage.py makemessages --no-obsolete --add-location=file -l "$language" "${ignore[@]}"
    python manage.py makemessages --no-obsolete --add-location=file -d djangojs -l "$language" "${ignore[@]}"
  done
fi
for language in $languages; do
  for domain in django djangojs; do
    [ -f "locale/$language/LC_MESSAGES/$domain.po" ] || continue
    pybabel --quiet compile -d locale -l "$language" -D "$domain"
  done
done
