from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailDelaktighetConfig(AppConfig):
    name = "wagtail_delaktighet"
    label = "wagtail_delaktighet"
    verbose_name = _("Citizen participation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the system checks and the settings reload signal handler.
        from . import (  # noqa: F401
            checks,
            conf,
            deploy_checks,
            frontend_cache,
            signals,
        )
        from .following import notifications
        from .participation import counters
        from .publishing import enforcement
        from .views import index_cache
        from .views.page_views import register_page_views

        # A deleted contribution leaves the stored results.
        counters.connect()
        # Followers hear when final feedback is published (P6).
        notifications.connect()
        # Feedback goes offline with its dialogue.
        enforcement.connect()
        # Integrators hear when feedback is published (signals.py).
        signals.connect()
        # Participation purges the dialogue from a front-end cache.
        frontend_cache.connect()
        # The dialogue index's cached choices are renewed when they change.
        index_cache.connect()
        # The pages hand their requests to the views (models/page_views.py).
        register_page_views()
        build_routable_page_resolvers()


def build_routable_page_resolvers():
    """Build every routable page type's URL resolver now, in one thread.

    Wagtail builds it on a page type's first request and stores it on the
    class; in a threaded server, two first requests at once could fail with
    "dictionary changed size during iteration" while one thread read the
    class's attributes and another stored the resolver there. Also the
    project's own routable pages."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            model.get_resolver()
