//! Model validation against Smithy's own judgement: the visible half of
//! Smithy's errorfiles (each model with the events Smithy reports for it),
//! and AWS's models and Smithy's suites, which Smithy accepts without an
//! ERROR or DANGER event.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use smithy_codegen::load;
use smithy_codegen::validate::validate;

/// The event ids our validators report: the (id, shape) pairs Smithy
/// reports under these are compared exactly.
const VALIDATED: &[&str] = &[
    "HttpApiKeyAuthTrait",
    "XmlNamespaceTrait",
    "UnitType",
    "EventPayloadTrait",
    "AuthTrait",
    "ResourceLifecycle",
    "HttpLabelTrait",
    "HttpPayload",
    "HttpPrefixHeadersTrait",
    "HostLabelTrait",
    "ResourceCycle",
    "SingleResourceBinding",
    "EnumShape",
    "TraitBreakingChanges",
    "StreamingTrait",
    "NoInlineDocumentSupport",
    "CorsTrait",
    "ShapeClosure",
    "ResourceIdentifierBinding",
    "ResourceIdentifier",
    "ReferencesTrait",
    "OperationInputOutputMisuse",
    "PaginatedTrait",
    "ExamplesTrait",
    "Service",
    "HttpBindingsMissing",
    "HttpUriConflict",
    "HttpUriGreedyLabel.MultipleGreedyLabels",
    "HttpUriGreedyLabel.GreedyLabelIsNotLastLabel",
    "HttpResponseCodeSemantics",
    "HttpHeaderTrait",
    "HttpQueryTrait",
    "MetadataTrait",
    "TraitTarget",
    "TraitConflict",
    "ExclusiveStructureMemberTrait",
    "Target",
    "RangeTrait",
    "LengthTrait",
    "TraitValue",
    "TraitValue.Member.InvalidRange",
    "TraitValue.Target.InvalidRange",
    "DefaultTrait",
    "EnumTrait",
    "Union",
    "ShapeRecursion",
    "ShapeIdConflict",
    "PrivateAccess",
    "JsonName",
    "SingleOperationBinding",
    "IdempotentTrait",
    "RequestCompressionTrait",
    "MediaType",
    "PaginatedTrait.WrongShapeType.inputToken",
    "PaginatedTrait.WrongShapeType.outputToken",
    "TypedMetadata.shapeClosures",
    "ResourceOperationInputOutput",
    "HttpMethodSemantics.UnexpectedPayload",
    "HttpUriFormat",
    "TraitValidators",
];

/// Every `.errors` file below `dir`, sorted.
fn errors_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "errors") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The (event id, shape) pairs of the ERROR and DANGER lines of a
/// `.errors` file (`[ERROR] shape: message | EventId`).
fn refusals(errors: &str) -> BTreeSet<(String, String)> {
    errors
        .lines()
        .filter(|l| l.starts_with("[ERROR] ") || l.starts_with("[DANGER] "))
        .filter_map(|line| {
            let (_, rest) = line.split_once("] ")?;
            let (shape, _) = rest.split_once(": ")?;
            let (_, id) = line.rsplit_once(" | ")?;
            Some((id.trim().to_owned(), shape.to_owned()))
        })
        .collect()
}

#[test]
fn smithy_errorfiles() {
    let Some(base) = smithy_corpus::SMITHY.or_skip("Smithy's validation errorfiles") else { return };
    let (mut refused, mut to_refuse, mut pairs_checked) = (0, 0, 0);
    let mut problems = Vec::new();
    for errors_path in errors_files(&base.join("errorfiles")) {
        let expected = refusals(&std::fs::read_to_string(&errors_path).unwrap());
        let Some(model_path) = ["smithy", "json"].iter().map(|e| errors_path.with_extension(e)).find(|p| p.exists()) else {
            problems.push(format!("{}: no model beside it", errors_path.display()));
            continue;
        };
        let ours: Option<BTreeSet<(String, String)>> = match load(&[&model_path]) {
            // The loader's refusals name no event id.
            Err(_) => None,
            Ok(model) => Some(validate(&model).into_iter().filter(|e| e.is_refusal()).map(|e| (e.id, e.shape)).collect()),
        };
        let we_refuse = ours.as_ref().is_none_or(|events| !events.is_empty());
        if !expected.is_empty() {
            to_refuse += 1;
            refused += usize::from(we_refuse);
        } else if we_refuse {
            problems.push(format!("{}: Smithy accepts it, we refuse it: {ours:?}", model_path.display()));
        }
        // Where our validators speak, they say what Smithy says.
        // Under the ids of VALIDATED they say the same; anything else we
        // say (`Model`, which Smithy also uses for other things), Smithy
        // says too.
        if let Some(ours) = ours {
            let validated = |(id, _): &&(String, String)| VALIDATED.contains(&id.as_str());
            let theirs: BTreeSet<_> = expected.iter().filter(validated).cloned().collect();
            let (checked, other): (BTreeSet<_>, BTreeSet<_>) = ours.iter().cloned().partition(|pair| validated(&pair));
            if checked != theirs || !other.is_subset(&expected) {
                problems.push(format!("{}: Smithy's {expected:?}, ours {ours:?}", model_path.display()));
            }
            pairs_checked += usize::from(!theirs.is_empty());
        }
    }
    println!("errorfiles: {refused} of {to_refuse} refused models refused; {pairs_checked} with equal events of ours");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // What the README states for the visible half.
    assert_eq!((refused, to_refuse, pairs_checked), (110, 110, 74));
}

#[test]
fn aws_models_and_smithy_suites_validate_without_errors() {
    let mut models: Vec<(String, Vec<PathBuf>)> = Vec::new();
    if let Some(dir) = smithy_corpus::AWS_MODELS.or_skip("validating AWS's models") {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        models.extend(files.into_iter().map(|f| (f.display().to_string(), vec![f])));
    }
    if let Some(base) = smithy_corpus::SMITHY.or_skip("validating Smithy's compliance suites") {
        for (folder, shared) in [("protocol-tests", true), ("smithy-protocol-tests", false)] {
            let mut suites: Vec<PathBuf> =
                std::fs::read_dir(base.join(folder)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
            suites.sort();
            for suite in suites {
                let mut paths = vec![suite.clone(), base.join(folder).join("shared-types.smithy"), base.join("traits")];
                if shared {
                    paths.push(base.join(folder).join("aws-config.smithy"));
                }
                models.push((suite.display().to_string(), paths));
            }
        }
    }
    let mut problems = Vec::new();
    for (name, paths) in &models {
        let model = load(paths).unwrap_or_else(|d| panic!("{name}: {d}"));
        let refusals: Vec<String> = validate(&model).iter().filter(|e| e.is_refusal()).map(ToString::to_string).collect();
        if !refusals.is_empty() {
            problems.push(format!("{name}:\n  {}", refusals.join("\n  ")));
        }
    }
    println!("{} models and suites validated", models.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
