//! The date grammar: token sequences to date expressions, before any resolution.
//!
//! [`Parser::parse_at`] tries, at one token, every shape the language table allows and
//! keeps the longest: absolute points (ISO, numeric, day-month-year in either order,
//! month-year, bare months and years, seasons, quarters and halves, weeks, holidays, decades,
//! days and years in words), ranges and lists of them,
//! parts ("early March"), approximations ("around 2014") and relative expressions
//! ("last week", "el pasado martes", "il y a trois jours"). Words that only introduce a date
//! ("from", "between", articles, prepositions) are consumed but left out of the span.

use super::calendar::{valid, Rule};
use super::table::{Cat, CatSet, Entry, LangTable, WordId};
use super::token::{Kind, Tok};

/// The categories a number in words can start with ([`Parser::word_number`]).
const NUMBER_WORD_START: CatSet = Cat::Cardinal.bit() | Cat::Thousand.bit();

/// A calendar point, possibly partial (no year, no day).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Pt {
    pub y: Option<i32>,
    pub m: Option<u32>,
    pub d: Option<u32>,
    /// 0 spring .. 3 winter.
    pub season: Option<u8>,
    /// 1..=4.
    pub quarter: Option<u8>,
    /// A decade ("the 1990s"): `y` is its first year.
    pub decade: bool,
    /// A century ("the 15th century", "siglo XV"): `y` is its first year (1400).
    pub century: bool,
    /// The weekday the text names with a day of an unnamed month ("martes 6").
    pub weekday: Option<u32>,
    /// 1 or 2: a half year ("2019 H2", "primer semestre de 2019").
    pub half: Option<u8>,
    /// A week: with `m`, the nth week of that month (the weeks whose Thursday falls in it);
    /// without, ISO week n of the year; -1 the last such week; 0 the week holding `m`/`d`.
    pub week: Option<i8>,
    /// A holiday whose date depends on the year ("Easter", "Thanksgiving"), kept until the
    /// year is known.
    pub rule: Option<Rule>,
    /// The weekend around a holiday ("labor day weekend"): the holiday and the Saturday
    /// and Sunday next to it.
    pub weekend: bool,
    /// "last Easter" (-1), "this Christmas" (0), "next Easter" (1): which occurrence of a
    /// holiday around the reference date.
    pub step: Option<i8>,
}

impl Pt {
    /// A full calendar day, when it exists ("2019-02-30" does not).
    fn day(y: i32, m: u32, d: u32) -> Option<Pt> {
        valid(Some(y), m, d).then(|| Pt {
            y: Some(y),
            m: Some(m),
            d: Some(d),
            ..Pt::default()
        })
    }

    fn kind(&self) -> (bool, bool, bool, bool, bool, bool, bool) {
        (
            self.m.is_some(),
            self.d.is_some(),
            self.season.is_some(),
            self.quarter.is_some(),
            self.decade,
            self.half.is_some(),
            self.week.is_some() || self.rule.is_some() || self.weekend,
        )
    }

    /// Sort key when the year is known.
    fn key(&self) -> (i32, u32, u32, u8, u8) {
        (
            self.y.unwrap_or(0),
            self.m.unwrap_or(0),
            self.d.unwrap_or(0),
            self.season.unwrap_or(0),
            self.quarter.unwrap_or(0),
        )
    }

    /// True when `next` is the unit right after this one (consecutive days, months, years).
    fn next_is(&self, next: &Pt) -> bool {
        let plain = |p: &Pt| {
            p.season.is_none()
                && p.quarter.is_none()
                && p.half.is_none()
                && p.week.is_none()
                && p.rule.is_none()
                && !p.decade
                && !p.century
        };
        if !plain(self) || !plain(next) {
            return false;
        }
        match (self.d, next.d, self.m, next.m) {
            (Some(a), Some(b), Some(m1), Some(m2)) => m1 == m2 && b == a + 1,
            (None, None, Some(a), Some(b)) => b == a + 1,
            (None, None, None, None) => match (self.y, next.y) {
                (Some(a), Some(b)) => b == a + 1,
                _ => false,
            },
            _ => false,
        }
    }
}

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
    Quarter,
    Weekend,
    /// Two weeks: "in a fortnight", "the past fortnight".
    Fortnight,
    /// Ten years: "the next decade".
    Decade,
    /// Monday to Friday: "this working week".
    WorkWeek,
}

impl Unit {
    fn from_val(v: i32) -> Unit {
        match v {
            0 => Unit::Day,
            1 => Unit::Week,
            2 => Unit::Month,
            4 => Unit::Weekend,
            5 => Unit::Fortnight,
            6 => Unit::Decade,
            7 => Unit::WorkWeek,
            _ => Unit::Year,
        }
    }

    /// The unit's English name, for `relative`.
    pub fn name(&self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
            Unit::Quarter => "quarter",
            Unit::Weekend => "weekend",
            Unit::Fortnight => "fortnight",
            Unit::Decade => "decade",
            Unit::WorkWeek => "work-week",
        }
    }
}

/// A date relative to the reference date. Modifiers: -1 last, 0 this, 1 next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    /// today + n days.
    Day(i32),
    /// A weekday (Monday = 0), bare or with a modifier.
    Weekday(u32, Option<i32>),
    /// this/last/next week, month, year.
    Unit(Unit, i32),
    /// n units from the reference (negative: ago).
    Shift(Unit, i32),
    /// last March, next April.
    Month(u32, i32),
    /// last summer.
    Season(u8, i32),
    /// "the weekend": the last one in past-tense text, else the reference week's.
    WeekendByTense,
}

/// A parsed expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expr {
    Point(Pt),
    Range(Pt, Pt),
    Rel(Rel),
}

/// One date found, in token indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    /// 0 early, 1 mid, 2 late.
    pub part: Option<u8>,
    pub approx: bool,
    /// "earlier" in "earlier this month".
    pub vague: bool,
}

impl Cand {
    fn new(start: usize, end: usize, expr: Expr) -> Cand {
        Cand {
            start,
            end,
            expr,
            part: None,
            approx: false,
            vague: false,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No opening word: a range by a to-word, a list by an and-word.
    Plain,
    /// After "from": only to-words.
    From,
    /// After "between": only and-words.
    Between,
}

struct MonthHit {
    end: usize,
    m: u32,
    abbr: bool,
    ambiguous: bool,
}

/// The grammar over one sentence's tokens.
pub(crate) struct Parser<'a> {
    pub t: &'a LangTable,
    pub toks: &'a [Tok<'a>],
    /// Numeric dates read day first.
    pub day_first: bool,
    /// Each token's word id in the table ([`LangTable::word`]), looked up once: phrases are
    /// compared by id.
    words: Vec<WordId>,
    /// The categories of the table entries starting with each token, looked up once: the
    /// grammar asks at every position it tries, dozens of times per token, and the entries
    /// themselves only where a category matches ([`Parser::entries_at`]).
    cats: Vec<CatSet>,
    /// Every category any token starts: a pass that needs a phrase of one is skipped on a
    /// sentence without it.
    all_cats: CatSet,
}

impl<'a> Parser<'a> {
    /// A parser over `toks` with the words of `t`.
    pub fn new(t: &'a LangTable, toks: &'a [Tok<'a>], day_first: bool) -> Parser<'a> {
        let mut words = Vec::with_capacity(toks.len());
        let mut cats = Vec::with_capacity(toks.len());
        for tok in toks {
            let w = t.word(&tok.norm);
            words.push(w);
            cats.push(t.starting(w).map_or(0, |s| s.cats));
        }
        let all_cats = cats.iter().fold(0, |all, c| all | c);
        Parser {
            t,
            toks,
            day_first,
            words,
            cats,
            all_cats,
        }
    }

    /// True when a phrase of category `cat` may start somewhere in the sentence.
    pub fn holds(&self, cat: Cat) -> bool {
        self.all_cats & cat.bit() != 0
    }

    /// False when no date can start anywhere in the sentence: it has no digits and no word or
    /// phrase that names a time on its own (only modifiers like "the", "last", "early"). Few
    /// sentences of a report are like that (5% of the bench corpus's: "year", "day" and the
    /// number words are common); [`Parser::may_start_date`] is the gate that skips work.
    pub fn may_hold_date(&self) -> bool {
        self.toks.iter().any(|t| t.kind == Kind::Num) || self.all_cats & !Cat::MODIFIERS != 0
    }

    /// False when no date can start at token `i`: every rule of the grammar begins with digits,
    /// with a phrase of a category in [`Cat::DATE_START`], or with a letter glued to digits
    /// ("q1-2019") or a Roman numeral before a century word, so a plain word ("police",
    /// "said") or a word that only links or follows a date ("in", "and", "ago") starts none,
    /// nor does a number that counts a plain word ([`Parser::counts_something`]).
    /// The grammar tries dozens of rules at each start.
    pub fn may_start_date(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        (t.kind == Kind::Num && !self.counts_something(i))
            || self.cats[i] & Cat::DATE_START != 0
            || self
                .toks
                .get(i + 1)
                .is_some_and(|n| n.glued && n.kind == Kind::Num)
            || self
                .cats
                .get(i + 1)
                .is_some_and(|&c| c & Cat::Century.bit() != 0)
    }

    /// True when the number at `i` is followed by a word apart from it, or a percent sign, a
    /// comma, a semicolon, a colon or a closing parenthesis, that starts no phrase of the
    /// table ("5 people", "12 %", "(5)"): every shape a number begins needs a date separator
    /// glued to it (numeric dates, "1st", "1.º", "H2"), a phrase of the table next
    /// (a month, unit, of_word or connector: "5 May", "3 days ago", "5 and 6 May") or another
    /// number (spaced dates), unless the number is a year or eight digits ("2019 was",
    /// "20190512"); so no date starts there. A number that starts a table phrase is tried.
    fn counts_something(&self, i: usize) -> bool {
        let (t, Some(n)) = (&self.toks[i], self.toks.get(i + 1)) else {
            return false;
        };
        self.cats[i] == 0
            && !matches!(t.digits(), 4 | 8)
            && self.cats[i + 1] == 0
            && ((n.kind == Kind::Word && !n.glued)
                || (n.kind == Kind::Punct
                    && matches!(n.norm.as_str(), "%" | "," | ";" | ":" | ")")))
    }

    fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.toks.get(i)
    }

    /// The longest phrase of category `cat` starting at token `i`: (end, value, flag).
    #[inline]
    pub fn lex(&self, cat: Cat, i: usize) -> Option<(usize, i32, bool)> {
        // The grammar asks this at nearly every step and the token's category set answers
        // most asks: that test is inlined into the callers, the phrase comparison is not.
        if self.cats.get(i).map_or(true, |&c| c & cat.bit() == 0) {
            return None;
        }
        self.lex_phrase(cat, i)
    }

    /// [`Parser::lex`] once token `i` starts some phrase of `cat`.
    #[inline(never)]
    fn lex_phrase(&self, cat: Cat, i: usize) -> Option<(usize, i32, bool)> {
        self.entries_at(i)
            .iter()
            .filter(|e| e.cat == cat)
            .find_map(|e| self.entry_end(e, i).map(|end| (end, e.val, e.flag)))
    }

    /// The table entries starting with token `i`, longest first.
    fn entries_at(&self, i: usize) -> &'a [Entry] {
        self.t.starting_with(self.words[i])
    }

    /// The token after entry `e` when its phrase is at token `i`.
    fn entry_end(&self, e: &Entry, i: usize) -> Option<usize> {
        let end = i + e.words.len();
        let here =
            end <= self.words.len() && e.words.iter().zip(&self.words[i..end]).all(|(a, b)| a == b);
        here.then_some(end)
    }

    /// True when a phrase of the table, of any category, ends right at token `end`.
    fn ends_phrase(&self, end: usize) -> bool {
        (end.saturating_sub(6)..end).any(|j| {
            self.entries_at(j)
                .iter()
                .any(|e| self.entry_end(e, j) == Some(end))
        })
    }

    fn prev_is(&self, cat: Cat, i: usize) -> bool {
        i > 0 && self.t.ends_with(cat, self.words[i - 1])
    }

    fn punct(&self, i: usize, set: &[&str]) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Punct && set.contains(&t.norm.as_str()))
    }

    fn glued_punct(&self, i: usize, set: &[&str]) -> bool {
        self.punct(i, set) && self.toks[i].glued
    }

    fn skip_article(&self, i: usize) -> usize {
        self.lex(Cat::Article, i).map_or(i, |(j, _, _)| j)
    }

    /// A day number 1..=31, with a glued ordinal suffix.
    fn day(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.digits() > 2 {
            return None;
        }
        let d = t.num?;
        if !(1..=31).contains(&d) {
            return None;
        }
        // The end of a time or a number: "12:30", "3.5" (not "says:30 December").
        if t.glued
            && i > 1
            && matches!(self.toks[i - 1].norm.as_str(), ":" | "." | "," | "/")
            && self.toks[i - 1].glued
            && self.toks[i - 2].kind == Kind::Num
        {
            return None;
        }
        // An amount: "$12 December 27".
        if i > 0 && self.toks[i - 1].kind == Kind::Punct && self.prev_is(Cat::NotYearBefore, i) {
            return None;
        }
        let mut j = i + 1;
        // "1.º": a period before the suffix.
        if self.glued_punct(j, &["."])
            && self.tok(j + 1).is_some_and(|n| {
                n.glued && n.kind == Kind::Word && self.t.ordinal_suffixes.contains(n.norm.as_str())
            })
        {
            j += 1;
        }
        if let Some(n) = self.tok(j) {
            if n.glued && n.kind == Kind::Word && self.t.ordinal_suffixes.contains(n.norm.as_str())
            {
                j += 1;
            }
        }
        // Part of a time, a decimal, a thousands group or a day/month pair: "10:30", "3.5",
        // "1,000", "1/10".
        if self.glued_punct(j, &[":", ",", ".", "/"])
            && self
                .tok(j + 1)
                .is_some_and(|x| x.glued && x.kind == Kind::Num)
        {
            return None;
        }
        if self.glued_punct(j, &["%"]) {
            return None;
        }
        Some((j, d))
    }

    /// The folded words `i..end`, joined by spaces (as ambiguous words are stored).
    fn words(&self, i: usize, end: usize) -> String {
        let words: Vec<&str> = self.toks[i..end].iter().map(|t| t.norm.as_str()).collect();
        words.join(" ")
    }

    /// True when the words `i..end` are listed as ambiguous; one word is looked up as it is.
    fn ambiguous(&self, i: usize, end: usize) -> bool {
        if end == i + 1 {
            self.t.ambiguous.contains(self.toks[i].norm.as_str())
        } else {
            self.t.ambiguous.contains(&self.words(i, end))
        }
    }

    fn month(&self, i: usize) -> Option<MonthHit> {
        let (mut end, m, abbr) = self.lex(Cat::Month, i)?;
        let ambiguous = abbr || self.ambiguous(i, end);
        if abbr && self.glued_punct(end, &["."]) {
            end += 1;
        }
        Some(MonthHit {
            end,
            m: m as u32,
            abbr,
            ambiguous,
        })
    }

    fn weekday(&self, i: usize) -> Option<(usize, u32, bool)> {
        let (mut end, wd, abbr) = self.lex(Cat::Weekday, i)?;
        let ambiguous = abbr || self.ambiguous(i, end);
        if abbr && self.glued_punct(end, &["."]) {
            end += 1;
        }
        Some((end, wd as u32, ambiguous))
    }

    /// A four-digit year 1000..=2999.
    fn year4(&self, i: usize) -> Option<(usize, i32)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.digits() != 4 {
            return None;
        }
        let y = t.num? as i32;
        if !(1000..=2999).contains(&y) {
            return None;
        }
        // Followed by letters ("2019abc") or another number ("2019.5", "2019-123").
        if let Some(n) = self.tok(i + 1) {
            if n.glued && n.kind == Kind::Word {
                return None;
            }
        }
        if self.glued_punct(i + 1, &[".", ",", ":", "-", "/"])
            && self
                .tok(i + 2)
                .is_some_and(|x| x.glued && x.kind == Kind::Num)
        {
            return None;
        }
        if self.lex(Cat::NotYearAfter, i + 1).is_some() {
            return None;
        }
        Some((i + 1, y))
    }

    /// `[,] [of] YYYY` after a day or month; also a year in words ("nineteen eighty six",
    /// "dos mil veinte") and a two-digit year where no day can stand: after "of"/"de" or an
    /// apostrophe ("April of 87", "maio de 68", "'87"), or above 31 ("23 novembro 82").
    fn year_tail(&self, i: usize) -> Option<(usize, i32)> {
        let mut k = i;
        if self.punct(k, &[","]) || self.glued_punct(k, &["-", "/"]) {
            k += 1;
        }
        let mut of = false;
        if let Some((j, _, _)) = self.lex(Cat::Of, k) {
            k = j;
            of = true;
        }
        if let Some(hit) = self.year4(k) {
            return Some(hit);
        }
        if let Some(hit) = self.word_year(k) {
            return Some(hit);
        }
        let apostrophe = self.punct(k, &["'", "’"]);
        let n = if apostrophe { k + 1 } else { k };
        let t = self.tok(n)?;
        if t.kind != Kind::Num || t.digits() != 2 || (apostrophe && !t.glued) {
            return None;
        }
        let v = t.num? as i32;
        if !(of || apostrophe || v > 31) {
            return None;
        }
        if self.tok(n + 1).is_some_and(|x| {
            x.glued && (x.kind != Kind::Punct || self.tok(n + 2).is_some_and(|y| y.glued))
        }) || self.lex(Cat::NotYearAfter, n + 1).is_some()
        {
            return None;
        }
        Some((n + 1, two_digit_year(v)))
    }

    /// A number in words: "twenty three", "two thousand and fifteen", "nineteen hundred
    /// ninety three", "quatre-vingt-dix", "vinte e três". Composed from the number words of
    /// the language's `numbers.toml`; stops where a word cannot continue the number.
    #[inline]
    fn word_number(&self, i: usize) -> Option<(usize, i32)> {
        // Its first word is a cardinal or a thousand word (the other number words only
        // continue one): most tokens are neither, and this test, inlined into the many
        // callers, answers them without a call.
        if self.cats.get(i)? & NUMBER_WORD_START == 0 {
            return None;
        }
        self.word_number_from(i)
    }

    /// [`Parser::word_number`] once token `i` starts a cardinal or a thousand word.
    #[inline(never)]
    fn word_number_from(&self, i: usize) -> Option<(usize, i32)> {
        let (mut total, mut group, mut last) = (0i32, 0i32, 0i32);
        let mut thousand = false;
        let mut end = None;
        let mut j = i;
        loop {
            let mut k = j;
            if end.is_some() {
                if self.glued_punct(k, &["-"]) {
                    k += 1;
                } else if let Some((e, _, _)) = self.lex(Cat::NumberJoiner, k) {
                    k = e;
                }
            }
            if let Some((e, v, _)) = self.lex(Cat::Cardinal, k) {
                let starts = last == 0 && group % 100 == 0 && (group == 0 || v < 100);
                let adds = last > 0
                    && v > 0
                    && v < last
                    && (v < place(last)
                        || self
                            .t
                            .additive_after
                            .iter()
                            .any(|&(after, below)| after == last && v < below));
                if starts || adds {
                    group += v;
                    last = v;
                    end = Some(e);
                    j = e;
                    continue;
                }
            }
            if end.is_some() {
                if let Some((e, v, _)) = self.lex(Cat::GroupMultiplier, k) {
                    if last > 0 && last < 10 && group == last + group / 100 * 100 {
                        group = group - last + last * v;
                        last *= v;
                        end = Some(e);
                        j = e;
                        continue;
                    }
                }
                if let Some((e, _, _)) = self.lex(Cat::Hundred, k) {
                    if (1..100).contains(&group) {
                        group *= 100;
                        last = 0;
                        end = Some(e);
                        j = e;
                        continue;
                    }
                }
            }
            if let Some((e, _, _)) = self.lex(Cat::Thousand, k) {
                if !thousand && total == 0 {
                    total = group.max(1) * 1000;
                    group = 0;
                    last = 0;
                    thousand = true;
                    end = Some(e);
                    j = e;
                    continue;
                }
            }
            break;
        }
        end.map(|e| (e, total + group))
    }

    /// A year in words: "two thousand and fifteen", "nineteen eighty six", "dix-neuf
    /// soixante-douze", "dos mil veinte".
    fn word_year(&self, i: usize) -> Option<(usize, i32)> {
        let (e, n) = self.word_number(i)?;
        let (e, y) = if (1000..=2999).contains(&n) {
            (e, n)
        } else if (10..=29).contains(&n) {
            let k = if self.glued_punct(e, &["-"]) {
                e + 1
            } else {
                e
            };
            let (e2, n2) = self.word_number(k)?;
            if !(10..=99).contains(&n2) {
                return None;
            }
            (e2, n * 100 + n2)
        } else {
            return None;
        };
        if self.lex(Cat::NotYearAfter, e).is_some() || self.lex(Cat::Unit, e).is_some() {
            return None;
        }
        Some((e, y))
    }

    /// A day written as a word: "eleventh", "twenty second", "thirty-first", "primero",
    /// "vingt-trois", "veintitrés". The flag says it is an ordinal.
    fn word_day(&self, i: usize) -> Option<(usize, u32, bool)> {
        let ordinal = |k: usize| {
            self.lex(Cat::DayOrdinal, k)
                .or_else(|| self.lex(Cat::OrdinalWord, k))
        };
        if let Some((e, v, _)) = ordinal(i) {
            return (1..=31).contains(&v).then_some((e, v as u32, true));
        }
        if let Some((e, tens, _)) = self.lex(Cat::Cardinal, i) {
            if tens == 20 || tens == 30 {
                let k = if self.glued_punct(e, &["-"]) {
                    e + 1
                } else {
                    e
                };
                if let Some((e2, v, _)) = ordinal(k) {
                    if (1..10).contains(&v) && tens + v <= 31 {
                        return Some((e2, (tens + v) as u32, true));
                    }
                }
            }
        }
        let (e, v) = self.word_number(i)?;
        if !(1..=31).contains(&v) || self.lex(Cat::NotYearAfter, e).is_some() {
            return None;
        }
        Some((e, v as u32, false))
    }

    /// A day in digits or words.
    fn day_any(&self, i: usize) -> Option<(usize, u32)> {
        self.day(i)
            .or_else(|| self.word_day(i).map(|(e, d, _)| (e, d)))
    }

    /// A year standing alone (or after "the year", "el año"), or a decade ("the 1990s").
    fn standalone_year(&self, i: usize) -> Option<(usize, Pt)> {
        let yw = self.lex(Cat::YearWord, i);
        let k = yw.map_or(i, |(j, _, _)| j);
        let t = self.tok(k)?;
        if t.kind != Kind::Num || t.digits() != 4 {
            return None;
        }
        let y = t.num? as i32;
        let lo = if yw.is_some() { 1000 } else { 1800 };
        if !(lo..=2199).contains(&y) {
            return None;
        }
        if k > 0 {
            let p = &self.toks[k - 1];
            // Glued only to an opening bracket or quote, or to the dash of "mid-2024".
            let part_dash = p.norm == "-" && self.prev_is(Cat::Part, k - 1);
            if t.glued && !part_dash && !matches!(p.norm.as_str(), "(" | "[" | "\"" | "'" | "«") {
                return None;
            }
            if yw.is_none() && (p.kind == Kind::Num || self.prev_is(Cat::NotYearBefore, k)) {
                return None;
            }
            // "Operación Frontera 2025", "Agenda 2030", "Euro 2024": a year after a capitalized
            // word that is no word of the table (not "March 2025", "Christmas 2024", "In
            // 2025") ends a name. The first word of a sentence is capitalized anyway.
            if yw.is_none()
                && k >= 2
                && p.kind == Kind::Word
                && p.upper
                && !t.glued
                && !self.ends_phrase(k)
            {
                return None;
            }
            // "32 - 2015", "2015 - 32": one number of a pair, not a year.
            // (A day or month next to it may be a spaced date: "2016 - 12 - 22".)
            let not_day =
                |x: &Tok| x.kind == Kind::Num && x.digits() != 4 && x.num.is_some_and(|v| v > 31);
            let num_dash_before = p.norm == "-" && k > 1 && not_day(&self.toks[k - 2]);
            let num_dash_after = self.punct(k + 1, &["-"]) && self.tok(k + 2).is_some_and(not_day);
            if yw.is_none() && (num_dash_before || num_dash_after) {
                return None;
            }
            // "fiscal year 2008", "FY 2008", "año fiscal de 2008": not a calendar year.
            let before_year_word = |k: usize| {
                k > 1
                    && self.prev_is(Cat::YearWord, k)
                    && self.t.ends_with(Cat::NotCalendarYear, self.words[k - 2])
            };
            if self.prev_is(Cat::NotCalendarYear, i)
                || before_year_word(k)
                || self.prev_is(Cat::NotCalendarYear, k)
                || (self.prev_is(Cat::Of, k)
                    && k > 1
                    && self.t.ends_with(Cat::NotCalendarYear, self.words[k - 2]))
            {
                return None;
            }
            // "No. 2017", "art. 2017"
            if yw.is_none()
                && p.norm == "."
                && k > 1
                && self.t.ends_with(Cat::NotYearBefore, self.words[k - 2])
            {
                return None;
            }
        }
        // A decade: "1990s", "1990's".
        if y % 10 == 0 {
            if let Some(n) = self.tok(k + 1) {
                if n.glued && n.norm == "s" {
                    return Some((k + 2, decade(y)));
                }
                // "1990 s": the s apart, nothing after it.
                if n.norm == "s" && self.tok(k + 2).map_or(true, |x| x.kind == Kind::Punct) {
                    return Some((k + 2, decade(y)));
                }
                if n.glued
                    && n.norm == "'"
                    && self.tok(k + 2).is_some_and(|s| s.glued && s.norm == "s")
                {
                    return Some((k + 3, decade(y)));
                }
            }
        }
        let (e, y) = self.year4(k)?;
        Some((
            e,
            Pt {
                y: Some(y),
                ..Pt::default()
            },
        ))
    }

    /// A year in words after a preposition: "in nineteen ninety six", "en dos mil veinte".
    /// Only years 1900..=2099 of at least two words that are not a round hundred: "in two
    /// thousand" is a count more often than the year 2000.
    fn word_year_alone(&self, i: usize) -> Option<(usize, Pt)> {
        if !self.prev_is(Cat::Preposition, i) {
            return None;
        }
        let (e, y) = self.word_year(i)?;
        if e < i + 2 || !(1900..=2099).contains(&y) || y % 100 == 0 {
            return None;
        }
        Some((
            e,
            Pt {
                y: Some(y),
                ..Pt::default()
            },
        ))
    }

    /// ISO and numeric dates: 2025-03-04, 04/03/2025, 6-jul-2018, 2025-03.
    fn numeric(&self, i: usize) -> Option<(usize, Pt)> {
        let a = self.tok(i)?;
        if a.kind != Kind::Num {
            return None;
        }
        // "case 2018-10-7", "No. 12/2019", "$12.5": a number of something, not a date.
        if self.prev_is(Cat::NotYearBefore, i)
            || (i > 1 && self.toks[i - 1].norm == "." && self.prev_is(Cat::NotYearBefore, i - 1))
        {
            return None;
        }
        if self.glued_to_word_or_number(i) && !self.iso_in_name(i) {
            return None;
        }
        let sep = self.tok(i + 1)?;
        if !sep.glued || !matches!(sep.norm.as_str(), "-" | "/" | ".") {
            return None;
        }
        let b = self.tok(i + 2).filter(|b| b.glued)?;
        // Year-month: 2025-03.
        let three = self.glued_punct(i + 3, &[sep.norm.as_str()])
            && self.tok(i + 4).is_some_and(|c| c.glued);
        if !three {
            // Month-year: 12-2015, 3/2019.
            if a.digits() <= 2 && b.kind == Kind::Num && b.digits() == 4 && !self.more_number(i + 3)
            {
                let (m, y) = (a.num?, b.num? as i32);
                if (1900..=2199).contains(&y) && (1..=12).contains(&m) {
                    let pt = Pt {
                        y: Some(y),
                        m: Some(m),
                        ..Pt::default()
                    };
                    return Some((i + 3, pt));
                }
            }
            if a.digits() == 4 && sep.norm == "-" && b.kind == Kind::Num && b.digits() <= 2 {
                let (y, m) = (a.num? as i32, b.num?);
                if (1900..=2199).contains(&y) && (1..=12).contains(&m) && !self.more_number(i + 3) {
                    let pt = Pt {
                        y: Some(y),
                        m: Some(m),
                        ..Pt::default()
                    };
                    return Some((i + 3, pt));
                }
            }
            return None;
        }
        let c = &self.toks[i + 4];
        if self.more_number(i + 5) {
            return None;
        }
        let (y, m, d) = if a.digits() == 4 {
            if b.kind != Kind::Num || b.digits() > 2 || c.kind != Kind::Num || c.digits() > 2 {
                return None;
            }
            (a.num? as i32, b.num?, c.num?)
        } else if a.digits() <= 2 && c.kind == Kind::Num && matches!(c.digits(), 2 | 4) {
            let y = c.num? as i32;
            let y = match c.digits() {
                2 => two_digit_year(y),
                _ => y,
            };
            let x = a.num?;
            if b.kind == Kind::Word {
                let mh = self.month(i + 2).filter(|h| h.end == i + 3)?;
                (y, mh.m, x)
            } else {
                if b.digits() > 2 {
                    return None;
                }
                let z = b.num?;
                let day_first = if x > 12 {
                    true
                } else if z > 12 {
                    false
                } else {
                    self.day_first
                };
                if day_first {
                    (y, z, x)
                } else {
                    (y, x, z)
                }
            }
        } else {
            return None;
        };
        Some((i + 5, Pt::day(y, m, d)?))
    }

    /// True when token `i` is glued to a word, a number or a date separator before it: digits
    /// in the middle of something else ("A12-3", "133-03-03").
    fn glued_to_word_or_number(&self, i: usize) -> bool {
        i > 0
            && self.tok(i).is_some_and(|t| t.glued)
            && (self.toks[i - 1].kind != Kind::Punct
                || matches!(self.toks[i - 1].norm.as_str(), "-" | "/" | "."))
    }

    /// A full yyyy-mm-dd at `i` glued to the letters, dash or slash before it, as in file
    /// names and addresses ("sales_report-2002-10-09.xlsx", "archive-2018-09-23-page-01"),
    /// unless digits come right before that dash or slash ("12-2018-09-23").
    fn iso_in_name(&self, i: usize) -> bool {
        let part = |k: usize, digits: usize| {
            self.tok(k)
                .is_some_and(|t| t.glued && t.kind == Kind::Num && t.digits() == digits)
        };
        if !(part(i, 4)
            && self.glued_punct(i + 1, &["-"])
            && part(i + 2, 2)
            && self.glued_punct(i + 3, &["-"])
            && part(i + 4, 2))
        {
            return false;
        }
        let p = &self.toks[i - 1];
        match p.kind {
            Kind::Word => true,
            Kind::Punct if matches!(p.norm.as_str(), "-" | "/") => {
                !(p.glued && i > 1 && self.toks[i - 2].kind == Kind::Num)
            }
            _ => false,
        }
    }

    /// True when a number continues at `i` ("133-03-03-2020", "123-12-1234"), unless another
    /// date starts after a dash there ("10/1/2018-10/7/2018").
    fn more_number(&self, i: usize) -> bool {
        if self.glued_punct(i, &["-"]) && self.numeric(i + 1).is_some() {
            return false;
        }
        self.tok(i)
            .is_some_and(|t| t.glued && (t.kind != Kind::Punct || t.norm != "."))
            && (self.tok(i).is_some_and(|t| t.kind == Kind::Num)
                || self
                    .tok(i + 1)
                    .is_some_and(|t| t.glued && t.kind == Kind::Num))
    }

    /// A day and month without a year, "27/11", only where a date is expected: after an
    /// article, a day word, a preposition or a weekday ("el 27/11", "no dia 17/11"), or in a
    /// list with such a date ("on 11/20, 11/22 or 11/25", "11/20, 12 of Nov").
    fn day_slash_month(&self, i: usize) -> Option<(usize, Pt)> {
        let (e, x, z) = self.slash_pair(i)?;
        if self.more_number(e) || self.glued_punct(e, &["/"]) {
            return None;
        }
        // A pair that is the whole text ("29/2") is read as a date.
        if i == 0 && e == self.toks.len() {
            return self.day_month_value(x, z, e);
        }
        // A fraction: "1/2 of the cocaine", "3/4 de los votos" (not "el 27/11 de 2019").
        if self.fraction_at(e) {
            return None;
        }
        if !(self.pair_context(i) || self.pair_listed_after(i) || self.pair_listed_before(e)) {
            return None;
        }
        self.day_month_value(x, z, e)
    }

    /// Two numbers of at most two digits joined by a glued slash, not glued to what comes
    /// before: (end, first, second).
    fn slash_pair(&self, i: usize) -> Option<(usize, u32, u32)> {
        let a = self
            .tok(i)
            .filter(|a| a.kind == Kind::Num && a.digits() <= 2 && !a.glued)?;
        if !self.glued_punct(i + 1, &["/"]) {
            return None;
        }
        let b = self
            .tok(i + 2)
            .filter(|b| b.glued && b.kind == Kind::Num && b.digits() <= 2)?;
        Some((i + 3, a.num?, b.num?))
    }

    /// The words before `i` expect a day/month pair: an article, a day word, a preposition
    /// of more than one letter or a weekday.
    fn pair_context(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = &self.toks[i - 1];
        self.prev_is(Cat::Article, i)
            || self.prev_is(Cat::DayWord, i)
            || (self.prev_is(Cat::Preposition, i) && p.norm.len() > 1)
            || self
                .t
                .starting_with(self.words[i - 1])
                .iter()
                .any(|e| e.cat == Cat::Weekday)
    }

    /// The pair at `i` follows a comma or an and_word after a day/month pair that is a date
    /// itself: the second of "on 11/20, 11/22 or 11/25".
    fn pair_listed_after(&self, i: usize) -> bool {
        if i < 4 || !(self.punct(i - 1, &[","]) || self.prev_is(Cat::And, i)) {
            return false;
        }
        self.day_slash_month(i - 4).is_some_and(|(e, _)| e == i - 1)
    }

    /// A comma or an and_word and a date with a month name follow the pair ending at `e`:
    /// the first of "11/20, 12 of Nov".
    fn pair_listed_before(&self, e: usize) -> bool {
        let Some(k) = self.after_list_joiner(e) else {
            return false;
        };
        [self.day_month(k), self.month_day(k)]
            .into_iter()
            .flatten()
            .any(|(_, p)| p.m.is_some() && p.d.is_some())
    }

    /// An of_word not followed by a year after a numeric pair ending at `e`: the pair is a
    /// fraction ("1/2 of the cocaine"), as is one listed before such a fraction ("between
    /// 1/2 and 3/4 of the cocaine").
    fn fraction_at(&self, e: usize) -> bool {
        if self
            .lex(Cat::Of, e)
            .is_some_and(|(k, _, _)| self.year4(k).is_none())
        {
            return true;
        }
        self.after_list_joiner(e)
            .and_then(|k| self.slash_pair(k))
            .is_some_and(|(e2, _, _)| self.fraction_at(e2))
    }

    /// The token after a comma or an and_word at `e`: where the next item of a list starts.
    fn after_list_joiner(&self, e: usize) -> Option<usize> {
        match self.lex(Cat::And, e) {
            Some((k, _, _)) => Some(k),
            None => self.punct(e, &[","]).then_some(e + 1),
        }
    }

    /// The parts of a numeric date at `i`: two numbers of at most two digits and, after the
    /// same separator, an optional year of two or four digits ("10/1", "10/7/2018",
    /// "1-10-2018"): (end, first, second, year, separator).
    fn numeric_parts(&self, i: usize) -> Option<(usize, u32, u32, Option<i32>, &str)> {
        let a = self
            .tok(i)
            .filter(|t| t.kind == Kind::Num && t.digits() <= 2)?;
        let sep = self
            .tok(i + 1)
            .filter(|t| t.glued && matches!(t.norm.as_str(), "/" | "-" | "."))?;
        let b = self
            .tok(i + 2)
            .filter(|t| t.glued && t.kind == Kind::Num && t.digits() <= 2)?;
        let year = self.tok(i + 4).filter(|c| {
            self.glued_punct(i + 3, &[sep.norm.as_str()])
                && c.glued
                && c.kind == Kind::Num
                && matches!(c.digits(), 2 | 4)
        });
        let (end, y) = match year {
            Some(c) if c.digits() == 2 => (i + 5, Some(two_digit_year(c.num? as i32))),
            Some(c) => (i + 5, Some(c.num? as i32)),
            None => (i + 3, None),
        };
        Some((end, a.num?, b.num?, y, sep.norm.as_str()))
    }

    /// A range (or list) of two numeric dates: "10/1/2018-10/7/2018", "10-1-2018-10-7-2018",
    /// "between 10/1-11/7", "de 1/10 a 11/7", "10/1-11/2/2017" and "5/1-5/7, 2020" (a year
    /// after the last end only is the year of both). Ends without a year need slashes and
    /// words before them that expect a date, like a day/month pair alone; both ends are read
    /// in one order (day first when a first number is above 12).
    fn numeric_range(&self, i: usize, mode: Mode) -> Option<(usize, Vec<Cand>)> {
        if self.glued_to_word_or_number(i) {
            return None;
        }
        let (j, x1, z1, y1, sep) = self.numeric_parts(i)?;
        // "10/1-11/7" in any mode; else the connectors of the mode ("de 1/10 a 11/7").
        let (k, is_and) = if self.glued_punct(j, &["-"]) && self.tok(j + 1).is_some_and(|t| t.glued)
        {
            (j + 1, false)
        } else {
            self.connector(j, mode)?
        };
        let (mut e, x2, z2, mut y2, sep2) = self.numeric_parts(k)?;
        if sep2 != sep || self.more_number(e) || self.glued_punct(e, &[sep]) {
            return None;
        }
        if y1.is_none() && y2.is_none() {
            // "5/1-5/7, 2020"
            let c = if self.punct(e, &[","]) { e + 1 } else { e };
            if let Some((ye, y)) = self.year4(c) {
                y2 = Some(y);
                e = ye;
            } else {
                let whole = i == 0 && e == self.toks.len();
                if sep != "/"
                    || self.fraction_at(e)
                    || !(whole || mode != Mode::Plain || self.pair_context(i))
                {
                    return None;
                }
            }
        }
        let day_first = if x1 > 12 || x2 > 12 {
            true
        } else if z1 > 12 || z2 > 12 {
            false
        } else {
            self.day_first
        };
        let (m1, d1, m2, d2) = if day_first {
            (z1, x1, z2, x2)
        } else {
            (x1, z1, x2, z2)
        };
        if !valid(y1, m1, d1) || !valid(y2, m2, d2) {
            return None;
        }
        let pt = |y, m, d| Pt {
            y,
            m: Some(m),
            d: Some(d),
            ..Pt::default()
        };
        let (a, b) = combine(pt(y1, m1, d1), pt(y2, m2, d2))?;
        Some((e, self.day_pair(mode, is_and, (i, j, a), (k, e, b))))
    }

    /// The day and month of the numeric pair `x/z`, ending at `end`, if it is a valid date.
    fn day_month_value(&self, x: u32, z: u32, end: usize) -> Option<(usize, Pt)> {
        let (m, d) = if x > 12 || (z <= 12 && self.day_first) {
            (z, x)
        } else {
            (x, z)
        };
        valid(None, m, d).then_some((
            end,
            Pt {
                m: Some(m),
                d: Some(d),
                ..Pt::default()
            },
        ))
    }

    /// 13 February 2025, 13 de febrero de 2025, 1er mars, 13th of February.
    fn day_month(&self, i: usize) -> Option<(usize, Pt)> {
        let (mut j, d) = self.day_any(i)?;
        // "the twenty third day of September"
        if let Some((k, 0, _)) = self.lex(Cat::Unit, j) {
            if self.lex(Cat::Of, k).is_some() {
                j = k;
            }
        }
        let k = match self.lex(Cat::Of, j) {
            Some((k, _, _)) => k,
            // "30-jul", "7-ene": a month glued to the day by a dash.
            None if self.glued_punct(j, &["-"])
                && self
                    .tok(j + 1)
                    .is_some_and(|t| t.glued && t.kind == Kind::Word) =>
            {
                j + 1
            }
            None => j,
        };
        let mh = self.month(k)?;
        // "One may ask": a number word before an ambiguous month needs its capital.
        if self.day(i).is_none()
            && mh.ambiguous
            && self.t.capitalized_names
            && !self.toks[k].upper
            && !self.word_day(i).is_some_and(|(_, _, ordinal)| ordinal)
        {
            return None;
        }
        if !valid(None, mh.m, d) {
            return None;
        }
        let mut pt = Pt {
            m: Some(mh.m),
            d: Some(d),
            ..Pt::default()
        };
        let mut end = mh.end;
        if let Some((e, y)) = self.year_tail(end) {
            if valid(Some(y), mh.m, d) {
                pt.y = Some(y);
                end = e;
            }
        }
        Some((end, pt))
    }

    /// A day, a month number and a year joined by of_words: "9 de 8 de 1971" (the year is
    /// required: "3 de 5" is a count).
    fn day_of_month_number(&self, i: usize) -> Option<(usize, Pt)> {
        let (j, d) = self.day(i)?;
        let (k, _, _) = self.lex(Cat::Of, j)?;
        let t = self
            .tok(k)
            .filter(|t| t.kind == Kind::Num && t.digits() <= 2)?;
        if self.tok(k + 1).is_some_and(|x| x.glued) {
            return None;
        }
        let (l, _, _) = self.lex(Cat::Of, k + 1)?;
        let (e, y) = self.year4(l)?;
        Some((e, Pt::day(y, t.num?, d)?))
    }

    /// February 13, 2025; Feb. 13; May 9th 2019.
    fn month_day(&self, i: usize) -> Option<(usize, Pt)> {
        let mh = self.month(i)?;
        // A day in digits with an ordinal suffix: "October, 1st"; a day as an ordinal after
        // an article: "April the ninth", "June the 28th" (a capitalized month if ambiguous).
        let ordinal_day = |k: usize| {
            self.day(k).is_some_and(|(e, _)| e > k + 1)
                || (self.tok(k).is_some_and(|t| t.kind == Kind::Word)
                    && self.word_day(k).is_some_and(|(_, _, ordinal)| ordinal))
        };
        let after_article = self.skip_article(mh.end);
        // "Oct/2", "Jun-15", "Sep-23-2020".
        let glued_day =
            self.glued_punct(mh.end, &["/", "-"]) && self.tok(mh.end + 1).is_some_and(|t| t.glued);
        let comma_ordinal = self.punct(mh.end, &[","])
            && self.day(mh.end + 1).is_some_and(|(e, _)| {
                // Not "In October, 1st Battalion troops".
                e > mh.end + 2 && self.tok(e).map_or(true, |t| t.kind != Kind::Word)
            });
        let k = if glued_day || comma_ordinal {
            mh.end + 1
        } else if after_article > mh.end
            && ordinal_day(after_article)
            && (!mh.ambiguous || self.toks[i].upper)
        {
            after_article
        } else {
            mh.end
        };
        let (e, d) = match self.day(k) {
            Some(hit) => hit,
            None => {
                // "May twenty nine", "february twenty second": an ambiguous month takes
                // only an ordinal or a number of several words.
                let (e, d, ordinal) = self.word_day(k)?;
                if mh.ambiguous && !ordinal && e - k < 2 {
                    return None;
                }
                (e, d)
            }
        };
        if !valid(None, mh.m, d) {
            return None;
        }
        // "May 5 people"
        if self.lex(Cat::NotYearAfter, e).is_some() {
            return None;
        }
        let mut pt = Pt {
            m: Some(mh.m),
            d: Some(d),
            ..Pt::default()
        };
        let mut end = e;
        // "Wed Oct 26 15:50:06 2016": the year after a time.
        let mut t = e;
        if self.tok(t).is_some_and(|x| x.kind == Kind::Num)
            && self.glued_punct(t + 1, &[":"])
            && self
                .tok(t + 2)
                .is_some_and(|x| x.glued && x.kind == Kind::Num)
        {
            t += 3;
            if self.glued_punct(t, &[":"])
                && self
                    .tok(t + 1)
                    .is_some_and(|x| x.glued && x.kind == Kind::Num)
            {
                t += 2;
            }
            if self.year4(t).is_none() {
                t = e;
            }
        }
        if let Some((e2, y)) = self.year_tail(t) {
            if valid(Some(y), mh.m, d) {
                pt.y = Some(y);
                end = e2;
            }
        }
        Some((end, pt))
    }

    /// August 2018, abril de 2024, Dec/2018.
    fn month_year(&self, i: usize) -> Option<(usize, Pt)> {
        let mh = self.month(i)?;
        let mut k = mh.end;
        if self.punct(k, &["/", ",", "-"]) {
            k += 1;
        } else if let Some((j, _, _)) = self.lex(Cat::Of, k) {
            k = j;
        }
        let (e, y) = match self.year4(k) {
            Some(hit) => hit,
            // "August two thousand and fifteen", "April of 87", "juillet 98".
            None => self.year_tail(mh.end)?,
        };
        Some((
            e,
            Pt {
                y: Some(y),
                m: Some(mh.m),
                ..Pt::default()
            },
        ))
    }

    /// A year then a month name: "in 2017 april". Not an ambiguous month ("in 2017 May
    /// said"), not across a comma ("in 2017, April"), not before a day number ("in 2017
    /// April 5 people").
    /// A year and a month after it ("2019 March"), from the year standing alone at the start
    /// (`year`, [`Parser::standalone_year`] there).
    fn year_month(&self, year: Option<(usize, Pt)>) -> Option<(usize, Pt)> {
        let (j, p) = year?;
        if p.decade {
            return None;
        }
        let mh = self.month(j).filter(|h| !h.ambiguous)?;
        if self.day_any(mh.end).is_some() {
            return None;
        }
        Some((mh.end, Pt { m: Some(mh.m), ..p }))
    }

    /// A month alone: unambiguous names anywhere, ambiguous ones ("May") only capitalized
    /// after a preposition or a part word.
    fn bare_month(&self, i: usize) -> Option<(usize, Pt)> {
        let mh = self.month(i)?;
        // An abbreviation alone only right after "after" or "before" and marked as one
        // (capitalized, or with its period): "after Feb", "después de feb.".
        if mh.abbr {
            let marked = (self.t.capitalized_names && self.toks[i].upper) || mh.end > i + 1;
            let opened = [(Cat::OpenStart, 1), (Cat::OpenEnd, -1)]
                .iter()
                .any(|&(cat, dir)| {
                    (i.saturating_sub(5)..i)
                        .any(|p| self.lex(cat, p).is_some_and(|x| x.0 == i && x.1 == dir))
                });
            if !marked || !opened {
                return None;
            }
            return Some((
                mh.end,
                Pt {
                    m: Some(mh.m),
                    ..Pt::default()
                },
            ));
        }
        if mh.ambiguous {
            let after_part = self.prev_is(Cat::Part, i)
                || (i > 1 && self.toks[i - 1].norm == "-" && self.prev_is(Cat::Part, i - 1));
            let cap_ok = !self.t.capitalized_names || self.toks[i].upper;
            if !cap_ok || !(after_part || self.prev_is(Cat::Preposition, i)) {
                return None;
            }
        }
        Some((
            mh.end,
            Pt {
                m: Some(mh.m),
                ..Pt::default()
            },
        ))
    }

    /// summer 2024, verano de 2024, l'été (a season alone only after an article or
    /// preposition).
    fn season(&self, i: usize) -> Option<(usize, Pt)> {
        let (j, s, _) = self.lex(Cat::Season, i)?;
        let mut pt = Pt {
            season: Some(s as u8),
            ..Pt::default()
        };
        if let Some((e, y)) = self.year_tail(j) {
            pt.y = Some(y);
            return Some((e, pt));
        }
        // "in the summer", "en verano", "l'été"; not French "a été" (has been), whose "a"
        // folds like the preposition "à".
        let prep = self.prev_is(Cat::Preposition, i) && self.toks[i - 1].norm.len() > 1;
        if self.prev_is(Cat::Article, i) || prep {
            return Some((j, pt));
        }
        None
    }

    /// An ordinal: a word ("first", "primer") or digits with a glued ordinal suffix ("1st",
    /// "1º", "1.º", "3e"): (end, value).
    pub fn ordinal(&self, i: usize) -> Option<(usize, i32)> {
        if let Some((k, v, _)) = self.lex(Cat::OrdinalWord, i) {
            return Some((k, v));
        }
        self.day(i)
            .filter(|&(k, _)| k > i + 1)
            .map(|(k, v)| (k, v as i32))
    }

    /// first quarter of 2024, primer trimestre de 2024, 1º trimestre 2020, Q1 2024, 2017-Q1.
    fn quarter(&self, i: usize) -> Option<(usize, Pt)> {
        let mut q = None;
        let mut j = i;
        if let Some((k, v)) = self.ordinal(i) {
            if let Some((k2, _, _)) = self.lex(Cat::Quarter, k) {
                q = Some(v);
                j = k2;
            }
        }
        if q.is_none() {
            let t = self.tok(i)?;
            if t.norm == "q" {
                let n = self.tok(i + 1).filter(|n| n.glued && n.kind == Kind::Num)?;
                q = n.num.map(|v| v as i32);
                j = i + 2;
                if self.punct(j, &["/", "-"]) {
                    j += 1;
                }
            } else if t.kind == Kind::Num
                && t.digits() == 4
                && self.glued_punct(i + 1, &["-"])
                && self.tok(i + 2).is_some_and(|x| x.glued && x.norm == "q")
            {
                let n = self.tok(i + 3).filter(|n| n.glued && n.kind == Kind::Num)?;
                let q = n.num? as u8;
                let y = t.num? as i32;
                return (1..=4).contains(&q).then_some((
                    i + 4,
                    Pt {
                        y: Some(y),
                        quarter: Some(q),
                        ..Pt::default()
                    },
                ));
            }
        }
        let q = q.filter(|q| (1..=4).contains(q))? as u8;
        let mut pt = Pt {
            quarter: Some(q),
            ..Pt::default()
        };
        if let Some((e, y)) = self.year_tail(j) {
            pt.y = Some(y);
            return Some((e, pt));
        }
        if self.tok(i)?.norm != "q" {
            return Some((j, pt));
        }
        // "Q1" alone is the quarter of a year-less date, but not in a model name ("Audi Q3",
        // "Q3 Sportback") or a code ("Q1-2", "Q2 3"): no unknown capitalized word or number
        // next to it.
        let name = |k: usize| {
            self.tok(k).is_some_and(|t| {
                (t.kind == Kind::Word && t.upper && self.cats[k] == 0) || t.kind == Kind::Num
            })
        };
        let glued_code = self.tok(j).is_some_and(|t| {
            t.glued && (t.kind != Kind::Punct || matches!(t.norm.as_str(), "-" | "/"))
        });
        let named = (i > 0 && name(i - 1)) || name(j);
        (j == i + 2 && !glued_code && !named).then_some((j, pt))
    }

    /// A holiday, with an optional year: "Christmas", "easter 2018", "Thanksgiving 2010".
    fn holiday(&self, i: usize) -> Option<(usize, Pt)> {
        let is_weekend = |k: usize| self.lex(Cat::Unit, k).filter(|&(_, v, _)| v == 4);
        // "the weekend of halloween"
        // "last easter", "next new year's day"
        if let Some((j, md, _)) = self.lex(Cat::ModBefore, i) {
            let (e, idx, _) = self.lex(Cat::Holiday, j)?;
            let rule = *self.t.holiday_rules.get(idx as usize)?;
            return Some((
                e,
                Pt {
                    rule: Some(rule),
                    step: Some(md as i8),
                    ..Pt::default()
                },
            ));
        }
        let a = self.skip_article(i);
        let (h, weekend_before) = match is_weekend(a).and_then(|(w, _, _)| self.lex(Cat::Of, w)) {
            Some((k, _, _)) => (k, true),
            None => (i, false),
        };
        let (e, idx, _) = self.lex(Cat::Holiday, h)?;
        let rule = *self.t.holiday_rules.get(idx as usize)?;
        let (mut end, y) = match self.year_tail(e) {
            Some((e2, y)) => (e2, Some(y)),
            None => (e, None),
        };
        // "labor day weekend", "halloween weekend 2021", "labor day 2021 weekend"
        let mut weekend = weekend_before;
        let mut y = y;
        if !weekend {
            if let Some((w, _, _)) = is_weekend(end) {
                weekend = true;
                end = w;
                if y.is_none() {
                    if let Some((e2, yy)) = self.year_tail(w) {
                        y = Some(yy);
                        end = e2;
                    }
                }
            }
        }
        let pt = match (rule, y) {
            (Rule::Fixed(m, d), _) => Pt {
                y,
                m: Some(m),
                d: Some(d),
                ..Pt::default()
            },
            (_, Some(y)) => {
                let day = rule.date(y);
                Pt {
                    y: Some(y),
                    m: Some(day.m),
                    d: Some(day.d),
                    ..Pt::default()
                }
            }
            (_, None) => Pt {
                rule: Some(rule),
                ..Pt::default()
            },
        };
        Some((end, Pt { weekend, ..pt }))
    }

    /// Weeks: "the first week of July", "last week of 2016", "3rd week of Jan 2015",
    /// "week 3 of 2027", "week 31", "the week of April 10th", "w/c Feb 4", "la primera
    /// semana de enero".
    fn week(&self, i: usize) -> Option<(usize, Pt)> {
        let is_week = |k: usize| self.lex(Cat::Unit, k).filter(|&(_, v, _)| v == 1);
        // "w/c Feb 4"
        if let Some((k, _, _)) = self.lex(Cat::WeekCommencing, i) {
            let (e, p) = self
                .point_core(k)
                .filter(|(_, p)| p.d.is_some() && p.m.is_some())?;
            return Some((e, Pt { week: Some(0), ..p }));
        }
        // "2 weeks starting May 20th" is a duration.
        if i > 0 && (self.toks[i - 1].kind == Kind::Num || self.prev_is(Cat::Cardinal, i)) {
            return None;
        }
        let a = self.skip_article(i);
        // The nth or last week of a month or year.
        let nth = if let Some((k, v, _)) = self.lex(Cat::OrdinalWord, a) {
            Some((k, v))
        } else if let Some((k, -1, _)) = self.lex(Cat::ModBefore, a) {
            Some((k, -1))
        } else {
            self.day(a)
                .filter(|&(k, _)| k == a + 2)
                .map(|(k, v)| (k, v as i32))
        };
        if let Some((k, n)) = nth {
            let (w, _, _) = is_week(k)?;
            let (o, _, _) = self.lex(Cat::Of, w)?;
            let o = self.skip_article(o);
            if let Some((e, p)) = self.month_year(o) {
                return (n == -1 || (1..=5).contains(&n)).then_some((
                    e,
                    Pt {
                        week: Some(n as i8),
                        ..p
                    },
                ));
            }
            if let Some(mh) = self.month(o) {
                return (n == -1 || (1..=5).contains(&n)).then_some((
                    mh.end,
                    Pt {
                        m: Some(mh.m),
                        week: Some(n as i8),
                        ..Pt::default()
                    },
                ));
            }
            let (e, y) = self.year4(o).or_else(|| self.word_year(o))?;
            return Some((
                e,
                Pt {
                    y: Some(y),
                    week: Some(n as i8),
                    ..Pt::default()
                },
            ));
        }
        let (w, _, _) = is_week(a)?;
        // "the week of April 10th", "the week beginning February 4"
        if let Some((k, _, _)) = self.lex(Cat::WeekOf, w) {
            if let Some((e, p)) = self.point_core(k).filter(|(_, p)| p.d.is_some()) {
                return Some((e, Pt { week: Some(0), ..p }));
            }
            // "the week of the 18th", "la semana del 18.º": a day of an unnamed month, as an
            // ordinal.
            let k = self.skip_article(k);
            let (e, d) = match self.day(k) {
                Some((e, d)) if e > k + 1 => (e, d),
                _ => self
                    .word_day(k)
                    .filter(|&(_, _, ordinal)| ordinal)
                    .map(|(e, d, _)| (e, d))?,
            };
            return Some((
                e,
                Pt {
                    d: Some(d),
                    week: Some(0),
                    ..Pt::default()
                },
            ));
        }
        // "week 3 of 2027", "week 31"
        let t = self.tok(w)?;
        if t.kind != Kind::Num || t.digits() > 2 || !(1..=53).contains(&t.num?) {
            return None;
        }
        if self
            .tok(w + 1)
            .is_some_and(|x| x.glued && x.kind != Kind::Punct)
        {
            return None;
        }
        let n = t.num? as i8;
        let mut pt = Pt {
            week: Some(n),
            ..Pt::default()
        };
        let mut end = w + 1;
        if let Some((o, _, _)) = self.lex(Cat::Of, w + 1) {
            if let Some((e, y)) = self.year4(o).or_else(|| self.word_year(o)) {
                pt.y = Some(y);
                end = e;
            }
        }
        Some((end, pt))
    }

    /// Half years: "first half of 2019", "primer semestre de 2019", "2º semestre de 2019",
    /// "H2 2019", "2019 H2", "2019-H2".
    fn half_year(&self, i: usize) -> Option<(usize, Pt)> {
        let (h, j) = if let Some((k, v)) = self.ordinal(i) {
            let (j, _, _) = self.lex(Cat::Half, k)?;
            (v, j)
        } else {
            let t = self.tok(i)?;
            let n = self.tok(i + 1).filter(|n| n.glued && n.kind == Kind::Num)?;
            if t.norm != "h"
                || self
                    .tok(i + 2)
                    .is_some_and(|x| x.glued && x.kind == Kind::Word)
            {
                return None;
            }
            (n.num? as i32, i + 2)
        };
        if !(1..=2).contains(&h) {
            return None;
        }
        let (e, y) = self.year_tail(j)?;
        Some((
            e,
            Pt {
                y: Some(y),
                half: Some(h as u8),
                ..Pt::default()
            },
        ))
    }

    /// A year first: "2017 q1", "2019 H2", "2019-H2", "2019/aug/01", "2019-aug-1",
    /// "2020/23/Sep".
    fn year_first(&self, i: usize) -> Option<(usize, Pt)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.digits() != 4 {
            return None;
        }
        let y = t.num? as i32;
        if !(1000..=2999).contains(&y) || (i > 0 && t.glued && self.toks[i - 1].kind != Kind::Punct)
        {
            return None;
        }
        let sep = self.glued_punct(i + 1, &["-", "/", "."]);
        let k = if sep { i + 2 } else { i + 1 };
        let x = self.tok(k)?;
        // "2017 q1", "2019-H2"
        if matches!(x.norm.as_str(), "q" | "h") && (sep || !x.glued) {
            let n = self.tok(k + 1).filter(|n| n.glued && n.kind == Kind::Num)?;
            let v = n.num? as u8;
            if self
                .tok(k + 2)
                .is_some_and(|z| z.glued && z.kind != Kind::Punct)
            {
                return None;
            }
            let pt = match x.norm.as_str() {
                "q" if (1..=4).contains(&v) => Pt {
                    y: Some(y),
                    quarter: Some(v),
                    ..Pt::default()
                },
                "h" if (1..=2).contains(&v) => Pt {
                    y: Some(y),
                    half: Some(v),
                    ..Pt::default()
                },
                _ => return None,
            };
            return Some((k + 2, pt));
        }
        if !sep || !x.glued {
            return None;
        }
        let sep2 = self.toks[i + 1].norm.clone();
        if !self.glued_punct(k + 1, &[sep2.as_str()]) {
            return None;
        }
        let z = self.tok(k + 2).filter(|z| z.glued)?;
        let (m, d, end) = if let Some(mh) = self.month(k).filter(|h| h.end == k + 1) {
            let (e, d) = self.day(k + 2)?;
            (mh.m, d, e)
        } else {
            // "2020/23/Sep.": an abbreviation keeps its period.
            let mh = self.month(k + 2).filter(|h| h.end == k + 3 || h.abbr)?;
            if x.kind != Kind::Num || x.digits() > 2 || z.kind != Kind::Word {
                return None;
            }
            (mh.m, x.num?, mh.end)
        };
        Some((end, Pt::day(y, m, d)?))
    }

    /// The year between day and month: "September-2020-23", "23-2020-September".
    fn shuffled(&self, i: usize) -> Option<(usize, Pt)> {
        let sep_year = |k: usize| {
            if !self.glued_punct(k, &["-", "/"]) {
                return None;
            }
            let t = self
                .tok(k + 1)
                .filter(|t| t.glued && t.kind == Kind::Num && t.digits() == 4)?;
            let y = t.num? as i32;
            if !(1000..=2999).contains(&y)
                || !self.glued_punct(k + 2, &[self.toks[k].norm.as_str()])
            {
                return None;
            }
            self.tok(k + 3).filter(|t| t.glued)?;
            Some((k + 3, y))
        };
        let (y, m, d, end) = if let Some(mh) = self.month(i) {
            let (k, y) = sep_year(mh.end)?;
            let t = &self.toks[k];
            if t.kind != Kind::Num
                || t.digits() > 2
                || self
                    .tok(k + 1)
                    .is_some_and(|x| x.glued && x.kind == Kind::Num)
            {
                return None;
            }
            (y, mh.m, t.num?, k + 1)
        } else {
            let t = self
                .tok(i)
                .filter(|t| t.kind == Kind::Num && t.digits() <= 2)?;
            if i > 0 && t.glued && self.toks[i - 1].kind != Kind::Punct {
                return None;
            }
            let (k, y) = sep_year(i + 1)?;
            let mh = self.month(k)?;
            (y, mh.m, t.num?, mh.end)
        };
        Some((end, Pt::day(y, m, d)?))
    }

    /// Eight digits that are a date: "20161016" (years 1900..=2199).
    fn compact(&self, i: usize) -> Option<(usize, Pt)> {
        let t = self
            .tok(i)
            .filter(|t| t.kind == Kind::Num && t.digits() == 8)?;
        if self
            .tok(i + 1)
            .is_some_and(|x| x.glued && x.kind != Kind::Punct)
        {
            return None;
        }
        if i > 0
            && (self.prev_is(Cat::NotYearBefore, i)
                || (t.glued && self.toks[i - 1].kind != Kind::Punct))
        {
            return None;
        }
        let v = t.num?;
        let (y, m, d) = ((v / 10000) as i32, v / 100 % 100, v % 100);
        ((1900..=2199).contains(&y) && valid(Some(y), m, d)).then_some((
            i + 1,
            Pt {
                y: Some(y),
                m: Some(m),
                d: Some(d),
                ..Pt::default()
            },
        ))
    }

    /// Three numbers apart with a four-digit year first or last: "2016 10 16", "02 04 2009"
    /// (day and month in the language's order).
    fn spaced(&self, i: usize) -> Option<(usize, Pt)> {
        let nums = [self.tok(i)?, self.tok(i + 1)?, self.tok(i + 2)?];
        if nums.iter().any(|t| t.kind != Kind::Num || t.glued) {
            return None;
        }
        if i > 0 && (self.toks[i - 1].kind == Kind::Num || self.prev_is(Cat::NotYearBefore, i)) {
            return None;
        }
        if self
            .tok(i + 3)
            .is_some_and(|t| t.kind == Kind::Num || (t.glued && t.kind == Kind::Word))
        {
            return None;
        }
        let (a, b, c) = (nums[0], nums[1], nums[2]);
        let (y, x, z) = if a.digits() == 4 && b.digits() <= 2 && c.digits() <= 2 {
            (a.num? as i32, b.num?, c.num?)
        } else if c.digits() == 4 && a.digits() <= 2 && b.digits() <= 2 {
            let (x, z) = (a.num?, b.num?);
            let day_first = if x > 12 {
                true
            } else if z > 12 {
                false
            } else {
                self.day_first
            };
            if day_first {
                (c.num? as i32, z, x)
            } else {
                (c.num? as i32, x, z)
            }
        } else {
            return None;
        };
        ((1900..=2199).contains(&y) && valid(Some(y), x, z)).then_some((
            i + 3,
            Pt {
                y: Some(y),
                m: Some(x),
                d: Some(z),
                ..Pt::default()
            },
        ))
    }

    /// A century: an ordinal or a Roman numeral (maybe with an ordinal suffix: "XVe") before
    /// a century word ("15th century", "XXIe siècle"), or a Roman numeral after it ("siglo
    /// XV"): the years `1400/1499`. Not "21st-century" (an adjective).
    fn century(&self, i: usize) -> Option<(usize, Pt)> {
        let (n, e) = if let Some((k, _, _)) = self.lex(Cat::Century, i) {
            (self.roman(k)?, k + 1)
        } else {
            // The century word first: most capitalized words are no Roman numeral, and
            // reading one as a numeral is the costlier test.
            let (k, n) = match self.ordinal(i) {
                Some(o) => o,
                None => {
                    let e = self.lex(Cat::Century, i + 1)?.0;
                    return self.century_of(self.roman(i)?, e);
                }
            };
            (n, self.lex(Cat::Century, k)?.0)
        };
        self.century_of(n, e)
    }

    /// Century `n` (1..=21) as a point ending at `e`.
    fn century_of(&self, n: i32, e: usize) -> Option<(usize, Pt)> {
        (1..=21).contains(&n).then(|| {
            (
                e,
                Pt {
                    y: Some((n - 1) * 100),
                    century: true,
                    ..Pt::default()
                },
            )
        })
    }

    /// A Roman numeral in capitals, maybe with a glued ordinal suffix ("XV", "XVe"); its value.
    fn roman(&self, i: usize) -> Option<i32> {
        let t = self.tok(i).filter(|t| t.kind == Kind::Word && t.upper)?;
        let s = t.norm.as_str();
        let digits = self
            .t
            .ordinal_suffixes
            .iter()
            .filter_map(|x| s.strip_suffix(x.as_str()))
            .find(|r| !r.is_empty() && r.chars().all(|c| "ivxl".contains(c)))
            .unwrap_or(s);
        let value = |c| match c {
            'i' => Some(1),
            'v' => Some(5),
            'x' => Some(10),
            'l' => Some(50),
            _ => None,
        };
        let vals: Vec<i32> = digits.chars().map(value).collect::<Option<_>>()?;
        let mut n = 0;
        for (k, v) in vals.iter().enumerate() {
            if vals.get(k + 1).is_some_and(|next| next > v) {
                n -= v;
            } else {
                n += v;
            }
        }
        (n > 0).then_some(n)
    }

    /// Decades in words or after a decade word: "the nineties", "los años noventa", "les
    /// années 90", "anos 90", "les années 1990".
    fn decade_phrase(&self, i: usize) -> Option<(usize, Pt)> {
        if let Some((e, v, _)) = self.lex(Cat::DecadeWord, i) {
            return Some((e, decade(v)));
        }
        let (k, _, _) = self.lex(Cat::DecadeBefore, i)?;
        let t = self.tok(k)?;
        let (e, v) = if t.kind == Kind::Num {
            let v = t.num? as i32;
            match t.digits() {
                2 if v % 10 == 0 => (k + 1, 1900 + v),
                4 if v % 10 == 0 && (1000..=2999).contains(&v) => (k + 1, v),
                _ => return None,
            }
        } else {
            let (e, v) = self.word_number(k)?;
            if v % 10 != 0 || !(10..=90).contains(&v) {
                return None;
            }
            (e, 1900 + v)
        };
        Some((e, decade(v)))
    }

    /// One calendar point, with an optional weekday before it ("Tue May 9", "martes, 15 de
    /// enero").
    fn point(&self, i: usize) -> Option<(usize, Pt)> {
        // "this Friday-Jun-15", "next friday 5/12": the explicit date wins.
        let wi = match self.lex(Cat::ModBefore, i) {
            Some((j, _, _)) if self.weekday(j).is_some() => j,
            _ => i,
        };
        if let Some((j, wd, _)) = self.weekday(wi) {
            let mut k = j;
            let mut paren = false;
            if self.punct(k, &[",", "-"]) {
                k += 1;
            } else if self.punct(k, &["("]) {
                k += 1;
                paren = true;
            }
            k = self.skip_article(k);
            // "terça-feira dia 25", "miércoles el día treinta y uno"
            if let Some((d, _, _)) = self.lex(Cat::DayWord, k) {
                if self.day_any(d).is_some() {
                    k = d;
                }
            }
            if let Some((mut e, pt)) = self.point_core(k) {
                if pt.d.is_some() && (pt.m.is_some() || wi == i) {
                    if paren && self.punct(e, &[")"]) {
                        e += 1;
                    }
                    return Some((e, pt));
                }
            }
            if wi > i {
                return None;
            }
            // "martes 6", "Friday the 26th", "tuesday the eleventh": a day of the month
            // whose weekday matches.
            if let Some((e, d)) = self.day_any(k) {
                // A number word before a noun is a count: "martes, tres periodistas".
                let counted = self.day(k).is_none()
                    && !self.word_day(k).is_some_and(|(_, _, ordinal)| ordinal)
                    && self
                        .tok(e)
                        .is_some_and(|t| t.kind == Kind::Word && !t.upper);
                let unit_next = counted
                    || self.lex(Cat::Unit, e).is_some()
                    || self.lex(Cat::NotYearAfter, e).is_some();
                // A time, not a day: "Monday 8-9am", "Thursday 1 pm", "martes 9 h".
                let time_next = (self.glued_punct(e, &["-", "."])
                    && self
                        .tok(e + 1)
                        .is_some_and(|t| t.glued && t.kind == Kind::Num))
                    || self.lex(Cat::TimeAfterDay, e).is_some()
                    // "a.m.", "sexta-feira 23 a 4"; not Spanish "a las": "viernes 23 a las 4"
                    || (self.lex(Cat::TimeLetterAfterDay, e).is_some()
                        && !self.tok(e + 1).is_some_and(|t| t.kind == Kind::Word));
                if !unit_next && !time_next {
                    let pt = Pt {
                        d: Some(d),
                        weekday: Some(wd),
                        ..Pt::default()
                    };
                    return Some((e, pt));
                }
            }
        }
        self.point_core(i)
    }

    /// The longest calendar point starting at token `i`: every shape is tried, the first of
    /// equally long readings wins. A shape is tried only when token `i` can begin it (its
    /// first token is digits, or a table phrase of a category it starts with, or one of the
    /// few letters it names): most candidate starts are digits or one kind of word, and the
    /// other shapes would fail there anyway.
    fn point_core(&self, i: usize) -> Option<(usize, Pt)> {
        let t = self.tok(i)?;
        let num = t.kind == Kind::Num;
        let cats = self.cats[i];
        let starts = |set: CatSet| cats & set != 0;
        let norm = t.norm.as_str();
        let mut best: Option<(usize, Pt)> = None;
        let mut keep = |a: Option<(usize, Pt)>| {
            if let Some(a) = a {
                if best.map_or(true, |b| a.0 > b.0) {
                    best = Some(a);
                }
            }
        };
        // The order is the tie order: keep it.
        if starts(Cat::ModBefore.bit() | Cat::Article.bit() | Cat::Unit.bit() | Cat::Holiday.bit())
        {
            keep(self.holiday(i));
        }
        let week_start = Cat::WeekCommencing.bit()
            | Cat::Article.bit()
            | Cat::OrdinalWord.bit()
            | Cat::ModBefore.bit()
            | Cat::Unit.bit();
        if num || starts(week_start) {
            keep(self.week(i));
        }
        if num || starts(Cat::OrdinalWord.bit()) || norm == "h" {
            keep(self.half_year(i));
        }
        if num {
            keep(self.year_first(i));
        }
        if num || starts(Cat::Month.bit()) {
            keep(self.shuffled(i));
        }
        if num {
            keep(self.compact(i));
            keep(self.spaced(i));
        }
        if starts(Cat::DecadeWord.bit() | Cat::DecadeBefore.bit()) {
            keep(self.decade_phrase(i));
        }
        let roman = t.kind == Kind::Word && t.upper;
        if num || roman || starts(Cat::Century.bit() | Cat::OrdinalWord.bit()) {
            keep(self.century(i));
        }
        if num {
            keep(self.numeric(i));
            keep(self.day_slash_month(i));
        }
        let word_day = Cat::DayOrdinal.bit() | Cat::OrdinalWord.bit() | NUMBER_WORD_START;
        if num || starts(word_day) {
            keep(self.day_month(i));
        }
        if num {
            keep(self.day_of_month_number(i));
        }
        if starts(Cat::Month.bit()) {
            keep(self.month_day(i));
            keep(self.month_year(i));
        }
        // The year alone is read once: the year-month shape starts with it.
        let year = if num || starts(Cat::YearWord.bit()) {
            self.standalone_year(i)
        } else {
            None
        };
        keep(self.year_month(year));
        if num || starts(Cat::OrdinalWord.bit()) || norm == "q" {
            keep(self.quarter(i));
        }
        if starts(Cat::Season.bit()) {
            keep(self.season(i));
        }
        if starts(Cat::Month.bit()) {
            keep(self.bare_month(i));
        }
        keep(year);
        if starts(NUMBER_WORD_START) {
            keep(self.word_year_alone(i));
        }
        best
    }

    /// A connector at `i` allowed in `mode`: (index after it and an article, is an and-word).
    fn connector(&self, i: usize, mode: Mode) -> Option<(usize, bool)> {
        let to = self.lex(Cat::RangeTo, i).map(|(j, _, _)| (j, false));
        let and = self.lex(Cat::And, i).map(|(j, _, _)| (j, true));
        let hit = match mode {
            Mode::Plain => to.or(and),
            Mode::From => to,
            Mode::Between => and,
        }?;
        Some((self.skip_article(hit.0), hit.1))
    }

    /// Two ends joined by a to-word or an and-word: one range, or, for an and-word in plain
    /// text between dates that do not follow each other ("6 and 8 December"), two dates.
    fn day_pair(
        &self,
        mode: Mode,
        is_and: bool,
        (s1, e1, p1): (usize, usize, Pt),
        (s2, e2, p2): (usize, usize, Pt),
    ) -> Vec<Cand> {
        if is_and && mode == Mode::Plain && !p1.next_is(&p2) {
            vec![
                Cand::new(s1, e1, Expr::Point(p1)),
                Cand::new(s2, e2, Expr::Point(p2)),
            ]
        } else {
            vec![Cand::new(s1, e2, Expr::Range(p1, p2))]
        }
    }

    /// A point, or a range or list starting at `i`.
    fn parse_abs(&self, i: usize, mode: Mode) -> Option<(usize, Vec<Cand>)> {
        // 2014-2018, 2014–2018
        if let Some((j, p1)) = self.year_range_start(i) {
            if let Some((e, y2)) = self.year4(j) {
                let y1 = p1.y?;
                if y2 > y1 && y2 - y1 < 100 {
                    let p2 = Pt {
                        y: Some(y2),
                        ..Pt::default()
                    };
                    return Some((e, vec![Cand::new(i, e, Expr::Range(p1, p2))]));
                }
            }
        }
        if let Some(hit) = self.numeric_range(i, mode) {
            return Some(hit);
        }
        // 12-14 June, del 12 al 14 de junio, les 6 et 7 décembre
        if let Some((j, d1)) = self.day_any(i) {
            if let Some((k, is_and)) = self.connector(j, mode) {
                if let Some((k2, d2)) = self.day_any(k) {
                    let l = self.lex(Cat::Of, k2).map_or(k2, |(l, _, _)| l);
                    if let Some(mh) = self.month(l) {
                        let mut end = mh.end;
                        let mut y = None;
                        if let Some((e, yy)) = self.year_tail(end) {
                            y = Some(yy);
                            end = e;
                        }
                        if d1 < d2 && valid(y, mh.m, d1) && valid(y, mh.m, d2) {
                            let p1 = Pt {
                                y,
                                m: Some(mh.m),
                                d: Some(d1),
                                ..Pt::default()
                            };
                            let p2 = Pt { d: Some(d2), ..p1 };
                            let cands = self.day_pair(mode, is_and, (i, j, p1), (k, end, p2));
                            return Some((end, cands));
                        }
                    }
                }
            }
        }
        let (j, p1) = match self.point(i) {
            Some(hit) => hit,
            None => return self.month_range(i, mode),
        };
        if let Some((k, is_and)) = self.connector(j, mode) {
            // June 12 to 14, Dec. 6 to 7, 2017
            let day_ended = self.toks[j - 1].kind == Kind::Num
                || self
                    .t
                    .ordinal_suffixes
                    .contains(self.toks[j - 1].norm.as_str())
                || self.t.ends_with(Cat::DayOrdinal, self.words[j - 1])
                || self.t.ends_with(Cat::Cardinal, self.words[j - 1]);
            if let (Some(d1), Some(m), None, true) = (p1.d, p1.m, p1.y, day_ended) {
                if let Some((k2, d2)) = self.day_any(k) {
                    if self.point(k).map_or(true, |(e, _)| e <= k2) {
                        let mut end = k2;
                        let mut y = None;
                        if let Some((e, yy)) = self.year_tail(k2) {
                            y = Some(yy);
                            end = e;
                        }
                        if d2 > d1 && valid(y, m, d2) && valid(y, m, d1) {
                            let p1 = Pt { y, ..p1 };
                            let p2 = Pt { d: Some(d2), ..p1 };
                            let cands = self.day_pair(mode, is_and, (i, j, p1), (k, end, p2));
                            return Some((end, cands));
                        }
                    }
                }
            }
            if let Some((e, p2)) = self.point(k) {
                if let Some((a, b)) = combine(p1, p2) {
                    return Some((e, self.day_pair(mode, is_and, (i, j, a), (k, e, b))));
                }
            }
        }
        Some((j, vec![Cand::new(i, j, Expr::Point(p1))]))
    }

    /// A month that cannot stand alone ("Jan", "sept.") starting a range of months:
    /// "Jan-Feb 2017", "de sept. a nov.".
    fn month_range(&self, i: usize, mode: Mode) -> Option<(usize, Vec<Cand>)> {
        let mh = self.month(i)?;
        let (k, _) = self.connector(mh.end, mode)?;
        let m2 = self.month(k)?;
        let (e, p2) = self
            .month_day(k)
            .or_else(|| self.month_year(k))
            .or_else(|| {
                Some((
                    m2.end,
                    Pt {
                        m: Some(m2.m),
                        ..Pt::default()
                    },
                ))
            })?;
        let p1 = Pt {
            m: Some(mh.m),
            ..Pt::default()
        };
        let (a, b) = combine(p1, p2)?;
        Some((e, vec![Cand::new(i, e, Expr::Range(a, b))]))
    }

    /// The first year of "2014-2018" or "2014~2018": (index after the dash, the year).
    fn year_range_start(&self, i: usize) -> Option<(usize, Pt)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.digits() != 4 {
            return None;
        }
        if !self.punct(i + 1, &["-", "/", "~"]) {
            return None;
        }
        if i > 0 && (self.prev_is(Cat::NotYearBefore, i) || self.toks[i].glued) {
            return None;
        }
        let y = t.num? as i32;
        (1800..=2199).contains(&y).then_some((
            i + 2,
            Pt {
                y: Some(y),
                ..Pt::default()
            },
        ))
    }

    fn unit(&self, i: usize) -> Option<(usize, Unit)> {
        self.lex(Cat::Unit, i)
            .map(|(j, v, _)| (j, Unit::from_val(v)))
    }

    /// A unit that takes this/last/next: week, month, year, quarter, weekend (not day).
    fn period(&self, i: usize) -> Option<(usize, Unit)> {
        if let Some((e, _, _)) = self.lex(Cat::Quarter, i) {
            return Some((e, Unit::Quarter));
        }
        self.unit(i).filter(|(_, u)| *u != Unit::Day)
    }

    /// A count: digits, a number word ("a couple of") or a number in words ("forty").
    pub fn count(&self, i: usize) -> Option<(usize, i32)> {
        let t = self.tok(i)?;
        if t.kind == Kind::Num && t.digits() <= 3 {
            return Some((i + 1, t.num? as i32));
        }
        if let Some((j, v, _)) = self.lex(Cat::Number, i) {
            return Some((j, v));
        }
        self.word_number(i).filter(|&(_, n)| n < 1000)
    }

    /// "two weeks", "3 days", "a year", "forty days".
    fn count_unit(&self, i: usize) -> Option<(usize, i32, Unit)> {
        let (j, n) = self.count(i)?;
        let (k, u) = self.unit(j)?;
        Some((k, n, u))
    }

    /// True when a phrase of `cat` of at least two tokens ends right before `i`.
    fn long_phrase_ends_at(&self, cat: Cat, i: usize) -> bool {
        (i.saturating_sub(5)..i.saturating_sub(1))
            .any(|p| self.lex(cat, p).is_some_and(|x| x.0 == i))
    }

    /// A blocker word before the relative day `i..j` does not block it when it ends a longer
    /// phrase that expects a date ("a partir de mañana", "dos días después de hoy"), or when
    /// it opens a range closed by another relative day ("de ontem até hoje").
    fn blocker_lifted(&self, i: usize, j: usize) -> bool {
        let expects_date = [Cat::Shift, Cat::OpenStart, Cat::OpenEnd, Cat::Preposition];
        if expects_date.iter().any(|&c| self.long_phrase_ends_at(c, i)) {
            return true;
        }
        self.prev_is(Cat::RangeFrom, i)
            && self
                .lex(Cat::RangeTo, j)
                .is_some_and(|(k, _, _)| self.lex(Cat::RelDay, k).is_some())
    }

    /// True when a weekday (or, with `rel_day`, a relative day phrase) ends right before `e`.
    fn day_word_ends_at(&self, e: usize, rel_day: bool) -> bool {
        (e.saturating_sub(5)..e).any(|p| {
            self.weekday(p).is_some_and(|w| w.0 == e)
                || (rel_day && self.lex(Cat::RelDay, p).is_some_and(|x| x.0 == e))
        })
    }

    /// The ambiguous weekday `i..j` stands in a list of days: another weekday next to it,
    /// alone or after a comma, an and_word or a one-word preposition ("terça, qua, qui ou
    /// sexta", "Mon or Tue"), or a relative day after a comma or an and_word ("dom, amanhã,
    /// hoje"; not "el mar hoy", "o dom de amanhã").
    fn in_day_list(&self, i: usize, j: usize) -> bool {
        let mut k = j;
        let mut separated = false;
        if self.punct(k, &[","]) {
            k += 1;
            separated = true;
        }
        if let Some((e, _, _)) = self.lex(Cat::And, k) {
            k = e;
            separated = true;
        } else if self.lex(Cat::Preposition, k).is_some_and(|x| x.0 == k + 1)
            && self.weekday(k + 1).is_some()
        {
            return true;
        }
        if self.weekday(k).is_some() || (separated && self.lex(Cat::RelDay, k).is_some()) {
            return true;
        }
        let mut e = i;
        let mut separated = false;
        if e > 0 && self.t.ends_with(Cat::And, self.words[e - 1]) {
            e -= 1;
            separated = true;
        } else if e > 1 && self.t.ends_with(Cat::Preposition, self.words[e - 1]) {
            // "qui, ou sexta": a comma may come before the preposition.
            let w = if self.punct(e - 2, &[","]) {
                e - 2
            } else {
                e - 1
            };
            if self.day_word_ends_at(w, false) {
                return true;
            }
        }
        if self.punct(e.wrapping_sub(1), &[","]) {
            e -= 1;
            separated = true;
        }
        self.day_word_ends_at(e, separated)
    }

    /// "the week after next" (`i..e`), but not a shift to a date that starts inside it: "two
    /// months after next Friday" (a count before it, or a date right after it).
    fn after_next_alone(&self, i: usize, e: usize) -> bool {
        let counted = (i.saturating_sub(4)..i).any(|s| self.count(s).is_some_and(|c| c.0 == i));
        let date_next =
            self.weekday(e).is_some() || self.unit(e).is_some() || self.month(e).is_some();
        !counted && !date_next
    }

    /// A relative expression at `i`.
    fn rel(&self, i: usize) -> Option<(usize, Rel)> {
        // "the weekend", but not one of another date ("the weekend of March 3", "the weekend
        // before the vote", "el fin de semana pasado" is read at its unit).
        if let Some((j, _, _)) = self.lex(Cat::WeekendByTense, i) {
            let other = [
                Cat::Of,
                Cat::ModAfter,
                Cat::Shift,
                Cat::OpenStart,
                Cat::OpenEnd,
                Cat::WeekOf,
            ]
            .into_iter()
            .any(|c| self.lex(c, j).is_some());
            return (!other).then_some((j, Rel::WeekendByTense));
        }
        if let Some((j, k, _)) = self.lex(Cat::RelDay, i) {
            let nowadays = k == 0
                && self.prev_is(Cat::Nowadays, i)
                && self.tok(j).is_some_and(|t| t.kind == Kind::Word);
            if (self.prev_is(Cat::RelDayBlocker, i) && !self.blocker_lifted(i, j)) || nowadays {
                return None;
            }
            return Some((j, Rel::Day(k)));
        }
        if let Some((j, md, _)) = self.lex(Cat::ModBefore, i) {
            if let Some((e, wd, _)) = self.weekday(j) {
                return Some((e, Rel::Weekday(wd, Some(md))));
            }
            if let Some((e, u)) = self.period(j) {
                // "this school year", "neste ano letivo"
                if self.prev_is(Cat::NotCalendarYear, j)
                    || self.lex(Cat::NotCalendarYear, e).is_some()
                {
                    return None;
                }
                return Some((e, Rel::Unit(u, md)));
            }
            if let Some(mh) = self.month(j) {
                // "This may or may not": an ambiguous month must be capitalized.
                let cap_ok = !mh.ambiguous || !self.t.capitalized_names || self.toks[j].upper;
                if !mh.abbr && cap_ok {
                    return Some((mh.end, Rel::Month(mh.m, md)));
                }
            }
            if let Some((e, s, _)) = self.lex(Cat::Season, j) {
                return Some((e, Rel::Season(s as u8, md)));
            }
        }
        if let Some((j, wd, ambiguous)) = self.weekday(i) {
            if let Some((e, md, _)) = self.lex(Cat::ModAfter, j) {
                if md != 2 || self.after_next_alone(i, e) {
                    return Some((e, Rel::Weekday(wd, Some(md))));
                }
            }
            if !ambiguous || self.in_day_list(i, j) {
                return Some((j, Rel::Weekday(wd, None)));
            }
        }
        if let Some((j, u)) = self.period(i) {
            if let Some((e, md, _)) = self.lex(Cat::ModAfter, j) {
                if md != 2 || self.after_next_alone(i, e) {
                    return Some((e, Rel::Unit(u, md)));
                }
            }
        }
        if let Some(mh) = self.month(i) {
            if let Some((e, md, _)) = self.lex(Cat::ModAfter, mh.end) {
                if !mh.abbr && md != 2 {
                    return Some((e, Rel::Month(mh.m, md)));
                }
            }
        }
        if let Some((j, s, _)) = self.lex(Cat::Season, i) {
            if let Some((e, md, _)) = self.lex(Cat::ModAfter, j).filter(|m| m.1 != 2) {
                return Some((e, Rel::Season(s as u8, md)));
            }
        }
        if let Some((j, _, _)) = self.lex(Cat::AgoBefore, i) {
            if let Some((e, n, u)) = self.count_unit(j) {
                return Some((e, Rel::Shift(u, -n)));
            }
        }
        if let Some((j, _, _)) = self.lex(Cat::LaterBefore, i) {
            if let Some((e, n, u)) = self.count_unit(j) {
                return Some((e, Rel::Shift(u, n)));
            }
        }
        if let Some((j, n, u)) = self.count_unit(i) {
            if let Some((e, _, _)) = self.lex(Cat::AgoAfter, j) {
                return Some((e, Rel::Shift(u, -n)));
            }
            if let Some((e, _, _)) = self.lex(Cat::LaterAfter, j) {
                return Some((e, Rel::Shift(u, n)));
            }
        }
        None
    }

    /// "early March", "a principios de 2025", "mi-mars", "late last year".
    fn parse_part(&self, i: usize) -> Option<(usize, Vec<Cand>)> {
        let (mut j, part, _) = self.lex(Cat::Part, i)?;
        if self.glued_punct(j, &["-"]) {
            j += 1;
        }
        let mut of = false;
        if let Some((k, _, _)) = self.lex(Cat::Of, j) {
            j = k;
            of = true;
        }
        let with_part = |mut c: Cand, e: usize| {
            c.start = i;
            c.part = Some(part as u8);
            Some((e, vec![c]))
        };
        if let Some((e, rel)) = self.rel(j) {
            if matches!(rel, Rel::Unit(..) | Rel::Month(..) | Rel::Season(..)) {
                return with_part(Cand::new(i, e, Expr::Rel(rel)), e);
            }
        }
        if let Some((e, cands)) = self.parse_abs(j, Mode::Plain) {
            if let [c] = cands.as_slice() {
                if let Expr::Point(p) = c.expr {
                    if p.d.is_none() {
                        return with_part(c.clone(), e);
                    }
                }
            }
        }
        // "the end of the year", "finales de año": the current unit.
        if of {
            let k = self.skip_article(j);
            if let Some((e, u)) = self.unit(k) {
                if matches!(u, Unit::Month | Unit::Year) {
                    return with_part(Cand::new(i, e, Expr::Rel(Rel::Unit(u, 0))), e);
                }
            }
        }
        None
    }

    /// "later in the year", "earlier in the week", "más tarde en el año": a vague word that
    /// is a part word, a preposition, and a week, month or year: the reference's own unit with
    /// that part (the bare unit, "the week", is no date without such a cue).
    fn vague_in_unit(&self, i: usize) -> Option<(usize, Vec<Cand>)> {
        let (j, _, _) = self.lex(Cat::Vague, i)?;
        let part = self.lex(Cat::Part, i).filter(|p| p.0 == j)?.1;
        let (k, _, _) = self.lex(Cat::Preposition, j)?;
        let (e, u) = self.unit(self.skip_article(k))?;
        if !matches!(u, Unit::Week | Unit::Month | Unit::Year) {
            return None;
        }
        let mut c = Cand::new(i, e, Expr::Rel(Rel::Unit(u, 0)));
        c.vague = true;
        c.part = Some(part as u8);
        Some((e, vec![c]))
    }

    /// Every date starting at token `i`, longest reading first; `None` when none starts here.
    pub fn parse_at(&self, i: usize) -> Option<(usize, Vec<Cand>)> {
        if let Some((j, _, _)) = self.lex(Cat::Approx, i) {
            if let Some((e, mut cands)) = self.parse_abs(j, Mode::Plain) {
                cands[0].start = i;
                cands[0].approx = true;
                return Some((e, cands));
            }
        }
        // "il y a à peu près un mois", "hace aproximadamente dos años": an approximate count.
        if let Some((j, _, _)) = self.lex(Cat::AgoBefore, i) {
            if let Some((k, _, _)) = self.lex(Cat::Approx, j) {
                if let Some((e, n, u)) = self.count_unit(k) {
                    let mut c = Cand::new(i, e, Expr::Rel(Rel::Shift(u, -n)));
                    c.approx = true;
                    return Some((e, vec![c]));
                }
            }
        }
        if let Some(r) = self.vague_in_unit(i) {
            return Some(r);
        }
        if let Some((j, _, _)) = self.lex(Cat::Vague, i) {
            if let Some((e, rel)) = self.rel(j) {
                if matches!(rel, Rel::Unit(..) | Rel::Month(..)) {
                    let mut c = Cand::new(i, e, Expr::Rel(rel));
                    c.vague = true;
                    // "later this week": a vague word that is also a part word qualifies it.
                    c.part = self
                        .lex(Cat::Part, i)
                        .filter(|p| p.0 == j)
                        .map(|p| p.1 as u8);
                    return Some((e, vec![c]));
                }
            }
        }
        if let Some(r) = self.parse_part(i) {
            return Some(r);
        }
        for (cat, mode) in [
            (Cat::RangeBetween, Mode::Between),
            (Cat::RangeFrom, Mode::From),
        ] {
            if let Some((j, _, _)) = self.lex(cat, i) {
                let j = self.skip_article(j);
                if let Some((e, cands)) = self.parse_abs(j, mode) {
                    if matches!(
                        cands.as_slice(),
                        [Cand {
                            expr: Expr::Range(..),
                            ..
                        }]
                    ) {
                        return Some((e, cands));
                    }
                }
            }
        }
        // "el día 15", "no dia 12": a day of an unnamed month.
        if let Some((j, _, _)) = self.lex(Cat::DayWord, i) {
            if let Some((e, d)) = self.day(j) {
                // Not a count or an ordinal of something named next ("le 17e arrondissement").
                let free = self.tok(e).map_or(true, |t| {
                    t.kind != Kind::Word
                        || t.upper
                        || [
                            Cat::Preposition,
                            Cat::And,
                            Cat::RangeTo,
                            Cat::Article,
                            Cat::Of,
                        ]
                        .into_iter()
                        .any(|c| self.lex(c, e).is_some())
                });
                // A longer date, range or list wins: "on 6 and 7 December".
                if free
                    && self
                        .parse_abs(j, Mode::Plain)
                        .map_or(true, |(pe, _)| pe <= e)
                {
                    let pt = Pt {
                        d: Some(d),
                        ..Pt::default()
                    };
                    return Some((e, vec![Cand::new(j, e, Expr::Point(pt))]));
                }
            }
        }
        let abs = self.parse_abs(i, Mode::Plain);
        let rel = self.rel(i);
        match (abs, rel) {
            (Some(a), Some((e, r))) if e > a.0 => Some((e, vec![Cand::new(i, e, Expr::Rel(r))])),
            (Some(a), _) => Some(a),
            (None, Some((e, r))) => Some((e, vec![Cand::new(i, e, Expr::Rel(r))])),
            (None, None) => None,
        }
    }
}

/// The place of a number's last non-zero digit: 900 → 100, 20 → 10, 19 → 1.
fn place(n: i32) -> i32 {
    let mut p = 1;
    while n % (p * 10) == 0 && n >= p * 10 {
        p *= 10;
    }
    p
}

/// A two-digit year: 00..=29 are 2000..=2029, 30..=99 are 1930..=1999 (the .NET default
/// `TwoDigitYearMax` of 2029, which the Recognizers-Text suites follow: "03/18/40" is 1940).
fn two_digit_year(y: i32) -> i32 {
    if y < 30 {
        2000 + y
    } else {
        1900 + y
    }
}

fn decade(y: i32) -> Pt {
    Pt {
        y: Some(y),
        decade: true,
        ..Pt::default()
    }
}

/// Two points as the ends of one range: the same kind, missing years filled from the other
/// end, in order.
fn combine(mut a: Pt, mut b: Pt) -> Option<(Pt, Pt)> {
    // "Nov-Feb 5th, 2017", "de noviembre a 5 de febrero": a month alone before a day starts
    // on its first day.
    let month_only = (true, false, false, false, false, false, false);
    let day_only = (true, true, false, false, false, false, false);
    if a.kind() == month_only && b.kind() == day_only && b.weekday.is_none() {
        a.d = Some(1);
    }
    if a.kind() != b.kind() || a.decade || a.century || b.century {
        return None;
    }
    if a.m.is_none()
        && a.season.is_none()
        && a.quarter.is_none()
        && (a.y.is_none() || b.y.is_none())
    {
        return None;
    }
    match (a.y, b.y) {
        (None, Some(y)) => {
            a.y = Some(y);
            if a.key() > b.key() {
                a.y = Some(y - 1);
            }
        }
        (Some(y), None) => {
            b.y = Some(y);
            if a.key() > b.key() {
                b.y = Some(y + 1);
            }
        }
        _ => {}
    }
    if let (Some(m), Some(d)) = (a.m, a.d) {
        if !valid(a.y, m, d) {
            return None;
        }
    }
    if let (Some(m), Some(d)) = (b.m, b.d) {
        if !valid(b.y, m, d) {
            return None;
        }
    }
    if a.y.is_some() && b.y.is_some() && a.key() >= b.key() {
        return None;
    }
    if a.y.is_none() && a.key() == b.key() {
        return None;
    }
    Some((a, b))
}
