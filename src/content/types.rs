//! The content format. These types are the single source of truth for
//! every JSON file under `public/content/` (see `docs/content-format.md`).
//! Unknown fields are ignored; optional fields default.

use super::lenient::Lenient;
use crate::json::{FromJson, Json, JsonError, ToJson};
use crate::json_object;

/// Posts per index page: the home list, category archives and the Articles list.
pub const PAGE_SIZE: usize = 10;

/// `content/site.json`: everything every page needs, bounded in size
/// whatever the number of posts.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Site {
    pub title: String,
    pub tagline: String,
    pub description: String,
    pub categories: Vec<Category>,
    /// Footer links, e.g. About / Privacy Policy / Disclaimer.
    pub footer_pages: Vec<PageLink>,
    pub copyright: String,
    pub disclaimer: String,
    pub popular_posts: Vec<PostLink>,
    pub recent_comments: Vec<RecentComment>,
    /// Number of pages of `index/latest/<n>.json`.
    pub post_count: u32,
    pub article_count: u32,
}

impl Site {
    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    /// The display name of a category, or its slug when the site does not know it.
    pub fn category_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.category(slug).map_or(slug, |c| c.name.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Category {
    pub slug: String,
    pub name: String,
    /// Number of posts in the category (written by the index builder).
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct PageLink {
    pub slug: String,
    pub title: String,
}

/// A post named in the sidebar's "Popular Posts".
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PostLink {
    pub slug: String,
    pub title: String,
    pub thumbnail: Option<String>,
}

/// One line of the sidebar's "Recent Comments": "<author> on <post title>".
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RecentComment {
    pub author: String,
    pub post_slug: String,
    pub post_title: String,
    pub comment_id: u64,
    pub date: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PostKind {
    /// A question with its asker, then answers each by an author.
    #[default]
    Question,
    /// A plain article with an author.
    Article,
}

/// What a list shows of a post.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PostSummary {
    pub slug: String,
    pub title: String,
    pub kind: PostKind,
    pub category: String,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    pub excerpt: String,
    pub answer_count: u32,
    pub comment_count: u32,
}

/// One page of a post list: `index/latest/<n>.json`,
/// `index/category/<slug>/<n>.json`, `index/articles/<n>.json`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ListPage {
    /// 1-based page number.
    pub page: u32,
    pub pages: u32,
    /// Posts in the whole list, not just this page.
    pub total: u32,
    pub posts: Lenient<PostSummary>,
}

/// `posts/<slug>.json`: one whole post with its answers and comments.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Post {
    pub slug: String,
    pub title: String,
    pub kind: PostKind,
    pub category: String,
    pub date: String,
    /// The asker of a question, the author of an article.
    pub author: String,
    /// A question's one-line form, shown after "Question by <asker>:".
    pub question: String,
    /// Body markup (see `text::parse_body`): the question's details or the article.
    pub body: String,
    pub answers: Lenient<Answer>,
    pub comments: Lenient<Comment>,
    pub thumbnail: Option<String>,
    pub excerpt: String,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Answer {
    pub id: u32,
    pub author: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Comment {
    pub id: u64,
    /// The comment this one replies to.
    pub parent: Option<u64>,
    pub author: String,
    /// The commenter's website; shown as a link only when it is http(s).
    pub url: Option<String>,
    /// ISO date-time or date.
    pub date: String,
    pub body: String,
}

/// `pages/<slug>.json`: About, Privacy Policy, Disclaimer.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub body: String,
}

impl Post {
    pub fn summary(&self) -> PostSummary {
        PostSummary {
            slug: self.slug.clone(),
            title: self.title.clone(),
            kind: self.kind,
            category: self.category.clone(),
            date: self.date.clone(),
            excerpt: self.excerpt.clone(),
            answer_count: self.answers.len() as u32,
            comment_count: self.comments.len() as u32,
        }
    }
}

json_object!(Site {
    title,
    tagline = default,
    description = default,
    categories = default,
    footer_pages = default,
    copyright = default,
    disclaimer = default,
    popular_posts = default,
    recent_comments = default,
    post_count = default,
    article_count = default,
});
json_object!(Category { slug, name, count = default });
json_object!(PageLink { slug, title });
json_object!(PostLink { slug, title, thumbnail = default });
json_object!(RecentComment { author, post_slug, post_title, comment_id, date = default });
json_object!(PostSummary {
    slug,
    title,
    kind = default,
    category,
    date,
    excerpt = default,
    answer_count = default,
    comment_count = default,
});
json_object!(ListPage { page, pages, total, posts = default });
json_object!(Post {
    slug,
    title,
    kind = default,
    category,
    date,
    author,
    question = default,
    body = default,
    answers = default,
    comments = default,
    thumbnail = default,
    excerpt = default,
});
json_object!(Answer { id, author, body });
json_object!(Comment { id, parent = default, author, url = default, date, body });
json_object!(Page { slug, title, body = default });

impl PostKind {
    fn name(self) -> &'static str {
        match self {
            PostKind::Question => "question",
            PostKind::Article => "article",
        }
    }
}

impl FromJson for PostKind {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        match String::from_json(value).as_deref() {
            Ok("question") => Ok(PostKind::Question),
            Ok("article") => Ok(PostKind::Article),
            _ => Err(JsonError::shape("“question” or “article”")),
        }
    }
}

impl ToJson for PostKind {
    fn write_json(&self, out: &mut String) {
        self.name().write_json(out)
    }
}
