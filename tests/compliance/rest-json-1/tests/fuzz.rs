//! Random requests against a generated restJson1 router (Smithy's
//! restJson1 compliance service, every operation left to the trait's
//! default): methods, paths near the real routes with random segments and
//! percent-encodings (valid and not), query strings, bound and unbound
//! headers, and bodies from valid JSON to garbage. Nothing may panic; every
//! request gets a well-formed answer (a status, a request id, a JSON error
//! body); no request may reach a 500 (which is what a panicking handler
//! becomes); and the server keeps serving. A share of them also goes over
//! real loopback connections to the served router, whole, half-closed,
//! dribbled or stalled part way: each complete one is answered, each
//! stalled one closed within the timeouts. `cargo test` sends 2 000 (and
//! 300 over connections); the ignored long run sends 100 000 (and 5 000):
//! `cargo test --release -p compliance-rest-json-1 --test fuzz -- --ignored`.
//! Without Smithy's suites (`smithy_corpus`) there is no router to send them
//! to, and one test says so.

#[cfg(not(corpus))]
#[test]
fn skipped_without_the_corpus() {
    assert!(smithy_corpus::SMITHY.or_skip("random requests to the restJson1 compliance router").is_none());
}

#[cfg(all(corpus, feature = "server"))]
mod fuzz {
    use bytes::Bytes;
    use compliance_rest_json_1::server::{router, router_with_config, RestJsonProtocol};
    use smithy_runtime::protocol_test::connections::{self, word};

    /// The service with no operation implemented: each answers 501 once its
    /// input has been read and validated.
    struct Unimplemented;

    impl RestJsonProtocol for Unimplemented {}

    const ROUTES: &[&str] = &[
        "/AllQueryStringTypesInput",
        "/ConstantQueryString/{}",
        "/DocumentTypeAsPayload",
        "/FloatHttpLabels/{}/{}",
        "/HttpRequestWithGreedyLabelInPath/foo/{}/baz/{}/{}",
        "/HttpRequestWithLabels/{}/{}/{}/{}/{}/{}/{}/{}",
        "/HttpRequestWithLabelsAndTimestampFormat/{}/{}/{}/{}/{}/{}/{}",
        "/ReDosLiteral/{}/(a+)+",
        "/HttpPayloadTraits",
        "/HttpPayloadWithUnion",
        "/HttpPrefixHeaders",
        "/InputAndOutputWithHeaders",
        "/JsonLists",
        "/JsonMaps",
        "/JsonUnions",
        "/MalformedBoolean/{}",
        "/MalformedTimestampPathHttpDate/{}",
        "/MediaTypeHeader",
        "/OperationWithDefaults",
        "/RecursiveShapes",
        "/SimpleScalarProperties",
        "/StreamingTraits",
        "/no_such_route",
        "/",
    ];

    const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CUSTOM"];

    const HEADERS: &[&str] = &[
        "content-type",
        "accept",
        "content-encoding",
        "x-string",
        "x-byte",
        "x-integer",
        "x-long",
        "x-float",
        "x-boolean1",
        "x-stringlist",
        "x-integerlist",
        "x-timestamplist",
        "x-enum",
        "x-enumlist",
        "x-foo",
        "x-foo-abc",
        "x-json",
        "x-amz-checksum",
    ];

    fn path(rng: &mut fastrand::Rng) -> String {
        let route = ROUTES[rng.usize(..ROUTES.len())];
        let mut out = String::new();
        for (i, part) in route.split("{}").enumerate() {
            if i > 0 {
                let label = word(rng);
                // Raw text in a URI must be URI characters; the rest is encoded.
                out.extend(label.chars().filter(|c| c.is_ascii_graphic() && !matches!(c, '?' | '#')));
            }
            out.push_str(part);
        }
        if rng.u8(..10) == 0 {
            out.push('/');
            out.push_str(&word(rng).replace(['?', '#', ' '], ""));
        }
        if out.is_empty() || !out.starts_with('/') {
            out.insert(0, '/');
        }
        out
    }

    fn query(rng: &mut fastrand::Rng) -> String {
        const KEYS: &[&str] = &["String", "StringList", "Integer", "IntegerList", "Boolean", "Timestamp", "Enum", "foo", "hello", "q", ""];
        let pairs: Vec<String> = (0..rng.usize(..5))
            .map(|_| {
                let key = KEYS[rng.usize(..KEYS.len())];
                let value: String = word(rng).chars().filter(|c| c.is_ascii_graphic() && !matches!(c, '#' | '&')).collect();
                if rng.bool() { format!("{key}={value}") } else { key.to_owned() }
            })
            .collect();
        pairs.join("&")
    }

    const FIELDS: &[&str] = &["stringValue", "integerValue", "blob", "union", "contents", "nested", "foo", "recursive", "__type"];

    fn random_request(rng: &mut fastrand::Rng) -> Option<http::Request<Bytes>> {
        let mut uri = path(rng);
        let q = query(rng);
        if !q.is_empty() {
            uri = format!("{uri}?{q}");
        }
        // Most routes take POST; other methods mostly test the 405s.
        let method = if rng.u8(..10) < 6 { "POST" } else { METHODS[rng.usize(..METHODS.len())] };
        let mut builder = http::Request::builder().method(method).uri(uri);
        for _ in 0..rng.usize(..6) {
            let name = HEADERS[rng.usize(..HEADERS.len())];
            let value = match name {
                "content-type" => ["application/json", "text/plain", "application/octet-stream", "image/jpeg", "application/json; charset=utf-8", ""][rng.usize(..6)].to_owned(),
                "accept" => ["application/json", "*/*", "text/html", "application/*"][rng.usize(..4)].to_owned(),
                "content-encoding" => ["gzip", "identity", "br"][rng.usize(..3)].to_owned(),
                _ => word(rng),
            };
            builder = builder.header(name, value);
        }
        // Requests the `http` crate refuses to build (a URI it cannot parse, a
        // header value with control characters) cannot reach a server at all.
        builder.body(Bytes::from(connections::body(rng, FIELDS))).ok()
    }

    async fn fuzz(count: usize, seed: u64) {
        let app = router(Unimplemented);
        connections::fuzz_router(app.clone(), count, seed, random_request).await;
        // Still serving: a valid request reaches its operation.
        let request = http::Request::builder()
            .method("GET")
            .uri("/HttpRequestWithLabels/s/1/2/3/4.5/6.5/true/2019-12-16T23%3A48%3A18Z")
            .body(Bytes::new())
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
