//! Random requests against a generated restJson1 router (Smithy's
//! restJson1 compliance service, every operation left to the trait's
//! default): methods, paths near the real routes with random segments and
//! percent-encodings (valid and not), query strings, bound and unbound
//! headers, and bodies from valid JSON to garbage. Nothing may panic; every
//! request gets a well-formed answer (a status, a request id, a JSON error
//! body); no request may reach a 500 (which is what a panicking handler
//! becomes); and the server keeps serving. `cargo test` sends 2 000; the
//! ignored long run sends 100 000:
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
    use compliance_rest_json_1::server::{router, RestJsonProtocol};

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

    const WORDS: &[&str] = &[
        "", "a", "0", "-1", "1.5", "1e400", "NaN", "Infinity", "true", "false", "null", "Foo", "\u{e9}t\u{e9}", "a b", "a/b",
        "%", "%zz", "%C3%28", "%2F", "%00", "..", "1985-04-12T23:20:50.52Z", "Tue, 29 Apr 2014 18:30:38 GMT",
        "1515531081", "YmxvYg==", "\"quoted, list\"", "a,b,,c", "{}", "[]",
    ];

    fn word(rng: &mut fastrand::Rng) -> String {
        match rng.u8(..8) {
            0 => (0..rng.usize(..12)).map(|_| rng.char(' '..='~')).collect(),
            1 => (0..rng.usize(..6)).map(|_| format!("%{:02X}", rng.u8(..))).collect(),
            _ => WORDS[rng.usize(..WORDS.len())].to_owned(),
        }
    }

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

    fn body(rng: &mut fastrand::Rng) -> Vec<u8> {
        match rng.u8(..6) {
            0 => Vec::new(),
            1 => (0..rng.usize(..64)).map(|_| rng.u8(..)).collect(),
            2 => {
                // Deep nesting.
                let depth = rng.usize(..200);
                format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
            }
            _ => {
                const FIELDS: &[&str] = &["stringValue", "integerValue", "blob", "union", "contents", "nested", "foo", "recursive", "__type"];
                let fields: Vec<String> = (0..rng.usize(..4))
                    .map(|_| {
                        let value = match rng.u8(..5) {
                            0 => serde_json::Value::from(word(rng)).to_string(),
                            1 => rng.i64(..).to_string(),
                            2 => "{\"a\": {\"b\": [1, null]}}".to_owned(),
                            3 => "null".to_owned(),
                            _ => format!("[{}]", rng.f64()),
                        };
                        format!("\"{}\": {value}", FIELDS[rng.usize(..FIELDS.len())])
                    })
                    .collect();
                format!("{{{}}}", fields.join(", ")).into_bytes()
            }
        }
    }

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
        builder.body(Bytes::from(body(rng))).ok()
    }

    async fn fuzz(count: usize, seed: u64) {
        let app = router(Unimplemented);
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut sent = 0;
        let mut statuses = std::collections::BTreeMap::new();
        while sent < count {
            let Some(request) = random_request(&mut rng) else { continue };
            let shown = format!("{} {} {:?}", request.method(), request.uri(), request.headers());
            // A response to HEAD has no body, as HTTP says.
            let head = request.method() == http::Method::HEAD;
            let response = smithy_runtime::protocol_test::call(app.clone(), request).await;
            let status = response.status().as_u16();
            *statuses.entry(status).or_insert(0) += 1;
            assert!((200..600).contains(&status), "{shown}: status {status}");
            assert_ne!(status, 500, "{shown}: a 500 means a handler failed: {:?}", response.body());
            assert!(response.headers().contains_key("x-amzn-requestid"), "{shown}: no request id");
            if status >= 400 && !head {
                let error: serde_json::Value =
                    serde_json::from_slice(response.body()).unwrap_or_else(|e| panic!("{shown}: the error body is not JSON ({e})"));
                assert!(error.get("message").is_some_and(serde_json::Value::is_string), "{shown}: {error}");
                assert!(response.headers().contains_key("x-amzn-errortype"), "{shown}: no error type");
            }
            sent += 1;
        }
        eprintln!("{sent} random requests, answered by status: {statuses:?}");
        // Still serving: a valid request reaches its operation.
        let request = http::Request::builder()
            .method("GET")
            .uri("/HttpRequestWithLabels/s/1/2/3/4.5/6.5/true/2019-12-16T23%3A48%3A18Z")
            .body(Bytes::new())
            .unwrap();
        let response = smithy_runtime::protocol_test::call(app, request).await;
        assert_eq!(response.status().as_u16(), 501, "{:?}", response.body());
    }

    #[tokio::test]
    async fn random_requests_get_well_formed_answers() {
        fuzz(2_000, 0x5eed).await;
    }

    #[tokio::test]
    #[ignore = "long run: 100 000 requests"]
    async fn random_requests_long_run() {
        fuzz(100_000, 0xf022).await;
    }
}
