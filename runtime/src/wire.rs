//! Serde adapters for the awsJson wire formats that differ from serde's
//! defaults.
//!
//! Generated code names an adapter per member, for example
//! `#[serde(with = "::smithy_runtime::wire::As::<::std::option::Option<::smithy_runtime::wire::EpochSeconds>>")]`.
//! Adapters compose through [`Option`], [`Vec`] and [`HashMap`] the way
//! the Rust types do, so a list of timestamps or a map of blobs needs no
//! extra code. [`Same`] leaves a value to its own serde implementation.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use time::format_description::well_known::{Iso8601, Rfc2822, Rfc3339};
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

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

/// `blob`: standard base64 text.
#[derive(Debug)]
pub struct Base64;

impl SerializeAs<Vec<u8>> for Base64 {
    fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
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
        }
        deserializer.deserialize_str(V)
    }
}

/// `float` and `double`: JSON numbers, with the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` for the values JSON cannot carry.
#[derive(Debug)]
pub struct Float;

macro_rules! float_adapter {
    ($t:ty) => {
        impl SerializeAs<$t> for Float {
            fn serialize_as<S: Serializer>(value: &$t, serializer: S) -> Result<S::Ok, S::Error> {
                if value.is_nan() {
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

impl SerializeAs<OffsetDateTime> for EpochSeconds {
    fn serialize_as<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let seconds = value.unix_timestamp();
        match value.nanosecond() {
            0 => serializer.serialize_i64(seconds),
            nanos => serializer.serialize_f64(seconds as f64 + f64::from(nanos) / 1e9),
        }
    }
}

impl SerializeAs<OffsetDateTime> for DateTimeFormat {
    fn serialize_as<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let text = value
            .to_offset(UtcOffset::UTC)
            .format(&Rfc3339)
            .map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl SerializeAs<OffsetDateTime> for HttpDate {
    fn serialize_as<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let format = format_description!(
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
        );
        let text = value
            .to_offset(UtcOffset::UTC)
            .format(&format)
            .map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

macro_rules! lenient_timestamp_reader {
    ($($adapter:ty),*) => {
        $(impl<'de> DeserializeAs<'de, OffsetDateTime> for $adapter {
            fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
                deserializer.deserialize_any(TimestampVisitor)
            }
        })*
    };
}

// Readers accept every timestamp form a peer is known to send, whatever the
// model's format: AWS sends epoch seconds, some emulators ISO-8601 text.
lenient_timestamp_reader!(EpochSeconds, DateTimeFormat, HttpDate);

/// Converts fractional epoch seconds to a timestamp, rounded to the
/// microsecond (the precision an `f64` keeps for present-day values).
pub fn timestamp_from_epoch_seconds(seconds: f64) -> Option<OffsetDateTime> {
    if !seconds.is_finite() {
        return None;
    }
    let micros = seconds * 1e6;
    if micros.abs() > 9.0e18 {
        return None;
    }
    // Rounded half away from zero, as `f64::round` does (a libm call on the
    // baseline x86-64 target): the cast truncates, the fraction is exact.
    let whole = micros as i64;
    let fraction = micros - whole as f64;
    let micros = whole + i64::from(fraction >= 0.5) - i64::from(fraction <= -0.5);
    // Whole seconds and the fraction apart: no 128-bit division on this path.
    let nanos = u32::try_from(micros.rem_euclid(1_000_000) * 1000).ok()?;
    OffsetDateTime::from_unix_timestamp(micros.div_euclid(1_000_000)).ok()?.replace_nanosecond(nanos).ok()
}

/// Parses a timestamp written as text: epoch seconds, RFC 3339 / ISO-8601
/// (with an offset, or UTC when it has none) or an HTTP date.
pub fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        return timestamp_from_epoch_seconds(seconds);
    }
    OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(text, &Iso8601::DEFAULT))
        .or_else(|_| PrimitiveDateTime::parse(text, &Iso8601::DEFAULT).map(PrimitiveDateTime::assume_utc))
        .or_else(|_| OffsetDateTime::parse(text, &Rfc2822))
        .ok()
        .map(|t| t.to_offset(UtcOffset::UTC))
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = OffsetDateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp (epoch seconds, RFC 3339 or HTTP date)")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<OffsetDateTime, E> {
        OffsetDateTime::from_unix_timestamp(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<OffsetDateTime, E> {
        i64::try_from(v)
            .ok()
            .and_then(|v| OffsetDateTime::from_unix_timestamp(v).ok())
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<OffsetDateTime, E> {
        timestamp_from_epoch_seconds(v).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<OffsetDateTime, E> {
        parse_timestamp(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_every_form() {
        let t = |s: &str| parse_timestamp(s).map(|t| (t.unix_timestamp(), t.millisecond()));
        assert_eq!(t("1515531081.123"), Some((1515531081, 123)));
        assert_eq!(t("2018-01-09T20:51:21.123Z"), Some((1515531081, 123)));
        assert_eq!(t("2018-01-09T21:51:21.123+01:00"), Some((1515531081, 123)));
        assert_eq!(t("2018-01-09T20:51:21"), Some((1515531081, 0)));
        assert_eq!(t("Tue, 09 Jan 2018 20:51:21 GMT"), Some((1515531081, 0)));
        assert_eq!(t("yesterday"), None);
        assert_eq!(t("NaN"), None);
        assert_eq!(timestamp_from_epoch_seconds(f64::INFINITY), None);
        assert_eq!(timestamp_from_epoch_seconds(1e300), None);
    }

    #[test]
    fn fractional_epoch_seconds_round_to_the_microsecond_like_f64_round() {
        let parts = |s: f64| timestamp_from_epoch_seconds(s).map(|t| (t.unix_timestamp(), t.nanosecond()));
        assert_eq!(parts(1731000000.123), Some((1731000000, 123_000_000)));
        assert_eq!(parts(-1.25), Some((-2, 750_000_000)));
        for s in [0.0f64, -0.0, 1.5e-6, -1.5e-6, 2.5e-6, 1.0000005, -1.0000005, 4.999_999e-7, 1_731_000_000.123_456_5] {
            let micros = (s * 1e6).round() as i64;
            let expected = (micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000) as u32 * 1000);
            assert_eq!(parts(s), Some(expected), "{s}");
        }
    }

    #[test]
    fn timestamps_write_in_the_model_format() {
        let t = timestamp_from_epoch_seconds(1515531081.5).unwrap();
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
