// unquoted-string.smithy:5:25: `POST` is read as a shape id, but `example.invalid#POST` is not defined; quote it
$version: "2.0"
namespace example.invalid

@http(uri: "/", method: POST)
operation Thing {}
