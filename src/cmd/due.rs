//! `kh due`: what falls due in a month, quarter or window, and from whom.

use crate::agenda::{self, Due, Filter, Kind};
use crate::domain::{Deadline, Level, deadline};
use crate::table::{Rows, Typed};
use crate::ui::Ui;
use crate::{ics, repo};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
    /// iCalendar: one all-day event per occurrence, for Google Calendar or Outlook
    Ics,
    /// An Excel workbook (with -o): a sheet of dated items, one of ongoing ones with --ongoing
    Xlsx,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Plan files or directories (default: the repository found from here)
    pub paths: Vec<PathBuf>,
    /// A month: 12/2026 or 2026-12
    #[arg(long, value_parser = parse_month, conflicts_with_all = ["quarter", "from", "to", "within"])]
    pub month: Option<(NaiveDate, NaiveDate)>,
    /// A quarter: IV/2026 or Q4/2026
    #[arg(long, value_parser = parse_quarter, conflicts_with_all = ["from", "to", "within"])]
    pub quarter: Option<(NaiveDate, NaiveDate)>,
    /// First day of the window: 2026-12-01 or 01/12/2026
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day of the window
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// The next N days from --today: 30d
    #[arg(long, value_parser = parse_days, conflicts_with_all = ["from", "to"])]
    pub within: Option<i64>,
    /// The day counted from (default: today)
    #[arg(long, value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Also list ongoing items (Thường xuyên), in their own section
    #[arg(long)]
    pub ongoing: bool,
    /// Only this plan (by id); repeatable
    #[arg(long = "plan")]
    pub plans: Vec<String>,
    /// Only plans of this level
    #[arg(long, value_parser = parse_level)]
    pub level: Vec<Level>,
    /// Only items whose lead, implementing or cooperating unit matches (abbreviation or name, diacritics optional)
    #[arg(long)]
    pub unit: Option<String>,
    /// Only this kind of item; repeatable
    #[arg(long, value_enum)]
    pub kind: Vec<Kind>,
    /// Only what is overdue: past its date (before --today) and, for a
    /// target, not met by the reports; over the last 90 days unless a window is given
    #[arg(long)]
    pub overdue: bool,
    /// Where the achieved-value files are (default: reports/, or `reports:` in kh.yaml): each target's row then shows its status
    #[arg(long)]
    pub reports: Option<PathBuf>,
    /// Show whole texts instead of shortening them to the terminal
    #[arg(long)]
    pub wide: bool,
    /// Output format (default: from the -o file's extension, else table)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

/// How far back `kh due --overdue` looks when no window is given: one
/// quarter, the cycle of most reporting duties. A duty missed years ago is
/// history, not a to-do (docs/format.md, "Overdue").
pub const OVERDUE_DAYS: i64 = 90;

/// The years any date kh is given may fall in: wide enough for every plan,
/// narrow enough that no date arithmetic can overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// The most occurrences one `kh due` lists: a national month is a few
/// hundred thousand; more means a window or a recurrence out of proportion.
pub const MAX_OCCURRENCES: usize = 1_000_000;
/// The longest window `--within` accepts, in days (about a century).
pub const MAX_DAYS: i64 = 36_600;

pub fn in_years(d: NaiveDate, s: &str) -> Result<NaiveDate, String> {
    if YEARS.contains(&chrono::Datelike::year(&d)) {
        Ok(d)
    } else {
        Err(format!(
            "`{s}` is outside the years {} to {}",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

const MONTH_FORMS: &str = "expected a month such as 12/2026 or 2026-12";
const QUARTER_FORMS: &str = "expected a quarter such as IV/2026, Q4/2026 or 4/2026";
const DATE_FORMS: &str = "expected a date such as 2026-12-31 or 31/12/2026";

fn parse_month(s: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let bad = |why: &str| format!("`{s}` is not a month{why}: {MONTH_FORMS}");
    let (a, b) = s.split_once(['/', '-']).ok_or_else(|| bad(""))?;
    let (a, b) = (a.trim(), b.trim());
    let (year, month) = if a.len() == 4 { (a, b) } else { (b, a) };
    let year: i32 = year.parse().map_err(|_| bad(""))?;
    let month: u32 = month.parse().map_err(|_| bad(""))?;
    if !(1..=12).contains(&month) {
        return Err(bad(&format!(
            " (month {month} does not exist; months are 1 to 12)"
        )));
    }
    if !YEARS.contains(&year) {
        return Err(bad(&format!(
            " (year {year} is outside {} to {})",
            YEARS.start(),
            YEARS.end()
        )));
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| bad(""))?;
    let last = Deadline::Month { year, month }
        .final_date()
        .ok_or_else(|| bad(""))?;
    Ok((first, last))
}

fn parse_quarter(s: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let phrase =
        if s.trim_start().to_lowercase().starts_with('q') || s.to_lowercase().contains("qu") {
            s.to_string()
        } else {
            format!("Quý {s}")
        };
    match deadline::parse(&phrase, None) {
        Ok(Deadline::Quarter { year, .. }) if !YEARS.contains(&year) => Err(format!(
            "`{s}` is outside the years {} to {}: {QUARTER_FORMS}",
            YEARS.start(),
            YEARS.end()
        )),
        Ok(Deadline::Quarter { year, quarter }) => {
            let first = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1);
            let last = Deadline::Quarter { year, quarter }.final_date();
            first
                .zip(last)
                .ok_or_else(|| format!("`{s}`: {QUARTER_FORMS}"))
        }
        Ok(_) => Err(format!("`{s}` is not a single quarter: {QUARTER_FORMS}")),
        Err(e) if matches!(e.problem, deadline::DeadlineProblem::QuarterOutOfRange(_)) => Err(
            format!("`{s}` is not a quarter (quarters are I to IV): {QUARTER_FORMS}"),
        ),
        Err(_) => Err(format!("`{s}` is not a quarter: {QUARTER_FORMS}")),
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y"))
        .map_err(|_| format!("`{s}` is not a date: {DATE_FORMS}"))?;
    in_years(d, s)
}

fn parse_days(s: &str) -> Result<i64, String> {
    let n = s.trim().trim_end_matches(['d', 'D']);
    let n = n
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| format!("`{s}` is not a number of days: expected such as 30d"))?;
    if n > MAX_DAYS {
        return Err(format!(
            "`{s}` is too long a window: at most {MAX_DAYS} days"
        ));
    }
    Ok(n)
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s).ok_or_else(|| {
        format!("`{s}` is not a level: expected province, district, commune or school")
    })
}

fn add_days(d: NaiveDate, n: i64) -> Result<NaiveDate> {
    match d.checked_add_signed(chrono::Duration::days(n)) {
        Some(x) => Ok(x),
        None => bail!("the window from {d} for {n} days ends outside the calendar"),
    }
}

/// The window asked for, and the day counted from.
fn window(args: &DueArgs, repo: &repo::Repo) -> Result<(NaiveDate, NaiveDate, NaiveDate)> {
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let earliest = repo
        .plans
        .iter()
        .map(|e| e.plan.period.start())
        .min()
        .unwrap_or(today);
    let latest = repo
        .plans
        .iter()
        .map(|e| e.plan.period.end())
        .max()
        .unwrap_or(today);
    let (mut from, mut to) = if let Some(m) = args.month {
        m
    } else if let Some(q) = args.quarter {
        q
    } else if let Some(n) = args.within {
        (today, add_days(today, n)?)
    } else if args.from.is_some() || args.to.is_some() {
        (args.from.unwrap_or(today), args.to.unwrap_or(latest))
    } else if args.overdue {
        (add_days(today, -OVERDUE_DAYS)?.max(earliest), today)
    } else {
        (today, add_days(today, 30)?)
    };
    if from > to {
        bail!(
            "--from {} is after --to {}: expected the first day of the window before the last",
            from.format("%Y-%m-%d"),
            to.format("%Y-%m-%d")
        );
    }
    if args.overdue {
        to = to.min(today.pred_opt().unwrap_or(today));
        from = from.min(to);
    }
    Ok((from, to, today))
}

fn days_left(d: &Due, today: NaiveDate, ui: &Ui) -> String {
    match d.days_left(today) {
        Some(n) if n < 0 => {
            crate::messages::sentence(ui.lang, &crate::message::Sentence::OverdueDays(-n))
        }
        Some(n) => n.to_string(),
        None => String::new(),
    }
}

fn date_cell(d: &Due, ui: &Ui) -> String {
    let inherited = if d.inherited() { "*" } else { "" };
    let unstated = if agenda::unstated(d.provenance, &["due"]) {
        agenda::UNSTATED
    } else {
        ""
    };
    let mark = format!("{inherited}{unstated}");
    d.date
        .map(|x| format!("{}{mark}", x.format("%d/%m/%Y")))
        .unwrap_or_else(|| {
            format!(
                "{}{mark}",
                crate::messages::word(ui.lang, crate::messages::Word::Ongoing)
            )
        })
}

/// Lead units, marked when the document does not name them (`from` for a report).
fn lead_cell(d: &Due) -> String {
    let field = if d.kind == Kind::Report {
        "from"
    } else {
        "lead"
    };
    let mark = if agenda::unstated(d.provenance, &[field]) {
        agenda::UNSTATED
    } else {
        ""
    };
    format!("{}{mark}", d.lead.join(", "))
}

fn kind_word(k: Kind, ui: &Ui) -> String {
    crate::messages::word(ui.lang, k.word()).to_string()
}

/// Each target's status from the reports, when there are any.
type Statuses = std::collections::HashMap<(String, String), crate::status::Status>;

fn status_of(d: &Due, statuses: Option<&Statuses>) -> Option<crate::status::Status> {
    let s = statuses?;
    (d.kind == Kind::Target)
        .then(|| s.get(&(d.plan.to_string(), d.id.to_string())).copied())
        .flatten()
}

/// Who reads the rows: a person at a table (marks after dates, words for
/// overdue days), or a spreadsheet (CSV, xlsx): ISO dates without marks,
/// days as signed numbers, where the date came from and what the document
/// does not state in their own columns.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Table,
    Sheet,
}

fn rows(
    items: &[&Due],
    today: NaiveDate,
    ui: &Ui,
    statuses: Option<&Statuses>,
    shape: Shape,
) -> Rows {
    use crate::messages::{Word, word};
    let w = |x: Word| word(ui.lang, x);
    let mut headers = vec![w(Word::Date), w(Word::DaysLeft)];
    if statuses.is_some() {
        headers.push(w(Word::Status));
    }
    headers.extend([
        w(Word::Plan),
        w(Word::Kind),
        w(Word::Id),
        w(Word::Text),
        w(Word::Lead),
    ]);
    if shape == Shape::Sheet {
        headers.extend([w(Word::DeadlineFrom), w(Word::NotStated)]);
    }
    let text_column = headers.iter().position(|h| *h == w(Word::Text));
    let mut cells = Vec::with_capacity(items.len());
    let mut typed = Vec::with_capacity(items.len());
    for d in items {
        let status = status_of(d, statuses);
        let days = d.days_left(today);
        let (date, left) = match shape {
            Shape::Table => (
                date_cell(d, ui),
                // A target the reports show met has no days left to count.
                if status == Some(crate::status::Status::Met) {
                    String::new()
                } else {
                    days_left(d, today, ui)
                },
            ),
            Shape::Sheet => (
                d.date
                    .map(|x| x.format("%Y-%m-%d").to_string())
                    .unwrap_or_else(|| w(Word::Ongoing).to_string()),
                days.map(|n| n.to_string()).unwrap_or_default(),
            ),
        };
        let mut row = vec![date, left];
        let mut kinds = vec![
            d.date
                .filter(|_| {
                    shape == Shape::Sheet
                        || (!d.inherited() && !agenda::unstated(d.provenance, &["due"]))
                })
                .map(Typed::Date),
            days.filter(|n| shape == Shape::Sheet || *n >= 0)
                .map(Typed::int),
        ];
        if statuses.is_some() {
            row.push(
                status
                    .map(|s| s.word(ui.lang).to_string())
                    .unwrap_or_default(),
            );
            kinds.push(status.map(|s| Typed::Band(s.band())));
        }
        row.extend([
            d.plan.to_string(),
            kind_word(d.kind, ui),
            d.id.to_string(),
            d.text.to_string(),
            match shape {
                Shape::Table => lead_cell(d),
                Shape::Sheet => d.lead.join(", "),
            },
        ]);
        if shape == Shape::Sheet {
            row.push(
                w(match d.source {
                    agenda::Source::Own => Word::FromOwn,
                    agenda::Source::Parent => Word::FromParent,
                    agenda::Source::Period => Word::FromPeriod,
                })
                .to_string(),
            );
            let mut unstated: Vec<&str> = d.provenance.keys().map(String::as_str).collect();
            unstated.sort_unstable();
            row.push(unstated.join(", "));
        }
        cells.push(row);
        typed.push(kinds);
    }
    Rows {
        headers: headers.into_iter().map(String::from).collect(),
        rows: cells,
        flexible: text_column,
        typed,
    }
}

pub fn counts_line(
    from: NaiveDate,
    to: NaiveDate,
    dated: &[Due],
    starts: &[Due],
    ongoing: Option<&[Due]>,
    ui: &Ui,
) -> String {
    let n = |k: Kind| dated.iter().filter(|d| d.kind == k).count();
    let mut s = crate::messages::sentence(
        ui.lang,
        &crate::message::Sentence::DueSummary {
            from,
            to,
            targets: n(Kind::Target),
            tasks: n(Kind::Task),
            reports: n(Kind::Report),
        },
    );
    if !starts.is_empty() {
        s.push_str(&crate::messages::sentence(
            ui.lang,
            &crate::message::Sentence::StartsCount(starts.len()),
        ));
    }
    if let Some(o) = ongoing {
        s.push_str(&crate::messages::sentence(
            ui.lang,
            &crate::message::Sentence::OngoingCount(o.len()),
        ));
    }
    let all = || dated.iter().chain(ongoing.unwrap_or(&[]));
    if all().any(|d| agenda::unstated(d.provenance, &["due", "lead", "from"])) {
        s.push_str(&crate::messages::sentence(
            ui.lang,
            &crate::message::Sentence::UnstatedNote,
        ));
    }
    if all().any(Due::inherited) {
        s.push_str(&crate::messages::sentence(
            ui.lang,
            &crate::message::Sentence::InheritedNote,
        ));
    }
    s
}

#[derive(Serialize)]
struct JsonItem<'a> {
    #[serde(flatten)]
    due: &'a Due<'a>,
    days_left: Option<i64>,
    inherited: bool,
    /// The target's status from the reports, as `kh status` gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<crate::status::Status>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    items: Vec<JsonItem<'a>>,
    /// Items that begin in the window (a start, not a deadline).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    starts: Vec<JsonItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ongoing: Option<Vec<JsonItem<'a>>>,
}

pub fn run(args: DueArgs, ui: &Ui) -> Result<i32> {
    use crate::message::Sentence;
    let mut source = repo::locate(&args.paths)?;
    let roots = source.roots.clone();
    if let Some(r) = &args.reports {
        source.set_reports(r.clone());
    }
    let mut repo = repo::load_plans(source, &args.plans)?;
    // A filter that matches nothing is a mistake to name, never an empty table.
    let usage = |e| anyhow::anyhow!(crate::messages::usage(ui.lang, &e));
    let plans = agenda::asked_plans(&repo, &args.plans).map_err(usage)?;
    agenda::check_level_query(&repo, &args.level).map_err(usage)?;
    agenda::check_kind_query(&repo, &args.kind).map_err(usage)?;
    if let Some(u) = &args.unit {
        agenda::check_unit_query(&repo, u).map_err(usage)?;
    }
    let (from, to, today) = window(&args, &repo)?;
    // With reports at hand, each target's row says what `kh status` says of
    // it, from the same rows; --overdue then leaves out what is met.
    let has_reports = repo
        .reports_dir
        .as_ref()
        .is_some_and(|d| std::fs::symlink_metadata(d).is_ok());
    let measurements = if has_reports || repo.reports_required {
        match super::read_reports(&mut repo, today, ui.lang) {
            Ok(m) => Some(m),
            Err(code) => return Ok(code),
        }
    } else {
        None
    };
    let repo = repo;
    let statuses: Option<Statuses> = measurements.map(|m| {
        let latest = crate::status::latest(&m, today);
        let rows: Vec<crate::status::Row> = repo
            .plans
            .iter()
            .enumerate()
            .flat_map(|(i, e)| crate::status::plan_rows(&repo, e, i, &latest, today))
            .collect();
        crate::status::by_target(&rows)
    });
    let filter = Filter {
        plans,
        levels: args.level.clone(),
        unit: args.unit.clone(),
        kinds: args.kind.clone(),
    };
    let Some(agenda::Agenda {
        mut dated,
        starts,
        ongoing,
    }) = agenda::collect_at_most(&repo, from, to, &filter, MAX_OCCURRENCES)
    else {
        bail!(
            "more than {MAX_OCCURRENCES} occurrences fall between {from} and {to}: narrow the window (--from/--to, --month, --quarter) or the plans (--plan, --level, --unit)"
        );
    };
    if args.overdue {
        dated.retain(|d| status_of(d, statuses.as_ref()) != Some(crate::status::Status::Met));
    }
    let ongoing = (args.ongoing && !args.overdue).then_some(ongoing);
    // What begins in the window is shown apart, never as due, and never overdue.
    let starts = if args.overdue { Vec::new() } else { starts };
    let st = statuses.as_ref();
    let all: Vec<&Due> = dated.iter().chain(ongoing.iter().flatten()).collect();
    let counts = counts_line(from, to, &dated, &starts, ongoing.as_deref(), ui);
    let text = match super::format_or(args.format, Format::Table) {
        Format::Table => {
            let width = ui.width();
            let table = |items: &[Due]| {
                rows(
                    &items.iter().collect::<Vec<_>>(),
                    today,
                    ui,
                    st,
                    Shape::Table,
                )
                .table(width, args.wide)
            };
            let mut out = table(&dated);
            // What starts and what is ongoing follow, each under its heading.
            let sections = [
                (!starts.is_empty()).then_some((Sentence::StartsHeading, starts.as_slice())),
                ongoing.as_deref().map(|o| (Sentence::OngoingHeading, o)),
            ];
            for (heading, items) in sections.into_iter().flatten() {
                out.push_str(&format!(
                    "\n\n{}\n{}",
                    crate::messages::sentence(ui.lang, &heading),
                    table(items)
                ));
            }
            out.push('\n');
            out.push_str(&counts);
            out
        }
        Format::Csv => rows(&all, today, ui, st, Shape::Sheet).csv()?,
        Format::Markdown => {
            let mut out = rows(&all, today, ui, st, Shape::Table).markdown();
            out.push('\n');
            out.push_str(&counts);
            out
        }
        Format::Json => {
            fn item<'a>(d: &'a Due<'a>, today: NaiveDate, st: Option<&Statuses>) -> JsonItem<'a> {
                JsonItem {
                    due: d,
                    days_left: d.days_left(today),
                    inherited: d.inherited(),
                    status: status_of(d, st),
                }
            }
            let report = JsonReport {
                version: 1,
                from,
                to,
                today,
                items: dated.iter().map(|d| item(d, today, st)).collect(),
                starts: starts.iter().map(|d| item(d, today, st)).collect(),
                ongoing: ongoing
                    .as_ref()
                    .map(|o| o.iter().map(|d| item(d, today, st)).collect()),
            };
            serde_json::to_string_pretty(&report)?
        }
        Format::Ics => ics::calendar(&dated, today, ui.lang),
        Format::Xlsx => {
            use crate::messages::{ExportWord, export_word};
            let main = rows(
                &dated.iter().collect::<Vec<_>>(),
                today,
                ui,
                st,
                Shape::Sheet,
            );
            let extra = ongoing
                .as_ref()
                .map(|o| rows(&o.iter().collect::<Vec<_>>(), today, ui, st, Shape::Sheet));
            let begins = rows(
                &starts.iter().collect::<Vec<_>>(),
                today,
                ui,
                st,
                Shape::Sheet,
            );
            let mut sheets = vec![(export_word(ui.lang, ExportWord::SheetDue), &main)];
            if !starts.is_empty() {
                sheets.push((export_word(ui.lang, ExportWord::SheetStarts), &begins));
            }
            if let Some(x) = &extra {
                sheets.push((export_word(ui.lang, ExportWord::SheetOngoing), x));
            }
            let book = crate::xlsx::workbook(&sheets, &crate::xlsx::About::now(&roots), ui.lang)?;
            super::emit_bytes(&book, ui.lang)?;
            return Ok(super::EXIT_OK);
        }
    };
    super::emit(&text)?;
    Ok(super::EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_in_both_orders() {
        assert_eq!(
            parse_month("12/2026"),
            Ok((d(2026, 12, 1), d(2026, 12, 31)))
        );
        assert_eq!(parse_month("2026-02"), Ok((d(2026, 2, 1), d(2026, 2, 28))));
        assert_eq!(parse_month("2/2028"), Ok((d(2028, 2, 1), d(2028, 2, 29))));
        let e = parse_month("13/2026").unwrap_err();
        assert!(
            e.contains("month 13 does not exist") && e.contains("12/2026 or 2026-12"),
            "{e}"
        );
        assert!(parse_month("foo").unwrap_err().contains("expected a month"));
    }

    #[test]
    fn quarters_roman_and_q() {
        assert_eq!(
            parse_quarter("IV/2026"),
            Ok((d(2026, 10, 1), d(2026, 12, 31)))
        );
        assert_eq!(
            parse_quarter("Q1/2027"),
            Ok((d(2027, 1, 1), d(2027, 3, 31)))
        );
        assert!(
            parse_quarter("V/2026")
                .unwrap_err()
                .contains("quarters are I to IV")
        );
    }

    #[test]
    fn dates_and_days() {
        assert_eq!(parse_date("31/12/2026"), Ok(d(2026, 12, 31)));
        assert_eq!(parse_date("2026-12-31"), Ok(d(2026, 12, 31)));
        assert!(parse_date("31/13/2026").is_err());
        assert_eq!(parse_days("30d"), Ok(30));
        assert!(parse_days("-3d").is_err());
    }
}
