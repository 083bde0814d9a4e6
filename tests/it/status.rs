//! `kh status` on the invented demonstration data in examples/reports, and
//! `kh check` on bad report rows.

use std::path::Path;

fn kh_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    crate::util::run(
        crate::util::kh()
            .current_dir(dir)
            .env("COLUMNS", "200")
            .args(args),
    )
}

fn kh(args: &[&str]) -> (String, String, i32) {
    kh_in(Path::new("."), args)
}

/// CSV rows of `kh status`, as (plan, target, segment, value, status).
fn status(args: &[&str]) -> Vec<[String; 5]> {
    let mut all = vec!["status", "--format", "csv"];
    all.extend_from_slice(args);
    let (out, err, code) = kh(&all);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            [&r[0], &r[1], &r[3], &r[5], &r[8]].map(String::from)
        })
        .collect()
}

fn find<'a>(rows: &'a [[String; 5]], plan: &str, target: &str, segment: &str) -> [&'a str; 2] {
    let r = rows
        .iter()
        .find(|r| r[0] == plan && r[1] == target && r[2] == segment)
        .unwrap_or_else(|| panic!("no row {plan} {target}"));
    [r[3].as_str(), r[4].as_str()]
}

const NB: &str = "ninh-binh/so-gddt-2026";
const TC: &str = "ninh-binh/tam-chuc-2026";
const DN: &str = "dak-nong/so-gddt-2022-2025";

#[test]
fn every_status_occurs_on_the_demonstration_data() {
    let r = status(&["--as-of", "2026-11-23"]);
    assert_eq!(find(&r, NB, "III.2b", ""), ["23%", "met"]);
    assert_eq!(
        find(&r, NB, "IV.3b", ""),
        ["52%", "met (stretch >= 50% met)"]
    );
    assert_eq!(
        find(&r, NB, "II.2", ""),
        ["50%", "not met"],
        "50% is not above 50%"
    );
    assert_eq!(find(&r, NB, "V.3", ""), ["75%", "not met"]);
    assert_eq!(find(&r, NB, "V.8", ""), ["80.5%", "due soon"]);
    assert_eq!(find(&r, NB, "V.12", ""), ["92%", "overdue"]);
    assert_eq!(find(&r, NB, "I.1", ""), ["", "no data"]);
    assert_eq!(find(&r, TC, "2.1.1", ""), ["4/4", "met"]);
    assert_eq!(
        find(&r, TC, "2.3.2", ""),
        ["95%", "due soon"],
        "95% is not above 95%"
    );
    assert_eq!(find(&r, TC, "2.4.2a", ""), ["3/4", "not met"]);
    assert_eq!(find(&r, DN, "2.2.a.5", "primary"), ["6%", "met"]);
    assert_eq!(find(&r, DN, "2.2.a.5", "secondary"), ["8%", "overdue"]);
    assert_eq!(
        find(&r, "hai-phong/thpt-an-lao-2026", "21", ""),
        ["yes", "met"]
    );
    let (out, _, _) = kh(&["status", "--as-of", "2026-11-23"]);
    assert_eq!(
        out.lines().last().unwrap(),
        "157 targets: 14 met, 3 not met, 2 due soon, 3 overdue, 135 no data"
    );
}

#[test]
fn the_latest_value_on_or_before_the_date_counts() {
    let r = status(&["--as-of", "2026-07-31", "--plan", NB]);
    assert_eq!(find(&r, NB, "III.2b", ""), ["18%", "not met"]);
    let r = status(&["--as-of", "2026-06-29", "--plan", NB]);
    assert_eq!(find(&r, NB, "III.2b", ""), ["", "no data"]);
}

#[test]
fn filters_by_level_and_unit() {
    let r = status(&["--as-of", "2026-11-23", "--level", "commune"]);
    assert!(r.iter().all(|x| x[0] == TC));
    assert_eq!(r.len(), 32);
    let r = status(&[
        "--as-of",
        "2026-11-23",
        "--plan",
        NB,
        "--unit",
        "van phong so",
    ]);
    assert!(r.iter().any(|x| x[1] == "V.12"));
    assert!(!r.iter().any(|x| x[1] == "III.2b"));
}

#[test]
fn rollup_counts_children_meeting_their_target() {
    let (out, err, code) = kh(&[
        "status",
        "--as-of",
        "2026-11-23",
        "--rollup",
        "--plan",
        NB,
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let get = |t: &str| {
        let r = rows.iter().find(|r| r[1] == t).unwrap();
        (r[5].clone(), r[6].clone())
    };
    // I.1 binds the schools, of which the repository has none under the Sở.
    assert_eq!(rows.len(), 13);
    assert!(!rows.iter().any(|r| r[1] == "I.1"));
    assert_eq!(get("III.2b"), ("1/1 met".into(), "".into()));
    // The ward's value meets the Sở's >= 90%, though not yet its own > 95%:
    // the roll-up judges against the parent's threshold.
    assert_eq!(get("III.4"), ("1/1 met".into(), "".into()));
    assert_eq!(
        get("IV.2"),
        (
            "0/1 met".into(),
            "ninh-binh/tam-chuc-2026 (not adopted)".into()
        )
    );
    assert_eq!(
        get("IV.3a"),
        ("0/1 met".into(), "ninh-binh/tam-chuc-2026 (not met)".into())
    );
    let (table, _, _) = kh(&["status", "--as-of", "2026-11-23", "--rollup"]);
    assert_eq!(
        table.lines().last().unwrap(),
        "21 parent targets: 3 met by every child plan, 18 not"
    );
    let (json, _, _) = kh(&[
        "status",
        "--as-of",
        "2026-11-23",
        "--rollup",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 21);
}

fn repo_with_report(csv: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("plans/ninh-binh")).unwrap();
    std::fs::create_dir_all(tmp.path().join("reports/q3")).unwrap();
    for f in ["indicators.yaml", "ninh-binh/so-gddt-2026.yaml"] {
        std::fs::copy(Path::new("plans").join(f), tmp.path().join("plans").join(f)).unwrap();
    }
    std::fs::write(tmp.path().join("reports/q3/so.csv"), csv).unwrap();
    tmp
}

#[test]
fn bad_rows_are_reported_with_their_line_and_skipped_and_the_rest_count() {
    let tmp = repo_with_report(
        "plan,metric,segment,value,as_of,source\n\
         ninh-binh/so-gddt-2026,teachers-using-ai,,23%,2026-09-30,ok\n\
         ninh-binh/so-gdt-2026,teachers-using-ai,,23%,2026-09-30,typo in plan\n\
         ninh-binh/so-gddt-2026,teachers-using-aii,,23%,2026-09-30,typo in metric\n\
         ninh-binh/so-gddt-2026,online-payment,,chưa rõ,2026-09-30,not a value\n\
         ninh-binh/so-gddt-2026,online-payment,,81%,2027-01-31,future\n\
         ninh-binh/so-gddt-2026,online-payment,,mức 2,2026-09-30,wrong unit\n\
         ninh-binh/so-gddt-2026,online-payment,,81%,30/09/2026,ok\n",
    );
    let (out, err, code) = kh_in(
        tmp.path(),
        &["status", "--as-of", "2026-11-23", "--format", "csv"],
    );
    assert_eq!(code, 0);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(lines[0].starts_with("reports/q3/so.csv:3:1: error[report-plan]: unknown plan `ninh-binh/so-gdt-2026` (did you mean `ninh-binh/so-gddt-2026`?)"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("reports/q3/so.csv:4:1: error[report-metric]:")
            && lines[1].contains("did you mean `teachers-using-ai`?")
    );
    assert!(lines[2].starts_with("reports/q3/so.csv:5:1: error[report-value]:"));
    assert!(
        lines[3].starts_with(
            "reports/q3/so.csv:6:1: error[report-date]: as_of 31/01/2027 is in the future"
        ),
        "{}",
        lines[3]
    );
    assert!(lines[4].starts_with("reports/q3/so.csv:7:1: error[report-unit]: metric `online-payment` is measured in percent, found a value in level"));
    assert!(out.contains(
        "ninh-binh/so-gddt-2026,III.2b,teachers-using-ai,,>= 20%,23%,2026-09-30,ongoing,met"
    ));
    assert!(out.contains(
        "ninh-binh/so-gddt-2026,V.8,online-payment,,>= 83%,81%,2026-09-30,2026-11-30,due soon"
    ));

    let (out, _, code) = kh_in(tmp.path(), &["check", "--today", "2026-11-23"]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("reports/q3/so.csv:"))
            .count(),
        5
    );
    assert_eq!(
        out.lines().last().unwrap(),
        "checked 1 plan in . (2 files read, 1 with errors): 5 errors, 0 warnings, 0 notes"
    );
}

#[test]
fn a_missing_column_is_one_located_finding() {
    let tmp = repo_with_report(
        "plan,metric,as_of\nninh-binh/so-gddt-2026,teachers-using-ai,2026-09-30\n",
    );
    let (out, _, code) = kh_in(tmp.path(), &["check", "--today", "2026-11-23"]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().next().unwrap(),
        "reports/q3/so.csv:1:1: error[report-columns]: missing column value: expected a header with plan, metric (or target), segment (optional), value, as_of, source (optional); found plan, metric, as_of"
    );
}

#[test]
fn shipped_repository_checks_the_demonstration_reports_clean() {
    // Exit 1 for the plans' own true error (docs/seeds.md), none for the reports.
    let (out, _, code) = kh(&["check", "--today", "2026-11-23"]);
    assert_eq!(code, 1);
    assert!(!out.contains("report-"));
}
