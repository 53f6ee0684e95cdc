//! `prerender <dist>`: writes an HTML file for every address of the built
//! site in `<dist>` (see `russian_best::prerender`). Run by
//! `tools/build-release.sh` after Trunk; needs `--features ssr`.

use russian_best::prerender::build::prerender_site;
use std::path::PathBuf;

fn main() {
    let dist = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "dist".into()));
    if let Err(e) = any_spawner::Executor::init_tokio() {
        eprintln!("prerender: cannot start Leptos's executor: {e:?}");
        std::process::exit(1);
    }
    // `make build SITE_URL=https://…`: the site's public address, for a
    // deployment elsewhere than the content says.
    let site_url = std::env::var("SITE_URL").ok().filter(|u| !u.is_empty());
    match prerender_site(&dist, site_url.as_deref()) {
        Ok(s) => println!(
            "prerender: {} pages, {:.1} MB of HTML, in {:.1} s",
            s.pages,
            s.bytes as f64 / 1e6,
            s.seconds
        ),
        Err(e) => {
            eprintln!("prerender: {e}");
            std::process::exit(1);
        }
    }
}
