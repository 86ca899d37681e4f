# Sourced by the check scripts: `fail` and `need <command> <Debian package>`, which installs a missing tool with
# apt-get only in CI (CI=true, as root) and otherwise stops with the command that installs it.
# The sourcing script sets `check` to its own name first, for the messages.

fail() {
  echo "$check: $*" >&2
  exit 1
}

can_install() { [[ ${CI:-} == true && $(id -u) == 0 ]]; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need() { # command, Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  if can_install; then
    echo "$check: installing $1 (Debian package $2)"
    apt_install "$2"
  else
    fail "$1 not found. Install it with 'sudo apt-get install $2' (Debian/Ubuntu)."
  fi
}
