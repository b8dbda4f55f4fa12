//! Word-frequency evidence for language detection: naive Bayes over the words of a span.
//!
//! Each allowed language's `words.tsv` (its most frequent words with their frequency,
//! generated from wordfreq by `src/languages/tools/gen_words.py`) is the language's word
//! distribution. A span scores, per language, the log10-likelihood of its words: a listed
//! word scores its frequency; an unlisted word scores the mass the list leaves uncovered
//! times the probability a character-trigram model gives its spelling. That trigram model
//! is trained at start-up on the language's most frequent listed words (one count per word,
//! not per occurrence: unlisted words are rare words, whose spelling is what matters).
//!
//! This is what decides two-word spans, where stop words and trigram statistics over the
//! whole span have too little to go on. It does not look at word order or at anything but
//! letters (digits and punctuation split words), and it has no prior over languages.

use crate::languages;
use crate::model::Lang;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Word-start and word-end markers of the character model (never letters, never 0).
const START: u64 = 1;
const END: u64 = 2;
/// Bits per character in an n-gram key: a key packs up to three characters, and since no
/// character in a key is 0, keys of different orders never collide.
const CHAR_BITS: u32 = 21;
/// Keys below this are unigrams; below [`BIGRAMS`], bigrams.
const UNIGRAMS: u64 = 1 << CHAR_BITS;
const BIGRAMS: u64 = 1 << (2 * CHAR_BITS);
/// Additive weight of the lower order in the interpolated character model: a history seen
/// `n` times keeps `n / (n + HISTORY_SMOOTHING)` of its own estimate.
const HISTORY_SMOOTHING: f64 = 3.0;
/// The character model learns from this many of each list's most frequent words. Measured in
/// a Python replica on held-out words (fixture articles): 5,000 spell unlisted words as well
/// as the whole 20,000-word list, at a quarter of the start-up cost.
const SPELLING_WORDS: usize = 5000;

/// Centibel values below this have their frequency computed once (see `WordModel::build`).
const POWERS_KEPT: usize = 2000;

/// The word lists and character models of the allowed languages.
#[derive(Debug)]
pub(super) struct WordModel {
    /// Number of languages (the allow-list, in its order).
    langs: usize,
    /// Word -> row of `listed`.
    index: WordIndex,
    /// `langs` values a row: the word's log10 frequency, NaN where a language does not list it.
    listed: Vec<f32>,
    /// Per row of a word some language does not list, once a span has needed it: what the
    /// word adds to each language's log10-likelihood (its listed value, or the unlisted mass
    /// plus its spelling). The listed words are the frequent ones, so they come back again
    /// and again, and spelling one costs a few hundred instructions: each is spelled once a
    /// run, not once a span. Filled lazily because spelling all of them would cost more at
    /// start-up than a run of a few hundred documents spends on them.
    fills: Vec<OnceLock<Box<[f64]>>>,
    /// Per language: log10 of the frequency mass its list does not cover.
    unlisted: Vec<f64>,
    chars: CharModel,
}

/// An interpolated character-trigram model of every language, stored as log10
/// probabilities so that spelling a word is mostly one lookup per character.
///
/// P(c | ab) = k(ab) * n(abc) / n(ab*) + (1 - k(ab)) * P(c | b), with k(h) = n(h) / (n(h) +
/// [`HISTORY_SMOOTHING`]); likewise P(c | b) backs off to P(c), and P(c) to a floor.
#[derive(Debug)]
struct CharModel {
    /// n-gram key (orders 1 to 3) -> row of `log_p`, for every n-gram some language has seen.
    grams: KeyTable,
    /// Per row, per language: log10 P(last character | the others).
    log_p: Vec<f32>,
    /// History key (orders 1 and 2) -> row of `log_backoff`.
    histories: KeyTable,
    /// Per row, per language: log10 (1 - k(history)), 0 where the language never saw it.
    log_backoff: Vec<f32>,
    /// Per language: log10 P(c) of a character no language has seen.
    log_unseen: Vec<f32>,
}

impl WordModel {
    /// None when some allowed language has no data (see `Evidence::build`).
    pub(super) fn build(allowed: &[Lang]) -> Result<Option<WordModel>, String> {
        let langs = allowed.len();
        let mut index = WordIndex::with_capacity(25_000 * langs);
        let mut listed: Vec<f32> = Vec::new();
        let mut unlisted = Vec::with_capacity(langs);
        let mut lists: Vec<Vec<&'static str>> = Vec::with_capacity(langs);
        // The frequency of each centibel value met: the words share a few hundred values, and
        // powf was the costliest step of reading the lists.
        let mut powers: Vec<Option<f64>> = vec![None; POWERS_KEPT];
        for (li, &l) in allowed.iter().enumerate() {
            let Some(d) = languages::data(l) else {
                return Ok(None);
            };
            let mut covered = 0.0f64;
            let mut words = Vec::new();
            for (n, line) in d.words.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let bad = || format!("src/languages/{l}/words.tsv line {}: {line:?}", n + 1);
                let (word, centibels) = line.split_once('\t').ok_or_else(bad)?;
                let centibels = match short_decimal(centibels) {
                    Some(c) => c,
                    None => centibels.trim().parse().map_err(|_| bad())?,
                };
                let log10 = -(centibels as f64) / 100.0;
                covered += match powers.get_mut(centibels as usize) {
                    Some(p) => *p.get_or_insert_with(|| 10f64.powf(log10)),
                    None => 10f64.powf(log10),
                };
                let row = index.get_or_insert(word);
                if row as usize * langs == listed.len() {
                    listed.extend(std::iter::repeat(f32::NAN).take(langs));
                }
                listed[row as usize * langs + li] = log10 as f32;
                words.push(word);
            }
            if words.is_empty() || covered >= 1.0 {
                return Err(format!(
                    "src/languages/{l}/words.tsv: {} words covering {covered:.3} of the text",
                    words.len()
                ));
            }
            unlisted.push((1.0 - covered).log10());
            lists.push(words);
        }
        let fills = (0..listed.len() / langs).map(|_| OnceLock::new()).collect();
        Ok(Some(WordModel {
            langs,
            index,
            listed,
            fills,
            unlisted,
            chars: CharModel::train(
                &lists
                    .iter()
                    .map(|w| &w[..w.len().min(SPELLING_WORDS)])
                    .collect::<Vec<_>>(),
            ),
        }))
    }

    /// Add each language's log10-likelihood of the words of `text` to `ll`. Returns the
    /// number of words scored. When some word starts lower-case, capitalized words are left
    /// out: they are mostly names ("José Luis Hernández" in an English sentence), which say
    /// where a person is from, not what language the text is in.
    pub(super) fn score(&self, text: &str, ll: &mut [f64], scratch: &mut Scratch) -> usize {
        let Scratch {
            low,
            lowered,
            spelled,
            part,
            words: spans,
        } = scratch;
        // One pass finds the words and whether some starts lower-case.
        words(text, spans);
        let skip_capitalized = spans.iter().any(|w| !w.capitalized);
        // The span lower-cased at once (ASCII letters only: byte offsets stay), so that an
        // ASCII word is read in place rather than copied and lower-cased on its own.
        lowered.clear();
        lowered.push_str(text);
        lowered.make_ascii_lowercase();
        spelled.clear();
        spelled.resize(self.langs, 0.0);
        part.clear();
        part.resize(self.langs, 0.0);
        let mut scored = 0;
        for w in spans.iter() {
            if skip_capitalized && w.capitalized {
                continue;
            }
            let token = if w.ascii {
                &lowered[w.start..w.end]
            } else {
                low.clear();
                for c in text[w.start..w.end].chars() {
                    if c == '’' {
                        low.push('\'');
                    } else if let Some(small) = latin1_lowercase(c) {
                        low.push(small);
                    } else {
                        low.extend(c.to_lowercase());
                    }
                }
                low.as_str()
            };
            scored += 1;
            let row = self.index.get(token);
            if let Some(r) = row {
                // The common case: a word every list has (no NaN in its row; read from the
                // row itself rather than from a table of its own, which was one more cache
                // miss a word).
                let values = &self.listed[r * self.langs..(r + 1) * self.langs];
                if !values.iter().any(|v| v.is_nan()) {
                    for (total, &v) in ll.iter_mut().zip(values) {
                        *total += f64::from(v);
                    }
                    continue;
                }
            }
            if let Some(r) = row.filter(|_| !w.apostrophe) {
                // The same sums as below, added in the same order: a fill holds exactly the
                // f64 values that loop adds.
                let fill = self.fills[r].get_or_init(|| self.fill(r, token));
                for (total, &v) in ll.iter_mut().zip(fill.iter()) {
                    *total += v;
                }
                continue;
            }
            let row = row.map(|r| &self.listed[r * self.langs..(r + 1) * self.langs]);
            let mut spelled_done = false;
            for (li, total) in ll.iter_mut().enumerate() {
                if let Some(v) = row.map(|r| r[li]).filter(|v| !v.is_nan()) {
                    *total += f64::from(v);
                } else if w.apostrophe {
                    // Elided and contracted forms a list lacks: score their parts ("l'heure").
                    for p in token.split('\'').filter(|p| !p.is_empty()) {
                        *total += self.single(p, li, part);
                    }
                } else {
                    if !spelled_done {
                        spelled.iter_mut().for_each(|x| *x = 0.0);
                        self.chars.log10_spelling(token, spelled);
                        spelled_done = true;
                    }
                    *total += self.unlisted[li] + spelled[li];
                }
            }
        }
        scored
    }

    /// What the apostrophe-free word of row `r` adds to each language's log10-likelihood:
    /// its listed log10 frequency where a language lists it, else the unlisted mass plus
    /// the log10 probability of its spelling.
    fn fill(&self, r: usize, word: &str) -> Box<[f64]> {
        let row = &self.listed[r * self.langs..(r + 1) * self.langs];
        let mut spelled = vec![0.0; self.langs];
        self.chars.log10_spelling(word, &mut spelled);
        row.iter()
            .zip(&self.unlisted)
            .zip(&spelled)
            .map(|((&v, &unlisted), &spelled)| {
                if v.is_nan() {
                    unlisted + spelled
                } else {
                    f64::from(v)
                }
            })
            .collect()
    }

    /// The log10-likelihood of one apostrophe-free word in language `li`.
    fn single(&self, word: &str, li: usize, scratch: &mut [f64]) -> f64 {
        if let Some(v) = self.row(word).map(|r| r[li]).filter(|v| !v.is_nan()) {
            return f64::from(v);
        }
        scratch.iter_mut().for_each(|x| *x = 0.0);
        self.chars.log10_spelling(word, scratch);
        self.unlisted[li] + scratch[li]
    }

    fn row(&self, word: &str) -> Option<&[f32]> {
        let r = self.index.get(word)?;
        Some(&self.listed[r * self.langs..(r + 1) * self.langs])
    }
}

impl CharModel {
    fn train(lists: &[&[&str]]) -> CharModel {
        let langs = lists.len();
        // n-gram counts (orders 1 to 3), one row of `langs` counts per n-gram.
        // Rows are numbered in the order the n-grams are first met. The counting goes through
        // a `KeyTable` (a few thousand n-grams, hundreds of thousands of counts: this loop was
        // most of the start-up), the rest of training through a map of the n-grams.
        let mut counting = KeyTable::with_capacity(1 << 12);
        let mut gram_keys: Vec<u64> = Vec::new();
        // Per row of a bigram or trigram: the row of the n-gram one shorter at its end, so
        // that a trigram seen before gives all three rows in one look-up.
        let mut shorter: Vec<u32> = Vec::new();
        let mut gram_counts: Vec<f64> = Vec::new();
        let mut padded: Vec<u64> = Vec::new();
        for (li, words) in lists.iter().enumerate() {
            for w in words.iter() {
                pad(w, &mut padded);
                for i in 2..padded.len() {
                    let (a, b, c) = (padded[i - 2], padded[i - 1], padded[i]);
                    let rows = match counting.get(key3(a, b, c)) {
                        Some(r3) => {
                            let r2 = shorter[r3] as usize;
                            [shorter[r2] as usize, r2, r3]
                        }
                        None => {
                            // Orders 1 to 3, new rows numbered in that order.
                            let mut rows = [0usize; 3];
                            for (order, gram) in
                                [c, key2(b, c), key3(a, b, c)].into_iter().enumerate()
                            {
                                let new = gram_keys.len() as u32;
                                let row = counting.get_or_insert(gram, new) as usize;
                                if row == gram_keys.len() {
                                    gram_keys.push(gram);
                                    shorter.push(if order == 0 {
                                        0
                                    } else {
                                        rows[order - 1] as u32
                                    });
                                    gram_counts.extend(std::iter::repeat(0.0).take(langs));
                                }
                                rows[order] = row;
                            }
                            rows
                        }
                    };
                    for row in rows {
                        gram_counts[row * langs + li] += 1.0;
                    }
                }
            }
        }
        let grams: FxHashMap<u64, u32> = (0u32..).zip(&gram_keys).map(|(r, &k)| (k, r)).collect();
        // History counts (orders 0 to 2; the empty history is key 0): a history's count is
        // the sum of the counts of the n-grams it starts, and its key is theirs less the
        // last character.
        let mut histories: FxHashMap<u64, u32> = FxHashMap::default();
        let mut history_counts: Vec<f64> = Vec::new();
        for (&k, &row) in &grams {
            let h = *histories.entry(k >> CHAR_BITS).or_insert_with(|| {
                history_counts.extend(std::iter::repeat(0.0).take(langs));
                (history_counts.len() / langs - 1) as u32
            });
            for li in 0..langs {
                history_counts[h as usize * langs + li] += gram_counts[row as usize * langs + li];
            }
        }
        let history = |h: u64, li: usize| {
            histories
                .get(&h)
                .map_or(0.0, |&r| history_counts[r as usize * langs + li])
        };
        let keep = |n: f64| n / (n + HISTORY_SMOOTHING);
        // Floor: one in ten times the letters (and end marker) the language has seen.
        let floor: Vec<f64> = (0..langs)
            .map(|li| {
                let seen = grams
                    .iter()
                    .filter(|(&k, &r)| k < UNIGRAMS && gram_counts[r as usize * langs + li] > 0.0)
                    .count();
                1.0 / (10.0 * (seen as f64 + 1.0))
            })
            .collect();
        // Interpolated probabilities, lower orders first (unigram keys < bigram keys < trigram
        // keys, since no character code is 0), in place of the counts.
        let mut keys: Vec<(u64, u32)> = grams.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut prob = vec![0.0f64; gram_counts.len()];
        for &(k, row) in &keys {
            let (h, lower) = if k < UNIGRAMS {
                (0, None)
            } else if k < BIGRAMS {
                (k >> CHAR_BITS, Some(k & (UNIGRAMS - 1)))
            } else {
                (k >> CHAR_BITS, Some(k & (BIGRAMS - 1)))
            };
            let lower = lower.map(|l| grams[&l] as usize);
            for li in 0..langs {
                let below = lower.map_or(floor[li], |l| prob[l * langs + li]);
                let n = history(h, li);
                let r = row as usize * langs + li;
                prob[r] = if n > 0.0 {
                    keep(n) * gram_counts[r] / n + (1.0 - keep(n)) * below
                } else {
                    below
                };
            }
        }
        let log_p = prob.iter().map(|x| x.log10() as f32).collect();
        let log_backoff = history_counts
            .iter()
            .map(|&n| (1.0 - keep(n)).log10() as f32)
            .collect();
        let log_unseen = (0..langs)
            .map(|li| ((1.0 - keep(history(0, li))) * floor[li]).log10() as f32)
            .collect();
        CharModel {
            grams: KeyTable::new(&grams),
            log_p,
            histories: KeyTable::new(&histories),
            log_backoff,
            log_unseen,
        }
    }

    /// Add each language's log10 probability of spelling `word` (end marker included) to
    /// `out`.
    fn log10_spelling(&self, word: &str, out: &mut [f64]) {
        let langs = out.len();
        let add = |out: &mut [f64], row: &[f32]| {
            out.iter_mut()
                .zip(row)
                .for_each(|(o, &x)| *o += f64::from(x));
        };
        // The characters of `pad(word)` three at a time.
        let (mut a, mut b) = (START, START);
        for c in word.chars().map(u64::from).chain([END]) {
            // The longest n-gram some language has seen, plus the back-off weights of the
            // longer histories it had to leave.
            let found = self.grams.get(key3(a, b, c)).or_else(|| {
                if let Some(h) = self.histories.get(key2(a, b)) {
                    add(out, &self.log_backoff[h * langs..(h + 1) * langs]);
                }
                self.grams.get(key2(b, c)).or_else(|| {
                    if let Some(h) = self.histories.get(b) {
                        add(out, &self.log_backoff[h * langs..(h + 1) * langs]);
                    }
                    self.grams.get(c)
                })
            });
            match found {
                Some(r) => add(out, &self.log_p[r * langs..(r + 1) * langs]),
                None => add(out, &self.log_unseen),
            }
            (a, b) = (b, c);
        }
    }
}

/// The value of `digits` when it is one to four ASCII digits and nothing else (every value
/// of a words.tsv; str::parse, which takes everything else, was a tenth of reading them).
fn short_decimal(digits: &str) -> Option<u32> {
    let bytes = digits.as_bytes();
    if bytes.is_empty() || bytes.len() > 4 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0')))
}

/// n-gram keys (see [`CHAR_BITS`]).
fn key2(a: u64, b: u64) -> u64 {
    (a << CHAR_BITS) | b
}

fn key3(a: u64, b: u64, c: u64) -> u64 {
    (((a << CHAR_BITS) | b) << CHAR_BITS) | c
}

/// A read-only map from n-gram keys to rows: open addressing with linear probing, keys and
/// rows side by side, at most half full. Spelling a word looks up one to five keys a
/// character, so this is the hot path of the word model.
#[derive(Debug)]
struct KeyTable {
    /// (key, row); [`KeyTable::EMPTY`] marks a free slot.
    slots: Vec<(u64, u32)>,
    /// 64 - log2(slots.len()).
    shift: u32,
    /// The number of keys.
    len: usize,
}

impl KeyTable {
    /// Never a key: keys pack at most three 21-bit characters.
    const EMPTY: u64 = u64::MAX;

    fn new(map: &FxHashMap<u64, u32>) -> KeyTable {
        let mut table = KeyTable::with_capacity(map.len());
        for (&k, &row) in map {
            table.get_or_insert(k, row);
        }
        table
    }

    /// An empty table with room for `keys` keys.
    fn with_capacity(keys: usize) -> KeyTable {
        let size = (keys * 2).next_power_of_two().max(2);
        KeyTable {
            slots: vec![(Self::EMPTY, 0); size],
            shift: 64 - size.trailing_zeros(),
            len: 0,
        }
    }

    /// The row of `key`; `row` when it was not there (it is now), the table growing to
    /// stay at most half full.
    #[inline]
    fn get_or_insert(&mut self, key: u64, row: u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            let (k, r) = self.slots[i];
            if k == key {
                return r;
            }
            if k == Self::EMPTY {
                break;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, row);
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
        row
    }

    /// The same keys in a table twice the size.
    #[cold]
    fn grow(&mut self) {
        let old = std::mem::replace(self, KeyTable::with_capacity(self.len));
        for (k, r) in old.slots.into_iter().filter(|&(k, _)| k != Self::EMPTY) {
            self.get_or_insert(k, r);
        }
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn get(&self, key: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            let (k, row) = self.slots[i];
            if k == key {
                return Some(row as usize);
            }
            if k == Self::EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// One word of a span: its byte range, and what scoring needs to know of it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    start: usize,
    end: usize,
    /// It starts with an upper-case letter.
    capitalized: bool,
    /// It is all ASCII.
    ascii: bool,
    /// It has an apostrophe (' or ’) inside.
    apostrophe: bool,
}

/// The words of `text` into `out` (cleared first): runs of letters and apostrophes, without
/// apostrophes at their ends.
fn words(text: &str, out: &mut Vec<Word>) {
    out.clear();
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut at = 0;
    while at < len {
        // Skip to the next word character, then take the run.
        match WORD_BYTES[usize::from(bytes[at])] {
            0 => {
                at += 1;
                continue;
            }
            NON_ASCII => {
                let (is_word, n) = word_char(text, at);
                if !is_word {
                    at += n;
                    continue;
                }
            }
            _ => {}
        }
        let mut start = at;
        // The classes of the word's bytes, or-ed.
        let mut seen = 0u8;
        while at < len {
            let class = WORD_BYTES[usize::from(bytes[at])];
            if class & (LETTER | APOSTROPHE) != 0 {
                seen |= class;
                at += 1;
            } else if class == NON_ASCII {
                let (is_word, n) = word_char(text, at);
                if !is_word {
                    break;
                }
                seen |= NON_ASCII;
                if text[at..].starts_with('’') {
                    seen |= APOSTROPHE;
                }
                at += n;
            } else {
                break;
            }
        }
        let ascii = seen & NON_ASCII == 0;
        let mut apostrophe = seen & APOSTROPHE != 0;
        let mut end = at;
        // Apostrophes at the ends: ' (one byte) and ’ (three).
        if apostrophe {
            while start < end {
                match bytes[start] {
                    b'\'' => start += 1,
                    0xE2 if text[start..end].starts_with('’') => start += '’'.len_utf8(),
                    _ => break,
                }
            }
            while start < end {
                match bytes[end - 1] {
                    b'\'' => end -= 1,
                    0x99 if text[start..end].ends_with('’') => end -= '’'.len_utf8(),
                    _ => break,
                }
            }
            apostrophe = text[start..end].contains(['\'', '’']);
        }
        if start < end {
            let first = bytes[start];
            let capitalized = if first.is_ascii() {
                first.is_ascii_uppercase()
            } else {
                text[start..].chars().next().is_some_and(char::is_uppercase)
            };
            out.push(Word {
                start,
                end,
                capitalized,
                ascii,
                apostrophe,
            });
        }
    }
}

/// Byte classes of [`WORD_BYTES`]: an ASCII letter, the ASCII apostrophe, any byte of a
/// non-ASCII character (which may or may not be a word character); 0 for the rest.
const LETTER: u8 = 1;
const APOSTROPHE: u8 = 2;
const NON_ASCII: u8 = 4;

/// The class of every byte, so that the scan of a word is one load and one test a byte.
const WORD_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        t[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_alphabetic() {
            LETTER
        } else if byte == b'\'' {
            APOSTROPHE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Whether the character at byte `at` of `text` (not ASCII) is a letter or an apostrophe,
/// and its length.
fn word_char(text: &str, at: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    if bytes[at] == 0xC3 {
        // U+00C0..=U+00FF, the accented letters of Latin-1 (most non-ASCII letters of
        // the text): all letters but '×' and '÷', without a look-up in Unicode's tables.
        return (!matches!(bytes[at + 1], 0x97 | 0xB7), 2);
    }
    let c = text[at..].chars().next().expect("at is a char boundary");
    (c.is_alphabetic() || c == '’', c.len_utf8())
}

/// The lower case of a Latin-1 capital with an accent (U+00C0..=U+00DE but '×'), which is
/// the letter 0x20 further; None for every other character.
fn latin1_lowercase(c: char) -> Option<char> {
    if ('À'..='Þ').contains(&c) && c != '×' {
        char::from_u32(u32::from(c) + 0x20)
    } else {
        None
    }
}

/// Listed words -> row: open addressing with linear probing over the words' bytes, at most
/// half full. Each slot keeps the word's length and first eight bytes beside its row: most
/// words are no longer than that, so a probe decides from the slot alone, without a
/// dependent read of the spellings (a cache miss per look-up in a table of this size).
#[derive(Debug)]
struct WordIndex {
    slots: Vec<Slot>,
    /// 64 - log2(slots.len()).
    shift: u32,
    /// Per row: the end of its word in `spellings` (it starts where the previous one ends).
    ends: Vec<u32>,
    spellings: String,
}

/// One slot of a [`WordIndex`].
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The word's first eight bytes, little-endian, zero-padded ([`WordIndex::head`]).
    head: u64,
    /// The word's length in bytes.
    len: u32,
    /// The word's row + 1; 0 marks a free slot.
    row: u32,
}

impl WordIndex {
    /// Room for `words` words.
    fn with_capacity(words: usize) -> WordIndex {
        let size = (words * 2).next_power_of_two().max(2);
        WordIndex {
            slots: vec![
                Slot {
                    head: 0,
                    len: 0,
                    row: 0
                };
                size
            ],
            shift: 64 - size.trailing_zeros(),
            ends: Vec::with_capacity(words),
            spellings: String::new(),
        }
    }

    /// FxHash's multiplier.
    const MIX: u64 = 0x517c_c1b7_2722_0a95;

    /// The first eight bytes of `word` as a little-endian number, zero-padded when shorter.
    fn head(word: &str) -> u64 {
        let bytes = word.as_bytes();
        match bytes.first_chunk::<8>() {
            Some(first) => u64::from_le_bytes(*first),
            None => bytes
                .iter()
                .rev()
                .fold(0u64, |k, &b| (k << 8) | u64::from(b)),
        }
    }

    /// The hash of `word` given its [`WordIndex::head`]: FxHash-like over its 8-byte chunks
    /// (the last zero-padded), then the length.
    fn hash(word: &str, head: u64) -> u64 {
        let bytes = word.as_bytes();
        let mut h = head.wrapping_mul(Self::MIX);
        if bytes.len() > 8 {
            let mut chunks = bytes[8..].chunks_exact(8);
            for c in &mut chunks {
                let k = u64::from_le_bytes(c.try_into().expect("8 bytes"));
                h = (h.rotate_left(5) ^ k).wrapping_mul(Self::MIX);
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                let tail = rest
                    .iter()
                    .rev()
                    .fold(0u64, |k, &b| (k << 8) | u64::from(b));
                h = (h.rotate_left(5) ^ tail).wrapping_mul(Self::MIX);
            }
        }
        (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn spelling(&self, row: usize) -> &str {
        let start = if row == 0 {
            0
        } else {
            self.ends[row - 1] as usize
        };
        &self.spellings[start..self.ends[row] as usize]
    }

    /// The slot of `word`: where it is, or the free slot where it would go.
    fn slot(&self, word: &str, head: u64) -> usize {
        let mask = self.slots.len() - 1;
        let len = word.len() as u32;
        let mut i = (Self::hash(word, head) >> self.shift) as usize;
        loop {
            let s = self.slots[i];
            if s.row == 0 {
                return i;
            }
            // Same length and first eight bytes: the same word when it is no longer than
            // that, else the rest of the spelling decides.
            if s.len == len
                && s.head == head
                && (len <= 8
                    || self.spelling(s.row as usize - 1).as_bytes()[8..] == word.as_bytes()[8..])
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, word: &str) -> Option<usize> {
        let row = self.slots[self.slot(word, Self::head(word))].row;
        (row != 0).then(|| row as usize - 1)
    }

    /// The row of `word`, a new one (the next number) when it is not there yet.
    fn get_or_insert(&mut self, word: &str) -> u32 {
        let head = Self::head(word);
        let i = self.slot(word, head);
        if self.slots[i].row == 0 {
            assert!(
                self.ends.len() * 2 < self.slots.len(),
                "WordIndex::with_capacity too small"
            );
            self.spellings.push_str(word);
            self.ends.push(self.spellings.len() as u32);
            self.slots[i] = Slot {
                head,
                len: word.len() as u32,
                row: self.ends.len() as u32,
            };
        }
        self.slots[i].row - 1
    }
}

/// Buffers that scoring reuses from span to span.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// The current non-ASCII word, lower-cased.
    low: String,
    /// The span with its ASCII letters lower-cased.
    lowered: String,
    spelled: Vec<f64>,
    part: Vec<f64>,
    words: Vec<Word>,
}

/// `word` as character codes between two start markers and one end marker.
fn pad(word: &str, out: &mut Vec<u64>) {
    out.clear();
    out.extend([START, START]);
    out.extend(word.chars().map(|c| c as u64));
    out.push(END);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decimals_read_as_parse_does() {
        for text in [
            "0", "7", "042", "9999", "", " 12", "12 ", "+1", "12345", "1a", "١٢",
        ] {
            let want = text.parse::<u32>().ok().filter(|_| text.len() <= 4);
            let want = want.filter(|_| text.bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(short_decimal(text), want, "{text:?}");
        }
    }

    #[test]
    fn latin1_shortcuts_agree_with_unicode() {
        for c in '\u{80}'..='\u{2ff}' {
            let text = c.to_string();
            assert_eq!(
                word_char(&text, 0),
                (c.is_alphabetic(), c.len_utf8()),
                "{c:?}"
            );
            if let Some(small) = latin1_lowercase(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), small.to_string());
            } else {
                assert!(
                    !('\u{c0}'..='\u{ff}').contains(&c) || !c.is_uppercase(),
                    "{c:?}"
                );
            }
        }
    }
}
