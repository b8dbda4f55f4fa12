//! Case and accent folding with a map back to original offsets.
//!
//! The gazetteer matcher and the language word lists compare text folded by [`fold_str`]:
//! full Unicode lower-casing, compatibility decomposition (ligatures, full-width forms), marks
//! removed (México → mexico, Fiscalía → fiscalia), a few letters that do not decompose
//! (ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ → d, ı → i), typographic quotes and dashes made
//! plain (’ → ', “ → ", – → -), invisible format characters (soft hyphen, zero-width
//! joiners, BOM) dropped, and every run of white space (NBSP included) made one space.
//!
//! [`FoldedText`] keeps, for every byte of the folded string, the byte offset of the original
//! character it came from, so a match found in folded text maps back to an original [`Span`].
//! A folded range maps back only when both its ends fall between the outputs of two original
//! characters: a match that ends in the middle of the "ss" of a "ß" has no original span.
//!
//! What this does not do: transliterate other scripts, or fold punctuation other than quotes
//! and dashes (the dots of "U.S." stay, because they tell "U.S." from "us").

use crate::lexicon::Token;
use crate::model::Span;
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A document's text folded once, with the offset map back to the original.
#[derive(Clone, Debug)]
pub struct FoldedText {
    folded: String,
    /// `to_original[i]` is the byte offset in the original of the character that produced
    /// folded byte `i`; one more entry at the end holds the original length.
    to_original: Vec<u32>,
    /// The word tokens of the whole folded text ([`crate::lexicon::tokens`]), made on first
    /// use: every phrase list looked up in the document shares them.
    tokens: OnceLock<Vec<Token>>,
}

impl FoldedText {
    /// Fold `text`. Texts above 4 GiB are not supported (the ingest limit is far below).
    pub fn new(text: &str) -> FoldedText {
        let mut folded = String::with_capacity(text.len());
        let mut to_original: Vec<u32> = Vec::with_capacity(text.len() + 1);
        let mut last_space = false;
        let bytes = text.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            let b = bytes[offset];
            // ASCII (most of every text) folds byte by byte without decoding a char.
            if b.is_ascii() {
                if fold_ascii(b, &mut folded, &mut last_space) {
                    to_original.push(offset as u32);
                }
                offset += 1;
                continue;
            }
            let c = text[offset..]
                .chars()
                .next()
                .expect("offset is a char boundary");
            fold_char(c, &mut folded, &mut last_space);
            to_original.resize(folded.len(), offset as u32);
            offset += c.len_utf8();
        }
        to_original.push(text.len() as u32);
        FoldedText {
            folded,
            to_original,
            tokens: OnceLock::new(),
        }
    }

    /// The folded string.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// The tokens of the whole folded text, made once.
    pub fn tokens(&self) -> &[Token] {
        self.tokens
            .get_or_init(|| crate::lexicon::tokens(&self.folded, 0..self.folded.len()))
    }

    /// True when folded byte `i` starts the output of an original character (or is the end).
    pub fn is_boundary(&self, i: usize) -> bool {
        i == 0 || i >= self.folded.len() || self.to_original[i] != self.to_original[i - 1]
    }

    /// The original span of the folded range `start..end`, or `None` when either end falls
    /// inside the output of one original character.
    pub fn original_span(&self, start: usize, end: usize) -> Option<Span> {
        if start > end
            || end > self.folded.len()
            || !self.is_boundary(start)
            || !self.is_boundary(end)
        {
            return None;
        }
        Some(Span::new(
            self.to_original[start] as usize,
            self.to_original[end] as usize,
        ))
    }

    /// The folded form of the original span `span`, a slice of the folded text: for a span
    /// without white space at its ends it equals [`fold_str`] of the span's surface, since
    /// folding is per character except for runs of white space.
    pub fn fold_of(&self, span: Span) -> &str {
        let start = self.folded_offset(span.start);
        let end = self.folded_offset(span.end).max(start);
        &self.folded[start..end]
    }

    /// The folded offset of original byte `offset`: the first folded byte produced at or
    /// after it.
    pub fn folded_offset(&self, offset: usize) -> usize {
        self.to_original
            .partition_point(|&o| (o as usize) < offset)
            .min(self.folded.len())
    }

    /// A cursor for [`FoldedText::fold_of`] over spans taken in text order.
    pub fn cursor(&self) -> FoldCursor<'_> {
        FoldCursor { text: self, at: 0 }
    }
}

/// [`FoldedText::fold_of`] for spans in text order (the words of a sentence): each offset is
/// found by walking the offset map on from the previous one, so a sentence costs one pass
/// over its bytes instead of two binary searches over the whole document per word.
pub struct FoldCursor<'f> {
    text: &'f FoldedText,
    /// Every map entry before `at` is below the last offset asked for.
    at: usize,
}

impl<'f> FoldCursor<'f> {
    /// Same as [`FoldedText::fold_of`].
    #[inline]
    pub fn fold_of(&mut self, span: Span) -> &'f str {
        let start = self.folded_offset(span.start);
        // A span that folds byte for byte (an ASCII word, most of them) ends as far past its
        // start in the folded text as in the original: checked on the map (sorted), where the
        // entry there is the first at or past the span's end, it is the end's offset.
        let map = &self.text.to_original;
        let guess = start + span.len();
        if !span.is_empty()
            && guess < map.len()
            && map[guess] as usize >= span.end
            && (map[guess - 1] as usize) < span.end
        {
            self.at = guess;
            return &self.text.folded[start..guess.min(self.text.folded.len())];
        }
        let end = self.folded_offset(span.end).max(start);
        &self.text.folded[start..end]
    }

    /// Same as [`FoldedText::folded_offset`]. Inlined: asked for every word of a body.
    #[inline(always)]
    fn folded_offset(&mut self, offset: usize) -> usize {
        let map = &self.text.to_original;
        if self.at == 0 || map[self.at - 1] as usize >= offset {
            // The first offset (or one asked out of order): a binary search.
            self.at = map.partition_point(|&o| (o as usize) < offset);
        } else {
            // Where the walk would stop if every byte from here folds to one byte (plain
            // ASCII, most of a text), checked: the map is sorted, so an entry at or past
            // `offset` right after one below it is the answer. Saves the walk over a word.
            if let Some(&here) = map.get(self.at) {
                let here = here as usize;
                if here >= offset {
                    return self.at.min(self.text.folded.len());
                }
                let guess = self.at + (offset - here);
                if guess < map.len()
                    && map[guess] as usize >= offset
                    && (map[guess - 1] as usize) < offset
                {
                    self.at = guess;
                    return guess.min(self.text.folded.len());
                }
            }
            // The last entry is the text's length, so the walk stops within the map for
            // any offset inside the text.
            while self.at < map.len() && (map[self.at] as usize) < offset {
                self.at += 1;
            }
        }
        self.at.min(self.text.folded.len())
    }
}

/// Fold a pattern (an alias, a month name) the same way documents are folded.
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            fold_ascii(bytes[i], &mut out, &mut last_space);
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("i is a char boundary");
        fold_char(c, &mut out, &mut last_space);
        i += c.len_utf8();
    }
    out
}

/// The char at byte `at` of `s` (a char boundary) and its length in bytes: an ASCII byte is
/// its char, without decoding (most chars of every text).
#[inline]
pub fn char_at(s: &str, at: usize) -> (char, usize) {
    let b = s.as_bytes()[at];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = s[at..].chars().next().expect("at is a char boundary");
    (c, c.len_utf8())
}

/// Whether a character of U+00C0..=U+017F (Latin-1's letters and Latin Extended-A: most of
/// the non-ASCII characters of texts in the supported languages) is a letter, answered without
/// Unicode's tables: all are but the signs × and ÷. None for any other character.
#[inline]
pub fn latin_letter(c: char) -> Option<bool> {
    ('\u{c0}'..='\u{17f}')
        .contains(&c)
        .then_some(!matches!(c, '×' | '÷'))
}

/// White space in ASCII as `char::is_whitespace` has it: `u8::is_ascii_whitespace` leaves out
/// the vertical tab, which the tokenizers count as space, so "Federal\u{b}Police" matched the
/// alias "Federal Police" but did not fold like it.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0B
}

/// Fold one ASCII byte onto `out`; false when it adds nothing (white space after white space).
#[inline]
fn fold_ascii(b: u8, out: &mut String, last_space: &mut bool) -> bool {
    if is_ascii_space(b) {
        if *last_space {
            return false;
        }
        out.push(' ');
        *last_space = true;
    } else {
        *last_space = false;
        out.push(b.to_ascii_lowercase() as char);
    }
    true
}

/// [`fold_str`] without a copy when folding changes nothing (lower-case ASCII without white
/// space, the common case for a word).
pub fn fold_cow(s: &str) -> Cow<'_, str> {
    if s.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && !is_ascii_space(b))
    {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold_str(s))
    }
}

/// A lower-case ASCII slug of a name, for ids ("Security Implementation Group" →
/// "security-implementation-group").
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in fold_str(name).chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Fold one character onto `out`.
fn fold_char(c: char, out: &mut String, last_space: &mut bool) {
    if c.is_ascii() {
        if is_ascii_space(c as u8) {
            push_space(out, last_space);
        } else {
            *last_space = false;
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    if c.is_whitespace() {
        push_space(out, last_space);
        return;
    }
    // The accented letters of the four languages' text: looked up, not decomposed (the
    // decomposition path below costs hundreds of instructions per letter).
    if let Some(s) = LATIN1_FOLDED.get((c as usize).wrapping_sub(0xC0)) {
        *last_space = false;
        out.push_str(s);
        return;
    }
    if let Some(s) = special(c) {
        if !s.is_empty() {
            *last_space = false;
            out.push_str(s);
        }
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if let Some(s) = special(d) {
            if !s.is_empty() {
                *last_space = false;
                out.push_str(s);
            }
            return;
        }
        if d.is_whitespace() {
            push_space(out, last_space);
            return;
        }
        *last_space = false;
        for l in d.to_lowercase() {
            if !is_combining_mark(l) {
                out.push(l);
            }
        }
    });
}

/// The folds of U+00C0..=U+00FF (Latin-1 letters, '×' and '÷'), as the decomposition path
/// gives them (a test checks every one).
const LATIN1_FOLDED: [&str; 64] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", // ÀÁÂÃÄÅÆÇ
    "e", "e", "e", "e", "i", "i", "i", "i", // ÈÉÊËÌÍÎÏ
    "ð", "n", "o", "o", "o", "o", "o", "×", // ÐÑÒÓÔÕÖ×
    "o", "u", "u", "u", "u", "y", "th", "ss", // ØÙÚÛÜÝÞß
    "a", "a", "a", "a", "a", "a", "ae", "c", // àáâãäåæç
    "e", "e", "e", "e", "i", "i", "i", "i", // èéêëìíîï
    "ð", "n", "o", "o", "o", "o", "o", "÷", // ðñòóôõö÷
    "o", "u", "u", "u", "u", "y", "th", "y", // øùúûüýþÿ
];

fn push_space(out: &mut String, last_space: &mut bool) {
    if !*last_space {
        out.push(' ');
        *last_space = true;
    }
}

/// Characters that decomposition does not fold the way readers do.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' => "d",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => "-",
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_are_the_alphabetic_chars() {
        for c in '\u{80}'..='\u{24f}' {
            let inside = ('\u{c0}'..='\u{17f}').contains(&c);
            assert_eq!(latin_letter(c), inside.then(|| c.is_alphabetic()), "{c:?}");
        }
    }

    #[test]
    fn folds_case_accents_and_specials() {
        let cases = [
            ("México", "mexico"),
            ("FISCALÍA", "fiscalia"),
            ("Straße", "strasse"),
            ("İstanbul", "istanbul"),
            ("ﬁscal", "fiscal"),
            ("Département d’État", "departement d'etat"),
            ("a\u{a0}\u{a0} b", "a b"),
            ("Jose\u{301}", "jose"),
            ("Œuvre", "oeuvre"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_str(input), want, "{input}");
        }
    }

    #[test]
    fn every_white_space_folds_to_one_space() {
        for c in (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            let text = format!("Federal {c}Police");
            assert_eq!(fold_str(&text), "federal police", "U+{:04X}", c as u32);
            assert_eq!(
                FoldedText::new(&text).as_str(),
                "federal police",
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn latin1_table_matches_decomposition() {
        for (k, want) in LATIN1_FOLDED.iter().enumerate() {
            let c = char::from_u32(0xC0 + k as u32).unwrap();
            let mut slow = String::new();
            decompose_compatible(c, |d| {
                if let Some(s) = special(d) {
                    slow.push_str(s);
                } else if !is_combining_mark(d) {
                    slow.extend(d.to_lowercase().filter(|l| !is_combining_mark(*l)));
                }
            });
            assert_eq!(*want, slow, "{c}");
        }
    }

    #[test]
    fn maps_back_to_original() {
        let text = "La Fiscalía de México";
        let f = FoldedText::new(text);
        let fs = f.as_str().find("mexico").unwrap();
        let span = f.original_span(fs, fs + 6).unwrap();
        assert_eq!(span.of(text), "México");
    }

    #[test]
    fn a_span_folds_like_its_surface() {
        let text =
            "La  Fiscalía\u{a0}de MÉXICO, Straße ﬁscal Œuvre d’État U.S.-Mexico Jose\u{301}.";
        let f = FoldedText::new(text);
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let span = Span::new(s, i);
                    assert_eq!(
                        f.fold_of(span),
                        fold_str(span.of(text)),
                        "{}",
                        span.of(text)
                    );
                    start = None;
                }
                _ => {}
            }
        }
        assert_eq!(f.as_str(), fold_str(text));
    }

    #[test]
    fn the_cursor_folds_as_fold_of() {
        let text = "La  Fiscalía\u{a0}de MÉXICO, Straße ﬁscal Œuvre d’État U.S.-Mexico.";
        let f = FoldedText::new(text);
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        // Spans in text order, as the pattern finder asks, then out of order.
        let mut spans: Vec<Span> = bounds.windows(2).map(|w| Span::new(w[0], w[1])).collect();
        spans.extend(bounds.windows(3).rev().map(|w| Span::new(w[0], w[2])));
        let mut cursor = f.cursor();
        for span in spans {
            assert_eq!(cursor.fold_of(span), f.fold_of(span), "{span:?}");
        }
    }

    #[test]
    fn refuses_half_of_an_expansion() {
        let text = "Straße";
        let f = FoldedText::new(text);
        // "stras" ends inside the "ss" of ß.
        assert!(f.original_span(0, 5).is_none());
        assert_eq!(f.original_span(0, 6).unwrap().of(text), "Straß");
    }
}
