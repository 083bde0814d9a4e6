//! Word .docx, read from its XML with no office suite: paragraphs with their
//! automatic numbering (numbering.xml), tables with merged cells (a cell
//! spanning columns is repeated empty after it; a cell merged down repeats the
//! text above, so every row carries its own lead and deadline), and page
//! breaks. The zip is read with a bound on what it may expand to.

use super::{
    Block, Document, Format, MAX_UNZIPPED_BYTES, Para, Place, ReadError, Row, Table, clean,
};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

fn broken(detail: impl std::fmt::Display) -> ReadError {
    ReadError::Broken {
        format: Format::Docx,
        detail: detail.to_string(),
    }
}

/// One part of the zip, read whole but never more than the bound.
pub fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, ReadError> {
    let Ok(f) = zip.by_name(name) else {
        return Ok(None);
    };
    if f.size() > MAX_UNZIPPED_BYTES {
        return Err(ReadError::TooLarge);
    }
    let mut buf = Vec::new();
    f.take(MAX_UNZIPPED_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(broken)?;
    if buf.len() as u64 > MAX_UNZIPPED_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(Some(buf))
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == name)
        .and_then(|a| String::from_utf8(a.value.into_owned()).ok())
}

#[derive(Debug, Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// numId -> levels (from the abstract numbering it points to).
fn numbering(xml: &[u8]) -> HashMap<String, Vec<Level>> {
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut cur_abs, mut cur_num): (Option<String>, Option<String>) = (None, None);
    let mut lvl: Option<usize> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"abstractNum" => cur_abs = attr(&e, b"w:abstractNumId"),
                b"lvl" => {
                    lvl = attr(&e, b"w:ilvl")
                        .and_then(|v| v.parse().ok())
                        .filter(|l: &usize| *l < 9)
                }
                b"num" => cur_num = attr(&e, b"w:numId"),
                b"abstractNumId" => {
                    if let (Some(n), Some(v)) = (&cur_num, attr(&e, b"w:val")) {
                        nums.insert(n.clone(), v);
                    }
                }
                k @ (b"numFmt" | b"lvlText" | b"start") => {
                    if let (Some(a), Some(l), Some(v)) = (&cur_abs, lvl, attr(&e, b"w:val")) {
                        let levels = abstracts.entry(a.clone()).or_default();
                        if levels.len() <= l {
                            levels.resize(l + 1, Level::default());
                        }
                        match k {
                            b"numFmt" => levels[l].fmt = v,
                            b"lvlText" => levels[l].text = v,
                            _ => levels[l].start = v.parse().unwrap_or(1),
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    nums.into_iter()
        .filter_map(|(n, a)| abstracts.get(&a).map(|l| (n, l.clone())))
        .collect()
}

fn roman(mut n: u32) -> String {
    let table = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v && s.len() < 20 {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn render(fmt: &str, n: u32) -> String {
    match fmt {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "lowerLetter" => ((b'a' + ((n.max(1) - 1) % 26) as u8) as char).to_string(),
        "upperLetter" => ((b'A' + ((n.max(1) - 1) % 26) as u8) as char).to_string(),
        "bullet" => "-".into(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The list counters of a document: Word's labels, computed as Word does.
#[derive(Default)]
struct Counters {
    defs: HashMap<String, Vec<Level>>,
    counts: HashMap<String, [u32; 9]>,
}

impl Counters {
    fn label(&mut self, num: &str, ilvl: usize) -> Option<String> {
        let levels = self.defs.get(num)?;
        let ilvl = ilvl.min(8);
        let lvl = levels.get(ilvl)?.clone();
        if lvl.fmt == "bullet" {
            return Some("-".into());
        }
        let starts: Vec<u32> = (0..9)
            .map(|i| levels.get(i).map_or(1, |l| l.start.max(1)))
            .collect();
        let c = self.counts.entry(num.to_string()).or_insert([0; 9]);
        c[ilvl] = if c[ilvl] == 0 {
            starts[ilvl]
        } else {
            c[ilvl].saturating_add(1)
        };
        for (d, v) in c.iter_mut().enumerate().skip(ilvl + 1) {
            let _ = d;
            *v = 0;
        }
        let mut text = lvl.text.clone();
        for i in 0..=ilvl {
            let n = if c[i] == 0 { starts[i] } else { c[i] };
            let f = levels.get(i).map_or("decimal", |l| l.fmt.as_str());
            text = text.replace(&format!("%{}", i + 1), &render(f, n));
        }
        let t = text.trim().to_string();
        (!t.is_empty()).then_some(t)
    }
}

struct Cell {
    text: String,
    span: usize,
    /// Merged with the cell above (vMerge without "restart").
    merged: bool,
}

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let total: u64 = (0..zip.len())
        .filter_map(|i| zip.by_index(i).ok().map(|f| f.size()))
        .sum();
    if total > 4 * MAX_UNZIPPED_BYTES {
        return Err(ReadError::TooLarge);
    }
    let xml = part(&mut zip, "word/document.xml")?.ok_or_else(|| broken("no word/document.xml"))?;
    let mut counters = Counters {
        defs: part(&mut zip, "word/numbering.xml")?
            .map(|x| numbering(&x))
            .unwrap_or_default(),
        ..Counters::default()
    };
    parse(&xml, &mut counters)
}

fn parse(xml: &[u8], counters: &mut Counters) -> Result<Document, ReadError> {
    let mut doc = Document::default();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut page = 1u32;
    let mut paras = 0u32;
    let mut tables = 0u32;
    // Nesting: tables inside tables are read as text of the outer cell.
    let mut depth = 0usize;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut para = String::new();
    let mut num: (Option<String>, usize) = (None, 0);
    let mut in_text = false;
    let mut skip = 0usize; // inside deleted text or field codes
    let mut above: Vec<String> = Vec::new();
    let mut table_rows: Vec<Row> = Vec::new();
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(broken)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"tbl" if !empty => {
                        depth += 1;
                        if depth == 1 {
                            rows.clear();
                            table_rows.clear();
                            above.clear();
                            tables += 1;
                        }
                    }
                    b"tr" if depth == 1 && !empty => row.clear(),
                    b"tc" if depth == 1 && !empty => {
                        cell = Some(Cell {
                            text: String::new(),
                            span: 1,
                            merged: false,
                        })
                    }
                    b"gridSpan" if depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.span = attr(e, b"w:val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1)
                                .clamp(1, 50);
                        }
                    }
                    b"vMerge" if depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.merged = attr(e, b"w:val").is_none_or(|v| v == "continue");
                        }
                    }
                    b"p" if !empty => {
                        para.clear();
                        num = (None, 0);
                    }
                    b"numId" => num.0 = attr(e, b"w:val").filter(|v| v != "0"),
                    b"ilvl" => num.1 = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                    b"t" if !empty => in_text = true,
                    b"tab" if skip == 0 => para.push(' '),
                    b"br" | b"cr" => {
                        if attr(e, b"w:type").as_deref() == Some("page") {
                            page += 1;
                        } else {
                            para.push(' ');
                        }
                    }
                    b"lastRenderedPageBreak" => page += 1,
                    b"del" | b"instrText" | b"delText" if !empty => skip += 1,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                let s = t.decode().map_err(broken)?;
                para.push_str(&quick_xml::escape::unescape(&s).map_err(broken)?);
                if para.len() as u64 > MAX_UNZIPPED_BYTES {
                    return Err(ReadError::TooLarge);
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let name = String::from_utf8_lossy(r.as_ref()).to_string();
                let s = match name.as_str() {
                    "amp" => "&".to_string(),
                    "lt" => "<".into(),
                    "gt" => ">".into(),
                    "quot" => "\"".into(),
                    "apos" => "'".into(),
                    n => n
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_default(),
                };
                para.push_str(&s);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"del" | b"instrText" | b"delText" => skip = skip.saturating_sub(1),
                b"p" => {
                    let label = num.0.as_deref().and_then(|n| counters.label(n, num.1));
                    let text = clean(&para);
                    if depth > 0 {
                        if let Some(c) = cell.as_mut() {
                            if !c.text.is_empty() && !text.is_empty() {
                                c.text.push(' ');
                            }
                            if let Some(l) = &label
                                && !text.is_empty()
                            {
                                c.text.push_str(l);
                                c.text.push(' ');
                            }
                            c.text.push_str(&text);
                        }
                    } else if !text.is_empty() {
                        paras += 1;
                        doc.push(Block::Para(Para {
                            numbering: label,
                            text,
                            place: Place {
                                page: Some(page),
                                line: Some(paras),
                                ..Place::default()
                            },
                        }))?;
                    }
                    para.clear();
                }
                b"tc" if depth == 1 => {
                    if let Some(c) = cell.take() {
                        row.push(c);
                    }
                }
                b"tr" if depth == 1 => {
                    let mut cells: Vec<String> = Vec::new();
                    for c in row.drain(..) {
                        let col = cells.len();
                        let text = if c.merged {
                            above.get(col).cloned().unwrap_or_default()
                        } else {
                            c.text
                        };
                        cells.push(text);
                        for _ in 1..c.span {
                            cells.push(String::new());
                        }
                    }
                    above = cells.clone();
                    if cells.iter().any(|c| !c.is_empty()) {
                        let n = u32::try_from(table_rows.len() + 1).unwrap_or(u32::MAX);
                        table_rows.push(Row {
                            cells,
                            place: Place {
                                page: Some(page),
                                table: Some(tables),
                                row: Some(n),
                                line: None,
                            },
                        });
                    }
                    if table_rows.len() > super::MAX_BLOCKS {
                        return Err(ReadError::TooLarge);
                    }
                }
                b"tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && !table_rows.is_empty() {
                        doc.push(Block::Table(Table {
                            rows: std::mem::take(&mut table_rows),
                        }))?;
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let _ = rows;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read(b"PK\x03\x04garbage").is_err());
        assert!(read(b"").is_err());
    }

    #[test]
    fn word_numbering() {
        assert_eq!(render("upperRoman", 4), "IV");
        assert_eq!(render("lowerLetter", 2), "b");
    }
}
