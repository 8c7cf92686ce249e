//! The protocol seam: everything that depends on the service's protocol,
//! one module per protocol. The rest of `emit` asks here and does not
//! match on the protocol itself.

mod aws_json;
mod rest_json;
mod rpc_v2;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Ir, NamedKind, NamedShape, Operation, Protocol};

/// The runtime's name for the service's protocol.
pub fn runtime_protocol(ir: &Ir) -> TokenStream {
    match ir.service.protocol {
        Protocol::AwsJson1_0 => quote!(::smithy_runtime::protocol::Protocol::AwsJson1_0),
        Protocol::AwsJson1_1 => quote!(::smithy_runtime::protocol::Protocol::AwsJson1_1),
        Protocol::RestJson1 => quote!(::smithy_runtime::protocol::Protocol::RestJson1),
        Protocol::RpcV2Cbor => quote!(::smithy_runtime::protocol::Protocol::RpcV2Cbor),
        Protocol::RpcV2Json => quote!(::smithy_runtime::protocol::Protocol::RpcV2Json),
    }
}

/// The runtime's body codec of the service's protocol.
pub fn codec(ir: &Ir) -> TokenStream {
    match ir.service.protocol {
        Protocol::RpcV2Cbor => quote!(::smithy_runtime::codec::Cbor),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 | Protocol::RpcV2Json => {
            quote!(::smithy_runtime::codec::Json)
        }
    }
}

/// Items of `client.rs` the protocol adds (restJson1's request functions).
pub fn client_items(ir: &Ir) -> TokenStream {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::client_module(ir),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RpcV2Cbor | Protocol::RpcV2Json => TokenStream::new(),
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
        Protocol::RpcV2Cbor | Protocol::RpcV2Json => {
            let options = options.cloned().unwrap_or_else(|| quote!(::std::default::Default::default()));
            rpc_v2::client_call(op, &codec(ir), input, options)
        }
    }
}

/// The body of `Output::from_response` for an output structure, when the
/// protocol reads more than the JSON body.
pub fn output_from_response(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::output_from_response(ir, shape),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RpcV2Cbor | Protocol::RpcV2Json => None,
    }
}

/// Statements completing the error `error` (a `&mut` of the shape's type)
/// from `response` beyond its body.
pub fn error_from_response(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::error_headers(shape),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RpcV2Cbor | Protocol::RpcV2Json => None,
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
        Protocol::RpcV2Cbor | Protocol::RpcV2Json => (rpc_v2::dispatch_items(ir), TokenStream::new()),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => (TokenStream::new(), TokenStream::new()),
    }
}

/// The dispatch arm running `op`: the input read as the protocol says,
/// validated with `validation`, `call` run, and the output written.
pub fn dispatch_arm(ir: &Ir, op: &Operation, input: &TokenStream, validation: &TokenStream, call: &TokenStream) -> TokenStream {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::dispatch_arm(op, input, validation, call),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RpcV2Cbor | Protocol::RpcV2Json => {
            rpc_dispatch_arm(op, &codec(ir), input, validation, call)
        }
    }
}

/// The dispatch arm of an operation of an RPC protocol (awsJson, RPC v2):
/// the runtime reads the whole body in `codec` as `input`.
fn rpc_dispatch_arm(op: &Operation, codec: &TokenStream, input: &TokenStream, validation: &TokenStream, call: &TokenStream) -> TokenStream {
    let name = &op.name;
    quote! {
        #name => ::smithy_runtime::server::operation(
            request,
            context,
            protocol,
            #codec,
            #validation,
            move |input: #input, context| async move { #call },
        ),
    }
}

/// The reply expression for the modeled error `error` (a reference).
pub fn error_reply(ir: &Ir) -> TokenStream {
    match ir.service.protocol {
        Protocol::RestJson1 => quote!(::smithy_runtime::protocol::rest_json::error_reply(error)),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => quote!(::smithy_runtime::server::modeled_error(error, protocol)),
        Protocol::RpcV2Cbor | Protocol::RpcV2Json => {
            let codec = codec(ir);
            quote!(::smithy_runtime::protocol::rpc_v2::error_reply::<#codec, _>(error))
        }
    }
}

/// Whether the reply of a modeled error depends on the protocol value
/// (awsJson 1.0 and 1.1 name errors differently).
pub fn error_reply_uses_protocol(ir: &Ir) -> bool {
    matches!(ir.service.protocol, Protocol::AwsJson1_0 | Protocol::AwsJson1_1)
}

/// Items of a modeled error's `ModeledError` impl the protocol adds.
pub fn modeled_error_items(ir: &Ir, shape: &NamedShape) -> Option<TokenStream> {
    match ir.service.protocol {
        Protocol::RestJson1 => rest_json::error_write_headers(shape),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RpcV2Cbor | Protocol::RpcV2Json => None,
    }
}

/// A request a generated server test sends to reach an operation.
pub struct TestRequest {
    pub method: String,
    /// The path and query.
    pub uri: String,
    pub headers: Vec<(String, String)>,
    /// The body, base64 when its media type is binary (CBOR).
    pub body: String,
    pub body_media_type: Option<String>,
}

/// For response cases (which give no request): a request that reaches
/// `op` on the server with the smallest input that passes validation.
pub fn test_request(ir: &Ir, op: &Operation) -> TestRequest {
    match ir.service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::test_request(ir, op),
        Protocol::RestJson1 => rest_json::test_request(ir, op),
        Protocol::RpcV2Cbor | Protocol::RpcV2Json => rpc_v2::test_request(ir, op),
    }
}

/// Headers a server request case may leave out, when it is about reading
/// a body, that the protocol's server needs: how the request is routed
/// (awsJson's `X-Amz-Target`) or the body's media type (restJson1).
pub fn implied_test_headers(ir: &Ir, op: &Operation, case: &crate::testcases::RequestCase) -> Vec<(String, String)> {
    match ir.service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::routing_headers(ir, op),
        Protocol::RpcV2Cbor | Protocol::RpcV2Json => rpc_v2::protocol_headers(ir),
        Protocol::RestJson1 => match (&case.body_media_type, case.body.as_deref()) {
            (Some(media_type), Some(body)) if !body.is_empty() => vec![("Content-Type".to_owned(), media_type.clone())],
            _ => Vec::new(),
        },
    }
}
