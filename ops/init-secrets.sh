#!/bin/sh
# Creates the secret files ops/compose.yml expects, once.
#   sh ops/init-secrets.sh [directory]     (default: ops/secrets next to this script)
#
# Existing files are kept: a new portal_master_pass would leave every encrypted
# journal unreadable, a new metrics token is harmless but pointless.
# The directory is 0700 (other host users cannot reach the files); the files are
# 0644 because compose bind-mounts them with their host mode and the containers
# run as non-root users (node, nobody, grafana).
set -eu

dir=${1:-"$(dirname "$0")/secrets"}
mkdir -p "$dir"
chmod 700 "$dir"

random_hex() {
  # 32 bytes from the kernel CSPRNG, hex, no newline; needs only coreutils.
  od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
}

for name in metrics_token portal_master_pass grafana_admin_password auth_secret postgres_password; do
  file="$dir/$name"
  if [ -s "$file" ]; then
    echo "kept    $file"
  else
    (umask 077 && random_hex > "$file")
    echo "created $file"
  fi
  chmod 644 "$file"
done
