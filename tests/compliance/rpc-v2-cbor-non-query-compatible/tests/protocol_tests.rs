//! The protocol compliance cases generated with the crate, or, without the corpus, one test saying they were skipped.

#[cfg(corpus)]
include!(concat!(env!("OUT_DIR"), "/generated/tests/protocol_tests.rs"));

#[cfg(not(corpus))]
#[test]
fn skipped_without_the_corpus() {
    assert!(smithy_corpus::SMITHY.or_skip("the protocol compliance cases of compliance-rpc-v2-cbor-non-query-compatible").is_none());
}
