//! `kh import`: a draft plan from the Word, Excel, PDF or pasted text of a real
//! document. Each reader turns its format into one neutral [`Document`] of
//! blocks (paragraphs with their numbering, tables of rows of cells, each with
//! its place in the source); [`structure`] finds the plan in it; [`draft`]
//! writes the YAML. Nothing here panics on any input, and every read is bounded.

pub mod docx;
pub mod draft;
pub mod pdf;
pub mod structure;
pub mod text;
pub mod xlsx;

/// The largest file kh imports: a 100-page plan is a few MB as .docx or PDF.
pub const MAX_INPUT_BYTES: u64 = 50 * 1024 * 1024;
/// The most kh decompresses from one .docx / .xlsx part, and in all (zip bombs).
pub const MAX_UNZIPPED_BYTES: u64 = 64 * 1024 * 1024;
/// The most blocks a document may hold (a 100-page plan has a few thousand).
pub const MAX_BLOCKS: usize = 200_000;

/// Where a block comes from in the source, for the summary and the review notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// 1-based page (PDF) or sheet (spreadsheet).
    pub page: Option<u32>,
    /// 1-based table in the document.
    pub table: Option<u32>,
    /// 1-based row in its table.
    pub row: Option<u32>,
    /// 1-based line (text) or paragraph (docx).
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// The list label Word computes (automatic numbering), when there is one;
    /// a label typed into the text stays in `text`.
    pub numbering: Option<String>,
    pub text: String,
    pub place: Place,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub place: Place,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn push(&mut self, b: Block) -> Result<(), ReadError> {
        if self.blocks.len() >= MAX_BLOCKS {
            return Err(ReadError::TooLarge);
        }
        self.blocks.push(b);
        Ok(())
    }
}

/// Why a file could not be read at all (exit 2).
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    TooLarge,
    Empty,
    /// Not UTF-8: the byte, and a guess at the legacy encoding.
    NotUtf8 {
        byte: u8,
        legacy: Option<&'static str>,
    },
    /// A PDF whose pages hold no text (a scan).
    NoTextLayer,
    /// The format's own structure is broken; what the reader said.
    Broken {
        format: Format,
        detail: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Spreadsheet,
    Pdf,
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Spreadsheet => "xlsx/xls/ods",
            Format::Pdf => "pdf",
            Format::Text => "text",
        }
    }

    /// By the content first (a .docx renamed .txt is still a .docx), then by
    /// the name.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if bytes.starts_with(b"%PDF") {
            return Format::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            let is_word = memchr::memmem::find(bytes, b"word/").is_some();
            return if is_word || ext == "docx" {
                Format::Docx
            } else {
                Format::Spreadsheet
            };
        }
        // The old binary Excel format (OLE compound file).
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Format::Spreadsheet;
        }
        match ext.as_str() {
            "docx" => Format::Docx,
            "xlsx" | "xls" | "xlsm" | "xlsb" | "ods" => Format::Spreadsheet,
            "pdf" => Format::Pdf,
            _ => Format::Text,
        }
    }
}

/// Reads a document of any supported format.
pub fn read(name: &str, bytes: &[u8]) -> Result<(Format, Document), ReadError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge);
    }
    let format = Format::detect(name, bytes);
    let doc = match format {
        Format::Docx => docx::read(bytes)?,
        Format::Spreadsheet => xlsx::read(bytes)?,
        Format::Pdf => pdf::read(bytes)?,
        Format::Text => text::read(bytes)?,
    };
    let empty = doc.blocks.iter().all(|b| match b {
        Block::Para(p) => p.text.trim().is_empty(),
        Block::Table(t) => t
            .rows
            .iter()
            .all(|r| r.cells.iter().all(|c| c.trim().is_empty())),
    });
    if empty {
        return Err(if format == Format::Pdf {
            ReadError::NoTextLayer
        } else {
            ReadError::Empty
        });
    }
    Ok((format, doc))
}

/// Collapses runs of whitespace and drops control characters (terminal escapes
/// among them) and the invisible characters Word pastes.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        let c = match c {
            '\t' | '\n' | '\r' | '\u{a0}' | '\u{202f}' | '\u{2007}' => ' ',
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_control() => continue,
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    crate::text::nfc(&out)
}
