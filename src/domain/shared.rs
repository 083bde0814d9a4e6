//! Text that many plans print alike, held once.
//!
//! A national repository repeats itself: every school plan carries its
//! ward's targets word for word, every target of an area repeats the area's
//! heading, and the same unit codes (`BGH`, `TCM`) lead thousands of tasks.
//! Held as `String`s those copies were most of a whole check's memory; a
//! [`Str`] is one reference-counted copy that the loader shares between all
//! the plans that print it (`crate::intern`).

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Immutable shared text; compares, orders and hashes as the `str` it holds.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Str(Arc<str>);

impl Str {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(Arc::from(s))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(Arc::from(s))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str(Arc::from(s.as_str()))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.0.to_string()
    }
}

impl From<&Str> for String {
    fn from(s: &Str) -> String {
        s.0.to_string()
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        **self == *other.0
    }
}

impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Str {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
        // Through `intern`: a plan read back from the cache shares its text
        // as one read from YAML does.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Str;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Str, E> {
                Ok(crate::intern::str(v))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_as_the_text_it_holds() {
        let a = Str::from("Tháng 12/2026");
        assert_eq!(a, "Tháng 12/2026");
        assert_eq!(a, String::from("Tháng 12/2026"));
        assert_eq!("Tháng 12/2026", a);
        let (a1, b1) = (Str::from("a1"), Str::from("b1"));
        assert!(a1 < b1);
        assert_eq!(format!("{a}|{a:?}"), "Tháng 12/2026|\"Tháng 12/2026\"");
        let mut set = std::collections::BTreeSet::new();
        set.insert(a.clone());
        assert!(set.contains("Tháng 12/2026"));
    }

    #[test]
    fn serialises_as_a_string() {
        let a = Str::from("BGH");
        let json = serde_json::to_string(&vec![a.clone()]).unwrap();
        assert_eq!(json, r#"["BGH"]"#);
        let back: Vec<Str> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![a]);
    }
}
