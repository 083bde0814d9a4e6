//! Vietnamese wording of the parse errors of `crate::domain` (see `parse_en`).

use crate::domain::date::{DateError, DateProblem};
use crate::domain::deadline::{DeadlineError, DeadlineProblem};
use crate::domain::period::{PeriodError, PeriodProblem};
use crate::domain::threshold::{Expected, ThresholdError, ThresholdProblem};

fn quoted_context(part: &str, input: &str) -> String {
    let found = if part.is_empty() {
        "giá trị trống".to_string()
    } else {
        format!("\"{part}\"")
    };
    if part != input && !input.is_empty() {
        format!("{found} trong \"{input}\"")
    } else {
        found
    }
}

fn unknown(part: &str, nearest: &Option<&'static str>) -> String {
    match nearest {
        Some(n) => format!("không hiểu \"{part}\"; có phải là \"{n}\"?"),
        None => format!("không hiểu \"{part}\""),
    }
}

pub fn threshold_problem(p: &ThresholdProblem) -> String {
    use ThresholdProblem::*;
    match p {
        Empty => "giá trị trống".into(),
        Unrecognised => "không đọc được thành ngưỡng".into(),
        UnknownWord { part, nearest } => unknown(part, nearest),
        UnexpectedAfterValue { part } => format!("thừa \"{part}\" sau giá trị"),
        TwoDecimalMarks => "số có hơn một dấu thập phân; viết \"87,5\" hoặc \"87.5\"".into(),
        NumberTooLarge => "số quá lớn".into(),
        Negative => "không nhận số âm: chỉ tiêu không bao giờ dưới 0".into(),
        PercentOutOfRange => "tỷ lệ phần trăm phải từ 0 đến 100".into(),
        RatioNeedsDenominator => "tỷ số cần một số sau \"/\", ví dụ \"4/4\"".into(),
        RatioZeroDenominator => "tỷ số không thể có số thứ hai bằng 0".into(),
        RatioNotWhole => "tỷ số gồm các số nguyên, ví dụ \"4/4\"".into(),
        RatioOverWhole { num, den } => format!("tỷ số không thể vượt toàn bộ: {num} lớn hơn {den}"),
        AmbiguousThousands { number } => format!(
            "\"{number}\" có thể là số có dấu phân cách hàng nghìn hoặc số thập phân; \
             viết không có dấu phân cách hàng nghìn"
        ),
        LevelNotWhole => "mức độ là số nguyên, ví dụ \"mức độ 2\"".into(),
        YesNoComparator => "giá trị có/không chỉ nhận dấu \"=\"".into(),
        ComparatorsDisagree { first, second } => {
            format!("hai phép so sánh mâu thuẫn (\"{first}\" và \"{second}\")")
        }
        NeverMet { cmp, value } => format!("không thể đạt được: không giá trị nào {cmp} {value}"),
        StretchNotAccepted => "ở đây không nhận mức phấn đấu (\"phấn đấu ...\"); chỉ ghi ngưỡng \
                               bắt buộc, mức phấn đấu ghi riêng"
            .into(),
        SecondStretch => "chỉ nhận một mức phấn đấu".into(),
        FloorNotAccepted => {
            "ở đây không nhận mức sàn cho từng đơn vị (\"mỗi trường ...\"); ghi trong chỉ tiêu"
                .into()
        }
        ComparatorInValue => {
            "kết quả đạt được không kèm \"tối thiểu\" hay \">=\"; ghi chính giá trị".into()
        }
        RangeBackwards { low, high } => format!("khoảng bị ngược ({low} lớn hơn {high})"),
        RangeUnitsDiffer => "hai đầu của khoảng khác đơn vị".into(),
        SeveralValues => "có nhiều giá trị; ghi mỗi nhóm một giá trị trong `by_segment`".into(),
        TooLong { max } => format!("dài hơn {max} ký tự: chỉ ghi ngưỡng"),
    }
}

pub fn threshold_error(e: &ThresholdError) -> String {
    let what = match e.expected {
        Expected::Threshold => "ngưỡng",
        Expected::Value => "giá trị",
    };
    let example = e.help.unwrap_or("tối thiểu 25%");
    let at = quoted_context(&e.part, &e.input);
    format!(
        "{what} không đọc được: {at}: {}; ví dụ \"{example}\"",
        threshold_problem(&e.problem)
    )
}

pub fn deadline_problem(p: &DeadlineProblem) -> String {
    use DeadlineProblem::*;
    match p {
        Empty => "thời hạn trống".into(),
        NoYear { example } => {
            format!("thiếu năm và không biết năm của kế hoạch; ghi năm, ví dụ \"{example}\"")
        }
        Unreadable => "không đọc được thành thời hạn".into(),
        UnknownWord { part, nearest } => unknown(part, nearest),
        QuarterOutOfRange(q) => format!("không có quý {q}; quý từ I đến IV"),
        MonthOutOfRange(m) => format!("không có tháng {m}; tháng từ 1 đến 12"),
        DayOutOfRange(d) => format!("không có ngày {d}; ngày từ 1 đến 31"),
        NoSuchDate {
            day,
            month,
            year,
            days,
        } => format!("không có ngày {day}/{month}/{year}: tháng {month}/{year} có {days} ngày"),
        NotADayOfYear { day, month } => format!("{day}/{month} không phải một ngày trong năm"),
        TwoDigitYear => "năm phải có bốn chữ số, ví dụ 30/4/2023".into(),
        YearSpanBackwards { from, to } => {
            format!("giai đoạn bị ngược ({from} sau {to}); viết {to}-{from}")
        }
        QuarterSpanBackwards { from, to } => {
            format!("giai đoạn bị ngược (quý {from} sau quý {to})")
        }
        SpanBackwards { from, to } => format!("giai đoạn bị ngược ({from} kết thúc sau {to})"),
        MixedListAndSpan => {
            "vừa liệt kê vừa ghi khoảng quý; viết \"Quý I, II, III\" hoặc \"Quý I-III\"".into()
        }
        SpanNeedsTwoEnds => "khoảng quý có quý đầu và quý cuối, ví dụ \"Quý II-III\"".into(),
        SeveralRecurrences => "có nhiều chu kỳ; ghi mỗi chu kỳ một thời hạn".into(),
        UnsupportedRecurrence => "chỉ nhận chu kỳ hằng tháng, hằng quý, hằng năm".into(),
        UnsupportedInRecurrence(w) => format!("không nhận \"{w}\" trong thời hạn định kỳ"),
        YearlyNeedsDayMonth => {
            "thời hạn hằng năm cần ngày và tháng, ví dụ \"hằng năm (trước ngày 05/12)\"".into()
        }
        MonthlyTakesDay => {
            "thời hạn hằng tháng chỉ nhận một ngày, ví dụ \"hằng tháng, trước ngày 25\"".into()
        }
        QuarterlyTakesDay => "thời hạn hằng quý chỉ nhận một ngày của tháng cuối quý".into(),
        SemesterOutOfRange(t) => format!("không có học kỳ {t}; năm học có học kỳ I và II"),
        SchoolYearNotConsecutive { from, to } => {
            format!("năm học gồm hai năm liền nhau; gặp {from}-{to}")
        }
    }
}

pub fn deadline_error(e: &DeadlineError) -> String {
    let why = deadline_problem(&e.problem);
    let mut m = format!("thời hạn \"{}\": {why}", e.input);
    if let Some(h) = e.help
        && !why.contains("ví dụ")
    {
        m.push_str(&format!("; ví dụ \"{h}\""));
    }
    m
}

pub fn period_problem(p: &PeriodProblem) -> String {
    use PeriodProblem::*;
    match p {
        Empty => "thời kỳ trống".into(),
        Unreadable => "không đọc được thành thời kỳ".into(),
        UnknownWord { part, nearest } => unknown(part, nearest),
        Backwards { from, to } => format!("thời kỳ bị ngược ({from} sau {to}); viết {to}-{from}"),
        YearOutOfRange(y) => format!("{y} không phải năm hợp lý (1900 đến 2200)"),
        NeedsIssueDate => {
            "\"từ nay\" tính từ ngày ban hành, mà ở đây chưa biết ngày ban hành".into()
        }
        HorizonBeforeEnd { horizon, end } => {
            format!("tầm nhìn {horizon} trước năm kết thúc thời kỳ ({end})")
        }
        SchoolYearNotConsecutive { from, to } => {
            format!("năm học gồm hai năm liền nhau; gặp {from}-{to}")
        }
    }
}

pub fn period_error(e: &PeriodError) -> String {
    format!(
        "thời kỳ \"{}\": {}; ví dụ \"{}\"",
        e.input,
        period_problem(&e.problem),
        e.help.unwrap_or("giai đoạn 2026-2030")
    )
}

pub fn date_problem(p: &DateProblem) -> String {
    use DateProblem::*;
    match p {
        Empty => "ngày trống".into(),
        Unreadable => "không đọc được thành ngày".into(),
        UnknownWord { part, nearest } => unknown(part, nearest),
        NoYear => "thiếu năm".into(),
        TwoDigitYear => "năm phải có bốn chữ số".into(),
        MonthOutOfRange(m) => format!("không có tháng {m}; tháng từ 1 đến 12"),
        NoSuchDate { day, month, year } => format!("không có ngày {day}/{month}/{year}"),
    }
}

pub fn date_error(e: &DateError) -> String {
    format!(
        "ngày ban hành \"{}\": {}; ví dụ \"{}\"",
        e.input,
        date_problem(&e.problem),
        e.help.unwrap_or("ngày 13 tháng 5 năm 2026")
    )
}
