//! Which loop tapes live on the stack.
//!
//! A loop whose iterations are known (literal bounds, and literal loops around it) and few
//! records into an `arrayvec` of that capacity instead of a `Vec`, so small fixed loops
//! (`for k in 0..3`) allocate nothing.

use crate::ir::{Function, StmtKind};
use std::collections::HashMap;

/// The loops whose tape lives on the stack, with its capacity.
pub fn fixed_tapes(function: &Function) -> HashMap<usize, usize> {
    let mut out = HashMap::new();
    fixed_in(&function.body.stmts, Some(1), &mut out);
    out
}

/// Most records a tape keeps on the stack; a loop that may run more iterations uses a `Vec`.
const MAX_FIXED_TAPE: usize = 64;

/// The loops among `stmts` (and inside them) whose tape can live on the stack, with its
/// capacity: the loop and every loop around it have literal bounds, so the iterations it runs
/// over the whole function are known, and they are at most [`MAX_FIXED_TAPE`]. `outer` is the
/// iterations of the loops around `stmts` (`None` if not known).
fn fixed_in(stmts: &[crate::ir::Stmt], outer: Option<usize>, out: &mut HashMap<usize, usize>) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Loop(l) => {
                let runs = outer.zip(literal_trip_count(&l.head)).and_then(|(a, b)| a.checked_mul(b));
                if let Some(capacity) = runs.filter(|&c| c <= MAX_FIXED_TAPE) {
                    out.insert(l.id, capacity);
                }
                fixed_in(&l.body.stmts, runs, out);
            }
            StmtKind::If(i) => {
                fixed_in(&i.then_block.stmts, outer, out);
                fixed_in(&i.else_block.stmts, outer, out);
            }
            _ => {}
        }
    }
}

/// The iterations of `for i in a..b` (also `..=`, `.rev()`, `.step_by(k)`) when `a`, `b` and
/// `k` are integer literals.
fn literal_trip_count(head: &crate::ir::LoopHead) -> Option<usize> {
    use crate::ir::{LoopHead, Operand, RangeAdaptor};
    let LoopHead::Range(range) = head else { return None };
    let literal = |o: &Operand| match o {
        Operand::Const(c) => c.int,
        Operand::Var(_) => None,
    };
    let (start, end) = (literal(&range.start)?, literal(&range.end)?);
    let mut count = if range.inclusive { end.checked_add(1)?.saturating_sub(start) } else { end.saturating_sub(start) };
    for adaptor in &range.adaptors {
        if let RangeAdaptor::StepBy(step) = adaptor {
            let step = literal(step).filter(|&k| k > 0)?;
            count = count.div_ceil(step);
        }
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// The generated source of `f`'s gradient functions.
    fn expand(f: proc_macro2::TokenStream) -> String {
        crate::differentiable(proc_macro2::TokenStream::new(), f).to_string()
    }

    #[test]
    fn literal_loops_get_stack_tapes_sized_by_all_enclosing_loops() {
        let out = expand(quote! {
            fn f(x: f64) -> f64 {
                let mut v = x;
                for i in 0..3 {
                    for j in (0..=4).rev().step_by(2) {
                        v = v * v.sin() + (i * j) as f64;
                    }
                }
                v
            }
        });
        // The inner loop runs 3 × 3 times in all.
        assert!(out.contains("FixedTape :: < _ , 9 >"), "{out}");
    }

    #[test]
    fn unknown_or_huge_trip_counts_keep_a_vec_tape_without_overflow() {
        for head in [quote!(0..n), quote!(0..=18446744073709551615), quote!(0..100)] {
            let out = expand(quote! {
                fn f(x: f64, n: usize) -> f64 {
                    let mut v = x;
                    for _ in #head {
                        v = v * v.sin();
                    }
                    v
                }
            });
            assert!(out.contains(":: std :: vec :: Vec :: new ()") && !out.contains("FixedTape"), "{head}: {out}");
        }
    }
}
