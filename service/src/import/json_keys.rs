//! Keys given twice in one JSON object.
//!
//! JSON readers (serde_json among them) keep the last value of a key given twice and say
//! nothing, so `{"ties": [..], "ties": []}` would quietly read as no ties. Puentes refuses
//! such a document instead, naming the key, where it is and its JSON pointer: a client that
//! sends it has a bug, and guessing which value it meant would hide it.
//!
//! [`repeated_key`] walks the document once with serde's visitor (no value is built, only the
//! keys of the object being read are held), before the document is read for its content.

use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

/// A key given twice in one object of a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedKey {
    /// The key.
    pub key: String,
    /// The JSON pointer of the key's value (`/ties/3/strength`).
    pub pointer: String,
    /// Line of its second occurrence (1-based).
    pub line: usize,
    /// Column where its second occurrence ends (1-based).
    pub column: usize,
}

/// The first key given twice in one object of `bytes`, in document order; `None` when every
/// object's keys are distinct up to where `bytes` stops being well-formed JSON (the reader of
/// the document then says where that is).
///
/// # Complexity
/// One pass over the document; the keys of the objects open at one time are held (at most
/// serde_json's nesting limit of 128 objects).
///
/// # Examples
/// ```
/// use puentes::import::json_keys::repeated_key;
/// let found = repeated_key(br#"{"ties": [{"a": 1, "b": 2, "a": 3}]}"#).unwrap();
/// assert_eq!((found.key.as_str(), found.pointer.as_str()), ("a", "/ties/0/a"));
/// assert_eq!((found.line, found.column), (1, 30));
/// assert_eq!(repeated_key(br#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#), None);
/// ```
pub fn repeated_key(bytes: &[u8]) -> Option<RepeatedKey> {
    let walk = Walk {
        path: RefCell::new(Vec::new()),
        found: RefCell::new(None),
    };
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let error = Check(&walk).deserialize(&mut reader).err()?;
    let (key, pointer) = walk.found.into_inner()?;
    Some(RepeatedKey {
        key,
        pointer,
        line: error.line(),
        column: error.column(),
    })
}

/// The state of one walk: where it is (the pointer's segments) and the repeated key found.
struct Walk {
    path: RefCell<Vec<String>>,
    found: RefCell<Option<(String, String)>>,
}

impl Walk {
    /// The JSON pointer of `path` followed by `last` (`~` and `/` escaped, RFC 6901).
    fn pointer(&self, last: &str) -> String {
        let path = self.path.borrow();
        path.iter()
            .map(String::as_str)
            .chain([last])
            .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
            .collect()
    }
}

/// Reads one value, checking the keys of every object in it.
#[derive(Clone, Copy)]
struct Check<'a>(&'a Walk);

impl<'de> DeserializeSeed<'de> for Check<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Check<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            self.0.path.borrow_mut().push(i.to_string());
            let more = seq.next_element_seed(self);
            self.0.path.borrow_mut().pop();
            if more?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                let pointer = self.0.pointer(&key);
                *self.0.found.borrow_mut() = Some((key, pointer));
                return Err(A::Error::custom("a key given twice"));
            }
            self.0.path.borrow_mut().push(key.clone());
            let value = map.next_value_seed(self);
            self.0.path.borrow_mut().pop();
            value?;
            seen.insert(key);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_repeated_key_with_its_place() {
        let doc = b"{\n  \"organizations\": [],\n  \"ties\": [],\n  \"ties\": [1]\n}";
        let found = repeated_key(doc).expect("repeated");
        assert_eq!(found.key, "ties");
        assert_eq!(found.pointer, "/ties");
        assert_eq!((found.line, found.column), (4, 8));
        // Deep inside arrays and objects, escaped in the pointer.
        let doc = br#"{"a/b": [{}, {"x~": {"k": 1, "k": 2}}]}"#;
        let found = repeated_key(doc).expect("repeated");
        assert_eq!(found.pointer, "/a~1b/1/x~0/k");
        // The same text after escapes: "\u0061" is "a".
        let found = repeated_key(br#"{"a": 1, "\u0061": 2}"#).expect("repeated");
        assert_eq!(found.key, "a");
    }

    #[test]
    fn distinct_keys_and_malformed_documents_pass() {
        assert_eq!(
            repeated_key(br#"{"a": 1, "b": {"a": 2}, "c": [{"a": 3}]}"#),
            None
        );
        assert_eq!(repeated_key(b"[1, 2, null, true, \"x\", -1.5e3]"), None);
        // Not JSON: the document's reader says where, not this check.
        assert_eq!(repeated_key(br#"{"a": 1, "b""#), None);
        assert_eq!(repeated_key(br#"{"a": 1 "a": 2}"#), None);
        assert_eq!(repeated_key(b""), None);
        // Deeper than the reader's nesting limit: refused by the reader, not a panic here.
        let deep = "[".repeat(100_000);
        assert_eq!(repeated_key(deep.as_bytes()), None);
    }
}
