//! Compile-fail cases: each file in `tests/ui` must fail with exactly its `.stderr`, as the
//! README's test command builds them: `cargo test --workspace` resolves features across the
//! workspace (the runtime's tests turn on `ndarray` and `nalgebra`, whose impls appear in some
//! of rustc's "other implementations" lists). Regenerate the same way, with
//! `TRYBUILD=overwrite cargo test --workspace --test compiletest`, and read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
