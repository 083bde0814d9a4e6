//! `kh due` and `kh status --rollup` over a generated national repository at
//! 1%: the month holds more rows than two table blocks (`table::BLOCK`,
//! 4,096), so its rows are built as they are written. Every format must carry the same rows, in
//! order, and the table must read as one table.

use crate::util::{kh, run};
use std::path::Path;

const TODAY: &str = "2026-11-23";

fn national() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        kh_gen::generate(dir.path(), &kh_gen::Options { scale: 1, seed: 1 }).unwrap();
        dir
    })
    .path()
}

fn kh_in(args: &[&str]) -> String {
    let (out, err, code) = run(kh().current_dir(national()).args(args));
    assert_eq!(code, 0, "kh {args:?}: {err}");
    out
}

fn csv_rows(out: &str) -> Vec<Vec<String>> {
    let out = out.strip_prefix('\u{feff}').expect("CSV opens with a BOM");
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The rows of a table: the cells of each line that opens a row (its first
/// column is not empty), and whether every line is as wide as the first.
fn table_rows(out: &str) -> (Vec<Vec<String>>, bool) {
    // The first table: its lines, up to the count or the next section.
    let lines: Vec<&str> = out
        .lines()
        .take_while(|l| l.starts_with(['┌', '│', '╞', '└']))
        .collect();
    let width = lines[0].chars().count();
    let same = lines.iter().all(|l| l.chars().count() == width);
    let rows = lines
        .iter()
        .filter(|l| l.starts_with('│'))
        .skip(1) // the headings
        .map(|l| {
            l.trim_matches('│')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|cells| !cells[0].is_empty())
        .collect();
    (rows, same)
}

#[test]
fn a_national_month_is_listed_whole_in_every_format() {
    let month = ["due", "--month", "12/2026", "--today", TODAY];
    let with = |f: &str| kh_in(&[&month[..], &["--format", f]].concat());
    let csv = csv_rows(&with("csv"));
    assert!(
        csv.len() > 2 * 4096,
        "{} rows: more than two blocks",
        csv.len()
    );
    // (date, plan, kind, id) in CSV order: sorted by date, then plan.
    let key = |r: &Vec<String>| (r[0].clone(), r[3].clone(), r[4].clone(), r[5].clone());
    let keys: Vec<_> = csv.iter().map(key).collect();
    assert!(
        keys.windows(2)
            .all(|w| (&w[0].0, &w[0].1) <= (&w[1].0, &w[1].1))
    );

    let json: serde_json::Value = serde_json::from_str(&with("json")).unwrap();
    let items = json["items"].as_array().unwrap();
    let from_json: Vec<_> = items
        .iter()
        .map(|i| {
            (
                i["date"].as_str().unwrap().to_string(),
                i["plan"].as_str().unwrap().to_string(),
                i["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let from_csv: Vec<_> = keys
        .iter()
        .map(|k| (k.0.clone(), k.1.clone(), k.3.clone()))
        .collect();
    assert_eq!(from_json, from_csv);

    // The table: one table (one top border, one heading rule), one width
    // throughout, a row for each CSV row, in the same order, then the count.
    let table = kh_in(&month);
    assert_eq!(table.lines().filter(|l| l.starts_with('┌')).count(), 1);
    assert_eq!(table.lines().filter(|l| l.starts_with('╞')).count(), 1);
    let (rows, same_width) = table_rows(&table);
    assert!(
        same_width,
        "every line of the table is as wide as the first"
    );
    let dates: Vec<String> = rows
        .iter()
        .map(|r| r[0].trim_end_matches(['*', '†']).to_string())
        .collect();
    let csv_dates: Vec<String> = csv
        .iter()
        .map(|r| {
            let d = chrono::NaiveDate::parse_from_str(&r[0], "%Y-%m-%d").unwrap();
            d.format("%d/%m/%Y").to_string()
        })
        .collect();
    assert_eq!(dates, csv_dates);
    let last = table.lines().last().unwrap();
    let counted: usize = last
        .split([':', ','])
        .filter_map(|p| p.split_whitespace().next()?.parse::<usize>().ok())
        .sum();
    assert_eq!(counted, csv.len(), "{last}");

    // The same rows to a file, written whole (a file has no terminal's
    // width: its columns are as wide as their cells).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("due.txt");
    let file_arg = file.to_str().unwrap();
    kh_in(&[&month[..], &["-o", file_arg]].concat());
    let written = std::fs::read_to_string(&file).unwrap();
    let (rows, same_width) = table_rows(&written);
    assert!(same_width);
    let written_dates: Vec<String> = rows
        .iter()
        .map(|r| r[0].trim_end_matches(['*', '†']).to_string())
        .collect();
    assert_eq!(written_dates, csv_dates);
    assert_eq!(written.lines().last(), Some(last));
}

#[test]
fn a_national_rollup_is_the_same_in_every_format() {
    let rollup = ["status", "--rollup", "--as-of", TODAY];
    let with = |f: &str| kh_in(&[&rollup[..], &["--format", f]].concat());
    let csv = csv_rows(&with("csv"));
    let json: serde_json::Value = serde_json::from_str(&with("json")).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), csv.len());
    assert!(!csv.is_empty());
    for (j, c) in rows.iter().zip(&csv) {
        assert_eq!(j["plan"].as_str().unwrap(), c[0]);
        assert_eq!(j["target"].as_str().unwrap(), c[1]);
        assert_eq!(
            j["met"].as_u64().unwrap().to_string(),
            c[5].split('/').next().unwrap().trim()
        );
    }
    // Parents in id order.
    assert!(csv.windows(2).all(|w| w[0][0] <= w[1][0]));
    let table = kh_in(&rollup);
    assert_eq!(table.lines().filter(|l| l.starts_with('┌')).count(), 1);
    let (_, same_width) = table_rows(&table);
    assert!(same_width);
}
