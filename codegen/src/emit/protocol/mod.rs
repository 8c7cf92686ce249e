//! The protocol seam: everything that depends on the service's protocol,
//! one module per protocol. The rest of `emit` asks here and does not
//! match on the protocol itself.

mod aws_json;
mod rest_json;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Ir, NamedKind, NamedShape, Operation, Protocol};

/// The runtime's name for the service's protocol.
pub fn runtime_protocol(ir: &Ir) -> TokenStream {
    match ir.service.protocol {
        Protocol::AwsJson1_0 => quote!(::smithy_runtime::protocol::Protocol::AwsJson1_0),
        Protocol::AwsJson1_1 => quote!(::smithy_runtime::protocol::Protocol::AwsJson1_1),
        Protocol::RestJson1 => quote!(::smithy_runtime::protocol::Protocol::RestJson1),
    }
}

/// Items of `client.rs` the protocol adds (restJson1's request functions).
pub fn client_items(ir: &Ir) -> TokenStream {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::client_module(ir),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => TokenStream::new(),
    }
}

/// The expression a fluent builder's `send` ends with: the operation
/// called with `input` (a reference) and `options` (`CallOptions`), if the
/// model adds any.
pub fn client_call(ir: &Ir, op: &Operation, input: TokenStream, options: Option<&TokenStream>) -> TokenStream {
    match ir.service.protocol {
        Protocol::RestJson1 => {
            let options = options.cloned().unwrap_or_else(|| quote!(::std::default::Default::default()));
            rest_json::client_call(op, input, options)
        }
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::client_call(op, input, options),
    }
}

/// The body of `Output::from_response` for an output structure, when the
/// protocol reads more than the JSON body.
pub fn output_from_response(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::output_from_response(ir, shape),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => None,
    }
}

/// Statements completing the error `error` (a `&mut` of the shape's type)
/// from `response` beyond its body.
pub fn error_from_response(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::error_headers(shape),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => None,
    }
}

/// Impls a generated type needs for the protocol (restJson1: enums as
/// text in labels, query parameters and headers).
pub fn type_impls(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    match (ir.service.protocol, &shape.kind) {
        (Protocol::RestJson1, NamedKind::Enum { .. } | NamedKind::IntEnum { .. }) => Some(rest_json::enum_text(shape)),
        _ => None,
    }
}

/// Items of `Dispatch` and of `server.rs` the protocol adds (restJson1's
/// routes, readers and writers): (inside the impl, outside it).
pub fn server_items(ir: &Ir) -> (TokenStream, TokenStream) {
    match ir.service.protocol {
        Protocol::RestJson1 => (rest_json::routes(ir), rest_json::server_module(ir)),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => (TokenStream::new(), TokenStream::new()),
    }
}

/// The dispatch arm running `op`: the input read as the protocol says,
/// validated with `validation`, `call` run, and the output written.
pub fn dispatch_arm(ir: &Ir, op: &Operation, input: &TokenStream, validation: &TokenStream, call: &TokenStream) -> TokenStream {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::dispatch_arm(op, input, validation, call),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::dispatch_arm(op, input, validation, call),
    }
}

/// The reply expression for the modeled error `error` (a reference).
pub fn error_reply(ir: &Ir) -> TokenStream {
    match ir.service.protocol {
        Protocol::RestJson1 => quote!(::smithy_runtime::protocol::rest_json::error_reply(error)),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => quote!(::smithy_runtime::server::modeled_error(error, protocol)),
    }
}

/// Items of a modeled error's `ModeledError` impl the protocol adds.
pub fn modeled_error_items(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::error_write_headers(shape),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => None,
    }
}

/// A request a generated server test sends to reach an operation.
pub struct TestRequest {
    pub method: String,
    /// The path and query.
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// For response cases (which give no request): a request that reaches
/// `op` on the server with the smallest input that passes validation.
pub fn test_request(ir: &Ir, op: &Operation) -> TestRequest {
    match ir.service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::test_request(ir, op),
        Protocol::RestJson1 => rest_json::test_request(ir, op),
    }
}

/// Headers a server request case may leave out, when it is about reading
/// a body, that the protocol's server needs: how the request is routed
/// (awsJson's `X-Amz-Target`) or the body's media type (restJson1).
pub fn implied_test_headers(ir: &Ir, op: &Operation, case: &crate::testcases::RequestCase) -> Vec<(String, String)> {
    match ir.service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::routing_headers(ir, op),
        Protocol::RestJson1 => match (&case.body_media_type, case.body.as_deref()) {
            (Some(media_type), Some(body)) if !body.is_empty() => vec![("Content-Type".to_owned(), media_type.clone())],
            _ => Vec::new(),
        },
    }
}
