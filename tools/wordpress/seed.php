<?php
// Installs WordPress and seeds it with the tests' own content: more posts
// than one REST page, a post in the seed's question pattern, hostile HTML
// written past kses, a percent-encoded (Cyrillic) slug, threaded, held and
// spam comments, slugs with an underscore, a numero sign and an emoji, and
// what must never be imported: drafts, private,
// password-protected and pending posts, a draft page. For the comment sync
// (tests/import.rs, wordpress.spec.ts): a post whose comments are closed,
// comments held with old dates (approved later by the tests), and posts, a
// page, a category and comments that the tests remove after an import.
// Usage: WORDPRESS_CONFIG=<name> php seed.php <site url>
$url = $argv[1];
require __DIR__ . '/bootstrap.php';

wp_install('Volga Notes & Queries', 'admin', 'admin@example.org', true, '', 'admin-password-not-secret');
update_option('blogdescription', 'Questions “from” the river');
update_option('permalink_structure', '/%postname%/');
update_option('timezone_string', 'UTC');
// WordPress's defaults: a new commenter's comment is held for moderation.
update_option('comment_previously_approved', 1);
update_option('comment_moderation', 0);
global $wpdb;

$kitchen = wp_insert_term('Kitchen', 'category', ['slug' => 'kitchen'])['term_id'];
$rivers = wp_insert_term('Rivers & Lakes', 'category', ['slug' => 'rivers-lakes'])['term_id'];
// sanitize_title percent-encodes Cyrillic: %d1%87%d1%82%d0%b5%d0%bd%d0%b8%d0%b5
$reading = wp_insert_term('Чтение', 'category')['term_id'];

function post($title, $content, $category, $date, $extra = []) {
    $id = wp_insert_post(array_merge([
        'post_title' => $title,
        'post_content' => $content,
        'post_status' => 'publish',
        'post_category' => [$category],
        'post_date_gmt' => $date,
        'post_date' => $date,
        'post_author' => 1,
    ], $extra), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    return $id;
}

// More posts than one REST page (per_page=100).
for ($i = 1; $i <= 104; $i++) {
    post("Kitchen note $i", "<p>Note number $i about pelmeni &amp; kasha.</p>", $kitchen,
        sprintf('2020-01-01 %02d:%02d:00', intdiv($i, 60), $i % 60));
}

$question = post('Why do trains run late near Kazan?',
    '<p><strong>Question by Lena</strong>: why do trains run late near Kazan?<br />I have noticed it on every trip this winter &#8211; is it the weather?</p>'
    . '<p><strong>Answers and Views:</strong></p>'
    . '<p><strong>Answer by Oleg</strong><br />Single-track sections &amp; freight trains get priority.</p>'
    . '<p>Second paragraph of <em>Oleg&#8217;s</em> answer, with <a href="https://rzd.example/timetable">a timetable</a>.</p>'
    . '<p><strong>Answer by Marta</strong><br />Snow on the points.</p>'
    . '<p>Read all the answers in the comments.</p><p>Add your own answer!</p>',
    $rivers, '2021-02-03 10:00:00');

$hostile = post('placeholder', 'placeholder', $rivers, '2021-03-04 11:00:00');
// Written past kses, as an administrator's post can be.
$wpdb->update($wpdb->posts, [
    'post_title' => 'Hostile <script>alert(1)</script> &amp; friends',
    'post_content' => '<script>window.__pwned = 1</script><style>body{display:none}</style>'
        . '<h2 onclick="alert(1)">A heading</h2>'
        . '<p style="color:red" onmouseover="alert(1)">Styled &lt;b&gt;text&lt;/b&gt; with <img src="x" onerror="alert(1)"> an image.</p>'
        . '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">'
        . '<p><a href="javascript:alert(1)">js link</a> and <a href="https://example.org/ok" onclick="alert(1)">a fine link</a>'
        . ' and <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data link</a>.</p>'
        . '<ul><li>one <strong>*bold*</strong></li><li>two [not](a link)</li></ul>'
        . '<blockquote><p>Quoted words</p></blockquote>'
        . '<svg><script>alert(1)</script></svg><form action="https://evil.example/"><input name="x"></form>'
        . '<p>- not a list, # not a heading, &gt; not a quote</p>',
], ['ID' => $hostile]);

$cyrillic = post('Что почитать о Волге?', '<p>Книги о реке.</p>', $reading, '2021-04-05 12:00:00');

// Never to be imported.
post('Secret draft', '<p>draft</p>', $rivers, '2021-05-01 00:00:00', ['post_status' => 'draft']);
post('Private thoughts', '<p>private</p>', $rivers, '2021-05-02 00:00:00', ['post_status' => 'private']);
post('Pending review', '<p>pending</p>', $rivers, '2021-05-03 00:00:00', ['post_status' => 'pending']);
post('Password protected', '<p>protected</p>', $rivers, '2021-05-04 00:00:00', ['post_password' => 'letmein']);
post('About the site', '<p>We write about the <strong>Volga</strong>.</p>', $rivers, '2020-01-01 00:00:00', ['post_type' => 'page', 'post_category' => []]);
post('Draft page', '<p>not yet</p>', $rivers, '2020-01-01 00:00:00', ['post_type' => 'page', 'post_status' => 'draft', 'post_category' => []]);

function comment($post, $author, $content, $approved, $parent = 0, $url = '', $date = '2021-02-04 09:00:00') {
    return wp_insert_comment([
        'comment_post_ID' => $post,
        'comment_author' => $author,
        'comment_author_email' => strtolower($author) . '@example.org',
        'comment_author_url' => $url,
        'comment_content' => $content,
        'comment_approved' => $approved,
        'comment_parent' => $parent,
        'comment_date' => $date,
        'comment_date_gmt' => $date,
    ]);
}
$anya = comment($question, 'Anya', 'Thanks, this helped &amp; I agree.', 1, 0, 'https://anya.example');
comment($question, 'Boris', "A reply to Anya.\n\nSecond paragraph: https://example.org/x", 1, $anya, 'javascript:alert(1)', '2021-02-04 10:00:00');
comment($question, 'Held Harry', 'Awaiting moderation, never imported.', 0, 0, '', '2021-02-04 11:00:00');
comment($question, 'Spammer', 'Buy now', 'spam', 0, '', '2021-02-04 12:00:00');
comment($question, 'Trashy', 'Trashed', 'trash', 0, '', '2021-02-04 13:00:00');
comment($hostile, '<script>alert(1)</script>Eve', '<b>bold?</b> <script>alert(2)</script>', 1, 0, '', '2021-03-05 09:00:00');

// Held with a date before every approved comment of the post: once
// approved, only a sync by ids (not by date) finds it.
comment($question, 'Slow Sasha', 'Held for a week, then approved.', 0, 0, '', '2021-02-04 08:00:00');
comment($question, 'Spam Later', 'Approved at first, marked as spam after the import.', 1, 0, '', '2021-02-04 09:30:00');

$closed = post('Ferry timetables, discussion closed', '<p>The winter timetable is final; the owner closed the comments.</p>',
    $rivers, '2021-07-01 10:00:00', ['comment_status' => 'closed']);
comment($closed, 'Early Egor', 'Written before the comments were closed.', 1, 0, '', '2021-07-01 11:00:00');

// Removed after a first import by tests/import.rs.
$passing = wp_insert_term('Passing', 'category', ['slug' => 'passing'])['term_id'];
$sync = post('Comments that change after the import', '<p>The tests moderate these comments.</p>', $rivers, '2021-06-01 10:00:00');
comment($sync, 'Keeper', 'Stays approved.', 1, 0, '', '2021-06-01 12:00:00');
comment($sync, 'To Spam', 'Marked as spam later.', 1, 0, '', '2021-06-01 12:01:00');
comment($sync, 'To Unapprove', 'Unapproved later.', 1, 0, '', '2021-06-01 12:02:00');
comment($sync, 'To Trash', 'Trashed later.', 1, 0, '', '2021-06-01 12:03:00');
comment($sync, 'To Delete', 'Deleted later.', 1, 0, '', '2021-06-01 12:04:00');
comment($sync, 'Waiting Wanda', 'Held before the others, approved later.', 0, 0, '', '2021-06-01 11:00:00');
post('A post to unpublish', '<p>Back to draft later.</p>', $rivers, '2021-06-02 10:00:00');
post('A post to make private', '<p>Private later.</p>', $rivers, '2021-06-03 10:00:00');
post('A post to protect', '<p>Password-protected later.</p>', $rivers, '2021-06-04 10:00:00');
post('A post in a passing category', '<p>Its category is deleted later.</p>', $passing, '2021-06-05 10:00:00');
post('Old page', '<p>Deleted later.</p>', $rivers, '2020-01-01 00:00:00', ['post_type' => 'page', 'post_category' => []]);

// Slugs WordPress allows that are not plain words: an underscore, a numero
// sign and an emoji (both percent-encoded by sanitize_title), and a category
// named with a numero sign.
$streets = wp_insert_term('Улицы №1', 'category')['term_id'];
$underscore = post('Samovar care, step by step', '<p>Descale it with citric acid twice a year.</p>', $streets,
    '2021-08-01 10:00:00', ['post_name' => 'samovar_care']);
$numero = post('Tram №7 after midnight', '<p>The last tram leaves the depot at 00:40.</p>', $streets, '2021-08-02 10:00:00');
$emoji = post('Pelmeni 🥟 at the night market', '<p>Sold by weight until two in the morning.</p>', $streets, '2021-08-03 10:00:00');

// Shapes a post's HTML takes: a table, a code block, a link inside bold
// text, and a post split into pages with <!--nextpage-->.
$shapes = post('Dumplings compared, with a recipe script',
    "<p>How the three compare:</p>\n"
    . "<figure class=\"wp-block-table\"><table><thead><tr><th>Dish</th><th>Filling</th><th>Served with</th></tr></thead>"
    . "<tbody><tr><td>Pelmeni</td><td>Meat</td><td>Sour cream</td></tr>"
    . "<tr><td>Vareniki</td><td>Potato | cherry</td><td><em>Butter</em></td></tr></tbody></table></figure>\n"
    . "<pre class=\"wp-block-code\"><code>dough = flour + water\nfor each in dumplings:\n    fold(each)\n\n    boil(each, minutes=7)</code></pre>\n"
    . "<p><strong>Read <a href=\"https://recipes.example/pelmeni\">the full recipe</a> before you start</strong>.</p>\n"
    . "<!--nextpage-->\n<p>Page two: freezing them for winter.</p>",
    $rivers, '2021-08-04 10:00:00');

// An image in the media library (the app's own icon, copied in), the
// featured image of a post that also shows it in its body.
$upload = wp_upload_dir('2021/08');
wp_mkdir_p($upload['path']);
copy(__DIR__ . '/../../public/icons/icon-192.png', $upload['path'] . '/samovar.png');
copy(__DIR__ . '/../../public/icons/icon-192.png', $upload['path'] . '/samovar-150x150.png');
$photo = wp_insert_attachment([
    'post_title' => 'A samovar',
    'post_mime_type' => 'image/png',
    'post_status' => 'inherit',
    'guid' => $upload['url'] . '/samovar.png',
], $upload['path'] . '/samovar.png');
wp_update_attachment_metadata($photo, [
    'width' => 192, 'height' => 192, 'file' => '2021/08/samovar.png',
    'sizes' => ['thumbnail' => ['file' => 'samovar-150x150.png', 'width' => 150, 'height' => 150, 'mime-type' => 'image/png']],
]);
$pictured = post('A samovar, photographed', '<p>Our reader sent a picture.</p>'
    . '<figure class="wp-block-image"><a href="' . $upload['url'] . '/samovar.png"><img src="' . $upload['url'] . '/samovar.png" alt="A brass samovar on a table" width="192" height="192" class="wp-image-' . $photo . '"></a></figure>'
    . '<p>It is older than the house.</p>', $rivers, '2021-08-05 10:00:00');
set_post_thumbnail($pictured, $photo);
// What plugins put in a body as WordPress serves it (written past kses): a
// lazy-loading plugin's placeholder with the real source in data-lazy-src,
// inside a WebP plugin's <picture>, and a video embedded from another site.
$wpdb->update($wpdb->posts, [
    'post_content' => get_post_field('post_content', $pictured)
        . '<p><picture><source type="image/webp" srcset="' . $upload['url'] . '/samovar.webp">'
        . '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-lazy-src="' . $upload['url'] . '/samovar-150x150.png"'
        . ' alt="The samovar, smaller" width="150" height="150"></picture></p>'
        . '<noscript><img src="' . $upload['url'] . '/samovar-150x150.png" alt="The samovar, smaller"></noscript>'
        . '<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">'
        . '<iframe title="Tea from a samovar" width="500" height="281" src="https://video.example/embed/samovar-tea"></iframe>'
        . '</div><figcaption>Pouring the first cup</figcaption></figure>',
], ['ID' => $pictured]);
// One comment: among Popular Posts (most comments, then newest), with its thumbnail.
comment($pictured, 'Vera', 'My grandmother had one just like it.', 1, 0, '', '2021-08-05 12:00:00');

// Lists as WordPress shows them: a post in two categories (one of which
// holds only it), a sticky post, a hand-written excerpt, a post with no title.
$ferries = wp_insert_term('Ferries', 'category', ['slug' => 'ferries'])['term_id'];
$both = post('Crossing the Volga by ferry in spring', '<p>The ice goes out in April; the first ferry runs a week later.</p>',
    $rivers, '2021-05-10 10:00:00', ['post_category' => [$rivers, $ferries]]);
$excerpted = post('Why Astrakhan freezes late',
    '<p>The lower Volga is wide and slow, and the delta warms it. By January the channels close, but only for a few weeks, and the fishermen wait.</p>',
    $rivers, '2021-05-11 10:00:00', ['post_excerpt' => 'Two sentences on the warm delta, written by hand.']);
$untitled = post('', '<p>A note that never got a title.</p>', $reading, '2021-05-12 10:00:00');
$sticky = post('House rules for commenters', '<p>Be kind, stay on the subject, and sign with a name.</p>', $rivers, '2021-05-13 10:00:00');
stick_post($sticky);

// Links between the site's own posts, as authors write them: a permalink,
// a post by id, a category archive and a page with a fragment; and links
// that stay WordPress's (a tag archive) or go elsewhere.
$linking = post('Further reading on the river',
    '<p>Start with <a href="' . $url . '/why-do-trains-run-late-near-kazan/">the trains question</a>, '
    . 'then <a href="' . $url . '/?p=' . $closed . '">the ferry timetable</a> and '
    . '<a href="' . $url . '/category/kitchen/">the kitchen notes</a>; '
    . '<a href="' . $url . '/about-the-site/#team">who we are</a>. '
    . 'Also <a href="' . $url . '/tag/ice/">everything tagged ice</a> and <a href="https://volga.example/">another site</a>.</p>'
    // Written relative to the site, as editors and migrations leave them.
    . '<p>Relative: <a href="/samovar_care/">the samovar</a>, <a href="?p=' . $closed . '">the ferries again</a> '
    . 'and <a href="/wp-content/uploads/timetable.pdf">the printed timetable</a>.</p>',
    $rivers, '2021-05-09 10:00:00');

// Pages as WordPress nests them: a child of "About the site" and a
// grandchild, which the footer does not list and whose breadcrumbs name
// their parents.
$about = get_page_by_path('about-the-site')->ID;
$team = post('Our team', '<p>Three people and a boat.</p>', $rivers, '2020-01-02 00:00:00',
    ['post_type' => 'page', 'post_category' => [], 'post_parent' => $about, 'menu_order' => 1]);
post('Anna, editor', '<p>Anna reads every answer before it goes up.</p>', $rivers, '2020-01-03 00:00:00',
    ['post_type' => 'page', 'post_category' => [], 'post_parent' => $team]);

// Comments on a page, as WordPress takes them on posts: shown under it.
$asked = comment($team, 'Visiting Vera', 'Is the boat the one in the header photo?', 1, 0, '', '2021-09-01 09:00:00');
comment($team, 'Anna', 'It is: the Zarya, built in 1978.', 1, $asked, '', '2021-09-01 10:00:00');
comment($team, 'Held Hugo', 'Held on a page, never imported.', 0, 0, '', '2021-09-01 11:00:00');

wp_update_term_count_now([$kitchen, $rivers, $reading, $passing, $streets, $ferries], 'category');
echo "seeded: question $question, hostile $hostile, cyrillic $cyrillic, closed $closed, sync $sync, slugs $underscore $numero $emoji, shapes $shapes, pictured $pictured, lists $both $excerpted $untitled $sticky, linking $linking\n";
