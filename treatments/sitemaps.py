"""sitemap.xml: the public pages only. A patient's or a staff member's address never belongs
here: search engines would try to crawl it."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from treatments.catalog import current_catalog


class PublicPages(Sitemap):
    def items(self):
        return ["home", "treatments:index"]

    def location(self, name):
        return reverse(name)


class TreatmentPages(Sitemap):
    def items(self):
        return current_catalog()

    def location(self, treatment):
        return reverse("treatments:detail", args=[treatment.slug])


SITEMAPS = {"pages": PublicPages, "treatments": TreatmentPages}
