//! Client configuration: endpoint, region, credentials, retries, timeouts
//! and the transport.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;

use super::credentials::{load_profiles, Credentials, DefaultChain, Env, ProvideCredentials, ProviderContext, SharedProvider};
use super::transport::{HyperTransport, Transport};
use super::endpoint::{Endpoint, EndpointParams, ParamValue, RuleSet};
use super::ServiceInfo;

/// Retries in the AWS SDKs' standard mode: up to `max_attempts` attempts in
/// all, with exponential backoff and full jitter between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (1 disables retries). Default 3.
    pub max_attempts: u32,
    /// The backoff scale: the delay before retry `n` is random in
    /// `[0, initial_backoff * 2^(n-1))`. Default 1 s.
    pub initial_backoff: Duration,
    /// The longest delay between attempts. Default 20 s.
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }
}

impl RetryConfig {
    /// No retries: one attempt only.
    pub fn disabled() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }
}

/// Timeouts; `None` means no limit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimeoutConfig {
    /// Establishing a connection (used by the default transport).
    pub connect: Option<Duration>,
    /// One attempt: sending the request and reading the whole response.
    pub attempt: Option<Duration>,
    /// The whole call, all attempts and backoff included.
    pub operation: Option<Duration>,
}

/// How request bodies of `@requestCompression` operations are compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompressionConfig {
    /// Never compress.
    pub disabled: bool,
    /// Bodies smaller than this many bytes are sent as they are.
    pub min_size_bytes: u32,
}

impl Default for CompressionConfig {
    /// Enabled for bodies of 10 240 bytes and more, as in the AWS SDKs.
    fn default() -> Self {
        Self { disabled: false, min_size_bytes: 10_240 }
    }
}

/// Everything a client needs to reach its service.
#[derive(Clone)]
pub struct Config {
    pub(super) endpoint_url: Option<String>,
    pub(super) region: String,
    pub(super) credentials: Option<SharedProvider>,
    pub(super) retry: RetryConfig,
    pub(super) timeouts: TimeoutConfig,
    pub(super) transport: Arc<dyn Transport>,
    pub(super) signing_time: Option<SystemTime>,
    pub(super) idempotency_token: Option<fn() -> String>,
    pub(super) compression: CompressionConfig,
    pub(super) disable_host_prefix: bool,
    pub(super) use_fips: bool,
    pub(super) use_dual_stack: bool,
    pub(super) account_id_endpoint_mode: Option<String>,
    pub(super) endpoint_params: EndpointParams,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("endpoint_url", &self.endpoint_url)
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("transport", &self.transport)
            .field("compression", &self.compression)
            .field("disable_host_prefix", &self.disable_host_prefix)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("account_id_endpoint_mode", &self.account_id_endpoint_mode)
            .field("endpoint_params", &self.endpoint_params)
            .finish()
    }
}

impl Config {
    /// A builder with nothing set; `T` is what [`ConfigBuilder::build`]
    /// returns (a generated `Client`, or `Config` itself).
    pub fn builder<T: From<Config>>() -> ConfigBuilder<T> {
        ConfigBuilder::default()
    }

    /// A builder preset from the environment, as the AWS SDKs read it:
    /// `AWS_REGION` (or `AWS_DEFAULT_REGION`), `AWS_ENDPOINT_URL_<SDK_ID>` or
    /// `AWS_ENDPOINT_URL`, `AWS_USE_FIPS_ENDPOINT`,
    /// `AWS_USE_DUALSTACK_ENDPOINT` and `AWS_ACCOUNT_ID_ENDPOINT_MODE`, each
    /// else from the shared config file's profile (`AWS_PROFILE`, else
    /// `default`: `region`, `endpoint_url`, `use_fips_endpoint`,
    /// `use_dualstack_endpoint`, `account_id_endpoint_mode`); and credentials
    /// from the AWS SDKs' default chain ([`DefaultChain`]: environment,
    /// shared files, web identity, container, instance metadata; looked
    /// up at the first call). Anything can still be overridden.
    pub fn from_env<T: From<Config>>(service: &ServiceInfo) -> ConfigBuilder<T> {
        Self::from_env_in(service, Env::process())
    }

    /// [`Config::from_env`], reading `env` instead of the process's
    /// environment (the credentials chain too).
    pub fn from_env_in<T: From<Config>>(service: &ServiceInfo, env: Env) -> ConfigBuilder<T> {
        let service_var = format!(
            "AWS_ENDPOINT_URL_{}",
            service.sdk_id.to_ascii_uppercase().replace([' ', '-'], "_")
        );
        // The profile's settings; a broken file is reported by the
        // credentials chain, when it reads the same file.
        let profile_name = env.get("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
        let profile = load_profiles(&env).ok().and_then(|mut all| all.remove(&profile_name)).unwrap_or_default();
        let setting = |var: &str, key: &str| env.get(var).or_else(|| profile.get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()));
        let flag = |var: &str, key: &str| setting(var, key).is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let region = env.get("AWS_REGION").or_else(|| setting("AWS_DEFAULT_REGION", "region"));
        // The credentials chain calls STS in the same region.
        let mut context = ProviderContext::with_env(env.clone());
        if let Some(region) = &region {
            context = context.region(region.clone());
        }
        ConfigBuilder {
            region,
            endpoint_url: env.get(&service_var).or_else(|| setting("AWS_ENDPOINT_URL", "endpoint_url")),
            use_fips: flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"),
            use_dual_stack: flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint"),
            account_id_endpoint_mode: setting("AWS_ACCOUNT_ID_ENDPOINT_MODE", "account_id_endpoint_mode"),
            credentials: Some(Arc::new(DefaultChain::with_context(context))),
            ..ConfigBuilder::default()
        }
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint override, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether FIPS endpoints are asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack endpoints are asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeouts.
    pub fn timeouts(&self) -> &TimeoutConfig {
        &self.timeouts
    }

    /// The endpoint for a service without endpoint rules: the explicit URL,
    /// else `https://<prefix>.<region>.<partition's domain>`.
    pub(super) fn default_endpoint(&self, service: &ServiceInfo) -> Endpoint {
        let url = match &self.endpoint_url {
            Some(url) => url.clone(),
            None => {
                let suffix = super::endpoint::Partitions::builtin().dns_suffix(&self.region);
                format!("https://{}.{}.{suffix}", service.endpoint_prefix, self.region)
            }
        };
        Endpoint { url, headers: Default::default(), properties: Default::default() }
    }

    /// The parameters this configuration gives `rules`: those set with
    /// [`ConfigBuilder::endpoint_param`], and the built-ins (`AWS::Region`,
    /// `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`,
    /// `AWS::Auth::AccountIdEndpointMode`) for the parameters bound to them
    /// and not set explicitly. (`AWS::Auth::AccountId` comes from the
    /// credentials, at each call.)
    pub(super) fn endpoint_params(&self, rules: &RuleSet) -> EndpointParams {
        let mut params = self.endpoint_params.clone();
        for name in rules.parameter_names() {
            let value = match rules.built_in(name) {
                Some("AWS::Region") => Some(self.region.clone()).filter(|r| !r.is_empty()).map(ParamValue::from),
                Some("AWS::UseFIPS") => Some(ParamValue::from(self.use_fips)),
                Some("AWS::UseDualStack") => Some(ParamValue::from(self.use_dual_stack)),
                Some("SDK::Endpoint") => self.endpoint_url.clone().map(ParamValue::from),
                // `preferred` unless set, as in the AWS SDKs.
                Some("AWS::Auth::AccountIdEndpointMode") => {
                    Some(ParamValue::from(self.account_id_endpoint_mode.clone().unwrap_or_else(|| "preferred".to_owned())))
                }
                _ => None,
            };
            if let Some(value) = value.filter(|_| params.get(name).is_none()) {
                params.set(name, value);
            }
        }
        params
    }
}

/// Builds a [`Config`] (or anything made from one, such as a generated
/// `Client`).
pub struct ConfigBuilder<T = Config> {
    endpoint_url: Option<String>,
    region: Option<String>,
    credentials: Option<SharedProvider>,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    transport: Option<Arc<dyn Transport>>,
    signing_time: Option<SystemTime>,
    idempotency_token: Option<fn() -> String>,
    compression: CompressionConfig,
    disable_host_prefix: bool,
    use_fips: bool,
    use_dual_stack: bool,
    account_id_endpoint_mode: Option<String>,
    endpoint_params: EndpointParams,
    target: PhantomData<fn() -> T>,
}

impl<T> Default for ConfigBuilder<T> {
    fn default() -> Self {
        Self {
            endpoint_url: None,
            region: None,
            credentials: None,
            retry: RetryConfig::default(),
            timeouts: TimeoutConfig { connect: Some(Duration::from_secs(3)), attempt: None, operation: None },
            transport: None,
            signing_time: None,
            idempotency_token: None,
            compression: CompressionConfig::default(),
            disable_host_prefix: false,
            use_fips: false,
            use_dual_stack: false,
            account_id_endpoint_mode: None,
            endpoint_params: EndpointParams::new(),
            target: PhantomData,
        }
    }
}

impl<T> fmt::Debug for ConfigBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("endpoint_url", &self.endpoint_url)
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .finish_non_exhaustive()
    }
}

impl<T: From<Config>> ConfigBuilder<T> {
    /// Sends requests to `url` (e.g. `http://127.0.0.1:4567`) instead of the
    /// region's AWS endpoint.
    #[must_use]
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// The region (also the SigV4 signing region). Default `us-east-1`.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Signs requests with these credentials.
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Signs requests with the credentials `provider` gives, asked for at
    /// each call (wrap a provider that fetches in
    /// [`Cached`](super::credentials::Cached) to keep them between calls;
    /// [`DefaultChain`] is cached already).
    #[must_use]
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sends requests unsigned.
    #[must_use]
    pub fn no_credentials(mut self) -> Self {
        self.credentials = None;
        self
    }

    /// Retry settings.
    #[must_use]
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Timeouts.
    #[must_use]
    pub fn timeout_config(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Sends requests through `transport` instead of the default HTTP client.
    #[must_use]
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Signs every request as if sent at `time` (for reproducible signatures
    /// in tests; real calls must use the current time).
    #[must_use]
    pub fn signing_time(mut self, time: SystemTime) -> Self {
        self.signing_time = Some(time);
        self
    }

    /// Makes the `@idempotencyToken` values a caller leaves unset with
    /// `generate` instead of random UUIDs (for reproducible requests in
    /// tests; real calls need unique tokens).
    #[must_use]
    pub fn idempotency_token_generator(mut self, generate: fn() -> String) -> Self {
        self.idempotency_token = Some(generate);
        self
    }

    /// Whether to compress the request bodies of operations marked
    /// `@requestCompression` (default: yes).
    #[must_use]
    pub fn disable_request_compression(mut self, disabled: bool) -> Self {
        self.compression.disabled = disabled;
        self
    }

    /// The smallest body worth compressing, in bytes (default 10 240; at
    /// most 10 485 760, larger values are capped).
    #[must_use]
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.compression.min_size_bytes = bytes.min(10_485_760);
        self
    }

    /// Uses the region's FIPS endpoint (default: no). Services whose
    /// endpoint rules know none fail their calls saying so.
    #[must_use]
    pub fn use_fips(mut self, enabled: bool) -> Self {
        self.use_fips = enabled;
        self
    }

    /// Uses the region's dual-stack (IPv4 and IPv6) endpoint (default: no).
    #[must_use]
    pub fn use_dual_stack(mut self, enabled: bool) -> Self {
        self.use_dual_stack = enabled;
        self
    }

    /// Whether to use account-based endpoints where the service has them:
    /// `preferred` (the default, as in the AWS SDKs), `required` or `disabled`
    /// (`AWS_ACCOUNT_ID_ENDPOINT_MODE`); the account id comes from the
    /// credentials.
    #[must_use]
    pub fn account_id_endpoint_mode(mut self, mode: impl Into<String>) -> Self {
        self.account_id_endpoint_mode = Some(mode.into());
        self
    }

    /// Sets one of the service's own endpoint parameters (its endpoint
    /// rules name them, e.g. DynamoDB's `AccountIdEndpointMode`).
    #[must_use]
    pub fn endpoint_param(mut self, name: &str, value: impl Into<ParamValue>) -> Self {
        self.endpoint_params.set(name, value);
        self
    }

    /// Whether to leave out the host prefixes operations with the
    /// `@endpoint` trait add to the endpoint's host (default: no).
    #[must_use]
    pub fn disable_host_prefix(mut self, disabled: bool) -> Self {
        self.disable_host_prefix = disabled;
        self
    }

    /// Builds the configuration, or what is made from it.
    pub fn build(self) -> T {
        let transport = self
            .transport
            .unwrap_or_else(|| Arc::new(HyperTransport::new(self.timeouts.connect)));
        T::from(Config {
            endpoint_url: self.endpoint_url,
            region: self.region.unwrap_or_else(|| "us-east-1".to_owned()),
            credentials: self.credentials,
            retry: self.retry,
            timeouts: self.timeouts,
            transport,
            signing_time: self.signing_time,
            idempotency_token: self.idempotency_token,
            compression: self.compression,
            disable_host_prefix: self.disable_host_prefix,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            account_id_endpoint_mode: self.account_id_endpoint_mode,
            endpoint_params: self.endpoint_params,
        })
    }
}

impl Config {
    /// The credentials to sign with, if any.
    pub(super) fn credentials_provider(&self) -> Option<&SharedProvider> {
        self.credentials.as_ref()
    }
}

/// Signs `request` with SigV4 in place (the `aws-sigv4` crate does the
/// cryptography).
pub(crate) fn sign(
    request: &mut http::Request<Bytes>,
    credentials: &Credentials,
    region: &str,
    name: &str,
    time: SystemTime,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_sigv4::sign::v4;

    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        None,
        "smithy-runtime",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(name)
        .time(time)
        .settings(SigningSettings::default())
        .build()?
        .into();
    let uri = request.uri().to_string();
    let headers = request
        .headers()
        .iter()
        .map(|(k, v)| Ok((k.as_str(), v.to_str()?)))
        .collect::<Result<Vec<_>, http::header::ToStrError>>()?;
    let signable = SignableRequest::new(
        request.method().as_str(),
        &uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
    )?;
    let (instructions, _signature) = sign(signable, &params)?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}
