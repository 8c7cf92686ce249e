use super::Selector;

const MODEL: &str = r#"
$version: "2"
namespace example.weather

@trait(selector: "service")
list allowedTags {
    member: String
}

@allowedTags(["public", "internal"])
@httpBasicAuth
service Weather {
    version: "2026-12-01"
    operations: [GetForecast, Ping]
    resources: [City]
    errors: [Throttled]
}

resource City {
    identifiers: { cityId: CityId }
    read: GetCity
    operations: [Rename]
}

@readonly
operation GetCity {
    input := { @required cityId: CityId }
    output := { name: String }
}

@tags(["internal"])
operation Rename {
    input := { @required cityId: CityId, @length(min: 1, max: 40) name: String }
}

@tags(["secret"])
@documentation("Forecast for a city. TODO: units")
operation GetForecast {
    input: GetForecastInput
    output: GetForecastOutput
    errors: [NoSuchCity]
}

@tags(["public"])
operation Ping {}

structure GetForecastInput {
    @required
    cityId: CityId
    days: Days
}

structure GetForecastOutput with [Stamped] {
    temperatures: Temperatures
    @sensitive
    notes: String
}

@mixin
structure Stamped {
    at: Timestamp
}

@pattern("^[a-z]+$")
@length(min: 2, max: 20)
string CityId

@range(min: 1, max: 10)
integer Days

list Temperatures {
    member: Double
}

@error("client")
@httpError(404)
structure NoSuchCity {
    message: String
}

@error("server")
@httpError(503)
structure Throttled {}

enum Unit {
    CELSIUS
    FAHRENHEIT = "F"
}

map Labels {
    key: String
    value: CityId
}
"#;

fn select(selector: &str) -> Vec<String> {
    let model = crate::load_str("weather.smithy", MODEL).unwrap_or_else(|d| panic!("{d}"));
    let selector = Selector::parse(selector).unwrap_or_else(|e| panic!("{selector}: {e}"));
    selector.select(&model).into_iter().filter(|id| !id.starts_with("smithy.api#")).collect()
}

fn names(ids: &[&str]) -> Vec<String> {
    let mut ids: Vec<String> = ids.iter().map(|id| format!("example.weather#{id}")).collect();
    ids.sort();
    ids
}

#[test]
fn shape_types_and_their_categories() {
    assert_eq!(select("integer"), names(&["Days"]));
    assert_eq!(select("number"), names(&["Days"]));
    // An enum is a string.
    assert_eq!(select("string"), names(&["CityId", "Unit"]));
    assert_eq!(select("list"), names(&["Temperatures", "allowedTags"]));
    assert_eq!(select("collection"), select("list"));
    assert_eq!(select("serviceType"), names(&["City", "GetCity", "GetForecast", "Ping", "Rename", "Weather"]));
    assert_eq!(
        select("aggregateType :not(structure)"),
        names(&["Labels", "Temperatures", "allowedTags"])
    );
    assert!(select("simpleType").contains(&"example.weather#Unit".to_owned()));
    assert!(select("member").contains(&"example.weather#Labels$key".to_owned()));
    // A mixin's members are the structure's own.
    assert!(select("member").contains(&"example.weather#GetForecastOutput$at".to_owned()));
}

#[test]
fn attributes_and_comparators() {
    assert_eq!(select("[trait|sensitive]"), names(&["GetForecastOutput$notes"]));
    assert_eq!(select("[trait|error = client]"), names(&["NoSuchCity"]));
    assert_eq!(select("[trait|error != client]"), names(&["Throttled"]));
    assert_eq!(select("[trait|httpError > 500]"), names(&["Throttled"]));
    assert_eq!(select("[trait|httpError >= 404]"), names(&["NoSuchCity", "Throttled"]));
    assert!(select("[trait|httpError >= 'not a number']").is_empty());
    assert_eq!(select("[trait|length|min = 1]"), names(&["RenameInput$name"]));
    assert_eq!(select("[trait|documentation *= todo, fixme i]"), names(&["GetForecast"]));
    assert!(select("[trait|documentation *= todo]").is_empty());
    assert_eq!(select("structure [id|name ^= Get][id|name $= Input]"), names(&["GetCityInput", "GetForecastInput"]));
    assert_eq!(select("[id = example.weather#Days]"), names(&["Days"]));
    assert_eq!(select("[id = 'example.weather#Labels$value']"), names(&["Labels$value"]));
    assert_eq!(select("member [id|member = cityId]").len(), 3);
    assert_eq!(select("[id|namespace = 'example.weather'] :not(member) [id|name|(length) < 5]"), names(&["City", "Days", "Ping", "Unit"]));
    assert_eq!(select("[trait|required ?= true] [id|name = GetForecastInput]"), names(&["GetForecastInput$cityId"]));
    assert_eq!(select("structure [trait|error ?= false] [id|name ^= No]"), Vec::<String>::new());
    assert_eq!(select("structure [trait|error ?= true] [id|name ^= No]"), names(&["NoSuchCity"]));
    assert_eq!(select("[service|version ^= '2026-']"), names(&["Weather"]));
    assert_eq!(select("[service = example.weather#Weather]"), names(&["Weather"]));
    // Descending into what does not exist matches nothing and is no error.
    assert!(select("[trait|documentation|invalid|child = Hi]").is_empty());
}

#[test]
fn trait_and_node_projections() {
    assert_eq!(select("[trait|tags|(values) = internal]"), names(&["Rename"]));
    assert_eq!(select("[trait|(keys) = smithy.api#readonly]"), names(&["GetCity"]));
    assert_eq!(select("[trait|(keys)|namespace = example.weather]"), names(&["Weather"]));
    assert_eq!(select("[trait|(length) > 2] operation"), Vec::<String>::new());
    assert_eq!(select("[trait|(length) >= 2] operation"), names(&["GetForecast"]));
    assert_eq!(select("[trait|length|(keys) = max]").len(), 2);
    assert_eq!(select("[trait|length|(values) = 20]"), names(&["CityId"]));
    assert_eq!(select("[trait|tags|(values)|(first) = public]"), names(&["Ping"]));
    assert_eq!(select("[trait|documentation|(length) > 10]"), names(&["GetForecast"]));
}

#[test]
fn scoped_attributes() {
    assert_eq!(select("[@trait|length: @{min} < @{max} && @{max} <= 20]"), names(&["CityId"]));
    assert_eq!(select("[@trait|range: @{min} > @{max}]"), Vec::<String>::new());
    assert_eq!(select("[@trait|tags: @{(values)} = PUBLIC, SECRET i]"), names(&["GetForecast", "Ping"]));
    // A projection as the scope: each value is tested on its own.
    assert_eq!(select("[@trait|tags|(values): @{(length)} = 6]"), names(&["GetForecast", "Ping"]));
    // No key: the scope is the shape.
    assert_eq!(select("[@: @{id|name} = @{id|member}]"), Vec::<String>::new());
    assert_eq!(select("[@: @{trait|error} = client]"), names(&["NoSuchCity"]));
}

#[test]
fn neighbors() {
    assert_eq!(select("map > member"), names(&["Labels$key", "Labels$value"]));
    assert_eq!(select("map > member > string"), names(&["CityId"]));
    assert_eq!(select("operation -[error]->"), names(&["NoSuchCity"]));
    assert_eq!(select("service -[error]->"), names(&["Throttled"]));
    assert_eq!(select("resource -[identifier]->"), names(&["CityId"]));
    assert_eq!(select("resource -[read]->"), names(&["GetCity"]));
    assert_eq!(select("resource -[operation]->"), names(&["Rename"]));
    assert_eq!(select("structure -[mixin]->"), names(&["Stamped"]));
    assert_eq!(select("service ~> operation"), names(&["GetCity", "GetForecast", "Ping", "Rename"]));
    assert_eq!(select("string :test(< member < list)"), Vec::<String>::new());
    assert_eq!(select("double :test(< member < list)"), Vec::<String>::new());
    assert_eq!(select("structure <-[input]- operation"), names(&["GetCity", "GetForecast", "Rename"]));
    assert_eq!(select("[id|name = GetForecastInput] <-[input]- operation"), names(&["GetForecast"]));
    assert_eq!(select("[id|name = Days] < member < structure"), names(&["GetForecastInput"]));
    // `trait` relationships only when asked for.
    assert_eq!(select("service -[trait]-> list"), names(&["allowedTags"]));
    assert!(select("service > list").is_empty());
    assert_eq!(select("list [trait|trait] <-[trait]-"), names(&["Weather"]));
    // Shapes nothing refers to (not counting traits).
    assert_eq!(
        select(":not([trait|trait]) :not(< *) [id|namespace = example.weather]"),
        names(&["Labels", "Unit", "Weather"])
    );
}

#[test]
fn functions_and_variables() {
    assert_eq!(select(":is(integer, enum)"), names(&["Days", "Unit"]));
    assert_eq!(select(":each(integer, enum)"), names(&["Days", "Unit"]));
    assert_eq!(select("list :test(> member > double)"), names(&["Temperatures"]));
    assert_eq!(select("structure > member :not([trait|required]) :test(> timestamp)"), names(&["GetForecastOutput$at", "Stamped$at"]));
    assert_eq!(select(":nope(*)"), Vec::<String>::new());
    assert_eq!(
        select("integer :in(:root(service ~> operation -[input]-> ~> integer))"),
        names(&["Days"])
    );
    assert_eq!(
        select("service $ops(~> operation) ~> string :in(${ops} -[input]-> > member > string) [id|name = CityId]"),
        names(&["CityId"])
    );
    assert_eq!(select(":recursive(-[mixin]->) [id|name = Stamped]").len(), 1);
    assert_eq!(select("[id|name = Stamped] :recursive(<-[mixin]-)"), names(&["GetForecastOutput"]));
    assert_eq!(select(":topdown([trait|example.weather#allowedTags])"), names(&["City", "GetForecast", "Ping", "Rename", "Weather"]));
    assert_eq!(select(":topdown([trait|example.weather#allowedTags], [trait|tags])"), names(&["City", "Weather"]));
    // Tags outside what the service allows.
    assert_eq!(
        select(
            "service [trait|example.weather#allowedTags] $service(*) ~> [trait|tags] \
             :not([@: @{trait|tags|(values)} {<} @{var|service|trait|example.weather#allowedTags|(values)}])"
        ),
        names(&["GetForecast"])
    );
    assert_eq!(
        select("service $svc(*) ~> operation [@: @{var|svc|id|name} = Weather] [id|name = Ping]"),
        names(&["Ping"])
    );
}

#[test]
fn projection_comparators() {
    let tags = |cmp: &str| select(&format!("service $s(*) ~> operation [@: @{{trait|tags|(values)}} {cmp} @{{var|s|trait|example.weather#allowedTags|(values)}}]"));
    assert_eq!(tags("{<}"), names(&["Ping", "Rename"]));
    assert_eq!(tags("{<<}"), names(&["Ping", "Rename"]));
    assert_eq!(tags("{=}"), Vec::<String>::new());
    assert_eq!(tags("{!=}"), names(&["GetCity", "GetForecast", "Ping", "Rename"]));
    assert_eq!(tags("="), names(&["Ping", "Rename"]));
}

#[test]
fn bad_selectors_are_clear_errors() {
    let cases = [
        ("", "expected a selector"),
        ("strin", "unknown shape type `strin`"),
        ("[trait|", "expected a value, found the end"),
        ("[trait|error = ]", "expected a value, found `]`"),
        ("[trait|error ~ client]", "expected a comparator or `]`, found `~`"),
        ("[id = 'unclosed]", "quoted text is not closed"),
        ("[name = x]", "unknown attribute `name`"),
        (":not(string, number)", "`:not` takes one selector, not 2"),
        (":topdown(*, *, *)", "`:topdown` takes one or two selectors, not 3"),
        ("-[input", "expected `]->`"),
        ("string )", "unexpected `)`"),
        ("$x(*", "expected `)`, found the end of the selector"),
    ];
    for (text, expected) in cases {
        let error = Selector::parse(text).unwrap_err().to_string();
        assert!(error.contains(expected), "{text:?}: {error}");
    }
    let deep = format!("{}*{}", ":not(".repeat(100), ")".repeat(100));
    assert!(Selector::parse(&deep).unwrap_err().to_string().contains("deeper than 64"));
    let long = "string ".repeat(100_000);
    assert!(Selector::parse(&long).unwrap_err().to_string().contains("more than 1024 steps"));
    // Whitespace is insignificant.
    assert_eq!(Selector::parse("[trait | length\n | min = 1 ]"), Selector::parse("[trait|length|min=1]"));
}

#[test]
fn random_selectors_never_panic() {
    // Pieces of the grammar, joined at random: most are errors, some run.
    const PIECES: &[&str] = &[
        "*", "string", "member", ">", "<", "~>", "-[", "]->", "<-[", "]-", "input", ",", "[", "]", "[@", ":", "@{",
        "}", "|", "trait", "id", "var", "service", "(keys)", "(values)", "(length)", "(first)", "=", "!=", "^=",
        "{<}", "{=}", "?=", ">=", "&&", " i", "'x'", "\"", "1.5e3", "-", "#", "$v(", "${v}", ":not(", ":is(",
        ":test(", ":in(", ":root(", ":recursive(", ":topdown(", ")", " ", "é", "tags", "smithy.api#Unit",
    ];
    let model = crate::load_str("weather.smithy", MODEL).unwrap();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut ran = 0;
    for _ in 0..3_000 {
        let len = next() % 12 + 1;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        if let Ok(selector) = Selector::parse(&text) {
            selector.select(&model);
            ran += 1;
        }
    }
    assert!(ran > 30, "only {ran} random selectors parsed");
}

#[test]
fn a_filter_selects_what_it_yields_from_each_shape_alone() {
    let model = crate::load_str("m.smithy", MODEL).unwrap();
    let graph = super::eval::Graph::new(&model);
    for (text, filter) in [
        (":test(string, member > string)", true),
        ("operation [trait|readonly]", true),
        (":is(structure, :not([trait|error]))", true),
        ("structure:in(operation -[input]-> *)", true),
        ("$ops(operation) string", true),
        ("service > operation", false),
        (":is(service > operation, string)", false),
        (":root(string)", false),
        ("operation ~> string", false),
    ] {
        let selector = Selector::parse(text).unwrap();
        assert_eq!(selector.is_filter(), filter, "{text}");
        if filter {
            let one_by_one: std::collections::BTreeSet<String> =
                graph.ids().iter().filter(|id| graph.matches(&selector, id)).cloned().collect();
            assert_eq!(graph.select(&selector), one_by_one, "{text}");
        }
    }
}

#[test]
fn a_step_selector_is_decided_from_the_selected_side() {
    let model = crate::load_str("m.smithy", MODEL).unwrap();
    let graph = super::eval::Graph::new(&model);
    for (text, by_step) in [
        ("structure > member", true),
        (":is(structure, union) > member [trait|required]", true),
        ("operation -[input, output]-> structure", true),
        ("service -[resource]-> resource", true),
        ("structure > member :test(> string)", true),
        ("* -[trait]-> [trait|trait]", true),
        (":is(simpleType, list, map, structure > member :test(> :is(simpleType, list, map)))", true),
        (":is(string, service > operation)", true),
        (":is(string, operation ~> string)", false),
        ("operation ~> string", false),
        ("service > operation > structure", false),
        ("string", false),
    ] {
        let selector = Selector::parse(text).unwrap();
        let decided: Vec<Option<bool>> = graph.ids().iter().map(|id| graph.selects_by_step(&selector, id)).collect();
        assert_eq!(decided.iter().all(Option::is_some), by_step, "{text}");
        if by_step {
            let one_by_one: std::collections::BTreeSet<String> =
                graph.ids().iter().zip(&decided).filter(|(_, d)| **d == Some(true)).map(|(id, _)| id.clone()).collect();
            assert_eq!(graph.select(&selector), one_by_one, "{text}");
        }
    }
}
