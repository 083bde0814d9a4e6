//! All YAML reading goes through this module, so the parser can be swapped for a
//! maintained fork in one place, and so positions of values come from one place.
//!
//! serde_yaml (archived upstream) reads values into typed structs but forgets
//! where each value was. Positions are recovered on demand with yaml-rust2's
//! event parser, only for files that have findings, which keeps the clean path
//! to a single parse.

use serde::de::DeserializeOwned;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// One step of a path from the document root to a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
}

pub type YamlPath = Vec<Seg>;

/// Builds a path from dotted text: `"targets.3.target"`.
pub fn path(dotted: &str) -> YamlPath {
    if dotted.is_empty() {
        return Vec::new();
    }
    dotted
        .split('.')
        .map(|s| match s.parse::<usize>() {
            Ok(i) => Seg::Index(i),
            Err(_) => Seg::Key(s.to_string()),
        })
        .collect()
}

pub fn display_path(p: &[Seg]) -> String {
    let mut out = String::new();
    for s in p {
        match s {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Why a document could not be read into the expected type.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub kind: ReadErrorKind,
    pub message: String,
    pub pos: Option<Pos>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadErrorKind {
    /// The text is not YAML.
    Syntax,
    /// YAML, but a value has the wrong shape or a required field is missing.
    Shape,
}

/// A typed document, and the paths of every field the type did not know.
pub struct Read<T> {
    pub value: T,
    pub unknown: Vec<YamlPath>,
}

/// Reads `src` into `T`, collecting unknown fields instead of failing on the first.
pub fn read<T: DeserializeOwned>(src: &str) -> Result<Read<T>, ReadError> {
    let de = serde_yaml::Deserializer::from_str(src);
    let mut unknown = Vec::new();
    let value = serde_ignored::deserialize(de, |p| unknown.push(ignored_path(&p)));
    match value {
        Ok(value) => Ok(Read { value, unknown }),
        Err(e) => Err(read_error(&e)),
    }
}

fn ignored_path(p: &serde_ignored::Path) -> YamlPath {
    use serde_ignored::Path as P;
    let mut out = Vec::new();
    let mut cur = p;
    loop {
        match cur {
            P::Root => break,
            P::Seq { parent, index } => {
                out.push(Seg::Index(*index));
                cur = parent;
            }
            P::Map { parent, key } => {
                out.push(Seg::Key(key.clone()));
                cur = parent;
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                cur = parent
            }
        }
    }
    out.reverse();
    out
}

fn read_error(e: &serde_yaml::Error) -> ReadError {
    let pos = e.location().map(|l| Pos {
        line: l.line(),
        col: l.column(),
    });
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; the position is reported separately.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let syntax = [
        "did not find expected",
        "found character that cannot start",
        "mapping values are not allowed",
        "could not find expected",
        "found unexpected end of stream",
        "found a tab character",
        "found undefined",
        "while parsing",
        "while scanning",
        "recursion limit exceeded",
        "repetition limit exceeded",
    ];
    let kind = if syntax.iter().any(|s| raw.contains(s)) {
        ReadErrorKind::Syntax
    } else {
        ReadErrorKind::Shape
    };
    ReadError { kind, message, pos }
}

/// Positions of the keys and values of a document, by path.
#[derive(Debug, Default)]
pub struct Positions {
    values: HashMap<YamlPath, Pos>,
    keys: HashMap<YamlPath, Pos>,
}

impl Positions {
    /// Every key and value.
    pub fn of(src: &str) -> Positions {
        Positions::build(src, None)
    }

    /// The keys and values on the way to each of `wanted`: what [`value`]
    /// and [`key`] answer for them (the nearest ancestor present) is what
    /// they answer after [`of`]. A file with one finding in it holds a
    /// thousand values: recording only these is most of the cost saved.
    ///
    /// [`value`]: Positions::value
    /// [`key`]: Positions::key
    /// [`of`]: Positions::of
    pub fn of_paths(src: &str, wanted: &[&[Seg]]) -> Positions {
        Positions::build(src, Some(wanted))
    }

    fn build(src: &str, wanted: Option<&[&[Seg]]>) -> Positions {
        let mut b = Builder {
            wanted,
            ..Builder::default()
        };
        let mut parser = Parser::new_from_str(src);
        while let Ok((ev, mark)) = parser.next_token() {
            if matches!(ev, Event::StreamEnd | Event::DocumentEnd) || b.stack.len() > MAX_DEPTH {
                break;
            }
            b.on_event(ev, mark);
        }
        Positions {
            values: b.values,
            keys: b.keys,
        }
    }

    pub fn value(&self, p: &[Seg]) -> Option<Pos> {
        (0..=p.len())
            .rev()
            .find_map(|n| self.values.get(&p[..n]).copied())
    }

    pub fn key(&self, p: &[Seg]) -> Option<Pos> {
        self.keys.get(p).copied().or_else(|| self.value(p))
    }
}

enum Frame {
    Map {
        next_key: Option<String>,
        expecting_key: bool,
    },
    Seq {
        next: usize,
    },
}

const MAX_DEPTH: usize = 256;

#[derive(Default)]
struct Builder<'w> {
    stack: Vec<Frame>,
    /// The path of the innermost open collection.
    path: YamlPath,
    /// `None`: every path.
    wanted: Option<&'w [&'w [Seg]]>,
    values: HashMap<YamlPath, Pos>,
    keys: HashMap<YamlPath, Pos>,
}

fn to_pos(m: Marker) -> Pos {
    Pos {
        line: m.line(),
        col: m.col() + 1,
    }
}

impl Builder<'_> {
    /// The segment of the node that begins now in the open collection:
    /// `Some(None)` for the document's root, `None` for a mapping's key.
    fn begin_node(&mut self) -> Option<Option<Seg>> {
        match self.stack.last_mut() {
            None => Some(None),
            Some(Frame::Seq { next }) => {
                let i = *next;
                *next += 1;
                Some(Some(Seg::Index(i)))
            }
            Some(Frame::Map {
                next_key,
                expecting_key,
            }) => {
                if *expecting_key {
                    None
                } else {
                    *expecting_key = true;
                    Some(Some(Seg::Key(next_key.take().unwrap_or_default())))
                }
            }
        }
    }

    /// Whether the path of the open collection followed by `seg` leads to
    /// a wanted path (is one, or an ancestor of one).
    fn wants(&self, seg: Option<&Seg>) -> bool {
        let Some(wanted) = self.wanted else {
            return true;
        };
        let depth = self.path.len() + usize::from(seg.is_some());
        wanted.iter().any(|w| {
            w.len() >= depth
                && w[..self.path.len()] == self.path[..]
                && seg.is_none_or(|s| w[self.path.len()] == *s)
        })
    }

    /// Keeps the position of the node at the open collection's path followed
    /// by `seg`, if wanted: a key's first, a value's last.
    fn record(&mut self, seg: Option<&Seg>, mark: Marker, key: bool) {
        if !self.wants(seg) {
            return;
        }
        let mut p = self.path.clone();
        p.extend(seg.cloned());
        if key {
            self.keys.entry(p).or_insert(to_pos(mark));
        } else {
            self.values.insert(p, to_pos(mark));
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, ..) => match self.begin_node() {
                Some(seg) => self.record(seg.as_ref(), mark, false),
                None => {
                    let seg = Seg::Key(text);
                    self.record(Some(&seg), mark, true);
                    if let (
                        Some(Frame::Map {
                            next_key,
                            expecting_key,
                        }),
                        Seg::Key(text),
                    ) = (self.stack.last_mut(), seg)
                    {
                        *next_key = Some(text);
                        *expecting_key = false;
                    }
                }
            },
            Event::Alias(_) => {
                if let Some(seg) = self.begin_node() {
                    self.record(seg.as_ref(), mark, false);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                let root = self.stack.is_empty();
                // A collection as a mapping's key stands at the map's path.
                let seg = self.begin_node().flatten();
                self.record(seg.as_ref(), mark, false);
                // The path grows by one segment per open collection but the
                // root, a key collection's by an empty one: each is popped
                // as its collection closes.
                if !root {
                    self.path.push(seg.unwrap_or(Seg::Key(String::new())));
                }
                self.stack.push(if is_map {
                    Frame::Map {
                        next_key: None,
                        expecting_key: true,
                    }
                } else {
                    Frame::Seq { next: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                if !self.stack.is_empty() {
                    self.path.pop();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    const DOC: &str = "id: a\ntargets:\n  - id: \"1\"\n    target: tối thiểu 25%\n  - id: \"2\"\n    by_segment:\n      urban: 100%\n";

    #[test]
    fn finds_value_positions() {
        let p = Positions::of(DOC);
        assert_eq!(p.value(&path("id")), Some(Pos { line: 1, col: 5 }));
        assert_eq!(
            p.value(&path("targets.0.target")),
            Some(Pos { line: 4, col: 13 })
        );
        assert_eq!(
            p.value(&path("targets.1.by_segment.urban")),
            Some(Pos { line: 7, col: 14 })
        );
        assert_eq!(
            p.key(&path("targets.1.by_segment")),
            Some(Pos { line: 6, col: 5 })
        );
    }

    #[test]
    fn positions_of_wanted_paths_are_those_of_the_whole_document() {
        let all = Positions::of(DOC);
        let flow = "a: {b: [1, {c: 2}]}\n? [k]\n: v\n";
        let all_flow = Positions::of(flow);
        for dotted in [
            "id",
            "targets",
            "targets.0.target",
            "targets.1.by_segment.urban",
            "targets.1.due",
            "targets.7.id",
            "nothing.here",
            "",
        ] {
            let p = path(dotted);
            let some = Positions::of_paths(DOC, &[&p, &path("targets.0.id")]);
            assert_eq!(some.value(&p), all.value(&p), "{dotted}");
            assert_eq!(some.key(&p), all.key(&p), "{dotted}");
        }
        for dotted in ["a.b.1.c", "a.b.0", "a", "k"] {
            let p = path(dotted);
            let some = Positions::of_paths(flow, &[&p]);
            assert_eq!(some.value(&p), all_flow.value(&p), "{dotted}");
        }
        // Only what leads to them is kept: a sibling falls back to the
        // nearest ancestor kept.
        let one = Positions::of_paths(DOC, &[&path("targets.0.target")]);
        assert_eq!(
            one.value(&path("targets.1.by_segment.urban")),
            all.value(&path("targets"))
        );
        assert_eq!(Positions::of_paths(DOC, &[]).value(&path("id")), None);
    }

    #[test]
    fn missing_value_falls_back_to_ancestor() {
        let p = Positions::of(DOC);
        assert_eq!(
            p.value(&path("targets.1.due")),
            Some(Pos { line: 5, col: 7 })
        );
    }

    #[derive(Deserialize, Debug)]
    struct Doc {
        #[allow(dead_code)]
        id: String,
    }

    #[test]
    fn collects_every_unknown_field() {
        let r = read::<Doc>("id: a\nnumbr: 1\ntitel: x\n").unwrap();
        assert_eq!(r.unknown, vec![path("numbr"), path("titel")]);
    }

    #[test]
    fn syntax_error_has_position() {
        let e = read::<Doc>("id: 'a\n").err().unwrap();
        assert_eq!(e.kind, ReadErrorKind::Syntax);
        assert!(e.pos.is_some());
    }

    #[test]
    fn wrong_type_is_a_shape_error() {
        let e = read::<Doc>("id: [a]\n").err().unwrap();
        assert_eq!(e.kind, ReadErrorKind::Shape);
        assert_eq!(e.pos, Some(Pos { line: 1, col: 5 }));
    }

    #[test]
    /// Regression: `Parser::load` recursed per level and overflowed the stack.
    fn positions_survive_deep_nesting() {
        for n in [1_000, 100_000] {
            for src in [
                format!("{}x", "- ".repeat(n)),
                (0..n.min(2000))
                    .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                    .collect(),
            ] {
                // The walk stops at MAX_DEPTH but keeps what it saw before.
                let root = Positions::of(&src).value(&[]);
                assert_eq!(root.map(|p| p.line), Some(1), "{}", &src[..20]);
            }
            // yaml-rust2's scanner refuses more than 255 flow levels before any
            // event: no positions, and no crash.
            let flow = format!("{}x{}", "[".repeat(n), "]".repeat(n));
            assert_eq!(Positions::of(&flow).value(&[]), None);
        }
    }
}
