//! Runtime support shared by every crate that `smithy-codegen` generates.
//!
//! Generated code stays thin and declarative; the generic plumbing it needs
//! lives here once:
//!
//! * [`wire`]: serde adapters for wire formats that differ from serde's
//!   defaults (timestamps, blobs, non-finite floats), composable through
//!   lists, maps and options;
//! * [`de`] and [`ser`]: the shared (de)serialisation of generated
//!   structures;
//! * [`codec`]: the body formats, JSON and (feature `cbor`) CBOR;
//! * `string_enum_impls!`, `int_enum_impls!`, `structure_impls!`,
//!   `operation_error_impls!`: the trait implementations every generated
//!   type of a kind carries alike, invoked with the type's name;
//! * [`ZeroValue`]: the value a client fills in when a response omits a
//!   member the model marks as required;
//! * [`enums`]: (de)serialisation of open string and integer enums;
//! * [`error`]: the error types shared by every operation;
//! * `client` (feature `client`): the client plumbing;
//! * `server` (feature `server`): the server plumbing;
//! * `protocol_test` (feature `test-util`): what the generated protocol
//!   compliance tests run on.

#[cfg(feature = "client")]
pub mod client;
mod datetime;
pub mod codec;
pub mod de;
pub mod enums;
pub mod error;
mod impls;
mod number;
pub mod protocol;
#[cfg(feature = "test-util")]
pub mod protocol_test;
pub mod ser;
#[cfg(feature = "server")]
pub mod server;
pub mod union;
pub mod wire;

pub use datetime::DateTime;
pub use error::ResponseMetadata;
pub use number::{BigDecimal, BigInteger, ParseNumberError};

pub use base64;
pub use serde_json;
pub use time;

#[doc(hidden)]
pub mod __private {
    pub use serde;
}

/// An untyped JSON value, as Smithy's `document` type.
pub type Document = serde_json::Value;

/// The text printed instead of a `@sensitive` value in `Debug` output.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// The value a member takes when a response omits it although the model
/// says it is required: the protocol's "zero value" (empty string, `0`,
/// `false`, empty collection, the Unix epoch, or a structure of zero values).
pub trait ZeroValue {
    /// Returns the zero value of the type.
    fn zero_value() -> Self;
}

/// Returns [`ZeroValue::zero_value`] of `T`; usable as `#[serde(default = "…")]`.
pub fn zero<T: ZeroValue>() -> T {
    T::zero_value()
}

macro_rules! zero_by_default {
    ($($t:ty),* $(,)?) => {
        $(impl ZeroValue for $t {
            fn zero_value() -> Self {
                <$t>::default()
            }
        })*
    };
}

zero_by_default!(bool, i8, i16, i32, i64, f32, f64, String, Document);

impl<T> ZeroValue for Vec<T> {
    fn zero_value() -> Self {
        Vec::new()
    }
}

impl<K, V> ZeroValue for std::collections::HashMap<K, V> {
    fn zero_value() -> Self {
        std::collections::HashMap::new()
    }
}

impl<T> ZeroValue for Option<T> {
    fn zero_value() -> Self {
        None
    }
}

impl<T: ZeroValue> ZeroValue for Box<T> {
    fn zero_value() -> Self {
        Box::new(T::zero_value())
    }
}

impl ZeroValue for DateTime {
    fn zero_value() -> Self {
        DateTime::UNIX_EPOCH
    }
}
