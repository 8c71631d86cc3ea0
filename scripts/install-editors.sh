#!/bin/sh
# Installs the real editors the editor end-to-end tests drive (test/editors/): Neovim 0.7+ and Emacs 28+ with eglot,
# lsp-mode and use-package (the README's setup), from Debian's packages. Quick and silent when they are already there;
# the editor tests run it first.
set -eu

missing=""
command -v nvim >/dev/null 2>&1 || missing="$missing neovim"
command -v emacs >/dev/null 2>&1 || missing="$missing emacs-nox"
# eglot and use-package ship with Emacs from 29 on; Emacs 28 needs Debian's elpa-eglot and elpa-use-package.
# lsp-mode is Debian's elpa-lsp-mode.
has_emacs_package() {
  emacs --batch --eval "(progn (require 'package) (package-activate-all) (kill-emacs (if (locate-library \"$1\") 0 1)))" \
    >/dev/null 2>&1
}
has_emacs_package eglot || missing="$missing elpa-eglot"
has_emacs_package lsp-mode || missing="$missing elpa-lsp-mode"
has_emacs_package use-package || missing="$missing elpa-use-package"
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-editors: missing$missing and no apt-get here: install Neovim and Emacs with eglot by hand" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-editors: installing$missing from apt" >&2
# Several test runs may start at once (CI and a developer): one apt at a time.
$sudo flock /tmp/spackle-install-editors.lock sh -c "
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends$missing >/dev/null
"
