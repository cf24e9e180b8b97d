"""Helpers for the follow-up tests: intakes stored the way the questionnaire stores them."""

from django.urls import reverse
from kombu import pools

from followups import tasks
from followups.models import FollowUp
from intake.submission import submit
from resurfacing.celery import app as celery_app
from treatments.vocabulary import HEALTH_FLAGS

ANSWERS = {
    "concerns": ["acne_scars"],
    "fitzpatrick": 2,
    "skin_type_source": "stated",
    "phototype_score": None,
    "recovery": "up_to_1_week",
    "max_downtime_days": 7,
    "health": {},
    "name": "Ada",
    "email": "ada@example.com",
    "adult_confirmed": True,
    "followup_opt_in": True,
}


def submit_intake(**changes):
    """A stored intake, as the questionnaire's last step stores it."""
    return submit({**ANSWERS, **changes})


def followup(intake, kind=FollowUp.SUMMARY):
    return intake.followups.get(kind=kind)


def complete_questionnaire(client, **contact):
    """Answer every step in the browser's place and submit; returns the final response."""
    posts = [
        ("concerns", {"concerns": ["acne_scars"]}),
        ("skin-type", {"method": "stated", "stated_type": "2"}),
        ("recovery", {"recovery": "up_to_1_week"}),
        ("health", dict.fromkeys(HEALTH_FLAGS, "no")),
        (
            "contact",
            {
                "adult_confirmed": "on",
                "consent": "on",
                "name": "Ada",
                "email": "ada@example.com",
                "followup_opt_in": "on",
                **contact,
            },
        ),
    ]
    for slug, data in posts:
        response = client.post(reverse("intake:step", args=[slug]), data)
        assert response.status_code == 302, f"step {slug} was refused"
    return client.post(reverse("intake:review"), follow=True)


def forget_connections():
    """Drop the pooled broker connections and the ones publish() keeps, so the next publish
    connects to the new URL."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    tasks.forget_connections()
