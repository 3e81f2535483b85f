# Helpers for .ci/run: make sure each service answers, installing and starting
# it from Debian's packages where it does not.

APT_UPDATED=""
ensure_apt_packages() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ -z "$APT_UPDATED" ]; then apt-get update -q; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

wait_for() {
    local what=$1; shift
    for _ in $(seq 1 30); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
    echo "$what does not answer" >&2
    return 1
}

ensure_postgres() {
    if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        echo "PostgreSQL answers"
    else
        ensure_apt_packages postgresql
        local version
        version=$(ls /etc/postgresql | sort -V | tail -n 1)
        sed -ri 's/^(host|local)(\s+all\s+all\s+.*\s)(peer|scram-sha-256|md5)$/\1\2trust/' \
            "/etc/postgresql/$version/main/pg_hba.conf"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
        wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432
    fi
    psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='test'" \
        | grep -q 1 || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test"
}

ensure_mariadb() {
    if mariadb -h 127.0.0.1 -u root -e "SELECT 1" >/dev/null 2>&1; then
        echo "MariaDB answers"
    else
        ensure_apt_packages mariadb-server mariadb-client
        start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
        wait_for MariaDB mariadb -u root -e "SELECT 1"
        mariadb -u root -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('')" || true
        wait_for MariaDB mariadb -h 127.0.0.1 -u root -e "SELECT 1"
    fi
    mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE IF NOT EXISTS test CHARACTER SET utf8mb4"
}

ensure_redis() {
    if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
        echo "Redis answers"
    else
        ensure_apt_packages redis-server
        mkdir -p /var/lib/redis /var/log/redis
        redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
            --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
        wait_for Redis redis-cli -h 127.0.0.1 -p 6379 ping
    fi
}
