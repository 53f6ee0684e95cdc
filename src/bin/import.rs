//! `make import WP=<site url> [OUT=<dir>]`: imports a WordPress site into the
//! content format (see `src/import/`). A progress bar on a terminal, plain
//! lines otherwise; a summary at the end; exit status 1 with the cause when
//! the import fails (the previous output is then left as it was).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use indicatif::{ProgressBar, ProgressStyle};
    use russian_best::import::{run, Progress};
    use std::io::IsTerminal;
    use std::path::PathBuf;

    /// A bar per step on a terminal; a line per step and every tenth of it otherwise.
    struct Report {
        bar: Option<ProgressBar>,
        step: String,
        last_tenth: u64,
    }

    impl Progress for Report {
        fn step(&mut self, what: &str, done: u64, total: u64) {
            if what != self.step {
                self.step = what.to_string();
                self.last_tenth = u64::MAX;
                if let Some(bar) = self.bar.take() {
                    bar.finish();
                }
                if std::io::stderr().is_terminal() {
                    let bar = ProgressBar::new(total.max(1));
                    bar.set_style(
                        ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len}")
                            .unwrap_or_else(|_| ProgressStyle::default_bar())
                            .progress_chars("=> "),
                    );
                    bar.set_message(what.to_string());
                    self.bar = Some(bar);
                }
            }
            match &self.bar {
                Some(bar) => {
                    bar.set_length(total.max(1));
                    bar.set_position(done);
                }
                None => {
                    let tenth = (done * 10).checked_div(total).unwrap_or(0);
                    if tenth != self.last_tenth {
                        self.last_tenth = tenth;
                        eprintln!("{what}: {done}/{total}");
                    }
                }
            }
        }
    }

    let mut args = std::env::args().skip(1);
    let (Some(site), out) = (args.next(), args.next()) else {
        eprintln!("usage: import <WordPress site URL> [output folder, default imported/]");
        std::process::exit(2);
    };
    let out = PathBuf::from(out.unwrap_or_else(|| "imported".into()));
    let mut report = Report {
        bar: None,
        step: String::new(),
        last_tenth: u64::MAX,
    };
    match run(&site, &out, &mut report) {
        Ok(summary) => {
            if let Some(bar) = report.bar.take() {
                bar.finish();
            }
            println!(
                "Imported {} posts ({} fetched this run), {} pages, {} comments, {} categories into {}{}.",
                summary.posts,
                summary.fetched,
                summary.pages,
                summary.comments,
                summary.categories,
                out.display(),
                if summary.changed { "" } else { " (nothing changed)" }
            );
            println!(
                "Comments: {} new or approved since the last run, {} removed (no longer approved on the site). Comments closed on {} {}.",
                summary.comments_added,
                summary.comments_removed,
                summary.closed,
                if summary.closed == 1 { "post" } else { "posts" }
            );
            for warning in &summary.warnings {
                println!("Note: {warning}");
            }
            if !summary.removed.is_empty() {
                let posts = match summary.removed.len() {
                    1 => "1 post".to_string(),
                    n => format!("{n} posts"),
                };
                println!("Removed {posts}, no longer published on the site:");
                for what in &summary.removed {
                    println!("  - {what}");
                }
            }
            for why in &summary.renamed {
                println!("Renamed: {why}");
            }
            if !summary.skipped.is_empty() {
                println!("Skipped {}:", summary.skipped.len());
                for why in &summary.skipped {
                    println!("  - {why}");
                }
            }
        }
        Err(error) => {
            if let Some(bar) = report.bar.take() {
                bar.abandon();
            }
            eprintln!(
                "Import failed: {error}. Nothing was changed in {}.",
                out.display()
            );
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
