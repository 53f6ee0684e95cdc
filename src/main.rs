//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(russian_best::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("russian-best is a browser app: build it with `make build` or run `make run`.");
}
