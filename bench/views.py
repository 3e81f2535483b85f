"""The bare Django baseline: validate the survey's form, insert one row,
redirect (post-redirect-get, as the dialogue page does)."""

from django.http import HttpResponseBadRequest
from django.shortcuts import redirect

from .forms import SurveyForm
from .models import BareSubmission


def bare_submission(request):
    form = SurveyForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    BareSubmission.objects.create(data=form.cleaned_data)
    return redirect("/")
