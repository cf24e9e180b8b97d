"""current_catalog(): the snapshot is kept in the process and checked against the catalog's
version whenever it may have changed, so no process serves a catalog staff have changed. Inside
a transaction, or without PostgreSQL's notifications, that is one cheap query per request."""

import pytest

from tests.resurfacing.changes_helpers import (
    another_process,
    commit,
    committing,
    notification,
    wait_until,
)
from treatments import catalog, signals
from treatments.catalog import catalog_version, current_catalog
from treatments.models import CatalogVersion, Treatment

pytestmark = pytest.mark.django_db  # inside the test's transaction, unless marked otherwise

SLUG = "microneedling"


@pytest.fixture(autouse=True)
def nothing_cached(monkeypatch):
    """Each test starts without a snapshot, and leaves none of its own behind."""
    monkeypatch.setattr(catalog, "_cached", (None, None, ()))


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


def test_inside_a_transaction_a_cached_catalog_costs_one_query(django_assert_num_queries):
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


# With PostgreSQL, outside a transaction, as a web process serves requests: changes are
# notified (resurfacing/changes.py) instead of the version being read on every request.


@committing
def test_with_notifications_a_current_snapshot_costs_no_query(
    postgresql, django_assert_num_queries
):
    current_catalog()
    with django_assert_num_queries(0):
        assert len(current_catalog()) == 9


@committing
def test_an_edit_saved_in_this_process_is_seen_on_the_next_request(postgresql):
    assert downtime() == (1, 3)
    change_behind_the_signals(downtime_max_days=5)
    # What saving in the admin runs (not the save itself: the history rows that serialized
    # rollback puts back would collide with new ones).
    signals.catalog_changed(sender=Treatment)

    assert downtime() == (1, 5)


@committing
def test_an_edit_another_process_commits_is_seen_once_notified(postgresql):
    assert downtime() == (1, 3)
    with another_process() as other:
        commit(
            other,
            (
                "UPDATE treatments_treatment SET downtime_max_days = 5 WHERE slug = %s",
                [SLUG],
            ),
            ("UPDATE treatments_catalogversion SET version = version + 1", []),
            notification(catalog.TOPIC),
        )

    assert wait_until(lambda: downtime() == (1, 5))


@committing
def test_without_a_notification_the_snapshot_is_kept(postgresql, django_assert_num_queries):
    assert downtime() == (1, 3)
    change_behind_the_signals(downtime_max_days=5)  # committed, but nobody was told

    with django_assert_num_queries(0):
        assert downtime() == (1, 3)
