//! 2-D convolution, as `im2col` (a gather, differentiated by the macro) followed by a matrix
//! product (the `sgemm` kernel) and a bias added per channel.
//!
//! ```
//! use backprop::Tensor;
//! use backprop::layers::conv2d;
//!
//! // One 3×3 image, one 2×2 kernel of ones: each output sums a 2×2 window.
//! let x = Tensor::from_fn(&[1, 1, 3, 3], |i| i as f32);
//! let w = Tensor::new(vec![1.0; 4], &[1, 1, 2, 2]).unwrap();
//! let y = conv2d(&x, &w, &Tensor::zeros(&[1]), 1, 0);
//! assert_eq!(y.shape, [1, 1, 2, 2]);
//! assert_eq!(y.data, [8.0, 12.0, 20.0, 24.0]);
//! ```
#![allow(clippy::needless_range_loop, reason = "index loops are what the macro differentiates")]

use crate::error::{Error, Result};
use crate::ops::*;
use crate::{Tensor, init};
use backprop_macros::{Differentiable, differentiable};
use rand::Rng;

/// A 2-D convolution layer over images of shape `[batch, channels, height, width]`.
#[derive(Differentiable, Clone, Debug, PartialEq)]
pub struct Conv2d {
    /// Kernels, shape `[out_channels, in_channels, k, k]`; He-initialised.
    pub w: Tensor,
    /// One bias per output channel, shape `[out_channels]`; zero-initialised.
    pub b: Tensor,
    /// Step between windows.
    pub stride: usize,
    /// Zeros added around each image.
    pub padding: usize,
}

impl Conv2d {
    /// A layer of `out_channels` kernels of size `k × k` over `in_channels` channels.
    pub fn new(
        in_channels: usize,
        out_channels: usize,
        k: usize,
        stride: usize,
        padding: usize,
        rng: &mut impl Rng,
    ) -> Conv2d {
        let fan_in = in_channels * k * k;
        Conv2d {
            w: init::he_normal(&[out_channels, in_channels, k, k], fan_in, rng),
            b: Tensor::zeros(&[out_channels]),
            stride,
            padding,
        }
    }

    /// Checks that [`forward`](Self::forward) can take `x`: see [`check_conv2d`].
    ///
    /// # Errors
    /// [`Error::Shape`] naming `Conv2d::forward`, the shape of `x` and that of the kernels.
    pub fn check(&self, x: &Tensor) -> Result<()> {
        check_shapes("Conv2d::forward", x, &self.w, &self.b, self.stride, self.padding)
    }

    /// [`forward`](Self::forward) after [`check`](Self::check).
    ///
    /// # Errors
    /// As [`check`](Self::check).
    pub fn try_forward(&self, x: &Tensor) -> Result<Tensor> {
        self.check(x).map(|()| self.forward(x))
    }

    /// The convolution of `x` (shape `[batch, in_channels, h, w]`).
    ///
    /// # Panics
    /// As [`conv2d`]; [`try_forward`](Self::try_forward) returns an [`Error`] instead.
    #[differentiable]
    pub fn forward(&self, x: &Tensor) -> Tensor {
        conv2d(x, &self.w, &self.b, self.stride, self.padding)
    }
}

/// Checks the operands of [`conv2d`]: `x` of shape `[batch, c, h, w]`, kernels `w` of shape
/// `[oc, c, kh, kw]` no larger than the padded image, one bias per output channel, and a
/// stride of at least 1.
///
/// ```
/// use backprop::{Tensor, layers::check_conv2d};
///
/// let (w, b) = (Tensor::zeros(&[4, 3, 3, 3]), Tensor::zeros(&[4]));
/// let error = check_conv2d(&Tensor::zeros(&[2, 1, 8, 8]), &w, &b, 1, 0).unwrap_err();
/// assert!(error.to_string().starts_with("conv2d: shapes [2, 1, 8, 8] and [4, 3, 3, 3] do not fit"));
/// ```
///
/// # Errors
/// [`Error::Shape`] naming `conv2d` and the shapes that do not fit.
pub fn check_conv2d(x: &Tensor, w: &Tensor, b: &Tensor, stride: usize, padding: usize) -> Result<()> {
    check_shapes("conv2d", x, w, b, stride, padding)
}

fn check_shapes(op: &'static str, x: &Tensor, w: &Tensor, b: &Tensor, stride: usize, padding: usize) -> Result<()> {
    let fits = x.shape.len() == 4
        && w.shape.len() == 4
        && x.shape[1] == w.shape[1]
        && w.shape[2] <= x.shape[2] + 2 * padding
        && w.shape[3] <= x.shape[3] + 2 * padding
        && stride > 0;
    if !fits {
        let help = "give images [batch, channels, height, width] with the kernels' channels [out, channels, kh, kw], \
                    kernels no larger than the padded images, and a stride of at least 1";
        return Err(Error::shape(op, &x.shape, &w.shape, help));
    }
    if b.shape != [w.shape[0]] {
        return Err(Error::shape(
            op,
            &w.shape,
            &b.shape,
            "give one bias per output channel, the kernels' first dimension",
        ));
    }
    Ok(())
}

/// The output side length for an input side `n`, kernel `k`, `stride` and `padding`.
///
/// # Panics
/// If the kernel is larger than the padded side, or `stride` is 0.
pub fn output_size(n: usize, k: usize, stride: usize, padding: usize) -> usize {
    (n + 2 * padding - k) / stride + 1
}

/// Convolution of `x` (`[batch, c, h, w]`) with kernels `w` (`[oc, c, kh, kw]`) plus bias
/// `b` (`[oc]`): shape `[batch, oc, oh, ow]`.
///
/// # Panics
/// If the channel counts differ or the kernel is larger than the padded image (the message
/// names both shapes); [`check_conv2d`] returns an [`Error`] instead.
#[differentiable(wrt(x, w, b))]
pub fn conv2d(x: &Tensor, w: &Tensor, b: &Tensor, stride: usize, padding: usize) -> Tensor {
    assert!(
        x.shape.len() == 4 && w.shape.len() == 4 && x.shape[1] == w.shape[1],
        "conv2d: shapes {:?} and {:?} do not fit (expected [batch, c, h, w] and [out, c, kh, kw]); \
         layers::check_conv2d returns this as an Error",
        x.shape,
        w.shape
    );
    // Written types tell the macro these integers, computed from shapes, carry no gradient.
    let oh: usize = output_size(x.shape[2], w.shape[2], stride, padding);
    let ow: usize = output_size(x.shape[3], w.shape[3], stride, padding);
    let cols = im2col(x, w.shape[2], w.shape[3], stride, padding);
    let y = matmul_nt(&cols, w);
    channels_first(&y, b, x.shape[0], oh, ow)
}

/// The windows of `x` as rows: shape `[batch · oh · ow, c · kh · kw]`, zeros where a window
/// reaches into the padding.
///
/// # Panics
/// If `x` is not 4-dimensional, or the kernel is larger than the padded image (checked by
/// [`check_conv2d`]).
///
/// Each kernel row of a window is a contiguous run of the image row: the loop copies the part
/// of it inside the image, with the bounds worked out once per run rather than per pixel.
#[differentiable(wrt(x))]
pub fn im2col(x: &Tensor, kh: usize, kw: usize, stride: usize, padding: usize) -> Tensor {
    let batch = x.shape[0];
    let c = x.shape[1];
    let h = x.shape[2];
    let w = x.shape[3];
    let oh: usize = output_size(h, kh, stride, padding);
    let ow: usize = output_size(w, kw, stride, padding);
    let width = c * kh * kw;
    let mut data = vec![0.0; batch * oh * ow * width];
    for n in 0..batch {
        for oy in 0..oh {
            for ox in 0..ow {
                let row = (n * oh + oy) * ow + ox;
                // Kernel columns whose image column `ox·stride + kx − padding` is inside the image.
                let left = ox * stride;
                let kx_start = padding.saturating_sub(left);
                let kx_end = kw.min(w + padding - left);
                for ch in 0..c {
                    for ky in 0..kh {
                        let iy = oy * stride + ky;
                        if iy >= padding && iy < h + padding {
                            // `left + kx ≥ padding` for every `kx` of the run.
                            let source = ((n * c + ch) * h + iy - padding) * w + left;
                            let target = row * width + (ch * kh + ky) * kw;
                            for kx in kx_start..kx_end {
                                data[target + kx] = x.data[source + kx - padding];
                            }
                        }
                    }
                }
            }
        }
    }
    Tensor { data, shape: vec![batch * oh * ow, width] }
}

/// `y` (`[batch · oh · ow, oc]`, one row per output pixel) as `[batch, oc, oh, ow]`, plus the
/// bias of each channel.
///
/// # Panics
/// If `y` holds fewer than `batch · oh · ow` rows of one value per bias.
#[differentiable(wrt(y, b))]
pub fn channels_first(y: &Tensor, b: &Tensor, batch: usize, oh: usize, ow: usize) -> Tensor {
    let oc = b.data.len();
    let mut data = vec![0.0; batch * oc * oh * ow];
    for n in 0..batch {
        for o in 0..oc {
            for p in 0..oh * ow {
                data[(n * oc + o) * oh * ow + p] = y.data[(n * oh * ow + p) * oc + o] + b.data[o];
            }
        }
    }
    Tensor { data, shape: vec![batch, oc, oh, ow] }
}
