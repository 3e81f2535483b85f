"""The public register page: every published assessment, decisions not to
involve residents with their reasons, filters, the RSS feed; and the
register's admin (revisions, history, export)."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from wagtail_delaktighet.models import InvolvementAssessment, InvolvementRegisterPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(home_page):
    page = InvolvementRegisterPage(title="Bedömningsregister", slug="register")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def not_involved(make_assessment, body_factory):
    return make_assessment(
        matter="Byte av gatubelysning",
        case_number="SBN 2026/77",
        decision="do_not_involve",
        influence_level=None,
        justification="Ett tekniskt underhåll utan utrymme att påverka.",
        responsible_body=body_factory("Tekniska nämnden"),
        assessed_on=date(2025, 11, 3),
    )


@pytest.fixture
def target_groups():
    from wagtail_delaktighet.models import TargetGroup

    return [TargetGroup.objects.create(name=name) for name in ("Unga", "Äldre")]


def articles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select("article.dlk-assessment")


def test_the_register_shows_decisions_not_to_involve_and_why(
    client, register, make_dialogue, not_involved
):
    dialogue = make_dialogue(title="Parken vid ån")
    involved = dialogue.involvement_assessment
    draft = InvolvementAssessment.objects.create(
        **{
            field: getattr(not_involved, field)
            for field in ("responsible_body", "assessed_on", "purpose", "benefit")
        },
        matter="Ett utkast",
        time="-",
        resources="-",
        decision="involve",
        justification="-",
        decided_by="-",
        live=False,
    )

    response = client.get(register.url)

    assert response.status_code == 200
    found = {a.h3.get_text(strip=True): a for a in articles(response)}
    assert set(found) == {involved.matter, not_involved.matter}
    assert draft.matter not in response.content.decode()
    refusal = found[not_involved.matter].get_text(" ", strip=True)
    assert "Involvera inte invånarna" in refusal
    assert not_involved.justification in refusal
    assert "SBN 2026/77" in refusal
    # The decision to involve links to the dialogue it led to.
    link = found[involved.matter].select_one(".dlk-assessment__dialogues a")
    assert link.get_text() == "Parken vid ån" and link["href"] == dialogue.url


def test_the_register_filters_by_decision_body_and_year(
    client, register, make_assessment, not_involved
):
    make_assessment(assessed_on=date(2026, 2, 1))

    by_decision = client.get(register.url, {"decision": "do_not_involve"})
    by_body = client.get(register.url, {"body": not_involved.responsible_body_id})
    by_year = client.get(register.url, {"year": "2025"})

    for response in (by_decision, by_body, by_year):
        assert [a.h3.get_text(strip=True) for a in articles(response)] == [
            not_involved.matter
        ]


def test_an_unknown_filter_value_is_a_field_error_not_a_500(client, register):
    response = client.get(register.url, {"decision": "maybe", "year": "nineteen"})

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".dlk-filters__error")) == 2


def test_the_register_reads_the_same_queries_however_many_assessments(
    client, register, make_assessment, django_assert_max_num_queries, target_groups
):
    def queries_for_a_view():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(register.url).status_code == 200
        return len(captured)

    for _ in range(2):
        assessment = make_assessment()
        assessment.target_groups.set(target_groups)
        assessment.save()
    client.get(register.url)  # warm the caches
    few = queries_for_a_view()
    for _ in range(10):
        assessment = make_assessment()
        assessment.target_groups.set(target_groups)
        assessment.save()
    with django_assert_max_num_queries(few):
        assert client.get(register.url).status_code == 200


def test_the_rss_feed_lists_the_assessments(client, register, not_involved):
    response = client.get(register.url + "rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "Byte av gatubelysning: Involvera inte invånarna" in body
    assert f"#assessment-{not_involved.pk}" in body


def test_an_assessment_made_in_the_admin_keeps_revisions_and_history(
    admin, ladder, body_factory
):
    url = reverse("wagtailsnippets_wagtail_delaktighet_involvementassessment:add")
    data = {
        "matter": "Ny skolgård",
        "case_number": "BUN 2026/3",
        "assessed_on": "2026-03-01",
        "responsible_body": body_factory().pk,
        "purpose": "Att veta vad eleverna vill.",
        "benefit": "En skolgård som används.",
        "time": "Ett år innan bygget.",
        "resources": "En landskapsarkitekt.",
        "representativeness": "",
        "decision": "involve",
        "influence_level": "",
        "stage": "",
        "justification": "Eleverna använder skolgården varje dag.",
        "decided_by": "Barn- och utbildningsnämnden",
        "action-publish": "action-publish",
    }

    refused = admin.post(url, data)
    assert refused.status_code == 200
    assert "Choose the influence level" in refused.content.decode()
    assert not InvolvementAssessment.objects.exists()

    response = admin.post(url, {**data, "influence_level": ladder[2].pk})

    assert response.status_code == 302
    assessment = InvolvementAssessment.objects.get()
    assert assessment.live and assessment.revisions.count() == 1
    assert ModelLogEntry.objects.filter(
        object_id=str(assessment.pk), action="wagtail.create"
    ).exists()


def test_the_register_exports_decisions_not_to_involve(admin, not_involved):
    url = reverse("wagtailsnippets_wagtail_delaktighet_involvementassessment:list")

    response = admin.get(url, {"export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert "Do not involve residents" in content
    assert not_involved.justification in content
