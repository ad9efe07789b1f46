// Returning a local `Vec` early (`return y;`) when the rest of the function reads it does not
// compile: the pullback of the later path still reads `y`, which the early return moved. Nor
// does moving a local `Vec` out as the final result of a function with an early return
// (`if x > 1.0 { return vec![x]; } y`, seed 35 program 466).
//
// Expected: `return_moves_a_local_vjp(x)` compiles ([x, x²] for x > 1, else [x²]).
// Got:
//
//   error[E0382]: use of moved value: `y`
//
// Found by: seed 4 (program 145).
// Status: fixed by earlier generator work, found on 7 December: this case compiles and gives
// the expected values, and seeds 777, 31337, 1 and 4242 ran clean with `Features::return_moves_local`
// on, which it is again in the default batch.

use backprop::differentiable;

#[differentiable]
pub fn return_moves_a_local(x: f64) -> Vec<f64> {
    let y = vec![x, x * x];
    if x > 1.0 {
        return y;
    }
    vec![y[1]]
}
