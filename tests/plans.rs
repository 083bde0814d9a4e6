//! `kh check` on the shipped plans, and the edits an official might make to them.

use assert_cmd::Command;
use std::path::Path;

fn kh(dir: &Path, args: &[&str]) -> (Vec<String>, i32) {
    let out = Command::cargo_bin("kh")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    (lines, out.status.code().unwrap())
}

/// A copy of the shipped repository with one plan edited.
fn edited(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(Path::new("plans"), &tmp.path().join("plans"));
    let path = tmp.path().join("plans").join(file);
    let src = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        src.matches(from).count(),
        1,
        "{from} must occur once in {file}"
    );
    std::fs::write(&path, src.replace(from, to)).unwrap();
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn shipped_plans_pass_with_the_seeds_real_findings_as_warnings() {
    let (lines, code) = kh(Path::new("."), &["check"]);
    assert_eq!(code, 0);
    let warnings: Vec<&String> = lines.iter().filter(|l| l.contains(": warning[")).collect();
    assert_eq!(
        warnings,
        vec![
            "plans/hai-phong/thpt-an-lao-2026.yaml:16:9: warning[missing-parent]: parent plan `hai-phong/so-gddt-2026` is not in the repository (cited as: Kế hoạch số 639/KH-SGDĐT ngày 04/02/2026 của Sở Giáo dục và Đào tạo Hải Phòng): its targets cannot be checked against this plan; add it to plans/",
            "plans/ninh-binh/tam-chuc-2026.yaml:10:9: warning[plan-issued-late]: plan issued 06/2026, after the deadline for issuing it set by target I.1 of ninh-binh/so-gddt-2026: expected by 31/05/2026, found 06/2026 [target I.1 of ninh-binh/so-gddt-2026: plans/ninh-binh/so-gddt-2026.yaml:33:10]",
            "plans/ninh-binh/tam-chuc-2026.yaml:30:1: warning[missing-adoption]: parent target IV.2 (sector-database-digitised-linked) of ninh-binh/so-gddt-2026 applies to commune plans but is neither adopted nor waived: expected a target with metric `sector-database-digitised-linked` or a waiver with a reason [target IV.2 of ninh-binh/so-gddt-2026: plans/ninh-binh/so-gddt-2026.yaml:129:13]",
        ]
    );
    assert!(!lines.iter().any(|l| l.contains(": error[")));
    assert_eq!(
        lines.last().unwrap(),
        "checked 6 plans in .: 0 errors, 3 warnings, 3 notes"
    );
}

#[test]
fn strict_turns_the_seed_warnings_into_errors() {
    let (lines, code) = kh(Path::new("."), &["check", "--strict"]);
    assert_eq!(code, 1);
    assert_eq!(
        lines.last().unwrap(),
        "checked 6 plans in .: 3 errors, 0 warnings, 3 notes"
    );
}

#[test]
fn lowering_tam_chuc_ai_target_below_the_province_is_one_error_at_that_value() {
    let tmp = edited(
        "ninh-binh/tam-chuc-2026.yaml",
        "target: tối thiểu 25%",
        "target: tối thiểu 15%",
    );
    let (lines, code) = kh(tmp.path(), &["check"]);
    assert_eq!(code, 1);
    let errors: Vec<&String> = lines.iter().filter(|l| l.contains(": error[")).collect();
    assert_eq!(
        errors,
        vec![
            "plans/ninh-binh/tam-chuc-2026.yaml:104:13: error[looser-threshold]: target 2.3.3c (teachers-using-ai) of ninh-binh/tam-chuc-2026 is looser than its parent's: expected a threshold within `>= 20%` (target III.2b of ninh-binh/so-gddt-2026), found `>= 15%` [target III.2b of ninh-binh/so-gddt-2026: plans/ninh-binh/so-gddt-2026.yaml:92:13]"
        ]
    );
}

#[test]
fn above_fifty_under_above_fifty_passes_but_at_least_fifty_does_not() {
    // Province II.2 asks for "trên 50%" of teachers with digital-signature certificates.
    let tmp = edited(
        "ninh-binh/tam-chuc-2026.yaml",
        "target: \"100%\"\n    lead: [VHXH]\n    implementers: [school]\n    applies_to: [school]\n  - id: \"2.2.2\"",
        "target: trên 50%\n    lead: [VHXH]\n    implementers: [school]\n    applies_to: [school]\n  - id: \"2.2.2\"",
    );
    let (lines, code) = kh(tmp.path(), &["check"]);
    assert_eq!(code, 0, "{lines:#?}");

    let tmp = edited(
        "ninh-binh/tam-chuc-2026.yaml",
        "target: \"100%\"\n    lead: [VHXH]\n    implementers: [school]\n    applies_to: [school]\n  - id: \"2.2.2\"",
        "target: tối thiểu 50%\n    lead: [VHXH]\n    implementers: [school]\n    applies_to: [school]\n  - id: \"2.2.2\"",
    );
    let (lines, code) = kh(tmp.path(), &["check"]);
    assert_eq!(code, 1);
    let errors: Vec<&String> = lines.iter().filter(|l| l.contains(": error[")).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("error[looser-threshold]: target 2.2.1"));
    assert!(errors[0].contains("expected a threshold within `> 50%`"));
    assert!(errors[0].contains("found `>= 50%`"));
}

#[test]
fn json_report_has_the_same_findings() {
    let (lines, code) = kh(Path::new("."), &["check", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&lines.join("\n")).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["plans"], 6);
    assert_eq!(v["summary"]["warnings"], 3);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        vec![
            "missing-parent",
            "plan-issued-late",
            "missing-adoption",
            "milestone",
            "milestone",
            "milestone"
        ]
    );
    assert_eq!(v["findings"][1]["related"]["line"], 33);
}

#[test]
fn kh_yaml_names_the_plans_directory_and_strictness_and_is_found_from_below() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(Path::new("plans"), &tmp.path().join("ke-hoach"));
    std::fs::write(
        tmp.path().join("kh.yaml"),
        "plans: ke-hoach\nstrict: true\n",
    )
    .unwrap();
    let below = tmp.path().join("ke-hoach/ninh-binh");
    let (lines, code) = kh(&below, &["check"]);
    assert_eq!(code, 1);
    assert_eq!(
        lines.last().unwrap(),
        "checked 6 plans in ../..: 3 errors, 0 warnings, 3 notes"
    );
    assert!(
        lines[0].starts_with(
            "../../ke-hoach/hai-phong/thpt-an-lao-2026.yaml:16:9: error[missing-parent]"
        ),
        "{}",
        lines[0]
    );
}
