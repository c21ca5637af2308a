//! URL normalisation for de-duplication: the same article reached through
//! tracking parameters, a mobile host, a fragment or a trailing slash maps
//! to one string.
//!
//! Takes any URL string; gives out its normal form, or the input unchanged
//! when it is not an absolute http(s) URL. Only the de-duplication key is
//! normalised: pages are always fetched at the URL the feed gave.

/// Query parameters that only track the visitor, dropped from the key.
/// `utm_*` is matched as a prefix.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "ref",
    "ref_src", "from", "rss", "rssfeed", "output", "cmpid", "spm",
];

/// Host prefixes of mobile editions (`m.news.example` → `news.example`).
const MOBILE_PREFIXES: &[&str] = &["m.", "mobile.", "amp."];

/// The de-duplication key of `raw`: lower-case host without `www.`/`m.`/
/// `mobile.`, `https`, no default port, no fragment, no tracking
/// parameters, the remaining parameters sorted, no trailing slash.
pub fn normalize(raw: &str) -> String {
    let Ok(mut url) = url::Url::parse(raw.trim()) else {
        return raw.trim().to_string();
    };
    if !matches!(url.scheme(), "http" | "https") {
        return url.to_string();
    }
    url.set_fragment(None);
    if let Some(host) = url.host_str().map(str::to_ascii_lowercase) {
        let mut h = host.as_str();
        if let Some(rest) = h.strip_prefix("www.") {
            h = rest;
        }
        for p in MOBILE_PREFIXES {
            if let Some(rest) = h.strip_prefix(p)
                && rest.contains('.')
            {
                h = rest;
                break;
            }
        }
        let h = h.to_string();
        let _ = url.set_host(Some(&h));
    }
    // http and https serve the same article; the port goes with the scheme.
    let port = url.port();
    if url.scheme() == "http" {
        let _ = url.set_scheme("https");
        let _ = url.set_port(port);
    }
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING_PARAMS.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    let path = url.path().to_string();
    if path.len() > 1 && path.ends_with('/') {
        url.set_path(path.trim_end_matches('/'));
    }
    let mut s = url.to_string();
    if url.path() == "/" && url.query().is_none() {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn tracking_mobile_fragment_and_slash_collapse() {
        let want = normalize("https://news.example.kr/article/123?id=5");
        for u in [
            "http://m.news.example.kr/article/123/?id=5&utm_source=rss&utm_medium=feed",
            "https://www.news.example.kr/article/123?fbclid=abc&id=5#comments",
            "https://mobile.news.example.kr/article/123?gclid=x&id=5",
            "HTTPS://NEWS.example.kr/article/123/?id=5",
        ] {
            assert_eq!(normalize(u), want, "{u}");
        }
        assert_eq!(want, "https://news.example.kr/article/123?id=5");
    }

    #[test]
    fn meaningful_parameters_are_kept_and_sorted() {
        assert_eq!(
            normalize("https://n.example/view?b=2&a=1&utm_campaign=z"),
            "https://n.example/view?a=1&b=2"
        );
        assert_ne!(
            normalize("https://n.example/view?id=1"),
            normalize("https://n.example/view?id=2")
        );
    }

    #[test]
    fn ports_survive_and_non_urls_pass_through() {
        assert_eq!(
            normalize("http://127.0.0.1:8080/a/?utm_source=x"),
            "https://127.0.0.1:8080/a"
        );
        assert_eq!(normalize("not a url"), "not a url");
        assert_eq!(normalize("https://m.example/"), "https://m.example");
    }
}
