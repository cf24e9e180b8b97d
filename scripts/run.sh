#!/usr/bin/env bash
# Sets up the app on its embedded defaults and runs it at http://127.0.0.1:8000/:
# SQLite in db.sqlite3, e-mail written to var/mail/ by a Celery worker started alongside,
# no PostgreSQL or Redis needed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh requirements.txt
python manage.py migrate --noinput
if [ -n "${DJANGO_SUPERUSER_USERNAME:-}" ] && [ -n "${DJANGO_SUPERUSER_PASSWORD:-}" ]; then
  python manage.py createsuperuser --noinput 2>/dev/null \
    && echo "Created the administrator ${DJANGO_SUPERUSER_USERNAME}." \
    || echo "The administrator ${DJANGO_SUPERUSER_USERNAME} exists already."
fi

# Follow-up e-mails: a Celery worker with embedded beat (the periodic sweep), on the broker of the
# settings (the embedded file-system one in var/celery/ unless CELERY_BROKER_URL is set).
# It stops with the server; e-mails land in var/mail/.
mkdir -p var
# Links in the e-mails point at this server unless SITE_URL says otherwise.
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT:-8000}}"
pids=()
stop() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
celery -A resurfacing worker --beat --pool solo --loglevel=info \
  --schedule var/celerybeat-schedule &
pids+=("$!")
python manage.py runserver "${PORT:-8000}" &
pids+=("$!")
# Whichever stops first (Ctrl-C, or one of them failing) stops the other.
wait -n
