//! How long `#[differentiable]` takes to expand a 200-line function: the time rustc spends in
//! the macro for every such function in a user's crate. The target is under 50 ms.
//!
//! `cargo bench -p backprop-codegen --bench expand`

use criterion::{Criterion, criterion_group, criterion_main};
use proc_macro2::TokenStream;
use std::hint::black_box;
use std::str::FromStr;

/// A 200-line model-like function: every block mixes scalar arithmetic, elementary functions,
/// a loop with a loop-carried value, buffer writes and reads, an `if` on an active value and
/// a call, so that every phase of the transform has work to do.
fn long_function() -> String {
    let mut body = String::new();
    body.push_str("    let n = x.len();\n    let mut buf = vec![0.0; n];\n    let mut total = 0.0;\n");
    for k in 0..19 {
        body.push_str(&format!(
            "    let a{k} = x[{k} % n] * w + (b * {k}.0).sin();
    let mut acc{k} = a{k}.tanh();
    for i in 0..n {{
        acc{k} = acc{k} * x[i].cos() + a{k} / (1.0 + x[i] * x[i]);
        buf[i] += acc{k} * 0.5;
    }}
    if acc{k} > 0.0 {{
        total += acc{k}.exp().ln_1p();
    }} else {{
        total -= (acc{k} * acc{k} + 1.0).sqrt();
    }}
"
        ));
    }
    body.push_str("    for i in 0..n {\n        total += helper(buf[i], w);\n    }\n    total\n");
    format!("fn long_model(x: &[f64], w: f64, b: f64) -> f64 {{\n{body}}}\n")
}

fn expand(c: &mut Criterion) {
    let text = long_function();
    let lines = text.lines().count();
    assert!(lines >= 200, "the fixture has {lines} lines");
    let item = TokenStream::from_str(&text).expect("the fixture parses");
    let output = backprop_codegen::differentiable(TokenStream::new(), item.clone());
    assert!(!output.to_string().contains("compile_error"), "the fixture expands without errors");
    c.bench_function(&format!("expand a {lines}-line function"), |b| {
        b.iter(|| backprop_codegen::differentiable(TokenStream::new(), black_box(item.clone())))
    });
}

criterion_group!(benches, expand);
criterion_main!(benches);
