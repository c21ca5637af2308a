//! Bytes → text: picks the character encoding of a fetched page and decodes it.
//!
//! Takes the raw body and the HTTP `Content-Type`; gives out a `String` and the
//! encoding that was used. Korean sites still serve EUC-KR/CP949, so getting
//! this wrong produces mojibake that poisons every later stage.
//!
//! Order of evidence, as browsers do it: a byte-order mark, the charset in
//! the HTTP header, then a `<meta charset>` / `http-equiv` / XML declaration
//! near the top of the document, then detection. encoding_rs follows the
//! WHATWG Encoding Standard, where the label "euc-kr" (and "ks_c_5601-1987",
//! "cp949") means windows-949, the superset Korean sites actually use.
//!
//! Detection is deliberately small: valid UTF-8 is UTF-8; otherwise a body
//! that decodes cleanly as EUC-KR is EUC-KR. A declared label whose decoding
//! is full of errors is not trusted when another candidate decodes cleanly,
//! because mislabelled Korean pages are common.

use encoding_rs::{EUC_KR, Encoding, UTF_8, WINDOWS_1252};

/// How many bytes from the start are searched for a `<meta charset>` or XML
/// declaration. The HTML standard says 1024; Korean portals often put long
/// scripts before the meta tag, so we look further.
const PRESCAN_BYTES: usize = 4096;

/// Share of replacement characters above which a decoding counts as failed.
const MAX_REPLACEMENT_RATIO: f64 = 0.005;

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot decode body as text: {reason}")]
pub struct DecodeError {
    /// What went wrong.
    pub reason: String,
}

/// The outcome of decoding: the text and the encoding chosen.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// The encoding that was used (its WHATWG name, e.g. `"EUC-KR"`).
    pub encoding: &'static Encoding,
    /// Whether some byte sequences were invalid and were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Decodes `body` using the charset of `content_type` (an HTTP
/// `Content-Type` value), the document's own declaration, or detection.
///
/// Fails only when no candidate decodes with fewer than 0.5 % replacement
/// characters, which in practice means the body is binary, not text.
pub fn decode(body: &[u8], content_type: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(body) {
        return finish(enc, &body[bom_len..]);
    }
    // Text in any ASCII-compatible encoding has no NUL bytes; images, PDFs
    // and archives almost always do.
    if body[..body.len().min(PRESCAN_BYTES * 2)].contains(&0) {
        return Err(DecodeError {
            reason: "binary data (NUL bytes)".to_string(),
        });
    }
    let header = content_type.and_then(charset_from_content_type);
    let declared = declared_in_document(body);
    let mut candidates: Vec<&'static Encoding> = Vec::with_capacity(4);
    // A header saying windows-1252/ISO-8859-1 is usually a server default, not
    // a statement about the page, so the document's own declaration wins.
    match header {
        Some(h) if h == WINDOWS_1252 => candidates.extend(declared.iter().chain(Some(&h))),
        _ => candidates.extend(header.iter().chain(declared.iter())),
    }
    candidates.push(UTF_8);
    candidates.push(EUC_KR);
    let mut first_lossy: Option<Decoded> = None;
    for enc in candidates {
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if !had_errors {
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: enc,
                had_errors,
            });
        }
        if first_lossy.is_none() {
            first_lossy = Some(Decoded {
                text: text.into_owned(),
                encoding: enc,
                had_errors,
            });
        }
    }
    match first_lossy {
        Some(d) if replacement_ratio(&d.text) <= MAX_REPLACEMENT_RATIO => Ok(d),
        Some(d) => Err(DecodeError {
            reason: format!(
                "{:.1}% of the text is undecodable as {} (binary data?)",
                replacement_ratio(&d.text) * 100.0,
                d.encoding.name()
            ),
        }),
        None => Err(DecodeError {
            reason: "no candidate encoding".to_string(),
        }),
    }
}

fn finish(enc: &'static Encoding, body: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors && replacement_ratio(&text) > MAX_REPLACEMENT_RATIO {
        return Err(DecodeError {
            reason: format!(
                "byte-order mark says {} but the body does not decode",
                enc.name()
            ),
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc,
        had_errors,
    })
}

fn replacement_ratio(text: &str) -> f64 {
    let total = text.chars().count().max(1);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    bad as f64 / total as f64
}

/// The encoding named by the `charset=` parameter of a `Content-Type` value.
pub fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        encoding_for_label(value.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// The encoding for a charset label: the WHATWG labels, plus the Microsoft
/// names for windows-949 that Korean servers send and WHATWG omits.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    let microsoft = ["cp949", "ms949", "uhc", "x-windows-949", "windows949"];
    if microsoft.iter().any(|l| label.eq_ignore_ascii_case(l)) {
        return Some(EUC_KR);
    }
    Encoding::for_label(label.as_bytes())
}

/// The encoding a document declares near its start: `<meta charset=...>`,
/// `<meta http-equiv="Content-Type" content="...; charset=...">` or
/// `<?xml ... encoding="..."?>`.
pub fn declared_in_document(body: &[u8]) -> Option<&'static Encoding> {
    let head = &body[..body.len().min(PRESCAN_BYTES)];
    // Labels are ASCII, so a lossless ASCII view is enough to search in.
    let ascii: String = head
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                (b as char).to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    if ascii.trim_start().starts_with("<?xml")
        && let Some(enc) = ascii
            .find("encoding=")
            .and_then(|i| label_at(&ascii[i + 9..]))
    {
        return Some(enc);
    }
    let mut rest = ascii.as_str();
    while let Some(i) = rest.find("<meta") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..tag_end];
        if let Some(enc) = tag.find("charset=").and_then(|c| label_at(&tag[c + 8..])) {
            // UTF-16 cannot be declared from inside an ASCII-compatible
            // document; browsers read it as UTF-8.
            return Some(if enc.output_encoding() == UTF_8 {
                UTF_8
            } else {
                enc
            });
        }
        rest = &rest[tag_end..];
    }
    None
}

fn label_at(s: &str) -> Option<&'static Encoding> {
    let s = s.trim_start().trim_start_matches(['"', '\'']);
    let end = s.find(|c: char| {
        !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':' || c == '.')
    });
    let label = &s[..end.unwrap_or(s.len())];
    encoding_for_label(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOREAN: &str = "가을 하늘 아래 기자회견이 열렸다.";

    fn euc_kr(s: &str) -> Vec<u8> {
        EUC_KR.encode(s).0.into_owned()
    }

    #[test]
    fn header_charset_wins() {
        let body = euc_kr(KOREAN);
        let d = decode(&body, Some("text/html; charset=EUC-KR")).unwrap();
        assert_eq!(d.text, KOREAN);
        assert_eq!(d.encoding, EUC_KR);
    }

    #[test]
    fn ks_c_5601_and_cp949_labels_mean_windows_949() {
        assert_eq!(
            charset_from_content_type("text/html; charset=ks_c_5601-1987"),
            Some(EUC_KR)
        );
        assert_eq!(
            charset_from_content_type("text/html;charset=\"cp949\""),
            Some(EUC_KR)
        );
    }

    #[test]
    fn meta_charset_used_without_header() {
        let mut body = b"<html><head><meta charset=\"euc-kr\"></head><body>".to_vec();
        body.extend(euc_kr(KOREAN));
        let d = decode(&body, Some("text/html")).unwrap();
        assert!(d.text.contains(KOREAN));
    }

    #[test]
    fn http_equiv_and_xml_declaration() {
        let mut body =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">".to_vec();
        body.extend(euc_kr(KOREAN));
        assert!(decode(&body, None).unwrap().text.contains(KOREAN));
        let mut xml = b"<?xml version=\"1.0\" encoding=\"EUC-KR\"?><rss>".to_vec();
        xml.extend(euc_kr(KOREAN));
        assert!(decode(&xml, None).unwrap().text.contains(KOREAN));
    }

    #[test]
    fn detection_without_any_declaration() {
        assert_eq!(decode(&euc_kr(KOREAN), None).unwrap().text, KOREAN);
        assert_eq!(decode(KOREAN.as_bytes(), None).unwrap().text, KOREAN);
    }

    #[test]
    fn wrong_header_is_overridden_when_body_does_not_decode() {
        let body = euc_kr(KOREAN);
        let d = decode(&body, Some("text/html; charset=utf-8")).unwrap();
        assert_eq!(d.text, KOREAN);
    }

    #[test]
    fn utf8_body_under_an_euc_kr_header_is_not_mojibake() {
        let body = format!("<p>{KOREAN} {KOREAN}</p>");
        let d = decode(body.as_bytes(), Some("text/html; charset=euc-kr")).unwrap();
        assert!(d.text.contains(KOREAN), "{}", d.text);
    }

    #[test]
    fn latin1_header_yields_to_meta() {
        let mut body = b"<meta charset=euc-kr>".to_vec();
        body.extend(euc_kr(KOREAN));
        let d = decode(&body, Some("text/html; charset=iso-8859-1")).unwrap();
        assert!(d.text.contains(KOREAN));
    }

    #[test]
    fn binary_is_an_error() {
        let body: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode(&body, None).is_err());
        let mut mostly_bad = vec![0xFFu8; 500];
        mostly_bad.extend(b"abc");
        assert!(decode(&mostly_bad, Some("text/html; charset=utf-8")).is_err());
    }

    #[test]
    fn bom_wins() {
        let mut body = vec![0xEF, 0xBB, 0xBF];
        body.extend(KOREAN.as_bytes());
        assert_eq!(
            decode(&body, Some("text/html; charset=euc-kr"))
                .unwrap()
                .text,
            KOREAN
        );
    }
}
