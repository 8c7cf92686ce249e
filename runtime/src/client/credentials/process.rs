//! `credential_process`: credentials printed by a command, as JSON
//! (`Version` 1, `AccessKeyId`, `SecretAccessKey`, `SessionToken`,
//! `Expiration`, `AccountId`).

use super::{from_json, Credentials, CredentialsError, ProvideCredentials, ProvideFuture};

/// Credentials from a command (run by the shell, `sh -c` or `cmd /C`).
#[derive(Clone, Debug)]
pub struct ProcessProvider {
    command: String,
}

impl ProcessProvider {
    /// Runs `command` for each fetch.
    pub fn new(command: impl Into<String>) -> Self {
        Self { command: command.into() }
    }
}

impl ProvideCredentials for ProcessProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(run_process(&self.command))
    }
}

/// Runs `command` and reads the credentials it prints.
pub(crate) async fn run_process(command: &str) -> Result<Credentials, CredentialsError> {
    let owned = command.to_owned();
    let output = tokio::task::spawn_blocking(move || {
        let mut shell = if cfg!(windows) {
            let mut c = std::process::Command::new("cmd");
            c.arg("/C");
            c
        } else {
            let mut c = std::process::Command::new("sh");
            c.arg("-c");
            c
        };
        shell.arg(&owned).stdin(std::process::Stdio::null()).output()
    })
    .await
    .map_err(|e| CredentialsError::failed(format!("credential_process `{command}` did not finish: {e}")))?
    .map_err(|e| CredentialsError::failed(format!("credential_process `{command}` could not start: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(CredentialsError::failed(format!(
            "credential_process `{command}` failed ({}): {}",
            output.status,
            stderr.trim()
        )));
    }
    let what = format!("credential_process `{command}`");
    let version = serde_json::from_slice::<serde_json::Value>(&output.stdout).ok().and_then(|v| v.get("Version").and_then(serde_json::Value::as_i64));
    if version != Some(1) {
        return Err(CredentialsError::failed(format!("{what} printed no JSON with \"Version\": 1")));
    }
    from_json(&output.stdout, &what)
}
