//! Plan consistency: a child's period lies within its parent's, it is not issued
//! before its parent, and no plan is its own ancestor.

use super::cascade::{self, DueFrom};
use crate::finding::{At, Finding};
use crate::message::{Label, Message};
use crate::repo::{Entry, Repo};
use crate::rules::Rule;
use crate::yaml::{Seg, path};

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

/// A target that falls due (by its own deadline or one inherited) before its
/// plan was issued: overdue from the day the plan exists. Recurring and
/// ongoing targets, and the end of the period, are never before it.
pub fn due_before_issued(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    let issued = e.plan.issued.earliest();
    for (n, t) in e.plan.targets.iter().enumerate() {
        let (Some(due), from) = cascade::target_due(repo, e, t) else {
            continue;
        };
        if due >= issued {
            continue;
        }
        let field = |f: &str| {
            At::Value(vec![
                Seg::Key("targets".into()),
                Seg::Index(n),
                Seg::Key(f.into()),
            ])
        };
        let (at, inherited) = match from {
            DueFrom::Parent(p, pi) => {
                let pt = &p.plan.targets[pi];
                (field("id"), Some((p, pi, pt)))
            }
            DueFrom::Own => (field("due"), None),
            DueFrom::Period => continue,
        };
        let mut f = Finding::new(
            Rule::DueBeforeIssued,
            e.file,
            at,
            Message::DueBeforeIssued {
                target: t.id.to_string(),
                due,
                issued: e.plan.issued.to_string(),
                from: inherited.map(|(p, _, pt)| (pt.id.to_string(), p.plan.id.clone())),
            },
        );
        if let Some((p, pi, pt)) = inherited {
            f = f.with_related(
                p.file,
                At::Value(vec![
                    Seg::Key("targets".into()),
                    Seg::Index(pi),
                    Seg::Key("due".into()),
                ]),
                Label::Target {
                    id: pt.id.to_string(),
                    plan: p.plan.id.clone(),
                },
            );
        }
        out.push(f);
    }
}

/// Every cycle of parents, each reported once (on its first plan in file
/// order, at the entry of `parent:` that closes it). A depth-first walk over
/// every edge, each followed once: linear in plans and parents.
pub fn cycles(repo: &Repo) -> Vec<Finding> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Active,
        Done,
    }
    // The parents of each plan that are plans of the repository: (edge
    // index in `parent:`, plan index).
    let edges = |i: usize| -> Vec<(usize, usize)> {
        repo.plans[i]
            .plan
            .parents
            .iter()
            .enumerate()
            .filter_map(|(k, p)| repo.by_id.get(p).map(|&j| (k, j)))
            .collect()
    };
    let n = repo.plans.len();
    let mut state = vec![State::New; n];
    // Where each active plan stands on the walk's chain.
    let mut depth = vec![0usize; n];
    let mut out = Vec::new();
    for start in 0..n {
        if state[start] != State::New {
            continue;
        }
        // The chain of plans being walked, each with its parents and the
        // next one to follow.
        let mut chain: Vec<Step> = Vec::new();
        state[start] = State::Active;
        chain.push((start, edges(start), 0));
        while let Some((i, next, k)) = chain.last_mut() {
            let Some(&(_, j)) = next.get(*k) else {
                state[*i] = State::Done;
                chain.pop();
                continue;
            };
            *k += 1;
            match state[j] {
                State::Done => {}
                State::New => {
                    state[j] = State::Active;
                    depth[j] = chain.len();
                    chain.push((j, edges(j), 0));
                }
                State::Active => {
                    // `j` is on the chain: from it to here is a cycle.
                    let ring: Vec<(usize, usize)> = chain[depth[j]..]
                        .iter()
                        .map(|(p, next, k)| (*p, next[*k - 1].0))
                        .collect();
                    out.push(cycle_finding(repo, &ring));
                }
            }
        }
    }
    out
}

/// A plan on the walk's chain: its index, its parents as (entry of
/// `parent:`, plan index), and how many of them have been followed.
type Step = (usize, Vec<(usize, usize)>, usize);

/// One cycle, given as (plan, the entry of its `parent:` followed), named
/// from its first plan in file order and bounded, so that the output stays
/// linear in the size of the repository.
fn cycle_finding(repo: &Repo, ring: &[(usize, usize)]) -> Finding {
    const SHOWN: usize = 8;
    let at = (0..ring.len()).min_by_key(|&m| ring[m].0).unwrap_or(0);
    let ids: Vec<String> = ring[at..]
        .iter()
        .chain(&ring[..at])
        .take(SHOWN)
        .map(|(p, _)| repo.plans[*p].plan.id.clone())
        .collect();
    let (first, edge) = ring[at];
    let e = &repo.plans[first];
    Finding::new(
        Rule::ParentCycle,
        e.file,
        At::parent(edge),
        Message::ParentCycle {
            plan: e.plan.id.clone(),
            ring: ids,
            plans: ring.len(),
        },
    )
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
