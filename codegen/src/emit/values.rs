//! Rust expressions that build a value of a generated type from a node
//! value of the model (a test case's `params`): structures through their
//! builders, unions by variant, enums from their wire values, numbers as
//! typed literals (`NaN` and the infinities by name), timestamps from exact
//! seconds and nanoseconds, blobs from their bytes, documents from JSON.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::types::builder_is_fallible;
use crate::ir::{Ir, Member, NamedKind, Type};
use crate::node::Value;

/// Builds expressions naming generated types under `root` (`crate`, or
/// `::my_crate` from the crate's tests).
pub(crate) struct Values<'a> {
    pub ir: &'a Ir,
    pub root: TokenStream,
}

impl Values<'_> {
    /// A structure `id` with the members `value` (an object) sets.
    pub(crate) fn structure(&self, id: &str, value: &Value) -> Result<TokenStream, String> {
        let shape = self.ir.shape(id);
        let NamedKind::Structure { members, .. } = &shape.kind else {
            return Err(format!("`{id}` is not a structure"));
        };
        let object = object(value, id)?;
        let name = format_ident!("{}", shape.rust_name);
        let root = &self.root;
        let mut setters = Vec::new();
        for (key, v) in object {
            let member = find(members, key, id)?;
            let set = format_ident!("set_{}", member.field.plain);
            let inner = if v.is_null() { quote!(::std::option::Option::None) } else { self.member(member, v)? };
            let inner = if v.is_null() { inner } else { quote!(::std::option::Option::Some(#inner)) };
            setters.push(quote!(.#set(#inner)));
        }
        let build = if builder_is_fallible(members) {
            let message = format!("the test case sets every required member of `{}`", shape.name);
            quote!(.build().expect(#message))
        } else {
            quote!(.build())
        };
        Ok(quote!(#root::types::#name::builder() #(#setters)* #build))
    }

    /// The value of `member` (boxed when the field is).
    fn member(&self, member: &Member, value: &Value) -> Result<TokenStream, String> {
        let Some(ty) = &member.ty else { return Ok(quote!(::smithy_runtime::union::Unit {})) };
        let expr = self.value(ty, value, &member.id)?;
        Ok(if member.boxed { quote!(::std::boxed::Box::new(#expr)) } else { expr })
    }

    /// A value of `ty`; `at` names the place for messages.
    pub(crate) fn value(&self, ty: &Type, value: &Value, at: &str) -> Result<TokenStream, String> {
        let mismatch = |what: &str| format!("{at}: expected {what}, found {value}");
        Ok(match ty {
            Type::Blob => {
                let s = value.as_str().ok_or_else(|| mismatch("a string (the blob's bytes)"))?;
                let bytes = Literal::byte_string(s.as_bytes());
                quote!(#bytes.to_vec())
            }
            Type::Boolean => {
                let b = value.as_bool().ok_or_else(|| mismatch("a boolean"))?;
                quote!(#b)
            }
            Type::String => {
                let s = value.as_str().ok_or_else(|| mismatch("a string"))?;
                quote!(::std::string::String::from(#s))
            }
            Type::Byte => int_literal::<i8>(value).ok_or_else(|| mismatch("a byte"))?,
            Type::Short => int_literal::<i16>(value).ok_or_else(|| mismatch("a short"))?,
            Type::Integer => int_literal::<i32>(value).ok_or_else(|| mismatch("an integer"))?,
            Type::Long => int_literal::<i64>(value).ok_or_else(|| mismatch("a long"))?,
            Type::Float => float(value, quote!(f32)).ok_or_else(|| mismatch("a float"))?,
            Type::Double => float(value, quote!(f64)).ok_or_else(|| mismatch("a double"))?,
            Type::BigInteger | Type::BigDecimal => {
                let text = match value {
                    Value::Number(n) if matches!(ty, Type::BigInteger) => n.integer_text().ok_or_else(|| mismatch("a whole number"))?,
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(mismatch("a number")),
                };
                let message = format!("`{text}` is a number");
                quote!(#text.parse().expect(#message))
            }
            Type::Timestamp(_) => {
                let (seconds, nanos) = match value {
                    Value::Number(n) => epoch_parts(&n.to_string()).ok_or_else(|| mismatch("epoch seconds"))?,
                    _ => return Err(mismatch("epoch seconds")),
                };
                let message = format!("{value} is a timestamp");
                quote!(::smithy_runtime::DateTime::from_secs_and_nanos(#seconds, #nanos).expect(#message))
            }
            Type::Document => {
                let json = value.to_string();
                quote!(::smithy_runtime::protocol_test::document(#json))
            }
            Type::List { member, sparse, .. } => {
                let items = value.as_array().ok_or_else(|| mismatch("a list"))?;
                let items = items
                    .iter()
                    .map(|item| self.optional(member, item, *sparse, at))
                    .collect::<Result<Vec<_>, _>>()?;
                quote!(::std::vec![#(#items),*])
            }
            Type::Map { key, value: value_ty, sparse, .. } => {
                let entries = value.as_object().ok_or_else(|| mismatch("a map"))?;
                let entries = entries
                    .iter()
                    .map(|(k, v)| {
                        let k = self.value(key, &Value::String(k.clone()), at)?;
                        let v = self.optional(value_ty, v, *sparse, at)?;
                        Ok(quote!((#k, #v)))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                quote!([#(#entries),*].into_iter().collect::<::std::collections::HashMap<_, _>>())
            }
            Type::Named(id) => self.named(id, value)?,
        })
    }

    /// An element of a sparse list or map (`Some`/`None`), or of a dense one.
    fn optional(&self, ty: &Type, value: &Value, sparse: bool, at: &str) -> Result<TokenStream, String> {
        if !sparse {
            return self.value(ty, value, at);
        }
        if value.is_null() {
            return Ok(quote!(::std::option::Option::None));
        }
        let v = self.value(ty, value, at)?;
        Ok(quote!(::std::option::Option::Some(#v)))
    }

    fn named(&self, id: &str, value: &Value) -> Result<TokenStream, String> {
        let shape = self.ir.shape(id);
        let name = format_ident!("{}", shape.rust_name);
        let root = &self.root;
        let mismatch = |what: &str| format!("{id}: expected {what}, found {value}");
        Ok(match &shape.kind {
            NamedKind::Structure { .. } => self.structure(id, value)?,
            NamedKind::Union { members } => {
                let object = object(value, id)?;
                let [(key, v)] = object.iter().collect::<Vec<_>>()[..] else {
                    return Err(mismatch("an object with one member"));
                };
                let member = find(members, key, id)?;
                let variant = format_ident!("{}", member.variant);
                if member.ty.is_none() {
                    quote!(#root::types::#name::#variant)
                } else {
                    let inner = self.member(member, v)?;
                    quote!(#root::types::#name::#variant(#inner))
                }
            }
            NamedKind::Enum { .. } => {
                let s = value.as_str().ok_or_else(|| mismatch("a string"))?;
                quote!(#root::types::#name::from(#s))
            }
            NamedKind::IntEnum { .. } => {
                let n = int_literal::<i32>(value).ok_or_else(|| mismatch("an integer"))?;
                quote!(#root::types::#name::from(#n))
            }
        })
    }
}

fn object<'v>(value: &'v Value, id: &str) -> Result<&'v crate::node::Map, String> {
    match value {
        Value::Object(map) => Ok(map),
        // A case with no params builds the empty value.
        Value::Null => Ok(empty_map()),
        other => Err(format!("{id}: expected an object, found {other}")),
    }
}

fn empty_map() -> &'static crate::node::Map {
    static EMPTY: std::sync::OnceLock<crate::node::Map> = std::sync::OnceLock::new();
    EMPTY.get_or_init(crate::node::Map::new)
}

fn find<'m>(members: &'m [Member], name: &str, id: &str) -> Result<&'m Member, String> {
    members.iter().find(|m| m.name == name).ok_or_else(|| format!("{id} has no member `{name}`"))
}

/// A typed integer literal (`5i32`), when `value` is an integer of `T`.
fn int_literal<T: TryFrom<i64> + IntLiteral>(value: &Value) -> Option<TokenStream> {
    let n = T::try_from(value.as_i64()?).ok()?;
    Some(n.literal())
}

trait IntLiteral {
    fn literal(self) -> TokenStream;
}

macro_rules! int_literals {
    ($($t:ty => $f:ident),*) => {
        $(impl IntLiteral for $t {
            fn literal(self) -> TokenStream {
                let lit = Literal::$f(self);
                quote!(#lit)
            }
        })*
    };
}

int_literals!(i8 => i8_suffixed, i16 => i16_suffixed, i32 => i32_suffixed, i64 => i64_suffixed);

/// A float literal of type `ty`, or its `NAN` / `INFINITY` /
/// `NEG_INFINITY` for the strings a case writes them as.
fn float(value: &Value, ty: TokenStream) -> Option<TokenStream> {
    match value {
        Value::String(s) if s == "NaN" => Some(quote!(#ty::NAN)),
        Value::String(s) if s == "Infinity" => Some(quote!(#ty::INFINITY)),
        Value::String(s) if s == "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
        // The number as written, with the type's suffix, so an f32 is not
        // rounded through an f64 (one past the range of an f64 is refused).
        Value::Number(n) if n.as_f64().is_some() => format!("{n}_{ty}").parse().ok(),
        _ => None,
    }
}

/// Exact whole seconds and nanoseconds of an epoch-seconds number written
/// in decimal (`-1.5` is `(-2, 500_000_000)`).
fn epoch_parts(text: &str) -> Option<(i64, u32)> {
    if text.contains(['e', 'E']) {
        let f: f64 = text.parse().ok()?;
        let seconds = f.floor();
        let nanos = ((f - seconds) * 1e9).round() as u32;
        return Some((seconds as i64, nanos.min(999_999_999)));
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole: i64 = whole.parse().ok()?;
    let mut nanos_text: String = fraction.chars().take(9).collect();
    while nanos_text.len() < 9 {
        nanos_text.push('0');
    }
    let nanos: u32 = nanos_text.parse().ok()?;
    Some(if !negative {
        (whole, nanos)
    } else if nanos == 0 {
        (-whole, 0)
    } else {
        (-whole - 1, 1_000_000_000 - nanos)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_split_exactly() {
        assert_eq!(epoch_parts("1515531081"), Some((1515531081, 0)));
        assert_eq!(epoch_parts("1515531081.123"), Some((1515531081, 123_000_000)));
        assert_eq!(epoch_parts("-1.5"), Some((-2, 500_000_000)));
        assert_eq!(epoch_parts("946845296.123456789"), Some((946845296, 123_456_789)));
        assert_eq!(epoch_parts("1e3"), Some((1000, 0)));
    }

    #[test]
    fn floats_keep_their_literal() {
        let f = |v: Value, ty: TokenStream| float(&v, ty).unwrap().to_string();
        assert_eq!(f(Value::from(serde_json::json!(1.5)), quote!(f32)), "1.5_f32");
        assert_eq!(f(Value::from(serde_json::json!(2)), quote!(f64)), "2_f64");
        assert_eq!(f(Value::from(serde_json::json!(-1e-7)), quote!(f32)), "- 1e-7_f32");
        assert_eq!(f(Value::from(serde_json::json!("NaN")), quote!(f64)), "f64 :: NAN");
    }
}
