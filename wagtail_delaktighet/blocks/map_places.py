"""Where a participant's place is: a point on the map, words, or both.

The map block's form (blocks/map.py) posts the point as two hidden inputs,
``latitude`` and ``longitude``, which the map's script fills in; the words
are the ``place`` field, an equal alternative for anyone who cannot use the
map or has no JavaScript. The form refuses a post with neither, and a point
it cannot read or that lies outside the editor's area, with an error on the
place field: the one the participant can always reach and correct.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from ..participation.forms import ContributionForm

#: The keys of a map contribution's content (and of its form's fields).
CATEGORY = "category"
COMMENT = "comment"
PLACE = "place"
LATITUDE = "latitude"
LONGITUDE = "longitude"
#: Decimals kept of a coordinate: about ten centimetres.
DECIMALS = 6
#: The longest coordinate text read; a longer one is no coordinate.
COORDINATE_MAX_LENGTH = 32


@dataclass(frozen=True)
class Bounds:
    """The area a map block takes places in (south, west, north, east)."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, latitude: float, longitude: float) -> bool:
        return (
            self.south <= latitude <= self.north and self.west <= longitude <= self.east
        )

    def as_text(self) -> str:
        """For the map's script (a data attribute): "south,west,north,east"."""
        return ",".join(
            coordinate_text(c) for c in (self.south, self.west, self.north, self.east)
        )


def coordinate_text(number: float) -> str:
    """A coordinate as text with a dot, whatever the language."""
    return f"{number:.{DECIMALS}f}"


def point_of(content) -> tuple[str, str] | None:
    """A stored contribution's point as (latitude, longitude) text, or None
    for a place given in words only."""
    latitude, longitude = content.get(LATITUDE), content.get(LONGITUDE)
    if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
        return None
    return coordinate_text(latitude), coordinate_text(longitude)


def parse_coordinate(text: str) -> float | None:
    """The number in ``text``, or None when it is no finite number."""
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def coordinate_field(key: str) -> forms.CharField:
    # Text, read in PlaceForm.clean: an unreadable number is an error on the
    # place field, which the participant can reach, not on a hidden input.
    return forms.CharField(
        required=False,
        max_length=COORDINATE_MAX_LENGTH,
        # js/map.js finds the inputs it fills by this attribute.
        widget=forms.HiddenInput(attrs={"data-dlk-map-input": key}),
        error_messages={"max_length": _("The position from the map is not valid.")},
    )


class PlaceForm(ContributionForm):
    """The map block's form: a place as a point, as words, or both."""

    #: Set on each block's form class (blocks/map.py).
    bounds: Bounds

    no_place_message = _("Mark the place on the map, or describe it in words.")
    unreadable_message = _(
        "The position from the map could not be read. Mark the place again, or "
        "describe it in words."
    )
    outside_message = _(
        "The place marked on the map is outside the area this part of the "
        "dialogue is about. Mark a place inside it, or describe it in words."
    )

    def clean(self):
        cleaned_data = super().clean()
        # A coordinate its field refused (too long) is unreadable: one error,
        # on the place field, instead of one on a hidden input.
        refused = any(self.errors.pop(key, None) for key in (LATITUDE, LONGITUDE))
        texts = [
            str(cleaned_data.get(key) or "").strip() for key in (LATITUDE, LONGITUDE)
        ]
        cleaned_data[LATITUDE] = cleaned_data[LONGITUDE] = None
        if not refused and not any(texts):
            if not cleaned_data.get(PLACE) and PLACE not in self.errors:
                self.place_error(self.no_place_message, "no_place")
            return cleaned_data
        latitude, longitude = (parse_coordinate(text) for text in texts)
        if refused or latitude is None or longitude is None:
            self.place_error(self.unreadable_message, "unreadable")
        elif not self.bounds.contains(latitude, longitude):
            self.place_error(self.outside_message, "outside")
        else:
            cleaned_data[LATITUDE] = round(latitude, DECIMALS)
            cleaned_data[LONGITUDE] = round(longitude, DECIMALS)
        return cleaned_data

    def place_error(self, message, code):
        self.add_error(PLACE, forms.ValidationError(message, code=code))
