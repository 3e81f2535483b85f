"""Dependencies point one way: the domain (models, blocks, participation and
the service packages) never imports the staff workspace (``admin``), the
public views (``views``) or the template tags, not even lazily inside a
function. The admin and the views build on the domain, never the other way
round.

One exception, narrow and checked: a page model is where Wagtail serves a
request, so a page's ``serve``, ``get_context`` and routable ``@path`` routes
hand the request to ``views`` (lazily, inside the method). Nothing else in the
domain may import ``views``, and nothing at all may import ``admin``.
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

#: Page methods through which Wagtail serves a request.
SERVING_METHODS = {"serve", "get_context"}


def module_name(path):
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_serving_method(function):
    if function.name in SERVING_METHODS:
        return True
    # RoutablePageMixin routes: @path(...), @re_path(...), @route(...)
    return any(
        isinstance(decorator, ast.Call)
        and getattr(decorator.func, "id", None) in {"path", "re_path", "route"}
        for decorator in function.decorator_list
    )


class ImportCollector(ast.NodeVisitor):
    """Collects (imported module, whether inside a serving method)."""

    def __init__(self, package):
        self.package = package
        self.imports = []
        self.serving = 0

    def visit_FunctionDef(self, node):
        serving = is_serving_method(node)
        self.serving += serving
        self.generic_visit(node)
        self.serving -= serving

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        for alias in node.names:
            self.imports.append((alias.name, bool(self.serving)))

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module
        self.imports.append((target, bool(self.serving)))
        if target == PACKAGE:
            # ``from .. import views`` imports a module by its name.
            for alias in node.names:
                self.imports.append((f"{target}.{alias.name}", bool(self.serving)))


def forbidden_imports(source, module, *, is_package=False):
    """The modules of the upper layers that ``source`` (the code of
    ``module``) imports, at the top or inside functions, relative imports
    resolved; ``views`` inside a page's serving methods excepted."""
    collector = ImportCollector(module if is_package else module.rpartition(".")[0])
    collector.visit(ast.parse(source))
    found = set()
    for name, in_serving_method in collector.imports:
        for layer in UPPER_LAYERS:
            prefix = f"{PACKAGE}.{layer}"
            if name != prefix and not name.startswith(f"{prefix}."):
                continue
            if layer == "views" and in_serving_method:
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


def test_only_a_pages_serving_methods_may_hand_over_to_the_views():
    source = """
class DialoguePage(RoutablePageMixin, Page):
    def get_context(self, request):
        from ..views.dialogue import dialogue_context

    @path("follow/", name="follow")
    def follow_dialogue(self, request):
        from ..views.following import follow

    def get_context_for_email(self):
        from ..views.common import base_context

    def serve(self, request):
        from ..admin.links import inbox_url
"""
    assert forbidden_imports(source, "wagtail_delaktighet.models.dialogue") == [
        "wagtail_delaktighet.admin.links",
        "wagtail_delaktighet.views.common",
    ]


def test_the_check_leaves_wagtail_and_django_alone():
    # Panels and forms come from Wagtail's admin: that is not ours.
    source = (
        "from wagtail.admin.panels import FieldPanel\nfrom django.views import View\n"
    )
    assert forbidden_imports(source, "wagtail_delaktighet.models.taxonomy") == []
