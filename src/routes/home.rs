use crate::components::reactive::CollectAnyView;
use crate::content::Loaded;
use crate::{
    components::post_list::PostListView,
    content::{load, ContentFile, ListPage, Site},
    listing::CategoryFilter,
    location::use_location,
    routes::PageMeta,
    use_site,
};
use leptos::{ev, prelude::*};
use std::sync::Arc;

/// `/`: the latest posts, optionally filtered by categories (`?category=a,b`)
/// and paged (`?page=2`). The URL holds the whole state, so reload, back and
/// sharing all keep it.
#[component]
pub fn HomePage() -> impl IntoView {
    let location = use_location();
    let site = use_site();
    // Read from the URL where needed, not memoized: a parse of a short
    // query is cheaper than a memo's code in the wasm, and the query only
    // changes when the reader filters or pages.
    let requested = move || CategoryFilter::from_query(location.query_value("category").as_deref());
    // Once site.json is in, categories it does not know are ignored.
    let filter = move || match site.get() {
        Some(Ok(site)) => requested().known_in(&site),
        _ => requested(),
    };
    let page = move || location.page();
    // The filter the list on screen was loaded for, as its query value: the
    // result count waits for the new list instead of naming the total of the
    // one still shown while it loads.
    let listed_filter = RwSignal::new(String::new());
    // The list follows the URL only; which of its categories exist comes
    // from site.json inside the load (cached once read), so site.json
    // arriving never restarts a load already under way.
    let list = Loaded::new(move || {
        let requested = requested();
        let page = page();
        async move {
            let filter = match requested.is_empty() {
                true => requested,
                false => match load::site().await {
                    Ok(site) => requested.known_in(&site),
                    Err(_) => requested,
                },
            };
            let list = if filter.is_empty() {
                load::list(ContentFile::Latest { page }).await
            } else {
                load::posts_in_categories(filter.slugs().to_vec(), page).await
            };
            listed_filter.set(filter.query_value());
            list
        }
    });
    let what = Callback::new(move |()| {
        let filter = untrack(filter);
        match filter.slugs() {
            [] => ContentFile::Latest {
                page: untrack(page),
            }
            .description(),
            _ => format!("the posts in {}", filter.slugs().join(", ")),
        }
    });
    let page_href = Callback::new(move |n: u32| untrack(filter).home_url(n));
    view! {
        <PageMeta title="" />
        <header class="archive-description">
            <h1 class="archive-title">"Latest posts"</h1>
        </header>
        <CategoryFilterForm filter list listed_filter />
        <PostListView list what page_href />
    }
}

/// Checkboxes for the categories, the result count and "Clear filter".
#[component]
fn CategoryFilterForm(
    filter: impl Fn() -> CategoryFilter + Copy + Send + Sync + 'static,
    list: Loaded<ListPage>,
    listed_filter: RwSignal<String>,
) -> impl IntoView {
    let site = use_site();
    let location = use_location();
    // The reader stays where they are: at the checkboxes.
    let go = move |next: CategoryFilter| location.navigate(&next.home_url(1), false);
    let checkboxes = move |site: Arc<Site>| {
        site.categories
            .iter()
            .map(|category| {
                let slug = category.slug.clone();
                let slug_for_change = slug.clone();
                let id = format!("filter-{slug}");
                view! {
                    <li>
                        <input
                            type="checkbox"
                            id=id.clone()
                            prop:checked=move || filter().contains(&slug)
                            on:change=move |_: ev::Event| go(untrack(filter).toggled(&slug_for_change))
                        />
                        <label for=id>{category.name.clone()}</label>
                    </li>
                }
            })
            .collect_any_view()
    };
    let result_count = move || {
        let filter = filter();
        if filter.is_empty() || listed_filter.with(|listed| *listed != filter.query_value()) {
            return None;
        }
        let site = site.get().and_then(Result::ok)?;
        let total = list.get()?.ok()?.total;
        let names: Vec<&str> = filter
            .slugs()
            .iter()
            .map(|s| site.category_name(s))
            .collect();
        let posts = if total == 1 { "post" } else { "posts" };
        Some(format!("{total} {posts} in {}", names.join(" or ")))
    };
    view! {
        <details class="category-filter" open=move || !filter().is_empty()>
            <summary>"Filter by category"</summary>
            <fieldset>
                <legend class="visually-hidden">"Show posts in these categories"</legend>
                <ul class="category-filter-options">
                    {move || site.get().and_then(Result::ok).map(checkboxes).into_any()}
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
                                <button type="button" class="button button-small" on:click=move |_| go(CategoryFilter::default())>
                                    "Clear filter"
                                </button>
                            </p>
                        }
                    })
                    .into_any()
            }}
        </div>
    }
}
