"""The handlers the pages call from their contexts and routes
(models/page_views.py), registered when the app is ready."""

from ..models.page_views import register
from .caching import keep_forms_private
from .calendar import activity_calendar, dialogue_calendar, index_calendar
from .common import base_context
from .dialogue import dialogue_context, dialogue_page_context
from .easy_read import easy_read
from .feedback import feedback_context
from .feeds import dialogue_rss
from .following import confirm, follow, unsubscribe
from .index import index_context
from .participate import participate
from .plan import plan_calendar, plan_context
from .register import register_context, register_rss


def register_page_views():
    register(
        base_context=base_context,
        index_context=index_context,
        dialogue_context=dialogue_context,
        dialogue_page_context=dialogue_page_context,
        feedback_context=feedback_context,
        keep_forms_private=keep_forms_private,
        dialogue_rss=dialogue_rss,
        index_calendar=index_calendar,
        dialogue_calendar=dialogue_calendar,
        activity_calendar=activity_calendar,
        participate=participate,
        register_context=register_context,
        plan_context=plan_context,
        plan_calendar=plan_calendar,
        register_rss=register_rss,
        follow=follow,
        confirm_following=confirm,
        unsubscribe=unsubscribe,
        easy_read=easy_read,
    )
