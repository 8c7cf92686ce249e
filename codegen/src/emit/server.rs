//! `server.rs`: the service trait a user implements, the dispatcher that
//! routes `X-Amz-Target` to it, and input validation from the model.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{doc_attrs, ident};
use crate::ir::{Constraints, Ir, Member, NamedKind, NamedShape, Operation, Type};

/// Error names, in order of preference, that an operation may model for
/// reporting validation failures.
const VALIDATION_ERRORS: &[&str] = &[
    "ValidationException",
    "InvalidInputException",
    "InvalidParameterValueException",
    "InvalidParameterException",
    "InvalidRequestException",
];

/// The `server` module.
pub fn emit_server(ir: &Ir) -> Result<TokenStream, String> {
    let service = &ir.service;
    let trait_ident = format_ident!("{}", service.trait_name);
    let protocol = super::protocol::runtime_protocol(ir);
    let (dispatch_items, protocol_items) = super::protocol::server_items(ir);
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
    let arms = ir.operations.iter().map(|op| emit_dispatch_arm(ir, op, &trait_ident));
    // A service with no operations yet answers every target as unknown.
    let dispatch_body = if ir.operations.is_empty() {
        quote! {
            let _ = (&self.0, operation, request, context);
            ::std::option::Option::None
        }
    } else {
        quote! {
            let service = ::std::sync::Arc::clone(&self.0);
            let protocol = self.protocol();
            ::std::option::Option::Some(match operation {
                #(#arms)*
                _ => return ::std::option::Option::None,
            })
        }
    };
    let error_impls = ir.operations.iter().map(|op| emit_error_response(ir, op));
    let modeled: BTreeSet<&String> = ir.operations.iter().flat_map(|op| &op.errors).collect();
    // The framework writes the errors it raises under the message member
    // of the service's error of the same name.
    let errors = (!modeled.is_empty()).then(|| {
        let shapes = modeled.iter().map(|id| {
            let t = format_ident!("{}", ir.shape(id).rust_name);
            quote!(<crate::types::#t as ::smithy_runtime::server::ModeledError>::SHAPE)
        });
        quote! {
            fn errors(&self) -> &'static [::smithy_runtime::server::ErrorShape] {
                const ERRORS: &[::smithy_runtime::server::ErrorShape] = &[#(#shapes),*];
                ERRORS
            }
        }
    });
    let modeled = modeled.into_iter().map(|id| emit_modeled_error(ir, ir.shape(id)));
    let query_compatible = ir.service.query_compatible.then(|| {
        quote! {
            fn query_compatible(&self) -> bool {
                true
            }
        }
    });
    let validators = validated_shapes(ir).into_iter().map(|id| emit_validate(ir, &id));

    Ok(quote! {
        //! The server: implement the service trait, then serve [`router`].

        pub use ::smithy_runtime::server::{RequestContext, ServerConfig};

        #trait_doc
        pub trait #trait_ident: ::std::marker::Send + ::std::marker::Sync + 'static {
            #(#methods)*
        }

        /// An `axum::Router` serving `service`, at the protocol's routes, with default settings.
        /// Mount it in an existing app with `Router::merge` or `Router::nest_service`.
        pub fn router<S: #trait_ident>(service: S) -> ::smithy_runtime::server::axum::Router {
            router_with_config(service, ::std::default::Default::default())
        }

        /// An `axum::Router` serving `service` with `config` (body size limit, …).
        pub fn router_with_config<S: #trait_ident>(service: S, config: ServerConfig) -> ::smithy_runtime::server::axum::Router {
            ::smithy_runtime::server::router(::std::sync::Arc::new(Dispatcher(::std::sync::Arc::new(service))), config)
        }

        /// Serves `service` on `listener` with default settings until Ctrl-C,
        /// then answers the requests in flight.
        pub async fn serve<S: #trait_ident>(listener: ::smithy_runtime::server::TcpListener, service: S) -> ::std::io::Result<()> {
            serve_with_config(listener, service, ::std::default::Default::default()).await
        }

        /// Serves `service` on `listener` with `config`'s limits (timeouts,
        /// connections, body size) until Ctrl-C, then answers the requests in
        /// flight within `config.shutdown_grace`.
        pub async fn serve_with_config<S: #trait_ident>(
            listener: ::smithy_runtime::server::TcpListener,
            service: S,
            config: ServerConfig,
        ) -> ::std::io::Result<()> {
            let router = router_with_config(service, ::std::clone::Clone::clone(&config));
            ::smithy_runtime::server::serve_with(listener, router, &config, ::smithy_runtime::server::ctrl_c()).await
        }

        struct Dispatcher<S>(::std::sync::Arc<S>);

        impl<S: #trait_ident> ::smithy_runtime::server::Dispatch for Dispatcher<S> {
            fn target_prefix(&self) -> &'static str {
                #target_prefix
            }

            fn protocol(&self) -> ::smithy_runtime::protocol::Protocol {
                #protocol
            }

            #query_compatible

            #errors

            #dispatch_items

            fn dispatch(
                &self,
                operation: &str,
                request: ::smithy_runtime::server::Request,
                context: RequestContext,
            ) -> ::std::option::Option<::smithy_runtime::server::BoxFuture<::smithy_runtime::server::Reply>> {
                #dispatch_body
            }
        }

        #(#modeled)*

        #(#error_impls)*

        #(#validators)*

        #protocol_items
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
    let error = format_ident!("{}", op.error_name);
    let (input, output) = io_types(ir, op);
    let mut lines = op.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("Handles `{}`; the input has passed the model's validation.", op.name));
    let docs = doc_attrs(&lines, "");
    let input_param = op.input.as_ref().map(|_| quote!(input: #input,));
    let unused = if op.input.is_some() { quote!(let _ = (input, context);) } else { quote!(let _ = context;) };
    let name = &op.name;
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
            #unused
            ::smithy_runtime::server::not_implemented(#name)
        }
    }
}

fn emit_dispatch_arm(ir: &Ir, op: &Operation, trait_ident: &proc_macro2::Ident) -> TokenStream {
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
    super::protocol::dispatch_arm(ir, op, &input, &validation, &call)
}

/// The error shape an operation answers invalid input with, when it models
/// one of the usual ones.
fn modeled_validation_error<'a>(ir: &'a Ir, op: &Operation) -> Option<&'a NamedShape> {
    VALIDATION_ERRORS.iter().find_map(|wanted| op.errors.iter().map(|id| ir.shape(id)).find(|s| s.name == *wanted))
}

fn validation_error(ir: &Ir, op: &Operation) -> TokenStream {
    match modeled_validation_error(ir, op) {
        Some(shape) => {
            let t = format_ident!("{}", shape.rust_name);
            quote!(<crate::types::#t as ::smithy_runtime::server::ModeledError>::SHAPE)
        }
        None => quote!(::smithy_runtime::server::ErrorShape::VALIDATION_EXCEPTION),
    }
}

/// How an error structure goes on the wire.
fn emit_modeled_error(ir: &Ir, shape: &NamedShape) -> TokenStream {
    let t = format_ident!("{}", shape.rust_name);
    let (name, id) = (&shape.name, &shape.id);
    let status = match &shape.kind {
        NamedKind::Structure { error: Some(info), .. } => info.status,
        _ => 400,
    };
    let query_error = match ir.query_error(shape) {
        Some((code, fault)) => {
            let value = format!("{code};{fault}");
            quote!(::std::option::Option::Some(#value))
        }
        None => quote!(::std::option::Option::None),
    };
    let message = shape.error_message_key().unwrap_or("message");
    let items = super::protocol::modeled_error_items(ir, shape);
    quote! {
        impl ::smithy_runtime::server::ModeledError for crate::types::#t {
            const SHAPE: ::smithy_runtime::server::ErrorShape = ::smithy_runtime::server::ErrorShape {
                name: #name,
                shape_id: #id,
                status: #status,
                query_error: #query_error,
                message: #message,
            };

            #items
        }
    }
}

fn emit_error_response(ir: &Ir, op: &Operation) -> TokenStream {
    let error = format_ident!("{}", op.error_name);
    let reply = super::protocol::error_reply(ir);
    let arms = op.errors.iter().map(|id| {
        let v = format_ident!("{}", ir.shape(id).rust_name);
        quote!(Self::#v(error) => #reply,)
    });
    // Only awsJson's modeled errors depend on the protocol version.
    let uses_protocol = !op.errors.is_empty() && super::protocol::error_reply_uses_protocol(ir);
    let protocol = if uses_protocol { quote!(protocol) } else { quote!(_protocol) };
    quote! {
        impl ::smithy_runtime::server::OperationErrorResponse for crate::error::#error {
            fn to_reply(&self, #protocol: ::smithy_runtime::protocol::Protocol) -> ::smithy_runtime::server::Reply {
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
    // An input's optional members with a `@default` get it when left out.
    let fills: Vec<TokenStream> = match &shape.kind {
        NamedKind::Structure { members, input: true, .. } => members
            .iter()
            .filter(|m| m.optional)
            .filter_map(|m| {
                let value = m.server_default.as_ref()?;
                let expr = super::types::default_expr(ir, m.ty.as_ref()?, value).ok()?;
                let field = super::ident(&m.field.ident);
                let expr = if m.boxed { quote!(::std::boxed::Box::new(#expr)) } else { expr };
                Some(quote! {
                    if self.#field.is_none() {
                        self.#field = ::std::option::Option::Some(#expr);
                    }
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let fill = (!fills.is_empty()).then(|| {
        quote! {
            fn fill_defaults(&mut self) {
                #(#fills)*
            }
        }
    });
    let body = match &shape.kind {
        NamedKind::Structure { members, input, .. } => {
            let checks: Vec<TokenStream> = members.iter().filter_map(|m| structure_member_checks(ir, m, *input)).collect();
            quote!(#(#checks)*)
        }
        NamedKind::Union { members } => {
            let arms = members.iter().map(|m| {
                let variant = format_ident!("{}", m.variant);
                let name = &m.name;
                match m.ty.as_ref().and_then(|ty| value_checks(ir, ty, &m.constraints, &quote!(#name), &quote!(value))) {
                    Some(checks) => {
                        let checks = statements(checks);
                        quote!(Self::#variant(value) => { #checks })
                    }
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

            #fill
        }
    }
}

fn structure_member_checks(ir: &Ir, m: &Member, input: bool) -> Option<TokenStream> {
    let field = ident(&m.field.ident);
    let name = &m.name;
    let wire = quote!(#name);
    let required = (input && m.required && m.optional).then(|| quote!(v.required(#wire, self.#field.is_some());));
    let value = quote!(value);
    let checks = m.ty.as_ref().and_then(|ty| value_checks(ir, ty, &m.constraints, &wire, &value));
    let nested_only = checks.as_ref().is_some_and(|c| c.len() == 1) && m.ty.as_ref().is_some_and(|ty| is_nested(ir, ty));
    let checks = checks.map(statements).map(|checks| {
        if nested_only {
            // `Validate` for `Option` checks only a present value.
            quote!(v.validate(#wire, &self.#field);)
        } else if m.optional {
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

/// `min..=max`, `min..` or `..=max` for a `@length` or `@range`.
fn bounds<T>(min: Option<T>, max: Option<T>, lit: impl Fn(T) -> Literal) -> TokenStream {
    let (min, max) = (min.map(&lit), max.map(&lit));
    match (min, max) {
        (Some(min), Some(max)) => quote!(#min..=#max),
        (Some(min), None) => quote!(#min..),
        (None, Some(max)) => quote!(..=#max),
        (None, None) => quote!(..),
    }
}

/// Checks of one value (`value` is a reference to it), one expression
/// each, or `None` when the model constrains nothing about it.
/// `wire` is where the value is: a member name, or a `Seg` for a list
/// item or map key or value.
fn value_checks(ir: &Ir, ty: &Type, c: &Constraints, wire: &TokenStream, value: &TokenStream) -> Option<Vec<TokenStream>> {
    let mut out = Vec::new();
    if let Some((min, max)) = c.length {
        let bounds = bounds(min, max, Literal::u64_unsuffixed);
        match ty {
            Type::String => out.push(quote!(v.length_str(#wire, #value, #bounds))),
            Type::Blob | Type::List { .. } | Type::Map { .. } => out.push(quote!(v.length(#wire, #value.len(), #bounds))),
            _ => {}
        }
    }
    if let Some((min, max)) = c.range {
        let bounds = bounds(min, max, Literal::f64_unsuffixed);
        match ty {
            Type::Byte | Type::Short | Type::Integer | Type::Float => {
                out.push(quote!(v.range(#wire, f64::from(*#value), #bounds)));
            }
            Type::Double => out.push(quote!(v.range(#wire, *#value, #bounds))),
            Type::Long => out.push(quote!(v.range(#wire, *#value as f64, #bounds))),
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
            if c.unique_items {
                let keys = match (unique_key(ir, member), *sparse) {
                    (UniqueKey::AsIs, _) => quote!(#value.iter()),
                    (UniqueKey::Function(f), false) => quote!(#value.iter().map(#f)),
                    (UniqueKey::Function(f), true) => quote!(#value.iter().map(|x| x.as_ref().map(#f))),
                    (UniqueKey::Expr(key), false) => quote!(#value.iter().map(|x| #key)),
                    (UniqueKey::Expr(key), true) => quote!(#value.iter().map(|x| x.as_ref().map(|x| #key))),
                };
                out.push(quote!(v.unique_items(#wire, #keys)));
            }
            let seg = quote!(::smithy_runtime::server::Seg::Item);
            if let Some(checks) = value_checks(ir, member, member_constraints, &seg, &item) {
                let iter = if *sparse { quote!(#value.iter().flatten()) } else { quote!(#value) };
                if is_nested(ir, member) && checks.len() == 1 {
                    out.push(quote!(v.validate_each(#wire, #iter)));
                } else {
                    let body = closure_body(checks);
                    out.push(quote!(v.each(#wire, #iter, |v, item| #body)));
                }
            }
        }
        Type::Map { key, value: map_value, sparse, key_constraints, value_constraints } => {
            let (k, item) = (quote!(key), quote!(item));
            let key_seg = quote!(::smithy_runtime::server::Seg::Key);
            let value_seg = quote!(::smithy_runtime::server::Seg::Value(key.as_str()));
            let key_check = value_checks(ir, key, key_constraints, &key_seg, &k).map(statements);
            let value_check = value_checks(ir, map_value, value_constraints, &value_seg, &item).map(statements);
            if key_check.is_some() || value_check.is_some() {
                // Iterate only what is checked (clippy: for_kv_map); a value
                // is reported under its key.
                let iteration = if value_check.is_some() { quote!((key, item) in #value) } else { quote!(key in #value.keys()) };
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
                    })
                });
            }
        }
        _ => {}
    }
    (!out.is_empty()).then_some(out)
}

/// How a list item becomes a hashable key, equal for equal items, for
/// `@uniqueItems`.
enum UniqueKey {
    /// The item hashes as it is.
    AsIs,
    /// A function of the item.
    Function(TokenStream),
    /// An expression of the item `x` (a reference).
    Expr(TokenStream),
}

fn unique_key(ir: &Ir, ty: &Type) -> UniqueKey {
    match ty {
        Type::Float | Type::Double => UniqueKey::Expr(quote!(x.to_bits())),
        Type::Timestamp(_) => UniqueKey::Expr(quote!((x.secs(), x.subsec_nanos()))),
        Type::Named(id) if matches!(ir.shape(id).kind, NamedKind::Structure { .. } | NamedKind::Union { .. }) => {
            UniqueKey::Function(quote!(::smithy_runtime::server::unique_key))
        }
        Type::Document => UniqueKey::Function(quote!(::smithy_runtime::server::unique_key)),
        // Lists and maps: their JSON, through the wire adapter their
        // elements need, if any.
        Type::List { .. } | Type::Map { .. } => match super::wire_adapter_in(ir, ty, &quote!(::smithy_runtime::wire)) {
            Some(adapter) => UniqueKey::Expr(quote!(::smithy_runtime::server::unique_key(&::smithy_runtime::wire::Ser::<_, #adapter>::new(x)))),
            None => UniqueKey::Function(quote!(::smithy_runtime::server::unique_key)),
        },
        _ => UniqueKey::AsIs,
    }
}

/// Whether `ty` is a structure or union, checked by its own `Validate`.
fn is_nested(ir: &Ir, ty: &Type) -> bool {
    matches!(ty, Type::Named(id) if matches!(ir.shape(id).kind, NamedKind::Structure { .. } | NamedKind::Union { .. }))
}

/// Check expressions as statements.
fn statements(checks: Vec<TokenStream>) -> TokenStream {
    quote!(#(#checks;)*)
}

/// A closure body: the one check itself, or a block of them.
fn closure_body(mut checks: Vec<TokenStream>) -> TokenStream {
    if checks.len() == 1 {
        checks.remove(0)
    } else {
        let checks = statements(checks);
        quote!({ #checks })
    }
}

fn named_checks(ir: &Ir, id: &str, wire: &TokenStream, value: &TokenStream) -> TokenStream {
    match &ir.shape(id).kind {
        NamedKind::Enum { .. } | NamedKind::IntEnum { .. } => quote!(v.enum_value(#wire, #value)),
        NamedKind::Structure { .. } | NamedKind::Union { .. } => quote!(v.validate(#wire, #value)),
    }
}
