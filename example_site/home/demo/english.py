"""Demo step: the dialogue "Trygga skolvägar i Bergby" in English too.

Where the site is multilingual (``WAGTAIL_I18N_ENABLED``, as in the example
site's settings), the home page, the dialogue index and the open dialogue get
English versions made with Wagtail's ``copy_for_translation``, served under
``/en/``. The copy keeps every block id and list item id, so a vote through
the English poll is a vote in the Swedish poll: one consultation. The
snippets the dialogue names get English versions too.

Every text is written out in ``ENGLISH`` (Swedish → English); what the
table does not name stays as in Swedish. A rerun updates the English pages
from the Swedish ones and republishes only what changed.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Site

from wagtail_delaktighet.models import (
    Body,
    DialogueIndexPage,
    DialoguePage,
    InfluenceLevel,
    Method,
    TargetGroup,
    Topic,
)

from .consultation import DIALOGUE_SLUG
from .dialogues import INDEX_SLUG
from .site import HOME_SLUG

LANGUAGE = "en"

#: The English slugs, so the English addresses read in English (the home
#: page's is in no address, but must differ from its Swedish sibling's).
SLUGS = {
    HOME_SLUG: f"{HOME_SLUG}-en",
    INDEX_SLUG: "dialogues",
    DIALOGUE_SLUG: "safe-routes-to-bergby-school",
}

#: Each translated snippet: (model, Swedish name, English fields).
SNIPPETS = [
    (
        InfluenceLevel,
        "Konsultation",
        {
            "name": "Consultation",
            "promise": (
                "We ask what you think and then tell you what your views led to."
            ),
            "explanation": (
                "The municipality gathers views on a question or a proposal, for "
                "example through a survey or a consultation. Those who decide "
                "read what came in before they make up their minds, and you "
                "learn what came in and how it affected the decision."
            ),
        },
    ),
    (
        Body,
        "Stadsbyggnadsnämnden",
        {
            "name": "Urban Planning Committee",
            "description": (
                "Responsible for local plans, building permits, streets, squares "
                "and parks."
            ),
        },
    ),
    (
        Body,
        "Barn- och utbildningsnämnden",
        {
            "name": "Children and Education Committee",
            "description": "Responsible for preschools, schools and after-school care.",
        },
    ),
    (TargetGroup, "Barn och unga", {"name": "Children and young people"}),
    (TargetGroup, "Föräldrar", {"name": "Parents"}),
    (Topic, "Trafik", {"name": "Traffic"}),
    (Topic, "Skola", {"name": "School"}),
    (Method, "Enkät", {"name": "Survey"}),
    (Method, "Trygghetsvandring", {"name": "Safety walk"}),
    (Method, "Öppet hus", {"name": "Open house"}),
]

#: The text fields of each page type that are translated.
PAGE_FIELDS = {
    "home": ["title", "intro"],
    "index": ["title", "intro"],
    "dialogue": [
        "title",
        "summary",
        "purpose",
        "question",
        "can_influence",
        "cannot_influence",
        "input_handling",
        "decision_timing",
        "adaptations",
    ],
}

#: The translated text fields of the dialogue's inline children.
CHILD_FIELDS = {
    "phases": ["title", "description"],
    "activities": [
        "title",
        "place",
        "description",
        "interpreter",
        "accessibility_notes",
    ],
    "dialogue_contacts": ["role"],
    "documents": ["title", "description"],
    "decisions": ["title"],
}

ENGLISH = {
    # The home page and the dialogue index.
    "Älvby kommun": "Älvby Municipality",
    "<p>Välkommen till Älvby kommun. Här kan du läsa om kommunens "
    "medborgardialoger, lämna synpunkter och se vad som blev av dem.</p>": (
        "<p>Welcome to Älvby Municipality. Here you can read about the "
        "municipality's citizen dialogues, give your views and see what came of "
        "them.</p>"
    ),
    "Medborgardialoger": "Citizen dialogues",
    "<p>Här hittar du Älvby kommuns medborgardialoger. Varje dialog berättar "
    "varför vi frågar, hur mycket du kan påverka, vem som lyssnar och när "
    "beslutet fattas. När en dialog är avslutad berättar vi vad som kom in och "
    "vad det ledde till.</p>": (
        "<p>Here you find Älvby Municipality's citizen dialogues. Each dialogue "
        "tells you why we ask, how much you can influence, who listens and when "
        "the decision is made. When a dialogue has closed, we tell you what came "
        "in and what it led to.</p>"
    ),
    # The dialogue's own fields.
    "Trygga skolvägar i Bergby": "Safe routes to school in Bergby",
    "Hur tar sig barnen till Bergbyskolan, och var känns det farligt "
    "eller otryggt? Berätta innan vi planerar om gatorna runt skolan.": (
        "How do children get to Bergby School, and where does it feel dangerous "
        "or unsafe? Tell us before we replan the streets around the school."
    ),
    "Stadsbyggnadsnämnden ska ta fram en åtgärdsplan för säkrare "
    "skolvägar i Bergby. Vi vill veta hur barn och föräldrar rör sig i "
    "området och var de upplever att det är farligt eller otryggt, så "
    "att åtgärderna hamnar där de gör mest nytta.": (
        "The Urban Planning Committee is drawing up a plan of measures for safer "
        "routes to school in Bergby. We want to know how children and parents "
        "move around the area and where they find it dangerous or unsafe, so "
        "that the measures go where they do the most good."
    ),
    "Var på vägen till Bergbyskolan känns det farligt eller otryggt, och varför?": (
        "Where on the way to Bergby School does it feel dangerous or unsafe, and why?"
    ),
    "<ul><li>Vilka platser som prioriteras i åtgärdsplanen.</li>"
    "<li>Vilka slags åtgärder vi föreslår, till exempel "
    "övergångsställen, belysning eller farthinder.</li></ul>": (
        "<ul><li>Which places the plan of measures gives priority.</li>"
        "<li>What kinds of measures we propose, for example pedestrian "
        "crossings, lighting or speed bumps.</li></ul>"
    ),
    "<p>Hur mycket pengar som finns för åtgärderna; det har "
    "kommunfullmäktige redan beslutat. Hastigheten på väg 612, som "
    "Trafikverket ansvarar för.</p>": (
        "<p>How much money there is for the measures; the municipal council has "
        "already decided that. The speed limit on road 612, which the Swedish "
        "Transport Administration is responsible for.</p>"
    ),
    "<p>Trafikplanerarna på stadsbyggnadsförvaltningen läser alla svar "
    "och markerar platserna på en karta. Synpunkterna sammanställs i en "
    "rapport som följer med förslaget till åtgärdsplan när "
    "stadsbyggnadsnämnden fattar beslut. Rapporten publiceras här.</p>": (
        "<p>The traffic planners at the urban planning office read every answer "
        "and mark the places on a map. The views are summarised in a report "
        "that goes with the proposed plan of measures when the Urban Planning "
        "Committee decides. The report is published here.</p>"
    ),
    "På stadsbyggnadsnämndens första sammanträde efter att rapporten är klar.": (
        "At the Urban Planning Committee's first meeting after the report is finished."
    ),
    "<p>Eleverna i årskurs 4–6 svarar på en egen, kortare enkät under "
    "lektionstid. Trygghetsvandringen hålls efter skoltid, så att barn "
    "och föräldrar kan gå tillsammans.</p>": (
        "<p>Pupils in years 4–6 answer a shorter survey of their own during "
        "lessons. The safety walk is held after school, so that children and "
        "parents can walk together.</p>"
    ),
    # The dialogue's phases, activities, contacts, documents and decision.
    "Planering": "Planning",
    "Vi går igenom olycksstatistik och tidigare synpunkter och "
    "planerar dialogen tillsammans med skolan.": (
        "We go through accident statistics and earlier views and plan the "
        "dialogue together with the school."
    ),
    "Enkät och trygghetsvandring": "Survey and safety walk",
    "Svara på enkäten, gå med på trygghetsvandringen eller kom till "
    "vår drop-in på biblioteket.": (
        "Answer the survey, join the safety walk or come to our drop-in at the library."
    ),
    "Sammanställning": "Summing up",
    "Vi sammanställer svaren och tar fram ett förslag till åtgärdsplan.": (
        "We sum up the answers and draw up a proposed plan of measures."
    ),
    "Beslut i stadsbyggnadsnämnden": "Decision in the Urban Planning Committee",
    "Återkoppling och genomförande": "Feedback and implementation",
    "Vi berättar vad som kom in och vilka åtgärder som blir av.": (
        "We tell you what came in and which measures will be carried out."
    ),
    "Trygghetsvandring runt Bergbyskolan": "Safety walk around Bergby School",
    "Bergbyskolans huvudentré": "The main entrance of Bergby School",
    "Vi går skolvägarna tillsammans och stannar där det känns "
    "otryggt. Politiker och trafikplanerare går med för att lyssna.": (
        "We walk the routes to school together and stop where it feels unsafe. "
        "Politicians and traffic planners come along to listen."
    ),
    "Arabiska och somaliska": "Arabic and Somali",
    "Rundan är ungefär två kilometer på asfalt och grus, med "
    "pauser. Säg till vid anmälan om du behöver skjuts.": (
        "The walk is about two kilometres on asphalt and gravel, with breaks. "
        "Tell us when you sign up if you need a lift."
    ),
    "Drop-in på Bergby bibliotek": "Drop-in at Bergby library",
    "Bergby bibliotek": "Bergby library",
    "Titta på kartan över skolvägarna och sätt ut dina egna "
    "markeringar. Ingen anmälan behövs.": (
        "Look at the map of the routes to school and add your own marks. No need "
        "to sign up."
    ),
    "Deltar för barn- och utbildningsnämnden och lyssnar särskilt på "
    "vad eleverna berättar.": (
        "Takes part for the Children and Education Committee and listens "
        "especially to what the pupils say."
    ),
    "Håller i dialogen och svarar på frågor om trafiken.": (
        "Runs the dialogue and answers questions about the traffic."
    ),
    "De principer alla Älvbys medborgardialoger följer.": (
        "The principles every citizen dialogue in Älvby follows."
    ),
    "Trafiksäkerhetsprogram för Älvby": "Road safety programme for Älvby",
    "Programmet som åtgärdsplanen ska följa.": (
        "The programme the plan of measures is to follow."
    ),
    "Beslut att genomföra en dialog om trygga skolvägar i Bergby": (
        "Decision to hold a dialogue on safe routes to school in Bergby"
    ),
    # The body: headings and paragraphs.
    "Varför frågar vi?": "Why are we asking?",
    "<p>Allt fler föräldrar skjutsar sina barn till Bergbyskolan, och "
    "trafiken kring skolan ökar. Vi vill göra det tryggare att gå och "
    "cykla, men vi behöver veta var problemen finns.</p>": (
        "<p>More and more parents drive their children to Bergby School, and "
        "the traffic around the school is growing. We want to make it safer to "
        "walk and cycle, but we need to know where the problems are.</p>"
    ),
    "Så kan du delta": "How you can take part",
    "<p>Svara på enkäten, gå med på trygghetsvandringen eller kom till "
    "drop-in på biblioteket. Du kan också ringa eller mejla "
    "trafikplaneraren.</p>": (
        "<p>Answer the survey, join the safety walk or come to the drop-in at "
        "the library. You can also call or email the traffic planner.</p>"
    ),
    # The survey.
    "Enkät: din väg till skolan": "Survey: your way to school",
    "Enkäten tar ungefär fem minuter. Svara en gång per barn som går i Bergbyskolan.": (
        "The survey takes about five minutes. Answer once for each child at "
        "Bergby School."
    ),
    "Hur tar sig ditt barn oftast till skolan?": (
        "How does your child usually get to school?"
    ),
    "Går": "Walks",
    "Cyklar": "Cycles",
    "Åker buss": "Takes the bus",
    "Skjutsas med bil": "Is driven by car",
    "Var på vägen känns det otryggt?": "Where on the way does it feel unsafe?",
    "Välj alla som stämmer.": "Choose all that apply.",
    "Korsningen Skolvägen–Bergbyvägen": ("The crossing of Skolvägen and Bergbyvägen"),
    "Gångtunneln under väg 612": "The pedestrian tunnel under road 612",
    "Busshållplatsen vid Bergby torg": "The bus stop at Bergby square",
    "Parkeringen framför skolan": "The car park in front of the school",
    "Hur trygg känns skolvägen i dag?": "How safe does the way to school feel today?",
    "1 betyder inte alls trygg, 5 betyder mycket trygg.": (
        "1 means not safe at all, 5 means very safe."
    ),
    "Skulle ditt barn gå eller cykla oftare om vägen var tryggare?": (
        "Would your child walk or cycle more often if the way were safer?"
    ),
    "Vilken plats tycker du är farligast?": (
        "Which place do you think is the most dangerous?"
    ),
    "Till exempel en gata, en korsning eller en hållplats.": (
        "For example a street, a crossing or a bus stop."
    ),
    "Berätta varför, och vad som skulle göra det tryggare.": (
        "Tell us why, and what would make it safer."
    ),
    # The poll.
    "Vilken åtgärd är viktigast att göra först?": (
        "Which measure is the most important to do first?"
    ),
    "Välj den åtgärd du tycker ska göras först.": (
        "Choose the measure you think should be done first."
    ),
    "Ett säkrare övergångsställe vid Skolvägen": "A safer crossing on Skolvägen",
    "Bättre belysning i gångtunneln": "Better lighting in the pedestrian tunnel",
    "Farthinder på Bergbyvägen": "Speed bumps on Bergbyvägen",
    "En avlämningsplats för bilar en bit från skolan": (
        "A drop-off point for cars a little way from the school"
    ),
    # Views, questions, ideas, the map and the evaluation.
    "Lämna synpunkter om trafiken runt skolan": (
        "Give your views on the traffic around the school"
    ),
    "Vad fungerar bra och vad borde ändras på vägen till "
    "Bergbyskolan? Beskriv gärna platsen så noga du kan.": (
        "What works well and what should change on the way to Bergby School? "
        "Describe the place as closely as you can."
    ),
    "Ställ en fråga": "Ask a question",
    "Trafikplaneraren eller stadsbyggnadsnämndens ordförande "
    "svarar, oftast inom en vecka. Frågan publiceras här "
    "tillsammans med svaret.": (
        "The traffic planner or the chair of the Urban Planning Committee "
        "answers, usually within a week. The question is published here "
        "together with the answer."
    ),
    "Idéer för en tryggare skolväg": "Ideas for a safer way to school",
    "Har du en idé som gör vägen till Bergbyskolan tryggare? Skriv "
    "den här och stöd andras idéer. Trafikplaneraren eller "
    "nämndens ordförande ger varje idé en status och ett svar.": (
        "Do you have an idea that makes the way to Bergby School safer? Write it "
        "here and support other people's ideas. The traffic planner or the "
        "committee's chair gives every idea a status and an answer."
    ),
    "Markera otrygga platser på kartan": "Mark unsafe places on the map",
    "Var på vägen till Bergbyskolan känns det otryggt eller "
    "farligt? Sätt en nål på kartan eller beskriv platsen med "
    "ord, och berätta vad som händer där.": (
        "Where on the way to Bergby School does it feel unsafe or dangerous? "
        "Put a pin on the map or describe the place in words, and tell us what "
        "happens there."
    ),
    "Gång och cykel": "Walking and cycling",
    "Bil och buss": "Cars and buses",
    "Belysning och trygghet": "Lighting and safety",
    "Otrygg plats": "Unsafe place",
    "Farlig korsning": "Dangerous crossing",
    "Förslag på åtgärd": "Suggested measure",
    "Vad tyckte du om dialogen?": "What did you think of the dialogue?",
    "Hjälp oss att bli bättre på att fråga invånarna. Det tar en minut.": (
        "Help us get better at asking residents. It takes a minute."
    ),
}


def in_english(value):
    """``value`` (text, or raw StreamField data) with every text the table
    names in English; ids, choices and other values as they are."""
    if isinstance(value, str):
        return ENGLISH.get(value, value)
    if isinstance(value, list):
        return [in_english(item) for item in value]
    if isinstance(value, dict):
        return {key: in_english(item) for key, item in value.items()}
    return value


@transaction.atomic
def build_english(home):
    """English: one dialogue, its index and the home page under /en/."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        # A site in one language has no English versions.
        return None
    locale = Locale.objects.get_or_create(language_code=LANGUAGE)[0]
    for model, swedish_name, fields in SNIPPETS:
        _translate_snippet(model.objects.get(name=swedish_name), locale, fields)
    english_home = _translate_page(home, locale, PAGE_FIELDS["home"])
    index = DialogueIndexPage.objects.child_of(home).get(slug=INDEX_SLUG)
    _translate_page(index, locale, PAGE_FIELDS["index"])
    dialogue = DialoguePage.objects.child_of(index).get(slug=DIALOGUE_SLUG)
    _translate_page(dialogue, locale, PAGE_FIELDS["dialogue"], CHILD_FIELDS)
    return english_home


def _translate_snippet(snippet, locale, fields):
    translation = snippet.get_translation_or_none(locale)
    if translation is None:
        translation = snippet.copy_for_translation(locale)
    elif all(getattr(translation, name) == value for name, value in fields.items()):
        return translation
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def _translate_page(page, locale, field_names, child_fields=None):
    """The live English version of ``page``, its texts from ``page``'s in
    English; published only when new or changed."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        # A new root page of the English tree: Wagtail's cached list of
        # site roots must know it.
        Site.clear_site_root_paths_cache()
    translation = translation.specific
    changed = not translation.live or translation.has_unpublished_changes
    wanted = {name: in_english(getattr(page, name)) for name in field_names}
    wanted["slug"] = SLUGS.get(page.slug, page.slug)
    if hasattr(page, "easy_read_summary"):
        # The summary is in easy-read Swedish: no English stand-in for it.
        wanted["easy_read_summary"] = ""
    if hasattr(page, "body"):
        wanted["body"] = in_english(list(page.body.get_prep_value()))
    for name, value in wanted.items():
        current = getattr(translation, name)
        if name == "body":
            current = list(current.get_prep_value())
        if current != value:
            setattr(translation, name, value)
            changed = True
    for relation, names in (child_fields or {}).items():
        changed |= _translate_children(page, translation, relation, names)
    if changed:
        translation.save_revision().publish()
    return translation


def _translate_children(page, translation, relation, names):
    """Put the English of ``page``'s inline children's texts on the
    translation's children (copied in the same order); whether any changed."""
    changed = False
    originals = _ordered(getattr(page, relation))
    copies = _ordered(getattr(translation, relation))
    for original, copy in zip(originals, copies, strict=False):
        for name in names:
            value = in_english(getattr(original, name))
            if getattr(copy, name) != value:
                setattr(copy, name, value)
                changed = True
    if changed:
        # Assigning the list makes modelcluster save the changed rows with
        # the revision.
        setattr(translation, relation, copies)
    return changed


def _ordered(manager):
    sort_field = getattr(manager.model, "sort_order_field", None)
    return list(manager.order_by(*filter(None, [sort_field, "pk"])))
