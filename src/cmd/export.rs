//! `kh export PLAN --format docx -o FILE.docx`: the plan as its Word appendix.

use crate::format::PlanFile;
use crate::repo;
use crate::ui::Ui;
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A Word document (with -o): header block, citation, targets and tasks tables
    Docx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The plan: an id or the path of its file
    pub plan: String,
    /// Where the plans are (default: the repository found from here)
    #[arg(long = "repo")]
    pub repo: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Docx)]
    pub format: Format,
}

pub fn run(args: ExportArgs, ui: &Ui) -> Result<i32> {
    let source = repo::locate(&args.repo)?;
    let repo = repo::load(source)?;
    let Some(e) = crate::diff::find(&repo, &args.plan) else {
        bail!(
            "{}",
            crate::messages::sentence(
                ui.lang,
                &crate::message::Sentence::NoSuchPlan {
                    id: args.plan.clone(),
                    nearest: crate::load::nearest(
                        &args.plan,
                        repo.by_id.keys().map(String::as_str)
                    )
                    .map(str::to_string),
                }
            )
        );
    };
    let path = repo.path(e.file);
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let src = String::from_utf8_lossy(&bytes);
    let src = src.trim_start_matches('\u{FEFF}');
    let file = crate::yaml::read::<PlanFile>(src)
        .map_err(|err| anyhow::anyhow!("{}: {}", path.display(), err.message))?
        .value;
    let doc = match args.format {
        Format::Docx => crate::docx::document(&file, &e.plan, src)?,
    };
    super::emit_bytes(&doc, ui.lang)?;
    Ok(super::EXIT_OK)
}
