def index_context(request, index_page):
    return {}
