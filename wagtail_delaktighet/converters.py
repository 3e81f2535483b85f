"""Path converters of the package's URLs: the public ones, the admin's and
the dialogue pages' own routes.

Django's ``int`` converter takes any number of digits, and an id too large
for the database column makes the lookup fail (SQLite cannot even bind it),
so a typed-in address would answer 500. These converters match only what
can be a real id or token; anything else is a plain 404.
"""

from django.urls import register_converter

#: The name of the id converter in URL patterns: ``<dlk_id:page_id>``.
ID = "dlk_id"
#: The name of the token converter: ``<dlk_token:token>``.
TOKEN = "dlk_token"  # noqa: S105 - a URL converter name, not a secret

#: At most 18 digits: every such number fits a 64-bit integer column.
MAX_ID_DIGITS = 18


class IdConverter:
    """A database id: 1 to 18 digits."""

    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class TokenConverter:
    """A secret token from an email link (``secrets.token_urlsafe``): URL-safe
    base64 characters only, so nothing else (a NUL byte, say) reaches the
    database."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


def is_id(value):
    """Whether ``value`` (a string from a form or the query) is a valid id."""
    return (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and len(value) <= MAX_ID_DIGITS
    )


register_converter(IdConverter, ID)
register_converter(TokenConverter, TOKEN)
