#!/usr/bin/env bash
# Installs the Debian 12 packages sohoa needs to build, test and run.
# Idempotent: asks dpkg what is present and installs only what is missing,
# so a second run touches nothing and needs no network.
set -euo pipefail

PKGS=(
  # toolchain
  build-essential pkg-config cmake git
  # OCR and images
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  libtesseract-dev libleptonica-dev libtiff-dev libtiff-tools
  # PDF input: MuPDF's static archives and the libraries they link with;
  # qpdf writes the encrypted PDF of the tests
  libmupdf-dev libmujs-dev libgumbo-dev libopenjp2-7-dev libjbig2dec0-dev libfreetype-dev
  libharfbuzz-dev qpdf
  # store
  libpq-dev postgresql postgresql-contrib
  # text, JSON, crypto, HTTP
  libpcre2-dev libutf8proc-dev libjansson-dev libssl-dev libmicrohttpd-dev
  # tests
  libcmocka-dev valgrind
  # synthetic corpus rendering and fonts that cover Vietnamese
  libpango1.0-dev libcairo2-dev fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf
  # benchmark peers, PDF tools and the HTTP load generator (bench/);
  # jq and curl drive the JSON and HTTP tests
  ocrmypdf poppler-utils jq curl wrk
  # archival outputs: the PDF/A output intent's sRGB profile (LittleCMS),
  # and the tools the tests check the PDF and hOCR with
  liblcms2-dev qpdf libxml2-utils
  # timing helpers used by scripts
  procps
)

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

missing=()
for p in "${PKGS[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing+=("$p") ;;
  esac
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PKGS[@]} packages present"
else
  echo "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# PostgreSQL refuses to run as root: as root, sohoa runs its private
# cluster as this unprivileged system user.
if ! getent passwd sohoa >/dev/null; then
  echo "setup: creating system user sohoa"
  $SUDO useradd --system --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin sohoa
fi
echo "setup: done"
