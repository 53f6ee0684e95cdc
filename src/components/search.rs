//! Search's views: the header's box (results as the reader types) and the
//! list of results that box and `/search` show. The engine runs in
//! `browser::search`; what a result says is `models::search`.

use crate::{
    browser::{
        dom::{
            field_value, focus_by_id, focus_crosses, focus_quietly, move_focus_among_links,
            shortcut_of,
        },
        search,
    },
    models::{
        search::{
            all_results_text, count_text, tidy_words, worth_live_search, Found, SearchError,
            SearchPage, SearchQuery, Segment, SUGGESTIONS,
        },
        shortcuts::Shortcut,
        urls,
    },
};
use leptos::{ev, prelude::*};
use leptos_router::{
    hooks::{use_location, use_navigate, use_query_map},
    NavigateOptions,
};

pub const SEARCH_INPUT_ID: &str = "search-input";
const SUGGESTIONS_ID: &str = "search-suggestions";

/// The answer to the words typed last, kept with the words it is for.
type Answer = Option<(String, Result<SearchPage, SearchError>)>;

/// The header's search form (`<form role="search">`, a GET to `/search`, so
/// it works without JavaScript too). Typing shows the best results under it;
/// Enter opens the results page; `/` anywhere focuses it; Escape closes the
/// results. The engine is loaded when the box is first focused.
#[component]
pub fn SearchBox() -> impl IntoView {
    // Words typed into the prerendered box before the app took the page
    // over stay in it.
    let text = RwSignal::new(field_value(SEARCH_INPUT_ID));
    let open = RwSignal::new(false);
    let latest = LatestSearch::new();
    follow_results_page(text, open);
    focus_on_slash();

    let on_input = move |e: ev::Event| {
        let value = event_target_value(&e);
        let words = tidy_words(&value);
        text.set(value);
        let live = worth_live_search(&words);
        open.set(live);
        if live {
            latest.ask(words);
        }
    };
    let navigate = use_navigate();
    let on_submit = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let words = tidy_words(&text.get_untracked());
        open.set(false);
        navigate(&urls::search(&words, None, 1), NavigateOptions::default());
    };
    let on_keydown = move |e: ev::KeyboardEvent| match e.key().as_str() {
        // The first Escape closes the results and keeps the words (the
        // browser's own Escape, which empties a search field, is the second).
        "Escape" if open.get_untracked() => {
            e.prevent_default();
            open.set(false);
            focus_quietly(SEARCH_INPUT_ID);
        }
        // Down in a closed box opens the results again.
        "ArrowDown"
            if !open.get_untracked() && worth_live_search(&tidy_words(&text.get_untracked())) =>
        {
            e.prevent_default();
            open.set(true);
        }
        "ArrowDown" | "ArrowUp" if open.get_untracked() => {
            e.prevent_default();
            move_focus_among_links(SUGGESTIONS_ID, e.key() == "ArrowDown", SEARCH_INPUT_ID);
        }
        _ => {}
    };
    let on_focusout = move |e: ev::FocusEvent| {
        if focus_crosses(&e) {
            open.set(false);
        }
    };
    // Focus arriving in the form from outside (not moving back to the box
    // from a result) loads the engine and shows the results again.
    let on_focusin = move |e: ev::FocusEvent| {
        if !focus_crosses(&e) {
            return;
        }
        leptos::task::spawn_local(async {
            // A failure is said when the reader searches.
            _ = search::preload().await;
        });
        if worth_live_search(&tidy_words(&text.get_untracked())) {
            open.set(true);
        }
    };
    // What shows under the box: a memo, so a keystroke that changes no
    // answer redraws nothing.
    let current = Memo::new(move |_| {
        let words = tidy_words(&text.get());
        latest.answer.with(|answer| match answer {
            Some((asked, result)) if worth_live_search(&words) => {
                Some((asked.clone(), result.clone()))
            }
            _ => None,
        })
    });
    view! {
        <form
            class="search-form"
            role="search"
            action="/search"
            method="get"
            on:submit=on_submit
            on:keydown=on_keydown
            on:focusin=on_focusin
            on:focusout=on_focusout
        >
            <label for=SEARCH_INPUT_ID class="visually-hidden">"Search the site"</label>
            <input
                type="search"
                id=SEARCH_INPUT_ID
                name="q"
                autocomplete="off"
                // WordPress's own search form's words; fits the box at 320 px.
                placeholder="Search …"
                aria-controls=SUGGESTIONS_ID
                prop:value=move || text.get()
                on:input=on_input
            />
            <button type="submit" class="button">"Search"</button>
            <p class="visually-hidden" role="status">
                {move || current.get().and_then(|(words, r)| r.ok().map(|page| count_text(page.total, &words)))}
            </p>
            <div class="search-suggestions" id=SUGGESTIONS_ID hidden=move || !open.get() || current.with(Option::is_none)>
                {move || current.get().map(|(words, result)| suggestions(words, result))}
            </div>
        </form>
    }
}

/// The results under the box: the best few and a link to all, or why
/// there are none.
fn suggestions(words: String, result: Result<SearchPage, SearchError>) -> AnyView {
    match result {
        Ok(page) if page.total == 0 => view! { <p class="search-none">{count_text(0, &words)}</p> }.into_any(),
        Ok(page) => {
            let all = urls::search(&words, None, 1);
            let total = page.total;
            view! {
                <ResultList page compact=true />
                <p class="search-all">
                    <a href=all>{all_results_text(total, &words)}</a>
                </p>
            }
            .into_any()
        }
        Err(error) => view! {
            <p class="search-unavailable" role="alert">
                {format!("Search is not available: {error}. Your words stay in the box; try again later.")}
            </p>
        }
        .into_any(),
    }
}

/// Results as a list: title (a link to the post, or to the answer or
/// comment the snippet is from), category, date, where the match is, and
/// the snippet with the matched words in `<mark>` (built as elements: the
/// engine's text is only ever text).
#[component]
pub fn ResultList(page: SearchPage, #[prop(optional)] compact: bool) -> impl IntoView {
    let items = page
        .hits
        .iter()
        .map(Found::new)
        .map(|found| {
            let title = view! { <a href=found.href.clone()>{found.title.clone()}</a> };
            let title = match compact {
                true => view! { <p class="search-result-title">{title}</p> }.into_any(),
                false => view! { <h2 class="search-result-title">{title}</h2> }.into_any(),
            };
            let meta: Vec<String> = [
                found.category.clone(),
                found.date.clone(),
                Some(found.place.label().to_string()),
            ]
            .into_iter()
            .flatten()
            .collect();
            view! {
                <li class="search-result">
                    {title}
                    <p class="entry-meta">{meta.join(" · ")}</p>
                    <p class="search-snippet">{snippet_view(&found.snippet)}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="search-results">{items}</ol> }
}

fn snippet_view(segments: &[Segment]) -> impl IntoView {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Text(text) => text.clone().into_any(),
            Segment::Mark(word) => view! { <mark>{word.clone()}</mark> }.into_any(),
        })
        .collect_view()
}

/// Searches for the newest words only: while one search is under way, what
/// the reader types meanwhile waits, and only the last of it runs next. No
/// fixed delay, so results follow the last keystroke as soon as the engine
/// can answer, and a fast typist never queues a search per key.
#[derive(Clone, Copy)]
struct LatestSearch {
    busy: StoredValue<bool>,
    next: StoredValue<Option<String>>,
    answer: RwSignal<Answer>,
}

impl LatestSearch {
    fn new() -> Self {
        LatestSearch {
            busy: StoredValue::new(false),
            next: StoredValue::new(None),
            answer: RwSignal::new(None),
        }
    }

    fn ask(self, words: String) {
        if self.busy.get_value() {
            self.next.set_value(Some(words));
            return;
        }
        self.busy.set_value(true);
        leptos::task::spawn_local(async move {
            let mut words = words;
            loop {
                let query = SearchQuery {
                    words: words.clone(),
                    ..SearchQuery::default()
                };
                let result = search::search(&query, 0, SUGGESTIONS).await;
                if self.answer.try_set(Some((words, result))).is_some() {
                    return; // the box is gone (no longer on screen)
                }
                match self.next.try_update_value(Option::take).flatten() {
                    Some(newer) => words = newer,
                    None => break,
                }
            }
            _ = self.busy.try_set_value(false);
        });
    }
}

/// On `/search`, the box holds the page's words (reload, back and shared
/// links keep them); any navigation closes the results under it.
fn follow_results_page(text: RwSignal<String>, open: RwSignal<bool>) {
    let location = use_location();
    let query = use_query_map();
    Effect::new(move || {
        open.set(false);
        if location.pathname.get() == "/search" {
            text.set(tidy_words(&query.read().get("q").unwrap_or_default()));
        }
    });
}

/// `/` focuses the box, unless the reader is typing in a field or holds a
/// modifier (`models::shortcuts`).
fn focus_on_slash() {
    Effect::new(move || {
        let keys = window_event_listener(ev::keydown, move |e| {
            if shortcut_of(&e) == Some(Shortcut::Search) && focus_by_id(SEARCH_INPUT_ID) {
                e.prevent_default();
            }
        });
        on_cleanup(move || keys.remove());
    });
}
