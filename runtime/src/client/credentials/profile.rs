//! Credentials from a profile of the shared `config` and `credentials`
//! files (`AWS_CONFIG_FILE`, else `~/.aws/config`;
//! `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`), as the AWS
//! CLI reads them: static keys, `credential_process`, and roles assumed
//! through STS from a `source_profile`, a `credential_source` or a
//! `web_identity_token_file`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::container::ContainerProvider;
use super::imds::ImdsProvider;
use super::process::run_process;
use super::sts::{self, AssumeRole};
use super::{
    CredentialsError, Env, EnvironmentProvider, ProvideCredentials, ProvideFuture, ProviderContext,
};

/// One profile's properties.
pub(crate) type Profile = BTreeMap<String, String>;

/// The profiles of both files, by name; the credentials file's properties
/// win over the config file's.
pub(crate) fn load_profiles(env: &Env) -> Result<HashMap<String, Profile>, CredentialsError> {
    let config = env.get("AWS_CONFIG_FILE").map(|p| env.expand(&p)).or_else(|| env.home().map(|h| h.join(".aws").join("config")));
    let credentials = env
        .get("AWS_SHARED_CREDENTIALS_FILE")
        .map(|p| env.expand(&p))
        .or_else(|| env.home().map(|h| h.join(".aws").join("credentials")));
    let mut profiles: HashMap<String, Profile> = HashMap::new();
    for (path, is_config) in [(config, true), (credentials, false)] {
        let Some(path) = path else { continue };
        for (section, properties) in read_file(&path)? {
            let name = if is_config {
                match section.strip_prefix("profile") {
                    Some(rest) if rest.starts_with(char::is_whitespace) => rest.trim().to_owned(),
                    _ if section == "default" => section,
                    // `[sso-session ...]`, `[services ...]`, and names the
                    // config file would need `profile ` for.
                    _ => continue,
                }
            } else {
                section
            };
            profiles.entry(name).or_default().extend(properties);
        }
    }
    Ok(profiles)
}

/// The sections of one file; a missing file has none.
fn read_file(path: &Path) -> Result<Vec<(String, Profile)>, CredentialsError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(CredentialsError::failed(format!("cannot read {}: {e}", path.display()))),
    };
    let mut ini = configparser::ini::Ini::new_cs();
    // As botocore: `#` and `;` start comments only at the start of a line,
    // and indented lines continue a value (sub-properties).
    ini.set_inline_comment_symbols(Some(&[]));
    ini.set_multiline(true);
    ini.set_default_section("\u{0}outside any section");
    let sections = ini.read(text).map_err(|e| CredentialsError::failed(format!("{}: {e}", path.display())))?;
    let mut out: Vec<(String, Profile)> = sections
        .into_iter()
        .filter(|(section, _)| !section.starts_with('\u{0}'))
        .map(|(section, properties)| {
            let properties = properties.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), v.unwrap_or_default())).collect();
            (section.trim().to_owned(), properties)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Credentials from profile `AWS_PROFILE` (else `default`). A missing
/// `default` profile, or one without credentials, has nothing to offer; a
/// missing profile named by `AWS_PROFILE` is an error.
#[derive(Clone, Debug)]
pub struct ProfileProvider {
    context: ProviderContext,
    profile: Option<String>,
}

impl ProfileProvider {
    /// The profile `AWS_PROFILE` names in `context`'s environment.
    pub fn new(context: ProviderContext) -> Self {
        Self { context, profile: None }
    }

    /// Profile `name`, whatever `AWS_PROFILE` says.
    #[must_use]
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let env = &self.context.env;
            let named = self.profile.clone().or_else(|| env.get("AWS_PROFILE"));
            let name = named.clone().unwrap_or_else(|| "default".to_owned());
            let profiles = load_profiles(env)?;
            let Some(profile) = profiles.get(&name) else {
                return Err(match named {
                    Some(_) => CredentialsError::failed(format!("the profile `{name}` is in neither shared file")),
                    None => CredentialsError::not_loaded("no `default` profile in the shared files"),
                });
            };
            let plan = plan(&profiles, &name, profile)?;
            execute(&self.context, plan).await
        })
    }
}

/// Where a profile's credentials start, then the roles assumed from them.
#[derive(Debug)]
struct Plan {
    base: Base,
    roles: Vec<AssumeRole>,
}

#[derive(Debug)]
enum Base {
    Static(super::Credentials),
    Process(String),
    WebIdentity { role: AssumeRole, token_file: String },
    Source(&'static str),
}

/// Follows `role_arn` and `source_profile` from profile `name` to where
/// the credentials start, refusing cycles. As in the AWS SDKs, a source
/// profile's own static keys win over its `role_arn`, and a source profile
/// may name a `credential_source` without a role.
fn plan(profiles: &HashMap<String, Profile>, name: &str, profile: &Profile) -> Result<Plan, CredentialsError> {
    let mut roles = Vec::new();
    let mut seen = vec![name.to_owned()];
    let (mut name, mut profile) = (name.to_owned(), profile);
    let finish = |base: Base, mut roles: Vec<AssumeRole>| {
        roles.reverse();
        Ok(Plan { base, roles })
    };
    loop {
        let is_source = !roles.is_empty();
        if is_source {
            if let Some(keys) = static_keys(&name, profile)? {
                return finish(Base::Static(keys), roles);
            }
        }
        let Some(role_arn) = profile.get("role_arn") else {
            if is_source {
                if let Some(source) = profile.get("credential_source") {
                    return finish(credential_source(&name, source)?, roles);
                }
            }
            let base = match base_of(&name, profile) {
                Err(e) if is_source => return Err(CredentialsError::failed(format!("{e} (it is the source_profile of a role)"))),
                other => other?,
            };
            return finish(base, roles);
        };
        let role = AssumeRole::from_profile(role_arn, profile);
        if let Some(token_file) = profile.get("web_identity_token_file") {
            return finish(Base::WebIdentity { role, token_file: token_file.clone() }, roles);
        }
        roles.push(role);
        if let Some(source) = profile.get("credential_source") {
            if profile.contains_key("source_profile") {
                return Err(CredentialsError::failed(format!("profile `{name}` sets both source_profile and credential_source")));
            }
            return finish(credential_source(&name, source)?, roles);
        }
        let Some(source) = profile.get("source_profile") else {
            return Err(CredentialsError::failed(format!(
                "profile `{name}` has role_arn but no source_profile, credential_source or web_identity_token_file"
            )));
        };
        if *source == name {
            // A profile may be its own source: its static keys.
            let base = static_keys(&name, profile)?
                .ok_or_else(|| CredentialsError::failed(format!("profile `{name}` is its own source_profile but has no keys")))?;
            return finish(Base::Static(base), roles);
        }
        if seen.contains(source) {
            seen.push(source.clone());
            return Err(CredentialsError::failed(format!("source_profile cycle: {}", seen.join(" -> "))));
        }
        seen.push(source.clone());
        profile = profiles
            .get(source)
            .ok_or_else(|| CredentialsError::failed(format!("profile `{name}`: source_profile `{source}` does not exist")))?;
        name = source.clone();
    }
}

fn credential_source(name: &str, source: &str) -> Result<Base, CredentialsError> {
    match source {
        "Environment" => Ok(Base::Source("Environment")),
        "Ec2InstanceMetadata" => Ok(Base::Source("Ec2InstanceMetadata")),
        "EcsContainer" => Ok(Base::Source("EcsContainer")),
        other => Err(CredentialsError::failed(format!(
            "profile `{name}`: credential_source `{other}` is not Environment, Ec2InstanceMetadata or EcsContainer"
        ))),
    }
}

/// A profile's own credentials: static keys, else `credential_process`.
fn base_of(name: &str, profile: &Profile) -> Result<Base, CredentialsError> {
    if let Some(credentials) = static_keys(name, profile)? {
        return Ok(Base::Static(credentials));
    }
    if let Some(command) = profile.get("credential_process") {
        return Ok(Base::Process(command.clone()));
    }
    if profile.keys().any(|k| k.starts_with("sso_")) {
        return Err(CredentialsError::failed(format!(
            "profile `{name}` uses SSO, which this provider does not read; use `SdkProvider` with aws-config's chain"
        )));
    }
    Err(CredentialsError::not_loaded(format!("profile `{name}` has no credentials")))
}

fn static_keys(name: &str, profile: &Profile) -> Result<Option<super::Credentials>, CredentialsError> {
    match (profile.get("aws_access_key_id"), profile.get("aws_secret_access_key")) {
        (Some(id), Some(secret)) => {
            let credentials = super::Credentials::new(id.trim(), secret.trim(), profile.get("aws_session_token").cloned());
            Ok(Some(match profile.get("aws_account_id") {
                Some(account) => credentials.with_account_id(account.trim()),
                None => credentials,
            }))
        }
        (None, None) => Ok(None),
        _ => Err(CredentialsError::failed(format!("profile `{name}` needs both aws_access_key_id and aws_secret_access_key"))),
    }
}

async fn execute(context: &ProviderContext, plan: Plan) -> Result<super::Credentials, CredentialsError> {
    // Once a profile asks for a role or a source, finding nothing there is
    // a broken configuration: the chain must not go on and sign as
    // someone else.
    let configured = !plan.roles.is_empty() || matches!(plan.base, Base::Source(_));
    let must = |result: Result<super::Credentials, CredentialsError>| match result {
        Err(e) if configured && e.is_not_loaded() => Err(CredentialsError::failed(e.message().to_owned())),
        other => other,
    };
    let mut credentials = match plan.base {
        Base::Static(credentials) => credentials,
        Base::Process(command) => run_process(&command).await?,
        Base::WebIdentity { role, token_file } => {
            let token = std::fs::read_to_string(context.env.expand(&token_file))
                .map_err(|e| CredentialsError::failed(format!("cannot read web_identity_token_file {token_file}: {e}")))?;
            sts::assume_role_with_web_identity(context, &role, token.trim()).await?
        }
        Base::Source("Environment") => must(EnvironmentProvider::new(context.env.clone()).provide_credentials().await)?,
        Base::Source("EcsContainer") => must(ContainerProvider::new(context.clone()).provide_credentials().await)?,
        Base::Source(_) => must(ImdsProvider::new(context.clone()).provide_credentials().await)?,
    };
    for role in &plan.roles {
        credentials = sts::assume_role(context, role, &credentials).await?;
    }
    Ok(credentials)
}
