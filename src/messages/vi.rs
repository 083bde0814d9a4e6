//! Tiếng Việt: every sentence kh prints in Vietnamese, mirroring `en.rs`.

use super::Word;
use crate::domain::threshold::{Incomparability, SpanProblem, UnitKind};
use crate::finding::Severity;
use crate::fs_guard::{Kind, Role};
use crate::ids::IdProblem;
use crate::message::{CsvProblem, IoProblem, Label, Message, Sentence, Usage};
use crate::rules::Rule;

fn d(date: &chrono::NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn did_you_mean(n: &Option<String>) -> String {
    n.as_ref()
        .map(|n| format!("; có phải là `{n}`?"))
        .unwrap_or_default()
}

fn seg(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!(" ở nhóm `{s}`"))
        .unwrap_or_default()
}

/// A level key (`commune`) as Vietnamese names it.
fn level_name(key: &str) -> &str {
    match key {
        "national" => "trung ương",
        "province" => "tỉnh",
        "district" => "huyện",
        "commune" => "xã",
        "school" => "trường",
        other => other,
    }
}

fn io(p: &IoProblem) -> String {
    match p {
        IoProblem::PermissionDenied => "không có quyền đọc".into(),
        IoProblem::NotFound => "không có tệp hay thư mục này".into(),
        IoProblem::InvalidData => "không phải văn bản UTF-8 hợp lệ".into(),
        IoProblem::Other { code: Some(c) } => format!("lỗi vào/ra (mã lỗi hệ điều hành {c})"),
        IoProblem::Other { code: None } => "lỗi vào/ra".into(),
    }
}

fn csv(p: &CsvProblem) -> String {
    match p {
        CsvProblem::FieldCount { expected, found } => {
            format!("có {found} cột trong khi dòng tiêu đề có {expected}")
        }
        CsvProblem::NotUtf8 => "không phải văn bản UTF-8 hợp lệ".into(),
        CsvProblem::Io(p) => io(p),
        CsvProblem::Other => "không phải một dòng CSV".into(),
        CsvProblem::Workbook => "không phải bảng tính kh đọc được (xlsx, xls hoặc ods)".into(),
    }
}

fn unit_kind(u: &UnitKind) -> String {
    match u {
        UnitKind::Percentage => "một tỷ lệ phần trăm".into(),
        UnitKind::CountOf(noun) => format!("một số lượng «{noun}»"),
        UnitKind::PlainNumber => "một con số".into(),
        UnitKind::Level => "một mức độ".into(),
        UnitKind::YesNo => "một giá trị có/không".into(),
        UnitKind::Qualitative => "một chỉ tiêu định tính".into(),
    }
}

fn incomparability(i: &Incomparability) -> String {
    match i {
        Incomparability::QualitativeKinds { child, parent } => {
            format!("không so sánh được «{child}» với «{parent}»: hai chỉ tiêu định tính khác loại")
        }
        Incomparability::Units {
            child_unit,
            child,
            parent_unit,
            parent,
        } => format!(
            "không so sánh được {} («{child}») với {} («{parent}»)",
            unit_kind(child_unit),
            unit_kind(parent_unit)
        ),
        Incomparability::Unreadable { threshold, problem } => format!(
            "«{threshold}»: {}",
            match problem {
                SpanProblem::RatioOverZero => "tỷ số có mẫu bằng 0 không có nghĩa",
                SpanProblem::NotFinite => "giá trị không phải một số hữu hạn",
                SpanProblem::RangeEndsInDifferentUnits => "hai đầu của khoảng khác đơn vị đo",
                SpanProblem::QualitativeIsNotANumber => "chỉ tiêu định tính không phải một con số",
            }
        ),
    }
}

/// `a -> b -> a`, or `a -> ... -> a, N plans` for a ring longer than shown.
fn ring_text(ring: &[String], plans: usize, noun: &str) -> String {
    let first = ring.first().map(String::as_str).unwrap_or("");
    if plans <= ring.len() {
        format!("{} -> {first}", ring.join(" -> "))
    } else {
        format!("{} -> ... -> {first}, {plans} {noun}", ring.join(" -> "))
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Directory => "một thư mục",
        Kind::Fifo => "một FIFO (đường ống có tên)",
        Kind::CharDevice => "một thiết bị ký tự",
        Kind::BlockDevice => "một thiết bị khối",
        Kind::Socket => "một socket",
        Kind::Other => "một tệp đặc biệt",
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::TextFile => "một tệp văn bản",
        Role::Plan => "một kế hoạch",
        Role::Catalog => "danh mục chỉ số",
        Role::Report => "một báo cáo (CSV)",
        Role::Settings => "tệp thiết lập",
        Role::Directory => "một thư mục",
    }
}

const ID_GRAMMAR: &str = "các đoạn gồm chữ thường ASCII không dấu, chữ số, `-`, `_` và `.`, mỗi đoạn bắt đầu bằng chữ hoặc số, ngăn cách bởi `/` (ví dụ ninh-binh/so-gddt-2026)";

fn id_problem(p: &IdProblem) -> String {
    match p {
        IdProblem::Empty => "mã rỗng".into(),
        IdProblem::TooLong { max } => format!("mã dài quá {max} ký tự"),
        IdProblem::Character { shown } => format!("không được dùng ký tự {shown}"),
        IdProblem::EmptySegment => "có đoạn rỗng (dấu `/` ở đầu, cuối hoặc lặp)".into(),
        IdProblem::DotSegment { segment } => format!("không được dùng đoạn `{segment}`"),
        IdProblem::Uppercase { letter } => {
            format!("không dùng chữ hoa `{letter}` (mã viết thường)")
        }
        IdProblem::BadStart { segment } => {
            format!("đoạn `{segment}` không bắt đầu bằng chữ hoặc số")
        }
    }
}

pub fn message(m: &Message) -> String {
    use Message::*;
    match m {
        WideUnicode { encoding } => format!(
            "tệp mã {encoding} (\"Unicode\" của Notepad), không phải UTF-8: hãy lưu lại dạng UTF-8"
        ),
        Binary => "tệp nhị phân (có byte NUL): cần tệp văn bản YAML mã UTF-8".into(),
        NotUtf8 { byte, legacy: Some(enc) } => format!(
            "tệp không phải UTF-8 mà có lẽ là {enc}, một bảng mã tiếng Việt cũ (byte 0x{byte:02X}): hãy chuyển sang Unicode UTF-8 (ví dụ bằng công cụ chuyển mã của UniKey) rồi lưu lại"
        ),
        NotUtf8 { byte, legacy: None } => format!(
            "tệp không phải UTF-8: byte 0x{byte:02X} không bắt đầu được một ký tự; cần văn bản UTF-8 (hãy lưu tệp dạng UTF-8)"
        ),
        EmptyFile => {
            "tệp rỗng: cần một kế hoạch (kh: 1, id, title, ...) hoặc danh mục chỉ số".into()
        }
        TabIndent => "dùng phím tab để thụt lề: YAML chỉ thụt lề bằng dấu cách; hãy thay tab bằng dấu cách".into(),
        Anchors => "không dùng neo và bí danh YAML (&tên, *tên) trong kế hoạch: hãy viết đầy đủ từng giá trị".into(),
        NestingTooDeep => "lồng nhau quá 32 cấp: kế hoạch chỉ cần vài cấp".into(),
        IndentTooDeep => "thụt lề quá 64 dấu cách: kế hoạch chỉ cần vài cấp".into(),
        Yaml { detail } => format!("không phải YAML hợp lệ: «{detail}»"),
        Shape { detail } => format!("không khớp định dạng kế hoạch: «{detail}»"),
        MissingField { field } => {
            format!("không khớp định dạng kế hoạch: thiếu trường `{field}`")
        }
        Invisible { code } => {
            format!("ký tự ẩn U+{code:04X} đã bị bỏ qua; thường do sao chép từ Word")
        }
        UnknownField { field, nearest, .. } => format!(
            "trường `{field}` không có trong định dạng{}",
            did_you_mean(nearest)
        ),
        UnsupportedVersion { found } => {
            format!("phiên bản định dạng không hỗ trợ: cần `kh: 1`, gặp `kh: {found}`")
        }
        UnknownLevel { found } => format!(
            "cấp không hợp lệ: cần một trong national, province, district, commune, school; gặp `{found}`"
        ),
        BadIssued { error } => super::parse_vi::date_error(error),
        BadPeriod { error } => super::parse_vi::period_error(error),
        IssuedOutOfRange { found } => {
            format!("ngày ban hành `{found}` nằm ngoài các năm 1900 đến 2200")
        }
        EmptyId => "mã kế hoạch (id) rỗng".into(),
        ParentIsPath { found } => format!(
            "parent là mã kế hoạch như ninh-binh/so-gddt-2026, không phải đường dẫn; gặp `{found}`"
        ),
        DuplicateTargetId { id, first } => {
            format!("trùng mã chỉ tiêu `{id}`: targets[{first}] đã dùng mã này")
        }
        DuplicateTaskId { id, first } => {
            format!("trùng mã nhiệm vụ `{id}`: tasks[{first}] đã dùng mã này")
        }
        DuplicateIndicatorKey { key, first } => {
            format!("trùng khóa chỉ số `{key}`: indicators[{first}] đã dùng khóa này")
        }
        BadPlanId { id, problem } => format!(
            "mã kế hoạch `{id}` không hợp lệ: {}; cần {ID_GRAMMAR}",
            id_problem(problem)
        ),
        BadParentId { parent, problem } => format!(
            "parent `{parent}` không phải mã kế hoạch hợp lệ: {}; cần {ID_GRAMMAR}",
            id_problem(problem)
        ),
        ConfusablePlanId { id, other } => format!(
            "mã kế hoạch `{id}` trông giống `{other}`, mã của một kế hoạch khác: hãy đổi một trong hai để không bị nhầm"
        ),
        ConfusableParent { parent, other } => format!(
            "parent `{parent}` không phải kế hoạch trong kho nhưng trông giống `{other}`: hãy viết đúng mã kế hoạch cấp trên"
        ),
        ConfusableKey { key, other } => format!(
            "khóa chỉ số `{key}` trông giống khóa `{other}`: hãy đổi một trong hai để không bị nhầm"
        ),
        ConfusableMetric { metric, other } => format!(
            "chỉ số `{metric}` không có trong danh mục nhưng trông giống khóa `{other}`: hãy viết đúng khóa"
        ),
        ConfusableUnit { unit, other } => format!(
            "tên viết tắt đơn vị `{unit}` trông giống `{other}` trong cùng kế hoạch: hãy đổi một trong hai"
        ),
        DuplicateCatalogKey { key } => format!(
            "khóa chỉ số `{key}` đã được định nghĩa trong một tệp danh mục khác: mỗi khóa chỉ một định nghĩa"
        ),
        DuplicatePlanId { id } => format!("trùng mã kế hoạch `{id}`: một tệp khác đã dùng mã này"),
        WaiverWithoutReason { metric } => format!(
            "miễn áp dụng `{metric}` không nêu lý do: cần `reason:` giải thích vì sao không nhận chỉ tiêu cấp trên"
        ),
        BadDeadline { error } => super::parse_vi::deadline_error(error),
        BadThreshold { error } => super::parse_vi::threshold_error(error),
        BadStretch { error } => format!("mức phấn đấu: {}", super::parse_vi::threshold_error(error)),
        ProvenanceUnknownField { field, nearest } => format!(
            "provenance nêu `{field}`, không phải một trường ở đây{}",
            did_you_mean(nearest)
        ),
        ProvenanceEmpty { field } => format!(
            "provenance của `{field}` rỗng: cần `inferred` hoặc văn bản nguồn của giá trị"
        ),
        TargetAndBySegment => "một chỉ tiêu có `target` hoặc `by_segment`, không có cả hai".into(),
        NoThreshold { id } => {
            format!("chỉ tiêu `{id}` không có ngưỡng: cần `target:` hoặc `by_segment:`")
        }
        UnknownAppliesLevel { found } => format!(
            "mục không hợp lệ trong applies_to: cần một cấp (national, province, district, commune, school), một cấp học (mầm non, tiểu học, THCS, THPT, GDTX, liên cấp) hoặc mã một kế hoạch; gặp `{found}`"
        ),
        UnknownDocType { found } => format!(
            "loại văn bản không hợp lệ: cần kế hoạch, quyết định, nghị quyết, chỉ thị hoặc công văn; gặp `{found}`"
        ),
        UnknownSchoolKind { found } => format!(
            "cấp học không hợp lệ: cần mầm non, tiểu học, THCS, THPT, GDTX hoặc liên cấp; gặp `{found}`"
        ),
        UnknownIndicatorUnit { found } => format!(
            "đơn vị đo không hợp lệ: cần percent, count, level hoặc yes-no; gặp `{found}`"
        ),
        UnknownDirection { found } => {
            format!("chiều không hợp lệ: cần higher hoặc lower; gặp `{found}`")
        }
        TooLarge { bytes, limit, role } => {
            let mb = |n: u64| n as f64 / 1_048_576.0;
            let max = mb(*limit);
            let seen = if *bytes == limit + 1 {
                format!("hơn {max:.0} MB")
            } else {
                format!("{:.1} MB", mb(*bytes))
            };
            format!(
                "tệp nặng {seen}: {} tối đa {max:.0} MB; không đọc (có đúng tệp không?)",
                role_name(*role)
            )
        }
        LinkOutside => "liên kết tượng trưng trỏ ra ngoài kho; không đọc".into(),
        LinkLoop => "vòng lặp liên kết tượng trưng; bỏ qua".into(),
        NotAFile { file_kind, role } => format!(
            "đây là {}, không phải tệp thường; không đọc (cần {})",
            kind_name(*file_kind),
            role_name(*role)
        ),
        TooDeep { max } => format!("thư mục lồng nhau quá {max} cấp; không đọc tiếp"),
        CannotRead { problem } => format!("không đọc được tệp: {}", io(problem)),
        CannotReadDir { problem } => format!("không đọc được thư mục: {}", io(problem)),
        DirLoop => "thư mục đã được duyệt (vòng lặp liên kết tượng trưng); bỏ qua".into(),
        BrokenLink => "liên kết tượng trưng hỏng; bỏ qua".into(),
        NoPlanFiles => "không có tệp kế hoạch (*.yaml) nào: cần ít nhất một kế hoạch".into(),

        MissingParent { parent, nearest } => format!(
            "kế hoạch cấp trên `{parent}` không có trong kho: không thể đối chiếu chỉ tiêu của kế hoạch này; hãy thêm nó vào plans/, hoặc ghi nó vào `external:` trong kh.yaml nếu nó ở nơi khác{}",
            did_you_mean(nearest)
        ),
        BrokenParent {
            parent,
            file,
            readable: true,
        } => format!(
            "tệp của kế hoạch cấp trên `{parent}` có lỗi ({file}): chỉ các chỉ tiêu đọc được mới được đối chiếu với kế hoạch này"
        ),
        BrokenParent {
            parent,
            file,
            readable: false,
        } => format!(
            "không đọc được kế hoạch cấp trên `{parent}` ({file} có lỗi): chưa thể đối chiếu chỉ tiêu của nó với kế hoạch này cho đến khi sửa tệp"
        ),
        UnknownBoundPlan { plan, nearest } => format!(
            "applies_to nêu kế hoạch `{plan}` không có trong kho: chỉ tiêu không ràng buộc kế hoạch nào mang mã đó{}",
            did_you_mean(nearest)
        ),
        CheckedAlone => "tệp này không thuộc kho kế hoạch nào (không có kh.yaml hay plans/ ở thư mục của nó hoặc bên trên): kh chỉ kiểm tra riêng tệp, không đối chiếu với chỉ tiêu của kế hoạch cấp trên, danh mục chỉ số và các kế hoạch khác".into(),
        ExternalParent { parent } => format!(
            "kế hoạch cấp trên `{parent}` ở ngoài kho này (`external:` trong kh.yaml): không đối chiếu chỉ tiêu của nó với kế hoạch này"
        ),
        UndeclaredUnit { unit, nearest } => format!(
            "đơn vị `{unit}` chưa được khai báo: cần một khóa của `units:` hoặc một cấp (province, district, commune, school){}",
            did_you_mean(nearest)
        ),
        UnknownMetric { metric, nearest } => format!(
            "chỉ số `{metric}` không có trong danh mục chỉ số (plans/indicators.yaml){}",
            did_you_mean(nearest)
        ),
        UndeclaredSegment { segment } => format!(
            "nhóm `{segment}` chưa được khai báo: cần một khóa của `segments:` của kế hoạch này hoặc kế hoạch cấp trên"
        ),
        NotParentSegment {
            segment, parent, ..
        } => format!("nhóm `{segment}` không thuộc các nhóm của kế hoạch cấp trên ({parent})"),
        UnitMismatch {
            metric,
            expected,
            found,
            threshold,
        } => format!(
            "chỉ số `{metric}` đo bằng {expected}, nhưng ngưỡng lại tính bằng {found} (`{threshold}`)"
        ),
        PopulationMismatch {
            target,
            metric,
            population,
            noun,
        } => format!(
            "chỉ tiêu {target} tính trên \"{population}\" nhưng chỉ số `{metric}` tính trên \"{noun}\": kiểm tra lại chỉ số, hoặc các từ sau giá trị"
        ),
        DirectionMismatch {
            target,
            metric,
            threshold,
            upper,
        } => {
            let (bound, better) = if *upper {
                ("mức trần", "càng cao càng tốt")
            } else {
                ("mức sàn", "càng thấp càng tốt")
            };
            format!(
                "chỉ tiêu {target} đặt {bound} (`{threshold}`) nhưng chỉ số `{metric}` {better}: kiểm tra lại ngưỡng, hoặc chiều tốt hơn của chỉ số"
            )
        }

        Milestone {
            target,
            metric,
            due,
            parent_plan,
        } => format!(
            "chỉ tiêu {target} ({metric}) đến hạn {}, trước mọi chỉ tiêu cùng chỉ số của cấp trên: là mốc trung gian, không đối chiếu với {parent_plan}",
            due.as_ref().map(d).unwrap_or_default()
        ),
        Looser {
            target,
            metric,
            plan,
            segment,
            expected,
            parent_target,
            parent_plan,
            found,
        } => format!(
            "chỉ tiêu {target} ({metric}) của {plan} lỏng hơn chỉ tiêu cấp trên{}: cần ngưỡng nằm trong `{expected}` (chỉ tiêu {parent_target} của {parent_plan}), gặp `{found}`",
            seg(segment)
        ),
        Incomparable {
            target,
            metric,
            segment,
            parent_target,
            parent_plan,
            why,
        } => format!(
            "chỉ tiêu {target} ({metric}) không so sánh được với chỉ tiêu {parent_target} của {parent_plan}{}: {}",
            seg(segment),
            incomparability(why)
        ),
        BelowFloor {
            target,
            metric,
            plan,
            segment,
            per,
            expected,
            parent_target,
            parent_plan,
            found,
        } => format!(
            "chỉ tiêu {target} ({metric}) của {plan}{} không đạt mức sàn cấp trên đặt cho mỗi {}: cần ngưỡng trong `{expected}` (chỉ tiêu {parent_target} của {parent_plan}), hiện là `{found}`",
            seg(segment),
            per.as_deref().unwrap_or("đơn vị cấp dưới")
        ),
        AspirationOnly {
            target,
            metric,
            plan,
            segment,
            found,
            parent_target,
            parent_plan,
            expected,
        } => format!(
            "chỉ tiêu {target} ({metric}) của {plan} chỉ \"phấn đấu\" `{found}`{} trong khi chỉ tiêu {parent_target} của {parent_plan} yêu cầu chắc chắn `{expected}`: cần ghi ngưỡng bắt buộc",
            seg(segment)
        ),
        LaterDeadline {
            target,
            metric,
            expected,
            parent_target,
            parent_plan,
            found,
        } => format!(
            "chỉ tiêu {target} ({metric}) có thời hạn muộn hơn cấp trên: cần không muộn hơn {} (chỉ tiêu {parent_target} của {parent_plan}), gặp {}",
            d(expected),
            d(found)
        ),
        MissingAdoption {
            parent_target,
            metric,
            parent_plan,
            level,
        } => format!(
            "chỉ tiêu {parent_target} ({metric}) của {parent_plan} áp dụng cho cấp {} nhưng chưa được nhận cũng chưa được miễn: cần một chỉ tiêu có chỉ số `{metric}` hoặc một mục miễn áp dụng có lý do",
            level_name(level)
        ),
        WaiverUnknownMetric {
            metric,
            parent_plan,
        } => format!(
            "miễn áp dụng `{metric}`: cần chỉ số của một chỉ tiêu của {parent_plan}, không tìm thấy"
        ),
        PlanIssuedLate {
            issued,
            parent_target,
            parent_plan,
            deadline,
            level,
        } => format!(
            "kế hoạch ban hành {issued}, sau thời hạn ban hành kế hoạch cấp {} do chỉ tiêu {parent_target} của {parent_plan} đặt ra: cần trước {}, gặp {issued}",
            level_name(level),
            d(deadline)
        ),
        DueBeforeIssued {
            target,
            due,
            issued,
            from,
        } => format!(
            "chỉ tiêu {target} có hạn {}{}, trước ngày kế hoạch ban hành ({issued}): cần thời hạn từ ngày ban hành trở đi",
            d(due),
            from.as_ref()
                .map(|(t, p)| format!(" (kế thừa từ chỉ tiêu {t} của {p})"))
                .unwrap_or_default()
        ),
        PeriodOutsideParent {
            period,
            parent_plan,
            parent_period,
        } => format!(
            "thời kỳ {period} không nằm trong thời kỳ của {parent_plan}: cần trong {parent_period}, gặp {period}"
        ),
        IssuedBeforeParent {
            issued,
            parent_issued,
            parent_plan,
        } => format!(
            "kế hoạch ban hành trước kế hoạch mà nó thực hiện: cần từ {parent_issued} ({parent_plan}) trở đi, gặp {issued}"
        ),
        ParentCycle { plan, ring, plans } => format!(
            "kế hoạch `{plan}` là cấp trên của chính nó ({}): chuỗi cấp trên phải kết thúc ở một kế hoạch gốc",
            ring_text(ring, *plans, "kế hoạch")
        ),

        NoReportsDir => "không tìm thấy thư mục báo cáo: cần một thư mục chứa các tệp CSV".into(),
        ReportWideUnicode { encoding } => format!(
            "tệp mã {encoding} (\"Unicode text\" của Excel), không phải UTF-8: hãy lưu dạng \"CSV UTF-8\""
        ),
        ReportDateOutOfRange { found, from, to } => {
            format!("as_of `{found}` nằm ngoài các năm {from} đến {to}; bỏ qua dòng này")
        }
        TooManyFindings { more, shown } => format!(
            "và {more} phát hiện khác trong tệp này (chỉ hiện {shown} phát hiện đầu)"
        ),
        ReportUnreadable { problem } => format!("không đọc được tệp: {}", io(problem)),
        ReportHeader { problem } => format!("không đọc được dòng tiêu đề: {}", csv(problem)),
        ReportRow { problem } => format!("bỏ qua dòng: {}", csv(problem)),
        ReportColumns { missing, found } => format!(
            "thiếu cột {}: cần tiêu đề gồm plan, metric (hoặc target), segment (tùy chọn), value, as_of, source (tùy chọn); gặp {}",
            missing.join(", "),
            found.join(", ")
        ),
        ReportUnknownPlan { plan, nearest } => format!(
            "không có kế hoạch `{plan}`{}; bỏ qua dòng này",
            nearest
                .as_ref()
                .map(|n| format!(" (có phải là `{n}`?)"))
                .unwrap_or_default()
        ),
        ReportUnknownKey { key, plan, nearest } => format!(
            "`{key}` không phải chỉ số hay mã chỉ tiêu của kế hoạch {plan}{}; bỏ qua dòng này",
            nearest
                .as_ref()
                .map(|n| format!(" (có phải là `{n}`?)"))
                .unwrap_or_default()
        ),
        ReportBadValue { error } => format!(
            "giá trị: {}; bỏ qua dòng này",
            super::parse_vi::threshold_error(error)
        ),
        ReportBadDate { found } => format!(
            "as_of `{found}` không phải ngày: cần dạng 2026-09-30 hoặc 30/09/2026; bỏ qua dòng này"
        ),
        ReportFutureDate { date, today } => format!(
            "as_of {} ở tương lai (hôm nay là {}); bỏ qua dòng này",
            d(date),
            d(today)
        ),
        ReportUnit {
            metric,
            expected,
            found,
            value,
        } => format!(
            "chỉ số `{metric}` đo bằng {expected}, nhưng giá trị tính bằng {found} (`{value}`); bỏ qua dòng này"
        ),
        ReportUnknownSegment { segment, key, plan } => format!(
            "nhóm `{segment}` không thuộc các nhóm của `{key}` trong kế hoạch {plan}; bỏ qua dòng này"
        ),
    }
}

pub fn usage(u: &Usage) -> String {
    match u {
        Usage::NotAPlanId { id, problem } => format!(
            "`{id}` không phải mã kế hoạch: {}; mã kế hoạch gồm {ID_GRAMMAR}",
            id_problem(problem)
        ),
        Usage::PhraseMissing => {
            "kh explain phrase cần một cụm từ, ví dụ kh explain phrase \"Quý IV/2026\"".into()
        }
        Usage::UnknownUnit { found } => {
            format!("đơn vị đo `{found}` không hợp lệ: cần percent, count, level hoặc yes-no")
        }
        Usage::UnknownRule { name, nearest } => format!(
            "không có quy tắc `{name}`{} (`kh check --rules` liệt kê các quy tắc)",
            nearest
                .map(|n| format!("; có phải là `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::UnknownSettingsKey { at, key, nearest } => format!(
            "{at}: khóa `{key}` không có trong kh.yaml: cần một trong plans, reports, lang, strict, rules, external{}",
            nearest
                .map(|n| format!("; có phải ý bạn là `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::NoSuchUnit { query, nearest } => format!(
            "--unit `{query}` không khớp đơn vị nào của các kế hoạch đã đọc (chữ viết tắt, hoặc một phần tên đầy đủ){}",
            nearest
                .as_ref()
                .map(|n| format!("; có phải ý bạn là `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::NoSuchPlan { id, nearest } => format!(
            "--plan `{id}` không phải kế hoạch nào trong kho{}",
            nearest
                .as_ref()
                .map(|n| format!("; có phải ý bạn là `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::NoPlanOfLevel { asked, present } => format!(
            "--level {} không khớp kế hoạch nào đã đọc: các kế hoạch đã đọc thuộc cấp {}",
            asked.join(", "),
            if present.is_empty() {
                "(không có)".to_string()
            } else {
                present.join(", ")
            }
        ),
        Usage::NoItemOfKind { asked, present } => format!(
            "--kind {} không khớp mục nào của các kế hoạch đã đọc: chúng có {}",
            asked.join(", "),
            if present.is_empty() {
                "(không có mục nào)".to_string()
            } else {
                present.join(", ")
            }
        ),
        Usage::GitUnavailable { problem } => {
            format!("--changed cần git, nhưng không chạy được git: {problem}")
        }
        Usage::NotAGitRepository { dir } => format!(
            "{dir}: không nằm trong kho git: --changed so sánh với lịch sử git (hãy chạy kh check không có tùy chọn này)"
        ),
        Usage::NoSuchRevision { rev, dir } => format!(
            "{dir}: --changed {rev}: không có commit, nhánh hay thẻ này trong kho (đã fetch chưa?)"
        ),
        Usage::NoDefaultBranch { dir } => format!(
            "{dir}: --changed: không tìm thấy nhánh gốc (không có nhánh của pull request, origin/HEAD, main hay master): hãy nêu một nhánh, ví dụ --changed origin/main"
        ),
        Usage::NoMergeBase { branch, dir } => format!(
            "{dir}: --changed: HEAD và {branch} không có lịch sử chung (bản clone nông? hãy fetch thêm, ví dụ git fetch --unshallow)"
        ),
        Usage::NoPlanInPaths { paths } => format!(
            "không đọc được kế hoạch nào từ {}: hãy nêu tệp kế hoạch, hoặc thư mục chứa chúng",
            paths.join(", ")
        ),
        Usage::BadLangInSettings { at, found } => {
            format!("{at}: `lang: {found}` trong kh.yaml: cần vi hoặc en")
        }
        Usage::BadSchoolDayInSettings { at, key, found } => format!(
            "{at}: `school_year.{key}: {found}` trong kh.yaml không phải một ngày trong năm: cần ngày/tháng, ví dụ 5/9"
        ),
        Usage::UnknownRuleInSettings { name, nearest } => format!(
            "kh.yaml: không có quy tắc `{name}` trong `rules:`{}",
            nearest
                .map(|n| format!("; có phải là `{n}`?"))
                .unwrap_or_default()
        ),
        Usage::BadSeverityInSettings { rule, found } => {
            format!("kh.yaml: `rules: {{{rule}: {found}}}`: cần error, warning hoặc note")
        }
    }
}

pub fn sentence(s: &Sentence) -> String {
    match s {
        Sentence::CheckSummary {
            plans,
            files,
            files_with_errors,
            root,
            errors,
            warnings,
            notes,
        } => format!(
            "đã kiểm tra {plans} kế hoạch{} (đọc {files} tệp, {files_with_errors} tệp có lỗi): {errors} lỗi, {warnings} cảnh báo, {notes} ghi chú",
            root.as_ref()
                .map(|r| format!(" trong {r}"))
                .unwrap_or_default()
        ),
        Sentence::DueSummary {
            from,
            to,
            targets,
            tasks,
            reports,
        } => format!(
            "đến hạn từ {} đến {}: {targets} chỉ tiêu, {tasks} nhiệm vụ, {reports} báo cáo",
            d(from),
            d(to)
        ),
        Sentence::OngoingCount(n) => format!("; thường xuyên: {n}"),
        Sentence::StartsCount(n) => format!("; bắt đầu (không phải hạn): {n}"),
        Sentence::StartsHeading => {
            "bắt đầu trong khoảng này (thời điểm bắt đầu, không phải hạn):".into()
        }
        Sentence::InheritedNote => {
            " (* thời hạn kế thừa từ chỉ tiêu cấp trên hoặc hết kỳ kế hoạch)".into()
        }
        Sentence::UnstatedNote => {
            " († văn bản không nêu: suy ra hoặc lấy từ văn bản khác; xem --format json)".into()
        }
        Sentence::OngoingHeading => "thường xuyên (không có hạn cụ thể):".into(),
        Sentence::OverdueDays(n) => format!("quá hạn {n} ngày"),
        Sentence::DiffSummary { rows, parts, later } => {
            format!("{rows} dòng: {}; {later} muộn hơn", parts.join(", "))
        }
        Sentence::StatusSummary { targets, parts } => {
            format!("{targets} chỉ tiêu: {}", parts.join(", "))
        }
        Sentence::RollupSummary {
            targets,
            met_by_all,
            not,
        } => format!(
            "{targets} chỉ tiêu cấp trên: {met_by_all} được mọi đơn vị cấp dưới đạt, {not} chưa"
        ),
        Sentence::RollupCell { met, of } => format!("{met}/{of} đạt"),
        Sentence::StretchMet(s) => format!(" (đạt cả mức phấn đấu {s})"),
        Sentence::InitCreated { dir, files } => format!(
            "đã ghi {} tệp vào {dir}: {}\ntiếp theo: kh check",
            files.len(),
            files.join(", ")
        ),
        Sentence::InitNothingToWrite { dir } => {
            format!("không có gì để ghi: {dir} đã có đủ các tệp của một kho kế hoạch")
        }
        Sentence::InitSkipped(files) => format!(
            "giữ nguyên các tệp đã có (--force để thay): {}",
            files.join(", ")
        ),
        Sentence::InitNoExample { plans } => {
            format!("không ghi kế hoạch mẫu: {plans}/ đã có kế hoạch")
        }
        Sentence::NoSuchPlanOrFile { name, nearest } => format!(
            "không có kế hoạch `{name}` trong kho (hãy nêu mã kế hoạch hoặc đường dẫn tệp){}",
            did_you_mean(nearest)
        ),
        Sentence::NoSuchPlan { id, nearest } => format!(
            "không có kế hoạch mã `{id}` trong kho{}",
            did_you_mean(nearest)
        ),
    }
}

/// Một ghi chú của `kh explain phrase`.
pub fn note(n: &crate::domain::explain::Note) -> String {
    use crate::domain::explain::Note::*;
    match n {
        Aspiration => "mục tiêu phấn đấu: mong muốn, chưa cam kết; không bao giờ được coi là chặt hơn ngưỡng bắt buộc của cấp trên".into(),
        Stretch(s) => format!("kèm mức phấn đấu: `{s}`"),
        Population(p) => format!("tính trên «{p}»"),
        Range => "một khoảng: chỉ tiêu cấp dưới phải nằm trong khoảng này".into(),
        Decreasing => "cận trên: ở đây càng thấp càng tốt".into(),
        Qualitative => "định tính: đạt hoặc chưa đạt, không so sánh như một con số".into(),
        Reference(r) => format!("so với một mốc ngoài kế hoạch: «{r}»"),
        Floor { per, threshold } => format!(
            "mức sàn mọi đơn vị cấp dưới phải đạt{}: `{threshold}`",
            per.as_ref().map(|p| format!(" (mỗi «{p}»)")).unwrap_or_default()
        ),
        InUnit(u) => format!("con số không kèm đơn vị, đọc theo đơn vị đo của chỉ số ({})", u.key()),
        Start => "thời điểm bắt đầu, không phải thời hạn: chỉ tiêu kế thừa thời hạn".into(),
        Recurring => "định kỳ: không có hạn cuối cùng".into(),
        Inherited => "không có hạn riêng: kế thừa từ cấp trên".into(),
        Due(d) => format!("đến hạn {d}"),
        Horizons(h) => format!(
            "các mốc tầm nhìn sau giai đoạn: {}",
            h.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
        ),
        SchoolYear => "giới hạn theo khung kế hoạch thời gian năm học của Bộ".into(),
        Place(p) => format!("ghi tại «{p}»"),
    }
}

pub fn label(l: &Label) -> String {
    match l {
        Label::Target { id, plan } => format!("chỉ tiêu {id} của {plan}"),
        Label::PeriodOf { plan } => format!("thời kỳ của {plan}"),
        Label::IssueDateOf { plan } => format!("ngày ban hành của {plan}"),
        Label::FirstWithId => "kế hoạch đầu tiên có mã này".into(),
        Label::LookAlikePlan => "kế hoạch có mã trông giống".into(),
        Label::LookAlikeKey => "chỉ số có khóa trông giống".into(),
        Label::FirstDefinition => "định nghĩa đầu tiên của khóa này".into(),
    }
}

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "lỗi",
        Severity::Warning => "cảnh báo",
        Severity::Note => "ghi chú",
    }
}

pub fn rule_summary(r: Rule) -> &'static str {
    match r {
        Rule::Syntax => "tệp là YAML (mã UTF-8, không rỗng)",
        Rule::Unreadable => "mọi tệp và thư mục trong plans/ đều đọc được",
        Rule::LinkOutside => {
            "không liên kết tượng trưng nào trỏ ra ngoài kho (đích của nó không bao giờ được đọc)"
        }
        Rule::LinkLoop => "không có liên kết tượng trưng hay thư mục tạo thành vòng lặp",
        Rule::NotAFile => {
            "kế hoạch, danh mục và báo cáo là tệp thường, không phải FIFO, thiết bị hay socket"
        }
        Rule::TooLarge => {
            "tệp không vượt giới hạn dung lượng (10 MB cho kế hoạch hoặc danh mục, 32 MB cho báo cáo)"
        }
        Rule::TooDeep => "thư mục lồng nhau tối đa 32 cấp",
        Rule::BadId => {
            "mã kế hoạch theo đúng cú pháp (chữ thường ASCII, chữ số, `-` `_` `.` và `/` giữa các phần)"
        }
        Rule::ConfusableId => {
            "không có hai mã kế hoạch, khóa danh mục hay tên viết tắt đơn vị nào trông giống nhau"
        }
        Rule::DuplicateCatalogKey => "mỗi khóa chỉ số chỉ được định nghĩa trong một tệp danh mục",
        Rule::TooManyFindings => {
            "mỗi tệp hiện tối đa 200 phát hiện (100 cho báo cáo); phần còn lại được đếm"
        }
        Rule::UnknownField => "mọi trường đều thuộc định dạng; gợi ý trường gần nhất",
        Rule::Schema => "có đủ các trường bắt buộc, giá trị đúng kiểu và dạng",
        Rule::Threshold => "ngưỡng đọc được; tỷ lệ phần trăm trong khoảng 0..100",
        Rule::Deadline => "thời hạn đọc được",
        Rule::DuplicateId => {
            "mã kế hoạch không trùng trong kho, mã chỉ tiêu và nhiệm vụ không trùng trong một kế hoạch"
        }
        Rule::InvisibleChar => "không có ký tự ẩn dán từ Word",
        Rule::MissingParent => "kế hoạch cấp trên có trong kho",
        Rule::BrokenParent => "tệp kế hoạch cấp trên đọc được, không có lỗi",
        Rule::ExternalParent => "kế hoạch cấp trên được khai là ở nơi khác thì không đối chiếu",
        Rule::CheckedAlone => "tệp không thuộc kho nào thì được kiểm tra riêng, và kh nói rõ",
        Rule::UnknownPlan => "các kế hoạch nêu trong applies_to có trong kho",
        Rule::UndeclaredUnit => {
            "các đơn vị nêu ở chủ trì, triển khai, phối hợp và báo cáo đều được khai báo"
        }
        Rule::UnknownMetric => "chỉ số có trong danh mục chỉ số; gợi ý khóa gần nhất",
        Rule::UnknownSegment => "các nhóm được kế hoạch hoặc cấp trên khai báo",
        Rule::UnitMismatch => "ngưỡng tính bằng đơn vị đo của chỉ số",
        Rule::PopulationMismatch => {
            "các từ sau giá trị (\"100% học sinh\") đúng là đối tượng chỉ số tính trên"
        }
        Rule::DirectionMismatch => "ngưỡng giới hạn chỉ số theo đúng chiều tốt hơn của nó",
        Rule::BelowFloor => "chỉ tiêu cấp dưới đạt mức sàn cấp trên đặt cho mỗi đơn vị cấp dưới",
        Rule::LooserThreshold => "chỉ tiêu cấp dưới chặt ít nhất như chỉ tiêu cấp trên",
        Rule::IncomparableThreshold => "chỉ tiêu cấp dưới so sánh được với chỉ tiêu cấp trên",
        Rule::AspirationOnly => "cấp dưới không chỉ `phấn đấu` điều cấp trên yêu cầu bắt buộc",
        Rule::Milestone => "chỉ tiêu cấp dưới đến hạn trước mọi chỉ tiêu cùng chỉ số của cấp trên",
        Rule::LaterDeadline => "chỉ tiêu cấp dưới có thời hạn không muộn hơn cấp trên",
        Rule::PlanIssuedLate => "kế hoạch ban hành đúng thời hạn cấp trên đặt ra",
        Rule::MissingAdoption => {
            "mỗi chỉ tiêu cấp trên áp dụng cho cấp dưới đều được nhận hoặc miễn"
        }
        Rule::Waiver => "mục miễn áp dụng nêu một chỉ tiêu cấp trên và lý do",
        Rule::PeriodOutsideParent => "thời kỳ của kế hoạch cấp dưới nằm trong thời kỳ cấp trên",
        Rule::IssuedBeforeParent => "kế hoạch cấp dưới không ban hành trước cấp trên",
        Rule::DueBeforeIssued => "không chỉ tiêu nào đến hạn trước khi kế hoạch ban hành",
        Rule::ParentCycle => "không kế hoạch nào là cấp trên của chính nó",
        Rule::ReportSyntax => "tệp báo cáo là CSV hoặc bảng tính kh đọc được",
        Rule::ReportColumns => "báo cáo có các cột plan, metric (hoặc target), value, as_of",
        Rule::ReportPlan => "mỗi dòng báo cáo nêu một kế hoạch có trong kho",
        Rule::ReportMetric => "mỗi dòng báo cáo nêu một chỉ số hoặc mã chỉ tiêu của kế hoạch đó",
        Rule::ReportSegment => "nhóm của dòng báo cáo là một nhóm của chỉ tiêu",
        Rule::ReportValue => "giá trị của dòng báo cáo đọc được (87%, 87,5%, 4/4, mức 2, yes)",
        Rule::ReportDate => "as_of của dòng báo cáo là một ngày, không ở tương lai",
        Rule::ReportUnit => "giá trị của dòng báo cáo tính bằng đơn vị đo của chỉ số",
    }
}

pub fn rule_explain(r: Rule) -> &'static str {
    match r {
        Rule::Syntax => {
            "Tệp kế hoạch phải là YAML mã UTF-8. Tệp lưu bằng bảng mã tiếng Việt cũ (TCVN3, VNI, Windows-1258), tệp nhị phân, tệp rỗng, thụt lề bằng tab, neo YAML và lồng nhau quá sâu đều bị từ chối, vì kế hoạch không cần đến và chúng che giấu sai sót. Cách sửa: lưu tệp dạng UTF-8 và thụt lề bằng dấu cách."
        }
        Rule::Unreadable => {
            "kh không đọc được một tệp hay thư mục của kho: tệp quá lớn để là một kế hoạch, không mở được, hoặc là liên kết hỏng hay vòng lặp. Các tệp khác vẫn được kiểm tra. Cách sửa: xóa tệp hoặc cho phép đọc."
        }
        Rule::LinkOutside => {
            "Một pull request có thể thêm liên kết tượng trưng tới bất kỳ tệp nào của máy CI (mật khẩu, /etc/passwd). kh không bao giờ theo liên kết ra ngoài thư mục gốc của kho, không mở hay trích đích của nó, và báo chính liên kết đó. Cách sửa: xóa liên kết, hoặc chép tệp vào kho."
        }
        Rule::LinkLoop => {
            "Các liên kết trỏ vào nhau, hay một thư mục gặp hai lần, sẽ khiến kh đọc mãi. kh đọc mỗi thư mục một lần và báo vòng lặp. Cách sửa: xóa liên kết khép vòng."
        }
        Rule::NotAFile => {
            "Chỉ đọc tệp thường: một FIFO, thiết bị hay socket đặt tên như kế hoạch sẽ làm kh treo hoặc đọc không dứt. Cách sửa: xóa nó, hoặc thay bằng tệp thường."
        }
        Rule::TooLarge => {
            "Mọi lần đọc đều có giới hạn: kế hoạch hoặc danh mục tối đa 10 MB, báo cáo tối đa 32 MB, lớn hơn nhiều so với thực tế. Tệp lớn hơn không được đọc. Cách sửa: kiểm tra có đúng tệp không; tách báo cáo quá lớn."
        }
        Rule::TooDeep => {
            "Thư mục lồng nhau quá 32 cấp không được đọc tiếp, để một cây thư mục cố ý tạo ra không làm cạn tài nguyên của kh. Cách sửa: giảm số cấp thư mục."
        }
        Rule::BadId => {
            "Mã kế hoạch trở thành đường dẫn và xuất hiện trong mọi phát hiện, nên phải theo cú pháp: chữ thường ASCII, chữ số, `-`, `_` và `.`, với `/` giữa các phần; không có `..`, không bắt đầu bằng `/`, không có dấu cách, ký tự điều khiển hay dấu hai chiều. Cách sửa: đổi mã."
        }
        Rule::ConfusableId => {
            "Hai mã, khóa danh mục hay tên viết tắt trông giống nhau (chữ `ѕ` Kirin thay chữ `s` Latinh, dấu cách ở cuối, dấu hai chiều) cho phép một kế hoạch giả thay kế hoạch thật. kh so sánh bộ khung Unicode của chúng và báo cả hai tệp. Cách sửa: đổi tên một trong hai."
        }
        Rule::DuplicateCatalogKey => {
            "Danh mục chỉ số có thể chia thành nhiều tệp và được gộp lại; một khóa định nghĩa ở hai tệp sẽ bị quyết định theo thứ tự đường dẫn, nên đây là lỗi nêu cả hai tệp. Cách sửa: giữ một định nghĩa."
        }
        Rule::TooManyFindings => {
            "Mỗi tệp hiện tối đa 200 phát hiện (100 cho báo cáo), sau đó một ghi chú đếm phần còn lại, để một tệp cố ý tạo ra không làm tràn kết quả. Là ghi chú. Cách sửa: sửa các phát hiện đã hiện rồi chạy lại kh."
        }
        Rule::UnknownField => {
            "Mọi tên trường phải thuộc định dạng kế hoạch; nếu không, một trường gõ sai sẽ bị bỏ qua mà không ai biết. kh gợi ý tên gần nhất. Cách sửa: sửa tên trường (xem docs/format.md)."
        }
        Rule::Schema => {
            "Các trường bắt buộc (kh, id, title, issuer, level, issued, period) phải có và mỗi giá trị phải đúng dạng: một cấp, một ngày ban hành, một thời kỳ, một mã kế hoạch chứ không phải đường dẫn. Cách sửa: viết giá trị theo một dạng mà docs/format.md liệt kê."
        }
        Rule::Threshold => {
            "Ngưỡng của chỉ tiêu phải là cụm từ kh đọc được, như cán bộ vẫn viết (tối thiểu 65%, trên 50%, 4/4 trường, mức độ 2, ...), và tỷ lệ phần trăm phải trong khoảng 0 đến 100. Cách sửa: dùng một dạng được chấp nhận (docs/format.md liệt kê các dạng)."
        }
        Rule::Deadline => {
            "Thời hạn phải là cụm từ kh đọc được (Tháng 12/2026, Quý IV/2026, Trước ngày 30/4/2023, Hằng quý, Thường xuyên, ...). Cách sửa: dùng một dạng được chấp nhận (docs/format.md liệt kê các dạng)."
        }
        Rule::DuplicateId => {
            "Mã kế hoạch không được trùng trong kho, mã chỉ tiêu, nhiệm vụ và chỉ số không được trùng trong tệp của chúng, để mỗi tham chiếu chỉ trỏ tới một thứ. Cách sửa: đánh số lại một trong hai."
        }
        Rule::InvisibleChar => {
            "Văn bản sao chép từ Word thường mang ký tự ẩn (dấu cách độ rộng 0, ký tự nối) làm hai tên trông giống nhau lại khác nhau. kh bỏ qua chúng và cảnh báo để làm sạch tệp. Cách sửa: xóa ký tự ở vị trí được chỉ ra."
        }
        Rule::MissingParent => {
            "Kế hoạch nêu một kế hoạch cấp trên không có trong kho, nên không đối chiếu được chỉ tiêu với cấp trên; kh gợi ý mã gần nhất. Là cảnh báo, hoặc lỗi khi dùng --strict. Cách sửa: thêm kế hoạch cấp trên vào plans/, sửa mã, hoặc ghi nó vào `external:` trong kh.yaml."
        }
        Rule::BrokenParent => {
            "Tệp của kế hoạch cấp trên có lỗi: các chỉ tiêu đọc được vẫn được đối chiếu với kế hoạch này, các chỉ tiêu khác thì không. Là cảnh báo. Cách sửa: sửa các lỗi được báo cho tệp cấp trên."
        }
        Rule::UnknownPlan => {
            "applies_to của chỉ tiêu có thể nêu mã các kế hoạch nó ràng buộc (chỉ tiêu của UBND tỉnh giao cho Sở); mã không phải kế hoạch nào trong kho thì không ràng buộc ai, gần như luôn là gõ nhầm. Là cảnh báo. Cách sửa: sửa mã (kh gợi ý mã gần nhất), hoặc ghi kế hoạch vào `external:` trong kh.yaml."
        }
        Rule::CheckedAlone => {
            "Tệp nêu trên dòng lệnh được kiểm tra trong kho của nó: thư mục gần nhất từ tệp trở lên có kh.yaml hoặc thư mục plans/. Tệp không thuộc kho nào (bản nháp trong Downloads chẳng hạn) được kiểm tra riêng: các trường, ngưỡng và thời hạn của chính nó, nhưng không đối chiếu với kế hoạch cấp trên mà kh không tìm được; kh nói điều đó một lần cho mỗi tệp thay vì báo mọi kế hoạch cấp trên là thiếu. Là ghi chú. Cách sửa: đặt tệp vào thư mục plans/ của kho, hoặc chạy kh từ đó."
        }
        Rule::ExternalParent => {
            "Kế hoạch cấp trên được ghi trong `external:` của kh.yaml là ở ngoài kho (chẳng hạn kế hoạch của tỉnh khác): không đối chiếu, và kh nói điều đó một lần cho mỗi kế hoạch. Là ghi chú."
        }
        Rule::UndeclaredUnit => {
            "Các mục chủ trì, triển khai, phối hợp và đơn vị báo cáo phải là một khóa của `units:` hoặc một cấp, để `kh due` nêu được ai chịu trách nhiệm. Cách sửa: khai báo đơn vị trong `units:` hoặc sửa chữ viết tắt."
        }
        Rule::UnknownMetric => {
            "Chỉ số của mỗi chỉ tiêu phải là một khóa của danh mục chỉ số (plans/indicators.yaml); các kế hoạch được so sánh theo chỉ số, nên một chỉ số gõ sai sẽ không bao giờ được so sánh. Cách sửa: dùng khóa của danh mục hoặc thêm chỉ số vào danh mục."
        }
        Rule::UnknownSegment => {
            "Ngưỡng theo nhóm (by_segment) phải dùng nhóm do kế hoạch hoặc cấp trên khai báo, và `segment:` của kế hoạch phải là một nhóm của cấp trên. Cách sửa: khai báo nhóm hoặc sửa khóa."
        }
        Rule::UnitMismatch => {
            "Ngưỡng phải tính bằng đơn vị đo của chỉ số (percent, count, level hoặc yes-no); một số lượng ở chỗ cần tỷ lệ thì không so sánh được. Cách sửa: viết ngưỡng bằng đơn vị đo của chỉ số."
        }
        Rule::PopulationMismatch => {
            "Văn bản thường ghi đối tượng sau giá trị: \"100% học sinh\", \"95% cán bộ, giáo viên\". kh giữ các từ này và so với đối tượng chỉ số tính trên (`noun:` trong danh mục); khi chúng chỉ đối tượng khác, có thể chỉ tiêu đang gắn nhầm chỉ số. Là cảnh báo. Cách sửa: chuyển chỉ tiêu sang chỉ số tính trên đúng đối tượng đó, hoặc sửa lại các từ."
        }
        Rule::DirectionMismatch => {
            "Cụm từ giới hạn giá trị từ trên (\"dưới 10%\", \"không quá 10%\", \"giảm xuống dưới 5%\") hợp với chỉ số càng thấp càng tốt; cụm từ giới hạn từ dưới (\"tối thiểu 80%\") hợp với chỉ số càng cao càng tốt. Nếu ngược lại, có thể ngưỡng hoặc `direction:` trong danh mục bị sai, và việc đối chiếu sẽ xét ngược chiều. Là cảnh báo. Cách sửa: sửa ngưỡng, hoặc chiều tốt hơn của chỉ số trong danh mục. Khoảng (\"từ 60% đến 80%\") giới hạn cả hai phía nên không bị nêu."
        }
        Rule::BelowFloor => {
            "Cấp trên có thể đặt mức bình quân kèm mức sàn cho mỗi đơn vị cấp dưới: \"bình quân 80%, không có xã nào dưới 50%\", \"mỗi trường tối thiểu 2 mô hình\". Mọi kế hoạch cấp dưới thuộc đối tượng của mức sàn (xã, trường; mọi cấp dưới khi không nêu) phải đạt mức sàn; mức bình quân không xét từng kế hoạch mà so với số liệu tổng hợp của các cấp dưới trong `kh status --rollup`. Cách sửa: nâng ngưỡng cấp dưới ít nhất lên mức sàn."
        }
        Rule::LooserThreshold => {
            "Kế hoạch cấp dưới phải nhận mỗi chỉ tiêu của cấp trên với mức ít nhất chặt như cấp trên. Với chỉ số càng cao càng tốt, ngưỡng cấp dưới phải ít nhất bằng cấp trên; với chỉ số càng thấp càng tốt, nhiều nhất bằng cấp trên. Phát hiện nêu chỉ tiêu cấp trên và trích cả hai ngưỡng. Cách sửa: nâng ngưỡng cấp dưới lên bằng cấp trên, hoặc ghi rõ lý do."
        }
        Rule::IncomparableThreshold => {
            "Ngưỡng cấp dưới và cấp trên của cùng một chỉ số không so sánh được, ví dụ số lượng của hai thứ khác nhau. Cách sửa: dùng cùng đơn vị đo và danh từ như cấp trên, hoặc một chỉ số riêng nếu chúng đo hai thứ khác nhau."
        }
        Rule::AspirationOnly => {
            "Chỉ tiêu chỉ ghi `phấn đấu` một giá trị là mục tiêu mong muốn, không phải cam kết. Khi cấp trên đặt ngưỡng bắt buộc, cấp dưới chỉ phấn đấu đạt ngưỡng đó là chưa cam kết, kể cả khi giá trị cao bằng: kh không bao giờ coi phấn đấu là chặt hơn một ngưỡng bắt buộc. Là cảnh báo. Cách sửa: ghi ngưỡng bắt buộc như cấp trên yêu cầu, và để giá trị cao hơn ở `stretch:`."
        }
        Rule::Milestone => {
            "Chỉ tiêu cấp dưới đến hạn trước mọi chỉ tiêu cùng chỉ số của cấp trên là một mốc trung gian hướng tới chỉ tiêu cấp trên, không phải bản sao lỏng hơn, nên không bị đối chiếu. Là ghi chú để biết."
        }
        Rule::LaterDeadline => {
            "Kế hoạch cấp dưới phải thực hiện mỗi chỉ tiêu của cấp trên không muộn hơn cấp trên. Cách sửa: đưa thời hạn cấp dưới về sớm bằng cấp trên."
        }
        Rule::PlanIssuedLate => {
            "Kế hoạch cấp trên có thể đặt thời hạn để cấp dưới ban hành kế hoạch của mình (chỉ số đánh dấu plan_issuance); kế hoạch cấp dưới ban hành sau thời hạn đó là muộn. Là cảnh báo."
        }
        Rule::MissingAdoption => {
            "Mỗi chỉ tiêu cấp trên ràng buộc cấp của kế hoạch cấp dưới phải được nhận (một chỉ tiêu cùng chỉ số) hoặc miễn áp dụng có lý do. Là cảnh báo. Cách sửa: thêm chỉ tiêu, hoặc một mục trong `waivers:` nêu vì sao không áp dụng."
        }
        Rule::Waiver => {
            "Mục miễn áp dụng phải nêu chỉ số của một chỉ tiêu cấp trên và lý do. Cách sửa: sửa chỉ số hoặc thêm `reason:`."
        }
        Rule::PeriodOutsideParent => {
            "Thời kỳ của kế hoạch cấp dưới phải nằm trong thời kỳ của cấp trên. Cách sửa: sửa thời kỳ hoặc kế hoạch cấp trên."
        }
        Rule::IssuedBeforeParent => {
            "Một kế hoạch không thể thực hiện một kế hoạch ban hành sau nó. Cách sửa: sửa ngày ban hành hoặc kế hoạch cấp trên."
        }
        Rule::DueBeforeIssued => {
            "Chỉ tiêu đến hạn (theo thời hạn riêng hoặc kế thừa từ cấp trên) trước khi kế hoạch ban hành thì quá hạn ngay từ ngày kế hoạch ra đời. Là cảnh báo. Cách sửa: đặt cho chỉ tiêu thời hạn riêng, từ ngày ban hành trở đi."
        }
        Rule::ParentCycle => {
            "Lần theo cấp trên từ bất kỳ kế hoạch nào cũng phải dừng ở một kế hoạch gốc; kế hoạch là cấp trên của chính nó làm việc đối chiếu mất ý nghĩa. Cách sửa: sửa một `parent:` trong vòng."
        }
        Rule::ReportSyntax => {
            "Tệp báo cáo trong reports/ phải là CSV, hoặc bảng tính (xlsx, xls, ods), mà kh đọc được. Các dòng không đọc được bị bỏ qua và được báo. Cách sửa: lưu tệp dạng CSV (UTF-8) hoặc bảng tính .xlsx."
        }
        Rule::ReportColumns => {
            "Báo cáo cần các cột plan, metric (hoặc target), value và as_of; segment và source là tùy chọn. Cách sửa: thêm các cột còn thiếu vào dòng tiêu đề."
        }
        Rule::ReportPlan => {
            "Mỗi dòng báo cáo phải nêu mã của một kế hoạch có trong kho. Cách sửa: sửa mã kế hoạch."
        }
        Rule::ReportMetric => {
            "Mỗi dòng báo cáo phải nêu một chỉ số hoặc mã chỉ tiêu của kế hoạch. Cách sửa: sửa khóa."
        }
        Rule::ReportSegment => {
            "Nhóm của dòng báo cáo phải là một nhóm của chỉ tiêu. Cách sửa: sửa nhóm."
        }
        Rule::ReportValue => {
            "Giá trị của dòng báo cáo phải đọc được (87%, 87,5%, 4/4, mức 2, yes). Cách sửa: viết giá trị theo một trong các dạng đó."
        }
        Rule::ReportDate => {
            "as_of của dòng báo cáo phải là một ngày (2026-09-30 hoặc 30/09/2026), không ở tương lai. Cách sửa: sửa ngày."
        }
        Rule::ReportUnit => {
            "Giá trị của dòng báo cáo phải tính bằng đơn vị đo của chỉ số. Cách sửa: viết giá trị bằng đơn vị đo của chỉ số."
        }
    }
}

pub fn word(w: Word) -> &'static str {
    use Word::*;
    match w {
        Error => "lỗi",
        Plan => "kế hoạch",
        Plans => "kế hoạch",
        Target => "chỉ tiêu",
        Task => "nhiệm vụ",
        Report => "báo cáo",
        Indicator => "chỉ số",
        Segment => "nhóm",
        Threshold => "ngưỡng",
        Deadline => "thời hạn",
        Date => "hạn",
        DaysLeft => "còn (ngày)",
        Kind => "loại",
        Id => "mã",
        Text => "nội dung",
        Lead => "chủ trì",
        Value => "đạt được",
        AsOf => "tính đến",
        Status => "tình trạng",
        Severity => "mức",
        Rule => "quy tắc",
        Message => "nội dung",
        Group => "nhóm quy tắc",
        Summary => "kiểm tra gì",
        Ongoing => "thường xuyên",
        Met => "đạt",
        NotMet => "chưa đạt",
        DueSoon => "sắp đến hạn",
        Overdue => "quá hạn",
        NoData => "chưa có số liệu",
        Stricter => "chặt hơn",
        Same => "như nhau",
        Looser => "lỏng hơn",
        Incomparable => "không so được",
        OnlyInA => "chỉ có ở A",
        OnlyInB => "chỉ có ở B",
        NotBinding => "không ràng buộc",
        MilestoneWord => "mốc trung gian",
        Earlier => "sớm hơn",
        Later => "muộn hơn",
        AThreshold => "ngưỡng A",
        ADue => "hạn A",
        BThreshold => "ngưỡng B",
        BDue => "hạn B",
        Verdict => "so sánh",
        ChildrenMeeting => "đơn vị cấp dưới đạt",
        ChildrenMean => "bình quân cấp dưới",
        NotMeeting => "chưa đạt",
        Lead2 => "Chủ trì",
        Due2 => "Hạn",
        Help => "gợi ý",
        Example => "ví dụ",
        File => "tệp",
        Line => "dòng",
        Col => "cột",
        See => "xem",
        At => "tại",
        Due => "hạn",
        NotAdopted => "chưa nhận chỉ tiêu",
        Waived => "được miễn",
        OwnTarget => "so với chỉ tiêu của mình",
        GroupFile => "tệp",
        GroupReferences => "tham chiếu",
        GroupCascade => "cấp trên - cấp dưới",
        GroupReports => "báo cáo",
        AspirationOnly => "chỉ phấn đấu",
        BelowFloor => "dưới mức sàn",
        Formal => "đọc là",
        DeadlineFrom => "thời hạn lấy từ",
        FromOwn => "tự ghi",
        FromParent => "cấp trên",
        FromPeriod => "thời kỳ kế hoạch",
        NotStated => "văn bản không ghi",
        Default => "mặc định",
    }
}
