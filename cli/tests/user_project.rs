//! The README's "from `cargo new` to a call": a fresh project outside this
//! workspace, the model and code blocks the README shows, the installed
//! command generating the crate, and `cargo run` serving and calling it.
//! Also the command's `ast` and `idl` conversions and its errors.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap()
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

fn smithy_codegen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_smithy-codegen"))
}

/// The fenced block after each `<!-- user-project: WHAT -->` line of the
/// README, by WHAT.
fn readme_blocks() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(what) = line.strip_prefix("<!-- user-project: ").and_then(|l| l.strip_suffix(" -->")) else { continue };
        let fence = lines.next().unwrap();
        assert!(fence.starts_with("```"), "{what}: no code block after the marker");
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        blocks.push((what.to_owned(), body.join("\n") + "\n"));
    }
    blocks
}

fn run(command: &mut Command) -> String {
    let output = command.output().unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{command:?} failed:\n{stdout}\n{stderr}");
    stdout
}

#[test]
fn readme_user_project_builds_and_calls_its_service() {
    // Outside this workspace, as a user's project is; its build directory
    // is kept between runs.
    let scratch = std::env::temp_dir().join(format!("smithy-user-project-{}", std::process::id()));
    let target = workspace().join("target/user-project");
    let project = scratch.join("weather-app");
    std::fs::create_dir_all(&scratch).unwrap();
    run(cargo().current_dir(&scratch).args(["new", "--vcs", "none", "--quiet", "weather-app"]));

    let blocks = readme_blocks();
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    for (what, body) in &blocks {
        match what.as_str() {
            "Cargo.toml [dependencies]" => {
                let manifest = project.join("Cargo.toml");
                let text = std::fs::read_to_string(&manifest).unwrap();
                assert!(text.trim_end().ends_with("[dependencies]"), "{text}");
                std::fs::write(&manifest, format!("{}\n{body}", text.trim_end())).unwrap();
            }
            path => {
                let path = project.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, body).unwrap();
            }
        }
    }
    let report = run(smithy_codegen().current_dir(&project).args(["generate", "model", "--out", "weather"]));
    assert!(report.contains("generated 6 files"), "{report}");
    let manifest = std::fs::read_to_string(project.join("weather/Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"weather\""), "{manifest}");
    let runtime = manifest.lines().find_map(|l| l.strip_prefix("smithy-runtime = { path = \"")).unwrap();
    let runtime = runtime.trim_end_matches("\" }");
    assert!(runtime.starts_with("../"), "{manifest}");
    assert_eq!(project.join("weather").join(runtime).canonicalize().unwrap(), workspace().join("runtime"));

    // The workspace's lock file pins the same dependency versions; the
    // target directory is kept between runs.
    std::fs::copy(workspace().join("Cargo.lock"), project.join("Cargo.lock")).unwrap();
    let out = run(cargo().current_dir(&project).env("CARGO_TARGET_DIR", &target).args(["run", "--quiet"]));
    assert_eq!(out, "Lisbon: sunny at 24.5 °C\nAtlantis: no forecast for Atlantis\n");

    // Generating again keeps a manifest the user took over.
    let own = manifest.lines().skip(1).collect::<Vec<_>>().join("\n");
    std::fs::write(project.join("weather/Cargo.toml"), &own).unwrap();
    let report = run(smithy_codegen().current_dir(&project).args(["generate", "model", "--out", "weather"]));
    assert!(report.contains("kept weather/Cargo.toml"), "{report}");
    assert_eq!(std::fs::read_to_string(project.join("weather/Cargo.toml")).unwrap(), own);
    std::fs::remove_dir_all(&scratch).unwrap();
}

#[test]
fn ast_and_idl_convert_both_ways() {
    let dir = workspace().join("target/cli-convert-test");
    let _ = std::fs::remove_dir_all(&dir);
    let kitchen = workspace().join("tests/models/kitchen-sink.json");
    let ast = run(smithy_codegen().arg("ast").arg(&kitchen));
    assert!(ast.starts_with("{\n    \"smithy\": \"2.0\""), "{ast}");
    // Two namespaces: IDL needs a directory.
    let out = smithy_codegen().arg("idl").arg(&kitchen).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give a directory with --out"));
    let report = run(smithy_codegen().arg("idl").arg(&kitchen).arg("--out").arg(&dir));
    assert!(report.contains("test.sink.smithy") && report.contains("test.other.smithy"), "{report}");
    assert_eq!(run(smithy_codegen().arg("ast").arg(&dir)), ast);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_and_usage() {
    let dir = workspace().join("target/cli-errors-test");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.smithy");
    std::fs::write(&bad, "$version: \"2\"\nnamespace a.b\n\nstructure X {\n    y: Nope\n}\n").unwrap();
    let out = smithy_codegen().arg("ast").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.smithy:5:8: the target `a.b#Nope` is not defined"), "{stderr}");
    assert!(stderr.contains("5 |     y: Nope"), "{stderr}");

    for args in [&["generate", "model"][..], &["generate", "--out"], &["nope"], &["generate", "m", "--out", "d", "--frobnicate"]] {
        let out = smithy_codegen().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"), "{args:?}");
    }
    let out = smithy_codegen().args(["generate", "x.smithy", "--out", "d", "--rev", "abc"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("--rev, --branch and --tag go with --runtime-git"));
    assert!(run(smithy_codegen().arg("--help")).contains("smithy-codegen generate MODEL..."));
    assert!(run(smithy_codegen().args(["generate", "--help"])).contains("smithy-codegen generate MODEL..."));
}

#[test]
fn validate_reports_smithys_events_and_generate_refuses_what_it_refuses() {
    let dir = workspace().join("target/cli-validate-test");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.smithy");
    std::fs::write(&bad, "$version: \"2\"\nnamespace a.b\n\n@range(min: 1)\nstring Name\n\n@readonly @idempotent\noperation Op {}\n")
        .unwrap();
    let out = smithy_codegen().arg("validate").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[ERROR] a.b#Name: Trait `range` cannot be applied to `a.b#Name`."), "{stderr}");
    assert!(stderr.contains("[ERROR] a.b#Op: Found conflicting traits on operation shape"), "{stderr}");
    // Each event says where its shape is defined, with the line and a caret.
    assert!(stderr.contains("bad.smithy:5:1\n"), "{stderr}");
    assert!(stderr.contains("\n      5 | string Name\n"), "{stderr}");
    assert!(stderr.ends_with("the model is invalid: 2 ERROR, 0 DANGER, 0 WARNING, 0 NOTE, 0 SUPPRESSED\n"), "{stderr}");
    // Generating refuses the same model, writing nothing.
    let out = smithy_codegen().arg("generate").arg(&bad).arg("--out").arg(dir.join("crate")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("| TraitTarget"));
    assert!(!dir.join("crate").exists());
    // A valid model, and the options.
    let kitchen = workspace().join("tests/models/kitchen-sink.json");
    // Its one warning: the resource binds an operation it marks deprecated.
    let report = run(smithy_codegen().arg("validate").arg(&kitchen));
    assert!(report.starts_with("[WARNING] test.sink#Thing: Binds a deprecated operation, test.sink#DeleteThing."), "{report}");
    assert!(report.ends_with("the model is valid: 0 ERROR, 0 DANGER, 1 WARNING, 0 NOTE, 0 SUPPRESSED\n"), "{report}");
    let out = smithy_codegen().args(["validate", "--severity", "loud"]).arg(&kitchen).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown severity `LOUD`"));
    let out = smithy_codegen().args(["validate", "--severity", "error"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // A model that only has warnings is generated, and the warnings printed.
    let warned = dir.join("warned.smithy");
    std::fs::write(
        &warned,
        "$version: \"2\"\nnamespace a.b\n\n@aws.protocols#restJson1\nservice S { version: \"1\", operations: [Get] }\n\n\
         @http(method: \"GET\", uri: \"/\")\noperation Get {}\n",
    )
    .unwrap();
    let report = run(smithy_codegen().arg("generate").arg(&warned).arg("--out").arg(dir.join("warned")));
    assert!(report.contains("[WARNING] a.b#Get: This operation uses the `GET` method in the `http` trait, but is not marked \
                             with the readonly trait | HttpMethodSemantics.MissingReadonlyTrait"), "{report}");
    assert!(dir.join("warned/src/lib.rs").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
