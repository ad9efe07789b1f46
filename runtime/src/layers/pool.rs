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
use crate::error::{Error, Result};
use backprop_macros::differentiable;

/// Checks the operand of [`max_pool2d`] and [`avg_pool2d`]: images `[batch, c, h, w]` whose
/// sides are multiples of `size` (at least 1).
///
/// ```
/// use backprop::{Tensor, layers::try_max_pool2d};
///
/// let error = try_max_pool2d(&Tensor::zeros(&[1, 1, 5, 4]), 2).unwrap_err();
/// assert!(error.to_string().starts_with("max_pool2d: shapes [1, 1, 5, 4] and [2, 2] do not fit"));
/// ```
///
/// # Errors
/// [`Error::Shape`] naming the pooling, the images' shape and the window `[size, size]`.
pub fn check_pool2d(op: &'static str, x: &Tensor, size: usize) -> Result<()> {
    let fits = size > 0 && x.shape.len() == 4 && x.shape[2].is_multiple_of(size) && x.shape[3].is_multiple_of(size);
    if fits {
        return Ok(());
    }
    let help = "give images [batch, channels, height, width] whose height and width are multiples of the window";
    Err(Error::shape(op, &x.shape, &[size, size], help))
}

/// [`max_pool2d`] after [`check_pool2d`].
///
/// # Errors
/// As [`check_pool2d`].
pub fn try_max_pool2d(x: &Tensor, size: usize) -> Result<Tensor> {
    check_pool2d("max_pool2d", x, size).map(|()| max_pool2d(x, size))
}

/// [`avg_pool2d`] after [`check_pool2d`].
///
/// # Errors
/// As [`check_pool2d`].
pub fn try_avg_pool2d(x: &Tensor, size: usize) -> Result<Tensor> {
    check_pool2d("avg_pool2d", x, size).map(|()| avg_pool2d(x, size))
}

/// The largest value of each window; the gradient goes to the first largest value.
///
/// # Panics
/// If `x` is not 4-dimensional or its sides are not multiples of `size`; [`try_max_pool2d`]
/// returns an [`Error`] instead.
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
/// If `x` is not 4-dimensional or its sides are not multiples of `size`; [`try_avg_pool2d`]
/// returns an [`Error`] instead.
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
///
/// # Panics
/// If `x` has no dimension or holds no example.
#[differentiable]
pub fn flatten(x: &Tensor) -> Tensor {
    let batch = x.shape[0];
    Tensor { data: x.data.clone(), shape: vec![batch, x.data.len() / batch] }
}
