//! Findings for people and for machines, rendered from the same resolved list.

use crate::check::Counts;
use crate::finding::{At, FileId, Finding, Severity};
use crate::repo::Repo;
use crate::yaml::{Pos, Positions};
use serde::Serialize;
use std::collections::HashMap;

/// A finding with its place resolved to file, line and column.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Located {
    pub severity: &'static str,
    pub rule: &'static str,
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<RelatedLoc>,
    #[serde(skip)]
    sev: Option<Severity>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RelatedLoc {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub label: String,
}

/// Positions of files that have findings, each file parsed once.
struct Resolver<'a> {
    repo: &'a Repo,
    cache: HashMap<FileId, Option<Positions>>,
}

impl Resolver<'_> {
    fn pos(&mut self, file: FileId, at: &At) -> Pos {
        let start = Pos { line: 1, col: 1 };
        match at {
            At::Pos(p) => *p,
            At::File => start,
            At::Value(p) | At::Key(p) => {
                let repo = self.repo;
                let positions = self.cache.entry(file).or_insert_with(|| {
                    let bytes = std::fs::read(repo.path(file)).ok()?;
                    let src = String::from_utf8_lossy(&bytes);
                    Some(Positions::of(src.trim_start_matches('\u{FEFF}')))
                });
                let found = match (positions, at) {
                    (Some(ps), At::Key(_)) => ps.key(p),
                    (Some(ps), _) => ps.value(p),
                    (None, _) => None,
                };
                found.unwrap_or(start)
            }
        }
    }
}

/// Resolves, then sorts by file, line, column.
pub fn locate(repo: &Repo, findings: &[Finding]) -> Vec<Located> {
    let mut r = Resolver {
        repo,
        cache: HashMap::new(),
    };
    let mut out: Vec<Located> = findings
        .iter()
        .map(|f| {
            let pos = r.pos(f.file, &f.at);
            let related = f.related.as_ref().map(|rel| {
                let p = r.pos(rel.file, &rel.at);
                RelatedLoc {
                    file: repo.path(rel.file).display().to_string(),
                    line: p.line,
                    col: p.col,
                    label: rel.label.clone(),
                }
            });
            Located {
                severity: f.severity.key(),
                rule: f.rule,
                file: repo.path(f.file).display().to_string(),
                line: pos.line,
                col: pos.col,
                message: f.message.clone(),
                related,
                sev: Some(f.severity),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.file, a.line, a.col, a.rule, &a.message)
            .cmp(&(&b.file, b.line, b.col, b.rule, &b.message))
    });
    out
}

/// `path:line:col: severity[rule]: message (label: path:line:col)`
pub fn line(f: &Located) -> String {
    let mut s = format!(
        "{}:{}:{}: {}[{}]: {}",
        f.file, f.line, f.col, f.severity, f.rule, f.message
    );
    if let Some(r) = &f.related {
        s.push_str(&format!(" [{}: {}:{}:{}]", r.label, r.file, r.line, r.col));
    }
    s
}

pub fn summary(plans: usize, c: Counts) -> String {
    format!(
        "checked {plans} plan{}: {} error{}, {} warning{}, {} note{}",
        if plans == 1 { "" } else { "s" },
        c.errors,
        if c.errors == 1 { "" } else { "s" },
        c.warnings,
        if c.warnings == 1 { "" } else { "s" },
        c.notes,
        if c.notes == 1 { "" } else { "s" },
    )
}

#[derive(Serialize)]
pub struct CheckReport<'a> {
    pub version: u32,
    pub plans: usize,
    pub summary: Counts,
    pub findings: &'a [Located],
}

pub fn json(plans: usize, c: Counts, findings: &[Located]) -> String {
    let report = CheckReport {
        version: 1,
        plans,
        summary: c,
        findings,
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

impl Located {
    pub fn severity(&self) -> Option<Severity> {
        self.sev
    }
}
