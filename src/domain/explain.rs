//! How kh reads a phrase, as data: `kh explain phrase "Quý IV/2026"`.
//!
//! [`explain`] tries the phrase as a threshold, a deadline, a period and an
//! issue date (or only the kind asked for) and gives each reading: its kind,
//! the formal form kh works with, and notes on what else it carries (a
//! start, a population, a floor, a horizon...). [`FORMS`] lists every
//! accepted form with an example, for `kh explain` and docs/format.md. No
//! sentence is built here: notes are typed, the CLI words them.

use super::date::{DateError, PrintedDate, parse_printed};
use super::deadline::{self, Deadline, DeadlineError};
use super::period::{Period, PeriodError};
use super::plan::IndicatorUnit;
use super::threshold::{self, Comparator, Qualitative, Quantity, TargetValue, ThresholdError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhraseKind {
    Threshold,
    Deadline,
    Period,
    Issued,
}

impl PhraseKind {
    pub const ALL: [PhraseKind; 4] = [
        PhraseKind::Threshold,
        PhraseKind::Deadline,
        PhraseKind::Period,
        PhraseKind::Issued,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PhraseKind::Threshold => "threshold",
            PhraseKind::Deadline => "deadline",
            PhraseKind::Period => "period",
            PhraseKind::Issued => "issued",
        }
    }
}

/// What a phrase is read against: the plan's year (for "Quý IV"), its issue
/// year (for "từ nay đến năm 2030"), the indicator's unit (for a bare "≥ 80").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    pub plan_year: Option<i32>,
    pub issued_year: Option<i32>,
    pub unit: Option<IndicatorUnit>,
}

/// What else a reading carries, beyond its formal form.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// "Phấn đấu X" alone: strived for, not committed.
    Aspiration,
    /// A "phấn đấu" goal beside the binding one (formal form).
    Stretch(String),
    /// What the value counts ("học sinh").
    Population(String),
    /// A range, cascaded by inclusion.
    Range,
    /// An upper bound: "giảm xuống dưới 5%", "tối đa 10%".
    Decreasing,
    /// Done / not done, never compared as a number.
    Qualitative,
    /// A benchmark against a reference outside the plan ("mức trung bình cả nước").
    Reference(String),
    /// A floor every child must meet (per whom, formal threshold).
    Floor {
        per: Option<String>,
        threshold: String,
    },
    /// A bare number read in the indicator's unit.
    InUnit(IndicatorUnit),
    /// A start, never a deadline; the target inherits its deadline.
    Start,
    /// Recurs; never finally due.
    Recurring,
    /// No date of its own.
    Inherited,
    /// Due on this day (ISO), when it has one.
    Due(String),
    /// The period's horizons after its span.
    Horizons(Vec<i32>),
    /// Bounded by the school calendar.
    SchoolYear,
    /// The place printed before an issue date.
    Place(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub kind: PhraseKind,
    /// The short formal form kh works with (what a plan file may write).
    pub formal: String,
    pub notes: Vec<Note>,
}

/// Why a phrase was not read as one kind.
#[derive(Debug, Clone, PartialEq)]
pub enum ExplainError {
    Threshold(ThresholdError),
    Deadline(DeadlineError),
    Period(PeriodError),
    Issued(DateError),
}

/// The formal form of a target value (its `Display`): binding; floor, stretch.
pub fn formal_target(v: &TargetValue) -> String {
    v.to_string()
}

/// The formal form of an issue date: ISO, then "@ place".
pub fn formal_issued(p: &PrintedDate) -> String {
    match &p.place {
        Some(place) => format!("{} @ {place}", p.issued.iso()),
        None => p.issued.iso(),
    }
}

fn threshold_reading(v: &TargetValue, ctx: &Context, raw: &TargetValue) -> Reading {
    let mut notes = Vec::new();
    let b = &v.binding;
    if b.aspiration {
        notes.push(Note::Aspiration);
    }
    if let Some(s) = &v.stretch {
        notes.push(Note::Stretch(s.to_string()));
    }
    if let Some(p) = &b.population {
        notes.push(Note::Population(p.clone()));
    }
    if b.upper.is_some() {
        notes.push(Note::Range);
    }
    if b.explicit && b.upper.is_none() && matches!(b.cmp, Comparator::Le | Comparator::Lt) {
        notes.push(Note::Decreasing);
    }
    if let Quantity::Qualitative(q) = &b.qty {
        notes.push(Note::Qualitative);
        match q {
            Qualitative::Relative { reference, .. } | Qualitative::Rank { reference, .. } => {
                notes.push(Note::Reference(reference.clone()))
            }
            Qualitative::Change {
                reference: Some(r), ..
            } => notes.push(Note::Reference(r.clone())),
            _ => {}
        }
    }
    if let Some(f) = &v.floor {
        notes.push(Note::Floor {
            per: f.per.clone(),
            threshold: f.threshold.to_string(),
        });
    }
    if let Some(u) = ctx.unit
        && raw.binding.qty != b.qty
    {
        notes.push(Note::InUnit(u));
    }
    Reading {
        kind: PhraseKind::Threshold,
        formal: formal_target(v),
        notes,
    }
}

fn deadline_reading(d: &Deadline) -> Reading {
    let mut notes = Vec::new();
    if d.is_start() {
        notes.push(Note::Start);
    }
    if d.is_recurring() {
        notes.push(Note::Recurring);
    }
    if *d == Deadline::Inherited {
        notes.push(Note::Inherited);
    }
    if matches!(d, Deadline::SchoolYear { .. } | Deadline::Semester { .. }) {
        notes.push(Note::SchoolYear);
    }
    if let Some(due) = d.final_date() {
        notes.push(Note::Due(due.format("%Y-%m-%d").to_string()));
    }
    Reading {
        kind: PhraseKind::Deadline,
        formal: d.to_string(),
        notes,
    }
}

fn period_reading(p: &Period) -> Reading {
    let mut notes = Vec::new();
    if !p.horizons.is_empty() {
        notes.push(Note::Horizons(p.horizons.clone()));
    }
    if p.school_year {
        notes.push(Note::SchoolYear);
    }
    Reading {
        kind: PhraseKind::Period,
        formal: p.to_string(),
        notes,
    }
}

/// Reads `phrase` as one kind.
pub fn read_as(phrase: &str, kind: PhraseKind, ctx: &Context) -> Result<Reading, ExplainError> {
    match kind {
        PhraseKind::Threshold => {
            let raw = threshold::parse_target(phrase).map_err(ExplainError::Threshold)?;
            let v = raw.in_unit(ctx.unit);
            Ok(threshold_reading(&v, ctx, &raw))
        }
        PhraseKind::Deadline => deadline::parse(phrase, ctx.plan_year)
            .map(|d| deadline_reading(&d))
            .map_err(ExplainError::Deadline),
        PhraseKind::Period => Period::read(phrase, ctx.issued_year.or(ctx.plan_year))
            .map(|p| period_reading(&p))
            .map_err(ExplainError::Period),
        PhraseKind::Issued => parse_printed(phrase)
            .map(|p| {
                let mut notes = Vec::new();
                if let Some(place) = &p.place {
                    notes.push(Note::Place(place.clone()));
                }
                Reading {
                    kind: PhraseKind::Issued,
                    formal: formal_issued(&p),
                    notes,
                }
            })
            .map_err(ExplainError::Issued),
    }
}

/// Every way kh reads `phrase`: only as `kind` when given, else as each kind
/// that accepts it. Errors only when no kind does (one per kind tried).
pub fn explain(
    phrase: &str,
    kind: Option<PhraseKind>,
    ctx: &Context,
) -> Result<Vec<Reading>, Vec<ExplainError>> {
    let kinds: Vec<PhraseKind> = match kind {
        Some(k) => vec![k],
        None => PhraseKind::ALL.to_vec(),
    };
    let mut readings = Vec::new();
    let mut errors = Vec::new();
    for k in kinds {
        match read_as(phrase, k, ctx) {
            Ok(r) => readings.push(r),
            Err(e) => errors.push(e),
        }
    }
    if readings.is_empty() {
        Err(errors)
    } else {
        Ok(readings)
    }
}

/// An accepted form: its kind, a short key, an example and how it is read
/// (in a 2026 plan issued in 2026, percent indicator for bare numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub kind: PhraseKind,
    pub key: &'static str,
    pub example: &'static str,
    pub formal: &'static str,
}

macro_rules! forms {
    ($($kind:ident $key:literal $example:literal => $formal:literal;)*) => {
        &[$(Form { kind: PhraseKind::$kind, key: $key, example: $example, formal: $formal }),*]
    };
}

/// Every accepted form, with an example.
pub const FORMS: &[Form] = forms! {
    Threshold "bare" "Đạt 83%" => "83%";
    Threshold "full" "100%" => "100%";
    Threshold "at-least" "Tối thiểu 65%" => ">= 65%";
    Threshold "at-least-from" "Từ 90%" => ">= 90%";
    Threshold "and-above" "từ 95% trở lên" => ">= 95%";
    Threshold "above" "Trên 50%" => "> 50%";
    Threshold "symbol" "≥ 95 %" => ">= 95%";
    Threshold "bare-number-in-unit" "≥ 80" => ">= 80%";
    Threshold "at-most" "Tối đa 10%" => "<= 10%";
    Threshold "below" "dưới 10%" => "< 10%";
    Threshold "decreasing" "giảm xuống dưới 5%" => "< 5%";
    Threshold "decreasing-to" "giảm còn 3%" => "<= 3%";
    Threshold "decreasing-below" "giảm còn dưới 2%" => "< 2%";
    Threshold "ensure" "bảo đảm 100%" => "100%";
    Threshold "thousands" "ít nhất 1.000 giáo viên" => ">= 1000 giáo viên";
    Threshold "range" "từ 60% đến 80%" => "60-80%";
    Threshold "range-dash" "60–80%" => "60-80%";
    Threshold "range-count" "đạt từ 3 đến 5 mô hình" => "3-5 mô hình";
    Threshold "population" "95% cán bộ, giáo viên" => "95% cán bộ, giáo viên";
    Threshold "ratio" "4/4 trường" => "4/4 trường";
    Threshold "count" "01 mô hình" => "1 mô hình";
    Threshold "count-long-noun" "ít nhất 3 trường đại học có chương trình đào tạo số" => ">= 3 trường đại học có chương trình đào tạo số";
    Threshold "index" "đạt trên 0,75" => "> 0.75";
    Threshold "level" "Mức độ 2 trở lên" => ">= mức 2";
    Threshold "yes-no" "có" => "yes";
    Threshold "stretch" "tối thiểu 15%, phấn đấu 50%" => ">= 15%, phấn đấu 50%";
    Threshold "aspiration" "Phấn đấu 30%" => "phấn đấu 30%";
    Threshold "qualitative-done" "hoàn thành" => "hoàn thành";
    Threshold "qualitative-mostly" "cơ bản hoàn thành" => "cơ bản hoàn thành";
    Threshold "qualitative-deployed" "được triển khai" => "được triển khai";
    Threshold "qualitative-operating" "được xây dựng và đưa vào vận hành" => "đưa vào vận hành";
    Threshold "qualitative-initial" "bước đầu có kết quả" => "bước đầu có kết quả";
    Threshold "relative" "cao hơn mức trung bình cả nước" => "cao hơn mức trung bình cả nước";
    Threshold "rank" "thuộc nhóm 10 tỉnh dẫn đầu" => "thuộc nhóm 10 tỉnh dẫn đầu";
    Threshold "change" "tăng 10% so với năm 2025" => "tăng 10% so với năm 2025";
    Threshold "floor" "bình quân 80%, không có xã nào dưới 50%" => "80%; mỗi xã >= 50%";
    Threshold "floor-each" "mỗi trường tối thiểu 2 mô hình" => ">= 2 mô hình; mỗi trường >= 2 mô hình";
    Threshold "floor-per" "đạt tối thiểu 2 mô hình/trường" => ">= 2 mô hình; mỗi trường >= 2 mô hình";
    Deadline "month" "Tháng 12/2026" => "2026-12";
    Deadline "quarter" "Quý IV/2026" => "Q4/2026";
    Deadline "quarters" "Quý I, II" => "Q1,Q2/2026";
    Deadline "quarter-span" "Quý II-III" => "Q2-Q3/2026";
    Deadline "year" "Năm 2026" => "2026";
    Deadline "year-lead" "Mục tiêu đến năm 2027" => "2027";
    Deadline "year-span" "2022-2025" => "2022-2025";
    Deadline "date" "Trước ngày 30/4/2026" => "2026-04-30";
    Deadline "date-dash" "chậm nhất ngày 15-10-2026" => "2026-10-15";
    Deadline "day-month" "hoàn thành trước 30-9" => "2026-09-30";
    Deadline "date-words" "trước ngày 15 tháng 12 năm 2026" => "2026-12-15";
    Deadline "half-year" "6 tháng đầu năm 2026" => "Q1-Q2/2026";
    Deadline "month-span" "tháng 9/2026 - tháng 12/2026" => "2026-09 - 2026-12";
    Deadline "school-year" "năm học 2026-2027" => "năm học 2026-2027";
    Deadline "semester" "học kỳ I năm học 2026-2027" => "học kỳ I năm học 2026-2027";
    Deadline "start" "Từ năm 2027" => "from 2027";
    Deadline "start-quarter" "bắt đầu từ Quý III/2026" => "from Q3/2026";
    Deadline "start-school-year" "từ năm học 2026-2027" => "from năm học 2026-2027";
    Deadline "start-bare" "Bắt đầu" => "start";
    Deadline "ongoing" "Thường xuyên" => "ongoing";
    Deadline "monthly" "hằng tháng" => "monthly";
    Deadline "quarterly" "hằng quý (trước ngày 10 tháng cuối quý)" => "quarterly 10";
    Deadline "quarter-end-month" "Trước ngày 20 tháng cuối quý" => "quarterly 20";
    Deadline "yearly" "hằng năm (trước ngày 05/12)" => "yearly 12-05";
    Deadline "yearly-from" "năm 2026 và các năm tiếp theo" => "yearly from 2026";
    Deadline "inherited" "theo quy định" => "inherited";
    Deadline "after-event" "Sau khi có hướng dẫn của Bộ" => "inherited";
    Deadline "quarter-yearly" "Quý I hằng năm" => "yearly 03";
    Deadline "new-school-year" "Trước khai giảng năm học mới" => "2026-09-05";
    Deadline "first-week" "Tuần đầu tháng 9/2026" => "2026-09-07";
    Period "year" "năm 2027" => "2027";
    Period "span" "giai đoạn 2026 – 2030" => "2026-2030";
    Period "horizon" "giai đoạn 2026-2030, tầm nhìn đến năm 2035" => "2026-2030, tầm nhìn 2035";
    Period "orientation" "giai đoạn 2023-2025, định hướng đến năm 2030" => "2023-2025, tầm nhìn 2030";
    Period "until" "đến năm 2030" => "2026-2030";
    Period "from-now" "từ nay đến năm 2030 và 2035" => "2026-2030, tầm nhìn 2035";
    Period "school-year" "năm học 2026 – 2027" => "năm học 2026-2027";
    Period "with-length" "trong 2 năm 2026-2027" => "2026-2027";
    Issued "iso" "2026-05-13" => "2026-05-13";
    Issued "slashes" "13/5/2026" => "2026-05-13";
    Issued "dashes" "13-5-2026" => "2026-05-13";
    Issued "words" "ngày 13 tháng 5 năm 2026" => "2026-05-13";
    Issued "header" "Ninh Bình, ngày 13 tháng 5 năm 2026" => "2026-05-13 @ Ninh Bình";
    Issued "no-day-word" "13 tháng 5, năm 2026" => "2026-05-13";
    Issued "blank-day" "ngày    tháng 6 năm 2026" => "2026-06";
    Issued "blank-day-month" "ngày   tháng   năm 2026" => "2026";
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;
    use unicode_normalization::UnicodeNormalization;

    fn ctx(unit: Option<IndicatorUnit>) -> Context {
        Context {
            plan_year: Some(2026),
            issued_year: Some(2026),
            unit,
        }
    }

    fn kind_of(key: &str) -> (PhraseKind, Option<IndicatorUnit>) {
        match key {
            "threshold" => (PhraseKind::Threshold, None),
            "threshold%" => (PhraseKind::Threshold, Some(IndicatorUnit::Percent)),
            "deadline" => (PhraseKind::Deadline, None),
            "period" => (PhraseKind::Period, None),
            "issued" => (PhraseKind::Issued, None),
            k => panic!("unknown kind {k}"),
        }
    }

    /// Typed as officials type: without diacritics, in capitals, decomposed,
    /// with Word's spaces, with every dash.
    fn variants(phrase: &str) -> Vec<String> {
        let strip: String = phrase
            .nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            })
            .collect();
        let mut v = vec![
            phrase.to_string(),
            strip.clone(),
            phrase.to_uppercase(),
            strip.to_uppercase(),
            phrase.nfd().collect(),
            phrase.replace(' ', "\u{00A0}"),
        ];
        for dash in ["-", "–", "—", " - ", " – ", " — "] {
            if phrase.contains(['-', '–', '—']) && !phrase.contains(['/', '.']) {
                v.push(
                    phrase
                        .replace(" - ", "-")
                        .replace(" – ", "-")
                        .replace(['–', '—'], "-")
                        .replace('-', dash),
                );
            }
        }
        v
    }

    fn check_line(kind: &str, phrase: &str, formal: &str) -> Result<(), String> {
        let (k, unit) = kind_of(kind);
        let c = ctx(unit);
        let got = read_as(phrase, k, &c).map_err(|e| format!("{kind}\t{phrase}\t{e:?}"))?;
        if got.formal != formal {
            return Err(format!(
                "{kind}\t{phrase}\texpected {formal}\tgot {}",
                got.formal
            ));
        }
        for v in variants(phrase) {
            let r = read_as(&v, k, &c).map_err(|e| format!("{kind}\t{v:?}\t{e:?}"))?;
            if fold(&r.formal) != fold(formal) {
                return Err(format!(
                    "{kind}\t{v:?}\texpected {formal}\tgot {}",
                    r.formal
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn every_form_reads_as_documented() {
        let failures: Vec<String> = FORMS
            .iter()
            .filter_map(|f| {
                let kind = match (f.kind, f.key) {
                    (PhraseKind::Threshold, "bare-number-in-unit") => "threshold%",
                    (k, _) => k.key(),
                };
                check_line(kind, f.example, f.formal).err()
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// tests/phrases/corpus.tsv: kind, phrase, formal reading. Every
    /// deadline, period and issue date, and at least 95% of thresholds.
    #[test]
    fn corpus_of_real_looking_phrases() {
        let corpus = include_str!("../../tests/phrases/corpus.tsv");
        let mut failures = Vec::new();
        let mut counts: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        for line in corpus.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "bad corpus line: {line:?}");
            let kind = cols[0].trim_end_matches('%');
            let entry = counts.entry(kind).or_default();
            entry.1 += 1;
            match check_line(cols[0], cols[1], cols[2]) {
                Ok(()) => entry.0 += 1,
                Err(e) => failures.push(e),
            }
        }
        eprintln!("corpus (accepted/total): {counts:?}");
        for (kind, (ok, total)) in &counts {
            if *kind == "threshold" {
                assert!(
                    ok * 100 >= total * 95,
                    "{kind}: {ok}/{total}\n{}",
                    failures.join("\n")
                );
            } else {
                assert_eq!(ok, total, "{kind}\n{}", failures.join("\n"));
            }
        }
        let total: usize = counts.values().map(|c| c.1).sum();
        assert!(total >= 150, "only {total} phrases");
    }

    #[test]
    fn explain_tries_every_kind() {
        let r = explain("Quý IV/2026", None, &ctx(None)).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, PhraseKind::Deadline);
        assert_eq!(r[0].formal, "Q4/2026");
        assert!(r[0].notes.contains(&Note::Due("2026-12-31".into())));
        // "2026" is a deadline, a period and an issue date.
        let kinds: Vec<PhraseKind> = explain("2026", None, &ctx(None))
            .unwrap()
            .iter()
            .map(|r| r.kind)
            .collect();
        assert!(kinds.contains(&PhraseKind::Deadline) && kinds.contains(&PhraseKind::Period));
    }

    #[test]
    fn explain_notes() {
        let r = read_as("Từ năm 2027", PhraseKind::Deadline, &ctx(None)).unwrap();
        assert_eq!(r.notes, vec![Note::Start]);
        let r = read_as(
            "≥ 80",
            PhraseKind::Threshold,
            &ctx(Some(IndicatorUnit::Percent)),
        )
        .unwrap();
        assert_eq!(r.formal, ">= 80%");
        assert!(r.notes.contains(&Note::InUnit(IndicatorUnit::Percent)));
        let r = read_as(
            "bình quân 80%, không có xã nào dưới 50%",
            PhraseKind::Threshold,
            &ctx(None),
        )
        .unwrap();
        assert!(r.notes.contains(&Note::Floor {
            per: Some("xã".into()),
            threshold: ">= 50%".into()
        }));
        let r = read_as("Phấn đấu 30%", PhraseKind::Threshold, &ctx(None)).unwrap();
        assert!(r.notes.contains(&Note::Aspiration));
        let r = read_as(
            "cao hơn mức trung bình cả nước",
            PhraseKind::Threshold,
            &ctx(None),
        )
        .unwrap();
        assert!(
            r.notes
                .contains(&Note::Reference("mức trung bình cả nước".into()))
        );
        let r = read_as(
            "Ninh Bình, ngày 13 tháng 5 năm 2026",
            PhraseKind::Issued,
            &ctx(None),
        )
        .unwrap();
        assert_eq!(r.notes, vec![Note::Place("Ninh Bình".into())]);
        let r = read_as(
            "giai đoạn 2026-2030, tầm nhìn đến năm 2035",
            PhraseKind::Period,
            &ctx(None),
        )
        .unwrap();
        assert_eq!(r.notes, vec![Note::Horizons(vec![2035])]);
    }

    #[test]
    fn explain_unreadable_gives_one_error_per_kind() {
        let e = explain("sớm nhất có thể", None, &ctx(None)).unwrap_err();
        assert_eq!(e.len(), 4);
        let e = explain("sớm nhất có thể", Some(PhraseKind::Deadline), &ctx(None)).unwrap_err();
        assert_eq!(e.len(), 1);
    }
}
