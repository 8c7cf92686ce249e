// apply-to-unknown.smithy:5:22: cannot apply traits to `example.invalid#Nothing$member`: `example.invalid#Nothing` is not defined in the model
$version: "2.0"
namespace example.invalid

apply Nothing$member @required
