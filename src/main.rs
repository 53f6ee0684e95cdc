//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Mounted once the route's content (downloaded early by index.html) is
    // in, so the first frame shows it rather than a placeholder.
    use russian_best::{
        browser::{api, dom},
        components::after_first_paint::after_next_paint,
    };
    // A prerendered page carries the content it was rendered from: the app
    // takes the page over (hydration) when it is the page the address asks
    // for, or draws the address's own page in its place (a later page of a
    // list, a post added since the build, "Page not found").
    match api::adopt_prerendered_files() {
        Some(rendered_for) if rendered_for == dom::current_address() => {
            // The prerendered page is painted before it is taken over:
            // hydration is one long task, and the page's first paint (its
            // largest text) need not wait for it.
            after_next_paint(move || {
                dom::mark_app_taking_over();
                // The reader may have gone Back meanwhile: the page is then
                // not the one the address asks for, and is drawn anew.
                if rendered_for == dom::current_address() {
                    leptos::mount::hydrate_body(russian_best::App);
                } else {
                    dom::clear_prerendered_page();
                    leptos::mount::mount_to_body(russian_best::App);
                }
            });
            return;
        }
        Some(_) => {
            dom::mark_app_taking_over();
            dom::clear_prerendered_page();
            leptos::mount::mount_to_body(russian_best::App);
            return;
        }
        None => {}
    }
    wasm_bindgen_futures::spawn_local(async {
        api::early_content_ready().await;
        dom::mark_app_taking_over();
        leptos::mount::mount_to_body(russian_best::App);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("russian-best is a browser app: build it with `make build` or run `make run`.");
}
