import pytest

from wagtail_delaktighet.models import DialoguePage, DialogueStatus


@pytest.mark.django_db
def test_ladder_is_seeded_in_order(ladder):
    assert [lvl.name for lvl in ladder] == [
        "Information",
        "Konsultation",
        "Dialog",
        "Inflytande",
        "Medbestämmande",
    ]
    assert not ladder[0].accepts_input
    assert all(lvl.accepts_input and lvl.requires_feedback_date for lvl in ladder[1:])


@pytest.mark.django_db
def test_make_dialogue_fixture_publishes_an_open_dialogue(make_dialogue, level):
    from wagtail_delaktighet.models import Topic

    topic = Topic.objects.create(name="Trafik")
    page = make_dialogue(topics=[topic])
    assert page.live
    assert page.status == DialogueStatus.OPEN
    assert list(page.topics.all()) == [topic]
    assert DialoguePage.objects.live().count() == 1
