//! The JSON shapes documented in docs/json.md, field by field.

use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = crate::util::kh()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

#[test]
fn check_shape() {
    let v = json(&["check", "tests/golden/repo"]);
    assert_eq!(
        keys(&v),
        [
            "files",
            "files_with_errors",
            "findings",
            "plans",
            "summary",
            "version"
        ]
    );
    assert_eq!(v["files"], 3);
    assert_eq!(v["version"], 1);
    assert_eq!(keys(&v["summary"]), ["errors", "notes", "warnings"]);
    let f = &v["findings"][1];
    assert_eq!(
        keys(f),
        [
            "col", "data", "file", "line", "message", "related", "rule", "severity"
        ]
    );
    assert_eq!(keys(&f["related"]), ["col", "file", "label", "line"]);
    let docs = std::fs::read_to_string("docs/json.md").unwrap();
    for k in ["\"severity\"", "\"rule\"", "\"related\"", "\"summary\""] {
        assert!(docs.contains(k), "docs/json.md does not mention {k}");
    }
}

#[test]
fn due_shape() {
    // `provenance` (issue 14): the fields an item's document does not state.
    let v = json(&[
        "due",
        "--month",
        "12/2026",
        "--today",
        "2026-11-23",
        "--ongoing",
        "--plan",
        "ninh-binh/tam-chuc-2026",
    ]);
    assert_eq!(
        keys(&v),
        ["from", "items", "ongoing", "to", "today", "version"]
    );
    assert_eq!(
        keys(&v["items"][0]),
        [
            "date",
            "days_left",
            "deadline",
            "id",
            "inherited",
            "kind",
            "lead",
            "level",
            "plan",
            "provenance",
            "source",
            "text"
        ]
    );
    assert_eq!(v["ongoing"][0]["date"], Value::Null);
}

#[test]
fn diff_shape() {
    let v = json(&["diff", "ninh-binh/so-gddt-2026", "ninh-binh/tam-chuc-2026"]);
    assert_eq!(keys(&v), ["a", "b", "rows", "version"]);
    assert_eq!(
        keys(&v["rows"][0]),
        ["a", "b", "deadline", "metric", "segment", "verdict"]
    );
    assert_eq!(
        keys(&v["rows"][0]["a"]),
        ["due", "id", "provenance", "threshold"]
    );
    let verdicts: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert!(verdicts.contains(&"only-in-a") && verdicts.contains(&"stricter"));
}

#[test]
fn status_shapes() {
    let v = json(&[
        "status",
        "--as-of",
        "2026-11-23",
        "--plan",
        "ninh-binh/so-gddt-2026",
    ]);
    assert_eq!(keys(&v), ["as_of", "rows", "version"]);
    assert_eq!(
        keys(&v["rows"][0]),
        [
            "as_of",
            "due",
            "metric",
            "plan",
            "segment",
            "source",
            "status",
            "stretch",
            "stretch_met",
            "target",
            "threshold",
            "value"
        ]
    );
    let v = json(&[
        "status",
        "--as-of",
        "2026-11-23",
        "--rollup",
        "--plan",
        "ninh-binh/so-gddt-2026",
    ]);
    assert_eq!(
        keys(&v["rows"][0]),
        [
            "failing",
            "met",
            "metric",
            "of",
            "plan",
            "segment",
            "target",
            "threshold"
        ]
    );
}
