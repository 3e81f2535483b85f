"""With Wagtail's i18n on, a page shows the snippets it names in its own
locale where they are translated, else as they are; with i18n off nothing
changes and no query is added."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dialogues.dialogue_parts import make_full_dialogue
from tests.translated_snippets.support import english_dialogue, translate


def get(client, page):
    cache.clear()
    return client.get(page.url, HTTP_ACCEPT_LANGUAGE="en")


def test_a_page_shows_its_snippets_in_its_locale(
    i18n, english, ladder, make_dialogue, body_factory, client
):
    page = english_dialogue(make_dialogue, body_factory, english)
    level = page.influence_level
    translate(level, english, "Consultation")

    html = get(client, page).content.decode()

    assert f"EN {page.responsible_body.name}" in html
    assert "EN Parker och grönområden" in html
    assert "EN Unga 13–19 år" in html
    assert "EN Medborgarpanel" in html
    assert "EN Dialogpromenad" in html
    assert "EN Politiker" in html
    assert "EN Stadsbyggnadsnämnden" in html, "a contact's body, translated"
    assert "Consultation" in html
    assert "Konsultation" not in html
    assert ">Parker och grönområden<" not in html
    # Not translated: shown as it is.
    assert "Centrum" in html


def test_the_index_shows_cards_in_its_locale(
    i18n, english, ladder, make_dialogue, body_factory, dialogue_index, client
):
    from wagtail_delaktighet.models import DialogueIndexPage

    index = DialogueIndexPage(title="Dialogues", slug="dialogues", locale=english)
    dialogue_index.get_parent().add_child(instance=index)
    page = make_full_dialogue(
        make_dialogue, body_factory, count=1, locale=english, parent=index
    )
    translate(page.responsible_body, english, "Urban planning committee")
    translate(page.areas.get(), english, "Town centre")
    translate(page.influence_level, english, "Consultation")

    html = get(client, index).content.decode()

    assert "Urban planning committee" in html
    assert "Town centre" in html
    assert "Consultation" in html
    assert 'lang="en" dir="ltr"' in html


def count_queries(client, page):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    return len(queries)


def test_translating_costs_the_same_few_queries_however_many_snippets(
    i18n, english, ladder, make_dialogue, body_factory, client
):
    few = english_dialogue(make_dialogue, body_factory, english, count=1)
    many = english_dialogue(make_dialogue, body_factory, english, count=5)
    assert many.dialogue_contacts.count() > few.dialogue_contacts.count()

    assert count_queries(client, many) == count_queries(client, few)


def test_i18n_off_adds_no_query(ladder, make_dialogue, body_factory, client, settings):
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    page = english_dialogue(make_dialogue, body_factory, english)
    settings.WAGTAIL_I18N_ENABLED = True
    with_i18n = count_queries(client, page)
    settings.WAGTAIL_I18N_ENABLED = False
    without = count_queries(client, page)

    html = get(client, page).content.decode()
    assert "EN Parker och grönområden" not in html, "shown as the page names it"
    assert 'lang="en" dir="ltr"' in html, "the active language"
    assert without < with_i18n


def test_an_arabic_page_is_marked_right_to_left(
    i18n, ladder, make_dialogue, body_factory, client
):
    from wagtail.models import Locale

    arabic = Locale.objects.create(language_code="ar")
    page = make_dialogue(locale=arabic, title="حوار حول الحديقة")

    html = get(client, page).content.decode()

    assert '<article class="dlk-dialogue" lang="ar" dir="rtl">' in html
