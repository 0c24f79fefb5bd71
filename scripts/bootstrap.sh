#!/usr/bin/env bash
# Install everything DânVận needs on a fresh Debian machine of this kind, then the Python
# environment from uv.lock. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: Chromium for the browser journeys (never a downloaded browser), fonts with
# Vietnamese glyphs metric-compatible with Times New Roman, gettext for translations, poppler for
# reading PDFs in tests, Pango for WeasyPrint.
APT_PACKAGES=(chromium fonts-liberation2 gettext poppler-utils libpango-1.0-0 libpangoft2-1.0-0 sqlite3)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# uv from PyPI when the machine does not have it.
if ! command -v uv >/dev/null 2>&1; then
  echo "==> Installing uv from PyPI"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi

export UV_PYTHON_DOWNLOADS=never
uv sync --frozen --quiet
