//! Bad input never panics and never hides other files' findings: a repository
//! of broken files beside a good parent and child still reports the child's
//! looser threshold, and every broken file gets a located finding.

use std::path::Path;

const CATALOG: &str = "kh: 1\nindicators:\n  - {key: ai, name: AI, unit: percent}\n";

fn plan(id: &str, parent: Option<&str>, target: &str, extra: &str) -> String {
    let parent = parent.map(|p| format!("parent: {p}\n")).unwrap_or_default();
    format!(
        "kh: 1\nid: {id}\ntitle: Kế hoạch\nissuer: UBND\nlevel: commune\nissued: 2026-06\nperiod: 2026\n{parent}targets:\n  - id: \"1\"\n    text: AI\n    metric: ai\n    target: {target}\n{extra}"
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn every_bad_file_is_located_and_good_files_are_still_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let plans = tmp.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    let d = plans.as_path();
    write(d, "indicators.yaml", CATALOG.as_bytes());
    let province =
        plan("so", None, "tối thiểu 20%", "").replace("level: commune", "level: province");
    write(d, "a-province.yaml", province.as_bytes());
    write(
        d,
        "b-child.yaml",
        plan("child", Some("so"), "tối thiểu 15%", "").as_bytes(),
    );
    write(
        d,
        "c-malformed.yaml",
        b"kh: 1\nid: x\ntitle: 'unterminated\n",
    );
    write(
        d,
        "d-wrong-type.yaml",
        plan("wt", None, "20%", "")
            .replace("targets:\n", "targets: none\nx:\n")
            .as_bytes(),
    );
    write(
        d,
        "e-unknown-field.yaml",
        plan("uf", None, "20%", "")
            .replace("title:", "numbr: 1\ntitle:")
            .as_bytes(),
    );
    write(
        d,
        "f-bad-threshold.yaml",
        plan("bt", None, "khoảng hai mươi", "").as_bytes(),
    );
    write(
        d,
        "g-bad-deadline.yaml",
        plan("bd", None, "20%", "    due: Tháng 13/2026\n").as_bytes(),
    );
    write(
        d,
        "h-over-100.yaml",
        plan("oh", None, "120%", "").as_bytes(),
    );
    write(
        d,
        "i-duplicate.yaml",
        plan("so", None, "20%", "").as_bytes(),
    );
    write(
        d,
        "j-cycle.yaml",
        plan("self", Some("self"), "20%", "").as_bytes(),
    );
    write(d, "k-empty.yaml", b"");
    write(d, "l-latin1.yaml", b"kh: 1\nid: x\ntitle: K\xea ho\xe1ch\n");

    let out = crate::util::kh()
        .current_dir(tmp.path())
        .arg("check")
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let find = |prefix: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starting with {prefix:?} in:\n{stdout}"))
            .to_string()
    };
    assert!(find("plans/b-child.yaml:13:13: error[looser-threshold]:").contains("found `>= 15%`"));
    assert_eq!(
        find("plans/c-malformed.yaml:"),
        "plans/c-malformed.yaml:4:1: error[syntax]: not valid YAML: found unexpected end of stream"
    );
    assert!(
        find("plans/d-wrong-type.yaml:8:10: error[schema]:")
            .contains("invalid type: string \"none\", expected a sequence")
    );
    assert!(
        find("plans/e-unknown-field.yaml:3:1: error[unknown-field]:")
            .contains("did you mean `number`?")
    );
    assert!(
        find("plans/f-bad-threshold.yaml:12:13: error[threshold]:").contains("khoảng hai mươi")
    );
    assert!(
        find("plans/g-bad-deadline.yaml:13:10: error[deadline]:").contains("months are 1 to 12")
    );
    assert!(find("plans/h-over-100.yaml:12:13: error[threshold]:").contains("between 0 and 100"));
    assert!(
        find("plans/i-duplicate.yaml:2:5: error[duplicate-id]: duplicate plan id `so`")
            .contains("plans/a-province.yaml:2:5")
    );
    assert!(find("plans/j-cycle.yaml:8:9: error[parent-cycle]:").contains("self -> self"));
    assert_eq!(
        find("plans/k-empty.yaml:1:1: error[syntax]:"),
        "plans/k-empty.yaml:1:1: error[syntax]: file is empty: expected a plan (kh: 1, id, title, ...) or an indicator catalog"
    );
    assert!(find("plans/l-latin1.yaml:3:9: error[syntax]: file is not UTF-8").contains("0xEA"));
    assert_eq!(
        *lines.last().unwrap(),
        "checked 8 plans in . (13 files read, 11 with errors): 11 errors, 0 warnings, 0 notes"
    );
}

#[test]
fn a_missing_repository_cannot_run_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let out = crate::util::kh()
        .current_dir(tmp.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "kh: error: no plans repository here: expected kh.yaml or a plans/ directory in this directory or above (up to the top of the git work tree), or paths on the command line\n"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let out = crate::util::kh()
        .args(["check", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'xml'"));
}
