"""What a participant writes is shown as text, never as markup: a published
view with a script, an image with an event handler and a link in its text
and name, through the real form and the real page. (Editors' rich text is
HTML by design, cleaned by Wagtail's editor: tests/dialogues/
test_dialogue_page.py.)"""

import pytest

from wagtail_delaktighet.models import Contribution, ContributionStatus

from .support import views

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="//x">x</a>'


def test_a_published_view_with_markup_is_shown_as_text(client, consultation_dialogue):
    dialogue = consultation_dialogue(body=[views()])
    block = dialogue.block("views")
    block.post(client, {"text": f"Fler bänkar {MARKUP}", "display_name": MARKUP})
    Contribution.objects.update(status=ContributionStatus.PUBLISHED)

    section = block.section(dialogue.get(client))

    assert f"Fler bänkar {MARKUP}" in section.get_text()
    assert section.find_all(["script", "img"]) == []
    assert not section.select('a[href="//x"], [onerror]')
