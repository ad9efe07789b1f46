//! Code kept verbatim: renaming its local variables, finding which variables it reads, and
//! deciding whether it could carry a gradient at all.

use super::Lowerer;
use crate::ir::{Inactive, Kind, VarId};
use proc_macro2::{Group, TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;

/// Methods that never carry a gradient, whatever their receiver.
const CONSTANT_METHODS: &[&str] = &[
    "len",
    "is_empty",
    "nrows",
    "ncols",
    "dim",
    "raw_dim",
    "shape",
    "ndim",
    "is_square",
    "is_some",
    "is_none",
    "is_nan",
    "is_finite",
    "is_infinite",
    "is_normal",
    "is_subnormal",
    "is_sign_positive",
    "is_sign_negative",
    "to_bits",
    "classify",
    "partial_cmp",
    "total_cmp",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
];

/// Whether calling `name` as a method gives a value without gradient.
pub(super) fn is_constant_method(name: &str) -> bool {
    CONSTANT_METHODS.contains(&name)
}

impl Lowerer {
    /// Whether `expr` reads a local variable that may carry a gradient. If not, the whole
    /// expression is a constant and is copied verbatim.
    pub(super) fn may_be_active(&self, tokens: &impl ToTokens) -> bool {
        self.local_uses(&tokens.to_token_stream()).iter().any(|&v| !self.vars[v].kind.is_constant())
    }

    /// Local variables named anywhere in `tokens` (including inside macro calls).
    fn local_uses(&self, tokens: &TokenStream) -> Vec<VarId> {
        let mut uses = Vec::new();
        self.collect_uses(tokens, &mut uses);
        uses
    }

    fn collect_uses(&self, tokens: &TokenStream, uses: &mut Vec<VarId>) {
        let mut dots = Dots::default();
        for tt in tokens.clone() {
            match &tt {
                TokenTree::Ident(ident) if !dots.member() => {
                    if let Some(v) = self.lookup(&ident.to_string())
                        && !uses.contains(&v)
                    {
                        uses.push(v);
                    }
                }
                TokenTree::Group(group) => self.collect_uses(&group.stream(), uses),
                _ => {}
            }
            dots.after(&tt);
        }
    }

    /// Keeps `expr` verbatim, with local names rewritten to their unique names.
    pub(super) fn inactive(&self, expr: &syn::Expr) -> Inactive {
        let mut renamed = expr.clone();
        Renamer { cx: self }.visit_expr_mut(&mut renamed);
        let tokens = renamed.to_token_stream();
        Inactive { uses: self.local_uses(&expr.to_token_stream()), pure: is_pure(expr), tokens }
    }

    /// Keeps a whole statement verbatim.
    pub(super) fn inactive_stmt(&self, stmt: &syn::Stmt) -> Inactive {
        let mut renamed = stmt.clone();
        Renamer { cx: self }.visit_stmt_mut(&mut renamed);
        Inactive { uses: self.local_uses(&stmt.to_token_stream()), pure: false, tokens: renamed.to_token_stream() }
    }

    /// Renames local names in raw tokens (for macro arguments, which are not parsed).
    fn rename_tokens(&self, tokens: TokenStream) -> TokenStream {
        let mut dots = Dots::default();
        let mut out = TokenStream::new();
        for tt in tokens {
            let member = dots.member();
            dots.after(&tt);
            let renamed = match tt {
                TokenTree::Ident(ident) if !member => match self.lookup(&ident.to_string()) {
                    Some(v) => {
                        let mut name = self.vars[v].name.clone();
                        name.set_span(ident.span());
                        TokenTree::Ident(name)
                    }
                    None => TokenTree::Ident(ident),
                },
                TokenTree::Group(group) => {
                    let mut new = Group::new(group.delimiter(), self.rename_tokens(group.stream()));
                    new.set_span(group.span());
                    TokenTree::Group(new)
                }
                other => other,
            };
            out.extend([renamed]);
        }
        out
    }

    /// Kind of a verbatim expression's value, as far as its syntax tells.
    pub(super) fn kind_of_inactive(&self, expr: &syn::Expr) -> Kind {
        use syn::{BinOp, Expr, Lit};
        match expr {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Float(_) => Kind::Scalar,
                _ => Kind::Int,
            },
            Expr::Cast(cast) => super::signature::kind_of_type(&cast.ty),
            Expr::Binary(bin) => match bin.op {
                BinOp::Eq(_)
                | BinOp::Ne(_)
                | BinOp::Lt(_)
                | BinOp::Le(_)
                | BinOp::Gt(_)
                | BinOp::Ge(_)
                | BinOp::And(_)
                | BinOp::Or(_) => Kind::Int,
                _ => match (self.kind_of_inactive(&bin.left), self.kind_of_inactive(&bin.right)) {
                    (Kind::Scalar, _) | (_, Kind::Scalar) => Kind::Scalar,
                    (Kind::Int, Kind::Int) => Kind::Int,
                    _ => Kind::Unknown,
                },
            },
            Expr::Unary(unary) => match unary.op {
                syn::UnOp::Not(_) => Kind::Int,
                _ => self.kind_of_inactive(&unary.expr),
            },
            Expr::Paren(p) => self.kind_of_inactive(&p.expr),
            Expr::Group(g) => self.kind_of_inactive(&g.expr),
            Expr::Path(path) => match path.path.get_ident().and_then(|i| self.lookup(&i.to_string())) {
                Some(v) => self.vars[v].kind,
                None => Kind::Unknown,
            },
            Expr::MethodCall(call) => {
                let name = call.method.to_string();
                match crate::ops::by_method(&name) {
                    // A float method integers do not have gives a float.
                    Some(def) if !def.on_integers => Kind::Scalar,
                    Some(_) => Kind::Unknown,
                    None if is_constant_method(&name) => Kind::Int,
                    None => Kind::Unknown,
                }
            }
            _ => Kind::Unknown,
        }
    }
}

/// Rewrites local names to their unique names inside verbatim code.
struct Renamer<'a> {
    cx: &'a Lowerer,
}

impl VisitMut for Renamer<'_> {
    fn visit_expr_path_mut(&mut self, path: &mut syn::ExprPath) {
        if path.qself.is_none()
            && let Some(ident) = path.path.get_ident()
            && let Some(v) = self.cx.lookup(&ident.to_string())
        {
            let mut name = self.cx.vars[v].name.clone();
            name.set_span(ident.span());
            path.path = name.into();
        }
    }

    fn visit_field_value_mut(&mut self, field: &mut syn::FieldValue) {
        // `S { x }` must become `S { x: x_1 }` when `x` was renamed.
        if field.colon_token.is_none()
            && let syn::Member::Named(name) = &field.member
            && self.cx.lookup(&name.to_string()).is_some()
        {
            field.colon_token = Some(Default::default());
        }
        syn::visit_mut::visit_field_value_mut(self, field);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = self.cx.rename_tokens(mac.tokens.clone());
    }
}

/// Whether evaluating `expr` again has no effect and costs little: literals, names,
/// arithmetic, casts, field and index reads, `len()`.
fn is_pure(expr: &syn::Expr) -> bool {
    struct Purity(bool);
    impl<'ast> Visit<'ast> for Purity {
        fn visit_expr(&mut self, e: &'ast syn::Expr) {
            use syn::Expr;
            let ok = match e {
                Expr::Lit(_)
                | Expr::Path(_)
                | Expr::Paren(_)
                | Expr::Group(_)
                | Expr::Cast(_)
                | Expr::Field(_)
                | Expr::Index(_)
                | Expr::Reference(_)
                | Expr::Unary(_)
                | Expr::Tuple(_) => true,
                Expr::Binary(bin) => !is_assignment(&bin.op),
                Expr::MethodCall(call) => {
                    let name = call.method.to_string();
                    matches!(
                        name.as_str(),
                        "len"
                            | "is_empty"
                            | "min"
                            | "max"
                            | "pow"
                            | "abs"
                            | "clamp"
                            | "saturating_sub"
                            | "saturating_add"
                            | "wrapping_sub"
                            | "wrapping_add"
                            | "div_euclid"
                            | "rem_euclid"
                            | "abs_diff"
                    )
                }
                _ => false,
            };
            if ok {
                syn::visit::visit_expr(self, e);
            } else {
                self.0 = false;
            }
        }
    }
    let mut purity = Purity(true);
    purity.visit_expr(expr);
    purity.0
}

/// `&= |= ^= <<= >>=`: compound assignments that only integers and `bool`s have.
pub(super) fn is_bitwise_assignment(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, BitXorAssign(_) | BitAndAssign(_) | BitOrAssign(_) | ShlAssign(_) | ShrAssign(_))
}

/// Whether a binary operator assigns (`+=` and friends).
pub(crate) fn is_assignment(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// In raw tokens, whether the next identifier names a field or method (`a.b`, `a.b()`) rather
/// than a variable: it follows exactly one `.` (after `..` it is the end of a range).
#[derive(Default)]
struct Dots(usize);

impl Dots {
    fn member(&self) -> bool {
        self.0 == 1
    }

    fn after(&mut self, tt: &TokenTree) {
        self.0 = if matches!(tt, TokenTree::Punct(p) if p.as_char() == '.') { self.0 + 1 } else { 0 };
    }
}

/// The call `name(…)` inside `tokens` (nested groups included): the name and its argument
/// list, for an error that points at the call rather than at the whole expression.
pub(super) fn call_of(tokens: TokenStream, name: &proc_macro2::Ident) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (k, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == name => {
                if let Some(TokenTree::Group(args)) = trees.get(k + 1)
                    && args.delimiter() == proc_macro2::Delimiter::Parenthesis
                {
                    return Some(TokenStream::from_iter([tree.clone(), trees[k + 1].clone()]));
                }
            }
            TokenTree::Group(group) => {
                if let Some(call) = call_of(group.stream(), name) {
                    return Some(call);
                }
            }
            _ => {}
        }
    }
    None
}
