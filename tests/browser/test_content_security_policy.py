"""Every public page and block under ``Content-Security-Policy: default-src
'self'``, in a real browser: no inline script, style attribute, style element
or event handler is blocked, and nothing logs an error.

The live server sends the header (``SECURE_CSP`` in the tests' settings,
through Django's middleware or, before Django 6.0, the tests' own). A script
added before any page's own (Playwright's init script, which the policy does
not govern) reports every ``securitypolicyviolation`` event; Chromium also
logs each blocked resource as a console error, which is counted too.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.browser.test_feedback_accessibility import full_feedback, take_part
from tests.dialogues.dialogue_parts import make_full_dialogue
from tests.feedback.support import make_feedback
from tests.participation.support import (
    every_block,
    poll,
    publish_body,
    survey,
    views,
)
from wagtail_delaktighet.admin import links
from wagtail_delaktighet.models import (
    Contact,
    Contribution,
    ContributionStatus,
    OfficialResponse,
    Subscription,
)
from wagtail_delaktighet.models.feedback import FeedbackKind

pytestmark = pytest.mark.django_db(transaction=True)

POLICY = "default-src 'self'"

RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.recordViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} `
    + `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""


@pytest.fixture
def policy(settings):
    settings.SECURE_CSP = {"default-src": ["'self'"]}


@pytest.fixture
def guarded_page(browser, live_server, policy):
    """A browser page that keeps every policy violation, console error and
    script error it meets, in ``page.problems``."""
    context = browser.new_context(locale="sv-SE", base_url=live_server.url)
    problems = []
    context.expose_function(
        "recordViolation", lambda text: problems.append(f"violation: {text}")
    )
    context.add_init_script(RECORD_VIOLATIONS)
    # The site has no icon; the browser's request for one is not the pages'.
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and problems.append(f"console: {message.text} ({page.url})")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.problems = problems
    yield page
    context.close()


def settle(page):
    """Let the events of the page's last tasks reach the test before it
    looks, so a violation cannot slip past into the next page."""
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")


def visit(page, path, status=200):
    seen = len(page.problems)
    response = page.goto(path)
    assert response.status == status, path
    assert response.headers.get("content-security-policy") == POLICY, path
    settle(page)
    if status != 200:
        # Chromium logs an error status as an error; here it is what was asked.
        expected = f"the server responded with a status of {status}"
        page.problems[seen:] = [p for p in page.problems[seen:] if expected not in p]
    return response


def submit(page, section):
    with page.expect_navigation() as navigation:
        section.locator("button[type=submit]").click()
    # The page the post leads to is under the policy too.
    assert navigation.value.headers.get("content-security-policy") == POLICY
    settle(page)


def assert_no_problems(page):
    assert not page.problems, "\n".join(page.problems)


@pytest.fixture
def dialogue(ladder, make_dialogue, body_factory):
    """A dialogue with every section filled in and every consultation block,
    a published view and a signed answer to a question."""
    page = make_full_dialogue(make_dialogue, body_factory, count=3)
    dialogue = publish_body(page, every_block())
    Contribution.objects.create(
        page=dialogue.page,
        block_id=dialogue.block("views").id,
        block_type="views",
        content={"text": "Bänkarna behöver bytas.", "addressed_to": "both"},
        status=ContributionStatus.PUBLISHED,
        display_name="Kim",
    )
    asked = Contribution.objects.create(
        page=dialogue.page,
        block_id=dialogue.block("question").id,
        block_type="question",
        content={"question": "När börjar bygget?", "addressed_to": "elected"},
        status=ContributionStatus.PUBLISHED,
    )
    OfficialResponse.objects.create(
        contribution=asked,
        signed_by=Contact.objects.create(
            name="Anna Lindqvist",
            kind=Contact.Kind.ELECTED,
            title="Ordförande",
            body=body_factory("Kultur- och fritidsnämnden"),
        ),
        text="Bygget börjar i april.",
        published_at=timezone.now(),
    )
    return dialogue


def block_section(page, block):
    return page.locator(f"section#{block.anchor}")


def test_the_harness_catches_an_inline_style_and_script(guarded_page):
    # Proves the recorder can fail: a page of its own with the same policy.
    url = "http://csp.test/"
    guarded_page.route(
        url,
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": POLICY},
            body='<p style="color: red">x</p><script>document.title = "x"</script>',
        ),
    )
    guarded_page.goto(url)
    settle(guarded_page)
    violations = [p for p in guarded_page.problems if p.startswith("violation")]
    assert any("style-src-attr" in v for v in violations), guarded_page.problems
    assert any("script-src-elem" in v for v in violations), guarded_page.problems
    assert guarded_page.title() == ""


def test_the_home_page_index_and_dialogue_page(dialogue, dialogue_index, guarded_page):
    visit(guarded_page, "/")
    visit(guarded_page, dialogue_index.url)
    visit(guarded_page, f"{dialogue_index.url}?status=open&area=999")
    visit(guarded_page, dialogue.page.url)
    assert guarded_page.locator("section#follow").count() == 1
    # The badge's disclosure, opened.
    guarded_page.locator("details.dlk-badge__details summary").first.click()
    settle(guarded_page)
    # The package's own script did run: the policy allows it, from 'self'.
    assert guarded_page.evaluate(
        "[...document.scripts].some(s => s.src.endsWith('focus.js'))"
    )
    visit(guarded_page, "/finns-inte/", status=404)
    visit(guarded_page, "/konto/logga-in/")
    assert_no_problems(guarded_page)


def test_every_block_open_rejected_and_answered(dialogue, guarded_page):
    visit(guarded_page, dialogue.page.url)

    # A rejected survey: the error summary, focused by the package's script.
    survey_block = dialogue.block("survey")
    submit(guarded_page, block_section(guarded_page, survey_block))
    assert guarded_page.url.endswith(f"#{survey_block.anchor}-errors")
    assert (
        block_section(guarded_page, survey_block)
        .locator(".dlk-error-summary")
        .is_visible()
    )

    # A vote: the receipt, the results and the offer to follow.
    poll_block = dialogue.block("poll")
    poll_section = block_section(guarded_page, poll_block)
    poll_section.locator("input[type=radio]").first.check()
    submit(guarded_page, poll_section)
    assert guarded_page.url.endswith(f"#{poll_block.anchor}-receipt")
    assert poll_section.locator(".dlk-results__row").count() == 3

    # A view and a question, each with its receipt.
    for name in ("views", "question"):
        block = dialogue.block(name)
        section = block_section(guarded_page, block)
        section.locator("textarea").first.fill("Fler bänkar vid dammen.")
        submit(guarded_page, section)
        assert guarded_page.url.endswith(f"#{block.anchor}-receipt")
        assert section.locator(".dlk-notice--success").is_visible()

    # A place marked on the map: Leaflet and the package's map script run
    # under the policy, with tiles from the site itself (conftest.py).
    map_block = dialogue.block("map")
    map_section = block_section(guarded_page, map_block)
    canvas = map_section.locator(".dlk-map__canvas.leaflet-container")
    canvas.locator(".leaflet-tile-loaded").first.wait_for()
    canvas.click()
    map_section.locator("input[type=radio]").first.check()
    map_section.locator("textarea").first.fill("Mörkt vid dammen.")
    submit(guarded_page, map_section)
    assert guarded_page.url.endswith(f"#{map_block.anchor}-receipt")
    assert_no_problems(guarded_page)


def test_following_a_dialogue(dialogue, guarded_page):
    visit(guarded_page, dialogue.page.url)
    follow = guarded_page.locator("section#follow")
    follow.locator("input[type=email]").fill("karin.example.com")
    submit(guarded_page, follow)
    assert guarded_page.url.endswith("#dlk-follow-errors")
    follow.locator("input[type=email]").fill("karin@example.com")
    submit(guarded_page, follow)
    subscription = Subscription.objects.get(email="karin@example.com")

    page = dialogue.page
    visit(
        guarded_page,
        page.url + page.reverse_subpage("follow_confirm", args=(subscription.token,)),
    )
    submit(guarded_page, guarded_page.locator("main"))
    visit(
        guarded_page,
        page.url
        + page.reverse_subpage("follow_unsubscribe", args=(subscription.token,)),
    )
    submit(guarded_page, guarded_page.locator("main"))
    assert_no_problems(guarded_page)


def test_feedback_pages_and_closed_dialogues(
    ladder, make_dialogue, body_factory, guarded_page
):
    dialogue = publish_body(make_dialogue(), [survey(), poll(), views()])
    take_part(dialogue)
    page = dialogue.page
    # Closed, so the poll's results and every chart are public.
    type(page).objects.filter(pk=page.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    page.refresh_from_db()
    make_feedback(page, kind=FeedbackKind.INTERIM, title="Halvvägs")
    feedback = full_feedback(page, body_factory())

    visit(guarded_page, feedback.url)
    assert guarded_page.locator("figure.dlk-chart").count() == 5
    for summary in guarded_page.locator("details.dlk-chart__data summary").all():
        summary.click()
    settle(guarded_page)
    visit(guarded_page, page.url)

    now = timezone.now()
    late = make_dialogue(
        title="Sen återkoppling",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        feedback_promised_on=(now - timedelta(days=5)).date(),
    )
    visit(guarded_page, late.url)
    assert guarded_page.locator(".dlk-notice--late").is_visible()
    assert_no_problems(guarded_page)


@pytest.fixture
def staff_page(guarded_page, editor, live_server, settings):
    # Wagtail's admin reaches other sites for two things, both settings
    # (docs/security.md): avatars from Gravatar and the check for a new
    # release. A site with this policy turns them off.
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False
    client = Client()
    client.force_login(editor)
    guarded_page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    return guarded_page


def test_the_packages_admin_screens(dialogue, staff_page):
    view = Contribution.objects.filter(block_type="views").first()
    for url in [
        "/admin/",
        links.inbox_url(),
        links.dialogue_contributions_url(dialogue.page),
        links.detail_url(view),
        links.respond_url(view),
        reverse(links.url_name("offline"), args=[dialogue.page.pk]),
        links.outbox_report_url(),
        links.overdue_report_url(),
        links.quick_start_url(),
    ]:
        visit(staff_page, url)
    assert_no_problems(staff_page)
