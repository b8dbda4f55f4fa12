//! Language per paragraph, per sentence and per document.
//!
//! Input: paragraphs and sentences from [`crate::segment`]. Output: the same with their
//! languages filled in, the document's dominant language, and segments (runs of consecutive
//! paragraphs in one language).
//!
//! whatlang's trigram detector does the work, behind trawl's own [`Lang`] and restricted to an
//! allow-list (default en, es, fr, pt). A paragraph too short to judge (under
//! [`MIN_DETECT_CHARS`] letters) is not detected and inherits the document's language. The
//! dominant language is the one whose paragraphs cover the most characters of non-boilerplate
//! text. With a single allowed language there is nothing to detect.
//!
//! What this does not do (yet): detect a switch inside a paragraph.

use crate::model::{Lang, LanguageGuess, Paragraph, Section, SegmentRecord, Sentence};
use std::collections::BTreeMap;

/// Paragraphs with fewer letters than this inherit their language.
pub const MIN_DETECT_CHARS: usize = 24;

/// ISO 639-3 (whatlang's codes) to ISO 639-1, for every language whatlang knows.
const ISO_639_1: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
];

/// The default allow-list.
pub const DEFAULT_LANGUAGES: [Lang; 4] = [Lang::EN, Lang::ES, Lang::FR, Lang::PT];

/// Parse an ISO 639-1 code into a [`Lang`] the detector knows.
pub fn parse_code(code: &str) -> Option<Lang> {
    ISO_639_1
        .iter()
        .find(|(_, two)| *two == code)
        .map(|(_, two)| Lang(two))
}

fn to_whatlang(lang: Lang) -> Option<whatlang::Lang> {
    let three = ISO_639_1.iter().find(|(_, two)| *two == lang.0)?.0;
    whatlang::Lang::from_code(three)
}

fn from_whatlang(lang: whatlang::Lang) -> Option<Lang> {
    ISO_639_1
        .iter()
        .find(|(three, _)| *three == lang.code())
        .map(|(_, two)| Lang(two))
}

/// The language detector, built once.
#[derive(Debug)]
pub struct LanguageDetector {
    allowed: Vec<Lang>,
    detector: whatlang::Detector,
}

/// What detection found for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentLanguages {
    /// The dominant language.
    pub language: Option<LanguageGuess>,
    /// Runs of paragraphs in one language.
    pub segments: Vec<SegmentRecord>,
}

impl LanguageDetector {
    /// A detector restricted to `allowed` (ISO 639-1, each known to whatlang).
    pub fn new(allowed: &[Lang]) -> Result<LanguageDetector, String> {
        let mut list = Vec::new();
        for &l in allowed {
            list.push(
                to_whatlang(l)
                    .ok_or_else(|| format!("language {l} is not supported by the detector"))?,
            );
        }
        if list.is_empty() {
            return Err("the language allow-list is empty".into());
        }
        Ok(LanguageDetector {
            allowed: allowed.to_vec(),
            detector: whatlang::Detector::with_allowlist(list),
        })
    }

    /// Detect one span of text: its language and confidence, when long enough to tell.
    pub fn detect(&self, text: &str) -> Option<(Lang, f64)> {
        if self.allowed.len() == 1 {
            return Some((self.allowed[0], 1.0));
        }
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if letters < MIN_DETECT_CHARS {
            return None;
        }
        self.guess(text)
    }

    /// The detector's best guess for `text` however short it is (None only when there is
    /// nothing to judge). [`LanguageDetector::detect`] is this behind the short-span policy;
    /// the evaluation scores this.
    pub fn guess(&self, text: &str) -> Option<(Lang, f64)> {
        self.whatlang(text)
    }

    /// whatlang alone over the allow-list, with no evidence of trawl's own: the baseline the
    /// evaluation compares [`LanguageDetector::guess`] with.
    pub fn whatlang(&self, text: &str) -> Option<(Lang, f64)> {
        if self.allowed.len() == 1 {
            return Some((self.allowed[0], 1.0));
        }
        let info = self.detector.detect(text)?;
        Some((from_whatlang(info.lang())?, info.confidence()))
    }

    /// The allow-list, in the order given.
    pub fn allowed(&self) -> &[Lang] {
        &self.allowed
    }

    /// Fill in paragraph and sentence languages; return the document's language and segments.
    pub fn annotate(
        &self,
        text: &str,
        paragraphs: &mut [Paragraph],
        sentences: &mut [Sentence],
    ) -> DocumentLanguages {
        let mut weight: BTreeMap<Lang, usize> = BTreeMap::new();
        let mut conf: BTreeMap<Lang, f64> = BTreeMap::new();
        for p in paragraphs.iter_mut() {
            let surface = p.span.of(text);
            if let Some((lang, c)) = self.detect(surface) {
                p.detected = Some(lang);
                p.confidence = c;
                if p.section != Section::Boilerplate {
                    let n = surface.chars().count();
                    *weight.entry(lang).or_default() += n;
                    *conf.entry(lang).or_default() += c * n as f64;
                }
            }
        }
        // Ties go to the earlier language in the allow-list order (deterministic).
        let dominant = weight
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| self.rank(*b.0).cmp(&self.rank(*a.0)))
            })
            .map(|(l, _)| *l);
        let language = dominant.map(|l| LanguageGuess {
            code: l.0.to_string(),
            confidence: round3(conf[&l] / weight[&l] as f64),
        });
        for p in paragraphs.iter_mut() {
            p.lang = p.detected.or(dominant);
        }
        for s in sentences.iter_mut() {
            s.lang = paragraphs[s.paragraph].lang;
        }
        DocumentLanguages {
            language,
            segments: segments(text, paragraphs, dominant),
        }
    }

    fn rank(&self, l: Lang) -> usize {
        self.allowed
            .iter()
            .position(|&a| a == l)
            .unwrap_or(usize::MAX)
    }
}

/// Runs of consecutive paragraphs in one language. Boilerplate paragraphs do not start a
/// segment of their own: a cookie banner in another language is not a language segment.
fn segments(text: &str, paragraphs: &[Paragraph], dominant: Option<Lang>) -> Vec<SegmentRecord> {
    struct Run {
        start: usize,
        end: usize,
        lang: Lang,
        conf_sum: f64,
        weight: usize,
    }
    let mut runs: Vec<Run> = Vec::new();
    for p in paragraphs {
        let lang = if p.section == Section::Boilerplate {
            match runs.last() {
                Some(r) => r.lang,
                None => match dominant {
                    Some(d) => d,
                    None => continue,
                },
            }
        } else {
            match p.lang {
                Some(l) => l,
                None => continue,
            }
        };
        let n = p.span.of(text).chars().count();
        let c = if p.detected == Some(lang) {
            p.confidence
        } else {
            0.0
        };
        match runs.last_mut() {
            Some(r) if r.lang == lang => {
                r.end = p.span.end;
                if p.detected.is_some() && p.section != Section::Boilerplate {
                    r.conf_sum += c * n as f64;
                    r.weight += n;
                }
            }
            _ => {
                let counted = p.detected.is_some() && p.section != Section::Boilerplate;
                runs.push(Run {
                    start: p.span.start,
                    end: p.span.end,
                    lang,
                    conf_sum: if counted { c * n as f64 } else { 0.0 },
                    weight: if counted { n } else { 0 },
                });
            }
        }
    }
    runs.into_iter()
        .map(|r| SegmentRecord {
            start: r.start,
            end: r.end,
            language: r.lang.0.to_string(),
            confidence: if r.weight == 0 {
                0.0
            } else {
                round3(r.conf_sum / r.weight as f64)
            },
        })
        .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in whatlang::Lang::all() {
            let ours = from_whatlang(*l).unwrap_or_else(|| panic!("no ISO 639-1 code for {l:?}"));
            assert_eq!(to_whatlang(ours), Some(*l));
        }
    }

    #[test]
    fn detects_paragraphs() {
        let d = LanguageDetector::new(&DEFAULT_LANGUAGES).unwrap();
        let cases = [
            (
                "The agreement was signed by both countries during the conference in Lyon.",
                "en",
            ),
            (
                "El acuerdo fue firmado por ambos países durante la conferencia en Lima.",
                "es",
            ),
            (
                "L'accord a été signé par les deux pays pendant la conférence à Lyon.",
                "fr",
            ),
            (
                "O acordo foi assinado pelos dois países durante a conferência em Brasília.",
                "pt",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(d.detect(text).map(|x| x.0 .0), Some(want), "{text}");
        }
        assert_eq!(d.detect("Refuser"), None);
    }
}
