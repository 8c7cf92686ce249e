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

use codebuild::error::{
    BatchDeleteBuildsError, BatchGetBuildsError, BatchGetProjectsError, CreateProjectError, DeleteProjectError,
    ListBuildsError, ListBuildsForProjectError, ListProjectsError, RetryBuildError, StartBuildError, StopBuildError,
};
use codebuild::server::{CodeBuild, RequestContext};
use codebuild::types::{
    AccountLimitExceededException, BatchDeleteBuildsInput, BatchDeleteBuildsOutput, BatchGetBuildsInput,
    BatchGetBuildsOutput, BatchGetProjectsInput, BatchGetProjectsOutput, Build, BuildArtifacts, BuildNotDeleted,
    BuildPhase, BuildPhaseType, CreateProjectInput, CreateProjectOutput, DeleteProjectInput, DeleteProjectOutput,
    InvalidInputException, ListBuildsForProjectInput, ListBuildsForProjectOutput, ListBuildsInput, ListBuildsOutput,
    ListProjectsInput, ListProjectsOutput, Project, ProjectBadge, ProjectSortByType, ResourceAlreadyExistsException,
    ResourceNotFoundException, RetryBuildInput, RetryBuildOutput, SortOrderType, StartBuildInput, StartBuildOutput,
    StatusType, StopBuildInput, StopBuildOutput,
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
        DateTime::now()
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

/// What a service starts with: `{"projects": [<Project>, …], "builds":
/// [<Build>, …]}` in CodeBuild's wire format.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Seed {
    /// The projects.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// The builds.
    #[serde(default)]
    pub builds: Vec<Build>,
}

impl Seed {
    /// Reads a seed file.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let seed: Seed = serde_json::from_str(text).map_err(|e| format!("invalid seed file: {e}"))?;
        if let Some(p) = seed.projects.iter().find(|p| p.name.as_deref().is_none_or(str::is_empty)) {
            return Err(format!("invalid seed file: a project has no name ({:?})", p.arn));
        }
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
    projects: HashMap<String, Project>,
    builds: HashMap<String, Build>,
    /// Build ids, oldest first.
    order: Vec<String>,
    /// Idempotency tokens by `<operation>:<token>`.
    tokens: HashMap<String, Remembered>,
}

impl State {
    fn insert_build(&mut self, build: Build) {
        if let Some(id) = build.id.clone() {
            if self.builds.insert(id.clone(), build).is_none() {
                self.order.push(id);
            }
        }
    }

    fn running(&self) -> usize {
        self.builds.values().filter(|b| b.build_status == Some(StatusType::InProgress)).count()
    }

    fn next_build_number(&self, project: &str) -> i64 {
        self.builds
            .values()
            .filter(|b| b.project_name.as_deref() == Some(project))
            .filter_map(|b| b.build_number)
            .max()
            .unwrap_or(0)
            + 1
    }

    /// The build an unexpired token already created, or a mismatch error.
    fn remembered(&mut self, key: Option<String>, parameters: &str, now: DateTime) -> Result<Option<Build>, String> {
        self.tokens.retain(|_, r| now.duration_since(r.at).is_none_or(|age| age < TOKEN_LIFETIME));
        let Some(remembered) = key.and_then(|k| self.tokens.get(&k)) else { return Ok(None) };
        if remembered.parameters != parameters {
            return Err("Parameter mismatch: the idempotency token was already used with different parameters".to_owned());
        }
        Ok(self.builds.get(&remembered.build_id).cloned())
    }
}

/// The in-memory service.
#[derive(Clone)]
pub struct LocalCodeBuild {
    state: Arc<Mutex<State>>,
    clock: Arc<dyn Clock>,
    region: String,
    account: String,
    account_limit: usize,
    page_size: usize,
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
        let mut state = State::default();
        for project in seed.projects {
            if let Some(name) = project.name.clone() {
                state.projects.insert(name, project);
            }
        }
        for build in seed.builds {
            state.insert_build(build);
        }
        Self {
            state: Arc::new(Mutex::new(state)),
            clock: Arc::new(SystemClock),
            region: "us-east-1".to_owned(),
            account: "123456789012".to_owned(),
            account_limit: 60,
            page_size: 100,
        }
    }

    /// Lists at most `size` ids per page (default 100, as CodeBuild).
    #[must_use]
    pub fn with_page_size(mut self, size: usize) -> Self {
        self.page_size = size.max(1);
        self
    }

    /// The project named `name`, as it is now.
    pub fn project(&self, name: &str) -> Option<Project> {
        self.lock().projects.get(name).cloned()
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

    fn now(&self) -> DateTime {
        // CodeBuild reports times to the millisecond.
        DateTime::from_millis(self.clock.now().to_millis())
    }

    fn build_arn(&self, id: &str) -> String {
        format!("arn:aws:codebuild:{}:{}:build/{id}", self.region, self.account)
    }

    fn account_limit_error(&self) -> AccountLimitExceededException {
        AccountLimitExceededException::builder()
            .message(format!("Cannot have more than {} builds in queue for the account", self.account_limit))
            .build()
    }

    fn retry(&self, input: &RetryBuildInput) -> Result<Build, RetryBuildError> {
        let raw_id = input.id.as_deref().unwrap_or_default();
        let id = build_id_of(raw_id);
        if id.is_empty() {
            return Err(invalid("Build id must be provided"));
        }
        let Some((project, _)) = parse_build_id(id) else {
            return Err(invalid(&format!("Invalid build ID provided: {raw_id}; expected <project-name>:<build-id>")));
        };
        let now = self.now();
        let parameters = serde_json::json!({ "id": id }).to_string();
        let key = input.idempotency_token.as_ref().map(|t| format!("RetryBuild:{t}"));
        let mut state = self.lock();
        if let Some(build) = state.remembered(key.clone(), &parameters, now).map_err(|m| invalid(&m))? {
            return Ok(build);
        }
        let Some(original) = state.builds.get(id).cloned() else {
            return Err(RetryBuildError::ResourceNotFoundException(not_found(&format!("Build {id} does not exist"))));
        };
        if state.running() >= self.account_limit {
            return Err(RetryBuildError::AccountLimitExceededException(self.account_limit_error()));
        }
        let number = state.next_build_number(project);
        let new_id = format!("{project}:{}", uuid::Uuid::new_v4());
        let build = restarted(original, new_id.clone(), self.build_arn(&new_id), number, now);
        state.insert_build(build.clone());
        if let Some(key) = key {
            state.tokens.insert(key, Remembered { build_id: new_id, parameters, at: now });
        }
        Ok(build)
    }

    fn start(&self, input: StartBuildInput) -> Result<Build, StartBuildError> {
        let name = input.project_name.clone().unwrap_or_default();
        let now = self.now();
        let mut parameters = input.clone();
        parameters.idempotency_token = None;
        let parameters = serde_json::to_string(&parameters).unwrap_or_default();
        let key = input.idempotency_token.as_ref().map(|t| format!("StartBuild:{t}"));
        let mut state = self.lock();
        let remembered = state
            .remembered(key.clone(), &parameters, now)
            .map_err(|m| StartBuildError::InvalidInputException(InvalidInputException::builder().message(m).build()))?;
        if let Some(build) = remembered {
            return Ok(build);
        }
        let Some(project) = state.projects.get(&name).cloned() else {
            return Err(StartBuildError::ResourceNotFoundException(not_found(&format!(
                "Project cannot be found: arn:aws:codebuild:{}:{}:project/{name}",
                self.region, self.account
            ))));
        };
        if state.running() >= self.account_limit {
            return Err(StartBuildError::AccountLimitExceededException(self.account_limit_error()));
        }
        let id = format!("{name}:{}", uuid::Uuid::new_v4());
        let build = started(&project, input, id.clone(), self.build_arn(&id), state.next_build_number(&name), now);
        state.insert_build(build.clone());
        if let Some(key) = key {
            state.tokens.insert(key, Remembered { build_id: id, parameters, at: now });
        }
        Ok(build)
    }

    /// One page of `ids` (oldest first) in `order`, from `token`.
    fn page(&self, mut ids: Vec<String>, order: Option<&SortOrderType>, token: Option<&str>) -> Result<(Vec<String>, Option<String>), String> {
        if order != Some(&SortOrderType::Ascending) {
            ids.reverse();
        }
        let start = match token {
            None => 0,
            Some(t) => t
                .strip_prefix("page-")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|&n| n <= ids.len())
                .ok_or_else(|| format!("Invalid next token: {t}"))?,
        };
        let end = (start + self.page_size).min(ids.len());
        let next = (end < ids.len()).then(|| format!("page-{end}"));
        Ok((ids[start..end].to_vec(), next))
    }
}

/// The build id of an id or a build ARN.
fn build_id_of(raw: &str) -> &str {
    raw.rsplit_once(":build/").map_or(raw, |(_, id)| id)
}

fn not_found(message: &str) -> ResourceNotFoundException {
    ResourceNotFoundException::builder().message(message).build()
}

/// A build of `project` as StartBuild makes it, with the input's overrides.
fn started(project: &Project, input: StartBuildInput, id: String, arn: String, number: i64, now: DateTime) -> Build {
    let mut source = project.source.clone();
    if let Some(source) = source.as_mut() {
        if let Some(t) = input.source_type_override {
            source.r#type = t;
        }
        if let Some(location) = input.source_location_override {
            source.location = Some(location);
        }
        if input.buildspec_override.is_some() {
            source.buildspec = input.buildspec_override;
        }
        if input.git_clone_depth_override.is_some() {
            source.git_clone_depth = input.git_clone_depth_override;
        }
    }
    let mut environment = project.environment.clone();
    if let Some(env) = environment.as_mut() {
        if let Some(image) = input.image_override {
            env.image = image;
        }
        if let Some(compute) = input.compute_type_override {
            env.compute_type = compute;
        }
        if let Some(t) = input.environment_type_override {
            env.r#type = t;
        }
        if input.privileged_mode_override.is_some() {
            env.privileged_mode = input.privileged_mode_override;
        }
        if let Some(overrides) = input.environment_variables_override {
            let mut vars = env.environment_variables.take().unwrap_or_default();
            for o in overrides {
                vars.retain(|v| v.name != o.name);
                vars.push(o);
            }
            env.environment_variables = Some(vars);
        }
    }
    let artifacts = input.artifacts_override.or_else(|| project.artifacts.clone()).map(|a| {
        BuildArtifacts::builder()
            .set_location(a.location)
            .set_override_artifact_name(a.override_artifact_name)
            .set_encryption_disabled(a.encryption_disabled)
            .set_artifact_identifier(a.artifact_identifier)
            .set_bucket_owner_access(a.bucket_owner_access)
            .build()
    });
    submitted(id, arn, number, now)
        .set_project_name(project.name.clone())
        .set_source_version(input.source_version.or_else(|| project.source_version.clone()))
        .set_source(source)
        .set_secondary_sources(input.secondary_sources_override.or_else(|| project.secondary_sources.clone()))
        .set_artifacts(artifacts)
        .set_cache(input.cache_override.or_else(|| project.cache.clone()))
        .set_environment(environment)
        .set_service_role(input.service_role_override.or_else(|| project.service_role.clone()))
        .set_timeout_in_minutes(input.timeout_in_minutes_override.or(project.timeout_in_minutes))
        .set_queued_timeout_in_minutes(input.queued_timeout_in_minutes_override.or(project.queued_timeout_in_minutes))
        .set_encryption_key(input.encryption_key_override.or_else(|| project.encryption_key.clone()))
        .set_vpc_config(project.vpc_config.clone())
        .set_file_system_locations(project.file_system_locations.clone())
        .initiator("codebuild-local")
        .build()
}

/// A build just submitted: its identity, queued, with the phases so far.
fn submitted(id: String, arn: String, number: i64, now: DateTime) -> codebuild::types::builders::BuildBuilder {
    Build::builder()
        .id(id)
        .arn(arn)
        .build_number(number)
        .start_time(now)
        .current_phase(BuildPhaseType::Queued.as_str())
        .build_status(StatusType::InProgress)
        .build_complete(false)
        .phases(submitted_phases(now))
}

fn submitted_phases(now: DateTime) -> Vec<BuildPhase> {
    let submitted = BuildPhase::builder()
        .phase_type(BuildPhaseType::Submitted)
        .phase_status(StatusType::Succeeded)
        .start_time(now)
        .end_time(now)
        .duration_in_seconds(0_i64)
        .build();
    let queued = BuildPhase::builder().phase_type(BuildPhaseType::Queued).start_time(now).build();
    vec![submitted, queued]
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
    submitted(id, arn, number, now)
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

fn invalid_input(message: &str) -> InvalidInputException {
    InvalidInputException::builder().message(message).build()
}

impl CodeBuild for LocalCodeBuild {
    async fn retry_build(&self, input: RetryBuildInput, _context: RequestContext) -> Result<RetryBuildOutput, RetryBuildError> {
        let build = self.retry(&input)?;
        Ok(RetryBuildOutput::builder().build_value(build).build())
    }

    async fn start_build(&self, input: StartBuildInput, _context: RequestContext) -> Result<StartBuildOutput, StartBuildError> {
        let build = self.start(input)?;
        Ok(StartBuildOutput::builder().build_value(build).build())
    }

    async fn stop_build(&self, input: StopBuildInput, _context: RequestContext) -> Result<StopBuildOutput, StopBuildError> {
        let id = build_id_of(input.id.as_deref().unwrap_or_default()).to_owned();
        let now = self.now();
        let mut state = self.lock();
        let Some(build) = state.builds.get_mut(&id) else {
            return Err(StopBuildError::ResourceNotFoundException(not_found(&format!("Build {id} does not exist"))));
        };
        if !build.build_complete {
            build.build_status = Some(StatusType::Stopped);
            build.build_complete = true;
            build.end_time = Some(now);
            build.current_phase = Some(BuildPhaseType::Completed.as_str().to_owned());
            if let Some(phases) = build.phases.as_mut() {
                for phase in phases.iter_mut().filter(|p| p.end_time.is_none()) {
                    phase.end_time = Some(now);
                    phase.phase_status = Some(StatusType::Stopped);
                }
                phases.push(BuildPhase::builder().phase_type(BuildPhaseType::Completed).start_time(now).build());
            }
        }
        Ok(StopBuildOutput::builder().build_value(build.clone()).build())
    }

    async fn batch_get_builds(&self, input: BatchGetBuildsInput, _context: RequestContext) -> Result<BatchGetBuildsOutput, BatchGetBuildsError> {
        let state = self.lock();
        let (mut found, mut missing) = (Vec::new(), Vec::new());
        for raw in input.ids.unwrap_or_default() {
            match state.builds.get(build_id_of(&raw)) {
                Some(build) => found.push(build.clone()),
                None => missing.push(raw),
            }
        }
        Ok(BatchGetBuildsOutput::builder().builds(found).builds_not_found(missing).build())
    }

    async fn batch_delete_builds(&self, input: BatchDeleteBuildsInput, _context: RequestContext) -> Result<BatchDeleteBuildsOutput, BatchDeleteBuildsError> {
        let mut state = self.lock();
        let (mut deleted, mut not_deleted) = (Vec::new(), Vec::new());
        for raw in input.ids.unwrap_or_default() {
            let id = build_id_of(&raw).to_owned();
            if state.builds.remove(&id).is_some() {
                state.order.retain(|o| *o != id);
                deleted.push(raw);
            } else {
                not_deleted.push(BuildNotDeleted::builder().id(raw).status_code("BUILD_NOT_FOUND").build());
            }
        }
        Ok(BatchDeleteBuildsOutput::builder().builds_deleted(deleted).builds_not_deleted(not_deleted).build())
    }

    async fn list_builds(&self, input: ListBuildsInput, _context: RequestContext) -> Result<ListBuildsOutput, ListBuildsError> {
        let ids = self.lock().order.clone();
        let (ids, next) = self
            .page(ids, input.sort_order.as_ref(), input.next_token.as_deref())
            .map_err(|m| ListBuildsError::InvalidInputException(invalid_input(&m)))?;
        Ok(ListBuildsOutput::builder().ids(ids).set_next_token(next).build())
    }

    async fn list_builds_for_project(
        &self,
        input: ListBuildsForProjectInput,
        _context: RequestContext,
    ) -> Result<ListBuildsForProjectOutput, ListBuildsForProjectError> {
        let name = input.project_name.clone().unwrap_or_default();
        let ids: Vec<String> = {
            let state = self.lock();
            if !state.projects.contains_key(&name) {
                return Err(ListBuildsForProjectError::ResourceNotFoundException(not_found(&format!(
                    "The provided project name {name} does not exist"
                ))));
            }
            state
                .order
                .iter()
                .filter(|id| state.builds.get(*id).and_then(|b| b.project_name.as_deref()) == Some(name.as_str()))
                .cloned()
                .collect()
        };
        let (ids, next) = self
            .page(ids, input.sort_order.as_ref(), input.next_token.as_deref())
            .map_err(|m| ListBuildsForProjectError::InvalidInputException(invalid_input(&m)))?;
        Ok(ListBuildsForProjectOutput::builder().ids(ids).set_next_token(next).build())
    }

    async fn create_project(&self, input: CreateProjectInput, _context: RequestContext) -> Result<CreateProjectOutput, CreateProjectError> {
        let name = input.name.clone().unwrap_or_default();
        let now = self.now();
        let mut state = self.lock();
        if state.projects.contains_key(&name) {
            return Err(CreateProjectError::ResourceAlreadyExistsException(
                ResourceAlreadyExistsException::builder()
                    .message(format!("Project already exists: arn:aws:codebuild:{}:{}:project/{name}", self.region, self.account))
                    .build(),
            ));
        }
        let badge = input.badge_enabled.map(|enabled| ProjectBadge::builder().badge_enabled(enabled).build());
        let project = Project::builder()
            .name(name.clone())
            .arn(format!("arn:aws:codebuild:{}:{}:project/{name}", self.region, self.account))
            .set_description(input.description)
            .set_source(input.source)
            .set_secondary_sources(input.secondary_sources)
            .set_source_version(input.source_version)
            .set_secondary_source_versions(input.secondary_source_versions)
            .set_artifacts(input.artifacts)
            .set_secondary_artifacts(input.secondary_artifacts)
            .set_cache(input.cache)
            .set_environment(input.environment)
            .set_service_role(input.service_role)
            .timeout_in_minutes(input.timeout_in_minutes.unwrap_or(60))
            .queued_timeout_in_minutes(input.queued_timeout_in_minutes.unwrap_or(480))
            .set_encryption_key(input.encryption_key)
            .set_tags(input.tags)
            .created(now)
            .last_modified(now)
            .set_vpc_config(input.vpc_config)
            .set_badge(badge)
            .set_logs_config(input.logs_config)
            .set_file_system_locations(input.file_system_locations)
            .set_build_batch_config(input.build_batch_config)
            .set_concurrent_build_limit(input.concurrent_build_limit)
            .set_auto_retry_limit(input.auto_retry_limit)
            .build();
        state.projects.insert(name, project.clone());
        Ok(CreateProjectOutput::builder().project(project).build())
    }

    async fn batch_get_projects(&self, input: BatchGetProjectsInput, _context: RequestContext) -> Result<BatchGetProjectsOutput, BatchGetProjectsError> {
        let state = self.lock();
        let (mut found, mut missing) = (Vec::new(), Vec::new());
        for raw in input.names.unwrap_or_default() {
            let name = raw.rsplit_once(":project/").map_or(raw.as_str(), |(_, n)| n);
            match state.projects.get(name) {
                Some(project) => found.push(project.clone()),
                None => missing.push(raw),
            }
        }
        Ok(BatchGetProjectsOutput::builder().projects(found).projects_not_found(missing).build())
    }

    async fn list_projects(&self, input: ListProjectsInput, _context: RequestContext) -> Result<ListProjectsOutput, ListProjectsError> {
        let mut projects: Vec<Project> = self.lock().projects.values().cloned().collect();
        match input.sort_by {
            Some(ProjectSortByType::CreatedTime) => projects.sort_by_key(|p| (p.created, p.name.clone())),
            Some(ProjectSortByType::LastModifiedTime) => projects.sort_by_key(|p| (p.last_modified, p.name.clone())),
            _ => projects.sort_by(|a, b| a.name.cmp(&b.name)),
        }
        let names = projects.into_iter().filter_map(|p| p.name).collect();
        // Names sort ascending by default, unlike build ids.
        let order = input.sort_order.clone().unwrap_or(SortOrderType::Ascending);
        let (names, next) = self
            .page(names, Some(&order), input.next_token.as_deref())
            .map_err(|m| ListProjectsError::InvalidInputException(invalid_input(&m)))?;
        Ok(ListProjectsOutput::builder().projects(names).set_next_token(next).build())
    }

    async fn delete_project(&self, input: DeleteProjectInput, _context: RequestContext) -> Result<DeleteProjectOutput, DeleteProjectError> {
        let name = input.name.unwrap_or_default();
        let name = name.rsplit_once(":project/").map_or(name.as_str(), |(_, n)| n).to_owned();
        self.lock().projects.remove(&name);
        Ok(DeleteProjectOutput::builder().build())
    }
}
