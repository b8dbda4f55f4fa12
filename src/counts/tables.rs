//! The language tables of the counts stage, read from `src/languages/<code>/numbers.toml`.
//!
//! The file format is documented at the top of every `numbers.toml`. Phrases in the tables
//! are tokenized and folded like the text ([`super::tokens`]), so "U.S.C.", "d'" or
//! "year-old" match whatever spacing the text uses between their tokens.

use super::cues::CueTrie;
use super::tokens::{phrase_tokens, DigitConventions, Tok};
use crate::languages;
use crate::model::{Lang, Qualifier};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One `numbers.toml`, as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    decimal: Option<String>,
    #[serde(default)]
    thousands: Vec<String>,
    #[serde(default)]
    cardinals: BTreeMap<String, f64>,
    #[serde(default)]
    hundreds: BTreeMap<String, f64>,
    #[serde(default)]
    group_multipliers: BTreeMap<String, f64>,
    #[serde(default)]
    scales: BTreeMap<String, f64>,
    #[serde(default)]
    bare_scales: Vec<String>,
    #[serde(default)]
    word_only: Vec<String>,
    #[serde(default)]
    suffixes: BTreeMap<String, f64>,
    #[serde(default)]
    joiners: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    weak_one: Vec<String>,
    #[serde(default)]
    halves: Vec<String>,
    #[serde(default)]
    decimal_words: Vec<String>,
    #[serde(default)]
    additive_after: BTreeMap<String, f64>,
    #[serde(default)]
    collectives: Vec<CollectiveRow>,
    #[serde(default)]
    qualifiers: QualifierRows,
    #[serde(default)]
    range_starts: Vec<String>,
    #[serde(default)]
    qualifier_blockers: Vec<String>,
    #[serde(default)]
    range_joiners: Vec<String>,
    #[serde(default)]
    range_and: Vec<String>,
    #[serde(default)]
    of: Vec<String>,
    #[serde(default)]
    and: Vec<String>,
    #[serde(default)]
    cents_joiners: Vec<String>,
    #[serde(default)]
    modifiers: Vec<String>,
    #[serde(default)]
    stop_words: Vec<String>,
    #[serde(default)]
    nouns: BTreeMap<String, String>,
    #[serde(default)]
    measures: BTreeMap<String, String>,
    #[serde(default)]
    not_count_nouns: Vec<String>,
    #[serde(default)]
    not_count_before: Vec<String>,
    #[serde(default)]
    not_count_after: Vec<String>,
    #[serde(default)]
    not_count_start: Vec<String>,
    #[serde(default)]
    date_words: Vec<String>,
    #[serde(default)]
    currencies: Vec<CurrencyRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CollectiveRow {
    phrase: String,
    value: f64,
    #[serde(default)]
    qualifier: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct QualifierRows {
    #[serde(default)]
    approx: Vec<String>,
    #[serde(default)]
    at_least: Vec<String>,
    #[serde(default)]
    at_most: Vec<String>,
    #[serde(default)]
    more_than: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyRow {
    code: String,
    names: Vec<String>,
    #[serde(default)]
    factor: Option<f64>,
    #[serde(default)]
    by_country: BTreeMap<String, String>,
    #[serde(default)]
    after_scale_only: bool,
}

/// A currency surface's meaning.
#[derive(Clone, Debug)]
pub(crate) struct Currency {
    /// ISO 4217 code, or a placeholder such as `PESO?` resolved by `by_country`.
    pub code: String,
    /// What one of it is worth in `code` (0.01 for cents).
    pub factor: f64,
    /// Country (ISO alpha-2) to code, for names shared by several currencies.
    pub by_country: BTreeMap<String, String>,
    /// Only money after a scale word or a symbol ("361 million pounds"; "300 pounds" is a
    /// weight).
    pub after_scale_only: bool,
}

/// Folded token phrases with payloads, matched longest first.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    rows: Vec<(Vec<String>, T)>,
    /// Rows by their first and by their last token, longest first, so that a lookup at a
    /// token tries only the phrases that can match there.
    by_first: HashMap<String, Vec<usize>>,
    by_last: HashMap<String, Vec<usize>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            rows: Vec::new(),
            by_first: HashMap::default(),
            by_last: HashMap::default(),
        }
    }
}

impl<T> Phrases<T> {
    fn add(&mut self, phrase: &str, payload: T) {
        let toks = phrase_tokens(phrase);
        if !toks.is_empty() {
            self.rows.push((toks, payload));
        }
    }

    fn finish(&mut self) {
        self.rows.sort_by_key(|r| std::cmp::Reverse(r.0.len()));
        self.by_first.clear();
        self.by_last.clear();
        for (k, (p, _)) in self.rows.iter().enumerate() {
            let (Some(first), Some(last)) = (p.first(), p.last()) else {
                continue;
            };
            self.by_first.entry(first.clone()).or_default().push(k);
            self.by_last.entry(last.clone()).or_default().push(k);
        }
    }

    /// One token of every phrase, its longest: a phrase can match only where that token is.
    pub fn key_tokens(&self) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .filter_map(|(p, _)| p.iter().max_by_key(|t| t.len()).map(String::as_str))
    }

    /// The first token of every phrase.
    pub fn first_tokens(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }

    /// The longest phrase starting at token `i`: its length in tokens and payload.
    pub fn at(&self, toks: &[Tok], i: usize) -> Option<(usize, &T)> {
        let rows = self.by_first.get(&*toks.get(i)?.norm)?;
        rows.iter().find_map(|&k| {
            let (p, v) = &self.rows[k];
            (i + p.len() <= toks.len() && p.iter().zip(&toks[i..]).all(|(a, t)| *a == t.norm))
                .then_some((p.len(), v))
        })
    }

    /// The longest phrase ending just before token `end`: its first token and payload.
    pub fn ending_at(&self, toks: &[Tok], end: usize) -> Option<(usize, &T)> {
        let rows = self.by_last.get(&*toks.get(end.checked_sub(1)?)?.norm)?;
        rows.iter().find_map(|&k| {
            let (p, v) = &self.rows[k];
            (p.len() <= end
                && p.iter()
                    .zip(&toks[end - p.len()..end])
                    .all(|(a, t)| *a == t.norm))
            .then(|| (end - p.len(), v))
        })
    }
}

/// Everything the stage knows about one language, compiled.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    pub conv: DigitConventions,
    pub cardinals: HashMap<String, f64>,
    pub hundreds: HashMap<String, f64>,
    pub group_multipliers: HashMap<String, f64>,
    pub scales: HashMap<String, f64>,
    pub bare_scales: HashSet<String>,
    pub word_only: HashSet<String>,
    pub suffixes: HashMap<String, f64>,
    pub joiners: HashSet<String>,
    pub articles: HashSet<String>,
    pub weak_one: HashSet<String>,
    pub halves: HashSet<String>,
    pub decimal_words: HashSet<String>,
    pub additive_after: Vec<(f64, f64)>,
    pub collectives: Phrases<(f64, Qualifier)>,
    pub qualifiers: Phrases<Qualifier>,
    pub range_starts: Phrases<()>,
    /// Words that make a following qualifier a verb particle ("handed over 29").
    pub qualifier_blockers: HashSet<String>,
    pub range_joiners: HashSet<String>,
    pub range_and: HashSet<String>,
    pub of: Phrases<()>,
    pub and: HashSet<String>,
    pub cents_joiners: HashSet<String>,
    pub modifiers: HashSet<String>,
    pub stop_words: HashSet<String>,
    pub nouns: HashMap<String, String>,
    pub measures: Phrases<String>,
    pub not_count_nouns: HashSet<String>,
    pub not_count_before: Phrases<()>,
    pub not_count_after: Phrases<()>,
    pub not_count_start: Phrases<()>,
    pub date_words: HashSet<String>,
    /// Every word that can start a number in words: cardinals, hundreds, multipliers,
    /// scales, articles and halves ("a hundred", "half a million").
    pub number_words: HashSet<String>,
    /// The folded tokens that can start or continue a number, looked up with no hashing:
    /// [`Tables::number_words`] ([`NUMBER_WORD`]), [`Tables::weak_one`] ([`WEAK_ONE`]) and
    /// the first token of every collective ([`COLLECTIVE_START`]).
    pub number_starts: CueTrie,
    /// Folded tokens a sentence needs for a number in words ([`CUE_NUMBER`], [`CUE_WEAK`],
    /// [`CUE_COMPANION`] bits): what [`super::CountExtractor`] checks before tokenizing.
    pub cues: CueTrie,
}

/// A token without which no number in words is read: a number word that is no article-like
/// "un" (articles and halves need one of these after them), or one token of every
/// collective phrase (a phrase matches only with all its tokens).
pub(crate) const CUE_NUMBER: u8 = 1;
/// An article-like word for 1 ([`Tables::weak_one`]): a number only for money, or with a
/// decimal part in words.
pub(crate) const CUE_WEAK: u8 = 2;
/// What makes a weak number something: one token of every currency name, or a decimal
/// word.
pub(crate) const CUE_COMPANION: u8 = 4;
/// A bit of [`Tables::number_starts`]: a number word.
pub(crate) const NUMBER_WORD: u8 = 1;
/// A bit of [`Tables::number_starts`]: the first token of a collective phrase.
pub(crate) const COLLECTIVE_START: u8 = 2;
/// A bit of [`Tables::number_starts`]: an article-like word for 1.
pub(crate) const WEAK_ONE: u8 = 4;

impl Tables {
    /// Add `cue` to the cues of the folded token `norm`.
    pub(crate) fn add_cue(&mut self, norm: &str, cue: u8) {
        self.cues.add(norm, cue);
    }
}

fn fold_set(v: &[String]) -> HashSet<String> {
    v.iter().map(|s| crate::fold::fold_str(s)).collect()
}

fn fold_map<V: Clone>(m: &BTreeMap<String, V>) -> HashMap<String, V> {
    m.iter()
        .map(|(k, v)| (crate::fold::fold_str(k), v.clone()))
        .collect()
}

fn parse_qualifier(s: &str) -> Result<Qualifier, String> {
    Ok(match s {
        "exact" => Qualifier::Exact,
        "approx" => Qualifier::Approx,
        "at_least" => Qualifier::AtLeast,
        "at_most" => Qualifier::AtMost,
        "more_than" => Qualifier::MoreThan,
        _ => return Err(format!("unknown qualifier {s:?}")),
    })
}

fn one_char(lang: Lang, what: &str, s: &str) -> Result<char, String> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(format!(
            "src/languages/{lang}/numbers.toml: {what} {s:?} is not one character"
        )),
    }
}

/// Parse one language's `numbers.toml`; its currencies are returned apart, because currency
/// names and symbols apply in every language.
pub(crate) fn load(lang: Lang, source: &str) -> Result<(Tables, Vec<(String, Currency)>), String> {
    let f: NumbersFile = languages::parse(lang, "numbers.toml", source)?;
    let err = |e: String| format!("src/languages/{lang}/numbers.toml: {e}");
    let mut t = Tables::default();
    if let Some(d) = &f.decimal {
        t.conv.decimal = one_char(lang, "decimal", d)?;
    }
    if !f.thousands.is_empty() {
        t.conv.thousands = f
            .thousands
            .iter()
            .map(|s| one_char(lang, "thousands", s))
            .collect::<Result<_, _>>()?;
    }
    t.cardinals = fold_map(&f.cardinals);
    t.hundreds = fold_map(&f.hundreds);
    t.group_multipliers = fold_map(&f.group_multipliers);
    t.scales = fold_map(&f.scales);
    t.bare_scales = fold_set(&f.bare_scales);
    t.word_only = fold_set(&f.word_only);
    t.suffixes = f.suffixes.clone().into_iter().collect();
    t.joiners = fold_set(&f.joiners);
    t.articles = fold_set(&f.articles);
    t.weak_one = fold_set(&f.weak_one);
    t.halves = fold_set(&f.halves);
    t.decimal_words = fold_set(&f.decimal_words);
    for (k, v) in &f.additive_after {
        let after: f64 = k
            .parse()
            .map_err(|_| err(format!("additive_after key {k:?} is not a number")))?;
        t.additive_after.push((after, *v));
    }
    for c in &f.collectives {
        let q = match &c.qualifier {
            Some(q) => parse_qualifier(q).map_err(err)?,
            None => Qualifier::Approx,
        };
        t.collectives.add(&c.phrase, (c.value, q));
    }
    for (q, list) in [
        (Qualifier::Approx, &f.qualifiers.approx),
        (Qualifier::AtLeast, &f.qualifiers.at_least),
        (Qualifier::AtMost, &f.qualifiers.at_most),
        (Qualifier::MoreThan, &f.qualifiers.more_than),
    ] {
        for p in list {
            t.qualifiers.add(p, q);
        }
    }
    for p in &f.range_starts {
        t.range_starts.add(p, ());
    }
    t.qualifier_blockers = fold_set(&f.qualifier_blockers);
    t.range_joiners = fold_set(&f.range_joiners);
    t.range_and = fold_set(&f.range_and);
    for p in &f.of {
        t.of.add(p, ());
    }
    t.and = fold_set(&f.and);
    t.cents_joiners = fold_set(&f.cents_joiners);
    t.modifiers = fold_set(&f.modifiers);
    t.stop_words = fold_set(&f.stop_words);
    t.nouns = fold_map(&f.nouns);
    for (k, v) in &f.measures {
        t.measures.add(k, v.clone());
    }
    t.not_count_nouns = fold_set(&f.not_count_nouns);
    for p in &f.not_count_before {
        t.not_count_before.add(p, ());
    }
    for p in &f.not_count_after {
        t.not_count_after.add(p, ());
    }
    for p in &f.not_count_start {
        t.not_count_start.add(p, ());
    }
    t.date_words = fold_set(&f.date_words);
    t.number_words = [&t.cardinals, &t.hundreds, &t.group_multipliers, &t.scales]
        .into_iter()
        .flat_map(|m| m.keys())
        .chain(&t.articles)
        .chain(&t.halves)
        .cloned()
        .collect();
    // Articles and halves are no cues: they make a number only with a word of these after
    // them.
    let number_cues: Vec<String> = [&t.hundreds, &t.group_multipliers, &t.scales]
        .into_iter()
        .flat_map(|m| m.keys())
        .chain(t.cardinals.keys().filter(|w| !t.weak_one.contains(*w)))
        .cloned()
        .chain(t.collectives.key_tokens().map(str::to_string))
        .collect();
    for w in number_cues {
        t.add_cue(&w, CUE_NUMBER);
    }
    for w in t.weak_one.clone() {
        t.add_cue(&w, CUE_WEAK);
    }
    for w in t.decimal_words.clone() {
        t.add_cue(&w, CUE_COMPANION);
    }
    for p in [
        &mut t.qualifiers as &mut dyn Finish,
        &mut t.collectives,
        &mut t.range_starts,
        &mut t.of,
        &mut t.measures,
        &mut t.not_count_before,
        &mut t.not_count_after,
        &mut t.not_count_start,
    ] {
        p.finish_rows();
    }
    for w in &t.number_words {
        t.number_starts.add(w, NUMBER_WORD);
    }
    for w in t.collectives.first_tokens() {
        t.number_starts.add(w, COLLECTIVE_START);
    }
    for w in &t.weak_one {
        t.number_starts.add(w, WEAK_ONE);
    }
    let mut currencies = Vec::new();
    for c in f.currencies {
        let cur = Currency {
            code: c.code,
            factor: c.factor.unwrap_or(1.0),
            by_country: c.by_country,
            after_scale_only: c.after_scale_only,
        };
        for n in c.names {
            currencies.push((n, cur.clone()));
        }
    }
    Ok((t, currencies))
}

/// Sort phrase rows longest first, whatever their payload.
trait Finish {
    fn finish_rows(&mut self);
}

impl<T> Finish for Phrases<T> {
    fn finish_rows(&mut self) {
        self.finish();
    }
}

/// Build the currency phrase table shared by every language.
pub(crate) fn currency_phrases(rows: Vec<(String, Currency)>) -> Phrases<Currency> {
    let mut p = Phrases::default();
    for (name, c) in rows {
        p.add(&name, c);
    }
    p.finish();
    p
}
