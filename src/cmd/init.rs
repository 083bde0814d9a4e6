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

/// Every file `kh init` writes, relative to the repository, for the folders
/// its kh.yaml names (`plans/` and `reports/` when it has none). Nothing in
/// them waits to be filled in: the CI templates name the kh that wrote them,
/// its version and where its source is.
pub fn files(plans: &str, reports: &str) -> Vec<(String, String)> {
    let plans = plans.trim_end_matches('/');
    let reports = reports.trim_end_matches('/');
    let depth = std::path::Path::new(plans)
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .count();
    let ci = |text: &str| {
        text.replace("@KH_VERSION@", env!("CARGO_PKG_VERSION"))
            .replace("@KH_REPOSITORY@", env!("CARGO_PKG_REPOSITORY"))
    };
    vec![
        (
            "kh.yaml".into(),
            include_str!("../../templates/kh.yaml").into(),
        ),
        (
            "README.md".into(),
            include_str!("../../templates/README.md").into(),
        ),
        (
            format!("{plans}/indicators.yaml"),
            schema_line(include_str!("../../templates/indicators.yaml"), depth),
        ),
        (
            format!("{plans}/{EXAMPLE}"),
            schema_line(include_str!("../../templates/example-plan.yaml"), depth + 1),
        ),
        (format!("{reports}/.gitkeep"), String::new()),
        ("schema/plan.schema.json".into(), schema(Which::Plan)),
        (
            "schema/indicators.schema.json".into(),
            schema(Which::Indicators),
        ),
        (
            ".github/workflows/kh.yml".into(),
            ci(include_str!("../../templates/github-workflow.yml")),
        ),
        (
            ".gitlab-ci.yml".into(),
            ci(include_str!("../../templates/gitlab-ci.yml")),
        ),
        (
            ".gitignore".into(),
            include_str!("../../templates/gitignore").into(),
        ),
    ]
}

/// The example plan, below the plans folder.
const EXAMPLE: &str = "vi-du/so-gddt-2027.yaml";

/// The template's `$schema=` line pointing `ups` folders up to schema/, as
/// far as the file sits below the repository's top.
fn schema_line(text: &str, ups: usize) -> String {
    let Some(at) = text.find("$schema=") else {
        return text.to_string();
    };
    let from = at + "$schema=".len();
    let rest = text[from..].trim_start_matches("../");
    format!("{}{}{rest}", &text[..from], "../".repeat(ups))
}

/// What `kh init` does with a folder: it writes what is missing, never
/// replaces a file (unless `--force`), and adds no example plan to a
/// repository that has plans of its own.
pub fn run(args: InitArgs, force: bool, ui: &crate::ui::Ui) -> Result<i32> {
    use crate::message::Sentence;
    let dir = &args.dir;
    let layout = if std::fs::symlink_metadata(dir.join("kh.yaml")).is_ok() {
        let jail = crate::fs_guard::Jail::new(dir)?;
        crate::repo::layout(dir, &jail)?
    } else {
        crate::repo::Layout {
            settings: Default::default(),
            plans: "plans".into(),
            reports: "reports".into(),
        }
    };
    let example = format!("{}/{EXAMPLE}", layout.plans.trim_end_matches('/'));
    let has_plans = has_plans(&dir.join(&layout.plans), &dir.join(&example));
    let mut skipped = Vec::new();
    let mut write = Vec::new();
    for (path, content) in files(&layout.plans, &layout.reports) {
        if path == example && has_plans {
            continue;
        }
        if !force && std::fs::symlink_metadata(dir.join(&path)).is_ok() {
            skipped.push(path);
        } else {
            write.push((path, content));
        }
    }
    write_all(dir, &write, force)?;
    let dir_shown = crate::text::escape_controls(&dir.display().to_string()).into_owned();
    let mut out = Vec::new();
    out.push(if write.is_empty() {
        Sentence::InitNothingToWrite { dir: dir_shown }
    } else {
        Sentence::InitCreated {
            dir: dir_shown,
            files: write.iter().map(|(p, _)| p.clone()).collect(),
        }
    });
    if !skipped.is_empty() {
        out.push(Sentence::InitSkipped(skipped));
    }
    if has_plans {
        out.push(Sentence::InitNoExample {
            plans: layout.plans.clone(),
        });
    }
    let text: Vec<String> = out
        .iter()
        .map(|s| crate::messages::sentence(ui.lang, s))
        .collect();
    super::emit(&text.join("\n"))?;
    Ok(super::EXIT_OK)
}

/// Whether the plans folder already holds a plan (any YAML file but the
/// catalog and the example), read through the same guard as `kh check`.
fn has_plans(plans: &std::path::Path, example: &std::path::Path) -> bool {
    let Ok(jail) = crate::fs_guard::Jail::new(plans) else {
        return false;
    };
    let (files, _) = crate::repo::discover(&[plans.to_path_buf()], &[jail]);
    files
        .iter()
        .any(|(f, _)| f != example && f.file_name().is_some_and(|n| n != "indicators.yaml"))
}

/// All the files or none: each is first written to a temporary file beside
/// its place, and only when every one is written are they moved into place.
/// On any failure the temporary files, the files already moved and the
/// directories created are removed, so a failed init leaves nothing behind.
fn write_all(dir: &std::path::Path, files: &[(String, String)], force: bool) -> Result<()> {
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
