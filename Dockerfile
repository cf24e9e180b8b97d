FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files are collected at build time and served by whitenoise.
RUN DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput

RUN useradd --create-home app && mkdir -p /app/var/media && chown -R app /app/var
USER app

EXPOSE 8000
CMD ["gunicorn", "resurfacing.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--logger-class", "resurfacing.gunicorn_logging.RedactedLogger"]
