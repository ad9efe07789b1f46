//! A generator of random differentiable programs, printed as Rust source.
//!
//! Shared by the build script (which writes a batch of programs for the test to compile
//! through the real macro) and the library (whose unit tests exercise it), so it depends on
//! nothing but `rand` and `std`.

mod ast;
mod expr;
mod function;
mod harness;
mod ints;
mod print;
mod scope;
mod stmt;

use function::Signature;
use rand::rngs::StdRng;
use scope::Scope;
use std::fmt::Write;

pub use function::program;

/// Largest value of a generated function's integer parameter; the test draws it from
/// `0..=INT_PARAM_MAX`.
pub const INT_PARAM_MAX: usize = 4;
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
    /// An integer cast as the receiver of a method with arguments, `(n as f64).max(x)`.
    pub cast_receiver: bool,
    /// A call inside a loop with a local buffer (or a view of one) as an argument.
    pub local_slice_call_in_loop: bool,
    /// `let mut a = <op>;` where `<op>`'s derivative rule reads its result (`exp`, `/`, …).
    pub mut_let_of_result_rule: bool,
    /// An untyped integer literal as a call argument, `g(4, x.cos())` (else `4usize`).
    pub int_literal_argument: bool,
    /// `f64::atan2(2.0 * 0.75, x)`: path form with a constant expression first (else
    /// method form, with typed literals).
    pub path_form_constant_receiver: bool,
    /// `g(&y[1..3])` of a local buffer `y` (else buffers are passed whole).
    pub buffer_sub_slice_argument: bool,
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
        cast_receiver: true,
        local_slice_call_in_loop: true,
        mut_let_of_result_rule: true,
        int_literal_argument: true,
        path_form_constant_receiver: true,
        buffer_sub_slice_argument: true,
    };
}

/// Every construct but those with an open bug in `difftest/found/`.
impl Default for Features {
    fn default() -> Features {
        Features {
            // found/001-dead-cast-receiver.rs: the macro's output does not parse when the
            // result is dead.
            cast_receiver: false,
            // found/002-local-buffer-call-in-loop.rs: the loop's tape outlives the buffer its
            // pullbacks borrow.
            local_slice_call_in_loop: false,
            // found/003-mut-let-result-overwritten.rs: the rule reads the variable after a
            // later assignment changed it.
            mut_let_of_result_rule: false,
            // found/004-int-literal-beside-method-argument.rs: "type annotations needed".
            int_literal_argument: false,
            // found/005-path-call-on-constant-expression.rs: the method is called on the
            // untyped expression.
            path_form_constant_receiver: false,
            // found/006-buffer-sub-slice-argument-then-written.rs: the snapshot of the
            // argument calls `.clone()` on `[f64]`.
            buffer_sub_slice_argument: false,
            ..Features::ALL
        }
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
    /// The functions generated before this one, which it may call.
    callees: &'a [Signature],
    features: &'a Features,
    /// Counter for fresh names.
    fresh: usize,
    /// Depth of nested blocks.
    nest: usize,
    /// Depth of nested loops.
    loops: usize,
    /// Largest number of times the current statement may run (product of enclosing loops).
    trips: usize,
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
            for f in &p.functions {
                let plain = print::function(f, print::Flavor::F64);
                let dual = print::function(f, print::Flavor::Dual);
                assert_eq!(plain.lines().count(), dual.lines().count() + 1, "{plain}\n{dual}");
                assert!(!dual.contains("f64::") && !plain.contains("Dual"), "{plain}\n{dual}");
            }
        }
    }

    #[test]
    fn default_features_leave_out_open_bugs_only() {
        let d = Features::default();
        assert!(d.path_form && d.calls && d.views && d.early_return && d.while_guard && d.if_expr && d.inline_sum);
    }
}
