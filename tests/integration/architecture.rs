//! The house rules, read from the source with `syn` (docs/decisions.md, "Layering"):
//! the faces (`cli`, `tui`, `plain`) never import one another; no circle of imports between files
//! anywhere in `src/`; no function over 80 lines; `tui/app.rs` under 400 lines; no
//! `Result<_, String>` in `core`; one type name per meaning and no renaming imports of our own items.
//!
//! A "file" is a module with a file of its own. An edge A → B is any path in A (a `use`, or a path
//! starting `crate::`, `super::` or `self::`) that resolves to an item defined in B, following
//! re-exports (`pub use`) to the file that defines the item, as rustc does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;

const FACES: [&str; 3] = ["cli", "tui", "plain"];
const MAX_FN_LINES: usize = 80;

type Module = Vec<String>;

struct SourceFile {
    rel: String,
    module: Module,
    ast: syn::File,
}

/// Every `.rs` file under `src/` of the library (not `main.rs`, a crate of its own).
fn source_files() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walk(&src) {
        let rel = entry.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if rel == "main.rs" {
            continue;
        }
        let mut module: Module = rel.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
        if module.last().is_some_and(|m| m == "mod" || m == "lib") {
            module.pop();
        }
        let text = std::fs::read_to_string(&entry).unwrap();
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        files.push(SourceFile { rel, module, ast });
    }
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out
}

/// What one file defines and imports, by name.
#[derive(Default)]
struct Scope {
    defined: BTreeSet<String>,
    /// name → absolute path it imports (for `use a::b::c;` and `use a::b::c as d;`)
    aliases: BTreeMap<String, Module>,
    globs: Vec<Module>,
}

struct House {
    files: Vec<SourceFile>,
    by_module: BTreeMap<Module, usize>,
    scopes: Vec<Scope>,
}

impl House {
    fn read() -> House {
        let files = source_files();
        let by_module = files.iter().enumerate().map(|(i, f)| (f.module.clone(), i)).collect();
        let mut house = House { files, by_module, scopes: Vec::new() };
        house.scopes = (0..house.files.len()).map(|i| house.scope_of(i)).collect();
        house
    }

    fn scope_of(&self, i: usize) -> Scope {
        let mut scope = Scope::default();
        let module = &self.files[i].module;
        for item in &self.files[i].ast.items {
            if let Some(name) = item_name(item) {
                scope.defined.insert(name);
            }
            if let syn::Item::Use(u) = item {
                let mut uses = Vec::new();
                flatten_use(&u.tree, Vec::new(), &mut uses);
                for (path, alias) in uses {
                    let Some(abs) = self.absolute(module, &path) else { continue };
                    match alias {
                        Some(name) if name == "*" => scope.globs.push(abs),
                        Some(name) if name == "_" => {}
                        Some(name) => {
                            scope.aliases.insert(name, abs);
                        }
                        None => {
                            let last = abs.last().cloned().unwrap_or_default();
                            scope.aliases.insert(last, abs);
                        }
                    }
                }
            }
        }
        scope
    }

    /// A path as written in `module` → a path from the crate root, or None for other crates.
    fn absolute(&self, module: &Module, path: &[String]) -> Option<Module> {
        let first = path.first()?;
        let mut base: Module = match first.as_str() {
            "crate" => Vec::new(),
            "self" => module.clone(),
            "super" => {
                let mut m = module.clone();
                let mut rest = path;
                while rest.first().is_some_and(|s| s == "super") {
                    m.pop();
                    rest = &rest[1..];
                }
                m.extend(rest.iter().cloned());
                return Some(m);
            }
            // A relative path: a child module of this one, or an item this file defines.
            name => {
                let mut child = module.clone();
                child.push(name.to_owned());
                if self.by_module.contains_key(&child) || self.defines(module, name) {
                    let mut m = module.clone();
                    m.extend(path.iter().cloned());
                    return Some(m);
                }
                return None;
            }
        };
        base.extend(path[1..].iter().cloned());
        Some(base)
    }

    fn defines(&self, module: &Module, name: &str) -> bool {
        self.by_module.get(module).is_some_and(|&i| self.scopes.get(i).is_some_and(|s| s.defined.contains(name)))
    }

    /// The file that defines what an absolute path names (following imports), if it is ours.
    fn resolve(&self, path: &[String], depth: usize) -> Option<usize> {
        if depth > 16 {
            return None;
        }
        for k in (0..=path.len()).rev() {
            let Some(&f) = self.by_module.get(&path[..k]) else { continue };
            let rest = &path[k..];
            let Some(name) = rest.first() else { return Some(f) };
            let scope = &self.scopes[f];
            if scope.defined.contains(name) {
                return Some(f);
            }
            if let Some(target) = scope.aliases.get(name) {
                let mut t = target.clone();
                t.extend(rest[1..].iter().cloned());
                return self.resolve(&t, depth + 1).or(Some(f));
            }
            for g in &scope.globs {
                let mut t = g.clone();
                t.extend(rest.iter().cloned());
                if let Some(r) = self.resolve(&t, depth + 1)
                    && r != f
                    && self.scopes[r].defined.contains(name)
                {
                    return Some(r);
                }
            }
            return Some(f);
        }
        None
    }

    /// Every edge between two different files, with the path that makes it.
    fn edges(&self) -> BTreeMap<(usize, usize), String> {
        let mut edges = BTreeMap::new();
        for (i, file) in self.files.iter().enumerate() {
            let mut v = PathCollector { module: vec![file.module.clone()], paths: Vec::new() };
            v.visit_file(&file.ast);
            for (module, path) in v.paths {
                let Some(abs) = self.absolute(&module, &path) else { continue };
                if let Some(j) = self.resolve(&abs, 0)
                    && j != i
                {
                    edges.entry((i, j)).or_insert_with(|| path.join("::"));
                }
            }
        }
        edges
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    let ident = match item {
        syn::Item::Fn(x) => &x.sig.ident,
        syn::Item::Struct(x) => &x.ident,
        syn::Item::Enum(x) => &x.ident,
        syn::Item::Trait(x) => &x.ident,
        syn::Item::Type(x) => &x.ident,
        syn::Item::Const(x) => &x.ident,
        syn::Item::Static(x) => &x.ident,
        syn::Item::Union(x) => &x.ident,
        syn::Item::Mod(x) => &x.ident,
        syn::Item::Macro(x) => x.ident.as_ref()?,
        _ => return None,
    };
    Some(ident.to_string())
}

/// `use a::{b, c::d as e, f::*}` → [(a::b, None), (a::c::d, Some(e)), (a::f, Some(*))]
fn flatten_use(tree: &syn::UseTree, prefix: Vec<String>, out: &mut Vec<(Vec<String>, Option<String>)>) {
    match tree {
        syn::UseTree::Path(p) => {
            let mut next = prefix;
            next.push(p.ident.to_string());
            flatten_use(&p.tree, next, out);
        }
        syn::UseTree::Name(n) => {
            let mut path = prefix;
            if n.ident == "self" {
                out.push((path, None));
            } else {
                path.push(n.ident.to_string());
                out.push((path, None));
            }
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix;
            if r.ident != "self" {
                path.push(r.ident.to_string());
            }
            out.push((path, Some(r.rename.to_string())));
        }
        syn::UseTree::Glob(_) => out.push((prefix, Some("*".into()))),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix.clone(), out);
            }
        }
    }
}

/// Paths a file names, each with the module it is written in (inline `mod` blocks nest).
struct PathCollector {
    module: Vec<Module>,
    paths: Vec<(Module, Vec<String>)>,
}

impl<'ast> Visit<'ast> for PathCollector {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if m.content.is_some() {
            let mut inner = self.module.last().unwrap().clone();
            inner.push(m.ident.to_string());
            self.module.push(inner);
            syn::visit::visit_item_mod(self, m);
            self.module.pop();
        }
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut uses = Vec::new();
        flatten_use(&u.tree, Vec::new(), &mut uses);
        let here = self.module.last().unwrap().clone();
        for (path, _) in uses {
            self.paths.push((here.clone(), path));
        }
    }
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        if segs.first().is_some_and(|s| s == "crate" || s == "super" || s == "self") && segs.len() > 1 {
            self.paths.push((self.module.last().unwrap().clone(), segs));
        }
        syn::visit::visit_path(self, p);
    }
}

/// Strongly connected components of more than one file (Tarjan).
fn circles(n: usize, edges: &BTreeMap<(usize, usize), String>) -> Vec<Vec<usize>> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b) in edges.keys() {
        adj[a].push(b);
    }
    struct T<'a> {
        adj: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn strong(t: &mut T, v: usize) {
        t.index[v] = Some(t.next);
        t.low[v] = t.next;
        t.next += 1;
        t.stack.push(v);
        t.on[v] = true;
        for &w in t.adj[v].clone().iter() {
            match t.index[w] {
                None => {
                    strong(t, w);
                    t.low[v] = t.low[v].min(t.low[w]);
                }
                Some(iw) if t.on[w] => t.low[v] = t.low[v].min(iw),
                _ => {}
            }
        }
        if Some(t.low[v]) == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on[w] = false;
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        adj: &adj,
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if t.index[v].is_none() {
            strong(&mut t, v);
        }
    }
    t.out
}

fn face(module: &Module) -> Option<&str> {
    module.first().map(String::as_str).filter(|m| FACES.contains(m))
}

#[test]
fn the_faces_never_import_one_another() {
    let house = House::read();
    let wrong: Vec<String> = house
        .edges()
        .iter()
        .filter_map(|(&(a, b), path)| {
            let (fa, fb) = (face(&house.files[a].module)?, face(&house.files[b].module)?);
            (fa != fb).then(|| format!("{} → {} ({path})", house.files[a].rel, house.files[b].rel))
        })
        .collect();
    assert!(wrong.is_empty(), "faces import one another:\n{}", wrong.join("\n"));
}

#[test]
fn no_circle_of_imports_between_files() {
    let house = House::read();
    let edges = house.edges();
    assert!(edges.len() > 100, "the reader found only {} edges: it is not reading the source", edges.len());
    let found = circles(house.files.len(), &edges);
    let text: Vec<String> = found
        .iter()
        .map(|comp| {
            let inside: Vec<String> = edges
                .iter()
                .filter(|((a, b), _)| comp.contains(a) && comp.contains(b))
                .map(|((a, b), p)| format!("  {} → {} ({p})", house.files[*a].rel, house.files[*b].rel))
                .collect();
            inside.join("\n")
        })
        .collect();
    assert!(found.is_empty(), "{} circle(s) of imports:\n{}", found.len(), text.join("\n\n"));
}

#[test]
fn the_reader_finds_a_circle_when_there_is_one() {
    // The detector itself can fail: a made-up pair of edges both ways is a circle.
    let mut edges = BTreeMap::new();
    edges.insert((0, 1), "a".to_owned());
    edges.insert((1, 2), "b".to_owned());
    edges.insert((2, 0), "c".to_owned());
    edges.insert((2, 3), "d".to_owned());
    assert_eq!(circles(4, &edges), vec![vec![0, 1, 2]]);
}

struct Functions {
    rel: String,
    long: Vec<String>,
}

impl Functions {
    fn check(&mut self, name: &str, span: proc_macro2::Span) {
        let lines = span.end().line - span.start().line + 1;
        if lines > MAX_FN_LINES {
            self.long.push(format!("{}:{} {name}: {lines} lines", self.rel, span.start().line));
        }
    }
}

impl<'ast> Visit<'ast> for Functions {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        let span = f.sig.span().join(f.block.span()).unwrap_or(f.block.span());
        self.check(&f.sig.ident.to_string(), span);
        syn::visit::visit_item_fn(self, f);
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let span = f.sig.span().join(f.block.span()).unwrap_or(f.block.span());
        self.check(&f.sig.ident.to_string(), span);
        syn::visit::visit_impl_item_fn(self, f);
    }
    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            let span = f.sig.span().join(block.span()).unwrap_or(block.span());
            self.check(&f.sig.ident.to_string(), span);
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

#[test]
fn no_function_is_over_80_lines() {
    let mut long = Vec::new();
    for file in House::read().files {
        let mut v = Functions { rel: file.rel.clone(), long: Vec::new() };
        v.visit_file(&file.ast);
        long.extend(v.long);
    }
    assert!(long.is_empty(), "functions over {MAX_FN_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn the_app_state_file_is_under_400_lines() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/app.rs");
    let lines = std::fs::read_to_string(path).unwrap().lines().count();
    assert!(lines < 400, "src/tui/app.rs has {lines} lines");
}

struct StringErrors {
    rel: String,
    found: Vec<String>,
}

impl<'ast> Visit<'ast> for StringErrors {
    fn visit_type_path(&mut self, t: &'ast syn::TypePath) {
        if let Some(last) = t.path.segments.last()
            && last.ident == "Result"
            && let syn::PathArguments::AngleBracketed(args) = &last.arguments
        {
            let is_string = args.args.iter().nth(1).is_some_and(|a| {
                matches!(a, syn::GenericArgument::Type(syn::Type::Path(p))
                            if p.path.segments.last().is_some_and(|s| s.ident == "String"))
            });
            if is_string {
                self.found.push(format!("{}:{}", self.rel, t.span().start().line));
            }
        }
        syn::visit::visit_type_path(self, t);
    }
}

#[test]
fn the_core_has_typed_errors() {
    let mut found = Vec::new();
    for file in House::read().files.into_iter().filter(|f| f.module.first().is_some_and(|m| m == "core")) {
        let mut v = StringErrors { rel: file.rel.clone(), found: Vec::new() };
        v.visit_file(&file.ast);
        found.extend(v.found);
    }
    assert!(found.is_empty(), "Result<_, String> in core:\n{}", found.join("\n"));
}

struct Names {
    rel: String,
    types: Vec<(String, String)>,
    renames: Vec<String>,
    module: Vec<String>,
}

impl<'ast> Visit<'ast> for Names {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        match item {
            syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Type(_) | syn::Item::Trait(_) => {
                if let Some(name) = item_name(item) {
                    self.types.push((name, self.rel.clone()));
                }
            }
            _ => {}
        }
        if let syn::Item::Type(t) = item {
            // `type A = B;` with B a plain name of ours is a second name for one thing.
            if let syn::Type::Path(p) = &*t.ty
                && p.path.segments.iter().all(|s| s.arguments.is_none())
                && p.qself.is_none()
            {
                self.renames.push(format!("{}: type {} = {}", self.rel, t.ident, quote_path(&p.path)));
            }
        }
        if let syn::Item::Use(u) = item {
            let mut uses = Vec::new();
            flatten_use(&u.tree, Vec::new(), &mut uses);
            for (path, alias) in uses {
                let ours = path.first().is_some_and(|s| s == "crate" || s == "super" || s == "self");
                if let Some(a) = alias.filter(|a| a != "*" && a != "_")
                    && ours
                {
                    self.renames.push(format!("{}: use {} as {a}", self.rel, path.join("::")));
                }
            }
        }
        if let syn::Item::Mod(m) = item
            && m.content.is_some()
        {
            self.module.push(m.ident.to_string());
            syn::visit::visit_item(self, item);
            self.module.pop();
            return;
        }
        syn::visit::visit_item(self, item);
    }
}

fn quote_path(p: &syn::Path) -> String {
    p.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
}

#[test]
fn one_name_per_meaning_and_no_second_names() {
    let mut types: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut renames = Vec::new();
    for file in House::read().files {
        let mut v = Names { rel: file.rel.clone(), types: Vec::new(), renames: Vec::new(), module: Vec::new() };
        v.visit_file(&file.ast);
        for (name, rel) in v.types {
            types.entry(name).or_default().push(rel);
        }
        renames.extend(v.renames);
    }
    let twice: Vec<String> = types
        .iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(name, files)| format!("{name}: {}", files.join(", ")))
        .collect();
    assert!(renames.is_empty(), "second names for our own items:\n{}", renames.join("\n"));
    assert!(twice.is_empty(), "type names defined more than once:\n{}", twice.join("\n"));
}

/// The named fields of `struct name` in `file` (under `src/`).
fn fields_of(file: &str, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(file)).unwrap();
    let ast = syn::parse_file(&text).unwrap();
    ast.items
        .iter()
        .find_map(|i| match i {
            syn::Item::Struct(s) if s.ident == name => {
                Some(s.fields.iter().filter_map(|f| f.ident.as_ref().map(|i| i.to_string())).collect())
            }
            _ => None,
        })
        .unwrap_or_default()
}

struct FieldWrites<'a> {
    fields: &'a [String],
    rel: String,
    found: Vec<String>,
}

impl<'ast> Visit<'ast> for FieldWrites<'_> {
    fn visit_expr_assign(&mut self, e: &'ast syn::ExprAssign) {
        // `x.field = …` or `x.field.part = …`: the outermost field of the screen's state.
        let mut left = &*e.left;
        let mut outer = None;
        while let syn::Expr::Field(f) = left {
            if let syn::Member::Named(n) = &f.member {
                outer = Some(n.to_string());
            }
            left = &f.base;
        }
        if let Some(name) = outer.filter(|n| self.fields.contains(n)) {
            self.found.push(format!("{}:{} sets `{name}`", self.rel, e.span().start().line));
        }
        syn::visit::visit_expr_assign(self, e);
    }
}

/// Issue 22: tests reach the screens' state through messages (`update`), never by setting a field
/// of `App`, `SystemApp` or `PairApp` directly.
#[test]
fn tests_reach_the_screens_state_through_messages() {
    let mut fields = fields_of("tui/app.rs", "App");
    fields.extend(fields_of("tui/system/mod.rs", "SystemApp"));
    fields.extend(fields_of("tui/pair.rs", "PairApp"));
    assert!(fields.len() > 50, "read the state's fields: {}", fields.len());
    // Fields of other things that share a name are told apart by what they are set to in practice;
    // a record's or a request's own fields are not the screen's state.
    let others = ["adr", "title", "context", "deciders", "status", "answers", "notes", "revisions", "who"];
    let fields: Vec<String> = fields.into_iter().filter(|f| !others.contains(&f.as_str())).collect();
    // The reader can fail: a planted write is found.
    let planted = syn::parse_file("fn f(a: &mut App) { a.preview = None; a.ctx.size = (1, 1); }").unwrap();
    let mut v = FieldWrites { fields: &fields, rel: "planted.rs".into(), found: Vec::new() };
    v.visit_file(&planted);
    assert_eq!(v.found, ["planted.rs:1 sets `preview`", "planted.rs:1 sets `ctx`"]);
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut found = Vec::new();
    for file in walk(&tests) {
        let rel = file.strip_prefix(&tests).unwrap().display().to_string();
        let Ok(ast) = syn::parse_file(&std::fs::read_to_string(&file).unwrap()) else { continue };
        let mut v = FieldWrites { fields: &fields, rel, found: Vec::new() };
        v.visit_file(&ast);
        found.extend(v.found);
    }
    assert!(found.is_empty(), "tests set the screens' state directly:\n{}", found.join("\n"));
}
