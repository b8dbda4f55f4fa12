//! Tokens: the units the date grammar reads.
//!
//! A token is a run of digits, a run of letters (with their combining marks), or one other
//! non-space character. Each keeps its byte span in the document text and its folded form
//! ([`fold_str`]), so the grammar compares folded words while spans stay original.

use crate::fold::{fold_cow, FoldCursor, FoldedText};
use crate::model::Span;
use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// ASCII digits.
    Num,
    /// Letters.
    Word,
    /// Any other single character.
    Punct,
}

/// A token's folded surface: borrowed from the text when folding changes nothing (lower-case
/// ASCII, digits, most punctuation: most tokens), so tokenizing a sentence allocates little.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Norm<'a>(Cow<'a, str>);

impl Norm<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Norm<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Norm<'_> {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Norm<'_> {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Norm<'_>> for String {
    fn eq(&self, other: &Norm<'_>) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Norm<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One token.
#[derive(Clone, Debug)]
pub(crate) struct Tok<'a> {
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Digits, letters or other.
    pub kind: Kind,
    /// The folded surface.
    pub norm: Norm<'a>,
    /// True when no white space separates it from the token before.
    pub glued: bool,
    /// True when the surface starts with an upper-case letter.
    pub upper: bool,
    /// The value of a digit run of at most nine digits.
    pub num: Option<u32>,
}

impl Tok<'_> {
    /// Number of digits of a digit run (0 for other tokens).
    pub fn digits(&self) -> usize {
        if self.kind == Kind::Num {
            self.end - self.start
        } else {
            0
        }
    }
}

fn class(c: char) -> Option<Kind> {
    // ASCII first: most characters of most documents, and no Unicode table lookups.
    if c.is_ascii() {
        return match c {
            ' ' | '\t'..='\r' => None,
            '0'..='9' => Some(Kind::Num),
            'a'..='z' | 'A'..='Z' => Some(Kind::Word),
            _ => Some(Kind::Punct),
        };
    }
    if c.is_whitespace() {
        None
    } else if c.is_ascii_digit() {
        Some(Kind::Num)
    } else if c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c) {
        Some(Kind::Word)
    } else {
        Some(Kind::Punct)
    }
}

/// Tokenize `text[start..end]`; offsets are into `text`.
///
/// Read byte by byte while the text is ASCII (digits, letters and punctuation classify, and
/// letters fold, without decoding a char); a non-ASCII character is decoded and classified
/// by [`class`], and a token holding one is folded by [`fold_cow`].
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok<'_>> {
    tokenize_folded(text, None, start, end)
}

/// [`tokenize`], with the folded form of a token that folding changes borrowed from
/// `folded` (the fold of all of `text`) instead of made anew, when the token's fold cannot
/// depend on what comes before it.
///
/// Why the slice is the token's own fold: [`FoldedText`] folds character by character, and
/// only white space reads the state a character before leaves. A token whose characters are
/// all ASCII (never white space inside a token: lower-cased, one byte each) or Latin-1
/// letters U+00C0..=U+00FF (a fixed table, never white space) folds to the same bytes
/// wherever it stands, and the folded bytes mapped to its span are exactly those.
/// Other tokens (a combining mark first, a letter that decomposes to white space) are
/// folded on their own, as [`tokenize`] does.
pub(crate) fn tokenize_folded<'a>(
    text: &'a str,
    folded: Option<&'a FoldedText>,
    start: usize,
    end: usize,
) -> Vec<Tok<'a>> {
    let mut cursor: Option<FoldCursor<'a>> = folded.map(FoldedText::cursor);
    let mut out: Vec<Tok> = Vec::with_capacity((end - start) / 4);
    let s = &text[start..end];
    let bytes = s.as_bytes();
    let char_at = |i: usize| s[i..].chars().next().expect("i is a char boundary");
    let mut prev_end: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (kind, first, upper) = if b.is_ascii() {
            match class(b as char) {
                Some(kind) => (kind, b as char, b.is_ascii_uppercase()),
                None => {
                    i += 1;
                    continue;
                }
            }
        } else {
            let c = char_at(i);
            match class(c) {
                Some(kind) => (kind, c, c.is_uppercase()),
                None => {
                    i += c.len_utf8();
                    continue;
                }
            }
        };
        let mut j = i + first.len_utf8();
        let mut num = None;
        // Lower-case ASCII only: the surface is its own folded form.
        let mut plain = b.is_ascii() && !upper;
        // Every character ASCII or in U+00C0..=U+00FF: the fold `folded` holds is its own.
        let mut latin1 = b.is_ascii() || ('\u{C0}'..='\u{FF}').contains(&first);
        match kind {
            Kind::Num => {
                // Digits are ASCII only (see `class`).
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                if j - i <= 9 {
                    let digits = &bytes[i..j];
                    num = Some(
                        digits
                            .iter()
                            .fold(0u32, |v, d| v * 10 + u32::from(d - b'0')),
                    );
                }
            }
            Kind::Word => {
                let mut ascii = b.is_ascii();
                while j < bytes.len() {
                    let d = bytes[j];
                    // Lower-case letters first: most bytes of most words.
                    if d.is_ascii_lowercase() {
                        j += 1;
                    } else if d.is_ascii_uppercase() {
                        plain = false;
                        j += 1;
                    } else if d.is_ascii() {
                        break;
                    } else {
                        let c = char_at(j);
                        if class(c) != Some(Kind::Word) {
                            break;
                        }
                        ascii = false;
                        plain = false;
                        latin1 &= ('\u{C0}'..='\u{FF}').contains(&c);
                        j += c.len_utf8();
                    }
                }
                plain &= ascii;
            }
            Kind::Punct => {}
        }
        let surface = &s[i..j];
        let norm = if plain {
            Cow::Borrowed(surface)
        } else if let (true, Some(cursor)) = (latin1, cursor.as_mut()) {
            Cow::Borrowed(cursor.fold_of(Span::new(start + i, start + j)))
        } else if surface.is_ascii() {
            // Folding ASCII letters and punctuation is lower-casing them.
            Cow::Owned(surface.to_ascii_lowercase())
        } else {
            fold_cow(surface)
        };
        out.push(Tok {
            start: start + i,
            end: start + j,
            kind,
            norm: Norm(norm),
            glued: prev_end == Some(i),
            upper,
            num,
        });
        prev_end = Some(j);
        i = j;
    }
    out
}

/// The folded tokens of a phrase from a language table.
pub(crate) fn phrase_tokens(phrase: &str) -> Vec<String> {
    tokenize(phrase, 0, phrase.len())
        .into_iter()
        .map(|t| t.norm.0.into_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_digits_letters_and_punctuation() {
        let s = "Dec. 6–7, 2017 aujourd’hui 1er";
        let t = tokenize(s, 0, s.len());
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            ["dec", ".", "6", "-", "7", ",", "2017", "aujourd", "'", "hui", "1", "er"]
        );
        assert!(t[1].glued && !t[2].glued && t[3].glued);
        assert!(t[0].upper);
    }
}
