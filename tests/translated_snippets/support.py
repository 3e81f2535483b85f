"""Settings and helpers of the translation tests."""

from tests.dialogues.dialogue_parts import make_full_dialogue

I18N = {
    "WAGTAIL_I18N_ENABLED": True,
    "LANGUAGES": [("sv", "Svenska"), ("en", "English"), ("ar", "العربية")],
    "WAGTAIL_CONTENT_LANGUAGES": [
        ("sv", "Svenska"),
        ("en", "English"),
        ("ar", "العربية"),
    ],
}


def translate(snippet, locale, name):
    translation = snippet.copy_for_translation(locale)
    translation.name = name
    translation.save()
    return translation


def english_dialogue(make_dialogue, body_factory, english, count=2):
    """A dialogue in English naming Swedish snippets, most of them translated
    into English ("EN …"); its areas are not."""
    page = make_full_dialogue(make_dialogue, body_factory, count=count, locale=english)
    snippets = [
        page.responsible_body,
        page.decision_body,
        *page.topics.all(),
        *page.target_groups.all(),
        *page.coordinating_bodies.all(),
        *page.methods.all(),
        *page.strategic_goals.all(),
        *(activity.method for activity in page.activities.all()),
        *(link.contact for link in page.dialogue_contacts.all()),
        *(link.contact.body for link in page.dialogue_contacts.all()),
    ]
    for snippet in set(snippets):
        if not snippet.has_translation(english):
            translate(snippet, english, f"EN {snippet.name}")
    return page
