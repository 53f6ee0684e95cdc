//! Fetching content files (wasm only), through gloo-net. Every call ends in
//! a value or a [`LoadError`]; none can panic. A file that decoded is kept
//! for the session, so back/forward and revisits render at once.
//!
//! Views load through [`ContentResource`]s over these functions. The
//! prerenderer renders the same views natively: it provides
//! [`PrerenderFiles`], and every file is read from the build's disk instead.

use crate::browser::dom::html_to_text;
use crate::models::comments::wordpress::{
    comment_ids_query, comments_by_id_query, comments_url, compare_ids, PublishedComment,
    LIST_PAGE, MAX_ID_PAGES,
};
use crate::models::content::{
    decode_response, Comment, ContentFile, Lenient, ListPage, LoadError, Page, Post, PostSummary,
    Site, PRERENDERED_DATA_ID,
};
use crate::models::listing::{merge_page, page_count, posts_in_any};
use futures::future::try_join_all;
use gloo_net::http::Request;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::{cell::Cell, cell::RefCell, collections::HashMap, rc::Rc, sync::Arc, time::Duration};
use wasm_bindgen::{JsCast, JsValue};

/// Past this, a request is abandoned and reported as [`LoadError::Timeout`].
pub const TIMEOUT: Duration = Duration::from_secs(15);

thread_local! {
    /// Texts of the files that decoded this session, by URL.
    static ANSWERS: RefCell<HashMap<String, Rc<str>>> = RefCell::new(HashMap::new());
}

/// How many content requests are in flight; drives the progress bar.
/// Provided by the app; a load started where it is not (a warm-up from an
/// event handler) is not counted.
#[derive(Clone, Copy, Debug, Default)]
pub struct PendingLoads(pub RwSignal<u32>);

/// Counts a request as pending for as long as it lives.
struct PendingGuard(RwSignal<u32>);

impl PendingGuard {
    fn start(PendingLoads(count): PendingLoads) -> Self {
        count.update(|n| *n += 1);
        PendingGuard(count)
    }
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        _ = self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

/// Fetches and decodes one content file: from this session's answers, from
/// index.html's early download, or from the server. Only a file that
/// decoded is kept, so Retry after a damaged answer asks the server again.
pub async fn fetch<T: DeserializeOwned>(file: ContentFile) -> Result<T, LoadError> {
    fetch_quietly(file, true).await
}

async fn fetch_quietly<T: DeserializeOwned>(
    file: ContentFile,
    show_progress: bool,
) -> Result<T, LoadError> {
    if !file.has_valid_slug() {
        return Err(LoadError::NotFound);
    }
    if let Some(files) = use_context::<PrerenderFiles>() {
        return files.read(&file);
    }
    let url = file.url();
    let cached = ANSWERS.with(|a| a.borrow().get(&url).cloned());
    let (status, content_type, body) = match (cached, take_early_answer(&url)) {
        (Some(text), _) => (200, "application/json".into(), text.to_string()),
        (None, Some(text)) => (200, "application/json".into(), text),
        (None, None) => {
            let counter = show_progress.then(use_context::<PendingLoads>).flatten();
            let _pending = counter.map(PendingGuard::start);
            get(&url).await?
        }
    };
    let value = decode_response(status, &content_type, &body)?;
    ANSWERS.with(|a| a.borrow_mut().insert(url, body.into()));
    Ok(value)
}

/// The content files as the prerenderer reads them: the function gives a
/// file's text, or `None` when there is none.
/// Provided (as a context) only when rendering natively at build time.
#[derive(Clone)]
pub struct PrerenderFiles(pub ReadFile);

/// Gives a content file's text, or `None` when there is none.
pub type ReadFile = Arc<dyn Fn(&ContentFile) -> Option<String> + Send + Sync>;

impl PrerenderFiles {
    fn read<T: DeserializeOwned>(&self, file: &ContentFile) -> Result<T, LoadError> {
        let text = (self.0)(file).ok_or(LoadError::NotFound)?;
        decode_response(200, "application/json", &text)
    }
}

/// Whether the app is being rendered by the prerenderer (at build time).
pub fn is_prerendering() -> bool {
    use_context::<PrerenderFiles>().is_some()
}

/// A content file a view needs, loaded when created and again whenever what
/// its loader reads changes; `get` is `None` while it loads.
///
/// Leptos's `LocalResource` would do in the browser, but it never resolves
/// in a native render (it is always pending under `ssr`) and it waits a
/// tick even when the file is at hand. This one is ready at once when its
/// loader is: a file read this session, or read from disk by the
/// prerenderer, so both renderings show content, not placeholders.
/// `E` is the failure's type: a content file's `LoadError`, or another
/// loader's own (search's).
pub struct ContentResource<T: Send + Sync + 'static, E: Send + Sync + 'static = LoadError> {
    data: AsyncDerived<Result<T, E>>,
    refetch: RwSignal<usize>,
}

impl<T: Send + Sync + 'static, E: Send + Sync + 'static> Clone for ContentResource<T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static, E: Send + Sync + 'static> Copy for ContentResource<T, E> {}

impl<T: Clone + Send + Sync + 'static, E: Clone + Send + Sync + 'static> ContentResource<T, E> {
    pub fn new<Fut>(load: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: std::future::Future<Output = Result<T, E>> + 'static,
    {
        let refetch = RwSignal::new(0);
        let data = AsyncDerived::new_unsync_threadsafe_storage(move || {
            refetch.track();
            load()
        });
        ContentResource { data, refetch }
    }

    /// The answer, once there is one (tracked; inside `<Suspense>` the
    /// suspense waits for it).
    pub fn get(&self) -> Option<Result<T, E>> {
        self.data.get()
    }

    /// Loads again (Retry).
    pub fn refetch(&self) {
        self.refetch.try_update(|n| *n += 1);
    }
}

/// Starts loading a file the reader is about to open (a link under the
/// pointer or focus), quietly: no progress bar, errors left for the real load.
pub fn warm<T: DeserializeOwned + 'static>(file: ContentFile) {
    if ANSWERS.with(|a| !a.borrow().contains_key(&file.url())) {
        leptos::task::spawn_local(async move {
            _ = fetch_quietly::<T>(file, false).await;
        });
    }
}

/// The URLs of the content files this session has read (from the server,
/// the early downloads or a prerendered page's data block).
pub fn session_files() -> Vec<String> {
    ANSWERS.with(|a| a.borrow().keys().cloned().collect())
}

/// The text index.html's early-download script received for `url`, once.
/// The entry is then marked as taken (`null`), so a download that arrives
/// after the app asked the server itself is never used: a Retry must not
/// get an old answer back.
fn take_early_answer(url: &str) -> Option<String> {
    let early = js_sys::Reflect::get(&window(), &"earlyContent".into()).ok()?;
    if !early.is_object() {
        return None;
    }
    let text = js_sys::Reflect::get(&early, &url.into()).ok()?.as_string();
    _ = js_sys::Reflect::set(&early, &url.into(), &JsValue::NULL);
    text
}

/// Takes in the content files a prerendered page carries (its data block,
/// written by the prerenderer), as if this session had fetched them, and
/// removes the block. Returns the address the page was rendered for, if the
/// page had a block.
pub fn adopt_prerendered_files() -> Option<String> {
    #[derive(serde::Deserialize)]
    struct PageData {
        url: String,
        files: HashMap<String, String>,
    }
    let block = document().get_element_by_id(PRERENDERED_DATA_ID)?;
    let text = block.text_content().unwrap_or_default();
    block.remove();
    let data = serde_json::from_str::<PageData>(&text).ok()?;
    ANSWERS.with(|a| {
        let mut answers = a.borrow_mut();
        for (url, text) in data.files {
            answers.insert(url, text.into());
        }
    });
    Some(data.url)
}

/// Waits until index.html's early downloads are in (it caps the wait).
pub async fn early_content_ready() {
    let ready = js_sys::Reflect::get(&window(), &"earlyContentReady".into());
    if let Ok(promise) = ready.and_then(|r| r.dyn_into::<js_sys::Promise>()) {
        _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// An abort signal that fires after a while, on the page's own timer (not
/// `AbortSignal.timeout`, so tests can run the clock); cleared when dropped.
pub(crate) struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<TimeoutHandle>,
    passed: Rc<Cell<bool>>,
}

impl Deadline {
    pub(crate) fn start(after: Duration) -> Self {
        let controller = web_sys::AbortController::new().ok();
        let passed = Rc::new(Cell::new(false));
        let timer = controller.clone().and_then(|controller| {
            let passed = Rc::clone(&passed);
            set_timeout_with_handle(
                move || {
                    passed.set(true);
                    controller.abort();
                },
                after,
            )
            .ok()
        });
        Deadline {
            controller,
            timer,
            passed,
        }
    }

    /// The signal to hand a request.
    pub(crate) fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    /// Whether the time ran out (and the request was aborted for it).
    pub(crate) fn passed(&self) -> bool {
        self.passed.get()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

/// A GET for `url`, abandoned after [`TIMEOUT`]: its status, content type
/// and body, or why there are none.
async fn get(url: &str) -> Result<(u16, String, String), LoadError> {
    let deadline = Deadline::start(TIMEOUT);
    let failed = |_| match deadline.passed() {
        true => LoadError::Timeout,
        false => LoadError::Network,
    };
    let response = Request::get(url)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .map_err(failed)?;
    let content_type = response.headers().get("content-type").unwrap_or_default();
    let body = response.text().await.map_err(failed)?;
    Ok((response.status(), content_type, body))
}

pub async fn site() -> Result<Arc<Site>, LoadError> {
    fetch(ContentFile::Site).await.map(Arc::new)
}

pub async fn post(slug: String) -> Result<Arc<Post>, LoadError> {
    fetch(ContentFile::Post { slug }).await.map(Arc::new)
}

pub async fn page(slug: String) -> Result<Arc<Page>, LoadError> {
    fetch(ContentFile::Page { slug }).await.map(Arc::new)
}

pub async fn list(file: ContentFile) -> Result<Arc<ListPage>, LoadError> {
    fetch(file).await.map(Arc::new)
}

/// Page `page` of the posts in any of `categories`, newest first.
///
/// One category is one index file. Several are merged: page `p` needs at most
/// the first `p` index pages of each, so the download stays bounded by the
/// page asked for, not by the size of the site.
pub async fn posts_in_categories(
    categories: Vec<String>,
    page: u32,
) -> Result<Arc<ListPage>, LoadError> {
    let file = |slug: &String, page: u32| ContentFile::Category {
        slug: slug.clone(),
        page,
    };
    if let [slug] = categories.as_slice() {
        return list(file(slug, page)).await;
    }
    // Every category's first page at once; then, at once, the further pages
    // this page needs.
    let firsts: Vec<ListPage> =
        try_join_all(categories.iter().map(|slug| fetch(file(slug, 1)))).await?;
    let further_files: Vec<ContentFile> = categories
        .iter()
        .zip(&firsts)
        .flat_map(|(slug, first)| (2..=page.min(first.pages)).map(move |n| file(slug, n)))
        .collect();
    let further: Vec<ListPage> = try_join_all(further_files.into_iter().map(fetch)).await?;
    let total = posts_in_any(&categories, &firsts);
    // Damaged entries in any file read are reported, not hidden.
    let skipped = firsts
        .iter()
        .chain(&further)
        .map(|list| list.posts.skipped())
        .sum();
    // Each category's posts: its first page, then its further pages (in the
    // order they were asked for).
    let mut further = further.into_iter();
    let posts: Vec<Vec<PostSummary>> = firsts
        .into_iter()
        .map(|first| {
            let more = page.min(first.pages).saturating_sub(1) as usize;
            let further = further.by_ref().take(more).flat_map(|list| list.posts);
            first.posts.into_iter().chain(further).collect()
        })
        .collect();
    Ok(Arc::new(ListPage {
        page,
        pages: page_count(total),
        total,
        posts: Lenient::with_skipped(merge_page(&posts, page), skipped),
        overlaps: Vec::new(),
    }))
}

/// How a post's approved comments on its WordPress differ from the
/// imported thread.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThreadChanges {
    /// Approved since the import (or approved late), as the content format
    /// keeps them.
    pub added: Vec<Comment>,
    /// Imported, but no longer approved there (unapproved, spam, trashed,
    /// deleted): the owner's moderation, shown at once.
    pub removed: Vec<u64>,
}

/// Asking WordPress about a post's comments is abandoned after this, in
/// all: the imported thread stands meanwhile and then.
pub const WORDPRESS_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(serde::Deserialize)]
struct Id {
    id: u64,
}

/// The post's thread on its WordPress compared with the imported one
/// (`known`, the imported comments' ids), found by ids: late approvals keep
/// their old dates. `None` when WordPress cannot tell (no answer within
/// [`WORDPRESS_TIMEOUT`], an error, not JSON). Nothing is hidden unless
/// every page of ids came in.
pub async fn thread_changes(root: String, post_id: u64, known: Vec<u64>) -> Option<ThreadChanges> {
    let deadline = Deadline::start(WORDPRESS_TIMEOUT);
    let mut listed = Vec::new();
    let mut complete = false;
    for page in 1..=MAX_ID_PAGES {
        let url = comments_url(&root, &comment_ids_query(post_id, page));
        let (status, pages, body) = get_listing(&url, &deadline).await?;
        // Past the last page WordPress answers 400: the list has ended.
        if status == 400 && page > 1 {
            complete = true;
            break;
        }
        if status != 200 {
            return None;
        }
        let ids: Vec<Id> = serde_json::from_str(&body).ok()?;
        let full = ids.len() == LIST_PAGE;
        listed.extend(ids.iter().map(|i| i.id));
        // The page count when a proxy kept WordPress's header; else a page
        // that is not full is the last.
        if pages.map_or(!full, |pages| page >= pages) {
            complete = true;
            break;
        }
    }
    let changes = compare_ids(&known, &listed);
    let mut added = Vec::new();
    for ids in changes.added.chunks(LIST_PAGE) {
        let url = comments_url(&root, &comments_by_id_query(ids));
        let Some((status, _, body)) = get_listing(&url, &deadline).await else {
            break;
        };
        let Ok(listed) =
            decode_response::<Lenient<PublishedComment>>(status, "application/json", &body)
        else {
            break;
        };
        added.extend(
            listed
                .iter()
                .filter(|c| c.post == post_id)
                .map(|c| c.to_comment(html_to_text, html_to_text)),
        );
    }
    Some(ThreadChanges {
        added,
        removed: if complete {
            changes.removed
        } else {
            Vec::new()
        },
    })
}

/// A GET of a WordPress list under `deadline`: status, `X-WP-TotalPages`
/// (when a proxy kept it) and body; `None` without an answer.
async fn get_listing(url: &str, deadline: &Deadline) -> Option<(u16, Option<u32>, String)> {
    let response = Request::get(url)
        .abort_signal(deadline.signal().as_ref())
        .send()
        .await
        .ok()?;
    let pages = response
        .headers()
        .get("X-WP-TotalPages")
        .and_then(|p| p.trim().parse().ok());
    let body = response.text().await.ok()?;
    Some((response.status(), pages, body))
}

/// `site.json`, loaded once by the app and shared by every part of the page.
pub type SiteResource = ContentResource<Arc<Site>>;

/// The site's shared content, provided by the app.
pub fn use_site() -> SiteResource {
    expect_context::<SiteResource>()
}

/// The site, once `site.json` has loaded (tracked).
pub fn loaded_site() -> Option<Arc<Site>> {
    use_site().get().and_then(Result::ok)
}
