//! `kh diff A B`: two plans side by side, indicator by indicator.

use crate::diff::{self, Row};
use crate::repo;
use crate::table::Rows;
use crate::ui::Ui;
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
    /// An Excel workbook (with -o)
    Xlsx,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Plan A: an id or the path of its file (usually the parent)
    pub a: String,
    /// Plan B: an id or the path of its file (usually the child)
    pub b: String,
    /// Where the plans are (default: the repository found from here)
    #[arg(long = "repo")]
    pub repo: Vec<PathBuf>,
    /// Keep only looser, later and missing rows
    #[arg(long)]
    pub only_problems: bool,
    /// Exit 1 when B is looser, later or missing something it must carry, as `git diff --exit-code`
    #[arg(long)]
    pub exit_code: bool,
    /// Output format (default: from the -o file's extension, else table)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Neither read nor write the cache (.kh-cache/ at the repository's root)
    #[arg(long)]
    pub no_cache: bool,
}

fn cell(s: Option<&crate::diff::Side>, f: impl Fn(&crate::diff::Side) -> &str) -> String {
    s.map(|s| f(s).to_string()).unwrap_or_default()
}

/// The provenance keys that speak of a target's threshold.
const VALUE_FIELDS: &[&str] = &["value", "target", "by_segment", "stretch"];

/// A side's cell, with the mark of a value its document does not state.
fn marked(
    side: Option<&crate::diff::Side>,
    f: impl Fn(&crate::diff::Side) -> &str,
    fields: &[&str],
) -> String {
    match side {
        Some(s) if crate::agenda::unstated(&s.provenance, fields) => {
            format!("{}{}", f(s), crate::agenda::UNSTATED)
        }
        _ => cell(side, f),
    }
}

/// A side's deadline for people: "ongoing" is the JSON's identifier, worded here.
fn due_cell(s: Option<&crate::diff::Side>, ui: &Ui) -> String {
    let due = marked(s, |s| &s.due, &["due"]);
    match due.strip_prefix("ongoing") {
        Some(mark) => format!(
            "{}{mark}",
            crate::messages::word(ui.lang, crate::messages::Word::Ongoing)
        ),
        None => due,
    }
}

/// The rows for people (`sheet` false: marks in the cells) or for a
/// spreadsheet (`sheet`: deadlines as dates, whether each is inherited in a
/// column of its own), as docs/format.md's "CSV for Excel" says.
pub fn rows(rows: &[Row], ui: &Ui, sheet: bool) -> Rows {
    use crate::messages::{Word, word};
    let from = |s: Option<&crate::diff::Side>| -> String {
        match s {
            Some(s) if s.inherited => word(ui.lang, Word::FromParent).to_string(),
            Some(_) => word(ui.lang, Word::FromOwn).to_string(),
            None => String::new(),
        }
    };
    let due_date =
        |s: Option<&crate::diff::Side>| s.and_then(|s| s.due_date).map(crate::table::Typed::Date);
    let mut out = Rows {
        headers: crate::table::headers([
            crate::messages::word(ui.lang, crate::messages::Word::Indicator),
            crate::messages::word(ui.lang, crate::messages::Word::Segment),
            "A",
            crate::messages::word(ui.lang, crate::messages::Word::AThreshold),
            crate::messages::word(ui.lang, crate::messages::Word::ADue),
            "B",
            crate::messages::word(ui.lang, crate::messages::Word::BThreshold),
            crate::messages::word(ui.lang, crate::messages::Word::BDue),
            crate::messages::word(ui.lang, crate::messages::Word::Verdict),
            crate::messages::word(ui.lang, crate::messages::Word::Deadline),
        ]),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.metric.clone(),
                    r.segment.clone().unwrap_or_default(),
                    cell(r.a.as_ref(), |s| &s.id),
                    marked(r.a.as_ref(), |s| &s.threshold, VALUE_FIELDS),
                    due_cell(r.a.as_ref(), ui),
                    cell(r.b.as_ref(), |s| &s.id),
                    marked(r.b.as_ref(), |s| &s.threshold, VALUE_FIELDS),
                    due_cell(r.b.as_ref(), ui),
                    r.verdict.word(ui.lang).to_string(),
                    r.deadline
                        .map(|d| d.word(ui.lang).to_string())
                        .unwrap_or_default(),
                ]
            })
            .collect(),
        flexible: Some(0),
        typed: Vec::new(),
    };
    if sheet {
        let deadline_from = word(ui.lang, Word::DeadlineFrom);
        out.headers.push(format!("A: {deadline_from}"));
        out.headers.push(format!("B: {deadline_from}"));
        // A deadline carries no `*` here: the two columns say where it is from.
        for (cells, r) in out.rows.iter_mut().zip(rows) {
            for col in [4, 7] {
                cells[col] = cells[col].replacen('*', "", 1);
            }
            cells.push(from(r.a.as_ref()));
            cells.push(from(r.b.as_ref()));
        }
        out.typed = rows
            .iter()
            .map(|r| {
                let mut t = vec![None; 12];
                t[4] = due_date(r.a.as_ref());
                t[7] = due_date(r.b.as_ref());
                t
            })
            .collect();
    }
    out
}

fn summary(rows: &[Row], ui: &Ui) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for r in rows {
        let w = r.verdict.word(ui.lang);
        match counts.iter_mut().find(|(k, _)| *k == w) {
            Some((_, n)) => *n += 1,
            None => counts.push((w, 1)),
        }
    }
    let later = rows
        .iter()
        .filter(|r| r.deadline == Some(diff::DeadlineVerdict::Later))
        .count();
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let n = rows.len();
    crate::messages::sentence(
        ui.lang,
        &crate::message::Sentence::DiffSummary {
            rows: n,
            parts,
            later,
        },
    )
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    a: &'a str,
    b: &'a str,
    rows: &'a [Row],
}

pub fn run(args: DiffArgs, ui: &Ui) -> Result<i32> {
    // Plans named by file are read in their own repository's context, as
    // `kh check FILE` reads them, unless --repo says where to look.
    let files: Vec<PathBuf> = [&args.a, &args.b]
        .into_iter()
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .collect();
    let source = if args.repo.is_empty() && !files.is_empty() {
        repo::locate(&files)?
    } else {
        repo::locate(&args.repo)?
    };
    let roots = source.roots.clone();
    let by_id: Vec<String> = [&args.a, &args.b]
        .into_iter()
        .filter(|n| !n.ends_with(".yaml"))
        .cloned()
        .collect();
    let repo = if by_id.len() == 2 {
        repo::load_plans(source, &by_id, !args.no_cache)?
    } else {
        repo::load_whole(source, !args.no_cache)?
    };
    let find = |name: &str| match diff::find(&repo, name) {
        Some(e) => Ok(e),
        None => bail!(
            "{}",
            crate::messages::sentence(
                ui.lang,
                &crate::message::Sentence::NoSuchPlanOrFile {
                    name: name.to_string(),
                    nearest: crate::load::nearest(name, repo.by_id.keys().map(String::as_str))
                        .map(str::to_string),
                },
            )
        ),
    };
    let format = super::format_or(args.format, Format::Table);
    let (a, b) = (find(&args.a)?, find(&args.b)?);
    let mut all = diff::diff(&repo, a, b);
    let problems = all.iter().any(Row::is_problem);
    if args.only_problems {
        all.retain(Row::is_problem);
    }
    if format == Format::Xlsx {
        let sheet = rows(&all, ui, true);
        let name = crate::messages::export_word(ui.lang, crate::messages::ExportWord::SheetDiff);
        let book =
            crate::xlsx::workbook(&[(name, &sheet)], &crate::xlsx::About::now(&roots), ui.lang)?;
        super::emit_bytes(&book, ui.lang)?;
        return Ok(if args.exit_code && problems {
            super::EXIT_FINDINGS
        } else {
            super::EXIT_OK
        });
    }
    let text = match format {
        Format::Table => format!(
            "A: {}\nB: {}\n{}\n{}",
            diff::label(&a.plan),
            diff::label(&b.plan),
            rows(&all, ui, false).table(ui.width(), true),
            summary(&all, ui)
        ),
        Format::Csv => rows(&all, ui, true).csv()?,
        Format::Markdown => format!(
            "A: {}  \nB: {}\n\n{}\n{}",
            diff::label(&a.plan),
            diff::label(&b.plan),
            rows(&all, ui, false).markdown(),
            summary(&all, ui)
        ),
        Format::Xlsx => String::new(),
        Format::Json => serde_json::to_string_pretty(&Report {
            version: 1,
            a: &a.plan.id,
            b: &b.plan.id,
            rows: &all,
        })?,
    };
    super::emit(&text)?;
    Ok(if args.exit_code && problems {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_OK
    })
}
