//! The transform never panics and never hangs, whatever tokens it is given.
//!
//! Two sources of input, half the iterations each:
//! * the corpus, every function in the repository's gradient test suites (valid input the
//!   macro accepts) and every compile-fail case (input it rejects), with its tokens mutated
//!   (delete, duplicate, swap, replace an identifier, punctuation or literal, cut a group
//!   open, splice in tokens from another function);
//! * functions drawn from a grammar of Rust statements and expressions (`Grammar` below):
//!   always valid syntax, often nonsense to the type checker (unknown names, integers where
//!   floats belong, closures, references), so that they reach past the parser into every
//!   phase of the transform; a quarter of them are mutated as well.
//!
//! The expansion must return tokens — an expansion or a `compile_error!` — within a time bound.
//!
//! CI runs a fixed number of iterations; any count and seed:
//! `BACKPROP_FUZZ_ITERATIONS=1000000 BACKPROP_FUZZ_SEED=7 cargo test -p backprop-codegen --release --test never_panics -- --nocapture`

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

/// Iterations when the environment does not say.
const DEFAULT_ITERATIONS: u64 = 10_000;
/// What counts as a hang: a 200-line function expands in a few milliseconds, so this only
/// catches runaway (exponential) expansions. It is not a speed bound: a loaded 2-core CI
/// machine once took 790 ms on one input, so the bound is far above anything that load gives.
const TIME_LIMIT: Duration = Duration::from_secs(5);

/// A small deterministic generator (SplitMix64), so a failure is reproduced by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every function (with its attributes) in the test suites and compile-fail cases.
fn corpus() -> Vec<TokenStream> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests");
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("ui")] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "rs")));
        }
    }
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let Ok(file) = syn::parse_file(&text) else { continue };
        collect_functions(&file.items, &mut out);
    }
    out
}

fn collect_functions(items: &[syn::Item], out: &mut Vec<TokenStream>) {
    use quote::ToTokens;
    for item in items {
        match item {
            syn::Item::Fn(f) => out.push(without_attributes(f.to_token_stream())),
            syn::Item::Impl(block) => {
                for it in &block.items {
                    if let syn::ImplItem::Fn(f) = it {
                        out.push(without_attributes(f.to_token_stream()));
                    }
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    collect_functions(items, out);
                }
            }
            syn::Item::Struct(_) | syn::Item::Enum(_) => out.push(item.to_token_stream()),
            _ => {}
        }
    }
}

/// The item without its outer `#[...]` attributes (the macro receives it that way).
fn without_attributes(tokens: TokenStream) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    while trees.len() >= 2
        && matches!(&trees[0], TokenTree::Punct(p) if p.as_char() == '#')
        && matches!(&trees[1], TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket)
    {
        trees.drain(..2);
    }
    trees.into_iter().collect()
}

/// Arguments the attribute may get.
fn attribute_args(rng: &mut Rng) -> TokenStream {
    let choices =
        ["", "wrt(x)", "wrt(x, y)", "wrt(self)", "wrt()", "wrt", "wrt(1)", "foo(x)", "wrt(x) wrt(y)", "wrt(x,,)"];
    choices[rng.below(choices.len())].parse().unwrap_or_default()
}

/// Flattens a token tree into a list of leaves with their path of enclosing groups.
fn mutate(tokens: &TokenStream, donor: &TokenStream, rng: &mut Rng) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    if trees.is_empty() {
        return tokens.clone();
    }
    // Half the time, descend into a group and mutate inside it.
    let i = rng.below(trees.len());
    if let TokenTree::Group(g) = &trees[i]
        && rng.below(2) == 0
    {
        let inner = mutate(&g.stream(), donor, rng);
        let mut new = Group::new(g.delimiter(), inner);
        new.set_span(g.span());
        trees[i] = TokenTree::Group(new);
        return trees.into_iter().collect();
    }
    let donor_trees: Vec<TokenTree> = donor.clone().into_iter().collect();
    match rng.below(9) {
        0 => {
            trees.remove(i);
        }
        1 => {
            let t = trees[i].clone();
            trees.insert(i, t);
        }
        2 => {
            let j = rng.below(trees.len());
            trees.swap(i, j);
        }
        3 => trees[i] = TokenTree::Ident(Ident::new(random_ident(rng), Span::call_site())),
        4 => trees[i] = TokenTree::Punct(Punct::new(random_punct(rng), Spacing::Alone)),
        5 => trees[i] = TokenTree::Literal(random_literal(rng)),
        6 => {
            // Open a group: its contents spill into the surrounding stream.
            if let TokenTree::Group(g) = trees.remove(i) {
                for (k, t) in g.stream().into_iter().enumerate() {
                    trees.insert(i + k, t);
                }
            }
        }
        7 => {
            if !donor_trees.is_empty() {
                let t = donor_trees[rng.below(donor_trees.len())].clone();
                trees.insert(i, t);
            }
        }
        _ => trees.truncate(i),
    }
    trees.into_iter().collect()
}

fn random_ident(rng: &mut Rng) -> &'static str {
    const IDENTS: &[&str] = &[
        "x", "y", "self", "Self", "f64", "f32", "usize", "sin", "max", "iter", "map", "sum", "len", "vec", "return",
        "break", "continue", "loop", "while", "for", "in", "if", "else", "let", "mut", "match", "fn", "unsafe",
        "async", "move", "ref", "clone", "push", "wrt", "impl", "dyn", "where", "as", "Vec", "_", "Tensor", "powi",
        "fold",
    ];
    IDENTS[rng.below(IDENTS.len())]
}

fn random_punct(rng: &mut Rng) -> char {
    const PUNCTS: &[char] =
        &['+', '-', '*', '/', '%', '=', '<', '>', '!', '&', '|', '^', '.', ',', ';', ':', '#', '?', '@', '~', '$'];
    PUNCTS[rng.below(PUNCTS.len())]
}

fn random_literal(rng: &mut Rng) -> Literal {
    match rng.below(5) {
        0 => Literal::f64_unsuffixed(1.5),
        1 => Literal::usize_unsuffixed(rng.below(10)),
        2 => Literal::string("s"),
        3 => Literal::f32_suffixed(0.0),
        _ => Literal::i64_suffixed(-3),
    }
}

#[test]
fn arbitrary_mutations_never_panic_or_hang() {
    let iterations =
        std::env::var("BACKPROP_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_ITERATIONS);
    let seed = std::env::var("BACKPROP_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let corpus = corpus();
    assert!(corpus.len() > 100, "the corpus holds only {} functions", corpus.len());
    let mut rng = Rng(seed);
    let mut slowest = Duration::ZERO;
    let mut expanded = 0u64;
    let mut grammar_functions = 0u64;
    for iteration in 0..iterations {
        let donor = &corpus[rng.below(corpus.len())];
        let mut must_expand = false;
        let (mut item, mutations) = if rng.below(2) == 0 {
            (corpus[rng.below(corpus.len())].clone(), 1 + rng.below(4))
        } else {
            grammar_functions += 1;
            let well_typed = rng.below(2) == 0;
            let text = Grammar { rng: &mut rng, depth: 0, well_typed }.function();
            let mutations = if rng.below(4) == 0 { 1 } else { 0 };
            must_expand = well_typed && mutations == 0;
            (text.parse().unwrap_or_default(), mutations)
        };
        for _ in 0..mutations {
            item = mutate(&item, donor, &mut rng);
        }
        let args = if must_expand { TokenStream::new() } else { attribute_args(&mut rng) };
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if !must_expand && rng.below(10) == 0 {
                backprop_codegen::derive_differentiable(item.clone())
            } else {
                backprop_codegen::differentiable(args.clone(), item.clone())
            }
        }));
        let took = start.elapsed();
        slowest = slowest.max(took);
        match outcome {
            Err(_) => panic!("iteration {iteration} (seed {seed}) panicked on #[differentiable({args})]\n{item}"),
            Ok(tokens) => {
                let error = is_error(&tokens);
                // A well-typed function from the grammar is valid input: it must be accepted.
                assert!(
                    !(must_expand && error),
                    "iteration {iteration} (seed {seed}): a valid function was rejected:\n{item}\n{tokens}"
                );
                expanded += u64::from(!error);
            }
        }
        assert!(took < TIME_LIMIT, "iteration {iteration} (seed {seed}) took {took:?} on\n{item}");
    }
    println!(
        "{iterations} inputs (seed {seed}): {grammar_functions} drawn from the grammar, the rest mutated from {} corpus functions; no panic; {expanded} expanded into gradients, the rest gave compile errors; slowest expansion {slowest:?}",
        corpus.len()
    );
}

/// Random functions from a small grammar of statements and expressions, as source text.
/// Half of them are *well-typed* (only the names and methods a differentiable function may
/// use), so that they get through every phase; the other half mix in nonsense.
struct Grammar<'a> {
    rng: &'a mut Rng,
    depth: usize,
    well_typed: bool,
}

impl Grammar<'_> {
    const NAMES: &'static [&'static str] = &["x", "y", "v", "n", "acc", "buf", "i", "m", "self", "unknown"];
    const METHODS: &'static [(&'static str, usize)] = &[
        ("sin", 0),
        ("exp", 0),
        ("ln", 0),
        ("sqrt", 0),
        ("abs", 0),
        ("tanh", 0),
        ("powi", 1),
        ("powf", 1),
        ("max", 1),
        ("min", 1),
        ("atan2", 1),
        ("hypot", 1),
        ("mul_add", 2),
        ("clamp", 2),
        ("len", 0),
        ("clone", 0),
        ("iter", 0),
        ("sum", 0),
        ("floor", 0),
        ("signum", 0),
        ("frobnicate", 1),
        ("forward", 1),
    ];

    fn pick<'s>(&mut self, list: &[&'s str]) -> &'s str {
        list[self.rng.below(list.len())]
    }

    fn function(&mut self) -> String {
        if self.well_typed {
            let stmts: String = (0..1 + self.rng.below(6)).map(|_| self.stmt()).collect();
            return format!(
                "fn f(x: f64, v: &[f64], n: usize) -> f64 {{ let mut acc = x; let mut buf = vec![0.0; n]; {stmts} acc + {} }}",
                self.expr()
            );
        }
        let params = ["x: f64", "y: f32", "v: &[f64]", "n: usize", "m: &Model", "buf: Vec<f64>", "&self", "k: i32"];
        let count = 1 + self.rng.below(4);
        let mut chosen: Vec<&str> = (0..count).map(|_| self.pick(&params)).collect();
        chosen.dedup();
        let ret = self.pick(&["f64", "f32", "Vec<f64>", "(f64, f64)", "[f64; 2]", "usize", "Model"]);
        let stmts: String = (0..1 + self.rng.below(6)).map(|_| self.stmt()).collect();
        format!("fn f({}) -> {ret} {{ {stmts} {} }}", chosen.join(", "), self.expr())
    }

    fn block(&mut self) -> String {
        self.depth += 1;
        let stmts: String = (0..self.rng.below(3)).map(|_| self.stmt()).collect();
        let tail = if self.rng.below(2) == 0 { self.expr() } else { String::new() };
        self.depth -= 1;
        format!("{{ {stmts} {tail} }}")
    }

    fn stmt(&mut self) -> String {
        if self.well_typed {
            return self.typed_stmt();
        }
        let nested = self.depth < 3;
        match self.rng.below(if nested { 12 } else { 6 }) {
            0 => format!("let {} = {};", self.pick(Self::NAMES), self.expr()),
            1 => format!("let mut {}: f64 = {};", self.pick(Self::NAMES), self.expr()),
            2 => format!("{} = {};", self.place(), self.expr()),
            3 => format!("{} {} {};", self.place(), self.pick(&["+=", "-=", "*=", "/="]), self.expr()),
            4 => format!("{}.push({});", self.pick(Self::NAMES), self.expr()),
            5 => format!("{};", self.expr()),
            6 => format!("if {} {} else {}", self.condition(), self.block(), self.block()),
            7 => {
                let range = self.pick(&["0..n", "0..v.len()", "(0..3).rev()", "(1..=n).step_by(2)", "v.iter()"]);
                format!("for {} in {range} {}", self.pick(&["i", "j", "&e", "(i, e)"]), self.block())
            }
            8 => format!("while {} {}", self.condition(), self.block()),
            9 => format!("if {} {{ return {}; }}", self.condition(), self.expr()),
            10 => format!("loop {{ {} break; }}", self.stmt()),
            _ => format!("{{ {} }}", self.stmt()),
        }
    }

    fn place(&mut self) -> String {
        match self.rng.below(3) {
            0 => format!("{}[{}]", self.pick(Self::NAMES), self.index()),
            1 => format!("{}.{}", self.pick(Self::NAMES), self.pick(&["w", "b", "0", "shape"])),
            _ => self.pick(Self::NAMES).to_string(),
        }
    }

    fn index(&mut self) -> String {
        self.pick(&["i", "0", "i + 1", "n - 1", "i * n + j", "k as usize", "1..3", ".."]).to_string()
    }

    fn condition(&mut self) -> String {
        let op = self.pick(&["<", ">", "<=", "==", "!="]);
        format!("{} {op} {}", self.expr(), self.expr())
    }

    fn expr(&mut self) -> String {
        if self.well_typed {
            return self.typed_expr();
        }
        if self.depth > 4 {
            return self.leaf();
        }
        self.depth += 1;
        let e = match self.rng.below(14) {
            0..=2 => self.leaf(),
            3 | 4 => format!("{} {} {}", self.expr(), self.pick(&["+", "-", "*", "/", "%", "&&"]), self.expr()),
            5 => format!("-{}", self.expr()),
            6 | 7 => {
                let (name, arity) = Self::METHODS[self.rng.below(Self::METHODS.len())];
                let args: Vec<String> = (0..arity).map(|_| self.expr()).collect();
                format!("({}).{name}({})", self.expr(), args.join(", "))
            }
            8 => format!("{}[{}]", self.pick(Self::NAMES), self.index()),
            9 => format!("{}({})", self.pick(&["g", "f64::sin", "helper", "m.forward", "Self::g"]), self.expr()),
            10 => format!("{} as {}", self.expr(), self.pick(&["f64", "f32", "usize", "i32"])),
            11 => format!("if {} {} else {}", self.condition(), self.block(), self.block()),
            12 => self.pick(&["vec![0.0; n]", "vec![x, y]", "[x; 2]", "(x, y)", "&v[1..]", "|t| t * x"]).to_string(),
            _ => format!("({})", self.expr()),
        };
        self.depth -= 1;
        e
    }

    fn typed_stmt(&mut self) -> String {
        let nested = self.depth < 3;
        match self.rng.below(if nested { 9 } else { 5 }) {
            0 => format!("acc = {};", self.typed_expr()),
            1 => format!("acc {} {};", self.pick(&["+=", "-=", "*="]), self.typed_expr()),
            2 => format!("buf[{}] = {};", self.typed_index(), self.typed_expr()),
            3 => format!("buf[{}] += {};", self.typed_index(), self.typed_expr()),
            4 => format!("let t = {}; acc += t;", self.typed_expr()),
            5 => {
                format!("if {} {{ {} }} else {{ {} }}", self.typed_condition(), self.nested_stmt(), self.nested_stmt())
            }
            6 => format!(
                "for i in {} {{ {} }}",
                self.pick(&["0..n", "(0..n).rev()", "(0..n).step_by(2)"]),
                self.nested_stmt()
            ),
            7 => format!("if {} {{ return {}; }}", self.typed_condition(), self.typed_expr()),
            _ => format!("let mut k = 0; while k < n {{ {} k += 1; }}", self.nested_stmt()),
        }
    }

    fn nested_stmt(&mut self) -> String {
        self.depth += 1;
        let s = self.typed_stmt();
        self.depth -= 1;
        s
    }

    fn typed_index(&mut self) -> String {
        self.pick(&["0", "n - 1", "n / 2"]).to_string()
    }

    fn typed_condition(&mut self) -> String {
        match self.rng.below(2) {
            0 => format!("{} > {}", self.typed_expr(), self.typed_expr()),
            _ => self.pick(&["n > 2", "n % 2 == 0"]).to_string(),
        }
    }

    fn typed_expr(&mut self) -> String {
        if self.depth > 4 {
            return self.pick(&["x", "acc", "1.5", "v[0]", "buf[0]"]).to_string();
        }
        self.depth += 1;
        let e = match self.rng.below(9) {
            0 | 1 => self.pick(&["x", "acc", "0.5", "v[n - 1]", "buf[n / 2]", "(n as f64)"]).to_string(),
            2 | 3 => format!("{} {} {}", self.typed_expr(), self.pick(&["+", "-", "*", "/"]), self.typed_expr()),
            4 => format!("-{}", self.typed_expr()),
            5 | 6 => {
                let (name, arity) = Self::METHODS[self.rng.below(14)];
                let args: Vec<String> = (0..arity).map(|_| self.typed_expr()).collect();
                let args = if name == "powi" { "2".to_string() } else { args.join(", ") };
                format!("({}).{name}({args})", self.typed_expr())
            }
            // Parenthesised: at the start of a statement, `if … {} else {} * y` would parse as
            // a statement followed by `*y`.
            7 => {
                format!("(if {} {{ {} }} else {{ {} }})", self.typed_condition(), self.typed_expr(), self.typed_expr())
            }
            _ => "v.iter().sum::<f64>()".to_string(),
        };
        self.depth -= 1;
        e
    }

    fn leaf(&mut self) -> String {
        match self.rng.below(3) {
            0 => self.pick(&["1.0", "0.5", "2", "0.0f32", "1e300", "f64::NAN"]).to_string(),
            _ => self.pick(Self::NAMES).to_string(),
        }
    }
}

/// Whether an expansion is only the input and `compile_error!`s.
fn is_error(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| matches!(&t, TokenTree::Ident(i) if i == "compile_error"))
}

#[test]
fn every_corpus_function_expands_without_panicking() {
    for item in corpus() {
        let _ = backprop_codegen::differentiable(TokenStream::new(), item);
    }
}
