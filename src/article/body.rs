//! A chosen body container → paragraphs, and the line-level cleaning both
//! the profile and the generic path need.
//!
//! [`paragraphs_of`] walks the container in document order: block elements
//! and `<br>` end a paragraph, scripts, figures, captions, forms and
//! elements the caller removes are skipped. [`clean_paragraphs`] then drops
//! the lines that are not body text even inside the container: the reporter
//! e-mail line, "무단전재 및 재배포 금지", "[ⓒ 디지털데일리]"-style credits,
//! photo credits and "▶ 관련기사" promos.

use std::sync::LazyLock;

use ego_tree::NodeRef;
use regex::Regex;
use scraper::{ElementRef, Node};

use super::clean::collapse_whitespace;
use super::select::{Rule, attr};

/// Elements whose content is never body text.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "figure",
    "figcaption",
    "button",
    "form",
    "input",
    "select",
    "textarea",
    "nav",
    "aside",
    "footer",
    "header",
    "svg",
    "canvas",
    "img",
    "picture",
    "h1",
    "label",
    "menu",
];

/// Elements that start and end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "hr",
    "center",
];

/// Class or id words that mark noise inside a body container: captions,
/// related-article boxes, share bars, ads, copyright and reporter boxes.
static NOISE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)caption|photo_?desc|img_?desc|imgtxt|related|relation|recommend|copyright|reporter|journalist|byline|share|sns|social|banner|advert|(^|[\s_-])ads?([\s_-]|$)|ad_box|promo|subscribe|comment|reply|cmt|tag_?list|keyword|popular|most_?read|newsletter|breadcrumb|toolbar|font_?size|vod_?list|player|(^|\s)(hidden|blind|sr-only|screen_out|visually-hidden|print)(\s|$)",
    )
    .expect("static regex")
});

/// Collects paragraphs from a body container.
///
/// `remove` are extra selectors whose subtrees are skipped (from a site
/// profile); `noise_classes` also skips descendants whose class or id looks
/// like a caption, ad, share bar or related-article box.
pub fn paragraphs_of(
    container: ElementRef<'_>,
    remove: &[Rule],
    noise_classes: bool,
) -> Vec<String> {
    let mut w = Walker {
        remove,
        noise_classes,
        out: Vec::new(),
        cur: String::new(),
        cur_link: 0,
        in_link: 0,
    };
    for child in container.children() {
        w.walk(child);
    }
    w.flush();
    w.out
}

struct Walker<'a> {
    remove: &'a [Rule],
    noise_classes: bool,
    out: Vec<String>,
    cur: String,
    /// Bytes of `cur` that came from inside links.
    cur_link: usize,
    /// How many `<a>` elements we are inside.
    in_link: usize,
}

impl Walker<'_> {
    fn walk(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(t) => {
                self.cur.push_str(t);
                if self.in_link > 0 {
                    self.cur_link += t.trim().len();
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if name == "br" {
                    self.flush();
                    return;
                }
                if SKIP_TAGS.contains(&name) {
                    return;
                }
                if let Some(el) = ElementRef::wrap(node)
                    && self.remove.iter().any(|s| s.matches(&el))
                {
                    return;
                }
                if self.noise_classes && is_noise(e) {
                    return;
                }
                let block = BLOCK_TAGS.contains(&name);
                let link = name == "a";
                if block {
                    self.flush();
                }
                self.in_link += usize::from(link);
                for child in node.children() {
                    self.walk(child);
                }
                self.in_link -= usize::from(link);
                if block {
                    self.flush();
                }
            }
            _ => {}
        }
    }

    fn flush(&mut self) {
        let p = collapse_whitespace(&self.cur);
        // A paragraph that is all link is a related-article or menu entry.
        let all_link = self.cur_link > 0 && self.cur_link * 10 >= self.cur.trim().len() * 9;
        self.cur.clear();
        self.cur_link = 0;
        if !p.is_empty() && !all_link {
            self.out.push(p);
        }
    }
}

/// Captions read from one page: a photo story has a few dozen at most.
const MAX_CAPTIONS: usize = 100;

/// Elements holding a photo's or a video's caption.
static CAPTIONS: LazyLock<scraper::Selector> = LazyLock::new(|| {
    scraper::Selector::parse(
        "figcaption, [class*=caption], [class*=Caption], [id*=caption], [class*=vod_desc], [class*=video_desc]",
    )
    .expect("static selector is valid")
});

/// The texts of a page's photo and video captions, in document order
/// (the body leaves them out; a video page has nothing else). A caption
/// nested in another (`div.caption > p.caption_text`) counts once. At most
/// [`MAX_CAPTIONS`] are read.
pub fn captions_of(doc: &scraper::Html) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for el in doc.select(&CAPTIONS).take(MAX_CAPTIONS) {
        let text = collapse_whitespace(&el.text().collect::<String>());
        if text.is_empty() || out.iter().any(|t| t.contains(&text)) {
            continue;
        }
        out.retain(|t| !text.contains(t.as_str()));
        out.push(text);
    }
    out
}

/// Whether an element's class or id marks it as noise (see [`NOISE_CLASS`]).
pub(crate) fn is_noise(e: &scraper::node::Element) -> bool {
    // Page-level elements carry site-wide classes ("page-comments-on");
    // treating them as noise would throw the whole page away.
    if matches!(e.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    let id = e.id().unwrap_or("");
    let class = attr(e, "class").unwrap_or("");
    (!id.is_empty() && NOISE_CLASS.is_match(id))
        || (!class.is_empty() && NOISE_CLASS.is_match(class))
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(\.[\w-]+)+").expect("static regex"));
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)무단\s*전재|재배포\s*금지|재배포금지|저작권자|copyright|ⓒ|©|all rights reserved|AI\s*학습\s*이용\s*금지")
        .expect("static regex")
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[(〔【<]?\s*(?:사진|그래픽|영상|자료|출처|이미지|표|사진제공|제공)\s*[=:·ㅣ|/]")
        .expect("static regex")
});
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:▶|☞|►|▷)\s*(?:.{0,40}(?:관련\s*기사|구독|제보|바로\s*가기|보러\s*가기|클릭|이벤트|다운로드|원문|채널\s*추가|앱\s*설치|뉴스레터|많이 본|추천\s*기사)|$)|[■◆※]\s*.{0,10}제보|※\s*이 기사|관련\s*기사|\[?관련기사\]?|\[(?:카카오톡|전화|메일|이메일|제보|홈페이지|유튜브|페이스북|인스타그램|뉴스홈)\])",
    )
    .expect("static regex")
});
static NAV_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:전체보기|더보기|기사목록|목록보기|맨 위로|구독하기)\s*$").expect("static regex")
});
static BARE_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\[(<]?\s*(?:(?:글|사진|영상|그래픽)(?:\s*[·ㆍ/]\s*(?:글|사진|영상|그래픽))*\s*[=:]?\s*)?(?:[가-힣]{2,4}(?:\s*[·,/ㆍ]\s*[가-힣]{2,4})*\s*(?:선임|수석|인턴|객원|전문)?\s*(?:기자|특파원|통신원|에디터|PD|리포터)(?:단)?\s*[·,/]?\s*)+[\])>]?$",
    )
    .expect("static regex")
});
static DATE_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:기사\s*)?(?:입력|수정|등록|최종\s*수정|승인|발행|업데이트|송고|게재)(?:일|시간|일시)?\s*[:：]?|\d{4}\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}\s*[.일]?|\([월화수목금토일]\)|(?:오전|오후|AM|PM)|\d{1,2}:\d{2}(?::\d{2})?",
    )
    .expect("static regex")
});

/// Whether a line holds nothing but dates, times and their labels.
fn is_date_line(p: &str) -> bool {
    DATE_PARTS.is_match(p)
        && !DATE_PARTS
            .replace_all(p, "")
            .chars()
            .any(char::is_alphanumeric)
}

static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:다|요|죠|까|니다|습니다)[.!?\x22”’']*\s*$").expect("static regex")
});

static TRAILING_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\s/|]*(?:\d{4}\.\d{2}\.\d{2}\.?)?[\s/|]*[\w.+-]+@[\w-]+(\.[\w-]+)+\s*$")
        .expect("static regex")
});

/// "하객이 입장하고 있다. 2023.04.07 / x@osen.co.kr" → "하객이 입장하고 있다.":
/// the photo desk's date and address are not part of the sentence.
pub fn strip_trailing_email(p: &str) -> String {
    TRAILING_EMAIL.replace(p, "").trim().to_string()
}

/// "[디지털데일리 권하영기자] ", "(서울=연합뉴스) 홍길동 기자 = ",
/// "[서울=뉴시스]": the byline or wire dateline opening an article.
static LEADING_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[\[(【]\s*[^\])】]{0,40}(?:기자|특파원|통신원)\s*[\])】]|[\[(【][^\])】=]{1,15}=[^\])】]{1,15}[\])】](?:\s*[가-힣·,\s]{2,30}?(?:기자|특파원)\s*=)?)\s*",
    )
    .expect("static regex")
});

/// How far into the paragraphs a leading byline is looked for (saved text
/// dumps start with some navigation).
const BYLINE_SEARCH: usize = 8;

/// Drops the lines that are not body text, the "[매체 홍길동 기자]" byline
/// or wire dateline opening the article, and a leading repeat of the title.
pub fn clean_paragraphs(mut paragraphs: Vec<String>, title: Option<&str>) -> Vec<String> {
    if let Some(p) = paragraphs
        .iter_mut()
        .take(BYLINE_SEARCH)
        .find(|p| LEADING_BYLINE.is_match(p))
    {
        *p = LEADING_BYLINE.replace(p, "").into_owned();
    }
    let mut out: Vec<String> = paragraphs
        .into_iter()
        .filter(|p| !p.is_empty() && !is_boilerplate(p))
        .map(|p| {
            if p.chars().count() <= 160 && EMAIL.is_match(&p) {
                strip_trailing_email(&p)
            } else {
                p
            }
        })
        .filter(|p| !p.is_empty())
        .collect();
    if let (Some(t), Some(first)) = (title, out.first())
        && first == t
    {
        out.remove(0);
    }
    out
}

/// Whether one paragraph is a footer, credit or promo line rather than text.
/// Every test is bounded by length; the length is checked first, so a long
/// paragraph of body text costs no regex search.
pub fn is_boilerplate(p: &str) -> bool {
    let len = p.chars().count();
    // "최들판 기자", "글·사진 홍길동 기자", "[김철수·박영희 기자]"
    if len <= 40 && BARE_BYLINE.is_match(p) {
        return true;
    }
    // "입력 2024.07.18 09:30 수정 2024.07.18 10:05"
    if len <= 60 && is_date_line(p) {
        return true;
    }
    // Reporter e-mail lines ("홍길동 기자 hong@ddaily.co.kr"). A caption
    // sentence with the address appended is kept (see [`strip_trailing_email`]),
    // and so is a long paragraph that merely quotes an address.
    if len <= 80 && EMAIL.is_match(p) && !SENTENCE_END.is_match(&strip_trailing_email(p)) {
        return true;
    }
    if len <= 160 && COPYRIGHT.is_match(p) {
        return true;
    }
    if len <= 60 && CREDIT.is_match(p) {
        return true;
    }
    if len <= 120 && PROMO.is_match(p) {
        return true;
    }
    if len <= 25 && NAV_LINE.is_match(p) {
        return true;
    }
    // "[ⓒ 디지털데일리]"-style lines already match COPYRIGHT; a bare
    // bracketed credit with no sentence in it goes too.
    if len <= 30
        && p.starts_with('[')
        && p.ends_with(']')
        && !SENTENCE_END.is_match(p)
        && p.contains('ⓒ')
    {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn paras(html: &str) -> Vec<String> {
        let doc = Html::parse_fragment(html);
        paragraphs_of(doc.root_element(), &[], true)
    }

    #[test]
    fn br_br_and_p_split_paragraphs() {
        let p =
            paras("<div>첫째 문단이다.<br><br>둘째 문단이다.<p>셋째 <b>문단</b>이다.</p></div>");
        assert_eq!(
            p,
            vec!["첫째 문단이다.", "둘째 문단이다.", "셋째 문단이다."]
        );
    }

    #[test]
    fn captions_scripts_and_ads_are_skipped() {
        let p = paras(
            r#"<div>본문이다.<figure><img><figcaption>사진 설명</figcaption></figure>
            <script>var x=1;</script><div class="ad_box">광고</div>
            <p class="photo_caption">캡션</p><p>끝이다.</p>
            <ul><li><a href="/1">관련 기사 제목</a></li></ul></div>"#,
        );
        assert_eq!(p, vec!["본문이다.", "끝이다."]);
    }

    #[test]
    fn layout_classes_are_not_noise() {
        let p = paras(
            r#"<div class="overflow-hidden"><p>본문이다.</p><span class="blind">숨김</span></div>"#,
        );
        assert_eq!(p, vec!["본문이다."]);
    }

    #[test]
    fn boilerplate_lines() {
        for line in [
            "권하영 기자 kwon@example.com",
            "<저작권자 © 디지털데일리, 무단전재 및 재배포 금지>",
            "[ⓒ 디지털데일리]",
            "▶ 관련기사 보러가기",
            "▶ 네이버에서 테스트일보 구독하기",
            "☞ 제보하기",
            "※ '당신의 제보가 뉴스가 됩니다'",
            "[전화] 02-000-0000",
            "사회 기사목록 전체보기",
            "최들판 기자",
            "글·사진 홍길동 기자",
            "[김철수·박영희 기자]",
            "입력 2024.07.18 09:30 수정 2024.07.18 10:05",
            "2022.09.30 21:00",
            "기사입력 2023년 11월 3일(금) 오후 2:10",
            "사진=연합뉴스",
            "Copyright ⓒ Example. All rights reserved.",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        for line in [
            "회사는 18일 계약을 맺었다고 밝혔다.",
            "[앵커]",
            "▶김현욱 : 안녕하세요.",
            "▷진행자 : 네, 알겠습니다.",
            "이 기자는 2024년 7월 18일 입사했다.",
            "홍길동 기자가 현장에서 전했다.",
            "사진 속 인물은 누구일까요?",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
        let caption = "하객이 입장하고 있다. 2023.04.07 / someone@example.com";
        assert!(!is_boilerplate(caption));
        assert_eq!(
            clean_paragraphs(vec![caption.to_string()], None),
            vec!["하객이 입장하고 있다."]
        );
    }

    #[test]
    fn leading_bylines_and_datelines() {
        for first in [
            "[테스트경제 김하늘 기자] 회사가 18일 밝혔다.",
            "(서울=연합뉴스) 김하늘 기자 = 회사가 18일 밝혔다.",
            "[서울=뉴시스]김하늘 박바다 기자 = 회사가 18일 밝혔다.",
            "[서울=뉴시스] 회사가 18일 밝혔다.",
        ] {
            let cleaned = clean_paragraphs(vec![first.to_string()], None);
            assert_eq!(cleaned, vec!["회사가 18일 밝혔다."], "{first}");
        }
        let flash = "[속보] 회사가 18일 밝혔다.".to_string();
        assert_eq!(clean_paragraphs(vec![flash.clone()], None), vec![flash]);
    }
}
