//! Unit tests of the whole stage on short texts (the table-driven cases are in
//! `tests/data/dates.toml`).

use super::*;
use crate::model::{Paragraph, Section, Sentence, Span};

fn view_of<'a>(
    text: &'a str,
    lang: Lang,
    store: &'a mut (Vec<Paragraph>, Vec<Sentence>),
) -> TextView<'a> {
    let seg = crate::segment::Segmenter::new()
        .unwrap()
        .segment_in(text, Some(lang));
    *store = (seg.paragraphs, seg.sentences);
    TextView {
        text,
        paragraphs: &store.0,
        sentences: &store.1,
        lang: Some(lang),
    }
}

fn run(text: &str, lang: Lang, reference: Option<&str>) -> Vec<(String, String)> {
    let x = DateExtractor::new().unwrap();
    let mut store = Default::default();
    let view = view_of(text, lang, &mut store);
    let r = reference.map(|v| ReferenceDate {
        value: v.into(),
        source: ReferenceSource::Option,
    });
    x.extract(&view, &FoldedText::new(text), r.as_ref())
        .into_iter()
        .map(|m| {
            assert_eq!(&text[m.start..m.end], m.text);
            (m.text, m.value)
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn seed_shapes() {
    assert_eq!(
        run(
            "On June 12 to 14, in Cartagena. The Dec. 6 to 7, 2017 summit. In August 2018 they met.",
            Lang::EN,
            None
        ),
        pairs(&[
            ("June 12 to 14", "XXXX-06-12/XXXX-06-14"),
            ("Dec. 6 to 7, 2017", "2017-12-06/2017-12-07"),
            ("August 2018", "2018-08"),
        ])
    );
    assert_eq!(
        run(
            "Il s'est rendu le 22 janvier à l'ambassade.",
            Lang::FR,
            None
        ),
        pairs(&[("22 janvier", "XXXX-01-22")])
    );
}

#[test]
fn reference_from_dateline() {
    let x = DateExtractor::new().unwrap();
    let text = "WASHINGTON, March 14, 2025 — The agencies met on Friday.";
    let mut store = Default::default();
    let view = view_of(text, Lang::EN, &mut store);
    let r = x.reference_date(&view, "x.txt").unwrap();
    assert_eq!(r.value, "2025-03-14");
    assert_eq!(r.source, ReferenceSource::Text);
    let r = x.reference_date(
        &view_of("Nothing here.", Lang::EN, &mut Default::default()),
        "2024-05-06-report.txt",
    );
    assert_eq!(r.unwrap().value, "2024-05-06");
    assert!(x
        .reference_date(
            &view_of("Nothing here.", Lang::EN, &mut Default::default()),
            "000_13a1e7a6828b4c6e.txt"
        )
        .is_none());
}

#[test]
fn dateline_shapes() {
    let x = DateExtractor::new().unwrap();
    let cases = [
        (
            "WASHINGTON, March 14, 2025 — U.S. officials met.",
            Lang::EN,
            "2025-03-14",
        ),
        (
            "CIUDAD DE MÉXICO, 14 de marzo de 2025.– La FGR informó.",
            Lang::ES,
            "2025-03-14",
        ),
        (
            "BOGOTÁ, 3 de junio de 2025 (EFE) – Las autoridades.",
            Lang::ES,
            "2025-06-03",
        ),
        (
            "PARIS, le 4 février 2025 — L'Office a annoncé.",
            Lang::FR,
            "2025-02-04",
        ),
        (
            "MONTRÉAL, le 1er mars 2025 – La GRC a annoncé.",
            Lang::FR,
            "2025-03-01",
        ),
        (
            "BRASÍLIA, 15 de março de 2025 – O cerco chegou.",
            Lang::PT,
            "2025-03-15",
        ),
        (
            "Um título\n\nPublicado: 12/05/2025\n\nA PJ apreendeu.",
            Lang::PT,
            "2025-05-12",
        ),
        (
            "A title\n\nPublished: March 14, 2025\n\nThe agency said.",
            Lang::EN,
            "2025-03-14",
        ),
    ];
    for (text, lang, want) in cases {
        let mut store = Default::default();
        let view = view_of(text, lang, &mut store);
        let r = x.reference_date(&view, "x.txt");
        assert_eq!(r.map(|r| r.value).as_deref(), Some(want), "{text}");
        // The dateline's own date is a date mention too.
        let got = x.extract(&view, &FoldedText::new(text), None);
        assert!(got.iter().any(|m| m.value == want), "{text}: {got:?}");
    }
    // A date after a comma in running text is not a dateline.
    let mut store = Default::default();
    let text = "The court, on 4 February 2025, ruled against him.";
    let view = view_of(text, Lang::EN, &mut store);
    assert!(x.reference_date(&view, "x.txt").is_none());
}

#[test]
fn sections_do_not_matter() {
    let _ = (Section::Body, Span::new(0, 0));
}

#[test]
fn numeric_date_prefilter_keeps_every_regex_match() {
    let x = DateExtractor::new().unwrap();
    let texts = [
        "on 3/4/2025 and",
        "03.04.25",
        "1-2-2019.",
        "x12/31/99",
        "12/3/2020:",
        "3.5 million, 2014-2018, 10:30",
        "1/10 of 2/3",
        "no digits at all",
        "",
        "7/",
    ];
    // Every text and every tail of one (a match may start anywhere).
    for text in texts {
        for k in 0..=text.len() {
            let t = &text[k..];
            if x.numeric.is_match(t) {
                assert!(may_hold_numeric_date(t), "{t:?}");
            }
        }
    }
    assert!(!may_hold_numeric_date("3.5 million, 2014-2018, 10:30"));
}

/// The text of every case in `tests/data/dates.toml` and of every fixture article.
fn case_and_fixture_texts() -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Case {
        text: String,
    }
    #[derive(serde::Deserialize)]
    struct Table {
        case: Vec<Case>,
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let table: Table =
        toml::from_str(&std::fs::read_to_string(format!("{root}/tests/data/dates.toml")).unwrap())
            .unwrap();
    let mut texts: Vec<String> = table.case.into_iter().map(|c| c.text).collect();
    for entry in std::fs::read_dir(format!("{root}/fixtures/articles")).unwrap() {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    texts
}

/// [`Parser::may_hold_date`] and [`Parser::may_start_date`] skip sentences and tokens where no
/// rule of the grammar can begin; `Cat::DATE_START` in `table.rs` is kept by hand. This runs the
/// grammar at every token the gates skip, over every table case and every fixture article in
/// each language, and fails on any date found there: a new rule that begins with another
/// category must add it to `Cat::DATE_START`, or it would never be tried.
#[test]
fn start_gates_skip_no_date() {
    let texts = case_and_fixture_texts();
    let x = DateExtractor::new().unwrap();
    let (mut tried, mut numbers) = (0, 0);
    for lang in [Lang::EN, Lang::ES, Lang::FR, Lang::PT, Lang("de")] {
        let t = x.table(Some(lang));
        for text in &texts {
            let mut store = Default::default();
            let view = view_of(text, lang, &mut store);
            for s in view.sentences {
                let toks = tokenize(text, s.span.start, s.span.end);
                for day_first in [false, true] {
                    let parser = Parser::new(t, &toks, day_first);
                    let hold = parser.may_hold_date();
                    for i in 0..toks.len() {
                        if hold && parser.may_start_date(i) {
                            continue;
                        }
                        tried += 1;
                        numbers += usize::from(toks[i].kind == Kind::Num);
                        if let Some((end, _)) = parser.parse_at(i) {
                            panic!(
                                "{lang}: a date starts at a skipped token: {:?} in {:?}",
                                &text[toks[i].start..toks[end.max(i + 1) - 1].end],
                                &text[s.span.start..s.span.end]
                            );
                        }
                    }
                }
            }
        }
    }
    // The gates do skip: most tokens of prose start no date.
    assert!(tried > 10_000, "only {tried} skipped tokens checked");
    // Numbers followed by a plain word ("5 people") are skipped too, and checked here.
    assert!(numbers > 500, "only {numbers} skipped numbers checked");
}

/// Tokens that borrow their fold from the document's folded text fold exactly as the token
/// on its own does: over the table cases, the fixture articles, and texts made to trip the
/// rule (runs of white space, marks and letters that fold to nothing or to white space).
#[test]
fn borrowed_folds_equal_own_folds() {
    let mut texts = case_and_fixture_texts();
    texts.push(
        "Le  12 Février\u{a0}2024, À  ÉTÉ ×3 ÷ \u{301}Mai \u{fdfa}X \u{ad}Juin Straße \
         MÉXICO\u{2019}S  ´Dec «Enero» Ǆuly ﬁscal Œuvre  \t\n Março"
            .to_string(),
    );
    let mut borrowed = 0;
    for text in &texts {
        let folded = FoldedText::new(text);
        let mut store = Default::default();
        let view = view_of(text, Lang::EN, &mut store);
        let spans = view
            .sentences
            .iter()
            .map(|s| (s.span.start, s.span.end))
            .chain([(0, text.len())]);
        for (start, end) in spans {
            let own = tokenize(text, start, end);
            let shared = tokenize_folded(text, Some(&folded), start, end);
            assert_eq!(own.len(), shared.len());
            for (a, b) in own.iter().zip(&shared) {
                assert_eq!((a.start, a.end), (b.start, b.end));
                assert_eq!(a.norm, b.norm, "{:?}", &text[a.start..a.end]);
                assert_eq!(
                    a.norm.as_str(),
                    crate::fold::fold_str(&text[a.start..a.end])
                );
                borrowed += usize::from(a.upper);
            }
        }
    }
    assert!(
        borrowed > 1_000,
        "only {borrowed} capitalized tokens checked"
    );
}
