"""What the map block shows: its published places (``Pin``) and the
settings of its map (``MapView``), which the template writes as data
attributes for js/map.js (no inline script)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.contributions import Contribution
from .map_places import CATEGORY, COMMENT, PLACE, coordinate_text, point_of


@dataclass
class Pin:
    """One published place in the block's list (and on its map)."""

    contribution: Contribution
    category: str
    comment: str
    place: str
    #: (latitude, longitude) as text with a dot, or None: words only.
    point: tuple[str, str] | None


def pin_of(contribution, categories) -> Pin:
    content = contribution.content
    return Pin(
        contribution=contribution,
        category=str(categories.get(content.get(CATEGORY), "")),
        comment=str(content.get(COMMENT) or ""),
        place=str(content.get(PLACE) or ""),
        point=point_of(content),
    )


@dataclass
class MapView:
    """What the map's script needs, as data attributes (no inline script)."""

    tile_url: str
    attribution: str
    centre: tuple[str, str]
    zoom: int
    bounds: str


def map_view(value, bounds, request) -> MapView:
    from ..models.site_settings import DelaktighetSettings

    if request is not None:
        site_settings = DelaktighetSettings.for_request(request)
    else:
        site_settings = DelaktighetSettings()  # the defaults
    if value["centre_latitude"] is not None and value["centre_longitude"] is not None:
        centre = (value["centre_latitude"], value["centre_longitude"])
    else:
        centre = (site_settings.map_centre_latitude, site_settings.map_centre_longitude)
    zoom = value["zoom"] if value["zoom"] is not None else site_settings.map_zoom
    return MapView(
        tile_url=site_settings.map_tile_url,
        attribution=site_settings.map_attribution,
        centre=(coordinate_text(centre[0]), coordinate_text(centre[1])),
        zoom=zoom,
        bounds=bounds.as_text(),
    )
