//! Site profiles: data describing where the body sits in a CMS layout.
//!
//! Takes TOML (the built-in `data/sites.toml`, [`DEFAULT_PROFILES`], and any
//! file a user passes with `--sites`) and gives out compiled [`Profiles`]
//! that find the profile for a document and pull its body paragraphs.
//! Profiles are data so that a user can teach newskg a new CMS without
//! recompiling; they describe layouts, never individual articles.

use std::path::Path;

use scraper::Html;
use serde::Deserialize;
use serde_json::Value;

use super::body::paragraphs_of;
use super::clean::{collapse_whitespace, strip_tags};
use super::select::{Rule, attr};

/// The built-in profile file, `data/sites.toml`.
pub const DEFAULT_PROFILES: &str = include_str!("../../data/sites.toml");

/// Why a profile file could not be used. Messages name the file and profile.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file could not be read.
    #[error("cannot read site profiles {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the expected shape.
    #[error("invalid site profiles in {origin}: {message}")]
    Parse {
        /// The file (or "built-in").
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// A CSS selector does not parse.
    #[error("site profile {profile:?} in {origin}: invalid selector {selector:?}: {message}")]
    Selector {
        /// The file (or "built-in").
        origin: String,
        /// The profile's name.
        profile: String,
        /// The selector text.
        selector: String,
        /// The parser's complaint.
        message: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(default)]
    site: Vec<ProfileSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileSpec {
    name: String,
    #[serde(default)]
    hosts: Vec<String>,
    #[serde(default)]
    detect: Vec<String>,
    #[serde(default)]
    body: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    published: Vec<FieldRule>,
    #[serde(default)]
    modified: Vec<FieldRule>,
    #[serde(default)]
    authors: Vec<String>,
    script_json: Option<ScriptJson>,
}

/// Where a profile reads a metadata field the page's tags lack: the text of
/// the first element `selector` matches, or its attribute `attr`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    /// CSS selector.
    pub selector: String,
    /// Attribute holding the value (the element's text when absent).
    pub attr: Option<String>,
}

/// Where a CMS ships the article as JSON inside a `<script>`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptJson {
    /// The `<script>` element.
    pub selector: String,
    /// Text right before the JSON value, e.g. `Fusion.globalContent=`.
    pub marker: String,
    /// Dotted path to the array of body elements.
    pub items: String,
    /// Field telling an element's kind.
    pub type_field: Option<String>,
    /// Kind of the text elements.
    pub type_value: Option<String>,
    /// Field holding an element's text (may contain HTML).
    pub text_field: String,
    /// Dotted path to the bylines, `*` stepping into every array element,
    /// e.g. `credits.by.*.additional_properties.original.byline`.
    pub authors: Option<String>,
}

/// One compiled site profile.
#[derive(Debug, Clone)]
pub struct SiteProfile {
    /// Human-readable name.
    pub name: String,
    hosts: Vec<String>,
    detect: Vec<Rule>,
    body: Vec<Rule>,
    remove: Vec<Rule>,
    published: Vec<(Rule, Option<String>)>,
    modified: Vec<(Rule, Option<String>)>,
    authors: Vec<Rule>,
    script_json: Option<(Rule, ScriptJson)>,
}

/// An ordered list of profiles; the first that applies to a page wins.
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    sites: Vec<SiteProfile>,
}

impl Profiles {
    /// No profiles: every page goes through the generic path.
    pub fn none() -> Self {
        Profiles::default()
    }

    /// The built-in profiles ([`DEFAULT_PROFILES`]).
    pub fn builtin() -> Self {
        // The file is compiled in and a unit test parses it, so this cannot
        // fail in a released binary; fall back to no profiles rather than panic.
        Profiles::from_toml(DEFAULT_PROFILES, "built-in data/sites.toml").unwrap_or_default()
    }

    /// Parses a profile file's text; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Self, ProfileError> {
        let file: ProfileFile = toml::from_str(text).map_err(|e| ProfileError::Parse {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        let mut sites = Vec::with_capacity(file.site.len());
        for spec in file.site {
            let compile = |list: &[String]| -> Result<Vec<Rule>, ProfileError> {
                list.iter()
                    .map(|s| compile_selector(s, origin, &spec.name))
                    .collect()
            };
            let rules = |list: &[FieldRule]| -> Result<Vec<(Rule, Option<String>)>, ProfileError> {
                list.iter()
                    .map(|r| {
                        Ok((
                            compile_selector(&r.selector, origin, &spec.name)?,
                            r.attr.clone(),
                        ))
                    })
                    .collect()
            };
            let script_json = match &spec.script_json {
                Some(sj) => Some((
                    compile_selector(&sj.selector, origin, &spec.name)?,
                    sj.clone(),
                )),
                None => None,
            };
            if spec.hosts.is_empty() && spec.detect.is_empty() {
                return Err(ProfileError::Parse {
                    origin: origin.to_string(),
                    message: format!("profile {:?} has neither `hosts` nor `detect`", spec.name),
                });
            }
            sites.push(SiteProfile {
                hosts: spec
                    .hosts
                    .iter()
                    .map(|h| h.trim().to_ascii_lowercase())
                    .collect(),
                detect: compile(&spec.detect)?,
                body: compile(&spec.body)?,
                remove: compile(&spec.remove)?,
                published: rules(&spec.published)?,
                modified: rules(&spec.modified)?,
                authors: compile(&spec.authors)?,
                script_json,
                name: spec.name,
            });
        }
        Ok(Profiles { sites })
    }

    /// Reads and parses a profile file.
    pub fn from_file(path: &Path) -> Result<Self, ProfileError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Profiles::from_toml(&text, &path.display().to_string())
    }

    /// These profiles followed by `other`'s (so ours take precedence).
    pub fn then(mut self, other: Profiles) -> Self {
        self.sites.extend(other.sites);
        self
    }

    /// The profiles, in order.
    pub fn sites(&self) -> &[SiteProfile] {
        &self.sites
    }

    /// The first profile that applies to `doc` served from `host`.
    pub fn find(&self, doc: &Html, host: Option<&str>) -> Option<(usize, &SiteProfile)> {
        self.sites
            .iter()
            .enumerate()
            .find(|(_, p)| p.applies(doc, host))
    }
}

fn compile_selector(s: &str, origin: &str, profile: &str) -> Result<Rule, ProfileError> {
    Rule::parse(s).map_err(|message| ProfileError::Selector {
        origin: origin.to_string(),
        profile: profile.to_string(),
        selector: s.to_string(),
        message,
    })
}

impl SiteProfile {
    fn applies(&self, doc: &Html, host: Option<&str>) -> bool {
        let host_ok = self.hosts.is_empty()
            || host.is_some_and(|h| {
                self.hosts
                    .iter()
                    .any(|p| h == p || h.strip_suffix(p.as_str()).is_some_and(|r| r.ends_with('.')))
            });
        let detect_ok =
            self.detect.is_empty() || self.detect.iter().any(|s| s.first(doc).is_some());
        host_ok && detect_ok
    }

    /// The raw publication time this profile's rules find, if any.
    pub fn published(&self, doc: &Html) -> Option<String> {
        first_value(doc, &self.published)
    }

    /// The raw modification time this profile's rules find, if any.
    pub fn modified(&self, doc: &Html) -> Option<String> {
        first_value(doc, &self.modified)
    }

    /// The texts of the byline elements this profile names.
    pub fn authors(&self, doc: &Html) -> Vec<String> {
        if let Some((sel, sj)) = &self.script_json
            && let Some(path) = &sj.authors
        {
            let found: Vec<String> = sel
                .first(doc)
                .and_then(|script| script_json_root(&script.text().collect::<String>(), sj))
                .map(|root| strings_at(&root, path))
                .unwrap_or_default();
            if !found.is_empty() {
                return found;
            }
        }
        self.authors
            .iter()
            .flat_map(|sel| sel.select(doc))
            .map(|el| collapse_whitespace(&el.text().collect::<String>()))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The body paragraphs this profile finds, or `None` when its selectors
    /// match nothing with text (the caller then falls back to the generic path).
    pub fn extract_body(&self, doc: &Html) -> Option<Vec<String>> {
        if let Some((sel, sj)) = &self.script_json {
            let found = sel.first(doc).and_then(|script| {
                let text: String = script.text().collect();
                script_json_paragraphs(&text, sj)
            });
            if let Some(p) = found.filter(|p| !p.is_empty()) {
                return Some(p);
            }
        }
        self.body.iter().find_map(|sel| {
            let el = sel.first(doc)?;
            let p = paragraphs_of(el, &self.remove, true);
            (!p.is_empty()).then_some(p)
        })
    }
}

fn first_value(doc: &Html, rules: &[(Rule, Option<String>)]) -> Option<String> {
    rules.iter().find_map(|(sel, name)| {
        let el = sel.first(doc)?;
        let value = match name {
            Some(a) => attr(el.value(), a)?.to_string(),
            None => el.text().collect::<String>(),
        };
        let value = collapse_whitespace(&value);
        (!value.is_empty()).then_some(value)
    })
}

/// The JSON value right after the profile's marker in a script.
fn script_json_root(script: &str, sj: &ScriptJson) -> Option<Value> {
    let start = script.find(&sj.marker)? + sj.marker.len();
    // Parse only the first JSON value after the marker; the script goes on
    // with more JavaScript.
    let mut values = serde_json::Deserializer::from_str(&script[start..]).into_iter::<Value>();
    values.next()?.ok()
}

/// The strings at a dotted path, `*` stepping into every array element.
fn strings_at(root: &Value, path: &str) -> Vec<String> {
    let mut current = vec![root];
    for key in path.split('.').filter(|k| !k.is_empty()) {
        current = current
            .into_iter()
            .flat_map(|v| match (key, v) {
                ("*", Value::Array(items)) => items.iter().collect::<Vec<_>>(),
                (k, v) => v.get(k).into_iter().collect(),
            })
            .collect();
    }
    current
        .into_iter()
        .filter_map(Value::as_str)
        .map(collapse_whitespace)
        .filter(|s| !s.is_empty())
        .collect()
}

fn script_json_paragraphs(script: &str, sj: &ScriptJson) -> Option<Vec<String>> {
    let root = script_json_root(script, sj)?;
    let mut items = &root;
    for key in sj.items.split('.').filter(|k| !k.is_empty()) {
        items = items.get(key)?;
    }
    let paragraphs = items
        .as_array()?
        .iter()
        .filter(|item| match (&sj.type_field, &sj.type_value) {
            (Some(f), Some(v)) => item.get(f).and_then(Value::as_str) == Some(v.as_str()),
            _ => true,
        })
        .filter_map(|item| item.get(&sj.text_field)?.as_str())
        .map(|html| collapse_whitespace(&strip_tags(html)))
        .filter(|p| !p.is_empty())
        .collect();
    Some(paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse() {
        let p = Profiles::from_toml(DEFAULT_PROFILES, "built-in").unwrap();
        assert!(p.sites().len() >= 5);
    }

    #[test]
    fn bad_selector_names_the_profile() {
        let err = Profiles::from_toml("[[site]]\nname = \"x\"\ndetect = [\"div[\"]\n", "mine.toml")
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("mine.toml") && msg.contains("\"x\""), "{msg}");
    }

    #[test]
    fn detect_and_host_matching() {
        let p = Profiles::from_toml(
            "[[site]]\nname = \"cms\"\ndetect = [\"#body\"]\nbody = [\"#body\"]\n\
             [[site]]\nname = \"host\"\nhosts = [\"example.com\"]\nbody = [\"main\"]\n",
            "t",
        )
        .unwrap();
        let doc = Html::parse_document("<main><p>본문이다.</p></main>");
        assert!(
            p.find(&doc, Some("news.example.com"))
                .is_some_and(|(i, _)| i == 1)
        );
        assert!(p.find(&doc, Some("badexample.com")).is_none());
        let doc = Html::parse_document("<div id=body><p>본문이다.</p></div>");
        let (_, prof) = p.find(&doc, None).unwrap();
        assert_eq!(prof.extract_body(&doc).unwrap(), vec!["본문이다."]);
    }

    #[test]
    fn script_json_body() {
        let p = Profiles::from_toml(DEFAULT_PROFILES, "built-in").unwrap();
        let html = r#"<div id="fusion-app"></div><script id="fusion-metadata">window.Fusion={};Fusion.globalContent={"content_elements":[{"type":"image","caption":"사진"},{"type":"text","content":"첫 문단 <b>굵게</b>이다."},{"type":"text","content":"둘째 문단이다."}],"credits":{"by":[{"name":"길동 홍","additional_properties":{"original":{"byline":"홍길동 기자"}}}]}};Fusion.x=1;</script>"#;
        let doc = Html::parse_document(html);
        let (_, prof) = p.find(&doc, None).unwrap();
        assert_eq!(
            prof.extract_body(&doc).unwrap(),
            vec!["첫 문단 굵게이다.", "둘째 문단이다."]
        );
        assert_eq!(prof.authors(&doc), vec!["홍길동 기자"]);
    }
}
