//! Excel workbooks from [`Rows`]: one sheet per table, headers in the
//! interface language, real dates and numbers from the typed-cell layer, fitted
//! column widths, a frozen header row, an autofilter, status cells coloured by
//! band, and a last sheet saying where the workbook came from.

use crate::messages::{ExportWord, export_word};
use crate::table::{Rows, Typed};
use crate::ui::Lang;
use anyhow::Result;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet};

/// Where a workbook comes from: its last sheet.
pub struct About {
    pub repository: String,
    pub generated: chrono::NaiveDate,
    pub command: String,
}

impl About {
    /// The repository given, today, and the command line as typed.
    pub fn now(repository: &[std::path::PathBuf]) -> About {
        let args: Vec<String> = std::env::args()
            .enumerate()
            .map(|(i, a)| if i == 0 { "kh".to_string() } else { a })
            .collect();
        About {
            repository: repository
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            generated: chrono::Local::now().date_naive(),
            command: args.join(" "),
        }
    }
}

/// Widest a column gets, in characters; longer texts wrap.
const MAX_WIDTH: usize = 60;

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    clean.chars().take(31).collect()
}

fn write_sheet(ws: &mut Worksheet, name: &str, rows: &Rows) -> Result<()> {
    ws.set_name(sheet_name(name))?;
    let head = Format::new()
        .set_bold()
        .set_background_color(0xDDEBF7)
        .set_border_bottom(FormatBorder::Thin);
    let plain = Format::new();
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in rows.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    let mut widths: Vec<usize> = rows.headers.iter().map(|h| crate::text::width(h)).collect();
    for (r, cells) in rows.rows.iter().enumerate() {
        let row = (r + 1) as u32;
        for (c, text) in cells.iter().enumerate() {
            let col = c as u16;
            let w = crate::text::width(text);
            if let Some(slot) = widths.get_mut(c) {
                *slot = (*slot).max(w.min(MAX_WIDTH));
            }
            let long = if w > MAX_WIDTH { &wrap } else { &plain };
            match rows.typed_at(r, c) {
                Some(Typed::Date(d)) => {
                    ws.write_datetime_with_format(row, col, d, &date)?;
                    if let Some(slot) = widths.get_mut(c) {
                        *slot = (*slot).max(10);
                    }
                }
                Some(Typed::Number(n, fmt)) => {
                    ws.write_number_with_format(row, col, *n, &Format::new().set_num_format(*fmt))?;
                }
                Some(Typed::Band(b)) => {
                    let f = Format::new()
                        .set_background_color(b.tint())
                        .set_font_color(b.rgb());
                    ws.write_string_with_format(row, col, text, &f)?;
                }
                None if text.is_empty() => {}
                None => {
                    ws.write_string_with_format(row, col, text, long)?;
                }
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        // A little room for the autofilter's button beside the heading.
        ws.set_column_width(c as u16, (*w + 3) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !rows.headers.is_empty() {
        let last_row = rows.rows.len() as u32;
        ws.autofilter(0, 0, last_row, (rows.headers.len() - 1) as u16)?;
    }
    Ok(())
}

/// The workbook: each `(sheet name, rows)` as a sheet, then the about sheet.
pub fn workbook(sheets: &[(&str, &Rows)], about: &About, lang: Lang) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        write_sheet(wb.add_worksheet(), name, rows)?;
    }
    let w = |x| export_word(lang, x).to_string();
    let info = Rows {
        headers: vec![w(ExportWord::Field), w(ExportWord::Value)],
        rows: vec![
            vec![w(ExportWord::Repository), about.repository.clone()],
            vec![
                w(ExportWord::Generated),
                about.generated.format("%d/%m/%Y").to_string(),
            ],
            vec![
                w(ExportWord::Version),
                env!("CARGO_PKG_VERSION").to_string(),
            ],
            vec![w(ExportWord::Command), about.command.clone()],
        ],
        flexible: None,
        typed: vec![
            vec![],
            vec![None, Some(Typed::Date(about.generated))],
            vec![],
            vec![],
        ],
    };
    write_sheet(wb.add_worksheet(), &w(ExportWord::SheetAbout), &info)?;
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        assert_eq!(sheet_name("a/b:c"), "a-b-c");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }

    #[test]
    fn percent_and_counts_become_numbers() {
        assert_eq!(
            Typed::quantity("85%"),
            Some(Typed::Number(85.0, "General\"%\""))
        );
        assert_eq!(
            Typed::quantity("87,5%"),
            Some(Typed::Number(87.5, "General\"%\""))
        );
        assert_eq!(Typed::quantity("3"), Some(Typed::Number(3.0, "General")));
        assert_eq!(Typed::quantity("mức 2"), None);
        assert_eq!(Typed::quantity("4/4"), None);
    }
}
