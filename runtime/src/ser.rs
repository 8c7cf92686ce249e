//! Writing structure members: the counterpart of [`crate::de`], called
//! once per member by generated `StructFields::write_fields`.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::de::StructFields;

/// Serialises a structure as a JSON object of its present members.
pub fn serialize_struct<T: StructFields, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    value.write_fields(&mut map)?;
    map.end()
}

/// Writes a member that is always present.
pub fn required<M: SerializeMap, T: Serialize>(map: &mut M, key: &'static str, value: &T) -> Result<(), M::Error> {
    map.serialize_entry(key, value)
}

/// Writes an optional member; an absent one is left out of the object.
pub fn optional<M: SerializeMap, T: Serialize>(map: &mut M, key: &'static str, value: &Option<T>) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Writes an optional member through a wire adapter (see [`crate::wire`]).
pub fn optional_as<W, T, M>(map: &mut M, key: &'static str, value: &Option<T>) -> Result<(), M::Error>
where
    M: SerializeMap,
    W: crate::wire::SerializeAs<T>,
{
    match value {
        Some(value) => map.serialize_entry(key, &crate::wire::Ser::<T, W>::new(value)),
        None => Ok(()),
    }
}

/// Writes a member that is always present through a wire adapter.
pub fn required_as<W, T, M>(map: &mut M, key: &'static str, value: &T) -> Result<(), M::Error>
where
    M: SerializeMap,
    W: crate::wire::SerializeAs<T>,
{
    map.serialize_entry(key, &crate::wire::Ser::<T, W>::new(value))
}
