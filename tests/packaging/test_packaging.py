"""The release: the wheel carries everything a site needs at run time, the sdist
is the whole source (tests and docs included), and the metadata says what the
package needs and where it lives."""

import ast
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import HeaderParser
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import wagtail_delaktighet

REPO_DIR = Path(__file__).resolve().parents[2]
PACKAGE = "wagtail_delaktighet"
PYPROJECT = tomllib.loads((REPO_DIR / "pyproject.toml").read_text())


# Left out of the copy the release is built from: what a build or a tool leaves
# behind in the working tree, which a clean checkout does not have.
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "build",
    "dist",
    "var",
    "*.egg-info",
    "__pycache__",
    "*.py[cod]",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    "test-results",
    "*.sqlite3",
    "*.sqlite3-*",
    # The documentation site `make docs` builds.
    "site",
)


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """The sdist, and the wheel built from it (as `python -m build` does and as
    pip does from an sdist), from a copy of the working tree."""
    # Build from a copy: setuptools writes build/ and *.egg-info next to the
    # sources, and parallel test workers (pytest-xdist) may each build at once.
    source = tmp_path_factory.mktemp("source") / "repo"
    shutil.copytree(REPO_DIR, source, ignore=NOT_SOURCE)
    out_dir = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out_dir)],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (sdist,) = out_dir.glob("wagtail_delaktighet-*.tar.gz")
    (wheel,) = out_dir.glob("wagtail_delaktighet-*.whl")
    return source, sdist, wheel


@pytest.fixture(scope="module")
def wheel_names(release):
    _, _, wheel = release
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


@pytest.fixture(scope="module")
def sdist_names(release):
    """The sdist's file names, without the `wagtail_delaktighet-<version>/`
    directory they all sit in."""
    _, sdist, _ = release
    with tarfile.open(sdist) as archive:
        return {
            name.split("/", 1)[1]
            for name in archive.getnames()
            if "/" in name and not archive.getmember(name).isdir()
        }


def metadata_version(text):
    return HeaderParser().parsestr(text)["Version"]


def test_wheel_contains_templates_static_translations_and_migrations(wheel_names):
    def has(prefix, suffix):
        return any(n.startswith(prefix) and n.endswith(suffix) for n in wheel_names)

    assert has("wagtail_delaktighet/templates/wagtail_delaktighet/", ".html")
    assert has("wagtail_delaktighet/static/wagtail_delaktighet/", ".css")
    assert "wagtail_delaktighet/locale/sv/LC_MESSAGES/django.mo" in wheel_names
    assert "wagtail_delaktighet/locale/sv/LC_MESSAGES/django.po" in wheel_names
    assert has("wagtail_delaktighet/migrations/0001_", ".py")


def test_wheel_ships_the_typing_marker(wheel_names):
    # PEP 561: without it, type checkers ignore the package's type hints.
    assert "wagtail_delaktighet/py.typed" in wheel_names


def test_wheel_leaves_out_the_example_site_and_tests(wheel_names):
    assert not any(
        n.startswith(("example_site/", "tests/", "bench/")) for n in wheel_names
    )


def test_sdist_contains_the_whole_source_tests_and_docs(release, sdist_names):
    source, _, _ = release
    for name in (
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "pyproject.toml",
        "mkdocs.yml",
    ):
        assert name in sdist_names
    # Every file of the package, its tests (and what they import) and the docs.
    for top in (PACKAGE, "tests", "example_site", "bench", "tools", "docs"):
        files = {
            path.relative_to(source).as_posix()
            for path in (source / top).rglob("*")
            if path.is_file()
        }
        assert files, top
        assert files <= sdist_names, sorted(files - sdist_names)[:10]


def test_sdist_contains_the_packages_templates_static_and_compiled_translations(
    sdist_names,
):
    def has(prefix, suffix):
        return any(n.startswith(prefix) and n.endswith(suffix) for n in sdist_names)

    assert has("wagtail_delaktighet/templates/wagtail_delaktighet/", ".html")
    assert has("wagtail_delaktighet/static/wagtail_delaktighet/", ".css")
    assert "wagtail_delaktighet/locale/sv/LC_MESSAGES/django.mo" in sdist_names
    assert "wagtail_delaktighet/py.typed" in sdist_names


def test_the_version_has_one_source_the_package(release):
    _, sdist, wheel = release
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    with tarfile.open(sdist) as archive:
        pkg_info = archive.extractfile(f"{sdist.name[: -len('.tar.gz')]}/PKG-INFO")
        sdist_version = metadata_version(pkg_info.read().decode())
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = (n for n in archive.namelist() if n.endswith("/METADATA"))
        wheel_version = metadata_version(archive.read(metadata).decode())
    assert sdist_version == wheel_version == wagtail_delaktighet.__version__
    assert f"-{wagtail_delaktighet.__version__}" in wheel.name


def imported_top_level_modules(directory):
    """Every absolute import in the package's modules, by top-level name."""
    names = set()
    for path in directory.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_every_third_party_module_the_package_imports_is_a_declared_dependency():
    declared = {
        canonicalize_name(Requirement(req).name)
        for req in PYPROJECT["project"]["dependencies"]
    }
    distributions = packages_distributions()
    third_party = (
        imported_top_level_modules(REPO_DIR / PACKAGE)
        - set(sys.stdlib_module_names)
        - {PACKAGE}
    )
    undeclared = {
        module: distributions.get(module)
        for module in third_party
        if not declared & {canonicalize_name(d) for d in distributions.get(module, [])}
    }
    assert not undeclared


def test_the_test_extra_installs_the_test_browser_and_lint_extras():
    extras = PYPROJECT["project"]["optional-dependencies"]
    (requirement,) = (Requirement(r) for r in extras["test"])
    assert canonicalize_name(requirement.name) == "wagtail-delaktighet"
    assert requirement.extras == {"testing", "browser", "lint"}
    # What the Makefile and CI install.
    assert '-e ".[test]"' in (REPO_DIR / "Makefile").read_text()
    assert '-e ".[test]"' in (REPO_DIR / ".ci/run").read_text()


def test_pre_commit_runs_the_ruff_that_the_lint_extra_pins():
    (pin,) = PYPROJECT["project"]["optional-dependencies"]["lint"]
    requirement = Requirement(pin)
    assert requirement.name == "ruff"
    (specifier,) = requirement.specifier
    assert specifier.operator == "=="
    config = (REPO_DIR / ".pre-commit-config.yaml").read_text()
    match = re.search(r"astral-sh/ruff-pre-commit\n\s+rev: v(\S+)", config)
    assert match, "no ruff-pre-commit hook in .pre-commit-config.yaml"
    assert match[1] == specifier.version


def test_readme_links_are_absolute_and_name_files_in_the_repository():
    # The README is also the package index's project page, where a relative
    # link leads nowhere.
    homepage = PYPROJECT["project"]["urls"]["Homepage"]
    readme = (REPO_DIR / "README.md").read_text()
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert targets
    for target in targets:
        assert target.startswith("https://"), target
        if not target.startswith(homepage + "/"):
            continue
        path = re.sub(r"^/(blob|tree)/main/", "", target[len(homepage) :])
        assert path != target[len(homepage) :], target
        assert (REPO_DIR / path.split("#")[0]).exists(), target


def test_project_urls_point_into_the_repository():
    urls = PYPROJECT["project"]["urls"]
    homepage = urls["Homepage"]
    assert set(urls) >= {"Homepage", "Documentation", "Changelog", "Issues"}
    assert all(url.startswith(homepage) for url in urls.values())
    assert urls["Changelog"].endswith("/CHANGELOG.md")
