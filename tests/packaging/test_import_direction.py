"""Dependencies point one way: the domain (models, blocks, participation and
the service packages) never imports the staff workspace (``admin``), the
public views (``views``) or the template tags, not even lazily inside a
function. The admin and the views build on the domain, never the other way
round: a page hands a request to the views through the handlers the views
register (``models/page_views.py``), not by importing them.
"""

import ast
from pathlib import Path

import wagtail_delaktighet

PACKAGE = "wagtail_delaktighet"
ROOT = Path(wagtail_delaktighet.__file__).parent

#: The modules and packages that must not depend on the layers above them.
DOMAIN = [
    "models",
    "blocks",
    "participation",
    "moderation",
    "feedback",
    "following",
    "mail",
    "publishing",
    "api",
    "conf",
    "converters",
    "fields",
    "permissions",
    "log_actions",
    "tasks",
]

#: What the domain must not import.
UPPER_LAYERS = ["admin", "views", "templatetags"]


def module_name(path):
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


class ImportCollector(ast.NodeVisitor):
    """Collects the modules imported, at the top or inside functions."""

    def __init__(self, package):
        self.package = package
        self.imports = []

    def visit_Import(self, node):
        for alias in node.names:
            self.imports.append(alias.name)

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module
        self.imports.append(target)
        if target == PACKAGE:
            # ``from .. import views`` imports a module by its name.
            for alias in node.names:
                self.imports.append(f"{target}.{alias.name}")


def forbidden_imports(source, module, *, is_package=False):
    """The modules of the upper layers that ``source`` (the code of
    ``module``) imports, at the top or inside functions, relative imports
    resolved."""
    collector = ImportCollector(module if is_package else module.rpartition(".")[0])
    collector.visit(ast.parse(source))
    found = set()
    for name in collector.imports:
        for layer in UPPER_LAYERS:
            prefix = f"{PACKAGE}.{layer}"
            if name != prefix and not name.startswith(f"{prefix}."):
                continue
            found.add(name)
    return sorted(found)


def domain_files():
    for name in DOMAIN:
        path = ROOT / name
        if path.is_dir():
            yield from sorted(path.rglob("*.py"))
        else:
            yield path.with_suffix(".py")


def test_the_domain_imports_neither_the_admin_nor_the_views():
    found = {}
    for path in domain_files():
        bad = forbidden_imports(
            path.read_text(encoding="utf-8"),
            module_name(path),
            is_package=path.name == "__init__.py",
        )
        if bad:
            found[module_name(path)] = bad
    assert found == {}


def test_every_domain_module_is_checked():
    # A renamed module must not drop out of the check unnoticed.
    for name in DOMAIN:
        assert (ROOT / name).is_dir() or (ROOT / f"{name}.py").is_file(), name
    assert len(list(domain_files())) > 30


def test_the_check_finds_top_level_lazy_and_relative_imports():
    source = """
from ..admin.links import inbox_url
from wagtail_delaktighet import views
import wagtail_delaktighet.templatetags.delaktighet_tags

def describe(page):
    from ..views.dialogue import dialogue_context
    from .. import admin
"""
    assert forbidden_imports(source, "wagtail_delaktighet.models.dialogue") == [
        "wagtail_delaktighet.admin",
        "wagtail_delaktighet.admin.links",
        "wagtail_delaktighet.templatetags.delaktighet_tags",
        "wagtail_delaktighet.views",
        "wagtail_delaktighet.views.dialogue",
    ]


def test_the_check_resolves_imports_relative_to_a_package():
    # In moderation/__init__.py, "." is the moderation package itself.
    source = "from .views import x\nfrom ..views import y\n"
    assert forbidden_imports(
        source, "wagtail_delaktighet.moderation", is_package=True
    ) == ["wagtail_delaktighet.views"]


def test_a_pages_serving_methods_may_not_import_the_views_either():
    source = """
class DialoguePage(RoutablePageMixin, Page):
    def get_context(self, request):
        from ..views.dialogue import dialogue_context

    @path("follow/", name="follow")
    def follow_dialogue(self, request):
        from ..views.following import follow
"""
    assert forbidden_imports(source, "wagtail_delaktighet.models.dialogue") == [
        "wagtail_delaktighet.views.dialogue",
        "wagtail_delaktighet.views.following",
    ]


def test_the_check_leaves_wagtail_and_django_alone():
    # Panels and forms come from Wagtail's admin: that is not ours.
    source = (
        "from wagtail.admin.panels import FieldPanel\nfrom django.views import View\n"
    )
    assert forbidden_imports(source, "wagtail_delaktighet.models.taxonomy") == []
