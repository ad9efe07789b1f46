//! Weight initialisers: tensors of random values drawn from a seeded generator, scaled so that
//! signals keep their variance from layer to layer.
//!
//! | initialiser | distribution | suits |
//! |---|---|---|
//! | [`xavier_uniform`] | `U(-a, a)`, `a = sqrt(6 / (fan_in + fan_out))` | `tanh`, `sigmoid`, softmax outputs |
//! | [`xavier_normal`] | `N(0, 2 / (fan_in + fan_out))` | the same |
//! | [`he_normal`] | `N(0, 2 / fan_in)` | ReLU |
//! | [`he_uniform`] | `U(-a, a)`, `a = sqrt(6 / fan_in)` | ReLU |
//! | [`zeros`] | `0` | biases |
//!
//! `fan_in` is the number of inputs that feed one output (`in_channels * k * k` for a
//! convolution), `fan_out` the number of outputs one input feeds. They are passed explicitly
//! because the layout of the weight tensor (`[inputs, outputs]` or `[outputs, inputs]`) is the
//! layer's choice. Normal samples come from the Box–Muller transform, so the same seed gives
//! the same weights on every platform. The `fill_*` functions fill any `f32` or `f64` slice.
//!
//! ```
//! use backprop::init;
//! use rand::{SeedableRng, rngs::StdRng};
//!
//! let mut rng = StdRng::seed_from_u64(42);
//! let w = init::he_normal(&[64, 32], 64, &mut rng); // a dense layer from 64 to 32 features
//! assert_eq!(w.shape, [64, 32]);
//! let again = init::he_normal(&[64, 32], 64, &mut StdRng::seed_from_u64(42));
//! assert_eq!(w, again); // seeded: reproducible
//! ```

use crate::float::Float;
use crate::tensor::Tensor;
use rand::{Rng, RngExt};

/// A tensor of zeros (biases).
pub fn zeros(shape: &[usize]) -> Tensor {
    Tensor::zeros(shape)
}

/// Xavier/Glorot uniform (Glorot and Bengio, 2010): `U(-a, a)` with
/// `a = sqrt(6 / (fan_in + fan_out))`, variance `2 / (fan_in + fan_out)`.
pub fn xavier_uniform<R: Rng + ?Sized>(shape: &[usize], fan_in: usize, fan_out: usize, rng: &mut R) -> Tensor {
    let bound = (6.0 / fans(fan_in + fan_out)).sqrt();
    uniform(shape, -bound, bound, rng)
}

/// Xavier/Glorot normal: `N(0, 2 / (fan_in + fan_out))`.
pub fn xavier_normal<R: Rng + ?Sized>(shape: &[usize], fan_in: usize, fan_out: usize, rng: &mut R) -> Tensor {
    normal(shape, 0.0, (2.0 / fans(fan_in + fan_out)).sqrt(), rng)
}

/// He/Kaiming normal (He et al., 2015): `N(0, 2 / fan_in)`, for layers followed by a ReLU.
pub fn he_normal<R: Rng + ?Sized>(shape: &[usize], fan_in: usize, rng: &mut R) -> Tensor {
    normal(shape, 0.0, (2.0 / fans(fan_in)).sqrt(), rng)
}

/// He/Kaiming uniform: `U(-a, a)` with `a = sqrt(6 / fan_in)`, variance `2 / fan_in`.
pub fn he_uniform<R: Rng + ?Sized>(shape: &[usize], fan_in: usize, rng: &mut R) -> Tensor {
    let bound = (6.0 / fans(fan_in)).sqrt();
    uniform(shape, -bound, bound, rng)
}

/// Values drawn uniformly from `[low, high)`.
pub fn uniform<R: Rng + ?Sized>(shape: &[usize], low: f64, high: f64, rng: &mut R) -> Tensor {
    let mut out = Tensor::zeros(shape);
    fill_uniform(&mut out.data, low, high, rng);
    out
}

/// Values drawn from the normal distribution `N(mean, std²)`.
pub fn normal<R: Rng + ?Sized>(shape: &[usize], mean: f64, std: f64, rng: &mut R) -> Tensor {
    let mut out = Tensor::zeros(shape);
    fill_normal(&mut out.data, mean, std, rng);
    out
}

/// Fills `out` with values drawn uniformly from `[low, high)` (computed in `f64`, rounded
/// to `T`).
pub fn fill_uniform<T: Float, R: Rng + ?Sized>(out: &mut [T], low: f64, high: f64, rng: &mut R) {
    for x in out {
        let u: f64 = rng.random();
        *x = T::from_f64(low + (high - low) * u);
    }
}

/// Fills `out` with values drawn from `N(mean, std²)`, two at a time by the Box–Muller
/// transform.
pub fn fill_normal<T: Float, R: Rng + ?Sized>(out: &mut [T], mean: f64, std: f64, rng: &mut R) {
    let mut pairs = out.chunks_exact_mut(2);
    for pair in &mut pairs {
        let (a, b) = standard_normal_pair(rng);
        pair[0] = T::from_f64(mean + std * a);
        pair[1] = T::from_f64(mean + std * b);
    }
    for x in pairs.into_remainder() {
        *x = T::from_f64(mean + std * standard_normal_pair(rng).0);
    }
}

/// Two independent `N(0, 1)` samples from two uniform ones (Box–Muller):
/// `r = sqrt(-2 ln u1)`, `(r cos 2πu2, r sin 2πu2)`.
fn standard_normal_pair<R: Rng + ?Sized>(rng: &mut R) -> (f64, f64) {
    // `random` is in [0, 1); 1 - u is in (0, 1], so the logarithm stays finite.
    let u1 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    let r = (-2.0 * u1.ln()).sqrt();
    let (sin, cos) = (std::f64::consts::TAU * u2).sin_cos();
    (r * cos, r * sin)
}

/// A fan as a divisor; a fan of 0 (an empty layer) counts as 1 to keep the scale finite.
fn fans(n: usize) -> f64 {
    n.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    const N: usize = 200_000;

    /// Sample mean and (population) variance, in f64.
    fn moments(x: &[f32]) -> (f64, f64) {
        let n = x.len() as f64;
        let mean = x.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
        let var = x.iter().map(|&v| (f64::from(v) - mean).powi(2)).sum::<f64>() / n;
        (mean, var)
    }

    /// Checks mean and variance against theory within 5 standard errors. For a distribution
    /// with variance σ² and fourth central moment μ4, the sample mean has standard error
    /// σ/√n and the sample variance sqrt((μ4 - σ⁴)/n).
    fn assert_moments(x: &[f32], var: f64, fourth: f64) {
        let n = x.len() as f64;
        let (m, v) = moments(x);
        let (se_mean, se_var) = ((var / n).sqrt(), ((fourth - var * var) / n).sqrt());
        assert!(m.abs() < 5.0 * se_mean, "mean {m}, standard error {se_mean}");
        assert!((v - var).abs() < 5.0 * se_var, "variance {v}, expected {var} ± {se_var}");
    }

    /// Normal: μ4 = 3σ⁴. Uniform on (-a, a): σ² = a²/3, μ4 = a⁴/5.
    fn assert_normal(x: &[f32], var: f64) {
        assert_moments(x, var, 3.0 * var * var);
    }

    fn assert_uniform(x: &[f32], bound: f64) {
        assert!(x.iter().all(|&v| v.abs() <= bound as f32), "a value outside ±{bound}");
        assert_moments(x, bound * bound / 3.0, bound.powi(4) / 5.0);
    }

    #[test]
    fn he_normal_has_variance_two_over_fan_in() {
        let w = he_normal(&[N / 100, 100], 50, &mut StdRng::seed_from_u64(1));
        assert_eq!(w.shape, [N / 100, 100]);
        assert_normal(&w.data, 2.0 / 50.0);
    }

    #[test]
    fn xavier_normal_has_variance_two_over_the_fans() {
        let w = xavier_normal(&[N], 30, 70, &mut StdRng::seed_from_u64(2));
        assert_normal(&w.data, 2.0 / 100.0);
    }

    #[test]
    fn xavier_uniform_stays_within_its_bound() {
        let w = xavier_uniform(&[N], 20, 40, &mut StdRng::seed_from_u64(3));
        assert_uniform(&w.data, (6.0f64 / 60.0).sqrt());
    }

    #[test]
    fn he_uniform_stays_within_its_bound() {
        let w = he_uniform(&[N], 8, &mut StdRng::seed_from_u64(4));
        assert_uniform(&w.data, (6.0f64 / 8.0).sqrt());
    }

    #[test]
    fn normal_samples_fall_within_one_sigma_two_thirds_of_the_time() {
        // P(|z| < 1) = erf(1/√2) = 0.682689; its standard error over N draws is sqrt(p(1-p)/N).
        let z = normal(&[N + 1], 0.0, 1.0, &mut StdRng::seed_from_u64(5));
        let p = 0.682_689_492;
        let inside = z.data.iter().filter(|v| v.abs() < 1.0).count() as f64 / z.len() as f64;
        assert!((inside - p).abs() < 5.0 * (p * (1.0 - p) / N as f64).sqrt(), "{inside}");
    }

    #[test]
    fn fill_normal_shifts_and_scales_f64() {
        let mut x = vec![0.0f64; 10_001];
        fill_normal(&mut x, 3.0, 0.5, &mut StdRng::seed_from_u64(6));
        let mean = x.iter().sum::<f64>() / x.len() as f64;
        assert!((mean - 3.0).abs() < 5.0 * 0.5 / (x.len() as f64).sqrt(), "{mean}");
    }

    #[test]
    fn same_seed_same_weights() {
        let a = xavier_uniform(&[3, 4], 3, 4, &mut StdRng::seed_from_u64(9));
        let b = xavier_uniform(&[3, 4], 3, 4, &mut StdRng::seed_from_u64(9));
        assert_eq!(a, b);
        assert_eq!(zeros(&[2, 2]).data, [0.0; 4]);
    }
}
