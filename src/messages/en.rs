//! English: every sentence kh prints in English. Each function mirrors one in
//! `vi.rs`; `tests` in `mod.rs` keep the two complete.

use super::Word;
use crate::domain::threshold::{Incomparability, SpanProblem, UnitKind};
use crate::finding::Severity;
use crate::fs_guard::{Kind, Role};
use crate::ids::IdProblem;
use crate::message::{CsvProblem, IoProblem, Label, Message, Place, Sentence, Usage};
use crate::rules::Rule;

fn d(date: &chrono::NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn did_you_mean(n: &Option<String>) -> String {
    n.as_ref()
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

fn seg(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!(" for segment `{s}`"))
        .unwrap_or_default()
}

fn io(p: &IoProblem) -> String {
    match p {
        IoProblem::PermissionDenied => "permission denied".into(),
        IoProblem::NotFound => "no such file or directory".into(),
        IoProblem::InvalidData => "not valid UTF-8 text".into(),
        IoProblem::Other { code: Some(c) } => format!("input/output error (OS error {c})"),
        IoProblem::Other { code: None } => "input/output error".into(),
    }
}

fn csv(p: &CsvProblem) -> String {
    match p {
        CsvProblem::FieldCount { expected, found } => {
            format!("found {found} fields where the header has {expected}")
        }
        CsvProblem::NotUtf8 => "not valid UTF-8 text".into(),
        CsvProblem::Io(p) => io(p),
        CsvProblem::Other => "not a CSV row".into(),
        CsvProblem::Workbook => "not a workbook kh can read (xlsx, xls or ods)".into(),
    }
}

fn unit_kind(u: &UnitKind) -> String {
    match u {
        UnitKind::Percentage => "a percentage".into(),
        UnitKind::CountOf(noun) => format!("a count of \"{noun}\""),
        UnitKind::PlainNumber => "a plain number".into(),
        UnitKind::Level => "a level".into(),
        UnitKind::YesNo => "a yes/no value".into(),
        UnitKind::Qualitative => "a qualitative target".into(),
    }
}

fn incomparability(i: &Incomparability) -> String {
    match i {
        Incomparability::QualitativeKinds { child, parent } => format!(
            "cannot compare \"{child}\" with \"{parent}\": qualitative targets of different kinds"
        ),
        Incomparability::Units {
            child_unit,
            child,
            parent_unit,
            parent,
        } => format!(
            "cannot compare {} (\"{child}\") with {} (\"{parent}\")",
            unit_kind(child_unit),
            unit_kind(parent_unit)
        ),
        Incomparability::Unreadable { threshold, problem } => format!(
            "\"{threshold}\": {}",
            match problem {
                SpanProblem::RatioOverZero => "a ratio with 0 as its second number means nothing",
                SpanProblem::NotFinite => "the value is not a finite number",
                SpanProblem::RangeEndsInDifferentUnits => {
                    "the two ends of the range are in different units"
                }
                SpanProblem::QualitativeIsNotANumber => "a qualitative target is not a number",
            }
        ),
    }
}

/// `a -> b -> a`, or `a -> ... -> a, N plans` for a ring longer than shown.
fn ring_text(ring: &[String], plans: usize, noun: &str) -> String {
    let first = ring.first().map(String::as_str).unwrap_or("");
    if plans <= ring.len() {
        format!("{} -> {first}", ring.join(" -> "))
    } else {
        format!("{} -> ... -> {first}, {plans} {noun}", ring.join(" -> "))
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Directory => "a directory",
        Kind::Fifo => "a FIFO (named pipe)",
        Kind::CharDevice => "a character device",
        Kind::BlockDevice => "a block device",
        Kind::Socket => "a socket",
        Kind::Other => "a special file",
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::TextFile => "a text file",
        Role::Plan => "a plan",
        Role::Catalog => "an indicator catalog",
        Role::Report => "a report (CSV)",
        Role::Settings => "a settings file",
        Role::Directory => "a directory",
    }
}

const ID_GRAMMAR: &str = "segments of lowercase ASCII letters, digits, `-`, `_` and `.`, each starting with a letter or digit, separated by `/` (e.g. ninh-binh/so-gddt-2026)";

fn id_problem(p: &IdProblem) -> String {
    match p {
        IdProblem::Empty => "the id is empty".into(),
        IdProblem::TooLong { max } => format!("the id is longer than {max} characters"),
        IdProblem::Character { shown } => format!("character {shown} is not allowed"),
        IdProblem::EmptySegment => "an empty segment (a leading, trailing or doubled `/`)".into(),
        IdProblem::DotSegment { segment } => format!("segment `{segment}` is not allowed"),
        IdProblem::Uppercase { letter } => {
            format!("uppercase `{letter}` is not allowed (ids are lowercase)")
        }
        IdProblem::BadStart { segment } => {
            format!("segment `{segment}` does not start with a letter or digit")
        }
    }
}

pub fn message(m: &Message) -> String {
    use Message::*;
    match m {
        WideUnicode { encoding } => format!(
            "file is {encoding} (Notepad's \"Unicode\"), not UTF-8: save it again as UTF-8"
        ),
        Binary => "binary file (it contains NUL bytes): expected a UTF-8 YAML text file".into(),
        NotUtf8 { byte, legacy: Some(enc) } => format!(
            "file is not UTF-8 but probably {enc}, a legacy Vietnamese encoding (byte 0x{byte:02X}): convert it to Unicode UTF-8 (e.g. with UniKey's converter) and save it again"
        ),
        NotUtf8 { byte, legacy: None } => format!(
            "file is not UTF-8: byte 0x{byte:02X} cannot start a character; expected UTF-8 text (save the file as UTF-8)"
        ),
        EmptyFile => {
            "file is empty: expected a plan (kh: 1, id, title, ...) or an indicator catalog".into()
        }
        TabIndent => "tab used for indentation: YAML indents with spaces only; replace the tab with spaces".into(),
        Anchors => "YAML anchors and aliases (&name, *name) are not accepted in plans: write each value out in full".into(),
        NestingTooDeep => "nesting deeper than 32 levels: a plan needs only a few; expected the plan format".into(),
        IndentTooDeep => "indentation deeper than 64 spaces: a plan needs only a few levels; expected the plan format".into(),
        Yaml { detail } => format!("not valid YAML: {detail}"),
        Shape { detail } => format!("does not match the plan format: {detail}"),
        MissingField { field } => {
            format!("does not match the plan format: missing field `{field}`")
        }
        Invisible { code } => format!(
            "invisible character U+{code:04X} ({}) was ignored; it usually comes from copying out of Word",
            match code {
                0x200B => "zero-width space",
                0x200C => "zero-width non-joiner",
                0x200D => "zero-width joiner",
                0xFEFF => "byte order mark",
                _ => "word joiner",
            }
        ),
        UnknownField {
            field,
            place,
            parent_field,
            nearest,
        } => {
            let place = match place {
                Place::Plan => "the plan".to_string(),
                Place::Target => "a target".into(),
                Place::Task => "a task".into(),
                Place::Reporting => "a reporting duty".into(),
                Place::Waiver => "a waiver".into(),
                Place::Indicator => "an indicator".into(),
                Place::Field => format!("`{}`", parent_field.as_deref().unwrap_or("")),
            };
            format!("unknown field `{field}` in {place}{}", did_you_mean(nearest))
        }
        UnsupportedVersion { found } => {
            format!("unsupported format version: expected `kh: 1`, found `kh: {found}`")
        }
        UnknownLevel { found } => format!(
            "unknown level: expected one of national, province, district, commune, school; found `{found}`"
        ),
        BadIssued { error } => super::parse_en::date_error(error),
        BadPeriod { error } => super::parse_en::period_error(error),
        IssuedOutOfRange { found } => {
            format!("issue date `{found}` is outside the years 1900 to 2200")
        }
        EmptyId => "empty plan id".into(),
        ParentIsPath { found } => format!(
            "parent is a plan id such as ninh-binh/so-gddt-2026, not a path; found `{found}`"
        ),
        DuplicateTargetId { id, first } => {
            format!("duplicate target id `{id}`: targets[{first}] already has it")
        }
        DuplicateTaskId { id, first } => {
            format!("duplicate task id `{id}`: tasks[{first}] already has it")
        }
        DuplicateIndicatorKey { key, first } => {
            format!("duplicate indicator key `{key}`: indicators[{first}] already has it")
        }
        BadPlanId { id, problem } => format!(
            "plan id `{id}` is not valid: {}; expected {ID_GRAMMAR}",
            id_problem(problem)
        ),
        BadParentId { parent, problem } => format!(
            "parent `{parent}` is not a valid plan id: {}; expected {ID_GRAMMAR}",
            id_problem(problem)
        ),
        ConfusablePlanId { id, other } => format!(
            "plan id `{id}` looks like `{other}`, the id of another plan: rename one so that they cannot be mistaken"
        ),
        ConfusableParent { parent, other } => format!(
            "parent `{parent}` is not a plan of the repository but looks like `{other}`: write the parent's id exactly"
        ),
        ConfusableKey { key, other } => format!(
            "indicator key `{key}` looks like the key `{other}`: rename one so that they cannot be mistaken"
        ),
        ConfusableMetric { metric, other } => format!(
            "metric `{metric}` is not in the catalog but looks like the key `{other}`: write the key exactly"
        ),
        ConfusableUnit { unit, other } => format!(
            "unit abbreviation `{unit}` looks like `{other}` of the same plan: rename one so that they cannot be mistaken"
        ),
        DuplicateCatalogKey { key } => format!(
            "indicator key `{key}` is already defined in another catalog file: one key, one definition"
        ),
        DuplicatePlanId { id } => format!("duplicate plan id `{id}`: another file already has it"),
        WaiverWithoutReason { metric } => format!(
            "waiver of `{metric}` gives no reason: expected `reason:` saying why the parent target is not adopted"
        ),
        BadDeadline { error } => super::parse_en::deadline_error(error),
        BadThreshold { error } => super::parse_en::threshold_error(error),
        BadStretch { error } => format!("stretch goal: {}", super::parse_en::threshold_error(error)),
        ProvenanceUnknownField { field, nearest } => format!(
            "provenance names `{field}`, which is not a field here{}",
            did_you_mean(nearest)
        ),
        ProvenanceEmpty { field } => format!(
            "provenance of `{field}` is empty: expected `inferred` or the document the value is taken from"
        ),
        TargetAndBySegment => "a target has either `target` or `by_segment`, not both".into(),
        NoThreshold { id } => {
            format!("target `{id}` has no threshold: expected `target:` or `by_segment:`")
        }
        UnknownAppliesLevel { found } => format!(
            "unknown entry in applies_to: expected a level (national, province, district, commune, school), a school kind (mầm non, tiểu học, THCS, THPT, GDTX, liên cấp) or a plan id; found `{found}`"
        ),
        UnknownDocType { found } => format!(
            "unknown document type: expected kế hoạch, quyết định, nghị quyết, chỉ thị or công văn (plan, decision, resolution, directive, letter); found `{found}`"
        ),
        UnknownSchoolKind { found } => format!(
            "unknown kind of school: expected mầm non, tiểu học, THCS, THPT, GDTX or liên cấp; found `{found}`"
        ),
        UnknownIndicatorUnit { found } => format!(
            "unknown unit: expected percent, count, level or yes-no; found `{found}`"
        ),
        UnknownDirection { found } => {
            format!("unknown direction: expected higher or lower; found `{found}`")
        }
        TooLarge { bytes, limit, role } => {
            let mb = |n: u64| n as f64 / 1_048_576.0;
            let max = mb(*limit);
            // The size is known exactly from the file's metadata; a read
            // stopped at the limit knows only that it is larger.
            let seen = if *bytes == limit + 1 {
                format!("over {max:.0} MB")
            } else {
                format!("{:.1} MB", mb(*bytes))
            };
            format!(
                "file is {seen}: {} is at most {max:.0} MB; not read (is this the right file?)",
                role_name(*role)
            )
        }
        LinkOutside => "symbolic link points outside the repository; not followed".into(),
        LinkLoop => "symbolic link loop; skipped".into(),
        NotAFile { file_kind, role } => format!(
            "this is {}, not a regular file; not read (expected {})",
            kind_name(*file_kind),
            role_name(*role)
        ),
        TooDeep { max } => {
            format!("directories nested more than {max} levels deep; not read further")
        }
        CannotRead { problem } => format!("cannot read file: {}", io(problem)),
        CannotReadDir { problem } => format!("cannot read directory: {}", io(problem)),
        DirLoop => "directory already visited (a symbolic link loop); skipped".into(),
        BrokenLink => "broken symbolic link; skipped".into(),
        NoPlanFiles => "no plan files (*.yaml) here: expected at least one plan".into(),

        MissingParent { parent, nearest } => format!(
            "parent plan `{parent}` is not in the repository: its targets cannot be checked against this plan; add it to plans/, or list it under `external:` in kh.yaml if it lives elsewhere{}",
            did_you_mean(nearest)
        ),
        BrokenParent {
            parent,
            file,
            readable: true,
        } => format!(
            "parent plan `{parent}` has errors in its file ({file}): only the targets that could be read are checked against this plan"
        ),
        BrokenParent {
            parent,
            file,
            readable: false,
        } => format!(
            "parent plan `{parent}` could not be read ({file} has errors): its targets cannot be checked against this plan until its file is fixed"
        ),
        UnknownBoundPlan { plan, nearest } => format!(
            "applies_to names plan `{plan}`, which is not in the repository: the target binds no plan by that id{}",
            did_you_mean(nearest)
        ),
        CheckedAlone => "this file is in no plans repository (no kh.yaml or plans/ in its folder or above): it was checked alone, so its parents' targets, the indicator catalog and other plans were not checked against it".into(),
        ExternalParent { parent } => format!(
            "parent plan `{parent}` lives outside this repository (kh.yaml `external:`): its targets are not checked against this plan"
        ),
        UndeclaredUnit { unit, nearest } => format!(
            "unit `{unit}` is not declared: expected a key of `units:` or a level word (province, district, commune, school){}",
            did_you_mean(nearest)
        ),
        UnknownMetric { metric, nearest } => format!(
            "metric `{metric}` is not in the indicator catalog (plans/indicators.yaml){}",
            did_you_mean(nearest)
        ),
        UndeclaredSegment { segment } => format!(
            "segment `{segment}` is not declared: expected a key of this plan's `segments:` or its parent's"
        ),
        NotParentSegment {
            segment,
            parent,
            known,
        } => {
            let expected = if known.is_empty() {
                format!("{parent} declares no segments")
            } else {
                format!("expected one of {}", known.join(", "))
            };
            format!("segment `{segment}` is not one of the parent's segments: {expected}")
        }
        UnitMismatch {
            metric,
            expected,
            found,
            threshold,
        } => format!(
            "metric `{metric}` is measured in {expected}, found a threshold in {found} (`{threshold}`)"
        ),
        PopulationMismatch {
            target,
            metric,
            population,
            noun,
        } => format!(
            "target {target} counts \"{population}\" but indicator `{metric}` counts \"{noun}\": check the metric, or the words after the value"
        ),
        DirectionMismatch {
            target,
            metric,
            threshold,
            upper,
        } => {
            let (bound, better) = if *upper {
                ("an upper bound", "higher")
            } else {
                ("a lower bound", "lower")
            };
            format!(
                "target {target} sets {bound} (`{threshold}`) but indicator `{metric}` is better when {better}: check the threshold, or the indicator's direction"
            )
        }

        Milestone {
            target,
            metric,
            due,
            parent_plan,
        } => format!(
            "target {target} ({metric}) is due {}, before every parent target of this metric: an intermediate step, not judged against {parent_plan}",
            due.as_ref().map(d).unwrap_or_default()
        ),
        Looser {
            target,
            metric,
            plan,
            segment,
            expected,
            parent_target,
            parent_plan,
            found,
        } => format!(
            "target {target} ({metric}) of {plan} is looser than its parent's{}: expected a threshold within `{expected}` (target {parent_target} of {parent_plan}), found `{found}`",
            seg(segment)
        ),
        Incomparable {
            target,
            metric,
            segment,
            parent_target,
            parent_plan,
            why,
        } => format!(
            "target {target} ({metric}) cannot be compared with target {parent_target} of {parent_plan}{}: {}",
            seg(segment),
            incomparability(why)
        ),
        BelowFloor {
            target,
            metric,
            plan,
            segment,
            per,
            expected,
            parent_target,
            parent_plan,
            found,
        } => format!(
            "target {target} ({metric}) of {plan}{} does not meet the floor its parent sets for each {}: expected a threshold within `{expected}` (target {parent_target} of {parent_plan}), found `{found}`",
            seg(segment),
            per.as_ref()
                .map_or("child plan".to_string(), |p| format!("\"{p}\""))
        ),
        AspirationOnly {
            target,
            metric,
            plan,
            segment,
            found,
            parent_target,
            parent_plan,
            expected,
        } => format!(
            "target {target} ({metric}) of {plan} only strives for (\"phấn đấu\") `{found}`{} where target {parent_target} of {parent_plan} requires `{expected}`: write a firm threshold",
            seg(segment)
        ),
        LaterDeadline {
            target,
            metric,
            expected,
            parent_target,
            parent_plan,
            found,
        } => format!(
            "target {target} ({metric}) is due later than its parent's: expected no later than {} (target {parent_target} of {parent_plan}), found {}",
            d(expected),
            d(found)
        ),
        MissingAdoption {
            parent_target,
            metric,
            parent_plan,
            level,
        } => format!(
            "parent target {parent_target} ({metric}) of {parent_plan} applies to {level} plans but is neither adopted nor waived: expected a target with metric `{metric}` or a waiver with a reason"
        ),
        WaiverUnknownMetric {
            metric,
            parent_plan,
        } => format!(
            "waiver of `{metric}`: expected a metric of a target of {parent_plan}, found none"
        ),
        PlanIssuedLate {
            issued,
            parent_target,
            parent_plan,
            deadline,
            level,
        } => format!(
            "plan issued {issued}, after the deadline for {level} plans to be issued set by target {parent_target} of {parent_plan}: expected by {}, found {issued}",
            d(deadline)
        ),
        DueBeforeIssued {
            target,
            due,
            issued,
            from,
        } => format!(
            "target {target} is due {}{}, before its plan was issued ({issued}): expected a deadline on or after the issue date",
            d(due),
            from.as_ref()
                .map(|(t, p)| format!(" (inherited from target {t} of {p})"))
                .unwrap_or_default()
        ),
        PeriodOutsideParent {
            period,
            parent_plan,
            parent_period,
        } => format!(
            "period {period} is not within the period of {parent_plan}: expected within {parent_period}, found {period}"
        ),
        IssuedBeforeParent {
            issued,
            parent_issued,
            parent_plan,
        } => format!(
            "plan issued before the plan it implements: expected on or after {parent_issued} ({parent_plan}), found {issued}"
        ),
        ParentCycle { plan, ring, plans } => format!(
            "plan `{plan}` is its own ancestor ({}): expected a chain of parents that ends at a root plan",
            ring_text(ring, *plans, "plans")
        ),

        NoReportsDir => "reports directory not found: expected a folder of CSV files".into(),
        ReportWideUnicode { encoding } => format!(
            "file is {encoding} (Excel's \"Unicode text\"), not UTF-8: save it as \"CSV UTF-8\""
        ),
        ReportDateOutOfRange { found, from, to } => {
            format!("as_of `{found}` is outside the years {from} to {to}; row skipped")
        }
        TooManyFindings { more, shown } => format!(
            "and {more} more finding{} in this file (the first {shown} are shown)",
            if *more == 1 { "" } else { "s" }
        ),
        ReportUnreadable { problem } => format!("cannot read file: {}", io(problem)),
        ReportHeader { problem } => format!("cannot read the header: {}", csv(problem)),
        ReportRow { problem } => format!("row skipped: {}", csv(problem)),
        ReportColumns { missing, found } => format!(
            "missing column{} {}: expected a header with plan, metric (or target), segment (optional), value, as_of, source (optional); found {}",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            found.join(", ")
        ),
        ReportUnknownPlan { plan, nearest } => format!(
            "unknown plan `{plan}`{}; row skipped",
            nearest
                .as_ref()
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default()
        ),
        ReportUnknownKey { key, plan, nearest } => format!(
            "`{key}` is neither a metric nor a target id of plan {plan}{}; row skipped",
            nearest
                .as_ref()
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default()
        ),
        ReportBadValue { error } => format!(
            "value: {}; row skipped",
            super::parse_en::threshold_error(error)
        ),
        ReportBadDate { found } => format!(
            "as_of `{found}` is not a date: expected 2026-09-30 or 30/09/2026; row skipped"
        ),
        ReportFutureDate { date, today } => format!(
            "as_of {} is in the future (today is {}); row skipped",
            d(date),
            d(today)
        ),
        ReportUnit {
            metric,
            expected,
            found,
            value,
        } => format!(
            "metric `{metric}` is measured in {expected}, found a value in {found} (`{value}`); row skipped"
        ),
        ReportUnknownSegment { segment, key, plan } => format!(
            "segment `{segment}` is not one of the segments of `{key}` in plan {plan}; row skipped"
        ),
    }
}

pub fn usage(u: &Usage) -> String {
    match u {
        Usage::NotAPlanId { id, problem } => format!(
            "`{id}` is not a plan id: {}; a plan id is {ID_GRAMMAR}",
            id_problem(problem)
        ),
        Usage::PhraseMissing => {
            "kh explain phrase needs the phrase, e.g. kh explain phrase \"Quý IV/2026\"".into()
        }
        Usage::UnknownUnit { found } => {
            format!("unknown unit `{found}`: expected percent, count, level or yes-no")
        }
        Usage::UnknownRule { name, nearest } => format!(
            "unknown rule `{name}`{} (`kh check --rules` lists them)",
            nearest
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::UnknownSettingsKey { at, key, nearest } => format!(
            "{at}: unknown key `{key}` in kh.yaml: expected one of plans, reports, lang, strict, rules, external{}",
            nearest
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::NoSuchUnit { query, nearest } => format!(
            "--unit `{query}` matches no unit of the plans read (an abbreviation, or part of a full name){}",
            nearest
                .as_ref()
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::NoSuchPlan { id, nearest } => format!(
            "--plan `{id}` is no plan of the repository{}",
            nearest
                .as_ref()
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::NoPlanOfLevel { asked, present } => format!(
            "--level {} matches no plan read: the plans read are of level {}",
            asked.join(", "),
            if present.is_empty() {
                "none".to_string()
            } else {
                present.join(", ")
            }
        ),
        Usage::NoItemOfKind { asked, present } => format!(
            "--kind {} matches no item of the plans read: they have {}",
            asked.join(", "),
            if present.is_empty() {
                "no items".to_string()
            } else {
                present.join(", ")
            }
        ),
        Usage::GitUnavailable { problem } => {
            format!("--changed needs git, which could not be run: {problem}")
        }
        Usage::NotAGitRepository { dir } => format!(
            "{dir}: not in a git repository: --changed compares with git history (run kh check without it)"
        ),
        Usage::NoSuchRevision { rev, dir } => format!(
            "{dir}: --changed {rev}: no such commit, branch or tag in this repository (is it fetched?)"
        ),
        Usage::NoDefaultBranch { dir } => format!(
            "{dir}: --changed: no base branch found (neither the pull request's, origin/HEAD, main nor master): name one, such as --changed origin/main"
        ),
        Usage::NoMergeBase { branch, dir } => format!(
            "{dir}: --changed: HEAD and {branch} share no history (a shallow clone? fetch more, such as git fetch --unshallow)"
        ),
        Usage::NoPlanInPaths { paths } => format!(
            "no plan was read from {}: name plan files, or folders that hold them",
            paths.join(", ")
        ),
        Usage::BadLangInSettings { at, found } => {
            format!("{at}: `lang: {found}` in kh.yaml: expected vi or en")
        }
        Usage::BadSchoolDayInSettings { at, key, found } => format!(
            "{at}: `school_year.{key}: {found}` in kh.yaml is not a day of the year: expected day/month, such as 5/9"
        ),
        Usage::UnknownRuleInSettings { name, nearest } => format!(
            "kh.yaml: unknown rule `{name}` under `rules:`{}",
            nearest
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::BadSeverityInSettings { rule, found } => {
            format!("kh.yaml: `rules: {{{rule}: {found}}}`: expected error, warning or note")
        }
    }
}

pub fn sentence(s: &Sentence) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match s {
        Sentence::CheckSummary {
            plans,
            files,
            files_with_errors,
            root,
            errors,
            warnings,
            notes,
        } => format!(
            "checked {}{} ({} read, {files_with_errors} with errors): {}, {}, {}",
            plural(*plans, "plan"),
            root.as_ref()
                .map(|r| format!(" in {r}"))
                .unwrap_or_default(),
            plural(*files, "file"),
            plural(*errors, "error"),
            plural(*warnings, "warning"),
            plural(*notes, "note")
        ),
        Sentence::DueSummary {
            from,
            to,
            targets,
            tasks,
            reports,
        } => format!(
            "due {} to {}: {}, {}, {}",
            d(from),
            d(to),
            plural(*targets, "target"),
            plural(*tasks, "task"),
            plural(*reports, "report")
        ),
        Sentence::OngoingCount(n) => format!("; ongoing: {n}"),
        Sentence::StartsCount(n) => format!("; starting (not due): {n}"),
        Sentence::StartsHeading => "starting in this window (a start, not a deadline):".into(),
        Sentence::InheritedNote => {
            " (* deadline inherited from the parent target or the plan's period)".into()
        }
        Sentence::UnstatedNote => {
            " († not stated in the document: inferred or taken from another; see --format json)"
                .into()
        }
        Sentence::OngoingHeading => "ongoing (no single date):".into(),
        Sentence::OverdueDays(n) => format!("overdue {}", plural(*n as usize, "day")),
        Sentence::DiffSummary { rows: 0, .. } => "0 rows".into(),
        Sentence::DiffSummary { rows, parts, later } => format!(
            "{}: {}; {later} later",
            plural(*rows, "row"),
            parts.join(", ")
        ),
        Sentence::StatusSummary { targets, parts } => {
            format!("{targets} targets: {}", parts.join(", "))
        }
        Sentence::RollupSummary {
            targets,
            met_by_all,
            not,
        } => format!("{targets} parent targets: {met_by_all} met by every child plan, {not} not"),
        Sentence::RollupCell { met, of } => format!("{met}/{of} met"),
        Sentence::StretchMet(s) => format!(" (stretch {s} met)"),
        Sentence::InitCreated { dir, files } => format!(
            "wrote {} in {dir}: {}\nnext: kh check",
            plural(files.len(), "file"),
            files.join(", ")
        ),
        Sentence::InitNothingToWrite { dir } => {
            format!("nothing to write: {dir} already has every file of a plans repository")
        }
        Sentence::InitSkipped(files) => format!(
            "left as they were (already there; --force replaces them): {}",
            files.join(", ")
        ),
        Sentence::InitNoExample { plans } => {
            format!("no example plan written: {plans}/ already holds plans")
        }
        Sentence::NoSuchPlanOrFile { name, nearest } => format!(
            "no plan `{name}` in the repository (give a plan id or the path of its file){}",
            did_you_mean(nearest)
        ),
        Sentence::NoSuchPlan { id, nearest } => format!(
            "no plan with id `{id}` in the repository{}",
            did_you_mean(nearest)
        ),
    }
}

/// One note of `kh explain phrase`.
pub fn note(n: &crate::domain::explain::Note) -> String {
    use crate::domain::explain::Note::*;
    match n {
        Aspiration => "an aspiration (\"phấn đấu\"): strived for, not committed; never stricter than a firm parent".into(),
        Stretch(s) => format!("a stretch goal beside it: `{s}`"),
        Population(p) => format!("counts «{p}»"),
        Range => "a range: a child must lie inside it".into(),
        Decreasing => "an upper bound: lower is better here".into(),
        Qualitative => "qualitative: done or not done, never compared as a number".into(),
        Reference(r) => format!("against a reference outside the plan: «{r}»"),
        Floor { per, threshold } => format!(
            "a floor every child must meet{}: `{threshold}`",
            per.as_ref().map(|p| format!(" (each «{p}»)")).unwrap_or_default()
        ),
        InUnit(u) => format!("a bare number, read in the indicator's unit ({})", u.key()),
        Start => "a start, not a deadline: the target inherits its deadline".into(),
        Recurring => "recurs: never finally due".into(),
        Inherited => "no date of its own: inherited from the parent".into(),
        Due(d) => format!("due {d}"),
        Horizons(h) => format!(
            "horizons after the span: {}",
            h.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
        ),
        SchoolYear => "bounded by the ministry's school-year framework".into(),
        Place(p) => format!("printed at «{p}»"),
    }
}

pub fn label(l: &Label) -> String {
    match l {
        Label::Target { id, plan } => format!("target {id} of {plan}"),
        Label::PeriodOf { plan } => format!("period of {plan}"),
        Label::IssueDateOf { plan } => format!("issue date of {plan}"),
        Label::FirstWithId => "first plan with this id".into(),
        Label::LookAlikePlan => "plan with a look-alike id".into(),
        Label::LookAlikeKey => "indicator with a look-alike key".into(),
        Label::FirstDefinition => "first definition of this key".into(),
    }
}

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// One line: what the rule checks (`kh check --rules`, the README table).
pub fn rule_summary(r: Rule) -> &'static str {
    match r {
        Rule::Syntax => "the file is YAML (and UTF-8, and not empty)",
        Rule::Unreadable => "every file and folder under plans/ can be read",
        Rule::LinkOutside => {
            "no symbolic link points outside the repository (its target is never read)"
        }
        Rule::LinkLoop => "no symbolic links or directories form a loop",
        Rule::NotAFile => {
            "plans, catalogs and reports are regular files, not FIFOs, devices or sockets"
        }
        Rule::TooLarge => {
            "a file is within its size limit (10 MB for a plan or catalog, 32 MB for a report)"
        }
        Rule::TooDeep => "directories are nested at most 32 levels deep",
        Rule::BadId => {
            "plan ids follow the id grammar (lowercase ASCII, digits, `-` `_` `.` and `/` between segments)"
        }
        Rule::ConfusableId => "no two plan ids, catalog keys or unit abbreviations look alike",
        Rule::DuplicateCatalogKey => "an indicator key is defined in one catalog file only",
        Rule::TooManyFindings => {
            "a file has at most 200 findings shown (100 for a report); the rest are counted"
        }
        Rule::UnknownField => {
            "every field is one the format knows; the nearest known one is suggested"
        }
        Rule::Schema => "required fields are present and values have the right type and form",
        Rule::Threshold => "thresholds parse; percentages lie within 0..100",
        Rule::Deadline => "deadlines parse",
        Rule::DuplicateId => {
            "plan ids are unique in the repository, target and task ids within a plan"
        }
        Rule::InvisibleChar => "no zero-width characters pasted from Word",
        Rule::MissingParent => "the parent plan is in the repository",
        Rule::BrokenParent => "the parent plan's file can be read without errors",
        Rule::ExternalParent => "a parent listed as living elsewhere is not checked",
        Rule::CheckedAlone => "a file in no repository is checked alone, and says so",
        Rule::UnknownPlan => "plans named in applies_to are in the repository",
        Rule::UndeclaredUnit => {
            "units named in lead, implementers, cooperating and from are declared"
        }
        Rule::UnknownMetric => "metrics are in the indicator catalog; the nearest key is named",
        Rule::UnknownSegment => "segments used are declared by the plan or its parent",
        Rule::UnitMismatch => "a threshold's unit is the indicator's unit",
        Rule::PopulationMismatch => {
            "the words after a value (\"100% học sinh\") name what the indicator counts"
        }
        Rule::DirectionMismatch => {
            "a threshold bounds the indicator on the side its direction says is better"
        }
        Rule::BelowFloor => "a child target meets the floor its parent sets for each child",
        Rule::LooserThreshold => {
            "a child target accepts only values its parent's accepts (`>= 50%` is not inside `> 50%`; `= 83%` is inside `>= 83%`; 4/4 is 100%), per segment, with the indicator's direction"
        }
        Rule::IncomparableThreshold => "a child target can be compared with its parent's",
        Rule::AspirationOnly => {
            "a child does not only strive for (`phấn đấu`) what its parent requires firmly"
        }
        Rule::Milestone => "a child target due before every parent target of its metric",
        Rule::LaterDeadline => "a child's explicit deadline is no later than its parent target's",
        Rule::PlanIssuedLate => {
            "a plan is issued by its parent's deadline for issuing it (an indicator with `plan_issuance: true`)"
        }
        Rule::MissingAdoption => {
            "each parent target that applies to the child's level, due within the child's period, is adopted or waived"
        }
        Rule::Waiver => "a waiver names a parent target and gives a reason",
        Rule::PeriodOutsideParent => "a child's period lies within its parent's",
        Rule::IssuedBeforeParent => "a child is not issued before its parent",
        Rule::DueBeforeIssued => "no target falls due before its plan is issued",
        Rule::ParentCycle => "no plan is its own ancestor",
        Rule::ReportSyntax => "a report file is CSV or a workbook kh can read",
        Rule::ReportColumns => "a report has the columns plan, metric (or target), value, as_of",
        Rule::ReportPlan => "a report row names a plan of the repository",
        Rule::ReportMetric => "a report row names a metric or target id of that plan",
        Rule::ReportSegment => "a report row's segment is one of the target's",
        Rule::ReportValue => "a report row's value parses (`87%`, `87,5%`, `4/4`, `mức 2`, `yes`)",
        Rule::ReportDate => "a report row's as_of is a date, not in the future",
        Rule::ReportUnit => "a report row's value is in its indicator's unit",
    }
}

/// A paragraph for `kh explain RULE`: why the rule exists and how to fix a finding.
pub fn rule_explain(r: Rule) -> &'static str {
    match r {
        Rule::Syntax => {
            "A plan file must be UTF-8 YAML. Files saved from old Vietnamese encodings (TCVN3, VNI, Windows-1258), binary files, empty files, tabs used for indentation, YAML anchors and very deep nesting are refused, because none of them is needed by a plan and each hides mistakes. Fix: save the file as UTF-8 and indent with spaces."
        }
        Rule::Unreadable => {
            "kh could not read a file or folder of the repository: it is too large to be a plan, it cannot be opened, or it is a broken or looping link. The other files are still checked. Fix: remove the file or make it readable."
        }
        Rule::LinkOutside => {
            "A pull request can add a symbolic link to any file of the CI machine (a credential, /etc/passwd). kh never follows a link that resolves outside the repository root, never opens or quotes its target, and reports the link itself. Fix: remove the link, or copy the file into the repository."
        }
        Rule::LinkLoop => {
            "Symbolic links that point at each other, or a directory reached twice, would make kh read for ever. kh reads each directory once and reports the loop. Fix: remove the link that closes the loop."
        }
        Rule::NotAFile => {
            "Only regular files are read: a FIFO, a device or a socket named like a plan would make kh hang or read without end. Fix: remove it, or replace it with a regular file."
        }
        Rule::TooLarge => {
            "Every read is bounded: a plan or catalog is at most 10 MB and a report at most 32 MB, far above any real one. A larger file is not read. Fix: check that it is the right file; split a very large report."
        }
        Rule::TooDeep => {
            "Directories nested more than 32 levels deep are not read further, so that a crafted tree cannot exhaust kh. Fix: flatten the folders."
        }
        Rule::BadId => {
            "Plan ids become paths and appear in every finding, so they follow a grammar: lowercase ASCII letters, digits, `-`, `_` and `.`, with `/` between segments; no `..`, no leading `/`, no spaces, controls or bidirectional marks. Fix: rename the id."
        }
        Rule::ConfusableId => {
            "Two ids, catalog keys or unit abbreviations that look alike (a Cyrillic `ѕ` for a Latin `s`, a trailing space, a bidirectional mark) let a look-alike plan replace the real one. kh compares their Unicode skeletons and reports both files. Fix: rename one of the two."
        }
        Rule::DuplicateCatalogKey => {
            "The indicator catalog may be split over several files, which are merged; a key defined in two of them would be decided by path order, so it is an error naming both files. Fix: keep one definition."
        }
        Rule::TooManyFindings => {
            "At most 200 findings are shown for one file (100 for a report), then one note counts the rest, so that a crafted file cannot flood the output. A note. Fix: correct the findings shown and run kh again."
        }
        Rule::UnknownField => {
            "Every field name must be one the plan format defines; a misspelt field would otherwise be silently ignored. The nearest known name is suggested. Fix: correct the name (see docs/format.md)."
        }
        Rule::Schema => {
            "Required fields (kh, id, title, issuer, level, issued, period) must be present and each value must have the right form: a level word, an issue date, a period, a plan id rather than a path. Fix: write the value in one of the forms docs/format.md lists."
        }
        Rule::Threshold => {
            "A target's threshold must be a phrase kh can read, as officials write it (`tối thiểu 65%`, `trên 50%`, `4/4 trường`, `mức độ 2`, ...), and a percentage must lie within 0 to 100. Fix: use one of the accepted forms (docs/format.md lists them)."
        }
        Rule::Deadline => {
            "A deadline must be a phrase kh can read (`Tháng 12/2026`, `Quý IV/2026`, `Trước ngày 30/4/2023`, `Hằng quý`, `Thường xuyên`, ...). Fix: use one of the accepted forms (docs/format.md lists them)."
        }
        Rule::DuplicateId => {
            "Plan ids are unique in the repository and target, task and indicator ids within their file, so that every reference names one thing. Fix: renumber one of the two."
        }
        Rule::InvisibleChar => {
            "Text copied from Word often carries invisible characters (zero-width spaces, joiners) that make two equal-looking names differ. kh ignores them and warns, so that the file can be cleaned. Fix: delete the character at the place shown."
        }
        Rule::MissingParent => {
            "The plan names a parent plan that is not in the repository, so its targets cannot be checked against the parent's; the nearest id is suggested. A warning, or an error with --strict. Fix: add the parent plan under plans/, correct the id, or list it under `external:` in kh.yaml."
        }
        Rule::BrokenParent => {
            "The parent plan's file has errors: the targets that could be read are still checked against this plan, the others are not. A warning. Fix: the errors reported for the parent's file."
        }
        Rule::UnknownPlan => {
            "A target's applies_to may name the plans it binds by id (a UBND tỉnh target binding its own Sở); an id that is no plan of the repository binds no one, which is almost always a typo. A warning. Fix: correct the id (the nearest is suggested), or list the plan under `external:` in kh.yaml."
        }
        Rule::CheckedAlone => {
            "A file named on the command line is checked in the context of its repository: the nearest folder from it up with a kh.yaml or a plans/ folder. A file in no repository (a draft in Downloads, say) is checked alone: its own fields, thresholds and deadlines, but not its cascade from its parents, which kh cannot find; kh says so once per file rather than calling every parent missing. A note. Fix: put the file in the repository's plans/ folder, or run kh from there."
        }
        Rule::ExternalParent => {
            "The parent plan is listed under `external:` in kh.yaml, as living outside this repository (another province's plan, say): it is not checked, and that is said once per plan. A note."
        }
        Rule::UndeclaredUnit => {
            "Entries of lead, implementers, cooperating and reporting from must be a key of the plan's `units:` or a level word, so that `kh due` can name who is responsible. Fix: declare the unit under `units:` or correct the abbreviation."
        }
        Rule::UnknownMetric => {
            "Each target's metric must be a key of the indicator catalog (plans/indicators.yaml); targets are compared across plans by metric, so a misspelt one is never compared. Fix: use the catalog's key or add the indicator to the catalog."
        }
        Rule::UnknownSegment => {
            "A per-segment threshold (by_segment) must use a segment declared by the plan or its parent, and a plan's `segment:` must be one of its parent's. Fix: declare the segment or correct its key."
        }
        Rule::UnitMismatch => {
            "A threshold must be in its indicator's unit (percent, count, level or yes-no); a count where a percentage is expected cannot be compared. Fix: write the threshold in the indicator's unit."
        }
        Rule::PopulationMismatch => {
            "Plans print what a value counts after it: \"100% học sinh\", \"95% cán bộ, giáo viên\". kh keeps these words and compares them with what the indicator counts (`noun:` in the catalog); when they name something else, the target may be under the wrong metric. A warning. Fix: move the target to the indicator that counts those people or things, or correct the words."
        }
        Rule::DirectionMismatch => {
            "A phrase that bounds a value from above (\"dưới 10%\", \"không quá 10%\", \"giảm xuống dưới 5%\") suits an indicator that is better when lower; one that bounds it from below (\"tối thiểu 80%\") suits one that is better when higher. The other way round, the target or the catalog's `direction:` is probably wrong, and the cascade would judge it the wrong way. A warning. Fix: correct the threshold, or the indicator's direction in the catalog. Ranges (\"từ 60% đến 80%\") bound both sides and are never flagged."
        }
        Rule::BelowFloor => {
            "A parent may set an aggregate and a floor for each child: \"bình quân 80%, không có xã nào dưới 50%\", \"mỗi trường tối thiểu 2 mô hình\". Every child plan the floor names (communes, schools; every child when it names none) must meet the floor; the aggregate is not judged plan by plan but against the roll-up of the children's achieved values in `kh status --rollup`. Fix: raise the child's threshold to the floor at least."
        }
        Rule::LooserThreshold => {
            "A child plan must carry each of its parent's targets at least as strictly. For a higher-is-better indicator the child's threshold must be at least the parent's; for a lower-is-better one, at most. The finding names the parent's target and quotes both thresholds. Fix: raise the child's threshold to the parent's, or record why not."
        }
        Rule::IncomparableThreshold => {
            "The child's and the parent's thresholds of one metric cannot be compared, for example counts of different things. Fix: use the same unit and noun as the parent, or a separate metric if they measure different things."
        }
        Rule::AspirationOnly => {
            "A target that only says `phấn đấu` (strive for) a value is an aspiration, not a commitment. Where the parent sets a firm threshold, a child that only strives for it has not committed to it, even when the value is as high: kh never reads an aspiration as stricter than a firm value. A warning. Fix: write the firm threshold the parent requires, and keep a higher value as `stretch:`."
        }
        Rule::Milestone => {
            "A child target due before every parent target of its metric is an intermediate step towards the parent's target, not a looser copy of it, so it is not judged. A note, for information."
        }
        Rule::LaterDeadline => {
            "A child plan must carry each of its parent's targets no later than the parent. Fix: bring the child's deadline forward to the parent's."
        }
        Rule::PlanIssuedLate => {
            "A parent plan may set a deadline for its children to issue their own plans (an indicator marked plan_issuance); a child plan issued after it is late. A warning."
        }
        Rule::MissingAdoption => {
            "Each parent target that binds the child's level must be adopted (a target with the same metric) or waived with a reason. A warning. Fix: add the target, or a waiver under `waivers:` saying why it does not apply."
        }
        Rule::Waiver => {
            "A waiver must name the metric of a target of the parent and give a reason. Fix: correct the metric or add `reason:`."
        }
        Rule::PeriodOutsideParent => {
            "A child plan's period must lie within its parent's. Fix: correct the period or the parent."
        }
        Rule::IssuedBeforeParent => {
            "A plan cannot implement a plan issued after it. Fix: correct the issue date or the parent."
        }
        Rule::DueBeforeIssued => {
            "A target due (by its own deadline or one inherited from its parent) before its plan was issued is overdue from the day the plan exists. A warning. Fix: give the target its own deadline, on or after the issue date."
        }
        Rule::ParentCycle => {
            "Following parents from any plan must end at a root plan; a plan that is its own ancestor makes the cascade meaningless. Fix: correct one `parent:` of the ring."
        }
        Rule::ReportSyntax => {
            "A report file under reports/ must be CSV, or a workbook (xlsx, xls, ods), that kh can read. Rows that cannot be read are skipped and reported. Fix: save the file as CSV (UTF-8) or as an .xlsx workbook."
        }
        Rule::ReportColumns => {
            "A report needs the columns plan, metric (or target), value and as_of; segment and source are optional. Fix: add the missing columns to the header row."
        }
        Rule::ReportPlan => {
            "Each report row must name a plan of the repository by its id. Fix: correct the plan id."
        }
        Rule::ReportMetric => {
            "Each report row must name a metric or a target id of its plan. Fix: correct the key."
        }
        Rule::ReportSegment => {
            "A report row's segment must be one of its target's segments. Fix: correct the segment."
        }
        Rule::ReportValue => {
            "A report row's value must be readable (87%, 87,5%, 4/4, mức 2, yes). Fix: write the value in one of these forms."
        }
        Rule::ReportDate => {
            "A report row's as_of must be a date (2026-09-30 or 30/09/2026), not in the future. Fix: correct the date."
        }
        Rule::ReportUnit => {
            "A report row's value must be in its indicator's unit. Fix: write the value in the indicator's unit."
        }
    }
}

pub fn word(w: Word) -> &'static str {
    use Word::*;
    match w {
        Error => "error",
        Plan => "plan",
        Plans => "plans",
        Target => "target",
        Task => "task",
        Report => "report",
        Indicator => "indicator",
        Segment => "segment",
        Threshold => "threshold",
        Deadline => "deadline",
        Date => "date",
        DaysLeft => "days left",
        Kind => "kind",
        Id => "id",
        Text => "text",
        Lead => "lead",
        Value => "value",
        AsOf => "as of",
        Status => "status",
        Severity => "severity",
        Rule => "rule",
        Message => "message",
        Group => "group",
        Summary => "what it checks",
        Ongoing => "ongoing",
        Met => "met",
        NotMet => "not met",
        DueSoon => "due soon",
        Overdue => "overdue",
        NoData => "no data",
        Stricter => "stricter",
        Same => "same",
        Looser => "looser",
        Incomparable => "incomparable",
        OnlyInA => "only in A",
        OnlyInB => "only in B",
        NotBinding => "not binding",
        MilestoneWord => "milestone",
        Earlier => "earlier",
        Later => "later",
        AThreshold => "A threshold",
        ADue => "A due",
        BThreshold => "B threshold",
        BDue => "B due",
        Verdict => "verdict",
        ChildrenMeeting => "children meeting",
        ChildrenMean => "children's mean",
        NotMeeting => "not meeting",
        Lead2 => "Lead",
        Due2 => "Due",
        Help => "help",
        Example => "example",
        File => "file",
        Line => "line",
        Col => "col",
        See => "note",
        At => "at",
        Due => "due",
        NotAdopted => "not adopted",
        Waived => "waived",
        OwnTarget => "against its own target",
        GroupFile => "file",
        GroupReferences => "references",
        GroupCascade => "cascade",
        GroupReports => "reports",
        AspirationOnly => "strives only",
        BelowFloor => "below floor",
        Formal => "read as",
        DeadlineFrom => "deadline from",
        FromOwn => "own",
        FromParent => "parent",
        FromPeriod => "period",
        NotStated => "not stated",
        Default => "default",
    }
}
