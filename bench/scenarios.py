"""What a run measures, each figure against its baseline."""

import sys
import uuid

from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from wagtail_delaktighet.models import DialoguePage
from wagtail_delaktighet.participation import counters

from . import measure
from .data import Site
from .forms import VALID_POST
from .report import Figure, markdown

#: The targets, as ratios to each figure's baseline (docs/performance.md);
#: where a target applies to one size only, the figure is the one for that size.
PAGE_TARGET = 1.5
SAME_AS_SMALL = 1.10
INDEX_TARGET = 1.5
BARE_TARGET = 0.70
FORM_PAGE_TARGET = 1.0
EXPORT_MEMORY_MIB = 150
API_TARGET = 1.5
API_LISTING = 100
#: The feedback page over a survey of this many responses, in milliseconds.
FEEDBACK_RESPONSES = 400
FEEDBACK_MS = 50


def say(text):
    """Progress, on stderr: the table alone goes to stdout."""
    print(text, file=sys.stderr, flush=True)


def get(client, url, name):
    def action():
        return client.get(url)

    action.__name__ = name
    return action


def compare(name, size, ours, baseline, baseline_name, runs, **extra):
    """A figure with times, query counts and the ratio ours / baseline."""
    ours_time, base_time = measure.interleaved([ours, baseline], runs)
    ours_q, base_q = measure.queries(ours), measure.queries(baseline)
    figure = Figure(
        name, size, ours_time, base_time, baseline_name, ours_time / base_time, **extra
    )
    figure.notes.append(f"queries {ours_q} / {base_q}")
    return figure


def at_most(figure, limit):
    figure.target = f"≤ {limit:.2f}×"
    figure.met = figure.ratio <= limit
    return figure


def run(args):
    site = Site()
    anonymous = Client()
    admin = Client()
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    admin.force_login(user)
    figures = []

    dialogues = {}
    for size in args.contributions:
        say(f"{size:,} contributions: building")
        index = site.dialogue_index(f"dialogues-{size}")
        page = site.dialogue(index, with_body=True)
        voter, dialogue = site.contribute(page, size)
        dialogues[size] = (page, voter, dialogue)
        site.form_submissions(size)
        say(f"{size:,} contributions: measuring")
        figures += contribution_figures(site, page, voter, size, anonymous, admin, args)

    smallest, largest = args.contributions[0], args.contributions[-1]
    if largest != smallest:
        big, big_voter, _ = dialogues[largest]
        small, small_voter, _ = dialogues[smallest]
        figures.append(
            at_most(
                compare(
                    "Dialogue page, itself at the smallest size",
                    f"{largest:,} vs {smallest:,} contributions",
                    get(big_voter, big.url, "big_dialogue"),
                    get(small_voter, small.url, "small_dialogue"),
                    f"{smallest:,} contributions",
                    args.runs,
                ),
                SAME_AS_SMALL,
            )
        )

    listing = get(anonymous, site.listing.url, "plain_listing")
    for count in args.dialogues:
        say(f"{count:,} dialogues")
        index = site.dialogue_index(f"index-{count}")
        site.fill_index(index, count)
        for query, label in (("", ""), ("?status=open", ", filtered")):
            figures.append(
                at_most(
                    compare(
                        f"Dialogue index{label}",
                        f"{count:,} dialogues",
                        get(anonymous, index.url + query, "dialogue_index"),
                        listing,
                        "plain listing of 20 pages",
                        args.runs,
                    ),
                    INDEX_TARGET,
                )
            )

    say("feedback page")
    figures.append(feedback_figure(site, anonymous, args.runs))

    say("API listing")
    figures.append(api_figure(site, index, anonymous, count, args.runs))

    say("submissions")
    page, _voter, dialogue = dialogues[largest]
    figures += submission_figures(site, dialogue, args.runs)
    return markdown(figures, profile_text(args))


def api_figure(site, index, client, count, runs):
    """Wagtail's API v2 listing of dialogues with all their fields, against
    the same listing of as many plain pages."""
    limit = min(API_LISTING, count)
    plain = site.plain_pages(limit)
    url = reverse("wagtailapi:pages:listing")

    def listing(parent, page_type):
        query = f"?type={page_type}&child_of={parent.pk}&fields=*&limit={limit}"
        return get(client, url + query, f"api_{page_type}")

    return at_most(
        compare(
            "API v2 listing, all fields",
            f"{limit:,} dialogues",
            listing(index, "wagtail_delaktighet.DialoguePage"),
            listing(plain, "home.HomePage"),
            "as many plain pages",
            runs,
        ),
        API_TARGET,
    )


def feedback_figure(site, client, runs):
    """A final feedback page with the survey's charts, against a plain page;
    its target is a server time, not a ratio."""
    index = site.dialogue_index("feedback")
    feedback = site.feedback_page(index, FEEDBACK_RESPONSES)
    figure = compare(
        "Feedback page with survey charts",
        f"{FEEDBACK_RESPONSES:,} responses",
        get(client, feedback.url, "feedback_page"),
        get(client, site.plain.url, "plain_page"),
        "plain Wagtail page",
        runs,
    )
    figure.target = f"< {FEEDBACK_MS} ms"
    figure.met = figure.ours * 1000 < FEEDBACK_MS
    return figure


def profile_text(args):
    contributions = ", ".join(f"{n:,}" for n in args.contributions)
    dialogues = ", ".join(f"{n:,}" for n in args.dialogues)
    return (
        f"{args.profile}; contributions {contributions}; dialogues {dialogues}; "
        f"{args.runs} interleaved runs; {connection.vendor}"
    )


def contribution_figures(site, page, voter, size, anonymous, admin, args):
    label = f"{size:,} contributions"
    figures = [
        at_most(
            compare(
                "Dialogue page, every block type (as a voter)",
                label,
                get(voter, page.url, "dialogue_page"),
                get(anonymous, site.plain.url, "plain_page"),
                "plain Wagtail page",
                args.runs,
            ),
            PAGE_TARGET,
        ),
        afresh_figure(site, page, voter, label, anonymous, args.runs),
        results_figure(page, label, args.runs),
    ]
    figures.append(export_figure(site, page, admin, label, args.runs))
    return figures


def afresh_figure(site, page, voter, label, anonymous, runs):
    """The same page rendered afresh, as after every change to what it shows
    (a new contribution raises its results version and the next view renders
    it again): the cost that the cached content saves. No target: the
    figure above is what a visitor gets between changes."""

    def dialogue_page_afresh():
        counters.raise_version(page.pk)
        return voter.get(page.url)

    figure = compare(
        "Dialogue page rendered afresh (as a voter, after a change)",
        label,
        dialogue_page_afresh,
        get(anonymous, site.plain.url, "plain_page"),
        "plain Wagtail page",
        runs,
    )
    figure.notes.append("includes raising the results version (one UPDATE)")
    return figure


def results_figure(page, label, runs):
    """Every block's results as the feedback page asks for them (the
    dialogue closed) against one GROUP BY over the same answers."""
    closed = DialoguePage.objects.get(pk=page.pk)
    closed.status = "closed"
    blocks = [
        child for child in closed.body if getattr(child.block, "is_consultation", False)
    ]

    class Done:
        status_code = 200
        content = b""

    def results():
        for child in blocks:
            child.block.summary_charts(child.value, page=closed, block_id=child.id)
        return Done()

    def group_by():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT block_id, question_key, value, COUNT(*) "
                "FROM wagtail_delaktighet_contributionanswer "
                "WHERE page_id = %s GROUP BY block_id, question_key, value",
                [page.pk],
            )
            cursor.fetchall()
        return Done()

    return compare(
        "Results (every block's charts)",
        label,
        results,
        group_by,
        "SQL GROUP BY",
        runs,
    )


def export_figure(site, page, admin, label, runs):
    """The admin's CSV export against FormPage's, in time; its memory as the
    peak resident memory of a process of its own for each (the target), and
    the Python allocations in this process (``tracemalloc``) beside it."""
    ours_url = (
        reverse("wagtail_delaktighet_admin:dialogue", args=[page.pk]) + "?export=csv"
    )
    theirs_url = (
        reverse("wagtailforms:list_submissions", args=[site.form_page.pk])
        + "?export=csv"
    )
    ours = get(admin, ours_url, "contributions_export")
    theirs = get(admin, theirs_url, "form_page_export")
    figure = compare("CSV export", label, ours, theirs, "FormPage's export", runs)
    ours_rss, theirs_rss = measure.peak_rss(ours_url), measure.peak_rss(theirs_url)
    figure.notes.append(
        f"peak RSS {ours_rss['peak_mib']:.0f} / {theirs_rss['peak_mib']:.0f} MiB "
        f"(a process of its own, {ours_rss['before_mib']:.0f} MiB before the request)"
    )
    ours_mib, theirs_mib = measure.peak_memory(ours), measure.peak_memory(theirs)
    figure.notes.append(
        f"Python allocations (tracemalloc) {ours_mib:.1f} / {theirs_mib:.1f} MiB"
    )
    figure.target = f"≤ {FORM_PAGE_TARGET:.2f}×, ≤ {EXPORT_MEMORY_MIB} MiB peak RSS"
    figure.met = (
        figure.ratio <= FORM_PAGE_TARGET and ours_rss["peak_mib"] <= EXPORT_MEMORY_MIB
    )
    return figure


def submission_figures(site, dialogue, runs):
    """The survey's HTML post against a bare Django view and a FormPage
    post of the same fields; throughput ratios (baseline time / ours)."""
    client = Client()
    client.get(dialogue.page.url)
    block = dialogue.block("survey")
    from tests.participation.support import valid_fields

    fields = valid_fields(block)
    form_url = Page.objects.get(pk=site.form_page.pk).url
    form_data = site.form_post()

    def ours():
        response = block.post(client, fields, submission_key=uuid.uuid4().hex)
        # A browser follows the redirect, and the page it gets reads the
        # receipt message. This client does not: it drops the message as that
        # page would, or hundreds would pile up in its cookie and then in its
        # session, each post reading and writing them all.
        client.cookies.pop(CookieStorage.cookie_name, None)
        return response

    def bare():
        return client.post(reverse("bench_bare"), VALID_POST)

    def form_page():
        return client.post(form_url, form_data)

    floor_url = reverse("bench_floor", args=(dialogue.page.pk,))

    def floor():
        return client.post(floor_url, VALID_POST)

    figures = []
    for baseline, name, target in (
        (bare, "bare Django view", BARE_TARGET),
        (form_page, "Wagtail FormPage", FORM_PAGE_TARGET),
    ):
        figure = compare(
            "Submission throughput (survey POST)",
            "one post",
            ours,
            baseline,
            name,
            runs,
        )
        figure.ratio = figure.baseline / figure.ours
        figure.target = f"≥ {target:.2f}×"
        figure.met = figure.ratio >= target
        figures.append(figure)
    figures.append(floor_figure(floor, bare, runs))
    return figures


def floor_figure(floor, bare, runs):
    """The ceiling of the submission's ratio to the bare view: the rows a
    submission must write, in one transaction, with none of the package's
    other work (bench/views.py, ``floor_submission``). No target."""
    figure = compare(
        "Submission floor: the required writes alone",
        "one post",
        floor,
        bare,
        "bare Django view",
        runs,
    )
    figure.ratio = figure.baseline / figure.ours
    figure.notes.append("the ceiling of the row above; no target")
    return figure
