//! Target thresholds: the "tối thiểu 25%", "trên 50%", "4/4 trường", "mức độ 2"
//! of a plan, read into a comparator and a quantity, and compared as sets so a
//! child plan can be checked against its parent.
//!
//! Every threshold becomes an interval on a common scale (percent for `%` and
//! ratios, counts, levels, yes/no) clipped to that scale's domain. Inclusion is
//! then a comparison of bounds, exclusivity included, which is what makes
//! ">= 50%" not inside "> 50%" while ">= 100%" equals "= 100%".
//!
//! Beyond one bound, a threshold may be:
//! - a range ("từ 60% đến 80%", "60–80%"): an interval, cascaded by inclusion;
//! - an aspiration ("Phấn đấu 30%" with nothing firm beside it): never read
//!   as stricter than a parent's firm value ([`Inclusion::Aspiration`]);
//! - qualitative ("hoàn thành", "được triển khai", "cao hơn mức trung bình cả
//!   nước"): done / not done, never compared as numbers;
//! - about a population ("95% cán bộ, giáo viên"): the words are kept;
//! - beside a per-child floor ("bình quân 80%, không có xã nào dưới 50%"),
//!   kept on the [`TargetValue`] as a [`Floor`].
//!
//! Parse errors are typed ([`ThresholdProblem`]); their wording lives in
//! `crate::messages::parse_en` and `parse_vi`.

use std::fmt;

use unicode_normalization::char::is_combining_mark;

use super::plan::IndicatorUnit;
use crate::text::{fold, nfc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Comparator {
    Ge,
    Gt,
    Eq,
    Le,
    Lt,
}

impl Comparator {
    /// The formal spelling, as written in plan files and printed in findings.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Gt => ">",
            Comparator::Eq => "=",
            Comparator::Le => "<=",
            Comparator::Lt => "<",
        }
    }

    /// "không có xã nào dưới 50%" is "every commune >= 50%".
    pub fn negated(self) -> Comparator {
        match self {
            Comparator::Ge => Comparator::Lt,
            Comparator::Gt => Comparator::Le,
            Comparator::Le => Comparator::Gt,
            Comparator::Lt => Comparator::Ge,
            Comparator::Eq => Comparator::Eq,
        }
    }

    fn is_upper(self) -> bool {
        matches!(self, Comparator::Le | Comparator::Lt)
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Whether an indicator improves upwards or downwards; it comes from the
/// indicator catalog, never from the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Direction {
    Higher,
    Lower,
}

/// A target that is reached or not, never a number: "hoàn thành", "được
/// triển khai", or a benchmark relative to something outside the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Qualitative {
    /// "hoàn thành", "completed", "xong".
    Done,
    /// "cơ bản hoàn thành": substantially done; looser than Done.
    MostlyDone,
    /// "được triển khai", "áp dụng", "kết nối, liên thông".
    Deployed,
    /// "được xây dựng và đưa vào vận hành", "đưa vào sử dụng".
    Operating,
    /// "bước đầu có kết quả", "bước đầu hình thành".
    InitialResults,
    /// "duy trì", "duy trì ổn định".
    Maintained,
    /// "cao hơn mức trung bình cả nước": a comparison with a reference the
    /// plan does not give as a number.
    Relative { cmp: Comparator, reference: String },
    /// "thuộc nhóm 10 tỉnh dẫn đầu": a rank among peers.
    Rank { top: u32, reference: String },
    /// "tăng 10% so với năm 2025", "giảm 5%": a change from a baseline.
    Change {
        increase: bool,
        by: String,
        reference: Option<String>,
    },
}

impl Qualitative {
    /// Is reaching `self` also reaching `other`? Done includes MostlyDone and
    /// InitialResults, Operating includes Deployed; same kind is equal.
    fn implies(&self, other: &Qualitative) -> Option<bool> {
        use Qualitative::*;
        let chain = |q: &Qualitative| match q {
            Done => Some((0, 3)),
            MostlyDone => Some((0, 2)),
            InitialResults => Some((0, 1)),
            Operating => Some((1, 2)),
            Deployed => Some((1, 1)),
            Maintained => Some((2, 1)),
            _ => None,
        };
        match (chain(self), chain(other)) {
            (Some((a, x)), Some((b, y))) if a == b => Some(x >= y),
            (Some(_), Some(_)) => None,
            _ => match (self, other) {
                (
                    Relative {
                        cmp: a,
                        reference: r,
                    },
                    Relative {
                        cmp: b,
                        reference: s,
                    },
                ) if fold(r) == fold(s) => {
                    Some(a == b || (*a == Comparator::Gt && *b == Comparator::Ge))
                }
                (
                    Rank {
                        top: a,
                        reference: r,
                    },
                    Rank {
                        top: b,
                        reference: s,
                    },
                ) if fold(r) == fold(s) => Some(a <= b),
                (a, b) if a == b => Some(true),
                _ => None,
            },
        }
    }
}

impl fmt::Display for Qualitative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Qualitative::Done => f.write_str("hoàn thành"),
            Qualitative::MostlyDone => f.write_str("cơ bản hoàn thành"),
            Qualitative::Deployed => f.write_str("được triển khai"),
            Qualitative::Operating => f.write_str("đưa vào vận hành"),
            Qualitative::InitialResults => f.write_str("bước đầu có kết quả"),
            Qualitative::Maintained => f.write_str("duy trì"),
            Qualitative::Relative { cmp, reference } => {
                let word = match cmp {
                    Comparator::Gt => "cao hơn",
                    Comparator::Ge => "không thấp hơn",
                    Comparator::Eq => "bằng",
                    Comparator::Le => "không cao hơn",
                    Comparator::Lt => "thấp hơn",
                };
                write!(f, "{word} {reference}")
            }
            Qualitative::Rank { top, reference } => {
                f.write_str("thuộc")?;
                if *top > 0 {
                    write!(f, " nhóm {top}")?;
                }
                if !reference.is_empty() {
                    write!(f, " {reference}")?;
                }
                Ok(())
            }
            Qualitative::Change {
                increase,
                by,
                reference,
            } => {
                f.write_str(if *increase { "tăng" } else { "giảm" })?;
                if !by.is_empty() {
                    write!(f, " {by}")?;
                }
                if let Some(r) = reference {
                    write!(f, " so với {r}")?;
                }
                Ok(())
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Quantity {
    /// 0..=100.
    Percent(f64),
    /// "4/4 trường": compares as `num / den * 100` percent.
    Ratio {
        num: u32,
        den: u32,
        noun: Option<String>,
    },
    /// "01 mô hình": a count in its own unit. A bare number ("> 50") is a count
    /// without a noun, because nothing says it is a percentage; the
    /// indicator's unit can say so ([`Threshold::in_unit`]).
    Count {
        n: f64,
        noun: Option<String>,
    },
    /// "mức độ 2": an ordinal level, always a whole number.
    Level(f64),
    Yes(bool),
    /// Done / not done: never compared as a number.
    Qualitative(Qualitative),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Threshold {
    pub cmp: Comparator,
    pub qty: Quantity,
    /// False when the phrase had no comparator word ("Đạt 83%", "83%"): its
    /// comparator is then only provisional until [`Threshold::oriented`].
    pub explicit: bool,
    /// The upper end of a range ("từ 60% đến 80%"), inclusive; `cmp` is then
    /// the lower end's comparator and `qty` the lower end.
    pub upper: Option<Quantity>,
    /// What the value counts, as printed: "học sinh" in "100% học sinh".
    pub population: Option<String>,
    /// "Phấn đấu 30%" with no firm value beside it: strived for, not committed.
    pub aspiration: bool,
}

/// A floor every child must meet beside an aggregate: "không có xã nào dưới
/// 50%" (per "xã"), "mỗi trường tối thiểu 2 mô hình" (per "trường").
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Floor {
    /// The child the floor applies to, as printed ("xã", "trường"), if named.
    pub per: Option<String>,
    pub threshold: Threshold,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TargetValue {
    /// The firm threshold; beside a floor, the aggregate ("bình quân 80%").
    pub binding: Threshold,
    /// The "phấn đấu" goal beside the binding one; never judged as binding.
    /// Boxed: most targets have none, and a national repository holds
    /// two million target values.
    pub stretch: Option<Box<Threshold>>,
    /// A per-child floor; every child plan's target must meet it ([`meets_floor`]).
    pub floor: Option<Box<Floor>>,
}

impl TargetValue {
    pub fn new(binding: Threshold) -> TargetValue {
        TargetValue {
            binding,
            stretch: None,
            floor: None,
        }
    }

    /// The value read in an indicator's unit (see [`Threshold::in_unit`]).
    pub fn in_unit(&self, unit: Option<IndicatorUnit>) -> TargetValue {
        TargetValue {
            binding: self.binding.in_unit(unit),
            stretch: self.stretch.as_ref().map(|s| Box::new(s.in_unit(unit))),
            floor: self.floor.as_ref().map(|f| {
                Box::new(Floor {
                    per: f.per.clone(),
                    threshold: f.threshold.in_unit(unit),
                })
            }),
        }
    }
}

impl fmt::Display for TargetValue {
    /// The formal form, which parses back to the same value:
    /// "80%; mỗi xã >= 50%, phấn đấu 90%".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.binding)?;
        if let Some(fl) = &self.floor {
            write!(f, "; {}", floor_text(fl.per.as_deref(), &fl.threshold))?;
        }
        if let Some(s) = &self.stretch {
            write!(f, ", phấn đấu {s}")?;
        }
        Ok(())
    }
}

/// A floor in the formal form, which parses back: "mỗi xã >= 50%". `mỗi`
/// is the plans' own word, kept in both languages like `mức` and `phấn đấu`.
pub fn floor_text(per: Option<&str>, threshold: &Threshold) -> String {
    match per {
        Some(per) => format!("mỗi {per} {threshold}"),
        None => format!("mỗi {threshold}"),
    }
}

/// The mean of achieved values on one scale (percentages and ratios as
/// percentages, counts of one noun, levels): the aggregate a parent's
/// "bình quân 80%" is judged by. `None` when there is none, or they are of
/// different kinds, or not numbers.
pub fn mean(values: &[&Quantity]) -> Option<Quantity> {
    let first = values.first()?;
    let (scale, _) = locate(first).ok()?;
    let mut sum = 0.0;
    for q in values {
        let (s, v) = locate(q).ok()?;
        if !s.compatible(&scale) || matches!(s, Scale::Bool) {
            return None;
        }
        sum += v;
    }
    let m = sum / values.len() as f64;
    Some(match first {
        Quantity::Percent(_) | Quantity::Ratio { .. } => Quantity::Percent(m),
        Quantity::Count { noun, .. } => Quantity::Count {
            n: m,
            noun: noun.clone(),
        },
        Quantity::Level(_) => Quantity::Level(m),
        Quantity::Yes(_) | Quantity::Qualitative(_) => return None,
    })
}

/// Does a child's threshold meet a parent's per-child floor? Inside (or an
/// aspiration inside) the floor: yes; incomparable: no.
pub fn meets_floor(child: &Threshold, floor: &Threshold) -> bool {
    let child = Threshold {
        aspiration: false,
        ..child.clone()
    };
    matches!(child.within(floor), Inclusion::Inside)
}

/// Which form a parse expected; the messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A target threshold.
    Threshold,
    /// An achieved value in a report.
    Value,
}

/// Why a threshold phrase could not be read. No sentence is built here: the
/// wording is in `crate::messages::parse_en` / `parse_vi`.
#[derive(Debug, Clone, PartialEq)]
pub enum ThresholdProblem {
    Empty,
    /// Nothing recognisable as a threshold.
    Unrecognised,
    /// A word not understood; `nearest` is the closest accepted word, if any.
    UnknownWord {
        part: String,
        nearest: Option<&'static str>,
    },
    /// Something after the value that is not a population, noun or suffix.
    UnexpectedAfterValue {
        part: String,
    },
    TwoDecimalMarks,
    NumberTooLarge,
    Negative,
    PercentOutOfRange,
    RatioNeedsDenominator,
    RatioZeroDenominator,
    RatioNotWhole,
    RatioOverWhole {
        num: u32,
        den: u32,
    },
    AmbiguousThousands {
        number: String,
    },
    LevelNotWhole,
    YesNoComparator,
    ComparatorsDisagree {
        first: Comparator,
        second: Comparator,
    },
    /// "> 100%": no value can meet it.
    NeverMet {
        cmp: Comparator,
        value: String,
    },
    /// A "phấn đấu" clause where only one threshold is accepted.
    StretchNotAccepted,
    /// A per-child floor ("mỗi trường ...") where only one threshold is accepted.
    FloorNotAccepted,
    SecondStretch,
    /// An achieved value written with "tối thiểu" or ">=".
    ComparatorInValue,
    /// "từ 80% đến 60%".
    RangeBackwards {
        low: String,
        high: String,
    },
    /// "từ 3 mô hình đến 50%".
    RangeUnitsDiffer,
    /// "50% ở thành phố; 30% ở huyện": one value per segment is needed.
    SeveralValues,
    /// Longer than any threshold: a pasted paragraph.
    TooLong {
        max: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdError {
    pub problem: ThresholdProblem,
    /// The whole phrase, composed and trimmed.
    pub input: String,
    /// The part of it that was not understood (may be the whole).
    pub part: String,
    /// The nearest accepted form, to show as a suggestion.
    pub help: Option<&'static str>,
    pub expected: Expected,
}

impl fmt::Display for ThresholdError {
    /// English, for callers not yet language-aware; see `crate::messages`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::messages::parse_en::threshold_error(self))
    }
}

impl std::error::Error for ThresholdError {}

/// What kind of quantity a threshold is in, to say why two cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "unit", content = "noun", rename_all = "kebab-case")]
pub enum UnitKind {
    Percentage,
    CountOf(String),
    PlainNumber,
    Level,
    YesNo,
    Qualitative,
}

/// Why a threshold has no interval to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpanProblem {
    RatioOverZero,
    NotFinite,
    RangeEndsInDifferentUnits,
    QualitativeIsNotANumber,
}

/// Why two thresholds cannot be compared, as data (worded in `crate::messages`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Incomparability {
    /// Two qualitative targets of different kinds, in their formal form.
    QualitativeKinds { child: String, parent: String },
    /// Different quantities, each with its threshold in formal form.
    Units {
        child_unit: UnitKind,
        child: String,
        parent_unit: UnitKind,
        parent: String,
    },
    /// One of the two thresholds has no interval.
    Unreadable {
        threshold: String,
        problem: SpanProblem,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inclusion {
    Inside,
    Outside,
    Incomparable(Incomparability),
    /// The child only strives for ("phấn đấu") a value inside the parent's
    /// firm threshold: never read as stricter. The checks report it as a
    /// warning (`aspiration-only`): the value is right, the commitment is not.
    Aspiration,
}

/// Parses one threshold. A "phấn đấu" stretch clause after it is an error
/// here: silently dropping it would hide half of what the plan says.
pub fn parse(input: &str) -> Result<Threshold, ThresholdError> {
    parse_in(input, None)
}

/// [`parse`] with the indicator's unit as context: a bare "≥ 80" under a
/// percent indicator is ">= 80%".
pub fn parse_in(input: &str, unit: Option<IndicatorUnit>) -> Result<Threshold, ThresholdError> {
    parse_single(input, Expected::Threshold).map(|t| t.in_unit(unit))
}

/// Parses a binding threshold with an optional stretch goal:
/// "tối thiểu 15%, phấn đấu đạt tới 50%". A phrase that starts with
/// "phấn đấu" and has nothing before it is an aspiration: the binding value,
/// marked [`Threshold::aspiration`].
pub fn parse_target(input: &str) -> Result<TargetValue, ThresholdError> {
    parse_target_in(input, None)
}

/// [`parse_target`] in the indicator's unit (see [`parse_in`]).
pub fn parse_target_in(
    input: &str,
    unit: Option<IndicatorUnit>,
) -> Result<TargetValue, ThresholdError> {
    parse_target_value(input).map(|v| v.in_unit(unit))
}

/// Parses an achieved value, as recorded in a report: a quantity without a
/// comparator ("87,5%", "4/4", "mức 2", "yes", "3 mô hình", "hoàn thành",
/// "chưa hoàn thành").
pub fn parse_quantity(input: &str) -> Result<Quantity, ThresholdError> {
    let t = parse_single(input, Expected::Value)?;
    let folded = fold(&prepare(input));
    // "khoảng 80": an estimate, not a value.
    let approximate = [
        "khoang ", "gan ", "xap xi ", "about ", "around ", "tren ", "duoi ",
    ]
    .iter()
    .any(|w| folded.starts_with(w));
    if approximate
        || (t.explicit && t.cmp != Comparator::Eq && !matches!(t.qty, Quantity::Yes(_)))
        || t.upper.is_some()
    {
        let text = prepare(input);
        return Err(ThresholdError {
            problem: ThresholdProblem::ComparatorInValue,
            part: text.clone(),
            input: text,
            help: Some("87,5%"),
            expected: Expected::Value,
        });
    }
    Ok(t.qty)
}

impl std::str::FromStr for Threshold {
    type Err = ThresholdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl Threshold {
    /// A plain threshold: one bound, no population, firm.
    pub fn new(cmp: Comparator, qty: Quantity, explicit: bool) -> Threshold {
        Threshold {
            cmp,
            qty,
            explicit,
            upper: None,
            population: None,
            aspiration: false,
        }
    }

    pub fn is_qualitative(&self) -> bool {
        matches!(self.qty, Quantity::Qualitative(_))
    }

    /// The phrase reads as a bound from above ("tối đa", "dưới", "giảm
    /// xuống") or from below ("tối thiểu", "trên"); `None` when it does not
    /// say (bare, a range, qualitative).
    pub fn phrase_direction(&self) -> Option<Direction> {
        if self.upper.is_some() || self.is_qualitative() || matches!(self.qty, Quantity::Yes(_)) {
            return None;
        }
        // A decreasing phrase ("giảm xuống dưới 5%", "giảm còn 3%") is always
        // an explicit upper bound, so it needs no flag of its own.
        if !self.explicit || self.cmp == Comparator::Eq {
            return None;
        }
        Some(if self.cmp.is_upper() {
            Direction::Lower
        } else {
            Direction::Higher
        })
    }

    /// The population names something other than what the indicator counts
    /// ("100% học sinh" under an indicator of "giáo viên"): the checks warn.
    /// Either side absent, or one containing the other, is no contradiction.
    pub fn population_contradicts(&self, noun: Option<&str>) -> bool {
        let (Some(p), Some(n)) = (&self.population, noun) else {
            return false;
        };
        let (p, n) = (fold(p), fold(n));
        if p.contains(&n) || n.contains(&p) {
            return false;
        }
        // Words that say nothing of who is counted.
        const VAGUE: &[&str] = &[
            "so", "cac", "nhung", "toan", "bo", "tat", "ca", "of", "the", "all",
        ];
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !VAGUE.contains(w))
                .map(String::from)
                .collect()
        };
        let nw = words(&n);
        !words(&p).iter().any(|w| nw.contains(w))
    }

    /// A below-phrase on a higher-is-better indicator (or the reverse): the
    /// checks warn rather than stay silent.
    pub fn contradicts(&self, dir: Direction) -> bool {
        self.phrase_direction().is_some_and(|d| d != dir)
    }

    /// A bare number read in the indicator's unit: "≥ 80" in a "Tỷ lệ (%)"
    /// column is ">= 80%", "2" under a level indicator is "mức 2". Anything
    /// else is unchanged, so a mismatch is still reported.
    pub fn in_unit(&self, unit: Option<IndicatorUnit>) -> Threshold {
        let convert = |q: &Quantity| -> Option<Quantity> {
            match (q, unit?) {
                (Quantity::Count { n, noun: None }, IndicatorUnit::Percent) if *n <= 100.0 => {
                    Some(Quantity::Percent(*n))
                }
                (Quantity::Count { n, noun: None }, IndicatorUnit::Level) if n.fract() == 0.0 => {
                    Some(Quantity::Level(*n))
                }
                _ => None,
            }
        };
        let Some(qty) = convert(&self.qty) else {
            return self.clone();
        };
        let upper = match &self.upper {
            None => None,
            Some(u) => match convert(u) {
                Some(u) => Some(u),
                None => return self.clone(),
            },
        };
        Threshold {
            qty,
            upper,
            ..self.clone()
        }
    }

    /// A phrase without a comparator means ">=" for higher-is-better indicators
    /// and "<=" for lower-is-better; 100% bare is "= 100". The result is
    /// explicit, since its comparator is now decided.
    pub fn oriented(&self, dir: Direction) -> Threshold {
        if self.explicit || self.upper.is_some() {
            return self.clone();
        }
        // At the end of the percent scale nothing stricter exists, so the
        // target is that exact value; "= 100%" also reads better in findings.
        let full = match &self.qty {
            Quantity::Percent(p) => *p == 100.0,
            Quantity::Ratio { num, den, .. } => num == den,
            _ => false,
        };
        let none = match &self.qty {
            Quantity::Percent(p) => *p == 0.0,
            Quantity::Ratio { num, .. } => *num == 0,
            _ => false,
        };
        let cmp = match dir {
            _ if full => Comparator::Eq,
            _ if self.is_qualitative() => Comparator::Eq,
            Direction::Lower if none => Comparator::Eq,
            Direction::Higher => Comparator::Ge,
            Direction::Lower => Comparator::Le,
        };
        Threshold {
            cmp,
            explicit: true,
            ..self.clone()
        }
    }

    /// Is every value this threshold accepts also accepted by `parent`? Sets,
    /// not numbers: ">= 50%" is not inside "> 50%", "= 83%" is inside ">= 83%".
    /// Orient both sides first: a bare phrase is read here as ">=".
    /// An aspiration inside a firm parent is [`Inclusion::Aspiration`].
    pub fn within(&self, parent: &Threshold) -> Inclusion {
        let inclusion = self.within_values(parent);
        if inclusion == Inclusion::Inside && self.aspiration && !parent.aspiration {
            return Inclusion::Aspiration;
        }
        inclusion
    }

    fn within_values(&self, parent: &Threshold) -> Inclusion {
        match (&self.qty, &parent.qty) {
            (Quantity::Qualitative(c), Quantity::Qualitative(p)) => {
                return match c.implies(p) {
                    Some(true) => Inclusion::Inside,
                    Some(false) => Inclusion::Outside,
                    None => Inclusion::Incomparable(Incomparability::QualitativeKinds {
                        child: c.to_string(),
                        parent: p.to_string(),
                    }),
                };
            }
            (Quantity::Qualitative(_), _) | (_, Quantity::Qualitative(_)) => {
                return Inclusion::Incomparable(self.units_against(parent));
            }
            _ => {}
        }
        let (child_scale, child_span) = match self.span() {
            Ok(x) => x,
            Err(problem) => {
                return Inclusion::Incomparable(Incomparability::Unreadable {
                    threshold: self.to_string(),
                    problem,
                });
            }
        };
        let (parent_scale, parent_span) = match parent.span() {
            Ok(x) => x,
            Err(problem) => {
                return Inclusion::Incomparable(Incomparability::Unreadable {
                    threshold: parent.to_string(),
                    problem,
                });
            }
        };
        if !child_scale.compatible(&parent_scale) {
            return Inclusion::Incomparable(self.units_against(parent));
        }
        if child_span.subset_of(&parent_span) {
            Inclusion::Inside
        } else {
            Inclusion::Outside
        }
    }

    /// Does an achieved value satisfy this threshold? None when units are
    /// incomparable. A qualitative target is met by "done" (yes, or the same
    /// or a stronger qualitative kind) and not by "not done".
    pub fn accepts(&self, achieved: &Quantity) -> Option<bool> {
        if let Quantity::Qualitative(q) = &self.qty {
            return match achieved {
                Quantity::Yes(b) => Some(*b),
                Quantity::Qualitative(a) => a.implies(q),
                _ => None,
            };
        }
        let (scale, span) = self.span().ok()?;
        let (achieved_scale, value) = locate(achieved).ok()?;
        if !scale.compatible(&achieved_scale) {
            return None;
        }
        Some(span.contains(value))
    }

    fn units_against(&self, parent: &Threshold) -> Incomparability {
        Incomparability::Units {
            child_unit: unit_kind(&self.qty),
            child: self.to_string(),
            parent_unit: unit_kind(&parent.qty),
            parent: parent.to_string(),
        }
    }

    fn span(&self) -> Result<(Scale, Span), SpanProblem> {
        let (scale, v) = locate(&self.qty)?;
        let mut span = Span::new(self.cmp, v, &scale);
        if let Some(upper) = &self.upper {
            let (upper_scale, u) = locate(upper)?;
            if !scale.compatible(&upper_scale) {
                return Err(SpanProblem::RangeEndsInDifferentUnits);
            }
            let top = Span::new(Comparator::Le, u, &scale);
            span.hi = top.hi;
        }
        Ok((scale, span))
    }
}

impl fmt::Display for Threshold {
    /// The short formal form. A bare phrase prints bare ("83%"), so parsing the
    /// output gives back the same threshold and an unoriented ">=" is never
    /// passed off as the plan's own words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.aspiration {
            f.write_str("phấn đấu ")?;
        }
        if let Some(upper) = &self.upper {
            range_display(f, &self.qty, upper)?;
        } else {
            match (&self.qty, self.cmp) {
                (Quantity::Yes(_) | Quantity::Qualitative(_), _) => write!(f, "{}", self.qty)?,
                _ if self.explicit => write!(f, "{} {}", self.cmp, self.qty)?,
                _ => write!(f, "{}", self.qty)?,
            }
        }
        if let Some(p) = &self.population {
            if p.starts_with('/') {
                write!(f, "{p}")?;
            } else {
                write!(f, " {p}")?;
            }
        }
        Ok(())
    }
}

/// "60-80%", "3-5 mô hình", "mức 1-3".
fn range_display(f: &mut fmt::Formatter<'_>, lo: &Quantity, hi: &Quantity) -> fmt::Result {
    match (lo, hi) {
        (Quantity::Percent(a), Quantity::Percent(b)) => write!(f, "{}-{}%", number(*a), number(*b)),
        (Quantity::Count { n: a, .. }, Quantity::Count { n: b, noun }) => {
            write!(f, "{}-{}", number(*a), number(*b))?;
            if let Some(noun) = noun {
                write!(f, " {noun}")?;
            }
            Ok(())
        }
        (Quantity::Level(a), Quantity::Level(b)) => write!(f, "mức {}-{}", number(*a), number(*b)),
        (a, b) => write!(f, "{a} - {b}"),
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Percent(p) => write!(f, "{}%", number(*p)),
            Quantity::Ratio { num, den, noun } => {
                write!(f, "{num}/{den}")?;
                if let Some(noun) = noun {
                    write!(f, " {noun}")?;
                }
                Ok(())
            }
            Quantity::Count { n, noun } => {
                write!(f, "{}", number(*n))?;
                match noun {
                    Some(noun) if noun.starts_with('/') => write!(f, "{noun}")?,
                    Some(noun) => write!(f, " {noun}")?,
                    None => {}
                }
                Ok(())
            }
            Quantity::Level(l) => write!(f, "mức {}", number(*l)),
            Quantity::Yes(true) => f.write_str("yes"),
            Quantity::Yes(false) => f.write_str("no"),
            Quantity::Qualitative(q) => write!(f, "{q}"),
        }
    }
}

/// '.' as the decimal mark and no trailing zeros; `f64`'s Display already
/// does both and never switches to exponent notation.
fn number(v: f64) -> String {
    // -0.0 would print as "-0".
    let v = if v == 0.0 { 0.0 } else { v };
    let mut shown = format!("{v}");
    // Three decimals ("1.234") read back as Vietnamese thousands: a fourth
    // decimal, zero, keeps the value ("1.2340").
    if shown.split_once('.').is_some_and(|(_, f)| f.len() == 3) {
        shown.push('0');
    }
    shown
}

fn unit_kind(q: &Quantity) -> UnitKind {
    match q {
        Quantity::Percent(_) | Quantity::Ratio { .. } => UnitKind::Percentage,
        Quantity::Count {
            noun: Some(noun), ..
        } => UnitKind::CountOf(noun.clone()),
        Quantity::Count { noun: None, .. } => UnitKind::PlainNumber,
        Quantity::Level(_) => UnitKind::Level,
        Quantity::Yes(_) => UnitKind::YesNo,
        Quantity::Qualitative(_) => UnitKind::Qualitative,
    }
}

// ---------------------------------------------------------------- intervals

#[derive(Debug, Clone, PartialEq)]
enum Scale {
    Percent,
    /// The folded noun, so "cụm trường" and "cum truong" are one unit.
    Count(Option<String>),
    Level,
    Bool,
}

impl Scale {
    fn domain(&self) -> (f64, Option<f64>) {
        match self {
            Scale::Percent => (0.0, Some(100.0)),
            Scale::Count(_) | Scale::Level => (0.0, None),
            Scale::Bool => (0.0, Some(1.0)),
        }
    }

    /// Levels and yes/no take only whole values, so "trên mức 1" is
    /// "mức 2 trở lên". Counts stay real: a budget of "1,5 tỷ đồng" is a count.
    fn integral(&self) -> bool {
        matches!(self, Scale::Level | Scale::Bool)
    }

    fn compatible(&self, other: &Scale) -> bool {
        match (self, other) {
            (Scale::Count(a), Scale::Count(b)) => match (a, b) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            },
            (a, b) => a == b,
        }
    }
}

fn locate(q: &Quantity) -> Result<(Scale, f64), SpanProblem> {
    let (scale, v) = match q {
        Quantity::Percent(p) => (Scale::Percent, *p),
        Quantity::Ratio { num, den, .. } => {
            if *den == 0 {
                return Err(SpanProblem::RatioOverZero);
            }
            (Scale::Percent, f64::from(*num) / f64::from(*den) * 100.0)
        }
        Quantity::Count { n, noun } => (Scale::Count(noun.as_deref().map(fold)), *n),
        Quantity::Level(l) => (Scale::Level, *l),
        Quantity::Yes(b) => (Scale::Bool, if *b { 1.0 } else { 0.0 }),
        Quantity::Qualitative(_) => {
            return Err(SpanProblem::QualitativeIsNotANumber);
        }
    };
    if !v.is_finite() {
        return Err(SpanProblem::NotFinite);
    }
    Ok((scale, v))
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Bound {
    v: f64,
    incl: bool,
}

/// An interval; `hi: None` is unbounded above.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    lo: Bound,
    hi: Option<Bound>,
}

impl Span {
    fn new(cmp: Comparator, v: f64, scale: &Scale) -> Span {
        let (dlo, dhi) = scale.domain();
        let mut lo = Bound { v: dlo, incl: true };
        let mut hi = dhi.map(|v| Bound { v, incl: true });
        let at = Bound { v, incl: true };
        let past = Bound { v, incl: false };
        match cmp {
            Comparator::Ge => lo = tighter_lo(lo, at),
            Comparator::Gt => lo = tighter_lo(lo, past),
            Comparator::Eq => {
                lo = tighter_lo(lo, at);
                hi = Some(tighter_hi(hi, at));
            }
            Comparator::Le => hi = Some(tighter_hi(hi, at)),
            Comparator::Lt => hi = Some(tighter_hi(hi, past)),
        }
        if scale.integral() {
            lo = Bound {
                v: if lo.incl {
                    lo.v.ceil()
                } else {
                    lo.v.floor() + 1.0
                },
                incl: true,
            };
            hi = hi.map(|h| Bound {
                v: if h.incl {
                    h.v.floor()
                } else {
                    h.v.ceil() - 1.0
                },
                incl: true,
            });
        }
        Span { lo, hi }
    }

    fn is_empty(&self) -> bool {
        match self.hi {
            None => false,
            Some(hi) => self.lo.v > hi.v || (self.lo.v == hi.v && !(self.lo.incl && hi.incl)),
        }
    }

    fn contains(&self, v: f64) -> bool {
        let above_lo = v > self.lo.v || (v == self.lo.v && self.lo.incl);
        let below_hi = match self.hi {
            None => true,
            Some(hi) => v < hi.v || (v == hi.v && hi.incl),
        };
        above_lo && below_hi
    }

    fn subset_of(&self, parent: &Span) -> bool {
        if self.is_empty() {
            return true;
        }
        let (c, p) = (self.lo, parent.lo);
        let lo_ok = p.v < c.v || (p.v == c.v && (p.incl || !c.incl));
        let hi_ok = match (self.hi, parent.hi) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(c), Some(p)) => p.v > c.v || (p.v == c.v && (p.incl || !c.incl)),
        };
        lo_ok && hi_ok
    }
}

fn tighter_lo(a: Bound, b: Bound) -> Bound {
    if a.v == b.v {
        Bound {
            v: a.v,
            incl: a.incl && b.incl,
        }
    } else if a.v > b.v {
        a
    } else {
        b
    }
}

fn tighter_hi(a: Option<Bound>, b: Bound) -> Bound {
    match a {
        None => b,
        Some(a) if a.v == b.v => Bound {
            v: a.v,
            incl: a.incl && b.incl,
        },
        Some(a) if a.v < b.v => a,
        Some(_) => b,
    }
}

// ------------------------------------------------------------------ parsing

/// A problem while reading, before it is tied to the input.
struct Fail {
    problem: ThresholdProblem,
    /// The part not understood; `None`: the clause being read.
    part: Option<String>,
    help: Option<&'static str>,
}

impl Fail {
    fn new(problem: ThresholdProblem) -> Fail {
        Fail {
            problem,
            part: None,
            help: None,
        }
    }

    fn help(mut self, help: &'static str) -> Fail {
        self.help = Some(help);
        self
    }
}

impl From<ThresholdProblem> for Fail {
    fn from(p: ThresholdProblem) -> Fail {
        Fail::new(p)
    }
}

/// The nearest accepted form for a problem, when the reader gave none.
fn default_help(p: &ThresholdProblem) -> &'static str {
    use ThresholdProblem::*;
    match p {
        Negative => "dưới 5%",
        PercentOutOfRange => "tối thiểu 95%",
        RatioNeedsDenominator | RatioZeroDenominator | RatioNotWhole | RatioOverWhole { .. } => {
            "4/4 trường"
        }
        AmbiguousThousands { .. } => "1000 học sinh",
        LevelNotWhole => "mức độ 2",
        YesNoComparator => "có",
        NeverMet { .. } => "100%",
        StretchNotAccepted | SecondStretch => "tối thiểu 15%, phấn đấu 50%",
        FloorNotAccepted => "tối thiểu 2 mô hình",
        ComparatorInValue => "87,5%",
        RangeBackwards { .. } | RangeUnitsDiffer => "từ 60% đến 80%",
        SeveralValues => "by_segment: {urban: 100%, rural: 80%}",
        _ => "tối thiểu 25%",
    }
}

fn error_of(fail: Fail, input: &str, clause: &str, expected: Expected) -> ThresholdError {
    let help = fail.help.unwrap_or_else(|| default_help(&fail.problem));
    if let ThresholdProblem::TooLong { .. } = fail.problem {
        // Shown by its start only, the same however it was typed.
        let mut shown: String = input.chars().take(60).collect();
        shown.push_str("...");
        return ThresholdError {
            part: shown.clone(),
            input: shown,
            help: Some(help),
            problem: fail.problem,
            expected,
        };
    }
    ThresholdError {
        part: fail.part.unwrap_or_else(|| clause.to_string()),
        input: input.to_string(),
        help: Some(help),
        problem: fail.problem,
        expected,
    }
}

/// NFC, every kind of space (NBSP, thin space from Word) as a plain space,
/// the invisible characters that pasting leaves behind removed, and a label
/// before a colon ("Tỷ lệ ...: Đạt tối thiểu 95%") dropped.
fn prepare(input: &str) -> String {
    // Past the limit nothing is read (lex refuses it): keep the work bounded.
    let visible: String = input
        .chars()
        // Even decomposed (a letter and two marks), this keeps more than
        // MAX_CHARS composed characters, so the refusal does not depend on NFC/NFD.
        .take(MAX_CHARS * 4)
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut text = nfc(visible.trim());
    // A bullet pasted with the cell: "- Tối thiểu 80%", "• 100%".
    for bullet in ["- ", "– ", "— ", "• ", "+ ", "* "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            text = rest.trim().to_string();
        }
    }
    // The label's colon, not one inside a bracketed remark ("90% (năm 2025: 85%)").
    let label_colon = text
        .char_indices()
        .filter(|(_, c)| *c == ':')
        .map(|(i, _)| i)
        .rfind(|&i| text[..i].matches(['(', '[']).count() == text[..i].matches([')', ']']).count());
    match label_colon {
        Some(i)
            if !text[i + 1..].trim().is_empty()
                && text[i + 1..]
                    .chars()
                    .any(|c| c.is_ascii_digit() || c.is_alphabetic()) =>
        {
            text[i + 1..].trim().to_string()
        }
        _ => text,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// `digits` uses '.' as the decimal mark; ratios need it to read a `u32`.
    Num {
        value: f64,
        digits: String,
    },
    Percent,
    Slash,
    Cmp(Comparator),
    Punct(char),
    /// Any dash between values: "60–80%", "dạy – học".
    Dash,
    Open,
    Close,
    Word(String),
    Other(char),
}

#[derive(Debug, Clone, PartialEq)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '~'
    )
}

/// Longer than any threshold a plan prints, populations included: refused
/// before any work, so a pasted page cannot slow `kh check` down.
const MAX_CHARS: usize = 1000;

fn lex(s: &str) -> Result<Vec<Token>, Fail> {
    if s.chars().count() > MAX_CHARS {
        return Err(Fail::new(ThresholdProblem::TooLong { max: MAX_CHARS }));
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let start = byte_at(i);
        let next = char_at(i + 1);
        let (tok, len) = match c {
            ' ' | '"' | '“' | '”' | '‘' | '’' | '\'' | '*' | '_' | '…' | '`' => {
                i += 1;
                continue;
            }
            '0'..='9' => {
                let mut j = i;
                let mut digits = String::new();
                let mut raw = String::new();
                let mut marks = 0;
                while let Some(d) = char_at(j) {
                    if d.is_ascii_digit() {
                        digits.push(d);
                    } else if matches!(d, '.' | ',')
                        && char_at(j + 1).is_some_and(|e| e.is_ascii_digit())
                    {
                        marks += 1;
                        digits.push('.');
                    } else {
                        break;
                    }
                    raw.push(d);
                    j += 1;
                }
                // Vietnamese writes thousands with dots and decimals with a
                // comma: "1.000 giáo viên" is a thousand, "12.500.000" twelve
                // and a half million.
                if let Some(whole) = thousands(&raw) {
                    digits = whole;
                } else if marks > 1 {
                    return Err(Fail::new(ThresholdProblem::TwoDecimalMarks).help("87,5%"));
                }
                let value: f64 = digits
                    .parse()
                    .map_err(|_| Fail::new(ThresholdProblem::Unrecognised))?;
                if !value.is_finite() {
                    return Err(Fail::new(ThresholdProblem::NumberTooLarge));
                }
                (Tok::Num { value, digits }, j - i)
            }
            c if is_dash(c) => {
                let mut j = i + 1;
                while char_at(j) == Some(' ') {
                    j += 1;
                }
                let after_value = matches!(
                    out.last().map(|t| &t.tok),
                    Some(Tok::Num { .. } | Tok::Percent | Tok::Word(_))
                );
                if char_at(j).is_some_and(|d| d.is_ascii_digit()) && !after_value {
                    return Err(Fail::new(ThresholdProblem::Negative));
                }
                (Tok::Dash, 1)
            }
            '>' if next == Some('=') => (Tok::Cmp(Comparator::Ge), 2),
            '>' => (Tok::Cmp(Comparator::Gt), 1),
            '<' if next == Some('=') => (Tok::Cmp(Comparator::Le), 2),
            '<' => (Tok::Cmp(Comparator::Lt), 1),
            '=' if next == Some('=') => (Tok::Cmp(Comparator::Eq), 2),
            '=' if next == Some('>') => (Tok::Cmp(Comparator::Ge), 2),
            '=' if next == Some('<') => (Tok::Cmp(Comparator::Le), 2),
            '=' => (Tok::Cmp(Comparator::Eq), 1),
            '≥' | '⩾' => (Tok::Cmp(Comparator::Ge), 1),
            '≤' | '⩽' => (Tok::Cmp(Comparator::Le), 1),
            '%' | '％' => (Tok::Percent, 1),
            '/' => (Tok::Slash, 1),
            ',' | ';' | '.' | ':' => (Tok::Punct(c), 1),
            '(' | '[' => (Tok::Open, 1),
            ')' | ']' => (Tok::Close, 1),
            c if c.is_alphabetic() || is_combining_mark(c) => {
                let mut j = i;
                while char_at(j).is_some_and(|d| d.is_alphabetic() || is_combining_mark(d)) {
                    j += 1;
                }
                (Tok::Word(fold(&s[start..byte_at(j)])), j - i)
            }
            c => (Tok::Other(c), 1),
        };
        out.push(Token {
            tok,
            start,
            end: byte_at(i + len),
        });
        i += len;
    }
    Ok(merge_words(drop_brackets(out)))
}

/// "100% (đạt)", "95% (năm 2025: 90%)": a bracketed remark is not the value.
/// A phrase that is all brackets ("(100%)") is unwrapped instead.
fn drop_brackets(tokens: Vec<Token>) -> Vec<Token> {
    // "80% (phấn đấu 100%)": a bracketed stretch goal is kept, brackets dropped.
    let stretch_inside = tokens.windows(2).any(|w| {
        matches!((&w[0].tok, &w[1].tok), (Tok::Word(a), Tok::Word(b)) if a == "phan" && b == "dau")
    });
    if stretch_inside {
        return tokens
            .into_iter()
            .filter(|t| !matches!(t.tok, Tok::Open | Tok::Close))
            .collect();
    }
    let outside = tokens
        .iter()
        .scan(0i32, |depth, t| {
            let keep = *depth == 0 && !matches!(t.tok, Tok::Open | Tok::Close);
            match t.tok {
                Tok::Open => *depth += 1,
                Tok::Close => *depth = (*depth - 1).max(0),
                _ => {}
            }
            Some(if keep { Some(t.clone()) } else { None })
        })
        .flatten()
        .collect::<Vec<_>>();
    if outside.iter().any(|t| !matches!(t.tok, Tok::Punct(_))) {
        outside
    } else {
        tokens
            .into_iter()
            .filter(|t| !matches!(t.tok, Tok::Open | Tok::Close))
            .collect()
    }
}

/// "80 phần trăm" is "80%"; "percent" too.
fn merge_words(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let after_num = matches!(out.last().map(|t| &t.tok), Some(Tok::Num { .. }));
        let w = |k: usize| match tokens.get(k).map(|t| &t.tok) {
            Some(Tok::Word(w)) => Some(w.as_str()),
            _ => None,
        };
        if after_num && w(i) == Some("phan") && w(i + 1) == Some("tram") {
            out.push(Token {
                tok: Tok::Percent,
                start: tokens[i].start,
                end: tokens[i + 1].end,
            });
            i += 2;
            continue;
        }
        if after_num && matches!(w(i), Some("percent" | "pct")) {
            out.push(Token {
                tok: Tok::Percent,
                ..tokens[i].clone()
            });
            i += 1;
            continue;
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

fn span_text<'a>(text: &'a str, tokens: &[Token]) -> &'a str {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => &text[first.start..last.end],
        _ => "",
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Pre {
    Cmp(Comparator),
    /// Adds nothing: "đạt", "tỷ lệ", "trung bình".
    Filler,
    /// "phấn đấu": an aspiration when it opens the phrase.
    Aspire,
    /// "giảm xuống", "hạ xuống": decreasing to a level (<= unless told).
    DecreaseTo,
    /// "giảm" alone: by how much, unless a comparator follows ("giảm còn").
    DecreaseBy,
    /// "tăng" alone: by how much, unless "lên" follows.
    IncreaseBy,
}

/// Words before the number, in folded form.
const PREFIXES: &[(&[&str], Pre)] = {
    use Comparator::*;
    use Pre::*;
    &[
        (&["toi", "thieu"], Cmp(Ge)),
        (&["toi", "thieu", "la"], Cmp(Ge)),
        (&["it", "nhat"], Cmp(Ge)),
        (&["it", "nhat", "la"], Cmp(Ge)),
        (&["tu"], Cmp(Ge)),
        (&["khong", "duoi"], Cmp(Ge)),
        (&["khong", "it", "hon"], Cmp(Ge)),
        (&["khong", "thap", "hon"], Cmp(Ge)),
        (&["bang", "hoac", "cao", "hon"], Cmp(Ge)),
        (&["bang", "hoac", "lon", "hon"], Cmp(Ge)),
        (&["bang", "hoac", "hon"], Cmp(Ge)),
        (&["tang", "len"], Cmp(Ge)),
        (&["nang", "len"], Cmp(Ge)),
        (&["len"], Cmp(Ge)),
        (&["at", "least"], Cmp(Ge)),
        (&["minimum"], Cmp(Ge)),
        (&["min"], Cmp(Ge)),
        (&["tren"], Cmp(Gt)),
        (&["hon"], Cmp(Gt)),
        (&["cao", "hon"], Cmp(Gt)),
        (&["lon", "hon"], Cmp(Gt)),
        (&["nhieu", "hon"], Cmp(Gt)),
        (&["vuot"], Cmp(Gt)),
        (&["vuot", "tren"], Cmp(Gt)),
        (&["more", "than"], Cmp(Gt)),
        (&["over"], Cmp(Gt)),
        (&["above"], Cmp(Gt)),
        (&["toi", "da"], Cmp(Le)),
        (&["toi", "da", "la"], Cmp(Le)),
        (&["nhieu", "nhat"], Cmp(Le)),
        (&["khong", "qua"], Cmp(Le)),
        (&["khong", "vuot", "qua"], Cmp(Le)),
        (&["khong", "cao", "hon"], Cmp(Le)),
        (&["khong", "lon", "hon"], Cmp(Le)),
        (&["khong", "nhieu", "hon"], Cmp(Le)),
        (&["bang", "hoac", "thap", "hon"], Cmp(Le)),
        (&["bang", "hoac", "duoi"], Cmp(Le)),
        (&["con"], DecreaseTo),
        (&["chi", "con"], DecreaseTo),
        (&["at", "most"], Cmp(Le)),
        (&["no", "more", "than"], Cmp(Le)),
        (&["maximum"], Cmp(Le)),
        (&["max"], Cmp(Le)),
        (&["up", "to"], Cmp(Le)),
        (&["duoi"], Cmp(Lt)),
        (&["it", "hon"], Cmp(Lt)),
        (&["thap", "hon"], Cmp(Lt)),
        (&["nho", "hon"], Cmp(Lt)),
        (&["less", "than"], Cmp(Lt)),
        (&["below"], Cmp(Lt)),
        (&["under"], Cmp(Lt)),
        (&["bang"], Cmp(Eq)),
        (&["dung"], Cmp(Eq)),
        (&["giam", "xuong"], DecreaseTo),
        (&["xuong"], DecreaseTo),
        (&["xuong", "con"], DecreaseTo),
        (&["dat", "chuan"], Filler),
        (&["hoan", "thanh"], Filler),
        (&["ha", "xuong"], DecreaseTo),
        (&["keo", "giam", "xuong"], DecreaseTo),
        (&["reduce", "to"], DecreaseTo),
        (&["reduced", "to"], DecreaseTo),
        (&["giam"], DecreaseBy),
        (&["keo", "giam"], DecreaseBy),
        (&["tang"], IncreaseBy),
        (&["tang", "them"], IncreaseBy),
        (&["phan", "dau"], Aspire),
        (&["co", "gang"], Aspire),
        (&["huong", "toi"], Aspire),
        (&["muc", "tieu"], Filler),
        (&["dat"], Filler),
        (&["dat", "duoc"], Filler),
        (&["bao", "dam"], Filler),
        (&["dam", "bao"], Filler),
        (&["dat", "ty", "le"], Filler),
        (&["ty", "le"], Filler),
        (&["ti", "le"], Filler),
        (&["chiem"], Filler),
        (&["trung", "binh"], Filler),
        (&["binh", "quan"], Filler),
        (&["binh", "quan", "chung"], Filler),
        (&["tinh", "binh", "quan"], Filler),
        (&["duy", "tri"], Filler),
        (&["duy", "tri", "o"], Filler),
        (&["o"], Filler),
        (&["khoang"], Filler),
        (&["tai"], Filler),
        (&["trong", "khoang"], Filler),
        (&["gan"], Filler),
        (&["xap", "xi"], Filler),
        (&["la"], Filler),
        (&["co"], Filler),
        (&["phai"], Filler),
        (&["deu"], Filler),
        (&["reach"], Filler),
        (&["achieve"], Filler),
        (&["about"], Filler),
        (&["around"], Filler),
        // "đạt tới", "đạt đến", "đạt được": "toi" alone must lose to "toi thieu".
        (&["toi"], Filler),
        (&["den"], Filler),
        (&["duoc"], Filler),
    ]
};

const SUFFIXES: &[(&[&str], Comparator)] = &[
    (&["tro", "len"], Comparator::Ge),
    (&["tro", "xuong"], Comparator::Le),
    (&["hoac", "hon"], Comparator::Ge),
    (&["hoac", "cao", "hon"], Comparator::Ge),
    (&["or", "more"], Comparator::Ge),
    (&["or", "above"], Comparator::Ge),
    (&["or", "less"], Comparator::Le),
    (&["or", "below"], Comparator::Le),
];

const LEVEL_MARKERS: &[(&[&str], ())] = &[
    (&["muc", "do"], ()),
    (&["muc"], ()),
    (&["cap", "do"], ()),
    (&["level"], ()),
];

const YES_WORDS: &[&str] = &["yes", "co", "true", "x"];
const NO_WORDS: &[&str] = &["no", "khong", "false"];

/// Per-unit-of-time words after "/" ("01 mô hình/năm") are part of the noun,
/// not a per-child floor.
const TIME_WORDS: &[&str] = &["nam", "thang", "quy", "tuan", "ky", "hoc", "year", "month"];

fn word(tokens: &[Token], at: usize) -> Option<&str> {
    match tokens.get(at).map(|t| &t.tok) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

/// The longest phrase of `table` starting at `at`, with its length in tokens.
fn longest<T: Copy>(table: &[(&[&str], T)], tokens: &[Token], at: usize) -> Option<(usize, T)> {
    table
        .iter()
        .filter(|(words, _)| {
            words
                .iter()
                .enumerate()
                .all(|(k, w)| word(tokens, at + k) == Some(w))
        })
        .max_by_key(|(words, _)| words.len())
        .map(|(words, value)| (words.len(), *value))
}

fn has_words(tokens: &[Token], phrase: &[&str]) -> Option<usize> {
    (0..tokens.len()).find(|&i| {
        phrase
            .iter()
            .enumerate()
            .all(|(k, w)| word(tokens, i + k) == Some(w))
    })
}

/// Where a stretch clause starts: a "phấn đấu" (or the common misspellings
/// "phần đầu", "phân đầu", which fold the same) that is not the first word.
fn stretch_split(tokens: &[Token]) -> Option<usize> {
    (1..tokens.len())
        .find(|&i| word(tokens, i) == Some("phan") && word(tokens, i + 1) == Some("dau"))
}

/// Drops the ", " or " và " that joins two clauses.
fn trim_joiners(mut tokens: &[Token]) -> &[Token] {
    while let Some((last, rest)) = tokens.split_last() {
        match &last.tok {
            Tok::Punct(_) | Tok::Dash => tokens = rest,
            Tok::Word(w) if w == "va" || w == "and" => tokens = rest,
            _ => break,
        }
    }
    while let Some((first, rest)) = tokens.split_first() {
        match &first.tok {
            Tok::Punct(_) => tokens = rest,
            _ => break,
        }
    }
    tokens
}

fn parse_single(input: &str, expected: Expected) -> Result<Threshold, ThresholdError> {
    let text = prepare(input);
    let tokens = lex(&text).map_err(|f| error_of(f, &text, &text, expected))?;
    if stretch_split(&tokens).is_some() {
        return Err(error_of(
            Fail::new(ThresholdProblem::StretchNotAccepted),
            &text,
            &text,
            expected,
        ));
    }
    let (binding, floor) =
        clause(&text, &tokens).map_err(|f| error_of(f, &text, &text, expected))?;
    if floor.is_some() {
        // A lone threshold has no room for a per-child floor: like a stretch
        // goal, it belongs to a target value (`parse_target`).
        return Err(error_of(
            Fail::new(ThresholdProblem::FloorNotAccepted),
            &text,
            &text,
            expected,
        ));
    }
    Ok(binding)
}

fn parse_target_value(input: &str) -> Result<TargetValue, ThresholdError> {
    let text = prepare(input);
    let expected = Expected::Threshold;
    let tokens = lex(&text).map_err(|f| error_of(f, &text, &text, expected))?;
    let (binding_toks, stretch_toks) = match stretch_split(&tokens) {
        None => (&tokens[..], None),
        Some(at) => {
            let (b, s) = tokens.split_at(at);
            (trim_joiners(b), Some(s))
        }
    };
    let part = span_text(&text, binding_toks);
    let (binding, floor) =
        clause(&text, binding_toks).map_err(|f| error_of(f, &text, part, expected))?;
    let stretch = match stretch_toks {
        None => None,
        Some(s) => {
            let spart = span_text(&text, s);
            // A second "phấn đấu" inside the stretch part would be a third goal.
            if let Some(again) = stretch_split(s) {
                let rest = span_text(&text, &s[again..]);
                return Err(error_of(
                    Fail::new(ThresholdProblem::SecondStretch),
                    &text,
                    rest,
                    expected,
                ));
            }
            let (mut t, _) = clause(&text, s).map_err(|f| error_of(f, &text, spart, expected))?;
            t.aspiration = false;
            Some(Box::new(t))
        }
    };
    Ok(TargetValue {
        binding,
        stretch,
        floor: floor.map(Box::new),
    })
}

/// One clause: a threshold, possibly with a per-child floor beside it
/// ("bình quân 80%, không có xã nào dưới 50%") or as all of it ("mỗi trường
/// tối thiểu 2 mô hình").
fn clause(text: &str, tokens: &[Token]) -> Result<(Threshold, Option<Floor>), Fail> {
    let tokens = trim_joiners(tokens);
    if tokens.is_empty() {
        return Err(Fail::new(ThresholdProblem::Empty));
    }
    // A floor for every child, opening the phrase.
    if let Some((per, floor)) = floor_clause(text, tokens)? {
        return Ok((
            floor.clone(),
            Some(Floor {
                per,
                threshold: floor,
            }),
        ));
    }
    // A floor after the aggregate.
    for i in 1..tokens.len() {
        let joined = matches!(tokens[i - 1].tok, Tok::Punct(',' | ';'))
            || word(tokens, i - 1) == Some("va")
            || (i >= 2
                && word(tokens, i - 2) == Some("trong")
                && word(tokens, i - 1) == Some("do"));
        if !joined {
            continue;
        }
        if let Some((per, floor)) = floor_clause(text, &tokens[i..])? {
            let mut end = i - 1;
            if word(tokens, i - 1) == Some("do") {
                end -= 1;
            }
            let head = trim_joiners(&tokens[..end]);
            let (aggregate, _) = single(text, head)?;
            return Ok((
                aggregate,
                Some(Floor {
                    per,
                    threshold: floor,
                }),
            ));
        }
    }
    let (t, per) = single(text, tokens)?;
    // "2 mô hình/trường": a floor per school. What follows the slash names a
    // child; a comparator word there ("0 tối thiểu / tối thiểu") is not one.
    const NOT_A_CHILD: &[&str] = &[
        "toi thieu",
        "it nhat",
        "toi da",
        "tren",
        "duoi",
        "hon",
        "tu",
        "dat",
        "khong",
        "phan dau",
        "giam",
        "tang",
        "min",
        "max",
        "at least",
        "at most",
    ];
    if let Some(p) = &per {
        let f = fold(p);
        if NOT_A_CHILD
            .iter()
            .any(|w| f == *w || f.starts_with(&format!("{w} ")))
        {
            return Err(Fail::new(ThresholdProblem::UnexpectedAfterValue {
                part: p.clone(),
            }));
        }
    }
    let floor = per.map(|per| Floor {
        per: Some(per),
        threshold: t.clone(),
    });
    Ok((t, floor))
}

/// "không có xã nào dưới 50%", "không xã nào dưới 50%" (negated), "mỗi
/// trường tối thiểu 2 mô hình", "từng xã đạt tối thiểu 50%".
fn floor_clause(text: &str, tokens: &[Token]) -> Result<Option<(Option<String>, Threshold)>, Fail> {
    let (negated, from) = match (word(tokens, 0), word(tokens, 1)) {
        (Some("khong"), Some("co")) => (true, 2),
        (Some("khong"), Some(_)) if has_words(tokens, &["nao"]).is_some() => (true, 1),
        (Some("moi" | "tung" | "each" | "every"), Some(_)) => (false, 1),
        (Some("rieng"), Some("moi" | "tung")) => (false, 2),
        _ => return Ok(None),
    };
    let mut at = from;
    let mut per = Vec::new();
    while let Some(Tok::Word(w)) = tokens.get(at).map(|t| &t.tok) {
        if negated && w == "nao" {
            at += 1;
            break;
        }
        // "mỗi xã có ít nhất 01 mô hình", "mỗi trường đạt 2": the verb
        // before the value ends the child's name ("cơ sở giáo dục" does not).
        let value_next = |k: usize| {
            matches!(
                tokens.get(k).map(|t| &t.tok),
                Some(Tok::Num { .. } | Tok::Cmp(_))
            ) || matches!(longest(PREFIXES, tokens, k), Some((_, p)) if p != Pre::Filler)
                || longest(LEVEL_MARKERS, tokens, k).is_some()
        };
        if !negated
            && (longest(PREFIXES, tokens, at).is_some_and(|(_, p)| p != Pre::Filler)
                || (matches!(w.as_str(), "dat" | "co" | "phai" | "deu") && value_next(at + 1))
                || longest(LEVEL_MARKERS, tokens, at).is_some())
        {
            break;
        }
        per.push(&text[tokens[at].start..tokens[at].end]);
        at += 1;
    }
    if negated && word(tokens, at.saturating_sub(1)) != Some("nao") {
        return Ok(None);
    }
    if per.is_empty()
        || !tokens[at..]
            .iter()
            .any(|t| matches!(t.tok, Tok::Num { .. }))
    {
        return Ok(None);
    }
    let (mut t, _) = single(text, &tokens[at..])?;
    if negated {
        t.cmp = t.cmp.negated();
        t.explicit = true;
    }
    Ok(Some((Some(per.join(" ")), t)))
}

/// A single threshold: qualitative, a benchmark, a range, or one bound.
fn single(text: &str, tokens: &[Token]) -> Result<(Threshold, Option<String>), Fail> {
    let mut end = tokens.len();
    while end > 0 && matches!(tokens[end - 1].tok, Tok::Punct(_) | Tok::Dash) {
        end -= 1;
    }
    let tokens = &tokens[..end];
    if tokens.is_empty() {
        return Err(Fail::new(ThresholdProblem::Empty));
    }
    if let Some(yes) = yes_no(tokens)? {
        return Ok((
            Threshold::new(Comparator::Eq, Quantity::Yes(yes), true),
            None,
        ));
    }
    // "chưa hoàn thành", "không đạt": not done, as a report records it.
    const NOT_DONE: &[&[&str]] = &[
        &["chua", "hoan", "thanh"],
        &["khong", "hoan", "thanh"],
        &["chua", "dat"],
        &["khong", "dat"],
        &["not", "done"],
        &["not", "completed"],
    ];
    if NOT_DONE.iter().any(|p| {
        p.len() == tokens.len()
            && p.iter()
                .enumerate()
                .all(|(k, w)| word(tokens, k) == Some(w))
    }) {
        return Ok((
            Threshold::new(Comparator::Eq, Quantity::Yes(false), true),
            None,
        ));
    }
    // "Phấn đấu": an aspiration when it opens the phrase.
    let aspiration = matches!(longest(PREFIXES, tokens, 0), Some((_, Pre::Aspire)));
    if let Some(q) = qualitative(text, tokens)? {
        let mut t = Threshold::new(Comparator::Eq, Quantity::Qualitative(q), true);
        t.aspiration = aspiration;
        return Ok((t, None));
    }
    let (mut t, per) = value(text, tokens)?;
    t.aspiration = aspiration;
    // An unmeetable target ("> 100%") is almost always a typo for ">=".
    if let Ok((_, span)) = t.span()
        && span.is_empty()
    {
        return Err(Fail::new(ThresholdProblem::NeverMet {
            cmp: t.cmp,
            value: t.qty.to_string(),
        }));
    }
    Ok((t, per))
}

/// Qualitative targets, benchmarks and changes from a baseline; `None` when
/// the phrase is a number to compare.
fn qualitative(text: &str, tokens: &[Token]) -> Result<Option<Qualitative>, Fail> {
    let nums: Vec<&Token> = tokens
        .iter()
        .filter(|t| matches!(t.tok, Tok::Num { .. }))
        .collect();
    let has_percent = tokens.iter().any(|t| t.tok == Tok::Percent);
    // Skip an opening aspiration or filler ("đạt", "phấn đấu").
    let mut at = 0;
    while let Some((len, p)) = longest(PREFIXES, tokens, at) {
        let lead = p == Pre::Aspire
            || matches!(word(tokens, at), Some("dat" | "duoc" | "muc" | "la"))
                && !matches!(word(tokens, at + 1), Some("chuan" | "yeu"));
        if !lead {
            break;
        }
        at += len;
    }
    // "Mức độ II": a level, not a word.
    if let Some((l, ())) = longest(LEVEL_MARKERS, tokens, at)
        && roman_at(tokens, at + l).is_some()
    {
        return Ok(None);
    }
    let rest = &tokens[at..];
    let rest_text = |from: usize| span_text(text, &rest[from.min(rest.len())..]).to_string();

    // "tăng 10% so với năm 2025", "giảm 5%", "cao hơn 5% so với cùng kỳ".
    let so_voi = has_words(rest, &["so", "voi"]);
    // "giảm tỷ lệ xuống dưới 2%", "giảm còn 3%": a level, not a change;
    // "giảm ít nhất 30%", "tăng tối thiểu 10%": a change of at least that.
    let to_level = {
        let mut k = 0;
        let mut found = false;
        while k < rest.len() && !matches!(rest[k].tok, Tok::Num { .. }) {
            if matches!(rest[k].tok, Tok::Cmp(Comparator::Le | Comparator::Lt))
                || matches!(
                    longest(PREFIXES, rest, k),
                    Some((
                        _,
                        Pre::Cmp(Comparator::Le | Comparator::Lt) | Pre::DecreaseTo
                    ))
                )
            {
                found = true;
            }
            k += 1;
        }
        found
    };
    let change_word = match longest(PREFIXES, rest, 0) {
        Some((len, Pre::IncreaseBy)) => Some((true, len)),
        Some((len, Pre::DecreaseBy)) if !to_level => Some((false, len)),
        _ => None,
    };
    // "cao hơn 5% so với cùng kỳ": comparative; "95% so với kế hoạch": a share.
    let comparative = ["cao", "thap", "nhieu", "it"]
        .iter()
        .any(|w| word(rest, 0) == Some(w) && word(rest, 1) == Some("hon"));
    if change_word.is_some() || (so_voi.is_some() && comparative) {
        let (increase, from) = change_word.unwrap_or_else(|| {
            let down = has_words(rest, &["giam"]).is_some()
                || has_words(rest, &["thap"]).is_some()
                || has_words(rest, &["duoi"]).is_some();
            let skip = longest(PREFIXES, rest, 0).map_or(0, |(l, _)| l);
            (!down, skip)
        });
        let stop = so_voi.unwrap_or(rest.len());
        if from <= stop {
            let by = span_text(text, trim_joiners(&rest[from..stop])).to_string();
            let reference = so_voi.map(|s| rest_text(s + 2)).filter(|r| !r.is_empty());
            return Ok(Some(Qualitative::Change {
                increase,
                by,
                reference,
            }));
        }
    }

    // "thuộc nhóm 10 tỉnh dẫn đầu", "top 5", "đứng thứ 3".
    for (i, t) in rest.iter().enumerate() {
        let before = |w: &str| word(rest, i.wrapping_sub(1)) == Some(w);
        if let Tok::Num { value, digits } = &t.tok
            && (before("nhom") || before("top") || before("thu"))
            && !digits.contains('.')
            && *value >= 1.0
            && !has_percent
        {
            return Ok(Some(Qualitative::Rank {
                top: *value as u32,
                reference: rest_text(i + 1),
            }));
        }
    }
    if nums.is_empty()
        && let Some(i) = has_words(rest, &["nhom"])
            .or_else(|| has_words(rest, &["top"]))
            .filter(|_| {
                has_words(rest, &["dan", "dau"]).is_some() || has_words(rest, &["top"]).is_some()
            })
    {
        return Ok(Some(Qualitative::Rank {
            top: 0,
            reference: rest_text(i),
        }));
    }

    // "cao hơn mức trung bình cả nước": a comparator before words, not a number.
    if let Some((len, Pre::Cmp(cmp))) = longest(PREFIXES, rest, 0) {
        let level_number = longest(LEVEL_MARKERS, rest, len).is_some_and(|(l, _)| {
            matches!(rest.get(len + l).map(|t| &t.tok), Some(Tok::Num { .. }))
                || roman_at(rest, len + l).is_some()
        });
        const BENCHMARKS: &[&str] = &[
            "muc", "trung", "binh", "quan", "nuoc", "quoc", "nam", "ky", "vung", "khu", "tinh",
            "chuan", "hoach", "tieu", "truoc", "average", "national", "previous", "year", "mean",
        ];
        let benchmark = rest[len..]
            .iter()
            .any(|t| matches!(&t.tok, Tok::Word(w) if BENCHMARKS.contains(&w.as_str())));
        if matches!(rest.get(len).map(|t| &t.tok), Some(Tok::Word(_)))
            && benchmark
            && !level_number
            && !has_percent
            && longest(PREFIXES, rest, len)
                .is_none_or(|(_, p)| p == Pre::Filler && word(rest, len) != Some("dat"))
        {
            return Ok(Some(Qualitative::Relative {
                cmp,
                reference: rest_text(len),
            }));
        }
    }

    // Kinds named by their verb; years may appear ("hoàn thành trong năm 2026").
    // Numbers allowed beside a verb are dates: "hoàn thành trong năm 2026",
    // "hoàn thành trước Quý IV/2026", "trước 30/6/2026".
    let has_year = tokens
        .iter()
        .any(|t| matches!(&t.tok, Tok::Num { digits, .. } if digits.len() == 4));
    let only_years = tokens.iter().enumerate().all(|(k, t)| match &t.tok {
        Tok::Num { digits, .. } if digits.len() == 4 => true,
        Tok::Num { .. } => {
            has_year
                && (matches!(
                    tokens.get(k + 1).map(|t| &t.tok),
                    Some(Tok::Slash | Tok::Dash | Tok::Punct('.'))
                ) || matches!(
                    k.checked_sub(1).and_then(|p| word(tokens, p)),
                    Some("quy" | "thang" | "ngay")
                ))
        }
        Tok::Slash | Tok::Dash => has_year,
        Tok::Percent | Tok::Cmp(_) => false,
        _ => true,
    });
    if !only_years {
        return Ok(None);
    }
    let negated = rest
        .iter()
        .any(|t| matches!(&t.tok, Tok::Word(w) if w == "chua" || w == "not"))
        || (word(rest, 0) == Some("khong") && word(rest, 1) != Some("gian"));
    type Kind = (&'static [&'static str], fn() -> Qualitative);
    const KINDS: &[Kind] = &[
        (&["buoc", "dau"], || Qualitative::InitialResults),
        (&["initial"], || Qualitative::InitialResults),
        (&["co", "ban", "hoan", "thanh"], || Qualitative::MostlyDone),
        (&["co", "ban"], || Qualitative::MostlyDone),
        (&["substantially"], || Qualitative::MostlyDone),
        (&["basically"], || Qualitative::MostlyDone),
        (&["hoan", "thanh"], || Qualitative::Done),
        (&["hoan", "thien"], || Qualitative::Done),
        (&["xong"], || Qualitative::Done),
        (&["completed"], || Qualitative::Done),
        (&["complete"], || Qualitative::Done),
        (&["done"], || Qualitative::Done),
        (&["achieved"], || Qualitative::Done),
        (&["dat", "chuan"], || Qualitative::Done),
        (&["dat", "yeu", "cau"], || Qualitative::Done),
        (&["dat", "va", "vuot"], || Qualitative::Done),
        (&["co", "ke", "hoach"], || Qualitative::Done),
        (&["duoc", "cap"], || Qualitative::Done),
        (&["van", "hanh"], || Qualitative::Operating),
        (&["su", "dung"], || Qualitative::Operating),
        (&["khai", "thac"], || Qualitative::Operating),
        (&["hoat", "dong"], || Qualitative::Operating),
        (&["operational"], || Qualitative::Operating),
        (&["operating"], || Qualitative::Operating),
        (&["in", "use"], || Qualitative::Operating),
        (&["duy", "tri"], || Qualitative::Maintained),
        (&["maintained"], || Qualitative::Maintained),
        (&["maintain"], || Qualitative::Maintained),
        (&["trien", "khai"], || Qualitative::Deployed),
        (&["ap", "dung"], || Qualitative::Deployed),
        (&["thuc", "hien"], || Qualitative::Deployed),
        (&["ket", "noi"], || Qualitative::Deployed),
        (&["lien", "thong"], || Qualitative::Deployed),
        (&["xay", "dung"], || Qualitative::Deployed),
        (&["ban", "hanh"], || Qualitative::Deployed),
        (&["to", "chuc"], || Qualitative::Deployed),
        (&["cap", "nhat"], || Qualitative::Deployed),
        (&["so", "hoa"], || Qualitative::Deployed),
        (&["trang", "bi"], || Qualitative::Deployed),
        (&["thi", "diem"], || Qualitative::Deployed),
        (&["dau", "tu"], || Qualitative::Deployed),
        (&["nang", "cap"], || Qualitative::Deployed),
        (&["hinh", "thanh"], || Qualitative::Deployed),
        (&["tich", "hop"], || Qualitative::Deployed),
        (&["cung", "cap"], || Qualitative::Deployed),
        (&["deployed"], || Qualitative::Deployed),
        (&["implemented"], || Qualitative::Deployed),
        (&["launched"], || Qualitative::Deployed),
        (&["established"], || Qualitative::Deployed),
        (&["built"], || Qualitative::Deployed),
        (&["issued"], || Qualitative::Deployed),
    ];
    for (phrase, kind) in KINDS {
        if has_words(tokens, phrase).is_some() {
            if negated {
                return Err(Fail {
                    problem: ThresholdProblem::UnknownWord {
                        part: "chưa".into(),
                        nearest: None,
                    },
                    part: None,
                    help: Some("hoàn thành"),
                });
            }
            return Ok(Some(kind()));
        }
    }
    if nums.is_empty() {
        return Err(unknown_word(text, rest, 0));
    }
    Ok(None)
}

/// The first word not understood, and the accepted word nearest to it.
fn unknown_word(text: &str, tokens: &[Token], from: usize) -> Fail {
    let mut at = from;
    while at < tokens.len() {
        if let Some((len, _)) = longest(PREFIXES, tokens, at)
            .map(|(l, _)| (l, ()))
            .or_else(|| longest(LEVEL_MARKERS, tokens, at))
            .or_else(|| longest(SUFFIXES, tokens, at).map(|(l, _)| (l, ())))
        {
            at += len;
            continue;
        }
        if let Tok::Word(w) = &tokens[at].tok {
            let two = match word(tokens, at + 1) {
                Some(n) => format!("{w} {n}"),
                None => w.clone(),
            };
            let with_prev = match at.checked_sub(1).and_then(|p| word(tokens, p)) {
                Some(p) => format!("{p} {w}"),
                None => w.clone(),
            };
            let nearest = nearest_word(&with_prev)
                .or_else(|| nearest_word(&two))
                .or_else(|| nearest_word(w));
            return Fail {
                problem: ThresholdProblem::UnknownWord {
                    part: text[tokens[at].start..tokens[at].end].to_string(),
                    nearest,
                },
                part: None,
                help: Some(nearest.map_or("tối thiểu 25%", |_| "tối thiểu 25%")),
            };
        }
        at += 1;
    }
    Fail::new(ThresholdProblem::Unrecognised)
}

/// Words a threshold may use, folded and as printed, for "did you mean".
const VOCABULARY: &[(&str, &str)] = &[
    ("toi thieu", "tối thiểu"),
    ("it nhat", "ít nhất"),
    ("tren", "trên"),
    ("duoi", "dưới"),
    ("toi da", "tối đa"),
    ("khong qua", "không quá"),
    ("khong vuot qua", "không vượt quá"),
    ("phan dau", "phấn đấu"),
    ("tro len", "trở lên"),
    ("tro xuong", "trở xuống"),
    ("muc do", "mức độ"),
    ("binh quan", "bình quân"),
    ("trung binh", "trung bình"),
    ("giam xuong", "giảm xuống"),
    ("hoan thanh", "hoàn thành"),
    ("co ban hoan thanh", "cơ bản hoàn thành"),
    ("trien khai", "được triển khai"),
    ("van hanh", "đưa vào vận hành"),
    ("buoc dau", "bước đầu có kết quả"),
    ("duy tri", "duy trì"),
    ("dat", "đạt"),
    ("cao hon", "cao hơn"),
    ("thap hon", "thấp hơn"),
];

fn nearest_word(w: &str) -> Option<&'static str> {
    VOCABULARY
        .iter()
        .map(|(k, shown)| (levenshtein(w, k), k.len(), *shown))
        .filter(|(d, len, _)| *d > 0 && *d <= 2 && *d * 3 <= *len)
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, _, s)| s)
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

fn roman_at(tokens: &[Token], at: usize) -> Option<u32> {
    const NUMERALS: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    let w = word(tokens, at)?;
    NUMERALS.iter().position(|n| *n == w).map(|i| i as u32 + 1)
}

/// One number read with its unit: "80%", "4/4", "mức 2", "3".
fn quantity_at(text: &str, tokens: &[Token], at: &mut usize) -> Result<Option<Quantity>, Fail> {
    let level = match longest(LEVEL_MARKERS, tokens, *at) {
        Some((len, ())) => {
            *at += len;
            true
        }
        None => false,
    };
    if level && let Some(r) = roman_at(tokens, *at) {
        *at += 1;
        return Ok(Some(Quantity::Level(f64::from(r))));
    }
    let Some(Tok::Num { value, digits }) = tokens.get(*at).map(|t| &t.tok) else {
        return Ok(None);
    };
    let (value, digits) = (*value, digits.clone());
    *at += 1;
    let qty = match tokens.get(*at).map(|t| &t.tok) {
        // "ở mức 100%": a percentage after all.
        Some(Tok::Percent) => {
            *at += 1;
            if value > 100.0 {
                return Err(Fail::new(ThresholdProblem::PercentOutOfRange));
            }
            Quantity::Percent(value)
        }
        _ if level => {
            if value.fract() != 0.0 {
                return Err(Fail::new(ThresholdProblem::LevelNotWhole));
            }
            Quantity::Level(value)
        }
        Some(Tok::Slash) if !matches!(tokens.get(*at + 1).map(|t| &t.tok), Some(Tok::Word(_))) => {
            *at += 1;
            let Some(Tok::Num { digits: den, .. }) = tokens.get(*at).map(|t| &t.tok) else {
                return Err(Fail::new(ThresholdProblem::RatioNeedsDenominator));
            };
            *at += 1;
            if digits.contains('.')
                && !den.contains('.')
                && matches!(tokens.get(*at).map(|t| &t.tok), Some(Tok::Word(_)))
            {
                // "4,5/5 điểm": a score out of a maximum, a count.
                let noun = format!("/{den}");
                return Ok(Some(Quantity::Count {
                    n: value,
                    noun: Some(noun),
                }));
            }
            let (num, den) = (whole(&digits)?, whole(den)?);
            if den == 0 {
                return Err(Fail::new(ThresholdProblem::RatioZeroDenominator));
            }
            if num > den {
                return Err(Fail::new(ThresholdProblem::RatioOverWhole { num, den }));
            }
            Quantity::Ratio {
                num,
                den,
                noun: None,
            }
        }
        _ => {
            // Vietnamese writes thousands as "1.000": reading that as 1.0
            // would silently turn a thousand pupils into one. The tokenizer
            // has read dotted groups as thousands already (`thousands`);
            // what is left ("1,000", "0.750") could be either, and is refused.
            if digits.split_once('.').is_some_and(|(_, f)| f.len() == 3) {
                return Err(Fail {
                    problem: ThresholdProblem::AmbiguousThousands {
                        number: span_text(text, &tokens[*at - 1..*at]).to_string(),
                    },
                    part: None,
                    help: None,
                });
            }
            Quantity::Count {
                n: value,
                noun: None,
            }
        }
    };
    Ok(Some(qty))
}

/// A number written with Vietnamese thousands separators, "1.000" or
/// "12.500.000" (one to three digits, not starting with 0, then groups of
/// three after dots), as its digits alone.
fn thousands(raw: &str) -> Option<String> {
    let mut groups = raw.split('.');
    let head = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits_only = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if rest.is_empty()
        || !(1..=3).contains(&head.len())
        || !digits_only(head)
        || head.starts_with('0')
        || !rest.iter().all(|g| g.len() == 3 && digits_only(g))
    {
        return None;
    }
    Some(raw.replace('.', ""))
}

fn value(text: &str, tokens: &[Token]) -> Result<(Threshold, Option<String>), Fail> {
    let mut cmp: Option<Comparator> = None;
    let mut decreasing = false;
    let mut by = false;
    let mut at = 0;
    let mut subject: Vec<&Token> = Vec::new();
    let mut per_average: Option<String> = None;
    loop {
        match tokens.get(at).map(|t| &t.tok) {
            Some(Tok::Cmp(c)) => {
                agree(&mut cmp, *c)?;
                at += 1;
            }
            Some(Tok::Word(_)) => match longest(PREFIXES, tokens, at) {
                Some((len, p)) => {
                    match p {
                        Pre::Cmp(c) => agree(&mut cmp, c)?,
                        Pre::DecreaseTo => decreasing = true,
                        Pre::DecreaseBy => {
                            decreasing = true;
                            by = true;
                        }
                        Pre::IncreaseBy | Pre::Filler | Pre::Aspire => {}
                    }
                    at += len;
                }
                // Words naming what is measured ("Tỷ lệ trường học đạt 100%"),
                // accepted only before a comparator or "đạt".
                None if longest(LEVEL_MARKERS, tokens, at).is_none()
                    && tokens[at..]
                        .iter()
                        .take_while(|t| !matches!(t.tok, Tok::Num { .. }))
                        .enumerate()
                        .any(|(k, t)| {
                            matches!(t.tok, Tok::Cmp(_))
                                || matches!(
                                    longest(PREFIXES, tokens, at + k),
                                    Some((_, Pre::Cmp(_))) | Some((_, Pre::DecreaseTo))
                                )
                                || matches!(word(tokens, at + k), Some("dat" | "tai"))
                        })
                    && longest(SUFFIXES, tokens, at).is_none()
                    && !matches!(
                        word(tokens, at),
                        Some("khong" | "chua" | "not" | "tro" | "hoac" | "or")
                    ) =>
                {
                    subject.push(&tokens[at]);
                    at += 1;
                }
                // "trung bình mỗi giáo viên 01 bài": an average per child.
                None if word(tokens, at) == Some("moi")
                    && average(tokens, at)
                    && tokens[at..]
                        .iter()
                        .any(|t| matches!(t.tok, Tok::Num { .. })) =>
                {
                    let mut k = at + 1;
                    let mut names = Vec::new();
                    while let Some(Tok::Word(_)) = tokens.get(k).map(|t| &t.tok) {
                        if longest(PREFIXES, tokens, k).is_some_and(|(_, p)| p != Pre::Filler) {
                            break;
                        }
                        names.push(&text[tokens[k].start..tokens[k].end]);
                        k += 1;
                    }
                    per_average = Some(names.join(" "));
                    at = k;
                }
                None => break,
            },
            Some(Tok::Punct(',')) if !subject.is_empty() => {
                subject.push(&tokens[at]);
                at += 1;
            }
            _ => break,
        }
    }
    let _ = by;
    let Some(mut qty) = quantity_at(text, tokens, &mut at)? else {
        return Err(
            match tokens[at.min(tokens.len() - 1)..]
                .iter()
                .find(|t| matches!(t.tok, Tok::Word(_)))
            {
                Some(_) => unknown_word(text, tokens, at.min(tokens.len())),
                None => Fail::new(ThresholdProblem::Unrecognised),
            },
        );
    };

    // A range: "60–80%", "từ 60% đến 80%", "từ 3 đến 5 mô hình".
    let mut upper = None;
    let connector = match tokens.get(at).map(|t| &t.tok) {
        Some(Tok::Dash) => Some(1),
        // "Mức độ 3, 4": the levels listed, from the first to the last.
        Some(Tok::Punct(',')) if matches!(qty, Quantity::Level(_)) => Some(1),
        Some(Tok::Word(w)) if matches!(w.as_str(), "den" | "to" | "toi") => Some(1),
        _ => None,
    };
    if let Some(len) = connector {
        let mut next = at + len;
        if let Some(mut hi) = quantity_at(text, tokens, &mut next)? {
            // The unit is printed once: "60–80%", "từ 60 đến 80%".
            match (&qty, &hi) {
                (Quantity::Count { n, noun: None }, Quantity::Percent(_)) if *n <= 100.0 => {
                    qty = Quantity::Percent(*n)
                }
                (Quantity::Percent(_), Quantity::Count { n, noun: None }) if *n <= 100.0 => {
                    hi = Quantity::Percent(*n)
                }
                (Quantity::Level(_), Quantity::Count { n, noun: None }) => hi = Quantity::Level(*n),
                _ => {}
            }
            let same = std::mem::discriminant(&qty) == std::mem::discriminant(&hi);
            if !same {
                return Err(Fail::new(ThresholdProblem::RangeUnitsDiffer));
            }
            if matches!(cmp, Some(c) if c != Comparator::Ge) {
                return Err(Fail::new(ThresholdProblem::UnexpectedAfterValue {
                    part: span_text(text, &tokens[at..]).to_string(),
                }));
            }
            let (lo_v, hi_v) = (locate(&qty).map(|x| x.1), locate(&hi).map(|x| x.1));
            if let (Ok(a), Ok(b)) = (lo_v, hi_v)
                && a > b
            {
                return Err(Fail::new(ThresholdProblem::RangeBackwards {
                    low: qty.to_string(),
                    high: hi.to_string(),
                }));
            }
            upper = Some(hi);
            cmp = Some(Comparator::Ge);
            at = next;
        }
    }

    // The noun of a count or ratio ("mô hình", "trường"), and a per-child
    // unit after "/" ("2 mô hình/trường").
    let mut per = None;
    if matches!(qty, Quantity::Count { .. } | Quantity::Ratio { .. }) {
        let mut words = Vec::new();
        let start = at;
        while let Some(t) = tokens.get(at) {
            match &t.tok {
                Tok::Word(_) if trailing_year(tokens, at) => break,
                Tok::Word(_) if longest(SUFFIXES, tokens, at).is_none() => {
                    words.push(&text[t.start..t.end]);
                    at += 1;
                }
                Tok::Slash if !words.is_empty() && word(tokens, at + 1).is_some() => {
                    if word(tokens, at + 1).is_some_and(|w| TIME_WORDS.contains(&w)) {
                        // "/năm" stays part of the noun.
                        words.push("/");
                        at += 1;
                        continue;
                    }
                    let mut p = Vec::new();
                    at += 1;
                    while let Some(Tok::Word(_)) = tokens.get(at).map(|t| &t.tok) {
                        if longest(SUFFIXES, tokens, at).is_some() {
                            break;
                        }
                        p.push(&text[tokens[at].start..tokens[at].end]);
                        at += 1;
                    }
                    if average(tokens, 0) {
                        // "bình quân 02 bài/giáo viên": an average, not a floor.
                        words.push("/");
                        words.extend(p);
                    } else {
                        per = Some(p.join(" "));
                    }
                    break;
                }
                _ => break,
            }
        }
        let _ = start;
        if let Some(each) = &per_average {
            words.push("mỗi");
            words.push(each);
        }
        if !words.is_empty() {
            let mut noun = words.join(" ").replace(" / ", "/");
            // "4,5/5 điểm": the maximum read with the number comes first.
            if let Quantity::Count {
                noun: Some(before), ..
            } = &qty
            {
                noun = format!("{before} {noun}");
            }
            match (&mut qty, &mut upper) {
                (Quantity::Count { noun: n, .. }, Some(Quantity::Count { noun: m, .. })) => {
                    *n = Some(noun.clone());
                    *m = Some(noun);
                }
                (Quantity::Count { noun: n, .. } | Quantity::Ratio { noun: n, .. }, _) => {
                    *n = Some(noun)
                }
                _ => {}
            }
        }
    }

    if let Some((len, c)) = longest(SUFFIXES, tokens, at) {
        // "trên 90% trở lên": the plan means 90% and above; read as >=.
        if c == Comparator::Ge && cmp == Some(Comparator::Gt) {
            cmp = Some(Comparator::Ge);
        } else if c == Comparator::Le && cmp == Some(Comparator::Lt) {
            cmp = Some(Comparator::Le);
        } else {
            agree(&mut cmp, c)?;
        }
        at += len;
    }

    // "hoàn thành 3 mô hình năm 2026": the year belongs to the deadline.
    let tokens = if trailing_year(tokens, at) {
        &tokens[..at]
    } else {
        tokens
    };
    // What the value counts: "100% học sinh", "95% cán bộ, giáo viên".
    let mut population = None;
    if at < tokens.len() {
        let rest = &tokens[at..];
        // Only a percentage counts something named after it; a count has
        // its noun already.
        let starts_with_word = (matches!(&rest[0].tok, Tok::Word(w) if !matches!(w.as_str(), "va" | "and" | "hoac" | "or"))
            || (rest[0].tok == Tok::Slash
                && word(rest, 1).is_some_and(|w| TIME_WORDS.contains(&w))))
            && matches!(
                qty,
                Quantity::Percent(_) | Quantity::Ratio { noun: None, .. }
            );
        if rest.windows(2).any(|w| {
            matches!(w[0].tok, Tok::Num { .. }) && matches!(w[1].tok, Tok::Slash | Tok::Percent)
        }) {
            return Err(Fail::new(ThresholdProblem::SeveralValues));
        }
        let only_dat = rest.iter().all(|t| {
            matches!(&t.tok, Tok::Word(w) if w == "dat") || matches!(t.tok, Tok::Punct(_))
        });
        if !only_dat && !starts_with_word {
            return Err(Fail::new(ThresholdProblem::UnexpectedAfterValue {
                part: span_text(text, rest).to_string(),
            }));
        }
        if !only_dat {
            let mut shown = span_text(text, trim_joiners(rest)).to_string();
            if word(rest, 0) == Some("of") && rest.len() > 1 {
                shown = span_text(text, trim_joiners(&rest[1..])).to_string();
            }
            let suffix_at = (0..rest.len())
                .find(|&k| longest(SUFFIXES, rest, k).is_some_and(|(l, _)| k + l == rest.len()));
            if let Some(k) = suffix_at
                && let Some((_, c)) = longest(SUFFIXES, rest, k)
            {
                // "90% giáo viên trở lên".
                agree(&mut cmp, c)?;
                shown = span_text(text, trim_joiners(&rest[..k])).to_string();
            }
            population = Some(shown);
        }
    } else if !subject.is_empty() && matches!(qty, Quantity::Percent(_)) {
        let first = subject[0];
        let last = subject[subject.len() - 1];
        let s = text[first.start..last.end]
            .trim_end_matches(',')
            .trim()
            .to_string();
        if !s.is_empty() {
            population = Some(s);
        }
    }

    // "giảm xuống 5%", "giảm còn 3%": at most that.
    if decreasing && cmp.is_none() {
        cmp = Some(Comparator::Le);
    }
    let mut t = Threshold::new(cmp.unwrap_or(Comparator::Ge), qty, cmp.is_some());
    t.upper = upper;
    t.population = population;
    Ok((t, per))
}

/// From `at` to the end: only "(trong|đến|vào) năm 2026", a date that
/// belongs to the deadline, not to the value.
fn trailing_year(tokens: &[Token], at: usize) -> bool {
    let mut k = at;
    while matches!(
        word(tokens, k),
        Some("nam" | "trong" | "den" | "vao" | "truoc" | "het" | "cuoi" | "in" | "by")
    ) {
        k += 1;
    }
    k > at
        && k + 1 == tokens.len()
        && matches!(&tokens[k].tok, Tok::Num { digits, .. } if digits.len() == 4)
}

/// Is the value an average: "bình quân" or "trung bình" before its number?
fn average(tokens: &[Token], _from: usize) -> bool {
    let first_num = tokens
        .iter()
        .position(|t| matches!(t.tok, Tok::Num { .. }))
        .unwrap_or(tokens.len());
    (0..first_num).any(|k| {
        matches!(
            (word(tokens, k), word(tokens, k + 1)),
            (Some("binh"), Some("quan")) | (Some("trung"), Some("binh"))
        )
    })
}

/// "yes", "có", "không", optionally after "=". Only a lone word counts, so
/// "không quá 10%" still reads as a comparator.
fn yes_no(tokens: &[Token]) -> Result<Option<bool>, Fail> {
    let (cmp, rest) = match tokens.split_first() {
        Some((
            Token {
                tok: Tok::Cmp(c), ..
            },
            rest,
        )) => (Some(*c), rest),
        _ => (None, tokens),
    };
    if let [a, b] = rest
        && matches!((&a.tok, &b.tok), (Tok::Word(a), Tok::Word(b)) if a == "khong" && b == "co")
    {
        return Ok(Some(false));
    }
    let [only] = rest else { return Ok(None) };
    if matches!(only.tok, Tok::Other('✓' | '✔' | '☑' | '√')) {
        return Ok(Some(true));
    }
    let Tok::Word(w) = &only.tok else {
        return Ok(None);
    };
    let value = if YES_WORDS.contains(&w.as_str()) {
        true
    } else if NO_WORDS.contains(&w.as_str()) {
        false
    } else {
        return Ok(None);
    };
    if cmp.is_some_and(|c| c != Comparator::Eq) {
        return Err(Fail::new(ThresholdProblem::YesNoComparator));
    }
    Ok(Some(value))
}

fn agree(cmp: &mut Option<Comparator>, new: Comparator) -> Result<(), Fail> {
    match cmp {
        Some(old) if *old != new => Err(Fail::new(ThresholdProblem::ComparatorsDisagree {
            first: *old,
            second: new,
        })),
        _ => {
            *cmp = Some(new);
            Ok(())
        }
    }
}

fn whole(digits: &str) -> Result<u32, Fail> {
    if digits.contains('.') {
        return Err(Fail::new(ThresholdProblem::RatioNotWhole));
    }
    digits
        .parse()
        .map_err(|_| Fail::new(ThresholdProblem::NumberTooLarge))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn plain() -> Threshold {
        Threshold::new(Comparator::Ge, Quantity::Yes(true), false)
    }

    fn t(s: &str) -> Threshold {
        parse(s).unwrap()
    }

    fn pct(cmp: Comparator, p: f64, explicit: bool) -> Threshold {
        Threshold {
            cmp,
            qty: Quantity::Percent(p),
            explicit,
            ..plain()
        }
    }

    fn count(cmp: Comparator, n: f64, noun: Option<&str>, explicit: bool) -> Threshold {
        Threshold {
            cmp,
            qty: Quantity::Count {
                n,
                noun: noun.map(String::from),
            },
            explicit,
            ..plain()
        }
    }

    fn lvl(l: f64, explicit: bool) -> Threshold {
        Threshold {
            cmp: Comparator::Ge,
            qty: Quantity::Level(l),
            explicit,
            ..plain()
        }
    }

    fn strip_diacritics(s: &str) -> String {
        s.nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            })
            .collect()
    }

    /// Nouns keep their spelling, so variants are compared with nouns folded.
    fn folded_nouns(mut t: Threshold) -> Threshold {
        match &mut t.qty {
            Quantity::Count { noun: Some(n), .. } | Quantity::Ratio { noun: Some(n), .. } => {
                *n = fold(n)
            }
            _ => {}
        }
        t
    }

    /// The phrase itself, and the same typed without diacritics, in capitals,
    /// in NFD, and with Word's odd spaces, must all read the same.
    fn check(phrase: &str, expected: Threshold) {
        assert_eq!(parse(phrase).unwrap(), expected, "{phrase}");
        let variants = [
            strip_diacritics(phrase),
            phrase.to_uppercase(),
            strip_diacritics(phrase).to_uppercase(),
            phrase.nfd().collect(),
            format!(" \u{00A0}{}\u{2009} ", phrase.replace(' ', "\u{2009}")),
        ];
        for v in variants {
            let got = parse(&v).unwrap_or_else(|e| panic!("{v:?}: {e}"));
            assert_eq!(folded_nouns(got), folded_nouns(expected.clone()), "{v:?}");
        }
    }

    fn error(s: &str) -> String {
        let e = parse(s).unwrap_err();
        assert!(e.to_string().contains("expected"), "{}", e.to_string());
        // The nearest form, not the whole list.
        assert!(e.help.is_some(), "{}", e);
        e.to_string()
    }

    use Comparator::{Eq, Ge, Gt, Le, Lt};

    // ---- one test per row of domain.md "How thresholds are phrased"

    #[test]
    fn the_mean_of_achieved_values_keeps_their_scale() {
        let (a, b) = (
            Quantity::Percent(60.0),
            Quantity::Ratio {
                num: 4,
                den: 5,
                noun: None,
            },
        );
        assert_eq!(mean(&[&a, &b]), Some(Quantity::Percent(70.0)));
        let c = |n: f64| Quantity::Count {
            n,
            noun: Some("mô hình".into()),
        };
        assert_eq!(mean(&[&c(1.0), &c(4.0)]), Some(c(2.5)));
        assert_eq!(mean(&[&a, &c(1.0)]), None);
        assert_eq!(mean(&[&Quantity::Yes(true)]), None);
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn bare_hundred_percent() {
        check("100%", pct(Ge, 100.0, false));
        check("100 %", pct(Ge, 100.0, false));
        assert_eq!(t("100%").oriented(Direction::Higher), pct(Eq, 100.0, true));
    }

    #[test]
    fn dat_hundred_percent() {
        check("Đạt 100%", pct(Ge, 100.0, false));
        assert_eq!(
            t("Đạt 100%").oriented(Direction::Lower),
            pct(Eq, 100.0, true)
        );
    }

    #[test]
    fn toi_thieu() {
        check("Tối thiểu 65%", pct(Ge, 65.0, true));
    }

    #[test]
    fn it_nhat() {
        check("Ít nhất 50%", pct(Ge, 50.0, true));
        check("đạt ít nhất 50%", pct(Ge, 50.0, true));
    }

    #[test]
    fn tu() {
        check("Từ 90%", pct(Ge, 90.0, true));
    }

    #[test]
    fn dat_toi_thieu() {
        check("Đạt tối thiểu 95%", pct(Ge, 95.0, true));
    }

    #[test]
    fn tren() {
        check("Trên 50%", pct(Gt, 50.0, true));
        check("đạt trên 50%", pct(Gt, 50.0, true));
    }

    #[test]
    fn hon() {
        check("hơn 50%", pct(Gt, 50.0, true));
        check("cao hơn 50%", pct(Gt, 50.0, true));
    }

    #[test]
    fn dat_is_bare() {
        check("Đạt 83%", pct(Ge, 83.0, false));
        check("83%", pct(Ge, 83.0, false));
        check("đạt tới 50%", pct(Ge, 50.0, false));
    }

    #[test]
    fn symbol_ge() {
        check("≥95%", pct(Ge, 95.0, true));
        check("≥ 95 %", pct(Ge, 95.0, true));
    }

    #[test]
    fn stretch_with_misspelt_phan_dau() {
        let phrase = "tối thiểu 15%, phần đầu đạt tới 50%";
        let expected = TargetValue {
            binding: pct(Ge, 15.0, true),
            stretch: Some(Box::new(pct(Ge, 50.0, false))),
            floor: None,
        };
        for v in [
            phrase.to_string(),
            strip_diacritics(phrase),
            phrase.to_uppercase(),
            phrase.nfd().collect(),
            "tối thiểu 15%; phấn đấu đạt tới 50%".into(),
            "tối thiểu 15%. Phân đầu đạt tới 50%".into(),
            "tối thiểu 15% và phấn đấu đạt tới 50%".into(),
        ] {
            assert_eq!(parse_target(&v).unwrap(), expected, "{v}");
        }
    }

    #[test]
    fn phan_dau_alone_is_the_binding_value() {
        assert_eq!(
            parse_target("Phấn đấu tối thiểu 25%").unwrap(),
            TargetValue {
                // Issue 12: an aspiration, never stricter than a firm parent.
                binding: Threshold {
                    aspiration: true,
                    ..pct(Ge, 25.0, true)
                },
                stretch: None,
                floor: None
            }
        );
        assert_eq!(
            parse_target("phấn đấu 25%").unwrap(),
            TargetValue {
                binding: Threshold {
                    aspiration: true,
                    ..pct(Ge, 25.0, false)
                },
                stretch: None,
                floor: None
            }
        );
    }

    #[test]
    fn ratio_with_noun() {
        check(
            "4/4 trường",
            Threshold {
                cmp: Ge,
                qty: Quantity::Ratio {
                    num: 4,
                    den: 4,
                    noun: Some("trường".into()),
                },
                explicit: false,
                ..plain()
            },
        );
    }

    #[test]
    fn count_with_leading_zero() {
        check("01 mô hình", count(Ge, 1.0, Some("mô hình"), false));
    }

    #[test]
    fn count_with_comparator() {
        check(
            "tối thiểu 01 cụm trường",
            count(Ge, 1.0, Some("cụm trường"), true),
        );
        check("ít nhất 3 lớp", count(Ge, 3.0, Some("lớp"), true));
    }

    #[test]
    fn level() {
        check("mức độ 2", lvl(2.0, false));
        check("mức 2", lvl(2.0, false));
        check("đạt mức 3", lvl(3.0, false));
        check("tối thiểu mức độ 2", lvl(2.0, true));
    }

    #[test]
    fn level_tro_len() {
        check("Mức độ 1 trở lên", lvl(1.0, true));
    }

    #[test]
    fn yes_and_no() {
        let yes = Threshold {
            cmp: Eq,
            qty: Quantity::Yes(true),
            explicit: true,
            ..plain()
        };
        let no = Threshold {
            qty: Quantity::Yes(false),
            ..yes.clone()
        };
        for s in ["yes", "có", "true", "= yes"] {
            check(s, yes.clone());
        }
        for s in ["no", "không", "false"] {
            check(s, no.clone());
        }
    }

    #[test]
    fn decimal_comma() {
        check("2,0%", pct(Ge, 2.0, false));
        check("5,0%", pct(Ge, 5.0, false));
        check("87,5%", pct(Ge, 87.5, false));
        check("87.5%", pct(Ge, 87.5, false));
    }

    #[test]
    fn trung_binh() {
        check("trung bình 5%", pct(Ge, 5.0, false));
        check("đạt trung bình 5%", pct(Ge, 5.0, false));
    }

    // ---- other accepted forms

    #[test]
    fn formal_forms() {
        check(">= 25%", pct(Ge, 25.0, true));
        check(">25%", pct(Gt, 25.0, true));
        check("= 83%", pct(Eq, 83.0, true));
        check("<= 10%", pct(Le, 10.0, true));
        check("< 5%", pct(Lt, 5.0, true));
        check("≤ 10%", pct(Le, 10.0, true));
        check("> 50", count(Gt, 50.0, None, true));
        assert_eq!(
            t("=4/4").qty,
            Quantity::Ratio {
                num: 4,
                den: 4,
                noun: None
            }
        );
        assert_eq!(t("=4/4").cmp, Eq);
    }

    #[test]
    fn upper_bounds_and_equality_in_words() {
        check("Tối đa 10%", pct(Le, 10.0, true));
        check("không quá 10%", pct(Le, 10.0, true));
        check("dưới 5%", pct(Lt, 5.0, true));
        check("ít hơn 5%", pct(Lt, 5.0, true));
        check("bằng 83%", pct(Eq, 83.0, true));
    }

    #[test]
    fn percent_tro_len() {
        check("90% trở lên", pct(Ge, 90.0, true));
        check("tối thiểu 90% trở lên", pct(Ge, 90.0, true));
    }

    #[test]
    fn trailing_period_is_ignored() {
        assert_eq!(t("Tối thiểu 65%."), pct(Ge, 65.0, true));
    }

    #[test]
    fn noun_keeps_nfc_spelling() {
        let nfd: String = "01 Mô Hình".nfd().collect();
        assert_eq!(
            t(&nfd).qty,
            Quantity::Count {
                n: 1.0,
                noun: Some("Mô Hình".into())
            }
        );
    }

    // ---- oriented

    #[test]
    fn oriented_lower_is_le() {
        assert_eq!(t("80%").oriented(Direction::Lower), pct(Le, 80.0, true));
        assert_eq!(t("80%").oriented(Direction::Higher), pct(Ge, 80.0, true));
    }

    #[test]
    fn oriented_keeps_explicit_comparator() {
        assert_eq!(t("trên 50%").oriented(Direction::Lower), t("trên 50%"));
    }

    // ---- within

    fn within(child: &str, parent: &str) -> Inclusion {
        t(child).within(&t(parent))
    }

    #[test]
    fn stricter_lower_bound_is_inside() {
        assert_eq!(within(">= 25%", ">= 20%"), Inclusion::Inside);
        assert_eq!(
            within("phấn đấu tối thiểu 25%", "tối thiểu 20%"),
            // Issue 12: only strived for, so never stricter than a firm parent.
            Inclusion::Aspiration
        );
    }

    #[test]
    fn looser_lower_bound_is_outside() {
        assert_eq!(within(">= 15%", ">= 20%"), Inclusion::Outside);
    }

    #[test]
    fn equal_strict_bounds_are_inside() {
        assert_eq!(within("trên 50%", "trên 50%"), Inclusion::Inside);
        assert_eq!(within("tối thiểu 65%", "tối thiểu 65%"), Inclusion::Inside);
    }

    #[test]
    fn inclusive_is_not_inside_exclusive() {
        assert_eq!(within("tối thiểu 50%", "trên 50%"), Inclusion::Outside);
    }

    #[test]
    fn equality_is_inside_its_lower_bound() {
        assert_eq!(within("= 83%", ">= 83%"), Inclusion::Inside);
        assert_eq!(within(">= 83%", "= 83%"), Inclusion::Outside);
    }

    #[test]
    fn exclusive_above_inclusive_is_inside() {
        assert_eq!(within("> 95%", ">= 90%"), Inclusion::Inside);
        assert_eq!(within("trên 95%", "từ 90%"), Inclusion::Inside);
    }

    #[test]
    fn full_ratio_is_hundred_percent() {
        assert_eq!(within("4/4", ">= 100%"), Inclusion::Inside);
        assert_eq!(within("4/4 trường", "trên 50%"), Inclusion::Inside);
        assert_eq!(within("= 100%", "4/4"), Inclusion::Inside);
        assert_eq!(within("3/4", "trên 50%"), Inclusion::Inside);
        assert_eq!(within("3/4", "tối thiểu 80%"), Inclusion::Outside);
    }

    #[test]
    fn hundred_percent_fills_the_domain() {
        assert_eq!(within("100%", "trên 50%"), Inclusion::Inside);
        assert_eq!(within(">= 100%", "= 100%"), Inclusion::Inside);
        assert_eq!(within("= 100%", ">= 100%"), Inclusion::Inside);
    }

    #[test]
    fn lower_is_better_oriented() {
        let child = t("80%").oriented(Direction::Lower);
        assert_eq!(child.within(&t("<= 90%")), Inclusion::Inside);
        assert_eq!(t("<= 95%").within(&t("<= 90%")), Inclusion::Outside);
        assert_eq!(t("< 90%").within(&t("<= 90%")), Inclusion::Inside);
    }

    #[test]
    fn count_vs_percent_is_incomparable() {
        let Inclusion::Incomparable(Incomparability::Units {
            child_unit,
            parent_unit,
            ..
        }) = within("01 mô hình", ">= 20%")
        else {
            panic!("should be incomparable");
        };
        assert_eq!(child_unit, UnitKind::CountOf("mô hình".into()));
        assert_eq!(parent_unit, UnitKind::Percentage);
    }

    #[test]
    fn counts_with_different_nouns_are_incomparable() {
        let Inclusion::Incomparable(Incomparability::Units {
            child_unit,
            parent_unit,
            ..
        }) = within("01 mô hình", "tối thiểu 01 cụm trường")
        else {
            panic!("should be incomparable");
        };
        assert_eq!(child_unit, UnitKind::CountOf("mô hình".into()));
        assert_eq!(parent_unit, UnitKind::CountOf("cụm trường".into()));
    }

    #[test]
    fn counts_with_same_noun_compare() {
        assert_eq!(
            within("3 cum truong", "tối thiểu 01 Cụm Trường"),
            Inclusion::Inside
        );
        assert_eq!(within("3", "tối thiểu 5 cụm trường"), Inclusion::Outside);
    }

    #[test]
    fn levels_compare_with_levels_only() {
        assert_eq!(within("mức độ 2", "Mức độ 1 trở lên"), Inclusion::Inside);
        assert_eq!(within("mức 1", "tối thiểu mức độ 2"), Inclusion::Outside);
        // Levels are whole numbers: above level 1 is level 2 or more.
        assert_eq!(within("trên mức 1", "mức 2"), Inclusion::Inside);
        assert!(matches!(within("mức 2", "50%"), Inclusion::Incomparable(_)));
    }

    #[test]
    fn yes_compares_with_yes() {
        assert_eq!(within("có", "yes"), Inclusion::Inside);
        assert_eq!(within("no", "yes"), Inclusion::Outside);
        assert!(matches!(within("yes", "100%"), Inclusion::Incomparable(_)));
    }

    // ---- accepts

    fn q(s: &str) -> Quantity {
        parse_quantity(s).unwrap()
    }

    #[test]
    fn accepts_percentages() {
        assert_eq!(t("tối thiểu 83%").accepts(&q("83%")), Some(true));
        assert_eq!(t("trên 83%").accepts(&q("83%")), Some(false));
        assert_eq!(t("trên 50%").accepts(&q("87,5%")), Some(true));
        assert_eq!(t("<= 10%").accepts(&q("12%")), Some(false));
    }

    #[test]
    fn accepts_ratio_as_percent() {
        assert_eq!(t("100%").accepts(&q("4/4")), Some(true));
        assert_eq!(t("100%").accepts(&q("3/4")), Some(false));
        assert_eq!(t("4/4 trường").accepts(&q("100%")), Some(true));
    }

    #[test]
    fn accepts_counts_levels_yes() {
        assert_eq!(t("01 mô hình").accepts(&q("3 mô hình")), Some(true));
        assert_eq!(t("01 mô hình").accepts(&q("0 mô hình")), Some(false));
        assert_eq!(t("01 mô hình").accepts(&q("3 lớp")), None);
        assert_eq!(t("Mức độ 1 trở lên").accepts(&q("mức 2")), Some(true));
        assert_eq!(t("yes").accepts(&q("có")), Some(true));
        assert_eq!(t("yes").accepts(&q("không")), Some(false));
    }

    #[test]
    fn accepts_incomparable_is_none() {
        assert_eq!(t("tối thiểu 50%").accepts(&q("mức 2")), None);
        assert_eq!(t("yes").accepts(&q("100%")), None);
    }

    #[test]
    fn achieved_value_rejects_comparator() {
        let e = parse_quantity("tối thiểu 87%").unwrap_err();
        assert!(e.to_string().contains("comparator"), "{}", e.to_string());
        assert!(e.to_string().contains("87,5%"), "{}", e.to_string());
        assert_eq!(q("= 87%"), Quantity::Percent(87.0));
    }

    // ---- issue 12: forms read from real plans beyond the seeds

    fn tv(s: &str) -> TargetValue {
        parse_target(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    /// Every spelling of `phrase` reads as `shown` (nouns and populations folded).
    fn reads(phrase: &str, shown: &str) {
        let dashes: Vec<String> = ["-", "–", "—", " - ", " – ", " — "]
            .iter()
            .map(|d| phrase.replace(" – ", "–").replace('–', d))
            .collect();
        let mut variants = vec![
            phrase.to_string(),
            strip_diacritics(phrase),
            phrase.to_uppercase(),
            phrase.nfd().collect(),
            phrase.replace(' ', "\u{00A0}"),
        ];
        if phrase.contains('–') {
            variants.extend(dashes);
        }
        for v in variants {
            let got = tv(&v).to_string();
            assert_eq!(fold(&got), fold(shown), "{v:?}");
        }
    }

    #[test]
    fn bare_number_in_a_percent_column() {
        let unit = Some(IndicatorUnit::Percent);
        for (s, shown) in [
            ("≥ 80", ">= 80%"),
            ("85", "85%"),
            ("<5", "< 5%"),
            ("60–80", "60-80%"),
        ] {
            let t = parse_in(s, unit).unwrap();
            assert_eq!(t.to_string(), shown, "{s}");
        }
        // Without the unit a bare number stays a plain number.
        assert_eq!(
            t("≥ 80").qty,
            Quantity::Count {
                n: 80.0,
                noun: None
            }
        );
        // A level indicator reads "2" as "mức 2"; a count is never converted.
        assert_eq!(
            parse_in("2", Some(IndicatorUnit::Level)).unwrap().qty,
            Quantity::Level(2.0)
        );
        assert_eq!(
            parse_in("120", unit).unwrap().qty,
            Quantity::Count {
                n: 120.0,
                noun: None
            }
        );
        assert_eq!(
            parse_target_in("≥ 80", unit).unwrap().binding,
            pct(Ge, 80.0, true)
        );
    }

    #[test]
    fn value_with_what_it_counts() {
        reads("100% học sinh", "100% học sinh");
        reads("95% cán bộ, giáo viên", "95% cán bộ, giáo viên");
        reads("90% of schools", "90% schools");
        let t = t("tối thiểu 80% giáo viên");
        assert_eq!((t.cmp, t.population.as_deref()), (Ge, Some("giáo viên")));
        assert!(t.population_contradicts(Some("học sinh")));
        assert!(!t.population_contradicts(Some("Giáo viên")));
        assert!(!self::t("95% cán bộ, giáo viên").population_contradicts(Some("giáo viên")));
        assert!(!self::t("100% các trường học").population_contradicts(Some("trường")));
        assert!(!t.population_contradicts(None));
        // The population never changes the comparison.
        assert_eq!(t.within(&self::t(">= 70%")), Inclusion::Inside);
    }

    #[test]
    fn ranges_are_intervals_cascaded_by_inclusion() {
        reads("từ 60% đến 80%", "60-80%");
        reads("60–80%", "60-80%");
        reads("đạt từ 3 đến 5 mô hình", "3-5 mô hình");
        assert_eq!(within("60-80%", ">= 50%"), Inclusion::Inside);
        assert_eq!(within("60-80%", "65-75%"), Inclusion::Outside);
        assert_eq!(within("65-75%", "60-80%"), Inclusion::Inside);
        assert_eq!(within(">= 70%", "60-80%"), Inclusion::Outside);
        assert_eq!(within("= 70%", "60-80%"), Inclusion::Inside);
        assert_eq!(t("60-80%").accepts(&q("85%")), Some(false));
        assert_eq!(t("60-80%").accepts(&q("80%")), Some(true));
        assert!(error("từ 80% đến 60%").contains("backwards"));
    }

    #[test]
    fn a_comparator_after_giam_con_says_how() {
        assert_eq!(t("giảm còn dưới 2%").to_string(), "< 2%");
        assert_eq!(t("giảm còn 3%").to_string(), "<= 3%");
        assert_eq!(t("còn không quá 3%").to_string(), "<= 3%");
        assert_eq!(t("chỉ còn dưới 1%").to_string(), "< 1%");
        assert_eq!(t("bảo đảm 100%").to_string(), "100%");
        assert_eq!(t("Đảm bảo tối thiểu 90%").to_string(), ">= 90%");
    }

    #[test]
    fn decreasing_targets() {
        reads("giảm xuống dưới 5%", "< 5%");
        reads("giảm còn 3%", "<= 3%");
        reads("không quá 10%", "<= 10%");
        reads("tối đa 10%", "<= 10%");
        reads("dưới 10%", "< 10%");
        assert_eq!(
            t("giảm xuống dưới 5%").phrase_direction(),
            Some(Direction::Lower)
        );
        assert_eq!(within("< 3%", "giảm xuống dưới 5%"), Inclusion::Inside);
    }

    #[test]
    fn a_below_phrase_on_a_higher_is_better_indicator_is_flagged() {
        assert!(t("dưới 10%").contradicts(Direction::Higher));
        assert!(t("giảm còn 3%").contradicts(Direction::Higher));
        assert!(!t("dưới 10%").contradicts(Direction::Lower));
        assert!(t("tối thiểu 80%").contradicts(Direction::Lower));
        assert!(!t("80%").contradicts(Direction::Lower));
        assert!(!t("hoàn thành").contradicts(Direction::Higher));
    }

    #[test]
    fn qualitative_targets() {
        for (s, q) in [
            ("hoàn thành", Qualitative::Done),
            ("cơ bản hoàn thành", Qualitative::MostlyDone),
            ("được triển khai", Qualitative::Deployed),
            ("được xây dựng và đưa vào vận hành", Qualitative::Operating),
            ("bước đầu có kết quả", Qualitative::InitialResults),
            ("completed", Qualitative::Done),
        ] {
            reads(s, &q.to_string());
            assert_eq!(t(s).qty, Quantity::Qualitative(q), "{s}");
        }
        // Same kind is equal; done is within "cơ bản hoàn thành", not the reverse.
        assert_eq!(within("hoàn thành", "hoàn thành"), Inclusion::Inside);
        assert_eq!(within("hoàn thành", "cơ bản hoàn thành"), Inclusion::Inside);
        assert_eq!(
            within("cơ bản hoàn thành", "hoàn thành"),
            Inclusion::Outside
        );
        // Never compared as numbers.
        assert!(matches!(
            within("hoàn thành", "100%"),
            Inclusion::Incomparable(_)
        ));
        assert!(matches!(
            within("được triển khai", "hoàn thành"),
            Inclusion::Incomparable(_)
        ));
        // Achieved as done / not done.
        assert_eq!(t("hoàn thành").accepts(&q("yes")), Some(true));
        assert_eq!(t("hoàn thành").accepts(&q("chưa hoàn thành")), Some(false));
        assert_eq!(t("hoàn thành").accepts(&q("hoàn thành")), Some(true));
        assert_eq!(t("hoàn thành").accepts(&q("87%")), None);
    }

    #[test]
    fn relative_benchmarks_keep_their_reference() {
        let t1 = t("cao hơn mức trung bình cả nước");
        assert_eq!(
            t1.qty,
            Quantity::Qualitative(Qualitative::Relative {
                cmp: Gt,
                reference: "mức trung bình cả nước".into()
            })
        );
        reads("thuộc nhóm 10 tỉnh dẫn đầu", "thuộc nhóm 10 tỉnh dẫn đầu");
        assert_eq!(
            within("thuộc nhóm 5 tỉnh dẫn đầu", "thuộc nhóm 10 tỉnh dẫn đầu"),
            Inclusion::Inside
        );
        assert_eq!(
            within("thuộc nhóm 20 tỉnh dẫn đầu", "thuộc nhóm 10 tỉnh dẫn đầu"),
            Inclusion::Outside
        );
        assert!(t1.is_qualitative());
    }

    #[test]
    fn per_child_floors() {
        let v = tv("bình quân 80%, không có xã nào dưới 50%");
        assert_eq!(v.binding, pct(Ge, 80.0, false));
        let floor = v.floor.unwrap();
        assert_eq!(floor.per.as_deref(), Some("xã"));
        assert_eq!(floor.threshold, pct(Ge, 50.0, true));
        assert!(meets_floor(&t("tối thiểu 60%"), &floor.threshold));
        assert!(meets_floor(
            &t("50%").oriented(Direction::Higher),
            &floor.threshold
        ));
        assert!(!meets_floor(&t("tối thiểu 40%"), &floor.threshold));
        let v = tv("mỗi trường tối thiểu 2 mô hình");
        assert_eq!(v.floor.as_ref().unwrap().per.as_deref(), Some("trường"));
        assert_eq!(v.binding, count(Ge, 2.0, Some("mô hình"), true));
        let v = tv("đạt tối thiểu 2 mô hình/trường");
        assert_eq!(v.floor.unwrap().per.as_deref(), Some("trường"));
        // The formal form parses back.
        for s in [
            "bình quân 80%, không có xã nào dưới 50%",
            "mỗi trường tối thiểu 2 mô hình",
        ] {
            let v = tv(s);
            assert_eq!(tv(&v.to_string()), v, "{s}");
        }
        // A lone threshold has no room for a floor.
        assert!(parse("mỗi trường tối thiểu 2 mô hình").is_err());
    }

    #[test]
    fn aspirations_are_never_stricter_than_a_firm_parent() {
        let a = tv("Phấn đấu 30%").binding;
        assert!(a.aspiration);
        let firm = t(">= 20%");
        assert_eq!(
            a.oriented(Direction::Higher).within(&firm),
            Inclusion::Aspiration
        );
        // Striving for exactly what the parent requires: the same finding.
        assert_eq!(within("phấn đấu >= 20%", ">= 20%"), Inclusion::Aspiration);
        // Looser stays looser.
        assert_eq!(within("phấn đấu >= 10%", ">= 20%"), Inclusion::Outside);
        // Against a parent that also only strives, values compare as usual.
        assert_eq!(
            within("phấn đấu >= 30%", "phấn đấu >= 20%"),
            Inclusion::Inside
        );
        // A stretch goal beside a firm value is not an aspiration.
        assert!(!tv("tối thiểu 15%, phấn đấu 50%").binding.aspiration);
        reads("phấn đấu đạt 100%", "phấn đấu 100%");
    }

    #[test]
    fn indices_and_long_nouns() {
        assert_eq!(t("đạt trên 0,75"), count(Gt, 0.75, None, true));
        assert_eq!(
            t("ít nhất 3 trường đại học có chương trình đào tạo số"),
            count(
                Ge,
                3.0,
                Some("trường đại học có chương trình đào tạo số"),
                true
            )
        );
    }

    #[test]
    fn forms_seen_in_real_plans() {
        for (s, shown) in [
            ("tối thiểu 70%", ">= 70%"),
            ("100% (đạt)", "100%"),
            ("≥ 95 %", ">= 95%"),
            ("từ 95% trở lên", ">= 95%"),
            ("trên 90% trở lên", ">= 90%"),
            ("ít nhất 01", ">= 1"),
            ("duy trì 100%", "100%"),
            ("- Tối thiểu 80%", ">= 80%"),
            ("80% (phấn đấu 100%)", "80%, phấn đấu 100%"),
            (
                "Tỷ lệ thủ tục hành chính được thực hiện trực tuyến: Đạt 100%.",
                "100%",
            ),
        ] {
            assert_eq!(tv(s).to_string(), shown, "{s}");
        }
    }

    #[test]
    fn errors_name_the_part_and_suggest_the_nearest_form() {
        let e = parse("toi thieuu 25%").unwrap_err();
        match &e.problem {
            ThresholdProblem::UnknownWord { part, nearest } => {
                // "toi" alone is accepted ("đạt tới"): the next word is the problem.
                assert_eq!(part, "thieuu");
                assert_eq!(*nearest, Some("tối thiểu"));
            }
            p => panic!("{p:?}"),
        }
        let e = parse("tối thiu 25%").unwrap_err();
        assert!(
            matches!(
                &e.problem,
                ThresholdProblem::UnknownWord {
                    nearest: Some("tối thiểu"),
                    ..
                }
            ),
            "{e:?}"
        );
        let m = crate::messages::parse_en::threshold_error(&e);
        assert!(
            m.contains("\"tối thiu 25%\"") && m.contains("did you mean \"tối thiểu\""),
            "{m}"
        );
        // As docs/format.md shows it.
        assert_eq!(
            m,
            "expected a threshold such as \"tối thiểu 25%\"; found \"tối thiu 25%\": \"thiu\" is not understood; did you mean \"tối thiểu\"?"
        );
        let vi = crate::messages::parse_vi::threshold_error(&e);
        assert!(vi.contains("có phải là \"tối thiểu\""), "{vi}");
        // The short help, never the whole list of forms.
        assert!(!m.contains("mức độ 2\" or"), "{m}");
        let e = parse(&"x ".repeat(2000)).unwrap_err();
        assert_eq!(e.problem, ThresholdProblem::TooLong { max: MAX_CHARS });
    }

    // ---- Display

    fn round_trip(s: &str, shown: &str) {
        let parsed = t(s);
        assert_eq!(parsed.to_string(), shown, "{s}");
        assert_eq!(t(shown), parsed, "{shown}");
    }

    #[test]
    fn display_percent() {
        round_trip("tối thiểu 25%", ">= 25%");
        round_trip("Trên 50%", "> 50%");
        round_trip("Tối đa 10%", "<= 10%");
        round_trip("dưới 5%", "< 5%");
        round_trip("2,0%", "2%");
        round_trip("87,50%", "87.5%");
        assert_eq!(t("100%").oriented(Direction::Higher).to_string(), "= 100%");
    }

    #[test]
    fn display_ratio() {
        round_trip("=4/4", "= 4/4");
        round_trip("4/4 trường", "4/4 trường");
    }

    #[test]
    fn display_count() {
        round_trip("tối thiểu 01 mô hình", ">= 1 mô hình");
        round_trip("01 mô hình", "1 mô hình");
        round_trip("> 50", "> 50");
    }

    /// Found by tests/properties.rs: "1,2340 học sinh" printed as
    /// "1.234 học sinh", which parse refuses as maybe a thousand.
    #[test]
    fn display_count_with_three_decimals_reads_back() {
        round_trip("1,2340 học sinh", "1.2340 học sinh");
        round_trip("0,0010", "0.0010");
        round_trip("> 2.0010", "> 2.0010");
        assert_eq!(
            Quantity::Count {
                n: 1.234,
                noun: None
            }
            .to_string(),
            "1.2340"
        );
        round_trip("1,5 tỷ đồng", "1.5 tỷ đồng");
        round_trip("1,2345 tỷ đồng", "1.2345 tỷ đồng");
    }

    #[test]
    fn display_level() {
        round_trip("Mức độ 2 trở lên", ">= mức 2");
        round_trip("mức độ 2", "mức 2");
    }

    #[test]
    fn display_yes_no() {
        round_trip("có", "yes");
        round_trip("không", "no");
    }

    #[test]
    fn display_quantity() {
        assert_eq!(q("87,5%").to_string(), "87.5%");
        assert_eq!(q("3 mô hình").to_string(), "3 mô hình");
        assert_eq!(q("mức 2").to_string(), "mức 2");
    }

    #[test]
    fn from_str_is_parse() {
        let parsed: Threshold = "trên 50%".parse().unwrap();
        assert_eq!(parsed, pct(Gt, 50.0, true));
    }

    // ---- errors

    #[test]
    fn error_empty() {
        assert!(error("").contains("found an empty value"));
        assert!(error("   \u{00A0}").contains("found an empty value"));
    }

    #[test]
    fn error_double_percent() {
        let m = error("100%%");
        assert!(m.contains("\"100%%\""), "{m}");
    }

    #[test]
    fn error_negative() {
        let m = error("-5%");
        assert!(m.contains("negative") && m.contains("\"-5%\""), "{m}");
    }

    #[test]
    fn error_percent_over_hundred() {
        let m = error("120%");
        assert!(
            m.contains("between 0 and 100") && m.contains("\"120%\""),
            "{m}"
        );
    }

    #[test]
    fn error_above_hundred_cannot_be_met() {
        for s in [">100%", "> 100%", "trên 100%", "< 0%", "> 4/4"] {
            let m = error(s);
            assert!(m.contains("never be met"), "{m}");
        }
    }

    #[test]
    fn error_garbage() {
        let m = error("abc");
        assert!(m.contains("found \"abc\""), "{m}");
        error("đạt");
        error("tối thiểu");
        // Issue 12: "50% cán bộ" is now a value with its population.
        assert_eq!(t("50% cán bộ").population.as_deref(), Some("cán bộ"));
    }

    #[test]
    fn error_two_decimal_marks() {
        for s in ["1,2.5%", "1.2.3%"] {
            assert!(error(s).contains("more than one decimal mark"));
        }
    }

    #[test]
    fn error_nan_and_inf() {
        for s in ["NaN", "NaN%", "inf", "inf%", "-inf"] {
            error(s);
        }
        assert!(error(&"9".repeat(400)).contains("too large"));
    }

    #[test]
    fn error_bad_ratio() {
        assert!(error("4/0").contains("0 as its second number"));
        assert!(error("5/4 trường").contains("larger than"));
        assert!(error("1,5/4").contains("whole numbers"));
        error("4/");
    }

    #[test]
    fn error_ambiguous_thousands_in_count() {
        let m = error("0.750 học sinh");
        assert!(m.contains("thousand"), "{m}");
        assert_eq!(t("1.000 giáo viên").to_string(), "1000 giáo viên");
        assert_eq!(
            t("ít nhất 12.500.000 học sinh").to_string(),
            ">= 12500000 học sinh"
        );
        assert_eq!(t("1.5 mô hình").to_string(), "1.5 mô hình");
        assert_eq!(t("1000 học sinh").to_string(), "1000 học sinh");
        assert_eq!(
            t("1,5 tỷ đồng").qty,
            Quantity::Count {
                n: 1.5,
                noun: Some("tỷ đồng".into())
            }
        );
    }

    #[test]
    fn error_range_is_not_negative() {
        // Issue 12: "4-5%" is now a range, never a negative number.
        assert_eq!(t("4-5%").upper, Some(Quantity::Percent(5.0)));
        assert!(error("-5%").contains("negative"));
    }

    #[test]
    fn error_bad_level_and_yes() {
        assert!(error("mức 2,5").contains("whole number"));
        assert!(error("> yes").contains("yes/no"));
    }

    #[test]
    fn error_contradicting_comparators() {
        // Issue 12: real plans print "trên 50% trở lên", meaning 50% and above.
        assert_eq!(t("trên 50% trở lên"), pct(Ge, 50.0, true));
        assert!(error("dưới 50% trở lên").contains("disagree"));
        assert!(error(">= < 5%").contains("disagree"));
    }

    #[test]
    fn error_stretch_in_single_threshold() {
        let m = error("tối thiểu 15%, phấn đấu 50%");
        assert!(m.contains("stretch"), "{m}");
    }

    #[test]
    fn error_in_target_names_the_part() {
        let e = parse_target("abc, phấn đấu 50%").unwrap_err();
        assert!(
            e.to_string()
                .contains("found \"abc\" in \"abc, phấn đấu 50%\""),
            "{}",
            e.to_string()
        );
        let e = parse_target("tối thiểu 15%, phấn đấu 150%").unwrap_err();
        assert!(
            e.to_string().contains("between 0 and 100"),
            "{}",
            e.to_string()
        );
        assert!(parse_target("15%, phấn đấu 30%, phấn đấu 50%").is_err());
    }

    #[test]
    fn error_is_std_error() {
        let e: Box<dyn std::error::Error> = Box::new(parse("abc").unwrap_err());
        assert!(e.to_string().starts_with("expected a threshold"));
    }
}
