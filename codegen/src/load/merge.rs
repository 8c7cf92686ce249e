//! Puts the [`Fragment`]s of all files together into one [`Model`], as the
//! specification's model-merging rules say:
//!
//! - a shape defined twice must be defined identically (a file given twice
//!   is harmless); otherwise it is an error naming both places;
//! - metadata arrays under one key concatenate; other values must be equal;
//! - elided member targets (`$name`) come from the `for` resource's
//!   identifiers and properties, then from the mixins in order;
//! - a trait applied more than once (on the shape, by `apply`, in several
//!   files) merges when both values are arrays (concatenated) or equal, and
//!   is otherwise a conflict naming both places; annotation traits take the
//!   empty value of their trait shape's type;
//! - traits applied to members inherited from mixins stay `apply` entries;
//! - string enum members without a value get their name as value;
//! - shapes of IDL 1.0 files are upgraded to 2.0 (`@box` becomes the
//!   absence of a default, non-boxed numbers and booleans get `@default`).

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;

use super::{prelude, Applied, Fragment, Loc, Sources, Version};
use crate::diag::Diagnostics;
use crate::model::{Model, Shape, Traits};
use crate::node::Value;

const BOX: &str = "smithy.api#box";
const DEFAULT: &str = "smithy.api#default";
const ENUM_VALUE: &str = "smithy.api#enumValue";

/// What merging keeps about a shape besides the shape.
struct Origin {
    loc: Loc,
    /// Where the traits written on the definition sit in the list of
    /// applications.
    traits: std::ops::Range<usize>,
    version: Version,
    elided: Vec<(String, Loc)>,
    for_resource: Option<(String, Loc)>,
}

pub(crate) fn merge(fragments: Vec<Fragment>, sources: &Sources, diags: &mut Diagnostics) -> Model {
    let mut model = Model::default();
    let mut origins: BTreeMap<String, Origin> = BTreeMap::new();
    let mut metadata_locs: BTreeMap<String, Loc> = BTreeMap::new();
    // Trait applications in the order the files give them.
    let mut applications: Vec<Applied> = Vec::new();

    for fragment in fragments {
        model.locations.unresolved_ids.extend(
            fragment.unresolved.into_iter().map(|(loc, text, id)| crate::model::UnresolvedId {
                file: loc.file,
                offset: loc.offset,
                text,
                id,
            }),
        );
        for (key, value, loc) in fragment.metadata {
            match model.metadata.get_mut(&key) {
                None => {
                    model.metadata.insert(key.clone(), value);
                    metadata_locs.insert(key, loc);
                }
                Some(Value::Array(previous)) if value.is_array() => {
                    previous.extend(value.as_array().into_iter().flatten().cloned());
                }
                Some(previous) if *previous == value => {}
                Some(_) => diags.push_diagnostic(sources.diag(
                    loc,
                    format!(
                        "metadata `{key}` conflicts with the value set at {}; only arrays merge",
                        sources.describe(metadata_locs[&key])
                    ),
                )),
            }
        }
        for defined in fragment.shapes {
            if prelude::contains(&defined.id) {
                // The prelude is built in; a file defining it adds nothing.
                continue;
            }
            match model.shapes.get(&defined.id) {
                Some(existing) if *existing != defined.shape => {
                    let first = &origins[&defined.id];
                    diags.push_diagnostic(sources.diag(
                        defined.loc,
                        format!(
                            "`{}` is defined again with different contents (first defined at {})",
                            defined.id,
                            sources.describe(first.loc)
                        ),
                    ));
                }
                Some(_) => {
                    // The same definition again (the same file reached
                    // twice, say): its traits count once.
                    let first = &applications[origins[&defined.id].traits.clone()];
                    let repeated = first.len() == defined.traits.len()
                        && first.iter().zip(&defined.traits).all(|(a, b)| a.target == b.target && a.id == b.id && a.value == b.value);
                    if !repeated {
                        applications.extend(defined.traits);
                    }
                }
                None => {
                    let start = applications.len();
                    let origin = Origin {
                        loc: defined.loc,
                        traits: start..start + defined.traits.len(),
                        version: fragment.version,
                        elided: defined.elided,
                        for_resource: defined.for_resource,
                    };
                    origins.insert(defined.id.clone(), origin);
                    model.shapes.insert(defined.id, defined.shape);
                    applications.extend(defined.traits);
                }
            }
        }
        for applied in fragment.applies {
            let root = applied.target.split('$').next().unwrap_or_default();
            if prelude::contains(root) {
                if fragment.namespace.as_deref() != Some(prelude::NAMESPACE) {
                    diags.push_diagnostic(sources.diag(
                        applied.loc,
                        format!("cannot apply `{}` to `{}`: prelude shapes cannot be changed", applied.id, applied.target),
                    ));
                }
                continue;
            }
            applications.push(applied);
        }
    }

    fill_elided_targets(&mut model, &origins, sources, diags);
    apply_traits(&mut model, applications, sources, diags);
    enum_values(&mut model, &origins, sources, diags);
    check_shapes(&model, &origins, sources, diags);
    upgrade_v1(&mut model, &origins);
    model.locations.shapes = origins.into_iter().map(|(id, origin)| (id, (origin.loc.file, origin.loc.offset))).collect();
    model
}

/// Gives every elided member (`$name`) the target of the same-named
/// identifier or property of the `for` resource, else of the first mixin
/// that has such a member.
fn fill_elided_targets(model: &mut Model, origins: &BTreeMap<String, Origin>, sources: &Sources, diags: &mut Diagnostics) {
    let pending: Vec<&String> = origins.iter().filter(|(_, o)| !o.elided.is_empty()).map(|(id, _)| id).collect();
    let mut done = BTreeSet::new();
    for id in pending {
        fill_shape(model, origins, id, &mut done, &mut Vec::new(), sources, diags);
    }
}

fn fill_shape(
    model: &mut Model,
    origins: &BTreeMap<String, Origin>,
    id: &str,
    done: &mut BTreeSet<String>,
    stack: &mut Vec<String>,
    sources: &Sources,
    diags: &mut Diagnostics,
) {
    if done.contains(id) || stack.iter().any(|s| s == id) {
        return;
    }
    let Some(origin) = origins.get(id) else { return };
    let Some(shape) = model.shapes.get(id) else { return };
    // Mixins first: their own elided members must be known.
    let mixins: Vec<String> = shape.mixins().iter().map(|m| m.target.clone()).collect();
    stack.push(id.to_owned());
    for mixin in &mixins {
        fill_shape(model, origins, mixin, done, stack, sources, diags);
    }
    stack.pop();
    done.insert(id.to_owned());
    for (name, loc) in &origin.elided {
        let mut target = None;
        let mut tried = Vec::new();
        if let Some((resource, resource_loc)) = &origin.for_resource {
            match model.shapes.get(resource) {
                Some(Shape::Resource(r)) => {
                    target = r.properties.get(name).or_else(|| r.identifiers.get(name)).map(|t| t.target.clone());
                    tried.push(format!("resource `{resource}` has no identifier or property `{name}`"));
                }
                Some(other) => {
                    diags.push_diagnostic(sources.diag(
                        *resource_loc,
                        format!("`for` needs a resource, but `{resource}` is a {}", other.type_name()),
                    ));
                    return;
                }
                None => {}
            }
        }
        if target.is_none() {
            target = model.inherited_member(id, name).map(|m| m.target.clone());
            if !mixins.is_empty() {
                tried.push(format!("no mixin ({}) has a member `{name}`", mixins.join(", ")));
            }
        }
        match target {
            Some(target) => {
                if let Some(member) = model.shapes.get_mut(id).and_then(|s| s.member_mut(name)) {
                    member.target = target;
                }
            }
            None => {
                let why = if tried.is_empty() {
                    format!("`{id}` has no mixins and no `for` resource to take it from")
                } else {
                    tried.join(", and ")
                };
                diags.push_diagnostic(sources.diag(*loc, format!("cannot elide the target of `${name}`: {why}")));
            }
        }
    }
}

/// The value an annotation trait (`@name`) gets: `{}` for structure and map
/// traits (and traits whose definition is not loaded), `[]` for list traits,
/// `null` for the rest.
fn annotation_value(model: &Model, trait_id: &str) -> Value {
    let kind = match model.shapes.get(trait_id) {
        Some(shape) => Some(shape.type_name()),
        None => trait_id.strip_prefix("smithy.api#").and_then(prelude::shape_type),
    };
    match kind {
        None | Some("structure" | "map") => Value::Object(Default::default()),
        Some("list" | "set") => Value::Array(Vec::new()),
        Some(_) => Value::Null,
    }
}

fn apply_traits(model: &mut Model, applications: Vec<Applied>, sources: &Sources, diags: &mut Diagnostics) {
    let mut merged: IndexMap<String, BTreeMap<String, (Value, Loc)>> = IndexMap::new();
    for mut applied in applications {
        if applied.annotation {
            applied.value = annotation_value(model, &applied.id);
        }
        let target = match merged.get_index_of(&applied.target) {
            Some(i) => i,
            None => merged.insert_full(std::mem::take(&mut applied.target), BTreeMap::new()).0,
        };
        let (target_id, slot) = merged.get_index_mut(target).expect("just found or inserted");
        match slot.get_mut(&applied.id) {
            None => {
                slot.insert(applied.id, (applied.value, applied.loc));
            }
            Some((Value::Array(previous), _)) if applied.value.is_array() => {
                previous.extend(applied.value.as_array().into_iter().flatten().cloned());
            }
            Some((previous, _)) if *previous == applied.value => {}
            Some((_, first)) => diags.push_diagnostic(sources.diag(
                applied.loc,
                format!(
                    "conflicting values of trait `{}` on `{}`: it was already applied at {} (only array values merge)",
                    applied.id,
                    target_id,
                    sources.describe(*first)
                ),
            )),
        }
    }
    for (target, traits) in merged {
        let (root, member) = match target.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (target.as_str(), None),
        };
        let first_loc = traits.values().map(|(_, loc)| *loc).next();
        let values: Traits = traits.into_iter().map(|(k, (v, _))| (k, v)).collect();
        let inherited = member.is_some_and(|m| model.inherited_member(root, m).is_some());
        let problem = match (model.shapes.get_mut(root), member) {
            (None, _) => Some(format!("`{root}` is not defined in the model")),
            (Some(shape), None) => {
                shape.common_mut().traits.extend(values);
                None
            }
            (Some(shape), Some(m)) => match shape.member_mut(m) {
                Some(declared) => {
                    declared.traits.extend(values);
                    None
                }
                None if inherited => {
                    model.applies.push((target.clone(), values));
                    None
                }
                None => Some(format!("`{root}` has no member `{m}`")),
            },
        };
        if let (Some(problem), Some(loc)) = (problem, first_loc) {
            diags.push_diagnostic(sources.diag(loc, format!("cannot apply traits to `{target}`: {problem}")));
        }
    }
}

/// String enum members without `@enumValue` take their name; `intEnum`
/// members must have a value.
fn enum_values(model: &mut Model, origins: &BTreeMap<String, Origin>, sources: &Sources, diags: &mut Diagnostics) {
    // Members redeclared from a mixin keep the mixin's value.
    let inherited: BTreeSet<(String, String)> = model
        .shapes
        .iter()
        .filter(|(_, s)| matches!(s, Shape::Enum(_) | Shape::IntEnum(_)) && !s.mixins().is_empty())
        .flat_map(|(id, s)| s.members().into_iter().map(move |(name, _)| (id, name)))
        .filter(|(id, name)| model.inherited_member(id, name).is_some())
        .map(|(id, name)| (id.clone(), name.to_owned()))
        .collect();
    for (id, shape) in &mut model.shapes {
        let int = matches!(shape, Shape::IntEnum(_));
        let (Shape::Enum(e) | Shape::IntEnum(e)) = shape else { continue };
        for (name, member) in &mut e.members {
            if member.traits.contains_key(ENUM_VALUE) || inherited.contains(&(id.clone(), name.clone())) {
                continue;
            }
            if !int {
                member.traits.insert(ENUM_VALUE.to_owned(), Value::String(name.clone()));
                continue;
            }
            let message = format!("the intEnum member `{name}` needs a value (`{name} = 1`)");
            match origins.get(id) {
                Some(origin) => diags.push_diagnostic(sources.diag(origin.loc, message)),
                None => diags.push(format!("{id}${name}"), message),
            }
        }
    }
}

/// The rules a shape must follow to be a shape at all: mixins are mixins of
/// the same type, members taken from mixins agree on their targets, lists
/// and maps have their members, enums have members and `intEnum` values fit
/// an integer.
fn check_shapes(model: &Model, origins: &BTreeMap<String, Origin>, sources: &Sources, diags: &mut Diagnostics) {
    for (id, shape) in &model.shapes {
        let mut problems = Vec::new();
        let type_name = |s: &Shape| if matches!(s, Shape::Set(_)) { "list" } else { s.type_name() };
        if let Some(path) = mixin_cycle(model, id) {
            problems.push(format!("its mixins form a cycle: {id} -> {}", path.join(" -> ")));
        }
        for mixin in shape.mixins() {
            match model.shapes.get(&mixin.target) {
                None => problems.push(format!("the mixin `{}` is not defined in the model", mixin.target)),
                Some(m) if !m.traits().contains_key("smithy.api#mixin") => {
                    problems.push(format!("`{}` is used as a mixin but lacks the `@mixin` trait", mixin.target))
                }
                Some(m) if type_name(m) != type_name(shape) => problems.push(format!(
                    "a {} cannot use the {} `{}` as a mixin",
                    shape.type_name(),
                    m.type_name(),
                    mixin.target
                )),
                Some(_) => {}
            }
        }
        // Every member a mixin brings, by name: the first mixin's target.
        let mut inherited: BTreeMap<String, (String, String)> = BTreeMap::new();
        for mixin in shape.mixins() {
            let Some(m) = model.shapes.get(&mixin.target) else { continue };
            let names: Vec<String> = m.members().iter().map(|(n, _)| (*n).to_owned()).chain(all_inherited_names(model, &mixin.target)).collect();
            for name in names {
                let Some(member) = m.member(&name).filter(|m| !m.target.is_empty()).or_else(|| model.inherited_member(&mixin.target, &name)) else {
                    continue;
                };
                match inherited.get(&name) {
                    Some((target, from)) if *target != member.target => problems.push(format!(
                        "the member `{name}` of the mixin `{}` targets `{}`, but the one of `{from}` targets `{target}`",
                        mixin.target, member.target
                    )),
                    Some(_) => {}
                    None => {
                        inherited.insert(name, (member.target.clone(), mixin.target.clone()));
                    }
                }
            }
        }
        for (name, member) in shape.members() {
            if let Some((target, from)) = inherited.get(name) {
                if !member.target.is_empty() && member.target != *target {
                    problems.push(format!(
                        "the member `{name}` targets `{}`, but the member it redeclares from the mixin `{from}` targets `{target}`",
                        member.target
                    ));
                }
            }
        }
        let has = |name: &str| shape.member(name).is_some() || inherited.contains_key(name);
        match shape {
            Shape::List(_) | Shape::Set(_) if !has("member") => problems.push("a list needs a `member`".to_owned()),
            Shape::Map(_) if !has("key") || !has("value") => problems.push("a map needs a `key` and a `value`".to_owned()),
            Shape::Enum(e) | Shape::IntEnum(e) if e.members.is_empty() && inherited.is_empty() => {
                problems.push(format!("an {} needs at least one member", shape.type_name()))
            }
            Shape::IntEnum(e) => {
                for (name, member) in &e.members {
                    if let Some(value) = member.traits.get(ENUM_VALUE) {
                        if value.as_i64().is_none_or(|v| i32::try_from(v).is_err()) {
                            problems.push(format!("the value of `{name}` must be an integer that fits 32 bits, found {value}"));
                        }
                    }
                }
            }
            Shape::Operation(op) if shape.traits().contains_key("smithy.api#mixin") => {
                let unit = |t: &Option<crate::model::Target>| t.as_ref().is_none_or(|t| t.target == "smithy.api#Unit");
                if !unit(&op.input) || !unit(&op.output) {
                    problems.push("an operation mixin cannot have an input or output".to_owned());
                }
            }
            Shape::Resource(r) if shape.traits().contains_key("smithy.api#mixin") => {
                let lifecycle = [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list];
                if !r.identifiers.is_empty()
                    || !r.properties.is_empty()
                    || lifecycle.iter().any(|o| o.is_some())
                    || !r.operations.is_empty()
                    || !r.collection_operations.is_empty()
                    || !r.resources.is_empty()
                {
                    problems.push("a resource mixin cannot have identifiers, properties, operations or resources".to_owned())
                }
            }
            _ => {}
        }
        for problem in problems {
            match origins.get(id) {
                Some(origin) => diags.push_diagnostic(sources.diag(origin.loc, format!("`{id}`: {problem}"))),
                None => diags.push(id, problem),
            }
        }
    }
}

/// The mixins through which `id` uses itself, if it does.
fn mixin_cycle(model: &Model, id: &str) -> Option<Vec<String>> {
    let mut seen = std::collections::BTreeSet::new();
    let mut stack: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(path) = stack.pop() {
        let last = path.last().map_or(id, String::as_str);
        for mixin in model.shapes.get(last).map(Shape::mixins).unwrap_or_default() {
            let mut longer = path.clone();
            longer.push(mixin.target.clone());
            if mixin.target == id {
                return Some(longer);
            }
            if seen.insert(mixin.target.as_str()) {
                stack.push(longer);
            }
        }
    }
    None
}

/// The names of every member `id` inherits through its mixins.
fn all_inherited_names(model: &Model, id: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![(id.to_owned(), 0)];
    while let Some((current, depth)) = stack.pop() {
        let Some(shape) = model.shapes.get(&current) else { continue };
        if depth > 0 {
            names.extend(shape.members().iter().map(|(n, _)| (*n).to_owned()));
        }
        if depth < 64 {
            stack.extend(shape.mixins().iter().map(|m| (m.target.clone(), depth + 1)));
        }
    }
    names
}

/// Types whose shapes had a zero value by default in Smithy 1.0.
fn had_default_in_v1(shape_type: &str) -> bool {
    matches!(shape_type, "byte" | "short" | "integer" | "long" | "float" | "double" | "boolean" | "intEnum")
}

fn zero_value(shape_type: &str) -> Value {
    match shape_type {
        "boolean" => Value::Bool(false),
        "blob" | "string" => Value::String(String::new()),
        _ => Value::from(0),
    }
}

fn is_v1_zero(value: Option<&Value>, shape_type: &str) -> bool {
    match value {
        Some(Value::Bool(false)) => shape_type == "boolean",
        Some(Value::Number(n)) => shape_type != "boolean" && n.as_f64() == Some(0.0),
        _ => false,
    }
}

/// Upgrades the shapes of IDL 1.0 files to 2.0 semantics: numbers and
/// booleans without `@box` have a zero default; structure members get the
/// default their 1.0 target implied (`@box` members and boxed targets
/// none); `@box` is dropped.
fn upgrade_v1(model: &mut Model, origins: &BTreeMap<String, Origin>) {
    let is_v1 = |id: &str| origins.get(id).is_some_and(|o| o.version == Version::V1);
    // Which shapes are "boxed" (nullable), judged before anything changes.
    let boxed: BTreeSet<String> = model
        .shapes
        .iter()
        .filter(|(id, shape)| {
            had_default_in_v1(shape.type_name())
                && if is_v1(id) {
                    shape.traits().contains_key(BOX)
                } else {
                    !is_v1_zero(shape.traits().get(DEFAULT), shape.type_name())
                }
        })
        .map(|(id, _)| id.clone())
        .collect();
    let target_info = |model: &Model, target: &str| -> Option<(&'static str, bool, bool)> {
        // (type, boxed, streaming)
        if let Some(shape) = model.shapes.get(target) {
            let boxed = boxed.contains(target);
            return Some((shape.type_name(), boxed, shape.traits().contains_key("smithy.api#streaming")));
        }
        let name = target.strip_prefix("smithy.api#")?;
        let kind = prelude::shape_type(name)?;
        Some((kind, !name.starts_with("Primitive"), false))
    };
    let v1_ids: Vec<String> = origins.iter().filter(|(_, o)| o.version == Version::V1).map(|(id, _)| id.clone()).collect();
    for id in v1_ids {
        let Some(shape) = model.shapes.get(&id) else { continue };
        let kind = shape.type_name();
        let mut member_defaults: Vec<(String, Value)> = Vec::new();
        if let Shape::Structure(s) = shape {
            for (name, member) in &s.members {
                if member.traits.contains_key(DEFAULT) {
                    continue;
                }
                let info = target_info(model, &member.target);
                if member.traits.contains_key(BOX) {
                    member_defaults.push((name.clone(), Value::Null));
                } else if let Some((target_kind, target_boxed, streaming)) = info {
                    if had_default_in_v1(target_kind) && !target_boxed {
                        member_defaults.push((name.clone(), zero_value(target_kind)));
                    } else if target_kind == "blob" && streaming && !member.traits.contains_key("smithy.api#required") {
                        member_defaults.push((name.clone(), zero_value("blob")));
                    }
                }
            }
        }
        let Some(shape) = model.shapes.get_mut(&id) else { continue };
        let traits = &mut shape.common_mut().traits;
        if had_default_in_v1(kind) && traits.remove(BOX).is_none() && !traits.contains_key(DEFAULT) {
            traits.insert(DEFAULT.to_owned(), zero_value(kind));
        }
        traits.remove(BOX);
        for (name, value) in member_defaults {
            if let Some(member) = shape.member_mut(&name) {
                member.traits.insert(DEFAULT.to_owned(), value);
            }
        }
        for name in ["member", "key", "value"] {
            if let Some(member) = shape.member_mut(name) {
                member.traits.remove(BOX);
            }
        }
        if let Shape::Structure(s) | Shape::Union(s) = shape {
            for member in s.members.values_mut() {
                member.traits.remove(BOX);
            }
        }
    }
    for (target, traits) in &mut model.applies {
        if is_v1(target.split('$').next().unwrap_or_default()) {
            traits.remove(BOX);
        }
    }
}
