//! The transform never panics and never hangs, whatever tokens it is given.
//!
//! The corpus is every function in the repository's gradient test suites (valid input the
//! macro accepts) and every compile-fail case (input it rejects). Each iteration takes one,
//! mutates its tokens (delete, duplicate, swap, replace an identifier, punctuation or
//! literal, cut a group open, splice in tokens from another function) and expands it; the
//! expansion must return tokens — an expansion or a `compile_error!` — within a time bound.
//!
//! CI runs a fixed number of iterations; any count and seed:
//! `BACKPROP_FUZZ_ITERATIONS=1000000 BACKPROP_FUZZ_SEED=7 cargo test -p backprop-codegen --release --test never_panics -- --nocapture`

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

/// Iterations when the environment does not say.
const DEFAULT_ITERATIONS: u64 = 20_000;
/// The slowest an expansion may take: a 200-line function expands in a few milliseconds.
const TIME_LIMIT: Duration = Duration::from_millis(500);

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
    if let TokenTree::Group(g) = &trees[i] {
        if rng.below(2) == 0 {
            let inner = mutate(&g.stream(), donor, rng);
            let mut new = Group::new(g.delimiter(), inner);
            new.set_span(g.span());
            trees[i] = TokenTree::Group(new);
            return trees.into_iter().collect();
        }
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
    for iteration in 0..iterations {
        let base = &corpus[rng.below(corpus.len())];
        let donor = &corpus[rng.below(corpus.len())];
        let mut item = base.clone();
        for _ in 0..1 + rng.below(4) {
            item = mutate(&item, donor, &mut rng);
        }
        let args = attribute_args(&mut rng);
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if rng.below(10) == 0 {
                backprop_codegen::derive_differentiable(item.clone())
            } else {
                backprop_codegen::differentiable(args.clone(), item.clone())
            }
        }));
        let took = start.elapsed();
        slowest = slowest.max(took);
        match outcome {
            Err(_) => panic!("iteration {iteration} (seed {seed}) panicked on #[differentiable({args})]\n{item}"),
            Ok(tokens) => expanded += u64::from(!is_error(&tokens)),
        }
        assert!(took < TIME_LIMIT, "iteration {iteration} (seed {seed}) took {took:?} on\n{item}");
    }
    println!(
        "{iterations} mutated inputs from {} functions, seed {seed}: no panic; {expanded} expanded into gradients, the rest gave compile errors; slowest expansion {slowest:?}",
        corpus.len()
    );
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
