//! Calendar dates and the validity intervals everything in a scenario carries.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A calendar date, written `YYYY-MM-DD` (years 0001 to 9999).
///
/// Scenarios are evaluated on a date; the crate never needs a time of day or a time zone.
/// Calendar arithmetic is delegated to [`jiff`](https://docs.rs/jiff), which stays out of the
/// public API.
///
/// # Example
///
/// ```
/// use allegiance::Date;
/// let invasion: Date = "2022-02-24".parse()?;
/// assert_eq!(invasion, Date::new(2022, 2, 24)?);
/// assert_eq!(invasion.to_string(), "2022-02-24");
/// assert!("2022-02-30".parse::<Date>().is_err());
/// assert!("2022-2-24".parse::<Date>().is_err());
/// # Ok::<(), allegiance::DateError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(jiff::civil::Date);

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The text is not of the form `YYYY-MM-DD`.
    #[error("`{0}` is not written `YYYY-MM-DD`")]
    Format(String),
    /// The text has the right form but names no day of the calendar (`2022-02-30`).
    #[error("`{0}` is not a day of the calendar")]
    NoSuchDay(String),
}

impl Date {
    /// The date of a year, month (1–12) and day (1–31).
    ///
    /// # Errors
    ///
    /// [`DateError::NoSuchDay`] when the three numbers name no day, such as 30 February or
    /// year 0.
    pub fn new(year: i16, month: i8, day: i8) -> Result<Self, DateError> {
        if year < 1 {
            return Err(DateError::NoSuchDay(format!(
                "{year:04}-{month:02}-{day:02}"
            )));
        }
        jiff::civil::Date::new(year, month, day)
            .map(Self)
            .map_err(|_| DateError::NoSuchDay(format!("{year:04}-{month:02}-{day:02}")))
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> i8 {
        self.0.month()
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// The day after, or `None` after 9999-12-31.
    pub fn next_day(self) -> Option<Self> {
        self.0.tomorrow().ok().map(Self)
    }

    /// The day before, or `None` before 0001-01-01.
    pub fn previous_day(self) -> Option<Self> {
        self.0
            .yesterday()
            .ok()
            .filter(|it| it.year() >= 1)
            .map(Self)
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses exactly `YYYY-MM-DD`: four digits, two, two, separated by hyphens.
    fn from_str(text: &str) -> Result<Self, DateError> {
        let format_error = || DateError::Format(text.escape_debug().to_string());
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes.iter().enumerate().all(|(at, byte)| match at {
                4 | 7 => *byte == b'-',
                _ => byte.is_ascii_digit(),
            });
        if !well_formed {
            return Err(format_error());
        }
        let number = |range: std::ops::Range<usize>| -> Result<i16, DateError> {
            text.get(range)
                .and_then(|digits| digits.parse().ok())
                .ok_or_else(format_error)
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let no_such_day = || DateError::NoSuchDay(text.to_owned());
        let month = i8::try_from(month).map_err(|_| no_such_day())?;
        let day = i8::try_from(day).map_err(|_| no_such_day())?;
        Self::new(year, month, day).map_err(|_| no_such_day())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!(
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        ))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A validity interval: from `start` (included) until `end` (excluded).
///
/// A missing `start` means "since always", a missing `end` "still in force". The end is the
/// first day on which the thing no longer holds: a treaty terminated on 1999-04-20 binds on
/// 1999-04-19 and not on 1999-04-20.
///
/// # Example
///
/// ```
/// use allegiance::{Date, Interval};
/// let d = |s: &str| s.parse::<Date>().unwrap();
/// let term = Interval::new(Some(d("1994-04-20")), Some(d("1999-04-20")));
/// assert!(term.contains(d("1994-04-20")));
/// assert!(term.contains(d("1999-04-19")));
/// assert!(!term.contains(d("1999-04-20")));
/// assert!(Interval::ALWAYS.contains(d("2022-02-24")));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Interval {
    /// The first day it holds, or `None` for no known beginning.
    pub start: Option<Date>,
    /// The first day it no longer holds, or `None` while it still holds.
    pub end: Option<Date>,
}

impl Interval {
    /// The interval that holds on every date.
    pub const ALWAYS: Interval = Interval {
        start: None,
        end: None,
    };

    /// The interval from `start` (included) until `end` (excluded).
    pub fn new(start: Option<Date>, end: Option<Date>) -> Self {
        Self { start, end }
    }

    /// Whether the interval holds on `date`.
    pub fn contains(&self, date: Date) -> bool {
        self.start.is_none_or(|start| start <= date) && self.end.is_none_or(|end| date < end)
    }

    /// Whether `start` comes strictly before `end`, so that at least one day is inside.
    pub fn is_nonempty(&self) -> bool {
        match (self.start, self.end) {
            (Some(start), Some(end)) => start < end,
            _ => true,
        }
    }

    /// Whether every date of `self` is a date of `outer`.
    pub fn within(&self, outer: &Interval) -> bool {
        let starts_inside = match (outer.start, self.start) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(outer_start), Some(start)) => outer_start <= start,
        };
        let ends_inside = match (outer.end, self.end) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(outer_end), Some(end)) => end <= outer_end,
        };
        starts_inside && ends_inside
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.start, self.end) {
            (None, None) => f.write_str("always"),
            (Some(start), None) => write!(f, "since {start}"),
            (None, Some(end)) => write!(f, "until {end}"),
            (Some(start), Some(end)) => write!(f, "{start} until {end}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_the_iso_form() {
        assert_eq!("2022-02-24".parse::<Date>().map(|d| d.day()), Ok(24));
        for bad in [
            "",
            "2022-02-24 ",
            "22-02-24",
            "2022/02/24",
            "2022-02-24T00:00",
            "２０２２-02-24",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Format(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn rejects_days_the_calendar_lacks() {
        // 2022 is not a leap year; 2024 is; 1900 is not (divisible by 100, not by 400).
        for bad in [
            "2022-02-29",
            "1900-02-29",
            "2022-02-30",
            "2022-13-01",
            "0000-00-00",
            "0000-01-01",
            "2022-04-31",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::NoSuchDay(_))),
                "{bad:?}"
            );
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2000-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn neighbours_cross_month_and_year_ends() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2021-12-31").next_day(), Some(d("2022-01-01")));
        assert_eq!(d("2024-03-01").previous_day(), Some(d("2024-02-29")));
        assert_eq!(d("9999-12-31").next_day(), None);
        assert_eq!(d("0001-01-01").previous_day(), None);
    }

    #[test]
    fn intervals_are_half_open() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let i = Interval::new(Some(d("2022-02-22")), Some(d("2022-03-01")));
        assert!(!i.contains(d("2022-02-21")));
        assert!(i.contains(d("2022-02-28")));
        assert!(!i.contains(d("2022-03-01")));
        assert!(Interval::new(Some(d("2022-03-01")), None).within(&Interval::ALWAYS));
        assert!(!Interval::ALWAYS.within(&i));
        assert!(!Interval::new(Some(d("2022-03-01")), Some(d("2022-03-01"))).is_nonempty());
    }
}
