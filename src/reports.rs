//! Achieved values: CSV files under `reports/` (any layout), one row per
//! measurement. Bad rows become located findings and are skipped; the other
//! rows still count.

use crate::check::references::unit_of;
use crate::domain::threshold::{self, Quantity};
use crate::finding::{At, FileId, Finding};
use crate::fs_guard::{self, Jail, Problem};
use crate::load::nearest;
use crate::repo::Repo;
use crate::yaml::Pos;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
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

/// Every CSV file below `dir`, sorted, found as plans are: links followed
/// only inside the repository, loops and excessive depth reported, special
/// files never opened.
pub fn files(jail: &Jail, dir: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let csv = |name: &str| {
        Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
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
    // The default reports/ may be absent; one asked for may not.
    if std::fs::symlink_metadata(&dir).is_err() {
        if repo.reports_required {
            let file = repo.files.len();
            repo.files.push(dir);
            repo.findings.push(
                Finding::error(
                    "unreadable",
                    file,
                    At::File,
                    "reports directory not found: expected a folder of CSV files",
                )
                .vi("không tìm thấy thư mục báo cáo: cần một thư mục chứa các tệp CSV"),
            );
        }
        return Vec::new();
    }
    let Some(jail) = repo.jail_for(&dir) else {
        return Vec::new();
    };
    let (paths, problems) = files(&jail, &dir);
    for p in problems {
        let file = repo.files.len();
        repo.files.push(p.path);
        repo.findings
            .push(Finding::error(p.rule, file, At::File, p.en).vi(p.vi));
    }
    let first = repo.files.len();
    repo.files.extend(paths.iter().cloned());
    let hints = Hints::new(repo);
    // One file per plan in a national repository: read and parse them on all
    // cores, then add findings and rows in file order so output is stable.
    let shared: &Repo = repo;
    let results: Vec<(Vec<Measurement>, Vec<Finding>)> = paths
        .par_iter()
        .enumerate()
        .map(|(n, path)| {
            let file = first + n;
            match fs_guard::read_walked(&jail, path, fs_guard::MAX_CSV_BYTES) {
                Ok(src) => {
                    let (rows, findings) = read_with(shared, file, &src, today, &hints);
                    (if keep_rows { rows } else { Vec::new() }, findings)
                }
                Err(e) => {
                    let (en, vi) = e.messages(("a report (CSV)", "một báo cáo (CSV)"));
                    let rule = match e.rule() {
                        "unreadable" => "report-syntax",
                        r => r,
                    };
                    (
                        Vec::new(),
                        vec![Finding::error(rule, file, At::File, en).vi(vi)],
                    )
                }
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

/// "Did you mean" for unknown plans without comparing every row with every
/// plan: ids are grouped by their first segment (the province), a typo is
/// looked for among the ids of the same group (at most a few thousand), and
/// each unknown id is looked up once.
pub struct Hints<'a> {
    groups: HashMap<&'a str, Vec<&'a str>>,
}

/// Candidates compared per lookup, at most.
const MAX_CANDIDATES: usize = 2000;

impl<'a> Hints<'a> {
    pub fn new(repo: &'a Repo) -> Hints<'a> {
        let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
        for id in repo.by_id.keys() {
            let head = id.split('/').next().unwrap_or("");
            groups.entry(head).or_default().push(id.as_str());
        }
        for g in groups.values_mut() {
            g.sort_unstable();
            g.truncate(MAX_CANDIDATES);
        }
        Hints { groups }
    }

    pub fn nearest(&self, id: &str) -> Option<&'a str> {
        let head = id.split('/').next().unwrap_or("");
        let group = self.groups.get(head).or_else(|| {
            // A typo in the province itself: only when there are few groups.
            (self.groups.len() == 1)
                .then(|| self.groups.values().next())
                .flatten()
        })?;
        nearest(id, group.iter().copied())
    }
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
    read_with(repo, file, bytes, today, &Hints::new(repo))
}

/// One CSV file's rows and findings, at most `MAX_FINDINGS_PER_FILE` of
/// them and a closing "and N more".
fn read_with(
    repo: &Repo,
    file: FileId,
    bytes: &[u8],
    today: NaiveDate,
    hints: &Hints,
) -> (Vec<Measurement>, Vec<Finding>) {
    let (rows, mut findings, more) = read_capped(repo, file, bytes, today, hints);
    if more > 0 {
        findings.push(
            Finding::note(
                "too-many-findings",
                file,
                At::File,
                format!(
                    "and {more} more finding{} in this file (the first {MAX_FINDINGS_PER_FILE} are shown)",
                    if more == 1 { "" } else { "s" }
                ),
            )
            .vi(format!(
                "và {more} phát hiện khác trong tệp này (chỉ hiện {MAX_FINDINGS_PER_FILE} phát hiện đầu)"
            )),
        );
    }
    (rows, findings)
}

fn read_capped(
    repo: &Repo,
    file: FileId,
    bytes: &[u8],
    today: NaiveDate,
    hints: &Hints,
) -> (Vec<Measurement>, Vec<Finding>, usize) {
    let mut more = 0usize;
    let mut hinted = 0usize;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut findings = Vec::new();
    if let Some(enc) = crate::encoding::wide_unicode(bytes) {
        findings.push(
            Finding::error(
                "report-syntax",
                file,
                at(1),
                format!("file is {enc} (Excel's \"Unicode text\"), not UTF-8: save it as \"CSV UTF-8\""),
            )
            .vi(format!("tệp mã {enc} (\"Unicode text\" của Excel), không phải UTF-8: hãy lưu dạng \"CSV UTF-8\"")),
        );
        return (Vec::new(), findings, 0);
    }
    let mut rows = Vec::new();
    let mut r = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers: Vec<String> = match r.headers() {
        Ok(h) => h
            .iter()
            .map(|h| crate::text::fold(h).replace(' ', "_"))
            .collect(),
        Err(e) => {
            findings.push(
                Finding::error(
                    "report-syntax",
                    file,
                    at(1),
                    format!("cannot read the header: {e}"),
                )
                .vi(format!("không đọc được dòng tiêu đề: {e}")),
            );
            return (rows, findings, 0);
        }
    };
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
        findings.push(Finding::error(
            "report-columns",
            file,
            at(1),
            format!(
                "missing column{} {}: expected a header with plan, metric (or target), segment (optional), value, as_of, source (optional); found {}",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                headers.join(", ")
            ),
        )
.vi(format!("thiếu cột {}: cần tiêu đề gồm plan, metric (hoặc target), segment (tùy chọn), value, as_of, source (tùy chọn); gặp {}", missing.join(", "), headers.join(", "))));
        return (rows, findings, 0);
    }
    let (Some(pc), Some(mc), Some(vc), Some(dc)) =
        (col("plan"), metric_col, col("value"), col("as_of"))
    else {
        return (rows, findings, 0);
    };
    let (sc, src_c) = (col("segment"), col("source"));
    for rec in r.records() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                if findings.len() >= MAX_FINDINGS_PER_FILE {
                    more += 1;
                    continue;
                }
                let line = e.position().map_or(1, |p| p.line() as usize);
                findings.push(
                    Finding::error("report-syntax", file, at(line), format!("row skipped: {e}"))
                        .vi(format!("bỏ qua dòng: {e}")),
                );
                continue;
            }
        };
        let line = rec.position().map_or(1, |p| p.line() as usize);
        let get = |c: usize| crate::text::nfc(rec.get(c).unwrap_or("").trim());
        let hint = findings.len() < MAX_FINDINGS_PER_FILE && hinted < MAX_HINTS_PER_FILE;
        match row(
            repo,
            hint.then_some(hints),
            file,
            line,
            &get(pc),
            &get(mc),
            sc.map(get).filter(|s| !s.is_empty()),
            &get(vc),
            &get(dc),
            src_c.map(get).unwrap_or_default(),
            today,
        ) {
            Ok(m) => rows.push(m),
            // With only some plans read, rows of the others are not ours to judge.
            Err(f) if repo.partial && f.rule == "report-plan" => {}
            Err(_) if findings.len() >= MAX_FINDINGS_PER_FILE => more += 1,
            Err(f) => {
                if f.rule == "report-plan" {
                    hinted += 1;
                }
                findings.push(*f)
            }
        }
    }
    (rows, findings, more)
}

#[allow(clippy::too_many_arguments)]
fn row(
    repo: &Repo,
    hints: Option<&Hints>,
    file: FileId,
    line: usize,
    plan_id: &str,
    key: &str,
    segment: Option<String>,
    value: &str,
    as_of: &str,
    source: String,
    today: NaiveDate,
) -> Result<Measurement, Box<Finding>> {
    let err = |rule: &'static str, msg: String, vi: String| {
        Box::new(
            Finding::error(rule, file, at(line), format!("{msg}; row skipped"))
                .vi(format!("{vi}; bỏ qua dòng này")),
        )
    };
    let Some(&plan) = repo.by_id.get(plan_id) else {
        let hint = hints
            .and_then(|h| h.nearest(plan_id))
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        return Err(err(
            "report-plan",
            format!("unknown plan `{plan_id}`{hint}"),
            format!("không có kế hoạch `{plan_id}`{hint}"),
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
        let hint = nearest(key, p.targets.iter().map(|t| t.metric.as_str()))
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        return Err(err(
            "report-metric",
            format!("`{key}` is neither a metric nor a target id of plan {plan_id}{hint}"),
            format!("`{key}` không phải chỉ số hay mã chỉ tiêu của kế hoạch {plan_id}{hint}"),
        ));
    }
    let value_q = threshold::parse_quantity(value).map_err(|e| {
        err(
            "report-value",
            format!("value: {}", e.message),
            format!("giá trị không đọc được: {}", e.message),
        )
    })?;
    let Some(date) = parse_date(as_of) else {
        return Err(err(
            "report-date",
            format!("as_of `{as_of}` is not a date: expected 2026-09-30 or 30/09/2026"),
            format!("as_of `{as_of}` không phải ngày: cần dạng 2026-09-30 hoặc 30/09/2026"),
        ));
    };
    if !YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err(err(
            "report-date",
            format!(
                "as_of `{as_of}` is outside the years {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
            format!(
                "as_of `{as_of}` nằm ngoài các năm {} đến {}",
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    if date > today {
        return Err(err(
            "report-date",
            format!(
                "as_of {} is in the future (today is {})",
                date.format("%d/%m/%Y"),
                today.format("%d/%m/%Y")
            ),
            format!(
                "as_of {} ở tương lai (hôm nay là {})",
                date.format("%d/%m/%Y"),
                today.format("%d/%m/%Y")
            ),
        ));
    }
    let metric = &p.targets[targets[0]].metric;
    if let Some(ind) = repo.indicators.get(metric) {
        let found = unit_of(&value_q);
        if found != ind.unit {
            return Err(err(
                "report-unit",
                format!(
                    "metric `{metric}` is measured in {}, found a value in {} (`{value}`)",
                    ind.unit.key(),
                    found.key()
                ),
                format!(
                    "chỉ số `{metric}` đo bằng {}, nhưng giá trị tính bằng {} (`{value}`)",
                    ind.unit.key(),
                    found.key()
                ),
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
                "report-segment",
                format!("segment `{s}` is not one of the segments of `{key}` in plan {plan_id}"),
                format!("nhóm `{s}` không thuộc các nhóm của `{key}` trong kế hoạch {plan_id}"),
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
