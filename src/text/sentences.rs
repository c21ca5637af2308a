//! Splits article text into sentences, with character and byte offsets.
//!
//! Takes plain text (an article body); gives [`Sentence`]s in order. Korean
//! news sentences end in `다.`, `요.`, `?` or `!`, possibly followed by
//! closing quotes or brackets; a line break always ends a sentence. A period
//! between digits (`3.5%`) or after a Latin letter (`U.S.`) does not, and
//! neither does an ending followed directly by more text (`…했다."라고`):
//! that is a quotation inside the sentence.
//!
//! Invariant (tested): sentences do not overlap, appear in order, are never
//! empty, have no surrounding whitespace, and everything between them is
//! whitespace. Called by the relation stage (and the pipeline) before
//! classifying entity pairs sentence by sentence.

/// One sentence of a text, trimmed of surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'t> {
    /// The sentence text.
    pub text: &'t str,
    /// Start offset in characters.
    pub start: usize,
    /// End offset in characters (exclusive).
    pub end: usize,
    /// Start offset in bytes.
    pub byte_start: usize,
    /// End offset in bytes (exclusive).
    pub byte_end: usize,
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '」' | '』' | ')' | ']' | '》' | '〉'
    )
}

/// Splits `text` into sentences (see the module docs for the rules).
pub fn split_sentences(text: &str) -> Vec<Sentence<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let mut out = Vec::new();
    let mut begin = 0usize; // char index where the current sentence starts
    let mut i = 0usize;
    while i < n {
        let c = chars[i].1;
        let mut cut: Option<usize> = None; // char index just after the sentence
        if c == '\n' || c == '\r' {
            cut = Some(i);
        } else if matches!(c, '.' | '?' | '!' | '。' | '？' | '！') {
            let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
            let ends = if c == '.' {
                // A period ends a sentence after Korean text or a closing
                // mark (`…다.`, `…(종합).`), not after digits or Latin letters.
                matches!(prev, Some(p) if is_hangul_syllable(p) || is_closing(p))
            } else {
                true
            };
            if ends {
                let mut j = i + 1;
                while j < n && (matches!(chars[j].1, '.' | '?' | '!') || is_closing(chars[j].1)) {
                    j += 1;
                }
                if j == n || chars[j].1.is_whitespace() {
                    cut = Some(j);
                    i = j;
                }
            }
        }
        if let Some(end) = cut {
            push(text, &chars, begin, end, &mut out);
            begin = end;
        }
        i += 1;
    }
    push(text, &chars, begin, n, &mut out);
    out
}

fn push<'t>(
    text: &'t str,
    chars: &[(usize, char)],
    mut start: usize,
    mut end: usize,
    out: &mut Vec<Sentence<'t>>,
) {
    while start < end && chars[start].1.is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].1.is_whitespace() {
        end -= 1;
    }
    if start == end {
        return;
    }
    let byte_start = chars[start].0;
    let byte_end = if end < chars.len() {
        chars[end].0
    } else {
        text.len()
    };
    out.push(Sentence {
        text: &text[byte_start..byte_end],
        start,
        end,
        byte_start,
        byte_end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        split_sentences(s).iter().map(|x| x.text).collect()
    }

    fn check_invariant(s: &str) {
        let sents = split_sentences(s);
        let chars: Vec<char> = s.chars().collect();
        let mut pos = 0;
        for x in &sents {
            assert!(x.start >= pos && x.start < x.end);
            assert!(chars[pos..x.start].iter().all(|c| c.is_whitespace()));
            assert_eq!(&s[x.byte_start..x.byte_end], x.text);
            assert_eq!(chars[x.start..x.end].iter().collect::<String>(), x.text);
            assert_eq!(x.text.trim(), x.text);
            pos = x.end;
        }
        assert!(chars[pos..].iter().all(|c| c.is_whitespace()));
    }

    #[test]
    fn splits_on_korean_endings() {
        let s = "KT는 클라우드 사업을 키운다. 매출은 3.5% 늘었다! 정말 그럴까? 네, 그래요.";
        assert_eq!(
            texts(s),
            vec![
                "KT는 클라우드 사업을 키운다.",
                "매출은 3.5% 늘었다!",
                "정말 그럴까?",
                "네, 그래요."
            ]
        );
        check_invariant(s);
    }

    #[test]
    fn quotes_and_line_breaks() {
        let s = "그는 \"협력을 넓히겠다.\"라고 말했다. \"좋다.\" 다음 문장\n새 줄 U.S. 기업 1.2배";
        assert_eq!(
            texts(s),
            vec![
                "그는 \"협력을 넓히겠다.\"라고 말했다.",
                "\"좋다.\"",
                "다음 문장",
                "새 줄 U.S. 기업 1.2배"
            ]
        );
        check_invariant(s);
    }

    #[test]
    fn offsets_are_characters() {
        let s = "  가나다.  라마.";
        let v = split_sentences(s);
        assert_eq!((v[0].start, v[0].end), (2, 6));
        assert_eq!((v[1].start, v[1].end), (8, 11));
        check_invariant(s);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            " ",
            ".",
            "..!?",
            "\n\n",
            "다.\"",
            "a.b",
            "“”’.",
            "가.\r\n나",
        ] {
            check_invariant(s);
        }
    }
}
