//! What a finding is about, as data: no sentence is built here. The message
//! catalogue (`crate::messages::{en, vi}`) words each variant in each language,
//! and `--format json` carries the variant and its fields as `data`, so a
//! program reading kh's output never parses a sentence.

use chrono::NaiveDate;
use serde::Serialize;

/// The plan or catalog part an unknown field was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    Plan,
    Target,
    Task,
    Reporting,
    Waiver,
    Indicator,
    /// Another top-level field's value (its name is in `field`).
    Field,
}

/// Why a file or directory could not be read, without the operating system's
/// English sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum IoProblem {
    PermissionDenied,
    NotFound,
    /// Not valid UTF-8 where text was expected.
    InvalidData,
    /// Any other error; `code` is the OS error number when there is one.
    Other {
        code: Option<i32>,
    },
}

impl From<&std::io::Error> for IoProblem {
    fn from(e: &std::io::Error) -> IoProblem {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied => IoProblem::PermissionDenied,
            std::io::ErrorKind::NotFound => IoProblem::NotFound,
            std::io::ErrorKind::InvalidData => IoProblem::InvalidData,
            _ => IoProblem::Other {
                code: e.raw_os_error(),
            },
        }
    }
}

/// Why a CSV row or header could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CsvProblem {
    /// A row with another number of fields than the header.
    FieldCount {
        expected: u64,
        found: u64,
    },
    NotUtf8,
    Io(IoProblem),
    Other,
    /// Not a workbook kh reads (xlsx, xls, ods), or a sheet it cannot read.
    Workbook,
}

impl From<&csv::Error> for CsvProblem {
    fn from(e: &csv::Error) -> CsvProblem {
        match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => CsvProblem::FieldCount {
                expected: *expected_len,
                found: *len,
            },
            csv::ErrorKind::Utf8 { .. } => CsvProblem::NotUtf8,
            csv::ErrorKind::Io(e) => CsvProblem::Io(e.into()),
            _ => CsvProblem::Other,
        }
    }
}

/// Every message a finding can carry. Threshold and deadline texts are the
/// formal notation (`>= 20%`, `Q4/2026`), the same in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Message {
    // --- reading a file -------------------------------------------------
    Binary,
    NotUtf8 {
        byte: u8,
        /// The legacy Vietnamese encoding it probably is (TCVN3, VNI, Windows-1258).
        legacy: Option<&'static str>,
    },
    EmptyFile,
    TabIndent,
    Anchors,
    NestingTooDeep,
    IndentTooDeep,
    /// Not YAML; `detail` is the YAML reader's own words, quoted.
    Yaml {
        detail: String,
    },
    /// YAML, but not of the plan format; `detail` is the reader's own words.
    Shape {
        detail: String,
    },
    MissingField {
        field: String,
    },
    Invisible {
        code: u32,
    },
    UnknownField {
        field: String,
        place: Place,
        /// The top-level field it is under, when `place` is `field`.
        parent_field: Option<String>,
        nearest: Option<String>,
    },
    UnsupportedVersion {
        found: String,
    },
    UnknownLevel {
        found: String,
    },
    BadIssued {
        found: String,
    },
    BadPeriod {
        found: String,
    },
    EmptyId,
    ParentIsPath {
        found: String,
    },
    DuplicateTargetId {
        id: String,
        first: usize,
    },
    DuplicateTaskId {
        id: String,
        first: usize,
    },
    DuplicateIndicatorKey {
        key: String,
        first: usize,
    },
    DuplicatePlanId {
        id: String,
    },
    WaiverWithoutReason {
        metric: String,
    },
    BadDeadline {
        phrase: String,
        detail: String,
    },
    BadThreshold {
        phrase: String,
        detail: String,
    },
    BadStretch {
        phrase: String,
        detail: String,
    },
    TargetAndBySegment,
    ProvenanceUnknownField {
        field: String,
        nearest: Option<String>,
    },
    ProvenanceEmpty {
        field: String,
    },
    NoThreshold {
        id: String,
    },
    UnknownAppliesLevel {
        found: String,
    },
    UnknownIndicatorUnit {
        found: String,
    },
    UnknownDirection {
        found: String,
    },
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    CannotRead {
        problem: IoProblem,
    },
    CannotReadDir {
        problem: IoProblem,
    },
    DirLoop,
    BrokenLink,
    NoPlanFiles,

    // --- references -----------------------------------------------------
    MissingParent {
        parent: String,
        cites: Option<String>,
    },
    UndeclaredUnit {
        unit: String,
        nearest: Option<String>,
    },
    UnknownMetric {
        metric: String,
        nearest: Option<String>,
    },
    UndeclaredSegment {
        segment: String,
    },
    NotParentSegment {
        segment: String,
        parent: String,
        known: Vec<String>,
    },
    UnitMismatch {
        metric: String,
        expected: &'static str,
        found: &'static str,
        threshold: String,
    },

    // --- cascade --------------------------------------------------------
    Milestone {
        target: String,
        metric: String,
        due: Option<NaiveDate>,
        parent_plan: String,
    },
    Looser {
        target: String,
        metric: String,
        plan: String,
        segment: Option<String>,
        expected: String,
        parent_target: String,
        parent_plan: String,
        found: String,
    },
    Incomparable {
        target: String,
        metric: String,
        segment: Option<String>,
        parent_target: String,
        parent_plan: String,
        why: String,
    },
    LaterDeadline {
        target: String,
        metric: String,
        expected: NaiveDate,
        parent_target: String,
        parent_plan: String,
        found: NaiveDate,
    },
    MissingAdoption {
        parent_target: String,
        metric: String,
        parent_plan: String,
        level: &'static str,
    },
    WaiverUnknownMetric {
        metric: String,
        parent_plan: String,
    },
    PlanIssuedLate {
        issued: String,
        parent_target: String,
        parent_plan: String,
        deadline: NaiveDate,
    },
    PeriodOutsideParent {
        period: String,
        parent_plan: String,
        parent_period: String,
    },
    IssuedBeforeParent {
        issued: String,
        parent_issued: String,
        parent_plan: String,
    },
    ParentCycle {
        plan: String,
        ring: Vec<String>,
    },

    // --- reports --------------------------------------------------------
    ReportUnreadable {
        problem: IoProblem,
    },
    ReportHeader {
        problem: CsvProblem,
    },
    ReportRow {
        problem: CsvProblem,
    },
    ReportColumns {
        missing: Vec<String>,
        found: Vec<String>,
    },
    ReportUnknownPlan {
        plan: String,
        nearest: Option<String>,
    },
    ReportUnknownKey {
        key: String,
        plan: String,
        nearest: Option<String>,
    },
    ReportBadValue {
        value: String,
        detail: String,
    },
    ReportBadDate {
        found: String,
    },
    ReportFutureDate {
        date: NaiveDate,
        today: NaiveDate,
    },
    ReportUnit {
        metric: String,
        expected: &'static str,
        found: &'static str,
        value: String,
    },
    ReportUnknownSegment {
        segment: String,
        key: String,
        plan: String,
    },
}

/// What a related place is (the parent's target a cascade finding compares with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Label {
    Target { id: String, plan: String },
    PeriodOf { plan: String },
    IssueDateOf { plan: String },
    FirstWithId,
}

/// Why kh cannot run as asked (exit status 2): a sentence for the user, worded
/// by the catalogue like every finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Usage {
    UnknownRule {
        name: String,
        nearest: Option<&'static str>,
    },
    UnknownRuleInSettings {
        name: String,
        nearest: Option<&'static str>,
    },
    BadSeverityInSettings {
        rule: String,
        found: String,
    },
}

/// Summary lines, headings and notes around the tables of due, diff, status
/// and init: data, worded by the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sentence {
    CheckSummary {
        plans: usize,
        errors: usize,
        warnings: usize,
        notes: usize,
    },
    DueSummary {
        from: NaiveDate,
        to: NaiveDate,
        targets: usize,
        tasks: usize,
        reports: usize,
    },
    OngoingCount(usize),
    /// What the `*` after a date means.
    InheritedNote,
    /// What the `†` after a value means.
    UnstatedNote,
    OngoingHeading,
    OverdueDays(i64),
    /// Counts already worded (`2 stricter`), and how many rows are later.
    DiffSummary {
        rows: usize,
        parts: Vec<String>,
        later: usize,
    },
    StatusSummary {
        targets: usize,
        parts: Vec<String>,
    },
    RollupSummary {
        targets: usize,
        met_by_all: usize,
        not: usize,
    },
    RollupCell {
        met: usize,
        of: usize,
    },
    StretchMet(String),
    InitFilesExist(Vec<String>),
    InitCreated {
        dir: String,
        files: usize,
    },
    /// A `--plan` that names no plan.
    NoSuchPlan {
        id: String,
        nearest: Option<String>,
    },
}
