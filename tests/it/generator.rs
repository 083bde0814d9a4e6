//! The generated national repository (the `kh-gen` workspace crate): the same seed
//! gives the same bytes, and `kh check` on it reports exactly the findings the
//! generator planted, listed in `planted.csv`.
//!
//! Decision: the comparison is on the set of (file, rule) pairs of error- and
//! warning-level findings. Notes (rule `milestone`) are left out of it: they
//! are information, not problems, and a planted finding is always an error or a
//! warning. The generator is built to produce none (a child's deadline is
//! inherited or falls on its parent's day), and produces none today.

use kh_gen::{Options, Plant, Summary, TODAY, generate};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn gen_into(dir: &Path, scale: u32, seed: u64) -> Summary {
    generate(dir, &Options { scale, seed }).unwrap()
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let sa = gen_into(a.path(), 1, 42);
    let sb = gen_into(b.path(), 1, 42);
    let sc = gen_into(c.path(), 1, 43);
    assert_eq!(sa, sb);
    let (ta, tb, tc) = (tree(a.path()), tree(b.path()), tree(c.path()));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "same seed, same file list"
    );
    for (name, bytes) in &ta {
        assert!(bytes == &tb[name], "same seed, different bytes in {name}");
    }
    assert_ne!(ta, tc, "another seed gives another repository");
    // The shape does not depend on the seed's luck: scale 1 is 1 national,
    // 1 province, 33 communes and their schools.
    assert_eq!((sc.provinces, sc.communes), (1, 33));
    assert_ne!(sa.bytes, sc.bytes);
}

#[test]
fn summary_counts_what_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let s = gen_into(dir.path(), 1, 1);
    let t = tree(dir.path());
    let plans = t
        .keys()
        .filter(|k| {
            k.starts_with("plans/") && k.ends_with(".yaml") && !k.ends_with("indicators.yaml")
        })
        .count();
    let reports = t
        .keys()
        .filter(|k| k.starts_with("reports/") && k.ends_with(".csv"))
        .count();
    assert_eq!(s.plans, plans);
    assert_eq!(s.plans, 1 + s.provinces + s.communes + s.schools);
    assert_eq!(s.yaml_files, plans + 1);
    assert_eq!(s.report_files, reports);
    assert_eq!(s.report_files, s.plans, "one achieved-values CSV per plan");
    assert_eq!(s.files, t.len());
    assert_eq!(s.bytes, t.values().map(|v| v.len() as u64).sum::<u64>());
    assert!(
        (400..550).contains(&s.plans),
        "scale 1 is about 470 plans: {}",
        s.plans
    );
    for f in [
        "kh.yaml",
        "plans/indicators.yaml",
        "planted.csv",
        "README.md",
    ] {
        assert!(t.contains_key(f), "{f} is written");
    }
    let manifest = String::from_utf8(t["planted.csv"].clone()).unwrap();
    assert_eq!(manifest.lines().count() - 1, s.planted);
    // One plant in each run of 50 plans.
    assert_eq!(s.planted, s.plans.div_ceil(50));
    // Plans are in Vietnamese, of the shipped plans' size, each at plans/<id>.yaml.
    let (path, commune) = t
        .iter()
        .map(|(k, v)| (k, String::from_utf8(v.clone()).unwrap()))
        .find(|(_, v)| v.contains("\nlevel: commune\n"))
        .unwrap();
    let id = commune
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap();
    assert_eq!(path, &format!("plans/{id}.yaml"));
    assert!(commune.contains("Kế hoạch") && commune.contains("segment: ["));
    assert!(
        (8_000..60_000).contains(&commune.len()),
        "{}",
        commune.len()
    );
}

#[test]
fn bad_options_and_a_used_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for scale in [0, 101] {
        let e = generate(&dir.path().join("x"), &Options { scale, seed: 1 }).unwrap_err();
        assert!(e.to_string().contains("scale"), "{e}");
    }
    std::fs::write(dir.path().join("something"), "x").unwrap();
    let e = generate(dir.path(), &Options { scale: 1, seed: 1 }).unwrap_err();
    assert!(e.to_string().contains("not empty"), "{e}");
}

#[test]
fn kh_check_reports_exactly_the_planted_findings() {
    let dir = tempfile::tempdir().unwrap();
    let summary = gen_into(dir.path(), 1, 1);
    let out = crate::util::kh()
        .current_dir(dir.path())
        .args(["check", "--today", TODAY, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "planted errors make kh check exit 1"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // A child of a plan with a planted error hears that its parent's file
    // is broken: a consequence of the plant, checked on its own below.
    let (broken, findings): (Vec<&serde_json::Value>, Vec<&serde_json::Value>) = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .partition(|f| f["rule"] == "broken-parent");
    let found: BTreeSet<(String, String)> = findings
        .into_iter()
        .filter(|f| f["severity"] == "error" || f["severity"] == "warning")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let manifest = std::fs::read_to_string(dir.path().join("planted.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(manifest.as_bytes());
    let planted: BTreeSet<(String, String)> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect();
    let extra: Vec<_> = found.difference(&planted).collect();
    let missed: Vec<_> = planted.difference(&found).collect();
    assert!(
        extra.is_empty() && missed.is_empty(),
        "kh check found but not planted: {extra:#?}\nplanted but not found: {missed:#?}"
    );
    let with_errors: BTreeSet<&str> = planted
        .iter()
        .filter(|(_, rule)| {
            kh::rules::Rule::from_name(rule)
                .is_some_and(|r| r.default_severity() == kh::finding::Severity::Error)
        })
        .map(|(file, _)| file.as_str())
        .collect();
    for f in &broken {
        let parent_file = f["data"]["file"].as_str().unwrap();
        assert!(
            with_errors.contains(parent_file),
            "broken-parent names a file with no planted error: {f}"
        );
    }
    // With seed 1 every kind of plant is there at least once.
    for p in Plant::ALL {
        assert!(
            planted.iter().any(|(_, rule)| rule == p.rule()),
            "no `{}` planted",
            p.rule()
        );
    }
    assert_eq!(json["plans"].as_u64(), Some(summary.plans as u64));
}
