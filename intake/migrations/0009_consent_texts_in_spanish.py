"""The consent texts seeded in 0006, in Spanish beside their English: the same versions, since
each says the same in both languages; an intake records the language its patient read."""

from django.db import migrations
from django.db.models import F

SPANISH = {
    "contact|2026-12-01": "Acepto que la clínica se ponga en contacto conmigo a través del número de "
    "teléfono o la dirección de correo electrónico indicados arriba en relación "
    "con mi solicitud, y que los conserve junto con mis respuestas con esa "
    "finalidad.",
    "health|2026-12-01": "Acepto que mis respuestas a las preguntas de salud que aparecen a "
    "continuación se utilicen para determinar qué tratamientos pueden ser "
    "adecuados para mí y cuáles no son seguros para mí. Son datos de salud: sin "
    "mi consentimiento, no se tratan.",
    "storage|2026-11-25": "Acepto que mis respuestas, incluidas mis respuestas sobre salud, se "
    "conserven para que yo pueda ver mis resultados y para que el personal de "
    "la clínica pueda revisarlas y ponerse en contacto conmigo si se lo pido. "
    "Puedo descargarlas o eliminarlas en cualquier momento desde mi página de "
    "resultados.",
}


def translate(apps, schema_editor):
    ConsentText = apps.get_model("intake", "ConsentText")
    ConsentText.objects.update(text_en=F("text"))
    for key, text in SPANISH.items():
        kind, version = key.split("|")
        ConsentText.objects.filter(kind=kind, version=version).update(text_es=text)


class Migration(migrations.Migration):
    dependencies = [("intake", "0008_languages")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
