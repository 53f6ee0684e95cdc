<?php
// PHP's built-in server in front of Debian's WordPress: files as they are,
// everything else to index.php (pretty permalinks, /wp-json/). Debian's
// wp-config.php picks /etc/wordpress/config-$WORDPRESS_CONFIG.php.
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = __DIR__ === getcwd() ? null : getcwd() . $path;
if ($file !== null && $path !== '/' && is_file($file) && !str_ends_with($file, '.php')) {
    return false;
}
if ($file !== null && str_ends_with($path, '.php') && is_file($file)) {
    $_SERVER['SCRIPT_NAME'] = $path;
    require $file;
    return;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
require getcwd() . '/index.php';
