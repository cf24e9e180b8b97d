import pytest

from tests.factories import REVIEWER, ensure_roles, make_staff_user
from tests.staff.helpers import PASSWORD


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Accounts that sign in through the form get a password; the default hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def roles_after_a_flush(django_db_setup, django_db_blocker):
    """A live-server test flushes the database, roles included; put them back for good."""
    with django_db_blocker.unblock():
        ensure_roles()


@pytest.fixture
def reviewer():
    """Rita, a reviewer who signs in by the form with PASSWORD."""
    return make_staff_user(REVIEWER, username="rita", password=PASSWORD)
