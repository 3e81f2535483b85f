"""The request's Wagtail site, found as ``Site.find_for_request`` finds it,
with Wagtail's query compiled once (prepared_sql.py).

Wagtail builds its site query for every request (a ``Case`` over the host
and port, the root page joined); building it cost more than the rest of a
post's routing. The query and the choice among its rows are Wagtail's own
(``wagtail.models.sites.get_site_for_hostname``); the root page is read only
if something asks for it. The site is kept on the request where Wagtail keeps
it, so every later ``Site.find_for_request`` of the request reads nothing.
"""

from django.db import connections, router
from django.db.models import Case, IntegerField, Q, When
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)

from ..prepared_sql import prepared_sql

#: Values no request sends, found again among the compiled parameters.
STAND_INS = {"hostname": "dlk-stand-in.invalid", "port": 48_213}

#: The columns read: the site's own, then how well it matches.
FIELDS = [field.attname for field in Site._meta.concrete_fields]


def sites_query(values):
    """Wagtail's query for a host and port, best match first."""
    hostname, port = values["hostname"], values["port"]
    return (
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                When(
                    hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT
                ),
                When(is_default_site=True, then=MATCH_DEFAULT),
                default=MATCH_HOSTNAME,
                output_field=IntegerField(),
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .values_list(*FIELDS, "match")
    )


def best_site(sites):
    """Wagtail's choice among the matching sites (best first), or None."""
    if not sites:
        return None
    if len(sites) == 1 or sites[0].match in (
        MATCH_HOSTNAME_PORT,
        MATCH_HOSTNAME_DEFAULT,
    ):
        return sites[0]
    # The default site under another name: a single site of this host name
    # is better; among several, the default.
    if sites[0].match == MATCH_DEFAULT:
        return sites[len(sites) == 2]
    return None


def find_site(request):
    """``Site.find_for_request(request)``, cached on the request alike."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except (TypeError, ValueError):
        return Site.find_for_request(request)
    using = router.db_for_read(Site)
    sql, params = prepared_sql(
        ("request-site",),
        sites_query,
        STAND_INS,
        {"hostname": hostname, "port": port},
        prep=lambda _name, value: value,
        using=using,
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    sites = []
    for row in rows:
        values = dict(zip(FIELDS, row[:-1], strict=True))
        # MariaDB answers a boolean as 0 or 1.
        values["is_default_site"] = bool(values["is_default_site"])
        site = Site.from_db(using, FIELDS, [values[name] for name in FIELDS])
        site.match = row[-1]
        sites.append(site)
    request._wagtail_site = best_site(sites)
    return request._wagtail_site
