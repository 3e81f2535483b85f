def dialogue_context(request, page):
    return {}
