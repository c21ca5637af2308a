//! The facts an article's structure states (see [`crate::text::structure`]):
//! the people its interview captions, transcript speaker labels and
//! programme headers name, and what the line says about each of them.
//!
//! - `김영호 / 롯데마트 대리`: 김영호 `employee_of` 롯데마트, role 대리 (the
//!   title's class decides `ceo_of`, `leads` or `employee_of`; `전` before
//!   the organisation makes it a former position);
//! - `박순자 / 경기 수원시`: 박순자 `resident_of` 수원시;
//! - `■ 진행 : 박지훈 변호사` under `■ 방송 : …`: 박지훈 `appears_in` the
//!   programme (a WORK node), role 진행;
//! - `◇ 박지훈:` opening every turn: one mention of 박지훈, not one per turn.
//!
//! Each person named counts one mention for all the structure lines that
//! name them. A fact's evidence is the line itself, with an empty span at
//! the place it stood in the analysed text (the line is not in it).
//! Descriptions are typed with the titles vocabulary
//! ([`relations::title_relation`]) and the entity recogniser: the
//! organisation is whatever precedes the title (a name the recogniser
//! does not know is still an organisation there), a place is what the
//! recogniser calls a place.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use crate::article::{Article, Caption, CaptionKind};
use crate::entities::romanize::{capitalize_words, romanize_name, romanize_person};
use crate::entities::{ArticleEntities, EntityType, Extractor, generated_id};
use crate::graph::{ArticleFacts, EntityFact, Evidence, Modality, RelationFact};
use crate::relations::{self, Patterns, RelationKind};
use crate::text::structure::PROGRAMME_ROLE;

/// Confidence of a fact a caption line states.
const CAPTION_CONFIDENCE: f64 = 0.9;

/// An organisation written in a caption is at most this long.
const MAX_ORG_CHARS: usize = 25;

/// Adds to `facts` the entities and relations of `article`'s captions and
/// programme credits. `text` is the analysed text, `found` its entities.
pub(super) fn add_facts(
    extractor: &Extractor,
    patterns: &Patterns,
    article: &Article,
    text: &str,
    found: &ArticleEntities,
    facts: &mut ArticleFacts,
) {
    if article.captions.is_empty() {
        return;
    }
    let url: Arc<str> = Arc::from(facts.article.url.as_str());
    let date: Option<Arc<str>> = facts.article.date().map(Arc::from);
    let mut adder = Adder {
        extractor,
        patterns,
        found,
        facts,
        counted: HashSet::new(),
        offsets: paragraph_offsets(article, text),
    };
    let programme = article
        .credits
        .iter()
        .find(|c| c.role == PROGRAMME_ROLE)
        .map(|c| adder.entity(EntityType::Work, &c.name, None));
    for caption in article.captions.iter().filter(|c| c.is_named()) {
        let evidence = Evidence {
            date: date.clone(),
            url: url.clone(),
            start: adder.offset(caption.paragraph),
            end: adder.offset(caption.paragraph),
            sentence: Arc::from(caption.line.as_str()),
            modality: Modality::Asserted,
        };
        adder.caption(caption, programme.as_deref(), evidence);
    }
}

/// Where each prose paragraph starts in the analysed text (characters),
/// plus the end.
fn paragraph_offsets(article: &Article, text: &str) -> Vec<usize> {
    let total = text.chars().count();
    let body = article.text.chars().count();
    let mut at = total.saturating_sub(body);
    let mut out = Vec::with_capacity(article.paragraphs.len() + 1);
    for p in &article.paragraphs {
        out.push(at.min(total));
        at += p.chars().count() + 2;
    }
    out.push(total);
    out
}

struct Adder<'a> {
    extractor: &'a Extractor,
    /// The relation patterns (title patterns decide a caption's kind).
    patterns: &'a Patterns,
    found: &'a ArticleEntities,
    facts: &'a mut ArticleFacts,
    /// Entities the structure has counted a mention of.
    counted: HashSet<String>,
    offsets: Vec<usize>,
}

impl Adder<'_> {
    fn offset(&self, paragraph: usize) -> usize {
        self.offsets
            .get(paragraph)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }

    fn caption(&mut self, caption: &Caption, programme: Option<&str>, evidence: Evidence) {
        let description = caption.description.as_deref().unwrap_or("").trim();
        let (former, description) = strip_former(description);
        let words: Vec<&str> = description.split_whitespace().collect();
        let mut role: Option<String> = None;
        let mut target: Option<(String, RelationKind)> = None;
        if let Some((&last, before)) = words.split_last() {
            let rest = before.join(" ");
            if let Some(kind) = relations::title_relation(self.patterns, last, former, &rest) {
                role = Some(last.to_string());
                if !rest.is_empty() {
                    target = self.organisation(&rest).map(|id| (id, kind));
                }
            } else if !rest.is_empty()
                && let Some(id) = self.known_organisation(&rest)
            {
                // `소속 직함` with a title the vocabulary lacks: the line
                // still says it is the person's position there.
                role = Some(last.to_string());
                let kind = if former {
                    RelationKind::FormerEmployeeOf
                } else {
                    RelationKind::EmployeeOf
                };
                target = Some((id, kind));
            } else if let Some(id) = self.place(description) {
                target = Some((id, RelationKind::ResidentOf));
            } else {
                role = Some(description.to_string());
            }
        }
        let person = self.person(&caption.name, role.as_deref());
        if let Some((org, kind)) = target {
            self.relation(&person, &org, kind, role.as_deref(), evidence.clone());
        }
        if let Some(work) = programme {
            let part = match caption.kind {
                CaptionKind::Host => Some("진행"),
                CaptionKind::Guest => Some("출연"),
                _ => None,
            };
            if let Some(part) = part {
                self.relation(&person, work, RelationKind::AppearsIn, Some(part), evidence);
            }
        }
    }

    /// The person's entity id, counted once.
    fn person(&mut self, name: &str, role: Option<&str>) -> String {
        let known = self
            .found
            .entities
            .iter()
            .find(|e| {
                e.kind == EntityType::Person
                    && (e.label_ko == name || e.aliases.iter().any(|a| a == name))
            })
            .map(|e| e.id.clone());
        let id = known.unwrap_or_else(|| {
            self.extractor
                .gazetteer()
                .lookup(name)
                .filter(|e| e.kind == EntityType::Person)
                .map_or_else(|| generated_id(EntityType::Person, name), |e| e.id.clone())
        });
        self.count(&id, EntityType::Person, name, role);
        id
    }

    /// The organisation `text` names in `소속 직함`: what the recogniser
    /// finds spanning it, else (a name it does not know) a new one.
    fn organisation(&mut self, text: &str) -> Option<String> {
        if let Some(id) = self.known_organisation(text) {
            return Some(id);
        }
        let plausible = text.chars().count() <= MAX_ORG_CHARS
            && text.split_whitespace().count() <= 3
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || " &.·-".contains(c));
        let generic = self
            .extractor
            .recognize(text, None)
            .iter()
            .any(|m| m.generic && m.text.trim() == text);
        (plausible && !generic).then(|| self.entity(EntityType::Org, text, None))
    }

    /// An organisation (or a place standing for one, `서울시`) the
    /// recogniser finds spanning all of `text`.
    fn known_organisation(&mut self, text: &str) -> Option<String> {
        let n = text.chars().count();
        let mentions = self.extractor.recognize(text, None);
        let m = mentions.iter().find(|m| {
            m.start == 0
                && m.end == n
                && !m.generic
                && matches!(m.kind, EntityType::Org | EntityType::Location)
        })?;
        Some(self.entity(m.kind, &m.text, Some(&m.id)))
    }

    /// The place `text` names (`경기 수원시`: the most specific, last one),
    /// when it names nothing but places.
    fn place(&mut self, text: &str) -> Option<String> {
        let mentions = self.extractor.recognize(text, None);
        let named: Vec<_> = mentions.iter().filter(|m| !m.generic).collect();
        if named.is_empty() || named.iter().any(|m| m.kind != EntityType::Location) {
            return None;
        }
        let m = named.last()?;
        Some(self.entity(EntityType::Location, &m.text, Some(&m.id)))
    }

    /// The id of an entity of `kind` named `text` (`id` when the recogniser
    /// gave one), added to the facts and counted once.
    fn entity(&mut self, kind: EntityType, text: &str, id: Option<&str>) -> String {
        let id = match id {
            Some(id) => id.to_string(),
            None => self
                .extractor
                .gazetteer()
                .lookup(text)
                .filter(|e| e.kind == kind)
                .map_or_else(|| generated_id(kind, text), |e| e.id.clone()),
        };
        self.count(&id, kind, text, None);
        id
    }

    /// Adds one mention of `id` (once per article), creating the node.
    fn count(&mut self, id: &str, kind: EntityType, text: &str, role: Option<&str>) {
        let first = self.counted.insert(id.to_string());
        let entities = &mut self.facts.entities;
        let fact = match entities.iter().position(|e| e.id == id) {
            Some(i) => &mut entities[i],
            None => {
                let gazetteer = self.extractor.gazetteer();
                let (ko, en) = match gazetteer.get(id) {
                    Some(e) => (e.ko.clone(), e.en.clone()),
                    None => (text.to_string(), english_label(kind, text)),
                };
                entities.push(EntityFact {
                    id: id.to_string(),
                    kind: kind.as_str().to_string(),
                    label_ko: ko,
                    label_en: en,
                    aliases: Vec::new(),
                    roles: Vec::new(),
                    mentions: 0,
                });
                entities.last_mut().expect("just pushed")
            }
        };
        if first {
            fact.mentions += 1;
        }
        if let Some(r) = role
            && !fact.roles.iter().any(|x| x == r)
        {
            fact.roles.push(r.to_string());
        }
    }

    fn relation(
        &mut self,
        source: &str,
        target: &str,
        kind: RelationKind,
        role: Option<&str>,
        evidence: Evidence,
    ) {
        if source == target {
            return;
        }
        let mut attributes = BTreeMap::new();
        if let Some(r) = role {
            attributes.insert("role".to_string(), r.to_string());
        }
        self.facts.relations.push(RelationFact {
            source: source.to_string(),
            target: target.to_string(),
            kind,
            directed: kind.is_directed(),
            confidence: CAPTION_CONFIDENCE,
            attributes,
            evidence,
        });
    }
}

/// `전 롯데마트 대리` → (true, `롯데마트 대리`).
fn strip_former(description: &str) -> (bool, &str) {
    for prefix in ["전 ", "前 ", "前"] {
        if let Some(rest) = description.strip_prefix(prefix) {
            return (true, rest.trim_start());
        }
    }
    (false, description)
}

/// An English label for a name no gazetteer knows, as the entity stage
/// makes one.
fn english_label(kind: EntityType, text: &str) -> String {
    match kind {
        EntityType::Person => romanize_person(text),
        _ => text
            .split_whitespace()
            .map(|w| {
                if w.is_ascii() {
                    w.to_string()
                } else {
                    capitalize_words(&romanize_name(w))
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use crate::article::from_text;
    use crate::graph::ArticleFacts;
    use crate::pipeline::Pipeline;

    static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new().unwrap());

    fn facts(text: &str) -> ArticleFacts {
        let article = from_text(text, Some("https://news.example/1".into())).unwrap();
        PIPELINE.process(&article)
    }

    fn edge<'f>(
        f: &'f ArticleFacts,
        source: &str,
        kind: &str,
    ) -> Option<&'f crate::graph::RelationFact> {
        f.relations
            .iter()
            .find(|r| r.source == source && r.kind.as_str() == kind)
    }

    fn node<'f>(f: &'f ArticleFacts, label: &str) -> Option<&'f crate::graph::EntityFact> {
        f.entities.iter().find(|e| e.label_ko == label)
    }

    #[test]
    fn captions_give_people_their_organisation_title_or_place() {
        let f = facts(
            "한빛전자가 오늘 평택에 새 반도체 공장을 열었습니다.\n\
             ▶ 인터뷰 : 김영호 / 롯데마트 대리\n\
             \"손님이 늘었습니다.\"\n\
             [이정민/새봄에너지 홍보팀장 : \"물량이 부족합니다.\"]\n\
             박순자 / 경기 수원시\n\
             [오세진/통일부 대변인]\n\
             [유○○/피해자 가족]\n\
             정다은 기자입니다.\n",
        );
        let kim = node(&f, "김영호").expect("김영호");
        assert_eq!((kim.kind.as_str(), kim.mentions), ("PERSON", 1));
        let r = edge(&f, &kim.id, "employee_of").expect("김영호 employee_of");
        assert_eq!(
            node(&f, "롯데마트").map(|e| e.id.as_str()),
            Some(r.target.as_str())
        );
        assert_eq!(r.attributes.get("role").map(String::as_str), Some("대리"));
        assert_eq!(&*r.evidence.sentence, "▶ 인터뷰 : 김영호 / 롯데마트 대리");
        assert_eq!(r.evidence.start, r.evidence.end);

        // An organisation the recogniser does not know is one here.
        let lee = node(&f, "이정민").expect("이정민");
        let r = edge(&f, &lee.id, "employee_of").expect("이정민 employee_of");
        let org = f.entities.iter().find(|e| e.id == r.target).unwrap();
        assert_eq!(
            (org.label_ko.as_str(), org.kind.as_str()),
            ("새봄에너지", "ORG")
        );
        assert_eq!(
            r.attributes.get("role").map(String::as_str),
            Some("홍보팀장")
        );
        assert_eq!(&*r.evidence.sentence, "이정민/새봄에너지 홍보팀장");

        let park = node(&f, "박순자").expect("박순자");
        let r = edge(&f, &park.id, "resident_of").expect("박순자 resident_of");
        let place = f.entities.iter().find(|e| e.id == r.target).unwrap();
        assert_eq!(place.kind, "LOCATION");
        assert!(place.label_ko.contains("수원"), "{}", place.label_ko);

        let oh = node(&f, "오세진").expect("오세진");
        let r = edge(&f, &oh.id, "employee_of").expect("오세진 employee_of");
        assert_eq!(
            node(&f, "통일부").map(|e| e.id.as_str()),
            Some(r.target.as_str())
        );

        // The reporter and the withheld name are no nodes.
        assert!(node(&f, "정다은").is_none());
        assert!(f.entities.iter().all(|e| !e.label_ko.contains('○')));
    }

    #[test]
    fn a_caption_title_reads_through_the_title_patterns() {
        // `대표` of a company is its chief executive; of a party, its leader.
        let f = facts(
            "여야가 오늘 예산안 처리에 합의했습니다.\n\
             [인터뷰 : 한지원 / 새빛정의당 대표]\n\
             \"합의를 존중합니다.\"\n\
             [인터뷰 : 문태호 / 가온소프트 대표]\n\
             \"시장이 반길 겁니다.\"\n",
        );
        let han = node(&f, "한지원").expect("한지원");
        let r = edge(&f, &han.id, "leads").expect("한지원 leads");
        assert_eq!(
            node(&f, "새빛정의당").map(|e| e.id.as_str()),
            Some(r.target.as_str())
        );
        assert!(edge(&f, &han.id, "ceo_of").is_none());
        let moon = node(&f, "문태호").expect("문태호");
        assert!(edge(&f, &moon.id, "ceo_of").is_some());
    }

    #[test]
    fn a_transcript_speaker_is_one_mention_and_a_programme_has_its_host_and_guest() {
        let f = facts(
            "한빛라디오(FM 99.9) [아침광장 정다은입니다]\n\
             □ 진행 : 정다은 변호사\n\
             □ 출연 : 김영호 새봄에너지 대표\n\
             ◇ 정다은: 오늘은 전기요금 얘기입니다.\n\
             ◆ 김영호: 반갑습니다.\n\
             ◇ 정다은: 요금이 또 오릅니까?\n\
             ◆ 김영호: 그럴 것 같습니다.\n\
             ◇ 정다은: 고맙습니다.\n",
        );
        let host = node(&f, "정다은").expect("정다은");
        assert_eq!(
            host.mentions, 1,
            "one mention for every label and header line"
        );
        let show = node(&f, "아침광장 정다은입니다").expect("the programme");
        assert_eq!(show.kind, "WORK");
        let r = edge(&f, &host.id, "appears_in").expect("host appears_in");
        assert_eq!(r.target, show.id);
        assert_eq!(r.attributes.get("role").map(String::as_str), Some("진행"));
        let guest = node(&f, "김영호").expect("김영호");
        assert_eq!(guest.mentions, 1);
        assert!(edge(&f, &guest.id, "appears_in").is_some());
        let r = edge(&f, &guest.id, "ceo_of").expect("김영호 ceo_of");
        assert_eq!(
            node(&f, "새봄에너지").map(|e| e.id.as_str()),
            Some(r.target.as_str())
        );
        assert_eq!(&*r.evidence.sentence, "□ 출연 : 김영호 새봄에너지 대표");
    }

    #[test]
    fn a_former_position_and_a_title_alone() {
        let f = facts(
            "한빛전자가 오늘 평택에 새 반도체 공장을 열었습니다.\n\
             [김영호/전 새봄에너지 사장]\n\
             [박순자/국무총리]\n",
        );
        let kim = node(&f, "김영호").unwrap();
        assert!(edge(&f, &kim.id, "former_ceo_of").is_some());
        let park = node(&f, "박순자").unwrap();
        assert_eq!(park.roles, vec!["국무총리"]);
        assert!(
            f.relations
                .iter()
                .all(|r| r.source != park.id
                    || r.kind == crate::relations::RelationKind::CoOccursWith)
        );
    }
}
