//! Fidelity of the shipped plans to the five seeds (issue 14).
//!
//! - `counts_per_section_match_the_sources`: a table, per seed and section, of how many
//!   targets, tasks, duties and reports the document holds (counted by reading it; the
//!   comments say how) against how many the encoding holds.
//! - `every_target_text_is_in_its_source`: each target's `text` (and each duty's) is found
//!   in the seed, whitespace and line breaks normalised. The seeds live in
//!   `../shared/seeds/` (there in CI); where they are absent the test says so in its output.
//! - `one_metric_per_meaning_*`: two targets share a metric only when they mean the same
//!   measure of the same population.

use kh::domain::Plan;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn plan(file: &str) -> Plan {
    let src = std::fs::read_to_string(Path::new("plans").join(file)).unwrap();
    let (plan, findings) = kh::load::plan(0, &src);
    assert!(findings.is_empty(), "{file}: {findings:?}");
    plan.unwrap()
}

fn all_plans() -> Vec<(String, Plan)> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from("plans")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml")
                && p.file_name().is_some_and(|n| n != "indicators.yaml")
            {
                let rel = p
                    .strip_prefix("plans")
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel.clone(), plan(&rel)));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Target,
    Task,
    /// A duty of "Tổ chức thực hiện" with no report in it: encoded as a task.
    Duty,
    /// Reporting duties, counted unit × period (one `from` entry of one `reporting` row).
    Report,
}

/// One row of the table: a section of a document, what it holds, how many, and
/// which encoded items are that section's (by id prefix; "" = every id).
struct Row {
    section: &'static str,
    kind: Kind,
    source: usize,
    prefix: &'static str,
    /// Ids of that prefix that belong to another row (e.g. a numeric id of another table).
    not: &'static [&'static str],
}

const fn row(section: &'static str, kind: Kind, source: usize, prefix: &'static str) -> Row {
    Row {
        section,
        kind,
        source,
        prefix,
        not: &[],
    }
}

struct Seed {
    seed: &'static str,
    file: &'static str,
    rows: Vec<Row>,
}

fn table() -> Vec<Seed> {
    use Kind::*;
    vec![
        // 000: a draft appendix. Phụ lục 1 has 29 rows; III.2, IV.1 (two systems) and IV.3
        // hold two targets each. Phụ lục 2 has 12 rows, row 2 holding "mức độ 3". Reports:
        // the fourth column's "báo cáo kết quả thực hiện" gives no time, so none.
        Seed {
            seed: "000_4c232cc99da5942d.txt",
            file: "ninh-binh/so-gddt-2026.yaml",
            rows: vec![
                Row {
                    not: &["PL2."],
                    ..row("Phụ lục 1 (chỉ tiêu)", Target, 32, "")
                },
                row("Phụ lục 2: requirement inside a task", Target, 1, "PL2."),
                row("Phụ lục 2 (nhiệm vụ)", Task, 12, "PL2."),
                row("reports", Report, 0, ""),
            ],
        },
        // 001: I.2 has 30 targets (2.1: 2, 2.2: 2, 2.3: 5, 2.4: 4, 2.5: 14, 2.6: 3); II has
        // 28 bullets, two with a measurable requirement of their own (II.1.3 "tối thiểu ở
        // mức độ 2", II.3.3 "tích hợp 100% dữ liệu"; II.2.2 and II.6.1 restate 2.1.2 and
        // 2.5.4). V: VHXH tham mưu, VHXH dự toán, KTHTDT kinh phí, schools' own plans; reports:
        // schools quarterly and yearly, VHXH to the phường and the Sở.
        Seed {
            seed: "001_cb8ab53f07380883.txt",
            file: "ninh-binh/tam-chuc-2026.yaml",
            rows: vec![
                row("I.2 Mục tiêu cụ thể", Target, 30, "2."),
                row("II: requirements inside tasks", Target, 2, "II."),
                row("II Nhiệm vụ, giải pháp", Task, 28, "II."),
                row("V Tổ chức thực hiện (duties)", Duty, 4, "V."),
                row("V Tổ chức thực hiện (reports)", Report, 3, ""),
            ],
        },
        // 002: I has 28 targets (I.1.a 4, I.1.b 3, I.2 8, I.3 7, I.4 6); II has 4 tasks;
        // III has 8 duties besides its reports: TCCBQLCL monthly, Phòng GDĐT and THPT
        // schools / centres each "tháng/quí/năm" (1 + 3 + 3).
        Seed {
            seed: "002_294b57059e270efb.txt",
            file: "quang-ninh/so-gddt-2023.yaml",
            rows: vec![
                row("I Mục tiêu", Target, 28, "I."),
                row("II Nhiệm vụ", Task, 4, "II."),
                row("III Tổ chức thực hiện (duties)", Duty, 8, "III."),
                row("III Tổ chức thực hiện (reports)", Report, 7, ""),
            ],
        },
        // 003: Phụ lục 1 has 22 rows, Phụ lục 2 29. V has 19 bullets: 17 duties, and two
        // reports, V.2.6 (quý and năm, Phụ lục 2 row 1) and V.3.4 (tổ/nhóm, "Định kỳ").
        Seed {
            seed: "003_9deed913f1c2bcc7.txt",
            file: "hai-phong/thpt-an-lao-2026.yaml",
            rows: vec![
                row("Phụ lục 1 (chỉ tiêu)", Target, 22, ""),
                Row {
                    not: &["V."],
                    ..row("Phụ lục 2 (nhiệm vụ)", Task, 29, "")
                },
                row("V Tổ chức thực hiện (duties)", Duty, 17, "V."),
                row("V Tổ chức thực hiện (reports)", Report, 3, ""),
            ],
        },
        // 004, the Sở's own plan: II.2 has 17 targets, II.3 4; five Phụ lục 1 rows hold a
        // requirement II does not (rows 11, 16, 19, 20, 21); Phụ lục 1 has 23 rows; III has
        // 47 paragraphs (1.1: 7, 1.2: 2, 1.3: 4, 1.4: 5, 1.5: 4, 1.6: 3, 2.1: 6, 2.2: 3, 3: 3,
        // 4: 2, 5: 3, 6: 5); V has 6 duties besides its reports (V.1 phòng monthly; V.3 phòng
        // monthly, Phòng GDĐT and đơn vị trực thuộc yearly: 1 + 1 + 2).
        Seed {
            seed: "004_87a577f82c960c9b.txt",
            file: "dak-nong/so-gddt-2022-2025.yaml",
            rows: vec![
                row("II.2 Mục tiêu đến 2025", Target, 17, "2.2."),
                row("II.3 Mục tiêu đến 2030", Target, 4, "2.3."),
                row("Phụ lục 1: requirements inside rows", Target, 5, "PL1."),
                row("Phụ lục 1 (nhiệm vụ)", Task, 23, "PL1."),
                row("III Nhiệm vụ, giải pháp chủ yếu", Task, 47, "III."),
                row("V Tổ chức thực hiện (duties)", Duty, 6, "V."),
                row("V Tổ chức thực hiện (reports)", Report, 4, ""),
            ],
        },
        // 004, Phụ lục 2, the UBND tỉnh's table (261/KH-UBND): 29 rows; ten measurable
        // requirements in "Mục tiêu đến 2025" and the Nhiệm vụ cells (rows 1.a, 1.a.3 ×2,
        // 2.b.1 ×2, 3.b.3, 3.c.1, 4.b ×2, 4.c).
        Seed {
            seed: "004_87a577f82c960c9b.txt",
            file: "dak-nong/ubnd-261-2022.yaml",
            rows: vec![
                row("Phụ lục 2: Mục tiêu đến 2025", Target, 10, "PL2."),
                row("Phụ lục 2 (nhiệm vụ, giải pháp)", Task, 29, "PL2."),
                row("reports", Report, 0, ""),
            ],
        },
    ]
}

fn encoded(p: &Plan, r: &Row) -> usize {
    let picks = |id: &str| id.starts_with(r.prefix) && !r.not.iter().any(|n| id.starts_with(n));
    // A duty is a task of the "Tổ chức thực hiện" section: V. (000, 001, 003, 004) or III. (002).
    match r.kind {
        Kind::Target => p.targets.iter().filter(|t| picks(&t.id)).count(),
        Kind::Task | Kind::Duty => p.tasks.iter().filter(|t| picks(&t.id)).count(),
        Kind::Report => p.reporting.iter().map(|r| r.from.len()).sum(),
    }
}

#[test]
fn counts_per_section_match_the_sources() {
    let mut out = String::from(
        "| seed | plan | section | kind | source | encoded |\n|---|---|---|---|---|---|\n",
    );
    let mut wrong = Vec::new();
    for s in table() {
        let p = plan(s.file);
        let mut covered = (0, 0, 0);
        for r in &s.rows {
            let n = encoded(&p, r);
            out.push_str(&format!(
                "| {} | {} | {} | {:?} | {} | {} |\n",
                &s.seed[..3],
                s.file,
                r.section,
                r.kind,
                r.source,
                n
            ));
            if n != r.source {
                wrong.push(format!(
                    "{} {}: source {}, encoded {n}",
                    s.file, r.section, r.source
                ));
            }
            match r.kind {
                Kind::Target => covered.0 += n,
                Kind::Task | Kind::Duty => covered.1 += n,
                Kind::Report => covered.2 += 1,
            }
        }
        // Every encoded item belongs to some row of the table: nothing unaccounted for.
        assert_eq!(
            covered.0,
            p.targets.len(),
            "{}: targets outside the table",
            s.file
        );
        assert_eq!(
            covered.1,
            p.tasks.len(),
            "{}: tasks outside the table",
            s.file
        );
    }
    println!("{out}");
    assert!(wrong.is_empty(), "{out}\n{}", wrong.join("\n"));
}

/// The national plan holds no target no seed states: none is quoted from 131/QĐ-TTg.
#[test]
fn the_national_plan_claims_only_what_a_source_states() {
    let p = plan("national/qd-131-2022.yaml");
    assert!(p.targets.is_empty() && p.tasks.is_empty());
    for f in ["number", "issued", "title", "issuer", "period"] {
        assert!(
            p.provenance.contains_key(f),
            "national `{f}` has no provenance"
        );
    }
    // Every target a plan has there must say where its value is quoted from.
    for t in &p.targets {
        assert!(t.provenance.contains_key("value"), "{}", t.id);
    }
}

fn seeds_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    d.is_dir().then_some(d)
}

/// Text with whitespace and markup dropped: the seeds break lines inside words of table
/// cells and mark emphasis with `*`.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where `text` is in `source`: whole, or (where the encoding elides with "...") each
/// fragment in order. Table cells that the seed interleaves with the next column are
/// found word by word, in order, within a short window.
fn found(text: &str, source: &str) -> Result<bool, String> {
    let frags: Vec<String> = text
        .split("...")
        .flat_map(|f| f.split('…'))
        .map(squash)
        .filter(|f| !f.is_empty())
        .collect();
    let mut at = 0;
    let mut whole = true;
    for f in &frags {
        match source[at..].find(f.as_str()) {
            Some(i) => at += i + f.len(),
            None => {
                whole = false;
                break;
            }
        }
    }
    if whole {
        return Ok(true);
    }
    // Word by word: every word in order, the whole span at most three times the text.
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '…')
        .map(|w| squash(w.trim_matches('.')))
        .filter(|w| !w.is_empty())
        .collect();
    let limit = 3 * squash(text).len() + 200;
    let first = words.first().ok_or("empty text")?;
    let mut from = 0;
    while let Some(i) = source[from..].find(first.as_str()) {
        let start = from + i;
        let mut pos = start + first.len();
        let ok = words[1..]
            .iter()
            .all(|w| match source[pos..].find(w.as_str()) {
                Some(j) if pos + j + w.len() - start <= limit => {
                    pos += j + w.len();
                    true
                }
                _ => false,
            });
        if ok {
            return Ok(false);
        }
        from = start + first.len();
    }
    Err(format!("not found: {text}"))
}

#[test]
fn every_target_text_is_in_its_source() {
    let Some(dir) = seeds_dir() else {
        println!(
            "SKIPPED: the seeds are not at ../shared/seeds/ beside this repository; the texts of the shipped plans were not compared with their sources"
        );
        return;
    };
    let mut missing = Vec::new();
    let mut by_words = Vec::new();
    let mut checked = 0;
    for s in table() {
        let source = squash(&std::fs::read_to_string(dir.join(s.seed)).unwrap());
        let p = plan(s.file);
        let duties = p
            .tasks
            .iter()
            .filter(|t| t.id.starts_with("V.") || t.id.starts_with("III."));
        let items = p
            .targets
            .iter()
            .map(|t| (&t.id, &t.text))
            .chain(duties.map(|t| (&t.id, &t.text)));
        for (id, text) in items {
            checked += 1;
            match found(text, &source) {
                Ok(true) => {}
                Ok(false) => by_words.push(format!("{} {id}", s.file)),
                Err(e) => missing.push(format!("{} {id}: {e}", s.file)),
            }
        }
    }
    println!(
        "{checked} texts compared with the seeds; found word by word across table columns: {}",
        if by_words.is_empty() {
            "none".to_string()
        } else {
            by_words.join(", ")
        }
    );
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Two targets of one plan share a metric only with segments that tell them apart, or as
/// one measure at two horizons (reviewed here, with the document's words).
const SAME_MEASURE_TWO_HORIZONS: &[(&str, &str, &str)] = &[
    // "đáp ứng yêu cầu về tài liệu học tập cho 50% nội dung chương trình giáo dục phổ thông"
    // (2025) and "... cho toàn bộ chương trình giáo dục phổ thông" (2030).
    ("dak-nong/so-gddt-2022-2025", "2.2.a.4", "2.3.1c"),
];

#[test]
fn one_metric_per_meaning_within_a_plan() {
    let mut bad = Vec::new();
    for (_, p) in all_plans() {
        let mut by_metric: BTreeMap<&str, Vec<&kh::domain::Target>> = BTreeMap::new();
        for t in &p.targets {
            by_metric.entry(&t.metric).or_default().push(t);
        }
        for (metric, ts) in by_metric {
            for (i, a) in ts.iter().enumerate() {
                for b in &ts[i + 1..] {
                    let segs = |t: &kh::domain::Target| -> Vec<Option<String>> {
                        t.values
                            .iter()
                            .map(|v| v.segment.as_deref().map(String::from))
                            .collect()
                    };
                    let apart = segs(a).iter().all(|s| s.is_some() && !segs(b).contains(s));
                    let reviewed = SAME_MEASURE_TWO_HORIZONS
                        .iter()
                        .any(|(pl, x, y)| *pl == p.id && *x == a.id && *y == b.id);
                    if !apart && !reviewed {
                        bad.push(format!("{}: {} and {} share `{metric}`", p.id, a.id, b.id));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every pair kh compares (a child target and a parent target of one metric) is listed
/// here, read side by side: same population, same measure. A new pair fails until it is
/// read and added.
const SAME_MEANING_ACROSS_PLANS: &[(&str, &str, &str)] = &[
    // (child plan, child target, parent target)
    ("dak-nong/so-gddt-2022-2025", "2.2.a.1", "PL2.4.c"),
    ("dak-nong/so-gddt-2022-2025", "2.2.a.4", "PL2.2.b.1a"),
    ("dak-nong/so-gddt-2022-2025", "2.3.1c", "PL2.2.b.1a"),
    ("dak-nong/so-gddt-2022-2025", "2.2.b.1a", "PL2.3.c.1"),
    ("dak-nong/so-gddt-2022-2025", "PL1.16", "PL2.1.a.3-a"),
    ("dak-nong/so-gddt-2022-2025", "PL1.19", "PL2.1.a"),
    ("dak-nong/so-gddt-2022-2025", "PL1.21", "PL2.4.b-b"),
    ("ninh-binh/tam-chuc-2026", "2.1.1", "I.1"),
    ("ninh-binh/tam-chuc-2026", "2.1.2", "I.2"),
    ("ninh-binh/tam-chuc-2026", "2.2.1", "II.2"),
    ("ninh-binh/tam-chuc-2026", "2.3.2", "III.4"),
    ("ninh-binh/tam-chuc-2026", "2.3.3a", "III.2a"),
    ("ninh-binh/tam-chuc-2026", "2.3.3b", "III.3"),
    ("ninh-binh/tam-chuc-2026", "2.3.3c", "III.2b"),
    ("ninh-binh/tam-chuc-2026", "2.4.1", "IV.1b"),
    ("ninh-binh/tam-chuc-2026", "2.4.2a", "IV.3a"),
    ("ninh-binh/tam-chuc-2026", "2.4.2b", "IV.3b"),
    ("ninh-binh/tam-chuc-2026", "2.4.3", "IV.5"),
    ("ninh-binh/tam-chuc-2026", "2.5.1", "V.1"),
    ("ninh-binh/tam-chuc-2026", "2.5.2", "V.2"),
    ("ninh-binh/tam-chuc-2026", "2.5.3", "V.3"),
    ("ninh-binh/tam-chuc-2026", "2.5.4", "V.4"),
    ("ninh-binh/tam-chuc-2026", "2.5.5", "V.5"),
    ("ninh-binh/tam-chuc-2026", "2.5.6", "V.6"),
    ("ninh-binh/tam-chuc-2026", "2.5.7", "V.7"),
    ("ninh-binh/tam-chuc-2026", "2.5.8", "V.8"),
    ("ninh-binh/tam-chuc-2026", "2.5.9", "V.9"),
    ("ninh-binh/tam-chuc-2026", "2.5.10", "V.10"),
    ("ninh-binh/tam-chuc-2026", "2.5.11", "V.11"),
    ("ninh-binh/tam-chuc-2026", "2.5.12", "V.12"),
    ("ninh-binh/tam-chuc-2026", "2.5.13", "V.13"),
    ("ninh-binh/tam-chuc-2026", "2.5.14", "V.14"),
];

#[test]
fn one_metric_per_meaning_across_parent_and_child() {
    let plans = all_plans();
    let by_id: BTreeMap<&str, &Plan> = plans.iter().map(|(_, p)| (p.id.as_str(), p)).collect();
    let mut pairs = Vec::new();
    for (_, child) in &plans {
        for parent in child.parents.iter().filter_map(|id| by_id.get(id.as_str())) {
            for ct in &child.targets {
                for pt in parent.targets.iter().filter(|pt| pt.metric == ct.metric) {
                    pairs.push((child.id.clone(), ct.id.clone(), pt.id.clone()));
                }
            }
        }
    }
    let unreviewed: Vec<String> = pairs
        .iter()
        .filter(|(c, ct, pt)| {
            !SAME_MEANING_ACROSS_PLANS
                .iter()
                .any(|(a, b, d)| a == c && b == ct && d == pt)
        })
        .map(|(c, ct, pt)| format!("(\"{c}\", \"{ct}\", \"{pt}\"),"))
        .collect();
    assert!(
        unreviewed.is_empty(),
        "pairs kh compares that nobody has read side by side:\n{}",
        unreviewed.join("\n")
    );
    let stale: Vec<_> = SAME_MEANING_ACROSS_PLANS
        .iter()
        .filter(|(a, b, d)| !pairs.iter().any(|(c, ct, pt)| c == a && ct == b && pt == d))
        .collect();
    assert!(
        stale.is_empty(),
        "listed pairs kh no longer compares: {stale:?}"
    );
    // The joins issue 14 found are split.
    let metric = |plan: &str, id: &str| {
        by_id[plan]
            .targets
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.metric.clone())
            .unwrap()
    };
    for (a, b) in [
        (
            ("ninh-binh/so-gddt-2026", "III.1"),
            ("ninh-binh/tam-chuc-2026", "2.3.1"),
        ),
        (
            ("quang-ninh/so-gddt-2023", "I.4.a.1"),
            ("dak-nong/so-gddt-2022-2025", "2.2.b.6"),
        ),
        (
            ("dak-nong/so-gddt-2022-2025", "2.2.b.2"),
            ("dak-nong/so-gddt-2022-2025", "2.3.2"),
        ),
        (
            ("ninh-binh/so-gddt-2026", "IV.1a"),
            ("ninh-binh/tam-chuc-2026", "2.4.1"),
        ),
    ] {
        assert_ne!(metric(a.0, a.1), metric(b.0, b.1), "{a:?} {b:?}");
    }
}
