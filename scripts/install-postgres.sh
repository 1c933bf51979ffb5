#!/usr/bin/env bash
# Installs Debian's PostgreSQL 15 server binaries for the event-mode store tests. Never
# starts the system cluster: tests start their own in a temp directory on loopback.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then echo "install-postgres: present" >&2; exit 0; fi
SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo -n)
export DEBIAN_FRONTEND=noninteractive
POLICY=/usr/sbin/policy-rc.d; made=0
if [ ! -e "$POLICY" ]; then printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null; "${SUDO[@]}" chmod 755 "$POLICY"; made=1; fi
trap '[ "$made" = 1 ] && "${SUDO[@]}" rm -f "$POLICY"' EXIT
apt-cache policy postgresql 2>/dev/null | grep -q 'Candidate: [0-9]' || "${SUDO[@]}" apt-get update -q >/dev/null
"${SUDO[@]}" apt-get install -y -q --no-install-recommends postgresql postgresql-contrib </dev/null >/tmp/install-postgres.log 2>&1 \
  || { tail -n 30 /tmp/install-postgres.log >&2; exit 1; }
echo "install-postgres: installed $(ls /usr/lib/postgresql/)" >&2
