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
}
