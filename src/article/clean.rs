//! Small text helpers shared by metadata and body extraction: whitespace
//! collapsing and HTML entity decoding for strings that arrive escaped
//! (JSON-LD headlines are often HTML-escaped twice).

/// Collapses runs of whitespace (including no-break and zero-width spaces)
/// into one space, trims the ends and composes Unicode (NFC), so Hangul
/// typed as separate jamo (macOS copies) matches the same word in syllables.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let collapsed = collapse(s);
    match NFC.normalize(&collapsed) {
        std::borrow::Cow::Borrowed(_) => collapsed,
        std::borrow::Cow::Owned(composed) => composed,
    }
}

const NFC: icu_normalizer::ComposingNormalizerBorrowed<'static> =
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc();

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Decodes the HTML character references that leak into metadata strings:
/// numeric ones and the handful of named ones seen in practice.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => ' ',
        "middot" => '·',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        _ => return None,
    })
}

/// Removes tags from an HTML fragment (as found inside JSON), keeping text.
pub(crate) fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find('>') else {
            rest = "";
            break;
        };
        let name: String = rest[i + 1..i + end]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        // Block-level tags separate words; inline ones (<b>, <a>) do not.
        if matches!(
            name.as_str(),
            "br" | "p" | "div" | "li" | "tr" | "td" | "h1" | "h2" | "h3"
        ) {
            out.push(' ');
        }
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace() {
        assert_eq!(
            collapse_whitespace("  가\u{a0}\u{a0}나 \n\t다  "),
            "가 나 다"
        );
        // 한 written as the jamo ᄒ ᅡ ᆫ composes to the syllable.
        assert_eq!(collapse_whitespace("\u{1112}\u{1161}\u{11AB}국"), "한국");
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("&#34;밤&#34; &quot;a&quot; &amp;&#x27;"),
            "\"밤\" \"a\" &'"
        );
        assert_eq!(decode_entities("AT&T & co"), "AT&T & co");
    }

    #[test]
    fn strips_tags() {
        assert_eq!(
            collapse_whitespace(&strip_tags("가<b>나</b><br/>다&amp;")),
            "가나 다&"
        );
    }
}
