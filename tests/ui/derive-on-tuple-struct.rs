// The derive needs named fields (they name the parameters when a model is saved).
use backprop::Differentiable;

#[derive(Differentiable)]
struct Weights(Vec<f64>, f64);

fn main() {}
