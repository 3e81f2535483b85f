"""Who signs an answer: the dialogue's own listeners are offered first, in
the dialogue's order; any other contact is found by searching (no
JavaScript: the form comes back as written) and may sign as well."""

import pytest
from django.urls import reverse

from tests.participation.support import question, submit, text_of
from tests.staff.contributions_support import soup
from wagtail_delaktighet.models import Contact, DialogueContact, OfficialResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(consultation_dialogue):
    dialogue = consultation_dialogue(body=[question()])
    return submit(dialogue.block("question"), {"question": "När börjar bygget?"})


@pytest.fixture
def contacts(asked):
    """Two listeners of the dialogue (the second listed first) and two
    other contacts."""
    made = {
        name: Contact.objects.create(name=name, kind=Contact.Kind.OFFICIAL, title=title)
        for name, title in [
            ("Åsa Lind", "Planarkitekt"),
            ("Bo Berg", "Projektledare"),
            ("Cecilia Dahl", "Kommunikatör"),
            ("David Ek", "Trafikplanerare"),
        ]
    }
    DialogueContact.objects.create(
        page=asked.page, contact=made["Bo Berg"], sort_order=0
    )
    DialogueContact.objects.create(
        page=asked.page, contact=made["Åsa Lind"], sort_order=1
    )
    return made


def respond_url(contribution):
    return reverse("wagtail_delaktighet_admin:respond", args=[contribution.pk])


def offered(response):
    """{group label: [contact names]} of the "Signed by" list, in order."""
    select = soup(response).select_one("select[name=signed_by]")
    return {
        group["label"]: [text_of(o).split(" — ")[0] for o in group.select("option")]
        for group in select.select("optgroup")
    }


def test_the_listeners_come_first_in_the_dialogues_order(admin, asked, contacts):
    groups = offered(admin.get(respond_url(asked)))

    assert list(groups) == ["Contacts of this dialogue", "Other contacts"]
    assert groups["Contacts of this dialogue"] == ["Bo Berg", "Åsa Lind"]
    assert sorted(groups["Other contacts"]) == ["Cecilia Dahl", "David Ek"]


def test_searching_narrows_the_other_contacts_and_keeps_the_answer(
    admin, asked, contacts
):
    response = admin.post(
        respond_url(asked),
        {
            "signed_by": "",
            "contact_search": "trafik",
            "text": "Bygget börjar i april.",
            "action": "search_contacts",
        },
    )

    assert response.status_code == 200
    groups = offered(response)
    assert groups["Contacts of this dialogue"] == ["Bo Berg", "Åsa Lind"]
    assert groups["Other contacts"] == ["David Ek"]
    page = soup(response)
    assert text_of(page.select_one("textarea[name=text]")) == "Bygget börjar i april."
    assert not OfficialResponse.objects.exists()
    assert not page.select(".error-message")


def test_another_contact_may_sign(admin, asked, contacts):
    response = admin.post(
        respond_url(asked),
        {
            "signed_by": contacts["Cecilia Dahl"].pk,
            "contact_search": "trafik",
            "text": "Bygget börjar i april.",
            "action": "publish",
        },
    )

    assert response.status_code == 302
    [answer] = OfficialResponse.objects.all()
    assert answer.signed_by == contacts["Cecilia Dahl"]
    assert answer.is_published


def test_a_chosen_signer_stays_on_offer_whatever_the_search(admin, asked, contacts):
    response = admin.post(
        respond_url(asked),
        {
            "signed_by": contacts["Cecilia Dahl"].pk,
            "contact_search": "trafik",
            "text": "",
            "action": "search_contacts",
        },
    )

    assert offered(response)["Other contacts"] == ["Cecilia Dahl", "David Ek"]
    chosen = soup(response).select_one("select[name=signed_by] option[selected]")
    assert text_of(chosen).startswith("Cecilia Dahl")


def test_without_listeners_every_contact_is_offered_ungrouped(admin, asked):
    Contact.objects.create(name="Eva Ek", kind=Contact.Kind.OFFICIAL)

    select = soup(admin.get(respond_url(asked))).select_one("select[name=signed_by]")

    assert not select.select("optgroup")
    assert [text_of(o) for o in select.select("option")][1:] == ["Eva Ek — official"]


def test_a_search_with_a_nul_character_is_read_without_it(admin, asked, contacts):
    response = admin.post(
        respond_url(asked),
        {"contact_search": "trafik\x00", "text": "", "action": "search_contacts"},
    )

    assert offered(response)["Other contacts"] == ["David Ek"]
