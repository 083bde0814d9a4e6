//! The YAML draft of an [`Outline`]: the document's own numbering and words,
//! units declared with proposed abbreviations (the parent's where it has them),
//! metrics matched to the catalog by name, and a comment on the line of every
//! value to review. Also the catalog entries proposed for unmatched metrics.

use super::Place;
use super::structure::{Outline, Value, level_word};
use crate::domain::{Indicator, Level, deadline, threshold};
use crate::text::fold;
use crate::ui::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// What the reader of the draft should look at, with where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Review {
    /// A threshold phrase kh cannot read: kept as written.
    Threshold { text: String },
    /// A deadline phrase kh cannot read: kept as written.
    Deadline { text: String },
    /// No value in the document: written as "yes".
    NoValue,
    /// A row without TT: numbered after the row before.
    IdInferred,
    /// A header field the document does not state.
    Header { field: &'static str },
    /// A reporting duty with no period of its own.
    ReportPeriod,
    /// Bullets under the targets that hold no value (not made targets).
    NotATarget { text: String },
    /// Rows of a table whose columns kh did not recognise.
    RowNotRead { text: String },
    /// A value stated inside a task row, made a target of the same id too.
    TargetInTask,
    /// The other cells of a row of a table copied as lines, which ran
    /// together: kept as they stand.
    CellsRunTogether { text: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub place: Place,
    pub review: Review,
}

/// What `kh import` tells on stderr.
#[derive(Debug, Clone)]
pub struct Summary {
    pub file: String,
    pub format: &'static str,
    pub rows: usize,
    pub targets: usize,
    pub tasks: usize,
    pub duties: usize,
    pub units: usize,
    pub matched: usize,
    pub proposed: usize,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub id: Option<String>,
    pub parents: Vec<String>,
    pub level: Option<Level>,
    /// Units declared by the parent plans: abbreviation -> name.
    pub parent_units: BTreeMap<String, String>,
    pub catalog: Vec<Indicator>,
    pub lang: Lang,
}

#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub yaml: String,
    /// Proposed catalog entries (YAML), empty when every metric matched.
    pub proposals: String,
    pub notes: Vec<Note>,
    pub targets: usize,
    pub tasks: usize,
    pub duties: usize,
    pub rows: usize,
    pub units: usize,
    pub matched_metrics: usize,
    pub new_metrics: usize,
}

/// A YAML double-quoted scalar: never a syntax error, whatever the text.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A comment: one line, no control characters.
fn comment(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

fn slug(s: &str, max_words: usize) -> String {
    let f = fold(s);
    let words: Vec<String> = f
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(max_words)
        .map(str::to_string)
        .collect();
    let s = words.join("-");
    if s.is_empty() { "x".into() } else { s }
}

/// A proposed abbreviation for a unit name: its own abbreviation when it has
/// one ("Phòng GDMN" -> GDMN), else the initials ("Phòng Công tác học sinh,
/// sinh viên" -> CTHSSV).
pub fn abbreviation(name: &str) -> String {
    let f = fold(name);
    if f == "van phong so" || f == "van phong" {
        return "VP".into();
    }
    let words: Vec<&str> = name
        .split([' ', '/', ',', '(', ')'])
        .filter(|w| !w.is_empty())
        .collect();
    let body: Vec<&str> = match words.first() {
        Some(w) if fold(w) == "phong" && words.len() > 1 => words[1..].to_vec(),
        _ => words.clone(),
    };
    if let Some(a) = own_abbreviation(name) {
        return a;
    }
    let mut out = String::new();
    for w in body {
        if w.chars().filter(|c| c.is_uppercase()).count() >= 2 {
            out.push_str(&ascii_keep_case(w));
        } else if let Some(c) = fold(w).chars().next() {
            out.extend(c.to_uppercase());
        }
    }
    let out: String = out
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(10)
        .collect();
    if out.is_empty() { "U".into() } else { out }
}

/// Diacritics removed, case kept ("GDTrH", "ĐH" -> "DH"), `&` as `-`.
fn ascii_keep_case(w: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    w.nfd()
        .filter_map(|c| match c {
            'đ' => Some('d'),
            'Đ' => Some('D'),
            '&' => Some('-'),
            c if c.is_ascii_alphanumeric() || c == '-' => Some(c),
            _ => None,
        })
        .collect()
}

/// "Phòng GDMN", "GDNN&GDTX": a name that is its own abbreviation.
fn own_abbreviation(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let w = match words.as_slice() {
        [w] => *w,
        [p, w] if fold(p) == "phong" || fold(p) == "ban" => *w,
        _ => return None,
    };
    (w.chars().filter(|c| c.is_uppercase()).count() >= 2).then(|| ascii_keep_case(w))
}

struct Units {
    /// folded name -> key
    by_name: BTreeMap<String, String>,
    declared: BTreeMap<String, String>,
    parent: BTreeMap<String, String>,
}

impl Units {
    fn key(&mut self, name: &str) -> String {
        if let Some(l) = level_word(name) {
            return l.to_string();
        }
        let f = fold(name);
        if let Some(k) = self.by_name.get(&f) {
            return k.clone();
        }
        let abbr = abbreviation(name);
        // The parent's unit of that name or that abbreviation.
        let from_parent = self
            .parent
            .iter()
            .find(|(_, n)| fold(n) == f)
            .or_else(|| self.parent.iter().find(|(k, _)| fold(k) == fold(&abbr)))
            .map(|(k, n)| (k.clone(), n.clone()));
        let (mut key, full) = from_parent.unwrap_or((abbr, name.to_string()));
        // "Phòng CTHSSV" after "Phòng Công tác học sinh, sinh viên": the same unit,
        // and the full name is the one to keep.
        if let Some(existing) = self.declared.get(&key).cloned()
            && fold(&existing) != fold(&full)
        {
            let short = own_abbreviation(&full).is_some();
            let was_short = own_abbreviation(&existing).is_some();
            if short || was_short {
                if was_short && !short {
                    self.declared.insert(key.clone(), full);
                }
                self.by_name.insert(f, key.clone());
                return key;
            }
        }
        if self
            .declared
            .get(&key)
            .is_some_and(|n| fold(n) != fold(&full))
        {
            let mut i = 2;
            while self.declared.contains_key(&format!("{key}{i}")) {
                i += 1;
            }
            key = format!("{key}{i}");
        }
        self.declared.insert(key.clone(), full);
        self.by_name.insert(f, key.clone());
        key
    }

    fn keys(&mut self, names: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in names {
            let k = self.key(n);
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }
}

fn words(s: &str) -> BTreeSet<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_string)
        .collect()
}

/// The catalog indicator whose name the text holds best (diacritics aside),
/// when it holds at least four fifths of the name's words.
pub fn match_metric<'a>(text: &str, catalog: &'a [Indicator]) -> Option<(&'a Indicator, f64)> {
    let t = words(text);
    let mut best: Option<(&Indicator, f64)> = None;
    for ind in catalog {
        let n = words(&ind.name);
        if n.is_empty() {
            continue;
        }
        let common = n.intersection(&t).count() as f64;
        let recall = common / n.len() as f64;
        let precision = common / t.len().max(1) as f64;
        let score = 0.8 * recall + 0.2 * precision;
        if recall >= 0.8 && best.is_none_or(|(_, s)| score > s) {
            best = Some((ind, score));
        }
    }
    best
}

fn level_of(issuer: &str) -> Level {
    let f = fold(issuer);
    if f.starts_with("truong") || f.contains("truong thpt") {
        Level::School
    } else if f.contains("phuong")
        || f.contains(" xa ")
        || f.starts_with("ubnd xa")
        || f.contains("ubnd phuong")
    {
        Level::Commune
    } else if f.contains("huyen") || f.starts_with("phong") {
        Level::District
    } else if f.contains("thu tuong") || f.starts_with("bo ") || f.contains("chinh phu") {
        Level::National
    } else {
        Level::Province
    }
}

fn value_unit(v: &Value) -> &'static str {
    let phrase = match v {
        Value::One(p) => p.as_str(),
        Value::Segments(s) => s.first().map_or("", |x| x.1.as_str()),
        Value::Missing => return "yes-no",
    };
    let f = fold(phrase);
    if f.contains('%') || f.contains('/') {
        "percent"
    } else if f.contains("muc") {
        "level"
    } else {
        "count"
    }
}

pub fn draft(o: &Outline, opt: &Options) -> Draft {
    let lang = opt.lang;
    let msg = |r: &Review| crate::messages::import_review(lang, r);
    let mut d = Draft {
        rows: o.rows,
        ..Draft::default()
    };
    let h = &o.header;
    let mut units = Units {
        by_name: BTreeMap::new(),
        declared: BTreeMap::new(),
        parent: opt.parent_units.clone(),
    };
    let none = Place::default();
    let mut header_notes = Vec::new();
    let mut need = |field: &'static str, v: Option<String>, fallback: String| -> String {
        v.unwrap_or_else(|| {
            header_notes.push(field);
            fallback
        })
    };
    let issued_guess = h
        .period
        .as_deref()
        .map(|p| format!("{}-01", &p[..4.min(p.len())]))
        .unwrap_or_else(|| "2026-01".into());
    let issued = need("issued", h.issued.clone(), issued_guess);
    let period = need(
        "period",
        h.period.clone(),
        issued[..4.min(issued.len())].to_string(),
    );
    let issuer = need("issuer", h.issuer.clone(), "?".into());
    let title = need("title", h.title.clone(), "Kế hoạch chuyển đổi số".into());
    let level = opt.level.unwrap_or_else(|| level_of(&issuer));
    let id = opt
        .id
        .clone()
        .unwrap_or_else(|| format!("{}-{}", slug(&issuer, 6), slug(&period, 2)));
    let year: Option<i32> = period.get(..4).and_then(|y| y.parse().ok());

    let mut y = String::new();
    let _ = writeln!(y, "# {}", comment(&crate::messages::import_heading(lang)));
    y.push_str("kh: 1\n");
    let _ = writeln!(y, "id: {}", q(&id));
    if let Some(n) = &h.number {
        let _ = writeln!(y, "number: {}", q(n));
    }
    let mut line = |y: &mut String, key: &str, val: &str, field: &'static str| {
        let _ = write!(y, "{key}: {}", q(val));
        if header_notes.contains(&field) {
            let r = Review::Header { field };
            let _ = write!(y, "  # {}", comment(&msg(&r)));
            d.notes.push(Note {
                place: none,
                review: r,
            });
        }
        y.push('\n');
    };
    line(&mut y, "title", &title, "title");
    line(&mut y, "issuer", &issuer, "issuer");
    let _ = writeln!(y, "level: {}", level.key());
    line(&mut y, "issued", &issued, "issued");
    line(&mut y, "period", &period, "period");
    match opt.parents.as_slice() {
        [] => {}
        [p] => {
            let _ = writeln!(y, "parent: {}", q(p));
        }
        ps => {
            let _ = writeln!(
                y,
                "parent: [{}]",
                ps.iter().map(|p| q(p)).collect::<Vec<_>>().join(", ")
            );
        }
    }
    if !h.cites.is_empty() {
        let _ = writeln!(y, "cites: {}", q(&h.cites.join("; ")));
    }
    let inferred_header: Vec<&str> = header_notes.clone();
    if !inferred_header.is_empty() {
        y.push_str("provenance:\n");
        for f in &inferred_header {
            let _ = writeln!(y, "  {f}: inferred");
        }
    }

    // Segments of per-segment targets.
    let mut segments: BTreeMap<String, String> = BTreeMap::new();
    let seg_key = |label: &str, segments: &mut BTreeMap<String, String>| -> String {
        if let Some((k, _)) = segments.iter().find(|(_, l)| fold(l) == fold(label)) {
            return k.clone();
        }
        let mut k = slug(label, 4);
        let base = k.clone();
        let mut i = 2;
        while segments.contains_key(&k) {
            k = format!("{base}-{i}");
            i += 1;
        }
        segments.insert(k.clone(), label.to_string());
        k
    };

    // Targets, tasks and reports first into their own buffers: the units and
    // segments they use are declared above them.
    let mut body = String::new();
    let mut proposals: BTreeMap<String, (String, &'static str)> = BTreeMap::new();
    let mut used_metrics: BTreeMap<String, usize> = BTreeMap::new();
    if !o.reports.is_empty() {
        body.push_str("reporting:\n");
        for r in &o.reports {
            d.duties += 1;
            let _ = writeln!(body, "  - what: {}", q(&r.what));
            if let Some(from) = &r.from {
                let k = units.key(from);
                let _ = writeln!(body, "    from: [{}]", q(&k));
            }
            if let Some(to) = &r.to {
                let _ = writeln!(body, "    to: {}", q(to));
            }
            let _ = write!(body, "    due: {}", q(&r.due));
            if r.due_inferred {
                let rv = Review::ReportPeriod;
                let _ = write!(body, "  # {}", comment(&msg(&rv)));
                d.notes.push(Note {
                    place: r.place,
                    review: rv,
                });
                body.push_str("\n    provenance: {due: inferred}");
            }
            body.push('\n');
        }
    }
    if !o.targets.is_empty() {
        body.push_str("targets:\n");
    }
    for t in &o.targets {
        d.targets += 1;
        let _ = writeln!(body, "  - id: {}", q(&t.id));
        if let Some(a) = &t.area {
            let _ = writeln!(body, "    area: {}", q(a));
        }
        let _ = writeln!(body, "    text: {}", q(&t.text));
        let metric = match match_metric(&t.text, &opt.catalog) {
            Some((ind, _)) => {
                d.matched_metrics += 1;
                ind.key.clone()
            }
            None => {
                let mut k = format!("new-{}", slug(&t.text, 6));
                let n = used_metrics.entry(k.clone()).or_insert(0);
                *n += 1;
                if *n > 1 {
                    k = format!("{k}-{n}");
                }
                d.new_metrics += 1;
                proposals.insert(k.clone(), (t.text.clone(), value_unit(&t.value)));
                k
            }
        };
        let _ = writeln!(body, "    metric: {}", q(&metric));
        if t.in_task {
            let rv = Review::TargetInTask;
            let _ = writeln!(body, "    # {}", comment(&msg(&rv)));
            d.notes.push(Note {
                place: t.place,
                review: rv,
            });
        }
        let mut prov: Vec<&str> = Vec::new();
        match &t.value {
            Value::One(p) => {
                let _ = write!(body, "    target: {}", q(p));
                if threshold::parse_target(p).is_err() {
                    let rv = Review::Threshold { text: p.clone() };
                    let _ = write!(body, "  # {}", comment(&msg(&rv)));
                    d.notes.push(Note {
                        place: t.place,
                        review: rv,
                    });
                }
                body.push('\n');
            }
            Value::Segments(segs) => {
                body.push_str("    by_segment:\n");
                for (label, p) in segs {
                    let k = seg_key(label, &mut segments);
                    let _ = write!(body, "      {}: {}", q(&k), q(p));
                    if threshold::parse_target(p).is_err() {
                        let rv = Review::Threshold { text: p.clone() };
                        let _ = write!(body, "  # {}", comment(&msg(&rv)));
                        d.notes.push(Note {
                            place: t.place,
                            review: rv,
                        });
                    }
                    body.push('\n');
                }
            }
            Value::Missing => {
                let rv = Review::NoValue;
                let _ = writeln!(body, "    target: \"yes\"  # {}", comment(&msg(&rv)));
                d.notes.push(Note {
                    place: t.place,
                    review: rv,
                });
                prov.push("value");
            }
        }
        if let Some(due) = &t.due {
            due_line(&mut body, due, year, t.place, &mut d.notes, &msg);
        }
        if !t.lead.is_empty() {
            let _ = writeln!(body, "    lead: [{}]", list(&units.keys(&t.lead)));
        }
        if !t.implementers.is_empty() {
            let _ = writeln!(
                body,
                "    implementers: [{}]",
                list(&units.keys(&t.implementers))
            );
        }
        if t.id_inferred {
            prov.push("id");
            d.notes.push(Note {
                place: t.place,
                review: Review::IdInferred,
            });
        }
        if !prov.is_empty() {
            let _ = writeln!(
                body,
                "    provenance: {{{}}}",
                prov.iter()
                    .map(|p| format!("{p}: inferred"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    if !o.tasks.is_empty() {
        body.push_str("tasks:\n");
    }
    for t in &o.tasks {
        d.tasks += 1;
        let _ = writeln!(body, "  - id: {}", q(&t.id));
        if let Some(a) = &t.area {
            let _ = writeln!(body, "    area: {}", q(a));
        }
        let _ = writeln!(body, "    text: {}", q(&t.text));
        if !t.lead.is_empty() {
            let _ = writeln!(body, "    lead: [{}]", list(&units.keys(&t.lead)));
        }
        if !t.cooperating.is_empty() {
            let _ = writeln!(
                body,
                "    cooperating: [{}]",
                list(&units.keys(&t.cooperating))
            );
        }
        if let Some(p) = &t.product {
            let _ = writeln!(body, "    product: {}", q(p));
        }
        if let Some(due) = &t.due {
            due_line(&mut body, due, year, t.place, &mut d.notes, &msg);
        }
        if let Some(rest) = &t.rest {
            d.notes.push(Note {
                place: t.place,
                review: Review::CellsRunTogether { text: rest.clone() },
            });
        }
    }
    for u in &o.run_together {
        d.notes.push(Note {
            place: u.place,
            review: Review::CellsRunTogether {
                text: u.text.clone(),
            },
        });
    }
    for u in &o.no_value {
        d.notes.push(Note {
            place: u.place,
            review: Review::NotATarget {
                text: u.text.clone(),
            },
        });
    }
    for u in &o.unread_rows {
        d.notes.push(Note {
            place: u.place,
            review: Review::RowNotRead {
                text: u.text.clone(),
            },
        });
    }
    // What was read but not made into an entry, as comments: nothing is dropped.
    let mut tail = String::new();
    for n in d.notes.iter().filter(|n| {
        matches!(
            n.review,
            Review::NotATarget { .. } | Review::RowNotRead { .. } | Review::CellsRunTogether { .. }
        )
    }) {
        let _ = writeln!(tail, "# {}", comment(&msg(&n.review)));
    }

    if !segments.is_empty() {
        y.push_str("segments:\n");
        for (k, l) in &segments {
            let _ = writeln!(y, "  {}: {}", q(k), q(l));
        }
    }
    if !units.declared.is_empty() {
        y.push_str("units:\n");
        for (k, n) in &units.declared {
            let _ = writeln!(y, "  {}: {}", q(k), q(n));
        }
    }
    d.units = units.declared.len();
    y.push_str(&body);
    y.push_str(&tail);
    d.yaml = y;
    d.matched_metrics = d.matched_metrics.min(d.targets);
    if !proposals.is_empty() {
        let mut p = String::new();
        let _ = writeln!(
            p,
            "# {}",
            comment(&crate::messages::import_proposals_heading(lang))
        );
        p.push_str("indicators:\n");
        for (k, (name, unit)) in &proposals {
            let _ = writeln!(p, "  - key: {}", q(k));
            let _ = writeln!(p, "    name: {}", q(name));
            let _ = writeln!(p, "    unit: {unit}");
            p.push_str("    direction: higher\n");
        }
        d.proposals = p;
    }
    d
}

fn list(keys: &[String]) -> String {
    keys.iter().map(|k| q(k)).collect::<Vec<_>>().join(", ")
}

fn due_line(
    body: &mut String,
    due: &str,
    year: Option<i32>,
    place: Place,
    notes: &mut Vec<Note>,
    msg: &dyn Fn(&Review) -> String,
) {
    let _ = write!(body, "    due: {}", q(due));
    if deadline::parse(due, year).is_err() {
        let rv = Review::Deadline {
            text: due.to_string(),
        };
        let _ = write!(body, "  # {}", comment(&msg(&rv)));
        notes.push(Note { place, review: rv });
    }
    body.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations() {
        assert_eq!(abbreviation("Phòng Công tác học sinh, sinh viên"), "CTHSSV");
        assert_eq!(abbreviation("Phòng GDNN&GDTX"), "GDNN-GDTX");
        assert_eq!(abbreviation("Văn phòng Sở"), "VP");
        assert_eq!(abbreviation("Các phòng thuộc Sở"), "CPTS");
        assert_eq!(abbreviation("Đơn vị trực thuộc Sở"), "DVTTS");
    }

    #[test]
    fn quoting_never_breaks_yaml() {
        assert_eq!(q("a \"b\" \\ \u{1b}[31m"), "\"a \\\"b\\\" \\\\ [31m\"");
    }
}
