//! References: the parent exists, units are declared, metrics and segments are known.

use crate::domain::threshold::Quantity;
use crate::domain::{IndicatorUnit, Level};
use crate::finding::{At, Finding};
use crate::load::nearest;
use crate::repo::{Entry, Repo};
use crate::yaml::{Seg, path};

fn at(parts: &[Seg]) -> At {
    At::Value(parts.to_vec())
}

fn k(s: &str) -> Seg {
    Seg::Key(s.to_string())
}

pub fn missing_parent(e: &Entry, out: &mut Vec<Finding>) {
    if let Some(parent) = &e.plan.parent {
        let cited = e
            .plan
            .cites
            .as_ref()
            .map(|c| format!(" (cited as: {c})"))
            .unwrap_or_default();
        out.push(Finding::warning(
            "missing-parent",
            e.file,
            At::Value(path("parent")),
            format!(
                "parent plan `{parent}` is not in the repository{cited}: its targets cannot be checked against this plan; add it to plans/"
            ),
        )
.vi(format!("kế hoạch cấp trên `{parent}` không có trong kho{}: không thể đối chiếu chỉ tiêu của kế hoạch này; hãy thêm nó vào plans/", e.plan.cites.as_ref().map(|c| format!(" (trích dẫn: {c})")).unwrap_or_default())));
    }
}

/// Entries of lead, implementers, cooperating and from: a declared unit or a level word.
pub fn units(e: &Entry, out: &mut Vec<Finding>) {
    let plan = &e.plan;
    let mut check = |name: &str, p: Vec<Seg>| {
        if plan.units.contains_key(name) || Level::parse(name).is_some() {
            return;
        }
        let hint = nearest(name, plan.units.keys().map(String::as_str))
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        out.push(Finding::error(
            "undeclared-unit",
            e.file,
            At::Value(p),
            format!(
                "unit `{name}` is not declared: expected a key of `units:` or a level word (province, district, commune, school){hint}"
            ),
        )
.vi(format!("đơn vị `{name}` chưa được khai báo: cần một khóa của `units:` hoặc một cấp (province, district, commune, school){}", nearest(name, plan.units.keys().map(String::as_str)).map(|n| format!("; có phải là `{n}`?")).unwrap_or_default())));
    };
    for (n, t) in plan.targets.iter().enumerate() {
        for (field, list) in [("lead", &t.lead), ("implementers", &t.implementers)] {
            for (m, u) in list.iter().enumerate() {
                check(
                    u,
                    vec![k("targets"), Seg::Index(n), k(field), Seg::Index(m)],
                );
            }
        }
    }
    for (n, t) in plan.tasks.iter().enumerate() {
        for (field, list) in [("lead", &t.lead), ("cooperating", &t.cooperating)] {
            for (m, u) in list.iter().enumerate() {
                check(u, vec![k("tasks"), Seg::Index(n), k(field), Seg::Index(m)]);
            }
        }
    }
    for (n, r) in plan.reporting.iter().enumerate() {
        for (m, u) in r.from.iter().enumerate() {
            check(
                u,
                vec![k("reporting"), Seg::Index(n), k("from"), Seg::Index(m)],
            );
        }
    }
}

/// Metrics are declared in the catalog (when the repository has one).
pub fn metrics(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    if repo.catalog_file.is_none() {
        return;
    }
    for (n, t) in e.plan.targets.iter().enumerate() {
        if repo.indicators.contains_key(&t.metric) {
            continue;
        }
        let hint = nearest(&t.metric, repo.indicators.keys().map(String::as_str))
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        out.push(
            Finding::warning(
                "unknown-metric",
                e.file,
                at(&[k("targets"), Seg::Index(n), k("metric")]),
                format!(
                    "metric `{}` is not in the indicator catalog (plans/indicators.yaml){hint}",
                    t.metric
                ),
            )
            .vi(format!(
                "chỉ số `{}` không có trong danh mục chỉ số (plans/indicators.yaml){}",
                t.metric,
                nearest(&t.metric, repo.indicators.keys().map(String::as_str))
                    .map(|k| format!("; có phải là `{k}`?"))
                    .unwrap_or_default()
            )),
        );
    }
}

/// by_segment keys are declared by this plan or its parent; `segment:` names the parent's.
pub fn segments(repo: &Repo, e: &Entry, out: &mut Vec<Finding>) {
    let parent = repo.parent_of(e);
    let declared = |s: &str| {
        e.plan.segments.contains_key(s) || parent.is_some_and(|p| p.plan.segments.contains_key(s))
    };
    for (n, t) in e.plan.targets.iter().enumerate() {
        for v in &t.values {
            if let Some(s) = &v.segment
                && !declared(s)
            {
                out.push(Finding::error(
                        "unknown-segment",
                        e.file,
                        At::Key(vec![k("targets"), Seg::Index(n), k("by_segment"), k(s)]),
                        format!(
                            "segment `{s}` is not declared: expected a key of this plan's `segments:` or its parent's"
                        ),
                    )
.vi(format!("nhóm `{s}` chưa được khai báo: cần một khóa của `segments:` của kế hoạch này hoặc kế hoạch cấp trên")));
            }
        }
    }
    if let Some(p) = parent {
        for (n, s) in e.plan.segment.iter().enumerate() {
            if !p.plan.segments.contains_key(s) {
                let known: Vec<&str> = p.plan.segments.keys().map(String::as_str).collect();
                let expected = if known.is_empty() {
                    format!("{} declares no segments", p.plan.id)
                } else {
                    format!("expected one of {}", known.join(", "))
                };
                out.push(
                    Finding::error(
                        "unknown-segment",
                        e.file,
                        at(&[k("segment"), Seg::Index(n)]),
                        format!("segment `{s}` is not one of the parent's segments: {expected}"),
                    )
                    .vi(format!(
                        "nhóm `{s}` không thuộc các nhóm của kế hoạch cấp trên ({})",
                        p.plan.id
                    )),
                );
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
    for (n, t) in e.plan.targets.iter().enumerate() {
        let Some(ind) = repo.indicators.get(&t.metric) else {
            continue;
        };
        for v in &t.values {
            // Qualitative targets fit any indicator; a bare number takes its unit.
            let binding = v.value.binding.in_unit(Some(ind.unit));
            if binding.is_qualitative() {
                continue;
            }
            let found = unit_of(&binding.qty);
            if found != ind.unit {
                let p = match &v.segment {
                    Some(s) => vec![k("targets"), Seg::Index(n), k("by_segment"), k(s)],
                    None => vec![k("targets"), Seg::Index(n), k("target")],
                };
                out.push(
                    Finding::error(
                        "unit-mismatch",
                        e.file,
                        At::Value(p),
                        format!(
                            "metric `{}` is measured in {}, found a threshold in {} (`{}`)",
                            t.metric,
                            ind.unit.key(),
                            found.key(),
                            v.value.binding
                        ),
                    )
                    .vi(format!(
                        "chỉ số `{}` đo bằng {}, nhưng ngưỡng lại tính bằng {} (`{}`)",
                        t.metric,
                        ind.unit.key(),
                        found.key(),
                        v.value.binding
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::fixture::{CATALOG, plan, rules};
    use crate::check::{Options, run};
    use crate::repo::from_sources;

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
        let f = run(&repo, Options { strict: true });
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
            f[0].message.contains("did you mean `VHXH`"),
            "{}",
            f[0].message
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
        assert!(f[0].message.contains("did you mean `skills`"));
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
