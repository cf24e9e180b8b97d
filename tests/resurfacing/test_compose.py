"""docker-compose.yml and the Dockerfile, read as data (Docker itself cannot run here): the
services and their commands, and every variable they pass checked against the settings."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_SERVICES = ["web", "worker", "beat"]
# Read by docker compose itself (interpolated into the services), not by the app.
COMPOSE_ONLY = {"POSTGRES_PASSWORD"}
REQUIRED_IN_PRODUCTION = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "SITE_URL",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_PROXY_SSL_HEADER",
}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def command(service):
    value = service.get("command", "")
    return shlex.join(value) if isinstance(value, list) else value


def env_example():
    """The variables of .env.example, the template of the .env the app services load."""
    variables = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            variables[name.strip()] = value.strip()
    return variables


def app_environment(service):
    """Everything an app container gets: its env_file (.env, from .env.example) and
    `environment` (which wins)."""
    env_files = service.get("env_file", [])
    env_files = [env_files] if isinstance(env_files, str) else env_files
    assert env_files == [".env"], env_files
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return {**env_example(), **{name: str(value) for name, value in environment.items()}}


def variables_the_settings_read():
    source = (ROOT / "resurfacing" / "settings.py").read_text()
    return set(re.findall(r"\benv(?:bool|int|list)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))


def test_it_has_the_database_redis_web_worker_and_beat_services(services):
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_web_runs_gunicorn_after_the_migrations(services):
    web = services["web"]
    assert re.match(r"gunicorn resurfacing\.wsgi\b", command(web))
    if "manage.py migrate" not in command(web):
        # A one-off service migrates, and web waits until it finished successfully.
        migrators = [
            name
            for name, condition in web["depends_on"].items()
            if "manage.py migrate" in command(services[name])
            and condition["condition"] == "service_completed_successfully"
        ]
        assert migrators, "nothing runs the migrations before web starts"


def test_the_worker_runs_celery_worker_and_beat_runs_celery_beat_once(services):
    assert command(services["worker"]).startswith("celery -A resurfacing worker")
    assert command(services["beat"]).startswith("celery -A resurfacing beat")
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1
    beats = [name for name, service in services.items() if " beat" in command(service)]
    assert beats == ["beat"]


def test_the_app_services_run_the_same_image_with_the_same_settings(services):
    for name in APP_SERVICES:
        assert services[name]["build"] == ".", name
    environments = [app_environment(services[name]) for name in APP_SERVICES]
    assert all(environment == environments[0] for environment in environments)


def test_every_variable_the_app_services_get_is_one_the_settings_read(services):
    for name in APP_SERVICES:
        unknown = set(app_environment(services[name])) - variables_the_settings_read()
        unknown -= COMPOSE_ONLY
        assert not unknown, f"{name} gets variables the settings never read: {sorted(unknown)}"


def test_every_variable_production_needs_is_provided(services):
    environment = app_environment(services["web"])  # the same for every app service
    missing = REQUIRED_IN_PRODUCTION - set(environment)
    assert not missing, f"the app services lack {sorted(missing)}"
    assert environment["DEBUG"] == "false"
    assert environment["SITE_URL"].startswith("https://")
    assert environment["SECURE_PROXY_SSL_HEADER"] == "true"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["DATABASE_URL"].endswith("@db:5432/resurfacing")
    assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
    assert environment["CACHE_URL"].startswith("redis://redis:6379/")
    assert environment["CACHE_URL"] != environment["CELERY_BROKER_URL"]


def test_no_secret_is_written_into_the_compose_file(services):
    for name, service in services.items():
        for variable, value in (service.get("environment") or {}).items():
            if re.search(r"PASSWORD|SECRET", variable) or re.search(r"://[^:]*:[^@]+@", value):
                assert "${" in value, f"{name}: {variable} is written out, not interpolated"


def test_the_env_file_stays_out_of_git_and_of_the_image():
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def test_db_redis_and_web_have_health_checks(services):
    for name in ("db", "redis", "web"):
        assert services[name]["healthcheck"]["test"], name
    assert "pg_isready" in str(services["db"]["healthcheck"]["test"])
    assert "ping" in str(services["redis"]["healthcheck"]["test"])
    assert "/healthz" in str(services["web"]["healthcheck"]["test"])


def test_the_app_waits_for_a_healthy_database_and_redis(compose, services):
    migrate = [name for name in services if "manage.py migrate" in command(services[name])]
    for name in [*migrate, *APP_SERVICES]:
        waits_for = services[name]["depends_on"]
        upstream = set(waits_for)
        for dependency in waits_for:
            upstream |= set(services[dependency].get("depends_on", {}))
        assert {"db", "redis"} <= upstream, name
    for name in migrate:
        for dependency in ("db", "redis"):
            assert services[name]["depends_on"][dependency]["condition"] == "service_healthy"


def test_the_dockerfile_collects_static_files_at_build_and_runs_unprivileged():
    dockerfile = (ROOT / "Dockerfile").read_text()
    runs = re.findall(r"^RUN (.+)$", dockerfile, flags=re.M)
    assert any("manage.py collectstatic --noinput" in run and "DEBUG=false" in run for run in runs)
    users = re.findall(r"^USER (\S+)$", dockerfile, flags=re.M)
    assert users and users[-1] != "root"
    assert re.search(r'^CMD \["gunicorn", "resurfacing.wsgi"', dockerfile, flags=re.M)


def test_the_example_configuration_with_a_real_key_passes_check_deploy(services):
    environment = {
        **app_environment(services["web"]),
        "SECRET_KEY": "k" * 10 + "-Zq8vR2mW7xL4pN9sT3yB6cF1hJ5gK0dA-" + "u" * 10,
        "POSTGRES_PASSWORD": "example",
        "PATH": "/usr/bin:/bin",
    }
    environment = {
        name: value.replace("${POSTGRES_PASSWORD}", "example")
        for name, value in environment.items()
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_the_clinics_uploads_are_kept_on_a_volume_in_the_media_folder(compose, services):
    from django.conf import settings

    mounted = {
        volume.partition(":")[2]: volume.partition(":")[0] for volume in services["web"]["volumes"]
    }
    assert (
        mounted.get("/app/" + str(settings.MEDIA_ROOT.relative_to(settings.BASE_DIR)))
        in compose["volumes"]
    )


def test_web_writes_its_access_log_through_the_redacting_logger(services):
    assert "--logger-class resurfacing.gunicorn_logging.RedactedLogger" in command(services["web"])
