//! Our SigV4 signatures (through the aws-sigv4 crate) equal the ones
//! botocore, AWS's own Python SDK, computes for the same request, time and
//! credentials.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, UNIX_EPOCH};

use codebuild::client::{Client, Credentials};
use integration_tests::{python_module_installed, CaptureServer, Reply};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
// 2026-11-24T12:00:00Z
const SIGNING_SECONDS: u64 = 1_795_521_600;

fn botocore_authorization(req: &integration_tests::Captured, url: &str) -> String {
    let ours = req.header("authorization").expect("signed");
    let signed: Vec<&str> = ours
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .expect("SignedHeaders")
        .split(';')
        .collect();
    // botocore adds X-Amz-Date itself; give it every other header we signed.
    let headers: serde_json::Map<String, serde_json::Value> = signed
        .iter()
        .filter(|h| **h != "x-amz-date")
        .map(|h| (h.to_string(), serde_json::Value::from(req.header(h).expect("signed header present"))))
        .collect();
    let input = serde_json::json!({
        "method": req.method, "url": url, "headers": headers,
        "body": String::from_utf8(req.body.clone()).unwrap(),
        "access_key": ACCESS_KEY, "secret_key": SECRET_KEY,
        "region": "us-east-1", "service": "codebuild", "time": "20261124T120000Z",
    });
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/botocore_sigv4.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().unwrap().write_all(input.to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "botocore failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[tokio::test]
async fn authorization_matches_botocore() {
    if !python_module_installed("botocore") {
        return;
    }
    for session_token in [None, Some("session-token-value".to_owned())] {
        let server = CaptureServer::start(vec![Reply::json(200, "{}")]).await;
        let client = Client::builder()
            .endpoint_url(&server.url)
            .region("us-east-1")
            .credentials(Credentials::new(ACCESS_KEY, SECRET_KEY, session_token.clone()))
            .signing_time(UNIX_EPOCH + Duration::from_secs(SIGNING_SECONDS))
            .build();
        client.retry_build().id("my-project:1234").idempotency_token("tok").send().await.unwrap();
        let req = &server.requests()[0];
        assert_eq!(req.header("x-amz-date"), Some("20261124T120000Z"));
        if let Some(token) = &session_token {
            assert_eq!(req.header("x-amz-security-token"), Some(token.as_str()));
        }
        let expected = botocore_authorization(req, &format!("{}/", server.url));
        assert_eq!(req.header("authorization"), Some(expected.as_str()));
    }
}
