#!/usr/bin/env bash
# A real WordPress for the tests, from Debian's packages: MariaDB on a socket
# in a temporary folder, PHP's built-in server, WordPress installed and
# seeded with tools/wordpress/seed.php (content of its own, not the sample's).
#
#   tools/wordpress/wordpress.sh start [DIR] [WXR]   # prints the site's URL; state in DIR (default target/wordpress)
#   tools/wordpress/wordpress.sh stop [DIR]
#
# With WXR (a WordPress export, e.g. tests/data/themeunittestdata.wordpress.xml)
# the site holds that export (load-wxr.php) instead of seed.php's content.
#
# Needs: wordpress, mariadb-server, php-cli, php-mysql, php-xml (make test installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."
command=${1:?start or stop}
dir=$(realpath -m "${2:-target/wordpress}")
name=rbtest-$(printf '%s' "$dir" | md5sum | cut -c1-8)
config=/etc/wordpress/config-$name.php

stop() {
  if [ -f "$dir/php.pid" ]; then
    # PHP_CLI_SERVER_WORKERS's workers outlive their server if only it is stopped.
    pkill -P "$(cat "$dir/php.pid")" 2>/dev/null || true
    kill "$(cat "$dir/php.pid")" 2>/dev/null || true
  fi
  [ -f "$dir/run/mysqld.pid" ] && kill "$(cat "$dir/run/mysqld.pid")" 2>/dev/null || true
  for _ in $(seq 50); do
    [ -S "$dir/run/mysqld.sock" ] || break
    sleep 0.1
  done
  [ -f "$dir/mariadb-dir" ] && rm -rf "$(cat "$dir/mariadb-dir")"
  rm -f "$config" "$dir/php.pid" "$dir/mariadb-dir"
}

if [ "$command" = stop ]; then
  stop
  exit 0
fi

stop
rm -rf "$dir"
mkdir -p "$dir/wp-content/mu-plugins" "$dir/wp-content/uploads"
# MariaDB runs as the mysql user, who may not be able to enter the project's
# folder (a clone in a private temporary folder): its data and socket live in
# a folder of its own, reached from here as run/.
mariadb=$(mktemp -d /tmp/russian-best-mariadb.XXXXXX)
echo "$mariadb" >"$dir/mariadb-dir"
chmod 755 "$mariadb"
mkdir -p "$mariadb/run" "$mariadb/db"
chown mysql "$mariadb/run" "$mariadb/db"
ln -s "$mariadb/run" "$dir/run"
ln -s /usr/share/wordpress/wp-content/themes "$dir/wp-content/themes"
ln -s /usr/share/wordpress/wp-content/plugins "$dir/wp-content/plugins"
cp tools/wordpress/mu-plugin.php "$dir/wp-content/mu-plugins/russian-best-tests.php"

mysql_install_db --user=mysql --datadir="$mariadb/db" --auth-root-authentication-method=socket >"$dir/mysql-install.log" 2>&1 \
  || { cat "$dir/mysql-install.log" >&2; exit 1; }
mysqld --user=mysql --datadir="$mariadb/db" --socket="$mariadb/run/mysqld.sock" --pid-file="$mariadb/run/mysqld.pid" \
  --skip-networking --log-error="$mariadb/run/mysqld.log" >"$dir/mysqld.out" 2>&1 &
for _ in $(seq 100); do
  [ -S "$dir/run/mysqld.sock" ] && break
  sleep 0.1
done
[ -S "$dir/run/mysqld.sock" ] || { echo "MariaDB did not start:" >&2; tail -5 "$dir/run/mysqld.log" >&2; exit 1; }
mysql --socket="$dir/run/mysqld.sock" -u root <<SQL
CREATE DATABASE wordpress CHARACTER SET utf8mb4;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY 'wordpress';
GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
SQL

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
cat >"$config" <<PHP
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
define('DB_HOST', 'localhost:$mariadb/run/mysqld.sock');
define('WP_CONTENT_DIR', '$dir/wp-content');
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
PHP

if [ -n "${3:-}" ]; then
  WORDPRESS_CONFIG=$name php tools/wordpress/load-wxr.php "$url" "$3" >"$dir/seed.log" 2>&1 || { cat "$dir/seed.log" >&2; exit 1; }
else
  WORDPRESS_CONFIG=$name php tools/wordpress/seed.php "$url" >"$dir/seed.log" 2>&1 || { cat "$dir/seed.log" >&2; exit 1; }
fi
# Several workers, as PHP-FPM on a real host: requests are handled at once.
(cd /usr/share/wordpress && WORDPRESS_CONFIG=$name RBTEST_UPLOADS="$dir/wp-content/uploads" PHP_CLI_SERVER_WORKERS=4 exec php -S "127.0.0.1:$port" "$(realpath -m "$OLDPWD/tools/wordpress/router.php")" >"$dir/php.log" 2>&1) &
echo $! >"$dir/php.pid"
for _ in $(seq 100); do
  curl -sf -o /dev/null "$url/wp-json/" && break
  sleep 0.1
done
curl -sf -o /dev/null "$url/wp-json/" || { echo "WordPress did not answer; see $dir/php.log" >&2; exit 1; }
echo "$url"
