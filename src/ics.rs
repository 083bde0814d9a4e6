//! iCalendar (RFC 5545) export of due dates: one all-day event per occurrence,
//! with a UID derived from what falls due and when, so that importing the file
//! again updates the events instead of duplicating them.

use crate::agenda::Due;
use crate::text;
use chrono::NaiveDate;

/// Text values escape backslash, semicolon, comma and newline (RFC 5545 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 3.1),
/// never inside a UTF-8 character.
fn fold_line(line: &str, out: &mut String) {
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in text::fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A UID that depends only on the plan, the item and the date.
pub fn uid(d: &Due, date: NaiveDate) -> String {
    format!(
        "{}-{}-{}-{}@kh",
        d.kind.key(),
        slug(d.plan),
        slug(d.id),
        date.format("%Y%m%d")
    )
}

pub fn calendar(items: &[Due], stamp: NaiveDate, lang: crate::ui::Lang) -> String {
    use crate::messages::{Word, word};
    let mut out = String::new();
    let mut line = |s: String| fold_line(&s, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//kh//kh due//VI".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line("X-WR-CALNAME:Kế hoạch chuyển đổi số: hạn".into());
    for d in items {
        let Some(date) = d.date else { continue };
        let next = date.succ_opt().unwrap_or(date);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", uid(d, date)));
        line(format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")));
        line(format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")));
        line(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        line(format!(
            "SUMMARY:{}",
            escape(&format!(
                "[{}] {} {}: {}",
                d.plan,
                word(lang, d.kind.word()),
                d.id,
                d.text
            ))
        ));
        let mut desc = format!(
            "{} {} ({})\n{}",
            word(lang, d.kind.word()),
            d.id,
            d.plan,
            d.text
        );
        if !d.lead.is_empty() {
            desc.push_str(&format!(
                "\n{}: {}",
                word(lang, Word::Lead2),
                d.lead.join(", ")
            ));
        }
        desc.push_str(&format!("\n{}: {}", word(lang, Word::Due2), d.deadline));
        line(format!("DESCRIPTION:{}", escape(&desc)));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let mut out = String::new();
        fold_line(&format!("SUMMARY:{}", "ệ".repeat(40)), &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "ệ".repeat(40)));
    }

    #[test]
    fn slug_is_ascii() {
        assert_eq!(slug("ninh-binh/tam-chuc-2026"), "ninh-binh-tam-chuc-2026");
        assert_eq!(slug("Quý II.3"), "quy-ii-3");
    }
}
