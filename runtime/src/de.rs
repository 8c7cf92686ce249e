//! Lean serde support for generated structures.
//!
//! `#[derive(Deserialize)]` writes, for every structure, a field-name enum
//! with its own deserializer, a visitor for both maps and sequences, and a
//! temporary per field. Generated structures instead implement
//! [`StructFields`] (one match arm per member) and share the one generic
//! visitor here: less code to compile per type, and no temporaries at run
//! time. Unknown members are skipped, `null` reads as absent, and a member
//! that appears twice keeps its last value.

use std::cell::{Cell, RefCell};
use std::fmt;

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

/// Deserialises a structure through its [`StructFields`] implementation.
pub fn deserialize_struct<'de, D: Deserializer<'de>, T: StructFields>(deserializer: D) -> Result<T, D::Error> {
    let mut value = T::zero_value();
    deserializer.deserialize_map(StructPlace(&mut value))?;
    Ok(value)
}

/// Reads every member of `map` with `read_field` (a structure's
/// [`StructFields::read_field`]), skipping members it does not know;
/// `required` are the structure's [`StructFields::REQUIRED`]. The loop is
/// compiled once per reader, not once per structure: each structure adds
/// only the closure calling its `read_field`. What does not depend on the
/// reader either (a strict read's bookkeeping) is in [`Members`].
fn read_fields<'de, A: MapAccess<'de>>(
    required: &'static [&'static str],
    mut map: A,
    read_field: &mut ReadField<'_, A, A::Error>,
) -> Result<(), A::Error> {
    let mut members = Members::start(required);
    while let Some(key) = map.next_key_seed(KeySeed)? {
        let key = key.as_str();
        let _at = members.enter(key);
        if read_field(key, &mut map)? {
            members.read(key);
        } else {
            map.next_value::<IgnoredAny>()?;
        }
    }
    members.finish();
    Ok(())
}

/// A structure's [`StructFields::read_field`], for one reader.
type ReadField<'a, A, E> = dyn FnMut(&str, &mut A) -> Result<bool, E> + 'a;

/// What a strict read (inside [`record_missing_members`]) keeps while it
/// reads one structure: where it is, and which required members it has.
/// Outside a strict read it does nothing.
struct Members {
    strict: bool,
    required: &'static [&'static str],
    /// Per required member, whether it was read (as a value, not `null`).
    seen: Vec<bool>,
}

impl Members {
    fn start(required: &'static [&'static str]) -> Self {
        let strict = strict();
        let seen = if strict { vec![false; required.len()] } else { Vec::new() };
        Members { strict, required, seen }
    }

    /// Member `key` is being read: it is on [`PATH`] while the guard lives.
    fn enter(&self, key: &str) -> Option<PathGuard> {
        if !self.strict {
            return None;
        }
        NULLED.with(|n| n.set(false));
        Some(PathGuard::push(key.to_owned()))
    }

    /// Member `key` was read.
    fn read(&mut self, key: &str) {
        if self.seen.is_empty() || NULLED.with(Cell::get) {
            return;
        }
        if let Some(i) = self.required.iter().position(|r| *r == key) {
            self.seen[i] = true;
        }
    }

    /// The structure is read: its absent required members are recorded.
    fn finish(self) {
        if self.seen.iter().all(|seen| *seen) {
            return;
        }
        let at = PATH.with(|p| p.borrow().iter().map(|seg| format!("/{seg}")).collect::<String>());
        MISSING.with(|m| {
            if let Some(missing) = m.borrow_mut().as_mut() {
                let absent = self.required.iter().zip(&self.seen).filter(|(_, seen)| !**seen);
                missing.extend(absent.map(|(name, _)| format!("{at}/{name}")));
            }
        });
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
    match map.next_value::<Option<T>>()? {
        Some(value) => *slot = value,
        None => note_null(),
    }
    Ok(())
}

/// Reads a required or defaulted member through a wire adapter.
pub fn required_as<'de, W, T, A>(map: &mut A, slot: &mut T) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    W: crate::wire::DeserializeAs<'de, T>,
{
    match map.next_value::<Option<crate::wire::De<T, W>>>()? {
        Some(value) => *slot = value.into_inner(),
        None => note_null(),
    }
    Ok(())
}

/// Reads an optional structure member in place: the structure is built
/// where it is stored instead of being moved there once read, which saves
/// copying large structures. `null` is absent.
pub fn optional_struct<'de, A: MapAccess<'de>, T: StructFields>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    map.next_value_seed(Nullable(OptionalStruct(slot)))
}

/// Reads a required or defaulted structure member in place: `null` keeps
/// the value it has.
pub fn required_struct<'de, A: MapAccess<'de>, T: StructFields>(map: &mut A, slot: &mut T) -> Result<(), A::Error> {
    map.next_value_seed(Nullable(RequiredStruct(slot)))
}

/// Reads an optional list of structures, each element in place. `null`
/// is absent; a `null` element is an error, as for any structure.
pub fn optional_struct_list<'de, A: MapAccess<'de>, T: StructFields>(
    map: &mut A,
    slot: &mut Option<Vec<T>>,
) -> Result<(), A::Error> {
    map.next_value_seed(Nullable(OptionalStructList(slot)))
}

/// A member read in place: what `null` does, and how a value is read.
trait Place<'de> {
    fn null(self);
    fn read<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error>;
    fn expecting(f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

struct OptionalStruct<'a, T>(&'a mut Option<T>);

impl<'de, T: StructFields> Place<'de> for OptionalStruct<'_, T> {
    fn null(self) {
        *self.0 = None;
    }

    fn read<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(StructPlace(self.0.insert(T::zero_value())))
    }

    fn expecting(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} structure or null", T::NAME)
    }
}

struct RequiredStruct<'a, T>(&'a mut T);

impl<'de, T: StructFields> Place<'de> for RequiredStruct<'_, T> {
    fn null(self) {
        note_null();
    }

    fn read<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        *self.0 = T::zero_value();
        deserializer.deserialize_map(StructPlace(self.0))
    }

    fn expecting(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} structure or null", T::NAME)
    }
}

struct OptionalStructList<'a, T>(&'a mut Option<Vec<T>>);

impl<'de, T: StructFields> Place<'de> for OptionalStructList<'_, T> {
    fn null(self) {
        *self.0 = None;
    }

    fn read<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(ListPlace(self.0.insert(Vec::new())))
    }

    fn expecting(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of {} structures or null", T::NAME)
    }
}

/// Reads a [`Place`], or `null`.
struct Nullable<P>(P);

impl<'de, P: Place<'de>> DeserializeSeed<'de> for Nullable<P> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, P: Place<'de>> Visitor<'de> for Nullable<P> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        P::expecting(f)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.null();
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.0.read(deserializer)
    }
}

/// A structure read into where it is stored (holding its zero value).
struct StructPlace<'a, T>(&'a mut T);

impl<'de, T: StructFields> DeserializeSeed<'de> for StructPlace<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: StructFields> Visitor<'de> for StructPlace<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} structure", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let value = self.0;
        read_fields(T::REQUIRED, map, &mut |key, map| value.read_field(key, map))
    }
}

/// A list of structures, each element read where it is stored.
struct ListPlace<'a, T>(&'a mut Vec<T>);

impl<'de, T: StructFields> Visitor<'de> for ListPlace<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of {} structures", T::NAME)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let list = self.0;
        // The count a reader declares (CBOR's, bounded by the bytes left),
        // reserved up to 1 MiB as serde's own collections do, so that a
        // declared length alone never allocates more.
        const MAX_RESERVED: usize = 1 << 20;
        list.reserve(seq.size_hint().unwrap_or(0).min(MAX_RESERVED / std::mem::size_of::<T>().max(1)));
        let strict = strict();
        loop {
            list.push(T::zero_value());
            let last = list.len() - 1;
            let _at = PathGuard::position(strict, last);
            if seq.next_element_seed(StructPlace(&mut list[last]))?.is_none() {
                list.pop();
                return Ok(());
            }
        }
    }
}

thread_local! {
    static MISSING: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    /// Whether the member a strict read just read was `null` (which leaves
    /// a required member unset).
    static NULLED: Cell<bool> = const { Cell::new(false) };
    /// Where a strict read is: member names and list positions.
    static PATH: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Notes that a required (non-optional) member read `null`.
fn note_null() {
    NULLED.with(|n| n.set(true));
}

/// A segment of [`PATH`] for as long as it lives.
struct PathGuard;

impl PathGuard {
    fn push(segment: String) -> Self {
        PATH.with(|p| p.borrow_mut().push(segment));
        PathGuard
    }

    /// List position `i`, in a strict read.
    fn position(strict: bool, i: usize) -> Option<Self> {
        strict.then(|| PathGuard::push(i.to_string()))
    }
}

impl Drop for PathGuard {
    fn drop(&mut self) {
        PATH.with(|p| p.borrow_mut().pop());
    }
}

/// Whether the deserialisation running is a server's strict read (inside
/// [`record_missing_members`]): unknown union members and timestamps not
/// in their modeled format are then errors, not tolerated.
pub(crate) fn strict() -> bool {
    MISSING.with(|m| m.borrow().is_some())
}

/// Runs `read` (a deserialisation) and also returns the required members
/// that were absent, as JSON pointers (`/list/0/member`). Clients read absent required
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

    #[derive(Debug, Default, PartialEq)]
    struct Outer {
        one: Option<Pair>,
        list: Option<Vec<Pair>>,
        always: Pair,
    }

    impl crate::ZeroValue for Outer {
        fn zero_value() -> Self {
            Self::default()
        }
    }

    impl StructFields for Outer {
        const NAME: &'static str = "Outer";

        fn write_fields<M: serde::ser::SerializeMap>(&self, _map: &mut M) -> Result<(), M::Error> {
            Ok(())
        }

        fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "one" => optional_struct(map, &mut self.one)?,
                "list" => optional_struct_list(map, &mut self.list)?,
                "always" => required_struct(map, &mut self.always)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    impl<'de> serde::Deserialize<'de> for Outer {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_struct(deserializer)
        }
    }

    fn pair(name: &str, note: Option<&str>) -> Pair {
        Pair { name: name.to_owned(), note: note.map(str::to_owned) }
    }

    #[test]
    fn structures_read_in_place_like_any_member() {
        let read = |json: &str| serde_json::from_str::<Outer>(json);
        let full = read(r#"{"one": {"name": "a", "note": "n"}, "list": [{"name": "b"}, {}], "always": {"name": "c"}}"#);
        assert_eq!(
            full.unwrap(),
            Outer {
                one: Some(pair("a", Some("n"))),
                list: Some(vec![pair("b", None), pair("", None)]),
                always: pair("c", None),
            }
        );
        // `null` is absent (a required member keeps its zero value); an
        // empty list stays a list.
        let nulls = read(r#"{"one": null, "list": [], "always": null}"#).unwrap();
        assert_eq!(nulls, Outer { one: None, list: Some(vec![]), always: Pair::default() });
        // A member given twice keeps only its last value, not a merge.
        let twice = read(r#"{"one": {"name": "a", "note": "n"}, "one": {"name": "b"}, "always": {"note": "x"}, "always": {"name": "c"}, "list": [{"name": "d"}], "list": null}"#);
        assert_eq!(twice.unwrap(), Outer { one: Some(pair("b", None)), list: None, always: pair("c", None) });
        // Wrong shapes are errors that say what was expected.
        let error = |json: &str| read(json).unwrap_err().to_string();
        assert!(error(r#"{"list": [null]}"#).contains("expected a Pair structure"), "{}", error(r#"{"list": [null]}"#));
        assert!(error(r#"{"list": {}}"#).contains("expected a list of Pair structures"), "{}", error(r#"{"list": {}}"#));
        assert!(error(r#"{"one": 3}"#).contains("expected a Pair structure"), "{}", error(r#"{"one": 3}"#));
        assert!(read(r#"{"list": [{"name": "a"}, 3]}"#).is_err());
    }

    #[test]
    fn bodies_are_read_as_text_and_an_empty_body_is_an_empty_structure() {
        assert_eq!(crate::codec::json::from_body::<Pair>(b" \n").unwrap(), Pair::default());
        assert_eq!(crate::codec::json::from_body::<Pair>(br#"{"name": "\u00e9t\u00e9"}"#).unwrap().name, "\u{e9}t\u{e9}");
        // Bad UTF-8 is named by line and column, as serde_json names other faults.
        let error = crate::codec::json::from_body::<Pair>(b"{\n  \"name\": \"\xC3\x28\"}").unwrap_err().to_string();
        assert_eq!(error, "invalid UTF-8 at line 2 column 12");
        assert!(crate::codec::json::from_body::<Pair>(b"{\"name\": 3}").is_err());
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
        // Elements read by serde's own `Vec` have no position to name.
        assert_eq!(missing, ["/name"]);
        let (_, none) = record_missing_members(|| serde_json::from_str::<Pair>(r#"{"name": "a"}"#));
        assert!(none.is_empty());
        // An explicit `null` leaves a required member unset.
        let (_, nulled) = record_missing_members(|| serde_json::from_str::<Pair>(r#"{"name": null}"#));
        assert_eq!(nulled, ["/name"]);
    }
}
