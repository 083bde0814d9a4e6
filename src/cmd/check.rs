//! `kh check [PATHS...]`: validate every plan and every parent-to-child cascade.

use crate::check::{self, Options};
use crate::render::{self, CheckFormat};
use crate::repo;
use crate::ui::Ui;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plan files or directories (default: the repository found from here)
    pub paths: Vec<PathBuf>,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Output format (default: human on a terminal, short otherwise)
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// List the rules and exit
    #[arg(long)]
    pub rules: bool,
    /// Neither read nor write the cache (.kh-cache/ at the repository's root)
    #[arg(long)]
    pub no_cache: bool,
    /// Only the plans changed since REV (default: the merge base with the pull request's base branch in CI, else with the default branch), and the plans their cascade affects
    #[arg(long, value_name = "REV", num_args = 0..=1, default_missing_value = "")]
    pub changed: Option<String>,
    /// The day achieved values may not be later than (default: today)
    #[arg(long, hide = true, value_parser = parse_date)]
    pub today: Option<chrono::NaiveDate>,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: expected such as 2026-12-31"))
        .and_then(|d| super::due::in_years(d, s))
}

pub fn run(args: CheckArgs, ui: &Ui) -> Result<i32> {
    if args.rules {
        super::emit(&crate::render::rules(
            args.format.unwrap_or(CheckFormat::Short),
            ui,
        )?)?;
        return Ok(super::EXIT_OK);
    }
    let source = repo::locate(&args.paths)?;
    let roots = source.roots.clone();
    let options = Options::from_settings(&source.settings, args.strict, ui.lang)?;
    // Asked before anything is read: a folder outside git or a revision
    // that does not exist stops here, with exit 2.
    let usage = |u: crate::message::Usage| anyhow::anyhow!(crate::messages::usage(ui.lang, &u));
    let base = match &args.changed {
        Some(rev) => {
            let root = source
                .root
                .clone()
                .filter(|_| source.alone.first() == Some(&false))
                .unwrap_or_else(|| std::path::PathBuf::from("."));
            let rev = (!rev.is_empty()).then_some(rev.as_str());
            let base = crate::git::base(&root, rev).map_err(usage)?;
            Some((root, base))
        }
        None => None,
    };
    // With --changed and the cache, only the plans a change touches are
    // read (`repo::load_changed`), and it knows which those are; else the
    // whole repository is loaded, and they are found in it.
    let (mut repo, mut affected, changes) = match &base {
        Some((root, base)) if !args.no_cache => {
            match repo::load_changed(source, root, base).map_err(usage)? {
                repo::Changed::Loaded(repo, files, c) => {
                    (*repo, Some(Some(files)), Some((root, c)))
                }
                repo::Changed::Whole(source, c) => {
                    (repo::load_cached(*source)?, None, Some((root, c)))
                }
            }
        }
        Some((root, base)) => {
            let c = crate::changed::changes(&source, root, base).map_err(usage)?;
            (repo::load(source)?, None, Some((root, c)))
        }
        None if args.no_cache => (repo::load(source)?, None, None),
        None => (repo::load_cached(source)?, None, None),
    };
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match &changes {
        // The whole load gives up when a report changed: with none, there
        // is no report to validate.
        Some(_) if affected.is_some() => {}
        // A report's findings are of its own file: only the changed ones
        // can be reported.
        Some((root, c)) => {
            let changed: std::collections::HashSet<std::path::PathBuf> = c
                .paths
                .iter()
                .map(|p| crate::repo::absolute(&root.join(p)))
                .collect();
            crate::reports::validate_some(&mut repo, today, &|p| {
                changed.contains(&crate::repo::absolute(p))
            });
        }
        None => crate::reports::validate(&mut repo, today),
    }
    // Named paths are checked with their whole repository read, and only
    // what concerns them is reported; with --changed, only what concerns
    // the plans affected.
    let affected = match affected.take() {
        Some(files) => files,
        None => changes
            .as_ref()
            .and_then(|(root, c)| crate::changed::affected(&repo, root, c)),
    };
    let concerns = |file: crate::finding::FileId| {
        repo.in_scope(file) && affected.as_ref().is_none_or(|a| a.contains(&file))
    };
    let mut findings = match &affected {
        Some(files) => check::run_for(&repo, options, |e| files.contains(&e.file)),
        None => check::run(&repo, options),
    };
    findings.retain(|f| concerns(f.file));
    let tally = render::Tally {
        plans: repo.plans.iter().filter(|e| concerns(e.file)).count(),
        files: repo.files_read,
        files_with_errors: findings
            .iter()
            .filter(|f| f.severity == crate::finding::Severity::Error)
            .map(|f| f.file)
            .collect::<std::collections::HashSet<_>>()
            .len(),
    };
    let root = repo.root.as_ref().map(|r| r.display().to_string());
    // Placing findings reads their files again; the plans are no longer
    // needed, and freeing them first keeps the peak memory to the larger of
    // the two rather than their sum.
    repo.plans = Vec::new();
    repo.by_id = Default::default();
    let located = render::locate(&repo, &findings, ui.lang);
    let counts = check::counts(&findings);
    let format = args
        .format
        .or_else(|| super::output_extension().and_then(CheckFormat::for_extension))
        .unwrap_or(if ui.on_terminal() {
            CheckFormat::Human
        } else {
            CheckFormat::Short
        });
    if format == CheckFormat::Xlsx {
        let sheet = render::rows(&located, ui.lang);
        let name =
            crate::messages::export_word(ui.lang, crate::messages::ExportWord::SheetFindings);
        let book =
            crate::xlsx::workbook(&[(name, &sheet)], &crate::xlsx::About::now(&roots), ui.lang)?;
        super::emit_bytes(&book, ui.lang)?;
    } else {
        super::emit(&render::check(
            format,
            &located,
            tally,
            counts,
            root.as_deref(),
            ui,
        )?)?;
    }
    // Findings written to a file (a CI report) still leave their tally in
    // the log, so that one run of kh serves both.
    if super::output_path().is_some() {
        eprintln!(
            "{}",
            render::summary(tally, counts, root.as_deref(), ui.lang)
        );
    }
    Ok(if counts.errors > 0 {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_OK
    })
}
