// member-as-trait.smithy:4:2: a trait is a shape, not a member (`aws.protocols#awsJson1_0$version`)
$version: "2.0"
namespace example.invalid
@aws.protocols#awsJson1_0$version
service Svc {}
