"""Wagtail hooks of the dashboard part of the staff workspace; imported by
wagtail_hooks."""

from wagtail import hooks

from .dashboard import ParticipationPanel


@hooks.register("construct_homepage_panels")
def add_participation_panel(request, panels):
    panels.append(ParticipationPanel())
