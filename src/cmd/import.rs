//! `kh import FILE`: a draft plan from the Word, Excel, PDF or pasted text of a
//! real document. The draft goes to standard output or `-o` (written whole,
//! never over a file without `--force`); the proposed catalog entries beside
//! it; the summary on stderr. Exit 0 clean, 1 with parts to review, 2 unreadable.

use crate::domain::Level;
use crate::import::{self, draft};
use crate::ui::Ui;
use anyhow::Result;
use clap::Args;
use std::io::Read;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The document: .docx, .xlsx/.xls/.ods, .pdf, .txt/.tsv, or - for standard input
    pub file: PathBuf,
    /// The plan's id (default: from its issuer and period)
    #[arg(long)]
    pub id: Option<String>,
    /// The plan it implements (repeat for several, most direct first); its units are reused
    #[arg(long)]
    pub parent: Vec<String>,
    /// The issuer's level (default: read from the issuer's name)
    #[arg(long, value_parser = parse_level)]
    pub level: Option<Level>,
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s)
        .ok_or_else(|| format!("`{s}`: expected national, province, district, commune or school"))
}

fn read_input(path: &PathBuf) -> std::io::Result<Vec<u8>> {
    let limit = import::MAX_INPUT_BYTES + 1;
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut buf)?;
    } else {
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(std::io::Error::other(format!(
                "{} is not a regular file",
                path.display()
            )));
        }
        std::fs::File::open(path)?
            .take(limit)
            .read_to_end(&mut buf)?;
    }
    Ok(buf)
}

pub fn run(args: ImportArgs, ui: &Ui) -> Result<i32> {
    let name = args.file.display().to_string();
    let bytes = read_input(&args.file).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let (format, doc) = match import::read(&name, &bytes) {
        Ok(x) => x,
        Err(e) => {
            eprintln!(
                "kh: {}",
                crate::messages::import_read_error(ui.lang, &name, &e)
            );
            return Ok(super::EXIT_CANNOT_RUN);
        }
    };
    let outline = import::structure::outline(&doc);
    let mut options = draft::Options {
        id: args.id.clone(),
        parents: args.parent.clone(),
        level: args.level,
        lang: ui.lang,
        ..Default::default()
    };
    // The repository, when there is one: its catalog, and the parents' units.
    if let Ok(source) = crate::repo::locate(&[])
        && let Ok(repo) = if args.parent.is_empty() {
            crate::repo::load_plans(source, &[], true)
        } else {
            crate::repo::load_plans(source, &args.parent, true)
        }
    {
        let mut catalog: Vec<_> = repo.indicators.values().cloned().collect();
        catalog.sort_by(|a, b| a.key.cmp(&b.key));
        options.catalog = catalog;
        for p in &args.parent {
            if let Some(e) = repo.plan(p) {
                for (k, v) in &e.plan.units {
                    options
                        .parent_units
                        .entry(k.clone())
                        .or_insert_with(|| v.clone());
                }
            }
        }
    }
    let d = draft::draft(&outline, &options);
    super::emit(&d.yaml)?;
    if !d.proposals.is_empty() {
        match super::output_path() {
            Some(plan) => {
                // Not .yaml: kh check must not read it as a plan.
                let file = plan.with_extension("new-indicators.txt");
                crate::write::write(&file, d.proposals.as_bytes(), super::output_force())?;
            }
            None => eprint!("{}", d.proposals),
        }
    }
    let summary = draft::Summary {
        file: name,
        format: format.name(),
        rows: d.rows,
        targets: d.targets,
        tasks: d.tasks,
        duties: d.duties,
        units: d.units,
        matched: d.matched_metrics,
        proposed: d.new_metrics,
        notes: d.notes.clone(),
    };
    eprint!("{}", crate::messages::import_summary(ui.lang, &summary));
    Ok(if d.notes.is_empty() {
        super::EXIT_OK
    } else {
        super::EXIT_FINDINGS
    })
}
