import pytest
from django.db import transaction
from django.test import Client

from tests.resurfacing.site_map import build_world, every_url


@pytest.fixture(scope="session")
def site_responses(django_db_setup, django_db_blocker):
    """(url, who, response) for every URL of the project, requested by the patient (with a
    complete draft) and by a signed-in superuser. Requested once for the whole session, in a
    transaction that is rolled back."""
    answered = []
    with django_db_blocker.unblock(), transaction.atomic():
        patient, staff = Client(), Client()
        world = build_world(patient)
        staff.force_login(world.superuser)
        for target in every_url(world):
            for who, visitor in (("patient", patient), ("staff", staff)):
                answered.append((target.url, who, visitor.get(target.url)))
        transaction.set_rollback(True)
    return answered
