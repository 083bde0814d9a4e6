//! References: the parent exists, units are declared, metrics and segments are known.

use crate::domain::threshold::Quantity;
use crate::domain::{Indicator, IndicatorUnit, Level, SegmentValue, Target};
use crate::finding::{At, Finding};
use crate::load::nearest;
use crate::message::Message;
use crate::repo::{Entry, Repo};
use crate::rules::Rule;
use crate::yaml::Seg;

fn at(parts: &[Seg]) -> At {
    At::Value(parts.to_vec())
}

fn k(s: &str) -> Seg {
    Seg::Key(s.to_string())
}

/// Each parent named is a plan of the repository whose file reads cleanly;
/// else it is named as external, as unreadable, or as missing with the
/// nearest id.
pub fn parents(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    for (n, id) in e.plan.parents.iter().enumerate() {
        let found = match repo.plan(id) {
            Some(p) if repo.files_with_errors.contains(&p.file) => Some((
                Rule::BrokenParent,
                Message::BrokenParent {
                    parent: id.clone(),
                    file: repo.path(p.file).display().to_string(),
                    readable: true,
                },
            )),
            Some(_) => None,
            None if repo.settings.external.iter().any(|x| x == id) => Some((
                Rule::ExternalParent,
                Message::ExternalParent { parent: id.clone() },
            )),
            None => match repo.unreadable.get(id) {
                Some(&file) => Some((
                    Rule::BrokenParent,
                    Message::BrokenParent {
                        parent: id.clone(),
                        file: repo.path(file).display().to_string(),
                        readable: false,
                    },
                )),
                None => Some((
                    Rule::MissingParent,
                    Message::MissingParent {
                        parent: id.clone(),
                        // Never the plan itself: a plan is not its own parent.
                        nearest: repo
                            .nearest_id(id)
                            .filter(|n| *n != e.plan.id)
                            .map(str::to_string),
                    },
                )),
            },
        };
        if let Some((rule, message)) = found {
            out.push(Finding::new(rule, e.file, At::parent(n), message));
        }
    }
}

/// Plans named in `applies_to` are plans of the repository (or listed as
/// external): a mistyped id would silently bind no one. With only some plans
/// read, the others are not ours to judge.
pub fn bound_plans(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    if repo.partial {
        return;
    }
    for (n, t) in e.plan.targets.iter().enumerate() {
        for (m, b) in t.applies_to.iter().flatten().enumerate() {
            let crate::domain::Binding::Plan(id) = b else {
                continue;
            };
            if repo.plan(id).is_some()
                || repo.unreadable.contains_key(id)
                || repo.settings.external.iter().any(|x| x == id)
            {
                continue;
            }
            out.push(Finding::new(
                Rule::UnknownPlan,
                e.file,
                at(&[k("targets"), Seg::Index(n), k("applies_to"), Seg::Index(m)]),
                Message::UnknownBoundPlan {
                    plan: id.clone(),
                    nearest: repo.nearest_id(id).map(str::to_string),
                },
            ));
        }
    }
}

/// Entries of lead, implementers, cooperating and from: a declared unit or a level word.
pub fn units(e: &Entry, out: &mut Vec<Finding>) {
    let plan = &e.plan;
    // The path is built only for a finding: most references are declared.
    let mut check = |name: &str, p: &dyn Fn() -> Vec<Seg>| {
        if plan.units.contains_key(name) || Level::parse(name).is_some() {
            return;
        }
        out.push(Finding::new(
            Rule::UndeclaredUnit,
            e.file,
            At::Value(p()),
            Message::UndeclaredUnit {
                unit: name.to_string(),
                nearest: nearest(name, plan.units.keys().map(String::as_str)).map(str::to_string),
            },
        ));
    };
    for (n, t) in plan.targets.iter().enumerate() {
        for (field, list) in [("lead", &t.lead), ("implementers", &t.implementers)] {
            for (m, u) in list.iter().enumerate() {
                check(u, &|| {
                    vec![k("targets"), Seg::Index(n), k(field), Seg::Index(m)]
                });
            }
        }
    }
    for (n, t) in plan.tasks.iter().enumerate() {
        for (field, list) in [("lead", &t.lead), ("cooperating", &t.cooperating)] {
            for (m, u) in list.iter().enumerate() {
                check(u, &|| {
                    vec![k("tasks"), Seg::Index(n), k(field), Seg::Index(m)]
                });
            }
        }
    }
    for (n, r) in plan.reporting.iter().enumerate() {
        for (m, u) in r.from.iter().enumerate() {
            check(u, &|| {
                vec![k("reporting"), Seg::Index(n), k("from"), Seg::Index(m)]
            });
        }
    }
}

/// Metrics are declared in the catalog (when the repository has one).
pub fn metrics(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    if repo.catalog_file.is_none() {
        return;
    }
    for (n, t) in e.plan.targets.iter().enumerate() {
        if repo.indicators.contains_key(t.metric.as_str()) {
            continue;
        }
        out.push(Finding::new(
            Rule::UnknownMetric,
            e.file,
            at(&[k("targets"), Seg::Index(n), k("metric")]),
            Message::UnknownMetric {
                metric: t.metric.to_string(),
                nearest: nearest(&t.metric, repo.indicators.keys().map(String::as_str))
                    .map(str::to_string),
            },
        ));
    }
}

/// by_segment keys are declared by this plan or a parent; `segment:` names
/// a segment of one of its parents.
pub fn segments(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    let parents: Vec<&Entry> = repo.parents_of(e).collect();
    let declared = |s: &str| {
        e.plan.segments.contains_key(s) || parents.iter().any(|p| p.plan.segments.contains_key(s))
    };
    for (n, t) in e.plan.targets.iter().enumerate() {
        for v in &t.values {
            if let Some(s) = &v.segment
                && !declared(s)
            {
                out.push(Finding::new(
                    Rule::UnknownSegment,
                    e.file,
                    At::Key(vec![k("targets"), Seg::Index(n), k("by_segment"), k(s)]),
                    Message::UndeclaredSegment {
                        segment: s.to_string(),
                    },
                ));
            }
        }
    }
    if let Some(p) = parents.first() {
        for (n, s) in e.plan.segment.iter().enumerate() {
            if !parents.iter().any(|p| p.plan.segments.contains_key(s)) {
                out.push(Finding::new(
                    Rule::UnknownSegment,
                    e.file,
                    at(&[k("segment"), Seg::Index(n)]),
                    Message::NotParentSegment {
                        segment: s.clone(),
                        parent: p.plan.id.clone(),
                        known: p.plan.segments.keys().cloned().collect(),
                    },
                ));
            }
        }
    }
}

pub fn unit_of(q: &Quantity) -> IndicatorUnit {
    match q {
        Quantity::Percent(_) | Quantity::Ratio { .. } => IndicatorUnit::Percent,
        Quantity::Count { .. } => IndicatorUnit::Count,
        Quantity::Level(_) => IndicatorUnit::Level,
        // Done / not done: reported as yes/no.
        Quantity::Yes(_) | Quantity::Qualitative(_) => IndicatorUnit::YesNo,
    }
}

/// A threshold is in its indicator's unit.
pub fn unit_mismatch(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    for (n, t, ind, v) in values_with_indicator(repo, e) {
        // Qualitative targets fit any indicator; a bare number takes its unit.
        let binding = v.value.binding.in_unit(Some(ind.unit));
        if binding.is_qualitative() {
            continue;
        }
        let found = unit_of(&binding.qty);
        if found != ind.unit {
            out.push(Finding::new(
                Rule::UnitMismatch,
                e.file,
                value_at(n, t, v),
                Message::UnitMismatch {
                    metric: t.metric.to_string(),
                    expected: ind.unit.key(),
                    found: found.key(),
                    threshold: v.value.binding.to_string(),
                },
            ));
        }
    }
}

/// Every value of every target whose metric the catalog knows: (index of
/// the target, the target, its indicator, the value), for the checks that
/// read a value against its indicator.
fn values_with_indicator<'a>(
    repo: &'a Repo,
    e: &'a Entry,
) -> impl Iterator<Item = (usize, &'a Target, &'a Indicator, &'a SegmentValue)> {
    e.plan.targets.iter().enumerate().flat_map(move |(n, t)| {
        let ind = repo.indicators.get(t.metric.as_str());
        ind.into_iter()
            .flat_map(move |ind| t.values.iter().map(move |v| (n, t, ind, v)))
    })
}

/// Where a finding on one value of target `n` points.
fn value_at(n: usize, t: &Target, v: &SegmentValue) -> At {
    At::Value(super::cascade::value_path(n, t, v.segment.as_deref()))
}

/// What a value counts ("100% học sinh") is what its indicator counts.
/// Severity: warning; the words may be loose, the metric may be wrong.
pub fn population_mismatch(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    for (n, t, ind, v) in values_with_indicator(repo, e) {
        let b = &v.value.binding;
        if let (true, Some(population), Some(noun)) = (
            b.population_contradicts(ind.noun.as_deref()),
            &b.population,
            &ind.noun,
        ) {
            out.push(Finding::new(
                Rule::PopulationMismatch,
                e.file,
                value_at(n, t, v),
                Message::PopulationMismatch {
                    target: t.id.to_string(),
                    metric: t.metric.to_string(),
                    population: population.clone(),
                    noun: noun.clone(),
                },
            ));
        }
    }
}

/// A threshold bounds its indicator on the better side: "dưới 10%" under a
/// higher-is-better indicator is said, never silently judged backwards.
/// Severity: warning.
pub fn direction_mismatch(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    for (n, t, ind, v) in values_with_indicator(repo, e) {
        let b = &v.value.binding;
        if b.contradicts(ind.direction) {
            out.push(Finding::new(
                Rule::DirectionMismatch,
                e.file,
                value_at(n, t, v),
                Message::DirectionMismatch {
                    target: t.id.to_string(),
                    metric: t.metric.to_string(),
                    threshold: b.to_string(),
                    // A phrase against a higher-is-better indicator bounds from above.
                    upper: ind.direction == crate::domain::Direction::Higher,
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::fixture::{CATALOG, plan, rules};
    use crate::check::{Options, run};
    use crate::repo::from_sources;

    fn own(target: &str) -> Vec<&'static str> {
        let p = plan("p", "commune", "2026-06", None, &[target]);
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p)]);
        rules(&run(&repo, Options::default()))
    }

    #[test]
    fn a_population_other_than_the_indicators_noun_is_a_warning() {
        let catalog = "kh: 1\nindicators:\n  - {key: t, name: T, unit: percent, noun: giáo viên}\n  - {key: ai, name: AI, unit: percent}\n";
        let found = |target: &str| {
            let p = plan("p", "commune", "2026-06", None, &[target]);
            let repo = from_sources(&[("indicators.yaml", catalog), ("p.yaml", &p)]);
            rules(&run(&repo, Options::default()))
        };
        let none: Vec<&str> = Vec::new();
        assert_eq!(
            found("{id: 1, text: x, metric: t, target: '95% cán bộ, giáo viên'}"),
            none
        );
        assert_eq!(
            found("{id: 1, text: x, metric: t, target: 100% học sinh}"),
            vec!["population-mismatch"]
        );
        // No noun in the catalog: nothing to contradict.
        assert_eq!(
            found("{id: 1, text: x, metric: ai, target: 100% học sinh}"),
            none
        );
    }

    #[test]
    fn a_bound_against_the_indicators_direction_is_a_warning() {
        assert_eq!(
            own("{id: 1, text: t, metric: ai, target: dưới 10%}"),
            vec!["direction-mismatch"]
        );
        assert_eq!(
            own("{id: 1, text: t, metric: wait, target: tối thiểu 5 ngày}"),
            vec!["direction-mismatch"]
        );
        for fine in ["tối thiểu 10%", "từ 60% đến 80%", "80%", "hoàn thành"] {
            assert_eq!(
                own(&format!("{{id: 1, text: t, metric: ai, target: {fine}}}")),
                Vec::<&str>::new(),
                "{fine}"
            );
        }
    }

    #[test]
    fn missing_parent_is_a_warning_and_strict_makes_it_an_error() {
        let child = plan(
            "c",
            "commune",
            "2026-06",
            Some("p"),
            &["{id: 1, text: t, metric: ai, target: 20%}"],
        );
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("c.yaml", &child)]);
        let f = run(&repo, Options::default());
        assert_eq!(rules(&f), vec!["missing-parent"]);
        assert_eq!(f[0].severity, crate::finding::Severity::Warning);
        let f = run(
            &repo,
            Options {
                strict: true,
                ..Options::default()
            },
        );
        assert_eq!(f[0].severity, crate::finding::Severity::Error);
    }

    #[test]
    fn undeclared_unit_suggests_a_declared_one() {
        let mut p = plan(
            "p",
            "province",
            "2026-01",
            None,
            &["{id: 1, text: t, metric: ai, target: 20%, lead: [VHHX]}"],
        );
        p.push_str("units: {VHXH: Phòng Văn hóa - Xã hội}\n");
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p)]);
        let f = run(&repo, Options::default());
        assert_eq!(rules(&f), vec!["undeclared-unit"]);
        assert!(
            f[0].text(crate::ui::Lang::En)
                .contains("did you mean `VHXH`"),
            "{}",
            f[0].text(crate::ui::Lang::En)
        );
    }

    #[test]
    fn unknown_metric_names_the_nearest_key() {
        let p = plan(
            "p",
            "province",
            "2026-01",
            None,
            &["{id: 1, text: t, metric: skils, target: 20%}"],
        );
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p)]);
        let f = run(&repo, Options::default());
        assert_eq!(rules(&f), vec!["unknown-metric"]);
        assert!(
            f[0].text(crate::ui::Lang::En)
                .contains("did you mean `skills`")
        );
    }

    #[test]
    fn threshold_in_the_wrong_unit() {
        let p = plan(
            "p",
            "province",
            "2026-01",
            None,
            &["{id: 1, text: t, metric: ai, target: 01 mô hình}"],
        );
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p)]);
        assert_eq!(
            rules(&run(&repo, Options::default())),
            vec!["unit-mismatch"]
        );
    }

    #[test]
    fn undeclared_segment() {
        let p = plan(
            "p",
            "province",
            "2026-01",
            None,
            &["{id: 1, text: t, metric: ai, by_segment: {urban: 20%}}"],
        );
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &p)]);
        assert_eq!(
            rules(&run(&repo, Options::default())),
            vec!["unknown-segment"]
        );
        let declared = format!("{p}segments: {{urban: vùng thành thị}}\n");
        let repo = from_sources(&[("indicators.yaml", CATALOG), ("p.yaml", &declared)]);
        assert!(run(&repo, Options::default()).is_empty());
    }
}
