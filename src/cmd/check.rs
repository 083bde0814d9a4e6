//! `kh check [PATHS...]`: validate every plan and every parent-to-child cascade.

use crate::check::{self, Options};
use crate::render;
use crate::repo;
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// One line per finding: path:line:col: severity[rule]: message
    #[default]
    Text,
    /// A JSON report: {version, plans, summary, findings}
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plan files or directories (default: the repository found from here)
    pub paths: Vec<PathBuf>,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// List the rules and exit
    #[arg(long)]
    pub rules: bool,
    /// The day achieved values may not be later than (default: today)
    #[arg(long, hide = true, value_parser = parse_date)]
    pub today: Option<chrono::NaiveDate>,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: expected such as 2026-12-31"))
}

pub fn run(args: CheckArgs) -> Result<i32> {
    if args.rules {
        let lines: Vec<String> = crate::finding::RULES
            .iter()
            .map(|(r, what)| format!("{r:24} {what}"))
            .collect();
        super::emit(&lines.join("\n"))?;
        return Ok(super::EXIT_OK);
    }
    let source = repo::locate(&args.paths)?;
    let strict = args.strict || source.settings.strict;
    let mut repo = repo::load(source)?;
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    crate::reports::load(&mut repo, today);
    let findings = check::run(&repo, Options { strict });
    let located = render::locate(&repo, &findings);
    let counts = check::counts(&findings);
    let text = match args.format {
        Format::Text => {
            let mut lines: Vec<String> = located.iter().map(render::line).collect();
            lines.push(render::summary(repo.plans.len(), counts));
            lines.join("\n")
        }
        Format::Json => render::json(repo.plans.len(), counts, &located),
    };
    super::emit(&text)?;
    Ok(if counts.errors > 0 {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_OK
    })
}
