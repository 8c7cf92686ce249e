//! Serde support for open enums: string enums and `intEnum`s whose unknown
//! values are kept, not rejected, so a newer service cannot break an older
//! client.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// An open enum: its modeled values, and whether a value is one of them
/// (implemented by `string_enum_impls!` and `int_enum_impls!`).
pub trait OpenEnum {
    /// A modeled value's wire form: `&'static str`, or `i32` for an
    /// `intEnum`.
    type Value: fmt::Display + 'static;

    /// Every value the model lists.
    const VALUES: &'static [Self::Value];

    /// Whether this is one of [`VALUES`](Self::VALUES), not an unknown one.
    fn is_known(&self) -> bool;

    /// This value's wire form as text, known or not.
    fn wire_text(&self) -> String;
}

/// Deserialises a string enum through its `From<&str>` conversion, which
/// maps unknown values to the enum's `Unknown` case.
pub fn deserialize_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct V<T>(PhantomData<T>);
    impl<T: for<'a> From<&'a str>> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(V(PhantomData))
}

/// Deserialises an `intEnum` through its `From<i32>` conversion, which maps
/// unknown values to the enum's `Unknown` case.
pub fn deserialize_int<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: From<i32>,
{
    struct V<T>(PhantomData<T>);
    impl<T: From<i32>> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a 32-bit integer")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            i32::try_from(v)
                .map(T::from)
                .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            i32::try_from(v)
                .map(T::from)
                .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
    }
    deserializer.deserialize_i32(V(PhantomData))
}
