from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from ..blocks.consultation import BLOCK_ANCHOR_PREFIX
from ..blocks.form_cache import cached_fragment
from ..models.influence import ladder_for
from ..views.index_card_cache import cached_card

register = template.Library()


BADGE_TEMPLATE = "wagtail_delaktighet/includes/influence_badge.html"
BADGES_CACHE_ATTRIBUTE = "_wagtail_delaktighet_badges"


@register.simple_tag(takes_context=True)
def influence_badge(context, level, heading_level=None):
    """The influence level as a badge: name, "step 3 of 5", a ladder graphic that
    does not rely on colour, and a disclosure with the promise and explanation.

    Override the template ``wagtail_delaktighet/includes/influence_badge.html``
    to change how it looks. It sees only ``level``, ``step``, ``step_count``
    and ``steps``, so a badge is rendered once per level and request, however
    many cards on the page show it.
    """
    request = context.get("request")
    badges = None
    if request is not None:
        badges = getattr(request, BADGES_CACHE_ATTRIBUTE, None)
        if badges is None:
            badges = {}
            setattr(request, BADGES_CACHE_ATTRIBUTE, badges)
    key = (getattr(level, "pk", None), heading_level, get_language())
    if badges is not None and key in badges:
        return badges[key]
    template = context.template.engine.get_template(BADGE_TEMPLATE)
    # As an inclusion tag renders: a new context with the badge's values only.
    html = template.render(context.new(badge_context(context, level)))
    if badges is not None:
        badges[key] = html
    return html


def badge_context(context, level):
    if level is None:
        return {"level": None}
    ladder = ladder_for(context)
    # A step is found by its translation key: the page may name the level
    # in another locale than the one the ladder shows it in.
    keys = [step.translation_key for step in ladder]
    key = getattr(level, "translation_key", None)
    position = keys.index(key) + 1 if key in keys else None
    if position is not None:
        level = ladder[position - 1]
    return {
        "level": level,
        "step": position,
        "step_count": len(ladder),
        "steps": [
            {"level": step, "reached": position is not None and n <= position}
            for n, step in enumerate(ladder, start=1)
        ],
    }


@register.simple_tag(takes_context=True)
def consultation_block(context, child):
    """Render a block of a dialogue's body as ``{% include_block child %}``
    does, naming its block id: the block finds its form, results and action
    URL in the page's context itself (``ConsultationBlock.get_context``)."""
    block_context = context.flatten()
    block_context["block_id"] = child.id
    return child.render_as_block(context=block_context)


@register.filter
def messages_for(messages, anchor):
    """The messages the participate view left for one block."""
    return [message for message in messages or () if anchor in message.tags.split()]


@register.filter
def page_messages(messages):
    """The messages addressed to no block, for the page as a whole."""
    return [
        message
        for message in messages or ()
        if not any(tag.startswith(BLOCK_ANCHOR_PREFIX) for tag in message.tags.split())
    ]


@register.simple_tag
def field_widget(field):
    """A form field's widget, described by its help text and error message."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def addressee(value):
    """The label of a views or question block's ``addressed_to`` value."""
    from ..blocks.addressing import addressee_label

    return addressee_label(value)


class FormFieldsCacheNode(template.Node):
    def __init__(self, part, holder, nodelist):
        self.part = part
        self.holder = holder
        self.nodelist = nodelist

    def render(self, context):
        if self.holder is None:
            holder, form = context.get("state"), context.get("form")
        else:
            holder = self.holder.resolve(context)
            form = getattr(holder, "form", None)
        key = getattr(holder, "form_cache_key", None)
        # Only the holder's own fresh form: never a bound one (input, errors).
        if key is None or form is None or form is not holder.form or form.is_bound:
            return self.nodelist.render(context)
        return cached_fragment(key, self.part, lambda: self.nodelist.render(context))


@register.tag("dlk_form_fields_cache")
def dlk_form_fields_cache(parser, token):
    """``{% dlk_form_fields_cache "part" [holder] %}…{% enddlk_form_fields_cache %}``:
    the enclosed HTML of a fresh form, from Django's cache when it has it
    (blocks/form_cache.py). ``holder`` has the ``form`` and its
    ``form_cache_key``; by default the consultation block's ``state`` and
    ``form``. Put only what is the same for every visitor inside: never the
    CSRF token or ``submission_key``."""
    bits = token.split_contents()
    if len(bits) not in (2, 3) or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes the quoted name of the part it caches and, "
            "optionally, what holds the form and its key."
        )
    holder = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    nodelist = parser.parse(("enddlk_form_fields_cache",))
    parser.delete_first_token()
    return FormFieldsCacheNode(bits[1][1:-1], holder, nodelist)


class DialogueContentCacheNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        from ..views import dialogue_content_cache as content_cache
        from ..views.caching import OFFERS_FORM

        request = context.get("request")
        cached = context.get(content_cache.CACHED_CONTENT)
        if cached is not None:
            return content_cache.filled_in(cached, request)
        key = context.get(content_cache.CONTENT_KEY)
        if key is None:
            return self.nodelist.render(context)
        with context.push(csrf_token=content_cache.stand_in("csrf")):
            html = self.nodelist.render(context)
        html = content_cache.with_stand_ins(
            html, content_cache.fresh_submission_keys(context)
        )
        content_cache.store(key, html, bool(context.get(OFFERS_FORM)))
        return content_cache.filled_in(html, request)


@register.tag("dlk_dialogue_content_cache")
def dlk_dialogue_content_cache(parser, token):
    """``{% dlk_dialogue_content_cache %}…{% enddlk_dialogue_content_cache %}``
    in ``dialogue_page.html``: the enclosed content of a dialogue page, from
    Django's cache when it has it for this visitor
    (views/dialogue_content_cache.py). The page's view reads nothing else
    for a page served from the cache, so everything the enclosed part shows
    must be inside it."""
    bits = token.split_contents()
    if len(bits) != 1:
        raise template.TemplateSyntaxError(f"{bits[0]} takes no arguments.")
    nodelist = parser.parse(("enddlk_dialogue_content_cache",))
    parser.delete_first_token()
    return DialogueContentCacheNode(nodelist)


class IndexCardNode(template.Node):
    def __init__(self, dialogue, nodelist):
        self.dialogue = dialogue
        self.nodelist = nodelist

    def render(self, context):
        dialogue = self.dialogue.resolve(context)
        return cached_card(dialogue, lambda: self.nodelist.render(context))


@register.tag("dlk_index_card")
def dlk_index_card(parser, token):
    """``{% dlk_index_card dialogue %}…{% enddlk_index_card %}``: the
    enclosed card of one dialogue on the index, from Django's cache when the
    index read it there (views/index_card_cache.py). Put only what the card
    shows of the dialogue inside."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes the dialogue.")
    nodelist = parser.parse(("enddlk_index_card",))
    parser.delete_first_token()
    return IndexCardNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag
def content_language_attrs(page):
    """``lang="…" dir="…"`` for the element holding a page's content: the
    page's locale with Wagtail's i18n on, else the active language
    (content_language.py)."""
    from ..content_language import content_language

    code, direction = content_language(page)
    return format_html('lang="{}" dir="{}"', code, direction)
