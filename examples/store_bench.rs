//! Fills a store (an SQLite file or a `postgres://` URL) with N articles of a
//! growing vocabulary, for measuring exports at scale (`scripts/pg-scale.sh`).
//!
//! ```sh
//! cargo run --release --example store_bench -- fill postgres://postgres@127.0.0.1:5432/scale 100000 [TYPED=1] [PAIRS=24]
//! ```
//!
//! The articles' facts are generated, not analysed (the export's cost does
//! not depend on how the facts were found, and analysing 100,000 pages would
//! take minutes before measuring anything), in the proportions the pipeline
//! gives on the corpus's real articles: each article mentions 12 entities,
//! one of them never seen before (so the vocabulary grows by one entity per
//! article, as news does with new names) and the others drawn from those
//! seen so far with a strong preference for the popular ones; TYPED typed
//! relations among them and PAIRS sentence co-occurrences (stored, as
//! ingestion stores them; exported only with `--co-occurrence`), each with
//! its evidence sentence. (On the 65 pages of `../shared/corpus` the
//! pipeline finds 8 entities, 0.4 typed relations and about 30 co-occurring
//! pairs per article.)
//! Names are generated from Hangul syllables (`가온누리테크`, `김하린`).
//! Publication dates spread evenly over 2026, so a week holds about 1/52 of
//! the articles.

use std::time::Instant;

use newskg::graph::{ArticleFacts, ArticleInfo, EntityFact, Evidence, Modality, RelationFact};
use newskg::relations::RelationKind;
use newskg::store::{self, ArticleRecord, OpenOptions, StoredArticle};

const SYLLABLES: &[&str] = &[
    "가", "나", "다", "라", "마", "바", "사", "아", "자", "차", "카", "타", "파", "하", "온", "누",
    "리", "빛", "솔", "미", "르", "한", "새", "봄", "해", "달", "별", "솜", "결", "윤", "진", "슬",
];
const ORG_ENDINGS: &[&str] = &[
    "테크",
    "소프트",
    "바이오",
    "에너지",
    "모빌리티",
    "페이",
    "푸드",
    "로보틱스",
];
const SURNAMES: &[&str] = &["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"];
const KINDS: &[RelationKind] = &[
    RelationKind::PartnerOf,
    RelationKind::ContractWith,
    RelationKind::InvestsIn,
    RelationKind::Acquires,
    RelationKind::CustomerOf,
    RelationKind::CompetesWith,
];

/// xorshift64*: the same articles on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The `j`-th generated name: an organisation (even `j`) or a person (odd).
fn entity(j: u64) -> (String, String, &'static str) {
    let n = SYLLABLES.len() as u64;
    let mut k = j / 2;
    let mut name = String::new();
    if j % 2 == 1 {
        name.push_str(SURNAMES[(k % SURNAMES.len() as u64) as usize]);
        k /= SURNAMES.len() as u64;
        name.push_str(SYLLABLES[(k % n) as usize]);
        name.push_str(SYLLABLES[(k / n % n) as usize]);
        if k >= n * n {
            name.push_str(SYLLABLES[(k / (n * n) % n) as usize]);
        }
        return (format!("person:{name}"), name, "PERSON");
    }
    name.push_str(SYLLABLES[(k % n) as usize]);
    name.push_str(SYLLABLES[(k / n % n) as usize]);
    if k >= n * n {
        name.push_str(SYLLABLES[(k / (n * n) % n) as usize]);
    }
    name.push_str(ORG_ENDINGS[(k / (n * n * n) % ORG_ENDINGS.len() as u64) as usize]);
    (format!("org:{name}"), name, "ORG")
}

fn article(i: u64, total: u64, (typed, pairs): (usize, usize), rng: &mut Rng) -> StoredArticle {
    let url = format!("https://scale.example.kr/news/{i}");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
        + chrono::Days::new(i * 365 / total.max(1));
    let published = format!("{}T09:00:00+09:00", day.format("%Y-%m-%d"));
    // One new entity per article; the rest of those seen so far, the
    // popular (low-numbered) ones far more often.
    let mut ids: Vec<u64> = vec![i + 64];
    while ids.len() < 12 {
        let seen = i + 64;
        let j = (seen as f64 * rng.unit().powi(3)) as u64;
        if !ids.contains(&j) {
            ids.push(j);
        }
    }
    let entities: Vec<EntityFact> = ids
        .iter()
        .map(|&j| {
            let (id, label, kind) = entity(j);
            EntityFact {
                id,
                kind: kind.into(),
                label_ko: label,
                label_en: String::new(),
                aliases: vec![],
                roles: vec![],
                mentions: 1 + rng.next() % 3,
            }
        })
        .collect();
    let mut relations = Vec::new();
    for r in 0..typed + pairs {
        let a = &entities[(rng.next() % entities.len() as u64) as usize];
        let b = &entities[(rng.next() % entities.len() as u64) as usize];
        if a.id == b.id {
            continue;
        }
        let co = r >= typed;
        let sentence = format!(
            "{}은 {}일 {}와 협력 관계를 넓히기로 했다고 밝혔다.",
            a.label_ko,
            r + 1,
            b.label_ko
        );
        relations.push(RelationFact {
            source: a.id.clone(),
            target: b.id.clone(),
            kind: if co {
                RelationKind::CoOccursWith
            } else {
                KINDS[(rng.next() % KINDS.len() as u64) as usize]
            },
            directed: !co,
            confidence: 0.8,
            attributes: Default::default(),
            evidence: Evidence {
                date: Some(day.format("%Y-%m-%d").to_string().into()),
                url: url.as_str().into(),
                start: r * 60,
                end: r * 60 + sentence.chars().count(),
                sentence: sentence.into(),
                modality: Modality::Asserted,
            },
        });
    }
    let facts = ArticleFacts {
        article: ArticleInfo {
            url: url.clone(),
            title: Some(format!("{} 소식 ({i}호)", entities[0].label_ko)),
            published: Some(published.clone()),
            publisher: Some("스케일경제".into()),
        },
        entities,
        relations,
    };
    StoredArticle {
        record: ArticleRecord {
            key: url.clone(),
            url: url.clone(),
            canonical_url: Some(url.clone()),
            aliases: vec![],
            content_hash: format!("{i:016x}"),
            published: Some(published),
            modified: None,
            fetched: "2026-12-01T00:00:00Z".into(),
            facts,
        },
        urls: vec![(url, None)],
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: store_bench fill DB N [TYPED=1] [PAIRS=24]";
    let (Some(cmd), Some(db), Some(n)) = (args.first(), args.get(1), args.get(2)) else {
        anyhow::bail!(usage);
    };
    anyhow::ensure!(cmd == "fill", usage);
    let n: u64 = n.parse()?;
    let typed: usize = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(1);
    let pairs: usize = args.get(4).map(|s| s.parse()).transpose()?.unwrap_or(24);
    let mut store = store::open(db, OpenOptions::default())?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let started = Instant::now();
    let mut batch = Vec::with_capacity(500);
    for i in 0..n {
        batch.push(article(i, n, (typed, pairs), &mut rng));
        if batch.len() == 500 || i + 1 == n {
            store.put_stored(&batch)?;
            batch.clear();
        }
        if (i + 1) % 10_000 == 0 {
            eprintln!(
                "{} articles, {:.0} s",
                i + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }
    let s = store.stats()?;
    println!(
        "filled {} in {:.1} s: {} articles, {} entities, {} relations, {} bytes",
        store.describe(),
        started.elapsed().as_secs_f64(),
        s.articles,
        s.entities,
        s.relations,
        s.bytes.unwrap_or(0)
    );
    Ok(())
}
