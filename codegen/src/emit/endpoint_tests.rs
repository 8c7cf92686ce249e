//! `tests/endpoint_tests.rs`: the service's `smithy.rules#endpointTests`
//! cases as tests of the generated crate. Each case's parameters go
//! through the generated `client::resolve_endpoint`; each of its calls
//! (`operationInputs`) goes through a client configured as the case says,
//! whose request must reach the expected endpoint, or which must fail with
//! the expected error. Cases the runtime's partitions data has overtaken
//! ([`crate::endpoints::STALE_CASES`]) are generated ignored, with the
//! reason.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client::param_value;
use super::values::Values;
use super::{doc_attrs, ident};
use crate::endpoints::{self, ExpectedEndpoint, OperationInput};
use crate::ir::Ir;
use crate::node::Value;

/// The test file.
pub(crate) fn emit_endpoint_tests(ir: &Ir, crate_name: &str) -> Result<TokenStream, String> {
    let krate = format_ident!("{crate_name}");
    let root = quote!(::#krate);
    let values = Values { ir, root: root.clone() };
    let mut names = BTreeSet::new();
    let mut rule_tests = Vec::new();
    let mut call_tests = Vec::new();
    for (n, case) in ir.endpoint_cases.iter().enumerate() {
        let documentation = case.documentation.clone().unwrap_or_else(|| format!("Case {n}"));
        let name = unique_name(&mut names, &documentation, "");
        let mut lines: Vec<String> = documentation.lines().map(str::to_owned).collect();
        lines.push(String::new());
        lines.push(format!("Case {n} of the service's `endpointTests`."));
        let docs = doc_attrs(&lines, "");
        let ignore = endpoints::stale(case).map(|why| quote!(#[ignore = #why]));
        let fn_name = format_ident!("{name}");
        let params = case.params.iter().map(|(name, value)| {
            let value = param_value(value);
            quote!(.with(#name, #value))
        });
        let check = match (&case.expect.endpoint, &case.expect.error) {
            (Some(endpoint), _) => {
                let expected = expected_endpoint(endpoint);
                quote!(::smithy_runtime::protocol_test::assert_endpoint(&result, &#expected);)
            }
            (None, Some(message)) => quote!(::smithy_runtime::protocol_test::assert_endpoint_error(&result, #message);),
            (None, None) => return Err(format!("endpoint test case {n} expects neither an endpoint nor an error")),
        };
        rule_tests.push(quote! {
            #docs
            #[test]
            #ignore
            fn #fn_name() {
                let params = ::smithy_runtime::client::endpoint::EndpointParams::new() #(#params)*;
                let result = #root::client::resolve_endpoint(&params);
                #check
            }
        });
        for input in &case.operation_inputs {
            // Calls of operations left out of the crate cannot be made.
            let Some(op) = ir.operations.iter().find(|o| o.name == input.operation_name) else { continue };
            let call_name = unique_name(&mut names, &documentation, &op.fn_name.plain);
            let fn_name = format_ident!("{call_name}");
            let mut lines = lines.clone();
            lines.push(format!("Called through `{}`.", op.name));
            let docs = doc_attrs(&lines, "");
            let f = ident(&op.fn_name.ident);
            let call = match &op.input {
                Some(id) => {
                    let params = if input.operation_params.is_null() { Value::Object(Default::default()) } else { input.operation_params.clone() };
                    let input = values.structure(id, &params).map_err(|e| format!("endpoint test case {n}: {e}"))?;
                    quote!(client.#f().input(#input).send().await)
                }
                None => quote!(client.#f().send().await),
            };
            let client = configured_client(ir, &root, input)?;
            let check = match (&case.expect.endpoint, &case.expect.error) {
                (Some(endpoint), _) => {
                    let expected = expected_endpoint(endpoint);
                    quote!(::smithy_runtime::protocol_test::assert_call_endpoint(&transport, &result, &#expected);)
                }
                (_, Some(message)) => quote!(::smithy_runtime::protocol_test::assert_call_error(&transport, &result, #message);),
                (None, None) => unreachable!("checked above"),
            };
            call_tests.push(quote! {
                #docs
                #[test]
                #ignore
                fn #fn_name() {
                    ::smithy_runtime::protocol_test::run(async {
                        let transport = ::smithy_runtime::protocol_test::CapturingTransport::default();
                        let client = #client;
                        let result = #call;
                        #check
                    });
                }
            });
        }
    }
    let calls = (!call_tests.is_empty()).then(|| {
        quote! {
            /// Each case's calls, through a client configured as the case says.
            mod calls {
                #(#call_tests)*
            }
        }
    });
    let file_doc = format!(
        " The endpoint rule cases (`smithy.rules#endpointTests`) of `{}`: each case's parameters resolved by the \
         service's rules, and each of its calls made through a configured client.",
        ir.service.name
    );
    Ok(quote! {
        #![doc = #file_doc]
        #![cfg(feature = "client")]
        #![allow(clippy::needless_update)]

        /// Each case's parameters, resolved by the rules.
        mod rules {
            #(#rule_tests)*
        }

        #calls
    })
}

/// A test name from `text` (snake case, at most 120 characters, not
/// starting with a digit) and `suffix`, unique in `names`.
fn unique_name(names: &mut BTreeSet<String>, text: &str, suffix: &str) -> String {
    let mut base: String = text.to_snake_case().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    base.truncate(120);
    let mut base = base.trim_end_matches('_').to_owned();
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base.insert_str(0, "case_");
    }
    if !suffix.is_empty() {
        base = format!("{base}_{suffix}");
    }
    let mut name = base.clone();
    for n in 2.. {
        if names.insert(name.clone()) {
            break;
        }
        name = format!("{base}_{n}");
    }
    name
}

/// An `ExpectedEndpoint` literal.
fn expected_endpoint(endpoint: &ExpectedEndpoint) -> TokenStream {
    let url = &endpoint.url;
    let headers = endpoint.headers.iter().map(|(name, values)| quote!((#name, &[#(#values),*])));
    let properties = Value::Object(endpoint.properties.clone()).to_string();
    quote! {
        ::smithy_runtime::protocol_test::ExpectedEndpoint { url: #url, headers: &[#(#headers),*], properties: #properties }
    }
}

/// A client configured by a call's built-in and client parameters, sending
/// through `transport` once, with no environment read.
fn configured_client(ir: &Ir, root: &TokenStream, input: &OperationInput) -> Result<TokenStream, String> {
    let mut settings = Vec::new();
    let mut account_id = None;
    for (built_in, value) in &input.built_in_params {
        let text = value.as_str();
        let flag = value.as_bool();
        let setting = match (built_in.as_str(), text, flag) {
            ("AWS::Region", Some(region), _) => quote!(.region(#region)),
            ("AWS::UseFIPS", _, Some(on)) => quote!(.use_fips(#on)),
            ("AWS::UseDualStack", _, Some(on)) => quote!(.use_dual_stack(#on)),
            ("SDK::Endpoint", Some(url), _) => quote!(.endpoint_url(#url)),
            ("AWS::Auth::AccountIdEndpointMode", Some(mode), _) => quote!(.account_id_endpoint_mode(#mode)),
            ("AWS::Auth::AccountId", Some(id), _) => {
                account_id = Some(id.to_owned());
                continue;
            }
            // A built-in the client has no setting for: set the parameter
            // bound to it, as a user would.
            (other, _, _) => {
                let bound = ir.service.endpoint_rules.as_ref().and_then(|rules| {
                    rules.parameters.iter().find(|(_, p)| p.built_in.as_deref() == Some(other)).map(|(name, _)| name)
                });
                let Some(name) = bound else {
                    return Err(format!("an endpoint test case sets the built-in `{other}`, which no parameter is bound to"));
                };
                let value = param_value(value);
                quote!(.endpoint_param(#name, #value))
            }
        };
        settings.push(setting);
    }
    for (name, value) in &input.client_params {
        let value = param_value(value);
        settings.push(quote!(.endpoint_param(#name, #value)));
    }
    let credentials = match account_id {
        Some(id) => quote! {
            .credentials(::smithy_runtime::client::Credentials::new("AKID", "SECRET", ::std::option::Option::None).with_account_id(#id))
        },
        None => quote!(.no_credentials()),
    };
    Ok(quote! {
        #root::client::ClientBuilder::default()
            #(#settings)*
            #credentials
            .transport(transport.clone())
            .retry_config(::smithy_runtime::client::RetryConfig::disabled())
            .build()
    })
}
