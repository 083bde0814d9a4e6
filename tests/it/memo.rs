//! The memo of findings (`.kh-cache/verdicts.bin`, issue 19): a warm
//! `kh check` shows what it kept for the plans and reports that did not
//! change, and judges again every one whose verdict no longer holds. Each
//! test changes something a kept verdict depends on (a parent's bytes, a
//! parent's errors, a report's plan, the day, the catalog, kh.yaml) and
//! asks for exactly the answer of a run without the cache.

use crate::util::git;
use std::path::Path;

const CATALOG: &str = "kh: 1\nindicators:\n  - {key: ai, name: AI, unit: percent, direction: higher}\n  - {key: skills, name: Skills, unit: percent}\n";

fn plan(id: &str, level: &str, parent: Option<&str>, ai: &str) -> String {
    let parent = parent.map(|p| format!("parent: {p}\n")).unwrap_or_default();
    format!(
        "kh: 1\nid: {id}\ntitle: T\nissuer: I\nlevel: {level}\nissued: 2026-05\nperiod: 2026\n{parent}targets:\n  - id: \"1\"\n    text: AI\n    metric: ai\n    target: tối thiểu {ai}\n    due: Tháng 12/2026\n"
    )
}

/// A province, two communes under it and a report, committed to git (a
/// report's verdict is found by its blob id).
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("plans/p")).unwrap();
    std::fs::create_dir_all(d.join("reports")).unwrap();
    let w = |rel: &str, text: &str| std::fs::write(d.join(rel), text).unwrap();
    w("plans/indicators.yaml", CATALOG);
    w("plans/p/so.yaml", &plan("p/so", "province", None, "20%"));
    w(
        "plans/p/xa-a.yaml",
        &plan("p/xa-a", "commune", Some("p/so"), "25%"),
    );
    w(
        "plans/p/xa-b.yaml",
        &plan("p/xa-b", "commune", Some("p/so"), "30%"),
    );
    w(
        "reports/q3.csv",
        "plan,metric,value,as_of\np/xa-a,ai,27%,2026-09-30\np/xa-b,ai,31%,2026-09-30\n",
    );
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "plans"]);
    dir
}

/// `kh check` in `dir`, as JSON unless `extra` names a format, on
/// 2026-11-23 unless it names a day.
fn check(dir: &Path, extra: &[&str]) -> (String, i32) {
    let mut cmd = crate::util::kh();
    cmd.current_dir(dir).arg("check").args(extra);
    if !extra.contains(&"--format") {
        cmd.args(["--format", "json"]);
    }
    if !extra.contains(&"--today") {
        cmd.args(["--today", "2026-11-23"]);
    }
    let (out, err, code) = crate::util::run(&mut cmd);
    assert_eq!(err, "", "kh check wrote to stderr");
    (out, code)
}

/// The warm answer (after a run that fills the memo) is the answer without
/// the cache; returns it.
fn same_warm(dir: &Path, extra: &[&str]) -> String {
    let (plain, code) = check(dir, &[&["--no-cache"], extra].concat());
    let (warm, warm_code) = check(dir, extra);
    assert_eq!(warm, plain, "warm {extra:?}");
    assert_eq!(warm_code, code);
    plain
}

fn rules(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut r: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["file"].as_str().unwrap(),
                f["rule"].as_str().unwrap()
            )
        })
        .collect();
    r.sort();
    r
}

/// `repository()` with commune xa-a asking less than its province, the
/// memo filled.
fn looser() -> tempfile::TempDir {
    let dir = repository();
    std::fs::write(
        dir.path().join("plans/p/xa-a.yaml"),
        plan("p/xa-a", "commune", Some("p/so"), "15%"),
    )
    .unwrap();
    fill(dir.path());
    dir
}

fn fill(dir: &Path) {
    check(dir, &[]);
    assert!(
        dir.join(".kh-cache/verdicts.bin").is_file(),
        "the first run keeps its verdicts"
    );
}

#[test]
fn a_parent_made_stricter_judges_its_children_again() {
    let dir = repository();
    let d = dir.path();
    fill(d);
    assert_eq!(rules(&same_warm(d, &[])), Vec::<String>::new());
    // Nothing of the communes changed; their parent now asks for more.
    std::fs::write(
        d.join("plans/p/so.yaml"),
        plan("p/so", "province", None, "28%"),
    )
    .unwrap();
    check(d, &[]);
    assert_eq!(
        rules(&same_warm(d, &[])),
        ["plans/p/xa-a.yaml looser-threshold"]
    );
    // And back: the finding goes.
    std::fs::write(
        d.join("plans/p/so.yaml"),
        plan("p/so", "province", None, "20%"),
    )
    .unwrap();
    check(d, &[]);
    assert_eq!(rules(&same_warm(d, &[])), Vec::<String>::new());
}

#[test]
fn a_parent_that_gains_an_error_is_heard_by_its_children() {
    let dir = repository();
    let d = dir.path();
    fill(d);
    let broken = format!("{}colour: blue\n", plan("p/so", "province", None, "20%"));
    std::fs::write(d.join("plans/p/so.yaml"), broken).unwrap();
    check(d, &[]);
    assert_eq!(
        rules(&same_warm(d, &[])),
        [
            "plans/p/so.yaml unknown-field",
            "plans/p/xa-a.yaml broken-parent",
            "plans/p/xa-b.yaml broken-parent"
        ]
    );
}

#[test]
fn a_report_is_judged_again_when_its_plan_or_the_day_changes() {
    let dir = repository();
    let d = dir.path();
    fill(d);
    // The report names xa-b's metric `ai`: xa-b now has none of that name.
    std::fs::write(
        d.join("plans/p/xa-b.yaml"),
        plan("p/xa-b", "commune", Some("p/so"), "30%").replace("metric: ai", "metric: skills"),
    )
    .unwrap();
    check(d, &[]);
    let found = rules(&same_warm(d, &[]));
    assert!(
        found.contains(&"reports/q3.csv report-metric".to_string()),
        "{found:?}"
    );
    // Judged on a day before the values were measured.
    check(d, &["--today", "2026-09-01"]);
    let early = rules(&same_warm(d, &["--today", "2026-09-01"]));
    assert_eq!(
        early
            .iter()
            .filter(|r| *r == "reports/q3.csv report-date")
            .count(),
        1,
        "{early:?}"
    );
}

#[test]
fn kept_findings_take_the_run_s_severities_language_and_catalog() {
    let dir = looser();
    let d = dir.path();
    let found = same_warm(d, &[]);
    assert_eq!(rules(&found), ["plans/p/xa-a.yaml looser-threshold"]);
    // The same kept verdicts, shown in Vietnamese, in every format, strictly.
    same_warm(d, &["--lang", "vi"]);
    same_warm(d, &["--strict"]);
    for format in ["short", "human", "csv", "github"] {
        same_warm(d, &["--format", format]);
        same_warm(d, &["--format", format, "--lang", "vi"]);
    }
    // kh.yaml lowers the rule to a warning.
    std::fs::write(d.join("kh.yaml"), "rules:\n  looser-threshold: warning\n").unwrap();
    check(d, &[]);
    let lowered = same_warm(d, &[]);
    assert!(lowered.contains("\"severity\": \"warning\""), "{lowered}");
    // A catalog that turns `ai` around: higher is no longer better.
    std::fs::write(
        d.join("plans/indicators.yaml"),
        CATALOG.replace("direction: higher", "direction: lower"),
    )
    .unwrap();
    check(d, &[]);
    let turned = same_warm(d, &[]);
    assert_ne!(turned, lowered);
}

#[test]
fn a_damaged_memo_is_not_used() {
    let dir = looser();
    let d = dir.path();
    let file = d.join(".kh-cache/verdicts.bin");
    let good = std::fs::read(&file).unwrap();
    for cut in [good.len() - 1, good.len() / 2, 10] {
        std::fs::write(&file, &good[..cut]).unwrap();
        assert_eq!(
            rules(&same_warm(d, &[])),
            ["plans/p/xa-a.yaml looser-threshold"]
        );
        std::fs::write(&file, &good).unwrap();
    }
    let mut flipped = good.clone();
    let n = flipped.len() - 5;
    flipped[n] ^= 0x55;
    std::fs::write(&file, &flipped).unwrap();
    assert_eq!(
        rules(&same_warm(d, &[])),
        ["plans/p/xa-a.yaml looser-threshold"]
    );
}

#[test]
fn a_missing_parent_is_judged_again_when_the_ids_change() {
    let dir = repository();
    let d = dir.path();
    let orphan = |parent: &str| plan("p/xa-c", "commune", Some(parent), "30%");
    std::fs::write(d.join("plans/p/xa-c.yaml"), orphan("p/tinh")).unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "an orphan"]);
    fill(d);
    let before = same_warm(d, &[]);
    assert!(before.contains("\"nearest\": null"), "{before}");
    // A plan whose id is near the one named: a "did you mean" appears,
    // though neither the orphan nor its kept verdict changed.
    std::fs::write(
        d.join("plans/p/tinhh.yaml"),
        plan("p/tinhh", "province", None, "20%"),
    )
    .unwrap();
    check(d, &[]);
    let nearer = same_warm(d, &[]);
    assert!(nearer.contains("\"nearest\": \"p/tinhh\""), "{nearer}");
    // The parent named now exists: no longer missing, and its cascade holds.
    std::fs::write(
        d.join("plans/p/tinh.yaml"),
        plan("p/tinh", "province", None, "40%"),
    )
    .unwrap();
    check(d, &[]);
    assert_eq!(
        rules(&same_warm(d, &[])),
        ["plans/p/xa-c.yaml looser-threshold"]
    );
}

/// A plan git says is unchanged is not decoded on a warm run: what its own
/// content shows (a metric that looks like a catalog key) is kept with it,
/// and so are the errors its children hear of.
#[test]
fn a_plan_left_undecoded_still_shows_its_look_alikes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("plans/p")).unwrap();
    std::fs::write(d.join("plans/indicators.yaml"), CATALOG).unwrap();
    // `aі` with a Cyrillic і: the skeleton of `ai`.
    let province = plan("p/so", "province", None, "20%").replace("metric: ai", "metric: aі");
    std::fs::write(d.join("plans/p/so.yaml"), province).unwrap();
    std::fs::write(
        d.join("plans/p/xa-a.yaml"),
        plan("p/xa-a", "commune", Some("p/so"), "25%"),
    )
    .unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "plans"]);
    fill(d);
    let found = rules(&same_warm(d, &[]));
    assert!(
        found.contains(&"plans/p/so.yaml confusable-id".to_string())
            && found.contains(&"plans/p/xa-a.yaml broken-parent".to_string()),
        "{found:?}"
    );
}
