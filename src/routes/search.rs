use crate::{
    browser::{
        api::{loaded_site, ContentResource},
        search,
    },
    components::{
        layout::Breadcrumb,
        meta::PageMeta,
        post_list::{ListSkeleton, Pagination},
        search::ResultList,
        status::LoadErrorPanel,
        warm_link::CategoryLink,
    },
    models::search::{count_text, SearchQuery, RESULTS_PER_PAGE},
};
use leptos::{ev, prelude::*};
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

/// `/search?q=<words>&category=<slug>&page=<n>`: the results. The URL holds
/// the whole search (reload, back and sharing keep it). Prerendered without
/// words, where it says that search needs JavaScript (shown only until the
/// app runs) and lists the categories.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        let mut query = SearchQuery::from_query(
            map.get("q").as_deref(),
            map.get("category").as_deref(),
            map.get("page").as_deref(),
        );
        // A category the site does not have (an old link) narrows nothing,
        // and the choice below says "all categories".
        if let (Some(site), Some(slug)) = (loaded_site(), query.category.as_deref()) {
            if site.category(slug).is_none() {
                query.category = None;
            }
        }
        query
    });
    let title = move || match query.with(SearchQuery::is_empty) {
        true => "Search".to_string(),
        false => format!("Search results for “{}”", query.with(|q| q.words.clone())),
    };
    view! {
        {move || view! { <PageMeta title=title() description="Search the questions, answers and comments." canonical=false /> }}
        <Breadcrumb items=vec![("Search".to_string(), None)] />
        <header class="archive-description">
            <h1 class="archive-title">{title}</h1>
        </header>
        {move || match query.with(SearchQuery::is_empty) {
            true => view! { <SearchIntro /> }.into_any(),
            false => view! { <CategoryChoice query /> <Results query /> }.into_any(),
        }}
    }
}

/// What the page says before there are words to search.
#[component]
fn SearchIntro() -> impl IntoView {
    view! {
        <p class="needs-js">
            "Search needs JavaScript, which is turned off or has not loaded in this browser. You can browse the categories instead:"
        </p>
        <p class="needs-app">"Type a word or two in the search box above: questions, answers and comments are searched."</p>
        <CategoryLinks />
    }
}

/// The results of a search (in the browser only: a search address is never
/// prerendered, nor taken over from prerendered HTML).
#[component]
fn Results(query: Memo<SearchQuery>) -> impl IntoView {
    let results = ContentResource::new(move || {
        let query = query.get();
        async move { search::search(&query, query.offset(), RESULTS_PER_PAGE).await }
    });
    let page_href = Callback::new(move |n: u32| query.with_untracked(|q| q.on_page(n).url()));
    // One live region for the page's life, its text replaced: a region
    // inserted with its text already in is often not announced.
    let count = move || {
        let words = query.with_untracked(|q| q.words.clone());
        results
            .get()
            .and_then(Result::ok)
            .map(|page| count_text(page.total, &words))
    };
    let shown = move || {
        results.get().map(|result| match result {
            Ok(page) if page.total == 0 => view! {
                <p>"Try other words, or browse the categories:"</p>
                <CategoryLinks />
            }
            .into_any(),
            Ok(page) => {
                let pages = page.total.div_ceil(RESULTS_PER_PAGE) as u32;
                let current = query.with_untracked(|q| q.page);
                if current > pages {
                    return view! {
                        <p class="notice">"There is nothing on this page of the results."</p>
                        <p><a href=page_href.run(1)>"Go to the first page"</a></p>
                    }
                    .into_any();
                }
                view! {
                    <ResultList page />
                    <Pagination current pages page_href />
                }
                .into_any()
            }
            Err(error) => view! {
                <LoadErrorPanel what="search" reason=error.to_string() retry=Callback::new(move |_| results.refetch()) />
            }
            .into_any(),
        })
    };
    view! {
        <p class="search-count" role="status">{count}</p>
        <Transition fallback=|| view! { <ListSkeleton /> }>{shown}</Transition>
    }
}

/// Narrows the search to one category (`?category=`), or all of them.
#[component]
fn CategoryChoice(query: Memo<SearchQuery>) -> impl IntoView {
    let navigate = use_navigate();
    let on_change = move |e: ev::Event| {
        let value = event_target_value(&e);
        let mut next = query.get_untracked().on_page(1);
        next.category = (!value.is_empty()).then_some(value);
        // In place: arrow keys on the select change it once per key.
        let options = NavigateOptions {
            replace: true,
            ..NavigateOptions::default()
        };
        navigate(&next.url(), options);
    };
    let selected = move || query.with(|q| q.category.clone().unwrap_or_default());
    view! {
        <p class="search-category">
            <label for="search-category">"Search in "</label>
            <select id="search-category" on:change=on_change prop:value=selected>
                <option value="">"all categories"</option>
                {move || loaded_site().map(|site| {
                    site.categories
                        .iter()
                        .map(|c| view! { <option value=c.slug.clone() selected=selected() == c.slug>{c.name.clone()}</option> })
                        .collect_view()
                })}
            </select>
        </p>
    }
}

/// The site's categories as links (where there is nothing to show).
#[component]
fn CategoryLinks() -> impl IntoView {
    view! {
        <ul class="category-links">
            {move || loaded_site().map(|site| {
                site.categories
                    .iter()
                    .map(|c| view! { <li><CategoryLink slug=c.slug.clone() name=c.name.clone() /></li> })
                    .collect_view()
            })}
        </ul>
    }
}
