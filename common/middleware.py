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
