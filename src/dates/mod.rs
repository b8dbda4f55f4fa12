//! Dates: finding date expressions and normalizing them to ISO 8601.
//!
//! Input: a [`TextView`] (sentences with their languages) and an optional
//! [`ReferenceDate`]. Output: [`DateMention`]s in text order, each a span of the text with a
//! `value` that is always a string: ISO 8601 with `X` for unknown digits (`XXXX-02-13`), the
//! containing unit for coarse dates (`2025-03`, `2025`), ISO 8601-2 open ranges (`2017/..`,
//! `../2017`) that keep the unit of their date, `start/end` for ranges and lists
//! of consecutive days ("June 12 to 14" → `XXXX-06-12/XXXX-06-14`), a week as the interval
//! Monday/Sunday (a weekend Saturday/Sunday), a quarter as `2024-01/2024-03`, a half year as
//! `2019-07/2019-12`, a decade as `1990/1999`.
//!
//! # How it works
//! - Each sentence is read in its own language ([`crate::model::Sentence::lang`], else the
//!   document's), with that language's words from `src/languages/<code>/dates.toml` (see
//!   `table.rs` and the comment at the top of every such file). A language without a file gets only the
//!   language-neutral shapes (ISO `2025-03-04`, numeric dates). Adding a language is adding
//!   a file.
//! - The sentence is cut into tokens (`token.rs`) and a small grammar (`parse.rs`) reads, at
//!   each token, the longest date it can: absolute dates in every common order, months,
//!   years, seasons, quarters, parts ("early March" keeps `2025-03` and says
//!   `qualifier: early`), approximations ("around 2014", `qualifier: approx`), ranges and
//!   lists ("Dec. 6 to 7, 2017", "del 12 al 14 de junio", "les 6 et 7 décembre") and
//!   relative dates ("yesterday", "this Friday", "el pasado martes", "il y a trois jours").
//!   Days and years may be spelled out ("May twenty nine", "primero de enero de dos mil
//!   veinte", "nineteen eighty six"; the number words are the counts stage's, from each
//!   language's `numbers.toml`). Holidays are data (`holidays` in `dates.toml`): fixed days,
//!   nth weekdays of a month, and days counted from Easter Sunday (computed,
//!   `calendar::easter`); a year-less one resolves like a year-less day. Weeks: "the first
//!   week of July" (weeks whose Thursday falls in the month), "week 3 of 2027" and "the last
//!   week of 2016" (ISO weeks), "the week of April 10th" (the week holding that day).
//!   Centuries: "the 15th century", "siglo XV", "XVe siècle" = `1400/1499`.
//!   A two-digit year is 2000..=2029 for 00..=29, else 19xx (the .NET default the
//!   Recognizers-Text suites follow).
//!   Words that only introduce a date ("on", "from", "between", "le") stay out of the span.
//! - A last pass (`compose.rs`) puts together what spans several mentions or a mention and
//!   the words around it: open ranges ("after 2016" = `2017/..`, "until April 27" =
//!   `../XXXX-04-27`), ranges across two mentions ("from this May to Oct 2020", "between Jan
//!   2019 and now"), arithmetic ("two days after today"), a weekday or day inside a relative
//!   week or month ("tuesday of last week") and rolling periods ("the next 3 days").
//! - Numeric dates (03/04/2025) are read in the language's order unless the document's own
//!   numeric dates show the other order (a first number above 12).
//!
//! # Resolution
//! - With a reference date (from [`DateExtractor::reference_date`] or the caller):
//!   relative dates resolve against it and `anchor` is `reference:YYYY-MM-DD`. A weekday in
//!   past-tense reporting is the most recent one (the reference day itself when it falls on
//!   it: "a annoncé mardi" in a Tuesday story), in future-tense text the next one; "this
//!   Friday" without tense is the Friday of the reference week; "last Friday", "el pasado
//!   martes", "mardi dernier" the most recent one before the reference (news reading: a
//!   Friday dateline's "last Tuesday" is three days back, not the previous calendar
//!   week's), "next Friday" the Friday of the week after; "the weekend" is the last one in
//!   past-tense text ("over the weekend"), else the reference week's. "The past fortnight"
//!   is the two weeks before the reference week, "the next fortnight" the two after the
//!   reference week and the next; "the next decade" a calendar decade (`2020/2029` in 2018).
//!   A year-less date takes the year that puts it on the side of the reference its sentence's
//!   tense says; without a tense cue a day is put at the nearest occurrence and a month
//!   alone in the past ("in April" in a March story is the past April); a year-less range in
//!   future-tense text is the one not over yet (its end on the future side). "two months
//!   ago", "en dos años" are the day that many units from the reference. A day of an unnamed
//!   month ("el día 15", "martes 4") takes the month the same way (one whose day falls on
//!   the named weekday).
//! - Without one: a year-less date borrows the year of the nearest earlier dated mention
//!   of the same paragraph when that is safe (the borrowed mention is not a later month of
//!   that year): `year_inferred: true`, `anchor: mention:<start>-<end>`. Otherwise the year
//!   stays `XXXX`. Relative dates keep `value: XXXX-XX-XX` (or `XXXX-XX`, `XXXX` for months
//!   and years; a count of units away, "two months ago", is a day) and say what they are
//!   in `relative` (`this-friday`, `last-week`,
//!   `2-weeks-ago`). A day of an unnamed month is `XXXX-XX-15`.
//! - `qualifier` is `early`, `mid` or `late` for parts, `approx` for "around 2014".
//!
//! # What this does not do
//! Times of day, durations ("for three years"), ages and sets ("every Monday") are not
//! dates here; "since 2017" is the year 2017 (the start of a state is dated by it), while
//! other open ranges are (see `compose.rs`). Fiscal and school years ("fiscal year 2008",
//! "año escolar", "ano letivo") are not calendar dates and are left out (the
//! Recognizers-Text suites find them but leave them unresolved). Four-digit numbers are
//! years only when nothing around them says otherwise ("Executive Order 13773", "No. 2017",
//! "2000 members", "5,000" are not). "today" meaning "nowadays" ("is today one of the most
//! dangerous…") is left out; offsets from an undated event ("a day prior") are not dates.

pub(crate) mod calendar;
mod compose;
mod parse;
mod table;
mod token;

use crate::fold::FoldedText;
use crate::languages::LANGUAGES;
use crate::model::{DateMention, Lang, Precision, ReferenceDate, ReferenceSource, TextView};
use calendar::{add_months, Day};
use parse::{Cand, Expr, Parser, Pt, Rel, Unit};
use regex::Regex;
use std::borrow::Cow;
use table::{Cat, LangTable};
use token::{tokenize, tokenize_folded, Kind, Tok};

/// The date extractor, built once from every language's `dates.toml`.
#[derive(Debug)]
pub struct DateExtractor {
    tables: Vec<(Lang, LangTable)>,
    neutral: LangTable,
    /// A date in a file name: 2025-03-14, 20250314, 2025_03_14.
    file_date: Regex,
    /// A numeric date, to learn the document's day/month order.
    numeric: Regex,
}

/// The tense of a sentence, from its cue words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// A dated mention a later year-less date may borrow its year from.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    paragraph: usize,
    y: i32,
    m: Option<u32>,
    start: usize,
    end: usize,
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const SEASON_NAMES: [&str; 4] = ["spring", "summer", "autumn", "winter"];
/// First month of each season (northern meteorological seasons).
const SEASON_START: [u32; 4] = [3, 6, 9, 12];

impl DateExtractor {
    /// Build from the embedded language tables.
    pub fn new() -> Result<DateExtractor, String> {
        let mut tables = Vec::new();
        for d in LANGUAGES {
            tables.push((d.lang, LangTable::load(d)?));
        }
        let file_date = Regex::new(
            r"(?x)
            (?:^|[^0-9A-Za-z])        # not inside a longer number or word (hashes)
            ((?:19|20)[0-9]{2})       # year
            [-_.]?
            (0[1-9]|1[0-2])           # month
            [-_.]?
            (0[1-9]|[12][0-9]|3[01])  # day
            (?:[^0-9A-Za-z]|$)",
        )
        .map_err(|e| e.to_string())?;
        let numeric = Regex::new(
            r"(?x)
            (?:^|[^0-9])
            (?:([0-9]{1,2})/([0-9]{1,2})/|([0-9]{1,2})\.([0-9]{1,2})\.|([0-9]{1,2})-([0-9]{1,2})-)
            (?:[0-9]{4}|[0-9]{2})   # the same separator twice (not a time range)
            (?:$|[^0-9.:]|[.:](?:$|[^0-9]))",
        )
        .map_err(|e| e.to_string())?;
        Ok(DateExtractor {
            tables,
            neutral: LangTable::neutral(),
            file_date,
            numeric,
        })
    }

    fn table(&self, lang: Option<Lang>) -> &LangTable {
        lang.and_then(|l| self.tables.iter().find(|(k, _)| *k == l))
            .map_or(&self.neutral, |(_, t)| t)
    }

    /// The document's own reference date (dateline, publication line) or one in its file
    /// name; `None` when neither states one.
    ///
    /// A dateline is a full date near the start of one of the first paragraphs, after a
    /// place in capitals and a comma ("WASHINGTON, March 14, 2025 —") or after a
    /// publication word ("Published: …", "Publicado el …"), or a paragraph that is only a
    /// date.
    pub fn reference_date(&self, view: &TextView, file_name: &str) -> Option<ReferenceDate> {
        let body = view
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.section != crate::model::Section::Boilerplate)
            .take(6);
        for (pi, p) in body {
            let lang = p.lang.or(view.lang);
            let t = self.table(lang);
            let toks = tokenize(view.text, p.span.start, p.span.end);
            let parser = Parser::new(t, &toks, t.day_first);
            let mut i = 0;
            while i < toks.len().min(16) {
                let Some((e, cands)) = parser.parse_at(i) else {
                    i += 1;
                    continue;
                };
                if let [c] = cands.as_slice() {
                    if let Expr::Point(Pt {
                        y: Some(y),
                        m: Some(m),
                        d: Some(d),
                        ..
                    }) = c.expr
                    {
                        if is_dateline(&parser, c, pi) {
                            return Some(ReferenceDate {
                                value: Day { y, m, d }.iso(),
                                source: ReferenceSource::Text,
                            });
                        }
                    }
                }
                i = e.max(i + 1);
            }
        }
        let c = self.file_date.captures(file_name)?;
        let day = Day::parse(&format!("{}-{}-{}", &c[1], &c[2], &c[3]))?;
        Some(ReferenceDate {
            value: day.iso(),
            source: ReferenceSource::FileName,
        })
    }

    /// The numeric-date order the document itself shows: `Some(true)` day first.
    fn document_order(&self, text: &str) -> Option<bool> {
        if !may_hold_numeric_date(text) {
            return None;
        }
        let (mut day_first, mut month_first) = (false, false);
        for c in self.numeric.captures_iter(text) {
            let group = |k: usize| (k..k + 6).step_by(2).find_map(|g| c.get(g));
            let a: u32 = group(1).map_or(0, |g| g.as_str().parse().unwrap_or(0));
            let b: u32 = group(2).map_or(0, |g| g.as_str().parse().unwrap_or(0));
            if a > 12 && b <= 12 {
                day_first = true;
            } else if b > 12 && a <= 12 {
                month_first = true;
            }
        }
        match (day_first, month_first) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }

    /// Every date in the text, resolved against `reference` when given. `folded` is the fold
    /// of `view.text`: tokens borrow their folded forms from it.
    pub fn extract(
        &self,
        view: &TextView,
        folded: &FoldedText,
        reference: Option<&ReferenceDate>,
    ) -> Vec<DateMention> {
        let refday = reference.and_then(|r| Day::parse(&r.value));
        let order = self.document_order(view.text);
        let mut out = Vec::new();
        let mut anchors: Vec<Anchor> = Vec::new();
        for s in view.sentences {
            let t = self.table(s.lang.or(view.lang));
            let toks = tokenize_folded(view.text, Some(folded), s.span.start, s.span.end);
            let parser = Parser::new(t, &toks, order.unwrap_or(t.day_first));
            if !parser.may_hold_date() {
                continue;
            }
            let mut cands = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                if !parser.may_start_date(i) {
                    i += 1;
                    continue;
                }
                match parser.parse_at(i) {
                    Some((e, found)) => {
                        cands.extend(found);
                        i = e.max(i + 1);
                    }
                    None => i += 1,
                }
            }
            // Resolution reads the sentence's tense: worked out only where something was found.
            let mut items = Vec::with_capacity(cands.len());
            let mut sentence_tense = None;
            if !cands.is_empty() {
                let tense = *sentence_tense.insert(tense(&parser, view.text));
                let mut r = Resolver {
                    text: view.text,
                    toks: &toks,
                    refday,
                    tense,
                    paragraph: s.paragraph,
                    anchors: &mut anchors,
                };
                for c in &cands {
                    items.push(compose::Item::new(c, r.resolve(c)));
                }
            }
            compose::compose(&parser, view.text, refday, sentence_tense, &mut items);
            out.extend(items.into_iter().map(|it| it.m));
        }
        out
    }
}

/// False when `text` holds nothing the `numeric` regex of [`DateExtractor`] can match: every
/// match has a separator (`/`, `.` or `-`) between two digits with the same separator again
/// one or two digits later. Most documents have none, and this scan is much cheaper than
/// the regex's.
fn may_hold_numeric_date(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3_iter(b'/', b'.', b'-', b).any(|k| {
        let sep = b[k];
        k > 0
            && b[k - 1].is_ascii_digit()
            && b.get(k + 1).is_some_and(u8::is_ascii_digit)
            && (b.get(k + 2) == Some(&sep)
                || (b.get(k + 2).is_some_and(u8::is_ascii_digit) && b.get(k + 3) == Some(&sep)))
    })
}

/// True when `c`, found near the start of paragraph `pi`, is the document's dateline or
/// publication date.
fn is_dateline(p: &Parser, c: &Cand, pi: usize) -> bool {
    let before = &p.toks[..c.start];
    let after = &p.toks[c.end..];
    // "Published: March 14, 2025", "Publicado el 14 de marzo de 2025"
    if (0..c.start.min(6)).any(|i| p.lex(Cat::Publication, i).is_some()) {
        return true;
    }
    // A paragraph that is only the date.
    if pi < 3 && before.is_empty() && after.iter().all(|t| t.kind == Kind::Punct) {
        return true;
    }
    // "WASHINGTON, March 14, 2025 —", "CIUDAD DE MÉXICO, 14 de marzo de 2025.–",
    // "PARIS, le 4 février 2025 —": a place, a comma, maybe an article or day word.
    let lead = before
        .iter()
        .rposition(|t| t.norm == ",")
        .filter(|&k| {
            (k + 1..c.start)
                .all(|i| p.lex(Cat::Article, i).is_some() || p.lex(Cat::DayWord, i).is_some())
        })
        .map_or(before.len(), |k| k + 1);
    let before = &before[..lead];
    let place = !before.is_empty()
        && before.len() <= 8
        && before.last().is_some_and(|t| t.norm == ",")
        && before.iter().any(|t| t.kind == Kind::Word && t.upper)
        && before.iter().all(|t| match t.kind {
            Kind::Word => t.upper || t.norm.chars().count() <= 3,
            Kind::Punct => matches!(t.norm.as_str(), "," | "." | "(" | ")" | "-"),
            Kind::Num => false,
        });
    let closes = after.first().map_or(true, |t| {
        t.kind == Kind::Punct && matches!(t.norm.as_str(), "-" | "." | ":" | "(" | "|" | "/")
    });
    place && closes
}

/// The tense a sentence's cue words suggest (future wins: "will" is rarely misleading).
fn tense(p: &Parser, text: &str) -> Tense {
    let mut past = false;
    for (i, t) in p.toks.iter().enumerate() {
        if p.lex(Cat::FutureCue, i).is_some() {
            return Tense::Future;
        }
        if p.lex(Cat::PastCue, i).is_some() {
            past = true;
        }
        if t.kind != Kind::Word || t.upper {
            continue;
        }
        let surface = &text[t.start..t.end];
        // The suffix tests compare the lower-cased word, whose last byte is this one's lower
        // case when it is ASCII: a word ending in a byte no suffix ends with is not tested.
        let last = surface.as_bytes()[surface.len() - 1];
        if last.is_ascii() && !p.t.may_end_tense_suffix(last.to_ascii_lowercase()) {
            continue;
        }
        if t.norm.chars().count() >= 5 {
            // Accents matter here: Spanish "será" is future, "sera" is not a word. (An ASCII
            // word's folded form is its lower case already.)
            let word = if surface.is_ascii() {
                Cow::Borrowed(t.norm.as_str())
            } else {
                Cow::Owned(surface.to_lowercase())
            };
            if p.t
                .future_suffixes
                .iter()
                .any(|s| word.ends_with(s.as_str()))
            {
                return Tense::Future;
            }
            if p.t.past_suffixes.iter().any(|s| word.ends_with(s.as_str())) {
                past = true;
            }
        }
    }
    if past {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

/// Resolves the candidates of one sentence.
struct Resolver<'a, 'b> {
    text: &'a str,
    toks: &'a [Tok<'a>],
    refday: Option<Day>,
    tense: Tense,
    paragraph: usize,
    anchors: &'b mut Vec<Anchor>,
}

/// How a value was completed.
#[derive(Default)]
struct Resolution {
    year_inferred: bool,
    anchor: Option<String>,
}

impl Resolver<'_, '_> {
    fn resolve(&mut self, c: &Cand) -> DateMention {
        let start = self.toks[c.start].start;
        let end = self.toks[c.end - 1].end;
        let mut how = Resolution::default();
        let mut relative = None;
        let (value, precision) = match c.expr {
            Expr::Point(p) => {
                // A century's first year dates nothing else in its paragraph.
                let explicit = p.y.filter(|_| !p.century);
                let p = self.complete(p, &mut how);
                if let Some(y) = explicit {
                    self.remember(y, p.m, start, end);
                }
                fmt_point(&p)
            }
            Expr::Range(a, b) => {
                let explicit = b.y;
                let mut a2 = self.complete(a, &mut how);
                // "What will happen from May to September" in September: the range that is
                // not over yet, so its end (not its start) is on the future side.
                if let (None, None, Tense::Future, Some(_)) = (a.y, b.y, self.tense, self.refday) {
                    let b2 = self.complete(b, &mut how);
                    if b2.y.is_some() {
                        a2.y = b2.y;
                        if key(&a2) > key(&b2) {
                            a2.y = b2.y.map(|y| y - 1);
                        }
                    }
                }
                let mut b2 = b;
                if b2.y.is_none() {
                    b2.y = a2.y;
                    if b2.y.is_some() && key(&b2) < key(&a2) {
                        b2.y = b2.y.map(|y| y + 1);
                    }
                }
                if let Some(y) = explicit {
                    self.remember(y, b.m, start, end);
                }
                let (va, pa) = fmt_point(&a2);
                let (vb, pb) = fmt_point(&b2);
                (
                    format!("{}/{}", first_of(&va), last_of(&vb)),
                    coarser(pa, pb),
                )
            }
            Expr::Rel(r) => {
                let mut name = rel_name(&r);
                if c.vague {
                    name = format!("{}-{name}", self.toks[c.start].norm);
                }
                relative = Some(name);
                match self.refday {
                    Some(day) => {
                        how.anchor = Some(format!("reference:{}", day.iso()));
                        self.resolve_rel(&r, day)
                    }
                    None => unanchored(&r),
                }
            }
        };
        let qualifier = c
            .part
            .map(|p| ["early", "mid", "late"][p as usize].to_string())
            .or_else(|| c.approx.then(|| "approx".to_string()));
        DateMention {
            start,
            end,
            text: self.text[start..end].to_string(),
            value,
            precision,
            qualifier,
            relative,
            year_inferred: how.year_inferred,
            anchor: how.anchor,
        }
    }

    fn remember(&mut self, y: i32, m: Option<u32>, start: usize, end: usize) {
        self.anchors.push(Anchor {
            paragraph: self.paragraph,
            y,
            m,
            start,
            end,
        });
    }

    /// Fill a missing year: from the reference date, else from a safe earlier mention.
    fn complete(&self, mut p: Pt, how: &mut Resolution) -> Pt {
        if let (None, None, Some(d), Some(r)) = (p.y, p.m, p.d, self.refday) {
            // "el día 15": the month around the reference that the tense points to.
            how.anchor = Some(format!("reference:{}", r.iso()));
            // With a weekday ("martes 6"), only months where the day falls on it.
            let reach = if p.weekday.is_some() { 12 } else { 2 };
            let days: Vec<Day> = (-reach..=reach)
                .map(|k| add_months(r.y, r.m, k))
                .filter(|&(y, m)| calendar::valid(Some(y), m, d))
                .map(|(y, m)| Day { y, m, d })
                .filter(|x| p.weekday.map_or(true, |wd| x.weekday() == wd))
                .collect();
            let dist = |x: &Day| x.days() - r.days();
            let nearest = days.iter().copied().min_by_key(|x| dist(x).abs());
            let pick = match self.tense {
                Tense::Future => days.iter().copied().find(|x| dist(x) >= 0),
                Tense::Past => days.iter().copied().rev().find(|x| dist(x) <= 0),
                Tense::Unknown => nearest,
            };
            if let Some(x) = pick.or(nearest) {
                p.y = Some(x.y);
                p.m = Some(x.m);
            }
            return p;
        }
        let undated_period = p.week.is_some() || p.rule.is_some();
        if p.y.is_some()
            || (p.m.is_none() && p.season.is_none() && p.quarter.is_none() && !undated_period)
        {
            return p;
        }
        if let Some(r) = self.refday {
            how.anchor = Some(format!("reference:{}", r.iso()));
            // "last Easter": the latest before the reference; "next Easter" the first after.
            if let (Some(rule), Some(step)) = (p.rule, p.step) {
                let days = (r.y - 1..=r.y + 1).map(|y| rule.date(y));
                let pick = match step {
                    -1 => days.rev().find(|d| d.days() < r.days()),
                    0 => Some(rule.date(r.y)),
                    _ => days.clone().find(|d| d.days() > r.days()),
                };
                if let Some(d) = pick {
                    p.y = Some(d.y);
                    p.m = Some(d.m);
                    p.d = Some(d.d);
                }
                return p;
            }
            // A movable holiday: its date this year decides which year is meant.
            if let Some(rule) = p.rule {
                let day = rule.date(r.y);
                p.m = Some(day.m);
                p.d = Some(day.d);
            }
            p.y = Some(self.year_from_reference(&p, r));
            if let (Some(rule), Some(y)) = (p.rule, p.y) {
                let day = rule.date(y);
                p.m = Some(day.m);
                p.d = Some(day.d);
            }
            return p;
        }
        let Some(m) = p.m else { return p };
        if let Some(a) = self
            .anchors
            .iter()
            .rev()
            .find(|a| a.paragraph == self.paragraph)
        {
            if a.m.map_or(true, |am| am <= m) {
                p.y = Some(a.y);
                how.year_inferred = true;
                how.anchor = Some(format!("mention:{}-{}", a.start, a.end));
            }
        }
        p
    }

    fn year_from_reference(&self, p: &Pt, r: Day) -> i32 {
        let Some(m) = p.m else {
            return r.y;
        };
        let Some(d) = p.d else {
            // A month alone: in the past unless the sentence speaks of the future.
            let month_key = |y: i32| y * 12 + m as i32;
            let ref_key = r.y * 12 + r.m as i32;
            let years = [r.y - 1, r.y, r.y + 1];
            return match self.tense {
                Tense::Future => years.into_iter().find(|&y| month_key(y) >= ref_key),
                _ => years.into_iter().rev().find(|&y| month_key(y) <= ref_key),
            }
            .unwrap_or(r.y);
        };
        // Years around the reference where the day exists (Feb 29 needs a leap year).
        let years: Vec<i32> = (r.y - 4..=r.y + 4)
            .filter(|&y| calendar::valid(Some(y), m, d))
            .collect();
        let dist = |y: i32| Day { y, m, d }.days() - r.days();
        let nearest = years.iter().copied().min_by_key(|&y| dist(y).abs());
        let pick = match self.tense {
            Tense::Future => years.iter().copied().find(|&y| dist(y) >= 0),
            Tense::Past => years.iter().copied().rev().find(|&y| dist(y) <= 0),
            Tense::Unknown => nearest,
        };
        pick.or(nearest).unwrap_or(r.y)
    }

    fn resolve_rel(&self, r: &Rel, day: Day) -> (String, Precision) {
        // `n` days from `first`: a week, a weekend, a working week, a fortnight.
        let days = |first: Day, n: i64| {
            (
                format!("{}/{}", first.iso(), first.add_days(n - 1).iso()),
                Precision::Week,
            )
        };
        let month = |y: i32, m: u32| (format!("{y:04}-{m:02}"), Precision::Month);
        let year = |y: i32| (format!("{y:04}"), Precision::Year);
        let monday = day.add_days(-i64::from(day.weekday()));
        match *r {
            Rel::Day(k) => (day.add_days(i64::from(k)).iso(), Precision::Day),
            Rel::Weekday(wd, md) => {
                let back = i64::from((day.weekday() + 7 - wd) % 7);
                let fwd = i64::from((wd + 7 - day.weekday()) % 7);
                let before = day.add_days(-if back == 0 { 7 } else { back });
                let after = day.add_days(if fwd == 0 { 7 } else { fwd });
                let d = match (md, self.tense) {
                    // "last Tuesday", "el pasado martes": the most recent one before.
                    (Some(-1), _) => before,
                    (Some(1), _) => monday.add_days(i64::from(wd) + 7),
                    // "Friday after next"
                    (Some(2), _) => monday.add_days(i64::from(wd) + 14),
                    (Some(_), Tense::Past) => day.add_days(-back),
                    (Some(_), Tense::Future) => day.add_days(fwd),
                    (Some(_), Tense::Unknown) => monday.add_days(i64::from(wd)),
                    (None, Tense::Future) => after,
                    // "a annoncé mardi" in a Tuesday story is that day.
                    (None, _) => day.add_days(-back),
                };
                (d.iso(), Precision::Day)
            }
            Rel::Unit(Unit::Week, k) | Rel::Unit(Unit::Day, k) => {
                days(monday.add_days(7 * i64::from(k)), 7)
            }
            // "over the weekend" in past-tense text: the last one (this one on a Saturday or
            // Sunday); otherwise the reference week's.
            Rel::WeekendByTense => {
                let back = self.tense == Tense::Past && day.weekday() < 5;
                days(monday.add_days(if back { -2 } else { 5 }), 2)
            }
            Rel::Unit(Unit::WorkWeek, k) => days(monday.add_days(7 * i64::from(k)), 5),
            Rel::Unit(Unit::Weekend, k) => days(monday.add_days(5 + 7 * i64::from(k)), 2),
            // "the past fortnight", "the next fortnight": two weeks from a Monday, this one
            // being the reference week and the week after it.
            Rel::Unit(Unit::Fortnight, k) => days(monday.add_days(14 * i64::from(k)), 14),
            // "the past decade", "la última década": the ten years up to the reference, as
            // news means it ("violence doubled over the past decade"), like "the last 10
            // years".
            Rel::Unit(Unit::Decade, k) if k < 0 => (
                format!(
                    "{}/{}",
                    day.add_months(120 * k).iso(),
                    day.add_days(-1).iso()
                ),
                Precision::Day,
            ),
            // "the next decade", "this decade": calendar decades, as "next year" is the
            // calendar year (and the Recognizers suite reads "the next decade" so).
            Rel::Unit(Unit::Decade, k) => {
                let first = day.y.div_euclid(10) * 10 + 10 * k;
                (format!("{first:04}/{:04}", first + 9), Precision::Year)
            }
            Rel::Unit(Unit::Quarter, k) => {
                let (y, m) = add_months(day.y, (day.m - 1) / 3 * 3 + 1, 3 * k);
                (
                    format!("{y:04}-{m:02}/{y:04}-{:02}", m + 2),
                    Precision::Month,
                )
            }
            Rel::Unit(Unit::Month, k) => {
                let (y, m) = add_months(day.y, day.m, k);
                month(y, m)
            }
            Rel::Unit(Unit::Year, k) => year(day.y + k),
            Rel::Shift(Unit::Day, n) => (day.add_days(i64::from(n)).iso(), Precision::Day),
            Rel::Shift(Unit::Week | Unit::Weekend | Unit::WorkWeek, n) => {
                (day.add_days(7 * i64::from(n)).iso(), Precision::Day)
            }
            Rel::Shift(Unit::Fortnight, n) => {
                (day.add_days(14 * i64::from(n)).iso(), Precision::Day)
            }
            // "two months ago", "dentro de dos años": the day that many units away (the
            // last day of a shorter month).
            Rel::Shift(u @ (Unit::Quarter | Unit::Month | Unit::Year | Unit::Decade), n) => {
                let k = match u {
                    Unit::Quarter => 3 * n,
                    Unit::Month => n,
                    Unit::Decade => 120 * n,
                    _ => 12 * n,
                };
                (day.add_months(k).iso(), Precision::Day)
            }
            Rel::Month(m, md) => {
                let y = match md {
                    -1 if m < day.m => day.y,
                    -1 => day.y - 1,
                    1 if m > day.m => day.y,
                    1 => day.y + 1,
                    _ => day.y,
                };
                month(y, m)
            }
            Rel::Season(s, md) => {
                let start = SEASON_START[s as usize];
                let y = match md {
                    -1 if start + 3 <= day.m => day.y,
                    -1 => day.y - 1,
                    1 if start > day.m => day.y,
                    1 => day.y + 1,
                    _ => day.y,
                };
                (format!("{y:04}"), Precision::Season)
            }
        }
    }
}

/// The value of a relative date with no reference: unknown digits, the unit kept.
fn unanchored(r: &Rel) -> (String, Precision) {
    match *r {
        Rel::Day(_) | Rel::Weekday(..) | Rel::Shift(..) => ("XXXX-XX-XX".into(), Precision::Day),
        Rel::Unit(Unit::Week | Unit::Day | Unit::Weekend | Unit::Fortnight | Unit::WorkWeek, _)
        | Rel::WeekendByTense => ("XXXX-XX-XX".into(), Precision::Week),
        Rel::Unit(Unit::Month | Unit::Quarter, _) => ("XXXX-XX".into(), Precision::Month),
        Rel::Unit(Unit::Year | Unit::Decade, _) => ("XXXX".into(), Precision::Year),
        Rel::Month(m, _) => (format!("XXXX-{m:02}"), Precision::Month),
        Rel::Season(..) => ("XXXX".into(), Precision::Season),
    }
}

/// The `relative` form: "today", "this-friday", "last-week", "2-weeks-ago".
fn rel_name(r: &Rel) -> String {
    let md = |m: i32| match m {
        -1 => "last",
        1 => "next",
        2 => "after-next",
        _ => "this",
    };
    match *r {
        Rel::Day(0) => "today".into(),
        Rel::Day(-1) => "yesterday".into(),
        Rel::Day(1) => "tomorrow".into(),
        Rel::Day(-2) => "day-before-yesterday".into(),
        Rel::Day(2) => "day-after-tomorrow".into(),
        Rel::Day(k) if k < 0 => format!("{}-days-ago", -k),
        Rel::Day(k) => format!("in-{k}-days"),
        Rel::Weekday(wd, None) => WEEKDAY_NAMES[wd as usize].into(),
        Rel::Weekday(wd, Some(m)) => format!("{}-{}", md(m), WEEKDAY_NAMES[wd as usize]),
        Rel::Unit(u, m) => format!("{}-{}", md(m), u.name()),
        Rel::Shift(u, n) if n < 0 => format!("{}-{}s-ago", -n, u.name()),
        Rel::Shift(u, n) => format!("in-{n}-{}s", u.name()),
        Rel::Month(mo, m) => format!("{}-{}", md(m), MONTH_NAMES[mo as usize - 1]),
        Rel::Season(s, m) => format!("{}-{}", md(m), SEASON_NAMES[s as usize]),
        Rel::WeekendByTense => "weekend".into(),
    }
}

fn key(p: &Pt) -> (i32, u32, u32) {
    (p.y.unwrap_or(0), p.m.unwrap_or(0), p.d.unwrap_or(0))
}

/// The value and precision of a point.
fn fmt_point(p: &Pt) -> (String, Precision) {
    let y =
        p.y.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
    if p.century {
        let last =
            p.y.map_or_else(|| "XXXX".to_string(), |y| format!("{:04}", y + 99));
        return (format!("{y}/{last}"), Precision::Year);
    }
    if p.decade {
        let last =
            p.y.map_or_else(|| "XXXX".to_string(), |y| format!("{:04}", y + 9));
        return (format!("{y}/{last}"), Precision::Year);
    }
    if let Some(w) = p.week {
        let monday = match (p.y, p.m, p.d, w) {
            (Some(y), Some(m), Some(d), 0) => {
                let day = Day { y, m, d };
                Some(day.add_days(-i64::from(day.weekday())))
            }
            (Some(y), Some(m), None, n) => Some(calendar::month_week_monday(y, m, i32::from(n))),
            (Some(y), None, None, -1) => Some(calendar::last_iso_week_monday(y)),
            (Some(y), None, None, n) if n > 0 => Some(calendar::iso_week_monday(y, n as u32)),
            _ => None,
        };
        return match monday {
            Some(d) => (
                format!("{}/{}", d.iso(), d.add_days(6).iso()),
                Precision::Week,
            ),
            None => ("XXXX-XX-XX".into(), Precision::Week),
        };
    }
    if let (true, Some(y), Some(m), Some(d)) = (p.weekend, p.y, p.m, p.d) {
        // The holiday with the Saturday and Sunday next to it: a Monday holiday ends
        // its weekend, a Thursday or Friday starts it.
        let day = Day { y, m, d };
        let wd = i64::from(day.weekday());
        let (first, last) = match wd {
            0 => (day.add_days(-2), day),
            1..=4 => (day, day.add_days(6 - wd)),
            _ => (day.add_days(5 - wd), day.add_days(6 - wd)),
        };
        return (format!("{}/{}", first.iso(), last.iso()), Precision::Week);
    }
    if p.rule.is_some() && p.d.is_none() {
        return ("XXXX-XX-XX".into(), Precision::Day);
    }
    if let Some(h) = p.half {
        let m1 = u32::from(h - 1) * 6 + 1;
        return (format!("{y}-{m1:02}/{y}-{:02}", m1 + 5), Precision::Month);
    }
    if let Some(q) = p.quarter {
        let m1 = u32::from(q - 1) * 3 + 1;
        return (format!("{y}-{m1:02}/{y}-{:02}", m1 + 2), Precision::Month);
    }
    if p.season.is_some() {
        return (y, Precision::Season);
    }
    match (p.m, p.d) {
        (Some(m), Some(d)) => (format!("{y}-{m:02}-{d:02}"), Precision::Day),
        (None, Some(d)) => (format!("{y}-XX-{d:02}"), Precision::Day),
        (Some(m), None) => (format!("{y}-{m:02}"), Precision::Month),
        _ => (y, Precision::Year),
    }
}

/// The start of an interval value ("2024-01" of "2024-01/2024-03").
fn first_of(v: &str) -> &str {
    v.split('/').next().unwrap_or(v)
}

/// The end of an interval value.
fn last_of(v: &str) -> &str {
    v.rsplit('/').next().unwrap_or(v)
}

fn rank(p: Precision) -> u8 {
    match p {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::Month => 2,
        Precision::Season => 3,
        Precision::Year => 4,
    }
}

fn coarser(a: Precision, b: Precision) -> Precision {
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

#[cfg(test)]
mod tests;

/// True for a real calendar date written `YYYY-MM-DD` (digits only).
pub fn valid_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && calendar::Day::parse(s).is_some()
}
