//! Paragraphs, sentences and web furniture.
//!
//! Input: a document's decoded text. Output: [`Paragraph`]s (with their [`Section`]) and
//! [`Sentence`]s, as spans into the text; nothing is removed, so offsets stay those of the
//! text as decoded.
//!
//! - Paragraphs: the sample articles put one paragraph per line, others separate paragraphs
//!   with blank lines and wrap lines inside them. Every non-blank line starts a paragraph
//!   unless it continues a wrapped one (the line before does not end a sentence and this one
//!   starts in lower case).
//! - Sentences: split after `.`, `!`, `?` or `…` (and any closing quotes) when white space
//!   and an upper-case letter, digit or quote follow, except after an abbreviation from the
//!   language tables ("U.S.", "Dec.", "Sr.") or an initial ("J.").
//! - Sections: a paragraph that is a known piece of web furniture (cookie notices, "Leave a
//!   Reply") is `boilerplate`; everything after a related-articles heading ("Articles
//!   connexes") that is not boilerplate is `teaser`. The phrases live in each language's
//!   `text.toml`; all languages' phrases apply, because furniture is often in another
//!   language than the story.
//!
//! Languages are not set here: [`crate::lang`] fills them in.

use crate::fold::{fold_str, FoldedText};
use crate::languages::{self, LANGUAGES};
use crate::model::{Lang, Paragraph, Section, Sentence, Span, TextView};
use aho_corasick::AhoCorasick;
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;

#[derive(Deserialize)]
struct TextTable {
    abbreviations: Vec<String>,
    boilerplate_exact: Vec<String>,
    boilerplate_contains: Vec<String>,
    teaser_headings: Vec<String>,
}

/// The segmenter, built once from every language's `text.toml`.
#[derive(Debug)]
pub struct Segmenter {
    abbreviations: HashSet<String>,
    boilerplate_exact: HashSet<String>,
    /// Folded `boilerplate_contains` phrases: does a paragraph contain any.
    boilerplate_contains: AhoCorasick,
    teaser_headings: HashSet<String>,
}

/// The paragraphs and sentences of one text, owned, for callers that know its language
/// (evaluations, table tests) instead of detecting it.
#[derive(Debug, Clone)]
pub struct Segmented {
    /// Paragraphs in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// The language set on every paragraph and sentence.
    pub lang: Option<Lang>,
}

impl Segmented {
    /// The view every extractor reads.
    pub fn view<'a>(&'a self, text: &'a str) -> TextView<'a> {
        TextView {
            text,
            paragraphs: &self.paragraphs,
            sentences: &self.sentences,
            lang: self.lang,
        }
    }
}

/// Paragraphs longer than this are never boilerplate by a `boilerplate_contains` phrase.
const BOILERPLATE_MAX_BYTES: usize = 400;

impl Segmenter {
    /// Build from the embedded language tables.
    pub fn new() -> Result<Segmenter, String> {
        let mut abbreviations = HashSet::default();
        let mut boilerplate_exact = HashSet::default();
        let mut boilerplate_contains = Vec::new();
        let mut teaser_headings = HashSet::default();
        for d in LANGUAGES {
            let t: TextTable = languages::parse(d.lang, "text.toml", d.text)?;
            abbreviations.extend(t.abbreviations);
            boilerplate_exact.extend(t.boilerplate_exact.iter().map(|p| normalize_phrase(p)));
            boilerplate_contains.extend(t.boilerplate_contains.iter().map(|p| fold_str(p)));
            teaser_headings.extend(t.teaser_headings.iter().map(|p| normalize_phrase(p)));
        }
        Ok(Segmenter {
            abbreviations,
            boilerplate_exact,
            boilerplate_contains: AhoCorasick::new(&boilerplate_contains)
                .map_err(|e| format!("boilerplate_contains: {e}"))?,
            teaser_headings,
        })
    }

    /// Split `text` into paragraphs and sentences.
    pub fn segment(&self, text: &str) -> (Vec<Paragraph>, Vec<Sentence>) {
        self.segment_folded(text, &FoldedText::new(text))
    }

    /// [`Segmenter::segment`] with the text's folded form at hand (the pipeline folds once
    /// for every stage).
    pub fn segment_folded(
        &self,
        text: &str,
        folded: &FoldedText,
    ) -> (Vec<Paragraph>, Vec<Sentence>) {
        let spans = paragraph_spans(text);
        let mut paragraphs = Vec::with_capacity(spans.len());
        let mut in_teasers = false;
        for span in spans {
            let surface = span.of(text);
            // The same as normalize_phrase(surface): a paragraph span is trimmed, and folding
            // differs from the surface's own only in white space at the ends.
            let phrase = trim_phrase(folded.fold_of(span));
            let section = if self.teaser_headings.contains(phrase) {
                in_teasers = true;
                Section::Boilerplate
            } else if self.is_boilerplate(surface, phrase) {
                Section::Boilerplate
            } else if in_teasers {
                Section::Teaser
            } else {
                Section::Body
            };
            paragraphs.push(Paragraph {
                span,
                section,
                detected: None,
                confidence: 0.0,
                lang: None,
            });
        }
        let mut sentences = Vec::new();
        let mut spans = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            spans.clear();
            self.sentence_spans(text, p.span, &mut spans);
            sentences.extend(spans.iter().map(|&span| Sentence {
                span,
                paragraph: i,
                lang: None,
            }));
        }
        (paragraphs, sentences)
    }

    /// Segment `text` and give every paragraph and sentence the language `lang`.
    pub fn segment_in(&self, text: &str, lang: Option<Lang>) -> Segmented {
        let (mut paragraphs, mut sentences) = self.segment(text);
        for p in &mut paragraphs {
            p.lang = lang;
        }
        for s in &mut sentences {
            s.lang = lang;
        }
        Segmented {
            paragraphs,
            sentences,
            lang,
        }
    }

    fn is_boilerplate(&self, surface: &str, phrase: &str) -> bool {
        if phrase.is_empty() || self.boilerplate_exact.contains(phrase) {
            return true;
        }
        surface.len() < BOILERPLATE_MAX_BYTES && self.boilerplate_contains.is_match(phrase)
    }

    /// Sentence spans inside one paragraph, added to `out`.
    fn sentence_spans(&self, text: &str, para: Span, out: &mut Vec<Span>) {
        let p = para.of(text);
        let bytes = p.as_bytes();
        // The first character of `p[at..]` (there is one: `at` < `p.len()`).
        let char_at = |at: usize| p[at..].chars().next().expect("at is a char boundary");
        let mut start = 0;
        let mut i = 0;
        // Byte offsets: a terminator's bytes never occur inside another character.
        while let Some(found) = bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
        {
            let off = i + found;
            let c = char_at(off);
            if !matches!(c, '.' | '!' | '?' | '…') {
                i = off + c.len_utf8();
                continue;
            }
            // Take closing punctuation that belongs to this sentence.
            let mut j = off + c.len_utf8();
            while j < p.len() {
                let d = char_at(j);
                if !matches!(
                    d,
                    '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '.' | '!' | '?'
                ) {
                    break;
                }
                j += d.len_utf8();
            }
            let end = j;
            // White space, then something that can open a sentence.
            let mut k = j;
            let mut opener = None;
            while k < p.len() {
                let d = char_at(k);
                if !d.is_whitespace() {
                    opener = Some(d);
                    break;
                }
                k += d.len_utf8();
            }
            let opens = k > j
                && opener.is_some_and(|d| {
                    d.is_uppercase()
                        || d.is_ascii_digit()
                        || matches!(
                            d,
                            '"' | '“' | '«' | '\'' | '‘' | '¿' | '¡' | '(' | '—' | '–' | '-'
                        )
                });
            if opens && !(c == '.' && self.is_abbreviation(&p[start..off])) {
                push_trimmed(out, p, para.start, start, end);
                start = k;
                i = k;
                continue;
            }
            i = j;
        }
        push_trimmed(out, p, para.start, start, p.len());
    }

    /// True when the word before a period (the end of `before`) is an abbreviation.
    fn is_abbreviation(&self, before: &str) -> bool {
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '«' | '—' | '–'))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let word = &before[word_start..];
        if word.is_empty() {
            return false;
        }
        // An initial: "J." or "A.B." style dotted capitals.
        let mut letters = word.split('.').filter(|s| !s.is_empty());
        if letters.clone().count() >= 1
            && letters.all(|s| s.chars().count() == 1 && s.chars().all(char::is_uppercase))
        {
            return true;
        }
        self.abbreviations.contains(word)
    }
}

/// Add `p[start..end]` trimmed of white space, offset by `base`, when non-empty.
fn push_trimmed(out: &mut Vec<Span>, p: &str, base: usize, start: usize, end: usize) {
    let s = &p[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(base + start + lead, base + end - trail));
    }
}

/// A phrase compared with the boilerplate lists: folded, trimmed of punctuation and spaces.
fn normalize_phrase(s: &str) -> String {
    trim_phrase(&fold_str(s.trim())).to_string()
}

/// A folded phrase without the spaces and punctuation around it.
fn trim_phrase(folded: &str) -> &str {
    folded.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '?' | '!' | '.' | ':' | '-' | '|' | '>' | '»')
    })
}

/// Paragraph spans: non-blank lines, with wrapped continuation lines joined.
fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut prev_blank = true;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if trimmed.is_empty() {
            prev_blank = true;
            continue;
        }
        let lead = body.len() - body.trim_start().len();
        let start = line_start + lead;
        let end = line_start + lead + trimmed.len();
        let continues = !prev_blank
            && out.last().is_some_and(|last| {
                let prev = last.of(text);
                !prev.ends_with(['.', '!', '?', ':', '"', '”', '»', ')'])
                    && trimmed.chars().next().is_some_and(|c| c.is_lowercase())
            });
        if continues {
            out.last_mut().expect("checked above").end = end;
        } else {
            out.push(Span::new(start, end));
        }
        prev_blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let s = Segmenter::new().unwrap();
        let (_, sents) = s.segment(text);
        sents.iter().map(|x| x.span.of(text)).collect()
    }

    #[test]
    fn splits_sentences_around_abbreviations() {
        assert_eq!(
            sentences(
                "The U.S. Attorney spoke. On Dec. 6 they met. Sr. Pérez left! Then J. Smith came."
            ),
            vec![
                "The U.S. Attorney spoke.",
                "On Dec. 6 they met.",
                "Sr. Pérez left!",
                "Then J. Smith came."
            ]
        );
        assert_eq!(
            sentences("“We will win,” he said. Next."),
            vec!["“We will win,” he said.", "Next."]
        );
    }

    #[test]
    fn paragraphs_one_per_line_or_blank_separated() {
        let s = Segmenter::new().unwrap();
        let text = "Title\nFirst para line one\ncontinues here.\n\nSecond.\n";
        let (paras, _) = s.segment(text);
        let got: Vec<&str> = paras.iter().map(|p| p.span.of(text)).collect();
        assert_eq!(
            got,
            vec!["Title", "First para line one\ncontinues here.", "Second."]
        );
    }

    #[test]
    fn sections() {
        let s = Segmenter::new().unwrap();
        let text =
            "Story.\nLeave a Reply\nArticles connexes\nOther story.\nCe site utilise des cookies\n";
        let (paras, _) = s.segment(text);
        let got: Vec<Section> = paras.iter().map(|p| p.section).collect();
        assert_eq!(
            got,
            vec![
                Section::Body,
                Section::Boilerplate,
                Section::Boilerplate,
                Section::Teaser,
                Section::Boilerplate
            ]
        );
    }
}
