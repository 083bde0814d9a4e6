//! English wording of the parse errors of `crate::domain`: thresholds,
//! deadlines, periods and issue dates. The domain only carries data; every
//! sentence is built here. Each message quotes the phrase, names the part not
//! understood and suggests the nearest accepted form (`help`), never the
//! whole list of forms (that is `kh explain` and docs/format.md).

use crate::domain::date::{DateError, DateProblem};
use crate::domain::deadline::{DeadlineError, DeadlineProblem};
use crate::domain::period::{PeriodError, PeriodProblem};
use crate::domain::threshold::{Expected, ThresholdError, ThresholdProblem};

fn quoted_context(part: &str, input: &str) -> String {
    let found = if part.is_empty() {
        "an empty value".to_string()
    } else {
        format!("\"{part}\"")
    };
    if part != input && !input.is_empty() {
        format!("{found} in \"{input}\"")
    } else {
        found
    }
}

/// Why a threshold is not read, without the phrase itself.
pub fn threshold_problem(p: &ThresholdProblem) -> String {
    use ThresholdProblem::*;
    match p {
        Empty => "it is empty".into(),
        Unrecognised => "it is not a threshold this tool can read".into(),
        UnknownWord { part, nearest } => match nearest {
            Some(n) => format!("\"{part}\" is not understood; did you mean \"{n}\"?"),
            None => format!("\"{part}\" is not understood"),
        },
        UnexpectedAfterValue { part } => format!("unexpected \"{part}\" after the value"),
        TwoDecimalMarks => {
            "a number has more than one decimal mark; write it as \"87,5\" or \"87.5\"".into()
        }
        NumberTooLarge => "the number is too large".into(),
        Negative => "negative numbers are not accepted: a target is never below 0".into(),
        PercentOutOfRange => "a percentage must be between 0 and 100".into(),
        RatioNeedsDenominator => "a ratio needs a number after \"/\", such as \"4/4\"".into(),
        RatioZeroDenominator => "a ratio cannot have 0 as its second number".into(),
        RatioNotWhole => "a ratio takes whole numbers, such as \"4/4\"".into(),
        RatioOverWhole { num, den } => {
            format!("a ratio cannot be more than the whole: {num} is larger than {den}")
        }
        AmbiguousThousands { number } => format!(
            "\"{number}\" could mean a thousand-separated number or a decimal; write it \
             without a thousands separator, or with fewer decimals"
        ),
        LevelNotWhole => "a level is a whole number, such as \"mức độ 2\"".into(),
        YesNoComparator => "a yes/no value takes no comparator other than \"=\"".into(),
        ComparatorsDisagree { first, second } => {
            format!("two comparators that disagree (\"{first}\" and \"{second}\")")
        }
        NeverMet { cmp, value } => {
            let relation = match cmp.symbol() {
                ">" => "above",
                "<" => "below",
                ">=" => "at or above",
                "<=" => "at or below",
                _ => "equal to",
            };
            format!("this can never be met: no value is {relation} {value}")
        }
        StretchNotAccepted => "a stretch goal (\"phấn đấu ...\") is not accepted here; give only \
                               the binding threshold and the stretch goal on its own"
            .into(),
        FloorNotAccepted => "a floor for each child (\"mỗi trường ...\", \".../trường\") is not \
                             accepted here; give it as a target"
            .into(),
        SecondStretch => "only one stretch goal (\"phấn đấu ...\") is accepted".into(),
        ComparatorInValue => "an achieved value takes no comparator such as \"tối thiểu\" or \
                              \">=\"; give the value itself"
            .into(),
        RangeBackwards { low, high } => {
            format!("the range runs backwards ({low} is above {high})")
        }
        RangeUnitsDiffer => "the two ends of the range are in different units".into(),
        SeveralValues => "it holds several values; give one per segment with `by_segment`".into(),
        TooLong { max } => format!("it is longer than {max} characters: give only the threshold"),
    }
}

pub fn threshold_error(e: &ThresholdError) -> String {
    let what = match e.expected {
        Expected::Threshold => "a threshold",
        Expected::Value => "a value",
    };
    let example = e.help.unwrap_or("tối thiểu 25%");
    let at = quoted_context(&e.part, &e.input);
    match &e.problem {
        ThresholdProblem::Unrecognised | ThresholdProblem::Empty => {
            format!("expected {what} such as \"{example}\"; found {at}")
        }
        ThresholdProblem::UnknownWord { .. } => format!(
            "expected {what} such as \"{example}\"; found {at}: {}",
            threshold_problem(&e.problem)
        ),
        p => format!(
            "{at}: {}; expected {what} such as \"{example}\"",
            threshold_problem(p)
        ),
    }
}

pub fn deadline_problem(p: &DeadlineProblem) -> String {
    use DeadlineProblem::*;
    match p {
        Empty => "it is empty".into(),
        NoYear { example } => format!(
            "it has no year and no plan year is known to take it from; write the year, e.g. \"{example}\""
        ),
        Unreadable => "it is not a deadline this tool can read".into(),
        UnknownWord { part, nearest } => match nearest {
            Some(n) => format!("\"{part}\" is not understood; did you mean \"{n}\"?"),
            None => format!("\"{part}\" is not understood"),
        },
        QuarterOutOfRange(q) => {
            let shown = match q {
                5 => "V".to_string(),
                6 => "VI".to_string(),
                7 => "VII".to_string(),
                8 => "VIII".to_string(),
                9 => "IX".to_string(),
                10 => "X".to_string(),
                q => q.to_string(),
            };
            format!("quarter {shown} does not exist; quarters are I to IV (1 to 4)")
        }
        MonthOutOfRange(m) => format!("month {m} does not exist; months are 1 to 12"),
        DayOutOfRange(d) => format!("day {d} does not exist; days are 1 to 31"),
        NoSuchDate {
            day,
            month,
            year,
            days,
        } => format!(
            "there is no such date as {day}/{month}/{year}: month {month}/{year} has {days} days"
        ),
        NotADayOfYear { day, month } => format!(
            "{day}/{month} is not a day of the year; write e.g. \"hằng năm (trước ngày 05/12)\""
        ),
        TwoDigitYear => "the year must have four digits, e.g. 30/4/2023".into(),
        YearSpanBackwards { from, to } => {
            format!("the span runs backwards ({from} is after {to}); write {to}-{from}")
        }
        QuarterSpanBackwards { from, to } => {
            format!("the span runs backwards (quarter {from} is after quarter {to})")
        }
        SpanBackwards { from, to } => {
            format!("the span runs backwards ({from} ends after {to})")
        }
        MixedListAndSpan => {
            "it mixes a list and a span of quarters; write \"Quý I, II, III\" or \"Quý I-III\"".into()
        }
        SpanNeedsTwoEnds => "a span of quarters has a first and a last, e.g. \"Quý II-III\"".into(),
        SeveralRecurrences => "it names several recurrences; give each its own deadline".into(),
        UnsupportedRecurrence => "only monthly, quarterly and yearly recurrences are supported \
                                  (hằng tháng, hằng quý, hằng năm)"
            .into(),
        UnsupportedInRecurrence(w) => format!(
            "\"{w}\" is not supported in a recurring deadline; write e.g. \
             \"hằng quý (trước ngày 10 tháng cuối quý)\""
        ),
        YearlyNeedsDayMonth => "a yearly deadline takes a day and a month, e.g. \
                                \"hằng năm (trước ngày 05/12)\" or \"yearly 12-05\""
            .into(),
        MonthlyTakesDay => "a monthly deadline takes at most a day, e.g. \
                            \"hằng tháng, trước ngày 25\" or \"monthly 25\""
            .into(),
        QuarterlyTakesDay => "a quarterly deadline takes at most a day of the quarter's last \
                              month, e.g. \"hằng quý (trước ngày 10 tháng cuối quý)\" or \"quarterly 10\""
            .into(),
        SemesterOutOfRange(t) => format!("semester {t} does not exist; a school year has học kỳ I and II"),
        SchoolYearNotConsecutive { from, to } => format!(
            "a school year runs over two consecutive years; found {from}-{to}, e.g. \"năm học {from}-{}\"",
            from + 1
        ),
    }
}

pub fn deadline_error(e: &DeadlineError) -> String {
    let why = deadline_problem(&e.problem);
    let mut m = format!("deadline \"{}\": {why}", e.input);
    if let Some(h) = e.help
        && !why.contains("e.g.")
    {
        m.push_str(&format!("; e.g. \"{h}\""));
    }
    m
}

pub fn period_problem(p: &PeriodProblem) -> String {
    use PeriodProblem::*;
    match p {
        Empty => "it is empty".into(),
        Unreadable => "it is not a period this tool can read".into(),
        UnknownWord { part, nearest } => match nearest {
            Some(n) => format!("\"{part}\" is not understood; did you mean \"{n}\"?"),
            None => format!("\"{part}\" is not understood"),
        },
        Backwards { from, to } => {
            format!("the period runs backwards ({from} is after {to}); write {to}-{from}")
        }
        YearOutOfRange(y) => format!("{y} is not a plausible year (1900 to 2200)"),
        NeedsIssueDate => "\"từ nay\" counts from the issue date, which is not known here".into(),
        HorizonBeforeEnd { horizon, end } => {
            format!("the horizon {horizon} is before the end of the period ({end})")
        }
        SchoolYearNotConsecutive { from, to } => {
            format!("a school year runs over two consecutive years; found {from}-{to}")
        }
    }
}

pub fn period_error(e: &PeriodError) -> String {
    format!(
        "period \"{}\": {}; e.g. \"{}\"",
        e.input,
        period_problem(&e.problem),
        e.help.unwrap_or("giai đoạn 2026-2030")
    )
}

pub fn date_problem(p: &DateProblem) -> String {
    use DateProblem::*;
    match p {
        Empty => "it is empty".into(),
        Unreadable => "it is not a date this tool can read".into(),
        UnknownWord { part, nearest } => match nearest {
            Some(n) => format!("\"{part}\" is not understood; did you mean \"{n}\"?"),
            None => format!("\"{part}\" is not understood"),
        },
        NoYear => "it has no year".into(),
        TwoDigitYear => "the year must have four digits".into(),
        MonthOutOfRange(m) => format!("month {m} does not exist; months are 1 to 12"),
        NoSuchDate { day, month, year } => {
            format!("there is no such date as {day}/{month}/{year}")
        }
    }
}

pub fn date_error(e: &DateError) -> String {
    format!(
        "issue date \"{}\": {}; e.g. \"{}\"",
        e.input,
        date_problem(&e.problem),
        e.help.unwrap_or("ngày 13 tháng 5 năm 2026")
    )
}
