//! Smithy's compliance suites (awsJson, restJson1, RPC v2), generated with their
//! protocol tests by the build scripts of the crates in `tests/compliance/`
//! (whose tests `cargo test` runs): the counts the README states, and the
//! list of known failures, stay true.

use std::path::Path;

use smithy_codegen::{load, protocol_tests, Side, KNOWN_FAILURES};

#[test]
fn readme_counts_the_passing_cases() {
    let Some(base) = smithy_corpus::SMITHY.or_skip("the README's compliance counts") else { return };
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let mut listed = 0;
    for krate in smithy_corpus::CRATES.iter().filter(|c| c.generation.protocol_tests) {
        let paths: Vec<_> = krate.model.iter().map(|m| base.join(m)).collect();
        let model = load(&paths).unwrap_or_else(|d| panic!("{d}"));
        let options = krate.generation.options("cargo test");
        let service = options.service.clone().unwrap_or_default();
        let tests = protocol_tests(&model, &options).unwrap_or_else(|d| panic!("{d}"));
        let failing: Vec<_> = tests.iter().filter(|t| t.known_failure.is_some()).collect();
        let client = tests.iter().filter(|t| matches!(t.side, Side::ClientRequest | Side::ClientResponse)).count();
        let statement = format!("`{service}`: **{} of {}** tests pass", tests.len() - failing.len(), tests.len());
        println!("{statement} ({client} client, {} server); failing: {failing:?}", tests.len() - client);
        assert!(readme.contains(&statement), "the README should say {statement}");
        listed += failing.len();
    }
    // Every entry of the known-failure list is a case of the suites.
    assert_eq!(listed, KNOWN_FAILURES.len(), "a known failure names no case of the suites");
}
