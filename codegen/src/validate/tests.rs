use super::{validate, Severity};

/// The (event id, shape) pairs `model` (IDL in namespace `test`) gets, sorted.
fn events(model: &str) -> Vec<(String, String)> {
    let text = format!("$version: \"2\"\nnamespace test\n{model}");
    let model = crate::load_str("test.smithy", &text).unwrap_or_else(|d| panic!("{d}"));
    let mut pairs: Vec<_> = validate(&model).into_iter().map(|e| (e.id, e.shape)).collect();
    pairs.sort();
    pairs
}

/// `expected` as sorted pairs, shapes in namespace `test`.
fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = expected.iter().map(|(id, shape)| (id.to_string(), format!("test#{shape}"))).collect();
    pairs.sort();
    pairs
}

#[test]
fn prelude_traits_where_their_selectors_allow() {
    assert_eq!(
        events(
            r#"
            @range(min: 1) string Name
            @sensitive operation Op {}
            structure S {
                @range(min: 1) count: Integer
                @length(max: 3) name: String
                @httpLabel label: String
            }
            "#
        ),
        pairs(&[("TraitTarget", "Name"), ("TraitTarget", "Op"), ("TraitTarget", "S$label")])
    );
    // A model that puts each where it belongs has no events.
    assert_eq!(
        events(
            r#"
            @range(min: 1) integer Count
            @sensitive string Secret
            @http(method: "GET", uri: "/{id}") @readonly operation Get { input := { @required @httpLabel id: String } }
            "#
        ),
        pairs(&[])
    );
}

#[test]
fn a_models_own_trait_definitions() {
    assert_eq!(
        events(
            r#"
            @trait(selector: "operation -[input]-> structure > member")
            structure onInput {}
            @trait(selector: "string", conflicts: [other])
            structure tagged {}
            @trait
            structure other {}
            @mixin @trait
            structure mixed {}
            operation Op { input := { @onInput fine: String } }
            structure NotInput { @onInput wrong: String }
            @tagged @other string Both
            @mixed string UsesMixin
            "#
        ),
        pairs(&[("TraitTarget", "NotInput$wrong"), ("TraitConflict", "Both"), ("TraitTarget", "UsesMixin")])
    );
}

#[test]
fn conflicting_and_structurally_exclusive_traits() {
    assert_eq!(
        events(
            r#"
            @readonly @idempotent operation Op {}
            @input @output structure Both {}
            structure Twice {
                @httpPayload a: Blob
                @httpPayload b: Blob
                @required @recommended c: String
            }
            @streaming blob Stream
            structure TwoStreams { @required a: Stream, @required b: Stream }
            "#
        ),
        pairs(&[
            ("TraitConflict", "Both"),
            ("TraitConflict", "Op"),
            ("TraitConflict", "Twice$c"),
            ("ExclusiveStructureMemberTrait", "Twice"),
            ("ExclusiveStructureMemberTrait", "TwoStreams"),
        ])
    );
}

#[test]
fn events_print_as_smithy_prints_them() {
    let model = crate::load_str("t.smithy", "$version: \"2\"\nnamespace test\n@readonly @idempotent operation Op {}").unwrap();
    assert_eq!(
        validate(&model).iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["[ERROR] test#Op: Found conflicting traits on operation shape: `idempotent` conflicts with `readonly`, \
          `readonly` conflicts with `idempotent` | TraitConflict"]
    );
    let model = crate::load_str("t.smithy", "$version: \"2\"\nnamespace test\n@pattern(\"a\") integer N").unwrap();
    let events = validate(&model);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].severity, Severity::Error);
    assert!(events[0].is_refusal());
    assert_eq!(
        events[0].to_string(),
        "[ERROR] test#N: Trait `pattern` cannot be applied to `test#N`. This trait may only be applied to shapes that \
         match the following selector: :test(string, member > string) | TraitTarget"
    );
}

#[test]
fn relationships_point_at_the_right_kinds_of_shape() {
    assert_eq!(
        events(
            r#"
            service Svc { version: "1", operations: [NotAnOperation], errors: [Plain] }
            structure NotAnOperation {}
            structure Plain {}
            @error("client") structure Oops {}
            operation BadIo { input: Oops, output: Name, errors: [Plain] }
            string Name
            map BadKeys { key: Integer, value: String }
            list Members { member: Svc }
            @mixin structure Base {}
            structure UsesBase { base: Base }
            @trait structure marker {}
            structure UsesMarker { m: marker }
            resource Thing { identifiers: { id: Integer }, read: Name }
            "#
        ),
        pairs(&[
            ("Target", "Svc"),
            ("Target", "Svc"),
            ("Target", "BadIo"),
            ("Target", "BadIo"),
            ("Target", "BadIo"),
            ("Target", "BadKeys"),
            ("Target", "Members$member"),
            ("Target", "UsesBase$base"),
            ("Target", "UsesMarker$m"),
            ("Target", "Thing"),
            ("Target", "Thing"),
        ])
    );
    // A JSON AST model may name shapes that are not there.
    let model = crate::load_str(
        "m.json",
        r#"{"smithy": "2.0", "shapes": {
            "test#S": {"type": "structure", "members": {"a": {"target": "test#Missing"}}},
            "test#Op": {"type": "operation", "input": {"target": "test#AlsoMissing"}}
        }}"#,
    )
    .unwrap();
    let messages: Vec<String> = validate(&model).iter().map(|e| e.message.clone()).collect();
    assert_eq!(
        messages,
        [
            "operation shape has an `input` relationship to an unresolved shape `test#AlsoMissing`",
            "member shape targets an unresolved shape `test#Missing`"
        ]
    );
}

#[test]
fn range_and_length_bounds() {
    assert_eq!(
        events(
            r#"
            @range(min: 0.5) integer Half
            @range(min: 0.5, max: 1.5) double Fine
            @range(min: 10, max: 1) long Backwards
            @length(min: 5, max: 2) string Short
            structure S { @range(max: 2.5) count: Integer, @range(min: 1, max: 2) ok: Integer }
            "#
        ),
        pairs(&[
            ("RangeTrait", "Half"),
            ("RangeTrait", "Backwards"),
            ("LengthTrait", "Short"),
            ("RangeTrait", "S$count"),
        ])
    );
}

#[test]
fn trait_values_against_their_shapes() {
    assert_eq!(
        events(
            r#"
            @trait structure limits { @required @range(min: 1) most: Integer, tag: Tag }
            @pattern("^[a-z]+$") string Tag

            @limits(most: 0) string Zero
            @limits(tag: "UPPER") string Upper
            @limits(most: 2, extra: true) string Extra
            @limits(tag: "ok") string Missing
            @limits(most: 3, tag: "ok") string Fine

            @longPoll(timeoutMillis: 0) operation Poll {}
            @error("nobody") structure Failure {}
            @auth([String]) service Service {}
            @xmlName("1bad") structure Xml {}
            @enum([{value: "a", name: "A"}, {value: "a"}]) string Letters
            "#
        ),
        pairs(&[
            // Its `@auth` names a scheme it does not have.
            ("AuthTrait", "Service"),
            ("EnumTrait", "Letters"),
            ("EnumTrait", "Letters"),
            ("Model", "Failure"),
            ("TraitValue", "Missing"),
            ("TraitValue", "Service"),
            // Its pattern, and the required member it lacks.
            ("TraitValue", "Upper"),
            ("TraitValue", "Upper"),
            ("TraitValue", "Xml"),
            ("TraitValue.Member.InvalidRange", "Poll"),
            ("TraitValue.Member.InvalidRange", "Zero"),
            // An unknown member is a warning.
            ("TraitValue", "Extra"),
        ])
    );
}

#[test]
fn default_values() {
    let model = crate::load_str(
        "d.smithy",
        r#"$version: "2"
        namespace test
        @range(min: 1) integer Positive
        enum Letter { A, B }
        @length(min: 3) string Word
        list Items { member: String }
        structure S {
            byte: Byte = 1024
            letter: Letter = "C"
            word: Word = "ab"
            items: Items = ["x"]
            low: Positive = 0
            differs: PrimitiveInteger = 1
            missing: PrimitiveBoolean
            none: Integer = null
            fine: Word = "abc"
        }
        "#,
    )
    .unwrap();
    let found: Vec<(Severity, String, String)> = validate(&model)
        .into_iter()
        .map(|e| (e.severity, e.id, e.shape.replace("test#S$", "")))
        .collect();
    let expected = [
        (Severity::Error, "DefaultTrait", "byte"),
        (Severity::Error, "DefaultTrait", "differs"),
        (Severity::Error, "DefaultTrait", "items"),
        (Severity::Error, "DefaultTrait", "letter"),
        (Severity::Warning, "DefaultTrait.Target.InvalidRange", "low"),
        (Severity::Error, "DefaultTrait", "missing"),
        (Severity::Error, "DefaultTrait", "word"),
    ];
    assert_eq!(
        found,
        expected.map(|(s, id, m)| (s, id.to_owned(), m.to_owned()))
    );
}

#[test]
fn shapes_and_what_they_bind() {
    assert_eq!(
        events(
            r#"
            union Empty {}
            @mixin union EmptyMixin {}
            union Loop { a: Loop, b: Loop }
            union Escapes { a: Loop, b: String }
            structure Chain { @required next: Chain }
            structure Optional { next: Optional }
            structure Named { @jsonName("b") a: String, b: String }
            service Service { operations: [Op], resources: [Thing] }
            resource Thing { operations: [Op] }
            @idempotent(exists: [Missing])
            @requestCompression(encodings: [])
            operation Op { errors: [Conflict] }
            @error("client") structure Conflict {}
            @error("client") structure Missing {}
            "#
        ),
        pairs(&[
            ("IdempotentTrait", "Op"),
            ("JsonName", "Named"),
            ("RequestCompressionTrait", "Op"),
            ("RequestCompressionTrait", "Op"),
            ("ShapeRecursion", "Chain"),
            ("ShapeRecursion", "Loop"),
            ("SingleOperationBinding", "Op"),
            ("Union", "Empty"),
        ])
    );
}

#[test]
fn metadata_validators_overrides_and_suppressions() {
    let model = crate::load_str(
        "m.smithy",
        r#"$version: "2"
        metadata validators = [
            {name: "EmitEachSelector", id: "NoIntegers", severity: "WARNING", configuration: {selector: "integer"}}
            {name: "EmitEachSelector", id: "Broken", configuration: {selector: "[a=]"}}
            {name: "EmitNoneSelector", id: "NeedsService", severity: "NOTE", configuration: {selector: "service"}}
        ]
        metadata severityOverrides = [{namespace: "test", id: "NoIntegers", severity: "DANGER"}]
        metadata suppressions = [{namespace: "*", id: "NeedsService"}]
        metadata audit = {level: "LOUD"}
        namespace test
        integer Count
        @suppress(["NoIntegers"]) integer Quiet
        @metadata(key: "audit") structure Audit { @required level: Level }
        enum Level { LOW, HIGH }
        "#,
    )
    .unwrap();
    let found: Vec<(Severity, String, String)> = validate(&model).into_iter().map(|e| (e.severity, e.id, e.shape)).collect();
    let expected = [
        (Severity::Suppressed, "NeedsService", "-"),
        (Severity::Error, "Model", "-"),
        (Severity::Error, "TypedMetadata.audit", "-"),
        (Severity::Danger, "NoIntegers", "test#Count"),
        (Severity::Suppressed, "NoIntegers", "test#Quiet"),
    ];
    assert_eq!(found, expected.map(|(s, id, shape)| (s, id.to_owned(), shape.to_owned())));
}

#[test]
fn http_bindings() {
    assert_eq!(
        events(
            r#"
            @aws.protocols#restJson1
            service Service { operations: [Get, Same, Unbound, Greedy] }
            @http(method: "GET", uri: "/things/{id}?mode=full", code: 404) @readonly
            operation Get { input: GetInput }
            @http(method: "GET", uri: "/things/{other}?mode=full") @readonly
            operation Same { input: SameInput }
            operation Unbound {}
            @http(method: "GET", uri: "/g/{a+}/{b}") @readonly
            operation Greedy { input: GreedyInput }
            structure GetInput {
                @required @httpLabel id: String
                @httpQuery("mode") mode: String
                @httpHeader("Bad Name") bad: String
                @httpHeader("Host") host: String
                @httpHeader("x-a") a: String
                @httpHeader("X-A") b: String
            }
            structure SameInput { @required @httpLabel other: String }
            structure GreedyInput { @required @httpLabel a: String, @required @httpLabel b: String }
            @error("client") @httpError(500) structure Oops {}
            "#
        ),
        pairs(&[
            ("HttpBindingsMissing", "Unbound"),
            ("HttpHeaderTrait", "GetInput"),
            ("HttpHeaderTrait", "GetInput$bad"),
            ("HttpHeaderTrait", "GetInput$host"),
            ("HttpQueryTrait", "GetInput"),
            ("HttpResponseCodeSemantics", "Get"),
            ("HttpResponseCodeSemantics", "Oops"),
            ("HttpUriConflict", "Get"),
            ("HttpUriConflict", "Same"),
            ("HttpUriGreedyLabel.GreedyLabelIsNotLastLabel", "Greedy"),
        ])
    );
}

#[test]
fn service_closure_names_and_renames() {
    let files = [
        (
            "s.smithy",
            r#"$version: "2"
            namespace test
            service Service {
                operations: [Op]
                rename: {"other#Thing": "Thing", "test#Op": "Renamed", "test#Input$a": "b", "test#Free": "no!"}
            }
            operation Op { input: Input }
            structure Input { a: Thing, b: other#Thing, c: Name, d: other#Name }
            structure Thing {}
            @length(min: 1) string Name
            string Free
            "#,
        ),
        ("o.smithy", "$version: \"2\"\nnamespace other\nstructure Thing {}\nstring Name\n"),
    ];
    let merged = crate::load::load_sources(files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()).unwrap();
    let found: Vec<(String, String)> = validate(&merged).into_iter().map(|e| (e.id, e.shape)).collect();
    let expected = [
        // A rename to the name it had; members and operations are not renamed;
        // an invalid name; a shape outside the closure.
        ("Service", "other#Name"),
        ("Service", "other#Thing"),
        ("Service", "test#Name"),
        ("Service", "test#Service"),
        ("Service", "test#Service"),
        ("Service", "test#Service"),
        ("Service", "test#Service"),
        ("Service", "test#Service"),
        ("Service", "test#Thing"),
    ];
    assert_eq!(found, expected.map(|(id, shape)| (id.to_owned(), shape.to_owned())));
}

#[test]
fn resources_operations_and_examples() {
    assert_eq!(
        events(
            r#"
            resource Thing {
                identifiers: {id: String}
                properties: {Id: String}
                read: GetThing
                list: ListThings
                resources: [Part]
            }
            resource Part { identifiers: {part: String} }
            @readonly operation GetThing { input: GetThingInput }
            @input structure GetThingInput { name: String }
            @readonly operation ListThings { input: ListThingsInput }
            @input structure ListThingsInput { @required id: String }
            @references([{resource: Thing, ids: {id: "missing"}}])
            structure Holder { other: GetThingInput }

            @paginated(inputToken: "token", outputToken: "next", pageSize: "size")
            @examples([{title: "both", output: {}, error: {shapeId: Oops, content: {}}}])
            operation Pages { input: PagesInput, output: PagesOutput }
            @input structure PagesInput { @required token: String, size: String }
            @output structure PagesOutput {}
            @error("client") structure Oops {}
            "#
        ),
        pairs(&[
            ("ExamplesTrait", "Pages"),
            ("ExamplesTrait", "Pages"),
            ("OperationInputOutputMisuse", "Holder$other"),
            ("PaginatedTrait", "Pages"),
            ("PaginatedTrait", "Pages"),
            ("PaginatedTrait", "Pages"),
            ("ReferencesTrait", "Holder"),
            ("ResourceIdentifier", "Part"),
            ("ResourceIdentifier", "Thing"),
            ("ResourceIdentifierBinding", "GetThing"),
            ("ResourceIdentifierBinding", "ListThings"),
            // `name` is neither a property nor an identifier of Thing, whose
            // `Id` property no operation uses.
            ("ResourceOperationInputOutput", "GetThingInput$name"),
            ("ResourceOperationInputOutput", "Thing"),
        ])
    );
}

#[test]
fn labels_payloads_lifecycles_and_units() {
    assert_eq!(
        events(
            r#"
            @httpBasicAuth
            service Service { operations: [Get, Put], resources: [Parent, Child] }
            @auth([httpBearerAuth])
            @http(method: "GET", uri: "/{a}/{rest+}")
            @endpoint(hostPrefix: "{zone}")
            @readonly
            operation Get { input: GetInput, output: GetOutput }
            structure GetInput {
                @required @httpLabel rest: Integer
                @required @httpLabel stray: String
            }
            structure GetOutput { @httpPayload body: Blob, loose: String }
            @http(method: "PUT", uri: "/put") @idempotent
            operation Put { input: PutInput }
            structure PutInput { @httpPrefixHeaders("x-") meta: Headers, @httpHeader("X-Thing") thing: String }
            map Headers { key: String, value: String }
            resource Parent { resources: [Child], read: Put }
            resource Child { resources: [Parent] }
            structure HoldsUnit { u: Unit }
            structure Event { @eventPayload body: Blob, other: String }
            enum Twice {
                A = "x"
                B = "x"
            }
            "#
        ),
        pairs(&[
            ("AuthTrait", "Get"),
            ("EnumShape", "Twice$B"),
            ("EventPayloadTrait", "Event"),
            ("HostLabelTrait", "Get"),
            ("HostLabelTrait", "Get"),
            ("HttpLabelTrait", "Get"),
            ("HttpLabelTrait", "GetInput$rest"),
            ("HttpLabelTrait", "GetInput$stray"),
            ("HttpPayload", "GetOutput"),
            ("HttpPrefixHeadersTrait", "PutInput$thing"),
            ("ResourceCycle", "Child"),
            ("ResourceCycle", "Parent"),
            ("ResourceLifecycle", "Parent"),
            // Put is bound by the service and as Parent's read.
            ("SingleOperationBinding", "Put"),
            ("SingleResourceBinding", "Child"),
            ("SingleResourceBinding", "Parent"),
            ("UnitType", "HoldsUnit$u"),
        ])
    );
}

#[test]
fn api_keys_and_xml_namespaces() {
    assert_eq!(
        events(
            r#"
            @httpApiKeyAuth(name: "key", in: "query", scheme: "Bearer")
            service Service {}
            @xmlNamespace(uri: "not a uri")
            structure Spaced {}
            @xmlNamespace(uri: "http://example.com/doc/2026-12-08/")
            structure Fine {}
            "#
        ),
        pairs(&[("HttpApiKeyAuthTrait", "Service"), ("XmlNamespaceTrait", "Spaced")])
    );
    // The simple shape types are the head of the shape type list.
    assert_eq!(crate::model::SIMPLE_TYPES.last(), Some(&"intEnum"));
    assert!(!crate::model::SIMPLE_TYPES.contains(&"list"));
}

#[test]
fn media_types_references_and_streams() {
    assert_eq!(
        events(
            r#"
            @mediaType("application/foo+json; bar=baz; quoted=\"a;b\"") string Fine
            @mediaType("application/json;") string Trailing
            @mediaType("application") string NoSubtype
            resource Pair { identifiers: { a: String, b: String } }
            resource Single { identifiers: { a: String } }
            @references([{ resource: Pair }]) string PairRef
            @references([{ resource: Single }]) string SingleRef
            @references([{ resource: String }]) structure NotResource {}
            @references([{ resource: Pair, ids: { a: "a" } }, { resource: Pair }])
            structure Partial { @required a: String }
            @streaming blob Stream
            @streaming @requiresLength blob SizedStream
            structure Optional { body: Stream }
            structure Holder { @required body: Stream }
            @error("client") structure StreamError { @required body: Stream }
            operation Op { input: Holder, output: Holder, errors: [StreamError] }
            structure Wrapper { holder: Holder }
            @requestCompression(encodings: ["gzip", "brotli"])
            operation Compressed { input := { @required body: SizedStream } }
            @idempotent(exists: [], notFound: []) operation Both {}
            "#
        ),
        pairs(&[
            ("MediaType", "NoSubtype"),
            ("MediaType", "Trailing"),
            ("ReferencesTrait", "NotResource"),
            ("ReferencesTrait", "PairRef"),
            // Too few ids, and the implicit binding of `b`.
            ("ReferencesTrait", "Partial"),
            ("ReferencesTrait", "Partial"),
            ("StreamingTrait", "Op"),
            ("StreamingTrait", "Optional$body"),
            ("StreamingTrait", "Wrapper$holder"),
            // An unknown encoding, and a stream that requires a length.
            ("RequestCompressionTrait", "Compressed"),
            ("RequestCompressionTrait", "Compressed"),
            ("IdempotentTrait", "Both"),
        ])
    );
}

#[test]
fn defaults_recursion_and_metadata_keys() {
    assert_eq!(
        events(
            r#"
            @default(null) integer NullDefault
            structure Docs {
                empty: Document = []
                full: Document = [1]
                object: Document = { a: 1 }
                nothing: Integer = null
                when: Timestamp = true
                epoch: Timestamp = 0
            }
            list Itself { member: Itself }
            list Outer { member: Inner }
            list Inner { member: Outer }
            list Fine { member: Node }
            structure Node { children: Fine }
            @metadata(key: "suppressions") string Reserved
            "#
        ),
        pairs(&[
            ("DefaultTrait", "Docs$full"),
            ("DefaultTrait", "Docs$object"),
            ("DefaultTrait", "Docs$when"),
            ("DefaultTrait", "NullDefault"),
            ("MetadataTrait", "Reserved"),
            ("ShapeRecursion", "Inner"),
            ("ShapeRecursion", "Itself"),
            ("ShapeRecursion", "Outer"),
        ])
    );
}

#[test]
fn unreferenced_shapes_and_shape_closures() {
    let model = crate::load_str(
        "t.smithy",
        r#"$version: "2"
metadata validators = [{ name: "UnreferencedShape", severity: "DANGER" }]
metadata shapeClosures = [{
    id: "test#Closure", includeNamespaces: ["empty"], includeBySelector: "service", rename: { "test#Lonely": "Alone" }
}]
namespace test
service Service { operations: [Op] }
operation Op { input := { used: Used } }
string Used
@trait structure marker { value: Kept }
string Kept
string Lonely
"#,
    )
    .unwrap();
    let mut found: Vec<_> = validate(&model).into_iter().map(|e| (e.id, e.shape)).collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("ShapeClosure".to_owned(), "-".to_owned()),
            ("ShapeClosure.EmptyNamespace.test#Closure".to_owned(), "-".to_owned()),
            ("UnreferencedShape".to_owned(), "test#Lonely".to_owned()),
        ]
    );
}

#[test]
fn http_method_semantics_and_uri_format() {
    let found = |model: &str| -> Vec<(String, String, String)> {
        let text = format!("$version: \"2\"\nnamespace test\n{model}");
        let model = crate::load_str("test.smithy", &text).unwrap();
        validate(&model).into_iter().map(|e| (e.severity.to_string(), e.id, e.shape)).collect()
    };
    let shown = |expected: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        expected.iter().map(|(s, id, shape)| (s.to_string(), id.to_string(), format!("test#{shape}"))).collect()
    };
    assert_eq!(
        found(
            r#"
            @http(method: "GET", uri: "/a") @readonly
            operation BodyOnGet { input := { @httpQuery("q") q: String, body: String } }
            @http(method: "DELETE", uri: "/b") @idempotent
            operation PayloadOnDelete { input := { @httpPayload body: String } }
            @http(method: "Get", uri: "/c")
            operation Lower {}
            @http(method: "PUT", uri: "/d") @idempotent
            operation Fine { input := { body: String } }
            @http(method: "POST", uri: "/小路") operation Unicode {}
            "#
        ),
        shown(&[
            ("DANGER", "HttpMethodSemantics.UnexpectedPayload", "BodyOnGet"),
            ("WARNING", "HttpMethodSemantics", "Lower"),
            ("WARNING", "HttpMethodSemantics.MissingReadonlyTrait", "Lower"),
            ("DANGER", "HttpMethodSemantics.UnexpectedPayload", "PayloadOnDelete"),
            ("ERROR", "HttpUriFormat", "Unicode"),
        ])
    );
}

#[test]
fn shapes_applied_as_traits_and_trait_validator_ids() {
    assert_eq!(
        events(
            r#"
            document NotATrait
            @NotATrait(name: "a") structure Holder {}
            @trait @traitValidators("Fine.id": { selector: "*" }, "_": { selector: "*" }, "a.1": { selector: "*" })
            structure checked {}
            "#
        ),
        pairs(&[("Model", "NotATrait"), ("TraitValidators", "checked"), ("TraitValidators", "checked")])
    );
    // Identifiers: underscores must lead to a letter or digit.
    for (text, valid) in [("_", false), ("__", false), ("1a", false), ("_1", true), ("__a_", true), ("A9", true)] {
        assert_eq!(crate::load::is_identifier(text), valid, "{text}");
    }
}

#[test]
fn the_json_ast_refuses_relative_trait_ids_and_mixin_cycles() {
    let load = |json: &str| crate::load::load_sources(vec![("m.json".to_owned(), json.to_owned())]).unwrap_err().to_string();
    let relative = load(r#"{"smithy": "2.0", "shapes": {"a#B": {"type": "string", "traits": {"documentation": "x"}}}}"#);
    assert!(relative.contains("trait `documentation`: not an absolute shape id"), "{relative}");
    let cycle = load(
        r#"{"smithy": "2.0", "shapes": {
            "a#M": {"type": "structure", "mixins": [{"target": "a#N"}], "traits": {"smithy.api#mixin": {}}},
            "a#N": {"type": "structure", "mixins": [{"target": "a#M"}], "traits": {"smithy.api#mixin": {}}}}}"#,
    );
    assert!(cycle.contains("its mixins form a cycle: a#M -> a#N -> a#M"), "{cycle}");
}

#[test]
fn unquoted_ids_that_name_no_shape_are_a_danger_where_they_are_written() {
    let text = "$version: \"2.0\"\nnamespace example\n\n@http(uri: \"/\", method: POST)\noperation Thing {}\n";
    // The loader reads `POST` as `example#POST`; validation reports it.
    let model = crate::load_str("unquoted.smithy", text).unwrap();
    let events = validate(&model);
    let event = events.iter().find(|e| e.id == "SyntacticShapeIdTarget").expect("reported");
    assert_eq!(event.severity, Severity::Danger);
    assert_eq!(event.shape, "-");
    assert!(event.message.contains("Syntactic shape ID `POST` does not resolve to a valid shape ID: `example#POST`"));
    assert_eq!(event.location.as_ref().map(|l| l.position.as_str()), Some("unquoted.smithy:4:25"));
    // A suppression quiets it, as it quiets any DANGER.
    let suppressed = format!("{}metadata suppressions = [{{id: \"SyntacticShapeIdTarget\", namespace: \"*\"}}]\n{}", &text[..16], &text[16..]);
    let model = crate::load_str("unquoted.smithy", &suppressed).unwrap();
    assert!(validate(&model).iter().any(|e| e.id == "SyntacticShapeIdTarget" && e.severity == Severity::Suppressed));
}

#[test]
fn deprecated_shapes_and_traits_warn_where_they_are_used() {
    let text = r#"$version: "2"
namespace test
@deprecated(message: "use New", since: "2.0") string Old
@trait @deprecated structure oldTrait {}
structure Holder { @oldTrait old: Old }
"#;
    let model = crate::load_str("t.smithy", text).unwrap();
    let found: Vec<String> = validate(&model).iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "[WARNING] test#Holder$old: Member targets a deprecated shape, test#Old. use New (since 2.0) | \
             DeprecatedShape.test#Old",
            "[WARNING] test#Holder$old: This shape applies a trait that is deprecated: test#oldTrait | DeprecatedTrait",
        ]
    );
}
