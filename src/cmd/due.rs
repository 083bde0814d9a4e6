//! `kh due`: what falls due in a month, quarter or window, and from whom.

use crate::agenda::{self, Agenda, Due, Filter, Kind, Slot};
use crate::domain::{Deadline, Level, deadline};
use crate::table::{Cells, Rows, Typed};
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
    /// Neither read nor write the cache (.kh-cache/ at the repository's root)
    #[arg(long)]
    pub no_cache: bool,
}

/// How far back `kh due --overdue` looks when no window is given: one
/// quarter, the cycle of most reporting duties. A duty missed years ago is
/// history, not a to-do (docs/format.md, "Overdue").
pub const OVERDUE_DAYS: i64 = 90;

/// The years any date kh is given may fall in: wide enough for every plan,
/// narrow enough that no date arithmetic can overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// The most occurrences one `kh due` lists: a national month is about 1.3
/// million, a national year about ten; more means a window or a recurrence
/// out of proportion. Each is held as a few bytes (an `agenda::Slot`), its
/// row built only when written.
pub const MAX_OCCURRENCES: usize = 16_000_000;
/// The most rows a calendar or a workbook is made of: both are built whole
/// in memory, and a sheet holds at most 1,048,576 rows.
pub const MAX_HELD: usize = 1_000_000;
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

/// Each target's status from the reports, when there are any: by plan
/// index, then target id.
type Statuses = Vec<std::collections::HashMap<String, crate::status::Status>>;

fn status_of(d: &Due, statuses: Option<&Statuses>) -> Option<crate::status::Status> {
    let s = statuses?;
    (d.kind == Kind::Target)
        .then(|| s.get(d.plan_index)?.get(&*d.id).copied())
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

/// How each occurrence becomes a row, in every format.
struct Sheet<'s> {
    today: NaiveDate,
    ui: &'s Ui,
    statuses: Option<&'s Statuses>,
    shape: Shape,
}

impl Sheet<'_> {
    /// The headings, and the column that gives way to fit the terminal.
    fn headers(&self) -> (Vec<String>, Option<usize>) {
        use crate::messages::{Word, word};
        let w = |x: Word| word(self.ui.lang, x);
        let mut headers = vec![w(Word::Date), w(Word::DaysLeft)];
        if self.statuses.is_some() {
            headers.push(w(Word::Status));
        }
        headers.extend([
            w(Word::Plan),
            w(Word::Kind),
            w(Word::Id),
            w(Word::Text),
            w(Word::Lead),
        ]);
        if self.shape == Shape::Sheet {
            headers.extend([w(Word::DeadlineFrom), w(Word::NotStated)]);
        }
        let text_column = headers.iter().position(|h| *h == w(Word::Text));
        (headers.into_iter().map(String::from).collect(), text_column)
    }

    fn row(&self, d: &Due) -> Cells {
        use crate::messages::{Word, word};
        let (ui, today, shape) = (self.ui, self.today, self.shape);
        let w = |x: Word| word(ui.lang, x);
        let status = status_of(d, self.statuses);
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
        if self.statuses.is_some() {
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
        (row, kinds)
    }

    /// All the rows at once, for a workbook.
    fn rows<'a>(&self, items: impl Iterator<Item = Due<'a>>) -> Rows {
        let (headers, flexible) = self.headers();
        let (rows, typed) = items.map(|d| self.row(&d)).unzip();
        Rows {
            headers,
            rows,
            flexible,
            typed,
        }
    }
}

pub fn counts_line(
    from: NaiveDate,
    to: NaiveDate,
    agenda: &Agenda,
    with_ongoing: bool,
    ui: &Ui,
) -> String {
    let (dated, starts) = (&agenda.dated, &agenda.starts);
    let ongoing = with_ongoing.then_some(agenda.ongoing.as_slice());
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
    if all().any(|d| d.unstated) {
        s.push_str(&crate::messages::sentence(
            ui.lang,
            &crate::message::Sentence::UnstatedNote,
        ));
    }
    if all().any(|d| d.inherited) {
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
    due: Due<'a>,
    days_left: Option<i64>,
    inherited: bool,
    /// The target's status from the reports, as `kh status` gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<crate::status::Status>,
}

/// A list of occurrences, serialised one at a time as it is written.
struct JsonItems<'r> {
    repo: &'r repo::Repo,
    slots: &'r [Slot],
    today: NaiveDate,
    statuses: Option<&'r Statuses>,
}

impl Serialize for JsonItems<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(agenda::dues(self.repo, self.slots).map(|d| JsonItem {
            days_left: d.days_left(self.today),
            inherited: d.inherited(),
            status: status_of(&d, self.statuses),
            due: d,
        }))
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    items: JsonItems<'a>,
    /// Items that begin in the window (a start, not a deadline).
    #[serde(skip_serializing_if = "Option::is_none")]
    starts: Option<JsonItems<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ongoing: Option<JsonItems<'a>>,
}

pub fn run(args: DueArgs, ui: &Ui) -> Result<i32> {
    use crate::message::Sentence;
    let mut source = repo::locate(&args.paths)?;
    let roots = source.roots.clone();
    if let Some(r) = &args.reports {
        source.set_reports(r.clone());
    }
    let mut repo = repo::load_plans(source, &args.plans, !args.no_cache)?;
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
        use rayon::prelude::*;
        let latest = crate::status::latest(&m, today);
        // A plan's rows at a time: only the verdicts are kept.
        (0..repo.plans.len())
            .into_par_iter()
            .map(|i| {
                crate::status::by_target(&crate::status::plan_rows(
                    &repo,
                    &repo.plans[i],
                    i,
                    &latest,
                    today,
                ))
            })
            .collect()
    });
    let filter = Filter {
        plans,
        levels: args.level.clone(),
        unit: args.unit.clone(),
        kinds: args.kind.clone(),
    };
    let Some(mut agenda) = agenda::collect_at_most(&repo, from, to, &filter, MAX_OCCURRENCES)
    else {
        bail!(
            "more than {MAX_OCCURRENCES} occurrences fall between {from} and {to}: narrow the window (--from/--to, --month, --quarter) or the plans (--plan, --level, --unit)"
        );
    };
    let st = statuses.as_ref();
    if args.overdue {
        agenda
            .dated
            .retain(|s| status_of(&agenda::due(&repo, s), st) != Some(crate::status::Status::Met));
        // What begins in the window is shown apart, never as due, and never overdue.
        agenda.starts.clear();
    }
    let with_ongoing = args.ongoing && !args.overdue;
    let counts = counts_line(from, to, &agenda, with_ongoing, ui);
    let sheet = |shape| Sheet {
        today,
        ui,
        statuses: st,
        shape,
    };
    // Dated, then ongoing: one list for the formats without sections.
    let all = || {
        let ongoing: &[Slot] = if with_ongoing { &agenda.ongoing } else { &[] };
        agenda::dues(&repo, &agenda.dated).chain(agenda::dues(&repo, ongoing))
    };
    // Rows held at once (a calendar, a workbook) are bounded apart.
    let held = || {
        let n = agenda.dated.len()
            + if with_ongoing {
                agenda.ongoing.len()
            } else {
                0
            };
        if n > MAX_HELD {
            bail!(
                "{n} occurrences fall between {from} and {to}, more than the {MAX_HELD} a calendar or workbook holds: narrow the window (--from/--to, --month, --quarter) or the plans (--plan, --level, --unit), or use --format csv"
            );
        }
        Ok(())
    };
    let format = super::format_or(args.format, Format::Table);
    match format {
        Format::Table => super::emit_with(|out| {
            let sheet = sheet(Shape::Table);
            let (headers, flexible) = sheet.headers();
            let layout = crate::table::Layout {
                headers: &headers,
                flexible,
                width: ui.width(),
                wide: args.wide,
            };
            let table = |out: &mut dyn std::io::Write, slots: &[Slot]| {
                layout.write(out, slots.len(), |i| {
                    sheet.row(&agenda::due(&repo, &slots[i])).0
                })
            };
            table(out, &agenda.dated)?;
            // What starts and what is ongoing follow, each under its heading.
            let sections = [
                (!agenda.starts.is_empty()).then_some((Sentence::StartsHeading, &agenda.starts)),
                with_ongoing.then_some((Sentence::OngoingHeading, &agenda.ongoing)),
            ];
            for (heading, slots) in sections.into_iter().flatten() {
                write!(out, "\n{}\n", crate::messages::sentence(ui.lang, &heading))?;
                table(out, slots)?;
            }
            writeln!(out, "{counts}")?;
            Ok(())
        })?,
        Format::Csv => super::emit_with(|out| {
            let sheet = sheet(Shape::Sheet);
            let (headers, _) = sheet.headers();
            crate::table::write_csv(out, &headers, all().map(|d| sheet.row(&d)))
        })?,
        Format::Markdown => super::emit_with(|out| {
            let sheet = sheet(Shape::Table);
            let (headers, _) = sheet.headers();
            crate::table::write_markdown(out, &headers, all().map(|d| sheet.row(&d).0))?;
            writeln!(out, "\n{counts}")?;
            Ok(())
        })?,
        Format::Json => super::emit_with(|out| {
            let items = |slots| JsonItems {
                repo: &repo,
                slots,
                today,
                statuses: st,
            };
            let report = JsonReport {
                version: 1,
                from,
                to,
                today,
                items: items(&agenda.dated),
                starts: (!agenda.starts.is_empty()).then(|| items(&agenda.starts)),
                ongoing: with_ongoing.then(|| items(&agenda.ongoing)),
            };
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
            Ok(())
        })?,
        Format::Ics => {
            held()?;
            let dated: Vec<Due> = agenda::dues(&repo, &agenda.dated).collect();
            super::emit(&ics::calendar(&dated, today, ui.lang))?;
        }
        Format::Xlsx => {
            use crate::messages::{ExportWord, export_word};
            held()?;
            let sheet = sheet(Shape::Sheet);
            let main = sheet.rows(agenda::dues(&repo, &agenda.dated));
            let extra = with_ongoing.then(|| sheet.rows(agenda::dues(&repo, &agenda.ongoing)));
            let begins = sheet.rows(agenda::dues(&repo, &agenda.starts));
            let mut sheets = vec![(export_word(ui.lang, ExportWord::SheetDue), &main)];
            if !agenda.starts.is_empty() {
                sheets.push((export_word(ui.lang, ExportWord::SheetStarts), &begins));
            }
            if let Some(x) = &extra {
                sheets.push((export_word(ui.lang, ExportWord::SheetOngoing), x));
            }
            let book = crate::xlsx::workbook(&sheets, &crate::xlsx::About::now(&roots), ui.lang)?;
            super::emit_bytes(&book, ui.lang)?;
        }
    }
    super::finished(repo);
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
