"""The map block (Kartan): place-based contributions (P4).

A participant chooses a category the editor defined, writes a comment and
gives the place: a pin on the map, words describing it, or both. The words
are an equal alternative, so the form works entirely without JavaScript and
for anyone who cannot use a map (blocks/map_places.py). Contributions are
moderated as views are; published ones show as pins on the map and in a
plain, paginated list, which is the map's accessible equivalent.

The map is Leaflet, shipped in the package's static files
(static/wagtail_delaktighet/vendor/leaflet), driven by js/map.js; its tiles,
attribution, centre and zoom come from the site's Participation settings,
and the editor may set another centre and zoom per block.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..consultations import consultation_page
from ..models.contributions import Contribution, ContributionStatus
from ..models.site_settings import MAX_MAP_ZOOM
from ..participation import counters
from ..participation.forms import form_prefix, text_field
from .choices import option_items, options_block
from .consultation import ConsultationBlock, ContributionData
from .data_fields import CHOICE, NUMBER, TEXT, DataField
from .map_display import map_view, pin_of
from .map_places import (
    CATEGORY,
    COMMENT,
    LATITUDE,
    LONGITUDE,
    PLACE,
    Bounds,
    PlaceForm,
    coordinate_field,
    point_of,
)
from .public_listing import paginate

#: Sweden, roughly: the area a new block takes places in until the editor
#: narrows it to the municipality.
SWEDEN = Bounds(south=55.0, west=10.5, north=69.1, east=24.2)


def _coordinate_block(label, default, minimum, maximum, **kwargs):
    return blocks.FloatBlock(
        label=label,
        default=default,
        min_value=minimum,
        max_value=maximum,
        **kwargs,
    )


class MapBlock(ConsultationBlock):
    """Pins on a map, each with a category and a comment, or a place given
    in words; published after moderation, or read by the municipality only."""

    class Publication:
        AFTER_MODERATION = "after_moderation"
        PRIVATE = "private"

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    prompt = blocks.TextBlock(
        label=_("What we ask"),
        help_text=_("What participants are asked to mark on the map."),
    )
    categories = options_block(
        label=_("Categories"),
        min_num=1,
        help_text=_(
            "Participants choose one for each place, for example “Unsafe "
            "place” or “Idea”."
        ),
    )
    publication = blocks.ChoiceBlock(
        label=_("Publication"),
        choices=[
            (Publication.AFTER_MODERATION, _("Published on the page after moderation")),
            (Publication.PRIVATE, _("Not published: read by the municipality only")),
        ],
        default=Publication.AFTER_MODERATION,
    )
    centre_latitude = blocks.FloatBlock(
        label=_("Centre of the map: latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_(
            "Leave the centre and zoom empty to use the site's (Participation "
            "settings)."
        ),
    )
    centre_longitude = blocks.FloatBlock(
        label=_("Centre of the map: longitude"),
        required=False,
        min_value=-180,
        max_value=180,
    )
    zoom = blocks.IntegerBlock(
        label=_("Zoom level"),
        required=False,
        min_value=0,
        max_value=MAX_MAP_ZOOM,
        help_text=_("From 0 (the whole world) to 19 (a few houses); 12 shows a town."),
    )
    south = _coordinate_block(
        _("Area: southern edge (latitude)"),
        SWEDEN.south,
        -90,
        90,
        help_text=_(
            "Places are taken only inside this area; a pin outside it is "
            "refused. The default is the whole of Sweden."
        ),
    )
    west = _coordinate_block(
        _("Area: western edge (longitude)"), SWEDEN.west, -180, 180
    )
    north = _coordinate_block(
        _("Area: northern edge (latitude)"), SWEDEN.north, -90, 90
    )
    east = _coordinate_block(
        _("Area: eastern edge (longitude)"), SWEDEN.east, -180, 180
    )

    text_field_name = COMMENT

    class Meta:
        icon = "site"
        label = _("Map")
        template = "wagtail_delaktighet/blocks/map.html"
        description = _(
            "Participants mark places on a map, or describe them in words, with "
            "a category and a comment; published after moderation."
        )
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = {
            "heading": _("Mark places on the map"),
            "prompt": _("Where do you feel unsafe on your way to school?"),
            "categories": [_("Unsafe place"), _("Idea")],
            "publication": "after_moderation",
            "centre_latitude": None,
            "centre_longitude": None,
            "zoom": None,
            "south": SWEDEN.south,
            "west": SWEDEN.west,
            "north": SWEDEN.north,
            "east": SWEDEN.east,
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["north"] <= value["south"]:
            errors["north"] = ValidationError(
                _("The northern edge must lie north of the southern edge.")
            )
        if value["east"] <= value["west"]:
            errors["east"] = ValidationError(
                _("The eastern edge must lie east of the western edge.")
            )
        if (value["centre_latitude"] is None) != (value["centre_longitude"] is None):
            errors["centre_longitude"] = ValidationError(
                _("Give both the latitude and the longitude of the centre, or neither.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    # -- the participant's side ---------------------------------------------

    def bounds(self, value) -> Bounds:
        return Bounds(value["south"], value["west"], value["north"], value["east"])

    def form_fields(self, value):
        fields = {
            CATEGORY: forms.ChoiceField(
                label=_("Category"),
                choices=option_items(value["categories"]),
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a category.")},
            ),
            COMMENT: text_field(_("Your comment")),
            PLACE: text_field(
                _("The place in words"),
                required=False,
                multiline=False,
                help_text=_(
                    "For example an address, a crossing or a landmark. You can "
                    "describe the place here instead of marking it on the map."
                ),
            ),
            LATITUDE: coordinate_field(LATITUDE),
            LONGITUDE: coordinate_field(LONGITUDE),
        }
        if value["publication"] == self.Publication.AFTER_MODERATION:
            fields["display_name"] = forms.CharField(
                label=_("Name to show with your place (optional)"),
                help_text=_("Leave empty to be shown as anonymous."),
                max_length=100,
                required=False,
            )
        return fields

    def build_form(self, value, *, block_id, data=None, page=None):
        # The shared form, on PlaceForm: it reads the point and the words
        # together, against this block's area.
        form_class = type(
            f"{type(self).__name__}Form",
            (PlaceForm,),
            {
                **self.form_fields(value),
                "collects_identity": self.collects_identity,
                "bounds": self.bounds(value),
            },
        )
        return form_class(data=data, prefix=form_prefix(block_id))

    def contribution_from_form(self, value, cleaned_data):
        content = {
            CATEGORY: cleaned_data[CATEGORY],
            COMMENT: cleaned_data[COMMENT],
            PLACE: cleaned_data.get(PLACE, ""),
        }
        if cleaned_data.get(LATITUDE) is not None:
            content[LATITUDE] = cleaned_data[LATITUDE]
            content[LONGITUDE] = cleaned_data[LONGITUDE]
        return ContributionData(
            content=content,
            answers=[(CATEGORY, cleaned_data[CATEGORY])],
            display_name=cleaned_data.get("display_name", ""),
        )

    def initial_status(self, value):
        if value["publication"] == self.Publication.PRIVATE:
            return ContributionStatus.PRIVATE
        return ContributionStatus.PENDING

    def page_cache_variant(self, value, *, page, block_id, request):
        # Its value, the site's map settings (saving them renews the page's
        # cache) and published pins: the same for every visitor.
        return ""

    def results(self, value, *, page, block_id, request=None):
        if value["publication"] == self.Publication.PRIVATE:
            return None
        # Every translation of the dialogue shows the one consultation's.
        page = consultation_page(page)
        published = (
            Contribution.objects.filter(
                page=page, block_id=block_id, status=ContributionStatus.PUBLISHED
            )
            .only("pk", "content", "display_name", "created_at")
            .order_by("-created_at", "-pk")
        )
        results = paginate(
            published,
            request,
            block_id,
            counter=counters.published_counter(page, block_id),
        )
        categories = dict(option_items(value["categories"]))
        results["pins"] = [pin_of(item, categories) for item in results["items"]]
        return results

    # -- the staff side --------------------------------------------------------

    def data_fields(self, value):
        return [
            DataField(
                CATEGORY,
                str(_("Category")),
                CHOICE,
                choices={
                    key: str(text) for key, text in option_items(value["categories"])
                },
            ),
            DataField(PLACE, str(_("The place in words")), TEXT, searchable=True),
            DataField(LATITUDE, str(_("Latitude")), NUMBER),
            DataField(LONGITUDE, str(_("Longitude")), NUMBER),
        ]

    def readable_answers(self, value, contribution):
        # The default's lines, with the point as one line, "latitude,
        # longitude", as maps read it, instead of two numbers.
        if value is None:
            return super().readable_answers(value, contribution)
        content = contribution.content
        lines = [
            (data_field.label, data_field.display(content[data_field.key]))
            for data_field in self.data_fields(value)
            if data_field.kind != NUMBER
            and content.get(data_field.key) not in (None, "", [])
        ]
        point = point_of(content)
        if point is not None:
            lines.append((gettext("Position on the map"), ", ".join(point)))
        lines.extend(
            (key, DataField(key, key).display(answer))
            for key, answer in self.other_answers(value, contribution)
        )
        return lines

    def input_schema(self, value, *, page=None):
        schema = super().input_schema(value, page=page)
        bounds = self.bounds(value)
        limits = {
            LATITUDE: (gettext("Latitude"), bounds.south, bounds.north),
            LONGITUDE: (gettext("Longitude"), bounds.west, bounds.east),
        }
        for field in schema["fields"]:
            if field["key"] in limits:
                label, low, high = limits[field["key"]]
                field.update(type=NUMBER, label=label, min_value=low, max_value=high)
                field.pop("multiline", None)
                field.pop("max_length", None)
        schema["place_rule"] = gettext(
            "Give the place as a point (latitude and longitude, both), in "
            "words, or both."
        )
        return schema

    # -- rendering -------------------------------------------------------------

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["map"] = map_view(value, self.bounds(value), context.get("request"))
        return context
