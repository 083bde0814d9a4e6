//! Compliance: each target's latest achieved value against its threshold, and
//! how many child plans meet their matching target.

use crate::agenda;
use crate::check::{coverage, oriented};
use crate::repo::{Entry, Repo};
use crate::reports::Measurement;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Met,
    NotMet,
    DueSoon,
    Overdue,
    NoData,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Met,
        Status::NotMet,
        Status::DueSoon,
        Status::Overdue,
        Status::NoData,
    ];

    pub fn word(self, lang: crate::ui::Lang) -> &'static str {
        match self {
            Status::Met => crate::messages::word(lang, crate::messages::Word::Met),
            Status::NotMet => crate::messages::word(lang, crate::messages::Word::NotMet),
            Status::DueSoon => crate::messages::word(lang, crate::messages::Word::DueSoon),
            Status::Overdue => crate::messages::word(lang, crate::messages::Word::Overdue),
            Status::NoData => crate::messages::word(lang, crate::messages::Word::NoData),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not met",
            Status::DueSoon => "due soon",
            Status::Overdue => "overdue",
            Status::NoData => "no data",
        }
    }
}

/// The four bands Open SDG shows a target in: kh's one mapping from a
/// status, used by every output that colours or groups by band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    /// Đạt: the latest value meets the threshold.
    Achieved,
    /// Đang tiến triển: not met yet, and its deadline has not passed.
    InProgress,
    /// Chưa đạt: not met, and its deadline has passed.
    NotAchieved,
    /// Chưa có số liệu: no value reported.
    NoData,
}

impl Band {
    pub const ALL: [Band; 4] = [
        Band::Achieved,
        Band::InProgress,
        Band::NotAchieved,
        Band::NoData,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Band::Achieved => "achieved",
            Band::InProgress => "in-progress",
            Band::NotAchieved => "not-achieved",
            Band::NoData => "no-data",
        }
    }

    /// The band's colour as RGB, the same in the workbook and on the dashboard.
    pub fn rgb(self) -> u32 {
        match self {
            Band::Achieved => 0x1B7F3B,
            Band::InProgress => 0xE0A100,
            Band::NotAchieved => 0xC62828,
            Band::NoData => 0x9E9E9E,
        }
    }

    /// A light tint of the colour, for cell backgrounds.
    pub fn tint(self) -> u32 {
        match self {
            Band::Achieved => 0xC8E6C9,
            Band::InProgress => 0xFFECB3,
            Band::NotAchieved => 0xFFCDD2,
            Band::NoData => 0xE0E0E0,
        }
    }
}

impl Status {
    /// Its Open SDG band.
    pub fn band(self) -> Band {
        match self {
            Status::Met => Band::Achieved,
            Status::NotMet | Status::DueSoon => Band::InProgress,
            Status::Overdue => Band::NotAchieved,
            Status::NoData => Band::NoData,
        }
    }

    pub fn is_met(self) -> bool {
        self == Status::Met
    }
}

/// One status per target of a plan, by target id, for `kh due`: met when
/// every segment is met, else the status of a segment with data that is not
/// met, else no data. From the rows `kh status` shows of the plan: the two
/// never disagree about a target.
pub fn by_target(rows: &[Row]) -> HashMap<String, Status> {
    let mut out: HashMap<String, Status> = HashMap::new();
    for r in rows {
        let key = r.target.clone();
        let merged = match (out.get(&key).copied(), r.status) {
            (None, s) => s,
            (Some(Status::Met), Status::Met) => Status::Met,
            // A segment with data that is not met decides.
            (Some(s), Status::Met | Status::NoData) if s != Status::Met => s,
            (Some(Status::Met), Status::NoData) => Status::NoData,
            (Some(_), s) => s,
        };
        out.insert(key, merged);
    }
    out
}

/// Share of rows met, in percent (None for no rows): the dashboard's number.
pub fn share_met(rows: &[Row]) -> Option<f64> {
    if rows.is_empty() {
        return None;
    }
    let met = rows.iter().filter(|r| r.status.is_met()).count();
    Some(met as f64 * 100.0 / rows.len() as f64)
}

/// How soon "due soon" is.
pub const SOON_DAYS: i64 = 30;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub plan: String,
    pub target: String,
    pub metric: String,
    pub segment: Option<String>,
    pub threshold: String,
    pub stretch: Option<String>,
    pub due: Option<NaiveDate>,
    pub value: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub source: Option<String>,
    pub status: Status,
    /// Whether the stretch goal (phấn đấu) is reached too, where the target is met.
    pub stretch_met: Option<bool>,
    #[serde(skip)]
    pub(crate) plan_index: usize,
    /// The value as measured, for judging it against a parent's threshold.
    #[serde(skip)]
    pub(crate) measured: Option<crate::domain::threshold::Quantity>,
}

/// The latest measurement on or before `as_of` per (plan, target, segment).
pub fn latest(
    measurements: &[Measurement],
    as_of: NaiveDate,
) -> HashMap<(usize, usize, Option<String>), &Measurement> {
    let mut best: HashMap<(usize, usize, Option<String>), &Measurement> = HashMap::new();
    for m in measurements.iter().filter(|m| m.as_of <= as_of) {
        for t in &m.targets {
            let key = (m.plan, *t, m.segment.clone());
            // Later rows win a tie: a correction appended to the file replaces the first value.
            if best.get(&key).is_none_or(|b| b.as_of <= m.as_of) {
                best.insert(key, m);
            }
        }
    }
    best
}

/// One row per target and segment of the plan.
pub fn plan_rows(
    repo: &Repo,
    e: &Entry,
    plan_index: usize,
    latest: &HashMap<(usize, usize, Option<String>), &Measurement>,
    as_of: NaiveDate,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for (ti, t) in e.plan.targets.iter().enumerate() {
        let due = agenda::target_due(repo, e, t);
        for v in &t.values {
            let threshold = oriented(repo, &t.metric, &v.value.binding);
            let stretch = v
                .value
                .stretch
                .as_ref()
                .map(|s| oriented(repo, &t.metric, s));
            let m = latest
                .get(&(plan_index, ti, v.segment.as_deref().map(String::from)))
                .copied();
            let (status, stretch_met) = match m {
                None => (Status::NoData, None),
                Some(m) => match threshold.accepts(&m.value) {
                    Some(true) => (
                        Status::Met,
                        stretch.as_ref().and_then(|s| s.accepts(&m.value)),
                    ),
                    _ => (pending(due, as_of), None),
                },
            };
            rows.push(Row {
                plan: e.plan.id.clone(),
                target: t.id.to_string(),
                metric: t.metric.to_string(),
                segment: v.segment.as_deref().map(String::from),
                threshold: threshold.to_string(),
                stretch: stretch.map(|s| s.to_string()),
                due,
                value: m.map(|m| m.value.to_string()),
                as_of: m.map(|m| m.as_of),
                source: m.map(|m| m.source.clone()).filter(|s| !s.is_empty()),
                status,
                stretch_met,
                plan_index,
                measured: m.map(|m| m.value.clone()),
            });
        }
    }
    rows
}

/// Not met yet: overdue once the deadline has passed, due soon within 30 days.
fn pending(due: Option<NaiveDate>, as_of: NaiveDate) -> Status {
    match due {
        Some(d) if d < as_of => Status::Overdue,
        Some(d) if (d - as_of).num_days() <= SOON_DAYS => Status::DueSoon,
        _ => Status::NotMet,
    }
}

/// For one parent target: which children meet their matching target.
#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    pub plan: String,
    pub target: String,
    pub metric: String,
    pub segment: Option<String>,
    pub threshold: String,
    pub met: usize,
    pub of: usize,
    /// Beside a per-child floor ("bình quân 80%, không có xã nào dưới 50%"),
    /// each child is judged against the floor and the mean of the children's
    /// latest values against the aggregate: the mean, and whether it meets it
    /// (`None` when the values cannot be averaged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
    /// Children that do not meet it, with why (a status against the parent's
    /// threshold, "not adopted" or "waived") and, where a value is reported,
    /// the child's own status against its own target beside it.
    pub failing: Vec<(String, String, Option<String>)>,
}

/// The children's mean beside an aggregate threshold ("bình quân 80%").
#[derive(Debug, Clone, Serialize)]
pub struct Aggregate {
    /// Empty when the children's values cannot be averaged (none, or of
    /// different kinds).
    pub mean: String,
    pub met: Option<bool>,
}

/// For each parent target, how many of the children it binds meet it: each
/// child's latest value is judged against the parent's threshold (a child at
/// 16% does not meet a parent's ≥ 20% even where it meets its own ≥ 15%).
pub fn rollup(
    repo: &Repo,
    parent: &Entry,
    children: &[usize],
    rows_by_plan: &HashMap<usize, Vec<Row>>,
    as_of: NaiveDate,
) -> Vec<Rollup> {
    let mut out = Vec::new();
    for pt in &parent.plan.targets {
        let bound: Vec<usize> = children
            .iter()
            .copied()
            .filter(|c| coverage::binds(&parent.plan, pt, &repo.plans[*c].plan))
            .collect();
        if bound.is_empty() {
            continue;
        }
        for v in &pt.values {
            let threshold = oriented(repo, &pt.metric, &v.value.binding);
            // The per-child floor, if any, and its threshold as the catalog reads it.
            let floor = v
                .value
                .floor
                .as_deref()
                .map(|f| (f, oriented(repo, &pt.metric, &f.threshold)));
            let mut met = 0;
            let mut failing = Vec::new();
            let mut achieved = Vec::new();
            for c in &bound {
                let child = &repo.plans[*c].plan;
                // One judgement with `kh check`: a child the floor applies to
                // answers to the floor, the others to the threshold itself.
                let threshold = match &floor {
                    Some((f, ft)) if crate::check::cascade::floor_applies(f, child) => ft,
                    _ => &threshold,
                };
                let mine: Vec<&Row> = rows_by_plan
                    .get(c)
                    .map(|rows| {
                        rows.iter()
                            .filter(|r| {
                                r.metric == pt.metric
                                    && (v.segment.is_none()
                                        || r.segment.is_none()
                                        || r.segment.as_deref() == v.segment.as_deref())
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let why = if mine.is_empty() {
                    Some((
                        if child.waivers.iter().any(|w| w.metric == pt.metric) {
                            "waived"
                        } else {
                            "not adopted"
                        },
                        None,
                    ))
                } else {
                    if let Some(q) = mine.iter().find_map(|r| r.measured.as_ref()) {
                        achieved.push(q);
                    }
                    mine.iter().find_map(|r| {
                        let against_parent = match &r.measured {
                            None => Status::NoData,
                            Some(q) if threshold.accepts(q) == Some(true) => Status::Met,
                            Some(_) => pending(r.due, as_of),
                        };
                        (against_parent != Status::Met).then(|| {
                            let own = r.measured.is_some().then(|| r.status.key());
                            (against_parent.key(), own)
                        })
                    })
                };
                match why {
                    None => met += 1,
                    Some((w, own)) => {
                        failing.push((child.id.clone(), w.to_string(), own.map(str::to_string)))
                    }
                }
            }
            let aggregate = floor.as_ref().map(|_| {
                let mean = crate::domain::threshold::mean(&achieved);
                match mean {
                    Some(m) => Aggregate {
                        mean: m.to_string(),
                        met: threshold.accepts(&m),
                    },
                    None => Aggregate {
                        mean: String::new(),
                        met: None,
                    },
                }
            });
            let shown = match &floor {
                Some((f, ft)) => format!(
                    "{threshold}; {}",
                    crate::domain::threshold::floor_text(f.per.as_deref(), ft)
                ),
                _ => threshold.to_string(),
            };
            out.push(Rollup {
                plan: parent.plan.id.clone(),
                target: pt.id.to_string(),
                metric: pt.metric.to_string(),
                segment: v.segment.as_deref().map(String::from),
                threshold: shown,
                met,
                of: bound.len(),
                aggregate,
                failing,
            });
        }
    }
    out
}

/// Children of each plan, by plan index: a plan is the child of every
/// parent it names.
pub fn children(repo: &Repo) -> HashMap<usize, Vec<usize>> {
    let mut out: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, e) in repo.plans.iter().enumerate() {
        for p in e.plan.parents.iter().filter_map(|p| repo.by_id.get(p)) {
            let list = out.entry(*p).or_default();
            if *p != i && list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn pending_status_by_deadline() {
        let today = d("2026-11-23");
        assert_eq!(pending(Some(d("2026-10-31")), today), Status::Overdue);
        assert_eq!(pending(Some(d("2026-11-23")), today), Status::DueSoon);
        assert_eq!(pending(Some(d("2026-12-23")), today), Status::DueSoon);
        assert_eq!(pending(Some(d("2026-12-24")), today), Status::NotMet);
        assert_eq!(pending(None, today), Status::NotMet);
    }

    #[test]
    fn latest_on_or_before_wins_and_later_rows_break_ties() {
        let m = |v: f64, date: &str, line: usize| Measurement {
            plan: 0,
            targets: vec![0],
            segment: None,
            value: crate::domain::threshold::Quantity::Percent(v),
            as_of: d(date),
            source: String::new(),
            file: 0,
            line,
        };
        let all = vec![
            m(10.0, "2026-06-30", 2),
            m(20.0, "2026-09-30", 3),
            m(25.0, "2026-09-30", 4),
            m(30.0, "2026-12-31", 5),
        ];
        let best = latest(&all, d("2026-11-23"));
        assert_eq!(best[&(0, 0, None)].line, 4);
        let best = latest(&all, d("2026-07-01"));
        assert_eq!(best[&(0, 0, None)].line, 2);
        assert!(latest(&all, d("2026-01-01")).is_empty());
    }
}
