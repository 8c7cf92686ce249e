//! The client's waiters (`smithy.waiters#waitable`): a `wait_until_*`
//! method per waiter, returning the operation's input builder holding the
//! client, whose `wait(max_wait)` calls the operation until an acceptor
//! decides (see `smithy_runtime::client::waiter`).

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc_attrs;
use super::types::builder_is_fallible;
use crate::ir::{Ir, NamedKind, Operation};
use crate::waiters::{Comparator, Matcher, State, Waiter};

/// The `Client` methods starting each waiter of `op`.
pub(super) fn client_methods(op: &Operation) -> TokenStream {
    let methods = op.waiters.iter().map(|waiter| {
        let f = format_ident!("wait_until_{}", waiter.name.to_snake_case());
        let ty = format_ident!("{}Waiter", waiter.name);
        let mut lines = waiter.docs.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(
            "Waits for `{}`: set the input on the returned waiter, then `wait(max_wait).await`.",
            waiter.name
        ));
        let docs = doc_attrs(&lines, "");
        let deprecated = waiter.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #docs
            #deprecated
            pub fn #f(&self) -> waiters::#ty {
                waiters::#ty::new(&self.handle)
            }
        }
    });
    quote!(#(#methods)*)
}

/// The `waiters` module, when the service has waiters.
pub(super) fn module(ir: &Ir) -> Option<TokenStream> {
    let items: Vec<TokenStream> =
        ir.operations.iter().flat_map(|op| op.waiters.iter().map(move |waiter| emit_waiter(ir, op, waiter))).collect();
    if items.is_empty() {
        return None;
    }
    Some(quote! {
        /// One waiter per `smithy.waiters#waitable` entry: the operation's input builder
        /// holding the client; set the input, then `wait(max_wait).await`.
        pub mod waiters {
            pub use ::smithy_runtime::client::waiter::{WaitOptions, WaiterError};

            #(#items)*
        }
    })
}

fn emit_waiter(ir: &Ir, op: &Operation, waiter: &Waiter) -> TokenStream {
    let ty = format_ident!("{}Waiter", waiter.name);
    let error = format_ident!("{}", op.error_name);
    let fluent = format_ident!("{}", op.fluent_name);
    let output = super::client::output_type(ir, op);
    let (min, max) = (waiter.min_delay, waiter.max_delay);
    let (min_lit, max_lit) = (proc_macro2::Literal::u64_unsuffixed(min), proc_macro2::Literal::u64_unsuffixed(max));
    let acceptors = waiter.acceptors.iter().map(|a| {
        let state = match a.state {
            State::Success => quote!(Success),
            State::Failure => quote!(Failure),
            State::Retry => quote!(Retry),
        };
        let matcher = match &a.matcher {
            Matcher::Output { path, expected, comparator } => {
                let comparator = comparator_tokens(*comparator);
                quote!(Output { path: #path, expected: #expected, comparator: ::smithy_runtime::client::waiter::Comparator::#comparator })
            }
            Matcher::InputOutput { path, expected, comparator } => {
                let comparator = comparator_tokens(*comparator);
                quote!(InputOutput { path: #path, expected: #expected, comparator: ::smithy_runtime::client::waiter::Comparator::#comparator })
            }
            Matcher::Success(b) => quote!(Success(#b)),
            Matcher::ErrorType(name) => quote!(ErrorType(#name)),
        };
        quote! {
            ::smithy_runtime::client::waiter::Acceptor {
                state: ::smithy_runtime::client::waiter::State::#state,
                matcher: ::smithy_runtime::client::waiter::Matcher::#matcher,
            }
        }
    });
    let mut lines = waiter.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        "The `{}` waiter: calls `{}` every {min} s to {max} s (jittered, growing) until an acceptor decides.",
        waiter.name, op.name
    ));
    let docs = doc_attrs(&lines, "");
    let result = quote! {
        ::std::result::Result<
            ::std::result::Result<#output, crate::error::#error>,
            WaiterError<#output, crate::error::#error>,
        >
    };
    let wait = quote! {
        /// Waits at most `max_wait`, with the model's delays.
        pub async fn wait(self, max_wait: ::std::time::Duration) -> #result {
            self.wait_with(WaitOptions {
                max_wait,
                min_delay: ::std::time::Duration::from_secs(#min_lit),
                max_delay: ::std::time::Duration::from_secs(#max_lit),
            })
            .await
        }
    };
    let acceptors = quote! {
        const ACCEPTORS: &[::smithy_runtime::client::waiter::Acceptor] = &[#(#acceptors),*];
    };
    let Some(input_id) = &op.input else {
        return quote! {
            #docs
            #[derive(::std::clone::Clone, ::std::fmt::Debug)]
            pub struct #ty {
                handle: ::std::sync::Arc<::smithy_runtime::client::Handle>,
            }

            impl #ty {
                pub(super) fn new(handle: &::std::sync::Arc<::smithy_runtime::client::Handle>) -> Self {
                    Self { handle: ::std::sync::Arc::clone(handle) }
                }

                #wait

                /// Waits as `options` say.
                pub async fn wait_with(self, options: WaitOptions) -> #result {
                    #acceptors
                    let operation = super::fluent::#fluent::new(&self.handle);
                    ::smithy_runtime::client::waiter::wait(ACCEPTORS, options, ::std::option::Option::None, || operation.clone().send()).await
                }
            }
        };
    };
    let input_shape = ir.shape(input_id);
    let input_ty = format_ident!("{}", input_shape.rust_name);
    let builder = format_ident!("{}Builder", input_shape.rust_name);
    let holder = format_ident!("{}WaiterClient", waiter.name);
    let holder_doc = format!(" The client inside a [`{ty}`].");
    let input = if waiter.reads_input() {
        let members = match &input_shape.kind {
            NamedKind::Structure { members, .. } => members.as_slice(),
            _ => &[],
        };
        let built = if builder_is_fallible(members) {
            quote!(operation.clone().with_sender(()).build().ok())
        } else {
            quote!(::std::option::Option::Some(operation.clone().with_sender(()).build()))
        };
        quote!(::smithy_runtime::client::waiter::input_json(#built.as_ref()))
    } else {
        quote!(::std::option::Option::None)
    };
    quote! {
        #[doc = #holder_doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #holder(::smithy_runtime::client::Sender<crate::error::#error>);

        #docs
        pub type #ty = crate::types::builders::#builder<#holder>;

        impl #ty {
            pub(super) fn new(handle: &::std::sync::Arc<::smithy_runtime::client::Handle>) -> Self {
                <crate::types::builders::#builder>::default().with_sender(#holder(::smithy_runtime::client::Sender::new(handle)))
            }

            /// Replaces the whole input with `input`.
            pub fn input(self, input: crate::types::#input_ty) -> Self {
                <crate::types::builders::#builder as ::std::convert::From<crate::types::#input_ty>>::from(input).with_sender(self.sender)
            }

            #wait

            /// Waits as `options` say.
            pub async fn wait_with(self, options: WaitOptions) -> #result {
                #acceptors
                let client = ::std::clone::Clone::clone(&self.sender.0);
                let operation: super::fluent::#fluent = self.with_sender(client);
                let input = #input;
                ::smithy_runtime::client::waiter::wait(ACCEPTORS, options, input, || operation.clone().send()).await
            }
        }
    }
}

fn comparator_tokens(comparator: Comparator) -> TokenStream {
    match comparator {
        Comparator::StringEquals => quote!(StringEquals),
        Comparator::BooleanEquals => quote!(BooleanEquals),
        Comparator::AllStringEquals => quote!(AllStringEquals),
        Comparator::AnyStringEquals => quote!(AnyStringEquals),
    }
}
