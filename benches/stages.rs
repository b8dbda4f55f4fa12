//! Per-stage microbenchmarks over the fixture articles, through the public library API:
//! the gazetteer matcher (alias hits and resolution), the date extractor, the count extractor
//! and language detection.
//!
//! ```sh
//! cargo bench --bench stages
//! ```
//!
//! Each benchmark runs its stage over all fixture articles (read from `fixtures/articles`)
//! and reports bytes per second of article text. Inputs a stage needs from earlier stages
//! (folded text, paragraphs and sentences with their languages, dates) are prepared once,
//! outside the measured loop. `trawl bench` measures the whole pipeline end to end; these
//! tell which stage moved.

use divan::counter::BytesCount;
use divan::Bencher;
use std::sync::OnceLock;
use trawl::counts::CountExtractor;
use trawl::dates::DateExtractor;
use trawl::fold::FoldedText;
use trawl::gazetteer::{resolve, Gazetteer};
use trawl::lang::{LanguageDetector, DEFAULT_LANGUAGES};
use trawl::model::{DateMention, Lang, Paragraph, Sentence, TextView};
use trawl::segment::Segmenter;

fn main() {
    divan::main();
}

/// One fixture article with what the stages under test take as input.
struct Article {
    text: String,
    folded: FoldedText,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    lang: Option<Lang>,
    dates: Vec<DateMention>,
}

impl Article {
    fn view(&self) -> TextView<'_> {
        TextView {
            text: &self.text,
            paragraphs: &self.paragraphs,
            sentences: &self.sentences,
            lang: self.lang,
        }
    }
}

fn detector() -> &'static LanguageDetector {
    static D: OnceLock<LanguageDetector> = OnceLock::new();
    D.get_or_init(|| LanguageDetector::new(&DEFAULT_LANGUAGES).expect("shipped languages"))
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::shipped().expect("shipped gazetteer"))
}

fn date_extractor() -> &'static DateExtractor {
    static D: OnceLock<DateExtractor> = OnceLock::new();
    D.get_or_init(|| DateExtractor::new().expect("shipped date tables"))
}

fn count_extractor() -> &'static CountExtractor {
    static C: OnceLock<CountExtractor> = OnceLock::new();
    C.get_or_init(|| CountExtractor::new().expect("shipped number tables"))
}

fn segmenter() -> &'static Segmenter {
    static S: OnceLock<Segmenter> = OnceLock::new();
    S.get_or_init(|| Segmenter::new().expect("shipped text tables"))
}

/// The fixture articles, segmented, with languages and dates, in file-name order.
fn articles() -> &'static [Article] {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    A.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixtures/articles")
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("a UTF-8 fixture");
                let (mut paragraphs, mut sentences) = segmenter().segment(&text);
                let langs = detector().annotate(&text, &mut paragraphs, &mut sentences);
                let lang = langs
                    .language
                    .as_ref()
                    .and_then(|l| trawl::lang::parse_code(&l.code));
                let mut a = Article {
                    folded: FoldedText::new(&text),
                    text,
                    paragraphs,
                    sentences,
                    lang,
                    dates: Vec::new(),
                };
                a.dates = date_extractor().extract(&a.view(), &a.folded, None);
                a
            })
            .collect()
    })
}

fn bytes() -> BytesCount {
    BytesCount::new(articles().iter().map(|a| a.text.len()).sum::<usize>())
}

/// Gazetteer alias hits over the folded text, and their resolution to entities.
#[divan::bench]
fn gazetteer_matcher(b: Bencher) {
    let g = gazetteer();
    b.counter(bytes()).bench(|| {
        for a in articles() {
            divan::black_box(resolve::entities(g, &a.text, &a.folded));
        }
    });
}

/// Date mentions (no reference date: year-less dates stay partial).
#[divan::bench]
fn date_extractor_extract(b: Bencher) {
    let d = date_extractor();
    b.counter(bytes()).bench(|| {
        for a in articles() {
            divan::black_box(d.extract(&a.view(), &a.folded, None));
        }
    });
}

/// Counts and money, given the document's dates (numbers inside dates are no counts).
#[divan::bench]
fn count_extractor_extract(b: Bencher) {
    let c = count_extractor();
    b.counter(bytes()).bench(|| {
        for a in articles() {
            divan::black_box(c.extract(&a.view(), &[], &a.dates));
        }
    });
}

/// Paragraph and sentence languages and the document's language.
#[divan::bench]
fn language_detection(b: Bencher) {
    let d = detector();
    b.counter(bytes())
        .with_inputs(|| {
            articles()
                .iter()
                .map(|a| (a.paragraphs.clone(), a.sentences.clone()))
                .collect::<Vec<_>>()
        })
        .bench_local_refs(|inputs| {
            for (a, (paragraphs, sentences)) in articles().iter().zip(inputs.iter_mut()) {
                divan::black_box(d.annotate(&a.text, paragraphs, sentences));
            }
        });
}
