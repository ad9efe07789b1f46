// Found at seed 1 (the default batch with the constructs of open finds turned on), program
// 247, function `f0`: did not compile, E0382 "use of moved value: `s0`" ("value moved here, in
// previous iteration of loop") on `return s0;` inside a `for` loop.
// A `return` inside a loop becomes flags (the loop runs to the end of the iteration, then
// breaks), so rustc sees the loop go on after a `Vec` moved into the result, and the code
// after the loop use it.
//
// Expected: compiles; see the test.
// Got: E0382 on the `return`, in every form.
//
// Status: fixed. A variable that may not be `Copy`, returned inside a loop, is returned as a
// clone (`Lowerer::returned_from_loop`), made once, on the path that returns.
// Test: tests/regressions_found.rs (051).

use backprop::differentiable;

#[differentiable]
pub fn returned_from_a_loop(p: f64, s: Vec<f64>, n: usize) -> Vec<f64> {
    for _ in 0..2 {
        if n % 2 == 0 {
            return s;
        }
    }
    s.iter().map(|v| v * p).collect()
}
