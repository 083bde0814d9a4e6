//! Rows of cells rendered for people (a table that fits the terminal) or for
//! spreadsheets (CSV, Markdown). Every command builds its rows once and hands
//! them here, so all formats show the same results.

use crate::text;
use comfy_table::{ContentArrangement, Table, presets};

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
        // Control characters and bidi marks never reach the terminal raw.
        let mut rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| text::escape_controls(c).into_owned())
                    .collect()
            })
            .collect();
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        let chrome = self.headers.len() * 3 + 1;
        let mut fits = true;
        if let Some(flex) = self.flexible.filter(|_| !wide) {
            let others: usize = (0..self.headers.len())
                .filter(|c| *c != flex)
                .map(|c| self.col_width(c))
                .sum();
            let budget = width.saturating_sub(others + chrome).max(20);
            fits = others + chrome + budget <= width;
            for r in &mut rows {
                if let Some(cell) = r.get_mut(flex) {
                    *cell = shorten(cell, budget);
                }
            }
        }
        if fits && !wide {
            t.set_content_arrangement(ContentArrangement::Disabled);
        } else {
            // Too narrow for one line per row, or whole texts asked for: wrap.
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(u16::try_from(width).unwrap_or(u16::MAX));
        }
        t.set_header(self.headers.clone());
        for r in rows {
            t.add_row(r);
        }
        t.to_string()
    }

    fn col_width(&self, c: usize) -> usize {
        self.rows
            .iter()
            .filter_map(|r| r.get(c))
            .chain(self.headers.get(c))
            .map(|s| text::width(s))
            .max()
            .unwrap_or(0)
    }

    /// CSV as Excel opens it on a double click: UTF-8 with a byte-order mark
    /// (without one, Excel reads Vietnamese as Windows-1252 mojibake), dates
    /// in ISO form (2026-12-31, which Excel takes as a date under any regional
    /// setting), commas between fields (docs/format.md, "CSV for Excel").
    pub fn csv(&self) -> anyhow::Result<String> {
        // Cells a spreadsheet would run as formulas are neutralised here, for
        // every command's CSV (see SECURITY.md).
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(self.headers.iter().map(|h| text::csv_cell(h).into_owned()))?;
        for (n, r) in self.rows.iter().enumerate() {
            w.write_record(
                r.iter()
                    .enumerate()
                    .map(|(m, c)| match self.typed_at(n, m) {
                        Some(Typed::Date(d)) => d.format("%Y-%m-%d").to_string(),
                        _ => text::csv_cell(c).into_owned(),
                    }),
            )?;
        }
        Ok(format!("{BOM}{}", String::from_utf8(w.into_inner()?)?))
    }

    pub fn markdown(&self) -> String {
        let esc =
            |s: &str| text::escape_controls(&s.replace('|', "\\|").replace('\n', " ")).into_owned();
        let mut out = format!(
            "| {} |\n|{}\n",
            self.headers
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | "),
            "---|".repeat(self.headers.len())
        );
        for r in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
            ));
        }
        out
    }
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
