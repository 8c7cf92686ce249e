//! restJson1: the code that binds operations to HTTP requests and
//! responses by `@http` and the members' binding traits. Clients get one
//! request function per operation and `Output::from_response` for outputs;
//! servers one reader and one writer per operation and the routes; the
//! protocol tests a request reaching each operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use smithy_runtime::protocol::http::Segment;

use super::TestRequest;
use crate::emit::protocol_tests::sample_member;
use crate::emit::{ident, rust_type};
use crate::ir::{Ir, Location, Member, NamedKind, NamedShape, Operation, TimestampFormat, Type};
use crate::node::Value;

/// `.map_err(fail)`, or nothing for an empty `fail` (errors already of
/// the function's type).
fn mapped(fail: &TokenStream) -> TokenStream {
    if fail.is_empty() {
        TokenStream::new()
    } else {
        quote!(.map_err(#fail))
    }
}

/// A statement skipping a query key an explicit `@httpQuery` member binds
/// (those win over `@httpQueryParams`), for a loop over `key`s; nothing
/// when the input has no such member.
fn skip_explicit_queries(members: &[&Member]) -> TokenStream {
    let explicit: Vec<&str> = members
        .iter()
        .filter_map(|m| match m.request_location() {
            Location::Query(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    if explicit.is_empty() {
        return TokenStream::new();
    }
    quote! {
        if [#(#explicit),*].contains(&::std::convert::AsRef::<str>::as_ref(key)) {
            continue;
        }
    }
}

/// Paths into the runtime's shared HTTP pieces.
fn http() -> TokenStream {
    quote!(::smithy_runtime::protocol::http)
}

fn rest() -> TokenStream {
    quote!(::smithy_runtime::protocol::rest_json)
}

fn members<'a>(ir: &'a Ir, id: Option<&String>) -> &'a [Member] {
    match id.map(|id| &ir.shape(id).kind) {
        Some(NamedKind::Structure { members, .. }) => members,
        _ => &[],
    }
}

fn format_path(format: TimestampFormat) -> TokenStream {
    let http = http();
    match format {
        TimestampFormat::EpochSeconds => quote!(#http::TimestampFormat::EpochSeconds),
        TimestampFormat::DateTime => quote!(#http::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(#http::TimestampFormat::HttpDate),
    }
}

/// Whether a member of type `ty` is text as it is (a string without a
/// media type), so it goes on the wire without conversion.
fn plain_string(m: &Member, ty: &Type) -> bool {
    *ty == Type::String && m.media_type.is_none()
}

/// `value` (a reference to a scalar of type `ty`) as text.
fn to_text(m: &Member, ty: &Type, value: TokenStream) -> TokenStream {
    let http = http();
    match ty {
        Type::String if m.media_type.is_some() => quote!(#http::base64_encode(#value.as_bytes())),
        Type::Blob => quote!(#http::base64_encode(#value)),
        Type::Timestamp(_) => {
            let format = format_path(m.text_timestamp);
            quote!(#http::format_timestamp(*#value, #format))
        }
        _ => quote!(#http::Text::to_text(#value)),
    }
}

/// `value` (a reference to a scalar of type `ty`) as a `&str`: itself for
/// a plain string, else a reference to its [`to_text`].
fn text_ref(m: &Member, ty: &Type, value: TokenStream) -> TokenStream {
    if plain_string(m, ty) {
        value
    } else {
        let text = to_text(m, ty, value);
        quote!(&#text)
    }
}

/// A function (or a closure of `param`) of a reference to a scalar of type
/// `ty` giving its text: `Text::to_text` itself where [`to_text`] only
/// calls it.
fn to_text_fn(m: &Member, ty: &Type, param: TokenStream) -> TokenStream {
    match ty {
        Type::Blob | Type::Timestamp(_) => {}
        Type::String if m.media_type.is_some() => {}
        _ => {
            let http = http();
            return quote!(#http::Text::to_text);
        }
    }
    let text = to_text(m, ty, param.clone());
    quote!(|#param| #text)
}

/// An expression reading a scalar of type `ty` from `text` (a `&str`):
/// `Result<T, String>`.
fn from_text(ir: &Ir, m: &Member, ty: &Type, text: TokenStream) -> TokenStream {
    let http = http();
    match ty {
        Type::String if m.media_type.is_some() => quote!(#http::base64_decode_text(#text)),
        Type::Blob => quote!(#http::base64_decode(#text)),
        Type::Timestamp(_) => {
            let format = format_path(m.text_timestamp);
            quote!(#http::parse_timestamp(#text, #format))
        }
        _ => {
            let rt = rust_type(ir, ty);
            quote!(<#rt as #http::Text>::from_text(#text))
        }
    }
}

/// A function reading a scalar of type `ty` from a `&str`: a path where
/// one does it, else a closure.
fn from_text_fn(ir: &Ir, m: &Member, ty: &Type) -> TokenStream {
    let http = http();
    match ty {
        Type::String if m.media_type.is_some() => quote!(#http::base64_decode_text),
        Type::Blob => quote!(#http::base64_decode),
        Type::Timestamp(_) => {
            let parse = from_text(ir, m, ty, quote!(item));
            quote!(|item| #parse)
        }
        _ => {
            let rt = rust_type(ir, ty);
            quote!(<#rt as #http::Text>::from_text)
        }
    }
}

/// Statement storing `value` (an `Option` of the member's value) in
/// `target.field`: replaced for an optional field, only when present for a
/// plain one.
/// (`value` may be a block, which clippy refuses as an `if let` or `match`
/// scrutinee: it is bound first.)
fn assign(m: &Member, target: &TokenStream, value: TokenStream) -> TokenStream {
    let field = ident(&m.field.ident);
    if m.optional {
        quote!(#target.#field = #value;)
    } else {
        quote! {
            let found = #value;
            if let ::std::option::Option::Some(value) = found {
                #target.#field = value;
            }
        }
    }
}

/// [`assign`] on a server, where a required member the request leaves
/// out is recorded in `missing` (as a JSON pointer) for validation.
fn assign_read(m: &Member, target: &TokenStream, value: TokenStream, server: bool) -> TokenStream {
    if !(server && m.required && !m.optional && m.default.is_none()) {
        return assign(m, target, value);
    }
    let field = ident(&m.field.ident);
    let pointer = format!("/{}", m.name);
    quote! {
        let found = #value;
        match found {
            ::std::option::Option::Some(value) => #target.#field = value,
            ::std::option::Option::None => missing.push(::std::string::String::from(#pointer)),
        }
    }
}

/// A statement with `value` bound to a reference to the member's value,
/// when present.
fn with_value(m: &Member, source: &TokenStream, body: TokenStream) -> TokenStream {
    let field = ident(&m.field.ident);
    if m.optional {
        quote! {
            if let ::std::option::Option::Some(value) = &#source.#field {
                #body
            }
        }
    } else {
        quote! {
            {
                let value = &#source.#field;
                #body
            }
        }
    }
}

/// The header text (a `&str`) of a member bound to a header (`value` a
/// reference).
fn header_text(m: &Member, ty: &Type) -> TokenStream {
    let http = http();
    match ty {
        Type::List { member, sparse, .. } => {
            let item = to_text_fn(m, member, quote!(item));
            let items = if *sparse { quote!(value.iter().flatten()) } else { quote!(value.iter()) };
            // http-dates hold commas themselves and are not quoted.
            let join = if matches!(**member, Type::Timestamp(_)) && m.text_timestamp == TimestampFormat::HttpDate {
                quote!(items.join(", "))
            } else {
                quote!(#http::join_header_list(&items))
            };
            quote!(&{
                let items: ::std::vec::Vec<::std::string::String> = #items.map(#item).collect();
                #join
            })
        }
        _ => text_ref(m, ty, quote!(value)),
    }
}

/// An expression reading a header-bound member from `text` (a `&str`):
/// `Result<T, String>`.
fn read_header(ir: &Ir, m: &Member, ty: &Type) -> TokenStream {
    let http = http();
    match ty {
        Type::List { member, sparse, .. } => {
            let parse = from_text(ir, m, member, quote!(&item));
            let item = if *sparse { quote!(#parse.map(::std::option::Option::Some)) } else { parse };
            let collect = quote!(.into_iter().map(|item| #item).collect::<::std::result::Result<::std::vec::Vec<_>, ::std::string::String>>());
            if matches!(**member, Type::Timestamp(_)) && m.text_timestamp == TimestampFormat::HttpDate {
                quote!(#http::split_http_dates(text)#collect)
            } else {
                quote!(#http::split_header_list(text).and_then(|items| items #collect))
            }
        }
        _ => from_text(ir, m, ty, quote!(text)),
    }
}

/// Statements reading the header-bound members of a structure into
/// `target` from `headers`; `fail` turns a `String` error into the
/// function's error.
fn read_headers(ir: &Ir, members: &[&Member], target: &TokenStream, headers: &TokenStream, fail: &TokenStream, server: bool) -> Vec<TokenStream> {
    let mf = mapped(fail);
    let http = http();
    members
        .iter()
        .filter_map(|m| {
            let ty = m.ty.as_ref()?;
            match &m.location {
                Location::Header(name) => {
                    let read = read_header(ir, m, ty);
                    let value = quote! {
                        match #http::header_text(#headers, #name)#mf? {
                            ::std::option::Option::Some(text) => {
                                let text = text.as_str();
                                ::std::option::Option::Some(#read.map_err(|e| format!("header `{}`: {e}", #name))#mf?)
                            }
                            ::std::option::Option::None => ::std::option::Option::None,
                        }
                    };
                    Some(assign_read(m, target, value, server))
                }
                Location::PrefixHeaders(prefix) => {
                    let value = quote! {{
                        let map = #http::prefix_headers(#headers, #prefix)#mf?;
                        (!map.is_empty()).then_some(map)
                    }};
                    Some(assign_read(m, target, value, server))
                }
                _ => None,
            }
        })
        .collect()
}

/// Statements writing the header-bound members of `source` into
/// `headers`; `fail` turns a `String` error into the function's error.
fn write_headers(members: &[&Member], source: &TokenStream, headers: &TokenStream, fail: &TokenStream) -> Vec<TokenStream> {
    let mf = mapped(fail);
    let http = http();
    members
        .iter()
        .filter_map(|m| {
            let ty = m.ty.as_ref()?;
            let body = match &m.location {
                Location::Header(name) => {
                    let text = header_text(m, ty);
                    quote!(#http::set_header(#headers, #name, #text)#mf?;)
                }
                Location::PrefixHeaders(prefix) => quote! {
                    for (key, item) in value {
                        #http::set_header(#headers, &format!("{}{key}", #prefix), item)#mf?;
                    }
                },
                _ => return None,
            };
            Some(with_value(m, source, body))
        })
        .collect()
}

/// What a payload is: raw bytes, text, or JSON.
enum PayloadKind {
    Blob,
    Text,
    Enum,
    Json,
}

fn payload_kind(ir: &Ir, ty: &Type) -> PayloadKind {
    match ty {
        Type::Blob => PayloadKind::Blob,
        Type::String => PayloadKind::Text,
        Type::Named(id) if matches!(ir.shape(id).kind, NamedKind::Enum { .. }) => PayloadKind::Enum,
        _ => PayloadKind::Json,
    }
}

/// The content type of a body: a payload's, or JSON.
fn content_type(ir: &Ir, payload: Option<&Member>) -> String {
    match payload.and_then(|p| p.ty.as_ref().map(|ty| (p, payload_kind(ir, ty)))) {
        Some((p, PayloadKind::Blob)) => p.media_type.clone().unwrap_or_else(|| "application/octet-stream".to_owned()),
        Some((p, PayloadKind::Text | PayloadKind::Enum)) => p.media_type.clone().unwrap_or_else(|| "text/plain".to_owned()),
        _ => "application/json".to_owned(),
    }
}

/// The body bytes (`Vec<u8>`) of a payload `value` (a reference).
fn payload_bytes(ir: &Ir, ty: &Type, fail: &TokenStream) -> TokenStream {
    let mf = mapped(fail);
    let rest = rest();
    match payload_kind(ir, ty) {
        PayloadKind::Blob => quote!(value.clone()),
        PayloadKind::Text => quote!(value.clone().into_bytes()),
        PayloadKind::Enum => quote!(value.as_str().as_bytes().to_vec()),
        PayloadKind::Json => quote!(#rest::to_json(value)#mf?),
    }
}

/// An `Option` of a payload read from `body` (a `&[u8]`); an empty body is
/// no payload.
fn read_payload(ir: &Ir, ty: &Type, source: &TokenStream, fail: &TokenStream) -> TokenStream {
    let mf = mapped(fail);
    let rest = rest();
    let value = match payload_kind(ir, ty) {
        PayloadKind::Blob => quote!(body.to_vec()),
        PayloadKind::Text => quote! {
            ::std::string::String::from_utf8(body.to_vec()).map_err(|_| ::std::string::String::from("the body is not UTF-8 text"))#mf?
        },
        PayloadKind::Enum => {
            let rt = rust_type(ir, ty);
            quote! {
                <#rt as ::std::convert::From<&str>>::from(
                    ::std::str::from_utf8(body).map_err(|_| ::std::string::String::from("the body is not UTF-8 text"))#mf?,
                )
            }
        }
        PayloadKind::Json => quote!(#rest::from_json(body)#mf?),
    };
    quote! {{
        let body: &[u8] = &#source;
        if body.is_empty() {
            ::std::option::Option::None
        } else {
            ::std::option::Option::Some(#value)
        }
    }}
}

// ---------------------------------------------------------------- client

/// The client's request functions, one per operation with input, in a
/// private module of `client.rs`.
pub fn client_module(ir: &Ir) -> TokenStream {
    let functions = ir.operations.iter().filter_map(|op| request_fn(ir, op));
    let errors: std::collections::BTreeSet<&String> = ir.operations.iter().flat_map(|op| &op.errors).collect();
    let error_headers = errors.into_iter().filter_map(|id| error_headers_fn(ir, ir.shape(id)));
    quote! {
        /// The restJson1 requests of the operations, and what errors carry
        /// in headers.
        mod rest_json {
            #(#functions)*
            #(#error_headers)*
        }
    }
}

fn request_fn_name(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}_request", op.fn_name.plain)
}

/// The expression a fluent builder's `send` ends with: the operation's
/// request built from `input` (a reference), sent.
pub fn client_call(op: &Operation, input: TokenStream, options: TokenStream) -> TokenStream {
    let request = match &op.input {
        Some(_) => {
            let f = request_fn_name(op);
            quote!(super::rest_json::#f(#input)?)
        }
        None => {
            let (method, path) = op.http.as_ref().map(|h| (h.method.clone(), h.uri.clone())).unwrap_or_default();
            let (path, query) = path.split_once('?').map_or((path.clone(), String::new()), |(p, q)| (p.to_owned(), q.to_owned()));
            quote!({
                let mut request = ::smithy_runtime::client::HttpRequest::new(#method, ::std::string::String::from(#path));
                request.query = ::std::string::String::from(#query);
                request
            })
        }
    };
    match &op.output {
        Some(_) => quote!(sender.send(#request, #options).await),
        None => quote!(sender.send::<::smithy_runtime::union::Unit>(#request, #options).await.map(|_| ())),
    }
}

fn request_fn(ir: &Ir, op: &Operation) -> Option<TokenStream> {
    let input_id = op.input.as_ref()?;
    let route = op.http.as_ref()?;
    let all: Vec<&Member> = members(ir, Some(input_id)).iter().collect();
    let at = |wanted: fn(&Location) -> bool| all.iter().copied().filter(move |m| wanted(m.request_location()));
    let input_ty = format_ident!("{}", ir.shape(input_id).rust_name);
    let f = request_fn_name(op);
    let h = http();
    let rest = rest();
    let fail = quote!(::smithy_runtime::client::invalid_input);
    let mf = mapped(&fail);
    let source = quote!(input);

    let segments = route.pattern.segments().iter().map(|segment| match segment {
        Segment::Literal(text) => {
            let text = format!("/{text}");
            quote!(path.push_str(#text);)
        }
        Segment::Label(name) | Segment::Greedy(name) => {
            let greedy = matches!(segment, Segment::Greedy(_));
            let Some(m) = all.iter().find(|m| m.name == *name) else { return quote!() };
            let field = ident(&m.field.ident);
            let ty = m.ty.as_ref().unwrap_or(&Type::String);
            // A label left unset is an empty label, which push_label refuses.
            let text = match (plain_string(m, ty), m.optional) {
                (true, true) => quote!(input.#field.as_deref().unwrap_or_default()),
                (true, false) => quote!(&input.#field),
                (false, true) => {
                    let text = to_text_fn(m, ty, quote!(value));
                    quote!(&input.#field.as_ref().map(#text).unwrap_or_default())
                }
                (false, false) => {
                    let text = to_text(m, ty, quote!(value));
                    return with_value(m, &source, quote!(#h::push_label(&mut path, #name, &#text, #greedy)#mf?;));
                }
            };
            quote!(#h::push_label(&mut path, #name, #text, #greedy)#mf?;)
        }
    });
    let literals = route.pattern.query_literals().iter().map(|(key, value)| match value {
        Some(value) => quote!(#h::push_query(&mut request.query, #key, #value);),
        None => quote! {
            if !request.query.is_empty() {
                request.query.push('&');
            }
            request.query.push_str(&#h::encode_query(#key));
        },
    });
    let skip_explicit = skip_explicit_queries(&all);
    let queries = at(|l| matches!(l, Location::Query(_) | Location::QueryParams)).filter_map(|m| {
        let ty = m.ty.as_ref()?;
        let body = match (&m.location, ty) {
            (Location::Query(name), Type::List { member, sparse, .. }) => {
                let text = text_ref(m, member, quote!(item));
                let items = if *sparse { quote!(value.iter().flatten()) } else { quote!(value.iter()) };
                quote! {
                    for item in #items {
                        #h::push_query(&mut request.query, #name, #text);
                    }
                }
            }
            (Location::Query(name), _) => {
                let text = text_ref(m, ty, quote!(value));
                quote!(#h::push_query(&mut request.query, #name, #text);)
            }
            (_, Type::Map { value, .. }) => {
                // Explicit `@httpQuery` members win over the map's keys.
                let push = match &**value {
                    Type::List { .. } => quote! {
                        for item in item {
                            #h::push_query(&mut request.query, key, item);
                        }
                    },
                    _ => quote!(#h::push_query(&mut request.query, key, item);),
                };
                // In key order, so requests are reproducible.
                quote! {
                    let mut keys: ::std::vec::Vec<&::std::string::String> = value.keys().collect();
                    keys.sort();
                    for key in keys {
                        #skip_explicit
                        let item = &value[key];
                        #push
                    }
                }
            }
            _ => return None,
        };
        Some(with_value(m, &source, body))
    });
    let header_members: Vec<&Member> = at(|l| matches!(l, Location::Header(_) | Location::PrefixHeaders(_))).collect();
    let headers = write_headers(&header_members, &source, &quote!(&mut request.headers), &fail);
    let body_members = at(|l| *l == Location::Body).count();
    let payload = all.iter().copied().find(|m| *m.request_location() == Location::Payload);
    let content_type = content_type(ir, payload);
    let set_content_type = quote!(#h::set_header(&mut request.headers, "content-type", #content_type)#mf?;);
    let body = match payload {
        Some(p) => {
            let bytes = payload_bytes(ir, p.ty.as_ref().unwrap_or(&Type::Blob), &fail);
            // The payload's own type wins over the media type's default.
            let has_header = header_members.iter().any(|m| m.location == Location::Header("content-type".to_owned()));
            let set = (!has_header).then(|| set_content_type.clone());
            let send = with_value(p, &source, quote! {
                request.body = #bytes.into();
                #set
            });
            // An unset structure payload is an empty object.
            let is_structure = matches!(&p.ty, Some(Type::Named(id)) if matches!(ir.shape(id).kind, NamedKind::Structure { .. }));
            if p.optional && is_structure {
                let field = ident(&p.field.ident);
                quote! {
                    #send
                    if input.#field.is_none() {
                        request.body = ::std::vec::Vec::from(&b"{}"[..]).into();
                        #set_content_type
                    }
                }
            } else {
                send
            }
        }
        None if body_members > 0 => quote! {
            request.body = #rest::to_json(input)#mf?.into();
            #set_content_type
        },
        None => quote!(),
    };
    let method = &route.method;
    let mut_path = if route.pattern.segments().is_empty() { quote!(let path) } else { quote!(let mut path) };
    let queries: Vec<TokenStream> = queries.collect();
    let literals: Vec<TokenStream> = literals.collect();
    let changes = !(literals.is_empty() && queries.is_empty() && headers.is_empty() && body.is_empty());
    let mut_request = if changes { quote!(let mut request) } else { quote!(let request) };
    let labels = route.pattern.segments().iter().any(|s| !matches!(s, Segment::Literal(_)));
    let unused = (!changes && !labels).then(|| quote!(let _ = input;));
    let doc = format!(" The `{}` request for `input`.", op.name);
    Some(quote! {
        #[doc = #doc]
        pub(super) fn #f(input: &crate::types::#input_ty) -> ::std::result::Result<::smithy_runtime::client::HttpRequest, ::smithy_runtime::error::Unhandled> {
            #unused
            #mut_path = ::std::string::String::new();
            #(#segments)*
            let path = if path.is_empty() { ::std::string::String::from("/") } else { path };
            #mut_request = ::smithy_runtime::client::HttpRequest::new(#method, path);
            #(#literals)*
            #(#queries)*
            #(#headers)*
            #body
            ::std::result::Result::Ok(request)
        }
    })
}

/// `Output::from_response` for an output structure whose members are not
/// all in the JSON body.
pub fn output_from_response(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    let NamedKind::Structure { members, .. } = &shape.kind else { return None };
    let all: Vec<&Member> = members.iter().collect();
    if all.iter().all(|m| *m.response_location() == Location::Body) {
        return None;
    }
    let fail = TokenStream::new();
    let target = quote!(output);
    let body_members = all.iter().any(|m| m.location == Location::Body);
    let start = if body_members {
        quote! {
            ::smithy_runtime::client::read_body::<::smithy_runtime::codec::Json, Self>(response)?
        }
    } else {
        quote!(<Self as ::smithy_runtime::ZeroValue>::zero_value())
    };
    let headers = read_headers(ir, &all, &target, &quote!(&response.headers), &fail, false);
    let payload = all.iter().copied().find(|m| m.location == Location::Payload).and_then(|p| {
        let value = read_payload(ir, p.ty.as_ref()?, &quote!(response.body), &fail);
        Some(assign(p, &target, value))
    });
    let status = all.iter().find(|m| m.location == Location::ResponseCode).map(|m| {
        assign(m, &target, quote!(::std::option::Option::Some(i32::from(response.status))))
    });
    Some(quote! {
        fn from_response(response: &::smithy_runtime::client::HttpResponse) -> ::std::result::Result<Self, ::std::string::String> {
            let mut output: Self = #start;
            #(#headers)*
            #payload
            #status
            ::std::result::Result::Ok(output)
        }
    })
}

/// The function reading the header-bound members of error structure
/// `shape` from a response, when it has any: one per error, however many
/// operations return it.
fn error_headers_fn(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    let bound = header_members(shape);
    if bound.is_empty() {
        return None;
    }
    let reads = read_headers(ir, &bound, &quote!(error), &quote!(&response.headers), &TokenStream::new(), false);
    let (name, f) = (format_ident!("{}", shape.rust_name), error_headers_fn_name(shape));
    let doc = format!(" Reads the members of `{}` that `response`'s headers carry.", shape.name);
    Some(quote! {
        #[doc = #doc]
        pub(super) fn #f(
            error: &mut crate::types::#name,
            response: &::smithy_runtime::client::HttpResponse,
        ) -> ::std::result::Result<(), ::std::string::String> {
            #(#reads)*
            ::std::result::Result::Ok(())
        }
    })
}

/// The members of structure `shape` bound to headers.
fn header_members(shape: &NamedShape) -> Vec<&Member> {
    let NamedKind::Structure { members, .. } = &shape.kind else { return Vec::new() };
    members.iter().filter(|m| matches!(m.location, Location::Header(_) | Location::PrefixHeaders(_))).collect()
}

fn error_headers_fn_name(shape: &NamedShape) -> proc_macro2::Ident {
    // By the Rust name, which is unique where shape names need not be.
    format_ident!("{}_headers", crate::naming::field_name(&shape.rust_name).plain)
}

/// The statement reading the header-bound members of the error `error` (a
/// mutable reference) from `response`; a header that cannot be read is
/// left out (the error is the news).
pub fn error_headers(shape: &NamedShape) -> Option<TokenStream> {
    if header_members(shape).is_empty() {
        return None;
    }
    let f = error_headers_fn_name(shape);
    Some(quote!(let _ = rest_json::#f(error, response);))
}

// ---------------------------------------------------------------- server

/// The routes a server matches requests against.
pub fn routes(ir: &Ir) -> TokenStream {
    let routes = ir.operations.iter().filter_map(|op| {
        let http = op.http.as_ref()?;
        let (method, uri, operation) = (&http.method, &http.uri, &op.name);
        Some(quote!(::smithy_runtime::server::Route { method: #method, uri: #uri, operation: #operation }))
    });
    quote! {
        fn routes(&self) -> &'static [::smithy_runtime::server::Route] {
            &[#(#routes),*]
        }
    }
}

fn reader_name(op: &Operation) -> proc_macro2::Ident {
    format_ident!("read_{}", op.fn_name.plain)
}

fn writer_name(op: &Operation) -> proc_macro2::Ident {
    format_ident!("write_{}", op.fn_name.plain)
}

/// The server's reader and writer functions, in a private module of
/// `server.rs`.
pub fn server_module(ir: &Ir) -> TokenStream {
    let functions = ir.operations.iter().map(|op| {
        let read = reader_fn(ir, op);
        let write = writer_fn(ir, op);
        quote!(#read #write)
    });
    quote! {
        /// Reading each operation's input from its request and writing its
        /// output as the response.
        mod rest_json {
            #(#functions)*
        }
    }
}

/// The dispatch arm of an operation.
pub fn dispatch_arm(op: &Operation, input: &TokenStream, validation: &TokenStream, call: &TokenStream) -> TokenStream {
    let name = &op.name;
    let (read, write) = (reader_name(op), writer_name(op));
    quote! {
        #name => ::smithy_runtime::server::operation_with(
            request,
            context,
            protocol,
            #validation,
            rest_json::#read,
            rest_json::#write,
            move |input: #input, context| async move { #call },
        ),
    }
}

fn reader_fn(ir: &Ir, op: &Operation) -> TokenStream {
    let f = reader_name(op);
    let rest = rest();
    let all: Vec<&Member> = members(ir, op.input.as_ref()).iter().collect();
    let payload = all.iter().copied().find(|m| *m.request_location() == Location::Payload);
    let body_members = all.iter().any(|m| m.location == Location::Body);
    let output_payload = members(ir, op.output.as_ref()).iter().find(|m| m.location == Location::Payload);
    // A blob without a media type is any content.
    let any_blob = |p: Option<&Member>| p.is_some_and(|p| p.ty == Some(Type::Blob) && p.media_type.is_none());
    let expected = if any_blob(payload) {
        "*/*".to_owned()
    } else if payload.is_some() || body_members || (op.input.is_some() && all.is_empty()) {
        // An input without members tolerates a JSON object.
        content_type(ir, payload)
    } else {
        String::new()
    };
    let accept = (!any_blob(output_payload)).then(|| {
        let accept = content_type(ir, output_payload);
        quote!(#rest::check_accept(&context.headers, #accept)?;)
    });
    let checks = quote! {
        #rest::check_content_type(&context.headers, &request.body, #expected)?;
        #accept
    };
    let Some(input_id) = &op.input else {
        return quote! {
            pub(super) fn #f(
                request: &::smithy_runtime::server::Request,
                context: &::smithy_runtime::server::RequestContext,
            ) -> ::std::result::Result<(::smithy_runtime::union::Unit, ::std::vec::Vec<::std::string::String>), ::smithy_runtime::server::Reply> {
                #checks
                ::std::result::Result::Ok((::smithy_runtime::union::Unit {}, ::std::vec::Vec::new()))
            }
        };
    };
    let input_ty = format_ident!("{}", ir.shape(input_id).rust_name);
    let fail = quote!(|e: ::std::string::String| ::smithy_runtime::server::Reply::malformed(&e));
    let target = quote!(input);
    let labels = all.iter().filter(|m| matches!(m.request_location(), Location::Label { .. })).filter_map(|m| {
        let ty = m.ty.as_ref()?;
        let parse = from_text_fn(ir, m, ty);
        let name = &m.name;
        let value = quote!(#rest::read_label(request, #name, #parse)?);
        Some(assign_read(m, &target, value, true))
    });
    let skip_explicit = skip_explicit_queries(&all);
    let queries = all.iter().filter_map(|m| {
        let ty = m.ty.as_ref()?;
        let value = match (m.request_location(), ty) {
            (Location::Query(name), Type::List { member, sparse, .. }) => {
                let item = if *sparse {
                    let parse = from_text(ir, m, member, quote!(item));
                    quote!(|item| #parse.map(::std::option::Option::Some))
                } else {
                    from_text_fn(ir, m, member)
                };
                quote!(#rest::read_query_list(request, #name, #item)?)
            }
            (Location::Query(name), _) => {
                let parse = from_text_fn(ir, m, ty);
                quote!(#rest::read_query(request, #name, #parse)?)
            }
            (Location::QueryParams, Type::Map { value, .. }) => {
                let insert = match &**value {
                    Type::List { .. } => quote!(map.entry(key.to_owned()).or_insert_with(::std::vec::Vec::new).push(item.to_owned());),
                    _ => quote! {
                        map.entry(key.to_owned()).or_insert_with(|| item.to_owned());
                    },
                };
                let member = &m.name;
                quote! {{
                    let mut map = ::std::collections::HashMap::new();
                    for (key, item) in #rest::read_query_params(request, #member)? {
                        #skip_explicit
                        #insert
                    }
                    (!map.is_empty()).then_some(map)
                }}
            }
            _ => return None,
        };
        Some(assign_read(m, &target, value, true))
    });
    let request_members: Vec<&Member> =
        all.iter().copied().filter(|m| matches!(m.request_location(), Location::Header(_) | Location::PrefixHeaders(_))).collect();
    let headers = read_headers(ir, &request_members, &target, &quote!(&context.headers), &fail, true);
    let payload = payload.and_then(|p| {
        let value = read_payload(ir, p.ty.as_ref()?, &quote!(request.body), &fail);
        Some(assign_read(p, &target, value, true))
    });
    let labels: Vec<TokenStream> = labels.collect();
    let queries: Vec<TokenStream> = queries.collect();
    let reads = !(labels.is_empty() && queries.is_empty() && headers.is_empty() && payload.is_none());
    let binding = if reads { quote!(let mut input) } else { quote!(let input) };
    // Required members outside the body that the request may leave out.
    let tracked = all.iter().any(|m| m.location != Location::Body && m.required && !m.optional && m.default.is_none());
    let missing = if tracked { quote!(mut missing) } else { quote!(missing) };
    let start = if body_members {
        quote! {
            let (input, #missing) = ::smithy_runtime::de::record_missing_members(|| {
                ::smithy_runtime::server::read_input::<::smithy_runtime::codec::Json, crate::types::#input_ty>(&request.body)
            });
            #binding = input?;
        }
    } else {
        quote! {
            let #missing = ::std::vec::Vec::new();
            #binding = <crate::types::#input_ty as ::smithy_runtime::ZeroValue>::zero_value();
        }
    };
    quote! {
        pub(super) fn #f(
            request: &::smithy_runtime::server::Request,
            context: &::smithy_runtime::server::RequestContext,
        ) -> ::std::result::Result<(crate::types::#input_ty, ::std::vec::Vec<::std::string::String>), ::smithy_runtime::server::Reply> {
            #checks
            #start
            #(#labels)*
            #(#queries)*
            #(#headers)*
            #payload
            ::std::result::Result::Ok((input, missing))
        }
    }
}

fn writer_fn(ir: &Ir, op: &Operation) -> TokenStream {
    let f = writer_name(op);
    let rest = rest();
    let h = http();
    let code = op.http.as_ref().map_or(200, |h| h.code);
    let Some(output_id) = &op.output else {
        return quote! {
            pub(super) fn #f(_: &::smithy_runtime::union::Unit) -> ::smithy_runtime::server::Reply {
                ::smithy_runtime::server::Reply::new(#code, ::std::vec::Vec::new())
            }
        };
    };
    let output_ty = format_ident!("{}", ir.shape(output_id).rust_name);
    let all: Vec<&Member> = members(ir, Some(output_id)).iter().collect();
    let fail = quote!(|e: ::std::string::String| ::smithy_runtime::server::Reply::unserializable(&e));
    let mf = mapped(&fail);
    let source = quote!(output);
    let bound: Vec<&Member> = all.iter().copied().filter(|m| matches!(m.location, Location::Header(_) | Location::PrefixHeaders(_))).collect();
    let headers = write_headers(&bound, &source, &quote!(reply.headers_mut()), &fail);
    let status = all.iter().find(|m| m.location == Location::ResponseCode).map(|m| {
        with_value(m, &source, quote! {
            if let ::std::result::Result::Ok(status) = u16::try_from(*value) {
                reply.set_status(status);
            }
        })
    });
    let binding = if headers.is_empty() && status.is_none() { quote!(let reply) } else { quote!(let mut reply) };
    let body = match all.iter().copied().find(|m| m.location == Location::Payload) {
        Some(p) => {
            let content_type = content_type(ir, Some(p));
            let bytes = payload_bytes(ir, p.ty.as_ref().unwrap_or(&Type::Blob), &fail);
            let field = ident(&p.field.ident);
            let build = quote! {{
                let mut reply = ::smithy_runtime::server::Reply::new(#code, #bytes);
                #h::set_header(reply.headers_mut(), "content-type", #content_type)#mf?;
                reply
            }};
            if p.optional {
                quote! {
                    #binding = match &output.#field {
                        ::std::option::Option::Some(value) => #build,
                        ::std::option::Option::None => ::smithy_runtime::server::Reply::new(#code, ::std::vec::Vec::new()),
                    };
                }
            } else {
                quote! {
                    let value = &output.#field;
                    #binding = #build;
                }
            }
        }
        None => quote!(#binding = ::smithy_runtime::server::Reply::new(#code, #rest::to_json(output)#mf?);),
    };
    quote! {
        pub(super) fn #f(output: &crate::types::#output_ty) -> ::smithy_runtime::server::Reply {
            let write = || -> ::std::result::Result<::smithy_runtime::server::Reply, ::smithy_runtime::server::Reply> {
                #body
                #(#headers)*
                #status
                ::std::result::Result::Ok(reply)
            };
            write().unwrap_or_else(|reply| reply)
        }
    }
}

/// `ModeledError::write_headers` for an error with header-bound members.
pub fn error_write_headers(shape: &NamedShape) -> Option<TokenStream> {
    let NamedKind::Structure { members, .. } = &shape.kind else { return None };
    let bound: Vec<&Member> = members.iter().filter(|m| matches!(m.location, Location::Header(_) | Location::PrefixHeaders(_))).collect();
    if bound.is_empty() {
        return None;
    }
    let writes = write_headers(&bound, &quote!(self), &quote!(headers), &TokenStream::new());
    Some(quote! {
        fn write_headers(&self, headers: &mut ::smithy_runtime::server::HeaderMap) -> ::std::result::Result<(), ::std::string::String> {
            #(#writes)*
            ::std::result::Result::Ok(())
        }
    })
}

/// `Text` for an enum, which labels, query parameters and headers hold as
/// its value.
pub fn enum_text(shape: &NamedShape) -> TokenStream {
    let name = format_ident!("{}", shape.rust_name);
    let h = http();
    let (to, from) = match shape.kind {
        NamedKind::IntEnum { .. } => (
            quote!(self.as_i32().to_string()),
            quote!(<i32 as #h::Text>::from_text(text).map(Self::from)),
        ),
        _ => (quote!(::std::string::String::from(self.as_str())), quote!(::std::result::Result::Ok(Self::from(text)))),
    };
    quote! {
        impl #h::Text for #name {
            fn to_text(&self) -> ::std::string::String {
                #to
            }
            fn from_text(text: &str) -> ::std::result::Result<Self, ::std::string::String> {
                #from
            }
        }
    }
}

// ---------------------------------------------------------------- protocol tests

/// A request that reaches `op`: its route with sample labels,
/// and the input's required query parameters, headers and body members.
pub fn test_request(ir: &Ir, op: &Operation) -> TestRequest {
    let Some(http) = &op.http else {
        return TestRequest { method: "GET".to_owned(), uri: "/".to_owned(), headers: Vec::new(), body: String::new(), body_media_type: None };
    };
    let members: &[Member] = match op.input.as_ref().map(|id| &ir.shape(id).kind) {
        Some(NamedKind::Structure { members, .. }) => members,
        _ => &[],
    };
    let text = |m: &Member| match sample_member(ir, m, 0) {
        Value::String(s) if s.is_empty() => "a".to_owned(),
        Value::String(s) => s,
        _ if matches!(m.ty, Some(Type::Timestamp(_))) => "1970-01-01T00:00:00Z".to_owned(),
        other => other.to_string(),
    };
    let mut path = String::new();
    for segment in http.pattern.segments() {
        path.push('/');
        match segment {
            Segment::Literal(literal) => path.push_str(literal),
            Segment::Label(name) | Segment::Greedy(name) => {
                let value = members.iter().find(|m| m.name == *name).map_or_else(|| "a".to_owned(), text);
                path.push_str(&smithy_runtime::protocol::http::encode_label(&value, false));
            }
        }
    }
    if path.is_empty() {
        path.push('/');
    }
    let mut query = String::new();
    for (key, value) in http.pattern.query_literals() {
        smithy_runtime::protocol::http::push_query(&mut query, key, value.as_deref().unwrap_or_default());
    }
    let mut headers = Vec::new();
    let mut body = crate::node::Map::new();
    for m in members.iter().filter(|m| m.required && m.default.is_none()) {
        match m.request_location() {
            Location::Query(name) => smithy_runtime::protocol::http::push_query(&mut query, name, &text(m)),
            Location::Header(name) => headers.push((name.clone(), text(m))),
            Location::Body => {
                body.insert(m.json_name.clone(), sample_member(ir, m, 0));
            }
            _ => {}
        }
    }
    let has_body = members.iter().any(|m| m.location == Location::Body);
    let body = if has_body {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        Value::Object(body).to_string()
    } else {
        String::new()
    };
    let uri = if query.is_empty() { path } else { format!("{path}?{query}") };
    TestRequest { method: http.method.clone(), uri, headers, body, body_media_type: None }
}
