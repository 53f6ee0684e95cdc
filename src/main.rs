//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Mounted once the route's content (downloaded early by index.html) is
    // in, so the first frame shows it rather than a placeholder.
    use russian_best::browser::{api, dom};
    // A prerendered page carries its content: the app renders the same page
    // from it at once and takes the place of the HTML in one step.
    if api::adopt_prerendered_files() {
        dom::clear_prerendered_page();
        leptos::mount::mount_to_body(russian_best::App);
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        api::early_content_ready().await;
        leptos::mount::mount_to_body(russian_best::App);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("russian-best is a browser app: build it with `make build` or run `make run`.");
}
