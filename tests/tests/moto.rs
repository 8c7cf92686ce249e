//! The generated client against moto, a third-party CodeBuild emulator.

use codebuild::client::{Client, Credentials, RetryConfig};
use codebuild::error::{ProvideErrorMetadata, RetryBuildError};
use integration_tests::Moto;

/// A signing client for `moto`, without retries.
fn client(moto: &Moto) -> Client {
    Client::builder()
        .endpoint_url(&moto.url)
        .region("us-east-1")
        .credentials(Credentials::new("testing", "testing", None))
        .retry_config(RetryConfig::disabled())
        .build()
}

#[tokio::test(flavor = "multi_thread")]
async fn retry_build_against_moto_is_a_clean_error() {
    let Some(moto) = Moto::start() else { return };
    let client = client(&moto);
    // moto does not implement RetryBuild: whatever it answers must come back
    // as an error value carrying the HTTP status, never a panic.
    let err = client.retry_build().id("no-such-project:1").send().await.unwrap_err();
    assert!(matches!(err, RetryBuildError::Unhandled(_) | RetryBuildError::ResourceNotFoundException(_)), "{err:?}");
    assert!(err.status().is_some(), "moto answered: {err}");
    eprintln!("moto's answer to RetryBuild: {err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn project_and_build_operations_against_moto() {
    use codebuild::types::{
        ArtifactsType, ComputeType, EnvironmentType, ProjectArtifacts, ProjectEnvironment, ProjectSource, SourceType,
        StatusType,
    };
    let Some(moto) = Moto::start() else { return };
    let client = client(&moto);
    let role = "arn:aws:iam::123456789012:role/service-role/build";
    let created = client
        .create_project()
        .name("moto-app")
        .description("interop")
        .source(ProjectSource::builder().r#type(SourceType::S3).location("bucket/source.zip").build().unwrap())
        .artifacts(ProjectArtifacts::builder().r#type(ArtifactsType::NoArtifacts).build().unwrap())
        .environment(
            ProjectEnvironment::builder()
                .r#type(EnvironmentType::LinuxContainer)
                .image("aws/codebuild/standard:7.0")
                .compute_type(ComputeType::BuildGeneral1Small)
                .build()
                .unwrap(),
        )
        .service_role(role)
        .send()
        .await
        .unwrap()
        .project
        .unwrap();
    assert_eq!(created.name.as_deref(), Some("moto-app"));
    assert_eq!(created.service_role.as_deref(), Some(role));
    assert!(created.created.is_some(), "moto's ISO-8601 timestamps are read");

    let names = client.list_projects().into_paginator().items().try_collect().await.unwrap();
    assert!(names.contains(&"moto-app".to_owned()), "{names:?}");
    let got = client.batch_get_projects().names(vec!["moto-app".to_owned()]).send().await.unwrap();
    let project = &got.projects.unwrap()[0];
    assert_eq!(project.description.as_deref(), Some("interop"));
    assert_eq!(project.environment.as_ref().unwrap().image, "aws/codebuild/standard:7.0");

    let build = client.start_build().project_name("moto-app").source_version("v1").send().await.unwrap().build.unwrap();
    let id = build.id.clone().unwrap();
    assert!(id.starts_with("moto-app:"), "{id}");
    let builds = client.batch_get_builds().ids(vec![id.clone()]).send().await.unwrap().builds.unwrap();
    assert_eq!(builds[0].id.as_deref(), Some(id.as_str()));
    assert_eq!(builds[0].project_name.as_deref(), Some("moto-app"));

    let all = client.list_builds().into_paginator().items().try_collect().await.unwrap();
    assert!(all.contains(&id), "{all:?}");
    let for_project =
        client.list_builds_for_project().project_name("moto-app").into_paginator().items().try_collect().await.unwrap();
    assert_eq!(for_project, std::slice::from_ref(&id));

    let stopped = client.stop_build().id(&id).send().await.unwrap().build.unwrap();
    assert_eq!(stopped.build_status, Some(StatusType::Stopped));

    client.delete_project().name("moto-app").send().await.unwrap();
    let after = client.batch_get_projects().names(vec!["moto-app".to_owned()]).send().await.unwrap();
    assert!(after.projects.unwrap_or_default().is_empty());
    let err = client.start_build().project_name("moto-app").send().await.unwrap_err();
    assert!(err.is_resource_not_found_exception() || err.status().is_some(), "{err:?}");
}

/// An awsJson 1.0 client whose values are a recursive union, against moto's
/// DynamoDB: every `AttributeValue` case goes out and comes back equal, and
/// a missing table is the modelled error.
#[tokio::test(flavor = "multi_thread")]
async fn dynamodb_items_round_trip_through_moto() {
    use dynamodb_items::error::{CreateTableError, GetItemError};
    use dynamodb_items::types::{
        AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType, TableStatus,
    };
    use std::collections::HashMap;
    let Some(moto) = Moto::start() else { return };
    let client = dynamodb_items::client::Client::builder()
        .endpoint_url(&moto.url)
        .region("us-east-1")
        .credentials(dynamodb_items::client::Credentials::new("testing", "testing", None))
        .retry_config(dynamodb_items::client::RetryConfig::disabled())
        .build();
    let create = || {
        client
            .create_table()
            .table_name("items")
            .attribute_definitions(vec![AttributeDefinition::builder()
                .attribute_name("pk")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap()])
            .key_schema(vec![KeySchemaElement::builder().attribute_name("pk").key_type(KeyType::Hash).build().unwrap()])
            .billing_mode(BillingMode::PayPerRequest)
            .send()
    };
    let table = create().await.unwrap().table_description.unwrap();
    assert_eq!(table.table_name.as_deref(), Some("items"));
    assert_eq!(table.table_status, Some(TableStatus::Active));
    assert!(table.creation_date_time.is_some(), "moto's epoch-seconds timestamp is read");
    let again = create().await.unwrap_err();
    assert!(matches!(again, CreateTableError::ResourceInUseException(_)), "{again:?}");

    let key = HashMap::from([("pk".to_owned(), AttributeValue::S("k1".to_owned()))]);
    let mut item = key.clone();
    item.insert("n".to_owned(), AttributeValue::N("-12.5e3".to_owned()));
    item.insert("b".to_owned(), AttributeValue::B(vec![0, 1, 0xfe, 0xff]));
    item.insert("ss".to_owned(), AttributeValue::Ss(vec!["a".to_owned(), "b".to_owned()]));
    item.insert("ns".to_owned(), AttributeValue::Ns(vec!["1".to_owned(), "2".to_owned()]));
    item.insert("bs".to_owned(), AttributeValue::Bs(vec![vec![1], vec![2, 3]]));
    item.insert("null".to_owned(), AttributeValue::Null(true));
    item.insert("bool".to_owned(), AttributeValue::Bool(false));
    let nested = HashMap::from([(
        "list".to_owned(),
        AttributeValue::L(vec![AttributeValue::S("deep".to_owned()), AttributeValue::M(HashMap::new())]),
    )]);
    item.insert("m".to_owned(), AttributeValue::M(nested));
    client.put_item().table_name("items").item(item.clone()).send().await.unwrap();
    let got = client.get_item().table_name("items").key(key.clone()).consistent_read(true).send().await.unwrap();
    assert_eq!(got.item, Some(item));

    let none = client
        .get_item()
        .table_name("items")
        .key(HashMap::from([("pk".to_owned(), AttributeValue::S("absent".to_owned()))]))
        .send()
        .await
        .unwrap();
    assert_eq!(none.item, None);
    let missing = client.get_item().table_name("no-such-table").key(key).send().await.unwrap_err();
    assert!(matches!(missing, GetItemError::ResourceNotFoundException(_)), "{missing:?}");
    assert_eq!(missing.code(), Some("ResourceNotFoundException"));
    assert_eq!(missing.status(), Some(400));
}

/// An awsJson 1.0 service that moved from awsQuery, against moto's SQS:
/// typed message attributes (a string and a blob) and enum-keyed attribute
/// maps go out and come back, and a missing queue is the modelled error,
/// read from a response that also carries `x-amzn-query-error`.
#[tokio::test(flavor = "multi_thread")]
async fn sqs_queues_round_trip_through_moto() {
    use sqs_queues::error::GetQueueUrlError;
    use sqs_queues::types::{MessageAttributeValue, MessageSystemAttributeName, QueueAttributeName};
    use std::collections::HashMap;
    let Some(moto) = Moto::start() else { return };
    let client = sqs_queues::client::Client::builder()
        .endpoint_url(&moto.url)
        .region("us-east-1")
        .credentials(sqs_queues::client::Credentials::new("testing", "testing", None))
        .retry_config(sqs_queues::client::RetryConfig::disabled())
        .build();
    let created = client
        .create_queue()
        .queue_name("jobs")
        .attributes(HashMap::from([(QueueAttributeName::VisibilityTimeout, "45".to_owned())]))
        .send()
        .await
        .unwrap();
    let url = created.queue_url.expect("a queue URL");
    let looked_up = client.get_queue_url().queue_name("jobs").send().await.unwrap();
    assert_eq!(looked_up.queue_url.as_deref(), Some(url.as_str()));

    let attributes = HashMap::from([
        (
            "kind".to_owned(),
            MessageAttributeValue::builder().data_type("String").string_value("build").build().unwrap(),
        ),
        (
            "payload".to_owned(),
            MessageAttributeValue::builder().data_type("Binary").binary_value(vec![0u8, 1, 0xfe, 0xff]).build().unwrap(),
        ),
    ]);
    let sent = client
        .send_message()
        .queue_url(&url)
        .message_body("hello, queue")
        .message_attributes(attributes.clone())
        .send()
        .await
        .unwrap();
    // The MD5 of "hello, queue", as SQS computes it over the body's bytes.
    assert_eq!(sent.md5_of_message_body.as_deref(), Some("d06ea5ae7b3ea0eee9e39fca4c708100"));
    let received = client
        .receive_message()
        .queue_url(&url)
        .max_number_of_messages(10)
        .message_attribute_names(vec!["All".to_owned()])
        .message_system_attribute_names(vec![MessageSystemAttributeName::SentTimestamp])
        .send()
        .await
        .unwrap();
    let messages = received.messages.expect("one message");
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(message.body.as_deref(), Some("hello, queue"));
    assert_eq!(message.message_id, sent.message_id);
    assert_eq!(message.md5_of_body, sent.md5_of_message_body);
    assert_eq!(message.message_attributes.as_ref(), Some(&attributes));
    let system = message.attributes.as_ref().expect("system attributes");
    assert!(system.get(&MessageSystemAttributeName::SentTimestamp).is_some_and(|t| t.parse::<u64>().is_ok()), "{system:?}");
    client
        .delete_message()
        .queue_url(&url)
        .receipt_handle(message.receipt_handle.clone().expect("a receipt handle"))
        .send()
        .await
        .unwrap();

    let missing = client.get_queue_url().queue_name("no-such-queue").send().await.unwrap_err();
    assert!(matches!(missing, GetQueueUrlError::QueueDoesNotExist(_)), "{missing:?}");
    assert_eq!(missing.status(), Some(400));
    assert!(missing.code().is_some(), "{missing:?}");
}
