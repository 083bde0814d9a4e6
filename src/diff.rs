//! Two plans side by side, indicator by indicator. Where one plan is the other's
//! parent the verdicts come from `check::cascade::judge`, so `kh diff` and
//! `kh check` never disagree.

use crate::check::{cascade, oriented};
use crate::domain::threshold::Inclusion;
use crate::domain::{Deadline, Plan, Target, Threshold};
use crate::repo::{Entry, Repo};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// B accepts fewer values than A.
    Stricter,
    Same,
    Looser,
    /// B only strives for ("phấn đấu") what A requires firmly.
    AspirationOnly,
    /// B is below the floor A sets for each child ("không có xã nào dưới 50%").
    BelowFloor,
    Incomparable,
    OnlyInA,
    OnlyInB,
    /// B's target is due before every A target of its metric (A is B's parent).
    Milestone,
    /// The parent's target does not bind the child (internal to its plan, or
    /// for other bodies): shown beside it, never judged.
    NotBinding,
}

impl Verdict {
    /// The word shown to people.
    pub fn word(self, lang: crate::ui::Lang) -> &'static str {
        match self {
            Verdict::Stricter => crate::messages::word(lang, crate::messages::Word::Stricter),
            Verdict::Same => crate::messages::word(lang, crate::messages::Word::Same),
            Verdict::Looser => crate::messages::word(lang, crate::messages::Word::Looser),
            Verdict::AspirationOnly => {
                crate::messages::word(lang, crate::messages::Word::AspirationOnly)
            }
            Verdict::BelowFloor => crate::messages::word(lang, crate::messages::Word::BelowFloor),
            Verdict::Incomparable => {
                crate::messages::word(lang, crate::messages::Word::Incomparable)
            }
            Verdict::OnlyInA => crate::messages::word(lang, crate::messages::Word::OnlyInA),
            Verdict::OnlyInB => crate::messages::word(lang, crate::messages::Word::OnlyInB),
            Verdict::Milestone => crate::messages::word(lang, crate::messages::Word::MilestoneWord),
            Verdict::NotBinding => crate::messages::word(lang, crate::messages::Word::NotBinding),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Verdict::Stricter => "stricter",
            Verdict::Same => "same",
            Verdict::Looser => "looser",
            Verdict::AspirationOnly => "aspiration-only",
            Verdict::BelowFloor => "below-floor",
            Verdict::Incomparable => "incomparable",
            Verdict::OnlyInA => "only in A",
            Verdict::OnlyInB => "only in B",
            Verdict::Milestone => "milestone",
            Verdict::NotBinding => "not binding",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeadlineVerdict {
    Earlier,
    Same,
    Later,
}

impl DeadlineVerdict {
    pub fn word(self, lang: crate::ui::Lang) -> &'static str {
        match self {
            DeadlineVerdict::Earlier => crate::messages::word(lang, crate::messages::Word::Earlier),
            DeadlineVerdict::Same => crate::messages::word(lang, crate::messages::Word::Same),
            DeadlineVerdict::Later => crate::messages::word(lang, crate::messages::Word::Later),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            DeadlineVerdict::Earlier => "earlier",
            DeadlineVerdict::Same => "same",
            DeadlineVerdict::Later => "later",
        }
    }
}

/// One side of a row.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub id: String,
    pub threshold: String,
    /// The deadline as compared: a date (`*` when inherited), "ongoing", or a recurrence.
    pub due: String,
    /// The same deadline as a date, for a spreadsheet, and whether it is inherited.
    #[serde(skip)]
    pub due_date: Option<NaiveDate>,
    #[serde(skip)]
    pub inherited: bool,
    /// Fields of the target not stated in its document (`{}` when all are).
    pub provenance: crate::domain::Provenances,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub metric: String,
    pub segment: Option<String>,
    pub a: Option<Side>,
    pub b: Option<Side>,
    pub verdict: Verdict,
    pub deadline: Option<DeadlineVerdict>,
    /// An A-only row that does not bind B (internal to A, or not for B's level).
    #[serde(skip)]
    pub optional: bool,
}

impl Row {
    /// Looser, later, or missing from B where B must carry it.
    pub fn is_problem(&self) -> bool {
        matches!(
            self.verdict,
            Verdict::Looser | Verdict::Incomparable | Verdict::AspirationOnly | Verdict::BelowFloor
        ) || self.deadline == Some(DeadlineVerdict::Later)
            || (self.verdict == Verdict::OnlyInA && !self.optional)
    }
}

/// A deadline as a row shows it, with the date and inheritance it was made from.
#[derive(Debug, Clone)]
struct Shown {
    text: String,
    date: Option<NaiveDate>,
    inherited: bool,
}

fn show_due(date: Option<NaiveDate>, inherited: bool, d: &Option<Deadline>) -> Shown {
    Shown {
        text: due_text(date, inherited, d),
        date,
        inherited,
    }
}

fn due_text(date: Option<NaiveDate>, inherited: bool, d: &Option<Deadline>) -> String {
    match (date, d) {
        (Some(x), _) => format!(
            "{}{}",
            x.format("%d/%m/%Y"),
            if inherited { "*" } else { "" }
        ),
        (None, Some(d)) if d.is_recurring() => d.to_string(),
        (None, _) => format!("ongoing{}", if inherited { "*" } else { "" }),
    }
}

fn side(t: &Target, threshold: &Threshold, due: Shown) -> Side {
    Side {
        id: t.id.to_string(),
        threshold: threshold.to_string(),
        due: due.text,
        due_date: due.date,
        inherited: due.inherited,
        provenance: t.provenance.clone(),
    }
}

fn verdict_of(child: &Threshold, parent: &Threshold) -> Verdict {
    match (child.within(parent), parent.within(child)) {
        (Inclusion::Inside, Inclusion::Inside) => Verdict::Same,
        (Inclusion::Inside, _) => Verdict::Stricter,
        // Only strived for ("phấn đấu"): never stricter than a firm parent,
        // and named as kh check names it.
        (Inclusion::Aspiration, _) => Verdict::AspirationOnly,
        (Inclusion::Outside, _) => Verdict::Looser,
        (Inclusion::Incomparable(_), _) => Verdict::Incomparable,
    }
}

/// B's deadline beside A's, from the cascade's judgement of the child's
/// (`timing`, the child's against the parent's).
fn deadline_verdict(
    timing: Option<std::cmp::Ordering>,
    b_is_child: bool,
) -> Option<DeadlineVerdict> {
    let t = if b_is_child {
        timing?
    } else {
        timing?.reverse()
    };
    Some(match t {
        std::cmp::Ordering::Less => DeadlineVerdict::Earlier,
        std::cmp::Ordering::Equal => DeadlineVerdict::Same,
        std::cmp::Ordering::Greater => DeadlineVerdict::Later,
    })
}

/// The segments a target has, or `[None]` for one threshold for all.
fn segments(t: &Target) -> Vec<Option<String>> {
    t.values
        .iter()
        .map(|v| v.segment.as_deref().map(String::from))
        .collect()
}

/// Compares plan B with plan A, row by row, in A's order, then B's additions.
pub fn diff(repo: &Repo, a: &Entry, b: &Entry) -> Vec<Row> {
    let (pa, pb) = (&a.plan, &b.plan);
    let b_is_child = pb.has_parent(&pa.id);
    let a_is_child = pa.has_parent(&pb.id) && !b_is_child;
    let a_index = cascade::by_metric(pa);
    let b_index = cascade::by_metric(pb);
    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    for t in &pa.targets {
        if !seen.insert(t.metric.as_str()) {
            continue;
        }
        let a_targets = &a_index[t.metric.as_str()];
        match b_index.get(t.metric.as_str()) {
            None => {
                for ai in a_targets {
                    let at = &pa.targets[*ai];
                    let optional = !b_is_child || !crate::check::coverage::binds(pa, at, pb);
                    for seg in segments(at) {
                        let Some(v) = at.value_for(seg.as_deref()) else {
                            continue;
                        };
                        let th = oriented(repo, &at.metric, &v.value.binding);
                        let due = show_due(cascade::own_due(pa, at), at.due.is_none(), &at.due);
                        rows.push(Row {
                            metric: at.metric.to_string(),
                            segment: seg,
                            a: Some(side(at, &th, due)),
                            b: None,
                            verdict: Verdict::OnlyInA,
                            deadline: None,
                            optional,
                        });
                    }
                }
            }
            Some(b_targets) if a_is_child => {
                rows.extend(pair(repo, b, a, b_targets, a_targets, true));
            }
            Some(b_targets) => {
                rows.extend(pair(repo, a, b, a_targets, b_targets, false));
            }
        }
    }
    for t in &pb.targets {
        if a_index.contains_key(t.metric.as_str()) {
            continue;
        }
        for seg in segments(t) {
            let Some(v) = t.value_for(seg.as_deref()) else {
                continue;
            };
            let th = oriented(repo, &t.metric, &v.value.binding);
            let due = show_due(cascade::own_due(pb, t), t.due.is_none(), &t.due);
            rows.push(Row {
                metric: t.metric.to_string(),
                segment: seg,
                a: None,
                b: Some(side(t, &th, due)),
                verdict: Verdict::OnlyInB,
                deadline: None,
                optional: true,
            });
        }
    }
    rows
}

/// Rows for one metric present in both: `upper` plays the parent (its targets
/// `ut`), `lower` the child. `swapped` when upper is plan B.
fn pair(
    repo: &Repo,
    upper: &Entry,
    lower: &Entry,
    ut: &[usize],
    lt: &[usize],
    swapped: bool,
) -> Vec<Row> {
    let (pu, pl) = (&upper.plan, &lower.plan);
    let mut rows = Vec::new();
    let mut used = BTreeSet::new();
    // A target without a counterpart is listed, never dropped.
    let alone = |plan: &Plan, t: &Target, on_a: bool| -> Vec<Row> {
        segments(t)
            .into_iter()
            .filter_map(|seg| {
                let v = t.value_for(seg.as_deref())?;
                let th = oriented(repo, &t.metric, &v.value.binding);
                let s = Some(side(
                    t,
                    &th,
                    show_due(cascade::own_due(plan, t), t.due.is_none(), &t.due),
                ));
                let (a, b, verdict) = if on_a {
                    (s, None, Verdict::OnlyInA)
                } else {
                    (None, s, Verdict::OnlyInB)
                };
                Some(Row {
                    metric: t.metric.to_string(),
                    segment: seg,
                    a,
                    b,
                    verdict,
                    deadline: None,
                    optional: true,
                })
            })
            .collect()
    };
    for li in lt {
        let ct = &pl.targets[*li];
        let j = cascade::judge(repo, pl, ct, pu, ut);
        let lower_due = show_due(j.due, j.inherited, &ct.due);
        if !j.milestone && j.comparisons.is_empty() {
            // Same metric, but the parent's targets do not bind this plan:
            // side by side, not judged.
            let unbound: Vec<usize> = ut
                .iter()
                .copied()
                .filter(|i| !pu.targets[*i].judges(pl))
                .collect();
            if unbound.is_empty() {
                rows.extend(alone(pl, ct, swapped));
            }
            for ui in unbound {
                used.insert(ui);
                let pt = &pu.targets[ui];
                for seg in segments(ct) {
                    let Some(v) = ct.value_for(seg.as_deref()) else {
                        continue;
                    };
                    let low = Some(side(
                        ct,
                        &oriented(repo, &ct.metric, &v.value.binding),
                        lower_due.clone(),
                    ));
                    let up = pt.value_for(seg.as_deref()).map(|pv| {
                        side(
                            pt,
                            &oriented(repo, &pt.metric, &pv.value.binding),
                            show_due(cascade::own_due(pu, pt), pt.due.is_none(), &pt.due),
                        )
                    });
                    let (a, b) = if swapped { (low, up) } else { (up, low) };
                    rows.push(Row {
                        metric: ct.metric.to_string(),
                        segment: seg,
                        a,
                        b,
                        verdict: Verdict::NotBinding,
                        deadline: None,
                        optional: true,
                    });
                }
            }
            continue;
        }
        if j.milestone {
            used.insert(ut[0]);
            let pt = &pu.targets[ut[0]];
            for seg in segments(ct) {
                let Some(v) = ct.value_for(seg.as_deref()) else {
                    continue;
                };
                let th = oriented(repo, &ct.metric, &v.value.binding);
                let pv = pt
                    .value_for(seg.as_deref())
                    .map(|v| oriented(repo, &pt.metric, &v.value.binding));
                let up = pv.map(|p| {
                    side(
                        pt,
                        &p,
                        show_due(cascade::own_due(pu, pt), pt.due.is_none(), &pt.due),
                    )
                });
                let low = Some(side(ct, &th, lower_due.clone()));
                let (a, b) = if swapped { (low, up) } else { (up, low) };
                rows.push(Row {
                    metric: ct.metric.to_string(),
                    segment: seg,
                    a,
                    b,
                    verdict: Verdict::Milestone,
                    deadline: Some(if swapped {
                        DeadlineVerdict::Later
                    } else {
                        DeadlineVerdict::Earlier
                    }),
                    optional: true,
                });
            }
            continue;
        }
        for c in &j.comparisons {
            used.insert(c.parent_target);
            let pt = &pu.targets[c.parent_target];
            let up_date = cascade::own_due(pu, pt);
            let mut up = side(pt, &c.parent, show_due(up_date, pt.due.is_none(), &pt.due));
            // A floor is shown as the plan's formal form writes it.
            if let Some(per) = &c.floor {
                up.threshold = crate::domain::threshold::floor_text(per.as_deref(), &c.parent);
            }
            let up = Some(up);
            let low = Some(side(ct, &c.child, lower_due.clone()));
            // Verdicts read as "B compared with A".
            let (a, b, verdict, deadline) = if swapped {
                (
                    low,
                    up,
                    verdict_of(&c.parent, &c.child),
                    deadline_verdict(c.timing, false),
                )
            } else {
                let v = match &c.inclusion {
                    Inclusion::Incomparable(_) => Verdict::Incomparable,
                    Inclusion::Outside if c.floor.is_some() => Verdict::BelowFloor,
                    _ => verdict_of(&c.child, &c.parent),
                };
                (up, low, v, deadline_verdict(c.timing, true))
            };
            rows.push(Row {
                metric: ct.metric.to_string(),
                segment: c.segment.clone(),
                a,
                b,
                verdict,
                deadline,
                optional: false,
            });
        }
    }
    for ui in ut.iter().filter(|u| !used.contains(*u)) {
        rows.extend(alone(pu, &pu.targets[*ui], !swapped));
    }
    rows
}

/// How a plan is named on the command line: its id, or the path of its file.
pub fn find<'a>(repo: &'a Repo, name: &str) -> Option<&'a Entry> {
    repo.plan(name).or_else(|| {
        let wanted = std::path::Path::new(name);
        let canonical = std::fs::canonicalize(wanted).ok();
        repo.plans.iter().find(|e| {
            let p = repo.path(e.file);
            p == wanted || (canonical.is_some() && std::fs::canonicalize(p).ok() == canonical)
        })
    })
}

/// A plan's label in headings.
pub fn label(p: &Plan) -> String {
    // Headings are read by people: no control character reaches the terminal.
    crate::text::escape_controls(&format!("{} ({})", p.id, p.issuer)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::fixture::{CATALOG, plan};
    use crate::repo::from_sources;

    fn rows(parent_targets: &[&str], child_targets: &[&str]) -> Vec<Row> {
        let p = plan("p", "province", "2026-05-13", None, parent_targets);
        let c = plan("c", "commune", "2026-06", Some("p"), child_targets);
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        diff(&repo, repo.plan("p").unwrap(), repo.plan("c").unwrap())
    }

    #[test]
    fn verdicts_match_the_cascade() {
        let r = rows(
            &[
                "{id: P1, text: t, metric: ai, target: tối thiểu 20%}",
                "{id: P2, text: t, metric: skills, target: trên 50%}",
                "{id: P3, text: t, metric: plans, target: 100%, applies_to: []}",
            ],
            &[
                "{id: C1, text: t, metric: ai, target: 25%}",
                "{id: C2, text: t, metric: skills, target: tối thiểu 50%}",
                "{id: C3, text: t, metric: wait, target: 5 ngày}",
            ],
        );
        let v: Vec<(&str, Verdict)> = r.iter().map(|r| (r.metric.as_str(), r.verdict)).collect();
        assert_eq!(
            v,
            vec![
                ("ai", Verdict::Stricter),
                ("skills", Verdict::Looser),
                ("plans", Verdict::OnlyInA),
                ("wait", Verdict::OnlyInB),
            ]
        );
        assert!(r[1].is_problem());
        assert!(
            !r[2].is_problem(),
            "an internal target is not missing from the child"
        );
        assert_eq!(r[0].a.as_ref().unwrap().threshold, ">= 20%");
        assert_eq!(r[0].b.as_ref().unwrap().threshold, ">= 25%");
    }

    #[test]
    fn same_threshold_and_later_deadline() {
        let r = rows(
            &["{id: P1, text: t, metric: ai, target: tối thiểu 83%, due: Tháng 11/2026}"],
            &["{id: C1, text: t, metric: ai, target: Đạt 83%, due: Tháng 12/2026}"],
        );
        assert_eq!(r[0].verdict, Verdict::Same);
        assert_eq!(r[0].deadline, Some(DeadlineVerdict::Later));
        assert!(r[0].is_problem());
    }

    #[test]
    fn reversed_order_reads_as_b_against_a() {
        let p = plan(
            "p",
            "province",
            "2026-05-13",
            None,
            &["{id: P1, text: t, metric: ai, target: 20%}"],
        );
        let c = plan(
            "c",
            "commune",
            "2026-06",
            Some("p"),
            &["{id: C1, text: t, metric: ai, target: 25%}"],
        );
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        let r = diff(&repo, repo.plan("c").unwrap(), repo.plan("p").unwrap());
        assert_eq!(r[0].verdict, Verdict::Looser);
        assert_eq!(r[0].a.as_ref().unwrap().id, "C1");
    }
}
