"""A plain Django form with the fields of the benchmark's survey."""

from django import forms

ENTRANCES = [("north", "Norra"), ("south", "Södra"), ("east", "Östra")]
ACTIVITIES = [("walk", "Promenerar"), ("grill", "Grillar"), ("ball", "Spelar boll")]
SCALE = [(str(n), str(n)) for n in range(1, 6)]
YES_NO = [("yes", "Ja"), ("no", "Nej")]


class SurveyForm(forms.Form):
    street = forms.CharField(required=False, max_length=255)
    describe = forms.CharField(widget=forms.Textarea, max_length=5000)
    entrance = forms.ChoiceField(choices=ENTRANCES, widget=forms.RadioSelect)
    activities = forms.MultipleChoiceField(
        choices=ACTIVITIES, required=False, widget=forms.CheckboxSelectMultiple
    )
    safety = forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect)
    benches = forms.ChoiceField(
        choices=YES_NO, required=False, widget=forms.RadioSelect
    )


#: A valid post of the form.
VALID_POST = {
    "street": "Storgatan",
    "describe": "Mörk om kvällarna.",
    "entrance": "north",
    "activities": ["walk"],
    "safety": "3",
    "benches": "yes",
}
