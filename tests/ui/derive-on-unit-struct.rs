// A struct without fields has nothing to differentiate.
use backprop::Differentiable;

#[derive(Differentiable)]
struct Marker;

fn main() {}
