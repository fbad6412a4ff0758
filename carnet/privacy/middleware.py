"""What a signed-in person sees holds personal data (youth files, lists, exports, reports naming
youths): no browser cache, shared computer's history or proxy keeps a copy of it."""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
