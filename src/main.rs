//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Mounted once the route's content (downloaded early by index.html) is
    // in, so the first frame shows it rather than a placeholder.
    wasm_bindgen_futures::spawn_local(async {
        russian_best::browser::api::early_content_ready().await;
        leptos::mount::mount_to_body(russian_best::App);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("russian-best is a browser app: build it with `make build` or run `make run`.");
}
