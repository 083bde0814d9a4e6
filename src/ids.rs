//! Plan ids: a small grammar, so that an id is never a path out of `plans/`,
//! never hides a character, and never looks like another id.
//!
//! An id is one or more segments separated by `/`. A segment starts with a
//! lowercase ASCII letter or a digit, then has lowercase ASCII letters,
//! digits, `-`, `_` and `.`. So there is no `..`, no leading or trailing `/`,
//! no empty segment, no space, no control or bidi character, no uppercase and
//! no letter outside ASCII (a Vietnamese name is written without diacritics:
//! `ninh-binh/so-gddt-2026`). At most 200 characters.

/// The longest id accepted.
pub const MAX_LEN: usize = 200;

/// Why a text is not a plan id (worded in `crate::messages`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum IdProblem {
    Empty,
    TooLong {
        max: usize,
    },
    /// The character as a message can show it (escaped when invisible).
    Character {
        shown: String,
    },
    EmptySegment,
    DotSegment {
        segment: String,
    },
    Uppercase {
        letter: char,
    },
    BadStart {
        segment: String,
    },
}

/// Why `id` is not a plan id; None when it is one.
pub fn problem(id: &str) -> Option<IdProblem> {
    // The usual case, a good id, in one pass over its bytes.
    if well_formed(id.as_bytes()) {
        return None;
    }
    grammar_problem(id)
}

/// `problem`, rule by rule.
fn grammar_problem(id: &str) -> Option<IdProblem> {
    if id.is_empty() {
        return Some(IdProblem::Empty);
    }
    if id.chars().count() > MAX_LEN {
        return Some(IdProblem::TooLong { max: MAX_LEN });
    }
    if let Some(c) = id
        .chars()
        .find(|c| !c.is_ascii() || c.is_ascii_control() || *c == ' ')
    {
        return Some(IdProblem::Character { shown: describe(c) });
    }
    for seg in id.split('/') {
        if seg.is_empty() {
            return Some(IdProblem::EmptySegment);
        }
        if seg == "." || seg == ".." {
            return Some(IdProblem::DotSegment {
                segment: seg.to_string(),
            });
        }
        if let Some(c) = seg.chars().find(char::is_ascii_uppercase) {
            return Some(IdProblem::Uppercase { letter: c });
        }
        if !seg.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
            return Some(IdProblem::BadStart {
                segment: seg.to_string(),
            });
        }
        if let Some(c) = seg.chars().find(|c| {
            !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        }) {
            return Some(IdProblem::Character { shown: describe(c) });
        }
    }
    None
}

/// Whether `id` follows the grammar, asked of its bytes: what `problem`
/// finds nothing wrong with.
fn well_formed(id: &[u8]) -> bool {
    let mut start = true;
    for &b in id {
        let ok = match b {
            b'a'..=b'z' | b'0'..=b'9' => true,
            b'-' | b'_' | b'.' => !start,
            b'/' => !start,
            _ => false,
        };
        if !ok {
            return false;
        }
        start = b == b'/';
    }
    !id.is_empty() && !start && id.len() <= MAX_LEN
}

pub fn is_valid(id: &str) -> bool {
    problem(id).is_none()
}

/// A character as a message can show it: never raw when it is invisible,
/// a control or a direction mark.
pub fn describe(c: char) -> String {
    if c.is_control() || crate::text::is_format_char(c) || c == ' ' {
        format!("U+{:04X}", c as u32)
    } else {
        format!("`{c}` (U+{:04X})", c as u32)
    }
}

/// Unicode's confusable skeleton (UTS #39): two strings with the same
/// skeleton look alike. Case is kept apart by the grammar, so it is not folded.
pub fn skeleton(s: &str) -> String {
    // Ids are ASCII by their grammar: each character's prototype, looked up
    // once. (The skeleton is NFD, prototypes, NFD again; an ASCII string is
    // its own NFD, and so is a string of ASCII prototypes.)
    static ASCII: std::sync::OnceLock<Vec<Option<String>>> = std::sync::OnceLock::new();
    if s.is_ascii() {
        let table = ASCII.get_or_init(|| {
            (0u8..128)
                .map(|b| {
                    let p = slow_skeleton(&char::from(b).to_string());
                    p.is_ascii().then_some(p)
                })
                .collect()
        });
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match &table[b as usize] {
                Some(p) => out.push_str(p),
                None => return slow_skeleton(s),
            }
        }
        return out;
    }
    slow_skeleton(s)
}

fn slow_skeleton(s: &str) -> String {
    unicode_security::confusable_detection::skeleton(s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of ASCII prototypes gives Unicode's skeleton, for every
    /// pair of ASCII characters and for real ids.
    #[test]
    fn ascii_skeletons_are_unicodes() {
        for a in 0u8..128 {
            for b in 0u8..128 {
                let s = format!("{}{}", char::from(a), char::from(b));
                assert_eq!(skeleton(&s), slow_skeleton(&s), "{s:?}");
            }
        }
        for id in ["ninh-binh/so-gddt-2026", "rn1l0O/m-Il", "qn/2023_v1.2"] {
            assert_eq!(skeleton(id), slow_skeleton(id), "{id}");
        }
        assert_eq!(skeleton("rn"), skeleton("m"));
    }

    /// The quick test of a good id says what the rules say, for every
    /// text of up to five characters from letters, digits, separators and
    /// characters the grammar refuses, and at the length limit.
    #[test]
    fn well_formed_is_the_grammar() {
        let alphabet = ['a', 'z', '0', '9', '-', '_', '.', '/', 'A', ' ', 'é', '\t'];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() == texts.last().map_or(0, |l| l.chars().count()))
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        assert!(texts.len() > 200_000, "{}", texts.len());
        for long in [MAX_LEN - 1, MAX_LEN, MAX_LEN + 1] {
            texts.push("a".repeat(long));
            texts.push(format!("{}/b", "a".repeat(long - 2)));
        }
        for t in &texts {
            assert_eq!(
                well_formed(t.as_bytes()),
                grammar_problem(t).is_none(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn the_grammar_accepts_real_ids() {
        for id in [
            "ninh-binh/so-gddt-2026",
            "tinh/phuong-a-2026",
            "a",
            "x/plan",
            "qn/2023_v1.2",
            "131-qd-ttg",
        ] {
            assert!(is_valid(id), "{id}");
        }
    }

    #[test]
    fn the_grammar_refuses_paths_and_hidden_characters() {
        for id in [
            "",
            "../../etc/passwd",
            "/etc/passwd",
            "a/../../b",
            "a/./b",
            "a\\b",
            "line1\nline2",
            "TINH/SO-GDDT-2026",
            "tinh/\u{0455}o-gddt-2026",
            "tinh/\u{202e}so",
            "tinh/so\u{2010}gddt",
            "a b",
            "a/",
            "a//b",
            ".hidden",
            "a/-b",
            &"a".repeat(201),
        ] {
            assert!(!is_valid(id), "{id:?}");
        }
    }

    #[test]
    fn lookalikes_share_a_skeleton() {
        assert_eq!(skeleton("tinh/so-gddt"), skeleton("tinh/\u{0455}o-gddt"));
        assert_ne!(skeleton("tinh/so-gddt"), skeleton("tinh/sa-gddt"));
    }
}
