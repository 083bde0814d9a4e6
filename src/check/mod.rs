//! `kh check`: every rule, each a small function over the loaded repository.
//! Checks never stop at the first finding; a plan that could not be loaded is
//! simply absent here, its findings already made by the loader.

pub mod cascade;
pub mod consistency;
pub mod coverage;
pub mod references;

use crate::domain::{Direction, Threshold};
use crate::finding::{Finding, Severity};
use crate::repo::{Entry, Repo};
use crate::rules::Rule;
use rayon::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Warnings count as errors.
    pub strict: bool,
    /// Severities set in kh.yaml, applied before `strict`.
    pub severities: Vec<(Rule, Severity)>,
}

impl Options {
    /// The options kh.yaml asks for; a rule or severity it names that does
    /// not exist is an error naming the nearest one, never silently ignored.
    pub fn from_settings(
        settings: &crate::format::Settings,
        strict: bool,
        lang: crate::ui::Lang,
    ) -> anyhow::Result<Options> {
        use crate::message::Usage;
        let fail = |u: Usage| anyhow::anyhow!(crate::messages::usage(lang, &u));
        let mut severities = Vec::new();
        for (name, sev) in &settings.rules {
            let rule = Rule::lookup(name).map_err(|nearest| {
                fail(Usage::UnknownRuleInSettings {
                    name: name.clone(),
                    nearest,
                })
            })?;
            let severity = Severity::from_key(sev).ok_or_else(|| {
                fail(Usage::BadSeverityInSettings {
                    rule: name.clone(),
                    found: sev.clone(),
                })
            })?;
            severities.push((rule, severity));
        }
        Ok(Options {
            strict: strict || settings.strict,
            severities,
        })
    }
}

/// All findings of the repository, in no particular order.
pub fn run(repo: &Repo, opts: Options) -> Vec<Finding> {
    run_for(repo, opts, |_| true)
}

/// The findings of the repository, with the checks of each plan run only
/// for the plans `wanted` picks (`kh check --changed`): what is found about
/// those plans is what `run` finds about them, each plan's checks being of
/// that plan and its parents alone.
pub fn run_for(repo: &Repo, opts: Options, wanted: impl Fn(&Entry) -> bool + Sync) -> Vec<Finding> {
    let (rest, per_plan) = run_apart(repo, wanted);
    let mut out = repo.findings.clone();
    out.extend(per_plan.into_iter().flat_map(|(_, f)| f));
    out.extend(rest);
    for f in &mut out {
        f.severity = opts.severity(f.rule, f.severity);
    }
    out
}

/// `run_for` before the options' severities, with each wanted plan's
/// findings apart (by its index in `repo.plans`), for the memo of findings
/// to keep by plan, and the rest of the checks' findings (those made while
/// reading, `repo.findings`, are not repeated).
pub fn run_apart(
    repo: &Repo,
    wanted: impl Fn(&Entry) -> bool + Sync,
) -> (Vec<Finding>, Vec<(usize, Vec<Finding>)>) {
    let mut out = Vec::new();
    let per_plan: Vec<(usize, Vec<Finding>)> = repo
        .plans
        .par_iter()
        .enumerate()
        .filter(|(_, e)| wanted(e))
        .map(|(n, e)| (n, check_plan(repo, e)))
        .collect();
    out.extend(repo.header_broken.iter().flat_map(|e| own_checks(repo, e)));
    out.extend(consistency::cycles(repo));
    (out, per_plan)
}

impl Options {
    /// The severity of a finding of `rule` that a check gave `base`: as
    /// kh.yaml sets it, then raised by `strict`.
    pub fn severity(&self, rule: Rule, base: Severity) -> Severity {
        let s = self
            .severities
            .iter()
            .find(|(r, _)| *r == rule)
            .map_or(base, |(_, s)| *s);
        if self.strict && s == Severity::Warning {
            Severity::Error
        } else {
            s
        }
    }
}

/// The checks of one plan against the catalog and each of its parents, on
/// their own: every cascade finding names the parent concerned.
pub fn check_plan(repo: &Repo, e: &Entry) -> Vec<Finding> {
    let mut out = own_checks(repo, e);
    if repo.alone.contains(&e.file) {
        // No repository to find parents or bound plans in: said once, rather
        // than every parent called missing.
        out.push(Finding::new(
            crate::rules::Rule::CheckedAlone,
            e.file,
            crate::finding::At::File,
            crate::message::Message::CheckedAlone,
        ));
    } else {
        references::parents(repo, e, &mut out);
        references::bound_plans(repo, e, &mut out);
    }
    let mut seen = std::collections::HashSet::new();
    for parent in repo.parents_of(e) {
        // Itself (a cycle, reported once) or a parent named twice.
        if parent.plan.id == e.plan.id || !seen.insert(parent.file) {
            continue;
        }
        consistency::against_parent(e, parent, &mut out);
        cascade::check(repo, e, parent, &mut out);
        coverage::check(repo, e, parent, &mut out);
    }
    consistency::due_before_issued(repo, e, &mut out);
    out
}

/// The checks of a plan on its own, against the catalog: these also run on a
/// plan whose header could not be read, so that one bad value never hides the
/// rest of its file.
pub fn own_checks(repo: &Repo, e: &Entry) -> Vec<Finding> {
    let mut out = Vec::new();
    references::units(e, &mut out);
    references::metrics(repo, e, &mut out);
    references::segments(repo, e, &mut out);
    references::unit_mismatch(repo, e, &mut out);
    references::population_mismatch(repo, e, &mut out);
    references::direction_mismatch(repo, e, &mut out);
    out
}

/// Which way is better for a metric; unknown metrics read as higher-is-better.
pub fn direction(repo: &Repo, metric: &str) -> Direction {
    repo.indicators
        .get(metric)
        .map(|i| i.direction)
        .unwrap_or(Direction::Higher)
}

/// A threshold as the catalog's direction reads it.
pub fn oriented(repo: &Repo, metric: &str, t: &Threshold) -> Threshold {
    let unit = repo.indicators.get(metric).map(|i| i.unit);
    t.in_unit(unit).oriented(direction(repo, metric))
}

/// Counts of findings by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

pub fn counts(findings: &[Finding]) -> Counts {
    counts_of(findings.iter().map(|f| f.severity))
}

pub fn counts_of(severities: impl Iterator<Item = Severity>) -> Counts {
    let mut c = Counts::default();
    for s in severities {
        match s {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Note => c.notes += 1,
        }
    }
    c
}

#[cfg(test)]
pub(crate) mod fixture {
    //! Small in-memory repositories for the checks' unit tests.

    pub const CATALOG: &str = "kh: 1\nindicators:\n  - {key: ai, name: AI, unit: percent, direction: higher}\n  - {key: skills, name: Skills, unit: percent}\n  - {key: plans, name: Plans issued, unit: percent, plan_issuance: true}\n  - {key: wait, name: Waiting days, unit: count, noun: ngày, direction: lower}\n";

    /// A province plan with one target per line of `targets` (YAML flow maps).
    pub fn plan(
        id: &str,
        level: &str,
        issued: &str,
        parent: Option<&str>,
        targets: &[&str],
    ) -> String {
        let mut s = format!(
            "kh: 1\nid: {id}\ntitle: T\nissuer: I\nlevel: {level}\nissued: {issued}\nperiod: 2026\n"
        );
        if let Some(p) = parent {
            s.push_str(&format!("parent: {p}\n"));
        }
        s.push_str("targets:\n");
        for t in targets {
            s.push_str(&format!("  - {t}\n"));
        }
        s
    }

    pub fn rules(findings: &[crate::finding::Finding]) -> Vec<&'static str> {
        let mut r: Vec<_> = findings.iter().map(|f| f.rule.name()).collect();
        r.sort();
        r
    }
}
