//! Partial dates and date ranges as lists publish them: "1960", "circa 1964",
//! "1964 to 1966", "12 Mar 1960", "1960-03-12", "12/03/1960".

use serde::{Deserialize, Serialize};
use std::fmt;

/// A date that may lack its month or day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: u16) -> PartialDate {
        PartialDate { year, month: None, day: None }
    }

    /// A date checked for plausible ranges (year 1000..=2999, month 1..=12, day 1..=31).
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        if !(1000..=2999).contains(&year) {
            return None;
        }
        if month.is_some_and(|m| !(1..=12).contains(&m)) || day.is_some_and(|d| !(1..=31).contains(&d)) {
            return None;
        }
        if day.is_some() && month.is_none() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// Parses an ISO-like date: `1960`, `1960-03`, `1960-03-12`, with an optional time part
    /// (`2026-02-27T00:00:09Z`) ignored. Zero month or day (`1960-00-00`) means unknown.
    pub fn parse_iso(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let s = s.split('T').next().unwrap_or(s);
        let mut it = s.split('-');
        let year: u16 = it.next()?.parse().ok()?;
        let month = match it.next() {
            Some(m) => Some(m.parse::<u8>().ok()?).filter(|m| *m != 0),
            None => None,
        };
        let day = match it.next() {
            Some(d) => Some(d.parse::<u8>().ok()?).filter(|d| *d != 0),
            None => None,
        };
        if it.next().is_some() {
            return None;
        }
        PartialDate::new(year, month, if month.is_some() { day } else { None })
    }

    /// Parses the forms lists use for a single date: ISO, `dd/mm/yyyy` (UK, EU), `12 Mar 1960`,
    /// `Mar 1960`, `1960`. Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim().trim_end_matches('.');
        if s.is_empty() {
            return None;
        }
        if let Some(d) = PartialDate::parse_iso(s) {
            return Some(d);
        }
        if s.contains('/') {
            let parts: Vec<&str> = s.split('/').map(str::trim).collect();
            return match parts.as_slice() {
                [d, m, y] => {
                    let (d, m): (u8, u8) = (d.parse().ok()?, m.parse().ok()?);
                    PartialDate::new(
                        y.parse().ok()?,
                        Some(m).filter(|m| *m != 0),
                        Some(d).filter(|d| *d != 0),
                    )
                    .or_else(|| PartialDate::new(y.parse().ok()?, Some(m).filter(|m| *m != 0), None))
                }
                [m, y] => PartialDate::new(y.parse().ok()?, Some(m.parse().ok()?), None),
                _ => None,
            };
        }
        let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        match words.as_slice() {
            [d, m, y] => PartialDate::new(y.parse().ok()?, Some(month_number(m)?), Some(d.parse().ok()?)),
            [m, y] => PartialDate::new(y.parse().ok()?, Some(month_number(m)?), None),
            _ => None,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

fn month_number(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| w.starts_with(m)).map(|i| i as u8 + 1)
}

/// A date as published, which may be partial, approximate or a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSpec {
    /// As published.
    pub raw: String,
    /// The date, or the start of the range. `None` when the text could not be read as a date
    /// (the raw text is still kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    /// The end of a range ("1964 to 1966"); `None` for a single date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// "circa", "approximately", "ca.".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

impl DateSpec {
    pub fn exact(date: PartialDate) -> DateSpec {
        DateSpec { raw: date.to_string(), from: Some(date), to: None, approximate: false }
    }

    pub fn range(raw: impl Into<String>, from: PartialDate, to: PartialDate) -> DateSpec {
        DateSpec { raw: raw.into(), from: Some(from), to: Some(to), approximate: false }
    }

    /// Reads "1960", "circa 1964", "approximately 1964", "1964 to 1966", "between 1964 and
    /// 1966", "1964-1966", "12 Mar 1960", "1960-03-12", "12/03/1960". Never fails: what it
    /// cannot read keeps only its raw text.
    pub fn parse(raw: &str) -> DateSpec {
        let text = raw.trim();
        let lower = text.to_ascii_lowercase();
        let mut rest = lower.as_str();
        let mut approximate = false;
        for prefix in ["circa", "approximately", "approx.", "approx", "about", "ca.", "c.", "ca "] {
            if let Some(r) = rest.strip_prefix(prefix) {
                approximate = true;
                rest = r.trim();
                break;
            }
        }
        if let Some(r) = rest.strip_prefix("between ") {
            rest = r;
        }
        let spec = |from, to| DateSpec { raw: text.to_owned(), from, to, approximate };
        if let Some(d) = PartialDate::parse(rest) {
            return spec(Some(d), None);
        }
        for sep in [" to ", " and ", " - ", "-", "–"] {
            if let Some((a, b)) = rest.split_once(sep) {
                if let (Some(a), Some(b)) = (PartialDate::parse(a), PartialDate::parse(b)) {
                    return spec(Some(a), Some(b));
                }
            }
        }
        spec(None, None)
    }

    /// The years the date covers, inclusive; `None` when unread.
    pub fn year_span(&self) -> Option<(u16, u16)> {
        let from = self.from?;
        let to = self.to.unwrap_or(from);
        Some((from.year.min(to.year), from.year.max(to.year)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: u16, m: u8, d: u8) -> PartialDate {
        PartialDate::new(y, Some(m), Some(d)).unwrap()
    }

    #[test]
    fn parses_published_forms() {
        assert_eq!(DateSpec::parse("1960").from, Some(PartialDate::year(1960)));
        let c = DateSpec::parse("circa 1964");
        assert!(c.approximate);
        assert_eq!(c.from, Some(PartialDate::year(1964)));
        let r = DateSpec::parse("1964 to 1966");
        assert_eq!(r.year_span(), Some((1964, 1966)));
        assert_eq!(DateSpec::parse("Between 1964 and 1966").year_span(), Some((1964, 1966)));
        assert_eq!(DateSpec::parse("12 Mar 1960").from, Some(ymd(1960, 3, 12)));
        assert_eq!(DateSpec::parse("1960-03-12").from, Some(ymd(1960, 3, 12)));
        assert_eq!(DateSpec::parse("12/03/1960").from, Some(ymd(1960, 3, 12)));
        assert_eq!(DateSpec::parse("00/00/1960").from, Some(PartialDate::year(1960)));
        assert_eq!(DateSpec::parse("Mar 1960").from, PartialDate::new(1960, Some(3), None));
        assert_eq!(DateSpec::parse("1971-00-00").from, Some(PartialDate::year(1971)));
        let junk = DateSpec::parse("sometime in the 60s");
        assert_eq!(junk.from, None);
        assert_eq!(junk.raw, "sometime in the 60s");
    }

    #[test]
    fn displays_iso() {
        assert_eq!(ymd(1960, 3, 2).to_string(), "1960-03-02");
        assert_eq!(PartialDate::year(1960).to_string(), "1960");
    }
}
