"""What search engines see: a title and a description on every page; the public pages (home,
the treatments, the privacy notice) indexable under their canonical address and listed in
sitemap.xml; every other page (a patient's answers and results, contact, delete, unsubscribe,
staff pages) marked noindex and kept out of the sitemap, and robots.txt asking crawlers to stay
out of the private parts of the site."""

import re
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import resolve, reverse

from tests.factories import make_intake
from tests.intake.helpers import result_url, step_url
from tests.intake.markup import parse
from tests.resurfacing.site_map import build_world, every_url
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {"home", "treatments:index", "treatments:detail", "clinic:privacy"}
PUBLIC_URLS = ["/", "/treatments/", "/treatments/microneedling/", "/privacy/"]
PRIVATE_PREFIXES = ["/intake/", "/followups/", "/admin/", "/api/"]
SITEMAP_NS = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def robots_directives(page):
    """What the page's <meta name="robots"> tags ask, together ("none" is "noindex,
    nofollow"), or None when it has none."""
    tags = page.find_all("meta", name="robots")
    if not tags:
        return None
    words = {word.strip().lower() for tag in tags for word in tag.get("content", "").split(",")}
    if "none" in words:
        words |= {"noindex", "nofollow"}
    return words - {"none"}


def kept_out(directives):
    return directives is not None and {"noindex", "nofollow"} <= directives


def canonical(page):
    link = page.find("link", rel="canonical")
    return link.get("href") if link else None


def descriptions(page):
    return [meta.get("content", "") for meta in page.find_all("meta", name="description")]


def is_html(response):
    return response.headers.get("Content-Type", "").startswith("text/html")


def sitemap_addresses(client, **request):
    tree = ElementTree.fromstring(client.get("/sitemap.xml", **request).content)
    return [loc.text for loc in tree.findall("sitemap:url/sitemap:loc", SITEMAP_NS)]


# -- titles and descriptions --------------------------------------------------------------------


def test_every_public_page_has_its_own_title_and_one_description(client):
    titles, texts = set(), set()
    for url in PUBLIC_URLS:
        page = parse(client.get(url))

        title = page.find("title").text
        (description,) = descriptions(page)
        assert title and description.strip(), url
        titles.add(title)
        texts.add(description)

    assert len(titles) == len(texts) == len(PUBLIC_URLS)


def test_each_treatment_page_has_its_own_title_and_description(client):
    pages = [
        parse(client.get(f"/treatments/{slug}/")) for slug in ("microneedling", "dermabrasion")
    ]

    assert pages[0].find("title").text != pages[1].find("title").text
    assert descriptions(pages[0]) != descriptions(pages[1])
    assert "Microneedling" in descriptions(pages[0])[0]


# -- indexing: public pages only -----------------------------------------------------------------


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_public_page_may_be_indexed_under_its_canonical_address(client, url):
    page = parse(client.get(url, {"utm_source": "newsletter"}))

    assert robots_directives(page) == {"index", "follow"}
    assert canonical(page) == f"http://testserver{url}"  # the query string is not part of it


def test_the_canonical_address_keeps_the_scheme_the_site_is_served_with(client):
    page = parse(client.get("/treatments/", secure=True))

    assert canonical(page) == "https://testserver/treatments/"


def test_the_results_page_stays_out_of_search_engines(client):
    page = parse(client.get(result_url(make_intake())))

    assert kept_out(robots_directives(page))
    assert canonical(page) is None


@pytest.fixture
def every_private_page():
    """(who, url, response) for every HTML page outside the public ones that a patient with a
    complete draft or a signed-in superuser is shown. Search engines index only what answers
    200, so redirects and error pages are left out."""
    patient, staff = Client(), Client()
    world = build_world(patient)
    staff.force_login(world.superuser)
    pages = []
    for target in every_url(world):
        if target.name in PUBLIC_PAGES:
            continue
        for who, visitor in (("patient", patient), ("staff", staff)):
            response = visitor.get(target.url)
            if response.status_code == 200 and is_html(response):
                pages.append((who, target.url, response))
    return pages


def test_every_private_page_tells_search_engines_not_to_index_or_follow_it(every_private_page):
    problems = []
    for who, url, response in every_private_page:
        page = parse(response)
        directives = robots_directives(page)
        if not kept_out(directives):
            problems.append(f"{who} {url} ({response.status_code}): robots {directives}")
        if canonical(page):
            problems.append(f"{who} {url}: a canonical address")
    urls = {url for _, url, _ in every_private_page}
    # The walk reaches the pages that matter most.
    assert {step_url("concerns"), "/intake/review/", "/admin/login/"} <= urls
    assert any(re.search(r"/intake/results/[^/]+/(contact|delete)/$", url) for url in urls)
    assert any(url.startswith("/followups/unsubscribe/") for url in urls)
    assert not problems, "\n".join(problems)


def test_every_page_of_the_site_has_a_title_and_one_description(every_private_page):
    problems = []
    for who, url, response in every_private_page:
        if url.startswith("/admin/"):  # Django's admin, which search engines never see
            continue
        page = parse(response)
        title = page.find("title")
        if title is None or not title.text:
            problems.append(f"{who} {url}: no title")
        if len(descriptions(page)) != 1:
            problems.append(f"{who} {url}: descriptions {descriptions(page)}")
    assert not problems, "\n".join(problems)


# -- sitemap.xml ----------------------------------------------------------------------------------


def test_the_sitemap_lists_the_home_page_the_treatments_and_each_active_treatment(client):
    Treatment.objects.filter(slug="dermabrasion").update(is_active=False)
    active = Treatment.objects.filter(is_active=True)

    addresses = sitemap_addresses(client)

    assert sorted(addresses) == sorted(
        [
            "http://testserver/",
            "http://testserver/treatments/",
            *(f"http://testserver/treatments/{treatment.slug}/" for treatment in active),
        ]
    )
    assert "http://testserver/treatments/dermabrasion/" not in addresses


def test_every_address_in_the_sitemap_is_a_public_page_that_may_be_indexed(client):
    make_intake()  # a patient's pages exist, and must not be listed
    for address in sitemap_addresses(client):
        path = address.removeprefix("http://testserver")

        assert not any(path.startswith(prefix) for prefix in PRIVATE_PREFIXES), path
        assert resolve(path).view_name in PUBLIC_PAGES, path
        assert robots_directives(parse(client.get(path))) == {"index", "follow"}, path


def test_the_sitemap_gives_addresses_with_the_scheme_the_site_is_served_with(client):
    assert all(
        address.startswith("https://testserver/")
        for address in sitemap_addresses(client, secure=True)
    )


def test_the_sitemap_costs_no_query_while_the_catalog_is_fresh(
    client, django_assert_max_num_queries
):
    client.get("/sitemap.xml")

    with django_assert_max_num_queries(0):
        assert client.get("/sitemap.xml").status_code == 200


# -- robots.txt -----------------------------------------------------------------------------------


def robots_txt(client, **request):
    response = client.get("/robots.txt", **request)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser


@pytest.mark.parametrize("prefix", PRIVATE_PREFIXES)
def test_robots_txt_asks_crawlers_to_stay_out_of_the_private_parts(client, prefix):
    assert not robots_txt(client).can_fetch("*", f"http://testserver{prefix}anything/")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_robots_txt_lets_crawlers_read_the_public_pages(client, url):
    assert robots_txt(client).can_fetch("*", f"http://testserver{url}")


def test_robots_txt_points_to_the_sitemap(client):
    assert robots_txt(client, secure=True).site_maps() == [
        f"https://testserver{reverse('sitemap')}"
    ]
