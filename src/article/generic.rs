//! The generic body finder for sites without a profile: content scoring in
//! the spirit of Readability, tuned for Korean news.
//!
//! Takes a parsed document; gives out paragraphs. Every run of text of some
//! length scores its nearest container element (and half that for the
//! container above), more for sentence endings ("...다.") and commas. A
//! container's score is then discounted by its link density and nudged by
//! class/id words ("article", "content" up; "comment", "related" down). The
//! best container's paragraphs are the body, together with sibling blocks
//! whose own text scores nearly as well (a body split by an inline ad).
//! Pages rendered by JavaScript, whose HTML holds no body, are read from the
//! JSON embedded in their scripts instead. This is the path most pages
//! take, since most sites a user brings have no profile.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use super::body::{is_noise, paragraphs_of};
use super::clean::{collapse_whitespace, strip_tags};
use super::select::attr;

/// Text runs shorter than this (in characters) do not vote.
const MIN_RUN_CHARS: usize = 20;

/// Tags whose text is never content, with everything below them.
const EXCLUDED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "iframe",
    "svg",
    "head",
    "title",
    "figcaption",
    "a",
    "label",
];

/// Elements that can hold a body.
const CONTAINERS: &[&str] = &[
    "div", "article", "section", "main", "td", "body", "dd", "font",
];

static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|body|content|entry|main|post|text|story|news|view|본문|detail")
        .expect("static regex")
});
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:다|요|죠|까)[.!?]|[.!?](?:\s|$)").expect("static regex"));

/// Below this many characters the DOM result is weak enough to try the
/// page's embedded data instead.
const WEAK_BODY_CHARS: usize = 200;

/// The paragraphs of the best-scoring container; for pages rendered by
/// JavaScript, whose HTML holds no body, the text found in their embedded
/// JSON (see [`script_data_body`]).
pub fn extract_body(doc: &Html) -> Vec<String> {
    let dom: Vec<String> = body_containers(doc)
        .into_iter()
        .flat_map(|el| paragraphs_of(el, &[], true))
        .collect();
    let chars = |p: &[String]| p.iter().map(|s| s.chars().count()).sum::<usize>();
    if chars(&dom) >= WEAK_BODY_CHARS {
        return dom;
    }
    let data = script_data_body(doc);
    if chars(&data) > chars(&dom) {
        data
    } else {
        dom
    }
}

static SCRIPT: LazyLock<scraper::Selector> =
    LazyLock::new(|| scraper::Selector::parse("script").expect("static selector"));
static ASSIGNMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"=\s*[\[{]").expect("static regex"));

/// Keys under which a single string holds a whole article body.
const BODY_KEYS: &[&str] = &["articleBody", "articleText", "body", "bodyText"];

/// Body text from data embedded in `<script>`s: JSON-LD `articleBody`, or
/// the hydration state of Arc/Next.js/Nuxt pages whose HTML holds no body.
///
/// Every JSON value in a script (the whole script, or the value after an
/// `=` in JavaScript) is searched for arrays of objects. For each array and
/// field name, the sentences the items hold directly in that field are
/// summed: a body is such an array (`content_elements[*].content`), while
/// related-article lists nest their teasers deeper and captions are few. The
/// best array's strings, in order, are the paragraphs.
pub fn script_data_body(doc: &Html) -> Vec<String> {
    let mut best: (usize, Vec<String>) = (0, Vec::new());
    for script in doc.select(&SCRIPT) {
        let text: String = script.text().collect();
        if text.len() < 200 {
            continue;
        }
        let mut starts: Vec<usize> = Vec::new();
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            starts.push(text.len() - trimmed.len());
        }
        starts.extend(ASSIGNMENT.find_iter(&text).map(|m| m.end() - 1));
        for start in starts {
            let mut values =
                serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
            if let Some(Ok(value)) = values.next() {
                best_in_value(&value, &mut best);
            }
        }
    }
    if best.0 >= 40 { best.1 } else { Vec::new() }
}

fn best_in_value(v: &Value, best: &mut (usize, Vec<String>)) {
    match v {
        Value::Array(items) => {
            let mut fields: Vec<&str> = Vec::new();
            for item in items.iter().filter_map(Value::as_object) {
                for (k, val) in item {
                    if val.is_string() && !fields.contains(&k.as_str()) {
                        fields.push(k);
                    }
                }
            }
            for field in fields {
                let paragraphs: Vec<String> = items
                    .iter()
                    .filter_map(|item| item.get(field)?.as_str())
                    .flat_map(sentence_lines)
                    .collect();
                consider(paragraphs, best);
            }
            items.iter().for_each(|x| best_in_value(x, best));
        }
        Value::Object(map) => {
            for (k, val) in map {
                if let (true, Some(s)) = (BODY_KEYS.contains(&k.as_str()), val.as_str()) {
                    consider(sentence_lines(s), best);
                }
                best_in_value(val, best);
            }
        }
        _ => {}
    }
}

fn consider(paragraphs: Vec<String>, best: &mut (usize, Vec<String>)) {
    let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    if chars > best.0 {
        *best = (chars, paragraphs);
    }
}

/// The lines of an HTML-ish string that read as Korean sentences.
fn sentence_lines(s: &str) -> Vec<String> {
    if !SENTENCE_END.is_match(s) || !s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
        return Vec::new();
    }
    strip_tags(s)
        .split('\n')
        .map(collapse_whitespace)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Share of the best container's score a sibling needs to be read too.
const SIBLING_SHARE: f64 = 0.3;
/// Highest link density of a sibling read with the best container.
const SIBLING_MAX_LINK_DENSITY: f64 = 0.3;

/// The element most likely to hold the article body.
pub fn best_container(doc: &Html) -> Option<ElementRef<'_>> {
    body_containers(doc).into_iter().next()
}

/// The best-scoring container followed by its siblings that score nearly as
/// well (a body split by an inline ad or a photo into two blocks), in
/// document order.
pub fn body_containers(doc: &Html) -> Vec<ElementRef<'_>> {
    // Scores in first-seen order so that ties resolve the same way every run.
    let mut order: Vec<NodeId> = Vec::new();
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let mut add = |id: NodeId, score: f64| {
        let entry = scores.entry(id).or_insert_with(|| {
            order.push(id);
            0.0
        });
        *entry += score;
    };
    for node in doc.tree.root().descendants() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        let len = t.trim().chars().count();
        if len < MIN_RUN_CHARS || excluded(node) {
            continue;
        }
        let text: &str = t;
        let commas = text.matches([',', '，']).count() as f64;
        let sentences = SENTENCE_END.find_iter(text).count() as f64;
        let score = 1.0 + commas.min(3.0) + sentences + (len as f64 / 100.0).min(3.0);
        let mut containers = node.ancestors().filter(is_container);
        if let Some(c) = containers.next() {
            add(c.id(), score);
        }
        if let Some(c) = containers.next() {
            add(c.id(), score / 2.0);
        }
    }
    // (text score discounted by link density, that plus the class weight)
    let total = |id: NodeId| -> Option<(f64, f64, ElementRef<'_>)> {
        let el = doc.tree.get(id).and_then(ElementRef::wrap)?;
        let text = *scores.get(&id)? * (1.0 - link_density(el));
        Some((text, text + class_weight(el), el))
    };
    let mut best: Option<(f64, f64, ElementRef<'_>)> = None;
    for &id in &order {
        if let Some((text, t, el)) = total(id)
            && best.as_ref().is_none_or(|(_, b, _)| t > *b)
        {
            best = Some((text, t, el));
        }
    }
    let Some((best_text, _, top)) = best else {
        return Vec::new();
    };
    let Some(parent) = top.parent() else {
        return vec![top];
    };
    parent
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|el| {
            // Siblings qualify on their own text, not on a hopeful class name.
            el.id() == top.id()
                || total(el.id()).is_some_and(|(text, _, _)| {
                    text >= best_text * SIBLING_SHARE
                        && link_density(*el) <= SIBLING_MAX_LINK_DENSITY
                })
        })
        .collect()
}

fn is_container(n: &NodeRef<'_, Node>) -> bool {
    matches!(n.value(), Node::Element(e) if CONTAINERS.contains(&e.name()))
}

fn excluded(node: NodeRef<'_, Node>) -> bool {
    node.ancestors().any(|a| match a.value() {
        Node::Element(e) => EXCLUDED.contains(&e.name()) || is_noise(e),
        _ => false,
    })
}

fn class_weight(el: ElementRef<'_>) -> f64 {
    let e = el.value();
    let mut w = 0.0;
    if is_noise(e) {
        w -= 25.0;
    } else if [e.id(), attr(e, "class")]
        .into_iter()
        .flatten()
        .any(|a| POSITIVE.is_match(a))
    {
        w += 15.0;
    }
    if attr(e, "itemprop") == Some("articleBody") {
        w += 50.0;
    }
    w
}

/// Share of an element's text that sits inside links.
fn link_density(el: ElementRef<'_>) -> f64 {
    let mut total = 0usize;
    let mut linked = 0usize;
    for node in el.descendants() {
        if let Node::Text(t) = node.value() {
            let n = t.trim().chars().count();
            total += n;
            if node
                .ancestors()
                .take_while(|a| a.id() != el.id())
                .any(|a| matches!(a.value(), Node::Element(e) if e.name() == "a"))
            {
                linked += n;
            }
        }
    }
    if total == 0 {
        1.0
    } else {
        linked as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_article_over_navigation_and_related_lists() {
        let html = r#"<html><body>
            <nav><a href="/">홈</a><a href="/a">정치</a></nav>
            <div class="related"><ul><li><a href="/1">다른 기사의 제목이 여기에 길게 이어진다.</a></li>
            <li><a href="/2">또 다른 기사의 제목이 여기에 길게 이어진다.</a></li></ul></div>
            <div id="story">
              <p>서울시는 18일 새 교통 정책을 발표했다고 밝혔다. 시민 의견을 반영했다는 설명이다.</p>
              <p>정책은 다음 달부터 시행되며, 버스 노선 개편과 요금 조정이 포함된다고 전했다.</p>
              <p>시 관계자는 "불편을 최소화하겠다"고 말했다.</p>
            </div>
            <footer>회사 소개 | 이용 약관 | 개인정보 처리방침 | 청소년 보호정책이 적용된다.</footer>
            </body></html>"#;
        let doc = Html::parse_document(html);
        let p = extract_body(&doc);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].starts_with("서울시는"));
    }

    #[test]
    fn body_split_by_an_inline_ad_is_read_whole() {
        let html = r#"<html><body><div class="x1">
            <div class="a1">첫째 문단은 이렇게 시작된다고 밝혔다.<br><br>둘째 문단도 충분히 길게 이어진다고 전했다.<br><br>셋째 문단, 그리고 쉼표가 많다고 말했다.</div>
            <div class="ad_box"><a href="/ad">광고 문의</a></div>
            <div class="a2">넷째 문단은 광고 뒤에서 이어진다고 밝혔다.<br><br>다섯째 문단도 충분히 길게 이어진다고 전했다.<br><br>여섯째 문단, 마지막이라고 말했다.</div>
            </div><div class="side"><a href="/1">다른 기사 제목이 여기에 길게 이어진다고 한다.</a></div></body></html>"#;
        let p = extract_body(&Html::parse_document(html));
        assert_eq!(p.len(), 6, "{p:?}");
        assert!(p[5].starts_with("여섯째"));
    }

    #[test]
    fn empty_document_has_no_body() {
        assert!(extract_body(&Html::parse_document("")).is_empty());
    }
}
