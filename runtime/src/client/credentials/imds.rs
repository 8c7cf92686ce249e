//! EC2 instance metadata (IMDSv2): a session token, then the credentials of
//! the instance's role.

use std::time::Duration;

use bytes::Bytes;

use super::{from_json, CredentialsError, ProvideCredentials, ProvideFuture, ProviderContext};

const TOKEN_TTL_SECONDS: &str = "21600";

/// Credentials of the EC2 instance's role, from its metadata service:
/// `http://169.254.169.254` (`http://[fd00:ec2::254]` with
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`), or
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT`. Off with
/// `AWS_EC2_METADATA_DISABLED=true`. A service that refuses session
/// tokens is asked without one (IMDSv1), unless
/// `AWS_EC2_METADATA_V1_DISABLED=true`. No answer within a second means
/// there is no metadata service: nothing to offer.
#[derive(Clone, Debug)]
pub struct ImdsProvider {
    context: ProviderContext,
}

impl ImdsProvider {
    /// Reads `context`'s environment.
    pub fn new(context: ProviderContext) -> Self {
        Self { context }
    }

    fn endpoint(&self) -> String {
        let env = &self.context.env;
        let endpoint = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT").unwrap_or_else(|| {
            match env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") {
                Some(mode) if mode.eq_ignore_ascii_case("ipv6") => "http://[fd00:ec2::254]".to_owned(),
                _ => "http://169.254.169.254".to_owned(),
            }
        });
        endpoint.trim_end_matches('/').to_owned()
    }

    async fn get(&self, endpoint: &str, path: &str, token: Option<&str>) -> Result<(u16, Bytes), String> {
        let mut request = http::Request::builder().method("GET").uri(format!("{endpoint}{path}"));
        if let Some(token) = token {
            request = request.header("x-aws-ec2-metadata-token", token);
        }
        let request = request.body(Bytes::new()).map_err(|e| e.to_string())?;
        self.context.send(request, Duration::from_secs(1)).await
    }
}

impl ProvideCredentials for ImdsProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let env = &self.context.env;
            if env.flag("AWS_EC2_METADATA_DISABLED") {
                return Err(CredentialsError::not_loaded("AWS_EC2_METADATA_DISABLED is true"));
            }
            let endpoint = self.endpoint();
            let token_request = http::Request::builder()
                .method("PUT")
                .uri(format!("{endpoint}/latest/api/token"))
                .header("x-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS)
                .body(Bytes::new())
                .map_err(|e| CredentialsError::failed(format!("instance metadata endpoint `{endpoint}`: {e}")))?;
            let token = match self.context.send(token_request, Duration::from_secs(1)).await {
                // No metadata service here.
                Err(e) => return Err(CredentialsError::not_loaded(format!("no instance metadata service at {endpoint}: {e}"))),
                Ok((200, body)) => Some(String::from_utf8_lossy(&body).trim().to_owned()),
                Ok((403..=405, _)) if !env.flag("AWS_EC2_METADATA_V1_DISABLED") => None,
                Ok((status, _)) => {
                    return Err(CredentialsError::failed(format!("the instance metadata service refused a session token (HTTP {status})")))
                }
            };
            let token = token.as_deref();
            let failed = |what: &str, e: String| CredentialsError::failed(format!("instance metadata {what}: {e}"));
            let roles = "/latest/meta-data/iam/security-credentials/";
            let role = match self.get(&endpoint, roles, token).await {
                Ok((200, body)) => String::from_utf8_lossy(&body).lines().next().unwrap_or_default().trim().to_owned(),
                Ok((404, _)) => return Err(CredentialsError::not_loaded("the instance has no IAM role")),
                Ok((status, _)) => return Err(failed("role", format!("HTTP {status}"))),
                Err(e) => return Err(failed("role", e)),
            };
            if role.is_empty() {
                return Err(CredentialsError::not_loaded("the instance has no IAM role"));
            }
            let (status, body) = self.get(&endpoint, &format!("{roles}{role}"), token).await.map_err(|e| failed("credentials", e))?;
            if status != 200 {
                return Err(failed("credentials", format!("HTTP {status}")));
            }
            let code = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("Code").and_then(serde_json::Value::as_str).map(str::to_owned));
            if let Some(code) = code.filter(|c| c != "Success") {
                return Err(failed("credentials", format!("the service says `{code}`")));
            }
            from_json(&body, "the instance metadata service")
        })
    }
}
