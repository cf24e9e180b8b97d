"""Production start-up: with DEBUG off and the documented variables, `check --deploy` is clean;
without SECRET_KEY or ALLOWED_HOSTS the app refuses to start, in one line."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

MANAGE = [sys.executable, str(settings.BASE_DIR / "manage.py")]


def production_environment(**changes):
    """The variables README's production section documents, nothing inherited but PATH."""
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "clinic.example",
        "CSRF_TRUSTED_ORIGINS": "https://clinic.example",
        "SITE_URL": "https://clinic.example",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/resurfacing-deploy.sqlite3"),
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
        "SECURE_PROXY_SSL_HEADER": "true",
    }
    environment.update(changes)
    return {name: value for name, value in environment.items() if value is not None}


def run(command, environment):
    return subprocess.run(
        command,
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_reports_no_issues_with_the_documented_variables():
    done = run([*MANAGE, "check", "--deploy", "--fail-level", "WARNING"], production_environment())
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_check_deploy_warns_while_site_url_is_still_local():
    environment = production_environment(SITE_URL=None)
    done = run([*MANAGE, "check", "--deploy", "--fail-level", "WARNING"], environment)
    assert done.returncode != 0
    assert "followups.W002" in done.stderr


def test_it_refuses_to_start_without_secret_key_in_one_line():
    done = run([*MANAGE, "check"], production_environment(SECRET_KEY=None))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "Configuration error: SECRET_KEY must be set when DEBUG is off."
    ]
    assert done.stdout == ""


def test_it_refuses_to_start_without_allowed_hosts_in_one_line():
    done = run([*MANAGE, "check"], production_environment(ALLOWED_HOSTS=None))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "Configuration error: ALLOWED_HOSTS must be set when DEBUG is off."
    ]


def test_the_web_server_cannot_load_the_app_without_secret_key():
    """gunicorn imports resurfacing.wsgi: that import must fail, not fall back to a dev key."""
    code = "import resurfacing.wsgi"
    done = run([sys.executable, "-c", code], production_environment(SECRET_KEY=None))
    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in done.stderr


def test_debug_off_turns_on_https_hsts_and_secure_cookies_and_reads_secrets_from_env():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name) for name in ["
        "'DEBUG', 'SECRET_KEY', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', "
        "'CSRF_COOKIE_SAMESITE', 'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS', "
        "'SECURE_REFERRER_POLICY', 'SECURE_PROXY_SSL_HEADER', 'EMAIL_HOST_PASSWORD']}))"
    )
    environment = production_environment(
        DJANGO_SETTINGS_MODULE="resurfacing.settings", EMAIL_HOST_PASSWORD="from-the-env"
    )
    done = run([sys.executable, "-c", code], environment)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "DEBUG": False,
        "SECRET_KEY": environment["SECRET_KEY"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "EMAIL_HOST_PASSWORD": "from-the-env",
    }
