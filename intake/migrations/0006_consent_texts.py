"""Consent texts become versioned records, and each intake and contact request links to the exact
texts its patient agreed to. Intakes submitted before link to the storage text of their version;
they were not asked the separate consent to processing health answers, which is left empty."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def publish_first_texts(apps, schema_editor):
    from intake.consent import FIRST_TEXTS

    ConsentText = apps.get_model("intake", "ConsentText")
    for kind, (version, text) in FIRST_TEXTS.items():
        ConsentText.objects.get_or_create(kind=kind, version=version, defaults={"text": text})


def link_earlier_consents(apps, schema_editor):
    ConsentText = apps.get_model("intake", "ConsentText")
    Intake = apps.get_model("intake", "Intake")
    for version in Intake.objects.values_list("consent_version", flat=True).distinct():
        text = ConsentText.objects.filter(kind="storage", version=version).first()
        if text is None:  # a version this file never knew: keep the fact, not a wrong text
            text = ConsentText.objects.create(
                kind="storage", version=version, text=f"(the storage consent of version {version})"
            )
        Intake.objects.filter(consent_version=version).update(consent_storage=text)
    contact = ConsentText.objects.get(kind="contact")
    apps.get_model("intake", "ContactRequest").objects.update(consent=contact)


class Migration(migrations.Migration):
    dependencies = [("intake", "0005_contact_requests_and_booked")]

    operations = [
        migrations.CreateModel(
            name="ConsentText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("storage", "Storing the answers"),
                            ("health", "Processing health answers"),
                            ("contact", "Being contacted by the clinic"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "version",
                    models.CharField(help_text="e.g. the date it is published.", max_length=20),
                ),
                (
                    "text",
                    models.TextField(
                        help_text="Exactly what the patient reads next to the checkbox."
                    ),
                ),
                ("published_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"ordering": ["kind", "-published_at", "-id"]},
        ),
        migrations.AddConstraint(
            model_name="consenttext",
            constraint=models.UniqueConstraint(
                fields=("kind", "version"), name="one_text_per_version"
            ),
        ),
        migrations.RunPython(publish_first_texts, migrations.RunPython.noop),
        migrations.AddField(
            model_name="intake",
            name="consent_storage",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="intake.consenttext",
                verbose_name="consent to storing",
            ),
        ),
        migrations.AddField(
            model_name="intake",
            name="consent_health",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="intake.consenttext",
                verbose_name="consent to processing health answers",
            ),
        ),
        migrations.AddField(
            model_name="contactrequest",
            name="consent",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="intake.consenttext",
            ),
        ),
        migrations.RunPython(link_earlier_consents, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="intake",
            name="consent_storage",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="intake.consenttext",
                verbose_name="consent to storing",
            ),
        ),
        migrations.AlterField(
            model_name="contactrequest",
            name="consent",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="intake.consenttext",
            ),
        ),
        migrations.RemoveField(model_name="intake", name="consent_version"),
    ]
