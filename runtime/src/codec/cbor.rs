//! CBOR (RFC 8949) bodies, as Smithy's rpcv2Cbor protocol writes them: a
//! serde [`Serializer`](serde::Serializer) and [`Deserializer`](serde::Deserializer)
//! over `minicbor`'s encoder and decoder, so generated types read and write
//! CBOR through the same serde code as JSON.
//!
//! What differs from JSON is decided by the wire adapters
//! ([`crate::wire`]), which ask `is_human_readable()` (false here): blobs
//! are byte strings, floats are native (NaN and the infinities included),
//! timestamps are tag 1 over epoch seconds, and `bigInteger`/`bigDecimal`
//! are integers or tags 2, 3 and 4.
//!
//! The reader takes hostile input: definite and indefinite lengths alike,
//! nothing is allocated by a declared length, nesting is limited to
//! [`MAX_DEPTH`], text must be UTF-8, a map may not repeat a key, and every
//! problem is an [`Error`] naming the byte offset.

use std::collections::HashSet;
use std::fmt;

use minicbor::data::Type;
use minicbor::Decoder;
use serde::de::{self, DeserializeSeed, Visitor};
use serde::ser::{self, Serialize};

/// The content type of CBOR bodies.
pub const MEDIA_TYPE: &str = "application/cbor";

/// How deeply arrays, maps and tags may nest.
pub const MAX_DEPTH: usize = 128;

/// The newtype-struct name through which [`crate::wire`] asks for tag 1
/// (epoch-based date/time) around a timestamp's seconds.
pub(crate) const EPOCH_TAG: &str = "\0smithy_runtime::cbor::epoch";

/// The newtype-struct name through which `bigInteger` and `bigDecimal`
/// hand their decimal text to be written as a CBOR number.
pub(crate) const BIG_NUMBER: &str = "\0smithy_runtime::cbor::big";

const TAG_EPOCH: u64 = 1;
const TAG_POSITIVE_BIGNUM: u64 = 2;
const TAG_NEGATIVE_BIGNUM: u64 = 3;
const TAG_DECIMAL_FRACTION: u64 = 4;

/// What a body that stops inside an item is told.
const TRUNCATED: &str = "the CBOR ends in the middle of an item";

/// Why a value could not be written or read as CBOR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: String,
    offset: Option<usize>,
}

impl Error {
    fn at(message: impl fmt::Display, offset: usize) -> Self {
        Self { message: message.to_string(), offset: Some(offset) }
    }

    /// The byte offset in the input where reading failed.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    fn decode(error: minicbor::decode::Error, offset: usize) -> Self {
        let offset = error.position().unwrap_or(offset);
        if error.is_end_of_input() {
            return Self::at(TRUNCATED, offset);
        }
        Self::at(format_args!("invalid CBOR: {error}"), offset)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{} (at byte {offset})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self { message: msg.to_string(), offset: None }
    }
}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self { message: msg.to_string(), offset: None }
    }
}

// ---------------------------------------------------------------- writing

/// `value` as CBOR.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut serializer = Serializer { out: Out(Vec::with_capacity(128)), big_pending: false };
    value.serialize(&mut serializer)?;
    Ok(serializer.out.0)
}

/// Writes CBOR into a `Vec`. Integers take their smallest encoding; `f32`
/// and `f64` keep their width (half precision is never written); maps and
/// sequences of unknown length (structures, say) are indefinite-length.
#[derive(Debug)]
pub struct Serializer {
    out: Out,
    /// The next string is a big number's text ([`BIG_NUMBER`]).
    big_pending: bool,
}

type Written = Result<(), Error>;

/// The bytes written so far. An item's head is its major type and
/// argument in the fewest bytes (RFC 8949 §3); writing into a `Vec` cannot
/// fail.
#[derive(Debug)]
struct Out(Vec<u8>);

impl Out {
    fn head(&mut self, major: u8, arg: u64) -> &mut Self {
        let major = major << 5;
        match arg {
            0..=23 => self.0.push(major | arg as u8),
            24..=0xff => self.0.extend_from_slice(&[major | 24, arg as u8]),
            0x100..=0xffff => {
                self.0.push(major | 25);
                self.0.extend_from_slice(&(arg as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                self.0.push(major | 26);
                self.0.extend_from_slice(&(arg as u32).to_be_bytes());
            }
            _ => {
                self.0.push(major | 27);
                self.0.extend_from_slice(&arg.to_be_bytes());
            }
        }
        self
    }
    fn u64(&mut self, v: u64) -> &mut Self {
        self.head(0, v)
    }
    fn i64(&mut self, v: i64) -> &mut Self {
        if v < 0 {
            // -1 - n is stored as n.
            self.head(1, !(v as u64))
        } else {
            self.head(0, v as u64)
        }
    }
    fn bytes(&mut self, v: &[u8]) -> &mut Self {
        self.head(2, v.len() as u64).0.extend_from_slice(v);
        self
    }
    fn str(&mut self, v: &str) -> &mut Self {
        self.head(3, v.len() as u64).0.extend_from_slice(v.as_bytes());
        self
    }
    fn array(&mut self, len: u64) -> &mut Self {
        self.head(4, len)
    }
    fn map(&mut self, len: u64) -> &mut Self {
        self.head(5, len)
    }
    fn tag(&mut self, tag: u64) -> &mut Self {
        self.head(6, tag)
    }
    fn simple(&mut self, byte: u8) -> &mut Self {
        self.0.push(byte);
        self
    }
    fn null(&mut self) -> &mut Self {
        self.simple(0xf6)
    }
    fn bool(&mut self, v: bool) -> &mut Self {
        self.simple(if v { 0xf5 } else { 0xf4 })
    }
    fn f32(&mut self, v: f32) -> &mut Self {
        self.simple(0xfa).0.extend_from_slice(&v.to_be_bytes());
        self
    }
    fn f64(&mut self, v: f64) -> &mut Self {
        self.simple(0xfb).0.extend_from_slice(&v.to_be_bytes());
        self
    }
    /// Opens an indefinite-length array or map.
    fn begin(&mut self, array: bool) -> &mut Self {
        self.simple(if array { 0x9f } else { 0xbf })
    }
    /// Closes an indefinite-length item.
    fn end(&mut self) -> &mut Self {
        self.simple(0xff)
    }
}

impl Serializer {
    fn begin(&mut self, len: Option<usize>, array: bool) -> Written {
        let e = &mut self.out;
        match (len, array) {
            (Some(n), true) => e.array(n as u64),
            (Some(n), false) => e.map(n as u64),
            (None, array) => e.begin(array),
        };
        Ok(())
    }

    /// A `bigInteger` or `bigDecimal` from its decimal text: a plain
    /// integer when it fits, else tag 2 or 3 over its magnitude's bytes, or
    /// tag 4 (`[exponent, mantissa]`) for a decimal.
    fn big_number(&mut self, text: &str) -> Written {
        let Some(number) = Decimal::parse(text) else {
            return Err(ser::Error::custom(format_args!("`{text}` is not a number")));
        };
        if number.exponent == 0 {
            return self.big_integer(number.negative, &number.digits);
        }
        self.out.tag(TAG_DECIMAL_FRACTION).array(2).i64(number.exponent);
        self.big_integer(number.negative, &number.digits)
    }

    fn big_integer(&mut self, negative: bool, digits: &str) -> Written {
        let magnitude = decimal_to_bytes(digits);
        let mut small = [0u8; 8];
        if magnitude.len() <= 8 {
            small[8 - magnitude.len()..].copy_from_slice(&magnitude);
            let value = u64::from_be_bytes(small);
            match (negative, value) {
                (false, _) | (true, 0) => self.out.u64(value),
                // -1 - n is stored as n.
                (true, _) => self.out.head(1, value - 1),
            };
            return Ok(());
        }
        if negative {
            // Tag 3 holds -1 - n.
            let minus_one = subtract_one(&magnitude);
            self.out.tag(TAG_NEGATIVE_BIGNUM).bytes(&minus_one);
        } else {
            self.out.tag(TAG_POSITIVE_BIGNUM).bytes(&magnitude);
        }
        Ok(())
    }
}

/// Writes the elements of an array or the entries of a map, closing an
/// indefinite one at the end.
#[derive(Debug)]
pub struct Compound<'a> {
    ser: &'a mut Serializer,
    indefinite: bool,
}

impl Compound<'_> {
    fn finish(self) -> Written {
        if self.indefinite {
            self.ser.out.end();
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Serializer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Written {
        self.out.bool(v);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Written {
        self.out.i64(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Written {
        self.out.i64(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Written {
        self.out.i64(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Written {
        self.out.i64(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Written {
        self.big_number(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Written {
        self.out.u64(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Written {
        self.out.u64(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Written {
        self.out.u64(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Written {
        self.out.u64(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Written {
        self.big_number(&v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Written {
        self.out.f32(v);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Written {
        self.out.f64(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Written {
        self.out.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Written {
        if self.big_pending {
            self.big_pending = false;
            return self.big_number(v);
        }
        self.out.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Written {
        self.out.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> Written {
        self.out.null();
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Written {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Written {
        self.out.null();
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Written {
        self.out.null();
        Ok(())
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Written {
        self.out.str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Written {
        match name {
            EPOCH_TAG => {
                self.out.tag(TAG_EPOCH);
                value.serialize(self)
            }
            BIG_NUMBER => {
                // The value is the number's text: `serialize_str` writes it.
                self.big_pending = true;
                let written = value.serialize(&mut *self);
                self.big_pending = false;
                written
            }
            _ => value.serialize(self),
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Written {
        self.out.map(1).str(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.begin(len, true)?;
        Ok(Compound { ser: self, indefinite: len.is_none() })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.map(1).str(variant);
        self.begin(Some(len), true)?;
        Ok(Compound { ser: self, indefinite: false })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.begin(len, false)?;
        Ok(Compound { ser: self, indefinite: len.is_none() })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        // Indefinite: a derived structure may skip members it counted.
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.map(1).str(variant);
        self.begin(None, false)?;
        Ok(Compound { ser: self, indefinite: true })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Written {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Written {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Written {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Written {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Written {
        key.serialize(&mut *self.ser)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Written {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Written {
        self.ser.out.str(key);
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Written {
        self.ser.out.str(key);
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Written {
        self.finish()
    }
}

// ---------------------------------------------------------------- reading

/// A decoder's result, its error with the offset the decoder gives.
fn ok<T>(result: Result<T, minicbor::decode::Error>) -> Result<T, Error> {
    result.map_err(|e| Error::decode(e, 0))
}

/// Reads `T` from `bytes`, which must hold exactly one CBOR item.
pub fn from_slice<'de, T: de::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, Error> {
    let mut deserializer = Deserializer::new(bytes);
    let value = T::deserialize(&mut deserializer)?;
    let end = deserializer.decoder.position();
    if end != bytes.len() {
        return Err(Error::at(format_args!("{} bytes follow the CBOR item", bytes.len() - end), end));
    }
    Ok(value)
}

/// Reads one body: an empty one reads as an empty map (an input or output
/// without members may be sent without a body).
pub fn from_body<T: de::DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    const EMPTY_MAP: &[u8] = &[0xa0];
    from_slice(if body.is_empty() { EMPTY_MAP } else { body })
}

/// Reads CBOR from a byte slice, borrowing its strings and byte strings.
#[derive(Debug)]
pub struct Deserializer<'de> {
    decoder: Decoder<'de>,
    depth: usize,
    /// A big number's entry, handed over before the next item is read.
    lent: Option<Lent>,
}

/// The one-entry map through which a big number reaches its visitor
/// ([`BIG_NUMBER`] and the decimal text), handed over by the reader's own
/// map type, so no visitor gets a second `visit_map` compiled for it.
///
/// While it is lent the reader stands at the end of the input, so the
/// reading of every other item finds nothing there and only the slow path
/// looks for a lent entry; `resume` is where reading goes on.
#[derive(Debug)]
struct Lent {
    text: String,
    key_read: bool,
    resume: usize,
}

impl<'de> Deserializer<'de> {
    /// A reader of `bytes`.
    pub fn new(bytes: &'de [u8]) -> Self {
        Self { decoder: Decoder::new(bytes), depth: 0, lent: None }
    }

    fn position(&self) -> usize {
        self.decoder.position()
    }

    fn error(&self, message: impl fmt::Display) -> Error {
        Error::at(message, self.position())
    }

    fn datatype(&self) -> Result<Type, Error> {
        self.decoder.datatype().map_err(|e| Error::decode(e, self.position()))
    }

    /// The initial byte of the next item.
    #[inline]
    fn peek(&self) -> Result<u8, Error> {
        let at = self.position();
        self.decoder.input().get(at).copied().ok_or_else(|| Error::at(TRUNCATED, at))
    }

    /// The `len` bytes after the initial byte at `at`, stepped over.
    fn after_initial_byte(&mut self, at: usize, len: usize) -> Result<&'de [u8], Error> {
        let input: &'de [u8] = self.decoder.input();
        let bytes = input.get(at + 1..at + 1 + len).ok_or_else(|| Error::at(TRUNCATED, at))?;
        self.decoder.set_position(at + 1 + len);
        Ok(bytes)
    }


    /// The bytes left: a bound on how many items can follow.
    fn remaining(&self) -> usize {
        self.decoder.input().len().saturating_sub(self.position())
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format_args!("the CBOR nests deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// Reads the tag before an item, if any: tag 1 (epoch time) is stepped
    /// over when a number follows, and a bignum or decimal-fraction tag
    /// (2, 3, 4) is returned; any other tag, or tag 1 before anything but
    /// a number, is an error.
    fn skip_tags(&mut self) -> Result<Option<u64>, Error> {
        let at = self.position();
        let tag = match self.peek()? {
            // Tag 1 in its one-byte form, before every timestamp.
            0xc1 => {
                self.decoder.set_position(at + 1);
                TAG_EPOCH
            }
            0xc0..=0xdb => ok(self.decoder.tag())?.as_u64(),
            _ => return Ok(None),
        };
        match tag {
            TAG_EPOCH => match self.peek()? {
                0x00..=0x1b | 0x20..=0x3b | 0xf9..=0xfb => Ok(None),
                _ => Err(Error::at(format_args!("tag 1 (epoch time) must hold a number, not {}", self.datatype()?), at)),
            },
            tag @ (TAG_POSITIVE_BIGNUM | TAG_NEGATIVE_BIGNUM | TAG_DECIMAL_FRACTION) => Ok(Some(tag)),
            tag => Err(Error::at(format_args!("unsupported CBOR tag {tag}"), at)),
        }
    }

    /// The next item if it is one of the most frequent (a double, tag 1
    /// and a double, text shorter than 24 bytes, an integer below 24),
    /// read; `Frequent::Other`, reading nothing, for any other item and
    /// for one of these that is not well formed (`next_item` reports it).
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn frequent_item(&mut self) -> Frequent<'de> {
        let at = self.position();
        let input: &'de [u8] = self.decoder.input();
        let item = match input.get(at) {
            Some(0xfb) => self.double(at).map(Frequent::F64),
            Some(0xc1) if input.get(at + 1) == Some(&0xfb) => self.double(at + 1).map(Frequent::F64),
            Some(0x60..=0x77) => self.short_text(at).map(Frequent::Text),
            Some(&b @ 0x00..=0x17) => {
                self.decoder.set_position(at + 1);
                Ok(Frequent::U64(u64::from(b)))
            }
            _ => return Frequent::Other,
        };
        item.unwrap_or_else(|_| {
            self.decoder.set_position(at);
            Frequent::Other
        })
    }

    /// The double whose initial byte (0xfb) is at `at`.
    #[inline]
    fn double(&mut self, at: usize) -> Result<f64, Error> {
        let mut double = [0; 8];
        double.copy_from_slice(self.after_initial_byte(at, 8)?);
        Ok(f64::from_be_bytes(double))
    }

    /// The text whose initial byte (0x60 to 0x77) at `at` holds its length.
    #[inline]
    fn short_text(&mut self, at: usize) -> Result<&'de str, Error> {
        let len = usize::from(self.peek()? - 0x60);
        let bytes = self.after_initial_byte(at, len)?;
        std::str::from_utf8(bytes).map_err(|e| invalid_utf8(&e, at))
    }

    fn text(&mut self) -> Result<Text<'de>, Error> {
        match self.peek()? {
            // Most keys and values are short: their length is in the
            // initial byte.
            0x60..=0x77 => {
                let at = self.position();
                self.short_text(at).map(Text::Borrowed)
            }
            0x78..=0x7b => Ok(Text::Borrowed(ok(self.decoder.str())?)),
            _ => {
                let mut out = String::new();
                let at = self.position();
                let chunks = self.decoder.str_iter().map_err(|e| Error::decode(e, at))?;
                for chunk in chunks {
                    out.push_str(chunk.map_err(|e| Error::decode(e, at))?);
                }
                Ok(Text::Owned(out))
            }
        }
    }

    fn byte_string(&mut self) -> Result<Bytes<'de>, Error> {
        match self.peek()? {
            0x40..=0x5b => Ok(Bytes::Borrowed(ok(self.decoder.bytes())?)),
            _ => {
                let mut out = Vec::new();
                let at = self.position();
                let chunks = self.decoder.bytes_iter().map_err(|e| Error::decode(e, at))?;
                for chunk in chunks {
                    out.extend_from_slice(chunk.map_err(|e| Error::decode(e, at))?);
                }
                Ok(Bytes::Owned(out))
            }
        }
    }

    /// The decimal text of a tagged bignum or decimal fraction.
    fn big_number(&mut self, tag: u64) -> Result<String, Error> {
        let at = self.position();
        if tag == TAG_DECIMAL_FRACTION {
            let len = ok(self.decoder.array())?;
            if len != Some(2) {
                return Err(Error::at("a decimal fraction (tag 4) must be an array of two items", at));
            }
            let exponent = match self.datatype()? {
                Type::U8 | Type::U16 | Type::U32 | Type::U64 | Type::I8 | Type::I16 | Type::I32 | Type::I64 => {
                    ok(self.decoder.i64())?
                }
                other => return Err(self.error(format_args!("a decimal fraction's exponent must be an integer, not {other}"))),
            };
            let mantissa = match self.skip_tags()? {
                Some(tag @ (TAG_POSITIVE_BIGNUM | TAG_NEGATIVE_BIGNUM)) => self.big_number(tag)?,
                Some(_) => return Err(self.error("a decimal fraction's mantissa must be an integer")),
                None => self.integer_text()?,
            };
            return Ok(with_exponent(&mantissa, exponent));
        }
        let magnitude = match self.datatype()? {
            Type::Bytes | Type::BytesIndef => self.byte_string()?,
            other => return Err(self.error(format_args!("a bignum (tag {tag}) must hold a byte string, not {other}"))),
        };
        let digits = bytes_to_decimal(magnitude.as_ref());
        Ok(match tag {
            TAG_NEGATIVE_BIGNUM => format!("-{}", add_one_decimal(&digits)),
            _ => digits,
        })
    }

    fn integer_text(&mut self) -> Result<String, Error> {
        match self.datatype()? {
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => Ok(ok(self.decoder.u64())?.to_string()),
            Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => Ok(i128::from(ok(self.decoder.int())?).to_string()),
            other => Err(self.error(format_args!("expected an integer, found {other}"))),
        }
    }

    /// Skips one item without building it, within the depth limit.
    fn skip(&mut self) -> Result<(), Error> {
        self.skip_tags()?;
        match self.datatype()? {
            Type::Array | Type::ArrayIndef => {
                self.enter()?;
                let len = ok(self.decoder.array())?;
                self.each(len, |de| de.skip())?;
                self.depth -= 1;
            }
            Type::Map | Type::MapIndef => {
                self.enter()?;
                let len = ok(self.decoder.map())?;
                self.each(len, |de| {
                    de.skip()?;
                    de.skip()
                })?;
                self.depth -= 1;
            }
            Type::String | Type::StringIndef => {
                self.text()?;
            }
            Type::Bytes | Type::BytesIndef => {
                self.byte_string()?;
            }
            Type::Break => return Err(self.error("unexpected break")),
            Type::Unknown(b) => return Err(self.error(format_args!("invalid CBOR initial byte {b:#04x}"))),
            _ => ok(self.decoder.skip())?,
        }
        Ok(())
    }

    /// Runs `item` for each of `len` items, or until the break of an
    /// indefinite-length item.
    fn each(&mut self, len: Option<u64>, mut item: impl FnMut(&mut Self) -> Result<(), Error>) -> Result<(), Error> {
        let mut remaining = Remaining(len);
        while remaining.next(self)? {
            item(self)?;
        }
        Ok(())
    }

    /// Reads the next item up to its contents: a scalar whole, an array or
    /// map up to its length (entering it, within the depth limit). Tag 1
    /// is stepped over; a bignum or decimal fraction is read as its text.
    ///
    /// An optimized build inlines it into each visitor's `deserialize_any`,
    /// where the `Item` between them compiles away; a debug build keeps it
    /// one function, compiled once in this crate, which is what keeps a
    /// generated crate's debug build small.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn next_item(&mut self) -> Result<Item<'de>, Error> {
        // Dispatched on the initial byte (major type and argument size).
        let mut at = self.position();
        let Some(&initial) = self.decoder.input().get(at) else {
            return self.lent_item(at);
        };
        if let 0xc0..=0xdb = initial {
            match self.skip_tags()? {
                Some(tag) => return Ok(Item::BigNumber(self.big_number(tag)?)),
                // Tag 1, stepped over: a number follows (`skip_tags` checked).
                None => at = self.position(),
            }
        }
        Ok(match self.peek()? {
            0xf4 | 0xf5 => Item::Bool(ok(self.decoder.bool())?),
            0xf6 | 0xf7 => {
                self.decoder.set_position(at + 1);
                Item::Unit
            }
            // (The most frequent numbers are read by `frequent_item`.)
            0x00..=0x1b => Item::U64(ok(self.decoder.u64())?),
            0x20..=0x3b => {
                let value = i128::from(ok(self.decoder.int())?);
                i64::try_from(value).map_or(Item::I128(value), Item::I64)
            }
            0xf9..=0xfb => Item::F64(ok(self.decoder.f64())?),
            0x60..=0x7b | 0x7f => Item::Text(self.text()?),
            0x40..=0x5b | 0x5f => Item::Bytes(self.byte_string()?),
            0x80..=0x9b | 0x9f => {
                self.enter()?;
                Item::Array(ok(self.decoder.array())?)
            }
            0xa0..=0xbb | 0xbf => {
                self.enter()?;
                Item::Map(ok(self.decoder.map())?)
            }
            0xff => return Err(Error::at("unexpected break", at)),
            0xe0..=0xf8 => return Err(Error::at("unsupported CBOR simple value", at)),
            b => return Err(Error::at(format_args!("invalid CBOR initial byte {b:#04x}"), at)),
        })
    }

    /// Leaves an array or map `next_item` entered, once its visitor is
    /// done: what it left unread is an error.
    fn leave(&mut self, remaining: Remaining, what: &str) -> Result<(), Error> {
        remaining.finish(self, what)?;
        self.depth -= 1;
        Ok(())
    }

    /// Hands a big number's decimal text to `visitor` as a one-entry map
    /// under a private key, as serde formats hand over arbitrary-precision
    /// numbers: only `bigInteger` and `bigDecimal` read it; anything else
    /// refuses it, and an `integer` below `i64::MIN` (read at `at`) is
    /// then named as out of range.
    fn lend_big_number<V: Visitor<'de>>(
        &mut self,
        text: String,
        integer: Option<i128>,
        at: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.lent = Some(Lent { text, key_read: false, resume: self.position() });
        self.decoder.set_position(self.decoder.input().len());
        let value = visitor.visit_map(&mut Map::new(self, Some(1)));
        match self.lent_read(value.is_ok(), integer, at) {
            None => value,
            Some(error) => Err(error),
        }
    }

    /// After a visitor was lent a big number: the error to report instead
    /// of its result, if any.
    fn lent_read(&mut self, read: bool, integer: Option<i128>, at: usize) -> Option<Error> {
        let unread = self.lent.take().map(|lent| self.decoder.set_position(lent.resume)).is_some();
        match integer {
            Some(v) if !read => Some(out_of_range(v, at)),
            _ if read && unread => Some(Error::at("a big number was left unread", at)),
            _ => None,
        }
    }

    /// The next part of a lent big number, found where the input ends
    /// (at `at`); without one, the input ends in the middle of an item.
    fn lent_item(&mut self, at: usize) -> Result<Item<'de>, Error> {
        match self.lent.take() {
            None => Err(Error::at(TRUNCATED, at)),
            Some(Lent { text, key_read: false, resume }) => {
                self.lent = Some(Lent { text, key_read: true, resume });
                Ok(Item::Text(Text::Borrowed(BIG_NUMBER)))
            }
            Some(Lent { text, resume, .. }) => {
                self.decoder.set_position(resume);
                Ok(Item::Text(Text::Owned(text)))
            }
        }
    }

    /// Reads the head of an array (when `array`) or a map, entering it:
    /// its length (`None` until a break). Any other item is refused as
    /// serde's visitors refuse it, `expected` naming what was wanted.
    /// Inlined as `next_item` is.
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn container(&mut self, array: bool, expected: &dyn de::Expected) -> Result<Option<u64>, Error> {
        let at = self.position();
        match self.next_item()? {
            Item::Array(len) if array => Ok(len),
            Item::Map(len) if !array => Ok(len),
            item => Err(refused(item, at, expected)),
        }
    }

    /// Consumes a break, if one is next.
    fn at_break(&mut self) -> Result<bool, Error> {
        if self.peek()? == 0xff {
            // A break is its one byte.
            self.decoder.set_position(self.position() + 1);
            return Ok(true);
        }
        Ok(false)
    }
}

/// An item [`Deserializer::frequent_item`] reads, or `Other`.
enum Frequent<'de> {
    F64(f64),
    Text(&'de str),
    U64(u64),
    Other,
}

/// One item as [`Deserializer::next_item`] reads it.
enum Item<'de> {
    Bool(bool),
    /// `null` or `undefined`.
    Unit,
    U64(u64),
    I64(i64),
    /// A negative integer below `i64::MIN`.
    I128(i128),
    F64(f64),
    Text(Text<'de>),
    Bytes(Bytes<'de>),
    /// The decimal text of a bignum or decimal fraction.
    BigNumber(String),
    /// An array's length (`None` until a break), its items still to read.
    Array(Option<u64>),
    /// A map's length in pairs (`None` until a break), its pairs still to read.
    Map(Option<u64>),
}

/// A big number where no `bigInteger` or `bigDecimal` belongs.
const BIG_NUMBER_MISPLACED: &str = "found a big number (CBOR tag 2, 3 or 4) where another type was expected";

/// An item read where a container (`expected`) belongs, for the message.
#[cold]
fn refused(item: Item<'_>, at: usize, expected: &dyn de::Expected) -> Error {
    use de::Unexpected;
    let unexpected = match &item {
        Item::Array(_) => Unexpected::Seq,
        Item::Map(_) => Unexpected::Map,
        Item::Bool(v) => Unexpected::Bool(*v),
        Item::Unit => Unexpected::Unit,
        Item::U64(v) => Unexpected::Unsigned(*v),
        Item::I64(v) => Unexpected::Signed(*v),
        Item::I128(v) => return out_of_range(*v, at),
        Item::F64(v) => Unexpected::Float(*v),
        Item::Text(Text::Borrowed(s)) => Unexpected::Str(s),
        Item::Text(Text::Owned(s)) => Unexpected::Str(s),
        Item::Bytes(b) => Unexpected::Bytes(b.as_ref()),
        Item::BigNumber(_) => return Error::at(BIG_NUMBER_MISPLACED, at),
    };
    Error::at(format_args!("invalid type: {unexpected}, expected {expected}"), at)
}

/// Text that is not UTF-8, for the message.
fn invalid_utf8(error: &std::str::Utf8Error, at: usize) -> Error {
    Error::at(format_args!("invalid CBOR: invalid UTF-8: {error}"), at)
}

/// An integer no visitor took, for the message.
fn out_of_range(value: i128, at: usize) -> Error {
    Error::at(format_args!("the integer {value} is out of range"), at)
}

enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

enum Bytes<'de> {
    Borrowed(&'de [u8]),
    Owned(Vec<u8>),
}

impl AsRef<[u8]> for Bytes<'_> {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Borrowed(b) => b,
            Bytes::Owned(b) => b,
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // The item is read by `next_item`; what each visitor's copy of this
        // function adds is only the call that hands it over, and the three
        // most frequent items read directly: doubles (and timestamps: tag 1
        // and a double), short text and small integers.
        match self.frequent_item() {
            Frequent::F64(v) => return visitor.visit_f64(v),
            Frequent::Text(s) => return visitor.visit_borrowed_str(s),
            Frequent::U64(v) => return visitor.visit_u64(v),
            Frequent::Other => {}
        }
        let at = self.position();
        match self.next_item()? {
            Item::Bool(v) => visitor.visit_bool(v),
            Item::Unit => visitor.visit_unit(),
            Item::U64(v) => visitor.visit_u64(v),
            Item::I64(v) => visitor.visit_i64(v),
            // Below `i64::MIN`: only `bigInteger` (and `bigDecimal`) can
            // hold it, and they read it as text, as they read bignums.
            Item::I128(v) => self.lend_big_number(v.to_string(), Some(v), at, visitor),
            Item::F64(v) => visitor.visit_f64(v),
            Item::Text(Text::Borrowed(s)) => visitor.visit_borrowed_str(s),
            // Indefinite-length text and bytes, joined from their chunks,
            // are rare: lent rather than given, so no visitor gets a
            // `visit_string` or `visit_byte_buf` compiled for them.
            Item::Text(Text::Owned(s)) => visitor.visit_str(&s),
            Item::Bytes(Bytes::Borrowed(b)) => visitor.visit_borrowed_bytes(b),
            Item::Bytes(Bytes::Owned(b)) => visitor.visit_bytes(&b),
            Item::BigNumber(text) => self.lend_big_number(text, None, at, visitor),
            Item::Array(len) => {
                let mut seq = Seq { de: &mut *self, remaining: Remaining(len) };
                let value = visitor.visit_seq(&mut seq)?;
                seq.de.leave(seq.remaining, "array")?;
                Ok(value)
            }
            Item::Map(len) => {
                let mut map = Map::new(self, len);
                let value = visitor.visit_map(&mut map)?;
                map.de.leave(map.remaining, "map")?;
                Ok(value)
            }
        }
    }

    // Structures, unions, lists and maps ask for what they read: only
    // arrays and maps are handed over, refusing anything else the way
    // serde's visitors do, so that none of their visitors gets a copy of
    // `deserialize_any` and of serde's refusals of every other item.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let len = self.container(true, &visitor)?;
        let mut seq = Seq { de: &mut *self, remaining: Remaining(len) };
        let value = visitor.visit_seq(&mut seq)?;
        seq.de.leave(seq.remaining, "array")?;
        Ok(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let len = self.container(false, &visitor)?;
        let mut map = Map::new(self, len);
        let value = visitor.visit_map(&mut map)?;
        map.de.leave(map.remaining, "map")?;
        Ok(value)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.position();
        match self.decoder.input().get(at) {
            // null and undefined
            Some(0xf6 | 0xf7) => {
                self.decoder.set_position(at + 1);
                visitor.visit_none()
            }
            // Anything else, a lent big number, or nothing (reported by
            // whatever reads the value).
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // Only a structure's visitor ignores a lent entry (an unknown key):
        // a big number where a structure belongs is refused, not read as
        // an empty structure.
        if self.lent.take().is_some() {
            return Err(self.error(BIG_NUMBER_MISPLACED));
        }
        self.skip()?;
        visitor.visit_unit()
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(self.error("enums are read as text"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct tuple tuple_struct struct identifier
    }
}

/// How many items of an array or map are left: a count, or `None` until
/// the break of an indefinite-length one.
struct Remaining(Option<u64>);

impl Remaining {
    /// Whether another item follows (counting it), consuming the break
    /// that ends an indefinite-length container.
    fn next(&mut self, de: &mut Deserializer<'_>) -> Result<bool, Error> {
        match &mut self.0 {
            Some(0) => Ok(false),
            Some(n) => {
                *n -= 1;
                Ok(true)
            }
            None if de.at_break()? => {
                self.0 = Some(0);
                Ok(false)
            }
            None => Ok(true),
        }
    }

    /// Checks the visitor read every item.
    fn finish(&self, de: &mut Deserializer<'_>, what: &str) -> Result<(), Error> {
        match self.0 {
            Some(0) => Ok(()),
            None if de.at_break()? => Ok(()),
            _ => Err(de.error(format_args!("the {what} has more items than expected"))),
        }
    }

    /// A bound on the items left: each takes at least `min_size` bytes, so
    /// a larger declared count is never trusted.
    fn bound(&self, de: &Deserializer<'_>, min_size: usize) -> Option<usize> {
        self.0.map(|n| usize::try_from(n).unwrap_or(usize::MAX).min(de.remaining() / min_size))
    }
}

struct Seq<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    remaining: Remaining,
}

impl<'de> de::SeqAccess<'de> for &mut Seq<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if !self.remaining.next(self.de)? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        self.remaining.bound(self.de, 1)
    }
}

struct Map<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    remaining: Remaining,
    keys: Keys<'de>,
}

impl<'a, 'de> Map<'a, 'de> {
    /// The pairs of a map of `len` pairs (`None` until a break).
    fn new(de: &'a mut Deserializer<'de>, len: Option<u64>) -> Self {
        Map { de, remaining: Remaining(len), keys: Keys::default() }
    }
}

/// The keys a map has had, to refuse a repeated one: kept on the stack
/// while the map is small, in a set once it grows.
#[derive(Default)]
struct Keys<'de> {
    few: [&'de [u8]; Keys::FEW],
    len: usize,
    many: Option<HashSet<&'de [u8]>>,
}

impl<'de> Keys<'de> {
    const FEW: usize = 16;

    /// Adds `key` (its encoded bytes); false when it was there already.
    fn insert(&mut self, key: &'de [u8]) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(key);
        }
        if self.few[..self.len].contains(&key) {
            return false;
        }
        if self.len < Self::FEW {
            self.few[self.len] = key;
            self.len += 1;
            return true;
        }
        let mut many: HashSet<&'de [u8]> = self.few.iter().copied().collect();
        many.insert(key);
        self.many = Some(many);
        true
    }
}

impl<'de> de::MapAccess<'de> for &mut Map<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if !self.remaining.next(self.de)? {
            return Ok(None);
        }
        let start = self.de.position();
        let key = seed.deserialize(&mut *self.de)?;
        let input: &'de [u8] = self.de.decoder.input();
        let end = self.de.position();
        if !self.keys.insert(&input[start..end]) {
            return Err(Error::at("the map repeats a key", start));
        }
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
    }

    fn size_hint(&self) -> Option<usize> {
        self.remaining.bound(self.de, 2)
    }
}

// ------------------------------------------------------- big numbers

/// A decimal number as sign, digits and a power of ten.
struct Decimal {
    negative: bool,
    /// The mantissa's digits, without leading zeros ("0" for zero).
    digits: String,
    exponent: i64,
}

impl Decimal {
    /// Parses `-?digits(.digits)?([eE][+-]?digits)?`.
    fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().ok()?),
            None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if (int.is_empty() && frac.is_empty()) || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let exponent = exponent.checked_sub(i64::try_from(frac.len()).ok()?)?;
        let all = format!("{int}{frac}");
        let digits = all.trim_start_matches('0');
        let digits = if digits.is_empty() { "0".to_owned() } else { digits.to_owned() };
        Some(Decimal { negative: negative && digits != "0", digits, exponent })
    }
}

/// The big-endian bytes of a non-negative decimal integer (no leading zero
/// bytes; empty for zero).
fn decimal_to_bytes(digits: &str) -> Vec<u8> {
    // Little-endian base-256 limbs, multiplied by ten and added to per digit.
    let mut limbs: Vec<u8> = Vec::new();
    for d in digits.bytes().map(|b| b - b'0') {
        let mut carry = u32::from(d);
        for limb in &mut limbs {
            let v = u32::from(*limb) * 10 + carry;
            *limb = (v & 0xff) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            limbs.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    limbs.reverse();
    limbs
}

/// The decimal text of a big-endian unsigned integer.
fn bytes_to_decimal(bytes: &[u8]) -> String {
    // Little-endian base-10^9 limbs.
    let mut limbs: Vec<u32> = Vec::new();
    for &byte in bytes {
        let mut carry = u64::from(byte);
        for limb in &mut limbs {
            let v = u64::from(*limb) * 256 + carry;
            *limb = (v % 1_000_000_000) as u32;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push((carry % 1_000_000_000) as u32);
            carry /= 1_000_000_000;
        }
    }
    let Some((last, rest)) = limbs.split_last() else { return "0".to_owned() };
    let mut out = last.to_string();
    for limb in rest.iter().rev() {
        out.push_str(&format!("{limb:09}"));
    }
    out
}

/// `n - 1` of a big-endian unsigned integer greater than zero.
fn subtract_one(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for byte in out.iter_mut().rev() {
        if *byte > 0 {
            *byte -= 1;
            break;
        }
        *byte = 0xff;
    }
    let zeros = out.iter().take_while(|b| **b == 0).count();
    out.drain(..zeros);
    out
}

/// The decimal text of `mantissa` (an integer's text) times ten to the
/// `exponent`: `27315`, -2 → `273.15`; an exponent too large to write out
/// stays an exponent (`1e400`).
fn with_exponent(mantissa: &str, exponent: i64) -> String {
    let (sign, digits) = mantissa.strip_prefix('-').map_or(("", mantissa), |d| ("-", d));
    match exponent {
        0 => mantissa.to_owned(),
        1..=64 => format!("{sign}{digits}{}", "0".repeat(exponent as usize)),
        -64..=-1 => {
            let shift = exponent.unsigned_abs() as usize;
            if digits.len() > shift {
                let (int, frac) = digits.split_at(digits.len() - shift);
                format!("{sign}{int}.{frac}")
            } else {
                format!("{sign}0.{}{digits}", "0".repeat(shift - digits.len()))
            }
        }
        _ => format!("{mantissa}e{exponent}"),
    }
}

/// `n + 1` of a decimal integer's digits.
fn add_one_decimal(digits: &str) -> String {
    let mut out: Vec<u8> = digits.bytes().collect();
    for d in out.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return String::from_utf8(out).unwrap_or_default();
        }
    }
    let mut text = String::with_capacity(out.len() + 1);
    text.push('1');
    text.extend(out.iter().map(|b| char::from(*b)));
    text
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn integers_take_their_smallest_encoding() {
        assert_eq!(hex(&to_vec(&0u64).unwrap()), "00");
        assert_eq!(hex(&to_vec(&23i32).unwrap()), "17");
        assert_eq!(hex(&to_vec(&24i32).unwrap()), "1818");
        assert_eq!(hex(&to_vec(&256i64).unwrap()), "190100");
        assert_eq!(hex(&to_vec(&-1i8).unwrap()), "20");
        assert_eq!(hex(&to_vec(&-1000i64).unwrap()), "3903e7");
        assert_eq!(hex(&to_vec(&i64::MIN).unwrap()), "3b7fffffffffffffff");
        for n in [0u64, 23, 24, 255, 256, 65_535, 65_536, u64::from(u32::MAX), u64::from(u32::MAX) + 1, u64::MAX] {
            assert_eq!(from_slice::<u64>(&to_vec(&n).unwrap()).unwrap(), n);
            let width = [1, 2, 3, 5, 9][[24, 256, 65_536, 1 << 32, u128::MAX].iter().position(|limit| u128::from(n) < *limit).unwrap()];
            assert_eq!(to_vec(&n).unwrap().len(), width, "{n}");
            let negative = -1 - i64::try_from(n / 2).unwrap();
            assert_eq!(from_slice::<i64>(&to_vec(&negative).unwrap()).unwrap(), negative);
        }
    }

    #[test]
    fn floats_keep_their_width_and_read_from_every_width() {
        assert_eq!(hex(&to_vec(&7.625f32).unwrap()), "fa40f40000");
        assert_eq!(hex(&to_vec(&1.5f64).unwrap()), "fb3ff8000000000000");
        let read = |h: &str| from_slice::<f64>(&unhex(h)).unwrap();
        assert_eq!(read("f93e00"), 1.5);
        assert_eq!(read("f97c00"), f64::INFINITY);
        assert_eq!(read("f9fc00"), f64::NEG_INFINITY);
        assert!(read("f97e00").is_nan());
        assert_eq!(read("f90001"), 5.960_464_477_539_063e-8);
        assert_eq!(read("fa40f40000"), 7.625);
        // Tag 1 over each number form, the one-byte tag and the long one.
        let at = |h: &str| from_slice::<serde_json::Value>(&unhex(h)).unwrap();
        assert_eq!(at("c1fb41d3883a3d400000"), serde_json::json!(1_310_779_637.0));
        assert_eq!(at("d801fb3ff8000000000000"), serde_json::json!(1.5));
        assert_eq!(at("c117"), serde_json::json!(23));
        assert_eq!(at("c11a5f5e1000"), serde_json::json!(1_600_000_000));
    }

    #[test]
    fn strings_and_containers_of_either_length_read() {
        // (_ "strea", "ming")
        assert_eq!(from_slice::<String>(&unhex("7f657374726561646d696e67ff")).unwrap(), "streaming");
        assert_eq!(from_slice::<Vec<u32>>(&unhex("9f010203ff")).unwrap(), vec![1, 2, 3]);
        assert_eq!(from_slice::<Vec<u32>>(&unhex("83010203")).unwrap(), vec![1, 2, 3]);
        let map: HashMap<String, u32> = from_slice(&unhex("bf616101616202ff")).unwrap();
        assert_eq!(map, HashMap::from([("a".to_owned(), 1), ("b".to_owned(), 2)]));
        let sparse: HashMap<String, Option<u32>> = from_slice(&unhex("a2616101616200")).unwrap();
        assert_eq!(sparse.len(), 2);
    }

    #[test]
    fn undefined_reads_as_absent() {
        assert_eq!(from_slice::<Option<u32>>(&unhex("f7")).unwrap(), None);
        assert_eq!(from_slice::<Option<u32>>(&unhex("f6")).unwrap(), None);
    }

    #[test]
    fn big_numbers_round_trip_through_tags() {
        for text in ["0", "1", "-1", "18446744073709551615", "18446744073709551616", "-18446744073709551617", "123456789012345678901234567890"] {
            let bytes = to_vec(&text.parse::<crate::BigInteger>().unwrap()).unwrap();
            let back: crate::BigInteger = from_slice(&bytes).unwrap();
            assert_eq!(back.as_str(), text, "{}", hex(&bytes));
        }
        assert_eq!(hex(&to_vec(&"18446744073709551616".parse::<crate::BigInteger>().unwrap()).unwrap()), "c249010000000000000000");
        // 273.15 = [-2, 27315]
        let decimal: crate::BigDecimal = "273.15".parse().unwrap();
        assert_eq!(hex(&to_vec(&decimal).unwrap()), "c48221196ab3");
        let back: crate::BigDecimal = from_slice(&unhex("c48221196ab3")).unwrap();
        assert_eq!(back.as_str(), "273.15");
        assert_eq!(with_exponent("-5", -3), "-0.005");
        assert_eq!(with_exponent("12", 3), "12000");
        assert_eq!(with_exponent("1", 400), "1e400");
        // A negative integer below i64::MIN, without a tag: a bigInteger
        // reads it, an i64 refuses it naming it.
        let below = unhex("3bffffffffffffffff");
        assert_eq!(from_slice::<crate::BigInteger>(&below).unwrap().as_str(), "-18446744073709551616");
        let error = from_slice::<i64>(&below).unwrap_err().to_string();
        assert!(error.contains("the integer -18446744073709551616 is out of range"), "{error}");
    }

    #[test]
    fn big_numbers_read_where_they_belong_and_nowhere_else() {
        #[derive(serde::Deserialize, Debug)]
        struct Holder {
            big: Option<crate::BigInteger>,
            small: Option<u32>,
        }
        let big = "c249010000000000000000"; // 2^64
        // {"big": 2^64, "small": 1}
        let holder: Holder = from_slice(&unhex(&format!("a2 63626967 {big} 65736d616c6c 01").replace(' ', ""))).unwrap();
        assert_eq!(holder.big.unwrap().as_str(), "18446744073709551616");
        assert_eq!(holder.small, Some(1));
        let map: HashMap<String, crate::BigDecimal> = from_slice(&unhex(&format!("a2 6161 {big} 6162 c48221196ab3").replace(' ', ""))).unwrap();
        assert_eq!((map["a"].as_str(), map["b"].as_str()), ("18446744073709551616", "273.15"));
        // Where a structure belongs, a big number is refused, not read as
        // an empty structure; where a u32 belongs, refused as a map.
        let error = from_slice::<Holder>(&unhex(big)).unwrap_err().to_string();
        assert!(error.contains("found a big number"), "{error}");
        let error = from_slice::<Holder>(&unhex(&format!("a1 65736d616c6c {big}").replace(' ', ""))).unwrap_err().to_string();
        assert!(error.contains("invalid type: map"), "{error}");
        let error = from_slice::<HashMap<String, u32>>(&unhex(big)).unwrap_err().to_string();
        assert!(error.contains("found a big number"), "{error}");
        // Lists and maps refuse other items as serde's visitors do, saying where.
        let error = from_slice::<Vec<u32>>(&unhex("a0")).unwrap_err().to_string();
        assert_eq!(error, "invalid type: map, expected a sequence (at byte 0)");
        let error = from_slice::<Vec<HashMap<String, u32>>>(&unhex("82 a0 6161".replace(' ', "").as_str())).unwrap_err().to_string();
        assert_eq!(error, "invalid type: string \"a\", expected a map (at byte 2)");
        // Below i64::MIN where a structure's u32 belongs: named as out of range.
        let error = from_slice::<Holder>(&unhex("a1 65736d616c6c 3bffffffffffffffff".replace(' ', "").as_str())).unwrap_err().to_string();
        assert!(error.contains("out of range"), "{error}");
    }

    #[test]
    fn hostile_input_is_an_error() {
        let cases: &[(&str, &str)] = &[
            // A text string declaring 2^32 bytes.
            ("7a ffffffff 61", "ends in the middle"),
            // An array declaring 2^63 items.
            ("9b 7fffffffffffffff 01", "ends in the middle"),
            ("ff", "break"),
            ("62 c328", "invalid CBOR"),
            ("a2 6161 01 6161 02", "repeats a key"),
            ("bf 6161 01", "ends in the middle"),
            ("c1 c1 c1", "tag 1"),
            ("c1 61 61", "tag 1"),
            ("d8 20 61 61", "unsupported CBOR tag 32"),
            ("1a 0102", "ends in the middle"),
            ("fb 3ff80000", "ends in the middle"),
            ("c1 fb 3ff8", "ends in the middle"),
            // Short text that is not UTF-8, alone and as a map's value.
            ("62 c328", "invalid UTF-8"),
            ("a1 6161 62 c328", "invalid UTF-8"),
            ("01 02", "follow"),
            ("f0", "simple"),
            ("1c", "invalid"),
        ];
        for (input, expected) in cases {
            let bytes = unhex(&input.replace(' ', ""));
            let error = from_slice::<serde_json::Value>(&bytes).unwrap_err().to_string();
            assert!(error.contains(expected), "{input}: {error}");
        }
        let deep = [vec![0x81u8; 100_000], vec![0x01]].concat();
        assert!(from_slice::<serde_json::Value>(&deep).unwrap_err().to_string().contains("deeper"));
        assert!(from_slice::<serde::de::IgnoredAny>(&deep).unwrap_err().to_string().contains("deeper"));
        let endless = vec![0x9fu8; 100_000];
        assert!(from_slice::<serde::de::IgnoredAny>(&endless).is_err());
        let tags = [vec![0xc6u8; 1_000], vec![0x01]].concat();
        assert!(from_slice::<serde_json::Value>(&tags).unwrap_err().to_string().contains("tag 6"));
    }
}
