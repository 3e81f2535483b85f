import pytest


@pytest.fixture
def home_page(db):
    """The example site's home page as the demo builds it."""
    from example_site.home.demo.site import build_home_page

    return build_home_page()
