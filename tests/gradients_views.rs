//! Loops whose reverse sweep indexes buffers through views (bounds checks hoisted out of the
//! loop, see `codegen/src/emit/views.rs`), and loops that look alike but must keep their
//! per-element indexing: an access that runs only under a condition, an offset that changes
//! inside the loop, an index whose sum is not its top operation, an empty loop over a short
//! buffer. Each is checked against its hand-derived gradient or central differences, and the
//! ones that must not panic are called where a hoisted check would.
#![allow(clippy::needless_range_loop, reason = "index loops are what these tests differentiate")]
#![allow(clippy::assign_op_pattern, reason = "`y[j] = y[j] * x[j]` is the overwrite form under test")]

mod common;
use backprop::differentiable;
use common::*;

// f = Σᵢ ½ (Σⱼ a[i·m + j] wⱼ)²: rows read as `a[i * m + j]` (offset first) in a reversed
// inner loop. With yᵢ = Σⱼ a[i·m+j] wⱼ: ∂f/∂a[i·m+j] = yᵢ wⱼ, ∂f/∂wⱼ = Σᵢ yᵢ a[i·m+j].
#[differentiable]
fn rows_offset_first(a: &[f64], w: &[f64]) -> f64 {
    let m = w.len();
    let n = a.len() / m;
    let mut s = 0.0;
    for i in 0..n {
        let mut y = 0.0;
        for j in (0..m).rev() {
            y += a[i * m + j] * w[j];
        }
        s += 0.5 * y * y;
    }
    s
}

// The same with the index written `j + i * m` (offset last).
#[differentiable]
fn rows_offset_last(a: &[f64], w: &[f64]) -> f64 {
    let m = w.len();
    let n = a.len() / m;
    let mut s = 0.0;
    for i in 0..n {
        let mut y = 0.0;
        for j in 0..m {
            y += a[j + i * m] * w[j];
        }
        s += 0.5 * y * y;
    }
    s
}

fn rows_gradient(a: &[f64], w: &[f64]) -> Vec<f64> {
    let m = w.len();
    let n = a.len() / m;
    let y: Vec<f64> = (0..n).map(|i| (0..m).map(|j| a[i * m + j] * w[j]).sum()).collect();
    let da = (0..n * m).map(|k| y[k / m] * w[k % m]);
    let dw = (0..m).map(|j| (0..n).map(|i| y[i] * a[i * m + j]).sum());
    da.chain(dw).collect()
}

#[test]
fn row_views_give_the_matrix_vector_gradient_with_the_offset_on_either_side() {
    let a = [0.5, -1.0, 2.0, 0.25, 1.5, -0.75];
    let w = [0.3, -0.2, 1.1];
    let want = rows_gradient(&a, &w);
    let (_, (da, dw)) = rows_offset_first_grad(&a, &w);
    assert_grad_close(&[da, dw].concat(), &want, EXACT64);
    let (_, (da, dw)) = rows_offset_last_grad(&a, &w);
    assert_grad_close(&[da, dw].concat(), &want, EXACT64);
    let split = |p: &[f64]| (p[..6].to_vec(), p[6..].to_vec());
    let grad = |p: &[f64]| {
        let (a, w) = split(p);
        let (v, (da, dw)) = rows_offset_first_grad(&a, &w);
        (v, [da, dw].concat())
    };
    let f = |p: &[f64]| {
        let (a, w) = split(p);
        rows_offset_first(&a, &w)
    };
    check_fd_n64(grad, f, &[&[a.as_slice(), &w].concat(), &[0.1, 0.2, 0.3, -0.4, -0.5, 0.6, 1.0, 2.0, -1.0]]);
}

// f = Σ_{j=lo..=hi} x[off + j]² over an inclusive window: ∂f/∂x[k] = 2 x[k] inside it.
#[differentiable]
fn inclusive_window(x: &[f64], off: usize, lo: usize, hi: usize) -> f64 {
    let mut s = 0.0;
    for j in lo..=hi {
        s += x[off + j] * x[off + j];
    }
    s
}

#[test]
fn an_inclusive_window_reaches_its_last_element() {
    let x = [1.0, -2.0, 0.5, 3.0, -1.5];
    let (_, dx) = inclusive_window_grad(&x, 1, 1, 3);
    let want: Vec<f64> = (0..5).map(|k| if (2..=4).contains(&k) { 2.0 * x[k] } else { 0.0 }).collect();
    assert_grad_close(&dx, &want, EXACT64);
    check_fd_n64(
        |p| inclusive_window_grad(p, 1, 1, 3),
        |p| inclusive_window(p, 1, 1, 3),
        &[&x, &[0.1, 0.2, -0.3, 0.4, 0.5]],
    );
}

// An empty loop over a buffer shorter than its bounds: the primal never indexes, so the
// gradient must not either (a view `&x[10..][..hi]` taken before the loop would panic).
#[differentiable]
fn empty_loop_over_a_short_buffer(x: &[f64], lo: usize, hi: usize) -> f64 {
    let mut s = x[0] * x[1];
    for j in lo..hi {
        s += x[j + 10].sin();
    }
    s
}

#[test]
fn an_empty_loop_indexes_nothing() {
    let x = [2.0, -3.0];
    let (v, dx) = empty_loop_over_a_short_buffer_grad(&x, 4, 4);
    assert_eq!(v, -6.0);
    assert_grad_close(&dx, &[-3.0, 2.0], EXACT64);
    let (_, dx) = empty_loop_over_a_short_buffer_grad(&x, 7, 3);
    assert_grad_close(&dx, &[-3.0, 2.0], EXACT64);
}

// f = Σ_{j<n, j<len} xⱼ²: the access runs only under a condition, so `n` may exceed the
// buffer's length and no check may be hoisted. ∂f/∂xⱼ = 2xⱼ.
#[differentiable]
fn guarded_access(x: &[f64], n: usize) -> f64 {
    let mut s = 0.0;
    for j in 0..n {
        if j < x.len() {
            s += x[j] * x[j];
        }
    }
    s
}

#[test]
fn an_access_under_a_condition_is_checked_where_it_runs() {
    let x = [1.0, -0.5, 2.0];
    let (v, dx) = guarded_access_grad(&x, 10);
    assert_rel64(v, 5.25, 1e-15, "value");
    assert_grad_close(&dx, &[2.0, -1.0, 4.0], EXACT64);
}

// The offset changes inside the loop (`k` is bound in the body, `step` is `mut`): each element
// must be indexed as it was. f = Σⱼ x[j % 2 + j] · x[step + j], checked by differences.
#[differentiable]
fn offset_bound_inside_the_loop(x: &[f64], n: usize) -> f64 {
    let mut step = 1;
    let mut s = 0.0;
    for j in 0..n {
        let k = j % 2;
        s += x[k + j] * x[step + j];
        if j == 1 {
            step = 0;
        }
    }
    s
}

#[test]
fn an_offset_that_changes_inside_the_loop_keeps_per_element_indexing() {
    let points: [&[f64]; 2] = [&[0.5, 1.5, -1.0, 2.0, 0.25, -0.75, 1.25], &[-1.0, 0.5, 0.25, 1.5, -2.0, 1.0, 0.75]];
    check_fd_n64(|p| offset_bound_inside_the_loop_grad(p, 4), |p| offset_bound_inside_the_loop(p, 4), &points);
}

// `x[j + a - b]` is `(j + a) - b`: hoisting `a - b` would underflow when `b > a` although every
// index is in range. f = Σ_{j=b..n} x[j + a − b]², ∂f/∂xₖ = 2xₖ for k < n − b + a.
#[differentiable]
fn index_sum_is_not_the_top_operation(x: &[f64], a: usize, b: usize) -> f64 {
    let mut s = 0.0;
    for j in b..x.len() {
        s += x[j + a - b] * x[j + a - b];
    }
    s
}

#[test]
fn an_index_whose_sum_is_not_on_top_is_left_alone() {
    let x = [1.0, 2.0, -1.0, 0.5];
    let (_, dx) = index_sum_is_not_the_top_operation_grad(&x, 0, 2);
    assert_grad_close(&dx, &[2.0, 4.0, 0.0, 0.0], EXACT64);
}

// A local buffer overwritten in the loop (its old elements are restored in the reverse sweep,
// a write the view must not take over): yⱼ ← yⱼ·xⱼ twice, f = Σ yⱼ = Σ cⱼ xⱼ², ∂f/∂xⱼ = 2cⱼxⱼ.
#[differentiable]
fn overwritten_local(x: &[f64], c: &[f64]) -> f64 {
    let mut y = c.to_vec();
    let mut s = 0.0;
    for j in 0..x.len() {
        y[j] = y[j] * x[j];
        y[j] = y[j] * x[j];
        s += y[j];
    }
    s
}

#[test]
fn a_local_overwritten_in_the_loop_restores_each_element() {
    let (x, c) = ([0.5, -2.0, 1.5], [1.0, 3.0, -0.5]);
    let (_, (dx, dc)) = overwritten_local_grad(&x, &c);
    let want: Vec<f64> = (0..3).map(|j| 2.0 * c[j] * x[j]).collect();
    assert_grad_close(&dx, &want, EXACT64);
    let want: Vec<f64> = x.iter().map(|v| v * v).collect();
    assert_grad_close(&dc, &want, EXACT64);
}

// f32 and arrays: f = Σⱼ (x[j] + 2y[j])², the reverse loop runs over `[f32; 4]` adjoints.
#[differentiable]
fn arrays_f32(x: [f32; 4], y: &[f32; 4]) -> f32 {
    let mut s = 0.0;
    for j in 0..4 {
        let t = x[j] + 2.0 * y[j];
        s += t * t;
    }
    s
}

#[test]
fn array_adjoints_take_views_too() {
    let (x, y) = ([0.5f32, -1.0, 2.0, 0.25], [1.0f32, 0.5, -0.25, 2.0]);
    let (_, (dx, dy)) = arrays_f32_grad(x, &y);
    for j in 0..4 {
        let t = x[j] + 2.0 * y[j];
        assert_rel32(dx[j], 2.0 * t, 1e-6, "dx");
        assert_rel32(dy[j], 4.0 * t, 1e-6, "dy");
    }
}

// A layer as a struct: `w` an array, `b` a `Vec` read in the outer loop; both primal and
// adjoint fields are indexed through views.
// f = Σₒ tanh(Σᵢ w[o·n + i] xᵢ + bₒ): with tₒ = tanh(…), ∂f/∂w[o·n+i] = (1 − tₒ²) xᵢ,
// ∂f/∂bₒ = 1 − tₒ², ∂f/∂xᵢ = Σₒ (1 − tₒ²) w[o·n+i].
#[derive(backprop::Differentiable, Clone)]
struct ArrayLayer {
    w: [f64; 6],
    b: Vec<f64>,
    inputs: usize,
}

#[differentiable]
fn array_layer(layer: &ArrayLayer, x: &[f64]) -> f64 {
    let mut s = 0.0;
    for o in 0..layer.b.len() {
        let mut acc = layer.b[o];
        for i in 0..layer.inputs {
            acc += layer.w[o * layer.inputs + i] * x[i];
        }
        s += acc.tanh();
    }
    s
}

#[test]
fn struct_fields_give_the_layer_gradient() {
    let layer = ArrayLayer { w: [0.5, -0.25, 1.0, 0.75, -1.5, 0.2], b: vec![0.1, -0.3], inputs: 3 };
    let x = [0.4, -0.6, 0.9];
    let (_, (g, gx)) = array_layer_grad(&layer, &x);
    let (mut dw, mut db, mut dx) = (vec![0.0; 6], vec![0.0; 2], vec![0.0; 3]);
    for o in 0..2 {
        let t = (layer.b[o] + (0..3).map(|i| layer.w[o * 3 + i] * x[i]).sum::<f64>()).tanh();
        db[o] = 1.0 - t * t;
        for i in 0..3 {
            dw[o * 3 + i] = (1.0 - t * t) * x[i];
            dx[i] += (1.0 - t * t) * layer.w[o * 3 + i];
        }
    }
    assert_grad_close(&g.w, &dw, EXACT64);
    assert_grad_close(&g.b, &db, EXACT64);
    assert_grad_close(&gx, &dx, EXACT64);
    assert_grad_close(&backprop::flatten(&g), &fd_leaves(|m| array_layer(m, &x), &layer), FD_TOL64);
}

// Buffers whose names look alike once printed (`m.w` and `m_w`, `x` and `_x`, an adjoint
// `__d_x` and a parameter `d_x`): each keeps its own view.
// f = Σⱼ m.w[j]·m_w[j]²: ∂/∂m.w[j] = m_w[j]², ∂/∂m_w[j] = 2·m.w[j]·m_w[j].
#[derive(backprop::Differentiable, Clone)]
struct Named {
    w: Vec<f64>,
}

#[differentiable]
fn field_beside_a_like_named_slice(m: &Named, m_w: &[f64]) -> f64 {
    let mut s = 0.0;
    for j in 0..m_w.len() {
        s += m.w[j] * m_w[j] * m_w[j];
    }
    s
}

// f = Σⱼ xⱼ·_xⱼ² + xⱼ·d_xⱼ: ∂/∂xⱼ = _xⱼ² + d_xⱼ, ∂/∂_xⱼ = 2xⱼ_xⱼ, ∂/∂d_xⱼ = xⱼ.
#[allow(clippy::duplicate_underscore_argument, reason = "the look-alike names are under test")]
#[differentiable]
fn underscored_and_adjoint_like_names(x: &[f64], _x: &[f64], d_x: &[f64]) -> f64 {
    let mut s = 0.0;
    for j in 0..x.len() {
        s += x[j] * _x[j] * _x[j] + x[j] * d_x[j];
    }
    s
}

#[test]
fn buffers_with_like_names_keep_their_own_views() {
    let m = Named { w: vec![1.0, 2.0, 3.0] };
    let m_w = [0.5, -1.0, 2.0];
    let (_, (gm, gw)) = field_beside_a_like_named_slice_grad(&m, &m_w);
    assert_grad_close(&gm.w, &[0.25, 1.0, 4.0], EXACT64);
    assert_grad_close(&gw, &[1.0, -4.0, 12.0], EXACT64);
    let (x, ux, dx) = ([1.0, -2.0], [3.0, 0.5], [0.25, 4.0]);
    let (_, (gx, gux, gdx)) = underscored_and_adjoint_like_names_grad(&x, &ux, &dx);
    assert_grad_close(&gx, &[9.0 + 0.25, 0.25 + 4.0], EXACT64);
    assert_grad_close(&gux, &[6.0, -2.0], EXACT64);
    assert_grad_close(&gdx, &x, EXACT64);
}

// A field whose type indexes through `Deref` to a slice (a newtype around a `Vec`), and one
// that implements `Index<usize>` itself without being a slice: both compile and give
// f = Σⱼ w[j]·xⱼ + Σⱼ r[j]·xⱼ², ∂/∂w[j] = xⱼ, ∂/∂r[j] = xⱼ².
#[derive(backprop::Differentiable, Clone)]
struct Weights {
    v: Vec<f64>,
}

impl std::ops::Deref for Weights {
    type Target = [f64];
    fn deref(&self) -> &[f64] {
        &self.v
    }
}

impl std::ops::DerefMut for Weights {
    fn deref_mut(&mut self) -> &mut [f64] {
        &mut self.v
    }
}

#[derive(backprop::Differentiable, Clone)]
struct Ring {
    v: Vec<f64>,
}

impl std::ops::Index<usize> for Ring {
    type Output = f64;
    fn index(&self, i: usize) -> &f64 {
        &self.v[i % self.v.len()]
    }
}

impl std::ops::IndexMut<usize> for Ring {
    fn index_mut(&mut self, i: usize) -> &mut f64 {
        let n = self.v.len();
        &mut self.v[i % n]
    }
}

#[derive(backprop::Differentiable, Clone)]
struct Wrapped {
    w: Weights,
    r: Ring,
}

#[differentiable(wrt(m))]
fn wrapped_fields(m: &Wrapped, x: &[f64]) -> f64 {
    let mut s = 0.0;
    for j in 0..x.len() {
        s += m.w[j] * x[j] + m.r[j] * x[j] * x[j];
    }
    s
}

#[test]
fn fields_indexed_through_deref_or_their_own_index_compile_and_differentiate() {
    let m = Wrapped { w: Weights { v: vec![0.5, -1.0, 2.0] }, r: Ring { v: vec![1.5, 0.25, -0.5] } };
    let x = [2.0, -0.5, 1.5];
    let (value, g) = wrapped_fields_grad(&m, &x);
    assert_eq!(value, wrapped_fields(&m, &x));
    assert_grad_close(&g.w.v, &x, EXACT64);
    assert_grad_close(&g.r.v, &[4.0, 0.25, 2.25], EXACT64);
}

// Two fields of one element of a `Vec` of structs (`ls[c].w`, `ls[c].b`): past an index no
// two paths are disjoint (both borrow the whole `Vec` through `Index`), so neither sweep
// slices them side by side (both gave E0499/E0502). f = (Σ_c Σ_j ls[c].w[j] x[j] + ls[c].b[j])².
#[derive(Clone, backprop::Differentiable)]
struct Unit {
    w: Vec<f64>,
    b: Vec<f64>,
}

#[differentiable]
fn two_fields_of_one_element(ls: &[Unit], x: &[f64]) -> f64 {
    let mut s = 0.0;
    for c in 0..ls.len() {
        for j in 0..x.len() {
            s += ls[c].w[j] * x[j] + ls[c].b[j];
        }
    }
    s * s
}

// A local copy whose element's `w` is written while another element's `b` is read.
#[differentiable]
fn write_one_field_read_another(ls0: &[Unit], x: &[f64]) -> f64 {
    let mut ls = ls0.to_vec();
    let (k, q) = (0, 1);
    for j in 0..x.len() {
        ls[k].w[j] = ls[k].w[j] * x[j] + ls[q].b[j];
    }
    let mut s = 0.0;
    for j in 0..x.len() {
        s += ls[k].w[j] * ls[k].w[j];
    }
    s
}

// A tuple's field indexed in a loop (`t.0[j]`): the macro panicked printing `.0`.
#[differentiable]
fn tuple_field(t: &(Vec<f64>, Vec<f64>), x: &[f64]) -> f64 {
    let mut s = 0.0;
    for j in 0..x.len() {
        s += t.0[j] * x[j] * t.1[j];
    }
    s
}

#[test]
fn fields_of_vec_elements_and_tuples_compile_and_differentiate() {
    let ls = vec![Unit { w: vec![0.5, -1.0], b: vec![0.25, 2.0] }, Unit { w: vec![1.5, 0.3], b: vec![-0.7, 0.1] }];
    let x = vec![0.4, -1.2];
    // s = Σ_c (w_c·x + Σb_c); ∂f/∂w_c[j] = 2s x[j], ∂f/∂b_c[j] = 2s, ∂f/∂x[j] = 2s Σ_c w_c[j].
    let s: f64 = ls.iter().map(|u| u.w.iter().zip(&x).map(|(w, x)| w * x).sum::<f64>() + u.b.iter().sum::<f64>()).sum();
    let (value, (gls, gx)) = two_fields_of_one_element_grad(&ls, &x);
    assert_rel64(value, s * s, EXACT64, "value");
    for u in &gls {
        assert_grad_close(&u.w, &[2.0 * s * x[0], 2.0 * s * x[1]], EXACT64);
        assert_grad_close(&u.b, &[2.0 * s, 2.0 * s], EXACT64);
    }
    assert_grad_close(&gx, &[2.0 * s * 2.0, 2.0 * s * -0.7], EXACT64);
    // w'[j] = w0[j] x[j] + b1[j]; f = Σ w'[j]²: ∂f/∂w0[j] = 2w'[j] x[j], ∂f/∂b1[j] = 2w'[j],
    // ∂f/∂x[j] = 2w'[j] w0[j].
    let wp: Vec<f64> = (0..2).map(|j| ls[0].w[j] * x[j] + ls[1].b[j]).collect();
    let (value, (gls, gx)) = write_one_field_read_another_grad(&ls, &x);
    assert_rel64(value, wp.iter().map(|v| v * v).sum(), EXACT64, "value");
    assert_grad_close(&gls[0].w, &[2.0 * wp[0] * x[0], 2.0 * wp[1] * x[1]], EXACT64);
    assert_grad_close(&gls[1].b, &[2.0 * wp[0], 2.0 * wp[1]], EXACT64);
    assert_grad_close(&gx, &[2.0 * wp[0] * ls[0].w[0], 2.0 * wp[1] * ls[0].w[1]], EXACT64);
    let (_, slope) = write_one_field_read_another_jvp(&ls, &x, &ls, &[0.0, 0.0]);
    let want: f64 = (0..2).map(|j| 2.0 * wp[j] * (ls[0].w[j] * x[j] + ls[1].b[j])).sum();
    assert_rel64(slope, want, 1e-12, "jvp along the parameters themselves");
    // Σ t.0[j] x[j] t.1[j]: ∂/∂t.0[j] = x[j] t.1[j], ∂/∂x[j] = t.0[j] t.1[j].
    let t = (vec![0.5, -1.0], vec![2.0, 3.0]);
    let (_, (gt, gx)) = tuple_field_grad(&t, &x);
    assert_grad_close(&gt.0, &[0.4 * 2.0, -1.2 * 3.0], EXACT64);
    assert_grad_close(&gt.1, &[0.5 * 0.4, -1.0 * -1.2], EXACT64);
    assert_grad_close(&gx, &[1.0, -3.0], EXACT64);
}
