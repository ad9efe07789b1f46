//! XOR: the smallest network that needs a hidden layer, trained on its four points.
//!
//! `cargo run --release --example xor`

use backprop::error::Report;
use backprop::layers::*;
use backprop::loss::*;
use backprop::optim::{Adam, Optimizer};
use backprop::rand::SeedableRng;
use backprop::rand::rngs::StdRng;
use backprop::{Differentiable, Tensor, differentiable};
use std::process::ExitCode;

/// 2 inputs → 4 hidden units (tanh) → 1 output (sigmoid).
#[derive(Differentiable)]
struct Net {
    hidden: Dense,
    out: Dense,
}

impl Net {
    fn predict(&self, x: &Tensor) -> Tensor {
        sigmoid(&self.out.forward(&tanh(&self.hidden.forward(x))))
    }
}

#[differentiable(wrt(net))]
fn loss(net: &Net, x: &Tensor, target: &Tensor) -> f32 {
    let hidden = tanh(&net.hidden.forward(x));
    let p = sigmoid(&net.out.forward(&hidden));
    binary_cross_entropy(&p, target)
}

fn run() -> backprop::Result<()> {
    let x = Tensor::new(vec![0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0], &[4, 2])?;
    let target = Tensor::new(vec![0.0, 1.0, 1.0, 0.0], &[4, 1])?;
    let mut rng = StdRng::seed_from_u64(1);
    let mut net = Net { hidden: Dense::xavier(2, 4, &mut rng), out: Dense::xavier(4, 1, &mut rng) };
    let mut opt = Adam::new(0.05);
    for step in 0..=500 {
        let (value, grad) = loss_grad(&net, &x, &target);
        if step % 100 == 0 {
            println!("step {step:>3}  loss {value:.5}");
        }
        opt.step(&mut net, &grad);
    }
    let p = net.predict(&x);
    for (i, (input, want)) in x.data.chunks(2).zip(&target.data).enumerate() {
        println!("xor({}, {}) = {:.3}  (want {want})", input[0], input[1], p.data[i]);
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", Report(&error));
            ExitCode::FAILURE
        }
    }
}
