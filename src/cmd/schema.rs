//! `kh schema`: the JSON Schema of the plan format, generated from the types the
//! loader reads, so that it never drifts from what `kh check` accepts.

use crate::format::{CatalogFile, PlanFile, Settings};
use anyhow::Result;
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Which {
    /// A plan file
    #[default]
    Plan,
    /// plans/indicators.yaml
    Indicators,
    /// kh.yaml
    Settings,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file's schema
    #[arg(value_enum, default_value_t = Which::Plan)]
    pub which: Which,
}

pub fn schema(which: Which) -> String {
    let mut s = match which {
        Which::Plan => schemars::schema_for!(PlanFile),
        Which::Indicators => schemars::schema_for!(CatalogFile),
        Which::Settings => schemars::schema_for!(Settings),
    };
    let title = match which {
        Which::Plan => "kh plan (kế hoạch chuyển đổi số)",
        Which::Indicators => "kh indicator catalog (danh mục chỉ số)",
        Which::Settings => "kh settings (kh.yaml)",
    };
    s.insert("title".into(), title.into());
    serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
}

pub fn run(args: SchemaArgs) -> Result<i32> {
    super::emit(&schema(args.which))?;
    Ok(super::EXIT_OK)
}
