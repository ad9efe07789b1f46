// Every field of a derived struct has a gradient or is a constant (integer, `bool`, string);
// a field of a struct type must derive `Differentiable` too.
use backprop::Differentiable;

struct Config {
    rate: f64,
}

#[derive(Differentiable)]
struct Model {
    w: Vec<f64>,
    config: Config,
}

fn main() {}
