"""The patient's event date, and the recovery limit as the recommendation used it (the choice,
shortened for the event). Intakes stored before have no event: their limit is their choice."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0006_consent_texts"),
    ]

    operations = [
        migrations.AddField(
            model_name="intake",
            name="event_date",
            field=models.DateField(
                blank=True,
                help_text="The patient's event, which recovery is to end before.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="intake",
            name="max_downtime_days",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="The recovery time the recommendation accepted: the patient's choice, shortened to end a week before their event.",
                null=True,
            ),
        ),
    ]
