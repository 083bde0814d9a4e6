use super::Str;
pub use super::citation::{Citation, DocType};
pub use super::date::Issued;
use super::deadline::Deadline;
pub use super::period::Period;
use super::threshold::{Direction, TargetValue};
use std::collections::BTreeMap;

/// Where an issuing body sits in the cascade; a plan's children sit lower.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Level {
    National,
    Province,
    District,
    Commune,
    School,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::National,
        Level::Province,
        Level::District,
        Level::Commune,
        Level::School,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
            Level::School => "school",
        }
    }

    /// The words a plan may write for a level, as officials write them: the
    /// one list `parse` reads (in any case, with or without diacritics) and
    /// the JSON Schema offers.
    pub const WORDS: &'static [(&'static str, Level)] = &[
        ("national", Level::National),
        ("quốc gia", Level::National),
        ("trung ương", Level::National),
        ("bộ", Level::National),
        ("chính phủ", Level::National),
        ("cấp quốc gia", Level::National),
        ("province", Level::Province),
        ("tỉnh", Level::Province),
        ("sở", Level::Province),
        ("cấp tỉnh", Level::Province),
        ("thành phố trực thuộc trung ương", Level::Province),
        ("district", Level::District),
        ("huyện", Level::District),
        ("phòng", Level::District),
        ("quận", Level::District),
        ("thị xã", Level::District),
        ("cấp huyện", Level::District),
        ("commune", Level::Commune),
        ("ward", Level::Commune),
        ("xã", Level::Commune),
        ("phường", Level::Commune),
        ("xã phường", Level::Commune),
        ("thị trấn", Level::Commune),
        ("đặc khu", Level::Commune),
        ("cấp xã", Level::Commune),
        ("school", Level::School),
        ("trường", Level::School),
        ("trường học", Level::School),
        ("cơ sở giáo dục", Level::School),
        ("nhà trường", Level::School),
        ("mầm non", Level::School),
        ("tiểu học", Level::School),
        ("THCS", Level::School),
        ("THPT", Level::School),
        ("GDTX", Level::School),
    ];

    pub fn parse(s: &str) -> Option<Level> {
        // Folded once: every applies_to and level of every plan is read here.
        static FOLDED: std::sync::LazyLock<Vec<(String, Level)>> =
            std::sync::LazyLock::new(|| folded(Level::WORDS));
        let f = crate::text::fold(s);
        FOLDED.iter().find(|(w, _)| *w == f).map(|(_, l)| *l)
    }

    /// Levels below this one, which a target without `applies_to` binds.
    pub fn below(self) -> Vec<Level> {
        Level::ALL.into_iter().filter(|l| *l > self).collect()
    }
}

/// Words as a person may type them (without diacritics, in any case).
fn folded<T: Copy>(words: &[(&str, T)]) -> Vec<(String, T)> {
    words
        .iter()
        .map(|(w, x)| (crate::text::fold(w), *x))
        .collect()
}

impl Level {
    /// Words that name the bodies of a level in a target's text, folded.
    const NAMED_BY: &'static [(&'static str, Level)] = &[
        ("co so giao duc", Level::School),
        ("csgd", Level::School),
        ("truong hoc", Level::School),
        ("nha truong", Level::School),
        ("cac truong", Level::School),
        ("schools", Level::School),
        ("cap xa", Level::Commune),
        ("ubnd xa", Level::Commune),
        ("xa, phuong", Level::Commune),
        ("xa phuong", Level::Commune),
        ("communes", Level::Commune),
        ("wards", Level::Commune),
        ("cap huyen", Level::District),
        ("phong gd", Level::District),
        ("phong giao duc", Level::District),
        ("districts", Level::District),
    ];

    /// The levels whose bodies a text names ("100% cơ sở giáo dục ban hành
    /// kế hoạch": schools), in level order; empty when it names none.
    pub fn named_in(text: &str) -> Vec<Level> {
        let folded = crate::text::fold(text);
        let mut out: Vec<Level> = Level::NAMED_BY
            .iter()
            .filter(|(w, _)| folded.contains(w))
            .map(|(_, l)| *l)
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The kinds of school (cấp học) a school plan is of, and a target may bind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SchoolKind {
    Preschool,
    Primary,
    LowerSecondary,
    UpperSecondary,
    Continuing,
    MultiLevel,
}

impl SchoolKind {
    /// As officials write them, folded when read.
    pub const WORDS: &'static [(&'static str, SchoolKind)] = &[
        ("mầm non", SchoolKind::Preschool),
        ("tiểu học", SchoolKind::Primary),
        ("TH", SchoolKind::Primary),
        ("THCS", SchoolKind::LowerSecondary),
        ("trung học cơ sở", SchoolKind::LowerSecondary),
        ("THPT", SchoolKind::UpperSecondary),
        ("trung học phổ thông", SchoolKind::UpperSecondary),
        ("GDTX", SchoolKind::Continuing),
        ("GDNN-GDTX", SchoolKind::Continuing),
        ("giáo dục thường xuyên", SchoolKind::Continuing),
        ("liên cấp", SchoolKind::MultiLevel),
    ];

    pub fn key(self) -> &'static str {
        match self {
            SchoolKind::Preschool => "mầm non",
            SchoolKind::Primary => "tiểu học",
            SchoolKind::LowerSecondary => "THCS",
            SchoolKind::UpperSecondary => "THPT",
            SchoolKind::Continuing => "GDTX",
            SchoolKind::MultiLevel => "liên cấp",
        }
    }

    pub fn parse(s: &str) -> Option<SchoolKind> {
        static FOLDED: std::sync::LazyLock<Vec<(String, SchoolKind)>> =
            std::sync::LazyLock::new(|| folded(SchoolKind::WORDS));
        let f = crate::text::fold(s);
        FOLDED.iter().find(|(w, _)| *w == f).map(|(_, k)| *k)
    }

    /// The kinds an issuer's name says a school is of: "Trường THPT An Lão",
    /// "Trường TH&THCS Kim Đồng" (both kinds). Empty when it does not say.
    pub fn from_issuer(issuer: &str) -> Vec<SchoolKind> {
        let folded = crate::text::fold(issuer);
        let tokens: Vec<&str> = folded
            .split(|c: char| c.is_whitespace() || "&,;-–()".contains(c))
            .filter(|t| !t.is_empty())
            .collect();
        let mut out: Vec<SchoolKind> = Vec::new();
        for (w, k) in SchoolKind::WORDS {
            let wf = crate::text::fold(w);
            let parts: Vec<&str> = wf.split(['-', ' ']).collect();
            if !out.contains(k)
                && tokens
                    .windows(parts.len())
                    .any(|win| win == parts.as_slice())
            {
                out.push(*k);
            }
        }
        if out.len() > 1 && !out.contains(&SchoolKind::MultiLevel) {
            out.push(SchoolKind::MultiLevel);
        }
        out
    }
}

/// One entry of `applies_to`: whom a target binds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Binding {
    Level(Level),
    /// Schools of one kind: "THPT" binds upper-secondary schools only.
    School(SchoolKind),
    /// One plan by id: a UBND tỉnh target binding its own Sở GDĐT, a body
    /// of the same level.
    Plan(String),
}

impl Binding {
    /// A level word, a school kind, or else a plan id.
    pub fn parse(s: &str) -> Binding {
        if let Some(k) = SchoolKind::parse(s) {
            return Binding::School(k);
        }
        match Level::parse(s) {
            Some(l) => Binding::Level(l),
            None => Binding::Plan(s.trim().to_string()),
        }
    }

    /// Whether it binds `child`: the body's level, its kind of school, or its id.
    pub fn binds(&self, child: &Plan) -> bool {
        match self {
            Binding::Level(l) => child.level == *l,
            // A school whose kind is not known is bound: a target is never
            // dropped for want of a word.
            Binding::School(k) => {
                child.level == Level::School
                    && (child.schools.is_empty() || child.schools.contains(k))
            }
            Binding::Plan(id) => child.id == *id,
        }
    }

    /// Binds bodies below `level`, which a plan at `level` passes the target on to.
    pub fn below(&self, level: Level) -> bool {
        match self {
            Binding::Level(l) => *l > level,
            Binding::School(_) => Level::School > level,
            Binding::Plan(_) => false,
        }
    }
}

impl std::fmt::Display for Binding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Binding::Level(l) => f.write_str(l.key()),
            Binding::School(k) => f.write_str(k.key()),
            Binding::Plan(id) => f.write_str(id),
        }
    }
}

/// Where a value comes from when its own document does not state it: the
/// encoder inferred it, or it is quoted from another document (named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    Inferred,
    From(String),
}

impl Provenance {
    /// `inferred` (any case) or the name of the document the value is taken from.
    pub fn parse(s: &str) -> Provenance {
        let s = s.trim();
        if crate::text::fold(s) == "inferred" {
            Provenance::Inferred
        } else {
            Provenance::From(s.to_string())
        }
    }
}

impl std::fmt::Display for Provenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Provenance::Inferred => f.write_str("inferred"),
            Provenance::From(d) => write!(f, "from {d}"),
        }
    }
}

/// JSON: `"inferred"` or `{"from": "..."}`.
impl serde::Serialize for Provenance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Provenance::Inferred => s.serialize_str("inferred"),
            Provenance::From(d) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("from", d)?;
                m.end()
            }
        }
    }
}

/// The fields of one entry (or of a plan's header) whose values the document
/// does not state, by field name; empty when the document states them all.
pub type Provenances = BTreeMap<String, Provenance>;

/// The cache's form (`crate::cache`) of the fields whose `Serialize` is the
/// JSON shape of kh's output (a provenance as `{from: …}`, a citation's date
/// as text): a plain form that reads back exactly what was written.
mod wire {
    pub mod provenances {
        use super::super::{Provenance, Provenances};
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(p: &Provenances, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(p.iter().map(|(k, v)| {
                let from = match v {
                    Provenance::Inferred => None,
                    Provenance::From(d) => Some(d),
                };
                (k, from)
            }))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Provenances, D::Error> {
            let list: Vec<(String, Option<String>)> = Vec::deserialize(d)?;
            Ok(list
                .into_iter()
                .map(|(k, v)| (k, v.map_or(Provenance::Inferred, Provenance::From)))
                .collect())
        }
    }

    pub mod cites {
        use super::super::{Citation, DocType, Issued};
        use serde::{Deserialize, Deserializer, Serializer};

        type Wire = (
            String,
            Option<DocType>,
            Option<String>,
            Option<Issued>,
            Option<String>,
            Option<String>,
        );

        pub fn serialize<S: Serializer>(c: &[Citation], s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(
                c.iter()
                    .map(|c| (&c.printed, c.kind, &c.number, c.date, &c.issuer, &c.title)),
            )
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Citation>, D::Error> {
            let list: Vec<Wire> = Vec::deserialize(d)?;
            Ok(list
                .into_iter()
                .map(|(printed, kind, number, date, issuer, title)| Citation {
                    printed,
                    kind,
                    number,
                    date,
                    issuer,
                    title,
                })
                .collect())
        }
    }
}

/// A threshold for all of a plan's segments (`segment: None`) or one of them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SegmentValue {
    pub segment: Option<Str>,
    pub value: TargetValue,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Target {
    pub id: Str,
    pub area: Option<Str>,
    pub text: Str,
    pub metric: Str,
    pub values: Vec<SegmentValue>,
    /// None: no date of its own; inherited from the parent target or the period.
    pub due: Option<Deadline>,
    pub lead: Vec<Str>,
    pub implementers: Vec<Str>,
    /// None: binds every level below the plan's; empty: internal, binds no one.
    pub applies_to: Option<Vec<Binding>>,
    #[serde(with = "wire::provenances")]
    pub provenance: Provenances,
}

impl Target {
    /// Must `child` carry this target (adopt it, issue by its date)? The
    /// target's plan is at `plan_level`.
    pub fn binds(&self, plan_level: Level, child: &Plan) -> bool {
        match &self.applies_to {
            Some(list) => list.iter().any(|b| b.binds(child)),
            None => child.level > plan_level,
        }
    }

    /// Does this target judge a child target of the same metric? When it
    /// binds the child, or bodies below the child that the child passes it on
    /// to (a ward's target for its schools). An internal target (`[]`)
    /// judges no one.
    pub fn judges(&self, child: &Plan) -> bool {
        match &self.applies_to {
            None => true,
            Some(list) => list.iter().any(|b| b.binds(child) || b.below(child.level)),
        }
    }

    /// Must `child` issue its plan by this target's date? A target on issuing
    /// plans ("100% cơ sở giáo dục ban hành kế hoạch …") binds those its text
    /// names when `applies_to` does not say: the schools, not the ward that
    /// stands between. Text naming no one binds as [`Target::binds`].
    pub fn issuance_binds(&self, plan_level: Level, child: &Plan) -> bool {
        if self.applies_to.is_some() {
            return self.binds(plan_level, child);
        }
        let named = Level::named_in(&self.text);
        if named.is_empty() {
            self.binds(plan_level, child)
        } else {
            named.contains(&child.level)
        }
    }

    /// Internal to its own plan: `applies_to: []`.
    pub fn is_internal(&self) -> bool {
        self.applies_to.as_ref().is_some_and(Vec::is_empty)
    }

    /// Its own deadline: `None` when it has none or only a start ("Từ năm
    /// 2027"), in which case it inherits one.
    pub fn deadline(&self) -> Option<&Deadline> {
        self.due.as_ref().filter(|d| !d.is_start())
    }

    /// Only a start is written: the deadline is inherited.
    pub fn has_only_start(&self) -> bool {
        self.due.as_ref().is_some_and(Deadline::is_start)
    }

    pub fn value_for(&self, segment: Option<&str>) -> Option<&SegmentValue> {
        self.values
            .iter()
            .find(|v| v.segment.as_deref() == segment)
            .or_else(|| self.values.iter().find(|v| v.segment.is_none()))
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Task {
    pub id: Str,
    pub area: Option<Str>,
    pub text: Str,
    pub lead: Vec<Str>,
    pub cooperating: Vec<Str>,
    pub product: Option<Str>,
    pub due: Option<Deadline>,
    pub note: Option<Str>,
    #[serde(with = "wire::provenances")]
    pub provenance: Provenances,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reporting {
    pub what: Str,
    pub from: Vec<Str>,
    pub to: Option<Str>,
    pub due: Deadline,
    #[serde(with = "wire::provenances")]
    pub provenance: Provenances,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Waiver {
    pub metric: Str,
    pub reason: Str,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub issuer: String,
    pub level: Level,
    pub issued: Issued,
    pub period: Period,
    /// The plans this one implements, the most direct first.
    pub parents: Vec<String>,
    /// The documents it cites, which need not be plans of the repository.
    #[serde(with = "wire::cites")]
    pub cites: Vec<Citation>,
    /// What kind of document it is (`type:`), when it says.
    pub kind: Option<DocType>,
    /// For a school: the kinds of school it is (`school:`, else read from
    /// its issuer's name).
    pub schools: Vec<SchoolKind>,
    pub segment: Vec<String>,
    pub segments: BTreeMap<String, String>,
    pub units: BTreeMap<String, String>,
    pub reporting: Vec<Reporting>,
    pub targets: Vec<Target>,
    pub waivers: Vec<Waiver>,
    pub tasks: Vec<Task>,
    /// Header values not stated in the document (number, issued, ...).
    #[serde(with = "wire::provenances")]
    pub provenance: Provenances,
}

impl Plan {
    /// The year a deadline phrase without a year takes.
    pub fn year(&self) -> i32 {
        if self.period.from == self.period.to {
            self.period.from
        } else {
            self.issued.year()
        }
    }

    pub fn has_parent(&self, id: &str) -> bool {
        self.parents.iter().any(|p| p == id)
    }

    /// A unit's full name, for tables; level words and unknown keys as written.
    pub fn unit_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.units.get(key).map(String::as_str).unwrap_or(key)
    }
}

/// What the catalog says of an indicator.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub key: String,
    pub name: String,
    pub unit: IndicatorUnit,
    pub noun: Option<String>,
    pub direction: Direction,
    /// Its deadline is the deadline for child bodies to issue their own plan.
    pub plan_issuance: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorUnit {
    Percent,
    Count,
    Level,
    YesNo,
}

impl IndicatorUnit {
    pub fn parse(s: &str) -> Option<IndicatorUnit> {
        match crate::text::fold(s).as_str() {
            "percent" | "%" | "ratio" => Some(IndicatorUnit::Percent),
            "count" => Some(IndicatorUnit::Count),
            "level" => Some(IndicatorUnit::Level),
            "yes-no" | "yes/no" | "bool" => Some(IndicatorUnit::YesNo),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            IndicatorUnit::Percent => "percent",
            IndicatorUnit::Count => "count",
            IndicatorUnit::Level => "level",
            IndicatorUnit::YesNo => "yes-no",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_word_is_a_level() {
        for (w, l) in Level::WORDS {
            assert_eq!(Level::parse(w), Some(*l), "{w}");
        }
        for l in Level::ALL {
            assert_eq!(Level::parse(l.key()), Some(l));
        }
        assert_eq!(Level::parse("Ward"), Some(Level::Commune));
        assert_eq!(Level::parse("Phường"), Some(Level::Commune));
    }

    #[test]
    fn issued_month_spans_the_month() {
        let i = Issued::parse("2026-06").unwrap();
        assert_eq!(
            i.earliest(),
            chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
        );
        assert_eq!(
            i.latest(),
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
        );
        let d = Issued::parse("2026-05-13").unwrap();
        assert_eq!(d.earliest(), d.latest());
        assert!(Issued::parse("2026-13").is_none());
        assert!(Issued::parse("tháng 6").is_none());
    }

    #[test]
    fn period_parses_year_and_span() {
        assert_eq!(Period::parse("2026"), Some(Period::years(2026, 2026)));
        assert_eq!(Period::parse("2022-2030"), Some(Period::years(2022, 2030)));
        assert_eq!(Period::parse("2030-2022"), None);
        assert!(
            Period::parse("2022-2030")
                .unwrap()
                .contains(&Period::parse("2023").unwrap())
        );
        assert!(
            !Period::parse("2026")
                .unwrap()
                .contains(&Period::parse("2025-2026").unwrap())
        );
    }

    #[test]
    fn levels_parse_in_both_languages() {
        assert_eq!(Level::parse("commune"), Some(Level::Commune));
        assert_eq!(Level::parse("Phường"), Some(Level::Commune));
        // The README and officials writing in English say "ward" (issue 16).
        assert_eq!(Level::parse("ward"), Some(Level::Commune));
        assert_eq!(Level::parse("Thị trấn"), Some(Level::Commune));
        assert_eq!(Level::parse("THPT"), Some(Level::School));
        assert_eq!(
            Level::Province.below(),
            vec![Level::District, Level::Commune, Level::School]
        );
    }

    fn plan(id: &str, level: Level, schools: &[SchoolKind]) -> Plan {
        Plan {
            id: id.into(),
            title: String::new(),
            issuer: String::new(),
            number: None,
            level,
            issued: Issued::parse("2026-06").unwrap(),
            period: Period::years(2026, 2026),
            parents: Vec::new(),
            cites: Vec::new(),
            kind: None,
            schools: schools.to_vec(),
            segment: Vec::new(),
            segments: BTreeMap::new(),
            units: BTreeMap::new(),
            targets: Vec::new(),
            tasks: Vec::new(),
            reporting: Vec::new(),
            waivers: Vec::new(),
            provenance: Default::default(),
        }
    }

    fn target(applies_to: Option<&[&str]>, text: &str) -> Target {
        Target {
            id: "1".into(),
            area: None,
            text: text.into(),
            metric: "m".into(),
            values: Vec::new(),
            due: None,
            lead: Vec::new(),
            implementers: Vec::new(),
            applies_to: applies_to.map(|l| l.iter().map(|b| Binding::parse(b)).collect()),
            provenance: Default::default(),
        }
    }

    #[test]
    fn bindings_are_levels_school_kinds_or_plan_ids() {
        assert_eq!(Binding::parse("commune"), Binding::Level(Level::Commune));
        assert_eq!(Binding::parse("Phường"), Binding::Level(Level::Commune));
        assert_eq!(
            Binding::parse("thpt"),
            Binding::School(SchoolKind::UpperSecondary)
        );
        assert_eq!(
            Binding::parse("Tiểu học"),
            Binding::School(SchoolKind::Primary)
        );
        assert_eq!(
            Binding::parse("ninh-binh/so-gddt-2026"),
            Binding::Plan("ninh-binh/so-gddt-2026".into())
        );
    }

    #[test]
    fn school_kinds_are_read_from_the_issuer() {
        use SchoolKind::*;
        assert_eq!(
            SchoolKind::from_issuer("Trường THPT An Lão"),
            [UpperSecondary]
        );
        assert_eq!(
            SchoolKind::from_issuer("Trường TH&THCS Kim Đồng"),
            [Primary, LowerSecondary, MultiLevel]
        );
        assert_eq!(
            SchoolKind::from_issuer("Trường Mầm non Hoa Sen"),
            [Preschool]
        );
        assert_eq!(SchoolKind::from_issuer("Trường Tieu hoc Yen So"), [Primary]);
        assert!(SchoolKind::from_issuer("UBND phường Tam Chúc").is_empty());
    }

    #[test]
    fn whom_a_target_binds_and_judges() {
        let ward = plan("t/xa", Level::Commune, &[]);
        let thpt = plan("t/thpt", Level::School, &[SchoolKind::UpperSecondary]);
        let primary = plan("t/th", Level::School, &[SchoolKind::Primary]);
        let unknown_school = plan("t/truong", Level::School, &[]);
        let so = plan("t/so", Level::Province, &[]);
        // Absent: every level below, and it judges all.
        let t = target(None, "");
        assert!(t.binds(Level::Province, &ward) && t.judges(&ward));
        assert!(!t.binds(Level::Province, &so) && t.judges(&so));
        // Internal: binds and judges no one.
        let t = target(Some(&[]), "");
        assert!(t.is_internal());
        assert!(!t.binds(Level::Province, &ward) && !t.judges(&ward));
        // Primary schools only: not an upper-secondary school; a school of
        // unknown kind is bound; the ward passes it on, so it is judged.
        let t = target(Some(&["tiểu học"]), "");
        assert!(t.binds(Level::Commune, &primary));
        assert!(!t.binds(Level::Commune, &thpt) && !t.judges(&thpt));
        assert!(t.binds(Level::Commune, &unknown_school));
        assert!(!t.binds(Level::Province, &ward) && t.judges(&ward));
        // A UBND tỉnh target binding its own Sở, of the same level.
        let t = target(Some(&["t/so"]), "");
        assert!(t.binds(Level::Province, &so) && !t.binds(Level::Province, &ward));
    }

    #[test]
    fn an_issuing_target_binds_those_its_text_names() {
        let ward = plan("t/xa", Level::Commune, &[]);
        let school = plan("t/th", Level::School, &[]);
        let t = target(None, "100% cơ sở giáo dục ban hành kế hoạch chuyển đổi số");
        assert!(!t.issuance_binds(Level::Province, &ward));
        assert!(t.issuance_binds(Level::Province, &school));
        let t = target(None, "100% UBND cấp xã ban hành kế hoạch");
        assert!(t.issuance_binds(Level::Province, &ward));
        assert!(!t.issuance_binds(Level::Province, &school));
        // Naming no one: every level below.
        let t = target(None, "Ban hành kế hoạch");
        assert!(
            t.issuance_binds(Level::Province, &ward) && t.issuance_binds(Level::Province, &school)
        );
        // applies_to says it, whatever the text.
        let t = target(Some(&["commune"]), "100% cơ sở giáo dục ban hành kế hoạch");
        assert!(t.issuance_binds(Level::Province, &ward));
        assert_eq!(
            Level::named_in("Các trường học và UBND cấp xã"),
            [Level::Commune, Level::School]
        );
    }
}
