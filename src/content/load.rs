//! Fetching content files (wasm only). Every call ends in a value or a
//! [`LoadError`]; none can panic. A successful answer is kept for the session
//! so back/forward and revisits render at once.

use super::{
    malformed, response_json, ContentFile, Lenient, ListPage, LoadError, Page, Post, PostSummary,
    Site,
};
use crate::json::{FromJson, Json};
use crate::listing::{merge_page, page_count};
use leptos::prelude::*;
use std::{
    any::Any, cell::Cell, cell::RefCell, future::Future, marker::PhantomData, pin::Pin, rc::Rc,
    sync::Arc, time::Duration,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Past this, a request is abandoned and reported as [`LoadError::Timeout`].
pub const TIMEOUT: Duration = Duration::from_secs(15);

thread_local! {
    /// Answers received this session, by URL. A plain list: a session reads
    /// at most a few hundred files, and a map's code costs wasm size.
    static ANSWERS: RefCell<Vec<(String, Rc<str>)>> = const { RefCell::new(Vec::new()) };
    static PENDING: RwSignal<u32> = RwSignal::new(0);
}

/// Content of any type, as the one shared resource holds it.
type AnyContent = Arc<dyn Any + Send + Sync>;
type AnyLoad = Pin<Box<dyn Future<Output = Result<AnyContent, LoadError>>>>;

/// A content file loaded for a view: `None` while loading, then the content
/// or why it failed. It loads again when a signal read by its loader changes.
///
/// A typed face over one `LocalResource` type for every kind of content (the
/// value type-erased, the future boxed): each distinct `LocalResource` type
/// cost several KB of wasm.
pub struct Loaded<T> {
    resource: LocalResource<Result<AnyContent, LoadError>>,
    content: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: Send + Sync + 'static> Loaded<T> {
    pub fn new<Fut>(load: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<Arc<T>, LoadError>> + 'static,
    {
        let load = move || -> AnyLoad {
            let future = load();
            Box::pin(async move { future.await.map(|content| content as AnyContent) })
        };
        Loaded {
            resource: shared_resource(Box::new(load)),
            content: PhantomData,
        }
    }

    /// The content (tracked), once loaded.
    pub fn get(&self) -> Option<Result<Arc<T>, LoadError>> {
        self.resource.get().map(|loaded| {
            loaded.and_then(|content| {
                content
                    .downcast()
                    .map_err(|_| LoadError::Malformed("it is not the content asked for".into()))
            })
        })
    }

    /// Loads it again (Retry).
    pub fn refetch(&self) {
        self.resource.refetch()
    }
}

/// The one place a content `LocalResource` is made.
fn shared_resource(load: Box<dyn Fn() -> AnyLoad>) -> LocalResource<Result<AnyContent, LoadError>> {
    LocalResource::new(load)
}

/// How many content requests are in flight; drives the progress bar.
pub fn pending_loads() -> RwSignal<u32> {
    PENDING.with(|p| *p)
}

fn cached_answer(url: &str) -> Option<Rc<str>> {
    ANSWERS.with(|a| {
        a.borrow()
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, body)| Rc::clone(body))
    })
}

fn forget_answer(url: &str) {
    ANSWERS.with(|a| a.borrow_mut().retain(|(u, _)| u != url));
}

/// The text index.html's early-download script received for `url` (once:
/// later loads ask the session cache or the server). Read without waiting,
/// so a resource whose file is here is ready in the first frame.
fn early_answer(url: &str) -> Option<String> {
    let early = js_sys::Reflect::get(&window(), &"earlyContent".into()).ok()?;
    let text = js_sys::Reflect::get(&early, &url.into())
        .ok()?
        .as_string()?;
    _ = js_sys::Reflect::delete_property(&early.into(), &url.into());
    Some(text)
}

/// Waits until index.html's early downloads are in (it caps the wait).
pub async fn early_content_ready() {
    let ready = js_sys::Reflect::get(&window(), &"earlyContentReady".into());
    if let Ok(promise) = ready.and_then(|r| r.dyn_into::<js_sys::Promise>()) {
        _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Counts a request as pending for as long as it lives.
struct PendingGuard;

impl PendingGuard {
    fn start() -> Self {
        pending_loads().update(|n| *n += 1);
        PendingGuard
    }
}

impl Drop for PendingGuard {
    fn drop(&mut self) {
        pending_loads().update(|n| *n = n.saturating_sub(1));
    }
}

/// Fetches and decodes one content file. Like every fetch here, the request
/// is sent when this is called, not when the future is first polled: a list
/// of them is in flight at once and can be awaited one by one.
pub fn fetch<T: FromJson>(file: &ContentFile) -> impl Future<Output = Result<T, LoadError>> {
    let json = fetch_json(file, true);
    let url = file.url();
    async move {
        let value = T::from_json(json.await?).map_err(malformed);
        if value.is_err() {
            // Valid JSON of the wrong shape is not kept: Retry asks the server again.
            forget_answer(&url);
        }
        value
    }
}

/// Where a content file's text comes from.
enum Answer {
    /// Read before, this session.
    Cached(Rc<str>),
    /// Downloaded by index.html's early script.
    Early(String),
    /// Requested now, counted as pending while it lasts.
    Requested(Option<PendingGuard>, Request),
}

/// Not generic: the fetch's state machine is in the wasm once, whatever the type.
fn fetch_json(
    file: &ContentFile,
    show_progress: bool,
) -> impl Future<Output = Result<Json, LoadError>> {
    let url = file.url();
    let answer = if !file.has_valid_slug() {
        Err(LoadError::NotFound)
    } else if let Some(text) = cached_answer(&url) {
        Ok(Answer::Cached(text))
    } else if let Some(text) = early_answer(&url) {
        Ok(Answer::Early(text))
    } else {
        Ok(Answer::Requested(
            show_progress.then(PendingGuard::start),
            request(&url),
        ))
    };
    async move {
        let (status, content_type, body) = match answer? {
            Answer::Cached(text) => return response_json(200, "application/json", &text),
            Answer::Early(text) => (200, "application/json".into(), text),
            Answer::Requested(_pending, request) => request.await?,
        };
        let value = response_json(status, &content_type, &body)?;
        forget_answer(&url);
        ANSWERS.with(|a| a.borrow_mut().push((url, body.into())));
        Ok(value)
    }
}

/// Starts loading a file the reader is about to open (a link under the
/// pointer or focus), quietly: no progress bar, errors left for the real load.
pub fn warm(file: ContentFile) {
    if cached_answer(&file.url()).is_none() {
        leptos::task::spawn_local(async move {
            _ = fetch_json(&file, false).await;
        });
    }
}

/// One GET under way; awaited, its status, content type and body, or why
/// there are none.
type Request = Pin<Box<dyn Future<Output = Result<(u16, String, String), LoadError>>>>;

/// Sends a GET for `url` at once (abandoned after [`TIMEOUT`]). The
/// browser's `fetch` directly: a wrapper crate cost ~1 KB brotli of wasm for
/// the one request shape the app makes.
fn request(url: &str) -> Request {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller.clone().and_then(|controller| {
        let timed_out = Rc::clone(&timed_out);
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            TIMEOUT,
        )
        .ok()
    });
    let init = web_sys::RequestInit::new();
    init.set_signal(controller.map(|c| c.signal()).as_ref());
    let sent = JsFuture::from(window().fetch_with_str_and_init(url, &init));
    Box::pin(async move {
        let failed = || match timed_out.get() {
            true => LoadError::Timeout,
            false => LoadError::Network,
        };
        let response = sent
            .await
            .ok()
            .and_then(|response| response.dyn_into::<web_sys::Response>().ok())
            .ok_or_else(failed)?;
        let content_type = response.headers().get("content-type").ok().flatten();
        let body = match response.text() {
            Ok(text) => JsFuture::from(text)
                .await
                .ok()
                .and_then(|text| text.as_string()),
            Err(_) => None,
        }
        .ok_or_else(failed)?;
        if let Some(timer) = timer {
            timer.clear();
        }
        Ok((response.status(), content_type.unwrap_or_default(), body))
    })
}

pub async fn site() -> Result<Arc<Site>, LoadError> {
    fetch(&ContentFile::Site).await.map(Arc::new)
}

pub async fn post(slug: String) -> Result<Arc<Post>, LoadError> {
    fetch(&ContentFile::Post { slug }).await.map(Arc::new)
}

pub async fn page(slug: String) -> Result<Arc<Page>, LoadError> {
    fetch(&ContentFile::Page { slug }).await.map(Arc::new)
}

/// A list page; its request is sent at once.
fn fetch_list_page(file: ContentFile) -> impl Future<Output = Result<ListPage, LoadError>> {
    fetch(&file)
}

/// The answers to requests already sent (so in flight together), in order;
/// the first failure ends the wait.
async fn all_of<T>(
    requests: Vec<impl Future<Output = Result<T, LoadError>>>,
) -> Result<Vec<T>, LoadError> {
    let mut answers = Vec::with_capacity(requests.len());
    for request in requests {
        answers.push(request.await?);
    }
    Ok(answers)
}

pub async fn list(file: ContentFile) -> Result<Arc<ListPage>, LoadError> {
    fetch(&file).await.map(Arc::new)
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
    if let [slug] = categories.as_slice() {
        return list(ContentFile::Category {
            slug: slug.clone(),
            page,
        })
        .await;
    }
    let file = |slug: &String, page: u32| ContentFile::Category {
        slug: slug.clone(),
        page,
    };
    // Every category's first page at once; then, at once, the further pages
    // this page needs.
    let firsts = all_of(
        categories
            .iter()
            .map(|slug| fetch_list_page(file(slug, 1)))
            .collect(),
    )
    .await?;
    let further = categories
        .iter()
        .zip(&firsts)
        .flat_map(|(slug, first)| (2..=page.min(first.pages)).map(move |n| file(slug, n)));
    let further = all_of(further.map(fetch_list_page).collect()).await?;
    let total: u32 = firsts.iter().map(|list| list.total).sum();
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
    }))
}
