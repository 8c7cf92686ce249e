//! Serde support for Smithy unions: a JSON object with exactly one member
//! set. Clients ignore `__type` and members they do not know (the union's
//! `Unknown` case), and treat `null` members as unset.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

/// Implemented by generated unions.
pub trait UnionMembers<'de>: Sized {
    /// The union's shape name, for messages.
    const NAME: &'static str;

    /// Reads the value of member `name` from `map`. Returns `Ok(None)` when
    /// the member is not known (its value is then skipped), `Ok(Some(None))`
    /// when its value is `null`.
    #[allow(clippy::type_complexity)]
    fn visit_member<A: MapAccess<'de>>(name: &str, map: &mut A) -> Result<Option<Option<Self>>, A::Error>;

    /// The case for a member this version does not know.
    fn unknown() -> Self;
}

/// Deserialises a union through its [`UnionMembers`] implementation.
pub fn deserialize<'de, D: Deserializer<'de>, T: UnionMembers<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct V<T>(PhantomData<T>);
    impl<'de, T: UnionMembers<'de>> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} union: an object with exactly one member set", T::NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut found: Option<T> = None;
            let mut unknown = false;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "__type" {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                match T::visit_member(&key, &mut map)? {
                    None if crate::de::strict() => {
                        return Err(de::Error::custom(format_args!("{} union has no member `{key}`", T::NAME)));
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                        unknown = true;
                    }
                    Some(None) => {}
                    Some(Some(value)) => {
                        if found.is_some() {
                            return Err(de::Error::custom(format_args!(
                                "{} union has more than one member set",
                                T::NAME
                            )));
                        }
                        found = Some(value);
                    }
                }
            }
            match found {
                Some(value) => Ok(value),
                None if unknown => Ok(T::unknown()),
                None => Err(de::Error::custom(format_args!("{} union has no member set", T::NAME))),
            }
        }
    }
    deserializer.deserialize_map(V(PhantomData))
}

/// The value of a union member that targets `smithy.api#Unit`: `{}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Unit {}
