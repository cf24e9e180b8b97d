"""Addresses of a treatment's admin pages, and edits of catalog rows, for the catalog's tests."""

from django.urls import reverse


def change_url(treatment):
    return reverse("admin:treatments_treatment_change", args=[treatment.pk])


def history_url(treatment):
    return reverse("admin:treatments_treatment_history", args=[treatment.pk])


def edited(row, **fields):
    """An editor saves these fields of the row (`name_es`, `description_es`, ...)."""
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    return row
