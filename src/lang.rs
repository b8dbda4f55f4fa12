//! Language per document, per paragraph and, where a paragraph switches, per sentence.
//!
//! Input: paragraphs and sentences from [`crate::segment`]. Output: the same with their
//! languages filled in (`Paragraph::detected`/`lang`, `Sentence::lang`), the document's
//! dominant language, and segments (runs of consecutive paragraphs in one language).
//!
//! How a span is judged, restricted to an allow-list (default en, es, fr, pt; ISO 639-1 codes
//! behind trawl's own [`Lang`]):
//! - evidence of trawl's own, from each language's `text.toml`: stop-word hits and
//!   distinctive marks (letters, letter groups, word endings); a word or mark several
//!   languages list gives each a share of its point;
//! - a word model (naive Bayes over words, module `words`): each language's log10-likelihood of
//!   the span's words from its `words.tsv` frequencies, with a character-trigram model for
//!   unlisted words, adds `WORD_MODEL_POINTS` per unit of log10 ratio to each language. It is
//!   what tells two-word spans apart;
//! - whatlang's trigram detector over a bounded sample ([`SAMPLE_BYTES`]) adds points to its
//!   pick, scaled by its confidence, and is not run at all when the evidence margin is
//!   already beyond what that vote could overturn (so the common case is cheap).
//!
//! Spans under [`MIN_DETECT_CHARS`] letters inherit (paragraph from the document, sentence
//! from its paragraph) unless their stop-word and mark evidence is strong (the word model
//! does not make a span strong: the short-span policy is unchanged). A paragraph whose sentences strongly
//! point to different languages takes the language of most of their letters; a sentence gets
//! a language of its own only when its evidence strongly names another language than its
//! paragraph's and the full verdict agrees. The dominant language is the one whose paragraphs
//! cover the most characters of non-boilerplate text. With a single allowed language there is
//! nothing to detect. An allow-list with a language that has no `text.toml` uses whatlang alone.
//!
//! What this does not do: languages outside the allow-list are never reported (a span of
//! Italian is labelled with the nearest allowed language, or left to inherit when short);
//! no switch is found inside a sentence; sentence languages are not written to the record
//! (stages read them from [`Sentence::lang`]).

mod marks;
mod stop_words;
mod words;

use crate::languages;
use crate::model::{Lang, LanguageGuess, Paragraph, Section, SegmentRecord, Sentence, Span};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// Spans with fewer letters than this inherit their language (paragraph, then document)
/// unless their own evidence is strong. Measured with `trawl eval langid` over the Lingua
/// data: trawl's guess is right 0.92 of the time at 24-31 letters, 0.99+ from 32 on (before
/// the word model; with it, 0.976 at 24-31 and 0.929 at 16-23, not yet used to lower this).
pub const MIN_DETECT_CHARS: usize = 32;

/// The trigram detector and the word model see at most this many bytes of a span (cut at
/// white space). Measured
/// on the Lingua sentences: bounds of 128, 256 and 512 bytes give the same accuracy (0.994-0.995
/// for trawl), 64 bytes costs 0.002, 32 bytes 0.005.
pub const SAMPLE_BYTES: usize = 256;

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
    evidence: Option<Evidence>,
    words: Option<words::WordModel>,
    sample_bytes: usize,
}

/// What detection found for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentLanguages {
    /// The dominant language.
    pub language: Option<LanguageGuess>,
    /// Runs of paragraphs in one language.
    pub segments: Vec<SegmentRecord>,
}

/// The detection-evidence lists of one language's `text.toml` (other fields are ignored).
#[derive(Deserialize)]
struct EvidenceTable {
    #[serde(default)]
    stop_words: Vec<String>,
    #[serde(default)]
    distinctive: Vec<String>,
}

/// Stop words and distinctive marks of every allowed language, compiled once. A word or mark
/// listed by k allowed languages gives each of them 1/k point, so shared words are neutral.
#[derive(Debug)]
struct Evidence {
    /// Lower-case words and their (index in the allow-list, points).
    words: stop_words::StopWordTrie,
    /// Lower-case marks, found overlapping in the padded lower-case text.
    marks: marks::MarkAutomaton,
    /// Per ASCII byte, what [`Evidence::score`] needs of its lower case: its class in the
    /// stop-word trie ([`NOT_IN_WORD`] when it is not alphanumeric: it ends a word) and in
    /// the marks.
    ascii: [(u16, u16); 128],
    /// The mark state after the leading pad of a span, when that pad ends no mark: then a
    /// sentence's own evidence can be read off its paragraph's scan (see
    /// [`Evidence::score_cut`]); None turns that off.
    after_pad: Option<u32>,
}

impl Evidence {
    /// None when some allowed language has no tables: evidence for only some of the
    /// candidates would bias the choice, so such allow-lists use whatlang alone.
    fn build(allowed: &[Lang]) -> Result<Option<Evidence>, String> {
        let mut words: HashMap<String, Vec<usize>> = HashMap::new();
        let mut marks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, &l) in allowed.iter().enumerate() {
            let Some(d) = languages::data(l) else {
                return Ok(None);
            };
            let t: EvidenceTable = languages::parse(l, "text.toml", d.text)?;
            for w in t.stop_words {
                let e = words.entry(w.to_lowercase()).or_default();
                if !e.contains(&i) {
                    e.push(i);
                }
            }
            for m in t.distinctive {
                let e = marks.entry(m.to_lowercase().replace('’', "'")).or_default();
                if !e.contains(&i) {
                    e.push(i);
                }
            }
        }
        let share = |v: Vec<usize>, w: f32| {
            let k = v.len() as f32;
            v.into_iter().map(|i| (i, w / k)).collect::<Vec<_>>()
        };
        let marks: Vec<marks::Mark> = marks
            .into_iter()
            .map(|(m, v)| (m, share(v, MARK_POINTS)))
            .collect();
        let words: Vec<stop_words::StopWord> = words
            .into_iter()
            .map(|(w, v)| (w, share(v, WORD_POINTS)))
            .collect();
        let words =
            stop_words::StopWordTrie::new(&words).map_err(|e| format!("stop words: {e}"))?;
        let marks =
            marks::MarkAutomaton::new(&marks).map_err(|e| format!("detection marks: {e}"))?;
        let mut ascii = [(NOT_IN_WORD, 0); 128];
        for (b, entry) in (0u8..).zip(ascii.iter_mut()) {
            let low = b.to_ascii_lowercase();
            let word = if low.is_ascii_alphanumeric() {
                words.class(low)
            } else {
                NOT_IN_WORD
            };
            *entry = (word, marks.class(low));
        }
        let (after_pad, hit) = marks.step(marks::MarkAutomaton::START, b' ');
        Ok(Some(Evidence {
            words,
            marks,
            ascii,
            after_pad: (!hit).then_some(after_pad),
        }))
    }

    /// Add each allowed language's points for `text` to `scores`: first every stop word's,
    /// in text order, then every mark's.
    ///
    /// The text is judged lower-cased, apostrophes unified (’ to '), and padded with a space
    /// at each end so that marks may name word edges (" the "); words are its runs of
    /// alphanumeric characters. One pass does it all: it lower-cases a character at a time
    /// and steps both the stop-word trie (through the word it is in) and the mark automaton.
    fn score(&self, text: &str, hits: &mut Vec<u32>, scores: &mut [f32]) {
        self.scan::<false>(text, &[], &mut Cuts::default(), hits, scores);
    }

    /// [`Evidence::score`] of a paragraph that also keeps what its sentences' own evidence
    /// needs: the states of the scan at each of `cuts` (byte offsets, ascending, at char
    /// boundaries; 0 is after the leading pad, `text.len()` after the trailing one), and
    /// every word end, so that [`Evidence::replay`] gives a sentence's points without a
    /// scan of its own.
    #[inline(never)]
    fn score_cut(
        &self,
        text: &str,
        cuts: &[usize],
        kept: &mut Cuts,
        hits: &mut Vec<u32>,
        scores: &mut [f32],
    ) {
        self.scan::<true>(text, cuts, kept, hits, scores);
    }

    /// The points of a sentence whose scan would have started in the states of cut `from`
    /// and ended in those of cut `to` (of [`Evidence::score_cut`]), or None when they cannot
    /// be read off: the sentence starts in other states than a scan of its own, after its
    /// leading pad, would be in. The end must be where such a scan would feed its trailing
    /// pad: right after a space in the paragraph, or after the paragraph's own pad. Then the
    /// scan between the cuts steps through the same states as the sentence's own, and the
    /// points are added in the same order (words, then marks, each in text order), so the
    /// scores are the same to the bit.
    fn replay(
        &self,
        kept: &Cuts,
        hits: &[u32],
        from: usize,
        to: usize,
        scores: &mut [f32],
    ) -> Option<()> {
        let (a, b) = (kept.at[from], kept.at[to]);
        if Some(a.state) != self.after_pad || a.word != stop_words::StopWordTrie::START {
            return None;
        }
        let hits = &hits[a.hits..b.hits];
        for &w in hits.iter().filter(|&&h| h & WORD_END != 0) {
            self.words.add(w & !WORD_END, scores);
        }
        for &h in hits.iter().filter(|&&h| h & WORD_END == 0) {
            self.marks.add(h, scores);
        }
        Some(())
    }

    /// [`Evidence::score`], and with `KEEP` what [`Evidence::score_cut`] keeps.
    fn scan<const KEEP: bool>(
        &self,
        text: &str,
        cuts: &[usize],
        kept: &mut Cuts,
        hits: &mut Vec<u32>,
        scores: &mut [f32],
    ) {
        hits.clear();
        if KEEP {
            kept.at.clear();
        }
        let mut state = marks::MarkAutomaton::START;
        let mut word = stop_words::StopWordTrie::START;
        self.feed(' ', &mut state, &mut word, hits, scores);
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut cuts = cuts.iter().copied().peekable();
        loop {
            // Up to the next cut (the end when there is none inside the text).
            let to = if KEEP {
                cuts.peek().copied().unwrap_or(bytes.len()).min(bytes.len())
            } else {
                bytes.len()
            };
            while i < to {
                i = self.ascii_run::<KEEP>(&bytes[..to], i, &mut state, &mut word, hits, scores);
                let Some(&b) = bytes[..to].get(i) else {
                    break;
                };
                let ended = if b == 0xC3 {
                    // U+00C0..=U+00FF, the accented letters of Latin-1: lower-cased and
                    // classed here without Unicode's tables (a capital's small letter is 0x20
                    // further; the byte after 0xC3 is the char's code less 0x40).
                    let second = bytes[i + 1];
                    i += 2;
                    let small = if (0x80..=0x9E).contains(&second) && second != 0x97 {
                        second + 0x20
                    } else {
                        second
                    };
                    let letter = crate::fold::latin_letter(char::from(second + 0x40)) == Some(true);
                    self.feed_bytes(letter, &[b, small], &mut state, &mut word, hits, scores)
                } else {
                    let c = text[i..].chars().next().expect("i is a char boundary");
                    i += c.len_utf8();
                    if c == '’' {
                        self.feed('\'', &mut state, &mut word, hits, scores)
                    } else if c.is_uppercase() {
                        let mut ended = None;
                        for low in c.to_lowercase() {
                            ended = ended.or(self.feed(low, &mut state, &mut word, hits, scores));
                        }
                        ended
                    } else {
                        self.feed(c, &mut state, &mut word, hits, scores)
                    }
                };
                if KEEP {
                    hits.extend(ended.map(|w| w | WORD_END));
                }
            }
            if !KEEP || i >= bytes.len() {
                break;
            }
            // At a cut inside the text.
            cuts.next();
            kept.keep(state, word, hits);
        }
        let ended = self.feed(' ', &mut state, &mut word, hits, scores);
        if KEEP {
            hits.extend(ended.map(|w| w | WORD_END));
            // Cuts at the end of the text: after the trailing pad.
            for _ in cuts {
                kept.keep(state, word, hits);
            }
            for &s in hits.iter().filter(|&&s| s & WORD_END == 0) {
                self.marks.add(s, scores);
            }
        } else {
            for &s in hits.iter() {
                self.marks.add(s, scores);
            }
        }
    }

    /// [`Evidence::score`] through the ASCII bytes of `bytes` from `i` on: the hot loop of
    /// detection, kept apart so that its two states stay in registers. Returns where it
    /// stopped: at a non-ASCII byte or the end.
    fn ascii_run<const KEEP: bool>(
        &self,
        bytes: &[u8],
        i: usize,
        state: &mut u32,
        word: &mut u32,
        hits: &mut Vec<u32>,
        scores: &mut [f32],
    ) -> usize {
        let (ascii, words, marks) = (&self.ascii, &self.words, &self.marks);
        let (mut s, mut w) = (*state, *word);
        let mut end = i;
        for &b in &bytes[i..] {
            if !b.is_ascii() {
                break;
            }
            end += 1;
            let (word_class, mark_class) = ascii[usize::from(b & 0x7f)];
            if word_class != NOT_IN_WORD {
                w = words.step_class(w, word_class);
            } else if w != stop_words::StopWordTrie::START {
                words.add(w, scores);
                if KEEP {
                    hits.push(w | WORD_END);
                }
                w = stop_words::StopWordTrie::START;
            }
            let (next, hit) = marks.step_class(s, mark_class);
            s = next;
            if hit {
                hits.push(s);
            }
        }
        (*state, *word) = (s, w);
        end
    }

    /// One character of the lower-cased text: through the stop-word trie when it is part of
    /// a word, else ending the word (a stop word's points go to `scores` at once); and
    /// through the mark automaton (states with marks are kept in `hits`: their points come
    /// after every word's). Returns the state of the word it ended, if it ended one.
    fn feed(
        &self,
        low: char,
        state: &mut u32,
        word: &mut u32,
        hits: &mut Vec<u32>,
        scores: &mut [f32],
    ) -> Option<u32> {
        let mut utf8 = [0u8; 4];
        let bytes = low.encode_utf8(&mut utf8).as_bytes();
        self.feed_bytes(low.is_alphanumeric(), bytes, state, word, hits, scores)
    }

    /// [`Evidence::feed`] of a character given as its UTF-8 `bytes` and whether it is
    /// alphanumeric.
    fn feed_bytes(
        &self,
        alphanumeric: bool,
        bytes: &[u8],
        state: &mut u32,
        word: &mut u32,
        hits: &mut Vec<u32>,
        scores: &mut [f32],
    ) -> Option<u32> {
        let mut ended = None;
        if alphanumeric {
            for &b in bytes.iter() {
                *word = self.words.step(*word, b);
            }
        } else {
            self.words.add(*word, scores);
            if *word != stop_words::StopWordTrie::START {
                ended = Some(*word);
            }
            *word = stop_words::StopWordTrie::START;
        }
        for &b in bytes.iter() {
            let (next, hit) = self.marks.step(*state, b);
            *state = next;
            if hit {
                hits.push(*state);
            }
        }
        ended
    }
}

/// What [`Evidence::score_cut`] keeps of a paragraph's scan besides its hits, which then
/// also hold the stop-word trie's state at each word end (START excepted), marked with
/// [`WORD_END`], in text order among the marks' states.
#[derive(Debug, Default)]
struct Cuts {
    /// Per cut, in order: the scan's states there and how many hits came before.
    at: Vec<Cut>,
}

/// Marks a word end among the hits of [`Evidence::score_cut`]: no state of the mark
/// automaton or of the stop-word trie has this bit.
const WORD_END: u32 = 1 << 31;

#[derive(Debug, Clone, Copy)]
struct Cut {
    state: u32,
    word: u32,
    hits: usize,
}

impl Cuts {
    fn keep(&mut self, state: u32, word: u32, hits: &[u32]) {
        self.at.push(Cut {
            state,
            word,
            hits: hits.len(),
        });
    }
}

/// The stop-word class of an ASCII byte that is no part of a word.
const NOT_IN_WORD: u16 = u16::MAX;

/// Buffers that detection reuses from span to span of a document.
#[derive(Default)]
struct Scratch {
    /// Mark automaton states reached that have marks, in text order ([`Evidence::score`]).
    hits: Vec<u32>,
    scores: Vec<f32>,
    ll: Vec<f64>,
    words: words::Scratch,
    /// A paragraph's scan kept for its sentences ([`Evidence::score_cut`]), with its hits.
    cuts: Cuts,
    cut_hits: Vec<u32>,
}

/// Points for one stop-word hit.
const WORD_POINTS: f32 = 1.0;
/// Points for one distinctive mark.
const MARK_POINTS: f32 = 1.0;
/// Points given to whatlang's pick, times its confidence. An evidence margin above this
/// cannot be overturned, so whatlang is not even run then.
const WHATLANG_POINTS: f32 = 2.0;
/// An evidence margin at least this large is strong: it decides short spans on its own and
/// marks a sentence as a candidate switch inside its paragraph.
const STRONG_MARGIN: f32 = 2.0;
/// Points per unit of log10-likelihood ratio from the word model (a word ten times more
/// frequent in one language than in another is worth this many points to it).
const WORD_MODEL_POINTS: f32 = 1.0;

/// The best and runner-up score: (index, best, second).
fn top2(scores: &[f32]) -> (usize, f32, f32) {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    let second = scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, &s)| s)
        .fold(0.0f32, f32::max);
    (best, scores[best], second)
}

/// The longest prefix of `text` of at most `max` bytes, cut at white space when there is some.
fn sample(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(ws) if ws > max / 2 => &text[..ws],
        _ => &text[..end],
    }
}

/// The number of letters (alphabetic characters) of `text`.
fn letters(text: &str) -> usize {
    // The ASCII letters in one branch-free pass (the compiler vectorizes it), then each
    // non-ASCII character by its first byte, when there are any.
    let bytes = text.as_bytes();
    let ascii = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if text.is_ascii() {
        return ascii;
    }
    let mut n = ascii;
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0xC3 {
            // U+00C0..=U+00FF: all letters but '×' and '÷'.
            n += usize::from(!matches!(bytes[i + 1], 0x97 | 0xB7));
        } else if b >= 0xC0 {
            let c = text[i..]
                .chars()
                .next()
                .expect("a first byte starts a char");
            n += usize::from(c.is_alphabetic());
        }
    }
    n
}

/// One span's verdict.
#[derive(Debug, Clone, Copy)]
struct Verdict {
    lang: Lang,
    confidence: f64,
    /// The evidence alone decides it by [`STRONG_MARGIN`].
    strong: bool,
}

/// A paragraph's [`Evidence::score`] when [`LanguageDetector::sentence_leanings`] has it.
type KnownEvidence = Option<Box<[f32]>>;

/// A sentence's own evidence: its best language, whether the margin is strong, its letters.
#[derive(Debug, Clone, Copy)]
struct Leaning {
    best: usize,
    strong: bool,
    letters: usize,
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
            evidence: Evidence::build(allowed)?,
            words: words::WordModel::build(allowed)?,
            sample_bytes: SAMPLE_BYTES,
        })
    }

    /// The same detector with the trigram detector limited to `bytes` of each span (the
    /// default is [`SAMPLE_BYTES`]); the evaluation uses it to measure what the bound costs.
    pub fn with_sample_bytes(mut self, bytes: usize) -> LanguageDetector {
        self.sample_bytes = bytes.max(1);
        self
    }

    /// Detect one span of text: its language and confidence, when long enough to tell
    /// ([`MIN_DETECT_CHARS`] letters) or when its own evidence is strong.
    pub fn detect(&self, text: &str) -> Option<(Lang, f64)> {
        self.detect_with(text, None, &mut Scratch::default())
    }

    /// [`LanguageDetector::detect`]; `evidence`, when given, is [`Evidence::score`] of
    /// `text`, already known.
    fn detect_with(
        &self,
        text: &str,
        evidence: Option<&[f32]>,
        scratch: &mut Scratch,
    ) -> Option<(Lang, f64)> {
        let v = self.verdict(text, evidence, scratch)?;
        if self.allowed.len() == 1 || v.strong || letters(text) >= MIN_DETECT_CHARS {
            Some((v.lang, v.confidence))
        } else {
            None
        }
    }

    /// The detector's best guess for `text` however short it is (None only when there is
    /// nothing to judge). [`LanguageDetector::detect`] is this behind the short-span policy;
    /// the evaluation scores this.
    pub fn guess(&self, text: &str) -> Option<(Lang, f64)> {
        self.verdict(text, None, &mut Scratch::default())
            .map(|v| (v.lang, v.confidence))
    }

    /// whatlang alone over the allow-list (on the bounded sample), with no evidence of
    /// trawl's own: the baseline the evaluation compares [`LanguageDetector::guess`] with.
    pub fn whatlang(&self, text: &str) -> Option<(Lang, f64)> {
        if self.allowed.len() == 1 {
            return Some((self.allowed[0], 1.0));
        }
        let info = self.detector.detect(sample(text, self.sample_bytes))?;
        Some((from_whatlang(info.lang())?, info.confidence()))
    }

    /// The allow-list, in the order given.
    pub fn allowed(&self) -> &[Lang] {
        &self.allowed
    }

    /// Evidence scores, then whatlang's pick (weighted by its confidence) when it could
    /// still change the outcome.
    /// `evidence`, when given, is [`Evidence::score`] of `text`, already known.
    fn verdict(
        &self,
        text: &str,
        evidence: Option<&[f32]>,
        scratch: &mut Scratch,
    ) -> Option<Verdict> {
        if self.allowed.len() == 1 {
            return Some(Verdict {
                lang: self.allowed[0],
                confidence: 1.0,
                strong: true,
            });
        }
        let Some(ev) = &self.evidence else {
            let (lang, confidence) = self.whatlang(text)?;
            return Some(Verdict {
                lang,
                confidence,
                strong: false,
            });
        };
        let Scratch {
            hits,
            scores,
            ll,
            words: word_scratch,
            ..
        } = scratch;
        scores.clear();
        match evidence {
            Some(known) => scores.extend_from_slice(known),
            None => {
                scores.resize(self.allowed.len(), 0.0);
                ev.score(text, hits, scores);
            }
        }
        let (_, s1, s2) = top2(scores);
        // Only stop words and marks make a short span strong (measured: see MIN_DETECT_CHARS).
        let strong = s1 - s2 >= STRONG_MARGIN;
        if let Some(wm) = &self.words {
            ll.clear();
            ll.resize(self.allowed.len(), 0.0);
            // The same bounded sample as whatlang's: the word model costs a lookup per word,
            // and a paragraph's first 256 bytes decide it as well as the whole (sentences are
            // shorter than that; the fixtures' paragraphs come out the same).
            if wm.score(sample(text, self.sample_bytes), ll, word_scratch) > 0 {
                let least = ll.iter().copied().fold(f64::INFINITY, f64::min);
                for (s, l) in scores.iter_mut().zip(ll.iter()) {
                    *s += WORD_MODEL_POINTS * (l - least) as f32;
                }
            }
        }
        let (best, s1, s2) = top2(scores);
        if s1 - s2 > WHATLANG_POINTS {
            return Some(Verdict {
                lang: self.allowed[best],
                confidence: 1.0,
                strong,
            });
        }
        if let Some((wl, wc)) = self.whatlang(text) {
            if let Some(i) = self.allowed.iter().position(|&a| a == wl) {
                // The small constant breaks ties in whatlang's favour.
                scores[i] += WHATLANG_POINTS * wc as f32 + 1e-3;
            }
        } else if s1 == 0.0 {
            return None;
        }
        let (best, s1, s2) = top2(scores);
        Some(Verdict {
            lang: self.allowed[best],
            confidence: f64::from(((s1 - s2) / WHATLANG_POINTS).clamp(0.0, 1.0)),
            strong,
        })
    }

    /// Fill in paragraph and sentence languages; return the document's language and segments.
    ///
    /// A paragraph of at least [`MIN_DETECT_CHARS`] letters, or with strong evidence, gets its
    /// own language; others inherit the document's. A sentence takes its paragraph's language
    /// unless it is long enough, its own evidence strongly points elsewhere and the full
    /// detector agrees: that is the only sentence-level detection, so its cost stays small.
    pub fn annotate(
        &self,
        text: &str,
        paragraphs: &mut [Paragraph],
        sentences: &mut [Sentence],
    ) -> DocumentLanguages {
        let mut scratch = Scratch::default();
        let mut weight: BTreeMap<Lang, usize> = BTreeMap::new();
        let mut conf: BTreeMap<Lang, f64> = BTreeMap::new();
        let mut in_paragraph = vec![0usize; paragraphs.len()];
        for s in sentences.iter() {
            if let Some(n) = in_paragraph.get_mut(s.paragraph) {
                *n += 1;
            }
        }
        let (leanings, evidence) =
            self.sentence_leanings(text, sentences, paragraphs, &in_paragraph, &mut scratch);
        let votes = self.sentence_votes(sentences, &leanings, paragraphs.len());
        for ((p, vote), evidence) in paragraphs.iter_mut().zip(votes).zip(&evidence) {
            let surface = p.span.of(text);
            let detected =
                vote.or_else(|| self.detect_with(surface, evidence.as_deref(), &mut scratch));
            if let Some((lang, c)) = detected {
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
        for (s, leaning) in sentences.iter_mut().zip(&leanings) {
            let Some(p) = paragraphs.get(s.paragraph) else {
                continue;
            };
            s.lang = p.lang;
            if let Some(switch) = self.switch(text, s.span, *leaning, p.lang, &mut scratch) {
                s.lang = Some(switch);
            }
        }
        DocumentLanguages {
            language,
            segments: segments(text, paragraphs, dominant),
        }
    }

    /// Each sentence's own evidence where it can matter: in a paragraph of several sentences
    /// (a paragraph's only sentence neither votes against nor switches from it), with at
    /// least [`MIN_DETECT_CHARS`] letters. Computed once for both the votes and the switches.
    ///
    /// A paragraph with such sentences is scanned once for its own evidence (returned, per
    /// paragraph, for its verdict) and its sentences' evidence is read off that scan
    /// ([`Evidence::replay`]) where it can be; the rest are scanned on their own.
    fn sentence_leanings(
        &self,
        text: &str,
        sentences: &[Sentence],
        paragraphs: &[Paragraph],
        in_paragraph: &[usize],
        scratch: &mut Scratch,
    ) -> (Vec<Option<Leaning>>, Vec<KnownEvidence>) {
        let mut leanings = vec![None; sentences.len()];
        let mut known: Vec<KnownEvidence> = vec![None; paragraphs.len()];
        let Some(ev) = &self.evidence else {
            return (leanings, known);
        };
        // The sentences that get a leaning, with their letters, by paragraph.
        let mut wanted: Vec<(usize, usize, usize)> = sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| in_paragraph.get(s.paragraph).copied().unwrap_or(0) >= 2)
            .filter_map(|(i, s)| {
                let letters = letters(s.span.of(text));
                (letters >= MIN_DETECT_CHARS).then_some((s.paragraph, i, letters))
            })
            .collect();
        wanted.sort_by_key(|&(p, i, _)| (p, i));
        let leaning = |scores: &[f32], letters: usize| {
            let (best, s1, s2) = top2(scores);
            Leaning {
                best,
                strong: s1 - s2 >= STRONG_MARGIN,
                letters,
            }
        };
        let n = self.allowed.len();
        let mut cuts: Vec<usize> = Vec::new();
        // Per wanted sentence of the paragraph: the index of its first cut, when it has cuts.
        let mut first_cut: Vec<Option<usize>> = Vec::new();
        for group in wanted.chunk_by(|a, b| a.0 == b.0) {
            let p = group[0].0;
            let paragraph = paragraphs.get(p).map(|p| p.span);
            cuts.clear();
            first_cut.clear();
            if let Some(span) = paragraph.filter(|_| ev.after_pad.is_some()) {
                let surface = span.of(text).as_bytes();
                for &(_, i, _) in group {
                    let s = sentences[i].span;
                    let last = cuts.last().copied().unwrap_or(0);
                    // Inside the paragraph, after the sentences before, and ended where its
                    // own scan would feed its trailing pad (see `Evidence::replay`).
                    let inside = s.start >= span.start && s.end <= span.end;
                    let (from, to) = (
                        s.start.wrapping_sub(span.start),
                        s.end.wrapping_sub(span.start),
                    );
                    let end = if !inside || from < last {
                        None
                    } else if to == surface.len() {
                        Some(to)
                    } else if surface[to] == b' ' && to + 1 < surface.len() {
                        Some(to + 1)
                    } else {
                        None
                    };
                    first_cut.push(end.map(|end| {
                        cuts.extend([from, end]);
                        cuts.len() - 2
                    }));
                }
            }
            if cuts.is_empty() {
                for &(_, i, letters) in group {
                    scratch.scores.clear();
                    scratch.scores.resize(n, 0.0);
                    ev.score(
                        sentences[i].span.of(text),
                        &mut scratch.hits,
                        &mut scratch.scores,
                    );
                    leanings[i] = Some(leaning(&scratch.scores, letters));
                }
                continue;
            }
            let surface = paragraph.expect("cuts are made in a paragraph").of(text);
            scratch.scores.clear();
            scratch.scores.resize(n, 0.0);
            ev.score_cut(
                surface,
                &cuts,
                &mut scratch.cuts,
                &mut scratch.cut_hits,
                &mut scratch.scores,
            );
            known[p] = Some(scratch.scores.as_slice().into());
            for (&(_, i, letters), first) in group.iter().zip(&first_cut) {
                scratch.scores.clear();
                scratch.scores.resize(n, 0.0);
                let read = first.and_then(|k| {
                    ev.replay(
                        &scratch.cuts,
                        &scratch.cut_hits,
                        k,
                        k + 1,
                        &mut scratch.scores,
                    )
                });
                if read.is_none() {
                    scratch.scores.clear();
                    scratch.scores.resize(n, 0.0);
                    ev.score(
                        sentences[i].span.of(text),
                        &mut scratch.hits,
                        &mut scratch.scores,
                    );
                } else if cfg!(debug_assertions) {
                    // The point of `Evidence::replay`: the sentence's own scan, to the bit.
                    let mut own = vec![0.0f32; n];
                    ev.score(sentences[i].span.of(text), &mut scratch.hits, &mut own);
                    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&own), bits(&scratch.scores), "{:?}", sentences[i].span);
                }
                leanings[i] = Some(leaning(&scratch.scores, letters));
            }
        }
        (leanings, known)
    }

    /// For each paragraph whose sentences' own strong evidence names more than one language,
    /// the language of most of those sentences' letters (and its share as confidence): a
    /// quoted sentence must not outweigh the paragraph around it. None elsewhere.
    fn sentence_votes(
        &self,
        sentences: &[Sentence],
        leanings: &[Option<Leaning>],
        paragraphs: usize,
    ) -> Vec<Option<(Lang, f64)>> {
        let mut votes: Vec<Vec<usize>> = vec![Vec::new(); paragraphs];
        for (s, leaning) in sentences.iter().zip(leanings) {
            if let Some(l) = leaning.filter(|l| l.strong) {
                let v = &mut votes[s.paragraph];
                v.resize(self.allowed.len(), 0);
                v[l.best] += l.letters;
            }
        }
        votes
            .into_iter()
            .map(|v| {
                if v.iter().filter(|&&n| n > 0).count() < 2 {
                    return None;
                }
                let total: usize = v.iter().sum();
                let (best, &n) = v
                    .iter()
                    .enumerate()
                    .max_by_key(|&(i, &n)| (n, usize::MAX - i))?;
                Some((self.allowed[best], round3(n as f64 / total as f64)))
            })
            .collect()
    }

    /// The language of a sentence that differs from its paragraph's, when its own evidence
    /// strongly names it and the full verdict agrees.
    fn switch(
        &self,
        text: &str,
        sentence: Span,
        leaning: Option<Leaning>,
        paragraph: Option<Lang>,
        scratch: &mut Scratch,
    ) -> Option<Lang> {
        let leaning = leaning.filter(|l| l.strong)?;
        let candidate = self.allowed[leaning.best];
        if Some(candidate) == paragraph {
            return None;
        }
        let v = self.verdict(sentence.of(text), None, scratch)?;
        (v.lang == candidate).then_some(candidate)
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
    fn latin1_shortcuts_agree_with_unicode() {
        let d = LanguageDetector::new(&DEFAULT_LANGUAGES).unwrap();
        let ev = d.evidence.as_ref().unwrap();
        for c in '\u{0}'..='\u{2ff}' {
            let text = format!("{c}a{c}");
            assert_eq!(
                letters(&text),
                text.chars().filter(|c| c.is_alphabetic()).count()
            );
            // Evidence through the shortcut and through `feed`, one character at a time.
            let mut fast = vec![0.0f32; 4];
            ev.score(&format!("{c}de la {c}e{c} {c}"), &mut Vec::new(), &mut fast);
            let mut slow = vec![0.0f32; 4];
            let (mut state, mut word, mut hits) = (marks::MarkAutomaton::START, 0, Vec::new());
            for x in format!(" {c}de la {c}e{c} {c} ").chars() {
                if x.is_uppercase() {
                    for low in x.to_lowercase() {
                        ev.feed(low, &mut state, &mut word, &mut hits, &mut slow);
                    }
                } else {
                    ev.feed(x, &mut state, &mut word, &mut hits, &mut slow);
                }
            }
            for &s in &hits {
                ev.marks.add(s, &mut slow);
            }
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&fast), bits(&slow), "{c:?}");
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
