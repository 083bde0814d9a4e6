//! Tiếng Việt: the words of the workbook, the Word appendix and the dashboard.

use super::ExportWord;

pub fn word(w: ExportWord) -> &'static str {
    use ExportWord::*;
    match w {
        SheetAbout => "Thông tin",
        SheetDue => "Đến hạn",
        SheetOngoing => "Thường xuyên",
        SheetStarts => "Bắt đầu",
        SheetStatus => "Tình hình",
        SheetRollup => "Tổng hợp",
        SheetDiff => "So sánh",
        SheetFindings => "Phát hiện",
        Repository => "Kho kế hoạch",
        Generated => "Ngày lập",
        Version => "Phiên bản kh",
        Command => "Lệnh",
        Field => "Mục",
        Value => "Giá trị",
        BandAchieved => "đạt",
        BandInProgress => "đang tiến triển",
        BandNotAchieved => "chưa đạt",
        BandNoData => "chưa có số liệu",
        DashboardTitle => "Kế hoạch chuyển đổi số: tiến độ thực hiện",
        DashboardIntro => {
            "Mọi kế hoạch trong kho, từ trung ương xuống đến trường học, kèm tỷ lệ chỉ tiêu đã đạt."
        }
        AllPlans => "Tất cả kế hoạch",
        TargetsMet => "Chỉ tiêu đã đạt",
        TargetsMetOf => "trên",
        Targets => "Chỉ tiêu",
        Progress => "Tiến độ",
        Band => "Mức",
        History => "Kết quả đạt được so với chỉ tiêu theo thời gian",
        DueNext => "Đến hạn trong 90 ngày tới",
        NothingDue => "Không có mục nào đến hạn trong 90 ngày tới.",
        Findings => "Phát hiện của kh check",
        NoFindings => "kh check không có phát hiện nào ở kế hoạch này.",
        Back => "Về danh sách kế hoạch",
        AsOfDay => "Số liệu tính đến",
        Issuer => "Cơ quan ban hành",
        Level => "Cấp",
        Parent => "Thực hiện kế hoạch",
        NoTargets => "Kế hoạch này không có chỉ tiêu đo được.",
        NoHistory => "Chưa có số liệu báo cáo.",
        Print => "In",
        LevelNational => "trung ương",
        LevelProvince => "tỉnh",
        LevelDistrict => "huyện",
        LevelCommune => "xã, phường",
        LevelSchool => "trường học",
        Summary => "Tóm tắt",
        Threshold => "Chỉ tiêu đặt ra",
        Achieved => "Đạt được",
        Date => "Ngày",
        Severity => "Mức độ",
        Line => "Dòng",
        Message => "Nội dung",
        Legend => "Chú giải",
        Number => "Số văn bản",
        NeedsOutput => "bảng tính hoặc văn bản là tệp nhị phân: hãy dùng -o TỆP để ghi ra",
    }
}

// The words of documents kh writes for officials (a draft plan, a Word
// appendix): Vietnamese whatever the interface language, as the documents are.

fn issued_words(issued: &crate::domain::Issued) -> String {
    match issued {
        crate::domain::Issued::Day(d) => d.format("%-d/%-m/%Y").to_string(),
        crate::domain::Issued::Month { year, month } => format!("tháng {month} năm {year}"),
        crate::domain::Issued::Year(year) => format!("năm {year}"),
    }
}

/// "Kế hoạch số 92/KH-SGDĐT ngày 13/5/2026 của Sở GDĐT Ninh Bình"
pub fn cites(number: &str, issued: &crate::domain::Issued, issuer: &str) -> String {
    let when = match issued {
        crate::domain::Issued::Day(_) => format!("ngày {}", issued_words(issued)),
        crate::domain::Issued::Month { .. } | crate::domain::Issued::Year(_) => {
            issued_words(issued)
        }
    };
    let number = number.trim();
    if number.is_empty() {
        format!("Kế hoạch {when} của {issuer}")
    } else {
        format!("Kế hoạch số {number} {when} của {issuer}")
    }
}

/// The opening sentence citing a plan: "Thực hiện Kế hoạch số … về …".
pub fn citation(number: &str, issued: &crate::domain::Issued, issuer: &str, title: &str) -> String {
    let about = title
        .trim()
        .strip_prefix("Kế hoạch")
        .map(str::trim)
        .unwrap_or(title.trim());
    format!(
        "Thực hiện {} về {};",
        cites(number, issued, issuer),
        lower_first(about)
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A draft's title: "Kế hoạch Chuyển đổi số ngành Giáo dục phường Hoa Lư năm 2026".
pub fn plan_title(issuer: &str, period: &str) -> String {
    let body = issuer
        .trim()
        .strip_prefix("UBND ")
        .unwrap_or(issuer.trim())
        .to_string();
    let when = if period.contains('-') {
        format!("giai đoạn {period}")
    } else {
        format!("năm {period}")
    };
    format!("Kế hoạch Chuyển đổi số ngành Giáo dục {body} {when}")
}

/// The blank number a draft carries until it is issued.
pub fn blank_number(level: crate::domain::Level) -> String {
    match level {
        crate::domain::Level::School => "/KH-TRƯỜNG".into(),
        _ => "/KH-UBND".into(),
    }
}

/// The comment at the top of a draft.
pub fn draft_header(parents: &str) -> String {
    format!(
        "# Dự thảo do kh new lập từ kế hoạch cấp trên: {parents}.\n\
         # Mỗi chỉ tiêu được tiếp nhận nguyên mức và thời hạn của cấp trên: cần rà soát (CẦN RÀ SOÁT).\n\
         # Trích dẫn văn bản cấp trên:"
    )
}

/// The mark above each adopted target.
pub fn review_mark(id: &str, parent: &str) -> String {
    format!("# CẦN RÀ SOÁT: tiếp nhận chỉ tiêu {id} của {parent}")
}

/// The national motto of the header block.
pub const MOTTO_STATE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
pub const PLAN_WORD: &str = "KẾ HOẠCH";
pub const APPENDIX_TARGETS: &str = "PHỤ LỤC 1: CÁC CHỈ TIÊU";
pub const APPENDIX_TASKS: &str = "PHỤ LỤC 2: CÁC NHIỆM VỤ";
/// "tối thiểu 15%, phấn đấu 50%": the stretch goal after the binding value.
pub fn with_stretch(target: &str, stretch: &str) -> String {
    format!("{target}, phấn đấu {stretch}")
}
/// "80% ở vùng dân tộc thiểu số": a segment's value, as the plans print it.
pub fn at_segment(value: &str, segment: &str) -> String {
    format!("{value} ở {segment}")
}
/// The target table's columns, as the plans print them.
pub const TARGET_COLUMNS: [&str; 6] = [
    "TT",
    "Chỉ tiêu",
    "Mức đạt",
    "Đơn vị chủ trì",
    "Đơn vị tổ chức triển khai",
    "Thời gian hoàn thành",
];
/// The task table's columns.
pub const TASK_COLUMNS: [&str; 6] = [
    "TT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Sản phẩm",
    "Thời gian hoàn thành",
];

/// "Số: 92/KH-SGDĐT"
pub fn number_line(number: &str) -> String {
    format!("Số: {}", number.trim())
}

/// "ngày 13 tháng 5 năm 2026"; a blank day stays blank, as drafts print it.
pub fn issued_line(day: Option<u32>, month: u32, year: i32) -> String {
    match day {
        Some(d) => format!("ngày {d:02} tháng {month} năm {year}"),
        None => format!("ngày    tháng {month} năm {year}"),
    }
}

/// "Thực hiện Kế hoạch số …;" from a plan's `cites:`.
pub fn implementing(cites: &str) -> String {
    format!("Thực hiện {};", cites.trim().trim_end_matches(['.', ';']))
}

/// The sentence pointing at the appendices.
pub fn appendix_note(targets: usize, tasks: usize) -> String {
    format!(
        "Các chỉ tiêu ({targets}) và nhiệm vụ ({tasks}) chi tiết theo Phụ lục 1 và Phụ lục 2 đính kèm."
    )
}

/// A level word in a unit column, as documents name the bodies of that level.
pub fn level_units(l: crate::domain::Level) -> &'static str {
    use crate::domain::Level;
    match l {
        Level::National => "Bộ Giáo dục và Đào tạo",
        Level::Province => "Sở Giáo dục và Đào tạo",
        Level::District => "Phòng Giáo dục và Đào tạo",
        Level::Commune => "UBND các xã, phường",
        Level::School => "Các cơ sở giáo dục",
    }
}
