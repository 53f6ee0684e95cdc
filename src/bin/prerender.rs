//! `prerender <dist> <url>`: prints one page as the prerenderer renders it.

use russian_best::prerender::{files_in, render};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dist = std::path::PathBuf::from(&args[1]);
    let url = args[2].clone();
    any_spawner::Executor::init_tokio().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    let page = local.block_on(&runtime, render(&url, files_in(dist.join("content"))));
    println!("HEAD: {}\n\nBODY: {}", page.head, page.body);
}
