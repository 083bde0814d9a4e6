//! Issue 18, bullet 2: achieved values in workbooks under reports/ (.xlsx, and
//! .ods read by the same calamine), with the columns of the CSV: the same rows
//! and the same validation as CSV, findings at their sheet and cell.

use crate::util::{kh, run};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

const AS_OF: &str = "2026-11-23";

/// A repository of the shipped plans whose reports/ holds `files`.
fn repo(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("plans"), &dir.path().join("plans"));
    std::fs::write(
        dir.path().join("kh.yaml"),
        "plans: plans\nreports: reports\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("reports")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("reports").join(name), bytes).unwrap();
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn kh_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    run(kh().current_dir(dir).args(args))
}

const HEADER: [&str; 6] = ["plan", "metric", "segment", "value", "as_of", "source"];

/// Report rows as the CSV writes them.
const ROWS: &[[&str; 6]] = &[
    [
        "ninh-binh/so-gddt-2026",
        "teachers-using-ai",
        "",
        "23%",
        "2026-09-30",
        "Sở GDĐT",
    ],
    [
        "ninh-binh/so-gddt-2026",
        "online-payment",
        "",
        "85%",
        "2026-09-30",
        "Văn phòng Sở",
    ],
    [
        "ninh-binh/tam-chuc-2026",
        "teachers-using-ai",
        "",
        "27%",
        "2026-09-30",
        "UBND phường",
    ],
    [
        "quang-ninh/so-gddt-2023",
        "I.1.a.1b",
        "",
        "98%",
        "2023-04-28",
        "Sở GDĐT",
    ],
];

fn csv_of(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut s = HEADER.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s.into_bytes()
}

/// The same rows as a workbook the way an official keeps it: a notes sheet
/// first, then the data; values as Excel numbers in percent format (0.23 shown
/// as 23%) and dates as real dates.
fn xlsx_of(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Ghi chú").unwrap();
    notes.write_string(0, 0, "Số liệu quý III").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Quý III").unwrap();
    let pct = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in r.iter().enumerate() {
            let c = c as u16;
            match c {
                3 if v.ends_with('%') => {
                    let n: f64 = v.trim_end_matches('%').parse().unwrap();
                    ws.write_number_with_format(row, c, n / 100.0, &pct)
                        .unwrap();
                }
                4 => {
                    let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(v).unwrap();
                    ws.write_datetime_with_format(row, c, &d, &date).unwrap();
                }
                _ if v.is_empty() => {}
                _ => {
                    ws.write_string(row, c, *v).unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn status_rows(dir: &Path) -> Vec<Vec<String>> {
    let (out, err, code) = kh_in(
        dir,
        &[
            "status", "--as-of", AS_OF, "--format", "csv", "--lang", "en",
        ],
    );
    assert_eq!(code, 0, "{err}");
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn kh_status_reads_an_xlsx_report_as_the_same_rows_as_its_csv() {
    let from_csv = repo(&[("q3.csv", csv_of(ROWS))]);
    let from_xlsx = repo(&[("q3.xlsx", xlsx_of(ROWS))]);
    let a = status_rows(from_csv.path());
    let b = status_rows(from_xlsx.path());
    assert_eq!(a, b, "the same status rows from either file");
    // And the values are there, not all "no data".
    let flat = a.iter().map(|r| r.join(",")).collect::<Vec<_>>().join("\n");
    assert!(
        flat.contains("23%") && flat.contains("85%") && flat.contains("27%"),
        "{flat}"
    );
    // kh check reads both without a finding about the reports.
    for dir in [from_csv.path(), from_xlsx.path()] {
        let (out, _, _) = kh_in(dir, &["check", "--today", AS_OF, "--format", "short"]);
        assert!(!out.contains("reports/"), "{out}");
    }
}

#[test]
fn a_bad_value_in_a_workbook_is_located_at_its_sheet_and_cell_in_every_format() {
    let mut rows = ROWS.to_vec();
    rows[2][3] = "nhiều"; // row 4 of the sheet, column D
    rows[1][0] = "ninh-binh/so-gddt-2062"; // row 3, column A: no such plan
    let dir = repo(&[("q3.xlsx", xlsx_of(&rows)), ("q3.csv", csv_of(&rows))]);
    let d = dir.path();
    let run_fmt = |f: &str| {
        kh_in(
            d,
            &["check", "--today", AS_OF, "--format", f, "--lang", "en"],
        )
        .0
    };

    let short = run_fmt("short");
    let line = |needle: &str| {
        short
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}:\n{short}"))
            .to_string()
    };
    let bad = line("reports/q3.xlsx:Quý III!D4");
    assert!(bad.contains("report-value"), "{bad}");
    let plan = line("reports/q3.xlsx:Quý III!A3");
    assert!(plan.contains("report-plan"), "{plan}");
    // The same rows in CSV give the same findings, at their lines, in the same words.
    let csv_bad = line("reports/q3.csv:4:");
    let words = |l: &str| l.split_once(": ").map(|(_, w)| w.to_string()).unwrap();
    assert_eq!(words(&bad), words(&csv_bad));

    let human = run_fmt("human");
    assert!(human.contains("reports/q3.xlsx:Quý III!D4"), "{human}");

    let json: serde_json::Value = serde_json::from_str(&run_fmt("json")).unwrap();
    let f = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "report-value" && f["file"].as_str().unwrap().ends_with("q3.xlsx"))
        .expect("the xlsx finding in JSON")
        .clone();
    assert_eq!(f["cell"], "Quý III!D4", "{f}");

    let csv = run_fmt("csv");
    assert!(csv.contains("reports/q3.xlsx:Quý III!D4,4,4,"), "{csv}");

    let github = run_fmt("github");
    assert!(
        github
            .lines()
            .any(|l| l.contains("q3.xlsx") && l.contains("Quý III!D4")),
        "{github}"
    );
    let gitlab: serde_json::Value = serde_json::from_str(&run_fmt("gitlab")).unwrap();
    assert!(gitlab.to_string().contains("Quý III!D4"), "{gitlab}");
    let sarif = run_fmt("sarif");
    if !sarif.is_empty() && sarif.trim_start().starts_with('{') {
        assert!(sarif.contains("Quý III!D4"), "{sarif}");
    }
}

#[test]
fn a_workbook_zip_bomb_is_refused_before_it_is_read() {
    // A zip whose one part declares 4 GiB: kh reads the declared size and stops.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..40 {
        std::io::Write::write_all(&mut zip, &block).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "the bomb is small on disk");
    let dir = repo(&[("bomb.xlsx", bytes), ("q3.csv", csv_of(ROWS))]);
    let (out, err, code) = kh_in(
        dir.path(),
        &[
            "check", "--today", AS_OF, "--format", "short", "--lang", "en",
        ],
    );
    assert!(code == 1, "{out}{err}");
    let l = out
        .lines()
        .find(|l| l.contains("bomb.xlsx"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(l.contains("too-large"), "{l}");
}

#[test]
fn a_broken_workbook_and_office_lock_files() {
    let dir = repo(&[
        ("broken.xlsx", b"PK\x03\x04 not really a workbook".to_vec()),
        ("~$q3.xlsx", b"lock".to_vec()),
        ("q3.csv", csv_of(ROWS)),
    ]);
    for lang in ["en", "vi"] {
        let (out, err, _) = kh_in(
            dir.path(),
            &[
                "check", "--today", AS_OF, "--format", "short", "--lang", lang,
            ],
        );
        assert!(
            !out.contains("~$q3.xlsx"),
            "a lock file is not a report: {out}"
        );
        let l = out
            .lines()
            .find(|l| l.contains("broken.xlsx"))
            .unwrap_or_else(|| panic!("{out}{err}"));
        assert!(l.contains("report-syntax"), "{l}");
        if lang == "en" {
            assert!(l.contains("not a workbook kh can read"), "{l}");
        } else {
            assert!(l.contains("không phải bảng tính"), "{l}");
        }
    }
}
