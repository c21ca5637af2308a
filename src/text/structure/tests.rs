//! Lines written for these tests in the forms Korean broadcasters and
//! newspapers use (KBS, MBC, SBS, YTN, JTBC, MBN, 연합뉴스TV, CBS, papers).

use super::*;

fn read(lines: &[&str]) -> Reading {
    Structure::builtin().read(lines.iter().map(|s| s.to_string()).collect())
}

fn caption(name: &str, description: Option<&str>) -> (String, Option<String>) {
    (name.to_string(), description.map(str::to_string))
}

fn captions(r: &Reading) -> Vec<(String, Option<String>)> {
    r.captions
        .iter()
        .map(|c| (c.name.clone(), c.description.clone()))
        .collect()
}

const STORY: &str = "한빛전자가 오늘 평택에 새 반도체 공장을 열었습니다.";

#[test]
fn the_builtin_vocabulary_parses_and_holds_no_duplicates() {
    let v = Vocabulary::parse(DEFAULT_STRUCTURE, "data/structure.toml").unwrap();
    for (name, list) in v.lists() {
        assert!(
            !list.is_empty() || name == "credits.source_verbs",
            "{name} is empty"
        );
        let mut seen = std::collections::HashSet::new();
        for w in list {
            assert!(!w.trim().is_empty(), "{name} holds an empty entry");
            assert!(seen.insert(squash(w)), "{name} holds {w:?} twice");
        }
    }
    // Every author role is a people role.
    for a in &v.credits.authors {
        assert!(
            v.credits.people.contains(a),
            "credits.authors: {a} is no people role"
        );
    }
}

#[test]
fn a_vocabulary_file_extends_the_builtin_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(
        &path,
        "markers = [\"현장연결\"]\n[footer]\ncues = [\"후원 계좌\"]\n",
    )
    .unwrap();
    let s = Structure::with_file(&path).unwrap();
    let r = s.read(vec![
        "[현장연결]".into(),
        STORY.into(),
        "후원 계좌 : 한빛은행 000-00".into(),
    ]);
    assert_eq!(r.paragraphs, vec![STORY]);
    // Unknown keys and bad TOML name the file.
    std::fs::write(&path, "markerz = []\n").unwrap();
    let err = Structure::with_file(&path).unwrap_err().to_string();
    assert!(err.contains("mine.toml"), "{err}");
    let err = Structure::with_file(&dir.path().join("none.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("none.toml"), "{err}");
}

#[test]
fn segment_and_script_markers_are_not_prose() {
    let r = read(&[
        "[앵커]",
        "◀ 앵커 ▶",
        "<기자>",
        "(스탠딩)",
        "CG",
        "[리포트]",
        "◀ 리포트 ▶",
        "[앵커] 오늘 한빛전자가 새 공장을 열었습니다.",
        "<앵커 멘트> 물가가 또 올랐습니다.",
        "사고 현장은 아직 복구되지 않았습니다. (화면캡처)",
    ]);
    assert_eq!(
        r.paragraphs,
        vec![
            "오늘 한빛전자가 새 공장을 열었습니다.",
            "물가가 또 올랐습니다.",
            "사고 현장은 아직 복구되지 않았습니다."
        ]
    );
    assert!(r.captions.is_empty() && r.credits.is_empty() && r.authors.is_empty());
}

#[test]
fn interview_captions_in_every_broadcaster_form() {
    let r = read(&[
        "▶ 인터뷰 : 김영호 / 한빛마트 대리",
        "<인터뷰> 오세진 새봄전자 홍보팀장",
        "[정다은/새봄대학교 교수]",
        "[이정민/새봄전자 홍보팀장 : \"물량이 부족합니다.\"]",
        "[박순자 / 충북 청주시] \"장사가 너무 안 돼요.\"",
        "박순자 / 경기 수원시",
        "◀ SYNC ▶ 한가람 / 한빛은행 연구원",
        "[인터뷰] 마이클 스펜스 / 한빛투자 고문",
        "[녹취] 유○○ / 피해자 가족",
        "(인터뷰) 김모 씨 / 서울 마포구 주민",
    ]);
    assert_eq!(
        captions(&r),
        vec![
            caption("김영호", Some("한빛마트 대리")),
            caption("오세진", Some("새봄전자 홍보팀장")),
            caption("정다은", Some("새봄대학교 교수")),
            caption("이정민", Some("새봄전자 홍보팀장")),
            caption("박순자", Some("충북 청주시")),
            caption("박순자", Some("경기 수원시")),
            caption("한가람", Some("한빛은행 연구원")),
            caption("마이클 스펜스", Some("한빛투자 고문")),
            caption("유○○", Some("피해자 가족")),
            caption("김모 씨", Some("서울 마포구 주민")),
        ]
    );
    assert!(r.captions.iter().all(|c| c.kind == CaptionKind::Interview));
    // What was said stays prose; the caption lines do not.
    assert_eq!(
        r.paragraphs,
        vec!["\"물량이 부족합니다.\"", "\"장사가 너무 안 돼요.\""]
    );
    // The evidence is the line as written.
    assert_eq!(r.captions[0].line, "▶ 인터뷰 : 김영호 / 한빛마트 대리");
    assert_eq!(r.captions[3].line, "이정민/새봄전자 홍보팀장");
    // Withheld names are captions, not names.
    assert!(r.captions[7].is_named());
    assert!(!r.captions[8].is_named() && !r.captions[9].is_named());
}

#[test]
fn captions_remember_where_they_stood() {
    let r = read(&[
        STORY,
        "[김영호/한빛마트 대리]",
        "\"손님이 줄었습니다.\"",
        "물가는 계속 오를 전망입니다.",
    ]);
    assert_eq!(r.captions[0].paragraph, 1);
    assert_eq!(r.paragraphs.len(), 3);
}

#[test]
fn slashes_in_prose_are_not_captions() {
    let lines = [
        "매출 / 영업이익 추이",
        "올해 성장률은 2.1%/2.3%로 전망됩니다.",
        "김영호 대리는 \"손님이 줄었다\"고 말했다.",
        "결론 : 금리는 동결됐다.",
        "▲ 경제안보: 공급망 협력 강화",
        "인터뷰 도중 김영호 대리",
        "녹취 파일 공개",
    ];
    let r = read(&lines);
    assert!(r.captions.is_empty(), "{:?}", r.captions);
    assert_eq!(r.paragraphs, lines);
}

#[test]
fn reporter_sign_offs_are_authors_not_prose() {
    let r = read(&[
        "한빛전자가 공장을 열었습니다. 정다은 기자가 보도합니다.",
        STORY,
        "KBS 뉴스 정다은입니다.",
        "MBN뉴스 오세진입니다.",
        "연합뉴스 한가람입니다.",
        "워싱턴에서 이정민 특파원이 전합니다.",
        "김민준 기자의 보도입니다.",
        "취재기자 연결합니다. 박서연 기자!",
        "지금까지 경제부에서 전해드렸습니다.",
    ]);
    assert_eq!(
        r.paragraphs,
        vec![
            "한빛전자가 공장을 열었습니다.",
            STORY,
            "취재기자 연결합니다."
        ]
    );
    assert_eq!(
        r.authors,
        vec!["정다은", "오세진", "한가람", "이정민", "김민준", "박서연"]
    );
}

#[test]
fn sentences_that_look_like_sign_offs_but_are_not() {
    let lines = [
        "김영호 기자는 지난해 한빛방송에 입사했습니다.",
        "오늘의 주인공은 박순자입니다.",
        "지금까지 한빛전자의 매출은 두 배로 늘었습니다.",
    ];
    let r = read(&lines);
    assert_eq!(r.paragraphs, lines);
    assert!(r.authors.is_empty());
}

#[test]
fn credit_lines_are_credits_not_prose() {
    let r = read(&[
        STORY,
        "( 취재 : 정다은 / 영상편집 : 오세진 / 화면제공 : 평택소방서 / 제작 : 디지털뉴스부 )",
        "영상취재 : 김민준 박서연",
        "그래픽 : 이하은",
        "(사진=한빛전자 제공)",
        "사진=유튜브 캡처",
        "자료제공 : 한국부동산원",
        "[사진 출처 : 한빛시청 공식 트위터 캡처]",
        "이은비 / 사진제공 한빛엔터테인먼트",
        "영상편집:김도윤",
        "글=이은비 기자/사진=김하늘 기자",
    ]);
    assert_eq!(r.paragraphs, vec![STORY]);
    assert_eq!(r.authors, vec!["정다은", "이은비"]);
    let credits: Vec<(&str, &str)> = r
        .credits
        .iter()
        .map(|c| (c.role.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        credits,
        vec![
            ("영상편집", "오세진"),
            ("화면제공", "평택소방서"),
            ("제작", "디지털뉴스부"),
            ("영상취재", "김민준"),
            ("영상취재", "박서연"),
            ("그래픽", "이하은"),
            ("사진", "한빛전자"),
            ("사진", "유튜브"),
            ("자료제공", "한국부동산원"),
            ("사진 출처", "한빛시청 공식 트위터"),
            ("사진제공", "한빛엔터테인먼트"),
            ("영상편집", "김도윤"),
            ("사진", "김하늘"),
        ]
    );
}

#[test]
fn a_photo_credit_closing_a_caption_sentence_is_cut_off() {
    let r = read(&[
        "김영호 한빛마트 대리가 신제품을 소개하고 있다. (사진=한빛마트 제공)",
        "시민들이 광장을 걷고 있다. /한빛시 제공",
    ]);
    assert_eq!(
        r.paragraphs,
        vec![
            "김영호 한빛마트 대리가 신제품을 소개하고 있다.",
            "시민들이 광장을 걷고 있다."
        ]
    );
    assert_eq!(r.credits.len(), 2);
    assert_eq!(r.credits[1].name, "한빛시");
}

#[test]
fn credit_words_in_prose_stay_prose() {
    let lines = [
        "사진 속 인물은 누구일까요?",
        "편집국장은 취재 과정을 공개했다.",
        "제작진은 촬영을 마쳤다고 밝혔다.",
    ];
    assert_eq!(read(&lines).paragraphs, lines);
}

#[test]
fn tip_line_and_copyright_footers_are_not_prose() {
    let r = read(&[
        STORY,
        "기사문의 및 제보 : 카톡/라인 hanbit24",
        "한빛방송은 24시간 여러분의 제보를 기다립니다.",
        "▷ 전화 02-000-0000",
        "▷ 이메일 tip@example.com",
        "▷ 카카오톡 @한빛제보",
    ]);
    assert_eq!(r.paragraphs, vec![STORY]);
    let r = read(&[
        "* 아래 텍스트는 실제 방송 내용과 차이가 있을 수 있으니 방송으로 확인하시기 바랍니다.",
        STORY,
        "인터뷰 자료의 저작권은 한빛라디오에 있습니다.",
        "방송 내용을 옮기실 때는,",
        "인용하실 때 프로그램명을 꼭 밝혀주시기 바랍니다.",
        "[한빛라디오 아침광장]",
    ]);
    assert_eq!(r.paragraphs, vec![STORY]);
    // 제보 in a sentence is news; so is a footer word in the middle of the
    // story, and a contact word opening a bullet.
    let prose = [
        "경찰은 주민의 제보를 받고 현장에 출동했습니다.",
        "카톡으로 연락이 왔다고 말했다.",
        "이 노래의 저작권은 작곡가에게 있다고 법원은 판단했다.",
        "- 네이버, 새 검색 서비스 출시",
        "▲ 유튜브 채널 개설",
        STORY,
    ];
    assert_eq!(read(&prose).paragraphs, prose);
}

#[test]
fn programme_headers_give_the_programme_its_host_and_guests() {
    let r = read(&[
        "한빛라디오(FM 99.9) [아침광장 정다은입니다]",
        "□ 방송일시 : 2024년 3월 4일 (월요일)",
        "□ 진행 : 정다은 변호사",
        "□ 출연자 : 김영호 한빛연구원 선임연구원, 박순자 새봄대학교 교수",
        "◇ 정다은: 안녕하세요.",
        "◆ 김영호: 반갑습니다.",
        "◇ 정다은: 물가 얘기부터 해보죠.",
    ]);
    let credits: Vec<(&str, &str)> = r
        .credits
        .iter()
        .map(|c| (c.role.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        credits,
        vec![
            (PROGRAMME_ROLE, "아침광장 정다은입니다"),
            ("진행", "정다은"),
            ("출연자", "김영호"),
            ("출연자", "박순자"),
        ]
    );
    let kinds: Vec<CaptionKind> = r.captions.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds[..3],
        [CaptionKind::Host, CaptionKind::Guest, CaptionKind::Guest]
    );
    assert_eq!(
        r.captions[1].description.as_deref(),
        Some("한빛연구원 선임연구원")
    );
    assert_eq!(
        r.paragraphs,
        vec!["안녕하세요.", "반갑습니다.", "물가 얘기부터 해보죠."]
    );

    let r = read(&[
        "■ 방송 : 한빛라디오 <김현정의 아침광장> FM 99.9 (07:10~09:00)",
        "■ 대담 : 오세진 (새봄대학교 교수)",
        STORY,
    ]);
    assert_eq!(r.credits[0].name, "김현정의 아침광장");
    assert_eq!(
        captions(&r),
        vec![caption("오세진", Some("새봄대학교 교수"))]
    );
    let r = read(&[
        "■ 방송 : 한빛 정다은의 정치광장 (FM 99.9 MHz 7:00 ~ 9:00)",
        STORY,
    ]);
    assert_eq!(r.credits[0].name, "한빛 정다은의 정치광장");
}

#[test]
fn speaker_labels_count_once_and_their_turns_stay_prose() {
    let r = read(&[
        "◇ 정다은 변호사(이하 정다은): 오늘은 한빛전자 얘기입니다.",
        "◆ 김영호 한빛연구원 선임연구원(이하 김영호): 반갑습니다.",
        "◇ 정다은: 실적이 어떻습니까?",
        "◆ 김영호: 좋아졌습니다.",
        "▷김태호 : 네.",
        "▶오세진 : 그렇습니다.",
        "▷김태호 : 알겠습니다.",
        "◇ 김현정> 끝으로 한 말씀 해주시죠.",
        "◇ 김현정> 감사합니다.",
        "박서연: 금리는요?",
        "박서연: 동결입니다.",
        "◎ 진행자 > 고맙습니다.",
    ]);
    let speakers: Vec<(String, Option<String>)> = captions(&r);
    assert_eq!(
        speakers,
        vec![
            caption("정다은", Some("변호사")),
            caption("김영호", Some("한빛연구원 선임연구원")),
            caption("김태호", None),
            caption("오세진", None),
            caption("김현정", None),
            caption("박서연", None),
        ]
    );
    assert!(r.captions.iter().all(|c| c.kind == CaptionKind::Speaker));
    assert_eq!(
        r.captions[1].line,
        "◆ 김영호 한빛연구원 선임연구원(이하 김영호)"
    );
    assert_eq!(r.paragraphs.len(), 12);
    assert_eq!(r.paragraphs[0], "오늘은 한빛전자 얘기입니다.");
    assert_eq!(r.paragraphs[11], "고맙습니다.");
    // 오세진 speaks once, in a transcript: a speaker too.
    assert_eq!(r.paragraphs[5], "그렇습니다.");
    // Outside a transcript, a one-off label after a symbol stays prose.
    let r = read(&[STORY, "▶오세진 : 그렇습니다."]);
    assert_eq!(r.paragraphs[1], "▶오세진 : 그렇습니다.");
}

#[test]
fn headline_tags_are_dropped() {
    let s = Structure::builtin();
    for (title, headline) in [
        (
            "[단독] 한빛전자, 평택 공장 증설",
            "한빛전자, 평택 공장 증설",
        ),
        ("[사진]정다은, 시구 나서", "정다은, 시구 나서"),
        (
            "배우 김영호, 연기 레슨 받는 이유 [인터뷰M]",
            "배우 김영호, 연기 레슨 받는 이유",
        ),
        ("[자막뉴스] [실시간 e뉴스] 물가 또 올라", "물가 또 올라"),
        ("【정치쇼】 김영호 \"금리 동결\"", "김영호 \"금리 동결\""),
        (
            "한빛전자 3분기 영업익 1조(종합2보)",
            "한빛전자 3분기 영업익 1조",
        ),
        ("<인터뷰> 김영호 한빛마트 대리", "김영호 한빛마트 대리"),
        ("한빛전자, 美 공장 착공 (속보)", "한빛전자, 美 공장 착공"),
        ("한빛전자 '갤럭시' 공개(영상)", "한빛전자 '갤럭시' 공개"),
        ("[포토]", ""),
    ] {
        assert_eq!(s.headline(title), headline, "{title}");
    }
    // Parentheses and angle brackets that are part of the headline stay.
    for title in [
        "한빛전자(005930), 신고가",
        "김영호 \"금리 올린다\"(종합 분석은 다음 주)",
        "<미끼> 흥행에 웃는 한빛",
        "한빛 '스위치'(극본 김영호)",
    ] {
        assert_eq!(s.headline(title), title, "{title}");
    }
}

#[test]
fn plain_articles_pass_through() {
    let lines = [
        "한빛전자는 18일 평택 공장을 착공했다고 밝혔다.",
        "- 한빛전자 3분기 실적 발표",
        "회사는 \"투자를 늘리겠다\"고 말했다.",
        "▲ 지난해 열린 한미 정상회담",
    ];
    let r = read(&lines);
    assert_eq!(r.paragraphs, lines);
    assert!(r.captions.is_empty() && r.credits.is_empty() && r.authors.is_empty());
}

#[test]
fn never_panics_on_odd_lines() {
    let odd = [
        "",
        " ",
        "[",
        "]",
        "[]",
        "◀",
        "▶",
        "/",
        "//",
        ":",
        "■ 진행 :",
        "■ 방송 : ()",
        "(사진=)",
        "[김/]",
        "◇ :",
        "◇ 김영호:",
        "취재 :",
        "<<>>",
        "【】【",
        "박지훈: ",
        "▷",
        "(",
        "( 취재 )",
        "가/나/다/라",
        "◀ ▶",
        "[앵커]   ",
        "a:b",
        "이정민 / ",
        " / 교수",
        "\u{200b}",
    ];
    let r = read(&odd);
    let _ = r;
    for o in odd {
        let _ = Structure::builtin().headline(o);
        let _ = read(&[o, o]);
    }
    // Long lines and many turns: every step is linear, nothing recurses.
    let markers = "[앵커]".repeat(50_000) + " 본문";
    let signoffs = "정다은 기자입니다. ".repeat(20_000);
    let tags = "[단독]".repeat(20_000) + "제목";
    let r = read(&[&markers, &signoffs, &"◇ 정다은: 네.\n".repeat(10_000)]);
    assert!(r.paragraphs.len() <= 3);
    assert_eq!(Structure::builtin().headline(&tags), "제목");
    let turns: Vec<String> = (0..20_000)
        .map(|i| format!("◇ 정다은: {i}번째 질문입니다."))
        .collect();
    let r = Structure::builtin().read(turns);
    assert_eq!((r.paragraphs.len(), r.captions.len()), (20_000, 1));
}

#[test]
fn more_outlet_forms() {
    // MBN-style brackets, JTBC-style credit brackets, 연합뉴스TV and YTN
    // sign-offs and tip lines, a stand-up credit.
    let r = read(&[
        "【 앵커멘트 】",
        "한빛전자가 오늘 평택에 새 공장을 열었습니다.",
        "【 기자 】",
        "[인터뷰 : 김영호 / 한빛마트 대리]",
        "\"손님이 늘었습니다.\"",
        "스탠딩 : 정다은 기자",
        "[화면출처 유튜브 '한빛TV']",
        "[영상취재 김민준 / 영상편집 박서연]",
        "영상취재 : 이하은 기자 영상편집 : 최도윤",
        "연합뉴스TV 정다은입니다.",
        "연합뉴스TV 기사문의 및 제보 : 카톡/라인 hanbit24",
    ]);
    assert_eq!(
        r.paragraphs,
        vec![
            "한빛전자가 오늘 평택에 새 공장을 열었습니다.",
            "\"손님이 늘었습니다.\""
        ]
    );
    assert_eq!(captions(&r), vec![caption("김영호", Some("한빛마트 대리"))]);
    assert_eq!(r.authors, vec!["정다은"]);
    let credits: Vec<(&str, &str)> = r
        .credits
        .iter()
        .map(|c| (c.role.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        credits,
        vec![
            ("화면출처", "유튜브 '한빛TV'"),
            ("영상취재", "김민준"),
            ("영상편집", "박서연"),
            ("영상취재", "이하은"),
            ("영상편집", "최도윤"),
        ]
    );
}
