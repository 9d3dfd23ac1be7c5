# One image for every service; docker-compose.yml only changes the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DEBUG=false \
    KINDRED_VAR_DIR=/app/var

WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .
# Static files are collected at build time and served by WhiteNoise.
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 kindred \
    && mkdir -p /app/var && chown -R kindred /app/var
USER kindred

EXPOSE 8000
CMD ["gunicorn", "connection.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
