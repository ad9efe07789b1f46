//! Bounds checks hoisted out of reverse loops.
//!
//! The reverse sweep of `for j in lo..hi { s += a[base + j] * x[j]; }` reads `a[base + j]`
//! and `x[j]` again and adds into `__d_a[base + j]` and `__d_x[j]`: four bounds checks per
//! iteration, which also keep LLVM from vectorising the loop. Each of those accesses runs in
//! every iteration, so the loop as printed panics unless `base + hi <= a.len()`. Checking
//! that once, by slicing a view `&a[base..][..hi]` before the loop and indexing the view by
//! `j`, changes nothing but where an impossible panic would happen, and rustc then proves
//! every index in bounds:
//!
//! ```text
//! for j in lo..hi {                          if lo < hi {
//!     let __t1 = base + j;                       let __view4_0 = &mut __d_a[base..][..hi];
//!     let __t2 = a[__t1];                        let __view4_1 = &a[base..][..hi];
//!     …                                ==>       for j in lo..hi {
//!     __d_a[__t1] += __d_t2;                         let __t2 = __view4_1[j];
//! }                                                  …
//!                                                    __view4_0[j] += __d_t2;
//!                                                }
//!                                            }
//! ```
//!
//! The rewrite works on the printed body, so it sees every use of a buffer: a buffer (or a
//! struct field, `__d_model.out.w`) gets a view only if *every* mention of it, or of a path
//! that overlaps it, in the body is an index of that form with the same `base`, at least one
//! of them runs unconditionally, and `base` cannot change while the loop runs (its names are
//! immutable and bound outside the loop; temporaries of the body it goes through are replaced
//! by their values). Anything else (a whole-buffer use, a method call, an index the analysis
//! cannot read, a primal buffer the reverse sweep writes) leaves the buffer as it was, so the
//! rewrite can only drop checks, never add a borrow conflict or change an index. The guard
//! `lo < hi` keeps an empty loop from slicing at all. One difference remains, in release builds
//! only: an offset that wraps around (`k - 1` at `k = 0`, brought back in range by `+ j`)
//! indexes the primal fine but makes the view panic; a debug build panics in the primal. A field's type is not known, so its view
//! is `runtime::private::Viewer`'s: a sub-slice of a `Vec`, an array or whatever the field
//! dereferences to, and for a type with its own `Index<usize>` an offset that indexes it as
//! before. Views are numbered (`__view{loop}_{k}`), never named after their buffer: `m.w` and
//! `m_w` would print alike.

use super::Emitter;
use crate::ir::{Kind, Loop, LoopHead, RangeLoop, StmtKind};
use crate::walk::each_stmt;
use proc_macro2::{Delimiter, Group, Ident, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};
use std::collections::{HashMap, HashSet};

/// One printed statement of a reverse block.
pub(super) struct Piece {
    pub tokens: TokenStream,
    /// A plain statement (no nested block): if it starts, it runs to its end.
    pub straight: bool,
}

impl Piece {
    pub fn straight(tokens: TokenStream) -> Piece {
        Piece { tokens, straight: true }
    }

    pub fn nested(tokens: TokenStream) -> Piece {
        Piece { tokens, straight: false }
    }
}

/// A buffer that gets a view: a variable (`a`, `__d_a`) or a field path (`__d_model.out.w`).
struct View {
    path: Path,
    /// The path as printed, from the root variable's own identifier (its hygiene included).
    place: TokenStream,
    /// The offset of index 0 of the view (`None`: the buffer's start).
    base: Option<TokenStream>,
    /// A `&mut` view (an adjoint).
    write: bool,
    /// The view's name.
    name: Ident,
}

/// A variable followed by field names.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Path {
    root: String,
    fields: Vec<String>,
}

impl Path {
    /// Whether one path is a prefix of the other: borrowing one borrows (part of) the other.
    fn overlaps(&self, other: &Path) -> bool {
        let n = self.fields.len().min(other.fields.len());
        self.root == other.root && self.fields[..n] == other.fields[..n]
    }

    /// The path printed from `root`, the root variable's identifier.
    fn tokens(&self, root: TokenStream) -> TokenStream {
        let fields = self.fields.iter().map(|f| crate::names::ident_from(f, Span::call_site()));
        quote!(#root #(.#fields)*)
    }
}

/// How one mention of a buffer indexes it.
struct Mention {
    /// The offset (`None`: the index is the loop variable itself).
    base: Option<TokenStream>,
    write: bool,
    /// Runs in every iteration (a plain statement, outside any block or short circuit).
    unconditional: bool,
}

/// A variable that may start a viewed path.
#[derive(Clone, Copy)]
struct Root {
    var: crate::ir::VarId,
    adjoint: bool,
    /// A slice, `Vec` or array itself (sliced directly); otherwise only its fields are
    /// viewed, through `Viewer`.
    buffer: bool,
}

impl Emitter<'_> {
    /// The reverse loop `for #index in #iter { #body }`, with views for the buffers it indexes
    /// by the loop variable (see the module documentation).
    pub(super) fn loop_with_views(
        &self,
        l: &Loop,
        range: &RangeLoop,
        iter: TokenStream,
        body: Vec<Piece>,
    ) -> TokenStream {
        let Some(index) = range.index.map(|v| self.f.vars[v].name.clone()) else {
            let body = body.into_iter().map(|p| p.tokens);
            return quote!(for _ in #iter { #(#body)* });
        };
        let views = self.choose_views(l, &index, &body);
        if views.is_empty() {
            let body = body.into_iter().map(|p| p.tokens);
            return quote!(for #index in #iter { #(#body)* });
        }
        let before: Vec<TokenStream> = body.into_iter().map(|p| p.tokens).collect();
        let after = before.iter().map(|tokens| rewrite(tokens.clone(), &views, &index)).collect();
        let body = drop_replaced_lets(&before, after);
        let (start, end) = (self.operand(&range.start), self.operand(&range.end));
        let (guard, upto) = if range.inclusive {
            (quote!(#start <= #end), quote!(..=#end))
        } else {
            (quote!(#start < #end), quote!(..#end))
        };
        let decls = views.iter().map(|v| view_decl(v, &upto));
        let fallback = views.iter().any(|v| !v.path.fields.is_empty()).then(|| {
            let traits = crate::private::Item::ViewerTraits;
            quote!(
                #[allow(unused_imports)]
                use #traits;
            )
        });
        quote! {
            if #guard {
                #fallback
                #(#decls)*
                for #index in #iter { #(#body)* }
            }
        }
    }

    /// The buffers of `body` that can be indexed through a view.
    fn choose_views(&self, l: &Loop, index: &Ident, body: &[Piece]) -> Vec<View> {
        let roots = self.roots();
        let temps = index_temps(body);
        let mut mentions: Vec<(Path, Option<Mention>)> = Vec::new();
        for piece in body {
            let unconditional = piece.straight && !has_short_circuit(&piece.tokens);
            scan(&piece.tokens, unconditional, &roots, &temps, index, &mut mentions);
        }
        let invariant = self.invariant_names(l, body, &temps);
        let mut candidates: Vec<&Path> = mentions.iter().filter(|(_, m)| m.is_some()).map(|(p, _)| p).collect();
        candidates.sort();
        candidates.dedup();
        // Adjoints first: a primal field gets a view only beside its adjoint's (below).
        candidates.sort_by_key(|p| !roots[&p.root].adjoint);
        let mut views = Vec::new();
        for path in candidates {
            let root = roots[&path.root];
            if path.fields.is_empty() && !root.buffer {
                continue;
            }
            // A field's type is not known. One that carries a gradient is a `Vec`, an array
            // or a type of the user's with `Differentiable` and `Index<usize>`, which `Viewer`
            // all handles; any other (an `Rc<[f64]>` of constants, indexed through `Deref`)
            // keeps its indexing.
            let twin = Path { root: self.adjoint_name(root.var).to_string(), fields: path.fields.clone() };
            if !path.fields.is_empty() && !root.adjoint && !views.iter().any(|v: &View| v.path == twin) {
                continue;
            }
            // Every mention that borrows any part of the path must be one of its indexings.
            let overlapping: Vec<&(Path, Option<Mention>)> =
                mentions.iter().filter(|(p, _)| p.overlaps(path)).collect();
            let exact: Vec<&Mention> =
                overlapping.iter().filter(|(p, _)| p == path).filter_map(|(_, m)| m.as_ref()).collect();
            if exact.len() != overlapping.len() {
                continue;
            }
            let Some(first) = exact.first() else { continue };
            let printed = |m: &Mention| m.base.as_ref().map(ToString::to_string);
            let same_base = exact.iter().all(|m| printed(m) == printed(first));
            let anchored = exact.iter().any(|m| m.unconditional);
            let write = exact.iter().any(|m| m.write);
            let base_ok = first.base.as_ref().is_none_or(|b| invariant_tokens(b, &invariant));
            // A primal buffer written in the reverse sweep (a restored element) keeps its
            // own indexing: a `&mut` view of it could conflict with other borrows. Adjoints
            // are always `let mut` and always get `&mut` views.
            if same_base && anchored && base_ok && (root.adjoint || !write) {
                // Numbered, not named after the buffer: `m.w` and `m_w`, `x` and `_x`, `__d_x`
                // and a user's `d_x` would share a name, and the second view shadow the first.
                let name = format_ident!("__view{}_{}", l.id, views.len());
                let root_ident = if root.adjoint { self.adjoint_name(root.var) } else { self.name(root.var) };
                let place = path.tokens(root_ident);
                views.push(View { path: path.clone(), place, base: first.base.clone(), write: root.adjoint, name });
            }
        }
        views
    }

    /// The variables, primal and adjoint as printed, that may start a viewed path: buffers,
    /// structs and values of unknown shape (never floats or integers).
    fn roots(&self) -> HashMap<String, Root> {
        let mut out = HashMap::new();
        for (v, var) in self.f.vars.iter().enumerate() {
            let kind = self.facts.kinds[v];
            if kind.is_scalar() || kind.is_constant() {
                continue;
            }
            let buffer = matches!(kind, Kind::Buffer(_));
            out.insert(var.name.to_string(), Root { var: v, adjoint: false, buffer });
            out.insert(self.adjoint_name(v).to_string(), Root { var: v, adjoint: true, buffer });
        }
        out
    }

    /// Names that keep their value while the loop runs: immutable variables bound outside
    /// it. A name the body mentions outside an index (where it might be bound again) is left
    /// out, which only costs a view.
    fn invariant_names(&self, l: &Loop, body: &[Piece], temps: &HashMap<String, Vec<TokenTree>>) -> HashSet<String> {
        let mut inside = HashSet::new();
        if let LoopHead::Range(r) = &l.head {
            inside.extend(r.index);
        }
        each_stmt(&l.body, &mut |stmt| match &stmt.kind {
            StmtKind::Let { var, .. } | StmtKind::Declare { var } => {
                inside.insert(*var);
            }
            StmtKind::Loop(inner) => {
                if let LoopHead::Range(r) = &inner.head {
                    inside.extend(r.index);
                }
                inside.extend(inner.count);
                inside.extend(inner.exit);
            }
            StmtKind::If(i) => {
                inside.insert(i.record);
            }
            _ => {}
        });
        let mut elsewhere = HashSet::new();
        for piece in body {
            mentions_outside_indices(&piece.tokens, temps, &mut elsewhere);
        }
        self.f
            .vars
            .iter()
            .enumerate()
            .filter(|(v, var)| !var.mutable && !inside.contains(v))
            .map(|(_, var)| var.name.to_string())
            .filter(|name| !elsewhere.contains(name))
            .collect()
    }
}

/// `let __view3_0 = &a[base..][..hi];`, or through `Viewer` for a struct field (whose type
/// decides what the view is, see `runtime::private::views`).
fn view_decl(view: &View, upto: &TokenStream) -> TokenStream {
    let (name, place) = (&view.name, &view.place);
    let borrow = if view.write { quote!(&mut) } else { quote!(&) };
    match (&view.base, view.path.fields.is_empty()) {
        // `..` binds loosest: `a[i * m..]` is `a[(i * m)..]`.
        (Some(base), true) => quote!(let #name = #borrow #place[#base..][#upto];),
        (None, true) => quote!(let #name = #borrow #place[#upto];),
        (base, false) => {
            let base = base.clone().unwrap_or_else(|| quote!(0));
            let source = format_ident!("__source{}", name.to_string().trim_start_matches("__view"));
            let window = if view.write { quote!(__backprop_window) } else { quote!(__backprop_window_ref) };
            // `mut` for the fallback `Offset`, which is indexed through `IndexMut`.
            let viewer = crate::private::Item::Viewer;
            quote! {
                let mut #source = #viewer(#borrow #place);
                let mut #name = #source.#window(#base, #upto);
            }
        }
    }
}

/// The names bound by plain `let name = …;` statements of the body, with their values (an
/// index is often such a temporary: `let __t1 = i * m + j; … a[__t1]`).
fn index_temps(body: &[Piece]) -> HashMap<String, Vec<TokenTree>> {
    body.iter().filter(|p| p.straight).filter_map(|p| plain_let(&p.tokens)).collect()
}

/// `let name = value;` → `(name, value)`.
fn plain_let(tokens: &TokenStream) -> Option<(String, Vec<TokenTree>)> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    match trees.as_slice() {
        [TokenTree::Ident(kw), TokenTree::Ident(name), TokenTree::Punct(eq), rest @ .., TokenTree::Punct(semi)]
            if kw == "let"
                && name != "mut"
                && eq.as_char() == '='
                && eq.spacing() == Spacing::Alone
                && semi.as_char() == ';' =>
        {
            Some((name.to_string(), rest.to_vec()))
        }
        _ => None,
    }
}

/// `after` without the plain `let`s that only the rewritten indices used (index temporaries
/// the views replaced, and the temporaries only those used): mentioned elsewhere in `before`,
/// nowhere else in `after`.
fn drop_replaced_lets(before: &[TokenStream], mut after: Vec<TokenStream>) -> Vec<TokenStream> {
    let used_elsewhere = |body: &[TokenStream], name: &str| {
        let defining = |t: &TokenStream| plain_let(t).is_some_and(|(n, _)| n == name);
        body.iter().any(|t| !defining(t) && mentions(t, name))
    };
    loop {
        let replaced = |t: &TokenStream| {
            plain_let(t).is_some_and(|(name, _)| used_elsewhere(before, &name) && !used_elsewhere(&after, &name))
        };
        let Some(k) = after.iter().position(replaced) else { return after };
        after.remove(k);
    }
}

/// Whether `tokens` contain the identifier `name`.
fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Ident(id) => id == name,
        TokenTree::Group(g) => mentions(&g.stream(), name),
        _ => false,
    })
}

/// Whether evaluation may skip part of the tokens: `&&`, `||`, closures, `?`, blocks.
fn has_short_circuit(tokens: &TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    trees.iter().enumerate().any(|(i, t)| match t {
        TokenTree::Punct(p) => match p.as_char() {
            '|' | '?' => true,
            '&' => {
                p.spacing() == Spacing::Joint
                    && matches!(trees.get(i + 1), Some(TokenTree::Punct(q)) if q.as_char() == '&')
            }
            _ => false,
        },
        TokenTree::Group(g) => g.delimiter() == Delimiter::Brace || has_short_circuit(&g.stream()),
        TokenTree::Ident(id) => {
            ["if", "match", "return", "break", "continue", "loop", "while", "for"].iter().any(|k| id == k)
        }
        TokenTree::Literal(_) => false,
    })
}

/// Records every mention of a root in `tokens`: its path, and how it is indexed if it is
/// `path[base + index]` (or `path[index + base]`, `path[index]`, or a temporary bound to one
/// of those). `unconditional`: the tokens run in every iteration (nested blocks never do).
fn scan(
    tokens: &TokenStream,
    unconditional: bool,
    roots: &HashMap<String, Root>,
    temps: &HashMap<String, Vec<TokenTree>>,
    index: &Ident,
    out: &mut Vec<(Path, Option<Mention>)>,
) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(g) => {
                let inner_unconditional = unconditional && g.delimiter() == Delimiter::Parenthesis;
                scan(&g.stream(), inner_unconditional, roots, temps, index, out);
            }
            TokenTree::Ident(id) if roots.contains_key(&id.to_string()) && !after_path(&trees, i) => {
                let (path, next) = path_at(&trees, i);
                let mention = mention_at(&trees, i, next, unconditional, temps, index);
                out.push((path, mention));
            }
            _ => {}
        }
    }
}

/// The path starting at `trees[i]` (`m`, `m.out.w`; a method name ends it) and the position
/// after it.
fn path_at(trees: &[TokenTree], i: usize) -> (Path, usize) {
    let mut path = Path { root: trees[i].to_string(), fields: Vec::new() };
    let mut k = i + 1;
    while let (Some(TokenTree::Punct(dot)), Some(TokenTree::Ident(field))) = (trees.get(k), trees.get(k + 1)) {
        let call = matches!(trees.get(k + 2), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis);
        if dot.as_char() != '.' || call {
            break;
        }
        path.fields.push(field.to_string());
        k += 2;
    }
    (path, k)
}

/// Whether `trees[i]` is a field or path segment (`.w`, `::x`), not a variable.
fn after_path(trees: &[TokenTree], i: usize) -> bool {
    matches!(i.checked_sub(1).map(|p| &trees[p]), Some(TokenTree::Punct(p)) if matches!(p.as_char(), '.' | ':'))
}

/// How the path from `trees[i]` to `trees[next]` is indexed, if by the loop variable.
fn mention_at(
    trees: &[TokenTree],
    i: usize,
    next: usize,
    unconditional: bool,
    temps: &HashMap<String, Vec<TokenTree>>,
    index: &Ident,
) -> Option<Mention> {
    let TokenTree::Group(group) = trees.get(next)? else { return None };
    if group.delimiter() != Delimiter::Bracket {
        return None;
    }
    let written: Vec<TokenTree> = group.stream().into_iter().collect();
    let idx = match written.as_slice() {
        [TokenTree::Ident(t)] if temps.contains_key(&t.to_string()) => temps[&t.to_string()].clone(),
        _ => written,
    };
    let base = match offset_of(&idx, index)? {
        Some(base) => {
            let mut base = expand_temps(&base, temps, 8);
            if let [TokenTree::Group(g)] = base.as_slice()
                && g.delimiter() == Delimiter::Parenthesis
            {
                base = g.stream().into_iter().collect();
            }
            if !arithmetic_only(&base, true) {
                return None;
            }
            Some(base)
        }
        None => None,
    };
    let borrowed_mut = i >= 2
        && matches!((&trees[i - 2], &trees[i - 1]), (TokenTree::Punct(p), TokenTree::Ident(m)) if p.as_char() == '&' && m == "mut");
    let write = borrowed_mut || assigns(&trees[next + 1..]);
    Some(Mention { base: base.map(|b| b.into_iter().collect()), write, unconditional })
}

/// Whether the tokens after `buffer[index]` may write the element: the place goes on
/// (`[j]`, `.field`) into an assignment (`=`, `+=`, `-=`, `*=`, `/=`) or a method call,
/// which may take `&mut self`.
fn assigns(after: &[TokenTree]) -> bool {
    match after {
        [TokenTree::Group(g), rest @ ..] if g.delimiter() == Delimiter::Bracket => assigns(rest),
        [TokenTree::Punct(dot), TokenTree::Ident(_), TokenTree::Group(g), ..]
            if dot.as_char() == '.' && g.delimiter() == Delimiter::Parenthesis =>
        {
            true
        }
        [TokenTree::Punct(dot), TokenTree::Ident(_) | TokenTree::Literal(_), rest @ ..] if dot.as_char() == '.' => {
            assigns(rest)
        }
        [TokenTree::Punct(eq), ..] if eq.as_char() == '=' => eq.spacing() == Spacing::Alone,
        [TokenTree::Punct(op), TokenTree::Punct(eq), ..] if matches!(op.as_char(), '+' | '-' | '*' | '/' | '%') => {
            op.spacing() == Spacing::Joint && eq.as_char() == '='
        }
        _ => false,
    }
}

/// For an index `index`, `base + index` or `index + base`: `Some(None)`, `Some(Some(base))`.
/// The sum must be the top operation, so `base` may hold only operators that bind at least as
/// tightly as `+` (`a * m + j`, `a - b + j`; not `j + a - b` or `a << b + j`).
fn offset_of(idx: &[TokenTree], index: &Ident) -> Option<Option<Vec<TokenTree>>> {
    let is_index = |t: &[TokenTree]| matches!(t, [TokenTree::Ident(id)] if id == index);
    if is_index(idx) {
        return Some(None);
    }
    let plus = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.as_char() == '+' && p.spacing() == Spacing::Alone);
    let last = idx.iter().rposition(plus)?;
    if is_index(&idx[last + 1..]) && arithmetic_only(&idx[..last], true) {
        return Some(Some(idx[..last].to_vec()));
    }
    let first = idx.iter().position(plus)?;
    if is_index(&idx[..first]) && arithmetic_only(&idx[first + 1..], false) {
        return Some(Some(idx[first + 1..].to_vec()));
    }
    None
}

/// Whether tokens are names, integer literals, `as` casts, parentheses and `* / %` (and
/// `+ -` when `sums` allows them at the top level) — no calls, fields or other operators.
fn arithmetic_only(tokens: &[TokenTree], sums: bool) -> bool {
    !tokens.is_empty()
        && tokens.iter().enumerate().all(|(i, t)| match t {
            TokenTree::Ident(_) | TokenTree::Literal(_) => true,
            TokenTree::Punct(p) => match p.as_char() {
                '*' | '/' | '%' => p.spacing() == Spacing::Alone,
                '+' | '-' => sums && p.spacing() == Spacing::Alone,
                // A field (`layer.inputs`, `dims.0`), not a method call.
                '.' => {
                    matches!(tokens.get(i + 1), Some(TokenTree::Ident(_) | TokenTree::Literal(_)))
                        && !matches!(tokens.get(i + 2), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
                }
                _ => false,
            },
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                g.delimiter() == Delimiter::Parenthesis && arithmetic_only(&inner, true)
            }
        })
}

/// An offset with the body's temporaries replaced by their values (in parentheses), so that it
/// can be evaluated before the loop: `__t5` → `(o * (layer.inputs))`. Gives up (leaving a
/// name the invariance check rejects) after `depth` levels.
fn expand_temps(tokens: &[TokenTree], temps: &HashMap<String, Vec<TokenTree>>, depth: usize) -> Vec<TokenTree> {
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if depth > 0 && !after_dot(tokens, i) && temps.contains_key(&id.to_string()) => {
                let value = expand_temps(&temps[&id.to_string()], temps, depth - 1);
                // A name or a field path needs no parentheses; anything with an operator does.
                let operator = |t: &TokenTree| match t {
                    TokenTree::Punct(p) => p.as_char() != '.',
                    TokenTree::Ident(id) => id == "as",
                    _ => false,
                };
                if value.iter().any(operator) {
                    out.push(TokenTree::Group(Group::new(Delimiter::Parenthesis, value.into_iter().collect())));
                } else {
                    out.extend(value);
                }
            }
            TokenTree::Group(g) if depth > 0 => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let mut group = Group::new(g.delimiter(), expand_temps(&inner, temps, depth).into_iter().collect());
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            other => out.push(other.clone()),
        }
    }
    out
}

/// Whether `tokens[i]` follows a `.` (a field name, not a variable).
fn after_dot(tokens: &[TokenTree], i: usize) -> bool {
    matches!(i.checked_sub(1).map(|p| &tokens[p]), Some(TokenTree::Punct(p)) if p.as_char() == '.')
}

/// Whether every name in an offset keeps its value while the loop runs (`as` and integer
/// type names are not variables; a field of an invariant variable is invariant).
fn invariant_tokens(tokens: &TokenStream, invariant: &HashSet<String>) -> bool {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    trees.iter().enumerate().all(|(i, t)| match t {
        TokenTree::Ident(id) => {
            let s = id.to_string();
            after_dot(&trees, i) || invariant.contains(&s) || s == "as" || INTEGER_TYPES.contains(&s.as_str())
        }
        TokenTree::Group(g) => invariant_tokens(&g.stream(), invariant),
        _ => true,
    })
}

const INTEGER_TYPES: [&str; 12] =
    ["usize", "isize", "u8", "u16", "u32", "u64", "u128", "i8", "i16", "i32", "i64", "i128"];

/// Collects the names mentioned outside brackets and outside the right-hand sides of index
/// temporaries.
fn mentions_outside_indices(tokens: &TokenStream, temps: &HashMap<String, Vec<TokenTree>>, out: &mut HashSet<String>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    // `let __tK = …;` of an index temporary: only its name counts.
    if let [TokenTree::Ident(kw), TokenTree::Ident(name), ..] = trees.as_slice()
        && kw == "let"
        && temps.contains_key(&name.to_string())
    {
        out.insert(name.to_string());
        return;
    }
    for tree in &trees {
        match tree {
            TokenTree::Ident(id) => {
                out.insert(id.to_string());
            }
            TokenTree::Group(g) if g.delimiter() != Delimiter::Bracket => {
                mentions_outside_indices(&g.stream(), temps, out)
            }
            _ => {}
        }
    }
}

/// `tokens` with every indexing of a viewed path replaced by its view indexed by `index`.
fn rewrite(tokens: TokenStream, views: &[View], index: &Ident) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        if let TokenTree::Ident(_) = &trees[i]
            && !after_path(&trees, i)
        {
            let (path, next) = path_at(&trees, i);
            let indexed = matches!(trees.get(next), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket);
            if let Some(view) = views.iter().find(|v| v.path == path).filter(|_| indexed) {
                let name = &view.name;
                out.extend(quote!(#name[#index]));
                i = next + 1;
                continue;
            }
        }
        match &trees[i] {
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), rewrite(g.stream(), views, index));
                inner.set_span(g.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// The views (and field viewers) declared in the expansion of `f`, as `name=value`
    /// without spaces.
    fn views(f: proc_macro2::TokenStream) -> Vec<String> {
        let out = crate::differentiable(proc_macro2::TokenStream::new(), f).to_string();
        out.split("let ")
            .filter_map(|s| s.split(';').next())
            .map(|s| s.replace(' ', "").trim_start_matches("mut").to_owned())
            .filter(|s| {
                s.split('=').next().is_some_and(|name| name.starts_with("__view") || name.starts_with("__source"))
            })
            .collect()
    }

    #[test]
    fn rows_and_whole_buffers_read_in_every_iteration_get_views() {
        let got = views(quote! {
            fn f(a: &[f64], x: &[f64], n: usize) -> f64 {
                let m = x.len();
                let mut s = 0.0;
                for i in 0..n {
                    for j in 0..m {
                        s += a[i * m + j] * x[j];
                    }
                }
                s
            }
        });
        for want in ["=&a[i*m..][..m]", "=&mut__d_a[i*m..][..m]", "=&x[..m]"] {
            assert!(got.iter().any(|v| v.ends_with(want)), "{want} not in {got:?}");
        }
    }

    #[test]
    fn offsets_computed_in_the_body_from_invariant_fields_are_hoisted_with_their_values() {
        let got = views(quote! {
            fn f(w: &[f64], x: &[f64], dims: &Dims) -> f64 {
                let mut s = 0.0;
                for o in 0..dims.outputs {
                    for i in 0..dims.inputs {
                        s += w[o * dims.inputs + i] * x[i];
                    }
                }
                s
            }
        });
        assert!(got.iter().any(|v| v.contains("=&w[o*dims.inputs..]")), "{got:?}");
        // A method call is not known to keep its value: the offset stays in the loop.
        let got = views(quote! {
            fn f(w: &[f64], x: &[f64]) -> f64 {
                let mut s = 0.0;
                for o in 0..3 {
                    for i in 0..x.len() {
                        s += w[o * x.len() + i] * x[i];
                    }
                }
                s
            }
        });
        assert!(got.iter().all(|v| !v.contains("=&w[")), "{got:?}");
    }

    #[test]
    fn struct_fields_get_views_through_viewer_unless_the_struct_is_used_whole() {
        let got = views(quote! {
            fn f(m: &Model, x: &[f64]) -> f64 {
                let mut s = 0.0;
                for o in 0..m.b.len() {
                    for i in 0..m.inputs {
                        s += m.w[o * m.inputs + i] * x[i];
                    }
                    s += m.b[o];
                }
                s
            }
        });
        for want in [
            "__source0_0=::backprop::__private::Viewer::new(&mut__d_m.w)",
            "__view0_0=__source0_0.__backprop_window(o*m.inputs,..__t1)",
            "=::backprop::__private::Viewer::new(&m.w)",
            // `__d_m.b` in the outer loop is disjoint from `__d_m.w`: both get views.
            "__source1_0=::backprop::__private::Viewer::new(&mut__d_m.b)",
        ] {
            assert!(got.iter().any(|v| v.contains(want)), "{want} not in {got:?}");
        }
        let got = views(quote! {
            fn f(m: &Model, x: &[f64]) -> f64 {
                let mut s = 0.0;
                for i in 0..x.len() {
                    s += m.w[i] * x[i] + g(m);
                }
                s
            }
        });
        // `g(m)` adds into all of `__d_m`: its field keeps per-element indexing.
        assert!(got.iter().all(|v| !v.contains("&mut__d_m.w")), "{got:?}");
    }

    #[test]
    fn conditional_reads_changing_offsets_and_lower_operators_keep_their_checks() {
        let cases = [
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        if j < 3 {
                            s += x[j];
                        }
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        let k = j / 2;
                        s += x[k + j];
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut k = 1;
                    let mut s = 0.0;
                    for j in 0..n {
                        s += x[k + j];
                    }
                    k += 1;
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], a: usize, n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        s += x[j + a - 1];
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], a: usize, n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        s += x[a << 1 + j];
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in (0..n).step_by(2) {
                        s += x[j];
                    }
                    s
                }
            ),
            quote!(
                fn f(x: &[f64], n: usize) -> f64 {
                    let mut s = 0.0;
                    for j in 0..n {
                        s += x[j] * x[j + 1];
                    }
                    s
                }
            ),
        ];
        for case in cases {
            let got = views(case.clone());
            assert!(got.is_empty(), "{case}: {got:?}");
        }
    }
}
