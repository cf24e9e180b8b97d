"""Staff read the admin in plain words: third-party apps under what they do, health flags under a
short label of their own."""

import pytest
from django.urls import reverse

from tests.factories import SUPERUSER, make_staff_user
from tests.intake.markup import parse
from treatments.models import HealthRule
from treatments.vocabulary import HEALTH_FLAG_LABELS, HEALTH_FLAGS

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(make_staff_user(SUPERUSER))
    return client


def app_names(client):
    """The apps' names on the admin's home page, as headed there."""
    page = parse(client.get(reverse("admin:index")))
    return {caption.text for caption in page.find_all("caption")}


def test_the_admin_home_names_the_two_factor_and_lockout_apps_in_plain_words(superuser_client):
    names = app_names(superuser_client)

    assert {"Two-factor devices", "Login lockouts"} <= names
    assert not {name for name in names if name.lower() in {"otp_totp", "axes"}}


def test_every_health_flag_has_a_label_of_its_own():
    assert list(HEALTH_FLAG_LABELS) == list(HEALTH_FLAGS)
    assert len(set(HEALTH_FLAG_LABELS.values())) == len(HEALTH_FLAGS)


def test_a_health_rule_shows_its_flags_label():
    rule = HealthRule.objects.filter(flag="melasma_or_pih_history").first()

    assert rule.get_flag_display() == "Melasma or dark marks after inflammation (PIH)"


def test_the_health_rule_list_filters_by_the_flags_labels(superuser_client):
    response = superuser_client.get(reverse("admin:treatments_healthrule_changelist"))

    page = response.content.decode()
    assert "Melasma or dark marks after inflammation (PIH)" in page
    assert "Melasma or pih history" not in page
