//! Pooling over non-overlapping `size × size` windows of images `[batch, c, h, w]`, and
//! flattening images into rows.
//!
//! ```
//! use backprop::Tensor;
//! use backprop::layers::{avg_pool2d, max_pool2d};
//!
//! let x = Tensor::from_fn(&[1, 1, 2, 2], |i| i as f32);
//! assert_eq!(max_pool2d(&x, 2).data, [3.0]);
//! assert_eq!(avg_pool2d(&x, 2).data, [1.5]);
//! ```
#![allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]

use crate::Tensor;
use backprop_macros::differentiable;

/// The largest value of each window; the gradient goes to the first largest value.
///
/// # Panics
/// If `x` is not 4-dimensional or its sides are not multiples of `size`.
#[differentiable(wrt(x))]
pub fn max_pool2d(x: &Tensor, size: usize) -> Tensor {
    assert!(
        x.shape.len() == 4 && x.shape[2].is_multiple_of(size) && x.shape[3].is_multiple_of(size),
        "max_pool2d: shape {:?} is not [batch, c, h, w] with sides divisible by {size}",
        x.shape
    );
    let planes = x.shape[0] * x.shape[1];
    let h = x.shape[2];
    let w = x.shape[3];
    let oh = h / size;
    let ow = w / size;
    let mut data = vec![0.0; planes * oh * ow];
    for p in 0..planes {
        for oy in 0..oh {
            for ox in 0..ow {
                let corner = (p * h + oy * size) * w + ox * size;
                let mut best = corner;
                for ky in 0..size {
                    for kx in 0..size {
                        let i = corner + ky * w + kx;
                        if x.data[i] > x.data[best] {
                            best = i;
                        }
                    }
                }
                data[(p * oh + oy) * ow + ox] = x.data[best];
            }
        }
    }
    Tensor { data, shape: vec![x.shape[0], x.shape[1], oh, ow] }
}

/// The mean of each window.
///
/// # Panics
/// If `x` is not 4-dimensional or its sides are not multiples of `size`.
#[differentiable(wrt(x))]
pub fn avg_pool2d(x: &Tensor, size: usize) -> Tensor {
    assert!(
        x.shape.len() == 4 && x.shape[2].is_multiple_of(size) && x.shape[3].is_multiple_of(size),
        "avg_pool2d: shape {:?} is not [batch, c, h, w] with sides divisible by {size}",
        x.shape
    );
    let planes = x.shape[0] * x.shape[1];
    let h = x.shape[2];
    let w = x.shape[3];
    let oh = h / size;
    let ow = w / size;
    let scale = 1.0 / (size * size) as f32;
    let mut data = vec![0.0; planes * oh * ow];
    for p in 0..planes {
        for oy in 0..oh {
            for ox in 0..ow {
                let corner = (p * h + oy * size) * w + ox * size;
                let mut total = 0.0;
                for ky in 0..size {
                    for kx in 0..size {
                        total += x.data[corner + ky * w + kx];
                    }
                }
                data[(p * oh + oy) * ow + ox] = total * scale;
            }
        }
    }
    Tensor { data, shape: vec![x.shape[0], x.shape[1], oh, ow] }
}

/// Each example as one row: `[batch, …]` to `[batch, product of the rest]`.
#[differentiable]
pub fn flatten(x: &Tensor) -> Tensor {
    let batch = x.shape[0];
    Tensor { data: x.data.clone(), shape: vec![batch, x.data.len() / batch] }
}
