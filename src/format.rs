//! The file format as written by people: every field as the YAML gives it,
//! before any phrase is interpreted. `load` turns these into the domain model.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A scalar read as text whatever YAML made of it: officials write `due: 2026`
/// and `id: 1` without quotes, and both mean text here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, number or date")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(if v { "yes" } else { "no" }.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// Schemas an editor can use (yaml-language-server): enums where kh knows
/// every word, patterns where it reads phrases, descriptions in both
/// languages. They never reject what the loader accepts as officials write it
/// in its usual spellings; the loader stays the judge of the rest.
mod field_schema {
    use schemars::{Schema, SchemaGenerator, json_schema};

    /// A year anywhere in the phrase: every issue date and period has one.
    const YEAR: &str = "(19|20|21)[0-9]{2}";

    pub fn level(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": crate::domain::Level::WORDS.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
        })
    }

    pub fn issued(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string", "pattern": YEAR },
                { "type": "integer", "minimum": 1900, "maximum": 2200 }
            ]
        })
    }

    pub fn period(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string", "pattern": YEAR },
                { "type": "integer", "minimum": 1900, "maximum": 2200 }
            ]
        })
    }

    pub fn unit(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": ["percent", "%", "ratio", "count", "level", "yes-no", "yes/no", "bool"]
        })
    }

    pub fn doc_type(_: &mut SchemaGenerator) -> Schema {
        let words: Vec<&str> = crate::domain::DocType::WORDS
            .iter()
            .map(|(w, _)| *w)
            .collect();
        json_schema!({
            "type": "string",
            "enum": words
        })
    }

    /// `vi`, `en`, or a locale that starts with one (`vi_VN.UTF-8`).
    pub fn lang(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "null"],
            "examples": ["vi", "en"],
            "pattern": "^[ \t]*([Vv][Ii]|[Ee][Nn])"
        })
    }

    pub fn severities(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": { "enum": crate::rules::Rule::ALL.iter().map(|r| r.name()).collect::<Vec<_>>() },
            "additionalProperties": { "type": "string", "enum": ["error", "warning", "note"] }
        })
    }

    /// "5/9", "31/5": a day and a month.
    pub fn day_month(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[ \t]*[0-9]{1,2}[/.-][0-9]{1,2}[ \t]*$"
        })
    }

    pub fn direction(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": ["higher", "lower"]
        })
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A plan (kế hoạch), one file per issuing body.
///
/// Một kế hoạch, mỗi cơ quan ban hành một tệp.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PlanFile {
    /// Format version: 1.
    ///
    /// Phiên bản định dạng: 1.
    pub kh: Option<Text>,
    /// Unique id in the repository, e.g. ninh-binh/tam-chuc-2026.
    ///
    /// Mã duy nhất trong kho, ví dụ ninh-binh/tam-chuc-2026.
    pub id: Text,
    /// Document number as printed, e.g. "92/KH-SGDĐT" (blanks are normal in drafts).
    ///
    /// Số văn bản như in, ví dụ "92/KH-SGDĐT" (dự thảo có thể để trống).
    #[serde(default)]
    pub number: Option<Text>,
    /// Title of the plan.
    ///
    /// Tên kế hoạch.
    pub title: Text,
    /// The issuing body, e.g. UBND phường Tam Chúc.
    ///
    /// Cơ quan ban hành, ví dụ UBND phường Tam Chúc.
    pub issuer: Text,
    /// Level of the issuing body: national, province, district, commune or school, or
    /// as officials write it (tỉnh, xã, phường, ward, huyện, quận, trường).
    ///
    /// Cấp của cơ quan ban hành: quốc gia, tỉnh, huyện, xã hoặc trường (viết như trên
    /// văn bản: tỉnh, xã, phường, huyện, quận, trường).
    #[schemars(schema_with = "field_schema::level")]
    pub level: Text,
    /// Date of issue as printed: 2026-05-13, 13/5/2026, "ngày 13 tháng 5 năm 2026";
    /// 2026-06 when the day is blank.
    ///
    /// Ngày ban hành như in trên văn bản: 2026-05-13, 13/5/2026, "ngày 13 tháng 5 năm
    /// 2026"; 2026-06 khi để trống ngày.
    #[schemars(schema_with = "field_schema::issued")]
    pub issued: Text,
    /// The plan's period: a year (2026), a span (2022-2025), or as printed ("giai đoạn
    /// 2026-2030, tầm nhìn đến năm 2035", "năm học 2026-2027").
    ///
    /// Thời kỳ của kế hoạch: một năm (2026), một giai đoạn (2022-2025), hoặc như in
    /// ("giai đoạn 2026-2030, tầm nhìn đến năm 2035", "năm học 2026-2027").
    #[schemars(schema_with = "field_schema::period")]
    pub period: Text,
    /// Id of the plan this one implements, or a list of ids when it implements several
    /// (the most direct first). Each parent's targets cascade on their own.
    ///
    /// Mã kế hoạch cấp trên mà kế hoạch này triển khai, hoặc danh sách khi triển khai
    /// nhiều kế hoạch (kế hoạch trực tiếp trước). Chỉ tiêu của từng kế hoạch cấp trên
    /// được đối chiếu riêng.
    #[serde(default)]
    pub parent: Option<OneOrMany>,
    /// The documents this plan cites, as printed ("Quyết định số 131/QĐ-TTg ngày
    /// 25/01/2022 của Thủ tướng Chính phủ"): one text or a list. Not parents.
    ///
    /// Các văn bản được căn cứ, như in ("Quyết định số 131/QĐ-TTg ngày 25/01/2022 của
    /// Thủ tướng Chính phủ"): một hoặc một danh sách. Không phải kế hoạch cấp trên.
    #[serde(default)]
    pub cites: Option<OneOrMany>,
    /// Kind of document: kế hoạch (plan), quyết định (decision), nghị quyết
    /// (resolution), chỉ thị (directive), công văn (letter).
    ///
    /// Loại văn bản: kế hoạch, quyết định, nghị quyết, chỉ thị, công văn.
    #[serde(default, rename = "type")]
    #[schemars(schema_with = "field_schema::doc_type")]
    pub doc_type: Option<Text>,
    /// For a school plan, the kinds of school it is: mầm non, tiểu học, THCS, THPT,
    /// GDTX, liên cấp (one or a list). Absent: read from the issuer's name.
    ///
    /// Với kế hoạch của trường: loại trường (mầm non, tiểu học, THCS, THPT, GDTX, liên
    /// cấp; một hoặc danh sách). Không ghi: suy ra từ tên cơ quan ban hành.
    #[serde(default)]
    pub school: Option<OneOrMany>,
    /// The parent's segments this body belongs to.
    ///
    /// Nhóm (phân đoạn) của kế hoạch cấp trên mà cơ quan này thuộc về.
    #[serde(default)]
    pub segment: Vec<Text>,
    /// Segments used by this plan's by_segment targets: key → description.
    ///
    /// Các nhóm dùng trong chỉ tiêu by_segment: mã → mô tả.
    #[serde(default)]
    pub segments: BTreeMap<String, Text>,
    /// Unit abbreviations used in lead / implementers / cooperating: key → full name.
    ///
    /// Tên viết tắt các đơn vị dùng trong lead / implementers / cooperating: mã → tên
    /// đầy đủ.
    #[serde(default)]
    pub units: BTreeMap<String, Text>,
    /// Reporting duties (kh due).
    ///
    /// Chế độ báo cáo (kh due).
    #[serde(default)]
    pub reporting: Vec<ReportingEntry>,
    /// Measurable targets (chỉ tiêu).
    ///
    /// Các chỉ tiêu đo được.
    #[serde(default)]
    pub targets: Vec<TargetEntry>,
    /// Parent targets not adopted, each with a reason.
    ///
    /// Chỉ tiêu cấp trên không áp dụng, kèm lý do.
    #[serde(default)]
    pub waivers: Vec<WaiverEntry>,
    /// Tasks (nhiệm vụ).
    ///
    /// Các nhiệm vụ.
    #[serde(default)]
    pub tasks: Vec<TaskEntry>,
    /// Values of this plan's header not stated in the document: field → `inferred` or
    /// the document they are taken from.
    ///
    /// Giá trị ở phần đầu không ghi trong văn bản: trường → `inferred` hoặc văn bản lấy
    /// giá trị.
    #[serde(default)]
    pub provenance: BTreeMap<String, Text>,
}

/// One value or a list of them (`parent:`, `cites:`, `school:`).
///
/// Một giá trị hoặc một danh sách (`parent:`, `cites:`, `school:`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(Text),
    Many(Vec<Text>),
}

impl OneOrMany {
    pub fn items(&self) -> Vec<&Text> {
        match self {
            OneOrMany::One(t) => vec![t],
            OneOrMany::Many(v) => v.iter().collect(),
        }
    }
}

pub const PLAN_FIELDS: &[&str] = &[
    "kh",
    "id",
    "number",
    "title",
    "issuer",
    "level",
    "issued",
    "period",
    "parent",
    "cites",
    "type",
    "school",
    "segment",
    "segments",
    "units",
    "reporting",
    "targets",
    "waivers",
    "tasks",
    "provenance",
];

/// A target (chỉ tiêu): an indicator, a threshold and a deadline.
///
/// Một chỉ tiêu: chỉ số, ngưỡng và thời hạn.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TargetEntry {
    /// Numbering as in the document, e.g. "III.2b".
    ///
    /// Số thứ tự như trên văn bản, ví dụ "III.2b".
    pub id: Text,
    /// The heading it sits under.
    ///
    /// Đề mục chứa chỉ tiêu.
    #[serde(default)]
    pub area: Option<Text>,
    /// The document's words.
    ///
    /// Nguyên văn trên văn bản.
    pub text: Text,
    /// Indicator key from plans/indicators.yaml.
    ///
    /// Mã chỉ số trong plans/indicators.yaml.
    pub metric: Text,
    /// Threshold: "tối thiểu 25%", "trên 50%", "Đạt 83%", "4/4", "01 mô hình", "mức độ
    /// 2", "yes" or ">= 25%".
    ///
    /// Ngưỡng: "tối thiểu 25%", "trên 50%", "Đạt 83%", "4/4", "01 mô hình", "mức độ 2",
    /// "yes" hoặc ">= 25%".
    #[serde(default)]
    pub target: Option<Text>,
    /// Per-segment thresholds: segment key → threshold.
    ///
    /// Ngưỡng theo nhóm: mã nhóm → ngưỡng.
    #[serde(default)]
    pub by_segment: Option<BTreeMap<String, Text>>,
    /// Stretch goal (phấn đấu), e.g. "50%".
    ///
    /// Mức phấn đấu, ví dụ "50%".
    #[serde(default)]
    pub stretch: Option<Text>,
    /// Deadline: "Tháng 12/2026", "Quý IV/2026", "Năm 2026", "Thường xuyên", "hằng quý"
    /// ... Absent: inherited.
    ///
    /// Thời hạn: "Tháng 12/2026", "Quý IV/2026", "Năm 2026", "Thường xuyên", "hằng quý"
    /// ... Không ghi: theo kế hoạch cấp trên.
    #[serde(default)]
    pub due: Option<Text>,
    /// Lead units (keys of units, or level words).
    ///
    /// Đơn vị chủ trì (mã trong units, hoặc tên cấp).
    #[serde(default)]
    pub lead: Vec<Text>,
    /// Implementing units (keys of units, or level words).
    ///
    /// Đơn vị tổ chức triển khai (mã trong units, hoặc tên cấp).
    #[serde(default)]
    pub implementers: Vec<Text>,
    /// Whom it binds: levels, school kinds (THPT, tiểu học…) or plan ids; [] =
    /// internal, it binds and judges no one; absent = every level below.
    ///
    /// Áp dụng cho: cấp, loại trường (THPT, tiểu học…) hoặc mã kế hoạch; [] = nội bộ,
    /// không áp cho ai; không ghi = mọi cấp dưới.
    #[serde(default)]
    pub applies_to: Option<Vec<Text>>,
    /// Fields whose values the document does not state: field → `inferred` or the
    /// document the value is taken from.
    ///
    /// Các trường văn bản không ghi: trường → `inferred` hoặc văn bản lấy giá trị.
    #[serde(default)]
    pub provenance: BTreeMap<String, Text>,
}

pub const TARGET_FIELDS: &[&str] = &[
    "id",
    "area",
    "text",
    "metric",
    "target",
    "by_segment",
    "stretch",
    "due",
    "lead",
    "implementers",
    "applies_to",
    "provenance",
];

/// A task (nhiệm vụ): what is done, by whom, by when.
///
/// Một nhiệm vụ: việc gì, ai làm, hạn khi nào.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TaskEntry {
    /// Numbering as in the document.
    ///
    /// Số thứ tự như trên văn bản.
    pub id: Text,
    /// The heading it sits under.
    ///
    /// Đề mục chứa nhiệm vụ.
    #[serde(default)]
    pub area: Option<Text>,
    /// The document's words.
    ///
    /// Nguyên văn trên văn bản.
    pub text: Text,
    /// Lead units (keys of units, or level words).
    ///
    /// Đơn vị chủ trì (mã trong units, hoặc tên cấp).
    #[serde(default)]
    pub lead: Vec<Text>,
    /// Cooperating units (keys of units, or level words).
    ///
    /// Đơn vị phối hợp (mã trong units, hoặc tên cấp).
    #[serde(default)]
    pub cooperating: Vec<Text>,
    /// The product delivered.
    ///
    /// Sản phẩm.
    #[serde(default)]
    pub product: Option<Text>,
    /// Deadline, as for targets.
    ///
    /// Thời gian hoàn thành, như với chỉ tiêu.
    #[serde(default)]
    pub due: Option<Text>,
    /// A note.
    ///
    /// Ghi chú kèm nhiệm vụ.
    #[serde(default)]
    pub note: Option<Text>,
    /// Fields whose values the document does not state (see targets).
    ///
    /// Các trường văn bản không ghi (xem chỉ tiêu).
    #[serde(default)]
    pub provenance: BTreeMap<String, Text>,
}

pub const TASK_FIELDS: &[&str] = &[
    "id",
    "area",
    "text",
    "lead",
    "cooperating",
    "product",
    "due",
    "note",
    "provenance",
];

/// A reporting duty: who reports what to whom, how often.
///
/// Một chế độ báo cáo: ai báo cáo gì, cho ai, định kỳ ra sao.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReportingEntry {
    /// What is reported.
    ///
    /// Nội dung báo cáo.
    pub what: Text,
    /// Who reports (keys of units, or level words).
    ///
    /// Đơn vị báo cáo (mã trong units, hoặc tên cấp).
    #[serde(default)]
    pub from: Vec<Text>,
    /// To whom.
    ///
    /// Nơi nhận báo cáo.
    #[serde(default)]
    pub to: Option<Text>,
    /// When: "hằng quý", "trước ngày 15/12 hằng năm", "Tháng 6/2026"...
    ///
    /// Thời hạn: "hằng quý", "trước ngày 15/12 hằng năm", "Tháng 6/2026"...
    pub due: Text,
    /// Fields whose values the document does not state (see targets).
    ///
    /// Các trường văn bản không ghi (xem chỉ tiêu).
    #[serde(default)]
    pub provenance: BTreeMap<String, Text>,
}

pub const REPORTING_FIELDS: &[&str] = &["what", "from", "to", "due", "provenance"];

/// A parent target not adopted.
///
/// Một chỉ tiêu cấp trên không áp dụng.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct WaiverEntry {
    /// The indicator key of the parent target.
    ///
    /// Mã chỉ số của chỉ tiêu cấp trên.
    pub metric: Text,
    /// Why it is not adopted.
    ///
    /// Lý do không áp dụng.
    #[serde(default)]
    pub reason: Option<Text>,
}

pub const WAIVER_FIELDS: &[&str] = &["metric", "reason"];

/// The indicator catalog, plans/indicators.yaml.
///
/// Danh mục chỉ số, plans/indicators.yaml.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CatalogFile {
    /// Format version: 1.
    ///
    /// Phiên bản định dạng: 1.
    pub kh: Option<Text>,
    /// The indicators plans may measure.
    ///
    /// Các chỉ số mà kế hoạch có thể dùng.
    pub indicators: Vec<IndicatorEntry>,
}

pub const CATALOG_FIELDS: &[&str] = &["kh", "indicators"];

/// One indicator.
///
/// Một chỉ số.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct IndicatorEntry {
    /// Key that targets name in `metric:`.
    ///
    /// Mã mà chỉ tiêu ghi ở `metric:`.
    pub key: Text,
    /// Name of the indicator.
    ///
    /// Tên chỉ số.
    pub name: Text,
    /// How the indicator is measured: percent, ratio, count, level or yes-no.
    ///
    /// Đơn vị đo của chỉ số: percent (phần trăm), ratio (tỉ lệ), count (số lượng),
    /// level (mức độ) hoặc yes-no (có/không).
    #[schemars(schema_with = "field_schema::unit")]
    pub unit: Text,
    /// Which way is better: higher or lower.
    ///
    /// Chiều tốt hơn: higher (càng cao càng tốt) hoặc lower (càng thấp càng tốt).
    #[serde(default)]
    #[schemars(schema_with = "field_schema::direction")]
    pub direction: Option<Text>,
    /// What the indicator counts (trường, học sinh…).
    ///
    /// Đối tượng mà chỉ số đếm (trường, học sinh…).
    #[serde(default)]
    pub noun: Option<Text>,
    /// The indicator counts plans issued below: its deadline is the deadline for
    /// child bodies to issue their own plan.
    ///
    /// Chỉ số đếm kế hoạch cấp dưới ban hành: thời hạn của nó là thời hạn cấp dưới
    /// ban hành kế hoạch.
    #[serde(default)]
    pub plan_issuance: bool,
}

pub const INDICATOR_FIELDS: &[&str] =
    &["key", "name", "unit", "direction", "noun", "plan_issuance"];

/// kh.yaml: the repository's settings.
///
/// kh.yaml: cấu hình của kho.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Settings {
    /// Folder of the plans (default plans/).
    ///
    /// Thư mục chứa kế hoạch (mặc định plans/).
    #[serde(default)]
    pub plans: Option<String>,
    /// Folder of the achieved values (CSV, xlsx).
    ///
    /// Thư mục chứa số liệu đạt được (CSV, xlsx).
    #[serde(default)]
    pub reports: Option<String>,
    /// Interface language: vi or en.
    ///
    /// Ngôn ngữ giao diện: vi hoặc en.
    #[serde(default)]
    #[schemars(schema_with = "field_schema::lang")]
    pub lang: Option<String>,
    /// Warnings fail the check.
    ///
    /// Cảnh báo cũng làm kiểm tra thất bại.
    #[serde(default)]
    pub strict: bool,
    /// A severity per rule name (`missing-adoption: error`), as yamllint and ruff
    /// allow.
    ///
    /// Mức độ cho từng quy tắc (`missing-adoption: error`).
    #[serde(default)]
    #[schemars(schema_with = "field_schema::severities")]
    pub rules: std::collections::BTreeMap<String, String>,
    /// Plans known to live outside this repository (another province's Sở plan a school
    /// implements): a parent among them is a note, not a warning.
    ///
    /// Các kế hoạch ở ngoài kho này (kế hoạch của Sở tỉnh khác mà trường triển khai):
    /// cấp trên thuộc danh sách này chỉ là ghi chú, không phải cảnh báo.
    #[serde(default)]
    pub external: Vec<String>,
    /// The days a school year and its semesters run, where a province's
    /// calendar differs from the ministry's framework.
    ///
    /// Ngày bắt đầu, kết thúc năm học và học kỳ, khi lịch của tỉnh khác khung của Bộ.
    #[serde(default)]
    pub school_year: Option<SchoolYearSettings>,
}

pub const SETTINGS_FIELDS: &[&str] = &[
    "plans",
    "reports",
    "lang",
    "strict",
    "rules",
    "external",
    "school_year",
];

/// `school_year:` in kh.yaml: the days a school year and its semesters run.
///
/// `school_year:` trong kh.yaml: ngày bắt đầu, kết thúc năm học và học kỳ.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SchoolYearSettings {
    /// First day of the school year, day/month (default 5/9, the ministry's
    /// framework).
    ///
    /// Ngày khai giảng, ngày/tháng (mặc định 5/9, theo khung kế hoạch thời gian năm
    /// học của Bộ).
    #[serde(default)]
    #[schemars(schema_with = "field_schema::day_month")]
    pub start: Option<Text>,
    /// Last day of semester I, day/month (default 18/1).
    ///
    /// Ngày kết thúc học kỳ I, ngày/tháng (mặc định 18/1).
    #[serde(default)]
    #[schemars(schema_with = "field_schema::day_month")]
    pub semester_one_end: Option<Text>,
    /// Last day of the school year, day/month (default 31/5).
    ///
    /// Ngày kết thúc năm học, ngày/tháng (mặc định 31/5).
    #[serde(default)]
    #[schemars(schema_with = "field_schema::day_month")]
    pub end: Option<Text>,
}

pub const SCHOOL_YEAR_FIELDS: &[&str] = &["start", "semester_one_end", "end"];

/// The fields known at a path of a plan or catalog file, for "did you mean".
pub fn known_fields(catalog: bool, parent: &[crate::yaml::Seg]) -> &'static [&'static str] {
    use crate::yaml::Seg;
    let first = match parent.first() {
        Some(Seg::Key(k)) => k.as_str(),
        _ => return if catalog { CATALOG_FIELDS } else { PLAN_FIELDS },
    };
    if parent.len() != 2 {
        return &[];
    }
    match (catalog, first) {
        (true, "indicators") => INDICATOR_FIELDS,
        (false, "targets") => TARGET_FIELDS,
        (false, "tasks") => TASK_FIELDS,
        (false, "reporting") => REPORTING_FIELDS,
        (false, "waivers") => WAIVER_FIELDS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field lists feed "did you mean"; a field added to a struct but not to
    /// its list would make a correct file look wrong.
    #[test]
    fn field_lists_match_the_structs() {
        let plan = "kh: 1\nid: a\nnumber: x\ntitle: t\nissuer: i\nlevel: school\nissued: 2026-01\nperiod: 2026\nparent: p\ncites: c\ntype: kế hoạch\nschool: THPT\nsegment: [a]\nsegments: {a: b}\nunits: {A: b}\nreporting: [{what: w, from: [school], to: t, due: hằng quý, provenance: {to: inferred}}]\ntargets: [{id: 1, area: a, text: t, metric: m, target: 1%, by_segment: {a: 1%}, stretch: 2%, due: 2026, lead: [A], implementers: [A], applies_to: [], provenance: {lead: inferred}}]\nwaivers: [{metric: m, reason: r}]\ntasks: [{id: 1, area: a, text: t, lead: [A], cooperating: [A], product: p, due: 2026, note: n, provenance: {lead: inferred}}]\nprovenance: {number: inferred}\n";
        let r = crate::yaml::read::<PlanFile>(plan).unwrap();
        assert!(r.unknown.is_empty(), "{:?}", r.unknown);
        for (line, fields) in [(plan, PLAN_FIELDS)] {
            for f in fields {
                assert!(line.contains(&format!("{f}:")), "{f}");
            }
        }
        for f in TARGET_FIELDS
            .iter()
            .chain(TASK_FIELDS)
            .chain(REPORTING_FIELDS)
            .chain(WAIVER_FIELDS)
        {
            assert!(plan.contains(&format!("{f}:")), "{f}");
        }
    }

    #[test]
    fn numbers_read_as_text() {
        let r = crate::yaml::read::<TaskEntry>("id: 1\ntext: t\ndue: 2026\n").unwrap();
        assert_eq!(r.value.id.as_str(), "1");
        assert_eq!(r.value.due.unwrap().as_str(), "2026");
    }
}
