"""Following a dialogue: the form on the dialogue page, confirming and
unsubscribing (P6)."""


def follow_context(request, page, page_url):
    return {}
