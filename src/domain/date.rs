//! Issue dates as printed on a plan: "13/5/2026", "13-5-2026", "ngày 13
//! tháng 5 năm 2026", the header line "Ninh Bình, ngày 13 tháng 5 năm 2026"
//! (the place is kept), and the blanks of drafts: "ngày    tháng 6 năm 2026"
//! (month known), "ngày   tháng   năm 2026" and "ngày / /2026" (year known).
//! ISO forms ("2026-05-13", "2026-05", "2026") stay.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::text;

/// When a plan was issued: drafts often leave the day, or day and month, blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Issued {
    Day(NaiveDate),
    Month {
        year: i32,
        month: u32,
    },
    /// "ngày   tháng   năm 2026": only the year is printed.
    Year(i32),
}

/// An issue date with the place printed before it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedDate {
    pub issued: Issued,
    /// "Ninh Bình" in "Ninh Bình, ngày 13 tháng 5 năm 2026".
    pub place: Option<String>,
}

/// Why an issue date could not be read; wording in `crate::messages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    Empty,
    Unreadable,
    UnknownWord {
        part: String,
        nearest: Option<&'static str>,
    },
    NoYear,
    TwoDigitYear,
    MonthOutOfRange(u32),
    NoSuchDate {
        day: u32,
        month: u32,
        year: i32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub problem: DateProblem,
    pub input: String,
    pub help: Option<&'static str>,
}

impl fmt::Display for DateError {
    /// English, for callers not yet language-aware; see `crate::messages`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::messages::parse_en::date_error(self))
    }
}

impl std::error::Error for DateError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num { value: u32, digits: usize },
    Word(String),
    Sep,
}

fn lex(folded: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = folded.chars().peekable();
    let mut prev_digit = false;
    while let Some(&c) = chars.peek() {
        if c == '.' {
            // A dot between numbers separates them ("13.5.2026"); dots
            // elsewhere are the blanks of drafts ("ngày ..../6/2026").
            chars.next();
            if prev_digit && chars.peek().is_some_and(char::is_ascii_digit) {
                out.push(Tok::Sep);
            }
            prev_digit = false;
            continue;
        }
        prev_digit = c.is_ascii_digit();
        if c.is_ascii_digit() {
            let (mut value, mut digits) = (0u32, 0usize);
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                value = value.saturating_mul(10).saturating_add(d);
                digits += 1;
                chars.next();
            }
            out.push(Tok::Num { value, digits });
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_alphabetic()) {
                w.push(c);
                chars.next();
            }
            out.push(Tok::Word(w));
        } else {
            chars.next();
            if matches!(c, '/' | '-' | '–' | '—' | '‒' | '−') {
                out.push(Tok::Sep);
            }
        }
    }
    out
}

/// Reads an issue date as printed, keeping the place before it.
pub fn parse_printed(input: &str) -> Result<PrintedDate, DateError> {
    let shown = text::nfc(input.trim());
    let fail = |problem: DateProblem| DateError {
        problem,
        input: shown.clone(),
        help: Some("ngày 13 tháng 5 năm 2026"),
    };
    if shown.is_empty() {
        return Err(fail(DateProblem::Empty));
    }
    // The place: everything before "ngày", or before the last comma.
    let folded_all = text::fold(&shown);
    let (place, rest) = split_place(&shown);
    let folded = text::fold(rest);
    let _ = folded_all;
    let issued = read(&folded).map_err(fail)?;
    Ok(PrintedDate { issued, place })
}

fn split_place(s: &str) -> (Option<String>, &str) {
    let folded_words: Vec<(usize, String)> = s
        .char_indices()
        .filter(|(i, c)| {
            c.is_alphabetic()
                && (*i == 0 || !s[..*i].chars().last().is_some_and(char::is_alphabetic))
        })
        .map(|(i, _)| {
            let w: String = s[i..].chars().take_while(|c| c.is_alphabetic()).collect();
            (i, text::fold(&w))
        })
        .collect();
    if let Some((i, _)) = folded_words.iter().find(|(_, w)| w == "ngay")
        && *i > 0
    {
        let mut place = s[..*i].trim().trim_end_matches(',').trim();
        // "Số: 92/KH-SGDĐT Ninh Bình, ngày ...": the number is not the place.
        if let Some(k) = place.rfind('/') {
            place = place[k..]
                .split_once(char::is_whitespace)
                .map_or("", |(_, rest)| rest)
                .trim();
        }
        if place.chars().any(char::is_alphabetic) {
            return (Some(place.to_string()), &s[*i..]);
        }
    }
    // The last comma with no date word before it: "ngày 13 tháng 5, năm
    // 2026" has no place, "Ninh Bình, 13 tháng 5, năm 2026" has one.
    let comma = s.match_indices(',').map(|(i, _)| i).rfind(|comma| {
        !folded_words
            .iter()
            .any(|(i, w)| i < comma && matches!(w.as_str(), "ngay" | "thang" | "nam"))
    });
    if let Some(comma) = comma {
        let place = s[..comma].trim();
        if place.chars().any(char::is_alphabetic)
            && s[comma + 1..].chars().any(|c| c.is_ascii_digit())
        {
            return (Some(place.to_string()), &s[comma + 1..]);
        }
    }
    (None, s)
}

fn year(t: &Tok) -> Result<Option<i32>, DateProblem> {
    match t {
        Tok::Num { value, digits: 4 } => Ok(i32::try_from(*value).ok()),
        Tok::Num { digits: 1 | 2, .. } => Err(DateProblem::TwoDigitYear),
        _ => Ok(None),
    }
}

fn small(t: Option<&Tok>) -> Option<u32> {
    match t {
        Some(Tok::Num {
            value,
            digits: 1 | 2,
        }) => Some(*value),
        _ => None,
    }
}

fn build(day: Option<u32>, month: Option<u32>, y: i32) -> Result<Issued, DateProblem> {
    match (day, month) {
        (_, Some(m)) if !(1..=12).contains(&m) => Err(DateProblem::MonthOutOfRange(m)),
        (Some(d), Some(m)) => {
            NaiveDate::from_ymd_opt(y, m, d)
                .map(Issued::Day)
                .ok_or(DateProblem::NoSuchDate {
                    day: d,
                    month: m,
                    year: y,
                })
        }
        (None, Some(m)) => Ok(Issued::Month { year: y, month: m }),
        (_, None) => Ok(Issued::Year(y)),
    }
}

fn read(folded: &str) -> Result<Issued, DateProblem> {
    let toks = lex(folded);
    if toks.is_empty() {
        return Err(DateProblem::Empty);
    }
    const WORDS: &[&str] = &[
        "ngay", "thang", "nam", "ban", "hanh", "issued", "on", "date",
    ];
    if let Some(Tok::Word(w)) = toks
        .iter()
        .find(|t| matches!(t, Tok::Word(w) if !WORDS.contains(&w.as_str())))
    {
        return Err(DateProblem::UnknownWord {
            part: w.clone(),
            nearest: None,
        });
    }
    let nums: Vec<&Tok> = toks
        .iter()
        .filter(|t| matches!(t, Tok::Num { .. }))
        .collect();
    // ISO: 2026-05-13, 2026-05, 2026.
    if let Some(Tok::Num { digits: 4, .. }) = nums.first()
        && !toks.iter().any(|t| matches!(t, Tok::Word(_)))
    {
        let y = year(nums[0])?.ok_or(DateProblem::Unreadable)?;
        return match nums[1..] {
            [] => Ok(Issued::Year(y)),
            [m] => build(None, small(Some(m)), y),
            [m, d] => build(small(Some(d)), small(Some(m)), y),
            _ => Err(DateProblem::Unreadable),
        };
    }
    let has = |w: &str| toks.iter().any(|t| *t == Tok::Word(w.into()));
    if has("thang") {
        // "ngày 13 tháng 5 năm 2026", blanks allowed: the number right after each word.
        let after = |w: &str| {
            toks.iter()
                .position(|t| *t == Tok::Word(w.into()))
                .and_then(|i| toks.get(i + 1))
        };
        // "13 tháng 5 năm 2026": without "ngày", the number before "tháng".
        let before_month = || {
            toks.iter()
                .position(|t| *t == Tok::Word("thang".into()))
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| toks.get(i))
                .filter(|t| matches!(t, Tok::Num { .. }))
        };
        let day = if has("ngay") {
            small(after("ngay"))
        } else {
            small(before_month())
        };
        let month = small(after("thang"));
        let y = match after("nam") {
            Some(t) => year(t)?,
            None => None,
        }
        .or_else(|| nums.last().and_then(|t| year(t).ok().flatten()))
        .ok_or(DateProblem::NoYear)?;
        return build(day, month, y);
    }
    // "13/5/2026", "13-5-2026", "ngày / /2026", "  /6/2026", "5/2026".
    let mut fields: Vec<Option<&Tok>> = vec![None];
    for t in &toks {
        match t {
            Tok::Sep => fields.push(None),
            Tok::Num { .. } => *fields.last_mut().unwrap() = Some(t),
            Tok::Word(_) => {}
        }
    }
    // "2026/05/13": year first.
    if let [Some(y @ Tok::Num { digits: 4, .. }), m, d] = fields[..] {
        let y = year(y)?.ok_or(DateProblem::Unreadable)?;
        return build(small(d), small(m), y);
    }
    let y = match fields.last().copied().flatten() {
        Some(t) => year(t)?.ok_or(DateProblem::Unreadable)?,
        None => return Err(DateProblem::NoYear),
    };
    match fields.len() {
        1 => Ok(Issued::Year(y)),
        2 => build(None, small(fields[0]), y),
        3 => build(small(fields[0]), small(fields[1]), y),
        _ => Err(DateProblem::Unreadable),
    }
}

impl Issued {
    pub fn parse(s: &str) -> Option<Issued> {
        Issued::read(s).ok()
    }

    /// [`parse_printed`] without the place.
    pub fn read(s: &str) -> Result<Issued, DateError> {
        parse_printed(s).map(|p| p.issued)
    }

    /// The earliest day it can have been issued: a late-issue finding gives the
    /// benefit of the doubt.
    pub fn earliest(self) -> NaiveDate {
        match self {
            Issued::Day(d) => d,
            Issued::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
            }
            Issued::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The latest day it can have been issued.
    pub fn latest(self) -> NaiveDate {
        match self {
            Issued::Day(d) => d,
            Issued::Month { year, month } => {
                let (y, m) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(NaiveDate::MAX)
            }
            Issued::Year(year) => NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Issued::Day(d) => d.year(),
            Issued::Month { year, .. } | Issued::Year(year) => year,
        }
    }

    /// The ISO spelling a plan file may use: "2026-05-13", "2026-05", "2026".
    pub fn iso(self) -> String {
        match self {
            Issued::Day(d) => d.format("%Y-%m-%d").to_string(),
            Issued::Month { year, month } => format!("{year:04}-{month:02}"),
            Issued::Year(y) => format!("{y:04}"),
        }
    }
}

impl fmt::Display for Issued {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Issued::Day(d) => write!(f, "{}", d.format("%d/%m/%Y")),
            Issued::Month { year, month } => write!(f, "{month:02}/{year}"),
            Issued::Year(year) => write!(f, "{year}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn day(y: i32, m: u32, d: u32) -> Issued {
        Issued::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn variants(s: &str) -> Vec<String> {
        let strip: String = text::fold(s);
        vec![
            s.to_string(),
            s.to_uppercase(),
            s.nfd().collect(),
            strip,
            s.replace(' ', "\u{00A0}"),
        ]
    }

    fn check(s: &str, expected: Issued, place: Option<&str>) {
        for v in variants(s) {
            let p = parse_printed(&v).unwrap_or_else(|e| panic!("{v:?}: {e}"));
            assert_eq!(p.issued, expected, "{v:?}");
            assert_eq!(p.place.is_some(), place.is_some(), "{v:?}");
        }
        assert_eq!(parse_printed(s).unwrap().place.as_deref(), place, "{s}");
    }

    #[test]
    fn a_comma_inside_the_date_is_no_place_and_the_day_may_lack_its_word() {
        check(
            "ngày 13 tháng 5, năm 2026",
            Issued::Day(NaiveDate::from_ymd_opt(2026, 5, 13).unwrap()),
            None,
        );
        check(
            "13 tháng 5 năm 2026",
            Issued::Day(NaiveDate::from_ymd_opt(2026, 5, 13).unwrap()),
            None,
        );
        check(
            "Ninh Bình, 13 tháng 5, năm 2026",
            Issued::Day(NaiveDate::from_ymd_opt(2026, 5, 13).unwrap()),
            Some("Ninh Bình"),
        );
    }

    #[test]
    fn iso_forms_stay() {
        check("2026-05-13", day(2026, 5, 13), None);
        check(
            "2026-06",
            Issued::Month {
                year: 2026,
                month: 6,
            },
            None,
        );
        check("2026", Issued::Year(2026), None);
    }

    #[test]
    fn slashes_and_dashes() {
        check("13/5/2026", day(2026, 5, 13), None);
        check("13-5-2026", day(2026, 5, 13), None);
        check("13 – 5 – 2026", day(2026, 5, 13), None);
        check("13.05.2026", day(2026, 5, 13), None);
        check(
            "05/2026",
            Issued::Month {
                year: 2026,
                month: 5,
            },
            None,
        );
    }

    #[test]
    fn words() {
        check("ngày 13 tháng 5 năm 2026", day(2026, 5, 13), None);
        check("Ngày 05 tháng 12 năm 2023", day(2023, 12, 5), None);
    }

    #[test]
    fn header_line_keeps_the_place() {
        check(
            "Ninh Bình, ngày 13 tháng 5 năm 2026",
            day(2026, 5, 13),
            Some("Ninh Bình"),
        );
        check("Hà Nội, 13/5/2026", day(2026, 5, 13), Some("Hà Nội"));
        check(
            "Tam Chúc, ngày    tháng 6 năm 2026",
            Issued::Month {
                year: 2026,
                month: 6,
            },
            Some("Tam Chúc"),
        );
    }

    #[test]
    fn blanks_of_drafts() {
        check(
            "ngày    tháng 6 năm 2026",
            Issued::Month {
                year: 2026,
                month: 6,
            },
            None,
        );
        check("ngày   tháng   năm 2026", Issued::Year(2026), None);
        check("ngày / /2026", Issued::Year(2026), None);
        check(
            "ngày  /6/2026",
            Issued::Month {
                year: 2026,
                month: 6,
            },
            None,
        );
    }

    #[test]
    fn errors() {
        for s in [
            "",
            "tháng 13 năm 2026",
            "31/2/2026",
            "13/5/26",
            "hôm qua",
            "ngày 13 tháng 5",
        ] {
            let e = parse_printed(s).unwrap_err();
            assert!(!e.to_string().is_empty(), "{s}");
        }
        assert_eq!(
            parse_printed("31/2/2026").unwrap_err().problem,
            DateProblem::NoSuchDate {
                day: 31,
                month: 2,
                year: 2026
            }
        );
    }

    #[test]
    fn issued_month_spans_the_month() {
        let i = Issued::parse("2026-06").unwrap();
        assert_eq!(i.earliest(), NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
        assert_eq!(i.latest(), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
        let y = Issued::parse("ngày tháng năm 2026").unwrap();
        assert_eq!(y.earliest(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(y.latest(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(y.iso(), "2026");
    }
}
