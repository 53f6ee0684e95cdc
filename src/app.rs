use crate::{
    components::{
        layout::{SiteFooter, SiteHeader, SkipLinks, MAIN_ID},
        sidebar::Sidebar,
        status::ProgressBar,
    },
    content::{load, LoadError, Site},
    routes::{
        articles::ArticlesPage, category::CategoryPage, home::HomePage, not_found::NotFoundPage,
        page::StaticPage, post::PostPage,
    },
};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use std::sync::Arc;

/// `site.json`, loaded once and shared by every part of the page.
pub type SiteResource = LocalResource<Result<Arc<Site>, LoadError>>;

/// The site's shared content, provided by [`App`].
pub fn use_site() -> SiteResource {
    expect_context::<SiteResource>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site: SiteResource = LocalResource::new(load::site);
    provide_context(site);

    view! {
        <Router>
            <ProgressBar />
            <SkipLinks />
            <div class="site-container">
                <SiteHeader />
                <div class="site-inner wrap">
                    <main class="content" id=MAIN_ID tabindex="-1">
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=HomePage />
                            <Route path=path!("/articles") view=ArticlesPage />
                            <Route path=path!("/category/:slug") view=CategoryPage />
                            <Route path=path!("/post/:slug") view=PostPage />
                            <Route path=path!("/page/:slug") view=StaticPage />
                        </Routes>
                    </main>
                    <Sidebar />
                </div>
                <SiteFooter />
            </div>
        </Router>
    }
}
