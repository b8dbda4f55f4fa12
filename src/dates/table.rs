//! One language's date words (`src/languages/<code>/dates.toml`), compiled into a lexicon of
//! token phrases by category. The file format is documented at the top of every
//! `dates.toml`.

use super::calendar::Rule;
use super::token::phrase_tokens;
use crate::languages::{self, LanguageData};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

/// The file as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTable {
    day_first: bool,
    capitalized_names: bool,
    months: Vec<Vec<String>>,
    ambiguous_months: Vec<String>,
    weekdays: Vec<Vec<String>>,
    ambiguous_weekdays: Vec<String>,
    ordinal_suffixes: Vec<String>,
    articles: Vec<String>,
    day_words: Vec<String>,
    of_words: Vec<String>,
    range_from: Vec<String>,
    range_between: Vec<String>,
    range_to: Vec<String>,
    and_words: Vec<String>,
    approx: Vec<String>,
    early: Vec<String>,
    mid: Vec<String>,
    late: Vec<String>,
    spring: Vec<String>,
    summer: Vec<String>,
    autumn: Vec<String>,
    winter: Vec<String>,
    quarter_words: Vec<String>,
    ordinals: BTreeMap<String, i32>,
    relative_days: BTreeMap<String, i32>,
    relative_day_blockers: Vec<String>,
    nowadays_before: Vec<String>,
    day_units: Vec<String>,
    week_units: Vec<String>,
    month_units: Vec<String>,
    year_units: Vec<String>,
    weekend_units: Vec<String>,
    this_before: Vec<String>,
    last_before: Vec<String>,
    next_before: Vec<String>,
    this_after: Vec<String>,
    last_after: Vec<String>,
    next_after: Vec<String>,
    ago_before: Vec<String>,
    ago_after: Vec<String>,
    later_before: Vec<String>,
    later_after: Vec<String>,
    vague_before: Vec<String>,
    number_words: BTreeMap<String, i32>,
    prepositions: Vec<String>,
    publication_words: Vec<String>,
    year_words: Vec<String>,
    not_year_before: Vec<String>,
    not_year_after: Vec<String>,
    future_cues: Vec<String>,
    past_cues: Vec<String>,
    future_suffixes: Vec<String>,
    past_suffixes: Vec<String>,
    // composition (compose.rs)
    open_after: Vec<String>,
    open_from: Vec<String>,
    open_before: Vec<String>,
    open_until: Vec<String>,
    open_from_after: Vec<String>,
    open_until_after: Vec<String>,
    range_now: Vec<String>,
    shift_after: Vec<String>,
    shift_before: Vec<String>,
    rolling_next: Vec<String>,
    rolling_last: Vec<String>,
    period_links: Vec<String>,
    // grammar additions
    day_ordinals: BTreeMap<String, i32>,
    half_words: Vec<String>,
    week_of: Vec<String>,
    week_commencing: Vec<String>,
    decade_words: BTreeMap<String, i32>,
    decade_before: Vec<String>,
    holidays: BTreeMap<String, String>,
    not_calendar_year: Vec<String>,
    time_after_day: Vec<String>,
    time_letters_after_day: Vec<String>,
    hour_before: Vec<String>,
    first_of: Vec<String>,
    more_than: Vec<String>,
    less_than: Vec<String>,
    fortnight_units: Vec<String>,
    decade_units: Vec<String>,
    business_day_units: Vec<String>,
    within: Vec<String>,
    after_next_after: Vec<String>,
    weekend_by_tense: Vec<String>,
    century_words: Vec<String>,
    work_week_units: Vec<String>,
}

/// The number words of the language's `numbers.toml` (the counts stage's data), read again
/// here for spelled-out days and years ("twenty third", "dos mil veinte").
#[derive(Deserialize, Default)]
struct NumberWords {
    #[serde(default)]
    cardinals: BTreeMap<String, f64>,
    #[serde(default)]
    hundreds: BTreeMap<String, f64>,
    #[serde(default)]
    group_multipliers: BTreeMap<String, f64>,
    #[serde(default)]
    scales: BTreeMap<String, f64>,
    #[serde(default)]
    joiners: Vec<String>,
    #[serde(default)]
    additive_after: BTreeMap<String, f64>,
}

/// What a phrase of the table means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Cat {
    /// A month name; value 1..=12, flag: an abbreviation.
    Month,
    /// A weekday; value 0 (Monday) ..= 6, flag: an abbreviation.
    Weekday,
    Article,
    DayWord,
    Of,
    RangeFrom,
    RangeBetween,
    RangeTo,
    And,
    Approx,
    /// value 0 early, 1 mid, 2 late.
    Part,
    /// value 0 spring .. 3 winter.
    Season,
    Quarter,
    OrdinalWord,
    RelDay,
    RelDayBlocker,
    Nowadays,
    /// value 0 day, 1 week, 2 month, 3 year, 4 weekend, 5 fortnight, 6 decade, 7 work week.
    Unit,
    /// value -1 last, 0 this, 1 next.
    ModBefore,
    ModAfter,
    AgoBefore,
    AgoAfter,
    LaterBefore,
    LaterAfter,
    Vague,
    Number,
    Preposition,
    Publication,
    YearWord,
    NotYearBefore,
    NotYearAfter,
    FutureCue,
    PastCue,
    // composition (compose.rs)
    /// Before a date, opening a range: value 1 after it (exclusive), 0 from it on.
    OpenStart,
    /// Before a date, closing a range: value -1 before it (exclusive), 0 up to it.
    OpenEnd,
    /// After a date: "or later" (value 0, from it on), "or earlier" (value 1, up to it).
    OpenAfter,
    /// "now", "date" ("to date"): the reference day as the end of a range.
    Now,
    /// Between a count and a date: value 1 after ("two days after"), -1 before.
    Shift,
    /// Around a count of units: value 1 the next ("next 3 days"), -1 the last.
    Rolling,
    /// Between a weekday or day and the period that holds it: "of", "de la".
    PeriodLink,
    /// An ordinal day word: "eleventh", "primero"; value 1..=31.
    DayOrdinal,
    /// "half", "semestre".
    Half,
    /// Joins a week to the day it holds: "the week of April 10th".
    WeekOf,
    /// Introduces the week holding a day on its own: "w/c Feb 4".
    WeekCommencing,
    /// A decade name: "nineties" = 1990.
    DecadeWord,
    /// Before a decade number: "los años 90", "les années 1990".
    DecadeBefore,
    /// A holiday; value: index into [`LangTable::holiday_rules`].
    Holiday,
    /// A year right after one of these is a fiscal or school year, not a calendar date.
    NotCalendarYear,
    /// After a weekday and day, makes the number an hour: "am", "h" ("Friday 4 pm").
    TimeAfterDay,
    /// Like [`Cat::TimeAfterDay`] unless a word follows: "a" in "sexta-feira 23 a 4",
    /// not in "viernes 23 a las 4".
    TimeLetterAfterDay,
    /// Before an hour number, part of the time: "las" in "antes de las 4 p.m.".
    HourBefore,
    /// Before a count of units at the start of a period: "the first" in "the first 2 weeks
    /// of 2021".
    FirstOf,
    /// Before a count shifted from a date: value 1 "more than", -1 "less than".
    Bound,
    /// A business-day unit: "business days", "días hábiles" (only in rolling periods).
    BusinessDay,
    /// Before a count of units: the days from the reference up to that many units on.
    Within,
    /// "the weekend", "el fin de semana": the weekend the sentence's tense points to.
    WeekendByTense,
    /// "century", "siglo": after an ordinal, or around a Roman numeral.
    Century,
    /// A number word (cardinals of `numbers.toml`); value its value.
    Cardinal,
    /// A hundreds word: value 100.
    Hundred,
    /// A multiplier of the small group before it (French "quatre-vingt"); value.
    GroupMultiplier,
    /// A thousand word; value 1000 (larger scales are no years).
    Thousand,
    /// A word joining number words: "and", "y", "e", "et".
    NumberJoiner,
}

impl Cat {
    /// This category's bit in a [`CatSet`].
    pub const fn bit(self) -> CatSet {
        1 << self as u32
    }

    /// The categories [`super::parse::Parser::parse_at`] can begin a date with (its first
    /// token's; each rule of the grammar starts with one of these, with digits, or with one of
    /// the letter shapes `may_start_date` checks). A token of none of them is not tried.
    /// Kept by hand: `dates::tests::start_gates_skip_no_date` runs the grammar at every
    /// skipped token of the table cases and fixtures and fails when a date starts there.
    pub const DATE_START: CatSet = Cat::Approx.bit()
        | Cat::AgoBefore.bit()
        | Cat::LaterBefore.bit()
        | Cat::Vague.bit()
        | Cat::Part.bit()
        | Cat::RangeBetween.bit()
        | Cat::RangeFrom.bit()
        | Cat::DayWord.bit()
        | Cat::Article.bit()
        | Cat::ModBefore.bit()
        | Cat::Weekday.bit()
        | Cat::Month.bit()
        | Cat::Season.bit()
        | Cat::Holiday.bit()
        | Cat::Unit.bit()
        | Cat::Quarter.bit()
        | Cat::WeekCommencing.bit()
        | Cat::WeekendByTense.bit()
        | Cat::RelDay.bit()
        | Cat::YearWord.bit()
        | Cat::DecadeWord.bit()
        | Cat::DecadeBefore.bit()
        | Cat::Century.bit()
        | Cat::OrdinalWord.bit()
        | Cat::DayOrdinal.bit()
        | Cat::Number.bit()
        | Cat::Cardinal.bit()
        | Cat::Thousand.bit();

    /// Categories that can stand in a date only beside a word or number of another category
    /// ("the", "between", "early", "last", "ago", "of"...). A sentence whose tokens are all of
    /// these (and has no digits) holds no date, so the grammar is not run on it.
    pub const MODIFIERS: CatSet = Cat::Article.bit()
        | Cat::Of.bit()
        | Cat::RangeFrom.bit()
        | Cat::RangeBetween.bit()
        | Cat::RangeTo.bit()
        | Cat::And.bit()
        | Cat::Approx.bit()
        | Cat::Part.bit()
        | Cat::RelDayBlocker.bit()
        | Cat::ModBefore.bit()
        | Cat::ModAfter.bit()
        | Cat::AgoBefore.bit()
        | Cat::AgoAfter.bit()
        | Cat::LaterBefore.bit()
        | Cat::LaterAfter.bit()
        | Cat::Vague.bit()
        | Cat::Preposition.bit()
        | Cat::Publication.bit()
        | Cat::NotYearBefore.bit()
        | Cat::NotYearAfter.bit()
        | Cat::FutureCue.bit()
        | Cat::PastCue.bit()
        | Cat::OpenStart.bit()
        | Cat::OpenEnd.bit()
        | Cat::OpenAfter.bit()
        | Cat::Shift.bit()
        | Cat::Rolling.bit()
        | Cat::PeriodLink.bit()
        | Cat::WeekOf.bit()
        | Cat::WeekCommencing.bit()
        | Cat::DecadeBefore.bit()
        | Cat::NotCalendarYear.bit()
        | Cat::TimeAfterDay.bit()
        | Cat::TimeLetterAfterDay.bit()
        | Cat::BusinessDay.bit()
        | Cat::Within.bit()
        | Cat::NumberJoiner.bit();
}

/// A set of [`Cat`]s, one bit each.
pub(crate) type CatSet = u64;

// Every category must have a bit.
const _: () = assert!((Cat::NumberJoiner as u32) < CatSet::BITS);

/// The id of a folded token among a table's phrase words ([`LangTable::word`]).
pub(crate) type WordId = u32;

/// The id of a token that is no word of any phrase of the table.
pub(crate) const NO_WORD: WordId = WordId::MAX;

/// The phrases starting with one folded token, longest first, and the set of their categories
/// (the grammar asks "is there a phrase of category X here?" dozens of times per token; the set
/// answers no without comparing strings).
#[derive(Debug, Default)]
pub(crate) struct Starting {
    pub cats: CatSet,
    pub entries: Vec<Entry>,
}

/// One phrase of the lexicon.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The phrase's folded tokens, as word ids.
    pub words: Vec<WordId>,
    pub cat: Cat,
    pub val: i32,
    pub flag: bool,
}

/// A language's date knowledge, compiled.
#[derive(Debug, Default)]
pub(crate) struct LangTable {
    pub day_first: bool,
    pub capitalized_names: bool,
    /// Every folded token of every phrase, and its id. A sentence's tokens are looked up once
    /// ([`LangTable::word`]); the grammar then compares ids, not strings. (Fx hash: probed for
    /// every token of every sentence; hashed with `rustc_hash`.)
    words: FxHashMap<String, WordId>,
    /// The ids of the one-byte words (punctuation, digits, "a", "y"), by byte: one-byte
    /// tokens, common in every sentence, are answered without hashing. Empty when the table
    /// has no one-byte word.
    one_byte_words: Vec<WordId>,
    /// By word id: the entries starting with it, longest first.
    starting: Vec<Starting>,
    /// By word id: the categories of the phrases ending with it.
    ending: Vec<CatSet>,
    pub ambiguous: HashSet<String>,
    pub ordinal_suffixes: HashSet<String>,
    pub future_suffixes: Vec<String>,
    pub past_suffixes: Vec<String>,
    /// The last bytes of the future and past suffixes (a bit per byte value): a word ending
    /// otherwise ends with none of them.
    tense_suffix_ends: [u64; 4],
    /// Holiday rules, by the value of their [`Cat::Holiday`] entries.
    pub holiday_rules: Vec<Rule>,
    /// French-style additions after a tens word: (tens value, limit) — 60 + 10..19.
    pub additive_after: Vec<(i32, i32)>,
}

impl LangTable {
    /// A table with no words: only language-neutral shapes (ISO dates) are found with it.
    pub fn neutral() -> LangTable {
        LangTable::default()
    }

    /// Parse and compile one language's file.
    pub fn load(d: &LanguageData) -> Result<LangTable, String> {
        let raw: RawTable = languages::parse(d.lang, "dates.toml", d.dates)?;
        let err = |m: &str| format!("src/languages/{}/dates.toml: {m}", d.lang);
        if raw.months.len() != 12 {
            return Err(err("months must have 12 lists"));
        }
        if raw.weekdays.len() != 7 {
            return Err(err("weekdays must have 7 lists"));
        }
        let mut t = LangTable {
            day_first: raw.day_first,
            capitalized_names: raw.capitalized_names,
            ..LangTable::default()
        };
        for (i, names) in raw.months.iter().enumerate() {
            for (k, n) in names.iter().enumerate() {
                t.add(n, Cat::Month, i as i32 + 1, k > 0);
            }
        }
        for (i, names) in raw.weekdays.iter().enumerate() {
            for (k, n) in names.iter().enumerate() {
                t.add(n, Cat::Weekday, i as i32, k > 0);
            }
        }
        for w in raw.ambiguous_months.iter().chain(&raw.ambiguous_weekdays) {
            t.ambiguous.insert(phrase_tokens(w).join(" "));
        }
        for w in &raw.ordinal_suffixes {
            t.ordinal_suffixes.insert(phrase_tokens(w).join(""));
        }
        let lists: [(&Vec<String>, Cat, i32); 39] = [
            (&raw.articles, Cat::Article, 0),
            (&raw.day_words, Cat::DayWord, 0),
            (&raw.of_words, Cat::Of, 0),
            (&raw.range_from, Cat::RangeFrom, 0),
            (&raw.range_between, Cat::RangeBetween, 0),
            (&raw.range_to, Cat::RangeTo, 0),
            (&raw.and_words, Cat::And, 0),
            (&raw.approx, Cat::Approx, 0),
            (&raw.early, Cat::Part, 0),
            (&raw.mid, Cat::Part, 1),
            (&raw.late, Cat::Part, 2),
            (&raw.spring, Cat::Season, 0),
            (&raw.summer, Cat::Season, 1),
            (&raw.autumn, Cat::Season, 2),
            (&raw.winter, Cat::Season, 3),
            (&raw.quarter_words, Cat::Quarter, 0),
            (&raw.relative_day_blockers, Cat::RelDayBlocker, 0),
            (&raw.nowadays_before, Cat::Nowadays, 0),
            (&raw.day_units, Cat::Unit, 0),
            (&raw.week_units, Cat::Unit, 1),
            (&raw.month_units, Cat::Unit, 2),
            (&raw.year_units, Cat::Unit, 3),
            (&raw.weekend_units, Cat::Unit, 4),
            (&raw.this_before, Cat::ModBefore, 0),
            (&raw.last_before, Cat::ModBefore, -1),
            (&raw.next_before, Cat::ModBefore, 1),
            (&raw.this_after, Cat::ModAfter, 0),
            (&raw.last_after, Cat::ModAfter, -1),
            (&raw.next_after, Cat::ModAfter, 1),
            (&raw.ago_before, Cat::AgoBefore, 0),
            (&raw.ago_after, Cat::AgoAfter, 0),
            (&raw.later_before, Cat::LaterBefore, 0),
            (&raw.later_after, Cat::LaterAfter, 0),
            (&raw.vague_before, Cat::Vague, 0),
            (&raw.prepositions, Cat::Preposition, 0),
            (&raw.publication_words, Cat::Publication, 0),
            (&raw.year_words, Cat::YearWord, 0),
            (&raw.not_year_before, Cat::NotYearBefore, 0),
            (&raw.not_year_after, Cat::NotYearAfter, 0),
        ];
        for (words, cat, val) in lists {
            for w in words {
                t.add(w, cat, val, false);
            }
        }
        for (w, v) in &raw.ordinals {
            t.add(w, Cat::OrdinalWord, *v, false);
        }
        for (w, v) in &raw.relative_days {
            t.add(w, Cat::RelDay, *v, false);
        }
        for (w, v) in &raw.number_words {
            t.add(w, Cat::Number, *v, false);
        }
        for (words, val) in [
            (&raw.fortnight_units, 5),
            (&raw.decade_units, 6),
            (&raw.work_week_units, 7),
        ] {
            for w in words {
                t.add(w, Cat::Unit, val, false);
            }
        }
        // "the week after next": a modifier after the unit, two units on.
        for w in &raw.after_next_after {
            t.add(w, Cat::ModAfter, 2, false);
        }
        for w in &raw.future_cues {
            t.add(w, Cat::FutureCue, 0, false);
        }
        for w in &raw.past_cues {
            t.add(w, Cat::PastCue, 0, false);
        }
        // composition (compose.rs)
        let compose: [(&Vec<String>, Cat, i32); 14] = [
            (&raw.open_after, Cat::OpenStart, 1),
            (&raw.open_from, Cat::OpenStart, 0),
            (&raw.open_before, Cat::OpenEnd, -1),
            (&raw.open_until, Cat::OpenEnd, 0),
            (&raw.open_from_after, Cat::OpenAfter, 0),
            (&raw.open_until_after, Cat::OpenAfter, 1),
            (&raw.range_now, Cat::Now, 0),
            (&raw.shift_after, Cat::Shift, 1),
            (&raw.shift_before, Cat::Shift, -1),
            (&raw.rolling_next, Cat::Rolling, 1),
            (&raw.rolling_last, Cat::Rolling, -1),
            (&raw.period_links, Cat::PeriodLink, 0),
            (&raw.more_than, Cat::Bound, 1),
            (&raw.less_than, Cat::Bound, -1),
        ];
        for (words, cat, val) in compose {
            for w in words {
                t.add(w, cat, val, false);
            }
        }
        // Suffixes compare with the lower-cased surface, accents kept ("rá" is not "ra").
        t.future_suffixes = raw
            .future_suffixes
            .iter()
            .map(|s| s.to_lowercase())
            .collect();
        t.past_suffixes = raw.past_suffixes.iter().map(|s| s.to_lowercase()).collect();
        for suffix in t.future_suffixes.iter().chain(&t.past_suffixes) {
            match suffix.as_bytes().last() {
                Some(&b) => t.tense_suffix_ends[usize::from(b >> 6)] |= 1 << (b & 63),
                // Every word ends with an empty suffix.
                None => t.tense_suffix_ends = [u64::MAX; 4],
            }
        }
        for (w, v) in &raw.day_ordinals {
            t.add(w, Cat::DayOrdinal, *v, false);
        }
        for (words, cat) in [
            (&raw.half_words, Cat::Half),
            (&raw.week_of, Cat::WeekOf),
            (&raw.week_commencing, Cat::WeekCommencing),
            (&raw.decade_before, Cat::DecadeBefore),
            (&raw.not_calendar_year, Cat::NotCalendarYear),
            (&raw.time_after_day, Cat::TimeAfterDay),
            (&raw.time_letters_after_day, Cat::TimeLetterAfterDay),
            (&raw.hour_before, Cat::HourBefore),
            (&raw.first_of, Cat::FirstOf),
            (&raw.business_day_units, Cat::BusinessDay),
            (&raw.within, Cat::Within),
            (&raw.weekend_by_tense, Cat::WeekendByTense),
            (&raw.century_words, Cat::Century),
        ] {
            for w in words {
                t.add(w, cat, 0, false);
            }
        }
        for (w, v) in &raw.decade_words {
            t.add(w, Cat::DecadeWord, *v, false);
        }
        for (w, rule) in &raw.holidays {
            let rule = Rule::parse(rule)
                .ok_or_else(|| err(&format!("holiday {w:?}: bad rule {rule:?}")))?;
            t.add(w, Cat::Holiday, t.holiday_rules.len() as i32, false);
            t.holiday_rules.push(rule);
        }
        let nums: NumberWords = languages::parse(d.lang, "numbers.toml", d.numbers)?;
        for (w, v) in &nums.cardinals {
            t.add(w, Cat::Cardinal, *v as i32, false);
        }
        for w in nums.hundreds.keys() {
            t.add(w, Cat::Hundred, 100, false);
        }
        for (w, v) in &nums.group_multipliers {
            t.add(w, Cat::GroupMultiplier, *v as i32, false);
        }
        for (w, v) in &nums.scales {
            if *v == 1000.0 {
                t.add(w, Cat::Thousand, 1000, false);
            }
        }
        for w in &nums.joiners {
            t.add(w, Cat::NumberJoiner, 0, false);
        }
        for (k, v) in &nums.additive_after {
            if let Ok(k) = k.parse::<i32>() {
                t.additive_after.push((k, *v as i32));
            }
        }
        for s in &mut t.starting {
            s.entries.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
            s.cats = s.entries.iter().fold(0, |m, e| m | e.cat.bit());
        }
        Ok(t)
    }

    fn add(&mut self, phrase: &str, cat: Cat, val: i32, flag: bool) {
        let words: Vec<WordId> = phrase_tokens(phrase)
            .into_iter()
            .map(|w| self.word_or_add(w))
            .collect();
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
            return;
        };
        self.ending[last as usize] |= cat.bit();
        self.starting[first as usize].entries.push(Entry {
            words,
            cat,
            val,
            flag,
        });
    }

    /// The id of phrase word `w`, given the next id if it has none yet.
    fn word_or_add(&mut self, w: String) -> WordId {
        let next = WordId::try_from(self.words.len()).expect("fewer than 2^32 words");
        if let [b] = *w.as_bytes() {
            if self.one_byte_words.is_empty() {
                self.one_byte_words = vec![NO_WORD; 128];
            }
            // A one-byte string is one ASCII byte; its id is `next` or the one it has.
            self.one_byte_words[usize::from(b)] = self.words.get(&w).copied().unwrap_or(next);
        }
        let id = *self.words.entry(w).or_insert(next);
        if id == next {
            self.starting.push(Starting::default());
            self.ending.push(0);
        }
        id
    }

    /// False when no future or past suffix ends with byte `b`.
    pub fn may_end_tense_suffix(&self, b: u8) -> bool {
        self.tense_suffix_ends[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    /// The word id of folded token `norm`, [`NO_WORD`] when no phrase has it.
    pub fn word(&self, norm: &str) -> WordId {
        if let [b] = *norm.as_bytes() {
            return self
                .one_byte_words
                .get(usize::from(b))
                .copied()
                .unwrap_or(NO_WORD);
        }
        self.words.get(norm).copied().unwrap_or(NO_WORD)
    }

    /// Entries whose first token is word `w`, longest first.
    pub fn starting_with(&self, w: WordId) -> &[Entry] {
        self.starting(w).map_or(&[], |s| s.entries.as_slice())
    }

    /// Entries whose first token is word `w`, with their categories.
    pub fn starting(&self, w: WordId) -> Option<&Starting> {
        self.starting.get(w as usize)
    }

    /// True when the table knows any phrase of category `cat` ending with word `w`.
    pub fn ends_with(&self, cat: Cat, w: WordId) -> bool {
        self.ending
            .get(w as usize)
            .is_some_and(|cats| cats & cat.bit() != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-byte shortcut of [`LangTable::word`] answers as the word map does.
    #[test]
    fn one_byte_words_agree_with_the_map() {
        let mut known = 0;
        for d in crate::languages::LANGUAGES {
            let t = LangTable::load(d).unwrap();
            for b in 0..128u8 {
                let w = char::from(b).to_string();
                let want = t.words.get(&w).copied().unwrap_or(NO_WORD);
                assert_eq!(t.word(&w), want, "{}: {w:?}", d.lang);
                known += usize::from(want != NO_WORD);
            }
        }
        assert!(known > 0, "no one-byte words in any table");
        assert_eq!(LangTable::neutral().word(","), NO_WORD);
    }
}
