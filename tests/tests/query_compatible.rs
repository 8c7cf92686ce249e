//! An awsQuery-compatible service (`aws.protocols#awsQueryCompatible`, as SQS
//! is): its errors carry `x-amzn-query-error: Code;Fault` with the awsQuery
//! code of `aws.protocols#awsQueryError`. The generated server sends it, the
//! generated client reads the code from it, and the AWS CLI and boto3 see
//! the codes and exception classes they see from SQS itself.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;

use integration_tests::{aws_cli, raw_request, serve_router, CaptureServer, Reply};
use sqs_queues::client::{Client, Credentials, RetryConfig};
use sqs_queues::error::{
    CreateQueueError, DeleteMessageError, GetQueueUrlError, ProvideErrorMetadata, ReceiveMessageError,
    SendMessageError,
};
use sqs_queues::server::{RequestContext, Sqs};
use sqs_queues::types::{
    CreateQueueRequest, CreateQueueResult, DeleteMessageRequest, GetQueueUrlRequest, GetQueueUrlResult, Message,
    MessageAttributeValue, QueueAttributeName, QueueDoesNotExist, QueueNameExists, ReceiptHandleIsInvalid,
    ReceiveMessageRequest, ReceiveMessageResult, SendMessageRequest, SendMessageResult,
};

/// Queues in memory: messages are handed out once and deleted by receipt
/// handle. URLs are `http://HOST/000000000000/NAME`, on the host the
/// request came to.
#[derive(Default)]
struct Queues {
    queues: Mutex<BTreeMap<String, Queue>>,
}

#[derive(Default)]
struct Queue {
    attributes: HashMap<QueueAttributeName, String>,
    waiting: VecDeque<Message>,
    in_flight: HashMap<String, Message>,
    sent: u64,
}

fn queue_url(context: &RequestContext, name: &str) -> String {
    let host = context.headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    format!("http://{host}/000000000000/{name}")
}

fn no_queue(what: &str) -> QueueDoesNotExist {
    QueueDoesNotExist::builder().message(format!("The specified queue {what} does not exist.")).build()
}

impl Queues {
    /// Runs `f` on the queue a URL names.
    fn with_queue<T>(&self, url: Option<&str>, f: impl FnOnce(&mut Queue) -> T) -> Result<T, QueueDoesNotExist> {
        let url = url.unwrap_or_default();
        let name = url.rsplit('/').next().unwrap_or_default();
        let mut queues = self.queues.lock().unwrap();
        queues.get_mut(name).map(f).ok_or_else(|| no_queue(url))
    }
}

impl Sqs for Queues {
    async fn create_queue(
        &self,
        input: CreateQueueRequest,
        context: RequestContext,
    ) -> Result<CreateQueueResult, CreateQueueError> {
        let name = input.queue_name.unwrap_or_default();
        let attributes = input.attributes.unwrap_or_default();
        let mut queues = self.queues.lock().unwrap();
        match queues.get(&name) {
            Some(queue) if queue.attributes != attributes => {
                let message = format!("A queue already exists with the same name and a different value for attribute(s) {:?}", attributes.keys());
                return Err(CreateQueueError::QueueNameExists(QueueNameExists::builder().message(message).build()));
            }
            Some(_) => {}
            None => {
                queues.insert(name.clone(), Queue { attributes, ..Queue::default() });
            }
        }
        Ok(CreateQueueResult::builder().queue_url(queue_url(&context, &name)).build())
    }

    async fn get_queue_url(
        &self,
        input: GetQueueUrlRequest,
        context: RequestContext,
    ) -> Result<GetQueueUrlResult, GetQueueUrlError> {
        let name = input.queue_name.unwrap_or_default();
        if !self.queues.lock().unwrap().contains_key(&name) {
            return Err(GetQueueUrlError::QueueDoesNotExist(no_queue(&name)));
        }
        Ok(GetQueueUrlResult::builder().queue_url(queue_url(&context, &name)).build())
    }

    async fn send_message(
        &self,
        input: SendMessageRequest,
        _: RequestContext,
    ) -> Result<SendMessageResult, SendMessageError> {
        let id = self
            .with_queue(input.queue_url.as_deref(), |queue| {
                queue.sent += 1;
                let id = format!("message-{}", queue.sent);
                let message = Message::builder()
                    .message_id(&id)
                    .set_body(input.message_body)
                    .set_message_attributes(input.message_attributes)
                    .build();
                queue.waiting.push_back(message);
                id
            })
            .map_err(SendMessageError::QueueDoesNotExist)?;
        Ok(SendMessageResult::builder().message_id(id).build())
    }

    async fn receive_message(
        &self,
        input: ReceiveMessageRequest,
        _: RequestContext,
    ) -> Result<ReceiveMessageResult, ReceiveMessageError> {
        let wanted = input.max_number_of_messages.unwrap_or(1).clamp(1, 10) as usize;
        let messages = self
            .with_queue(input.queue_url.as_deref(), |queue| {
                let mut out = Vec::new();
                while out.len() < wanted {
                    let Some(mut message) = queue.waiting.pop_front() else { break };
                    let handle = format!("receipt-{}", message.message_id.as_deref().unwrap_or_default());
                    message.receipt_handle = Some(handle.clone());
                    queue.in_flight.insert(handle, message.clone());
                    out.push(message);
                }
                out
            })
            .map_err(ReceiveMessageError::QueueDoesNotExist)?;
        Ok(ReceiveMessageResult::builder().messages(messages).build())
    }

    async fn delete_message(&self, input: DeleteMessageRequest, _: RequestContext) -> Result<(), DeleteMessageError> {
        let handle = input.receipt_handle.unwrap_or_default();
        let deleted = self
            .with_queue(input.queue_url.as_deref(), |queue| queue.in_flight.remove(&handle).is_some())
            .map_err(DeleteMessageError::QueueDoesNotExist)?;
        if !deleted {
            let message = format!("The input receipt handle \"{handle}\" is not a valid receipt handle.");
            return Err(DeleteMessageError::ReceiptHandleIsInvalid(ReceiptHandleIsInvalid::builder().message(message).build()));
        }
        Ok(())
    }
}

async fn start() -> String {
    serve_router(sqs_queues::server::router(Queues::default())).await
}

fn client(url: &str) -> Client {
    Client::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(RetryConfig::disabled())
        .build()
}

#[tokio::test(flavor = "multi_thread")]
async fn generated_client_and_server_speak_query_codes() {
    let url = start().await;
    let client = client(&url);
    let queue = client.create_queue().queue_name("jobs").send().await.unwrap().queue_url.unwrap();
    let attributes = HashMap::from([(
        "payload".to_owned(),
        MessageAttributeValue::builder().data_type("Binary").binary_value(b"\x00\xff".to_vec()).build().unwrap(),
    )]);
    let send = client.send_message().queue_url(&queue).message_body("hi").message_attributes(attributes.clone());
    let sent = send.send().await.unwrap();
    let received = client.receive_message().queue_url(&queue).send().await.unwrap().messages.unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].message_id, sent.message_id);
    assert_eq!(received[0].message_attributes.as_ref(), Some(&attributes));
    let handle = received[0].receipt_handle.clone().unwrap();
    client.delete_message().queue_url(&queue).receipt_handle(&handle).send().await.unwrap();

    // The code is the awsQuery code; the modeled error is still picked.
    let error = client.get_queue_url().queue_name("absent").send().await.unwrap_err();
    assert!(matches!(error, GetQueueUrlError::QueueDoesNotExist(_)), "{error:?}");
    assert_eq!(error.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert_eq!(error.message(), Some("The specified queue absent does not exist."));
    let error = client
        .create_queue()
        .queue_name("jobs")
        .attributes(HashMap::from([(QueueAttributeName::DelaySeconds, "5".to_owned())]))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, CreateQueueError::QueueNameExists(_)), "{error:?}");
    assert_eq!(error.code(), Some("QueueAlreadyExists"));
    // Without `awsQueryError` the code is the shape name.
    let error = client.delete_message().queue_url(&queue).receipt_handle(&handle).send().await.unwrap_err();
    assert!(matches!(error, DeleteMessageError::ReceiptHandleIsInvalid(_)), "{error:?}");
    assert_eq!(error.code(), Some("ReceiptHandleIsInvalid"));
}

#[tokio::test(flavor = "multi_thread")]
async fn every_error_response_carries_x_amzn_query_error() {
    let url = start().await;
    let call = |operation: &str, body: String| {
        let target = format!("AmazonSQS.{operation}");
        let url = url.clone();
        async move {
            let headers = [("content-type", "application/x-amz-json-1.0"), ("x-amz-target", target.as_str())];
            raw_request("POST", &url, &headers, body.into_bytes()).await
        }
    };
    let missing = call("GetQueueUrl", r#"{"QueueName": "absent"}"#.to_owned()).await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.header("x-amzn-query-error"), Some("AWS.SimpleQueueService.NonExistentQueue;Sender"));
    assert_eq!(missing.json()["__type"], "test.sqs#QueueDoesNotExist");
    // A modeled error without `awsQueryError` goes by its name.
    call("CreateQueue", r#"{"QueueName": "q"}"#.to_owned()).await;
    let body = serde_json::json!({ "QueueUrl": format!("{url}/000000000000/q"), "ReceiptHandle": "nope" });
    let invalid = call("DeleteMessage", body.to_string()).await;
    assert_eq!(invalid.header("x-amzn-query-error"), Some("ReceiptHandleIsInvalid;Sender"));
    // Errors the framework answers: validation, unreadable input, unknown operation.
    let validation = call("GetQueueUrl", "{}".to_owned()).await;
    assert_eq!(validation.status, 400);
    assert_eq!(validation.header("x-amzn-query-error"), Some("ValidationException;Sender"));
    let unreadable = call("GetQueueUrl", r#"{"QueueName": 7}"#.to_owned()).await;
    assert_eq!(unreadable.header("x-amzn-query-error"), Some("SerializationException;Sender"));
    let unknown = call("PurgeQueue", "{}".to_owned()).await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.header("x-amzn-query-error").is_some_and(|v| v.ends_with(";Sender")), "{:?}", unknown.headers);
    let ok = call("GetQueueUrl", r#"{"QueueName": "q"}"#.to_owned()).await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("x-amzn-query-error"), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn services_that_are_not_query_compatible_send_no_query_error() {
    let url = serve_router(codebuild::server::router(codebuild_local::LocalCodeBuild::default())).await;
    let headers = [("content-type", "application/x-amz-json-1.1"), ("x-amz-target", "CodeBuild_20161006.RetryBuild")];
    let response = raw_request("POST", &url, &headers, br#"{"id": "p:absent"}"#.to_vec()).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.header("x-amzn-query-error"), None);
}

/// What the client makes of error responses an SQS-like service may send.
#[tokio::test(flavor = "multi_thread")]
async fn the_client_reads_codes_from_x_amzn_query_error() {
    let reply = |query_error: &str, body: &str| {
        Reply::Http(
            400,
            vec![("content-type", "application/x-amz-json-1.0".to_owned()), ("x-amzn-query-error", query_error.to_owned())],
            body.as_bytes().to_vec(),
        )
    };
    let server = CaptureServer::start(vec![
        // SQS itself: the error type in `__type`, the awsQuery code in the header.
        reply(
            "AWS.SimpleQueueService.NonExistentQueue;Sender",
            r#"{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "gone"}"#,
        ),
        // Only the header names the error: the awsQuery code picks it.
        reply("AWS.SimpleQueueService.NonExistentQueue;Sender", "{}"),
        // An error the model does not know keeps the service's code.
        reply("AWS.SimpleQueueService.Throttled;Receiver", r#"{"__type": "com.amazonaws.sqs#Overloaded"}"#),
        // A header not of the form `Code;Fault` is ignored.
        reply("garbled", r#"{"__type": "com.amazonaws.sqs#QueueDoesNotExist"}"#),
    ])
    .await;
    let client = client(&server.url);
    let call = || client.get_queue_url().queue_name("q").send();

    let error = call().await.unwrap_err();
    assert!(matches!(error, GetQueueUrlError::QueueDoesNotExist(_)), "{error:?}");
    assert_eq!((error.code(), error.message()), (Some("AWS.SimpleQueueService.NonExistentQueue"), Some("gone")));
    let error = call().await.unwrap_err();
    assert!(matches!(error, GetQueueUrlError::QueueDoesNotExist(_)), "{error:?}");
    assert_eq!(error.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    let error = call().await.unwrap_err();
    assert!(matches!(error, GetQueueUrlError::Unhandled(_)), "{error:?}");
    assert_eq!(error.code(), Some("AWS.SimpleQueueService.Throttled"));
    let error = call().await.unwrap_err();
    assert!(matches!(error, GetQueueUrlError::QueueDoesNotExist(_)), "{error:?}");
    assert_eq!(error.code(), Some("QueueDoesNotExist"));
}

/// A client of a service that is not awsQuery-compatible ignores the header.
#[tokio::test(flavor = "multi_thread")]
async fn other_clients_ignore_x_amzn_query_error() {
    let server = CaptureServer::start(vec![Reply::Http(
        400,
        vec![("x-amzn-query-error", "SomethingElse;Sender".to_owned())],
        br#"{"__type": "ResourceNotFoundException", "message": "no build"}"#.to_vec(),
    )])
    .await;
    let client = codebuild::client::Client::builder()
        .endpoint_url(&server.url)
        .region("us-east-1")
        .credentials(codebuild::client::Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(codebuild::client::RetryConfig::disabled())
        .build();
    let error = client.retry_build().id("p:1").send().await.unwrap_err();
    assert!(matches!(error, codebuild::error::RetryBuildError::ResourceNotFoundException(_)), "{error:?}");
    assert_eq!(codebuild::error::ProvideErrorMetadata::code(&error), Some("ResourceNotFoundException"));
}

/// The AWS CLI, which reads SQS errors the way SQS sends them.
#[tokio::test(flavor = "multi_thread")]
async fn aws_cli_against_the_query_compatible_server() {
    if !integration_tests::tool_available("aws") {
        return;
    }
    let url = start().await;
    let out = aws_cli(&url, "sqs", &["create-queue", "--queue-name", "jobs"]).await;
    assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
    let created: serde_json::Value = serde_json::from_slice(&out.stdout).expect("aws prints JSON");
    let queue = created["QueueUrl"].as_str().expect("a queue URL").to_owned();
    let attributes = r#"{"kind": {"DataType": "String", "StringValue": "build"}}"#;
    let out = aws_cli(&url, "sqs", &["send-message", "--queue-url", &queue, "--message-body", "hello", "--message-attributes", attributes]).await;
    assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
    let out = aws_cli(&url, "sqs", &["receive-message", "--queue-url", &queue, "--message-attribute-names", "All"]).await;
    assert!(out.status.success(), "aws failed: {}", String::from_utf8_lossy(&out.stderr));
    let received: serde_json::Value = serde_json::from_slice(&out.stdout).expect("aws prints JSON");
    assert_eq!(received["Messages"][0]["Body"], "hello");
    assert_eq!(received["Messages"][0]["MessageAttributes"]["kind"]["StringValue"], "build");

    let out = aws_cli(&url, "sqs", &["get-queue-url", "--queue-name", "absent"]).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("(AWS.SimpleQueueService.NonExistentQueue)"), "{stderr}");
    assert!(stderr.contains("The specified queue absent does not exist."), "{stderr}");
}

/// boto3 turns the errors into its modeled exception classes, with the
/// awsQuery code and fault in `response["Error"]`.
#[tokio::test(flavor = "multi_thread")]
async fn boto3_raises_the_modeled_exceptions() {
    if !integration_tests::python_module_installed("boto3") {
        return;
    }
    let url = start().await;
    let script = r#"
import json, sys, boto3
sqs = boto3.client("sqs", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
sqs.create_queue(QueueName="jobs")
out = {}
for name, call in [
    ("missing", lambda: sqs.get_queue_url(QueueName="absent")),
    ("exists", lambda: sqs.create_queue(QueueName="jobs", Attributes={"DelaySeconds": "5"})),
]:
    try:
        call()
        out[name] = "no error"
    except (sqs.exceptions.QueueDoesNotExist, sqs.exceptions.QueueNameExists) as e:
        out[name] = {"class": type(e).__name__, **e.response["Error"]}
print(json.dumps(out))
"#;
    let seen = integration_tests::boto3_script(script, url).await;
    assert_eq!(seen["missing"]["class"], "QueueDoesNotExist", "{seen}");
    assert_eq!(seen["missing"]["Code"], "AWS.SimpleQueueService.NonExistentQueue", "{seen}");
    assert_eq!(seen["missing"]["Type"], "Sender", "{seen}");
    assert_eq!(seen["exists"]["class"], "QueueNameExists", "{seen}");
    assert_eq!(seen["exists"]["Code"], "QueueAlreadyExists", "{seen}");
}
