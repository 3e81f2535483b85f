import pytest


@pytest.mark.django_db(transaction=True)
def test_home_page_has_no_axe_violations(browser_page, assert_no_axe_violations):
    from example_site.home.demo.site import build_home_page

    build_home_page()
    response = browser_page.goto("/")
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == "Älvby kommun"
    assert_no_axe_violations(browser_page)


@pytest.mark.django_db(transaction=True)
def test_axe_check_catches_a_real_violation(browser_page, assert_no_axe_violations):
    # Proves the harness can fail: an image without alt text is a violation.
    browser_page.set_content('<html lang="sv"><title>t</title><img src="x.png"></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(browser_page)
