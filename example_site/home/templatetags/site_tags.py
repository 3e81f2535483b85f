from django import template

register = template.Library()


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or lies below it in the page tree."""
    return bool(page and section and page.path.startswith(section.path))
