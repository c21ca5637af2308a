//! Measuring extraction quality: token-level F1 between an extracted body
//! and a reference body.
//!
//! Used by the corpus tests and the `article_eval` example. Two tokenisers:
//! [`word_tokens`] (runs of letters and digits, blind to punctuation and
//! spacing, so a reference that glued "발견됐습니다.‘몸값" together does not
//! count against us) and [`whitespace_tokens`].

use std::collections::HashMap;

/// Maximal runs of alphanumeric characters (Hangul included).
pub fn word_tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Whitespace-separated tokens.
pub fn whitespace_tokens(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Precision, recall and F1 of `candidate` against `reference` as token
/// multisets. Two empty texts score 1.0.
pub fn f1(candidate: &[&str], reference: &[&str]) -> (f64, f64, f64) {
    if candidate.is_empty() && reference.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for t in reference {
        *counts.entry(t).or_default() += 1;
    }
    let mut overlap = 0usize;
    for t in candidate {
        if let Some(c) = counts.get_mut(t)
            && *c > 0
        {
            *c -= 1;
            overlap += 1;
        }
    }
    let p = if candidate.is_empty() {
        0.0
    } else {
        overlap as f64 / candidate.len() as f64
    };
    let r = if reference.is_empty() {
        0.0
    } else {
        overlap as f64 / reference.len() as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Word-token F1 of two texts (see [`word_tokens`]).
pub fn word_f1(candidate: &str, reference: &str) -> f64 {
    f1(&word_tokens(candidate), &word_tokens(reference)).2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_counts_multisets() {
        assert_eq!(word_f1("가 나 다", "가 나 다"), 1.0);
        let (p, r, f) = f1(&["가", "가", "나"], &["가", "나", "다", "라"]);
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
        assert!((f - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(
            word_tokens("발견됐습니다.‘몸값"),
            vec!["발견됐습니다", "몸값"]
        );
    }
}
