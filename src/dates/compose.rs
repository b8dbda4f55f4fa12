//! Composition: dates made of several mentions of one sentence, or of a mention and the words
//! around it, after the grammar (`parse.rs`) has read every single mention and the resolver
//! has given each its value.
//!
//! The words come from the sentence's language table (the keys under `# composition` in each
//! `dates.toml`). In order:
//! - **rolling periods**: "next 3 days", "the 5 past years", "los próximos tres días", "las
//!   10 semanas anteriores", "les trois prochains jours": the days from the day after the reference to that many units
//!   later (`2016-11-08/2016-11-10`), or from that many units back to the day before it;
//!   `relative` says `next-3-days`, `last-5-years`; quarters are whole quarters after or
//!   before the reference's own ("the past two quarters" on 2019-07-04 = `2019-01/2019-06`,
//!   `last-2-quarters`), the next decades likewise ("the next two decades" in 2018 =
//!   `2020/2039`), but the last decades are the years up to the reference ("the last two
//!   decades" on 2018-07-02 = `1998-07-02/2018-07-01`, as news means it);
//!   business days count Monday to Friday ("the next 4 business days");
//! - **within**: "within 9 months", "within the next 2 weeks": from the reference day to the
//!   day before that many units on (not in past-tense sentences, nor "within a week of the
//!   attack": counted from an event);
//! - **a date in a stated year**: "28 june in 2020", "de abril a junio en 2017" (a date or
//!   range without a year, a preposition, a year): that date in that year;
//! - **a weekday or day inside a relative week or month**: "tuesday of last week", "next week
//!   on Tuesday", "el martes de la semana pasada", "first Monday of next month", "the 15th day
//!   of next month": that day;
//! - **arithmetic**: "two days after today", "3 weeks from tomorrow", "2 weeks before May 13
//!   1999", "in two years since 2011" (a count of units, a shift word, a date: the first day
//!   of the date moved by that many units), and "2 weeks and 2 days ago" (a count added to a
//!   counted relative date); "more than 2 weeks before today" is the open range beyond that
//!   day (`../2018-05-28`), "less than 3 days after tomorrow" the days from the date up to
//!   it (`2018-05-30/2018-06-01`);
//! - **a weekday of a moved week**: "Monday two weeks from now", "3 weeks after Christmas on
//!   Friday", "the first week of October on Friday": a weekday next to a day moved by weeks,
//!   months or years (not days: "Monday, three days after Christmas" stays two dates), or next
//!   to a whole Monday-to-Sunday week, is that weekday of the week;
//! - **ranges across two mentions**: "from this May to Oct 2020", "between Jan 2019 and now",
//!   "2014 through May 2018", "del 3 de marzo a hoy" (two mentions joined by a to-word, or by
//!   an and-word after a between-word; "now"/"to date" is the reference day): from the start
//!   of the first to the end of the second, as `2014/2018` when both are the same unit, else
//!   day to day (the finer unit when one is a year and the other a month); a bare weekday
//!   after a day is the first such weekday on or after it ("from next monday to friday"), and
//!   a year-less end that the resolver put before the start is the one a year later
//!   ("between now and November 15th" in April). Words that open the range stay out of the span, as in the
//!   grammar's own ranges;
//! - **open ranges** (ISO 8601-2 / EDTF `..`), keeping the mention's precision: "after 2016"
//!   = `2017/..`, "before 2018" = `../2017`, "until April 27" = `../XXXX-04-27` (inclusive),
//!   "starting January 7th" and "2018 or later" = from it on, "2018 or earlier" = up to it.
//!   A date with a part qualifier keeps its unit: "after mid May" = `XXXX-05/..`, qualifier
//!   `mid`. The words are part of the span. A day followed by such a word and a time of day
//!   is bounded by that day: "tomorrow before 5pm" = up to tomorrow, "Tuesday after 1pm" =
//!   from Tuesday on (the time itself is not kept).
//!
//! # What this does not do
//! "since 2017", "desde 2023", "depuis 2019" stay the year 2017: the start of a state that
//! lasts is dated by it (as the gold annotations write it); "since" opens no range. Nothing is
//! guessed: without a reference date, composed relative dates keep `XXXX-XX-XX` and say what
//! they are in `relative`; a composition whose parts cannot be put on the calendar (a year-less
//! "after December") is not made, and the mentions stay as they were. "more than 2 weeks
//! before today", business days other than in rolling periods, and times of day (other than as a bound of a day) are not
//! composed (nor "more than" without a date: "more than 2 weeks later"); "the last 3 weeks of this year" is counted from that year's end, never from the
//! reference (a rolling period of another date is not a rolling period of the reference).

use super::calendar::{add_months, days_in_month, iso_week_monday, Day};
use super::parse::{Cand, Expr, Parser, Pt, Rel, Unit};
use super::table::Cat;
use super::token::Kind;
use super::{Tense, WEEKDAY_NAMES};
use crate::model::{DateMention, Precision};
use std::cell::OnceCell;

/// One mention of a sentence, with its token span and, when the grammar read it, its
/// expression.
pub(crate) struct Item {
    start: usize,
    end: usize,
    expr: Option<Expr>,
    /// A day reached by moving whole weeks, months or years ("two weeks from now", "3 weeks
    /// after Christmas"): a weekday named next to it is that weekday of its week.
    moved: bool,
    pub m: DateMention,
}

impl Item {
    pub fn new(c: &Cand, m: DateMention) -> Item {
        Item {
            start: c.start,
            end: c.end,
            expr: Some(c.expr),
            moved: matches!(
                c.expr,
                Expr::Rel(Rel::Shift(Unit::Week | Unit::Month | Unit::Year, _))
            ),
            m,
        }
    }
}

const UNIT_NAMES: [&str; 5] = ["day", "week", "month", "year", "weekend"];
/// The value of a decade unit word (`Cat::Unit`).
const DECADE: i32 = 6;
/// The unit of a rolling period of business days ("the next 4 business days").
const BUSINESS_DAYS: i32 = 7;

/// Compose the mentions of one sentence (in text order; they stay in text order).
/// `tense` is the sentence's, when the resolver has worked it out already.
pub(crate) fn compose(
    p: &Parser,
    text: &str,
    refday: Option<Day>,
    tense: Option<Tense>,
    items: &mut Vec<Item>,
) {
    let c = Composer {
        p,
        text,
        refday,
        tense: tense.map(OnceCell::from).unwrap_or_default(),
    };
    // The two passes that read every token need a word of their own in the sentence.
    if p.holds(Cat::Rolling) {
        c.rolling(items);
    }
    if p.holds(Cat::Within) {
        c.within(items);
    }
    c.in_year(items);
    c.units_of(items);
    c.in_period(items);
    c.shifts(items);
    c.weekday_of_week(items);
    c.ranges(items);
    c.open(items);
}

struct Composer<'a, 'b> {
    p: &'a Parser<'b>,
    text: &'a str,
    refday: Option<Day>,
    /// The sentence's tense, worked out on first use.
    tense: OnceCell<Tense>,
}

impl Composer<'_, '_> {
    fn tense(&self) -> Tense {
        *self.tense.get_or_init(|| super::tense(self.p, self.text))
    }

    /// A mention over tokens `s..e` with `value`, the other fields from `like`.
    fn mention(
        &self,
        s: usize,
        e: usize,
        value: String,
        prec: Precision,
        like: &DateMention,
    ) -> Item {
        let start = self.p.toks[s].start;
        let end = self.p.toks[e - 1].end;
        Item {
            start: s,
            end: e,
            expr: None,
            moved: false,
            m: DateMention {
                start,
                end,
                text: self.text[start..end].to_string(),
                value,
                precision: prec,
                qualifier: like.qualifier.clone(),
                relative: like.relative.clone(),
                year_inferred: like.year_inferred,
                anchor: like.anchor.clone(),
            },
        }
    }

    /// A mention made from words only, resolved against the reference when there is one.
    fn fresh(&self, value: String, relative: String) -> DateMention {
        DateMention {
            start: 0,
            end: 0,
            text: String::new(),
            value,
            precision: Precision::Day,
            qualifier: None,
            relative: Some(relative),
            year_inferred: false,
            anchor: self.refday.map(|r| format!("reference:{}", r.iso())),
        }
    }

    /// The longest phrase of `cat` that ends right at token `end` (starting at most 6 tokens
    /// before): (its first token, value).
    fn ending_at(&self, cat: Cat, end: usize) -> Option<(usize, i32)> {
        (end.saturating_sub(6)..end).find_map(|s| match self.p.lex(cat, s) {
            Some((e, v, _)) if e == end => Some((s, v)),
            _ => None,
        })
    }

    /// A count: digits, a number word or a number in words (the grammar's).
    fn count(&self, i: usize) -> Option<(usize, i32)> {
        self.p.count(i)
    }

    /// "3 days", "two weeks": (end, count, unit value 0 day .. 3 year).
    fn count_unit(&self, i: usize) -> Option<(usize, i32, i32)> {
        let (j, n) = self.count(i)?;
        let (k, u, _) = self.p.lex(Cat::Unit, j)?;
        (u <= 3).then_some((k, n, u))
    }

    /// A count of units ending right at token `end`: (its first token, count, unit).
    fn count_unit_ending_at(&self, end: usize) -> Option<(usize, i32, i32)> {
        (end.saturating_sub(5)..end).find_map(|s| match self.count_unit(s) {
            Some((e, n, u)) if e == end => Some((s, n, u)),
            _ => None,
        })
    }

    /// "next 3 days", "3 next days", "the 5 past years".
    fn rolling(&self, items: &mut Vec<Item>) {
        let mut i = 0;
        while i < self.p.toks.len() {
            let hit = match self.p.lex(Cat::Rolling, i) {
                Some((j, dir, _)) => self.count(j).and_then(|(k, n)| {
                    let (e, u) = self.rolling_unit(k)?;
                    Some((e, n, u, dir))
                }),
                // "the 5 past years": only after an article or a preposition ("only 3 next
                // week" counts people).
                None => self.count(i).and_then(|(j, n)| {
                    let opened = i > 0
                        && (self.ending_at(Cat::Article, i).is_some()
                            || self.ending_at(Cat::Preposition, i).is_some());
                    if !opened {
                        return None;
                    }
                    // "the 5 past years", or "los 2 días siguientes".
                    if let Some((k, dir, _)) = self.p.lex(Cat::Rolling, j) {
                        let (e, u) = self.rolling_unit(k)?;
                        return Some((e, n, u, dir));
                    }
                    let (k, u) = self.rolling_unit(j)?;
                    let (e, dir, _) = self.p.lex(Cat::Rolling, k)?;
                    Some((e, n, u, dir))
                }),
            };
            let Some((e, n, u, dir)) = hit else {
                i = self.rolling_quarters(i, items).unwrap_or(i + 1);
                continue;
            };
            // "the last 3 weeks of this year" counts back from the end of another date, not
            // from the reference: not composed.
            let of_date = self.p.lex(Cat::Of, e).is_some_and(|(j, _, _)| {
                let j = self.p.lex(Cat::Article, j).map_or(j, |(a, _, _)| a);
                items.iter().any(|x| x.start == j)
            });
            if n < 1 || of_date {
                i = e;
                continue;
            }
            let value = match self.refday {
                Some(r) if u == BUSINESS_DAYS => {
                    let (a, b) = business_days(r, n, dir);
                    format!("{}/{}", a.iso(), b.iso())
                }
                Some(r) if dir > 0 => format!("{}/{}", r.add_days(1).iso(), shift(r, u, n).iso()),
                Some(r) => format!("{}/{}", shift(r, u, -n).iso(), r.add_days(-1).iso()),
                None => "XXXX-XX-XX/XXXX-XX-XX".to_string(),
            };
            let unit = UNIT_NAMES.get(u as usize).unwrap_or(&"business-day");
            let rel = format!("{}-{n}-{unit}s", if dir > 0 { "next" } else { "last" });
            let like = self.fresh(value.clone(), rel);
            let item = self.mention(i, e, value, Precision::Day, &like);
            put(items, item);
            i = e;
        }
    }

    /// A unit of a rolling period at `i`: (end, 0 day .. 3 year, or [`BUSINESS_DAYS`]).
    fn rolling_unit(&self, i: usize) -> Option<(usize, i32)> {
        if let Some((e, _, _)) = self.p.lex(Cat::BusinessDay, i) {
            return Some((e, BUSINESS_DAYS));
        }
        let (e, u, _) = self.p.lex(Cat::Unit, i)?;
        (u <= 3).then_some((e, u))
    }

    /// "within 9 months", "within the next 10 months": from the reference day up to the day
    /// before that many units on. Not in past-tense text, where it counts from an event of
    /// the story ("they were caught within a week"), nor before a date or an event ("within
    /// two weeks of the attack", "within a year after his release").
    fn within(&self, items: &mut Vec<Item>) {
        let mut i = 0;
        while i < self.p.toks.len() {
            let Some((j, _, _)) = self.p.lex(Cat::Within, i) else {
                i += 1;
                continue;
            };
            let j = match self.p.lex(Cat::Rolling, j) {
                Some((k, 1, _)) => k,
                _ => j,
            };
            let Some((e, n, u)) = self.count_unit(j) else {
                i = j;
                continue;
            };
            let of_event = [Cat::Of, Cat::Shift, Cat::OpenStart, Cat::OpenEnd]
                .into_iter()
                .any(|c| self.p.lex(c, e).is_some());
            if n < 1 || of_event || self.tense() == Tense::Past {
                i = e;
                continue;
            }
            let value = match self.refday {
                Some(r) => format!("{}/{}", r.iso(), shift(r, u, n).add_days(-1).iso()),
                None => "XXXX-XX-XX/XXXX-XX-XX".to_string(),
            };
            let rel = format!("within-{n}-{}s", UNIT_NAMES[u as usize]);
            let like = self.fresh(value.clone(), rel);
            let item = self.mention(i, e, value, Precision::Day, &like);
            put(items, item);
            i = e;
        }
    }

    /// "the last 2 quarters", "next 7 quarters", "the following 2 quarters", "the next two
    /// decades": whole quarters (decades) before or after the reference day's own quarter
    /// (decade): `2019-01/2019-06`, `2020/2039`; the index after the phrase when one starts
    /// at `i`.
    fn rolling_quarters(&self, i: usize, items: &mut Vec<Item>) -> Option<usize> {
        let (j, dir, _) = self.p.lex(Cat::Rolling, i)?;
        let (k, n) = self.count(j)?;
        let (e, decades) = match self.p.lex(Cat::Quarter, k) {
            Some((e, _, _)) => (e, false),
            None => match self.p.lex(Cat::Unit, k)? {
                (e, DECADE, _) => (e, true),
                _ => return None,
            },
        };
        if !(1..=40).contains(&n) {
            return None;
        }
        let whole = |q: i32| {
            if dir > 0 {
                (q + 1, q + n)
            } else {
                (q - n, q - 1)
            }
        };
        // "the last two decades" is read as news reads it: the twenty years up to the
        // reference (as "the last 20 years"), not the calendar decades before this one.
        let rolling_back = decades && dir < 0;
        let value = match (self.refday, decades) {
            (Some(r), true) if rolling_back => {
                format!("{}/{}", shift(r, 3, -10 * n).iso(), r.add_days(-1).iso())
            }
            (None, true) if rolling_back => "XXXX-XX-XX/XXXX-XX-XX".to_string(),
            (Some(r), true) => {
                let (first, last) = whole(r.y.div_euclid(10));
                format!("{:04}/{:04}", first * 10, last * 10 + 9)
            }
            (Some(r), false) => {
                let (first, last) = whole((r.y * 12 + r.m as i32 - 1) / 3);
                let month = |q: i32, off: i32| {
                    let m = q * 3 + off;
                    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
                };
                format!("{}/{}", month(first, 0), month(last, 2))
            }
            (None, true) => "XXXX/XXXX".to_string(),
            (None, false) => "XXXX-XX/XXXX-XX".to_string(),
        };
        let what = if decades { "decades" } else { "quarters" };
        let rel = format!("{}-{n}-{what}", if dir > 0 { "next" } else { "last" });
        let like = self.fresh(value.clone(), rel);
        let prec = if rolling_back {
            Precision::Day
        } else if decades {
            Precision::Year
        } else {
            Precision::Month
        };
        let item = self.mention(i, e, value, prec, &like);
        put(items, item);
        Some(e)
    }

    /// "28 june in 2020", "from april to June in 2017": a date without a year and a year
    /// joined by a preposition are that date in that year. "March of last year", "June 28 of
    /// next year", "week 27 of last year", "marzo del año pasado", "mars de l'année dernière":
    /// a date without a year, an of-word (and an article) and a relative year, likewise.
    fn in_year(&self, items: &mut Vec<Item>) {
        let mut k = 0;
        while k + 1 < items.len() {
            let (a, b) = (&items[k], &items[k + 1]);
            let yearless = |p: &Pt| p.m.is_some() && p.y.is_none() && p.weekday.is_none();
            // ISO week n of an unnamed year ("week 27").
            let iso_week = match a.expr {
                Some(Expr::Point(p)) if p.y.is_none() && p.m.is_none() => p.week.filter(|&w| w > 0),
                _ => None,
            };
            let dated = match a.expr {
                Some(Expr::Point(p)) => yearless(&p) || iso_week.is_some(),
                Some(Expr::Range(p, q)) => yearless(&p) && yearless(&q),
                _ => false,
            };
            let stated_year = match b.expr {
                Some(Expr::Point(p))
                    if p.y.is_some()
                        && p.m.is_none()
                        && p.quarter.is_none()
                        && !p.decade
                        && !p.century =>
                {
                    p.y.filter(|_| b.m.precision == Precision::Year)
                }
                _ => None,
            };
            // "last year", "el año pasado" once resolved: a plain year.
            let relative_year = match b.expr {
                Some(Expr::Rel(Rel::Unit(Unit::Year, _))) if b.m.value.len() == 4 => {
                    b.m.value.parse::<i32>().ok()
                }
                _ => None,
            };
            let joined = if stated_year.is_some() {
                self.p
                    .lex(Cat::Preposition, a.end)
                    .is_some_and(|(e, _, _)| e == b.start)
            } else {
                self.p.lex(Cat::Of, a.end).is_some_and(|(e, _, _)| {
                    e == b.start
                        || self
                            .p
                            .lex(Cat::Article, e)
                            .is_some_and(|(f, _, _)| f == b.start)
                })
            };
            let value = match (dated, stated_year.or(relative_year), joined) {
                (true, Some(y), true) => match iso_week {
                    Some(n) => {
                        let monday = iso_week_monday(y, n as u32);
                        Some(format!("{}/{}", monday.iso(), monday.add_days(6).iso()))
                    }
                    None => with_year(&a.m.value, y),
                },
                _ => None,
            };
            let Some(value) = value else {
                k += 1;
                continue;
            };
            let mut like = a.m.clone();
            like.year_inferred = false;
            like.anchor = None;
            if stated_year.is_none() {
                // Relative to the reference through its year: "XXXX-03-of-last-year".
                let what = match iso_week {
                    Some(n) => format!("week-{n}"),
                    None => {
                        a.m.value
                            .split('/')
                            .map(|x| format!("XXXX{}", x.get(4..).unwrap_or("")))
                            .collect::<Vec<_>>()
                            .join("/")
                    }
                };
                like.relative = b.m.relative.as_ref().map(|r| format!("{what}-of-{r}"));
            }
            let item = self.mention(a.start, b.end, value, a.m.precision, &like);
            k = put(items, item) + 1;
        }
    }

    /// "the first 2 weeks of 2021", "the last four months of 2021", "los primeros diez días
    /// del último año", "the last week of this month": that many days, weeks or months from
    /// the start or back from the end of a year or month (weeks are Monday to Sunday, those
    /// whose Thursday falls in it); "the third month of 2021", "the 9th month of next year": that month.
    fn units_of(&self, items: &mut Vec<Item>) {
        let mut k = 0;
        while k < items.len() {
            let x = &items[k];
            let period = matches!(x.m.precision, Precision::Year | Precision::Month)
                && !x.m.value.contains('/')
                && !x.m.value.contains('X');
            let found = period
                .then(|| self.units_before(x.start, x.m.precision == Precision::Year))
                .flatten();
            let (Some((s, what)), Some((first, last))) = (found, bounds(&x.m.value)) else {
                k += 1;
                continue;
            };
            let (value, prec) = match what {
                UnitsOf::Nth(n) => (format!("{:04}-{n:02}", first.y), Precision::Month),
                UnitsOf::Count(dir, n, u) => {
                    let (a, b) = match (u, dir > 0) {
                        (0, true) => (first, first.add_days(i64::from(n) - 1)),
                        (0, false) => (last.add_days(1 - i64::from(n)), last),
                        // The weeks whose Thursday falls in the period, as the grammar's "the
                        // last week of May".
                        (1, true) => {
                            let thursday = first.add_days(i64::from((10 - first.weekday()) % 7));
                            let monday = thursday.add_days(-3);
                            (monday, monday.add_days(7 * i64::from(n) - 1))
                        }
                        (1, false) => {
                            let thursday = last.add_days(-i64::from((last.weekday() + 4) % 7));
                            let sunday = thursday.add_days(3);
                            (sunday.add_days(1 - 7 * i64::from(n)), sunday)
                        }
                        (_, true) => (first, shift(first, 2, n - 1)),
                        (_, false) => (shift(last, 2, 1 - n), last),
                    };
                    if (u != 1 && (a < first || b > last)) || b < a {
                        k += 1;
                        continue;
                    }
                    if u == 2 {
                        let ym = |d: Day| format!("{:04}-{:02}", d.y, d.m);
                        (format!("{}/{}", ym(a), ym(b)), Precision::Month)
                    } else {
                        (format!("{}/{}", a.iso(), b.iso()), Precision::Day)
                    }
                }
            };
            let like = x.m.clone();
            let item = self.mention(s, x.end, value, prec, &like);
            k = put(items, item) + 1;
        }
    }

    /// What stands before the of-word that ends right at token `end`: an ordinal and a month
    /// unit (only before a year), or a first/last word, maybe a count, and a day, week or
    /// month unit; (its first token, what).
    fn units_before(&self, end: usize, year: bool) -> Option<(usize, UnitsOf)> {
        let (o, _) = self.ending_at(Cat::Of, end)?;
        let (us, u) = self.ending_at(Cat::Unit, o)?;
        if !(0..=2).contains(&u) || (u == 2 && !year) {
            return None;
        }
        let with_article = |s: usize| self.ending_at(Cat::Article, s).map_or(s, |(a, _)| a);
        if u == 2 {
            let nth = (us.saturating_sub(3)..us).find_map(|s| {
                let (e, n) = self.p.ordinal(s)?;
                (e == us && (1..=12).contains(&n)).then_some((s, n))
            });
            if let Some((s, n)) = nth {
                return Some((with_article(s), UnitsOf::Nth(n as u32)));
            }
        }
        let count_ending_at = |e: usize| {
            (e.saturating_sub(4)..e)
                .find_map(|s| self.count(s).filter(|c| c.0 == e).map(|c| (s, c.1)))
        };
        let dir = |e: usize| {
            let first = self.ending_at(Cat::FirstOf, e).map(|(s, _)| (s, 1));
            first.or_else(|| {
                self.ending_at(Cat::Rolling, e)
                    .filter(|&(_, v)| v == -1)
                    .map(|(s, _)| (s, -1))
            })
        };
        // "the first 2 weeks", "the last week"; or "les trois premiers jours".
        let (s, d, n) = match count_ending_at(us) {
            Some((cs, n)) => match dir(cs) {
                Some((s, d)) => (s, d, n),
                None => return None,
            },
            None => match dir(us) {
                Some((ds, d)) => match count_ending_at(ds) {
                    Some((cs, n)) => (cs, d, n),
                    None => (ds, d, 1),
                },
                None => return None,
            },
        };
        (n >= 1).then_some((with_article(s), UnitsOf::Count(d, n, u)))
    }

    /// "tuesday of last week", "next week on Tuesday", "first Monday of next month", "the
    /// 15th day of next month".
    fn in_period(&self, items: &mut Vec<Item>) {
        let mut k = 0;
        while k < items.len() {
            let it = &items[k];
            let week = matches!(it.expr, Some(Expr::Rel(Rel::Unit(Unit::Week, _))));
            let month = it.m.precision == Precision::Month && !it.m.value.contains('/');
            if !week && !month {
                k += 1;
                continue;
            }
            // What comes before: a weekday (with an ordinal in a month) or a day number, then
            // maybe a link word.
            let link = self
                .ending_at(Cat::PeriodLink, it.start)
                .map_or(it.start, |(s, _)| s);
            let mut found = None;
            for end in [link, it.start] {
                if let Some((s, wd)) = self.weekday_ending_at(end) {
                    let nth = if month {
                        self.ending_at(Cat::OrdinalWord, s)
                    } else {
                        None
                    };
                    if week || nth.is_some() {
                        let first = nth.map_or(s, |(o, _)| o);
                        found = Some((first, it.end, Some(wd), nth.map_or(0, |(_, n)| n)));
                        break;
                    }
                }
                if month {
                    if let Some((s, d)) = self.day_ending_at(end) {
                        found = Some((s, it.end, None, d as i32));
                        break;
                    }
                }
            }
            // A week then its weekday: "next week Mon", "next week on Tuesday".
            if found.is_none() && week {
                if let Some((e, wd)) = self.weekday_after(it.end) {
                    found = Some((it.start, e, Some(wd), 0));
                }
            }
            let Some((s, e, wd, n)) = found else {
                k += 1;
                continue;
            };
            let bounds = bounds(&it.m.value);
            let value = match (wd, bounds) {
                (Some(wd), Some((first, _))) if week => {
                    Some(first.add_days(i64::from(wd) - i64::from(first.weekday())))
                }
                (Some(wd), Some((first, last))) => {
                    let off = (wd + 7 - first.weekday()) % 7;
                    let d = first.add_days(i64::from(off) + 7 * i64::from(n - 1));
                    (d <= last).then_some(d)
                }
                (None, Some((first, _))) => {
                    let d = n as u32;
                    (d <= days_in_month(Some(first.y), first.m)).then_some(Day { d, ..first })
                }
                _ => None,
            }
            .map(|d| d.iso());
            let value = match value {
                Some(v) => v,
                // A year-less month keeps its month: "the 15th of March" is XXXX-03-15.
                None if wd.is_none() && it.m.value.len() == 7 => {
                    format!("{}-{n:02}", it.m.value)
                }
                None if it.m.value.contains('X') => "XXXX-XX-XX".to_string(),
                None => {
                    k += 1;
                    continue;
                }
            };
            let mut like = it.m.clone();
            like.relative = it.m.relative.as_ref().map(|r| match wd {
                Some(wd) => format!("{}-of-{r}", WEEKDAY_NAMES[wd as usize]),
                None => format!("day-{n}-of-{r}"),
            });
            let item = self.mention(s, e, value, Precision::Day, &like);
            k = put(items, item) + 1;
        }
    }

    /// A weekday named next to a day reached by moving weeks, months or years, or next to a
    /// whole week: "Monday two weeks from now", "Thursday, two years from now", "3 weeks after
    /// Christmas on Friday", "the first week of October on Friday". The mover names the week;
    /// the weekday, the day of it (Monday to Sunday, as every week here).
    fn weekday_of_week(&self, items: &mut Vec<Item>) {
        let mut k = 0;
        while k < items.len() {
            let it = &items[k];
            let week = bounds(&it.m.value).filter(|(a, b)| {
                it.m.value.contains('/') && a.weekday() == 0 && b.add_days(-6) == *a
            });
            let day = Day::parse(&it.m.value).filter(|_| it.moved);
            let Some(monday) = week
                .map(|w| w.0)
                .or_else(|| day.map(|d| d.add_days(-i64::from(d.weekday()))))
            else {
                k += 1;
                continue;
            };
            // Before: "Monday", "Thursday," (the comma is a token of its own).
            let comma =
                (it.start > 0 && self.p.toks[it.start - 1].norm == ",").then(|| it.start - 1);
            let before = [Some(it.start), comma]
                .into_iter()
                .flatten()
                .find_map(|end| self.weekday_ending_at(end).map(|(s, wd)| (s, it.end, wd)));
            // After: "on Friday", "Friday".
            let after = || self.weekday_after(it.end).map(|(e, wd)| (it.start, e, wd));
            // The weekday must not be the edge of a longer date ("on Friday, March 5").
            let inside = |(s, e, _): &(usize, usize, u32)| {
                items
                    .iter()
                    .all(|x| x.end <= *s || x.start >= *e || (x.start >= *s && x.end <= *e))
            };
            let Some((s, e, wd)) = before.or_else(after).filter(inside) else {
                k += 1;
                continue;
            };
            let value = monday.add_days(i64::from(wd)).iso();
            let mut like = it.m.clone();
            like.relative =
                it.m.relative
                    .as_ref()
                    .map(|r| format!("{}-of-week-of-{r}", WEEKDAY_NAMES[wd as usize]));
            let item = self.mention(s, e, value, Precision::Day, &like);
            k = put(items, item) + 1;
        }
    }

    /// A weekday name at token `i`, maybe after a link word ("on Tuesday", "Mon."): (the
    /// token after it, Monday = 0).
    fn weekday_after(&self, i: usize) -> Option<(usize, u32)> {
        let j = self.p.lex(Cat::PeriodLink, i).map_or(i, |(j, _, _)| j);
        let (e, wd, abbr) = self.p.lex(Cat::Weekday, j)?;
        let dot = self.p.toks.get(e).is_some_and(|t| t.norm == "." && t.glued);
        Some((if abbr && dot { e + 1 } else { e }, wd as u32))
    }

    /// A weekday name ending right at token `end`: (its first token, Monday = 0).
    fn weekday_ending_at(&self, end: usize) -> Option<(usize, u32)> {
        (end.saturating_sub(3)..end).find_map(|s| match self.p.lex(Cat::Weekday, s) {
            Some((e, wd, _)) if e == end || (e + 1 == end && self.p.toks[e].norm == ".") => {
                Some((s, wd as u32))
            }
            _ => None,
        })
    }

    /// A day number with its ordinal suffix ("15th", "1er"), maybe a day word after it ("the
    /// 15th day"), ending right at token `end`: (its first token, the day).
    fn day_ending_at(&self, end: usize) -> Option<(usize, u32)> {
        let end = match self.ending_at(Cat::Unit, end) {
            Some((s, 0)) => s,
            _ => end,
        };
        if end < 2 {
            return None;
        }
        let (num, suffix) = (&self.p.toks[end - 2], &self.p.toks[end - 1]);
        let d = num.num.filter(|d| (1..=31).contains(d))?;
        let ok = num.kind == Kind::Num
            && num.digits() <= 2
            && suffix.glued
            && self.p.t.ordinal_suffixes.contains(suffix.norm.as_str());
        ok.then_some((end - 2, d))
    }

    /// "two days after today", "3 weeks from tomorrow", "in two years since 2011", "2 weeks
    /// and 2 days ago".
    fn shifts(&self, items: &mut Vec<Item>) {
        let mut k = 0;
        while k < items.len() {
            let it = &items[k];
            let (s, n, u, base) = if let Some((w, dir)) = self.ending_at(Cat::Shift, it.start) {
                // A count of units, or a counted relative date ("in two years").
                let prev = items[..k].last().filter(|p| p.end == w);
                let counted = match prev.and_then(|p| p.expr.map(|e| (p.start, e))) {
                    Some((ps, Expr::Rel(Rel::Shift(u, n)))) => {
                        unit_value(u).map(|u| (ps, n.abs(), u))
                    }
                    _ => self.count_unit_ending_at(w),
                };
                let Some((s, n, u)) = counted else {
                    k += 1;
                    continue;
                };
                (s, n * dir, u, bounds(&it.m.value).map(|b| b.0))
            } else if let (Some(Expr::Rel(Rel::Shift(_, m))), Some((a, _))) =
                (it.expr, self.ending_at(Cat::And, it.start))
            {
                // Not a count that belongs to an earlier date ("the last 3 months and 2 days
                // ago").
                let free = |s: usize| items[..k].iter().all(|x| x.end <= s);
                let Some((s, n, u)) = self.count_unit_ending_at(a).filter(|c| free(c.0)) else {
                    k += 1;
                    continue;
                };
                (s, n * m.signum(), u, Day::parse(&it.m.value))
            } else {
                k += 1;
                continue;
            };
            // "more than 2 weeks before today", "less than 3 days after tomorrow": the days
            // beyond the shifted day, or between the date and it.
            let bound = self.ending_at(Cat::Bound, s).filter(|_| base.is_some());
            let value = match (base, bound) {
                (Some(d), Some((_, more))) => {
                    let e = shift(d, u, n);
                    match (more > 0, n > 0) {
                        (true, true) => format!("{}/..", e.iso()),
                        (true, false) => format!("../{}", e.add_days(-1).iso()),
                        (false, true) => format!("{}/{}", d.iso(), e.add_days(-1).iso()),
                        (false, false) => format!("{}/{}", e.add_days(1).iso(), d.iso()),
                    }
                }
                (Some(d), None) => shift(d, u, n).iso(),
                (None, _) if it.m.relative.is_some() => "XXXX-XX-XX".to_string(),
                (None, _) => {
                    k += 1;
                    continue;
                }
            };
            let s = bound.map_or(s, |(b, _)| b);
            let mut like = it.m.clone();
            like.relative = it.m.relative.as_ref().map(|r| {
                let dir = if n < 0 { "before" } else { "after" };
                let more = match bound {
                    Some((_, 1)) => "more-than-",
                    Some(_) => "less-than-",
                    None => "",
                };
                format!("{more}{}-{}s-{dir}-{r}", n.abs(), UNIT_NAMES[u as usize])
            });
            let mut item = self.mention(s, it.end, value, Precision::Day, &like);
            item.moved = u >= 1 && bound.is_none();
            k = put(items, item) + 1;
        }
    }

    /// Two mentions joined by a to-word (or an and-word after a between-word), or a mention
    /// and "now".
    fn ranges(&self, items: &mut Vec<Item>) {
        let mut k = 0;
        while k < items.len() {
            let a = &items[k];
            let between = self.ending_at(Cat::RangeBetween, a.start).is_some()
                || self
                    .ending_at(Cat::Article, a.start)
                    .is_some_and(|(s, _)| self.ending_at(Cat::RangeBetween, s).is_some());
            let joined = |i: usize| {
                let to = self.p.lex(Cat::RangeTo, i).map(|(j, _, _)| j);
                let and = self.p.lex(Cat::And, i).map(|(j, _, _)| j);
                if between {
                    and.or(to)
                } else {
                    to
                }
            };
            // "between now and May 21th": now, then the mention.
            if let (Some(now), Some(r)) = (self.now_before(a.start), self.refday) {
                if let Some((v, prec)) = span_value(&r.iso(), &a.m.value, false)
                    .or_else(|| span_value(&r.iso(), &next_year(a)?, false))
                {
                    let mut like = a.m.clone();
                    like.qualifier = None;
                    like.anchor = Some(format!("reference:{}", r.iso()));
                    like.relative =
                        Some(format!("now/{}", a.m.relative.as_deref().unwrap_or("date")));
                    let item = self.mention(now, a.end, v, prec, &like);
                    k = put(items, item) + 1;
                    continue;
                }
            }
            let Some(j) = joined(a.end) else {
                k += 1;
                continue;
            };
            // The second end: the next mention right there, or "now".
            let b = items.get(k + 1).filter(|b| b.start == j);
            let (end, vb, bm) = match b {
                Some(b) => {
                    let mut vb = b.m.value.clone();
                    // "from next monday to friday": the first such weekday from the start.
                    if let (Some(Expr::Rel(Rel::Weekday(wd, None))), Some(da)) =
                        (b.expr, Day::parse(&a.m.value))
                    {
                        let off = (wd + 7 - da.weekday()) % 7;
                        vb = da.add_days(i64::from(off)).iso();
                    }
                    (b.end, vb, Some(&b.m))
                }
                None => match (self.p.lex(Cat::Now, j), self.refday) {
                    (Some((e, _, _)), Some(r)) => (e, r.iso(), None),
                    _ => {
                        k += 1;
                        continue;
                    }
                },
            };
            let season = a.m.precision == Precision::Season;
            // A year-less end that the resolver put before the start is in the next year.
            let later = || span_value(&a.m.value, &next_year(items.get(k + 1)?)?, season);
            let Some((value, prec)) =
                span_value(&a.m.value, &vb, season).or_else(|| b.and_then(|_| later()))
            else {
                k += 1;
                continue;
            };
            let mut like = a.m.clone();
            like.qualifier = None;
            like.year_inferred = a.m.year_inferred || bm.is_some_and(|m| m.year_inferred);
            like.anchor =
                a.m.anchor
                    .clone()
                    .or_else(|| bm.and_then(|m| m.anchor.clone()));
            like.relative = match (&a.m.relative, bm.and_then(|m| m.relative.as_ref())) {
                (None, None) if bm.is_some() => None,
                (ra, rb) => Some(format!(
                    "{}/{}",
                    ra.as_deref().unwrap_or("date"),
                    rb.map_or(if bm.is_some() { "date" } else { "now" }, String::as_str)
                )),
            };
            let item = self.mention(a.start, end, value, prec, &like);
            k = put(items, item) + 1;
        }
    }

    /// "now" after an opening word and before a joining word that ends right at token `b`
    /// ("between now and", "from now to"): the first token of "now".
    fn now_before(&self, b: usize) -> Option<usize> {
        (b.saturating_sub(6)..b).find_map(|s| {
            let (e, _, _) = self.p.lex(Cat::Now, s)?;
            let between = self.ending_at(Cat::RangeBetween, s).is_some();
            let from = self.ending_at(Cat::RangeFrom, s).is_some();
            let to = self.p.lex(Cat::RangeTo, e).map(|(j, _, _)| j);
            let and = self.p.lex(Cat::And, e).map(|(j, _, _)| j);
            let joined = (between && (and == Some(b) || to == Some(b))) || (from && to == Some(b));
            joined.then_some(s)
        })
    }

    /// A time of day at token `i`: an hour word maybe ("las", "à"), then an hour with minutes
    /// ("2:00", "10:30"), a unit ("5pm", "17h") or letters ("4 p.m."); the index after it.
    fn time_at(&self, i: usize) -> Option<usize> {
        let toks = self.p.toks;
        let i = self.p.lex(Cat::HourBefore, i).map_or(i, |(j, _, _)| j);
        let h = toks.get(i)?;
        if h.kind != Kind::Num || h.digits() > 2 || h.num? > 24 {
            return None;
        }
        let glued = |k: usize, norm: &str| toks.get(k).is_some_and(|t| t.glued && t.norm == norm);
        let mut e = i + 1;
        if glued(e, ":") && toks.get(e + 1).is_some_and(|t| t.glued && t.digits() == 2) {
            e += 2;
            if let Some((x, _, _)) = self.p.lex(Cat::TimeAfterDay, e) {
                e = x;
            }
            return Some(e);
        }
        if let Some((x, _, _)) = self.p.lex(Cat::TimeAfterDay, e) {
            return Some(x);
        }
        // "4 p.m.", "4 p.m"
        let (x, _, _) = self.p.lex(Cat::TimeLetterAfterDay, e)?;
        if !(glued(x, ".") && glued(x + 1, "m")) {
            return None;
        }
        Some(if glued(x + 2, ".") { x + 3 } else { x + 2 })
    }

    /// "after 2016", "until April 27", "2018 or later".
    fn open(&self, items: &mut [Item]) {
        let starts: Vec<usize> = items.iter().map(|x| x.start).collect();
        for it in items.iter_mut() {
            let (a, b) =
                it.m.value
                    .split_once('/')
                    .unwrap_or((&it.m.value, &it.m.value));
            // Not a closed range of two dates ("2010 to 2018 or before 2000"): only a date
            // that is one unit (a week, a quarter are ranges of one).
            let closed = a != b && !matches!(it.expr, Some(Expr::Rel(_) | Expr::Point(_)));
            if closed || it.m.precision == Precision::Season {
                continue;
            }
            let part = it.m.qualifier.as_deref().is_some_and(|q| q != "approx");
            // The longest opening word, maybe with an article: "no later than" over "later
            // than", "after the 15th".
            let at = self
                .ending_at(Cat::Article, it.start)
                .map_or(it.start, |(s, _)| s);
            let before = [at, it.start]
                .into_iter()
                .flat_map(|end| {
                    let start = self
                        .ending_at(Cat::OpenStart, end)
                        .map(|(s, v)| (s, it.end, if v == 1 { 1 } else { 0 }));
                    let end = self
                        .ending_at(Cat::OpenEnd, end)
                        .map(|(s, v)| (s, it.end, if v == -1 { 2 } else { 3 }));
                    [start, end]
                })
                .flatten()
                .min_by_key(|h| h.0);
            // "2018 or later", but not "2018 or later than 2020", "2016 and after 6PM".
            let after = || {
                let (e, v, _) = self.p.lex(Cat::OpenAfter, it.end)?;
                let next = self.p.toks.get(e);
                let longer = |cat| self.p.lex(cat, e - 1).is_some_and(|(x, _, _)| x > e);
                let more = next.is_some_and(|t| t.kind == Kind::Num)
                    || longer(Cat::OpenStart)
                    || longer(Cat::OpenEnd)
                    || self.p.lex(Cat::Of, e).is_some()
                    || starts.iter().any(|&x| x >= e && x <= e + 2);
                (!more).then_some((it.start, e, if v == 0 { 0 } else { 3 }))
            };
            // "tomorrow before 5pm", "Tuesday after 1pm", "demain avant 17h": a bound at a time
            // of that day keeps the day, as the end (before, until) or the start (after).
            let at_time = || {
                if it.m.precision != Precision::Day || a != b {
                    return None;
                }
                let (j, start) = match self.p.lex(Cat::OpenStart, it.end) {
                    Some((j, _, _)) => (j, true),
                    None => (self.p.lex(Cat::OpenEnd, it.end)?.0, false),
                };
                let e = self.time_at(j)?;
                Some((it.start, e, if start { 0 } else { 3 }))
            };
            // 0 from it on, 1 after it, 2 before it, 3 up to it.
            let Some((s, e, how)) = before.or_else(after).or_else(at_time) else {
                continue;
            };
            // "3 days starting from next Monday", "the week beginning February 4": that many
            // units from the date on.
            if how == 0 && e == it.end {
                let counted = self.count_unit_ending_at(s).or_else(|| {
                    let (u0, u, _) = self.p.lex(Cat::Unit, s.checked_sub(1)?)?;
                    let a = self.ending_at(Cat::Article, s - 1)?.0;
                    (u0 == s && u <= 3).then_some((a, 1, u))
                });
                if let (Some((cs, n, u)), Some(first)) = (counted, Day::parse(a)) {
                    let last = shift(first, u, n).add_days(-1);
                    let value = format!("{}/{}", first.iso(), last.iso());
                    let m = self.mention(cs, e, value, Precision::Day, &it.m);
                    *it = Item { expr: None, ..m };
                    continue;
                }
            }
            let value = match how {
                0 => Some(format!("{a}/..")),
                1 if part => Some(format!("{a}/..")),
                1 => step(b, 1).map(|v| format!("{v}/..")),
                2 if part => Some(format!("../{b}")),
                2 => step(a, -1).map(|v| format!("../{v}")),
                _ => Some(format!("../{b}")),
            };
            let Some(value) = value else { continue };
            let m = self.mention(s, e, value, it.m.precision, &it.m);
            *it = Item { expr: None, ..m };
        }
    }
}

/// The value of a year-less point whose year the resolver chose, one year later.
fn next_year(it: &Item) -> Option<String> {
    let Some(Expr::Point(p)) = it.expr else {
        return None;
    };
    let v = &it.m.value;
    if p.y.is_some() || it.m.year_inferred || v.contains('/') || !digits(v.get(..4)?) {
        return None;
    }
    let y: i32 = v[..4].parse().ok()?;
    Some(format!("{:04}{}", y + 1, &v[4..]))
}

/// What [`Composer::units_before`] found before a period.
enum UnitsOf {
    /// The nth month of a year.
    Nth(u32),
    /// 1 the first or -1 the last, that many, of unit 0 day, 1 week, 2 month.
    Count(i32, i32, i32),
}

/// A value without a stated year (`2019-06-28`, `XXXX-04/XXXX-06`) put in year `y`: the first
/// end in `y`, a later end as many years after it as the resolver put it.
fn with_year(v: &str, y: i32) -> Option<String> {
    let (a, b) = v.split_once('/').unwrap_or((v, ""));
    let year_of = |s: &str| s.get(..4).and_then(|x| x.parse::<i32>().ok());
    let delta = match year_of(a) {
        Some(ya) => y - ya,
        None if a.starts_with("XXXX") => 0,
        None => return None,
    };
    let put_year = |s: &str| -> Option<String> {
        let ny = match year_of(s) {
            Some(x) => x + delta,
            None if s.starts_with("XXXX") => y,
            None => return None,
        };
        let out = format!("{ny:04}{}", s.get(4..)?);
        // A day that does not exist in that year (29 February) is not made.
        (out.len() != 10 || Day::parse(&out).is_some()).then_some(out)
    };
    Some(if b.is_empty() {
        put_year(a)?
    } else {
        format!("{}/{}", put_year(a)?, put_year(b)?)
    })
}

/// Put `item` in place of the mentions it overlaps, in text order; its index.
fn put(items: &mut Vec<Item>, item: Item) -> usize {
    items.retain(|x| x.end <= item.start || x.start >= item.end);
    let at = items.partition_point(|x| x.start < item.start);
    items.insert(at, item);
    at
}

fn unit_value(u: Unit) -> Option<i32> {
    match u {
        Unit::Day => Some(0),
        Unit::Week => Some(1),
        Unit::Month => Some(2),
        Unit::Year => Some(3),
        _ => None,
    }
}

/// A day moved by `n` units (0 day, 1 week, 2 month, 3 year; the last day of a shorter month).
fn shift(d: Day, unit: i32, n: i32) -> Day {
    match unit {
        0 => d.add_days(i64::from(n)),
        1 => d.add_days(7 * i64::from(n)),
        2 => d.add_months(n),
        _ => d.add_months(12 * n),
    }
}

/// The first and last of `n` business days (Monday to Friday) after the day `r` (`dir` 1) or
/// before it (-1).
fn business_days(r: Day, n: i32, dir: i32) -> (Day, Day) {
    let mut d = r;
    let mut found = Vec::new();
    while found.len() < n.max(1) as usize {
        d = d.add_days(i64::from(dir.signum()));
        if d.weekday() < 5 {
            found.push(d);
        }
    }
    let (a, b) = (found[0], found[found.len() - 1]);
    if dir > 0 {
        (a, b)
    } else {
        (b, a)
    }
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

/// The first and last day of one end of a value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn part_bounds(s: &str) -> Option<(Day, Day)> {
    match s.len() {
        4 if digits(s) => {
            let y = s.parse().ok()?;
            Some((Day { y, m: 1, d: 1 }, Day { y, m: 12, d: 31 }))
        }
        7 if digits(&s[..4]) && digits(&s[5..]) && &s[4..5] == "-" => {
            let (y, m) = (s[..4].parse().ok()?, s[5..].parse().ok()?);
            if !(1..=12).contains(&m) {
                return None;
            }
            let last = days_in_month(Some(y), m);
            Some((Day { y, m, d: 1 }, Day { y, m, d: last }))
        }
        10 => Day::parse(s).filter(|_| digits(&s[..4])).map(|d| (d, d)),
        _ => None,
    }
}

/// The first and last day of a resolved value (a day, month or year, or a range of them).
fn bounds(v: &str) -> Option<(Day, Day)> {
    let (a, b) = v.split_once('/').unwrap_or((v, v));
    Some((part_bounds(a)?.0, part_bounds(b)?.1))
}

/// One end of a value moved by `k` of its own units (`2016` → `2017`, `2016-12` → `2017-01`).
fn step(s: &str, k: i32) -> Option<String> {
    let (first, _) = part_bounds(s)?;
    Some(match s.len() {
        4 => format!("{:04}", first.y + k),
        7 => {
            let (y, m) = add_months(first.y, first.m, k);
            format!("{y:04}-{m:02}")
        }
        _ => first.add_days(i64::from(k)).iso(),
    })
}

/// The range from the start of `a` to the end of `b`: `2014/2018` when both ends are the same
/// unit, else day to day; `None` when it cannot be put on the calendar or runs backwards.
fn span_value(a: &str, b: &str, season: bool) -> Option<(String, Precision)> {
    if season {
        return None;
    }
    let sa = a.split('/').next()?;
    let eb = b.rsplit('/').next()?;
    let (first, _) = part_bounds(sa)?;
    let (_, last) = part_bounds(eb)?;
    if first > last {
        return None;
    }
    if sa.len() == eb.len() {
        let prec = match sa.len() {
            4 => Precision::Year,
            7 => Precision::Month,
            _ => Precision::Day,
        };
        return Some((format!("{sa}/{eb}"), prec));
    }
    // The finer unit of the two: "2014 through May 2018" is 2014-01/2018-05.
    if sa.len().max(eb.len()) == 7 {
        let (fy, fm, ly, lm) = (first.y, first.m, last.y, last.m);
        return Some((format!("{fy:04}-{fm:02}/{ly:04}-{lm:02}"), Precision::Month));
    }
    Some((format!("{}/{}", first.iso(), last.iso()), Precision::Day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_arithmetic() {
        assert_eq!(step("2016", 1).as_deref(), Some("2017"));
        assert_eq!(step("2016-12", 1).as_deref(), Some("2017-01"));
        assert_eq!(step("2018-01-01", -1).as_deref(), Some("2017-12-31"));
        assert_eq!(step("XXXX-12", 1), None);
        let d = Day::parse("2020-01-31").unwrap();
        assert_eq!(shift(d, 2, 1).iso(), "2020-02-29");
        assert_eq!(shift(d, 1, -2).iso(), "2020-01-17");
        assert_eq!(
            span_value("2014", "2018-05", false),
            Some(("2014-01/2018-05".into(), Precision::Month))
        );
        assert_eq!(
            span_value("2019-01", "2020-04-26", false),
            Some(("2019-01-01/2020-04-26".into(), Precision::Day))
        );
        assert_eq!(
            span_value("2018-05", "2020-10", false),
            Some(("2018-05/2020-10".into(), Precision::Month))
        );
        assert_eq!(span_value("2019", "2018", false), None);
        assert_eq!(
            bounds("2016-11-14/2016-11-20").map(|(a, b)| (a.iso(), b.iso())),
            Some(("2016-11-14".into(), "2016-11-20".into()))
        );
    }
}
