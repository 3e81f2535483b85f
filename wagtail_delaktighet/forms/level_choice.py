"""The influence level as editors choose it: radio buttons, each with the
level's promise to participants and what it requires of the dialogue, so the
consequences of a choice show while choosing (and without JavaScript)."""

from django import forms

from ..publishing.level_rules import level_requirements


class InfluenceLevelRadioSelect(forms.RadioSelect):
    """For a ``ModelChoiceField`` of influence levels."""

    option_template_name = (
        "wagtail_delaktighet/admin/widgets/influence_level_option.html"
    )

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        level = getattr(value, "instance", None)
        if level is not None:
            option["promise"] = level.promise
            option["requirements"] = level_requirements(level)
            if option["attrs"].get("id"):
                option["description_id"] = f"{option['attrs']['id']}-description"
                # Screen readers read the promise and rules with the choice.
                option["attrs"]["aria-describedby"] = option["description_id"]
        return option
