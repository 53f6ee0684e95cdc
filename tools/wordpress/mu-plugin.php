<?php
/*
 * Plugin Name: Russian Best tests
 * Description: Lets readers post comments through the REST API without an
 * account: the one line a site owner adds for the app (see README).
 */
add_filter('rest_allow_anonymous_comments', '__return_true');

// For the importer's tests only: the option `rbtest_refuse_rest` makes the
// API answer 401, as a site that does not allow anonymous reading does.
add_filter('rest_authentication_errors', function ($result) {
    if (get_option('rbtest_refuse_rest')) {
        return new WP_Error('rest_not_logged_in', 'You are not currently logged in.', ['status' => 401]);
    }
    return $result;
});

// For the importer's tests only: the option `rbtest_fail_post` (a post's
// slug) makes the API fail (a PHP error: 500) whenever it sends that post
// in full, as a post whose shortcode breaks does.
add_filter('rest_prepare_post', function ($response, $post, $request) {
    if (!empty($request['include']) && get_option('rbtest_fail_post') === $post->post_name) {
        throw new Error('A shortcode in this post failed.');
    }
    return $response;
}, 10, 3);
