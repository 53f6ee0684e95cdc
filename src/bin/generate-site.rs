//! Writes a large synthetic site in the app's content format, for the
//! benchmark: deterministic for a given seed.
//! Usage: `cargo run --release --bin generate-site -- <out-dir> [posts] [comments] [seed]`
//! (defaults: 10,000 posts, 100,000 comments, seed 42). The sample site's
//! settings and categories are reused, so the app's pages work unchanged.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use russian_best::models::content::{build, Answer, Comment, Post, PostKind};
    use std::path::PathBuf;

    /// SplitMix64: small, seeded, and the same on every machine.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len() as u64) as usize]
        }
    }

    const WORDS: &[&str] = &[
        "Moscow", "samovar", "winter", "dacha", "borscht", "Tolstoy", "metro", "birch", "Volga",
        "tea", "pelmeni", "Siberia", "ballet", "chess", "hockey", "Baikal", "icon", "kvass",
        "troika", "taiga", "Neva", "bread", "history", "language", "grammar", "recipe", "journey",
        "railway", "village", "market", "festival",
    ];
    const NAMES: &[&str] = &[
        "Anna", "Boris", "Daria", "Egor", "Fyodor", "Galina", "Ivan", "Katya", "Lev", "Masha",
        "Nikolai", "Olga",
    ];

    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "target/bench/site".into()));
    let post_count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let comment_count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);

    let config =
        build::read_config(std::path::Path::new("content/site.json")).unwrap_or_else(|e| {
            eprintln!("generate-site: {e} (run from the repository root)");
            std::process::exit(1);
        });
    let categories: Vec<&str> = config.categories.iter().map(|c| c.slug.as_str()).collect();
    let mut rng = Rng(seed);
    let sentence = |rng: &mut Rng, words: usize| -> String {
        let mut s: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
        s[0] = rng.pick(NAMES);
        format!("{}.", s.join(" "))
    };

    let mut posts: Vec<Post> = Vec::with_capacity(post_count);
    for i in 0..post_count {
        let kind = if i % 7 == 0 {
            PostKind::Article
        } else {
            PostKind::Question
        };
        let day = (i as u64 * 86_400 / 3 + rng.below(3_600)) / 86_400;
        let (year, rest) = (2005 + day / 365, day % 365);
        let date = format!("{year}-{:02}-{:02}", rest / 31 % 12 + 1, rest % 28 + 1);
        let title = format!("{} {} question {i}?", rng.pick(NAMES), rng.pick(WORDS));
        let answers = if kind == PostKind::Question {
            (1..=1 + rng.below(3) as u32)
                .map(|id| Answer {
                    id,
                    author: rng.pick(NAMES).into(),
                    body: (0..3)
                        .map(|_| sentence(&mut rng, 40))
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                })
                .collect()
        } else {
            Vec::new()
        };
        posts.push(Post {
            slug: format!("generated-post-{i}"),
            title,
            kind,
            category: categories[i % categories.len()].to_string(),
            date,
            author: rng.pick(NAMES).into(),
            question: sentence(&mut rng, 10),
            body: (0..2)
                .map(|_| sentence(&mut rng, 30))
                .collect::<Vec<_>>()
                .join("\n\n"),
            answers: answers.into(),
            comments: Vec::new().into(),
            thumbnail: None,
            excerpt: sentence(&mut rng, 18),
            wp_id: None,
            comment_status: Default::default(),
            categories: Vec::new(),
            sticky: false,
        });
    }
    // Comments spread over the posts; some reply to earlier ones.
    let mut per_post: Vec<Vec<Comment>> = vec![Vec::new(); post_count];
    for id in 1..=comment_count as u64 {
        let post = rng.below(post_count as u64) as usize;
        let existing = &per_post[post];
        let parent = (!existing.is_empty() && rng.below(3) == 0)
            .then(|| existing[rng.below(existing.len() as u64) as usize].id);
        per_post[post].push(Comment {
            id: 1_000_000 + id,
            parent,
            author: rng.pick(NAMES).into(),
            url: None,
            date: format!(
                "2024-{:02}-{:02}T{:02}:00:00Z",
                id % 12 + 1,
                id % 28 + 1,
                id % 24
            ),
            body: sentence(&mut rng, 25),
        });
    }
    for (post, comments) in posts.iter_mut().zip(per_post) {
        post.comments = comments.into();
    }

    let mut config = config;
    config.popular = posts.iter().take(5).map(|p| p.slug.clone()).collect();
    let posts_dir = out.join("posts");
    std::fs::create_dir_all(&posts_dir).expect("create the output folder");
    for post in &posts {
        let json = serde_json::to_string(post).expect("a post serializes");
        std::fs::write(posts_dir.join(format!("{}.json", post.slug)), json).expect("write a post");
    }
    let pages = PathBuf::from("public/content/pages");
    std::fs::create_dir_all(out.join("pages")).expect("create pages/");
    for entry in std::fs::read_dir(&pages).into_iter().flatten().flatten() {
        _ = std::fs::copy(entry.path(), out.join("pages").join(entry.file_name()));
    }
    let files = build::build_site(&config, &posts);
    build::write_files(&out, &files).expect("write the indexes");
    println!(
        "wrote {} posts, {comment_count} comments and {} index files to {}",
        posts.len(),
        files.len(),
        out.display()
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
