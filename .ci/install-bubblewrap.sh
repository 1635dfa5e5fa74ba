#!/usr/bin/env bash
# bubblewrap for `studybook check --sandbox` (and its test, SandboxTest): installed from Debian/Ubuntu
# when missing, and unprivileged user namespaces allowed where AppArmor restricts them (Ubuntu 23.10+).
set -euo pipefail
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if ! command -v bwrap >/dev/null 2>&1; then
  echo "install-bubblewrap: installing bubblewrap" >&2
  $sudo apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends bubblewrap >&2
fi
if [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null || echo 0)" = 1 ]; then
  $sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 >&2
fi
bwrap --ro-bind / / --dev /dev --proc /proc --unshare-all --die-with-parent -- true
echo "install-bubblewrap: bwrap can build a sandbox here" >&2
