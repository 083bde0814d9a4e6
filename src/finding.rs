//! Findings: what a check reports, located by file and YAML path. Line and
//! column are resolved only when a finding is rendered, so clean files are
//! never parsed a second time.

use crate::message::{Label, Message};
use crate::rules::Rule;
use crate::ui::Lang;
use crate::yaml::{Pos, YamlPath};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    /// Reported for information, never fails a run (milestones).
    Note,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// The word shown to people; machine formats keep `key`.
    pub fn word(self, lang: Lang) -> &'static str {
        crate::messages::severity(lang, self)
    }

    pub fn from_key(s: &str) -> Option<Severity> {
        match s.trim() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "note" => Some(Severity::Note),
            _ => None,
        }
    }
}

/// Where in a file a finding points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// The value at this path (or its nearest present ancestor).
    Value(YamlPath),
    /// The key of the field at this path (unknown fields).
    Key(YamlPath),
    /// A position already known (syntax errors).
    Pos(Pos),
    /// The file as a whole.
    File,
    /// A cell of a workbook (reports/q4.xlsx:Sheet1!C12); row and column from 1.
    Cell {
        sheet: String,
        row: usize,
        col: usize,
    },
}

impl At {
    /// The `n`th entry of `parent:`; a single id stands at `parent` itself,
    /// where the path falls back to.
    pub fn parent(n: usize) -> At {
        At::Value(vec![
            crate::yaml::Seg::Key("parent".into()),
            crate::yaml::Seg::Index(n),
        ])
    }
}

/// A cell's name as spreadsheets print it: `Sheet1!C12`.
pub fn cell_name(sheet: &str, row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{sheet}!{letters}{row}")
}

/// An index into the repository's list of files.
pub type FileId = usize;

#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub file: FileId,
    pub at: At,
    /// What the related place is, e.g. target III.2b of ninh-binh/so-gddt-2026.
    pub label: Label,
}

/// One diagnostic: its rule (which fixes its default severity), its place,
/// and the data its message is built from. Words come from `crate::messages`.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub rule: Rule,
    pub file: FileId,
    pub at: At,
    pub message: Message,
    pub related: Option<Related>,
}

impl Finding {
    /// A finding with its rule's default severity.
    pub fn new(rule: Rule, file: FileId, at: At, message: Message) -> Finding {
        Finding {
            severity: rule.default_severity(),
            rule,
            file,
            at,
            message,
            related: None,
        }
    }

    /// The message in this language.
    pub fn text(&self, lang: Lang) -> String {
        crate::messages::message(lang, &self.message)
    }

    pub fn with_related(mut self, file: FileId, at: At, label: Label) -> Finding {
        self.related = Some(Related { file, at, label });
        self
    }
}
