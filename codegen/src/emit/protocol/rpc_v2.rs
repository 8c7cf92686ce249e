//! Smithy RPC v2 (rpcv2Cbor, rpcv2Json): every operation is a `POST` to
//! `/service/{Service}/operation/{Operation}` with the input as the body in
//! the protocol's codec, which the runtime does; the generated code names
//! the operation and the codec.

use proc_macro2::TokenStream;
use quote::quote;

use super::TestRequest;
use crate::emit::protocol_tests::sample;
use crate::ir::{Ir, Operation, Protocol, Type};

/// The expression a fluent builder's `send` ends with: `input` (a
/// reference to what the body serialises) sent in `codec` with `options`.
pub fn client_call(op: &Operation, codec: &TokenStream, input: TokenStream, options: TokenStream) -> TokenStream {
    let op_name = &op.name;
    match &op.output {
        Some(_) => quote!(sender.call_rpc_v2::<#codec, _, _>(#op_name, #input, #options).await),
        None => quote! {
            sender
                .call_rpc_v2::<#codec, _, ::smithy_runtime::union::Unit>(#op_name, #input, #options)
                .await
                .map(|_| ())
        },
    }
}

/// What the dispatcher adds: the namespace a request's path may name the
/// service with.
pub fn dispatch_items(ir: &Ir) -> TokenStream {
    let namespace = ir.service.id.split_once('#').map_or("", |(namespace, _)| namespace);
    quote! {
        fn namespace(&self) -> &'static str {
            #namespace
        }
    }
}

/// The headers every request of the protocol carries.
pub fn protocol_headers(ir: &Ir) -> Vec<(String, String)> {
    let (name, media_type) = match ir.service.protocol {
        Protocol::RpcV2Cbor => ("rpc-v2-cbor", "application/cbor"),
        _ => ("rpc-v2-json", "application/json"),
    };
    vec![("Smithy-Protocol".to_owned(), name.to_owned()), ("Accept".to_owned(), media_type.to_owned())]
}

/// A request reaching `op`: its path, the protocol's headers, and a
/// sample input in the protocol's codec (base64 for CBOR, as the cases
/// give binary bodies).
pub fn test_request(ir: &Ir, op: &Operation) -> TestRequest {
    let uri = format!("/service/{}/operation/{}", ir.service.name, op.name);
    let mut headers = protocol_headers(ir);
    let Some(input) = &op.input else {
        return TestRequest { method: "POST".to_owned(), uri, headers, body: String::new(), body_media_type: None };
    };
    let sample = sample(ir, &Type::Named(input.clone()), 0);
    let (body, media_type) = match ir.service.protocol {
        Protocol::RpcV2Cbor => {
            use base64::Engine as _;
            let bytes = smithy_runtime::codec::cbor::to_vec(&sample).unwrap_or_default();
            (base64::engine::general_purpose::STANDARD.encode(bytes), "application/cbor")
        }
        _ => (sample.to_string(), "application/json"),
    };
    headers.push(("Content-Type".to_owned(), media_type.to_owned()));
    TestRequest { method: "POST".to_owned(), uri, headers, body, body_media_type: Some(media_type.to_owned()) }
}
