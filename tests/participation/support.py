"""Build a dialogue with consultation blocks and take part in it through the
test client, the way a citizen's browser does: post a block's form to its
participation URL, follow the redirect, read the page."""

import re
import uuid
from datetime import date

from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from wagtail_delaktighet.models import Contribution, DialoguePage
from wagtail_delaktighet.participation import service

#: A receipt reference: ``D-<year>-<6 digits>``.
RECEIPT = re.compile(r"\bD-(\d{4})-(\d{6})\b")


def override_delaktighet(**values):
    """``override_settings`` for ``WAGTAIL_DELAKTIGHET`` that keeps the test
    settings' other entries (the registered ``suggestion_box`` block)."""
    return override_settings(
        WAGTAIL_DELAKTIGHET={**settings.WAGTAIL_DELAKTIGHET, **values}
    )


# -- block values, as an editor fills them in -----------------------------

SURVEY_QUESTIONS = [
    {"question": "Vad heter din gata?", "kind": "short_text", "required": False},
    {"question": "Beskriv parken", "kind": "long_text", "required": True},
    {
        "question": "Vilken entré använder du?",
        "kind": "single_choice",
        "options": ["Norra", "Södra", "Östra"],
        "required": True,
    },
    {
        "question": "Vad gör du i parken?",
        "kind": "multiple_choice",
        "options": ["Promenerar", "Grillar", "Spelar boll"],
        "required": False,
    },
    {"question": "Hur trygg känner du dig?", "kind": "scale", "required": True},
    {"question": "Vill du ha fler bänkar?", "kind": "yes_no", "required": False},
]


def survey(questions=SURVEY_QUESTIONS):
    return (
        "survey",
        {
            "heading": "Enkät om parken",
            "introduction": "Svara på några frågor.",
            "questions": [
                {"options": [], "help_text": "", **question} for question in questions
            ],
        },
    )


def poll(show_results="after_voting", options=("Röd", "Blå", "Grön")):
    return (
        "poll",
        {
            "question": "Vilken färg ska bänkarna ha?",
            "help_text": "Välj en färg.",
            "options": list(options),
            "show_results": show_results,
        },
    )


def views(publication="after_moderation", heading="Tyck till om parken"):
    return (
        "views",
        {
            "heading": heading,
            "prompt": "Vad vill du göra i parken?",
            "addressed_to": "both",
            "publication": publication,
        },
    )


def question():
    return (
        "question",
        {"heading": "Ställ en fråga", "prompt": "", "addressed_to": "elected"},
    )


def ideas(publication="after_moderation", categories=("Lek", "Natur")):
    return (
        "ideas",
        {
            "heading": "Idéer för parken",
            "prompt": "Vad skulle göra parken bättre?",
            "categories": list(categories),
            "publication": publication,
        },
    )


def evaluation():
    return (
        "evaluation",
        {"heading": "Vad tyckte du om dialogen?", "introduction": ""},
    )


def suggestion_box():
    return ("suggestion_box", {"prompt": "Vad föreslår du?"})


def wish_list():
    """The test project's block built on Django's own MultipleChoiceField."""
    return ("wish_list", {"prompt": "Vad önskar du dig?"})


def map_block(publication="after_moderation", categories=("Otryggt", "Idé")):
    """A map block over Älvby (south 59.0, west 17.0, north 60.0, east 18.5)."""
    return (
        "map",
        {
            "heading": "Markera på kartan",
            "prompt": "Var känns det otryggt i parken?",
            "categories": list(categories),
            "publication": publication,
            "centre_latitude": 59.5,
            "centre_longitude": 17.75,
            "zoom": 12,
            "south": 59.0,
            "west": 17.0,
            "north": 60.0,
            "east": 18.5,
        },
    )


def points(total=10, options=("Bänkar", "Belysning", "Lekplats")):
    return (
        "points",
        {
            "heading": "Fördela poängen",
            "introduction": "",
            "options": list(options),
            "points": total,
        },
    )


def ranking(options=("Bänkar", "Belysning", "Lekplats")):
    return (
        "ranking",
        {
            "heading": "Rangordna förslagen",
            "introduction": "",
            "options": list(options),
        },
    )


def budget(
    total=100_000,
    costs=(("Bänkar", 40_000), ("Belysning", 70_000), ("Lekplats", 50_000)),
):
    return (
        "budget",
        {
            "heading": "Medborgarbudget",
            "introduction": "",
            "budget": total,
            "options": [{"title": title, "cost": cost} for title, cost in costs],
        },
    )


def every_block():
    """One of each consultation block, after a content block."""
    return [
        ("paragraph", "<p>Parken ska rustas upp.</p>"),
        survey(),
        poll(),
        views(),
        question(),
        suggestion_box(),
        ideas(),
        evaluation(),
        map_block(),
        points(),
        ranking(),
        budget(),
    ]


# -- the page and its blocks ----------------------------------------------


class BlockOnPage:
    """One consultation block of a published dialogue, as the tests use it."""

    def __init__(self, page, child):
        self.page = page
        self.child = child
        self.id = child.id
        self.block_type = child.block_type
        self.value = child.value

    @property
    def url(self):
        """Where the block's form posts: the package's participation URL."""
        return reverse("wagtail_delaktighet:participate", args=(self.page.pk, self.id))

    @property
    def subpage_url(self):
        """The page's own participate route, which forms posted to before."""
        return self.page.url + self.page.reverse_subpage("participate", args=(self.id,))

    @property
    def anchor(self):
        return f"dlk-block-{self.id}"

    def name(self, field):
        """The posted name of one of the block's form fields."""
        return f"dlk-{self.id}-{field}"

    def field_id(self, field):
        """The HTML id of a field, which the error summary links to."""
        return f"id_{self.name(field)}"

    def option_ids(self, list_value=None):
        """Ids of a poll's options (or of any options ListBlock value)."""
        list_value = self.value["options"] if list_value is None else list_value
        return [item.id for item in list_value.bound_blocks]

    def question(self, kind):
        """(form field, question id, option ids) of the survey's question of a
        kind."""
        for item in self.value["questions"].bound_blocks:
            if item.value["kind"] == kind:
                return f"q_{item.id}", item.id, self.option_ids(item.value["options"])
        raise LookupError(kind)

    def form_data(self, fields=None, *, submission_key=None):
        data = {self.name("submission_key"): submission_key or uuid.uuid4().hex}
        for field, value in (fields or {}).items():
            data[self.name(field)] = value
        return data

    def post(self, client, fields=None, *, submission_key=None):
        return client.post(
            self.url, self.form_data(fields, submission_key=submission_key)
        )

    def contributions(self):
        return Contribution.objects.filter(page=self.page, block_id=self.id)

    def section(self, response):
        """The block's ``<section>`` in a rendered page."""
        soup = BeautifulSoup(response.content, "html.parser")
        section = soup.find(id=self.anchor)
        assert section is not None, f"no block {self.anchor} on the page"
        return section


class DialogueWithBlocks:
    def __init__(self, page):
        self.page = page
        self.blocks = [
            BlockOnPage(page, child)
            for child in page.body
            if getattr(child.block, "is_consultation", False)
        ]

    def block(self, block_type, index=0):
        return [b for b in self.blocks if b.block_type == block_type][index]

    def content_block_id(self):
        return next(
            child.id
            for child in self.page.body
            if not getattr(child.block, "is_consultation", False)
        )

    def get(self, client, **params):
        return client.get(self.page.url, params)


def publish_body(page, body):
    page.body = body
    page.save_revision().publish()
    return DialogueWithBlocks(DialoguePage.objects.get(pk=page.pk))


def valid_fields(block):
    """A valid filled-in form for any of the blocks in ``every_block()``."""
    if block.block_type == "survey":
        _field, _id, entrances = block.question("single_choice")
        return {
            block.question("long_text")[0]: "Mörk om kvällarna.",
            block.question("single_choice")[0]: entrances[0],
            block.question("scale")[0]: "3",
        }
    if block.block_type == "poll":
        return {"choice": block.option_ids()[0]}
    if block.block_type == "views":
        return {"text": "Fler bänkar vid dammen."}
    if block.block_type == "question":
        return {"question": "När börjar bygget?"}
    if block.block_type == "suggestion_box":
        return {"suggestion": "Bygg en scen", "mood": "happy"}
    if block.block_type == "ideas":
        return {"title": "En plaskdamm", "description": "För de minsta barnen."}
    if block.block_type == "evaluation":
        return {
            "purpose_clear": "4",
            "influence_understood": "3",
            "expects_feedback": "5",
        }
    if block.block_type == "map":
        return {
            "category": block.option_ids(block.value["categories"])[0],
            "comment": "Mörkt vid dammen.",
            "latitude": "59.5",
            "longitude": "17.75",
        }
    if block.block_type == "wish_list":
        return {"wishes": ["shade"]}
    if block.block_type == "points":
        first, second, *_rest = block.option_ids()
        return {f"points_{first}": 6, f"points_{second}": 4}
    if block.block_type == "ranking":
        return {
            f"rank_{option_id}": str(rank)
            for rank, option_id in enumerate(block.option_ids(), start=1)
        }
    if block.block_type == "budget":
        return {"chosen": block.option_ids()[:1]}
    raise LookupError(block.block_type)


def submit(block, fields, **kwargs):
    """Store a contribution through the participation service."""
    submission = service.submit(block.page, block.id, block.form_data(fields), **kwargs)
    assert submission.accepted, submission.form.errors
    return submission.contribution


# -- what a response says ---------------------------------------------------


def text_of(element):
    return " ".join(element.get_text(" ").split())


def assert_redirected_to_block(response, block):
    assert response.status_code == 302, response.content.decode()[:2000]
    # To the receipt, which the browser then focuses (its tabindex is -1).
    assert response["Location"] == f"{block.page.url}#{block.anchor}-receipt"


def receipt_shown(client, block):
    """Follow the post-redirect-get: the receipt in the block's success
    message."""
    response = client.get(block.page.url)
    assert response.status_code == 200
    notices = block.section(response).select(".dlk-notice--success")
    assert len(notices) == 1, notices
    match = RECEIPT.search(text_of(notices[0]))
    assert match, text_of(notices[0])
    assert int(match.group(1)) == date.today().year
    return match.group(0)


def error_summary(response, block):
    summary = block.section(response).select_one(".dlk-error-summary")
    assert summary is not None, "no error summary in the block"
    return summary


def assert_errors_link_to(response, block, fields):
    """The error summary links to each field, and each link has a target."""
    summary = error_summary(response, block)
    hrefs = [a["href"] for a in summary.find_all("a")]
    assert hrefs == [f"#{block.field_id(field)}" for field in fields]
    soup = BeautifulSoup(response.content, "html.parser")
    for href in hrefs:
        assert soup.find(id=href[1:]) is not None, f"link {href} has no target"
