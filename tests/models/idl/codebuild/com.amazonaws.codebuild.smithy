$version: "2"

namespace com.amazonaws.codebuild

use aws.protocols#awsJson1_1
use aws.api#service
use aws.auth#sigv4

/// <p>AWS CodeBuild runs builds of source code in managed, on-demand build environments. This model covers building (start, retry, stop, list, inspect and delete builds) and managing projects.</p>
@service(
    arnNamespace: "codebuild"
    cloudFormationName: "CodeBuild"
    cloudTrailEventSource: "codebuild.amazonaws.com"
    endpointPrefix: "codebuild"
    sdkId: "CodeBuild"
)
@sigv4(name: "codebuild")
@awsJson1_1
@title("AWS CodeBuild")
service CodeBuild_20161006 {
    version: "2016-10-06"
    operations: [
        BatchDeleteBuilds
        BatchGetBuilds
        BatchGetProjects
        CreateProject
        DeleteProject
        ListBuilds
        ListBuildsForProject
        ListProjects
        RetryBuild
        StartBuild
        StopBuild
    ]
}

/// <p>Removes several builds at once by their IDs.</p>
operation BatchDeleteBuilds {
    input :=
        /// <p>The input of the <code>BatchDeleteBuilds</code> operation.</p>
        {
            /// <p>Up to 100 build IDs to erase.</p>
            @required
            ids: BuildIds
        }
    output :=
        /// <p>The output of the <code>BatchDeleteBuilds</code> operation.</p>
        {
            /// <p>Build IDs whose removal succeeded.</p>
            buildsDeleted: BuildIds

            /// <p>The builds that could not be removed.</p>
            buildsNotDeleted: BuildsNotDeleted
        }
    errors: [InvalidInputException]
}

/// <p>Looks up several builds at once by their IDs.</p>
operation BatchGetBuilds {
    input :=
        /// <p>The input of the <code>BatchGetBuilds</code> operation.</p>
        {
            /// <p>Up to 100 build IDs to fetch.</p>
            @required
            ids: BuildIds
        }
    output :=
        /// <p>The output of the <code>BatchGetBuilds</code> operation.</p>
        {
            /// <p>The builds that were found.</p>
            builds: Builds

            /// <p>The requested IDs that matched no build.</p>
            buildsNotFound: BuildIds
        }
    errors: [InvalidInputException]
}

/// <p>Looks up several build projects at once by their names or ARNs.</p>
operation BatchGetProjects {
    input :=
        /// <p>The input of the <code>BatchGetProjects</code> operation.</p>
        {
            /// <p>Up to 100 project names, or ARNs for projects shared with the caller, to fetch.</p>
            @required
            names: ProjectNames
        }
    output :=
        /// <p>The output of the <code>BatchGetProjects</code> operation.</p>
        {
            /// <p>The projects that were found.</p>
            projects: Projects

            /// <p>The requested names that matched no project.</p>
            projectsNotFound: ProjectNames
        }
    errors: [InvalidInputException]
}

/// <p>Sets up a new project with the settings its builds will use.</p>
operation CreateProject {
    input :=
        /// <p>The input of the <code>CreateProject</code> operation.</p>
        {
            /// <p>A unique name for the project being set up.</p>
            @required
            name: ProjectName

            /// <p>Free text that says what the project is for.</p>
            description: ProjectDescription

            /// <p>The primary source that the project's builds use.</p>
            @required
            source: ProjectSource

            /// <p>Further sources that the project's builds use.</p>
            secondarySources: ProjectSources

            /// <p>The primary source version to build when a build does not name one.</p>
            sourceVersion: String

            /// <p>The secondary source versions to build when a build does not name them.</p>
            secondarySourceVersions: ProjectSecondarySourceVersions

            /// <p>Where and how the project stores its primary output artifacts.</p>
            @required
            artifacts: ProjectArtifacts

            /// <p>Where and how the project stores further output artifacts.</p>
            secondaryArtifacts: ProjectArtifactsList

            /// <p>How builds of the project keep files between runs.</p>
            cache: ProjectCache

            /// <p>The image, compute size and variables that builds run with.</p>
            @required
            environment: ProjectEnvironment

            /// <p>The IAM role that builds of the project run with.</p>
            @required
            serviceRole: NonEmptyString

            /// <p>How many minutes a build may run before it times out.</p>
            timeoutInMinutes: BuildTimeOut

            /// <p>Minutes (5 to 480) that a waiting build may stay queued until it is given up.</p>
            queuedTimeoutInMinutes: TimeOut

            /// <p>The KMS key used to encrypt the project's output artifacts.</p>
            encryptionKey: NonEmptyString

            /// <p>Tags to attach to the project.</p>
            tags: TagList

            /// <p>The VPC that the project's builds run in.</p>
            vpcConfig: VpcConfig

            /// <p>Whether the project gets a build status badge.</p>
            badgeEnabled: WrapperBoolean

            /// <p>Where the logs of the project's builds are sent.</p>
            logsConfig: LogsConfig

            /// <p>File systems to mount in the project's builds.</p>
            fileSystemLocations: ProjectFileSystemLocations

            /// <p>How the project runs batch builds.</p>
            buildBatchConfig: ProjectBuildBatchConfig

            /// <p>How many builds of the project may run at the same time.</p>
            concurrentBuildLimit: WrapperInt

            /// <p>How many times a failed build is retried automatically.</p>
            autoRetryLimit: WrapperInt
        }
    output :=
        /// <p>The output of the <code>CreateProject</code> operation.</p>
        {
            /// <p>All settings of the newly set-up project.</p>
            project: Project
        }
    errors: [AccountLimitExceededException, InvalidInputException, ResourceAlreadyExistsException]
}

/// <p>Removes a project; builds that already ran stay available.</p>
operation DeleteProject {
    input :=
        /// <p>The input of the <code>DeleteProject</code> operation.</p>
        {
            /// <p>Which project to remove.</p>
            @required
            name: NonEmptyString
        }
    output :=
        /// <p>The output of the <code>DeleteProject</code> operation, which has no members.</p>
        {}
    errors: [InvalidInputException]
}

/// <p>Lists the IDs of the builds in the account, one page at a time.</p>
@paginated(inputToken: "nextToken", items: "ids", outputToken: "nextToken")
operation ListBuilds {
    input :=
        /// <p>The input of the <code>ListBuilds</code> operation.</p>
        {
            /// <p>Whether the build IDs come back from low to high or from high to low.</p>
            sortOrder: SortOrderType

            /// <p>The token returned by the previous call, to fetch the next page.</p>
            nextToken: String
        }
    output :=
        /// <p>The output of the <code>ListBuilds</code> operation.</p>
        {
            /// <p>The build IDs on this page.</p>
            ids: BuildIds

            /// <p>A token for the next page; absent on the last page.</p>
            nextToken: String
        }
    errors: [InvalidInputException]
}

/// <p>Lists the IDs of the builds of one project, one page at a time.</p>
@paginated(inputToken: "nextToken", items: "ids", outputToken: "nextToken")
operation ListBuildsForProject {
    input :=
        /// <p>The input of the <code>ListBuildsForProject</code> operation.</p>
        {
            /// <p>The name of the project whose builds are listed.</p>
            @required
            projectName: NonEmptyString

            /// <p>Whether the build IDs come back from low to high or from high to low.</p>
            sortOrder: SortOrderType

            /// <p>The token returned by the previous call, to fetch the next page.</p>
            nextToken: String
        }
    output :=
        /// <p>The output of the <code>ListBuildsForProject</code> operation.</p>
        {
            /// <p>The build IDs on this page.</p>
            ids: BuildIds

            /// <p>A token for the next page; absent on the last page.</p>
            nextToken: String
        }
    errors: [InvalidInputException, ResourceNotFoundException]
}

/// <p>Lists the names of the build projects in the account, one page at a time.</p>
@paginated(inputToken: "nextToken", items: "projects", outputToken: "nextToken")
operation ListProjects {
    input :=
        /// <p>The input of the <code>ListProjects</code> operation.</p>
        {
            /// <p>The property that project names are ordered by.</p>
            sortBy: ProjectSortByType

            /// <p>Whether the names follow <code>sortBy</code> from low to high or from high to low.</p>
            sortOrder: SortOrderType

            /// <p>The token returned by the previous call, to fetch the next page.</p>
            nextToken: NonEmptyString
        }
    output :=
        /// <p>The output of the <code>ListProjects</code> operation.</p>
        {
            /// <p>A token for the next page; absent on the last page.</p>
            nextToken: String

            /// <p>The project names on this page.</p>
            projects: ProjectNames
        }
    errors: [InvalidInputException]
}

/// <p>Restarts a build.</p>
operation RetryBuild {
    input :=
        /// <p>The input of the <code>RetryBuild</code> operation.</p>
        {
            /// <p>Specifies the identifier of the build to restart.</p>
            id: NonEmptyString

            /// <p>A unique, case sensitive identifier you provide to ensure the idempotency of the <code>RetryBuild</code> request. The token is included in the <code>RetryBuild</code> request and is valid for five minutes. If you repeat the <code>RetryBuild</code> request with the same token, but change a parameter, AWS CodeBuild returns a parameter mismatch error.</p>
            @idempotencyToken
            idempotencyToken: String
        }
    output :=
        /// <p>The output of the <code>RetryBuild</code> operation.</p>
        {
            /// <p>Information about a build.</p>
            build: Build
        }
    errors: [AccountLimitExceededException, InvalidInputException, ResourceNotFoundException]
}

/// <p>Starts a new build of a project, optionally overriding some project settings for that build.</p>
operation StartBuild {
    input :=
        /// <p>The input of the <code>StartBuild</code> operation.</p>
        {
            /// <p>Which project to run.</p>
            @required
            projectName: NonEmptyString

            /// <p>Secondary sources to use for this build in place of the project's.</p>
            secondarySourcesOverride: ProjectSources

            /// <p>Secondary source versions to use for this build in place of the project's.</p>
            secondarySourcesVersionOverride: ProjectSecondarySourceVersions

            /// <p>The version of the primary source to build, such as a commit ID, branch, tag or pull request.</p>
            sourceVersion: String

            /// <p>Primary artifact settings to use for this build in place of the project's.</p>
            artifactsOverride: ProjectArtifacts

            /// <p>Secondary artifact settings to use for this build in place of the project's.</p>
            secondaryArtifactsOverride: ProjectArtifactsList

            /// <p>Environment variables for this build that replace or add to the project's.</p>
            environmentVariablesOverride: EnvironmentVariables

            /// <p>A source type to use for this build in place of the project's.</p>
            sourceTypeOverride: SourceType

            /// <p>A source location to use for this build in place of the project's.</p>
            sourceLocationOverride: String

            /// <p>Source authorization to use for this build in place of the project's.</p>
            sourceAuthOverride: SourceAuth

            /// <p>A clone depth to use for this build in place of the project's.</p>
            gitCloneDepthOverride: GitCloneDepth

            /// <p>Git submodule settings to use for this build in place of the project's.</p>
            gitSubmodulesConfigOverride: GitSubmodulesConfig

            /// <p>A build specification, inline or as a file path, to use for this build in place of the project's.</p>
            buildspecOverride: String

            /// <p>For this build, whether SSL warnings from the source provider are ignored.</p>
            insecureSslOverride: WrapperBoolean

            /// <p>For this build, whether its status is sent to the source provider.</p>
            reportBuildStatusOverride: WrapperBoolean

            /// <p>Status reporting settings to use for this build in place of the project's.</p>
            buildStatusConfigOverride: BuildStatusConfig

            /// <p>An environment type to use for this build in place of the project's.</p>
            environmentTypeOverride: EnvironmentType

            /// <p>A build image to use for this build in place of the project's.</p>
            imageOverride: NonEmptyString

            /// <p>A compute type to use for this build in place of the project's.</p>
            computeTypeOverride: ComputeType

            /// <p>A certificate location to use for this build in place of the project's.</p>
            certificateOverride: String

            /// <p>Cache settings to use for this build in place of the project's.</p>
            cacheOverride: ProjectCache

            /// <p>An IAM service role to run this build with in place of the project's.</p>
            serviceRoleOverride: NonEmptyString

            /// <p>For this build, whether the build container runs in privileged mode.</p>
            privilegedModeOverride: WrapperBoolean

            /// <p>A build timeout, in minutes, to use for this build in place of the project's.</p>
            timeoutInMinutesOverride: BuildTimeOut

            /// <p>A queue timeout, in minutes, to use for this build in place of the project's.</p>
            queuedTimeoutInMinutesOverride: TimeOut

            /// <p>A KMS key for the output artifacts of this build in place of the project's.</p>
            encryptionKeyOverride: NonEmptyString

            /// <p>A caller-chosen token; resending the request with the same token and parameters within five minutes starts no second build.</p>
            @idempotencyToken
            idempotencyToken: String

            /// <p>Log settings to use for this build in place of the project's.</p>
            logsConfigOverride: LogsConfig

            /// <p>Private registry credentials to use for this build in place of the project's.</p>
            registryCredentialOverride: RegistryCredential

            /// <p>The kind of credentials used to pull this build's image, in place of the project's.</p>
            imagePullCredentialsTypeOverride: ImagePullCredentialsType

            /// <p>Whether this build can be debugged through Session Manager.</p>
            debugSessionEnabled: WrapperBoolean

            /// <p>A compute fleet to run this build on in place of the project's.</p>
            fleetOverride: ProjectFleet

            /// <p>A limit on automatic retries to use for this build in place of the project's.</p>
            autoRetryLimitOverride: WrapperInt
        }
    output :=
        /// <p>The output of the <code>StartBuild</code> operation.</p>
        {
            /// <p>The build that was started.</p>
            build: Build
        }
    errors: [AccountLimitExceededException, InvalidInputException, ResourceNotFoundException]
}

/// <p>Halts a build that is still in progress.</p>
operation StopBuild {
    input :=
        /// <p>The input of the <code>StopBuild</code> operation.</p>
        {
            /// <p>Which build to halt.</p>
            @required
            id: NonEmptyString
        }
    output :=
        /// <p>The output of the <code>StopBuild</code> operation.</p>
        {
            /// <p>The build that is being halted.</p>
            build: Build
        }
    errors: [InvalidInputException, ResourceNotFoundException]
}

/// <p>An AWS service limit was exceeded for the calling AWS account.</p>
@error("client")
@httpError(400)
structure AccountLimitExceededException {
    /// <p>A message that describes the error.</p>
    message: String
}

/// <p>Whether the build ID is added to the path of the output artifact.</p>
enum ArtifactNamespace {
    NONE
    BUILD_ID
}

/// <p>How output artifacts are packaged: as separate files or as one ZIP archive.</p>
enum ArtifactPackaging {
    NONE
    ZIP
}

/// <p>Where a build project puts its output artifacts.</p>
enum ArtifactsType {
    CODEPIPELINE
    S3
    NO_ARTIFACTS
}

/// <p>Information about the automatic retries of a build.</p>
structure AutoRetryConfig {
    /// <p>The largest number of automatic retries allowed.</p>
    autoRetryLimit: WrapperInt

    /// <p>How many times the build has been retried automatically.</p>
    autoRetryNumber: WrapperInt

    /// <p>The ID of the next automatic retry.</p>
    nextAutoRetry: String

    /// <p>The ID of the previous automatic retry.</p>
    previousAutoRetry: String
}

/// <p>How a batch build reports its status to the source provider.</p>
enum BatchReportModeType {
    REPORT_INDIVIDUAL_BUILDS
    REPORT_AGGREGATED_BATCH
}

/// <p>Limits on the builds that one batch build may start.</p>
structure BatchRestrictions {
    /// <p>The most builds one batch may start.</p>
    maximumBuildsAllowed: WrapperInt

    /// <p>The compute types that builds in a batch may use.</p>
    computeTypesAllowed: ComputeTypesAllowed

    /// <p>The fleets that builds in a batch may run on.</p>
    fleetsAllowed: FleetsAllowed
}

/// <p>A boolean value that defaults to <code>false</code>.</p>
@default(false)
boolean Boolean

/// <p>The access level granted to the owner of the S3 bucket that receives objects.</p>
enum BucketOwnerAccess {
    NONE
    READ_ONLY
    FULL
}

/// <p>Describes one run of a build project: its status, phases, inputs, environment and outputs.</p>
structure Build {
    /// <p>The unique ID of the build.</p>
    id: NonEmptyString

    /// <p>The ARN that uniquely identifies the build.</p>
    arn: NonEmptyString

    /// <p>The sequence number of this build within its project.</p>
    buildNumber: WrapperLong

    /// <p>When the build started.</p>
    startTime: Timestamp

    /// <p>When the build ended.</p>
    endTime: Timestamp

    /// <p>The phase the build is currently in.</p>
    currentPhase: String

    /// <p>The build's current status.</p>
    buildStatus: StatusType

    /// <p>The source version that was requested for the build.</p>
    sourceVersion: NonEmptyString

    /// <p>The exact source version, such as a commit ID, that the build used.</p>
    resolvedSourceVersion: NonEmptyString

    /// <p>The name of the project that the build belongs to.</p>
    projectName: NonEmptyString

    /// <p>The phases of the build, in order.</p>
    phases: BuildPhases

    /// <p>The primary source of the build.</p>
    source: ProjectSource

    /// <p>The secondary sources of the build.</p>
    secondarySources: ProjectSources

    /// <p>The version used for each secondary source.</p>
    secondarySourceVersions: ProjectSecondarySourceVersions

    /// <p>The primary output artifacts of the build.</p>
    artifacts: BuildArtifacts

    /// <p>The secondary output artifacts of the build.</p>
    secondaryArtifacts: BuildArtifactsList

    /// <p>The cache settings of the build.</p>
    cache: ProjectCache

    /// <p>The build environment settings.</p>
    environment: ProjectEnvironment

    /// <p>The IAM service role that the build runs with.</p>
    serviceRole: NonEmptyString

    /// <p>Where the build's logs are stored.</p>
    logs: LogsLocation

    /// <p>How many minutes the build may run before it times out.</p>
    timeoutInMinutes: WrapperInt

    /// <p>How many minutes the build may wait in the queue before it times out.</p>
    queuedTimeoutInMinutes: WrapperInt

    /// <p>Whether the build has finished.</p>
    buildComplete: Boolean = false

    /// <p>The entity that started the build, such as a user, a role or a pipeline.</p>
    initiator: String

    /// <p>The VPC settings of the build.</p>
    vpcConfig: VpcConfig

    /// <p>The network interface the build used in the VPC.</p>
    networkInterface: NetworkInterface

    /// <p>The KMS key used to encrypt the build output artifacts.</p>
    encryptionKey: NonEmptyString

    /// <p>The environment variables exported by the build.</p>
    exportedEnvironmentVariables: ExportedEnvironmentVariables

    /// <p>The ARNs of the reports produced by the build.</p>
    reportArns: BuildReportArns

    /// <p>The file systems mounted for the build.</p>
    fileSystemLocations: ProjectFileSystemLocations

    /// <p>The debug session settings of the build.</p>
    debugSession: DebugSession

    /// <p>The ARN of the batch build this build belongs to, if any.</p>
    buildBatchArn: String

    /// <p>The automatic retry settings and state of the build.</p>
    autoRetryConfig: AutoRetryConfig
}

/// <p>Information about output artifacts produced by a build.</p>
structure BuildArtifacts {
    /// <p>Where the artifacts are stored.</p>
    location: String

    /// <p>The SHA-256 hash of the artifact.</p>
    sha256sum: String

    /// <p>The MD5 hash of the artifact.</p>
    md5sum: String

    /// <p>Whether the buildspec may override the artifact name.</p>
    overrideArtifactName: WrapperBoolean

    /// <p>Whether encryption of the artifacts is turned off.</p>
    encryptionDisabled: WrapperBoolean

    /// <p>The name that identifies this artifact among the build's outputs.</p>
    artifactIdentifier: String

    /// <p>The access granted to the owner of the bucket.</p>
    bucketOwnerAccess: BucketOwnerAccess
}

/// <p>A list of up to 12 build artifact descriptions.</p>
@length(max: 12, min: 0)
list BuildArtifactsList {
    member: BuildArtifacts
}

/// <p>A list of 1 to 100 build IDs.</p>
@length(max: 100, min: 1)
list BuildIds {
    member: NonEmptyString
}

/// <p>Names a build that <code>BatchDeleteBuilds</code> left in place, with the reason.</p>
structure BuildNotDeleted {
    /// <p>Which build stayed in place.</p>
    id: NonEmptyString

    /// <p>A code that tells why the build was kept.</p>
    statusCode: String
}

/// <p>Information about one stage of a build.</p>
structure BuildPhase {
    /// <p>The name of the phase.</p>
    phaseType: BuildPhaseType

    /// <p>The status of the phase.</p>
    phaseStatus: StatusType

    /// <p>When the phase started.</p>
    startTime: Timestamp

    /// <p>When the phase ended.</p>
    endTime: Timestamp

    /// <p>How long the phase took, in seconds.</p>
    durationInSeconds: WrapperLong

    /// <p>Extra details about the outcome of the phase.</p>
    contexts: PhaseContexts
}

/// <p>The name of a build phase.</p>
enum BuildPhaseType {
    SUBMITTED
    QUEUED
    PROVISIONING
    DOWNLOAD_SOURCE
    INSTALL
    PRE_BUILD
    BUILD
    POST_BUILD
    UPLOAD_ARTIFACTS
    FINALIZING
    COMPLETED
}

/// <p>A list of build phases.</p>
list BuildPhases {
    member: BuildPhase
}

/// <p>A list of report ARNs.</p>
list BuildReportArns {
    member: String
}

/// <p>Settings for how build status is reported back to the source provider.</p>
structure BuildStatusConfig {
    /// <p>The context label shown with the build status.</p>
    context: String

    /// <p>The URL that the build status links to.</p>
    targetUrl: String
}

/// <p>A build timeout in minutes, from 5 to 2160.</p>
@range(max: 2160, min: 5)
integer BuildTimeOut

/// <p>A list of builds.</p>
list Builds {
    member: Build
}

/// <p>A list of builds that could not be removed.</p>
list BuildsNotDeleted {
    member: BuildNotDeleted
}

/// <p>A local caching mode.</p>
enum CacheMode {
    LOCAL_DOCKER_LAYER_CACHE
    LOCAL_SOURCE_CACHE
    LOCAL_CUSTOM_CACHE
}

/// <p>The kind of cache a build uses.</p>
enum CacheType {
    NO_CACHE
    S3
    LOCAL
}

/// <p>Settings for sending build logs to CloudWatch Logs.</p>
structure CloudWatchLogsConfig {
    /// <p>Whether logging to CloudWatch Logs is turned on.</p>
    @required
    status: LogsConfigStatusType

    /// <p>The log group name.</p>
    groupName: String

    /// <p>The log stream name.</p>
    streamName: String
}

/// <p>Describes the compute resources requested for a build environment.</p>
structure ComputeConfiguration {
    /// <p>The number of vCPUs.</p>
    vCpu: WrapperLong

    /// <p>The amount of memory.</p>
    memory: WrapperLong

    /// <p>The amount of disk space.</p>
    disk: WrapperLong

    /// <p>The kind of machine.</p>
    machineType: MachineType

    /// <p>The EC2 instance type.</p>
    instanceType: NonEmptyString
}

/// <p>The compute size or kind used by a build environment.</p>
enum ComputeType {
    BUILD_GENERAL1_SMALL
    BUILD_GENERAL1_MEDIUM
    BUILD_GENERAL1_LARGE
    BUILD_GENERAL1_XLARGE
    BUILD_GENERAL1_2XLARGE
    BUILD_LAMBDA_1GB
    BUILD_LAMBDA_2GB
    BUILD_LAMBDA_4GB
    BUILD_LAMBDA_8GB
    BUILD_LAMBDA_10GB
    ATTRIBUTE_BASED_COMPUTE
    CUSTOM_INSTANCE_TYPE
}

/// <p>Names of compute types that may be used.</p>
list ComputeTypesAllowed {
    member: NonEmptyString
}

/// <p>The service that stores a registry credential.</p>
enum CredentialProviderType {
    SECRETS_MANAGER
}

/// <p>Information about the Session Manager debug session of a build.</p>
structure DebugSession {
    /// <p>Whether Session Manager debugging is turned on.</p>
    sessionEnabled: WrapperBoolean

    /// <p>The Session Manager target of the build container.</p>
    sessionTarget: NonEmptyString
}

/// <p>Settings for a dedicated Docker server used by the build environment.</p>
structure DockerServer {
    /// <p>The compute type of the Docker server.</p>
    @required
    computeType: ComputeType

    /// <p>The security groups attached to the Docker server.</p>
    securityGroupIds: SecurityGroupIds

    /// <p>Status information about the Docker server.</p>
    status: DockerServerStatus
}

/// <p>The current state of a Docker server.</p>
structure DockerServerStatus {
    /// <p>The current state of the Docker server.</p>
    status: String

    /// <p>A message about the status of the Docker server.</p>
    message: String
}

/// <p>The type of build environment.</p>
enum EnvironmentType {
    WINDOWS_CONTAINER
    LINUX_CONTAINER
    LINUX_GPU_CONTAINER
    ARM_CONTAINER
    WINDOWS_SERVER_2019_CONTAINER
    WINDOWS_SERVER_2022_CONTAINER
    LINUX_LAMBDA_CONTAINER
    ARM_LAMBDA_CONTAINER
    LINUX_EC2
    ARM_EC2
    WINDOWS_EC2
    MAC_ARM
}

/// <p>An environment variable made available to a build.</p>
structure EnvironmentVariable {
    /// <p>The name of the variable.</p>
    @required
    name: NonEmptyString

    /// <p>The value of the variable, or a reference to where the value is stored.</p>
    @required
    value: String

    /// <p>Where the value of the variable comes from.</p>
    type: EnvironmentVariableType
}

/// <p>Where the value of an environment variable comes from.</p>
enum EnvironmentVariableType {
    PLAINTEXT
    PARAMETER_STORE
    SECRETS_MANAGER
}

/// <p>A list of environment variables.</p>
list EnvironmentVariables {
    member: EnvironmentVariable
}

/// <p>An environment variable whose value a build exports when it finishes.</p>
structure ExportedEnvironmentVariable {
    /// <p>The name of the variable.</p>
    name: NonEmptyString

    /// <p>The value the variable had when the build finished.</p>
    value: String
}

/// <p>A list of exported environment variables.</p>
list ExportedEnvironmentVariables {
    member: ExportedEnvironmentVariable
}

/// <p>The type of a file system.</p>
enum FileSystemType {
    EFS
}

/// <p>A list of webhook filters that must all match for a build to start.</p>
list FilterGroup {
    member: WebhookFilter
}

/// <p>A list of webhook filter groups, any one of which may start a build.</p>
list FilterGroups {
    member: FilterGroup
}

/// <p>A list of fleet names or ARNs.</p>
list FleetsAllowed {
    member: NonEmptyString
}

/// <p>A non-negative depth of commit history to fetch when cloning a Git repository.</p>
@range(min: 0)
integer GitCloneDepth

/// <p>Settings that control how Git submodules are handled for a source.</p>
structure GitSubmodulesConfig {
    /// <p>Whether Git submodules are fetched.</p>
    @required
    fetchSubmodules: WrapperBoolean
}

/// <p>Which credentials CodeBuild uses to pull the build image.</p>
enum ImagePullCredentialsType {
    CODEBUILD
    SERVICE_ROLE
}

/// <p>The input value that was provided is not valid.</p>
@error("client")
@httpError(400)
structure InvalidInputException {
    /// <p>A message that describes the error.</p>
    message: String
}

/// <p>The key of a tag: 1 to 127 letters, digits, spaces or the characters <code>_.:/=@+-</code>.</p>
@length(max: 127, min: 1)
@pattern("^([\\p{L}\\p{Z}\\p{N}_.:/=@+\\-]*)$")
string KeyInput

/// <p>Where the logs of a project's builds are sent.</p>
structure LogsConfig {
    /// <p>Settings for sending logs to CloudWatch Logs.</p>
    cloudWatchLogs: CloudWatchLogsConfig

    /// <p>Settings for storing logs in Amazon S3.</p>
    s3Logs: S3LogsConfig
}

/// <p>Whether a log destination is turned on.</p>
enum LogsConfigStatusType {
    ENABLED
    DISABLED
}

/// <p>Describes where the logs of a build are stored.</p>
structure LogsLocation {
    /// <p>The CloudWatch Logs group name.</p>
    groupName: String

    /// <p>The CloudWatch Logs stream name.</p>
    streamName: String

    /// <p>A link to the logs in the CloudWatch console.</p>
    deepLink: String

    /// <p>A link to the logs in the Amazon S3 console.</p>
    s3DeepLink: String

    /// <p>The ARN of the CloudWatch Logs stream.</p>
    cloudWatchLogsArn: String

    /// <p>The ARN of the S3 logs location.</p>
    s3LogsArn: String

    /// <p>The CloudWatch Logs settings.</p>
    cloudWatchLogs: CloudWatchLogsConfig

    /// <p>The S3 logs settings.</p>
    s3Logs: S3LogsConfig
}

/// <p>The kind of machine used for attribute-based compute.</p>
enum MachineType {
    GENERAL
    NVME
}

/// <p>The network interface attached to a build that runs in a VPC.</p>
structure NetworkInterface {
    /// <p>The identifier of the subnet that holds the interface.</p>
    subnetId: NonEmptyString

    /// <p>The identifier of the elastic network interface.</p>
    networkInterfaceId: NonEmptyString
}

/// <p>A string that contains at least one character.</p>
@length(min: 1)
string NonEmptyString

/// <p>Extra details that explain the outcome of a build phase.</p>
structure PhaseContext {
    /// <p>The status code reported for the phase.</p>
    statusCode: String

    /// <p>A message that describes the outcome of the phase.</p>
    message: String
}

/// <p>A list of phase contexts.</p>
list PhaseContexts {
    member: PhaseContext
}

/// <p>A build project: the source, environment, artifacts and other settings that its builds use.</p>
structure Project {
    /// <p>The project's unique name.</p>
    name: ProjectName

    /// <p>The project's full resource identifier.</p>
    arn: String

    /// <p>Free text that says what the project is for.</p>
    description: ProjectDescription

    /// <p>The primary source that the project's builds use.</p>
    source: ProjectSource

    /// <p>Further sources that the project's builds use.</p>
    secondarySources: ProjectSources

    /// <p>The primary source version built when a build does not name one.</p>
    sourceVersion: String

    /// <p>The secondary source versions built when a build does not name them.</p>
    secondarySourceVersions: ProjectSecondarySourceVersions

    /// <p>Where and how the project stores its primary output artifacts.</p>
    artifacts: ProjectArtifacts

    /// <p>Where and how the project stores further output artifacts.</p>
    secondaryArtifacts: ProjectArtifactsList

    /// <p>How builds of the project keep files between runs.</p>
    cache: ProjectCache

    /// <p>The image, compute size and variables that builds run with.</p>
    environment: ProjectEnvironment

    /// <p>The IAM role that builds of the project run with.</p>
    serviceRole: NonEmptyString

    /// <p>How many minutes a build may run before it times out.</p>
    timeoutInMinutes: BuildTimeOut

    /// <p>Minutes (5 to 480) that a waiting build may stay queued until it is given up.</p>
    queuedTimeoutInMinutes: TimeOut

    /// <p>The KMS key used to encrypt the project's output artifacts.</p>
    encryptionKey: NonEmptyString

    /// <p>The tags attached to the project.</p>
    tags: TagList

    /// <p>The moment the project was set up.</p>
    created: Timestamp

    /// <p>When the project's settings last changed.</p>
    lastModified: Timestamp

    /// <p>The webhook that starts builds of the project, if any.</p>
    webhook: Webhook

    /// <p>The VPC that the project's builds run in.</p>
    vpcConfig: VpcConfig

    /// <p>Whether a status badge is published, and where.</p>
    badge: ProjectBadge

    /// <p>Where the logs of the project's builds are sent.</p>
    logsConfig: LogsConfig

    /// <p>File systems mounted in the project's builds.</p>
    fileSystemLocations: ProjectFileSystemLocations

    /// <p>How the project runs batch builds.</p>
    buildBatchConfig: ProjectBuildBatchConfig

    /// <p>How many builds of the project may run at the same time.</p>
    concurrentBuildLimit: WrapperInt

    /// <p>Whether people outside the account may view the project's builds.</p>
    projectVisibility: ProjectVisibilityType

    /// <p>The name that public, read-only build endpoints use for a publicly visible project.</p>
    publicProjectAlias: NonEmptyString

    /// <p>The IAM role that CodeBuild assumes to read the project's logs and artifacts for public viewers.</p>
    resourceAccessRole: NonEmptyString

    /// <p>How many times a failed build is retried automatically.</p>
    autoRetryLimit: WrapperInt
}

/// <p>Settings for where and how a project stores its output artifacts.</p>
structure ProjectArtifacts {
    /// <p>Where the artifacts go: an S3 bucket, CodePipeline, or nowhere.</p>
    @required
    type: ArtifactsType

    /// <p>For S3 artifacts, the name of the bucket.</p>
    location: String

    /// <p>For S3 artifacts, the folder inside the bucket.</p>
    path: String

    /// <p>Whether the build ID is added to the artifact path.</p>
    namespaceType: ArtifactNamespace

    /// <p>The name of the artifact file or folder.</p>
    name: String

    /// <p>Whether the artifacts are stored as-is or zipped.</p>
    packaging: ArtifactPackaging

    /// <p>Whether the buildspec may set the artifact name.</p>
    overrideArtifactName: WrapperBoolean

    /// <p>Whether the artifacts are stored without encryption.</p>
    encryptionDisabled: WrapperBoolean

    /// <p>The name that identifies this artifact among the project's outputs.</p>
    artifactIdentifier: String

    /// <p>The access granted to the owner of the bucket.</p>
    bucketOwnerAccess: BucketOwnerAccess
}

/// <p>A list of up to 12 artifact settings.</p>
@length(max: 12, min: 0)
list ProjectArtifactsList {
    member: ProjectArtifacts
}

/// <p>The build status badge of a project.</p>
structure ProjectBadge {
    /// <p>Whether the badge is turned on.</p>
    badgeEnabled: Boolean = false

    /// <p>The URL that serves the badge image.</p>
    badgeRequestUrl: String
}

/// <p>How a project runs batch builds.</p>
structure ProjectBuildBatchConfig {
    /// <p>The IAM role that batch builds run with.</p>
    serviceRole: NonEmptyString

    /// <p>Whether the artifacts of a batch's builds are merged into one place.</p>
    combineArtifacts: WrapperBoolean

    /// <p>Limits on the builds a batch may start.</p>
    restrictions: BatchRestrictions

    /// <p>How many minutes a whole batch build may run.</p>
    timeoutInMins: WrapperInt

    /// <p>How the batch reports its status to the source provider.</p>
    batchReportMode: BatchReportModeType
}

/// <p>Settings for the cache that a build uses.</p>
structure ProjectCache {
    /// <p>The kind of cache.</p>
    @required
    type: CacheType

    /// <p>Where the cache is stored.</p>
    location: String

    /// <p>The local cache modes in use.</p>
    modes: ProjectCacheModes

    /// <p>A namespace that lets several projects share a cache.</p>
    cacheNamespace: String
}

/// <p>A list of local cache modes.</p>
list ProjectCacheModes {
    member: CacheMode
}

/// <p>A free-text description of a project, up to 255 characters.</p>
@length(max: 255, min: 0)
string ProjectDescription

/// <p>Settings for the build environment, such as its image and compute resources.</p>
structure ProjectEnvironment {
    /// <p>The type of build environment.</p>
    @required
    type: EnvironmentType

    /// <p>The image used for the build environment.</p>
    @required
    image: NonEmptyString

    /// <p>The compute type of the build environment.</p>
    @required
    computeType: ComputeType

    /// <p>The compute resources requested for the environment.</p>
    computeConfiguration: ComputeConfiguration

    /// <p>The fleet that runs the build.</p>
    fleet: ProjectFleet

    /// <p>The environment variables available to the build.</p>
    environmentVariables: EnvironmentVariables

    /// <p>Whether the build container runs with elevated privileges, for example to run Docker.</p>
    privilegedMode: WrapperBoolean

    /// <p>Where a certificate used by the build environment is stored.</p>
    certificate: String

    /// <p>Credentials for a private image registry.</p>
    registryCredential: RegistryCredential

    /// <p>Which credentials are used to pull the image.</p>
    imagePullCredentialsType: ImagePullCredentialsType

    /// <p>The Docker server settings of the environment.</p>
    dockerServer: DockerServer
}

/// <p>A file system that is mounted into the build environment.</p>
structure ProjectFileSystemLocation {
    /// <p>The type of the file system.</p>
    type: FileSystemType

    /// <p>The DNS name and directory path of the file system.</p>
    location: String

    /// <p>Where the file system is mounted in the build container.</p>
    mountPoint: String

    /// <p>The identifier used to refer to the file system in the build.</p>
    identifier: String

    /// <p>The mount options.</p>
    mountOptions: String
}

/// <p>A list of file system locations.</p>
list ProjectFileSystemLocations {
    member: ProjectFileSystemLocation
}

/// <p>Identifies the compute fleet that runs a build.</p>
structure ProjectFleet {
    /// <p>The ARN of the fleet.</p>
    fleetArn: String
}

/// <p>A project name: 2 to 150 letters, digits, hyphens or underscores, starting with a letter or digit.</p>
@length(max: 150, min: 2)
@pattern("^[A-Za-z0-9][A-Za-z0-9\\-_]{1,149}$")
string ProjectName

/// <p>A list of 1 to 100 project names or ARNs.</p>
@length(max: 100, min: 1)
list ProjectNames {
    member: NonEmptyString
}

/// <p>A list of up to 12 versions of secondary sources.</p>
@length(max: 12, min: 0)
list ProjectSecondarySourceVersions {
    member: ProjectSourceVersion
}

/// <p>The property that project names are ordered by.</p>
enum ProjectSortByType {
    NAME
    CREATED_TIME
    LAST_MODIFIED_TIME
}

/// <p>Describes where a build gets its source code and how it retrieves it.</p>
structure ProjectSource {
    /// <p>The kind of source repository or location.</p>
    @required
    type: SourceType

    /// <p>Where the source is, such as a repository URL or an S3 path.</p>
    location: String

    /// <p>The depth of commit history to fetch when cloning.</p>
    gitCloneDepth: GitCloneDepth

    /// <p>How Git submodules are handled.</p>
    gitSubmodulesConfig: GitSubmodulesConfig

    /// <p>The build specification, given inline or as a path to a buildspec file.</p>
    buildspec: String

    /// <p>How CodeBuild authenticates to the source provider.</p>
    auth: SourceAuth

    /// <p>Whether the build status is reported back to the source provider.</p>
    reportBuildStatus: WrapperBoolean

    /// <p>How the build status is presented to the source provider.</p>
    buildStatusConfig: BuildStatusConfig

    /// <p>Whether SSL warnings are ignored when connecting to the source.</p>
    insecureSsl: WrapperBoolean

    /// <p>The identifier used to refer to this source.</p>
    sourceIdentifier: String
}

/// <p>Pairs a secondary source identifier with the version of that source to build.</p>
structure ProjectSourceVersion {
    /// <p>The identifier of the secondary source.</p>
    @required
    sourceIdentifier: String

    /// <p>The version of the secondary source to build, such as a branch, tag or commit ID.</p>
    @required
    sourceVersion: String
}

/// <p>A list of up to 12 project sources.</p>
@length(max: 12, min: 0)
list ProjectSources {
    member: ProjectSource
}

/// <p>Whether a project's builds can be viewed by the public.</p>
enum ProjectVisibilityType {
    PUBLIC_READ
    PRIVATE
}

/// <p>A list of build projects.</p>
list Projects {
    member: Project
}

/// <p>A repository role whose holders may approve builds of pull requests.</p>
enum PullRequestBuildApproverRole {
    GITHUB_READ
    GITHUB_TRIAGE
    GITHUB_WRITE
    GITHUB_MAINTAIN
    GITHUB_ADMIN
    GITLAB_GUEST
    GITLAB_PLANNER
    GITLAB_REPORTER
    GITLAB_DEVELOPER
    GITLAB_MAINTAINER
    GITLAB_OWNER
    BITBUCKET_READ
    BITBUCKET_WRITE
    BITBUCKET_ADMIN
}

/// <p>A list of approver roles.</p>
list PullRequestBuildApproverRoles {
    member: PullRequestBuildApproverRole
}

/// <p>Which pull requests need an approving comment before they are built.</p>
enum PullRequestBuildCommentApproval {
    DISABLED
    ALL_PULL_REQUESTS
    FORK_PULL_REQUESTS
}

/// <p>Rules that decide whether a pull request must be approved before it is built.</p>
structure PullRequestBuildPolicy {
    /// <p>Which pull requests need an approving comment before they are built.</p>
    @required
    requiresCommentApproval: PullRequestBuildCommentApproval

    /// <p>The repository roles whose holders may approve.</p>
    approverRoles: PullRequestBuildApproverRoles
}

/// <p>Credentials used to pull an image from a private registry.</p>
structure RegistryCredential {
    /// <p>The ARN or name of the stored credential.</p>
    @required
    credential: NonEmptyString

    /// <p>The service that stores the credential.</p>
    @required
    credentialProvider: CredentialProviderType
}

/// <p>A resource with the requested name or settings is already present, so it was not created.</p>
@error("client")
@httpError(400)
structure ResourceAlreadyExistsException {
    /// <p>A message that describes the error.</p>
    message: String
}

/// <p>The specified AWS resource cannot be found.</p>
@error("client")
@httpError(400)
structure ResourceNotFoundException {
    /// <p>A message that describes the error.</p>
    message: String
}

/// <p>Settings for storing build logs in Amazon S3.</p>
structure S3LogsConfig {
    /// <p>Whether logging to Amazon S3 is turned on.</p>
    @required
    status: LogsConfigStatusType

    /// <p>The bucket and path where logs are written.</p>
    location: String

    /// <p>Whether encryption of the logs is turned off.</p>
    encryptionDisabled: WrapperBoolean

    /// <p>The access granted to the owner of the bucket.</p>
    bucketOwnerAccess: BucketOwnerAccess
}

/// <p>Settings for a webhook that covers a whole organization, group or enterprise.</p>
structure ScopeConfiguration {
    /// <p>The name of the organization, group or enterprise the webhook covers.</p>
    @required
    name: String

    /// <p>The host domain, for GitHub Enterprise or GitLab Self Managed scopes.</p>
    domain: String

    /// <p>The kind of scope the webhook covers.</p>
    @required
    scope: WebhookScopeType
}

/// <p>A list of up to 5 security group IDs.</p>
@length(max: 5)
list SecurityGroupIds {
    member: NonEmptyString
}

/// <p>The direction in which results are ordered.</p>
enum SortOrderType {
    ASCENDING
    DESCENDING
}

/// <p>Describes how CodeBuild authenticates to a source provider.</p>
structure SourceAuth {
    /// <p>The authorization method.</p>
    @required
    type: SourceAuthType

    /// <p>The resource, such as a connection or secret ARN, used for authorization.</p>
    resource: String
}

/// <p>The authorization method used to access a source provider.</p>
enum SourceAuthType {
    OAUTH
    CODECONNECTIONS
    SECRETS_MANAGER
}

/// <p>The kind of repository or storage location that holds source code.</p>
enum SourceType {
    CODECOMMIT
    CODEPIPELINE
    GITHUB
    GITLAB
    GITLAB_SELF_MANAGED
    S3
    BITBUCKET
    GITHUB_ENTERPRISE
    NO_SOURCE
}

/// <p>The status of a build or of one of its phases.</p>
enum StatusType {
    SUCCEEDED
    FAILED
    FAULT
    TIMED_OUT
    IN_PROGRESS
    STOPPED
}

/// <p>A string value.</p>
string String

/// <p>A list of up to 16 subnet IDs.</p>
@length(max: 16)
list Subnets {
    member: NonEmptyString
}

/// <p>A key and value pair attached to a resource.</p>
structure Tag {
    /// <p>The name part of the pair.</p>
    key: KeyInput

    /// <p>The value part of the pair.</p>
    value: ValueInput
}

/// <p>A list of up to 50 tags.</p>
@length(max: 50, min: 0)
list TagList {
    member: Tag
}

/// <p>A queue timeout in minutes, from 5 to 480.</p>
@range(max: 480, min: 5)
integer TimeOut

/// <p>A point in time.</p>
timestamp Timestamp

/// <p>The value of a tag: up to 255 letters, digits, spaces or the characters <code>_.:/=@+-</code>.</p>
@length(max: 255, min: 0)
@pattern("^([\\p{L}\\p{Z}\\p{N}_.:/=@+\\-]*)$")
string ValueInput

/// <p>Settings that run a build inside an Amazon VPC.</p>
structure VpcConfig {
    /// <p>The ID of the VPC.</p>
    vpcId: NonEmptyString

    /// <p>The IDs of the subnets.</p>
    subnets: Subnets

    /// <p>The IDs of the security groups.</p>
    securityGroupIds: SecurityGroupIds
}

/// <p>A webhook that starts builds of a project when events happen in its source repository.</p>
structure Webhook {
    /// <p>Where the webhook lives in the source provider.</p>
    url: NonEmptyString

    /// <p>The endpoint that the source provider sends events to.</p>
    payloadUrl: NonEmptyString

    /// <p>The shared secret that the source provider uses to sign the webhook's events.</p>
    secret: NonEmptyString

    /// <p>A regular expression on branch names that limits which events start builds; superseded by filter groups.</p>
    branchFilter: String

    /// <p>Groups of filters that decide which events start builds.</p>
    filterGroups: FilterGroups

    /// <p>Whether the webhook starts single builds, batch builds or runner builds.</p>
    buildType: WebhookBuildType

    /// <p>Whether the webhook must be set up by hand in the source provider.</p>
    manualCreation: WrapperBoolean

    /// <p>When the webhook's secret last changed.</p>
    lastModifiedSecret: Timestamp

    /// <p>The organization-wide or global scope of the webhook.</p>
    scopeConfiguration: ScopeConfiguration

    /// <p>Where the webhook is in its lifecycle, such as being created or active.</p>
    status: WebhookStatus

    /// <p>More detail about the webhook's state.</p>
    statusMessage: String

    /// <p>Rules for approving builds of pull requests.</p>
    pullRequestBuildPolicy: PullRequestBuildPolicy
}

/// <p>What kind of build a webhook starts.</p>
enum WebhookBuildType {
    BUILD
    BUILD_BATCH
    RUNNER_BUILDKITE_BUILD
}

/// <p>One condition on a webhook event that decides whether a build starts.</p>
structure WebhookFilter {
    /// <p>The property of the event that the filter tests.</p>
    @required
    type: WebhookFilterType

    /// <p>The value or regular expression that the property is compared with.</p>
    @required
    pattern: String

    /// <p>Whether matching events are excluded rather than included.</p>
    excludeMatchedPattern: WrapperBoolean
}

/// <p>The property of a webhook event that a filter tests.</p>
enum WebhookFilterType {
    EVENT
    BASE_REF
    HEAD_REF
    ACTOR_ACCOUNT_ID
    FILE_PATH
    COMMIT_MESSAGE
    WORKFLOW_NAME
    TAG_NAME
    RELEASE_NAME
    REPOSITORY_NAME
    ORGANIZATION_NAME
}

/// <p>Which kind of organization, group or global scope a webhook covers.</p>
enum WebhookScopeType {
    GITHUB_ORGANIZATION
    GITHUB_GLOBAL
    GITLAB_GROUP
}

/// <p>The lifecycle state of a webhook.</p>
enum WebhookStatus {
    CREATING
    CREATE_FAILED
    ACTIVE
    DELETING
}

/// <p>A boolean value that may be absent.</p>
boolean WrapperBoolean

/// <p>A 32-bit integer that may be absent.</p>
integer WrapperInt

/// <p>A 64-bit integer that may be absent.</p>
long WrapperLong
