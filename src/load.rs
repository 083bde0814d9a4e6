//! From file bytes to the domain model: every problem becomes a located finding,
//! and whatever can still be read is kept, so one bad value never hides the rest.

use crate::domain::threshold::{self, TargetValue};
use crate::domain::{Deadline, Indicator, IndicatorUnit, Issued, Level, Period, Plan, deadline};
use crate::domain::{Direction, Reporting, SegmentValue, Target, Task, Waiver};
use crate::finding::{At, FileId, Finding};
use crate::format::{self, CatalogFile, PlanFile, Text};
use crate::text;
use crate::yaml::{self, Seg, YamlPath};

/// Plans are a few hundred lines; a file far larger is not a plan typed by a
/// person, and reading it whole would cost memory for nothing. Every read goes
/// through `fs_guard`, which stops at this limit.
pub const MAX_FILE_BYTES: u64 = crate::fs_guard::MAX_PLAN_BYTES;

/// Bytes to text: UTF-8 only, BOM dropped, empty and binary files reported, and
/// for a legacy Vietnamese encoding, which one it probably is.
pub fn decode(file: FileId, bytes: &[u8]) -> Result<&str, Box<Finding>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(enc) = crate::encoding::wide_unicode(bytes) {
        return Err(Box::new(
            Finding::error(
                "syntax",
                file,
                At::Pos(yaml::Pos { line: 1, col: 1 }),
                format!("file is {enc} (Notepad's \"Unicode\"), not UTF-8: save it again as UTF-8"),
            )
            .vi(format!(
                "tệp mã {enc} (\"Unicode\" của Notepad), không phải UTF-8: hãy lưu lại dạng UTF-8"
            )),
        ));
    }
    if let Some(nul) = memchr::memchr(0, bytes) {
        let (line, col) = line_col(bytes, nul);
        return Err(Box::new(
            Finding::error(
                "syntax",
                file,
                At::Pos(yaml::Pos { line, col }),
                "binary file (it contains NUL bytes): expected a UTF-8 YAML text file",
            )
            .vi("tệp nhị phân (có byte NUL): cần tệp văn bản YAML mã UTF-8"),
        ));
    }
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let (line, col) = line_col(bytes, e.valid_up_to());
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            let (en, vi) = match crate::encoding::guess(bytes) {
                Some(enc) => (
                    format!(
                        "file is not UTF-8 but probably {}, a legacy Vietnamese encoding (byte 0x{byte:02X}): convert it to Unicode UTF-8 (e.g. with UniKey's converter) and save it again",
                        enc.name()
                    ),
                    format!(
                        "tệp không phải UTF-8 mà có lẽ là {}, một bảng mã tiếng Việt cũ (byte 0x{byte:02X}): hãy chuyển sang Unicode UTF-8 (ví dụ bằng công cụ chuyển mã của UniKey) rồi lưu lại",
                        enc.name()
                    ),
                ),
                None => (
                    format!(
                        "file is not UTF-8: byte 0x{byte:02X} cannot start a character; expected UTF-8 text (save the file as UTF-8)"
                    ),
                    format!(
                        "tệp không phải UTF-8: byte 0x{byte:02X} không bắt đầu được một ký tự; cần văn bản UTF-8 (hãy lưu tệp dạng UTF-8)"
                    ),
                ),
            };
            return Err(Box::new(
                Finding::error("syntax", file, At::Pos(yaml::Pos { line, col }), en).vi(vi),
            ));
        }
    };
    if s.trim().is_empty() {
        return Err(Box::new(
            Finding::error(
                "syntax",
                file,
                At::File,
                "file is empty: expected a plan (kh: 1, id, title, ...) or an indicator catalog",
            )
            .vi("tệp rỗng: cần một kế hoạch (kh: 1, id, title, ...) hoặc danh mục chỉ số"),
        ));
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
            return Some(
                Finding::error("syntax", file, pos(t), "tab used for indentation: YAML indents with spaces only; replace the tab with spaces")
                    .vi("dùng phím tab để thụt lề: YAML chỉ thụt lề bằng dấu cách; hãy thay tab bằng dấu cách"),
            );
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
                    return Some(
                        Finding::error("syntax", file, pos(i), "YAML anchors and aliases (&name, *name) are not accepted in plans: write each value out in full")
                            .vi("không dùng neo và bí danh YAML (&tên, *tên) trong kế hoạch: hãy viết đầy đủ từng giá trị"),
                    );
                }
                (None, b'[' | b'{') => {
                    depth += 1;
                    if depth > 32 {
                        return Some(
                            Finding::error("syntax", file, pos(i), "nesting deeper than 32 levels: a plan needs only a few; expected the plan format")
                                .vi("lồng nhau quá 32 cấp: kế hoạch chỉ cần vài cấp"),
                        );
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
            return Some(
                Finding::error("syntax", file, pos(0), "indentation deeper than 64 spaces: a plan needs only a few levels; expected the plan format")
                    .vi("thụt lề quá 64 dấu cách: kế hoạch chỉ cần vài cấp"),
            );
        }
    }
    None
}

/// Text as kh stores it: NFC, trimmed, zero-width characters dropped.
fn clean(t: &Text) -> String {
    let s = t.as_str().trim();
    if !has_invisible(s) {
        return text::nfc(s);
    }
    let visible: String = s.chars().filter(|c| !is_invisible(*c)).collect();
    text::nfc(visible.trim())
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
                out.push(Finding::warning(
                    "invisible-char",
                    file,
                    At::Pos(yaml::Pos {
                        line: line_no + 1,
                        col: col + 1,
                    }),
                    format!(
                        "invisible character U+{:04X} ({}) was ignored; it usually comes from copying out of Word",
                        c as u32,
                        match c {
                            '\u{200B}' => "zero-width space",
                            '\u{200C}' => "zero-width non-joiner",
                            '\u{200D}' => "zero-width joiner",
                            '\u{FEFF}' => "byte order mark",
                            _ => "word joiner",
                        }
                    ),
                )
.vi(format!("ký tự ẩn U+{:04X} đã bị bỏ qua; thường do sao chép từ Word", c as u32)));
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
        let hint = nearest(name, known.iter().copied())
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        out.push(
            Finding::error(
                "unknown-field",
                file,
                At::Key(path.clone()),
                format!("unknown field `{name}` in {}{hint}", where_in(&path)),
            )
            .vi(format!(
                "trường `{name}` không có trong định dạng{}",
                nearest(name, known.iter().copied())
                    .map(|n| format!("; có phải là `{n}`?"))
                    .unwrap_or_default()
            )),
        );
    }
}

fn where_in(path: &[Seg]) -> String {
    match path.first() {
        Some(Seg::Key(k)) if path.len() > 1 => match k.as_str() {
            "targets" => "a target".into(),
            "tasks" => "a task".into(),
            "reporting" => "a reporting duty".into(),
            "waivers" => "a waiver".into(),
            "indicators" => "an indicator".into(),
            other => format!("`{other}`"),
        },
        _ => "the plan".into(),
    }
}

/// The closest of `candidates` to `name`, if it is close enough to be a typo.
///
/// Bounded, since both sides can come from a hostile repository: a name over
/// [`HINT_MAX_CHARS`] or more than [`HINT_MAX_CANDIDATES`] candidates get no
/// hint; a candidate whose length alone rules it out is not compared; and all
/// the calls of a run share a budget of [`HINT_BUDGET`] comparison cells, so
/// "did you mean" over many names can never cost rows times names.
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SPENT: AtomicU64 = AtomicU64::new(0);
    if name.chars().count() > HINT_MAX_CHARS {
        return None;
    }
    let spend = |cost: u64| SPENT.fetch_add(cost, Ordering::Relaxed) + cost > HINT_BUDGET;
    // Looking at each candidate costs too: charged before anything is done.
    let (known, _) = candidates.size_hint();
    if known > HINT_MAX_CANDIDATES || spend(known as u64 + 1) {
        return None;
    }
    let candidates: Vec<&str> = candidates.take(HINT_MAX_CANDIDATES + 1).collect();
    if candidates.len() > HINT_MAX_CANDIDATES
        || spend(candidates.len().saturating_sub(known) as u64)
    {
        return None;
    }
    let folded = text::fold(name);
    let n = folded.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let limit = 2.max(c.len() / 3);
        // Folding drops marks, so it never lengthens: the raw count rules
        // out most candidates before any folding.
        if c.chars().count() + limit < n || c.len() > 4 * HINT_MAX_CHARS {
            continue;
        }
        if spend(c.len() as u64 + 1) {
            return None;
        }
        let fc = text::fold(c);
        let m = fc.chars().count();
        if n.abs_diff(m) > limit || m > HINT_MAX_CHARS {
            continue;
        }
        if spend((n.max(1) * m.max(1)) as u64) {
            return None;
        }
        let d = strsim::levenshtein(&folded, &fc);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Names longer than this get no "did you mean".
pub const HINT_MAX_CHARS: usize = 200;
/// More candidates than this: no "did you mean".
pub const HINT_MAX_CANDIDATES: usize = 100_000;
/// Comparison cells (characters times characters) all hints of a run may cost.
pub const HINT_BUDGET: u64 = 100_000_000;

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
    let (rule, what) = match e.kind {
        yaml::ReadErrorKind::Syntax => ("syntax", "not valid YAML"),
        yaml::ReadErrorKind::Shape => ("schema", "does not match the plan format"),
    };
    let at = e.pos.map(At::Pos).unwrap_or(At::File);
    Finding::error(rule, file, at, format!("{what}: {}", e.message)).vi(format!(
        "{}: {}",
        if rule == "syntax" {
            "không phải YAML hợp lệ"
        } else {
            "không khớp định dạng kế hoạch"
        },
        e.message
    ))
}

fn check_version(file: FileId, kh: &Option<Text>, out: &mut Vec<Finding>) {
    if let Some(v) = kh
        && v.as_str().trim() != "1"
    {
        out.push(
            Finding::error(
                "schema",
                file,
                At::Value(yaml::path("kh")),
                format!(
                    "unsupported format version: expected `kh: 1`, found `kh: {}`",
                    v.as_str()
                ),
            )
            .vi(format!(
                "phiên bản định dạng không hỗ trợ: cần `kh: 1`, gặp `kh: {}`",
                v.as_str()
            )),
        );
    }
}

/// A plan file: the plan if its required parts could be read, and every finding.
pub fn plan(file: FileId, src: &str) -> (Option<Plan>, Vec<Finding>) {
    let mut out = Vec::new();
    let Some(read) = read_document::<PlanFile>(file, src, &mut out) else {
        return (None, out);
    };
    unknown_fields(file, false, read.unknown, &mut out);
    let f = read.value;
    check_version(file, &f.kh, &mut out);
    let plan = build_plan(file, f, &mut out);
    (plan, out)
}

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

fn build_plan(file: FileId, f: PlanFile, out: &mut Vec<Finding>) -> Option<Plan> {
    let level = Level::parse(f.level.as_str());
    if level.is_none() {
        out.push(Finding::error(
            "schema",
            file,
            At::Value(yaml::path("level")),
            format!(
                "unknown level: expected one of national, province, district, commune, school; found `{}`",
                f.level.as_str()
            ),
        )
.vi(format!("cấp không hợp lệ: cần một trong national, province, district, commune, school; gặp `{}`", f.level.as_str())));
    }
    let parsed = Issued::parse(f.issued.as_str());
    // Dates from a file are range-checked like those of the command line.
    let out_of_range = parsed.is_some_and(|d| !(1900..=2200).contains(&d.year()));
    let issued = parsed.filter(|_| !out_of_range);
    if out_of_range {
        out.push(
            Finding::error(
                "schema",
                file,
                At::Value(yaml::path("issued")),
                format!(
                    "issue date `{}` is outside the years 1900 to 2200",
                    f.issued.as_str()
                ),
            )
            .vi(format!(
                "ngày ban hành `{}` nằm ngoài các năm 1900 đến 2200",
                f.issued.as_str()
            )),
        );
    } else if issued.is_none() {
        out.push(
            Finding::error(
                "schema",
                file,
                At::Value(yaml::path("issued")),
                format!(
                    "bad issue date: expected YYYY-MM-DD or YYYY-MM (day left blank); found `{}`",
                    f.issued.as_str()
                ),
            )
            .vi(format!(
                "ngày ban hành không hợp lệ: cần YYYY-MM-DD hoặc YYYY-MM (để trống ngày); gặp `{}`",
                f.issued.as_str()
            )),
        );
    }
    let period = Period::parse(f.period.as_str());
    if period.is_none() {
        out.push(Finding::error(
            "schema",
            file,
            At::Value(yaml::path("period")),
            format!(
                "bad period: expected a year such as 2026 or a span such as 2022-2025; found `{}`",
                f.period.as_str()
            ),
        )
.vi(format!("thời kỳ không hợp lệ: cần một năm như 2026 hoặc giai đoạn như 2022-2025; gặp `{}`", f.period.as_str())));
    }
    let id = clean(&f.id);
    if id.is_empty() {
        out.push(
            Finding::error("schema", file, At::Value(yaml::path("id")), "empty plan id")
                .vi("mã kế hoạch (id) rỗng"),
        );
    }
    let parent = f.parent.as_ref().map(clean).filter(|s| !s.is_empty());
    let looks_like_path = |p: &str| {
        p.ends_with(".yaml")
            || p.ends_with(".yml")
            || p.starts_with('/')
            || p.starts_with("./")
            || p.starts_with("../")
    };
    if let Some(p) = parent.as_deref().filter(|p| looks_like_path(p)) {
        out.push(
            Finding::error(
                "schema",
                file,
                At::Value(yaml::path("parent")),
                format!(
                    "parent is a plan id such as ninh-binh/so-gddt-2026, not a path; found `{p}`"
                ),
            )
            .vi(format!(
                "parent là mã kế hoạch như ninh-binh/so-gddt-2026, không phải đường dẫn; gặp `{p}`"
            )),
        );
    }
    let parent = parent.filter(|p| !looks_like_path(p));
    let (level, issued, period) = (level?, issued?, period?);
    let year = if period.from == period.to {
        period.from
    } else {
        issued.year()
    };

    let mut plan = Plan {
        id,
        number: f.number.as_ref().map(clean),
        title: clean(&f.title),
        issuer: clean(&f.issuer),
        level,
        issued,
        period,
        parent,
        cites: f.cites.as_ref().map(clean),
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
    };

    for (n, r) in f.reporting.iter().enumerate() {
        let at = || p(&[k("reporting"), i(n), k("due")]);
        if let Some(due) = parse_due(file, &r.due, year, at, out) {
            plan.reporting.push(Reporting {
                what: clean(&r.what),
                from: r.from.iter().map(clean).collect(),
                to: r.to.as_ref().map(clean),
                due,
            });
        }
    }

    let mut target_ids = std::collections::HashMap::new();
    for (n, t) in f.targets.iter().enumerate() {
        let id = clean(&t.id);
        if let Some(first) = target_ids.insert(id.clone(), n) {
            out.push(
                Finding::error(
                    "duplicate-id",
                    file,
                    At::Value(p(&[k("targets"), i(n), k("id")])),
                    format!("duplicate target id `{id}`: targets[{first}] already has it"),
                )
                .vi(format!(
                    "trùng mã chỉ tiêu `{id}`: targets[{first}] đã dùng mã này"
                )),
            );
        }
        plan.targets.push(build_target(file, n, t, year, out));
    }

    let mut task_ids = std::collections::HashMap::new();
    for (n, t) in f.tasks.iter().enumerate() {
        let id = clean(&t.id);
        if let Some(first) = task_ids.insert(id.clone(), n) {
            out.push(
                Finding::error(
                    "duplicate-id",
                    file,
                    At::Value(p(&[k("tasks"), i(n), k("id")])),
                    format!("duplicate task id `{id}`: tasks[{first}] already has it"),
                )
                .vi(format!(
                    "trùng mã nhiệm vụ `{id}`: tasks[{first}] đã dùng mã này"
                )),
            );
        }
        let due = match &t.due {
            Some(d) => parse_due(file, d, year, || p(&[k("tasks"), i(n), k("due")]), out),
            None => None,
        };
        plan.tasks.push(Task {
            id,
            area: t.area.as_ref().map(clean),
            text: clean(&t.text),
            lead: t.lead.iter().map(clean).collect(),
            cooperating: t.cooperating.iter().map(clean).collect(),
            product: t.product.as_ref().map(clean),
            due,
            note: t.note.as_ref().map(clean),
        });
    }

    for (n, w) in f.waivers.iter().enumerate() {
        let reason = w.reason.as_ref().map(clean).unwrap_or_default();
        if reason.is_empty() {
            out.push(Finding::error(
                "waiver",
                file,
                At::Value(p(&[k("waivers"), i(n)])),
                format!(
                    "waiver of `{}` gives no reason: expected `reason:` saying why the parent target is not adopted",
                    w.metric.as_str()
                ),
            )
.vi(format!("miễn áp dụng `{}` không nêu lý do: cần `reason:` giải thích vì sao không nhận chỉ tiêu cấp trên", w.metric.as_str())));
        }
        plan.waivers.push(Waiver {
            metric: clean(&w.metric),
            reason,
        });
    }
    Some(plan)
}

fn parse_due(
    file: FileId,
    t: &Text,
    year: i32,
    at: impl FnOnce() -> YamlPath,
    out: &mut Vec<Finding>,
) -> Option<Deadline> {
    match deadline::parse(&clean(t), Some(year)) {
        Ok(d) => Some(d),
        Err(e) => {
            let vi = format!("thời hạn không đọc được: {}", e.message);
            out.push(Finding::error("deadline", file, At::Value(at()), e.message).vi(vi));
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
    match threshold::parse_target(&clean(t)) {
        Ok(v) => Some(v),
        Err(e) => {
            let vi = format!("ngưỡng không đọc được: {}", e.message);
            out.push(Finding::error("threshold", file, At::Value(at()), e.message).vi(vi));
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
        (Some(_), Some(_)) => out.push(
            Finding::error(
                "schema",
                file,
                At::Key(base("by_segment")),
                "a target has either `target` or `by_segment`, not both",
            )
            .vi("một chỉ tiêu có `target` hoặc `by_segment`, không có cả hai"),
        ),
        (None, None) => out.push(
            Finding::error(
                "schema",
                file,
                At::Value(p(&[k("targets"), i(n)])),
                format!(
                    "target `{}` has no threshold: expected `target:` or `by_segment:`",
                    t.id.as_str()
                ),
            )
            .vi(format!(
                "chỉ tiêu `{}` không có ngưỡng: cần `target:` hoặc `by_segment:`",
                t.id.as_str()
            )),
        ),
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
                        segment: Some(text::nfc(seg)),
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
            Err(e) => out.push(
                Finding::error(
                    "threshold",
                    file,
                    At::Value(base("stretch")),
                    e.message.clone(),
                )
                .vi(format!("mức phấn đấu không đọc được: {}", e.message)),
            ),
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
                match Level::parse(l.as_str()) {
                    Some(level) => levels.push(level),
                    None => out.push(Finding::error(
                        "schema",
                        file,
                        At::Value(p(&[k("targets"), i(n), k("applies_to"), i(m)])),
                        format!(
                            "unknown level in applies_to: expected national, province, district, commune or school; found `{}`",
                            l.as_str()
                        ),
                    )
.vi(format!("cấp không hợp lệ trong applies_to: cần national, province, district, commune hoặc school; gặp `{}`", l.as_str()))),
                }
            }
            Some(levels)
        }
    };
    values.shrink_to_fit();
    Target {
        id: clean(&t.id),
        area: t.area.as_ref().map(clean),
        text: clean(&t.text),
        metric: clean(&t.metric),
        values,
        due,
        lead: t.lead.iter().map(clean).collect(),
        implementers: t.implementers.iter().map(clean).collect(),
        applies_to,
    }
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
            out.push(
                Finding::error(
                    "duplicate-id",
                    file,
                    At::Value(p(&[k("indicators"), i(n), k("key")])),
                    format!("duplicate indicator key `{key}`: indicators[{first}] already has it"),
                )
                .vi(format!(
                    "trùng khóa chỉ số `{key}`: indicators[{first}] đã dùng khóa này"
                )),
            );
            continue;
        }
        let Some(unit) = IndicatorUnit::parse(e.unit.as_str()) else {
            out.push(
                Finding::error(
                    "schema",
                    file,
                    At::Value(p(&[k("indicators"), i(n), k("unit")])),
                    format!(
                        "unknown unit: expected percent, count, level or yes-no; found `{}`",
                        e.unit.as_str()
                    ),
                )
                .vi(format!(
                    "đơn vị đo không hợp lệ: cần percent, count, level hoặc yes-no; gặp `{}`",
                    e.unit.as_str()
                )),
            );
            continue;
        };
        let direction = match e.direction.as_ref().map(|d| text::fold(d.as_str())) {
            None => Direction::Higher,
            Some(d) if d == "higher" => Direction::Higher,
            Some(d) if d == "lower" => Direction::Lower,
            Some(d) => {
                out.push(
                    Finding::error(
                        "schema",
                        file,
                        At::Value(p(&[k("indicators"), i(n), k("direction")])),
                        format!("unknown direction: expected higher or lower; found `{d}`"),
                    )
                    .vi(format!(
                        "chiều không hợp lệ: cần higher hoặc lower; gặp `{d}`"
                    )),
                );
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
            f[0].message.contains("did you mean `issuer`"),
            "{}",
            f[0].message
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
