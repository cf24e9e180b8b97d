"""Addresses of a treatment's admin pages, for the catalog admin's tests."""

from django.urls import reverse


def change_url(treatment):
    return reverse("admin:treatments_treatment_change", args=[treatment.pk])


def history_url(treatment):
    return reverse("admin:treatments_treatment_history", args=[treatment.pk])
