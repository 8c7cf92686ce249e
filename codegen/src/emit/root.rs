//! `lib.rs`: crate documentation and the module tree.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Ir, NamedKind};

/// The crate root.
pub fn emit_lib(ir: &Ir) -> Result<TokenStream, String> {
    let service = &ir.service;
    let title = service.title.clone().unwrap_or_else(|| service.name.clone());
    let protocol = service.protocol.trait_id().rsplit('#').next().unwrap_or_default();
    let mut lines = vec![format!("# {title}"), String::new()];
    lines.extend(service.docs.iter().cloned());
    if !service.docs.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        "Generated from the Smithy model of `{}`{} ({protocol} protocol, {} operation{}).",
        service.id,
        service.version.as_ref().map(|v| format!(" version `{v}`")).unwrap_or_default(),
        ir.operations.len(),
        if ir.operations.len() == 1 { "" } else { "s" },
    ));
    lines.push(String::new());
    lines.push("- [`types`]: the data types, with serde implementations for the wire format and builders;".to_owned());
    lines.push("- [`error`]: one error enum per operation;".to_owned());
    lines.push("- `client` (feature `client`, on by default): the async client, `Client`;".to_owned());
    lines.push(format!(
        "- `server` (feature `server`): the `{}` service trait and an axum router serving it.",
        ir.service.trait_name
    ));
    let docs = lines.iter().map(|l| {
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#![doc = #l])
    });
    // The crate implements traits for the items the model deprecates; users
    // of those items still get the warning.
    let allow_deprecated = has_deprecated(ir).then(|| quote!(#![allow(deprecated)]));
    Ok(quote! {
        #(#docs)*
        #![warn(missing_docs)]
        #allow_deprecated

        #[cfg(feature = "client")]
        pub mod client;
        pub mod error;
        pub mod types;

        #[cfg(feature = "server")]
        pub mod server;

        #[cfg(feature = "client")]
        pub use client::Client;
    })
}

fn has_deprecated(ir: &Ir) -> bool {
    ir.shapes.values().any(|s| {
        s.deprecated.is_some()
            || match &s.kind {
                NamedKind::Structure { members, .. } | NamedKind::Union { members } => {
                    members.iter().any(|m| m.deprecated.is_some())
                }
                NamedKind::Enum { variants } | NamedKind::IntEnum { variants } => {
                    variants.iter().any(|v| v.deprecated.is_some())
                }
            }
    }) || ir.operations.iter().any(|o| o.deprecated.is_some())
}
