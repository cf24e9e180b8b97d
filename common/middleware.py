from django.conf import settings
from django.core.exceptions import SuspiciousOperation


class RefuseNulBytes:
    """A NUL byte in the address or the query string is never a patient's or a reviewer's
    input, and PostgreSQL cannot store or compare it: answer 400 before any view sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            raise SuspiciousOperation("NUL byte in the request's address")
        return self.get_response(request)


class ContentSecurityPolicy:
    """Sends settings.CONTENT_SECURITY_POLICY (directive -> sources) with every response that has
    none of its own. The policy is the same for every request, so its header is written once.
    With DEBUG on, Django's technical 404 and 500 pages (inline styles) go without it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.debug_pages = (404, 500) if settings.DEBUG else ()
        self.header = "; ".join(
            " ".join([directive, *sources])
            for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code not in self.debug_pages:
            response.headers.setdefault("Content-Security-Policy", self.header)
        return response
