//! restJson1 against real third-party peers: the generated EKS client
//! against moto, and the AWS CLI and boto3 against generated EKS and Lambda
//! servers backed by small in-memory services. Covered: labels holding
//! `/` and `:` (ARNs), query lists and query values with spaces, header
//! members both ways, a blob payload, `@httpResponseCode`, pagination, and
//! modeled errors.

use std::collections::HashMap;
use std::sync::Mutex;

use eks_clusters::client::{Client as EksClient, Credentials, RetryConfig};
use eks_clusters::error::{DescribeClusterError, ProvideErrorMetadata};
use eks_clusters::server::RequestContext;
use eks_clusters::types as eks;
use integration_tests::{aws_cli as aws, boto3_script, serve_router, Moto};
use lambda_functions::types as lambda;

const ROLE: &str = "arn:aws:iam::123456789012:role/eks";

fn eks_client(url: &str) -> EksClient {
    EksClient::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials(Credentials::new("testing", "testing", None))
        .retry_config(RetryConfig::disabled())
        .build()
}

fn vpc() -> eks::VpcConfigRequest {
    eks::VpcConfigRequest::builder().subnet_ids(vec!["subnet-1".to_owned(), "subnet-2".to_owned()]).build()
}

#[tokio::test(flavor = "multi_thread")]
async fn eks_clusters_against_moto() {
    let Some(moto) = Moto::start() else { return };
    let client = eks_client(&moto.url);
    for name in ["alpha", "beta", "gamma"] {
        let cluster = client
            .create_cluster()
            .name(name)
            .role_arn(ROLE)
            .version("1.29")
            .resources_vpc_config(vpc())
            .tags(HashMap::from([("team".to_owned(), "blue sky".to_owned())]))
            .send()
            .await
            .unwrap()
            .cluster
            .unwrap();
        assert_eq!(cluster.name.as_deref(), Some(name));
    }
    let described = client.describe_cluster().name("beta").send().await.unwrap().cluster.unwrap();
    assert_eq!(described.role_arn.as_deref(), Some(ROLE));
    assert_eq!(described.version.as_deref(), Some("1.29"));
    assert!(described.created_at.is_some(), "moto's timestamps are read");
    let subnets = described.resources_vpc_config.as_ref().and_then(|v| v.subnet_ids.clone());
    assert_eq!(subnets, Some(vec!["subnet-1".to_owned(), "subnet-2".to_owned()]));

    // Two per page: the paginator follows nextToken.
    let mut pages = client.list_clusters().max_results(2).into_paginator().send();
    let mut names = Vec::new();
    let mut count = 0;
    while let Some(page) = pages.next().await {
        names.extend(page.unwrap().clusters.unwrap_or_default());
        count += 1;
    }
    names.sort();
    assert_eq!(names, ["alpha", "beta", "gamma"]);
    assert_eq!(count, 2, "three clusters in pages of two");

    // The ARN is a label with `/` and `:` in it; the tag keys a query list.
    let arn = described.arn.clone().unwrap();
    client
        .tag_resource()
        .resource_arn(&arn)
        .tags(HashMap::from([("owner".to_owned(), "ops team".to_owned()), ("tier".to_owned(), "gold".to_owned())]))
        .send()
        .await
        .unwrap();
    let tags = client.list_tags_for_resource().resource_arn(&arn).send().await.unwrap().tags.unwrap();
    assert_eq!(tags.len(), 3, "{tags:?}");
    assert_eq!(tags["owner"], "ops team");
    // moto removes only the first of several tagKeys (for boto3 as well),
    // so one key here; the servers' tests untag several.
    client.untag_resource().resource_arn(&arn).tag_keys(vec!["tier".to_owned()]).send().await.unwrap();
    let tags = client.list_tags_for_resource().resource_arn(&arn).send().await.unwrap().tags.unwrap();
    let expected = [("team", "blue sky"), ("owner", "ops team")].map(|(k, v)| (k.to_owned(), v.to_owned()));
    assert_eq!(tags, HashMap::from(expected));

    let deleted = client.delete_cluster().name("gamma").send().await.unwrap().cluster.unwrap();
    assert_eq!(deleted.name.as_deref(), Some("gamma"));
    let err = client.describe_cluster().name("gamma").send().await.unwrap_err();
    assert!(matches!(err, DescribeClusterError::ResourceNotFoundException(_)), "{err:?}");
    assert_eq!(err.status(), Some(404));
}

/// An in-memory EKS: clusters by name, tags by ARN.
#[derive(Default)]
struct LocalEks {
    clusters: Mutex<Vec<eks::Cluster>>,
    tags: Mutex<HashMap<String, HashMap<String, String>>>,
    /// The `include` query list of the last ListClusters.
    last_include: Mutex<Option<Vec<String>>>,
}

fn not_found(name: &str) -> eks::ResourceNotFoundException {
    eks::ResourceNotFoundException::builder().cluster_name(name).message(format!("No cluster found for name: {name}.")).build()
}

impl eks_clusters::server::Eks for LocalEks {
    async fn create_cluster(
        &self,
        input: eks::CreateClusterRequest,
        _: RequestContext,
    ) -> Result<eks::CreateClusterResponse, eks_clusters::error::CreateClusterError> {
        let name = input.name.unwrap_or_default();
        let arn = format!("arn:aws:eks:us-east-1:123456789012:cluster/{name}");
        let cluster = eks::Cluster::builder()
            .name(&name)
            .arn(&arn)
            .role_arn(input.role_arn.unwrap_or_default())
            .version(input.version.unwrap_or_else(|| "1.30".to_owned()))
            .created_at(smithy_runtime::DateTime::from_secs(1_700_000_000))
            .status(eks::ClusterStatus::Active)
            .build();
        self.tags.lock().unwrap().insert(arn, input.tags.unwrap_or_default());
        self.clusters.lock().unwrap().push(cluster.clone());
        Ok(eks::CreateClusterResponse::builder().cluster(cluster).build())
    }

    async fn describe_cluster(
        &self,
        input: eks::DescribeClusterRequest,
        _: RequestContext,
    ) -> Result<eks::DescribeClusterResponse, DescribeClusterError> {
        let name = input.name.unwrap_or_default();
        let found = self.clusters.lock().unwrap().iter().find(|c| c.name.as_deref() == Some(name.as_str())).cloned();
        match found {
            Some(cluster) => Ok(eks::DescribeClusterResponse::builder().cluster(cluster).build()),
            None => Err(DescribeClusterError::ResourceNotFoundException(not_found(&name))),
        }
    }

    async fn list_clusters(
        &self,
        input: eks::ListClustersRequest,
        _: RequestContext,
    ) -> Result<eks::ListClustersResponse, eks_clusters::error::ListClustersError> {
        *self.last_include.lock().unwrap() = input.include.clone();
        let names: Vec<String> = self.clusters.lock().unwrap().iter().filter_map(|c| c.name.clone()).collect();
        let start: usize = input.next_token.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0);
        let size = input.max_results.unwrap_or(100).max(1) as usize;
        let end = (start + size).min(names.len());
        let next = (end < names.len()).then(|| end.to_string());
        Ok(eks::ListClustersResponse::builder().clusters(names[start..end].to_vec()).set_next_token(next).build())
    }

    async fn tag_resource(
        &self,
        input: eks::TagResourceRequest,
        _: RequestContext,
    ) -> Result<eks::TagResourceResponse, eks_clusters::error::TagResourceError> {
        let arn = input.resource_arn.unwrap_or_default();
        self.tags.lock().unwrap().entry(arn).or_default().extend(input.tags.unwrap_or_default());
        Ok(eks::TagResourceResponse::builder().build())
    }

    async fn untag_resource(
        &self,
        input: eks::UntagResourceRequest,
        _: RequestContext,
    ) -> Result<eks::UntagResourceResponse, eks_clusters::error::UntagResourceError> {
        let arn = input.resource_arn.unwrap_or_default();
        if let Some(tags) = self.tags.lock().unwrap().get_mut(&arn) {
            for key in input.tag_keys.unwrap_or_default() {
                tags.remove(&key);
            }
        }
        Ok(eks::UntagResourceResponse::builder().build())
    }

    async fn list_tags_for_resource(
        &self,
        input: eks::ListTagsForResourceRequest,
        _: RequestContext,
    ) -> Result<eks::ListTagsForResourceResponse, eks_clusters::error::ListTagsForResourceError> {
        let tags = self.tags.lock().unwrap().get(&input.resource_arn.unwrap_or_default()).cloned().unwrap_or_default();
        Ok(eks::ListTagsForResourceResponse::builder().tags(tags).build())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_cli_and_boto3_against_the_eks_server() {
    if !integration_tests::tool_available("aws") || !integration_tests::python_module_installed("boto3") {
        return;
    }
    let service = std::sync::Arc::new(LocalEks::default());
    let url = serve_router(eks_clusters::server::router(SharedEks(std::sync::Arc::clone(&service)))).await;

    let out = aws(&url, "eks", &["create-cluster", "--name", "web", "--role-arn", ROLE, "--resources-vpc-config", "subnetIds=subnet-1", "--tags", "team=blue sky"]).await;
    assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
    let created: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(created["cluster"]["name"], "web");
    assert_eq!(created["cluster"]["status"], "ACTIVE");

    let out = aws(&url, "eks", &["describe-cluster", "--name", "nope"]).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ResourceNotFoundException") && stderr.contains("No cluster found for name: nope."), "{stderr}");

    let arn = "arn:aws:eks:us-east-1:123456789012:cluster/web";
    let out = aws(&url, "eks", &["untag-resource", "--resource-arn", arn, "--tag-keys", "team", "other key"]).await;
    assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(service.tags.lock().unwrap()[arn], HashMap::new(), "the ARN label and the tag keys arrived");

    let out = aws(&url, "eks", &["list-clusters", "--include", "all", "connected ones"]).await;
    assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed["clusters"], serde_json::json!(["web"]));
    assert_eq!(*service.last_include.lock().unwrap(), Some(vec!["all".to_owned(), "connected ones".to_owned()]));

    let seen = boto3_script(
        r#"
import json, sys, boto3
eks = boto3.client("eks", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
for name in ["a1", "a2", "a3"]:
    eks.create_cluster(name=name, roleArn="arn:aws:iam::123456789012:role/eks", resourcesVpcConfig={})
pages = [p["clusters"] for p in eks.get_paginator("list_clusters").paginate(PaginationConfig={"PageSize": 2})]
arn = eks.describe_cluster(name="a2")["cluster"]["arn"]
eks.tag_resource(resourceArn=arn, tags={"cost center": "42/7"})
tags = eks.list_tags_for_resource(resourceArn=arn)["tags"]
try:
    eks.describe_cluster(name="zz")
    error = None
except eks.exceptions.ResourceNotFoundException as e:
    error = {"class": type(e).__name__, "code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "cluster": e.response.get("clusterName")}
created = eks.describe_cluster(name="a1")["cluster"]["createdAt"].isoformat()
print(json.dumps({"pages": pages, "tags": tags, "error": error, "created": created}))
"#,
        url,
    )
    .await;
    assert_eq!(seen["pages"], serde_json::json!([["web", "a1"], ["a2", "a3"]]), "{seen}");
    assert_eq!(seen["tags"], serde_json::json!({"cost center": "42/7"}), "{seen}");
    assert_eq!(seen["error"]["class"], "ResourceNotFoundException", "{seen}");
    assert_eq!(seen["error"]["status"], 404, "{seen}");
    assert_eq!(seen["error"]["cluster"], "zz", "{seen}");
    assert_eq!(seen["created"], "2023-11-14T22:13:20+00:00", "{seen}");
}

/// The trait is implemented for a shared handle, so the test can look in.
struct SharedEks(std::sync::Arc<LocalEks>);

impl eks_clusters::server::Eks for SharedEks {
    async fn create_cluster(&self, input: eks::CreateClusterRequest, c: RequestContext) -> Result<eks::CreateClusterResponse, eks_clusters::error::CreateClusterError> {
        self.0.create_cluster(input, c).await
    }
    async fn describe_cluster(&self, input: eks::DescribeClusterRequest, c: RequestContext) -> Result<eks::DescribeClusterResponse, DescribeClusterError> {
        self.0.describe_cluster(input, c).await
    }
    async fn list_clusters(&self, input: eks::ListClustersRequest, c: RequestContext) -> Result<eks::ListClustersResponse, eks_clusters::error::ListClustersError> {
        self.0.list_clusters(input, c).await
    }
    async fn tag_resource(&self, input: eks::TagResourceRequest, c: RequestContext) -> Result<eks::TagResourceResponse, eks_clusters::error::TagResourceError> {
        self.0.tag_resource(input, c).await
    }
    async fn untag_resource(&self, input: eks::UntagResourceRequest, c: RequestContext) -> Result<eks::UntagResourceResponse, eks_clusters::error::UntagResourceError> {
        self.0.untag_resource(input, c).await
    }
    async fn list_tags_for_resource(
        &self,
        input: eks::ListTagsForResourceRequest,
        c: RequestContext,
    ) -> Result<eks::ListTagsForResourceResponse, eks_clusters::error::ListTagsForResourceError> {
        self.0.list_tags_for_resource(input, c).await
    }
}

/// A Lambda that echoes: Invoke answers the payload reversed, says the
/// version it ran in a header, and reports a function error for `"fail"`.
struct EchoLambda;

impl lambda_functions::server::Lambda for EchoLambda {
    async fn invoke(
        &self,
        input: lambda::InvocationRequest,
        _: lambda_functions::server::RequestContext,
    ) -> Result<lambda::InvocationResponse, lambda_functions::error::InvokeError> {
        let payload = input.payload.unwrap_or_default();
        let version = input.qualifier.unwrap_or_else(|| "$LATEST".to_owned());
        let asynchronous = input.invocation_type == Some(lambda::InvocationType::Event);
        let mut reversed = payload.clone();
        reversed.reverse();
        let failed = payload == b"\"fail\"";
        Ok(lambda::InvocationResponse::builder()
            .status_code(if asynchronous { 202 } else { 200 })
            .payload(if asynchronous { Vec::new() } else { reversed })
            .executed_version(version)
            .set_function_error(failed.then(|| "Unhandled".to_owned()))
            .set_log_result(input.client_context)
            .build())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn boto3_and_aws_cli_invoke_the_lambda_server() {
    if !integration_tests::tool_available("aws") || !integration_tests::python_module_installed("boto3") {
        return;
    }
    let url = serve_router(lambda_functions::server::router(EchoLambda)).await;
    let seen = boto3_script(
        r#"
import base64, json, sys, boto3
fn = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
out = fn.invoke(FunctionName="arn:aws:lambda:us-east-1:123456789012:function:echo", Payload=b"\x00binary\xff",
                Qualifier="v2", ClientContext=base64.b64encode(b"ctx").decode())
failed = fn.invoke(FunctionName="echo", Payload=b'"fail"')
queued = fn.invoke(FunctionName="echo", InvocationType="Event", Payload=b"{}")
print(json.dumps({
    "status": out["StatusCode"], "payload": list(out["Payload"].read()), "version": out["ExecutedVersion"],
    "log": out.get("LogResult"), "error": failed.get("FunctionError"), "queued": queued["StatusCode"],
}))
"#,
        url.clone(),
    )
    .await;
    assert_eq!(seen["status"], 200, "{seen}");
    assert_eq!(seen["payload"], serde_json::json!([255, 121, 114, 97, 110, 105, 98, 0]), "{seen}");
    assert_eq!(seen["version"], "v2", "{seen}");
    assert_eq!(seen["log"], "Y3R4", "{seen}");
    assert_eq!(seen["error"], "Unhandled", "{seen}");
    assert_eq!(seen["queued"], 202, "{seen}");

    let outfile = std::env::temp_dir().join(format!("lambda-out-{}", std::process::id()));
    let out = aws(
        &url,
        "lambda",
        &["invoke", "--function-name", "echo", "--payload", "{\"a\":1}", outfile.to_str().unwrap()],
    )
    .await;
    assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["StatusCode"], 200);
    assert_eq!(answer["ExecutedVersion"], "$LATEST");
    assert_eq!(std::fs::read_to_string(&outfile).unwrap(), "}1:\"a\"{");
    let _ = std::fs::remove_file(outfile);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_generated_client_against_the_generated_server() {
    let url = serve_router(eks_clusters::server::router(LocalEks::default())).await;
    let client = eks_client(&url);
    client.create_cluster().name("one").role_arn(ROLE).resources_vpc_config(vpc()).send().await.unwrap();
    let arn = "arn:aws:eks:us-east-1:123456789012:cluster/one";
    client
        .tag_resource()
        .resource_arn(arn)
        .tags(HashMap::from([("a b".to_owned(), "c/d?e&f".to_owned())]))
        .send()
        .await
        .unwrap();
    let tags = client.list_tags_for_resource().resource_arn(arn).send().await.unwrap().tags.unwrap();
    assert_eq!(tags["a b"], "c/d?e&f");
    let err = client.describe_cluster().name("two").send().await.unwrap_err();
    let DescribeClusterError::ResourceNotFoundException(e) = &err else { panic!("{err:?}") };
    assert_eq!(e.cluster_name.as_deref(), Some("two"));
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(err.message(), Some("No cluster found for name: two."));
    // An empty label is refused before anything is sent.
    let err = client.describe_cluster().name("").send().await.unwrap_err();
    assert!(err.to_string().contains("label `name` must not be empty"), "{err}");

    let lambda_url = serve_router(lambda_functions::server::router(EchoLambda)).await;
    let lambda = lambda_functions::client::Client::builder()
        .endpoint_url(&lambda_url)
        .region("us-east-1")
        .credentials(lambda_functions::client::Credentials::new("testing", "testing", None))
        .build();
    let out = lambda.invoke().function_name("echo").payload(b"abc".to_vec()).qualifier("7").send().await.unwrap();
    assert_eq!(out.status_code, 200);
    assert_eq!(out.payload.as_deref(), Some(&b"cba"[..]));
    assert_eq!(out.executed_version.as_deref(), Some("7"));
    let queued = lambda.invoke().function_name("echo").invocation_type(lambda::InvocationType::Event).send().await.unwrap();
    assert_eq!(queued.status_code, 202, "@httpResponseCode is read from the status");
    assert_eq!(queued.payload, None);
}
