"""The clinic makes the app its own: its name, logo and contact details wherever a patient or
staff member looks — header, footer, results, error pages, e-mails, the admin — from one profile
an administrator edits, with its history."""

import io
import os
import subprocess
import sys
from email.header import decode_header, make_header

import pytest
from django.test import Client
from PIL import Image

from clinic.models import Clinic
from followups.emails import build_message
from tests.factories import REVIEWER, SUPERUSER, followup_of, make_intake
from tests.intake.helpers import result_url, step_url
from tests.intake.markup import parse
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.django_db

ADMIN_URL = "/admin/clinic/clinic/1/change/"


@pytest.fixture
def clinic():
    clinic = Clinic.objects.get(pk=1)
    clinic.name = "Clínica Aurora"
    clinic.address = "Calle Mayor 1\n28013 Madrid"
    clinic.phone = "+34 910 000 000"
    clinic.email = "hola@aurora.example"
    clinic.booking_url = "https://aurora.example/book"
    clinic.is_example = False
    clinic.save()
    return clinic


def png(width=1200, height=300, format="PNG"):
    data = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(data, format=format)
    data.seek(0)
    data.name = f"logo.{format.lower()}"
    return data


def test_a_new_installation_shows_example_details_that_say_so(client):
    page = parse(client.get("/")).text
    assert "Example Clinic" in page
    assert "example clinic details" in page


@pytest.mark.parametrize("url", ["/", step_url("concerns"), "/privacy/", "/no-such-page/"])
def test_every_page_names_the_clinic_and_how_to_reach_it(client, clinic, url):
    page = parse(client.get(url))
    assert "Clínica Aurora" in page.find("header").text
    footer = page.find("footer").text
    assert "Calle Mayor 1" in footer and "+34 910 000 000" in footer
    assert "/privacy/" in page.find("footer").urls()


def test_the_results_page_and_its_printed_summary_name_the_clinic(client, clinic):
    page = parse(client.get(result_url(make_intake())))
    assert "Consultation summary · Clínica Aurora" in page.text
    assert "https://aurora.example/book" in page.urls()


def test_emails_come_from_the_clinic_and_are_signed_with_its_details(clinic):
    message = build_message(followup_of(make_intake()))
    sender = str(make_header(decode_header(message.from_email)))
    assert sender.startswith("Clínica Aurora <")
    for part in (message.body, message.alternatives[0][0]):
        assert "Clínica Aurora" in part
        assert "Calle Mayor 1" in part
        assert "+34 910 000 000" in part
        assert "hola@aurora.example" in part
        assert "https://aurora.example/book" in part
        assert "/privacy/" in part


def test_the_admin_header_names_the_clinic(client, clinic):
    page = signed_in(client, REVIEWER).get("/admin/")
    assert "Clínica Aurora — clinic staff" in page.content.decode()


def test_an_administrator_edits_the_one_profile_and_its_history_keeps_each_version(client):
    admin = signed_in(client, SUPERUSER)
    page = admin.get(ADMIN_URL)
    assert page.status_code == 200
    assert admin.get("/admin/clinic/clinic/add/").status_code == 403
    data = {
        field: value
        for field, value in Clinic.objects.filter(pk=1).values()[0].items()
        if field not in ("id", "updated_at", "logo")
    }
    data.update(name="Skin Clinic Berlin", currency="EUR", locale="de_DE", is_example="")
    response = admin.post(ADMIN_URL, {k: "" if v is None else v for k, v in data.items()})
    assert response.status_code == 302
    assert Clinic.objects.get(pk=1).name == "Skin Clinic Berlin"
    assert Clinic.history.count() == 2
    assert "Skin Clinic Berlin" in parse(Client().get("/")).find("header").text


def test_a_currency_that_is_no_iso_code_is_refused(client):
    admin = signed_in(client, SUPERUSER)
    data = {"name": "X", "currency": "XYZ", "locale": "de_DE"}
    response = admin.post(ADMIN_URL, data)
    assert response.status_code == 200
    assert "not an ISO 4217 currency code" in response.content.decode()


def test_an_uploaded_logo_is_resized_reencoded_and_served_as_png(client):
    admin = signed_in(client, SUPERUSER)
    data = {"name": "Logo Clinic", "currency": "USD", "locale": "en_US", "logo": png(format="JPEG")}
    assert admin.post(ADMIN_URL, data).status_code == 302
    response = Client().get("/clinic/logo.png")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "PNG" and image.height <= 96
    assert "/clinic/logo.png" in parse(Client().get("/")).find("header").urls()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg"),
        (b"GIF89a not really an image", "logo.gif"),
    ],
)
def test_a_logo_that_is_not_a_raster_image_is_refused(client, content, name):
    admin = signed_in(client, SUPERUSER)
    upload = io.BytesIO(content)
    upload.name = name
    data = {"name": "Logo Clinic", "currency": "USD", "locale": "en_US", "logo": upload}
    response = admin.post(ADMIN_URL, data)
    assert response.status_code == 200
    assert not Clinic.objects.get(pk=1).logo


def test_the_first_migrate_takes_the_clinic_from_the_environment(tmp_path, settings):
    database = tmp_path / "fresh.sqlite3"
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CLINIC_NAME": "Hautklinik Nord",
        "CLINIC_CURRENCY": "EUR",
        "CLINIC_BOOKING_URL": "https://nord.example/termin",
        "CLINIC_PHONE": "+49 40 000",
        "CLINIC_ADDRESS": "Hafenstraße 1, Hamburg",
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=environment, check=True, timeout=300)
    shown = (
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from clinic.models import Clinic; c = Clinic.objects.get(pk=1); "
                "print(c.name, c.currency, c.booking_url, c.phone, c.address, c.is_example,"
                " sep='|')",
            ],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert shown == (
        "Hautklinik Nord|EUR|https://nord.example/termin|+49 40 000|Hafenstraße 1, Hamburg|False"
    )


def test_the_privacy_notice_says_who_holds_what_for_how_long_and_the_patients_rights(
    client, clinic, settings
):
    settings.INTAKE_RETENTION_DAYS = 200
    page = parse(client.get("/privacy/")).text
    assert "Clínica Aurora" in page
    assert "200 days" in page
    for right in ("download", "delete", "Complain"):
        assert right in page


def test_the_privacy_notice_is_linked_from_every_step_the_results_and_every_email(client):
    for url in [step_url("concerns"), result_url(make_intake())]:
        assert "/privacy/" in parse(client.get(url)).urls()
    message = build_message(followup_of(make_intake()))
    assert "/privacy/" in message.body
