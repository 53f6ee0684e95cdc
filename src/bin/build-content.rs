//! Rebuilds `public/content/site.json` and `public/content/index/` from
//! `content/site.json` and the posts in `public/content/posts/`.
//! Usage: `cargo run --bin build-content [-- <config> <content-root>]`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use russian_best::models::content::build;
    use std::path::PathBuf;

    let mut args = std::env::args().skip(1);
    let config_path = PathBuf::from(args.next().unwrap_or_else(|| "content/site.json".into()));
    let root = PathBuf::from(args.next().unwrap_or_else(|| "public/content".into()));
    let run = || -> Result<usize, String> {
        let config = build::read_config(&config_path)?;
        let posts = build::read_posts(&root.join("posts"))?;
        let problems = build::validate(&config, &posts);
        if !problems.is_empty() {
            return Err(problems.join("\n"));
        }
        let files = build::build_site(&config, &posts);
        build::write_files(&root, &files).map_err(|e| e.to_string())?;
        Ok(files.len())
    };
    match run() {
        Ok(n) => println!("wrote {n} files under {}", root.display()),
        Err(e) => {
            eprintln!("build-content: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
