<?php
// Loads a WordPress export (WXR, e.g. the Theme Unit Test data) into the
// test WordPress, as WordPress's own importer plugin would (that plugin is
// not in Debian's package): authors, categories and tags, posts, pages and
// attachments with their slugs, statuses, passwords, parents, menu order,
// stickiness, featured images and comments (threaded). Content is stored as
// written (no kses), as an administrator's import is.
// Usage: WORDPRESS_CONFIG=<name> php load-wxr.php <site url> <file.xml>
// Needs PHP's XML extension (Debian's php-xml).
[$url, $file] = [$argv[1], $argv[2]];
require __DIR__ . '/bootstrap.php';

$xml = simplexml_load_file($file, 'SimpleXMLElement', LIBXML_NOCDATA);
if ($xml === false) { fwrite(STDERR, "cannot read $file\n"); exit(1); }
$ns = $xml->getNamespaces(true);
$channel = $xml->channel;
$wp = $channel->children($ns['wp']);

wp_install((string) $channel->title, 'admin', 'admin@example.org', true, '', 'admin-password-not-secret');
update_option('blogdescription', (string) $channel->description);
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
update_option('timezone_string', 'UTC');
update_option('comment_moderation', 0);
kses_remove_filters();
// The install's own post, page and comment are not the export's.
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $own) {
    wp_delete_post($own->ID, true);
}

$authors = [];
foreach ($wp->author as $author) {
    $login = (string) $author->author_login;
    $id = wp_insert_user([
        'user_login' => $login,
        'user_email' => (string) $author->author_email ?: "$login@example.org",
        'display_name' => (string) $author->author_display_name,
        'user_pass' => wp_generate_password(),
        'role' => 'author',
    ]);
    if (!is_wp_error($id)) $authors[$login] = $id;
}

// Categories in the export's order: a parent comes before its children.
foreach ($wp->category as $category) {
    $parent = (string) $category->category_parent;
    $parent_id = $parent !== '' ? (get_term_by('slug', $parent, 'category')->term_id ?? 0) : 0;
    wp_insert_term((string) $category->cat_name, 'category', [
        'slug' => (string) $category->category_nicename,
        'parent' => $parent_id,
        'description' => (string) $category->category_description,
    ]);
}

$ids = [];        // export id => new id
$parents = [];    // new id => export parent id
$thumbnails = []; // new id => export attachment id
$sticky = [];
foreach ($channel->item as $item) {
    $post = $item->children($ns['wp']);
    $type = (string) $post->post_type;
    if (!in_array($type, ['post', 'page', 'attachment'], true)) continue;
    $fields = [
        'post_title' => (string) $item->title,
        'post_content' => (string) $item->children($ns['content'])->encoded,
        'post_excerpt' => (string) $item->children($ns['excerpt'])->encoded,
        'post_name' => (string) $post->post_name,
        'post_status' => (string) $post->status,
        'post_type' => $type,
        'post_date' => (string) $post->post_date,
        'post_date_gmt' => (string) $post->post_date_gmt,
        'comment_status' => (string) $post->comment_status,
        'ping_status' => (string) $post->ping_status,
        'menu_order' => (int) $post->menu_order,
        'post_password' => (string) $post->post_password,
        'post_author' => $authors[(string) $item->children($ns['dc'])->creator] ?? 1,
        'guid' => (string) $item->guid,
    ];
    if ($type === 'attachment') {
        $fields['post_mime_type'] = wp_check_filetype((string) $post->attachment_url)['type'] ?: 'image/jpeg';
        $fields['guid'] = (string) $post->attachment_url;
        $id = wp_insert_attachment($fields, false, 0, true);
    } else {
        $id = wp_insert_post($fields, true);
    }
    if (is_wp_error($id)) { fwrite(STDERR, "{$fields['post_title']}: {$id->get_error_message()}\n"); exit(1); }
    $ids[(int) $post->post_id] = $id;
    if ((int) $post->post_parent) $parents[$id] = (int) $post->post_parent;
    if ((string) $post->is_sticky === '1') $sticky[] = $id;
    $categories = [];
    $tags = [];
    foreach ($item->category as $term) {
        $domain = (string) $term['domain'];
        if ($domain === 'category') {
            $found = get_term_by('slug', (string) $term['nicename'], 'category');
            if ($found) $categories[] = $found->term_id;
        } elseif ($domain === 'post_tag') {
            $tags[] = (string) $term;
        }
    }
    if ($type === 'post') {
        wp_set_post_categories($id, $categories ?: [get_option('default_category')]);
        if ($tags) wp_set_post_tags($id, $tags);
    }
    foreach ($post->postmeta as $meta) {
        if ((string) $meta->meta_key === '_thumbnail_id') $thumbnails[$id] = (int) $meta->meta_value;
    }
    // Comments in the export's order: a parent before its replies.
    $comments = [];
    foreach ($post->comment as $comment) {
        $parent = (int) $comment->comment_parent;
        $comments[(int) $comment->comment_id] = wp_insert_comment([
            'comment_post_ID' => $id,
            'comment_author' => (string) $comment->comment_author,
            'comment_author_email' => (string) $comment->comment_author_email,
            'comment_author_url' => (string) $comment->comment_author_url,
            'comment_date' => (string) $comment->comment_date,
            'comment_date_gmt' => (string) $comment->comment_date_gmt,
            'comment_content' => (string) $comment->comment_content,
            'comment_approved' => (string) $comment->comment_approved,
            'comment_type' => (string) $comment->comment_type,
            'comment_parent' => $comments[$parent] ?? 0,
        ]);
    }
}
foreach ($parents as $id => $parent) {
    if (isset($ids[$parent])) wp_update_post(['ID' => $id, 'post_parent' => $ids[$parent]]);
}
foreach ($thumbnails as $id => $attachment) {
    if (isset($ids[$attachment])) set_post_thumbnail($id, $ids[$attachment]);
}
update_option('sticky_posts', $sticky);
foreach (get_terms(['taxonomy' => ['category', 'post_tag'], 'hide_empty' => false, 'fields' => 'ids']) as $term) {
    wp_update_term_count_now([$term], get_term($term)->taxonomy);
}
echo "loaded " . count($ids) . " items from $file\n";
