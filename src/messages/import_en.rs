//! The words of `kh import` in English: the summary on stderr, the review
//! comments in the draft, and why a file could not be read.

use crate::import::draft::{Review, Summary};
use crate::import::{Place, ReadError};

pub fn place(p: &Place) -> String {
    let mut parts = Vec::new();
    if let Some(n) = p.page {
        parts.push(format!("page {n}"));
    }
    if let Some(n) = p.table {
        parts.push(format!("table {n}"));
    }
    if let Some(n) = p.row {
        parts.push(format!("row {n}"));
    }
    if p.row.is_none()
        && let Some(n) = p.line
    {
        parts.push(format!("line {n}"));
    }
    if parts.is_empty() {
        "header".into()
    } else {
        parts.join(", ")
    }
}

pub fn review(r: &Review) -> String {
    match r {
        Review::Threshold { text } => {
            format!("REVIEW: threshold \"{text}\" not understood; kept as written")
        }
        Review::Deadline { text } => {
            format!("REVIEW: deadline \"{text}\" not understood; kept as written")
        }
        Review::NoValue => "REVIEW: the document states no value; read as yes/no".into(),
        Review::IdInferred => "REVIEW: the row has no TT; numbered after the row before".into(),
        Review::Header { field } => format!("REVIEW: the document does not state the {field}"),
        Review::ReportPeriod => "REVIEW: the report has no period of its own (\"định kỳ\")".into(),
        Review::NotATarget { text } => format!("REVIEW: no value, not made a target: {text}"),
        Review::RowNotRead { text } => {
            format!("REVIEW: table columns not recognised, row not read: {text}")
        }
        Review::TargetInTask => {
            "REVIEW: a value stated inside the task of the same id, made a target too: keep it or remove it".into()
        }
        Review::CellsRunTogether { text } => {
            format!("REVIEW: the other cells of this row ran together when the table was copied, kept as they stand: {text}")
        }
    }
}

pub fn heading() -> String {
    "Draft made by kh import: check every line marked REVIEW, then run kh check.".into()
}

pub fn proposals_heading() -> String {
    "Indicators kh import did not find in plans/indicators.yaml: review, then add them to the catalog.".into()
}

pub fn summary(s: &Summary) -> String {
    let mut out = format!(
        "kh import: {} ({}): {} table rows read, {} targets, {} tasks, {} reporting duties, {} units; metrics: {} matched in the catalog, {} proposed\n",
        s.file, s.format, s.rows, s.targets, s.tasks, s.duties, s.units, s.matched, s.proposed
    );
    if s.notes.is_empty() {
        out.push_str("nothing to review\n");
    } else {
        out.push_str(&format!("to review ({}):\n", s.notes.len()));
        for n in &s.notes {
            out.push_str(&format!(
                "  {}: {}\n",
                place(&n.place),
                review(&n.review).trim_start_matches("REVIEW: ")
            ));
        }
    }
    out
}

pub fn read_error(file: &str, e: &ReadError) -> String {
    match e {
        ReadError::TooLarge => format!(
            "{file}: too large to be a plan (more than {} MB, or too many parts); not read",
            crate::import::MAX_INPUT_BYTES / 1024 / 1024
        ),
        ReadError::Empty => format!("{file}: the file holds no text"),
        ReadError::NotUtf8 {
            byte,
            legacy: Some(enc),
        } => format!(
            "{file}: not UTF-8 (byte 0x{byte:02X}); it looks like {enc}: convert it to UTF-8 (e.g. in Word: Save As, Plain Text, Unicode UTF-8; or with a converter such as UniKey's), then import again"
        ),
        ReadError::NotUtf8 { byte, legacy: None } => {
            format!("{file}: not UTF-8 (byte 0x{byte:02X}): save it as UTF-8 and import again")
        }
        ReadError::NoTextLayer => format!(
            "{file}: this PDF has no text layer (a scanned document?); kh does not do OCR: import the Word file, or the text of an OCR tool"
        ),
        ReadError::Broken { format, detail } => {
            format!("{file}: not a readable {} file: {detail}", format.name())
        }
    }
}
