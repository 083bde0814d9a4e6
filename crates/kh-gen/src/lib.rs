//! A deterministic generator of a national plans repository, for benchmarks and
//! for testing `kh` at the size of the country.
//!
//! Shape (at `scale` 100, the whole country): one national plan (Bộ GDĐT), 34
//! province plans (Sở GDĐT, after the 2025 merger), 3,321 commune plans (xã,
//! phường, đặc khu; parent = their province) and about 44,000 school plans
//! (parent = their commune, 6 to 21 per commune): about 47,400 YAML files, plus
//! one achieved-values CSV per plan. At `scale` 1 or 10 the national plan is
//! kept and provinces, communes and schools shrink in proportion (at least one
//! province).
//!
//! Layout of the output directory:
//!
//! ```text
//! kh.yaml                       plans: plans, reports: reports
//! plans/indicators.yaml         every metric the plans use
//! plans/national/bo-gddt-2026-2030.yaml
//! plans/<province>/so-gddt-2026.yaml
//! plans/<province>/<commune>-2026.yaml
//! plans/<province>/<commune>/<school>-2026.yaml
//! reports/...                   the same paths, .csv
//! planted.csv                   file,rule,plan,detail: the findings planted on purpose
//! README.md
//! ```
//!
//! Every plan sits at `plans/<its id>.yaml`, as in the shipped repository
//! (`ninh-binh/tam-chuc-2026`), so kh can find one plan by its id without
//! reading the others.
//!
//! Plans look like the shipped ones: 20 to 40 targets and 10 to 30 tasks, in
//! Vietnamese, with thresholds and deadlines written the many ways officials
//! write them, per-segment targets at national and province level, reporting
//! duties, units, `applies_to`, and waivers (a kindergarten waives the
//! digital school-record target, for instance).
//!
//! Clean plans produce no finding at all, not even a note: a child adopts each
//! parent target that binds its level, with an equal or stricter threshold,
//! and either no deadline of its own (inherited) or one that falls on the same
//! day as its parent's, written another way ("Quý IV/2026" for "Tháng
//! 12/2026"). A child's own extra targets use metrics its parent does not
//! have. Commune plans are issued in April, before the province's deadline for
//! issuing them (Tháng 5/2026), and school plans in May.
//!
//! In each run of 50 plans (in tree order) one plan gets one planted finding:
//! a looser threshold, a later deadline, a missing adoption (a binding target
//! removed), an unknown field, or an unparseable threshold. Each plant makes
//! exactly one finding of its rule in its own file; the plan's children are
//! generated from the planted plan, so they stay clean. `planted.csv` lists
//! them. Everything is a function of the seed and the scale.

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

/// The year every generated plan is about.
pub const YEAR: i32 = 2026;

/// The day the generated data is meant to be read on: every achieved value is
/// dated before it (`kh check --today 2026-11-23`, `kh status --as-of 2026-11-23`).
pub const TODAY: &str = "2026-11-23";

/// One plant in this many plans.
pub const PLANT_EVERY: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Percent of the country, 1 to 100 (1, 10 and 100 are the benchmark sizes).
    pub scale: u32,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { scale: 1, seed: 1 }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Plan files (national + provinces + communes + schools).
    pub plans: usize,
    pub provinces: usize,
    pub communes: usize,
    pub schools: usize,
    /// YAML files under plans/: the plans and the catalog (kh.yaml not counted).
    pub yaml_files: usize,
    /// Achieved-value CSV files under reports/.
    pub report_files: usize,
    /// Every file written, including kh.yaml, planted.csv and README.md.
    pub files: usize,
    /// Bytes of every file written.
    pub bytes: u64,
    /// Plans with a planted finding (one each).
    pub planted: usize,
}

/// A finding put into a plan on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plant {
    LooserThreshold,
    LaterDeadline,
    MissingAdoption,
    UnknownField,
    Threshold,
}

impl Plant {
    pub const ALL: [Plant; 5] = [
        Plant::LooserThreshold,
        Plant::LaterDeadline,
        Plant::MissingAdoption,
        Plant::UnknownField,
        Plant::Threshold,
    ];

    /// The `kh check` rule it triggers.
    pub fn rule(self) -> &'static str {
        match self {
            Plant::LooserThreshold => "looser-threshold",
            Plant::LaterDeadline => "later-deadline",
            Plant::MissingAdoption => "missing-adoption",
            Plant::UnknownField => "unknown-field",
            Plant::Threshold => "threshold",
        }
    }
}

// ---------------------------------------------------------------------------
// A tiny seeded PRNG (splitmix64): no dependency, same numbers everywhere.

#[derive(Debug, Clone)]
struct Rng(u64);

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Rng {
    /// An independent stream for one purpose (`tag`) under one seed.
    fn derive(seed: u64, tag: &str) -> Rng {
        let mut r = Rng(seed ^ fnv(tag).rotate_left(17));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// lo..=hi.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------
// Levels, metrics, thresholds, deadlines.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Lvl {
    National,
    Province,
    Commune,
    School,
}

impl Lvl {
    fn key(self) -> &'static str {
        match self {
            Lvl::National => "national",
            Lvl::Province => "province",
            Lvl::Commune => "commune",
            Lvl::School => "school",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    /// Percent, higher is better, thresholds drawn in lo..=hi.
    Pct(u32, u32),
    /// Percent, lower is better (a ceiling), drawn in lo..=hi.
    PctMax(u32, u32),
    Count(&'static str, u32, u32),
    Level(u32, u32),
    Yes,
}

#[derive(Debug, Clone, Copy)]
struct Metric {
    key: &'static str,
    name: &'static str,
    unit: Unit,
    area: usize,
    /// The level whose own plans introduce it.
    home: Lvl,
    /// Passed down to communes and schools.
    cascade: bool,
    /// Per segment (vùng) at national and province level.
    seg: bool,
}

const fn m(
    key: &'static str,
    home: Lvl,
    area: usize,
    cascade: bool,
    unit: Unit,
    name: &'static str,
) -> Metric {
    Metric {
        key,
        name,
        unit,
        area,
        home,
        cascade,
        seg: false,
    }
}

const fn seg(x: Metric) -> Metric {
    Metric { seg: true, ..x }
}

const AREAS: [&str; 7] = [
    "Về công tác lãnh đạo, chỉ đạo điều hành, truyền thông",
    "Về hạ tầng số",
    "Về phát triển nguồn lực số",
    "Về phát triển dữ liệu số",
    "Về đổi mới phương thức dạy và học",
    "Về chính quyền số, kinh tế số, xã hội số",
    "Về bảo đảm an toàn, an ninh mạng",
];

const ROMAN: [&str; 8] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

use Lvl::{Commune as C, National as N, Province as P, School as S};
use Unit::{Count, Level, Pct, PctMax, Yes};

const ISSUING: &str = "schools-issuing-plan";

#[rustfmt::skip]
static METRICS: &[Metric] = &[
    // --- national: the sector's targets, carried down to every school
    m("schools-stem-activities", N, 4, true, Pct(50, 80), "Tỷ lệ cơ sở giáo dục từ tiểu học đến phổ thông tổ chức các hoạt động giáo dục STEM/STEAM và kỹ năng số"),
    seg(m("students-online-learning-ready", N, 1, true, Pct(60, 90), "Tỷ lệ học sinh có đủ điều kiện về phương tiện, đường truyền, phần mềm để tham gia có hiệu quả các hoạt động dạy và học trực tuyến")),
    m("teachers-online-teaching-ready", N, 1, true, Pct(80, 100), "Tỷ lệ nhà giáo có đủ điều kiện về phương tiện, đường truyền, phần mềm để tham gia có hiệu quả các hoạt động dạy và học trực tuyến"),
    m("students-using-domestic-online-platforms", N, 4, true, Pct(50, 75), "Tỷ lệ học sinh sử dụng các nền tảng dạy và học trực tuyến là sản phẩm trong nước"),
    m("curriculum-covered-by-digital-materials", N, 4, false, Pct(50, 70), "Tỷ lệ nội dung chương trình giáo dục phổ thông được kho học liệu số đáp ứng yêu cầu về tài liệu học tập"),
    seg(m("online-curriculum-share", N, 4, true, Pct(5, 15), "Tỉ trọng nội dung chương trình giáo dục phổ thông được triển khai dưới hình thức trực tuyến")),
    m("schools-using-school-management-system", N, 3, true, Pct(90, 100), "Tỷ lệ cơ sở giáo dục áp dụng hệ thống (phần mềm) quản trị nhà trường dựa trên dữ liệu và công nghệ số"),
    m("learners-with-digital-record", N, 3, true, Pct(90, 100), "Tỷ lệ người học được quản lý bằng hồ sơ số, định danh thống nhất toàn quốc"),
    m("teachers-with-digital-record", N, 3, true, Pct(90, 100), "Tỷ lệ nhà giáo được quản lý bằng hồ sơ số, định danh thống nhất toàn quốc"),
    m("education-resources-managed-digitally", N, 3, true, Pct(60, 85), "Tỷ lệ cơ sở vật chất, thiết bị và các nguồn lực giáo dục được quản lý bằng hồ sơ số, trên môi trường số"),
    m("sector-database-connected", N, 3, false, Yes, "Cơ sở dữ liệu ngành được xây dựng, kết nối thông suốt với cơ sở giáo dục, cơ quan quản lý giáo dục và các cơ sở dữ liệu quốc gia"),
    m("work-files-processed-digitally", N, 5, false, Pct(70, 90), "Tỷ lệ hồ sơ công việc của cơ quan quản lý giáo dục được giao dịch và giải quyết trên môi trường số (trừ hồ sơ mật)"),
    m("admin-procedures-online-level-3-4", N, 5, false, Pct(90, 100), "Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến mức độ 3, 4"),
    m("admin-files-processed-online", N, 5, false, Pct(50, 80), "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến trên tổng số hồ sơ"),
    m("learner-parent-satisfaction-online-services", N, 5, true, Pct(70, 85), "Tỷ lệ người học, phụ huynh hài lòng về chất lượng dịch vụ trực tuyến của các cơ quan quản lý giáo dục"),
    m("citizen-satisfaction-online-public-services", N, 5, false, Pct(70, 85), "Tỷ lệ tổ chức, cá nhân hài lòng về chất lượng dịch vụ công trực tuyến của các cơ quan quản lý giáo dục"),
    m("students-grade9-12-with-personal-id", N, 3, true, Pct(95, 100), "Tỷ lệ học sinh từ lớp 9 đến lớp 12 được cập nhật mã định danh cá nhân trên CSDL ngành"),
    m("learners-data-complete-in-sector-db", N, 3, true, Pct(95, 100), "Tỷ lệ trẻ em mầm non, học sinh, học viên được cập nhật đầy đủ thông tin theo quy định lên CSDL ngành"),
    m("schools-using-sector-db-for-management", N, 3, true, Pct(70, 90), "Tỷ lệ cơ sở giáo dục phổ thông sử dụng CSDL ngành để phát triển ứng dụng quản trị trường học, lập báo cáo, kế hoạch"),
    m("schools-with-online-teaching-regulation", N, 4, true, Pct(90, 100), "Tỷ lệ cơ sở giáo dục phổ thông, thường xuyên có kế hoạch, quy chế tổ chức dạy học trực tuyến"),
    m("schools-integrating-digital-content", N, 4, true, Pct(60, 90), "Tỷ lệ cơ sở giáo dục có nội dung chuyển đổi số được lồng ghép, tích hợp trong chương trình giảng dạy"),
    m("schools-with-lms", N, 4, true, Pct(40, 70), "Tỷ lệ cơ sở giáo dục triển khai hệ thống quản lý học tập trực tuyến (LMS/LCMS)"),
    m("lessons-with-digitised-materials", N, 4, true, Pct(30, 60), "Tỷ lệ bài học, môn học có học liệu được số hóa tại mỗi cơ sở giáo dục"),
    m("digital-transformation-models", N, 0, true, Count("mô hình", 1, 2), "Mô hình trường học chuyển đổi số điển hình"),
    m("schools-with-electronic-records", N, 3, true, Pct(90, 100), "Tỷ lệ cơ sở giáo dục triển khai sổ điểm điện tử, học bạ điện tử, sổ sách điện tử"),
    m("schools-assessing-dt-level", N, 0, true, Pct(95, 100), "Tỷ lệ cơ sở giáo dục đánh giá mức độ chuyển đổi số theo Quyết định 4725/QĐ-BGDĐT"),
    seg(m("schools-dt-level-2-plus", N, 0, true, Pct(40, 70), "Tỷ lệ cơ sở giáo dục đạt mức độ chuyển đổi số 2 trở lên")),
    m("staff-briefed-on-information-security", N, 6, true, Pct(90, 100), "Tỷ lệ cán bộ, công chức, viên chức được tuyên truyền, phổ biến kỹ năng cơ bản bảo đảm an toàn thông tin"),
    m("diploma-issuance-records-digitised", N, 3, false, Pct(70, 100), "Tỷ lệ hồ sơ quản lý cấp bằng tốt nghiệp THCS, THPT được số hóa"),
    m("schools-accepting-cashless-fees", N, 5, true, Pct(90, 100), "Tỷ lệ cơ sở giáo dục chấp nhận thu học phí và các khoản thu dịch vụ bằng phương thức thanh toán không dùng tiền mặt"),
    m("fees-collected-cashless", N, 5, true, Pct(60, 85), "Tỷ lệ số tiền học phí và các khoản thu dịch vụ thực hiện bằng phương thức thanh toán không dùng tiền mặt"),
    m("upper-secondary-schools-online-admission", N, 5, false, Pct(90, 100), "Tỷ lệ trường có cấp THPT triển khai đăng ký tuyển sinh lớp 10 trực tuyến"),
    m("primary-lower-secondary-online-admission", N, 5, true, Pct(80, 100), "Tỷ lệ trường tiểu học, THCS triển khai đăng ký tuyển sinh lớp 1, lớp 6 bằng hình thức trực tuyến"),
    m("teachers-digital-signature", N, 1, true, Pct(50, 80), "Tỷ lệ nhà giáo, cán bộ quản lý được cấp chứng thư chữ ký số, chứng thư chữ ký điện tử"),
    m("teachers-trained-digital-teaching", N, 2, true, Pct(90, 100), "Tỷ lệ nhà giáo được tập huấn kỹ năng cơ bản về dạy – học trên nền tảng số"),
    m("teachers-using-ai", N, 2, true, Pct(15, 30), "Tỷ lệ cán bộ, giáo viên ứng dụng AI vào đổi mới phương pháp dạy học và kiểm tra đánh giá"),
    m("pupils-digital-school-records", N, 3, true, Pct(90, 100), "Tỷ lệ học sinh được cấp phát và sử dụng Học bạ số"),
    m("school-websites-connected", N, 0, true, Pct(90, 100), "Tỷ lệ trang thông tin điện tử của cơ sở giáo dục kết nối liên thông với cổng thông tin điện tử của Sở GDĐT, có chuyên mục về chuyển đổi số"),
    m("staff-digital-skills-mastery", N, 2, true, Pct(80, 90), "Tỷ lệ cán bộ, công chức, viên chức làm chủ được kỹ năng số ứng dụng công nghệ trong quản lý điều hành"),
    m("digitised-learning-materials", N, 4, true, Pct(15, 30), "Tỷ lệ học liệu trong chương trình giáo dục phổ thông được số hóa"),
    m("schools-using-sector-database", N, 3, true, Pct(95, 100), "Tỷ lệ cơ sở giáo dục triển khai phần mềm quản trị nhà trường, hệ thống cơ sở dữ liệu ngành giáo dục và đào tạo"),
    m("schools-licensed-antivirus-backup", N, 6, true, Pct(70, 95), "Tỷ lệ trường học sử dụng phần mềm diệt virus có bản quyền, thường xuyên sao lưu dữ liệu quan trọng"),
    m("info-systems-security-approved", N, 6, false, Pct(80, 100), "Tỷ lệ hệ thống thông tin được phê duyệt hồ sơ đề xuất cấp độ an toàn thông tin và được kiểm tra, đánh giá định kỳ"),
    m("vendor-personal-data-access-controlled", N, 6, true, Yes, "Kiểm soát chặt chẽ, không để doanh nghiệp cung cấp phần mềm tiếp cận dữ liệu cá nhân khi chưa được phép"),
    m("school-dt-maturity-level", N, 0, true, Level(1, 2), "Mức độ chuyển đổi số của cơ sở giáo dục theo Quyết định 4725/QĐ-BGDĐT"),
    // --- province: the Sở's own targets
    m(ISSUING, P, 0, true, Pct(100, 100), "Tỷ lệ cơ sở giáo dục ban hành kế hoạch chuyển đổi số và triển khai hưởng ứng Ngày chuyển đổi số quốc gia, phong trào “Bình dân học vụ số”"),
    m("so-staff-official-signature", P, 1, false, Pct(90, 100), "Tỷ lệ cán bộ, công chức, viên chức tại cơ quan Sở GDĐT được cấp và sử dụng chữ ký số chuyên dùng công vụ"),
    m("staff-basic-digital-skills-training", P, 2, false, Pct(90, 100), "Tỷ lệ cán bộ, công chức tại Sở GDĐT được bồi dưỡng kỹ năng số cơ bản"),
    m("diploma-records-digitised", P, 3, false, Pct(70, 100), "Tỷ lệ dữ liệu văn bằng, chứng chỉ, bằng tốt nghiệp THPT từ sổ gốc được số hóa"),
    m("digitised-data-reuse", P, 3, false, Pct(85, 95), "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu đã được số hóa trong giải quyết thủ tục hành chính, dịch vụ công"),
    m("admin-records-digitised", P, 3, false, Pct(85, 95), "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa"),
    m("procedures-location-independent", P, 5, false, Pct(90, 100), "Tỷ lệ thủ tục hành chính được thực hiện không phụ thuộc vào địa giới hành chính trong phạm vi tỉnh"),
    m("business-procedures-online", P, 5, false, Pct(90, 100), "Tỷ lệ thủ tục hành chính liên quan đến đào tạo, nghiên cứu, sản xuất, kinh doanh được thực hiện trực tuyến"),
    m("full-online-public-services", P, 5, false, Pct(90, 100), "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện"),
    m("dossiers-processed-online", P, 5, false, Pct(80, 90), "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến"),
    m("electronic-results-issued", P, 5, false, Pct(85, 95), "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử"),
    m("online-payment", P, 5, false, Pct(75, 85), "Tỷ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính, dịch vụ công"),
    m("citizen-satisfaction", P, 5, false, Pct(85, 95), "Tỷ lệ người dân, doanh nghiệp hài lòng trong việc thực hiện thủ tục hành chính, cung cấp dịch vụ công"),
    m("work-records-fully-electronic", P, 5, false, Pct(60, 80), "Tỷ lệ văn bản, hồ sơ công việc được xử lý toàn trình trên môi trường điện tử"),
    m("reports-on-reporting-system", P, 5, false, Pct(90, 100), "Tỷ lệ chế độ báo cáo được thực hiện trên Hệ thống thông tin báo cáo"),
    m("overdue-dossiers", P, 5, false, PctMax(2, 5), "Tỷ lệ hồ sơ thủ tục hành chính giải quyết quá hạn"),
    m("cashless-fee-collection", P, 5, true, Pct(90, 100), "Tỷ lệ cơ sở giáo dục công lập triển khai các khoản thu không dùng tiền mặt"),
    m("schools-using-digital-apps", P, 4, true, Pct(90, 100), "Tỷ lệ cơ sở giáo dục triển khai các phần mềm, ứng dụng công nghệ số phục vụ quản lý, quản trị và tổ chức dạy học"),
    m("pupils-trained-digital-platforms", P, 2, true, Pct(50, 70), "Tỷ lệ học sinh phổ thông được tập huấn kỹ năng cơ bản về dạy – học trên nền tảng số"),
    m("school-staff-digital-signature", P, 1, true, Pct(50, 75), "Tỷ lệ nhân viên trường học được cấp chứng thư chữ ký số, chứng thư chữ ký điện tử"),
    m("digital-transformation-school-clusters", P, 0, false, Count("cụm trường", 1, 3), "Cụm trường “chuyển đổi số” trên địa bàn tỉnh"),
    // --- commune: the ward's own targets
    m("ward-dt-steering-committee", C, 0, false, Yes, "Kiện toàn Ban chỉ đạo chuyển đổi số ngành giáo dục cấp xã, phân công thành viên phụ trách từng cơ sở giáo dục"),
    m("community-digital-learning-points", C, 2, false, Count("điểm", 1, 4), "Điểm hỗ trợ người dân học tập kỹ năng số “Bình dân học vụ số” tại nhà văn hóa thôn, tổ dân phố"),
    m("parents-using-school-apps", C, 5, true, Pct(60, 85), "Tỷ lệ cha mẹ học sinh sử dụng ứng dụng liên lạc, thanh toán điện tử với nhà trường"),
    m("classrooms-with-broadband", C, 1, true, Pct(70, 100), "Tỷ lệ phòng học có kết nối Internet băng thông rộng"),
    m("smart-classrooms", C, 1, true, Pct(10, 30), "Tỷ lệ phòng học thông minh, phòng học được trang bị màn hình tương tác"),
    m("it-dt-officer", C, 0, true, Pct(90, 100), "Tỷ lệ cơ sở giáo dục có cán bộ phụ trách công nghệ thông tin, chuyển đổi số"),
    m("dt-communication-activity", C, 0, true, Pct(90, 100), "Tỷ lệ đơn vị tổ chức ít nhất 01 hoạt động tuyên truyền về chuyển đổi số"),
    m("binh-dan-hoc-vu-so-participation", C, 2, true, Pct(80, 100), "Tỷ lệ cán bộ, giáo viên, nhân viên tham gia phong trào “Bình dân học vụ số”"),
    m("students-basic-digital-skills", C, 2, true, Pct(60, 85), "Tỷ lệ học sinh được trang bị kỹ năng số cơ bản"),
    m("managers-digital-training", C, 2, true, Pct(90, 100), "Tỷ lệ cán bộ quản lý được bồi dưỡng nâng cao năng lực số"),
    m("data-shared-city-warehouse", C, 3, false, Pct(50, 80), "Tỷ lệ dữ liệu giáo dục được kết nối, chia sẻ với Kho dữ liệu dùng chung của tỉnh"),
    m("ward-admin-dossiers-online", C, 5, false, Pct(80, 95), "Tỷ lệ hồ sơ thủ tục hành chính lĩnh vực giáo dục cấp xã được tiếp nhận, giải quyết trực tuyến"),
    // --- school: the school's own targets
    m("records-processed-electronically", S, 5, false, Pct(90, 100), "Tỷ lệ hồ sơ công việc được xử lý trên môi trường điện tử (trừ hồ sơ mật)"),
    m("documents-exchanged-electronically", S, 5, false, Pct(90, 100), "Tỷ lệ văn bản trao đổi giữa nhà trường và các cơ quan dưới dạng điện tử"),
    m("staff-using-digital-signature", S, 1, false, Pct(80, 100), "Tỷ lệ cán bộ quản lý, giáo viên sử dụng chữ ký số"),
    m("dt-self-assessment", S, 0, false, Pct(100, 100), "Nhà trường thực hiện tự đánh giá mức độ chuyển đổi số"),
    m("internal-processes-digitised", S, 5, false, Pct(50, 80), "Tỷ lệ quy trình nội bộ được số hóa, tái cấu trúc"),
    m("student-records-standardised", S, 3, false, Pct(95, 100), "Tỷ lệ hồ sơ học sinh được chuẩn hóa, đồng bộ trên cơ sở dữ liệu ngành"),
    m("student-data-verified-national-db", S, 3, false, Pct(90, 100), "Tỷ lệ dữ liệu học sinh được xác thực với Cơ sở dữ liệu quốc gia về dân cư"),
    m("lms-deployed", S, 4, false, Pct(50, 100), "Nhà trường triển khai hệ thống quản lý học tập trực tuyến (LMS) cho các khối lớp"),
    m("teachers-using-digital-materials", S, 4, false, Pct(60, 90), "Tỷ lệ giáo viên sử dụng học liệu số trong giảng dạy"),
    m("online-assessment", S, 4, false, Pct(20, 40), "Tỷ lệ bài kiểm tra, đánh giá được tổ chức bằng hình thức trực tuyến (môn học phù hợp)"),
    m("ai-pilot", S, 4, false, Yes, "Thí điểm ứng dụng trí tuệ nhân tạo (AI) trong dạy học"),
    m("cashless-payment-rate", S, 5, false, Pct(80, 100), "Tỷ lệ giao dịch thu, chi trong trường học không dùng tiền mặt"),
    m("teachers-digital-skills-training", S, 2, false, Pct(90, 100), "Tỷ lệ giáo viên được tập huấn kỹ năng số"),
    m("e-contact-book", S, 5, false, Pct(80, 100), "Tỷ lệ lớp học sử dụng sổ liên lạc điện tử"),
    m("library-digitised", S, 3, false, Pct(20, 50), "Tỷ lệ đầu sách, tài liệu thư viện nhà trường được số hóa"),
    m("digital-lesson-plans", S, 4, false, Pct(50, 85), "Tỷ lệ giáo viên xây dựng kế hoạch bài dạy, bài giảng điện tử"),
];

const SEGMENTS: [(&str, &str); 3] = [
    ("thanh-thi", "vùng thành thị"),
    ("nong-thon", "vùng nông thôn"),
    (
        "mien-nui",
        "vùng dân tộc thiểu số, miền núi, vùng đặc biệt khó khăn",
    ),
];

fn metric_index(key: &str) -> usize {
    METRICS
        .iter()
        .position(|m| m.key == key)
        .unwrap_or_else(|| panic!("metric {key} not in the table"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Ge,
    Gt,
    Le,
    Lt,
}

/// A threshold, structured; rendered into one of the ways people write it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Val {
    Pct(Op, f64),
    Count(u32),
    Level(u32),
    Yes,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Plain(Val),
    /// By segment index into SEGMENTS.
    Seg(Vec<(usize, Val)>),
}

impl Value {
    fn for_segment(&self, s: Option<usize>) -> Val {
        match self {
            Value::Plain(v) => *v,
            Value::Seg(list) => list
                .iter()
                .find(|(k, _)| Some(*k) == s)
                .or(list.first())
                .map(|(_, v)| *v)
                .unwrap_or(Val::Yes),
        }
    }
}

/// A target deadline, always in 2026 except the 2030 horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    /// The last day of this month of 2026.
    End(u32),
    Ongoing,
    Horizon,
}

fn fresh_val(rng: &mut Rng, unit: Unit) -> Val {
    match unit {
        Pct(lo, hi) => {
            let steps = ((hi - lo) / 5) as usize;
            let v = lo + 5 * rng.range(0, steps) as u32;
            let v = v.min(hi);
            if v >= 100 {
                Val::Pct(Op::Ge, 100.0)
            } else {
                let op = if rng.chance(15) { Op::Gt } else { Op::Ge };
                Val::Pct(op, f64::from(v))
            }
        }
        PctMax(lo, hi) => {
            let v = rng.range(lo as usize, hi as usize) as f64;
            Val::Pct(if rng.chance(25) { Op::Lt } else { Op::Le }, v)
        }
        Count(_, lo, hi) => Val::Count(rng.range(lo as usize, hi as usize) as u32),
        Level(lo, hi) => Val::Level(rng.range(lo as usize, hi as usize) as u32),
        Yes => Val::Yes,
    }
}

/// A threshold inside `v`: equal or stricter.
fn stricter(rng: &mut Rng, v: Val) -> Val {
    match v {
        Val::Pct(op @ (Op::Ge | Op::Gt), x) => {
            if x >= 100.0 {
                return Val::Pct(Op::Ge, 100.0);
            }
            let bump = *rng.pick(&[0.0, 0.0, 0.0, 5.0, 5.0, 10.0]);
            let y = (x + bump).min(100.0);
            if y >= 100.0 {
                return Val::Pct(Op::Ge, 100.0);
            }
            let op = if y > x {
                if rng.chance(20) { Op::Gt } else { Op::Ge }
            } else if op == Op::Gt || rng.chance(10) {
                Op::Gt
            } else {
                Op::Ge
            };
            Val::Pct(op, y)
        }
        Val::Pct(op, x) => {
            let y = (x - *rng.pick(&[0.0, 0.0, 1.0])).max(1.0);
            let op = if y < x {
                if rng.chance(30) { Op::Lt } else { Op::Le }
            } else {
                op
            };
            Val::Pct(op, y)
        }
        Val::Count(n) => Val::Count(n + *rng.pick(&[0, 0, 1])),
        Val::Level(n) => Val::Level((n + *rng.pick(&[0, 0, 1])).min(3)),
        Val::Yes => Val::Yes,
    }
}

/// A threshold that accepts values `parent` does not: only for higher-is-better percents.
fn looser(rng: &mut Rng, parent: Val) -> Option<Val> {
    match parent {
        Val::Pct(Op::Gt, x) => Some(Val::Pct(Op::Ge, x)),
        Val::Pct(Op::Ge, x) if x >= 10.0 => {
            let d = *rng.pick(&[5.0, 10.0, 15.0]);
            Some(Val::Pct(Op::Ge, (x - d).max(1.0)))
        }
        _ => None,
    }
}

/// The date a child is compared with: a parent target's own deadline, the
/// period's end when it has none, `None` when in force throughout.
fn parent_month(due: Option<Due>) -> Option<u32> {
    match due {
        None => Some(12),
        Some(Due::End(m)) => Some(m),
        Some(Due::Ongoing) => None,
        Some(Due::Horizon) => Some(12),
    }
}

/// A child's deadline: inherited, or the parent's day written another way.
fn child_due(rng: &mut Rng, parent: Option<Due>) -> Option<Due> {
    if rng.chance(40) {
        return None;
    }
    match parent_month(parent) {
        Some(m) => Some(Due::End(m)),
        None if rng.chance(85) => Some(Due::Ongoing),
        None => Some(Due::End(12)),
    }
}

fn fresh_due(rng: &mut Rng) -> Option<Due> {
    match rng.below(10) {
        0..=1 => None,
        2..=3 => Some(Due::Ongoing),
        _ => Some(Due::End(*rng.pick(&[6, 8, 9, 10, 11, 12, 12, 12]))),
    }
}

// ---------------------------------------------------------------------------
// Rendering thresholds and deadlines the ways officials write them.

fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}").replace('.', ",")
    }
}

fn phrase(rng: &mut Rng, v: Val, unit: Unit, ratio: Option<u32>) -> String {
    match v {
        Val::Pct(Op::Ge, x) if x >= 100.0 => {
            if let Some(n) = ratio.filter(|_| rng.chance(40)) {
                return format!("{n}/{n} trường");
            }
            rng.pick(&["100%", "Đạt 100%", "= 100%", "100%"])
                .to_string()
        }
        Val::Pct(Op::Ge, x) => {
            let x = num(x);
            match rng.below(9) {
                0 => format!("tối thiểu {x}%"),
                1 => format!("ít nhất {x}%"),
                2 => format!("từ {x}%"),
                3 => format!("Đạt tối thiểu {x}%"),
                4 => format!("≥{x}%"),
                5 => format!(">= {x}%"),
                6 => format!("Đạt {x}%"),
                7 => format!("{x}%"),
                _ => format!("{x}% trở lên"),
            }
        }
        Val::Pct(Op::Gt, x) => {
            let x = num(x);
            match rng.below(4) {
                0 => format!("trên {x}%"),
                1 => format!("hơn {x}%"),
                2 => format!("> {x}%"),
                _ => format!("Đạt trên {x}%"),
            }
        }
        Val::Pct(Op::Le, x) => {
            let x = num(x);
            match rng.below(4) {
                0 => format!("tối đa {x}%"),
                1 => format!("không quá {x}%"),
                2 => format!("<= {x}%"),
                _ => format!("{x}%"),
            }
        }
        Val::Pct(Op::Lt, x) => {
            let x = num(x);
            if rng.chance(70) {
                format!("dưới {x}%")
            } else {
                format!("< {x}%")
            }
        }
        Val::Count(n) => {
            let noun = match unit {
                Count(noun, ..) => noun,
                _ => "",
            };
            match rng.below(3) {
                0 => format!("{n:02} {noun}"),
                1 => format!("tối thiểu {n:02} {noun}"),
                _ => format!("ít nhất {n:02} {noun}"),
            }
        }
        Val::Level(n) => match rng.below(3) {
            0 => format!("Mức độ {n} trở lên"),
            1 => format!("mức độ {n}"),
            _ => format!("tối thiểu mức độ {n}"),
        },
        Val::Yes => rng.pick(&["yes", "có", "Có"]).to_string(),
    }
}

fn month_end_day(m: u32) -> u32 {
    match m {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn due_phrase(rng: &mut Rng, d: Due) -> String {
    match d {
        Due::Ongoing => rng
            .pick(&["Thường xuyên", "Thường xuyên", "Thường xuyên, liên tục"])
            .to_string(),
        Due::Horizon => rng.pick(&["Năm 2030", "2030", "Đến năm 2030"]).to_string(),
        Due::End(m) => {
            let mut forms = vec![
                format!("Tháng {m}/{YEAR}"),
                format!("Tháng {m}/{YEAR}"),
                format!("Tháng {m} năm {YEAR}"),
                format!("Trước ngày {}/{m}/{YEAR}", month_end_day(m)),
                format!("{YEAR}-{m:02}"),
            ];
            if m % 3 == 0 {
                let q = ROMAN[(m / 3 - 1) as usize];
                forms.push(format!("Quý {q}/{YEAR}"));
                forms.push(format!("Quý {q}/{YEAR}"));
                forms.push(format!("Quý {q} năm {YEAR}"));
                forms.push(format!("Q{}/{YEAR}", m / 3));
            }
            if m == 12 {
                forms.push(format!("Năm {YEAR}"));
                forms.push(format!("Trong năm {YEAR}"));
            }
            rng.pick(&forms).clone()
        }
    }
}

const SCHOOL_REPORT_DUES: [&str; 3] = [
    "Hàng quý",
    "hằng quý, trước ngày 10 tháng cuối quý",
    "hằng tháng",
];

const TASK_DUES: &[&str] = &[
    "Quý II/2026",
    "Quý III/2026",
    "Quý IV/2026",
    "Quý IV năm 2026",
    "Quý II, III",
    "Quý II-III",
    "Quý III-IV",
    "Năm 2026",
    "Tháng 9/2026",
    "Tháng 10/2026",
    "Tháng 12/2026",
    "Trước ngày 30/9/2026",
    "Trước ngày 15/6/2026",
    "Thường xuyên",
    "Thường xuyên",
    "Hằng quý",
    "Đảm bảo tiến độ theo quy định của Bộ",
    "2026-10",
    "Q3/2026",
];

// ---------------------------------------------------------------------------
// The country: 34 provinces and their communes (2025 boundaries; counts as published).

struct ProvinceInfo {
    name: &'static str,
    slug: &'static str,
    city: bool,
    communes: u32,
    mountain: bool,
    zones: &'static [&'static str],
}

const fn pv(
    name: &'static str,
    slug: &'static str,
    city: bool,
    communes: u32,
    mountain: bool,
    zones: &'static [&'static str],
) -> ProvinceInfo {
    ProvinceInfo {
        name,
        slug,
        city,
        communes,
        mountain,
        zones,
    }
}

#[rustfmt::skip]
static PROVINCES: [ProvinceInfo; 34] = [
    pv("Hà Nội", "ha-noi", true, 126, false, &[]),
    pv("Huế", "hue", true, 40, false, &[]),
    pv("Lai Châu", "lai-chau", false, 38, true, &[]),
    pv("Điện Biên", "dien-bien", false, 45, true, &[]),
    pv("Sơn La", "son-la", false, 75, true, &[]),
    pv("Lạng Sơn", "lang-son", false, 65, true, &[]),
    pv(
        "Quảng Ninh",
        "quang-ninh",
        false,
        54,
        false,
        &["Vân Đồn", "Cô Tô"],
    ),
    pv("Thanh Hóa", "thanh-hoa", false, 166, false, &[]),
    pv("Nghệ An", "nghe-an", false, 130, false, &[]),
    pv("Hà Tĩnh", "ha-tinh", false, 69, false, &[]),
    pv("Cao Bằng", "cao-bang", false, 56, true, &[]),
    pv("Tuyên Quang", "tuyen-quang", false, 124, true, &[]),
    pv("Lào Cai", "lao-cai", false, 99, true, &[]),
    pv("Thái Nguyên", "thai-nguyen", false, 92, true, &[]),
    pv("Phú Thọ", "phu-tho", false, 148, true, &[]),
    pv("Bắc Ninh", "bac-ninh", false, 99, false, &[]),
    pv("Hưng Yên", "hung-yen", false, 104, false, &[]),
    pv(
        "Hải Phòng",
        "hai-phong",
        true,
        114,
        false,
        &["Cát Hải", "Bạch Long Vĩ"],
    ),
    pv("Ninh Bình", "ninh-binh", false, 129, false, &[]),
    pv("Quảng Trị", "quang-tri", false, 78, false, &["Cồn Cỏ"]),
    pv("Đà Nẵng", "da-nang", true, 94, false, &["Hoàng Sa"]),
    pv("Quảng Ngãi", "quang-ngai", false, 96, false, &["Lý Sơn"]),
    pv("Gia Lai", "gia-lai", false, 135, true, &[]),
    pv("Khánh Hòa", "khanh-hoa", false, 65, false, &["Trường Sa"]),
    pv("Lâm Đồng", "lam-dong", false, 124, true, &["Phú Quý"]),
    pv("Đắk Lắk", "dak-lak", false, 102, true, &[]),
    pv("Hồ Chí Minh", "ho-chi-minh", true, 168, false, &["Côn Đảo"]),
    pv("Đồng Nai", "dong-nai", false, 95, false, &[]),
    pv("Tây Ninh", "tay-ninh", false, 96, false, &[]),
    pv("Cần Thơ", "can-tho", true, 103, false, &[]),
    pv("Vĩnh Long", "vinh-long", false, 124, false, &[]),
    pv("Đồng Tháp", "dong-thap", false, 102, false, &[]),
    pv("Cà Mau", "ca-mau", false, 64, false, &[]),
    pv(
        "An Giang",
        "an-giang",
        false,
        102,
        false,
        &["Phú Quốc", "Kiên Hải", "Thổ Châu"],
    ),
];

#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "An", "Bình", "Hòa", "Tân", "Phú", "Thạnh", "Long", "Mỹ", "Đông", "Tây", "Nam", "Bắc",
    "Trung", "Thượng", "Hạ", "Phước", "Thịnh", "Hưng", "Yên", "Lạc", "Quang", "Minh", "Đức",
    "Thuận", "Hiệp", "Lợi", "Sơn", "Thủy", "Lâm", "Tiến", "Thành", "Xuân", "Hải", "Vĩnh", "Kim",
    "Ngọc", "Cẩm", "Tam", "Chúc", "Đồng", "Cao", "Hợp", "Phong", "Khánh", "Lộc", "Thái", "Hà",
    "Gia", "Văn", "Nghĩa", "Hồng", "Liên", "Quế", "Trà", "Châu", "Điền", "Định", "Hậu", "Tường",
    "Vân", "Phúc", "Thọ", "Cát", "Dương", "Lương", "Tùng", "Hội", "Mai",
];

#[rustfmt::skip]
const HILL_SYLLABLES: &[&str] = &[
    "Mường", "Nậm", "Pa", "Sìn", "Bản", "Mù", "Tà", "Na", "Pác", "Khau", "Lũng", "Phìn", "Xín",
    "Hồ", "Tè", "Chải", "Cang", "Nhùn", "Lầu", "Pắc", "Lùng", "Thàng", "Mạ", "Chiềng", "Púng",
];

#[rustfmt::skip]
const SCHOOL_NAMES: &[&str] = &[
    "Kim Đồng", "Lê Văn Tám", "Võ Thị Sáu", "Nguyễn Du", "Lê Lợi", "Trần Phú", "Chu Văn An",
    "Nguyễn Trãi", "Lê Quý Đôn", "Trần Hưng Đạo", "Quang Trung", "Nguyễn Văn Trỗi", "Lý Tự Trọng",
    "Phan Bội Châu", "Nguyễn Bỉnh Khiêm", "Ngô Quyền", "Hai Bà Trưng", "Nguyễn Khuyến",
    "Tô Hiến Thành", "Đoàn Thị Điểm", "Lương Thế Vinh", "Nguyễn Huệ", "Lý Thường Kiệt",
];

#[rustfmt::skip]
const KINDERGARTEN_NAMES: &[&str] = &[
    "Hoa Sen", "Họa Mi", "Sơn Ca", "Hoa Mai", "Hướng Dương", "Tuổi Thơ", "Măng Non", "Sao Mai",
    "Bình Minh", "Hoa Hồng", "Búp Sen Hồng", "Ánh Dương", "Vành Khuyên", "Hoa Ban",
];

/// ASCII slug of a Vietnamese name: "Tân Phú" → "tan-phu".
fn slug(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfd() {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'd',
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommuneKind {
    Xa,
    Phuong,
    DacKhu,
}

impl CommuneKind {
    fn word(self) -> &'static str {
        match self {
            CommuneKind::Xa => "xã",
            CommuneKind::Phuong => "phường",
            CommuneKind::DacKhu => "đặc khu",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SchoolKind {
    MamNon,
    TieuHoc,
    Thcs,
    LienCap,
    Thpt,
}

impl SchoolKind {
    fn title(self) -> &'static str {
        match self {
            SchoolKind::MamNon => "Trường Mầm non",
            SchoolKind::TieuHoc => "Trường Tiểu học",
            SchoolKind::Thcs => "Trường THCS",
            SchoolKind::LienCap => "Trường Tiểu học và THCS",
            SchoolKind::Thpt => "Trường THPT",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            SchoolKind::MamNon => "mn",
            SchoolKind::TieuHoc => "th",
            SchoolKind::Thcs => "thcs",
            SchoolKind::LienCap => "th-thcs",
            SchoolKind::Thpt => "thpt",
        }
    }

    fn abbr(self) -> &'static str {
        match self {
            SchoolKind::MamNon => "MN",
            SchoolKind::TieuHoc => "TH",
            SchoolKind::Thcs => "THCS",
            SchoolKind::LienCap => "TH&THCS",
            SchoolKind::Thpt => "THPT",
        }
    }
}

struct SchoolSk {
    name: String,
    slug: String,
    kind: SchoolKind,
    index: usize,
}

struct CommuneSk {
    name: String,
    slug: String,
    kind: CommuneKind,
    segment: usize,
    schools: Vec<SchoolSk>,
    index: usize,
}

struct ProvinceSk {
    info: &'static ProvinceInfo,
    communes: Vec<CommuneSk>,
    index: usize,
}

/// Provinces, communes and schools at this scale, with plan indices in tree order.
fn skeleton(opts: &Options) -> (Vec<ProvinceSk>, usize) {
    let s = f64::from(opts.scale) / 100.0;
    let np = ((34.0 * s).round() as usize).clamp(1, 34);
    let total: u32 = PROVINCES.iter().map(|p| p.communes).sum();
    let nc = ((f64::from(total) * s).round() as usize).max(np);
    let chosen: Vec<&ProvinceInfo> = (0..np).map(|i| &PROVINCES[i * 34 / np]).collect();
    // Largest remainder, at least one commune each.
    let weight: u32 = chosen.iter().map(|p| p.communes).sum();
    let exact: Vec<f64> = chosen
        .iter()
        .map(|p| nc as f64 * f64::from(p.communes) / f64::from(weight))
        .collect();
    let mut counts: Vec<usize> = exact.iter().map(|x| (x.floor() as usize).max(1)).collect();
    let mut order: Vec<usize> = (0..np).collect();
    order.sort_by(|a, b| {
        let fa = exact[*a] - exact[*a].floor();
        let fb = exact[*b] - exact[*b].floor();
        fb.total_cmp(&fa).then(a.cmp(b))
    });
    let mut k = 0;
    while counts.iter().sum::<usize>() < nc {
        counts[order[k % np]] += 1;
        k += 1;
    }
    let mut index = 1; // 0 is the national plan
    let mut provinces = Vec::new();
    for (info, n) in chosen.into_iter().zip(counts) {
        let mut rng = Rng::derive(opts.seed, &format!("skeleton/{}", info.slug));
        let pindex = index;
        index += 1;
        let mut used = std::collections::HashSet::new();
        let mut communes = Vec::new();
        for c in 0..n {
            let zone = info
                .zones
                .get(c.wrapping_sub(n.saturating_sub(info.zones.len())))
                .filter(|_| c + info.zones.len() >= n);
            let (name, kind) = match zone {
                Some(z) if used.insert(slug(z)) => (z.to_string(), CommuneKind::DacKhu),
                _ => {
                    let kind = if rng.chance(if info.city { 45 } else { 15 }) {
                        CommuneKind::Phuong
                    } else {
                        CommuneKind::Xa
                    };
                    let mut name;
                    let mut tries = 0;
                    loop {
                        let first = if info.mountain && kind == CommuneKind::Xa && rng.chance(60) {
                            rng.pick(HILL_SYLLABLES)
                        } else {
                            rng.pick(SYLLABLES)
                        };
                        let second = rng.pick(SYLLABLES);
                        name = format!("{first} {second}");
                        tries += 1;
                        if tries > 50 {
                            name = format!("{name} {c}");
                        }
                        if first != second && used.insert(slug(&name)) {
                            break;
                        }
                    }
                    (name, kind)
                }
            };
            let segment = match kind {
                CommuneKind::Phuong => 0,
                CommuneKind::DacKhu => 2,
                CommuneKind::Xa if info.mountain && rng.chance(70) => 2,
                CommuneKind::Xa if rng.chance(12) => 2,
                CommuneKind::Xa => 1,
            };
            let cindex = index;
            index += 1;
            let n_schools = 6 + rng.below(15) + usize::from(kind == CommuneKind::Phuong);
            let schools = school_names(&mut rng, &name, n_schools, &mut index);
            communes.push(CommuneSk {
                slug: slug(&name),
                name,
                kind,
                segment,
                schools,
                index: cindex,
            });
        }
        provinces.push(ProvinceSk {
            info,
            communes,
            index: pindex,
        });
    }
    (provinces, index)
}

fn school_names(rng: &mut Rng, commune: &str, n: usize, index: &mut usize) -> Vec<SchoolSk> {
    let mut kinds = Vec::with_capacity(n);
    let mn = (n * 36).div_ceil(100);
    let th = (n * 36) / 100;
    for i in 0..n {
        kinds.push(if i < mn {
            SchoolKind::MamNon
        } else if i < mn + th {
            if rng.chance(8) {
                SchoolKind::LienCap
            } else {
                SchoolKind::TieuHoc
            }
        } else if i == n - 1 && n >= 12 && rng.chance(50) {
            SchoolKind::Thpt
        } else {
            SchoolKind::Thcs
        });
    }
    let mut used = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    for kind in kinds {
        let mut tries = 0;
        let name = loop {
            let base = match (tries, kind) {
                (0, _) => commune.to_string(),
                (_, SchoolKind::MamNon) if rng.chance(60) => {
                    rng.pick(KINDERGARTEN_NAMES).to_string()
                }
                (_, _) if rng.chance(50) => rng.pick(SCHOOL_NAMES).to_string(),
                _ => format!("{commune} số {}", tries + 1),
            };
            let name = format!("{} {base}", kind.title());
            tries += 1;
            if used.insert(slug(&name)) {
                break name;
            }
        };
        let s = format!(
            "{}-{}",
            kind.prefix(),
            slug(name.trim_start_matches(kind.title()))
        );
        out.push(SchoolSk {
            name,
            slug: s,
            kind,
            index: *index,
        });
        *index += 1;
    }
    out
}

/// One plant in each run of PLANT_EVERY plans, its kind in shuffled rounds of five.
fn plants(seed: u64, n: usize) -> Vec<Option<Plant>> {
    let mut rng = Rng::derive(seed, "plants");
    let mut out = vec![None; n];
    let mut round = Vec::new();
    let mut start = 0;
    while start < n {
        let len = PLANT_EVERY.min(n - start);
        if round.is_empty() {
            round = Plant::ALL.to_vec();
            rng.shuffle(&mut round);
        }
        out[start + rng.below(len)] = round.pop();
        start += PLANT_EVERY;
    }
    out
}

// ---------------------------------------------------------------------------
// Plans.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Adopted because the parent target binds this level.
    Bound,
    /// Adopted although not binding (a ward mirroring the Sở's own targets).
    Mirror,
    /// This body's own.
    Own,
}

#[derive(Debug, Clone)]
struct Target {
    metric: usize,
    value: Value,
    stretch: Option<f64>,
    due: Option<Due>,
    applies_to: Option<Vec<Lvl>>,
    lead: Vec<String>,
    implementers: Vec<String>,
    origin: Origin,
    id: String,
    /// Planted: written instead of the threshold.
    bad_threshold: Option<String>,
    /// Planted: an extra field.
    extra: Option<(String, String)>,
}

struct Task {
    id: String,
    text: String,
    lead: Vec<String>,
    cooperating: Vec<String>,
    product: Option<String>,
    due: Option<&'static str>,
    note: Option<String>,
    extra: Option<(String, String)>,
}

struct Reporting {
    what: String,
    from: Vec<String>,
    to: String,
    due: &'static str,
}

struct Plan {
    level: Lvl,
    id: String,
    /// Relative to the output directory, without extension: "ha-noi/so-gddt-2026".
    path: String,
    number: String,
    title: String,
    issuer: String,
    issued: String,
    /// The day of issue as a citation writes it.
    issued_cited: String,
    period: &'static str,
    parent: Option<String>,
    cites: Option<String>,
    segment: Option<usize>,
    declares_segments: bool,
    units: Vec<(String, String)>,
    reporting: Vec<Reporting>,
    targets: Vec<Target>,
    waivers: Vec<(usize, String)>,
    tasks: Vec<Task>,
    extra_top: Option<(String, String)>,
    /// "trên địa bàn tỉnh Ninh Bình", for target texts.
    scope: String,
    /// Number of schools below a commune: "13/13 trường".
    ratio: Option<u32>,
    /// The plan's school kind, for waivers.
    school: Option<SchoolKind>,
}

impl Plan {
    fn target_of(&self, metric: usize) -> Option<&Target> {
        self.targets.iter().find(|t| t.metric == metric)
    }
}

/// Whether a parent target must be carried by a child of `child` level (in 2026).
fn binds(parent: &Plan, t: &Target, child: Lvl) -> bool {
    let level_ok = match &t.applies_to {
        Some(l) => l.contains(&child),
        None => child > parent.level,
    };
    level_ok && t.due != Some(Due::Horizon)
}

fn new_target(metric: usize, value: Value, due: Option<Due>, origin: Origin) -> Target {
    Target {
        metric,
        value,
        stretch: None,
        due,
        applies_to: None,
        lead: Vec::new(),
        implementers: Vec::new(),
        origin,
        id: String::new(),
        bad_threshold: None,
        extra: None,
    }
}

fn fresh_value(rng: &mut Rng, mt: &Metric, segmented: bool) -> Value {
    let v = fresh_val(rng, mt.unit);
    if !(segmented && mt.seg) {
        return Value::Plain(v);
    }
    let Val::Pct(op, x) = v else {
        return Value::Plain(v);
    };
    let x = x.min(95.0);
    let lower = |f: f64| (x * f).round().max(1.0);
    Value::Seg(vec![
        (0, Val::Pct(op, x)),
        (1, Val::Pct(op, lower(0.85))),
        (2, Val::Pct(op, lower(0.6))),
    ])
}

fn stretch_for(rng: &mut Rng, v: &Value) -> Option<f64> {
    match v {
        Value::Plain(Val::Pct(Op::Ge | Op::Gt, x)) if *x <= 40.0 && rng.chance(50) => {
            Some((x + *rng.pick(&[15.0, 20.0, 25.0, 30.0])).min(100.0))
        }
        _ => None,
    }
}

/// A child's version of a parent target.
fn derive(rng: &mut Rng, pt: &Target, child: &Plan, origin: Origin) -> Target {
    let value = match &pt.value {
        Value::Plain(v) => Value::Plain(stricter(rng, *v)),
        Value::Seg(list) if child.declares_segments => {
            Value::Seg(list.iter().map(|(s, v)| (*s, stricter(rng, *v))).collect())
        }
        seg => Value::Plain(stricter(rng, seg.for_segment(child.segment))),
    };
    let mut t = new_target(pt.metric, value, child_due(rng, pt.due), origin);
    t.stretch = match (pt.stretch, &t.value) {
        (Some(s), Value::Plain(Val::Pct(_, x))) if s > *x => Some(s),
        _ => stretch_for(rng, &t.value),
    };
    t
}

const REASONS: &[&str] = &[
    "Chỉ tiêu do Sở GDĐT trực tiếp thực hiện, cấp xã phối hợp",
    "Trên địa bàn không có cơ sở giáo dục thuộc đối tượng của chỉ tiêu",
    "Đã hoàn thành trong năm 2025, tiếp tục duy trì, không giao thành chỉ tiêu năm 2026",
    "Thực hiện theo kế hoạch riêng của UBND tỉnh",
];

/// Why a school of this kind does not carry this metric, if it does not.
fn school_waiver(kind: SchoolKind, metric: &str) -> Option<&'static str> {
    match (kind, metric) {
        (SchoolKind::MamNon, "pupils-digital-school-records") => Some(
            "Giáo dục mầm non không sử dụng học bạ; trẻ được theo dõi bằng sổ theo dõi trẻ điện tử",
        ),
        (SchoolKind::MamNon, "primary-lower-secondary-online-admission") => {
            Some("Trường mầm non không tuyển sinh lớp 1, lớp 6")
        }
        (SchoolKind::MamNon | SchoolKind::TieuHoc, "students-grade9-12-with-personal-id") => {
            Some("Trường không có học sinh từ lớp 9 đến lớp 12")
        }
        (
            SchoolKind::MamNon,
            "schools-stem-activities"
            | "online-curriculum-share"
            | "students-online-learning-ready"
            | "students-using-domestic-online-platforms",
        ) => Some(
            "Chỉ tiêu áp dụng cho cơ sở giáo dục từ tiểu học trở lên; trẻ mầm non không học trực tuyến",
        ),
        (
            SchoolKind::MamNon,
            "pupils-trained-digital-platforms" | "students-basic-digital-skills",
        ) => Some("Trẻ mầm non không thuộc đối tượng tập huấn kỹ năng số"),
        (SchoolKind::Thpt, "primary-lower-secondary-online-admission") => {
            Some("Trường THPT tuyển sinh lớp 10 theo kế hoạch của Sở GDĐT")
        }
        _ => None,
    }
}

/// Adopts the parent's targets: every binding one (or waives it), and some others.
fn adopt(rng: &mut Rng, parent: &Plan, child: &mut Plan, mirror_percent: usize) {
    for pt in &parent.targets {
        if pt.due == Some(Due::Horizon) {
            continue;
        }
        let key = METRICS[pt.metric].key;
        if binds(parent, pt, child.level) {
            let school_reason = child.school.and_then(|k| school_waiver(k, key));
            if let Some(reason) = school_reason {
                child.waivers.push((pt.metric, reason.to_string()));
                continue;
            }
            if child.level != Lvl::School && key != ISSUING && rng.chance(1) {
                child
                    .waivers
                    .push((pt.metric, rng.pick(REASONS).to_string()));
                continue;
            }
            let t = derive(rng, pt, child, Origin::Bound);
            child.targets.push(t);
        } else if rng.chance(mirror_percent) {
            let t = derive(rng, pt, child, Origin::Mirror);
            child.targets.push(t);
        }
    }
}

/// Extra targets of the plan's own, with metrics its parent does not have.
fn extras(
    rng: &mut Rng,
    plan: &mut Plan,
    parent: Option<&Plan>,
    home: Lvl,
    want: usize,
    max: usize,
) {
    let taken = |plan: &Plan, i: usize| {
        plan.targets.iter().any(|t| t.metric == i)
            || plan.waivers.iter().any(|(w, _)| *w == i)
            || parent.is_some_and(|p| {
                p.targets.iter().any(|t| t.metric == i) || p.waivers.iter().any(|(w, _)| *w == i)
            })
    };
    let mut pool: Vec<usize> = (0..METRICS.len())
        .filter(|i| METRICS[*i].home == home && METRICS[*i].key != ISSUING)
        .collect();
    rng.shuffle(&mut pool);
    let mut added = 0;
    for i in pool {
        if added >= want || plan.targets.len() >= max {
            break;
        }
        if taken(plan, i) {
            continue;
        }
        let value = fresh_value(rng, &METRICS[i], plan.declares_segments);
        let mut t = new_target(i, value, fresh_due(rng), Origin::Own);
        t.stretch = stretch_for(rng, &t.value);
        plan.targets.push(t);
        added += 1;
    }
}

fn pick_units(rng: &mut Rng, keys: &[&str], lo: usize, hi: usize) -> Vec<String> {
    let mut k: Vec<&str> = keys.to_vec();
    rng.shuffle(&mut k);
    let n = rng.range(lo, hi.min(k.len()));
    k.into_iter().take(n).map(str::to_string).collect()
}

/// applies_to, lead and implementers, by level.
fn assign_roles(rng: &mut Rng, plan: &mut Plan) {
    let level = plan.level;
    for t in &mut plan.targets {
        let mt = &METRICS[t.metric];
        let down = mt.cascade && t.origin != Origin::Mirror;
        match level {
            Lvl::National => {
                t.applies_to = Some(vec![Lvl::Province]);
                t.lead = pick_units(
                    rng,
                    &["CNTT", "GDPT", "GDMN", "NGCBQLGD", "QLCL", "KHTC", "VP"],
                    1,
                    1,
                );
                t.implementers = vec!["province".into()];
            }
            Lvl::Province => {
                t.applies_to = if down {
                    if rng.chance(15) {
                        None
                    } else {
                        Some(vec![Lvl::Commune, Lvl::School])
                    }
                } else {
                    Some(vec![])
                };
                t.lead = pick_units(
                    rng,
                    &["VP", "KHTC", "TCCB", "GDMN", "GDPT", "GDNN-GDTX", "QLCL"],
                    1,
                    2,
                );
                t.implementers = if down {
                    let mut v = pick_units(rng, &["GDMN", "GDPT", "GDNN-GDTX"], 1, 3);
                    v.extend(["commune".to_string(), "school".to_string()]);
                    v
                } else {
                    vec!["CPTS".into()]
                };
            }
            Lvl::Commune => {
                t.applies_to = if down {
                    if rng.chance(15) {
                        None
                    } else {
                        Some(vec![Lvl::School])
                    }
                } else {
                    Some(vec![])
                };
                t.lead = vec!["VHXH".into()];
                t.implementers = if down {
                    vec!["school".into()]
                } else {
                    pick_units(rng, &["VHXH", "VP", "TTPVHCC"], 1, 2)
                };
            }
            Lvl::School => {
                t.applies_to = if rng.chance(35) { None } else { Some(vec![]) };
                t.lead = pick_units(rng, &["BGH", "BCDS"], 1, 1);
                t.implementers = pick_units(rng, &["TCM", "GV", "VP", "KT", "TV"], 1, 3);
            }
        }
    }
}

/// Sorts targets by area and numbers them as a document of that level does.
fn number_targets(plan: &mut Plan) {
    plan.targets.sort_by_key(|t| METRICS[t.metric].area);
    let mut area_rank = 0;
    let mut last_area = usize::MAX;
    let mut k = 0;
    for (n, t) in plan.targets.iter_mut().enumerate() {
        let area = METRICS[t.metric].area;
        if area != last_area {
            area_rank += 1;
            last_area = area;
            k = 0;
        }
        k += 1;
        t.id = match plan.level {
            Lvl::National => format!("1.{area_rank}.{k}"),
            Lvl::Province => format!("{}.{k}", ROMAN[area_rank - 1]),
            Lvl::Commune => format!("2.{area_rank}.{k}"),
            Lvl::School => format!("{}", n + 1),
        };
    }
}

const TASKS: &[&str] = &[
    "Tuyên truyền, nâng cao nhận thức về chuyển đổi số và bảo đảm an toàn, an ninh thông tin mạng cho cán bộ, giáo viên, nhân viên",
    "Kiện toàn Ban chỉ đạo chuyển đổi số; phân công cán bộ phụ trách công nghệ thông tin, chuyển đổi số",
    "Rà soát, nâng cấp hạ tầng mạng, đường truyền Internet tốc độ cao đến từng phòng học",
    "Triển khai Học bạ số trong các cơ sở giáo dục phổ thông",
    "Cập nhật, chuẩn hóa dữ liệu trẻ em, học sinh, giáo viên trên Cơ sở dữ liệu ngành",
    "Xác thực dữ liệu học sinh với Cơ sở dữ liệu quốc gia về dân cư",
    "Tổ chức tập huấn kỹ năng số, ứng dụng trí tuệ nhân tạo (AI) trong dạy học cho giáo viên",
    "Xây dựng kho học liệu số dùng chung, bài giảng điện tử theo chương trình giáo dục phổ thông 2018",
    "Triển khai sổ điểm điện tử, sổ liên lạc điện tử, hồ sơ điện tử của giáo viên",
    "Thực hiện thu học phí và các khoản thu dịch vụ bằng phương thức không dùng tiền mặt",
    "Triển khai tuyển sinh đầu cấp bằng hình thức trực tuyến",
    "Tự đánh giá mức độ chuyển đổi số theo Quyết định 4725/QĐ-BGDĐT",
    "Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10 và phong trào “Bình dân học vụ số”",
    "Bảo đảm an toàn thông tin theo cấp độ; sử dụng phần mềm diệt virus có bản quyền, sao lưu dữ liệu định kỳ",
    "Xây dựng mô hình trường học số, lớp học thông minh",
    "Tổ chức kiểm tra, đánh giá trực tuyến đối với các môn học phù hợp",
    "Số hóa hồ sơ, tài liệu lưu trữ; sổ gốc văn bằng, chứng chỉ",
    "Sử dụng chữ ký số trong xử lý văn bản, hồ sơ công việc",
    "Triển khai hệ thống quản lý học tập trực tuyến (LMS)",
    "Duy trì, cập nhật trang thông tin điện tử và chuyên mục chuyển đổi số",
    "Kiểm tra, đánh giá việc thực hiện kế hoạch chuyển đổi số; sơ kết 6 tháng, tổng kết năm",
    "Lồng ghép nội dung kỹ năng số, giáo dục STEM/STEAM trong chương trình giảng dạy",
    "Hướng dẫn cha mẹ học sinh sử dụng các ứng dụng, dịch vụ trực tuyến của nhà trường",
    "Bố trí kinh phí thực hiện các nhiệm vụ chuyển đổi số năm 2026",
    "Rà soát, tái cấu trúc quy trình nội bộ gắn với ứng dụng công nghệ số",
    "Cung cấp dịch vụ công trực tuyến toàn trình đối với thủ tục hành chính lĩnh vực giáo dục",
    "Kết nối, chia sẻ dữ liệu giáo dục với Kho dữ liệu dùng chung của tỉnh",
    "Thực hiện chế độ báo cáo trên Hệ thống thông tin báo cáo",
    "Tổ chức hội thi thiết kế bài giảng điện tử, sản phẩm chuyển đổi số",
    "Thí điểm ứng dụng trí tuệ nhân tạo trong quản lý và dạy học",
    "Triển khai phần mềm quản lý thư viện số, kết nối thư viện số dùng chung",
    "Trang bị máy tính, màn hình tương tác cho phòng học, phòng bộ môn",
    "Triển khai phần mềm quản lý tài sản, thiết bị dạy học",
    "Ứng dụng phần mềm đánh giá, chấm điểm thi đua; quản lý công tác thi đua, khen thưởng",
    "Xây dựng quy chế bảo vệ dữ liệu cá nhân của học sinh, giáo viên",
    "Tổ chức cho học sinh tham gia các cuộc thi tin học, sáng tạo số",
    "Phối hợp với doanh nghiệp viễn thông hỗ trợ thiết bị, đường truyền cho học sinh có hoàn cảnh khó khăn",
    "Sơ kết, đánh giá kết quả thực hiện phong trào “Bình dân học vụ số” trong nhà trường",
    "Rà soát, đề xuất nhu cầu đào tạo, bồi dưỡng nguồn nhân lực số",
    "Cập nhật thông tin tuyển sinh, kết quả học tập trên cổng thông tin điện tử",
];

const PRODUCTS: &[&str] = &[
    "Kế hoạch được ban hành",
    "Báo cáo kết quả thực hiện",
    "Hệ thống vận hành ổn định",
    "Dữ liệu được cập nhật đầy đủ",
    "Học liệu số được chia sẻ",
    "Quyết định kiện toàn",
];

fn tasks(rng: &mut Rng, plan: &mut Plan, lo: usize, hi: usize, leads: &[&str]) {
    let n = rng.range(lo, hi);
    let mut order: Vec<usize> = (0..TASKS.len()).collect();
    rng.shuffle(&mut order);
    let unit_keys: Vec<String> = plan.units.iter().map(|(k, _)| k.clone()).collect();
    let keys: Vec<&str> = unit_keys.iter().map(String::as_str).collect();
    for (k, i) in order.into_iter().take(n).enumerate() {
        let id = match plan.level {
            Lvl::National => format!("NV{}", k + 1),
            Lvl::Province => format!("PL2.{}", k + 1),
            Lvl::Commune => format!("{}", k + 1),
            Lvl::School => format!("{}", k + 1),
        };
        plan.tasks.push(Task {
            id,
            text: TASKS[i].to_string(),
            lead: pick_units(rng, leads, 1, 1),
            cooperating: pick_units(rng, &keys, 0, 3),
            product: rng.chance(30).then(|| rng.pick(PRODUCTS).to_string()),
            due: (!rng.chance(10)).then(|| *rng.pick(TASK_DUES)),
            note: rng
                .chance(8)
                .then(|| "Thực hiện lồng ghép với các nhiệm vụ năm học 2026-2027".to_string()),
            extra: None,
        });
    }
}

fn national(seed: u64) -> Plan {
    let mut rng = Rng::derive(seed, "national");
    let day = rng.range(8, 28);
    let number = rng.range(20, 180);
    let mut plan = Plan {
        level: Lvl::National,
        id: "national/bo-gddt-2026-2030".into(),
        path: "national/bo-gddt-2026-2030".into(),
        number: format!("{number}/KH-BGDĐT"),
        title: "Kế hoạch chuyển đổi số ngành Giáo dục giai đoạn 2026-2030, trong đó có các chỉ tiêu năm 2026".into(),
        issuer: "Bộ Giáo dục và Đào tạo".into(),
        issued: format!("{YEAR}-01-{day:02}"),
        issued_cited: format!("{day:02}/01/{YEAR}"),
        period: "2026-2030",
        parent: None,
        cites: None,
        segment: None,
        declares_segments: true,
        units: vec![
            ("CNTT".into(), "Cục Khoa học, Công nghệ và Thông tin".into()),
            ("GDPT".into(), "Vụ Giáo dục phổ thông".into()),
            ("GDMN".into(), "Vụ Giáo dục Mầm non".into()),
            ("NGCBQLGD".into(), "Cục Nhà giáo và Cán bộ quản lý giáo dục".into()),
            ("QLCL".into(), "Cục Quản lý chất lượng".into()),
            ("KHTC".into(), "Vụ Kế hoạch - Tài chính".into()),
            ("VP".into(), "Văn phòng Bộ".into()),
        ],
        reporting: vec![
            Reporting {
                what: "Báo cáo sơ kết 6 tháng thực hiện Kế hoạch chuyển đổi số".into(),
                from: vec!["province".into()],
                to: "Bộ GDĐT (qua Cục Khoa học, Công nghệ và Thông tin)".into(),
                due: "Trước ngày 15/6/2026",
            },
            Reporting {
                what: "Báo cáo kết quả thực hiện Kế hoạch chuyển đổi số năm 2026".into(),
                from: vec!["province".into()],
                to: "Bộ GDĐT (qua Cục Khoa học, Công nghệ và Thông tin)".into(),
                due: "hằng năm, trước ngày 15/12",
            },
        ],
        targets: Vec::new(),
        waivers: Vec::new(),
        tasks: Vec::new(),
        extra_top: None,
        scope: "trên toàn quốc".into(),
        ratio: None,
        school: None,
    };
    let must = [
        "students-online-learning-ready",
        "online-curriculum-share",
        "schools-dt-level-2-plus",
        "school-dt-maturity-level",
        "digital-transformation-models",
        "teachers-using-ai",
        "digitised-learning-materials",
    ];
    let mut pool: Vec<usize> = (0..METRICS.len())
        .filter(|i| METRICS[*i].home == Lvl::National && !must.contains(&METRICS[*i].key))
        .collect();
    rng.shuffle(&mut pool);
    let mut chosen: Vec<usize> = must.iter().map(|k| metric_index(k)).collect();
    let n2026 = rng.range(28, 32);
    chosen.extend(pool.iter().take(n2026 - must.len()));
    for i in chosen {
        let value = fresh_value(&mut rng, &METRICS[i], true);
        let due = if rng.chance(25) {
            Due::Ongoing
        } else {
            Due::End(*rng.pick(&[6, 9, 9, 10, 11, 11, 12, 12, 12, 12]))
        };
        let mut t = new_target(i, value, Some(due), Origin::Own);
        t.stretch = stretch_for(&mut rng, &t.value);
        plan.targets.push(t);
    }
    // The 2030 horizon: not binding on 2026 plans.
    for i in pool.iter().skip(n2026 - must.len()).take(4) {
        let v = match fresh_val(&mut rng, METRICS[*i].unit) {
            Val::Pct(op, x) => Val::Pct(op, (x + 10.0).min(100.0)),
            v => v,
        };
        let v = match v {
            Val::Pct(_, x) if x >= 100.0 => Val::Pct(Op::Ge, 100.0),
            v => v,
        };
        plan.targets.push(new_target(
            *i,
            Value::Plain(v),
            Some(Due::Horizon),
            Origin::Own,
        ));
    }
    assign_roles(&mut rng, &mut plan);
    number_targets(&mut plan);
    tasks(
        &mut rng,
        &mut plan,
        15,
        25,
        &["CNTT", "GDPT", "GDMN", "NGCBQLGD", "QLCL", "KHTC", "VP"],
    );
    plan
}

fn province(seed: u64, sk: &ProvinceSk, parent: &Plan) -> Plan {
    let info = sk.info;
    let mut rng = Rng::derive(seed, &format!("plan/{}", info.slug));
    let month = rng.range(2, 3);
    let day = rng.range(1, 28);
    let number = rng.range(30, 900);
    let place = if info.city { "thành phố" } else { "tỉnh" };
    let mut plan = Plan {
        level: Lvl::Province,
        id: format!("{}/so-gddt-{YEAR}", info.slug),
        path: format!("{}/so-gddt-{YEAR}", info.slug),
        number: format!("{number}/KH-SGDĐT"),
        title: format!(
            "Kế hoạch chuyển đổi số ngành Giáo dục {place} {} năm {YEAR}",
            info.name
        ),
        issuer: format!("Sở GDĐT {}", info.name),
        issued: format!("{YEAR}-{month:02}-{day:02}"),
        issued_cited: format!("{day:02}/{month:02}/{YEAR}"),
        period: "2026",
        parent: Some(parent.id.clone()),
        cites: Some(format!(
            "Kế hoạch số {} ngày {} của {}",
            parent.number, parent.issued_cited, parent.issuer
        )),
        segment: None,
        declares_segments: true,
        units: vec![
            ("VP".into(), "Văn phòng Sở".into()),
            ("KHTC".into(), "Phòng Kế hoạch - Tài chính".into()),
            ("TCCB".into(), "Phòng Tổ chức cán bộ".into()),
            ("GDMN".into(), "Phòng Giáo dục Mầm non".into()),
            ("GDPT".into(), "Phòng Giáo dục phổ thông".into()),
            (
                "GDNN-GDTX".into(),
                "Phòng Giáo dục nghề nghiệp - Giáo dục thường xuyên".into(),
            ),
            ("QLCL".into(), "Phòng Quản lý chất lượng".into()),
            ("CPTS".into(), "Các phòng thuộc Sở".into()),
            ("DVTTS".into(), "Đơn vị trực thuộc Sở".into()),
        ],
        reporting: vec![
            Reporting {
                what: "Báo cáo kết quả, tiến độ thực hiện các chỉ tiêu, nhiệm vụ chuyển đổi số"
                    .into(),
                from: vec!["commune".into(), "school".into()],
                to: format!("Sở GDĐT {} (qua Văn phòng Sở)", info.name),
                due: if rng.chance(50) {
                    "hằng quý, trước ngày 15 tháng cuối quý"
                } else {
                    "hằng quý, trước ngày 10 tháng cuối quý"
                },
            },
            Reporting {
                what: "Báo cáo tổng kết công tác chuyển đổi số năm 2026".into(),
                from: vec!["commune".into(), "school".into()],
                to: format!("Sở GDĐT {}", info.name),
                due: if rng.chance(50) {
                    "hằng năm, trước ngày 05/12"
                } else {
                    "hằng năm (trước ngày 20/12)"
                },
            },
        ],
        targets: Vec::new(),
        waivers: Vec::new(),
        tasks: Vec::new(),
        extra_top: None,
        scope: format!("trên địa bàn {place} {}", info.name),
        ratio: None,
        school: None,
    };
    adopt(&mut rng, parent, &mut plan, 0);
    // The deadline for communes and schools to issue their own plans.
    plan.targets.push(new_target(
        metric_index(ISSUING),
        Value::Plain(Val::Pct(Op::Ge, 100.0)),
        Some(Due::End(5)),
        Origin::Own,
    ));
    let want = rng.range(4, 9);
    extras(&mut rng, &mut plan, Some(parent), Lvl::Province, want, 40);
    let want = rng.range(0, 2);
    extras(&mut rng, &mut plan, Some(parent), Lvl::National, want, 40);
    assign_roles(&mut rng, &mut plan);
    number_targets(&mut plan);
    tasks(
        &mut rng,
        &mut plan,
        12,
        30,
        &["VP", "KHTC", "TCCB", "GDMN", "GDPT", "GDNN-GDTX", "QLCL"],
    );
    plan
}

fn commune(seed: u64, psk: &ProvinceSk, sk: &CommuneSk, parent: &Plan) -> Plan {
    let mut rng = Rng::derive(seed, &format!("plan/{}/{}", psk.info.slug, sk.slug));
    let day = rng.range(1, 28);
    let issued = if rng.chance(25) {
        format!("{YEAR}-04")
    } else {
        format!("{YEAR}-04-{day:02}")
    };
    let number = if rng.chance(20) {
        "/KH-UBND".to_string()
    } else {
        format!("{}/KH-UBND", rng.range(10, 400))
    };
    let body = format!("{} {}", sk.kind.word(), sk.name);
    let mut units = vec![
        ("VHXH".to_string(), "Phòng Văn hóa - Xã hội".to_string()),
        ("VP".to_string(), "Văn phòng HĐND và UBND".to_string()),
        (
            "TTPVHCC".to_string(),
            "Trung tâm Phục vụ hành chính công".to_string(),
        ),
    ];
    units.push(match sk.kind {
        CommuneKind::Phuong => ("KTHTDT".into(), "Phòng Kinh tế, Hạ tầng và Đô thị".into()),
        _ => ("KT".into(), "Phòng Kinh tế".into()),
    });
    let mut plan = Plan {
        level: Lvl::Commune,
        id: format!("{}/{}-{YEAR}", psk.info.slug, sk.slug),
        path: format!("{}/{}-{YEAR}", psk.info.slug, sk.slug),
        number,
        title: format!("Kế hoạch Chuyển đổi số ngành Giáo dục {body} năm {YEAR}"),
        issuer: format!("UBND {body}"),
        issued_cited: if issued.len() == 7 {
            format!("tháng 4/{YEAR}")
        } else {
            format!("{day:02}/04/{YEAR}")
        },
        issued,
        period: "2026",
        parent: Some(parent.id.clone()),
        cites: Some(format!(
            "Kế hoạch số {} ngày {} của {}",
            parent.number, parent.issued_cited, parent.issuer
        )),
        segment: Some(sk.segment),
        declares_segments: false,
        units,
        reporting: vec![
            Reporting {
                what: "Báo cáo kết quả, tiến độ thực hiện các chỉ tiêu, nhiệm vụ về chuyển đổi số"
                    .into(),
                from: vec!["school".into()],
                to: format!("UBND {body} (qua phòng Văn hoá - Xã hội)"),
                due: "hằng quý, trước ngày 10 tháng cuối quý",
            },
            Reporting {
                what: "Báo cáo kết quả thực hiện kế hoạch chuyển đổi số năm 2026".into(),
                from: vec!["school".into()],
                to: format!("UBND {body} (qua phòng Văn hoá - Xã hội)"),
                due: "hằng năm, trước ngày 05/12",
            },
        ],
        targets: Vec::new(),
        waivers: Vec::new(),
        tasks: Vec::new(),
        extra_top: None,
        scope: format!("trên địa bàn {body}"),
        ratio: Some(sk.schools.len() as u32),
        school: None,
    };
    adopt(&mut rng, parent, &mut plan, 10);
    let want = rng.range(2, 5);
    extras(&mut rng, &mut plan, Some(parent), Lvl::Commune, want, 36);
    assign_roles(&mut rng, &mut plan);
    number_targets(&mut plan);
    tasks(&mut rng, &mut plan, 10, 20, &["VHXH", "VP", "school"]);
    plan
}

fn school(seed: u64, psk: &ProvinceSk, csk: &CommuneSk, sk: &SchoolSk, parent: &Plan) -> Plan {
    let mut rng = Rng::derive(
        seed,
        &format!("plan/{}/{}/{}", psk.info.slug, csk.slug, sk.slug),
    );
    let day = rng.range(1, 31);
    let issued = if rng.chance(30) {
        format!("{YEAR}-05")
    } else {
        format!("{YEAR}-05-{day:02}")
    };
    let abbr = format!(
        "{}{}",
        sk.kind.abbr(),
        slug(&csk.name)
            .split('-')
            .map(|w| w[..1].to_uppercase())
            .collect::<String>()
    );
    let number = if rng.chance(25) {
        format!("/KH-{abbr}")
    } else {
        format!("{}/KH-{abbr}", rng.range(5, 150))
    };
    let mut units = vec![
        ("BGH".to_string(), "Ban Giám hiệu".to_string()),
        (
            "BCDS".to_string(),
            "Ban chuyển đổi số nhà trường".to_string(),
        ),
        ("TCM".to_string(), "Các tổ chuyên môn".to_string()),
        ("VP".to_string(), "Tổ Văn phòng".to_string()),
        ("KT".to_string(), "Bộ phận kế toán".to_string()),
        ("TV".to_string(), "Thư viện".to_string()),
    ];
    units.push(match sk.kind {
        SchoolKind::MamNon => ("GV".into(), "Giáo viên các nhóm, lớp".into()),
        _ => ("GV".into(), "Giáo viên chủ nhiệm, giáo viên bộ môn".into()),
    });
    let mut plan = Plan {
        level: Lvl::School,
        id: format!("{}/{}/{}-{YEAR}", psk.info.slug, csk.slug, sk.slug),
        path: format!("{}/{}/{}-{YEAR}", psk.info.slug, csk.slug, sk.slug),
        number,
        title: format!("Kế hoạch chuyển đổi số của {} năm {YEAR}", sk.name),
        issuer: sk.name.clone(),
        issued_cited: String::new(),
        issued,
        period: "2026",
        parent: Some(parent.id.clone()),
        cites: Some(format!(
            "Kế hoạch số {} ngày {} của {}",
            parent.number, parent.issued_cited, parent.issuer
        )),
        segment: None,
        declares_segments: false,
        units,
        reporting: vec![Reporting {
            what: "Báo cáo tình hình, kết quả thực hiện chuyển đổi số của nhà trường".into(),
            from: vec!["BCDS".into()],
            to: format!("UBND {} {}", csk.kind.word(), csk.name),
            due: SCHOOL_REPORT_DUES[rng.below(SCHOOL_REPORT_DUES.len())],
        }],
        targets: Vec::new(),
        waivers: Vec::new(),
        tasks: Vec::new(),
        extra_top: None,
        scope: "của nhà trường".into(),
        ratio: None,
        school: Some(sk.kind),
    };
    if rng.chance(60) {
        plan.reporting.push(Reporting {
            what: "Báo cáo tổng kết năm về chuyển đổi số".into(),
            from: vec!["BCDS".into()],
            to: format!("UBND {} {}", csk.kind.word(), csk.name),
            due: "hằng năm (trước ngày 30/11)",
        });
    }
    adopt(&mut rng, parent, &mut plan, 10);
    let want = rng
        .range(3, 7)
        .max(20usize.saturating_sub(plan.targets.len()));
    extras(&mut rng, &mut plan, Some(parent), Lvl::School, want, 32);
    if plan.targets.len() < 20 {
        let want = 20 - plan.targets.len();
        extras(&mut rng, &mut plan, Some(parent), Lvl::Commune, want, 32);
    }
    assign_roles(&mut rng, &mut plan);
    number_targets(&mut plan);
    tasks(&mut rng, &mut plan, 10, 25, &["BGH", "BCDS", "TCM"]);
    plan
}

// ---------------------------------------------------------------------------
// Planting.

/// Puts one finding of `want`'s rule into `plan` if it can, else of another
/// rule; returns the rule planted and a note of what was changed.
fn plant(seed: u64, plan: &mut Plan, parent: Option<&Plan>, want: Plant) -> (Plant, String) {
    let mut rng = Rng::derive(seed, &format!("plant/{}", plan.id));
    let mut order = vec![want];
    order.extend([
        Plant::LooserThreshold,
        Plant::MissingAdoption,
        Plant::LaterDeadline,
        Plant::UnknownField,
    ]);
    for p in order {
        if let Some(detail) = try_plant(&mut rng, plan, parent, p) {
            return (p, detail);
        }
    }
    unreachable!("an unknown field can always be planted")
}

fn counterpart<'a>(parent: Option<&'a Plan>, t: &Target) -> Option<&'a Target> {
    parent.and_then(|p| p.target_of(t.metric))
}

fn try_plant(rng: &mut Rng, plan: &mut Plan, parent: Option<&Plan>, p: Plant) -> Option<String> {
    let candidates: Vec<usize> = (0..plan.targets.len())
        .filter(|i| {
            let t = &plan.targets[*i];
            let pt = counterpart(parent, t);
            match p {
                Plant::LooserThreshold => {
                    matches!(t.value, Value::Plain(_))
                        && pt.is_some_and(|pt| {
                            pt.bad_threshold.is_none()
                                && matches!(pt.value, Value::Plain(Val::Pct(Op::Ge | Op::Gt, x)) if x >= 10.0)
                        })
                }
                Plant::LaterDeadline => pt.is_some_and(|pt| matches!(pt.due, Some(Due::End(m)) if m < 12)),
                Plant::MissingAdoption => t.origin == Origin::Bound,
                Plant::Threshold => matches!(t.value, Value::Plain(Val::Pct(..))),
                Plant::UnknownField => true,
            }
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let i = *rng.pick(&candidates);
    let metric = METRICS[plan.targets[i].metric].key;
    let id = plan.targets[i].id.clone();
    match p {
        Plant::LooserThreshold => {
            let pt = counterpart(parent, &plan.targets[i])?;
            let Value::Plain(pv) = pt.value else {
                return None;
            };
            let v = looser(rng, pv)?;
            plan.targets[i].value = Value::Plain(v);
            plan.targets[i].stretch = None;
            Some(format!("target {id} ({metric}) below its parent's"))
        }
        Plant::LaterDeadline => {
            let pt = counterpart(parent, &plan.targets[i])?;
            let Some(Due::End(m)) = pt.due else {
                return None;
            };
            let later = rng.range(m as usize + 1, 12) as u32;
            plan.targets[i].due = Some(Due::End(later));
            Some(format!(
                "target {id} ({metric}) due in month {later}, parent's in month {m}"
            ))
        }
        Plant::MissingAdoption => {
            plan.targets.remove(i);
            Some(format!("target {id} ({metric}) removed"))
        }
        Plant::Threshold => {
            let bad = match plan.targets[i].value {
                Value::Plain(Val::Pct(_, x)) if x < 100.0 => {
                    let x = num(x);
                    rng.pick(&[
                        format!("{x}%%"),
                        format!("tối thiểu {x} %%"),
                        format!("{}O%", &x[..x.len() - 1]),
                    ])
                    .clone()
                }
                _ => rng
                    .pick(&["100%%", "tối thiểu 105%", "Đạt 110%"])
                    .to_string(),
            };
            // A single-digit value has no digit left to mistype; 105% still fails.
            let bad = if bad.starts_with('O') {
                "tối thiểu 105%".to_string()
            } else {
                bad
            };
            plan.targets[i].bad_threshold = Some(bad.clone());
            Some(format!("target {id} ({metric}) threshold `{bad}`"))
        }
        Plant::UnknownField => {
            let detail;
            match rng.below(3) {
                0 => {
                    plan.extra_top = Some(("ngay_hieu_luc".into(), format!("{YEAR}-06-01")));
                    detail = "top-level field ngay_hieu_luc".to_string();
                }
                1 if !plan.tasks.is_empty() => {
                    let k = rng.below(plan.tasks.len());
                    plan.tasks[k].extra = Some(("deadline".into(), "Quý IV/2026".into()));
                    detail = format!("task {} has field deadline", plan.tasks[k].id);
                }
                _ => {
                    plan.targets[i].extra = Some((
                        "ghi_chu".into(),
                        "Chỉ tiêu bổ sung theo Công văn số 1234/SGDĐT-VP".into(),
                    ));
                    detail = format!("target {id} has field ghi_chu");
                }
            }
            Some(detail)
        }
    }
}

// ---------------------------------------------------------------------------
// Writing YAML and CSV.

/// A YAML scalar: plain when that reads back as the same text, else double-quoted.
fn scalar(s: &str) -> String {
    let special_start = s
        .chars()
        .next()
        .is_none_or(|c| "-?:,[]{}#&*!|>'\"%@` ".contains(c));
    let lower = s.to_ascii_lowercase();
    let keyword = matches!(
        lower.as_str(),
        "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "~" | "y" | "n"
    );
    let numeric = s.parse::<f64>().is_ok()
        || s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    if special_start
        || keyword
        || numeric
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.ends_with(' ')
        || s.contains('\n')
    {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn flow(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// The number of schools below a commune, for metrics counted in schools ("13/13 trường").
fn ratio_for(plan: &Plan, mt: &Metric) -> Option<u32> {
    let schools = ["cơ sở giáo dục", "trường học", "Tỷ lệ trường"];
    plan.ratio
        .filter(|_| schools.iter().any(|w| mt.name.contains(w)))
}

fn lcfirst(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn render(seed: u64, scale: u32, plan: &Plan) -> String {
    let mut rng = Rng::derive(seed, &format!("render/{}", plan.id));
    let mut o = String::with_capacity(24 * 1024);
    let _ = writeln!(o, "# {} ({}).", plan.title, plan.issuer);
    let _ = writeln!(
        o,
        "# Sinh tự động bởi kh-gen (seed {seed}, quy mô {scale}%): dữ liệu minh họa, không phải văn bản thật."
    );
    let _ = writeln!(o, "kh: 1");
    let _ = writeln!(o, "id: {}", plan.id);
    let _ = writeln!(o, "number: {}", quoted(&plan.number));
    let _ = writeln!(o, "title: {}", scalar(&plan.title));
    let _ = writeln!(o, "issuer: {}", scalar(&plan.issuer));
    let _ = writeln!(o, "level: {}", plan.level.key());
    let _ = writeln!(o, "issued: {}", plan.issued);
    let _ = writeln!(o, "period: {}", plan.period);
    if let Some(p) = &plan.parent {
        let _ = writeln!(o, "parent: {p}");
    }
    if let Some(c) = &plan.cites {
        let _ = writeln!(o, "cites: {}", scalar(c));
    }
    if let Some(s) = plan.segment {
        let _ = writeln!(o, "segment: [{}]", SEGMENTS[s].0);
    }
    if plan.declares_segments {
        let _ = writeln!(o, "segments:");
        for (k, v) in SEGMENTS {
            let _ = writeln!(o, "  {k}: {}", scalar(v));
        }
    }
    if let Some((k, v)) = &plan.extra_top {
        let _ = writeln!(o, "{k}: {}", scalar(v));
    }
    let _ = writeln!(o, "units:");
    for (k, v) in &plan.units {
        let _ = writeln!(o, "  {k}: {}", scalar(v));
    }
    let _ = writeln!(o, "\nreporting:");
    for r in &plan.reporting {
        let _ = writeln!(o, "  - what: {}", scalar(&r.what));
        let _ = writeln!(o, "    from: {}", flow(&r.from));
        let _ = writeln!(o, "    to: {}", scalar(&r.to));
        let _ = writeln!(o, "    due: {}", scalar(r.due));
    }
    let _ = writeln!(o, "\ntargets:");
    let mut last_area = usize::MAX;
    let mut rank = 0;
    for t in &plan.targets {
        let mt = &METRICS[t.metric];
        if mt.area != last_area {
            last_area = mt.area;
            rank += 1;
            let _ = writeln!(o, "  # {}. {}", ROMAN[rank - 1], AREAS[mt.area]);
        }
        let _ = writeln!(o, "  - id: {}", quoted(&t.id));
        let _ = writeln!(o, "    area: {}", scalar(AREAS[mt.area]));
        let inline_stretch = t.stretch.is_some() && rng.chance(50);
        let (threshold, by_segment, said) = match (&t.bad_threshold, &t.value) {
            (Some(bad), _) => (Some(bad.clone()), Vec::new(), bad.clone()),
            (None, Value::Plain(v)) => {
                let mut ph = phrase(&mut rng, *v, mt.unit, ratio_for(plan, mt));
                if let (true, Some(s)) = (inline_stretch, t.stretch) {
                    ph = format!("{ph}, phấn đấu đạt tới {}%", num(s));
                }
                (Some(ph.clone()), Vec::new(), ph)
            }
            (None, Value::Seg(list)) => {
                let parts: Vec<(usize, String)> = list
                    .iter()
                    .map(|(s, v)| (*s, phrase(&mut rng, *v, mt.unit, None)))
                    .collect();
                let said = parts
                    .iter()
                    .map(|(s, p)| format!("{} {}", SEGMENTS[*s].1, p))
                    .collect::<Vec<_>>()
                    .join("; ");
                (None, parts, said)
            }
        };
        let name = if t.due == Some(Due::Horizon) {
            format!("Đến năm 2030, {}", lcfirst(mt.name))
        } else {
            mt.name.to_string()
        };
        let text = match (mt.unit, t.stretch) {
            (Yes, _) => format!("{name} {}.", plan.scope),
            (_, Some(s)) if !inline_stretch => {
                format!("{name} {}: {said}, phấn đấu đạt {}%.", plan.scope, num(s))
            }
            _ => format!("{name} {}: {said}.", plan.scope),
        };
        let _ = writeln!(o, "    text: {}", scalar(&text));
        let _ = writeln!(o, "    metric: {}", mt.key);
        if let Some(th) = threshold {
            let _ = writeln!(o, "    target: {}", quoted(&th));
        } else {
            let _ = writeln!(o, "    by_segment:");
            for (s, p) in by_segment {
                let _ = writeln!(o, "      {}: {}", SEGMENTS[s].0, quoted(&p));
            }
        }
        if let (false, Some(s)) = (inline_stretch, t.stretch) {
            let _ = writeln!(o, "    stretch: {}", quoted(&format!("{}%", num(s))));
        }
        if let Some(d) = t.due {
            let _ = writeln!(o, "    due: {}", scalar(&due_phrase(&mut rng, d)));
        }
        if !t.lead.is_empty() {
            let _ = writeln!(o, "    lead: {}", flow(&t.lead));
        }
        if !t.implementers.is_empty() {
            let _ = writeln!(o, "    implementers: {}", flow(&t.implementers));
        }
        if let Some(a) = &t.applies_to {
            let keys: Vec<String> = a.iter().map(|l| l.key().to_string()).collect();
            let _ = writeln!(o, "    applies_to: {}", flow(&keys));
        }
        if let Some((k, v)) = &t.extra {
            let _ = writeln!(o, "    {k}: {}", scalar(v));
        }
    }
    if !plan.waivers.is_empty() {
        let _ = writeln!(o, "\nwaivers:");
        for (mi, reason) in &plan.waivers {
            let _ = writeln!(o, "  - metric: {}", METRICS[*mi].key);
            let _ = writeln!(o, "    reason: {}", scalar(reason));
        }
    }
    let _ = writeln!(o, "\ntasks:");
    for t in &plan.tasks {
        let _ = writeln!(o, "  - id: {}", quoted(&t.id));
        let _ = writeln!(o, "    text: {}", scalar(&t.text));
        let _ = writeln!(o, "    lead: {}", flow(&t.lead));
        if !t.cooperating.is_empty() {
            let _ = writeln!(o, "    cooperating: {}", flow(&t.cooperating));
        }
        if let Some(p) = &t.product {
            let _ = writeln!(o, "    product: {}", scalar(p));
        }
        if let Some(d) = t.due {
            let _ = writeln!(o, "    due: {}", scalar(d));
        }
        if let Some(n) = &t.note {
            let _ = writeln!(o, "    note: {}", scalar(n));
        }
        if let Some((k, v)) = &t.extra {
            let _ = writeln!(o, "    {k}: {}", scalar(v));
        }
    }
    o
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Achieved values for a few of the plan's targets, dated before TODAY.
fn report(seed: u64, plan: &Plan) -> String {
    let mut rng = Rng::derive(seed, &format!("report/{}", plan.id));
    let mut o = String::from("plan,metric,segment,value,as_of,source\n");
    let mut idx: Vec<usize> = (0..plan.targets.len()).collect();
    rng.shuffle(&mut idx);
    let n = rng.range(3, 8).min(idx.len());
    const WHEN: [(&str, &str); 5] = [
        ("2026-03-31", "Báo cáo quý I/2026"),
        ("2026-06-30", "Báo cáo quý II/2026"),
        ("2026-09-30", "Báo cáo quý III/2026"),
        ("2026-10-31", "Báo cáo tháng 10/2026"),
        ("2026-11-15", "Báo cáo nhanh tháng 11/2026"),
    ];
    for &i in idx.iter().take(n) {
        let t = &plan.targets[i];
        let mt = &METRICS[t.metric];
        let key = if rng.chance(20) {
            t.id.clone()
        } else {
            mt.key.to_string()
        };
        let segs: Vec<Option<usize>> = match &t.value {
            Value::Seg(list) => list.iter().map(|(s, _)| Some(*s)).collect(),
            Value::Plain(_) => vec![None],
        };
        let first = rng.range(0, 3);
        let count = rng.range(1, 2).min(WHEN.len() - first);
        for seg in segs {
            for (as_of, what) in WHEN.iter().skip(first).take(count) {
                let value = match t.value.for_segment(seg) {
                    Val::Pct(Op::Ge | Op::Gt, x) => {
                        let v = (x + rng.range(0, 28) as f64 - 20.0).clamp(0.0, 100.0);
                        match ratio_for(plan, mt) {
                            Some(n) if rng.chance(25) => {
                                format!("{}/{n}", ((v / 100.0) * f64::from(n)).round() as u32)
                            }
                            _ if rng.chance(25) && v < 100.0 => format!("{}%", num(v + 0.5)),
                            _ => format!("{}%", num(v)),
                        }
                    }
                    Val::Pct(_, x) => {
                        format!("{}%", num((x + rng.range(0, 4) as f64 - 2.0).max(0.0)))
                    }
                    Val::Count(k) => {
                        let noun = match mt.unit {
                            Count(noun, ..) => noun,
                            _ => "",
                        };
                        format!("{} {noun}", (k + rng.range(0, 2) as u32).saturating_sub(1))
                    }
                    Val::Level(k) => format!("mức {}", (k + rng.range(0, 1) as u32).clamp(1, 3)),
                    Val::Yes => rng.pick(&["có", "yes", "không"]).to_string(),
                };
                let _ = writeln!(
                    o,
                    "{},{},{},{},{},{}",
                    plan.id,
                    key,
                    seg.map(|s| SEGMENTS[s].0).unwrap_or(""),
                    csv_field(&value),
                    as_of,
                    csv_field(&format!(
                        "{what} của {} (dữ liệu sinh tự động)",
                        plan.issuer
                    ))
                );
            }
        }
    }
    o
}

fn catalog() -> String {
    let mut o = String::from(
        "# Danh mục chỉ số: mọi chỉ số các kế hoạch sinh tự động sử dụng (kh-gen).\nkh: 1\nindicators:\n",
    );
    for mt in METRICS {
        let _ = writeln!(o, "  - key: {}", mt.key);
        let _ = writeln!(o, "    name: {}", quoted(mt.name));
        let (unit, noun, direction) = match mt.unit {
            Pct(..) => ("percent", None, "higher"),
            PctMax(..) => ("percent", None, "lower"),
            Count(noun, ..) => ("count", Some(noun), "higher"),
            Level(..) => ("level", None, "higher"),
            Yes => ("yes-no", None, "higher"),
        };
        let _ = writeln!(o, "    unit: {unit}");
        if let Some(n) = noun {
            let _ = writeln!(o, "    noun: {}", quoted(n));
        }
        let _ = writeln!(o, "    direction: {direction}");
        if mt.key == ISSUING {
            let _ = writeln!(o, "    plan_issuance: true");
        }
    }
    o
}

// ---------------------------------------------------------------------------
// Putting it on disk.

#[derive(Default)]
struct Acc {
    files: usize,
    csv: usize,
    bytes: u64,
    plans: usize,
    planted: Vec<(String, &'static str, String, String)>,
}

impl Acc {
    fn write(&mut self, path: &Path, content: &str) -> Result<()> {
        std::fs::write(path, content)
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.files += 1;
        self.bytes += content.len() as u64;
        Ok(())
    }

    fn merge(&mut self, other: Acc) {
        self.files += other.files;
        self.csv += other.csv;
        self.bytes += other.bytes;
        self.plans += other.plans;
        self.planted.extend(other.planted);
    }
}

struct Ctx<'a> {
    out: &'a Path,
    opts: &'a Options,
    plants: &'a [Option<Plant>],
}

impl Ctx<'_> {
    /// Plants (if this plan's turn), writes the plan and its report.
    fn emit(
        &self,
        index: usize,
        mut plan: Plan,
        parent: Option<&Plan>,
        acc: &mut Acc,
    ) -> Result<Plan> {
        if let Some(want) = self.plants[index] {
            let want =
                if parent.is_none() && !matches!(want, Plant::UnknownField | Plant::Threshold) {
                    Plant::Threshold
                } else {
                    want
                };
            let (got, detail) = plant(self.opts.seed, &mut plan, parent, want);
            acc.planted.push((
                format!("plans/{}.yaml", plan.path),
                got.rule(),
                plan.id.clone(),
                detail,
            ));
        }
        let yaml = self.out.join("plans").join(format!("{}.yaml", plan.path));
        acc.write(&yaml, &render(self.opts.seed, self.opts.scale, &plan))?;
        let csv = self.out.join("reports").join(format!("{}.csv", plan.path));
        acc.write(&csv, &report(self.opts.seed, &plan))?;
        acc.csv += 1;
        acc.plans += 1;
        Ok(plan)
    }
}

fn mkdirs(out: &Path, rel: &str) -> Result<()> {
    for top in ["plans", "reports"] {
        let d = out.join(top).join(rel);
        std::fs::create_dir_all(&d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    Ok(())
}

/// Writes a generated repository into `out`, which must not exist or be empty.
pub fn generate(out: &Path, opts: &Options) -> Result<Summary> {
    if !(1..=100).contains(&opts.scale) {
        bail!(
            "scale {}: expected a percentage of the country from 1 to 100 (1, 10 or 100)",
            opts.scale
        );
    }
    if out.exists() {
        let mut entries =
            std::fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
        if entries.next().is_some() {
            bail!(
                "{}: exists and is not empty; remove it or choose another directory",
                out.display()
            );
        }
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let (provinces, n) = skeleton(opts);
    let plants = plants(opts.seed, n);
    let ctx = Ctx {
        out,
        opts,
        plants: &plants,
    };
    let mut acc = Acc::default();
    mkdirs(out, "national")?;
    let nat = ctx.emit(0, national(opts.seed), None, &mut acc)?;
    for p in &provinces {
        for c in &p.communes {
            mkdirs(out, &format!("{}/{}", p.info.slug, c.slug))?;
        }
    }
    let built: Vec<(Plan, Acc)> = provinces
        .par_iter()
        .map(|p| {
            let mut a = Acc::default();
            let plan = ctx.emit(p.index, province(opts.seed, p, &nat), Some(&nat), &mut a)?;
            Ok((plan, a))
        })
        .collect::<Result<_>>()?;
    let jobs: Vec<(usize, usize)> = provinces
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| (0..p.communes.len()).map(move |ci| (pi, ci)))
        .collect();
    let below: Vec<Acc> = jobs
        .par_iter()
        .map(|&(pi, ci)| {
            let (psk, pplan) = (&provinces[pi], &built[pi].0);
            let csk = &psk.communes[ci];
            let mut a = Acc::default();
            let cplan = ctx.emit(
                csk.index,
                commune(opts.seed, psk, csk, pplan),
                Some(pplan),
                &mut a,
            )?;
            for ssk in &csk.schools {
                ctx.emit(
                    ssk.index,
                    school(opts.seed, psk, csk, ssk, &cplan),
                    Some(&cplan),
                    &mut a,
                )?;
            }
            Ok(a)
        })
        .collect::<Result<_>>()?;
    for (_, a) in built {
        acc.merge(a);
    }
    for a in below {
        acc.merge(a);
    }
    acc.write(&out.join("plans").join("indicators.yaml"), &catalog())?;
    acc.write(
        &out.join("kh.yaml"),
        &format!(
            "# Kho kế hoạch sinh tự động bởi kh-gen (seed {}, quy mô {}%); xem README.md.\nplans: plans\nreports: reports\n",
            opts.seed, opts.scale
        ),
    )?;
    acc.planted.sort();
    let mut manifest = String::from("file,rule,plan,detail\n");
    for (file, rule, plan, detail) in &acc.planted {
        let _ = writeln!(manifest, "{file},{rule},{plan},{}", csv_field(detail));
    }
    let planted = acc.planted.len();
    acc.write(&out.join("planted.csv"), &manifest)?;
    let communes: usize = provinces.iter().map(|p| p.communes.len()).sum();
    let schools: usize = provinces
        .iter()
        .flat_map(|p| &p.communes)
        .map(|c| c.schools.len())
        .sum();
    acc.write(
        &out.join("README.md"),
        &format!(
            "# Generated plans repository (kh-gen, seed {seed}, scale {scale}%)\n\n\
             Invented data for benchmarks and tests, not real plans: 1 national plan, {np} province plans, \
             {communes} commune plans and {schools} school plans under `plans/`, one achieved-values CSV per plan \
             under `reports/` (dated before {TODAY}).\n\n\
             `planted.csv` lists the findings planted on purpose (one plan in {PLANT_EVERY}); every other plan is \
             clean: `kh check --today {TODAY}` reports exactly those.\n",
            seed = opts.seed,
            scale = opts.scale,
            np = provinces.len(),
        ),
    )?;
    Ok(Summary {
        plans: acc.plans,
        provinces: provinces.len(),
        communes,
        schools,
        yaml_files: acc.plans + 1,
        report_files: acc.csv,
        files: acc.files,
        bytes: acc.bytes,
        planted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Tân Phú"), "tan-phu");
        assert_eq!(slug("Đắk Lắk"), "dak-lak");
        assert_eq!(slug("Trường THCS Lê Quý Đôn"), "truong-thcs-le-quy-don");
    }

    #[test]
    fn scalars_quote_what_yaml_would_misread() {
        assert_eq!(scalar("Văn phòng Sở"), "Văn phòng Sở");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2026"), "\"2026\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar(">= 25%"), "\">= 25%\"");
    }

    #[test]
    fn the_whole_country_has_its_published_size() {
        let (p, n) = skeleton(&Options {
            scale: 100,
            seed: 1,
        });
        assert_eq!(p.len(), 34);
        assert_eq!(p.iter().map(|p| p.communes.len()).sum::<usize>(), 3321);
        assert!((45_000..50_000).contains(&n), "{n}");
        let (p, _) = skeleton(&Options { scale: 1, seed: 1 });
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].communes.len(), 33);
    }

    #[test]
    fn one_plant_per_fifty_plans() {
        let p = plants(7, 1000);
        assert_eq!(p.iter().flatten().count(), 20);
        for k in Plant::ALL {
            assert_eq!(p.iter().flatten().filter(|x| **x == k).count(), 4);
        }
    }
}
