//! Evaluating a [`Selector`] over a model, the way Smithy's selectors
//! push each shape through their steps: depth first, each step yielding
//! zero or more shapes to the next, with variables bound along the way.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;

use super::{Assertion, Comparator, Expr, Neighbor, Operand, Path, Segment, Selector, ShapeType};
use crate::load::prelude;
use crate::model::{Shape, Traits};
use crate::node::{Number, Value};
use crate::{Diagnostics, Model};

/// A word-at-a-time multiplicative hash (as rustc's `FxHasher`): ids are
/// trusted model text, and SipHash's strength buys nothing here.
#[derive(Clone, Copy, Default)]
struct IdHash;

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }
}

/// The model's shapes as the selector graph sees them: the model's own,
/// but those whose mixins are folded in or that `apply` entries reach,
/// which are kept folded beside them.
pub(crate) struct Shapes<'m> {
    all: &'m BTreeMap<String, Shape>,
    /// `all` hashed, for the lookups every selector step makes.
    index: HashMap<&'m str, &'m Shape, IdHash>,
    folded: HashMap<String, Shape, IdHash>,
}

impl<'m> Shapes<'m> {
    fn new(all: &'m BTreeMap<String, Shape>, folded: BTreeMap<String, Shape>) -> Self {
        let index = all.iter().map(|(id, shape)| (id.as_str(), shape)).collect();
        Shapes { all, index, folded: folded.into_iter().collect() }
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Shape> {
        if !self.folded.is_empty() {
            if let Some(shape) = self.folded.get(id) {
                return Some(shape);
            }
        }
        self.index.get(id).copied()
    }

    pub(crate) fn contains_key(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The shapes in id order.
    pub(crate) fn iter(&self) -> ShapesIter<'_> {
        ShapesIter { all: self.all.iter(), folded: &self.folded }
    }

    pub(crate) fn keys(&self) -> std::collections::btree_map::Keys<'m, String, Shape> {
        self.all.keys()
    }

    /// The ids from `start` on, in order.
    pub(crate) fn ids_from(&self, start: &str) -> impl Iterator<Item = &'m String> {
        self.all.range::<str, _>((std::ops::Bound::Included(start), std::ops::Bound::Unbounded)).map(|(id, _)| id)
    }
}

/// The iterator of [`Shapes::iter`].
pub(crate) struct ShapesIter<'a> {
    all: std::collections::btree_map::Iter<'a, String, Shape>,
    folded: &'a HashMap<String, Shape, IdHash>,
}

impl<'a> Iterator for ShapesIter<'a> {
    type Item = (&'a String, &'a Shape);

    fn next(&mut self) -> Option<Self::Item> {
        let (id, shape) = self.all.next()?;
        if self.folded.is_empty() {
            return Some((id, shape));
        }
        Some((id, self.folded.get(id).unwrap_or(shape)))
    }
}

impl<'a> IntoIterator for &'a Shapes<'_> {
    type Item = (&'a String, &'a Shape);
    type IntoIter = ShapesIter<'a>;

    fn into_iter(self) -> ShapesIter<'a> {
        self.iter()
    }
}

/// Whether a step's consumer wants more shapes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    Stop,
}

/// Variables in scope: each a set of shape ids.
type Vars = BTreeMap<String, Rc<Vec<String>>>;

/// A shape's relationships to the shapes it refers to, by label (`None`
/// for a member's target, which has no name).
pub(crate) type Edges = Vec<(Option<&'static str>, String)>;

/// The model as a graph of shapes and members.
pub(crate) struct Graph<'m> {
    model: &'m Model,
    /// Shapes with their mixins folded in and `apply` entries applied.
    shapes: Shapes<'m>,
    /// Every shape, member and prelude shape, listed on first use.
    ids: OnceCell<Vec<String>>,
    /// The shape type of each, for the lookups every step makes.
    kinds: OnceCell<HashMap<String, &'static str, IdHash>>,
    /// The same, in the order of `ids`.
    start_kinds: OnceCell<Vec<Option<&'static str>>>,
    /// Each id's relationships (but `trait` ones) to shapes in the graph,
    /// built on first use: selectors ask for the same ones again and again.
    forward: OnceCell<HashMap<String, Edges>>,
    /// Reverse edges, built on first use.
    reverse: OnceCell<HashMap<String, Edges>>,
    /// `:root` results, by the selector's address (each is evaluated once).
    roots: RefCell<HashMap<usize, Rc<Vec<String>>>>,
}

impl<'m> Graph<'m> {
    pub(crate) fn new(model: &'m Model) -> Self {
        // Problems with mixins and applies are the loader's and the
        // validator's to report; the graph takes what resolves. Only the
        // shapes folding changes are copied.
        let shapes = Shapes::new(&model.shapes, crate::ir::flatten_changed(model, &mut Diagnostics::new()));
        Graph {
            model,
            shapes,
            ids: OnceCell::new(),
            kinds: OnceCell::new(),
            start_kinds: OnceCell::new(),
            forward: OnceCell::new(),
            reverse: OnceCell::new(),
            roots: RefCell::new(HashMap::new()),
        }
    }

    /// The shapes `selector` yields, every shape starting in turn.
    pub(crate) fn select(&self, selector: &Selector) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        // Most selectors start with a shape type: the starting shapes of
        // other types are passed over without a lookup.
        let first_type = match selector.0.first() {
            Some(Expr::ShapeType(t)) => Some(*t),
            _ => None,
        };
        for (id, kind) in self.ids().iter().zip(self.start_kinds()) {
            if first_type.is_some_and(|t| !kind.is_some_and(|k| is_type(k, t))) {
                continue;
            }
            self.push(&selector.0, id, &Vars::new(), &mut |shape, _| {
                found.insert(shape.to_owned());
                Flow::Continue
            });
        }
        found
    }

    /// The shapes `selector` yields from `start` alone.
    pub(crate) fn select_from(&self, selector: &Selector, start: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        self.push(&selector.0, start, &Vars::new(), &mut |shape, _| {
            found.insert(shape.to_owned());
            Flow::Continue
        });
        found
    }

    /// Whether `selector` selects `holder`, decided from the holder's side,
    /// for a selector of filters, one forward neighbor step, and filters
    /// (`structure > member [trait|required]`): some shape related to the
    /// holder by that step passes the filters before it, and the holder
    /// passes those after it; or an `:is` of such selectors. `None` for a
    /// selector of another form, or one that sets variables.
    pub(crate) fn selects_by_step(&self, selector: &Selector, holder: &str) -> Option<bool> {
        let exprs = &selector.0;
        // `:is(a, b, ...)` alone selects what any of its selectors selects.
        if let [Expr::Is(alternatives)] = exprs.as_slice() {
            let mut any = false;
            for alternative in alternatives {
                any |= match alternative.is_filter() {
                    true => self.matches(alternative, holder),
                    false => self.selects_by_step(alternative, holder)?,
                };
            }
            return Some(any);
        }
        let step = exprs.iter().position(|e| !e.is_filter())?;
        let Expr::Neighbor(Neighbor::Forward(rels)) = &exprs[step] else { return None };
        let (before, after) = (&exprs[..step], &exprs[step + 1..]);
        let plain = |e: &Expr| e.is_filter() && !matches!(e, Expr::VariableSet(..));
        if !before.iter().all(plain) || !after.iter().all(plain) {
            return None;
        }
        let vars = Vars::new();
        if self.kind(holder).is_none() || !self.yields_from(after, holder, &vars) {
            return Some(false);
        }
        Some(
            self.reverse_edges(holder)
                .iter()
                .any(|(label, from)| wanted(rels, *label) && self.yields_from(before, from, &vars)),
        )
    }

    pub(crate) fn matches(&self, selector: &Selector, id: &str) -> bool {
        self.kind(id).is_some() && self.yields(selector, id, &Vars::new())
    }

    /// Every shape, member and prelude shape.
    pub(crate) fn ids(&self) -> &[String] {
        self.ids.get_or_init(|| {
            let mut ids = Vec::new();
            for (id, shape) in self.shapes.iter() {
                ids.push(id.clone());
                ids.extend(shape.members().into_iter().map(|(name, _)| format!("{id}${name}")));
            }
            for (name, _) in prelude::all() {
                let id = format!("{}#{name}", prelude::NAMESPACE);
                if !self.shapes.contains_key(&id) {
                    ids.push(id);
                }
            }
            ids
        })
    }

    /// The model's metadata.
    pub(crate) fn metadata(&self) -> &'m BTreeMap<String, crate::node::Value> {
        &self.model.metadata
    }

    /// The model's shapes, mixins folded in and `apply` entries applied.
    pub(crate) fn shapes(&self) -> &Shapes<'m> {
        &self.shapes
    }

    /// The shape type of each of [`Self::ids`], in the same order.
    fn start_kinds(&self) -> &[Option<&'static str>] {
        self.start_kinds.get_or_init(|| self.ids().iter().map(|id| self.find_kind(id)).collect())
    }

    /// The shape type of `id` (`"member"` for a member), if it exists.
    pub(crate) fn kind(&self, id: &str) -> Option<&'static str> {
        let kinds = self.kinds.get_or_init(|| {
            self.ids().iter().filter_map(|id| self.find_kind(id).map(|k| (id.clone(), k))).collect()
        });
        kinds.get(id).copied()
    }

    fn find_kind(&self, id: &str) -> Option<&'static str> {
        match id.split_once('$') {
            Some((shape, member)) => self.shapes.get(shape)?.member(member).map(|_| "member"),
            None => match self.shapes.get(id) {
                Some(shape) => Some(shape.type_name()),
                None => id.strip_prefix("smithy.api#").and_then(prelude::shape_type),
            },
        }
    }

    /// The traits of a shape or member of the model.
    pub(crate) fn traits(&self, id: &str) -> Option<&Traits> {
        match id.split_once('$') {
            Some((shape, member)) => self.shapes.get(shape)?.member(member).map(|m| &m.traits),
            None => self.shapes.get(id).map(Shape::traits),
        }
    }

    /// The relationships from `id` to shapes in the graph; `trait` ones
    /// only when `traits` is set.
    pub(crate) fn edges(&self, id: &str, traits: bool) -> Cow<'_, [(Option<&'static str>, String)]> {
        if !traits {
            let forward = self.forward.get_or_init(|| {
                self.ids().iter().map(|id| (id.clone(), self.resolved_edges(id, false))).collect()
            });
            return Cow::Borrowed(forward.get(id).map(Vec::as_slice).unwrap_or_default());
        }
        Cow::Owned(self.resolved_edges(id, traits))
    }

    fn resolved_edges(&self, id: &str, traits: bool) -> Edges {
        let mut edges = self.all_edges(id, traits);
        edges.retain(|(_, target)| self.kind(target).is_some());
        edges
    }

    /// The relationships from `id`, to shapes in the graph or not.
    pub(crate) fn all_edges(&self, id: &str, traits: bool) -> Edges {
        let mut edges: Edges = Vec::new();
        let mut push = |label: Option<&'static str>, target: &str| edges.push((label, target.to_owned()));
        if let Some((container, name)) = id.split_once('$') {
            let container = self.shapes.get(container);
            if let Some(member) = container.and_then(|c| c.member(name)) {
                if !matches!(container, Some(Shape::Enum(_) | Shape::IntEnum(_))) {
                    push(None, &member.target);
                }
            }
        } else if let Some(shape) = self.shapes.get(id) {
            // The folded shape has lost its mixin list; the model keeps it.
            for mixin in self.model.shapes.get(id).map(Shape::mixins).unwrap_or_default() {
                push(Some("mixin"), &mixin.target);
            }
            match shape {
                Shape::Service(s) => {
                    s.operations.iter().for_each(|t| push(Some("operation"), &t.target));
                    s.resources.iter().for_each(|t| push(Some("resource"), &t.target));
                    s.errors.iter().for_each(|t| push(Some("error"), &t.target));
                }
                Shape::Resource(r) => {
                    r.identifiers.values().for_each(|t| push(Some("identifier"), &t.target));
                    r.properties.values().for_each(|t| push(Some("property"), &t.target));
                    r.resources.iter().for_each(|t| push(Some("resource"), &t.target));
                    for (label, target) in r.lifecycle() {
                        if let Some(t) = target {
                            push(Some(label), &t.target);
                        }
                    }
                    r.operations.iter().for_each(|t| push(Some("operation"), &t.target));
                    r.collection_operations.iter().for_each(|t| push(Some("collectionOperation"), &t.target));
                }
                Shape::Operation(o) => {
                    for (label, target) in [("input", &o.input), ("output", &o.output)] {
                        if let Some(t) = target.as_ref().filter(|t| t.target != "smithy.api#Unit") {
                            push(Some(label), &t.target);
                        }
                    }
                    o.errors.iter().for_each(|t| push(Some("error"), &t.target));
                }
                _ => {
                    for (name, _) in shape.members() {
                        push(Some("member"), &format!("{id}${name}"));
                    }
                }
            }
        }
        if traits {
            for trait_id in self.traits(id).into_iter().flat_map(|t| t.keys()) {
                push(Some("trait"), trait_id);
            }
        }
        edges
    }

    pub(crate) fn reverse_edges(&self, id: &str) -> &[(Option<&'static str>, String)] {
        let reverse = self.reverse.get_or_init(|| {
            let mut reverse: HashMap<String, Edges> = HashMap::new();
            for from in self.ids() {
                for (label, to) in self.resolved_edges(from, true) {
                    reverse.entry(to).or_default().push((label, from.clone()));
                }
            }
            reverse
        });
        reverse.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    /// The neighbors `neighbor` yields from `id`.
    fn neighbors(&self, neighbor: &Neighbor, id: &str) -> Vec<String> {
        match neighbor {
            Neighbor::Forward(rels) => {
                let traits = rels.as_ref().is_some_and(|r| r.iter().any(|r| r == "trait"));
                self.edges(id, traits).iter().filter(|(l, _)| wanted(rels, *l)).map(|(_, t)| t.clone()).collect()
            }
            Neighbor::Reverse(rels) => {
                self.reverse_edges(id).iter().filter(|(l, _)| wanted(rels, *l)).map(|(_, f)| f.clone()).collect()
            }
            Neighbor::Recursive => {
                let mut seen: HashSet<String> = HashSet::from([id.to_owned()]);
                let mut queue = VecDeque::from([id.to_owned()]);
                let mut out = Vec::new();
                while let Some(next) = queue.pop_front() {
                    for (_, target) in self.edges(&next, false).iter() {
                        if seen.insert(target.clone()) {
                            out.push(target.clone());
                            queue.push_back(target.clone());
                        }
                    }
                }
                out
            }
        }
    }

    fn yields(&self, selector: &Selector, id: &str, vars: &Vars) -> bool {
        self.yields_from(&selector.0, id, vars)
    }

    /// Whether `exprs` yield any shape starting from `id`.
    fn yields_from(&self, exprs: &[Expr], id: &str, vars: &Vars) -> bool {
        let mut found = false;
        self.push(exprs, id, vars, &mut |_, _| {
            found = true;
            Flow::Stop
        });
        found
    }

    /// Sends `id` through `exprs`, each shape coming out of the last step
    /// to `sink`.
    fn push(&self, exprs: &[Expr], id: &str, vars: &Vars, sink: &mut dyn FnMut(&str, &Vars) -> Flow) -> Flow {
        let Some((first, rest)) = exprs.split_first() else {
            return sink(id, vars);
        };
        let mut next = |shape: &str, vars: &Vars| self.push(rest, shape, vars, sink);
        let each = |shapes: &[String], vars: &Vars, next: &mut dyn FnMut(&str, &Vars) -> Flow| {
            for shape in shapes {
                if next(shape, vars) == Flow::Stop {
                    return Flow::Stop;
                }
            }
            Flow::Continue
        };
        let pass = |ok: bool, next: &mut dyn FnMut(&str, &Vars) -> Flow| if ok { next(id, vars) } else { Flow::Continue };
        match first {
            Expr::ShapeType(t) => pass(self.kind(id).is_some_and(|k| is_type(k, *t)), &mut next),
            Expr::Attribute(path) => pass(self.attribute(id, vars, path).is_present(), &mut next),
            Expr::Scoped(key, assertions) => {
                let scope = match key {
                    Some(path) => self.attribute(id, vars, path),
                    None => Attr::Shape(id.to_owned()),
                };
                let ok = scope.is_present()
                    && scope.flattened().iter().any(|value| {
                        assertions.iter().all(|a| self.scoped_assertion(value, vars, a))
                    });
                pass(ok, &mut next)
            }
            Expr::Neighbor(neighbor) => each(&self.neighbors(neighbor, id), vars, &mut next),
            Expr::Test(args) => pass(args.iter().any(|a| self.yields(a, id, vars)), &mut next),
            Expr::Is(args) => {
                for arg in args {
                    if self.push(&arg.0, id, vars, &mut next) == Flow::Stop {
                        return Flow::Stop;
                    }
                }
                Flow::Continue
            }
            Expr::Not(arg) => pass(!self.yields(arg, id, vars), &mut next),
            Expr::In(arg) => {
                let mut found = false;
                self.push(&arg.0, id, vars, &mut |shape, _| {
                    found = shape == id;
                    if found {
                        Flow::Stop
                    } else {
                        Flow::Continue
                    }
                });
                pass(found, &mut next)
            }
            Expr::Root(arg) => each(&self.root(arg), vars, &mut next),
            Expr::Recursive(arg) => {
                let mut seen = HashSet::new();
                let mut queue = VecDeque::from([id.to_owned()]);
                while let Some(from) = queue.pop_front() {
                    let mut found = Vec::new();
                    self.push(&arg.0, &from, vars, &mut |shape, _| {
                        found.push(shape.to_owned());
                        Flow::Continue
                    });
                    for shape in found {
                        if seen.insert(shape.clone()) {
                            if next(&shape, vars) == Flow::Stop {
                                return Flow::Stop;
                            }
                            queue.push_back(shape);
                        }
                    }
                }
                Flow::Continue
            }
            Expr::TopDown(qualifier, disqualifier) => match self.kind(id) {
                Some("service" | "resource" | "operation") => {
                    let mut seen = HashSet::new();
                    self.top_down(id, false, qualifier, disqualifier.as_ref(), vars, &mut seen, &mut next)
                }
                _ => Flow::Continue,
            },
            Expr::Unknown(_) => Flow::Continue,
            Expr::VariableSet(name, selector) => {
                let mut found = Vec::new();
                self.push(&selector.0, id, vars, &mut |shape, _| {
                    if !found.iter().any(|f| f == shape) {
                        found.push(shape.to_owned());
                    }
                    Flow::Continue
                });
                let mut vars = vars.clone();
                vars.insert(name.clone(), Rc::new(found));
                next(id, &vars)
            }
            Expr::VariableGet(name) => match vars.get(name) {
                Some(shapes) => each(&shapes.clone(), vars, &mut next),
                None => Flow::Continue,
            },
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn top_down(
        &self,
        id: &str,
        mut qualified: bool,
        qualifier: &Selector,
        disqualifier: Option<&Selector>,
        vars: &Vars,
        seen: &mut HashSet<String>,
        next: &mut dyn FnMut(&str, &Vars) -> Flow,
    ) -> Flow {
        if !seen.insert(id.to_owned()) {
            return Flow::Continue;
        }
        if !qualified && self.yields(qualifier, id, vars) {
            qualified = true;
        }
        if qualified && disqualifier.is_some_and(|d| self.yields(d, id, vars)) {
            qualified = false;
        }
        if qualified && next(id, vars) == Flow::Stop {
            return Flow::Stop;
        }
        for (label, target) in self.edges(id, false).iter() {
            if matches!(label, Some("resource" | "operation"))
                && target != id
                && self.top_down(target, qualified, qualifier, disqualifier, vars, seen, next) == Flow::Stop
            {
                return Flow::Stop;
            }
        }
        Flow::Continue
    }

    /// What `:root(selector)` yields: the selector over every shape, in a
    /// context of its own, evaluated once.
    fn root(&self, selector: &Selector) -> Rc<Vec<String>> {
        let key = selector as *const Selector as usize;
        if let Some(found) = self.roots.borrow().get(&key) {
            return found.clone();
        }
        let found: Rc<Vec<String>> = Rc::new(self.select(selector).into_iter().collect());
        self.roots.borrow_mut().insert(key, found.clone());
        found
    }

    fn attribute(&self, id: &str, vars: &Vars, path: &Path) -> Attr<'_> {
        path.iter().fold(Attr::Shape(id.to_owned()), |value, segment| self.property(value, segment, vars))
    }

    fn scoped_assertion(&self, scope: &Attr<'_>, vars: &Vars, assertion: &Assertion) -> bool {
        let operand = |o: &Operand| match o {
            Operand::Literal(text) => Attr::Literal(text.clone()),
            Operand::Context(path) => {
                path.iter().fold(scope.clone(), |value, segment| self.property(value, segment, vars))
            }
        };
        let left = operand(&assertion.left);
        let values: Vec<Attr<'_>> = assertion.values.iter().map(operand).collect();
        compare(&left, assertion.comparator, &values, assertion.case_insensitive)
    }

    fn property<'g>(&'g self, value: Attr<'g>, segment: &Segment, vars: &Vars) -> Attr<'g> {
        use Segment::{Function, Name};
        let length = |n: usize| Attr::Literal(n.to_string());
        match (value, segment) {
            (Attr::Projection(values), Function(f)) if f == "first" => {
                Attr::flatten(values).into_iter().next().unwrap_or(Attr::Empty)
            }
            (Attr::Projection(values), _) => Attr::Projection(
                values.into_iter().map(|v| self.property(v, segment, vars)).filter(Attr::is_present).collect(),
            ),
            (Attr::Shape(id), Name(name)) => match name.as_str() {
                "id" => Attr::Id(id),
                "trait" => Attr::Traits(id),
                "service" if self.kind(&id) == Some("service") => Attr::Service(id),
                "var" => Attr::Var(vars.clone()),
                _ => Attr::Empty,
            },
            (Attr::Id(id), Name(name)) => {
                let (shape, member) = id.split_once('$').map_or((id.as_str(), None), |(s, m)| (s, Some(m)));
                let (namespace, local) = shape.split_once('#').unwrap_or(("", shape));
                match name.as_str() {
                    "namespace" => Attr::Literal(namespace.to_owned()),
                    "name" => Attr::Literal(local.to_owned()),
                    "member" => member.map_or(Attr::Empty, |m| Attr::Literal(m.to_owned())),
                    _ => Attr::Empty,
                }
            }
            (Attr::Id(id), Function(f)) if f == "length" => length(id.chars().count()),
            (Attr::Literal(text), Function(f)) if f == "length" => length(text.chars().count()),
            (Attr::Service(id), Name(name)) => match name.as_str() {
                "id" => Attr::Id(id),
                "version" => match self.shapes.get(&id) {
                    Some(Shape::Service(s)) => s.version.clone().map_or(Attr::Empty, Attr::Literal),
                    _ => Attr::Empty,
                },
                _ => Attr::Empty,
            },
            (Attr::Traits(id), segment) => {
                let traits = self.traits(&id);
                let all = || traits.into_iter().flat_map(|t| t.iter());
                match segment {
                    Function(f) if f == "keys" => Attr::Projection(all().map(|(k, _)| Attr::Id(k.clone())).collect()),
                    Function(f) if f == "values" => Attr::Projection(all().map(|(_, v)| Attr::Node(v)).collect()),
                    Function(f) if f == "length" => length(all().count()),
                    Function(_) => Attr::Empty,
                    Name(name) => {
                        let trait_id = if name.contains('#') { name.clone() } else { format!("smithy.api#{name}") };
                        traits.and_then(|t| t.get(&trait_id)).map_or(Attr::Empty, Attr::Node)
                    }
                }
            }
            (Attr::Node(node), segment) => match (node, segment) {
                (Value::Object(map), Function(f)) if f == "keys" => {
                    Attr::Projection(map.keys().map(|k| Attr::Literal(k.clone())).collect())
                }
                (Value::Object(map), Function(f)) if f == "values" => Attr::Projection(map.values().map(Attr::Node).collect()),
                (Value::Object(map), Function(f)) if f == "length" => length(map.len()),
                (Value::Object(map), Name(key)) => map.get(key).map_or(Attr::Empty, Attr::Node),
                (Value::Array(items), Function(f)) if f == "values" => Attr::Projection(items.iter().map(Attr::Node).collect()),
                (Value::Array(items), Function(f)) if f == "length" => length(items.len()),
                (Value::String(text), Function(f)) if f == "length" => length(text.chars().count()),
                _ => Attr::Empty,
            },
            (Attr::Var(vars), Name(name)) => match vars.get(name) {
                Some(shapes) => Attr::Projection(shapes.iter().map(|s| Attr::Shape(s.clone())).collect()),
                None => Attr::Empty,
            },
            _ => Attr::Empty,
        }
    }
}

/// Whether a shape of type `kind` is of the selector's `shape_type`.
fn is_type(kind: &str, shape_type: ShapeType) -> bool {
    const NUMBERS: &[&str] = &["byte", "short", "integer", "long", "float", "double", "bigDecimal", "bigInteger", "intEnum"];
    const SIMPLE: &[&str] = &["blob", "boolean", "document", "string", "timestamp", "enum"];
    const AGGREGATE: &[&str] = &["list", "set", "map", "structure", "union"];
    let simple = || NUMBERS.contains(&kind) || SIMPLE.contains(&kind);
    match shape_type {
        ShapeType::Any => true,
        ShapeType::Number => NUMBERS.contains(&kind),
        ShapeType::SimpleType => simple(),
        ShapeType::AggregateType => AGGREGATE.contains(&kind),
        ShapeType::DataType => simple() || AGGREGATE.contains(&kind),
        ShapeType::ServiceType => matches!(kind, "service" | "operation" | "resource"),
        ShapeType::List => matches!(kind, "list" | "set"),
        // An enum is a string and an intEnum an integer.
        ShapeType::Exact(name) => {
            kind == name || (name == "string" && kind == "enum") || (name == "integer" && kind == "intEnum")
        }
    }
}

/// An attribute's value (smithy.io, "Attributes").
#[derive(Clone, Debug)]
enum Attr<'g> {
    /// Nothing: a missing trait, property or variable.
    Empty,
    Literal(String),
    Id(String),
    Service(String),
    /// The traits of a shape or member.
    Traits(String),
    Node(&'g Value),
    Shape(String),
    Var(Vars),
    Projection(Vec<Attr<'g>>),
}

impl<'g> Attr<'g> {
    fn is_present(&self) -> bool {
        match self {
            Attr::Empty => false,
            Attr::Node(node) => !node.is_null(),
            Attr::Projection(values) => !values.is_empty(),
            _ => true,
        }
    }

    /// The text string comparators see: empty for what has none.
    fn text(&self) -> &str {
        match self {
            Attr::Literal(s) | Attr::Id(s) | Attr::Service(s) | Attr::Shape(s) => s,
            Attr::Node(Value::String(s)) => s,
            Attr::Node(Value::Number(n)) => n.as_str(),
            Attr::Node(Value::Bool(true)) => "true",
            Attr::Node(Value::Bool(false)) => "false",
            _ => "",
        }
    }

    fn flatten(values: Vec<Attr<'g>>) -> Vec<Attr<'g>> {
        values
            .into_iter()
            .flat_map(|v| match v {
                Attr::Projection(inner) => Attr::flatten(inner),
                other => vec![other],
            })
            .collect()
    }

    /// A projection's values, flattened; any other value alone.
    fn flattened(&self) -> Vec<Attr<'g>> {
        match self {
            Attr::Projection(values) => Attr::flatten(values.clone()),
            other => vec![other.clone()],
        }
    }
}

/// `left comparator values`: true when `left` satisfies it against any of
/// `values` (smithy.io, "Attribute comparison", "Projection comparators").
fn compare(left: &Attr<'_>, comparator: Comparator, values: &[Attr<'_>], case_insensitive: bool) -> bool {
    let fold = |s: &str| if case_insensitive { s.to_lowercase() } else { s.to_owned() };
    let equal = |a: &Attr<'_>, b: &Attr<'_>| a.is_present() && b.is_present() && fold(a.text()) == fold(b.text());
    match comparator {
        Comparator::Exists => values.iter().any(|v| match v.text() {
            "true" => left.is_present(),
            "false" => !left.is_present(),
            _ => false,
        }),
        Comparator::ProjectionEqual | Comparator::ProjectionNotEqual | Comparator::Subset | Comparator::ProperSubset => {
            values.iter().any(|right| {
                let (Attr::Projection(_), Attr::Projection(_)) = (left, right) else {
                    return comparator == Comparator::ProjectionNotEqual;
                };
                let (l, r) = (left.flattened(), right.flattened());
                let within = |a: &[Attr<'_>], b: &[Attr<'_>]| a.iter().all(|x| b.iter().any(|y| equal(x, y)));
                match comparator {
                    Comparator::ProjectionEqual => within(&l, &r) && within(&r, &l),
                    Comparator::ProjectionNotEqual => !(within(&l, &r) && within(&r, &l)),
                    Comparator::Subset => within(&l, &r),
                    _ => within(&l, &r) && !within(&r, &l),
                }
            })
        }
        _ => {
            let lefts = left.flattened();
            let rights: Vec<Attr<'_>> = values.iter().flat_map(Attr::flattened).collect();
            lefts.iter().any(|l| rights.iter().any(|r| compare_one(l, comparator, r, &fold)))
        }
    }
}

fn compare_one(left: &Attr<'_>, comparator: Comparator, right: &Attr<'_>, fold: &dyn Fn(&str) -> String) -> bool {
    if !left.is_present() || !right.is_present() {
        return false;
    }
    let number = |a: &Attr<'_>| Number::parse(a.text()).and_then(|n| n.as_f64());
    let (l, r) = (fold(left.text()), fold(right.text()));
    match comparator {
        Comparator::Equal => l == r,
        Comparator::NotEqual => l != r,
        Comparator::StartsWith => l.starts_with(&r),
        Comparator::EndsWith => l.ends_with(&r),
        Comparator::Contains => l.contains(&r),
        _ => match (number(left), number(right)) {
            (Some(l), Some(r)) => match comparator {
                Comparator::Greater => l > r,
                Comparator::GreaterOrEqual => l >= r,
                Comparator::Less => l < r,
                _ => l <= r,
            },
            _ => false,
        },
    }
}

/// Whether a relationship labelled `label` is one a neighbor step with
/// `rels` follows: any but `trait` when the step names none.
fn wanted(rels: &Option<Vec<String>>, label: Option<&str>) -> bool {
    match rels {
        None => label != Some("trait"),
        Some(rels) => rels.iter().any(|r| Some(r.as_str()) == label),
    }
}
