//! `types.rs`: one Rust type per structure, union, enum and intEnum, with
//! serde implementations and builders.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{deprecated_attr, derives, doc_attrs, ident, rust_type, wire_adapter};
use crate::ir::{EnumValue, EnumVariant, Ir, Location, Member, NamedKind, NamedShape, Type};
use crate::node::Value;

/// The shapes of part `chunk` of `chunks` (in shape-id order), so large
/// files can be emitted and formatted in parts.
fn chunk_of(ir: &Ir, chunk: usize, chunks: usize) -> impl Iterator<Item = &NamedShape> {
    let per = ir.shapes.len().div_ceil(chunks.max(1));
    ir.shapes.values().skip(chunk * per).take(per)
}

/// Part `chunk` of the `types` module: the generated types.
pub fn emit_types(ir: &Ir, chunk: usize, chunks: usize) -> Result<TokenStream, String> {
    let mut items = Vec::new();
    for shape in chunk_of(ir, chunk, chunks) {
        match &shape.kind {
            NamedKind::Structure { members, error, output, .. } => {
                items.push(emit_structure(ir, shape, members, error.is_some(), *output)?);
            }
            NamedKind::Union { members } => items.push(emit_union(ir, shape, members)),
            NamedKind::Enum { variants } => items.push(emit_enum(shape, variants)),
            NamedKind::IntEnum { variants } => items.push(emit_int_enum(shape, variants)),
        }
        items.extend(super::protocol::type_impls(ir, shape));
    }
    let header = (chunk == 0).then(|| {
        // Lower-case module names, which no generated type can take.
        let mut structure_members = false;
        let mut adapters = false;
        for shape in ir.shapes.values() {
            let (NamedKind::Structure { members, .. } | NamedKind::Union { members }) = &shape.kind else { continue };
            structure_members |=
                matches!(shape.kind, NamedKind::Structure { .. }) && members.iter().any(|m| m.location == Location::Body);
            adapters |= members.iter().any(|m| m.location == Location::Body && m.ty.as_ref().and_then(|t| wire_adapter(ir, t)).is_some());
        }
        let imports = match (structure_members, adapters) {
            (false, false) => quote!(),
            (false, true) => quote!(use ::smithy_runtime::wire;),
            (true, false) => quote!(use ::smithy_runtime::{de, ser};),
            (true, true) => quote!(use ::smithy_runtime::{de, ser, wire};),
        };
        quote! {
            //! The data types of the service: structures, unions and enums.

            #imports

            pub mod builders;
        }
    });
    Ok(quote! {
        #header
        #(#items)*
    })
}

/// Part `chunk` of the `types::builders` module: a builder per structure.
pub fn emit_builders(ir: &Ir, chunk: usize, chunks: usize) -> Result<TokenStream, String> {
    let operation_inputs: std::collections::BTreeSet<&str> =
        ir.operations.iter().filter_map(|o| o.input.as_deref()).collect();
    let mut builders = Vec::new();
    for shape in chunk_of(ir, chunk, chunks) {
        if let NamedKind::Structure { members, error, output, .. } = &shape.kind {
            let is_operation_input = operation_inputs.contains(shape.id.as_str());
            builders.push(emit_builder(ir, shape, members, error.is_some() || *output, is_operation_input)?);
        }
    }
    let header = (chunk == 0).then(|| {
        quote! {
            //! Builders for the structures in [`types`](crate::types).
        }
    });
    Ok(quote! {
        #header
        #(#builders)*
    })
}

/// The stored type of a member: its value type, boxed if needed, in an
/// `Option` if optional.
fn field_type(ir: &Ir, m: &Member, optional: bool) -> TokenStream {
    let inner = inner_type(ir, m);
    if optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

fn inner_type(ir: &Ir, m: &Member) -> TokenStream {
    let ty = m.ty.as_ref().map(|t| rust_type(ir, t)).unwrap_or_else(|| quote!(::smithy_runtime::union::Unit));
    if m.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

fn default_fn_name(m: &Member) -> proc_macro2::Ident {
    format_ident!("default_{}", m.field.plain)
}

fn emit_structure(
    ir: &Ir,
    shape: &NamedShape,
    members: &[Member],
    is_error: bool,
    is_output: bool,
) -> Result<TokenStream, String> {
    let name = format_ident!("{}", shape.rust_name);
    let docs = doc_attrs(&shape.docs, &format!("The `{}` structure.", shape.name));
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let redact = shape.sensitive || members.iter().any(|m| m.sensitive);
    let type_name = &shape.name;

    let fields = members.iter().map(|m| {
        let field = ident(&m.field.ident);
        let docs = doc_attrs(&m.docs, &format!("The `{}` member.", m.name));
        let deprecated = deprecated_attr(m.deprecated.as_ref());
        let ty = field_type(ir, m, m.optional);
        quote! {
            #docs
            #deprecated
            pub #field: #ty,
        }
    });
    // Errors and outputs carry what the response said besides the body.
    let meta_field = if is_error {
        Some(quote!(meta: ::smithy_runtime::error::ErrorMetadata,))
    } else {
        is_output.then(|| quote!(meta: ::smithy_runtime::ResponseMetadata,))
    };
    // With every member optional, the zero value is `Default`: derived, and
    // named as the zero value by `structure_impls!`.
    let zero_is_default = members.iter().all(|m| m.optional);
    let serde_impls = emit_structure_serde(ir, &name, type_name, members, zero_is_default);

    let mut default_fns = Vec::new();
    for m in members.iter().filter(|m| !m.optional) {
        if let (Some(value), Some(ty)) = (&m.default, &m.ty) {
            let f = default_fn_name(m);
            let rt = inner_type(ir, m);
            let expr = default_expr(ir, ty, value).map_err(|e| format!("{}: {e}", m.id))?;
            let expr = if m.boxed { quote!(::std::boxed::Box::new(#expr)) } else { expr };
            default_fns.push(quote! {
                fn #f() -> #rt {
                    #expr
                }
            });
        }
    }
    let builder = format_ident!("{}Builder", shape.rust_name);
    let builder_doc = format!(" Creates a new builder for [`{}`].", shape.rust_name);
    let zero_fields = members.iter().map(|m| {
        let field = ident(&m.field.ident);
        match (&m.default, m.optional) {
            (_, true) => quote!(#field: ::std::option::Option::None,),
            (Some(_), false) => {
                let f = default_fn_name(m);
                quote!(#field: Self::#f(),)
            }
            _ => quote!(#field: ::smithy_runtime::ZeroValue::zero_value(),),
        }
    });
    let zero_meta = meta_field.is_some().then(|| quote!(meta: ::std::default::Default::default(),));
    let mut derived = vec![quote!(::std::clone::Clone), quote!(::std::cmp::PartialEq)];
    if zero_is_default {
        derived.push(quote!(::std::default::Default));
    }
    if !redact {
        derived.push(quote!(::std::fmt::Debug));
    }
    let derived = derives(&derived);
    let zero_impl = (!zero_is_default).then(|| {
        quote! {
            impl ::smithy_runtime::ZeroValue for #name {
                fn zero_value() -> Self {
                    Self {
                        #(#zero_fields)*
                        #zero_meta
                    }
                }
            }
        }
    });
    let debug_impl = redact.then(|| emit_redacted_debug(&name, type_name, members, shape.sensitive, false));
    let error_impls = is_error.then(|| emit_error_impls(&name, type_name, members));
    let output_impls = (is_output && !is_error).then(|| {
        let from_response = super::protocol::output_from_response(ir, shape);
        quote! {
            impl #name {
                /// The request id the service answered with (`x-amzn-requestid`),
                /// when the value came from a response.
                pub fn request_id(&self) -> ::std::option::Option<&str> {
                    self.meta.request_id()
                }
            }

            #[cfg(feature = "client")]
            impl ::smithy_runtime::client::Output for #name {
                fn set_metadata(&mut self, meta: ::smithy_runtime::ResponseMetadata) {
                    self.meta = meta;
                }

                #from_response
            }
        }
    });

    Ok(quote! {
        #docs
        #deprecated
        #derived
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #meta_field
        }

        #serde_impls

        impl #name {
            #[doc = #builder_doc]
            pub fn builder() -> crate::types::builders::#builder {
                ::std::default::Default::default()
            }
            #(#default_fns)*
        }

        #zero_impl
        #debug_impl
        #error_impls
        #output_impls
    })
}

/// How a member can be read in place (see `smithy_runtime::de::optional_struct`).
enum InPlace {
    /// Read by value.
    No,
    /// An unboxed structure.
    Struct,
    /// A dense list of structures.
    List,
}

fn read_in_place(ir: &Ir, m: &Member) -> InPlace {
    let is_structure = |ty: &Type| {
        matches!(ty, Type::Named(id) if matches!(ir.shape(id).kind, NamedKind::Structure { .. }))
    };
    match &m.ty {
        Some(ty) if !m.boxed && is_structure(ty) => InPlace::Struct,
        Some(Type::List { member, sparse: false, .. }) if !m.boxed && is_structure(member) => InPlace::List,
        _ => InPlace::No,
    }
}

/// `Serialize` and `Deserialize` for a structure: `StructFields` with one
/// statement per member over the shared code in `smithy_runtime::de` and
/// `smithy_runtime::ser` (see `de` for why not `#[derive]`); the serde
/// impls themselves come from `structure_impls!`.
fn emit_structure_serde(
    ir: &Ir,
    name: &proc_macro2::Ident,
    type_name: &str,
    members: &[Member],
    zero_is_default: bool,
) -> TokenStream {
    // `de`, `ser` and `wire` are `smithy_runtime`'s, imported at the top of
    // the module. Members an HTTP-bound protocol puts elsewhere are not in
    // the JSON.
    let members: Vec<&Member> = members.iter().filter(|m| m.location == Location::Body).collect();
    let (reads, writes): (Vec<TokenStream>, Vec<TokenStream>) = members
        .iter()
        .map(|m| {
            let field = ident(&m.field.ident);
            let wire = &m.json_name;
            let (read, write) = match (m.ty.as_ref().and_then(|t| wire_adapter(ir, t)), m.optional, read_in_place(ir, m)) {
                // Structures, and lists of them, are read where they are
                // stored rather than moved there.
                (None, true, InPlace::List) => (quote!(de::optional_struct_list), quote!(ser::optional)),
                (None, true, InPlace::Struct) => (quote!(de::optional_struct), quote!(ser::optional)),
                (None, false, InPlace::Struct) => (quote!(de::required_struct), quote!(ser::required)),
                (None, true, _) => (quote!(de::optional), quote!(ser::optional)),
                (Some(a), true, _) => (quote!(de::optional_as::<#a, _, _>), quote!(ser::optional_as::<#a, _, _>)),
                (None, false, _) => (quote!(de::required), quote!(ser::required)),
                (Some(a), false, _) => (quote!(de::required_as::<#a, _, _>), quote!(ser::required_as::<#a, _, _>)),
            };
            (quote!(#wire => #read(map, &mut self.#field)?,), quote!(#write(map, #wire, &self.#field)?;))
        })
        .unzip();
    let required_names: Vec<&str> =
        members.iter().filter(|m| !m.optional && m.required && m.default.is_none()).map(|m| m.json_name.as_str()).collect();
    let required = (!required_names.is_empty())
        .then(|| quote!(const REQUIRED: &'static [&'static str] = &[#(#required_names),*];));
    let map = if writes.is_empty() { quote!(_map) } else { quote!(map) };
    let write_fields = quote! {
        fn write_fields<M: ::serde::ser::SerializeMap>(&self, #map: &mut M) -> ::std::result::Result<(), M::Error> {
            #(#writes)*
            ::std::result::Result::Ok(())
        }
    };
    let read_field = if reads.is_empty() {
        quote! {
            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                _key: &str,
                _map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                ::std::result::Result::Ok(false)
            }
        }
    } else {
        quote! {
            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                match key {
                    #(#reads)*
                    _ => return ::std::result::Result::Ok(false),
                }
                ::std::result::Result::Ok(true)
            }
        }
    };
    let impls = if zero_is_default {
        quote!(::smithy_runtime::structure_impls!(#name, zero_value = default);)
    } else {
        quote!(::smithy_runtime::structure_impls!(#name);)
    };
    quote! {
        #impls

        impl ::smithy_runtime::de::StructFields for #name {
            const NAME: &'static str = #type_name;
            #required

            #read_field
            #write_fields
        }
    }
}

/// `Debug` that prints `@sensitive` members (or every member of a sensitive
/// shape) as a redaction marker.
fn emit_redacted_debug(
    name: &proc_macro2::Ident,
    type_name: &str,
    members: &[Member],
    all: bool,
    generic: bool,
) -> TokenStream {
    let fields = members.iter().map(|m| {
        let field = ident(&m.field.ident);
        let label = &m.field.plain;
        if all || m.sensitive {
            quote!(.field(#label, &::smithy_runtime::REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let header = if generic {
        quote!(impl<S> ::std::fmt::Debug for #name<S>)
    } else {
        quote!(impl ::std::fmt::Debug for #name)
    };
    quote! {
        #header {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name) #(#fields)* .finish()
            }
        }
    }
}

fn emit_error_impls(name: &proc_macro2::Ident, type_name: &str, members: &[Member]) -> TokenStream {
    let message = members
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case("message") && m.ty == Some(Type::String) && !m.sensitive);
    let message_expr = match message {
        Some(m) => {
            let field = ident(&m.field.ident);
            if m.optional {
                quote!(self.#field.as_deref())
            } else {
                quote!(::std::option::Option::Some(self.#field.as_str()))
            }
        }
        None => quote!(self.meta.message()),
    };
    quote! {
        impl #name {
            /// The message the service sent with the error, if any.
            pub fn message(&self) -> ::std::option::Option<&str> {
                #message_expr
            }

        }

        impl ::smithy_runtime::error::WithErrorMetadata for #name {
            fn with_error_metadata(mut self, meta: ::smithy_runtime::error::ErrorMetadata) -> Self {
                self.meta = meta;
                self
            }
        }

        impl ::smithy_runtime::error::ProvideErrorMetadata for #name {
            fn meta(&self) -> &::smithy_runtime::error::ErrorMetadata {
                &self.meta
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#type_name)?;
                if let ::std::option::Option::Some(message) = self.message() {
                    ::std::write!(f, ": {message}")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// A structure's builder; `has_meta` when the structure carries response
/// metadata (errors, outputs), which `build` starts empty.
fn emit_builder(
    ir: &Ir,
    shape: &NamedShape,
    members: &[Member],
    has_meta: bool,
    is_operation_input: bool,
) -> Result<TokenStream, String> {
    let target = format_ident!("{}", shape.rust_name);
    let name = format_ident!("{}Builder", shape.rust_name);
    let type_name = &shape.name;
    // With every member optional, the builder holds the value itself (its
    // `Default` is every member absent); otherwise one `Option` per member,
    // so `build` can tell a missing required member.
    let wraps = members.iter().all(|m| m.optional);
    let redact = !wraps && (shape.sensitive || members.iter().any(|m| m.sensitive));
    let mut derived = vec![quote!(::std::clone::Clone), quote!(::std::cmp::PartialEq), quote!(::std::default::Default)];
    if !redact {
        derived.push(quote!(::std::fmt::Debug));
    }
    let derived = derives(&derived);
    let doc = format!(" A builder for [`{0}`](crate::types::{0}).", shape.rust_name);
    let fields: Vec<TokenStream> = if wraps {
        vec![quote!(value: crate::types::#target,)]
    } else {
        members
            .iter()
            .map(|m| {
                let field = ident(&m.field.ident);
                let ty = field_type(ir, m, true);
                quote!(#field: #ty,)
            })
            .collect()
    };
    let slot = |m: &Member| {
        let field = ident(&m.field.ident);
        if wraps {
            quote!(value.#field)
        } else {
            quote!(#field)
        }
    };
    let setters = members.iter().map(|m| {
        let field = slot(m);
        let setter = ident(&m.field.setter);
        let set_doc = format!(" Sets the `{}` member, or clears it with `None`.", m.name);
        let set = format_ident!("set_{}", m.field.plain);
        let inner = inner_type(ir, m);
        let docs = doc_attrs(&setter_docs(&shape.rust_name, m), &format!("The `{}` member.", m.name));
        let deprecated = deprecated_attr(m.deprecated.as_ref());
        quote! {
            #docs
            #deprecated
            pub fn #setter(self, input: impl ::std::convert::Into<#inner>) -> Self {
                self.#set(::std::option::Option::Some(input.into()))
            }

            #[doc = #set_doc]
            #deprecated
            pub fn #set(mut self, input: ::std::option::Option<#inner>) -> Self {
                self.#field = input;
                self
            }
        }
    });
    let must_check: Vec<&Member> = members.iter().filter(|m| must_be_set(m)).collect();
    let fallible = !must_check.is_empty();
    let values = members.iter().map(|m| {
        let field = ident(&m.field.ident);
        let wire = &m.name;
        if m.optional {
            quote!(#field: self.#field,)
        } else if m.default.is_some() {
            let f = default_fn_name(m);
            quote!(#field: self.#field.unwrap_or_else(crate::types::#target::#f),)
        } else if !must_be_set(m) {
            quote!(#field: self.#field.unwrap_or_default(),)
        } else {
            quote! {
                #field: self.#field.ok_or_else(|| {
                    ::smithy_runtime::error::BuildError::missing_field(#type_name, #wire)
                })?,
            }
        }
    });
    let meta = has_meta.then(|| quote!(meta: ::std::default::Default::default(),));
    let build_fn = if wraps {
        quote! {
            /// Builds the value.
            pub fn build(self) -> crate::types::#target {
                self.value
            }
        }
    } else if fallible {
        let names = must_check.iter().map(|m| format!("`{}`", m.field.plain)).collect::<Vec<_>>().join(", ");
        let doc = format!(" Builds the value; fails when a required member ({names}) is not set.");
        quote! {
            #[doc = #doc]
            pub fn build(self) -> ::std::result::Result<crate::types::#target, ::smithy_runtime::error::BuildError> {
                ::std::result::Result::Ok(crate::types::#target {
                    #(#values)*
                    #meta
                })
            }
        }
    } else {
        quote! {
            /// Builds the value.
            pub fn build(self) -> crate::types::#target {
                crate::types::#target {
                    #(#values)*
                    #meta
                }
            }
        }
    };
    let debug_impl = redact.then(|| {
        emit_redacted_debug(&name, &format!("{type_name}Builder"), members, shape.sensitive, is_operation_input)
    });
    if !is_operation_input {
        return Ok(quote! {
            #[doc = #doc]
            #derived
            pub struct #name {
                #(#fields)*
            }

            impl #name {
                #(#setters)*
                #build_fn
            }

            #debug_impl
        });
    }
    // An operation input's builder is also the client's fluent builder for
    // the operation: `S` is `()` here and the client's handle there, so the
    // setters exist once.
    let sender = sender_field(members);
    let (moves, from_moves): (Vec<TokenStream>, Vec<TokenStream>) = if wraps {
        (vec![quote!(value: self.value,)], vec![quote!(value,)])
    } else {
        members
            .iter()
            .map(|m| {
                let field = ident(&m.field.ident);
                let from = if m.optional {
                    quote!(#field: value.#field,)
                } else {
                    quote!(#field: ::std::option::Option::Some(value.#field),)
                };
                (quote!(#field: self.#field,), from)
            })
            .unzip()
    };
    let param = if members.is_empty() && !wraps { quote!(_value) } else { quote!(value) };
    let doc = format!(
        " A builder for [`{0}`](crate::types::{0}). `S` is `()` for a plain builder; the client's fluent \
         builder for the operation is this builder holding the client.",
        shape.rust_name
    );
    Ok(quote! {
        #[doc = #doc]
        #derived
        pub struct #name<S = ()> {
            #(#fields)*
            pub(crate) #sender: S,
        }

        impl<S> #name<S> {
            #(#setters)*

            /// The same member values, sent with `sender`.
            #[cfg(feature = "client")]
            pub(crate) fn with_sender<T>(self, #sender: T) -> #name<T> {
                #name { #(#moves)* #sender }
            }
        }

        impl #name {
            #build_fn
        }

        #debug_impl

        impl ::std::convert::From<crate::types::#target> for #name {
            fn from(#param: crate::types::#target) -> Self {
                Self { #(#from_moves)* #sender: () }
            }
        }
    })
}

/// A setter's documentation: the member's first paragraph, and, when there
/// is more, a link to the member, where all of it is.
fn setter_docs(structure: &str, m: &Member) -> Vec<String> {
    let first = m.docs.iter().position(String::is_empty).unwrap_or(m.docs.len());
    let fences = m.docs[..first].iter().filter(|line| line.trim_start().starts_with("```")).count();
    if first == m.docs.len() || fences % 2 == 1 {
        return m.docs.clone();
    }
    let mut docs = m.docs[..first].to_vec();
    docs.push(String::new());
    // Intra-doc links cannot name a raw identifier: those link the structure.
    let target = match m.field.ident.strip_prefix("r#") {
        Some(_) => format!("crate::types::{structure}"),
        None => format!("crate::types::{structure}::{}", m.field.ident),
    };
    docs.push(format!("More in [`{structure}::{}`]({target}).", m.field.plain));
    docs
}

/// The field an operation input's builder keeps its sender in: `sender`,
/// or with underscores appended while a member's field has that name.
pub(crate) fn sender_field(members: &[Member]) -> proc_macro2::Ident {
    let mut name = "sender".to_owned();
    while members.iter().any(|m| m.field.plain == name) {
        name.push('_');
    }
    format_ident!("{name}")
}

/// Whether a builder must refuse to build without this member: a required
/// plain (non-`Option`) field with no default. Members of `@input`
/// structures are all `Option`s: the service, not the client, decides
/// whether they may be missing (Smithy 2.0 input nullability), so a
/// service can relax a requirement without breaking clients. A required
/// `@idempotencyToken` need not be set either: left unset it builds empty,
/// and the client fills an empty token when it sends the input.
fn must_be_set(m: &Member) -> bool {
    m.required && m.default.is_none() && !m.optional && !m.idempotency_token
}

/// Whether the builder of a structure with `members` returns a `Result`.
pub(crate) fn builder_is_fallible(members: &[Member]) -> bool {
    members.iter().any(must_be_set)
}

/// The Rust expression of a `@default` value.
pub(crate) fn default_expr(ir: &Ir, ty: &Type, value: &Value) -> Result<TokenStream, String> {
    let bad = || format!("`@default` value {value} does not fit the member's type");
    Ok(match ty {
        Type::Boolean => {
            let b = value.as_bool().ok_or_else(bad)?;
            quote!(#b)
        }
        Type::Byte | Type::Short | Type::Integer | Type::Long => {
            let n = value.as_i64().ok_or_else(bad)?;
            let lit = match ty {
                Type::Byte => Literal::i8_suffixed(i8::try_from(n).map_err(|_| bad())?),
                Type::Short => Literal::i16_suffixed(i16::try_from(n).map_err(|_| bad())?),
                Type::Integer => Literal::i32_suffixed(i32::try_from(n).map_err(|_| bad())?),
                _ => Literal::i64_suffixed(n),
            };
            quote!(#lit)
        }
        Type::Float => {
            let lit = Literal::f32_suffixed(value.as_f64().ok_or_else(bad)? as f32);
            quote!(#lit)
        }
        Type::Double => {
            let lit = Literal::f64_suffixed(value.as_f64().ok_or_else(bad)?);
            quote!(#lit)
        }
        Type::String => {
            let s = value.as_str().ok_or_else(bad)?;
            quote!(::std::string::String::from(#s))
        }
        Type::BigInteger | Type::BigDecimal => {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) if matches!(ty, Type::BigInteger) => n.integer_text().ok_or_else(bad)?,
                Value::Number(n) => n.to_string(),
                _ => return Err(bad()),
            };
            let rt = rust_type(ir, ty);
            quote!(<#rt as ::std::str::FromStr>::from_str(#text).unwrap_or_else(|_| ::smithy_runtime::zero()))
        }
        Type::Timestamp(_) => {
            let secs = value.as_f64().ok_or_else(bad)?;
            quote! {
                ::smithy_runtime::DateTime::from_secs_f64(#secs)
                    .unwrap_or(::smithy_runtime::DateTime::UNIX_EPOCH)
            }
        }
        Type::Blob => {
            // A blob's default is written in base64.
            use base64::Engine as _;
            let text = value.as_str().ok_or_else(bad)?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| format!("`@default` blob {value} is not base64: {e}"))?;
            if bytes.is_empty() {
                quote!(::std::vec::Vec::new())
            } else {
                let lit = Literal::byte_string(&bytes);
                quote!(#lit.to_vec())
            }
        }
        Type::Document => {
            if value.is_null() {
                quote!(::smithy_runtime::Document::Null)
            } else {
                let text = value.to_string();
                quote!(::smithy_runtime::serde_json::from_str(#text).unwrap_or_default())
            }
        }
        Type::List { .. } => quote!(::std::vec::Vec::new()),
        Type::Map { .. } => quote!(::std::collections::HashMap::new()),
        Type::Named(id) => {
            let rt = rust_type(ir, ty);
            match (&ir.shape(id).kind, value) {
                (NamedKind::Enum { .. }, Value::String(s)) => quote!(#rt::from(#s)),
                (NamedKind::IntEnum { .. }, Value::Number(n)) => {
                    let v = n.as_i64().and_then(|v| i32::try_from(v).ok()).ok_or_else(bad)?;
                    quote!(#rt::from(#v))
                }
                _ => return Err(bad()),
            }
        }
    })
}

fn emit_union(ir: &Ir, shape: &NamedShape, members: &[Member]) -> TokenStream {
    let name = format_ident!("{}", shape.rust_name);
    let type_name = &shape.name;
    let docs = doc_attrs(&shape.docs, &format!("The `{}` union.", shape.name));
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let redact = shape.sensitive || members.iter().any(|m| m.sensitive);
    let debug_derive = if redact { quote!() } else { quote!(::std::fmt::Debug,) };
    let variants = members.iter().map(|m| {
        let v = format_ident!("{}", m.variant);
        let docs = doc_attrs(&m.docs, &format!("The `{}` member.", m.name));
        let deprecated = deprecated_attr(m.deprecated.as_ref());
        if m.ty.is_none() {
            quote!(#docs #deprecated #v,)
        } else {
            let ty = inner_type(ir, m);
            quote!(#docs #deprecated #v(#ty),)
        }
    });
    let ser_arms = members.iter().map(|m| {
        let v = format_ident!("{}", m.variant);
        let wire = &m.json_name;
        match m.ty.as_ref() {
            None => quote!(Self::#v => map.serialize_entry(#wire, &::smithy_runtime::union::Unit {})?,),
            Some(ty) => match wire_adapter(ir, ty) {
                Some(a) => {
                    let inner = rust_type(ir, ty);
                    quote!(Self::#v(value) => map.serialize_entry(#wire, &wire::Ser::<#inner, #a>::new(value))?,)
                }
                None => quote!(Self::#v(value) => map.serialize_entry(#wire, value)?,),
            },
        }
    });
    let de_arms = members.iter().map(|m| {
        let v = format_ident!("{}", m.variant);
        let wire = &m.json_name;
        match m.ty.as_ref() {
            None => quote! {
                #wire => map
                    .next_value::<::std::option::Option<::smithy_runtime::union::Unit>>()?
                    .map(|_| Self::#v),
            },
            Some(ty) => {
                let inner = rust_type(ir, ty);
                let wrap = if m.boxed { quote!(|v| Self::#v(::std::boxed::Box::new(v))) } else { quote!(Self::#v) };
                match wire_adapter(ir, ty) {
                    Some(a) => quote! {
                        #wire => map
                            .next_value::<::std::option::Option<wire::De<#inner, #a>>>()?
                            .map(|v| v.into_inner())
                            .map(#wrap),
                    },
                    None => quote! {
                        #wire => map.next_value::<::std::option::Option<#inner>>()?.map(#wrap),
                    },
                }
            }
        }
    });
    let debug_impl = redact.then(|| {
        let arms = members.iter().map(|m| {
            let v = format_ident!("{}", m.variant);
            let label = &m.variant;
            match (&m.ty, shape.sensitive || m.sensitive) {
                (None, _) => quote!(Self::#v => f.write_str(#label),),
                (Some(_), true) => quote!(Self::#v(_) => f.debug_tuple(#label).field(&::smithy_runtime::REDACTED).finish(),),
                (Some(_), false) => quote!(Self::#v(value) => f.debug_tuple(#label).field(value).finish(),),
            }
        });
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#arms)*
                        Self::Unknown => f.write_str("Unknown"),
                    }
                }
            }
        }
    });
    quote! {
        #docs
        #deprecated
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #debug_derive)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know. It is what a
            /// newer service may send; it cannot be sent back.
            Unknown,
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#ser_arms)*
                    Self::Unknown => {
                        return ::std::result::Result::Err(<S::Error as ::serde::ser::Error>::custom(
                            concat!("cannot serialize the Unknown case of the ", #type_name, " union"),
                        ));
                    }
                }
                map.end()
            }
        }

        impl<'de> ::smithy_runtime::union::UnionMembers<'de> for #name {
            const NAME: &'static str = #type_name;

            fn visit_member<A: ::serde::de::MapAccess<'de>>(
                name: &str,
                map: &mut A,
            ) -> ::std::result::Result<::std::option::Option<::std::option::Option<Self>>, A::Error> {
                ::std::result::Result::Ok(::std::option::Option::Some(match name {
                    #(#de_arms)*
                    _ => return ::std::result::Result::Ok(::std::option::Option::None),
                }))
            }

            fn unknown() -> Self {
                Self::Unknown
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::smithy_runtime::union::deserialize(deserializer)
            }
        }

        impl ::smithy_runtime::ZeroValue for #name {
            fn zero_value() -> Self {
                Self::Unknown
            }
        }

        #debug_impl
    }
}

fn variant_docs(v: &EnumVariant) -> TokenStream {
    let value = match &v.value {
        EnumValue::String(s) => format!("`{}`", s.replace('`', "'")),
        EnumValue::Int(i) => format!("`{i}`"),
    };
    doc_attrs(&v.docs, &format!("The value {value}."))
}

fn emit_enum(shape: &NamedShape, variants: &[EnumVariant]) -> TokenStream {
    let name = format_ident!("{}", shape.rust_name);
    let derived = derives(&[
        quote!(::std::clone::Clone),
        quote!(::std::cmp::PartialEq),
        quote!(::std::cmp::Eq),
        quote!(::std::cmp::PartialOrd),
        quote!(::std::cmp::Ord),
        quote!(::std::hash::Hash),
        quote!(::std::fmt::Debug),
    ]);
    let docs = doc_attrs(&shape.docs, &format!("The `{}` enum.", shape.name));
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let idents: Vec<_> = variants.iter().map(|v| format_ident!("{}", v.variant)).collect();
    let values: Vec<String> = variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::String(s) => s.clone(),
            EnumValue::Int(i) => i.to_string(),
        })
        .collect();
    let listed = values.iter().zip(variants).filter(|(_, v)| !v.internal).map(|(value, _)| value);
    let decls = variants.iter().zip(&idents).map(|(v, i)| {
        let docs = variant_docs(v);
        let deprecated = deprecated_attr(v.deprecated.as_ref());
        quote!(#docs #deprecated #i,)
    });
    quote! {
        #docs
        #deprecated
        #derived
        #[non_exhaustive]
        pub enum #name {
            #(#decls)*
            /// A value this version of the crate does not know, kept exactly
            /// as received so it round-trips unchanged.
            Unknown(::std::string::String),
        }

        impl #name {
            /// Every value the model defines for callers, in model order
            /// (values marked `@internal` are known but not listed).
            pub const VALUES: &'static [&'static str] = &[#(#listed),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        ::smithy_runtime::string_enum_impls!(#name);
    }
}

fn emit_int_enum(shape: &NamedShape, variants: &[EnumVariant]) -> TokenStream {
    let name = format_ident!("{}", shape.rust_name);
    let derived = derives(&[
        quote!(::std::clone::Clone),
        quote!(::std::marker::Copy),
        quote!(::std::cmp::PartialEq),
        quote!(::std::cmp::Eq),
        quote!(::std::cmp::PartialOrd),
        quote!(::std::cmp::Ord),
        quote!(::std::hash::Hash),
        quote!(::std::fmt::Debug),
    ]);
    let docs = doc_attrs(&shape.docs, &format!("The `{}` enum.", shape.name));
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let idents: Vec<_> = variants.iter().map(|v| format_ident!("{}", v.variant)).collect();
    let values: Vec<i32> = variants
        .iter()
        .map(|v| match v.value {
            EnumValue::Int(i) => i,
            EnumValue::String(_) => 0,
        })
        .collect();
    let listed = values.iter().zip(variants).filter(|(_, v)| !v.internal).map(|(value, _)| value);
    let decls = variants.iter().zip(&idents).map(|(v, i)| {
        let docs = variant_docs(v);
        let deprecated = deprecated_attr(v.deprecated.as_ref());
        quote!(#docs #deprecated #i,)
    });
    quote! {
        #docs
        #deprecated
        #derived
        #[non_exhaustive]
        pub enum #name {
            #(#decls)*
            /// A value this version of the crate does not know, kept exactly
            /// as received so it round-trips unchanged.
            Unknown(i32),
        }

        impl #name {
            /// Every value the model defines for callers, in model order
            /// (values marked `@internal` are known but not listed).
            pub const VALUES: &'static [i32] = &[#(#listed),*];

            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #(Self::#idents => #values,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::Unknown(other),
                }
            }
        }

        ::smithy_runtime::int_enum_impls!(#name);
    }
}
