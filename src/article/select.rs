//! Selectors as the extractor runs them, with cheap paths for the common
//! shapes.
//!
//! Takes CSS selector text (from site profiles, which users extend); gives
//! out a [`Rule`] that matches exactly what `scraper::Selector` matches.
//! `Html::select` runs the full selector machinery on every element of the
//! document, about 170 instructions each; profiles mostly name an element
//! by id or class (`#cont_newstext`, `script#fusion-metadata`, `.caption`),
//! which a comparison of the `id` or `class` attribute decides. Selectors of
//! any other shape go through `scraper` as before.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Selector};

/// The value of attribute `name` (lower-case, no namespace) of `e`, as
/// `Element::attr` gives it.
///
/// `Element::attr` builds an interned name for every call (a hash and a
/// table look-up, several hundred instructions); elements have a handful
/// of attributes, and the tokenizer keeps only the first of duplicates, so
/// comparing their names finds the same value for a fraction of that.
pub(crate) fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs
        .iter()
        .find(|(k, _)| k.ns.is_empty() && &*k.local == name)
        .map(|(_, v)| &**v)
}

/// A compiled selector.
#[derive(Debug, Clone)]
pub struct Rule {
    selector: Selector,
    simple: Option<Compound>,
}

/// `tag#id.class1.class2[name=value]`, each part optional: the one shape
/// answered without the selector machinery. The tag is lower-case, so it compares
/// equal to HTML element names as the selector's case-insensitive match
/// does, and to foreign element names as its case-sensitive one does; the
/// id and classes compare case-sensitively, as in a no-quirks document
/// (scraper always matches as one), classes split at ASCII whitespace as
/// `scraper::node::Element::classes` does. The attribute value compares
/// case-sensitively, which is what selectors do for attribute names outside
/// HTML's case-insensitive list ([`CASE_INSENSITIVE_ATTRIBUTES`]; those
/// take the full path).
#[derive(Debug, Clone)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    attribute: Option<(String, String)>,
}

static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^([a-z][a-z0-9]*)?(?:#([A-Za-z_][A-Za-z0-9_-]*))?((?:\.[A-Za-z_][A-Za-z0-9_-]*)*)(?:\[([a-z][a-z0-9_-]*)=(?:([A-Za-z_][A-Za-z0-9_-]*)|"([^"\\]*)")\])?$"#,
    )
    .expect("static regex")
});

/// Attributes whose values HTML selectors compare without regard to case
/// (the `selectors` crate's list).
const CASE_INSENSITIVE_ATTRIBUTES: &[&str] = &[
    "accept",
    "accept-charset",
    "align",
    "alink",
    "axis",
    "bgcolor",
    "charset",
    "checked",
    "clear",
    "codetype",
    "color",
    "compact",
    "declare",
    "defer",
    "dir",
    "direction",
    "disabled",
    "enctype",
    "face",
    "frame",
    "hreflang",
    "http-equiv",
    "lang",
    "language",
    "link",
    "media",
    "method",
    "multiple",
    "nohref",
    "noresize",
    "noshade",
    "nowrap",
    "readonly",
    "rel",
    "rev",
    "rules",
    "scope",
    "scrolling",
    "selected",
    "shape",
    "target",
    "text",
    "type",
    "valign",
    "valuetype",
    "vlink",
];

impl Rule {
    /// Compiles `css`; the error is scraper's message.
    pub fn parse(css: &str) -> Result<Rule, String> {
        let selector = Selector::parse(css).map_err(|e| e.to_string())?;
        let simple = COMPOUND.captures(css.trim()).and_then(|c| {
            let compound = Compound {
                tag: c.get(1).map(|m| m.as_str().to_string()),
                id: c.get(2).map(|m| m.as_str().to_string()),
                classes: c
                    .get(3)
                    .map(|m| m.as_str())
                    .unwrap_or("")
                    .split('.')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                attribute: c.get(4).map(|name| {
                    let value = c.get(5).or(c.get(6)).map_or("", |m| m.as_str());
                    (name.as_str().to_string(), value.to_string())
                }),
            };
            let empty = compound.tag.is_none()
                && compound.id.is_none()
                && compound.classes.is_empty()
                && compound.attribute.is_none();
            let insensitive = compound
                .attribute
                .as_ref()
                .is_some_and(|(name, _)| CASE_INSENSITIVE_ATTRIBUTES.contains(&name.as_str()));
            (!empty && !insensitive).then_some(compound)
        });
        Ok(Rule { selector, simple })
    }

    /// Whether `el` matches.
    pub fn matches(&self, el: &ElementRef<'_>) -> bool {
        match &self.simple {
            Some(c) => c.matches(el.value()),
            None => self.selector.matches(el),
        }
    }

    /// The matching elements in the order `Html::select` gives them.
    pub fn select<'a>(&self, doc: &'a Html) -> impl Iterator<Item = ElementRef<'a>> {
        elements(doc).filter(|el| self.matches(el))
    }

    /// The first of [`Rule::select`].
    pub fn first<'a>(&self, doc: &'a Html) -> Option<ElementRef<'a>> {
        self.select(doc).next()
    }
}

/// Every element of `doc` in the order `Html::select` visits them: the node
/// arena's order, without the document root.
pub(crate) fn elements(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    doc.tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|el| el.parent().is_some())
}

impl Compound {
    fn matches(&self, e: &Element) -> bool {
        if self.tag.as_deref().is_some_and(|t| e.name() != t) {
            return false;
        }
        if self.id.is_some() && e.id() != self.id.as_deref() {
            return false;
        }
        if let Some((name, value)) = &self.attribute
            && attr(e, name) != Some(value.as_str())
        {
            return false;
        }
        if self.classes.is_empty() {
            return true;
        }
        let Some(class) = attr(e, "class") else {
            return false;
        };
        self.classes
            .iter()
            .all(|c| class.split_ascii_whitespace().any(|t| t == c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule finds what scraper's selector finds, on a page with ids,
    /// classes, odd case and foreign elements.
    #[test]
    fn simple_rules_match_like_selectors() {
        let html = r#"<html><body>
            <div id="a" class="x  y">1</div><DIV ID="A" CLASS="X">2</DIV>
            <p class="x
            z" id="b">3</p><span class="xy">4</span><div id="a">5</div>
            <script id="fusion-metadata">6</script><section class="x y z">7</section>
            <svg><foreignObject class="x"></foreignObject><g id="a"></g></svg>
            <div class="x&#xA0;y">8</div><p itemprop="articleBody" class="x">9</p>
            <p itemprop="ArticleBody" TYPE="A">10</p><p itemprop="">11</p></body></html>"#;
        let doc = Html::parse_document(html);
        for css in [
            "#a",
            "div#a",
            "#A",
            ".x",
            ".y",
            ".x.y",
            "div.x",
            "p.z",
            "span.x",
            "script#fusion-metadata",
            "div",
            "DIV",
            "g",
            "foreignobject",
            ".x.y.z",
            "section.x.z",
            "div.x#a",
            "div#a.x",
            "#cont_newstext",
            "[class*=\"x\"]",
            ".x .y",
            "[itemprop=articleBody]",
            "p.x[itemprop=articleBody]",
            "[itemprop=\"articleBody\"]",
            "[itemprop=\"\"]",
            "[type=a]",
            "[ITEMPROP=articleBody]",
        ] {
            let rule = Rule::parse(css).unwrap();
            let selector = Selector::parse(css).unwrap();
            let want: Vec<_> = doc.select(&selector).map(|e| e.id()).collect();
            let got: Vec<_> = rule.select(&doc).map(|e| e.id()).collect();
            assert_eq!(got, want, "{css}");
            for el in doc
                .root_element()
                .descendants()
                .filter_map(ElementRef::wrap)
            {
                assert_eq!(rule.matches(&el), selector.matches(&el), "{css}");
            }
        }
        assert!(Rule::parse("#cont_newstext").unwrap().simple.is_some());
        assert!(
            Rule::parse(".news_txt[itemprop=articleBody]")
                .unwrap()
                .simple
                .is_some()
        );
        assert!(Rule::parse("[type=a]").unwrap().simple.is_none());
        assert!(Rule::parse("div:first-child").unwrap().simple.is_none());
        assert!(Rule::parse("div[").is_err());
    }
}
