//! Revised Romanization of Korean (국어의 로마자 표기법, 2000), for English
//! labels of names the gazetteer does not know.
//!
//! Takes Korean text, gives Latin text. Hangul syllables are decomposed into
//! initial, medial and final jamo and spelled with the official tables; the
//! main sound changes between syllables are applied (linking of a final
//! before a silent initial, nasalisation, ㄹ assimilation), as the standard
//! asks. Anything that is not Hangul (Latin letters, digits) is kept.
//!
//! Person names follow the conventions people actually use rather than the
//! bare standard: surname first with its customary spelling (김 Kim, 이 Lee,
//! 박 Park, 최 Choi…), the given name romanized syllable by syllable without
//! sound changes and joined with a hyphen (`김영섭` → `Kim Yeong-seop`).

use std::sync::LazyLock;

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const MEDIALS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
/// Finals before a consonant or at the end of a word (the "representative
/// sound" of each final).
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];
/// Finals when the next syllable starts with the silent ㅇ: the consonant is
/// pronounced as the next syllable's initial (연음).
const LINKED_FINALS: [&str; 28] = [
    "", "g", "kk", "ks", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "r", "m",
    "b", "ps", "s", "ss", "ng", "j", "ch", "k", "t", "p", "",
];

/// Customary spellings of common surnames (the forms on passports and in the
/// press, not the strict Revised Romanization).
const SURNAMES: &[(&str, &str)] = &[
    ("남궁", "Namgung"),
    ("황보", "Hwangbo"),
    ("제갈", "Jegal"),
    ("선우", "Sunwoo"),
    ("독고", "Dokgo"),
    ("사공", "Sagong"),
    ("김", "Kim"),
    ("이", "Lee"),
    ("박", "Park"),
    ("최", "Choi"),
    ("정", "Jung"),
    ("강", "Kang"),
    ("조", "Cho"),
    ("윤", "Yoon"),
    ("장", "Jang"),
    ("임", "Lim"),
    ("한", "Han"),
    ("오", "Oh"),
    ("서", "Seo"),
    ("신", "Shin"),
    ("권", "Kwon"),
    ("황", "Hwang"),
    ("안", "Ahn"),
    ("송", "Song"),
    ("류", "Ryu"),
    ("유", "Yoo"),
    ("홍", "Hong"),
    ("전", "Jeon"),
    ("고", "Ko"),
    ("문", "Moon"),
    ("양", "Yang"),
    ("손", "Son"),
    ("배", "Bae"),
    ("백", "Baek"),
    ("허", "Heo"),
    ("남", "Nam"),
    ("심", "Shim"),
    ("노", "Noh"),
    ("하", "Ha"),
    ("곽", "Kwak"),
    ("성", "Sung"),
    ("차", "Cha"),
    ("주", "Joo"),
    ("우", "Woo"),
    ("구", "Koo"),
    ("민", "Min"),
    ("진", "Jin"),
    ("나", "Na"),
    ("지", "Ji"),
    ("엄", "Eom"),
    ("채", "Chae"),
    ("원", "Won"),
    ("천", "Cheon"),
    ("방", "Bang"),
    ("공", "Kong"),
    ("현", "Hyun"),
    ("변", "Byun"),
    ("염", "Yeom"),
    ("여", "Yeo"),
    ("추", "Choo"),
    ("도", "Do"),
    ("소", "So"),
    ("석", "Seok"),
    ("선", "Sun"),
    ("설", "Seol"),
    ("마", "Ma"),
    ("길", "Gil"),
    ("연", "Yeon"),
    ("위", "Wi"),
    ("표", "Pyo"),
    ("명", "Myung"),
    ("기", "Ki"),
    ("반", "Ban"),
    ("왕", "Wang"),
    ("금", "Keum"),
    ("옥", "Ok"),
    ("육", "Yook"),
    ("인", "In"),
    ("맹", "Maeng"),
    ("제", "Je"),
    ("모", "Mo"),
    ("탁", "Tak"),
    ("국", "Kook"),
    ("어", "Eo"),
    ("은", "Eun"),
    ("편", "Pyeon"),
    ("용", "Yong"),
    ("봉", "Bong"),
    ("경", "Kyung"),
    ("예", "Ye"),
    ("피", "Pi"),
    ("범", "Beom"),
    ("함", "Ham"),
    ("라", "Ra"),
    ("태", "Tae"),
    ("빈", "Bin"),
    ("상", "Sang"),
    ("시", "Si"),
    ("계", "Kye"),
    ("팽", "Paeng"),
    ("견", "Kyeon"),
    ("담", "Dam"),
    ("뢰", "Roe"),
    ("묵", "Mook"),
    ("순", "Soon"),
    ("승", "Seung"),
    ("평", "Pyeong"),
    ("학", "Hak"),
    ("후", "Hu"),
    ("간", "Kan"),
    ("갈", "Kal"),
    ("감", "Kam"),
    ("단", "Dan"),
    ("매", "Mae"),
    ("목", "Mok"),
    ("복", "Bok"),
    ("빙", "Bing"),
    ("삼", "Sam"),
    ("온", "On"),
    ("옹", "Ong"),
    ("운", "Woon"),
    ("점", "Jeom"),
    ("좌", "Jwa"),
    ("직", "Jik"),
    ("창", "Chang"),
    ("춘", "Choon"),
    ("판", "Pan"),
    ("필", "Pil"),
    ("형", "Hyung"),
    ("흥", "Heung"),
];
/// The first entries of [`SURNAMES`] are the two-syllable surnames.
const TWO_SYLLABLE_SURNAMES: usize = 6;

/// The index of a precomposed Hangul syllable (가 = 0 … 힣 = 11171).
pub(crate) fn syllable_index(c: char) -> Option<usize> {
    let code = (c as u32).checked_sub(0xAC00)? as usize;
    (code < 11172).then_some(code)
}

/// The jamo indices of a precomposed Hangul syllable.
fn decompose(c: char) -> Option<(usize, usize, usize)> {
    let code = syllable_index(c)?;
    Some((code / 588, (code % 588) / 28, code % 28))
}

/// Whether `c` is a precomposed Hangul syllable.
pub fn is_hangul_syllable(c: char) -> bool {
    syllable_index(c).is_some()
}

/// Romanizes one syllable in isolation (no sound changes with neighbours).
fn syllable(l: usize, v: usize, t: usize) -> String {
    format!("{}{}{}", INITIALS[l], MEDIALS[v], FINALS[t])
}

/// Revised Romanization of `text`, lower case, with the sound changes
/// between adjacent syllables of one word. Non-Hangul characters are copied.
pub fn romanize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    for (i, &c) in chars.iter().enumerate() {
        let Some((l, v, t)) = decompose(c) else {
            out.push(c);
            continue;
        };
        let prev = i
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .and_then(|&p| decompose(p));
        let next = chars.get(i + 1).and_then(|&n| decompose(n));
        // Initial: ㄹ after a final other than ㄹ/ㄴ is pronounced ㄴ
        // (nasalisation); after ㄹ or ㄴ it is the lateral l.
        let initial = match (l, prev) {
            (5, Some((_, _, pt))) if pt != 0 => match FINALS[pt] {
                "l" | "n" => "l",
                _ => "n",
            },
            (5, None) => "r",
            // ㄴ after ㄹ is pronounced ㄹ (`별내` → byeollae).
            (2, Some((_, _, pt))) if FINALS[pt] == "l" => "l",
            _ => INITIALS[l],
        };
        out.push_str(initial);
        out.push_str(MEDIALS[v]);
        let final_ = match next {
            Some((11, _, _)) => LINKED_FINALS[t],
            // Nasalisation of a stop before ㄴ, ㅁ or ㄹ.
            Some((nl, _, _)) if matches!(nl, 2 | 5 | 6) => match FINALS[t] {
                "k" => "ng",
                "t" => "n",
                "p" => "m",
                "n" if nl == 5 => "l",
                f => f,
            },
            Some((nl, _, _)) if t == 8 && nl == 2 => "l",
            _ => FINALS[t],
        };
        out.push_str(final_);
    }
    out
}

/// Upper-cases the first letter of each space-separated word.
pub fn capitalize_words(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// For each Hangul syllable (by [`syllable_index`]), 1 + the index in
/// [`SURNAMES`] of the one-syllable surname it is, or 0. The recognizer asks
/// [`surname`] about nearly every word; scanning the list compared strings
/// ~130 times per question.
static ONE_SYLLABLE_SURNAMES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut table = vec![0u8; 11172];
    // Backwards, so the first entry of a syllable wins, as a scan would.
    for (i, (k, _)) in SURNAMES.iter().enumerate().rev() {
        let mut cs = k.chars();
        if let (Some(c), None) = (cs.next(), cs.next())
            && let Some(code) = syllable_index(c)
            && let (Some(slot), Ok(index)) = (table.get_mut(code), u8::try_from(i + 1))
        {
            *slot = index;
        }
    }
    table
});

/// The customary spelling of a surname, if `s` is one.
pub fn surname(s: &str) -> Option<&'static str> {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (None, _) => None,
        (Some(c), None) => {
            let index = *ONE_SYLLABLE_SURNAMES.get(syllable_index(c)?)?;
            let &(_, v) = SURNAMES.get(usize::from(index).checked_sub(1)?)?;
            Some(v)
        }
        _ => SURNAMES.iter().find(|(k, _)| *k == s).map(|(_, v)| *v),
    }
}

/// Splits a Korean personal name into surname and given name: a two-syllable
/// surname when one is known and the name has four syllables, else the first
/// syllable.
pub fn split_name(name: &str) -> Option<(&str, &str)> {
    let n = name.chars().count();
    if !(2..=4).contains(&n) || !name.chars().all(is_hangul_syllable) {
        return None;
    }
    let cut2 = name.char_indices().nth(2).map(|(b, _)| b)?;
    if n >= 3
        && SURNAMES[..TWO_SYLLABLE_SURNAMES]
            .iter()
            .any(|(k, _)| *k == &name[..cut2])
    {
        return Some((&name[..cut2], &name[cut2..]));
    }
    let cut1 = name.char_indices().nth(1).map(|(b, _)| b)?;
    Some((&name[..cut1], &name[cut1..]))
}

/// English label of a Korean personal name: `김영섭` → `Kim Yeong-seop`.
/// Names that are not 2–4 Hangul syllables (foreign names written in Hangul)
/// are romanized word by word and capitalised.
pub fn romanize_person(name: &str) -> String {
    // Only names that start with a known surname follow the Korean
    // convention; foreign names in Hangul (`바이든`) are one word.
    let Some((family, given)) = split_name(name).filter(|(f, _)| surname(f).is_some()) else {
        return capitalize_words(&romanize(name));
    };
    let family_en = surname(family).unwrap_or_default();
    let given_en: Vec<String> = given
        .chars()
        .filter_map(decompose)
        .map(|(l, v, t)| syllable(l, v, t))
        .collect();
    let given_en = capitalize_words(&given_en.join("-"));
    format!("{family_en} {given_en}")
}

/// English label of any other name: Hangul runs romanized and capitalised,
/// Latin parts kept as written (`KT클라우드` → `KT Keullaudeu`).
pub fn romanize_name(name: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if !run.is_empty() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(&capitalize_words(&romanize(run)));
            run.clear();
        }
    };
    for c in name.chars() {
        if is_hangul_syllable(c) {
            run.push(c);
        } else {
            let had_run = !run.is_empty();
            flush(&mut run, &mut out);
            if had_run && !c.is_whitespace() {
                out.push(' ');
            }
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_syllables() {
        assert_eq!(romanize("한국"), "hanguk");
        assert_eq!(romanize("서울"), "seoul");
        assert_eq!(romanize("부산"), "busan");
        assert_eq!(romanize("제주"), "jeju");
    }

    #[test]
    fn sound_changes() {
        // Linking, nasalisation, ㄹ assimilation.
        assert_eq!(romanize("한국어"), "hangugeo");
        assert_eq!(romanize("종로"), "jongno");
        assert_eq!(romanize("신라"), "silla");
        assert_eq!(romanize("백마"), "baengma");
        assert_eq!(romanize("별내"), "byeollae");
        assert_eq!(romanize("울산"), "ulsan");
    }

    #[test]
    fn people_surname_first_with_customary_spellings() {
        assert_eq!(romanize_person("김영섭"), "Kim Yeong-seop");
        assert_eq!(romanize_person("구현모"), "Koo Hyeon-mo");
        assert_eq!(romanize_person("최지웅"), "Choi Ji-ung");
        assert_eq!(romanize_person("윤동식"), "Yoon Dong-sik");
        assert_eq!(romanize_person("이수민"), "Lee Su-min");
        assert_eq!(romanize_person("남궁민수"), "Namgung Min-su");
        assert_eq!(romanize_person("권하영"), "Kwon Ha-yeong");
        assert_eq!(romanize_person("바이든"), "Baideun");
        assert_eq!(romanize_person("조 바이든"), "Jo Baideun");
    }

    #[test]
    fn surname_lookup_agrees_with_the_list() {
        for &(k, v) in SURNAMES {
            assert_eq!(surname(k), Some(v), "{k}");
        }
        for s in ["", "김김", "남", "궁", "A", "남궁민", "ㄱ"] {
            let scan = SURNAMES.iter().find(|(k, _)| *k == s).map(|(_, v)| *v);
            assert_eq!(surname(s), scan, "{s}");
        }
    }

    #[test]
    fn other_names_keep_latin_parts() {
        assert_eq!(romanize_name("KT클라우드"), "KT Keullaudeu");
        assert_eq!(romanize_name("오픈컨설팅"), "Opeunkeonseolting");
        assert_eq!(romanize_name("LG CNS"), "LG CNS");
        assert_eq!(romanize_name(""), "");
    }
}
