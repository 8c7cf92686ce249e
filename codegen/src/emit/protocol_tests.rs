//! `tests/protocol_tests.rs`: the service's `smithy.test` cases as
//! ordinary tests of the generated crate, one `#[test]` per case (and per
//! side, client or server), named after the case and documented with it.
//!
//! The machinery is protocol-neutral: cases become HTTP messages checked by
//! `smithy_runtime::protocol_test`. What a protocol adds (how a server test
//! reaches an operation) is asked of `emit::protocol`, and what this
//! generator does not pass yet is in [`KNOWN_FAILURES`], each with its
//! reason, so the count of passing cases is honest.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::values::Values;
use super::{doc_attrs, ident};
use crate::node::Value;

use crate::ir::{EnumValue, Ir, Member, NamedKind, Operation, Type};
use crate::testcases::{AppliesTo, RequestCase, ResponseCase, TestCase};

/// Which side of a case a test exercises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// The client sends a request.
    ClientRequest,
    /// The client reads a response.
    ClientResponse,
    /// The server reads a request.
    ServerRequest,
    /// The server sends a response.
    ServerResponse,
    /// The server refuses a malformed request.
    ServerMalformedRequest,
}

/// A case this generator and runtime do not pass, and why.
#[derive(Clone, Copy, Debug)]
pub struct KnownFailure {
    /// The protocol trait the case is for.
    pub protocol: &'static str,
    /// The side that fails.
    pub side: Side,
    /// The case id.
    pub id: &'static str,
    /// Why.
    pub reason: &'static str,
}

const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
const REST_JSON_1: &str = "aws.protocols#restJson1";
const NO_BODY: &str = "the case gives no request body (it describes the gzip body a client sends), so a server has nothing to read";

/// Every case the generated tests do not pass, with the reason. Their
/// tests are generated but `#[ignore]`d with the reason (`cargo test --
/// --ignored` runs them).
pub const KNOWN_FAILURES: &[KnownFailure] = &[
    KnownFailure { protocol: AWS_JSON_1_0, side: Side::ServerRequest, id: "SDKAppliedContentEncoding_awsJson1_0", reason: NO_BODY },
    KnownFailure {
        protocol: AWS_JSON_1_0,
        side: Side::ServerRequest,
        id: "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_0",
        reason: NO_BODY,
    },
    KnownFailure { protocol: AWS_JSON_1_1, side: Side::ServerRequest, id: "SDKAppliedContentEncoding_awsJson1_1", reason: NO_BODY },
    KnownFailure {
        protocol: AWS_JSON_1_1,
        side: Side::ServerRequest,
        id: "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1",
        reason: NO_BODY,
    },
    KnownFailure {
        protocol: AWS_JSON_1_1,
        side: Side::ServerResponse,
        id: "AwsJson11IntEnums",
        reason: "the case expects the request's `X-Amz-Target` header on the response, which awsJson does not define",
    },
    KnownFailure {
        protocol: AWS_JSON_1_1,
        side: Side::ServerResponse,
        id: "parses_the_request_id_from_the_response",
        reason: "a server makes a request id of its own for each response; the case expects the fixed one its client side reads",
    },
    KnownFailure { protocol: REST_JSON_1, side: Side::ServerRequest, id: "SDKAppliedContentEncoding_restJson1", reason: NO_BODY },
    KnownFailure {
        protocol: REST_JSON_1,
        side: Side::ServerMalformedRequest,
        id: "RestJsonMalformedPatternReDOSString",
        reason: "the case expects the pattern `^([0-9]+)+$` written `$$`, the escape the specification applies only to cases with \
                 `testParameters`, which this case has none of; the server says the pattern as modeled",
    },
    KnownFailure {
        protocol: REST_JSON_1,
        side: Side::ServerRequest,
        id: "SDKAppendedGzipAfterProvidedEncoding_restJson1",
        reason: NO_BODY,
    },
    // The suites' service customizations: what AWS's SDKs add by hand for
    // one service, beyond its model, which the generator does not invent.
    KnownFailure {
        protocol: AWS_JSON_1_1,
        side: Side::ClientRequest,
        id: "MachinelearningPredictEndpoint",
        reason: "an SDK customization of MachineLearning: Predict is sent to the input's `PredictEndpoint` host, which the model does not bind",
    },
    KnownFailure {
        protocol: REST_JSON_1,
        side: Side::ClientRequest,
        id: "ApiGatewayAccept",
        reason: "an SDK customization of API Gateway: `Accept: application/json` on every request, which the model does not say",
    },
    KnownFailure {
        protocol: REST_JSON_1,
        side: Side::ClientRequest,
        id: "GlacierVersionHeader",
        reason: "an SDK customization of Glacier: the `X-Amz-Glacier-Version` header with the API version, which the model does not bind",
    },
    KnownFailure {
        protocol: REST_JSON_1,
        side: Side::ClientRequest,
        id: "GlacierChecksums",
        reason: GLACIER_CHECKSUMS,
    },
    KnownFailure {
        protocol: REST_JSON_1,
        side: Side::ClientRequest,
        id: "GlacierMultipartChecksums",
        reason: GLACIER_CHECKSUMS,
    },
    KnownFailure {
        protocol: REST_JSON_1,
        side: Side::ClientRequest,
        id: "GlacierAccountId",
        reason: "an SDK customization of Glacier: an unset `accountId` label is sent as `-` (the caller's account), which the model does not say",
    },
];

const GLACIER_CHECKSUMS: &str = "an SDK customization of Glacier: the body's SHA-256 and SHA-256 tree hash headers \
                                 (`X-Amz-Content-Sha256`, `X-Amz-Sha256-Tree-Hash`) and the version header, which the model does not bind";

/// Every case of the IR, with the side it is run on, in operation order.
pub fn tests(ir: &Ir) -> Vec<(Side, &TestCase)> {
    let mut out = Vec::new();
    for case in &ir.test_cases {
        let (client, server) = match case {
            TestCase::Request { .. } => (Side::ClientRequest, Side::ServerRequest),
            TestCase::Response { .. } => (Side::ClientResponse, Side::ServerResponse),
            TestCase::Malformed { .. } => (Side::ServerMalformedRequest, Side::ServerMalformedRequest),
        };
        match case.applies_to() {
            Some(AppliesTo::Client) => out.push((client, case)),
            Some(AppliesTo::Server) => out.push((server, case)),
            None => out.extend([(client, case), (server, case)]),
        }
    }
    out
}

/// Why a case is a known failure, if it is.
pub fn known_failure(ir: &Ir, side: Side, id: &str) -> Option<&'static str> {
    let protocol = ir.service.protocol.trait_id();
    KNOWN_FAILURES.iter().find(|f| f.protocol == protocol && f.side == side && f.id == id).map(|f| f.reason)
}

/// The test file.
pub(crate) fn emit_protocol_tests(ir: &Ir, crate_name: &str) -> Result<TokenStream, String> {
    let krate = format_ident!("{crate_name}");
    let root = quote!(::#krate);
    let values = Values { ir, root: root.clone() };
    let mut modules: Vec<(Side, Vec<TokenStream>)> = Vec::new();
    let mut names: BTreeSet<(Side, String)> = BTreeSet::new();
    for (side, case) in tests(ir) {
        let (operation, id) = match case {
            TestCase::Request { operation, case } => (operation, &case.id),
            TestCase::Response { operation, case, .. } => (operation, &case.id),
            TestCase::Malformed { operation, case } => (operation, &case.id),
        };
        let op = ir.operations.iter().find(|o| &o.id == operation).ok_or_else(|| format!("{id}: no operation {operation}"))?;
        let mut name = id.to_snake_case();
        for n in 2.. {
            if names.insert((side, name.clone())) {
                break;
            }
            name = format!("{}_{n}", id.to_snake_case());
        }
        let fn_name = format_ident!("{name}");
        let body = match (side, case) {
            (Side::ClientRequest, TestCase::Request { case, .. }) => client_request(&values, op, case),
            (Side::ServerRequest, TestCase::Request { case, .. }) => server_request(&values, op, case),
            (Side::ClientResponse, TestCase::Response { case, error, .. }) => {
                client_response(&values, op, error.as_deref(), case)
            }
            (Side::ServerResponse, TestCase::Response { case, error, .. }) => {
                server_response(&values, op, error.as_deref(), case)
            }
            (Side::ServerMalformedRequest, TestCase::Malformed { case, .. }) => Ok(server_malformed(&values, case)),
            _ => unreachable!("tests() pairs request cases with request sides"),
        }
        .map_err(|e| format!("test case {id}: {e}"))?;
        let (documentation, tags) = match case {
            TestCase::Request { case, .. } => (&case.documentation, &case.tags),
            TestCase::Response { case, .. } => (&case.documentation, &case.tags),
            TestCase::Malformed { case, .. } => (&case.documentation, &case.tags),
        };
        let mut lines: Vec<String> = documentation.as_deref().unwrap_or(id).lines().map(str::to_owned).collect();
        lines.push(String::new());
        lines.push(format!("Case `{id}` of operation `{}`.", op.name));
        if !tags.is_empty() {
            lines.push(format!("Tags: {}.", tags.join(", ")));
        }
        let docs = doc_attrs(&lines, id);
        let ignore = known_failure(ir, side, id).map(|why| quote!(#[ignore = #why]));
        let test = quote! {
            #docs
            #[test]
            #ignore
            fn #fn_name() {
                ::smithy_runtime::protocol_test::run(async { #body });
            }
        };
        match modules.iter_mut().find(|(s, _)| *s == side) {
            Some((_, tests)) => tests.push(test),
            None => modules.push((side, vec![test])),
        }
    }
    modules.sort_by_key(|(side, _)| *side);
    let modules = modules.into_iter().map(|(side, tests)| {
        let (name, doc) = match side {
            Side::ClientRequest => ("client_requests", " The requests the client sends."),
            Side::ClientResponse => ("client_responses", " The responses the client reads."),
            Side::ServerRequest => ("server_requests", " The requests the server reads."),
            Side::ServerResponse => ("server_responses", " The responses the server sends."),
            Side::ServerMalformedRequest => ("server_malformed_requests", " The malformed requests the server refuses."),
        };
        let name = format_ident!("{name}");
        let feature = match side {
            Side::ClientRequest | Side::ClientResponse => "client",
            Side::ServerRequest | Side::ServerResponse | Side::ServerMalformedRequest => "server",
        };
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            mod #name {
                #(#tests)*
            }
        }
    });
    let service = test_service(ir, &root);
    let trait_name = &ir.service.name;
    let protocol = ir.service.protocol.trait_id();
    let file_doc = format!(
        " The HTTP protocol compliance cases (`smithy.test`) of `{trait_name}` for `{protocol}`: the client's with the \
         `client` feature, the server's with `server` (`cargo test --all-features` runs both)."
    );
    Ok(quote! {
        #![doc = #file_doc]
        #![allow(unused_imports, clippy::needless_update)]

        #service

        /// A client that sends through `transport` to `endpoint`, once (no
        /// retries), unsigned, with the idempotency token the cases expect.
        #[cfg(feature = "client")]
        fn client(transport: &::smithy_runtime::protocol_test::CapturingTransport, endpoint: &str) -> #root::client::Client {
            #root::client::Client::builder()
                .endpoint_url(endpoint)
                .transport(transport.clone())
                .retry_config(::smithy_runtime::client::RetryConfig::disabled())
                .no_credentials()
                .idempotency_token_generator(|| ::std::string::String::from("00000000-0000-4000-8000-000000000000"))
                .build()
        }

        #(#modules)*
    })
}

/// A service implementing every operation by recording its input and
/// replying what the test set (by default the output's default value).
fn test_service(ir: &Ir, root: &TokenStream) -> TokenStream {
    let trait_name = format_ident!("{}", ir.service.trait_name);
    let methods = ir.operations.iter().map(|op| {
        let f = ident(&op.fn_name.ident);
        let error = format_ident!("{}", op.error_name);
        let output = op.output.as_ref().map_or_else(|| quote!(()), |id| {
            let name = format_ident!("{}", ir.shape(id).rust_name);
            quote!(#root::types::#name)
        });
        let (param, record) = match &op.input {
            Some(id) => {
                let name = format_ident!("{}", ir.shape(id).rust_name);
                (quote!(input: #root::types::#name,), quote!(self.0.record(input);))
            }
            None => (quote!(), quote!(self.0.record(());)),
        };
        quote! {
            async fn #f(&self, #param _context: #root::server::RequestContext)
                -> ::std::result::Result<#output, #root::error::#error> {
                #record
                self.0.reply()
            }
        }
    });
    quote! {
        /// The service under test: each handler records its input and replies
        /// what the test set.
        #[cfg(feature = "server")]
        #[derive(Clone, Default)]
        struct TestService(::std::sync::Arc<::smithy_runtime::protocol_test::Recorder>);

        #[cfg(feature = "server")]
        impl #root::server::#trait_name for TestService {
            #(#methods)*
        }
    }
}

fn str_slice(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn header_slice<'a>(headers: impl Iterator<Item = (&'a String, &'a String)>) -> TokenStream {
    let pairs = headers.map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#pairs),*])
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

fn fn_ident(op: &Operation) -> proc_macro2::Ident {
    ident(&op.fn_name.ident)
}

fn client_request(values: &Values<'_>, op: &Operation, case: &RequestCase) -> Result<TokenStream, String> {
    let f = fn_ident(op);
    let endpoint = format!("https://{}", case.host.as_deref().unwrap_or("example.com"));
    let call = match &op.input {
        Some(input) => {
            let input = values.structure(input, &case.params)?;
            quote!(client.#f().input(#input).send().await)
        }
        None => quote!(client.#f().send().await),
    };
    let method = &case.method;
    let uri = &case.uri;
    let host = option_str(case.resolved_host.as_deref());
    let query = str_slice(&case.query_params);
    let forbid_query = str_slice(&case.forbid_query_params);
    let require_query = str_slice(&case.require_query_params);
    let headers = header_slice(case.headers.iter());
    let forbid_headers = str_slice(&case.forbid_headers);
    let require_headers = str_slice(&case.require_headers);
    let body = option_str(case.body.as_deref());
    let media = option_str(case.body_media_type.as_deref());
    Ok(quote! {
        let transport = ::smithy_runtime::protocol_test::CapturingTransport::default();
        let client = super::client(&transport, #endpoint);
        let _response = #call;
        ::smithy_runtime::protocol_test::assert_request(
            &transport.last_request(),
            &::smithy_runtime::protocol_test::ExpectedRequest {
                method: #method,
                uri: #uri,
                host: #host,
                query_params: #query,
                forbid_query_params: #forbid_query,
                require_query_params: #require_query,
                headers: #headers,
                forbid_headers: #forbid_headers,
                require_headers: #require_headers,
                body: #body,
                body_media_type: #media,
            },
        );
    })
}

fn client_response(
    values: &Values<'_>,
    op: &Operation,
    error: Option<&str>,
    case: &ResponseCase,
) -> Result<TokenStream, String> {
    let f = fn_ident(op);
    let code = case.code;
    let headers = header_slice(case.headers.iter());
    let body = body_bytes(values.ir, case.body.as_deref(), case.body_media_type.as_deref());
    let root = &values.root;
    // The request id a response carries is the output's (or error's) too.
    let request_id = case.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("x-amzn-requestid")).map(|(_, v)| v);
    let check_id = |value: TokenStream| {
        request_id.map(|id| {
            quote! {
                ::std::assert_eq!(#value, ::std::option::Option::Some(#id), "the request id");
            }
        })
    };
    let check = match (error, &op.output) {
        (Some(error), _) => {
            let shape = values.ir.shape(error);
            let enum_name = format_ident!("{}", op.error_name);
            let variant = format_ident!("{}", shape.rust_name);
            let expected = values.structure(error, &case.params)?;
            let message = format!("expected the `{}` error, found {{other:?}}", shape.name);
            let id = check_id(quote!(#root::error::ProvideErrorMetadata::request_id(&error)));
            quote! {
                match result {
                    ::std::result::Result::Err(#root::error::#enum_name::#variant(error)) => {
                        ::smithy_runtime::protocol_test::assert_same(&error, &#expected);
                        #id
                    }
                    other => ::std::panic!(#message),
                }
            }
        }
        (None, Some(output)) => {
            let expected = values.structure(output, &case.params)?;
            let id = check_id(quote!(output.request_id()));
            quote! {
                let output = result.expect("the client reads the response");
                ::smithy_runtime::protocol_test::assert_same(&output, &#expected);
                #id
            }
        }
        (None, None) => quote! {
            result.expect("the client reads the response");
        },
    };
    Ok(quote! {
        let transport = ::smithy_runtime::protocol_test::CapturingTransport::responding(#code, #headers, #body);
        let client = super::client(&transport, "https://example.com");
        let result = client.#f().send().await;
        #check
    })
}

fn server_request(values: &Values<'_>, op: &Operation, case: &RequestCase) -> Result<TokenStream, String> {
    let root = &values.root;
    let method = &case.method;
    let uri = if case.query_params.is_empty() { case.uri.clone() } else { format!("{}?{}", case.uri, case.query_params.join("&")) };
    let host = option_str(case.host.as_deref());
    // A case about reading a body may leave out how the protocol routes the
    // request to the operation; the route of the case's operation is added.
    // Likewise a body's media type, which restJson1 servers check.
    let mut headers: Vec<(String, String)> = case.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (name, value) in super::protocol::implied_test_headers(values.ir, op, case) {
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(&name)) {
            headers.push((name, value));
        }
    }
    let headers = header_slice(headers.iter().map(|(k, v)| (k, v)));
    let body = body_bytes(values.ir, case.body.as_deref(), case.body_media_type.as_deref());
    let received = match &op.input {
        Some(input) => {
            let name = format_ident!("{}", values.ir.shape(input).rust_name);
            let expected = values.structure(input, &case.params)?;
            quote! {
                let input: #root::types::#name = recorder
                    .received()
                    .unwrap_or_else(|| ::std::panic!("the handler did not run; the server answered {response:?}"));
                ::smithy_runtime::protocol_test::assert_same(&input, &#expected);
            }
        }
        None => quote! {
            let () = recorder
                .received()
                .unwrap_or_else(|| ::std::panic!("the handler did not run; the server answered {response:?}"));
        },
    };
    Ok(quote! {
        let service = super::TestService::default();
        let recorder = ::std::sync::Arc::clone(&service.0);
        let request = ::smithy_runtime::protocol_test::request(#method, #uri, #host, #headers, #body);
        let response = ::smithy_runtime::protocol_test::call(#root::server::router(service), request).await;
        #received
    })
}

/// A malformed-request case: the request goes through the router, and the
/// response must have the case's status, headers and body.
fn server_malformed(values: &Values<'_>, case: &crate::testcases::MalformedCase) -> TokenStream {
    let root = &values.root;
    let request = &case.request;
    let method = &request.method;
    let uri = if request.query_params.is_empty() {
        request.uri.clone()
    } else {
        format!("{}?{}", request.uri, request.query_params.join("&"))
    };
    let host = option_str(request.host.as_deref());
    let headers = header_slice(request.headers.iter());
    let body = body_bytes(values.ir, request.body.as_deref(), request.body_media_type.as_deref());
    let response = &case.response;
    let code = response.code;
    let expected_headers = header_slice(response.headers.iter());
    let (contents, media, regex) = match &response.body {
        Some(b) => match &b.assertion {
            crate::testcases::BodyAssertion::Contents(c) => (option_str(Some(c)), option_str(Some(&b.media_type)), None),
            crate::testcases::BodyAssertion::MessageRegex(r) => {
                (option_str(None), option_str(None), Some(quote!(::smithy_runtime::protocol_test::assert_message_matches(&response, #r);)))
            }
        },
        None => (option_str(None), option_str(None), None),
    };
    quote! {
        let service = super::TestService::default();
        let request = ::smithy_runtime::protocol_test::request(#method, #uri, #host, #headers, #body);
        let response = ::smithy_runtime::protocol_test::call(#root::server::router(service), request).await;
        ::smithy_runtime::protocol_test::assert_response(
            &response,
            &::smithy_runtime::protocol_test::ExpectedResponse {
                code: #code,
                headers: #expected_headers,
                body: #contents,
                body_media_type: #media,
                ..::std::default::Default::default()
            },
        );
        #regex
    }
}

fn server_response(
    values: &Values<'_>,
    op: &Operation,
    error: Option<&str>,
    case: &ResponseCase,
) -> Result<TokenStream, String> {
    let root = &values.root;
    let enum_name = format_ident!("{}", op.error_name);
    let output = op.output.as_ref().map_or_else(|| quote!(()), |id| {
        let name = format_ident!("{}", values.ir.shape(id).rust_name);
        quote!(#root::types::#name)
    });
    let reply = match (error, &op.output) {
        (Some(error), _) => {
            let variant = format_ident!("{}", values.ir.shape(error).rust_name);
            let expected = values.structure(error, &case.params)?;
            quote!(::std::result::Result::Err(#root::error::#enum_name::#variant(#expected)))
        }
        (None, Some(output)) => {
            let expected = values.structure(output, &case.params)?;
            quote!(::std::result::Result::Ok(#expected))
        }
        (None, None) => quote!(::std::result::Result::Ok(())),
    };
    let super::protocol::TestRequest { method, uri, headers, body, body_media_type } = super::protocol::test_request(values.ir, op);
    let body = body_bytes(values.ir, Some(&body), body_media_type.as_deref());
    let headers = header_slice(headers.iter().map(|(k, v)| (k, v)));
    let code = case.code;
    let expected_headers = header_slice(case.headers.iter());
    let forbid_headers = str_slice(&case.forbid_headers);
    let require_headers = str_slice(&case.require_headers);
    let body_expected = option_str(case.body.as_deref());
    let media = option_str(case.body_media_type.as_deref());
    Ok(quote! {
        let service = super::TestService::default();
        service.0.set_reply::<::std::result::Result<#output, #root::error::#enum_name>>(#reply);
        let request = ::smithy_runtime::protocol_test::request(#method, #uri, ::std::option::Option::None, #headers, #body);
        let response = ::smithy_runtime::protocol_test::call(#root::server::router(service), request).await;
        ::smithy_runtime::protocol_test::assert_response(
            &response,
            &::smithy_runtime::protocol_test::ExpectedResponse {
                code: #code,
                headers: #expected_headers,
                forbid_headers: #forbid_headers,
                require_headers: #require_headers,
                body: #body_expected,
                body_media_type: #media,
            },
        );
    })
}

/// A case's body as the bytes to send: CBOR's base64 decoded (rpcv2Cbor's
/// cases give their bodies so even without a media type), text as it is.
fn body_bytes(ir: &Ir, body: Option<&str>, media_type: Option<&str>) -> TokenStream {
    let body = body.unwrap_or_default();
    let binary = media_type == Some("application/cbor") || ir.service.protocol == crate::ir::Protocol::RpcV2Cbor;
    if binary && !body.is_empty() {
        quote!(::smithy_runtime::protocol_test::binary_body(#body))
    } else {
        quote!(#body)
    }
}

/// A small JSON value of `ty` that passes the server's validation: every
/// required member set, enums to their first value, lengths and ranges at
/// their minimum.
pub(super) fn sample(ir: &Ir, ty: &Type, depth: usize) -> Value {
    match ty {
        Type::Boolean => Value::Bool(false),
        Type::String | Type::Blob => Value::String(String::new()),
        Type::Byte | Type::Short | Type::Integer | Type::Long | Type::BigInteger | Type::Timestamp(_) => Value::from(0),
        Type::Float | Type::Double | Type::BigDecimal => Value::from(0.0),
        Type::Document => Value::Object(Default::default()),
        Type::List { .. } => Value::Array(Vec::new()),
        Type::Map { .. } => Value::Object(Default::default()),
        Type::Named(id) => match &ir.shape(id).kind {
            NamedKind::Enum { variants } | NamedKind::IntEnum { variants } => match variants.first().map(|v| &v.value) {
                Some(EnumValue::String(s)) => Value::String(s.clone()),
                Some(EnumValue::Int(i)) => Value::from(*i),
                None => Value::Null,
            },
            NamedKind::Union { members } => {
                let mut map = crate::node::Map::new();
                if let Some(m) = members.first() {
                    map.insert(m.name.clone(), sample_member(ir, m, depth));
                }
                Value::Object(map)
            }
            NamedKind::Structure { members, .. } => {
                let mut map = crate::node::Map::new();
                // Recursive structures stop at optional members; a cycle of
                // required members cannot be built at all.
                if depth < 16 {
                    for m in members.iter().filter(|m| m.required && m.default.is_none()) {
                        map.insert(m.json_name.clone(), sample_member(ir, m, depth + 1));
                    }
                }
                Value::Object(map)
            }
        },
    }
}

/// [`sample`] for `member`, within its length and range.
pub(super) fn sample_member(ir: &Ir, member: &Member, depth: usize) -> Value {
    let Some(ty) = &member.ty else { return Value::Object(Default::default()) };
    let value = sample(ir, ty, depth);
    let constraints = &member.constraints;
    match value {
        Value::String(s) if s.is_empty() => {
            let min = constraints.length.and_then(|(min, _)| min).unwrap_or(0) as usize;
            Value::String("a".repeat(min))
        }
        Value::Number(_) => match constraints.range.and_then(|(min, _)| min) {
            Some(min) if min > 0.0 => crate::node::Number::from_f64(min.ceil()).map_or(value, Value::Number),
            _ => value,
        },
        other => other,
    }
}
