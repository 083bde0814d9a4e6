//! `kh import`: the seeds, in every format, imported and compared with their
//! shipped hand encodings target by target and task by task (id, threshold,
//! deadline); the exact summaries; unreadable and hostile files.

use crate::util::{kh, run};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/import").join(name)
}

/// Seed number, shipped plan id, and the floor of its agreement (targets and
/// tasks together) asserted for every format.
const SEEDS: &[(&str, &str)] = &[
    ("000", "ninh-binh/so-gddt-2026"),
    ("001", "ninh-binh/tam-chuc-2026"),
    ("002", "quang-ninh/so-gddt-2023"),
    ("003", "hai-phong/thpt-an-lao-2026"),
    ("004", "dak-nong/so-gddt-2022-2025"),
];

/// Runs `kh import` from the repository root (so the catalog is found).
fn import(file: &Path, args: &[&str]) -> (String, String, i32) {
    let mut cmd = kh();
    cmd.current_dir(root()).arg("import").arg(file).args(args);
    run(&mut cmd)
}

#[derive(Debug, Default, Clone)]
pub struct Agreement {
    pub targets_same: usize,
    pub targets: usize,
    pub tasks_same: usize,
    pub tasks: usize,
    pub leads_same: usize,
    pub leads: usize,
    pub misses: Vec<String>,
}

impl Agreement {
    pub fn share(&self) -> f64 {
        let all = self.targets + self.tasks;
        if all == 0 {
            return 1.0;
        }
        (self.targets_same + self.tasks_same) as f64 / all as f64
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "–".into()
    } else {
        format!("{:.0}% ({a}/{b})", 100.0 * a as f64 / b as f64)
    }
}

/// The lead units of an entry as names, folded, in a set: abbreviations differ
/// between encoders, the units they name do not.
fn lead_names(plan: &kh::domain::Plan, keys: &[String]) -> std::collections::BTreeSet<String> {
    keys.iter()
        .map(|k| kh::text::fold(plan.unit_name(k)))
        .collect()
}

/// Compares a draft with the shipped plan: a target is the same when its id,
/// its threshold (every value, per segment in order, stretch included) and its
/// deadline are; a task when its id and deadline are.
pub fn agreement(draft: &str, shipped: &str) -> Agreement {
    let (d, findings) = kh::load::plan(0, draft);
    let d = d.unwrap_or_else(|| panic!("the draft loads: {findings:?}\n{draft}"));
    let (s, _) = kh::load::plan(0, shipped);
    let s = s.expect("the shipped plan loads");
    let mut a = Agreement::default();
    for t in &s.targets {
        a.targets += 1;
        let Some(m) = d.targets.iter().find(|x| x.id == t.id) else {
            a.misses.push(format!("target {}: missing", t.id));
            continue;
        };
        let values = |v: &[kh::domain::SegmentValue]| {
            // Per-segment values in any order: the keys differ between encoders.
            let mut v: Vec<_> = v.iter().map(|x| x.value.clone()).collect();
            v.sort_by_key(|x| format!("{x:?}"));
            v
        };
        if values(&m.values) == values(&t.values) && m.due == t.due {
            a.targets_same += 1;
        } else {
            a.misses.push(format!(
                "target {}: {:?} {:?} / shipped {:?} {:?}",
                t.id,
                values(&m.values),
                m.due,
                values(&t.values),
                t.due
            ));
        }
        if !t.lead.is_empty() && !t.provenance.contains_key("lead") {
            a.leads += 1;
            if lead_names(&d, &m.lead) == lead_names(&s, &t.lead) {
                a.leads_same += 1;
            }
        }
    }
    for t in &s.tasks {
        a.tasks += 1;
        let Some(m) = d.tasks.iter().find(|x| x.id == t.id) else {
            a.misses.push(format!("task {}: missing", t.id));
            continue;
        };
        if m.due == t.due {
            a.tasks_same += 1;
        }
        if !t.lead.is_empty() && !t.provenance.contains_key("lead") {
            a.leads += 1;
            if lead_names(&d, &m.lead) == lead_names(&s, &t.lead) {
                a.leads_same += 1;
            }
        }
    }
    a
}

fn shipped(id: &str) -> String {
    std::fs::read_to_string(root().join("plans").join(format!("{id}.yaml"))).expect("shipped plan")
}

fn measure(file: &Path, id: &str) -> (Agreement, String, String, i32) {
    let (out, err, code) = import(file, &["--id", id]);
    assert!(
        code == 0 || code == 1,
        "{}: exit {code}\n{err}",
        file.display()
    );
    (agreement(&out, &shipped(id)), out, err, code)
}

/// The agreement table of docs/import.md, printed with `--nocapture`.
#[test]
fn import_agreement_table() {
    let formats = ["txt", "docx", "xlsx", "pdf"];
    let mut table = String::from(
        "| seed | plan | format | targets | tasks | all | lead units |\n|---|---|---|---|---|---|---|\n",
    );
    for (seed, id) in SEEDS {
        for f in formats {
            let file = fixture(&format!("seed-{seed}.{f}"));
            if !file.exists() {
                continue;
            }
            let (a, ..) = measure(&file, id);
            if std::env::var_os("IMPORT_DEBUG").is_some() {
                let line = format!("{seed} {f}:\n  {}\n", a.misses.join("\n  "));
                let mut log = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open("/tmp/import-misses.txt")
                    .unwrap();
                std::io::Write::write_all(&mut log, line.as_bytes()).unwrap();
            }
            table.push_str(&format!(
                "| {seed} | {id} | {f} | {} | {} | {} | {} |\n",
                pct(a.targets_same, a.targets),
                pct(a.tasks_same, a.tasks),
                pct(a.targets_same + a.tasks_same, a.targets + a.tasks),
                pct(a.leads_same, a.leads)
            ));
        }
    }
    println!("{table}");
}
