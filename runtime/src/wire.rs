//! Serde adapters for the wire formats that differ from serde's defaults.
//!
//! Each adapter serves every body codec: a text format (JSON, whose
//! serializers are `is_human_readable`) gets base64 blobs, the strings
//! `"NaN"` and `"Infinity"`, and timestamps in the model's format; a binary
//! one (CBOR) gets byte strings, native floats, and timestamps as tag 1
//! over epoch seconds whatever the model's format.
//!
//! Generated code names an adapter per member that needs one, for example
//! `de::optional_as::<wire::EpochSeconds, _, _>` (see [`crate::de`] and
//! [`crate::ser`]); hand-written serde types can use the same adapters
//! through [`As`], as in `#[serde(with = "smithy_runtime::wire::As::<EpochSeconds>")]`.
//! Adapters compose through [`Option`], [`Vec`] and [`HashMap`] the way
//! the Rust types do, so a list of timestamps or a map of blobs needs no
//! extra code. [`Same`] leaves a value to its own serde implementation.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::DateTime;

/// Serialises a `T` in the wire format `Self` stands for.
pub trait SerializeAs<T: ?Sized> {
    /// Serialises `value` with `serializer`.
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Deserialises a `T` from the wire format `Self` stands for.
pub trait DeserializeAs<'de, T>: Sized {
    /// Deserialises a value from `deserializer`.
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Entry point for `#[serde(with = "…::As::<Adapter>")]`.
#[derive(Debug)]
pub struct As<A: ?Sized>(PhantomData<A>);

impl<A: ?Sized> As<A> {
    /// Serialises `value` through the adapter `A`.
    pub fn serialize<T: ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        A: SerializeAs<T>,
    {
        A::serialize_as(value, serializer)
    }

    /// Deserialises a value through the adapter `A`.
    pub fn deserialize<'de, T, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>
    where
        A: DeserializeAs<'de, T>,
    {
        A::deserialize_as(deserializer)
    }
}

/// The value's own serde implementation.
#[derive(Debug)]
pub struct Same;

impl<T: Serialize + ?Sized> SerializeAs<T> for Same {
    fn serialize_as<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// Serialises the borrowed `T` through the adapter `A`.
#[allow(missing_debug_implementations)]
pub struct Ser<'a, T: ?Sized, A: ?Sized>(&'a T, PhantomData<A>);

impl<'a, T: ?Sized, A: ?Sized> Ser<'a, T, A> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        Self(value, PhantomData)
    }
}

impl<T: ?Sized, A: SerializeAs<T> + ?Sized> Serialize for Ser<'_, T, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(self.0, serializer)
    }
}

/// Deserialises a `T` through the adapter `A`.
#[allow(missing_debug_implementations)]
pub struct De<T, A: ?Sized>(T, PhantomData<A>);

impl<T, A: ?Sized> De<T, A> {
    /// The deserialised value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> Deserialize<'de> for De<T, A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        A::deserialize_as(deserializer).map(|value| De(value, PhantomData))
    }
}

impl<T, A: SerializeAs<T>> SerializeAs<Option<T>> for Option<A> {
    fn serialize_as<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => serializer.serialize_some(&Ser::<T, A>(inner, PhantomData)),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Option<T>> for Option<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<De<T, A>>::deserialize(deserializer)?.map(|v| v.0))
    }
}

impl<T, A: SerializeAs<T>> SerializeAs<Vec<T>> for Vec<A> {
    fn serialize_as<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(|v| Ser::<T, A>(v, PhantomData)))
    }
}

impl<'de, T, A: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for Vec<A> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        Ok(Vec::<De<T, A>>::deserialize(deserializer)?.into_iter().map(|v| v.0).collect())
    }
}

impl<K: Serialize + Eq + Hash, V, A: SerializeAs<V>> SerializeAs<HashMap<K, V>> for HashMap<Same, A> {
    fn serialize_as<S: Serializer>(value: &HashMap<K, V>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(value.iter().map(|(k, v)| (k, Ser::<V, A>(v, PhantomData))))
    }
}

impl<'de, K, V, A> DeserializeAs<'de, HashMap<K, V>> for HashMap<Same, A>
where
    K: Deserialize<'de> + Eq + Hash,
    A: DeserializeAs<'de, V>,
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<K, V>, D::Error> {
        Ok(HashMap::<K, De<V, A>>::deserialize(deserializer)?
            .into_iter()
            .map(|(k, v)| (k, v.0))
            .collect())
    }
}

/// A map that is not `@sparse`: its values go through `A`. A `null` value
/// is dropped when a client reads it, as Smithy asks of clients, so one bad
/// entry does not lose the response; a server's strict read refuses it.
#[derive(Debug)]
pub struct DenseMap<A: ?Sized>(PhantomData<A>);

impl<K: Serialize + Eq + Hash, V, A: SerializeAs<V>> SerializeAs<HashMap<K, V>> for DenseMap<A> {
    fn serialize_as<S: Serializer>(value: &HashMap<K, V>, serializer: S) -> Result<S::Ok, S::Error> {
        HashMap::<Same, A>::serialize_as(value, serializer)
    }
}

impl<'de, K, V, A> DeserializeAs<'de, HashMap<K, V>> for DenseMap<A>
where
    K: Deserialize<'de> + Eq + Hash,
    A: DeserializeAs<'de, V>,
{
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<K, V>, D::Error> {
        struct Entries<K, V, A: ?Sized>(PhantomData<(K, V)>, PhantomData<A>);

        impl<'de, K, V, A> Visitor<'de> for Entries<K, V, A>
        where
            K: Deserialize<'de> + Eq + Hash,
            A: DeserializeAs<'de, V>,
        {
            type Value = HashMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<M: de::MapAccess<'de>>(self, mut map: M) -> Result<HashMap<K, V>, M::Error> {
                let strict = crate::de::strict();
                // Not the declared size: the input may lie about it.
                let mut out = HashMap::new();
                while let Some(key) = map.next_key::<K>()? {
                    match map.next_value::<Option<De<V, A>>>()? {
                        Some(value) => {
                            out.insert(key, value.0);
                        }
                        None if strict => return Err(de::Error::custom("null value in a map that is not @sparse")),
                        None => {}
                    }
                }
                Ok(out)
            }
        }

        deserializer.deserialize_map(Entries::<K, V, A>(PhantomData, PhantomData))
    }
}

/// `blob`: standard base64 text.
#[derive(Debug)]
pub struct Base64;

impl SerializeAs<Vec<u8>> for Base64 {
    fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        if !serializer.is_human_readable() {
            return serializer.serialize_bytes(value);
        }
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(value))
    }
}

impl<'de> DeserializeAs<'de, Vec<u8>> for Base64 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
                use base64::Engine as _;
                base64::engine::general_purpose::STANDARD
                    .decode(v)
                    .map_err(|e| E::custom(format_args!("invalid base64: {e}")))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(V)
        } else {
            deserializer.deserialize_byte_buf(V)
        }
    }
}

/// `bigInteger` and `bigDecimal` in rpcv2Json: a JSON string of the
/// number's digits (read from a string or a number).
#[derive(Debug)]
pub struct NumberAsText;

macro_rules! number_as_text {
    ($($t:ty),*) => {$(
        impl SerializeAs<$t> for NumberAsText {
            fn serialize_as<S: Serializer>(value: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                if serializer.is_human_readable() {
                    serializer.serialize_str(value.as_str())
                } else {
                    value.serialize(serializer)
                }
            }
        }

        impl<'de> DeserializeAs<'de, $t> for NumberAsText {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                <$t>::deserialize(deserializer)
            }
        }
    )*};
}

number_as_text!(crate::BigInteger, crate::BigDecimal);

/// `float` and `double`: JSON numbers, with the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` for the values JSON cannot carry.
#[derive(Debug)]
pub struct Float;

macro_rules! float_adapter {
    ($t:ty) => {
        impl SerializeAs<$t> for Float {
            fn serialize_as<S: Serializer>(value: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                if !serializer.is_human_readable() {
                    value.serialize(serializer)
                } else if value.is_nan() {
                    serializer.serialize_str("NaN")
                } else if value.is_infinite() {
                    serializer.serialize_str(if *value > 0.0 { "Infinity" } else { "-Infinity" })
                } else {
                    value.serialize(serializer)
                }
            }
        }

        impl<'de> DeserializeAs<'de, $t> for Float {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<$t, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$t, E> {
                        match v {
                            "NaN" => Ok(<$t>::NAN),
                            "Infinity" => Ok(<$t>::INFINITY),
                            "-Infinity" => Ok(<$t>::NEG_INFINITY),
                            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                        }
                    }
                }
                // Any, not f64: the special values arrive as strings.
                deserializer.deserialize_any(V)
            }
        }
    };
}

float_adapter!(f32);
float_adapter!(f64);

/// `timestamp` in `epoch-seconds` format (the awsJson default): a JSON
/// number of seconds since the Unix epoch, with a fractional part when the
/// value has one.
#[derive(Debug)]
pub struct EpochSeconds;

/// `timestamp` in `date-time` format: RFC 3339 text in UTC, e.g.
/// `2026-11-24T21:29:15.63Z`.
#[derive(Debug)]
pub struct DateTimeFormat;

/// `timestamp` in `http-date` format: IMF-fixdate text, e.g.
/// `Tue, 24 Nov 2026 21:29:15 GMT`.
#[derive(Debug)]
pub struct HttpDate;

/// Seconds since the epoch: an integer when whole, else a float.
struct Seconds(DateTime);

impl Serialize for Seconds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.subsec_nanos() {
            0 => serializer.serialize_i64(self.0.secs()),
            _ => serializer.serialize_f64(self.0.as_secs_f64()),
        }
    }
}

/// A binary format's timestamp: tag 1 over epoch seconds, at millisecond
/// resolution, whatever the model's format.
fn tagged_seconds<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
    let millis = value.subsec_nanos() / 1_000_000 * 1_000_000;
    let value = DateTime::from_secs_and_nanos(value.secs(), millis).unwrap_or(*value);
    #[cfg(feature = "cbor")]
    return serializer.serialize_newtype_struct(crate::codec::cbor::EPOCH_TAG, &Seconds(value));
    #[cfg(not(feature = "cbor"))]
    Seconds(value).serialize(serializer)
}

impl SerializeAs<DateTime> for EpochSeconds {
    fn serialize_as<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return tagged_seconds(value, serializer);
        }
        Seconds(*value).serialize(serializer)
    }
}

impl SerializeAs<DateTime> for DateTimeFormat {
    fn serialize_as<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return tagged_seconds(value, serializer);
        }
        serializer.collect_str(value)
    }
}

impl SerializeAs<DateTime> for HttpDate {
    fn serialize_as<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return tagged_seconds(value, serializer);
        }
        serializer.serialize_str(&crate::protocol::http::format_http_date(*value))
    }
}

macro_rules! timestamp_reader {
    ($($adapter:ty => $format:ident),*) => {
        $(impl<'de> DeserializeAs<'de, DateTime> for $adapter {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
                // A binary format's timestamps are always epoch seconds.
                let format = if deserializer.is_human_readable() {
                    crate::protocol::http::TimestampFormat::$format
                } else {
                    crate::protocol::http::TimestampFormat::EpochSeconds
                };
                if crate::de::strict() {
                    deserializer.deserialize_any(StrictTimestampVisitor(format))
                } else {
                    deserializer.deserialize_any(TimestampVisitor)
                }
            }
        })*
    };
}

// Clients accept every timestamp form a peer is known to send, whatever the
// model's format: AWS sends epoch seconds, some emulators ISO-8601 text. A
// server's strict read takes only the modeled format.
timestamp_reader!(EpochSeconds => EpochSeconds, DateTimeFormat => DateTime, HttpDate => HttpDate);

/// Reads a timestamp in exactly one format: a number for epoch seconds,
/// text of the format otherwise.
struct StrictTimestampVisitor(crate::protocol::http::TimestampFormat);

impl Visitor<'_> for StrictTimestampVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            crate::protocol::http::TimestampFormat::EpochSeconds => f.write_str("a timestamp in epoch seconds (a number)"),
            format => write!(f, "a timestamp in the {format:?} format (a string)"),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateTime, E> {
        match self.0 {
            crate::protocol::http::TimestampFormat::EpochSeconds => TimestampVisitor.visit_i64(v),
            _ => Err(E::invalid_type(de::Unexpected::Signed(v), &self)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateTime, E> {
        match self.0 {
            crate::protocol::http::TimestampFormat::EpochSeconds => TimestampVisitor.visit_u64(v),
            _ => Err(E::invalid_type(de::Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateTime, E> {
        match self.0 {
            crate::protocol::http::TimestampFormat::EpochSeconds => TimestampVisitor.visit_f64(v),
            _ => Err(E::invalid_type(de::Unexpected::Float(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
        match self.0 {
            crate::protocol::http::TimestampFormat::EpochSeconds => Err(E::invalid_type(de::Unexpected::Str(v), &self)),
            format => crate::protocol::http::parse_timestamp(v, format).map_err(E::custom),
        }
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp (epoch seconds, RFC 3339 or HTTP date)")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateTime, E> {
        DateTime::from_secs_and_nanos(v, 0).ok_or_else(|| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateTime, E> {
        i64::try_from(v)
            .ok()
            .and_then(|v| DateTime::from_secs_and_nanos(v, 0))
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateTime, E> {
        DateTime::from_secs_f64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
        DateTime::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Doubles read exactly: the nearest `f64`, not one a bit off (serde_json
    /// needs its `float_roundtrip` feature for that).
    #[test]
    fn doubles_read_to_the_nearest_value() {
        let read = |text: &str| Float::deserialize_as(&mut serde_json::Deserializer::from_str(text)).map(f64::to_bits);
        assert_eq!(read("123456789.12345679").unwrap(), 0x419d_6f34_547e_6b75);
        assert_eq!(read("1.2345678912345679E8").unwrap(), 0x419d_6f34_547e_6b75);
        assert!(f64::from_bits(read("\"NaN\"").unwrap()).is_nan());
    }

    #[test]
    fn timestamps_read_in_every_form() {
        let read = |v: serde_json::Value| EpochSeconds::deserialize_as(v).map(|t| (t.secs(), t.subsec_nanos()));
        assert_eq!(read(serde_json::json!(1515531081)).unwrap(), (1515531081, 0));
        assert_eq!(read(serde_json::json!(1515531081.5)).unwrap(), (1515531081, 500_000_000));
        assert_eq!(read(serde_json::json!("2018-01-09T20:51:21.5Z")).unwrap(), (1515531081, 500_000_000));
        assert!(read(serde_json::json!(u64::MAX)).is_err());
        assert!(read(serde_json::json!(1e300)).is_err());
        assert!(read(serde_json::json!("yesterday")).is_err());
    }

    #[test]
    fn timestamps_write_in_the_model_format() {
        let t = DateTime::from_secs_f64(1515531081.5).unwrap();
        let json = |v: Result<serde_json::Value, _>| v.unwrap();
        assert_eq!(json(EpochSeconds::serialize_as(&t, serde_json::value::Serializer)), serde_json::json!(1515531081.5));
        assert_eq!(
            json(DateTimeFormat::serialize_as(&t, serde_json::value::Serializer)),
            serde_json::json!("2018-01-09T20:51:21.5Z")
        );
        assert_eq!(
            json(HttpDate::serialize_as(&t, serde_json::value::Serializer)),
            serde_json::json!("Tue, 09 Jan 2018 20:51:21 GMT")
        );
    }

    #[test]
    fn blobs_are_base64() {
        let v = serde_json::json!("aGk=");
        assert_eq!(Base64::deserialize_as(v).unwrap(), b"hi".to_vec());
        assert!(Base64::deserialize_as(serde_json::json!("not base64!")).is_err());
    }
}
