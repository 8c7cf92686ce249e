//! The endpoint rule cases generated with the crate, or, without the corpus, one test saying they were skipped.

#[cfg(corpus)]
include!(concat!(env!("OUT_DIR"), "/generated/tests/endpoint_tests.rs"));

#[cfg(not(corpus))]
#[test]
fn skipped_without_the_corpus() {
    assert!(smithy_corpus::AWS_MODELS.or_skip("the endpoint rule cases of endpoints-dynamodb").is_none());
}
