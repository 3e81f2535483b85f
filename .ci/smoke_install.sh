#!/usr/bin/env bash
# Build the wheel, make a brand-new project with `wagtail start`, apply the
# three install steps from docs/installation.md, then `migrate` and `check`.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$REPO/.venv/bin/python" -m build --wheel --no-isolation --outdir "$WORK/dist" "$REPO" >/dev/null
WHEEL=$(ls "$WORK"/dist/wagtail_delaktighet-*.whl)
echo "Built $(basename "$WHEEL")"

python3 -m venv "$WORK/venv"
PY="$WORK/venv/bin/python"
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet wagtail
cd "$WORK"
"$WORK/venv/bin/wagtail" start municipality >/dev/null
cd municipality

# Step 1: pip install.
"$PY" -m pip install --quiet "$WHEEL"

# Step 2: INSTALLED_APPS.
"$PY" - <<'PYEOF'
from pathlib import Path
path = Path("municipality/settings/base.py")
text = path.read_text()
text = text.replace(
    "INSTALLED_APPS = [\n",
    'INSTALLED_APPS = [\n    "wagtail_delaktighet",\n    "wagtail.contrib.settings",\n    "drf_spectacular_sidecar",\n',
    1,
)
path.write_text(text)
PYEOF

# Step 3: the URL include.
"$PY" - <<'PYEOF'
from pathlib import Path
path = Path("municipality/urls.py")
text = path.read_text()
text = text.replace(
    "urlpatterns = [\n",
    'urlpatterns = [\n    path("delaktighet/", include("wagtail_delaktighet.urls")),\n',
    1,
)
path.write_text(text)
PYEOF
grep -n "wagtail_delaktighet" municipality/settings/base.py municipality/urls.py

"$PY" manage.py migrate --noinput >/dev/null
"$PY" manage.py check --fail-level WARNING
"$PY" manage.py showmigrations wagtail_delaktighet
echo "Smoke test passed: the wheel installs into a new Wagtail project."
