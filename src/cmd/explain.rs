//! `kh explain RULE`: what a rule checks, why, and how to fix its findings,
//! from the rule registry and the message catalogue. `kh explain phrase TEXT`:
//! how kh reads a threshold, deadline, period or issue-date phrase.
//! `kh explain forms`: every accepted form, with an example.

use crate::domain::IndicatorUnit;
use crate::domain::explain::{self, Context, PhraseKind};
use crate::message::Usage;
use crate::messages::{Word, rule_explain, rule_summary, word};
use crate::rules::Rule;
use crate::ui::Ui;
use anyhow::Result;
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Threshold,
    Deadline,
    Period,
    Issued,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule name as `kh check` prints it between brackets (e.g. looser-threshold),
    /// or `phrase` followed by a phrase, or `forms`
    pub what: String,
    /// With `phrase`: the phrase as the document prints it (e.g. "Quý IV/2026")
    pub phrase: Option<String>,
    /// Read the phrase only as this kind (default: every kind that accepts it)
    #[arg(long = "as", value_enum)]
    pub kind: Option<Kind>,
    /// The plan's year, for phrases without one ("Quý IV") (default: 2026)
    #[arg(long, default_value_t = 2026)]
    pub year: i32,
    /// The indicator's unit, for a bare number ("≥ 80"): percent, count, level, yes-no
    #[arg(long)]
    pub unit: Option<String>,
}

pub fn run(args: ExplainArgs, ui: &Ui) -> Result<i32> {
    match args.what.as_str() {
        "phrase" => phrase(&args, ui),
        "forms" => {
            super::emit(&forms(ui))?;
            Ok(super::EXIT_OK)
        }
        name => {
            let rule = Rule::lookup(name).map_err(|nearest| {
                anyhow::anyhow!(crate::messages::usage(
                    ui.lang,
                    &Usage::UnknownRule {
                        name: crate::text::escape_controls(name).into_owned(),
                        nearest,
                    },
                ))
            })?;
            super::emit(&explain(rule, ui))?;
            Ok(super::EXIT_OK)
        }
    }
}

fn phrase(args: &ExplainArgs, ui: &Ui) -> Result<i32> {
    let Some(text) = &args.phrase else {
        anyhow::bail!(crate::messages::usage(ui.lang, &Usage::PhraseMissing));
    };
    let unit = match &args.unit {
        None => None,
        Some(u) => Some(IndicatorUnit::parse(u).ok_or_else(|| {
            anyhow::anyhow!(crate::messages::usage(
                ui.lang,
                &Usage::UnknownUnit {
                    found: crate::text::escape_controls(u).into_owned(),
                },
            ))
        })?),
    };
    let ctx = Context {
        plan_year: Some(args.year),
        issued_year: Some(args.year),
        unit,
    };
    let kind = args.kind.map(|k| match k {
        Kind::Threshold => PhraseKind::Threshold,
        Kind::Deadline => PhraseKind::Deadline,
        Kind::Period => PhraseKind::Period,
        Kind::Issued => PhraseKind::Issued,
    });
    match explain::explain(&crate::text::nfc(text), kind, &ctx) {
        Ok(readings) => {
            super::emit(&crate::messages::readings(ui.lang, &readings))?;
            Ok(super::EXIT_OK)
        }
        Err(errors) => {
            super::emit(&crate::messages::explain_errors(ui.lang, &errors))?;
            Ok(super::EXIT_FINDINGS)
        }
    }
}

/// Every accepted form, one per line: kind, example, and how it is read. Plain
/// lines, never wrapped, so that each can be copied as it stands.
fn forms(ui: &Ui) -> String {
    let read_as = word(ui.lang, Word::Formal);
    explain::FORMS
        .iter()
        .map(|f| {
            format!(
                "{:<10} {}  ({read_as} {})",
                f.kind.key(),
                f.example,
                f.formal
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text `kh explain RULE` prints.
pub fn explain(rule: Rule, ui: &Ui) -> String {
    let lang = ui.lang;
    format!(
        "{} ({}, {})\n\n{}.\n\n{}\n\n{}: {}/",
        rule.name(),
        rule.default_severity().word(lang),
        word(lang, rule.group().word()),
        rule_summary(lang, rule),
        rule_explain(lang, rule),
        word(lang, Word::Example),
        rule.example()
    )
}
