//! The documents a plan cites ("Căn cứ …", "Thực hiện Kế hoạch số … ngày …
//! của …"), read from their printed form, and the kind of document a plan is.
//! A citation names a document; it is never a parent: only `parent:` is.

use super::date::{Issued, parse_printed};
use crate::text::fold;

/// What kind of document a plan (or a cited document) is. A decision that
/// approves a plan ("Quyết định … phê duyệt Đề án …") is a plan for kh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocType {
    /// Kế hoạch.
    Plan,
    /// Quyết định.
    Decision,
    /// Nghị quyết.
    Resolution,
    /// Chỉ thị.
    Directive,
    /// Công văn.
    Letter,
}

impl DocType {
    pub const ALL: [DocType; 5] = [
        DocType::Plan,
        DocType::Decision,
        DocType::Resolution,
        DocType::Directive,
        DocType::Letter,
    ];

    /// The words a plan may write for `type:`, and that open a citation: the
    /// one list `parse` reads and the JSON Schema offers.
    pub const WORDS: &'static [(&'static str, DocType)] = &[
        ("kế hoạch", DocType::Plan),
        ("plan", DocType::Plan),
        ("quyết định", DocType::Decision),
        ("decision", DocType::Decision),
        ("nghị quyết", DocType::Resolution),
        ("resolution", DocType::Resolution),
        ("chỉ thị", DocType::Directive),
        ("directive", DocType::Directive),
        ("công văn", DocType::Letter),
        ("letter", DocType::Letter),
    ];

    pub fn key(self) -> &'static str {
        match self {
            DocType::Plan => "plan",
            DocType::Decision => "decision",
            DocType::Resolution => "resolution",
            DocType::Directive => "directive",
            DocType::Letter => "letter",
        }
    }

    /// In any case, with or without diacritics.
    pub fn parse(s: &str) -> Option<DocType> {
        let f = fold(s);
        DocType::WORDS
            .iter()
            .find(|(w, _)| fold(w) == f)
            .map(|(_, t)| *t)
    }
}

/// One cited document, as printed and as far as its parts could be read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Citation {
    pub printed: String,
    #[serde(rename = "type")]
    pub kind: Option<DocType>,
    /// "131/QĐ-TTg", "92/KH-SGDĐT", "52-NQ/TW".
    pub number: Option<String>,
    #[serde(serialize_with = "issued_text")]
    pub date: Option<Issued>,
    pub issuer: Option<String>,
    pub title: Option<String>,
}

fn issued_text<S: serde::Serializer>(d: &Option<Issued>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// Words that end an issuer's name and open the title that follows it.
const TITLE_OPENERS: &[&str] = &[
    "ve",
    "phe duyet",
    "ban hanh",
    "trien khai",
    "thuc hien",
    "huong dan",
    "quy dinh",
];

/// Words that open a citation sentence before the document's type, folded.
const LEAD_INS: &[&str] = &[
    "thuc hien",
    "can cu",
    "theo",
    "trien khai",
    "tiep tuc thuc hien",
    "implementing",
    "pursuant to",
];

/// A word of the printed text and where it starts.
struct Word<'a> {
    at: usize,
    text: &'a str,
    folded: String,
}

fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(b)) => {
                out.push(word(s, b, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push(word(s, b, s.len()));
    }
    out
}

fn word(s: &str, from: usize, to: usize) -> Word<'_> {
    let text = &s[from..to];
    Word {
        at: from,
        text,
        folded: fold(text.trim_matches(|c: char| ",;:.“”\"()".contains(c))),
    }
}

/// Does the phrase (folded, space-separated) start at word `i`?
fn starts(ws: &[Word], i: usize, phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    parts.len() + i <= ws.len() && parts.iter().zip(&ws[i..]).all(|(p, w)| w.folded == *p)
}

fn kind_at(ws: &[Word], i: usize) -> Option<(DocType, usize)> {
    DocType::WORDS.iter().find_map(|(w, t)| {
        let f = fold(w);
        starts(ws, i, &f).then(|| (*t, f.split(' ').count()))
    })
}

impl Citation {
    /// Reads one citation as printed. Whatever part cannot be read is left
    /// out; the printed text is always kept.
    pub fn parse(printed: &str) -> Citation {
        let printed = crate::text::nfc(printed.trim());
        let ws = words(&printed);
        let mut i = 0;
        // "Thực hiện Kế hoạch số …", "Căn cứ Quyết định số …": the lead-in is not the title.
        if let Some(n) = LEAD_INS
            .iter()
            .find(|l| starts(&ws, 0, l))
            .map(|l| l.split(' ').count())
        {
            i = n;
        }
        let kind = match kind_at(&ws, i) {
            Some((k, n)) => {
                i += n;
                Some(k)
            }
            None => {
                i = 0;
                None
            }
        };
        let mut number = None;
        if ws.get(i).is_some_and(|w| w.folded == "so") {
            i += 1;
            if let Some(w) = ws.get(i) {
                number = Some(clean_word(w.text).to_string());
                i += 1;
            }
        } else if let Some(w) = ws.get(i).filter(|w| w.text.contains('/')) {
            number = Some(clean_word(w.text).to_string());
            i += 1;
        }
        let mut date = None;
        if ws.get(i).is_some_and(|w| w.folded == "ngay") {
            // "ngày 25/01/2022" or "ngày 25 tháng 01 năm 2022".
            let end = (i + 6).min(ws.len());
            for stop in (i + 2..=end).rev() {
                let to = ws.get(stop).map(|w| w.at).unwrap_or(printed.len());
                let phrase = printed[ws[i].at..to].trim_end_matches([',', ';', ' ']);
                if let Ok(p) = parse_printed(phrase) {
                    date = Some(p.issued);
                    i = stop;
                    break;
                }
            }
        }
        let mut issuer = None;
        if ws.get(i).is_some_and(|w| w.folded == "cua") {
            let from = i + 1;
            let mut j = from;
            while j < ws.len()
                && !TITLE_OPENERS.iter().any(|o| starts(&ws, j, o))
                && !(j > from && ws[j - 1].text.ends_with([',', ';']))
            {
                j += 1;
            }
            if j > from {
                let to = ws.get(j).map(|w| w.at).unwrap_or(printed.len());
                issuer = Some(
                    printed[ws[from].at..to]
                        .trim()
                        .trim_end_matches([',', ';'])
                        .to_string(),
                );
            }
            i = j;
        }
        let title = ws
            .get(i)
            .map(|w| {
                printed[w.at..]
                    .trim()
                    .trim_start_matches([',', ' '])
                    .to_string()
            })
            .filter(|t| !t.is_empty() && kind.is_some());
        Citation {
            kind,
            number,
            date,
            issuer,
            title,
            printed,
        }
    }

    /// A `cites:` text that prints several citations joined by semicolons
    /// ("Kế hoạch số 261/KH-UBND …; Quyết định số 570/QĐ-UBND …") is several
    /// citations; a semicolon inside a title is not a boundary.
    pub fn parse_all(printed: &str) -> Vec<Citation> {
        let mut parts: Vec<String> = Vec::new();
        for piece in printed.split(';') {
            let opens = {
                let ws = words(piece);
                (0..ws.len().min(3)).any(|i| kind_at(&ws, i).is_some())
            };
            match parts.last_mut() {
                Some(last) if !opens => {
                    last.push(';');
                    last.push_str(piece);
                }
                _ => parts.push(piece.to_string()),
            }
        }
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| Citation::parse(p))
            .collect()
    }
}

fn clean_word(w: &str) -> &str {
    w.trim_end_matches([',', ';', ':', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_of_the_prime_minister() {
        let c = Citation::parse(
            "Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án “Tăng cường ứng dụng công nghệ thông tin”",
        );
        assert_eq!(c.kind, Some(DocType::Decision));
        assert_eq!(c.number.as_deref(), Some("131/QĐ-TTg"));
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("25/01/2022"));
        assert_eq!(c.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(
            c.title.as_deref(),
            Some("phê duyệt Đề án “Tăng cường ứng dụng công nghệ thông tin”")
        );
    }

    #[test]
    fn a_plan_of_the_department_without_title() {
        let c = Citation::parse("Kế hoạch số 92/KH-SGDĐT ngày 13/5/2026 của Sở GDĐT");
        assert_eq!(c.kind, Some(DocType::Plan));
        assert_eq!(c.number.as_deref(), Some("92/KH-SGDĐT"));
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("13/05/2026"));
        assert_eq!(c.issuer.as_deref(), Some("Sở GDĐT"));
        assert_eq!(c.title, None);
    }

    #[test]
    fn lead_in_written_date_and_no_diacritics() {
        let c = Citation::parse(
            "Thuc hien ke hoach so 261/KH-UBND ngay 20 thang 5 nam 2022 cua UBND tinh Dak Nong ve viec thuc hien Quyet dinh so 131/QD-TTg",
        );
        assert_eq!(c.kind, Some(DocType::Plan));
        assert_eq!(c.number.as_deref(), Some("261/KH-UBND"));
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("20/05/2022"));
        assert_eq!(c.issuer.as_deref(), Some("UBND tinh Dak Nong"));
        assert_eq!(
            c.title.as_deref(),
            Some("ve viec thuc hien Quyet dinh so 131/QD-TTg")
        );
    }

    #[test]
    fn several_citations_in_one_text() {
        let all = Citation::parse_all(
            "Kế hoạch số 261/KH-UBND ngày 20/5/2022 của UBND tỉnh Đắk Nông; Quyết định số 570/QĐ-UBND ngày 21/3/2022 của UBND tỉnh; Nghị quyết 09-NQ/TU của Ban Thường vụ Tỉnh ủy",
        );
        let numbers: Vec<_> = all.iter().map(|c| c.number.as_deref()).collect();
        assert_eq!(
            numbers,
            vec![Some("261/KH-UBND"), Some("570/QĐ-UBND"), Some("09-NQ/TU")]
        );
        assert_eq!(all[2].kind, Some(DocType::Resolution));
        assert_eq!(all[2].date, None);
        assert_eq!(all[1].issuer.as_deref(), Some("UBND tỉnh"));
    }

    #[test]
    fn text_that_is_no_citation_is_kept_as_printed() {
        let c = Citation::parse("the department's plan");
        assert_eq!(c.kind, None);
        assert_eq!(c.number, None);
        assert_eq!(c.printed, "the department's plan");
        assert_eq!(Citation::parse_all("a; b").len(), 1);
    }

    #[test]
    fn document_types_in_both_languages() {
        assert_eq!(DocType::parse("Quyết định"), Some(DocType::Decision));
        assert_eq!(DocType::parse("cong van"), Some(DocType::Letter));
        assert_eq!(DocType::parse("PLAN"), Some(DocType::Plan));
        assert_eq!(DocType::parse("thông báo"), None);
        for t in DocType::ALL {
            assert_eq!(DocType::parse(t.key()), Some(t));
        }
    }
}
