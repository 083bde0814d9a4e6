//! A catalog of bad and odd input, one file per kind under tests/bad/ (plus a
//! few made at run time: a 50 MB file, a symbolic link loop, an unreadable file,
//! an empty plans/ directory, report CSVs). Each is checked beside a good parent
//! and a child with a known looser threshold: the exact line for the bad file
//! must appear, and the good child must still be checked.

use std::path::Path;

const COMPANION: &str = "plans/phuong-a-2026.yaml:22:13: error[looser-threshold]: target 2.3 (teachers-using-ai) of tinh/phuong-a-2026 is looser than its parent's: expected a threshold within `>= 20%` (target III.2 of tinh/so-gddt-2026), found `>= 15%` [target III.2 of tinh/so-gddt-2026: plans/so-gddt-2026.yaml:23:13]";

/// A repository with the good pair and `setup` applied; returns kh check's output lines.
fn check_with(setup: impl FnOnce(&Path)) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let plans = tmp.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    for f in ["indicators.yaml", "so-gddt-2026.yaml", "phuong-a-2026.yaml"] {
        std::fs::copy(
            Path::new("examples/looser-threshold/plans").join(f),
            plans.join(f),
        )
        .unwrap();
    }
    setup(tmp.path());
    let out = crate::util::kh()
        .current_dir(tmp.path())
        .args(["check", "--today", "2026-11-23"])
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
        "the companion's error makes every run exit 1"
    );
    let lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert!(
        lines.iter().any(|l| l == COMPANION),
        "the good child was not checked:\n{lines:#?}"
    );
    lines
}

fn case(name: &str, expected: Option<&str>) {
    let lines = check_with(|dir| {
        std::fs::copy(
            Path::new("tests/bad").join(name),
            dir.join("plans").join(name),
        )
        .unwrap();
    });
    let mine: Vec<&String> = lines.iter().filter(|l| l.contains(name)).collect();
    match expected {
        None => assert!(mine.is_empty(), "{name} should be read as meant: {mine:#?}"),
        Some(e) => assert_eq!(mine, vec![e], "{name}"),
    }
}

#[test]
fn case_01_bom() {
    case("01-bom.yaml", None);
}

#[test]
fn case_02_crlf() {
    case("02-crlf.yaml", None);
}

#[test]
fn case_03_nfd() {
    case("03-nfd.yaml", None);
}

#[test]
fn case_04_percent_with_space() {
    case("04-percent-with-space.yaml", None);
}

#[test]
fn case_05_ge_sign_spaced() {
    case("05-ge-sign-spaced.yaml", None);
}

#[test]
fn case_06_nbsp_before_percent() {
    case("06-nbsp-before-percent.yaml", None);
}

#[test]
fn case_07_zero_width_space() {
    case(
        "07-zero-width-space.yaml",
        Some(
            "plans/07-zero-width-space.yaml:20:22: warning[invisible-char]: invisible character U+200B (zero-width space) was ignored; it usually comes from copying out of Word",
        ),
    );
}

#[test]
fn case_08_unquoted_number_id() {
    case("08-unquoted-number-id.yaml", None);
}

#[test]
fn case_09_fullwidth_percent() {
    case("09-fullwidth-percent.yaml", None);
}

#[test]
fn case_10_no_diacritics_uppercase() {
    case("10-no-diacritics-uppercase.yaml", None);
}

#[test]
fn case_11_truncated() {
    case(
        "11-truncated.yaml",
        Some(
            "plans/11-truncated.yaml:17:1: error[syntax]: not valid YAML: did not find expected ',' or ']'",
        ),
    );
}

#[test]
fn case_12_tab_indent() {
    case(
        "12-tab-indent.yaml",
        Some(
            "plans/12-tab-indent.yaml:17:1: error[syntax]: tab used for indentation: YAML indents with spaces only; replace the tab with spaces",
        ),
    );
}

#[test]
fn case_13_duplicate_key() {
    case(
        "13-duplicate-key.yaml",
        Some(
            "plans/13-duplicate-key.yaml:5:1: error[schema]: does not match the plan format: duplicate field `issuer`",
        ),
    );
}

#[test]
fn case_14_alias_bomb() {
    case(
        "14-alias-bomb.yaml",
        Some(
            "plans/14-alias-bomb.yaml:23:6: error[syntax]: YAML anchors and aliases (&name, *name) are not accepted in plans: write each value out in full",
        ),
    );
}

#[test]
fn case_15_deep_nesting() {
    case(
        "15-deep-nesting.yaml",
        Some(
            "plans/15-deep-nesting.yaml:22:36: error[syntax]: nesting deeper than 32 levels: a plan needs only a few; expected the plan format",
        ),
    );
}

#[test]
fn case_16_binary() {
    case(
        "16-binary.yaml",
        Some(
            "plans/16-binary.yaml:1:1: error[syntax]: binary file (it contains NUL bytes): expected a UTF-8 YAML text file",
        ),
    );
}

#[test]
fn case_17_windows_1258() {
    case(
        "17-windows-1258.yaml",
        Some(
            "plans/17-windows-1258.yaml:3:9: error[syntax]: file is not UTF-8 but probably Windows-1258, a legacy Vietnamese encoding (byte 0xEA): convert it to Unicode UTF-8 (e.g. with UniKey's converter) and save it again",
        ),
    );
}

#[test]
fn case_18_tcvn3() {
    case(
        "18-tcvn3.yaml",
        Some(
            "plans/18-tcvn3.yaml:3:9: error[syntax]: file is not UTF-8 but probably TCVN3 (ABC, fonts .VnTime), a legacy Vietnamese encoding (byte 0xD5): convert it to Unicode UTF-8 (e.g. with UniKey's converter) and save it again",
        ),
    );
}

#[test]
fn case_19_vni() {
    case(
        "19-vni.yaml",
        Some(
            "plans/19-vni.yaml:3:10: error[syntax]: file is not UTF-8 but probably VNI (fonts VNI-Times), a legacy Vietnamese encoding (byte 0xE1): convert it to Unicode UTF-8 (e.g. with UniKey's converter) and save it again",
        ),
    );
}

#[test]
fn case_20_double_percent() {
    case(
        "20-double-percent.yaml",
        Some(
            "plans/20-double-percent.yaml:20:13: error[threshold]: \"tối thiểu 25%%\": unexpected \"%\" after the value; expected a threshold such as \"tối thiểu 25%\"",
        ),
    );
}

#[test]
fn case_21_negative_percent() {
    case(
        "21-negative-percent.yaml",
        Some(
            "plans/21-negative-percent.yaml:20:13: error[threshold]: \"-5%\": negative numbers are not accepted: a target is never below 0; expected a threshold such as \"dưới 5%\"",
        ),
    );
}

#[test]
fn case_22_quarter_v() {
    case(
        "22-quarter-v.yaml",
        Some(
            "plans/22-quarter-v.yaml:22:10: error[deadline]: deadline \"Quý V/2026\": quarter V does not exist; quarters are I to IV (1 to 4); e.g. \"Quý IV/2026\"",
        ),
    );
}

#[test]
fn case_23_month_13() {
    case(
        "23-month-13.yaml",
        Some(
            "plans/23-month-13.yaml:22:10: error[deadline]: deadline \"Tháng 13/2026\": month 13 does not exist; months are 1 to 12; e.g. \"Tháng 12/2026\"",
        ),
    );
}

#[test]
fn case_24_february_31() {
    case(
        "24-february-31.yaml",
        Some(
            "plans/24-february-31.yaml:22:10: error[deadline]: deadline \"Trước ngày 31/2/2026\": there is no such date as 31/2/2026: month 2/2026 has 28 days; e.g. \"Trước ngày 30/4/2026\"",
        ),
    );
}

#[test]
fn case_25_self_parent() {
    case(
        "25-self-parent.yaml",
        Some(
            "plans/25-self-parent.yaml:8:9: error[parent-cycle]: plan `tinh/phuong-b-2026` is its own ancestor (tinh/phuong-b-2026 -> tinh/phuong-b-2026): expected a chain of parents that ends at a root plan",
        ),
    );
}

#[test]
fn case_26_parent_path() {
    case(
        "26-parent-path.yaml",
        Some(
            "plans/26-parent-path.yaml:8:9: error[schema]: parent is a plan id such as ninh-binh/so-gddt-2026, not a path; found `../../other/so-gddt-2026.yaml`",
        ),
    );
}

#[test]
fn case_27_over_100() {
    case(
        "27-over-100.yaml",
        Some(
            "plans/27-over-100.yaml:20:13: error[threshold]: \"tối thiểu 120%\": a percentage must be between 0 and 100; expected a threshold such as \"tối thiểu 95%\"",
        ),
    );
}

#[test]
fn case_28_wrong_type() {
    case(
        "28-wrong-type.yaml",
        Some(
            "plans/28-wrong-type.yaml:9:8: error[schema]: does not match the plan format: units: invalid type: sequence, expected a map",
        ),
    );
}

#[test]
fn case_29_unknown_field() {
    case(
        "29-unknown-field.yaml",
        Some(
            "plans/29-unknown-field.yaml:7:1: error[unknown-field]: unknown field `peroid` in the plan; did you mean `period`?",
        ),
    );
}

#[test]
fn case_30_empty() {
    case(
        "30-empty.yaml",
        Some(
            "plans/30-empty.yaml:1:1: error[syntax]: file is empty: expected a plan (kh: 1, id, title, ...) or an indicator catalog",
        ),
    );
}

#[test]
fn case_31_latin1_stray_byte() {
    case(
        "31-latin1-stray-byte.yaml",
        Some(
            "plans/31-latin1-stray-byte.yaml:4:16: error[syntax]: file is not UTF-8: byte 0xFF cannot start a character; expected UTF-8 text (save the file as UTF-8)",
        ),
    );
}

#[test]
fn case_32_bad_level() {
    case(
        "32-bad-level.yaml",
        Some(
            "plans/32-bad-level.yaml:5:8: error[schema]: unknown level: expected one of national, province, district, commune, school; found `village`",
        ),
    );
}

#[test]
fn case_33_issued_day_blank_text() {
    // Issue 12: the printed date with a blank day is read (month known), so
    // the plan is judged as issued in June 2026, after its parent's deadline.
    case(
        "33-issued-day-blank-text.yaml",
        Some(
            "plans/33-issued-day-blank-text.yaml:6:9: warning[plan-issued-late]: plan issued 06/2026, after the deadline for commune plans to be issued set by target I.1 of tinh/so-gddt-2026: expected by 31/05/2026, found 06/2026 [target I.1 of tinh/so-gddt-2026: plans/so-gddt-2026.yaml:16:10]",
        ),
    );
}
#[test]
fn case_50_mb_file_is_not_read() {
    let lines = check_with(|dir| {
        let f = std::fs::File::create(dir.join("plans/huge.yaml")).unwrap();
        f.set_len(50 * 1024 * 1024).unwrap();
    });
    assert!(lines.contains(&"plans/huge.yaml:1:1: error[too-large]: file is 50.0 MB: a plan is at most 10 MB; not read (is this the right file?)".to_string()), "{lines:#?}");
}

#[cfg(unix)]
#[test]
fn case_symbolic_link_loop_is_visited_once() {
    let lines = check_with(|dir| {
        std::fs::create_dir(dir.join("plans/sub")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("plans/sub/loop")).unwrap();
    });
    assert!(lines.contains(&"plans/sub/loop:1:1: error[link-loop]: directory already visited (a symbolic link loop); skipped".to_string()), "{lines:#?}");
}

#[cfg(unix)]
#[test]
fn case_unreadable_file() {
    let lines = check_with(|dir| {
        std::os::unix::fs::symlink("nowhere.yaml", dir.join("plans/gone.yaml")).unwrap();
    });
    assert!(
        lines.contains(
            &"plans/gone.yaml:1:1: error[unreadable]: broken symbolic link; skipped".to_string()
        ),
        "{lines:#?}"
    );
}

#[test]
fn case_report_with_a_missing_column_and_a_value_in_a_wrong_unit() {
    let lines = check_with(|dir| {
        std::fs::create_dir(dir.join("reports")).unwrap();
        std::fs::write(
            dir.join("reports/a.csv"),
            "plan,metric,as_of\ntinh/so-gddt-2026,teachers-using-ai,2026-09-30\n",
        )
        .unwrap();
        std::fs::write(dir.join("reports/b.csv"), "plan,metric,value,as_of\ntinh/so-gddt-2026,teachers-using-ai,mức 2,2026-09-30\ntinh/so-gddt-2026,teachers-using-ai,22%,2026-09-30\n").unwrap();
    });
    assert!(
        lines.iter().any(
            |l| l.starts_with("reports/a.csv:1:1: error[report-columns]: missing column value")
        ),
        "{lines:#?}"
    );
    assert!(lines.contains(&"reports/b.csv:2:1: error[report-unit]: metric `teachers-using-ai` is measured in percent, found a value in level (`mức 2`); row skipped".to_string()), "{lines:#?}");
}

#[test]
fn case_empty_plans_directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("plans")).unwrap();
    let out = crate::util::kh()
        .current_dir(tmp.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "plans:1:1: error[unreadable]: no plan files (*.yaml) here: expected at least one plan\nchecked 0 plans in . (0 files read, 1 with errors): 1 error, 0 warnings, 0 notes\n"
    );
}

#[test]
fn case_three_plan_parent_cycle() {
    let lines = check_with(|dir| {
        for (id, parent) in [("x", "z"), ("y", "x"), ("z", "y")] {
            std::fs::write(
                dir.join(format!("plans/{id}.yaml")),
                format!("kh: 1\nid: tinh/{id}\ntitle: T\nissuer: I\nlevel: province\nissued: 2026-01\nperiod: 2026\nparent: tinh/{parent}\n"),
            )
            .unwrap();
        }
    });
    let cycles: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("error[parent-cycle]"))
        .collect();
    assert_eq!(cycles.len(), 1, "one finding per cycle: {lines:#?}");
    assert!(
        cycles[0].starts_with(
            "plans/x.yaml:8:9: error[parent-cycle]: plan `tinh/x` is its own ancestor"
        )
    );
}
