//! The rule registry: every diagnostic kh can report, with its stable name,
//! default severity and group. The words that explain a rule live in the
//! message catalogue (`crate::messages`), one per language; examples live under
//! `examples/<name>/`. `kh check --rules`, `kh explain RULE` and the README's
//! rule table are all generated from `Rule::ALL`, so a rule cannot be emitted
//! without being listed.

use crate::finding::Severity;

/// One rule. Adding a variant forces a name, a severity, a group and both
/// languages' summary and explanation (the matches below and in the catalogue
/// are exhaustive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::VariantArray)]
pub enum Rule {
    Syntax,
    Unreadable,
    LinkOutside,
    LinkLoop,
    NotAFile,
    TooLarge,
    TooDeep,
    BadId,
    ConfusableId,
    DuplicateCatalogKey,
    TooManyFindings,
    UnknownField,
    Schema,
    Threshold,
    Deadline,
    DuplicateId,
    InvisibleChar,
    MissingParent,
    BrokenParent,
    ExternalParent,
    CheckedAlone,
    UnknownPlan,
    UndeclaredUnit,
    UnknownMetric,
    UnknownSegment,
    UnitMismatch,
    PopulationMismatch,
    DirectionMismatch,
    LooserThreshold,
    BelowFloor,
    IncomparableThreshold,
    AspirationOnly,
    Milestone,
    LaterDeadline,
    PlanIssuedLate,
    MissingAdoption,
    Waiver,
    PeriodOutsideParent,
    IssuedBeforeParent,
    DueBeforeIssued,
    ParentCycle,
    ReportSyntax,
    ReportColumns,
    ReportPlan,
    ReportMetric,
    ReportSegment,
    ReportValue,
    ReportDate,
    ReportUnit,
}

/// What part of kh's work a rule belongs to; `--rules` lists them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// The file can be read as a plan at all.
    File,
    /// Names used by a plan refer to something declared.
    References,
    /// A child plan against its parent.
    Cascade,
    /// Report files of achieved values.
    Reports,
}

impl Group {
    pub fn key(self) -> &'static str {
        match self {
            Group::File => "file",
            Group::References => "references",
            Group::Cascade => "cascade",
            Group::Reports => "reports",
        }
    }

    /// The glossary word people read for this group.
    pub fn word(self) -> crate::messages::Word {
        use crate::messages::Word;
        match self {
            Group::File => Word::GroupFile,
            Group::References => Word::GroupReferences,
            Group::Cascade => Word::GroupCascade,
            Group::Reports => Word::GroupReports,
        }
    }
}

impl Rule {
    /// Every rule, in declaration order (derived, so none can be left out).
    pub const ALL: &'static [Rule] = <Rule as strum::VariantArray>::VARIANTS;

    /// The stable kebab-case name: in output, in JSON, in kh.yaml, in `examples/`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Syntax => "syntax",
            Rule::Unreadable => "unreadable",
            Rule::LinkOutside => "link-outside",
            Rule::LinkLoop => "link-loop",
            Rule::NotAFile => "not-a-file",
            Rule::TooLarge => "too-large",
            Rule::TooDeep => "too-deep",
            Rule::BadId => "bad-id",
            Rule::ConfusableId => "confusable-id",
            Rule::DuplicateCatalogKey => "duplicate-catalog-key",
            Rule::TooManyFindings => "too-many-findings",

            Rule::UnknownField => "unknown-field",
            Rule::Schema => "schema",
            Rule::Threshold => "threshold",
            Rule::Deadline => "deadline",
            Rule::DuplicateId => "duplicate-id",
            Rule::InvisibleChar => "invisible-char",
            Rule::MissingParent => "missing-parent",
            Rule::BrokenParent => "broken-parent",
            Rule::ExternalParent => "external-parent",
            Rule::CheckedAlone => "checked-alone",
            Rule::UnknownPlan => "unknown-plan",
            Rule::UndeclaredUnit => "undeclared-unit",
            Rule::UnknownMetric => "unknown-metric",
            Rule::UnknownSegment => "unknown-segment",
            Rule::UnitMismatch => "unit-mismatch",
            Rule::PopulationMismatch => "population-mismatch",
            Rule::DirectionMismatch => "direction-mismatch",
            Rule::BelowFloor => "below-floor",
            Rule::LooserThreshold => "looser-threshold",
            Rule::IncomparableThreshold => "incomparable-threshold",
            Rule::AspirationOnly => "aspiration-only",
            Rule::Milestone => "milestone",
            Rule::LaterDeadline => "later-deadline",
            Rule::PlanIssuedLate => "plan-issued-late",
            Rule::MissingAdoption => "missing-adoption",
            Rule::Waiver => "waiver",
            Rule::PeriodOutsideParent => "period-outside-parent",
            Rule::IssuedBeforeParent => "issued-before-parent",
            Rule::DueBeforeIssued => "due-before-issued",
            Rule::ParentCycle => "parent-cycle",
            Rule::ReportSyntax => "report-syntax",
            Rule::ReportColumns => "report-columns",
            Rule::ReportPlan => "report-plan",
            Rule::ReportMetric => "report-metric",
            Rule::ReportSegment => "report-segment",
            Rule::ReportValue => "report-value",
            Rule::ReportDate => "report-date",
            Rule::ReportUnit => "report-unit",
        }
    }

    /// The severity a finding of this rule has unless kh.yaml says otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::InvisibleChar
            | Rule::MissingParent
            | Rule::BrokenParent
            | Rule::UnknownPlan
            | Rule::DueBeforeIssued
            | Rule::UnknownMetric
            | Rule::PlanIssuedLate
            | Rule::AspirationOnly
            | Rule::PopulationMismatch
            | Rule::DirectionMismatch
            | Rule::MissingAdoption => Severity::Warning,
            Rule::Milestone | Rule::TooManyFindings | Rule::ExternalParent | Rule::CheckedAlone => {
                Severity::Note
            }
            _ => Severity::Error,
        }
    }

    pub fn group(self) -> Group {
        match self {
            Rule::Syntax
            | Rule::Unreadable
            | Rule::LinkOutside
            | Rule::LinkLoop
            | Rule::NotAFile
            | Rule::TooLarge
            | Rule::TooDeep
            | Rule::BadId
            | Rule::ConfusableId
            | Rule::DuplicateCatalogKey
            | Rule::TooManyFindings
            | Rule::UnknownField
            | Rule::Schema
            | Rule::Threshold
            | Rule::Deadline
            | Rule::DuplicateId
            | Rule::InvisibleChar => Group::File,
            Rule::MissingParent
            | Rule::BrokenParent
            | Rule::ExternalParent
            | Rule::CheckedAlone
            | Rule::UnknownPlan
            | Rule::UndeclaredUnit
            | Rule::UnknownMetric
            | Rule::UnknownSegment
            | Rule::UnitMismatch
            | Rule::PopulationMismatch
            | Rule::DirectionMismatch => Group::References,
            Rule::LooserThreshold
            | Rule::BelowFloor
            | Rule::IncomparableThreshold
            | Rule::AspirationOnly
            | Rule::Milestone
            | Rule::LaterDeadline
            | Rule::PlanIssuedLate
            | Rule::MissingAdoption
            | Rule::Waiver
            | Rule::PeriodOutsideParent
            | Rule::IssuedBeforeParent
            | Rule::DueBeforeIssued
            | Rule::ParentCycle => Group::Cascade,
            Rule::ReportSyntax
            | Rule::ReportColumns
            | Rule::ReportPlan
            | Rule::ReportMetric
            | Rule::ReportSegment
            | Rule::ReportValue
            | Rule::ReportDate
            | Rule::ReportUnit => Group::Reports,
        }
    }

    /// The example repository that shows this rule: `examples/<name>/`.
    pub fn example(self) -> String {
        format!("examples/{}", self.name())
    }

    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.name() == name.trim())
    }

    /// A name from kh.yaml or the command line, or the nearest rule names.
    pub fn lookup(name: &str) -> Result<Rule, Option<&'static str>> {
        Rule::from_name(name)
            .ok_or_else(|| crate::text::nearest(name, Rule::ALL.iter().map(|r| r.name())))
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// Lets tests and callers compare with the stable name: `f.rule == "waiver"`.
impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for r in Rule::ALL {
            let n = r.name();
            assert!(seen.insert(n), "{n} twice");
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{n}");
            assert_eq!(Rule::from_name(n), Some(*r));
        }
    }

    #[test]
    fn a_typo_names_the_nearest_rule() {
        assert_eq!(
            Rule::lookup("missing-adoptoin"),
            Err(Some("missing-adoption"))
        );
        assert_eq!(Rule::lookup("looser-threshold"), Ok(Rule::LooserThreshold));
        assert_eq!(Rule::lookup("zzzzzzzzzzzzzz"), Err(None));
    }
}
