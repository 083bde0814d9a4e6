//! PDF with a text layer (pdf-extract, on lopdf): the characters with their
//! positions, put back into lines; a table is found by its heading row
//! ("TT  Chỉ tiêu  ..."), and below it every character goes to the column it
//! stands under, so the rows come out as tab-separated cells for the text
//! reader, broken cells and all. A PDF without text (a scan) is said to be one.

use super::{Document, Format, ReadError};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    ch: String,
}

#[derive(Default)]
struct Collect {
    height: f64,
    page: Vec<Glyph>,
    pages: Vec<Vec<Glyph>>,
    glyphs: usize,
}

/// The most characters kh takes from a PDF (a 100-page plan has ~300,000).
const MAX_GLYPHS: usize = 20_000_000;

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        _n: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media.ury - media.lly;
        self.page.clear();
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        self.pages.push(std::mem::take(&mut self.page));
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            return Ok(());
        }
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt().max(1.0);
        let x = trm.m31;
        let y = self.height - trm.m32;
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        self.page.push(Glyph {
            x,
            y,
            end: x + width * size,
            size,
            ch: ch.to_string(),
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The glyphs of a page in lines, top to bottom, each left to right.
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match out.last_mut() {
            Some(l) if (l[0].y - g.y).abs() < l[0].size * 0.5 => l.push(g),
            _ => out.push(vec![g]),
        }
    }
    for l in &mut out {
        l.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    out
}

/// Segments of a line split where the gap is wider than a column gap.
fn segments(line: &[Glyph]) -> Vec<(f64, String)> {
    let mut out: Vec<(f64, String)> = Vec::new();
    let mut last_end = f64::NEG_INFINITY;
    for g in line {
        let gap = g.x - last_end;
        if out.is_empty() || gap > g.size * 1.0 {
            out.push((g.x, String::new()));
        } else if gap > g.size * 0.15 {
            if let Some(s) = out.last_mut() {
                s.1.push(' ');
            }
        }
        if let Some(s) = out.last_mut() {
            s.1.push_str(&g.ch);
        }
        last_end = g.end;
    }
    out
}

/// The cells of a line under a table's columns (their left edges).
fn cells(line: &[Glyph], cols: &[f64]) -> Vec<String> {
    let mut out = vec![String::new(); cols.len()];
    let mut last: Option<(usize, f64)> = None;
    for g in line {
        let tol = g.size * 0.6;
        let col = cols.iter().rposition(|c| *c <= g.x + tol).unwrap_or(0);
        if let Some((lc, le)) = last
            && lc == col
            && g.x - le > g.size * 0.15
        {
            out[col].push(' ');
        }
        out[col].push_str(&g.ch);
        last = Some((col, g.end));
    }
    out
}

fn is_heading_cell(s: &str) -> bool {
    matches!(crate::text::fold(s).as_str(), "tt" | "stt" | "so tt")
}

/// Text of the pages for the text reader: tables as tab-separated rows.
fn page_text(glyphs: Vec<Glyph>, out: &mut String) {
    let mut cols: Option<Vec<f64>> = None;
    let mut header_open = false;
    let lines = lines(glyphs);
    // A paragraph's last line stops short of the right margin, and paragraphs
    // are set further apart than lines: either makes a blank line, which the
    // text reader takes as the end of a sentence or of a heading.
    let right = lines
        .iter()
        .filter_map(|l| l.last().map(|g| g.end))
        .fold(f64::NEG_INFINITY, f64::max);
    let left = lines
        .iter()
        .filter_map(|l| l.first().map(|g| g.x))
        .fold(f64::INFINITY, f64::min);
    let line_gap = lines
        .windows(2)
        .map(|w| w[1][0].y - w[0][0].y)
        .filter(|g| *g > 0.0)
        .fold(f64::INFINITY, f64::min);
    let mut prose_before: Option<(f64, f64)> = None;
    for line in lines {
        let segs = segments(&line);
        if segs.len() >= 3 && is_heading_cell(&segs[0].1) {
            cols = Some(segs.iter().map(|s| s.0).collect());
            out.push_str(
                &segs
                    .iter()
                    .map(|s| s.1.as_str())
                    .collect::<Vec<_>>()
                    .join("\t"),
            );
            out.push('\n');
            header_open = true;
            prose_before = None;
            continue;
        }
        if let Some(c) = &cols {
            let cs = cells(&line, c);
            // A line in the first column alone that is not a row number
            // ("PHỤ LỤC 2", a paragraph after the table) ends the table.
            let numeral = |s: &str| {
                let t = s.trim().trim_end_matches('.');
                !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || "IVX".contains(c))
            };
            let prose = segs.len() == 1 && !cs[0].is_empty() && !numeral(&cs[0]);
            if prose {
                cols = None;
            } else {
                if header_open && cs[0].is_empty() {
                    // The heading row's cells wrapped onto this line.
                    continue;
                }
                header_open = false;
                prose_before = None;
                out.push_str(&cs.join("\t"));
                out.push('\n');
                continue;
            }
        }
        let text = segs
            .iter()
            .map(|s| s.1.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let (y, end) = (line[0].y, line.last().map_or(line[0].end, |g| g.end));
        if let Some((py, pend)) = prose_before {
            let short =
                right.is_finite() && left.is_finite() && pend < right - 0.15 * (right - left);
            let apart = line_gap.is_finite() && y - py > line_gap * 1.15;
            if short || apart {
                out.push('\n');
            }
        }
        prose_before = Some((y, end));
        out.push_str(&text);
        out.push('\n');
    }
}

fn broken(detail: impl std::fmt::Display) -> ReadError {
    ReadError::Broken {
        format: Format::Pdf,
        detail: detail.to_string(),
    }
}

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    // pdf-extract may panic on a malformed file: that is an unreadable file,
    // said as such, not a crash (and its panic message is not shown).
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(
        || -> Result<Collect, String> {
            let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
            if doc.is_encrypted() {
                return Err("the PDF is encrypted".into());
            }
            let mut c = Collect::default();
            pdf_extract::output_doc(&doc, &mut c).map_err(|e| e.to_string())?;
            Ok(c)
        },
    ));
    std::panic::set_hook(hook);
    let collected = match result {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => return Err(broken(e)),
        Err(_) => return Err(broken("its structure could not be read")),
    };
    if collected.pages.iter().all(Vec::is_empty) {
        return Err(ReadError::NoTextLayer);
    }
    let mut text = String::new();
    for (i, page) in collected.pages.into_iter().enumerate() {
        if i > 0 {
            text.push('\x0c');
        }
        page_text(page, &mut text);
    }
    super::text::from_str(&text, Some(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read(b"%PDF-1.4\ngarbage").is_err());
        assert!(read(b"%PDF").is_err());
    }
}
