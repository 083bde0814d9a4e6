//! Vietnamese text helpers: every comparison of user text goes through here, so
//! NFC/NFD input and typing without diacritics behave the same everywhere.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Canonical composed form; stored text and comparisons use it.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// [`nfc`], borrowing `s` when it is composed already, as nearly all text is.
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.nfc());
    std::borrow::Cow::Owned(out)
}

fn is_nfc(s: &str) -> bool {
    all_always_composed(s)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Whether every character of `s` is always composed (see below), told from its
/// UTF-8 bytes without decoding them: a lead byte C2-CB is U+0080-02FF,
/// E1 B8-BB is U+1E00-1EFF, E2 80 90-A7 is U+2010-2027.
fn all_always_composed(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x00..=0x7F => i += 1,
            0xC2..=0xCB => i += 2,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90..=0xA7)) => {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

/// Characters that are composed whatever surrounds them: each is its own
/// starter and none combines with a neighbour. Vietnamese is typed in these
/// (ASCII, the Latin-1 and Latin Extended letters, the precomposed letters
/// of U+1E00-1EFF, dashes and quotes), so most text is known composed
/// without the normalisation tables, two lookups a character (a tenth of
/// `kh check`'s time before).
/// The byte scan above is checked against this in the tests.
#[cfg(test)]
fn always_composed(c: char) -> bool {
    matches!(c, '\0'..='\u{02FF}' | '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}')
}

/// Lowercase, diacritics removed, `đ` read as `d`, whitespace collapsed.
/// "Văn phòng Sở" and "van phong so" fold to the same key.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            '\u{00A0}' | '\u{202F}' | '\t' | '\r' | '\n' => ' ',
            c => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.extend(c.to_lowercase());
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Names longer than this get no "did you mean".
pub const HINT_MAX_CHARS: usize = 200;
/// More candidates than this: no "did you mean".
pub const HINT_MAX_CANDIDATES: usize = 100_000;
/// Comparison cells (characters times characters) all hints of a run may cost.
pub const HINT_BUDGET: u64 = 100_000_000;

/// The closest of `candidates` to `name`, if it is close enough to be a typo.
///
/// Bounded, since both sides can come from a hostile repository: a name over
/// [`HINT_MAX_CHARS`] or more than [`HINT_MAX_CANDIDATES`] candidates get no
/// hint; a candidate whose length alone rules it out is not compared; and all
/// the calls of a run share a budget of [`HINT_BUDGET`] comparison cells, so
/// "did you mean" over many names can never cost rows times names.
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SPENT: AtomicU64 = AtomicU64::new(0);
    if name.chars().count() > HINT_MAX_CHARS {
        return None;
    }
    let spend = |cost: u64| SPENT.fetch_add(cost, Ordering::Relaxed) + cost > HINT_BUDGET;
    // Looking at each candidate costs too: charged before anything is done.
    let (known, _) = candidates.size_hint();
    if known > HINT_MAX_CANDIDATES || spend(known as u64 + 1) {
        return None;
    }
    let candidates: Vec<&str> = candidates.take(HINT_MAX_CANDIDATES + 1).collect();
    if candidates.len() > HINT_MAX_CANDIDATES
        || spend(candidates.len().saturating_sub(known) as u64)
    {
        return None;
    }
    let folded = fold(name);
    let n = folded.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let limit = 2.max(c.len() / 3);
        // Folding drops marks, so it never lengthens: the raw count rules
        // out most candidates before any folding.
        if c.chars().count() + limit < n || c.len() > 4 * HINT_MAX_CHARS {
            continue;
        }
        if spend(c.len() as u64 + 1) {
            return None;
        }
        let fc = fold(c);
        let m = fc.chars().count();
        if n.abs_diff(m) > limit || m > HINT_MAX_CHARS {
            continue;
        }
        if spend((n.max(1) * m.max(1)) as u64) {
            return None;
        }
        let d = strsim::levenshtein(&folded, &fc);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Characters that Word and web pages paste invisibly into text.
pub fn invisible_chars(s: &str) -> Vec<(usize, char)> {
    s.char_indices()
        .filter(|(_, c)| {
            matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .collect()
}

/// Display width of a string in terminal columns (combining marks take none).
pub fn width(s: &str) -> usize {
    // Tables measure every cell, often twice: most are in the letters
    // Vietnamese is typed in, composed and none a mark, one column each.
    if s.is_ascii() {
        return s.len();
    }
    if all_always_composed(s) {
        return s.chars().count();
    }
    let marks = |c: &char| !is_combining_mark(*c);
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.chars().filter(marks).count();
    }
    s.nfc().filter(marks).count()
}

/// Bidi controls and other invisible format characters that can reorder or
/// hide what a terminal or a web page shows.
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Whether `c` must never reach a terminal raw: C0 and C1 controls (ESC
/// starts every escape sequence), DEL, and bidi or invisible format marks.
fn needs_escape(c: char) -> bool {
    c.is_control() || is_format_char(c)
}

fn any_needs_escape(s: &str) -> bool {
    // Printable ASCII, most of a table's cells, needs no look at each char.
    !s.bytes().all(|b| (0x20..0x7f).contains(&b)) && s.chars().any(needs_escape)
}

/// `s` with every control character, escape sequence and bidi mark shown
/// escaped (`\e`, `\n`, `\u{202E}`), for human, short, table and Markdown
/// output: a value can then neither clear the screen, set a title, hide the
/// rest of the line, reorder it, nor start a new, forged finding line.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !any_needs_escape(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{1B}' => out.push_str("\\e"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `escape_controls` of a string kh owns: the string itself when nothing
/// needs escaping.
pub fn escape_controls_owned(s: String) -> String {
    if any_needs_escape(&s) {
        escape_controls(&s).into_owned()
    } else {
        s
    }
}

/// A CSV cell that a spreadsheet would not run as a formula, following
/// OWASP's CSV-injection advice: a cell starting with `=`, `+`, `-`, `@`, a
/// tab, CR or LF (or their full-width forms) gets a leading `'`, which
/// Excel and LibreOffice show as text. A plain number (`-5`, `+2.5`) is left
/// alone so that it stays a number.
pub fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    let risky = s.starts_with([
        '=', '+', '-', '@', '\t', '\r', '\n', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ]);
    if !risky || is_plain_number(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(format!("'{s}"))
}

fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && digits.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_diacritics_and_case() {
        assert_eq!(fold("Văn phòng Sở"), "van phong so");
        assert_eq!(fold("ĐẠT TỐI THIỂU"), "dat toi thieu");
        assert_eq!(fold("  Quý\u{00A0}IV  "), "quy iv");
    }

    #[test]
    fn fold_treats_nfd_like_nfc() {
        let nfd: String = "Hằng quý".nfd().collect();
        assert_ne!(nfd, "Hằng quý");
        assert_eq!(fold(&nfd), fold("Hằng quý"));
        assert_eq!(nfc(&nfd), "Hằng quý");
    }

    #[test]
    fn width_ignores_combining_marks() {
        let nfd: String = "Tổ".nfd().collect();
        assert_eq!(width(&nfd), 2);
    }

    #[test]
    fn finds_zero_width_space() {
        assert_eq!(invisible_chars("a\u{200B}b"), vec![(1, '\u{200B}')]);
    }

    #[test]
    fn controls_and_bidi_marks_are_shown_escaped() {
        assert_eq!(escape_controls("plain Tiếng Việt"), "plain Tiếng Việt");
        assert_eq!(
            escape_controls("\u{1b}]0;T\u{7}\u{1b}[2Jok\nx\u{202e}y\u{85}"),
            "\\e]0;T\\u{0007}\\e[2Jok\\nx\\u{202E}y\\u{0085}"
        );
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("@SUM(1)", "'@SUM(1)"),
            ("+cmd", "'+cmd"),
            ("-x", "'-x"),
            ("\t=1", "'\t=1"),
            ("-5", "-5"),
            ("+2.5", "+2.5"),
            ("a=1", "a=1"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn the_always_composed_characters_are_starters_that_never_combine() {
        use unicode_normalization::IsNormalized;
        use unicode_normalization::char::canonical_combining_class;
        let mut n = 0;
        for c in (0..=0x2FFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| always_composed(c))
        {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(!is_combining_mark(c), "{c:?}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
            n += 1;
        }
        assert_eq!(n, 0x300 + 0x100 + 0x18);
        // The byte scan agrees with the characters' ranges, one character
        // at a time and in a run.
        let mut run = String::new();
        for c in (0..=0x2FFFu32).filter_map(char::from_u32) {
            assert_eq!(
                all_always_composed(c.encode_utf8(&mut [0; 4])),
                always_composed(c),
                "{c:?}"
            );
            if always_composed(c) {
                run.push(c);
            }
        }
        assert!(all_always_composed(&run));
        assert!(!all_always_composed("Tiếng Việt \u{0301}"));
        // Outside them the tables decide: a combining mark composes.
        assert_eq!(nfc("e\u{0302}\u{0301}"), "ế");
        assert!(matches!(
            nfc_cow("Tiếng Việt – “đạt”"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
