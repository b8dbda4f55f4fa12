//! Numbers over tokens: digits, number words, and both mixed ("1.2 million", "dos mil
//! millones", "quatre-vingt-dix", "half a million", "une vingtaine de").
//!
//! Word numbers are composed left to right. A number keeps three parts: `total` (everything
//! before the last scale word), `hundreds` and `small` (the part below a hundred). A scale
//! word multiplies whatever of the number is below it ("dos mil millones" = 2000 × 10⁶;
//! "cuatrocientos mil doscientos millones" = 400 200 × 10⁶), so long and short scales both
//! compose. Two cardinal words add only when the second is smaller than the place of the
//! first ("twenty seven", not "three two"); `additive_after` lets French add 10–19 after 60
//! and 80. When a word cannot continue a number, the number ends before it, or before the
//! small group that cannot take it ("3 hundred and 2 hundred" is two numbers).

use super::tables::{Tables, COLLECTIVE_START, NUMBER_WORD, WEAK_ONE};
use super::tokens::{Kind, Tok};
use crate::model::Qualifier;

/// A number found in a token stream.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NumSpan {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// The value.
    pub value: f64,
    /// A lone word that is mostly an article ("un", "une"): a number, never a count.
    pub weak: bool,
    /// The qualifier a collective implies ("une vingtaine" is approximate).
    pub qualifier: Option<Qualifier>,
    /// One bare run of digits ("2014"): a year candidate.
    pub plain: bool,
    /// The scale word the number ends with ("15 million" → 10⁶), for ranges.
    pub scale: Option<f64>,
    /// The number is a collective phrase that ends with its "of" ("dozens of").
    pub collective: bool,
    /// Digits with letters glued after them that are no multiplier ("4th", "180ml").
    pub glued: bool,
    /// Written only in digits.
    pub digits_only: bool,
}

#[derive(Clone, Copy, Default)]
struct State {
    total: f64,
    hundreds: f64,
    hundreds_set: bool,
    small: f64,
    small_set: bool,
    last_term: f64,
    /// An article or "half" waits for a multiplier or scale.
    pending: bool,
    half: bool,
    /// Last step was a scale word (its value) or a hundred.
    after_scale: f64,
    /// The largest scale applied, when the number ends with a scale.
    ends_scale: Option<f64>,
    /// A dozen-like multiplier closed the small group.
    small_closed: bool,
    has_digits: bool,
    words: usize,
}

impl State {
    fn value(&self) -> f64 {
        self.total + self.hundreds + self.small
    }
    fn empty_group(&self) -> bool {
        !self.hundreds_set && !self.small_set
    }
}

fn place(t: f64) -> f64 {
    let mut p = 1.0;
    let t = t.round();
    while t >= p * 10.0 && (t / (p * 10.0)).fract() == 0.0 {
        p *= 10.0;
    }
    p
}

fn additive_ok(tables: &Tables, last: f64, v: f64) -> bool {
    if v >= last || v == 0.0 {
        return false;
    }
    if v < place(last) {
        return true;
    }
    tables
        .additive_after
        .iter()
        .any(|&(after, below)| after == last && v < below)
}

/// Every number in `toks`, left to right, never overlapping.
pub(crate) fn scan(tables: &Tables, toks: &[Tok]) -> Vec<NumSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !could_start(tables, &toks[i]) {
            i += 1;
            continue;
        }
        match parse_at(tables, toks, i) {
            Some(n) => {
                i = n.last + 1;
                out.push(n);
            }
            None => i += 1,
        }
    }
    out
}

/// False when no number can start at `tok`: [`parse_at`] would stop at once, since a number
/// starts with digits, a number word or a collective phrase.
fn could_start(t: &Tables, tok: &Tok) -> bool {
    match tok.kind {
        Kind::Num => true,
        Kind::Word => t.number_starts.get(&tok.norm) & (NUMBER_WORD | COLLECTIVE_START) != 0,
        Kind::Punct => t.number_starts.get(&tok.norm) & COLLECTIVE_START != 0,
    }
}

fn parse_at(t: &Tables, toks: &[Tok], i: usize) -> Option<NumSpan> {
    // Only a token that starts some collective is looked up in the phrase table.
    let collective = toks
        .get(i)
        .is_some_and(|tok| t.number_starts.get(&tok.norm) & COLLECTIVE_START != 0)
        .then(|| t.collectives.at(toks, i))
        .flatten();
    if let Some((n, &(value, q))) = collective {
        return Some(NumSpan {
            first: i,
            last: i + n - 1,
            value,
            weak: false,
            qualifier: Some(q),
            plain: false,
            scale: None,
            collective: true,
            glued: false,
            digits_only: false,
        });
    }
    let mut st = State::default();
    let mut good: Option<(usize, State)> = None;
    let mut small_start_good: Option<(usize, State)> = None;
    let mut j = i;
    let mut after_joiner = false;
    let mut glued = false;
    let mut plain = false;
    while j < toks.len() {
        let tok = &toks[j];
        let before = st;
        let step = match tok.kind {
            Kind::Num => {
                let d = tok.digits.expect("a number token has digits");
                if j == i {
                    st.small = d.value;
                    st.small_set = true;
                    st.has_digits = true;
                    st.last_term = d.value;
                    plain = d.plain;
                    if let Some(next) = toks.get(j + 1) {
                        if next.kind == Kind::Word {
                            // A multiplier abbreviation after the digits ("10k", "2.33 k").
                            if let Some(m) = t.suffixes.get(next.surface) {
                                let free = toks
                                    .get(j + 2)
                                    .map_or(true, |a| a.space_before || a.kind != Kind::Word);
                                if free {
                                    st.small *= m;
                                    st.ends_scale = Some(*m);
                                    return finish(t, toks, i, (j + 1, st), false, false);
                                }
                            }
                            if !next.space_before {
                                glued = true;
                            }
                        }
                    }
                    Step::Ok
                } else if !st.small_set
                    && !st.small_closed
                    && st.after_scale > 0.0
                    && (!after_joiner || st.after_scale == 100.0)
                    && d.plain
                    && d.value >= 1.0
                    && d.value < st.after_scale
                {
                    small_start_good = good;
                    st.small = d.value;
                    st.small_set = true;
                    st.last_term = d.value;
                    st.after_scale = 0.0;
                    st.ends_scale = None;
                    Step::Ok
                } else {
                    Step::Stop
                }
            }
            // A word of none of the tables step_word reads stops the number there.
            Kind::Word if t.number_starts.get(&tok.norm) & (NUMBER_WORD | WEAK_ONE) == 0 => {
                Step::Stop
            }
            Kind::Word => step_word(t, &tok.norm, &mut st, &mut small_start_good, good),
            Kind::Punct => Step::Stop,
        };
        match step {
            Step::Ok => {}
            Step::Rollback => {
                let r = small_start_good?;
                return finish(t, toks, i, r, false, plain);
            }
            Step::Stop => {
                // A joiner: go on when the next token continues the number.
                let started = st.words > 0 || st.has_digits;
                if started && !after_joiner && !before.pending && is_joiner(t, tok) {
                    after_joiner = true;
                    st = before;
                    j += 1;
                    continue;
                }
                break;
            }
        }
        after_joiner = false;
        if !st.pending {
            good = Some((j, st));
        }
        if glued {
            break;
        }
        j += 1;
    }
    let (last, mut st) = good?;
    let mut last = last;
    if st.words > 0 && !st.has_digits {
        if let Some((end, frac)) = decimal_part(t, toks, last + 1) {
            st.small += frac;
            last = end;
        }
    }
    finish(t, toks, i, (last, st), glued, plain)
}

/// A decimal part in words after a decimal word ("point zero three", "coma veintiocho"):
/// its last token and value. Single digits are read one by one; any other number is read
/// whole as the digits after the mark ("point seventy-one" = .71).
fn decimal_part(t: &Tables, toks: &[Tok], i: usize) -> Option<(usize, f64)> {
    let mark = toks.get(i)?;
    if mark.kind != Kind::Word || !t.decimal_words.contains(&*mark.norm) {
        return None;
    }
    let mut digits = String::new();
    let mut j = i + 1;
    let mut last = None;
    while let Some(n) = parse_at(t, toks, j) {
        if n.collective || !n.digits_only_words() {
            break;
        }
        let single = n.first == n.last && n.value < 10.0 && n.value.fract() == 0.0;
        if single {
            digits.push_str(&format!("{}", n.value as u64));
            last = Some(n.last);
            j = n.last + 1;
            continue;
        }
        if digits.is_empty() && n.value.fract() == 0.0 && n.value >= 1.0 {
            digits = format!("{}", n.value as u64);
            last = Some(n.last);
        }
        break;
    }
    let last = last?;
    let frac: f64 = format!("0.{digits}").parse().ok()?;
    Some((last, frac))
}

impl NumSpan {
    /// Written only in words.
    fn digits_only_words(&self) -> bool {
        !self.digits_only && !self.glued
    }
}

fn finish(
    t: &Tables,
    toks: &[Tok],
    i: usize,
    (last, st): (usize, State),
    glued: bool,
    plain: bool,
) -> Option<NumSpan> {
    Some(NumSpan {
        first: i,
        last,
        value: st.value(),
        weak: last == i && t.weak_one.contains(&*toks[i].norm),
        qualifier: None,
        plain: plain && last == i,
        scale: st.ends_scale,
        collective: false,
        glued: glued && last == i,
        digits_only: st.words == 0,
    })
}

fn is_joiner(t: &Tables, tok: &Tok) -> bool {
    (tok.kind == Kind::Word && t.joiners.contains(&*tok.norm))
        || (tok.kind == Kind::Punct && tok.norm == "-")
}

/// What one token did to a number.
enum Step {
    /// It continues the number.
    Ok,
    /// The number ends before it.
    Stop,
    /// The number ends before the small group this token cannot join.
    Rollback,
}

/// Apply one word to the state.
fn step_word(
    t: &Tables,
    w: &str,
    st: &mut State,
    small_start_good: &mut Option<(usize, State)>,
    good: Option<(usize, State)>,
) -> Step {
    use Step::{Ok, Rollback, Stop};
    if st.pending {
        if st.half && (t.articles.contains(w) || t.weak_one.contains(w)) {
            return Ok;
        }
        if let Some(&s) = t.scales.get(w) {
            apply_scale(st, s);
        } else if let Some(&h) = t.hundreds.get(w) {
            st.hundreds = st.small * h;
            st.hundreds_set = true;
            st.small = 0.0;
            st.small_set = false;
            st.after_scale = h;
        } else if let Some(&m) = t.group_multipliers.get(w) {
            st.small *= m;
            st.small_closed = true;
        } else {
            return Stop;
        }
        st.pending = false;
        st.words += 1;
        return Ok;
    }
    if let Some(&s) = t.scales.get(w) {
        let low = st.total % s + st.hundreds + st.small;
        let bare = st.total == 0.0 && st.empty_group() && t.bare_scales.contains(w);
        if low == 0.0 && !bare {
            return Stop;
        }
        apply_scale(st, s);
        st.words += 1;
        return Ok;
    }
    if let Some(&h) = t.hundreds.get(w) {
        if st.hundreds_set || st.small_closed {
            // "3 hundred and 2 hundred": the second group starts a new number.
            return if st.small_set { Rollback } else { Stop };
        }
        if t.word_only.contains(w) && st.has_digits && st.words == 0 {
            return Stop;
        }
        let base = if st.small_set { st.small } else { 1.0 };
        if base == 0.0 {
            return Stop;
        }
        st.hundreds = base * h;
        st.hundreds_set = true;
        st.small = 0.0;
        st.small_set = false;
        st.after_scale = h;
        st.ends_scale = None;
        st.words += 1;
        return Ok;
    }
    let card = t.cardinals.get(w).copied();
    if let Some(&m) = t.group_multipliers.get(w) {
        // A word that is also a cardinal ("vingt") multiplies only a unit ("quatre-vingt").
        let multiplies = st.small_set
            && st.small > 0.0
            && !st.small_closed
            && (card.is_none() || (st.small < 10.0 && st.small.fract() == 0.0));
        if multiplies {
            st.small *= m;
            st.last_term = st.small;
            st.small_closed = card.is_none();
            st.words += 1;
            return Ok;
        }
        if card.is_none() {
            return Stop;
        }
    }
    let Some(v) = card else {
        let article = t.articles.contains(w);
        let half = t.halves.contains(w);
        if (article || half) && st.empty_group() && st.total == 0.0 {
            st.small = if half { 0.5 } else { 1.0 };
            st.small_set = true;
            st.pending = true;
            st.half = half;
            return Ok;
        }
        return Stop;
    };
    if st.small_closed {
        return Stop;
    }
    if v >= 100.0 {
        if !st.empty_group() {
            return Stop;
        }
        st.hundreds = v;
        st.hundreds_set = true;
        st.after_scale = 100.0;
        st.ends_scale = None;
        st.words += 1;
        return Ok;
    }
    if !st.small_set {
        if st.after_scale > 0.0 && v >= st.after_scale {
            return Stop;
        }
        *small_start_good = good;
        st.small = v;
        st.small_set = true;
        st.last_term = v;
        st.after_scale = 0.0;
        st.ends_scale = None;
        st.words += 1;
        return Ok;
    }
    if st.has_digits && st.words == 0 {
        return Stop;
    }
    if additive_ok(t, st.last_term, v) {
        st.small += v;
        st.last_term = v;
        st.words += 1;
        return Ok;
    }
    Stop
}

fn apply_scale(st: &mut State, s: f64) {
    let mut low = st.total % s + st.hundreds + st.small;
    if low == 0.0 {
        low = 1.0;
    }
    st.total = st.total - st.total % s + low * s;
    st.hundreds = 0.0;
    st.hundreds_set = false;
    st.small = 0.0;
    st.small_set = false;
    st.small_closed = false;
    st.after_scale = s;
    st.ends_scale = Some(st.ends_scale.map_or(s, |e: f64| e.max(s)));
}
