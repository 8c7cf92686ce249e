$version: "2.0"
$operationInputSuffix: "Request"
$operationOutputSuffix: "Response"
// Unknown control statements are allowed and ignored.
$futureFeature: {enabled: true}

namespace example.control

operation GetThing {
    input := {
        id: String
    }
    output := {}
}
