import pytest

from wagtail_delaktighet.models import DialoguePage, DialogueStatus, Topic


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
def test_topics_change_on_the_live_page_when_their_revision_is_published(
    make_dialogue,
):
    parks = Topic.objects.create(name="Parker")
    traffic = Topic.objects.create(name="Trafik")
    page = make_dialogue(topics=[traffic])
    assert page.live and page.status == DialogueStatus.OPEN

    # An editor adds a topic in a draft: the live page keeps its topics
    # until the draft is published.
    page.topics.set([parks, traffic])
    revision = page.save_revision()
    assert list(DialoguePage.objects.get(pk=page.pk).topics.all()) == [traffic]

    revision.publish()
    assert set(DialoguePage.objects.get(pk=page.pk).topics.all()) == {parks, traffic}
