use crate::{
    browser::{
        api::{self, loaded_site, use_site, ContentResource},
        dom::field_ticked,
    },
    components::{
        hydrate_later::is_hydrating, meta::PageMeta, offline::SavedCopyNotice,
        post_list::PostListView,
    },
    models::{
        content::{ContentFile, ListPage, Site},
        listing::CategoryFilter,
        search::SearchQuery,
        urls,
    },
    routes::page_param,
};
use leptos::{ev, prelude::*};
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use std::sync::Arc;

/// `/`: the latest posts, optionally filtered by categories (`?category=a,b`)
/// and paged (`?page=2`); WordPress's `/?s=<words>` goes to `/search`. The
/// URL holds the whole state, so reload, back and sharing all keep it.
#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let site = use_site();
    let requested =
        Memo::new(move |_| CategoryFilter::from_query(query.read().get("category").as_deref()));
    // Once site.json is in, categories it does not know are ignored.
    let filter = Memo::new(move |_| match site.get() {
        Some(Ok(site)) => requested.get().known_in(&site),
        _ => requested.get(),
    });
    let page = page_param();
    // The filter the list on screen was loaded for, as its query value: the
    // result count waits for the new list instead of naming the total of the
    // one still shown while it loads.
    let listed_filter = RwSignal::new(String::new());
    // The list follows the URL only; which of its categories exist comes
    // from site.json inside the load (cached once read), so site.json
    // arriving never restarts a load already under way.
    let list = ContentResource::new(move || {
        let requested = requested.get();
        let page = page();
        async move {
            let filter = match requested.is_empty() {
                true => requested,
                false => match api::site().await {
                    Ok(site) => requested.known_in(&site),
                    Err(_) => requested,
                },
            };
            let list = if filter.is_empty() {
                api::list(ContentFile::Latest { page }).await
            } else {
                api::posts_in_categories(filter.slugs().to_vec(), page).await
            };
            listed_filter.set(filter.query_value());
            list
        }
    });
    let what = Callback::new(move |()| {
        let filter = filter.get_untracked();
        match filter.slugs() {
            [] => ContentFile::Latest {
                page: untrack(page),
            }
            .description(),
            slugs => {
                let site = loaded_site();
                let names = category_names(slugs, site.as_deref());
                format!("the posts in {}", names.join(", "))
            }
        }
    });
    let page_href = Callback::new(move |n: u32| urls::home(&filter.get_untracked(), n));
    // WordPress's own search address (`/?s=<words>`): old links and habits
    // open the results page.
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(words) = query.read().get("s") {
            let options = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            navigate(
                &SearchQuery::from_query(Some(&words), None, None).url(),
                options,
            );
        }
    });
    // The list's first file: the latest posts, or the first category filtered on.
    let file = Signal::derive(move || {
        let page = page();
        match filter.get().slugs().first() {
            Some(slug) => ContentFile::Category {
                slug: slug.clone(),
                page: 1,
            },
            None => ContentFile::Latest { page },
        }
        .url()
    });
    view! {
        <SavedCopyNotice url=file />
        <PageMeta title="" />
        <header class="archive-description">
            <h1 class="archive-title">"Latest posts"</h1>
        </header>
        <CategoryFilterForm filter list listed_filter />
        <PostListView list what page_href />
    }
}

/// The categories' names as the reader knows them, once site.json is in
/// (`site`); their slugs before.
fn category_names<'a>(slugs: &'a [String], site: Option<&'a Site>) -> Vec<&'a str> {
    slugs
        .iter()
        .map(|slug| site.map_or(slug.as_str(), |site| site.category_name(slug)))
        .collect()
}

/// The id of a category's checkbox in the filter.
fn filter_box_id(slug: &str) -> String {
    format!("filter-{slug}")
}

/// Checkboxes for the categories, the result count and "Clear filter".
#[component]
fn CategoryFilterForm(
    filter: Memo<CategoryFilter>,
    list: ContentResource<Arc<ListPage>>,
    listed_filter: RwSignal<String>,
) -> impl IntoView {
    let site = use_site();
    let navigate = use_navigate();
    // The reader stays where they are: at the checkboxes.
    let go = Callback::new(move |next: CategoryFilter| {
        navigate(
            &urls::home(&next, 1),
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        )
    });
    // Boxes ticked on the prerendered page before the app took it over are
    // applied once it has (hydration sets every box from the address).
    let ticked_before: Vec<String> = match (is_hydrating(), loaded_site()) {
        (true, Some(site)) => site
            .categories
            .iter()
            .filter(|c| field_ticked(&filter_box_id(&c.slug)))
            .map(|c| c.slug.clone())
            .collect(),
        _ => Vec::new(),
    };
    // (Only the address without a filter is prerendered.)
    Effect::new(move || {
        if !ticked_before.is_empty() {
            go.run(CategoryFilter::from_query(Some(&ticked_before.join(","))));
        }
    });
    let checkboxes = move |site: Arc<Site>| {
        site.categories
            .iter()
            .map(|category| {
                let slug = category.slug.clone();
                let slug_for_change = slug.clone();
                let id = filter_box_id(&slug);
                view! {
                    <li>
                        <input
                            type="checkbox"
                            id=id.clone()
                            prop:checked=move || filter.read().contains(&slug)
                            on:change=move |_: ev::Event| go.run(filter.get_untracked().toggled(&slug_for_change))
                        />
                        <label for=id>{category.name.clone()}</label>
                    </li>
                }
            })
            .collect_view()
    };
    let result_count = move || {
        let filter = filter.get();
        if filter.is_empty() || listed_filter.with(|listed| *listed != filter.query_value()) {
            return None;
        }
        let site = site.get().and_then(Result::ok)?;
        let total = list.get()?.ok()?.total;
        let names = category_names(filter.slugs(), Some(&site));
        let posts = if total == 1 { "post" } else { "posts" };
        Some(format!("{total} {posts} in {}", names.join(" or ")))
    };
    view! {
        <details class="category-filter" open=move || !filter.read().is_empty()>
            <summary>"Filter by category"</summary>
            <fieldset>
                <legend class="visually-hidden">"Show posts in these categories"</legend>
                <ul class="category-filter-options">
                    {move || site.get().and_then(Result::ok).map(checkboxes)}
                </ul>
            </fieldset>
        </details>
        <div class="filter-status" role="status" aria-live="polite">
            {move || {
                result_count()
                    .map(|text| {
                        view! {
                            <p>
                                <span class="result-count">{text}</span>
                                " "
                                <button type="button" class="button button-small" on:click=move |_| go.run(CategoryFilter::default())>
                                    "Clear filter"
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}
