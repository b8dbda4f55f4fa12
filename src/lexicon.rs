//! Phrase lists matched in folded text: the shared mechanism behind every word-list lookup.
//!
//! A [`PhraseSet`] compiles phrases (each with a payload) into a trie over *word tokens* of
//! their folded forms, and finds them in a [`FoldedText`] on whole words, leftmost-longest. It
//! serves the gazetteer (every alias of every entity), event triggers and mode cues.
//!
//! Tokens: a maximal run of letters and digits is one token; every other non-space character
//! is a token of its own; white space only separates, and is remembered as "space before" on
//! the next token. A phrase matches a run of text tokens when the tokens are equal and, after
//! its first token, each has white space before it exactly where the phrase does. So matches
//! start and end on word edges by construction ("ICE" never matches inside "Iceland", "DEA"
//! still matches in "DEA's", "U.S." in "U.S.-Mexico"), and no later check can make a long
//! match hide a valid shorter one, because every match starting at a token is reported.
//!
//! Why not an Aho-Corasick automaton: whole-word semantics need every overlapping match and
//! a boundary check, and an overlapping automaton over 200,000 aliases takes seconds to build
//! (filling failure transitions) and copies matches along failure links while searching. The
//! token trie builds in linear time and looks up one hash per text token.
//!
//! Every token carries a key made from its text once when the text is split ([`token_key`]):
//! a document's tokens are shared by every phrase list looked up in it (gazetteer aliases,
//! places, gang cues, event triggers, cues and modes), so each list finds a token's id with an
//! integer lookup instead of hashing the token's text again.

use crate::fold::{fold_str, FoldedText};
use crate::model::Span;
use rustc_hash::{FxHashMap, FxHasher};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::hash::Hasher;

/// A compiled list of phrases with payloads.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    /// Token key ([`token_key`]) → id of the first token text with that key.
    vocab: FxHashMap<u64, u32>,
    /// Token id → its text, to tell a long token from another with the same key.
    words: Vec<Box<str>>,
    /// Token text → id, for the long texts whose key an earlier text of the set already has
    /// (with 63-bit hashes, in practice none).
    collided: FxHashMap<Box<str>, u32>,
    /// One bit per key bucket, set when a phrase token's key falls in it: most text tokens
    /// are in no phrase, and the bit rules them out before the hash map is probed.
    seen: Vec<u64>,
    /// The same for the first tokens of phrases: a walk starts at every text token, and most
    /// tokens of a text that are in some phrase (articles, common nouns) start none.
    starts: Vec<u64>,
    /// (node, token id, space before) → child node, below the root (node 0).
    edges: FxHashMap<(u32, u32, bool), u32>,
    /// Token id → child of the root (0 for none): an index rather than a hash lookup, since
    /// every text token with an id starts a walk. Edges out of the root ignore the space flag
    /// (what precedes a match is not part of it).
    roots: Vec<u32>,
    /// Payloads of the phrase ending at each node (empty for inner nodes).
    payloads: Vec<Vec<T>>,
    /// Number of distinct folded phrases.
    phrases: usize,
}

/// One phrase found: where, in folded and original offsets, and its payloads.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseHit<'a, T> {
    /// Folded start.
    pub folded_start: usize,
    /// Folded end.
    pub folded_end: usize,
    /// Original span.
    pub span: Span,
    /// The payloads of every phrase with this folded form.
    pub payloads: &'a [T],
}

/// A token of folded text: its byte range and whether white space precedes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte in the folded text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// True when white space separates it from the token before.
    pub space_before: bool,
    /// [`token_key`] of its text.
    key: u64,
}

/// The key a token is looked up by in every phrase set. A token of up to 7 bytes (most of
/// them) is its own key, its bytes and its length, so one key is one text and a hit needs no
/// comparison of texts; a longer one is keyed by a hash of its bytes with the top bit set
/// (never the top bit of a short key, whose top byte is the length). The token is
/// `s[start..end]`: a short one not among the last 8 bytes of `s` is read with one 8-byte
/// load and masked.
#[inline(always)]
fn token_key(s: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    if len < 8 {
        let bytes = match s.get(start..start + 8) {
            Some(eight) => {
                let eight = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
                eight & ((1u64 << (8 * len)) - 1)
            }
            None => s[start..end]
                .iter()
                .enumerate()
                .fold(0, |key, (i, &b)| key | u64::from(b) << (8 * i)),
        };
        return bytes | (len as u64) << 56;
    }
    let mut h = FxHasher::default();
    h.write(&s[start..end]);
    h.finish() | LONG_KEY
}

/// The top bit of the key of a token of 8 bytes or more.
const LONG_KEY: u64 = 1 << 63;

/// The word and bit of a key in a bit set of `bits.len() * 64` bits (a power of two): the
/// top half of the key scrambled (a short key is plain bytes).
#[inline]
fn key_bit(bits: &[u64], key: u64) -> (usize, u64) {
    let mixed = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
    let bucket = mixed as usize & (bits.len() * 64 - 1);
    (bucket / 64, 1 << (bucket % 64))
}

/// Split `s[range]` into tokens (see the module docs), offsets into `s`.
pub fn tokens(s: &str, range: std::ops::Range<usize>) -> Vec<Token> {
    let mut out = Vec::with_capacity((range.end - range.start) / 5 + 1);
    tokens_into(s, range, &mut out);
    out
}

/// The tokens of the folded range `range`: a slice of the document's tokens
/// ([`FoldedText::tokens`]) when no word crosses an end of the range, else made afresh. Only
/// the first token's `space_before` can differ between the two, and a match ignores it.
/// Several lists looked up in one range share them through [`PhraseSet::find_in`].
pub fn tokens_of(folded: &FoldedText, range: std::ops::Range<usize>) -> Cow<'_, [Token]> {
    let all = folded.tokens();
    let first = all.partition_point(|t| t.end <= range.start);
    let cuts = |at: usize, t: Option<&Token>| t.is_some_and(|t| t.start < at && at < t.end);
    let last = all.partition_point(|t| t.end <= range.end);
    if cuts(range.start, all.get(first)) || cuts(range.end, all.get(last)) {
        return Cow::Owned(tokens(folded.as_str(), range));
    }
    Cow::Borrowed(&all[first..last.max(first)])
}

/// What a byte is to the tokenizers ([`tokens_into`], the pattern finder's): an ASCII letter
/// or digit, white space or another char (the same as the `char` methods say), or part of a
/// char beyond ASCII. Read from a table: one load per byte instead of range tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ByteClass {
    Word,
    Space,
    Other,
    NotAscii,
}

impl ByteClass {
    #[inline]
    pub(crate) fn of(b: u8) -> ByteClass {
        BYTE_CLASS[usize::from(b)]
    }
}

static BYTE_CLASS: [ByteClass; 256] = {
    let mut t = [ByteClass::NotAscii; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        t[b] = if c.is_ascii_alphanumeric() {
            ByteClass::Word
        } else if matches!(c, ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r') {
            // `char::is_whitespace` in ASCII (which, unlike `u8::is_ascii_whitespace`,
            // includes the vertical tab).
            ByteClass::Space
        } else {
            ByteClass::Other
        };
        b += 1;
    }
    t
};

/// The class of the char at byte `at` of `s` (a char boundary), and its length; ASCII
/// (most of folded text) is classified by table without decoding a char.
#[inline]
fn class_at(s: &str, at: usize) -> (ByteClass, usize) {
    let class = ByteClass::of(s.as_bytes()[at]);
    if class != ByteClass::NotAscii {
        return (class, 1);
    }
    let c = s[at..].chars().next().expect("at is a char boundary");
    let class = if c.is_alphanumeric() {
        ByteClass::Word
    } else if c.is_whitespace() {
        ByteClass::Space
    } else {
        ByteClass::Other
    };
    (class, c.len_utf8())
}

/// [`tokens`] into a buffer the caller reuses (cleared first).
fn tokens_into(s: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    out.clear();
    let bytes = &s.as_bytes()[..range.end];
    let mut space = false;
    let mut at = range.start;
    while at < bytes.len() {
        let (class, len) = class_at(s, at);
        match class {
            ByteClass::Word => {
                let start = at;
                at += len;
                while at < bytes.len() {
                    match ByteClass::of(bytes[at]) {
                        ByteClass::Word => at += 1,
                        ByteClass::NotAscii => match class_at(s, at) {
                            (ByteClass::Word, len) => at += len,
                            _ => break,
                        },
                        _ => break,
                    }
                }
                out.push(Token {
                    start,
                    end: at,
                    space_before: space,
                    key: token_key(s.as_bytes(), start, at),
                });
                space = false;
            }
            ByteClass::Space => {
                space = true;
                at += len;
            }
            _ => {
                out.push(Token {
                    start: at,
                    end: at + len,
                    space_before: space,
                    key: token_key(s.as_bytes(), at, at + len),
                });
                space = false;
                at += len;
            }
        }
    }
}

impl<T: Clone + PartialEq> PhraseSet<T> {
    /// Compile `(phrase, payload)` pairs. Phrases that fold to nothing are ignored.
    pub fn new<I, S>(phrases: I) -> Result<PhraseSet<T>, String>
    where
        I: IntoIterator<Item = (S, T)>,
        S: AsRef<str>,
    {
        let mut set = PhraseSet {
            vocab: FxHashMap::default(),
            words: Vec::new(),
            collided: FxHashMap::default(),
            seen: Vec::new(),
            starts: Vec::new(),
            edges: FxHashMap::default(),
            roots: Vec::new(),
            payloads: vec![Vec::new()],
            phrases: 0,
        };
        let mut toks = Vec::new();
        for (p, t) in phrases {
            let f = fold_str(p.as_ref().trim());
            tokens_into(&f, 0..f.len(), &mut toks);
            if toks.is_empty() {
                continue;
            }
            let mut node = 0u32;
            for (k, tok) in toks.iter().enumerate() {
                let id = set.intern(&f[tok.start..tok.end], tok.key);
                let fresh = set.payloads.len() as u32;
                node = if k == 0 {
                    if set.roots.len() <= id as usize {
                        set.roots.resize(id as usize + 1, 0);
                    }
                    let root = &mut set.roots[id as usize];
                    if *root == 0 {
                        *root = fresh;
                    }
                    *root
                } else {
                    *set.edges
                        .entry((node, id, tok.space_before))
                        .or_insert(fresh)
                };
                if node == fresh {
                    set.payloads.push(Vec::new());
                }
            }
            let slot = &mut set.payloads[node as usize];
            if slot.is_empty() {
                set.phrases += 1;
            }
            if !slot.contains(&t) {
                slot.push(t);
            }
        }
        set.fill_seen();
        Ok(set)
    }

    /// Set the bit of every phrase token's key: about 16 bits a token, so that a token in
    /// no phrase finds its bit clear nine times in ten or more; and of every first token's.
    fn fill_seen(&mut self) {
        let bits = (self.words.len() * 16).next_power_of_two().max(1024);
        self.seen = vec![0; bits / 64];
        let firsts = self.roots.iter().filter(|&&r| r != 0).count();
        let bits = (firsts * 16).next_power_of_two().max(1024);
        self.starts = vec![0; bits / 64];
        let is_first = |id: u32| self.roots.get(id as usize).is_some_and(|&r| r != 0);
        let mut first_keys = Vec::new();
        for (&key, &id) in &self.vocab {
            let (word, bit) = key_bit(&self.seen, key);
            self.seen[word] |= bit;
            if is_first(id) {
                first_keys.push(key);
            }
        }
        for (word, &id) in &self.collided {
            if is_first(id) {
                first_keys.push(token_key(word.as_bytes(), 0, word.len()));
            }
        }
        for key in first_keys {
            let (word, bit) = key_bit(&self.starts, key);
            self.starts[word] |= bit;
        }
    }

    /// The id of a phrase token, made when new.
    fn intern(&mut self, word: &str, key: u64) -> u32 {
        let fresh = self.words.len() as u32;
        let id = match self.vocab.entry(key) {
            Entry::Occupied(e) if *self.words[*e.get() as usize] == *word => return *e.get(),
            Entry::Occupied(_) => *self.collided.entry(word.into()).or_insert(fresh),
            Entry::Vacant(e) => *e.insert(fresh),
        };
        if id == fresh {
            self.words.push(word.into());
        }
        id
    }

    /// The id of a text token, `None` when no phrase has it.
    #[inline]
    fn id_of(&self, f: &str, tok: &Token) -> Option<u32> {
        let (at, bit) = key_bit(&self.seen, tok.key);
        if self.seen[at] & bit == 0 {
            return None;
        }
        let id = *self.vocab.get(&tok.key)?;
        if tok.key & LONG_KEY == 0 {
            return Some(id);
        }
        let word = &f[tok.start..tok.end];
        if *self.words[id as usize] == *word {
            return Some(id);
        }
        self.collided.get(word).copied()
    }

    /// Every match within the folded range `range`, overlapping ones included: for each token
    /// where a phrase starts, every phrase starting there, shortest first.
    pub fn all_hits(
        &self,
        folded: &FoldedText,
        range: std::ops::Range<usize>,
    ) -> Vec<PhraseHit<'_, T>> {
        let toks = tokens_of(folded, range);
        let mut out = Vec::new();
        for i in 0..toks.len() {
            self.walk(folded, &toks[i..], |hit| out.push(hit));
        }
        out
    }

    /// Leftmost-longest matches within the folded range `range` of `folded`: the longest
    /// match at the first token where one starts, then the same after its end. A token inside
    /// a match taken is never walked from.
    pub fn find(
        &self,
        folded: &FoldedText,
        range: std::ops::Range<usize>,
    ) -> Vec<PhraseHit<'_, T>> {
        self.find_in(folded, &tokens_of(folded, range))
    }

    /// [`PhraseSet::find`] in the tokens of a range ([`tokens_of`]).
    pub fn find_in(&self, folded: &FoldedText, toks: &[Token]) -> Vec<PhraseHit<'_, T>> {
        let mut out = Vec::new();
        let mut last_end = 0;
        for i in 0..toks.len() {
            if toks[i].start < last_end {
                continue;
            }
            let mut longest = None;
            self.walk(folded, &toks[i..], |hit| longest = Some(hit));
            if let Some(hit) = longest {
                last_end = hit.folded_end;
                out.push(hit);
            }
        }
        out
    }

    /// Every match starting at the first of `toks`, shortest first. A token's id is looked
    /// up as the walk reaches it: most walks end at their first token.
    #[inline]
    fn walk<'s>(
        &'s self,
        folded: &FoldedText,
        toks: &[Token],
        mut each: impl FnMut(PhraseHit<'s, T>),
    ) {
        let f = folded.as_str();
        let Some(first) = toks.first() else { return };
        let (at, bit) = key_bit(&self.starts, first.key);
        if self.starts[at] & bit == 0 {
            return;
        }
        let mut node = 0u32;
        for (j, tok) in toks.iter().enumerate() {
            let Some(id) = self.id_of(f, tok) else { break };
            let next = if j == 0 {
                self.roots.get(id as usize).copied().unwrap_or(0)
            } else {
                let space = tok.space_before;
                self.edges.get(&(node, id, space)).copied().unwrap_or(0)
            };
            if next == 0 {
                break;
            }
            node = next;
            let payloads = &self.payloads[node as usize];
            if !payloads.is_empty() {
                let (s, e) = (first.start, tok.end);
                if let Some(span) = folded.original_span(s, e) {
                    each(PhraseHit {
                        folded_start: s,
                        folded_end: e,
                        span,
                        payloads,
                    });
                }
            }
        }
    }

    /// Number of distinct folded phrases.
    pub fn len(&self) -> usize {
        self.phrases
    }

    /// True when the set has no phrase.
    pub fn is_empty(&self) -> bool {
        self.phrases == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_longest_on_words() {
        let set = PhraseSet::new([("joint operation", 1), ("operation", 2), ("ice", 3)]).unwrap();
        let text = "A Joint Operation in Iceland; then an operation.";
        let f = FoldedText::new(text);
        let hits = set.find(&f, 0..f.as_str().len());
        let got: Vec<(&str, i32)> = hits
            .iter()
            .map(|h| (h.span.of(text), h.payloads[0]))
            .collect();
        assert_eq!(got, vec![("Joint Operation", 1), ("operation", 2)]);
    }

    #[test]
    fn punctuation_and_spacing_are_part_of_a_phrase() {
        let set = PhraseSet::new([("U.S.", 1), ("Marie-Josee Homsy", 2), ("DEA", 3)]).unwrap();
        let text = "U.S.-Mexico; Marie - Josee Homsy; Marie-Josee  Homsy; the DEA's; U. S.";
        let f = FoldedText::new(text);
        let got: Vec<&str> = set
            .find(&f, 0..f.as_str().len())
            .iter()
            .map(|h| h.span.of(text))
            .collect();
        assert_eq!(got, vec!["U.S.", "Marie-Josee  Homsy", "DEA"]);
    }

    #[test]
    fn document_tokens_serve_any_range() {
        let text = "The DEA's U.S.-Mexico  task force, in 2025: 12x faster.";
        let f = FoldedText::new(text);
        let n = f.as_str().len();
        for start in 0..=n {
            for end in start..=n {
                let mut fresh = tokens(f.as_str(), start..end);
                let mut shared = tokens_of(&f, start..end).into_owned();
                // The first token's flag is the one thing that may differ (see tokens_of).
                for toks in [&mut fresh, &mut shared] {
                    if let Some(t) = toks.first_mut() {
                        t.space_before = false;
                    }
                }
                assert_eq!(fresh, shared, "{start}..{end}");
            }
        }
    }

    #[test]
    fn long_tokens_with_one_key_keep_their_ids() {
        let mut set: PhraseSet<()> = PhraseSet::new(Vec::<(&str, ())>::new()).unwrap();
        let key = LONG_KEY | 7;
        let a = set.intern("a", key);
        let b = set.intern("b", key);
        assert_ne!(a, b);
        assert_eq!(set.intern("b", key), b);
        set.fill_seen();
        let text = "a b c";
        let tok = |start: usize| Token {
            start,
            end: start + 1,
            space_before: true,
            key,
        };
        assert_eq!(set.id_of(text, &tok(0)), Some(a));
        assert_eq!(set.id_of(text, &tok(2)), Some(b));
        assert_eq!(set.id_of(text, &tok(4)), None);
    }

    #[test]
    fn short_keys_are_the_token() {
        let keys: Vec<u64> = ["", "a", "a\0", "ab", "ba", "abcdefg", "abcdefgh", "é"]
            .iter()
            .map(|w| token_key(w.as_bytes(), 0, w.len()))
            .collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(keys[i + 1..].iter().all(|b| a != b));
        }
        assert_eq!(keys[6] & LONG_KEY, LONG_KEY);
        assert_eq!(keys[5] & LONG_KEY, 0);
        let s = "ab cd efghijklm";
        for (start, end) in [(0, 2), (3, 5), (6, 15), (6, 9), (12, 15)] {
            assert_eq!(
                token_key(s.as_bytes(), start, end),
                token_key(&s.as_bytes()[start..end], 0, end - start)
            );
        }
    }

    #[test]
    fn tokens_of_folded_text() {
        let s = "ab, c-d  12x";
        let t: Vec<(&str, bool)> = tokens(s, 0..s.len())
            .iter()
            .map(|t| (&s[t.start..t.end], t.space_before))
            .collect();
        assert_eq!(
            t,
            vec![
                ("ab", false),
                (",", false),
                ("c", true),
                ("-", false),
                ("d", false),
                ("12x", true)
            ]
        );
    }
}
