//! Issue 16: answers that never silently mislead. Files named on the command
//! line are judged in their repository's context, a filter that matches
//! nothing is a usage error, and due and status agree on every target.

use crate::util::{kh, run};

fn lines_of(out: &str, prefix: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_file_named_is_checked_against_its_parents_exactly_as_in_a_full_check() {
    let (full, _, _) = run(kh().args(["check", "--today", "2026-12-01"]));
    let file = "plans/ninh-binh/tam-chuc-2026.yaml";
    let (one, err, code) = run(kh().args(["check", file, "--today", "2026-12-01"]));
    assert!(err.is_empty(), "{err}");
    assert_eq!(code, 0);
    let expected = lines_of(&full, file);
    assert_eq!(expected.len(), 4, "{full}");
    let mut got: Vec<String> = one.lines().map(str::to_string).collect();
    let summary = got.pop().unwrap();
    assert_eq!(got, expected);
    assert!(!one.contains("missing-parent"), "{one}");
    assert_eq!(
        summary,
        "checked 1 plan in . (8 files read, 0 with errors): 0 errors, 4 warnings, 0 notes"
    );
}

#[test]
fn a_looser_threshold_in_a_named_file_is_found_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy("kh.yaml", tmp.path().join("kh.yaml")).unwrap();
    copy_dir("plans", &tmp.path().join("plans"));
    copy_dir("examples/reports", &tmp.path().join("examples/reports"));
    let file = tmp.path().join("plans/ninh-binh/tam-chuc-2026.yaml");
    let src = std::fs::read_to_string(&file).unwrap();
    // The ward's AI target made looser than the Sở's `>= 20%`.
    let planted = src.replacen("target: Phân đầu tối thiểu 25%", "target: tối thiểu 10%", 1);
    assert_ne!(planted, src, "the threshold to plant is in the file");
    std::fs::write(&file, planted).unwrap();
    let (out, _, code) = run(kh().current_dir(tmp.path()).args([
        "check",
        "plans/ninh-binh/tam-chuc-2026.yaml",
        "--today",
        "2026-12-01",
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[looser-threshold]: target 2.3.3c (teachers-using-ai)"),
        "{out}"
    );
}

fn copy_dir(from: &str, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        let src = format!("{from}/{}", name.to_string_lossy());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&src, &to.join(&name));
        } else {
            std::fs::copy(&src, to.join(&name)).unwrap();
        }
    }
}

#[test]
fn due_of_a_named_file_gives_the_same_rows_as_due_of_its_id() {
    let args = [
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--today",
        "2026-12-01",
    ];
    let (by_file, _, c1) = run(kh()
        .args([
            "due",
            "plans/ninh-binh/tam-chuc-2026.yaml",
            "--format",
            "csv",
        ])
        .args(args));
    let (by_id, _, c2) = run(kh()
        .args([
            "due",
            "--plan",
            "ninh-binh/tam-chuc-2026",
            "--format",
            "csv",
        ])
        .args(args));
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(by_file, by_id);
    let row = by_file.lines().find(|l| l.contains(",2.1.1,")).unwrap();
    assert!(row.starts_with("2026-05-31,-184,met,"), "{row}");
}

#[test]
fn status_of_the_plans_folder_reads_the_reports_named_in_kh_yaml() {
    let (out, err, code) = run(kh().args([
        "status",
        "plans/",
        "--as-of",
        "2026-12-01",
        "--format",
        "csv",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ninh-binh/tam-chuc-2026,2.1.1,"), "{out}");
    let row = out
        .lines()
        .find(|l| l.contains("ninh-binh/tam-chuc-2026,2.1.1,"))
        .unwrap();
    assert!(row.ends_with(",met"), "{row}");
}

#[test]
fn due_and_status_agree_on_every_target() {
    let (due, _, _) = run(kh().args([
        "due",
        "--from",
        "2022-01-01",
        "--to",
        "2030-12-31",
        "--today",
        "2026-12-01",
        "--kind",
        "target",
        "--format",
        "csv",
    ]));
    let (status, _, _) = run(kh().args(["status", "--as-of", "2026-12-01", "--format", "csv"]));
    let mut by_target = std::collections::HashMap::new();
    let mut r = csv::Reader::from_reader(status.trim_start_matches('\u{feff}').as_bytes());
    for rec in r.records() {
        let rec = rec.unwrap();
        by_target
            .entry((rec[0].to_string(), rec[1].to_string()))
            .or_insert_with(Vec::new)
            .push(rec[8].to_string());
    }
    let mut r = csv::Reader::from_reader(due.trim_start_matches('\u{feff}').as_bytes());
    let mut compared = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let Some(rows) = by_target.get(&(rec[3].to_string(), rec[5].to_string())) else {
            continue;
        };
        compared += 1;
        if rows.iter().all(|s| s.starts_with("met")) {
            assert_eq!(&rec[2], "met", "{rec:?}");
        } else {
            assert_ne!(&rec[2], "met", "{rec:?} against {rows:?}");
        }
    }
    assert!(compared > 50, "{compared} targets compared");
}

#[test]
fn overdue_leaves_out_what_the_reports_show_met_and_looks_back_one_quarter() {
    let (out, _, code) = run(kh().args([
        "due",
        "--overdue",
        "--today",
        "2026-12-01",
        "--format",
        "csv",
    ]));
    assert_eq!(code, 0);
    let out = out.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for rec in &rows {
        assert_ne!(&rec[2], "met", "{rec:?}");
        let d = chrono::NaiveDate::parse_from_str(&rec[0], "%Y-%m-%d").unwrap();
        assert!(
            d >= chrono::NaiveDate::from_ymd_opt(2026, 9, 2).unwrap(),
            "{rec:?}"
        );
        assert!(
            d < chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            "{rec:?}"
        );
    }
    // With the whole history asked for, the target met in May stays out.
    let (all, _, _) = run(kh().args([
        "due",
        "--overdue",
        "--from",
        "2022-01-01",
        "--today",
        "2026-12-01",
        "--format",
        "csv",
    ]));
    assert!(all.lines().count() > rows.len() + 1);
    assert!(!all.contains(",2.1.1,"), "{all}");
}

#[test]
fn filters_that_match_nothing_are_usage_errors_with_the_nearest_name() {
    for (args, message) in [
        (
            &["due", "--plan", "ninh-binh/tam-chuc", "--month", "12/2026"][..],
            "--plan `ninh-binh/tam-chuc` is no plan of the repository; did you mean `ninh-binh/tam-chuc-2026`?",
        ),
        (
            &["status", "--plan", "ninh-binh/tam-chuc"],
            "--plan `ninh-binh/tam-chuc` is no plan of the repository; did you mean `ninh-binh/tam-chuc-2026`?",
        ),
        (
            &["due", "--level", "huyện", "--month", "12/2026"],
            "--level district matches no plan read: the plans read are of level national, province, commune, school",
        ),
        (
            &["status", "--level", "district"],
            "--level district matches no plan read: the plans read are of level national, province, commune, school",
        ),
        (
            &["due", "--unit", "xyz", "--month", "12/2026"],
            "--unit `xyz` matches no unit",
        ),
    ] {
        let (out, err, code) = run(kh().args(args));
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn output_takes_its_format_from_the_extension_never_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    for (cmd, name, start) in [
        (
            &["due", "--month", "12/2026"][..],
            "due.csv",
            "\u{feff}date,days left,status,plan",
        ),
        (&["due", "--month", "12/2026"], "due.json", "{"),
        (&["status"], "status.csv", "\u{feff}plan,target"),
        (&["check"], "check.json", "{"),
    ] {
        let file = tmp.path().join(name);
        let (_, err, _) = run(kh().args(cmd).arg("-o").arg(&file));
        let text = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{name}: {err}"));
        assert!(text.starts_with(start), "{name}: {text}");
        assert!(!text.contains('\u{1b}'), "{name}: colour codes");
    }
}

#[test]
fn the_summary_counts_files_read_and_files_with_errors_apart() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("plans")).unwrap();
    for n in 0..3 {
        std::fs::write(
            tmp.path().join(format!("plans/p{n}.yaml")),
            "kh: 1\nid: [\n",
        )
        .unwrap();
    }
    let (out, _, code) = run(kh().current_dir(tmp.path()).arg("check"));
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().last().unwrap(),
        "checked 0 plans in . (3 files read, 3 with errors): 3 errors, 0 warnings, 0 notes"
    );
}

#[test]
fn a_link_named_inside_the_repository_is_no_repository_of_its_own() {
    // Tested with its secret in tests/it/security.rs; here, the plain case:
    // a nested repository (an example) is its own.
    let (out, _, code) = run(kh().args(["check", "examples/deadline/plans/phuong-a-2026.yaml"]));
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "examples/deadline/plans/phuong-a-2026.yaml:23:10: error[deadline]: deadline \"Quý V/2026\": quarter V does not exist; quarters are I to IV (1 to 4); e.g. \"Quý IV/2026\"",
            "checked 1 plan in examples/deadline (3 files read, 1 with errors): 1 error, 0 warnings, 0 notes",
        ]
    );
}

/// A repository with the report-value example's plans and one report file.
fn with_report(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir("examples/report-value/plans", &tmp.path().join("plans"));
    std::fs::create_dir_all(tmp.path().join("reports")).unwrap();
    std::fs::write(tmp.path().join("reports").join(name), bytes).unwrap();
    tmp
}

#[test]
fn report_csvs_as_excel_saves_them_are_read_whatever_the_separator() {
    for (name, text) in [
        (
            "semicolon.csv",
            "\u{feff}plan;metric;segment;value;as_of;source\r\ntinh/phuong-a-2026;teachers-using-ai;;25%;2026-09-30;Sở\r\n",
        ),
        (
            "tab.csv",
            "plan\tmetric\tsegment\tvalue\tas_of\tsource\ntinh/phuong-a-2026\tteachers-using-ai\t\t25%\t2026-09-30\tSở\n",
        ),
    ] {
        let tmp = with_report(name, text.as_bytes());
        let (out, err, code) = run(kh().current_dir(tmp.path()).args([
            "status",
            "--as-of",
            "2026-10-01",
            "--format",
            "csv",
        ]));
        assert_eq!(code, 0, "{name}: {err}");
        assert!(err.is_empty(), "{name}: {err}");
        assert!(
            out.lines()
                .any(|l| l.starts_with("tinh/phuong-a-2026,") && l.contains(",25%,2026-09-30,")),
            "{name}: {out}"
        );
    }
}

#[test]
fn a_report_in_a_legacy_encoding_is_named_once() {
    // "Sở" in Windows-1258: S, o with horn (0xF5), hook above (0xD2).
    let tmp = with_report(
        "cp1258.csv",
        b"plan,metric,segment,value,as_of,source\ntinh/phuong-a-2026,teachers-using-ai,,25%,2026-09-30,S\xF5\xD2\n",
    );
    let (out, _, code) = run(kh()
        .current_dir(tmp.path())
        .args(["check", "--today", "2026-12-01"]));
    assert_eq!(code, 1, "{out}");
    let lines = lines_of(&out, "reports/cp1258.csv");
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with("reports/cp1258.csv:2:1: error[report-syntax]: file is not UTF-8"),
        "{out}"
    );
}
