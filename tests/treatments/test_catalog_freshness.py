"""Every process recommends from the catalog as staff left it: a change made by any means is
used by the process that made it at once, and by every process within a second; meanwhile the
catalog costs no query at all."""

import pytest
from django.db import connection, transaction

from treatments import catalog
from treatments.catalog import current_catalog
from treatments.models import Source, Treatment

pytestmark = pytest.mark.django_db

SLUG = "microneedling"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(catalog, "time", clock)
    return clock


def downtime():
    return next(t.downtime_days for t in current_catalog() if t.slug == SLUG)


def test_an_unchanged_catalog_costs_no_query_within_a_second(clock, django_assert_num_queries):
    current_catalog()
    clock.now += 0.9
    with django_assert_num_queries(0):
        assert len(current_catalog()) == 9


def test_after_a_second_an_unchanged_catalog_costs_one_query(clock, django_assert_num_queries):
    current_catalog()
    clock.now += 1.0
    with django_assert_num_queries(1):
        assert len(current_catalog()) == 9


def test_a_treatment_saved_in_this_process_is_used_at_once(clock):
    assert downtime() == (1, 3)
    treatment = Treatment.objects.get(slug=SLUG)
    treatment.downtime_max_days = 4
    treatment.save()
    assert downtime() == (1, 4)


def test_rows_deleted_in_this_process_are_used_at_once(clock):
    current_catalog()
    Treatment.objects.get(slug=SLUG).efficacies.all().delete()
    assert next(t for t in current_catalog() if t.slug == SLUG).efficacy == {}


def test_a_source_linked_in_this_process_is_used_at_once(clock):
    treatment = Treatment.objects.get(slug=SLUG)
    source = Source.objects.create(key="New-2026", title="A new review")
    current_catalog()
    treatment.sources.add(source)
    cited = next(t.sources for t in current_catalog() if t.slug == SLUG)
    assert "New-2026" in [s.key for s in cited]


def test_a_source_corrected_in_this_process_is_used_at_once(clock):
    key = next(t.sources for t in current_catalog() if t.slug == SLUG)[0].key
    source = Source.objects.get(key=key)
    source.title = "Corrected"
    source.save()
    cited = next(t.sources for t in current_catalog() if t.slug == SLUG)
    assert "Corrected" in [s.title for s in cited]


def test_a_bulk_update_that_skips_the_models_signals_is_used_within_a_second(clock):
    assert downtime() == (1, 3)
    Treatment.objects.filter(slug=SLUG).update(downtime_max_days=5)
    clock.now += 1.0
    assert downtime() == (1, 5)


def test_a_change_in_raw_sql_is_used_within_a_second(clock):
    assert downtime() == (1, 3)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE treatments_treatment SET downtime_max_days = 6 WHERE slug = %s", [SLUG]
        )
    clock.now += 1.0
    assert downtime() == (1, 6)


def test_a_new_row_in_any_catalog_table_is_used_within_a_second(clock):
    current_catalog()
    treatment = Treatment.objects.get(slug=SLUG)
    with connection.cursor() as cursor:
        # The rules' citations first: nothing may point at a deleted rule.
        cursor.execute(
            "DELETE FROM treatments_healthrule_sources WHERE healthrule_id IN "
            "(SELECT id FROM treatments_healthrule WHERE treatment_id = %s)",
            [treatment.pk],
        )
        cursor.execute("DELETE FROM treatments_healthrule WHERE treatment_id = %s", [treatment.pk])
    clock.now += 1.0
    assert next(t for t in current_catalog() if t.slug == SLUG).health_rules == {}


def test_a_change_seen_then_rolled_back_never_hides_a_later_one(clock):
    treatment = Treatment.objects.get(slug=SLUG)
    with transaction.atomic():
        Treatment.objects.filter(slug=SLUG).update(downtime_max_days=4)
        assert downtime() == (1, 4)
        transaction.set_rollback(True)
    Treatment.objects.filter(pk=treatment.pk).update(downtime_max_days=5)
    clock.now += 1.0
    assert downtime() == (1, 5)
