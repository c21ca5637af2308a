//! A tokenizer for the slimmed documents of the pre-pass, feeding
//! html5ever's tree builder directly.
//!
//! Takes the slimmed HTML ([`super::prepass`]); gives out the `Html` that
//! html5ever's own tokenizer and tree builder would build from it, or
//! `None` for input it does not handle, which then goes through html5ever
//! as before. Profiles of news pages showed html5ever's tokenizer spending
//! most of the parse moving tag and attribute names through its input
//! queue one character at a time (a queue look-up, a UTF-8 decode and a
//! tendril append for each); this one reads a tag with a few byte scans and
//! hands the tree builder the same tokens: tag tokens with the same
//! lower-cased names and attributes (the first of duplicates kept, values
//! with character references decoded), text, comments, the doctype, and
//! raw text after the elements the tree builder switches to it.
//!
//! How text is cut into character tokens differs (html5ever cuts it at
//! every `&`, `<` and buffer end); the tree builder does not depend on that,
//! as input arriving in pieces cuts it anywhere. Parse errors are not
//! reported (nothing reads them). What this tokenizer gives up on, so that
//! it never has to follow html5ever into its rarer states: NUL characters,
//! a page ending inside a tag, comment or raw text, bogus comments (`<?`,
//! `</ `, `<!x`), CDATA sections, `<plaintext>`, doctypes other than a name
//! with optional public and system identifiers, character references that
//! html5ever resolves by its legacy rules (a known name without `;`) or
//! numeric references without `;`.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{Attribute, LocalName, QualName, ns};
use memchr::{memchr, memchr2};
use scraper::{Html, HtmlTreeSink, Node};

use super::prepass::{
    EQ, GT, SLASH, SPACE, comment_end, rawtext_end, script_end, skip_spaces, skip_until,
};

/// Parses `html` into a document whose node vector holds `capacity` nodes
/// up front, or `None` (see the module documentation).
pub(crate) fn parse(html: &str, capacity: usize) -> Option<Html> {
    // Offsets into the input are u32 in tendrils.
    if html.len() > (u32::MAX / 2) as usize || memchr(0, html.as_bytes()).is_some() {
        return None;
    }
    // The tokenizer's input stream turns CR LF and CR into LF before any
    // state sees them.
    let normalized;
    let html = if memchr(b'\r', html.as_bytes()).is_some() {
        normalized = normalize_newlines(html);
        normalized.as_str()
    } else {
        html
    };
    // The tokenizer drops a byte order mark at the start.
    let html = html.strip_prefix('\u{FEFF}').unwrap_or(html);
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(Node::Document, capacity);
    let builder = TreeBuilder::new(HtmlTreeSink::new(doc), TreeBuilderOpts::default());
    {
        let mut reader = Reader {
            builder: &builder,
            html,
            b: html.as_bytes(),
            input: StrTendril::from_slice(html),
        };
        reader.run()?;
    }
    let _ = builder.process_token(Token::EOFToken, 1);
    builder.end();
    Some(builder.sink.finish())
}

struct Reader<'a> {
    builder: &'a TreeBuilder<ego_tree::NodeId, HtmlTreeSink>,
    html: &'a str,
    b: &'a [u8],
    /// The whole input, for text and values taken from it without a copy.
    input: StrTendril,
}

impl Reader<'_> {
    fn emit(&self, token: Token) -> TokenSinkResult<ego_tree::NodeId> {
        self.builder.process_token(token, 1)
    }

    /// Emits a token after which the tokenizer stays in the data state
    /// whatever the tree builder answers (it only asks for raw text after
    /// a start tag).
    fn push(&self, token: Token) {
        let _ = self.emit(token);
    }

    /// The input's `from..to` as a tendril.
    fn slice(&self, from: usize, to: usize) -> Option<StrTendril> {
        self.input
            .try_subtendril(from as u32, (to - from) as u32)
            .ok()
    }

    /// Emits the input's `from..to` as text, if not empty.
    fn text(&self, from: usize, to: usize) -> Option<()> {
        if from < to {
            let t = self.slice(from, to)?;
            self.push(Token::CharacterTokens(t));
        }
        Some(())
    }

    /// Emits `from..to` as text with character references decoded (the
    /// data and RCDATA states).
    fn text_with_refs(&self, mut from: usize, to: usize) -> Option<()> {
        while let Some(k) = memchr(b'&', &self.b[from..to]) {
            let at = from + k;
            self.text(from, at)?;
            let (decoded, next) = char_ref(self.html, at, to)?;
            match decoded {
                Some(s) => {
                    self.push(Token::CharacterTokens(StrTendril::from_slice(&s)));
                }
                None => self.text(at, at + 1)?,
            }
            from = next;
        }
        self.text(from, to)
    }

    fn run(&mut self) -> Option<()> {
        let b = self.b;
        let mut i = 0;
        loop {
            let Some(k) = memchr2(b'<', b'&', &b[i..]) else {
                return self.text(i, b.len());
            };
            let at = i + k;
            self.text(i, at)?;
            if b[at] == b'&' {
                let (decoded, next) = char_ref(self.html, at, b.len())?;
                match decoded {
                    Some(s) => {
                        self.push(Token::CharacterTokens(StrTendril::from_slice(&s)));
                    }
                    None => self.text(at, at + 1)?,
                }
                i = next;
                continue;
            }
            i = match b.get(at + 1) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(at + 1, TagKind::StartTag)?,
                Some(b'/') => match b.get(at + 2) {
                    Some(c) if c.is_ascii_alphabetic() => self.tag(at + 2, TagKind::EndTag)?,
                    // "</>" is dropped.
                    Some(b'>') => at + 3,
                    // "</" at the end is text.
                    None => {
                        self.text(at, at + 2)?;
                        at + 2
                    }
                    // A bogus comment.
                    Some(_) => return None,
                },
                Some(b'!') => self.declaration(at)?,
                Some(b'?') => return None,
                // '<' before anything else (or at the end) is text.
                _ => {
                    self.text(at, at + 1)?;
                    at + 1
                }
            };
        }
    }

    /// Reads the tag whose name starts at `i`, emits it (and the raw text
    /// that follows, if the tree builder asks for it); returns where the
    /// data state resumes.
    fn tag(&mut self, i: usize, kind: TagKind) -> Option<usize> {
        let b = self.b;
        let name_end = skip_until(b, i, SPACE | SLASH | GT);
        let name = LocalName::from(&*lower(self.html.get(i..name_end)?));
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut had_duplicate_attributes = false;
        let mut self_closing = false;
        let mut i = name_end;
        // The before attribute name state; the after attribute value
        // states and the self-closing start tag state's "anything else"
        // come back here too.
        let end = loop {
            i = skip_spaces(b, i);
            match *b.get(i)? {
                b'>' => break i + 1,
                b'/' => {
                    if *b.get(i + 1)? == b'>' {
                        self_closing = true;
                        break i + 2;
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // Attribute name: a leading '=' belongs to it.
            let name_start = i;
            let name_end = skip_until(b, i + 1, SPACE | SLASH | GT | EQ);
            let attr_name = LocalName::from(&*lower(self.html.get(name_start..name_end)?));
            // After attribute name.
            i = skip_spaces(b, name_end);
            let value = if *b.get(i)? == b'=' {
                i = skip_spaces(b, i + 1);
                match *b.get(i)? {
                    q @ (b'"' | b'\'') => {
                        let close = i + 1 + memchr(q, &b[i + 1..])?;
                        let v = self.value(i + 1, close)?;
                        i = close + 1;
                        v
                    }
                    // A missing value; the '>' ends the tag.
                    b'>' => StrTendril::new(),
                    _ => {
                        let end = skip_until(b, i, SPACE | GT);
                        let v = self.value(i, end)?;
                        i = end;
                        v
                    }
                }
            } else {
                // No value: whitespace, '/', '>' or the next attribute's
                // name follows, which the loop reads.
                StrTendril::new()
            };
            if attrs.iter().any(|a| a.name.local == attr_name) {
                had_duplicate_attributes = true;
            } else {
                attrs.push(Attribute {
                    name: QualName::new(None, ns!(), attr_name),
                    value,
                });
            }
        };
        let start = kind == TagKind::StartTag;
        let result = self.emit(Token::TagToken(Tag {
            kind,
            name: name.clone(),
            self_closing,
            attrs,
            had_duplicate_attributes,
        }));
        match result {
            TokenSinkResult::RawData(raw) if start => self.raw(end, raw, &name),
            TokenSinkResult::Plaintext => None,
            _ => Some(end),
        }
    }

    /// An attribute value: the input's `from..to` with character references
    /// decoded.
    fn value(&self, from: usize, to: usize) -> Option<StrTendril> {
        let Some(k) = memchr(b'&', &self.b[from..to]) else {
            return self.slice(from, to);
        };
        let mut out = String::with_capacity(to - from);
        out.push_str(self.html.get(from..from + k)?);
        let mut i = from + k;
        while i < to {
            let (decoded, next) = char_ref(self.html, i, to)?;
            match decoded {
                Some(s) => out.push_str(&s),
                None => out.push('&'),
            }
            let stop = memchr(b'&', &self.b[next..to]).map_or(to, |k| next + k);
            out.push_str(self.html.get(next..stop)?);
            i = stop;
        }
        Some(StrTendril::from_slice(&out))
    }

    /// Raw text from `i` up to the end tag of the element `name` that
    /// started it; the end tag is read too.
    fn raw(&mut self, i: usize, kind: RawKind, name: &str) -> Option<usize> {
        let end = match kind {
            RawKind::ScriptData => script_end(self.b, i)?,
            RawKind::Rawtext | RawKind::Rcdata => rawtext_end(self.b, i, name)?,
            RawKind::ScriptDataEscaped(_) => return None,
        };
        if kind == RawKind::Rcdata {
            self.text_with_refs(i, end)?;
        } else {
            self.text(i, end)?;
        }
        self.tag(end + 2, TagKind::EndTag)
    }

    /// `<!` at `at`: a comment or a doctype; anything else gives up.
    fn declaration(&self, at: usize) -> Option<usize> {
        let b = self.b;
        if b[at..].starts_with(b"<!--") {
            let end = comment_end(b, at)?;
            let start = at + 4;
            let data_end = if end <= start + 2 {
                // "<!-->", "<!--->"
                start
            } else if b[end - 2] == b'!' {
                end - 4
            } else {
                end - 3
            };
            let data = self.slice(start, data_end.max(start))?;
            self.push(Token::CommentToken(data));
            return Some(end);
        }
        let keyword = b.get(at + 2..at + 9)?;
        if !keyword.eq_ignore_ascii_case(b"doctype") {
            return None;
        }
        self.doctype(at + 9)
    }

    /// A doctype whose name (or the whitespace before it) starts at `i`.
    fn doctype(&self, i: usize) -> Option<usize> {
        let b = self.b;
        let i = skip_spaces(b, i);
        if *b.get(i)? == b'>' {
            return None;
        }
        let name_end = skip_until(b, i, SPACE | GT);
        let name = StrTendril::from_slice(&lower(self.html.get(i..name_end)?));
        let mut i = skip_spaces(b, name_end);
        let mut public_id = None;
        let mut system_id = None;
        if *b.get(i)? == b'>' {
            i += 1;
        } else {
            let keyword = b.get(i..i + 6)?;
            if keyword.eq_ignore_ascii_case(b"public") {
                let (id, next) = self.quoted_id(skip_spaces(b, i + 6))?;
                public_id = Some(id);
                i = skip_spaces(b, next);
                match *b.get(i)? {
                    b'>' => i += 1,
                    b'"' | b'\'' => {
                        let (id, next) = self.quoted_id(i)?;
                        system_id = Some(id);
                        i = skip_spaces(b, next);
                        if *b.get(i)? != b'>' {
                            return None;
                        }
                        i += 1;
                    }
                    _ => return None,
                }
            } else if keyword.eq_ignore_ascii_case(b"system") {
                let (id, next) = self.quoted_id(skip_spaces(b, i + 6))?;
                system_id = Some(id);
                i = skip_spaces(b, next);
                if *b.get(i)? != b'>' {
                    return None;
                }
                i += 1;
            } else {
                return None;
            }
        }
        self.push(Token::DoctypeToken(Doctype {
            name: Some(name),
            public_id,
            system_id,
            force_quirks: false,
        }));
        Some(i)
    }

    /// A quoted doctype identifier whose quote is at `i`, and the index
    /// past its closing quote. A `>` inside ends the doctype abruptly
    /// (quirks), which this tokenizer leaves to html5ever.
    fn quoted_id(&self, i: usize) -> Option<(StrTendril, usize)> {
        let q = *self.b.get(i)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let close = i + 1 + memchr(q, &self.b[i + 1..])?;
        if memchr(b'>', &self.b[i + 1..close]).is_some() {
            return None;
        }
        Some((self.slice(i + 1, close)?, close + 1))
    }
}

/// `s` with CR LF and lone CR turned into LF, in one pass.
fn normalize_newlines(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(k) = memchr(b'\r', &b[i..]) {
        let cr = i + k;
        // Both ends are next to ASCII bytes: character boundaries.
        out.push_str(&s[i..cr]);
        out.push('\n');
        i = cr + 1 + usize::from(b.get(cr + 1) == Some(&b'\n'));
    }
    out.push_str(&s[i..]);
    out
}

/// ASCII upper case lowered, as tag, attribute and doctype names are.
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The character reference at `html[at] == '&'`, read no further than
/// `limit`: what it stands for (`None`: not a reference, the `&` is text)
/// and where the text after it starts. `None` overall for the cases this
/// tokenizer leaves to html5ever (see the module documentation).
fn char_ref(html: &str, at: usize, limit: usize) -> Option<(Option<String>, usize)> {
    let b = &html.as_bytes()[..limit];
    let i = at + 1;
    match b.get(i) {
        Some(b'#') => {
            let (hex, digits) = match b.get(i + 1) {
                Some(b'x' | b'X') => (true, i + 2),
                _ => (false, i + 1),
            };
            let radix = if hex { 16 } else { 10 };
            let mut n: u32 = 0;
            let mut j = digits;
            while let Some(d) = b.get(j).and_then(|&c| (c as char).to_digit(radix)) {
                n = n.saturating_mul(radix).saturating_add(d).min(0x11_0000);
                j += 1;
            }
            if j == digits || b.get(j) != Some(&b';') {
                return None;
            }
            let c = match n {
                0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{FFFD}',
                0x80..=0x9F => C1_REPLACEMENTS[(n - 0x80) as usize]
                    .unwrap_or_else(|| char::from_u32(n).unwrap_or('\u{FFFD}')),
                _ => char::from_u32(n)?,
            };
            Some((Some(c.to_string()), j + 1))
        }
        Some(c) if c.is_ascii_alphanumeric() => {
            let end = i + b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            if b.get(end) == Some(&b';')
                && let Some(&(c1, c2)) = NAMED_ENTITIES.get(html.get(i..end + 1)?)
                && c1 != 0
            {
                let mut s = String::with_capacity(8);
                s.push(char::from_u32(c1)?);
                if c2 != 0 {
                    s.push(char::from_u32(c2)?);
                }
                return Some((Some(s), end + 1));
            }
            // A known name without ';' (or before a longer unknown one) is
            // resolved by legacy rules that depend on what follows.
            for len in 1..=end - i {
                match NAMED_ENTITIES.get(html.get(i..i + len)?) {
                    None => break,
                    Some(&(c1, _)) if c1 != 0 => return None,
                    Some(_) => {}
                }
            }
            Some((None, at + 1))
        }
        _ => Some((None, at + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ego_tree::iter::Edge;

    /// Everything in the tree, in order, exactly.
    fn dump(doc: &Html) -> Vec<String> {
        let mut out = vec![format!("{:?}", doc.quirks_mode)];
        for edge in doc.tree.root().traverse() {
            let Edge::Open(node) = edge else { continue };
            let depth = node.ancestors().count();
            out.push(match node.value() {
                Node::Element(e) => {
                    let attrs: Vec<String> = e
                        .attrs
                        .iter()
                        .map(|(k, v)| format!("{:?}:{}={:?}", k.ns, k.local, &**v))
                        .collect();
                    format!("{depth} <{}|{} {}>", &*e.name.ns, e.name(), attrs.join(" "))
                }
                other => format!("{depth} {other:?}"),
            });
        }
        out
    }

    /// Parses `html` both ways; panics if the trees differ. Returns whether
    /// this tokenizer took it.
    fn same(html: &str) -> bool {
        let plain = dump(&Html::parse_document(html));
        let Some(doc) = parse(html, 16) else {
            return false;
        };
        let ours = dump(&doc);
        if plain != ours {
            let first = plain
                .iter()
                .zip(&ours)
                .position(|(a, b)| a != b)
                .unwrap_or(plain.len().min(ours.len()));
            panic!(
                "trees differ for {html:?}\nat node {first}: {:?} (html5ever) vs {:?}",
                plain.get(first),
                ours.get(first)
            );
        }
        true
    }

    #[test]
    fn tags_and_attributes_as_html5ever_reads_them() {
        for html in [
            "<!DOCTYPE html><html><head><title>제목 &amp; 부제</title></head><body><p>본문</p></body></html>",
            r#"<div data-x="a>b" class='c>d' e=f>g</div>"#,
            r#"<div =x a b=c/>y"#,
            r#"<div a="1"b='2'c=3/ d>e</div>"#,
            r#"<br/><img src=x/><p/>t"#,
            "<DIV\nCLASS=x\tID = 'y' >z</DIV>",
            r#"<p class="a" class="b" CLASS=c>dup</p>"#,
            r#"<a href="?a=1&amp;b=2&c=3&copy;x&#38;y&#x26;z&#X3C;">l</a>"#,
            r#"<a href=?a=1&amp;b=2 title=x"y<z`w>u</a>"#,
            "a < b > c <3 <<p>d</p> </> x</",
            "<p>R&D, M&A, S&P 500, AT&T, &#xAC00;&#44032; &hellip; &nbsp;&lt;&gt;&quot;&#128;</p>",
            "<table><tr><td>a<td>b</tr>x</table><table> <tr> </tr> </table>",
            "<table>text<tr><td>c</td></tr></table>",
            "<p><b>a<i>b</p>c</i>d</b>e",
            "<pre>\nline</pre><pre>&#10;x</pre><textarea>\ny &amp; z</textarea><listing>\nq</listing>",
            "<ul><li>a<li>b</ul><dl><dt>x<dd>y</dl><select><option>1<option>2</select>",
            "<svg><path d='M0'/><title>t</title></svg><math><mi>x</mi></math><p>after",
            "<p>a<!-- one -->b<!---->c<!-->d<!--->e<!-- x --!>f</p>",
            "<title>a<b>&amp;</b></title><style>p{x:\"</p>\"}</style><script>if(a<b)x();</script><p>z",
            "<noscript><img src=x></noscript><iframe><p>no</p></iframe><xmp><b></xmp>",
            "<script>a</SCRIPT\n>b<style>c</style x=y>d",
            "<html lang=ko><body class=x><p>a</p></body></html><!-- tail -->",
            "<head><meta charset=utf-8><meta http-equiv=Content-Type content='text/html; charset=euc-kr'></head>",
            "\u{FEFF}<p>bom</p>",
            "<p>cr\r\nlf\rcr</p><a title='x\r\ny'>t</a>\r\n\r",
            "\r<p>\r\r\n</p>\n\r",
            "<p>trailing &",
            "<p>&#0;&#xD800;&#x110000;&#99999999999;&#x9F;&#x81;</p>",
            "<form><input type=hidden><table><input type=hidden><input type=text></table></form>",
            "<frameset><frame></frameset>",
            "<body><a><a>x</a></a><nobr><nobr>y</nobr>",
        ] {
            assert!(same(html), "gave up on {html:?}");
        }
        // Legacy references are left to html5ever.
        assert!(!same("<p>&notin; &notinx; &xyz; &ampx &amp</p>"));
    }

    #[test]
    fn doctypes_keep_their_quirks() {
        for html in [
            "<!DOCTYPE html><p>x",
            "<!doctype HTML><p>x",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>x",
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><table><p>x</table>",
            "<!DOCTYPE html PUBLIC '-//W3C//DTD HTML 4.01//EN' 'http://www.w3.org/TR/html4/strict.dtd'><p>x",
            "<!DOCTYPE html SYSTEM \"about:legacy-compat\"><p>x",
            "<p>x<table><p>y</table>",
        ] {
            assert!(same(html), "gave up on {html:?}");
        }
        // What it leaves to html5ever.
        for html in [
            "<!DOCTYPE><p>x",
            "<!DOCTYPE html PUBLIC><p>x",
            "<!DOCTYPE html bogus><p>x",
            "<?xml version='1.0'?><p>x",
            "<p>a\0b",
            "<plaintext><p>x",
            "<p>&amp x",
            "<p>&#65 x",
            "<svg><![CDATA[x]]></svg>",
            "<p>x</ p>",
            "<div class='x",
        ] {
            assert!(!same(html), "took {html:?}");
        }
    }

    #[test]
    fn corpus_pages_build_the_same_tree() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/news-html");
        let Ok(sites) = std::fs::read_dir(&dir) else {
            eprintln!("no corpus at {}; skipped", dir.display());
            return;
        };
        let (mut taken, mut all) = (0, 0);
        for site in sites.flatten() {
            let Ok(pages) = std::fs::read_dir(site.path()) else {
                continue;
            };
            for page in pages.flatten() {
                let Ok(bytes) = std::fs::read(page.path()) else {
                    continue;
                };
                let html = String::from_utf8_lossy(&bytes);
                let slimmed = super::super::prepass::slim_for_tests(&html);
                all += 1;
                taken += usize::from(same(&slimmed));
                same(&html);
            }
        }
        assert!(taken * 10 >= all * 9, "took {taken} of {all} pages");
    }
}
