"""The dialogue index: filtered, ordered by status and paginated in the
database, so its query count does not grow with the number of dialogues."""

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.db import connections
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    Value,
    Window,
)
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact
from django.utils import timezone
from wagtail.models import PageViewRestriction

from ..conf import delaktighet_settings
from ..converters import is_id
from ..forms.index_filters import DialogueFilterForm
from ..localized_snippets import page_locale_id
from ..models import (
    Area,
    Body,
    DialoguePage,
    DialogueStatus,
    InfluenceLevel,
    TargetGroup,
    Topic,
    order_by_status,
)
from ..models.influence import (
    LADDER_CACHE_ATTRIBUTE,
    ladder_for,
    ladder_rows,
    shown_levels,
)
from ..models.snippet_union import collect, union_of
from ..models.status import annotate_status_order, set_status, status_condition
from ..pagination import TOTAL, prepared_page
from ..prepared_sql import prepared_sql
from .index_cache import CachedChoices
from .index_card_cache import attach_cached_cards
from .index_cards import (
    area_ids,
    attach_final_feedback,
    attach_snippets,
    set_card_urls,
    show_cards_in_locale,
)
from .index_results import CARD_UNUSED, card_rows, listed_ids_query


def listed_dialogues(index_page):
    """The dialogues an index shows to the public: live, public children."""
    return DialoguePage.objects.child_of(index_page).live().public()


#: The snippets the filters offer: {form field: (model, dialogue relation)}.
CHOICES = {
    "topic": (Topic, "topics"),
    "area": (Area, "areas"),
    "body": (Body, "responsible_body"),
    "target_group": (TargetGroup, "target_groups"),
}

#: Stand-ins the index's queries are built with, once per database and shape
#: (prepared_sql.py): an index's path and its children's depth, the clock,
#: and the id of each filter. No real path has a "~"; the numbers are within
#: what an integer column holds (a lookup past that matches nothing, and
#: Django leaves it out of the SQL) and found nowhere else in the queries.
STAND_INS = {
    "path": "~dlk~idx~",
    "index_path": "~dlk~index~",
    "depth": 2_073_100_001,
    "now": datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC),
} | {
    name: 2_073_100_010 + n
    for n, name in enumerate(["topic", "area", "body", "level", "target_group"])
}


def public_children(values):
    """``listed_dialogues`` of the index whose path (``index_path``; as a
    prefix, ``path``) and children's depth ``values`` holds, with Wagtail's
    ``public()`` written as two subqueries: no view restriction on the
    dialogue itself, none on the index or its ancestors. Wagtail reads every
    restriction first, in a query of its own, and writes one condition per
    restriction; these have the same shape whatever the restrictions, and
    the database runs each once, not once per dialogue (the first as a
    NOT IN: PostgreSQL hashes its few ids rather than probing for each of
    the dialogues; page ids are never NULL)."""
    restricted = PageViewRestriction.objects.values("page_id")
    above = PageViewRestriction.objects.filter(
        # The restricted page's path is the start of the index's.
        Exact(
            F("page__path"),
            Substr(
                Value(values["index_path"], output_field=CharField()),
                1,
                Length("page__path"),
            ),
        )
    )
    return (
        DialoguePage.objects.filter(
            path__startswith=values["path"], depth=values["depth"], live=True
        )
        .exclude(id__in=restricted)
        .exclude(Exists(above))
    )


def prep_for(using):
    """The parameter each stand-in (or value) is among a compiled query's."""
    connection = connections[using]
    opens_at = DialoguePage._meta.get_field("opens_at")

    def prep(name, value):
        if name == "path":
            return connection.ops.prep_for_like_query(value) + "%"
        if name == "now":
            return opens_at.get_db_prep_value(value, connection)
        return value

    return prep


#: The values that say which dialogues an index lists.
LISTED = ("path", "index_path", "depth")


def choices_query(values):
    """The snippets the listed dialogues use, for the filters: one union."""
    listed = public_children(values).order_by()
    return union_of(
        {
            name: model.objects.filter(pk__in=listed.values(relation))
            for name, (model, relation) in CHOICES.items()
        }
    )


def listed_choice_rows(values, using):
    """The rows of ``choices_query`` for the index's listed dialogues."""
    sql, params = prepared_sql(
        ("index-choices",),
        choices_query,
        {name: STAND_INS[name] for name in LISTED},
        {name: values[name] for name in LISTED},
        prep=prep_for(using),
        using=using,
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def choices_from(rows):
    """{filter: [snippet, …]} from ``listed_choice_rows``."""
    return collect({name: model for name, (model, _) in CHOICES.items()}, rows)


def asked_ids(request):
    """{filter: id} of the snippet filters the request asks for."""
    asked = {}
    for name in (*CHOICES, "level"):
        value = request.GET.get(name)
        if value and is_id(value):
            asked[name] = int(value)
    return asked


def knows(choices, asked):
    """Whether each id asked for of the filters in ``choices`` is among them
    (if not, the database says whether it is listed: cached choices may be
    older than the database)."""
    return all(
        any(item.pk == pk for item in choices[name])
        for name, pk in asked.items()
        if name in choices
    )


def cached_ladder(request, asked):
    """The levels as ``ladder_rows`` keeps them, else (when they lack a level
    asked for: a cache older than the database) from the database."""
    ladder = ladder_rows({"request": request})
    if not knows({"level": ladder}, asked):
        ladder = list(InfluenceLevel.objects.order_by("sort_order", "pk"))
    # The badges read the same ladder (ladder_for).
    setattr(request, LADDER_CACHE_ATTRIBUTE, ladder)
    return ladder


def cached_choices(cached, asked):
    """The choices from the cache, if it has them and each id asked for."""
    rows = cached.rows
    if rows is None:
        return None
    choices = choices_from(rows)
    return choices if knows(choices, asked) else None


def results_query(status, filters):
    """The listed dialogues with the valid ``filters`` (names; their values
    and the ``status`` asked for come with the values), in status order,
    each row carrying the total (pagination.py)."""

    def build(values):
        queryset = order_by_status(
            annotate_status_order(public_children(values), values["now"])
        )
        if status:
            queryset = queryset.filter(status_condition(status, values["now"]))
        for name in filters:
            queryset = queryset.filter(
                **{DialogueFilterForm.LOOKUPS[name]: values[name]}
            )
        # The cards show none of the long texts: not read, not parsed.
        return queryset.defer(*CARD_UNUSED).annotate(
            area_ids=area_ids(), **{TOTAL: Window(Count("*"))}
        )

    build.shape = (status, tuple(filters))
    return build


def subpage_url(request, index_page, route_name):
    return subpage_below(index_page.get_url(request), index_page, route_name)


def subpage_below(index_url, index_page, route_name):
    if index_url is None:
        return None
    return index_url + index_page.reverse_subpage(route_name)


def results_page(build, values, using, start, stop):
    """Rows ``start`` to ``stop`` of the listing ``build`` makes: sorted and
    counted on ids, then read whole for the page only (index_results.py);
    as one query over whole rows where that cannot be joined."""
    listed = listed_ids_query(public_children, DialogueFilterForm.LOOKUPS, *build.shape)
    inner_sql, inner_params = prepared(
        ("index-listed", *build.shape), listed, values, using
    )
    rows = card_rows(inner_sql, inner_params, using, start, stop)
    if rows is not None:
        return rows
    sql, params = prepared(("index-results", *build.shape), build, values, using)
    sql = f"{sql} {connections[using].ops.limit_offset_sql(start, stop)}"
    return list(DialoguePage.objects.raw(sql, params))


def prepared(key, build, values, using):
    """``build(values)``'s SQL, compiled once per database and ``key``."""
    return prepared_sql(
        key,
        build,
        {name: STAND_INS[name] for name in values},
        values,
        prep=prep_for(using),
        using=using,
    )


def read_choices(values, using, cached):
    """The choices from the database, kept in the cache for the next
    requests."""
    rows = listed_choice_rows(values, using)
    cached.store(rows)
    return choices_from(rows)


def index_context(request, index_page):
    using = DialoguePage.objects.all().db
    now = timezone.now()
    values = {
        "path": index_page.path,
        "index_path": index_page.path,
        "depth": index_page.depth + 1,
        "now": now,
    }
    cached = CachedChoices(request, index_page.pk)
    asked = asked_ids(request)
    rows = cached_ladder(request, asked)
    # The steps in the index's locale; any locale's level finds its step.
    ladder = ladder_for({"request": request}, page_locale_id(index_page))
    levels = shown_levels(rows, ladder)
    choices = cached_choices(cached, asked)
    # Not cached, the snippets to choose from are read first only when an id
    # asks to be checked against them; otherwise after the dialogues, and not
    # at all when the index lists none.
    if choices is None and any(request.GET.get(name) for name in CHOICES):
        choices = read_choices(values, using, cached)
    form = DialogueFilterForm(request.GET)
    form.use_choices({**(choices or {}), "level": ladder})
    active = form.active_filters
    status = active.pop("status", None)
    values.update((name, value.pk) for name, value in active.items())
    # Status and lateness are worked out in Python for the page's dialogues
    # only; the database orders by dates and filters on the columns.
    build = results_query(status, sorted(active))
    page_obj = prepared_page(
        lambda start, stop: results_page(build, values, using, start, stop),
        lambda: build(values),
        delaktighet_settings.DIALOGUES_PER_PAGE,
        request.GET.get("page"),
    )
    paginator = page_obj.paginator
    if choices is None:
        if paginator.count or status or active:
            choices = read_choices(values, using, cached)
        else:
            choices = {name: [] for name in CHOICES}
            cached.store([])
        form.use_choices(choices)
    page_obj.object_list = list(page_obj.object_list)
    attach_snippets(page_obj.object_list, levels, choices)
    show_cards_in_locale(page_obj.object_list, page_locale_id(index_page))
    set_status(page_obj, now)
    for dialogue in page_obj:
        dialogue.status_label = DialogueStatus(dialogue.status).label
    attach_final_feedback(page_obj)
    index_url = index_page.get_url(request)
    set_card_urls(page_obj, index_page, index_url)
    attach_cached_cards(request, page_obj.object_list)

    filter_items = form.querystring_items()
    return {
        "filter_form": form,
        "filters_applied": bool(filter_items),
        "filter_querystring": urlencode(filter_items),
        "dialogues": page_obj,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(page_obj.number),
        "rss_url": subpage_below(index_url, index_page, "rss"),
        "activities_ical_url": subpage_below(index_url, index_page, "activities_ical"),
    }
