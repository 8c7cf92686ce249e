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
