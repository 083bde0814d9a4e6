//! Lời của `kh import` bằng tiếng Việt: bản tóm tắt trên stderr, các ghi chú cần
//! rà soát trong bản nháp, và lý do không đọc được tệp.

use crate::import::draft::{Review, Summary};
use crate::import::{Place, ReadError};

pub fn place(p: &Place) -> String {
    let mut parts = Vec::new();
    if let Some(n) = p.page {
        parts.push(format!("trang {n}"));
    }
    if let Some(n) = p.table {
        parts.push(format!("bảng {n}"));
    }
    if let Some(n) = p.row {
        parts.push(format!("dòng {n}"));
    }
    if p.row.is_none()
        && let Some(n) = p.line
    {
        parts.push(format!("dòng {n}"));
    }
    if parts.is_empty() {
        "phần đầu văn bản".into()
    } else {
        parts.join(", ")
    }
}

fn field(f: &str) -> &str {
    match f {
        "issued" => "ngày ban hành",
        "period" => "thời kỳ của kế hoạch",
        "issuer" => "cơ quan ban hành",
        "title" => "tên kế hoạch",
        other => other,
    }
}

pub fn review(r: &Review) -> String {
    match r {
        Review::Threshold { text } => {
            format!("RÀ SOÁT: không đọc được chỉ tiêu \"{text}\"; giữ nguyên văn")
        }
        Review::Deadline { text } => {
            format!("RÀ SOÁT: không đọc được thời hạn \"{text}\"; giữ nguyên văn")
        }
        Review::NoValue => "RÀ SOÁT: văn bản không ghi mức đạt; hiểu là có/không".into(),
        Review::IdInferred => "RÀ SOÁT: dòng không có số TT; đánh số tiếp theo dòng trên".into(),
        Review::Header { field: f } => format!("RÀ SOÁT: văn bản không ghi {}", field(f)),
        Review::ReportPeriod => "RÀ SOÁT: báo cáo \"định kỳ\" không ghi kỳ hạn".into(),
        Review::NotATarget { text } => {
            format!("RÀ SOÁT: không có mức đạt, không lập chỉ tiêu: {text}")
        }
        Review::RowNotRead { text } => {
            format!("RÀ SOÁT: không nhận ra các cột của bảng, chưa đọc dòng: {text}")
        }
        Review::TargetInTask => {
            "RÀ SOÁT: mức đạt nêu trong nhiệm vụ cùng số, lập thêm thành chỉ tiêu: giữ lại hoặc bỏ"
                .into()
        }
        Review::CellsRunTogether { text } => {
            format!(
                "RÀ SOÁT: các ô khác của dòng này bị dính liền khi sao chép bảng, giữ nguyên văn: {text}"
            )
        }
    }
}

pub fn heading() -> String {
    "Bản nháp do kh import lập: rà soát mọi dòng ghi RÀ SOÁT, rồi chạy kh check.".into()
}

pub fn proposals_heading() -> String {
    "Các chỉ số kh import không tìm thấy trong plans/indicators.yaml: rà soát rồi bổ sung vào danh mục.".into()
}

pub fn summary(s: &Summary) -> String {
    let mut out = format!(
        "kh import: {} ({}): đã đọc {} dòng bảng, {} chỉ tiêu, {} nhiệm vụ, {} chế độ báo cáo, {} đơn vị; chỉ số: {} khớp danh mục, {} đề xuất mới\n",
        s.file, s.format, s.rows, s.targets, s.tasks, s.duties, s.units, s.matched, s.proposed
    );
    if s.notes.is_empty() {
        out.push_str("không có gì cần rà soát\n");
    } else {
        out.push_str(&format!("cần rà soát ({}):\n", s.notes.len()));
        for n in &s.notes {
            out.push_str(&format!(
                "  {}: {}\n",
                place(&n.place),
                review(&n.review).trim_start_matches("RÀ SOÁT: ")
            ));
        }
    }
    out
}

pub fn read_error(file: &str, e: &ReadError) -> String {
    match e {
        ReadError::TooLarge => format!(
            "{file}: tệp quá lớn để là một kế hoạch (trên {} MB, hoặc quá nhiều phần); không đọc",
            crate::import::MAX_INPUT_BYTES / 1024 / 1024
        ),
        ReadError::Empty => format!("{file}: tệp không có chữ"),
        ReadError::NotUtf8 {
            byte,
            legacy: Some(enc),
        } => format!(
            "{file}: không phải UTF-8 (byte 0x{byte:02X}); có vẻ là mã {enc}: hãy chuyển sang UTF-8 (trong Word: Lưu thành, Văn bản thuần, Unicode UTF-8; hoặc dùng công cụ chuyển mã của UniKey) rồi nhập lại"
        ),
        ReadError::NotUtf8 { byte, legacy: None } => format!(
            "{file}: không phải UTF-8 (byte 0x{byte:02X}): hãy lưu lại dạng UTF-8 rồi nhập lại"
        ),
        ReadError::NoTextLayer => format!(
            "{file}: tệp PDF này không có lớp chữ (bản quét?); kh không nhận dạng chữ (OCR): hãy nhập tệp Word, hoặc văn bản từ công cụ OCR"
        ),
        ReadError::Broken { format, detail } => {
            format!("{file}: không đọc được tệp {}: {detail}", format.name())
        }
    }
}
