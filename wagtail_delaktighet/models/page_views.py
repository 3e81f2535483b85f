"""The views behind the pages' contexts and routes, looked up by name.

A Wagtail page serves itself (``serve``, ``get_context``, its routable
paths), but the work belongs to the public views, which build on the models
and not the other way round. The views register their handlers here when the
app is ready (``views/page_views.py``); the pages call them by name, so no
model imports a view (docs/developers/code-layout.md).
"""

from django.core.exceptions import ImproperlyConfigured

_handlers = {}


def register(**handlers):
    """Register the callables the pages call, by name."""
    _handlers.update(handlers)


def page_view(name):
    """The handler registered as ``name``."""
    try:
        return _handlers[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No page view {name!r} is registered: wagtail_delaktighet's app "
            "config registers them when the app is ready; is "
            "'wagtail_delaktighet' in INSTALLED_APPS?"
        ) from None
