//! Plan consistency: a child's period lies within its parent's, it is not issued
//! before its parent, and no plan is its own ancestor.

use crate::finding::{At, Finding};
use crate::message::{Label, Message};
use crate::repo::{Entry, Repo};
use crate::rules::Rule;
use crate::yaml::path;

pub fn against_parent(e: &Entry, parent: &Entry, out: &mut Vec<Finding>) {
    let (c, p) = (&e.plan, &parent.plan);
    if !p.period.contains(&c.period) {
        out.push(
            Finding::new(
                Rule::PeriodOutsideParent,
                e.file,
                At::Value(path("period")),
                Message::PeriodOutsideParent {
                    period: c.period.to_string(),
                    parent_plan: p.id.clone(),
                    parent_period: p.period.to_string(),
                },
            )
            .with_related(
                parent.file,
                At::Value(path("period")),
                Label::PeriodOf { plan: p.id.clone() },
            ),
        );
    }
    if c.issued.latest() < p.issued.earliest() {
        out.push(
            Finding::new(
                Rule::IssuedBeforeParent,
                e.file,
                At::Value(path("issued")),
                Message::IssuedBeforeParent {
                    issued: c.issued.to_string(),
                    parent_issued: p.issued.to_string(),
                    parent_plan: p.id.clone(),
                },
            )
            .with_related(
                parent.file,
                At::Value(path("issued")),
                Label::IssueDateOf { plan: p.id.clone() },
            ),
        );
    }
}

/// Every cycle of parents, reported once (on its first plan), in linear time.
pub fn cycles(repo: &Repo) -> Vec<Finding> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Active,
        Done,
    }
    let n = repo.plans.len();
    let mut state = vec![State::New; n];
    let mut out = Vec::new();
    for start in 0..n {
        let mut chain = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                State::Done => break,
                State::Active => {
                    // `i` is on the chain: everything from it onwards is a cycle.
                    let pos = chain.iter().position(|c| *c == i).unwrap_or(0);
                    let cycle: Vec<usize> = chain[pos..].to_vec();
                    // One finding per cycle, on its first plan in file
                    // order, naming a bounded part of the ring: the output
                    // stays linear in the size of the repository.
                    let first = cycle.iter().copied().min().unwrap_or(i);
                    let at = cycle.iter().position(|c| *c == first).unwrap_or(0);
                    let ids: Vec<&str> = cycle[at..]
                        .iter()
                        .chain(&cycle[..at])
                        .map(|c| repo.plans[*c].plan.id.as_str())
                        .collect();
                    const SHOWN: usize = 8;
                    let e = &repo.plans[first];
                    out.push(Finding::new(
                        Rule::ParentCycle,
                        e.file,
                        At::Value(path("parent")),
                        Message::ParentCycle {
                            plan: e.plan.id.clone(),
                            ring: ids.iter().take(SHOWN).map(|s| s.to_string()).collect(),
                            plans: ids.len(),
                        },
                    ));
                    break;
                }
                State::New => {
                    state[i] = State::Active;
                    chain.push(i);
                    cur = repo.plans[i]
                        .plan
                        .parent
                        .as_deref()
                        .and_then(|p| repo.by_id.get(p).copied());
                }
            }
        }
        for c in chain {
            state[c] = State::Done;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::fixture::{CATALOG, plan, rules};
    use crate::check::{Options, run};
    use crate::repo::from_sources;

    #[test]
    fn period_outside_and_issued_before_parent() {
        let p = plan("p", "province", "2026-05-13", None, &[]);
        let c = plan("c", "commune", "2026-04", Some("p"), &[])
            .replace("period: 2026", "period: 2026-2027");
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        assert_eq!(
            rules(&run(&repo, Options::default())),
            vec!["issued-before-parent", "period-outside-parent"]
        );
    }

    #[test]
    fn same_month_as_parent_is_not_before_it() {
        let p = plan("p", "province", "2026-05-13", None, &[]);
        let c = plan("c", "commune", "2026-05", Some("p"), &[]);
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p), ("c.yaml", &c)]);
        assert!(run(&repo, Options::default()).is_empty());
    }

    #[test]
    fn self_parent_and_three_plan_cycle() {
        let a = plan("a", "province", "2026-01", Some("a"), &[]);
        let repo = from_sources(&[("a.yaml", &a)]);
        assert_eq!(rules(&run(&repo, Options::default())), vec!["parent-cycle"]);
        let x = plan("x", "province", "2026-01", Some("z"), &[]);
        let y = plan("y", "province", "2026-01", Some("x"), &[]);
        let z = plan("z", "province", "2026-01", Some("y"), &[]);
        let repo = from_sources(&[("x.yaml", &x), ("y.yaml", &y), ("z.yaml", &z)]);
        let f = run(&repo, Options::default());
        assert_eq!(
            rules(&f).iter().filter(|r| **r == "parent-cycle").count(),
            1
        );
        assert!(f[0].text(crate::ui::Lang::En).contains("->"));
    }
}
