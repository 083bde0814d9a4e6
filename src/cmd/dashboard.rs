//! `kh dashboard -o site/`: the offline dashboard, a static site (see `crate::dashboard`).

use crate::check::{self, Options};
use crate::status;
use crate::ui::Ui;
use crate::{render, repo, reports};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// Plan files or directories (default: the repository found from here)
    pub paths: Vec<PathBuf>,
    /// Count measurements up to this date, and what is due from it (default: today)
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Where the achieved-value files are (default: reports/, or `reports:` in kh.yaml)
    #[arg(long)]
    pub reports: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y"))
        .map_err(|_| format!("`{s}` is not a date: expected such as 2026-12-31 or 31/12/2026"))
}

pub fn run(args: DashboardArgs, ui: &Ui) -> Result<i32> {
    let Some(dir) = super::output_path().map(PathBuf::from) else {
        bail!(
            "{}",
            crate::messages::export_word(ui.lang, crate::messages::ExportWord::NeedsOutput)
        );
    };
    let mut source = repo::locate(&args.paths)?;
    if let Some(r) = &args.reports {
        source.reports_dir = Some(r.clone());
    }
    let options = Options::from_settings(&source.settings, false, ui.lang)?;
    let mut repo = repo::load(source)?;
    let today = chrono::Local::now().date_naive();
    let as_of = args.as_of.unwrap_or(today);
    // The same reading as `kh status`: every report row up to today, then the
    // latest on or before the day asked for.
    let measurements = reports::load(&mut repo, as_of.max(today));
    // kh check's findings, those of the report files included.
    let located = render::locate(&repo, &check::run(&repo, options), ui.lang);
    let latest = status::latest(&measurements, as_of);
    let mut rows = HashMap::new();
    for (i, e) in repo.plans.iter().enumerate() {
        rows.insert(i, status::plan_rows(&repo, e, i, &latest, as_of));
    }
    let site = crate::dashboard::build(&crate::dashboard::Input {
        repo: &repo,
        rows: &rows,
        measurements: &measurements,
        findings: &located,
        as_of,
    });
    let force = super::output_force();
    for (path, content) in &site {
        crate::write::write(&dir.join(path), content.as_bytes(), force)?;
    }
    Ok(super::EXIT_OK)
}
