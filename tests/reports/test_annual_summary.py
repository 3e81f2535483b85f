"""The annual summary through the real admin: the year's figures equal the
seed's (conftest.py), the body filter and the user's rights narrow it, bad
input gives a form error and no error page, and the print stylesheet that
hides the admin's furniture is linked."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from tests.reports.test_dialogues_report import make_many

pytestmark = pytest.mark.django_db

SUMMARY = reverse("wagtail_delaktighet_admin:annual_summary")


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def figures(soup):
    return {
        dd["data-figure"]: dd.get_text(strip=True)
        for dd in soup.select("dd[data-figure]")
    }


def listed(soup):
    return [
        row.find("th").get_text(strip=True)
        for row in soup.select(".dlk-annual__dialogues tbody tr")
    ]


def charts(soup):
    """``{chart title: {label: "n (p %)"}}``."""
    return {
        chart.select_one(".dlk-chart__title").get_text(strip=True): {
            row.select_one(".dlk-results__label").get_text(strip=True): row.select_one(
                ".dlk-results__value"
            ).get_text(" ", strip=True)
            for row in chart.select(".dlk-results__row")
        }
        for chart in soup.select(".dlk-chart")
    }


def averages(soup):
    return {
        row.find("th").get_text(strip=True): [
            td.get_text(strip=True) for td in row.find_all("td")
        ]
        for row in soup.select(".dlk-annual__averages tbody tr")
    }


def test_the_years_figures_are_the_seeded_ones(admin, seeded):
    soup = soup_of(admin.get(SUMMARY, {"year": "2025"}))

    assert "Citizen dialogues 2025: the whole municipality" in soup.get_text()
    assert listed(soup) == ["Parken", "Badet", "Biblioteket"]
    assert figures(soup) == {
        "dialogues": "3",
        "people_online": "4",
        "contributions": "10",
        "evaluations": "2",
        "mean_rating": "3.0",
    }
    found = charts(soup)
    assert found["Dialogues per influence level"]["Konsultation"] == "2 (67 %)"
    assert found["Dialogues per influence level"]["Dialog"] == "1 (33 %)"
    assert found["Feedback kept on time"] == {
        "On time": "1 (33 %)",
        "Late": "2 (67 %)",
        "Not yet due": "0 (0 %)",
        "No date promised": "0 (0 %)",
    }
    assert found["Were the target groups reached?"] == {
        "Yes": "1 (50 %)",
        "Partly": "1 (50 %)",
        "No": "0 (0 %)",
    }
    # Every participant's answer weighs the same: (5 + 4 + 2) / 3 and so on.
    assert list(averages(soup).values()) == [
        ["3.67", "3"],
        ["4.33", "3"],
        ["4.33", "3"],
    ]
    lessons = soup.select_one(".dlk-annual__lessons").get_text(" ", strip=True)
    assert "Parken Gå ut till parken, där folk är." in lessons
    assert "Biblioteket Fler kanaler behövs för äldre." in lessons


def test_one_body(admin, seeded):
    soup = soup_of(admin.get(SUMMARY, {"year": "2025", "body": seeded.culture.pk}))

    assert "Citizen dialogues 2025: Kulturnämnden" in soup.get_text()
    assert listed(soup) == ["Badet", "Biblioteket"]
    assert figures(soup) == {
        "dialogues": "2",
        "people_online": "2",
        "contributions": "5",
        "evaluations": "1",
        "mean_rating": "2.0",
    }
    assert list(averages(soup).values()) == [["3.0", "2"], ["4.0", "2"], ["4.0", "2"]]


def test_the_header_names_the_summary(admin, seeded):
    soup = soup_of(admin.get(SUMMARY, {"year": "2025"}))

    breadcrumbs = soup.select_one("[data-w-breadcrumbs-target], .w-breadcrumbs")
    assert "Annual summary" in breadcrumbs.get_text()


def test_another_year(admin, seeded):
    soup = soup_of(admin.get(SUMMARY, {"year": "2024"}))

    assert listed(soup) == ["Gamla torget"]
    assert figures(soup)["mean_rating"] == "–"


def test_a_user_sees_only_the_dialogues_they_may_edit(client, seeded, make_staff_user):
    client.force_login(make_staff_user("karin", pages=[seeded.second_index]))

    soup = soup_of(client.get(SUMMARY, {"year": "2025"}, HTTP_ACCEPT_LANGUAGE="en"))

    assert listed(soup) == ["Badet", "Biblioteket"]
    assert "Gå ut till parken" not in soup.get_text()


@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"year": "20255"}, {"body": "999999"}, {"body": "x"}]
)
def test_bad_input_gives_a_form_error(admin, seeded, query):
    soup = soup_of(admin.get(SUMMARY, query))

    assert soup.select(".error-message")
    assert not soup.select(".dlk-annual__dialogues")


def test_the_print_stylesheet_is_linked_and_hides_the_admin(admin, seeded):
    soup = soup_of(admin.get(SUMMARY, {"year": "2025"}))

    link = soup.find(
        "link",
        href=lambda href: href and href.endswith("wagtail_delaktighet/css/reports.css"),
    )
    assert link is not None
    with open(finders.find("wagtail_delaktighet/css/reports.css")) as stylesheet:
        css = stylesheet.read()
    print_rules = css[css.index("@media print") :]
    assert "#wagtail-sidebar" in print_rules
    assert ".dlk-annual__form" in print_rules
    # No inline style: the admin's CSP may forbid them.
    assert not soup.select(".dlk-annual [style]")
    assert not soup.select(".dlk-annual style")


def test_the_reports_menu_links_both_reports(admin, seeded):
    response = admin.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert reverse("wagtail_delaktighet_admin:dialogues_report") in content
    assert SUMMARY in content


def test_without_a_year_it_shows_the_current_one(admin, seeded):
    soup = soup_of(admin.get(SUMMARY))

    year = timezone.localdate().year
    assert f"Citizen dialogues {year}: the whole municipality" in soup.get_text()


#: The summary's queries, whatever the number of dialogues in its year.
MAX_QUERIES = 17


@pytest.mark.parametrize("count", [2, 12])
def test_the_queries_do_not_grow_with_the_dialogues(
    admin, make_dialogue, django_assert_max_num_queries, count
):
    make_many(make_dialogue, count)

    with django_assert_max_num_queries(MAX_QUERIES):
        soup = soup_of(admin.get(SUMMARY, {"year": "2025"}))

    assert len(listed(soup)) == count


def test_both_reports_need_the_admin_login(client, seeded):
    for url in (SUMMARY, reverse("wagtail_delaktighet_admin:dialogues_report")):
        response = client.get(url, {"year": "2025"})

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
