//! Lean serde support for generated structures.
//!
//! `#[derive(Deserialize)]` writes, for every structure, a field-name enum
//! with its own deserializer, a visitor for both maps and sequences, and a
//! temporary per field. Generated structures instead implement
//! [`StructFields`] (one match arm per member) and share the one generic
//! visitor here: less code to compile per type, and no temporaries at run
//! time. Unknown members are skipped, `null` reads as absent, and a member
//! that appears twice keeps its last value.

use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// Implemented by generated structures. Reading starts from the
/// structure's [`ZeroValue`](crate::ZeroValue): absent optional members,
/// defaults, and zero values for required members.
pub trait StructFields: Sized + crate::ZeroValue {
    /// The structure's shape name, for messages.
    const NAME: &'static str;

    /// Wire names of the members that are plain values only because the
    /// model requires them (no default): a reader that must not accept
    /// their absence, such as a server, learns of it through
    /// [`record_missing_members`].
    const REQUIRED: &'static [&'static str] = &[];

    /// Reads the value of member `key` from `map` into `self`; returns
    /// `false` (reading nothing) when the structure has no such member.
    fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Writes every present member into `map` (see [`crate::ser`]).
    fn write_fields<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Reads a JSON body as `T`; an empty (or all-whitespace) body reads as
/// `{}`. The body's UTF-8 is checked once, so serde_json does not check
/// each string again; a body that is not UTF-8 goes through `from_slice`,
/// whose error says where the bad byte is.
pub fn from_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return serde_json::from_slice(b"{}");
    }
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

/// Deserialises a structure through its [`StructFields`] implementation.
pub fn deserialize_struct<'de, D: Deserializer<'de>, T: StructFields>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: StructFields> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} structure", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::zero_value();
        let track = !T::REQUIRED.is_empty() && MISSING.with(|m| m.borrow().is_some());
        let mut seen = vec![false; if track { T::REQUIRED.len() } else { 0 }];
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if !value.read_field(key.as_str(), &mut map)? {
                map.next_value::<IgnoredAny>()?;
            } else if track {
                if let Some(i) = T::REQUIRED.iter().position(|r| *r == key.as_str()) {
                    seen[i] = true;
                }
            }
        }
        if track {
            MISSING.with(|m| {
                if let Some(missing) = m.borrow_mut().as_mut() {
                    let absent = T::REQUIRED.iter().zip(&seen).filter(|(_, seen)| !**seen);
                    missing.extend(absent.map(|(name, _)| format!("{}.{name}", T::NAME)));
                }
            });
        }
        Ok(value)
    }
}

/// A member name, borrowed from the input when it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}

/// Reads an optional member into `slot`: `null` is absent.
pub fn optional<'de, A: MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Reads an optional member through a wire adapter (see [`crate::wire`]).
pub fn optional_as<'de, W, T, A>(map: &mut A, slot: &mut Option<T>) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    W: crate::wire::DeserializeAs<'de, T>,
{
    *slot = map.next_value::<Option<crate::wire::De<T, W>>>()?.map(crate::wire::De::into_inner);
    Ok(())
}

/// Reads a required or defaulted member: `null` keeps the value it has.
pub fn required<'de, A: MapAccess<'de>, T: serde::Deserialize<'de>>(map: &mut A, slot: &mut T) -> Result<(), A::Error> {
    if let Some(value) = map.next_value::<Option<T>>()? {
        *slot = value;
    }
    Ok(())
}

/// Reads a required or defaulted member through a wire adapter.
pub fn required_as<'de, W, T, A>(map: &mut A, slot: &mut T) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    W: crate::wire::DeserializeAs<'de, T>,
{
    if let Some(value) = map.next_value::<Option<crate::wire::De<T, W>>>()? {
        *slot = value.into_inner();
    }
    Ok(())
}

thread_local! {
    static MISSING: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Runs `read` (a deserialisation) and also returns the required members
/// that were absent, as `Structure.member`. Clients read absent required
/// members as zero values; a server uses this to reject them.
pub fn record_missing_members<T>(read: impl FnOnce() -> T) -> (T, Vec<String>) {
    struct Restore(Option<Vec<String>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            MISSING.with(|m| *m.borrow_mut() = previous);
        }
    }
    let previous = MISSING.with(|m| m.borrow_mut().replace(Vec::new()));
    let restore = Restore(previous);
    let value = read();
    let missing = MISSING.with(|m| m.borrow_mut().replace(Vec::new())).unwrap_or_default();
    drop(restore);
    (value, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Pair {
        name: String,
        note: Option<String>,
    }

    impl crate::ZeroValue for Pair {
        fn zero_value() -> Self {
            Self::default()
        }
    }

    impl StructFields for Pair {
        const NAME: &'static str = "Pair";
        const REQUIRED: &'static [&'static str] = &["name"];

        fn write_fields<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            crate::ser::required(map, "name", &self.name)?;
            crate::ser::optional(map, "note", &self.note)
        }

        fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "name" => required(map, &mut self.name)?,
                "note" => optional(map, &mut self.note)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    impl<'de> serde::Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_struct(deserializer)
        }
    }

    #[test]
    fn unknown_members_are_skipped_and_null_is_absent() {
        let p: Pair = serde_json::from_str(r#"{"extra": [1, {"a": 2}], "name": "n", "note": null}"#).unwrap();
        assert_eq!(p, Pair { name: "n".to_owned(), note: None });
        let escaped: Pair = serde_json::from_str(r#"{"na\u006de": "escaped key"}"#).unwrap();
        assert_eq!(escaped.name, "escaped key");
    }

    #[test]
    fn absent_required_members_are_recorded_only_when_asked() {
        let p: Pair = serde_json::from_str(r#"{"note": "x"}"#).unwrap();
        assert_eq!(p.name, "");
        let (p, missing) = record_missing_members(|| serde_json::from_str::<Vec<Pair>>(r#"[{"name": "a"}, {}]"#));
        assert_eq!(p.unwrap().len(), 2);
        assert_eq!(missing, ["Pair.name"]);
        let (_, none) = record_missing_members(|| serde_json::from_str::<Pair>(r#"{"name": "a"}"#));
        assert!(none.is_empty());
    }
}
