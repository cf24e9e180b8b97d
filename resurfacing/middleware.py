from resurfacing.health import healthz


class HealthCheckMiddleware:
    """Answers /healthz before host validation: load balancers probe replicas by address,
    with a Host header that ALLOWED_HOSTS rightly refuses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
