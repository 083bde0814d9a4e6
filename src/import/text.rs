//! Plain text and TSV, as an official pastes a document: lines with tabs are
//! table rows (Word copies a table's cells with tabs between them); other lines
//! are joined into paragraphs, a line that does not open a new item continuing
//! the one before (PDF text and pasted text break sentences anywhere). A form
//! feed starts a new page.

use super::{Block, Document, Para, Place, ReadError, Row, Table, clean};

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            return Err(ReadError::NotUtf8 {
                byte: bytes.get(e.valid_up_to()).copied().unwrap_or(0),
                legacy: crate::encoding::guess(bytes).map(|l| l.name()),
            });
        }
    };
    if s.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    from_str(s, None)
}

/// Text already decoded; `first_page` numbers pages (PDF) when given.
pub fn from_str(s: &str, first_page: Option<u32>) -> Result<Document, ReadError> {
    let mut doc = Document::default();
    let mut page = first_page;
    let mut tables = 0u32;
    let mut table: Option<Table> = None;
    let mut para: Option<Para> = None;
    // The last line ended an item (a heading, a blank line after punctuation).
    let mut hard = true;
    for (n, raw) in s.split('\n').enumerate() {
        let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let mut raw = raw;
        while let Some(rest) = raw.strip_prefix('\x0c') {
            page = page.map(|p| p.saturating_add(1)).or(Some(2));
            raw = rest;
        }
        if raw.contains('\x0c') {
            page = page.map(|p| p.saturating_add(1));
        }
        let place = Place {
            page,
            line: Some(line_no),
            ..Place::default()
        };
        if raw.contains('\t') {
            if let Some(p) = para.take() {
                doc.push(Block::Para(p))?;
            }
            let cells: Vec<String> = raw.split('\t').map(|c| clean(&strip_markup(c))).collect();
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            let t = table.get_or_insert_with(|| {
                tables += 1;
                Table { rows: Vec::new() }
            });
            let row = u32::try_from(t.rows.len() + 1).unwrap_or(u32::MAX);
            t.rows.push(Row {
                cells,
                place: Place {
                    table: Some(tables),
                    row: Some(row),
                    ..place
                },
            });
            hard = true;
            continue;
        }
        let heading = raw.trim_start().starts_with('#');
        let line = clean(&strip_markup(raw));
        if line.is_empty() {
            // A blank line ends a sentence, and a section heading ("1.2. Xây
            // dựng văn bản") even without a full stop.
            if let Some(p) = &para
                && (ends_item(&p.text) || is_section_heading(&p.text))
            {
                hard = true;
            }
            continue;
        }
        if let Some(t) = table.take() {
            doc.push(Block::Table(t))?;
        }
        let starts = heading || hard || opens_item(&line);
        match (&mut para, starts) {
            (Some(p), false) => {
                p.text.push(' ');
                p.text.push_str(&line);
            }
            _ => {
                if let Some(p) = para.take() {
                    doc.push(Block::Para(p))?;
                }
                para = Some(Para {
                    numbering: None,
                    text: line,
                    place,
                });
            }
        }
        let ptext = para.as_ref().map_or("", |p| p.text.as_str());
        // A table's heading row copied as one line ("TT Nội dung, chỉ tiêu
        // Chủ trì Phối hợp Sản phẩm") is a line of its own.
        hard = heading
            || is_heading_line(ptext)
            || super::structure::flat_heading(ptext).is_some_and(|n| n == ptext.len());
    }
    if let Some(p) = para.take() {
        doc.push(Block::Para(p))?;
    }
    if let Some(t) = table.take() {
        doc.push(Block::Table(t))?;
    }
    Ok(doc)
}

/// Markdown and HTML marks that copied text carries: `#` headings, `**`
/// emphasis, `<i>`, and footnote references `<sup>1</sup>`.
pub fn strip_markup(s: &str) -> String {
    let mut s = s.trim_start().trim_start_matches('#').to_string();
    while let Some(a) = s.find("<sup>") {
        match s[a..].find("</sup>") {
            Some(b) => s.replace_range(a..a + b + 6, ""),
            None => break,
        }
    }
    for tag in [
        "<i>", "</i>", "<b>", "</b>", "<u>", "</u>", "<br>", "<br/>", "**", "***",
    ] {
        s = s.replace(tag, "");
    }
    // Emphasis with single stars around a word: "*1027*/KH" -> "1027/KH".
    if s.contains('*') {
        s = s.replace('*', "");
    }
    s
}

fn ends_item(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with(['.', ';', ':', '!', '?', ')']) || is_heading_line(t)
}

/// A line in capitals ("KẾ HOẠCH", "I. MỤC TIÊU") is a heading of its own.
fn is_heading_line(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether a line opens a new item: a bullet, a section number, a heading word.
pub fn opens_item(line: &str) -> bool {
    let l = line.trim_start();
    if l.starts_with(['-', '+', '•', '–', '*', '(']) {
        return true;
    }
    if super::structure::label_of(l).is_some() {
        return true;
    }
    let f = crate::text::fold(l);
    if super::structure::appendix_heading(&f).is_some() {
        return true;
    }
    ["so:", "noi nhan", "can cu ", "thuc hien ke hoach"]
        .iter()
        .any(|k| f.starts_with(k))
        || l.starts_with("KẾ HOẠCH")
        || ["Thực hiện ", "Căn cứ ", "Trên cơ sở "]
            .iter()
            .any(|k| l.starts_with(k))
        || is_date_line(&f)
        || is_heading_line(l)
        || super::structure::flat_heading(l).is_some()
}

/// A short line opening with a section number ("1.2. Xây dựng văn bản",
/// "a) Đổi mới ..."), not a bullet: a heading when a blank line follows it.
fn is_section_heading(t: &str) -> bool {
    use super::structure::LabelKind;
    matches!(
        super::structure::label_of(t),
        Some((
            _,
            LabelKind::Roman | LabelKind::Arabic(_) | LabelKind::Letter | LabelKind::Paren,
            _
        ))
    ) && t.chars().count() < 120
}

/// "An Lão, ngày tháng 3 năm 2026": the place and date line of the header.
fn is_date_line(folded: &str) -> bool {
    folded.len() < 80
        && folded
            .find(", ngay")
            .is_some_and(|i| folded[i..].contains("thang") && folded[i..].contains("nam"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_broken_lines_and_keeps_tables() {
        let doc = from_str(
            "I. MỤC TIÊU\n- 100% trường học\n\nđược cấp chữ ký số.\nTT\tChỉ tiêu\n1\tA\n\n\tb\n",
            None,
        )
        .unwrap();
        assert_eq!(doc.blocks.len(), 3, "{doc:?}");
        match &doc.blocks[1] {
            Block::Para(p) => assert_eq!(p.text, "- 100% trường học được cấp chữ ký số."),
            b => panic!("{b:?}"),
        }
        match &doc.blocks[2] {
            Block::Table(t) => assert_eq!(t.rows.len(), 3),
            b => panic!("{b:?}"),
        }
    }

    #[test]
    fn legacy_encodings_are_named() {
        let e = read(b"K\xEA\xEC hoa\xF2ch chuy\xEA\xD2n \xF0\xF4\xD2i s\xF4\xEC n\xE3m 2026")
            .unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::NotUtf8 {
                    legacy: Some(_),
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
