# Sourced by the other scripts: makes .venv with Python 3.11 and installs the given
# requirements file when it changed since the last install, then activates the venv.
requirements="$1"
if [ ! -x .venv/bin/python ]; then
  python=$(command -v python3.11 || command -v python3)
  "$python" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' 2>/dev/null || {
    echo "Python 3.11 is required (found: $("$python" --version 2>&1))" >&2
    exit 2
  }
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$requirements")"
if ! cat requirements*.txt | cmp -s - "$stamp"; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  cat requirements*.txt > "$stamp"
fi
# shellcheck disable=SC1091
. .venv/bin/activate
