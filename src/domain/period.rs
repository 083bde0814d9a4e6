//! The period a plan covers, as printed: "2026", "năm 2027", "2022-2025",
//! "giai đoạn 2026 – 2030", "giai đoạn 2026-2030, tầm nhìn đến năm 2035",
//! "…, định hướng đến năm 2035", "đến năm 2030", "từ nay đến năm 2030 và
//! 2035" (counted from the issue date), "năm học 2026 – 2027", and the
//! headings in capitals ("GIAI ĐOẠN 2026 - 2030").
//!
//! A plan has its span (`from`..=`to`) and zero or more horizons after it
//! (the "tầm nhìn" / "định hướng" years, or the further years of "đến năm
//! 2030 và 2035"). Each target belongs to one horizon ([`Period::horizon_of`]);
//! cascades compare a child's target with its parent's of the same horizon
//! ([`same_horizon`]).

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::school_year::SchoolCalendar;
use crate::text;

/// The years a plan covers, inclusive, and its horizons.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Period {
    pub from: i32,
    pub to: i32,
    /// Orientation years after `to`, ascending ("tầm nhìn đến năm 2035").
    pub horizons: Vec<i32>,
    /// "năm học 2026-2027": bounded by the school calendar, not 1/1 and 31/12.
    pub school_year: bool,
}

/// Why a period could not be read; wording in `crate::messages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodProblem {
    Empty,
    Unreadable,
    UnknownWord {
        part: String,
        nearest: Option<&'static str>,
    },
    Backwards {
        from: i32,
        to: i32,
    },
    YearOutOfRange(i32),
    /// "từ nay" / "đến năm 2030" without a known issue date.
    NeedsIssueDate,
    HorizonBeforeEnd {
        horizon: i32,
        end: i32,
    },
    SchoolYearNotConsecutive {
        from: i32,
        to: i32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    pub problem: PeriodProblem,
    pub input: String,
    pub help: Option<&'static str>,
}

impl fmt::Display for PeriodError {
    /// English, for callers not yet language-aware; see `crate::messages`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::messages::parse_en::period_error(self))
    }
}

impl std::error::Error for PeriodError {}

/// Words a period may use besides its years.
const WORDS: &[&str] = &[
    "giai", "doan", "cac", "thoi", "ky", "nam", "ke", "hoach", "cua", "trong", "period", "tu",
    "from",
];

fn years_in(folded: &str) -> Result<Vec<i32>, PeriodProblem> {
    let mut out = Vec::new();
    for w in folded
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
    {
        if w.len() != 4 {
            return Err(PeriodProblem::Unreadable);
        }
        let y: i32 = w.parse().map_err(|_| PeriodProblem::Unreadable)?;
        if !(1900..=2200).contains(&y) {
            return Err(PeriodProblem::YearOutOfRange(y));
        }
        out.push(y);
    }
    Ok(out)
}

fn words_of(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect()
}

fn contains_seq(words: &[&str], seq: &[&str]) -> Option<usize> {
    words.windows(seq.len()).position(|w| w == seq)
}

impl Period {
    /// A plain span of years.
    pub fn years(from: i32, to: i32) -> Period {
        Period {
            from,
            to,
            horizons: Vec::new(),
            school_year: false,
        }
    }

    pub fn parse(s: &str) -> Option<Period> {
        Period::read(s, None).ok()
    }

    /// [`Period::read`], dropping the reason.
    pub fn parse_with(s: &str, issued_year: Option<i32>) -> Option<Period> {
        Period::read(s, issued_year).ok()
    }

    /// Reads a period as printed. `issued_year` is where "từ nay" and a bare
    /// "đến năm 2030" start.
    pub fn read(s: &str, issued_year: Option<i32>) -> Result<Period, PeriodError> {
        let shown = text::nfc(s.trim());
        let folded = text::fold(s);
        read_folded(&folded, issued_year).map_err(|problem| PeriodError {
            help: Some(match problem {
                PeriodProblem::SchoolYearNotConsecutive { .. } => "năm học 2026-2027",
                PeriodProblem::NeedsIssueDate => "giai đoạn 2026-2030",
                _ => "giai đoạn 2026-2030, tầm nhìn đến năm 2035",
            }),
            problem,
            input: shown,
        })
    }

    pub fn start(&self) -> NaiveDate {
        if self.school_year {
            return SchoolCalendar::current().year_bounds(self.from).0;
        }
        NaiveDate::from_ymd_opt(self.from, 1, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn end(&self) -> NaiveDate {
        if self.school_year {
            return SchoolCalendar::current().year_bounds(self.from).1;
        }
        NaiveDate::from_ymd_opt(self.to, 12, 31).unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(&self, other: &Period) -> bool {
        self.from <= other.from && other.to <= self.to
    }

    pub fn contains_date(&self, d: NaiveDate) -> bool {
        self.start() <= d && d <= self.end()
    }

    /// The last day the plan is in force: the end of its last horizon (a
    /// plan "2022-2025, định hướng đến năm 2030" keeps its recurring duties
    /// to 2030), else of its span.
    pub fn in_force_until(&self) -> NaiveDate {
        let last = self.all_horizons().last().copied().unwrap_or(self.to);
        NaiveDate::from_ymd_opt(last, 12, 31).unwrap_or(self.end())
    }

    /// Is `d` within the span or up to its last horizon? A plan "2026-2030,
    /// tầm nhìn đến năm 2035" carries what falls due in 2035.
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.start() <= d && d <= self.in_force_until()
    }

    /// The span's end and every horizon after it, ascending.
    pub fn all_horizons(&self) -> Vec<i32> {
        let mut v = vec![self.to];
        v.extend(self.horizons.iter().copied().filter(|h| *h > self.to));
        v
    }

    /// The horizon a target belongs to: the first of [`Period::all_horizons`]
    /// at or after its due year; the span's end when it has no date; the last
    /// horizon when it is due beyond all.
    pub fn horizon_of(&self, due: Option<NaiveDate>) -> i32 {
        let all = self.all_horizons();
        match due {
            None => self.to,
            Some(d) => all
                .iter()
                .copied()
                .find(|h| *h >= d.year())
                .unwrap_or(*all.last().unwrap_or(&self.to)),
        }
    }
}

/// Do a parent's target and a child's target belong to the same horizon?
/// Each is read in its own plan's period.
pub fn same_horizon(
    parent: &Period,
    parent_due: Option<NaiveDate>,
    child: &Period,
    child_due: Option<NaiveDate>,
) -> bool {
    parent.horizon_of(parent_due) == parent.horizon_of(child_due.or(Some(child.end())))
        || (parent.horizons.is_empty() && child.horizons.is_empty())
}

/// "trong 2 năm 2026-2027", "05 năm (2026-2030)": the length of a span
/// printed beside it says nothing more, and is dropped when years follow.
fn without_length(folded: &str) -> String {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let short = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let lead = usize::from(words[i] == "trong");
        if words.get(i + lead).is_some_and(|w| short(w))
            && words.get(i + lead + 1) == Some(&"nam")
            && words[i + lead + 2..]
                .iter()
                .any(|w| w.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4))
        {
            i += lead + 2;
            continue;
        }
        out.push(words[i]);
        i += 1;
    }
    out.join(" ")
}

fn read_folded(folded: &str, issued_year: Option<i32>) -> Result<Period, PeriodProblem> {
    // An open end adds no year: "và các năm tiếp theo", "trở đi".
    let mut open = without_length(folded);
    for tail in [
        "cac nam tiep theo",
        "nhung nam tiep theo",
        "cac nam sau",
        "tro di",
        "and beyond",
    ] {
        open = open.replace(tail, " ");
    }
    let folded = open
        .trim()
        .trim_matches(|c: char| c == '.' || c == ';' || c == ',');
    if folded.is_empty() {
        return Err(PeriodProblem::Empty);
    }
    // The orientation clause: "tầm nhìn (đến năm) 2035", "định hướng đến 2035".
    let all_words = words_of(folded);
    let cut = [
        "tam nhin",
        "dinh huong",
        "vision",
        "toward",
        "towards",
        "huong toi",
    ]
    .iter()
    .filter_map(|k| folded.find(k))
    .min();
    let (main, tail) = match cut {
        Some(i) => (&folded[..i], &folded[i..]),
        None => (folded, ""),
    };
    let mut horizons = years_in(tail)?;
    for w in words_of(tail) {
        if !matches!(
            w,
            "tam"
                | "nhin"
                | "dinh"
                | "huong"
                | "den"
                | "toi"
                | "nam"
                | "va"
                | "vision"
                | "toward"
                | "towards"
                | "to"
        ) {
            return Err(PeriodProblem::UnknownWord {
                part: w.to_string(),
                nearest: None,
            });
        }
    }
    let words = words_of(main);
    let mut years = years_in(main)?;
    let school = contains_seq(&words, &["nam", "hoc"]).is_some()
        || contains_seq(&words, &["school", "year"]).is_some();
    let from_now = contains_seq(&words, &["tu", "nay"]).is_some()
        || contains_seq(&words, &["from", "now"]).is_some();
    let until = words
        .iter()
        .any(|w| matches!(*w, "den" | "toi" | "until" | "to" | "by"));
    for w in &words {
        let known = WORDS.contains(w)
            || matches!(
                *w,
                "hoc"
                    | "school"
                    | "year"
                    | "nay"
                    | "now"
                    | "den"
                    | "toi"
                    | "until"
                    | "to"
                    | "by"
                    | "va"
                    | "and"
            );
        if !known {
            return Err(PeriodProblem::UnknownWord {
                part: w.to_string(),
                nearest: None,
            });
        }
    }
    let _ = all_words;
    if years.is_empty() {
        return Err(PeriodProblem::Unreadable);
    }
    let (from, to) = if from_now
        || (until && years.len() == 1)
        || (until && words.contains(&"va") && !main.contains('-') && !words.contains(&"tu"))
    {
        // Counted from the issue date; "đến năm 2030 và 2035": 2035 is a horizon.
        let from = issued_year.ok_or(PeriodProblem::NeedsIssueDate)?;
        let to = years.remove(0);
        horizons.append(&mut years);
        (from.min(to), to)
    } else {
        let from = years.remove(0);
        let to = if years.is_empty() {
            from
        } else {
            years.remove(0)
        };
        // "2026-2030 và 2035": further years are horizons.
        horizons.append(&mut years);
        (from, to)
    };
    if from > to {
        return Err(PeriodProblem::Backwards { from, to });
    }
    if school && to != from + 1 {
        return Err(PeriodProblem::SchoolYearNotConsecutive { from, to });
    }
    horizons.sort_unstable();
    horizons.dedup();
    if let Some(h) = horizons.iter().find(|h| **h < to) {
        return Err(PeriodProblem::HorizonBeforeEnd {
            horizon: *h,
            end: to,
        });
    }
    horizons.retain(|h| *h > to);
    Ok(Period {
        from,
        to,
        horizons,
        school_year: school,
    })
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.school_year {
            write!(f, "năm học {}-{}", self.from, self.to)?;
        } else if self.from == self.to {
            write!(f, "{}", self.from)?;
        } else {
            write!(f, "{}-{}", self.from, self.to)?;
        }
        if !self.horizons.is_empty() {
            let list: Vec<String> = self.horizons.iter().map(|h| h.to_string()).collect();
            write!(f, ", tầm nhìn {}", list.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn variants(s: &str) -> Vec<String> {
        vec![
            s.to_string(),
            s.to_uppercase(),
            s.nfd().collect(),
            text::fold(s),
            s.replace(' ', "\u{00A0}"),
            s.replace('–', "-").replace(" - ", "-"),
            s.replace(['–', '-'], "—"),
        ]
    }

    fn check(s: &str, issued: Option<i32>, from: i32, to: i32, horizons: &[i32], school: bool) {
        for v in variants(s) {
            let p = Period::read(&v, issued).unwrap_or_else(|e| panic!("{v:?}: {e}"));
            assert_eq!(
                p,
                Period {
                    from,
                    to,
                    horizons: horizons.to_vec(),
                    school_year: school
                },
                "{v:?}"
            );
        }
    }

    #[test]
    fn the_length_printed_beside_a_span_is_dropped() {
        check("trong 2 năm 2026-2027", None, 2026, 2027, &[], false);
        check("05 năm (2026 - 2030)", None, 2026, 2030, &[], false);
        check("giai đoạn 5 năm 2026 – 2030", None, 2026, 2030, &[], false);
        check("các năm 2026-2028", None, 2026, 2028, &[], false);
    }

    #[test]
    fn plain_years_and_spans() {
        check("2026", None, 2026, 2026, &[], false);
        check("năm 2027", None, 2027, 2027, &[], false);
        check("2022-2030", None, 2022, 2030, &[], false);
        check("giai đoạn 2026 – 2030", None, 2026, 2030, &[], false);
        check("GIAI ĐOẠN 2026 - 2030", None, 2026, 2030, &[], false);
        check("Năm 2025 - 2026", None, 2025, 2026, &[], false);
    }

    #[test]
    fn orientation_horizons() {
        check(
            "giai đoạn 2026-2030, tầm nhìn đến năm 2035",
            None,
            2026,
            2030,
            &[2035],
            false,
        );
        check(
            "giai đoạn 2026-2030, định hướng đến năm 2035",
            None,
            2026,
            2030,
            &[2035],
            false,
        );
        check(
            "giai đoạn 2023-2025, định hướng đến năm 2030",
            None,
            2023,
            2025,
            &[2030],
            false,
        );
    }

    #[test]
    fn counted_from_the_issue_date() {
        check("đến năm 2030", Some(2026), 2026, 2030, &[], false);
        check(
            "từ nay đến năm 2030 và 2035",
            Some(2026),
            2026,
            2030,
            &[2035],
            false,
        );
        assert_eq!(
            Period::read("từ nay đến năm 2030", None)
                .unwrap_err()
                .problem,
            PeriodProblem::NeedsIssueDate
        );
    }

    #[test]
    fn school_year() {
        check("năm học 2026 – 2027", None, 2026, 2027, &[], true);
        let p = Period::parse("năm học 2026-2027").unwrap();
        assert_eq!(p.start(), NaiveDate::from_ymd_opt(2026, 9, 5).unwrap());
        assert_eq!(p.end(), NaiveDate::from_ymd_opt(2027, 5, 31).unwrap());
        assert!(Period::parse("năm học 2026-2028").is_none());
    }

    #[test]
    fn errors() {
        for s in [
            "",
            "2030-2022",
            "abc",
            "giai đoạn 26-30",
            "2026-2030, tầm nhìn 2028",
            "3000",
        ] {
            assert!(Period::read(s, None).is_err(), "{s}");
        }
    }

    #[test]
    fn horizons_of_targets() {
        let p = Period::parse("giai đoạn 2026-2030, tầm nhìn đến năm 2035").unwrap();
        let d = |y| Some(NaiveDate::from_ymd_opt(y, 12, 31).unwrap());
        assert_eq!(p.all_horizons(), vec![2030, 2035]);
        assert_eq!(p.horizon_of(None), 2030);
        assert_eq!(p.horizon_of(d(2027)), 2030);
        assert_eq!(p.horizon_of(d(2033)), 2035);
        assert_eq!(p.horizon_of(d(2040)), 2035);
        let child = Period::parse("2026").unwrap();
        assert!(same_horizon(&p, d(2030), &child, None));
        assert!(!same_horizon(&p, d(2035), &child, None));
    }

    #[test]
    fn display() {
        assert_eq!(Period::parse("2026").unwrap().to_string(), "2026");
        assert_eq!(
            Period::parse("giai đoạn 2022-2025").unwrap().to_string(),
            "2022-2025"
        );
        assert_eq!(
            Period::parse("giai đoạn 2026-2030, tầm nhìn đến năm 2035")
                .unwrap()
                .to_string(),
            "2026-2030, tầm nhìn 2035"
        );
        assert_eq!(
            Period::parse("năm học 2026-2027").unwrap().to_string(),
            "năm học 2026-2027"
        );
        for s in [
            "2026",
            "2022-2025",
            "2026-2030, tầm nhìn 2035",
            "năm học 2026-2027",
        ] {
            assert_eq!(Period::parse(s).unwrap().to_string(), s);
        }
    }
}
