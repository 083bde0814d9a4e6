//! `kh check --changed [REV]` (issue 19): exactly the findings of a full
//! check that concern the plans a change touches (each changed plan, the
//! plans below it, the plans above it), in a git repository made here; and
//! a clear error, exit 2, when there is no git repository or no such REV.

use std::collections::BTreeSet;
use std::path::Path;

const TODAY: &str = "2026-11-23";

fn plan(id: &str, level: &str, issued: &str, parent: Option<&str>, extra: &str) -> String {
    let parent = parent.map(|p| format!("parent: {p}\n")).unwrap_or_default();
    format!(
        "kh: 1\nid: {id}\ntitle: T\nissuer: I\nlevel: {level}\nissued: {issued}\nperiod: 2026\n{parent}{extra}"
    )
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

use crate::util::git;

/// A national plan, a province, two communes under it and a school under
/// each, committed on `main`; each school carries an error of its own.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "kh.yaml", "plans: plans\n");
    write(
        d,
        "plans/national/qd.yaml",
        &plan("national/qd", "national", "2026-01", None, ""),
    );
    write(
        d,
        "plans/p/so.yaml",
        &plan("p/so", "province", "2026-03", Some("national/qd"), ""),
    );
    for x in ["a", "b"] {
        write(
            d,
            &format!("plans/p/xa-{x}.yaml"),
            &plan(&format!("p/xa-{x}"), "commune", "2026-05", Some("p/so"), ""),
        );
        write(
            d,
            &format!("plans/p/xa-{x}/th.yaml"),
            &plan(
                &format!("p/xa-{x}/th"),
                "school",
                "2026-06",
                Some(&format!("p/xa-{x}")),
                &format!("bogus_{x}: 1\n"),
            ),
        );
    }
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "plans"]);
    git(d, &["checkout", "-q", "-b", "pr"]);
    dir
}

/// `kh check --format json` with these arguments: (plans, the findings as
/// JSON lines, sorted), the exit status; stderr must be empty.
fn check(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (u64, BTreeSet<String>, i32) {
    run_check(dir, &[&["--no-cache"], args].concat(), env)
}

/// `check`, with the cache.
fn check_cached(dir: &Path, args: &[&str]) -> (u64, BTreeSet<String>, i32) {
    run_check(dir, args, &[])
}

fn run_check(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (u64, BTreeSet<String>, i32) {
    let mut cmd = crate::util::kh();
    cmd.current_dir(dir)
        .args(["check", "--today", TODAY, "--format", "json"])
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let (out, err, code) = crate::util::run(&mut cmd);
    assert_eq!(err, "", "{args:?}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.to_string())
        .collect();
    (json["plans"].as_u64().unwrap(), findings, code)
}

/// The findings of a full check in these files.
fn full_in(dir: &Path, files: &[&str]) -> BTreeSet<String> {
    let (_, all, _) = check(dir, &[], &[]);
    all.into_iter()
        .filter(|f| {
            let v: serde_json::Value = serde_json::from_str(f).unwrap();
            files.contains(&v["file"].as_str().unwrap())
        })
        .collect()
}

const A_CASCADE: [&str; 4] = [
    "plans/p/xa-a.yaml",
    "plans/p/xa-a/th.yaml",
    "plans/p/so.yaml",
    "plans/national/qd.yaml",
];

#[test]
fn changed_reports_exactly_the_findings_of_the_plans_a_change_touches() {
    let dir = repository();
    let d = dir.path();
    // Commune A is now issued after its school: the school, unchanged,
    // gains a finding from the change above it.
    write(
        d,
        "plans/p/xa-a.yaml",
        &plan("p/xa-a", "commune", "2026-07", Some("p/so"), ""),
    );
    git(d, &["commit", "-q", "-am", "A later"]);
    let want = full_in(d, &A_CASCADE);
    assert!(
        want.iter().any(|f| f.contains("issued-before-parent")),
        "{want:#?}"
    );
    assert!(want.iter().any(|f| f.contains("bogus_a")));
    let (plans, got, code) = check(d, &["--changed", "main"], &[]);
    assert_eq!(got, want);
    assert_eq!((plans, code), (4, 1));
    assert!(
        !got.iter().any(|f| f.contains("bogus_b")),
        "B is not touched"
    );
    // Without REV: the merge base with the default branch (main here), or
    // the pull request's base named by CI.
    assert_eq!(check(d, &["--changed"], &[]).1, want);
    git(d, &["branch", "-q", "-m", "main", "trunk"]);
    for var in ["GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] {
        assert_eq!(check(d, &["--changed"], &[(var, "trunk")]).1, want, "{var}");
    }
    assert_eq!(check(d, &["--changed=trunk"], &[]).1, want);
    // A change not yet committed counts, and a new file too.
    write(
        d,
        "plans/p/xa-b/th.yaml",
        &plan(
            "p/xa-b/th",
            "school",
            "2026-06",
            Some("p/xa-b"),
            "bogus_b: 2\n",
        ),
    );
    let mut files = A_CASCADE.to_vec();
    files.extend(["plans/p/xa-b.yaml", "plans/p/xa-b/th.yaml"]);
    assert_eq!(check(d, &["--changed", "trunk"], &[]).1, full_in(d, &files));
    // Nothing changed since HEAD: nothing to report, and exit 0.
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "B"]);
    assert_eq!(
        check(d, &["--changed", "HEAD"], &[]),
        (0, BTreeSet::new(), 0)
    );
}

#[test]
fn a_deleted_or_renumbered_plan_touches_its_children_and_its_parents() {
    let dir = repository();
    let d = dir.path();
    std::fs::remove_file(d.join("plans/p/xa-a.yaml")).unwrap();
    git(d, &["commit", "-q", "-am", "A gone"]);
    let files = [
        "plans/p/xa-a/th.yaml",
        "plans/p/so.yaml",
        "plans/national/qd.yaml",
    ];
    let want = full_in(d, &files);
    assert!(
        want.iter().any(|f| f.contains("missing-parent")),
        "{want:#?}"
    );
    assert_eq!(check(d, &["--changed", "main"], &[]).1, want);
    // A commune renumbered: its school, which names the old id, is touched.
    write(
        d,
        "plans/p/xa-b.yaml",
        &plan("p/xa-b2", "commune", "2026-05", Some("p/so"), ""),
    );
    let mut files = files.to_vec();
    files.extend(["plans/p/xa-b.yaml", "plans/p/xa-b/th.yaml"]);
    assert_eq!(check(d, &["--changed", "main"], &[]).1, full_in(d, &files));
}

#[test]
fn a_changed_catalog_or_kh_yaml_touches_every_plan() {
    let dir = repository();
    let d = dir.path();
    write(d, "kh.yaml", "plans: plans\nstrict: true\n");
    let (plans, got, _) = check(d, &["--changed", "main"], &[]);
    assert_eq!((plans, got), {
        let (p, all, _) = check(d, &[], &[]);
        (p, all)
    });
    assert_eq!(plans, 6);
}

#[test]
fn no_git_repository_or_no_such_revision_is_an_error() {
    let dir = repository();
    let (out, err, code) = crate::util::run(crate::util::kh().current_dir(dir.path()).args([
        "check",
        "--changed",
        "no-such-branch",
    ]));
    assert_eq!((out.as_str(), code), ("", 2));
    assert_eq!(
        err,
        "kh: error: .: --changed no-such-branch: no such commit, branch or tag in this repository (is it fetched?)\n"
    );
    // An option smuggled in as a revision is a revision that does not exist.
    let (_, err, code) = crate::util::run(
        crate::util::kh()
            .current_dir(dir.path())
            .args(["check", "--changed=--output=x"]),
    );
    assert_eq!(code, 2);
    assert!(err.contains("no such commit"), "{err}");
    assert!(!dir.path().join("x").exists());
    // In Vietnamese.
    let (_, err, code) = crate::util::run(crate::util::kh().current_dir(dir.path()).args([
        "check",
        "--lang",
        "vi",
        "--changed",
        "no-such-branch",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("không có commit, nhánh hay thẻ này"), "{err}");
    // Not a git repository.
    let plain = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(plain.path().join("plans")).unwrap();
    write(
        plain.path(),
        "plans/so.yaml",
        &plan("p/so", "province", "2026-03", None, ""),
    );
    let (out, err, code) = crate::util::run(
        crate::util::kh()
            .current_dir(plain.path())
            .args(["check", "--changed"]),
    );
    assert_eq!((out.as_str(), code), ("", 2));
    assert_eq!(
        err,
        "kh: error: .: not in a git repository: --changed compares with git history (run kh check without it)\n"
    );
    // No base branch to be found.
    let d = dir.path();
    git(d, &["branch", "-q", "-m", "main", "trunk"]);
    let (_, err, code) = crate::util::run(
        crate::util::kh()
            .current_dir(d)
            .args(["check", "--changed"]),
    );
    assert_eq!(code, 2);
    assert!(err.contains("no base branch found"), "{err}");
}

#[test]
fn a_changed_report_is_reported_and_an_unchanged_one_is_not() {
    let dir = repository();
    let d = dir.path();
    write(d, "reports/old.csv", "nothing,here\n1,2\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "an old report"]);
    write(d, "reports/new.csv", "not,a,report\n1,2,3\n");
    let want = full_in(d, &["reports/new.csv"]);
    assert!(!want.is_empty(), "the new report has findings");
    assert!(!full_in(d, &["reports/old.csv"]).is_empty());
    assert_eq!(check(d, &["--changed", "HEAD"], &[]).1, want);
}

/// With the cache, `--changed` decodes only the plans a change touches
/// and knows the others by their outline (id and parents): it must say
/// exactly what it says without the cache, whatever the change. Each step
/// is one a wrong outline would get wrong: a changed plan that takes
/// another's id, one that moves to another parent, a parent deleted, a
/// plan renamed, a new plan not yet tracked; committed, staged or not.
#[test]
fn with_the_cache_changed_says_the_same_whatever_the_change() {
    let dir = repository();
    let d = dir.path();
    // The cache warm, as in CI from the base branch.
    check_cached(d, &[]);
    let same = |why: &str| {
        let fast = check_cached(d, &["--changed", "main"]);
        assert_eq!(fast, check(d, &["--changed", "main"], &[]), "{why}");
        fast.1
    };
    assert_eq!(same("nothing changed"), BTreeSet::new());
    // Commune B takes commune A's id, in the work tree only: the duplicate
    // is reported on B, and A (unchanged) is touched by it.
    write(
        d,
        "plans/p/xa-b.yaml",
        &plan("p/xa-a", "commune", "2026-05", Some("p/so"), ""),
    );
    let dup = same("a duplicate id");
    assert!(dup.iter().any(|f| f.contains("duplicate-id")), "{dup:#?}");
    let files = [
        "plans/p/xa-a.yaml",
        "plans/p/xa-a/th.yaml",
        "plans/p/xa-b.yaml",
        "plans/p/xa-b/th.yaml",
        "plans/p/so.yaml",
        "plans/national/qd.yaml",
    ];
    assert_eq!(dup, full_in(d, &files));
    git(d, &["checkout", "--", "plans/p/xa-b.yaml"]);
    // School A moves under commune B, staged: it is judged against B.
    write(
        d,
        "plans/p/xa-a/th.yaml",
        &plan(
            "p/xa-a/th",
            "school",
            "2026-04",
            Some("p/xa-b"),
            "bogus_a: 1\n",
        ),
    );
    git(d, &["add", "."]);
    let moved = same("a new parent");
    assert!(
        moved.iter().any(|f| f.contains("issued-before-parent")),
        "{moved:#?}"
    );
    assert_eq!(
        moved,
        full_in(
            d,
            &[
                "plans/p/xa-a/th.yaml",
                "plans/p/xa-b.yaml",
                "plans/p/xa-a.yaml",
                "plans/p/so.yaml",
                "plans/national/qd.yaml",
            ]
        )
    );
    git(d, &["commit", "-q", "-m", "school A under B"]);
    assert_eq!(same("committed"), moved);
    // The province deleted: every plan below it loses its parent.
    std::fs::remove_file(d.join("plans/p/so.yaml")).unwrap();
    let gone = same("a parent deleted");
    assert!(gone.iter().any(|f| f.contains("missing-parent")));
    git(d, &["checkout", "--", "plans/p/so.yaml"]);
    // Commune A renamed, as it is: its file is new, its old one gone.
    git(d, &["mv", "plans/p/xa-a.yaml", "plans/p/xa-a-moi.yaml"]);
    same("renamed");
    git(d, &["commit", "-q", "-m", "A renamed"]);
    same("rename committed");
    // A new plan, not yet tracked, under commune B with B's school's id.
    write(
        d,
        "plans/p/xa-b/th-2.yaml",
        &plan("p/xa-b/th", "school", "2026-06", Some("p/xa-b"), ""),
    );
    let new = same("an untracked plan");
    assert!(new.iter().any(|f| f.contains("duplicate-id")), "{new:#?}");
}

/// A plan below a change is judged against every one of its parents, also
/// one the change does not touch: with the cache, that parent is decoded
/// too (known by its outline alone, school B would not hear that commune
/// B is issued after it).
#[test]
fn a_plan_below_a_change_is_judged_against_all_its_parents() {
    let dir = repository();
    let d = dir.path();
    git(d, &["checkout", "-q", "main"]);
    write(
        d,
        "plans/p/xa-b/th.yaml",
        &plan(
            "p/xa-b/th",
            "school",
            "2026-06",
            Some("[p/xa-a, p/xa-b]"),
            "",
        ),
    );
    write(
        d,
        "plans/p/xa-b.yaml",
        &plan("p/xa-b", "commune", "2026-07", Some("p/so"), ""),
    );
    git(d, &["commit", "-q", "-am", "school B under A and B"]);
    git(d, &["checkout", "-q", "-B", "pr"]);
    check_cached(d, &[]);
    write(
        d,
        "plans/p/xa-a.yaml",
        &plan("p/xa-a", "commune", "2026-04", Some("p/so"), ""),
    );
    git(d, &["commit", "-q", "-am", "A earlier"]);
    let fast = check_cached(d, &["--changed", "main"]);
    assert_eq!(fast, check(d, &["--changed", "main"], &[]));
    let school_b: Vec<&String> = fast
        .1
        .iter()
        .filter(|f| f.contains("plans/p/xa-b/th.yaml"))
        .collect();
    assert!(
        school_b
            .iter()
            .any(|f| f.contains("issued-before-parent") && f.contains("p/xa-b\"")),
        "{school_b:#?}"
    );
    // Commune B itself is not touched: only read.
    assert!(!fast.1.iter().any(|f| {
        let v: serde_json::Value = serde_json::from_str(f).unwrap();
        v["file"] == "plans/p/xa-b.yaml"
    }));
}

/// `--changed` finds the files git does not track by kh's own walk of its
/// folders, not by git's list of untracked files: a plan file that a
/// `.gitignore` hides from git is still read by every `kh check`, and, new
/// since the base, is reported on, with and without the cache; so is one
/// in a folder that only holds ignored files.
#[test]
fn a_plan_file_git_ignores_is_new() {
    let dir = repository();
    let d = dir.path();
    check_cached(d, &[]);
    write(
        d,
        ".gitignore",
        "plans/p/xa-b/drafts/\nplans/p/xa-b/nhap.yaml\n",
    );
    git(d, &["add", ".gitignore"]);
    git(d, &["commit", "-q", "-m", "drafts are not committed"]);
    write(
        d,
        "plans/p/xa-b/nhap.yaml",
        &plan("p/xa-b/nhap", "school", "2026-04", Some("p/xa-b"), ""),
    );
    write(
        d,
        "plans/p/xa-b/drafts/th-2.yaml",
        &plan(
            "p/xa-b/th-2",
            "school",
            "2026-06",
            Some("p/xa-b"),
            "bogus_d: 1\n",
        ),
    );
    assert_eq!(git(d, &["status", "--porcelain", "--", "plans"]), "");
    let files = [
        "plans/p/xa-b/nhap.yaml",
        "plans/p/xa-b/drafts/th-2.yaml",
        "plans/p/xa-b.yaml",
        "plans/p/so.yaml",
        "plans/national/qd.yaml",
    ];
    let want = full_in(d, &files);
    assert!(
        want.iter()
            .any(|f| f.contains("issued-before-parent") && f.contains("nhap")),
        "{want:#?}"
    );
    assert!(want.iter().any(|f| f.contains("bogus_d")), "{want:#?}");
    assert_eq!(check(d, &["--changed", "main"], &[]).1, want);
    assert_eq!(check_cached(d, &["--changed", "main"]).1, want);
}

/// A report changed in the work tree only (edited, new, or new and
/// ignored by git) is noticed with the cache too: the whole repository is
/// then read, and exactly the changed reports' findings are reported.
#[test]
fn with_the_cache_a_report_changed_in_the_work_tree_is_reported() {
    let dir = repository();
    let d = dir.path();
    write(d, "reports/old.csv", "nothing,here\n1,2\n");
    write(d, ".gitignore", "reports/local/\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "an old report"]);
    check_cached(d, &[]);
    let same = |why: &str, files: &[&str]| {
        let fast = check_cached(d, &["--changed", "HEAD"]);
        assert_eq!(fast, check(d, &["--changed", "HEAD"], &[]), "{why}");
        assert_eq!(fast.1, full_in(d, files), "{why}");
        assert!(!fast.1.is_empty(), "{why}");
    };
    // Edited, not committed.
    write(d, "reports/old.csv", "still,nothing\n3,4\n");
    same("an edited report", &["reports/old.csv"]);
    git(d, &["checkout", "--", "reports/old.csv"]);
    assert_eq!(check_cached(d, &["--changed", "HEAD"]).1, BTreeSet::new());
    // New, and new where git ignores it.
    write(d, "reports/local/q4.csv", "not,a,report\n1,2,3\n");
    same("an ignored report", &["reports/local/q4.csv"]);
    write(d, "reports/new.csv", "not,a,report\n1,2,3\n");
    same("new reports", &["reports/local/q4.csv", "reports/new.csv"]);
}

/// A plan read through a link git tracks (a folder of plans kept once and
/// linked from another) changes when what the link leads to changes, or
/// the link itself: its findings are reported; with nothing changed, they
/// are not.
#[test]
fn a_plan_read_through_a_link_changes_with_what_it_leads_to() {
    let dir = repository();
    let d = dir.path();
    write(
        d,
        "shared/th-chung.yaml",
        &plan("p/xa-a/th-chung", "school", "2026-06", Some("p/xa-a"), ""),
    );
    std::os::unix::fs::symlink("../../../shared", d.join("plans/p/xa-a/chung")).unwrap();
    git(d, &["checkout", "-q", "main"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "a shared school plan, linked"]);
    git(d, &["checkout", "-q", "-B", "pr"]);
    check_cached(d, &[]);
    assert_eq!(check_cached(d, &["--changed", "main"]).1, BTreeSet::new());
    assert_eq!(check(d, &["--changed", "main"], &[]).1, BTreeSet::new());
    // The plan the link leads to, changed: renumbered (no plan has its
    // former id to be found by) and issued before its commune.
    write(
        d,
        "shared/th-chung.yaml",
        &plan("p/xa-a/th-chung-2", "school", "2026-04", Some("p/xa-a"), ""),
    );
    let want = full_in(
        d,
        &[
            "plans/p/xa-a/chung/th-chung.yaml",
            "plans/p/xa-a.yaml",
            "plans/p/so.yaml",
            "plans/national/qd.yaml",
        ],
    );
    assert!(
        want.iter().any(|f| f.contains("issued-before-parent")),
        "{want:#?}"
    );
    assert_eq!(check(d, &["--changed", "main"], &[]).1, want);
    assert_eq!(check_cached(d, &["--changed", "main"]).1, want);
}
