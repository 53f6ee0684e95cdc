//! What surrounds every page: skip links, header (with the search box) and
//! menu, breadcrumb, footer.

use crate::{
    browser::{
        api::{is_prerendering, loaded_site},
        dom::{expanded_before_takeover, focus_by_id, focus_crosses},
    },
    components::{search::SearchBox, warm_link::CategoryLink},
    models::urls,
};
use leptos::{ev, prelude::*};
use leptos_router::hooks::use_location;

pub const NAV_ID: &str = "primary-navigation";
pub const MENU_ID: &str = "primary-menu";
pub const MENU_BUTTON_ID: &str = "menu-button";
pub const MAIN_ID: &str = "main-content";
const CATEGORIES_BUTTON_ID: &str = "categories-menu-button";
pub const SIDEBAR_ID: &str = "primary-sidebar";

/// Whether the primary menu is open where it collapses behind the "Menu"
/// button (below 600 px; wider, the menu is always shown and this is moot).
/// Provided by `App`: the button, the menu and the skip link to it share it.
#[derive(Clone, Copy)]
pub struct PhoneMenu(pub RwSignal<bool>);

impl PhoneMenu {
    /// Closed, or open when the reader opened it before the app took the
    /// page over (index.html's script runs the menu until then).
    pub fn as_left() -> Self {
        Self(RwSignal::new(left_open(MENU_BUTTON_ID)))
    }
}

/// Whether the reader left the button with `id` expanded before the app
/// took the page over; never in the prerenderer.
fn left_open(id: &str) -> bool {
    !is_prerendering() && expanded_before_takeover(id)
}

/// "Skip to …" links, visible on focus, that move focus to each landmark
/// (the link to the menu opens it first, where it is collapsed).
#[component]
pub fn SkipLinks() -> impl IntoView {
    let PhoneMenu(menu_open) = expect_context();
    let link = move |id: &'static str, label: &'static str| {
        view! {
            <li>
                <a
                    href=format!("#{id}")
                    on:click=move |e: ev::MouseEvent| {
                        if id == NAV_ID {
                            menu_open.set(true);
                        }
                        if focus_by_id(id) {
                            e.prevent_default();
                        }
                    }
                >
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <ul class="skip-links">
            {link(NAV_ID, "Skip to primary navigation")}
            {link(MAIN_ID, "Skip to main content")}
            {link(SIDEBAR_ID, "Skip to primary sidebar")}
        </ul>
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="wrap">
                <div class="title-area">
                    <p class="site-title">
                        <a href="/">{move || loaded_site().map(|s| s.title.clone())}</a>
                    </p>
                    <p class="site-description">{move || loaded_site().map(|s| s.tagline.clone())}</p>
                </div>
                <SearchBox />
                <MenuButton />
            </div>
        </header>
        <PrimaryNav />
    }
}

/// The phone's "Menu" button (hidden by CSS from 600 px up, where the menu is
/// always shown). It opens and closes the primary menu; Escape in either
/// closes it and brings focus back here.
#[component]
fn MenuButton() -> impl IntoView {
    let PhoneMenu(open) = expect_context();
    view! {
        <button
            type="button"
            class="menu-toggle"
            id=MENU_BUTTON_ID
            aria-expanded=move || open.get().to_string()
            aria-controls=MENU_ID
            on:click=move |_| open.update(|o| *o = !*o)
            on:keydown=move |e: ev::KeyboardEvent| {
                if e.key() == "Escape" {
                    open.set(false);
                }
            }
        >
            <span class="menu-toggle-icon" aria-hidden="true"></span>
            "Menu"
        </button>
    }
}

/// Home, Articles, and "Questions and Answers" with the categories as a
/// submenu: it opens on hover, on tap or click, and from the keyboard
/// (Enter/Space on the button, Escape to close). Below 600 px the whole menu
/// is behind the header's "Menu" button.
#[component]
pub fn PrimaryNav() -> impl IntoView {
    let PhoneMenu(menu_open) = expect_context();
    let open = RwSignal::new(left_open(CATEGORIES_BUTTON_ID));
    let location = use_location();
    // Any navigation (a link, back/forward) closes the submenu and the menu.
    Effect::watch(
        move || (location.pathname.get(), location.search.get()),
        move |_, _, _| {
            open.set(false);
            menu_open.set(false);
        },
        false,
    );
    // Escape closes the innermost open thing: the submenu, then the menu.
    let on_submenu_keydown = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" && open.get_untracked() {
            e.stop_propagation();
            open.set(false);
            focus_by_id(CATEGORIES_BUTTON_ID);
        }
    };
    let on_menu_keydown = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
            focus_by_id(MENU_BUTTON_ID);
        }
    };
    // Focus leaving the menu item (tabbing past it, clicking elsewhere) closes it.
    let on_focusout = move |e: ev::FocusEvent| {
        if focus_crosses(&e) {
            open.set(false);
        }
    };
    view! {
        <nav
            class="nav-primary"
            class:is-open=move || menu_open.get()
            id=NAV_ID
            tabindex="-1"
            aria-label="Primary"
            on:keydown=on_menu_keydown
        >
            <div class="wrap">
                <ul class="menu" id=MENU_ID>
                    <li class="menu-item">
                        <a href="/">"Home"</a>
                    </li>
                    <li class="menu-item">
                        <a href="/articles">"Articles"</a>
                    </li>
                    <li
                        class="menu-item has-submenu"
                        class:is-open=move || open.get()
                        on:keydown=on_submenu_keydown
                        on:focusout=on_focusout
                    >
                        <button
                            type="button"
                            id=CATEGORIES_BUTTON_ID
                            aria-expanded=move || open.get().to_string()
                            aria-controls="categories-menu"
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            "Questions and Answers"
                        </button>
                        <ul class="sub-menu" id="categories-menu">
                            {move || {
                                loaded_site()
                                    .map(|site| {
                                        site.categories
                                            .iter()
                                            .map(|c| {
                                                view! {
                                                    <li class="menu-item">
                                                        <CategoryLink slug=c.slug.clone() name=c.name.clone() />
                                                    </li>
                                                }
                                            })
                                            .collect_view()
                                    })
                                    .into_any()
                            }}
                        </ul>
                    </li>
                </ul>
            </div>
        </nav>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap">
                {move || {
                    loaded_site()
                        .map(|site| {
                            view! {
                                <p>
                                    {site.copyright.clone()}
                                    {site
                                        .top_level_pages()
                                        .map(|p| {
                                            view! {
                                                " · "
                                                <a href=urls::page(&p.slug)>{p.title.clone()}</a>
                                            }
                                        })
                                        .collect_view()}
                                </p>
                                <p class="footer-disclaimer">{site.disclaimer.clone()}</p>
                            }
                        })
                        .into_any()
                }}
            </div>
        </footer>
    }
}

/// "Browse: Home / …": each item a link but the last.
#[component]
pub fn Breadcrumb(
    /// Label and link of the items after Home; the last is the current page.
    items: Vec<(String, Option<String>)>,
) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            "Browse: "
            <a href="/">"Home"</a>
            {items
                .into_iter()
                .map(|(label, href)| {
                    view! {
                        " / "
                        {match href {
                            Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                            None => view! { <span aria-current="page">{label}</span> }.into_any(),
                        }}
                    }
                })
                .collect_view()}
        </nav>
    }
}
