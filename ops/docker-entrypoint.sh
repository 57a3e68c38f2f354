#!/bin/sh
# Container entrypoint for the app image (ops/Dockerfile).
#
# Docker secrets arrive as files (/run/secrets/<name>). For each variable in the
# list below, VAR_FILE=<path> sets VAR to the file's content unless VAR is already
# set, so secrets stay out of the container's environment listing and compose file.
# Prometheus reads the same metrics_token file, so scraper and app always agree.
# A named file that is missing, unreadable or empty stops the start here, naming
# the variable: an empty secret would otherwise be replaced by a generated one.
# tests/ops/docker-entrypoint.test.ts covers every *_FILE ops/compose.yml passes.
set -eu

for var in MINIPORTAL_METRICS_TOKEN PORTAL_MASTER_PASS AUTH_SECRET DATABASE_URL REDIS_URL PGPASSWORD MINIPORTAL_SMTP_URL; do
  eval "file=\${${var}_FILE:-}"
  eval "current=\${${var}:-}"
  if [ -n "$file" ]; then
    if [ -n "$current" ]; then
      echo "docker-entrypoint: both $var and ${var}_FILE are set; using $var" >&2
    elif [ ! -f "$file" ] || [ ! -r "$file" ]; then
      echo "docker-entrypoint: ${var}_FILE=$file is not a file this user (uid $(id -u)) can read; $var is not set" >&2
      exit 1
    else
      # $(...) drops the trailing newline an editor may have added.
      value=$(cat "$file")
      if [ -z "$value" ]; then
        echo "docker-entrypoint: ${var}_FILE=$file is empty; $var is not set" >&2
        exit 1
      fi
      export "$var=$value"
    fi
    unset "${var}_FILE"
  fi
done

exec "$@"
