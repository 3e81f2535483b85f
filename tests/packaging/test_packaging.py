"""The built wheel carries everything a site needs at run time."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[2]


# Left out of the copy the wheel is built from: what a build or a tool leaves
# behind in the working tree, which a clean checkout does not have.
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "build",
    "dist",
    "var",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.sqlite3",
)


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    # Build from a copy: setuptools writes build/ and *.egg-info next to the
    # sources, and parallel test workers (pytest-xdist) may each build at once.
    source = tmp_path_factory.mktemp("source") / "repo"
    shutil.copytree(REPO_DIR, source, ignore=NOT_SOURCE)
    out_dir = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out_dir),
        ],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (wheel,) = out_dir.glob("wagtail_delaktighet-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_wheel_contains_templates_static_translations_and_migrations(wheel_names):
    def has(prefix, suffix):
        return any(n.startswith(prefix) and n.endswith(suffix) for n in wheel_names)

    assert has("wagtail_delaktighet/templates/wagtail_delaktighet/", ".html")
    assert has("wagtail_delaktighet/static/wagtail_delaktighet/", ".css")
    assert "wagtail_delaktighet/locale/sv/LC_MESSAGES/django.mo" in wheel_names
    assert "wagtail_delaktighet/locale/sv/LC_MESSAGES/django.po" in wheel_names
    assert has("wagtail_delaktighet/migrations/0001_", ".py")


def test_wheel_leaves_out_the_example_site_and_tests(wheel_names):
    assert not any(
        n.startswith(("example_site/", "tests/", "bench/")) for n in wheel_names
    )
