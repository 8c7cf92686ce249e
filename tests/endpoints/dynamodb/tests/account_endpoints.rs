//! Credentials that know their account reach DynamoDB's account-based
//! endpoints (`AccountIdEndpointMode` in AWS's DynamoDB rules), unless the
//! client turns that off.

#[cfg(not(corpus))]
#[test]
fn skipped_without_the_corpus() {
    assert!(smithy_corpus::AWS_MODELS.or_skip("DynamoDB's account-based endpoints").is_none());
}

#[cfg(corpus)]
mod accounts {
    use endpoints_dynamodb::client::{ClientBuilder, Credentials};
    use smithy_runtime::protocol_test::CapturingTransport;

    #[tokio::test]
    async fn credentials_that_know_their_account_reach_account_based_endpoints() {
        let transport = CapturingTransport::default();
        let client = ClientBuilder::default()
            .region("us-east-1")
            .credentials_provider(Credentials::new("AKID", "s", None).with_account_id("123456789012"))
            .transport(transport.clone())
            .build();
        let _ = client.list_tables().send().await;
        assert_eq!(transport.last_request().uri().host(), Some("123456789012.ddb.us-east-1.amazonaws.com"));
        let client = ClientBuilder::default()
            .region("us-east-1")
            .account_id_endpoint_mode("disabled")
            .credentials_provider(Credentials::new("AKID", "s", None).with_account_id("123456789012"))
            .transport(transport.clone())
            .build();
        let _ = client.list_tables().send().await;
        assert_eq!(transport.last_request().uri().host(), Some("dynamodb.us-east-1.amazonaws.com"));
    }
}
