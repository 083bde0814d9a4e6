//! Spreadsheets (.xlsx, .xls, .ods) through calamine: each sheet's rows of
//! cells, the rows above its heading row (title, "PHỤ LỤC 1") as paragraphs.
//! A merged cell's value is repeated over the cells it covers, as in docx.

use super::{
    Block, Document, Format, MAX_UNZIPPED_BYTES, Para, Place, ReadError, Row, Table, clean,
};
use calamine::{Data, Reader};
use std::io::Cursor;

fn broken(detail: impl std::fmt::Display) -> ReadError {
    ReadError::Broken {
        format: Format::Spreadsheet,
        detail: detail.to_string(),
    }
}

/// A cell as the sheet shows it: whole numbers without ".0", dates as d/m/yyyy.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => clean(s),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            // Excel's serial day: days since 1899-12-30.
            let days = dt.as_f64().floor();
            chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|d| d.checked_add_signed(chrono::Duration::days(days as i64)))
                .map(|d| d.format("%-d/%-m/%Y").to_string())
                .unwrap_or_default()
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => clean(s),
        Data::Error(_) => String::new(),
    }
}

/// Whether the zip of an .xlsx / .ods declares at most `limit` bytes for each
/// part and twice that in all (anything not a zip passes: .xls is bounded by
/// its file size). `Err(Some(size))` names the size declared past the limit,
/// `Err(None)` a zip that cannot be read.
pub fn zip_within(bytes: &[u8], limit: u64) -> Result<(), Option<u64>> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| None)?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|_| None)?;
        total = total.saturating_add(f.size());
        if f.size() > limit || total > 2 * limit {
            return Err(Some(f.size().max(total)));
        }
    }
    Ok(())
}

/// Bounds what the zip of an .xlsx / .ods expands to before calamine reads it.
fn check_zip(bytes: &[u8]) -> Result<(), ReadError> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(broken)?;
        total = total.saturating_add(f.size());
        // A declared size far beyond its compressed one is how bombs look.
        if f.size() > MAX_UNZIPPED_BYTES || total > 2 * MAX_UNZIPPED_BYTES {
            return Err(ReadError::TooLarge);
        }
    }
    Ok(())
}

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    check_zip(bytes)?;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(broken)?;
    let mut doc = Document::default();
    let names = book.sheet_names();
    let mut tables = 0u32;
    for (s, name) in names.iter().enumerate() {
        let sheet = u32::try_from(s + 1).unwrap_or(u32::MAX);
        let Ok(range) = book.worksheet_range(name) else {
            continue;
        };
        let merged: Vec<calamine::Dimensions> = match &mut book {
            calamine::Sheets::Xlsx(x) => {
                let _ = x.load_merged_regions();
                x.merged_regions_by_sheet(name)
                    .into_iter()
                    .map(|(_, _, d)| *d)
                    .collect()
            }
            _ => Vec::new(),
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut grid: Vec<Vec<String>> =
            range.rows().map(|r| r.iter().map(text).collect()).collect();
        for m in merged {
            let (sr, sc) = (
                m.start.0.saturating_sub(r0) as usize,
                m.start.1.saturating_sub(c0) as usize,
            );
            let (er, ec) = (
                m.end.0.saturating_sub(r0) as usize,
                m.end.1.saturating_sub(c0) as usize,
            );
            let v = grid
                .get(sr)
                .and_then(|r| r.get(sc))
                .cloned()
                .unwrap_or_default();
            // Merged across columns: the value once; merged down: on every row.
            for row in grid.iter_mut().take(er + 1).skip(sr + 1) {
                if let Some(c) = row.get_mut(sc) {
                    *c = v.clone();
                }
            }
            let _ = ec;
        }
        let heading = grid.iter().position(|r| {
            r.first()
                .is_some_and(|c| matches!(crate::text::fold(c).as_str(), "tt" | "stt" | "so tt"))
        });
        let mut table = Table { rows: Vec::new() };
        for (i, cells) in grid.into_iter().enumerate() {
            let row_no = u32::try_from(i + 1).unwrap_or(u32::MAX) + r0;
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            // Rows above the heading row, or a whole sheet without one (text
            // pasted into column A): paragraphs.
            if heading.is_none_or(|h| i < h) {
                let text = cells
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                doc.push(Block::Para(Para {
                    numbering: None,
                    text,
                    place: Place {
                        page: Some(sheet),
                        row: Some(row_no),
                        ..Place::default()
                    },
                }))?;
                continue;
            }
            if table.rows.is_empty() {
                tables += 1;
            }
            table.rows.push(Row {
                cells,
                place: Place {
                    page: Some(sheet),
                    table: Some(tables),
                    row: Some(row_no),
                    line: None,
                },
            });
            if table.rows.len() > super::MAX_BLOCKS {
                return Err(ReadError::TooLarge);
            }
        }
        if !table.rows.is_empty() {
            doc.push(Block::Table(table))?;
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read(b"PK\x03\x04garbage").is_err());
        assert!(read(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3]).is_err());
    }
}
