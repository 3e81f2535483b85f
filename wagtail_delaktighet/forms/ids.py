"""Choice fields that look objects up by id, refusing an id no database
column can hold before it reaches the query.

Django's ``ModelChoiceField`` passes any number to the database, and one too
large for an integer column fails there (SQLite cannot even bind it): a
filter or form with a made-up id in the address would answer 500 instead of
"not a valid choice".
"""

from django import forms
from django.core.exceptions import ValidationError

from ..converters import is_id


class IdLookupMixin:
    """For a ``ModelChoiceField``: a value that is not an id is an invalid
    choice, as a missing id is."""

    def to_python(self, value):
        if (
            value not in self.empty_values
            and not isinstance(value, self.queryset.model)
            and not is_id(str(value))
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdChoiceField(IdLookupMixin, forms.ModelChoiceField):
    pass


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else [value]:
            if not is_id(str(pk)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
