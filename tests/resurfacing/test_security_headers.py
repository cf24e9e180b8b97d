"""Security headers on every URL of the project, walked from the URL configuration.

Every response (pages, redirects, errors, JSON) carries the Content Security Policy, nosniff,
a Referrer-Policy and X-Frame-Options: DENY; every page that shows health data says
Cache-Control: no-store; no page has an inline script or style (the policy would block them);
with the production settings HTTPS is enforced (HSTS, redirect) and cookies are Secure,
HttpOnly and SameSite.
"""

import re
from html.parser import HTMLParser

import pytest

from tests.intake.helpers import WORKED_EXAMPLE, step_url
from tests.resurfacing.site_map import build_world, every_url, leaf_patterns

# Pages that show a patient's answers or results, or intakes and their trail to staff. The
# admin index, the follow-up outbox and the audit log name intakes.
HEALTH_DATA = re.compile(
    r"^/intake/|^/admin/$|^/admin/(intake|followups|staff)/|^/followups/|^/api/v1/recommendations$"
)
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


@pytest.fixture
def world(client):
    return build_world(client)


def csp_directives(response):
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *values = directive.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_the_walk_reaches_every_view_with_real_objects(world, client):
    targets = every_url(world)
    reached = {target.route for target in targets}
    for chain, name, _ in leaf_patterns():
        assert "".join(str(part) for part in chain) in reached, name
    names = {target.name for target in targets}
    assert {
        "home",
        "intake:step",
        "intake:review",
        "intake:result",
        "intake:download",
        "intake:delete",
        "followups:unsubscribe",
        "api-recommendations",
        "api-openapi",
        "admin:intake_intake_change",
        "admin:intake_intake_erase",
    } <= names
    assert "/healthz" in {target.url for target in targets}
    # Parameters hold real objects: the patient's pages and the intake's admin page answer 200.
    assert client.get(f"/intake/results/{world.intake.token}/").status_code == 200
    assert client.get(f"/followups/unsubscribe/{world.unsubscribe_token}/").status_code == 200
    client.force_login(world.superuser)
    assert client.get(f"/admin/intake/intake/{world.intake.pk}/change/").status_code == 200


def test_every_response_has_a_strict_content_security_policy(site_responses):
    problems = []
    expected = {
        "default-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    for url, who, response in site_responses:
        directives = csp_directives(response)
        for name, values in expected.items():
            if directives.get(name) != values:
                problems.append(f"{who} {url}: {name} is {directives.get(name)}")
        for name, values in directives.items():
            for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
                # Bootstrap draws checkboxes with data: images; nothing else may use data:.
                if unsafe in values and (unsafe, name) != ("data:", "img-src"):
                    problems.append(f"{who} {url}: {name} allows {unsafe}")
    assert not problems, "\n".join(problems)


def test_every_response_forbids_sniffing_framing_and_cross_site_referrers(site_responses):
    problems = []
    for url, who, response in site_responses:
        headers = response.headers
        if headers.get("X-Content-Type-Options") != "nosniff":
            problems.append(f"{who} {url}: X-Content-Type-Options is not nosniff")
        if headers.get("X-Frame-Options") != "DENY":
            problems.append(f"{who} {url}: X-Frame-Options is {headers.get('X-Frame-Options')}")
        if headers.get("Referrer-Policy") not in ("same-origin", "no-referrer", "strict-origin"):
            problems.append(f"{who} {url}: Referrer-Policy is {headers.get('Referrer-Policy')}")
    assert not problems, "\n".join(problems)


def test_every_page_with_health_data_is_never_cached(site_responses):
    checked, problems = 0, []
    for url, who, response in site_responses:
        # Redirects and refusals show nothing (and Django's 403 skips the view's decorators).
        if not HEALTH_DATA.match(url) or response.status_code >= 300:
            continue
        checked += 1
        cache_control = response.headers.get("Cache-Control", "")
        if "no-store" not in cache_control:
            problems.append(
                f"{who} {url} ({response.status_code}): Cache-Control {cache_control!r}"
            )
    assert checked > 20
    assert not problems, "\n".join(problems)


class InlineCode(HTMLParser):
    """Finds what a CSP without 'unsafe-inline' blocks: inline scripts, event handler
    attributes, javascript: URLs, <style> elements and style attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        script_type = (attrs.get("type") or "").lower()
        if tag == "script" and "src" not in attrs and script_type in JAVASCRIPT_TYPES:
            self._in_script = True
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs.items():
            if name == "style":
                self.found.append(f"style attribute on <{tag}>: {value!r}")
            elif name.startswith("on"):
                self.found.append(f"{name} handler on <{tag}>")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL in {name} of <{tag}>")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"inline script: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


def test_no_page_has_an_inline_script_or_style(site_responses):
    problems, pages = [], 0
    for url, who, response in site_responses:
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        pages += 1
        problems.extend(f"{who} {url}: {found}" for found in inline_code(response))
    assert pages > 50
    assert not problems, "\n".join(sorted(set(problems)))


# -- production settings: HTTPS only ------------------------------------------------------


@pytest.fixture
def production(settings):
    """What settings.py turns on when DEBUG is off (tests run with it on)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


@pytest.mark.django_db
def test_https_responses_carry_hsts_for_a_year_with_subdomains(production, client):
    for url in ("/", step_url("concerns"), "/admin/login/", "/api/v1/openapi.json"):
        response = client.get(url, secure=True)
        assert response.headers.get("Strict-Transport-Security") == (
            "max-age=31536000; includeSubDomains; preload"
        ), url


@pytest.mark.django_db
def test_behind_the_tls_proxy_requests_count_as_https(production, client):
    production.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get(step_url("concerns"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production, client):
    response = client.get(step_url("concerns"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/intake/step/concerns/"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(production, client):
    client.get(step_url("concerns"), secure=True)  # the form page sets the CSRF cookie
    response = client.post(
        step_url("concerns"), {**WORKED_EXAMPLE["concerns"], "next": ""}, secure=True
    )
    assert response.status_code == 302
    cookies = {**client.cookies}
    assert {"sessionid", "csrftoken"} <= set(cookies)
    for name in ("sessionid", "csrftoken"):
        cookie = cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


@pytest.mark.django_db
def test_djangos_debug_pages_go_without_the_policy_in_development(client, settings):
    settings.DEBUG = True  # its technical 404 page has inline styles
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Content-Security-Policy" not in response.headers
