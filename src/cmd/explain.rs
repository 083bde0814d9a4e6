//! `kh explain RULE`: what a rule checks, why, and how to fix its findings,
//! from the rule registry and the message catalogue.

use crate::message::Usage;
use crate::messages::{Word, rule_explain, rule_summary, word};
use crate::rules::Rule;
use crate::ui::Ui;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule name, as `kh check` prints it between brackets (e.g. looser-threshold)
    pub rule: String,
}

pub fn run(args: ExplainArgs, ui: &Ui) -> Result<i32> {
    let rule = Rule::lookup(&args.rule).map_err(|nearest| {
        anyhow::anyhow!(crate::messages::usage(
            ui.lang,
            &Usage::UnknownRule {
                name: args.rule.clone(),
                nearest,
            },
        ))
    })?;
    super::emit(&explain(rule, ui))?;
    Ok(super::EXIT_OK)
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
