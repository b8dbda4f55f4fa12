//! Proleptic Gregorian calendar arithmetic on plain integers.

/// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub(crate) fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// True in a leap year.
pub(crate) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` of year `y` (`None` for the year: February has 29).
pub(crate) fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// True when day `d` of month `m` exists (in year `y`, or in some year).
pub(crate) fn valid(y: Option<i32>, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Weekday of a day number, Monday = 0.
pub(crate) fn weekday(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (days + 3).rem_euclid(7) as u32
}

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Day {
    /// Parse `YYYY-MM-DD` (anything after the tenth byte, such as a time, is ignored).
    pub fn parse(s: &str) -> Option<Day> {
        let s = s.get(..10)?;
        let b = s.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y: i32 = s[0..4].parse().ok()?;
        let m: u32 = s[5..7].parse().ok()?;
        let d: u32 = s[8..10].parse().ok()?;
        (s[0..4].bytes().all(|c| c.is_ascii_digit()) && valid(Some(y), m, d)).then_some(Day {
            y,
            m,
            d,
        })
    }

    /// Day number.
    pub fn days(&self) -> i64 {
        days_from_civil(self.y, self.m, self.d)
    }

    /// From a day number.
    pub fn from_days(z: i64) -> Day {
        let (y, m, d) = civil_from_days(z);
        Day { y, m, d }
    }

    /// This day plus `n` days.
    pub fn add_days(&self, n: i64) -> Day {
        Day::from_days(self.days() + n)
    }

    /// This day `n` months on (back when negative), on the last day of a shorter month.
    pub fn add_months(&self, n: i32) -> Day {
        let (y, m) = add_months(self.y, self.m, n);
        Day {
            y,
            m,
            d: self.d.min(days_in_month(Some(y), m)),
        }
    }

    /// Monday = 0.
    pub fn weekday(&self) -> u32 {
        weekday(self.days())
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// Year and month `n` months after `y-m`.
pub(crate) fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// Easter Sunday of year `y` (Gregorian computus, the anonymous algorithm published by
/// Meeus/Jones/Butcher): (month, day).
pub(crate) fn easter(y: i32) -> (u32, u32) {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    (month as u32, day as u32)
}

/// How a holiday's date follows from its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// The same month and day every year.
    Fixed(u32, u32),
    /// The `n`th weekday (Monday = 0) of a month (`n = -1` the last one), plus days.
    NthWeekday(u32, u32, i32, i32),
    /// Days after (before, when negative) Easter Sunday.
    Easter(i32),
}

impl Rule {
    /// Parse a rule as written in `holidays`: `12-25`, `11-thu-4`, `05-mon-last`,
    /// `11-thu-4+1` (the day after), `easter-2`.
    pub fn parse(s: &str) -> Option<Rule> {
        let (s, plus) = match s.split_once('+') {
            Some((a, b)) if !a.starts_with("easter") => (a, b.parse().ok()?),
            _ => (s, 0),
        };
        if let Some(off) = s.strip_prefix("easter") {
            let off = if off.is_empty() { 0 } else { off.parse().ok()? };
            return Some(Rule::Easter(off));
        }
        let parts: Vec<&str> = s.split('-').collect();
        match parts.as_slice() {
            [m, d] => {
                let (m, d) = (m.parse().ok()?, d.parse().ok()?);
                valid(None, m, d).then_some(Rule::Fixed(m, d))
            }
            [m, wd, n] => {
                let m: u32 = m.parse().ok()?;
                let wd = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                    .iter()
                    .position(|w| w == wd)? as u32;
                let n = if *n == "last" { -1 } else { n.parse().ok()? };
                ((1..=12).contains(&m) && (n == -1 || (1..=5).contains(&n)))
                    .then_some(Rule::NthWeekday(m, wd, n, plus))
            }
            _ => None,
        }
    }

    /// The date in year `y`.
    pub fn date(&self, y: i32) -> Day {
        match *self {
            Rule::Fixed(m, d) => Day { y, m, d },
            Rule::NthWeekday(m, wd, n, plus) => {
                if n > 0 {
                    let first = Day { y, m, d: 1 };
                    let k = (wd + 7 - first.weekday()) % 7;
                    first.add_days(i64::from(k) + 7 * i64::from(n - 1) + i64::from(plus))
                } else {
                    let last = Day {
                        y,
                        m,
                        d: days_in_month(Some(y), m),
                    };
                    let k = (last.weekday() + 7 - wd) % 7;
                    last.add_days(i64::from(plus) - i64::from(k))
                }
            }
            Rule::Easter(off) => {
                let (m, d) = easter(y);
                Day { y, m, d }.add_days(i64::from(off))
            }
        }
    }
}

/// The Monday of ISO week `n` of year `y` (week 1 holds the year's first Thursday).
pub(crate) fn iso_week_monday(y: i32, n: u32) -> Day {
    let jan4 = Day { y, m: 1, d: 4 };
    let week1 = jan4.add_days(-i64::from(jan4.weekday()));
    week1.add_days(7 * (i64::from(n) - 1))
}

/// The Monday of the `n`th week of a month (`n = -1`: the last), counting the weeks whose
/// Thursday falls in the month, as ISO weeks belong to the year of their Thursday.
pub(crate) fn month_week_monday(y: i32, m: u32, n: i32) -> Day {
    if n > 0 {
        let first_thu = Rule::NthWeekday(m, 3, 1, 0).date(y);
        first_thu.add_days(-3 + 7 * (i64::from(n) - 1))
    } else {
        Rule::NthWeekday(m, 3, -1, 0).date(y).add_days(-3)
    }
}

/// The Monday of the ISO week of year `y` that is its last (52 or 53).
pub(crate) fn last_iso_week_monday(y: i32) -> Day {
    iso_week_monday(y + 1, 1).add_days(-7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        for z in [-800_000i64, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        // 2025-03-14 was a Friday.
        assert_eq!(Day::parse("2025-03-14").unwrap().weekday(), 4);
        assert_eq!(add_months(2025, 1, -1), (2024, 12));
        assert_eq!(add_months(2025, 12, 1), (2026, 1));
        assert!(Day::parse("2025-02-29").is_none());
    }

    #[test]
    fn holidays_and_weeks() {
        // Easter Sundays from published tables.
        assert_eq!(easter(2018), (4, 1));
        assert_eq!(easter(2019), (4, 21));
        assert_eq!(easter(2024), (3, 31));
        assert_eq!(easter(2025), (4, 20));
        assert_eq!(
            Rule::parse("11-thu-4").unwrap().date(2010).iso(),
            "2010-11-25"
        );
        assert_eq!(
            Rule::parse("05-mon-last").unwrap().date(2021).iso(),
            "2021-05-31"
        );
        assert_eq!(
            Rule::parse("11-thu-4+1").unwrap().date(2019).iso(),
            "2019-11-29"
        );
        assert_eq!(
            Rule::parse("easter-2").unwrap().date(2019).iso(),
            "2019-04-19"
        );
        assert_eq!(iso_week_monday(2015, 1).iso(), "2014-12-29");
        assert_eq!(last_iso_week_monday(2016).iso(), "2016-12-26");
        assert_eq!(month_week_monday(2016, 7, -1).iso(), "2016-07-25");
        assert_eq!(month_week_monday(2018, 1, 3).iso(), "2018-01-15");
    }
}
