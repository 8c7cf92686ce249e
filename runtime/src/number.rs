//! `bigInteger` and `bigDecimal`: exact, arbitrary-precision numbers kept as
//! their decimal text, never rounded through `f64`.

use std::fmt;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::value::RawValue;

macro_rules! big_number {
    ($name:ident, $what:literal, $valid:path) => {
        #[doc = concat!("An exact ", $what, ", kept as its decimal text.")]
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The decimal text of the number.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = ParseNumberError;
            fn from_str(s: &str) -> Result<Self, ParseNumberError> {
                if $valid(s) {
                    Ok(Self(s.to_owned()))
                } else {
                    Err(ParseNumberError { what: $what, text: s.to_owned() })
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<i64> for $name {
            fn from(v: i64) -> Self {
                Self(v.to_string())
            }
        }

        impl crate::ZeroValue for $name {
            fn zero_value() -> Self {
                Self("0".to_owned())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                // A binary format writes the number from its text (CBOR:
                // an integer, or a bignum or decimal fraction tag).
                #[cfg(feature = "cbor")]
                if !serializer.is_human_readable() {
                    return serializer.serialize_newtype_struct(crate::codec::cbor::BIG_NUMBER, self.0.as_str());
                }
                // Written as a raw JSON number so no digit is lost.
                RawValue::from_string(self.0.clone()).map_err(S::Error::custom)?.serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                if !deserializer.is_human_readable() {
                    return deserializer.deserialize_any(NumberText).and_then(|text| text.parse().map_err(D::Error::custom));
                }
                let raw = Box::<RawValue>::deserialize(deserializer)?;
                let text = raw.get().trim();
                let text = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
                text.parse().map_err(D::Error::custom)
            }
        }
    };
}

/// A binary format's number as decimal text: integers, floats, and the
/// text its reader makes of bignum and decimal-fraction tags.
struct NumberText;

impl<'de> serde::de::Visitor<'de> for NumberText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
        if v.is_finite() {
            Ok(v.to_string())
        } else {
            Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    /// A bignum or decimal fraction, as the CBOR reader hands it over.
    #[cfg(feature = "cbor")]
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        match map.next_entry::<String, String>()? {
            Some((key, text)) if key == crate::codec::cbor::BIG_NUMBER => Ok(text),
            _ => Err(serde::de::Error::invalid_type(serde::de::Unexpected::Map, &self)),
        }
    }
}

big_number!(BigInteger, "integer", is_integer);
big_number!(BigDecimal, "decimal number", is_decimal);

fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_decimal(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let unsigned = mantissa.strip_prefix('-').unwrap_or(mantissa);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mantissa_ok = !(int.is_empty() && frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| is_integer(e.strip_prefix('+').unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// Text that is not a valid number of the expected kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseNumberError {
    what: &'static str,
    text: String,
}

impl fmt::Display for ParseNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.text, self.what)
    }
}

impl std::error::Error for ParseNumberError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_and_keeps_text() {
        assert!("-12345678901234567890123".parse::<BigInteger>().is_ok());
        assert!("1.5".parse::<BigInteger>().is_err());
        assert!("".parse::<BigInteger>().is_err());
        for ok in ["1", "-1.25", ".5", "1.", "6.02e23", "1E-7", "-0.0e+1"] {
            assert!(ok.parse::<BigDecimal>().is_ok(), "{ok}");
        }
        for bad in ["", ".", "1e", "e5", "1.2.3", "NaN", "0x10"] {
            assert!(bad.parse::<BigDecimal>().is_err(), "{bad}");
        }
        let n: BigDecimal = serde_json::from_str("3.14159265358979323846264338327950288").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "3.14159265358979323846264338327950288");
    }
}
