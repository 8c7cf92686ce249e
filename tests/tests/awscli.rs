//! awscli, a real third-party AWS client, against the generated server with
//! the local CodeBuild behind it.

use std::process::Command;

use codebuild_local::{LocalCodeBuild, Seed};
use integration_tests::serve_router;

const ORIGINAL: &str = "my-project:5b0b4c5c-6d36-4b1c-9f6e-0d4a2c8e9f10";

fn seed() -> Seed {
    let mut build: serde_json::Value = serde_json::from_str(include_str!("../fixtures/build.json")).unwrap();
    build["id"] = ORIGINAL.into();
    build["projectName"] = "my-project".into();
    Seed::from_json(&serde_json::json!({ "builds": [build] }).to_string()).unwrap()
}

async fn aws(url: &str, args: &[&str]) -> std::process::Output {
    let mut command = Command::new("aws");
    command
        .args(["--endpoint-url", url, "--output", "json", "codebuild"])
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_PAGER", "");
    tokio::task::spawn_blocking(move || command.output().expect("aws runs")).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_cli_retry_build() {
    if !integration_tests::tool_available("aws") {
        return;
    }
    let service = LocalCodeBuild::new(seed());
    let url = serve_router(codebuild::server::router(service.clone())).await;

    let out = aws(&url, &["retry-build", "--id", ORIGINAL]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "aws failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("aws prints JSON");
    let id = answer["build"]["id"].as_str().expect("a build id");
    assert!(id.starts_with("my-project:") && id != ORIGINAL, "{id}");
    assert_eq!(answer["build"]["buildStatus"], "IN_PROGRESS");
    assert_eq!(answer["build"]["currentPhase"], "QUEUED");
    assert!(service.build(id).is_some(), "the build aws shows is the one the service created");

    let out = aws(&url, &["retry-build", "--id", "my-project:no-such-build"]).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ResourceNotFoundException"), "{stderr}");
    assert!(stderr.contains("Build my-project:no-such-build does not exist"), "{stderr}");
}
