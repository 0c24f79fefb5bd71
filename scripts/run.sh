#!/usr/bin/env bash
# Start DânVận with demo data on the embedded default: SQLite and a local job queue in DATA_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
export DATA_DIR="${DATA_DIR:-./var}"
PORT="${PORT:-8000}"
PY=.venv/bin/python

mkdir -p "$DATA_DIR"
$PY manage.py compilemessages --ignore=.venv -v 0
$PY manage.py migrate --noinput -v 0
$PY manage.py collectstatic --noinput -v 0
logins=$($PY manage.py seed_demo)

$PY manage.py run_huey --quiet >"$DATA_DIR/jobs.log" 2>&1 &
huey_pid=$!
trap 'kill $huey_pid 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  DânVận is running at http://localhost:${PORT}/
  Health: http://localhost:${PORT}/healthz · API docs: http://localhost:${PORT}/api/docs
  Data (SQLite, job queue, uploads): ${DATA_DIR}

$(echo "$logins" | sed 's/^/  /')

  Stop with Ctrl+C.
MSG
# --timeout 180: an XLSX export of a whole province-size list is written (40–60 s per 100,000
# rows, docs/benchmarks.md) before its first byte is sent; CSV streams from the first row.
.venv/bin/gunicorn config.wsgi:application --bind "0.0.0.0:${PORT}" --workers 2 --threads 4 \
  --timeout 180 --access-logfile - --env DJANGO_SETTINGS_MODULE="$DJANGO_SETTINGS_MODULE"
