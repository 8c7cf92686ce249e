// mixins-in-v1.smithy:7:16: mixins (`with [...]`) need `$version: "2"`
$version: "1.0"
namespace example.invalid

structure Base {}

structure Uses with [Base] {}
