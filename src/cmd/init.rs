//! `kh init [DIR]`: a new plans repository, ready for `kh check` and for CI.

use super::schema::{Which, schema};
use crate::write::write;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create it (default: the current directory)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// Every file `kh init` writes, relative to the new repository.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("kh.yaml", include_str!("../../templates/kh.yaml").into()),
        (
            "README.md",
            include_str!("../../templates/README.md").into(),
        ),
        (
            "plans/indicators.yaml",
            include_str!("../../templates/indicators.yaml").into(),
        ),
        (
            "plans/vi-du/so-gddt-2027.yaml",
            include_str!("../../templates/example-plan.yaml").into(),
        ),
        ("reports/.gitkeep", String::new()),
        ("schema/plan.schema.json", schema(Which::Plan)),
        ("schema/indicators.schema.json", schema(Which::Indicators)),
        (
            ".github/workflows/kh.yml",
            include_str!("../../templates/github-workflow.yml").into(),
        ),
        (
            ".gitlab-ci.yml",
            include_str!("../../templates/gitlab-ci.yml").into(),
        ),
    ]
}

/// `force` (the global `--force`) allows replacing existing files.
pub fn run(args: InitArgs, force: bool, ui: &crate::ui::Ui) -> Result<i32> {
    let files = files();
    // Refuse before writing anything, so a refused init leaves no half repository.
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|(p, _)| args.dir.join(p))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            anyhow::bail!(
                "{}",
                crate::messages::sentence(
                    ui.lang,
                    &crate::message::Sentence::InitFilesExist(existing)
                )
            );
        }
    }
    for (p, content) in &files {
        write(&args.dir.join(p), content.as_bytes(), force)?;
    }
    super::emit(&crate::messages::sentence(
        ui.lang,
        &crate::message::Sentence::InitCreated {
            dir: args.dir.display().to_string(),
            files: files.len(),
        },
    ))?;
    Ok(super::EXIT_OK)
}
