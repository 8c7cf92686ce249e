//! awsJson 1.0 and 1.1: every operation is a `POST /` naming itself in
//! `X-Amz-Target` with the input's JSON as the body, which the runtime
//! does; the generated code only names the operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::TestRequest;
use crate::emit::protocol_tests::sample;
use crate::ir::{Ir, Operation, Protocol, Type};

/// The expression a fluent builder's `send` ends with: `input` (a
/// reference to what the body serialises) sent with `options`, if any.
pub fn client_call(op: &Operation, input: TokenStream, options: Option<&TokenStream>) -> TokenStream {
    let op_name = &op.name;
    let (method, options) = match options {
        Some(options) => (quote!(call_with), quote!(, #options)),
        None => (quote!(call), quote!()),
    };
    match &op.output {
        Some(_) => quote!(sender.#method(#op_name, #input #options).await),
        None => quote! {
            sender
                .#method::<_, ::smithy_runtime::union::Unit>(#op_name, #input #options)
                .await
                .map(|_| ())
        },
    }
}

/// The header routing a request to `op`: `X-Amz-Target`.
pub fn routing_headers(ir: &Ir, op: &Operation) -> Vec<(String, String)> {
    vec![("X-Amz-Target".to_owned(), format!("{}.{}", ir.service.name, op.name))]
}

/// A request reaching `op`: `POST /`, routed, with a sample input.
pub fn test_request(ir: &Ir, op: &Operation) -> TestRequest {
    let content_type = match ir.service.protocol {
        Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
        _ => "application/x-amz-json-1.1",
    };
    let mut headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
    headers.extend(routing_headers(ir, op));
    let body = op.input.as_ref().map_or_else(|| "{}".to_owned(), |id| sample(ir, &Type::Named(id.clone()), 0).to_string());
    TestRequest { method: "POST".to_owned(), uri: "/".to_owned(), headers, body, body_media_type: None }
}
