//! `<HydrateLater>`: a part of a prerendered page that the app takes over in
//! a task of its own, after the rest of the page.
//!
//! Why: Leptos hydrates a page in one task, and on a post that task was
//! 70–200 ms on these machines (most of it V8 compiling, the first time
//! they run, the wasm functions that hydration calls). A tap or key press
//! waits for the task it lands in, and Lighthouse counts each task's time
//! over 50 ms as blocking. Hydrating the comments and the sidebar each in
//! its own task (`setTimeout(0)`, in page order) lets the browser answer
//! input and paint between them, and none of them needs to be long.
//!
//! Until its task has run, the part is the prerendered HTML: its links
//! work, its controls do not yet (as the whole page was before hydration).
//! Anything that needs the part sooner (the router replacing it, a parent
//! moving it) hydrates it at once. Built in the browser (a page the reader
//! navigated to), it is an ordinary view.
//!
//! The server's HTML marks the part with two comments,
//! `<!--hydrate-later-->` and `<!--/hydrate-later-->`, so that hydration can
//! step over it; CSS's sibling combinators ignore comments.

use leptos::{
    prelude::*,
    reactive::computed::ScopedFuture,
    tachys::{
        html::attribute::{any_attribute::AnyAttribute, Attribute},
        hydration::Cursor,
        renderer::types,
        ssr::StreamBuilder,
        view::{add_attr::AddAnyAttr, Position, PositionState},
    },
};
use std::{
    cell::RefCell,
    rc::{Rc, Weak},
    time::Duration,
};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

const OPEN: &str = "hydrate-later";
const CLOSE: &str = "/hydrate-later";

/// The events after which a waiting part would be a step behind: each
/// takes every waiting part over first (in the capture phase, before any of
/// the page's own listeners), so a reader's tap, key or Back never lands on
/// a part that is still the server's, and never changes what a waiting part
/// must find.
const INTERACTIONS: [&str; 9] = [
    "pointerdown",
    "mousedown",
    "touchstart",
    "keydown",
    "focusin",
    "input",
    "click",
    "submit",
    "popstate",
];

/// The parts of the page still waiting for their task, and whether one is
/// being taken over now. Provided by `App`.
#[derive(Clone, Copy)]
pub struct LaterHydrations {
    waiting: RwSignal<usize>,
    /// How many parts are being hydrated now (one inside another when an
    /// event during a part's hydration takes the others over).
    in_part: StoredValue<u32>,
    parts: StoredValue<Vec<Weak<dyn TakeOver>>, LocalStorage>,
    /// The capture listener on `window`, while parts wait.
    listener: StoredValue<Option<JsValue>, LocalStorage>,
}

impl LaterHydrations {
    pub fn new() -> Self {
        Self {
            waiting: RwSignal::new(0),
            in_part: StoredValue::new(0),
            parts: StoredValue::new_local(Vec::new()),
            listener: StoredValue::new_local(None),
        }
    }

    /// Whether every part has been taken over (tracked).
    pub fn taken_over(&self) -> bool {
        self.waiting.get() == 0
    }

    fn started(&self, part: Rc<dyn TakeOver>) {
        self.waiting.update_untracked(|n| *n += 1);
        self.parts
            .update_value(|parts| parts.push(Rc::downgrade(&part)));
        if self.listener.with_value(Option::is_none) {
            let later = *self;
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |_| later.take_over_all())
                .into_js_value();
            for event in INTERACTIONS {
                _ = window().add_event_listener_with_callback_and_bool(
                    event,
                    listener.unchecked_ref(),
                    true,
                );
            }
            self.listener.set_value(Some(listener));
        }
    }

    /// Takes every waiting part over now, in page order.
    fn take_over_all(&self) {
        // Parts inside parts join the list as their parent is taken over.
        loop {
            let parts = self
                .parts
                .try_update_value(std::mem::take)
                .unwrap_or_default();
            if parts.is_empty() {
                break;
            }
            for part in parts.iter().filter_map(Weak::upgrade) {
                part.take_over();
            }
        }
    }

    fn finished(&self) {
        _ = self.waiting.try_update(|n| *n = n.saturating_sub(1));
        if self.waiting.try_get_untracked() == Some(0) {
            if let Some(listener) = self.listener.try_update_value(Option::take).flatten() {
                for event in INTERACTIONS {
                    _ = window().remove_event_listener_with_callback_and_bool(
                        event,
                        listener.unchecked_ref(),
                        true,
                    );
                }
            }
        }
    }
}

impl Default for LaterHydrations {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs `then` (untracked) once the page has been taken over: at once when
/// nothing waits for its task (a page the app built, or no `App`).
///
/// What only the browser knows (drafts, comments posted here, WordPress's
/// changes to a thread) waits for this: a part is hydrated against the
/// server's HTML, so what it shows must not have changed before its task.
pub fn once_taken_over(then: impl FnOnce() + 'static) {
    let taken_over = use_taken_over();
    // Run under the caller's owner, not the effect's: what `then` sets up
    // (listeners and their cleanups) lives as long as the caller.
    let owner = Owner::current();
    let mut then = Some(then);
    Effect::new(move || {
        if taken_over() {
            if let Some(then) = then.take() {
                match &owner {
                    Some(owner) => owner.with(|| untrack(then)),
                    None => untrack(then),
                }
            }
        }
    });
}

/// Whether the page has been taken over (tracked; see [`once_taken_over`]),
/// as a function to read in effects.
pub fn use_taken_over() -> impl Fn() -> bool + Copy + 'static {
    let later = use_context::<LaterHydrations>();
    move || later.is_none_or(|later| later.taken_over())
}

/// Whether the view being made now is being hydrated (in the page's first
/// task, or in a part's): it must then show what the server rendered.
pub fn is_hydrating() -> bool {
    Owner::current_shared_context().is_some_and(|c| c.during_hydration())
        || use_context::<LaterHydrations>().is_some_and(|later| later.in_part.get_value() > 0)
}

/// Hydrates `children` in a task of their own after the rest of the page
/// (see the module's docs). Rendered to HTML and built in the browser, it is
/// `children` between two marker comments.
#[component]
pub fn HydrateLater(children: Children) -> impl IntoView {
    // Made later only when hydrated: rendered to HTML or built, at once.
    let content = match is_hydrating() {
        true => Content::ToMake(children),
        false => Content::Made(children()),
    };
    LaterView {
        content,
        owner: Owner::current(),
        progress: use_context::<LaterHydrations>(),
    }
}

/// The view `<HydrateLater>` returns.
pub struct LaterView<V> {
    content: Content<V>,
    /// The owner its children would have been made under, had they been
    /// made at once: made later, they see the same contexts.
    owner: Option<Owner>,
    progress: Option<LaterHydrations>,
}

enum Content<V> {
    ToMake(Box<dyn FnOnce() -> V + Send>),
    Made(V),
}

impl<V> Content<V> {
    /// The view (made now if it was not yet).
    fn into_view(self) -> V {
        match self {
            Content::Made(view) => view,
            Content::ToMake(make) => untrack(make),
        }
    }
}

impl<V> LaterView<V> {
    /// Runs `render` on the part's view under the part's owner: what its
    /// children make and render (effects, contexts) is as it would have
    /// been, had they been made and rendered at once.
    fn render<T>(self, render: impl FnOnce(V) -> T) -> T {
        let LaterView { content, owner, .. } = self;
        match owner {
            Some(owner) => owner.with(|| render(content.into_view())),
            None => render(content.into_view()),
        }
    }

    /// The same part, its view `view`.
    fn with_view<W>(&self, view: W) -> LaterView<W> {
        LaterView {
            content: Content::Made(view),
            owner: self.owner.clone(),
            progress: self.progress,
        }
    }
}

/// A part's state: waiting for its task (the DOM is the server's, between
/// the markers), or taken over.
pub struct LaterState<S>(Rc<RefCell<Stage<S>>>);

enum Stage<S> {
    Waiting(Waiting<S>),
    /// Taken out of `Waiting` while it hydrates.
    Hydrating,
    Ready(S),
}

/// A part waiting for its task.
struct Waiting<S> {
    hydrate: Option<Box<dyn FnOnce() -> S>>,
    /// Where a view built in its place goes.
    open: web_sys::Comment,
    progress: Option<LaterHydrations>,
}

impl<S> Drop for Waiting<S> {
    /// Hydrated, or gone before its task: either way no longer waiting.
    fn drop(&mut self) {
        if let Some(progress) = self.progress {
            progress.finished();
        }
    }
}

/// A waiting part, whatever its view, as [`LaterHydrations`] keeps it.
trait TakeOver {
    /// Hydrates the part if it is still waiting in the document.
    fn take_over(&self);
}

impl<S: Mountable> TakeOver for RefCell<Stage<S>> {
    fn take_over(&self) {
        // Busy: being hydrated or moved by its parent, which takes it over.
        let Ok(mut stage) = self.try_borrow_mut() else {
            return;
        };
        if !matches!(*stage, Stage::Waiting(_)) {
            return;
        }
        let Stage::Waiting(mut waiting) = std::mem::replace(&mut *stage, Stage::Hydrating) else {
            return;
        };
        drop(stage);
        if let Some(hydrate) = waiting.hydrate.take() {
            let state = hydrate();
            *self.borrow_mut() = Stage::Ready(state);
        }
        // No longer waiting (counted once it is hydrated).
        drop(waiting);
    }
}

impl<S: Mountable> LaterState<S> {
    /// The part's state, taken over first if it was waiting: whatever its
    /// parent does with it (moves it, removes it) needs its own nodes.
    fn ready(&self) -> Option<std::cell::RefMut<'_, S>> {
        self.0.take_over();
        std::cell::RefMut::filter_map(self.0.borrow_mut(), |stage| match stage {
            Stage::Ready(state) => Some(state),
            Stage::Waiting(_) | Stage::Hydrating => None,
        })
        .ok()
    }

    /// Replaces a waiting part with `view`, built; it is hydrated no more.
    fn replace(&self, view: impl FnOnce() -> S) {
        let stage = std::mem::replace(&mut *self.0.borrow_mut(), Stage::Hydrating);
        let stage = match stage {
            Stage::Waiting(waiting) => {
                let mut state = view();
                if let Some(parent) = waiting.open.parent_element() {
                    state.mount(&parent, Some(waiting.open.unchecked_ref()));
                }
                // The server's nodes go with the markers.
                remove_part(&waiting.open);
                Stage::Ready(state)
            }
            other => other,
        };
        *self.0.borrow_mut() = stage;
    }
}

/// Removes a waiting part's server nodes, from its opening marker to its
/// closing one.
fn remove_part(open: &web_sys::Comment) {
    let close = closing_marker(open);
    let mut node: Option<web_sys::Node> = Some(open.clone().unchecked_into());
    while let Some(current) = node {
        node = current.next_sibling();
        let last = close.as_ref().is_none_or(|close| *close == current);
        if let Some(parent) = current.parent_node() {
            _ = parent.remove_child(&current);
        }
        if last && close.is_some() {
            break;
        }
    }
}

impl<V: Render> Render for LaterView<V> {
    type State = LaterState<V::State>;

    fn build(self) -> Self::State {
        LaterState(Rc::new(RefCell::new(Stage::Ready(self.render(V::build)))))
    }

    fn rebuild(self, state: &mut Self::State) {
        let mut stage = state.0.borrow_mut();
        match &mut *stage {
            Stage::Ready(ready) => self.render(|view| view.rebuild(ready)),
            Stage::Waiting(_) => {
                drop(stage);
                state.replace(|| self.render(V::build));
            }
            Stage::Hydrating => {}
        }
    }
}

impl<S: Mountable> Mountable for LaterState<S> {
    fn unmount(&mut self) {
        if let Some(mut state) = self.ready() {
            state.unmount();
        }
    }

    fn mount(&mut self, parent: &types::Element, marker: Option<&types::Node>) {
        if let Some(mut state) = self.ready() {
            state.mount(parent, marker);
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.ready()
            .is_some_and(|state| state.insert_before_this(child))
    }

    fn elements(&self) -> Vec<types::Element> {
        self.ready()
            .map(|state| state.elements())
            .unwrap_or_default()
    }
}

/// With attributes spread onto it, a part is an ordinary view.
impl<V: AddAnyAttr> AddAnyAttr for LaterView<V> {
    type Output<SomeNewAttr: Attribute> = V::Output<SomeNewAttr>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        self.render(|view| view.add_any_attr(attr))
    }
}

impl<V: RenderHtml + 'static> RenderHtml for LaterView<V> {
    type AsyncOutput = LaterView<V::AsyncOutput>;
    type Owned = LaterView<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;

    /// (A part is only left to make later while it is hydrated, and is never
    /// resolved then.)
    fn dry_resolve(&mut self) {
        if let (Content::Made(view), owner) = (&mut self.content, &self.owner) {
            match owner {
                Some(owner) => owner.with(|| view.dry_resolve()),
                None => view.dry_resolve(),
            }
        }
    }

    async fn resolve(self) -> Self::AsyncOutput {
        let part = self.with_view(());
        let resolving = self.render(|view| ScopedFuture::new(view.resolve()));
        let view = resolving.await;
        part.with_view(view)
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        buf.push_str(&format!("<!--{OPEN}-->"));
        *position = Position::NextChild;
        self.render(|view| {
            view.to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
        });
        buf.push_str(&format!("<!--{CLOSE}-->"));
        *position = Position::NextChild;
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        buf.push_sync(&format!("<!--{OPEN}-->"));
        *position = Position::NextChild;
        self.render(|view| {
            view.to_html_async_with_buf::<OUT_OF_ORDER>(
                buf,
                position,
                escape,
                mark_branches,
                extra_attrs,
            )
        });
        buf.push_sync(&format!("<!--{CLOSE}-->"));
        *position = Position::NextChild;
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        let open = cursor.next_placeholder(position);
        let close = closing_marker(&open);
        // The rest of the page goes on after the part (after its parent's
        // last node, if the HTML was cut short).
        let end = close
            .clone()
            .or_else(|| open.parent_node().and_then(|p| p.last_child()));
        cursor.set(end.unwrap_or_else(|| open.clone().unchecked_into()));
        position.set(Position::NextChild);

        let progress = self.progress;
        let (open_at, close_at) = (open.clone(), close.clone());
        let hydrate = move || {
            let parent = open_at
                .parent_element()
                .unwrap_or_else(|| open_at.clone().unchecked_into());
            let cursor = Cursor::new(parent);
            cursor.set(open_at.clone().unchecked_into());
            let position = PositionState::new(Position::NextChild);
            let in_part = progress.map(|p| p.in_part);
            in_part.inspect(|depth| depth.update_value(|n| *n += 1));
            let state = self.render(|view| view.hydrate::<FROM_SERVER>(&cursor, &position));
            in_part.inspect(|depth| depth.update_value(|n| *n -= 1));
            // Its work done, the markers go (the state holds the part's own nodes).
            open_at.remove();
            if let Some(close) = close_at
                .as_ref()
                .and_then(|c| c.dyn_ref::<web_sys::Comment>())
            {
                close.remove();
            }
            state
        };
        let state = Rc::new(RefCell::new(Stage::Waiting(Waiting {
            hydrate: Some(Box::new(hydrate)),
            open,
            progress,
        })));
        if let Some(progress) = progress {
            progress.started(state.clone());
        }
        let waiting = Rc::downgrade(&state);
        set_timeout(
            move || {
                if let Some(stage) = waiting.upgrade() {
                    stage.take_over();
                }
            },
            Duration::ZERO,
        );
        LaterState(state)
    }

    fn into_owned(self) -> Self::Owned {
        let LaterView {
            content,
            owner,
            progress,
        } = self;
        let content = match content {
            Content::Made(view) => Content::Made(view.into_owned()),
            Content::ToMake(make) => Content::ToMake(Box::new(move || make().into_owned())),
        };
        LaterView {
            content,
            owner,
            progress,
        }
    }
}

/// The `<!--/hydrate-later-->` that closes the part `open` opens (parts may
/// hold parts); `None` if the HTML was cut short.
fn closing_marker(open: &web_sys::Comment) -> Option<web_sys::Node> {
    let mut depth = 0usize;
    let mut node: web_sys::Node = open.clone().unchecked_into();
    while let Some(next) = node.next_sibling() {
        node = next;
        if let Some(comment) = node.dyn_ref::<web_sys::Comment>() {
            match comment.data().as_str() {
                OPEN => depth += 1,
                CLOSE if depth == 0 => return Some(node),
                CLOSE => depth -= 1,
                _ => {}
            }
        }
    }
    None
}
