# Shared by the repository's scripts (sourced, POSIX sh). Finds a JDK 21+ and installs the
# Debian packages a command needs when they are missing.

# Sets JAVA_HOME to a JDK 21 or later: JAVA_HOME if it qualifies, else Temurin 25 in its Debian
# place, else the java on PATH. Exits with a clear message when there is none.
mc_find_jdk() {
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 \
      "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    case "$v" in ''|1.*|[0-9]|1[0-9]|20) continue ;; esac
    JAVA_HOME="$home"; export JAVA_HOME
    return 0
  done
  echo "No JDK 21 or later found (JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, javac on PATH)." >&2
  echo "Install one, e.g. Temurin 25, and set JAVA_HOME to it." >&2
  exit 2
}

# mc_ensure_packages PKG... : installs the Debian packages that are not installed yet.
mc_ensure_packages() {
  missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages:$missing. Install them with: sudo apt-get install$missing" >&2
    exit 2
  fi
  echo "Installing Debian packages:$missing" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2 \
    || { echo "Could not install:$missing" >&2; exit 2; }
}

MC_PRODUCT_REL=releng/org.migrationconsole.repository/target/products/org.migrationconsole.product/linux/gtk/x86_64/migration-console
