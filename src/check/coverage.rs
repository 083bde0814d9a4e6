//! Coverage: each parent target that binds the child's level, and falls due
//! within the child's period, is adopted (same metric) or waived with a reason;
//! and a plan is issued by the parent's deadline for issuing it.

use super::cascade::own_due;
use crate::domain::{Plan, Target};
use crate::finding::{At, Finding};
use crate::message::{Label, Message};
use crate::repo::{Entry, Repo};
use crate::rules::Rule;
use crate::yaml::{Seg, path};
use std::collections::HashSet;

fn target_at(i: usize, field: &str) -> At {
    At::Value(vec![
        Seg::Key("targets".into()),
        Seg::Index(i),
        Seg::Key(field.into()),
    ])
}

/// Must `child` carry parent target `pt`? Only if it binds the child (its
/// level, its kind of school, or the plan by name) and falls due within the
/// child's period or horizons (a parent target due later is another plan's
/// business).
pub fn binds(parent: &Plan, pt: &Target, child: &Plan) -> bool {
    pt.binds(parent.level, child) && own_due(parent, pt).is_none_or(|d| child.period.covers(d))
}

pub fn check(repo: &Repo, e: &Entry, parent: &Entry, out: &mut Vec<Finding>) {
    let child = &e.plan;
    let p = &parent.plan;
    let adopted: HashSet<&str> = child.targets.iter().map(|t| t.metric.as_str()).collect();
    let waived: HashSet<&str> = child.waivers.iter().map(|w| w.metric.as_str()).collect();
    let parent_metrics: HashSet<&str> = p.targets.iter().map(|t| t.metric.as_str()).collect();
    let mut reported = HashSet::new();
    for (pi, pt) in p.targets.iter().enumerate() {
        if !binds(p, pt, child) {
            continue;
        }
        if adopted.contains(pt.metric.as_str()) || waived.contains(pt.metric.as_str()) {
            continue;
        }
        if !reported.insert(pt.metric.as_str()) {
            continue;
        }
        out.push(
            Finding::new(
                Rule::MissingAdoption,
                e.file,
                At::Key(path("targets")),
                Message::MissingAdoption {
                    parent_target: pt.id.to_string(),
                    metric: pt.metric.to_string(),
                    parent_plan: p.id.clone(),
                    level: child.level.key(),
                },
            )
            .with_related(
                parent.file,
                target_at(pi, "metric"),
                Label::Target {
                    id: pt.id.to_string(),
                    plan: p.id.clone(),
                },
            ),
        );
    }
    for (n, w) in child.waivers.iter().enumerate() {
        if !parent_metrics.contains(w.metric.as_str()) {
            out.push(Finding::new(
                Rule::Waiver,
                e.file,
                At::Value(vec![
                    Seg::Key("waivers".into()),
                    Seg::Index(n),
                    Seg::Key("metric".into()),
                ]),
                Message::WaiverUnknownMetric {
                    metric: w.metric.to_string(),
                    parent_plan: p.id.clone(),
                },
            ));
        }
    }
    issued_late(repo, e, parent, out);
}

/// The parent's deadline for its children to issue their own plans (an
/// indicator marked `plan_issuance`), against this plan's date of issue.
pub fn issued_late(repo: &Repo, e: &Entry, parent: &Entry, out: &mut Vec<Finding>) {
    let child = &e.plan;
    let p = &parent.plan;
    for (pi, pt) in p.targets.iter().enumerate() {
        let marks_issuance = repo
            .indicators
            .get(pt.metric.as_str())
            .is_some_and(|i| i.plan_issuance);
        if !marks_issuance || !pt.issuance_binds(p.level, child) {
            continue;
        }
        let Some(deadline) = pt.due.as_ref().and_then(|d| d.final_date()) else {
            continue;
        };
        if child.issued.earliest() > deadline {
            out.push(
                Finding::new(
                    Rule::PlanIssuedLate,
                    e.file,
                    At::Value(path("issued")),
                    Message::PlanIssuedLate {
                        issued: child.issued.to_string(),
                        parent_target: pt.id.to_string(),
                        parent_plan: p.id.clone(),
                        deadline,
                        level: child.level.key(),
                    },
                )
                .with_related(
                    parent.file,
                    target_at(pi, "due"),
                    Label::Target {
                        id: pt.id.to_string(),
                        plan: p.id.clone(),
                    },
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::fixture::{CATALOG, plan, rules};
    use crate::check::{Options, run};
    use crate::repo::from_sources;

    fn with(
        parent_targets: &[&str],
        child_targets: &[&str],
        child_extra: &str,
        issued: &str,
    ) -> Vec<crate::finding::Finding> {
        let p = plan("p", "province", "2026-05-13", None, parent_targets);
        let c = format!(
            "{}{child_extra}",
            plan("c", "commune", issued, Some("p"), child_targets)
        );
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        run(&repo, Options::default())
    }

    const AI: &str = "{id: P1, text: t, metric: ai, target: 20%, applies_to: [commune]}";
    const SKILLS: &str = "{id: P2, text: t, metric: skills, target: 90%, applies_to: [commune]}";

    #[test]
    fn unadopted_target_is_reported() {
        let f = with(
            &[AI, SKILLS],
            &["{id: C, text: t, metric: ai, target: 25%}"],
            "",
            "2026-06",
        );
        assert_eq!(rules(&f), vec!["missing-adoption"]);
        assert!(f[0].text(crate::ui::Lang::En).contains("P2 (skills)"));
    }

    #[test]
    fn waiver_with_reason_covers_it() {
        let f = with(
            &[AI, SKILLS],
            &["{id: C, text: t, metric: ai, target: 25%}"],
            "waivers: [{metric: skills, reason: Không áp dụng}]\n",
            "2026-06",
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn waiver_without_reason_or_parent_target() {
        let f = with(
            &[AI],
            &["{id: C, text: t, metric: ai, target: 25%}"],
            "waivers: [{metric: skills}]\n",
            "2026-06",
        );
        assert_eq!(rules(&f), vec!["waiver", "waiver"]);
    }

    #[test]
    fn internal_targets_are_not_required() {
        let f = with(
            &[
                AI,
                "{id: P3, text: t, metric: skills, target: 90%, applies_to: []}",
            ],
            &["{id: C, text: t, metric: ai, target: 25%}"],
            "",
            "2026-06",
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn plan_issued_after_the_issuing_deadline() {
        let issue = "{id: I.1, text: t, metric: plans, target: 100%, due: Tháng 5/2026, applies_to: [commune]}";
        let f = with(
            &[issue],
            &["{id: C, text: t, metric: plans, target: 100%}"],
            "",
            "2026-06",
        );
        // The child's target inherits the same date, before its plan exists.
        assert_eq!(rules(&f), vec!["due-before-issued", "plan-issued-late"]);
        assert!(
            f[1].text(crate::ui::Lang::En).contains("31/05/2026")
                && f[1].text(crate::ui::Lang::En).contains("06/2026"),
            "{}",
            f[1].text(crate::ui::Lang::En)
        );
        let f = with(
            &[issue],
            &["{id: C, text: t, metric: plans, target: 100%}"],
            "",
            "2026-05-20",
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
