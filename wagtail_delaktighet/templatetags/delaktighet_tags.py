from django import template

from ..models import InfluenceLevel

register = template.Library()

LADDER_CACHE_ATTRIBUTE = "_wagtail_delaktighet_ladder"


def ladder_for(context):
    """The ordered ladder, loaded once per request however many badges show."""
    request = context.get("request")
    ladder = getattr(request, LADDER_CACHE_ATTRIBUTE, None)
    if ladder is None:
        ladder = list(InfluenceLevel.objects.order_by("sort_order", "pk"))
        if request is not None:
            setattr(request, LADDER_CACHE_ATTRIBUTE, ladder)
    return ladder


@register.inclusion_tag(
    "wagtail_delaktighet/includes/influence_badge.html", takes_context=True
)
def influence_badge(context, level, heading_level=None):
    """The influence level as a badge: name, "step 3 of 5", a ladder graphic that
    does not rely on colour, and a disclosure with the promise and explanation.

    Override the template ``wagtail_delaktighet/includes/influence_badge.html``
    to change how it looks.
    """
    if level is None:
        return {"level": None}
    ladder = ladder_for(context)
    pks = [step.pk for step in ladder]
    position = pks.index(level.pk) + 1 if level.pk in pks else None
    return {
        "level": level,
        "step": position,
        "step_count": len(ladder),
        "steps": [
            {"level": step, "reached": position is not None and n <= position}
            for n, step in enumerate(ladder, start=1)
        ],
    }
