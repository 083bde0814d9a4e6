//! Findings for people and for machines, rendered in one place from the same
//! resolved list: a rustc-like human form, a one-line short form, JSON, CSV,
//! Markdown, a table, GitHub workflow commands and a GitLab Code Quality report.

use crate::check::Counts;
use crate::finding::{At, FileId, Finding, Severity};
use crate::repo::Repo;
use crate::table::Rows;
use crate::text;
use crate::ui::{Lang, Ui};
use crate::yaml::{Pos, Positions, Seg};
use serde::Serialize;
use std::collections::HashMap;

/// A finding with its place resolved to file, line and column.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Located {
    pub severity: &'static str,
    pub rule: &'static str,
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// What the message says, as data: its `kind` and fields (docs/json.md).
    pub data: Data,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<RelatedLoc>,
    /// The workbook cell, for a finding in a spreadsheet: `Sheet1!C12`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    #[serde(skip)]
    sev: Option<Severity>,
    /// The source line, for the human form.
    #[serde(skip)]
    source: Option<String>,
}

/// A message's data: as a check made it, or as JSON kept by the memo of
/// findings (`crate::verdicts`), written out field for field as it was.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    Message(crate::message::Message),
    Json(String),
}

impl Serialize for Data {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Data::Message(m) => m.serialize(s),
            Data::Json(json) => {
                let mut de = serde_json::Deserializer::from_str(json);
                serde_transcode::transcode(&mut de, s)
            }
        }
    }
}

/// A finding placed and worded in every language, without its file nor
/// the severity options give it: what the memo of findings keeps.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Placed {
    /// Its severity as the check gave it, before kh.yaml's and `--strict`.
    pub severity: String,
    pub rule: String,
    pub line: usize,
    pub col: usize,
    /// Its message in each language, in `Lang::ALL` order.
    pub text: Vec<String>,
    /// Its data as JSON.
    pub data: String,
    pub related: Option<PlacedRelated>,
    pub cell: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PlacedRelated {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub label: Vec<String>,
}

impl Placed {
    /// The finding in `file` as this run shows it, with the severity the
    /// run's options give (`severity`); `None` when it names a rule or a
    /// language this build does not have.
    pub fn located(
        &self,
        file: &str,
        lang: Lang,
        severity: impl Fn(crate::rules::Rule, Severity) -> Severity,
    ) -> Option<Located> {
        let rule = crate::rules::Rule::from_name(&self.rule)?;
        let sev = severity(rule, Severity::from_key(&self.severity)?);
        let n = Lang::ALL.iter().position(|l| *l == lang)?;
        Some(Located {
            severity: sev.key(),
            rule: rule.name(),
            file: file.to_string(),
            line: self.line,
            col: self.col,
            message: self.text.get(n)?.clone(),
            data: Data::Json(self.data.clone()),
            related: match &self.related {
                Some(r) => Some(RelatedLoc {
                    file: r.file.clone(),
                    line: r.line,
                    col: r.col,
                    label: r.label.get(n)?.clone(),
                }),
                None => None,
            },
            cell: self.cell.clone(),
            sev: Some(sev),
            source: self.source.clone(),
        })
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RelatedLoc {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub label: String,
}

/// Positions and lines of files that have findings, each file read and parsed once.
struct Resolver<'a> {
    repo: &'a Repo,
    cache: HashMap<FileId, Option<(Positions, Lines)>>,
}

/// A file's text and where each of its lines starts.
struct Lines {
    text: String,
    starts: Vec<usize>,
}

impl Lines {
    fn of(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        Lines {
            text: text.to_string(),
            starts,
        }
    }

    /// Line `n` (from 1), as `str::lines` gives it.
    fn get(&self, n: usize) -> Option<&str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).copied().unwrap_or(self.text.len());
        let line = &self.text[start..end];
        Some(match line.strip_suffix('\n') {
            Some(l) => l.strip_suffix('\r').unwrap_or(l),
            None => line,
        })
    }
}

/// A file's positions (of the paths `wanted`; `None`: all) and text, read
/// again through the same guard as the first time: a file swapped for a
/// link or a FIFO meanwhile is not opened.
fn read_positions(
    repo: &Repo,
    file: FileId,
    wanted: Option<&[&[Seg]]>,
) -> Option<(Positions, Lines)> {
    let bytes = repo.read_again(file)?;
    let src = String::from_utf8_lossy(&bytes);
    let src = src.trim_start_matches('\u{FEFF}');
    let positions = match wanted {
        Some(w) => Positions::of_paths(src, w),
        None => Positions::of(src),
    };
    Some((positions, Lines::of(src)))
}

impl Resolver<'_> {
    /// Reads, on all cores, every file the findings point into, keeping the
    /// positions of the places they point at.
    fn prepare(&mut self, findings: &[Finding]) {
        use rayon::prelude::*;
        let mut wanted: HashMap<FileId, Vec<&[Seg]>> = HashMap::new();
        // (file, place, whether its line is shown: a finding's own place)
        let places = findings.iter().flat_map(|f| {
            std::iter::once((f.file, &f.at, true))
                .chain(f.related.as_ref().map(|r| (r.file, &r.at, false)))
        });
        for (file, at, own) in places {
            if self.cache.contains_key(&file) {
                continue;
            }
            match at {
                At::Value(p) | At::Key(p) => wanted.entry(file).or_default().push(p),
                // Placed already: only its line is shown.
                At::Pos(_) if own => {
                    wanted.entry(file).or_default();
                }
                // A file as a whole, or a report's cell: nothing to read.
                _ => {}
            }
        }
        let repo = self.repo;
        let read: Vec<_> = wanted
            .into_par_iter()
            .map(|(f, w)| (f, read_positions(repo, f, Some(&w))))
            .collect();
        self.cache.extend(read);
    }

    fn file(&mut self, file: FileId) -> Option<&(Positions, Lines)> {
        let repo = self.repo;
        self.cache
            .entry(file)
            .or_insert_with(|| read_positions(repo, file, None))
            .as_ref()
    }

    fn pos(&mut self, file: FileId, at: &At) -> Pos {
        let start = Pos { line: 1, col: 1 };
        match at {
            At::Pos(p) => *p,
            At::File => start,
            At::Cell { row, col, .. } => Pos {
                line: *row,
                col: *col,
            },
            At::Value(p) | At::Key(p) => {
                let found = match (self.file(file), at) {
                    (Some((ps, _)), At::Key(_)) => ps.key(p),
                    (Some((ps, _)), _) => ps.value(p),
                    (None, _) => None,
                };
                found.unwrap_or(start)
            }
        }
    }

    /// A finding's place, its related place (file as shown, position),
    /// and its source line.
    fn resolve(&mut self, f: &Finding) -> (Pos, Option<(String, Pos)>, Option<String>) {
        let pos = self.pos(f.file, &f.at);
        let related = f.related.as_ref().map(|rel| {
            (
                self.repo.path(rel.file).display().to_string(),
                self.pos(rel.file, &rel.at),
            )
        });
        let source = match f.at {
            At::File | At::Cell { .. } => None,
            _ => self.line(f.file, pos.line),
        };
        (pos, related, source)
    }

    fn line(&mut self, file: FileId, line: usize) -> Option<String> {
        self.file(file)?.1.get(line).map(str::to_string)
    }
}

/// Resolves, then sorts by file, line, column.
pub fn locate(repo: &Repo, findings: &[Finding], lang: Lang) -> Vec<Located> {
    let mut r = Resolver {
        repo,
        cache: HashMap::new(),
    };
    r.prepare(findings);
    let out: Vec<Located> = findings
        .iter()
        .map(|f| {
            let (pos, related, source) = r.resolve(f);
            Located {
                severity: f.severity.key(),
                rule: f.rule.name(),
                file: repo.path(f.file).display().to_string(),
                line: pos.line,
                col: pos.col,
                message: f.text(lang),
                data: Data::Message(f.message.clone()),
                related: related.map(|(file, p)| RelatedLoc {
                    file,
                    line: p.line,
                    col: p.col,
                    label: crate::messages::label(lang, &f.related.as_ref().expect("placed").label),
                }),
                cell: cell(f),
                sev: Some(f.severity),
                source,
            }
        })
        .collect();
    finish(out, lang)
}

/// Findings placed in every language, for the memo of findings: each
/// with its file.
pub fn place(repo: &Repo, findings: &[Finding]) -> Vec<(FileId, Placed)> {
    let mut r = Resolver {
        repo,
        cache: HashMap::new(),
    };
    r.prepare(findings);
    findings
        .iter()
        .map(|f| {
            let (pos, related, source) = r.resolve(f);
            let placed = Placed {
                severity: f.severity.key().to_string(),
                rule: f.rule.name().to_string(),
                line: pos.line,
                col: pos.col,
                text: Lang::ALL.iter().map(|l| f.text(*l)).collect(),
                data: serde_json::to_string(&f.message).unwrap_or_default(),
                related: related.map(|(file, p)| PlacedRelated {
                    file,
                    line: p.line,
                    col: p.col,
                    label: Lang::ALL
                        .iter()
                        .map(|l| {
                            crate::messages::label(*l, &f.related.as_ref().expect("placed").label)
                        })
                        .collect(),
                }),
                cell: cell(f),
                source,
            };
            (f.file, placed)
        })
        .collect()
}

fn cell(f: &Finding) -> Option<String> {
    match &f.at {
        At::Cell { sheet, row, col } => Some(crate::finding::cell_name(sheet, *row, *col)),
        _ => None,
    }
}

/// Sorted by file, line and column, at most `MAX_PER_FILE` a file.
pub fn finish(mut out: Vec<Located>, lang: Lang) -> Vec<Located> {
    out.sort_by(|a, b| {
        (&a.file, a.line, a.col, a.rule, &a.message)
            .cmp(&(&b.file, b.line, b.col, b.rule, &b.message))
    });
    cap_per_file(out, lang)
}

/// Findings shown per file; the rest are counted in a closing note, so that
/// one hostile file cannot flood the output. The summary counts them all.
pub const MAX_PER_FILE: usize = 200;

fn cap_per_file(all: Vec<Located>, lang: Lang) -> Vec<Located> {
    let mut out = Vec::with_capacity(all.len().min(100_000));
    let mut i = 0;
    while i < all.len() {
        let file = &all[i].file;
        let end = i + all[i..].iter().take_while(|f| &f.file == file).count();
        let n = end - i;
        out.extend(all[i..end.min(i + MAX_PER_FILE)].iter().cloned());
        if n > MAX_PER_FILE {
            let more = n - MAX_PER_FILE;
            let data = crate::message::Message::TooManyFindings {
                more,
                shown: MAX_PER_FILE,
            };
            out.push(Located {
                data: Data::Message(data.clone()),
                severity: crate::rules::Rule::TooManyFindings.default_severity().key(),
                rule: crate::rules::Rule::TooManyFindings.name(),
                file: file.clone(),
                line: 1,
                col: 1,
                message: crate::messages::message(lang, &data),
                cell: None,
                related: None,
                sev: Some(Severity::Note),
                source: None,
            });
        }
        i = end;
    }
    out
}

impl Located {
    pub fn severity(&self) -> Severity {
        self.sev.unwrap_or(Severity::Error)
    }

    /// The same finding with every text a person reads shown with its control
    /// characters and escape sequences escaped (see `text::escape_controls`).
    pub fn escaped(&self) -> Located {
        let e = |s: &str| text::escape_controls(s).into_owned();
        Located {
            file: e(&self.file),
            message: e(&self.message),
            related: self.related.as_ref().map(|r| RelatedLoc {
                file: e(&r.file),
                label: e(&r.label),
                ..r.clone()
            }),
            source: self.source.as_deref().map(e),
            ..self.clone()
        }
    }

    /// Where it is, for people: `path:line:col`, or `path:Sheet1!C12` in a workbook.
    pub fn place(&self) -> String {
        match &self.cell {
            Some(c) => format!("{}:{c}", self.file),
            None => format!("{}:{}:{}", self.file, self.line, self.col),
        }
    }
}

fn colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Note => "1;36",
    }
}

/// `path:line:col: severity[rule]: message [label: path:line:col]`
pub fn line(f: &Located) -> String {
    short(&f.escaped(), &Ui::default())
}

fn short(f: &Located, ui: &Ui) -> String {
    let mut s = format!(
        "{}: {}: {}",
        f.place(),
        ui.paint(colour(f.severity()), &format!("{}[{}]", f.severity, f.rule)),
        f.message
    );
    if let Some(r) = &f.related {
        s.push_str(&format!(" [{}: {}:{}:{}]", r.label, r.file, r.line, r.col));
    }
    s
}

/// rustc's layout: the message, the place, the source line with a marker under the value.
fn human(f: &Located, ui: &Ui) -> String {
    let head = format!("{}[{}]", f.severity().word(ui.lang), f.rule);
    let mut s = format!(
        "{}: {}\n",
        ui.paint(colour(f.severity()), &head),
        ui.paint("1", &f.message)
    );
    let gutter = f.line.to_string().len();
    let pad = " ".repeat(gutter);
    s.push_str(&format!("{pad}{} {}\n", ui.paint("1;34", "-->"), f.place()));
    if let Some(src) = &f.source {
        let bar = ui.paint("1;34", "|");
        let before: String = src.chars().take(f.col.saturating_sub(1)).collect();
        let value: String = src.chars().skip(f.col.saturating_sub(1)).collect();
        let value = value.split(" #").next().unwrap_or("").trim_end();
        let marker = "^".repeat(text::width(value).max(1));
        s.push_str(&format!("{pad} {bar}\n"));
        s.push_str(&format!(
            "{} {bar} {src}\n",
            ui.paint("1;34", &f.line.to_string())
        ));
        s.push_str(&format!(
            "{pad} {bar} {}{}\n",
            " ".repeat(text::width(&before)),
            ui.paint(colour(f.severity()), &marker)
        ));
    }
    if let Some(r) = &f.related {
        s.push_str(&format!(
            "{pad} = {}: {} {} {}:{}:{}\n",
            crate::messages::word(ui.lang, crate::messages::Word::See),
            r.label,
            crate::messages::word(ui.lang, crate::messages::Word::At),
            r.file,
            r.line,
            r.col
        ));
    }
    s
}

/// The closing line; `root` is the repository checked, so that nobody mistakes
/// which one it was (a `kh.yaml` higher up, a folder with its own `plans/`).
pub fn summary(t: Tally, c: Counts, root: Option<&str>, lang: Lang) -> String {
    crate::messages::sentence(
        lang,
        &crate::message::Sentence::CheckSummary {
            plans: t.plans,
            files: t.files,
            files_with_errors: t.files_with_errors,
            root: root.map(|r| text::escape_controls(r).into_owned()),
            errors: c.errors,
            warnings: c.warnings,
            notes: c.notes,
        },
    )
}

/// What a check covered: plans checked, and files read and found with an
/// error, apart, so that "checked 0 plans" over 32 broken files explains itself.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Tally {
    pub plans: usize,
    pub files: usize,
    pub files_with_errors: usize,
}

#[derive(Serialize)]
pub struct CheckReport<'a> {
    /// The shape's version: fields are only ever added within a version.
    pub version: u32,
    pub plans: usize,
    pub files: usize,
    pub files_with_errors: usize,
    pub summary: Counts,
    pub findings: &'a [Located],
}

/// Output formats of `kh check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// The source line with a marker under the value, as rustc does (default on a terminal)
    Human,
    /// One line per finding: path:line:col: severity[rule]: message (default otherwise)
    Short,
    /// {version, plans, summary, findings}: see docs/json.md
    Json,
    Csv,
    Markdown,
    Table,
    /// GitHub Actions workflow commands: findings appear on the pull request's lines
    Github,
    /// A GitLab Code Quality report
    Gitlab,
    /// An Excel workbook (with -o): one row per finding
    Xlsx,
}

impl CheckFormat {
    /// The format an `-o` file's extension asks for.
    pub fn for_extension(ext: String) -> Option<CheckFormat> {
        Some(match ext.as_str() {
            "json" => CheckFormat::Json,
            "csv" => CheckFormat::Csv,
            "md" | "markdown" => CheckFormat::Markdown,
            "txt" | "log" => CheckFormat::Short,
            "xlsx" => CheckFormat::Xlsx,
            _ => return None,
        })
    }
}

/// The findings as rows, as the CSV, Markdown and table formats show them.
pub fn rows(findings: &[Located], lang: Lang) -> Rows {
    Rows {
        headers: crate::table::headers([
            crate::messages::word(lang, crate::messages::Word::File),
            crate::messages::word(lang, crate::messages::Word::Line),
            crate::messages::word(lang, crate::messages::Word::Col),
            crate::messages::word(lang, crate::messages::Word::Severity),
            crate::messages::word(lang, crate::messages::Word::Rule),
            crate::messages::word(lang, crate::messages::Word::Message),
        ]),
        rows: findings
            .iter()
            .map(|f| {
                vec![
                    // A workbook's cell names its sheet too: `reports/q4.xlsx:Sheet1!C12`.
                    if f.cell.is_some() {
                        f.place()
                    } else {
                        f.file.clone()
                    },
                    f.line.to_string(),
                    f.col.to_string(),
                    f.severity().word(lang).to_string(),
                    f.rule.to_string(),
                    f.message.clone(),
                ]
            })
            .collect(),
        flexible: Some(5),
        typed: findings
            .iter()
            .map(|f| {
                vec![
                    None,
                    Some(crate::table::Typed::int(f.line as i64)),
                    Some(crate::table::Typed::int(f.col as i64)),
                ]
            })
            .collect(),
    }
}

/// GitHub workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github(f: &Located) -> String {
    let kind = match f.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let keep_lines = |s: &str| {
        s.split('\n')
            .map(|l| text::escape_controls(l).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut message = keep_lines(&f.message);
    if let Some(r) = &f.related {
        message.push_str(&format!(
            " [{}: {}:{}:{}]",
            keep_lines(&r.label),
            text::escape_controls(&r.file),
            r.line,
            r.col
        ));
    }
    format!(
        "::{kind} file={},line={},col={},title={}::{}",
        gh_prop(&text::escape_controls(&f.file)),
        f.line,
        f.col,
        gh_prop(&match &f.cell {
            // GitHub knows lines, not sheets: the cell goes in the title.
            Some(c) => format!("kh {} ({c})", f.rule),
            None => format!("kh {}", f.rule),
        }),
        gh_data(&message)
    )
}

/// FNV-1a: a stable fingerprint so GitLab matches findings across pipelines.
fn fingerprint(f: &Located) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in format!("{}\0{}\0{}\0{}", f.rule, f.file, f.line, f.message).bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[derive(Serialize)]
struct CodeQuality<'a> {
    description: std::borrow::Cow<'a, str>,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: CqLocation<'a>,
}

#[derive(Serialize)]
struct CqLocation<'a> {
    path: &'a str,
    lines: CqLines,
}

#[derive(Serialize)]
struct CqLines {
    begin: usize,
}

pub fn gitlab(findings: &[Located]) -> serde_json::Result<String> {
    let list: Vec<CodeQuality> = findings
        .iter()
        .map(|f| CodeQuality {
            // Code Quality locates by path and line: a workbook's cell leads the description.
            description: match &f.cell {
                Some(c) => format!("{c}: {}", f.message).into(),
                None => f.message.as_str().into(),
            },
            check_name: f.rule,
            fingerprint: fingerprint(f),
            severity: match f.severity() {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Note => "info",
            },
            location: CqLocation {
                path: &f.file,
                lines: CqLines { begin: f.line },
            },
        })
        .collect();
    serde_json::to_string_pretty(&list)
}

/// One rule as `kh check --rules --format json` lists it.
#[derive(Serialize)]
struct RuleInfo {
    rule: &'static str,
    severity: &'static str,
    group: &'static str,
    summary: &'static str,
    explanation: &'static str,
    example: String,
}

/// The rule registry in one format (`kh check --rules`).
pub fn rules(format: CheckFormat, ui: &Ui) -> anyhow::Result<String> {
    use crate::messages::{Word, rule_explain, rule_summary, word};
    use crate::rules::Rule;
    let lang = ui.lang;
    let rows = Rows {
        headers: vec![
            word(lang, Word::Rule).to_string(),
            word(lang, Word::Severity).to_string(),
            word(lang, Word::Group).to_string(),
            word(lang, Word::Summary).to_string(),
        ],
        rows: Rule::ALL
            .iter()
            .map(|r| {
                vec![
                    r.name().to_string(),
                    r.default_severity().word(lang).to_string(),
                    word(lang, r.group().word()).to_string(),
                    rule_summary(lang, *r).to_string(),
                ]
            })
            .collect(),
        flexible: Some(3),
        typed: Vec::new(),
    };
    Ok(match format {
        CheckFormat::Json => serde_json::to_string_pretty(
            &Rule::ALL
                .iter()
                .map(|r| RuleInfo {
                    rule: r.name(),
                    severity: r.default_severity().key(),
                    group: r.group().key(),
                    summary: rule_summary(lang, *r),
                    explanation: rule_explain(lang, *r),
                    example: r.example(),
                })
                .collect::<Vec<_>>(),
        )?,
        CheckFormat::Csv => rows.csv()?,
        CheckFormat::Markdown => rows.markdown(),
        CheckFormat::Table | CheckFormat::Human => rows.table(ui.width(), false),
        CheckFormat::Short | CheckFormat::Github | CheckFormat::Gitlab | CheckFormat::Xlsx => rows
            .rows
            .iter()
            .map(|r| format!("{:24} {:9} {}", r[0], r[1], r[3]))
            .collect::<Vec<_>>()
            .join("\n"),
    })
}

/// All findings of a `kh check` run in one format.
pub fn check(
    format: CheckFormat,
    findings: &[Located],
    tally: Tally,
    c: Counts,
    root: Option<&str>,
    ui: &Ui,
) -> anyhow::Result<String> {
    let sum = summary(tally, c, root, ui.lang);
    Ok(match format {
        CheckFormat::Short => {
            let mut lines: Vec<String> = findings.iter().map(|f| short(&f.escaped(), ui)).collect();
            lines.push(sum);
            lines.join("\n")
        }
        CheckFormat::Human => {
            let mut out: String = findings
                .iter()
                .map(|f| human(&f.escaped(), ui) + "\n")
                .collect();
            out.push_str(&ui.paint("1", &sum));
            out
        }
        CheckFormat::Json => serde_json::to_string_pretty(&CheckReport {
            version: 1,
            plans: tally.plans,
            files: tally.files,
            files_with_errors: tally.files_with_errors,
            summary: c,
            findings,
        })?,
        CheckFormat::Csv => rows(findings, ui.lang).csv()?,
        CheckFormat::Markdown => format!("{}\n{sum}", rows(findings, ui.lang).markdown()),
        CheckFormat::Table => format!("{}\n{sum}", rows(findings, ui.lang).table(ui.width(), true)),
        CheckFormat::Github => {
            let mut lines: Vec<String> = findings.iter().map(github).collect();
            lines.push(sum);
            lines.join("\n")
        }
        CheckFormat::Gitlab => gitlab(findings)?,
        // Written by `kh check` as bytes.
        CheckFormat::Xlsx => String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(message: &str) -> Located {
        Located {
            severity: "error",
            rule: "looser-threshold",
            file: "plans/a,b.yaml".into(),
            line: 3,
            col: 13,
            message: message.into(),
            data: Data::Message(crate::message::Message::EmptyId),
            related: None,
            cell: None,
            sev: Some(Severity::Error),
            source: Some("    target: tối thiểu 15%".into()),
        }
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "\n\nc",
            "x\r\n\r\ny",
        ] {
            let lines = Lines::of(text);
            let want: Vec<&str> = text.lines().collect();
            let got: Vec<&str> = (1..=want.len() + 1).map_while(|n| lines.get(n)).collect();
            assert_eq!(got, want, "{text:?}");
            assert_eq!(lines.get(0), None);
        }
    }

    #[test]
    fn github_escapes_properties_and_data() {
        assert_eq!(
            github(&located("50% looser\nsecond line")),
            "::error file=plans/a%2Cb.yaml,line=3,col=13,title=kh looser-threshold::50%25 looser%0Asecond line"
        );
    }

    #[test]
    fn human_marks_the_value() {
        let out = human(&located("looser"), &Ui::default());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "error[looser-threshold]: looser");
        assert_eq!(lines[1], " --> plans/a,b.yaml:3:13");
        assert_eq!(lines[3], "3 |     target: tối thiểu 15%");
        assert_eq!(lines[4], "  |             ^^^^^^^^^^^^^");
    }

    #[test]
    fn gitlab_report_is_an_array_with_stable_fingerprints() {
        let a = gitlab(&[located("x")]).unwrap();
        let v: serde_json::Value = serde_json::from_str(&a).unwrap();
        assert_eq!(v[0]["check_name"], "looser-threshold");
        assert_eq!(v[0]["location"]["lines"]["begin"], 3);
        assert_eq!(v[0]["severity"], "major");
        assert_eq!(a, gitlab(&[located("x")]).unwrap());
    }
}
