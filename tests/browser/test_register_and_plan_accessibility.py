"""axe on the public involvement assessment register (decisions to involve
and not to involve, a filter with an error, the opened "What was
considered" disclosure) and on the public dialogue plan."""

import pytest

from wagtail_delaktighet.models import DialoguePlanPage, InvolvementRegisterPage


@pytest.mark.django_db(transaction=True)
def test_the_register_has_no_axe_violations(
    browser_page, assert_no_axe_violations, home_page, make_dialogue, make_assessment
):
    register = InvolvementRegisterPage(title="Bedömningsregister", slug="register")
    home_page.add_child(instance=register)
    make_dialogue(title="Parken vid ån")
    make_assessment(
        matter="Byte av gatubelysning",
        decision="do_not_involve",
        influence_level=None,
        justification="Ett tekniskt underhåll utan utrymme att påverka.",
    )

    response = browser_page.goto(register.url)
    assert response.status == 200
    assert browser_page.locator("article.dlk-assessment").count() == 2
    browser_page.locator(".dlk-assessment__considered summary").first.click()
    assert_no_axe_violations(browser_page)

    browser_page.goto(f"{register.url}?year=nineteen")
    assert browser_page.locator(".dlk-filters__error").count() == 1
    assert_no_axe_violations(browser_page)


@pytest.mark.django_db(transaction=True)
def test_the_public_plan_has_no_axe_violations(
    browser_page, assert_no_axe_violations, home_page, make_dialogue
):
    plan = DialoguePlanPage(title="Dialogplan", slug="plan")
    home_page.add_child(instance=plan)
    make_dialogue(title="Parken vid ån")
    make_dialogue(title="Biblioteket")

    response = browser_page.goto(plan.url)
    assert response.status == 200
    assert browser_page.locator(".dlk-plan__table tbody tr").count() == 2
    assert_no_axe_violations(browser_page)

    browser_page.goto(f"{plan.url}?body=999")
    assert browser_page.locator(".dlk-filters__error").count() == 1
    assert_no_axe_violations(browser_page)
