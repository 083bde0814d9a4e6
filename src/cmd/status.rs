//! `kh status`: achieved values against targets, and roll-ups over child plans.

use crate::agenda::{unit_keys, unit_matches};
use crate::domain::Level;
use crate::repo;
use crate::status::{self, Rollup, Row, Status};
use crate::table::{Cells, Rows, Typed};
use crate::ui::{Lang, Ui};
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
    /// An Excel workbook (with -o): real dates and numbers, status cells coloured by band
    Xlsx,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Plan files or directories (default: the repository found from here)
    pub paths: Vec<PathBuf>,
    /// Count measurements up to this date (default: today)
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Where the achieved-value CSV files are (default: reports/, or `reports:` in kh.yaml)
    #[arg(long)]
    pub reports: Option<PathBuf>,
    /// For each target of a parent plan: how many child plans meet their matching target
    #[arg(long)]
    pub rollup: bool,
    /// Only this plan (by id); repeatable
    #[arg(long = "plan")]
    pub plans: Vec<String>,
    /// Only plans of this level
    #[arg(long, value_parser = parse_level)]
    pub level: Vec<Level>,
    /// Only targets whose lead or implementing unit matches (abbreviation or name, diacritics optional)
    #[arg(long)]
    pub unit: Option<String>,
    /// Output format (default: from the -o file's extension, else table)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Neither read nor write the cache (.kh-cache/ at the repository's root)
    #[arg(long)]
    pub no_cache: bool,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y"))
        .map_err(|_| format!("`{s}` is not a date: expected such as 2026-12-31 or 31/12/2026"))
        .and_then(|d| super::due::in_years(d, s))
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s).ok_or_else(|| {
        format!("`{s}` is not a level: expected province, district, commune or school")
    })
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// The columns that name a target's threshold, first in both tables.
const TARGET_COLUMNS: [crate::messages::Word; 5] = {
    use crate::messages::Word;
    [
        Word::Plan,
        Word::Target,
        Word::Indicator,
        Word::Segment,
        Word::Threshold,
    ]
};

/// Headings: the target's columns, then `rest`.
fn headings(ui: &Ui, rest: &[crate::messages::Word]) -> Vec<String> {
    TARGET_COLUMNS
        .iter()
        .chain(rest)
        .map(|w| crate::messages::word(ui.lang, *w).to_string())
        .collect()
}

fn status_headers(ui: &Ui) -> Vec<String> {
    use crate::messages::Word;
    headings(ui, &[Word::Value, Word::AsOf, Word::Due, Word::Status])
}

/// The column of `kh status` that gives way to fit the terminal.
const STATUS_FLEXIBLE: usize = 2;

fn status_row(r: &Row, ui: &Ui) -> Cells {
    let mut status = r.status.word(ui.lang).to_string();
    if let (Some(true), Some(s)) = (r.stretch_met, &r.stretch) {
        status.push_str(&crate::messages::sentence(
            ui.lang,
            &crate::message::Sentence::StretchMet(s.clone()),
        ));
    }
    let cells = vec![
        r.plan.clone(),
        r.target.clone(),
        r.metric.clone(),
        r.segment.clone().unwrap_or_default(),
        r.threshold.clone(),
        r.value.clone().unwrap_or_default(),
        date(r.as_of),
        r.due
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| {
                crate::messages::word(ui.lang, crate::messages::Word::Ongoing).into()
            }),
        status,
    ];
    let typed = vec![
        None,
        None,
        None,
        None,
        None,
        r.value.as_deref().and_then(Typed::quantity),
        r.as_of.map(Typed::Date),
        r.due.map(Typed::Date),
        Some(Typed::Band(r.status.band())),
    ];
    (cells, typed)
}

/// Why a child plan does not meet a parent target, in the interface language.
fn reason(why: &str, lang: Lang) -> &str {
    let known = Status::ALL
        .iter()
        .find(|s| s.key() == why)
        .map(|s| s.word(lang));
    use crate::messages::{Word, word};
    known.unwrap_or(match why {
        "not adopted" => word(lang, Word::NotAdopted),
        "waived" => word(lang, Word::Waived),
        _ => why,
    })
}

/// The roll-up's headings, and its column that gives way to fit the
/// terminal. The children's mean is shown only where a target judges it:
/// beside a per-child floor.
fn rollup_headers(with_mean: bool, ui: &Ui) -> (Vec<String>, usize) {
    use crate::messages::Word;
    let mut rest = vec![Word::ChildrenMeeting];
    if with_mean {
        rest.push(Word::ChildrenMean);
    }
    rest.push(Word::NotMeeting);
    let headers = headings(ui, &rest);
    let flexible = headers.len() - 1;
    (headers, flexible)
}

fn rollup_row(r: &Rollup, with_mean: bool, ui: &Ui) -> Vec<String> {
    use crate::messages::{Word, word};
    let mut row = vec![
        r.plan.clone(),
        r.target.clone(),
        r.metric.clone(),
        r.segment.clone().unwrap_or_default(),
        r.threshold.clone(),
        crate::messages::sentence(
            ui.lang,
            &crate::message::Sentence::RollupCell {
                met: r.met,
                of: r.of,
            },
        ),
    ];
    if with_mean {
        row.push(match &r.aggregate {
            Some(status::Aggregate {
                mean,
                met: Some(met),
            }) => format!(
                "{mean} ({})",
                word(ui.lang, if *met { Word::Met } else { Word::NotMet })
            ),
            Some(a) => a.mean.clone(),
            None => String::new(),
        });
    }
    row.push(
        r.failing
            .iter()
            .map(|(p, why, own)| match own {
                Some(own) if own != why => format!(
                    "{p} ({}; {}: {})",
                    reason(why, ui.lang),
                    word(ui.lang, Word::OwnTarget),
                    reason(own, ui.lang)
                ),
                _ => format!("{p} ({})", reason(why, ui.lang)),
            })
            .collect::<Vec<_>>()
            .join("; "),
    );
    row
}

fn counts_line(rows: &[Row], ui: &Ui) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                rows.iter().filter(|r| r.status == *s).count(),
                s.word(ui.lang)
            )
        })
        .collect();
    crate::messages::sentence(
        ui.lang,
        &crate::message::Sentence::StatusSummary {
            targets: rows.len(),
            parts,
        },
    )
}

fn rollup_line(rows: &[Rollup], ui: &Ui) -> String {
    let full = rows.iter().filter(|r| r.met == r.of).count();
    let (n, not) = (rows.len(), rows.len() - full);
    crate::messages::sentence(
        ui.lang,
        &crate::message::Sentence::RollupSummary {
            targets: n,
            met_by_all: full,
            not,
        },
    )
}

#[derive(Serialize)]
struct Report<'a, T: Serialize> {
    version: u32,
    as_of: NaiveDate,
    rows: &'a [T],
}

/// The rows of one table, however many: `row` builds each as it is written.
struct Listing<'a, T> {
    headers: Vec<String>,
    flexible: usize,
    items: &'a [T],
    row: &'a (dyn Fn(&T) -> Cells + Sync),
    closing: String,
}

impl<T: Serialize + Sync> Listing<'_, T> {
    fn emit(&self, format: Format, as_of: NaiveDate, ui: &Ui) -> Result<()> {
        let cells = || self.items.iter().map(|r| (self.row)(r).0);
        let cell = |i: usize| (self.row)(&self.items[i]).0;
        super::emit_with(|out| {
            match format {
                // Written by `run` as bytes.
                Format::Xlsx => {}
                Format::Table => {
                    crate::table::Layout {
                        headers: &self.headers,
                        flexible: Some(self.flexible),
                        width: ui.width(),
                        wide: true,
                    }
                    .write(out, self.items.len(), cell)?;
                    writeln!(out, "{}", self.closing)?;
                }
                Format::Markdown => {
                    crate::table::write_markdown(out, &self.headers, cells())?;
                    writeln!(out, "\n{}", self.closing)?;
                }
                Format::Csv => crate::table::write_csv(
                    out,
                    &self.headers,
                    self.items.iter().map(|r| (self.row)(r)),
                )?,
                Format::Json => {
                    serde_json::to_writer_pretty(
                        &mut *out,
                        &Report {
                            version: 1,
                            as_of,
                            rows: self.items,
                        },
                    )?;
                    writeln!(out)?;
                }
            }
            Ok(())
        })
    }

    /// The workbook of the rows, one sheet.
    fn xlsx(&self, ui: &Ui, roots: &[PathBuf], name: crate::messages::ExportWord) -> Result<i32> {
        let (rows, typed) = self.items.iter().map(|r| (self.row)(r)).unzip();
        let sheet = Rows {
            headers: self.headers.clone(),
            rows,
            flexible: Some(self.flexible),
            typed,
        };
        let book = crate::xlsx::workbook(
            &[(crate::messages::export_word(ui.lang, name), &sheet)],
            &crate::xlsx::About::now(roots),
            ui.lang,
        )?;
        super::emit_bytes(&book, ui.lang)?;
        Ok(super::EXIT_OK)
    }
}

pub fn run(args: StatusArgs, ui: &Ui) -> Result<i32> {
    let mut source = repo::locate(&args.paths)?;
    let roots = source.roots.clone();
    if let Some(r) = &args.reports {
        source.set_reports(r.clone());
    }
    // A roll-up needs every child plan; otherwise only the plans asked for.
    let mut repo = if args.rollup {
        repo::load_whole(source, !args.no_cache)?
    } else {
        repo::load_plans(source, &args.plans, !args.no_cache)?
    };
    let usage = |e| anyhow::anyhow!(crate::messages::usage(ui.lang, &e));
    // A filter that matches nothing is a mistake to name, never an empty table.
    let plans = crate::agenda::asked_plans(&repo, &args.plans).map_err(usage)?;
    crate::agenda::check_level_query(&repo, &args.level).map_err(usage)?;
    let format = super::format_or(args.format, Format::Table);
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let measurements = match super::read_reports(
        &mut repo,
        as_of.max(chrono::Local::now().date_naive()),
        ui.lang,
    ) {
        Ok(m) => m,
        Err(code) => return Ok(code),
    };
    if let Some(u) = &args.unit {
        crate::agenda::check_unit_query(&repo, u).map_err(usage)?;
    }
    let latest = status::latest(&measurements, as_of);
    let wanted = |i: usize| {
        let p = &repo.plans[i].plan;
        (plans.is_empty() || plans.contains(&p.id))
            && (args.level.is_empty() || args.level.contains(&p.level))
    };
    let rows_of = |i: usize| status::plan_rows(&repo, &repo.plans[i], i, &latest, as_of);
    let target_units = |plan: usize, target: &str| {
        let e = &repo.plans[plan];
        e.plan
            .targets
            .iter()
            .find(|t| t.id == target)
            .is_some_and(|t| {
                args.unit.as_ref().is_none_or(|u| {
                    unit_matches(u, &unit_keys(&e.plan, &[&t.lead, &t.implementers]))
                })
            })
    };
    if args.rollup {
        use rayon::prelude::*;
        let children = status::children(&repo);
        let mut parents: Vec<usize> = children.keys().copied().filter(|i| wanted(*i)).collect();
        parents.sort_by(|a, b| repo.plans[*a].plan.id.cmp(&repo.plans[*b].plan.id));
        // Each parent's children are judged from their rows, made for it and
        // dropped after: memory holds the roll-up, never every plan's rows.
        let mut rows: Vec<Rollup> = parents
            .par_iter()
            .flat_map_iter(|p| {
                let kids = &children[p];
                let by_plan: HashMap<usize, Vec<Row>> =
                    kids.iter().map(|c| (*c, rows_of(*c))).collect();
                status::rollup(&repo, &repo.plans[*p], kids, &by_plan, as_of)
            })
            .collect();
        if args.unit.is_some() {
            rows.retain(|r| {
                repo.by_id
                    .get(&r.plan)
                    .is_some_and(|p| target_units(*p, &r.target))
            });
        }
        let with_mean = rows.iter().any(|r| r.aggregate.is_some());
        let (headers, flexible) = rollup_headers(with_mean, ui);
        let listing = Listing {
            headers,
            flexible,
            items: &rows,
            row: &|r| (rollup_row(r, with_mean, ui), Vec::new()),
            closing: rollup_line(&rows, ui),
        };
        if format == Format::Xlsx {
            return listing.xlsx(ui, &roots, crate::messages::ExportWord::SheetRollup);
        }
        listing.emit(format, as_of, ui)?;
    } else {
        use rayon::prelude::*;
        let mut plans: Vec<usize> = (0..repo.plans.len()).filter(|i| wanted(*i)).collect();
        plans.sort_by(|a, b| repo.plans[*a].plan.id.cmp(&repo.plans[*b].plan.id));
        let mut rows: Vec<Row> = plans.par_iter().flat_map_iter(|i| rows_of(*i)).collect();
        if args.unit.is_some() {
            rows.retain(|r| target_units(r.plan_index, &r.target));
        }
        let listing = Listing {
            headers: status_headers(ui),
            flexible: STATUS_FLEXIBLE,
            items: &rows,
            row: &|r| status_row(r, ui),
            closing: counts_line(&rows, ui),
        };
        if format == Format::Xlsx {
            return listing.xlsx(ui, &roots, crate::messages::ExportWord::SheetStatus);
        }
        listing.emit(format, as_of, ui)?;
    }
    super::finished(repo);
    Ok(super::EXIT_OK)
}
