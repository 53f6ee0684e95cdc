//! Component tests: real components mounted in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use russian_best::components::{
    comment_thread::CommentThread, rich_text::RichText, status::LoadErrorPanel,
};
use russian_best::models::content::{Comment, LoadError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view into a fresh element and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), view);
    // Keep the view alive for the rest of the test.
    std::mem::forget(handle);
    host
}

fn all(host: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
fn rich_text_renders_hostile_markup_as_text() {
    let source = "<script>window.__pwned = 1</script>\n\n<img src=x onerror=alert(1)> [click](javascript:alert(1)) \
                  and https://example.org/safe?x=1.\n\n- item <b>one</b>\n- [BBC](https://bbc.co.uk)";
    let host = mount(move || view! { <RichText source=source /> });
    assert!(
        all(&host, "script, img, b, iframe, svg").is_empty(),
        "{}",
        host.inner_html()
    );
    let text = host.text_content().unwrap();
    assert!(text.contains("<script>window.__pwned = 1</script>"));
    assert!(text.contains("<img src=x onerror=alert(1)>"));
    let links = all(&host, "a");
    let hrefs: Vec<String> = links
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(hrefs, ["https://example.org/safe?x=1", "https://bbc.co.uk"]);
    for link in &links {
        assert_eq!(
            link.get_attribute("rel").as_deref(),
            Some("nofollow ugc noopener")
        );
    }
    assert_eq!(all(&host, "ul > li").len(), 2);
    assert_eq!(all(&host, "p").len(), 2);
}

#[wasm_bindgen_test]
fn rich_text_renders_headings_quotes_and_styles_as_elements() {
    let source = "## Why\n\n> Quoted **loud** words\n\nSome *soft* text and \\*stars\\*.";
    let host = mount(move || view! { <RichText source=source /> });
    let text = |selector: &str| {
        all(&host, selector)
            .iter()
            .map(|e| e.text_content().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(text("h2"), ["Why"]);
    assert_eq!(text("blockquote strong"), ["loud"]);
    assert_eq!(text("p > em"), ["soft"]);
    assert!(host
        .text_content()
        .unwrap()
        .ends_with("Some soft text and *stars*."));
}

fn comment(id: u64, parent: Option<u64>, author: &str, url: Option<&str>) -> Comment {
    Comment {
        id,
        parent,
        author: author.into(),
        url: url.map(Into::into),
        date: format!("2020-01-0{id}"),
        body: format!("Body {id} http://example.org/{id}"),
    }
}

#[wasm_bindgen_test]
fn comment_thread_nests_replies_and_links_only_http_sites() {
    let comments = vec![
        comment(1, None, "Ann", Some("https://ann.example")),
        comment(2, Some(1), "Bob", Some("javascript:alert(1)")),
        comment(3, None, "Cy", None),
    ];
    let host = mount(move || {
        let comments = Callback::new(move |()| comments.clone());
        view! {
            <Router>
                <CommentThread comments />
            </Router>
        }
    });
    assert_eq!(
        host.query_selector("h2")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Comments ( 3 )"
    );
    let nested = host
        .query_selector("#comment-1 > .children > #comment-2")
        .unwrap();
    assert!(nested.is_some(), "{}", host.inner_html());
    let top: Vec<String> = all(&host, ".comment-list > li")
        .iter()
        .map(|li| li.id())
        .collect();
    assert_eq!(top, ["comment-1", "comment-3"]);
    let author_links: Vec<String> = all(&host, ".comment-author a")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(author_links, ["https://ann.example"]);
    assert!(host
        .query_selector("#comment-2 .comment-author")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Bob says"));
}

#[wasm_bindgen_test]
fn load_error_panel_names_the_failure_and_retries() {
    let retries = RwSignal::new(0);
    let host = mount(move || {
        view! {
            <LoadErrorPanel
                what="the post"
                reason=LoadError::Status(503).to_string()
                retry=Callback::new(move |_| retries.update(|n| *n += 1))
            />
        }
    });
    let panel = host
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = panel.text_content().unwrap();
    assert!(
        text.contains("Sorry, the post could not be loaded."),
        "{text}"
    );
    assert!(text.contains("(503)"), "{text}");
    let button: web_sys::HtmlElement = host
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Retry");
    button.click();
    button.click();
    assert_eq!(retries.get_untracked(), 2);
}

/// Lets the app's tasks and effects run.
async fn settle() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
}

fn type_into(host: &web_sys::HtmlElement, selector: &str, value: &str) {
    let field = host.query_selector(selector).unwrap().expect(selector);
    js_sys::Reflect::set(&field, &"value".into(), &value.into()).unwrap();
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn comment_form_explains_errors_then_posts_through_the_sink() {
    use russian_best::browser::comment_sink::{CommentSink, LocalComments};
    use russian_best::components::comment_form::{CommentForm, CommentFormState};

    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let local = LocalComments(RwSignal::new(Vec::new()));
    let host = mount(move || {
        provide_context(local);
        provide_context(CommentSink::new(local));
        // A site of our own files: comments stay in this browser.
        let site: russian_best::browser::api::SiteResource =
            russian_best::browser::api::ContentResource::new(|| async {
                Ok(std::sync::Arc::new(
                    russian_best::models::content::Site::default(),
                ))
            });
        provide_context(site);
        provide_context(CommentFormState::new(
            "a-post".into(),
            "A post".into(),
            vec![Comment {
                author: "Ann".into(),
                body: "Old words".into(),
                ..Comment::default()
            }],
            None,
        ));
        view! { <CommentForm /> }
    });
    let submit = |host: &web_sys::HtmlElement| {
        let button: web_sys::HtmlElement = host
            .query_selector("#submit")
            .unwrap()
            .unwrap()
            .unchecked_into();
        button.click();
    };

    type_into(&host, "#comment", "Old words");
    submit(&host);
    settle().await;
    let name = host.query_selector("#author").unwrap().unwrap();
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        name.get_attribute("aria-describedby").as_deref(),
        Some("author-error")
    );
    assert_eq!(
        host.query_selector("#author-error")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Please enter your name."
    );
    assert!(host
        .query_selector("#comment")
        .unwrap()
        .unwrap()
        .get_attribute("aria-invalid")
        .is_none());

    type_into(&host, "#author", "Ann");
    type_into(&host, "#email", "ann@example.org");
    submit(&host);
    settle().await;
    // Ann's words again, to the post again, are a duplicate.
    assert!(host
        .text_content()
        .unwrap()
        .contains("Duplicate comment detected"));
    assert!(local.0.get_untracked().is_empty());

    type_into(&host, "#comment", "New words");
    submit(&host);
    settle().await;
    let posted = local.0.get_untracked();
    assert_eq!(posted.len(), 1);
    assert_eq!(
        (
            posted[0].comment.author.as_str(),
            posted[0].comment.body.as_str()
        ),
        ("Ann", "New words")
    );
    let textarea = host.query_selector("#comment").unwrap().unwrap();
    assert_eq!(
        js_sys::Reflect::get(&textarea, &"value".into())
            .unwrap()
            .as_string()
            .unwrap(),
        ""
    );
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert!(storage
        .get_item(&format!(
            "russianbest.comment.a-post.{}",
            posted[0].comment.id
        ))
        .unwrap()
        .is_some());

    // A new comment pasted and posted at once, within the double-click
    // window, is not swallowed: the reader is told why it cannot go yet,
    // and the text stays in the box.
    type_into(&host, "#comment", "A second thought");
    submit(&host);
    settle().await;
    assert!(
        host.text_content()
            .unwrap()
            .contains("You are posting comments too quickly"),
        "{}",
        host.inner_html()
    );
    assert_eq!(local.0.get_untracked().len(), 1);
    assert_eq!(
        js_sys::Reflect::get(&textarea, &"value".into())
            .unwrap()
            .as_string()
            .unwrap(),
        "A second thought"
    );
}

#[wasm_bindgen_test]
async fn in_app_links_are_followed_in_place_unless_a_view_handled_the_click() {
    use leptos_router::components::FlatRoutes;
    let window = web_sys::window().unwrap();
    let start = window.location().href().unwrap();
    let start_path = window.location().pathname().unwrap();
    let host = mount(|| {
        view! {
            <Router>
                <a id="handled" href="/post/handled" on:click=|e: leptos::ev::MouseEvent| e.prevent_default()>
                    "handled"
                </a>
                <a id="plain" href="/post/plain?page=2#comments">"plain"</a>
                <FlatRoutes fallback=|| "page">
                    <leptos_router::components::Route path=leptos_router::path!("/") view=|| "home" />
                </FlatRoutes>
            </Router>
        }
    });
    let click = |id: &str| {
        host.query_selector(&format!("#{id}"))
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .click()
    };

    // A view's own handler ran first and kept the reader where they are.
    click("handled");
    settle().await;
    assert_eq!(window.location().pathname().unwrap(), start_path);

    // Followed in place: had the browser loaded the page, this test would
    // not be running any more.
    click("plain");
    settle().await;
    assert_eq!(window.location().pathname().unwrap(), "/post/plain");
    assert_eq!(window.location().search().unwrap(), "?page=2");
    assert_eq!(window.location().hash().unwrap(), "#comments");

    // Leave the test page where it was.
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .unwrap();
}
