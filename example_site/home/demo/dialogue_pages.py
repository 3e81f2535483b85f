"""The content of Älvby's demo dialogues, one function per dialogue.

Each function takes the demo day, the snippets, the influence levels by name
and the shared guidelines document, and returns ``(slug, PageContent)``.
Together the dialogues cover every step of the seeded ladder and the
statuses upcoming, open and closed; each current phase matches its status.
"""

import uuid

from wagtail_delaktighet.models import DialoguePage, DialoguePhase

from .background import evaluation_block
from .consultation import consultation_blocks
from .dialogue_snippets import SITE
from .ideas import ideas_block
from .places import map_blocks
from .prioritisation import budget_block, points_block, ranking_block
from .publishing import PageContent

Kind = DialoguePhase.Kind
Scope = DialoguePage.Scope


def trygga_skolvagar(day, s, levels, guidelines):
    """Konsultation, open: a survey and a safety walk around a school."""
    slug = "trygga-skolvagar-i-bergby"
    opens, closes = -10, 21
    return slug, _content(
        slug,
        fields={
            "title": "Trygga skolvägar i Bergby",
            "summary": (
                "Hur tar sig barnen till Bergbyskolan, och var känns det farligt "
                "eller otryggt? Berätta innan vi planerar om gatorna runt skolan."
            ),
            "purpose": (
                "Stadsbyggnadsnämnden ska ta fram en åtgärdsplan för säkrare "
                "skolvägar i Bergby. Vi vill veta hur barn och föräldrar rör sig i "
                "området och var de upplever att det är farligt eller otryggt, så "
                "att åtgärderna hamnar där de gör mest nytta."
            ),
            "question": (
                "Var på vägen till Bergbyskolan känns det farligt eller otryggt, "
                "och varför?"
            ),
            "influence_level": levels["Konsultation"],
            "can_influence": (
                "<ul><li>Vilka platser som prioriteras i åtgärdsplanen.</li>"
                "<li>Vilka slags åtgärder vi föreslår, till exempel "
                "övergångsställen, belysning eller farthinder.</li></ul>"
            ),
            "cannot_influence": (
                "<p>Hur mycket pengar som finns för åtgärderna; det har "
                "kommunfullmäktige redan beslutat. Hastigheten på väg 612, som "
                "Trafikverket ansvarar för.</p>"
            ),
            "input_handling": (
                "<p>Trafikplanerarna på stadsbyggnadsförvaltningen läser alla svar "
                "och markerar platserna på en karta. Synpunkterna sammanställs i en "
                "rapport som följer med förslaget till åtgärdsplan när "
                "stadsbyggnadsnämnden fattar beslut. Rapporten publiceras här.</p>"
            ),
            "decision_body": s.bodies["Stadsbyggnadsnämnden"],
            "decision_timing": (
                "På stadsbyggnadsnämndens första sammanträde efter att rapporten "
                "är klar."
            ),
            "responsible_body": s.bodies["Stadsbyggnadsnämnden"],
            "scope": Scope.COMMUNITY_DEVELOPMENT,
            "scope_decided_by": s.bodies["Stadsbyggnadsnämnden"],
            "opens_at": day.at(opens),
            "closes_at": day.at(closes),
            "feedback_promised_on": day.date(closes + 49),
            "ask_background_questions": True,
            # Easy-read Swedish (lättläst): short sentences, common words.
            "easy_read_summary": (
                "<p>Många barn går eller cyklar till Bergbyskolan.</p>"
                "<p>Vi på kommunen vill att vägen till skolan ska vara säker.</p>"
                "<h2>Vad vill vi veta?</h2>"
                "<p>Vi vill veta var det känns farligt på vägen till skolan.</p>"
                "<p>Det kan till exempel vara:</p>"
                "<ul><li>en gata där bilarna kör fort</li>"
                "<li>en plats där det är mörkt</li>"
                "<li>ett ställe där det är svårt att gå över gatan.</li></ul>"
                "<p>Du kan också följa med på en promenad runt skolan. "
                "Då kan du visa oss var det känns farligt.</p>"
                "<h2>Vad händer sedan?</h2>"
                "<p>Vi läser alla svar.</p>"
                "<p>Sedan skriver vi en plan för att göra vägarna säkrare.</p>"
                "<p>Politikerna i stadsbyggnadsnämnden bestämmer vad som ska "
                "göras.</p>"
                "<p>Vi berättar här vad de har bestämt.</p>"
            ),
            "adaptations": (
                "<p>Eleverna i årskurs 4–6 svarar på en egen, kortare enkät under "
                "lektionstid. Trygghetsvandringen hålls efter skoltid, så att barn "
                "och föräldrar kan gå tillsammans.</p>"
            ),
        },
        relations={
            "coordinating_bodies": [s.bodies["Barn- och utbildningsnämnden"]],
            "target_groups": [
                s.target_groups["Barn och unga"],
                s.target_groups["Föräldrar"],
            ],
            "areas": [s.areas["Bergby"]],
            "topics": [s.topics["Trafik"], s.topics["Skola"]],
            "methods": [
                s.methods["Enkät"],
                s.methods["Trygghetsvandring"],
                s.methods["Öppet hus"],
            ],
            "strategic_goals": [
                s.goals["Mål 1"],
                s.goals["Mål 2"],
            ],
        },
        phases=[
            _phase(
                Kind.PLANNING,
                "Planering",
                day.date(-60),
                day.date(opens - 1),
                "Vi går igenom olycksstatistik och tidigare synpunkter och "
                "planerar dialogen tillsammans med skolan.",
            ),
            _phase(
                Kind.PARTICIPATION,
                "Enkät och trygghetsvandring",
                day.date(opens),
                day.date(closes - 1),
                "Svara på enkäten, gå med på trygghetsvandringen eller kom till "
                "vår drop-in på biblioteket.",
            ),
            _phase(
                Kind.ANALYSIS,
                "Sammanställning",
                day.date(closes),
                day.date(closes + 30),
                "Vi sammanställer svaren och tar fram ett förslag till åtgärdsplan.",
            ),
            _phase(
                Kind.DECISION,
                "Beslut i stadsbyggnadsnämnden",
                day.date(closes + 31),
                day.date(closes + 45),
            ),
            _phase(
                Kind.FEEDBACK,
                "Återkoppling och genomförande",
                day.date(closes + 46),
                None,
                "Vi berättar vad som kom in och vilka åtgärder som blir av.",
            ),
        ],
        activities=[
            _activity(
                "Trygghetsvandring runt Bergbyskolan",
                s.methods["Trygghetsvandring"],
                day.at(5, 17, 30),
                day.at(5, 19, 0),
                place="Bergbyskolans huvudentré",
                address="Skolvägen 4, Älvby",
                description=(
                    "Vi går skolvägarna tillsammans och stannar där det känns "
                    "otryggt. Politiker och trafikplanerare går med för att lyssna."
                ),
                interpreter="Arabiska och somaliska",
                step_free_access=True,
                easy_read=True,
                accessibility_notes=(
                    "Rundan är ungefär två kilometer på asfalt och grus, med "
                    "pauser. Säg till vid anmälan om du behöver skjuts."
                ),
                registration_url=f"{SITE}/anmalan/trygghetsvandring-bergby",
            ),
            _activity(
                "Drop-in på Bergby bibliotek",
                s.methods["Öppet hus"],
                day.at(12, 15, 0),
                day.at(12, 18, 0),
                place="Bergby bibliotek",
                address="Bergby torg 2, Älvby",
                description=(
                    "Titta på kartan över skolvägarna och sätt ut dina egna "
                    "markeringar. Ingen anmälan behövs."
                ),
                hearing_loop=True,
                step_free_access=True,
                easy_read=True,
            ),
        ],
        contacts=[
            _listener(s.contacts["Anna Lindqvist"]),
            _listener(
                s.contacts["Karin Sjöberg"],
                "Deltar för barn- och utbildningsnämnden och lyssnar särskilt på "
                "vad eleverna berättar.",
            ),
            _listener(
                s.contacts["Erik Holm"],
                "Håller i dialogen och svarar på frågor om trafiken.",
            ),
        ],
        documents=[
            _wagtail_document(guidelines),
            _link(
                "Trafiksäkerhetsprogram för Älvby",
                f"{SITE}/trafiksakerhetsprogram",
                "Programmet som åtgärdsplanen ska följa.",
            ),
        ],
        decisions=[
            _decision(
                "Beslut att genomföra en dialog om trygga skolvägar i Bergby",
                s.bodies["Stadsbyggnadsnämnden"],
                day.date(-45),
                "§ 87",
                "SBN",
                214,
                "stadsbyggnadsnamnden",
            ),
        ],
        body=[
            ("heading", "Varför frågar vi?"),
            (
                "paragraph",
                "<p>Allt fler föräldrar skjutsar sina barn till Bergbyskolan, och "
                "trafiken kring skolan ökar. Vi vill göra det tryggare att gå och "
                "cykla, men vi behöver veta var problemen finns.</p>",
            ),
            ("heading", "Så kan du delta"),
            (
                "paragraph",
                "<p>Svara på enkäten, gå med på trygghetsvandringen eller kom till "
                "drop-in på biblioteket. Du kan också ringa eller mejla "
                "trafikplaneraren.</p>",
            ),
            *consultation_blocks(),
            ideas_block(),
            evaluation_block(),
            *map_blocks(),
        ],
    )


def ny_lekplats(day, s, levels, guidelines):
    """Inflytande, upcoming: children design a playground."""
    slug = "ny-lekplats-i-norrstrandsparken"
    opens, closes = 14, 60
    return slug, _content(
        slug,
        fields={
            "title": "Ny lekplats i Norrstrandsparken",
            "summary": (
                "Den gamla lekplatsen i Norrstrandsparken ska ersättas. Barnen i "
                "Norrstrand är med och tar fram förslaget till den nya."
            ),
            "purpose": (
                "Lekplatsen ska byggas för barnen som bor i Norrstrand. Därför vill "
                "fritidsnämnden att barn och föräldrar är med och tar fram förslaget, "
                "från vad man vill kunna göra på lekplatsen till hur den ska se ut."
            ),
            "question": "Vad vill du kunna göra på den nya lekplatsen?",
            "influence_level": levels["Inflytande"],
            "can_influence": (
                "<ul><li>Vilka lekredskap som byggs.</li><li>Hur lekplatsen delas "
                "in, till exempel plats för de minsta, för bollspel och för att "
                "bara hänga.</li><li>Växter, sittplatser och belysning.</li></ul>"
            ),
            "cannot_influence": (
                "<p>Var lekplatsen ligger och den budget på 2,5 miljoner kronor som "
                "fritidsnämnden har beslutat.</p>"
            ),
            "input_handling": (
                "<p>Landskapsarkitekten gör skisser av barnens idéer mellan "
                "workshopparna, så att barnen kan se och förbättra dem. Det färdiga "
                "förslaget tas fram tillsammans med barnen. Om fritidsnämnden inte "
                "följer förslaget i någon del, förklarar nämnden varför.</p>"
            ),
            "decision_body": s.bodies["Fritidsnämnden"],
            "decision_timing": "På fritidsnämndens sammanträde efter sommaren.",
            "responsible_body": s.bodies["Fritidsnämnden"],
            "scope": Scope.COMMITTEE_AREA,
            "scope_decided_by": s.bodies["Fritidsnämnden"],
            "opens_at": day.at(opens),
            "closes_at": day.at(closes),
            "feedback_promised_on": day.date(closes + 60),
            "adaptations": (
                "<p>Workshopparna hålls på fritidsgården efter skoltid, med bilder "
                "och modeller i stället för långa texter. Teckenspråkstolk finns på "
                "den första workshoppen.</p>"
            ),
        },
        relations={
            "coordinating_bodies": [s.bodies["Stadsbyggnadsnämnden"]],
            "target_groups": [
                s.target_groups["Barn och unga"],
                s.target_groups["Föräldrar"],
            ],
            "areas": [s.areas["Norrstrand"]],
            "topics": [s.topics["Lek och fritid"]],
            "methods": [s.methods["Workshop"], s.methods["Öppet hus"]],
            "strategic_goals": [
                s.goals["Mål 2"],
            ],
        },
        phases=[
            _phase(
                Kind.PLANNING,
                "Planering",
                day.date(-30),
                day.date(opens - 1),
                "Vi förbereder workshopparna tillsammans med fritidsgården.",
            ),
            _phase(
                Kind.PARTICIPATION,
                "Workshoppar och öppet hus",
                day.date(opens),
                day.date(closes - 1),
                "Barn och föräldrar tar fram idéer och förbättrar skisserna.",
            ),
            _phase(
                Kind.ANALYSIS,
                "Förslaget tar form",
                day.date(closes),
                day.date(closes + 20),
            ),
            _phase(
                Kind.DECISION,
                "Beslut i fritidsnämnden",
                day.date(closes + 21),
                day.date(closes + 35),
            ),
            _phase(
                Kind.FEEDBACK,
                "Återkoppling och bygge",
                day.date(closes + 36),
                None,
                "Vi visar det beslutade förslaget och berättar när bygget börjar.",
            ),
        ],
        activities=[
            _activity(
                "Workshop: rita din lekplats",
                s.methods["Workshop"],
                day.at(opens + 6, 14, 0),
                day.at(opens + 6, 16, 0),
                place="Norrstrands fritidsgård",
                address="Strandvägen 12, Älvby",
                description="För barn 6–12 år, gärna tillsammans med en vuxen.",
                hearing_loop=True,
                interpreter="Svenskt teckenspråk",
                step_free_access=True,
                easy_read=True,
                registration_url=f"{SITE}/anmalan/lekplats-norrstrand",
            ),
            _activity(
                "Öppet hus i parken",
                s.methods["Öppet hus"],
                day.at(opens + 14, 16, 0),
                day.at(opens + 14, 19, 0),
                place="Norrstrandsparken, vid plaskdammen",
                address="Norrstrandsparken, Älvby",
                description="Se skisserna och säg vad du tycker. Vi bjuder på saft.",
                step_free_access=True,
                accessibility_notes="Utomhus. Vid regn är vi på fritidsgården.",
            ),
        ],
        contacts=[
            _listener(s.contacts["Omar Haddad"]),
            _listener(s.contacts["Jonas Ahmadi"], "Håller i workshopparna."),
            _listener(
                s.contacts["Fatima Yusuf"],
                "Ritar skisserna utifrån barnens idéer.",
            ),
        ],
        documents=[
            _wagtail_document(guidelines),
            _link(
                "Lekplatsprogram för Älvby",
                f"{SITE}/lekplatsprogram",
                "Kommunens plan för lekplatser de kommande tio åren.",
            ),
        ],
        decisions=[
            _decision(
                "Investering i ny lekplats i Norrstrandsparken",
                s.bodies["Fritidsnämnden"],
                day.date(-20),
                "§ 34",
                "FRN",
                58,
                "fritidsnamnden",
            ),
        ],
        body=[
            ("heading", "En lekplats för Norrstrand"),
            (
                "paragraph",
                "<p>Lekplatsen i Norrstrandsparken är från 1980-talet och behöver "
                "bytas ut. Den nya lekplatsen tar vi fram tillsammans med barnen "
                "som ska använda den.</p>",
            ),
            (
                "paragraph",
                "<p>Dialogen öppnar om två veckor. Anmäl dig redan nu till den "
                "första workshoppen.</p>",
            ),
            points_block(),
        ],
    )


def framtidens_centrum(day, s, levels, guidelines):
    """Dialog, closed and in analysis: a municipality-wide dialogue."""
    slug = "framtidens-alvby-centrum"
    opens, closes = -75, -14
    return slug, _content(
        slug,
        fields={
            "title": "Framtidens Älvby centrum",
            "summary": (
                "Hur ska centrum utvecklas de kommande tjugo åren? Dialogen är "
                "avslutad och vi sammanställer nu vad som kom fram."
            ),
            "purpose": (
                "Kommunfullmäktige har gett kommunstyrelsen i uppdrag att ta fram en "
                "fördjupad översiktsplan för centrum. Innan planen skrivs vill vi "
                "förstå hur invånare, handlare och föreningar använder centrum i dag "
                "och vad de önskar sig av det i framtiden."
            ),
            "question": "Vad behöver Älvby centrum för att vara levande om tjugo år?",
            "influence_level": levels["Dialog"],
            "can_influence": (
                "<ul><li>Vilka frågor den fördjupade översiktsplanen tar upp.</li>"
                "<li>Hur torg, gångstråk och mötesplatser prioriteras.</li></ul>"
            ),
            "cannot_influence": (
                "<p>Detaljplaner som redan har vunnit laga kraft, till exempel för "
                "kvarteret Lärkan.</p>"
            ),
            "input_handling": (
                "<p>Allt som sades på dialogmötena har antecknats och skickats till "
                "deltagarna för kontroll. Planarkitekterna sammanställer "
                "anteckningarna och enkätsvaren i en dialograpport, som "
                "kommunstyrelsen tar del av innan planförslaget går ut på samråd.</p>"
            ),
            "decision_body": s.bodies["Kommunfullmäktige"],
            "decision_timing": (
                "När kommunfullmäktige antar den fördjupade översiktsplanen."
            ),
            "responsible_body": s.bodies["Kommunstyrelsen"],
            "scope": Scope.MUNICIPALITY_WIDE,
            "scope_decided_by": s.bodies["Kommunfullmäktige"],
            "opens_at": day.at(opens),
            "closes_at": day.at(closes),
            "feedback_promised_on": day.date(45),
            "ask_background_questions": True,
            "adaptations": (
                "<p>Ett av dialogmötena hölls på dagtid på Träffpunkt Centrum för "
                "äldre, med tolkning till finska. Handlarna fick ett eget möte "
                "efter stängningsdags.</p>"
            ),
        },
        relations={
            "coordinating_bodies": [
                s.bodies["Stadsbyggnadsnämnden"],
                s.bodies["Fritidsnämnden"],
            ],
            "target_groups": [
                s.target_groups["Näringsidkare"],
                s.target_groups["Äldre"],
                s.target_groups["Barn och unga"],
            ],
            "areas": [s.areas["Centrum"]],
            "topics": [s.topics["Stadsutveckling"], s.topics["Trafik"]],
            "methods": [
                s.methods["Dialogmöte"],
                s.methods["Workshop"],
                s.methods["Enkät"],
            ],
            "strategic_goals": [
                s.goals["Mål 2"],
                s.goals["Mål 3"],
            ],
        },
        phases=[
            _phase(
                Kind.PLANNING,
                "Planering",
                day.date(-150),
                day.date(opens - 1),
            ),
            _phase(
                Kind.PARTICIPATION,
                "Dialogmöten och enkät",
                day.date(opens),
                day.date(closes - 1),
            ),
            _phase(
                Kind.ANALYSIS,
                "Dialograpport",
                day.date(closes),
                day.date(30),
                "Vi sammanställer vad som kom fram i en dialograpport.",
            ),
            _phase(
                Kind.DECISION,
                "Samråd och beslut",
                day.date(31),
                day.date(200),
                "Planförslaget går ut på samråd och antas sedan av kommunfullmäktige.",
            ),
            _phase(
                Kind.FEEDBACK,
                "Återkoppling",
                day.date(201),
                None,
            ),
        ],
        activities=[
            _activity(
                "Dialogmöte för handlare och företagare",
                s.methods["Dialogmöte"],
                day.at(-60, 18, 0),
                day.at(-60, 20, 0),
                place="Stadshuset, sessionssalen",
                address="Stora torget 1, Älvby",
                hearing_loop=True,
                step_free_access=True,
                registration_url=f"{SITE}/anmalan/centrum-handlare",
            ),
            _activity(
                "Dialogmöte: ett centrum för alla åldrar",
                s.methods["Dialogmöte"],
                day.at(-40, 13, 0),
                day.at(-40, 15, 0),
                place="Träffpunkt Centrum",
                address="Kyrkogatan 3, Älvby",
                hearing_loop=True,
                interpreter="Finska",
                step_free_access=True,
                easy_read=True,
                accessibility_notes="Parkering för rörelsehindrade vid entrén.",
            ),
            _activity(
                "Workshop för unga",
                s.methods["Workshop"],
                day.at(-30, 15, 30),
                day.at(-30, 17, 30),
                place="Ungdomens hus",
                address="Storgatan 40, Älvby",
                step_free_access=True,
            ),
        ],
        contacts=[
            _listener(s.contacts["Lars Nyström"]),
            _listener(s.contacts["Anna Lindqvist"]),
            _listener(
                s.contacts["Sara Nilsson"],
                "Skriver den fördjupade översiktsplanen.",
            ),
            _listener(
                s.contacts["Lina Karlsson"],
                "Samordnar dialogen och dialograpporten.",
            ),
        ],
        documents=[
            _wagtail_document(guidelines),
            _link(
                "Nulägesanalys för Älvby centrum",
                f"{SITE}/centrum/nulagesanalys",
                "Underlaget som dialogmötena utgick från.",
            ),
        ],
        decisions=[
            _decision(
                "Uppdrag att ta fram en fördjupad översiktsplan för centrum",
                s.bodies["Kommunfullmäktige"],
                day.date(-200),
                "§ 112",
                "KS",
                301,
                "kommunfullmaktige",
            ),
            _decision(
                "Beslut om medborgardialog om centrums utveckling",
                s.bodies["Kommunstyrelsen"],
                day.date(-100),
                "§ 45",
                "KS",
                302,
                "kommunstyrelsen",
            ),
        ],
        body=[
            ("heading", "Tack för alla synpunkter"),
            (
                "paragraph",
                "<p>Nästan 600 personer svarade på enkäten och ett hundratal kom "
                "till dialogmötena. Nu sammanställer vi vad som kom fram.</p>",
            ),
            ranking_block(),
            ("heading", "Vad händer nu?"),
            (
                "paragraph",
                "<p>Dialograpporten publiceras här. Därefter skriver vi förslaget "
                "till fördjupad översiktsplan, som du kan lämna synpunkter på under "
                "samrådet.</p>",
            ),
        ],
    )


def ombyggnad_storgatan(day, s, levels, guidelines):
    """Information, open: a decided rebuild, with an open house."""
    slug = "ombyggnad-av-storgatan"
    opens, closes = -5, 40
    return slug, _content(
        slug,
        fields={
            "title": "Ombyggnad av Storgatan",
            "summary": (
                "Storgatan byggs om till gågata mellan Stora torget och "
                "Kyrkogatan. Här får du veta vad som händer och när."
            ),
            "purpose": (
                "Ombyggnaden är beslutad. Vi vill att alla som bor, arbetar och "
                "handlar på Storgatan vet i god tid vad som händer, när det händer "
                "och hur man tar sig fram under byggtiden."
            ),
            "question": "",
            "influence_level": levels["Information"],
            "can_influence": (
                "<p>Den här gången samlar vi inte in synpunkter, eftersom "
                "ombyggnaden redan är beslutad. Du kan ställa frågor till "
                "projektledaren och få veta i god tid när arbetet berör dig.</p>"
            ),
            "cannot_influence": (
                "<p>Att gatan byggs om, hur den ska se ut och när arbetet görs.</p>"
            ),
            "input_handling": (
                "<p>Vi samlar inte in synpunkter. Frågor besvaras av "
                "projektledaren, och vanliga frågor publiceras med svar på den här "
                "sidan.</p>"
            ),
            "decision_body": s.bodies["Stadsbyggnadsnämnden"],
            "decision_timing": "Beslutet är fattat.",
            "responsible_body": s.bodies["Stadsbyggnadsnämnden"],
            "scope": Scope.COMMUNITY_DEVELOPMENT,
            "scope_decided_by": s.bodies["Stadsbyggnadsnämnden"],
            "opens_at": day.at(opens),
            "closes_at": day.at(closes),
            "feedback_promised_on": None,
            "adaptations": (
                "<p>Informationen finns på lättläst svenska och på arabiska. "
                "Butikerna på Storgatan får besök av projektledaren.</p>"
            ),
        },
        relations={
            "coordinating_bodies": [],
            "target_groups": [
                s.target_groups["Näringsidkare"],
                s.target_groups["Äldre"],
                s.target_groups["Personer med funktionsnedsättning"],
            ],
            "areas": [s.areas["Centrum"]],
            "topics": [s.topics["Trafik"], s.topics["Stadsutveckling"]],
            "methods": [s.methods["Öppet hus"]],
            "strategic_goals": [
                s.goals["Mål 3"],
            ],
        },
        phases=[
            _phase(
                Kind.PLANNING,
                "Planering och samråd",
                day.date(-300),
                day.date(-120),
            ),
            _phase(
                Kind.DECISION,
                "Beslut om ombyggnad",
                day.date(-119),
                day.date(opens - 1),
            ),
            _phase(
                Kind.PARTICIPATION,
                "Information och öppet hus",
                day.date(opens),
                day.date(closes - 1),
                "Vi berättar om byggtiden och svarar på frågor.",
            ),
            _phase(
                Kind.FEEDBACK,
                "Byggtid",
                day.date(closes),
                day.date(closes + 240),
            ),
        ],
        activities=[
            _activity(
                "Öppet hus om ombyggnaden",
                s.methods["Öppet hus"],
                day.at(7, 16, 0),
                day.at(7, 19, 0),
                place="Stadshuset, entréhallen",
                address="Stora torget 1, Älvby",
                description=(
                    "Se ritningarna och tidplanen och ställ frågor till "
                    "projektledaren. Kom när det passar dig."
                ),
                hearing_loop=True,
                interpreter="Arabiska",
                step_free_access=True,
                easy_read=True,
            ),
        ],
        contacts=[
            _listener(s.contacts["Gunilla Berg"]),
            _listener(
                s.contacts["Mikael Strand"],
                "Leder ombyggnaden och svarar på frågor om byggtiden.",
            ),
        ],
        documents=[
            _wagtail_document(guidelines),
            _link(
                "Tidplan och omledningar",
                f"{SITE}/storgatan/tidplan",
                "Karta över etapperna och hur trafiken leds om.",
            ),
        ],
        decisions=[
            _decision(
                "Ombyggnad av Storgatan till gågata",
                s.bodies["Stadsbyggnadsnämnden"],
                day.date(-119),
                "§ 56",
                "SBN",
                97,
                "stadsbyggnadsnamnden",
            ),
        ],
        body=[
            ("heading", "Det här händer"),
            (
                "paragraph",
                "<p>Storgatan blir gågata med nya träd, bänkar och belysning. "
                "Arbetet görs i tre etapper så att alla butiker går att nå hela "
                "tiden.</p>",
            ),
        ],
    )


def medborgarbudget_bergby(day, s, levels, guidelines):
    """Medbestämmande, closed and awaiting decision: a youth budget."""
    slug = "medborgarbudget-for-unga-i-bergby"
    opens, closes = -120, -50
    return slug, _content(
        slug,
        fields={
            "title": "Medborgarbudget för unga i Bergby",
            "summary": (
                "Unga i Bergby har bestämt hur 500 000 kronor ska användas för "
                "fritidsaktiviteter. Röstningen är avslutad."
            ),
            "purpose": (
                "Fritidsnämnden vill att unga i Bergby själva bestämmer vilka "
                "fritidsaktiviteter som ska finnas i området, inom en given budget."
            ),
            "question": "Vilka fritidsaktiviteter vill du ha i Bergby?",
            "influence_level": levels["Medbestämmande"],
            "can_influence": (
                "<p>Vilka förslag som genomförs, inom en ram på 500 000 kronor.</p>"
            ),
            "cannot_influence": (
                "<p>Budgetens storlek. Förslag som kräver bygglov eller löpande "
                "personal kan inte genomföras inom medborgarbudgeten.</p>"
            ),
            "input_handling": (
                "<p>Alla förslag prövades av fritidskonsulenten mot ramarna. De "
                "förslag som fick flest röster genomförs, så långt budgeten räcker. "
                "Fritidsnämnden fastställer resultatet.</p>"
            ),
            "decision_body": s.bodies["Fritidsnämnden"],
            "decision_timing": "På fritidsnämndens nästa sammanträde.",
            "responsible_body": s.bodies["Fritidsnämnden"],
            "scope": Scope.COMMITTEE_AREA,
            "scope_decided_by": s.bodies["Fritidsnämnden"],
            "opens_at": day.at(opens),
            "closes_at": day.at(closes),
            "feedback_promised_on": day.date(10),
            "adaptations": (
                "<p>Man kunde lämna förslag och rösta på papper på fritidsgården "
                "och i skolan, inte bara på webben.</p>"
            ),
        },
        relations={
            "coordinating_bodies": [],
            "target_groups": [s.target_groups["Barn och unga"]],
            "areas": [s.areas["Bergby"]],
            "topics": [s.topics["Lek och fritid"]],
            "methods": [s.methods["Workshop"], s.methods["Enkät"]],
            "strategic_goals": [
                s.goals["Mål 1"],
                s.goals["Mål 2"],
            ],
        },
        phases=[
            _phase(Kind.PLANNING, "Planering", day.date(-160), day.date(opens - 1)),
            _phase(
                Kind.PARTICIPATION,
                "Förslag och röstning",
                day.date(opens),
                day.date(closes - 1),
            ),
            _phase(
                Kind.ANALYSIS,
                "Rösterna räknas",
                day.date(closes),
                day.date(closes + 14),
            ),
            _phase(
                Kind.DECISION,
                "Fritidsnämnden fastställer resultatet",
                day.date(closes + 15),
                day.date(9),
            ),
            _phase(
                Kind.FEEDBACK,
                "Återkoppling och genomförande",
                day.date(10),
                None,
            ),
        ],
        activities=[
            _activity(
                "Idéverkstad på Bergby fritidsgård",
                s.methods["Workshop"],
                day.at(-110, 18, 0),
                day.at(-110, 20, 0),
                place="Bergby fritidsgård",
                address="Skolvägen 10, Älvby",
                step_free_access=True,
                easy_read=True,
            ),
            _activity(
                "Röstningskväll",
                s.methods["Enkät"],
                day.at(-55, 17, 0),
                day.at(-55, 21, 0),
                place="Bergby fritidsgård",
                address="Skolvägen 10, Älvby",
                description="Se alla förslag och rösta på plats.",
                step_free_access=True,
                easy_read=True,
            ),
        ],
        contacts=[
            _listener(s.contacts["Omar Haddad"]),
            _listener(
                s.contacts["Jonas Ahmadi"],
                "Prövade förslagen mot ramarna och håller i genomförandet.",
            ),
        ],
        documents=[
            _wagtail_document(guidelines),
            _link(
                "Ramar för medborgarbudgeten",
                f"{SITE}/medborgarbudget/ramar",
            ),
        ],
        decisions=[
            _decision(
                "Ram för medborgarbudget för unga i Bergby",
                s.bodies["Fritidsnämnden"],
                day.date(-150),
                "§ 12",
                "FRN",
                11,
                "fritidsnamnden",
            ),
        ],
        body=[
            ("heading", "Tack för att du röstade"),
            (
                "paragraph",
                "<p>Över 300 unga lämnade förslag eller röstade. Fritidsnämnden "
                "fastställer resultatet, och sedan berättar vi här vilka förslag "
                "som blir av.</p>",
            ),
            budget_block(),
        ],
    )


DIALOGUES = [
    trygga_skolvagar,
    ny_lekplats,
    framtidens_centrum,
    ombyggnad_storgatan,
    medborgarbudget_bergby,
]


# -- Building blocks -------------------------------------------------------


def _content(slug, *, fields, relations, phases, activities, contacts, **rest):
    return PageContent(
        fields=fields,
        relations=relations,
        children={
            "phases": phases,
            "activities": activities,
            "dialogue_contacts": contacts,
            "documents": rest["documents"],
            "decisions": rest["decisions"],
        },
        stream_fields={"body": _stream(slug, rest["body"])},
    )


def _stream(slug, blocks):
    """Raw StreamField data with block ids derived from the page and position,
    so the ids stay the same on every run. Blocks given as raw dicts keep
    their own fixed ids (consultation blocks, whose contributions refer to
    them)."""
    return [
        block
        if isinstance(block, dict)
        else {
            "type": block[0],
            "value": block[1],
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{SITE}/demo/{slug}/{n}")),
        }
        for n, block in enumerate(blocks)
    ]


def _phase(kind, title, starts_on, ends_on, description=""):
    return {
        "kind": kind,
        "title": title,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "description": description,
    }


def _activity(
    title,
    method,
    starts_at,
    ends_at,
    *,
    place,
    address="",
    description="",
    hearing_loop=False,
    interpreter="",
    step_free_access=False,
    easy_read=False,
    accessibility_notes="",
    registration_url="",
):
    return {
        "title": title,
        "method": method,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place,
        "address": address,
        "description": description,
        "hearing_loop": hearing_loop,
        "interpreter": interpreter,
        "step_free_access": step_free_access,
        "easy_read": easy_read,
        "accessibility_notes": accessibility_notes,
        "registration_url": registration_url,
    }


def _listener(contact, role=""):
    return {"contact": contact, "role": role}


def _wagtail_document(document):
    return {
        "title": document.title,
        "document": document,
        "url": "",
        "description": "De principer alla Älvbys medborgardialoger följer.",
    }


def _link(title, url, description=""):
    return {"title": title, "document": None, "url": url, "description": description}


def _decision(title, body, decided_on, paragraph, prefix, number, minutes_slug):
    return {
        "title": title,
        "body": body,
        "decided_on": decided_on,
        "paragraph": paragraph,
        "case_number": f"{prefix} {decided_on.year}/{number}",
        "minutes_url": f"{SITE}/protokoll/{minutes_slug}/{decided_on.isoformat()}",
    }
