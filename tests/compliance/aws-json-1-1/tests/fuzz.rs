//! Random requests against a generated awsJson 1.1 router (Smithy's
//! awsJson1_1 compliance service, every operation left to the trait's
//! default): methods, paths, `X-Amz-Target`s (real, misspelt, of another
//! service, empty), content types, and bodies from valid JSON to garbage.
//! Nothing may panic; every request gets a well-formed answer (a status, a
//! request id, a JSON error body); no request may reach a 500; and the
//! server keeps serving. A share also goes over real loopback connections,
//! whole, half-closed, dribbled or stalled part way: each complete one is
//! answered, each stalled one closed within the timeouts. `cargo test`
//! sends 2 000 (and 300 over connections); the ignored long run sends
//! 100 000 (and 5 000):
//! `cargo test --release -p compliance-aws-json-1-1 --test fuzz -- --ignored`.
//! Without Smithy's suites (`smithy_corpus`) there is no router to send them
//! to, and one test says so.

#[cfg(not(corpus))]
#[test]
fn skipped_without_the_corpus() {
    assert!(smithy_corpus::SMITHY.or_skip("random requests to the awsJson 1.1 compliance router").is_none());
}

#[cfg(all(corpus, feature = "server"))]
mod fuzz {
    use bytes::Bytes;
    use compliance_aws_json_1_1::server::{router, router_with_config, JsonProtocol};
    use smithy_runtime::protocol_test::connections::{self, word};

    /// The service with no operation implemented: each answers 501 once its
    /// input has been read and validated.
    struct Unimplemented;

    impl JsonProtocol for Unimplemented {}

    const OPERATIONS: &[&str] = &[
        "ContentTypeParameters",
        "DatetimeOffsets",
        "EmptyOperation",
        "EndpointOperation",
        "FractionalSeconds",
        "GreetingWithErrors",
        "JsonEnums",
        "JsonIntEnums",
        "JsonUnions",
        "KitchenSinkOperation",
        "NullOperation",
        "OperationWithOptionalInputOutput",
        "PutAndGetInlineDocuments",
        "PutWithContentEncoding",
        "SimpleScalarProperties",
        "SparseNullsOperation",
        "NoSuchOperation",
    ];

    const FIELDS: &[&str] = &[
        "String", "Integer", "Blob", "Timestamp", "EmptyStruct", "JsonValue", "ListOfStrings", "MapOfStrings", "RecursiveStruct",
        "contents", "sparseStringMap", "stringValue", "floatValue", "documentValue", "foo", "__type",
    ];

    fn target(rng: &mut fastrand::Rng) -> String {
        let operation = OPERATIONS[rng.usize(..OPERATIONS.len())];
        match rng.u8(..10) {
            0 => format!("OtherService.{operation}"),
            1 => operation.to_owned(),
            2 => format!("JsonProtocol.{}", word(rng)),
            3 => String::new(),
            _ => format!("JsonProtocol.{operation}"),
        }
    }

    fn random_request(rng: &mut fastrand::Rng) -> Option<http::Request<Bytes>> {
        let method = if rng.u8(..10) < 8 { "POST" } else { ["GET", "PUT", "DELETE", "HEAD", "OPTIONS"][rng.usize(..5)] };
        let path = if rng.u8(..10) < 8 { "/".to_owned() } else { format!("/{}", word(rng).replace(['?', '#', ' '], "")) };
        let mut builder = http::Request::builder().method(method).uri(path);
        if rng.u8(..10) < 9 {
            builder = builder.header("x-amz-target", target(rng));
        }
        let content_type = ["application/x-amz-json-1.1", "application/x-amz-json-1.0", "application/json", "text/plain", ""][rng.usize(..5)];
        builder = builder.header("content-type", content_type);
        if rng.u8(..10) == 0 {
            builder = builder.header("content-encoding", ["gzip", "identity", "br"][rng.usize(..3)]);
        }
        // Requests the `http` crate refuses to build cannot reach a server.
        builder.body(Bytes::from(connections::body(rng, FIELDS))).ok()
    }

    async fn fuzz(count: usize, seed: u64) {
        let app = router(Unimplemented);
        connections::fuzz_router(app.clone(), count, seed, random_request).await;
        // Still serving: a valid request reaches its operation.
        let request = http::Request::builder()
            .method("POST")
            .uri("/")
            .header("x-amz-target", "JsonProtocol.EmptyOperation")
            .header("content-type", "application/x-amz-json-1.1")
            .body(Bytes::from_static(b"{}"))
            .unwrap();
        let response = smithy_runtime::protocol_test::call(app, request).await;
        assert_eq!(response.status().as_u16(), 501, "{:?}", response.body());
    }

    /// Sends `count` random requests over loopback connections, each
    /// delivered whole, half-closed, dribbled or stalled.
    async fn fuzz_connections(count: usize, seed: u64) {
        connections::fuzz(|config| router_with_config(Unimplemented, config), count, seed, random_request).await;
    }

    #[tokio::test]
    async fn random_requests_get_well_formed_answers() {
        fuzz(2_000, 0x5eed).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn random_requests_over_careless_connections_are_answered_or_closed() {
        fuzz_connections(300, 0xc0de).await;
    }

    #[tokio::test]
    #[ignore = "long run: 100 000 requests"]
    async fn random_requests_long_run() {
        fuzz(100_000, 0xf022).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "long run: 5 000 requests over connections"]
    async fn random_requests_over_careless_connections_long_run() {
        fuzz_connections(5_000, 0xfade).await;
    }
}
