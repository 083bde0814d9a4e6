//! Findings: what a check reports, located by file and YAML path. Line and
//! column are resolved only when a finding is rendered, so clean files are
//! never parsed a second time.

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
    pub fn word(self, lang: crate::ui::Lang) -> &'static str {
        match self {
            Severity::Error => lang.t("error", "lỗi"),
            Severity::Warning => lang.t("warning", "cảnh báo"),
            Severity::Note => lang.t("note", "ghi chú"),
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
}

/// An index into the repository's list of files.
pub type FileId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub at: At,
    /// What the related place is, e.g. "target III.2b of ninh-binh/so-gddt-2026".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub rule: &'static str,
    pub file: FileId,
    pub at: At,
    /// The message in English; `vi` in Vietnamese where the check gives one.
    pub message: String,
    pub vi: Option<String>,
    pub related: Option<Related>,
}

impl Finding {
    pub fn new(
        severity: Severity,
        rule: &'static str,
        file: FileId,
        at: At,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            severity,
            rule,
            file,
            at,
            message: message.into(),
            vi: None,
            related: None,
        }
    }

    /// The same message in Vietnamese.
    pub fn vi(mut self, message: impl Into<String>) -> Finding {
        self.vi = Some(message.into());
        self
    }

    pub fn message_in(&self, lang: crate::ui::Lang) -> &str {
        match (lang, &self.vi) {
            (crate::ui::Lang::Vi, Some(vi)) => vi,
            _ => &self.message,
        }
    }

    pub fn error(rule: &'static str, file: FileId, at: At, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Error, rule, file, at, message)
    }

    pub fn warning(
        rule: &'static str,
        file: FileId,
        at: At,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(Severity::Warning, rule, file, at, message)
    }

    pub fn note(rule: &'static str, file: FileId, at: At, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Note, rule, file, at, message)
    }

    pub fn with_related(mut self, file: FileId, at: At, label: impl Into<String>) -> Finding {
        self.related = Some(Related {
            file,
            at,
            label: label.into(),
        });
        self
    }
}

/// Every rule `kh check` can report, with what it means; the README's table and
/// `kh check --rules` come from here.
pub const RULES: &[(&str, &str)] = &[
    ("syntax", "the file is YAML (and UTF-8, and not empty)"),
    (
        "unknown-field",
        "every field is one the format knows; the nearest known one is suggested",
    ),
    (
        "schema",
        "required fields are present and values have the right type and form",
    ),
    (
        "threshold",
        "thresholds parse; percentages lie within 0..100",
    ),
    ("deadline", "deadlines parse"),
    (
        "duplicate-id",
        "plan ids are unique in the repository, target and task ids within a plan",
    ),
    (
        "invisible-char",
        "no zero-width characters pasted from Word (warning)",
    ),
    (
        "missing-parent",
        "the parent plan is in the repository (warning; error with --strict)",
    ),
    (
        "undeclared-unit",
        "units named in lead, implementers, cooperating and from are declared",
    ),
    (
        "unknown-metric",
        "metrics are in the indicator catalog (warning, names the nearest key)",
    ),
    (
        "unknown-segment",
        "segments used are declared by the plan or its parent",
    ),
    (
        "unit-mismatch",
        "a threshold's unit is the indicator's unit",
    ),
    (
        "looser-threshold",
        "a child target is at least as strict as its parent's target",
    ),
    (
        "incomparable-threshold",
        "a child target can be compared with its parent's",
    ),
    (
        "milestone",
        "a child target due before every parent target of its metric (note)",
    ),
    (
        "later-deadline",
        "a child target is due no later than its parent's",
    ),
    (
        "plan-issued-late",
        "a plan is issued by its parent's deadline for issuing it (warning)",
    ),
    (
        "missing-adoption",
        "each parent target that applies to the child is adopted or waived (warning)",
    ),
    (
        "waiver",
        "a waiver names a parent target and gives a reason",
    ),
    (
        "period-outside-parent",
        "a child's period lies within its parent's",
    ),
    (
        "issued-before-parent",
        "a child is not issued before its parent",
    ),
    ("parent-cycle", "no plan is its own ancestor"),
    ("report-syntax", "a report file is CSV"),
    (
        "report-columns",
        "a report has the columns plan, metric (or target), value, as_of",
    ),
    ("report-plan", "a report row names a plan of the repository"),
    (
        "report-metric",
        "a report row names a metric or target id of that plan",
    ),
    (
        "report-segment",
        "a report row's segment is one of the target's",
    ),
    (
        "report-value",
        "a report row's value parses (87%, 87,5%, 4/4, mức 2, yes)",
    ),
    (
        "report-date",
        "a report row's as_of is a date, not in the future",
    ),
    (
        "report-unit",
        "a report row's value is in its indicator's unit",
    ),
    (
        "link-outside",
        "no symbolic link points outside the repository (its target is never read)",
    ),
    ("link-loop", "no symbolic links or directories form a loop"),
    (
        "not-a-file",
        "plans, catalogs and reports are regular files, not FIFOs, devices or sockets",
    ),
    (
        "too-large",
        "a file is within its size limit (10 MB for a plan or catalog, 32 MB for a report)",
    ),
    ("too-deep", "directories are nested at most 32 levels deep"),
    (
        "bad-id",
        "plan ids follow the id grammar (lowercase ASCII, digits, - _ . and / between segments)",
    ),
    (
        "confusable-id",
        "no two plan ids, catalog keys or unit abbreviations look alike",
    ),
    (
        "too-many-findings",
        "a file has at most 200 findings shown (100 for a report); the rest are counted (note)",
    ),
    (
        "duplicate-catalog-key",
        "an indicator key is defined in one catalog file only",
    ),
];
