//! Counts and money: numbers attached to what they count, and amounts of money.
//!
//! Input: a [`TextView`] (sentences with their language), the countries the document names
//! and the dates already found. Output: [`CountMention`]s ("around 5,000 members" → 5000,
//! approx, what "members") and [`MoneyMention`]s ("between $10 million and $15 million" →
//! 10 000 000..15 000 000 USD), as spans into the text.
//!
//! How: each sentence is tokenized in its language (the paragraph's or document's language
//! when the sentence has none) and its numbers found ([`CountExtractor::numbers`]): digits
//! read with the language's separators and the number's own shape, number words composed
//! up to the trillions, scales, "a dozen", "half a million", collectives ("une vingtaine
//! de", "cientos de": approximate, with the lower bound as value). A number is **money** when a
//! currency symbol, code or name stands before or after it; else it is a **count** when a
//! counted noun follows it (modifiers like "présumés" skipped), giving `what`, or a unit of
//! weight or volume, giving `unit`. Qualifiers ("around", "más de", "au moins") and ranges
//! ("between 30 and 40", "entre 10 y 15") come from the words around it.
//!
//! What is not a count: a number with no counted noun; years ("in 2016", "the 2017 Executive
//! Order": four digits from 1000 to 2100 unless a known counted noun follows); numbers next
//! to a month name or inside `dates`; ages, durations and percentages (by their noun:
//! "years", "años", "%"); ordinals ("4th", "third": ordinal words are not number words);
//! numbers glued to other numbers by `/`, `:` or dashes (dates, phone numbers, case numbers);
//! numbers after a reference word ("Executive Order 13773", "No. 5", "18 U.S.C. 1962"); list
//! names ("Ten Most Wanted"); "one of the"; and article-like "un"/"une" ("Un groupe").
//!
//! All language knowledge is in `src/languages/<code>/numbers.toml`; a language without a
//! file gets numbers in digits (decimal point, comma thousands) and money by symbol only.
//! Currency names and symbols from every file apply in every language, because reports quote
//! amounts across languages.

mod cues;
mod tables;
mod tokens;
mod words;

use crate::languages::LANGUAGES;
use crate::model::{CountMention, DateMention, MoneyMention, Quantity, Span, TextView};
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};
use tables::{Currency, Phrases, Tables};
use tokens::{Kind, Tok};
use words::NumSpan;

/// A number found in the text, whatever it counts.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberMention {
    /// Where it is.
    pub span: Span,
    /// Its value.
    pub value: f64,
}

/// The count and money extractor, built once from every language's `numbers.toml`.
#[derive(Debug)]
pub struct CountExtractor {
    langs: HashMap<&'static str, Tables>,
    fallback: Tables,
    currencies: Phrases<Currency>,
    by_country: HashMap<String, BTreeMap<String, String>>,
}

/// A money reading of one number: token range, amount and currency.
#[derive(Clone, Debug)]
struct Money {
    first: usize,
    last: usize,
    value: f64,
    value_max: Option<f64>,
    code: String,
    /// The currency stood before the number ("$10"), so a bare second number of a range takes
    /// it ("$10-15 million").
    prefixed: bool,
    scale: Option<f64>,
    /// The currency's factor (0.01 for cents).
    factor: f64,
}

/// The counted noun phrase after a number.
struct Noun {
    /// Last token of the phrase.
    last: usize,
    what: Option<String>,
    unit: Option<String>,
    /// The head is a known counted noun.
    known: bool,
}

impl CountExtractor {
    /// Build from the embedded language tables.
    pub fn new() -> Result<CountExtractor, String> {
        let mut langs = HashMap::default();
        let mut currencies = Vec::new();
        for d in LANGUAGES {
            let (t, c) = tables::load(d.lang, d.numbers)?;
            langs.insert(d.lang.code(), t);
            currencies.extend(c);
        }
        let mut by_country = HashMap::default();
        for (_, c) in &currencies {
            if !c.by_country.is_empty() {
                by_country.insert(c.code.clone(), c.by_country.clone());
            }
        }
        let currencies = tables::currency_phrases(currencies);
        let currency_cues: Vec<String> = currencies.key_tokens().map(str::to_string).collect();
        for t in langs.values_mut() {
            for w in &currency_cues {
                t.add_cue(w, tables::CUE_COMPANION);
            }
        }
        Ok(CountExtractor {
            langs,
            fallback: Tables::default(),
            currencies,
            by_country,
        })
    }

    fn tables(&self, view: &TextView, i: usize) -> &Tables {
        let s = &view.sentences[i];
        s.lang
            .or(view.paragraphs.get(s.paragraph).and_then(|p| p.lang))
            .or(view.lang)
            .and_then(|l| self.langs.get(l.code()))
            .unwrap_or(&self.fallback)
    }

    /// Every number in the text, counted noun or not (for measuring the number reader):
    /// digits, words, scales. Digits glued to letters ("4th", "180ml") are left out.
    pub fn numbers(&self, view: &TextView) -> Vec<NumberMention> {
        let mut out = Vec::new();
        for (i, s) in view.sentences.iter().enumerate() {
            let t = self.tables(view, i);
            if !tokens::may_hold_number(t, s.span.of(view.text), true) {
                continue;
            }
            let toks = tokens::tokenize(view.text, s.span.start, s.span.end, &t.conv);
            for n in words::scan(t, &toks) {
                if n.glued || n.collective {
                    continue;
                }
                out.push(NumberMention {
                    span: Span::new(toks[n.first].start, toks[n.last].end),
                    value: n.value,
                });
            }
        }
        out
    }

    /// Every count and amount of money in the text. `countries` are the ISO alpha-2 codes of
    /// the countries the document names (to tell which peso is meant); numbers inside `dates` are
    /// parts of dates, not counts.
    pub fn extract(
        &self,
        view: &TextView,
        countries: &[String],
        dates: &[DateMention],
    ) -> (Vec<CountMention>, Vec<MoneyMention>) {
        let mut counts = Vec::new();
        let mut money = Vec::new();
        for (i, s) in view.sentences.iter().enumerate() {
            let t = self.tables(view, i);
            // Most sentences hold no number: they are not tokenized at all.
            if !tokens::may_hold_number(t, s.span.of(view.text), false) {
                continue;
            }
            let toks = tokens::tokenize(view.text, s.span.start, s.span.end, &t.conv);
            let nums = words::scan(t, &toks);
            let found = self.money(t, &toks, &nums);
            let mut used = vec![false; nums.len()];
            for (m, ks) in &found {
                for &k in ks {
                    used[k] = true;
                }
                let span = Span::new(toks[m.first].start, toks[m.last].end);
                money.push(MoneyMention {
                    start: span.start,
                    end: span.end,
                    text: span.of(view.text).to_string(),
                    value: Quantity(m.value),
                    value_max: m.value_max.map(Quantity),
                    currency: resolve_currency(&m.code, &self.by_country, countries),
                });
            }
            let in_date = |n: &NumSpan| {
                let sp = Span::new(toks[n.first].start, toks[n.last].end);
                dates.iter().any(|d| sp.overlaps(Span::new(d.start, d.end)))
            };
            let mut k = 0;
            while k < nums.len() {
                if used[k] || in_date(&nums[k]) {
                    k += 1;
                    continue;
                }
                match self.count(t, view.text, &toks, &nums, k, &used) {
                    Some((c, next)) => {
                        counts.push(c);
                        k = next;
                    }
                    None => k += 1,
                }
            }
        }
        (counts, money)
    }

    /// Money readings of the sentence's numbers, ranges merged, with the numbers they use.
    fn money(&self, t: &Tables, toks: &[Tok], nums: &[NumSpan]) -> Vec<(Money, Vec<usize>)> {
        // A currency after one amount is not the prefix of the next ("50 dollar 40 rmb").
        let mut single: Vec<Option<Money>> = Vec::with_capacity(nums.len());
        let mut min_prefix = 0;
        for n in nums {
            let m = self.money_one(t, toks, n, min_prefix);
            if let Some(m) = &m {
                min_prefix = m.last + 1;
            }
            single.push(m);
        }
        let mut out = Vec::new();
        let mut k = 0;
        while k < nums.len() {
            let m1 = single[k].clone();
            // A range: two numbers around one joiner, at least one of them money.
            if k + 1 < nums.len() {
                let end1 = m1.as_ref().map_or(nums[k].last, |m| m.last);
                let start2 = single[k + 1]
                    .as_ref()
                    .map_or(nums[k + 1].first, |m| m.first);
                let start1 = m1.as_ref().map_or(nums[k].first, |m| m.first);
                if start2 == end1 + 2 && !nums[k].collective && !nums[k + 1].collective {
                    let joiner = &toks[end1 + 1];
                    let range_start = t.range_starts.ending_at(toks, start1).map(|(s, _)| s);
                    let ok = is_range_joiner(t, joiner)
                        || (range_start.is_some() && t.range_and.contains(&*joiner.norm));
                    let pair = match (&m1, &single[k + 1]) {
                        (Some(a), Some(b)) => Some((a.clone(), b.clone())),
                        // A bare first end is smaller and no year ("1990 à 1015 francs").
                        (None, Some(b)) if ok && !year_like(toks, &nums[k]) => {
                            Some((bare_money(&nums[k], b), b.clone()))
                        }
                        (Some(a), None) if ok && a.prefixed => {
                            Some((a.clone(), bare_money(&nums[k + 1], a)))
                        }
                        _ => None,
                    };
                    if let (true, Some((mut a, b))) = (ok, pair) {
                        if a.scale.is_none() {
                            if let Some(s) = b.scale {
                                if a.value < s {
                                    a.value *= s;
                                }
                            }
                        }
                        if a.value >= b.value {
                            if let Some(m) = m1 {
                                out.push((m, vec![k]));
                            }
                            k += 1;
                            continue;
                        }
                        let first = range_start.unwrap_or(a.first).min(a.first);
                        out.push((
                            Money {
                                first,
                                last: b.last,
                                value: a.value,
                                value_max: Some(b.value),
                                code: b.code.clone(),
                                prefixed: a.prefixed,
                                scale: b.scale,
                                factor: b.factor,
                            },
                            vec![k, k + 1],
                        ));
                        k += 2;
                        continue;
                    }
                }
            }
            if let Some(mut m) = m1 {
                // "3 dollars 50 cents", "15 dollars and 50": the cents of an amount.
                if let Some(end) = self.cents(t, toks, nums, &single, k, &m) {
                    m.value += nums[k + 1].value / 100.0;
                    m.last = end;
                    out.push((m, vec![k, k + 1]));
                    k += 2;
                    continue;
                }
                out.push((m, vec![k]));
            }
            k += 1;
        }
        out
    }

    /// When number `k + 1` gives the cents of money `m` (number `k`), the last token of them.
    fn cents(
        &self,
        t: &Tables,
        toks: &[Tok],
        nums: &[NumSpan],
        single: &[Option<Money>],
        k: usize,
        m: &Money,
    ) -> Option<usize> {
        let n2 = nums.get(k + 1)?;
        if m.scale.is_some() || m.factor != 1.0 || m.value.fract() != 0.0 {
            return None;
        }
        let mut i = m.last + 1;
        if toks
            .get(i)
            .is_some_and(|x| t.cents_joiners.contains(&*x.norm))
        {
            i += 1;
        }
        if n2.first != i
            || n2.glued
            || !toks[n2.first].space_before
            || n2.value.fract() != 0.0
            || !(1.0..100.0).contains(&n2.value)
        {
            return None;
        }
        match &single[k + 1] {
            Some(c) if c.factor == 0.01 && c.first == n2.first => Some(c.last),
            Some(_) => None,
            // Bare cents: what follows may not make the number something else.
            None => toks
                .get(n2.last + 1)
                .map_or(true, |x| match x.kind {
                    Kind::Punct => x.norm != "-" && x.norm != "%",
                    Kind::Word => {
                        !t.nouns.contains_key(&*x.norm)
                            && t.measures.at(toks, n2.last + 1).is_none()
                            && self.currencies.at(toks, n2.last + 1).is_none()
                            && !t.not_count_nouns.contains(&*x.norm)
                            && !t.scales.contains_key(&*x.norm)
                    }
                    Kind::Num => false,
                })
                .then_some(n2.last),
        }
    }

    /// The money reading of one number, if a currency stands next to it (a currency before
    /// token `min_prefix` belongs to an earlier amount).
    fn money_one(&self, t: &Tables, toks: &[Tok], n: &NumSpan, min_prefix: usize) -> Option<Money> {
        if n.collective {
            return None;
        }
        let pre = self
            .currencies
            .ending_at(toks, n.first)
            .filter(|(s, c)| *s >= min_prefix && !c.after_scale_only);
        let mut after = n.last + 1;
        let mut post = self.currencies.at(toks, after);
        // "a 12-cent dividend", "one-yen bid".
        if post.is_none()
            && toks.get(after).is_some_and(|x| x.norm == "-")
            && toks.get(after + 1).is_some_and(|x| !x.space_before)
            && !toks[after].space_before
        {
            if let Some(p) = self.currencies.at(toks, after + 1) {
                after += 1;
                post = Some(p);
            }
        }
        if post.is_none() {
            if let Some((of_len, _)) = t.of.at(toks, after) {
                if let Some(p) = self.currencies.at(toks, after + of_len) {
                    after += of_len;
                    post = Some(p);
                }
            }
        }
        // "$ 20,000.00 $ 37,305.97": a symbol before the next number is that number's.
        if pre.is_some() {
            if let Some((len, _)) = post {
                if toks.get(after + len).is_some_and(|x| x.kind == Kind::Num) {
                    post = None;
                    after = n.last + 1;
                }
            }
        }
        let (first, mut last, cur, prefixed) = match (pre, post) {
            (Some((s, c)), Some((len, _))) => (s, after + len - 1, c, true),
            (Some((s, c)), None) => (s, n.last, c, true),
            (None, Some((len, c))) => {
                if c.after_scale_only && n.scale.is_none() {
                    return None;
                }
                (n.first, after + len - 1, c, false)
            }
            (None, None) => return None,
        };
        if n.glued && !prefixed && post.is_none() {
            return None;
        }
        let mut value = n.value * cur.factor;
        let mut scale = n.scale;
        // "75 USD millones": a scale word after the currency.
        if let Some(s) = toks.get(last + 1).and_then(|x| t.scales.get(&*x.norm)) {
            if n.scale.is_none() && n.value < *s {
                value *= s;
                scale = Some(*s);
                last += 1;
            }
        }
        Some(Money {
            first,
            last,
            value,
            value_max: None,
            code: cur.code.clone(),
            prefixed,
            scale,
            factor: cur.factor,
        })
    }

    /// Read a count at number `k`; the count and the index of the next number to look at.
    fn count(
        &self,
        t: &Tables,
        text: &str,
        toks: &[Tok],
        nums: &[NumSpan],
        k: usize,
        used: &[bool],
    ) -> Option<(CountMention, usize)> {
        let n = &nums[k];
        if n.weak || n.value < 0.0 || not_a_count_here(t, toks, n) {
            return None;
        }
        // A range: "between 30 and 40", "10 to 15", "de 10 à 15".
        let mut first = n.first;
        let mut last_num = n.last;
        let mut value = n.value;
        let mut value_max = None;
        let mut next = k + 1;
        let range_start = t.range_starts.ending_at(toks, n.first).map(|(s, _)| s);
        if let Some(n2) = nums.get(k + 1) {
            if !used[k + 1] && !n2.weak && n2.first == n.last + 2 && !n.collective {
                let j = &toks[n.last + 1];
                let ok = is_range_joiner(t, j)
                    || (range_start.is_some() && t.range_and.contains(&*j.norm));
                if ok && n2.value > value && !not_a_count_here(t, toks, n2) {
                    if n.scale.is_none() {
                        if let Some(s) = n2.scale {
                            if value < s {
                                value *= s;
                            }
                        }
                    }
                    value_max = Some(n2.value);
                    last_num = n2.last;
                    next = k + 2;
                    if let Some(rs) = range_start {
                        first = rs;
                    }
                }
            }
        }
        let noun = find_noun(t, text, toks, last_num + 1, nums[next - 1].collective)?;
        // Years: four bare digits are a year unless a known counted noun follows.
        if value_max.is_none() && year_like(toks, n) && !noun.known {
            return None;
        }
        let mut qualifier = n.qualifier.unwrap_or_default();
        if let Some((qs, &q)) = t.qualifiers.ending_at(toks, first) {
            // "handed over 29 members": "over" belongs to the verb, not to the number.
            let particle = qs > 0 && t.qualifier_blockers.contains(&*toks[qs - 1].norm);
            if !particle {
                qualifier = q;
                first = qs;
            }
        }
        let span = Span::new(toks[first].start, toks[noun.last].end);
        Some((
            CountMention {
                start: span.start,
                end: span.end,
                text: span.of(text).to_string(),
                value: Quantity(value),
                value_max: value_max.map(Quantity),
                qualifier,
                what: noun.what,
                unit: noun.unit,
            },
            next,
        ))
    }
}

/// Four bare digits from 1000 to 2100: a year, unless a known counted noun follows.
fn year_like(toks: &[Tok], x: &NumSpan) -> bool {
    x.plain && (1000.0..=2100.0).contains(&x.value) && toks[x.first].norm.len() == 4
}

/// True for a joiner that only ever joins the two ends of a range ("to", "-", "à").
fn is_range_joiner(t: &Tables, tok: &Tok) -> bool {
    t.range_joiners.contains(&*tok.norm)
}

/// A bare number of a money range, taking the other end's currency.
fn bare_money(n: &NumSpan, other: &Money) -> Money {
    Money {
        first: n.first,
        last: n.last,
        value: n.value,
        value_max: None,
        code: other.code.clone(),
        prefixed: false,
        scale: n.scale,
        factor: other.factor,
    }
}

/// The ISO code of a currency, resolving a shared name ("pesos": `PESO?`) by the countries
/// the document names when they point to exactly one of its currencies.
fn resolve_currency(
    code: &str,
    by_country: &HashMap<String, BTreeMap<String, String>>,
    countries: &[String],
) -> String {
    let Some(map) = by_country.get(code) else {
        return code.to_string();
    };
    let found: BTreeSet<&String> = countries
        .iter()
        .filter_map(|c| map.get(&c.to_ascii_uppercase()))
        .collect();
    match found.len() {
        1 => found.into_iter().next().cloned().unwrap_or_default(),
        _ => code.to_string(),
    }
}

/// Cues around a number that make it no count: references, dates, list names, "one of".
fn not_a_count_here(t: &Tables, toks: &[Tok], n: &NumSpan) -> bool {
    if n.glued && t.measures.at(toks, n.last + 1).is_none() {
        return true;
    }
    if t.not_count_start.at(toks, n.first).is_some()
        || t.not_count_after.at(toks, n.last + 1).is_some()
        || t.not_count_before.ending_at(toks, n.first).is_some()
    {
        return true;
    }
    // Next to a month name: part of a date ("February 13", "le 22 janvier", "13 de mayo").
    let is_date_word = |i: usize| toks.get(i).is_some_and(|x| t.date_words.contains(&*x.norm));
    let is_link = |i: usize| {
        toks.get(i)
            .is_some_and(|x| x.norm == "," || x.norm == "." || t.of.at(toks, i).is_some())
    };
    if n.first > 0
        && (is_date_word(n.first - 1)
            || (n.first > 1 && is_link(n.first - 1) && is_date_word(n.first - 2)))
    {
        return true;
    }
    if is_date_word(n.last + 1) || (is_link(n.last + 1) && is_date_word(n.last + 2)) {
        return true;
    }
    // Glued to other digits by '/', ':', '.', '-' (dates, times, phone and case numbers).
    let glued_punct = |i: usize, j: usize| {
        let (Some(a), Some(b)) = (toks.get(i), toks.get(j)) else {
            return false;
        };
        a.kind == Kind::Punct
            && matches!(a.norm.as_ref() as &str, "/" | ":" | "." | "-" | "#")
            && (!b.space_before || !a.space_before)
    };
    let before_glued = n.first >= 1
        && glued_punct(n.first - 1, n.first)
        && (toks[n.first - 1].norm == "#"
            || (n.first >= 2
                && toks[n.first - 2].kind == Kind::Num
                && !toks[n.first - 1].space_before));
    let after_glued = toks
        .get(n.last + 2)
        .is_some_and(|x| x.kind == Kind::Num && !x.space_before)
        && glued_punct(n.last + 1, n.last + 2)
        && !toks[n.last + 1].space_before;
    if before_glued && (toks[n.first - 1].norm != "-" || after_glued) {
        return true;
    }
    if after_glued && toks[n.last + 1].norm != "-" {
        return true;
    }
    false
}

/// The counted noun phrase starting at token `i`.
fn find_noun(t: &Tables, text: &str, toks: &[Tok], i: usize, collective: bool) -> Option<Noun> {
    let mut j = i;
    let _ = collective;
    // "2 millones de personas", "dos docenas de sospechosos": an "of" after a scale word.
    if let Some((len, _)) = t.of.at(toks, j) {
        let prev: &str = &toks[j.saturating_sub(1)].norm;
        if j > 0 && (t.scales.contains_key(prev) || t.group_multipliers.contains_key(prev)) {
            j += len;
        }
    }
    // A unit of weight or volume: "300 kilos", "2.5 tonnes of cocaine".
    if let Some((len, unit)) = t.measures.at(toks, j) {
        let unit_last = j + len - 1;
        let mut last = unit_last;
        let mut what = text[toks[j].start..toks[unit_last].end].to_string();
        if let Some((of_len, _)) = t.of.at(toks, unit_last + 1) {
            let c = unit_last + 1 + of_len;
            if toks.get(c).is_some_and(|x| content_word(t, x)) {
                last = c;
                what = toks[c].surface.to_string();
            }
        }
        return Some(Noun {
            last,
            what: Some(what),
            unit: Some(unit.clone()),
            known: true,
        });
    }
    let mut skipped = 0;
    while skipped < 2
        && toks
            .get(j)
            .is_some_and(|x| x.is_word() && t.modifiers.contains(&*x.norm))
    {
        j += 1;
        skipped += 1;
    }
    let head = toks.get(j)?;
    if !content_word(t, head) || t.not_count_nouns.contains(&*head.norm) {
        return None;
    }
    let known = t.nouns.contains_key(&*head.norm);
    let capital = head.surface.chars().next().is_some_and(char::is_uppercase);
    if capital && !known {
        return None;
    }
    let head_first = j;
    let mut last = j;
    if capital {
        // "three Attorneys General".
        while last + 1 < toks.len()
            && last < j + 2
            && toks[last + 1].is_word()
            && toks[last + 1].space_before
            && toks[last + 1]
                .surface
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && content_word(t, &toks[last + 1])
        {
            last += 1;
        }
    }
    // "gang members": a known counted noun after the head makes a compound.
    if !capital {
        while last < head_first + 2
            && toks.get(last + 1).is_some_and(|x| {
                x.space_before && t.nouns.contains_key(&*x.norm) && content_word(t, x)
            })
        {
            last += 1;
        }
    }
    // "members and associates": two known counted nouns.
    if toks.get(last + 1).is_some_and(|x| t.and.contains(&*x.norm))
        && toks
            .get(last + 2)
            .is_some_and(|x| t.nouns.contains_key(&*x.norm))
    {
        last += 2;
    }
    // "membres de cartels": a complement without article.
    if let Some((of_len, _)) = t.of.at(toks, last + 1) {
        let c = last + 1 + of_len;
        if toks.get(c).is_some_and(|x| {
            content_word(t, x)
                && (t.nouns.contains_key(&*x.norm)
                    || !x.surface.chars().next().is_some_and(char::is_uppercase))
        }) {
            last = c;
        }
    }
    let what = text[toks[head_first].start..toks[last].end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(Noun {
        last,
        what: Some(what),
        unit: None,
        known,
    })
}

/// A word that can head or complete a counted noun phrase.
fn content_word(t: &Tables, x: &Tok) -> bool {
    x.is_word()
        && x.norm.chars().count() >= 2
        && !t.stop_words.contains(&*x.norm)
        && !t.date_words.contains(&*x.norm)
        && !t.cardinals.contains_key(&*x.norm)
        && !t.scales.contains_key(&*x.norm)
        && !t.hundreds.contains_key(&*x.norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::segment::Segmenter;

    fn run(lang: Lang, text: &str) -> (Vec<CountMention>, Vec<MoneyMention>) {
        let segmented = Segmenter::new().unwrap().segment_in(text, Some(lang));
        CountExtractor::new()
            .unwrap()
            .extract(&segmented.view(text), &[], &[])
    }

    #[test]
    fn seed_shapes() {
        let (c, m) = run(
            Lang::EN,
            "They arrested eight individuals on February 13. MS-13 has around 5,000 members. \
             It costs between $10 million and $15 million. Executive Order 13773 was signed \
             in 2017 by the three Attorneys General of the FBI's Ten Most Wanted list.",
        );
        let got: Vec<(String, f64)> = c.iter().map(|x| (x.text.clone(), x.value.0)).collect();
        assert_eq!(
            got,
            vec![
                ("eight individuals".to_string(), 8.0),
                ("around 5,000 members".to_string(), 5000.0),
                ("three Attorneys General".to_string(), 3.0)
            ]
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].text, "between $10 million and $15 million");
        assert_eq!(m[0].value_max, Some(Quantity(15e6)));
        let (c, _) = run(
            Lang::FR,
            "Un groupe de 37 présumés membres de cartels, le 22 janvier, entre les deux pays.",
        );
        let got: Vec<(String, f64, Option<String>)> = c
            .iter()
            .map(|x| (x.text.clone(), x.value.0, x.what.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "37 présumés membres de cartels".to_string(),
                    37.0,
                    Some("membres de cartels".to_string())
                ),
                ("deux pays".to_string(), 2.0, Some("pays".to_string()))
            ]
        );
    }

    proptest::proptest! {
        /// Any text: no panic, and every span is on char boundaries and is its surface.
        #[test]
        fn spans_hold_on_any_text(
            text in "([0-9]{1,4}|[.,\\- /:%$€]|\u{a0}|\u{202f}| |one|hundred|dos|mil|millones|vingt|quatre|e|and|de|members|kilos|US|R|USD|million|dólares|[a-zA-Zéçñ’]{1,6}|\\PC){0,40}",
            lang in 0usize..5,
        ) {
            let l = [Lang::EN, Lang::ES, Lang::FR, Lang::PT, Lang("xx")][lang];
            let (c, m) = run(l, &text);
            for x in &c {
                proptest::prop_assert_eq!(text.get(x.start..x.end), Some(x.text.as_str()));
            }
            for x in &m {
                proptest::prop_assert_eq!(text.get(x.start..x.end), Some(x.text.as_str()));
            }
        }
    }
}
