//! The gradient of straight-line scalar code allocates nothing, a loop that only reads its
//! inputs records nothing, and loops with literal bounds record on the stack. A counting
//! global allocator checks it.
use backprop::differentiable;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Only the thread being measured counts; the test harness allocates on its own threads.
    static COUNTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(|c| c.get()) {
            ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread (tests in this file run one at a time).
fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    COUNTING.with(|c| c.set(true));
    let out = std::hint::black_box(f());
    COUNTING.with(|c| c.set(false));
    (out, ALLOCATIONS.load(Ordering::SeqCst) - before)
}

static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

// A branchy, call-using scalar function: no loops, so nothing to record.
#[differentiable]
fn inner(x: f64, y: f64) -> f64 {
    (x * y).sin() + y.exp()
}

#[differentiable]
fn straight_line(x: f64, y: f64) -> f64 {
    let a = x * x + y.tanh();
    let b = if a > 1.0 { a.ln() } else { a.sqrt() + 1.0 };
    let c = inner(a, b) * x.max(y);
    c / (1.0 + b * b)
}

// Reads its inputs only: the reverse sweep re-reads them instead of recording.
#[differentiable]
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * y[i];
    }
    s
}

#[test]
fn straight_line_gradient_makes_no_allocation() {
    let _guard = SERIAL.lock();
    let ((value, (gx, gy)), count) = allocations(|| straight_line_grad(0.7, 1.3));
    assert_eq!(count, 0, "straight_line_grad allocated {count} times");
    assert_eq!(value, straight_line(0.7, 1.3));
    assert!(gx.is_finite() && gy.is_finite());
}

#[test]
fn pullback_of_straight_line_code_makes_no_allocation() {
    let _guard = SERIAL.lock();
    let ((_, g), count) = allocations(|| {
        let (value, pullback) = straight_line_vjp(0.7, 1.3);
        (value, pullback(2.0))
    });
    assert_eq!(count, 0, "straight_line_vjp allocated {count} times");
    let (_, (gx, gy)) = straight_line_grad(0.7, 1.3);
    assert_eq!(g, (2.0 * gx, 2.0 * gy));
}

#[test]
fn dot_product_records_nothing() {
    let _guard = SERIAL.lock();
    let x: Vec<f64> = (0..1000).map(|i| i as f64 * 0.001).collect();
    let y: Vec<f64> = (0..1000).map(|i| 1.0 - i as f64 * 0.002).collect();
    // The two gradient vectors are the only allocations, however long the loop.
    let ((_, (gx, gy)), count) = allocations(|| dot_grad(&x, &y));
    assert_eq!(count, 2, "dot_grad allocated {count} times");
    assert_eq!((gx, gy), (y.clone(), x.clone()));
}

// A scratch buffer refilled per row and read by a nested loop: the reverse sweep fills it
// again instead of recording the reads.
#[differentiable(wrt(a, centre))]
fn scratch(a: &[f64], centre: &[f64], n: usize) -> f64 {
    let mut d = vec![0.0; n];
    let mut total = 0.0;
    for r in 0..a.len() / n {
        for j in 0..n {
            d[j] = a[r * n + j] - centre[j];
        }
        for j in 0..n {
            for k in 0..j {
                total += d[k] * d[j];
            }
        }
    }
    total
}

#[test]
fn a_refilled_scratch_buffer_records_nothing() {
    let _guard = SERIAL.lock();
    let centre = [0.5, -0.25, 1.0, 2.0];
    let short: Vec<f64> = (0..8).map(|i| i as f64 * 0.1).collect();
    let long: Vec<f64> = (0..400).map(|i| i as f64 * 0.1).collect();
    let (_, few_rows) = allocations(|| scratch_grad(&short, &centre, 4));
    let (_, many_rows) = allocations(|| scratch_grad(&long, &centre, 4));
    assert_eq!(few_rows, many_rows, "allocations grow with the rows: {few_rows} for 2 rows, {many_rows} for 100");
}

// Loops with literal bounds record on the stack: `v` is overwritten every iteration, so each
// iteration's `v` and `sin v` are kept, in a tape of 20 (then 3 × 3) records.
#[differentiable]
fn fixed_loops(x: f64, c: f64) -> f64 {
    let mut v = x;
    for _ in 0..20 {
        v = v * v.sin() + c;
    }
    for i in 0..3 {
        for j in (0..=4).rev().step_by(2) {
            v = (v * c).tanh() + (i * j) as f64 * 0.1;
        }
    }
    v
}

#[test]
fn loops_with_literal_bounds_record_on_the_stack() {
    let _guard = SERIAL.lock();
    let ((value, (gx, gc)), count) = allocations(|| fixed_loops_grad(0.3, 0.1));
    assert_eq!(count, 0, "fixed_loops_grad allocated {count} times");
    assert_eq!(value, fixed_loops(0.3, 0.1));
    // Central differences: an independent check that the stack tapes give the same gradient.
    let h = 1e-6;
    let fd_x = (fixed_loops(0.3 + h, 0.1) - fixed_loops(0.3 - h, 0.1)) / (2.0 * h);
    let fd_c = (fixed_loops(0.3, 0.1 + h) - fixed_loops(0.3, 0.1 - h)) / (2.0 * h);
    approx::assert_relative_eq!(gx, fd_x, max_relative = 1e-6);
    approx::assert_relative_eq!(gc, fd_c, max_relative = 1e-6);
    let ((_, (px, pc)), count) = allocations(|| {
        let (value, pullback) = fixed_loops_vjp(0.3, 0.1);
        (value, pullback(2.0))
    });
    assert_eq!(count, 0, "fixed_loops_vjp allocated {count} times");
    assert_eq!((px, pc), (2.0 * gx, 2.0 * gc));
}
