//! Word lists the rules match against: titles, their classes, and the
//! trigger nouns and verbs of each relation family.
//!
//! The lists are general Korean news vocabulary, not taken from any test
//! set; extend them when a new title or trigger shows up in real articles.

/// What a title says about its holder's relation to the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleClass {
    /// Chief executive: `ceo_of`.
    Ceo,
    /// Head of a non-company body: `leads`.
    Head,
    /// Any other position or membership: `employee_of` with the title as role.
    Staff,
}

/// Titles matched as whole words (after removing a trailing particle).
/// Longer entries first where one is a prefix of another does not matter:
/// matching compares whole words.
pub(crate) const TITLES: &[(&str, TitleClass)] = &[
    ("대표", TitleClass::Ceo),
    ("대표이사", TitleClass::Ceo),
    ("공동대표", TitleClass::Ceo),
    ("각자대표", TitleClass::Ceo),
    ("사장", TitleClass::Ceo),
    ("회장", TitleClass::Ceo),
    ("CEO", TitleClass::Ceo),
    ("최고경영자", TitleClass::Ceo),
    ("행장", TitleClass::Ceo),
    ("은행장", TitleClass::Ceo),
    ("총장", TitleClass::Head),
    ("원장", TitleClass::Head),
    ("군수", TitleClass::Head),
    ("구청장", TitleClass::Head),
    ("도지사", TitleClass::Head),
    ("지사", TitleClass::Head),
    ("시장", TitleClass::Head),
    ("이사장", TitleClass::Head),
    ("위원장", TitleClass::Head),
    ("장관", TitleClass::Head),
    ("청장", TitleClass::Head),
    ("총재", TitleClass::Head),
    ("감독", TitleClass::Head),
    ("단장", TitleClass::Head),
    ("관장", TitleClass::Head),
    ("소장", TitleClass::Head),
    ("학장", TitleClass::Head),
    ("교장", TitleClass::Head),
    ("교육감", TitleClass::Head),
    ("당대표", TitleClass::Head),
    ("대표이사장", TitleClass::Head),
    ("부회장", TitleClass::Staff),
    ("부사장", TitleClass::Staff),
    ("전무", TitleClass::Staff),
    ("상무", TitleClass::Staff),
    ("이사", TitleClass::Staff),
    ("사외이사", TitleClass::Staff),
    ("부장", TitleClass::Staff),
    ("차장", TitleClass::Staff),
    ("과장", TitleClass::Staff),
    ("팀장", TitleClass::Staff),
    ("본부장", TitleClass::Staff),
    ("실장", TitleClass::Staff),
    ("국장", TitleClass::Staff),
    ("부문장", TitleClass::Staff),
    ("사업부장", TitleClass::Staff),
    ("센터장", TitleClass::Staff),
    ("연구소장", TitleClass::Staff),
    ("연구원", TitleClass::Staff),
    ("수석연구원", TitleClass::Staff),
    ("책임연구원", TitleClass::Staff),
    ("선임연구원", TitleClass::Staff),
    ("교수", TitleClass::Staff),
    ("부교수", TitleClass::Staff),
    ("조교수", TitleClass::Staff),
    ("기자", TitleClass::Staff),
    ("특파원", TitleClass::Staff),
    ("애널리스트", TitleClass::Staff),
    ("선수", TitleClass::Staff),
    ("코치", TitleClass::Staff),
    ("의원", TitleClass::Staff),
    ("국회의원", TitleClass::Staff),
    ("대변인", TitleClass::Staff),
    ("원내대표", TitleClass::Staff),
    ("최고위원", TitleClass::Staff),
    ("사무총장", TitleClass::Staff),
    ("부대표", TitleClass::Staff),
    ("부총장", TitleClass::Staff),
    ("부원장", TitleClass::Staff),
    ("부위원장", TitleClass::Staff),
    ("부행장", TitleClass::Staff),
    ("부시장", TitleClass::Staff),
    ("부지사", TitleClass::Staff),
    ("멤버", TitleClass::Staff),
    ("고문", TitleClass::Staff),
    ("상임고문", TitleClass::Staff),
    ("의장", TitleClass::Staff),
    ("CTO", TitleClass::Staff),
    ("CFO", TitleClass::Staff),
    ("COO", TitleClass::Staff),
    ("CIO", TitleClass::Staff),
    ("CMO", TitleClass::Staff),
    ("CSO", TitleClass::Staff),
    ("CISO", TitleClass::Staff),
    ("최고기술책임자", TitleClass::Staff),
    ("최고재무책임자", TitleClass::Staff),
    ("최고운영책임자", TitleClass::Staff),
    ("최고전략책임자", TitleClass::Staff),
    ("사무국장", TitleClass::Staff),
    ("지점장", TitleClass::Staff),
    ("총괄", TitleClass::Staff),
    ("사업총괄", TitleClass::Staff),
    ("매니저", TitleClass::Staff),
    ("엔지니어", TitleClass::Staff),
    ("디렉터", TitleClass::Staff),
    ("연구위원", TitleClass::Staff),
    ("수석", TitleClass::Staff),
    ("위원", TitleClass::Staff),
    ("직원", TitleClass::Staff),
    ("사원", TitleClass::Staff),
    ("주장", TitleClass::Staff),
    ("공격수", TitleClass::Staff),
    ("수비수", TitleClass::Staff),
    ("미드필더", TitleClass::Staff),
    ("골키퍼", TitleClass::Staff),
    ("후보", TitleClass::Staff),
    ("앵커", TitleClass::Staff),
    ("강사", TitleClass::Staff),
    ("원내대변인", TitleClass::Staff),
    ("수석대변인", TitleClass::Staff),
    ("선발투수", TitleClass::Staff),
    ("대통령", TitleClass::Head),
    ("부통령", TitleClass::Staff),
    ("총서기", TitleClass::Head),
    ("부의장", TitleClass::Staff),
    ("수장", TitleClass::Head),
    ("사무처장", TitleClass::Staff),
    ("정책위의장", TitleClass::Staff),
    ("구청장", TitleClass::Head),
    ("예비후보", TitleClass::Staff),
    ("총리", TitleClass::Head),
    ("부총리", TitleClass::Staff),
    ("차관", TitleClass::Staff),
    ("간사", TitleClass::Staff),
    ("보컬", TitleClass::Staff),
    ("리더", TitleClass::Staff),
    ("래퍼", TitleClass::Staff),
    ("총비서", TitleClass::Head),
    ("제1서기", TitleClass::Head),
    ("서기장", TitleClass::Head),
    ("명예회장", TitleClass::Ceo),
    ("구단주", TitleClass::Head),
    ("권한대행", TitleClass::Staff),
    ("직무대행", TitleClass::Staff),
    ("투수", TitleClass::Staff),
    ("포수", TitleClass::Staff),
    ("내야수", TitleClass::Staff),
    ("유격수", TitleClass::Staff),
    ("스트라이커", TitleClass::Staff),
    ("수문장", TitleClass::Staff),
    ("외야수", TitleClass::Staff),
];

/// Title endings that make a compound word a title (`기업서비스본부장`,
/// `전북지방경찰청장`, `국회의원`). Only endings that are not also the end of
/// common non-title nouns: `장` alone is too loose (`시장`, `공장`).
pub(crate) const TITLE_SUFFIXES: &[(&str, TitleClass)] = &[
    ("대표이사", TitleClass::Ceo),
    ("사장", TitleClass::Ceo),
    ("회장", TitleClass::Ceo),
    ("장관", TitleClass::Head),
    ("차관", TitleClass::Staff),
    ("부총리", TitleClass::Staff),
    ("부사장", TitleClass::Staff),
    ("부회장", TitleClass::Staff),
    ("본부장", TitleClass::Staff),
    ("부문장", TitleClass::Staff),
    ("사업부장", TitleClass::Staff),
    ("센터장", TitleClass::Staff),
    ("연구소장", TitleClass::Staff),
    ("연구원장", TitleClass::Head),
    ("위원장", TitleClass::Head),
    ("청장", TitleClass::Head),
    ("총장", TitleClass::Head),
    ("병원장", TitleClass::Head),
    ("실장", TitleClass::Staff),
    ("팀장", TitleClass::Staff),
    ("국장", TitleClass::Staff),
    ("단장", TitleClass::Head),
    ("교수", TitleClass::Staff),
    ("연구원", TitleClass::Staff),
    ("국회의원", TitleClass::Staff),
    ("의원", TitleClass::Staff),
    ("대변인", TitleClass::Staff),
];

/// Multi-word titles matched as written.
pub(crate) const MULTIWORD_TITLES: &[(&str, TitleClass)] = &[
    ("이사회 의장", TitleClass::Staff),
    ("대표이사 사장", TitleClass::Ceo),
    ("대표이사 회장", TitleClass::Ceo),
    ("대표이사 부회장", TitleClass::Ceo),
    ("최고경영자(CEO)", TitleClass::Ceo),
    ("최고기술책임자(CTO)", TitleClass::Staff),
    ("최고재무책임자(CFO)", TitleClass::Staff),
];

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

/// Modifiers that may stand before a title without changing the relation.
pub(crate) const TITLE_MODIFIERS: &[&str] = &[
    "신임",
    "현",
    "초대",
    "공동",
    "각자",
    "수석",
    "상임",
    "대표이사",
    "최고",
    "단독",
];

/// Markers of a former position standing before a title or organisation.
pub(crate) const FORMER_MARKERS: &[&str] = &["전", "前", "전직", "옛"];

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
