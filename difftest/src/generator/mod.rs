//! A generator of random differentiable programs, printed as Rust source.
//!
//! Shared by the build script (which writes a batch of programs for the test to compile
//! through the real macro) and the library (whose unit tests exercise it), so it depends on
//! nothing but `rand` and `std`.

mod args;
mod ast;
mod bindings;
mod calls;
mod chains;
mod domain;
mod expr;
mod forms;
mod function;
mod harness;
mod ints;
mod loops;
mod options;
mod places;
mod print;
mod recursion;
mod rewrite;
mod scope;
mod stmt;
mod structs;
mod types;
mod values;

use function::Signature;
use rand::rngs::StdRng;
use scope::Scope;
use std::fmt::Write;
use types::{StructDef, Ty};

pub use function::program;

/// Largest value of a generated function's integer parameter; the test draws it from
/// `0..=INT_PARAM_MAX`.
pub const INT_PARAM_MAX: usize = 4;
/// Largest depth of a recursive function (its `depth` parameter; the harness gives
/// `n.min(DEPTH_MAX)` of an integer input).
pub const DEPTH_MAX: usize = 3;
/// Seed of the default batch.
pub const DEFAULT_SEED: u64 = 1;
/// Programs in the default batch.
pub const DEFAULT_PROGRAMS: usize = 400;

/// Constructs the generator may leave out; each is on unless a bug in the macro is open for
/// it (see [`Features::default`]).
#[derive(Clone, Copy, Debug)]
pub struct Features {
    /// `f64::sin(x)` beside `x.sin()`.
    pub path_form: bool,
    /// `x.iter().sum::<f64>()` inside an expression (the `let s: f64 = x.iter().sum();`
    /// form is always on).
    pub inline_sum: bool,
    /// `while c < n && <float condition>`.
    pub while_guard: bool,
    /// `let v = &x[a..b];` and sub-slice arguments `&x[a..b]`.
    pub views: bool,
    /// Calls between generated functions.
    pub calls: bool,
    /// `if c { return e; }`.
    pub early_return: bool,
    /// `if c { a } else { b }` as a value.
    pub if_expr: bool,
    /// `f64::atan2(2.0 * 0.75, x)`: path form with a constant expression first (else
    /// method form, with typed literals).
    pub path_form_constant_receiver: bool,
    /// `g(&y[1..3])` of a local buffer `y` (else buffers are passed whole).
    pub buffer_sub_slice_argument: bool,
    /// `f32` programs beside `f64` ones.
    pub f32_programs: bool,
    /// `((e as f32).sin() as f64)`.
    pub float_casts: bool,
    /// `&f64` parameters and reference arguments (`g(&x)`, `g(&(2.0 * a))`, `g(q)`).
    pub references: bool,
    /// `Vec<f64>`, `&Vec<f64>`, `[f64; N]`, `&[f64; N]` and `Vec<Vec<f64>>` parameters.
    pub collections: bool,
    /// `let ys = xs;` of a `Vec` parameter taken by value.
    pub moves: bool,
    /// Derived structs as parameters, fields, values and results.
    pub structs: bool,
    /// `#[differentiable]` methods on `&self` and `self`.
    pub methods: bool,
    /// Results that are `Vec`s, arrays, tuples and structs.
    pub outputs: bool,
    /// `#[differentiable(wrt(…))]`.
    pub wrt: bool,
    /// Calls of the hand-written `softplus`, `dot` and `log_sum_exp` with their `_vjp`s.
    pub custom_vjp: bool,
    /// `.map(…).sum()`, `.fold(…)`, `.zip`, `.enumerate`, `.copied()`, `.collect()`.
    pub chains: bool,
    /// `for v in x.iter()` and the other collection loops, `loop`, `break`, `continue`.
    pub loop_forms: bool,
    /// A call taking a `Vec` (or a non-`Copy` struct) by value beside a reference argument or
    /// on a receiver (found/009: the call is evaluated again in `_vjp`'s reverse sweep and the
    /// value has moved).
    pub moved_argument_beside_borrow: bool,
    /// `a.iter().sum()` of an `&[f64; N]` (found/010).
    pub array_reference_sum: bool,
    /// `g(&0.5)`: a borrowed constant (found/011).
    pub borrowed_constant: bool,
    /// `let ys = xs;` (or `xs` as the result) after `xs[i]` was read (found/012).
    pub read_then_moved: bool,
    /// `let r = f(…);` of an array result, lent on as `&r` (found/013).
    pub array_result_binding: bool,
    /// `f(…).1[0]`, `f(…).w[0]`, `f(…).inner.a`: a part of a tuple or struct result that is
    /// not a float of its own (found/014).
    pub tuple_collection_projection: bool,
    /// After an early `return`, a loop or chain over a local collection (a view, a named
    /// borrow, a buffer, a row picked by a local) (found/015).
    pub walk_after_return: bool,
    /// `.map(|v| 3.0)`: a closure whose body is a constant (found/016).
    pub constant_closure: bool,
    /// A parameter a callee differentiates given a value that may be constant, when the
    /// callee leaves another (or `self`) out of `wrt` (found/017); else given a parameter's
    /// value.
    pub maybe_constant_to_wrt: bool,
    /// A loop or chain over a borrow (`let v = &xs[1..];`, `let q = &xs;`) of a parameter
    /// taken by value, inside a block (a loop or an `if`) (found/018).
    pub nested_walk_of_borrow: bool,
    /// `a.to_vec()` of an array (found/019).
    pub array_to_vec: bool,
    /// A chain or loop over a row `m[k]` inside a `loop` or `while` (found/020: the reverse
    /// sweep picks the row with the counter's last value).
    pub row_walk_in_counted_loop: bool,
    /// A chain or a collection `for` inside another chain's closure or collection `for`
    /// (found/021: the inner walk reads the enclosing walk's item at its own index).
    pub nested_chains: bool,
    /// A local buffer moved out as a result in a function with an early `return` (found/022).
    pub return_moves_local: bool,
    /// `q.hypot(x)`, `q.max(x)`, `q.clamp(…)` on a reference into a struct's field (a name
    /// bound to `&t.a`, an item of `t.c.iter()`) (found/023).
    pub clamp_on_borrowed_field_element: bool,
    /// `let (a, v) = f(…);` of a tuple holding a `Vec`, inside a block (a loop, a branch) or
    /// after an early `return` (found/024).
    pub tuple_binding_in_loop: bool,
    /// A chain over a row `m[k]` inside a `for … in (a..b).step_by(k)` inside an `if`
    /// (found/025).
    pub row_walk_in_step_by: bool,
    /// `let y: Vec<f64> = x.iter().map(…).collect();` (found/026).
    pub collected_binding: bool,
    /// `let q = &t.b;` of a struct taken by value, the struct then passed on by value
    /// (found/027).
    pub borrowed_field_of_by_value_struct: bool,
    /// `match` on an integer (literals, ranges, `|`, `k @ a..=b`, guards) with float-valued
    /// arms; `Option<usize>`/`Option<f64>` parameters (constants, left out by `wrt(…)`) and
    /// locals built from integers, read with `if let`, `match` and `let … else`.
    pub match_option: bool,
    /// `let f = |v: f64| …;` capturing locals, then `f(e)` called one or more times.
    pub let_closures: bool,
    /// Functions generic over the float type, `fn f<T: backprop::Float>(…) -> T`, called from
    /// `f64` and `f32` functions by inference and as `f::<f64>(…)`.
    pub generics: bool,
    /// Functions taking `&mut [f64]`, `&mut [f64; N]` and `&mut f64` (filling a buffer, an
    /// accumulator), called as `fill(&y, &mut k)` on local buffers and `let mut` floats.
    pub mut_params: bool,
    /// `for` over `x.iter().rev()`, `.skip(k)`, `.take(k)`, `.windows(2)`, `.chunks(k)`;
    /// `.fold(f64::NEG_INFINITY, f64::max)`.
    pub adaptors: bool,
    /// A `&mut` parameter passed on where a shared reference is taken (`g(out)` for
    /// `g(y: &[f64])`, `h(acc)` for `h(y: &f64)`) (found/031).
    pub mut_param_lent_shared: bool,
    /// A closure called in an `if`, `while` or guard condition (found/032).
    pub closure_call_in_condition: bool,
    /// `T::sin(x)`: a float method as a path on a generic function's type parameter
    /// (found/033).
    pub generic_path_form: bool,
    /// A call of a function taking an `Option` (found/034); else such functions are checked
    /// alone.
    pub option_argument: bool,
    /// `*acc` of a `&mut F` parameter inside a chain's closure or a collection loop
    /// (found/035).
    pub accumulator_in_closure: bool,
    /// An early `return` (or `let … else`) inside a loop of a function with `&mut`
    /// parameters (found/036).
    pub return_in_loop_with_mut: bool,
    /// A float method call as the result (or a returned value) of a function with `&mut`
    /// parameters (found/037); else it is written `e * 1.0`.
    pub method_result_with_mut: bool,
    /// `let a = f(&x, &mut y);`: the float result of a call lending `&mut` used (found/038);
    /// else the call is a statement.
    pub mut_call_result: bool,
    /// `let f = |v: f64| 2.75;`: a `let` closure whose body is a constant (found/039).
    pub constant_let_closure: bool,
    /// A call lending two variables `&mut` (a buffer and an accumulator) (found/040).
    pub two_lent_buffers: bool,
    /// `match n { k @ 0..=1 if x[k] > c => … }`: an integer bound by an arm and read by an
    /// active guard (found/041).
    pub bound_arm_in_active_guard: bool,
    /// A bare `None` passed to a parameter of type `Option<usize>` (found/043).
    pub none_to_integer_option: bool,
    /// A local array lent `&mut` to a callee's `&mut [F]` parameter (found/046).
    pub array_lent_to_slice: bool,
    /// Functions returning `Option<F>` (`Some(e)`, `None`, `if c { None } else { Some(e) }`,
    /// early `return None`, `g(x)?` and `o?`), called and read with `match`, `if let`,
    /// `let … else`, `unwrap_or`, `is_some()`/`is_none()` then `unwrap()`/`expect(…)`; their
    /// results bound (`let o = g(x);`); checked through `_vjp` and `_jvp`.
    pub option_results: bool,
    /// `Option<F>` parameters that are differentiated (the harness passes `Some(x)` or `None`
    /// and compares the `Option` gradient), active `Option` locals
    /// (`let o = if c { Some(e) } else { None };`), `Some(e)` and active options as arguments.
    pub option_params: bool,
    /// `.filter(|…| c)` in chains before `.sum()`, `.product()` and `.fold(…)`, with or
    /// without a `.map(…)` between; `.product()`.
    pub filter_chains: bool,
    /// `if let Some(l) = o && c { … }`: a let chain with one leading `let`.
    pub let_chains: bool,
    /// A `&mut` parameter passed on where a shared reference is taken inside a `vec![…]`
    /// literal (`vec![p, dot(out, out)]`) (found/044).
    pub mut_param_lent_in_literal: bool,
    /// `match t.n { k @ 0..=1 => (k as f64), … }`: an arm binding an integer field of a
    /// struct (found/045).
    pub bound_arm_of_field: bool,
    /// Recursive functions: a `depth: usize` (or `u32`) parameter, a base case returning
    /// without recursing, and calls of the function itself with `depth - 1` (in a `let`, a
    /// loop, an `if`, twice in one expression), its parameters passed on whole (the macro's
    /// `_vjp_into` path), swapped, as a sub-slice `&x[1..]`, modified (`x * 0.5`), as a local
    /// buffer `&y`, after a reassignment (`mut x`) or drawn like any call's arguments.
    pub recursion: bool,
    /// A reference into the caller's own reference parameters (the parameter, an element, a
    /// view: `g(s)`, `g(&s[0])`, `g(&s[1..3])`) lent to a reference parameter a recursive
    /// function differentiates (found/057); else it is lent temporaries, literals, locals and
    /// parameters taken by value.
    pub input_borrow_to_recursive: bool,
    /// `let mut k = 0;` incremented once an iteration of one loop or of a nest (rectangular,
    /// or triangular as `for j in i + 1..d`) and indexing a collection there (`l[c][k]`,
    /// `gmm`'s packed triangle), read directly or through a copy (`let t = k; k += 1;`).
    pub counters: bool,
    /// `Vec<Sk>`, `&Vec<Sk>` and `&[Sk]` parameters, read by element fields (`ls[i].a`,
    /// `ls[i].w[j]`, `ls[i].inner.w[j]`, inside loops over `i` and `j` too), lent, cloned or
    /// built as arguments.
    pub struct_lists: bool,
}

impl Features {
    /// Every construct, open bugs included.
    pub const ALL: Features = Features {
        path_form: true,
        inline_sum: true,
        while_guard: true,
        views: true,
        calls: true,
        early_return: true,
        if_expr: true,
        path_form_constant_receiver: true,
        buffer_sub_slice_argument: true,
        f32_programs: true,
        float_casts: true,
        references: true,
        collections: true,
        moves: true,
        structs: true,
        methods: true,
        outputs: true,
        wrt: true,
        custom_vjp: true,
        chains: true,
        loop_forms: true,
        moved_argument_beside_borrow: true,
        array_reference_sum: true,
        borrowed_constant: true,
        read_then_moved: true,
        array_result_binding: true,
        tuple_collection_projection: true,
        walk_after_return: true,
        constant_closure: true,
        maybe_constant_to_wrt: true,
        nested_walk_of_borrow: true,
        array_to_vec: true,
        row_walk_in_counted_loop: true,
        nested_chains: true,
        return_moves_local: true,
        clamp_on_borrowed_field_element: true,
        tuple_binding_in_loop: true,
        row_walk_in_step_by: true,
        collected_binding: true,
        borrowed_field_of_by_value_struct: true,
        match_option: true,
        let_closures: true,
        generics: true,
        mut_params: true,
        adaptors: true,
        mut_param_lent_shared: true,
        closure_call_in_condition: true,
        generic_path_form: true,
        option_argument: true,
        accumulator_in_closure: true,
        return_in_loop_with_mut: true,
        method_result_with_mut: true,
        mut_call_result: true,
        constant_let_closure: true,
        two_lent_buffers: true,
        bound_arm_in_active_guard: true,
        none_to_integer_option: true,
        array_lent_to_slice: true,
        option_results: true,
        option_params: true,
        filter_chains: true,
        let_chains: true,
        mut_param_lent_in_literal: true,
        bound_arm_of_field: true,
        recursion: true,
        input_borrow_to_recursive: true,
        counters: true,
        struct_lists: true,
    };
}

/// Every construct but those with an open bug in `difftest/found/` (each turned off here,
/// naming its file).
impl Default for Features {
    fn default() -> Features {
        Features {
            // found/017-constant-to-wrt-parameter-beside-skipped-one.rs
            maybe_constant_to_wrt: false,
            ..Features::ALL
        }
    }
}

impl Features {
    /// Turns on one construct the default batch leaves out, by its field name (for
    /// `BACKPROP_DIFFTEST_CONSTRUCTS`, to check a fix for one open find at a time).
    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "maybe_constant_to_wrt" => self.maybe_constant_to_wrt = true,
            other => return Err(format!("`{other}` is not a construct the default batch leaves out")),
        }
        Ok(())
    }

    /// Turns off one construct of the default batch, by its field name (for
    /// `BACKPROP_DIFFTEST_CONSTRUCTS=-recursion`, to compare a batch without it).
    pub fn disable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "recursion" => self.recursion = false,
            other => return Err(format!("`{other}` is not a construct that can be left out by name")),
        }
        Ok(())
    }
}

/// Which programs to generate: `programs` of them from index `first`, with `seed`.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub seed: u64,
    pub first: usize,
    pub programs: usize,
    pub features: Features,
}

/// The seed of program `index` of the batch with seed `seed`; a program depends on nothing
/// else, so any one of them can be regenerated alone.
pub fn program_seed(seed: u64, index: usize) -> u64 {
    let mut z = seed.wrapping_add((index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generated file: one module per program and the `CASES` table.
pub fn batch(config: &Config) -> String {
    let mut modules = String::new();
    let mut cases = String::new();
    for index in config.first..config.first + config.programs {
        let seed = program_seed(config.seed, index);
        let p = program(seed, &config.features);
        modules.push_str(&harness::module(index, seed, &p));
        cases.push_str(&harness::cases(index, seed, &p));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// Generated by difftest/build.rs: seed {}, programs {}..{}.",
        config.seed,
        config.first,
        config.first + config.programs
    );
    let _ = writeln!(out, "pub const SEED: u64 = {};", config.seed);
    let _ = writeln!(out, "pub const FIRST: usize = {};", config.first);
    let _ = writeln!(out, "pub const PROGRAMS: usize = {};", config.programs);
    let _ = writeln!(out, "pub const FEATURES: &str = \"{:?}\";", config.features);
    out.push_str(&modules);
    out.push_str("use backprop_difftest::check::Case;\npub static CASES: &[Case] = &[\n");
    out.push_str(&cases);
    out.push_str("];\n");
    out
}

/// The state of generating one function.
struct Gen<'a> {
    rng: StdRng,
    scope: Scope,
    /// The functions generated before this one (and the hand-written helpers), which it may
    /// call.
    callees: &'a [Signature],
    structs: &'a [StructDef],
    features: &'a Features,
    /// Counter for fresh names.
    fresh: usize,
    /// Depth of nested blocks.
    nest: usize,
    /// Largest number of times the current statement may run (product of enclosing loops).
    trips: usize,
    /// The function's result type, for `return`.
    ret: Ty,
    /// The enclosing loops, innermost last, for `break` and `continue`.
    loops: Vec<loops::LoopKind>,
    /// Buffers an enclosing loop walks, which its body must not write.
    frozen: Vec<String>,
    /// An early `return` has been generated in this function (found/015).
    returned: bool,
    /// Depth of chain closures and collection loops around the expression being generated.
    closures: usize,
    /// The parameters' names (and `self`): what a walk after an early return may start from
    /// while found/015 is open.
    params: Vec<String>,
    /// Enclosing `for` loops over a `.step_by(k)` range (found/025).
    stepped: usize,
    /// The function is generic over its float type: it calls generic functions only, and
    /// leaves out what `T: backprop::Float` does not offer (`Sum<&T>`, `as` casts).
    generic: bool,
    /// Depth of conditions around the expression being generated (found/032).
    in_cond: usize,
    /// Inside the right side of `&&`/`||` or a `match` guard, which may not run.
    short_circuit: usize,
    /// Inside the closure of an iterator chain: in a condition, the macro keeps it as written,
    /// where a `let` closure cannot be called (a clear error since 7 December).
    in_chain_closure: usize,
    /// Depth of `vec![…]`/`[…]` literals around the expression being generated (found/035).
    in_literal: usize,
    /// The function calls itself: how, and where it may (`recursion`).
    rec: Option<recursion::Recursion>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(seed: u64, programs: usize) -> Config {
        Config { seed, first: 0, programs, features: Features::ALL }
    }

    #[test]
    fn a_seed_always_gives_the_same_batch() {
        assert_eq!(batch(&config(7, 20)), batch(&config(7, 20)));
        assert_ne!(batch(&config(7, 20)), batch(&config(8, 20)));
    }

    #[test]
    fn a_program_does_not_depend_on_its_batch() {
        let seed = program_seed(3, 12);
        let module = harness::module(12, seed, &program(seed, &Features::ALL));
        let alone = Config { seed: 3, first: 12, programs: 1, features: Features::ALL };
        assert!(batch(&alone).contains(&module));
        assert!(batch(&config(3, 20)).contains(&module));
    }

    #[test]
    fn both_printings_have_the_same_shape() {
        for index in 0..300 {
            let p = program(program_seed(5, index), &Features::ALL);
            let plain = print::program(&p, print::Flavor::Plain);
            let dual = print::program(&p, print::Flavor::Dual);
            let attributes = plain.lines().filter(|l| l.trim_start().starts_with("#[differentiable")).count();
            assert_eq!(plain.lines().count(), dual.lines().count() + attributes, "{plain}\n{dual}");
            assert!(!dual.contains("f64::") && !dual.contains("f32::") && !plain.contains("D::"), "{plain}\n{dual}");
        }
    }

    #[test]
    fn default_features_leave_out_open_bugs_only() {
        let d = Features::default();
        assert!(d.path_form && d.calls && d.views && d.early_return && d.while_guard && d.if_expr && d.inline_sum);
        assert!(d.references && d.collections && d.structs && d.outputs && d.wrt && d.chains && d.loop_forms);
        assert!(d.match_option && d.let_closures && d.generics && d.mut_params && d.adaptors);
        assert!(d.option_results && d.option_params && d.filter_chains && d.let_chains);
        assert!(d.recursion);
    }

    #[test]
    fn recursion_can_be_left_out_by_name() {
        let mut features = Features::default();
        features.disable("recursion").expect("a construct of the default batch");
        let text = batch(&Config { seed: 9, first: 0, programs: 60, features });
        assert!(!text.contains("depth"), "a recursive function without `recursion`");
        assert!(features.disable("calls").is_err());
    }

    #[test]
    fn the_option_constructs_are_drawn() {
        let text = batch(&Config { seed: 9, first: 0, programs: 60, features: Features::default() });
        for construct in [
            "-> Option<f64>",
            "o1: Option<",
            "return None;",
            "?;",
            ".unwrap_or(",
            ".is_some()",
            ".is_none()",
            ".unwrap()",
            ".expect(",
            "None =>",
            ".filter(|",
            ".product::<",
            "(n[0] != 0).then(||",
            "out.map(|_|",
        ] {
            assert!(text.contains(construct), "no `{construct}` in 60 programs");
        }
        assert!(text.lines().any(|l| l.contains("if let Some(") && l.contains(" && ")), "no let chain in 60 programs");
    }

    #[test]
    fn the_recursive_constructs_are_drawn() {
        let text = batch(&Config { seed: 9, first: 0, programs: 200, features: Features::default() });
        for construct in [
            "depth: usize",
            "depth: u32",
            "depth - 1",
            "if depth == 0 {",
            "if depth > 0 {",
            "= if depth > 0 {",
            "mut p0:",
            " in 0..depth {",
            ".min(3) as u32",
        ] {
            assert!(text.contains(construct), "no `{construct}` in 200 programs");
        }
        // Passed on shrunk (`&s[1..]`, `&s[..s.len() - 1]`), twice in one value.
        let calls: Vec<&str> = text.lines().filter(|l| l.contains("depth - 1")).collect();
        assert!(calls.iter().any(|l| l.contains("[1..]")), "no recursion on a sub-slice in 200 programs");
        assert!(calls.iter().any(|l| l.contains(".len() - 1]")), "no recursion on a shorter slice in 200 programs");
        assert!(calls.iter().any(|l| l.matches("depth - 1").count() >= 2), "no call used twice in 200 programs");
    }

    #[test]
    fn the_issue_15_constructs_are_drawn() {
        let text = batch(&Config { seed: 9, first: 0, programs: 60, features: Features::default() });
        for construct in [
            "match ",
            "if let Some(",
            "else { return ",
            "Option<",
            "<T: backprop::Float>",
            "&mut [",
            ": &mut f64",
            "= |v",
            ".iter().rev()",
            ".windows(2)",
            ".chunks(",
            "NEG_INFINITY",
        ] {
            assert!(text.contains(construct), "no `{construct}` in 60 programs");
        }
    }
}
