//! The ECS (and EKS Pod Identity) container credentials endpoint.

use std::net::IpAddr;
use std::time::Duration;

use bytes::Bytes;

use super::{from_json, CredentialsError, ProvideCredentials, ProvideFuture, ProviderContext};

/// Credentials from the container endpoint: `http://169.254.170.2` with
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, else
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` (HTTPS, or HTTP to a loopback
/// address or the ECS and EKS link-local ones), with the token of
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` as `Authorization`.
#[derive(Clone, Debug)]
pub struct ContainerProvider {
    context: ProviderContext,
}

impl ContainerProvider {
    /// Reads `context`'s environment.
    pub fn new(context: ProviderContext) -> Self {
        Self { context }
    }

    /// The endpoint, when one is configured.
    fn uri(&self) -> Result<String, CredentialsError> {
        let env = &self.context.env;
        if let Some(relative) = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let slash = if relative.starts_with('/') { "" } else { "/" };
            return Ok(format!("http://169.254.170.2{slash}{relative}"));
        }
        let Some(full) = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") else {
            return Err(CredentialsError::not_loaded("neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor _FULL_URI is set"));
        };
        let uri: http::Uri = full
            .parse()
            .map_err(|e| CredentialsError::failed(format!("AWS_CONTAINER_CREDENTIALS_FULL_URI `{full}`: {e}")))?;
        let allowed = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => {
                let host = uri.host().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
                host == "localhost"
                    || host.parse::<IpAddr>().is_ok_and(|ip| {
                        ip.is_loopback() || ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"].iter().any(|a| a.parse() == Ok(ip))
                    })
            }
            _ => false,
        };
        if !allowed {
            return Err(CredentialsError::failed(format!(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI `{full}` must be HTTPS, or HTTP to a loopback or the ECS/EKS container address"
            )));
        }
        Ok(full)
    }

    fn token(&self) -> Result<Option<String>, CredentialsError> {
        let env = &self.context.env;
        if let Some(file) = env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            let token = std::fs::read_to_string(env.expand(&file))
                .map_err(|e| CredentialsError::failed(format!("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {file}: {e}")))?;
            return Ok(Some(token.trim().to_owned()));
        }
        Ok(env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
    }
}

impl ProvideCredentials for ContainerProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let uri = self.uri()?;
            let mut request = http::Request::builder().method("GET").uri(&uri).header(http::header::ACCEPT, "application/json");
            if let Some(token) = self.token()? {
                if token.contains(['\r', '\n']) {
                    return Err(CredentialsError::failed("the container authorization token has a line break"));
                }
                request = request.header(http::header::AUTHORIZATION, token);
            }
            let request = request
                .body(Bytes::new())
                .map_err(|e| CredentialsError::failed(format!("the container endpoint `{uri}`: {e}")))?;
            let what = format!("the container endpoint {uri}");
            let (status, body) = self
                .context
                .send(request, Duration::from_secs(5))
                .await
                .map_err(|e| CredentialsError::failed(format!("{what}: {e}")))?;
            if status != 200 {
                return Err(CredentialsError::failed(format!(
                    "{what} answered HTTP {status}: {}",
                    String::from_utf8_lossy(&body).chars().take(200).collect::<String>()
                )));
            }
            from_json(&body, &what)
        })
    }
}
