//! Tokens for the number scanner: words, numbers in digits, and punctuation, with spans.
//!
//! A number in digits is read here, in one token, with the separators of the sentence's
//! language ([`DigitConventions`]) and the number's own shape deciding which separator is the
//! decimal mark: "1.500" is 1500 in Spanish and 1.5 in English, "1.111,11" is 1111.11 in
//! both, and "1,3" is 1.3 everywhere because a thousands group has three digits. A separator
//! that cannot be read either way ends the number ("423 0000" is two numbers). White space
//! (normal, no-break or narrow no-break) separates thousands only between groups of three.

use super::cues::CueTrie;
use super::tables::{Tables, CUE_COMPANION, CUE_NUMBER, CUE_WEAK};
use crate::fold::fold_cow;
use std::borrow::Cow;

/// How a language writes numbers in digits.
#[derive(Clone, Debug)]
pub(crate) struct DigitConventions {
    /// The decimal mark, `.` or `,`.
    pub decimal: char,
    /// The thousands separators (white space stands for every space character).
    pub thousands: Vec<char>,
}

impl Default for DigitConventions {
    fn default() -> Self {
        DigitConventions {
            decimal: '.',
            thousands: vec![',', ' '],
        }
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    /// Letters.
    Word,
    /// A number in digits.
    Num,
    /// Any other single character.
    Punct,
}

/// A number written in digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Digits {
    /// Its value.
    pub value: f64,
    /// True for a bare run of digits (no separator, no decimal part, no sign).
    pub plain: bool,
    /// Digits before the decimal mark.
    pub int_digits: usize,
}

/// One token, with its span in the document text.
#[derive(Clone, Debug)]
pub(crate) struct Tok<'a> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Folded surface (lower case, no accents, plain quotes and dashes); borrowed from the
    /// text when folding changes nothing.
    pub norm: Cow<'a, str>,
    /// The surface as written.
    pub surface: &'a str,
    /// Kind.
    pub kind: Kind,
    /// True when white space separates it from the token before.
    pub space_before: bool,
    /// The number, for [`Kind::Num`].
    pub digits: Option<Digits>,
}

impl Tok<'_> {
    /// True for a word token with this folded form.
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r');
    }
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

fn is_word_char(c: char) -> bool {
    // ASCII first, then the accented letters of the four languages' text (Latin-1 and
    // Latin Extended-A, all letters but × and ÷): no Unicode table lookups for most
    // characters.
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if let Some(letter) = crate::fold::latin_letter(c) {
        return letter;
    }
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
}

/// Cut `text[start..end]` into tokens.
pub(crate) fn tokenize<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    conv: &DigitConventions,
) -> Vec<Tok<'a>> {
    let s = &text[start..end];
    let b = s.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(s.len() / 4);
    let mut i = 0;
    let mut space = true;
    // Inside a run like "192.168.1.2" that is no one number: plain integers only.
    let mut plain_until = 0;
    // The number token of `s[i..i + len]`.
    let number = |i: usize, len: usize, space_before: bool, digits: Digits| Tok {
        start: start + i,
        end: start + i + len,
        norm: Cow::Borrowed(&s[i..i + len]),
        surface: &s[i..i + len],
        kind: Kind::Num,
        space_before,
        digits: Some(digits),
    };
    while i < s.len() {
        // An ASCII byte is its char: no decoding. (Inline rather than `fold::char_at`, which
        // measured 1.1M more instructions in this loop per 150 documents.)
        let (c, cl) = match b[i] {
            a if a.is_ascii() => (char::from(a), 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        if is_space(c) {
            space = true;
            i += cl;
            continue;
        }
        // A letter starts no number (a number starts with a digit, the decimal mark or '-').
        if !c.is_ascii_alphabetic() {
            let prev_alnum = i > 0
                && match b[i - 1] {
                    p if p.is_ascii() => p.is_ascii_alphanumeric(),
                    _ => s[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_alphanumeric()),
                };
            let next_digit = b.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            let starts_number = c.is_ascii_digit()
                || (c == conv.decimal && next_digit && !prev_alnum)
                || (c == '-' && next_digit && space && !prev_alnum);
            if starts_number && i < plain_until && c.is_ascii_digit() {
                let len = s[i..].bytes().take_while(u8::is_ascii_digit).count();
                let value: f64 = s[i..i + len].parse().unwrap_or(0.0);
                let digits = Digits {
                    value,
                    plain: true,
                    int_digits: len,
                };
                out.push(number(i, len, space, digits));
                i += len;
                space = false;
                continue;
            }
            if starts_number {
                if let Some((len, digits, run_end)) = read_digits(&s[i..], conv) {
                    if let Some(r) = run_end {
                        plain_until = i + r;
                    }
                    out.push(number(i, len, space, digits));
                    i += len;
                    space = false;
                    continue;
                }
            }
        }
        if is_word_char(c) {
            let j = word_end(s, i + cl);
            out.push(Tok {
                start: start + i,
                end: start + j,
                norm: fold_word(&s[i..j]),
                surface: &s[i..j],
                kind: Kind::Word,
                space_before: space,
                digits: None,
            });
            i = j;
        } else {
            let norm = fold_cow(&s[i..i + cl]);
            if !norm.trim().is_empty() {
                out.push(Tok {
                    start: start + i,
                    end: start + i + cl,
                    norm,
                    surface: &s[i..i + cl],
                    kind: Kind::Punct,
                    space_before: space,
                    digits: None,
                });
            }
            i += cl;
        }
        space = false;
    }
    out
}

/// The folded form of the word `w`: a word of ASCII letters folds to its small letters, with
/// no allocation when it has no capital.
fn fold_word(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii_lowercase()) {
        Cow::Borrowed(w)
    } else if w.is_ascii() {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        fold_cow(w)
    }
}

/// True when `s` holds an ASCII digit. Whole blocks are or-ed together without a branch a
/// byte, which the compiler turns into vector code.
fn has_digit(s: &[u8]) -> bool {
    s.chunks(32).any(|block| {
        block
            .iter()
            .fold(0u8, |seen, &b| seen | u8::from(b.wrapping_sub(b'0') < 10))
            != 0
    })
}

/// False when `s` (a sentence) can hold no number for [`super::words::scan`], so that
/// tokenizing it would be wasted: a number in digits needs an ASCII digit; one in words needs
/// a token of [`CUE_NUMBER`], or a weak word for 1 ("un") with a currency name or a decimal
/// word (a lone weak "un" is a number only for money), or alone when `weak_counts` (every
/// number is wanted, weak ones included). Tokens are cut as [`tokenize`] cuts a
/// sentence without digits (runs of word characters, other characters one by one) and
/// folded the same way.
pub(crate) fn may_hold_number(t: &Tables, s: &str, weak_counts: bool) -> bool {
    let cues = &t.cues;
    let bytes = s.as_bytes();
    if has_digit(bytes) {
        return true;
    }
    if cues.is_empty() {
        return false;
    }
    let dead = cues.dead();
    let mut seen = 0u8;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let bits = if b.is_ascii_alphabetic() {
            // A word of ASCII letters is looked up while it is read (capitals step like
            // small letters), until it can be no cue; one that goes on with other letters is
            // folded whole.
            let mut state = cues.step(CueTrie::START, b);
            let mut j = i + 1;
            let mut ascii = true;
            while j < bytes.len() {
                let b = bytes[j];
                if b.is_ascii_alphabetic() {
                    state = cues.step(state, b);
                    j += 1;
                    if state == dead {
                        // No cue goes on from here: the rest of the word is only skipped.
                        while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                            j += 1;
                        }
                    }
                } else {
                    if b.is_ascii() {
                        break;
                    }
                    if let Some(n) = word_char_len(s, j) {
                        ascii = false;
                        j = word_end(s, j + n);
                    }
                    break;
                }
            }
            let bits = if ascii {
                cues.bits(state)
            } else {
                cues.get(&fold_cow(&s[i..j]))
            };
            i = j;
            bits
        } else if b.is_ascii() {
            // ASCII white space and punctuation (no digit: see above) without decoding a
            // char; a space is no cue.
            i += 1;
            if b == b' ' {
                continue;
            }
            cues.bits(cues.step(CueTrie::START, b))
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            let mut j = i + c.len_utf8();
            if is_space(c) {
                i = j;
                continue;
            }
            if is_word_char(c) {
                j = word_end(s, j);
            }
            let bits = cues.get(&fold_cow(&s[i..j]));
            i = j;
            bits
        };
        // Most tokens are no cue: the verdict changes only with a new bit.
        if bits & !seen == 0 {
            continue;
        }
        seen |= bits;
        if seen & CUE_NUMBER != 0
            || (weak_counts && seen & CUE_WEAK != 0)
            || seen & (CUE_WEAK | CUE_COMPANION) == CUE_WEAK | CUE_COMPANION
        {
            return true;
        }
    }
    false
}

/// The length of the non-ASCII word character at `j` in `s` (an accented letter, say): `None`
/// when the byte there is ASCII, which the callers have already classed, or when the
/// character is no word character.
#[inline]
fn word_char_len(s: &str, j: usize) -> Option<usize> {
    if s.as_bytes()[j].is_ascii() {
        return None;
    }
    let ch = s[j..].chars().next()?;
    is_word_char(ch).then(|| ch.len_utf8())
}

/// Where the run of word characters that goes on at `j` in `s` ends.
fn word_end(s: &str, mut j: usize) -> usize {
    let bytes = s.as_bytes();
    while j < bytes.len() {
        let b = bytes[j];
        if b.is_ascii_alphabetic() {
            j += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match word_char_len(s, j) {
                Some(n) => j += n,
                None => break,
            }
        }
    }
    j
}

/// Tokenize a phrase from the language tables the way text is tokenized: its folded tokens.
pub(crate) fn phrase_tokens(phrase: &str) -> Vec<String> {
    let conv = DigitConventions::default();
    tokenize(phrase, 0, phrase.len(), &conv)
        .into_iter()
        .map(|t| t.norm.into_owned())
        .collect()
}

/// Read a number in digits at the start of `s`: its length in bytes, value, and, when a
/// separator that cannot belong to a number ended it ("192.168.1.2", "22,24,26"), where that
/// run of digits and separators ends: the rest of it is read as plain integers.
fn read_digits(s: &str, conv: &DigitConventions) -> Option<(usize, Digits, Option<usize>)> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = b.first() == Some(&b'-');
    if negative {
        i += 1;
    }
    // Groups: (separator before it, start, end); the first has no separator.
    let mut groups: Vec<(Option<char>, usize, usize)> = Vec::new();
    let lead_decimal = b.get(i).is_some_and(|&c| c as char == conv.decimal);
    if lead_decimal {
        let st = i + 1;
        let mut e = st;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        if e == st {
            return None;
        }
        let value: f64 = format!("0.{}", &s[st..e]).parse().ok()?;
        return Some((
            e,
            Digits {
                value: if negative { -value } else { value },
                plain: false,
                int_digits: 0,
            },
            None,
        ));
    }
    let st = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == st {
        return None;
    }
    groups.push((None, st, i));
    loop {
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        if !(c == '.' || c == ',' || is_space(c)) || c == '\n' || c == '\r' {
            break;
        }
        let after = i + c.len_utf8();
        let mut e = after;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        if e == after {
            break;
        }
        let sep = if is_space(c) { ' ' } else { c };
        groups.push((Some(sep), after, e));
        i = e;
    }
    let (used, int_part, frac_part) = interpret(s, &groups, conv);
    let end = groups[used - 1].2;
    let run_end = match groups.get(used) {
        Some((Some(sep), _, _)) if *sep != ' ' => groups.last().map(|g| g.2),
        _ => None,
    };
    let mut text = int_part.clone();
    if let Some(f) = &frac_part {
        text.push('.');
        text.push_str(f);
    }
    let value: f64 = text.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some((
        end,
        Digits {
            value: if negative { -value } else { value },
            plain: used == 1 && !negative,
            int_digits: int_part.len(),
        },
        run_end,
    ))
}

/// Decide how many groups form one number and split them into integer and decimal digits.
fn interpret(
    s: &str,
    groups: &[(Option<char>, usize, usize)],
    conv: &DigitConventions,
) -> (usize, String, Option<String>) {
    let g = |k: usize| &s[groups[k].1..groups[k].2];
    let first = g(0);
    let mut int_part = first.to_string();
    let first_ok = first.len() <= 3 && !(first.starts_with('0'));
    let mut thousands: Option<char> = None;
    let mut k = 1;
    while k < groups.len() {
        let sep = groups[k].0.unwrap_or(' ');
        let digits = g(k);
        let group_ok = digits.len() == 3 && first_ok;
        if sep == ' ' {
            if group_ok && thousands.map_or(true, |t| t == ' ') && conv.thousands.contains(&' ') {
                thousands = Some(' ');
                int_part.push_str(digits);
                k += 1;
                continue;
            }
            // A space before a decimal part is never one number.
            return (k, int_part, None);
        }
        // '.' or ','.
        if let Some(t) = thousands {
            if sep == t {
                if group_ok {
                    int_part.push_str(digits);
                    k += 1;
                    continue;
                }
                return (k, int_part, None);
            }
            // The other mark after thousands groups is the decimal mark.
            return (k + 1, int_part, Some(digits.to_string()));
        }
        let next_sep = groups.get(k + 1).and_then(|x| x.0);
        match next_sep {
            Some(n) if n == sep => {
                // The same mark twice: thousands, or nothing.
                if group_ok && conv.thousands.contains(&sep) {
                    thousands = Some(sep);
                    int_part.push_str(digits);
                    k += 1;
                    continue;
                }
                return (k, int_part, None);
            }
            Some(n) if n != ' ' => {
                // Both marks: the first is the thousands separator when it can be.
                if group_ok {
                    thousands = Some(sep);
                    int_part.push_str(digits);
                    k += 1;
                    continue;
                }
                return (k, int_part, None);
            }
            _ => {
                // One mark, once: the language decides when the shape allows both readings.
                let reads_thousands =
                    sep != conv.decimal && group_ok && conv.thousands.contains(&sep);
                if reads_thousands {
                    int_part.push_str(digits);
                    return (k + 1, int_part, None);
                }
                return (k + 1, int_part, Some(digits.to_string()));
            }
        }
    }
    (k, int_part, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_of_the_latin_fast_path_are_the_alphabetic_ones() {
        for c in '\u{c0}'..='\u{17f}' {
            let slow = c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c);
            assert_eq!(is_word_char(c), slow, "{c:?}");
        }
    }

    fn conv(lang: &str) -> DigitConventions {
        match lang {
            "en" => DigitConventions::default(),
            "fr" => DigitConventions {
                decimal: ',',
                thousands: vec![' ', '.'],
            },
            _ => DigitConventions {
                decimal: ',',
                thousands: vec!['.', ' '],
            },
        }
    }

    fn read(lang: &str, s: &str) -> (String, f64) {
        let (len, d, _) = read_digits(s, &conv(lang)).unwrap();
        (s[..len].to_string(), d.value)
    }

    #[test]
    fn digits_by_language_and_shape() {
        let cases = [
            ("en", "5,000", "5,000", 5000.0),
            ("en", "1.5", "1.5", 1.5),
            ("es", "1.500", "1.500", 1500.0),
            ("es", "1,5", "1,5", 1.5),
            ("en", "1,3", "1,3", 1.3),
            ("es", "1,000", "1,000", 1.0),
            ("en", "1.111,11", "1.111,11", 1111.11),
            ("es", "1,111.11", "1,111.11", 1111.11),
            ("fr", "5 000", "5 000", 5000.0),
            ("fr", "5\u{a0}000", "5\u{a0}000", 5000.0),
            ("en", "423 0000", "423", 423.0),
            ("es", "1.234.567,51", "1.234.567,51", 1234567.51),
            ("en", "22,240,260,310", "22,240,260,310", 22240260310.0),
            ("es", "0.683", "0.683", 0.683),
            ("en", "-9.5", "-9.5", -9.5),
            ("en", "2014", "2014", 2014.0),
            ("en", "1, 234", "1", 1.0),
            ("en", "192.168.1.2", "192", 192.0),
            ("es", "192.168.1.2", "192.168", 192168.0),
            ("en", "22,24,26", "22", 22.0),
        ];
        for (lang, input, text, value) in cases {
            let (t, v) = read(lang, input);
            assert_eq!((t.as_str(), v), (text, value), "{lang} {input}");
        }
    }
}
