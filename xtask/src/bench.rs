//! `cargo xtask bench`: our generated crate against the AWS SDK crate of
//! the same service (`aws-sdk-codebuild` for awsJson, `aws-sdk-lambda` for
//! restJson1, `aws-sdk-cloudwatch` for rpcv2Cbor), measured side by side in
//! one run: compile time (crate only, debug and release, alternating
//! A B A B), peak rustc memory, lines and rlib size, and decode speed
//! through each client's public API.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// An AWS SDK crate our crate of the same service is measured against.
#[derive(Clone, Copy, Debug)]
pub struct Sdk {
    /// What the model file's name contains.
    pub model: &'static str,
    /// The SDK crate.
    pub krate: &'static str,
    /// Its release measured against.
    pub version: &'static str,
    /// Our crate's package name.
    pub ours: &'static str,
    /// The decode benchmark: both clients reading one canned response.
    pub decode: &'static str,
}

/// The services benchmarked: awsJson (CodeBuild), restJson1 (Lambda) and
/// rpcv2Cbor (CloudWatch).
pub const SDKS: &[Sdk] = &[
    Sdk {
        model: "codebuild",
        krate: "aws-sdk-codebuild",
        version: "1.145.0",
        ours: "ours-codebuild",
        decode: include_str!("../bench/decode.rs"),
    },
    Sdk {
        model: "lambda",
        krate: "aws-sdk-lambda",
        version: "1.156.0",
        ours: "ours-lambda",
        decode: include_str!("../bench/decode_lambda.rs"),
    },
    // botocore's CloudWatch (rpcv2Cbor), converted by
    // tests/scripts/botocore_to_smithy.py: AWS's published Smithy model of it
    // still speaks awsQuery.
    Sdk {
        model: "cloudwatch",
        krate: "aws-sdk-cloudwatch",
        version: "1.140.0",
        ours: "ours-cloudwatch",
        decode: include_str!("../bench/decode_cloudwatch.rs"),
    },
];

/// The SDK to measure `model` against, by the model file's name.
pub fn sdk_for(model: &Path) -> Result<&'static Sdk, String> {
    let name = model.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    SDKS.iter().find(|sdk| name.contains(sdk.model)).ok_or_else(|| {
        let known: Vec<&str> = SDKS.iter().map(|s| s.model).collect();
        format!("no SDK to measure {} against; the model file's name must contain one of {}", model.display(), known.join(", "))
    })
}

/// The library name of package `package`.
fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

/// What to run.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// The model to generate our crate from.
    pub model: PathBuf,
    /// Alternating rounds per profile.
    pub runs: usize,
    /// Measure compile time and size.
    pub compile: bool,
    /// Run the decode benchmark.
    pub decode: bool,
}

/// Runs the benchmarks and returns a markdown report.
pub fn bench(root: &Path, options: &BenchOptions) -> Result<String, String> {
    let sdk = sdk_for(&options.model)?;
    let scratch = root.join("target/bench").join(sdk.model);
    let mut report = String::new();
    let _ = writeln!(
        report,
        "Measured {} on {} cores by `cargo xtask bench --model {}`.\n",
        today(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        options.model.display()
    );
    if options.compile {
        let dir = scratch.join("compile");
        write_compile_workspace(root, &dir, &options.model, sdk)?;
        report.push_str(&compile_report(&dir, options.runs, sdk)?);
    }
    if options.decode {
        let dir = scratch.join("decode");
        write_decode_workspace(root, &dir, &options.model, sdk)?;
        report.push_str(&decode_report(&dir)?);
    }
    Ok(report)
}

fn today() -> String {
    run_capture(Command::new("date").args(["-u", "+%Y-%m-%d"])).map(|s| s.trim().to_owned()).unwrap_or_default()
}

/// Our crate, generated from `model` into `dir/ours`, as a workspace member.
fn generate_ours(root: &Path, dir: &Path, model: &Path, sdk: &Sdk) -> Result<(), String> {
    let options = smithy_codegen::Options {
        regenerate_command: "cargo xtask bench".to_owned(),
        crate_name: Some(lib_name(sdk.ours)),
        unsupported_operations: smithy_codegen::Unsupported::Skip,
        ..smithy_codegen::Options::default()
    };
    let options = crate::crate_options(root, sdk.ours, false, options);
    smithy_codegen_cli::generate_crate(&[model], &dir.join("ours"), &options).map(drop)
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_compile_workspace(root: &Path, dir: &Path, model: &Path, sdk: &Sdk) -> Result<(), String> {
    generate_ours(root, dir, model, sdk)?;
    let (krate, version) = (sdk.krate, sdk.version);
    write(
        &dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"ours\", \"sdk\"]\n\n[profile.release]\ndebug = false\n",
    )?;
    write(
        &dir.join("sdk/Cargo.toml"),
        &format!(
            "[package]\nname = \"sdk-holder\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{krate} = {{ version = \"={version}\", default-features = false }}\n"
        ),
    )?;
    write(&dir.join("sdk/src/lib.rs"), "//! Holds the SDK dependency for compile-time measurement.\n")
}

/// Wall time and peak RSS of one `cargo build` of one package.
struct Sample {
    seconds: f64,
    peak_mib: f64,
}

fn build_once(dir: &Path, package: &str, release: bool, features: &[&str]) -> Result<Sample, String> {
    let mut clean = Command::new("cargo");
    clean.current_dir(dir).args(["clean", "-q", "-p", package]);
    if release {
        clean.arg("--release");
    }
    run_capture(&mut clean)?;
    let mut build = Command::new("/usr/bin/time");
    build.current_dir(dir).args(["-v", "cargo", "build", "-q", "--lib", "-p", package]);
    if release {
        build.arg("--release");
    }
    if !features.is_empty() {
        build.args(["--features", &features.join(",")]);
    }
    let start = Instant::now();
    let output = build.output().map_err(|e| format!("cannot run /usr/bin/time: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("building {package} failed:\n{stderr}"));
    }
    let peak_kib: f64 = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0);
    Ok(Sample { seconds, peak_mib: peak_kib / 1024.0 })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn compile_report(dir: &Path, runs: usize, sdk: &Sdk) -> Result<String, String> {
    let sdk_side = format!("{} (no default features)", sdk.krate);
    let sides: [(&str, &str, &[&str]); 3] =
        [("ours, client", sdk.ours, &[]), ("ours, client + server", sdk.ours, &["server"]), (&sdk_side, sdk.krate, &[])];
    let mut out = format!(
        "## Compile time (crate only, dependencies built)\n\n\
         | profile | crate | median wall | peak rustc RSS | vs {} |\n|---|---|---|---|---|\n",
        sdk.krate
    );
    for release in [false, true] {
        let profile = if release { "release" } else { "debug" };
        // Dependencies once, for every side.
        for (_, package, features) in &sides {
            build_once(dir, package, release, features)?;
        }
        let mut samples: Vec<Vec<Sample>> = sides.iter().map(|_| Vec::new()).collect();
        for round in 0..runs {
            for (i, (name, package, features)) in sides.iter().enumerate() {
                let sample = build_once(dir, package, release, features)?;
                eprintln!("{profile} round {}: {name}: {:.1} s, {:.0} MiB", round + 1, sample.seconds, sample.peak_mib);
                samples[i].push(sample);
            }
        }
        let medians: Vec<(f64, f64)> = samples
            .iter()
            .map(|s| (median(s.iter().map(|x| x.seconds).collect()), median(s.iter().map(|x| x.peak_mib).collect())))
            .collect();
        let sdk = medians[2].0;
        for ((name, _, _), (seconds, mib)) in sides.iter().zip(&medians) {
            let _ = writeln!(out, "| {profile} | {name} | {seconds:.1} s | {mib:.0} MiB | {:.2} |", seconds / sdk);
        }
    }
    out.push('\n');
    out.push_str(&size_report(dir, sdk)?);
    Ok(out)
}

fn count_lines(dir: &Path) -> usize {
    crate::rust_files(dir).iter().map(|path| std::fs::read_to_string(path).map_or(0, |t| t.lines().count())).sum()
}

fn newest_rlib(deps: &Path, lib: &str) -> Option<u64> {
    std::fs::read_dir(deps)
        .ok()?
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&format!("lib{lib}-")) && name.ends_with(".rlib")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.metadata().ok()?.len())))
        .max()
        .map(|(_, len)| len)
}

fn size_report(dir: &Path, sdk: &Sdk) -> Result<String, String> {
    let sdk_src = registry_source(sdk.krate, sdk.version).ok_or_else(|| format!("{} sources not found in the cargo registry", sdk.krate))?;
    let (ours_lib, sdk_lib) = (lib_name(sdk.ours), lib_name(sdk.krate));
    let rows = [
        ("ours (client + server)", count_lines(&dir.join("ours/src")), ours_lib.as_str()),
        (sdk.krate, count_lines(&sdk_src.join("src")), sdk_lib.as_str()),
    ];
    let mut out = String::from("## Size\n\n| crate | lines of Rust | debug rlib | release rlib |\n|---|---|---|---|\n");
    for (name, lines, lib) in rows {
        let mib = |profile: &str| {
            newest_rlib(&dir.join("target").join(profile).join("deps"), lib)
                .map_or_else(|| "n/a".to_owned(), |b| format!("{:.1} MiB", b as f64 / 1048576.0))
        };
        let _ = writeln!(out, "| {name} | {lines} | {} | {} |", mib("debug"), mib("release"));
    }
    out.push('\n');
    Ok(out)
}

fn registry_source(name: &str, version: &str) -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let src = home.join("registry/src");
    std::fs::read_dir(src).ok()?.flatten().map(|e| e.path().join(format!("{name}-{version}"))).find(|p| p.is_dir())
}

fn write_decode_workspace(root: &Path, dir: &Path, model: &Path, sdk: &Sdk) -> Result<(), String> {
    generate_ours(root, dir, model, sdk)?;
    let (ours, krate, version) = (sdk.ours, sdk.krate, sdk.version);
    let runtime = root.join("runtime").canonicalize().map_err(|e| format!("runtime/: {e}"))?;
    write(&dir.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"ours\", \"decode\"]\n")?;
    write(
        &dir.join("decode/Cargo.toml"),
        &format!(
            "[package]\nname = \"decode\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n\
             {ours} = {{ path = \"../ours\" }}\n\
             smithy-runtime = {{ path = {runtime:?}, features = [\"client\"] }}\n\
             {krate} = {{ version = \"={version}\", default-features = false, features = [\"rt-tokio\", \"behavior-version-latest\"] }}\n\
             aws-smithy-http-client = {{ version = \"1\", features = [\"test-util\"] }}\n\
             aws-smithy-types = \"1\"\n\
             http = \"1\"\nbytes = \"1\"\nserde_json = \"1\"\nciborium = \"0.2\"\n\
             tokio = {{ version = \"1\", features = [\"rt\"] }}\n\
             criterion = {{ version = \"0.8\", default-features = false, features = [\"cargo_bench_support\"] }}\n\n\
             [[bench]]\nname = \"decode\"\nharness = false\n"
        ),
    )?;
    write(&dir.join("decode/src/lib.rs"), "//! Decode benchmarks live in benches/.\n")?;
    let build = std::fs::read_to_string(root.join("tests/fixtures/build.json")).map_err(|e| e.to_string())?;
    write(&dir.join("decode/benches/build.json"), &build)?;
    write(&dir.join("decode/benches/decode.rs"), sdk.decode)
}

fn decode_report(dir: &Path) -> Result<String, String> {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(dir).args(["bench", "-q", "-p", "decode", "--bench", "decode", "--", "--noplot"]);
    let output = run_capture(&mut cmd)?;
    let mut out = String::from("## Decode (through each client's public API, canned HTTP response)\n\n```\n");
    for line in output.lines().filter(|l| l.contains("time:") || l.contains("thrpt:") || !l.starts_with(' ')) {
        if !line.trim().is_empty() && !line.starts_with("Benchmarking") && !line.contains("change:") {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push_str("```\n\n");
    Ok(out)
}

fn run_capture(cmd: &mut Command) -> Result<String, String> {
    let output = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!("{cmd:?} failed:\n{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)))
    }
}
