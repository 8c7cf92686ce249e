//! awscli, a real third-party AWS client, against generated servers: the
//! local CodeBuild (awsJson 1.1) and a small DynamoDB item store (awsJson
//! 1.0, values in a recursive union).

use codebuild_local::{LocalCodeBuild, Seed};
use integration_tests::{aws_cli as aws, serve_router};

const ORIGINAL: &str = "my-project:5b0b4c5c-6d36-4b1c-9f6e-0d4a2c8e9f10";

fn seed() -> Seed {
    let mut build: serde_json::Value = serde_json::from_str(include_str!("../fixtures/build.json")).unwrap();
    build["id"] = ORIGINAL.into();
    build["projectName"] = "my-project".into();
    Seed::from_json(&serde_json::json!({ "builds": [build] }).to_string()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_cli_retry_build() {
    if !integration_tests::tool_available("aws") {
        return;
    }
    let service = LocalCodeBuild::new(seed());
    let url = serve_router(codebuild::server::router(service.clone())).await;

    let out = aws(&url, "codebuild", &["retry-build", "--id", ORIGINAL]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "aws failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("aws prints JSON");
    let id = answer["build"]["id"].as_str().expect("a build id");
    assert!(id.starts_with("my-project:") && id != ORIGINAL, "{id}");
    assert_eq!(answer["build"]["buildStatus"], "IN_PROGRESS");
    assert_eq!(answer["build"]["currentPhase"], "QUEUED");
    assert!(service.build(id).is_some(), "the build aws shows is the one the service created");

    let out = aws(&url, "codebuild", &["retry-build", "--id", "my-project:no-such-build"]).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ResourceNotFoundException"), "{stderr}");
    assert!(stderr.contains("Build my-project:no-such-build does not exist"), "{stderr}");
}

/// A DynamoDB item store behind the generated awsJson 1.0 server.
#[derive(Default)]
struct Items(std::sync::Mutex<std::collections::HashMap<String, AttributeMap>>);

type AttributeMap = std::collections::HashMap<String, dynamodb_items::types::AttributeValue>;

fn key_of(attributes: &AttributeMap) -> String {
    format!("{:?}", attributes.get("pk"))
}

impl dynamodb_items::server::DynamoDb for Items {
    async fn put_item(
        &self,
        input: dynamodb_items::types::PutItemInput,
        _: dynamodb_items::server::RequestContext,
    ) -> Result<dynamodb_items::types::PutItemOutput, dynamodb_items::error::PutItemError> {
        // The server has checked the @required members before calling.
        let item = input.item.expect("a validated input has its item");
        self.0.lock().unwrap().insert(key_of(&item), item);
        Ok(dynamodb_items::types::PutItemOutput::default())
    }

    async fn get_item(
        &self,
        input: dynamodb_items::types::GetItemInput,
        _: dynamodb_items::server::RequestContext,
    ) -> Result<dynamodb_items::types::GetItemOutput, dynamodb_items::error::GetItemError> {
        if input.table_name.as_deref() != Some("items") {
            let missing = dynamodb_items::types::ResourceNotFoundException::builder().message("no such table").build();
            return Err(dynamodb_items::error::GetItemError::ResourceNotFoundException(missing));
        }
        let item = input.key.and_then(|key| self.0.lock().unwrap().get(&key_of(&key)).cloned());
        Ok(dynamodb_items::types::GetItemOutput::builder().set_item(item).build())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_cli_dynamodb_items_through_the_awsjson10_server() {
    if !integration_tests::tool_available("aws") {
        return;
    }
    let url = serve_router(dynamodb_items::server::router(Items::default())).await;
    let item = serde_json::json!({
        "pk": {"S": "k1"},
        "n": {"N": "1.5"},
        "l": {"L": [{"BOOL": true}, {"NULL": true}, {"SS": ["x", "y"]}]},
        "m": {"M": {"deep": {"M": {"ns": {"NS": ["1", "2"]}}}}}
    });
    let out = aws(&url, "dynamodb", &["put-item", "--table-name", "items", "--item", &item.to_string()]).await;
    assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));

    let key = r#"{"pk": {"S": "k1"}}"#;
    let out = aws(&url, "dynamodb", &["get-item", "--table-name", "items", "--key", key]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "aws failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("aws prints JSON");
    assert_eq!(answer["Item"], item);

    let out = aws(&url, "dynamodb", &["get-item", "--table-name", "other", "--key", key]).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ResourceNotFoundException") && stderr.contains("no such table"), "{stderr}");

    // Two members of one union value: the server says which member is wrong.
    let bad = r#"{"pk": {"S": "k1", "N": "1"}}"#;
    let out = aws(&url, "dynamodb", &["put-item", "--table-name", "items", "--item", bad]).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("SerializationException") && stderr.contains("Item.pk"), "{stderr}");
}
