//! Credentials and where they come from.
//!
//! A client signs with the credentials its [`ProvideCredentials`] gives it.
//! [`DefaultChain`] looks where the AWS SDKs look, in their order:
//!
//! 1. the environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
//!    `AWS_SESSION_TOKEN`, `AWS_ACCOUNT_ID`;
//! 2. the shared `config` and `credentials` files, profile `AWS_PROFILE`
//!    (else `default`): static keys, `credential_process`, and `role_arn`
//!    with `source_profile`, `credential_source` or
//!    `web_identity_token_file` (through STS);
//! 3. a web identity token file: `AWS_WEB_IDENTITY_TOKEN_FILE` with
//!    `AWS_ROLE_ARN` (as EKS sets them), through STS;
//! 4. the ECS container endpoint: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
//!    or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with
//!    `AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE]`;
//! 5. EC2 instance metadata (IMDSv2: a session token, then the role's
//!    credentials).
//!
//! The first source that is configured answers; one that is configured but
//! fails stops the chain with its error. [`Cached`] (which the chain uses)
//! keeps credentials until shortly before they expire. [`SdkProvider`]
//! adapts any provider of the AWS SDK (`aws-config`'s chain, SSO, ...).

mod container;
mod imds;
mod process;
mod profile;
mod sts;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;

use super::transport::{HyperTransport, Transport};

pub use container::ContainerProvider;
pub use imds::ImdsProvider;
pub use process::ProcessProvider;
pub(crate) use profile::load_profiles;
pub use profile::ProfileProvider;
pub use sts::WebIdentityProvider;

/// AWS credentials for SigV4 signing.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    account_id: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Static credentials.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            account_id: None,
            expiry: None,
        }
    }

    /// With the id of the AWS account the credentials belong to (services
    /// whose endpoint rules take `AWS::Auth::AccountId`, such as DynamoDB,
    /// may then use account-based endpoints).
    #[must_use]
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// With the time they stop being valid.
    #[must_use]
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the
    /// optional `AWS_SESSION_TOKEN` and `AWS_ACCOUNT_ID`, when the first two
    /// are set.
    pub fn from_env() -> Option<Self> {
        from_vars(&Env::process())
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// The account id, when known.
    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }

    /// When they stop being valid; `None` for long-term credentials.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &crate::REDACTED)
            .field("session_token", &self.session_token.as_ref().map(|_| crate::REDACTED))
            .field("account_id", &self.account_id)
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Why no credentials were provided.
#[derive(Debug)]
pub struct CredentialsError {
    not_loaded: bool,
    message: String,
}

impl CredentialsError {
    /// The provider has no credentials to offer (nothing configured); a
    /// chain goes on to its next provider.
    pub fn not_loaded(message: impl Into<String>) -> Self {
        Self { not_loaded: true, message: message.into() }
    }

    /// The provider is configured but failed; a chain stops here.
    pub fn failed(message: impl Into<String>) -> Self {
        Self { not_loaded: false, message: message.into() }
    }

    /// Whether the provider had nothing to offer (see
    /// [`CredentialsError::not_loaded`]).
    pub fn is_not_loaded(&self) -> bool {
        self.not_loaded
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// What a provider's future resolves to.
pub type ProvideFuture<'a> = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// Something that gives credentials, asynchronously: a fixed set, a file,
/// a process, a service.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Credentials, fetched (providers do not cache; see [`Cached`]).
    fn provide_credentials(&self) -> ProvideFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        (**self).provide_credentials()
    }
}

/// A provider shared by clients.
pub type SharedProvider = Arc<dyn ProvideCredentials>;

/// The current time, injectable so expiry can be tested.
pub trait TimeSource: Send + Sync + fmt::Debug {
    /// Now.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl TimeSource for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// Keeps a provider's credentials, and fetches new ones when they are
/// within [`Cached::refresh_before`] of expiring (five minutes by
/// default). Concurrent callers wait for one fetch. When a refresh fails,
/// credentials that have not yet expired are still used.
#[derive(Debug)]
pub struct Cached<P> {
    inner: P,
    cache: tokio::sync::Mutex<Option<Credentials>>,
    clock: Arc<dyn TimeSource>,
    refresh_before: Duration,
}

impl<P: ProvideCredentials> Cached<P> {
    /// Caches `inner`'s credentials.
    pub fn new(inner: P) -> Self {
        Self { inner, cache: tokio::sync::Mutex::new(None), clock: Arc::new(SystemClock), refresh_before: Duration::from_secs(300) }
    }

    /// Reads the time from `clock`.
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn TimeSource>) -> Self {
        self.clock = clock;
        self
    }

    /// Refreshes this long before expiry.
    #[must_use]
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }
}

impl<P: ProvideCredentials> ProvideCredentials for Cached<P> {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let mut cache = self.cache.lock().await;
            let now = self.clock.now();
            let fresh = |c: &Credentials| c.expiry.is_none_or(|expiry| now + self.refresh_before < expiry);
            if let Some(cached) = cache.as_ref().filter(|c| fresh(c)) {
                return Ok(cached.clone());
            }
            match self.inner.provide_credentials().await {
                Ok(credentials) => {
                    *cache = Some(credentials.clone());
                    Ok(credentials)
                }
                Err(e) => match cache.as_ref().filter(|c| c.expiry.is_some_and(|expiry| now < expiry)) {
                    Some(still_valid) => Ok(still_valid.clone()),
                    None => Err(e),
                },
            }
        })
    }
}

/// Environment variables and the home directory, as the providers see
/// them: the process's, or a fixed set (for tests and for tools that
/// configure a client without touching the process).
#[derive(Clone, Debug, Default)]
pub struct Env {
    vars: Option<HashMap<String, String>>,
}

impl Env {
    /// The process's environment, read when a provider needs it.
    pub fn process() -> Self {
        Self { vars: None }
    }

    /// Exactly these variables (`HOME` among them, for the shared files).
    pub fn from_vars<K: Into<String>, V: Into<String>>(vars: impl IntoIterator<Item = (K, V)>) -> Self {
        Self { vars: Some(vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect()) }
    }

    /// Variable `name`, unless unset or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.vars {
            None => std::env::var(name).ok(),
            Some(vars) => vars.get(name).cloned(),
        };
        value.filter(|v| !v.trim().is_empty())
    }

    /// Whether variable `name` is `true` (in any case).
    pub fn flag(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    /// The home directory: `HOME`, else `USERPROFILE`, else `HOMEDRIVE` and
    /// `HOMEPATH`.
    pub fn home(&self) -> Option<PathBuf> {
        self.get("HOME")
            .or_else(|| self.get("USERPROFILE"))
            .or_else(|| Some(format!("{}{}", self.get("HOMEDRIVE")?, self.get("HOMEPATH")?)))
            .map(PathBuf::from)
    }

    /// `path` with a leading `~` replaced by the home directory.
    pub(crate) fn expand(&self, path: &str) -> PathBuf {
        match (path.strip_prefix('~'), self.home()) {
            (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
                home.join(rest.trim_start_matches(['/', '\\']))
            }
            _ => PathBuf::from(path),
        }
    }
}

fn from_vars(env: &Env) -> Option<Credentials> {
    let id = env.get("AWS_ACCESS_KEY_ID")?;
    let secret = env.get("AWS_SECRET_ACCESS_KEY")?;
    let credentials = Credentials::new(id, secret, env.get("AWS_SESSION_TOKEN"));
    Some(match env.get("AWS_ACCOUNT_ID") {
        Some(account) => credentials.with_account_id(account),
        None => credentials,
    })
}

/// Credentials from the environment variables (see
/// [`Credentials::from_env`]).
#[derive(Clone, Debug, Default)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    /// Reads `env`.
    pub fn new(env: Env) -> Self {
        Self { env }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        let result = match (self.env.get("AWS_ACCESS_KEY_ID"), self.env.get("AWS_SECRET_ACCESS_KEY")) {
            (Some(_), Some(_)) => Ok(from_vars(&self.env).expect("both keys are set")),
            (None, None) => Err(CredentialsError::not_loaded("AWS_ACCESS_KEY_ID is not set")),
            (Some(_), None) => Err(CredentialsError::failed("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")),
            (None, Some(_)) => Err(CredentialsError::failed("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")),
        };
        Box::pin(std::future::ready(result))
    }
}

/// What the providers that call services share: the environment, the
/// transport, the region STS is called in, and the clock.
#[derive(Clone, Debug)]
pub struct ProviderContext {
    pub(crate) env: Env,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) region: Option<String>,
    pub(crate) clock: Arc<dyn TimeSource>,
}

impl ProviderContext {
    /// The process's environment, the default transport (one-second
    /// connect timeout), the region from `AWS_REGION` / `AWS_DEFAULT_REGION`.
    pub fn new() -> Self {
        Self::with_env(Env::process())
    }

    /// As [`ProviderContext::new`], reading `env`.
    pub fn with_env(env: Env) -> Self {
        let region = env.get("AWS_REGION").or_else(|| env.get("AWS_DEFAULT_REGION"));
        Self { env, transport: Arc::new(HyperTransport::new(Some(Duration::from_secs(1)))), region, clock: Arc::new(SystemClock) }
    }

    /// Sends through `transport`.
    #[must_use]
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = transport;
        self
    }

    /// Calls STS in `region` (unless a profile names its own).
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Reads the time from `clock` (for signing STS requests).
    #[must_use]
    pub fn clock(mut self, clock: Arc<dyn TimeSource>) -> Self {
        self.clock = clock;
        self
    }

    /// Sends `request`, waiting at most `limit` for the whole response.
    pub(crate) async fn send(&self, request: http::Request<Bytes>, limit: Duration) -> Result<(u16, Bytes), String> {
        match tokio::time::timeout(limit, self.transport.send(request)).await {
            Err(_) => Err(format!("no response within {limit:?}")),
            Ok(Err(e)) => Err(e.to_string()),
            Ok(Ok(response)) => Ok((response.status().as_u16(), response.into_body())),
        }
    }
}

impl Default for ProviderContext {
    fn default() -> Self {
        Self::new()
    }
}

/// The AWS SDKs' default chain (see the module documentation), cached.
#[derive(Debug)]
pub struct DefaultChain {
    cached: Cached<Chain>,
}

impl DefaultChain {
    /// The chain over the process's environment.
    pub fn new() -> Self {
        Self::with_context(ProviderContext::new())
    }

    /// The chain in `context`.
    pub fn with_context(context: ProviderContext) -> Self {
        let clock = Arc::clone(&context.clock);
        let providers: Vec<(&'static str, Box<dyn ProvideCredentials>)> = vec![
            ("environment", Box::new(EnvironmentProvider::new(context.env.clone()))),
            ("profile", Box::new(ProfileProvider::new(context.clone()))),
            ("web identity token", Box::new(WebIdentityProvider::new(context.clone()))),
            ("ECS container", Box::new(ContainerProvider::new(context.clone()))),
            ("EC2 instance metadata", Box::new(ImdsProvider::new(context))),
        ];
        Self { cached: Cached::new(Chain { providers }).with_clock(clock) }
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        self.cached.provide_credentials()
    }
}

/// Providers tried in order.
#[derive(Debug)]
struct Chain {
    providers: Vec<(&'static str, Box<dyn ProvideCredentials>)>,
}

impl ProvideCredentials for Chain {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let mut tried = Vec::new();
            for (name, provider) in &self.providers {
                match provider.provide_credentials().await {
                    Ok(credentials) => return Ok(credentials),
                    Err(e) if e.is_not_loaded() => tried.push(format!("{name}: {e}")),
                    Err(e) => return Err(CredentialsError::failed(format!("{name} credentials: {e}"))),
                }
            }
            Err(CredentialsError::not_loaded(format!("no credentials found ({})", tried.join("; "))))
        })
    }
}

/// Any credentials provider of the AWS SDK for Rust (anything implementing
/// `aws_credential_types::provider::ProvideCredentials`, such as
/// `aws_config::default_provider::credentials::DefaultCredentialsChain`
/// with its SSO support), as a provider here.
#[derive(Debug)]
pub struct SdkProvider<P>(pub P);

impl<P: aws_credential_types::provider::ProvideCredentials> ProvideCredentials for SdkProvider<P> {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            use aws_credential_types::provider::error::CredentialsError as SdkError;
            match self.0.provide_credentials().await {
                Ok(c) => {
                    let mut credentials =
                        Credentials::new(c.access_key_id(), c.secret_access_key(), c.session_token().map(str::to_owned));
                    credentials.expiry = c.expiry();
                    credentials.account_id = c.account_id().map(|a| a.as_str().to_owned());
                    Ok(credentials)
                }
                Err(SdkError::CredentialsNotLoaded(e)) => Err(CredentialsError::not_loaded(format!("{e:?}"))),
                Err(e) => Err(CredentialsError::failed(format!("{e}: {:?}", std::error::Error::source(&e)))),
            }
        })
    }
}

/// Reads the JSON credentials the ECS endpoint, IMDS and
/// `credential_process` answer with: `AccessKeyId`, `SecretAccessKey`,
/// `Token` or `SessionToken`, `Expiration` (RFC 3339), `AccountId`.
pub(crate) fn from_json(body: &[u8], what: &str) -> Result<Credentials, CredentialsError> {
    let json: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| CredentialsError::failed(format!("{what} did not answer JSON: {e}")))?;
    let field = |name: &str| json.get(name).and_then(serde_json::Value::as_str).map(str::to_owned);
    let (Some(id), Some(secret)) = (field("AccessKeyId"), field("SecretAccessKey")) else {
        return Err(CredentialsError::failed(format!("{what} answered without AccessKeyId and SecretAccessKey")));
    };
    let mut credentials = Credentials::new(id, secret, field("Token").or_else(|| field("SessionToken")));
    credentials.account_id = field("AccountId");
    if let Some(expiration) = field("Expiration") {
        credentials.expiry = Some(parse_time(&expiration, what)?);
    }
    Ok(credentials)
}

/// An RFC 3339 time.
pub(crate) fn parse_time(text: &str, what: &str) -> Result<SystemTime, CredentialsError> {
    crate::DateTime::parse(text)
        .and_then(crate::DateTime::to_system_time)
        .ok_or_else(|| CredentialsError::failed(format!("{what}: `{text}` is not a time")))
}
