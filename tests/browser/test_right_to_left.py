"""An Arabic dialogue page reads right to left, and stays accessible."""

import pytest

from tests.dialogues.dialogue_parts import make_full_dialogue
from tests.translated_snippets.support import I18N


@pytest.mark.django_db(transaction=True)
def test_an_arabic_dialogue_reads_right_to_left(
    settings,
    ladder,
    make_dialogue,
    body_factory,
    browser_page,
    assert_no_axe_violations,
):
    from wagtail.models import Locale

    for name, value in I18N.items():
        setattr(settings, name, value)
    arabic = Locale.objects.create(language_code="ar")
    translation = body_factory().copy_for_translation(arabic)
    translation.name = "لجنة التخطيط العمراني"
    translation.save()
    page = make_full_dialogue(
        make_dialogue,
        body_factory,
        count=2,
        locale=arabic,
        title="كيف تريد أن تبدو الحديقة؟",
        summary="حوار حول الحديقة المركزية.",
        purpose="أن نعرف ما يحتاجه السكان.",
    )

    browser_page.set_extra_http_headers({"Accept-Language": "ar"})
    response = browser_page.goto(page.url)
    assert response.status == 200
    article = browser_page.locator("article.dlk-dialogue")
    assert article.get_attribute("lang") == "ar"
    assert article.get_attribute("dir") == "rtl"
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "لجنة التخطيط العمراني" in article.inner_text()
    # The stylesheet's borders follow the writing direction: the current
    # phase's thick border is where lines start, on the right.
    current = browser_page.locator('[aria-current="step"]')
    assert current.evaluate("el => getComputedStyle(el).borderRightWidth") == "6px"
    assert_no_axe_violations(browser_page)
