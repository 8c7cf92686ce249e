//! One-line implementations of the traits every generated type of a kind
//! carries in the same way. Generated code invokes these with the type's
//! name only; what differs between types (members, values, wire names)
//! stays in the generated code itself.

/// The traits of a string enum from its `as_str` and `From<&str>`:
/// `FromStr`, `AsRef<str>`, `Display`, serde (the value as a JSON string;
/// unknown values kept), [`ZeroValue`](crate::ZeroValue) (an empty
/// unknown value) and [`OpenEnum`](crate::enums::OpenEnum).
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::enums::deserialize_str(deserializer)
            }
        }

        impl $crate::ZeroValue for $name {
            fn zero_value() -> Self {
                Self::Unknown(::std::string::String::new())
            }
        }

        impl $crate::enums::OpenEnum for $name {
            type Value = &'static str;
            const VALUES: &'static [&'static str] = Self::VALUES;

            fn is_known(&self) -> bool {
                !::std::matches!(self, Self::Unknown(_))
            }

            fn wire_text(&self) -> ::std::string::String {
                ::std::borrow::ToOwned::to_owned(self.as_str())
            }
        }
    };
}

/// The traits of an intEnum from its `as_i32` and `From<i32>`: serde (the
/// value as a JSON number; unknown values kept) and
/// [`ZeroValue`](crate::ZeroValue) (unknown `0`) and
/// [`OpenEnum`](crate::enums::OpenEnum).
#[macro_export]
macro_rules! int_enum_impls {
    ($name:ident) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::enums::deserialize_int(deserializer)
            }
        }

        impl $crate::ZeroValue for $name {
            fn zero_value() -> Self {
                Self::Unknown(0)
            }
        }

        impl $crate::enums::OpenEnum for $name {
            type Value = i32;
            const VALUES: &'static [i32] = Self::VALUES;

            fn is_known(&self) -> bool {
                !::std::matches!(self, Self::Unknown(_))
            }

            fn wire_text(&self) -> ::std::string::String {
                ::std::string::ToString::to_string(&self.as_i32())
            }
        }
    };
}

/// `Serialize` and `Deserialize` for a structure through its
/// [`StructFields`](crate::de::StructFields) (see [`crate::de`] and
/// [`crate::ser`]), and, with `zero_value = default`, a
/// [`ZeroValue`](crate::ZeroValue) that is the structure's `Default`
/// (every member absent).
#[macro_export]
macro_rules! structure_impls {
    ($name:ident) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::ser::serialize_struct(self, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::de::deserialize_struct(deserializer)
            }
        }
    };
    ($name:ident, zero_value = default) => {
        $crate::structure_impls!($name);

        impl $crate::ZeroValue for $name {
            fn zero_value() -> Self {
                ::std::default::Default::default()
            }
        }
    };
}

/// The traits of an operation's error enum, given its cases (each holding
/// a modeled error structure; `Unhandled` is always there):
/// [`ProvideErrorMetadata`](crate::error::ProvideErrorMetadata), `Display`
/// and `Error` (each case forwards to the error it holds), and
/// `From<Unhandled>`.
#[macro_export]
macro_rules! operation_error_impls {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl $crate::error::ProvideErrorMetadata for $name {
            fn meta(&self) -> &$crate::error::ErrorMetadata {
                match self {
                    $(Self::$variant(error) => error.meta(),)*
                    Self::Unhandled(error) => error.meta(),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $(Self::$variant(error) => ::std::fmt::Display::fmt(error, f),)*
                    Self::Unhandled(error) => ::std::fmt::Display::fmt(error, f),
                }
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    $(Self::$variant(error) => ::std::option::Option::Some(error),)*
                    Self::Unhandled(error) => ::std::option::Option::Some(error),
                }
            }
        }

        impl ::std::convert::From<$crate::error::Unhandled> for $name {
            fn from(error: $crate::error::Unhandled) -> Self {
                Self::Unhandled(error)
            }
        }
    };
}
