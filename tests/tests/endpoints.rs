//! Endpoints from a service's rules (`smithy.rules#endpointRuleSet`), as a
//! client uses them: the auth scheme an endpoint names signs the request,
//! an endpoint error fails the call before anything is sent, the
//! environment's FIPS and dual-stack settings count; and every endpoint
//! test case of AWS's models (smithy_corpus::AWS_MODELS) passes, but the cases
//! listed as stale.

use std::path::Path;

use endpoint_rules::client::{ClientBuilder, Credentials, RetryConfig};
use endpoint_rules::error::{ListBucketsError, ProvideErrorMetadata, UnhandledKind};
use smithy_runtime::client::endpoint::{check_case, Partitions, RuleSet};
use smithy_runtime::protocol_test::CapturingTransport;

fn signed_client(transport: &CapturingTransport, region: &str) -> endpoint_rules::client::Client {
    ClientBuilder::default()
        .region(region)
        .credentials(Credentials::new("AKID", "SECRET", None))
        .transport(transport.clone())
        .retry_config(RetryConfig::disabled())
        .build()
}

fn credential_scope(transport: &CapturingTransport) -> String {
    let request = transport.last_request();
    let auth = request.headers()["authorization"].to_str().unwrap().to_owned();
    let credential = auth.split("Credential=").nth(1).unwrap();
    credential.split(',').next().unwrap().split_once('/').unwrap().1.to_owned()
}

#[tokio::test]
async fn the_endpoints_auth_scheme_names_the_signing_region_and_name() {
    let transport = CapturingTransport::default();
    let client = signed_client(&transport, "eu-west-1");
    let _ = client.get_object().bucket("photos").key("a.png").send().await;
    assert_eq!(transport.last_request().uri().host(), Some("photos.storage.eu-west-1.amazonaws.com"));
    let scope = credential_scope(&transport);
    assert!(scope.ends_with("/us-east-1/storage-objects/aws4_request"), "{scope}");

    // Without an auth scheme, the client's region and the service's name.
    let _ = client.list_buckets().send().await;
    assert_eq!(transport.last_request().uri().host(), Some("storage.eu-west-1.amazonaws.com"));
    let scope = credential_scope(&transport);
    assert!(scope.ends_with("/eu-west-1/storage/aws4_request"), "{scope}");
}

#[tokio::test]
async fn an_endpoint_error_fails_the_call_and_sends_nothing() {
    let transport = CapturingTransport::default();
    let client = ClientBuilder::default()
        .region("us-east-1")
        .use_fips(true)
        .endpoint_url("https://example.com")
        .no_credentials()
        .transport(transport.clone())
        .build();
    assert_eq!(client.endpoint(), "", "no endpoint");
    let error = client.list_buckets().send().await.unwrap_err();
    assert_eq!(error.message(), Some("Invalid Configuration: FIPS and custom endpoint are not supported"));
    let ListBucketsError::Unhandled(unhandled) = &error else { panic!("{error:?}") };
    assert_eq!(unhandled.kind(), UnhandledKind::Construction);

    // An input the rules reject, with a region that works for others.
    let client = signed_client(&transport, "eu-west-1");
    let error = client.get_object().bucket("not_a_label").key("k").send().await.unwrap_err();
    assert_eq!(error.message(), Some("Invalid Configuration: the bucket `not_a_label` is not a host label"));
    assert_eq!(client.endpoint(), "https://storage.eu-west-1.amazonaws.com");
    assert!(transport.requests_sent() == 0, "nothing was sent");
}

#[test]
fn fips_and_dual_stack_come_from_the_environment() {
    // The only test here that reads the environment.
    std::env::set_var("AWS_USE_FIPS_ENDPOINT", "true");
    std::env::set_var("AWS_REGION", "us-east-1");
    let config = endpoint_rules::client::Client::builder().no_credentials().build();
    std::env::remove_var("AWS_USE_FIPS_ENDPOINT");
    std::env::remove_var("AWS_REGION");
    assert_eq!(config.endpoint(), "https://storage-fips.us-east-1.amazonaws.com");
}

#[test]
fn client_settings_reach_the_rules() {
    let transport = CapturingTransport::default();
    let client = ClientBuilder::default()
        .region("us-east-1")
        .endpoint_param("Stage", "beta")
        .endpoint_url("http://localhost:4566")
        .transport(transport)
        .build();
    assert_eq!(client.endpoint(), "http://localhost:4566/beta");
    let client = ClientBuilder::default().region("").build();
    assert_eq!(client.endpoint(), "", "an empty region is no region");
}

/// Every `endpointTests` case of every one of AWS's models resolves
/// as it expects with the runtime's partitions, but those
/// `smithy_codegen::endpoints::STALE_CASES` names (whose expectations the
/// partitions data has overtaken); the README counts them.
#[test]
fn every_endpoint_case_of_awss_models_passes() {
    let Some(shared) = smithy_corpus::AWS_MODELS.or_skip("the endpoint cases of AWS's models") else { return };
    let mut models: Vec<_> = std::fs::read_dir(&shared)
        .unwrap_or_else(|e| panic!("{}: {e}", shared.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    models.sort();
    assert!(models.len() >= 8, "AWS's models");
    let (mut passed, mut stale, mut failures) = (0, 0, Vec::new());
    for path in &models {
        let model = smithy_codegen::load(&[path]).unwrap_or_else(|d| panic!("{d}"));
        for shape in model.shapes.values() {
            let traits = shape.traits();
            let (Some(rules), Some(tests)) = (traits.get("smithy.rules#endpointRuleSet"), traits.get("smithy.rules#endpointTests")) else {
                continue;
            };
            let rules = RuleSet::parse(&rules.to_string()).unwrap();
            let parsed = smithy_codegen::endpoints::cases(tests).unwrap();
            for (case, raw) in parsed.iter().zip(tests["testCases"].to_serde_json().as_array().unwrap()) {
                match (check_case(&rules, raw, Partitions::builtin()), smithy_codegen::endpoints::stale(case)) {
                    (Ok(()), None) => passed += 1,
                    (Err(_), Some(_)) => stale += 1,
                    (Ok(()), Some(_)) => failures.push(format!("{}: {:?} is listed as stale but passes", path.display(), case.documentation)),
                    (Err(e), None) => failures.push(format!("{}: {:?}: {e}", path.display(), case.documentation)),
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(passed > 700, "{passed} cases passed");
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let counted = format!("({stale} of {})", passed + stale);
    assert!(readme.contains(&counted), "the README counts the stale cases as {counted}");
}
