//! From file bytes to the domain model: every problem becomes a located finding,
//! and whatever can still be read is kept, so one bad value never hides the rest.

use crate::domain::threshold::{self, TargetValue};
use crate::domain::{Binding, Citation, DocType, SchoolKind};
use crate::domain::{Deadline, Indicator, IndicatorUnit, Issued, Level, Period, Plan, deadline};
use crate::domain::{Direction, Reporting, SegmentValue, Str, Target, Task, Waiver};
use crate::finding::{At, FileId, Finding};
use crate::format::{self, CatalogFile, PlanFile, Text};
use crate::message::{Message, Place};
use crate::rules::Rule;
use crate::text;
use crate::yaml::{self, Seg, YamlPath};
use std::collections::{BTreeMap, HashMap};

/// Plans are a few hundred lines; a file far larger is not a plan typed by a
/// person, and reading it whole would cost memory for nothing. Every read goes
/// through `fs_guard`, which stops at this limit.
pub const MAX_FILE_BYTES: u64 = crate::fs_guard::MAX_PLAN_BYTES;

/// Bytes to text: UTF-8 only, BOM dropped, empty and binary files reported, and
/// for a legacy Vietnamese encoding, which one it probably is.
pub fn decode(file: FileId, bytes: &[u8]) -> Result<&str, Box<Finding>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(enc) = crate::encoding::wide_unicode(bytes) {
        return Err(Box::new(Finding::new(
            Rule::Syntax,
            file,
            At::Pos(yaml::Pos { line: 1, col: 1 }),
            Message::WideUnicode { encoding: enc },
        )));
    }
    if let Some(nul) = memchr::memchr(0, bytes) {
        let (line, col) = line_col(bytes, nul);
        return Err(Box::new(Finding::new(
            Rule::Syntax,
            file,
            At::Pos(yaml::Pos { line, col }),
            Message::Binary,
        )));
    }
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let (line, col) = line_col(bytes, e.valid_up_to());
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            let legacy = crate::encoding::guess(bytes).map(|enc| enc.name());
            return Err(Box::new(Finding::new(
                Rule::Syntax,
                file,
                At::Pos(yaml::Pos { line, col }),
                Message::NotUtf8 { byte, legacy },
            )));
        }
    };
    if s.trim().is_empty() {
        return Err(Box::new(Finding::new(
            Rule::Syntax,
            file,
            At::File,
            Message::EmptyFile,
        )));
    }
    Ok(s)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let good = &bytes[..offset.min(bytes.len())];
    let line = good.iter().filter(|b| **b == b'\n').count() + 1;
    let start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    (
        line,
        String::from_utf8_lossy(&good[start..]).chars().count() + 1,
    )
}

/// YAML that parses but that no plan needs and that hides mistakes or costs:
/// tabs for indentation, anchors and aliases (a "billion laughs" bomb), deep
/// nesting. One linear pass; nothing is reported for a plain plan.
fn prescan(file: FileId, src: &str) -> Option<Finding> {
    let mut depth = 0usize;
    for (n, line) in src.lines().enumerate() {
        // Bytes, not chars: every character that matters here is ASCII, and a
        // UTF-8 continuation byte never equals one. Columns count characters.
        let bytes = line.as_bytes();
        let pos = |byte: usize| {
            At::Pos(yaml::Pos {
                line: n + 1,
                col: line[..byte].chars().count() + 1,
            })
        };
        let indent = bytes
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        if let Some(t) = bytes[..indent].iter().position(|b| *b == b'\t') {
            return Some(Finding::new(Rule::Syntax, file, pos(t), Message::TabIndent));
        }
        let mut quoted = None;
        let mut prev = b' ';
        // The last byte other than whitespace before the current one, so that
        // "key: &a" and "- *a" are recognised in one pass over the line (the
        // loader is given files of megabytes on a single line).
        let mut last_solid: Option<u8> = None;
        // Inside quotes, `\"` (double) and `''` (single) do not close them.
        let mut escaped = false;
        for (i, &c) in bytes.iter().enumerate() {
            if escaped {
                escaped = false;
                prev = c;
                continue;
            }
            match (quoted, c) {
                (Some(b'"'), b'\\') => escaped = true,
                (Some(b'\''), b'\'') if bytes.get(i + 1) == Some(&b'\'') => escaped = true,
                (Some(q), c) if c == q => quoted = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') if matches!(prev, b' ' | b':' | b'[' | b'{' | b',' | b'-') => {
                    quoted = Some(c)
                }
                (None, b'#') if prev == b' ' => break,
                (None, b'&' | b'*')
                    if matches!(prev, b' ' | b'[' | b',' | b'-')
                        && (prev != b' ' || matches!(last_solid, None | Some(b':' | b'-')))
                        && line[i + 1..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric) =>
                {
                    return Some(Finding::new(Rule::Syntax, file, pos(i), Message::Anchors));
                }
                (None, b'[' | b'{') => {
                    depth += 1;
                    if depth > 32 {
                        return Some(Finding::new(
                            Rule::Syntax,
                            file,
                            pos(i),
                            Message::NestingTooDeep,
                        ));
                    }
                }
                (None, b']' | b'}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = c;
            if !c.is_ascii_whitespace() {
                last_solid = Some(c);
            }
        }
        if indent > 64 {
            return Some(Finding::new(
                Rule::Syntax,
                file,
                pos(0),
                Message::IndentTooDeep,
            ));
        }
    }
    None
}

/// Text as kh stores it: NFC, trimmed, zero-width characters dropped.
fn clean(t: &Text) -> String {
    clean_cow(t).into_owned()
}

/// [`clean`] text of a target, task or duty, shared with every plan that
/// prints it alike (`crate::intern`).
fn shared(t: &Text) -> Str {
    crate::intern::str(&clean_cow(t))
}

fn clean_cow(t: &Text) -> std::borrow::Cow<'_, str> {
    let s = t.as_str().trim();
    if !has_invisible(s) {
        return text::nfc_cow(s);
    }
    let visible: String = s.chars().filter(|c| !is_invisible(*c)).collect();
    std::borrow::Cow::Owned(text::nfc(visible.trim()))
}

/// Whether `s` holds an invisible character. All of them are encoded with a
/// lead byte E2 or EF, which a memchr finds faster than decoding every char.
fn has_invisible(s: &str) -> bool {
    memchr::memchr2_iter(0xE2, 0xEF, s.as_bytes())
        .any(|i| s[i..].chars().next().is_some_and(is_invisible))
}

/// Characters Word pastes without showing them; kh drops them from values.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn p(parts: &[Seg]) -> YamlPath {
    parts.to_vec()
}

fn k(s: &str) -> Seg {
    Seg::Key(s.to_string())
}

fn i(n: usize) -> Seg {
    Seg::Index(n)
}

/// Warnings for characters that Word pastes invisibly; they are dropped from values.
fn invisible(file: FileId, src: &str, out: &mut Vec<Finding>) {
    if !has_invisible(src) {
        return;
    }
    for (line_no, line) in src.lines().enumerate() {
        for (col, (_, c)) in line.char_indices().enumerate() {
            // A byte order mark is one only at the very start of the file.
            if is_invisible(c) && !(c == '\u{FEFF}' && line_no == 0 && col == 0) {
                out.push(Finding::new(
                    Rule::InvisibleChar,
                    file,
                    At::Pos(yaml::Pos {
                        line: line_no + 1,
                        col: col + 1,
                    }),
                    Message::Invisible { code: c as u32 },
                ));
            }
        }
    }
}

fn unknown_fields(file: FileId, catalog: bool, unknown: Vec<YamlPath>, out: &mut Vec<Finding>) {
    for path in unknown {
        let Some(Seg::Key(name)) = path.last() else {
            continue;
        };
        let known = format::known_fields(catalog, &path[..path.len() - 1]);
        let (place, parent_field) = place_of(&path);
        out.push(Finding::new(
            Rule::UnknownField,
            file,
            At::Key(path.clone()),
            Message::UnknownField {
                field: name.clone(),
                place,
                parent_field,
                nearest: nearest(name, known.iter().copied()).map(str::to_string),
            },
        ));
    }
}

fn place_of(path: &[Seg]) -> (Place, Option<String>) {
    match path.first() {
        Some(Seg::Key(k)) if path.len() > 1 => match k.as_str() {
            "targets" => (Place::Target, None),
            "tasks" => (Place::Task, None),
            "reporting" => (Place::Reporting, None),
            "waivers" => (Place::Waiver, None),
            "indicators" => (Place::Indicator, None),
            other => (Place::Field, Some(other.to_string())),
        },
        _ => (Place::Plan, None),
    }
}

pub use crate::text::{HINT_BUDGET, HINT_MAX_CANDIDATES, HINT_MAX_CHARS, nearest};

/// serde_yaml places a duplicate key at the start of its mapping; the line of
/// the second occurrence is what the user needs.
fn duplicate_key_pos(src: &str, message: &str) -> Option<yaml::Pos> {
    let key = message
        .split("duplicate field `")
        .nth(1)?
        .split('`')
        .next()?;
    let mut seen = 0;
    for (n, line) in src.lines().enumerate() {
        let t = line.trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t);
        if t.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            seen += 1;
            if seen == 2 {
                let col = line.chars().count() - t.chars().count() + 1;
                return Some(yaml::Pos { line: n + 1, col });
            }
        }
    }
    None
}

fn read_error(file: FileId, e: yaml::ReadError) -> Finding {
    let at = e.pos.map(At::Pos).unwrap_or(At::File);
    let missing = e
        .message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'));
    match (e.kind, missing) {
        (yaml::ReadErrorKind::Syntax, _) => {
            Finding::new(Rule::Syntax, file, at, Message::Yaml { detail: e.message })
        }
        (yaml::ReadErrorKind::Shape, Some(field)) => Finding::new(
            Rule::Schema,
            file,
            at,
            Message::MissingField {
                field: field.to_string(),
            },
        ),
        (yaml::ReadErrorKind::Shape, None) => {
            Finding::new(Rule::Schema, file, at, Message::Shape { detail: e.message })
        }
    }
}

fn check_version(file: FileId, kh: &Option<Text>, out: &mut Vec<Finding>) {
    if let Some(v) = kh
        && v.as_str().trim() != "1"
    {
        out.push(Finding::new(
            Rule::Schema,
            file,
            At::Value(yaml::path("kh")),
            Message::UnsupportedVersion {
                found: v.as_str().to_string(),
            },
        ));
    }
}

/// A plan file: the plan if its required parts could be read, and every finding.
pub fn plan(file: FileId, src: &str) -> (Option<Plan>, Vec<Finding>) {
    let (read, out) = read_plan(file, src);
    match read {
        PlanRead::Complete(plan) => (Some(plan), out),
        _ => (None, out),
    }
}

/// What a plan file gave.
pub enum PlanRead {
    Complete(Plan),
    /// Its level, issue date or period could not be read: the rest was read
    /// under a stand-in header, so that its own checks still run, but it
    /// takes no part in any cascade, agenda or status.
    HeaderBroken(Plan),
    Unreadable,
}

pub fn read_plan(file: FileId, src: &str) -> (PlanRead, Vec<Finding>) {
    let mut out = Vec::new();
    let Some(read) = read_document::<PlanFile>(file, src, &mut out) else {
        return (PlanRead::Unreadable, out);
    };
    unknown_fields(file, false, read.unknown, &mut out);
    let f = read.value;
    check_version(file, &f.kh, &mut out);
    let plan = build_plan(file, f, &mut out);
    (plan, out)
}

/// The year deadlines without one are read in when a plan states neither a
/// readable period nor a readable issue date: any year serves, since such a
/// plan is only read for its own findings.
const STAND_IN_YEAR: i32 = 2026;

/// Whether `src` could hold what `prescan` refuses; false for a plain plan,
/// which is then not scanned a second time (it was a sixth of `kh check`).
/// Each test is a SIMD byte search, and each errs on the side of scanning.
fn needs_prescan(src: &str) -> bool {
    let b = src.as_bytes();
    if memchr::memchr3(b'\t', b'&', b'*', b).is_some() {
        return true;
    }
    // A line break and 65 spaces: indentation the prescan refuses.
    const DEEP_INDENT: [u8; 66] = {
        let mut a = [b' '; 66];
        a[0] = b'\n';
        a
    };
    if memchr::memmem::find(b, &DEEP_INDENT).is_some() {
        return true;
    }
    // An upper bound of the flow nesting depth: `}` is not counted as closing
    // (memchr3 takes three bytes), and brackets in quotes are counted too.
    let mut depth = 0usize;
    for i in memchr::memchr3_iter(b'[', b']', b'{', b) {
        if b[i] == b']' {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > 32 {
                return true;
            }
        }
    }
    false
}

/// The YAML document of a plan or catalog file, or None with the finding that
/// says why not. Invisible characters are warned about either way.
fn read_document<T: serde::de::DeserializeOwned>(
    file: FileId,
    src: &str,
    out: &mut Vec<Finding>,
) -> Option<yaml::Read<T>> {
    let suspect = needs_prescan(src);
    if suspect && let Some(f) = prescan(file, src) {
        out.push(f);
        return None;
    }
    invisible(file, src, out);
    match yaml::read::<T>(src) {
        Ok(r) => Some(r),
        Err(mut e) => {
            if !suspect && let Some(f) = prescan(file, src) {
                out.clear();
                out.push(f);
                return None;
            }
            if let Some(p) = duplicate_key_pos(src, &e.message) {
                e.pos = Some(p);
            }
            out.push(read_error(file, e));
            None
        }
    }
}

fn build_plan(file: FileId, f: PlanFile, out: &mut Vec<Finding>) -> PlanRead {
    let level = Level::parse(f.level.as_str());
    if level.is_none() {
        out.push(Finding::new(
            Rule::Schema,
            file,
            At::Value(yaml::path("level")),
            Message::UnknownLevel {
                found: f.level.as_str().to_string(),
            },
        ));
    }
    let issued = Issued::read(f.issued.as_str());
    if let Err(error) = &issued {
        out.push(Finding::new(
            Rule::Schema,
            file,
            At::Value(yaml::path("issued")),
            Message::BadIssued {
                error: error.clone(),
            },
        ));
    }
    // Dates from a file are range-checked like those of the command line.
    let issued = issued.ok().filter(|d| {
        let inside = (1900..=2200).contains(&d.year());
        if !inside {
            out.push(Finding::new(
                Rule::Schema,
                file,
                At::Value(yaml::path("issued")),
                Message::IssuedOutOfRange {
                    found: f.issued.as_str().to_string(),
                },
            ));
        }
        inside
    });
    // "từ nay đến năm 2030" counts from the issue date.
    let period = Period::read(f.period.as_str(), issued.map(|i| i.year()));
    if let Err(error) = &period {
        out.push(Finding::new(
            Rule::Schema,
            file,
            At::Value(yaml::path("period")),
            Message::BadPeriod {
                error: error.clone(),
            },
        ));
    }
    let period = period.ok();
    let id = clean(&f.id);
    if id.is_empty() {
        out.push(Finding::new(
            Rule::Schema,
            file,
            At::Value(yaml::path("id")),
            Message::EmptyId,
        ));
    }
    let parents: Vec<String> = f
        .parent
        .as_ref()
        .map(|p| {
            p.items()
                .into_iter()
                .map(clean)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let looks_like_path = |p: &str| {
        p.ends_with(".yaml")
            || p.ends_with(".yml")
            || p.starts_with('/')
            || p.starts_with("./")
            || p.starts_with("../")
    };
    for (n, p) in parents
        .iter()
        .enumerate()
        .filter(|(_, p)| looks_like_path(p))
    {
        out.push(Finding::new(
            Rule::Schema,
            file,
            At::parent(n),
            Message::ParentIsPath { found: p.clone() },
        ));
    }
    let parents: Vec<String> = parents
        .into_iter()
        .filter(|p| !looks_like_path(p))
        .collect();
    let kind = f.doc_type.as_ref().and_then(|t| {
        let kind = DocType::parse(t.as_str());
        if kind.is_none() {
            out.push(Finding::new(
                Rule::Schema,
                file,
                At::Value(yaml::path("type")),
                Message::UnknownDocType {
                    found: t.as_str().to_string(),
                },
            ));
        }
        kind
    });
    let mut schools = Vec::new();
    for (n, s) in f.school.iter().flat_map(|s| s.items()).enumerate() {
        match SchoolKind::parse(s.as_str()) {
            Some(k) => schools.push(k),
            None => out.push(Finding::new(
                Rule::Schema,
                file,
                match &f.school {
                    Some(format::OneOrMany::Many(_)) => {
                        At::Value(vec![yaml::Seg::Key("school".into()), yaml::Seg::Index(n)])
                    }
                    _ => At::Value(yaml::path("school")),
                },
                Message::UnknownSchoolKind {
                    found: s.as_str().to_string(),
                },
            )),
        }
    }
    // A header value kh cannot read keeps the plan out of the repository, but
    // never hides the rest of its file: its targets, tasks and duties are
    // still read, and their findings reported, under a stand-in header.
    let complete = level.is_some() && issued.is_some() && period.is_some();
    let year = match (&period, &issued) {
        (Some(p), _) if p.from == p.to => p.from,
        (_, Some(i)) => i.year(),
        (Some(p), None) => p.from,
        (None, None) => STAND_IN_YEAR,
    };
    let (level, issued, period) = match (level, issued, period) {
        (Some(l), Some(i), Some(p)) => (l, i, p),
        (l, i, p) => {
            let (Some(stand_in_issued), Ok(stand_in_period)) = (
                Issued::read(&year.to_string()).ok(),
                Period::read(&year.to_string(), None),
            ) else {
                return PlanRead::Unreadable;
            };
            (
                l.unwrap_or(Level::Commune),
                i.unwrap_or(stand_in_issued),
                p.unwrap_or(stand_in_period),
            )
        }
    };

    let mut plan = Plan {
        id,
        number: f.number.as_ref().map(clean),
        title: clean(&f.title),
        issuer: clean(&f.issuer),
        level,
        issued,
        period,
        parents,
        cites: f
            .cites
            .iter()
            .flat_map(|c| c.items())
            .flat_map(citations)
            .collect(),
        kind,
        schools: if f.school.is_some() || level != Level::School {
            schools
        } else {
            SchoolKind::from_issuer(f.issuer.as_str())
        },
        segment: f.segment.iter().map(clean).collect(),
        segments: f
            .segments
            .iter()
            .map(|(k, v)| (text::nfc(k), clean(v)))
            .collect(),
        units: f
            .units
            .iter()
            .map(|(k, v)| (text::nfc(k), clean(v)))
            .collect(),
        // Sized exactly: a national repository holds two million of these
        // in memory at once, and growth by doubling left a third unused.
        reporting: Vec::with_capacity(f.reporting.len()),
        targets: Vec::with_capacity(f.targets.len()),
        waivers: Vec::with_capacity(f.waivers.len()),
        tasks: Vec::with_capacity(f.tasks.len()),
        provenance: provenance(file, &f.provenance, &[], format::PLAN_FIELDS, out),
    };

    for (n, r) in f.reporting.iter().enumerate() {
        let at = || p(&[k("reporting"), i(n), k("due")]);
        if let Some(due) = parse_due(file, &r.due, year, at, out) {
            plan.reporting.push(Reporting {
                what: shared(&r.what),
                from: r.from.iter().map(shared).collect(),
                to: r.to.as_ref().map(shared),
                due,
                provenance: provenance(
                    file,
                    &r.provenance,
                    &[k("reporting"), i(n)],
                    format::REPORTING_FIELDS,
                    out,
                ),
            });
        }
    }

    let mut target_ids = HashMap::new();
    for (n, t) in f.targets.iter().enumerate() {
        let id = clean(&t.id);
        if let Some(first) = target_ids.insert(id.clone(), n) {
            out.push(Finding::new(
                Rule::DuplicateId,
                file,
                At::Value(p(&[k("targets"), i(n), k("id")])),
                Message::DuplicateTargetId {
                    id: id.clone(),
                    first,
                },
            ));
        }
        plan.targets.push(build_target(file, n, t, year, out));
    }

    let mut task_ids = HashMap::new();
    for (n, t) in f.tasks.iter().enumerate() {
        let id = clean(&t.id);
        if let Some(first) = task_ids.insert(id.clone(), n) {
            out.push(Finding::new(
                Rule::DuplicateId,
                file,
                At::Value(p(&[k("tasks"), i(n), k("id")])),
                Message::DuplicateTaskId {
                    id: id.clone(),
                    first,
                },
            ));
        }
        let due = match &t.due {
            Some(d) => parse_due(file, d, year, || p(&[k("tasks"), i(n), k("due")]), out),
            None => None,
        };
        plan.tasks.push(Task {
            id: crate::intern::str(&id),
            area: t.area.as_ref().map(shared),
            text: shared(&t.text),
            lead: t.lead.iter().map(shared).collect(),
            cooperating: t.cooperating.iter().map(shared).collect(),
            product: t.product.as_ref().map(shared),
            due,
            note: t.note.as_ref().map(shared),
            provenance: provenance(
                file,
                &t.provenance,
                &[k("tasks"), i(n)],
                format::TASK_FIELDS,
                out,
            ),
        });
    }

    for (n, w) in f.waivers.iter().enumerate() {
        let reason = w.reason.as_ref().map(clean).unwrap_or_default();
        if reason.is_empty() {
            out.push(Finding::new(
                Rule::Waiver,
                file,
                At::Value(p(&[k("waivers"), i(n)])),
                Message::WaiverWithoutReason {
                    metric: w.metric.as_str().to_string(),
                },
            ));
        }
        plan.waivers.push(Waiver {
            metric: shared(&w.metric),
            reason: crate::intern::str(&reason),
        });
    }
    if complete {
        PlanRead::Complete(plan)
    } else {
        PlanRead::HeaderBroken(plan)
    }
}

/// The readings of the phrases one thread parsed last. Plans repeat their
/// parents' phrases ("Tháng 12/2026", "Tối thiểu 80%"), and parsing them is
/// pure (the school calendar is set once, before any plan is read), so a
/// phrase seen before is not parsed again. Bounded: emptied when full.
struct Memo<K, V>(std::cell::RefCell<HashMap<K, V>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(std::cell::RefCell::new(HashMap::new()))
    }
}

impl<K: std::hash::Hash + Eq, V: Clone> Memo<K, V> {
    const MAX: usize = 4096;

    fn get(&self, key: K, read: impl FnOnce(&K) -> V) -> V {
        if let Some(v) = self.0.borrow().get(&key) {
            return v.clone();
        }
        let v = read(&key);
        let mut m = self.0.borrow_mut();
        if m.len() >= Self::MAX {
            m.clear();
        }
        m.insert(key, v.clone());
        v
    }
}

/// The documents a `cites:` entry names. A school cites its ward's plan
/// as every other school of the ward does: read once per thread.
fn citations(t: &Text) -> Vec<Citation> {
    thread_local! {
        static READ: Memo<String, Vec<Citation>> = Memo::default();
    }
    READ.with(|m| m.get(clean(t), |p| Citation::parse_all(p)))
}

fn parse_due(
    file: FileId,
    t: &Text,
    year: i32,
    at: impl FnOnce() -> YamlPath,
    out: &mut Vec<Finding>,
) -> Option<Deadline> {
    thread_local! {
        static READ: Memo<(String, i32), Result<Deadline, deadline::DeadlineError>> =
            Memo::default();
    }
    let phrase = clean(t);
    let read = READ.with(|m| m.get((phrase, year), |(p, y)| deadline::parse(p, Some(*y))));
    match read {
        Ok(d) => Some(d),
        Err(e) => {
            out.push(Finding::new(
                Rule::Deadline,
                file,
                At::Value(at()),
                Message::BadDeadline { error: e },
            ));
            None
        }
    }
}

fn parse_value(
    file: FileId,
    t: &Text,
    at: impl FnOnce() -> YamlPath,
    out: &mut Vec<Finding>,
) -> Option<TargetValue> {
    thread_local! {
        static READ: Memo<String, Result<TargetValue, threshold::ThresholdError>> =
            Memo::default();
    }
    let read = READ.with(|m| m.get(clean(t), |p| threshold::parse_target(p)));
    match read {
        Ok(v) => Some(v),
        Err(e) => {
            out.push(Finding::new(
                Rule::Threshold,
                file,
                At::Value(at()),
                Message::BadThreshold { error: e },
            ));
            None
        }
    }
}

fn build_target(
    file: FileId,
    n: usize,
    t: &format::TargetEntry,
    year: i32,
    out: &mut Vec<Finding>,
) -> Target {
    let base = |field: &str| p(&[k("targets"), i(n), k(field)]);
    let mut values = Vec::new();
    match (&t.target, &t.by_segment) {
        (Some(_), Some(_)) => out.push(Finding::new(
            Rule::Schema,
            file,
            At::Key(base("by_segment")),
            Message::TargetAndBySegment,
        )),
        (None, None) => out.push(Finding::new(
            Rule::Schema,
            file,
            At::Value(p(&[k("targets"), i(n)])),
            Message::NoThreshold {
                id: t.id.as_str().to_string(),
            },
        )),
        (Some(v), None) => {
            if let Some(value) = parse_value(file, v, || base("target"), out) {
                values.push(SegmentValue {
                    segment: None,
                    value,
                });
            }
        }
        (None, Some(map)) => {
            for (seg, v) in map {
                let at = || p(&[k("targets"), i(n), k("by_segment"), k(seg)]);
                if let Some(value) = parse_value(file, v, at, out) {
                    values.push(SegmentValue {
                        segment: Some(crate::intern::str(&text::nfc_cow(seg))),
                        value,
                    });
                }
            }
        }
    }
    if let Some(s) = &t.stretch {
        match threshold::parse(&clean(s)) {
            Ok(stretch) => values
                .iter_mut()
                .for_each(|v| v.value.stretch = Some(Box::new(stretch.clone()))),
            Err(e) => out.push(Finding::new(
                Rule::Threshold,
                file,
                At::Value(base("stretch")),
                Message::BadStretch { error: e },
            )),
        }
    }
    // A target whose deadline does not parse is kept: it still counts as adopted.
    let due = match &t.due {
        Some(d) => parse_due(file, d, year, || base("due"), out),
        None => None,
    };
    let applies_to = match &t.applies_to {
        None => None,
        Some(list) => {
            let mut levels = Vec::new();
            for (m, l) in list.iter().enumerate() {
                match Binding::parse(&clean(l)) {
                    // A plan is named by its full id, province folder included:
                    // a bare word is a mistyped level, never a plan.
                    Binding::Plan(id) if !id.contains('/') || !crate::ids::is_valid(&id) => out
                        .push(Finding::new(
                            Rule::Schema,
                            file,
                            At::Value(p(&[k("targets"), i(n), k("applies_to"), i(m)])),
                            Message::UnknownAppliesLevel {
                                found: l.as_str().to_string(),
                            },
                        )),
                    binding => levels.push(binding),
                }
            }
            Some(levels)
        }
    };
    values.shrink_to_fit();
    Target {
        id: shared(&t.id),
        area: t.area.as_ref().map(shared),
        text: shared(&t.text),
        metric: shared(&t.metric),
        values,
        due,
        lead: t.lead.iter().map(shared).collect(),
        implementers: t.implementers.iter().map(shared).collect(),
        applies_to,
        provenance: provenance(
            file,
            &t.provenance,
            &[k("targets"), i(n)],
            format::TARGET_FIELDS,
            out,
        ),
    }
}

/// A `provenance:` map: each key a field of the same entry (`value` for the
/// threshold, whichever of target / by_segment / stretch holds it), each value
/// `inferred` or the document the value is taken from.
fn provenance(
    file: FileId,
    map: &BTreeMap<String, Text>,
    at: &[Seg],
    fields: &[&str],
    out: &mut Vec<Finding>,
) -> crate::domain::Provenances {
    let mut got = crate::domain::Provenances::new();
    for (key, v) in map {
        let key = text::nfc(key);
        let path = || {
            let mut segs = at.to_vec();
            segs.push(k("provenance"));
            segs.push(k(&key));
            segs
        };
        let known = key == "value" || (key != "provenance" && fields.contains(&key.as_str()));
        let value = clean(v);
        if !known {
            out.push(Finding::new(
                Rule::Schema,
                file,
                At::Key(path()),
                Message::ProvenanceUnknownField {
                    field: key.clone(),
                    nearest: nearest(&key, fields.iter().copied().chain(["value"]))
                        .map(str::to_string),
                },
            ));
            continue;
        }
        if value.is_empty() {
            out.push(Finding::new(
                Rule::Schema,
                file,
                At::Value(path()),
                Message::ProvenanceEmpty { field: key.clone() },
            ));
            continue;
        }
        got.insert(key, crate::domain::Provenance::parse(&value));
    }
    got
}

/// The indicator catalog file: each indicator with its place in `indicators:`.
pub fn catalog(file: FileId, src: &str) -> (Vec<(usize, Indicator)>, Vec<Finding>) {
    let mut out = Vec::new();
    let Some(read) = read_document::<CatalogFile>(file, src, &mut out) else {
        return (Vec::new(), out);
    };
    unknown_fields(file, true, read.unknown, &mut out);
    check_version(file, &read.value.kh, &mut out);
    let mut seen = std::collections::HashMap::new();
    let mut list = Vec::new();
    for (n, e) in read.value.indicators.iter().enumerate() {
        let key = clean(&e.key);
        if let Some(first) = seen.insert(key.clone(), n) {
            out.push(Finding::new(
                Rule::DuplicateId,
                file,
                At::Value(p(&[k("indicators"), i(n), k("key")])),
                Message::DuplicateIndicatorKey {
                    key: key.clone(),
                    first,
                },
            ));
            continue;
        }
        let Some(unit) = IndicatorUnit::parse(e.unit.as_str()) else {
            out.push(Finding::new(
                Rule::Schema,
                file,
                At::Value(p(&[k("indicators"), i(n), k("unit")])),
                Message::UnknownIndicatorUnit {
                    found: e.unit.as_str().to_string(),
                },
            ));
            continue;
        };
        let direction = match e.direction.as_ref().map(|d| text::fold(d.as_str())) {
            None => Direction::Higher,
            Some(d) if d == "higher" => Direction::Higher,
            Some(d) if d == "lower" => Direction::Lower,
            Some(d) => {
                out.push(Finding::new(
                    Rule::Schema,
                    file,
                    At::Value(p(&[k("indicators"), i(n), k("direction")])),
                    Message::UnknownDirection { found: d.clone() },
                ));
                Direction::Higher
            }
        };
        list.push((
            n,
            Indicator {
                key,
                name: clean(&e.name),
                unit,
                noun: e.noun.as_ref().map(clean),
                direction,
                plan_issuance: e.plan_issuance,
            },
        ));
    }
    (list, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "kh: 1\nid: a/b\ntitle: T\nissuer: I\nlevel: commune\nissued: 2026-06\nperiod: 2026\ntargets:\n  - id: \"1\"\n    text: x\n    metric: m\n    target: tối thiểu 25%\n";

    /// A phrase read before is taken from the memo only for the same plan
    /// year: "Quý IV" is the fourth quarter of each plan's own year.
    #[test]
    fn a_phrase_read_before_keeps_each_plans_year() {
        let plan = |id: &str, year: i32| {
            format!(
                "kh: 1\nid: {id}\ntitle: T\nissuer: I\nlevel: commune\nissued: {year}-01\nperiod: {year}\ntasks:\n  - {{id: T1, text: x, due: Quý IV}}\n"
            )
        };
        let (a, b) = (plan("a/x", 2026), plan("a/y", 2027));
        let repo = crate::repo::from_sources(&[("x.yaml", &a), ("y.yaml", &b), ("z.yaml", &a)]);
        let due: Vec<String> = repo
            .plans
            .iter()
            .map(|e| e.plan.tasks[0].due.as_ref().unwrap().to_string())
            .collect();
        assert_eq!(due, ["Q4/2026", "Q4/2027", "Q4/2026"]);
    }

    /// Found by `loader_reads_values_however_typed` at 10^6 cases: an escaped
    /// quote ended the quoted value early for the prescan, and `*Tháng` after
    /// it was taken for an alias.
    #[test]
    fn escaped_quotes_stay_inside_the_value() {
        for line in [
            "due: \"\\\" Thời gian hoàn thành: *Tháng 12/2026\"\n",
            "due: 'it''s: *Tháng 12/2026'\n",
        ] {
            assert_eq!(prescan(0, line), None, "{line}");
        }
        assert!(prescan(0, "due: \"a\\\\\" x: *Tháng\n").is_some());
    }

    /// The gate may let the prescan run for nothing, never skip a refusal.
    #[test]
    fn every_prescan_refusal_passes_the_gate() {
        let refused = [
            format!("{GOOD}x:\n\t- a\n"),
            format!("{GOOD}x: &a [1]\ny: *a\n"),
            format!("{GOOD}x: {}{}\n", "[".repeat(33), "]".repeat(33)),
            format!("{GOOD}x: {}{}\n", "{a: ".repeat(33), "}".repeat(33)),
            format!("{GOOD}x:\n{}y: 1\n", " ".repeat(65)),
        ];
        for src in &refused {
            assert!(prescan(0, src).is_some(), "{src}");
            assert!(needs_prescan(src), "{src}");
        }
        // A plain plan, lists in brackets included, is read once.
        let plain = format!("{GOOD}    lead: [VP, \"[1]\"]\n");
        assert!(prescan(0, &plain).is_none());
        assert!(!needs_prescan(&plain));
        assert!(!needs_prescan(GOOD));
    }

    #[test]
    fn reads_a_minimal_plan() {
        let (plan, findings) = plan(0, GOOD);
        assert!(findings.is_empty(), "{findings:?}");
        let plan = plan.unwrap();
        assert_eq!(plan.level, Level::Commune);
        assert_eq!(plan.targets.len(), 1);
    }

    #[test]
    fn unknown_field_names_the_nearest() {
        let src = GOOD.replace("issuer:", "isuer: x\nissuer:");
        let (_, f) = plan(0, &src);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "unknown-field");
        assert!(
            f[0].text(crate::ui::Lang::En)
                .contains("did you mean `issuer`"),
            "{}",
            f[0].text(crate::ui::Lang::En)
        );
    }

    #[test]
    fn bad_threshold_is_located_and_the_rest_still_loads() {
        let src = GOOD.replace("tối thiểu 25%", "120%");
        let (plan, f) = plan(0, &src);
        assert!(plan.is_some());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "threshold");
        assert_eq!(f[0].at, At::Value(yaml::path("targets.0.target")));
    }

    #[test]
    fn not_utf8_is_located() {
        let e = decode(0, b"id: a\ntitle: Tr\xECn\n").unwrap_err();
        assert_eq!(e.at, At::Pos(yaml::Pos { line: 2, col: 10 }));
    }

    #[test]
    fn empty_file_is_reported() {
        assert_eq!(decode(0, b"  \n").unwrap_err().rule, "syntax");
    }

    #[test]
    fn duplicate_target_ids() {
        let src = format!("{GOOD}  - id: \"1\"\n    text: y\n    metric: n\n    target: 5%\n");
        let (_, f) = plan(0, &src);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "duplicate-id");
    }

    #[test]
    fn nearest_suggests_close_names_only() {
        let known = ["number", "title", "issuer"];
        assert_eq!(nearest("numbr", known.iter().copied()), Some("number"));
        assert_eq!(nearest("zzzzzzzz", known.iter().copied()), None);
    }
}
