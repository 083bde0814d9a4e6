//! A guess at which legacy Vietnamese encoding a non-UTF-8 file is in, so the
//! message can say how to fix it. Offices still exchange files in TCVN3 (ABC),
//! VNI and Windows-1258; each leaves a recognisable pattern of bytes.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
    Windows1258,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC, fonts .VnTime)",
            Legacy::Vni => "VNI (fonts VNI-Times)",
            Legacy::Windows1258 => "Windows-1258",
        }
    }
}

fn vowel(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
    )
}

/// Scores each encoding by the byte patterns it produces for Vietnamese text:
/// Windows-1258 writes tone marks as separate bytes after a vowel (0xEC acute,
/// 0xCC grave, 0xD2 hook, 0xDE tilde, 0xF2 dot); VNI writes marks as Latin-1
/// letters after a vowel (e.g. "Vieät") and đ as 0xF1; TCVN3 writes whole
/// letters as single high bytes, đ as 0xAE, mostly after consonants.
pub fn guess(bytes: &[u8]) -> Option<Legacy> {
    let (mut w1258, mut vni, mut tcvn3) = (0usize, 0usize, 0usize);
    // Only bytes that are not valid UTF-8 count: a file may be UTF-8 with one
    // pasted paragraph in a legacy encoding.
    let mut prev = b' ';
    for chunk in bytes.utf8_chunks() {
        if let Some(last) = chunk.valid().bytes().last() {
            prev = last;
        }
        for &b in chunk.invalid() {
            let after_vowel =
                vowel(prev) || matches!(prev, 0xE2 | 0xEA | 0xF4 | 0xE3 | 0xF5 | 0xFD);
            match b {
                0xCC | 0xEC | 0xD2 | 0xDE | 0xF2 if after_vowel => w1258 += 2,
                0xE1 | 0xE0 | 0xE5 | 0xE3 | 0xE4 | 0xE2 | 0xF9 | 0xF8 | 0xFB | 0xF5 | 0xEF
                | 0xF6
                    if vowel(prev) =>
                {
                    vni += 2
                }
                0xF1 | 0xD1 => vni += 1,
                0xAE | 0xA7 => tcvn3 += 3,
                0xA1..=0xFE if !after_vowel => tcvn3 += 1,
                _ => {}
            }
            prev = b;
        }
    }
    let best = [
        (Legacy::Windows1258, w1258),
        (Legacy::Vni, vni),
        (Legacy::Tcvn3, tcvn3),
    ]
    .into_iter()
    .max_by_key(|(_, s)| *s)?;
    // A stray byte or two says nothing about an encoding.
    (best.1 >= 4).then_some(best.0)
}

/// A Unicode encoding other than UTF-8, known by its byte order mark:
/// Windows Notepad's "Unicode" is UTF-16LE, Excel's "Unicode text" too.
pub fn wide_unicode(bytes: &[u8]) -> Option<&'static str> {
    // UTF-32 first: its little-endian mark starts like UTF-16's.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some("UTF-32LE")
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some("UTF-32BE")
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some("UTF-16LE")
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16BE")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // "Kế hoạch chuyển đổi số năm 2026" in each encoding.
    pub const W1258: &[u8] =
        b"K\xEA\xEC hoa\xF2ch chuy\xEA\xD2n \xF0\xF4\xD2i s\xF4\xEC n\xE3m 2026";
    pub const VNI: &[u8] = b"Ke\xE1 hoa\xEFch chuye\xE5n \xF1o\xE4i so\xE1 na\xEAm 2026";
    pub const TCVN3: &[u8] = b"K\xD5 ho\xB9ch chuy\xD3n \xAE\xe6i s\xE8 n\xA8m 2026";

    #[test]
    fn recognises_each_encoding() {
        assert_eq!(guess(W1258), Some(Legacy::Windows1258));
        assert_eq!(guess(VNI), Some(Legacy::Vni));
        assert_eq!(guess(TCVN3), Some(Legacy::Tcvn3));
    }

    #[test]
    fn wide_unicode_is_known_by_its_mark() {
        assert_eq!(wide_unicode(b"\xFF\xFEk\0h\0"), Some("UTF-16LE"));
        assert_eq!(wide_unicode(b"\xFE\xFF\0k"), Some("UTF-16BE"));
        assert_eq!(wide_unicode(b"\xFF\xFE\0\0k\0\0\0"), Some("UTF-32LE"));
        assert_eq!(wide_unicode(b"kh: 1"), None);
    }

    #[test]
    fn plain_ascii_has_no_guess() {
        assert_eq!(guess(b"plain text"), None);
    }
}
