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

/// The word lists and character models of the allowed languages.
#[derive(Debug)]
pub(super) struct WordModel {
    /// Number of languages (the allow-list, in its order).
    langs: usize,
    /// Word -> row of `listed`.
    index: FxHashMap<Box<str>, u32>,
    /// `langs` values a row: the word's log10 frequency, NaN where a language does not list it.
    listed: Vec<f32>,
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
        let mut index: FxHashMap<Box<str>, u32> = FxHashMap::default();
        index.reserve(30_000 * langs);
        let mut listed: Vec<f32> = Vec::new();
        let mut unlisted = Vec::with_capacity(langs);
        let mut lists: Vec<Vec<&'static str>> = Vec::with_capacity(langs);
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
                let centibels: u32 = centibels.trim().parse().map_err(|_| bad())?;
                let log10 = -(centibels as f64) / 100.0;
                covered += 10f64.powf(log10);
                let row = match index.get(word) {
                    Some(&r) => r,
                    None => {
                        let r = (listed.len() / langs) as u32;
                        listed.extend(std::iter::repeat(f32::NAN).take(langs));
                        index.insert(word.into(), r);
                        r
                    }
                };
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
        Ok(Some(WordModel {
            langs,
            index,
            listed,
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
        let capitalized = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
        let skip_capitalized = tokens(text).any(|t| !capitalized(t));
        let Scratch { low, spelled, part } = scratch;
        spelled.clear();
        spelled.resize(self.langs, 0.0);
        part.clear();
        part.resize(self.langs, 0.0);
        let mut words = 0;
        for token in tokens(text) {
            if skip_capitalized && capitalized(token) {
                continue;
            }
            low.clear();
            if token.is_ascii() {
                low.push_str(token);
                low.make_ascii_lowercase();
            } else {
                for c in token.chars() {
                    if c == '’' {
                        low.push('\'');
                    } else {
                        low.extend(c.to_lowercase());
                    }
                }
            }
            let token = low.as_str();
            words += 1;
            let row = self.row(token);
            let elided = token.bytes().any(|b| b == b'\'');
            let mut spelled_done = false;
            for (li, total) in ll.iter_mut().enumerate() {
                if let Some(v) = row.map(|r| r[li]).filter(|v| !v.is_nan()) {
                    *total += f64::from(v);
                } else if elided {
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
        words
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
        let r = *self.index.get(word)? as usize;
        Some(&self.listed[r * self.langs..(r + 1) * self.langs])
    }
}

impl CharModel {
    fn train(lists: &[&[&str]]) -> CharModel {
        let langs = lists.len();
        // n-gram counts (orders 1 to 3), one row of `langs` counts per n-gram.
        let mut grams: FxHashMap<u64, u32> = FxHashMap::default();
        let mut gram_counts: Vec<f64> = Vec::new();
        let mut padded: Vec<u64> = Vec::new();
        for (li, words) in lists.iter().enumerate() {
            for w in words.iter() {
                pad(w, &mut padded);
                for i in 2..padded.len() {
                    for order in 1..=3 {
                        let gram = key(&padded[i + 1 - order..=i]);
                        let row = *grams.entry(gram).or_insert_with(|| {
                            gram_counts.extend(std::iter::repeat(0.0).take(langs));
                            (gram_counts.len() / langs - 1) as u32
                        });
                        gram_counts[row as usize * langs + li] += 1.0;
                    }
                }
            }
        }
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
}

impl KeyTable {
    /// Never a key: keys pack at most three 21-bit characters.
    const EMPTY: u64 = u64::MAX;

    fn new(map: &FxHashMap<u64, u32>) -> KeyTable {
        let size = (map.len() * 2).next_power_of_two().max(2);
        let mut table = KeyTable {
            slots: vec![(Self::EMPTY, 0); size],
            shift: 64 - size.trailing_zeros(),
        };
        let mask = size - 1;
        for (&k, &row) in map {
            let mut i = table.slot(k);
            while table.slots[i].0 != Self::EMPTY {
                i = (i + 1) & mask;
            }
            table.slots[i] = (k, row);
        }
        table
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

/// The words of `text`: runs of letters and apostrophes, without apostrophes at their ends.
fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0 }
}

struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        loop {
            // Skip to the next word character, then take the run.
            while self.at < len {
                let (is_word, n) = word_char(self.text, self.at);
                if is_word {
                    break;
                }
                self.at += n;
            }
            if self.at >= len {
                return None;
            }
            let start = self.at;
            while self.at < len {
                let (is_word, n) = word_char(self.text, self.at);
                if !is_word {
                    break;
                }
                self.at += n;
            }
            let token = self.text[start..self.at].trim_matches(|c| c == '\'' || c == '’');
            if !token.is_empty() {
                return Some(token);
            }
        }
    }
}

/// Whether the character at byte `at` of `text` is a letter or an apostrophe, and its length.
fn word_char(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        (b.is_ascii_alphabetic() || b == b'\'', 1)
    } else {
        let c = text[at..].chars().next().expect("at is a char boundary");
        (c.is_alphabetic() || c == '’', c.len_utf8())
    }
}

/// Buffers that scoring reuses from span to span.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    low: String,
    spelled: Vec<f64>,
    part: Vec<f64>,
}

/// `word` as character codes between two start markers and one end marker.
fn pad(word: &str, out: &mut Vec<u64>) {
    out.clear();
    out.extend([START, START]);
    out.extend(word.chars().map(|c| c as u64));
    out.push(END);
}

fn key(chars: &[u64]) -> u64 {
    chars.iter().fold(0, |k, &c| (k << CHAR_BITS) | c)
}
