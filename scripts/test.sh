#!/usr/bin/env bash
# Runs the whole test suite (unit tests and integration tests) the way CI does.
#
# Makes sure Redis (127.0.0.1:6379), PostgreSQL (127.0.0.1:5432, trust auth, database `test`) and MariaDB
# (127.0.0.1:3306, root without password, database `test`) answer: starts them if installed but stopped,
# installs them with apt-get if missing and we are root on Debian, and otherwise explains what to provide.
# A service named by QUEUE_REDIS_URL / QUEUE_PG_URL / QUEUE_MYSQL_URL is left alone: the tests use that address.
# Then runs `mvn -B verify` with any extra arguments passed through. Idempotent; takes well under a second
# before Maven starts when everything already runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

WAIT_SECONDS=${QUEUE_SERVICE_WAIT_SECONDS:-30}
MISSING=()
LEFT_TO_TESTCONTAINERS=()
APT_UPDATED=false

say() { printf '[test.sh] %s\n' "$*"; }
is_root_on_debian() { [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; }
docker_answers() { command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; }

apt_install() {
  if [[ $APT_UPDATED == false ]]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=true
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# wait_for NAME CHECK_FUNCTION: polls once a second, up to WAIT_SECONDS.
wait_for() {
  local name=$1 check=$2 i
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    if "$check"; then return 0; fi
    sleep 1
  done
  say "$name did not answer within ${WAIT_SECONDS}s"
  return 1
}

# --- Redis -------------------------------------------------------------------------------------------------
redis_answers() { [[ $(timeout 5 redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]]; }

redis_start() {
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null || true
}

ensure_redis() {
  if [[ -n ${QUEUE_REDIS_URL:-} ]]; then say "Redis: using QUEUE_REDIS_URL=$QUEUE_REDIS_URL"; return; fi
  if command -v redis-cli >/dev/null && redis_answers; then say "Redis: up at 127.0.0.1:6379"; return; fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    if is_root_on_debian; then
      apt_install redis-server
    elif docker_answers; then
      LEFT_TO_TESTCONTAINERS+=(Redis); return
    else
      MISSING+=("Redis is not installed: install redis-server (e.g. apt-get install redis-server) and run it on 127.0.0.1:6379, or set QUEUE_REDIS_URL=redis://HOST:PORT/0")
      return
    fi
  fi
  if ! redis_answers; then say "Redis: starting"; redis_start; fi
  if wait_for Redis redis_answers; then
    say "Redis: up at 127.0.0.1:6379"
  else
    MISSING+=("Redis does not answer on 127.0.0.1:6379 (see /var/log/redis/ci.log); start it or set QUEUE_REDIS_URL=redis://HOST:PORT/0")
  fi
}

# --- PostgreSQL --------------------------------------------------------------------------------------------
pg_answers() { pg_isready -q -h 127.0.0.1 -p 5432 -t 5; }
pg_query() { PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres "$@"; }
pg_cluster_version() { { ls /etc/postgresql 2>/dev/null || true; } | sort -V | tail -n 1; }

pg_start() {
  local version
  version=$(pg_cluster_version)
  if [[ -z $version ]]; then say "PostgreSQL: no cluster under /etc/postgresql"; return; fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
}

# Trust auth for TCP from loopback, as services.md describes; only ever touched when a login fails.
pg_trust_loopback() {
  [[ $(id -u) -eq 0 ]] || return 0
  local hba
  hba=$(runuser -u postgres -- psql -X -tA -c 'SHOW hba_file' 2>/dev/null) || return 0
  [[ -f $hba ]] || return 0
  if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    say "PostgreSQL: adding trust auth for 127.0.0.1 and ::1 to $hba"
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    runuser -u postgres -- psql -X -q -c 'SELECT pg_reload_conf()' >/dev/null
  fi
}

pg_ensure_test_db() {
  if ! pg_query -tA -c 'SELECT 1' >/dev/null 2>&1; then
    pg_trust_loopback
  fi
  if [[ $(pg_query -tA -c "SELECT 1 FROM pg_database WHERE datname = 'test'") != 1 ]]; then
    say "PostgreSQL: creating database test"
    pg_query -c 'CREATE DATABASE test'
  fi
}

ensure_postgres() {
  if [[ -n ${QUEUE_PG_URL:-} ]]; then say "PostgreSQL: using QUEUE_PG_URL=$QUEUE_PG_URL"; return; fi
  if command -v pg_isready >/dev/null && pg_answers; then
    pg_ensure_test_db
    say "PostgreSQL: up at 127.0.0.1:5432, database test present"
    return
  fi
  if ! command -v pg_ctlcluster >/dev/null || [[ -z $(pg_cluster_version) ]]; then
    if is_root_on_debian; then
      apt_install postgresql
    elif docker_answers; then
      LEFT_TO_TESTCONTAINERS+=(PostgreSQL); return
    else
      MISSING+=("PostgreSQL is not installed: install it (e.g. apt-get install postgresql) with trust auth for user postgres on 127.0.0.1:5432 and a database 'test', or set QUEUE_PG_URL=jdbc:postgresql://HOST:PORT/DB?user=USER")
      return
    fi
  fi
  if ! pg_answers; then say "PostgreSQL: starting"; pg_start; fi
  if wait_for PostgreSQL pg_answers; then
    pg_ensure_test_db
    say "PostgreSQL: up at 127.0.0.1:5432, database test present"
  else
    MISSING+=("PostgreSQL does not answer on 127.0.0.1:5432 (see /var/log/postgresql); start it or set QUEUE_PG_URL=jdbc:postgresql://HOST:PORT/DB?user=USER")
  fi
}

# --- MariaDB -----------------------------------------------------------------------------------------------
mariadb_admin() { if command -v mariadb-admin >/dev/null; then mariadb-admin "$@"; else mysqladmin "$@"; fi; }
mariadb_client() { if command -v mariadb >/dev/null; then mariadb "$@"; else mysql "$@"; fi; }
mariadb_answers() { mariadb_admin --connect-timeout=5 -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1; }
mariadb_tcp() { mariadb_client --connect-timeout=5 -h 127.0.0.1 -P 3306 -uroot "$@"; }
mariadb_installed() {
  [[ -x /usr/sbin/mariadbd ]] && { command -v mariadb-admin || command -v mysqladmin; } >/dev/null
}

mariadb_start() {
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
}

# Debian's root@localhost logs in only through the Unix socket; the tests connect over TCP without password.
mariadb_allow_root_over_tcp() {
  [[ $(id -u) -eq 0 ]] || return 0
  say "MariaDB: allowing root over TCP from loopback without password"
  mariadb_client -uroot -e "
    ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('');
    CREATE USER IF NOT EXISTS root@'127.0.0.1' IDENTIFIED BY '';
    GRANT ALL PRIVILEGES ON *.* TO root@'127.0.0.1' WITH GRANT OPTION;
    FLUSH PRIVILEGES;"
}

mariadb_ensure_test_db() {
  if ! mariadb_tcp -e 'SELECT 1' >/dev/null 2>&1; then
    mariadb_allow_root_over_tcp
  fi
  mariadb_tcp -e 'CREATE DATABASE IF NOT EXISTS test'
}

ensure_mariadb() {
  if [[ -n ${QUEUE_MYSQL_URL:-} ]]; then say "MariaDB: using QUEUE_MYSQL_URL=$QUEUE_MYSQL_URL"; return; fi
  if { command -v mariadb-admin || command -v mysqladmin; } >/dev/null && mariadb_answers; then
    mariadb_ensure_test_db
    say "MariaDB: up at 127.0.0.1:3306, database test present"
    return
  fi
  if ! mariadb_installed; then
    if is_root_on_debian; then
      apt_install mariadb-server mariadb-client
    elif docker_answers; then
      LEFT_TO_TESTCONTAINERS+=(MariaDB); return
    else
      MISSING+=("MariaDB is not installed: install it (e.g. apt-get install mariadb-server) with root allowed over TCP 127.0.0.1:3306 without password and a database 'test', or set QUEUE_MYSQL_URL=jdbc:mariadb://HOST:PORT/DB?user=USER")
      return
    fi
  fi
  if ! mariadb_answers; then say "MariaDB: starting"; mariadb_start; fi
  if wait_for MariaDB mariadb_answers; then
    mariadb_ensure_test_db
    say "MariaDB: up at 127.0.0.1:3306, database test present"
  else
    MISSING+=("MariaDB does not answer on 127.0.0.1:3306; start it or set QUEUE_MYSQL_URL=jdbc:mariadb://HOST:PORT/DB?user=USER")
  fi
}

# --- tools the integration tests run ----------------------------------------------------------------------
# RedisTlsIT makes a self-signed certificate with openssl and starts a private TLS redis-server; queue-faults
# starts private redis-servers too (the binary comes with ensure_redis).
ensure_tools() {
  if command -v openssl >/dev/null; then return; fi
  if is_root_on_debian; then
    apt_install openssl
  else
    MISSING+=("openssl (RedisTlsIT makes its certificate with it); install it")
  fi
}

# --- main --------------------------------------------------------------------------------------------------
ensure_redis
ensure_postgres
ensure_mariadb
ensure_tools

if ((${#LEFT_TO_TESTCONTAINERS[@]})); then
  say "not installed here, Docker answers, so Testcontainers will start: ${LEFT_TO_TESTCONTAINERS[*]}"
fi
if ((${#MISSING[@]})); then
  say "cannot run the integration tests; missing:"
  for m in "${MISSING[@]}"; do say "  - $m"; done
  exit 1
fi
if ! command -v mvn >/dev/null; then
  say "Maven (mvn) is not on PATH; install Maven 3.8+ and a JDK 17+"
  exit 1
fi

say "mvn -B verify${*:+ $*}"
mvn -B verify "$@"

# Virtual threads need Java 21+: the classes built above on Java 17 run once more on the newest JDK here.
newer_jdk() {
  local d
  for d in /usr/lib/jvm/*; do
    [[ -x $d/bin/java ]] || continue
    "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && echo "$d"
  done | sort -V | tail -n 1
}
jdk=${JAVA21_HOME:-$(newer_jdk)}
if [[ -z $jdk ]]; then
  say "no JDK 21+ under /usr/lib/jvm (or JAVA21_HOME): the virtual-thread tests did not run"
  if [[ ${CI:-} == true ]]; then exit 1; fi
  exit 0
fi
say "virtual threads on $jdk"
mvn -B -q verify -pl queue-spring-boot-autoconfigure -am -Djvm="$jdk/bin/java" \
  -Dtest='VirtualThread*Test' -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
  -Dspotless.check.skip=true -Dmaven.javadoc.skip=true -Dmdep.analyze.skip=true
report=queue-spring-boot-autoconfigure/target/surefire-reports/TEST-org.thinkqueue.spring.boot.autoconfigure.VirtualThreadWorkersTest.xml
if ! grep -q 'skipped="0"' "$report" 2>/dev/null; then
  say "the virtual-thread tests were skipped or did not run on $jdk (see $report)"
  exit 1
fi
say "virtual-thread tests passed on $jdk"
