//! `kh explain phrase`: how kh reads a phrase, as a user would ask.

fn explain(args: &[&str]) -> (String, i32) {
    let (out, err, code) = crate::util::run(crate::util::kh().arg("explain").args(args));
    assert!(err.is_empty(), "{err}");
    (out, code)
}

#[test]
fn a_quarter_is_due_at_its_end() {
    assert_eq!(
        explain(&["phrase", "Quý IV/2026"]),
        ("deadline: Q4/2026\n  - due 2026-12-31\n".into(), 0)
    );
}

#[test]
fn an_aspiration_is_said_to_be_one_in_both_languages() {
    let (en, code) = explain(&["phrase", "Phấn đấu tối thiểu 25%"]);
    assert_eq!(code, 0);
    assert_eq!(
        en,
        "threshold: phấn đấu >= 25%\n  - an aspiration (\"phấn đấu\"): strived for, not committed; never stricter than a firm parent\n"
    );
    let (vi, _) = explain(&["phrase", "Phấn đấu tối thiểu 25%", "--lang", "vi"]);
    assert!(
        vi.contains("mục tiêu phấn đấu: mong muốn, chưa cam kết"),
        "{vi}"
    );
}

#[test]
fn a_bare_number_is_read_in_the_indicators_unit() {
    assert_eq!(
        explain(&["phrase", "≥ 80", "--unit", "percent", "--as", "threshold"]),
        (
            "threshold: >= 80%\n  - a bare number, read in the indicator's unit (percent)\n".into(),
            0
        )
    );
}

#[test]
fn a_phrase_no_kind_reads_exits_1_with_each_reason() {
    let (out, code) = explain(&["phrase", "xyz", "--as", "deadline"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "deadline: deadline \"xyz\": \"xyz\" is not understood; e.g. \"Năm 2026\"\n"
    );
}

#[test]
fn every_accepted_form_is_listed_with_an_example() {
    let (out, code) = explain(&["forms"]);
    assert_eq!(code, 0);
    for f in kh::domain::explain::FORMS {
        assert!(out.contains(f.example), "{} missing", f.example);
    }
}
