//! Every output of issue 18 read back with an independent reader: workbooks
//! with calamine (the same rows and values as `--format csv`, dates as
//! dates), the Word appendix through zip + quick-xml (the same targets and
//! tasks as the plan file), drafts from `kh new` through `kh check`, the
//! dashboard against `kh status --format json`, and the dashboard's pages in a
//! real headless Chromium.

use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-11-23";

fn kh_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    crate::util::run(crate::util::kh().current_dir(dir).args(args))
}

fn kh(args: &[&str]) -> (String, String, i32) {
    kh_in(Path::new("."), args)
}

/// The CSV of a command, as rows of cells, header first.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix('\u{feff}')
        .expect("CSV opens with a BOM for Excel");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect()
}

/// A number as kh writes it in text: "85", "87.5".
fn number_text(f: f64) -> String {
    let s = format!("{f}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Compares a sheet cell with the CSV's text of the same cell; counts typed cells.
fn same_cell(csv: &str, cell: &Data, typed: &mut BTreeMap<&'static str, usize>, at: &str) {
    match cell {
        Data::DateTime(dt) => {
            *typed.entry("date").or_default() += 1;
            let d = dt.as_datetime().expect("a date").date();
            assert_eq!(d.format("%Y-%m-%d").to_string(), csv, "{at}");
        }
        Data::Float(f) => {
            *typed.entry("number").or_default() += 1;
            let n = number_text(*f);
            assert!(
                csv == n || csv == format!("{n}%"),
                "{at}: sheet {f} against CSV {csv:?}"
            );
        }
        Data::Int(i) => {
            *typed.entry("number").or_default() += 1;
            assert_eq!(i.to_string(), csv, "{at}");
        }
        Data::String(s) => {
            *typed.entry("text").or_default() += 1;
            // The CSV neutralises a cell a spreadsheet would run as a formula
            // with a leading `'`; a workbook stores the text itself.
            let plain = csv
                .strip_prefix('\'')
                .filter(|r| r.starts_with(['=', '+', '-', '@', '\t', '\r']))
                .unwrap_or(csv);
            assert_eq!(s, plain, "{at}");
        }
        Data::Empty => assert_eq!(csv, "", "{at}"),
        other => panic!("{at}: unexpected cell {other:?}"),
    }
}

/// `kh <args> --format csv` and `--format xlsx -o`: the first sheet holds the
/// same rows and values, and the last says where the workbook came from.
/// Returns the counts of typed cells.
fn xlsx_matches_csv(args: &[&str], expected_code: i32) -> BTreeMap<&'static str, usize> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--format", "csv"]);
    let (csv, err, code) = kh(&a);
    assert_eq!(code, expected_code, "{err}");
    let mut b: Vec<&str> = args.to_vec();
    let p = path.to_str().unwrap();
    b.extend(["--format", "xlsx", "-o", p]);
    let (out, err, code) = kh(&b);
    assert_eq!(code, expected_code, "{err}");
    assert!(out.is_empty(), "a workbook goes to its file only: {out}");
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    assert!(names.len() >= 2, "{names:?}");
    let range = book.worksheet_range(&names[0]).unwrap();
    let want = csv_rows(&csv);
    let got: Vec<&[Data]> = range.rows().collect();
    assert_eq!(got.len(), want.len(), "rows of {args:?}");
    let mut typed = BTreeMap::new();
    for (r, (g, w)) in got.iter().zip(&want).enumerate() {
        for (c, wc) in w.iter().enumerate() {
            let cell = g.get(c).cloned().unwrap_or(Data::Empty);
            if r == 0 {
                assert_eq!(cell, Data::String(wc.clone()), "header {c}");
            } else {
                same_cell(wc, &cell, &mut typed, &format!("{args:?} row {r} col {c}"));
            }
        }
    }
    // The about sheet: repository, date, version, command.
    let about = book.worksheet_range(names.last().unwrap()).unwrap();
    let cells: Vec<Vec<Data>> = about.rows().map(|r| r.to_vec()).collect();
    assert_eq!(cells.len(), 5, "{cells:?}");
    assert!(
        matches!(cells[2][1], Data::DateTime(_)),
        "{:?}",
        cells[2][1]
    );
    assert_eq!(
        cells[3][1],
        Data::String(env!("CARGO_PKG_VERSION").to_string())
    );
    let Data::String(command) = &cells[4][1] else {
        panic!("{:?}", cells[4][1])
    };
    assert!(command.starts_with(&format!("kh {}", args[0])), "{command}");
    // A frozen header row and an autofilter over the table.
    let sheet = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\""), "frozen pane");
    assert!(sheet.contains("<autoFilter ref=\"A1:"), "autofilter");
    assert!(sheet.contains("<col "), "fitted widths");
    typed
}

fn zip_entry(path: &Path, name: &str) -> String {
    use std::io::Read;
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut e = z.by_name(name).unwrap();
    let mut s = String::new();
    e.read_to_string(&mut s).unwrap();
    s
}

#[test]
fn status_workbook_has_the_csv_rows_with_real_dates_numbers_and_band_colours() {
    let typed = xlsx_matches_csv(&["status", "--as-of", AS_OF], 0);
    assert!(typed["date"] > 20, "{typed:?}");
    assert!(typed["number"] > 10, "{typed:?}");
    // Status cells are filled with their band's tint (met: green).
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.xlsx");
    let (_, err, code) = kh(&[
        "status",
        "--as-of",
        AS_OF,
        "--lang",
        "vi",
        "--format",
        "xlsx",
        "-o",
        p.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let styles = zip_entry(&p, "xl/styles.xml");
    for tint in ["FFC8E6C9", "FFFFECB3", "FFFFCDD2", "FFE0E0E0"] {
        assert!(styles.contains(tint), "band tint {tint}");
    }
    let mut book = calamine::open_workbook_auto(&p).unwrap();
    assert_eq!(book.sheet_names(), ["Tình hình", "Thông tin"]);
    let r = book.worksheet_range("Tình hình").unwrap();
    assert_eq!(r.get((0, 0)), Some(&Data::String("kế hoạch".into())));
}

#[test]
fn rollup_due_diff_and_check_workbooks_have_the_csv_rows() {
    xlsx_matches_csv(&["status", "--as-of", AS_OF, "--rollup"], 0);
    let due = xlsx_matches_csv(&["due", "--today", "2026-06-01", "--within", "200d"], 0);
    assert!(due["date"] > 5 && due["number"] > 5, "{due:?}");
    xlsx_matches_csv(
        &["diff", "ninh-binh/so-gddt-2026", "ninh-binh/tam-chuc-2026"],
        0,
    );
    let check = xlsx_matches_csv(&["check", "--today", AS_OF], 1);
    assert!(
        check["number"] >= 2,
        "line and column are numbers: {check:?}"
    );
}

#[test]
fn a_workbook_needs_an_output_file() {
    let (out, err, code) = kh(&["status", "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("-o FILE"), "{err}");
}

// ---------------------------------------------------------------- reports in

/// A copy of the shipped repository whose reports are `files`.
fn repo_with_reports(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("plans"), &dir.path().join("plans"));
    std::fs::write(
        dir.path().join("kh.yaml"),
        "plans: plans\nreports: reports\n",
    )
    .unwrap();
    for (name, bytes) in files {
        let p = dir.path().join("reports").join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

// ---------------------------------------------------------------- docx

#[derive(Debug, Default)]
struct Docx {
    /// Tables, rows, cells: the text of each cell.
    tables: Vec<Vec<Vec<String>>>,
    paragraphs: Vec<String>,
}

/// word/document.xml read with quick-xml: every table cell's text, every paragraph's.
fn read_docx(path: &Path) -> (Docx, String) {
    use quick_xml::events::Event;
    let xml = zip_entry(path, "word/document.xml");
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut doc = Docx::default();
    let mut depth = 0usize;
    let mut para = String::new();
    let mut cell = String::new();
    let mut in_text = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => match e.name().as_ref() {
                b"w:tbl" => {
                    depth += 1;
                    if depth == 1 {
                        doc.tables.push(Vec::new());
                    }
                }
                b"w:tr" if depth == 1 => doc.tables.last_mut().unwrap().push(Vec::new()),
                b"w:tc" if depth == 1 => cell.clear(),
                b"w:p" => para.clear(),
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:tbl" => depth -= 1,
                b"w:tc" if depth == 1 => doc
                    .tables
                    .last_mut()
                    .unwrap()
                    .last_mut()
                    .unwrap()
                    .push(cell.trim_end_matches('\n').to_string()),
                b"w:p" => {
                    if depth == 0 {
                        doc.paragraphs.push(para.clone());
                    } else {
                        cell.push_str(&para);
                        cell.push('\n');
                    }
                }
                b"w:t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.decode().unwrap()),
            Event::GeneralRef(g) if in_text => {
                if let Some(c) = g.resolve_char_ref().unwrap() {
                    para.push(c);
                } else {
                    para.push(match g.decode().unwrap().as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("entity {other}"),
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (doc, xml)
}

fn yaml(path: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn s(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Null => String::new(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_word_appendix_carries_every_target_and_task_of_the_plan() {
    for (id, file) in [
        (
            "ninh-binh/so-gddt-2026",
            "plans/ninh-binh/so-gddt-2026.yaml",
        ),
        (
            "hai-phong/thpt-an-lao-2026",
            "plans/hai-phong/thpt-an-lao-2026.yaml",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("plan.docx");
        let (_, err, code) = kh(&[
            "export",
            id,
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let (doc, xml) = read_docx(&out);
        let plan = yaml(file);
        assert_eq!(doc.tables.len(), 3, "header block, targets, tasks");
        // The header block: the issuer, the number, the motto.
        let head: Vec<String> = doc.tables[0].iter().flatten().cloned().collect();
        assert!(
            head.contains(&s(&plan["issuer"]).to_uppercase()),
            "{head:?}"
        );
        assert!(
            head.contains(&format!("Số: {}", s(&plan["number"]))),
            "{head:?}"
        );
        assert!(head.contains(&"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_string()));
        if let Some(c) = plan.get("cites") {
            let c = s(c);
            assert!(
                doc.paragraphs
                    .iter()
                    .any(|p| p.starts_with("Thực hiện ")
                        && p.contains(c.trim_end_matches(['.', ';']))),
                "{:?}",
                doc.paragraphs
            );
        }
        // The targets table: its columns, then per area a heading row and the targets.
        let targets = &doc.tables[1];
        assert_eq!(
            targets[0],
            [
                "TT",
                "Chỉ tiêu",
                "Mức đạt",
                "Đơn vị chủ trì",
                "Đơn vị tổ chức triển khai",
                "Thời gian hoàn thành"
            ]
        );
        let rows: Vec<&Vec<String>> = targets[1..].iter().filter(|r| r.len() == 6).collect();
        let want = plan["targets"].as_sequence().unwrap();
        assert_eq!(rows.len(), want.len(), "{id}: every target");
        for (r, t) in rows.iter().zip(want) {
            assert_eq!(r[0], s(&t["id"]));
            assert_eq!(r[1], s(&t["text"]));
            // The value as the plan writes it (a yes/no target leaves it empty).
            let value = t.get("target").map(s).unwrap_or_default();
            if t.get("stretch").is_none() && t.get("by_segment").is_none() && value != "yes" {
                assert_eq!(r[2], value, "{id} {}", r[0]);
            }
            assert_eq!(
                r[5],
                t.get("due").map(s).unwrap_or_default(),
                "{id} {}",
                r[0]
            );
        }
        let areas: Vec<String> = want.iter().filter_map(|t| t.get("area").map(s)).collect();
        let mut distinct = areas.clone();
        distinct.dedup();
        let headings: Vec<&Vec<String>> = targets[1..].iter().filter(|r| r.len() == 2).collect();
        if !areas.is_empty() {
            assert_eq!(headings[0][0], "I");
            assert!(distinct.contains(&headings[0][1]), "{:?}", headings[0]);
        }
        // The tasks table.
        let tasks = &doc.tables[2];
        assert_eq!(
            tasks[0],
            [
                "TT",
                "Nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Sản phẩm",
                "Thời gian hoàn thành"
            ]
        );
        let rows: Vec<&Vec<String>> = tasks[1..].iter().filter(|r| r.len() == 6).collect();
        let want = plan["tasks"]
            .as_sequence()
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        assert_eq!(rows.len(), want.len(), "{id}: every task");
        for (r, t) in rows.iter().zip(want) {
            assert_eq!((r[0].clone(), r[1].clone()), (s(&t["id"]), s(&t["text"])));
            assert_eq!(r[5], t.get("due").map(s).unwrap_or_default());
        }
        // Times New Roman 13 on A4, the tables on landscape pages.
        let styles = zip_entry(&out, "word/styles.xml");
        assert!(styles.contains("w:ascii=\"Times New Roman\""), "font");
        assert!(styles.contains("<w:sz w:val=\"26\""), "13 pt");
        assert!(
            xml.contains("w:w=\"11906\" w:h=\"16838\""),
            "A4 portrait front"
        );
        assert!(
            xml.contains("w:w=\"16838\" w:h=\"11906\""),
            "A4 landscape tables"
        );
        assert!(xml.contains("w:orient=\"landscape\""));
        // The plan file rides along, for kh import to give back the same plan.
        let custom = zip_entry(&out, "docProps/custom.xml");
        assert!(custom.contains("name=\"kh-plan\""), "{custom}");
        let src = std::fs::read_to_string(file).unwrap();
        let first = src.lines().find(|l| l.starts_with("id: ")).unwrap();
        assert!(custom.contains(first), "{first}");
    }
}

// ---------------------------------------------------------------- kh new

/// Findings of `kh check --format json` in the file `name`.
fn findings_in(dir: &Path, name: &str) -> Vec<serde_json::Value> {
    let (out, err, _) = kh_in(dir, &["check", "--today", AS_OF, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"].as_str().unwrap().ends_with(name))
        .cloned()
        .collect()
}

#[test]
fn drafts_for_a_commune_and_a_primary_school_pass_kh_check() {
    let dir = repo_with_reports(&[]);
    let commune = "plans/ninh-binh/phuong-hoa-lu-2026.yaml";
    let (out, err, code) = kh_in(
        dir.path(),
        &[
            "new",
            "--parent",
            "ninh-binh/so-gddt-2026",
            "--level",
            "commune",
            "--id",
            "ninh-binh/phuong-hoa-lu-2026",
            "--issuer",
            "UBND phường Hoa Lư",
            "-o",
            commune,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let f = findings_in(dir.path(), "phuong-hoa-lu-2026.yaml");
    assert!(f.is_empty(), "{f:#?}");
    let draft = yaml(dir.path().join(commune).to_str().unwrap());
    let parent = yaml("plans/ninh-binh/so-gddt-2026.yaml");
    assert_eq!(s(&draft["parent"]), "ninh-binh/so-gddt-2026");
    assert_eq!(
        s(&draft["cites"]),
        "Kế hoạch số 92/KH-SGDĐT ngày 13/5/2026 của Sở GDĐT Ninh Bình"
    );
    let text = std::fs::read_to_string(dir.path().join(commune)).unwrap();
    assert!(
        text.contains(
            "# Thực hiện Kế hoạch số 92/KH-SGDĐT ngày 13/5/2026 của Sở GDĐT Ninh Bình về"
        )
    );
    assert!(text.contains("# CẦN RÀ SOÁT: tiếp nhận chỉ tiêu I.2 của ninh-binh/so-gddt-2026"));
    let adopted: BTreeMap<String, &serde_yaml::Value> = draft["targets"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| (s(&t["id"]), t))
        .collect();
    // Adopted with the parent's threshold and deadline, the value marked as
    // quoted; I.1 binds the schools (their plans), not the ward: left out.
    let i2 = adopted["I.2"];
    assert_eq!(
        (s(&i2["target"]), s(&i2["due"])),
        ("100%".into(), "Thường xuyên".into())
    );
    assert!(s(&i2["provenance"]["value"]).starts_with("Kế hoạch số 92/KH-SGDĐT"));
    assert!(!adopted.contains_key("I.1"));
    // Internal targets (the Sở's own staff) are left out.
    for pt in parent["targets"].as_sequence().unwrap() {
        let id = s(&pt["id"]);
        if let Some(levels) = pt.get("applies_to").and_then(|a| a.as_sequence()) {
            let binds = levels.iter().any(|l| s(l) == "commune");
            assert_eq!(adopted.contains_key(&id), binds, "{id}");
        }
    }
    // Every unit the adopted targets name is declared.
    let units = draft["units"].as_mapping().unwrap();
    for t in adopted.values() {
        for u in t.get("lead").into_iter().chain(t.get("implementers")) {
            for k in u.as_sequence().unwrap() {
                let k = s(k);
                let level =
                    ["national", "province", "district", "commune", "school"].contains(&k.as_str());
                assert!(level || units.contains_key(k.as_str()), "{k}");
            }
        }
    }

    // A primary school under the new ward and the Sở.
    let school = "plans/ninh-binh/th-hoa-lu-2026.yaml";
    let (_, err, code) = kh_in(
        dir.path(),
        &[
            "new",
            "--parent",
            "ninh-binh/phuong-hoa-lu-2026",
            "--parent",
            "ninh-binh/so-gddt-2026",
            "--level",
            "school",
            "--id",
            "ninh-binh/th-hoa-lu-2026",
            "--issuer",
            "Trường Tiểu học Hoa Lư",
            "-o",
            school,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let f = findings_in(dir.path(), "th-hoa-lu-2026.yaml");
    assert!(f.iter().all(|f| f["severity"] != "error"), "{f:#?}");
    let draft = yaml(dir.path().join(school).to_str().unwrap());
    assert_eq!(
        draft["parent"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(s)
            .collect::<Vec<_>>(),
        ["ninh-binh/phuong-hoa-lu-2026", "ninh-binh/so-gddt-2026"]
    );
    assert!(s(&draft["cites"]).contains("; Kế hoạch số 92/KH-SGDĐT"));

    // And under the real ward plan of Tam Chúc and the Sở.
    let (_, err, code) = kh_in(
        dir.path(),
        &[
            "new",
            "--parent",
            "ninh-binh/tam-chuc-2026",
            "--parent",
            "ninh-binh/so-gddt-2026",
            "--level",
            "school",
            "--id",
            "ninh-binh/th-tam-chuc-2026",
            "--issuer",
            "Trường Tiểu học Tam Chúc",
            "-o",
            "plans/ninh-binh/th-tam-chuc-2026.yaml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let f = findings_in(dir.path(), "th-tam-chuc-2026.yaml");
    assert!(f.iter().all(|f| f["severity"] != "error"), "{f:#?}");
}

// ---------------------------------------------------------------- dashboard

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The attributes of every `<tag ` element carrying `marker`, in order.
fn elements(html: &str, tag: &str, marker: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{tag} ");
    html.match_indices(&open)
        .filter_map(|(i, _)| {
            let rest = &html[i + open.len()..];
            let end = rest.find('>')?;
            let attrs = &rest[..end];
            attrs.contains(marker).then(|| {
                let mut m = BTreeMap::new();
                let mut a = attrs;
                while let Some(eq) = a.find("=\"") {
                    let name = a[..eq].trim().to_string();
                    let after = &a[eq + 2..];
                    let close = after.find('"').unwrap();
                    m.insert(name, unescape(&after[..close]));
                    a = &after[close + 1..];
                }
                m
            })
        })
        .collect()
}

fn dashboard() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let (out, err, code) = kh(&["dashboard", "--as-of", AS_OF, "-o", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    (dir, site)
}

#[test]
fn the_dashboards_numbers_are_kh_status_numbers() {
    let (_dir, site) = dashboard();
    let (json, err, code) = kh(&["status", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut by_plan: BTreeMap<String, Vec<&serde_json::Value>> = BTreeMap::new();
    for r in v["rows"].as_array().unwrap() {
        by_plan
            .entry(r["plan"].as_str().unwrap().into())
            .or_default()
            .push(r);
    }
    assert!(by_plan.len() >= 6);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    let index_en = std::fs::read_to_string(site.join("index.en.html")).unwrap();
    let nodes = elements(&index, "li", "data-plan=");
    assert_eq!(nodes.len(), 7, "every plan in the tree");
    for (plan, rows) in &by_plan {
        let met = rows.iter().filter(|r| r["status"] == "met").count();
        let node = nodes.iter().find(|n| &n["data-plan"] == plan).unwrap();
        assert_eq!(node["data-met"], met.to_string(), "{plan}");
        assert_eq!(node["data-targets"], rows.len().to_string(), "{plan}");
        let share: f64 = node["data-share"].parse().unwrap();
        assert!((share - met as f64 * 100.0 / rows.len() as f64).abs() < 1e-3);
        for lang in ["", ".en"] {
            let page = std::fs::read_to_string(
                site.join("plan")
                    .join(format!("{}{lang}.html", plan.replace('/', "--"))),
            )
            .unwrap();
            let trs = elements(&page, "tr", "data-target=");
            assert_eq!(trs.len(), rows.len(), "{plan}");
            for (tr, r) in trs.iter().zip(rows) {
                assert_eq!(tr["data-target"], r["target"].as_str().unwrap());
                assert_eq!(tr["data-segment"], r["segment"].as_str().unwrap_or(""));
                assert_eq!(
                    tr["data-status"],
                    r["status"].as_str().unwrap(),
                    "{plan} {tr:?}"
                );
                assert_eq!(tr["data-value"], r["value"].as_str().unwrap_or(""));
            }
            let summary = &elements(&page, "section", "data-plan=")[0];
            assert_eq!(summary["data-met"], met.to_string());
        }
    }
    // The tree: Tam Chúc sits under the Sở of Ninh Bình; the Đắk Nông Sở under its UBND.
    let so = index.find("data-plan=\"ninh-binh/so-gddt-2026\"").unwrap();
    let tc = index.find("data-plan=\"ninh-binh/tam-chuc-2026\"").unwrap();
    assert!(so < tc && !index[so..tc].contains("</li>"), "nested");
    // Vietnamese first, English beside it; the band names of Open SDG.
    assert!(index.contains("<html lang=\"vi\">") && index_en.contains("<html lang=\"en\">"));
    for band in ["đạt", "đang tiến triển", "chưa đạt", "chưa có số liệu"] {
        assert!(index.contains(&format!(">{band}</span>")), "{band}");
    }
    assert!(index.contains("href=\"index.en.html\""));
    // Charts drawn by kh: Tam Chúc's teachers-using-ai has two points, 21% then 27%.
    let tc = std::fs::read_to_string(site.join("plan/ninh-binh--tam-chuc-2026.html")).unwrap();
    let fig = tc.find("<figure data-target=\"2.3.3c\"").unwrap();
    let svg = &tc[fig..tc[fig..].find("</figure>").unwrap() + fig];
    let points = elements(svg, "circle", "data-value=");
    let pv: Vec<(&str, &str)> = points
        .iter()
        .map(|p| (p["data-date"].as_str(), p["data-value"].as_str()))
        .collect();
    assert_eq!(pv, [("2026-06-30", "21"), ("2026-09-30", "27")]);
    assert!(svg.contains("class=\"threshold\""));
    // What is due in the next 90 days, and the findings of kh check.
    assert!(tc.contains("<section class=\"due\">"));
    assert!(
        tc.contains("data-kind=\"report\""),
        "the quarterly report due 10/12/2026"
    );
    let so_page = std::fs::read_to_string(site.join("plan/ninh-binh--so-gddt-2026.html")).unwrap();
    let (check, _, _) = kh(&["check", "--today", AS_OF, "--format", "json"]);
    let c: serde_json::Value = serde_json::from_str(&check).unwrap();
    let n = c["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["file"]
                .as_str()
                .unwrap()
                .ends_with("ninh-binh/so-gddt-2026.yaml")
        })
        .count();
    assert_eq!(elements(&so_page, "li", "data-rule=").len(), n);
    // Nothing fetched: no URL but the SVG namespace, no script.
    for e in std::fs::read_dir(site.join("plan")).unwrap().flatten() {
        let p = std::fs::read_to_string(e.path()).unwrap();
        let stripped = p.replace("http://www.w3.org/2000/svg", "");
        assert!(
            !stripped.contains("http://") && !stripped.contains("https://"),
            "{:?}",
            e.path()
        );
        assert!(!p.contains("<script"), "{:?}", e.path());
    }
    let css = std::fs::read_to_string(site.join("style.css")).unwrap();
    assert!(css.contains("@media print") && !css.contains("@import") && !css.contains("url("));
}

#[test]
fn every_dashboard_page_loads_in_chromium_without_errors_or_requests() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        println!("SKIPPED: chromium not installed");
        return;
    }
    let (dir, site) = dashboard();
    let mut pages = vec![site.join("index.html"), site.join("index.en.html")];
    let mut plan_pages: Vec<PathBuf> = std::fs::read_dir(site.join("plan"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    plan_pages.sort();
    pages.extend(plan_pages);
    assert_eq!(pages.len(), 16);
    for (n, page) in pages.iter().enumerate() {
        let profile = dir.path().join(format!("profile-{n}"));
        let netlog = dir.path().join(format!("net-{n}.json"));
        let url = format!("file://{}", page.display());
        let out = std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-first-run",
                "--no-pings",
                "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication",
                // Whatever the browser itself tries goes to a closed port on this machine.
                "--proxy-server=127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--enable-logging=stderr",
                "--v=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--log-net-log={}", netlog.display()))
            .arg("--dump-dom")
            .arg(&url)
            .output()
            .expect("chromium runs");
        let dom = String::from_utf8_lossy(&out.stdout);
        let log = String::from_utf8_lossy(&out.stderr);
        assert!(dom.contains("</main>"), "{url} rendered: {log}");
        let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(console.is_empty(), "{url}: {console:#?}");
        // Every request the page made (its site is file://) stays on file://.
        let net: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&netlog).unwrap_or_default())
                .unwrap_or_else(|_| serde_json::json!({"events": []}));
        for e in net["events"].as_array().into_iter().flatten() {
            let p = &e["params"];
            let from_page = p["site_for_cookies"]
                .as_str()
                .is_some_and(|s| s.contains("file://"))
                || p["initiator"]
                    .as_str()
                    .is_some_and(|i| i == "null" || i.starts_with("file://"));
            if let Some(u) = p["url"].as_str().filter(|_| from_page) {
                panic!("{url} requested {u}");
            }
        }
        // Every local file the page names exists.
        for attr in ["href=\"", "src=\""] {
            for (i, _) in dom.match_indices(attr) {
                let rest = &dom[i + attr.len()..];
                let target = &rest[..rest.find('"').unwrap()];
                if target.starts_with("data:") {
                    continue;
                }
                let resolved = page.parent().unwrap().join(target);
                assert!(resolved.exists(), "{url}: {target}");
            }
        }
    }
}
