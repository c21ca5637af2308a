//! A pre-pass that hands html5ever less work, and a parse that puts back
//! what it held out.
//!
//! Takes decoded HTML; gives out a [`scraper::Html`] that the extractor
//! cannot tell from `Html::parse_document(html)`. Profiles of real pages
//! showed the tokenizer doing per-token work (a token through the tree
//! builder, a tendril append) for things no extractor rule reads:
//!
//! - **Raw text bodies** (`<script>`, `<style>`, `<noscript>`, `<iframe>`,
//!   `<xmp>`, `<noembed>`, `<noframes>`): script data stops the tokenizer at
//!   every line break and `<`. The body is replaced by a short marker and,
//!   after parsing, the marker's text node gets the body back (line breaks
//!   normalised and NULs replaced as the tokenizer does), so script text,
//!   JSON-LD included, is exactly what a plain parse gives.
//! - **Comment data**: `<!-- … -->` becomes `<!---->`. The comment node stays
//!   (it separates text nodes); nothing reads its data.
//! - **Line breaks in text**: in the data state a run of text that starts
//!   with `\n` costs two tokens. Each `\n` (and `\r\n`, `\r`, which the
//!   tokenizer turns into one `\n`) becomes one space: whitespace stays
//!   whitespace of the same length in characters and bytes, and every rule
//!   that reads text collapses or trims whitespace. The line break right
//!   after `<pre>`/`<listing>`, which the tree builder drops, is kept.
//!
//! The pass follows the tokenizer of the HTML standard (as html5ever 0.40
//! implements it) wherever that decides what is text, a tag, a comment or
//! raw text: attribute values may hold `>`, script data has its escaped and
//! double-escaped states, raw text ends only at its own end tag followed by
//! whitespace, `/` or `>`, tag names are case-insensitive, a tag or comment
//! cut off by the end of input is left as it is. What depends on the tree
//! builder is modelled only where it is certain: inside `<svg>`/`<math>`
//! content it tracks the open foreign elements and gives up at anything
//! that could leave foreign content or go through HTML rules (breakout tags,
//! integration points, mismatched end tags, CDATA); it also gives up at
//! `<template>`, `<frameset>` and `<plaintext>`. Giving up means copying the
//! rest of the input unchanged, which is always safe. Finally, every marker
//! must come back exactly once, as the only text of the element it was put
//! in; if one does not, the original is parsed instead.

use std::borrow::Cow;

use memchr::{memchr, memchr2};
use scraper::node::Text;
use scraper::{Html, Node, StrTendril};

/// Marks a held-out raw text body: `MARK`, its index, `MARK_END`. Private
/// use characters, so that page text does not look like a marker, and
/// nothing the raw text states stop at.
const MARK: char = '\u{F8F0}';
const MARK_END: char = '\u{F8F1}';

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// A raw text body held out of the parse.
#[derive(Debug, Clone, PartialEq, Eq)]
struct HeldOut {
    /// The element holding it, lower-case ("script", "style"...).
    element: &'static str,
    /// Its bytes in the original input.
    start: usize,
    end: usize,
}

/// The slimmed input and what was held out of it.
#[derive(Debug)]
struct Slim {
    html: String,
    held: Vec<HeldOut>,
}

/// Parses `html` as `Html::parse_document` would, for the extractor's
/// purposes (see the module documentation), with less work for html5ever.
/// Elements nested deeper than [`MAX_DEPTH`] are left out first (their text
/// stays), see [`bound_depth`].
pub(crate) fn parse(html: &str) -> Html {
    let html = bound_depth(html);
    parse_slim(&html).unwrap_or_else(|| Html::parse_document(&html))
}

/// The deepest nesting of elements handed to html5ever. Its tree builder
/// walks the stack of open elements for most tags (is a `<p>` in scope?),
/// so 200,000 nested `<div>`s took two minutes; Blink stops nesting at
/// 512 as well. News pages nest a few dozen deep.
pub const MAX_DEPTH: usize = 512;

// What an element is to the nesting model, one bit per property.
/// Never holds content (no end tag, never on the stack).
const VOID: u16 = 1;
/// Its start tag closes an open `<p>` (in button scope).
const CLOSES_P: u16 = 1 << 1;
/// A formatting element: left open, html5ever reopens it wherever content
/// follows ("reconstructs" it).
const FORMATTING: u16 = 1 << 2;
/// Starts a new set of formatting elements (table cells, captions,
/// objects).
const MARKER: u16 = 1 << 3;
/// Where an end tag's search for its element stops (the default scope).
const SCOPE: u16 = 1 << 4;
/// `h1`–`h6`.
const HEADING: u16 = 1 << 5;
/// `<svg>`, `<math>`: foreign content, where `/>` closes a tag.
const FOREIGN: u16 = 1 << 6;
/// Where the search for an open `<p>` stops (button scope).
const BUTTON_SCOPE: u16 = 1 << 7;
/// Holds raw text or RCDATA (no tags until its end tag).
const RAW: u16 = 1 << 8;
/// `<ul>`, `<ol>`: where a `<li>`'s search for an open `<li>` stops.
const LIST: u16 = 1 << 9;

fn class(name: &Name) -> u16 {
    match name.as_bytes() {
        b"area" | b"base" | b"basefont" | b"bgsound" | b"br" | b"col" | b"embed" | b"frame"
        | b"hr" | b"img" | b"image" | b"input" | b"keygen" | b"link" | b"meta" | b"param"
        | b"source" | b"track" | b"wbr" => VOID | if name.is("hr") { CLOSES_P } else { 0 },
        b"address" | b"article" | b"aside" | b"blockquote" | b"center" | b"details" | b"dialog"
        | b"dir" | b"div" | b"dl" | b"fieldset" | b"figcaption" | b"figure" | b"footer"
        | b"form" | b"header" | b"hgroup" | b"listing" | b"main" | b"menu" | b"nav" | b"p"
        | b"pre" | b"section" | b"summary" | b"dd" | b"dt" | b"li" => CLOSES_P,
        b"ul" | b"ol" => CLOSES_P | LIST,
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => CLOSES_P | HEADING,
        b"table" => CLOSES_P | SCOPE | BUTTON_SCOPE,
        b"xmp" => CLOSES_P | RAW,
        b"a" | b"b" | b"big" | b"code" | b"em" | b"font" | b"i" | b"nobr" | b"s" | b"small"
        | b"strike" | b"strong" | b"tt" | b"u" => FORMATTING,
        b"td" | b"th" | b"caption" | b"applet" | b"object" | b"marquee" | b"template" => {
            MARKER | SCOPE | BUTTON_SCOPE
        }
        b"html" => SCOPE | BUTTON_SCOPE,
        b"button" => BUTTON_SCOPE,
        b"svg" | b"math" => FOREIGN,
        b"script" | b"style" | b"noscript" | b"iframe" | b"noembed" | b"noframes" | b"title"
        | b"textarea" => RAW,
        _ => 0,
    }
}

/// The start tags that close their open namesakes (or siblings), and where
/// the search for one stops: `<li>` closes an open `<li>` unless a list
/// comes first, and so on.
fn implied_close(name: &Name) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match name.as_bytes() {
        b"li" => (&["li"], &["ul", "ol", "table", "td", "th", "html"]),
        b"dd" | b"dt" => (&["dd", "dt"], &["dl", "table", "td", "th", "html"]),
        b"td" | b"th" => (&["td", "th"], &["table", "html"]),
        b"tr" => (&["tr", "td", "th"], &["table", "html"]),
        b"tbody" | b"thead" | b"tfoot" => (
            &["tbody", "thead", "tfoot", "tr", "td", "th"],
            &["table", "html"],
        ),
        b"option" => (&["option"], &["select", "html"]),
        b"optgroup" => (&["option", "optgroup"], &["select", "html"]),
        b"a" => (&["a"], &["table", "td", "th", "html"]),
        b"nobr" => (&["nobr"], &["table", "td", "th", "html"]),
        b"button" => (&["button"], &["table", "td", "th", "html"]),
        b"rb" | b"rt" | b"rp" | b"rtc" => (&["rb", "rt", "rp", "rtc"], &["ruby", "html"]),
        _ => return None,
    })
}

/// The most formatting elements (`<b>`, `<font>`, `<a>`…) left open at
/// once (since the last table cell): html5ever reopens every one of them in
/// each new paragraph, so 5,000 `<p><b id=N>` took 23 s and 2 GB. Pages
/// leave two or three open.
pub const MAX_OPEN_FORMATTING: usize = 12;

/// A model of html5ever's stack of open elements and list of active
/// formatting elements, coarse but never far off for real pages: start
/// tags push, end tags pop to their element (within its scope), and the
/// implied end tags that keep real pages shallow (`<p>`, `<li>`, table
/// cells, options, headings) are applied.
struct Nesting {
    /// Open elements with their [`class`].
    stack: Vec<(Name, u16)>,
    /// Open `<p>` elements (most start tags look for one).
    open_p: usize,
    /// Formatting elements opened and not closed by their end tag (name and
    /// a hash of the attributes' text), with a marker (`None`) per open
    /// table cell, caption or object.
    active: Vec<Option<(Name, u64)>>,
    /// Open `<svg>`/`<math>` elements: inside them `/>` closes a tag.
    foreign: usize,
    /// Start tags left out (at the limit) per name, whose end tags go too.
    dropped: std::collections::HashMap<Name, usize>,
}

impl Nesting {
    fn push(&mut self, name: Name, class: u16) {
        self.open_p += usize::from(name.is("p"));
        self.foreign += usize::from(class & FOREIGN != 0);
        self.stack.push((name, class));
    }

    /// Pops to and including the topmost element `is_target` accepts,
    /// unless `is_stop` accepts one first (or there is none).
    fn pop_to(&mut self, is_target: impl Fn(&Name) -> bool, is_stop: impl Fn(&Name, u16) -> bool) {
        let Some(k) = self
            .stack
            .iter()
            .rposition(|(n, c)| is_target(n) || is_stop(n, *c))
            .filter(|&k| is_target(&self.stack[k].0))
        else {
            return;
        };
        for (gone, class) in self.stack.drain(k..) {
            self.open_p -= usize::from(gone.is("p"));
            self.foreign -= usize::from(class & FOREIGN != 0);
            if class & MARKER != 0 {
                // Clear the formatting elements up to the marker.
                let last = self.active.iter().rposition(Option::is_none);
                self.active.truncate(last.unwrap_or(0));
            }
        }
    }

    fn close_p(&mut self) {
        if self.open_p > 0 {
            self.pop_to(|n| n.is("p"), |_, c| c & BUTTON_SCOPE != 0);
        }
    }

    /// Where the formatting elements after the last marker start.
    fn marker_end(&self) -> usize {
        self.active
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |m| m + 1)
    }

    /// The formatting elements opened since the last marker.
    fn open_formatting(&self) -> usize {
        self.active.len() - self.marker_end()
    }

    /// Forgets the latest open formatting element named `name` (its end
    /// tag came, or a new `<a>` closes the old one).
    fn close_formatting(&mut self, name: Name) {
        let since = self.marker_end();
        if let Some(k) = self.active[since..]
            .iter()
            .rposition(|e| e.is_some_and(|(n, _)| n == name))
        {
            self.active.remove(since + k);
        }
    }

    /// Adds an open formatting element. As in html5ever ("Noah's Ark"),
    /// a fourth one with the same name and attributes replaces the
    /// earliest of the three.
    fn open_formatting_element(&mut self, entry: (Name, u64)) {
        let since = self.marker_end();
        let same: Vec<usize> = (since..self.active.len())
            .filter(|&k| self.active[k] == Some(entry))
            .collect();
        if same.len() >= 3 {
            self.active.remove(same[0]);
        }
        self.active.push(Some(entry));
    }

    /// Pushes the table section and row html5ever inserts when a row or a
    /// cell comes without one.
    fn implied_table_parts(&mut self, name: &Name) {
        let cell = name.is_any(&["td", "th"]);
        if !cell && !name.is("tr") {
            return;
        }
        let nearest = |names: &[&str], stack: &[(Name, u16)]| {
            stack
                .iter()
                .rev()
                .find(|(n, _)| n.is("table") || n.is_any(names))
                .map(|(n, _)| *n)
        };
        let Some(found) = nearest(&["tbody", "thead", "tfoot", "tr"], &self.stack) else {
            return;
        };
        if cell && found.is("tr") {
            return;
        }
        if found.is("table") {
            self.stack.extend(Name::new(b"tbody").map(|n| (n, 0)));
        }
        if cell {
            self.stack.extend(Name::new(b"tr").map(|n| (n, 0)));
        }
    }

    /// How deep the next element would be: the open elements, plus the
    /// formatting elements that would be reopened around it.
    fn depth(&self) -> usize {
        self.stack.len() + self.open_formatting()
    }
}

/// Leaves out the start and end tags of elements that would be nested more
/// than [`MAX_DEPTH`] deep, and of formatting elements beyond
/// [`MAX_OPEN_FORMATTING`] left open, keeping their content, so that
/// html5ever's work and tree stay linear in the input. Real pages come back
/// unchanged (borrowed).
pub(crate) fn bound_depth(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Fewer tags than the limit cannot nest past it.
    if memchr::memchr_iter(b'<', b).nth(MAX_DEPTH).is_none() {
        return Cow::Borrowed(html);
    }
    let mut model = Nesting {
        stack: Vec::new(),
        open_p: 0,
        active: Vec::new(),
        foreign: 0,
        dropped: std::collections::HashMap::new(),
    };
    // Names too long for a `Name` (custom elements) share one.
    let long = Name {
        buf: [b'~'; 15],
        len: 15,
    };
    let mut out: Option<Out<'_>> = None;
    let mut i = 0;
    while let Some(k) = memchr(b'<', &b[i..]) {
        let lt = i + k;
        let Some(&next) = b.get(lt + 1) else { break };
        match next {
            b'!' if b[lt..].starts_with(b"<!--") => match comment_end(b, lt) {
                Some(end) => i = end,
                None => break,
            },
            b'!' | b'?' => i = past_gt(b, lt + 1),
            b'/' => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some(tag) = read_tag(b, lt + 2) else {
                        break;
                    };
                    i = tag.end;
                    let name = Name::new(&b[lt + 2..tag.name_end]).unwrap_or(long);
                    if !model.dropped.is_empty()
                        && let Some(n) = model.dropped.get_mut(&name).filter(|n| **n > 0)
                    {
                        *n -= 1;
                        out.get_or_insert_with(|| Out::new(html))
                            .replace(lt, tag.end, "");
                        continue;
                    }
                    let class = class(&name);
                    if class & FORMATTING != 0 {
                        model.close_formatting(name);
                    }
                    if name.is("p") {
                        model.close_p();
                    } else if !name.is_any(&["body", "html", "br"]) {
                        // The end of body or html does not end the body's content.
                        let own_scope = class & SCOPE != 0;
                        model.pop_to(
                            |n| *n == name,
                            |n, c| {
                                if own_scope {
                                    n.is("html")
                                } else {
                                    c & SCOPE != 0
                                }
                            },
                        );
                    }
                }
                Some(_) => i = past_gt(b, lt + 2),
                None => break,
            },
            c if c.is_ascii_alphabetic() => {
                let Some(tag) = read_tag(b, lt + 1) else {
                    break;
                };
                i = tag.end;
                let name = Name::new(&b[lt + 1..tag.name_end]).unwrap_or(long);
                let class = class(&name);
                if class & RAW != 0 {
                    // Raw text and RCDATA hold no tags: skip to their end tag.
                    let end = match kind(&name) {
                        Kind::Script => script_end(b, i),
                        Kind::RawText(element) | Kind::RcData(element) => {
                            rawtext_end(b, i, element)
                        }
                        _ => Some(i),
                    };
                    let Some(end) = end else { break };
                    i = end;
                    continue;
                }
                if name.is("plaintext") {
                    break;
                }
                let html_content = model.foreign == 0;
                if html_content && class & VOID != 0 || !html_content && tag.self_closing {
                    continue;
                }
                if html_content {
                    if class & CLOSES_P != 0 {
                        model.close_p();
                    }
                    if let Some((names, stop)) = implied_close(&name) {
                        model.pop_to(|n| n.is_any(names), |n, _| n.is_any(stop));
                    }
                    model.implied_table_parts(&name);
                    if class & HEADING != 0
                        && model.stack.last().is_some_and(|(_, c)| c & HEADING != 0)
                    {
                        model.stack.pop();
                    }
                }
                let formatting = html_content && class & FORMATTING != 0;
                if formatting && name.is_any(&["a", "nobr"]) {
                    model.close_formatting(name);
                }
                if model.depth() >= MAX_DEPTH
                    || formatting && model.open_formatting() >= MAX_OPEN_FORMATTING
                {
                    *model.dropped.entry(name).or_default() += 1;
                    out.get_or_insert_with(|| Out::new(html))
                        .replace(lt, tag.end, "");
                    continue;
                }
                if formatting {
                    let hash = {
                        use std::hash::{BuildHasher, Hasher};
                        let mut h = crate::FastHash::default().build_hasher();
                        h.write(&b[tag.name_end..tag.end]);
                        h.finish()
                    };
                    model.open_formatting_element((name, hash));
                } else if html_content && class & MARKER != 0 {
                    model.active.push(None);
                }
                model.push(name, class);
            }
            _ => i = lt + 1,
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.replace(b.len(), b.len(), "");
            if out.failed {
                // Not reachable: every cut is at a '<' or just past a '>'.
                return Cow::Borrowed(html);
            }
            Cow::Owned(out.s)
        }
    }
}

/// The slimmed parse, or `None` when a held-out body could not be put back.
fn parse_slim(html: &str) -> Option<Html> {
    let slim = slim(html);
    let mut doc = parse_sized(&slim.html);
    restore(&mut doc, html, &slim.held).then_some(doc)
}

/// `Html::parse_document`, with the tree's node vector sized up front. It
/// otherwise grows by doubling, moving every node each time (3 % of the
/// instructions of the parse on news pages). Elements and comments start at
/// a `<`, text nodes lie between two; the corpus pages have 0.9 to 1.4 nodes
/// per `<`, so one slot and a half per `<` covers them, and a page with more
/// nodes only grows the vector as before.
fn parse_sized(html: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    let tags = memchr::memchr_iter(b'<', html.as_bytes()).count();
    let capacity = tags + tags / 2 + 16;
    if let Some(doc) = super::tokenize::parse(html, capacity) {
        return doc;
    }
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(Node::Document, capacity);
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(doc), Default::default()).one(html)
}

/// The input the slimmed parse hands html5ever, for tests.
#[cfg(test)]
pub(super) fn slim_for_tests(html: &str) -> String {
    slim(&bound_depth(html)).html
}

/// Start tags that end foreign content (and `font`, which may).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];

/// Foreign elements whose content goes (partly) through HTML rules.
const INTEGRATION_POINTS: &[&str] = &[
    "foreignobject",
    "desc",
    "title",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];

fn is_space(b: u8) -> bool {
    CLASS[usize::from(b)] & SPACE != 0
}

/// Byte classes for the tag states: whitespace ('\r' reaches the tokenizer
/// as '\n'), and the bytes that end a tag name or an attribute name.
pub(super) const SPACE: u8 = 1;
pub(super) const SLASH: u8 = 2;
pub(super) const GT: u8 = 4;
pub(super) const EQ: u8 = 8;
const QUOTE: u8 = 16;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0C] = SPACE;
    t[b' ' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[b'/' as usize] = SLASH;
    t[b'>' as usize] = GT;
    t[b'=' as usize] = EQ;
    t[b'"' as usize] = QUOTE;
    t[b'\'' as usize] = QUOTE;
    t
};

/// The index of the first byte at or after `i` in one of `classes`.
pub(super) fn skip_until(b: &[u8], mut i: usize, classes: u8) -> usize {
    while i < b.len() && CLASS[usize::from(b[i])] & classes == 0 {
        i += 1;
    }
    i
}

pub(super) fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && CLASS[usize::from(b[i])] & SPACE != 0 {
        i += 1;
    }
    i
}

/// A tag name, lower-cased, when it is short enough to be one this pass
/// cares about (the longest is "annotation-xml"); kept on the stack, not
/// the heap, as there is one per tag.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Name {
    buf: [u8; 15],
    len: u8,
}

impl Name {
    fn new(raw: &[u8]) -> Option<Name> {
        if raw.len() > 15 {
            return None;
        }
        // Byte by byte: a copy of a variable length is a call to memmove,
        // which cost more than the rest of reading a tag.
        let mut buf = [0u8; 15];
        for (to, from) in buf.iter_mut().zip(raw) {
            *to = from.to_ascii_lowercase();
        }
        Some(Name {
            buf,
            len: raw.len() as u8,
        })
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }

    fn is(&self, name: &str) -> bool {
        self.as_bytes() == name.as_bytes()
    }

    fn is_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.is(n))
    }
}

/// What the pass found at a `<` in the data state.
struct Tag {
    /// Index just past the tag name.
    name_end: usize,
    /// Index just past the closing `>`.
    end: usize,
    self_closing: bool,
}

/// Reads a start or end tag whose name starts at `i` (an ASCII letter),
/// following the tag, attribute and attribute value states. `None` when the
/// input ends inside it (the tokenizer then drops the tag).
fn read_tag(b: &[u8], i: usize) -> Option<Tag> {
    let name_end = skip_until(b, i, SPACE | SLASH | GT);
    // Outside quoted attribute values, the first '>' always ends a tag; with
    // no quote before it (most tags), that is where this one ends. A tag is
    // self-closing only if "/>" ends it, and even then not always ("<a
    // b=c/>" is not), so those take the full states.
    let gt = skip_until(b, name_end, GT | QUOTE);
    match b.get(gt) {
        None => return None,
        Some(b'>') if b[gt - 1] != b'/' => {
            return Some(Tag {
                name_end,
                end: gt + 1,
                self_closing: false,
            });
        }
        _ => {}
    }
    let mut i = name_end;
    // Before attribute name, attribute name, after attribute name, before
    // attribute value, quoted and unquoted values, self-closing start tag.
    loop {
        i = skip_spaces(b, i);
        match *b.get(i)? {
            b'>' => {
                return Some(Tag {
                    name_end,
                    end: i + 1,
                    self_closing: false,
                });
            }
            b'/' => {
                // Self-closing start tag state: only "/>" closes the tag;
                // anything else is reconsumed before an attribute name.
                if *b.get(i + 1)? == b'>' {
                    return Some(Tag {
                        name_end,
                        end: i + 2,
                        self_closing: true,
                    });
                }
                i += 1;
            }
            _ => {
                // Attribute name: a leading '=' belongs to the name.
                i = skip_spaces(b, skip_until(b, i + 1, SPACE | SLASH | GT | EQ));
                if b.get(i) != Some(&b'=') {
                    continue;
                }
                i = skip_spaces(b, i + 1);
                match *b.get(i)? {
                    q @ (b'"' | b'\'') => i += memchr(q, &b[i + 1..])? + 2,
                    // Missing value: the '>' closes the tag.
                    b'>' => {}
                    _ => i = skip_until(b, i, SPACE | GT),
                }
            }
        }
    }
}

/// What a start tag in HTML content means to this pass. Raw text elements
/// hold no tags or character references (scripting is enabled, so
/// `<noscript>` is one); `<template>`, `<frameset>` and `<plaintext>` stop
/// the pass, as their effect depends on tree-builder state it does not model.
enum Kind {
    Script,
    RawText(&'static str),
    RcData(&'static str),
    Foreign,
    /// `<pre>`, `<listing>`: a line feed right after them is dropped.
    KeepLf,
    GiveUp,
    Other,
}

fn kind(name: &Name) -> Kind {
    match name.as_bytes() {
        b"script" => Kind::Script,
        b"style" => Kind::RawText("style"),
        b"noscript" => Kind::RawText("noscript"),
        b"iframe" => Kind::RawText("iframe"),
        b"xmp" => Kind::RawText("xmp"),
        b"noembed" => Kind::RawText("noembed"),
        b"noframes" => Kind::RawText("noframes"),
        b"title" => Kind::RcData("title"),
        b"textarea" => Kind::RcData("textarea"),
        b"svg" | b"math" => Kind::Foreign,
        b"pre" | b"listing" => Kind::KeepLf,
        b"template" | b"frameset" | b"plaintext" => Kind::GiveUp,
        _ => Kind::Other,
    }
}

/// Whether `b[i..]` is an end tag named `name` that ends raw text: the name
/// (any case), then whitespace, `/` or `>`.
fn is_end_tag_for(b: &[u8], i: usize, name: &str) -> bool {
    let n = name.len();
    i + n < b.len() && b[i..i + n].eq_ignore_ascii_case(name.as_bytes()) && {
        let t = b[i + n];
        is_space(t) || t == b'/' || t == b'>'
    }
}

/// Where raw text that started at `i` ends: the `<` of its end tag. Raw text
/// (`RAWTEXT`) ends at the first `</name` followed by whitespace, `/` or `>`.
pub(super) fn rawtext_end(b: &[u8], mut i: usize, name: &str) -> Option<usize> {
    loop {
        let lt = i + memchr(b'<', &b[i..])?;
        if b.get(lt + 1) == Some(&b'/') && is_end_tag_for(b, lt + 2, name) {
            return Some(lt);
        }
        i = lt + 1;
    }
}

/// Script data states that need remembering between characters.
#[derive(Clone, Copy)]
enum Script {
    Data,
    Escaped,
    EscapedDash,
    EscapedDashDash,
    DoubleEscaped,
    DoubleEscapedDash,
    DoubleEscapedDashDash,
}

/// Where script data that started at `i` ends: the `<` of the `</script`
/// that the script data states (escaped and double-escaped included) accept.
pub(super) fn script_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut state = Script::Data;
    loop {
        match state {
            Script::Data => {
                let lt = i + memchr(b'<', &b[i..])?;
                match b.get(lt + 1) {
                    Some(b'/') => {
                        if is_end_tag_for(b, lt + 2, "script") {
                            return Some(lt);
                        }
                        i = lt + 2;
                    }
                    // "<!--": script data escape start, escape start dash.
                    Some(b'!') if b.get(lt + 2) == Some(&b'-') && b.get(lt + 3) == Some(&b'-') => {
                        i = lt + 4;
                        state = Script::EscapedDashDash;
                    }
                    Some(b'!') if b.get(lt + 2) == Some(&b'-') => i = lt + 3,
                    Some(b'!') => i = lt + 2,
                    _ => i = lt + 1,
                }
            }
            Script::Escaped | Script::DoubleEscaped => {
                let k = i + memchr2(b'-', b'<', &b[i..])?;
                let double = matches!(state, Script::DoubleEscaped);
                if b[k] == b'-' {
                    i = k + 1;
                    state = if double {
                        Script::DoubleEscapedDash
                    } else {
                        Script::EscapedDash
                    };
                } else {
                    (i, state) = after_escaped_lt(b, k, double)?;
                    if i == usize::MAX {
                        return Some(k);
                    }
                }
            }
            Script::EscapedDash
            | Script::EscapedDashDash
            | Script::DoubleEscapedDash
            | Script::DoubleEscapedDashDash => {
                let double = matches!(
                    state,
                    Script::DoubleEscapedDash | Script::DoubleEscapedDashDash
                );
                let dash_dash = matches!(
                    state,
                    Script::EscapedDashDash | Script::DoubleEscapedDashDash
                );
                let (escaped, dash_dash_state) = if double {
                    (Script::DoubleEscaped, Script::DoubleEscapedDashDash)
                } else {
                    (Script::Escaped, Script::EscapedDashDash)
                };
                match *b.get(i)? {
                    b'-' => {
                        i += 1;
                        state = dash_dash_state;
                    }
                    b'<' => {
                        let k = i;
                        (i, state) = after_escaped_lt(b, k, double)?;
                        if i == usize::MAX {
                            return Some(k);
                        }
                    }
                    b'>' if dash_dash => {
                        i += 1;
                        state = Script::Data;
                    }
                    _ => {
                        i += 1;
                        state = escaped;
                    }
                }
            }
        }
    }
}

/// The escaped (or double-escaped) less-than sign states at `b[lt] == '<'`:
/// the next position and state, or `usize::MAX` when this `<` starts the
/// script's end tag. `None` at the end of input.
fn after_escaped_lt(b: &[u8], lt: usize, double: bool) -> Option<(usize, Script)> {
    let next = *b.get(lt + 1)?;
    if !double {
        if next == b'/' {
            // Escaped end tag open / name: only "script" ends the script.
            if is_end_tag_for(b, lt + 2, "script") {
                return Some((usize::MAX, Script::Data));
            }
            return Some((lt + 2, Script::Escaped));
        }
        if next.is_ascii_alphabetic() {
            // Double escape start: "<script" followed by whitespace, '/' or
            // '>' (consumed) enters double-escaped; anything else is
            // reconsumed in the escaped state.
            return double_escape_switch(b, lt + 1, Script::DoubleEscaped, Script::Escaped);
        }
        return Some((lt + 1, Script::Escaped));
    }
    if next == b'/' {
        // Double escape end: "</script" and a terminator leaves the double
        // escape (back to escaped).
        return double_escape_switch(b, lt + 2, Script::Escaped, Script::DoubleEscaped);
    }
    Some((lt + 1, Script::DoubleEscaped))
}

/// The double-escape start and end states, from the letters at `name`
/// (after `<` or `</`): followed by whitespace, `/` or `>` (consumed), they
/// switch to `script` if they spell "script", else stay in `stay`; any other
/// character after them is reconsumed in `stay`. `None` at the end of input.
fn double_escape_switch(
    b: &[u8],
    name: usize,
    script: Script,
    stay: Script,
) -> Option<(usize, Script)> {
    let t = name
        + b[name..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
    let terminator = *b.get(t)?;
    if is_space(terminator) || terminator == b'/' || terminator == b'>' {
        let state = if b[name..t].eq_ignore_ascii_case(b"script") {
            script
        } else {
            stay
        };
        return Some((t + 1, state));
    }
    Some((t, stay))
}

/// Where a comment whose `<!--` is at `lt` ends (just past its `>`), by the
/// comment states: `<!-->` and `<!--->` end at once, otherwise the first
/// `-->` or `--!>` ends it. `None` when the input ends inside it.
pub(super) fn comment_end(b: &[u8], lt: usize) -> Option<usize> {
    let start = lt + 4;
    if b.get(start) == Some(&b'>') {
        return Some(start + 1);
    }
    if b.get(start) == Some(&b'-') && b.get(start + 1) == Some(&b'>') {
        return Some(start + 2);
    }
    let mut i = start;
    loop {
        let k = i + memchr(b'-', &b[i..])?;
        if b.get(k + 1) != Some(&b'-') {
            i = k + 1;
            continue;
        }
        match b.get(k + 2) {
            Some(b'>') => return Some(k + 3),
            Some(b'!') if b.get(k + 3) == Some(&b'>') => return Some(k + 4),
            None => return None,
            _ => i = k + 1,
        }
    }
}

/// The index just past the first `>` at or after `i` (bogus comments and
/// doctypes end there), or the end of input.
fn past_gt(b: &[u8], i: usize) -> usize {
    memchr(b'>', &b[i..]).map_or(b.len(), |k| i + k + 1)
}

/// The slimmed document being written: the input, with some stretches
/// replaced. Unchanged stretches are copied in one piece when the next
/// replacement comes. Every cut is next to an ASCII byte; one that is not
/// on a character boundary (a bug, not an input) marks the output as failed
/// instead of panicking.
struct Out<'a> {
    html: &'a str,
    s: String,
    /// The input is copied up to here.
    copied: usize,
    failed: bool,
}

impl<'a> Out<'a> {
    fn new(html: &'a str) -> Self {
        Out {
            html,
            s: String::with_capacity(html.len()),
            copied: 0,
            failed: false,
        }
    }

    /// Writes `with` instead of the input's `from..to`.
    fn replace(&mut self, from: usize, to: usize, with: &str) {
        match self.html.get(self.copied..from) {
            Some(part) => self.s.push_str(part),
            None => self.failed = true,
        }
        self.s.push_str(with);
        self.copied = to;
    }
}

fn slim(html: &str) -> Slim {
    let b = html.as_bytes();
    let mut out = Out {
        html,
        s: String::with_capacity(b.len()),
        copied: 0,
        failed: false,
    };
    let mut held: Vec<HeldOut> = Vec::new();
    // Open foreign elements since the outermost <svg> or <math>; empty in
    // HTML content.
    let mut foreign: Vec<Name> = Vec::new();
    // After <pre>/<listing> the tree builder drops a line feed here.
    let mut keep_lf_at = usize::MAX;
    let mut i = 0;
    // The data state, one '<' or line break at a time. Leaving the loop
    // (at the end, or giving up) copies the rest as it is.
    while let Some(k) = memchr::memchr3(b'<', b'\n', b'\r', &b[i..]) {
        let lt = i + k;
        let at_integration_point = foreign
            .last()
            .is_some_and(|top| top.is_any(INTEGRATION_POINTS));
        if at_integration_point && (k > 0 || b[lt] != b'<') {
            // Text at an integration point goes through HTML rules.
            break;
        }
        match b[lt] {
            b'\n' | b'\r' => {
                let crlf = b[lt] == b'\r' && b.get(lt + 1) == Some(&b'\n');
                let end = lt + 1 + usize::from(crlf);
                if lt != keep_lf_at {
                    out.replace(lt, end, " ");
                }
                i = end;
                continue;
            }
            _ => {}
        }
        let Some(&next) = b.get(lt + 1) else {
            break;
        };
        match next {
            b'!' => {
                if b[lt..].starts_with(b"<!--") {
                    let Some(end) = comment_end(b, lt) else {
                        break;
                    };
                    out.replace(lt, end, "<!---->");
                    i = end;
                } else if b[lt + 2..].starts_with(b"[CDATA[") && !foreign.is_empty() {
                    break;
                } else {
                    // Doctype or bogus comment: both end at the first '>'.
                    i = past_gt(b, lt + 2);
                }
            }
            b'?' => i = past_gt(b, lt + 1),
            b'/' => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some(tag) = read_tag(b, lt + 2) else {
                        break;
                    };
                    if let Some(top) = foreign.last() {
                        if Some(*top) != Name::new(&b[lt + 2..tag.name_end]) {
                            break;
                        }
                        foreign.pop();
                    }
                    i = tag.end;
                }
                // "</>" is dropped; "</" at the end is text; anything else
                // opens a bogus comment.
                Some(b'>') => i = lt + 3,
                None => break,
                Some(_) => i = past_gt(b, lt + 2),
            },
            c if c.is_ascii_alphabetic() => {
                let Some(tag) = read_tag(b, lt + 1) else {
                    break;
                };
                let name = Name::new(&b[lt + 1..tag.name_end]);
                i = tag.end;
                if let Some(top) = foreign.last() {
                    let breakout = name.is_none_or(|n| n.is_any(BREAKOUT));
                    if top.is_any(INTEGRATION_POINTS) || breakout {
                        break;
                    }
                    if let (false, Some(name)) = (tag.self_closing, name) {
                        foreign.push(name);
                    }
                    continue;
                }
                let Some(name) = name else {
                    continue;
                };
                let (element, end) = match kind(&name) {
                    Kind::Other => continue,
                    Kind::GiveUp => break,
                    Kind::KeepLf => {
                        keep_lf_at = i;
                        continue;
                    }
                    Kind::Foreign => {
                        // "<svg/>" is popped at once.
                        if !tag.self_closing {
                            foreign.push(name);
                        }
                        continue;
                    }
                    Kind::RcData(element) => {
                        // RCDATA holds character references: left as it is.
                        let Some(end) = rawtext_end(b, i, element) else {
                            break;
                        };
                        i = end;
                        continue;
                    }
                    Kind::Script => ("script", script_end(b, i)),
                    Kind::RawText(element) => (element, rawtext_end(b, i, element)),
                };
                // Raw text running to the end of input stays as it is.
                let Some(end) = end else {
                    break;
                };
                if end > i {
                    let marker = format!("{MARK}{}{MARK_END}", held.len());
                    out.replace(i, end, &marker);
                    held.push(HeldOut {
                        element,
                        start: i,
                        end,
                    });
                }
                i = end;
            }
            // A '<' that opens nothing is text.
            _ if at_integration_point => break,
            _ => i = lt + 1,
        }
    }
    out.replace(b.len(), b.len(), "");
    if out.failed {
        // Not reachable (every cut is next to an ASCII byte); be safe.
        return Slim {
            html: html.to_string(),
            held: Vec::new(),
        };
    }
    Slim { html: out.s, held }
}

/// The text a raw text body becomes in the tree: line breaks normalised,
/// NULs replaced, as the tokenizer's input preprocessing and raw text states do.
fn raw_text(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = memchr2(b'\r', b'\0', b) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    let mut k = first;
    loop {
        out.push_str(s.get(from..k).unwrap_or_default());
        if b[k] == b'\0' {
            out.push('\u{FFFD}');
            from = k + 1;
        } else {
            out.push('\n');
            from = k + 1 + usize::from(b.get(k + 1) == Some(&b'\n'));
        }
        match memchr2(b'\r', b'\0', &b[from..]) {
            Some(next) => k = from + next,
            None => break,
        }
    }
    out.push_str(s.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

/// The index in a marker text, if `t` is exactly a marker.
fn marker_index(t: &str) -> Option<usize> {
    let digits = t.strip_prefix(MARK)?.strip_suffix(MARK_END)?;
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Gives every marker its body back. False when a marker is missing, found
/// twice or not the only text of the element it was put in.
fn restore(doc: &mut Html, html: &str, held: &[HeldOut]) -> bool {
    if held.is_empty() {
        return true;
    }
    let mut found: Vec<Option<ego_tree::NodeId>> = vec![None; held.len()];
    for node in doc.tree.nodes() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        if !t.starts_with(MARK) {
            continue;
        }
        let Some(idx) = marker_index(t) else {
            continue;
        };
        let Some(slot) = found.get_mut(idx) else {
            return false;
        };
        let parent_ok = node.parent().is_some_and(|p| match p.value() {
            Node::Element(e) => {
                &*e.name.ns == HTML_NS && e.name() == held[idx].element && p.children().count() == 1
            }
            _ => false,
        });
        if slot.is_some() || !parent_ok {
            return false;
        }
        *slot = Some(node.id());
    }
    let Some(ids) = found.into_iter().collect::<Option<Vec<_>>>() else {
        return false;
    };
    for (id, h) in ids.into_iter().zip(held) {
        let Some(mut node) = doc.tree.get_mut(id) else {
            return false;
        };
        let text = raw_text(&html[h.start..h.end]);
        *node.value() = Node::Text(Text {
            text: StrTendril::from(text.as_ref()),
        });
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use ego_tree::iter::Edge;

    const RAWTEXT: &[&str] = &["style", "xmp", "iframe", "noembed", "noframes", "noscript"];

    /// The document as the extractor can see it: every node in order with
    /// its depth; element names, namespaces and attributes; text exactly,
    /// except that a line break in text outside raw text elements counts as
    /// a space; comments without their data.
    fn signature(doc: &Html) -> Vec<String> {
        let mut out = Vec::new();
        for edge in doc.tree.root().traverse() {
            let Edge::Open(node) = edge else { continue };
            let depth = node.ancestors().count();
            let line = match node.value() {
                Node::Element(e) => {
                    let mut attrs: Vec<String> =
                        e.attrs().map(|(k, v)| format!("{k}={v:?}")).collect();
                    attrs.sort();
                    format!("{depth} <{}|{} {}>", &*e.name.ns, e.name(), attrs.join(" "))
                }
                Node::Text(t) => {
                    let raw = node.parent().is_some_and(|p| {
                        p.value().as_element().is_some_and(|e| {
                            &*e.name.ns == HTML_NS
                                && (e.name() == "script" || RAWTEXT.contains(&e.name()))
                        })
                    });
                    if raw {
                        format!("{depth} raw {:?}", &**t)
                    } else {
                        format!("{depth} text {:?}", t.replace('\n', " "))
                    }
                }
                Node::Comment(_) => format!("{depth} comment"),
                other => format!("{depth} {other:?}"),
            };
            out.push(line);
        }
        out
    }

    /// The slimmed parse gives the same tree as a plain parse; returns
    /// whether it was taken (rather than the fallback).
    fn same_tree(html: &str) -> bool {
        let plain = signature(&Html::parse_document(html));
        let slim = parse_slim(html);
        let fast = slim.is_some();
        let slimmed = signature(&slim.unwrap_or_else(|| Html::parse_document(html)));
        if plain != slimmed {
            let first = plain
                .iter()
                .zip(&slimmed)
                .position(|(a, b)| a != b)
                .unwrap_or(plain.len().min(slimmed.len()));
            panic!(
                "trees differ for {html:?}\nslimmed input {:?}\nfirst difference at node {first}: {:?} vs {:?}",
                super::slim(html).html,
                plain.get(first),
                slimmed.get(first)
            );
        }
        fast
    }

    #[test]
    fn script_bodies_are_held_out_and_put_back() {
        for html in [
            r#"<p>a</p><script>if (a<b) x="</scr"+"ipt>";</script><p>after</p>"#,
            r#"<script><!-- document.write("<script>x</script>"); --></script><p>after</p>"#,
            r#"<script><!-- x </script> <p>after</p>"#,
            r#"<script><!--<script></script>--></script><p>after</p>"#,
            r#"<script><!--<script>a</script -->b</script><p>after</p>"#,
            r#"<script><!--<scripts></script><p>after</p>"#,
            r#"<script><!-- --><!--<script>--></script>x</script><p>after</p>"#,
            "<SCRIPT type=\"text/javascript\">x</SCRIPT >\n<p>after</p>",
            r#"<script>a</script foo="bar>">b"#,
            r#"<script>a</scripts>b</script1>c</script/>d"#,
            "<script>a</script\tx>b<script>c</script\n>d",
            r#"<script src="a.js"/>x<p>still script</p></script><p>after</p>"#,
            "<script>a\r\nb\rc\0d</script><p>x</p>",
            r#"<script type="application/ld+json">{"headline":"제목 <b>"}</script>"#,
            r#"<table><script>x</script><tr><td>y</table>"#,
            r#"<noscript><script>x</script><img src=y></noscript><p>z</p>"#,
            r#"<style>p { content: "</p>" }</style><style>a</STYLE
>b"#,
            r#"<iframe><p>not a tag</p></iframe><xmp><b></xmp><noembed>x</noembed><noframes>y</noframes>"#,
        ] {
            assert!(same_tree(html), "fallback taken for {html:?}");
        }
        let slimmed = slim(r#"<script>var a = "<p>";</script><p>x</p>"#);
        assert!(!slimmed.html.contains("var a"), "{}", slimmed.html);
        assert_eq!(slimmed.held.len(), 1);
    }

    #[test]
    fn comments_lose_their_data_but_stay() {
        for html in [
            "<p>a<!-- one -->b</p>",
            "<!-->x<!--->y<!---->z<!---x-->w",
            "<!-- a -- b -->c<!-- a --!>d<!-- <!-- nested -->e<!-- x --->f",
            "<!-- a --!-->g<!--a--!>h<!-- -- >i-->j",
            r#"<table>  <!--c-->  x</table>"#,
            r#"<div class="a"><!-- "quoted > --> --></div>"#,
        ] {
            assert!(same_tree(html), "fallback taken for {html:?}");
        }
        assert_eq!(slim("<p>a<!-- one -->b</p>").html, "<p>a<!---->b</p>");
    }

    #[test]
    fn line_breaks_in_text_become_spaces() {
        for html in [
            "<div>\n  <p>a\nb</p>\r\n<p>c\rd</p>\n</div>",
            "<pre>\nline1\nline2</pre><pre>\r\nx</pre><listing>\ny</listing>",
            "<pre><!---->\nkept as text</pre><pre>\n\nz</pre>",
            "<textarea>\n<b>x</b>\n</textarea><title>a\nb &amp; c</title>",
            "<ul>\n<li>x</li>\n</ul>\n<table>\n<tr>\n<td>a</td>\n</tr>\n</table>",
        ] {
            assert!(same_tree(html), "fallback taken for {html:?}");
        }
        assert_eq!(slim("<p>a\r\nb\n</p>").html, "<p>a b </p>");
        assert_eq!(slim("<pre>\nx\ny</pre>").html, "<pre>\nx y</pre>");
    }

    #[test]
    fn tags_are_read_like_the_tokenizer() {
        for html in [
            r#"<div data-x="a>b" class='c>d' e=f>g<script>x</script></div>"#,
            r#"<div =x a b=c/>y<script>z</script>"#,
            r#"<div a="1"b='2'c=3/ d>e</div><script>f</script>"#,
            r#"<br/><img src=x/><p/>t<script>u</script>"#,
            "<DIV\nCLASS=x\n>y</DIV>",
            "a < b > c <3 <<p>d</p> <!x> <?php x ?> </1> </> <!DOCTYPE html>",
        ] {
            assert!(same_tree(html), "fallback taken for {html:?}");
        }
    }

    #[test]
    fn truncated_and_odd_inputs_do_not_panic_and_parse_the_same() {
        for html in [
            "",
            "<",
            "</",
            "<!",
            "<!-",
            "<!--",
            "<!-- x -",
            "<!-- x --",
            "<!-- x --!",
            "<div",
            "<div class=\"x",
            "<a b='",
            "<a b=",
            "<a b",
            "<a/",
            "</div",
            "</div x=\"",
            "<scr",
            "<script",
            "<script>",
            "<script>x",
            "<script>x<",
            "<script>x</",
            "<script>x</script",
            "<script><!--",
            "<script><!--<script>",
            "<script><!--<script></script>",
            "<style>x</sty",
            "<title>x",
            "<textarea>",
            "<svg><path",
            "<svg><![CDATA[x",
            "<p>\u{0}</p>\u{0}<\u{0}>",
            "<!DOCTYPE",
            "<?",
            "x\r",
            "<pre>\r",
            "\u{FEFF}<p>bom</p>",
            "<p>가\n나</p>",
            "\u{F8F0}0\u{F8F1}<script>a</script>\u{F8F0}0\u{F8F1}",
        ] {
            same_tree(html);
        }
    }

    #[test]
    fn foreign_content_is_followed_or_left_alone() {
        for html in [
            r#"<svg viewBox="0 0 1 1"><path d="M0 0"/><g><script>x<y</script></g></svg><script>z</script>"#,
            r#"<p><svg><style>a{}</style><circle/></svg><style>b</style></p>"#,
            r#"<svg/><script>after self-closing svg</script>"#,
            r#"<math><mrow><mn>1</mn></mrow></math><script>x</script>"#,
        ] {
            assert!(same_tree(html), "fallback taken for {html:?}");
        }
        for html in [
            r#"<svg><title>t</title></svg><script>z</script>"#,
            r#"<svg><p>breakout</svg><script>z</script>"#,
            r#"<svg><font color=red>x</font></svg><script>z</script>"#,
            r#"<math><mi>x</mi></math><script>z</script>"#,
            r#"<svg><![CDATA[<script>]]></svg><script>z</script>"#,
            r#"<svg><g></svg><script>z</script>"#,
            r#"<svg><foreignObject><div>x</div></foreignObject></svg><script>z</script>"#,
            r#"<math><annotation-xml encoding="text/html"><script>x</script></annotation-xml></math>"#,
        ] {
            same_tree(html);
            // Given up at the foreign content: the script after it is kept.
            assert!(
                slim(html).html.ends_with(&html[html.len() - 20..]),
                "{html}"
            );
        }
    }

    #[test]
    fn templates_framesets_and_plaintext_are_left_alone() {
        for html in [
            "<template><col><script><!--</script>--></template><p>x</p>",
            "<template><script>x</script></template>",
            "<frameset><script>x</script></frameset>",
            "<plaintext><script>x</script>",
        ] {
            same_tree(html);
            assert!(slim(html).held.is_empty(), "{html}");
        }
    }

    /// A small deterministic generator (xorshift), so that the soup below is
    /// the same on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 33) as usize
        }
    }

    /// `SOUP_ROUNDS` and `SOUP_SEED` run more or other documents.
    #[test]
    fn random_tag_soup_parses_the_same() {
        const PIECES: &[&str] = &[
            "<script>",
            "</script>",
            "</SCRIPT >",
            "<script src=x/>",
            "<!--",
            "-->",
            "--!>",
            "-",
            "<!",
            "<style>",
            "</style>",
            "<noscript>",
            "</noscript>",
            "<title>",
            "</title>",
            "<textarea>",
            "</textarea>",
            "<svg>",
            "</svg>",
            "<path/>",
            "<g>",
            "</g>",
            "<math>",
            "</math>",
            "<mi>",
            "<p>",
            "</p>",
            "<div class=\"a>b\">",
            "</div>",
            "<b>",
            "</b>",
            "<pre>",
            "</pre>",
            "<table>",
            "<td>",
            "<tr>",
            "<template>",
            "<br/>",
            "<a href='x'>",
            "</a>",
            "<!DOCTYPE html>",
            "<?x>",
            "x",
            "가나",
            "\n",
            "\r\n",
            "\r",
            " ",
            "\t",
            "<",
            ">",
            "/",
            "=",
            "\"",
            "'",
            "&amp;",
            "&",
            "\u{0}",
            "<scr",
            "ipt>",
            "</scr",
            "<!--<script>",
            "</script -->",
            "<iframe>",
            "</iframe>",
            "<!-->",
            "<!--->",
            "</script",
            "<listing>",
            "<xmp>",
            "</xmp>",
            "<SCRIPT>",
            "</Script>",
            "<title>t</title>",
            "<foreignObject>",
            "<desc>",
            "<font size=1>",
            "<select>",
            "<option>",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut fast = 0;
        let rounds: usize = std::env::var("SOUP_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000);
        if let Some(seed) = std::env::var("SOUP_SEED").ok().and_then(|v| v.parse().ok()) {
            rng = Rng(seed);
        }
        for _ in 0..rounds {
            let n = 1 + rng.next() % 30;
            let html: String = (0..n).map(|_| PIECES[rng.next() % PIECES.len()]).collect();
            fast += usize::from(same_tree(&html));
        }
        // Most documents take the slimmed path (the rest fall back).
        eprintln!("{fast} of {rounds} took the slimmed path");
        assert!(
            fast * 2 > rounds,
            "only {fast} of {rounds} took the slimmed path"
        );
    }

    #[test]
    fn real_pages_parse_the_same() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = root.join("../shared/corpus/news-html");
        if !corpus.exists() {
            // `.ci/run` sets NEWSKG_REQUIRE_ALL: there the corpus must be present.
            let strict =
                std::env::var("NEWSKG_REQUIRE_ALL").is_ok_and(|v| !v.is_empty() && v != "0");
            assert!(
                !strict,
                "../shared/corpus/news-html not found and NEWSKG_REQUIRE_ALL is set"
            );
            eprintln!("shared corpus absent: checking the fixtures only");
        }
        let mut dirs = vec![root.join("tests/fixtures").display().to_string()];
        if corpus.exists() {
            dirs.push(corpus.display().to_string());
        }
        let files: Vec<std::path::PathBuf> = crate::input::expand(&dirs, &[])
            .unwrap()
            .into_iter()
            .filter_map(|item| match item.input {
                Ok(crate::input::Input::Html(p)) => Some(p),
                _ => None,
            })
            .collect();
        assert!(!files.is_empty());
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let html = crate::fetch::charset::decode(&bytes, Some("text/html"))
                .unwrap()
                .text;
            assert!(same_tree(&html), "fallback taken for {}", f.display());
            // Real pages are far from the nesting bounds: nothing is left out.
            assert!(
                matches!(bound_depth(&html), Cow::Borrowed(_)),
                "{} was cut by bound_depth",
                f.display()
            );
        }
    }

    fn max_depth(doc: &Html) -> usize {
        doc.tree
            .nodes()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn deep_nesting_is_bounded_and_keeps_the_text() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<div/>", ""),
            ("<span class=x>", "</span>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<ul><li>", "</li></ul>"),
            (
                "<my-very-long-custom-element>",
                "</my-very-long-custom-element>",
            ),
        ] {
            let n = 20_000;
            let html = format!(
                "<title>깊은 문서</title>{}<p>맨 안쪽 문단이다.</p>{}<p>바깥 문단이다.</p>",
                open.repeat(n),
                close.repeat(n)
            );
            let doc = parse(&html);
            assert!(
                max_depth(&doc) <= MAX_DEPTH + 8,
                "{open}: {}",
                max_depth(&doc)
            );
            let text: String = doc.root_element().text().collect();
            assert!(
                text.contains("맨 안쪽 문단이다.") && text.contains("바깥 문단이다."),
                "{open}"
            );
        }
        // Shallow nesting is left alone, whatever the number of tags.
        let flat = "<div><p>문단</p></div>".repeat(5_000);
        assert!(matches!(bound_depth(&flat), Cow::Borrowed(_)));
        let unclosed = format!("<ul>{}</ul>", "<li><p>항목".repeat(5_000));
        assert!(matches!(bound_depth(&unclosed), Cow::Borrowed(_)));
    }

    #[test]
    fn formatting_elements_left_open_are_bounded() {
        // Each <b> differs, so html5ever reopens all earlier ones in every
        // new paragraph: quadratic nodes without the bound.
        let n = 3_000;
        let html: String = (0..n)
            .map(|k| format!("<p><b id=b{k}>굵은 글 {k}</p>"))
            .collect();
        let doc = parse(&html);
        let nodes = doc.tree.nodes().count();
        assert!(nodes < 20 * n, "{nodes} nodes for {n} paragraphs");
        let text: String = doc.root_element().text().collect();
        assert!(text.contains("굵은 글 0") && text.contains(&format!("굵은 글 {}", n - 1)));
        // A few open ones, as pages leave them, are kept.
        let page = "<p><font color=red><b>속보</p><p>본문</p>";
        assert!(matches!(bound_depth(&page.repeat(400)), Cow::Borrowed(_)));
    }
}
