//! Deadlines as plans phrase them ("Quý IV/2026", "hằng quý (trước ngày 10
//! tháng cuối quý)", "Thường xuyên") and as the short formal form a plan file
//! may use ("Q4/2026", "quarterly 10", "ongoing").
//!
//! Conventions a reader of plans would not guess:
//! - Vietnamese dates are day first: "05/12" is 5 December, also in "hằng năm
//!   (trước ngày 05/12)". Only the formal `yearly MM-DD` (a dash right after
//!   the word `yearly`) puts the month first, as ISO dates do.
//! - A single number after `yearly` is a month ("yearly 06": by the end of
//!   June each year); after `monthly` or `quarterly` it is a day.
//! - Years are always written with four digits, which is what tells
//!   "12/2026" (a month) from "30/4" (a day in the plan's year).
//! - A phrase is read in this order: a recurrence ("hằng quý", even beside
//!   "thường xuyên"), then ongoing, then inherited, then a fixed date. A fixed
//!   date written before "theo quy định" wins over inherited, because the
//!   explicit date is the stricter reading for the deadline cascade.
//! - Words that would change a date's meaning ("đầu năm", "tháng đầu quý",
//!   "hàng tuần") are refused rather than read as the nearest supported form.
//! - `occurrences` clips only recurrences to the plan's active period: a
//!   one-off date outside it is still due and callers must see it.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::school_year::SchoolCalendar;
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Deadline {
    /// Due at the end of that month.
    Month {
        year: i32,
        month: u32,
    },
    /// Due at the end of that quarter.
    Quarter {
        year: i32,
        quarter: u32,
    },
    /// Due at the end of each listed quarter (sorted, without repeats).
    Quarters {
        year: i32,
        quarters: Vec<u32>,
    },
    /// Worked on through several quarters, due at the end of `to`.
    QuarterSpan {
        year: i32,
        from: u32,
        to: u32,
    },
    /// Due on 31 December.
    Year(i32),
    /// Worked on through several years, due on 31 December of `to`.
    YearSpan {
        from: i32,
        to: i32,
    },
    Date(NaiveDate),
    /// Always in force; never finally due.
    Ongoing,
    /// By `day` of every month; `None` means its last day.
    Monthly {
        day: Option<u32>,
    },
    /// By `day` of June and December ("định kỳ 6 tháng"); `None` means their last day.
    HalfYearly {
        day: Option<u32>,
    },
    /// By `day` of the last month of every quarter; `None` means the quarter's last day.
    Quarterly {
        day: Option<u32>,
    },
    /// By `day` of `month` every year; `None` month means December, `None`
    /// day the month's last day.
    Yearly {
        month: Option<u32>,
        day: Option<u32>,
    },
    /// No date of its own: it follows the parent plan or a regulation.
    Inherited,
    /// "năm học 2026-2027": due at the end of that school year, which the
    /// ministry's framework sets (see [`SchoolCalendar`]).
    SchoolYear {
        start: i32,
    },
    /// "học kỳ I năm học 2026-2027": due at the end of that semester.
    Semester {
        start: i32,
        term: u32,
    },
    /// "tháng 9/2026 - tháng 12/2026": worked on from one point to another,
    /// due at the end of `to`.
    Span {
        #[serde(deserialize_with = "nested")]
        from: Box<Deadline>,
        #[serde(deserialize_with = "nested")]
        to: Box<Deadline>,
    },
    /// A start, not a deadline ("Từ năm 2027", "bắt đầu từ Quý III/2026",
    /// "Bắt đầu" alone: `None`). It never yields a due date: a target with
    /// only a start inherits its deadline.
    Start(#[serde(deserialize_with = "nested_start")] Option<Box<Deadline>>),
    /// By 31 December of every year from `from` ("năm 2026 và các năm tiếp theo").
    YearlyFrom {
        from: i32,
    },
}

/// How deep deadlines may nest when read back from kh's cache: a phrase
/// nests two or three levels ("từ tháng 9/2026 đến tháng 12/2026"); a cache
/// file that claims more is damaged or forged, and refused rather than
/// followed down until the stack runs out.
const MAX_NESTED: u32 = 16;

thread_local! {
    static NESTED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn nested<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Box<Deadline>, D::Error> {
    use serde::Deserialize;
    let depth = NESTED.with(|n| n.get());
    if depth >= MAX_NESTED {
        return Err(serde::de::Error::custom("deadlines nested too deep"));
    }
    NESTED.with(|n| n.set(depth + 1));
    let read = Deadline::deserialize(d);
    NESTED.with(|n| n.set(depth));
    read.map(Box::new)
}

fn nested_start<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Box<Deadline>>, D::Error> {
    struct Inner;
    impl<'de> serde::de::Visitor<'de> for Inner {
        type Value = Option<Box<Deadline>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an optional deadline")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            nested(d).map(Some)
        }
    }
    d.deserialize_option(Inner)
}

/// Why a deadline phrase could not be read. No sentence is built here: the
/// wording is in `crate::messages::parse_en` / `parse_vi`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineProblem {
    Empty,
    /// Fine, but it needs the plan year; carries an example with a year.
    NoYear {
        example: &'static str,
    },
    /// Not a deadline phrase at all, as opposed to one with a wrong value.
    Unreadable,
    UnknownWord {
        part: String,
        nearest: Option<&'static str>,
    },
    QuarterOutOfRange(u32),
    MonthOutOfRange(u32),
    DayOutOfRange(u32),
    NoSuchDate {
        day: u32,
        month: u32,
        year: i32,
        days: u32,
    },
    NotADayOfYear {
        day: u32,
        month: u32,
    },
    TwoDigitYear,
    YearSpanBackwards {
        from: i32,
        to: i32,
    },
    QuarterSpanBackwards {
        from: u32,
        to: u32,
    },
    /// Two ends of a span, as their formal forms.
    SpanBackwards {
        from: String,
        to: String,
    },
    MixedListAndSpan,
    SpanNeedsTwoEnds,
    SeveralRecurrences,
    /// Daily or weekly.
    UnsupportedRecurrence,
    /// A word such as "đầu" in "tháng đầu quý".
    UnsupportedInRecurrence(String),
    YearlyNeedsDayMonth,
    MonthlyTakesDay,
    QuarterlyTakesDay,
    SemesterOutOfRange(u32),
    SchoolYearNotConsecutive {
        from: i32,
        to: i32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineError {
    pub problem: DeadlineProblem,
    /// The phrase as shown back: composed, trimmed, shortened to one line.
    pub input: String,
    /// The nearest accepted form.
    pub help: Option<&'static str>,
}

impl fmt::Display for DeadlineError {
    /// English, for callers not yet language-aware; see `crate::messages`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::messages::parse_en::deadline_error(self))
    }
}

impl std::error::Error for DeadlineError {}

/// Every accepted form, for `kh explain` and docs/format.md; messages give
/// only the nearest one.
pub const ACCEPTED_FORMS: &str = "Tháng 12/2026 | Quý IV/2026 | Quý I, II | Quý II-III | \
Năm 2026 | 2022-2025 | Trước ngày 30/4/2023 | Thường xuyên | hằng tháng | \
hằng quý (trước ngày 10 tháng cuối quý) | hằng năm (trước ngày 05/12) | theo quy định | \
năm học 2026-2027 | học kỳ I năm học 2026-2027 | 6 tháng đầu năm 2026 | \
tháng 9/2026 - tháng 12/2026 | Từ năm 2027 | bắt đầu từ Quý III/2026 | \
năm 2026 và các năm tiếp theo | \
2026-12 | Q4/2026 | 2026 | 2023-04-30 | ongoing | monthly 25 | quarterly 10 | yearly 12-05 | inherited";

/// The nearest accepted form for a problem.
fn help_for(p: &DeadlineProblem, folded: &str) -> &'static str {
    use DeadlineProblem::*;
    match p {
        QuarterOutOfRange(_)
        | QuarterSpanBackwards { .. }
        | MixedListAndSpan
        | SpanNeedsTwoEnds => "Quý IV/2026",
        MonthOutOfRange(_) => "Tháng 12/2026",
        DayOutOfRange(_) | NoSuchDate { .. } | TwoDigitYear => "Trước ngày 30/4/2026",
        NotADayOfYear { .. } | YearlyNeedsDayMonth => "hằng năm (trước ngày 05/12)",
        YearSpanBackwards { .. } | SpanBackwards { .. } => "2022-2025",
        SeveralRecurrences
        | UnsupportedRecurrence
        | UnsupportedInRecurrence(_)
        | QuarterlyTakesDay => "hằng quý (trước ngày 10 tháng cuối quý)",
        MonthlyTakesDay => "hằng tháng, trước ngày 25",
        SemesterOutOfRange(_) | SchoolYearNotConsecutive { .. } => "học kỳ I năm học 2026-2027",
        NoYear { example } => example,
        _ => nearest_form(folded),
    }
}

/// A guess at the form meant, from the words present.
fn nearest_form(folded: &str) -> &'static str {
    let has = |w: &str| folded.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    if has("quy") || has("q") {
        "Quý IV/2026"
    } else if has("hoc") {
        "năm học 2026-2027"
    } else if has("hang") || has("moi") || has("dinh") {
        "hằng quý (trước ngày 10 tháng cuối quý)"
    } else if has("thang") {
        "Tháng 12/2026"
    } else if has("ngay") || has("truoc") {
        "Trước ngày 30/4/2026"
    } else if has("tu") || has("bat") {
        "Từ năm 2027"
    } else if has("theo") {
        "theo quy định"
    } else {
        "Năm 2026"
    }
}

/// Reads a deadline phrase. `plan_year` is the year a phrase without one
/// ("Quý IV", "trước ngày 30/4") takes; without it such a phrase is an error.
pub fn parse(input: &str, plan_year: Option<i32>) -> Result<Deadline, DeadlineError> {
    let shown = shown_input(input);
    let folded = text::fold(input);
    let fail = |problem: DeadlineProblem| DeadlineError {
        help: Some(help_for(&problem, &folded)),
        problem,
        input: shown.clone(),
    };
    // A label such as "Thời gian hoàn thành:" says nothing about the date.
    let body = match folded.rfind(':') {
        Some(i) if !folded[i + 1..].trim().is_empty() => &folded[i + 1..],
        _ => folded.as_str(),
    };
    let body = &plain_words(body, plan_year);
    let toks = lex(body);
    if !toks
        .iter()
        .any(|t| matches!(t, Tok::Word(_) | Tok::Num { .. }))
    {
        return Err(fail(DeadlineProblem::Empty));
    }
    match read(&toks, plan_year) {
        Ok(d) => Ok(d),
        // "Tháng 9/2026 (đầu năm học)", "Năm 2026 (thí điểm), năm 2027 (nhân
        // rộng)": a bracketed remark, when the rest reads without it.
        Err(e @ (DeadlineProblem::Unreadable | DeadlineProblem::UnknownWord { .. }))
            if body.contains('(') =>
        {
            let mut depth = 0;
            let outside: String = body
                .chars()
                .filter(|c| {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth = (depth - 1).max(0);
                            return false;
                        }
                        _ => {}
                    }
                    depth == 0 && *c != '('
                })
                .collect();
            let toks = lex(&outside);
            read(&toks, plan_year).map_err(|_| fail(e))
        }
        Err(e) => Err(fail(e)),
    }
}

/// Words plans use for a point that a form kh reads says as well: "năm học
/// mới" is the school year of the plan's year, "tuần đầu tháng 9" is by the
/// 7th, "tuần cuối tháng 9" by its end, "cả năm" the plan's year.
fn plain_words(body: &str, plan_year: Option<i32>) -> String {
    let mut s = format!(
        " {} ",
        body.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    if let Some(y) = plan_year {
        s = s.replace(
            " nam hoc moi ",
            &format!(" nam hoc {y}-{} ", y.saturating_add(1)),
        );
        if s.trim() == "ca nam" {
            s = format!(" nam {y} ");
        }
    }
    s = s
        .replace(" tuan dau thang ", " truoc ngay 07 thang ")
        .replace(" tuan cuoi thang ", " thang ");
    s.trim().to_string()
}

fn read(toks: &[Tok], plan_year: Option<i32>) -> Result<Deadline, DeadlineProblem> {
    let toks = &half_yearly(&school_terms(toks)?);
    let words: Vec<&str> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Word(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();

    // "Sơ kết 6 tháng, tổng kết năm": the mid-year and year-end reviews.
    if has_phrase(&words, &[&["so", "ket"]]) && has_phrase(&words, &[&["tong", "ket"]]) {
        return Ok(Deadline::HalfYearly { day: None });
    }
    // "Sau năm 2027": from the year after.
    if words.first() == Some(&"sau")
        && let Ok(Deadline::Year(y)) = parse_point_or_span(&clean(&toks[1..]), plan_year)
    {
        return Ok(Deadline::Start(Some(Box::new(Deadline::Year(y + 1)))));
    }
    // "năm 2026 và các năm tiếp theo", "yearly from 2026": every year from then.
    if let Some(from) = yearly_from(toks, &words) {
        return Ok(Deadline::YearlyFrom { from });
    }
    let dated = toks.iter().any(|t| matches!(t, Tok::Num { .. }));
    if let Some((kind, formal, at)) = find_recurrence(&words, dated)? {
        return parse_recurrence(toks, kind, formal, at);
    }
    // "Trước ngày 20 tháng cuối quý": the last month of every quarter is
    // itself a recurrence, with or without "hằng quý" before it.
    if has_phrase(&words, &[&["thang", "cuoi", "quy"]]) {
        let mut every_quarter = vec![Tok::Word("hang".into()), Tok::Word("quy".into())];
        every_quarter.extend(toks.iter().cloned());
        return read(&every_quarter, plan_year);
    }
    if has_phrase(&words, ONGOING) {
        return Ok(Deadline::Ongoing);
    }
    if let Some(start) = phrase_start(&words, INHERITED) {
        // "Tháng 12/2026 theo quy định của Bộ" still has a date of its own,
        // and the explicit date is the stricter reading for the cascade.
        // Words such as "Đảm bảo" before the phrase are not a date: inherited.
        return match parse_point_or_span(&clean(&words_before(toks, start)), plan_year) {
            Err(DeadlineProblem::Unreadable | DeadlineProblem::UnknownWord { .. }) => {
                Ok(Deadline::Inherited)
            }
            fixed => fixed,
        };
    }
    // Starts: "Từ năm 2027", "bắt đầu từ Quý III/2026", "Bắt đầu".
    if let Some(rest) = start_rest(toks, &words) {
        let rest = clean(&rest);
        if rest.is_empty() {
            return Ok(Deadline::Start(None));
        }
        let inner = parse_point_or_span(&rest, plan_year)?;
        return Ok(match inner {
            // "từ 2026 đến 2030" is a span, due at its end, not a start.
            Deadline::YearSpan { .. } | Deadline::QuarterSpan { .. } | Deadline::Span { .. } => {
                inner
            }
            point => Deadline::Start(Some(Box::new(point))),
        });
    }
    parse_point_or_span(&clean(&halves(toks)), plan_year)
}

/// Start and end of a plan period: `period_bounds(2022, 2025)` is 1/1/2022 to 31/12/2025.
pub fn period_bounds(from_year: i32, to_year: i32) -> (NaiveDate, NaiveDate) {
    // Years beyond chrono's range cannot be written in a plan; saturating keeps callers total.
    let start = NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap_or(if from_year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    });
    let end = NaiveDate::from_ymd_opt(to_year, 12, 31).unwrap_or(if to_year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    });
    (start, end)
}

impl Deadline {
    /// The date by which it is finally due. `None` for Ongoing, recurring,
    /// Inherited and Start deadlines, and for values no parse could produce
    /// (month 13). School years use the ministry's default framework.
    pub fn final_date(&self) -> Option<NaiveDate> {
        self.final_date_in(&SchoolCalendar::current())
    }

    /// [`Deadline::final_date`] with a school calendar (kh.yaml may override it).
    pub fn final_date_in(&self, cal: &SchoolCalendar) -> Option<NaiveDate> {
        match self {
            Deadline::Month { year, month } => month_end(*year, *month),
            Deadline::Quarter { year, quarter } => quarter_end(*year, *quarter),
            Deadline::Quarters { year, quarters } => {
                quarter_end(*year, quarters.iter().copied().max()?)
            }
            Deadline::QuarterSpan { year, to, .. } => quarter_end(*year, *to),
            Deadline::Year(year) => NaiveDate::from_ymd_opt(*year, 12, 31),
            Deadline::YearSpan { to, .. } => NaiveDate::from_ymd_opt(*to, 12, 31),
            Deadline::Date(d) => Some(*d),
            Deadline::SchoolYear { start } => Some(cal.year_bounds(*start).1),
            Deadline::Semester { start, term } => cal.semester_bounds(*start, *term).map(|b| b.1),
            Deadline::Span { to, .. } => to.final_date_in(cal),
            Deadline::Ongoing
            | Deadline::Monthly { .. }
            | Deadline::Quarterly { .. }
            | Deadline::HalfYearly { .. }
            | Deadline::Yearly { .. }
            | Deadline::YearlyFrom { .. }
            | Deadline::Start(_)
            | Deadline::Inherited => None,
        }
    }

    /// The first day it covers: the start of a month, quarter, year, span or
    /// school year; the day itself for a date. For a [`Deadline::Start`], the
    /// day work begins. `None` for recurring, ongoing and inherited ones.
    pub fn start_date(&self) -> Option<NaiveDate> {
        self.start_date_in(&SchoolCalendar::current())
    }

    pub fn start_date_in(&self, cal: &SchoolCalendar) -> Option<NaiveDate> {
        match self {
            Deadline::Month { year, month } => NaiveDate::from_ymd_opt(*year, *month, 1),
            Deadline::Quarter { year, quarter } => {
                NaiveDate::from_ymd_opt(*year, quarter.checked_sub(1)? * 3 + 1, 1)
            }
            Deadline::Quarters { year, quarters } => {
                NaiveDate::from_ymd_opt(*year, quarters.iter().min()?.checked_sub(1)? * 3 + 1, 1)
            }
            Deadline::QuarterSpan { year, from, .. } => {
                NaiveDate::from_ymd_opt(*year, from.checked_sub(1)? * 3 + 1, 1)
            }
            Deadline::Year(y) | Deadline::YearSpan { from: y, .. } => {
                NaiveDate::from_ymd_opt(*y, 1, 1)
            }
            Deadline::YearlyFrom { from } => NaiveDate::from_ymd_opt(*from, 1, 1),
            Deadline::Date(d) => Some(*d),
            Deadline::SchoolYear { start } => Some(cal.year_bounds(*start).0),
            Deadline::Semester { start, term } => cal.semester_bounds(*start, *term).map(|b| b.0),
            Deadline::Span { from, .. } => from.start_date_in(cal),
            Deadline::Start(Some(d)) => d.start_date_in(cal),
            _ => None,
        }
    }

    /// A start ("Từ năm 2027"), never a deadline.
    pub fn is_start(&self) -> bool {
        matches!(self, Deadline::Start(_))
    }

    pub fn is_recurring(&self) -> bool {
        matches!(
            self,
            Deadline::Monthly { .. }
                | Deadline::Quarterly { .. }
                | Deadline::HalfYearly { .. }
                | Deadline::Yearly { .. }
                | Deadline::YearlyFrom { .. }
        )
    }

    /// Every date in `[from, to]` on which the item falls due, ascending.
    /// Recurrences fall due only inside `active` (the plan's period, inclusive);
    /// one-off deadlines are not clipped by it. A span gives only its end.
    pub fn occurrences(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        active: (NaiveDate, NaiveDate),
    ) -> Vec<NaiveDate> {
        let within = |d: &NaiveDate| from <= *d && *d <= to;
        let mut dates: Vec<NaiveDate> = match self {
            Deadline::Monthly { day } => recur(from, to, active, |y, m| day_or_end(y, m, *day)),
            Deadline::Quarterly { day } => recur(from, to, active, |y, m| {
                if m % 3 == 0 {
                    day_or_end(y, m, *day)
                } else {
                    None
                }
            }),
            Deadline::Yearly { month, day } => recur(from, to, active, |y, m| {
                if m == month.unwrap_or(12) {
                    day_or_end(y, m, *day)
                } else {
                    None
                }
            }),
            Deadline::YearlyFrom { from: first } => {
                let begin = NaiveDate::from_ymd_opt(*first, 1, 1).unwrap_or(NaiveDate::MAX);
                recur(from, to, (active.0.max(begin), active.1), |y, m| {
                    if m == 12 {
                        day_or_end(y, m, None)
                    } else {
                        None
                    }
                })
            }
            Deadline::Start(_) => Vec::new(),
            Deadline::HalfYearly { day } => recur(from, to, active, |y, m| {
                if m % 6 == 0 {
                    day_or_end(y, m, *day)
                } else {
                    None
                }
            }),
            Deadline::Quarters { year, quarters } => quarters
                .iter()
                .filter_map(|q| quarter_end(*year, *q))
                .filter(within)
                .collect(),
            _ => self.final_date().filter(within).into_iter().collect(),
        };
        dates.sort();
        dates.dedup();
        dates
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deadline::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Deadline::Quarter { year, quarter } => write!(f, "Q{quarter}/{year}"),
            Deadline::Quarters { year, quarters } => {
                let list: Vec<String> = quarters.iter().map(|q| format!("Q{q}")).collect();
                write!(f, "{}/{year}", list.join(","))
            }
            Deadline::QuarterSpan { year, from, to } => write!(f, "Q{from}-Q{to}/{year}"),
            Deadline::Year(year) => write!(f, "{year}"),
            Deadline::YearSpan { from, to } => write!(f, "{from}-{to}"),
            Deadline::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Deadline::Ongoing => f.write_str("ongoing"),
            Deadline::Monthly { day: None } => f.write_str("monthly"),
            Deadline::Monthly { day: Some(d) } => write!(f, "monthly {d}"),
            Deadline::Quarterly { day: None } => f.write_str("quarterly"),
            Deadline::Quarterly { day: Some(d) } => write!(f, "quarterly {d}"),
            Deadline::Yearly {
                month: None,
                day: None,
            } => f.write_str("yearly"),
            Deadline::Yearly {
                month: Some(m),
                day: None,
            } => write!(f, "yearly {m:02}"),
            Deadline::Yearly {
                month,
                day: Some(d),
            } => {
                write!(f, "yearly {:02}-{d:02}", month.unwrap_or(12))
            }
            Deadline::Inherited => f.write_str("inherited"),
            Deadline::SchoolYear { start } => write!(f, "năm học {start}-{}", start + 1),
            Deadline::Semester { start, term } => {
                let roman = if *term == 1 { "I" } else { "II" };
                write!(f, "học kỳ {roman} năm học {start}-{}", start + 1)
            }
            Deadline::Span { from, to } => write!(f, "{from} - {to}"),
            Deadline::Start(None) => f.write_str("start"),
            Deadline::HalfYearly { day: None } => f.write_str("semiannual"),
            Deadline::HalfYearly { day: Some(d) } => write!(f, "semiannual {d}"),
            Deadline::Start(Some(d)) => write!(f, "from {d}"),
            Deadline::YearlyFrom { from } => write!(f, "yearly from {from}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Calendar helpers

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if leap { 29 } else { 28 }),
        _ => None,
    }
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, days_in_month(year, month)?)
}

fn quarter_end(year: i32, quarter: u32) -> Option<NaiveDate> {
    if (1..=4).contains(&quarter) {
        month_end(year, quarter * 3)
    } else {
        None
    }
}

/// "By day 31" of a 30-day month means its last day, so days are clamped.
fn day_or_end(year: i32, month: u32, day: Option<u32>) -> Option<NaiveDate> {
    let last = days_in_month(year, month)?;
    NaiveDate::from_ymd_opt(year, month, day.map_or(last, |d| d.clamp(1, last)))
}

/// Walks the months of `[from, to] ∩ active`, asking `due_in` for the date
/// (if any) the item falls due in each.
fn recur(
    from: NaiveDate,
    to: NaiveDate,
    active: (NaiveDate, NaiveDate),
    due_in: impl Fn(i32, u32) -> Option<NaiveDate>,
) -> Vec<NaiveDate> {
    let lo = from.max(active.0);
    let hi = to.min(active.1);
    let mut out = Vec::new();
    let (mut y, mut m) = (lo.year(), lo.month());
    while (y, m) <= (hi.year(), hi.month()) {
        if let Some(d) = due_in(y, m).filter(|d| lo <= *d && *d <= hi) {
            out.push(d);
        }
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Lexing

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// `digits` is kept because only a four-digit number is a year.
    Num {
        value: u32,
        digits: usize,
    },
    Word(String),
    Sym(char),
    /// "năm học 2026-2027" (`term: None`), "học kỳ I năm học 2026-2027",
    /// "đầu năm học 2026-2027" (`opening`).
    School {
        start: i32,
        term: Option<u32>,
        opening: bool,
    },
}

fn lex(folded: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut chars = folded.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let (mut value, mut digits) = (0u32, 0usize);
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                // Saturating: an absurdly long number must fail as "not a date", not overflow.
                value = value.saturating_mul(10).saturating_add(d);
                digits += 1;
                chars.next();
            }
            toks.push(Tok::Num { value, digits });
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_alphabetic()) {
                word.push(c);
                chars.next();
            }
            toks.push(Tok::Word(word));
        } else {
            chars.next();
            match c {
                // Brackets, quotes and emphasis wrap phrases in Word and Markdown
                // ("hằng quý (*trước ngày 10 tháng cuối quý*)") without changing them.
                c if c.is_whitespace() => {}
                '(' | ')' | '[' | ']' | '*' | '_' | '"' | '\'' | '“' | '”' | '‘' | '’' | ':'
                | '!' | '?' => {}
                '-' | '–' | '—' | '‒' | '―' | '‐' | '‑' | '−' | '~' => {
                    toks.push(Tok::Sym('-'))
                }
                ';' | '&' | '+' => toks.push(Tok::Sym(',')),
                c => toks.push(Tok::Sym(c)),
            }
        }
    }
    toks
}

/// Words that frame a date without changing it ("Thời gian hoàn thành:
/// trước ngày 30/4/2023", "cuối năm 2026", "giai đoạn 2022-2025").
const FILLER: &[&str] = &[
    "thoi",
    "gian",
    "hoan",
    "thanh",
    "thuc",
    "hien",
    "xong",
    "truoc",
    "trong",
    "vao",
    "cuoi",
    "han",
    "cham",
    "nhat",
    "muon",
    "het",
    "giai",
    "doan",
    "ngay",
    "ket",
    "tu",
    "by",
    "before",
    "due",
    "deadline",
    "end",
    "of",
    "the",
    "in",
    "from",
    "muc",
    "tieu",
    "nay",
    "trien",
    "khai",
    "ke",
    "tat",
    "dat",
    "duoc",
    "since",
    "starting",
    "start",
    "at",
    "latest",
    "no",
    "later",
    "than",
    "completed",
    "complete",
    "dien",
    "khoi",
    "dong",
    "ra",
    "ca",
];

/// Turns the tokens of a fixed-date phrase into numbers, separators and the
/// markers `quy` and `thang`: "tháng 5 năm 2026" becomes `thang 5 / 2026`,
/// "ngày 05 tháng 12 năm 2026" becomes `05 / 12 / 2026`.
fn clean(toks: &[Tok]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    for t in toks {
        let t = match t {
            Tok::Word(w) => match w.as_str() {
                w if FILLER.contains(&w) => continue,
                "nam" => Tok::Sym('/'),
                "den" | "toi" | "to" | "until" => Tok::Sym('-'),
                "va" | "and" => Tok::Sym(','),
                "quy" | "qui" | "q" => Tok::Word("quy".to_string()),
                // "T9/2026".
                "t" => Tok::Word("thang".to_string()),
                "thang" if matches!(out.last(), Some(Tok::Num { .. })) => Tok::Sym('/'),
                _ => t.clone(),
            },
            _ => t.clone(),
        };
        // "từ năm 2022 đến năm 2025" leaves "-" and "/" side by side: one
        // separator stands for the run, and a list or span mark wins over "/".
        if let (Tok::Sym(new), Some(Tok::Sym(prev))) = (&t, out.last_mut()) {
            *prev = match (*prev, *new) {
                (',', _) | (_, ',') => ',',
                ('-', _) | (_, '-') => '-',
                (p, _) => p,
            };
            continue;
        }
        out.push(t);
    }
    // Leading "/" comes from "Năm 2026", trailing "." ends a sentence.
    let edge = |t: &Tok| matches!(t, Tok::Sym('/' | '-' | '.' | ','));
    while out.first().is_some_and(edge) {
        out.remove(0);
    }
    while out.last().is_some_and(edge) {
        out.pop();
    }
    out
}

fn has_phrase(words: &[&str], phrases: &[&[&str]]) -> bool {
    phrase_start(words, phrases).is_some()
}

/// Index among `words` of the earliest occurrence of any of `phrases`.
fn phrase_start(words: &[&str], phrases: &[&[&str]]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| !p.is_empty())
        .filter_map(|p| words.windows(p.len()).position(|w| w == *p))
        .min()
}

/// The tokens before the `n`th word.
fn words_before(toks: &[Tok], n: usize) -> Vec<Tok> {
    let mut seen = 0;
    toks.iter()
        .take_while(|t| {
            if matches!(t, Tok::Word(_)) {
                seen += 1;
                seen <= n
            } else {
                true
            }
        })
        .cloned()
        .collect()
}

const ONGOING: &[&[&str]] = &[
    &["thuong", "xuyen"],
    &["lien", "tuc"],
    &["ongoing"],
    &["continuous"],
];

const INHERITED: &[&[&str]] = &[
    &["theo", "quy", "dinh"],
    &["theo", "tien", "do"],
    &["dam", "bao", "tien", "do"],
    &["theo", "ke", "hoach"],
    &["theo", "huong", "dan"],
    &["theo", "chi", "dao"],
    &["ke", "thua"],
    &["theo", "lo", "trinh"],
    &["theo", "yeu", "cau"],
    &["khi", "co", "yeu", "cau"],
    &["theo", "van", "ban"],
    &["theo", "thong", "bao"],
    &["theo", "thoi", "gian"],
    // "Sau khi có hướng dẫn của Bộ": after an event, not on a date.
    &["sau", "khi"],
    &["dot", "xuat"],
    &["ngay", "khi"],
    &["inherited"],
];

// ---------------------------------------------------------------------------
// Recurring deadlines

#[derive(Debug, Clone, Copy, PartialEq)]
enum Every {
    Month,
    HalfYear,
    Quarter,
    Year,
}

/// Finds the one recurrence keyword: its kind, whether it is the formal
/// English word, and its position among `words`.
/// `dated`: the phrase has numbers, which may give each recurrence a day of
/// its own.
fn find_recurrence(
    words: &[&str],
    dated: bool,
) -> Result<Option<(Every, bool, usize)>, DeadlineProblem> {
    let mut found: Vec<(Every, bool, usize)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied();
        let every = matches!(*w, "hang" | "moi" | "tung");
        let hit = match (*w, next) {
            ("daily" | "weekly", _) => return Err(DeadlineProblem::UnsupportedRecurrence),
            (_, Some("ngay" | "tuan")) if every => {
                return Err(DeadlineProblem::UnsupportedRecurrence);
            }
            ("monthly", _) => Some((Every::Month, true)),
            ("quarterly", _) => Some((Every::Quarter, true)),
            ("semiannual" | "semiannually", _) => Some((Every::HalfYear, true)),
            ("yearly" | "annually" | "annual", _) => Some((Every::Year, true)),
            (_, Some("thang")) if every => Some((Every::Month, false)),
            (_, Some("quy" | "qui")) if every => Some((Every::Quarter, false)),
            (_, Some("nam")) if every => Some((Every::Year, false)),
            _ => None,
        };
        if let Some((kind, formal)) = hit {
            found.push((kind, formal, i));
        }
    }
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        [first, rest @ ..] if rest.iter().all(|r| r.0 == first.0) => Ok(Some(*first)),
        // "Định kỳ 6 tháng, hằng năm", "hằng quý và hằng năm": a yearly
        // report beside a more frequent one, neither with a day of its own,
        // falls on the last of its dates, so the more frequent one says
        // every date.
        [_, _] if !dated && found.iter().any(|r| r.0 == Every::Year) => {
            Ok(found.iter().copied().find(|r| r.0 != Every::Year))
        }
        // "hằng tháng (...) và hằng quý (...)" names two duties; each needs its own entry.
        _ => Err(DeadlineProblem::SeveralRecurrences),
    }
}

/// Words that would change the recurring date in ways the model cannot
/// hold ("tháng đầu quý", "ngày 5 tháng sau"), so they are refused rather
/// than silently read as the default.
const RECURRENCE_UNSUPPORTED: &[&str] = &["dau", "giua", "sau", "thu", "tiep"];

fn parse_recurrence(
    toks: &[Tok],
    kind: Every,
    formal: bool,
    at_word: usize,
) -> Result<Deadline, DeadlineProblem> {
    // Drop the keyword itself so "năm" in "hằng năm" is not read as a year separator.
    let keyword_len = if formal { 1 } else { 2 };
    let mut rest: Vec<Tok> = Vec::new();
    let mut word_index = 0;
    for t in toks {
        if matches!(t, Tok::Word(_)) {
            let in_keyword = (at_word..at_word + keyword_len).contains(&word_index);
            word_index += 1;
            if in_keyword {
                continue;
            }
        }
        rest.push(t.clone());
    }
    let rest = clean(&rest);
    if let Some(Tok::Word(w)) = rest
        .iter()
        .find(|t| matches!(t, Tok::Word(w) if RECURRENCE_UNSUPPORTED.contains(&w.as_str())))
    {
        return Err(DeadlineProblem::UnsupportedInRecurrence(w.clone()));
    }
    // "Quý I hằng năm": by the end of that quarter, every year.
    if kind == Every::Year
        && let [Tok::Word(q), n, ..] = rest.as_slice()
        && matches!(q.as_str(), "quy" | "qui")
        && !rest.iter().any(|t| year_of(t).is_some())
    {
        let quarter = match n {
            Tok::Num { value, .. } => Some(*value),
            Tok::Word(w) => match w.as_str() {
                "i" => Some(1),
                "ii" => Some(2),
                "iii" => Some(3),
                "iv" => Some(4),
                _ => None,
            },
            _ => None,
        };
        if let Some(q @ 1..=4) = quarter {
            return Ok(Deadline::Yearly {
                month: Some(q * 3),
                day: None,
            });
        }
    }
    let month_marker = rest.first() == Some(&Tok::Word("thang".to_string()));
    let nums: Vec<Tok> = rest
        .into_iter()
        .filter(|t| !matches!(t, Tok::Word(_)))
        .collect();
    // Separators left at the edges once words are gone ("10 tháng cuối quý" -> "10 /").
    let nums = clean(&nums);
    // "Quý IV/2026 và hằng năm", "Hàng năm, từ năm 2026": every year from then.
    if kind == Every::Year
        && let [y] = nums.as_slice()
        && let Some(from) = year_of(y)
    {
        return Ok(Deadline::YearlyFrom { from });
    }
    let check_day = |d: u32| {
        if (1..=31).contains(&d) {
            Ok(d)
        } else {
            Err(DeadlineProblem::DayOutOfRange(d))
        }
    };
    match (kind, nums.as_slice()) {
        (Every::Month, []) => Ok(Deadline::Monthly { day: None }),
        (
            Every::Month,
            [
                Tok::Num {
                    value,
                    digits: 1 | 2,
                },
            ],
        ) => Ok(Deadline::Monthly {
            day: Some(check_day(*value)?),
        }),
        (Every::Quarter, []) => Ok(Deadline::Quarterly { day: None }),
        (
            Every::Quarter,
            [
                Tok::Num {
                    value,
                    digits: 1 | 2,
                },
            ],
        ) => Ok(Deadline::Quarterly {
            day: Some(check_day(*value)?),
        }),
        (Every::Year, []) => Ok(Deadline::Yearly {
            month: None,
            day: None,
        }),
        // "Tháng 6, 12 hằng năm": June and December.
        (
            Every::Year,
            [
                Tok::Num { value: 6, .. },
                Tok::Sym(','),
                Tok::Num { value: 12, .. },
            ],
        ) if month_marker => Ok(Deadline::HalfYearly { day: None }),
        (Every::Year, [_, Tok::Sym(','), _]) => Err(DeadlineProblem::SeveralRecurrences),
        (
            Every::Year,
            [
                Tok::Num {
                    value,
                    digits: 1 | 2,
                },
            ],
        ) if formal || month_marker => Ok(Deadline::Yearly {
            month: Some(check_month(*value)?),
            day: None,
        }),
        (
            Every::Year,
            [
                Tok::Num {
                    value: a,
                    digits: 1 | 2,
                },
                Tok::Sym(sep),
                Tok::Num {
                    value: b,
                    digits: 1 | 2,
                },
            ],
        ) => {
            // Formal `yearly 12-05` is month first; Vietnamese "05/12" is day first.
            let (month, day) = if formal && *sep == '-' {
                (*a, *b)
            } else {
                (*b, *a)
            };
            let month = check_month(month)?;
            // Checked against a leap year: "29/02 hằng năm" is valid and clamps to 28/2.
            if day == 0 || days_in_month(2000, month).is_some_and(|n| day > n) {
                return Err(DeadlineProblem::NotADayOfYear { day, month });
            }
            Ok(Deadline::Yearly {
                month: Some(month),
                day: Some(day),
            })
        }
        (Every::Year, _) => Err(DeadlineProblem::YearlyNeedsDayMonth),
        (Every::Month, _) => Err(DeadlineProblem::MonthlyTakesDay),
        (Every::Quarter, _) => Err(DeadlineProblem::QuarterlyTakesDay),
        (Every::HalfYear, []) => Ok(Deadline::HalfYearly { day: None }),
        (
            Every::HalfYear,
            [
                Tok::Num {
                    value,
                    digits: 1 | 2,
                },
            ],
        ) => Ok(Deadline::HalfYearly {
            day: Some(check_day(*value)?),
        }),
        // "trước ngày 15/6": the day of June and December.
        (
            Every::HalfYear,
            [
                Tok::Num {
                    value,
                    digits: 1 | 2,
                },
                Tok::Sym(_),
                Tok::Num {
                    value: 6 | 12,
                    digits: 1 | 2,
                },
            ],
        ) => Ok(Deadline::HalfYearly {
            day: Some(check_day(*value)?),
        }),
        (Every::HalfYear, _) => Err(DeadlineProblem::QuarterlyTakesDay),
    }
}

// ---------------------------------------------------------------------------
// School years, halves of a year, starts and spans

/// Replaces "năm học 2026-2027", "học kỳ I năm học 2026-2027", "HK II năm
/// học 2026 – 2027" and "đầu năm học ..." by one [`Tok::School`]. A semester
/// without its school year takes none here; [`parse_fixed`] gives it the plan's.
fn school_terms(toks: &[Tok]) -> Result<Vec<Tok>, Problem> {
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // A semester: "học kỳ I", "học kì 2", "hk ii", "hki".
        let (term, after) = match (word(i), word(i + 1)) {
            (Some("hoc"), Some("ky" | "ki")) => (semester_at(toks, i + 2), i + 3),
            (Some("hk"), _) => (semester_at(toks, i + 1), i + 2),
            (Some("hki"), _) => (Some(Ok(1)), i + 1),
            (Some("hkii"), _) => (Some(Ok(2)), i + 1),
            (Some("semester"), _) => (semester_at(toks, i + 1), i + 2),
            _ => (None, i),
        };
        let (term, mut j) = match term {
            Some(t) => (Some(t?), after),
            None => (None, i),
        };
        // "Học kỳ 1, năm học 2026-2027".
        if term.is_some() && toks.get(j) == Some(&Tok::Sym(',')) && word(j + 1) == Some("nam") {
            j += 1;
        }
        // The school year, possibly after "năm học" or "school year".
        let k = match (word(j), word(j + 1)) {
            (Some("nam"), Some("hoc")) => Some(j + 2),
            (Some("school"), Some("year")) => Some(j + 2),
            _ => None,
        };
        let years = k.and_then(|k| match (toks.get(k), toks.get(k + 1), toks.get(k + 2)) {
            (Some(a), Some(Tok::Sym('-' | '/')), Some(b)) => {
                Some((year_of(a)?, year_of(b)?, k + 3))
            }
            _ => None,
        });
        // "trước khai giảng năm học 2026-2027": by the opening day.
        let opening_day = matches!(out.last(), Some(Tok::Word(w)) if w == "giang")
            && matches!(out.iter().rev().nth(1), Some(Tok::Word(w)) if w == "khai");
        match (term, years) {
            (None, Some((from, to, end))) if opening_day => {
                if to != from + 1 {
                    return Err(Problem::SchoolYearNotConsecutive { from, to });
                }
                out.pop();
                out.pop();
                let (m, d) = SchoolCalendar::current().start;
                out.push(Tok::Num {
                    value: d,
                    digits: 2,
                });
                out.push(Tok::Sym('/'));
                out.push(Tok::Num {
                    value: m,
                    digits: 2,
                });
                out.push(Tok::Sym('/'));
                out.push(Tok::Num {
                    value: u32::try_from(from).unwrap_or(0),
                    digits: 4,
                });
                i = end;
            }
            (_, Some((from, to, end))) => {
                if to != from + 1 {
                    return Err(Problem::SchoolYearNotConsecutive { from, to });
                }
                let opening =
                    term.is_none() && matches!(out.last(), Some(Tok::Word(w)) if w == "dau");
                if opening {
                    out.pop();
                }
                out.push(Tok::School {
                    start: from,
                    term,
                    opening,
                });
                i = end;
            }
            (Some(t), None) => {
                // The school year is the plan's; marked with start 0.
                out.push(Tok::School {
                    start: 0,
                    term: Some(t),
                    opening: false,
                });
                i = j;
            }
            (None, None) if k.is_some() && !matches!(toks.get(j + 2), Some(Tok::Num { .. })) => {
                // "hằng năm học", "theo từng năm học": by the end of each school year.
                if matches!(out.last(), Some(Tok::Word(w)) if matches!(w.as_str(), "hang" | "tung" | "moi"))
                {
                    out.pop();
                    let (m, d) = SchoolCalendar::current().end;
                    out.push(Tok::Word("yearly".into()));
                    out.push(Tok::Num {
                        value: d,
                        digits: 2,
                    });
                    out.push(Tok::Sym('/'));
                    out.push(Tok::Num {
                        value: m,
                        digits: 2,
                    });
                    i = j + 2;
                    continue;
                }
                // "trong năm học" without its years: the plan's school year.
                let opening = matches!(out.last(), Some(Tok::Word(w)) if w == "dau");
                if opening {
                    out.pop();
                }
                out.push(Tok::School {
                    start: 0,
                    term: None,
                    opening,
                });
                i = j + 2;
            }
            (None, None) => {
                out.push(toks[i].clone());
                i += 1;
            }
        }
    }
    Ok(out)
}

fn semester_at(toks: &[Tok], i: usize) -> Option<Result<u32, Problem>> {
    let t = match toks.get(i)? {
        Tok::Word(w) => roman(w)?,
        Tok::Num { value, digits: 1 } => *value,
        _ => return None,
    };
    Some(if (1..=2).contains(&t) {
        Ok(t)
    } else {
        Err(Problem::SemesterOutOfRange(t))
    })
}

/// "định kỳ 6 tháng", "hằng 6 tháng", "6 tháng một lần", "6 tháng/lần":
/// the keyword `semiannual`.
fn half_yearly(toks: &[Tok]) -> Vec<Tok> {
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let six = |k: usize| {
            matches!(toks.get(k), Some(Tok::Num { value: 6, .. })) && word(k + 1) == Some("thang")
        };
        let len = if word(i) == Some("dinh") && word(i + 1) == Some("ky") && six(i + 2) {
            4
        } else if matches!(word(i), Some("hang" | "moi" | "tung")) && six(i + 1) {
            3
        } else if six(i)
            && (word(i + 2) == Some("mot") || toks.get(i + 2) == Some(&Tok::Sym('/')))
            && word(i + 3) == Some("lan")
        {
            4
        } else if matches!(word(i), Some("half")) && word(i + 2) == Some("yearly") {
            3
        } else {
            0
        };
        if len > 0 {
            out.push(Tok::Word("semiannual".into()));
            i += len;
        } else {
            out.push(toks[i].clone());
            i += 1;
        }
    }
    out
}

/// "6 tháng đầu năm 2026" is Quý I-II, "6 tháng cuối năm" Quý III-IV,
/// "đầu năm 2026" Quý I, "giữa năm 2026" June.
fn halves(toks: &[Tok]) -> Vec<Tok> {
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let quarter = |a: u32, b: Option<u32>| {
        let mut v = vec![
            Tok::Word("quy".into()),
            Tok::Num {
                value: a,
                digits: 1,
            },
        ];
        if let Some(b) = b {
            v.push(Tok::Sym('-'));
            v.push(Tok::Num {
                value: b,
                digits: 1,
            });
        }
        v
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let six =
            matches!(toks.get(i), Some(Tok::Num { value: 6, .. })) && word(i + 1) == Some("thang");
        let half = word(i) == Some("nua");
        let (len, repl) = match (six || half, word(i + 2), word(i + 3)) {
            (true, Some("dau"), Some("nam")) => (4, Some(quarter(1, Some(2)))),
            (true, Some("cuoi"), Some("nam")) => (4, Some(quarter(3, Some(4)))),
            _ => match (word(i), word(i + 1)) {
                (Some("nua"), Some("dau")) if word(i + 2) == Some("nam") => {
                    (3, Some(quarter(1, Some(2))))
                }
                (Some("nua"), Some("cuoi")) if word(i + 2) == Some("nam") => {
                    (3, Some(quarter(3, Some(4))))
                }
                (Some("dau"), Some("nam")) => (2, Some(quarter(1, None))),
                // "Đầu quý III/2026": within that quarter.
                (Some("dau"), Some("quy")) => (1, Some(Vec::new())),
                (Some("giua"), Some("nam")) => (
                    2,
                    Some(vec![
                        Tok::Word("thang".into()),
                        Tok::Num {
                            value: 6,
                            digits: 1,
                        },
                    ]),
                ),
                _ => (0, None),
            },
        };
        match repl {
            Some(r) => {
                out.extend(r);
                out.push(Tok::Sym('/'));
                i += len;
            }
            None => {
                out.push(toks[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// "năm 2026 và các năm tiếp theo", "từ năm 2026 trở đi", "yearly from 2026".
fn yearly_from(toks: &[Tok], words: &[&str]) -> Option<i32> {
    const EVERY_YEAR_AFTER: &[&[&str]] = &[
        &["cac", "nam", "tiep", "theo"],
        &["nhung", "nam", "tiep", "theo"],
        &["nam", "tiep", "theo"],
        // "các năm học tiếp theo", once "năm học" is read.
        &["cac", "tiep", "theo"],
        &["nhung", "tiep", "theo"],
        &["cac", "nam", "sau"],
        &["tro", "di"],
        &["yearly", "from"],
        &["every", "year", "from"],
    ];
    if !has_phrase(words, EVERY_YEAR_AFTER) {
        return None;
    }
    toks.iter().find_map(|t| match t {
        Tok::School { start, .. } if *start > 0 => Some(*start),
        t => year_of(t),
    })
}

/// The tokens after a start word, when the phrase is a start: "Từ năm 2027",
/// "bắt đầu từ Quý III/2026", "from 2027", "Bắt đầu". `None` for spans
/// ("từ 2026 đến 2030") and other phrases.
fn start_rest(toks: &[Tok], words: &[&str]) -> Option<Vec<Tok>> {
    const UNTIL: &[&str] = &["den", "toi", "to", "until"];
    // "Triển khai từ năm học 2026-2027": only framing words before "từ".
    let first_from = words
        .iter()
        .position(|w| matches!(*w, "tu" | "from" | "since" | "starting"));
    let opens = first_from.is_some_and(|i| words[..i].iter().all(|w| FILLER.contains(w)))
        || has_phrase(
            words,
            &[&["bat", "dau"], &["start"], &["starting"], &["khoi", "dau"]],
        );
    if !opens || words.iter().any(|w| UNTIL.contains(w)) {
        return None;
    }
    const START_WORDS: &[&str] = &[
        "tu", "from", "since", "starting", "start", "bat", "dau", "khoi", "ke",
    ];
    Some(
        toks.iter()
            .filter(|t| !matches!(t, Tok::Word(w) if START_WORDS.contains(&w.as_str())))
            .cloned()
            .collect(),
    )
}

/// A fixed deadline, or a span of two ("tháng 9/2026 - tháng 12/2026",
/// "Quý IV/2026 - Quý I/2027"): the left end takes its year from the right.
fn parse_point_or_span(toks: &[Tok], plan_year: Option<i32>) -> Result<Deadline, Problem> {
    let whole = parse_fixed(toks, plan_year);
    // A span has one dash between its ends; a few more come from dates
    // ("2026-09-01 - 2026-12-31"). More is not a span, and would cost time.
    let dashes = toks
        .iter()
        .filter(|t| matches!(t, Tok::Sym('-' | ',')))
        .count();
    if !matches!(whole, Err(Problem::Unreadable | Problem::NoYear { .. })) || dashes > 8 {
        return whole;
    }
    // "Năm 2026, 2027", "năm 2026 và năm 2027": due at the end of the last.
    let years: Vec<i32> = toks.iter().filter_map(year_of).collect();
    if years.len() >= 2
        && toks
            .iter()
            .all(|t| year_of(t).is_some() || matches!(t, Tok::Sym(',' | '-')))
    {
        let (lo, hi) = (
            *years.iter().min().unwrap_or(&0),
            *years.iter().max().unwrap_or(&0),
        );
        return Ok(if lo == hi {
            Deadline::Year(lo)
        } else {
            Deadline::YearSpan { from: lo, to: hi }
        });
    }
    for (k, t) in toks.iter().enumerate() {
        // A dash joins the ends of a span; a comma lists months ("Tháng 3, 4/2026").
        if !matches!(t, Tok::Sym('-' | ',')) || k == 0 || k + 1 == toks.len() {
            continue;
        }
        let Ok(to) = parse_fixed(&toks[k + 1..], plan_year) else {
            continue;
        };
        let year = to.final_date().map(|d| d.year()).or(plan_year);
        let Ok(from) = parse_fixed(&toks[..k], year) else {
            continue;
        };
        let (Some(a), Some(b)) = (from.final_date(), to.final_date()) else {
            continue;
        };
        if a > b {
            return Err(Problem::SpanBackwards {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        return Ok(match (&from, &to) {
            (Deadline::Year(f), Deadline::Year(t)) => Deadline::YearSpan { from: *f, to: *t },
            _ if a == b => to,
            _ => Deadline::Span {
                from: Box::new(from),
                to: Box::new(to),
            },
        });
    }
    whole
}

/// Words a deadline may use, folded and as printed, for "did you mean".
const VOCABULARY: &[(&str, &str)] = &[
    ("quy", "Quý"),
    ("thang", "Tháng"),
    ("nam", "Năm"),
    ("truoc", "Trước"),
    ("ngay", "ngày"),
    ("hang", "hằng"),
    ("thuong", "Thường xuyên"),
    ("xuyen", "Thường xuyên"),
    ("giai", "giai đoạn"),
    ("doan", "giai đoạn"),
    ("hoc", "năm học"),
    ("cuoi", "cuối"),
    ("theo", "theo quy định"),
];

fn nearest_word(w: &str) -> Option<&'static str> {
    VOCABULARY
        .iter()
        .map(|(k, shown)| (levenshtein(w, k), *shown))
        .filter(|(d, _)| *d > 0 && *d <= 1 && w.len() >= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, s)| s)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

// ---------------------------------------------------------------------------
// Fixed deadlines

type Problem = DeadlineProblem;

fn check_month(m: u32) -> Result<u32, Problem> {
    if (1..=12).contains(&m) {
        Ok(m)
    } else {
        Err(Problem::MonthOutOfRange(m))
    }
}

fn check_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, Problem> {
    let month = check_month(month)?;
    let days = days_in_month(year, month).unwrap_or(31);
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Problem::NoSuchDate {
        day,
        month,
        year,
        days,
    })
}

fn year_of(t: &Tok) -> Option<i32> {
    match t {
        // "0512" is a date typed without its slash, not the year 512.
        Tok::Num { value, digits: 4 } if *value >= 1000 => i32::try_from(*value).ok(),
        _ => None,
    }
}

fn small(t: &Tok) -> Option<u32> {
    match t {
        Tok::Num {
            value,
            digits: 1 | 2,
        } => Some(*value),
        _ => None,
    }
}

fn sym(t: &Tok) -> Option<char> {
    match t {
        Tok::Sym(c) => Some(*c),
        _ => None,
    }
}

fn date_sep(c: Option<char>) -> bool {
    matches!(c, Some('/' | '-' | '.'))
}

fn parse_fixed(toks: &[Tok], plan_year: Option<i32>) -> Result<Deadline, Problem> {
    let year_or =
        |y: Option<i32>, example: &'static str| y.or(plan_year).ok_or(Problem::NoYear { example });
    if let Some(Tok::Word(w)) = toks.iter().find(|t| match t {
        Tok::Word(w) => w != "quy" && w != "thang" && roman(w).is_none(),
        _ => false,
    }) {
        return Err(Problem::UnknownWord {
            part: short(w, 30),
            nearest: nearest_word(w),
        });
    }
    match toks {
        [
            Tok::School {
                start,
                term,
                opening,
            },
        ] => {
            let start = if *start == 0 && term.is_none() {
                plan_year.ok_or(Problem::NoYear {
                    example: "năm học 2026-2027",
                })?
            } else if *start == 0 {
                // A semester without its year: I starts in the plan's year,
                // II ends in it.
                let y = plan_year.ok_or(Problem::NoYear {
                    example: "học kỳ I năm học 2026-2027",
                })?;
                if *term == Some(2) { y - 1 } else { y }
            } else {
                *start
            };
            Ok(match (term, opening) {
                (Some(term), _) => Deadline::Semester { start, term: *term },
                (None, true) => Deadline::Month {
                    year: start,
                    month: SchoolCalendar::current().start.0,
                },
                (None, false) => Deadline::SchoolYear { start },
            })
        }
        [Tok::Word(w), rest @ ..] if w == "quy" => parse_quarters(rest, plan_year),
        [Tok::Word(w), rest @ ..] if w == "thang" => {
            let (month, year) = match rest {
                [m] => (small(m), None),
                [m, y] => (small(m), year_of(y)),
                [m, s, y] if date_sep(sym(s)) => (small(m), year_of(y)),
                _ => (None, None),
            };
            let Some(month) = month else {
                return Err(unreadable());
            };
            if rest.len() > 1 && year.is_none() {
                return Err(unreadable());
            }
            let month = check_month(month)?;
            Ok(Deadline::Month {
                year: year_or(year, "Tháng 12/2026")?,
                month,
            })
        }
        [y] => year_of(y).map(Deadline::Year).ok_or_else(unreadable),
        [a, s, b] => {
            let s = sym(s);
            if let (Some(from), Some(to), Some('-')) = (year_of(a), year_of(b), s) {
                if from > to {
                    return Err(Problem::YearSpanBackwards { from, to });
                }
                return Ok(if from == to {
                    Deadline::Year(from)
                } else {
                    Deadline::YearSpan { from, to }
                });
            }
            if !date_sep(s) {
                return Err(unreadable());
            }
            match (year_of(a), small(a), year_of(b), small(b)) {
                // 2026-12
                (Some(year), _, _, Some(month)) => Ok(Deadline::Month {
                    year,
                    month: check_month(month)?,
                }),
                // 12/2026
                (_, Some(month), Some(year), _) => Ok(Deadline::Month {
                    year,
                    month: check_month(month)?,
                }),
                // 30/4, in the plan's year
                (_, Some(day), _, Some(month)) => {
                    let year = year_or(None, "Trước ngày 30/4/2026")?;
                    Ok(Deadline::Date(check_date(year, month, day)?))
                }
                _ => Err(unreadable()),
            }
        }
        [a, s1, b, s2, c] if date_sep(sym(s1)) && date_sep(sym(s2)) => {
            match (year_of(a), small(b), small(c), small(a), year_of(c)) {
                // 2023-04-30
                (Some(year), Some(month), Some(day), _, _) => {
                    Ok(Deadline::Date(check_date(year, month, day)?))
                }
                // 30/4/2023
                (_, Some(month), _, Some(day), Some(year)) => {
                    Ok(Deadline::Date(check_date(year, month, day)?))
                }
                (_, Some(_), Some(_), Some(_), None) => Err(Problem::TwoDigitYear),
                _ => Err(unreadable()),
            }
        }
        _ => Err(unreadable()),
    }
}

fn unreadable() -> Problem {
    Problem::Unreadable
}

fn roman(w: &str) -> Option<u32> {
    const NUMERALS: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    NUMERALS
        .iter()
        .position(|n| *n == w)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `toks` follow the first "Quý": "IV/2026", "I, II", "II - III/2026",
/// "1,Q2/2026" (formal, with the marker repeated).
fn parse_quarters(toks: &[Tok], plan_year: Option<i32>) -> Result<Deadline, Problem> {
    let mut quarters: Vec<u32> = Vec::new();
    let mut list = false;
    let mut span = false;
    let mut year = None;
    let mut i = 0;
    loop {
        if matches!(toks.get(i), Some(Tok::Word(w)) if w == "quy") {
            i += 1;
        }
        let (q, shown) = match toks.get(i) {
            Some(Tok::Num {
                value,
                digits: 1 | 2,
            }) => (*value, value.to_string()),
            Some(Tok::Word(w)) => match roman(w) {
                Some(q) => (q, w.to_uppercase()),
                None => return Err(unreadable()),
            },
            _ => return Err(unreadable()),
        };
        if !(1..=4).contains(&q) {
            let _ = shown;
            return Err(Problem::QuarterOutOfRange(q));
        }
        quarters.push(q);
        i += 1;
        match (toks.get(i), toks.get(i + 1)) {
            (None, _) => break,
            (Some(y), None) if year_of(y).is_some() => {
                year = year_of(y);
                break;
            }
            (Some(s), Some(y)) if date_sep(sym(s)) && year_of(y).is_some() => {
                year = year_of(y);
                if toks.len() > i + 2 {
                    return Err(unreadable());
                }
                break;
            }
            (Some(Tok::Sym(',')), Some(_)) => list = true,
            (Some(Tok::Sym('-')), Some(_)) => span = true,
            _ => return Err(unreadable()),
        }
        i += 1;
    }
    if list && span {
        return Err(Problem::MixedListAndSpan);
    }
    let year = year.or(plan_year).ok_or(Problem::NoYear {
        example: "Quý IV/2026",
    })?;
    if span {
        let [from, to] = quarters[..] else {
            return Err(Problem::SpanNeedsTwoEnds);
        };
        return match from.cmp(&to) {
            std::cmp::Ordering::Greater => Err(Problem::QuarterSpanBackwards { from, to }),
            std::cmp::Ordering::Equal => Ok(Deadline::Quarter { year, quarter: to }),
            std::cmp::Ordering::Less => Ok(Deadline::QuarterSpan { year, from, to }),
        };
    }
    quarters.sort_unstable();
    quarters.dedup();
    Ok(match quarters[..] {
        [quarter] => Deadline::Quarter { year, quarter },
        _ => Deadline::Quarters { year, quarters },
    })
}

/// The input as it is shown back in messages: composed, trimmed, and short
/// enough for one line of CI output.
fn shown_input(input: &str) -> String {
    short(&text::nfc(input.trim()), 80)
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        let mut cut: String = s.chars().take(max.saturating_sub(3)).collect();
        cut.push_str("...");
        cut
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Parses with no plan year, so a phrase that needs one fails loudly.
    fn p(s: &str) -> Deadline {
        parse(s, None).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    /// Parses inside a 2026 plan.
    fn p26(s: &str) -> Deadline {
        parse(s, Some(2026)).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    fn err(s: &str, plan_year: Option<i32>) -> String {
        match parse(s, plan_year) {
            Ok(v) => panic!("{s:?} should be rejected, got {v:?}"),
            Err(e) => e.to_string(),
        }
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn year_2026() -> (NaiveDate, NaiveDate) {
        period_bounds(2026, 2026)
    }

    fn wide() -> (NaiveDate, NaiveDate) {
        period_bounds(2020, 2030)
    }

    const M: fn(i32, u32) -> Deadline = |year, month| Deadline::Month { year, month };
    const Q: fn(i32, u32) -> Deadline = |year, quarter| Deadline::Quarter { year, quarter };

    // --- domain.md, "How deadlines are phrased": one test per row ---------

    #[test]
    fn row_thang_12_2026() {
        assert_eq!(p("Tháng 12/2026"), M(2026, 12));
    }

    #[test]
    fn row_quy_iv_2026_and_quy_iv_nam_2026_and_quy_iii_2026() {
        assert_eq!(p("Quý IV/2026"), Q(2026, 4));
        assert_eq!(p("Quý IV năm 2026"), Q(2026, 4));
        assert_eq!(p("Quý III/2026"), Q(2026, 3));
    }

    #[test]
    fn row_quy_i_ii_and_quy_ii_iii_take_the_plan_year() {
        assert_eq!(
            p26("Quý I, II"),
            Deadline::Quarters {
                year: 2026,
                quarters: vec![1, 2]
            }
        );
        assert_eq!(
            p26("Quý II-III"),
            Deadline::QuarterSpan {
                year: 2026,
                from: 2,
                to: 3
            }
        );
    }

    #[test]
    fn row_nam_2026_and_trong_nam_2023() {
        assert_eq!(p("Năm 2026"), Deadline::Year(2026));
        assert_eq!(p("Trong năm 2023"), Deadline::Year(2023));
    }

    #[test]
    fn row_2022_2025() {
        assert_eq!(
            p("2022-2025"),
            Deadline::YearSpan {
                from: 2022,
                to: 2025
            }
        );
    }

    #[test]
    fn row_truoc_ngay_30_4_2023_and_truoc_31_12_2023() {
        assert_eq!(p("Trước ngày 30/4/2023"), Deadline::Date(d(2023, 4, 30)));
        assert_eq!(p("Trước 31/12/2023"), Deadline::Date(d(2023, 12, 31)));
    }

    #[test]
    fn row_thuong_xuyen() {
        assert_eq!(p("Thường xuyên"), Deadline::Ongoing);
    }

    #[test]
    fn row_hang_quy_and_hang_quy_with_hook() {
        assert_eq!(p("Hàng quý"), Deadline::Quarterly { day: None });
        assert_eq!(p("Hằng quý"), Deadline::Quarterly { day: None });
    }

    #[test]
    fn row_hang_nam_and_hang_nam_with_hook() {
        let every_year = Deadline::Yearly {
            month: None,
            day: None,
        };
        assert_eq!(p("Hàng năm"), every_year);
        assert_eq!(p("Hằng năm"), every_year);
    }

    #[test]
    fn row_hang_thang() {
        assert_eq!(p("hàng tháng"), Deadline::Monthly { day: None });
    }

    #[test]
    fn row_hang_quy_truoc_ngay_10_thang_cuoi_quy() {
        assert_eq!(
            p("hằng quý (trước ngày 10 tháng cuối quý)"),
            Deadline::Quarterly { day: Some(10) }
        );
    }

    #[test]
    fn row_hang_nam_truoc_ngay_05_12_and_truoc_20_12_hang_nam() {
        assert_eq!(
            p("hằng năm (trước ngày 05/12)"),
            Deadline::Yearly {
                month: Some(12),
                day: Some(5)
            }
        );
        assert_eq!(
            p("trước 20/12 hàng năm"),
            Deadline::Yearly {
                month: Some(12),
                day: Some(20)
            }
        );
    }

    #[test]
    fn row_dam_bao_tien_do_theo_quy_dinh_cua_bo() {
        assert_eq!(
            p("Đảm bảo tiến độ theo quy định của Bộ GDĐT"),
            Deadline::Inherited
        );
    }

    // --- other phrasings named in the API ----------------------------------

    #[test]
    fn month_forms() {
        assert_eq!(p("tháng 5 năm 2026"), M(2026, 5));
        assert_eq!(p("2026-12"), M(2026, 12));
        assert_eq!(p("12/2026"), M(2026, 12));
        assert_eq!(p("Tháng 5.2026"), M(2026, 5));
        assert_eq!(p26("tháng 9"), M(2026, 9));
    }

    #[test]
    fn quarter_forms() {
        assert_eq!(p("Q4/2026"), Q(2026, 4));
        assert_eq!(p("Quý 4/2026"), Q(2026, 4));
        assert_eq!(p("Quy 4 2026"), Q(2026, 4));
        assert_eq!(p("Q4-2026"), Q(2026, 4));
        assert_eq!(p26("Quý IV"), Q(2026, 4));
        assert_eq!(p26("Quý I"), Q(2026, 1));
    }

    #[test]
    fn quarter_lists_and_spans() {
        let first_half = Deadline::Quarters {
            year: 2026,
            quarters: vec![1, 2],
        };
        assert_eq!(p26("Quý I và II"), first_half);
        assert_eq!(p26("Quý II, I"), first_half);
        assert_eq!(p("Q1,Q2/2026"), first_half);
        let span = Deadline::QuarterSpan {
            year: 2026,
            from: 2,
            to: 3,
        };
        assert_eq!(p("Quý II - III/2026"), span);
        assert_eq!(p("Q2-Q3/2026"), span);
        assert_eq!(p26("Quý II đến Quý III"), span);
    }

    #[test]
    fn year_and_span_forms() {
        assert_eq!(p("2026"), Deadline::Year(2026));
        assert_eq!(p("năm 2025"), Deadline::Year(2025));
        assert_eq!(p("Cuối năm 2026."), Deadline::Year(2026));
        let span = Deadline::YearSpan {
            from: 2022,
            to: 2025,
        };
        assert_eq!(p("2022 - 2025"), span);
        assert_eq!(p("giai đoạn 2022-2025"), span);
        assert_eq!(p("2022 – 2025"), span);
        assert_eq!(p("từ năm 2022 đến năm 2025"), span);
    }

    #[test]
    fn date_forms() {
        let apr30 = Deadline::Date(d(2023, 4, 30));
        assert_eq!(p("30/4/2023"), apr30);
        assert_eq!(p("2023-04-30"), apr30);
        assert_eq!(p("30.4.2023"), apr30);
        assert_eq!(p("30-04-2023"), apr30);
        assert_eq!(p("ngày 05/12/2026"), Deadline::Date(d(2026, 12, 5)));
        assert_eq!(
            p("ngày 05 tháng 12 năm 2026"),
            Deadline::Date(d(2026, 12, 5))
        );
        assert_eq!(p26("trước ngày 30/4"), Deadline::Date(d(2026, 4, 30)));
    }

    #[test]
    fn leap_day_is_a_date_only_in_leap_years() {
        assert_eq!(p("29/2/2028"), Deadline::Date(d(2028, 2, 29)));
        assert!(err("29/2/2026", None).contains("no such date"));
    }

    #[test]
    fn ongoing_forms() {
        for s in ["thường xuyên, liên tục", "ongoing", "liên tục", "Ongoing."] {
            assert_eq!(p(s), Deadline::Ongoing, "{s}");
        }
    }

    #[test]
    fn monthly_forms() {
        assert_eq!(p("hằng tháng"), Deadline::Monthly { day: None });
        assert_eq!(p("monthly"), Deadline::Monthly { day: None });
        assert_eq!(p("monthly 25"), Deadline::Monthly { day: Some(25) });
        assert_eq!(
            p("hàng tháng, trước ngày 25"),
            Deadline::Monthly { day: Some(25) }
        );
    }

    #[test]
    fn quarterly_forms() {
        assert_eq!(p("quarterly"), Deadline::Quarterly { day: None });
        let by_10th = Deadline::Quarterly { day: Some(10) };
        assert_eq!(p("hằng quý, trước ngày 10 tháng cuối quý"), by_10th);
        assert_eq!(p("quarterly 10"), by_10th);
        assert_eq!(p("Mỗi quý, trước ngày 10 tháng cuối quý"), by_10th);
    }

    #[test]
    fn yearly_forms() {
        let dec5 = Deadline::Yearly {
            month: Some(12),
            day: Some(5),
        };
        assert_eq!(
            p("yearly"),
            Deadline::Yearly {
                month: None,
                day: None
            }
        );
        assert_eq!(p("hằng năm, trước ngày 05/12"), dec5);
        assert_eq!(p("yearly 12-05"), dec5);
        assert_eq!(p("hằng năm, trước ngày 05 tháng 12"), dec5);
        // Only the formal dash form is month first; Vietnamese stays day first.
        assert_eq!(p("yearly 05/12"), dec5);
        assert_eq!(
            p("hằng năm, trong tháng 6"),
            Deadline::Yearly {
                month: Some(6),
                day: None
            }
        );
    }

    #[test]
    fn inherited_forms() {
        for s in [
            "theo quy định",
            "theo tiến độ",
            "inherited",
            "Theo kế hoạch của Sở",
        ] {
            assert_eq!(p(s), Deadline::Inherited, "{s}");
        }
    }

    #[test]
    fn an_explicit_date_before_theo_quy_dinh_wins_over_inherited() {
        assert_eq!(p("Tháng 12/2026 theo quy định của Bộ"), M(2026, 12));
        assert_eq!(p("Năm 2026 (theo quy định)"), Deadline::Year(2026));
        assert!(err("Quý IV theo quy định", None).contains("no year"));
        assert!(err("Tháng 13/2026 theo quy định", None).contains("months are 1 to 12"));
    }

    // --- text as it arrives from Word, PDFs and hurried typing --------------

    #[test]
    fn labels_and_trailing_punctuation_from_the_seeds() {
        assert_eq!(
            p("Thời gian hoàn thành: Trong năm 2023."),
            Deadline::Year(2023)
        );
        assert_eq!(
            p("Thời gian hoàn thành: Trước 31/12/2023."),
            Deadline::Date(d(2023, 12, 31))
        );
        assert_eq!(
            p("Thời gian hoàn thành: Đảm bảo tiến độ theo quy định của Bộ GDĐT."),
            Deadline::Inherited
        );
        assert_eq!(p("Thời gian: Quý IV/2026;"), Q(2026, 4));
    }

    #[test]
    fn markdown_emphasis_and_line_breaks_from_the_seeds() {
        assert_eq!(
            p("Định kỳ hằng quý (*trước ngày 10 tháng cuối quý*)"),
            Deadline::Quarterly { day: Some(10) }
        );
        assert_eq!(
            p("Hằng \nnăm"),
            Deadline::Yearly {
                month: None,
                day: None
            }
        );
    }

    #[test]
    fn without_diacritics() {
        assert_eq!(p("quy iv/2026"), Q(2026, 4));
        assert_eq!(p("thang 12/2026"), M(2026, 12));
        assert_eq!(p("thuong xuyen"), Deadline::Ongoing);
        assert_eq!(
            p("hang nam (truoc ngay 05/12)"),
            Deadline::Yearly {
                month: Some(12),
                day: Some(5)
            }
        );
        assert_eq!(
            p("dam bao tien do theo quy dinh cua Bo"),
            Deadline::Inherited
        );
        assert_eq!(p("truoc ngay 30/4/2023"), Deadline::Date(d(2023, 4, 30)));
    }

    #[test]
    fn uppercase() {
        assert_eq!(p("QUÝ IV/2026"), Q(2026, 4));
        assert_eq!(p("THƯỜNG XUYÊN"), Deadline::Ongoing);
        assert_eq!(p("HẰNG QUÝ"), Deadline::Quarterly { day: None });
        assert_eq!(p("TRƯỚC NGÀY 30/4/2023"), Deadline::Date(d(2023, 4, 30)));
        assert_eq!(p("MONTHLY 25"), Deadline::Monthly { day: Some(25) });
    }

    #[test]
    fn nfd_input_reads_like_nfc() {
        for s in [
            "Quý IV năm 2026",
            "Thường xuyên",
            "hằng quý (trước ngày 10 tháng cuối quý)",
            "Đảm bảo tiến độ theo quy định của Bộ",
            "Tháng 12/2026",
        ] {
            let decomposed = nfd(s);
            assert_ne!(decomposed, s);
            assert_eq!(parse(&decomposed, None), parse(s, None), "{s}");
        }
    }

    #[test]
    fn non_breaking_spaces_pasted_from_word() {
        assert_eq!(p("Quý\u{00A0}IV/2026"), Q(2026, 4));
        assert_eq!(p("Hằng\u{00A0}quý"), Deadline::Quarterly { day: None });
    }

    // --- errors --------------------------------------------------------------

    #[test]
    fn quarter_v_is_rejected() {
        let m = err("Quý V/2026", None);
        assert!(m.contains("Quý V/2026"), "{m}");
        assert!(m.contains("quarters are I to IV"), "{m}");
        assert!(err("Q5/2026", None).contains("quarters are I to IV"));
    }

    #[test]
    fn month_13_is_rejected() {
        let m = err("Tháng 13/2026", None);
        assert!(m.contains("Tháng 13/2026"), "{m}");
        assert!(m.contains("months are 1 to 12"), "{m}");
        assert!(err("2026-13", None).contains("months are 1 to 12"));
    }

    #[test]
    fn february_31st_is_rejected() {
        let m = err("31/2/2026", None);
        assert!(m.contains("no such date as 31/2/2026"), "{m}");
        assert!(m.contains("28 days"), "{m}");
        assert!(err("2026-04-31", None).contains("no such date"));
    }

    #[test]
    fn backwards_spans_are_rejected() {
        let m = err("2025-2022", None);
        assert!(m.contains("backwards"), "{m}");
        assert!(m.contains("2022-2025"), "{m}");
        assert!(err("Quý III-II/2026", None).contains("backwards"));
    }

    #[test]
    fn empty_input_is_rejected() {
        for s in ["", "   ", "\u{00A0}", ".", "Thời gian:"] {
            let m = err(s, Some(2026));
            assert!(m.contains("empty") || m.contains("not"), "{s:?}: {m}");
        }
        assert!(err("", None).contains("empty"));
    }

    #[test]
    fn garbage_names_the_input_and_the_accepted_forms() {
        let m = err("sớm nhất có thể", Some(2026));
        assert!(m.contains("\"sớm nhất có thể\""), "{m}");
        // The nearest accepted form, not the whole list (issue 12).
        assert!(m.contains("e.g. \""), "{m}");
        assert!(!m.contains("Thường xuyên"), "{m}");
        // Issue 12: a school year is a deadline now.
        assert_eq!(p("Năm học 2025-2026"), Deadline::SchoolYear { start: 2025 });
        for s in ["Tháng 12/2026 hoặc sớm hơn", "IV/2026", "2026/2027"] {
            err(s, Some(2026));
        }
    }

    #[test]
    fn yearless_phrase_needs_a_plan_year() {
        for s in [
            "Quý IV",
            "Quý I, II",
            "Quý II-III",
            "trước ngày 30/4",
            "Tháng 12",
        ] {
            let m = err(s, None);
            assert!(m.contains("no year"), "{s}: {m}");
            assert!(m.contains(s), "{s}: {m}");
        }
    }

    #[test]
    fn two_digit_years_are_rejected() {
        assert!(err("30/4/23", None).contains("four digits"));
    }

    #[test]
    fn mixed_quarter_list_and_span_is_rejected() {
        assert!(err("Quý I, II-III/2026", None).contains("mixes"));
    }

    #[test]
    fn bad_recurrences_are_rejected() {
        assert!(err("hằng năm (trước ngày 30/02)", None).contains("not a day of the year"));
        assert!(err("monthly 32", None).contains("days are 1 to 31"));
        assert!(err("hằng năm, trước ngày 20", None).contains("day and a month"));
        assert!(err("hằng quý, trước ngày 10 tháng đầu quý", None).contains("not supported"));
        let both =
            "Định kỳ hằng quý (trước ngày 10 tháng cuối quý), và hằng năm (trước ngày 05/12)";
        assert!(err(both, None).contains("several recurrences"));
        for s in ["hàng ngày", "hằng tuần", "weekly"] {
            assert!(
                err(s, None).contains("monthly, quarterly and yearly"),
                "{s}"
            );
        }
    }

    #[test]
    fn long_input_is_shortened_in_the_message() {
        let long = "x".repeat(500);
        let m = err(&long, None);
        assert!(m.contains("..."), "{m}");
        assert!(m.len() < 600, "{m}");
    }

    #[test]
    fn errors_display_their_message() {
        let e = parse("Quý V/2026", None).unwrap_err();
        assert!(e.to_string().contains("Quý V/2026"));
        let _: &dyn std::error::Error = &e;
    }

    // --- issue 12: forms from real plans beyond the seeds --------------------

    /// Every spelling reads the same: without diacritics, in capitals, NFD,
    /// NBSP, and every dash with or without spaces.
    fn reads(s: &str, plan_year: Option<i32>, expected: Deadline) {
        let strip = text::fold(s);
        let mut variants = vec![
            s.to_string(),
            strip.clone(),
            s.to_uppercase(),
            strip.to_uppercase(),
            nfd(s),
            s.replace(' ', "\u{00A0}"),
        ];
        if s.contains(['-', '–']) {
            for dash in ["-", "–", "—", "‒", "−", " - ", " – ", " — "] {
                variants.push(
                    s.replace(" - ", "-")
                        .replace(" – ", "-")
                        .replace('–', "-")
                        .replace('-', dash),
                );
            }
        }
        for v in variants {
            assert_eq!(
                parse(&v, plan_year).unwrap_or_else(|e| panic!("{v:?}: {e}")),
                expected,
                "{v:?}"
            );
        }
    }

    #[test]
    fn the_last_month_of_the_quarter_recurs_and_an_event_has_no_date() {
        reads(
            "Trước ngày 20 tháng cuối quý",
            None,
            Deadline::Quarterly { day: Some(20) },
        );
        reads("Sau khi có hướng dẫn của Bộ", None, Deadline::Inherited);
        reads("Ngay khi có văn bản chỉ đạo", None, Deadline::Inherited);
        reads("Đột xuất", None, Deadline::Inherited);
    }

    #[test]
    fn words_for_points_a_form_says_as_well() {
        reads(
            "Quý I hằng năm",
            None,
            Deadline::Yearly {
                month: Some(3),
                day: None,
            },
        );
        reads(
            "Định kỳ 6 tháng, hằng năm",
            None,
            Deadline::HalfYearly { day: None },
        );
        reads(
            "Trước khai giảng năm học mới",
            Some(2026),
            Deadline::Date(NaiveDate::from_ymd_opt(2026, 9, 5).unwrap()),
        );
        reads(
            "Tuần đầu tháng 9/2026",
            None,
            Deadline::Date(NaiveDate::from_ymd_opt(2026, 9, 7).unwrap()),
        );
        reads(
            "Tuần cuối tháng 9/2026",
            None,
            Deadline::Month {
                year: 2026,
                month: 9,
            },
        );
        reads("Cả năm", Some(2027), Deadline::Year(2027));
        reads(
            "trong năm học mới",
            Some(2026),
            Deadline::SchoolYear { start: 2026 },
        );
    }

    #[test]
    fn lead_words_and_dashes() {
        reads("Mục tiêu đến năm 2027", None, Deadline::Year(2027));
        reads(
            "chậm nhất ngày 15/10/2026",
            None,
            Deadline::Date(d(2026, 10, 15)),
        );
        reads(
            "hoàn thành trước 30-9",
            Some(2026),
            Deadline::Date(d(2026, 9, 30)),
        );
        reads(
            "kết thúc trước 15-10",
            Some(2026),
            Deadline::Date(d(2026, 10, 15)),
        );
        reads("Trước 30-9", Some(2026), Deadline::Date(d(2026, 9, 30)));
        reads("15-10-2026", None, Deadline::Date(d(2026, 10, 15)));
        reads(
            "trước ngày 15 tháng 12 năm 2026",
            None,
            Deadline::Date(d(2026, 12, 15)),
        );
        reads("đến hết năm 2025", None, Deadline::Year(2025));
        reads("hoàn thành trong năm 2026", None, Deadline::Year(2026));
        reads(
            "2026 - 2030",
            None,
            Deadline::YearSpan {
                from: 2026,
                to: 2030,
            },
        );
        reads(
            "Năm 2025 - 2026",
            None,
            Deadline::YearSpan {
                from: 2025,
                to: 2026,
            },
        );
    }

    #[test]
    fn halves_and_spans_of_months() {
        reads(
            "6 tháng đầu năm 2026",
            None,
            Deadline::QuarterSpan {
                year: 2026,
                from: 1,
                to: 2,
            },
        );
        reads(
            "6 tháng cuối năm 2026",
            None,
            Deadline::QuarterSpan {
                year: 2026,
                from: 3,
                to: 4,
            },
        );
        let span = Deadline::Span {
            from: Box::new(M(2026, 9)),
            to: Box::new(M(2026, 12)),
        };
        reads("tháng 9/2026 - tháng 12/2026", None, span.clone());
        assert_eq!(p("từ tháng 9 đến tháng 12/2026"), span);
        assert_eq!(p("Tháng 9-12/2026"), span);
        assert_eq!(span.final_date(), Some(d(2026, 12, 31)));
        assert_eq!(span.start_date(), Some(d(2026, 9, 1)));
        assert_eq!(p(&span.to_string()), span);
        assert!(err("tháng 12/2026 - tháng 9/2026", None).contains("backwards"));
    }

    #[test]
    fn school_years_follow_the_ministry_framework() {
        let sy = Deadline::SchoolYear { start: 2026 };
        reads("năm học 2026-2027", None, sy.clone());
        reads("trong năm học 2026 – 2027", None, sy.clone());
        reads("hết năm học 2026-2027", None, sy.clone());
        assert_eq!(sy.final_date(), Some(d(2027, 5, 31)));
        assert_eq!(sy.start_date(), Some(d(2026, 9, 5)));
        let hk1 = Deadline::Semester {
            start: 2026,
            term: 1,
        };
        reads("học kỳ I năm học 2026-2027", None, hk1.clone());
        assert_eq!(hk1.final_date(), Some(d(2027, 1, 18)));
        assert_eq!(
            p("HK II năm học 2026-2027").final_date(),
            Some(d(2027, 5, 31))
        );
        // kh.yaml may move the bounds.
        let cal = SchoolCalendar::with_overrides(None, None, Some((6, 15)));
        assert_eq!(sy.final_date_in(&cal), Some(d(2027, 6, 15)));
        // Display reads back.
        for x in [sy, hk1] {
            assert_eq!(p(&x.to_string()), x);
        }
        assert!(err("năm học 2026-2028", None).contains("consecutive"));
        assert!(err("học kỳ III năm học 2026-2027", None).contains("semester"));
    }

    #[test]
    fn starts_are_never_deadlines() {
        let from_2027 = Deadline::Start(Some(Box::new(Deadline::Year(2027))));
        reads("Từ năm 2027", None, from_2027.clone());
        reads(
            "từ năm học 2026-2027",
            None,
            Deadline::Start(Some(Box::new(Deadline::SchoolYear { start: 2026 }))),
        );
        reads(
            "bắt đầu từ Quý III/2026",
            None,
            Deadline::Start(Some(Box::new(Q(2026, 3)))),
        );
        reads("Bắt đầu", None, Deadline::Start(None));
        for s in [
            "Từ năm 2027",
            "bắt đầu từ Quý III/2026",
            "Bắt đầu",
            "từ năm học 2026-2027",
        ] {
            let x = p(s);
            assert!(x.is_start(), "{s}");
            assert_eq!(x.final_date(), None, "{s}");
            assert!(
                x.occurrences(d(2020, 1, 1), d(2035, 12, 31), wide())
                    .is_empty(),
                "{s}"
            );
            assert_eq!(p(&x.to_string()), x, "{s}");
        }
        assert_eq!(from_2027.start_date(), Some(d(2027, 1, 1)));
        assert_eq!(
            p("bắt đầu từ Quý III/2026").start_date(),
            Some(d(2026, 7, 1))
        );
        // A span from ... to ... is a deadline at its end, not a start.
        assert_eq!(
            p("từ năm 2022 đến năm 2025"),
            Deadline::YearSpan {
                from: 2022,
                to: 2025
            }
        );
        assert_eq!(p("từ nay đến năm 2030"), Deadline::Year(2030));
    }

    #[test]
    fn every_year_from_and_half_years() {
        let x = p("năm 2026 và các năm tiếp theo");
        assert_eq!(x, Deadline::YearlyFrom { from: 2026 });
        assert!(x.is_recurring());
        assert_eq!(
            x.occurrences(d(2025, 1, 1), d(2027, 12, 31), wide()),
            vec![d(2026, 12, 31), d(2027, 12, 31)]
        );
        assert_eq!(p(&x.to_string()), x);
        reads(
            "Trước 31/12 hằng năm",
            None,
            Deadline::Yearly {
                month: Some(12),
                day: Some(31),
            },
        );
        let h = p("Định kỳ 6 tháng");
        assert_eq!(h, Deadline::HalfYearly { day: None });
        assert_eq!(
            h.occurrences(d(2026, 1, 1), d(2026, 12, 31), wide()),
            vec![d(2026, 6, 30), d(2026, 12, 31)]
        );
        assert_eq!(p(&h.to_string()), h);
    }

    #[test]
    fn a_target_with_only_a_start_inherits_its_deadline() {
        let t = crate::domain::plan::Target {
            id: "1".into(),
            area: None,
            text: Default::default(),
            metric: "m".into(),
            values: Vec::new(),
            due: Some(p("Từ năm 2027")),
            lead: Vec::new(),
            implementers: Vec::new(),
            applies_to: None,
            provenance: Default::default(),
        };
        assert!(t.has_only_start());
        assert_eq!(t.deadline(), None);
    }

    #[test]
    fn errors_are_typed_and_give_the_nearest_form() {
        let e = parse("Quý V/2026", None).unwrap_err();
        assert_eq!(e.problem, DeadlineProblem::QuarterOutOfRange(5));
        assert_eq!(e.help, Some("Quý IV/2026"));
        let e = parse("Thang 13/2026", None).unwrap_err();
        assert_eq!(e.problem, DeadlineProblem::MonthOutOfRange(13));
        let e = parse("Quys IV/2026", None).unwrap_err();
        assert!(
            matches!(&e.problem, DeadlineProblem::UnknownWord { part, nearest: Some("Quý") } if part == "quys"),
            "{e:?}"
        );
        let en = crate::messages::parse_en::deadline_error(&e);
        assert!(
            en.contains("\"Quys IV/2026\"") && en.contains("did you mean \"Quý\""),
            "{en}"
        );
        let vi = crate::messages::parse_vi::deadline_error(&e);
        assert!(vi.contains("thời hạn \"Quys IV/2026\""), "{vi}");
        assert!(!en.contains(ACCEPTED_FORMS), "{en}");
    }

    // --- final_date ------------------------------------------------------------

    #[test]
    fn final_date_of_month_is_its_last_day() {
        assert_eq!(M(2026, 12).final_date(), Some(d(2026, 12, 31)));
        assert_eq!(M(2026, 4).final_date(), Some(d(2026, 4, 30)));
        assert_eq!(M(2028, 2).final_date(), Some(d(2028, 2, 29)));
        assert_eq!(M(2026, 13).final_date(), None);
    }

    #[test]
    fn final_date_of_quarter_is_its_last_day() {
        assert_eq!(Q(2026, 1).final_date(), Some(d(2026, 3, 31)));
        assert_eq!(Q(2026, 2).final_date(), Some(d(2026, 6, 30)));
        assert_eq!(Q(2026, 3).final_date(), Some(d(2026, 9, 30)));
        assert_eq!(Q(2026, 4).final_date(), Some(d(2026, 12, 31)));
        assert_eq!(Q(2026, 5).final_date(), None);
    }

    #[test]
    fn final_date_of_quarters_is_the_end_of_the_last() {
        assert_eq!(p26("Quý I, II").final_date(), Some(d(2026, 6, 30)));
    }

    #[test]
    fn final_date_of_quarter_span_is_the_end_of_to() {
        assert_eq!(p26("Quý II-III").final_date(), Some(d(2026, 9, 30)));
    }

    #[test]
    fn final_date_of_year_and_year_span() {
        assert_eq!(Deadline::Year(2026).final_date(), Some(d(2026, 12, 31)));
        assert_eq!(p("2022-2025").final_date(), Some(d(2025, 12, 31)));
    }

    #[test]
    fn final_date_of_date_is_itself() {
        assert_eq!(p("Trước ngày 30/4/2023").final_date(), Some(d(2023, 4, 30)));
    }

    #[test]
    fn no_final_date_for_ongoing_recurring_and_inherited() {
        for s in [
            "Thường xuyên",
            "hàng tháng",
            "Hằng quý",
            "Hằng năm",
            "theo quy định",
        ] {
            assert_eq!(p(s).final_date(), None, "{s}");
        }
    }

    #[test]
    fn only_monthly_quarterly_yearly_recur() {
        for s in ["monthly", "quarterly 10", "yearly 12-05"] {
            assert!(p(s).is_recurring(), "{s}");
        }
        for s in [
            "2026-12",
            "Q4/2026",
            "2026",
            "2022-2025",
            "2023-04-30",
            "ongoing",
            "inherited",
        ] {
            assert!(!p(s).is_recurring(), "{s}");
        }
    }

    // --- Display and the round trip ------------------------------------------

    fn one_of_each() -> Vec<(Deadline, &'static str)> {
        vec![
            (M(2026, 12), "2026-12"),
            (M(2026, 5), "2026-05"),
            (Q(2026, 4), "Q4/2026"),
            (
                Deadline::Quarters {
                    year: 2026,
                    quarters: vec![1, 2],
                },
                "Q1,Q2/2026",
            ),
            (
                Deadline::QuarterSpan {
                    year: 2026,
                    from: 2,
                    to: 3,
                },
                "Q2-Q3/2026",
            ),
            (Deadline::Year(2026), "2026"),
            (
                Deadline::YearSpan {
                    from: 2022,
                    to: 2025,
                },
                "2022-2025",
            ),
            (Deadline::Date(d(2023, 4, 30)), "2023-04-30"),
            (Deadline::Ongoing, "ongoing"),
            (Deadline::Monthly { day: None }, "monthly"),
            (Deadline::Monthly { day: Some(25) }, "monthly 25"),
            (Deadline::Quarterly { day: None }, "quarterly"),
            (Deadline::Quarterly { day: Some(10) }, "quarterly 10"),
            (
                Deadline::Yearly {
                    month: None,
                    day: None,
                },
                "yearly",
            ),
            (
                Deadline::Yearly {
                    month: Some(12),
                    day: Some(5),
                },
                "yearly 12-05",
            ),
            (
                Deadline::Yearly {
                    month: Some(6),
                    day: None,
                },
                "yearly 06",
            ),
            (Deadline::Inherited, "inherited"),
        ]
    }

    #[test]
    fn display_is_the_short_formal_form() {
        for (deadline, formal) in one_of_each() {
            assert_eq!(deadline.to_string(), formal);
        }
    }

    #[test]
    fn display_then_parse_gives_back_the_same_deadline() {
        for (deadline, _) in one_of_each() {
            let shown = deadline.to_string();
            assert_eq!(parse(&shown, None), Ok(deadline), "{shown}");
        }
    }

    #[test]
    fn vietnamese_phrases_survive_display_and_parse() {
        for s in [
            "Quý IV năm 2026",
            "hằng quý (trước ngày 10 tháng cuối quý)",
            "trước 20/12 hàng năm",
            "giai đoạn 2022-2025",
            "Trước ngày 30/4/2023",
        ] {
            let first = p(s);
            assert_eq!(p(&first.to_string()), first, "{s}");
        }
    }

    // --- occurrences ---------------------------------------------------------------

    /// Crosses a year boundary: 15/11/2026 to 20/2/2027.
    fn winter() -> (NaiveDate, NaiveDate) {
        (d(2026, 11, 15), d(2027, 2, 20))
    }

    #[test]
    fn monthly_end_of_month_across_new_year() {
        let (from, to) = winter();
        assert_eq!(
            p("hàng tháng").occurrences(from, to, wide()),
            vec![d(2026, 11, 30), d(2026, 12, 31), d(2027, 1, 31)]
        );
    }

    #[test]
    fn monthly_by_day_across_new_year() {
        let (from, to) = winter();
        assert_eq!(
            p("monthly 25").occurrences(from, to, wide()),
            vec![d(2026, 11, 25), d(2026, 12, 25), d(2027, 1, 25)]
        );
    }

    #[test]
    fn quarterly_by_day_across_new_year_and_over_a_year() {
        let (from, to) = winter();
        let by_10th = p("hằng quý (trước ngày 10 tháng cuối quý)");
        assert_eq!(by_10th.occurrences(from, to, wide()), vec![d(2026, 12, 10)]);
        assert_eq!(
            by_10th.occurrences(d(2026, 1, 1), d(2026, 12, 31), wide()),
            vec![
                d(2026, 3, 10),
                d(2026, 6, 10),
                d(2026, 9, 10),
                d(2026, 12, 10)
            ]
        );
    }

    #[test]
    fn quarterly_end_of_quarter() {
        assert_eq!(
            p("Hằng quý").occurrences(d(2026, 1, 1), d(2027, 3, 31), wide()),
            vec![
                d(2026, 3, 31),
                d(2026, 6, 30),
                d(2026, 9, 30),
                d(2026, 12, 31),
                d(2027, 3, 31)
            ]
        );
    }

    #[test]
    fn yearly_by_day_across_new_year_and_several_years() {
        let (from, to) = winter();
        let dec5 = p("hằng năm (trước ngày 05/12)");
        assert_eq!(dec5.occurrences(from, to, wide()), vec![d(2026, 12, 5)]);
        assert_eq!(
            dec5.occurrences(d(2026, 1, 1), d(2028, 12, 31), wide()),
            vec![d(2026, 12, 5), d(2027, 12, 5), d(2028, 12, 5)]
        );
    }

    #[test]
    fn yearly_without_a_day_is_31_december() {
        let (from, to) = winter();
        assert_eq!(
            p("Hằng năm").occurrences(from, to, wide()),
            vec![d(2026, 12, 31)]
        );
    }

    #[test]
    fn monthly_end_of_february_in_a_leap_year() {
        let dates = p("monthly").occurrences(d(2028, 2, 1), d(2028, 3, 1), wide());
        assert_eq!(dates, vec![d(2028, 2, 29)]);
        let dates = p("monthly").occurrences(d(2027, 2, 1), d(2027, 3, 1), wide());
        assert_eq!(dates, vec![d(2027, 2, 28)]);
    }

    #[test]
    fn a_day_beyond_the_month_is_clamped_to_its_last_day() {
        let day31 = Deadline::Monthly { day: Some(31) };
        assert_eq!(
            day31.occurrences(d(2026, 4, 1), d(2026, 4, 30), wide()),
            vec![d(2026, 4, 30)]
        );
        assert_eq!(
            day31.occurrences(d(2027, 2, 1), d(2027, 2, 28), wide()),
            vec![d(2027, 2, 28)]
        );
        assert_eq!(
            day31.occurrences(d(2028, 2, 1), d(2028, 2, 29), wide()),
            vec![d(2028, 2, 29)]
        );
        assert_eq!(
            Deadline::Quarterly { day: Some(31) }.occurrences(
                d(2026, 1, 1),
                d(2026, 12, 31),
                wide()
            ),
            vec![
                d(2026, 3, 31),
                d(2026, 6, 30),
                d(2026, 9, 30),
                d(2026, 12, 31)
            ]
        );
    }

    #[test]
    fn yearly_29_february_falls_on_28th_outside_leap_years() {
        let leap_day = Deadline::Yearly {
            month: Some(2),
            day: Some(29),
        };
        assert_eq!(p("yearly 02-29"), leap_day);
        assert_eq!(
            leap_day.occurrences(d(2027, 1, 1), d(2028, 12, 31), wide()),
            vec![d(2027, 2, 28), d(2028, 2, 29)]
        );
    }

    #[test]
    fn recurrences_are_clipped_to_the_active_period() {
        let (from, to) = winter();
        assert_eq!(
            p("hàng tháng").occurrences(from, to, year_2026()),
            vec![d(2026, 11, 30), d(2026, 12, 31)]
        );
        // A plan that starts mid-quarter reports only from its start.
        let active = (d(2026, 5, 13), d(2026, 12, 31));
        assert_eq!(
            p("quarterly 10").occurrences(d(2026, 1, 1), d(2026, 12, 31), active),
            vec![d(2026, 6, 10), d(2026, 9, 10), d(2026, 12, 10)]
        );
        assert!(
            p("yearly")
                .occurrences(d(2027, 1, 1), d(2027, 12, 31), year_2026())
                .is_empty()
        );
    }

    #[test]
    fn quarters_list_gives_the_end_of_each() {
        assert_eq!(
            p26("Quý I, II").occurrences(d(2026, 1, 1), d(2026, 12, 31), year_2026()),
            vec![d(2026, 3, 31), d(2026, 6, 30)]
        );
        assert_eq!(
            p26("Quý I, II").occurrences(d(2026, 6, 1), d(2026, 6, 30), year_2026()),
            vec![d(2026, 6, 30)]
        );
    }

    #[test]
    fn spans_give_only_their_end() {
        assert_eq!(
            p26("Quý II-III").occurrences(d(2026, 1, 1), d(2026, 12, 31), year_2026()),
            vec![d(2026, 9, 30)]
        );
        assert_eq!(
            p("2022-2025").occurrences(d(2022, 1, 1), d(2025, 12, 31), period_bounds(2022, 2025)),
            vec![d(2025, 12, 31)]
        );
        assert!(
            p26("Quý II-III")
                .occurrences(d(2026, 6, 1), d(2026, 6, 30), year_2026())
                .is_empty()
        );
    }

    #[test]
    fn one_off_deadlines_give_their_single_date_in_the_window() {
        let dec = (d(2026, 12, 1), d(2026, 12, 31));
        for s in [
            "Tháng 12/2026",
            "Quý IV/2026",
            "Năm 2026",
            "ngày 05/12/2026",
        ] {
            let got = p(s).occurrences(dec.0, dec.1, year_2026());
            assert_eq!(got.len(), 1, "{s}");
            assert_eq!(Some(got[0]), p(s).final_date(), "{s}");
        }
        assert!(
            p("Tháng 11/2026")
                .occurrences(dec.0, dec.1, year_2026())
                .is_empty()
        );
    }

    #[test]
    fn one_off_deadlines_are_not_clipped_by_the_active_period() {
        // A child due after its plan's period is a finding to show, not to hide.
        assert_eq!(
            p("Tháng 1/2027").occurrences(d(2027, 1, 1), d(2027, 1, 31), year_2026()),
            vec![d(2027, 1, 31)]
        );
    }

    #[test]
    fn ongoing_and_inherited_never_fall_due() {
        for s in ["Thường xuyên", "theo quy định"] {
            assert!(
                p(s).occurrences(d(2020, 1, 1), d(2030, 12, 31), wide())
                    .is_empty()
            );
        }
    }

    #[test]
    fn an_inverted_window_is_empty() {
        assert!(
            p("monthly")
                .occurrences(d(2026, 12, 31), d(2026, 1, 1), wide())
                .is_empty()
        );
    }

    #[test]
    fn period_bounds_cover_whole_years() {
        assert_eq!(period_bounds(2026, 2026), (d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(period_bounds(2022, 2030), (d(2022, 1, 1), d(2030, 12, 31)));
    }

    #[test]
    fn huge_numbers_are_rejected_without_overflow() {
        err("99999999999999999999/2026", Some(2026));
        err("Quý 99999999999", Some(2026));
        err("monthly 4294967296", None);
    }
}
