//! Node values: the JSON-like values of trait applications and metadata,
//! with every number kept as its author wrote it.
//!
//! `serde_json::Value` holds a number as an `i64`, a `u64` or an `f64`, so
//! `0.100000000000000000000001` or `-9223372036854775809` (a `bigDecimal`
//! or `bigInteger` value) would lose digits before code is generated from
//! it. serde_json keeps the text only with its `arbitrary_precision`
//! feature, which Cargo would also switch on for the runtime wherever both
//! crates are built together, changing how the runtime reads numbers. So
//! the model has its own node type: the same shape as `serde_json::Value`,
//! numbers as text.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

/// A JSON object: keys in order, as `serde_json::Map` keeps them.
pub type Map = BTreeMap<String, Value>;

/// A node value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A number as written: valid JSON number text (which is also the IDL's
/// number grammar). Two numbers are equal when their decimal values are,
/// so `1.50` equals `1.5` and `15e-1`.
#[derive(Clone, Debug)]
pub struct Number(String);

impl Number {
    /// `text` as a number, if it follows the JSON number grammar.
    pub fn parse(text: &str) -> Option<Self> {
        decimal(text).map(|_| Self(text.to_owned()))
    }

    /// A finite `f64` as a number (as `serde_json::Number::from_f64` writes it).
    pub fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(|n| Self(n.to_string()))
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as an `i64`, when it is a whole number written without a
    /// fraction or exponent that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// The number as a `u64`, when it is a whole number written without a
    /// fraction or exponent that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    /// The nearest `f64`, when the number is within its range.
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok().filter(|f: &f64| f.is_finite())
    }

    /// The number in plain decimal digits when it is a whole number (`1e3`
    /// is `1000`, `2.0` is `2`) of at most 10,000 digits; `None` otherwise.
    pub fn integer_text(&self) -> Option<String> {
        const MAX_DIGITS: i128 = 10_000;
        let (negative, digits, power) = decimal(&self.0)?;
        if power < 0 || digits.len() as i128 + power > MAX_DIGITS {
            return None;
        }
        if digits.is_empty() {
            return Some("0".to_owned());
        }
        let zeros = "0".repeat(usize::try_from(power).ok()?);
        Some(format!("{}{digits}{zeros}", if negative { "-" } else { "" }))
    }

    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    pub fn is_u64(&self) -> bool {
        self.as_u64().is_some()
    }

    /// Whether the nearest `f64` (or `i64`/`u64`) carries the number
    /// exactly as written, up to how it is spelled.
    pub fn fits_serde_json(&self) -> bool {
        self.is_i64() || self.is_u64() || self.as_f64().and_then(Self::from_f64).is_some_and(|n| n == *self)
    }

    /// The number as serde_json holds it (the nearest `f64` when it does not fit).
    pub fn to_serde_json(&self) -> serde_json::Number {
        serde_json::from_str(&self.0).unwrap_or_else(|_| serde_json::Number::from(0))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 || decimal(&self.0) == decimal(&other.0)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Self(value.to_string())
    }
}

/// A decimal number's value, normalized: whether it is negative, its
/// significant digits (no leading or trailing zeros) and the power of ten
/// of the last one. Zero is `(false, "", 0)`. `None` when `text` is not a
/// JSON number.
fn decimal(text: &str) -> Option<(bool, String, i128)> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let whole_ok = whole == "0" || (digits(whole) && !whole.starts_with('0'));
    let fraction_ok = fraction.is_none_or(digits);
    let exponent: i128 = match exponent {
        None => 0,
        Some(e) => {
            let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
            if !digits(unsigned) {
                return None;
            }
            // Past this many digits the value is absurd; keep it comparable.
            let magnitude: i128 = unsigned.trim_start_matches('0').get(..30).unwrap_or(unsigned.trim_start_matches('0')).parse().unwrap_or(0);
            if e.starts_with('-') { -magnitude } else { magnitude }
        }
    };
    if !whole_ok || !fraction_ok {
        return None;
    }
    let fraction = fraction.unwrap_or("");
    let all = format!("{whole}{fraction}");
    let significant = all.trim_start_matches('0');
    let trimmed = significant.trim_end_matches('0');
    if trimmed.is_empty() {
        return Some((false, String::new(), 0));
    }
    let power = exponent - fraction.len() as i128 + (significant.len() - trimmed.len()) as i128;
    Some((negative, trimmed.to_owned(), power))
}

impl Value {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.as_number()?.as_i64()
    }

    pub fn as_u64(&self) -> Option<u64> {
        self.as_number()?.as_u64()
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_number()?.as_f64()
    }

    /// The strings of the array under `key` of an object (none when it is
    /// missing or not an array; items that are not strings are skipped).
    pub fn strings(&self, key: &str) -> impl Iterator<Item = &str> {
        self.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    pub fn is_i64(&self) -> bool {
        self.as_number().is_some_and(Number::is_i64)
    }

    pub fn is_u64(&self) -> bool {
        self.as_number().is_some_and(Number::is_u64)
    }

    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// The value as a `serde_json::Value` (numbers past what that holds
    /// become their nearest `f64`).
    pub fn to_serde_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.to_serde_json()),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(Value::to_serde_json).collect()),
            Value::Object(map) => serde_json::Value::Object(map.iter().map(|(k, v)| (k.clone(), v.to_serde_json())).collect()),
        }
    }
}

/// `value["key"]`: the member, or `null` when there is none (as with serde_json).
impl std::ops::Index<&str> for Value {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(key).unwrap_or(&NULL)
    }
}

/// `value[i]`: the item, or `null` when there is none (as with serde_json).
impl std::ops::Index<usize> for Value {
    type Output = Value;

    fn index(&self, index: usize) -> &Value {
        static NULL: Value = Value::Null;
        self.as_array().and_then(|items| items.get(index)).unwrap_or(&NULL)
    }
}

impl From<serde_json::Value> for Value {
    fn from(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(Number(n.to_string())),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(items) => Value::Array(items.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, Value::from(v))).collect()),
        }
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Value::Number(value.into())
    }
}

impl From<i32> for Value {
    fn from(value: i32) -> Self {
        Value::Number(i64::from(value).into())
    }
}

impl From<f64> for Value {
    /// A finite `f64` as a number; NaN and the infinities as `null`.
    fn from(value: f64) -> Self {
        Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::String(value.to_owned())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::String(value)
    }
}

/// Compact JSON, numbers as written.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(self).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for Number {
    /// As serde_json would write the number when it fits (so output stays
    /// as it was for every such number); else as written.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.fits_serde_json() {
            self.to_serde_json().serialize(serializer)
        } else {
            let raw = RawValue::from_string(self.0.clone()).map_err(serde::ser::Error::custom)?;
            raw.serialize(serializer)
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => items.serialize(serializer),
            Value::Object(map) => map.serialize(serializer),
        }
    }
}

/// Read as `serde_json::Value` reads: a number past what an `i64`, `u64`
/// or `f64` holds arrives here as its nearest `f64` (serde_json has already
/// parsed it), so model files are read with [`parse_json`], which keeps
/// every digit.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(Value::from)
    }
}

/// `value` as a `T` (numbers past `f64` lose digits, as with serde_json).
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(value.to_serde_json())
}

/// Whether JSON `text` may hold a number an `i64`, `u64` or `f64` does not
/// carry exactly: a run of digits and points with 16 or more digits (up
/// to 15 significant digits always survive an `f64`), or an exponent of
/// three digits or more (past the `f64` range). Strings are not told
/// apart from numbers, which only costs a needless [`parse_json`].
pub(crate) fn may_lose_digits(text: &str) -> bool {
    let mut digits = 0;
    let mut after_exponent = None::<usize>;
    let mut previous = 0u8;
    for &b in text.as_bytes() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if let Some(n) = after_exponent.as_mut() {
                    *n += 1;
                    if *n >= 3 {
                        return true;
                    }
                } else if digits >= 16 {
                    return true;
                }
            }
            b'.' => {}
            b'e' | b'E' if previous.is_ascii_digit() || previous == b'.' => after_exponent = Some(0),
            b'+' | b'-' if matches!(previous, b'e' | b'E') && after_exponent == Some(0) => {}
            _ => {
                digits = 0;
                after_exponent = None;
            }
        }
        previous = b;
    }
    false
}

/// The deepest nesting [`parse_json`] reads: serde_json's own limit.
const MAX_DEPTH: usize = 128;

/// JSON text as a [`Value`], numbers as written. Text that is not JSON,
/// or nests deeper than 128 levels, is an error.
pub fn parse_json(text: &str) -> Result<Value, String> {
    let mut walk = Walk { text, at: 0, depth: 0 };
    let value = walk.value()?;
    match walk.peek() {
        None => Ok(value),
        Some(_) => Err(walk.unexpected()),
    }
}

/// A walk over JSON text.
struct Walk<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

impl Walk<'_> {
    fn peek(&mut self) -> Option<u8> {
        while let Some(b) = self.text.as_bytes().get(self.at) {
            if !b.is_ascii_whitespace() {
                return Some(*b);
            }
            self.at += 1;
        }
        None
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn value(&mut self) -> Result<Value, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("JSON nested deeper than {MAX_DEPTH} levels at byte {}", self.at));
        }
        let value = self.item();
        self.depth -= 1;
        value
    }

    fn item(&mut self) -> Result<Value, String> {
        match self.peek() {
            Some(b'{') => {
                self.at += 1;
                let mut map = Map::new();
                if !self.eat(b'}') {
                    loop {
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return Err(self.unexpected());
                        }
                        map.insert(key, self.value()?);
                        if !self.eat(b',') {
                            break;
                        }
                    }
                    if !self.eat(b'}') {
                        return Err(self.unexpected());
                    }
                }
                Ok(Value::Object(map))
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value()?);
                        if !self.eat(b',') {
                            break;
                        }
                    }
                    if !self.eat(b']') {
                        return Err(self.unexpected());
                    }
                }
                Ok(Value::Array(items))
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(_) => {
                let rest = &self.text[self.at..];
                let len = rest.find(|c: char| !matches!(c, '0'..='9' | '-' | '+' | '.' | 'e' | 'E')).unwrap_or(rest.len());
                self.at += len;
                Number::parse(&rest[..len]).map(Value::Number).ok_or_else(|| self.unexpected())
            }
            None => Err(self.unexpected()),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, String> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.unexpected())
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected());
        }
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut i = start + 1;
        loop {
            match bytes.get(i) {
                Some(b'\\') => i += 2,
                Some(b'"') => break,
                Some(_) => i += 1,
                None => return Err(self.unexpected()),
            }
        }
        self.at = i + 1;
        serde_json::from_str(&self.text[start..self.at]).map_err(|e| e.to_string())
    }

    fn unexpected(&self) -> String {
        format!("unexpected JSON at byte {}", self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_every_digit_through_json() {
        let text = r#"{"big": -9223372036854775809, "precise": 0.100000000000000000000001, "small": [1, 2.5, -3e2, 0.0]}"#;
        let value = parse_json(text).unwrap();
        assert_eq!(value.get("big").unwrap().as_number().unwrap().as_str(), "-9223372036854775809");
        assert_eq!(value.get("precise").unwrap().as_number().unwrap().as_str(), "0.100000000000000000000001");
        // What fits serde_json is written as serde_json writes it; the rest as written.
        assert_eq!(
            value.to_string(),
            r#"{"big":-9223372036854775809,"precise":0.100000000000000000000001,"small":[1,2.5,-300.0,0.0]}"#
        );
        assert_eq!(parse_json(&value.to_string()).unwrap(), value);
        assert_eq!(Value::from(value.to_serde_json()).get("small"), value.get("small"));
    }

    #[test]
    fn numbers_are_equal_by_decimal_value() {
        let n = |s: &str| Number::parse(s).unwrap();
        assert_eq!(n("1.50"), n("1.5"));
        assert_eq!(n("15e-1"), n("1.5"));
        assert_eq!(n("1"), n("1.0"));
        assert_eq!(n("0"), n("-0.0e5"));
        assert_eq!(n("1200"), n("1.2E3"));
        assert_ne!(n("0.100000000000000000000001"), n("0.1"));
        assert_ne!(n("-1"), n("1"));
        assert!(!n("0.100000000000000000000001").fits_serde_json());
        assert!(n("0.1").fits_serde_json());
        assert!(!n("-9223372036854775809").fits_serde_json());
        assert!(n("18446744073709551615").fits_serde_json());
    }

    #[test]
    fn whole_numbers_have_integer_text() {
        let n = |s: &str| Number::parse(s).unwrap().integer_text();
        assert_eq!(n("1e3").as_deref(), Some("1000"));
        assert_eq!(n("-2.50e1").as_deref(), Some("-25"));
        assert_eq!(n("2.0").as_deref(), Some("2"));
        assert_eq!(n("-0.0").as_deref(), Some("0"));
        assert_eq!(n("-9223372036854775809").as_deref(), Some("-9223372036854775809"));
        assert_eq!(n("1.5"), None);
        assert_eq!(n("1e-3"), None);
        assert_eq!(n("1e100000"), None);
    }

    #[test]
    fn only_json_number_text_is_a_number() {
        for bad in ["", "-", "01", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5.2", "NaN", "1_000"] {
            assert!(Number::parse(bad).is_none(), "{bad}");
        }
        for good in ["0", "-0", "10", "1.25", "1e10", "1E-3", "-2.5e+7"] {
            assert!(Number::parse(good).is_some(), "{good}");
        }
    }

    #[test]
    fn strings_with_escapes_and_nesting_walk() {
        let text = r#" [ {"a\"b": "x\\\"y", "u": "\u00e9"}, [], {}, true, false, null ] "#;
        let value = parse_json(text).unwrap();
        assert_eq!(value.to_serde_json(), serde_json::from_str::<serde_json::Value>(text).unwrap());
    }

    #[test]
    fn numbers_that_may_lose_digits_are_spotted() {
        for lossy in [
            "[0.100000000000000000000001]",
            "{\"a\": -9223372036854775809}",
            "[123456789012.123456]",
            "[1e400]",
            "[2.5E-308]",
            "[1e+100]",
            "[0.0000000000000001]",
        ] {
            assert!(may_lose_digits(lossy), "{lossy}");
            assert!(parse_json(lossy).is_ok());
        }
        for exact in ["[1, 2.5, -3e2, 123456789012345]", "{\"e\": 12, \"E1\": 1.5e99}", "[9007199254.74099]"] {
            assert!(!may_lose_digits(exact), "{exact}");
        }
    }

    #[test]
    fn what_is_not_json_is_an_error() {
        for bad in ["", "[", "{\"a\" 1}", "[1,", "[1,]", "[1 2]", "{\"a\": 1,}", "\"abc", "tru", "[1] 2", "01", "{1: 2}"] {
            assert!(parse_json(bad).is_err(), "{bad}");
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse_json(&deep).unwrap_err().contains("deeper than 128"));
        let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(parse_json(&ok).is_ok());
    }
}
