//! Threshold cascade, milestones and deadline cascade: a child target against
//! the parent targets of the same metric and segment. `kh diff` shows the same
//! judgements, so they are computed here once and turned into findings below.

use super::oriented;
use crate::domain::period::same_horizon;
use crate::domain::threshold::Inclusion;
use crate::domain::{Deadline, Plan, Str, Target, Threshold};
use crate::finding::{At, Finding};
use crate::message::{Label, Message};
use crate::repo::{Entry, Repo};
use crate::rules::Rule;
use crate::yaml::Seg;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Parent targets by metric: the cascade never compares all against all.
pub fn by_metric(plan: &Plan) -> HashMap<&str, Vec<usize>> {
    let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in plan.targets.iter().enumerate() {
        m.entry(t.metric.as_str()).or_default().push(i);
    }
    m
}

/// When a target is finally due as written in its own plan. `None` means in
/// force throughout (ongoing, recurring, or "theo quy định").
pub fn own_due(plan: &Plan, t: &Target) -> Option<NaiveDate> {
    match t.deadline() {
        None => Some(plan.period.end()),
        Some(d) => d.final_date(),
    }
}

/// A child target's deadline: its own, else inherited from the parent targets
/// of its metric (the earliest one falling in or after its period, no later
/// than the period's end), else the end of its period. `parents` are the
/// targets that judge the child.
pub fn effective_due(
    child: &Plan,
    t: &Target,
    parent: &Plan,
    parents: &[&Target],
) -> (Option<NaiveDate>, bool) {
    if let Some(d) = t.deadline() {
        return (d.final_date(), false);
    }
    let start = child.period.start();
    let dated: Vec<NaiveDate> = parents.iter().filter_map(|p| own_due(parent, p)).collect();
    if dated.is_empty() && !parents.is_empty() {
        return (None, true);
    }
    let inherited = dated
        .iter()
        .filter(|d| **d >= start)
        .min()
        .map(|d| (*d).min(child.period.end()))
        .unwrap_or(child.period.end());
    // Without a date of its own, a target's date is never its own: from a
    // parent, or the end of its period.
    (Some(inherited), true)
}

/// Where a target's deadline comes from, over every parent of its plan.
#[derive(Debug, Clone, Copy)]
pub enum DueFrom<'a> {
    /// Its own deadline.
    Own,
    /// Inherited from this parent (the one giving the earliest date) and
    /// its first target of the metric.
    Parent(&'a Entry, usize),
    /// No deadline anywhere: the end of the plan's period.
    Period,
}

/// A target's deadline as every command counts it: its own; else the
/// earliest inherited from any parent's targets of its metric that judge
/// the plan; else the end of the period. The date is `None` when in force
/// throughout (ongoing, recurring).
pub fn target_due<'a>(
    repo: &'a Repo,
    e: &'a Entry,
    t: &Target,
) -> (Option<NaiveDate>, DueFrom<'a>) {
    if let Some(d) = t.deadline() {
        return (d.final_date(), DueFrom::Own);
    }
    let mut best: Option<(Option<NaiveDate>, DueFrom<'a>)> = None;
    for parent in repo.parents_of(e).filter(|p| p.plan.id != e.plan.id) {
        let pts: Vec<usize> = parent
            .plan
            .targets
            .iter()
            .enumerate()
            .filter(|(_, p)| p.metric == t.metric && p.judges(&e.plan))
            .map(|(i, _)| i)
            .collect();
        let Some(&first) = pts.first() else { continue };
        let targets: Vec<&Target> = pts.iter().map(|i| &parent.plan.targets[*i]).collect();
        let (date, _) = effective_due(&e.plan, t, &parent.plan, &targets);
        // A dated inheritance wins over an ongoing one, the earliest over later.
        let better = match &best {
            None => true,
            Some((b, _)) => match (date, b) {
                (Some(d), Some(b)) => d < *b,
                (Some(_), None) => true,
                _ => false,
            },
        };
        if better {
            best = Some((date, DueFrom::Parent(parent, first)));
        }
    }
    best.unwrap_or((Some(e.plan.period.end()), DueFrom::Period))
}

/// One threshold set beside the parent's, for one segment.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub parent_target: usize,
    pub segment: Option<String>,
    pub child: Threshold,
    pub parent: Threshold,
    pub inclusion: Inclusion,
    /// `Some(per)` when `parent` is the parent's per-child floor ("không có
    /// xã nào dưới 50%", `per` = "xã") rather than its aggregate: a child
    /// the floor applies to is judged against the floor, and the aggregate
    /// against the roll-up in `kh status`.
    pub floor: Option<Option<String>>,
    /// The child's deadline beside this parent target's, as judged: `Greater`
    /// only when the child is due later than it may be (a `later-deadline`);
    /// `None` when either is undated, or the child is due after this target
    /// but before a later one of the same metric.
    pub timing: Option<std::cmp::Ordering>,
}

#[derive(Debug, Clone, Default)]
pub struct Judgement {
    /// Due before every parent target of its metric: an intermediate step.
    pub milestone: bool,
    /// The parent target the milestone leads to.
    pub milestone_of: Option<usize>,
    pub comparisons: Vec<Comparison>,
    /// (child's date, latest parent target, its date) when the child is due later.
    pub later: Option<(NaiveDate, usize, NaiveDate)>,
    pub due: Option<NaiveDate>,
    pub inherited: bool,
}

/// The parent targets among `pts` that judge `child`: not internal, binding
/// it or the bodies below it.
pub fn judging(parent: &Plan, child: &Plan, pts: &[usize]) -> Vec<usize> {
    pts.iter()
        .copied()
        .filter(|i| parent.targets[*i].judges(child))
        .collect()
}

/// Judges a child target against the parent targets of its metric (`pts`,
/// all of them: those that do not judge the child, or belong to another
/// horizon, are left out here). `kh check`, `kh diff` and `kh status`
/// all take their verdicts from this one function.
pub fn judge(repo: &Repo, child: &Plan, ct: &Target, parent: &Plan, pts: &[usize]) -> Judgement {
    let pts = judging(parent, child, pts);
    let ptargets: Vec<&Target> = pts.iter().map(|i| &parent.targets[*i]).collect();
    let (due, inherited) = effective_due(child, ct, parent, &ptargets);
    let mut j = Judgement {
        due,
        inherited,
        ..Judgement::default()
    };
    // A 2030 target is compared with the parent's 2030 target, not its 2025 one.
    let pts: Vec<usize> = pts
        .into_iter()
        .filter(|i| {
            let pd = own_due(parent, &parent.targets[*i]);
            same_horizon(&parent.period, pd, &child.period, due)
        })
        .collect();
    let parent_dates: Vec<Option<NaiveDate>> = pts
        .iter()
        .map(|i| own_due(parent, &parent.targets[*i]))
        .collect();
    if let Some(cd) = due {
        if !parent_dates.is_empty() && parent_dates.iter().all(|d| d.is_some_and(|d| cd < d)) {
            j.milestone = true;
            j.milestone_of = pts.first().copied();
            return j;
        }
        let explicit = matches!(ct.deadline(), Some(d) if !matches!(d, Deadline::Inherited));
        if explicit
            && parent_dates.iter().all(Option::is_some)
            && let Some((pi, pd)) = pts
                .iter()
                .zip(&parent_dates)
                .filter_map(|(i, d)| d.map(|d| (*i, d)))
                .max_by_key(|(_, d)| *d)
            && cd > pd
        {
            j.later = Some((cd, pi, pd));
        }
    }
    for (pi, pd) in pts.iter().zip(&parent_dates) {
        // A parent target due after the child's is judged against the child's later steps.
        if let (Some(cd), Some(pd)) = (due, pd)
            && *pd > cd
        {
            continue;
        }
        let timing = match (due, pd) {
            (Some(cd), Some(pd)) if cd > *pd => {
                j.later.is_some().then_some(std::cmp::Ordering::Greater)
            }
            (Some(cd), Some(pd)) => Some(cd.cmp(pd)),
            _ => None,
        };
        let pt = &parent.targets[*pi];
        for (seg, cv) in segment_pairs(child, ct, pt) {
            let Some(pv) = pt.value_for(seg.as_deref()) else {
                continue;
            };
            let c = oriented(repo, &ct.metric, &cv);
            let floor = pv
                .value
                .floor
                .as_deref()
                .filter(|f| floor_applies(f, child));
            let p = oriented(
                repo,
                &pt.metric,
                floor.map_or(&pv.value.binding, |f| &f.threshold),
            );
            let inclusion = c.within(&p);
            j.comparisons.push(Comparison {
                parent_target: *pi,
                segment: seg.map(String::from),
                child: c,
                parent: p,
                inclusion,
                floor: floor.map(|f| f.per.clone()),
                timing,
            });
        }
    }
    j
}

/// Whether a parent's per-child floor applies to `child`: one naming the
/// kind of body ("xã", "trường", "trường THPT") applies to plans of that
/// level or kind; one naming none, or a word kh does not know as a level
/// ("đơn vị"), to every child.
pub fn floor_applies(floor: &crate::domain::threshold::Floor, child: &Plan) -> bool {
    match floor.per.as_deref().map(crate::domain::Binding::parse) {
        Some(b @ (crate::domain::Binding::Level(_) | crate::domain::Binding::School(_))) => {
            b.binds(child)
        }
        _ => true,
    }
}

/// The (segment, child threshold) pairs to compare with a parent target: the
/// child's own segments, else the segments its plan says it belongs to, else
/// every segment of the parent target.
fn segment_pairs(child: &Plan, ct: &Target, pt: &Target) -> Vec<(Option<Str>, Threshold)> {
    let mut out = Vec::new();
    for v in &ct.values {
        match &v.segment {
            Some(s) => out.push((Some(s.clone()), v.value.binding.clone())),
            None if !child.segment.is_empty() => {
                for s in &child.segment {
                    out.push((Some(s.as_str().into()), v.value.binding.clone()));
                }
            }
            None => {
                let segs: Vec<&Str> = pt
                    .values
                    .iter()
                    .filter_map(|p| p.segment.as_ref())
                    .collect();
                if segs.is_empty() {
                    out.push((None, v.value.binding.clone()));
                } else {
                    for s in segs {
                        out.push((Some(s.clone()), v.value.binding.clone()));
                    }
                }
            }
        }
    }
    out
}

pub fn value_path(t_index: usize, t: &Target, segment: Option<&str>) -> Vec<Seg> {
    let k = |s: &str| Seg::Key(s.to_string());
    let own = segment.filter(|s| t.values.iter().any(|v| v.segment.as_deref() == Some(*s)));
    match own {
        Some(s) => vec![k("targets"), Seg::Index(t_index), k("by_segment"), k(s)],
        None if t.values.iter().all(|v| v.segment.is_some()) => {
            vec![k("targets"), Seg::Index(t_index), k("by_segment")]
        }
        None => vec![k("targets"), Seg::Index(t_index), k("target")],
    }
}

fn label(plan: &Plan, t: &Target) -> Label {
    Label::Target {
        id: t.id.to_string(),
        plan: plan.id.clone(),
    }
}

pub fn check(repo: &Repo, e: &Entry, parent: &Entry, out: &mut Vec<Finding>) {
    let index = by_metric(&parent.plan);
    for (ci, ct) in e.plan.targets.iter().enumerate() {
        let Some(pts) = index.get(ct.metric.as_str()) else {
            continue;
        };
        let j = judge(repo, &e.plan, ct, &parent.plan, pts);
        if j.milestone {
            let m = j.milestone_of.unwrap_or(pts[0]);
            let first = &parent.plan.targets[m];
            out.push(
                Finding::new(
                    Rule::Milestone,
                    e.file,
                    At::Value(due_or_target(ci, ct)),
                    Message::Milestone {
                        target: ct.id.to_string(),
                        metric: ct.metric.to_string(),
                        due: j.due,
                        parent_plan: parent.plan.id.clone(),
                    },
                )
                .with_related(
                    parent.file,
                    At::Value(vec![
                        Seg::Key("targets".into()),
                        Seg::Index(m),
                        Seg::Key("due".into()),
                    ]),
                    label(&parent.plan, first),
                ),
            );
            continue;
        }
        for c in &j.comparisons {
            let pt = &parent.plan.targets[c.parent_target];
            let related = At::Value(value_path(c.parent_target, pt, c.segment.as_deref()));
            let here = At::Value(value_path(ci, ct, c.segment.as_deref()));
            let (target, metric, segment) = (ct.id.clone(), ct.metric.clone(), c.segment.clone());
            let (parent_target, parent_plan) = (pt.id.clone(), parent.plan.id.clone());
            let (found, expected) = (c.child.to_string(), c.parent.to_string());
            let (rule, message) = match &c.inclusion {
                Inclusion::Inside => continue,
                // Severity: warning. The value meets the parent's, but "phấn đấu"
                // only strives for it where the parent sets a firm threshold.
                Inclusion::Aspiration => (
                    Rule::AspirationOnly,
                    Message::AspirationOnly {
                        target: target.to_string(),
                        metric: metric.to_string(),
                        plan: e.plan.id.clone(),
                        segment,
                        found,
                        parent_target: parent_target.to_string(),
                        parent_plan,
                        expected,
                    },
                ),
                Inclusion::Outside if c.floor.is_some() => (
                    Rule::BelowFloor,
                    Message::BelowFloor {
                        target: target.to_string(),
                        metric: metric.to_string(),
                        plan: e.plan.id.clone(),
                        segment,
                        per: c.floor.clone().flatten(),
                        expected,
                        parent_target: parent_target.to_string(),
                        parent_plan,
                        found,
                    },
                ),
                Inclusion::Outside => (
                    Rule::LooserThreshold,
                    Message::Looser {
                        target: target.to_string(),
                        metric: metric.to_string(),
                        plan: e.plan.id.clone(),
                        segment,
                        expected,
                        parent_target: parent_target.to_string(),
                        parent_plan,
                        found,
                    },
                ),
                Inclusion::Incomparable(why) => (
                    Rule::IncomparableThreshold,
                    Message::Incomparable {
                        target: target.to_string(),
                        metric: metric.to_string(),
                        segment,
                        parent_target: parent_target.to_string(),
                        parent_plan,
                        why: why.clone(),
                    },
                ),
            };
            out.push(Finding::new(rule, e.file, here, message).with_related(
                parent.file,
                related,
                label(&parent.plan, pt),
            ));
        }
        if let Some((cd, pi, pd)) = j.later {
            let pt = &parent.plan.targets[pi];
            out.push(
                Finding::new(
                    Rule::LaterDeadline,
                    e.file,
                    At::Value(vec![
                        Seg::Key("targets".into()),
                        Seg::Index(ci),
                        Seg::Key("due".into()),
                    ]),
                    Message::LaterDeadline {
                        target: ct.id.to_string(),
                        metric: ct.metric.to_string(),
                        expected: pd,
                        parent_target: pt.id.to_string(),
                        parent_plan: parent.plan.id.clone(),
                        found: cd,
                    },
                )
                .with_related(
                    parent.file,
                    At::Value(vec![
                        Seg::Key("targets".into()),
                        Seg::Index(pi),
                        Seg::Key("due".into()),
                    ]),
                    label(&parent.plan, pt),
                ),
            );
        }
    }
}

fn due_or_target(ci: usize, ct: &Target) -> Vec<Seg> {
    let field = if ct.due.is_some() { "due" } else { "id" };
    vec![
        Seg::Key("targets".into()),
        Seg::Index(ci),
        Seg::Key(field.into()),
    ]
}

#[cfg(test)]
mod tests {
    use crate::check::fixture::{CATALOG, plan, rules};
    use crate::check::{Options, run};
    use crate::repo::from_sources;

    fn floor_case(parent_target: &str, level: &str, child_target: &str) -> Vec<&'static str> {
        let p = plan("p", "province", "2026-05-13", None, &[parent_target]);
        let c = plan("c", level, "2026-06", Some("p"), &[child_target]);
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        rules(&run(&repo, Options::default()))
    }

    #[test]
    fn a_floor_judges_the_children_it_names_and_the_aggregate_judges_none() {
        let parent =
            "{id: P, text: t, metric: ai, target: 'bình quân 80%, không có xã nào dưới 50%'}";
        let none: Vec<&str> = Vec::new();
        assert_eq!(
            floor_case(
                parent,
                "commune",
                "{id: C, text: t, metric: ai, target: 60%}"
            ),
            none
        );
        assert_eq!(
            floor_case(
                parent,
                "commune",
                "{id: C, text: t, metric: ai, target: 40%}"
            ),
            vec!["below-floor"]
        );
        // A school is no commune: the aggregate judges it.
        assert_eq!(
            floor_case(
                parent,
                "school",
                "{id: C, text: t, metric: ai, target: 60%}"
            ),
            vec!["looser-threshold"]
        );
        let every =
            "{id: P, text: t, metric: ai, target: 'bình quân 80%, mỗi đơn vị tối thiểu 50%'}";
        assert_eq!(
            floor_case(every, "school", "{id: C, text: t, metric: ai, target: 40%}"),
            vec!["below-floor"]
        );
    }

    fn pair(parent_target: &str, child_target: &str) -> Vec<crate::finding::Finding> {
        let p = plan("p", "province", "2026-05-13", None, &[parent_target]);
        let c = plan("c", "commune", "2026-06", Some("p"), &[child_target]);
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        run(&repo, Options::default())
    }

    #[test]
    fn stricter_child_passes() {
        let f = pair(
            "{id: P, text: t, metric: ai, target: tối thiểu 20%}",
            "{id: C, text: t, metric: ai, target: tối thiểu 25%}",
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn looser_child_is_an_error_at_its_value_naming_the_parent() {
        let f = pair(
            "{id: P, text: t, metric: ai, target: tối thiểu 20%}",
            "{id: C, text: t, metric: ai, target: tối thiểu 15%}",
        );
        assert_eq!(rules(&f), vec!["looser-threshold"]);
        assert_eq!(
            f[0].at,
            crate::finding::At::Value(crate::yaml::path("targets.0.target"))
        );
        let rel = f[0].related.as_ref().unwrap();
        assert_eq!(rel.file, 1);
        assert!(
            f[0].text(crate::ui::Lang::En).contains("`>= 20%`")
                && f[0].text(crate::ui::Lang::En).contains("`>= 15%`"),
            "{}",
            f[0].text(crate::ui::Lang::En)
        );
    }

    #[test]
    fn above_inside_above_but_at_least_is_not() {
        assert!(
            pair(
                "{id: P, text: t, metric: ai, target: trên 50%}",
                "{id: C, text: t, metric: ai, target: trên 50%}"
            )
            .is_empty()
        );
        assert_eq!(
            rules(&pair(
                "{id: P, text: t, metric: ai, target: trên 50%}",
                "{id: C, text: t, metric: ai, target: tối thiểu 50%}"
            )),
            vec!["looser-threshold"]
        );
    }

    #[test]
    fn ratio_four_of_four_is_a_hundred_percent() {
        assert!(
            pair(
                "{id: P, text: t, metric: ai, target: 100%}",
                "{id: C, text: t, metric: ai, target: 4/4}"
            )
            .is_empty()
        );
    }

    #[test]
    fn lower_is_better_reads_bare_values_as_ceilings() {
        assert!(
            pair(
                "{id: P, text: t, metric: wait, target: 10 ngày}",
                "{id: C, text: t, metric: wait, target: 7 ngày}"
            )
            .is_empty()
        );
        assert_eq!(
            rules(&pair(
                "{id: P, text: t, metric: wait, target: 10 ngày}",
                "{id: C, text: t, metric: wait, target: 12 ngày}"
            )),
            vec!["looser-threshold"]
        );
    }

    #[test]
    fn later_deadline_is_an_error() {
        let f = pair(
            "{id: P, text: t, metric: ai, target: 20%, due: Tháng 11/2026}",
            "{id: C, text: t, metric: ai, target: 25%, due: Tháng 12/2026}",
        );
        assert_eq!(rules(&f), vec!["later-deadline"]);
        assert!(
            f[0].text(crate::ui::Lang::En).contains("30/11/2026")
                && f[0].text(crate::ui::Lang::En).contains("31/12/2026")
        );
    }

    #[test]
    fn earlier_child_target_is_a_milestone_not_judged() {
        let f = pair(
            "{id: P, text: t, metric: ai, target: 50%, due: Tháng 12/2026}",
            "{id: C, text: t, metric: ai, target: 10%, due: Quý II/2026}",
        );
        assert_eq!(rules(&f), vec!["milestone"]);
        assert_eq!(f[0].severity, crate::finding::Severity::Note);
    }

    #[test]
    fn undated_child_inherits_and_is_judged() {
        let f = pair(
            "{id: P, text: t, metric: ai, target: 50%, due: Tháng 11/2026}",
            "{id: C, text: t, metric: ai, target: 40%}",
        );
        assert_eq!(rules(&f), vec!["looser-threshold"]);
    }

    #[test]
    fn per_segment_parent_is_compared_segment_by_segment() {
        let seg = "segments: {urban: thành thị, mountain: miền núi}\n";
        let p = format!(
            "{}{seg}",
            plan(
                "p",
                "province",
                "2026-01",
                None,
                &["{id: P, text: t, metric: ai, by_segment: {urban: 100%, mountain: 80%}}"]
            )
        );
        let c = format!(
            "{}segment: [mountain]\n",
            plan(
                "c",
                "commune",
                "2026-06",
                Some("p"),
                &["{id: C, text: t, metric: ai, target: 85%}"]
            )
        );
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        assert!(run(&repo, Options::default()).is_empty());
        let c = c.replace("[mountain]", "[urban]");
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        let f = run(&repo, Options::default());
        assert_eq!(rules(&f), vec!["looser-threshold"]);
        assert!(f[0].text(crate::ui::Lang::En).contains("segment `urban`"));
    }

    /// A 2030 child target is compared with the parent's 2030 target, not
    /// its 2025 one: no later-deadline, and a looser 2030 value is caught.
    #[test]
    fn targets_are_compared_within_their_horizon() {
        let horizon = "period: giai đoạn 2022-2025, định hướng đến năm 2030";
        let p = plan(
            "p",
            "national",
            "2022-01-25",
            None,
            &[
                "{id: P25, text: t, metric: ai, target: tối thiểu 50%, due: Năm 2025}",
                "{id: P30, text: t, metric: ai, target: tối thiểu 90%, due: Năm 2030}",
            ],
        )
        .replace("period: 2026", horizon);
        let c = |target: &str| {
            plan("c", "province", "2022-06", Some("p"), &[target]).replace("period: 2026", horizon)
        };
        let run_with = |child: &str| {
            let repo = from_sources(&[
                ("indicators.yaml", CATALOG),
                ("p.yaml", &p),
                ("c.yaml", child),
            ]);
            run(&repo, Options::default())
        };
        let f = run_with(&c(
            "{id: C30, text: t, metric: ai, target: tối thiểu 95%, due: Năm 2030}",
        ));
        assert!(f.is_empty(), "{f:?}");
        let f = run_with(&c(
            "{id: C30, text: t, metric: ai, target: tối thiểu 80%, due: Năm 2030}",
        ));
        assert_eq!(rules(&f), vec!["looser-threshold"]);
        assert!(f[0].text(crate::ui::Lang::En).contains("target P30"));
    }
}
