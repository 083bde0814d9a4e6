//! What a finding is about, as data: no sentence is built here. The message
//! catalogue (`crate::messages::{en, vi}`) words each variant in each language,
//! and `--format json` carries the variant and its fields as `data`, so a
//! program reading kh's output never parses a sentence.

use chrono::NaiveDate;
use serde::Serialize;

/// A phrase kh could not read, in JSON: the phrase and the nearest accepted
/// form, the same in every language.
pub trait PhraseError {
    fn input(&self) -> &str;
    fn help(&self) -> Option<&'static str>;
}

fn as_input<S: serde::Serializer, E: PhraseError>(e: &E, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("phrase", 2)?;
    st.serialize_field("phrase", e.input())?;
    st.serialize_field("help", &e.help())?;
    st.end()
}

macro_rules! phrase_error {
    ($($t:ty),*) => {$(
        impl PhraseError for $t {
            fn input(&self) -> &str {
                &self.input
            }
            fn help(&self) -> Option<&'static str> {
                self.help
            }
        }
    )*};
}

phrase_error!(
    crate::domain::threshold::ThresholdError,
    crate::domain::deadline::DeadlineError,
    crate::domain::period::PeriodError,
    crate::domain::date::DateError
);

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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Message {
    // --- reading a file -------------------------------------------------
    Binary,
    /// UTF-16 or UTF-32: what Notepad and Excel call "Unicode".
    WideUnicode {
        encoding: &'static str,
    },
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
        #[serde(serialize_with = "as_input")]
        error: crate::domain::date::DateError,
    },
    BadPeriod {
        #[serde(serialize_with = "as_input")]
        error: crate::domain::period::PeriodError,
    },
    IssuedOutOfRange {
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
    BadPlanId {
        id: String,
        problem: crate::ids::IdProblem,
    },
    BadParentId {
        parent: String,
        problem: crate::ids::IdProblem,
    },
    ConfusablePlanId {
        id: String,
        other: String,
    },
    ConfusableParent {
        parent: String,
        other: String,
    },
    ConfusableKey {
        key: String,
        other: String,
    },
    ConfusableMetric {
        metric: String,
        other: String,
    },
    ConfusableUnit {
        unit: String,
        other: String,
    },
    DuplicateCatalogKey {
        key: String,
    },
    WaiverWithoutReason {
        metric: String,
    },
    BadDeadline {
        #[serde(serialize_with = "as_input")]
        error: crate::domain::deadline::DeadlineError,
    },
    BadThreshold {
        #[serde(serialize_with = "as_input")]
        error: crate::domain::threshold::ThresholdError,
    },
    BadStretch {
        #[serde(serialize_with = "as_input")]
        error: crate::domain::threshold::ThresholdError,
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
    UnknownDocType {
        found: String,
    },
    UnknownSchoolKind {
        found: String,
    },
    UnknownIndicatorUnit {
        found: String,
    },
    UnknownDirection {
        found: String,
    },
    TooLarge {
        /// The size seen; `limit + 1` when a read stopped at the limit.
        bytes: u64,
        limit: u64,
        role: crate::fs_guard::Role,
    },
    LinkOutside,
    LinkLoop,
    NotAFile {
        file_kind: crate::fs_guard::Kind,
        role: crate::fs_guard::Role,
    },
    TooDeep {
        max: usize,
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
        nearest: Option<String>,
    },
    /// The parent's file has errors: `readable` when part of it was read.
    BrokenParent {
        parent: String,
        file: String,
        readable: bool,
    },
    ExternalParent {
        parent: String,
    },
    /// A plan file in no repository: no parent, catalog or sibling was read.
    CheckedAlone,
    UnknownBoundPlan {
        plan: String,
        nearest: Option<String>,
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
    /// "100% học sinh" under an indicator that counts teachers.
    PopulationMismatch {
        target: String,
        metric: String,
        population: String,
        noun: String,
    },
    /// A bound against the indicator's direction: "dưới 10%" where higher is
    /// better (`upper`), "tối thiểu 5%" where lower is better.
    DirectionMismatch {
        target: String,
        metric: String,
        threshold: String,
        upper: bool,
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
    /// Below the floor a parent sets for each child ("không có xã nào dưới 50%").
    BelowFloor {
        target: String,
        metric: String,
        plan: String,
        segment: Option<String>,
        per: Option<String>,
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
        why: crate::domain::threshold::Incomparability,
    },
    AspirationOnly {
        target: String,
        metric: String,
        plan: String,
        segment: Option<String>,
        found: String,
        parent_target: String,
        parent_plan: String,
        expected: String,
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
        /// The level of the plans the target sets the deadline for.
        level: &'static str,
    },
    DueBeforeIssued {
        target: String,
        due: NaiveDate,
        issued: String,
        /// The parent target the deadline is inherited from, if it is.
        from: Option<(String, String)>,
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
        /// The first plans of the ring, from `plan` (at most eight).
        ring: Vec<String>,
        /// How many plans the ring has.
        plans: usize,
    },

    // --- reports --------------------------------------------------------
    ReportUnreadable {
        problem: IoProblem,
    },
    NoReportsDir,
    ReportWideUnicode {
        encoding: &'static str,
    },
    ReportDateOutOfRange {
        found: String,
        from: i32,
        to: i32,
    },
    TooManyFindings {
        more: usize,
        shown: usize,
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
        #[serde(serialize_with = "as_input")]
        error: crate::domain::threshold::ThresholdError,
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
    LookAlikePlan,
    LookAlikeKey,
    FirstDefinition,
    PeriodOf { plan: String },
    IssueDateOf { plan: String },
    FirstWithId,
}

/// Why kh cannot run as asked (exit status 2): a sentence for the user, worded
/// by the catalogue like every finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Usage {
    PhraseMissing,
    UnknownUnit {
        found: String,
    },
    NotAPlanId {
        id: String,
        problem: crate::ids::IdProblem,
    },
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
    /// A key of kh.yaml that kh does not know, with where it stands.
    UnknownSettingsKey {
        at: String,
        key: String,
        nearest: Option<&'static str>,
    },
    BadLangInSettings {
        at: String,
        found: String,
    },
    /// A `school_year:` bound that is no day of the year.
    BadSchoolDayInSettings {
        at: String,
        key: &'static str,
        found: String,
    },
    /// `--unit` names no unit of any plan read.
    NoSuchUnit {
        query: String,
        nearest: Option<String>,
    },
    NoSuchPlan {
        id: String,
        nearest: Option<String>,
    },
    NoPlanOfLevel {
        asked: Vec<String>,
        present: Vec<String>,
    },
    NoItemOfKind {
        asked: Vec<String>,
        present: Vec<String>,
    },
    NoPlanInPaths {
        paths: Vec<String>,
    },
    /// `kh check --changed`: git could not be run.
    GitUnavailable {
        problem: String,
    },
    /// `kh check --changed` in a folder outside any git repository.
    NotAGitRepository {
        dir: String,
    },
    /// `kh check --changed REV` with a REV that names no commit.
    NoSuchRevision {
        rev: String,
        dir: String,
    },
    /// `kh check --changed` without REV, and no base branch to be found.
    NoDefaultBranch {
        dir: String,
    },
    /// The base branch shares no history with HEAD (a shallow clone).
    NoMergeBase {
        branch: String,
        dir: String,
    },
}

/// Summary lines, headings and notes around the tables of due, diff, status
/// and init: data, worded by the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sentence {
    CheckSummary {
        plans: usize,
        /// YAML files read, the context of named files included.
        files: usize,
        /// Files with at least one error reported.
        files_with_errors: usize,
        /// The repository checked, as the user can find it.
        root: Option<String>,
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
    /// Items that begin in the window: never due, listed apart.
    StartsCount(usize),
    StartsHeading,
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
    /// `kh init` wrote these files.
    InitCreated {
        dir: String,
        files: Vec<String>,
    },
    InitNothingToWrite {
        dir: String,
    },
    /// Files `kh init` found there and left alone.
    InitSkipped(Vec<String>),
    InitNoExample {
        plans: String,
    },
    /// A plan named by id or path that is not in the repository.
    NoSuchPlanOrFile {
        name: String,
        nearest: Option<String>,
    },
    /// A `--plan` that names no plan.
    NoSuchPlan {
        id: String,
        nearest: Option<String>,
    },
}
