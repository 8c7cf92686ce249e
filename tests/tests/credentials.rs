//! The credential providers against local stand-ins: the shared files in a
//! temporary home, `credential_process`, STS, the ECS container endpoint
//! and the EC2 instance metadata service on loopback, the default chain's
//! order, caching and refresh with an injected clock, and a client signing
//! with what a provider gives. No AWS account is contacted: every variable
//! a provider reads comes from an `Env` the test builds.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use integration_tests::{stand_in, Seen};
use smithy_runtime::client::credentials::{
    Cached, ContainerProvider, Credentials, CredentialsError, DefaultChain, Env, ImdsProvider, ProcessProvider,
    ProfileProvider, ProvideCredentials, ProvideFuture, ProviderContext, TimeSource, WebIdentityProvider,
};

/// A fresh temporary home with an empty `.aws`, removed when dropped.
struct TempHome(PathBuf);

impl std::ops::Deref for TempHome {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_home() -> TempHome {
    let dir = std::env::temp_dir().join(format!("smithy-credentials-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    TempHome(dir)
}

fn write(path: &PathBuf, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn context(vars: &[(&str, &str)]) -> ProviderContext {
    ProviderContext::with_env(Env::from_vars(vars.iter().map(|(k, v)| (*k, *v))))
}

fn sts_reply(action: &str, id: &str, account: &str) -> String {
    format!(
        r#"<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <{action}Result>
    <Credentials>
      <AccessKeyId>{id}</AccessKeyId>
      <SecretAccessKey>secret-{id}</SecretAccessKey>
      <SessionToken>token-{id}</SessionToken>
      <Expiration>2030-01-02T03:04:05Z</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::{account}:assumed-role/role/session</Arn>
      <AssumedRoleId>AROA:session</AssumedRoleId>
    </AssumedRoleUser>
  </{action}Result>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</{action}Response>"#
    )
}

#[tokio::test]
async fn static_keys_from_the_shared_files_credentials_file_winning() {
    let home = temp_home();
    write(
        &home.join(".aws/config"),
        "# a comment\n[default]\nregion = eu-west-1\naws_access_key_id = FROM_CONFIG\naws_secret_access_key = config-secret\n\n\
         [profile dev]\naws_access_key_id = DEV\naws_secret_access_key = dev#secret;not a comment\naws_account_id = 111122223333\n\
         s3 =\n  max_concurrent_requests = 10\n",
    );
    write(&home.join(".aws/credentials"), "[default]\naws_access_key_id = FROM_CREDENTIALS\naws_secret_access_key = s\naws_session_token = t\n");
    let home_str = home.to_str().unwrap();
    let default = ProfileProvider::new(context(&[("HOME", home_str)])).provide_credentials().await.unwrap();
    assert_eq!(default.access_key_id(), "FROM_CREDENTIALS");
    assert_eq!(default.session_token(), Some("t"));
    let dev = ProfileProvider::new(context(&[("HOME", home_str), ("AWS_PROFILE", "dev")])).provide_credentials().await.unwrap();
    assert_eq!((dev.access_key_id(), dev.secret_access_key()), ("DEV", "dev#secret;not a comment"));
    assert_eq!(dev.account_id(), Some("111122223333"));

    // A named profile that is not there is an error; no files at all is
    // nothing to offer.
    let missing = ProfileProvider::new(context(&[("HOME", home_str), ("AWS_PROFILE", "nope")])).provide_credentials().await.unwrap_err();
    assert!(!missing.is_not_loaded() && missing.message().contains("`nope`"), "{missing}");
    let empty = temp_home();
    let none = ProfileProvider::new(context(&[("HOME", empty.to_str().unwrap())])).provide_credentials().await.unwrap_err();
    assert!(none.is_not_loaded(), "{none}");
    // The files can be elsewhere.
    let other = home.join("elsewhere");
    write(&other, "[profile x]\naws_access_key_id = ELSEWHERE\naws_secret_access_key = s\n");
    let x = ProfileProvider::new(context(&[("AWS_CONFIG_FILE", other.to_str().unwrap()), ("AWS_PROFILE", "x")]))
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(x.access_key_id(), "ELSEWHERE");
}

#[tokio::test]
async fn credential_process_output_is_read_and_its_failures_reported() {
    let home = temp_home();
    let ok = home.join("ok.sh");
    write(&ok, "printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"PROC\", \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"2030-01-01T00:00:00Z\"}'\n");
    let credentials = ProcessProvider::new(format!("sh {}", ok.display())).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "PROC");
    assert_eq!(credentials.expiry(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_456_000)));

    let failing = ProcessProvider::new("echo broken >&2; exit 3").provide_credentials().await.unwrap_err();
    assert!(failing.message().contains("broken") && failing.message().contains("exit status: 3"), "{failing}");
    let wrong_version = ProcessProvider::new(r#"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s"}'"#)
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(wrong_version.message().contains("\"Version\": 1"), "{wrong_version}");

    // From a profile.
    write(&home.join(".aws/config"), &format!("[profile p]\ncredential_process = sh {}\n", ok.display()));
    let from_profile = ProfileProvider::new(context(&[("HOME", home.to_str().unwrap()), ("AWS_PROFILE", "p")]))
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(from_profile.access_key_id(), "PROC");
}

#[tokio::test]
async fn roles_are_assumed_through_sts_signed_by_their_source_in_order() {
    let (sts, seen) = stand_in(|request| {
        let role = request.form("RoleArn").unwrap_or_default();
        let id = if role.ends_with("/inner") { "INNER" } else { "OUTER" };
        (200, sts_reply("AssumeRole", id, "444455556666"))
    })
    .await;
    let home = temp_home();
    write(
        &home.join(".aws/config"),
        "[profile outer]\nrole_arn = arn:aws:iam::1:role/outer\nsource_profile = inner\nrole_session_name = my session\nexternal_id = ext-1\nregion = eu-central-1\n\
         [profile inner]\nrole_arn = arn:aws:iam::1:role/inner\nsource_profile = base\n\
         [profile base]\naws_access_key_id = BASE\naws_secret_access_key = base-secret\n\
         [profile loop-a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = loop-b\n\
         [profile loop-b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = loop-a\n",
    );
    let home_str = home.to_str().unwrap();
    let vars = [("HOME", home_str), ("AWS_PROFILE", "outer"), ("AWS_ENDPOINT_URL_STS", sts.as_str())];
    let credentials = ProfileProvider::new(context(&vars)).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "OUTER");
    assert_eq!(credentials.session_token(), Some("token-OUTER"));
    assert_eq!(credentials.account_id(), Some("444455556666"));
    assert!(credentials.expiry().is_some());

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    // The inner role first, signed with the base profile's keys ...
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].form("Action").as_deref(), Some("AssumeRole"));
    assert_eq!(seen[0].form("RoleArn").as_deref(), Some("arn:aws:iam::1:role/inner"));
    assert!(seen[0].header("authorization").unwrap().contains("Credential=BASE/"), "{:?}", seen[0].header("authorization"));
    assert!(seen[0].header("authorization").unwrap().contains("/us-east-1/sts/aws4_request"));
    // ... then the outer one with the inner role's, in the outer profile's
    // region, with its session name and external id.
    assert!(seen[1].header("authorization").unwrap().contains("Credential=INNER/"));
    assert!(seen[1].header("x-amz-security-token").is_some_and(|t| t == "token-INNER"));
    assert!(seen[1].header("authorization").unwrap().contains("/eu-central-1/sts/aws4_request"));
    assert_eq!(seen[1].form("RoleSessionName").as_deref(), Some("my session"));
    assert_eq!(seen[1].form("ExternalId").as_deref(), Some("ext-1"));

    let cycle = ProfileProvider::new(context(&[("HOME", home_str), ("AWS_PROFILE", "loop-a")])).provide_credentials().await.unwrap_err();
    assert!(cycle.message().contains("cycle: loop-a -> loop-b -> loop-a"), "{cycle}");
}

#[tokio::test]
async fn sts_errors_are_reported_with_their_code() {
    let (sts, _) = stand_in(|_| {
        (403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>".to_owned())
    })
    .await;
    let home = temp_home();
    write(&home.join(".aws/config"), "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n");
    let vars = [
        ("HOME", home.to_str().unwrap()),
        ("AWS_ENDPOINT_URL", sts.as_str()),
        ("AWS_ACCESS_KEY_ID", "ENV"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
    ];
    let error = ProfileProvider::new(context(&vars)).provide_credentials().await.unwrap_err();
    assert!(!error.is_not_loaded());
    assert!(error.message().contains("AccessDenied: not allowed") && error.message().contains("arn:aws:iam::1:role/r"), "{error}");
}

#[tokio::test]
async fn web_identity_tokens_are_exchanged_unsigned() {
    let (sts, seen) = stand_in(|_| (200, sts_reply("AssumeRoleWithWebIdentity", "WEB", "777788889999"))).await;
    let home = temp_home();
    let token = home.join("token");
    write(&token, "eyJ.token.sig\n");
    let vars = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", token.to_str().unwrap()),
        ("AWS_ROLE_ARN", "arn:aws:iam::1:role/pod"),
        ("AWS_ROLE_SESSION_NAME", "pod-session"),
        ("AWS_ENDPOINT_URL_STS", sts.as_str()),
    ];
    let credentials = WebIdentityProvider::new(context(&vars)).provide_credentials().await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.account_id()), ("WEB", Some("777788889999")));
    let seen = seen.lock().unwrap()[0].clone();
    assert_eq!(seen.form("Action").as_deref(), Some("AssumeRoleWithWebIdentity"));
    assert_eq!(seen.form("WebIdentityToken").as_deref(), Some("eyJ.token.sig"));
    assert_eq!(seen.form("RoleSessionName").as_deref(), Some("pod-session"));
    assert!(seen.header("authorization").is_none(), "unsigned");

    let no_role = WebIdentityProvider::new(context(&[("AWS_WEB_IDENTITY_TOKEN_FILE", token.to_str().unwrap())])).provide_credentials().await;
    assert!(no_role.unwrap_err().message().contains("AWS_ROLE_ARN"));
    assert!(WebIdentityProvider::new(context(&[])).provide_credentials().await.unwrap_err().is_not_loaded());
}

#[tokio::test]
async fn the_container_endpoint_with_its_authorization_token() {
    let (server, seen) = stand_in(|request| match request.header("authorization") {
        Some("secret-token") => (
            200,
            r#"{"AccessKeyId": "ECS", "SecretAccessKey": "s", "Token": "t", "Expiration": "2030-01-01T00:00:00Z", "AccountId": "123456789012"}"#.to_owned(),
        ),
        _ => (401, "no".to_owned()),
    })
    .await;
    let home = temp_home();
    let token_file = home.join("token");
    write(&token_file, "secret-token\n");
    let full_uri = format!("{server}/v2/credentials/abc");
    let vars = [("AWS_CONTAINER_CREDENTIALS_FULL_URI", full_uri.as_str()), ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file.to_str().unwrap())];
    let credentials = ContainerProvider::new(context(&vars)).provide_credentials().await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.account_id()), ("ECS", Some("123456789012")));
    assert_eq!(seen.lock().unwrap()[0].path, "/v2/credentials/abc");

    let wrong = [("AWS_CONTAINER_CREDENTIALS_FULL_URI", full_uri.as_str()), ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong")];
    let error = ContainerProvider::new(context(&wrong)).provide_credentials().await.unwrap_err();
    assert!(error.message().contains("HTTP 401"), "{error}");
    // Plain HTTP only to loopback and the container addresses.
    let remote = ContainerProvider::new(context(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/creds")]))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(remote.message().contains("must be HTTPS"), "{remote}");
    assert!(ContainerProvider::new(context(&[])).provide_credentials().await.unwrap_err().is_not_loaded());
}

#[tokio::test]
async fn instance_metadata_v2_then_v1_fallback() {
    let imds = |v1_only: bool| {
        move |request: &Seen| match (request.method.as_str(), request.path.as_str()) {
            ("PUT", "/latest/api/token") if v1_only => (403, String::new()),
            ("PUT", "/latest/api/token") => {
                assert_eq!(request.header("x-aws-ec2-metadata-token-ttl-seconds"), Some("21600"));
                (200, "session-token".to_owned())
            }
            (_, _) if !v1_only && request.header("x-aws-ec2-metadata-token") != Some("session-token") => (401, String::new()),
            ("GET", "/latest/meta-data/iam/security-credentials/") => (200, "my-role\n".to_owned()),
            ("GET", "/latest/meta-data/iam/security-credentials/my-role") => (
                200,
                r#"{"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "IMDS", "SecretAccessKey": "s", "Token": "t", "Expiration": "2030-01-01T00:00:00Z"}"#
                    .to_owned(),
            ),
            _ => (404, String::new()),
        }
    };
    let (v2, seen) = stand_in(imds(false)).await;
    let credentials = ImdsProvider::new(context(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", v2.as_str())])).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "IMDS");
    assert_eq!(seen.lock().unwrap().len(), 3);

    let (v1, _) = stand_in(imds(true)).await;
    let credentials = ImdsProvider::new(context(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", v1.as_str())])).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "IMDS");
    let refused = ImdsProvider::new(context(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", v1.as_str()), ("AWS_EC2_METADATA_V1_DISABLED", "true")]))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(refused.message().contains("HTTP 403"), "{refused}");

    let disabled = ImdsProvider::new(context(&[("AWS_EC2_METADATA_DISABLED", "true")])).provide_credentials().await.unwrap_err();
    assert!(disabled.is_not_loaded());
    // Nothing listening: not an EC2 instance, nothing to offer.
    let port = integration_tests::free_port();
    let nowhere = format!("http://127.0.0.1:{port}");
    let absent = ImdsProvider::new(context(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", nowhere.as_str())])).provide_credentials().await.unwrap_err();
    assert!(absent.is_not_loaded(), "{absent}");
}

#[tokio::test]
async fn the_default_chain_takes_the_first_configured_source() {
    let home = temp_home();
    write(&home.join(".aws/credentials"), "[default]\naws_access_key_id = PROFILE\naws_secret_access_key = s\n");
    let port = integration_tests::free_port();
    let no_imds = format!("http://127.0.0.1:{port}");
    let base = [("HOME", home.to_str().unwrap()), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", no_imds.as_str())];

    let mut with_env = base.to_vec();
    with_env.extend([("AWS_ACCESS_KEY_ID", "ENV"), ("AWS_SECRET_ACCESS_KEY", "s")]);
    let chain = DefaultChain::with_context(context(&with_env));
    assert_eq!(chain.provide_credentials().await.unwrap().access_key_id(), "ENV");
    let chain = DefaultChain::with_context(context(&base));
    assert_eq!(chain.provide_credentials().await.unwrap().access_key_id(), "PROFILE");

    // A source that is configured but broken stops the chain.
    let mut half = base.to_vec();
    half.push(("AWS_ACCESS_KEY_ID", "ENV"));
    let error = DefaultChain::with_context(context(&half)).provide_credentials().await.unwrap_err();
    assert!(error.message().contains("AWS_SECRET_ACCESS_KEY"), "{error}");

    // Nothing anywhere: every source says why.
    let empty = temp_home();
    let nothing = [("HOME", empty.to_str().unwrap()), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", no_imds.as_str())];
    let error = DefaultChain::with_context(context(&nothing)).provide_credentials().await.unwrap_err();
    assert!(error.is_not_loaded());
    for source in ["environment", "profile", "web identity token", "ECS container", "EC2 instance metadata"] {
        assert!(error.message().contains(source), "{error}");
    }
}

/// A clock the test moves.
#[derive(Debug)]
struct TestClock(Mutex<SystemTime>);

impl TimeSource for TestClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().unwrap()
    }
}

/// Gives credentials valid for an hour from its clock, numbered, failing
/// when told to.
#[derive(Debug)]
struct Counting {
    clock: Arc<TestClock>,
    calls: AtomicUsize,
    fail: Mutex<bool>,
}

impl ProvideCredentials for Counting {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        let result = if *self.fail.lock().unwrap() {
            Err(CredentialsError::failed("the source is down"))
        } else {
            Ok(Credentials::new(format!("KEY{n}"), "s", None).with_expiry(self.clock.now() + Duration::from_secs(3600)))
        };
        Box::pin(std::future::ready(result))
    }
}

#[tokio::test]
async fn cached_credentials_are_refreshed_before_they_expire() {
    let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let clock = Arc::new(TestClock(Mutex::new(start)));
    let inner = Arc::new(Counting { clock: Arc::clone(&clock), calls: AtomicUsize::new(0), fail: Mutex::new(false) });
    let cached = Arc::new(Cached::new(Arc::clone(&inner)).with_clock(clock.clone()));
    let key = |c: Credentials| c.access_key_id().to_owned();

    // Concurrent first callers share one fetch.
    let (a, b) = tokio::join!(cached.provide_credentials(), cached.provide_credentials());
    assert_eq!((key(a.unwrap()), key(b.unwrap())), ("KEY1".to_owned(), "KEY1".to_owned()));
    assert_eq!(inner.calls.load(Ordering::SeqCst), 1);

    let advance = |by: u64| *clock.0.lock().unwrap() = start + Duration::from_secs(by);
    advance(3600 - 301); // more than five minutes left
    assert_eq!(key(cached.provide_credentials().await.unwrap()), "KEY1");
    advance(3600 - 299); // less: refresh
    assert_eq!(key(cached.provide_credentials().await.unwrap()), "KEY2");
    assert_eq!(inner.calls.load(Ordering::SeqCst), 2);

    // A failed refresh keeps credentials that have not expired yet ...
    *inner.fail.lock().unwrap() = true;
    advance(3600 - 299 + 3600 - 100);
    assert_eq!(key(cached.provide_credentials().await.unwrap()), "KEY2");
    // ... and reports the failure once they have.
    advance(3600 - 299 + 3600 + 1);
    let error = cached.provide_credentials().await.unwrap_err();
    assert_eq!(error.message(), "the source is down");
}

#[tokio::test]
async fn a_client_signs_with_what_its_provider_gives_and_reports_when_there_is_none() {
    use endpoint_rules::client::{ClientBuilder, RetryConfig};
    use endpoint_rules::error::{ListBucketsError, UnhandledKind};
    use smithy_runtime::protocol_test::CapturingTransport;

    let home = temp_home();
    write(&home.join(".aws/config"), "[default]\naws_access_key_id = FROM_PROFILE\naws_secret_access_key = s\n");
    let transport = CapturingTransport::default();
    let client = ClientBuilder::default()
        .region("eu-west-1")
        .credentials_provider(ProfileProvider::new(context(&[("HOME", home.to_str().unwrap())])))
        .transport(transport.clone())
        .retry_config(RetryConfig::disabled())
        .build();
    client.list_buckets().send().await.unwrap();
    let auth = transport.last_request().headers()["authorization"].to_str().unwrap().to_owned();
    assert!(auth.contains("Credential=FROM_PROFILE/"), "{auth}");

    let empty = temp_home();
    let client = ClientBuilder::default()
        .region("eu-west-1")
        .credentials_provider(ProfileProvider::new(context(&[("HOME", empty.to_str().unwrap())])))
        .transport(transport.clone())
        .build();
    let error = client.list_buckets().send().await.unwrap_err();
    let ListBucketsError::Unhandled(unhandled) = &error else { panic!("{error:?}") };
    assert_eq!(unhandled.kind(), UnhandledKind::Credentials);
    assert!(error.to_string().contains("no credentials") || format!("{error:?}").contains("no `default` profile"), "{error:?}");
    assert_eq!(transport.requests_sent(), 1, "nothing more was sent");
}

#[tokio::test]
async fn any_aws_sdk_provider_can_be_used() {
    use smithy_runtime::client::credentials::SdkProvider;
    let sdk = aws_credential_types::Credentials::new("SDK", "secret", Some("token".to_owned()), None, "test");
    let credentials = SdkProvider(sdk).provide_credentials().await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.session_token()), ("SDK", Some("token")));
}

#[test]
fn the_profile_supplies_what_the_environment_does_not() {
    use smithy_runtime::client::{Config, Protocol, ServiceInfo};
    static SERVICE: ServiceInfo = ServiceInfo {
        target_prefix: "Svc",
        protocol: Protocol::AwsJson1_0,
        signing_name: Some("svc"),
        endpoint_prefix: "svc",
        sdk_id: "My Service",
        query_compatible: false,
        endpoint_rules: None,
    };
    let home = temp_home();
    write(
        &home.join(".aws/config"),
        "[default]\nregion = eu-north-1\n[profile work]\nregion = ap-south-2\nuse_fips_endpoint = true\nuse_dualstack_endpoint = TRUE\nendpoint_url = http://localhost:9000\n",
    );
    let home_str = home.to_str().unwrap();
    let config = |vars: &[(&str, &str)]| Config::from_env_in::<Config>(&SERVICE, Env::from_vars(vars.iter().map(|(k, v)| (*k, *v)))).build();

    let default = config(&[("HOME", home_str)]);
    assert_eq!((default.region(), default.use_fips(), default.endpoint_url()), ("eu-north-1", false, None));
    let work = config(&[("HOME", home_str), ("AWS_PROFILE", "work")]);
    assert_eq!((work.region(), work.use_fips(), work.use_dual_stack()), ("ap-south-2", true, true));
    assert_eq!(work.endpoint_url(), Some("http://localhost:9000"));
    // The environment wins, the service's own endpoint variable first.
    let env = config(&[
        ("HOME", home_str),
        ("AWS_PROFILE", "work"),
        ("AWS_REGION", "us-west-1"),
        ("AWS_USE_FIPS_ENDPOINT", "false"),
        ("AWS_ENDPOINT_URL", "http://general"),
        ("AWS_ENDPOINT_URL_MY_SERVICE", "http://mine"),
    ]);
    assert_eq!((env.region(), env.use_fips(), env.endpoint_url()), ("us-west-1", false, Some("http://mine")));
}

#[tokio::test]
async fn a_source_profiles_keys_win_over_its_role_and_broken_sources_are_errors() {
    let (sts, seen) = stand_in(|request| {
        let role = request.form("RoleArn").unwrap_or_default();
        (200, sts_reply("AssumeRole", if role.ends_with("/top") { "TOP" } else { "MIDDLE" }, "1"))
    })
    .await;
    let home = temp_home();
    write(
        &home.join(".aws/config"),
        "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = keyed\n\
         [profile keyed]\naws_access_key_id = KEYED\naws_secret_access_key = s\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = top\n\
         [profile from-env]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = env-source\n\
         [profile env-source]\ncredential_source = Environment\n\
         [profile empty-source]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = nothing\n\
         [profile nothing]\nregion = us-east-1\n",
    );
    let home_str = home.to_str().unwrap();
    let with = |profile: &'static str, extra: &[(&'static str, &'static str)]| {
        let mut vars = vec![("HOME", home_str), ("AWS_PROFILE", profile), ("AWS_ENDPOINT_URL_STS", sts.as_str())];
        vars.extend_from_slice(extra);
        context(&vars)
    };
    // `keyed` has keys: only `top` is assumed, signed with them (no cycle).
    let credentials = ProfileProvider::new(with("top", &[])).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "TOP");
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(seen.lock().unwrap()[0].header("authorization").unwrap().contains("Credential=KEYED/"));

    // A source profile naming a credential source without a role.
    let credentials = ProfileProvider::new(with("from-env", &[("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "s")]))
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(credentials.access_key_id(), "TOP");
    assert!(seen.lock().unwrap()[1].header("authorization").unwrap().contains("Credential=ENVKEY/"));

    // The same with nothing in the environment is an error, which stops
    // the default chain rather than signing as someone else.
    let error = ProfileProvider::new(with("from-env", &[])).provide_credentials().await.unwrap_err();
    assert!(!error.is_not_loaded(), "{error}");
    let port = integration_tests::free_port();
    let imds = format!("http://127.0.0.1:{port}");
    let mut vars = vec![("HOME", home_str), ("AWS_PROFILE", "from-env"), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.as_str())];
    let error = DefaultChain::with_context(context(&vars)).provide_credentials().await.unwrap_err();
    assert!(!error.is_not_loaded() && error.message().contains("profile credentials"), "{error}");
    vars[1] = ("AWS_PROFILE", "empty-source");
    let error = DefaultChain::with_context(context(&vars)).provide_credentials().await.unwrap_err();
    assert!(error.message().contains("profile `nothing` has no credentials (it is the source_profile of a role)"), "{error}");
}
