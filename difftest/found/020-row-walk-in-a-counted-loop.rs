// A chain over a row picked by a `loop` counter (`m[1 - c].iter().fold(…)`) panics in the
// reverse sweep: it picks the row with the counter's value after the loop (here 2), not the
// value of the iteration, and `1 - c` overflows (with other indices it reads the wrong row).
// The same chain in `for c in 1..2` is right.
//
// Expected: `row_walk_in_a_counted_loop_grad(&[[2.0], [3.0]], 0.5) == (1.0, ([[0.5], [0.0]], 2.0))`.
// Got: `attempt to subtract with overflow` at `m[1 - c]` in `_grad` (the test below).
//
// Found by: seed 1 (program 13 then: `m0[1 - c3].iter().fold(…)` in a `loop`).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::row_walk_in_counted_loop`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn row_walk_in_a_counted_loop(m: &[Vec<f64>], x: f64) -> f64 {
    let mut a = x;
    let mut c = 0;
    loop {
        c += 1;
        if c > 1 {
            break;
        }
        a = m[1 - c].iter().fold(a, |acc, v| acc * v);
    }
    a
}

#[test]
fn row_walk_in_a_counted_loop_gradient() {
    let m = vec![vec![2.0], vec![3.0]];
    assert_eq!(row_walk_in_a_counted_loop(&m, 0.5), 1.0);
    let (value, (_, dx)) = row_walk_in_a_counted_loop_grad(&m, 0.5);
    assert_eq!((value, dx), (1.0, 2.0));
}
