<?php
// Loads Debian's WordPress for a command-line script (seed.php,
// load-wxr.php) as if serving the site at its first argument, ready to be
// installed: `require __DIR__ . '/bootstrap.php';` at the script's top.
$parts = parse_url($argv[1]);
$_SERVER['HTTP_HOST'] = $parts['host'] . ':' . $parts['port'];
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = $parts['host'];
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';
