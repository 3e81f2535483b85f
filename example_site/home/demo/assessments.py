"""Demo step: Älvby's involvement assessment register.

Every demo dialogue comes from an assessment that decided to involve
residents (the publish rule asks for one), made from the dialogue's own
fields; and one matter was assessed and residents were not involved, with the
reason, as the register shows it publicly.
"""

from datetime import timedelta

from django.utils import timezone

from wagtail_delaktighet.models import (
    DialogueEvaluation,
    DialoguePage,
    DialoguePlanPage,
    InvolvementAssessment,
    InvolvementDecision,
    InvolvementRegisterPage,
)

from .publishing import PageContent, sync_child_page

#: Case numbers of the dialogues' assessments, by the dialogue's slug.
CASE_NUMBERS = {
    "trygga-skolvagar-i-bergby": "SBN 2026/41",
    "ny-lekplats-i-norrstrandsparken": "FRN 2026/17",
    "framtidens-alvby-centrum": "KS 2026/8",
    "ombyggnad-av-storgatan": "SBN 2026/63",
    "medborgarbudget-for-unga-i-bergby": "FRN 2026/4",
    "upprustning-av-alvpromenaden": "SBN 2025/88",
    "oppettider-pa-norrstrands-fritidsgard": "FRN 2025/52",
}

#: Assessed this many days before the dialogue opens.
ASSESSED_BEFORE_OPENING = 30


def link_assessment(slug, content):
    """Link the dialogue ``slug`` described by ``content`` to its assessment,
    as the publish rule asks."""
    content.fields["involvement_assessment"] = assessment_for_dialogue(slug, content)
    return content


def assessment_for_dialogue(slug, content):
    """The published assessment behind the dialogue ``slug`` described by
    ``content`` (a ``PageContent``); updated in place on a rerun."""
    fields = content.fields
    level = fields["influence_level"]
    assessment, _created = InvolvementAssessment.objects.update_or_create(
        case_number=CASE_NUMBERS[slug],
        defaults={
            "matter": fields["title"],
            "responsible_body": fields["responsible_body"],
            "assessed_on": fields["opens_at"].date() - _days(ASSESSED_BEFORE_OPENING),
            "purpose": fields["purpose"],
            "benefit": (
                "Invånarnas erfarenheter gör underlaget bättre och beslutet "
                "lättare att förstå och acceptera."
            ),
            "time": (
                "Dialogen hålls innan förslaget skrivs, så att synpunkterna "
                "hinner påverka det."
            ),
            "resources": (
                "En projektledare på halvtid under dialogen, material till "
                "aktiviteterna och tid för sammanställning och återkoppling."
            ),
            "representativeness": (
                "Målgrupperna nås också på plats och på papper, inte bara på webben."
            ),
            "decision": InvolvementDecision.INVOLVE,
            "influence_level": level,
            "stage": fields.get("decision_timing", ""),
            "justification": (
                f"Frågan berör många invånare, och det finns utrymme att "
                f"påverka. Graden av inflytande är {level.name.lower()}."
            ),
            "decided_by": decided_by(fields),
            "live": True,
        },
    )
    assessment.target_groups.set(content.relations.get("target_groups", []))
    assessment.methods.set(content.relations.get("methods", []))
    assessment.save()
    return assessment


def decided_by(fields):
    """Who decided to involve residents: for a municipality-wide dialogue
    the council, with its minutes' paragraph; else the responsible body."""
    council = fields.get("scope_decided_by")
    if fields.get("scope") == DialoguePage.Scope.MUNICIPALITY_WIDE and council:
        decided_on = fields["opens_at"].date() - _days(ASSESSED_BEFORE_OPENING)
        return f"{council}, {decided_on:%Y-%m-%d} § 12"
    return str(fields["responsible_body"])


def build_assessment_not_to_involve(snippets, today):
    """A matter where residents were not involved, and why."""
    assessment, _created = InvolvementAssessment.objects.update_or_create(
        case_number="SBN 2026/77",
        defaults={
            "matter": "Byte av gatubelysning till LED på Industrivägen",
            "responsible_body": snippets.bodies["Stadsbyggnadsnämnden"],
            "assessed_on": today - _days(20),
            "purpose": "Att pröva om invånarna behöver involveras i bytet.",
            "benefit": (
                "Liten: bytet ändrar inte var eller hur mycket det lyser, "
                "bara lamporna."
            ),
            "time": "Lamporna byts under en vecka i höst.",
            "resources": "Ingen dialog behövs; information på webben räcker.",
            "decision": InvolvementDecision.DO_NOT_INVOLVE,
            "influence_level": None,
            "justification": (
                "Ett tekniskt underhåll utan utrymme att påverka: belysningens "
                "placering och styrka är desamma. Vi informerar de boende om "
                "när arbetet görs."
            ),
            "decided_by": "Gatuchefen, på delegation från stadsbyggnadsnämnden",
            "live": True,
        },
    )
    return assessment


def _days(count):
    return timedelta(days=count)


#: The staff's evaluations of closed demo dialogues, by the dialogue's slug:
#: two with different methods, so the methods report has a comparison.
EVALUATIONS = {
    "medborgarbudget-for-unga-i-bergby": {
        "evaluated_on_days_ago": 20,
        "target_groups_reached": "partly",
        "target_groups_comment": (
            "Många 13–16-åringar deltog via skolorna; äldre tonåringar nåddes sämre."
        ),
        "method_suitable": "yes",
        "method_comment": (
            "Workshoparna på fritidsgården gav bra förslag; enkäten "
            "fungerade bäst på mobilen."
        ),
        "representativeness": (
            "Flickor och pojkar deltog ungefär lika mycket; få från Norrstrand."
        ),
        "hours_used": 160,
        "cost": 25000,
        "lessons": (
            "Börja på gymnasiet tidigare och ha en workshop i Norrstrand nästa gång."
        ),
        "overall_rating": 4,
    },
    "framtidens-alvby-centrum": {
        "evaluated_on_days_ago": 5,
        "target_groups_reached": "no",
        "target_groups_comment": (
            "Dialogmötena lockade mest pensionärer; unga och barnfamiljer saknades."
        ),
        "method_suitable": "partly",
        "method_comment": (
            "Dialogmötena gav djup men få röster; enkäten nådde fler men "
            "med kortare svar."
        ),
        "representativeness": (
            "Få under 40 år; Bergby och Norrstrand dåligt företrädda."
        ),
        "hours_used": 240,
        "cost": 40000,
        "lessons": "Komplettera dialogmötena med pop-up i skolor och på torget.",
        "overall_rating": 3,
    },
}


def build_evaluation(today):
    """The staff's evaluations of the closed demo dialogues."""
    evaluations = []
    for slug, values in EVALUATIONS.items():
        dialogue = DialoguePage.objects.filter(slug=slug).first()
        if dialogue is None:
            continue
        defaults = dict(values)
        days_ago = defaults.pop("evaluated_on_days_ago")
        evaluation, _created = DialogueEvaluation.objects.update_or_create(
            dialogue=dialogue,
            defaults={"evaluated_on": today - _days(days_ago), **defaults},
        )
        evaluations.append(evaluation)
    return evaluations


def build_register(home):
    """The involvement assessment register, the dialogue plan and an
    evaluation."""
    build_evaluation(timezone.localdate())
    sync_child_page(
        home,
        DialoguePlanPage,
        "dialogplan",
        PageContent(
            fields={
                "title": "Dialogplan",
                "intro": (
                    "<p>Kommunens medborgardialoger det kommande året och de "
                    "senaste månaderna: vem som frågar, vem som tillfrågas och "
                    "när.</p>"
                ),
                "show_in_menus": True,
            }
        ),
    )
    return sync_child_page(
        home,
        InvolvementRegisterPage,
        "bedomningsregister",
        PageContent(
            fields={
                "title": "Bedömningsregister för medborgardialog",
                "intro": (
                    "<p>Innan en nämnd fattar beslut i en fråga tar vi alltid "
                    "ställning till om invånarna ska involveras: syfte, nytta, "
                    "tid och resurser. Här finns varje bedömning, också när vi "
                    "kom fram till att inte involvera invånarna, och varför.</p>"
                ),
                "show_in_menus": True,
            }
        ),
    )
