//! The generator over every awsJson, restJson1 and rpcv2Cbor service model
//! botocore carries: about 150 awsJson, 250 restJson1 and 9 rpcv2Cbor
//! services of AWS (a service's first protocol in botocore's list), written as
//! Smithy JSON AST by `scripts/botocore_to_smithy.py` (restJson1's HTTP
//! bindings included). Each must load, validate with no ERROR or DANGER
//! event (as Smithy validates AWS's models) and generate without a problem
//! (event-stream operations are skipped with a warning, as `check-models`
//! does), and the files of one model in eight must parse back. Compiling, linting and documenting
//! them all is `cargo xtask check-models`'s job; it takes minutes per model.

use std::path::{Path, PathBuf};
use std::process::Command;

use smithy_codegen::validate::validate;
use smithy_codegen::{generate_with_warnings, load, Options, Unsupported};

fn convert_all(out: &Path) -> Vec<PathBuf> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/botocore_to_smithy.py");
    let run = Command::new("python3").arg(script).arg(out).output().expect("python3 runs");
    assert!(run.status.success(), "conversion failed: {}", String::from_utf8_lossy(&run.stderr));
    let mut models: Vec<PathBuf> = std::fs::read_dir(out).unwrap().map(|e| e.unwrap().path()).collect();
    models.sort();
    models
}

#[test]
fn every_botocore_aws_json_rest_json_and_rpc_v2_cbor_service_generates() {
    if !integration_tests::python_module_installed("botocore") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("botocore-models-{}", std::process::id()));
    let models = convert_all(&dir);
    let speaking = |protocol: &str| {
        let quoted = format!("\"{protocol}\"");
        models.iter().filter(|m| std::fs::read_to_string(m).is_ok_and(|text| text.contains(&quoted))).count()
    };
    let (rest_json, cbor) = (speaking("aws.protocols#restJson1"), speaking("smithy.protocols#rpcv2Cbor"));
    let aws_json = models.len() - rest_json - cbor;
    assert!(
        aws_json >= 100 && rest_json >= 200 && cbor >= 5,
        "only {aws_json} awsJson, {rest_json} restJson1 and {cbor} rpcv2Cbor models converted"
    );
    let options = Options { unsupported_operations: Unsupported::Skip, ..Options::default() };
    // The generator prints a syntax tree it has already parsed, so its
    // output parsing back is prettyplease's promise more than ours; parsing
    // every file of 402 models again would add half to the test's time.
    // One model in eight (every file of it) is parsed back.
    let indexed: Vec<(usize, &PathBuf)> = models.iter().enumerate().collect();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = indexed
            .chunks(indexed.len().div_ceil(2))
            .map(|chunk| {
                let options = &options;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for &(i, path) in chunk {
                        let result = load(std::slice::from_ref(path))
                            .map_err(|d| d.to_string())
                            .and_then(|model| {
                                let refusals: Vec<String> =
                                    validate(&model).iter().filter(|e| e.is_refusal()).map(ToString::to_string).collect();
                                if refusals.is_empty() {
                                    Ok(model)
                                } else {
                                    Err(refusals.join("\n"))
                                }
                            })
                            .and_then(|model| generate_with_warnings(&model, options).map_err(|d| d.to_string()))
                            .and_then(|generated| {
                                generated.files.iter().filter(|_| i % 8 == 0).try_for_each(|f| {
                                    syn::parse_file(&f.contents).map(drop).map_err(|e| format!("{}: {e}", f.path))
                                })
                            });
                        if let Err(e) = result {
                            failures.push(format!("{}: {e}", path.display()));
                        }
                    }
                    failures
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(failures.is_empty(), "{} of {} models failed:\n{}", failures.len(), models.len(), failures.join("\n"));
}
