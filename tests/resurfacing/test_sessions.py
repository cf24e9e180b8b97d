"""The session backend: Django's database sessions, read with one statement."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.utils import timezone

from resurfacing.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved_session(**data):
    session = SessionStore()
    session.update(data)
    session.save()
    return session.session_key


def test_the_app_uses_the_database_session_backend():
    assert settings.SESSION_ENGINE == "resurfacing.sessions"


def test_a_saved_session_loads_its_data():
    key = saved_session(draft={"concerns": ["acne_scars"]})

    assert SessionStore(key)["draft"] == {"concerns": ["acne_scars"]}


def test_a_session_is_loaded_with_one_query(django_assert_num_queries):
    key = saved_session(answer=1)

    with django_assert_num_queries(1):
        assert SessionStore(key)["answer"] == 1


def test_an_expired_session_loads_empty_and_gets_a_new_key_when_saved():
    key = saved_session(answer=1)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))

    session = SessionStore(key)
    assert dict(session) == {}
    session["answer"] = 2
    session.save()

    assert session.session_key != key


def test_an_unknown_session_key_loads_empty():
    assert dict(SessionStore("x" * 32)) == {}


def test_a_malformed_session_key_loads_empty_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert dict(SessionStore("short")) == {}


def test_a_changed_session_is_saved_with_one_statement(django_assert_num_queries):
    session = SessionStore(saved_session(answer=1))
    session["answer"] = 2

    with django_assert_num_queries(1):  # loaded already, by the change
        session.save()

    assert SessionStore(session.session_key)["answer"] == 2


def test_saving_moves_the_expiry_on():
    session = SessionStore(saved_session(answer=1))
    session.set_expiry(3600)
    session.save()

    expires = Session.objects.get(session_key=session.session_key).expire_date
    assert timezone.now() + timedelta(minutes=59) < expires <= timezone.now() + timedelta(hours=1)


def test_saving_a_session_deleted_meanwhile_raises_update_error():
    session = SessionStore(saved_session(answer=1))
    session["answer"] = 2
    Session.objects.filter(session_key=session.session_key).delete()

    with pytest.raises(UpdateError):
        session.save()


def test_a_session_whose_data_was_tampered_with_loads_empty():
    key = saved_session(answer=1)
    Session.objects.filter(session_key=key).update(session_data="tampered")

    assert dict(SessionStore(key)) == {}
