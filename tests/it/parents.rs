//! Several parents, whom a target binds, and the checks issue 13 found
//! misjudging: each test builds a small repository and asserts kh's exact
//! findings.

use crate::util::{kh, run};
use std::path::Path;

const CATALOG: &str = "kh: 1
indicators:
  - {key: schools-issuing-plan, name: Tỷ lệ cơ sở giáo dục ban hành kế hoạch, unit: percent, direction: higher, plan_issuance: true}
  - {key: teachers-using-ai, name: Tỷ lệ giáo viên ứng dụng AI, unit: percent, direction: higher}
  - {key: digital-skills, name: Tỷ lệ cán bộ làm chủ kỹ năng số, unit: percent, direction: higher}
  - {key: online-payment, name: Tỷ lệ thanh toán trực tuyến, unit: percent, direction: higher}
";

/// A plan file: header fields, then `targets:` lines as given.
fn plan(id: &str, level: &str, issued: &str, extra: &str, targets: &[&str]) -> String {
    let mut s = format!(
        "kh: 1\nid: {id}\ntitle: Kế hoạch {id}\nissuer: Đơn vị {id}\nlevel: {level}\nissued: {issued}\nperiod: 2026\n{extra}targets:\n"
    );
    for t in targets {
        s.push_str(&format!("  - {t}\n"));
    }
    s
}

/// A repository in a temporary folder: `plans/<name>` for each file.
fn repo(files: &[(&str, String)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let plans = tmp.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::write(plans.join("indicators.yaml"), CATALOG).unwrap();
    for (name, src) in files {
        std::fs::write(plans.join(name), src).unwrap();
    }
    tmp
}

fn check(dir: &Path) -> (Vec<String>, i32) {
    let (out, err, code) = run(kh().current_dir(dir).args(["check", "--lang", "en"]));
    assert!(err.is_empty(), "{err}");
    (out.lines().map(String::from).collect(), code)
}

fn sở() -> String {
    plan(
        "t/so",
        "province",
        "2026-05-13",
        "",
        &[
            "{id: III.2, text: Tối thiểu 20% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 20%, due: Tháng 12/2026, applies_to: [school]}",
        ],
    )
}

fn xã() -> String {
    plan(
        "t/xa",
        "commune",
        "2026-05-20",
        "parent: t/so\n",
        &[
            "{id: '2.3', text: Tối thiểu 25% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 25%, applies_to: [tiểu học]}",
            "{id: '2.4', text: 90% cán bộ làm chủ kỹ năng số, metric: digital-skills, target: tối thiểu 90%, due: Tháng 12/2026, applies_to: [school]}",
        ],
    )
}

fn school(targets: &[&str]) -> String {
    plan(
        "t/th-kim-dong",
        "school",
        "2026-06-01",
        "parent: [t/xa, t/so]\n",
        targets,
    )
}

#[test]
fn a_primary_school_under_its_ward_and_the_department_meeting_both() {
    let dir = repo(&[
        ("so.yaml", sở()),
        ("xa.yaml", xã()),
        (
            "th.yaml",
            school(&[
                "{id: '1', text: 30% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 30%, due: Tháng 12/2026}",
                "{id: '2', text: 95% làm chủ kỹ năng số, metric: digital-skills, target: tối thiểu 95%, due: Tháng 12/2026}",
            ]),
        ),
    ]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec!["checked 3 plans in . (4 files read, 0 with errors): 0 errors, 0 warnings, 0 notes"]
    );
    assert_eq!(code, 0);
}

#[test]
fn looser_than_one_parent_names_that_parent() {
    // 22% meets the department's 20% but not the ward's 25%.
    let dir = repo(&[
        ("so.yaml", sở()),
        ("xa.yaml", xã()),
        (
            "th.yaml",
            school(&[
                "{id: '1', text: 22% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 22%, due: Tháng 12/2026}",
                "{id: '2', text: 95% làm chủ kỹ năng số, metric: digital-skills, target: tối thiểu 95%, due: Tháng 12/2026}",
            ]),
        ),
    ]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec![
            "plans/th.yaml:10:83: error[looser-threshold]: target 1 (teachers-using-ai) of t/th-kim-dong is looser than its parent's: expected a threshold within `>= 25%` (target 2.3 of t/xa), found `>= 22%` [target 2.3 of t/xa: plans/xa.yaml:10:95]",
            "checked 3 plans in . (4 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn missing_the_adoption_of_one_parent() {
    // The ward's digital-skills target binds schools; the department's does not have one.
    let dir = repo(&[
        ("so.yaml", sở()),
        ("xa.yaml", xã()),
        (
            "th.yaml",
            school(&[
                "{id: '1', text: 30% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 30%, due: Tháng 12/2026}",
            ]),
        ),
    ]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec![
            "plans/th.yaml:9:1: warning[missing-adoption]: parent target 2.4 (digital-skills) of t/xa applies to school plans but is neither adopted nor waived: expected a target with metric `digital-skills` or a waiver with a reason [target 2.4 of t/xa: plans/xa.yaml:11:62]",
            "checked 3 plans in . (4 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn a_target_for_primary_schools_does_not_bind_an_upper_secondary_school() {
    let thpt = plan(
        "t/thpt-an-lao",
        "school",
        "2026-06-01",
        "parent: t/xa\nschool: THPT\n",
        &[
            "{id: '2', text: 95% làm chủ kỹ năng số, metric: digital-skills, target: tối thiểu 95%, due: Tháng 12/2026}",
        ],
    );
    // Named "THPT": the ward's 2.3 (tiểu học) neither binds it nor judges it.
    let dir = repo(&[("so.yaml", sở()), ("xa.yaml", xã()), ("thpt.yaml", thpt)]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec!["checked 3 plans in . (4 files read, 0 with errors): 0 errors, 0 warnings, 0 notes"]
    );
    assert_eq!(code, 0);
}

#[test]
fn a_department_under_its_provincial_committee_and_the_national_decision() {
    let national = plan(
        "qg/131",
        "national",
        "2022-01-25",
        "",
        &[
            "{id: '1', text: 20% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 20%, due: Năm 2026}",
        ],
    );
    // The UBND tỉnh binds its own Sở by id: both are province level.
    let ubnd = plan(
        "t/ubnd",
        "province",
        "2026-03-01",
        "parent: qg/131\n",
        &[
            "{id: '1', text: 20% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 20%, due: Năm 2026}",
            "{id: '2', text: 100% thanh toán trực tuyến, metric: online-payment, target: 100%, due: Năm 2026, applies_to: [t/so]}",
        ],
    );
    let so = plan(
        "t/so",
        "province",
        "2026-05-13",
        "parent: [t/ubnd, qg/131]\n",
        &[
            "{id: III.2, text: 15% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 15%, due: Năm 2026}",
        ],
    );
    let dir = repo(&[("qg.yaml", national), ("ubnd.yaml", ubnd), ("so.yaml", so)]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec![
            "plans/so.yaml:9:1: warning[missing-adoption]: parent target 2 (online-payment) of t/ubnd applies to province plans but is neither adopted nor waived: expected a target with metric `online-payment` or a waiver with a reason [target 2 of t/ubnd: plans/ubnd.yaml:11:57]",
            "plans/so.yaml:10:85: error[looser-threshold]: target III.2 (teachers-using-ai) of t/so is looser than its parent's: expected a threshold within `>= 20%` (target 1 of qg/131), found `>= 15%` [target 1 of qg/131: plans/qg.yaml:9:83]",
            "plans/so.yaml:10:85: error[looser-threshold]: target III.2 (teachers-using-ai) of t/so is looser than its parent's: expected a threshold within `>= 20%` (target 1 of t/ubnd), found `>= 15%` [target 1 of t/ubnd: plans/ubnd.yaml:10:83]",
            "checked 3 plans in . (4 files read, 1 with errors): 2 errors, 1 warning, 0 notes",
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn an_internal_target_judges_no_one() {
    let so = plan(
        "t/so",
        "province",
        "2026-05-13",
        "",
        &[
            "{id: V.8, text: Đạt tối thiểu 83%, metric: online-payment, target: tối thiểu 83%, due: Tháng 11/2026, applies_to: []}",
        ],
    );
    let xa = plan(
        "t/xa",
        "commune",
        "2026-05-20",
        "parent: t/so\n",
        &["{id: '2.5.8', text: Đạt 50%, metric: online-payment, target: 50%, applies_to: []}"],
    );
    let dir = repo(&[("so.yaml", so), ("xa.yaml", xa)]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec!["checked 2 plans in . (3 files read, 0 with errors): 0 errors, 0 warnings, 0 notes"]
    );
    assert_eq!(code, 0);
    // Nor lends it its deadline: the ward's target is due at the end of its period.
    let (out, _, _) = run(kh().current_dir(dir.path()).args([
        "due",
        "--plan",
        "t/xa",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        "csv",
    ]));
    let row = out
        .lines()
        .find(|l| l.contains("2.5.8"))
        .unwrap_or_default()
        .to_string();
    assert!(row.starts_with("2026-12-31,"), "{out}");
    assert!(row.contains(",period,"), "inherited from the period: {out}");
}

#[test]
fn an_issuing_deadline_for_schools_does_not_bind_the_ward() {
    let so = plan(
        "t/so",
        "province",
        "2026-05-13",
        "",
        // No applies_to: the text names whom it binds, the schools.
        &[
            "{id: I.1, text: 100% cơ sở giáo dục ban hành kế hoạch chuyển đổi số, metric: schools-issuing-plan, target: 100%, due: Tháng 5/2026}",
        ],
    );
    let xa = plan(
        "t/xa",
        "commune",
        "2026-06",
        "parent: t/so\n",
        &[
            "{id: '2.1', text: 100% các trường ban hành kế hoạch, metric: schools-issuing-plan, target: 100%, due: Tháng 12/2026}",
        ],
    );
    let th = plan(
        "t/th",
        "school",
        "2026-06-15",
        "parent: t/so\n",
        &[
            "{id: '1', text: Ban hành kế hoạch, metric: schools-issuing-plan, target: 100%, due: Tháng 12/2026}",
        ],
    );
    let dir = repo(&[("so.yaml", so), ("xa.yaml", xa), ("th.yaml", th)]);
    let (lines, _) = check(dir.path());
    assert_eq!(
        lines,
        vec![
            "plans/th.yaml:6:9: warning[plan-issued-late]: plan issued 15/06/2026, after the deadline for school plans to be issued set by target I.1 of t/so: expected by 31/05/2026, found 15/06/2026 [target I.1 of t/so: plans/so.yaml:9:123]",
            "plans/th.yaml:10:89: error[later-deadline]: target 1 (schools-issuing-plan) is due later than its parent's: expected no later than 31/05/2026 (target I.1 of t/so), found 31/12/2026 [target I.1 of t/so: plans/so.yaml:9:123]",
            "plans/xa.yaml:10:107: error[later-deadline]: target 2.1 (schools-issuing-plan) is due later than its parent's: expected no later than 31/05/2026 (target I.1 of t/so), found 31/12/2026 [target I.1 of t/so: plans/so.yaml:9:123]",
            "checked 3 plans in . (4 files read, 2 with errors): 2 errors, 1 warning, 0 notes",
        ]
    );
}

#[test]
fn a_target_due_before_its_plan_was_issued() {
    let so = plan(
        "t/so",
        "province",
        "2026-05-13",
        "",
        &[
            "{id: I.1, text: 100% cơ sở giáo dục ban hành kế hoạch, metric: schools-issuing-plan, target: 100%, due: Tháng 5/2026, applies_to: [school]}",
        ],
    );
    let xa = plan(
        "t/xa",
        "commune",
        "2026-06",
        "parent: t/so\n",
        &[
            "{id: '2.1.1', text: 100% các trường ban hành kế hoạch, metric: schools-issuing-plan, target: 100%, applies_to: [school]}",
        ],
    );
    let dir = repo(&[("so.yaml", so), ("xa.yaml", xa)]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec![
            "plans/xa.yaml:10:10: warning[due-before-issued]: target 2.1.1 is due 31/05/2026 (inherited from target I.1 of t/so), before its plan was issued (06/2026): expected a deadline on or after the issue date [target I.1 of t/so: plans/so.yaml:9:109]",
            "checked 2 plans in . (3 files read, 0 with errors): 0 errors, 1 warning, 0 notes",
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn reports_are_not_due_before_their_plan_was_issued() {
    let xa = format!(
        "{}reporting:\n  - {{what: Báo cáo quý, from: [school], due: hằng quý (trước ngày 10 tháng cuối quý)}}\n",
        plan("t/xa", "commune", "2026-06-20", "", &[])
    );
    let dir = repo(&[("xa.yaml", xa)]);
    let (out, err, code) = run(kh().current_dir(dir.path()).args([
        "due",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--kind",
        "report",
        "--format",
        "csv",
    ]));
    assert_eq!(code, 0, "{err}");
    let dates: Vec<&str> = out.lines().skip(1).map(|l| &l[..10]).collect();
    // Not 10/03 nor 10/06: the plan was issued on 20/06.
    assert_eq!(dates, vec!["2026-09-10", "2026-12-10"]);
}

#[test]
fn rollup_judges_each_child_against_the_parents_threshold() {
    let so = plan(
        "t/so",
        "province",
        "2026-05-13",
        "",
        &[
            "{id: III.2, text: Tối thiểu 20% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 20%, due: Tháng 12/2026}",
        ],
    );
    let xa = plan(
        "t/xa",
        "commune",
        "2026-05-20",
        "parent: t/so\n",
        &[
            "{id: '2.3', text: Tối thiểu 15% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 15%, due: Tháng 12/2026}",
        ],
    );
    let dir = repo(&[("so.yaml", so), ("xa.yaml", xa)]);
    std::fs::create_dir_all(dir.path().join("reports")).unwrap();
    std::fs::write(
        dir.path().join("reports/q3.csv"),
        "plan,metric,segment,value,as_of,source\nt/xa,teachers-using-ai,,16%,2026-09-30,\n",
    )
    .unwrap();
    let (out, err, code) = run(kh().current_dir(dir.path()).args([
        "status",
        "--as-of",
        "2026-10-01",
        "--rollup",
        "--reports",
        "reports",
        "--format",
        "csv",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        vec![
            "\u{feff}plan,target,indicator,segment,threshold,children meeting,not meeting",
            "t/so,III.2,teachers-using-ai,,>= 20%,0/1 met,t/xa (not met; against its own target: met)",
        ]
    );
}

#[test]
fn a_broken_or_mistyped_parent_is_named_for_what_it_is() {
    // The parent's file lacks its level: it cannot be read as a plan, but its id is known.
    let so =
        plan("t/so-gddt-2026", "province", "2026-05-13", "", &[]).replace("level: province\n", "");
    let xa = plan(
        "t/xa",
        "commune",
        "2026-05-20",
        "parent: t/so-gddt-2026\n",
        &[],
    );
    // A typo in case and diacritics of a parent that is there.
    let th = plan(
        "t/th",
        "school",
        "2026-06-01",
        "parent: [t/XA, t/khong-co]\ncites: Kế hoạch số 92/KH-SGDĐT ngày 13/5/2026 của Sở GDĐT\n",
        &[],
    );
    let dir = repo(&[("so.yaml", so), ("xa.yaml", xa), ("th.yaml", th)]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec![
            "plans/so.yaml:1:1: error[schema]: does not match the plan format: missing field `level`",
            "plans/th.yaml:8:10: error[bad-id]: parent `t/XA` is not a valid plan id: uppercase `X` is not allowed (ids are lowercase); expected segments of lowercase ASCII letters, digits, `-`, `_` and `.`, each starting with a letter or digit, separated by `/` (e.g. ninh-binh/so-gddt-2026)",
            "plans/th.yaml:8:10: warning[missing-parent]: parent plan `t/XA` is not in the repository: its targets cannot be checked against this plan; add it to plans/, or list it under `external:` in kh.yaml if it lives elsewhere; did you mean `t/xa`?",
            "plans/th.yaml:8:16: warning[missing-parent]: parent plan `t/khong-co` is not in the repository: its targets cannot be checked against this plan; add it to plans/, or list it under `external:` in kh.yaml if it lives elsewhere",
            "plans/xa.yaml:8:9: warning[broken-parent]: parent plan `t/so-gddt-2026` could not be read (plans/so.yaml has errors): its targets cannot be checked against this plan until its file is fixed",
            "checked 2 plans in . (4 files read, 2 with errors): 2 errors, 3 warnings, 0 notes",
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn a_cycle_through_a_second_parent_is_found() {
    let a = plan("t/a", "province", "2026-01", "parent: [t/root, t/b]\n", &[]);
    let b = plan("t/b", "province", "2026-01", "parent: t/a\n", &[]);
    let root = plan("t/root", "national", "2026-01", "", &[]);
    let dir = repo(&[("a.yaml", a), ("b.yaml", b), ("root.yaml", root)]);
    let (lines, code) = check(dir.path());
    assert_eq!(
        lines,
        vec![
            "plans/a.yaml:8:18: error[parent-cycle]: plan `t/a` is its own ancestor (t/a -> t/b -> t/a): expected a chain of parents that ends at a root plan",
            "checked 3 plans in . (4 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ]
    );
    assert_eq!(code, 1);
}

/// (rule, child target, parent target, segment) for every problem `kh check`
/// reports between `child` and `parent`.
type Verdicts = std::collections::BTreeSet<(String, String, String, Option<String>)>;

fn check_verdicts(findings: &[serde_json::Value], child_file: &str, parent: &str) -> Verdicts {
    const CASCADE: &[&str] = &[
        "looser-threshold",
        "aspiration-only",
        "below-floor",
        "incomparable-threshold",
        "later-deadline",
        "milestone",
    ];
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    findings
        .iter()
        .filter(|f| f["file"] == child_file && f["data"]["parent_plan"] == parent)
        .filter(|f| CASCADE.contains(&f["rule"].as_str().unwrap_or_default()))
        .map(|f| {
            let d = &f["data"];
            let seg = match f["rule"].as_str() {
                Some("later-deadline" | "milestone") => None,
                _ => d["segment"].as_str().map(String::from),
            };
            (
                text(&f["rule"]),
                text(&d["target"]),
                text(&d["parent_target"]),
                seg,
            )
        })
        .collect()
}

fn diff_verdicts(dir: &Path, parent: &str, child: &str) -> Verdicts {
    let (out, err, code) = run(kh()
        .current_dir(dir)
        .args(["diff", parent, child, "--format", "json"]));
    assert!(code == 0 || code == 1, "kh diff {parent} {child}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let mut out = Verdicts::new();
    for r in v["rows"].as_array().unwrap() {
        let (a, b) = (text(&r["a"]["id"]), text(&r["b"]["id"]));
        let seg = r["segment"].as_str().map(String::from);
        let rule = match r["verdict"].as_str().unwrap() {
            "looser" => Some("looser-threshold"),
            "aspiration-only" => Some("aspiration-only"),
            "below-floor" => Some("below-floor"),
            "incomparable" => Some("incomparable-threshold"),
            _ => None,
        };
        if let Some(rule) = rule {
            out.insert((rule.into(), b.clone(), a.clone(), seg));
        }
        if r["verdict"] == "milestone" {
            out.insert(("milestone".into(), b.clone(), String::new(), None));
        }
        if r["deadline"] == "later" {
            out.insert(("later-deadline".into(), b, a, None));
        }
    }
    out
}

/// Every (child, parent) pair of the repository at `dir`: `kh diff` and `kh
/// check` give the same verdict for every pair of targets. Returns how many
/// pairs and verdicts were compared.
fn diff_agrees_with_check(dir: &Path) -> (usize, usize) {
    let source = kh::repo::locate(&[dir.join("plans")]).unwrap();
    let repo = kh::repo::load(source).unwrap();
    let (out, _, _) =
        run(kh()
            .current_dir(dir)
            .args(["check", "--format", "json", "--today", "2026-12-01"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let plans = dir.join("plans");
    let mut pairs = Vec::new();
    for e in &repo.plans {
        let path = repo.path(e.file);
        let file = path.strip_prefix(&plans).unwrap_or(path);
        let file = file.strip_prefix("plans").unwrap_or(file);
        let file = format!("plans/{}", file.to_string_lossy().replace('\\', "/"));
        for p in repo.parents_of(e) {
            pairs.push((file.clone(), p.plan.id.clone(), e.plan.id.clone()));
        }
    }
    let compared = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for chunk in pairs.chunks(pairs.len().div_ceil(8).max(1)) {
            let compared = &compared;
            s.spawn(move || {
                for (file, parent, child) in chunk {
                    let from_check = check_verdicts(findings, file, parent);
                    let from_diff = diff_verdicts(dir, parent, child);
                    assert_eq!(from_diff, from_check, "{parent} -> {child}");
                    compared.fetch_add(from_check.len(), std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    });
    (pairs.len(), compared.into_inner())
}

#[test]
fn diff_and_check_agree_on_every_pair_of_the_shipped_plans() {
    let (pairs, verdicts) = diff_agrees_with_check(Path::new("."));
    // Đắk Nông's Sở under the UBND tỉnh and the national decision, the UBND
    // tỉnh and Quảng Ninh under the decision, Tam Chúc under its Sở.
    assert_eq!(pairs, 5);
    assert!(verdicts >= 2, "{verdicts}");
}

#[test]
fn diff_and_check_agree_on_every_pair_of_the_generated_repository() {
    let dir = tempfile::tempdir().unwrap();
    kh_gen::generate(dir.path(), &kh_gen::Options { scale: 1, seed: 1 }).unwrap();
    let (pairs, verdicts) = diff_agrees_with_check(dir.path());
    assert!(pairs > 100, "{pairs}");
    assert!(verdicts > 0, "{verdicts}");
}

#[test]
fn one_plan_due_follows_every_parent_and_takes_the_earliest_deadline() {
    let so = plan(
        "t/so",
        "province",
        "2026-05-13",
        "",
        &[
            "{id: III.2, text: 20% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 20%, due: Tháng 11/2026}",
        ],
    );
    let xa = plan(
        "t/xa",
        "commune",
        "2026-05-20",
        "parent: t/so\n",
        &[
            "{id: '2.3', text: 25% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 25%, due: Tháng 12/2026}",
        ],
    );
    let th = school(&[
        "{id: '1', text: 30% giáo viên ứng dụng AI, metric: teachers-using-ai, target: tối thiểu 30%}",
    ]);
    let dir = repo(&[("so.yaml", so), ("xa.yaml", xa), ("th.yaml", th)]);
    let (out, err, code) = run(kh().current_dir(dir.path()).args([
        "due",
        "--plan",
        "t/th-kim-dong",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{out}");
    // The Sở's Tháng 11/2026 comes before the ward's Tháng 12/2026.
    assert_eq!(items[0]["date"], "2026-11-30");
    assert_eq!(items[0]["deadline"], "2026-11-30 (from t/so)");
}
