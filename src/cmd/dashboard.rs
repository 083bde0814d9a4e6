//! `kh dashboard -o site/`: an offline dashboard.

use crate::ui::Ui;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// Plan files or directories (default: the repository found from here)
    pub paths: Vec<PathBuf>,
}

pub fn run(_args: DashboardArgs, _ui: &Ui) -> Result<i32> {
    Ok(super::EXIT_OK)
}
