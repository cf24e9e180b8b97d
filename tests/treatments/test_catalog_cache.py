"""current_catalog(): the snapshot is kept in the process and checked against the catalog's
version, one cheap query per request, so no process serves a catalog staff have changed."""

import pytest

from treatments import catalog
from treatments.catalog import catalog_version, current_catalog
from treatments.models import CatalogVersion, Treatment

pytestmark = pytest.mark.django_db

SLUG = "microneedling"


@pytest.fixture(autouse=True)
def nothing_cached(monkeypatch):
    """Each test starts without a snapshot, and leaves none of its own behind."""
    monkeypatch.setattr(catalog, "_cached", (None, ()))


def downtime():
    return next(t.downtime_days for t in current_catalog() if t.slug == SLUG)


def change_behind_the_signals(**fields):
    """Change the row without the signals that bump the version: as seen from this process, an
    edit another process made, until that process's bump."""
    Treatment.objects.filter(slug=SLUG).update(**fields)


def test_the_version_is_0_until_staff_first_change_the_catalog():
    CatalogVersion.objects.all().delete()
    assert catalog_version() == 0
    assert len(current_catalog()) == 9


def test_the_version_follows_each_bump():
    CatalogVersion.objects.all().delete()
    CatalogVersion.bump()
    assert catalog_version() == 1
    CatalogVersion.bump()
    assert catalog_version() == 2


def test_a_cached_catalog_costs_one_query(django_assert_num_queries):
    current_catalog()
    with django_assert_num_queries(1):
        assert len(current_catalog()) == 9


def test_another_processs_edit_is_seen_on_the_next_request():
    assert downtime() == (1, 3)

    change_behind_the_signals(downtime_max_days=5)
    assert downtime() == (1, 3)  # the version did not move: the snapshot is still good
    CatalogVersion.bump()

    assert downtime() == (1, 5)


def test_the_first_bump_after_no_version_row_is_seen():
    CatalogVersion.objects.all().delete()
    assert downtime() == (1, 3)

    change_behind_the_signals(downtime_max_days=5)
    CatalogVersion.bump()

    assert downtime() == (1, 5)


def test_saving_a_treatment_bumps_the_version():
    before = catalog_version()
    treatment = Treatment.objects.get(slug=SLUG)
    treatment.downtime_max_days = 5
    treatment.save()
    assert catalog_version() == before + 1
    assert downtime() == (1, 5)
