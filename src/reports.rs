//! Achieved values: CSV files, or workbooks (.xlsx, .xlsm, .xls, .ods) with
//! the same columns on a sheet, under `reports/` (any layout), one row per
//! measurement. Rows of both go through the same validation and the same
//! messages; a finding in a workbook points at its sheet and cell
//! (`reports/q4.xlsx:Sheet1!C12`). Bad rows become located findings and are
//! skipped; the other rows still count.

use crate::check::references::unit_of;
use crate::domain::threshold::{self, Quantity};
use crate::finding::{At, FileId, Finding};
use crate::fs_guard::{self, Jail, Problem};
use crate::load::nearest;
use crate::message::Message;
use crate::repo::Repo;
use crate::rules::Rule;
use crate::yaml::Pos;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
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

/// The files read as reports: CSV, and the workbooks calamine reads.
pub const REPORT_EXTENSIONS: &[&str] = &["csv", "xlsx", "xlsm", "xls", "ods"];

/// Whether a report file is a workbook (by its name), not CSV.
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        !e.eq_ignore_ascii_case("csv")
            && REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
    })
}

/// Every report file (CSV or workbook) below `dir`, sorted, found as plans
/// are: links followed only inside the repository, loops and excessive depth
/// reported, special files never opened. Office's lock files (`~$q4.xlsx`,
/// `.~lock.q4.ods#`) are not reports.
pub fn files(jail: &Jail, dir: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let csv = |name: &str| {
        let file = Path::new(name)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(name);
        !file.starts_with("~$")
            && !file.starts_with(".~lock")
            && Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    };
    fs_guard::walk(
        jail,
        dir,
        &csv,
        &mut out,
        &mut problems,
        &mut fs_guard::Visited::default(),
    );
    (out, problems)
}

/// Findings kept per report file; the rest are counted in a closing one.
pub const MAX_FINDINGS_PER_FILE: usize = 100;
/// Unknown-plan rows per file that get a "did you mean" hint.
const MAX_HINTS_PER_FILE: usize = 20;

/// The years a report's as_of may fall in.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

/// Reads every report file into `repo` (files and findings) and returns the good rows.
pub fn load(repo: &mut Repo, today: NaiveDate) -> Vec<Measurement> {
    read_all(repo, today, true, None, None).0
}

/// Reads every report file for its findings only, as `kh check` does: the rows
/// of a national repository are not held in memory beside its plans.
pub fn validate(repo: &mut Repo, today: NaiveDate) {
    read_all(repo, today, false, None, None);
}

/// `validate` of the reports `listed`, leaving unread those whose findings
/// are `known` (the memo of findings has them): each still has its file in
/// the repository, for those findings to be of. Each report is given back
/// with the plan ids its rows name, on which its findings depend (`None`:
/// left unread).
pub fn validate_known(
    repo: &mut Repo,
    today: NaiveDate,
    listed: &Listed,
    known: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<(FileId, Named)> {
    read_listed(repo, today, false, listed, Some(known)).1
}

/// `validate` for the report files `wanted` picks (`kh check --changed`:
/// the changed ones); a report's findings are of that file alone.
pub fn validate_some(repo: &mut Repo, today: NaiveDate, wanted: &dyn Fn(&Path) -> bool) {
    read_all(repo, today, false, Some(wanted), None);
}

/// The plan ids a report's rows name; `None` for a report left unread.
pub type Named = Option<BTreeSet<String>>;

/// The report files of a repository, each with its file id.
pub struct Listed {
    jail: Jail,
    first: FileId,
    paths: Vec<PathBuf>,
}

impl Listed {
    pub fn files(&self) -> impl Iterator<Item = (FileId, &Path)> {
        self.paths
            .iter()
            .enumerate()
            .map(|(n, p)| (self.first + n, p.as_path()))
    }
}

/// The report files (those `wanted` picks), each given its file id in the
/// repository, and the problems of their folder as findings; `None` when
/// there is no folder of reports to read.
pub fn list(repo: &mut Repo, wanted: Option<&dyn Fn(&Path) -> bool>) -> Option<Listed> {
    let dir = repo.reports_dir.clone()?;
    // The default reports/ may be absent; one asked for may not.
    if std::fs::symlink_metadata(&dir).is_err() {
        if repo.reports_required {
            let file = repo.files.len();
            repo.files.push(dir);
            repo.findings.push(Finding::new(
                Rule::Unreadable,
                file,
                At::File,
                Message::NoReportsDir,
            ));
        }
        return None;
    }
    let jail = repo.jail_for(&dir)?;
    let (mut paths, problems) = files(&jail, &dir);
    if let Some(wanted) = wanted {
        paths.retain(|p| wanted(p));
    }
    for p in problems {
        let file = repo.files.len();
        repo.files.push(p.path);
        repo.findings
            .push(Finding::new(p.rule, file, At::File, p.message));
    }
    let first = repo.files.len();
    repo.files.extend(paths.iter().cloned());
    Some(Listed { jail, first, paths })
}

fn read_all(
    repo: &mut Repo,
    today: NaiveDate,
    keep_rows: bool,
    wanted: Option<&dyn Fn(&Path) -> bool>,
    known: Option<&(dyn Fn(&Path) -> bool + Sync)>,
) -> (Vec<Measurement>, Vec<(FileId, Named)>) {
    match list(repo, wanted) {
        Some(listed) => read_listed(repo, today, keep_rows, &listed, known),
        None => Default::default(),
    }
}

fn read_listed(
    repo: &mut Repo,
    today: NaiveDate,
    keep_rows: bool,
    listed: &Listed,
    known: Option<&(dyn Fn(&Path) -> bool + Sync)>,
) -> (Vec<Measurement>, Vec<(FileId, Named)>) {
    let Listed { jail, first, paths } = listed;
    let (jail, first) = (jail, *first);
    // One file per plan in a national repository: read and parse them on all
    // cores, then add findings and rows in file order so output is stable.
    let shared: &Repo = repo;
    type Read = (Vec<Measurement>, Vec<Finding>, BTreeSet<String>);
    let results: Vec<Option<Read>> = paths
        .par_iter()
        .enumerate()
        .map(|(n, path)| {
            if known.is_some_and(|k| k(path)) {
                return None;
            }
            let file = first + n;
            let mut named = BTreeSet::new();
            Some(
                match fs_guard::read_walked(jail, path, fs_guard::MAX_CSV_BYTES) {
                    Ok(src) => {
                        let (rows, findings) = if is_workbook(path) {
                            read_workbook(shared, file, &src, today, &mut named)
                        } else {
                            read_with(shared, file, &src, today, &mut named)
                        };
                        (if keep_rows { rows } else { Vec::new() }, findings, named)
                    }
                    Err(e) => {
                        let rule = match e.rule() {
                            Rule::Unreadable => Rule::ReportSyntax,
                            r => r,
                        };
                        let m = e.message(fs_guard::Role::Report);
                        (
                            Vec::new(),
                            vec![Finding::new(rule, file, At::File, m)],
                            named,
                        )
                    }
                },
            )
        })
        .collect();
    let mut out = Vec::new();
    let mut read = Vec::new();
    for (n, r) in results.into_iter().enumerate() {
        match r {
            Some((rows, findings, named)) => {
                repo.findings.extend(findings);
                out.extend(rows);
                read.push((first + n, Some(named)));
            }
            None => read.push((first + n, None)),
        }
    }
    (out, read)
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
    read_with(repo, file, bytes, today, &mut BTreeSet::new())
}

/// One CSV file's rows and findings, at most `MAX_FINDINGS_PER_FILE` of
/// them and a closing "and N more".
fn read_with(
    repo: &Repo,
    file: FileId,
    bytes: &[u8],
    today: NaiveDate,
    named: &mut BTreeSet<String>,
) -> (Vec<Measurement>, Vec<Finding>) {
    let (rows, findings, more) = read_capped(repo, file, bytes, today, named);
    capped(file, rows, findings, more)
}

fn capped(
    file: FileId,
    rows: Vec<Measurement>,
    mut findings: Vec<Finding>,
    more: usize,
) -> (Vec<Measurement>, Vec<Finding>) {
    if more > 0 {
        findings.push(Finding::new(
            Rule::TooManyFindings,
            file,
            At::File,
            Message::TooManyFindings {
                more,
                shown: MAX_FINDINGS_PER_FILE,
            },
        ));
    }
    (rows, findings)
}

fn read_capped(
    repo: &Repo,
    file: FileId,
    bytes: &[u8],
    today: NaiveDate,
    named: &mut BTreeSet<String>,
) -> (Vec<Measurement>, Vec<Finding>, usize) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut findings = Vec::new();
    if let Some(enc) = crate::encoding::wide_unicode(bytes) {
        findings.push(Finding::new(
            Rule::ReportSyntax,
            file,
            at(1),
            Message::ReportWideUnicode { encoding: enc },
        ));
        return (Vec::new(), findings, 0);
    }
    // A sheet saved from Excel in a legacy code page garbles every name: said
    // once, with the encoding it probably is, rather than row by row.
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        findings.push(Finding::new(
            Rule::ReportSyntax,
            file,
            at(line),
            Message::NotUtf8 {
                byte: bytes.get(e.valid_up_to()).copied().unwrap_or(0),
                legacy: crate::encoding::guess(bytes).map(|enc| enc.name()),
            },
        ));
        return (Vec::new(), findings, 0);
    }
    let mut rows = Vec::new();
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);
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
            return (rows, findings, 0);
        }
    };
    let records = r.records().map(|rec| match rec {
        Ok(rec) => {
            let line = rec.position().map_or(1, |p| p.line() as usize);
            Ok(Record {
                place: RowAt::Line(line),
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
    let more = table(
        repo,
        file,
        &RowAt::Line(1),
        &headers,
        records,
        today,
        &mut rows,
        &mut findings,
        named,
    );
    (rows, findings, more)
}

/// Where a row is: a CSV line, or a sheet's row (from 1) with the column of
/// its first cell (from 0).
#[derive(Clone)]
enum RowAt {
    Line(usize),
    Cell {
        sheet: std::sync::Arc<str>,
        row: usize,
        col0: usize,
    },
}

impl RowAt {
    /// The place of column `c` (from 0) of this row.
    fn at(&self, c: Option<usize>) -> At {
        match self {
            RowAt::Line(line) => at(*line),
            RowAt::Cell { sheet, row, col0 } => At::Cell {
                sheet: sheet.to_string(),
                row: *row,
                col: col0 + c.unwrap_or(0) + 1,
            },
        }
    }

    fn line(&self) -> usize {
        match self {
            RowAt::Line(l) => *l,
            RowAt::Cell { row, .. } => *row,
        }
    }
}

/// One row's cells as text, and which of them were numbers in a workbook.
struct Record {
    place: RowAt,
    cells: Vec<String>,
    numeric: Vec<bool>,
}

/// The rows under a header, a CSV file's or a sheet's: every row validated
/// the same way. Returns how many findings were left out past the cap.
#[allow(clippy::too_many_arguments)]
fn table(
    repo: &Repo,
    file: FileId,
    header_at: &RowAt,
    headers: &[String],
    records: impl Iterator<Item = Result<Record, Box<Finding>>>,
    today: NaiveDate,
    rows: &mut Vec<Measurement>,
    findings: &mut Vec<Finding>,
    named: &mut BTreeSet<String>,
) -> usize {
    let mut more = 0usize;
    let mut hinted = 0usize;
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
            header_at.at(None),
            Message::ReportColumns {
                missing: missing.iter().map(|m| m.to_string()).collect(),
                found: headers.to_vec(),
            },
        ));
        return 0;
    }
    let (Some(pc), Some(mc), Some(vc), Some(dc)) =
        (col("plan"), metric_col, col("value"), col("as_of"))
    else {
        return 0;
    };
    let (sc, src_c) = (col("segment"), col("source"));
    // A value is read once per file: a sheet of 100,000 rows repeating one
    // unreadable value costs one diagnosis (with its "did you mean"), not
    // 100,000.
    let mut values = Values::default();
    for rec in records {
        let rec = match rec {
            Ok(rec) => rec,
            Err(f) => {
                if findings.len() >= MAX_FINDINGS_PER_FILE {
                    more += 1;
                } else {
                    findings.push(*f);
                }
                continue;
            }
        };
        // A blank row of a sheet is no measurement.
        if matches!(rec.place, RowAt::Cell { .. }) && rec.cells.iter().all(|c| c.trim().is_empty())
        {
            continue;
        }
        let line = rec.place.line();
        let get = |c: usize| crate::text::nfc(rec.cells.get(c).map_or("", |s| s.trim()));
        let numeric = rec.numeric.get(vc).copied().unwrap_or(false);
        let hint = findings.len() < MAX_FINDINGS_PER_FILE && hinted < MAX_HINTS_PER_FILE;
        let plan_id = get(pc);
        if !named.contains::<str>(&plan_id) {
            named.insert(plan_id.to_string());
        }
        match row(
            repo,
            &mut values,
            hint,
            file,
            line,
            &plan_id,
            &get(mc),
            sc.map(get).filter(|s| !s.is_empty()),
            (&get(vc), numeric),
            &get(dc),
            src_c.map(get).unwrap_or_default(),
            today,
        ) {
            Ok(m) => rows.push(m),
            // With only some plans read, rows of the others are not ours to judge.
            Err(f) if repo.partial && f.rule == "report-plan" => {}
            Err(_) if findings.len() >= MAX_FINDINGS_PER_FILE => more += 1,
            Err(mut f) => {
                if f.rule == "report-plan" {
                    hinted += 1;
                }
                // In a workbook, the finding points at the cell it is about.
                if matches!(rec.place, RowAt::Cell { .. }) {
                    let c = match f.rule {
                        Rule::ReportPlan => Some(pc),
                        Rule::ReportMetric => Some(mc),
                        Rule::ReportSegment => sc,
                        Rule::ReportDate => Some(dc),
                        _ => Some(vc),
                    };
                    f.at = rec.place.at(c);
                }
                findings.push(*f)
            }
        }
    }
    more
}

/// The most a workbook's zip may expand to, part by part and in all: a report
/// sheet of 100,000 rows is a few MB; a zip bomb declares far more.
const MAX_WORKBOOK_PART: u64 = fs_guard::MAX_CSV_BYTES;

/// One workbook's rows and findings: every sheet whose first row holds the
/// report's columns (a sheet of notes beside them is skipped; when no sheet
/// has them, the first says what is missing). Its zip's declared sizes are
/// bounded before calamine reads anything.
pub fn read_workbook(
    repo: &Repo,
    file: FileId,
    bytes: &[u8],
    today: NaiveDate,
    named: &mut BTreeSet<String>,
) -> (Vec<Measurement>, Vec<Finding>) {
    use calamine::{Data, Reader};
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    let unreadable = |findings: &mut Vec<Finding>| {
        findings.push(Finding::new(
            Rule::ReportSyntax,
            file,
            At::File,
            Message::ReportHeader {
                problem: crate::message::CsvProblem::Workbook,
            },
        ))
    };
    if let Err(size) = crate::import::xlsx::zip_within(bytes, MAX_WORKBOOK_PART) {
        match size {
            Some(size) => findings.push(Finding::new(
                Rule::TooLarge,
                file,
                At::File,
                Message::TooLarge {
                    bytes: size,
                    limit: MAX_WORKBOOK_PART,
                    role: fs_guard::Role::Report,
                },
            )),
            None => unreadable(&mut findings),
        }
        return (rows, findings);
    }
    // calamine may panic on a malformed file: that is an unreadable report.
    let opened = std::panic::catch_unwind(|| {
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).ok()
    });
    let Ok(Some(mut book)) = opened else {
        unreadable(&mut findings);
        return (rows, findings);
    };
    let text = |d: &Data| -> String {
        match d {
            Data::Empty | Data::Error(_) => String::new(),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => format!("{f}"),
            Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Data::DateTime(dt) => dt
                .as_datetime()
                .map(|d| d.date().format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        }
    };
    let mut read_any = false;
    let mut more = 0;
    let mut first_other: Option<(RowAt, Vec<String>)> = None;
    for sheet in book.sheet_names() {
        let range = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            book.worksheet_range(&sheet).ok()
        })) {
            Ok(Some(r)) => r,
            _ => {
                unreadable(&mut findings);
                continue;
            }
        };
        let Some((r0, c0)) = range.start() else {
            continue;
        };
        let name: std::sync::Arc<str> = sheet.as_str().into();
        let place = |i: usize| RowAt::Cell {
            sheet: name.clone(),
            row: r0 as usize + i + 1,
            col0: c0 as usize,
        };
        let mut it = range.rows().enumerate();
        let Some((_, head)) = it.next() else {
            continue;
        };
        let headers: Vec<String> = head
            .iter()
            .map(|h| crate::text::fold(text(h).trim()).replace(' ', "_"))
            .collect();
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
        more += table(
            repo,
            file,
            &place(0),
            &headers,
            records,
            today,
            &mut rows,
            &mut findings,
            named,
        );
    }
    if !read_any && let Some((place, headers)) = first_other {
        more += table(
            repo,
            file,
            &place,
            &headers,
            std::iter::empty(),
            today,
            &mut rows,
            &mut findings,
            named,
        );
    }
    capped(file, rows, findings, more)
}

/// The field separator of a report, from its header line: Excel writes `;`
/// under Vietnamese (and most European) regional settings, and "Unicode
/// text" is tab-separated. The one of `,` `;` tab most frequent in the
/// header wins; a comma when none is there.
fn delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|b| *b == b'\n').next().unwrap_or(bytes);
    let count = |d: u8| header.iter().filter(|b| **b == d).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (count(*d), *d == b','))
        .filter(|d| count(*d) > 0)
        .unwrap_or(b',')
}

/// Values of one report file as read, by their text.
#[derive(Default)]
struct Values(HashMap<String, Result<threshold::Quantity, threshold::ThresholdError>>);

impl Values {
    fn read(&mut self, value: &str) -> Result<threshold::Quantity, threshold::ThresholdError> {
        if let Some(r) = self.0.get(value) {
            return r.clone();
        }
        let r = threshold::parse_quantity(value);
        // Bounded: a file of distinct values reads each as it comes.
        if self.0.len() < 10_000 {
            self.0.insert(value.to_string(), r.clone());
        }
        r
    }
}

#[allow(clippy::too_many_arguments)]
fn row(
    repo: &Repo,
    values: &mut Values,
    hint: bool,
    file: FileId,
    line: usize,
    plan_id: &str,
    key: &str,
    segment: Option<String>,
    (value, numeric): (&str, bool),
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
                nearest: hint
                    .then(|| repo.nearest_id(plan_id))
                    .flatten()
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
    let value_q = values
        .read(value)
        .map_err(|e| err(Rule::ReportValue, Message::ReportBadValue { error: e }))?;
    let Some(date) = parse_date(as_of) else {
        return Err(err(
            Rule::ReportDate,
            Message::ReportBadDate {
                found: as_of.to_string(),
            },
        ));
    };
    if !YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err(err(
            Rule::ReportDate,
            Message::ReportDateOutOfRange {
                found: as_of.to_string(),
                from: *YEARS.start(),
                to: *YEARS.end(),
            },
        ));
    }
    if date > today {
        return Err(err(
            Rule::ReportDate,
            Message::ReportFutureDate { date, today },
        ));
    }
    let metric = &p.targets[targets[0]].metric;
    // A number in a workbook's value cell for a percent indicator is a
    // percentage: Excel keeps a cell shown as 85% as 0.85; one typed as 85
    // stays 85.
    let value_q = match (&value_q, repo.indicators.get(metric.as_str())) {
        (Quantity::Count { n, noun: None }, Some(ind))
            if numeric && ind.unit == crate::domain::IndicatorUnit::Percent =>
        {
            Quantity::Percent(if *n <= 1.0 { n * 100.0 } else { *n })
        }
        _ => value_q,
    };
    if let Some(ind) = repo.indicators.get(metric.as_str()) {
        let found = unit_of(&value_q);
        if found != ind.unit {
            return Err(err(
                Rule::ReportUnit,
                Message::ReportUnit {
                    metric: metric.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_read_from_the_header() {
        assert_eq!(delimiter(b"plan,metric,value,as_of\n"), b',');
        assert_eq!(
            delimiter(b"plan;metric;value;as_of\r\nx;y;85,5%;2026-09-30\n"),
            b';'
        );
        assert_eq!(delimiter(b"plan\tmetric\tvalue\tas_of\n"), b'\t');
        assert_eq!(delimiter(b"plan\n"), b',');
        // A semicolon inside a comma header's heading stays a comma file.
        assert_eq!(
            delimiter(b"plan,metric,value (%; of schools),as_of\n"),
            b','
        );
    }
}
