#!/bin/sh
# Container entrypoint for the app image (ops/Dockerfile).
#
# Docker secrets arrive as files (/run/secrets/<name>). For each variable in the
# list below, VAR_FILE=<path> sets VAR to the file's content unless VAR is already
# set, so secrets stay out of the container's environment listing and compose file.
# Prometheus reads the same metrics_token file, so scraper and app always agree.
set -eu

for var in MINIPORTAL_METRICS_TOKEN PORTAL_MASTER_PASS AUTH_SECRET DATABASE_URL REDIS_URL PGPASSWORD; do
  eval "file=\${${var}_FILE:-}"
  eval "current=\${${var}:-}"
  if [ -n "$file" ]; then
    if [ -n "$current" ]; then
      echo "docker-entrypoint: both $var and ${var}_FILE are set; using $var" >&2
    elif [ -r "$file" ]; then
      # $(...) drops the trailing newline an editor may have added.
      value=$(cat "$file")
      export "$var=$value"
    else
      echo "docker-entrypoint: ${var}_FILE=$file is not readable" >&2
      exit 1
    fi
    unset "${var}_FILE"
  fi
done

exec "$@"
