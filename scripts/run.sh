#!/usr/bin/env bash
# Sets up the app on its embedded defaults and runs it at http://127.0.0.1:8000/:
# SQLite in db.sqlite3, e-mail written to var/mail/, no PostgreSQL or Redis needed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh requirements.txt
python manage.py migrate --noinput
if [ -n "${DJANGO_SUPERUSER_USERNAME:-}" ] && [ -n "${DJANGO_SUPERUSER_PASSWORD:-}" ]; then
  python manage.py createsuperuser --noinput 2>/dev/null \
    && echo "Created the administrator ${DJANGO_SUPERUSER_USERNAME}." \
    || echo "The administrator ${DJANGO_SUPERUSER_USERNAME} exists already."
fi
exec python manage.py runserver "${PORT:-8000}"
