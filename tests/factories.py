"""factory_boy factories for the models; tests build exactly the rows they need."""

import factory

from treatments import models


class ProcedureFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProcedureFamily
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"family-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class TreatmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Treatment

    family = factory.SubFactory(ProcedureFamilyFactory)
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    intensity_rank = factory.Sequence(lambda n: 100 + n)
    intensity_label = "light"
    ablative = False
    downtime_min_days = 0
    downtime_max_days = 2
    sessions_min = 1
    sessions_max = 3
    cost_min_usd = 100
    cost_max_usd = 300
    description = "A test treatment."
    side_effects = "Redness."


class ConcernEfficacyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConcernEfficacy

    treatment = factory.SubFactory(TreatmentFactory)
    concern = "texture_tone"
    score = 2
    rationale = "Helps."


class SkinTypeSuitabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SkinTypeSuitability

    treatment = factory.SubFactory(TreatmentFactory)
    fitzpatrick = 1
    suitability = "suitable"
    reason = ""


class HealthRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.HealthRule

    treatment = factory.SubFactory(TreatmentFactory)
    flag = "cold_sore_history"
    action = "caution"
    reason = "Ask about antiviral tablets."
