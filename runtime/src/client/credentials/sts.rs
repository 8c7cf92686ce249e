//! STS `AssumeRole` and `AssumeRoleWithWebIdentity`.
//!
//! STS speaks awsQuery (a form-encoded request, an XML response), which the
//! generator does not emit; these two calls are all the credential
//! providers need, so they are written here over the runtime's transport
//! and signer rather than generated.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::profile::Profile;
use super::{parse_time, Credentials, CredentialsError, ProvideCredentials, ProvideFuture, ProviderContext};

/// What form values keep unencoded: the unreserved characters.
const FORM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// A role to assume and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AssumeRole {
    pub role_arn: String,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub duration_seconds: Option<String>,
    /// The region to call STS in (the profile's `region`).
    pub region: Option<String>,
}

impl AssumeRole {
    /// The role of a profile with `role_arn`.
    pub fn from_profile(role_arn: &str, profile: &Profile) -> Self {
        AssumeRole {
            role_arn: role_arn.trim().to_owned(),
            session_name: profile.get("role_session_name").cloned(),
            external_id: profile.get("external_id").cloned(),
            duration_seconds: profile.get("duration_seconds").cloned(),
            region: profile.get("region").cloned(),
        }
    }
}

/// Assumes `role` with `source`'s credentials (a signed `AssumeRole`).
pub(crate) async fn assume_role(context: &ProviderContext, role: &AssumeRole, source: &Credentials) -> Result<Credentials, CredentialsError> {
    let mut form = vec![("Action", "AssumeRole".to_owned()), ("Version", "2011-06-15".to_owned())];
    form.extend(role_fields(role, context));
    if let Some(id) = &role.external_id {
        form.push(("ExternalId", id.clone()));
    }
    if let Some(seconds) = &role.duration_seconds {
        form.push(("DurationSeconds", seconds.clone()));
    }
    call(context, role, &form, Some(source), "AssumeRole").await
}

/// Assumes `role` with a web identity `token` (an unsigned
/// `AssumeRoleWithWebIdentity`).
pub(crate) async fn assume_role_with_web_identity(
    context: &ProviderContext,
    role: &AssumeRole,
    token: &str,
) -> Result<Credentials, CredentialsError> {
    let mut form = vec![("Action", "AssumeRoleWithWebIdentity".to_owned()), ("Version", "2011-06-15".to_owned())];
    form.extend(role_fields(role, context));
    form.push(("WebIdentityToken", token.to_owned()));
    if let Some(seconds) = &role.duration_seconds {
        form.push(("DurationSeconds", seconds.clone()));
    }
    call(context, role, &form, None, "AssumeRoleWithWebIdentity").await
}

fn role_fields(role: &AssumeRole, context: &ProviderContext) -> [(&'static str, String); 2] {
    let session = role.session_name.clone().unwrap_or_else(|| {
        let millis = context.clock.now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_millis();
        format!("smithy-runtime-{millis}")
    });
    [("RoleArn", role.role_arn.clone()), ("RoleSessionName", session)]
}

/// The STS endpoint: `AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL`, else the
/// region's.
fn endpoint(context: &ProviderContext, region: &str) -> String {
    context.env.get("AWS_ENDPOINT_URL_STS").or_else(|| context.env.get("AWS_ENDPOINT_URL")).unwrap_or_else(|| {
        let suffix = crate::client::endpoint::Partitions::builtin().dns_suffix(region);
        format!("https://sts.{region}.{suffix}")
    })
}

async fn call(
    context: &ProviderContext,
    role: &AssumeRole,
    form: &[(&str, String)],
    signer: Option<&Credentials>,
    action: &str,
) -> Result<Credentials, CredentialsError> {
    let region = role.region.clone().or_else(|| context.region.clone()).unwrap_or_else(|| "us-east-1".to_owned());
    let url = endpoint(context, &region);
    let body: Vec<String> = form.iter().map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, FORM))).collect();
    let failed = |message: String| CredentialsError::failed(format!("STS {action} for {}: {message}", role.role_arn));
    let mut request = http::Request::builder()
        .method("POST")
        .uri(format!("{}/", url.trim_end_matches('/')))
        .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8")
        .body(Bytes::from(body.join("&")))
        .map_err(|e| failed(format!("invalid endpoint `{url}`: {e}")))?;
    let host = request.uri().authority().map(|a| a.as_str().to_owned()).unwrap_or_default();
    let host = http::HeaderValue::try_from(host).map_err(|e| failed(e.to_string()))?;
    request.headers_mut().insert(http::header::HOST, host);
    if let Some(source) = signer {
        crate::client::config::sign(&mut request, source, &region, "sts", context.clock.now())
            .map_err(|e| failed(format!("cannot sign: {e}")))?;
    }
    let (status, body) = context.send(request, Duration::from_secs(30)).await.map_err(failed)?;
    let text = String::from_utf8_lossy(&body);
    let doc = roxmltree::Document::parse(&text).map_err(|e| failed(format!("HTTP {status}, not XML: {e}")))?;
    let find = |name: &str| {
        doc.descendants().find(|n| n.is_element() && n.tag_name().name() == name).and_then(|n| n.text()).map(str::trim)
    };
    if status != 200 {
        let code = find("Code").unwrap_or("unknown error");
        return Err(failed(format!("HTTP {status} {code}: {}", find("Message").unwrap_or_default())));
    }
    let (Some(id), Some(secret), Some(token)) = (find("AccessKeyId"), find("SecretAccessKey"), find("SessionToken")) else {
        return Err(failed("the response has no credentials".to_owned()));
    };
    let mut credentials = Credentials::new(id, secret, Some(token.to_owned()));
    if let Some(expiration) = find("Expiration") {
        credentials.expiry = Some(parse_time(expiration, "STS")?);
    }
    // arn:aws:sts::123456789012:assumed-role/name/session
    credentials.account_id = find("Arn").and_then(|arn| arn.split(':').nth(4)).filter(|a| !a.is_empty()).map(str::to_owned);
    Ok(credentials)
}

/// Credentials for the role `AWS_ROLE_ARN` from the web identity token in
/// `AWS_WEB_IDENTITY_TOKEN_FILE` (as EKS sets them up), with session name
/// `AWS_ROLE_SESSION_NAME`. The token file is read again for each fetch.
#[derive(Clone, Debug)]
pub struct WebIdentityProvider {
    context: ProviderContext,
}

impl WebIdentityProvider {
    /// Reads `context`'s environment.
    pub fn new(context: ProviderContext) -> Self {
        Self { context }
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let env = &self.context.env;
            let Some(token_file) = env.get("AWS_WEB_IDENTITY_TOKEN_FILE") else {
                return Err(CredentialsError::not_loaded("AWS_WEB_IDENTITY_TOKEN_FILE is not set"));
            };
            let Some(role_arn) = env.get("AWS_ROLE_ARN") else {
                return Err(CredentialsError::failed("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not"));
            };
            let token = std::fs::read_to_string(env.expand(&token_file))
                .map_err(|e| CredentialsError::failed(format!("cannot read AWS_WEB_IDENTITY_TOKEN_FILE {token_file}: {e}")))?;
            let role = AssumeRole {
                role_arn,
                session_name: env.get("AWS_ROLE_SESSION_NAME"),
                external_id: None,
                duration_seconds: None,
                region: None,
            };
            assume_role_with_web_identity(&self.context, &role, token.trim()).await
        })
    }
}
