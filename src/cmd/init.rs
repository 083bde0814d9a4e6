//! `kh init [DIR]`: a new plans repository, ready for `kh check` and for CI.

use super::schema::{Which, schema};
use crate::write;
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
    write_all(&args.dir, &files, force)?;
    super::emit(&crate::messages::sentence(
        ui.lang,
        &crate::message::Sentence::InitCreated {
            dir: args.dir.display().to_string(),
            files: files.len(),
        },
    ))?;
    Ok(super::EXIT_OK)
}

/// All the files or none: each is first written to a temporary file beside
/// its place, and only when every one is written are they moved into place.
/// On any failure the temporary files, the files already moved and the
/// directories created are removed, so a failed init leaves nothing behind.
fn write_all(dir: &std::path::Path, files: &[(&'static str, String)], force: bool) -> Result<()> {
    use anyhow::Context;
    // Directories that do not exist yet, outermost first, to remove on failure.
    let mut created: Vec<PathBuf> = Vec::new();
    for (p, _) in files {
        let mut missing = Vec::new();
        let mut d = dir.join(p).parent().map(std::path::Path::to_path_buf);
        while let Some(x) = d {
            if x.as_os_str().is_empty() || std::fs::symlink_metadata(&x).is_ok() {
                break;
            }
            missing.push(x.clone());
            d = x.parent().map(std::path::Path::to_path_buf);
        }
        for m in missing.into_iter().rev() {
            if !created.contains(&m) {
                created.push(m);
            }
        }
    }
    let undo = |moved: &[PathBuf]| {
        for m in moved {
            let _ = std::fs::remove_file(m);
        }
        for d in created.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    };
    let mut staged = Vec::new();
    for (p, content) in files {
        match write::stage(&dir.join(p), content.as_bytes(), force) {
            Ok(t) => staged.push((t, dir.join(p))),
            Err(e) => {
                drop(staged);
                undo(&[]);
                return Err(e);
            }
        }
    }
    let mut moved = Vec::new();
    let mut staged = staged.into_iter();
    while let Some((tmp, path)) = staged.next() {
        if let Err(e) = write::commit(tmp, &path, force) {
            // Only files that did not exist before are taken back.
            if !force {
                undo(&moved);
            }
            drop(staged.by_ref().collect::<Vec<_>>());
            return Err(e).context("kh init did not complete");
        }
        moved.push(path);
    }
    Ok(())
}
