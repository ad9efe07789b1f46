//! Which loops get views, read from expansions.

use quote::quote;

/// The views (and field viewers) declared in the expansion of `f`, as `name=value`
/// without spaces.
fn views(f: proc_macro2::TokenStream) -> Vec<String> {
    let out = crate::differentiable(proc_macro2::TokenStream::new(), f).to_string();
    out.split("let ")
        .filter_map(|s| s.split(';').next())
        .map(|s| s.replace(' ', "").trim_start_matches("mut").to_owned())
        .filter(|s| s.split('=').next().is_some_and(|name| name.starts_with("__view") || name.starts_with("__source")))
        .collect()
}

#[test]
fn rows_and_whole_buffers_read_in_every_iteration_get_views() {
    let got = views(quote! {
        fn f(a: &[f64], x: &[f64], n: usize) -> f64 {
            let m = x.len();
            let mut s = 0.0;
            for i in 0..n {
                for j in 0..m {
                    s += a[i * m + j] * x[j];
                }
            }
            s
        }
    });
    for want in ["=&a[i*m..][..m]", "=&mut__d_a[i*m..][..m]", "=&x[..m]"] {
        assert!(got.iter().any(|v| v.ends_with(want)), "{want} not in {got:?}");
    }
}

#[test]
fn offsets_computed_in_the_body_from_invariant_fields_are_hoisted_with_their_values() {
    let got = views(quote! {
        fn f(w: &[f64], x: &[f64], dims: &Dims) -> f64 {
            let mut s = 0.0;
            for o in 0..dims.outputs {
                for i in 0..dims.inputs {
                    s += w[o * dims.inputs + i] * x[i];
                }
            }
            s
        }
    });
    assert!(got.iter().any(|v| v.contains("=&w[o*dims.inputs..]")), "{got:?}");
    // A pure method of a binding that cannot change (`x.len()`) keeps its value too.
    let got = views(quote! {
        fn f(w: &[f64], x: &[f64]) -> f64 {
            let mut s = 0.0;
            for o in 0..3 {
                for i in 0..x.len() {
                    s += w[o * x.len() + i] * x[i];
                }
            }
            s
        }
    });
    assert!(got.iter().any(|v| v.contains("=&w[o*(x.len())..]")), "{got:?}");
    // One that can (a `mut` binding) leaves the offset in the loop.
    let got = views(quote! {
        fn f(w: &[f64], x: &[f64]) -> f64 {
            let mut s = 0.0;
            let mut k = 2;
            for o in 0..3 {
                for i in 0..x.len() {
                    s += w[o * k + i] * x[i];
                }
                k += 1;
            }
            s
        }
    });
    assert!(got.iter().all(|v| !v.contains("=&w[")), "{got:?}");
}

#[test]
fn struct_fields_get_views_through_viewer_unless_the_struct_is_used_whole() {
    let got = views(quote! {
        fn f(m: &Model, x: &[f64]) -> f64 {
            let mut s = 0.0;
            for o in 0..m.b.len() {
                for i in 0..m.inputs {
                    s += m.w[o * m.inputs + i] * x[i];
                }
                s += m.b[o];
            }
            s
        }
    });
    for want in [
        "__source0_0=::backprop::__private::Viewer::new(&mut__d_m.w)",
        "__view0_0=__source0_0.__backprop_window(o*m.inputs,..__t1)",
        "=::backprop::__private::Viewer::new(&m.w)",
        // `__d_m.b` in the outer loop is disjoint from `__d_m.w`: both get views.
        "__source1_0=::backprop::__private::Viewer::new(&mut__d_m.b)",
    ] {
        assert!(got.iter().any(|v| v.contains(want)), "{want} not in {got:?}");
    }
    let got = views(quote! {
        fn f(m: &Model, x: &[f64]) -> f64 {
            let mut s = 0.0;
            for i in 0..x.len() {
                s += m.w[i] * x[i] + g(m);
            }
            s
        }
    });
    // `g(m)` adds into all of `__d_m`: its field keeps per-element indexing.
    assert!(got.iter().all(|v| !v.contains("&mut__d_m.w")), "{got:?}");
}

#[test]
fn conditional_reads_changing_offsets_and_lower_operators_keep_their_checks() {
    let cases = [
        quote!(
            fn f(x: &[f64], n: usize) -> f64 {
                let mut s = 0.0;
                for j in 0..n {
                    if j < 3 {
                        s += x[j];
                    }
                }
                s
            }
        ),
        quote!(
            fn f(x: &[f64], n: usize) -> f64 {
                let mut s = 0.0;
                for j in 0..n {
                    let k = j / 2;
                    s += x[k + j];
                }
                s
            }
        ),
        quote!(
            fn f(x: &[f64], n: usize) -> f64 {
                let mut k = 1;
                let mut s = 0.0;
                for j in 0..n {
                    s += x[k + j];
                }
                k += 1;
                s
            }
        ),
        quote!(
            fn f(x: &[f64], a: usize, n: usize) -> f64 {
                let mut s = 0.0;
                for j in 0..n {
                    s += x[j + a - 1];
                }
                s
            }
        ),
        quote!(
            fn f(x: &[f64], a: usize, n: usize) -> f64 {
                let mut s = 0.0;
                for j in 0..n {
                    s += x[a << 1 + j];
                }
                s
            }
        ),
        quote!(
            fn f(x: &[f64], n: usize) -> f64 {
                let mut s = 0.0;
                for j in (0..n).step_by(2) {
                    s += x[j];
                }
                s
            }
        ),
        quote!(
            fn f(x: &[f64], n: usize) -> f64 {
                let mut s = 0.0;
                for j in 0..n {
                    s += x[j] * x[j + 1];
                }
                s
            }
        ),
    ];
    for case in cases {
        let got = views(case.clone());
        assert!(got.is_empty(), "{case}: {got:?}");
    }
}
