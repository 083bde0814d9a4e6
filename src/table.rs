//! Rows of cells rendered for people (a table that fits the terminal) or for
//! spreadsheets (CSV, Markdown). Every command builds its rows once and hands
//! them here, so all formats show the same results.

use crate::text;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use std::io::Write;

pub struct Rows {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The column that is shortened to fit the terminal (long Vietnamese text).
    pub flexible: Option<usize>,
    /// What a cell is beyond its text, for a workbook: a real date or number,
    /// or a status band to colour by. Same shape as `rows` where given; a
    /// missing row or cell is plain text.
    pub typed: Vec<Vec<Option<Typed>>>,
}

/// A cell's value as a spreadsheet keeps it; its text in `Rows::rows` is
/// what every other format shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Date(chrono::NaiveDate),
    /// A number, with the Excel number format that shows it (`0`, `General"%"`).
    Number(f64, &'static str),
    /// The text, coloured by its status band.
    Band(crate::status::Band),
}

impl Typed {
    /// "85%" as a number 85 shown with a percent sign; a plain count as a number.
    pub fn quantity(text: &str) -> Option<Typed> {
        let t = text.trim();
        let (n, fmt) = match t.strip_suffix('%') {
            Some(n) => (n, "General\"%\""),
            None => (t, "General"),
        };
        let n = n.trim().replace(',', ".");
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        n.parse().ok().map(|v| Typed::Number(v, fmt))
    }

    /// A whole number (a line, a count of days).
    pub fn int(n: i64) -> Typed {
        Typed::Number(n as f64, "0")
    }
}

/// One row as every format needs it: its cells' text, and what each cell is
/// beyond its text (see [`Typed`]).
pub type Cells = (Vec<String>, Vec<Option<Typed>>);

/// The UTF-8 byte-order mark that opens every CSV kh writes.
pub const BOM: char = '\u{feff}';

/// Column headings as [`Rows`] keeps them.
pub fn headers<const N: usize>(names: [&str; N]) -> Vec<String> {
    names.map(String::from).to_vec()
}

/// Terminal width: COLUMNS if set, else the terminal's, else 120.
pub fn terminal_width() -> usize {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
    {
        return w;
    }
    Table::new().width().map(usize::from).unwrap_or(120)
}

/// Cuts `s` to `max` columns, ending with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if text::width(s) <= max {
        return s.to_string();
    }
    let s = text::nfc(s);
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

impl Rows {
    /// The typed value of a cell, if it has one.
    pub fn typed_at(&self, row: usize, col: usize) -> Option<&Typed> {
        self.typed.get(row)?.get(col)?.as_ref()
    }

    /// A table `width` columns wide; the flexible column is shortened to fit
    /// unless `wide`, in which case it wraps instead.
    pub fn table(&self, width: usize, wide: bool) -> String {
        let mut out = Vec::new();
        let layout = Layout {
            headers: &self.headers,
            flexible: self.flexible,
            width,
            wide,
        };
        // Writing to memory cannot fail.
        let _ = layout.write(&mut out, self.rows.len(), |i| self.rows[i].clone());
        let mut s = String::from_utf8(out).unwrap_or_default();
        s.truncate(s.trim_end_matches('\n').len());
        s
    }

    /// CSV as Excel opens it on a double click: UTF-8 with a byte-order mark
    /// (without one, Excel reads Vietnamese as Windows-1252 mojibake), dates
    /// in ISO form (2026-12-31, which Excel takes as a date under any regional
    /// setting), commas between fields (docs/format.md, "CSV for Excel").
    pub fn csv(&self) -> anyhow::Result<String> {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &self.headers,
            self.rows
                .iter()
                .enumerate()
                .map(|(n, r)| (r.clone(), self.typed.get(n).cloned().unwrap_or_default())),
        )?;
        Ok(String::from_utf8(out)?)
    }

    pub fn markdown(&self) -> String {
        let mut out = Vec::new();
        let _ = write_markdown(&mut out, &self.headers, self.rows.iter().cloned());
        String::from_utf8(out).unwrap_or_default()
    }
}

/// Rows this many or fewer are laid out together, each column as wide as
/// its content asks; a longer table is written in blocks of [`BLOCK`] rows
/// with the column widths measured in a first pass, so that memory is
/// bounded by a few blocks, not by the table (a national `kh due` prints a
/// million rows).
pub const ONE_PIECE: usize = 4096;
/// Rows in one block of a long table, at most.
pub const BLOCK: usize = 256;
/// Bytes of cells in one block, at most (unless one row is larger): a
/// roll-up's row can list a thousand children.
pub const BLOCK_BYTES: usize = 256 << 10;

/// The rows of each block, by the rows' sizes in bytes.
fn blocks(sizes: &[u32]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, size) in sizes.iter().map(|s| *s as usize).enumerate() {
        if i > start && (i - start == BLOCK || bytes + size > BLOCK_BYTES) {
            out.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < sizes.len() {
        out.push(start..sizes.len());
    }
    out
}

/// How a table is laid out: its headings, the column that gives way to fit
/// the terminal, the terminal's width, and whether whole texts are wanted.
pub struct Layout<'a> {
    pub headers: &'a [String],
    pub flexible: Option<usize>,
    pub width: usize,
    pub wide: bool,
}

impl Layout<'_> {
    /// Writes the table of `count` rows, `row(n)` building the `n`th. Beyond
    /// [`ONE_PIECE`] rows each is built twice, once to measure and once to
    /// write, and none is held longer than its block; blocks are built on
    /// all cores and written in order.
    pub fn write(
        &self,
        out: &mut dyn Write,
        count: usize,
        row: impl Fn(usize) -> Vec<String> + Sync,
    ) -> std::io::Result<()> {
        use rayon::prelude::*;
        let n = self.headers.len();
        use std::sync::atomic::{AtomicUsize, Ordering};
        let widest: Vec<AtomicUsize> = self
            .headers
            .iter()
            .map(|h| AtomicUsize::new(text::width(h)))
            .collect();
        // Each row's size in bytes, for cutting the blocks.
        let sizes: Vec<u32> = (0..count)
            .into_par_iter()
            .map(|i| {
                let r = row(i);
                for (c, cell) in r.iter().enumerate().take(n) {
                    widest[c].fetch_max(text::width(cell), Ordering::Relaxed);
                }
                u32::try_from(r.iter().map(String::len).sum::<usize>()).unwrap_or(u32::MAX)
            })
            .collect();
        let widths: Vec<usize> = widest.into_iter().map(AtomicUsize::into_inner).collect();
        let chrome = n * 3 + 1;
        let mut fits = true;
        let mut budget = None;
        if let Some(flex) = self.flexible.filter(|_| !self.wide) {
            let others: usize = (0..n).filter(|c| *c != flex).map(|c| widths[c]).sum();
            let b = self.width.saturating_sub(others + chrome).max(20);
            fits = others + chrome + b <= self.width;
            budget = Some((flex, b));
        }
        let prepare = |i: usize| -> Vec<String> {
            // Control characters and bidi marks never reach the terminal raw.
            let mut r: Vec<String> = row(i)
                .into_iter()
                .map(text::escape_controls_owned)
                .collect();
            if let Some((flex, b)) = budget
                && let Some(cell) = r.get_mut(flex)
                && text::width(cell) > b
            {
                *cell = shorten(cell, b);
            }
            r
        };
        let one_line = fits && !self.wide;
        let table = || {
            let mut t = Table::new();
            t.load_style(presets::UTF8_FULL_CONDENSED);
            if one_line {
                t.set_content_arrangement(ContentArrangement::Disabled);
            } else {
                // Too narrow for one line per row, or whole texts asked for: wrap.
                t.set_content_arrangement(ContentArrangement::Dynamic);
                t.set_width(u16::try_from(self.width).unwrap_or(u16::MAX));
            }
            t
        };
        if count <= ONE_PIECE {
            let mut t = table();
            t.set_header(self.headers.to_vec());
            for i in 0..count {
                t.add_row(prepare(i));
            }
            return writeln!(out, "{t}");
        }
        // A long table: every block gets the same widths, the ones a person's
        // eye needs to follow a column down; blocks are joined by dropping
        // the borders between them (the condensed style draws no rule
        // between rows).
        let fixed = self.block_widths(&widths, budget, one_line);
        let blocks = blocks(&sizes);
        let constraint = |w: usize| {
            ColumnConstraint::Absolute(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))
        };
        // A cell that wraps, as comfy-table lays it out in a column `w` wide:
        // its lines, each padded, without the borders.
        let wrap = |w: usize, cell: &str| -> Vec<String> {
            let mut t = table();
            t.add_row(vec![cell]);
            t.set_constraints([constraint(w)]);
            let text = t.to_string();
            // Between the top border and the bottom border.
            let lines: Vec<&str> = text.lines().collect();
            lines
                .get(1..lines.len().saturating_sub(1))
                .unwrap_or_default()
                .iter()
                .map(|l| {
                    let mut chars = l.chars();
                    chars.next();
                    chars.next_back();
                    chars.as_str().to_string()
                })
                .collect()
        };
        let block = |b: usize| {
            // A block between the first (the headings) and the last (the
            // bottom border) is only rows: they are written as comfy-table
            // writes them, without its layout pass over every cell (half
            // the time of a national `kh due`), each cell that wraps laid
            // out by comfy-table once.
            if b > 0
                && b + 1 < blocks.len()
                && let Some(s) = fixed_rows(&fixed, blocks[b].clone().map(prepare), wrap)
            {
                return s;
            }
            let mut t = table();
            if b == 0 {
                t.set_header(self.headers.to_vec());
            }
            for i in blocks[b].clone() {
                t.add_row(prepare(i));
            }
            // Constraints hold for the columns a table has: set once its rows are in.
            t.set_constraints(fixed.iter().map(|w| constraint(*w)));
            let text = t.to_string();
            let lines: Vec<&str> = text.lines().collect();
            let from = usize::from(b > 0);
            let to = lines.len() - usize::from(b + 1 < blocks.len());
            let mut s = String::with_capacity(text.len());
            for line in &lines[from..to] {
                s.push_str(line);
                s.push('\n');
            }
            s
        };
        let batch = rayon::current_num_threads().max(1);
        for first in (0..blocks.len()).step_by(batch) {
            let texts: Vec<String> = (first..(first + batch).min(blocks.len()))
                .into_par_iter()
                .map(block)
                .collect();
            for t in texts {
                out.write_all(t.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Column widths for a table written in blocks: each column's widest
    /// cell (the flexible one within its budget); where that is wider than
    /// the terminal, the widest columns are cut to one common width and wrap.
    fn block_widths(
        &self,
        widths: &[usize],
        budget: Option<(usize, usize)>,
        one_line: bool,
    ) -> Vec<usize> {
        let mut w = widths.to_vec();
        if let Some((flex, b)) = budget {
            w[flex] = w[flex].min(b);
        }
        if one_line {
            return w;
        }
        let room = self.width.saturating_sub(w.len() * 3 + 1).max(w.len());
        let mut cap = w.iter().copied().max().unwrap_or(0);
        while cap > 1 && w.iter().map(|x| (*x).min(cap)).sum::<usize>() > room {
            cap -= 1;
        }
        w.iter().map(|x| (*x).min(cap).max(1)).collect()
    }
}

/// The rows of a table in kh's style (`presets::UTF8_FULL_CONDENSED`), the
/// columns' widths fixed (`widths`), as comfy-table lays them out: a cell
/// that fits on one line (by comfy-table's measure) is padded here, one
/// that wraps is laid out by `wrap` (comfy-table, the cell alone in a table
/// of one column that wide), each distinct cell of a column once. `None`
/// for a row with another number of cells than columns.
fn fixed_rows(
    widths: &[usize],
    rows: impl Iterator<Item = Vec<String>>,
    wrap: impl Fn(usize, &str) -> Vec<String>,
) -> Option<String> {
    use unicode_width::UnicodeWidthStr;
    let lines = presets::UTF8_FULL_CONDENSED.content_lines;
    let (left, junction, right) = (lines.left?, lines.junction?, lines.right?);
    // By column: each distinct cell that wraps, and its lines.
    let mut wrapped: Vec<std::collections::HashMap<String, Vec<String>>> =
        vec![std::collections::HashMap::new(); widths.len()];
    let mut out = String::new();
    for row in rows {
        if row.len() != widths.len() {
            return None;
        }
        // A cell on one line, with its width; else the lines it wraps to.
        let fits: Vec<Option<usize>> = row
            .iter()
            .zip(widths)
            .map(|(cell, w)| Some(cell.width()).filter(|u| u <= w && !cell.contains('\n')))
            .collect();
        for (c, cell) in row.iter().enumerate() {
            if fits[c].is_none() && !wrapped[c].contains_key(cell.as_str()) {
                let lines = wrap(widths[c], cell);
                wrapped[c].insert(cell.clone(), lines);
            }
        }
        let wraps: Vec<Option<&Vec<String>>> = (0..row.len())
            .map(|c| wrapped[c].get(row[c].as_str()))
            .collect();
        let height = wraps
            .iter()
            .map(|l| l.map_or(1, Vec::len))
            .max()
            .unwrap_or(1);
        for line in 0..height {
            out.push(left);
            for (c, cell) in row.iter().enumerate() {
                if c > 0 {
                    out.push(junction);
                }
                match (fits[c], wraps[c].and_then(|l| l.get(line))) {
                    (Some(used), _) if line == 0 => {
                        out.push(' ');
                        out.push_str(cell);
                        out.extend(std::iter::repeat_n(' ', widths[c] - used + 1));
                    }
                    (None, Some(text)) => out.push_str(text),
                    _ => out.extend(std::iter::repeat_n(' ', widths[c] + 2)),
                }
            }
            out.push(right);
            out.push('\n');
        }
    }
    Some(out)
}

/// Writes CSV rows with their typed cells: see [`Rows::csv`].
pub fn write_csv(
    out: &mut dyn Write,
    headers: &[String],
    rows: impl Iterator<Item = Cells>,
) -> anyhow::Result<()> {
    write!(out, "{BOM}")?;
    // Cells a spreadsheet would run as formulas are neutralised here, for
    // every command's CSV (see SECURITY.md).
    let mut w = csv::Writer::from_writer(out);
    w.write_record(headers.iter().map(|h| text::csv_cell(h).into_owned()))?;
    for (r, typed) in rows {
        w.write_record(r.iter().enumerate().map(
            |(m, c)| match typed.get(m).and_then(Option::as_ref) {
                Some(Typed::Date(d)) => d.format("%Y-%m-%d").to_string(),
                _ => text::csv_cell(c).into_owned(),
            },
        ))?;
    }
    w.flush()?;
    Ok(())
}

/// Writes a Markdown table, a row at a time.
pub fn write_markdown(
    out: &mut dyn Write,
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    let esc =
        |s: &str| text::escape_controls(&s.replace('|', "\\|").replace('\n', " ")).into_owned();
    let line = |cells: &[String]| cells.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ");
    writeln!(out, "| {} |", line(headers))?;
    writeln!(out, "|{}", "---|".repeat(headers.len()))?;
    for r in rows {
        writeln!(out, "| {} |", line(&r))?;
    }
    Ok(())
}
#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn rows(text: &str) -> Rows {
        Rows {
            headers: vec!["id".into(), "text".into()],
            rows: vec![vec!["1".into(), text.into()]],
            flexible: Some(1),
            typed: Vec::new(),
        }
    }

    #[test]
    fn shortens_vietnamese_by_columns_not_bytes() {
        assert_eq!(shorten("Tổ chức tập huấn", 8), "Tổ chức…");
        let nfd: String = "Tổ chức tập huấn".nfd().collect();
        assert_eq!(shorten(&nfd, 8), "Tổ chức…");
        assert_eq!(shorten("ngắn", 8), "ngắn");
    }

    #[test]
    fn table_fits_the_width_with_nfd_text() {
        let nfd: String =
            "Triển khai Học bạ số trong các cơ sở giáo dục phổ thông và giáo dục thường xuyên"
                .nfd()
                .collect();
        let out = rows(&nfd).table(40, false);
        for line in out.lines() {
            assert!(
                text::width(line) <= 40,
                "{line:?} is {} wide",
                text::width(line)
            );
        }
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(text::width(lines[0]), text::width(lines[lines.len() - 1]));
    }

    #[test]
    fn narrow_terminal_wraps_every_column_within_the_width() {
        let r = Rows {
            headers: vec!["plan".into(), "text".into(), "lead".into()],
            rows: vec![vec![
                "dak-nong/so-gddt-2022-2025".into(),
                "Tuyên truyền, phổ biến, quán triệt sâu rộng".into(),
                "Sở Giáo dục và Đào tạo; UBND huyện, thành phố".into(),
            ]],
            flexible: Some(1),
            typed: Vec::new(),
        };
        for wide in [false, true] {
            for line in r.table(50, wide).lines() {
                assert!(text::width(line) <= 50, "{line:?}");
            }
        }
        assert!(r.table(50, true).contains("rộng"));
    }

    fn long(n: usize, text: impl Fn(usize) -> String) -> Vec<Vec<String>> {
        (0..n)
            .map(|i| vec![format!("{i}"), text(i), "Sở GDĐT".to_string()])
            .collect()
    }

    fn layout(headers: &[String], width: usize, wide: bool) -> Layout<'_> {
        Layout {
            headers,
            flexible: Some(1),
            width,
            wide,
        }
    }

    /// A row as `Layout::write` hands it to comfy-table.
    fn escaped(row: Vec<String>) -> Vec<String> {
        row.into_iter().map(text::escape_controls_owned).collect()
    }

    /// The table comfy-table lays out of these rows, in kh's style.
    fn reference(
        headers: &[String],
        rows: impl Iterator<Item = Vec<String>>,
        arrangement: ContentArrangement,
    ) -> Table {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(arrangement);
        t.set_header(headers.to_vec());
        for r in rows {
            t.add_row(r);
        }
        t
    }

    #[test]
    fn blocks_are_cut_by_rows_and_by_bytes() {
        assert_eq!(blocks(&[]), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(blocks(&vec![10; 600]), vec![0..256, 256..512, 512..600]);
        let big = BLOCK_BYTES as u32;
        assert_eq!(blocks(&[5, big, 5, 5]), vec![0..1, 1..2, 2..4]);
        assert_eq!(blocks(&[big / 2, big / 2, 1]), vec![0..2, 2..3]);
    }

    #[test]
    fn a_long_table_in_blocks_is_the_table_in_one_piece() {
        let headers = headers(["id", "văn bản", "chủ trì"]);
        let rows = long(ONE_PIECE * 2 + 7, |i| "Chuyển đổi số ".repeat(i % 5 + 1));
        let mut blocks = Vec::new();
        layout(&headers, 120, false)
            .write(&mut blocks, rows.len(), |i| rows[i].clone())
            .unwrap();
        // The same rows laid out by comfy-table in one piece.
        let t = reference(&headers, rows.iter().cloned(), ContentArrangement::Disabled);
        assert_eq!(String::from_utf8(blocks).unwrap(), format!("{t}\n"));
    }

    /// Cells of every kind a plan's text holds: composed and decomposed
    /// Vietnamese, wide characters, an emoji, spaces at either end, an
    /// empty cell, and a control character (escaped before layout).
    fn mixed(i: usize) -> Vec<String> {
        let texts = [
            "Chuyển đổi số",
            "Tổ chức tập huấn ",
            " Trường Tiểu học Kim Đồng",
            "",
            "数字化转型 (wide)",
            "Học bạ số 📚",
            "a\u{1b}[2Jb",
            "Triển khai",
        ];
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(texts[i % 8]).collect();
        let text = if i % 3 == 0 {
            nfd
        } else {
            texts[i % 8].to_string()
        };
        vec![
            format!("{i}"),
            text,
            ["Sở GDĐT", "", "UBND xã"][i % 3].to_string(),
        ]
    }

    #[test]
    fn rows_written_without_comfy_table_are_as_comfy_table_writes_them() {
        let headers = headers(["id", "văn bản", "chủ trì"]);
        // A block with none of the cells comfy-table measures wider than
        // kh does (wide characters, an emoji): written by kh.
        let rows: Vec<Vec<String>> = (0..BLOCK)
            .map(mixed)
            .filter(|r| !r[1].contains('数') && !r[1].contains('📚'))
            .map(escaped)
            .collect();
        let widths: Vec<usize> = (0..3)
            .map(|c| {
                rows.iter()
                    .map(|r| text::width(&r[c]))
                    .chain([text::width(&headers[c])])
                    .max()
                    .unwrap()
            })
            .collect();
        let unwrapped = |_: usize, cell: &str| -> Vec<String> { panic!("{cell:?} wrapped") };
        let written = fixed_rows(&widths, rows.iter().cloned(), unwrapped).expect("rows");
        let t = reference(&headers, rows.iter().cloned(), ContentArrangement::Disabled);
        let table = t.to_string();
        let body: String = table
            .lines()
            .skip(3)
            .take(rows.len())
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(written, body);
        // A row of another shape is left to comfy-table.
        let short = vec![vec!["1".to_string()]];
        assert_eq!(fixed_rows(&widths, short.into_iter(), unwrapped), None);
    }

    #[test]
    fn a_long_table_of_mixed_cells_in_blocks_is_the_table_in_one_piece() {
        let headers = headers(["id", "văn bản", "chủ trì"]);
        let count = ONE_PIECE * 2 + 7;
        let mut blocks = Vec::new();
        layout(&headers, 200, false)
            .write(&mut blocks, count, mixed)
            .unwrap();
        let t = reference(
            &headers,
            (0..count).map(|i| escaped(mixed(i))),
            ContentArrangement::Disabled,
        );
        assert_eq!(String::from_utf8(blocks).unwrap(), format!("{t}\n"));
    }

    #[test]
    fn a_long_table_that_wraps_is_the_table_comfy_table_lays_out() {
        let headers = headers(["id", "văn bản", "chủ trì"]);
        let count = ONE_PIECE + BLOCK * 3 + 5;
        let row = |i: usize| {
            let mut r = mixed(i);
            r[1] = format!(
                "{} {} kế hoạch-số-{i}",
                r[1],
                "Triển khai nền tảng".repeat(i % 4)
            );
            r
        };
        let mut out = Vec::new();
        layout(&headers, 48, true)
            .write(&mut out, count, row)
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        // The widths kh fixed, read off the top border.
        let widths: Vec<u16> = out
            .lines()
            .next()
            .unwrap()
            .trim_matches(['┌', '┐'])
            .split('┬')
            .map(|c| c.chars().count() as u16)
            .collect();
        let mut t = reference(
            &headers,
            (0..count).map(|i| escaped(row(i))),
            ContentArrangement::Dynamic,
        );
        t.set_width(48);
        t.set_constraints(
            widths
                .iter()
                .map(|w| ColumnConstraint::Absolute(Width::Fixed(*w))),
        );
        assert_eq!(out, format!("{t}\n"));
        assert!(out.lines().count() > count + 4, "rows wrap");
    }

    #[test]
    fn a_long_table_that_wraps_keeps_one_width_and_every_row() {
        let headers = headers(["id", "văn bản", "chủ trì"]);
        let rows = long(ONE_PIECE + 3, |i| {
            format!("Triển khai nền tảng số thứ {i} cho toàn ngành")
        });
        let mut out = Vec::new();
        layout(&headers, 30, true)
            .write(&mut out, rows.len(), |i| rows[i].clone())
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        let widths: std::collections::BTreeSet<usize> = out.lines().map(text::width).collect();
        assert_eq!(widths.len(), 1, "{widths:?}");
        assert!(*widths.first().unwrap() <= 30);
        // One top border, one heading rule, one bottom border: the blocks are joined.
        assert_eq!(out.lines().filter(|l| l.starts_with('┌')).count(), 1);
        assert_eq!(out.lines().filter(|l| l.starts_with('╞')).count(), 1);
        assert_eq!(out.lines().filter(|l| l.starts_with('└')).count(), 1);
        // Every row, in order, each once: its id opens its first line.
        let ids: Vec<usize> = out
            .lines()
            .filter_map(|l| {
                l.trim_start_matches('│')
                    .split('┆')
                    .next()?
                    .trim()
                    .parse()
                    .ok()
            })
            .collect();
        assert_eq!(ids, (0..ONE_PIECE + 3).collect::<Vec<_>>());
    }

    #[test]
    fn csv_and_markdown_carry_the_same_cells() {
        let r = rows("a | b, \"c\"");
        assert_eq!(
            r.csv().unwrap(),
            "\u{feff}id,text\n1,\"a | b, \"\"c\"\"\"\n"
        );
        assert_eq!(
            r.markdown(),
            "| id | text |\n|---|---|\n| 1 | a \\| b, \"c\" |\n"
        );
    }
}
