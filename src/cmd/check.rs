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
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    // With --changed and the cache, only the plans a change touches are
    // read (`repo::load_changed`), and it knows which those are; else the
    // whole repository is loaded, and they are found in it. A whole check
    // with the cache keeps its findings too (`crate::verdicts`).
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
        None => match whole(&args, &options, today, ui.lang, source)? {
            Ok((located, tally, counts, root)) => {
                return show(&args, &roots, located, tally, counts, root, ui);
            }
            Err(repo) => (repo, None, None),
        },
    };
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
    // Placing findings reads their files again; the plans are no longer
    // needed, and freeing them first keeps the peak memory to the larger of
    // the two rather than their sum.
    let root = repo.root.as_ref().map(|r| r.display().to_string());
    // On all cores: tens of thousands of plans take a second to free on one.
    {
        use rayon::prelude::*;
        std::mem::take(&mut repo.plans)
            .into_par_iter()
            .for_each(drop);
    }
    repo.by_id = Default::default();
    let located = render::locate(&repo, &findings, ui.lang);
    let counts = check::counts(&findings);
    show(&args, &roots, located, tally, counts, root, ui)
}

/// What a check shows: its findings, tally and counts, and the root.
type Shown = (
    Vec<render::Located>,
    render::Tally,
    check::Counts,
    Option<String>,
);

/// A whole check with the cache and its memo of findings (`memoised`),
/// first with the plans git says are unchanged left undecoded, then, if
/// one of them disagrees with its outline, with every plan decoded; the
/// repository loaded when there is no cache to keep findings in.
fn whole(
    args: &CheckArgs,
    options: &Options,
    today: chrono::NaiveDate,
    lang: crate::ui::Lang,
    source: repo::Source,
) -> Result<std::result::Result<Shown, repo::Repo>> {
    let mut first = Some(source);
    for defer in [true, false] {
        let source = match first.take() {
            Some(s) => s,
            None => repo::locate(&args.paths)?,
        };
        let (repo, kept) = repo::load_keeping(source, defer)?;
        let Some(mut kept) = kept else {
            return Ok(Err(repo));
        };
        let root = repo.root.as_ref().map(|r| r.display().to_string());
        if let Some((located, tally, counts)) = memoised(repo, &mut kept, options, today, lang) {
            return Ok(Ok((located, tally, counts, root)));
        }
    }
    // With nothing deferred, nothing is decoded later to disagree: not
    // reached, but a plain load is the answer if it were.
    Ok(Err(repo::load(repo::locate(&args.paths)?)?))
}

/// A whole check with the memo of findings: the plans whose verdict holds
/// are not checked again (nor decoded, unless another plan needs them),
/// the reports whose verdict holds are not read, and what they found is
/// shown as it was kept; what is found now is kept for the next run. The
/// same findings as a check without the cache. `None` when a deferred plan
/// could not be decoded as its outline says.
fn memoised(
    mut repo: repo::Repo,
    kept: &mut repo::Kept,
    options: &Options,
    today: chrono::NaiveDate,
    lang: crate::ui::Lang,
) -> Option<(Vec<render::Located>, render::Tally, check::Counts)> {
    use crate::finding::FileId;
    use crate::verdicts::{self, Memo};
    use std::collections::{BTreeSet, HashMap, HashSet};
    let mut memo = Memo::open(kept, &repo, today);
    let plan_keys: Vec<Option<crate::cache::Hash>> = repo
        .plans
        .iter()
        .map(|e| memo.plan_key(kept, &repo, e))
        .collect();
    let plan_files: Vec<FileId> = repo.plans.iter().map(|e| e.file).collect();
    // A deferred plan with no verdict kept is decoded first: its errors
    // are then known, as every verdict's dependencies ask.
    let unknown: HashSet<FileId> = plan_files
        .iter()
        .zip(&plan_keys)
        .filter(|(f, k)| kept.deferred.contains(f) && !k.is_some_and(|k| memo.has(&k)))
        .map(|(f, _)| *f)
        .collect();
    if !repo::decode(&mut repo, kept, &unknown) {
        return None;
    }
    // The other deferred plans' errors of their own content, as kept.
    for (f, k) in plan_files.iter().zip(&plan_keys) {
        if kept.deferred.contains(f)
            && let Some(k) = k
            && memo.own(k).iter().any(|p| p.severity == "error")
        {
            repo.files_with_errors.insert(*f);
        }
    }
    memo.settle(kept, &repo);
    let held: HashSet<FileId> = plan_files
        .iter()
        .zip(&plan_keys)
        .filter(|(_, k)| k.is_some_and(|k| memo.holding(&k).is_some()))
        .map(|(f, _)| *f)
        .collect();
    // Decoded now: each plan checked now and its parents, and the plans
    // each report read now names (all of them for a report never seen).
    let listed = crate::reports::list(&mut repo, None);
    let mut need: HashSet<FileId> = HashSet::new();
    let mut need_ids: BTreeSet<String> = BTreeSet::new();
    for e in repo.plans.iter().filter(|e| !held.contains(&e.file)) {
        need.insert(e.file);
        need_ids.extend(e.plan.parents.iter().cloned());
    }
    // Each report's key, once; the reports whose verdict holds.
    let report_keys: HashMap<FileId, crate::cache::Hash> = listed
        .iter()
        .flat_map(|l| l.files())
        .filter_map(|(f, p)| Some((f, memo.report_key(kept, p)?)))
        .collect();
    let mut reports_held: HashSet<&std::path::Path> = HashSet::new();
    let mut everything = false;
    for (file, path) in listed.iter().flat_map(|l| l.files()) {
        match report_keys.get(&file) {
            Some(k) if memo.holding(k).is_some() => {
                reports_held.insert(path);
            }
            Some(k) if memo.has(k) => need_ids.extend(memo.deps(k).map(str::to_string)),
            _ => everything = true,
        }
    }
    if everything {
        need.extend(plan_files.iter().copied());
    } else {
        need.extend(
            need_ids
                .iter()
                .filter_map(|id| repo.plan(id))
                .map(|e| e.file),
        );
    }
    if !repo::decode(&mut repo, kept, &need) {
        return None;
    }
    let report_held = |p: &std::path::Path| reports_held.contains(p);
    let reports = match &listed {
        Some(l) => crate::reports::validate_known(&mut repo, today, l, &report_held),
        None => Vec::new(),
    };
    let (rest, per_plan) = check::run_apart(&repo, |e| !held.contains(&e.file));
    // The plans' dependencies, before the plans are let go.
    let deps: HashMap<usize, BTreeSet<String>> = per_plan
        .iter()
        .map(|(n, _)| (*n, verdicts::plan_deps(&repo.plans[*n])))
        .collect();
    let plans_in_scope = plan_files.iter().filter(|f| repo.in_scope(**f)).count();
    // Found now: while reading, across plans, by the plans checked now.
    let mut found = std::mem::take(&mut repo.findings);
    let content: Vec<bool> = found.iter().map(repo::of_content).collect();
    found.extend(rest);
    let checked_from = found.len();
    let checked: Vec<(usize, usize)> = per_plan.iter().map(|(n, f)| (*n, f.len())).collect();
    found.extend(per_plan.into_iter().flat_map(|(_, f)| f));
    // The plans are no longer needed: let go of them beside the placing,
    // which reads files again.
    let plans = std::mem::take(&mut repo.plans);
    std::thread::spawn(move || drop(plans));
    let mut placed = render::place(&repo, &found);
    let mut mine = placed.split_off(checked_from).into_iter();
    let mut checked_now: HashMap<usize, Vec<render::Placed>> = HashMap::new();
    for (n, count) in checked {
        checked_now.insert(n, mine.by_ref().take(count).map(|(_, p)| p).collect());
    }
    let severity = |rule, base| options.severity(rule, base);
    let mut located = Vec::new();
    let mut shown = |file: FileId, p: &render::Placed| {
        if repo.in_scope(file)
            && let Some(l) = p.located(&repo.path(file).display().to_string(), lang, severity)
        {
            located.push(l);
        }
    };
    // What was read now: of each report read, and of each plan's content.
    let mut of_report: HashMap<FileId, Vec<render::Placed>> = HashMap::new();
    let mut own: HashMap<FileId, Vec<render::Placed>> = HashMap::new();
    let read: HashSet<FileId> = reports
        .iter()
        .filter(|(_, named)| named.is_some())
        .map(|(f, _)| *f)
        .collect();
    for (n, (file, p)) in placed.into_iter().enumerate() {
        shown(file, &p);
        if read.contains(&file) {
            of_report.entry(file).or_default().push(p);
        } else if content.get(n) == Some(&true) {
            own.entry(file).or_default().push(p);
        }
    }
    // Each plan: its verdict kept, or made now.
    for (n, key) in plan_keys.iter().enumerate() {
        let file = plan_files[n];
        match (key, checked_now.remove(&n)) {
            (Some(key), Some(now)) => {
                for p in &now {
                    shown(file, p);
                }
                if let Some(d) = deps.get(&n) {
                    memo.keep(*key, d, now, own.remove(&file).unwrap_or_default());
                }
            }
            (None, Some(now)) => now.iter().for_each(|p| shown(file, p)),
            (Some(key), None) => {
                for p in memo.holding(key).into_iter().flatten() {
                    shown(file, p);
                }
                if kept.deferred.contains(&file) {
                    for p in memo.own(key) {
                        shown(file, p);
                    }
                }
                memo.carry(*key);
            }
            (None, None) => {}
        }
    }
    // Each report: its verdict kept, or made now.
    for (file, named) in &reports {
        let Some(&key) = report_keys.get(file) else {
            continue;
        };
        match named {
            Some(named) => {
                let now = of_report.remove(file).unwrap_or_default();
                memo.keep(key, named, now, Vec::new());
            }
            None => {
                for p in memo.holding(&key).into_iter().flatten() {
                    shown(*file, p);
                }
                memo.carry(key);
            }
        }
    }
    kept.save();
    memo.save(&kept.cache);
    let errors: HashSet<&str> = located
        .iter()
        .filter(|l| l.severity() == crate::finding::Severity::Error)
        .map(|l| l.file.as_str())
        .collect();
    let tally = render::Tally {
        plans: plans_in_scope,
        files: repo.files_read,
        files_with_errors: errors.len(),
    };
    let counts = check::counts_of(located.iter().map(|l| l.severity()));
    Some((render::finish(located, lang), tally, counts))
}

/// The findings, in the format asked for.
fn show(
    args: &CheckArgs,
    roots: &[PathBuf],
    located: Vec<render::Located>,
    tally: render::Tally,
    counts: check::Counts,
    root: Option<String>,
    ui: &Ui,
) -> Result<i32> {
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
            crate::xlsx::workbook(&[(name, &sheet)], &crate::xlsx::About::now(roots), ui.lang)?;
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
