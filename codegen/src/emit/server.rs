//! `server.rs`: the service trait a user implements, the dispatcher that
//! routes `X-Amz-Target` to it, and input validation from the model.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{doc_attrs, ident};
use crate::ir::{Constraints, Ir, Member, NamedKind, Operation, Protocol, Type};

/// Error names, in order of preference, that an operation may model for
/// reporting validation failures.
const VALIDATION_ERRORS: &[&str] = &[
    "ValidationException",
    "InvalidInputException",
    "InvalidParameterValueException",
    "InvalidParameterException",
    "InvalidRequestException",
];

/// The trait name for the service: its SDK id, else its shape name.
pub fn trait_name(ir: &Ir) -> String {
    let base = ir.service.sdk_id.clone().unwrap_or_else(|| ir.service.name.clone());
    crate::naming::type_name(&base.replace(' ', ""))
}

/// The `server` module.
pub fn emit_server(ir: &Ir) -> Result<TokenStream, String> {
    let service = &ir.service;
    let trait_ident = format_ident!("{}", trait_name(ir));
    let protocol = match service.protocol {
        Protocol::AwsJson1_0 => quote!(::smithy_runtime::server::JsonVersion::V1_0),
        Protocol::AwsJson1_1 => quote!(::smithy_runtime::server::JsonVersion::V1_1),
    };
    let target_prefix = &service.name;
    let mut trait_docs = service.docs.clone();
    if !trait_docs.is_empty() {
        trait_docs.push(String::new());
    }
    trait_docs.push(
        "Implement this trait to serve the service; [`router`] turns an implementation into an `axum::Router`. \
         Each method receives the validated input and the request context, and returns the output or the \
         operation's error enum (`Unhandled` errors answer `500 InternalFailure`)."
            .to_owned(),
    );
    let trait_doc = doc_attrs(&trait_docs, "");
    let methods = ir.operations.iter().map(|op| emit_trait_method(ir, op));
    let arms = ir.operations.iter().map(|op| emit_dispatch_arm(ir, op, &trait_ident, &protocol));
    let error_impls = ir.operations.iter().map(|op| emit_error_response(ir, op));
    let validators = validated_shapes(ir).into_iter().map(|id| emit_validate(ir, &id));

    Ok(quote! {
        //! The server: implement the service trait, then serve [`router`].

        pub use ::smithy_runtime::server::{RequestContext, ServerConfig};

        #trait_doc
        pub trait #trait_ident: ::std::marker::Send + ::std::marker::Sync + 'static {
            #(#methods)*
        }

        /// An `axum::Router` serving `service` at `POST /` with default settings.
        /// Mount it in an existing app with `Router::merge` or `Router::nest_service`.
        pub fn router<S: #trait_ident>(service: S) -> ::smithy_runtime::server::axum::Router {
            router_with_config(service, ::std::default::Default::default())
        }

        /// An `axum::Router` serving `service` with `config` (body size limit, …).
        pub fn router_with_config<S: #trait_ident>(service: S, config: ServerConfig) -> ::smithy_runtime::server::axum::Router {
            ::smithy_runtime::server::router(::std::sync::Arc::new(Dispatcher(::std::sync::Arc::new(service))), config)
        }

        /// Serves `service` on `listener` until Ctrl-C, then finishes the
        /// requests in flight.
        pub async fn serve<S: #trait_ident>(listener: ::smithy_runtime::server::TcpListener, service: S) -> ::std::io::Result<()> {
            ::smithy_runtime::server::serve(listener, router(service)).await
        }

        struct Dispatcher<S>(::std::sync::Arc<S>);

        impl<S: #trait_ident> ::smithy_runtime::server::Dispatch for Dispatcher<S> {
            fn target_prefix(&self) -> &'static str {
                #target_prefix
            }

            fn protocol(&self) -> ::smithy_runtime::server::JsonVersion {
                #protocol
            }

            fn dispatch(
                &self,
                operation: &str,
                body: ::smithy_runtime::server::Bytes,
                context: RequestContext,
            ) -> ::std::option::Option<::smithy_runtime::server::BoxFuture<::smithy_runtime::server::Reply>> {
                let service = ::std::sync::Arc::clone(&self.0);
                ::std::option::Option::Some(match operation {
                    #(#arms)*
                    _ => return ::std::option::Option::None,
                })
            }
        }

        #(#error_impls)*

        #(#validators)*
    })
}

fn io_types(ir: &Ir, op: &Operation) -> (TokenStream, TokenStream) {
    let named = |id: &Option<String>| {
        id.as_ref().map(|id| {
            let t = format_ident!("{}", ir.shape(id).rust_name);
            quote!(crate::types::#t)
        })
    };
    (
        named(&op.input).unwrap_or_else(|| quote!(::smithy_runtime::union::Unit)),
        named(&op.output).unwrap_or_else(|| quote!(())),
    )
}

fn emit_trait_method(ir: &Ir, op: &Operation) -> TokenStream {
    let f = ident(&op.fn_name.ident);
    let error = format_ident!("{}Error", op.type_name);
    let (input, output) = io_types(ir, op);
    let mut lines = op.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("Handles `{}`; the input has passed the model's validation.", op.name));
    let docs = doc_attrs(&lines, "");
    let input_param = op.input.as_ref().map(|_| quote!(input: #input,));
    let unused_input = op.input.as_ref().map(|_| quote!(let _ = input;));
    let not_implemented = format!("{} is not implemented by this server", op.name);
    quote! {
        #docs
        ///
        /// The default answers `501 NotImplemented`, so a service can grow
        /// operations before its implementation does.
        fn #f(
            &self,
            #input_param
            context: RequestContext,
        ) -> impl ::std::future::Future<Output = ::std::result::Result<#output, crate::error::#error>> + ::std::marker::Send {
            #unused_input
            let _ = context;
            async move {
                ::std::result::Result::Err(crate::error::#error::from(
                    ::smithy_runtime::server::service_error("NotImplemented", 501, #not_implemented),
                ))
            }
        }
    }
}

fn emit_dispatch_arm(ir: &Ir, op: &Operation, trait_ident: &proc_macro2::Ident, protocol: &TokenStream) -> TokenStream {
    let name = &op.name;
    let f = ident(&op.fn_name.ident);
    let (input, _) = io_types(ir, op);
    let validation = validation_error(ir, op);
    let call = match &op.input {
        Some(_) => quote!(<S as #trait_ident>::#f(&service, input, context).await),
        None => quote!({
            let ::smithy_runtime::union::Unit {} = input;
            <S as #trait_ident>::#f(&service, context).await
        }),
    };
    let call = match &op.output {
        Some(_) => call,
        None => quote!(#call.map(|()| ::smithy_runtime::union::Unit {})),
    };
    quote! {
        #name => ::smithy_runtime::server::operation(
            body,
            context,
            #protocol,
            #validation,
            move |input: #input, context| async move { #call },
        ),
    }
}

fn validation_error(ir: &Ir, op: &Operation) -> TokenStream {
    let found = VALIDATION_ERRORS
        .iter()
        .find_map(|wanted| op.errors.iter().map(|id| ir.shape(id)).find(|s| s.name == *wanted));
    match found {
        Some(shape) => {
            let name = &shape.name;
            let id = &shape.id;
            let status = match &shape.kind {
                NamedKind::Structure { error: Some(info), .. } => info.status,
                _ => 400,
            };
            quote! {
                ::smithy_runtime::server::ValidationError { name: #name, shape_id: #id, status: #status }
            }
        }
        None => quote!(::smithy_runtime::server::ValidationError::DEFAULT),
    }
}

fn emit_error_response(ir: &Ir, op: &Operation) -> TokenStream {
    let error = format_ident!("{}Error", op.type_name);
    let arms = op.errors.iter().map(|id| {
        let shape = ir.shape(id);
        let v = format_ident!("{}", shape.rust_name);
        let name = &shape.name;
        let id = &shape.id;
        let status = match &shape.kind {
            NamedKind::Structure { error: Some(info), .. } => info.status,
            _ => 400,
        };
        quote!(Self::#v(error) => ::smithy_runtime::server::modeled_error(error, #name, #id, #status, protocol),)
    });
    quote! {
        impl ::smithy_runtime::server::OperationErrorResponse for crate::error::#error {
            fn to_reply(&self, protocol: ::smithy_runtime::server::JsonVersion) -> ::smithy_runtime::server::Reply {
                let _ = protocol;
                match self {
                    #(#arms)*
                    Self::Unhandled(error) => ::smithy_runtime::server::unhandled_reply(error),
                }
            }
        }
    }
}

/// Structures and unions reachable from operation inputs, sorted.
fn validated_shapes(ir: &Ir) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = ir.operations.iter().filter_map(|o| o.input.clone()).collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let NamedKind::Structure { members, .. } | NamedKind::Union { members } = &ir.shape(&id).kind {
            for m in members {
                let mut ty = m.ty.as_ref();
                while let Some(t) = ty {
                    ty = match t {
                        Type::List { member, .. } => Some(member),
                        Type::Map { value, .. } => Some(value),
                        Type::Named(target) => {
                            if matches!(ir.shape(target).kind, NamedKind::Structure { .. } | NamedKind::Union { .. }) {
                                stack.push(target.clone());
                            }
                            None
                        }
                        _ => None,
                    };
                }
            }
        }
    }
    seen
}

fn emit_validate(ir: &Ir, id: &str) -> TokenStream {
    let shape = ir.shape(id);
    let name = format_ident!("{}", shape.rust_name);
    let body = match &shape.kind {
        NamedKind::Structure { members, input, .. } => {
            let checks: Vec<TokenStream> = members.iter().filter_map(|m| structure_member_checks(ir, m, *input)).collect();
            quote!(#(#checks)*)
        }
        NamedKind::Union { members } => {
            let arms = members.iter().map(|m| {
                let variant = format_ident!("{}", m.variant);
                let wire = &m.name;
                match m.ty.as_ref().and_then(|ty| value_checks(ir, ty, &m.constraints, wire, &quote!(value))) {
                    Some(checks) => quote!(Self::#variant(value) => { #checks }),
                    None if m.ty.is_some() => quote!(Self::#variant(_) => {}),
                    None => quote!(Self::#variant => {}),
                }
            });
            let type_name = &shape.name;
            quote! {
                match self {
                    #(#arms)*
                    Self::Unknown => v.known_union_member(#type_name, false),
                }
            }
        }
        _ => return TokenStream::new(),
    };
    let param = if body.is_empty() { quote!(_v) } else { quote!(v) };
    quote! {
        impl ::smithy_runtime::server::Validate for crate::types::#name {
            fn validate(&self, #param: &mut ::smithy_runtime::server::Validator) {
                #body
            }
        }
    }
}

fn structure_member_checks(ir: &Ir, m: &Member, input: bool) -> Option<TokenStream> {
    let field = ident(&m.field.ident);
    let wire = &m.name;
    let required = (input && m.required && m.optional).then(|| quote!(v.required(#wire, self.#field.is_some());));
    let value = quote!(value);
    let checks = m.ty.as_ref().and_then(|ty| value_checks(ir, ty, &m.constraints, wire, &value));
    let checks = checks.map(|checks| {
        if m.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &self.#field {
                    #checks
                }
            }
        } else {
            quote! {
                let value = &self.#field;
                #checks
            }
        }
    });
    if required.is_none() && checks.is_none() {
        return None;
    }
    Some(quote!(#required #checks))
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    }
}

fn opt_f64(v: Option<f64>) -> TokenStream {
    match v {
        Some(n) => {
            let lit = Literal::f64_suffixed(n);
            quote!(::std::option::Option::Some(#lit))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// Checks of one value (`value` is a reference to it), or `None` when the
/// model constrains nothing about it.
fn value_checks(ir: &Ir, ty: &Type, c: &Constraints, wire: &str, value: &TokenStream) -> Option<TokenStream> {
    let mut out = Vec::new();
    if let Some((min, max)) = c.length {
        let (min, max) = (opt_u64(min), opt_u64(max));
        match ty {
            Type::String => out.push(quote!(v.length_str(#wire, #value, #min, #max);)),
            Type::Blob | Type::List { .. } | Type::Map { .. } => out.push(quote!(v.length(#wire, #value.len(), #min, #max);)),
            _ => {}
        }
    }
    if let Some((min, max)) = c.range {
        let (min, max) = (opt_f64(min), opt_f64(max));
        match ty {
            Type::Byte | Type::Short | Type::Integer | Type::Float => {
                out.push(quote!(v.range(#wire, f64::from(*#value), #min, #max);));
            }
            Type::Double => out.push(quote!(v.range(#wire, *#value, #min, #max);)),
            Type::Long => out.push(quote!(v.range(#wire, *#value as f64, #min, #max);)),
            _ => {}
        }
    }
    if let (Some(pattern), Type::String) = (&c.pattern, ty) {
        out.push(quote! {
            {
                static PATTERN: ::std::sync::OnceLock<::std::option::Option<::smithy_runtime::server::Regex>> =
                    ::std::sync::OnceLock::new();
                v.pattern(#wire, #value, #pattern, ::smithy_runtime::server::compile_pattern(&PATTERN, #pattern));
            }
        });
    }
    match ty {
        Type::Named(id) => out.push(named_checks(ir, id, wire, value)),
        Type::List { member, sparse, member_constraints } => {
            let item = quote!(item);
            if let Some(check) = value_checks(ir, member, member_constraints, "member", &item) {
                let iter = if *sparse { quote!(#value.iter().flatten()) } else { quote!(#value.iter()) };
                out.push(quote! {
                    v.nested(#wire, |v| {
                        for (i, item) in #iter.enumerate() {
                            v.nested(&(i + 1).to_string(), |v| {
                                #check
                            });
                        }
                    });
                });
            }
        }
        Type::Map { key, value: map_value, sparse, key_constraints, value_constraints } => {
            let (k, item) = (quote!(key), quote!(item));
            let key_check = value_checks(ir, key, key_constraints, "key", &k);
            let value_check = value_checks(ir, map_value, value_constraints, "value", &item);
            if key_check.is_some() || value_check.is_some() {
                // Iterate only what is checked (clippy: for_kv_map).
                let iteration = match (key_check.is_some(), value_check.is_some()) {
                    (true, true) => quote!((key, item) in #value),
                    (true, false) => quote!(key in #value.keys()),
                    _ => quote!(item in #value.values()),
                };
                let value_check = value_check.map(|check| {
                    if *sparse {
                        quote! {
                            if let ::std::option::Option::Some(item) = item {
                                #check
                            }
                        }
                    } else {
                        check
                    }
                });
                out.push(quote! {
                    v.nested(#wire, |v| {
                        for #iteration {
                            #key_check
                            #value_check
                        }
                    });
                });
            }
        }
        _ => {}
    }
    (!out.is_empty()).then(|| quote!(#(#out)*))
}

fn named_checks(ir: &Ir, id: &str, wire: &str, value: &TokenStream) -> TokenStream {
    let shape = ir.shape(id);
    let t = format_ident!("{}", shape.rust_name);
    match &shape.kind {
        NamedKind::Enum { .. } => quote! {
            v.enum_value(
                #wire,
                #value.as_str(),
                !::std::matches!(#value, crate::types::#t::Unknown(_)),
                crate::types::#t::VALUES,
            );
        },
        NamedKind::IntEnum { .. } => quote! {
            v.int_enum_value(
                #wire,
                #value.as_i32(),
                !::std::matches!(#value, crate::types::#t::Unknown(_)),
                crate::types::#t::VALUES,
            );
        },
        NamedKind::Structure { .. } | NamedKind::Union { .. } => quote! {
            v.nested(#wire, |v| ::smithy_runtime::server::Validate::validate(#value, v));
        },
    }
}
