$version: "2"

namespace test.empty

use aws.protocols#awsJson1_1

/// A service whose model has no operations yet.
@awsJson1_1
service Empty {
    version: "2026-11-24"
}
