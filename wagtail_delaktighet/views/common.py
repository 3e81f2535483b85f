from ..conf import delaktighet_settings


def base_context():
    """What every public template of the package needs to extend the site."""
    return {
        "dlk_base_template": delaktighet_settings.BASE_TEMPLATE,
        "dlk_include_css": delaktighet_settings.INCLUDE_CSS,
    }
