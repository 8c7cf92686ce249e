//! A local CodeBuild: an in-memory implementation of the generated
//! `codebuild::server::CodeBuild` trait that behaves as
//! CodeBuild's documentation says, for tests and local development.
//!
//! `RetryBuild(id)` restarts a build: a new build of the same project with a
//! new id `<project>:<uuid>`, the next build number, status `IN_PROGRESS`,
//! current phase `SUBMITTED`, start time now, and the source, environment
//! and settings of the original. An `idempotencyToken` is remembered for
//! five minutes: a repeat with the same parameters returns the build the
//! first call created; a repeat with other parameters is a parameter
//! mismatch.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use codebuild::error::RetryBuildError;
use codebuild::server::{CodeBuild, RequestContext};
use codebuild::types::{
    AccountLimitExceededException, Build, BuildPhase, BuildPhaseType, InvalidInputException,
    ResourceNotFoundException, RetryBuildInput, RetryBuildOutput, StatusType,
};
use smithy_runtime::DateTime;

/// How long an idempotency token is remembered.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// The time source; tests inject their own to cross the token lifetime
/// without sleeping.
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> DateTime;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime {
        DateTime::now_utc()
    }
}

/// A clock that moves only when told to.
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<Mutex<DateTime>>);

impl ManualClock {
    /// A clock stopped at `start`.
    pub fn new(start: DateTime) -> Self {
        Self(Arc::new(Mutex::new(start)))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The builds a service starts with: `{"builds": [<Build>, …]}` in
/// CodeBuild's wire format.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Seed {
    /// The builds.
    #[serde(default)]
    pub builds: Vec<Build>,
}

impl Seed {
    /// Reads a seed file.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let seed: Seed = serde_json::from_str(text).map_err(|e| format!("invalid seed file: {e}"))?;
        for build in &seed.builds {
            let id = build.id.as_deref().unwrap_or_default();
            if parse_build_id(id).is_none() {
                return Err(format!("invalid seed file: build id `{id}` is not `<project>:<id>`"));
            }
        }
        Ok(seed)
    }
}

#[derive(Debug)]
struct Remembered {
    build_id: String,
    parameters: String,
    at: DateTime,
}

#[derive(Debug, Default)]
struct State {
    builds: HashMap<String, Build>,
    tokens: HashMap<String, Remembered>,
}

/// The in-memory service.
#[derive(Clone)]
pub struct LocalCodeBuild {
    state: Arc<Mutex<State>>,
    clock: Arc<dyn Clock>,
    region: String,
    account: String,
    account_limit: usize,
}

impl std::fmt::Debug for LocalCodeBuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalCodeBuild")
            .field("region", &self.region)
            .field("account", &self.account)
            .field("account_limit", &self.account_limit)
            .finish_non_exhaustive()
    }
}

impl Default for LocalCodeBuild {
    fn default() -> Self {
        Self::new(Seed::default())
    }
}

impl LocalCodeBuild {
    /// A service holding the seed's builds, on the system clock, in
    /// `us-east-1` for account `123456789012`, allowing 60 running builds.
    pub fn new(seed: Seed) -> Self {
        let builds = seed.builds.into_iter().filter_map(|b| Some((b.id.clone()?, b))).collect();
        Self {
            state: Arc::new(Mutex::new(State { builds, tokens: HashMap::new() })),
            clock: Arc::new(SystemClock),
            region: "us-east-1".to_owned(),
            account: "123456789012".to_owned(),
            account_limit: 60,
        }
    }

    /// Uses `clock` for every time the service reads.
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Allows at most `limit` builds in progress at once.
    #[must_use]
    pub fn with_account_limit(mut self, limit: usize) -> Self {
        self.account_limit = limit;
        self
    }

    /// The build with `id`, as it is now.
    pub fn build(&self, id: &str) -> Option<Build> {
        self.lock().builds.get(id).cloned()
    }

    /// How many builds the service holds.
    pub fn build_count(&self) -> usize {
        self.lock().builds.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn retry(&self, input: &RetryBuildInput) -> Result<Build, RetryBuildError> {
        let raw_id = input.id.as_deref().unwrap_or_default();
        let id = raw_id.rsplit_once(":build/").map_or(raw_id, |(_, id)| id);
        if id.is_empty() {
            return Err(invalid("Build id must be provided"));
        }
        let Some((project, _)) = parse_build_id(id) else {
            return Err(invalid(&format!("Invalid build ID provided: {raw_id}; expected <project-name>:<build-id>")));
        };
        // CodeBuild reports times to the millisecond.
        let now = self.clock.now();
        let now = now.replace_millisecond(now.millisecond()).unwrap_or(now);
        let parameters = serde_json::json!({ "id": id }).to_string();
        let mut state = self.lock();
        state.tokens.retain(|_, r| now - r.at < TOKEN_LIFETIME);
        if let Some(token) = &input.idempotency_token {
            if let Some(remembered) = state.tokens.get(token) {
                if remembered.parameters != parameters {
                    return Err(invalid(
                        "Parameter mismatch: the idempotency token was already used with different parameters",
                    ));
                }
                if let Some(build) = state.builds.get(&remembered.build_id) {
                    return Ok(build.clone());
                }
            }
        }
        let Some(original) = state.builds.get(id).cloned() else {
            return Err(RetryBuildError::ResourceNotFoundException(
                ResourceNotFoundException::builder().message(format!("Build {id} does not exist")).build(),
            ));
        };
        let running = state.builds.values().filter(|b| b.build_status == Some(StatusType::InProgress)).count();
        if running >= self.account_limit {
            return Err(RetryBuildError::AccountLimitExceededException(
                AccountLimitExceededException::builder()
                    .message(format!("Cannot have more than {} builds in queue for the account", self.account_limit))
                    .build(),
            ));
        }
        let number = state
            .builds
            .values()
            .filter(|b| b.project_name.as_deref() == Some(project))
            .filter_map(|b| b.build_number)
            .max()
            .unwrap_or(0)
            + 1;
        let new_id = format!("{project}:{}", uuid::Uuid::new_v4());
        let arn = format!("arn:aws:codebuild:{}:{}:build/{new_id}", self.region, self.account);
        let build = restarted(original, new_id.clone(), arn, number, now);
        state.builds.insert(new_id.clone(), build.clone());
        if let Some(token) = &input.idempotency_token {
            state.tokens.insert(token.clone(), Remembered { build_id: new_id, parameters, at: now });
        }
        Ok(build)
    }
}

/// `<project>:<build>` with both parts non-empty.
fn parse_build_id(id: &str) -> Option<(&str, &str)> {
    id.split_once(':').filter(|(project, build)| !project.is_empty() && !build.is_empty())
}

fn invalid(message: &str) -> RetryBuildError {
    RetryBuildError::InvalidInputException(InvalidInputException::builder().message(message).build())
}

/// A new build of the original's project, with its source, environment and
/// settings, just submitted.
fn restarted(original: Build, id: String, arn: String, number: i64, now: DateTime) -> Build {
    let submitted = BuildPhase::builder()
        .phase_type(BuildPhaseType::Submitted)
        .phase_status(StatusType::Succeeded)
        .start_time(now)
        .end_time(now)
        .duration_in_seconds(0_i64)
        .build();
    let queued = BuildPhase::builder().phase_type(BuildPhaseType::Queued).start_time(now).build();
    Build::builder()
        .id(id)
        .arn(arn)
        .build_number(number)
        .start_time(now)
        .current_phase(BuildPhaseType::Queued.as_str())
        .build_status(StatusType::InProgress)
        .build_complete(false)
        .phases(vec![submitted, queued])
        .set_project_name(original.project_name)
        .set_source_version(original.source_version)
        .set_source(original.source)
        .set_secondary_sources(original.secondary_sources)
        .set_secondary_source_versions(original.secondary_source_versions)
        .set_artifacts(original.artifacts)
        .set_secondary_artifacts(original.secondary_artifacts)
        .set_cache(original.cache)
        .set_environment(original.environment)
        .set_service_role(original.service_role)
        .set_timeout_in_minutes(original.timeout_in_minutes)
        .set_queued_timeout_in_minutes(original.queued_timeout_in_minutes)
        .set_vpc_config(original.vpc_config)
        .set_encryption_key(original.encryption_key)
        .set_file_system_locations(original.file_system_locations)
        .set_debug_session(original.debug_session)
        .set_build_batch_arn(original.build_batch_arn)
        .set_initiator(original.initiator)
        .build()
}

impl CodeBuild for LocalCodeBuild {
    async fn retry_build(&self, input: RetryBuildInput, _context: RequestContext) -> Result<RetryBuildOutput, RetryBuildError> {
        let build = self.retry(&input)?;
        Ok(RetryBuildOutput::builder().build_value(build).build())
    }
}
