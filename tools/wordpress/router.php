<?php
// PHP's built-in server in front of Debian's WordPress: files as they are,
// everything else to index.php (pretty permalinks, /wp-json/). Debian's
// wp-config.php picks /etc/wordpress/config-$WORDPRESS_CONFIG.php.
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
// Uploads live in the test site's own content folder (RBTEST_UPLOADS), not
// under Debian's WordPress: served from there, as a web server would.
$uploads = getenv('RBTEST_UPLOADS');
if ($uploads && str_starts_with($path, '/wp-content/uploads/')) {
    $file = realpath($uploads . substr($path, strlen('/wp-content/uploads')));
    if ($file && str_starts_with($file, realpath($uploads) . '/') && is_file($file)) {
        $types = ['png' => 'image/png', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'gif' => 'image/gif', 'webp' => 'image/webp'];
        header('Content-Type: ' . ($types[strtolower(pathinfo($file, PATHINFO_EXTENSION))] ?? 'application/octet-stream'));
        header('Content-Length: ' . filesize($file));
        readfile($file);
        return;
    }
    http_response_code(404);
    return;
}
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
