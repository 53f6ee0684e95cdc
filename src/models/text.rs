//! Body text: a small Markdown subset with raw HTML disabled, and autolinking.
//!
//! Content is untrusted. Nothing here produces HTML: the output is a tree of
//! text and links that the views put into the DOM as text nodes and `<a>`
//! elements, and every link target has passed [`safe_href`].
//!
//! The subset: blank lines separate blocks; a block whose lines all start
//! with `- ` or `* ` is a bulleted list (`1. ` numbered; an item indented
//! more than the one before is nested under it), with `> ` a quote; a one-line block
//! starting `## `, `### ` or `#### ` is a heading; a block whose lines all
//! start and end with `|` is a table (cells between the bars; a row of
//! dashes ends its header rows); lines between two fences of backticks
//! (three or more, the same) are preformatted, kept as written; a one-line
//! block `![text](https://…)`, optionally followed by `{<width>x<height>}`,
//! is an image. Inside a line,
//! `[label](https://…)` (or a path on the site, `[label](/post/…)`) is a link, `**strong**` and `*emphasis*` are what
//! they say, a backslash makes the next punctuation character plain text
//! ([`escape`] writes text that reads back as itself), and bare http(s) URLs
//! become links. Anything else, `<script>` included, is text.

/// A block of body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List(Vec<ListItem>),
    /// A numbered list (`<ol>`): its items, numbered from `start`, down
    /// when `reversed` (`<ol reversed>`).
    OrderedList {
        start: u32,
        reversed: bool,
        items: Vec<ListItem>,
    },
    /// A heading of level 2 to 4 (the post's title is the page's level 1).
    Heading(u8, Vec<Inline>),
    /// A quotation: its lines, as one paragraph.
    Quote(Vec<Inline>),
    /// Preformatted text (code, verse): its lines and indentation as written.
    Preformatted(String),
    /// A table: rows of cells, the first `head` rows its header.
    Table {
        head: usize,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// An image: its `src` passed [`safe_href`]; `alt` is its text
    /// alternative (empty for a decorative one); its size in CSS pixels when
    /// known, so the page does not move as it loads; `link`, where it leads
    /// when it is a link (often its full size), passed [`safe_href`] or
    /// [`site_path`].
    Image {
        src: String,
        alt: String,
        width: Option<u32>,
        height: Option<u32>,
        link: Option<String>,
    },
}

impl Block {
    /// Every run of text in the block (a list's items, a table's cells, a
    /// preformatted block's lines), for what reads its text only: excerpts,
    /// descriptions.
    pub fn into_runs(self) -> Vec<Vec<Inline>> {
        match self {
            Block::Paragraph(i) | Block::Heading(_, i) | Block::Quote(i) => vec![i],
            Block::List(items) | Block::OrderedList { items, .. } => {
                items.into_iter().flat_map(ListItem::into_runs).collect()
            }
            Block::Preformatted(text) => text
                .lines()
                .map(|line| vec![Inline::Text(line.to_string())])
                .collect(),
            Block::Table { rows, .. } => rows.into_iter().flatten().collect(),
            Block::Image { .. } => Vec::new(),
        }
    }
}

/// An item of a list: its text, then the lists nested under it (one for
/// each run of a kind), at most [`MAX_LIST_DEPTH`] deep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    pub text: Vec<Inline>,
    pub lists: Vec<Block>,
}

impl ListItem {
    fn into_runs(self) -> Vec<Vec<Inline>> {
        let nested = self.lists.into_iter().flat_map(Block::into_runs);
        std::iter::once(self.text).chain(nested).collect()
    }
}

/// How deep lists nest (HTML's lists nest without end; a page cannot show
/// that): an item deeper than this is one more item of the deepest list.
pub const MAX_LIST_DEPTH: usize = 6;

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A line break inside a paragraph.
    Break,
    /// A link whose `href` passed [`safe_href`] or, in a body, [`site_path`].
    Link {
        label: String,
        href: String,
    },
    Emphasis(String),
    Strong(String),
}

/// The `rel` every link from content or commenters carries.
pub const UNTRUSTED_LINK_REL: &str = "nofollow ugc noopener";

/// Returns the URL if it is an absolute http(s) URL a reader may follow.
///
/// Scheme matching is case-insensitive, as browsers do; control characters and
/// whitespace are refused outright, since browsers strip them and that is how
/// `java\tscript:` style tricks work.
pub fn safe_href(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    // A host must follow the scheme, made of what hostnames are made of (no
    // user@ part, which only serves to disguise where a link goes).
    let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_ok = !host.is_empty()
        && host.chars().any(char::is_alphanumeric)
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'));
    if !host_ok || rest.contains(['<', '>', '"', '`', '\\']) {
        return None;
    }
    Some(url)
}

/// The origin (`https://example.org:8080`, lowercased) of a URL that
/// passes [`safe_href`], as a CSP source names it.
pub fn http_origin(url: &str) -> Option<String> {
    let url = safe_href(url)?;
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| after_scheme + at);
    Some(url[..end].to_ascii_lowercase())
}

/// Returns `path` if it is a path on this site a body may link to: it
/// starts with one `/` (never `//` or `/\`, which browsers read as another
/// host), with nothing a browser would strip or that ends an attribute.
/// Links between a site's own posts are written so by the importer.
pub fn site_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix('/')?;
    let bad =
        |c: char| c.is_control() || c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '\\');
    (!rest.starts_with('/') && !path.chars().any(bad)).then_some(path)
}

/// Parses body markup into blocks.
pub fn parse_body(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = source.lines();
    let mut text = String::new();
    while let Some(line) = lines.next() {
        let Some(fence) = fence(line) else {
            text.push_str(line);
            text.push('\n');
            continue;
        };
        blocks.extend(text_blocks(&text));
        text.clear();
        // Unclosed, it runs to the end, as in Markdown.
        let inside: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim_end() != fence)
            .collect();
        blocks.push(Block::Preformatted(inside.join("\n")));
    }
    blocks.extend(text_blocks(&text));
    blocks
}

/// A line of three or more backticks and nothing else opens (and the same
/// line closes) a preformatted block: the fence, trimmed.
pub fn fence(line: &str) -> Option<&str> {
    let line = line.trim_end();
    (line.len() >= 3 && line.bytes().all(|b| b == b'`')).then_some(line)
}

/// The blocks of markup holding no preformatted block.
fn text_blocks(source: &str) -> Vec<Block> {
    paragraphs(source)
        .into_iter()
        .flat_map(|lines| {
            // A list nested in another of the other kind comes flattened:
            // each run of one kind is a list of its own.
            if lines
                .iter()
                .all(|l| list_item(l).is_some() || ordered_item(l).is_some())
            {
                return lists(&lines);
            }
            let joined = |lines: &mut dyn Iterator<Item = &str>| {
                let mut inlines = Vec::new();
                for (i, line) in lines.enumerate() {
                    if i > 0 {
                        inlines.push(Inline::Break);
                    }
                    inlines.extend(parse_inline(line.trim()));
                }
                merge_text(inlines)
            };
            let block = if lines.iter().all(|l| quote_line(l).is_some()) {
                Block::Quote(joined(&mut lines.iter().filter_map(|l| quote_line(l))))
            } else if let (1, Some(image)) = (lines.len(), image(lines[0])) {
                image
            } else if let (1, Some((level, text))) = (lines.len(), heading(lines[0])) {
                Block::Heading(level, parse_inline(text))
            } else if let Some(cells) = lines.iter().map(|l| table_row(l)).collect() {
                table(cells)
            } else {
                Block::Paragraph(joined(&mut lines.iter().copied()))
            };
            vec![block]
        })
        .collect()
}

/// Lines that are all list items (`- `, or `1. ` numbered), as lists: one
/// for each run of a kind; an item indented more than the one before is
/// nested under it. A numbered list starts at its first number, and a
/// number that does not follow the one before starts another.
fn lists(lines: &[&str]) -> Vec<Block> {
    nested_lists(&mut lines.iter().copied().peekable(), 0, 1)
}

/// The lists made of the next lines indented at least `min_indent`, at
/// nesting `depth` (1 for the outermost).
fn nested_lists<'a>(
    lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>,
    min_indent: usize,
    depth: usize,
) -> Vec<Block> {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut blocks: Vec<Block> = Vec::new();
    while let Some(line) = lines.next_if(|line| indent(line) >= min_indent) {
        let lists = match depth < MAX_LIST_DEPTH {
            true => nested_lists(lines, indent(line) + 1, depth + 1),
            false => Vec::new(),
        };
        let (number, text) = match ordered_item(line) {
            Some((number, text)) => (Some(number), text),
            None => (None, list_item(line).unwrap_or(line)),
        };
        let item = ListItem {
            text: parse_inline(text),
            lists,
        };
        match (number, blocks.last_mut()) {
            (Some(number), _) => push_numbered(&mut blocks, number, item),
            (None, Some(Block::List(items))) => items.push(item),
            (None, _) => blocks.push(Block::List(vec![item])),
        }
    }
    blocks
}

/// A numbered item joins the numbered list before it when its number is
/// that list's next: one more than the last, or one less in a list that
/// counts down (`<ol reversed>`, which its second item decides). Any other
/// number starts a list.
fn push_numbered(blocks: &mut Vec<Block>, number: u32, item: ListItem) {
    if let Some(Block::OrderedList {
        start,
        reversed,
        items,
    }) = blocks.last_mut()
    {
        let (first, number, len) = (i64::from(*start), i64::from(number), items.len() as i64);
        let down = *reversed || (len == 1 && number == first - 1);
        if number == if down { first - len } else { first + len } {
            *reversed = down;
            items.push(item);
            return;
        }
    }
    blocks.push(Block::OrderedList {
        start: number,
        reversed: false,
        items: vec![item],
    });
}

/// An image line: `![alt](src)` and an optional `{<width>x<height>}`; a
/// linked image in Markdown's way, `[![alt](src){WxH}](link)` (a link that
/// is not safe is left off, the image kept).
fn image(line: &str) -> Option<Block> {
    let line = line.trim();
    if let Some(linked) = line.strip_prefix("[!").and_then(|s| s.strip_suffix(')')) {
        let split = linked.rfind("](")?;
        let link = &linked[split + 2..];
        let mut image = image(&line[1..split + 2])?;
        if let Block::Image { link: to, .. } = &mut image {
            *to = safe_href(link)
                .or_else(|| site_path(link))
                .map(str::to_string);
        }
        return Some(image);
    }
    let rest = line.strip_prefix('!')?;
    let (alt, src, used) = bracketed_link(rest, true)?;
    let size = rest[used..].trim();
    let (width, height) = match size.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        _ if size.is_empty() => (None, None),
        Some(size) => {
            let (w, h) = size.split_once('x')?;
            let pixels = |n: &str| n.parse::<u32>().ok().filter(|n| (1..=20_000).contains(n));
            (Some(pixels(w)?), Some(pixels(h)?))
        }
        None => return None,
    };
    Some(Block::Image {
        src: safe_href(src)?.to_string(),
        alt: unescape(alt),
        width,
        height,
        link: None,
    })
}

/// A table row's cells (`| a | b |`), or `None` when the line is not one.
fn table_row(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim().strip_prefix('|')?;
    let mut cells = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (at, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => {
                cells.push(inner[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    // The row ends with a bar: nothing but spaces after the last one.
    (!cells.is_empty() && inner[start..].trim().is_empty()).then_some(cells)
}

/// A table from its rows' cells; the first row of dashes (`| --- |`) ends the header.
fn table(rows: Vec<Vec<&str>>) -> Block {
    let rule = |cells: &Vec<&str>| {
        cells.iter().all(|c| {
            let dashes = c.trim_matches(':');
            !dashes.is_empty() && dashes.bytes().all(|b| b == b'-')
        })
    };
    let head = rows.iter().position(rule);
    let rows: Vec<Vec<Vec<Inline>>> = rows
        .iter()
        .enumerate()
        .filter(|(at, _)| Some(*at) != head)
        .map(|(_, cells)| cells.iter().map(|c| parse_inline(c)).collect())
        .collect();
    Block::Table {
        head: head.unwrap_or(0),
        rows,
    }
}

fn quote_line(line: &str) -> Option<&str> {
    let line = line.trim_start();
    line.strip_prefix("> ").or((line == ">").then_some(""))
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let line = line.trim_start();
    [("## ", 2), ("### ", 3), ("#### ", 4)]
        .into_iter()
        .find_map(|(marker, level)| line.strip_prefix(marker).map(|text| (level, text.trim())))
}

/// Characters a backslash makes plain text.
const ESCAPABLE: &[char] = &[
    '\\', '*', '[', ']', '(', ')', '#', '>', '-', '`', '_', '|', '.',
];

/// Writes `text` so that [`parse_inline`] reads it back as that text: every
/// markup character is escaped, and so is a line start that would begin a
/// list, quote or heading. Whitespace is kept as it is.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = true;
    // Digits since the line's start (`12.` would number a list item).
    let mut line_number = false;
    for c in text.chars() {
        // A dash first on a line would start a list item, a backtick a fence.
        let starts_block = (line_start && matches!(c, '-' | '`')) || (line_number && c == '.');
        if matches!(c, '\\' | '*' | '[' | ']' | '>' | '#' | '|') || starts_block {
            out.push('\\');
        }
        out.push(c);
        line_number = c.is_ascii_digit() && (line_start || line_number);
        line_start = c == '\n' || (line_start && c.is_whitespace());
    }
    out
}

/// `text` as HTML text: `&`, `<` and `>` as character references, so it
/// reads back as itself inside any element, `<title>` included.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Parses a reader's comment: paragraphs and line breaks, with bare http(s)
/// URLs linked. No list or link syntax, so a link always shows where it goes.
pub fn parse_comment(source: &str) -> Vec<Block> {
    paragraphs(source)
        .into_iter()
        .map(|lines| {
            let mut inlines = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    inlines.push(Inline::Break);
                }
                inlines.extend(autolink(line.trim()));
            }
            Block::Paragraph(merge_text(inlines))
        })
        .collect()
}

/// Groups lines into paragraphs separated by blank (or whitespace-only) lines.
fn paragraphs(source: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for line in source.lines() {
        if line.trim().is_empty() {
            out.push(Vec::new());
        } else if let Some(current) = out.last_mut() {
            current.push(line);
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

fn list_item(line: &str) -> Option<&str> {
    let line = line.trim_start();
    line.strip_prefix("- ").or_else(|| line.strip_prefix("* "))
}

/// The highest number a list item may have: nine digits, as in Markdown.
pub const MAX_LIST_NUMBER: u32 = 999_999_999;

/// A numbered list item, `12. text`: its number (at most nine digits, see
/// [`MAX_LIST_NUMBER`]) and its text.
fn ordered_item(line: &str) -> Option<(u32, &str)> {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let text = line.get(digits..)?.strip_prefix(". ")?;
    let number = line[..digits].parse().ok().filter(|_| digits <= 9)?;
    Some((number, text))
}

/// Parses one line of text: `[label](url)` links, `**strong**`,
/// `*emphasis*`, backslash escapes and bare URLs.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    // Plain text gathered so far (escapes resolved), autolinked when flushed.
    let mut plain = String::new();
    let flush = |plain: &mut String, out: &mut Vec<Inline>| {
        out.extend(autolink(plain));
        plain.clear();
    };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            match rest[1..].chars().next().filter(|n| ESCAPABLE.contains(n)) {
                Some(next) => {
                    plain.push(next);
                    rest = &rest[1 + next.len_utf8()..];
                }
                None => {
                    plain.push('\\');
                    rest = &rest[1..];
                }
            }
            continue;
        }
        if c == '[' {
            if let Some((label, href, consumed)) = markdown_link(rest) {
                flush(&mut plain, &mut out);
                let label = unescape(label);
                match safe_href(href).or_else(|| site_path(href)) {
                    Some(href) => out.push(Inline::Link {
                        label,
                        href: href.to_string(),
                    }),
                    // An unsafe target keeps its label as plain text.
                    None => push_text(&mut out, &label),
                }
                rest = &rest[consumed..];
                continue;
            }
        }
        if c == '*' {
            let (marker, wrap): (&str, fn(String) -> Inline) = match rest.starts_with("**") {
                true => ("**", Inline::Strong),
                false => ("*", Inline::Emphasis),
            };
            if let Some((inner, consumed)) = delimited(rest, marker) {
                flush(&mut plain, &mut out);
                out.extend(styled(inner, wrap));
                rest = &rest[consumed..];
                continue;
            }
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut plain, &mut out);
    merge_text(out)
}

/// The text between a style's stars, styled: a link in it (`[label](url)`
/// or a bare URL) stays a link, and the text around it keeps the style, as
/// the importer writes a styled link (the markup has no styled links).
/// Recursion is shallow: `**` ends at the first `**` inside, and `*` cannot
/// hold `**`.
fn styled(inner: &str, wrap: fn(String) -> Inline) -> Vec<Inline> {
    parse_inline(inner)
        .into_iter()
        .map(|inline| match inline {
            Inline::Text(text) => wrap(text),
            other => other,
        })
        .collect()
}

/// `marker`, text that does not start or end with a space, then `marker`
/// again (not escaped), at the start of `s`: the text and the bytes used.
fn delimited<'a>(s: &'a str, marker: &str) -> Option<(&'a str, usize)> {
    let body = s.strip_prefix(marker)?;
    let mut escaped = false;
    for (at, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '*' if body[at..].starts_with(marker) => {
                let inner = &body[..at];
                let trimmed = !inner.is_empty() && inner.trim() == inner;
                // `**` inside emphasis is not its end, but `***` is:
                // emphasis, then strong text (`*x***y**`).
                let stars = body[at..].len() - body[at..].trim_start_matches('*').len();
                let whole = marker == "**" || stars != 2;
                return (trimmed && whole).then_some((inner, marker.len() * 2 + at));
            }
            _ => {}
        }
    }
    None
}

/// Resolves backslash escapes (inside a link label, emphasis or strong).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '\\' && ESCAPABLE.contains(next) => {
                out.push(*next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Matches `[label](url)` at the start of `s`; returns label, url and bytes used.
fn markdown_link(s: &str) -> Option<(&str, &str, usize)> {
    bracketed_link(s, false)
}

/// `[label](url)` at the start of `s`, the label empty only if `empty_label`.
fn bracketed_link(s: &str, empty_label: bool) -> Option<(&str, &str, usize)> {
    if !s.starts_with('[') {
        return None;
    }
    // The label ends at the first `]` not escaped; it may not hold a `[`.
    let mut escaped = false;
    let mut close = None;
    for (at, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => return None,
            ']' => {
                close = Some(at);
                break;
            }
            _ => {}
        }
    }
    let close = close?;
    let label = &s[1..close];
    if (label.is_empty() && !empty_label) || !s[close..].starts_with("](") {
        return None;
    }
    let after = &s[close + 2..];
    let end = after.find(')')?;
    let href = &after[..end];
    Some((label, href, close + 2 + end + 1))
}

/// Splits text into plain runs and links for every bare http(s) URL.
/// The text is kept exactly: concatenating the labels and text gives it back.
pub fn autolink(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = find_url_start(rest) {
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(candidate.len());
        let url = trim_trailing_punctuation(&candidate[..end]);
        match safe_href(url) {
            Some(href) => {
                push_text(&mut out, &rest[..start]);
                out.push(Inline::Link {
                    label: url.to_string(),
                    href: href.to_string(),
                });
                rest = &rest[start + url.len()..];
            }
            None => {
                // Not a followable URL: keep the scheme as text and move on.
                let skip = start + scheme_len(candidate);
                push_text(&mut out, &rest[..skip]);
                rest = &rest[skip..];
            }
        }
    }
    push_text(&mut out, rest);
    merge_text(out)
}

fn find_url_start(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    (0..bytes.len()).find(|&i| {
        let tail = &bytes[i..];
        let at_boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        at_boundary
            && (starts_with_ignore_case(tail, b"http://")
                || starts_with_ignore_case(tail, b"https://"))
    })
}

fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && haystack[..needle.len()].eq_ignore_ascii_case(needle)
}

fn scheme_len(s: &str) -> usize {
    if starts_with_ignore_case(s.as_bytes(), b"https://") {
        8
    } else {
        7
    }
}

/// Sentence punctuation after a URL belongs to the sentence, not the URL.
/// A closing parenthesis stays when the URL opened one.
fn trim_trailing_punctuation(url: &str) -> &str {
    let mut url = url;
    loop {
        let Some(last) = url.chars().last() else {
            return url;
        };
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '…' | ']' => true,
            ')' => url.matches('(').count() < url.matches(')').count(),
            _ => false,
        };
        if !strip {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

fn push_text(out: &mut Vec<Inline>, text: &str) {
    if !text.is_empty() {
        out.push(Inline::Text(text.to_string()));
    }
}

fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(next)) => prev.push_str(&next),
            (_, inline) => out.push(inline),
        }
    }
    out
}

/// The visible text of inlines, as a reader sees it.
pub fn plain_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.as_str(),
            Inline::Break => "\n",
            Inline::Link { label, .. } => label.as_str(),
            Inline::Emphasis(text) | Inline::Strong(text) => text.as_str(),
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Question by Ann", or "Question" when the author is not known (a site
/// that hides its users leaves imported names empty).
pub fn credited(what: &str, author: &str) -> String {
    match author.trim() {
        "" => what.to_string(),
        author => format!("{what} by {author}"),
    }
}

/// Formats an ISO date (`2011-03-02` or `2011-03-02T10:00:00Z`) as
/// "March 2, 2011"; anything unparseable is shown as given.
pub fn format_date(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or(iso);
    let mut parts = date.splitn(3, '-');
    let parsed = (|| {
        let year: u32 = parts.next()?.parse().ok()?;
        let month: usize = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let name = MONTHS.get(month.checked_sub(1)?)?;
        (1..=31)
            .contains(&day)
            .then(|| format!("{name} {day}, {year}"))
    })();
    parsed.unwrap_or_else(|| iso.to_string())
}

/// A local date and time, month 1–12, as "November 30, 2026 at 09:44";
/// `None` when a part is out of range.
pub fn format_date_time(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Option<String> {
    let name = MONTHS.get((month as usize).checked_sub(1)?)?;
    let valid = (1..=31).contains(&day) && hour < 24 && minute < 60;
    valid.then(|| format!("{name} {day}, {year} at {hour:02}:{minute:02}"))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_date_and_time_reads_as_words_and_a_clock() {
        assert_eq!(
            format_date_time(2026, 11, 30, 9, 4).as_deref(),
            Some("November 30, 2026 at 09:04")
        );
        assert_eq!(
            format_date_time(2011, 1, 2, 23, 59).as_deref(),
            Some("January 2, 2011 at 23:59")
        );
        for (month, day, hour, minute) in [
            (0, 1, 0, 0),
            (13, 1, 0, 0),
            (1, 0, 0, 0),
            (1, 1, 24, 0),
            (1, 1, 0, 60),
        ] {
            assert_eq!(format_date_time(2026, month, day, hour, minute), None);
        }
    }

    #[test]
    fn html_text_cannot_close_its_element() {
        assert_eq!(
            html_text("</title><b>&amp;</b>"),
            "&lt;/title&gt;&lt;b&gt;&amp;amp;&lt;/b&gt;"
        );
        assert_eq!(html_text("Войти & “quotes”"), "Войти &amp; “quotes”");
    }

    use super::*;

    fn link(label: &str, href: &str) -> Inline {
        Inline::Link {
            label: label.into(),
            href: href.into(),
        }
    }

    #[test]
    fn bare_urls_become_links_and_text_is_kept() {
        let text = "Synopsis: http://news.bbc.co.uk/onthisday/hi/dates/stories/… and more.";
        let out = autolink(text);
        assert_eq!(
            out,
            vec![
                Inline::Text("Synopsis: ".into()),
                link(
                    "http://news.bbc.co.uk/onthisday/hi/dates/stories/",
                    "http://news.bbc.co.uk/onthisday/hi/dates/stories/"
                ),
                Inline::Text("… and more.".into()),
            ]
        );
        assert_eq!(plain_text(&out), text);
    }

    #[test]
    fn trailing_sentence_punctuation_is_not_part_of_the_url() {
        let out = autolink("See https://example.org/a_(b), then https://example.org/x.");
        assert_eq!(
            out[1],
            link("https://example.org/a_(b)", "https://example.org/a_(b)")
        );
        assert_eq!(
            out[3],
            link("https://example.org/x", "https://example.org/x")
        );
    }

    #[test]
    fn only_http_and_https_are_linked() {
        for text in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "ftp://example.org/file",
            "JaVaScRiPt:alert(1)",
            "http://",
            "xhttp://example.org",
        ] {
            let out = autolink(text);
            assert!(
                out.iter().all(|i| !matches!(i, Inline::Link { .. })),
                "{text} produced {out:?}"
            );
            assert_eq!(plain_text(&out), text);
        }
        assert!(matches!(
            autolink("HTTPS://EXAMPLE.ORG")[0],
            Inline::Link { .. }
        ));
    }

    #[test]
    fn safe_href_refuses_obfuscated_schemes() {
        assert_eq!(
            safe_href("https://example.org/"),
            Some("https://example.org/")
        );
        assert_eq!(
            safe_href(" http://example.org "),
            Some("http://example.org")
        );
        assert_eq!(safe_href("java\tscript:alert(1)"), None);
        assert_eq!(safe_href("http://exa mple.org"), None);
        assert_eq!(safe_href("//example.org"), None);
        assert_eq!(safe_href("/post/x"), None);
        assert_eq!(
            safe_href("https://example.org/\"onmouseover=alert(1)"),
            None
        );
        assert_eq!(safe_href("http:///path"), None);
        assert_eq!(safe_href("http://{{constructor}}"), None);
        assert_eq!(safe_href("http://${alert(1)}"), None);
        assert_eq!(safe_href("http://&lt;script&gt;"), None);
        assert_eq!(safe_href("https://bank.example@evil.example/"), None);
        assert_eq!(
            safe_href("http://[::1]:8080/x"),
            Some("http://[::1]:8080/x")
        );
        assert_eq!(
            safe_href("https://пример.рф/путь"),
            Some("https://пример.рф/путь")
        );
        assert_eq!(
            safe_href("http://localhost:8080"),
            Some("http://localhost:8080")
        );
    }

    #[test]
    fn markdown_links_need_a_safe_target() {
        assert_eq!(
            parse_inline("Read [the BBC](https://bbc.co.uk) now"),
            vec![
                Inline::Text("Read ".into()),
                link("the BBC", "https://bbc.co.uk"),
                Inline::Text(" now".into())
            ]
        );
        assert_eq!(
            parse_inline("[click](javascript:alert(1))"),
            vec![Inline::Text("click)".into())]
        );
        assert_eq!(
            parse_inline("a [bracket] here"),
            vec![Inline::Text("a [bracket] here".into())]
        );
    }

    #[test]
    fn paragraphs_lists_and_breaks() {
        let blocks =
            parse_body("First line\nsecond line\n\n- one\n- two\n\n\n<script>alert(1)</script>");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![
                    Inline::Text("First line".into()),
                    Inline::Break,
                    Inline::Text("second line".into())
                ]),
                Block::List(vec![
                    ListItem {
                        text: vec![Inline::Text("one".into())],
                        lists: vec![]
                    },
                    ListItem {
                        text: vec![Inline::Text("two".into())],
                        lists: vec![]
                    }
                ]),
                Block::Paragraph(vec![Inline::Text("<script>alert(1)</script>".into())]),
            ]
        );
        assert!(parse_body("  \n\n ").is_empty());
    }

    #[test]
    fn numbered_lists_start_where_they_say_and_runs_of_two_kinds_are_two_lists() {
        let item = |t: &str| ListItem {
            text: vec![Inline::Text(t.into())],
            lists: vec![],
        };
        let ordered = |start, items: &[&str]| Block::OrderedList {
            start,
            reversed: false,
            items: items.iter().map(|t| item(t)).collect(),
        };
        assert_eq!(
            parse_body("8. eight\n9. nine\n- nested\n10. ten\n1. inner\n11. eleven\n\n1. one"),
            vec![
                ordered(8, &["eight", "nine"]),
                Block::List(vec![item("nested")]),
                ordered(10, &["ten"]),
                ordered(1, &["inner"]),
                ordered(11, &["eleven"]),
                ordered(1, &["one"]),
            ]
        );
        // Not list items: no space, no dot, more digits than a list numbers.
        for line in ["1.5 litres", "1) one", "1234567890. big", "2024.", ". dot"] {
            assert!(
                matches!(parse_body(line)[..], [Block::Paragraph(_)]),
                "{line}"
            );
        }
        // Text that would number a list reads back as itself.
        for line in ["12. not a list", "3. x\n4. y", "1.\n2. two"] {
            let blocks = parse_body(&escape(line));
            let [Block::Paragraph(inlines)] = &blocks[..] else {
                panic!("{line}: {blocks:?}");
            };
            assert_eq!(plain_text(inlines), line);
        }
    }

    #[test]
    fn indented_items_nest_under_the_item_before_them() {
        let item = |t: &str, lists: Vec<Block>| ListItem {
            text: vec![Inline::Text(t.into())],
            lists,
        };
        let leaf = |t: &str| item(t, vec![]);
        assert_eq!(
            parse_body(
                "8. eight\n  1. inner\n    - deep\n  2. inner two\n9. nine\n   - bullet\n10. ten"
            ),
            vec![Block::OrderedList {
                start: 8,
                reversed: false,
                items: vec![
                    item(
                        "eight",
                        vec![Block::OrderedList {
                            start: 1,
                            reversed: false,
                            items: vec![
                                item("inner", vec![Block::List(vec![leaf("deep")])]),
                                leaf("inner two")
                            ]
                        }]
                    ),
                    item("nine", vec![Block::List(vec![leaf("bullet")])]),
                    leaf("ten"),
                ]
            }]
        );
        // An item less indented than its list's first is still one of its
        // siblings; the first item's indentation is the outermost.
        assert_eq!(
            parse_body("  - a\n    - b\n   - c\n- d"),
            vec![Block::List(vec![
                item("a", vec![Block::List(vec![leaf("b"), leaf("c")])]),
                leaf("d")
            ])]
        );
        // Numbers that count down are one list, numbered down.
        let numbered: Vec<(u32, bool, usize)> =
            parse_body("4. a\n3. b\n2. c\n\n2. x\n1. y\n3. z\n\n1. one\n0. zero")
                .into_iter()
                .filter_map(|block| match block {
                    Block::OrderedList {
                        start,
                        reversed,
                        items,
                    } => Some((start, reversed, items.len())),
                    _ => None,
                })
                .collect();
        assert_eq!(
            numbered,
            [(4, true, 3), (2, true, 2), (3, false, 1), (1, true, 2)]
        );
        // Nesting stops at MAX_LIST_DEPTH: deeper items join the deepest list.
        let deep: Vec<String> = (0..1000)
            .map(|i| format!("{}- {i}", " ".repeat(i)))
            .collect();
        let mut blocks = parse_body(&deep.join("\n"));
        let mut depth = 0;
        while let [Block::List(items)] = &blocks[..] {
            depth += 1;
            if depth == MAX_LIST_DEPTH {
                assert_eq!(items.len(), 1000 - MAX_LIST_DEPTH + 1);
                break;
            }
            blocks = items[0].lists.clone();
        }
        assert_eq!(depth, MAX_LIST_DEPTH);
    }

    #[test]
    fn headings_quotes_and_styles() {
        let blocks = parse_body(
            "## Why it matters\n\n> It was a **secret**\n> speech.\n\nRead *this* and **that**, not * this*.",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Heading(2, vec![Inline::Text("Why it matters".into())]),
                Block::Quote(vec![
                    Inline::Text("It was a ".into()),
                    Inline::Strong("secret".into()),
                    Inline::Break,
                    Inline::Text("speech.".into()),
                ]),
                Block::Paragraph(vec![
                    Inline::Text("Read ".into()),
                    Inline::Emphasis("this".into()),
                    Inline::Text(" and ".into()),
                    Inline::Strong("that".into()),
                    Inline::Text(", not * this*.".into()),
                ]),
            ]
        );
        // A heading is one line; `#` without a space is text.
        assert!(matches!(&parse_body("## a\nb")[0], Block::Paragraph(_)));
        assert!(matches!(&parse_body("#tag")[0], Block::Paragraph(_)));
    }

    #[test]
    fn a_link_inside_a_style_stays_a_link_and_the_text_around_it_keeps_the_style() {
        assert_eq!(
            parse_inline(
                "**See [the map](https://e.org/x) first** and *read https://e.org/y now*."
            ),
            vec![
                Inline::Strong("See ".into()),
                link("the map", "https://e.org/x"),
                Inline::Strong(" first".into()),
                Inline::Text(" and ".into()),
                Inline::Emphasis("read ".into()),
                link("https://e.org/y", "https://e.org/y"),
                Inline::Emphasis(" now".into()),
                Inline::Text(".".into()),
            ]
        );
        // A link alone is a link; an unsafe one is styled text; escapes hold.
        assert_eq!(
            parse_inline("**[map](https://e.org/m)**"),
            vec![link("map", "https://e.org/m")]
        );
        assert_eq!(
            parse_inline("**[run](javascript:go) \\[x\\]**"),
            vec![Inline::Strong("run [x]".into())]
        );
        // Emphasis right before strong text, and after it.
        assert_eq!(
            parse_inline("*x***y** **y***x*"),
            vec![
                Inline::Emphasis("x".into()),
                Inline::Strong("y".into()),
                Inline::Text(" ".into()),
                Inline::Strong("y".into()),
                Inline::Emphasis("x".into()),
            ]
        );
        // Emphasis inside strong text is emphasis.
        assert_eq!(
            parse_inline("**a *b* c**"),
            vec![
                Inline::Strong("a ".into()),
                Inline::Emphasis("b".into()),
                Inline::Strong(" c".into()),
            ]
        );
    }

    #[test]
    fn fences_hold_preformatted_text_and_bars_make_tables() {
        let blocks = parse_body(
            "Before\n```\n  indented\n\n| not | a table |\n```\n| a | *b* |\n|:--|--:|\n| c | d |\n\n````\nunclosed",
        );
        assert_eq!(
            blocks[0],
            Block::Paragraph(vec![Inline::Text("Before".into())])
        );
        assert_eq!(
            blocks[1],
            Block::Preformatted("  indented\n\n| not | a table |".into())
        );
        let text = |s: &str| vec![Inline::Text(s.into())];
        assert_eq!(
            blocks[2],
            Block::Table {
                head: 1,
                rows: vec![
                    vec![text("a"), vec![Inline::Emphasis("b".into())]],
                    vec![text("c"), text("d")],
                ],
            }
        );
        assert_eq!(blocks[3], Block::Preformatted("unclosed".into()));
        // Not tables: a line without its closing bar, an escaped bar.
        assert!(matches!(parse_body("| a | b")[0], Block::Paragraph(_)));
        assert!(matches!(parse_body("\\| a |")[0], Block::Paragraph(_)));
        assert_eq!(escape("| a |"), "\\| a \\|");
        assert_eq!(escape("```"), "\\```");
        assert!(matches!(parse_body(&escape("```"))[0], Block::Paragraph(_)));
    }

    #[test]
    fn bodies_link_to_paths_on_the_site_and_nowhere_else() {
        let link = |markup: &str| match &parse_inline(markup)[..] {
            [Inline::Link { href, .. }] => Some(href.clone()),
            _ => None,
        };
        assert_eq!(
            link("[a](/post/x#comment-2)").as_deref(),
            Some("/post/x#comment-2")
        );
        assert_eq!(
            link("[a](/category/%D1%87)").as_deref(),
            Some("/category/%D1%87")
        );
        for other_host in [
            "[a](//evil.example/x)",
            "[a](/\\evil.example)",
            "[a](/a b)",
            "[a](post/x)",
            "[a](/x\"y)",
        ] {
            assert_eq!(link(other_host), None, "{other_host}");
        }
        // Comments never link but bare http(s) URLs.
        assert!(parse_comment("[a](/post/x)").iter().all(
            |b| matches!(b, Block::Paragraph(i) if i == &vec![Inline::Text("[a](/post/x)".into())])
        ));
    }

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(
            http_origin("HTTPS://E.org:8080/a?b").as_deref(),
            Some("https://e.org:8080")
        );
        assert_eq!(http_origin("http://e.org").as_deref(), Some("http://e.org"));
        assert_eq!(
            http_origin("https://e.org#x").as_deref(),
            Some("https://e.org")
        );
        assert_eq!(http_origin("javascript:alert(1)"), None);
        assert_eq!(http_origin("/local.png"), None);
    }

    #[test]
    fn image_lines_are_images_with_a_safe_source() {
        assert_eq!(
            parse_body(
                "![A \\[red\\] samovar](https://e.org/s.jpg){640x480}\n\n![](http://e.org/d.png)"
            ),
            vec![
                Block::Image {
                    src: "https://e.org/s.jpg".into(),
                    alt: "A [red] samovar".into(),
                    width: Some(640),
                    height: Some(480),
                    link: None,
                },
                Block::Image {
                    src: "http://e.org/d.png".into(),
                    alt: String::new(),
                    width: None,
                    height: None,
                    link: None,
                },
            ]
        );
        // Linked: to its full size, to a page of the site's; an unsafe link
        // is left off and the image kept.
        let linked = |markup: &str| match parse_body(markup).pop() {
            Some(Block::Image { src, link, .. }) => Some((src, link)),
            _ => None,
        };
        let full = "https://e.org/s-full.jpg".to_string();
        assert_eq!(
            linked("[![A (red) samovar](https://e.org/s.jpg){640x480}](https://e.org/s-full.jpg)"),
            Some(("https://e.org/s.jpg".into(), Some(full)))
        );
        assert_eq!(
            linked("[![](https://e.org/s.jpg)](/post/samovars)"),
            Some(("https://e.org/s.jpg".into(), Some("/post/samovars".into())))
        );
        for unsafe_link in [
            "javascript:alert(1)",
            "//evil.example/x",
            "data:text/html,x",
        ] {
            let markup = format!("[![x](https://e.org/s.jpg)]({unsafe_link})");
            assert_eq!(
                linked(&markup),
                Some(("https://e.org/s.jpg".into(), None)),
                "{markup}"
            );
        }
        for not_an_image in [
            "[![x](javascript:alert(1))](https://e.org/)",
            "[![x](https://e.org/a.png) and text](https://e.org/)",
            "[![x](https://e.org/a.png)](https://e.org/) and text",
            "[x](https://e.org/a.png)",
            "![x](javascript:alert(1))",
            "![x](/local.png)",
            "![x](https://e.org/a.png){0x5}",
            "![x](https://e.org/a.png) and text",
            "!ж[x](https://e.org/a.png)",
            "!\\[x\\](https://e.org/a.png)",
        ] {
            assert!(
                matches!(parse_body(not_an_image)[0], Block::Paragraph(_)),
                "{not_an_image}"
            );
        }
    }

    #[test]
    fn escapes_make_markup_plain_text() {
        let text = "- *not* [a](b) > # \\ **bold**";
        let escaped = escape(text);
        assert_eq!(
            parse_body(&escaped),
            vec![Block::Paragraph(vec![Inline::Text(text.into())])]
        );
        // Labels may hold escaped brackets.
        assert_eq!(
            parse_inline(r"[a \] b](https://x.org)"),
            vec![link("a ] b", "https://x.org")]
        );
        // A backslash before anything else is itself.
        assert_eq!(
            parse_inline(r"C:\dir"),
            vec![Inline::Text(r"C:\dir".into())]
        );
    }

    #[test]
    fn comments_link_only_bare_urls() {
        let blocks =
            parse_comment("[bank](https://evil.example)\n- not a list\n\nsee https://ok.example");
        assert_eq!(
            blocks[0],
            Block::Paragraph(vec![
                Inline::Text("[bank](".into()),
                link("https://evil.example", "https://evil.example"),
                Inline::Text(")".into()),
                Inline::Break,
                Inline::Text("- not a list".into()),
            ])
        );
        assert_eq!(
            blocks[1],
            Block::Paragraph(vec![
                Inline::Text("see ".into()),
                link("https://ok.example", "https://ok.example")
            ])
        );
    }

    #[test]
    fn an_unknown_author_is_left_out() {
        assert_eq!(credited("Question", "Ann"), "Question by Ann");
        assert_eq!(credited("Answer", "Ann Lee"), "Answer by Ann Lee");
        assert_eq!(credited("Answer", " "), "Answer");
    }

    #[test]
    fn dates_read_like_the_seed() {
        assert_eq!(format_date("2011-03-02"), "March 2, 2011");
        assert_eq!(format_date("2024-12-31T23:59:00Z"), "December 31, 2024");
        assert_eq!(format_date("2024-13-01"), "2024-13-01");
        assert_eq!(format_date("soon"), "soon");
        assert_eq!(format_date(""), "");
    }
}
