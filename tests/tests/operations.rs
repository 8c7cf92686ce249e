//! Every modelled CodeBuild operation through the generated client against
//! the local CodeBuild: StartBuild then RetryBuild, listing through the
//! paginators, batch reads and deletes.

use codebuild::client::{Client, RetryConfig};
use codebuild::error::ProvideErrorMetadata;
use codebuild::types::{
    ComputeType, EnvironmentType, EnvironmentVariable, Project, ProjectArtifacts, ProjectEnvironment,
    ProjectSource, SourceType, StatusType,
};
use codebuild_local::{LocalCodeBuild, Seed};
use integration_tests::serve_router;

async fn start(service: LocalCodeBuild) -> Client {
    let url = serve_router(codebuild::server::router(service)).await;
    Client::builder().endpoint_url(url).no_credentials().retry_config(RetryConfig::disabled()).build()
}

async fn create(client: &Client, name: &str) -> Project {
    try_create(client, name).await.unwrap().project.unwrap()
}

async fn try_create(
    client: &Client,
    name: &str,
) -> Result<codebuild::types::CreateProjectOutput, codebuild::error::CreateProjectError> {
    client
        .create_project()
        .name(name)
        .source(ProjectSource::builder().r#type(SourceType::Github).location("https://github.com/example/app.git").build().unwrap())
        .artifacts(ProjectArtifacts::builder().r#type(codebuild::types::ArtifactsType::NoArtifacts).build().unwrap())
        .environment(
            ProjectEnvironment::builder()
                .r#type(EnvironmentType::LinuxContainer)
                .image("aws/codebuild/standard:7.0")
                .compute_type(ComputeType::BuildGeneral1Small)
                .environment_variables(vec![EnvironmentVariable::builder().name("STAGE").value("dev").build().unwrap()])
                .build()
                .unwrap(),
        )
        .service_role("arn:aws:iam::123456789012:role/build")
        .send()
        .await
}

#[tokio::test]
async fn project_and_build_lifecycle() {
    let service = LocalCodeBuild::new(Seed::default()).with_page_size(2);
    let client = start(service.clone()).await;

    let project = create(&client, "app").await;
    assert_eq!(project.arn.as_deref(), Some("arn:aws:codebuild:us-east-1:123456789012:project/app"));
    let again = try_create(&client, "app").await.unwrap_err();
    assert!(again.is_resource_already_exists_exception(), "{again:?}");

    let started = client
        .start_build()
        .project_name("app")
        .source_version("main")
        .environment_variables_override(vec![EnvironmentVariable::builder().name("STAGE").value("prod").build().unwrap()])
        .send()
        .await
        .unwrap()
        .build
        .unwrap();
    assert_eq!(started.build_number, Some(1));
    assert_eq!(started.build_status, Some(StatusType::InProgress));
    assert_eq!(started.source_version.as_deref(), Some("main"));
    let env = started.environment.clone().unwrap();
    assert_eq!(env.environment_variables.unwrap()[0].value, "prod");

    let retried = client.retry_build().id(started.id.clone().unwrap()).send().await.unwrap().build.unwrap();
    assert_eq!(retried.build_number, Some(2));
    assert_eq!(retried.source_version.as_deref(), Some("main"));

    let third = client.start_build().project_name("app").send().await.unwrap().build.unwrap();
    let stopped = client.stop_build().id(third.id.clone().unwrap()).send().await.unwrap().build.unwrap();
    assert_eq!(stopped.build_status, Some(StatusType::Stopped));
    assert!(stopped.build_complete);

    let missing = client.start_build().project_name("nope").send().await.unwrap_err();
    assert!(missing.is_resource_not_found_exception(), "{missing:?}");

    // Newest first, two per page: the paginator follows the tokens.
    let ids = client.list_builds().into_paginator().items().try_collect().await.unwrap();
    assert_eq!(ids, [third.id.clone().unwrap(), retried.id.clone().unwrap(), started.id.clone().unwrap()]);
    let pages = client.list_builds_for_project().project_name("app").into_paginator().send().try_collect().await.unwrap();
    assert_eq!(pages.len(), 2);
    let not_a_project = client.list_builds_for_project().project_name("ghost").send().await.unwrap_err();
    assert!(not_a_project.is_resource_not_found_exception());

    let got = client.batch_get_builds().ids(vec![started.id.clone().unwrap(), "app:missing".to_owned()]).send().await.unwrap();
    assert_eq!(got.builds.unwrap().len(), 1);
    assert_eq!(got.builds_not_found.unwrap(), ["app:missing"]);

    let deleted = client.batch_delete_builds().ids(vec![third.id.clone().unwrap(), "app:missing".to_owned()]).send().await.unwrap();
    assert_eq!(deleted.builds_deleted.unwrap(), [third.id.clone().unwrap()]);
    assert_eq!(deleted.builds_not_deleted.unwrap()[0].id.as_deref(), Some("app:missing"));

    create(&client, "zeta").await;
    create(&client, "beta").await;
    let names = client.list_projects().into_paginator().items().try_collect().await.unwrap();
    assert_eq!(names, ["app", "beta", "zeta"]);
    let projects = client.batch_get_projects().names(vec!["beta".to_owned(), "gone".to_owned()]).send().await.unwrap();
    assert_eq!(projects.projects.unwrap()[0].name.as_deref(), Some("beta"));
    assert_eq!(projects.projects_not_found.unwrap(), ["gone"]);

    client.delete_project().name("beta").send().await.unwrap();
    assert!(service.project("beta").is_none());
}

#[tokio::test]
async fn start_build_idempotency_token() {
    let client = start(LocalCodeBuild::new(Seed::default())).await;
    create(&client, "app").await;
    let first = client.start_build().project_name("app").idempotency_token("t").send().await.unwrap().build.unwrap();
    let again = client.start_build().project_name("app").idempotency_token("t").send().await.unwrap().build.unwrap();
    assert_eq!(first.id, again.id);
    let changed = client.start_build().project_name("app").source_version("dev").idempotency_token("t").send().await.unwrap_err();
    assert!(changed.is_invalid_input_exception());
    assert!(changed.message().unwrap().contains("Parameter mismatch"));
}

#[tokio::test]
async fn validation_covers_nested_members() {
    let client = start(LocalCodeBuild::new(Seed::default())).await;
    // ProjectName has a pattern and a minimum length of 2.
    let e = try_create(&client, "x").await.unwrap_err();
    assert!(e.is_invalid_input_exception(), "{e:?}");
    let message = e.message().unwrap();
    assert!(message.contains("at 'name'") && message.contains("length greater than or equal to 2"), "{message}");
    let e = try_create(&client, "bad name!").await.unwrap_err();
    assert!(e.message().unwrap().contains("regular expression pattern"), "{e}");
    // Required members of the input are left to the service to enforce (a
    // service may relax them); it reports them together.
    let e = client.create_project().send().await.unwrap_err();
    let message = e.message().unwrap();
    assert!(message.contains("validation errors detected"), "{message}");
    for member in ["'name'", "'source'", "'artifacts'", "'environment'"] {
        assert!(message.contains(member), "{member} missing from: {message}");
    }
}

#[tokio::test]
async fn list_elements_are_validated() {
    let client = start(LocalCodeBuild::new(Seed::default())).await;
    // BuildIds: 1 to 100 ids, each a non-empty string.
    let e = client.batch_get_builds().ids(vec!["app:1".to_owned(), String::new()]).send().await.unwrap_err();
    assert!(e.is_invalid_input_exception(), "{e:?}");
    let message = e.message().unwrap();
    assert!(message.contains("at 'ids.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1"), "{message}");
    let e = client.batch_get_builds().ids(Vec::new()).send().await.unwrap_err();
    assert!(e.message().unwrap().contains("at 'ids'"), "{e}");
}

#[tokio::test]
async fn missing_required_members_of_nested_structures_are_rejected() {
    let url = serve_router(codebuild::server::router(LocalCodeBuild::new(Seed::default()))).await;
    let body = br#"{"projectName": "app", "environmentVariablesOverride": [{"value": "no name"}]}"#;
    let response = integration_tests::raw_request(
        "POST",
        &url,
        &[("x-amz-target", "CodeBuild_20161006.StartBuild"), ("content-type", "application/x-amz-json-1.1")],
        body.to_vec(),
    )
    .await;
    assert_eq!(response.status, 400);
    let answer = response.json();
    assert_eq!(answer["__type"], "InvalidInputException");
    let message = answer["message"].as_str().unwrap();
    assert!(message.contains("at 'environmentVariablesOverride.1.member.name' failed to satisfy constraint: Member must not be null"), "{message}");
    // A client reading the same shape fills the zero value instead.
    let var: EnvironmentVariable = serde_json::from_str(r#"{"value": "v"}"#).unwrap();
    assert_eq!(var.name, "");
}
