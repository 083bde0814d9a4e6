//! iCalendar (RFC 5545) export of due dates: one all-day event per occurrence,
//! with a UID derived from what falls due and when, so that importing the file
//! again updates the events instead of duplicating them.

use crate::agenda::Due;
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

/// FNV-1a, 64 bits: a hash that never changes between kh versions or
/// machines (std's hasher may), so a UID stays the same across exports.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Which occurrence of an item a date is: `once` for a one-off deadline,
/// else the month, quarter, half or year a recurring duty falls in. A moved
/// one-off deadline keeps its UID; each occurrence of a duty has its own.
fn occurrence(d: &Due, date: NaiveDate) -> String {
    use chrono::Datelike;
    let every = d.deadline.split_whitespace().next().unwrap_or("");
    match every {
        "monthly" => format!("{}-{:02}", date.year(), date.month()),
        "quarterly" => format!("{}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
        "semiannual" | "half-yearly" => format!("{}-H{}", date.year(), (date.month() - 1) / 6 + 1),
        "yearly" => date.year().to_string(),
        _ => "once".into(),
    }
}

/// A UID from the plan, the kind, the item's id as written and its
/// occurrence, never from the date itself: `1.1` and `1-1` differ, and a
/// deadline that moves updates its event instead of adding one.
pub fn uid(d: &Due, date: NaiveDate) -> String {
    let occ = occurrence(d, date);
    format!(
        "{}-{:016x}@kh",
        d.kind.key(),
        fnv1a(&[d.plan, d.kind.key(), &d.id, &occ])
    )
}

/// SEQUENCE grows with the day of the export, so a calendar that imports a
/// later export takes its changes; kh keeps no state between runs.
fn sequence(stamp: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(stamp);
    (stamp - epoch).num_days().max(0)
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
        line(format!("LAST-MODIFIED:{}T000000Z", stamp.format("%Y%m%d")));
        line(format!("SEQUENCE:{}", sequence(stamp)));
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
    fn the_hash_is_fixed_and_separates_parts() {
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
        assert_ne!(fnv1a(&["1.1"]), fnv1a(&["1-1"]));
    }
}
