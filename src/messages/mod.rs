//! The message catalogue: one module per language words every finding, label,
//! rule description, heading, status word and table column. Nothing outside
//! this module builds a sentence for people; the rest of kh passes data
//! (`crate::message::Message`, `Word`) and the interface language here.

pub mod en;
pub mod export_en;
pub mod export_vi;
pub mod import_en;
pub mod import_vi;
pub mod parse_en;
pub mod parse_vi;
pub mod vi;

use crate::finding::Severity;
use crate::message::{Label, Message, Sentence, Usage};
use crate::rules::Rule;
use crate::ui::Lang;

/// The glossary: every word kh uses in headings, columns and status cells,
/// named by what it means in the domain (kế hoạch / plan, chỉ tiêu / target,
/// nhiệm vụ / task, the status bands ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum Word {
    Error,
    Plan,
    Plans,
    Target,
    Task,
    Report,
    Indicator,
    Segment,
    Threshold,
    Deadline,
    Date,
    DaysLeft,
    Kind,
    Id,
    Text,
    Lead,
    Value,
    AsOf,
    Status,
    Severity,
    Rule,
    Message,
    Group,
    Summary,
    Ongoing,
    Met,
    NotMet,
    DueSoon,
    Overdue,
    NoData,
    Stricter,
    Same,
    Looser,
    Incomparable,
    OnlyInA,
    OnlyInB,
    NotBinding,
    MilestoneWord,
    Earlier,
    Later,
    AThreshold,
    ADue,
    BThreshold,
    BDue,
    Verdict,
    ChildrenMeeting,
    ChildrenMean,
    NotMeeting,
    /// "Lead:" in calendar descriptions.
    Lead2,
    /// "Due:" in calendar descriptions.
    Due2,
    Help,
    Example,
    Default,
    File,
    Line,
    Col,
    /// "note:" before a related place in the human format.
    See,
    At,
    Due,
    NotAdopted,
    Waived,
    /// Beside a child's status against its parent: its own target.
    OwnTarget,
    GroupFile,
    GroupReferences,
    GroupCascade,
    GroupReports,
    AspirationOnly,
    BelowFloor,
    Formal,
    /// Where a due date came from, in the spreadsheet's own column.
    DeadlineFrom,
    FromOwn,
    FromParent,
    FromPeriod,
    /// Fields the document does not state, in the spreadsheet's own column.
    NotStated,
}

/// The words of the exports (workbook, Word appendix, dashboard), kept apart
/// from the glossary of the terminal's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum ExportWord {
    SheetAbout,
    SheetDue,
    SheetOngoing,
    SheetStarts,
    SheetStatus,
    SheetRollup,
    SheetDiff,
    SheetFindings,
    Repository,
    Generated,
    Version,
    Command,
    Field,
    Value,
    BandAchieved,
    BandInProgress,
    BandNotAchieved,
    BandNoData,
    DashboardTitle,
    DashboardIntro,
    AllPlans,
    TargetsMet,
    TargetsMetOf,
    Targets,
    Progress,
    Band,
    History,
    DueNext,
    NothingDue,
    Findings,
    NoFindings,
    Back,
    AsOfDay,
    Issuer,
    Level,
    Parent,
    NoTargets,
    NoHistory,
    Print,
    LevelNational,
    LevelProvince,
    LevelDistrict,
    LevelCommune,
    LevelSchool,
    Summary,
    Threshold,
    Achieved,
    Date,
    Severity,
    Line,
    Message,
    Legend,
    Number,
    NeedsOutput,
}

pub fn export_word(lang: Lang, w: ExportWord) -> &'static str {
    match lang {
        Lang::En => export_en::word(w),
        Lang::Vi => export_vi::word(w),
    }
}

/// A status band's name as Open SDG words it.
pub fn band(lang: Lang, b: crate::status::Band) -> &'static str {
    use crate::status::Band;
    export_word(
        lang,
        match b {
            Band::Achieved => ExportWord::BandAchieved,
            Band::InProgress => ExportWord::BandInProgress,
            Band::NotAchieved => ExportWord::BandNotAchieved,
            Band::NoData => ExportWord::BandNoData,
        },
    )
}

pub fn message(lang: Lang, m: &Message) -> String {
    match lang {
        Lang::En => en::message(m),
        Lang::Vi => vi::message(m),
    }
}

pub fn usage(lang: Lang, u: &Usage) -> String {
    match lang {
        Lang::En => en::usage(u),
        Lang::Vi => vi::usage(u),
    }
}

pub fn sentence(lang: Lang, s: &Sentence) -> String {
    match lang {
        Lang::En => en::sentence(s),
        Lang::Vi => vi::sentence(s),
    }
}

/// How `kh explain phrase` says a phrase is read.
pub fn readings(lang: Lang, readings: &[crate::domain::explain::Reading]) -> String {
    let mut out = String::new();
    for r in readings {
        out.push_str(&format!("{}: {}\n", r.kind.key(), r.formal));
        for n in &r.notes {
            out.push_str(&format!(
                "  - {}\n",
                match lang {
                    Lang::En => en::note(n),
                    Lang::Vi => vi::note(n),
                }
            ));
        }
    }
    out.trim_end().to_string()
}

/// Why `kh explain phrase` read the phrase as no kind at all.
pub fn explain_errors(lang: Lang, errors: &[crate::domain::explain::ExplainError]) -> String {
    use crate::domain::explain::ExplainError as E;
    errors
        .iter()
        .map(|e| match (lang, e) {
            (Lang::En, E::Threshold(e)) => format!("threshold: {}", parse_en::threshold_error(e)),
            (Lang::En, E::Deadline(e)) => format!("deadline: {}", parse_en::deadline_error(e)),
            (Lang::En, E::Period(e)) => format!("period: {}", parse_en::period_error(e)),
            (Lang::En, E::Issued(e)) => format!("issued: {}", parse_en::date_error(e)),
            (Lang::Vi, E::Threshold(e)) => format!("threshold: {}", parse_vi::threshold_error(e)),
            (Lang::Vi, E::Deadline(e)) => format!("deadline: {}", parse_vi::deadline_error(e)),
            (Lang::Vi, E::Period(e)) => format!("period: {}", parse_vi::period_error(e)),
            (Lang::Vi, E::Issued(e)) => format!("issued: {}", parse_vi::date_error(e)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn label(lang: Lang, l: &Label) -> String {
    match lang {
        Lang::En => en::label(l),
        Lang::Vi => vi::label(l),
    }
}

pub fn severity(lang: Lang, s: Severity) -> &'static str {
    match lang {
        Lang::En => en::severity(s),
        Lang::Vi => vi::severity(s),
    }
}

pub fn rule_summary(lang: Lang, r: Rule) -> &'static str {
    match lang {
        Lang::En => en::rule_summary(r),
        Lang::Vi => vi::rule_summary(r),
    }
}

pub fn rule_explain(lang: Lang, r: Rule) -> &'static str {
    match lang {
        Lang::En => en::rule_explain(r),
        Lang::Vi => vi::rule_explain(r),
    }
}

pub fn word(lang: Lang, w: Word) -> &'static str {
    match lang {
        Lang::En => en::word(w),
        Lang::Vi => vi::word(w),
    }
}

/// A review comment of `kh import`.
pub fn import_review(lang: Lang, r: &crate::import::draft::Review) -> String {
    match lang {
        Lang::En => import_en::review(r),
        Lang::Vi => import_vi::review(r),
    }
}

/// The first line of an imported draft.
pub fn import_heading(lang: Lang) -> String {
    match lang {
        Lang::En => import_en::heading(),
        Lang::Vi => import_vi::heading(),
    }
}

/// The first line of the proposed catalog entries.
pub fn import_proposals_heading(lang: Lang) -> String {
    match lang {
        Lang::En => import_en::proposals_heading(),
        Lang::Vi => import_vi::proposals_heading(),
    }
}

/// The summary `kh import` prints on stderr.
pub fn import_summary(lang: Lang, s: &crate::import::draft::Summary) -> String {
    match lang {
        Lang::En => import_en::summary(s),
        Lang::Vi => import_vi::summary(s),
    }
}

/// Why `kh import` could not read a file.
pub fn import_read_error(lang: Lang, file: &str, e: &crate::import::ReadError) -> String {
    match lang {
        Lang::En => import_en::read_error(file, e),
        Lang::Vi => import_vi::read_error(file, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn every_rule_and_word_has_text_in_both_languages() {
        for r in Rule::ALL {
            for lang in [Lang::En, Lang::Vi] {
                assert!(!rule_summary(lang, *r).is_empty(), "{r} {lang:?}");
                assert!(rule_explain(lang, *r).len() > 40, "{r} {lang:?}");
            }
            assert_ne!(rule_summary(Lang::En, *r), rule_summary(Lang::Vi, *r));
        }
        for w in Word::VARIANTS {
            assert!(!word(Lang::En, *w).is_empty() && !word(Lang::Vi, *w).is_empty());
        }
        for w in ExportWord::VARIANTS {
            assert!(!export_word(Lang::En, *w).is_empty());
            assert_ne!(
                export_word(Lang::En, *w),
                export_word(Lang::Vi, *w),
                "{w:?}"
            );
        }
    }
}
