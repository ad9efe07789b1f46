//! Compile-fail cases: each file in `tests/ui` must fail with exactly its `.stderr`.
//! Regenerate with `TRYBUILD=overwrite cargo test --test compiletest` and read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
