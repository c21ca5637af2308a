//! Word lists the rules match against: the trigger nouns and verbs of each
//! relation family (titles and their classes are `data/titles.tsv`, read by
//! [`crate::text::titles`]).
//!
//! The lists are general Korean news vocabulary, not taken from any test
//! set; extend them when a new title or trigger shows up in real articles.

pub(crate) use crate::text::titles::TitleClass;

/// Particles and copula endings that may follow a title or a name in the
/// same written word (`대표는`, `의원이었던`).
pub(crate) const PARTICLES: &[&str] = &[
    "",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "에게",
    "에서",
    "로",
    "으로",
    "와",
    "과",
    "도",
    "만",
    "인",
    "이자",
    "이며",
    "이고",
    "였던",
    "이었던",
    "로서",
    "으로서",
    "직",
    "직을",
    "직에",
    "께서",
    "님",
    "님은",
    "님이",
    "이다",
    "다",
    "였다",
    "이었다",
    "에는",
    "에도",
    "까지",
    "부터",
    "으로부터",
    "로부터",
    "에게서",
    "께",
    "과의",
    "와의",
    "이라는",
    "라는",
    "에서도",
    "으로는",
    "로는",
    "에게는",
    "이란",
    "란",
    "이나",
    "나",
    "이라고",
    "라고",
    "이었고",
    "였고",
    "으로서는",
    "로서는",
    "에서의",
    "과는",
    "와는",
];

/// Words after a title that make it a past position (`대표 시절`).
pub(crate) const FORMER_AFTER: &[&str] = &[
    "시절",
    "재임 시절",
    "재직 시절",
    "재임 당시",
    "재직 당시",
    "당시",
    "때",
    "재임 때",
    "재직 때",
    "출신",
    "를 지낸",
    "을 지낸",
    "를 지냈",
    "을 지냈",
    "를 역임",
    "을 역임",
];

/// Verbs of appointment (`…를 대표로 선임했다`).
pub(crate) const APPOINT_VERBS: &[&str] = &[
    "선임", "임명", "내정", "선출", "발탁", "영입", "승진", "취임", "위촉",
];

/// Subject/topic particles.
pub(crate) const SUBJECT_PARTICLES: &[&str] =
    &["은", "는", "이", "가", "도", "측은", "측이", "에서는"];

/// Object particles.
pub(crate) const OBJECT_PARTICLES: &[&str] = &["을", "를"];

/// Nouns that make the second organisation a subsidiary of the first.
pub(crate) const SUBSIDIARY_NOUNS: &[&str] = &[
    "자회사",
    "손자회사",
    "계열사",
    "자회사인",
    "손자회사인",
    "계열사인",
    "계열",
    "관계사",
    "관계회사",
    "100%자회사",
    "종속회사",
];

/// Nouns that make the second organisation a part of the first.
pub(crate) const MEMBER_NOUNS: &[&str] = &[
    "산하",
    "소속",
    "산하기관",
    "소속기관",
    "산하기관인",
    "소속기관인",
    "산하의",
    "소속의",
    "산하인",
];

/// Nouns of a partnership between two organisations.
pub(crate) const PARTNER_NOUNS: &[&str] = &[
    "업무협약",
    "협약",
    "MOU",
    "양해각서",
    "파트너십",
    "전략적 제휴",
    "제휴",
    "협력",
    "손잡",
    "맞손",
    "동맹",
    "합작",
    "협업",
    "합작법인",
    "합작사",
    "합작회사",
    "조인트벤처",
    "공동 개발",
    "공동개발",
    "공동 연구",
    "공동연구",
];

/// Nouns of a contract between two organisations.
pub(crate) const CONTRACT_NOUNS: &[&str] = &["계약", "수주", "라이선스"];

/// Nouns of competition.
pub(crate) const COMPETE_NOUNS: &[&str] = &["경쟁", "맞붙", "격돌", "맞대결"];

/// Verbs of adopting or using a product.
pub(crate) const USE_VERBS: &[&str] = &[
    "도입", "이용", "사용", "채택", "활용", "적용", "구독", "탑재",
];

/// Verbs of making or offering a product.
pub(crate) const MAKE_VERBS: &[&str] = &[
    "개발한",
    "출시한",
    "선보인",
    "내놓은",
    "만든",
    "생산하는",
    "제조하는",
    "운영하는",
    "제공하는",
    "개발하는",
    "출시하는",
    "서비스하는",
    "공개한",
    "판매하는",
];

/// Verbs of founding an organisation.
pub(crate) const FOUND_VERBS: &[&str] = &[
    "설립", "창립", "창단", "개국", "창간", "창업", "창당", "출범", "개교", "개원", "창설", "세운",
    "세웠",
];
