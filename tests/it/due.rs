//! `kh due` on the shipped plans, counted from 23/11/2026.

fn kh(args: &[&str]) -> (String, String, i32) {
    crate::util::run(crate::util::kh().env("COLUMNS", "200").args(args))
}

/// (date, plan, kind, id) of every CSV row.
fn rows(args: &[&str]) -> Vec<(String, String, String, String)> {
    let mut all = vec!["due", "--today", "2026-11-23", "--format", "csv"];
    all.extend_from_slice(args);
    let (out, err, code) = kh(&all);
    assert_eq!(code, 0, "{err}");
    let out = out
        .strip_prefix('\u{feff}')
        .expect("CSV opens with a BOM for Excel");
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        r.headers().unwrap(),
        vec![
            "date",
            "days left",
            "status",
            "plan",
            "kind",
            "id",
            "text",
            "lead",
            "deadline from",
            "not stated"
        ]
    );
    r.records()
        .map(|x| {
            let x = x.unwrap();
            // The table's form of the date, from the CSV's ISO date and its
            // own columns: `*` inherited, `†` not stated in the document.
            let date = match chrono::NaiveDate::parse_from_str(&x[0], "%Y-%m-%d") {
                Ok(d) => d.format("%d/%m/%Y").to_string(),
                Err(_) => x[0].to_string(),
            };
            let inherited = if &x[8] == "own" { "" } else { "*" };
            let unstated = if x[9].split(", ").any(|f| f == "due") {
                "†"
            } else {
                ""
            };
            (
                format!("{date}{inherited}{unstated}"),
                x[3].into(),
                x[4].into(),
                x[5].into(),
            )
        })
        .collect()
}

fn of<'a>(
    rows: &'a [(String, String, String, String)],
    plan: &str,
) -> Vec<(&'a str, &'a str, &'a str)> {
    rows.iter()
        .filter(|r| r.1 == plan)
        .map(|r| (r.0.as_str(), r.2.as_str(), r.3.as_str()))
        .collect()
}

#[test]
fn december_2026_ninh_binh_targets_and_tasks() {
    let r = rows(&["--month", "12/2026"]);
    let d = "31/12/2026";
    let mut expected: Vec<(&str, &str, &str)> =
        vec![(d, "target", "II.1"), ("31/12/2026*", "target", "II.2")];
    for id in [
        "IV.2", "IV.3a", "IV.3b", "IV.4", "PL2.2", "V.1", "V.2", "V.3", "V.4", "V.5", "V.6", "V.7",
        "V.9", "V.10", "V.11", "V.13", "V.14",
    ] {
        expected.push((d, "target", id));
    }
    // Tháng 12/2026, Quý IV năm 2026, Quý IV/2026 and Năm 2026.
    for id in [
        "PL2.1", "PL2.2", "PL2.3", "PL2.4", "PL2.5", "PL2.6", "PL2.7", "PL2.9",
    ] {
        expected.push((d, "task", id));
    }
    assert_eq!(of(&r, "ninh-binh/so-gddt-2026"), expected);
}

#[test]
fn december_2026_tam_chuc_reports_and_an_lao_quarterly_items() {
    let r = rows(&["--month", "12/2026"]);
    let tam_chuc = of(&r, "ninh-binh/tam-chuc-2026");
    assert_eq!(tam_chuc[0], ("05/12/2026", "report", "R2"));
    assert_eq!(tam_chuc[1], ("10/12/2026", "report", "R1"));
    assert!(
        tam_chuc[2..].iter().all(|x| x.0 == "31/12/2026*"),
        "the rest inherit: {tam_chuc:?}"
    );

    let an_lao: Vec<_> = of(&r, "hai-phong/thpt-an-lao-2026")
        .into_iter()
        .filter(|x| x.1 != "target" && !x.2.starts_with("V."))
        .collect();
    // The 17 duties of its section V have no date: the end of 2026.
    assert_eq!(
        of(&r, "hai-phong/thpt-an-lao-2026")
            .iter()
            .filter(|x| x.2.starts_with("V.") && x.0 == "31/12/2026*")
            .count(),
        17
    );
    // Hàng quý: 1, 3, 5, 23; Quý IV: 6, 28; and the quarterly and yearly reports.
    assert_eq!(
        an_lao,
        vec![
            ("31/12/2026", "task", "1"),
            ("31/12/2026", "task", "3"),
            ("31/12/2026", "task", "5"),
            ("31/12/2026", "task", "6"),
            ("31/12/2026", "task", "23"),
            ("31/12/2026", "task", "28"),
            ("31/12/2026", "report", "R1"),
            ("31/12/2026", "report", "R2"),
        ]
    );
    // Its targets carry no deadline and their parent is missing: the end of 2026.
    assert_eq!(
        of(&r, "hai-phong/thpt-an-lao-2026")
            .iter()
            .filter(|x| x.1 == "target" && x.0 == "31/12/2026*")
            .count(),
        22
    );
}

#[test]
fn december_2026_closing_line_counts_per_kind() {
    let (out, _, code) = kh(&["due", "--month", "12/2026", "--today", "2026-11-23"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().last().unwrap(),
        "due 01/12/2026 to 31/12/2026: 65 targets, 70 tasks, 7 reports († not stated in the document: inferred or taken from another; see --format json) (* deadline inherited from the parent target or the plan's period)"
    );
    assert!(
        out.contains(
            "│ 05/12/2026  ┆ 12        ┆         ┆ ninh-binh/tam-chuc-2026    ┆ report ┆ R2 "
        ),
        "{out}"
    );
}

#[test]
fn april_2023_lists_quang_ninh_dated_target() {
    let r = rows(&[
        "--month",
        "4/2023",
        "--plan",
        "quang-ninh/so-gddt-2023",
        "--kind",
        "target",
    ]);
    assert_eq!(
        r,
        vec![
            (
                "30/04/2023".into(),
                "quang-ninh/so-gddt-2023".into(),
                "target".into(),
                "I.1.a.1a".into()
            ),
            (
                "30/04/2023".into(),
                "quang-ninh/so-gddt-2023".into(),
                "target".into(),
                "I.1.a.1b".into()
            ),
        ]
    );
}

#[test]
fn december_2025_dak_nong_spans_horizon_targets_and_annual_report() {
    let r = rows(&["--month", "2025-12", "--plan", "dak-nong/so-gddt-2022-2025"]);
    assert_eq!(
        r[0],
        (
            "20/12/2025".into(),
            "dak-nong/so-gddt-2022-2025".into(),
            "report".into(),
            "R2".into()
        )
    );
    let kinds = |k: &str| r.iter().filter(|x| x.2 == k).count();
    // II.2 and the five Phụ lục 1 requirements; Phụ lục 1, the yearly duties of V and,
    // since the plan's span is 2022-2025 with 2030 as its horizon, the undated tasks of
    // III and V (due at the end of the span; Phụ lục 2 is the UBND tỉnh's plan now);
    // the two monthly and the yearly report.
    assert_eq!(
        (kinds("target"), kinds("task"), kinds("report")),
        (22, 76, 3)
    );
    assert!(
        r.iter().any(|x| x.3 == "V.1.2" && x.0 == "31/12/2025"),
        "the Văn phòng's yearly plan for the next year"
    );
    assert!(
        r.iter().any(|x| x.3 == "PL1.1" && x.0 == "31/12/2025"),
        "2022-2025 tasks fall due at the span's end"
    );
    assert!(r.iter().any(|x| x.3 == "2.2.a.5"), "2025-horizon targets");
    assert!(
        !r.iter().any(|x| x.3.starts_with("2.3.")),
        "2030-horizon targets are not due in 2025"
    );
}

#[test]
fn unit_filter_without_diacritics_and_kind_filter() {
    let r = rows(&[
        "--month",
        "12/2026",
        "--unit",
        "van phong so",
        "--kind",
        "target",
    ]);
    let ids: Vec<&str> = r.iter().map(|x| x.3.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "II.1", "V.1", "V.2", "V.3", "V.4", "V.5", "V.6", "V.7", "V.9", "V.10", "V.11", "V.13"
        ]
    );
    assert!(
        r.iter()
            .all(|x| x.1 == "ninh-binh/so-gddt-2026" && x.2 == "target")
    );
    let by_abbreviation = rows(&[
        "--month",
        "12/2026",
        "--unit",
        "VP",
        "--kind",
        "target",
        "--plan",
        "ninh-binh/so-gddt-2026",
    ]);
    assert_eq!(by_abbreviation, r);
}

#[test]
fn quarter_and_within_and_overdue() {
    let q = rows(&[
        "--quarter",
        "IV/2026",
        "--plan",
        "hai-phong/thpt-an-lao-2026",
        "--kind",
        "task",
    ]);
    assert!(q.iter().all(|x| x.0.starts_with("31/12/2026")));
    let q4 = rows(&[
        "--quarter",
        "Q4/2026",
        "--plan",
        "hai-phong/thpt-an-lao-2026",
        "--kind",
        "task",
    ]);
    assert_eq!(q, q4);
    let within = rows(&["--within", "30d", "--plan", "ninh-binh/tam-chuc-2026"]);
    // One target without a date of its own inherits the province's Tháng 11/2026 (2.3.1,
    // the schools' staff, no longer takes the deadline of the Sở's own staff; 2.5.8 is
    // internal, as is the Sở's V.8, so it is due at the end of the ward's period).
    let got: Vec<(&str, &str)> = within
        .iter()
        .map(|x| (x.0.as_str(), x.3.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("30/11/2026*", "2.3.2"),
            ("05/12/2026", "R2"),
            ("10/12/2026", "R1"),
        ]
    );
    let overdue = rows(&[
        "--overdue",
        "--from",
        "2026-10-01",
        "--plan",
        "ninh-binh/so-gddt-2026",
    ]);
    assert_eq!(
        overdue.iter().map(|x| x.3.as_str()).collect::<Vec<_>>(),
        vec!["V.12"]
    );
    assert!(overdue.iter().all(|x| x.0 == "31/10/2026"));
}

#[test]
fn ongoing_items_only_when_asked_in_their_own_section() {
    let (out, _, _) = kh(&[
        "due",
        "--month",
        "12/2026",
        "--today",
        "2026-11-23",
        "--plan",
        "ninh-binh/so-gddt-2026",
    ]);
    assert!(!out.contains("ongoing (no single date):"));
    assert!(!out.lines().last().unwrap().contains("ongoing"));
    let (out, _, _) = kh(&[
        "due",
        "--month",
        "12/2026",
        "--today",
        "2026-11-23",
        "--plan",
        "ninh-binh/so-gddt-2026",
        "--ongoing",
    ]);
    assert!(out.contains("ongoing (no single date):"));
    assert!(out.lines().last().unwrap().contains("; ongoing: 11"));
}

#[test]
fn json_and_markdown_have_the_same_rows() {
    let csv_rows = rows(&["--month", "12/2026", "--plan", "ninh-binh/tam-chuc-2026"]);
    let (out, _, _) = kh(&[
        "due",
        "--month",
        "12/2026",
        "--today",
        "2026-11-23",
        "--plan",
        "ninh-binh/tam-chuc-2026",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), csv_rows.len());
    assert_eq!(items[0]["date"], "2026-12-05");
    assert_eq!(items[0]["days_left"], 12);
    assert_eq!(items[0]["kind"], "report");
    let (md, _, _) = kh(&[
        "due",
        "--month",
        "12/2026",
        "--today",
        "2026-11-23",
        "--plan",
        "ninh-binh/tam-chuc-2026",
        "--format",
        "markdown",
    ]);
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| date"))
            .count(),
        csv_rows.len()
    );
}

#[test]
fn ics_parses_back_with_an_icalendar_parser_and_uids_are_stable() {
    let args = [
        "due",
        "--month",
        "12/2026",
        "--today",
        "2026-11-23",
        "--plan",
        "ninh-binh/tam-chuc-2026",
        "--kind",
        "report",
        "--format",
        "ics",
    ];
    let (out, _, code) = kh(&args);
    assert_eq!(code, 0);
    assert!(out.contains("\r\n"));
    let cal = ical::IcalParser::new(std::io::BufReader::new(out.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(cal.events.len(), 2);
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap()
    };
    assert_eq!(prop(&cal.events[0], "DTSTART"), "20261205");
    assert_eq!(prop(&cal.events[0], "DTEND"), "20261206");
    // The UID hashes the plan, the kind, the id and the occurrence, never the date.
    let uid = |e| prop(e, "UID");
    for e in &cal.events {
        let u = uid(e);
        let hex = u
            .strip_prefix("report-")
            .and_then(|u| u.strip_suffix("@kh"));
        assert!(
            hex.is_some_and(|h| h.len() == 16 && h.chars().all(|c| c.is_ascii_hexdigit())),
            "{u}"
        );
    }
    assert_ne!(uid(&cal.events[0]), uid(&cal.events[1]));
    assert!(prop(&cal.events[0], "SUMMARY").contains("Báo cáo kết quả"));
    let (again, _, _) = kh(&args);
    assert_eq!(out, again);
}

#[test]
fn bad_windows_exit_2_naming_the_accepted_forms() {
    for (args, expect) in [
        (
            vec!["due", "--month", "13/2026"],
            "month 13 does not exist; months are 1 to 12): expected a month such as 12/2026 or 2026-12",
        ),
        (
            vec!["due", "--month", "foo"],
            "expected a month such as 12/2026 or 2026-12",
        ),
        (vec!["due", "--quarter", "V/2026"], "quarters are I to IV"),
        (
            vec!["due", "--from", "2026-12-31", "--to", "2026-12-01"],
            "--from 2026-12-31 is after --to 2026-12-01",
        ),
        (
            vec!["due", "--plan", "ninh-binh/tam-chuc", "--month", "12/2026"],
            "did you mean `ninh-binh/tam-chuc-2026`?",
        ),
    ] {
        let (out, err, code) = kh(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains(expect), "{args:?}: {err}");
    }
}

#[test]
fn closed_pipe_is_quiet() {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} due --month 12/2026 --today 2026-11-23 | head -1",
            assert_cmd::cargo::cargo_bin("kh").display()
        ))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A unit filter that matches nothing is a mistake, never an empty table
/// with exit 0 (issue 16): exit 2 with the nearest unit.
#[test]
fn a_unit_that_matches_nothing_names_the_nearest() {
    let (out, err, code) = crate::util::run(crate::util::kh().args([
        "due", "--month", "12/2026", "--unit", "VHHX", "--lang", "en",
    ]));
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err,
        "kh: error: --unit `VHHX` matches no unit of the plans read (an abbreviation, or part of a full name); did you mean `VHXH`?\n"
    );
    let (_, err, code) =
        crate::util::run(crate::util::kh().args(["status", "--unit", "xyz", "--lang", "en"]));
    assert_eq!(code, 2);
    assert!(err.contains("--unit `xyz` matches no unit"), "{err}");
}
