//! `error.rs`: one error enum per operation, separating the errors the model
//! describes from everything else.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc_attrs;
use crate::ir::{Ir, Operation};

/// The `error` module.
pub fn emit_errors(ir: &Ir) -> Result<TokenStream, String> {
    let enums = ir.operations.iter().map(|op| emit_operation_error(ir, op));
    let reexports = crate::naming::ERROR_MODULE_NAMES.iter().map(|n| format_ident!("{n}"));
    Ok(quote! {
        //! The errors of each operation.
        //!
        //! Every operation has an error enum with one case per error the model
        //! lists for it and an `Unhandled` case for anything else (an error
        //! code the model does not know, a transport failure, a timeout, a
        //! response that cannot be read). All of them expose the error code,
        //! message, HTTP status and request id through
        //! [`ProvideErrorMetadata`].

        pub use ::smithy_runtime::error::{#(#reexports),*};

        #(#enums)*
    })
}

fn emit_operation_error(ir: &Ir, op: &Operation) -> TokenStream {
    let name = format_ident!("{}", op.error_name);
    let codec = super::protocol::codec(ir);
    let doc = format!(" The errors of the `{}` operation.", op.name);
    let shapes: Vec<_> = op.errors.iter().map(|id| ir.shape(id)).collect();
    let variants: Vec<_> = shapes.iter().map(|s| format_ident!("{}", s.rust_name)).collect();
    // An awsQuery-compatible service's error is also known by its awsQuery
    // code, for a response that carries only `x-amzn-query-error`.
    let codes = shapes.iter().map(|s| {
        let name = &s.name;
        match ir.query_error(s) {
            Some((code, _)) if code != *name => quote!(#name | #code),
            _ => quote!(#name),
        }
    });
    let decls = shapes.iter().zip(&variants).map(|(s, v)| {
        let docs = doc_attrs(&s.docs, &format!("The `{}` error.", s.name));
        quote!(#docs #v(crate::types::#v),)
    });
    let unhandled = quote! {
        Self::Unhandled(::smithy_runtime::error::Unhandled::new(
            ::smithy_runtime::error::UnhandledKind::Service,
            meta,
        ))
    };
    let body = if shapes.is_empty() {
        // An operation without modeled errors never reads the body.
        quote! {
            let _ = (code, body);
            #unhandled
        }
    } else {
        quote! {
            match code {
                #(#codes => match ::smithy_runtime::error::parse_error_body::<#codec, _>(body, meta) {
                    ::std::result::Result::Ok(error) => Self::#variants(error),
                    ::std::result::Result::Err(unhandled) => Self::Unhandled(unhandled),
                },)*
                _ => #unhandled,
            }
        }
    };
    let predicates = shapes.iter().zip(&variants).map(|(s, v)| {
        let f = format_ident!("is_{}", crate::naming::field_name(&s.name).plain);
        let doc = format!(" Whether this is the `{}` error.", s.name);
        quote! {
            #[doc = #doc]
            pub fn #f(&self) -> bool {
                ::std::matches!(self, Self::#v(_))
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug)]
        #[non_exhaustive]
        // The cases hold the modeled errors by value, however large, so
        // they match as they are; errors are the rare path.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#decls)*
            /// An error the model does not describe for this operation.
            Unhandled(::smithy_runtime::error::Unhandled),
        }

        impl #name {
            /// The error for a service response with error `code` (already
            /// cleaned of namespace and suffix) and `body`.
            pub fn from_service(code: &str, body: &[u8], meta: ::smithy_runtime::error::ErrorMetadata) -> Self {
                #body
            }

            #(#predicates)*

            /// Whether this is an error the model does not describe.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }
        }

        ::smithy_runtime::operation_error_impls!(#name { #(#variants),* });
    }
}
