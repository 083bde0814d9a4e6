//! Finding the plan in a neutral [`Document`]: the header block, the citations,
//! the period, the numbered sections, the targets of "Mục tiêu cụ thể", the
//! appendix tables by their column headings, and the reporting duties. No I/O;
//! every value the domain parsers cannot read is kept, with its place, for review.

use super::{Block, Document, Place, Row, Table, clean};
use crate::domain::{deadline, threshold};
use crate::text::fold;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct Header {
    pub number: Option<String>,
    pub place: Option<String>,
    /// YYYY-MM-DD, or YYYY-MM when the day is blank.
    pub issued: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    pub cites: Vec<String>,
    /// "2026" or "2022-2030".
    pub period: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// One threshold phrase for the whole plan.
    One(String),
    /// A threshold per segment: (the words naming it, the phrase).
    Segments(Vec<(String, String)>),
    /// No value in the document: read as yes/no, to be reviewed.
    Missing,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub id: String,
    pub area: Option<String>,
    pub text: String,
    pub value: Value,
    pub due: Option<String>,
    pub lead: Vec<String>,
    pub implementers: Vec<String>,
    pub place: Place,
    /// The row had no TT: its id is the one after the row before.
    pub id_inferred: bool,
    /// A value stated inside the task of the same id (a table row), made a
    /// target too.
    pub in_task: bool,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub area: Option<String>,
    pub text: String,
    pub lead: Vec<String>,
    pub cooperating: Vec<String>,
    pub product: Option<String>,
    pub due: Option<String>,
    pub place: Place,
    /// The other cells of a row whose cells ran together (a table copied out
    /// of a PDF as lines), kept as they stand for review.
    pub rest: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub what: String,
    /// Who reports, as the document names them (its section heading).
    pub from: Option<String>,
    pub to: Option<String>,
    pub due: String,
    /// The document gives no period ("Định kỳ báo cáo").
    pub due_inferred: bool,
    pub place: Place,
}

/// Something the reader kept but could not use as it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Unread {
    pub place: Place,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub header: Header,
    pub targets: Vec<Target>,
    pub tasks: Vec<Task>,
    pub reports: Vec<Report>,
    /// Table rows read (header rows and section rows included).
    pub rows: usize,
    /// Rows of tables whose columns were not recognised.
    pub unread_rows: Vec<Unread>,
    /// Bullets under "Mục tiêu cụ thể" holding no value: not targets.
    pub no_value: Vec<Unread>,
    /// The other cells of target rows of a table copied as lines.
    pub run_together: Vec<Unread>,
}

// ---------------------------------------------------------------- labels

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Roman,
    /// Arabic, with the number of its parts ("2.1" has 2).
    Arabic(usize),
    Letter,
    Paren,
    Bullet,
    Plus,
}

impl LabelKind {
    fn rank(self) -> usize {
        match self {
            LabelKind::Roman => 0,
            LabelKind::Arabic(d) => d.min(8),
            LabelKind::Letter => 10,
            LabelKind::Paren => 11,
            LabelKind::Bullet => 20,
            LabelKind::Plus => 21,
        }
    }
}

const ROMANS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

fn roman_value(s: &str) -> Option<usize> {
    ROMANS.iter().position(|r| *r == s).map(|i| i + 1)
}

/// The section label a line opens with, its kind and the rest of the line:
/// "I.", "2.1.", "2.2", "a)", "a.", "(1)", "-", "+".
pub fn label_of(line: &str) -> Option<(String, LabelKind, &str)> {
    let l = line.trim_start();
    let first = l.chars().next()?;
    if matches!(first, '-' | '–' | '•') {
        return Some((
            "-".into(),
            LabelKind::Bullet,
            l[first.len_utf8()..].trim_start(),
        ));
    }
    if first == '+' {
        return Some(("+".into(), LabelKind::Plus, l[1..].trim_start()));
    }
    let word_end = l.find([' ', '\u{a0}']).unwrap_or(l.len());
    let word = &l[..word_end];
    let rest = l[word_end..].trim_start();
    if rest.is_empty() && !word.ends_with(['.', ')']) {
        return None;
    }
    if let Some(inner) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')'))
        && !inner.is_empty()
        && inner.len() <= 2
        && inner.chars().all(|c| c.is_ascii_digit())
    {
        return Some((inner.into(), LabelKind::Paren, rest));
    }
    let core = word.trim_end_matches(['.', ')']);
    let closed = core.len() < word.len();
    if core.is_empty() {
        return None;
    }
    if closed && word.ends_with('.') && roman_value(core).is_some() {
        return Some((core.into(), LabelKind::Roman, rest));
    }
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && closed
        && (c.is_ascii_lowercase() || c == 'đ')
    {
        return Some((core.into(), LabelKind::Letter, rest));
    }
    let parts: Vec<&str> = core.split('.').collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
        && (closed || parts.len() > 1)
        && !rest.starts_with('%')
    {
        return Some((core.into(), LabelKind::Arabic(parts.len()), rest));
    }
    None
}

// ---------------------------------------------------------------- values

/// Where one value sits in a sentence: byte range of the number (with its
/// `%` or noun) and the phrase kh reads as its threshold.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    start: usize,
    end: usize,
    phrase: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The numbers of a sentence that state a value: percentages first; else
/// ratios ("4/4"); else levels ("mức độ 2"); else counts written with a
/// leading zero ("01 mô hình"). Dates ("30/4/2023") are not ratios.
fn numbers(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut pct = Vec::new();
    let mut ratio = Vec::new();
    let mut count = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'/'))
        {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || ((b[i] == b',' || b[i] == b'.')
                        && i + 1 < b.len()
                        && b[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            let mut j = i;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            if j < b.len() && b[j] == b'%' {
                pct.push((start, j + 1));
                i = j + 1;
                continue;
            }
            if i < b.len() && b[i] == b'/' && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
                let mut k = i + 1;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                if k >= b.len() || (b[k] != b'/' && b[k] != b'-' && !b[k].is_ascii_alphanumeric()) {
                    // "4/4" but not "30/4/2023" nor "92/KH".
                    let before_date = s[..start].trim_end();
                    if !fold(before_date).ends_with("ngay") && !fold(before_date).ends_with("truoc")
                    {
                        ratio.push((start, k));
                    }
                }
                i = k;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'/') {
                    i += 1;
                }
                continue;
            }
            if b[start] == b'0'
                && i - start == 2
                && j < b.len()
                && (b[j] as char).is_alphabetic() | (b[j] >= 0x80)
            {
                count.push((start, i));
            }
            continue;
        }
        i += 1;
    }
    if !pct.is_empty() {
        return pct;
    }
    if !ratio.is_empty() {
        return ratio;
    }
    let f = s.to_lowercase();
    let mut levels = Vec::new();
    for key in ["mức độ ", "mức "] {
        let mut from = 0;
        while let Some(k) = f[from..].find(key) {
            let at = from + k;
            let num = at + key.len();
            let digits = f[num..].bytes().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 && !levels.iter().any(|(a, _)| *a <= at && at < *a + 12) {
                levels.push((at, num + digits));
            }
            from = num;
        }
        if !levels.is_empty() {
            break;
        }
    }
    if !levels.is_empty() {
        levels.sort();
        return levels;
    }
    count
}

fn readable(phrase: &str) -> bool {
    threshold::parse_target(phrase).is_ok()
}

/// Up to `n` words before byte `at`, not crossing a clause boundary.
fn words_before(s: &str, at: usize, n: usize) -> Vec<usize> {
    let head = &s[..at];
    let mut starts = Vec::new();
    let mut end = head.len();
    for _ in 0..n {
        let chunk = head[..end].trim_end();
        if chunk.is_empty() || chunk.ends_with([',', ';', ':', '.', '(', ')']) {
            break;
        }
        let ws = chunk.rfind(' ').map_or(0, |i| i + 1);
        starts.push(ws);
        end = ws;
    }
    starts
}

/// The count's noun after "01": up to two words.
fn noun_after(s: &str, end: usize) -> usize {
    let mut e = end;
    for _ in 0..2 {
        let rest = &s[e..];
        let skip = rest.len() - rest.trim_start().len();
        let w = rest.trim_start();
        let len = w.find(|c: char| !is_word_char(c)).unwrap_or(w.len());
        if len == 0 {
            break;
        }
        e += skip + len;
    }
    e
}

/// Every value of a sentence with the phrase kh reads for it: the number with
/// the words before it that qualify it ("tối thiểu", "trên", "Đạt"), and a
/// stretch goal after it ("phấn đấu đạt tới 50%").
fn values(s: &str) -> Vec<Found> {
    let nums = numbers(s);
    let mut out: Vec<Found> = Vec::new();
    let mut skip_until = 0;
    for (idx, &(a, mut b)) in nums.iter().enumerate() {
        if a < skip_until {
            continue;
        }
        if s.as_bytes()[a] == b'0' && !s[a..b].contains('%') && !s[a..b].contains('/') {
            b = noun_after(s, b);
        }
        // A stretch goal right after: ", phấn đấu đạt tới 50%".
        let mut stretch_end = None;
        if let Some(&(na, nb)) = nums.get(idx + 1) {
            let between = fold(&s[b..na]);
            let between = between.trim_start_matches([',', ' ']);
            if between.starts_with("phan dau") && !between.contains(';') {
                stretch_end = Some(nb);
            }
        }
        let mut best: Option<(usize, String)> = None;
        let mut starts = words_before(s, a, 4);
        starts.reverse();
        starts.push(a);
        for st in starts {
            let end = stretch_end.unwrap_or(b);
            let phrase = s[st..end]
                .trim()
                .trim_end_matches(['.', ',', ';'])
                .to_string();
            if readable(&phrase) {
                best = Some((st, phrase));
                break;
            }
            if stretch_end.is_some() {
                let phrase = s[st..b].trim().to_string();
                if readable(&phrase) {
                    best = Some((st, phrase));
                    break;
                }
            }
        }
        let (start, phrase) = best.unwrap_or_else(|| (a, s[a..b].trim().to_string()));
        let end = if phrase.len() > b - start {
            stretch_end.unwrap_or(b)
        } else {
            b
        };
        if end > b {
            skip_until = end;
        }
        out.push(Found { start, end, phrase });
    }
    out
}

/// " ở " / " tại " right after a value, within a few words: the value is one
/// segment's ("5% ở cấp tiểu học").
fn segment_label(s: &str, from: usize, to: usize) -> Option<String> {
    let part = &s[from..to];
    let f = part.to_lowercase();
    let at = [" ở ", " tại "]
        .iter()
        .filter_map(|k| f.find(k).map(|i| (i, k.len())))
        .min()?;
    let label = &part[at.0 + at.1..];
    let cut = label.find([';', ',']).unwrap_or(label.len());
    let mut label = label[..cut].trim();
    for tail in [" và", " thực hiện", " chấp nhận", " được"] {
        if let Some(i) = label.find(tail) {
            label = &label[..i];
        }
    }
    let label = label.trim().trim_end_matches(['.', ';', ',']).trim();
    (!label.is_empty()).then(|| label.to_string())
}

/// The qualifier of a phrase ("ít nhất 50%" -> "ít nhất "), to carry over to
/// the bare figures that follow it ("30% ở thị xã").
fn qualifier(phrase: &str) -> Option<&str> {
    let i = phrase.find(|c: char| c.is_ascii_digit())?;
    let before = &phrase[..i];
    // From the first comparator word on: "cho ít nhất 50%" carries "ít nhất ".
    const LEADS: &[&str] = &[
        "toi thieu",
        "it nhat",
        "tu ",
        "tren",
        "hon",
        "khong duoi",
        "toi da",
        "duoi",
        "khong qua",
        "dat",
        "≥",
        "≤",
        ">",
        "<",
    ];
    let start = before
        .char_indices()
        .filter(|(k, _)| *k == 0 || before[..*k].ends_with(' '))
        .map(|(k, _)| k)
        .find(|k| {
            let rest = crate::text::fold(&before[*k..]);
            LEADS.iter().any(|l| rest.starts_with(l))
        })
        .unwrap_or(0);
    (i > 0).then(|| &before[start..])
}

/// The sentences of an item ("100% ... . Tối thiểu 20% ...").
fn sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        if c == '.' && i + 2 < b.len() && b[i + 1] == b' ' {
            let next = s[i + 2..].chars().next().unwrap_or(' ');
            let before = s[..i].chars().next_back().unwrap_or(' ');
            if next.is_uppercase() && !before.is_ascii_digit() && !before.is_uppercase() {
                out.push(s[start..=i].trim());
                start = i + 2;
            }
        }
    }
    out.push(s[start..].trim());
    out.retain(|x| !x.is_empty());
    out
}

/// The targets one item states: one per value, or one with a value per
/// segment; a "Trước ngày ..." opening gives their deadline.
fn split_item(text: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let found = values(sentence);
        if found.is_empty() {
            continue;
        }
        let segmented = found.len() > 1
            && found
                .iter()
                .enumerate()
                .filter(|(i, f)| {
                    let to = found.get(i + 1).map_or(sentence.len(), |n| n.start);
                    segment_label(sentence, f.end, to).is_some()
                })
                .count()
                >= found.len() - 1;
        if segmented {
            let first_q = qualifier(&found[0].phrase).map(str::to_string);
            let segs = found
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let to = found.get(i + 1).map_or(sentence.len(), |n| n.start);
                    let label = segment_label(sentence, f.end, to)
                        .unwrap_or_else(|| format!("segment {}", i + 1));
                    let mut phrase = f.phrase.clone();
                    if i > 0
                        && qualifier(&phrase).is_none()
                        && let Some(q) = &first_q
                        && readable(&format!("{q}{phrase}"))
                    {
                        phrase = format!("{q}{phrase}");
                    }
                    (label, phrase)
                })
                .collect();
            out.push((sentence.to_string(), Value::Segments(segs)));
        } else if found.len() == 1 {
            out.push((sentence.to_string(), Value::One(found[0].phrase.clone())));
        } else {
            // Several values, no segments: a target each, its words from the
            // end of the value before to the start of the next.
            for (i, f) in found.iter().enumerate() {
                let from = if i == 0 { 0 } else { found[i - 1].end };
                let to = found.get(i + 1).map_or(sentence.len(), |n| n.start);
                let words = sentence[from..to]
                    .trim()
                    .trim_start_matches([',', ';', '.'])
                    .trim()
                    .trim_end_matches([',', ';'])
                    .trim();
                out.push((words.to_string(), Value::One(f.phrase.clone())));
            }
        }
    }
    out
}

/// "Trước ngày 30/4/2023, ..." at the start of an item.
fn leading_deadline(text: &str) -> Option<String> {
    let f = fold(text);
    if !f.starts_with("truoc ") {
        return None;
    }
    let cut = text.find(',')?;
    let phrase = text[..cut].trim();
    deadline::parse(phrase, Some(2000))
        .is_ok()
        .then(|| phrase.to_string())
}

/// "Mục tiêu đến 2025", "đến năm 2030": the horizon of the targets below.
fn horizon(title: &str) -> Option<String> {
    let f = fold(title);
    let at = f.find("den ")?;
    let rest = f[at + 4..].trim_start_matches("nam ").trim_start();
    let y: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    (y.len() == 4).then_some(y)
}

// ---------------------------------------------------------------- header

/// "ngày 13 tháng 5 năm 2026" / "ngày tháng 6 năm 2026" -> 2026-05-13 / 2026-06.
fn printed_date(s: &str) -> Option<String> {
    let f = fold(s);
    let at = f.find("ngay")?;
    let rest = &f[at + 4..];
    let t = rest.find("thang")?;
    let day: String = rest[..t].chars().filter(|c| c.is_ascii_digit()).collect();
    let rest2 = &rest[t + 5..];
    let n = rest2.find("nam")?;
    let month: String = rest2[..n].chars().filter(|c| c.is_ascii_digit()).collect();
    let year: String = rest2[n + 3..]
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let (y, m) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
    if !(1..=12).contains(&m) || !(1990..=2100).contains(&y) {
        return None;
    }
    match day.parse::<u32>() {
        Ok(d) if chrono::NaiveDate::from_ymd_opt(y, m, d).is_some() => {
            Some(format!("{y}-{m:02}-{d:02}"))
        }
        _ => Some(format!("{y}-{m:02}")),
    }
}

/// "năm 2026" -> 2026; "giai đoạn 2022 - 2025, định hướng đến năm 2030" -> 2022-2030.
pub fn period_of(title: &str) -> Option<String> {
    let f = fold(title);
    let years: Vec<i32> = f
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect();
    let (lo, hi) = (years.iter().min()?, years.iter().max()?);
    Some(if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}-{hi}")
    })
}

fn header_line(h: &mut Header, text: &str) {
    let f = fold(text);
    if h.number.is_none() && f.starts_with("so:") {
        let n = text[text.find(':').map_or(0, |i| i + 1)..].trim();
        let n = n
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" /", "/")
            .replace("/ ", "/")
            .replace(" -", "-");
        h.number = Some(n);
        return;
    }
    if h.issued.is_none()
        && f.contains("ngay")
        && f.contains("thang")
        && f.contains("nam")
        && text.len() < 90
    {
        if let Some(d) = printed_date(text) {
            h.issued = Some(d);
            if let Some(c) = text.find(',') {
                h.place = Some(text[..c].trim().to_string());
            }
        }
        return;
    }
    if h.title.as_deref() == Some("") {
        let title = format!("Kế hoạch {}", lower_first(text));
        h.period = h.period.clone().or_else(|| period_of(&title));
        h.title = Some(title);
        return;
    }
    // "KẾ HOẠCH" alone on its line: the title is the next one.
    if h.title.is_none() && f == "ke hoach" {
        h.title = Some(String::new());
        return;
    }
    if h.title.is_none()
        && f.starts_with("ke hoach")
        && text.len() < 250
        && !f.starts_with("ke hoach so")
    {
        let t = text["KẾ HOẠCH".len().min(text.len())..].trim();
        let t = if t.is_empty() { text } else { t };
        let title = format!("Kế hoạch {}", lower_first(t));
        h.period = h.period.clone().or_else(|| period_of(&title));
        h.title = Some(title);
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "Thực hiện Kế hoạch số 92/KH-SGDĐT ngày 13/5/2026 của Sở ... về việc ...":
/// the citations, cut at "về" (what the document is about) and at ";".
fn citations(text: &str, out: &mut Vec<String>) {
    let f = fold(text);
    let lead = ["thuc hien ", "can cu ", "tren co so "];
    let Some(k) = lead.iter().find(|k| f.starts_with(*k)) else {
        return;
    };
    // The cited documents follow the whole lead phrase ("Thực hiện", "Căn cứ").
    let body = &text[byte_at(text, &f, k.len())..];
    for part in body.split(';') {
        let p = part.trim();
        let fp = fold(p);
        if !(fp.contains("so ") || fp.contains("ke hoach") || fp.contains("quyet dinh")) {
            continue;
        }
        let mut cut = p.len();
        if let Some(i) = fp.find(" ve ") {
            cut = cut.min(byte_at(p, &fp, i));
        }
        for k in [" phe duyet ", " ban hanh ", ", "] {
            if let Some(i) = fp.find(k)
                && fp[..i].contains(" cua ")
            {
                cut = cut.min(byte_at(p, &fp, i));
            }
        }
        let c = p[..cut]
            .trim()
            .trim_end_matches([',', '.', ':'])
            .to_string();
        if c.len() > 8 && !out.contains(&c) {
            out.push(c);
        }
    }
}

/// The byte offset in `orig` of the char at byte `i` of its fold (same number
/// of chars before it: fold drops only combining marks, kept composed here).
fn byte_at(orig: &str, folded: &str, i: usize) -> usize {
    let n = folded[..i].chars().count();
    orig.char_indices().nth(n).map_or(orig.len(), |(b, _)| b)
}

/// The issuing body as the header block prints it, in capitals at the top
/// left: "UBND XÃ HOÀ BÌNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG THPT AN LÃO".
fn header_issuer(text: &str) -> Option<String> {
    let t = text.trim();
    let f = fold(t);
    let body = [
        "ubnd ",
        "uy ban nhan dan ",
        "so giao duc",
        "phong giao duc",
        "truong ",
    ];
    let capitals = t
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    (capitals && t.chars().count() <= 80 && body.iter().any(|b| f.starts_with(b)))
        .then(|| t.to_string())
}

/// "..., Trường THPT An Lão ban hành Kế hoạch ..." -> the issuer.
fn issuer_in(text: &str) -> Option<String> {
    let f = fold(text);
    let at = f.find(" ban hanh ke hoach")?;
    let head = &text[..byte_at(text, &f, at)];
    let start = head.rfind(',').map_or(0, |i| i + 1);
    let who = head[start..].trim();
    (who.len() > 3 && who.len() < 120).then(|| who.to_string())
}

// ---------------------------------------------------------------- units

const UNIT_WORDS: [&str; 16] = [
    "cac ",
    "phong",
    "ban ",
    "van phong",
    "ubnd",
    "uy ban",
    "so ",
    "truong",
    "to ",
    "bo phan",
    "don vi",
    "ke toan",
    "van thu",
    "giao vien",
    "trung tam",
    "cong an",
];

/// The unit names of a cell: "Phòng Công tác học sinh, sinh viên, Văn phòng
/// Sở" -> two; "Các phòng GDMN, GDTH" -> "Phòng GDMN", "Phòng GDTH".
pub fn unit_names(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let cleaned = cell.replace(['\n', '\r'], ";");
    for group in cleaned.split(';') {
        let mut phong_list = false;
        let mut parts: Vec<String> = Vec::new();
        for raw in group.split(',') {
            let p = raw.trim().trim_end_matches('.');
            // "1. Phòng GDTH-GDMN" in numbered cells.
            let p = match label_of(p) {
                Some((_, LabelKind::Arabic(_) | LabelKind::Bullet, rest)) if !rest.is_empty() => {
                    rest
                }
                _ => p,
            };
            if p.is_empty() {
                continue;
            }
            let fp = fold(p);
            let starts_unit = UNIT_WORDS.iter().any(|w| fp.starts_with(w));
            let first_upper = p.chars().next().is_some_and(|c| c.is_uppercase());
            if !parts.is_empty() && !starts_unit && !first_upper {
                let last = parts.last_mut().unwrap_or_else(|| unreachable!());
                last.push_str(", ");
                last.push_str(p);
                continue;
            }
            let mut name = p.to_string();
            if fp.starts_with("cac phong ")
                && !fp.starts_with("cac phong thuoc")
                && !fp.starts_with("cac phong chuyen mon")
            {
                phong_list = true;
                name = format!("Phòng {}", &p["Các phòng ".len().min(p.len())..].trim());
            } else if phong_list && !starts_unit {
                name = format!("Phòng {p}");
            } else if starts_unit {
                phong_list = false;
            }
            parts.push(name);
        }
        out.extend(parts);
    }
    out.retain(|u| !u.trim().is_empty());
    out.iter().map(|u| clean(u)).collect()
}

/// The level word a unit stands for, when it is a whole level of bodies.
pub fn level_word(name: &str) -> Option<&'static str> {
    let f = fold(name);
    if f.contains("xa phuong")
        || f.starts_with("ubnd cac xa")
        || f.starts_with("ubnd xa")
        || f.starts_with("ubnd phuong")
        || f.contains("ubnd cap xa")
    {
        return Some("commune");
    }
    if f.contains("ubnd cac huyen")
        || f.starts_with("ubnd huyen")
        || f.starts_with("phong giao duc va dao tao")
        || f.starts_with("phong gddt")
        || f.starts_with("cac phong gddt")
    {
        return Some("district");
    }
    if f.starts_with("cac co so giao duc")
        || f.starts_with("co so giao duc")
        || f.starts_with("cac truong")
        || f.starts_with("truong hoc")
    {
        return Some("school");
    }
    None
}

// ---------------------------------------------------------------- tables

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableKind {
    Targets,
    Tasks,
}

#[derive(Debug, Clone, Default)]
struct Columns {
    text: Option<usize>,
    lead: Option<usize>,
    implementers: Option<usize>,
    cooperating: Option<usize>,
    due: Option<usize>,
    product: Option<usize>,
    value: Option<usize>,
    unit: Option<usize>,
}

fn header_columns(row: &Row) -> Option<(TableKind, Columns)> {
    let first = fold(row.cells.first()?);
    if !matches!(first.as_str(), "tt" | "stt" | "so tt") {
        return None;
    }
    let mut c = Columns::default();
    let mut kind = None;
    for (i, cell) in row.cells.iter().enumerate().skip(1) {
        let f = fold(cell);
        if f.contains("don vi tinh") {
            c.unit = Some(i);
        } else if f.contains("chu tri") {
            c.lead = c.lead.or(Some(i));
        } else if f.contains("phoi hop") {
            c.cooperating = c.cooperating.or(Some(i));
        } else if f.contains("thoi gian") || f.contains("tien do") || f.contains("thoi han") {
            c.due = c.due.or(Some(i));
        } else if f.contains("trien khai") || f.contains("thuc hien") {
            c.implementers = c.implementers.or(Some(i));
        } else if f.contains("san pham") || f.contains("ket qua") {
            c.product = c.product.or(Some(i));
        } else if f.contains("muc dat")
            || f.contains("gia tri")
            || f.starts_with("chi tieu nam")
            || f.starts_with("nam 20")
        {
            c.value = c.value.or(Some(i));
        } else if c.text.is_none() && (f.contains("nhiem vu") || f.contains("noi dung")) {
            c.text = Some(i);
            kind = Some(TableKind::Tasks);
        } else if c.text.is_none() && f.contains("chi tieu") {
            c.text = Some(i);
            kind = Some(TableKind::Targets);
        }
    }
    Some((kind?, c))
}

fn cell(row: &[String], i: Option<usize>) -> &str {
    i.and_then(|i| row.get(i)).map_or("", |s| s.as_str())
}

/// Logical rows: a row whose TT is empty continues the one before (a row
/// broken across pages or a cell broken over lines) unless it opens a new
/// unnumbered item (its text begins in capitals and other cells are filled).
struct LRow {
    tt: String,
    cells: Vec<String>,
    place: Place,
    numbered: bool,
}

fn merge_rows(rows: &[&Row], text_col: usize, out: &mut Vec<LRow>) {
    merge_rows_raw(rows, text_col, out);
    // An unnumbered row between two rows numbered one after the other (3, then
    // 4) has no number left to take: a cell that wrapped onto a line beginning
    // with a capital, so it continues the row before.
    let number = |r: &LRow| strip_tags(&r.tt).trim_end_matches('.').parse::<u64>().ok();
    let mut i = 1;
    while i < out.len() {
        if out[i].numbered {
            i += 1;
            continue;
        }
        let before = out[..i].iter().rev().find(|r| r.numbered).and_then(number);
        let after = out[i + 1..].iter().find(|r| r.numbered).and_then(number);
        match (before, after) {
            (Some(b), Some(a)) if a == b + 1 => {
                let r = out.remove(i);
                let last = &mut out[i - 1];
                for (k, c) in r.cells.iter().enumerate().skip(1) {
                    if c.trim().is_empty() {
                        continue;
                    }
                    if last.cells.len() <= k {
                        last.cells.resize(k + 1, String::new());
                    }
                    if !last.cells[k].is_empty() {
                        last.cells[k].push(' ');
                    }
                    last.cells[k].push_str(c.trim());
                }
            }
            _ => i += 1,
        }
    }
}

fn merge_rows_raw(rows: &[&Row], text_col: usize, out: &mut Vec<LRow>) {
    for r in rows {
        let tt = r.cells.first().map_or("", |s| s.trim()).to_string();
        let filled = r
            .cells
            .iter()
            .skip(1)
            .filter(|c| !c.trim().is_empty())
            .count();
        let text = r.cells.get(text_col).map_or("", |s| s.as_str());
        let new_item = !tt.is_empty()
            || out.is_empty()
            || (text.chars().next().is_some_and(|c| c.is_uppercase()) && filled >= 2);
        if new_item {
            out.push(LRow {
                numbered: !tt.is_empty(),
                tt,
                cells: r.cells.clone(),
                place: r.place,
            });
        } else if let Some(last) = out.last_mut() {
            for (i, c) in r.cells.iter().enumerate().skip(1) {
                if c.trim().is_empty() {
                    continue;
                }
                if last.cells.len() <= i {
                    last.cells.resize(i + 1, String::new());
                }
                if !last.cells[i].is_empty() {
                    last.cells[i].push(' ');
                }
                last.cells[i].push_str(c.trim());
            }
        }
    }
}

fn strip_tags(s: &str) -> String {
    super::text::strip_markup(s).trim().to_string()
}

// ---------------------------------------------------------------- the walk

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Preamble,
    Goals,
    Targets,
    Tasks,
    Org,
    Other,
    Closing,
}

fn mode_of(title: &str) -> Option<Mode> {
    let f = fold(title);
    if f.contains("muc tieu chung") || f.contains("muc dich") {
        return Some(Mode::Goals);
    }
    if f.contains("kinh phi") || f.contains("lo trinh") {
        return Some(Mode::Other);
    }
    if f.contains("to chuc thuc hien") || f.contains("bao cao") {
        return Some(Mode::Org);
    }
    if f.contains("muc tieu") || f.contains("chi tieu") {
        return Some(Mode::Targets);
    }
    if f.contains("nhiem vu") || f.contains("giai phap") {
        return Some(Mode::Tasks);
    }
    None
}

#[derive(Debug, Clone)]
struct Heading {
    label: String,
    kind: LabelKind,
    title: String,
    mode: Mode,
}

/// The id path of the headings: a dotted label ("2.1") stands for its
/// ancestors back to the one it numbers under ("2" or "II"); under the
/// targets section the roman numeral above goes too ("2.1.1", not "I.2.1.1").
fn path_of(stack: &[Heading]) -> String {
    let mut parts: Vec<(String, LabelKind)> = Vec::new();
    for h in stack {
        if let LabelKind::Arabic(d) = h.kind
            && d > 1
        {
            let first = h.label.split('.').next().unwrap_or("");
            let found = parts.iter().rposition(|(l, k)| match k {
                LabelKind::Roman => roman_value(l).map(|v| v.to_string()).as_deref() == Some(first),
                LabelKind::Arabic(_) => l.rsplit('.').next() == Some(first) || l == first,
                _ => false,
            });
            if let Some(j) = found {
                let mut cut = j;
                if matches!(parts[j].1, LabelKind::Arabic(_))
                    && j > 0
                    && parts[j - 1].1 == LabelKind::Roman
                    && h.mode == Mode::Targets
                {
                    cut = j - 1;
                }
                parts.truncate(cut);
            }
        }
        parts.push((h.label.clone(), h.kind));
    }
    parts
        .into_iter()
        .map(|(l, _)| l)
        .collect::<Vec<_>>()
        .join(".")
}

fn field_of(text: &str) -> Option<(&'static str, &str)> {
    let (k, v) = text.split_once(':')?;
    let f = fold(k);
    if f.len() > 40 {
        return None;
    }
    let field = if f.contains("chu tri") {
        "lead"
    } else if f.contains("phoi hop") {
        "cooperating"
    } else if f.contains("thoi gian") {
        "due"
    } else if f.contains("trien khai") || f.contains("thuc hien") {
        "implementers"
    } else if f.contains("san pham") {
        "product"
    } else {
        return None;
    };
    Some((field, v.trim().trim_end_matches([';', '.'])))
}

const RECURRENCES: [(&str, &str); 6] = [
    ("hang thang", "hằng tháng"),
    ("hang quy", "hằng quý"),
    ("hang qui", "hằng quý"),
    ("hang nam", "hằng năm"),
    ("thang/qui/nam", ""),
    ("thang/quy/nam", ""),
];

/// Reporting duties in a sentence: "báo cáo" with a period of its own.
fn reports_in(text: &str) -> Vec<(String, bool)> {
    let f = fold(text);
    if !f.contains("bao cao") {
        return Vec::new();
    }
    if f.contains("thang/qui/nam") || f.contains("thang/quy/nam") {
        return vec![
            ("hằng tháng".into(), false),
            ("hằng quý".into(), false),
            ("hằng năm".into(), false),
        ];
    }
    let mut out = Vec::new();
    for (key, word) in RECURRENCES.iter().filter(|(_, w)| !w.is_empty()) {
        let mut from = 0;
        while let Some(i) = f[from..].find(key) {
            let at = from + i;
            from = at + key.len();
            // "hằng quý (trước ngày 10 tháng cuối quý)": the day in brackets.
            let after = &f[from..];
            let mut due = word.to_string();
            if let Some(rest) = after.trim_start().strip_prefix('(')
                && let Some(close) = rest.find(')')
            {
                let inner = byte_at(
                    text,
                    &f,
                    from + (after.len() - after.trim_start().len()) + 1,
                );
                let inner_end = byte_at(
                    text,
                    &f,
                    from + (after.len() - after.trim_start().len()) + 1 + close,
                );
                due = format!("{word}, {}", text[inner..inner_end].trim());
            }
            // "trước 20/12 hàng năm": the day before it.
            let before = f[..at].trim_end();
            if let Some(t) = before.rfind("truoc ")
                && before.len() - t < 20
            {
                due = format!(
                    "{} {word}",
                    text[byte_at(text, &f, t)..byte_at(text, &f, before.len())].trim()
                );
            }
            if deadline::parse(&due, Some(2000)).is_err() {
                due = word.to_string();
            }
            if !out.iter().any(|(d, _)| *d == due) {
                out.push((due, false));
            }
        }
    }
    if out.is_empty() && f.contains("dinh ky") {
        out.push(("theo quy định".into(), true));
    }
    out
}

fn report_to(text: &str) -> Option<String> {
    let f = fold(text);
    let at = f.rfind(" ve ").filter(|i| f[..*i].contains("bao cao"))?;
    let t = text[byte_at(text, &f, at + 4)..]
        .trim()
        .trim_end_matches(['.', ';'])
        .trim();
    (t.len() > 2 && t.len() < 120).then(|| t.to_string())
}

struct Walk {
    out: Outline,
    stack: Vec<Heading>,
    mode: Mode,
    counters: BTreeMap<String, usize>,
    appendix: Option<String>,
    /// The open table: its kind and columns, the section row above, and the
    /// appendix it belongs to, so that its continuation on the next page
    /// (without a heading row) is read the same way.
    table: Option<(TableKind, Columns)>,
    /// The pending field-bulleted task (a numbered heading under tasks).
    field_task: Option<usize>,
    /// A numbered heading under the tasks that nothing has followed yet: if
    /// the next heading (or the end) comes first, the heading is the task.
    childless: Option<Place>,
    seen_body: bool,
    /// The open table copied as lines, if any.
    flat: Option<Flat>,
}

impl Walk {
    fn next_id(&mut self, path: &str) -> String {
        let n = self.counters.entry(path.to_string()).or_insert(0);
        *n += 1;
        if path.is_empty() {
            n.to_string()
        } else {
            format!("{path}.{n}")
        }
    }

    fn area(&self) -> Option<String> {
        self.stack
            .last()
            .map(|h| h.title.clone())
            .filter(|t| !t.is_empty())
    }

    fn horizon(&self) -> Option<String> {
        self.stack.iter().rev().find_map(|h| horizon(&h.title))
    }

    fn para(&mut self, text: &str, numbering: Option<&str>, place: Place) {
        let joined;
        let text = match numbering {
            Some(n) if !n.is_empty() => {
                joined = format!("{n} {text}");
                joined.as_str()
            }
            _ => text,
        };
        let f = fold(text);
        if self.flat.is_some() {
            let ends = f.starts_with("noi nhan")
                || appendix_heading(&f).is_some()
                || matches!(label_of(text), Some((_, LabelKind::Roman, _)));
            if !ends {
                self.flat_para(text, place);
                return;
            }
            self.flush_flat();
        } else if let Some((kind, n)) = flat_heading_kind(text) {
            self.flat = Some(Flat {
                kind,
                heading: text[..n].to_string(),
                next: 1,
                section: None,
                rows: Vec::new(),
            });
            self.table = None;
            self.flat_para(&text[n..], place);
            return;
        }
        if f.starts_with("noi nhan") {
            self.mode = Mode::Closing;
            return;
        }
        if let Some(n) = appendix_heading(&f) {
            self.appendix = Some(n);
            self.table = None;
            self.mode = Mode::Other;
            self.stack.clear();
            return;
        }
        if !self.seen_body {
            header_line(&mut self.out.header, text);
            citations(text, &mut self.out.header.cites);
            if self.out.header.issuer.is_none() {
                self.out.header.issuer = issuer_in(text).or_else(|| header_issuer(text));
            }
        }
        if self.out.header.cites.is_empty() || !self.seen_body {
            // "(Kèm theo Kế hoạch số ... của Sở GDĐT)" under an appendix heading.
            if f.starts_with("(kem theo") || f.starts_with("(ban hanh kem theo") {
                if self.out.header.issuer.is_none()
                    && let Some(i) = text.rfind(" của ")
                {
                    self.out.header.issuer = Some(
                        text[i + " của ".len()..]
                            .trim()
                            .trim_end_matches(')')
                            .trim()
                            .to_string(),
                    );
                }
                if self.out.header.period.is_none() {
                    self.out.header.period = period_of(text);
                }
                return;
            }
        }
        if self.mode == Mode::Closing {
            return;
        }
        let label = label_of(text);
        match label {
            Some((
                label,
                kind @ (LabelKind::Roman
                | LabelKind::Arabic(_)
                | LabelKind::Letter
                | LabelKind::Paren),
                rest,
            )) => {
                let rest = rest.trim();
                let is_item = kind != LabelKind::Roman
                    && self.mode == Mode::Targets
                    && !values(rest).is_empty()
                    && rest.len() > 30;
                if !is_item {
                    self.heading(label, kind, rest, place);
                    return;
                }
                self.item(rest, place);
            }
            Some((_, LabelKind::Bullet | LabelKind::Plus, rest)) => self.item(rest.trim(), place),
            _ => {
                if text.ends_with("./.") || text.ends_with("/.") || f.starts_with("tren day la") {
                    return;
                }
                if matches!(self.mode, Mode::Tasks | Mode::Org)
                    && (text.starts_with('(')
                        || f.starts_with("chi tiet")
                        || f.starts_with("theo phu luc"))
                {
                    return;
                }
                match self.mode {
                    // A reporting sentence is a duty wherever it stands.
                    Mode::Tasks | Mode::Org
                        if self.stack.len() > 1 || !reports_in(text).is_empty() =>
                    {
                        self.item(text, place)
                    }
                    Mode::Targets if !values(text).is_empty() => self.item(text, place),
                    _ => {}
                }
            }
        }
    }

    /// A numbered line under the tasks with nothing below it ("1. Triển khai
    /// học bạ số. Thời gian: Quý III/2026.") is a task, never dropped.
    fn close_childless(&mut self) {
        let Some(place) = self.childless.take() else {
            return;
        };
        let Some(h) = self.stack.last() else { return };
        let (text, due) = inline_due(&h.title);
        self.out.tasks.push(Task {
            id: path_of(&self.stack),
            area: self.stack.iter().rev().nth(1).map(|h| h.title.clone()),
            text,
            lead: Vec::new(),
            cooperating: Vec::new(),
            product: None,
            due,
            place,
            rest: None,
        });
    }

    fn heading(&mut self, label: String, kind: LabelKind, title: &str, place: Place) {
        self.close_childless();
        let title = title.trim_end_matches([':', '.']).trim().to_string();
        while self
            .stack
            .last()
            .is_some_and(|h| h.kind.rank() >= kind.rank())
        {
            self.stack.pop();
        }
        let inherited = self.stack.last().map(|h| h.mode).unwrap_or(Mode::Preamble);
        let mode = match mode_of(&title) {
            Some(Mode::Targets) if matches!(inherited, Mode::Tasks | Mode::Org) => inherited,
            Some(Mode::Org) if inherited == Mode::Tasks && kind != LabelKind::Roman => inherited,
            Some(m) => m,
            None if kind == LabelKind::Roman => Mode::Other,
            None => inherited,
        };
        if kind == LabelKind::Roman || mode != Mode::Preamble {
            self.seen_body = true;
        }
        self.mode = mode;
        self.field_task = None;
        self.stack.push(Heading {
            label,
            kind,
            title: title.clone(),
            mode,
        });
        // Under the tasks, a numbered heading may itself be the task, its
        // fields in the bullets below ("- Đơn vị chủ trì: ...").
        if mode == Mode::Tasks && kind != LabelKind::Roman && title.len() > 60 {
            self.field_task = Some(usize::MAX);
        }
        if mode == Mode::Tasks && kind != LabelKind::Roman {
            self.childless = Some(place);
        }
    }

    fn item(&mut self, text: &str, place: Place) {
        if text.is_empty() {
            return;
        }
        // Something below the heading: it is a heading, not a task.
        self.childless = None;
        match self.mode {
            Mode::Targets => self.target_item(text, place),
            Mode::Tasks | Mode::Org => {
                if let Some((field, value)) = field_of(text)
                    && self.field_task.is_some()
                {
                    self.task_field(field, value, place);
                    return;
                }
                let reports = reports_in(text);
                if !reports.is_empty() {
                    // The duty keeps its place in the numbering: the bullets
                    // after it are numbered as the document has them.
                    let path = path_of(&self.stack);
                    let _ = self.next_id(&path);
                    let from = self
                        .stack
                        .last()
                        .filter(|h| h.kind != LabelKind::Roman)
                        .map(|h| h.title.clone());
                    for (due, inferred) in reports {
                        self.out.reports.push(Report {
                            what: text.to_string(),
                            from: from.clone(),
                            to: report_to(text),
                            due,
                            due_inferred: inferred,
                            place,
                        });
                    }
                    return;
                }
                let path = path_of(&self.stack);
                let id = self.next_id(&path);
                let (text, due) = inline_due(text);
                self.out.tasks.push(Task {
                    id,
                    area: self.area(),
                    text,
                    lead: Vec::new(),
                    cooperating: Vec::new(),
                    product: None,
                    due,
                    place,
                    rest: None,
                });
            }
            _ => {}
        }
    }

    fn task_field(&mut self, field: &str, value: &str, place: Place) {
        if self.field_task == Some(usize::MAX) {
            let h = self.stack.last().cloned();
            let id = path_of(&self.stack);
            self.out.tasks.push(Task {
                id,
                area: self.stack.iter().rev().nth(1).map(|h| h.title.clone()),
                text: h.map(|h| h.title).unwrap_or_default(),
                lead: Vec::new(),
                cooperating: Vec::new(),
                product: None,
                due: None,
                place,
                rest: None,
            });
            self.field_task = Some(self.out.tasks.len() - 1);
        }
        let Some(t) = self.field_task.and_then(|i| self.out.tasks.get_mut(i)) else {
            return;
        };
        match field {
            "lead" => t.lead = unit_names(value),
            "cooperating" => t.cooperating = unit_names(value),
            "due" => t.due = Some(value.to_string()),
            "product" => t.product = Some(value.to_string()),
            _ => {}
        }
    }

    fn target_item(&mut self, text: &str, place: Place) {
        let found = split_item(text);
        if found.is_empty() {
            if !text.ends_with(':') {
                self.out.no_value.push(super::structure::Unread {
                    place,
                    text: text.to_string(),
                });
            }
            return;
        }
        let due = leading_deadline(text).or_else(|| self.horizon());
        let path = path_of(&self.stack);
        let base = self.next_id(&path);
        let template = Target {
            id: base,
            area: self.area(),
            text: String::new(),
            value: Value::Missing,
            due,
            lead: Vec::new(),
            implementers: Vec::new(),
            place,
            id_inferred: false,
            in_task: false,
        };
        push_lettered(&mut self.out.targets, found, text, template);
    }

    fn table(&mut self, t: &Table) {
        self.out.rows += t.rows.len();
        // One block may hold two tables (a PDF page with the end of Phụ lục 1
        // and the start of Phụ lục 2): split it at an appendix heading and at a
        // heading row of another kind.
        let mut piece: Vec<Row> = Vec::new();
        let mut kind = self.table.as_ref().map(|(k, _)| *k);
        for r in &t.rows {
            let joined = fold(
                &r.cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            if let Some(n) = appendix_heading(&joined) {
                self.table_piece(&std::mem::take(&mut piece));
                self.appendix = Some(n);
                self.table = None;
                kind = None;
                continue;
            }
            if joined.starts_with("(kem theo") {
                continue;
            }
            if let Some((k, _)) = header_columns(r)
                && Some(k) != kind
            {
                self.table_piece(&std::mem::take(&mut piece));
                self.table = None;
                kind = Some(k);
            }
            piece.push(r.clone());
        }
        self.table_piece(&piece);
    }

    fn table_piece(&mut self, t: &[Row]) {
        if t.is_empty() {
            return;
        }
        let t = Table { rows: t.to_vec() };
        let t = &t;
        let mut rows: Vec<&Row> = Vec::new();
        let mut i = 0;
        if let Some(first) = t.rows.first()
            && let Some(h) = header_columns(first)
        {
            self.table = Some(h);
            i = 1;
        }
        let Some((kind, cols)) = self.table.clone() else {
            for r in &t.rows {
                self.out.unread_rows.push(Unread {
                    place: r.place,
                    text: r
                        .cells
                        .iter()
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" | "),
                });
            }
            return;
        };
        for r in &t.rows[i..] {
            // A heading row repeated on every page.
            if header_columns(r).is_some() {
                continue;
            }
            rows.push(r);
        }
        let text_col = cols.text.unwrap_or(1);
        let mut lrows = Vec::new();
        merge_rows(&rows, text_col, &mut lrows);
        self.table_rows(kind, &cols, lrows);
    }

    fn table_rows(&mut self, kind: TableKind, cols: &Columns, rows: Vec<LRow>) {
        let text_col = cols.text.unwrap_or(1);
        let sectioned = rows
            .iter()
            .any(|r| roman_value(&strip_tags(&r.tt)).is_some());
        // TT restarting in each section: ids are "I.1"; numbered throughout: "1".
        let mut seen = std::collections::HashSet::new();
        let restarts = rows
            .iter()
            .filter(|r| r.numbered && roman_value(&strip_tags(&r.tt)).is_none())
            .any(|r| !seen.insert(r.tt.clone()));
        let prefix = match (&self.appendix, sectioned) {
            (Some(n), false) if !n.is_empty() => format!("PL{n}."),
            _ => String::new(),
        };
        let mut section: Option<(String, String)> = None;
        let mut last_tt: Option<String> = None;
        for r in rows {
            let tt = strip_tags(&r.tt).trim_end_matches('.').to_string();
            let text = strip_tags(cell(&r.cells, Some(text_col)));
            if roman_value(&tt).is_some() {
                section = Some((tt, text));
                continue;
            }
            if text.is_empty() && tt.is_empty() {
                continue;
            }
            if tt.is_empty() && text.is_empty() {
                continue;
            }
            // A section row without a numeral ("Đến năm 2025").
            if tt.is_empty()
                && r.cells
                    .iter()
                    .skip(1)
                    .filter(|c| !c.trim().is_empty())
                    .count()
                    == 1
                && !r.numbered
                && kind == TableKind::Tasks
                && text.len() < 60
            {
                section = Some((String::new(), text));
                continue;
            }
            let (number, inferred) = if r.numbered {
                (tt.clone(), false)
            } else {
                let n = last_tt
                    .as_deref()
                    .and_then(|t| t.parse::<u32>().ok())
                    .map_or(1, |n| n + 1);
                (n.to_string(), true)
            };
            last_tt = Some(number.clone());
            let id = match (&section, restarts) {
                // A TT that already carries the appendix ("PL2.1") keeps it as it is.
                _ if !prefix.is_empty() && number.starts_with(prefix.as_str()) => number.clone(),
                (Some((s, _)), true) if !s.is_empty() => format!("{prefix}{s}.{number}"),
                _ => format!("{prefix}{number}"),
            };
            let area = section
                .as_ref()
                .map(|(_, t)| t.clone())
                .filter(|t| !t.is_empty());
            let lead = unit_names(cell(&r.cells, cols.lead));
            let due = Some(cell(&r.cells, cols.due).to_string()).filter(|d| !d.trim().is_empty());
            match kind {
                TableKind::Targets => {
                    let implementers = unit_names(cell(&r.cells, cols.implementers));
                    let mut given = cell(&r.cells, cols.value).trim().to_string();
                    let unit = cell(&r.cells, cols.unit).trim();
                    if unit == "%" && !given.is_empty() && !given.contains('%') {
                        given.push('%');
                    }
                    let found: Vec<(String, Value)> = if cols.value.is_some() {
                        if given.is_empty() {
                            vec![(text.clone(), Value::Missing)]
                        } else {
                            // A value per segment in the cell ("100% ở thành
                            // thị; 80% ở miền núi") is read as in a sentence.
                            let value = match split_item(&given).as_slice() {
                                [(_, v @ Value::Segments(_))] => v.clone(),
                                _ => Value::One(given),
                            };
                            vec![(text.clone(), value)]
                        }
                    } else {
                        let f = split_item(&text);
                        if f.is_empty() {
                            vec![(text.clone(), Value::Missing)]
                        } else {
                            f
                        }
                    };
                    let template = Target {
                        id: id.clone(),
                        area: area.clone(),
                        text: String::new(),
                        value: Value::Missing,
                        due: due.clone(),
                        lead: lead.clone(),
                        implementers: implementers.clone(),
                        place: r.place,
                        id_inferred: inferred,
                        in_task: false,
                    };
                    push_lettered(&mut self.out.targets, found, &text, template);
                }
                TableKind::Tasks => {
                    let mut cooperating = unit_names(cell(&r.cells, cols.cooperating));
                    if cols.cooperating.is_none() {
                        cooperating = unit_names(cell(&r.cells, cols.implementers));
                    }
                    let product = Some(cell(&r.cells, cols.product).to_string())
                        .filter(|p| !p.trim().is_empty());
                    let horizon = section.as_ref().and_then(|(_, t)| horizon(t));
                    self.task_row(
                        Task {
                            id,
                            area,
                            text,
                            lead,
                            cooperating,
                            product,
                            due,
                            place: r.place,
                            rest: None,
                        },
                        horizon,
                    );
                }
            }
        }
    }

    /// A task row of an appendix table. Under a horizon row ("Đến năm 2025")
    /// with no time of its own, it runs from the start of the plan's period to
    /// that year ("2022-2025"). A value its text states ("đảm bảo trường học
    /// đạt mức độ 3", "100% nhà giáo có hồ sơ") is also a target of the same
    /// id, due when the row says or at the horizon, marked for review.
    fn task_row(&mut self, mut task: Task, horizon: Option<String>) {
        if task.due.is_none()
            && let Some(h) = &horizon
        {
            let start = self
                .out
                .header
                .period
                .as_deref()
                .and_then(|p| p.get(..4))
                .filter(|y| y.chars().all(|c| c.is_ascii_digit()) && *y < h.as_str());
            task.due = Some(match start {
                Some(y) => format!("{y}-{h}"),
                None => h.clone(),
            });
        }
        let found = split_item(&task.text);
        let target_due =
            if horizon.is_some() && task.due.as_deref().is_some_and(|d| d.contains('-')) {
                horizon
            } else {
                task.due.clone().or(horizon)
            };
        let template = Target {
            id: task.id.clone(),
            area: task.area.clone(),
            text: String::new(),
            value: Value::Missing,
            due: target_due,
            lead: task.lead.clone(),
            implementers: task.cooperating.clone(),
            place: task.place,
            id_inferred: false,
            in_task: true,
        };
        push_lettered(&mut self.out.targets, found, &task.text, template);
        self.out.tasks.push(task);
    }

    // ------------------------------------------------ tables copied as lines

    /// A paragraph under a heading row whose cells ran together: rows open
    /// with the next number ("1  50% cơ sở ...", "2 Triển khai ..."), anything
    /// else continues the row before; a short line before the first row or
    /// between rows that names a horizon ("Đến năm 2025") is a section.
    fn flat_para(&mut self, text: &str, place: Place) {
        let Some(flat) = self.flat.as_mut() else {
            return;
        };
        let mut text = text.to_string();
        if !flat.heading.is_empty() {
            text = text.replace(flat.heading.as_str(), " ");
        }
        if let Some(n) = flat_heading(&text) {
            text = text[n..].to_string();
        }
        let text = clean(&text);
        let mut rest = text.as_str();
        loop {
            let at = row_start(rest, flat.next);
            let before = at.map_or(rest, |a| &rest[..a]).trim();
            if !before.is_empty() {
                let short = before.chars().count() < 60 && values(before).is_empty();
                if short && horizon(before).is_some() {
                    flat.section = Some(before.trim_end_matches([':', '.']).to_string());
                } else if let Some(row) = flat.rows.last_mut() {
                    row.text.push(' ');
                    row.text.push_str(before);
                } else {
                    self.out.unread_rows.push(Unread {
                        place,
                        text: before.to_string(),
                    });
                }
            }
            let Some(a) = at else { break };
            let digits = flat.next.to_string().len();
            flat.rows.push(FlatRow {
                n: flat.next,
                text: String::new(),
                section: flat.section.clone(),
                place,
            });
            flat.next += 1;
            rest = &rest[a + digits..];
        }
    }

    /// The rows of a table copied as lines, each into a task (or target): its
    /// text up to the list of lead units ("1. Phòng GDTH-GDMN, 2. ..."), those
    /// units, and the other cells run together kept for review.
    fn flush_flat(&mut self) {
        let Some(flat) = self.flat.take() else {
            return;
        };
        self.out.rows += flat.rows.len() + 1;
        let prefix = match &self.appendix {
            Some(n) if !n.is_empty() => format!("PL{n}."),
            _ => String::new(),
        };
        for row in flat.rows {
            let all = clean(&row.text);
            let (text, lead, rest) = split_flat_row(&all);
            let id = format!("{prefix}{}", row.n);
            let area = row.section.clone();
            let horizon = row.section.as_deref().and_then(horizon);
            match flat.kind {
                TableKind::Tasks => self.task_row(
                    Task {
                        id,
                        area,
                        text,
                        lead,
                        cooperating: Vec::new(),
                        product: None,
                        due: None,
                        place: row.place,
                        rest,
                    },
                    horizon,
                ),
                TableKind::Targets => {
                    let found = split_item(&text);
                    let found = if found.is_empty() {
                        vec![(text.clone(), Value::Missing)]
                    } else {
                        found
                    };
                    let template = Target {
                        id: id.clone(),
                        area: area.clone(),
                        text: String::new(),
                        value: Value::Missing,
                        due: horizon.clone(),
                        lead: lead.clone(),
                        implementers: Vec::new(),
                        place: row.place,
                        id_inferred: false,
                        in_task: false,
                    };
                    push_lettered(&mut self.out.targets, found, &text, template);
                    if let Some(rest) = rest {
                        self.out.run_together.push(Unread {
                            place: row.place,
                            text: rest,
                        });
                    }
                }
            }
        }
    }
}

/// Where a second unit name begins in a run of words, after the first word
/// ("Phòng GDTrH Văn phòng tổng hợp" -> at "Văn phòng").
fn next_unit_start(s: &str) -> Option<usize> {
    const STARTS: [&str; 8] = [
        "van phong ",
        "cac phong ",
        "phong ",
        "so ",
        "ubnd ",
        "cac don vi ",
        "don vi ",
        "cac co so ",
    ];
    let first = s.find(' ')?;
    s[first..].char_indices().find_map(|(i, c)| {
        let at = first + i;
        let word_start = s[..at].ends_with(' ') && c.is_uppercase();
        let f = fold(&s[at..]) + " ";
        (word_start && STARTS.iter().any(|k| f.starts_with(k))).then_some(at)
    })
}

/// "PHỤ LỤC 2", "Phụ lục 1: Chỉ tiêu ...", "Phụ lục II - ..." (folded): the
/// appendix's numeral, upper-cased. Not a sentence that names an appendix and
/// goes on ("Phụ lục 2; - Phối hợp ...", "phụ lục 1 và phụ lục 2 đính kèm").
pub fn appendix_heading(folded: &str) -> Option<String> {
    let rest = folded.strip_prefix("phu luc")?;
    if !rest.is_empty() && !rest.starts_with([' ', ':', '.', '\u{a0}']) {
        return None;
    }
    let rest = rest.trim_start_matches([' ', ':']);
    let n: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let after = rest[n.len()..].trim_start();
    let heading = after.is_empty()
        || after.starts_with([':', '.', '-', '–', '(', '\n'])
        || (!after.starts_with("va ") && !after.starts_with([';', ',']) && !n.is_empty());
    heading.then(|| n.to_uppercase())
}

/// A table copied as lines: its kind, the heading as printed, its rows.
struct Flat {
    kind: TableKind,
    heading: String,
    next: u32,
    section: Option<String>,
    rows: Vec<FlatRow>,
}

struct FlatRow {
    n: u32,
    text: String,
    section: Option<String>,
    place: Place,
}

/// The words of column headings, folded ("Nội dung, chỉ tiêu", "Đơn vị chủ
/// trì", "Thời gian hoàn thành", "Sản phẩm", "Ghi chú").
const HEADING_WORDS: [&str; 30] = [
    "noi", "dung", "nhiem", "vu", "giai", "phap", "chi", "tieu", "chu", "tri", "phoi", "hop",
    "san", "pham", "thoi", "gian", "hoan", "thanh", "thuc", "hien", "don", "vi", "trien", "khai",
    "ghi", "ket", "qua", "tien", "do", "han",
];

/// A heading row whose cells ran together on one line ("TT Nội dung, chỉ tiêu
/// Chủ trì Phối hợp Sản phẩm"): the byte length of the heading, when the line
/// opens with TT and names the text column and at least one other.
pub fn flat_heading(text: &str) -> Option<usize> {
    flat_heading_kind(text).map(|(_, n)| n)
}

fn flat_heading_kind(text: &str) -> Option<(TableKind, usize)> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    if !matches!(fold(first).as_str(), "tt" | "stt") {
        return None;
    }
    let mut end = text.find(first)? + first.len();
    let mut folded = String::new();
    for w in words {
        let f = fold(w);
        let core = f.trim_matches([',', '/', ';', ':', '(', ')', '.']);
        if !core.is_empty() && !HEADING_WORDS.contains(&core) {
            break;
        }
        let at = text[end..].find(w)? + end;
        end = at + w.len();
        folded.push(' ');
        folded.push_str(core);
    }
    let kind = if folded.contains("noi dung") || folded.contains("nhiem vu") {
        TableKind::Tasks
    } else if folded.contains("chi tieu") {
        TableKind::Targets
    } else {
        return None;
    };
    let others = [
        "chu tri",
        "phoi hop",
        "san pham",
        "thoi gian",
        "ket qua",
        "trien khai",
    ]
    .iter()
    .filter(|k| folded.contains(*k))
    .count();
    (others >= 1).then_some((kind, end))
}

/// Where row `n` opens in a paragraph of a table copied as lines: its number
/// at the start or after a space, then a space, then a capital, a digit or a
/// bullet ("3 Triển khai", "1  50% cơ sở", "10  + 100% thủ tục").
fn row_start(s: &str, n: u32) -> Option<usize> {
    let num = n.to_string();
    let mut from = 0;
    while let Some(i) = s[from..].find(num.as_str()) {
        let at = from + i;
        from = at + num.len();
        let before_ok = at == 0 || s[..at].ends_with(' ');
        let after = &s[at + num.len()..];
        let Some(rest) = after.strip_prefix(' ') else {
            continue;
        };
        let next = rest.trim_start().chars().next();
        let opens =
            next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '+' || c == '-');
        // Not a value ("5 %"), not a date or a count running on ("10 tháng").
        if before_ok && opens && !rest.trim_start().starts_with('%') {
            return Some(at);
        }
    }
    None
}

/// A row of a table copied as lines: the text up to its numbered list of lead
/// units ("1. Phòng GDTH-GDMN, 2. Phòng GDTrH-QLCL"), the first unit of each
/// item of that list, and what follows (the other cells, run together).
fn split_flat_row(all: &str) -> (String, Vec<String>, Option<String>) {
    let cut = if all.starts_with("1. ") {
        Some(0)
    } else {
        all.find(" 1. ").map(|i| i + 1)
    };
    let Some(cut) = cut else {
        return (all.trim().to_string(), Vec::new(), None);
    };
    let text = all[..cut].trim().to_string();
    let mut lead = Vec::new();
    let mut rest = &all[cut..];
    let mut k = 1;
    loop {
        let label = format!("{k}. ");
        let Some(body) = rest.strip_prefix(label.as_str()) else {
            break;
        };
        let next_label = format!(" {}. ", k + 1);
        let end = body.find(next_label.as_str()).unwrap_or(body.len());
        let item = &body[..end];
        let clause_end = item.find([',', ';', '.']).unwrap_or(item.len());
        // The next cell run on after the unit: "Phòng GDTrH Văn phòng tổng hợp".
        let clause_end = next_unit_start(&item[..clause_end]).unwrap_or(clause_end);
        let clause = &item[..clause_end];
        if let Some(u) = unit_names(clause).into_iter().next() {
            lead.push(u);
        }
        // What follows the unit's clause in the last item: the other cells.
        if end == body.len() {
            let tail = item[clause_end..]
                .trim_start_matches([',', ';', '.'])
                .trim();
            rest = tail;
            break;
        }
        rest = body[end..].trim_start();
        k += 1;
    }
    let rest = rest.trim();
    (text, lead, (!rest.is_empty()).then(|| rest.to_string()))
}

/// A task sentence that states its own deadline after a label ("…
/// Thời gian: Quý III/2026.", "Thời gian hoàn thành: tháng 12/2026"): the
/// words before it, and the deadline as written.
fn inline_due(text: &str) -> (String, Option<String>) {
    const LABELS: &[&str] = &[
        "thoi gian hoan thanh",
        "thoi gian thuc hien",
        "thoi gian",
        "thoi han",
    ];
    for (colon, _) in text.match_indices(':') {
        let before = &text[..colon];
        let starts: Vec<usize> = before
            .char_indices()
            .filter(|(i, c)| {
                !c.is_whitespace() && (*i == 0 || before[..*i].ends_with(char::is_whitespace))
            })
            .map(|(i, _)| i)
            .collect();
        for label in LABELS {
            let n = label.split(' ').count();
            let Some(&at) = starts.len().checked_sub(n).and_then(|k| starts.get(k)) else {
                continue;
            };
            if fold(&before[at..]).trim_end() == *label {
                let due = text[colon + 1..].trim().trim_end_matches(['.', ';']).trim();
                if due.is_empty() {
                    break;
                }
                let words = text[..at].trim().trim_end_matches(['.', ';', ',']).trim();
                return (words.to_string(), Some(due.to_string()));
            }
        }
    }
    (text.to_string(), None)
}

fn letter(i: usize) -> char {
    (b'a' + u8::try_from(i.min(25)).unwrap_or(25)) as char
}

/// The plan in a document.
pub fn outline(doc: &Document) -> Outline {
    let mut w = Walk {
        out: Outline::default(),
        stack: Vec::new(),
        mode: Mode::Preamble,
        counters: BTreeMap::new(),
        appendix: None,
        table: None,
        field_task: None,
        childless: None,
        seen_body: false,
        flat: None,
    };
    for b in &doc.blocks {
        match b {
            Block::Para(p) => {
                if w.mode != Mode::Other || w.appendix.is_none() {
                    // Paragraphs between two pieces of one table do not end it.
                }
                w.para(&p.text, p.numbering.as_deref(), p.place);
            }
            Block::Table(t) => {
                w.flush_flat();
                w.table(t);
            }
        }
    }
    w.flush_flat();
    w.close_childless();
    // A value inside a task row that restates a target of the same id (the
    // targets table and the tasks table numbered alike) is not a second
    // target: ids stay unique.
    let own: std::collections::HashSet<String> = w
        .out
        .targets
        .iter()
        .filter(|t| !t.in_task)
        .map(|t| t.id.clone())
        .collect();
    let mut seen = std::collections::HashSet::new();
    w.out
        .targets
        .retain(|t| !t.in_task || (!own.contains(&t.id) && seen.insert(t.id.clone())));
    let h = &mut w.out.header;
    if h.title.as_deref() == Some("") {
        h.title = None;
    }
    if h.period.is_none() {
        h.period = h
            .title
            .as_deref()
            .and_then(period_of)
            .or_else(|| h.issued.as_ref().map(|d| d[..4].to_string()));
    }
    w.out
}

/// One target per value a sentence states ("100% … Tối thiểu 20% …"): the
/// template's id lettered (`III.2a`, `III.2b`) and each its own words when
/// there are several, the template itself with the whole text when one.
fn push_lettered(
    targets: &mut Vec<Target>,
    found: Vec<(String, Value)>,
    text: &str,
    template: Target,
) {
    let many = found.len() > 1;
    for (i, (words, value)) in found.into_iter().enumerate() {
        targets.push(Target {
            id: if many {
                format!("{}{}", template.id, letter(i))
            } else {
                template.id.clone()
            },
            text: if many { words } else { text.to_string() },
            value,
            ..template.clone()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Vec<(String, Value)> {
        split_item(s)
    }

    fn outline_of(text: &str) -> Outline {
        outline(&super::super::text::from_str(text, None).unwrap())
    }

    #[test]
    fn a_table_copied_as_lines_is_read_row_by_row() {
        // As text copied out of a PDF table: the heading row on one line, each
        // row opening with its number, the cells of a row one after the other.
        let o = outline_of(
            "Số: 12/KH-SGDĐT\n\nKẾ HOẠCH\n\nChuyển đổi số giai đoạn 2022-2025\n\n\
             PHỤ LỤC 1\n\nTT Nội dung, chỉ tiêu Chủ trì Phối hợp Sản phẩm\n\nĐến năm 2025\n\n\
             1  50% cơ sở giáo dục có tổ chức hoạt động STEM.\n\n1. Phòng GDTH,\n\n\
             2. Phòng GDTrH\n\nVăn phòng tổng hợp\n\n\
             2  Xây dựng kho học liệu số dùng chung\n\nVăn phòng\n\n\
             TT Nội dung, chỉ tiêu Chủ trì Phối hợp Sản phẩm\n\n\
             3 Triển khai học bạ số, 10 tháng một lần\n\nPHỤ LỤC 2\n",
        );
        let ids: Vec<_> = o.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["PL1.1", "PL1.2", "PL1.3"], "{o:#?}");
        let t = &o.tasks[0];
        assert_eq!(t.text, "50% cơ sở giáo dục có tổ chức hoạt động STEM.");
        assert_eq!(t.lead, ["Phòng GDTH", "Phòng GDTrH"]);
        assert_eq!(t.rest.as_deref(), Some("Văn phòng tổng hợp"));
        assert_eq!(t.area.as_deref(), Some("Đến năm 2025"));
        assert_eq!(
            t.due.as_deref(),
            Some("2022-2025"),
            "the period up to the horizon"
        );
        assert_eq!(
            o.tasks[1].text,
            "Xây dựng kho học liệu số dùng chung Văn phòng"
        );
        assert_eq!(o.tasks[2].text, "Triển khai học bạ số, 10 tháng một lần");
        // The value inside row 1 is a target of the same id, due at the horizon.
        assert_eq!(o.targets.len(), 1, "{:#?}", o.targets);
        assert_eq!(o.targets[0].id, "PL1.1");
        assert!(o.targets[0].in_task);
        assert_eq!(o.targets[0].due.as_deref(), Some("2025"));
        assert_eq!(o.targets[0].value, Value::One("50%".into()));
    }

    #[test]
    fn a_wrapped_cell_between_consecutive_numbers_continues_its_row() {
        let o = outline_of(
            "PHỤ LỤC 2\nTT\tNhiệm vụ\tChủ trì\tThời gian\n\
             1\tTriển khai hệ thống\tTổ CM\tQuý I\n\
             \tLMS cho cấp THCS\t\t\n\
             2\tKiểm tra trực tuyến\tTổ CM\tQuý II\n\
             \tCông khai kết quả\tVăn phòng\tQuý III\n",
        );
        let got: Vec<_> = o
            .tasks
            .iter()
            .map(|t| (t.id.as_str(), t.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("PL2.1", "Triển khai hệ thống LMS cho cấp THCS"),
                ("PL2.2", "Kiểm tra trực tuyến"),
                ("PL2.3", "Công khai kết quả"),
            ],
            "after the last number there is room for an unnumbered row"
        );
    }

    #[test]
    fn appendix_headings_are_not_sentences_that_name_an_appendix() {
        assert_eq!(appendix_heading("phu luc 1"), Some("1".into()));
        assert_eq!(appendix_heading("phu luc ii: chi tieu"), Some("II".into()));
        assert_eq!(
            appendix_heading("phu luc 2 nhiem vu chuyen doi so"),
            Some("2".into())
        );
        assert_eq!(appendix_heading("phu luc 2; - phoi hop"), None);
        assert_eq!(appendix_heading("phu luc 1 va phu luc 2 dinh kem"), None);
        assert_eq!(appendix_heading("phu lucx"), None);
    }

    #[test]
    fn a_heading_row_on_one_line_names_its_columns() {
        let h = "TT Nội dung, chỉ tiêu Chủ trì Phối hợp Sản phẩm";
        assert_eq!(flat_heading(h), Some(h.len()));
        assert_eq!(flat_heading(&format!("{h} phổ thông được")), Some(h.len()));
        assert_eq!(
            flat_heading("TT Nội dung của kế hoạch"),
            None,
            "one column only"
        );
        assert_eq!(flat_heading("Tổ chức thực hiện"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(label_of("I. MỤC TIÊU").map(|l| l.1), Some(LabelKind::Roman));
        assert_eq!(
            label_of("2.1. Về hạ tầng").map(|l| l.1),
            Some(LabelKind::Arabic(2))
        );
        assert_eq!(
            label_of("2.2 Mục tiêu đến 2025").map(|l| l.1),
            Some(LabelKind::Arabic(2))
        );
        assert_eq!(label_of("a) Đổi mới").map(|l| l.1), Some(LabelKind::Letter));
        assert_eq!(label_of("(1) Thể chế").map(|l| l.1), Some(LabelKind::Paren));
        assert_eq!(label_of("100% cơ sở"), None);
        assert_eq!(label_of("2026 là năm"), None);
    }

    #[test]
    fn values_and_splits() {
        let v = one(
            "100% đội ngũ nhà giáo được tập huấn. Tối thiểu 20% cán bộ, giáo viên ứng dụng AI.",
        );
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].1, Value::One("Tối thiểu 20%".into()));
        let v = one("Tỷ lệ học liệu được số hóa đạt tối thiểu 15%, phần đầu đạt tới 50%.");
        assert_eq!(v.len(), 1, "{v:?}");
        let v = one("đạt trung bình 5% ở cấp tiểu học, 10% ở cấp trung học.");
        assert!(
            matches!(&v[0].1, Value::Segments(s) if s.len() == 2),
            "{v:?}"
        );
        let v = one("cho ít nhất 50% trường ở thành phố; 30% ở thị xã; 10% ở huyện.");
        match &v[0].1 {
            Value::Segments(s) => assert_eq!(s[1].1, "ít nhất 30%"),
            x => panic!("{x:?}"),
        }
        let v = one("Trước ngày 30/4/2023, có ít nhất 95% học sinh, trong đó 100% học sinh lớp 9");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(
            one("4/4 trường tiểu học").first().map(|x| x.1.clone()),
            Some(Value::One("4/4".into()))
        );
    }

    #[test]
    fn units_are_split_by_their_names() {
        assert_eq!(
            unit_names("Phòng Công tác học sinh, sinh viên, Văn phòng Sở"),
            vec!["Phòng Công tác học sinh, sinh viên", "Văn phòng Sở"]
        );
        assert_eq!(
            unit_names("Các phòng GDMN, GDTH, Tài chính; UBND các xã phường"),
            vec![
                "Phòng GDMN",
                "Phòng GDTH",
                "Phòng Tài chính",
                "UBND các xã phường"
            ]
        );
    }

    #[test]
    fn header_dates() {
        assert_eq!(
            printed_date("Tam Chúc, ngày tháng 6 năm 2026").as_deref(),
            Some("2026-06")
        );
        assert_eq!(
            printed_date("Quảng Ninh, ngày 05 tháng 5 năm 2023").as_deref(),
            Some("2023-05-05")
        );
        assert_eq!(
            period_of("giai đoạn 2022 - 2025, định hướng đến năm 2030").as_deref(),
            Some("2022-2030")
        );
    }
}
