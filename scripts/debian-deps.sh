#!/usr/bin/env bash
# Install the Debian packages given as arguments that are missing.
# As root they are installed with apt-get; otherwise the command to run is printed.
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installation des paquets Debian manquants : ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
else
  echo "Paquets Debian manquants : ${missing[*]}"
  echo "Installez-les avec : sudo apt-get install ${missing[*]}"
  exit 1
fi
