//! Achieved values: CSV files, or workbooks (.xlsx, .xls, .ods) with the
//! same columns on each sheet, under `reports/` (any layout), one row per
//! measurement. Findings in a workbook point at its sheet and cell. Bad rows become located findings and are skipped; the other
//! rows still count.

use crate::check::references::unit_of;
use crate::domain::threshold::{self, Quantity};
use crate::finding::{At, FileId, Finding};
use crate::load::nearest;
use crate::message::Message;
use crate::repo::Repo;
use crate::rules::Rule;
use crate::yaml::Pos;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One achieved value, resolved to the targets it measures.
#[derive(Debug, Clone)]
pub struct Measurement {
    pub plan: usize,
    /// Indices of the plan's targets it measures (all targets of a metric, or one by id).
    pub targets: Vec<usize>,
    pub segment: Option<String>,
    pub value: Quantity,
    pub as_of: NaiveDate,
    pub source: String,
    pub file: FileId,
    pub line: usize,
}

pub const REQUIRED: &[&str] = &["plan", "metric", "value", "as_of"];

/// The files read as reports: CSV and the workbooks calamine reads.
pub const REPORT_EXTENSIONS: &[&str] = &["csv", "xlsx", "xlsm", "xls", "ods"];

fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e != "csv" && REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Every CSV file below `dir`, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(d: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        let Ok(entries) = std::fs::read_dir(d) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            // Deep enough for any real layout; stops a symbolic-link loop.
            if p.is_dir() && depth < 16 {
                walk(&p, out, depth + 1);
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("~$") || n.starts_with(".~lock"))
            {
                // Office's lock files (~$q4.xlsx) are not reports.
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out, 0);
    out
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

/// Reads every report file into `repo` (files and findings) and returns the good rows.
pub fn load(repo: &mut Repo, today: NaiveDate) -> Vec<Measurement> {
    read_all(repo, today, true)
}

/// Reads every report file for its findings only, as `kh check` does: the rows
/// of a national repository are not held in memory beside its plans.
pub fn validate(repo: &mut Repo, today: NaiveDate) {
    read_all(repo, today, false);
}

fn read_all(repo: &mut Repo, today: NaiveDate, keep_rows: bool) -> Vec<Measurement> {
    let Some(dir) = repo.reports_dir.clone() else {
        return Vec::new();
    };
    let paths = files(&dir);
    let first = repo.files.len();
    repo.files.extend(paths.iter().cloned());
    // One file per plan in a national repository: read and parse them on all
    // cores, then add findings and rows in file order so output is stable.
    let shared: &Repo = repo;
    let results: Vec<(Vec<Measurement>, Vec<Finding>)> = paths
        .par_iter()
        .enumerate()
        .map(|(n, path)| {
            let file = first + n;
            match std::fs::read(path) {
                Ok(src) => {
                    let (rows, findings) = if is_workbook(path) {
                        read_workbook(shared, file, &src, today)
                    } else {
                        read(shared, file, &src, today)
                    };
                    (if keep_rows { rows } else { Vec::new() }, findings)
                }
                Err(e) => (
                    Vec::new(),
                    vec![Finding::new(
                        Rule::ReportSyntax,
                        file,
                        At::File,
                        Message::ReportUnreadable {
                            problem: (&e).into(),
                        },
                    )],
                ),
            }
        })
        .collect();
    let mut out = Vec::new();
    for (rows, findings) in results {
        repo.findings.extend(findings);
        out.extend(rows);
    }
    out
}

fn at(line: usize) -> At {
    At::Pos(Pos { line, col: 1 })
}

/// One CSV file's rows and findings.
pub fn read(
    repo: &Repo,
    file: FileId,
    bytes: &[u8],
    today: NaiveDate,
) -> (Vec<Measurement>, Vec<Finding>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut findings = Vec::new();
    let mut rows = Vec::new();
    let mut r = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers: Vec<String> = match r.headers() {
        Ok(h) => h
            .iter()
            .map(|h| crate::text::fold(h).replace(' ', "_"))
            .collect(),
        Err(e) => {
            findings.push(Finding::new(
                Rule::ReportSyntax,
                file,
                at(1),
                Message::ReportHeader {
                    problem: (&e).into(),
                },
            ));
            return (rows, findings);
        }
    };
    let records = r.records().map(|rec| match rec {
        Ok(rec) => {
            let line = rec.position().map_or(1, |p| p.line() as usize);
            Ok(Record {
                place: Place::Line(line),
                cells: rec.iter().map(str::to_string).collect(),
                numeric: Vec::new(),
            })
        }
        Err(e) => {
            let line = e.position().map_or(1, |p| p.line() as usize);
            Err(Box::new(Finding::new(
                Rule::ReportSyntax,
                file,
                at(line),
                Message::ReportRow {
                    problem: (&e).into(),
                },
            )))
        }
    });
    table(
        repo,
        file,
        Place::Line(1),
        headers,
        records,
        today,
        &mut rows,
        &mut findings,
    );
    (rows, findings)
}

/// Where a row is: a CSV line, or a sheet's row with its first column.
#[derive(Clone)]
enum Place {
    Line(usize),
    Cell {
        sheet: String,
        row: usize,
        col0: usize,
    },
}

impl Place {
    /// The place of column `c` (from 0) of this row.
    fn at(&self, c: Option<usize>) -> At {
        match self {
            Place::Line(line) => at(*line),
            Place::Cell { sheet, row, col0 } => At::Cell {
                sheet: sheet.clone(),
                row: *row,
                col: col0 + c.unwrap_or(0) + 1,
            },
        }
    }

    fn line(&self) -> usize {
        match self {
            Place::Line(l) => *l,
            Place::Cell { row, .. } => *row,
        }
    }
}

/// One row's cells as text, and which of them were numbers in a workbook.
struct Record {
    place: Place,
    cells: Vec<String>,
    numeric: Vec<bool>,
}

/// The rows under a header, CSV's or a sheet's.
#[allow(clippy::too_many_arguments)]
fn table(
    repo: &Repo,
    file: FileId,
    header_place: Place,
    headers: Vec<String>,
    records: impl Iterator<Item = Result<Record, Box<Finding>>>,
    today: NaiveDate,
    rows: &mut Vec<Measurement>,
    findings: &mut Vec<Finding>,
) {
    let col = |name: &str| headers.iter().position(|h| h == name);
    let metric_col = col("metric").or_else(|| col("target"));
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| {
            if *c == "metric" {
                metric_col.is_none()
            } else {
                col(c).is_none()
            }
        })
        .collect();
    if !missing.is_empty() {
        findings.push(Finding::new(
            Rule::ReportColumns,
            file,
            header_place.at(None),
            Message::ReportColumns {
                missing: missing.iter().map(|m| m.to_string()).collect(),
                found: headers.clone(),
            },
        ));
        return;
    }
    let (Some(pc), Some(mc), Some(vc), Some(dc)) =
        (col("plan"), metric_col, col("value"), col("as_of"))
    else {
        return;
    };
    let (sc, src_c) = (col("segment"), col("source"));
    for rec in records {
        let rec = match rec {
            Ok(rec) => rec,
            Err(f) => {
                findings.push(*f);
                continue;
            }
        };
        if rec.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |c: usize| crate::text::nfc(rec.cells.get(c).map_or("", |s| s.trim()));
        let numeric = rec.numeric.get(vc).copied().unwrap_or(false);
        match row(
            repo,
            file,
            rec.place.line(),
            &get(pc),
            &get(mc),
            sc.map(get).filter(|s| !s.is_empty()),
            &get(vc),
            numeric,
            &get(dc),
            src_c.map(get).unwrap_or_default(),
            today,
        ) {
            Ok(m) => rows.push(m),
            // With only some plans read, rows of the others are not ours to judge.
            Err(f) if repo.partial && f.rule == Rule::ReportPlan => {}
            Err(mut f) => {
                // In a workbook, point at the cell the finding is about.
                let c = match f.rule {
                    Rule::ReportPlan => Some(pc),
                    Rule::ReportMetric => Some(mc),
                    Rule::ReportSegment => sc,
                    Rule::ReportDate => Some(dc),
                    _ => Some(vc),
                };
                if matches!(rec.place, Place::Cell { .. }) {
                    f.at = rec.place.at(c);
                }
                findings.push(*f)
            }
        }
    }
}

/// One workbook's rows and findings: every sheet whose first row has the columns.
pub fn read_workbook(
    repo: &Repo,
    file: FileId,
    bytes: &[u8],
    today: NaiveDate,
) -> (Vec<Measurement>, Vec<Finding>) {
    use calamine::{Data, Reader};
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    let bad = |findings: &mut Vec<Finding>| {
        findings.push(Finding::new(
            Rule::ReportSyntax,
            file,
            At::File,
            Message::ReportHeader {
                problem: crate::message::CsvProblem::Workbook,
            },
        ))
    };
    let Ok(mut book) = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)) else {
        bad(&mut findings);
        return (rows, findings);
    };
    let mut read_any = false;
    let mut first_other = None;
    for sheet in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&sheet) else {
            bad(&mut findings);
            continue;
        };
        let Some((r0, c0)) = range.start() else {
            continue;
        };
        let text = |d: &Data| -> String {
            match d {
                Data::Empty | Data::Error(_) => String::new(),
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Int(i) => i.to_string(),
                Data::Float(f) => {
                    let s = format!("{f}");
                    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
                }
                Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
                Data::DateTime(dt) => dt
                    .as_datetime()
                    .map(|d| d.date().format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            }
        };
        let mut it = range.rows().enumerate();
        let Some((_, head)) = it.next() else {
            continue;
        };
        let headers: Vec<String> = head
            .iter()
            .map(|h| crate::text::fold(&text(h)).replace(' ', "_"))
            .collect();
        let place = |i: usize| Place::Cell {
            sheet: sheet.clone(),
            row: r0 as usize + i + 1,
            col0: c0 as usize,
        };
        // A sheet of notes beside the data (none of the columns) is not a
        // report, unless no sheet is: then the first says what is missing.
        if !headers
            .iter()
            .any(|h| REQUIRED.contains(&h.as_str()) || h == "target")
        {
            first_other.get_or_insert((place(0), headers));
            continue;
        }
        read_any = true;
        let records = it.map(|(i, cells)| {
            Ok(Record {
                place: place(i),
                cells: cells.iter().map(text).collect(),
                numeric: cells
                    .iter()
                    .map(|c| matches!(c, Data::Float(_) | Data::Int(_)))
                    .collect(),
            })
        });
        table(
            repo,
            file,
            place(0),
            headers,
            records,
            today,
            &mut rows,
            &mut findings,
        );
    }
    if !read_any && let Some((place, headers)) = first_other {
        table(
            repo,
            file,
            place,
            headers,
            std::iter::empty(),
            today,
            &mut rows,
            &mut findings,
        );
    }
    (rows, findings)
}

#[allow(clippy::too_many_arguments)]
fn row(
    repo: &Repo,
    file: FileId,
    line: usize,
    plan_id: &str,
    key: &str,
    segment: Option<String>,
    value: &str,
    numeric: bool,
    as_of: &str,
    source: String,
    today: NaiveDate,
) -> Result<Measurement, Box<Finding>> {
    let err = |rule: Rule, m: Message| Box::new(Finding::new(rule, file, at(line), m));
    let Some(&plan) = repo.by_id.get(plan_id) else {
        return Err(err(
            Rule::ReportPlan,
            Message::ReportUnknownPlan {
                plan: plan_id.to_string(),
                nearest: nearest(plan_id, repo.by_id.keys().map(String::as_str))
                    .map(str::to_string),
            },
        ));
    };
    let p = &repo.plans[plan].plan;
    let targets: Vec<usize> = match p.targets.iter().position(|t| t.id == key) {
        Some(i) => vec![i],
        None => p
            .targets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.metric == key)
            .map(|(i, _)| i)
            .collect(),
    };
    if targets.is_empty() {
        return Err(err(
            Rule::ReportMetric,
            Message::ReportUnknownKey {
                key: key.to_string(),
                plan: plan_id.to_string(),
                nearest: nearest(key, p.targets.iter().map(|t| t.metric.as_str()))
                    .map(str::to_string),
            },
        ));
    }
    let value_q = threshold::parse_quantity(value).map_err(|e| {
        err(
            Rule::ReportValue,
            Message::ReportBadValue {
                value: value.to_string(),
                detail: e.message,
            },
        )
    })?;
    let Some(date) = parse_date(as_of) else {
        return Err(err(
            Rule::ReportDate,
            Message::ReportBadDate {
                found: as_of.to_string(),
            },
        ));
    };
    if date > today {
        return Err(err(
            Rule::ReportDate,
            Message::ReportFutureDate { date, today },
        ));
    }
    let metric = &p.targets[targets[0]].metric;
    // A number in a workbook's value column of a percent indicator is a
    // percentage: Excel keeps 85% as 0.85, kh's own workbooks write 85.
    let value_q = match (&value_q, repo.indicators.get(metric)) {
        (Quantity::Count { n, noun: None }, Some(ind))
            if numeric && ind.unit == crate::domain::IndicatorUnit::Percent =>
        {
            Quantity::Percent(if *n <= 1.0 { n * 100.0 } else { *n })
        }
        _ => value_q,
    };
    if let Some(ind) = repo.indicators.get(metric) {
        let found = unit_of(&value_q);
        if found != ind.unit {
            return Err(err(
                Rule::ReportUnit,
                Message::ReportUnit {
                    metric: metric.clone(),
                    expected: ind.unit.key(),
                    found: found.key(),
                    value: value.to_string(),
                },
            ));
        }
    }
    if let Some(s) = &segment {
        let known = targets.iter().any(|i| {
            p.targets[*i]
                .values
                .iter()
                .any(|v| v.segment.as_deref() == Some(s.as_str()))
        });
        if !known {
            return Err(err(
                Rule::ReportSegment,
                Message::ReportUnknownSegment {
                    segment: s.clone(),
                    key: key.to_string(),
                    plan: plan_id.to_string(),
                },
            ));
        }
    }
    Ok(Measurement {
        plan,
        targets,
        segment,
        value: value_q,
        as_of: date,
        source,
        file,
        line,
    })
}
