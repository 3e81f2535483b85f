"""The reference population in the participation settings: each option of
a background question may carry its share of the residents, each question
the source of the shares; options stored as plain text before still load,
with their ids, and the shares are checked."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from wagtail_delaktighet.blocks.background import BackgroundQuestionsBlock
from wagtail_delaktighet.models import DelaktighetSettings
from wagtail_delaktighet.participation.background import site_questions

pytestmark = pytest.mark.django_db


def raw_question(options, **value):
    return {
        "type": "question",
        "id": "q-age",
        "value": {
            "question": "Hur gammal är du?",
            "options": [
                {"type": "item", "id": f"o-{n}", "value": option}
                for n, option in enumerate(options)
            ],
            **value,
        },
    }


def saved_settings(raw):
    site_settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.background_questions = raw
    site_settings.save()
    return DelaktighetSettings.objects.get(pk=site_settings.pk)


def test_options_stored_as_plain_text_still_load_with_their_ids(home_page):
    site_settings = saved_settings([raw_question(["Under 35", "35 och äldre"])])

    (question,) = site_questions(site_settings)

    assert question.key == "q-age"
    assert question.options == (("o-0", "Under 35"), ("o-1", "35 och äldre"))
    assert question.population_shares == ()
    assert question.population_source == ""


def test_shares_and_their_source_are_read_with_the_options(home_page):
    site_settings = saved_settings(
        [
            raw_question(
                [
                    {"label": "Under 35", "population_share": "41.5"},
                    {"label": "35 och äldre", "population_share": None},
                ],
                population_source="SCB, 31 dec 2025",
            )
        ]
    )

    (question,) = site_questions(site_settings)

    assert question.options == (("o-0", "Under 35"), ("o-1", "35 och äldre"))
    assert question.population_shares == (("o-0", Decimal("41.5")),)
    assert question.population_source == "SCB, 31 dec 2025"


def clean(options):
    block = BackgroundQuestionsBlock()
    return block.clean(block.to_python([raw_question(options)]))


def test_shares_up_to_the_whole_population_are_valid():
    value = clean(
        [
            {"label": "Under 35", "population_share": "33.33"},
            {"label": "35–64", "population_share": "33.33"},
            {"label": "65 och äldre", "population_share": "33.34"},
        ]
    )

    options = value[0].value["options"]
    assert sum(option["population_share"] for option in options) == 100


def test_shares_adding_up_to_more_than_the_whole_population_are_refused():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        clean(
            [
                {"label": "Under 35", "population_share": "60"},
                {"label": "35 och äldre", "population_share": "44.5"},
            ]
        )

    errors = refused.value.as_json_data()
    (question_errors,) = errors["blockErrors"].values()
    messages = question_errors["blockErrors"]["options"]["messages"]
    assert messages == [
        "The options' shares of the population add up to 104.5 %; "
        "together they can be at most 100 %."
    ]


@pytest.mark.parametrize("share", ["-1", "100.01"])
def test_a_share_outside_0_to_100_is_refused(share):
    with pytest.raises(ValidationError) as refused:
        clean(
            [
                {"label": "Under 35", "population_share": share},
                {"label": "35 och äldre", "population_share": None},
            ]
        )

    (question_errors,) = refused.value.as_json_data()["blockErrors"].values()
    option_errors = question_errors["blockErrors"]["options"]["blockErrors"]
    assert "population_share" in option_errors[0]["blockErrors"]


def posted_question(options, prefix="background_questions"):
    """The admin form's data for one question with ``options``, (label,
    share) pairs, as the StreamField editor posts it."""
    data = {
        f"{prefix}-count": "1",
        f"{prefix}-0-type": "question",
        f"{prefix}-0-id": "q-age",
        f"{prefix}-0-deleted": "",
        f"{prefix}-0-order": "0",
        f"{prefix}-0-value-question": "Hur gammal är du?",
        f"{prefix}-0-value-population_source": "SCB, 31 dec 2025",
        f"{prefix}-0-value-options-count": str(len(options)),
    }
    for n, (label, share) in enumerate(options):
        item = f"{prefix}-0-value-options-{n}"
        data.update(
            {
                f"{item}-id": f"o-{n}",
                f"{item}-deleted": "",
                f"{item}-order": str(n),
                f"{item}-value-label": label,
                f"{item}-value-population_share": share,
            }
        )
    return data


def clean_posted(options):
    field = DelaktighetSettings._meta.get_field("background_questions").formfield()
    value = field.widget.value_from_datadict(
        posted_question(options), {}, "background_questions"
    )
    return field.clean(value)


def test_the_settings_form_keeps_the_shares_posted():
    # A Swedish editor writes a decimal comma.
    with translation.override("sv"):
        value = clean_posted([("Kvinna", "49,6"), ("Man", "50.4"), ("Annat", "")])

    options = value[0].value["options"]
    assert [option["population_share"] for option in options] == [
        Decimal("49.6"),
        Decimal("50.4"),
        None,
    ]
    assert [item.id for item in options.bound_blocks] == ["o-0", "o-1", "o-2"]


def test_the_settings_form_refuses_shares_beyond_the_population():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        clean_posted([("Kvinna", "50.5"), ("Man", "50")])

    assert "add up to 100.5 %" in str(refused.value.as_json_data())


def test_the_settings_page_offers_a_share_for_options_stored_as_text(admin, home_page):
    site = Site.objects.get(is_default_site=True)
    saved_settings([raw_question(["Under 35", "35 och äldre"])])

    response = admin.get(
        reverse(
            "wagtailsettings:edit",
            args=["wagtail_delaktighet", "delaktighetsettings", site.pk],
        )
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Share of the population (%)" in html
    assert "Source of the population shares" in html
    assert "Under 35" in html
