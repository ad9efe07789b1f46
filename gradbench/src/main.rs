//! `backprop-gradbench`: a GradBench tool. Run without arguments; it answers the protocol on
//! stdin/stdout until stdin ends.

fn main() -> std::io::Result<()> {
    keep_freed_memory();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    backprop_gradbench::protocol::serve(stdin.lock(), stdout.lock())
}

/// glibc's `malloc` gives a freed block above its mmap threshold (128 KiB at first, raised to
/// each freed block's size) back to the kernel, and trims the heap when its free top exceeds
/// twice the threshold. A derivative over vectors of 10⁵ floats frees and allocates such blocks
/// at every step (tape entries, adjoints, a callee's gradients), so every step faulted its pages
/// in again: on `ode`'s largest input a quarter of the gradient's time went to the kernel
/// clearing pages (`perf`). The tool keeps freed memory for reuse instead, as JAX's allocator
/// does; gradbench/README.md gives the times with and without it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: `mallopt` only sets two of glibc's tuning parameters; it is called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 30);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}
