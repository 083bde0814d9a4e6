//! Never mix the two languages: `--lang en` output holds no Vietnamese word and
//! `--lang vi` output no English word, outside what comes from the plans
//! themselves (their texts, titles, names and ids), quoted values and paths.

use std::collections::BTreeSet;

/// Every text value of every YAML file under `dir`: what the plans say.
fn plan_strings(dir: &std::path::Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            plan_strings(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "csv") {
            let src = std::fs::read_to_string(&p).unwrap_or_default();
            if let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(&src) {
                collect(&v, out);
            }
            for line in src.lines() {
                out.extend(
                    line.split(',')
                        .map(|c| c.trim().trim_matches('"').to_string()),
                );
            }
        }
    }
}

fn collect(v: &serde_yaml::Value, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::String(s) => out.push(s.clone()),
        serde_yaml::Value::Sequence(s) => s.iter().for_each(|v| collect(v, out)),
        serde_yaml::Value::Mapping(m) => m.iter().for_each(|(k, v)| {
            collect(k, out);
            collect(v, out);
        }),
        _ => {}
    }
}

/// The output with quoted values, paths, ids, rule names, the machine-readable
/// `severity[rule]` tag of the one-line format and the plans' own strings removed.
fn words_of_kh(output: &str, plans: &[String]) -> Vec<String> {
    let mut s = output.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut longest: Vec<String> = plans
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| p.chars().count() > 1)
        .collect();
    longest.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in longest {
        s = s.replace(p.as_str(), " ");
    }
    for (open, close) in [('`', '`'), ('"', '"'), ('«', '»')] {
        let mut out = String::new();
        let mut inside = false;
        for c in s.chars() {
            if !inside && c == open {
                inside = true;
            } else if inside && c == close {
                inside = false;
            } else if !inside {
                out.push(c);
            }
        }
        s = out;
    }
    // The formal notation of thresholds keeps two of the plans' own words, the
    // same in both languages (docs/format.md): `mức 2`, `phấn đấu >= 25%`.
    for formal in ["phấn đấu ", "mức "] {
        s = s.replace(formal, " ");
    }
    let rules: Vec<&str> = kh::rules::Rule::ALL.iter().map(|r| r.name()).collect();
    s.split_whitespace()
        .filter(|w| !w.contains('/') && !w.contains('.') && !w.contains('-') && !w.contains('_'))
        .filter(|w| !w.contains('['))
        .flat_map(|w| {
            w.split(|c: char| !c.is_alphabetic())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty() && !rules.contains(&w.as_str()))
        .collect()
}

fn is_vietnamese(w: &str) -> bool {
    w.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

/// English words kh's English sentences use and Vietnamese never does.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "not",
    "of",
    "and",
    "expected",
    "found",
    "target",
    "targets",
    "plan",
    "plans",
    "parent",
    "due",
    "before",
    "after",
    "within",
    "than",
    "cannot",
    "with",
    "has",
    "its",
    "this",
    "every",
    "checked",
    "error",
    "errors",
    "warning",
    "warnings",
    "note",
    "notes",
    "ongoing",
    "met",
    "row",
    "rows",
    "later",
    "earlier",
    "stricter",
    "looser",
    "same",
    "task",
    "tasks",
    "report",
    "reports",
    "deadline",
    "threshold",
    "value",
    "days",
    "overdue",
    "status",
    "segment",
    "indicator",
    "lead",
    "text",
    "date",
    "left",
    "skipped",
    "file",
    "unknown",
    "did",
    "you",
    "mean",
    "issued",
    "period",
    "level",
    "applies",
];

fn runs() -> Vec<(Vec<String>, String)> {
    let mut runs: Vec<(Vec<String>, String)> = Vec::new();
    for e in std::fs::read_dir("examples").unwrap().flatten() {
        if e.path().join("plans").is_dir() {
            let dir = e.path().display().to_string();
            runs.push((
                vec![
                    "check".into(),
                    dir.clone(),
                    "--today".into(),
                    "2026-12-01".into(),
                ],
                dir,
            ));
        }
    }
    for args in [
        vec!["check"],
        vec!["check", "--format", "human"],
        vec![
            "due",
            "--month",
            "12/2026",
            "--today",
            "2026-12-01",
            "--format",
            "markdown",
        ],
        vec![
            "due",
            "--quarter",
            "IV/2026",
            "--today",
            "2026-12-01",
            "--ongoing",
            "--format",
            "markdown",
        ],
        vec![
            "diff",
            "ninh-binh/so-gddt-2026",
            "ninh-binh/tam-chuc-2026",
            "--format",
            "markdown",
        ],
        vec![
            "status",
            "--as-of",
            "2026-12-01",
            "--reports",
            "examples/reports",
            "--format",
            "markdown",
        ],
        vec![
            "status",
            "--rollup",
            "--as-of",
            "2026-12-01",
            "--reports",
            "examples/reports",
            "--format",
            "markdown",
        ],
        vec!["check", "--rules"],
    ] {
        runs.push((args.iter().map(|a| a.to_string()).collect(), ".".into()));
    }
    runs
}

#[test]
fn english_output_has_no_vietnamese_and_vietnamese_none_of_english() {
    let mut plans = Vec::new();
    plan_strings(std::path::Path::new("plans"), &mut plans);
    plan_strings(std::path::Path::new("examples"), &mut plans);
    let mut leaks: BTreeSet<String> = BTreeSet::new();
    for (args, _) in runs() {
        for lang in ["en", "vi"] {
            let (out, err, code) = crate::util::run(
                crate::util::kh()
                    .env("COLUMNS", "400")
                    .args(&args)
                    .args(["--lang", lang]),
            );
            assert!(code != 2, "kh {} --lang {lang}: {err}", args.join(" "));
            for w in words_of_kh(&format!("{out}\n{err}"), &plans) {
                let leak = match lang {
                    "en" => is_vietnamese(&w),
                    _ => ENGLISH.contains(&w.to_lowercase().as_str()),
                };
                if leak {
                    leaks.insert(format!("kh {} --lang {lang}: {w}", args.join(" ")));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "{leaks:#?}");
}
