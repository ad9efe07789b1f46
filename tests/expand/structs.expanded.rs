//! Derived structs: fields, methods with `&self` and `self`, nesting.
use backprop::{Differentiable, differentiable};
#[derive(Differentiable, Clone)]
pub struct Layer {
    w: Vec<f64>,
    b: Vec<f64>,
    inputs: usize,
}
/// The gradient of a [`Layer`] is a [`Layer`].
impl ::backprop::__private::Differentiable for Layer {
    type Tangent = Layer;
    fn zero_tangent(&self) -> Layer {
        Layer {
            w: ::backprop::__private::Differentiable::zero_tangent(&self.w),
            b: ::backprop::__private::Differentiable::zero_tangent(&self.b),
            inputs: ::backprop::__private::Differentiable::zero_tangent(&self.inputs),
        }
    }
    fn visit_pair(
        &mut self,
        tangent: &Layer,
        visitor: &mut ::backprop::__private::PairVisitor<'_>,
    ) {
        ::backprop::__private::Differentiable::visit_pair(
            &mut self.w,
            &tangent.w,
            &mut visitor.enter("w"),
        );
        ::backprop::__private::Differentiable::visit_pair(
            &mut self.b,
            &tangent.b,
            &mut visitor.enter("b"),
        );
        ::backprop::__private::Differentiable::visit_pair(
            &mut self.inputs,
            &tangent.inputs,
            &mut visitor.enter("inputs"),
        );
    }
    fn visit_named(&self, visitor: &mut ::backprop::__private::NamedVisitor<'_>) {
        ::backprop::__private::Differentiable::visit_named(
            &self.w,
            &mut visitor.enter("w"),
        );
        ::backprop::__private::Differentiable::visit_named(
            &self.b,
            &mut visitor.enter("b"),
        );
        ::backprop::__private::Differentiable::visit_named(
            &self.inputs,
            &mut visitor.enter("inputs"),
        );
    }
    fn visit_named_mut(
        &mut self,
        visitor: &mut ::backprop::__private::NamedVisitorMut<'_>,
    ) {
        ::backprop::__private::Differentiable::visit_named_mut(
            &mut self.w,
            &mut visitor.enter("w"),
        );
        ::backprop::__private::Differentiable::visit_named_mut(
            &mut self.b,
            &mut visitor.enter("b"),
        );
        ::backprop::__private::Differentiable::visit_named_mut(
            &mut self.inputs,
            &mut visitor.enter("inputs"),
        );
    }
}
impl ::backprop::__private::Accumulate for Layer {
    fn accumulate(&mut self, __other: Layer) {
        ::backprop::__private::Accumulate::accumulate(&mut self.w, __other.w);
        ::backprop::__private::Accumulate::accumulate(&mut self.b, __other.b);
        ::backprop::__private::Accumulate::accumulate(&mut self.inputs, __other.inputs);
    }
}
impl ::backprop::__private::Activity for Layer {
    type Flag = ::backprop::__private::Active;
}
impl ::backprop::__private::GradList for Layer {
    type Cons = (Layer, ());
    fn into_cons(self) -> (Layer, ()) {
        (self, ())
    }
}
#[derive(Differentiable, Clone)]
pub struct Net {
    hidden: Layer,
    head: Vec<f64>,
}
/// The gradient of a [`Net`] is a [`Net`].
impl ::backprop::__private::Differentiable for Net {
    type Tangent = Net;
    fn zero_tangent(&self) -> Net {
        Net {
            hidden: ::backprop::__private::Differentiable::zero_tangent(&self.hidden),
            head: ::backprop::__private::Differentiable::zero_tangent(&self.head),
        }
    }
    fn visit_pair(
        &mut self,
        tangent: &Net,
        visitor: &mut ::backprop::__private::PairVisitor<'_>,
    ) {
        ::backprop::__private::Differentiable::visit_pair(
            &mut self.hidden,
            &tangent.hidden,
            &mut visitor.enter("hidden"),
        );
        ::backprop::__private::Differentiable::visit_pair(
            &mut self.head,
            &tangent.head,
            &mut visitor.enter("head"),
        );
    }
    fn visit_named(&self, visitor: &mut ::backprop::__private::NamedVisitor<'_>) {
        ::backprop::__private::Differentiable::visit_named(
            &self.hidden,
            &mut visitor.enter("hidden"),
        );
        ::backprop::__private::Differentiable::visit_named(
            &self.head,
            &mut visitor.enter("head"),
        );
    }
    fn visit_named_mut(
        &mut self,
        visitor: &mut ::backprop::__private::NamedVisitorMut<'_>,
    ) {
        ::backprop::__private::Differentiable::visit_named_mut(
            &mut self.hidden,
            &mut visitor.enter("hidden"),
        );
        ::backprop::__private::Differentiable::visit_named_mut(
            &mut self.head,
            &mut visitor.enter("head"),
        );
    }
}
impl ::backprop::__private::Accumulate for Net {
    fn accumulate(&mut self, __other: Net) {
        ::backprop::__private::Accumulate::accumulate(&mut self.hidden, __other.hidden);
        ::backprop::__private::Accumulate::accumulate(&mut self.head, __other.head);
    }
}
impl ::backprop::__private::Activity for Net {
    type Flag = ::backprop::__private::Active;
}
impl ::backprop::__private::GradList for Net {
    type Cons = (Net, ());
    fn into_cons(self) -> (Net, ()) {
        (self, ())
    }
}
#[derive(Differentiable, Clone, Copy)]
pub struct Point {
    x: f64,
    y: f64,
}
/// The gradient of a [`Point`] is a [`Point`].
impl ::backprop::__private::Differentiable for Point {
    type Tangent = Point;
    fn zero_tangent(&self) -> Point {
        Point {
            x: ::backprop::__private::Differentiable::zero_tangent(&self.x),
            y: ::backprop::__private::Differentiable::zero_tangent(&self.y),
        }
    }
    fn visit_pair(
        &mut self,
        tangent: &Point,
        visitor: &mut ::backprop::__private::PairVisitor<'_>,
    ) {
        ::backprop::__private::Differentiable::visit_pair(
            &mut self.x,
            &tangent.x,
            &mut visitor.enter("x"),
        );
        ::backprop::__private::Differentiable::visit_pair(
            &mut self.y,
            &tangent.y,
            &mut visitor.enter("y"),
        );
    }
    fn visit_named(&self, visitor: &mut ::backprop::__private::NamedVisitor<'_>) {
        ::backprop::__private::Differentiable::visit_named(
            &self.x,
            &mut visitor.enter("x"),
        );
        ::backprop::__private::Differentiable::visit_named(
            &self.y,
            &mut visitor.enter("y"),
        );
    }
    fn visit_named_mut(
        &mut self,
        visitor: &mut ::backprop::__private::NamedVisitorMut<'_>,
    ) {
        ::backprop::__private::Differentiable::visit_named_mut(
            &mut self.x,
            &mut visitor.enter("x"),
        );
        ::backprop::__private::Differentiable::visit_named_mut(
            &mut self.y,
            &mut visitor.enter("y"),
        );
    }
}
impl ::backprop::__private::Accumulate for Point {
    fn accumulate(&mut self, __other: Point) {
        ::backprop::__private::Accumulate::accumulate(&mut self.x, __other.x);
        ::backprop::__private::Accumulate::accumulate(&mut self.y, __other.y);
    }
}
impl ::backprop::__private::Activity for Point {
    type Flag = ::backprop::__private::Active;
}
impl ::backprop::__private::GradList for Point {
    type Cons = (Point, ());
    fn into_cons(self) -> (Point, ()) {
        (self, ())
    }
}
impl Layer {
    #[allow(dead_code)]
    pub fn unit(&self, x: &[f64], j: usize) -> f64 {
        let mut s = self.b[j];
        for i in 0..self.inputs {
            s += self.w[j * self.inputs + i] * x[i];
        }
        s.tanh()
    }
    /** Value of [`unit`](Self::unit) and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_vjp<'__l0, '__l1, '__lall>(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
    ) -> (
        f64,
        impl ::core::ops::FnOnce(
            f64,
        ) -> (Self, ::std::vec::Vec<f64>) + use<'__l0, '__l1, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
    {
        let mut s = self.b[j];
        let __t1 = self.inputs;
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __rowsource0_0 = ::backprop::__private::Viewer::new(&self.w);
            let mut __row0_0 = __rowsource0_0
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_1 = &x[..__t1];
            for i in 0..__t1 {
                s += ::backprop::__private::float(__row0_0[i]) * __row0_1[i];
            }
        }
        let __t9 = ::backprop::__private::float(s).tanh();
        let __value = __t9;
        (
            __value,
            move |__seed: f64| {
                let mut __d_x = ::backprop::__private::zero_like(&x);
                let mut __d_self = ::backprop::__private::zero_like(&self);
                let mut __d_t9 = __seed;
                let mut __d_s = __d_t9 * (1.0 - __t9 * __t9);
                if 0 < __t1 {
                    #[allow(unused_imports)]
                    use ::backprop::__private::{
                        IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                        SliceWindowRef as _,
                    };
                    let mut __source0_0 = ::backprop::__private::Viewer::new(
                        &mut __d_self.w,
                    );
                    let mut __view0_0 = __source0_0
                        .__backprop_window(j * self.inputs, ..__t1);
                    let __view0_1 = &mut __d_x[..__t1];
                    let mut __source0_2 = ::backprop::__private::Viewer::new(&self.w);
                    let mut __view0_2 = __source0_2
                        .__backprop_window_ref(j * self.inputs, ..__t1);
                    let __view0_3 = &x[..__t1];
                    for i in 0..__t1 {
                        let __t5 = __view0_2[i];
                        let __t6 = __view0_3[i];
                        let mut __d_t7 = __d_s;
                        let mut __d_t5 = __d_t7 * __t6;
                        let mut __d_t6 = __d_t7 * __t5;
                        __view0_1[i] += __d_t6;
                        __view0_0[i] += __d_t5;
                    }
                }
                __d_self.b[j] += __d_s;
                (__d_self, __d_x)
            },
        )
    }
    /** Value and gradient of [`unit`](Self::unit).

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_grad(&self, x: &[f64], j: usize) -> (f64, (Self, ::std::vec::Vec<f64>)) {
        let mut s = self.b[j];
        let __t1 = self.inputs;
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __rowsource0_0 = ::backprop::__private::Viewer::new(&self.w);
            let mut __row0_0 = __rowsource0_0
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_1 = &x[..__t1];
            for i in 0..__t1 {
                s += ::backprop::__private::float(__row0_0[i]) * __row0_1[i];
            }
        }
        let __t9 = ::backprop::__private::float(s).tanh();
        let __value = __t9;
        let __seed: f64 = 1.0;
        let mut __d_x = ::backprop::__private::zero_like(&x);
        let mut __d_self = ::backprop::__private::zero_like(&self);
        let mut __d_t9 = __seed;
        let mut __d_s = __d_t9 * (1.0 - __t9 * __t9);
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __source0_0 = ::backprop::__private::Viewer::new(&mut __d_self.w);
            let mut __view0_0 = __source0_0.__backprop_window(j * self.inputs, ..__t1);
            let __view0_1 = &mut __d_x[..__t1];
            let mut __source0_2 = ::backprop::__private::Viewer::new(&self.w);
            let mut __view0_2 = __source0_2
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __view0_3 = &x[..__t1];
            for i in 0..__t1 {
                let __t5 = __view0_2[i];
                let __t6 = __view0_3[i];
                let mut __d_t7 = __d_s;
                let mut __d_t5 = __d_t7 * __t6;
                let mut __d_t6 = __d_t7 * __t5;
                __view0_1[i] += __d_t6;
                __view0_0[i] += __d_t5;
            }
        }
        __d_self.b[j] += __d_s;
        (__value, (__d_self, __d_x))
    }
    /** Value of [`unit`](Self::unit) and its derivative in the direction given by the tangents (one per differentiated parameter, of the same type): forward mode.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_jvp(&self, x: &[f64], j: usize, dself: &Self, dx: &[f64]) -> (f64, f64) {
        ::backprop::__private::tangent_length(x.len(), dx.len(), "x");
        let mut ds = dself.b[j];
        let mut s = self.b[j];
        let __t1 = self.inputs;
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __rowsource0_0 = ::backprop::__private::Viewer::new(&self.w);
            let mut __row0_0 = __rowsource0_0
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_1 = &x[..__t1];
            let mut __rowsource0_2 = ::backprop::__private::Viewer::new(&dself.w);
            let mut __row0_2 = __rowsource0_2
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_3 = &dx[..__t1];
            for i in 0..__t1 {
                let __t4 = j * self.inputs + i;
                let __t5 = __row0_0[i];
                let __t6 = __row0_1[i];
                let __dt7 = ::backprop::__private::float(__row0_2[i]) * __t6
                    + __row0_3[i] * ::backprop::__private::float(__t5);
                s += ::backprop::__private::float(__t5) * __t6;
                ds += __dt7;
            }
        }
        let __t9 = ::backprop::__private::float(s).tanh();
        let __value = (__t9, ::backprop::__private::float(ds) * (1.0 - __t9 * __t9));
        __value
    }
    #[doc(hidden)]
    /** Value of [`unit_jvp`](Self::unit_jvp) and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_jvp_vjp<'__l0, '__l1, '__l2, '__l3, '__lall>(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
        dself: &'__l2 Self,
        dx: &'__l3 [f64],
    ) -> (
        (f64, f64),
        impl ::core::ops::FnOnce(
            (f64, f64),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) + use<'__l0, '__l1, '__l2, '__l3, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
        '__l2: '__lall,
        '__l3: '__lall,
    {
        ::backprop::__private::tangent_length(x.len(), dx.len(), "x");
        let mut ds = dself.b[j];
        let mut s = self.b[j];
        let __t1 = self.inputs;
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __rowsource0_0 = ::backprop::__private::Viewer::new(&self.w);
            let mut __row0_0 = __rowsource0_0
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_1 = &x[..__t1];
            let mut __rowsource0_2 = ::backprop::__private::Viewer::new(&dself.w);
            let mut __row0_2 = __rowsource0_2
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_3 = &dx[..__t1];
            for i in 0..__t1 {
                let __t4 = j * self.inputs + i;
                let __t5 = __row0_0[i];
                let __t6 = __row0_1[i];
                let __dt7 = ::backprop::__private::float(__row0_2[i]) * __t6
                    + __row0_3[i] * ::backprop::__private::float(__t5);
                s += ::backprop::__private::float(__t5) * __t6;
                ds += __dt7;
            }
        }
        let __dt8 = ds;
        let __t9 = ::backprop::__private::float(s).tanh();
        let __p3 = 1.0 - __t9 * __t9;
        let __value = (__t9, ::backprop::__private::float(__dt8) * __p3);
        (
            __value,
            move |__seed: (f64, f64)| {
                let mut __d_x = ::backprop::__private::zero_like(&x);
                let mut __d_dx = ::backprop::__private::zero_like(&dx);
                let mut __d_self = ::backprop::__private::zero_like(&self);
                let mut __d_dself = ::backprop::__private::zero_like(&dself);
                let mut __d_p4 = __seed;
                let mut __d_t9 = __d_p4.0;
                let mut __d_dt9 = __d_p4.1;
                let mut __d_dt8 = __d_dt9 * __p3;
                let mut __d_p3 = __d_dt9 * __dt8;
                let mut __d_p2 = -__d_p3;
                __d_t9 += __d_p2 * __t9 * 2.0;
                let mut __d_s = __d_t9 * (1.0 - __t9 * __t9);
                if 0 < __t1 {
                    #[allow(unused_imports)]
                    use ::backprop::__private::{
                        IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                        SliceWindowRef as _,
                    };
                    let mut __source0_0 = ::backprop::__private::Viewer::new(
                        &mut __d_self.w,
                    );
                    let mut __view0_0 = __source0_0
                        .__backprop_window(j * self.inputs, ..__t1);
                    let __view0_1 = &mut __d_x[..__t1];
                    let mut __source0_2 = ::backprop::__private::Viewer::new(
                        &mut __d_dself.w,
                    );
                    let mut __view0_2 = __source0_2
                        .__backprop_window(j * self.inputs, ..__t1);
                    let __view0_3 = &mut __d_dx[..__t1];
                    let mut __source0_4 = ::backprop::__private::Viewer::new(&self.w);
                    let mut __view0_4 = __source0_4
                        .__backprop_window_ref(j * self.inputs, ..__t1);
                    let __view0_5 = &x[..__t1];
                    let mut __source0_6 = ::backprop::__private::Viewer::new(&dself.w);
                    let mut __view0_6 = __source0_6
                        .__backprop_window_ref(j * self.inputs, ..__t1);
                    let __view0_7 = &dx[..__t1];
                    for i in 0..__t1 {
                        let __dt5 = __view0_6[i];
                        let __t5 = __view0_4[i];
                        let __dt6 = __view0_7[i];
                        let __t6 = __view0_5[i];
                        let mut __d_dt7 = __d_dt8;
                        let mut __d_t7 = __d_s;
                        let mut __d_p0 = __d_dt7;
                        let mut __d_dt6 = __d_dt7 * __t5;
                        let mut __d_t5 = __d_dt7 * __dt6;
                        let mut __d_dt5 = __d_p0 * __t6;
                        let mut __d_t6 = __d_p0 * __dt5;
                        __d_t5 += __d_t7 * __t6;
                        __d_t6 += __d_t7 * __t5;
                        __view0_1[i] += __d_t6;
                        __view0_3[i] += __d_dt6;
                        __view0_0[i] += __d_t5;
                        __view0_2[i] += __d_dt5;
                    }
                }
                __d_self.b[j] += __d_s;
                __d_dself.b[j] += __d_dt8;
                (__d_self, __d_x, __d_dself, __d_dx)
            },
        )
    }
    /** Value of [`unit`](Self::unit), its gradient, and its Hessian times the direction (one per differentiated parameter, of the same type): one forward and one reverse pass of its forward mode.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_hvp(
        &self,
        x: &[f64],
        j: usize,
        dself: &Self,
        dx: &[f64],
    ) -> (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)) {
        ::backprop::__private::tangent_length(x.len(), dx.len(), "x");
        let mut ds = dself.b[j];
        let mut s = self.b[j];
        let __t1 = self.inputs;
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __rowsource0_0 = ::backprop::__private::Viewer::new(&self.w);
            let mut __row0_0 = __rowsource0_0
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_1 = &x[..__t1];
            let mut __rowsource0_2 = ::backprop::__private::Viewer::new(&dself.w);
            let mut __row0_2 = __rowsource0_2
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_3 = &dx[..__t1];
            for i in 0..__t1 {
                let __t4 = j * self.inputs + i;
                let __t5 = __row0_0[i];
                let __t6 = __row0_1[i];
                let __dt7 = ::backprop::__private::float(__row0_2[i]) * __t6
                    + __row0_3[i] * ::backprop::__private::float(__t5);
                s += ::backprop::__private::float(__t5) * __t6;
                ds += __dt7;
            }
        }
        let __dt8 = ds;
        let __t9 = ::backprop::__private::float(s).tanh();
        let __p3 = 1.0 - __t9 * __t9;
        let __value = (__t9, ::backprop::__private::float(__dt8) * __p3);
        let __seed: (f64, f64) = (0.0, 1.0);
        let mut __d_x = ::backprop::__private::zero_like(&x);
        let mut __d_dx = ::backprop::__private::zero_like(&dx);
        let mut __d_self = ::backprop::__private::zero_like(&self);
        let mut __d_dself = ::backprop::__private::zero_like(&dself);
        let mut __d_p4 = __seed;
        let mut __d_t9 = __d_p4.0;
        let mut __d_dt9 = __d_p4.1;
        let mut __d_dt8 = __d_dt9 * __p3;
        let mut __d_p3 = __d_dt9 * __dt8;
        let mut __d_p2 = -__d_p3;
        __d_t9 += __d_p2 * __t9 * 2.0;
        let mut __d_s = __d_t9 * (1.0 - __t9 * __t9);
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __source0_0 = ::backprop::__private::Viewer::new(&mut __d_self.w);
            let mut __view0_0 = __source0_0.__backprop_window(j * self.inputs, ..__t1);
            let __view0_1 = &mut __d_x[..__t1];
            let mut __source0_2 = ::backprop::__private::Viewer::new(&mut __d_dself.w);
            let mut __view0_2 = __source0_2.__backprop_window(j * self.inputs, ..__t1);
            let __view0_3 = &mut __d_dx[..__t1];
            let mut __source0_4 = ::backprop::__private::Viewer::new(&self.w);
            let mut __view0_4 = __source0_4
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __view0_5 = &x[..__t1];
            let mut __source0_6 = ::backprop::__private::Viewer::new(&dself.w);
            let mut __view0_6 = __source0_6
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __view0_7 = &dx[..__t1];
            for i in 0..__t1 {
                let __dt5 = __view0_6[i];
                let __t5 = __view0_4[i];
                let __dt6 = __view0_7[i];
                let __t6 = __view0_5[i];
                let mut __d_dt7 = __d_dt8;
                let mut __d_t7 = __d_s;
                let mut __d_p0 = __d_dt7;
                let mut __d_dt6 = __d_dt7 * __t5;
                let mut __d_t5 = __d_dt7 * __dt6;
                let mut __d_dt5 = __d_p0 * __t6;
                let mut __d_t6 = __d_p0 * __dt5;
                __d_t5 += __d_t7 * __t6;
                __d_t6 += __d_t7 * __t5;
                __view0_1[i] += __d_t6;
                __view0_3[i] += __d_dt6;
                __view0_0[i] += __d_t5;
                __view0_2[i] += __d_dt5;
            }
        }
        __d_self.b[j] += __d_s;
        __d_dself.b[j] += __d_dt8;
        let (__hv0, __hv1, __g0, __g1) = (__d_self, __d_x, __d_dself, __d_dx);
        (__value.0, (__g0, __g1), (__hv0, __hv1))
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_jvp_jvp(
        &self,
        x: &[f64],
        j: usize,
        dself: &Self,
        dx: &[f64],
        dself_1: &Self,
        dx_1: &[f64],
        ddself: &Self,
        ddx: &[f64],
    ) -> ((f64, f64), (f64, f64)) {
        ::backprop::__private::tangent_length(x.len(), dx_1.len(), "x");
        ::backprop::__private::tangent_length(dx.len(), ddx.len(), "dx");
        ::backprop::__private::tangent_length(x.len(), dx.len(), "x");
        let mut dds = ddself.b[j];
        let mut ds = dself.b[j];
        let mut ds_1 = dself_1.b[j];
        let mut s = self.b[j];
        let __t1 = self.inputs;
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __rowsource0_0 = ::backprop::__private::Viewer::new(&self.w);
            let mut __row0_0 = __rowsource0_0
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_1 = &x[..__t1];
            let mut __rowsource0_2 = ::backprop::__private::Viewer::new(&dself.w);
            let mut __row0_2 = __rowsource0_2
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_3 = &dx[..__t1];
            let mut __rowsource0_4 = ::backprop::__private::Viewer::new(&dself_1.w);
            let mut __row0_4 = __rowsource0_4
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_5 = &dx_1[..__t1];
            let mut __rowsource0_6 = ::backprop::__private::Viewer::new(&ddself.w);
            let mut __row0_6 = __rowsource0_6
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_7 = &ddx[..__t1];
            for i in 0..__t1 {
                let __t4 = j * self.inputs + i;
                let __dt5 = __row0_2[i];
                let __dt5_1 = __row0_4[i];
                let __t5 = __row0_0[i];
                let __dt6 = __row0_3[i];
                let __dt6_1 = __row0_5[i];
                let __t6 = __row0_1[i];
                let __dt7_1 = ::backprop::__private::float(__dt5_1) * __t6
                    + __dt6_1 * ::backprop::__private::float(__t5);
                let __dt7 = ::backprop::__private::float(__dt5) * __t6
                    + __dt6 * ::backprop::__private::float(__t5);
                let __ddt7 = ::backprop::__private::float(__row0_6[i]) * __t6
                    + __dt6_1 * ::backprop::__private::float(__dt5)
                    + (__row0_7[i] * ::backprop::__private::float(__t5)
                        + ::backprop::__private::float(__dt5_1) * __dt6);
                s += ::backprop::__private::float(__t5) * __t6;
                ds_1 += __dt7_1;
                ds += __dt7;
                dds += __ddt7;
            }
        }
        let __dt8 = ds;
        let __t9 = ::backprop::__private::float(s).tanh();
        let __dt9_1 = ::backprop::__private::float(ds_1) * (1.0 - __t9 * __t9);
        let __p3 = 1.0 - __t9 * __t9;
        let __value = (
            (__t9, ::backprop::__private::float(__dt8) * __p3),
            (
                __dt9_1,
                ::backprop::__private::float(dds) * __p3
                    + -(__dt9_1 * __t9 * 2.0) * ::backprop::__private::float(__dt8),
            ),
        );
        __value
    }
    #[doc(hidden)]
    /** Value of [`unit_jvp_jvp`](Self::unit_jvp_jvp) and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_jvp_jvp_vjp<
        '__l0,
        '__l1,
        '__l2,
        '__l3,
        '__l4,
        '__l5,
        '__l6,
        '__l7,
        '__lall,
    >(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
        dself: &'__l2 Self,
        dx: &'__l3 [f64],
        dself_1: &'__l4 Self,
        dx_1: &'__l5 [f64],
        ddself: &'__l6 Self,
        ddx: &'__l7 [f64],
    ) -> (
        ((f64, f64), (f64, f64)),
        impl ::core::ops::FnOnce(
            ((f64, f64), (f64, f64)),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__l5, '__l6, '__l7, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
        '__l2: '__lall,
        '__l3: '__lall,
        '__l4: '__lall,
        '__l5: '__lall,
        '__l6: '__lall,
        '__l7: '__lall,
    {
        ::backprop::__private::tangent_length(x.len(), dx_1.len(), "x");
        ::backprop::__private::tangent_length(dx.len(), ddx.len(), "dx");
        ::backprop::__private::tangent_length(x.len(), dx.len(), "x");
        let mut dds = ddself.b[j];
        let mut ds = dself.b[j];
        let mut ds_1 = dself_1.b[j];
        let mut s = self.b[j];
        let __t1 = self.inputs;
        if 0 < __t1 {
            #[allow(unused_imports)]
            use ::backprop::__private::{
                IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                SliceWindowRef as _,
            };
            let mut __rowsource0_0 = ::backprop::__private::Viewer::new(&self.w);
            let mut __row0_0 = __rowsource0_0
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_1 = &x[..__t1];
            let mut __rowsource0_2 = ::backprop::__private::Viewer::new(&dself.w);
            let mut __row0_2 = __rowsource0_2
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_3 = &dx[..__t1];
            let mut __rowsource0_4 = ::backprop::__private::Viewer::new(&dself_1.w);
            let mut __row0_4 = __rowsource0_4
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_5 = &dx_1[..__t1];
            let mut __rowsource0_6 = ::backprop::__private::Viewer::new(&ddself.w);
            let mut __row0_6 = __rowsource0_6
                .__backprop_window_ref(j * self.inputs, ..__t1);
            let __row0_7 = &ddx[..__t1];
            for i in 0..__t1 {
                let __t4 = j * self.inputs + i;
                let __dt5 = __row0_2[i];
                let __dt5_1 = __row0_4[i];
                let __t5 = __row0_0[i];
                let __dt6 = __row0_3[i];
                let __dt6_1 = __row0_5[i];
                let __t6 = __row0_1[i];
                let __dt7_1 = ::backprop::__private::float(__dt5_1) * __t6
                    + __dt6_1 * ::backprop::__private::float(__t5);
                let __dt7 = ::backprop::__private::float(__dt5) * __t6
                    + __dt6 * ::backprop::__private::float(__t5);
                let __ddt7 = ::backprop::__private::float(__row0_6[i]) * __t6
                    + __dt6_1 * ::backprop::__private::float(__dt5)
                    + (__row0_7[i] * ::backprop::__private::float(__t5)
                        + ::backprop::__private::float(__dt5_1) * __dt6);
                s += ::backprop::__private::float(__t5) * __t6;
                ds_1 += __dt7_1;
                ds += __dt7;
                dds += __ddt7;
            }
        }
        let __ddt8 = dds;
        let __dt8 = ds;
        let __dt8_1 = ds_1;
        let __t9 = ::backprop::__private::float(s).tanh();
        let __p12 = 1.0 - __t9 * __t9;
        let __dt9_1 = ::backprop::__private::float(__dt8_1) * __p12;
        let __p3 = 1.0 - __t9 * __t9;
        let __dp3 = -(__dt9_1 * __t9 * 2.0);
        let __value = (
            (__t9, ::backprop::__private::float(__dt8) * __p3),
            (
                __dt9_1,
                ::backprop::__private::float(__ddt8) * __p3
                    + __dp3 * ::backprop::__private::float(__dt8),
            ),
        );
        (
            __value,
            move |__seed: ((f64, f64), (f64, f64))| {
                let mut __d_x = ::backprop::__private::zero_like(&x);
                let mut __d_dx_1 = ::backprop::__private::zero_like(&dx_1);
                let mut __d_dx = ::backprop::__private::zero_like(&dx);
                let mut __d_ddx = ::backprop::__private::zero_like(&ddx);
                let mut __d_self = ::backprop::__private::zero_like(&self);
                let mut __d_dself_1 = ::backprop::__private::zero_like(&dself_1);
                let mut __d_dself = ::backprop::__private::zero_like(&dself);
                let mut __d_ddself = ::backprop::__private::zero_like(&ddself);
                let mut __d_p16 = __seed;
                let mut __d_p4 = __d_p16.0;
                let mut __d_dp4 = __d_p16.1;
                let mut __d_t9 = __d_p4.0;
                let mut __d_dt9 = __d_p4.1;
                let mut __d_dt9_1 = __d_dp4.0;
                let mut __d_ddt9 = __d_dp4.1;
                let mut __d_p14 = __d_ddt9;
                let mut __d_dp3 = __d_ddt9 * __dt8;
                let mut __d_dt8 = __d_ddt9 * __dp3;
                let mut __d_ddt8 = __d_p14 * __p3;
                let mut __d_p3 = __d_p14 * __ddt8;
                __d_dt8 += __d_dt9 * __p3;
                __d_p3 += __d_dt9 * __dt8;
                let mut __d_dp2 = -__d_dp3;
                let mut __d_p2 = -__d_p3;
                let mut __d_p13 = __d_dp2 * 2.0;
                __d_dt9_1 += __d_p13 * __t9;
                __d_t9 += __d_p13 * __dt9_1;
                __d_t9 += __d_p2 * __t9 * 2.0;
                let mut __d_dt8_1 = __d_dt9_1 * __p12;
                let mut __d_p12 = __d_dt9_1 * __dt8_1;
                let mut __d_p11 = -__d_p12;
                __d_t9 += __d_p11 * __t9 * 2.0;
                let mut __d_s = __d_t9 * (1.0 - __t9 * __t9);
                if 0 < __t1 {
                    #[allow(unused_imports)]
                    use ::backprop::__private::{
                        IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                        SliceWindowRef as _,
                    };
                    let mut __source0_0 = ::backprop::__private::Viewer::new(
                        &mut __d_self.w,
                    );
                    let mut __view0_0 = __source0_0
                        .__backprop_window(j * self.inputs, ..__t1);
                    let __view0_1 = &mut __d_x[..__t1];
                    let mut __source0_2 = ::backprop::__private::Viewer::new(
                        &mut __d_dself.w,
                    );
                    let mut __view0_2 = __source0_2
                        .__backprop_window(j * self.inputs, ..__t1);
                    let __view0_3 = &mut __d_dx[..__t1];
                    let mut __source0_4 = ::backprop::__private::Viewer::new(
                        &mut __d_dself_1.w,
                    );
                    let mut __view0_4 = __source0_4
                        .__backprop_window(j * self.inputs, ..__t1);
                    let __view0_5 = &mut __d_dx_1[..__t1];
                    let mut __source0_6 = ::backprop::__private::Viewer::new(
                        &mut __d_ddself.w,
                    );
                    let mut __view0_6 = __source0_6
                        .__backprop_window(j * self.inputs, ..__t1);
                    let __view0_7 = &mut __d_ddx[..__t1];
                    let mut __source0_8 = ::backprop::__private::Viewer::new(&self.w);
                    let mut __view0_8 = __source0_8
                        .__backprop_window_ref(j * self.inputs, ..__t1);
                    let __view0_9 = &x[..__t1];
                    let mut __source0_10 = ::backprop::__private::Viewer::new(&dself.w);
                    let mut __view0_10 = __source0_10
                        .__backprop_window_ref(j * self.inputs, ..__t1);
                    let __view0_11 = &dx[..__t1];
                    let mut __source0_12 = ::backprop::__private::Viewer::new(
                        &dself_1.w,
                    );
                    let mut __view0_12 = __source0_12
                        .__backprop_window_ref(j * self.inputs, ..__t1);
                    let __view0_13 = &dx_1[..__t1];
                    let mut __source0_14 = ::backprop::__private::Viewer::new(&ddself.w);
                    let mut __view0_14 = __source0_14
                        .__backprop_window_ref(j * self.inputs, ..__t1);
                    let __view0_15 = &ddx[..__t1];
                    for i in 0..__t1 {
                        let __ddt5 = __view0_14[i];
                        let __dt5 = __view0_10[i];
                        let __dt5_1 = __view0_12[i];
                        let __t5 = __view0_8[i];
                        let __ddt6 = __view0_15[i];
                        let __dt6 = __view0_11[i];
                        let __dt6_1 = __view0_13[i];
                        let __t6 = __view0_9[i];
                        let mut __d_ddt7 = __d_ddt8;
                        let mut __d_dt7 = __d_dt8;
                        let mut __d_dt7_1 = __d_dt8_1;
                        let mut __d_t7 = __d_s;
                        let mut __d_dp0 = __d_ddt7;
                        let mut __d_p0 = __d_dt7;
                        let mut __d_p9 = __d_ddt7;
                        let mut __d_dt5_1 = __d_ddt7 * __dt6;
                        let mut __d_dt6 = __d_ddt7 * __dt5_1;
                        let mut __d_ddt6 = __d_p9 * __t5;
                        let mut __d_t5 = __d_p9 * __ddt6;
                        __d_dt6 += __d_dt7 * __t5;
                        __d_t5 += __d_dt7 * __dt6;
                        let mut __d_p7 = __d_dp0;
                        let mut __d_dt6_1 = __d_dp0 * __dt5;
                        let mut __d_dt5 = __d_dp0 * __dt6_1;
                        let mut __d_ddt5 = __d_p7 * __t6;
                        let mut __d_t6 = __d_p7 * __ddt5;
                        __d_dt5 += __d_p0 * __t6;
                        __d_t6 += __d_p0 * __dt5;
                        let mut __d_p5 = __d_dt7_1;
                        __d_dt6_1 += __d_dt7_1 * __t5;
                        __d_t5 += __d_dt7_1 * __dt6_1;
                        __d_dt5_1 += __d_p5 * __t6;
                        __d_t6 += __d_p5 * __dt5_1;
                        __d_t5 += __d_t7 * __t6;
                        __d_t6 += __d_t7 * __t5;
                        __view0_1[i] += __d_t6;
                        __view0_5[i] += __d_dt6_1;
                        __view0_3[i] += __d_dt6;
                        __view0_7[i] += __d_ddt6;
                        __view0_0[i] += __d_t5;
                        __view0_4[i] += __d_dt5_1;
                        __view0_2[i] += __d_dt5;
                        __view0_6[i] += __d_ddt5;
                    }
                }
                __d_self.b[j] += __d_s;
                __d_dself_1.b[j] += __d_dt8_1;
                __d_dself.b[j] += __d_dt8;
                __d_ddself.b[j] += __d_ddt8;
                (
                    __d_self,
                    __d_x,
                    __d_dself,
                    __d_dx,
                    __d_dself_1,
                    __d_dx_1,
                    __d_ddself,
                    __d_ddx,
                )
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_jvp_jvp_jvp(
        &self,
        x: &[f64],
        j: usize,
        dself: &Self,
        dx: &[f64],
        dself_1: &Self,
        dx_1: &[f64],
        ddself: &Self,
        ddx: &[f64],
        dself_2: &Self,
        dx_2: &[f64],
        ddself_1: &Self,
        ddx_1: &[f64],
        ddself_1_1: &Self,
        ddx_1_1: &[f64],
        dddself: &Self,
        dddx: &[f64],
    ) -> (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))) {
        ::backprop::__private::unavailable(
            "`unit_jvp_jvp_jvp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    #[allow(unreachable_code)]
    pub fn unit_jvp_jvp_jvp_vjp<
        '__l0,
        '__l1,
        '__l2,
        '__l3,
        '__l4,
        '__l5,
        '__l6,
        '__l7,
        '__l8,
        '__l9,
        '__l10,
        '__l11,
        '__l12,
        '__l13,
        '__l14,
        '__l15,
        '__lall,
    >(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
        dself: &'__l2 Self,
        dx: &'__l3 [f64],
        dself_1: &'__l4 Self,
        dx_1: &'__l5 [f64],
        ddself: &'__l6 Self,
        ddx: &'__l7 [f64],
        dself_2: &'__l8 Self,
        dx_2: &'__l9 [f64],
        ddself_1: &'__l10 Self,
        ddx_1: &'__l11 [f64],
        ddself_1_1: &'__l12 Self,
        ddx_1_1: &'__l13 [f64],
        dddself: &'__l14 Self,
        dddx: &'__l15 [f64],
    ) -> (
        (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        impl ::core::ops::FnOnce(
            (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__l5, '__l6, '__l7, '__l8, '__l9, '__l10, '__l11, '__l12, '__l13, '__l14, '__l15, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
        '__l2: '__lall,
        '__l3: '__lall,
        '__l4: '__lall,
        '__l5: '__lall,
        '__l6: '__lall,
        '__l7: '__lall,
        '__l8: '__lall,
        '__l9: '__lall,
        '__l10: '__lall,
        '__l11: '__lall,
        '__l12: '__lall,
        '__l13: '__lall,
        '__l14: '__lall,
        '__l15: '__lall,
    {
        ::backprop::__private::unavailable(
            "`unit_jvp_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        );
        (
            ::core::unreachable!(),
            move |
                _: (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
            | -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) { ::core::unreachable!() },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_fwd1_all<'__l0, '__lself, '__ld0_0, '__ldself0, __F0, __F1, __F2>(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2),
    ) -> (f64, f64) {
        let __zself0;
        let __tself0: &Self = match __dself0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself0 = ::backprop::__private::zero_like(self);
                &__zself0
            }
        };
        let __z0_0;
        let __t0_0: &[f64] = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_0 = ::backprop::__private::zero_like(__a0);
                &__z0_0
            }
        };
        Self::unit_jvp(self, __a0, __a1, __tself0, __t0_0)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_fwd1_vjp_all<'__l0, '__lself, '__ld0_0, '__ldself0, __F0, __F1, __F2>(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2),
    ) -> (
        (f64, f64),
        impl ::core::ops::FnOnce(
            (f64, f64),
        ) -> (Self, ::std::vec::Vec<f64>, Self, ::std::vec::Vec<f64>),
    ) {
        let __value = {
            let __zself0;
            let __tself0: &Self = match __dself0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself0 = ::backprop::__private::zero_like(self);
                    &__zself0
                }
            };
            let __z0_0;
            let __t0_0: &[f64] = match __d0_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_0 = ::backprop::__private::zero_like(__a0);
                    &__z0_0
                }
            };
            Self::unit_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __tself0,
                __t0_0,
            )
        };
        (
            __value,
            move |__seed: (f64, f64)| {
                let __zself0;
                let __tself0: &Self = match __dself0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself0 = ::backprop::__private::zero_like(self);
                        &__zself0
                    }
                };
                let __z0_0;
                let __t0_0: &[f64] = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_0 = ::backprop::__private::zero_like(__a0);
                        &__z0_0
                    }
                };
                let (_, __pullback) = Self::unit_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __tself0,
                    __t0_0,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_fwd2_all<
        '__l0,
        '__lself,
        '__ld0_0,
        '__ldself0,
        '__ld1_0,
        '__ldself1,
        '__ld2_0,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
        __F6,
        __F7,
        __F8,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<&'__ld1_0 [f64]>,
        __d1_1: ::core::option::Option<usize>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<&'__ld2_0 [f64]>,
        __d2_1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2, __F3, __F4, __F5, __F6, __F7, __F8),
    ) -> ((f64, f64), (f64, f64)) {
        let __zself0;
        let __tself0: &Self = match __dself0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself0 = ::backprop::__private::zero_like(self);
                &__zself0
            }
        };
        let __z0_0;
        let __t0_0: &[f64] = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_0 = ::backprop::__private::zero_like(__a0);
                &__z0_0
            }
        };
        let __zself1;
        let __tself1: &Self = match __dself1 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself1 = ::backprop::__private::zero_like(self);
                &__zself1
            }
        };
        let __z1_0;
        let __t1_0: &[f64] = match __d1_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z1_0 = ::backprop::__private::zero_like(__a0);
                &__z1_0
            }
        };
        let __zself2;
        let __tself2: &Self = match __dself2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself2 = ::backprop::__private::zero_like(self);
                &__zself2
            }
        };
        let __z2_0;
        let __t2_0: &[f64] = match __d2_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z2_0 = ::backprop::__private::zero_like(__a0);
                &__z2_0
            }
        };
        Self::unit_jvp_jvp(
            self,
            __a0,
            __a1,
            __tself0,
            __t0_0,
            __tself1,
            __t1_0,
            __tself2,
            __t2_0,
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_fwd2_vjp_all<
        '__l0,
        '__lself,
        '__ld0_0,
        '__ldself0,
        '__ld1_0,
        '__ldself1,
        '__ld2_0,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
        __F6,
        __F7,
        __F8,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<&'__ld1_0 [f64]>,
        __d1_1: ::core::option::Option<usize>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<&'__ld2_0 [f64]>,
        __d2_1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2, __F3, __F4, __F5, __F6, __F7, __F8),
    ) -> (
        ((f64, f64), (f64, f64)),
        impl ::core::ops::FnOnce(
            ((f64, f64), (f64, f64)),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ),
    ) {
        let __value = {
            let __zself0;
            let __tself0: &Self = match __dself0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself0 = ::backprop::__private::zero_like(self);
                    &__zself0
                }
            };
            let __z0_0;
            let __t0_0: &[f64] = match __d0_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_0 = ::backprop::__private::zero_like(__a0);
                    &__z0_0
                }
            };
            let __zself1;
            let __tself1: &Self = match __dself1 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself1 = ::backprop::__private::zero_like(self);
                    &__zself1
                }
            };
            let __z1_0;
            let __t1_0: &[f64] = match __d1_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z1_0 = ::backprop::__private::zero_like(__a0);
                    &__z1_0
                }
            };
            let __zself2;
            let __tself2: &Self = match __dself2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself2 = ::backprop::__private::zero_like(self);
                    &__zself2
                }
            };
            let __z2_0;
            let __t2_0: &[f64] = match __d2_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z2_0 = ::backprop::__private::zero_like(__a0);
                    &__z2_0
                }
            };
            Self::unit_jvp_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __tself0,
                __t0_0,
                __tself1,
                __t1_0,
                __tself2,
                __t2_0,
            )
        };
        (
            __value,
            move |__seed: ((f64, f64), (f64, f64))| {
                let __zself0;
                let __tself0: &Self = match __dself0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself0 = ::backprop::__private::zero_like(self);
                        &__zself0
                    }
                };
                let __z0_0;
                let __t0_0: &[f64] = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_0 = ::backprop::__private::zero_like(__a0);
                        &__z0_0
                    }
                };
                let __zself1;
                let __tself1: &Self = match __dself1 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself1 = ::backprop::__private::zero_like(self);
                        &__zself1
                    }
                };
                let __z1_0;
                let __t1_0: &[f64] = match __d1_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z1_0 = ::backprop::__private::zero_like(__a0);
                        &__z1_0
                    }
                };
                let __zself2;
                let __tself2: &Self = match __dself2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself2 = ::backprop::__private::zero_like(self);
                        &__zself2
                    }
                };
                let __z2_0;
                let __t2_0: &[f64] = match __d2_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z2_0 = ::backprop::__private::zero_like(__a0);
                        &__z2_0
                    }
                };
                let (_, __pullback) = Self::unit_jvp_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __tself0,
                    __t0_0,
                    __tself1,
                    __t1_0,
                    __tself2,
                    __t2_0,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_jvp_fwd1_all<
        '__l0,
        '__l1,
        '__l2,
        '__lself,
        '__ld0_0,
        '__ld0_1,
        '__ld0_2,
        '__ldself0,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __a2: &'__l1 Self,
        __a3: &'__l2 [f64],
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __d0_2: ::core::option::Option<&'__ld0_1 Self>,
        __d0_3: ::core::option::Option<&'__ld0_2 [f64]>,
        __flags: (__F0, __F1, __F2, __F3, __F4),
    ) -> ((f64, f64), (f64, f64)) {
        let __zself0;
        let __tself0: &Self = match __dself0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself0 = ::backprop::__private::zero_like(self);
                &__zself0
            }
        };
        let __z0_0;
        let __t0_0: &[f64] = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_0 = ::backprop::__private::zero_like(__a0);
                &__z0_0
            }
        };
        let __z0_2;
        let __t0_2: &Self = match __d0_2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_2 = ::backprop::__private::zero_like(__a2);
                &__z0_2
            }
        };
        let __z0_3;
        let __t0_3: &[f64] = match __d0_3 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_3 = ::backprop::__private::zero_like(__a3);
                &__z0_3
            }
        };
        Self::unit_jvp_jvp(
            self,
            __a0,
            __a1,
            __a2,
            __a3,
            __tself0,
            __t0_0,
            __t0_2,
            __t0_3,
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_jvp_fwd1_vjp_all<
        '__l0,
        '__l1,
        '__l2,
        '__lself,
        '__ld0_0,
        '__ld0_1,
        '__ld0_2,
        '__ldself0,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __a2: &'__l1 Self,
        __a3: &'__l2 [f64],
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __d0_2: ::core::option::Option<&'__ld0_1 Self>,
        __d0_3: ::core::option::Option<&'__ld0_2 [f64]>,
        __flags: (__F0, __F1, __F2, __F3, __F4),
    ) -> (
        ((f64, f64), (f64, f64)),
        impl ::core::ops::FnOnce(
            ((f64, f64), (f64, f64)),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ),
    ) {
        let __value = {
            let __zself0;
            let __tself0: &Self = match __dself0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself0 = ::backprop::__private::zero_like(self);
                    &__zself0
                }
            };
            let __z0_0;
            let __t0_0: &[f64] = match __d0_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_0 = ::backprop::__private::zero_like(__a0);
                    &__z0_0
                }
            };
            let __z0_2;
            let __t0_2: &Self = match __d0_2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_2 = ::backprop::__private::zero_like(__a2);
                    &__z0_2
                }
            };
            let __z0_3;
            let __t0_3: &[f64] = match __d0_3 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_3 = ::backprop::__private::zero_like(__a3);
                    &__z0_3
                }
            };
            Self::unit_jvp_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __a2,
                __a3,
                __tself0,
                __t0_0,
                __t0_2,
                __t0_3,
            )
        };
        (
            __value,
            move |__seed: ((f64, f64), (f64, f64))| {
                let __zself0;
                let __tself0: &Self = match __dself0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself0 = ::backprop::__private::zero_like(self);
                        &__zself0
                    }
                };
                let __z0_0;
                let __t0_0: &[f64] = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_0 = ::backprop::__private::zero_like(__a0);
                        &__z0_0
                    }
                };
                let __z0_2;
                let __t0_2: &Self = match __d0_2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_2 = ::backprop::__private::zero_like(__a2);
                        &__z0_2
                    }
                };
                let __z0_3;
                let __t0_3: &[f64] = match __d0_3 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_3 = ::backprop::__private::zero_like(__a3);
                        &__z0_3
                    }
                };
                let (_, __pullback) = Self::unit_jvp_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __a2,
                    __a3,
                    __tself0,
                    __t0_0,
                    __t0_2,
                    __t0_3,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_jvp_fwd2_all<
        '__l0,
        '__l1,
        '__l2,
        '__lself,
        '__ld0_0,
        '__ld0_1,
        '__ld0_2,
        '__ldself0,
        '__ld1_0,
        '__ld1_1,
        '__ld1_2,
        '__ldself1,
        '__ld2_0,
        '__ld2_1,
        '__ld2_2,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
        __F6,
        __F7,
        __F8,
        __F9,
        __F10,
        __F11,
        __F12,
        __F13,
        __F14,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __a2: &'__l1 Self,
        __a3: &'__l2 [f64],
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __d0_2: ::core::option::Option<&'__ld0_1 Self>,
        __d0_3: ::core::option::Option<&'__ld0_2 [f64]>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<&'__ld1_0 [f64]>,
        __d1_1: ::core::option::Option<usize>,
        __d1_2: ::core::option::Option<&'__ld1_1 Self>,
        __d1_3: ::core::option::Option<&'__ld1_2 [f64]>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<&'__ld2_0 [f64]>,
        __d2_1: ::core::option::Option<usize>,
        __d2_2: ::core::option::Option<&'__ld2_1 Self>,
        __d2_3: ::core::option::Option<&'__ld2_2 [f64]>,
        __flags: (
            __F0,
            __F1,
            __F2,
            __F3,
            __F4,
            __F5,
            __F6,
            __F7,
            __F8,
            __F9,
            __F10,
            __F11,
            __F12,
            __F13,
            __F14,
        ),
    ) -> (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))) {
        let __zself0;
        let __tself0: &Self = match __dself0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself0 = ::backprop::__private::zero_like(self);
                &__zself0
            }
        };
        let __z0_0;
        let __t0_0: &[f64] = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_0 = ::backprop::__private::zero_like(__a0);
                &__z0_0
            }
        };
        let __z0_2;
        let __t0_2: &Self = match __d0_2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_2 = ::backprop::__private::zero_like(__a2);
                &__z0_2
            }
        };
        let __z0_3;
        let __t0_3: &[f64] = match __d0_3 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_3 = ::backprop::__private::zero_like(__a3);
                &__z0_3
            }
        };
        let __zself1;
        let __tself1: &Self = match __dself1 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself1 = ::backprop::__private::zero_like(self);
                &__zself1
            }
        };
        let __z1_0;
        let __t1_0: &[f64] = match __d1_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z1_0 = ::backprop::__private::zero_like(__a0);
                &__z1_0
            }
        };
        let __z1_2;
        let __t1_2: &Self = match __d1_2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z1_2 = ::backprop::__private::zero_like(__a2);
                &__z1_2
            }
        };
        let __z1_3;
        let __t1_3: &[f64] = match __d1_3 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z1_3 = ::backprop::__private::zero_like(__a3);
                &__z1_3
            }
        };
        let __zself2;
        let __tself2: &Self = match __dself2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself2 = ::backprop::__private::zero_like(self);
                &__zself2
            }
        };
        let __z2_0;
        let __t2_0: &[f64] = match __d2_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z2_0 = ::backprop::__private::zero_like(__a0);
                &__z2_0
            }
        };
        let __z2_2;
        let __t2_2: &Self = match __d2_2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z2_2 = ::backprop::__private::zero_like(__a2);
                &__z2_2
            }
        };
        let __z2_3;
        let __t2_3: &[f64] = match __d2_3 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z2_3 = ::backprop::__private::zero_like(__a3);
                &__z2_3
            }
        };
        Self::unit_jvp_jvp_jvp(
            self,
            __a0,
            __a1,
            __a2,
            __a3,
            __tself0,
            __t0_0,
            __t0_2,
            __t0_3,
            __tself1,
            __t1_0,
            __t1_2,
            __t1_3,
            __tself2,
            __t2_0,
            __t2_2,
            __t2_3,
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_jvp_fwd2_vjp_all<
        '__l0,
        '__l1,
        '__l2,
        '__lself,
        '__ld0_0,
        '__ld0_1,
        '__ld0_2,
        '__ldself0,
        '__ld1_0,
        '__ld1_1,
        '__ld1_2,
        '__ldself1,
        '__ld2_0,
        '__ld2_1,
        '__ld2_2,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
        __F6,
        __F7,
        __F8,
        __F9,
        __F10,
        __F11,
        __F12,
        __F13,
        __F14,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __a2: &'__l1 Self,
        __a3: &'__l2 [f64],
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __d0_2: ::core::option::Option<&'__ld0_1 Self>,
        __d0_3: ::core::option::Option<&'__ld0_2 [f64]>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<&'__ld1_0 [f64]>,
        __d1_1: ::core::option::Option<usize>,
        __d1_2: ::core::option::Option<&'__ld1_1 Self>,
        __d1_3: ::core::option::Option<&'__ld1_2 [f64]>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<&'__ld2_0 [f64]>,
        __d2_1: ::core::option::Option<usize>,
        __d2_2: ::core::option::Option<&'__ld2_1 Self>,
        __d2_3: ::core::option::Option<&'__ld2_2 [f64]>,
        __flags: (
            __F0,
            __F1,
            __F2,
            __F3,
            __F4,
            __F5,
            __F6,
            __F7,
            __F8,
            __F9,
            __F10,
            __F11,
            __F12,
            __F13,
            __F14,
        ),
    ) -> (
        (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        impl ::core::ops::FnOnce(
            (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ),
    ) {
        let __value = {
            let __zself0;
            let __tself0: &Self = match __dself0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself0 = ::backprop::__private::zero_like(self);
                    &__zself0
                }
            };
            let __z0_0;
            let __t0_0: &[f64] = match __d0_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_0 = ::backprop::__private::zero_like(__a0);
                    &__z0_0
                }
            };
            let __z0_2;
            let __t0_2: &Self = match __d0_2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_2 = ::backprop::__private::zero_like(__a2);
                    &__z0_2
                }
            };
            let __z0_3;
            let __t0_3: &[f64] = match __d0_3 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_3 = ::backprop::__private::zero_like(__a3);
                    &__z0_3
                }
            };
            let __zself1;
            let __tself1: &Self = match __dself1 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself1 = ::backprop::__private::zero_like(self);
                    &__zself1
                }
            };
            let __z1_0;
            let __t1_0: &[f64] = match __d1_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z1_0 = ::backprop::__private::zero_like(__a0);
                    &__z1_0
                }
            };
            let __z1_2;
            let __t1_2: &Self = match __d1_2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z1_2 = ::backprop::__private::zero_like(__a2);
                    &__z1_2
                }
            };
            let __z1_3;
            let __t1_3: &[f64] = match __d1_3 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z1_3 = ::backprop::__private::zero_like(__a3);
                    &__z1_3
                }
            };
            let __zself2;
            let __tself2: &Self = match __dself2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself2 = ::backprop::__private::zero_like(self);
                    &__zself2
                }
            };
            let __z2_0;
            let __t2_0: &[f64] = match __d2_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z2_0 = ::backprop::__private::zero_like(__a0);
                    &__z2_0
                }
            };
            let __z2_2;
            let __t2_2: &Self = match __d2_2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z2_2 = ::backprop::__private::zero_like(__a2);
                    &__z2_2
                }
            };
            let __z2_3;
            let __t2_3: &[f64] = match __d2_3 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z2_3 = ::backprop::__private::zero_like(__a3);
                    &__z2_3
                }
            };
            Self::unit_jvp_jvp_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __a2,
                __a3,
                __tself0,
                __t0_0,
                __t0_2,
                __t0_3,
                __tself1,
                __t1_0,
                __t1_2,
                __t1_3,
                __tself2,
                __t2_0,
                __t2_2,
                __t2_3,
            )
        };
        (
            __value,
            move |__seed: (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64)))| {
                let __zself0;
                let __tself0: &Self = match __dself0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself0 = ::backprop::__private::zero_like(self);
                        &__zself0
                    }
                };
                let __z0_0;
                let __t0_0: &[f64] = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_0 = ::backprop::__private::zero_like(__a0);
                        &__z0_0
                    }
                };
                let __z0_2;
                let __t0_2: &Self = match __d0_2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_2 = ::backprop::__private::zero_like(__a2);
                        &__z0_2
                    }
                };
                let __z0_3;
                let __t0_3: &[f64] = match __d0_3 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_3 = ::backprop::__private::zero_like(__a3);
                        &__z0_3
                    }
                };
                let __zself1;
                let __tself1: &Self = match __dself1 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself1 = ::backprop::__private::zero_like(self);
                        &__zself1
                    }
                };
                let __z1_0;
                let __t1_0: &[f64] = match __d1_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z1_0 = ::backprop::__private::zero_like(__a0);
                        &__z1_0
                    }
                };
                let __z1_2;
                let __t1_2: &Self = match __d1_2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z1_2 = ::backprop::__private::zero_like(__a2);
                        &__z1_2
                    }
                };
                let __z1_3;
                let __t1_3: &[f64] = match __d1_3 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z1_3 = ::backprop::__private::zero_like(__a3);
                        &__z1_3
                    }
                };
                let __zself2;
                let __tself2: &Self = match __dself2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself2 = ::backprop::__private::zero_like(self);
                        &__zself2
                    }
                };
                let __z2_0;
                let __t2_0: &[f64] = match __d2_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z2_0 = ::backprop::__private::zero_like(__a0);
                        &__z2_0
                    }
                };
                let __z2_2;
                let __t2_2: &Self = match __d2_2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z2_2 = ::backprop::__private::zero_like(__a2);
                        &__z2_2
                    }
                };
                let __z2_3;
                let __t2_3: &[f64] = match __d2_3 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z2_3 = ::backprop::__private::zero_like(__a3);
                        &__z2_3
                    }
                };
                let (_, __pullback) = Self::unit_jvp_jvp_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __a2,
                    __a3,
                    __tself0,
                    __t0_0,
                    __t0_2,
                    __t0_3,
                    __tself1,
                    __t1_0,
                    __t1_2,
                    __t1_3,
                    __tself2,
                    __t2_0,
                    __t2_2,
                    __t2_3,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_grad_vjp<'__l0, '__l1, '__lall>(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
    ) -> (
        (f64, (Self, ::std::vec::Vec<f64>)),
        impl ::core::ops::FnOnce(
            (f64, (Self, ::std::vec::Vec<f64>)),
        ) -> (Self, ::std::vec::Vec<f64>) + use<'__l0, '__l1, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
    {
        let __value = Self::unit_grad(self, x, ::backprop::__private::duplicate(&j));
        (
            __value,
            move |(__ybar, (__gbar0, __gbar1)): (f64, (Self, ::std::vec::Vec<f64>))| {
                let (_, (__g0, __g1), (__hv0, __hv1)) = Self::unit_hvp(
                    self,
                    x,
                    j,
                    &__gbar0,
                    &__gbar1,
                );
                (
                    ::backprop::__private::add_scaled(__hv0, __ybar, &__g0),
                    ::backprop::__private::add_scaled(__hv1, __ybar, &__g1),
                )
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_grad_jvp(
        &self,
        x: &[f64],
        j: usize,
        dself: &Self,
        dx: &[f64],
    ) -> ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))) {
        let ((__value, __tangent), __pullback) = Self::unit_jvp_vjp(
            self,
            x,
            j,
            dself,
            dx,
        );
        let (__hv0, __hv1, __g0, __g1) = __pullback((0.0, 1.0));
        ((__value, (__g0, __g1)), (__tangent, (__hv0, __hv1)))
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_grad_jvp_vjp<'__l0, '__l1, '__l2, '__l3, '__lall>(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
        dself: &'__l2 Self,
        dx: &'__l3 [f64],
    ) -> (
        ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
        impl ::core::ops::FnOnce(
            ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) + use<'__l0, '__l1, '__l2, '__l3, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
        '__l2: '__lall,
        '__l3: '__lall,
    {
        let __value = Self::unit_grad_jvp(
            self,
            x,
            ::backprop::__private::duplicate(&j),
            dself,
            dx,
        );
        (
            __value,
            move |
                (
                    (__ybar, (__gbar0, __gbar1)),
                    (__tbar, (__hbar0, __hbar1)),
                ): (
                    (f64, (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>)),
                )|
            {
                let (_, __pullback) = Self::unit_jvp_jvp_vjp(
                    self,
                    x,
                    j,
                    dself,
                    dx,
                    &__hbar0,
                    &__hbar1,
                    &__gbar0,
                    &__gbar1,
                );
                let (__xb0, __xb1, __ab0, __ab1, __bb0, __bb1, __cb0, __cb1) = __pullback((
                    (__ybar, __tbar),
                    (0.0, 1.0),
                ));
                let _ = (__bb0, __bb1, __cb0, __cb1);
                (__xb0, __xb1, __ab0, __ab1)
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_grad_jvp_jvp(
        &self,
        x: &[f64],
        j: usize,
        dself: &Self,
        dx: &[f64],
        dself_1: &Self,
        dx_1: &[f64],
        ddself: &Self,
        ddx: &[f64],
    ) -> (
        ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
        ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
    ) {
        let (((__value, __tangent), (__tangent_1, __second)), __pullback) = Self::unit_jvp_jvp_vjp(
            self,
            x,
            j,
            dself,
            dx,
            dself_1,
            dx_1,
            ddself,
            ddx,
        );
        let (__xb0, __xb1, __ab0, __ab1, __bb0, __bb1, __cb0, __cb1) = __pullback((
            (0.0, 0.0),
            (0.0, 1.0),
        ));
        (
            ((__value, (__cb0, __cb1)), (__tangent, (__bb0, __bb1))),
            ((__tangent_1, (__ab0, __ab1)), (__second, (__xb0, __xb1))),
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    #[allow(unreachable_code)]
    pub fn unit_grad_jvp_jvp_vjp<
        '__l0,
        '__l1,
        '__l2,
        '__l3,
        '__l4,
        '__l5,
        '__l6,
        '__l7,
        '__lall,
    >(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
        dself: &'__l2 Self,
        dx: &'__l3 [f64],
        dself_1: &'__l4 Self,
        dx_1: &'__l5 [f64],
        ddself: &'__l6 Self,
        ddx: &'__l7 [f64],
    ) -> (
        (
            ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
            ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
        ),
        impl ::core::ops::FnOnce(
            (
                (
                    (f64, (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>)),
                ),
                (
                    (f64, (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>)),
                ),
            ),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__l5, '__l6, '__l7, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
        '__l2: '__lall,
        '__l3: '__lall,
        '__l4: '__lall,
        '__l5: '__lall,
        '__l6: '__lall,
        '__l7: '__lall,
    {
        ::backprop::__private::unavailable(
            "`unit_grad_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        );
        (
            ::core::unreachable!(),
            move |
                _: (
                    (
                        (f64, (Self, ::std::vec::Vec<f64>)),
                        (f64, (Self, ::std::vec::Vec<f64>)),
                    ),
                    (
                        (f64, (Self, ::std::vec::Vec<f64>)),
                        (f64, (Self, ::std::vec::Vec<f64>)),
                    ),
                ),
            | -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) { ::core::unreachable!() },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_hvp_vjp<'__l0, '__l1, '__l2, '__l3, '__lall>(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
        dself: &'__l2 Self,
        dx: &'__l3 [f64],
    ) -> (
        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        impl ::core::ops::FnOnce(
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) + use<'__l0, '__l1, '__l2, '__l3, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
        '__l2: '__lall,
        '__l3: '__lall,
    {
        let __value = Self::unit_hvp(
            self,
            x,
            ::backprop::__private::duplicate(&j),
            dself,
            dx,
        );
        (
            __value,
            move |
                (
                    __ybar,
                    (__gbar0, __gbar1),
                    (__hbar0, __hbar1),
                ): (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>))|
            {
                let (_, __pullback) = Self::unit_jvp_jvp_vjp(
                    self,
                    x,
                    j,
                    dself,
                    dx,
                    &__hbar0,
                    &__hbar1,
                    &__gbar0,
                    &__gbar1,
                );
                let (__xb0, __xb1, __ab0, __ab1, __bb0, __bb1, __cb0, __cb1) = __pullback((
                    (0.0, 0.0),
                    (0.0, 1.0),
                ));
                let _ = (__bb0, __bb1);
                (
                    ::backprop::__private::add_scaled(__xb0, __ybar, &__cb0),
                    ::backprop::__private::add_scaled(__xb1, __ybar, &__cb1),
                    __ab0,
                    __ab1,
                )
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_hvp_jvp(
        &self,
        x: &[f64],
        j: usize,
        dself: &Self,
        dx: &[f64],
        dself_1: &Self,
        dx_1: &[f64],
        ddself: &Self,
        ddx: &[f64],
    ) -> (
        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
    ) {
        let (((__value, _), (__tangent, _)), __pullback) = Self::unit_jvp_jvp_vjp(
            self,
            x,
            j,
            dself,
            dx,
            dself_1,
            dx_1,
            ddself,
            ddx,
        );
        let (__xb0, __xb1, __ab0, __ab1, __bb0, __bb1, __cb0, __cb1) = __pullback((
            (0.0, 0.0),
            (0.0, 1.0),
        ));
        (
            (__value, (__cb0, __cb1), (__bb0, __bb1)),
            (__tangent, (__ab0, __ab1), (__xb0, __xb1)),
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    #[allow(unreachable_code)]
    pub fn unit_hvp_jvp_vjp<
        '__l0,
        '__l1,
        '__l2,
        '__l3,
        '__l4,
        '__l5,
        '__l6,
        '__l7,
        '__lall,
    >(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
        dself: &'__l2 Self,
        dx: &'__l3 [f64],
        dself_1: &'__l4 Self,
        dx_1: &'__l5 [f64],
        ddself: &'__l6 Self,
        ddx: &'__l7 [f64],
    ) -> (
        (
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        ),
        impl ::core::ops::FnOnce(
            (
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            ),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__l5, '__l6, '__l7, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
        '__l2: '__lall,
        '__l3: '__lall,
        '__l4: '__lall,
        '__l5: '__lall,
        '__l6: '__lall,
        '__l7: '__lall,
    {
        ::backprop::__private::unavailable(
            "`unit_hvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        );
        (
            ::core::unreachable!(),
            move |
                _: (
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                ),
            | -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) { ::core::unreachable!() },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_hvp_jvp_jvp(
        &self,
        x: &[f64],
        j: usize,
        dself: &Self,
        dx: &[f64],
        dself_1: &Self,
        dx_1: &[f64],
        ddself: &Self,
        ddx: &[f64],
        dself_2: &Self,
        dx_2: &[f64],
        ddself_1: &Self,
        ddx_1: &[f64],
        ddself_1_1: &Self,
        ddx_1_1: &[f64],
        dddself: &Self,
        dddx: &[f64],
    ) -> (
        (
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        ),
        (
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        ),
    ) {
        ::backprop::__private::unavailable(
            "`unit_hvp_jvp_jvp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    #[allow(unreachable_code)]
    pub fn unit_hvp_jvp_jvp_vjp<
        '__l0,
        '__l1,
        '__l2,
        '__l3,
        '__l4,
        '__l5,
        '__l6,
        '__l7,
        '__l8,
        '__l9,
        '__l10,
        '__l11,
        '__l12,
        '__l13,
        '__l14,
        '__l15,
        '__lall,
    >(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
        dself: &'__l2 Self,
        dx: &'__l3 [f64],
        dself_1: &'__l4 Self,
        dx_1: &'__l5 [f64],
        ddself: &'__l6 Self,
        ddx: &'__l7 [f64],
        dself_2: &'__l8 Self,
        dx_2: &'__l9 [f64],
        ddself_1: &'__l10 Self,
        ddx_1: &'__l11 [f64],
        ddself_1_1: &'__l12 Self,
        ddx_1_1: &'__l13 [f64],
        dddself: &'__l14 Self,
        dddx: &'__l15 [f64],
    ) -> (
        (
            (
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            ),
            (
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            ),
        ),
        impl ::core::ops::FnOnce(
            (
                (
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                ),
                (
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                ),
            ),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__l5, '__l6, '__l7, '__l8, '__l9, '__l10, '__l11, '__l12, '__l13, '__l14, '__l15, '__lall>,
    )
    where
        '__l0: '__lall,
        '__l1: '__lall,
        '__l2: '__lall,
        '__l3: '__lall,
        '__l4: '__lall,
        '__l5: '__lall,
        '__l6: '__lall,
        '__l7: '__lall,
        '__l8: '__lall,
        '__l9: '__lall,
        '__l10: '__lall,
        '__l11: '__lall,
        '__l12: '__lall,
        '__l13: '__lall,
        '__l14: '__lall,
        '__l15: '__lall,
    {
        ::backprop::__private::unavailable(
            "`unit_hvp_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        );
        (
            ::core::unreachable!(),
            move |
                _: (
                    (
                        (
                            f64,
                            (Self, ::std::vec::Vec<f64>),
                            (Self, ::std::vec::Vec<f64>),
                        ),
                        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    ),
                    (
                        (
                            f64,
                            (Self, ::std::vec::Vec<f64>),
                            (Self, ::std::vec::Vec<f64>),
                        ),
                        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    ),
                ),
            | -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ) { ::core::unreachable!() },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_grad_fwd1_all<'__l0, '__lself, '__ld0_0, '__ldself0, __F0, __F1, __F2>(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2),
    ) -> ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))) {
        let __zself0;
        let __tself0: &Self = match __dself0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself0 = ::backprop::__private::zero_like(self);
                &__zself0
            }
        };
        let __z0_0;
        let __t0_0: &[f64] = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_0 = ::backprop::__private::zero_like(__a0);
                &__z0_0
            }
        };
        Self::unit_grad_jvp(self, __a0, __a1, __tself0, __t0_0)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_grad_fwd1_vjp_all<
        '__l0,
        '__lself,
        '__ld0_0,
        '__ldself0,
        __F0,
        __F1,
        __F2,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2),
    ) -> (
        ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
        impl ::core::ops::FnOnce(
            ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
        ) -> (Self, ::std::vec::Vec<f64>, Self, ::std::vec::Vec<f64>),
    ) {
        let __value = {
            let __zself0;
            let __tself0: &Self = match __dself0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself0 = ::backprop::__private::zero_like(self);
                    &__zself0
                }
            };
            let __z0_0;
            let __t0_0: &[f64] = match __d0_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_0 = ::backprop::__private::zero_like(__a0);
                    &__z0_0
                }
            };
            Self::unit_grad_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __tself0,
                __t0_0,
            )
        };
        (
            __value,
            move |
                __seed: (
                    (f64, (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>)),
                )|
            {
                let __zself0;
                let __tself0: &Self = match __dself0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself0 = ::backprop::__private::zero_like(self);
                        &__zself0
                    }
                };
                let __z0_0;
                let __t0_0: &[f64] = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_0 = ::backprop::__private::zero_like(__a0);
                        &__z0_0
                    }
                };
                let (_, __pullback) = Self::unit_grad_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __tself0,
                    __t0_0,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_grad_fwd2_all<
        '__l0,
        '__lself,
        '__ld0_0,
        '__ldself0,
        '__ld1_0,
        '__ldself1,
        '__ld2_0,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
        __F6,
        __F7,
        __F8,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<&'__ld1_0 [f64]>,
        __d1_1: ::core::option::Option<usize>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<&'__ld2_0 [f64]>,
        __d2_1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2, __F3, __F4, __F5, __F6, __F7, __F8),
    ) -> (
        ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
        ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
    ) {
        let __zself0;
        let __tself0: &Self = match __dself0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself0 = ::backprop::__private::zero_like(self);
                &__zself0
            }
        };
        let __z0_0;
        let __t0_0: &[f64] = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_0 = ::backprop::__private::zero_like(__a0);
                &__z0_0
            }
        };
        let __zself1;
        let __tself1: &Self = match __dself1 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself1 = ::backprop::__private::zero_like(self);
                &__zself1
            }
        };
        let __z1_0;
        let __t1_0: &[f64] = match __d1_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z1_0 = ::backprop::__private::zero_like(__a0);
                &__z1_0
            }
        };
        let __zself2;
        let __tself2: &Self = match __dself2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself2 = ::backprop::__private::zero_like(self);
                &__zself2
            }
        };
        let __z2_0;
        let __t2_0: &[f64] = match __d2_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z2_0 = ::backprop::__private::zero_like(__a0);
                &__z2_0
            }
        };
        Self::unit_grad_jvp_jvp(
            self,
            __a0,
            __a1,
            __tself0,
            __t0_0,
            __tself1,
            __t1_0,
            __tself2,
            __t2_0,
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_grad_fwd2_vjp_all<
        '__l0,
        '__lself,
        '__ld0_0,
        '__ldself0,
        '__ld1_0,
        '__ldself1,
        '__ld2_0,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
        __F6,
        __F7,
        __F8,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<&'__ld1_0 [f64]>,
        __d1_1: ::core::option::Option<usize>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<&'__ld2_0 [f64]>,
        __d2_1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2, __F3, __F4, __F5, __F6, __F7, __F8),
    ) -> (
        (
            ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
            ((f64, (Self, ::std::vec::Vec<f64>)), (f64, (Self, ::std::vec::Vec<f64>))),
        ),
        impl ::core::ops::FnOnce(
            (
                (
                    (f64, (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>)),
                ),
                (
                    (f64, (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>)),
                ),
            ),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ),
    ) {
        let __value = {
            let __zself0;
            let __tself0: &Self = match __dself0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself0 = ::backprop::__private::zero_like(self);
                    &__zself0
                }
            };
            let __z0_0;
            let __t0_0: &[f64] = match __d0_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_0 = ::backprop::__private::zero_like(__a0);
                    &__z0_0
                }
            };
            let __zself1;
            let __tself1: &Self = match __dself1 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself1 = ::backprop::__private::zero_like(self);
                    &__zself1
                }
            };
            let __z1_0;
            let __t1_0: &[f64] = match __d1_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z1_0 = ::backprop::__private::zero_like(__a0);
                    &__z1_0
                }
            };
            let __zself2;
            let __tself2: &Self = match __dself2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself2 = ::backprop::__private::zero_like(self);
                    &__zself2
                }
            };
            let __z2_0;
            let __t2_0: &[f64] = match __d2_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z2_0 = ::backprop::__private::zero_like(__a0);
                    &__z2_0
                }
            };
            Self::unit_grad_jvp_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __tself0,
                __t0_0,
                __tself1,
                __t1_0,
                __tself2,
                __t2_0,
            )
        };
        (
            __value,
            move |
                __seed: (
                    (
                        (f64, (Self, ::std::vec::Vec<f64>)),
                        (f64, (Self, ::std::vec::Vec<f64>)),
                    ),
                    (
                        (f64, (Self, ::std::vec::Vec<f64>)),
                        (f64, (Self, ::std::vec::Vec<f64>)),
                    ),
                )|
            {
                let __zself0;
                let __tself0: &Self = match __dself0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself0 = ::backprop::__private::zero_like(self);
                        &__zself0
                    }
                };
                let __z0_0;
                let __t0_0: &[f64] = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_0 = ::backprop::__private::zero_like(__a0);
                        &__z0_0
                    }
                };
                let __zself1;
                let __tself1: &Self = match __dself1 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself1 = ::backprop::__private::zero_like(self);
                        &__zself1
                    }
                };
                let __z1_0;
                let __t1_0: &[f64] = match __d1_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z1_0 = ::backprop::__private::zero_like(__a0);
                        &__z1_0
                    }
                };
                let __zself2;
                let __tself2: &Self = match __dself2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself2 = ::backprop::__private::zero_like(self);
                        &__zself2
                    }
                };
                let __z2_0;
                let __t2_0: &[f64] = match __d2_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z2_0 = ::backprop::__private::zero_like(__a0);
                        &__z2_0
                    }
                };
                let (_, __pullback) = Self::unit_grad_jvp_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __tself0,
                    __t0_0,
                    __tself1,
                    __t1_0,
                    __tself2,
                    __t2_0,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_hvp_fwd1_all<
        '__l0,
        '__l1,
        '__l2,
        '__lself,
        '__ld0_0,
        '__ld0_1,
        '__ld0_2,
        '__ldself0,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __a2: &'__l1 Self,
        __a3: &'__l2 [f64],
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __d0_2: ::core::option::Option<&'__ld0_1 Self>,
        __d0_3: ::core::option::Option<&'__ld0_2 [f64]>,
        __flags: (__F0, __F1, __F2, __F3, __F4),
    ) -> (
        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
    ) {
        let __zself0;
        let __tself0: &Self = match __dself0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself0 = ::backprop::__private::zero_like(self);
                &__zself0
            }
        };
        let __z0_0;
        let __t0_0: &[f64] = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_0 = ::backprop::__private::zero_like(__a0);
                &__z0_0
            }
        };
        let __z0_2;
        let __t0_2: &Self = match __d0_2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_2 = ::backprop::__private::zero_like(__a2);
                &__z0_2
            }
        };
        let __z0_3;
        let __t0_3: &[f64] = match __d0_3 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_3 = ::backprop::__private::zero_like(__a3);
                &__z0_3
            }
        };
        Self::unit_hvp_jvp(
            self,
            __a0,
            __a1,
            __a2,
            __a3,
            __tself0,
            __t0_0,
            __t0_2,
            __t0_3,
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_hvp_fwd1_vjp_all<
        '__l0,
        '__l1,
        '__l2,
        '__lself,
        '__ld0_0,
        '__ld0_1,
        '__ld0_2,
        '__ldself0,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __a2: &'__l1 Self,
        __a3: &'__l2 [f64],
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __d0_2: ::core::option::Option<&'__ld0_1 Self>,
        __d0_3: ::core::option::Option<&'__ld0_2 [f64]>,
        __flags: (__F0, __F1, __F2, __F3, __F4),
    ) -> (
        (
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        ),
        impl ::core::ops::FnOnce(
            (
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            ),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ),
    ) {
        let __value = {
            let __zself0;
            let __tself0: &Self = match __dself0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself0 = ::backprop::__private::zero_like(self);
                    &__zself0
                }
            };
            let __z0_0;
            let __t0_0: &[f64] = match __d0_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_0 = ::backprop::__private::zero_like(__a0);
                    &__z0_0
                }
            };
            let __z0_2;
            let __t0_2: &Self = match __d0_2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_2 = ::backprop::__private::zero_like(__a2);
                    &__z0_2
                }
            };
            let __z0_3;
            let __t0_3: &[f64] = match __d0_3 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_3 = ::backprop::__private::zero_like(__a3);
                    &__z0_3
                }
            };
            Self::unit_hvp_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __a2,
                __a3,
                __tself0,
                __t0_0,
                __t0_2,
                __t0_3,
            )
        };
        (
            __value,
            move |
                __seed: (
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                )|
            {
                let __zself0;
                let __tself0: &Self = match __dself0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself0 = ::backprop::__private::zero_like(self);
                        &__zself0
                    }
                };
                let __z0_0;
                let __t0_0: &[f64] = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_0 = ::backprop::__private::zero_like(__a0);
                        &__z0_0
                    }
                };
                let __z0_2;
                let __t0_2: &Self = match __d0_2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_2 = ::backprop::__private::zero_like(__a2);
                        &__z0_2
                    }
                };
                let __z0_3;
                let __t0_3: &[f64] = match __d0_3 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_3 = ::backprop::__private::zero_like(__a3);
                        &__z0_3
                    }
                };
                let (_, __pullback) = Self::unit_hvp_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __a2,
                    __a3,
                    __tself0,
                    __t0_0,
                    __t0_2,
                    __t0_3,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_hvp_fwd2_all<
        '__l0,
        '__l1,
        '__l2,
        '__lself,
        '__ld0_0,
        '__ld0_1,
        '__ld0_2,
        '__ldself0,
        '__ld1_0,
        '__ld1_1,
        '__ld1_2,
        '__ldself1,
        '__ld2_0,
        '__ld2_1,
        '__ld2_2,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
        __F6,
        __F7,
        __F8,
        __F9,
        __F10,
        __F11,
        __F12,
        __F13,
        __F14,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __a2: &'__l1 Self,
        __a3: &'__l2 [f64],
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __d0_2: ::core::option::Option<&'__ld0_1 Self>,
        __d0_3: ::core::option::Option<&'__ld0_2 [f64]>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<&'__ld1_0 [f64]>,
        __d1_1: ::core::option::Option<usize>,
        __d1_2: ::core::option::Option<&'__ld1_1 Self>,
        __d1_3: ::core::option::Option<&'__ld1_2 [f64]>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<&'__ld2_0 [f64]>,
        __d2_1: ::core::option::Option<usize>,
        __d2_2: ::core::option::Option<&'__ld2_1 Self>,
        __d2_3: ::core::option::Option<&'__ld2_2 [f64]>,
        __flags: (
            __F0,
            __F1,
            __F2,
            __F3,
            __F4,
            __F5,
            __F6,
            __F7,
            __F8,
            __F9,
            __F10,
            __F11,
            __F12,
            __F13,
            __F14,
        ),
    ) -> (
        (
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        ),
        (
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
        ),
    ) {
        let __zself0;
        let __tself0: &Self = match __dself0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself0 = ::backprop::__private::zero_like(self);
                &__zself0
            }
        };
        let __z0_0;
        let __t0_0: &[f64] = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_0 = ::backprop::__private::zero_like(__a0);
                &__z0_0
            }
        };
        let __z0_2;
        let __t0_2: &Self = match __d0_2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_2 = ::backprop::__private::zero_like(__a2);
                &__z0_2
            }
        };
        let __z0_3;
        let __t0_3: &[f64] = match __d0_3 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0_3 = ::backprop::__private::zero_like(__a3);
                &__z0_3
            }
        };
        let __zself1;
        let __tself1: &Self = match __dself1 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself1 = ::backprop::__private::zero_like(self);
                &__zself1
            }
        };
        let __z1_0;
        let __t1_0: &[f64] = match __d1_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z1_0 = ::backprop::__private::zero_like(__a0);
                &__z1_0
            }
        };
        let __z1_2;
        let __t1_2: &Self = match __d1_2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z1_2 = ::backprop::__private::zero_like(__a2);
                &__z1_2
            }
        };
        let __z1_3;
        let __t1_3: &[f64] = match __d1_3 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z1_3 = ::backprop::__private::zero_like(__a3);
                &__z1_3
            }
        };
        let __zself2;
        let __tself2: &Self = match __dself2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself2 = ::backprop::__private::zero_like(self);
                &__zself2
            }
        };
        let __z2_0;
        let __t2_0: &[f64] = match __d2_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z2_0 = ::backprop::__private::zero_like(__a0);
                &__z2_0
            }
        };
        let __z2_2;
        let __t2_2: &Self = match __d2_2 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z2_2 = ::backprop::__private::zero_like(__a2);
                &__z2_2
            }
        };
        let __z2_3;
        let __t2_3: &[f64] = match __d2_3 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z2_3 = ::backprop::__private::zero_like(__a3);
                &__z2_3
            }
        };
        Self::unit_hvp_jvp_jvp(
            self,
            __a0,
            __a1,
            __a2,
            __a3,
            __tself0,
            __t0_0,
            __t0_2,
            __t0_3,
            __tself1,
            __t1_0,
            __t1_2,
            __t1_3,
            __tself2,
            __t2_0,
            __t2_2,
            __t2_3,
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_hvp_fwd2_vjp_all<
        '__l0,
        '__l1,
        '__l2,
        '__lself,
        '__ld0_0,
        '__ld0_1,
        '__ld0_2,
        '__ldself0,
        '__ld1_0,
        '__ld1_1,
        '__ld1_2,
        '__ldself1,
        '__ld2_0,
        '__ld2_1,
        '__ld2_2,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
        __F6,
        __F7,
        __F8,
        __F9,
        __F10,
        __F11,
        __F12,
        __F13,
        __F14,
    >(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __a2: &'__l1 Self,
        __a3: &'__l2 [f64],
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<&'__ld0_0 [f64]>,
        __d0_1: ::core::option::Option<usize>,
        __d0_2: ::core::option::Option<&'__ld0_1 Self>,
        __d0_3: ::core::option::Option<&'__ld0_2 [f64]>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<&'__ld1_0 [f64]>,
        __d1_1: ::core::option::Option<usize>,
        __d1_2: ::core::option::Option<&'__ld1_1 Self>,
        __d1_3: ::core::option::Option<&'__ld1_2 [f64]>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<&'__ld2_0 [f64]>,
        __d2_1: ::core::option::Option<usize>,
        __d2_2: ::core::option::Option<&'__ld2_1 Self>,
        __d2_3: ::core::option::Option<&'__ld2_2 [f64]>,
        __flags: (
            __F0,
            __F1,
            __F2,
            __F3,
            __F4,
            __F5,
            __F6,
            __F7,
            __F8,
            __F9,
            __F10,
            __F11,
            __F12,
            __F13,
            __F14,
        ),
    ) -> (
        (
            (
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            ),
            (
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
            ),
        ),
        impl ::core::ops::FnOnce(
            (
                (
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                ),
                (
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                ),
            ),
        ) -> (
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
                Self,
                ::std::vec::Vec<f64>,
            ),
    ) {
        let __value = {
            let __zself0;
            let __tself0: &Self = match __dself0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself0 = ::backprop::__private::zero_like(self);
                    &__zself0
                }
            };
            let __z0_0;
            let __t0_0: &[f64] = match __d0_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_0 = ::backprop::__private::zero_like(__a0);
                    &__z0_0
                }
            };
            let __z0_2;
            let __t0_2: &Self = match __d0_2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_2 = ::backprop::__private::zero_like(__a2);
                    &__z0_2
                }
            };
            let __z0_3;
            let __t0_3: &[f64] = match __d0_3 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0_3 = ::backprop::__private::zero_like(__a3);
                    &__z0_3
                }
            };
            let __zself1;
            let __tself1: &Self = match __dself1 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself1 = ::backprop::__private::zero_like(self);
                    &__zself1
                }
            };
            let __z1_0;
            let __t1_0: &[f64] = match __d1_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z1_0 = ::backprop::__private::zero_like(__a0);
                    &__z1_0
                }
            };
            let __z1_2;
            let __t1_2: &Self = match __d1_2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z1_2 = ::backprop::__private::zero_like(__a2);
                    &__z1_2
                }
            };
            let __z1_3;
            let __t1_3: &[f64] = match __d1_3 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z1_3 = ::backprop::__private::zero_like(__a3);
                    &__z1_3
                }
            };
            let __zself2;
            let __tself2: &Self = match __dself2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself2 = ::backprop::__private::zero_like(self);
                    &__zself2
                }
            };
            let __z2_0;
            let __t2_0: &[f64] = match __d2_0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z2_0 = ::backprop::__private::zero_like(__a0);
                    &__z2_0
                }
            };
            let __z2_2;
            let __t2_2: &Self = match __d2_2 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z2_2 = ::backprop::__private::zero_like(__a2);
                    &__z2_2
                }
            };
            let __z2_3;
            let __t2_3: &[f64] = match __d2_3 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z2_3 = ::backprop::__private::zero_like(__a3);
                    &__z2_3
                }
            };
            Self::unit_hvp_jvp_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __a2,
                __a3,
                __tself0,
                __t0_0,
                __t0_2,
                __t0_3,
                __tself1,
                __t1_0,
                __t1_2,
                __t1_3,
                __tself2,
                __t2_0,
                __t2_2,
                __t2_3,
            )
        };
        (
            __value,
            move |
                __seed: (
                    (
                        (
                            f64,
                            (Self, ::std::vec::Vec<f64>),
                            (Self, ::std::vec::Vec<f64>),
                        ),
                        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    ),
                    (
                        (
                            f64,
                            (Self, ::std::vec::Vec<f64>),
                            (Self, ::std::vec::Vec<f64>),
                        ),
                        (f64, (Self, ::std::vec::Vec<f64>), (Self, ::std::vec::Vec<f64>)),
                    ),
                )|
            {
                let __zself0;
                let __tself0: &Self = match __dself0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself0 = ::backprop::__private::zero_like(self);
                        &__zself0
                    }
                };
                let __z0_0;
                let __t0_0: &[f64] = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_0 = ::backprop::__private::zero_like(__a0);
                        &__z0_0
                    }
                };
                let __z0_2;
                let __t0_2: &Self = match __d0_2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_2 = ::backprop::__private::zero_like(__a2);
                        &__z0_2
                    }
                };
                let __z0_3;
                let __t0_3: &[f64] = match __d0_3 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0_3 = ::backprop::__private::zero_like(__a3);
                        &__z0_3
                    }
                };
                let __zself1;
                let __tself1: &Self = match __dself1 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself1 = ::backprop::__private::zero_like(self);
                        &__zself1
                    }
                };
                let __z1_0;
                let __t1_0: &[f64] = match __d1_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z1_0 = ::backprop::__private::zero_like(__a0);
                        &__z1_0
                    }
                };
                let __z1_2;
                let __t1_2: &Self = match __d1_2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z1_2 = ::backprop::__private::zero_like(__a2);
                        &__z1_2
                    }
                };
                let __z1_3;
                let __t1_3: &[f64] = match __d1_3 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z1_3 = ::backprop::__private::zero_like(__a3);
                        &__z1_3
                    }
                };
                let __zself2;
                let __tself2: &Self = match __dself2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself2 = ::backprop::__private::zero_like(self);
                        &__zself2
                    }
                };
                let __z2_0;
                let __t2_0: &[f64] = match __d2_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z2_0 = ::backprop::__private::zero_like(__a0);
                        &__z2_0
                    }
                };
                let __z2_2;
                let __t2_2: &Self = match __d2_2 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z2_2 = ::backprop::__private::zero_like(__a2);
                        &__z2_2
                    }
                };
                let __z2_3;
                let __t2_3: &[f64] = match __d2_3 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z2_3 = ::backprop::__private::zero_like(__a3);
                        &__z2_3
                    }
                };
                let (_, __pullback) = Self::unit_hvp_jvp_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __a2,
                    __a3,
                    __tself0,
                    __t0_0,
                    __t0_2,
                    __t0_3,
                    __tself1,
                    __t1_0,
                    __t1_2,
                    __t1_3,
                    __tself2,
                    __t2_0,
                    __t2_2,
                    __t2_3,
                );
                __pullback(__seed)
            },
        )
    }
}
impl Point {
    #[allow(dead_code)]
    pub fn norm(self) -> f64 {
        (self.x * self.x + self.y * self.y).sqrt()
    }
    /** Value of [`norm`](Self::norm) and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_vjp(self) -> (f64, impl ::core::ops::FnOnce(f64) -> Self + use<>) {
        let __t0 = self.x;
        let __t3 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t0)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t3))
            .sqrt();
        let __value = __t7;
        (
            __value,
            move |__seed: f64| {
                let mut __d_self = ::backprop::__private::zero_like(&self);
                let mut __d_t7 = __seed;
                let mut __d_t6 = __d_t7 / (2.0 * __t7);
                let mut __d_t2 = __d_t6;
                let mut __d_t3 = __d_t6 * __t3 * 2.0;
                __d_self.y += __d_t3;
                let mut __d_t0 = __d_t2 * __t0 * 2.0;
                __d_self.x += __d_t0;
                __d_self
            },
        )
    }
    /** Value and gradient of [`norm`](Self::norm).

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_grad(self) -> (f64, Self) {
        let __t0 = self.x;
        let __t3 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t0)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t3))
            .sqrt();
        let __value = __t7;
        let __seed: f64 = 1.0;
        let mut __d_self = ::backprop::__private::zero_like(&self);
        let mut __d_t7 = __seed;
        let mut __d_t6 = __d_t7 / (2.0 * __t7);
        let mut __d_t2 = __d_t6;
        let mut __d_t3 = __d_t6 * __t3 * 2.0;
        __d_self.y += __d_t3;
        let mut __d_t0 = __d_t2 * __t0 * 2.0;
        __d_self.x += __d_t0;
        (__value, __d_self)
    }
    /** Value of [`norm`](Self::norm) and its derivative in the direction given by the tangents (one per differentiated parameter, of the same type): forward mode.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_jvp(self, dself: Self) -> (f64, f64) {
        let __t0 = self.x;
        let __t3 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t0)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t3))
            .sqrt();
        let __value = (
            __t7,
            (::backprop::__private::float(dself.x) * ::backprop::__private::float(__t0)
                * 2.0
                + ::backprop::__private::float(dself.y)
                    * ::backprop::__private::float(__t3) * 2.0) / (2.0 * __t7),
        );
        __value
    }
    #[doc(hidden)]
    /** Value of [`norm_jvp`](Self::norm_jvp) and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_jvp_vjp(
        self,
        dself: Self,
    ) -> ((f64, f64), impl ::core::ops::FnOnce((f64, f64)) -> (Self, Self) + use<>) {
        let __dt0 = dself.x;
        let __t0 = self.x;
        let __dt3 = dself.y;
        let __t3 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t0)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t3))
            .sqrt();
        let __p2 = 2.0 * __t7;
        let __dt7 = (::backprop::__private::float(__dt0)
            * ::backprop::__private::float(__t0) * 2.0
            + ::backprop::__private::float(__dt3) * ::backprop::__private::float(__t3)
                * 2.0) / __p2;
        let __value = (__t7, __dt7);
        (
            __value,
            move |__seed: (f64, f64)| {
                let mut __d_self = ::backprop::__private::zero_like(&self);
                let mut __d_dself = ::backprop::__private::zero_like(&dself);
                let mut __d_p3 = __seed;
                let mut __d_t7 = __d_p3.0;
                let mut __d_dt7 = __d_p3.1;
                let mut __d_dt6 = __d_dt7 / __p2;
                let mut __d_p2 = -(__d_dt7 * __dt7 / __p2);
                __d_t7 += __d_p2 * 2.0;
                let mut __d_t6 = __d_t7 / (2.0 * __t7);
                let mut __d_dt2 = __d_dt6;
                let mut __d_t2 = __d_t6;
                let mut __d_p1 = __d_dt6 * 2.0;
                let mut __d_dt3 = __d_p1 * __t3;
                let mut __d_t3 = __d_p1 * __dt3;
                __d_t3 += __d_t6 * __t3 * 2.0;
                __d_self.y += __d_t3;
                __d_dself.y += __d_dt3;
                let mut __d_p0 = __d_dt2 * 2.0;
                let mut __d_dt0 = __d_p0 * __t0;
                let mut __d_t0 = __d_p0 * __dt0;
                __d_t0 += __d_t2 * __t0 * 2.0;
                __d_self.x += __d_t0;
                __d_dself.x += __d_dt0;
                (__d_self, __d_dself)
            },
        )
    }
    /** Value of [`norm`](Self::norm), its gradient, and its Hessian times the direction (one per differentiated parameter, of the same type): one forward and one reverse pass of its forward mode.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_hvp(self, dself: Self) -> (f64, Self, Self) {
        let __dt0 = dself.x;
        let __t0 = self.x;
        let __dt3 = dself.y;
        let __t3 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t0)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t3))
            .sqrt();
        let __p2 = 2.0 * __t7;
        let __dt7 = (::backprop::__private::float(__dt0)
            * ::backprop::__private::float(__t0) * 2.0
            + ::backprop::__private::float(__dt3) * ::backprop::__private::float(__t3)
                * 2.0) / __p2;
        let __value = (__t7, __dt7);
        let __seed: (f64, f64) = (0.0, 1.0);
        let mut __d_self = ::backprop::__private::zero_like(&self);
        let mut __d_dself = ::backprop::__private::zero_like(&dself);
        let mut __d_p3 = __seed;
        let mut __d_t7 = __d_p3.0;
        let mut __d_dt7 = __d_p3.1;
        let mut __d_dt6 = __d_dt7 / __p2;
        let mut __d_p2 = -(__d_dt7 * __dt7 / __p2);
        __d_t7 += __d_p2 * 2.0;
        let mut __d_t6 = __d_t7 / (2.0 * __t7);
        let mut __d_dt2 = __d_dt6;
        let mut __d_t2 = __d_t6;
        let mut __d_p1 = __d_dt6 * 2.0;
        let mut __d_dt3 = __d_p1 * __t3;
        let mut __d_t3 = __d_p1 * __dt3;
        __d_t3 += __d_t6 * __t3 * 2.0;
        __d_self.y += __d_t3;
        __d_dself.y += __d_dt3;
        let mut __d_p0 = __d_dt2 * 2.0;
        let mut __d_dt0 = __d_p0 * __t0;
        let mut __d_t0 = __d_p0 * __dt0;
        __d_t0 += __d_t2 * __t0 * 2.0;
        __d_self.x += __d_t0;
        __d_dself.x += __d_dt0;
        let (__hv0, __g0) = (__d_self, __d_dself);
        (__value.0, __g0, __hv0)
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_jvp_jvp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
    ) -> ((f64, f64), (f64, f64)) {
        let __dt0 = dself.x;
        let __dt0_1 = dself_1.x;
        let __t0 = self.x;
        let __dt3 = dself.y;
        let __dt3_1 = dself_1.y;
        let __t3 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t0)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t3))
            .sqrt();
        let __dt7_1 = (::backprop::__private::float(__dt0_1)
            * ::backprop::__private::float(__t0) * 2.0
            + ::backprop::__private::float(__dt3_1) * ::backprop::__private::float(__t3)
                * 2.0) / (2.0 * __t7);
        let __p2 = 2.0 * __t7;
        let __dt7 = (::backprop::__private::float(__dt0)
            * ::backprop::__private::float(__t0) * 2.0
            + ::backprop::__private::float(__dt3) * ::backprop::__private::float(__t3)
                * 2.0) / __p2;
        let __value = (
            (__t7, __dt7),
            (
                __dt7_1,
                ((::backprop::__private::float(ddself.x)
                    * ::backprop::__private::float(__t0)
                    + ::backprop::__private::float(__dt0_1)
                        * ::backprop::__private::float(__dt0)) * 2.0
                    + (::backprop::__private::float(ddself.y)
                        * ::backprop::__private::float(__t3)
                        + ::backprop::__private::float(__dt3_1)
                            * ::backprop::__private::float(__dt3)) * 2.0) / __p2
                    + -(__dt7_1 * 2.0 * __dt7 / __p2),
            ),
        );
        __value
    }
    #[doc(hidden)]
    /** Value of [`norm_jvp_jvp`](Self::norm_jvp_jvp) and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_jvp_jvp_vjp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
    ) -> (
        ((f64, f64), (f64, f64)),
        impl ::core::ops::FnOnce(
            ((f64, f64), (f64, f64)),
        ) -> (Self, Self, Self, Self) + use<>,
    ) {
        let __ddt0 = ddself.x;
        let __dt0 = dself.x;
        let __dt0_1 = dself_1.x;
        let __t0 = self.x;
        let __ddt3 = ddself.y;
        let __dt3 = dself.y;
        let __dt3_1 = dself_1.y;
        let __t3 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t0)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t3))
            .sqrt();
        let __p10 = 2.0 * __t7;
        let __dt7_1 = (::backprop::__private::float(__dt0_1)
            * ::backprop::__private::float(__t0) * 2.0
            + ::backprop::__private::float(__dt3_1) * ::backprop::__private::float(__t3)
                * 2.0) / __p10;
        let __p2 = 2.0 * __t7;
        let __dp2 = __dt7_1 * 2.0;
        let __dt7 = (::backprop::__private::float(__dt0)
            * ::backprop::__private::float(__t0) * 2.0
            + ::backprop::__private::float(__dt3) * ::backprop::__private::float(__t3)
                * 2.0) / __p2;
        let __p11 = ((::backprop::__private::float(__ddt0)
            * ::backprop::__private::float(__t0)
            + ::backprop::__private::float(__dt0_1)
                * ::backprop::__private::float(__dt0)) * 2.0
            + (::backprop::__private::float(__ddt3) * ::backprop::__private::float(__t3)
                + ::backprop::__private::float(__dt3_1)
                    * ::backprop::__private::float(__dt3)) * 2.0) / __p2;
        let __p13 = __dp2 * __dt7 / __p2;
        let __value = ((__t7, __dt7), (__dt7_1, __p11 + -__p13));
        (
            __value,
            move |__seed: ((f64, f64), (f64, f64))| {
                let mut __d_self = ::backprop::__private::zero_like(&self);
                let mut __d_dself_1 = ::backprop::__private::zero_like(&dself_1);
                let mut __d_dself = ::backprop::__private::zero_like(&dself);
                let mut __d_ddself = ::backprop::__private::zero_like(&ddself);
                let mut __d_p15 = __seed;
                let mut __d_p3 = __d_p15.0;
                let mut __d_dp3 = __d_p15.1;
                let mut __d_t7 = __d_p3.0;
                let mut __d_dt7 = __d_p3.1;
                let mut __d_dt7_1 = __d_dp3.0;
                let mut __d_ddt7 = __d_dp3.1;
                let mut __d_p11 = __d_ddt7;
                let mut __d_p13 = -__d_ddt7;
                let mut __d_p12 = __d_p13 / __p2;
                let mut __d_p2 = -(__d_p13 * __p13 / __p2);
                let mut __d_dp2 = __d_p12 * __dt7;
                __d_dt7 += __d_p12 * __dp2;
                let mut __d_ddt6 = __d_p11 / __p2;
                __d_p2 += -(__d_p11 * __p11 / __p2);
                let mut __d_dt6 = __d_dt7 / __p2;
                __d_p2 += -(__d_dt7 * __dt7 / __p2);
                __d_dt7_1 += __d_dp2 * 2.0;
                __d_t7 += __d_p2 * 2.0;
                let mut __d_dt6_1 = __d_dt7_1 / __p10;
                let mut __d_p10 = -(__d_dt7_1 * __dt7_1 / __p10);
                __d_t7 += __d_p10 * 2.0;
                let mut __d_t6 = __d_t7 / (2.0 * __t7);
                let mut __d_ddt2 = __d_ddt6;
                let mut __d_dt2 = __d_dt6;
                let mut __d_dt2_1 = __d_dt6_1;
                let mut __d_t2 = __d_t6;
                let mut __d_dp1 = __d_ddt6 * 2.0;
                let mut __d_p1 = __d_dt6 * 2.0;
                let mut __d_p8 = __d_dp1;
                let mut __d_dt3_1 = __d_dp1 * __dt3;
                let mut __d_dt3 = __d_dp1 * __dt3_1;
                let mut __d_ddt3 = __d_p8 * __t3;
                let mut __d_t3 = __d_p8 * __ddt3;
                __d_dt3 += __d_p1 * __t3;
                __d_t3 += __d_p1 * __dt3;
                let mut __d_p7 = __d_dt6_1 * 2.0;
                __d_dt3_1 += __d_p7 * __t3;
                __d_t3 += __d_p7 * __dt3_1;
                __d_t3 += __d_t6 * __t3 * 2.0;
                __d_self.y += __d_t3;
                __d_dself_1.y += __d_dt3_1;
                __d_dself.y += __d_dt3;
                __d_ddself.y += __d_ddt3;
                let mut __d_dp0 = __d_ddt2 * 2.0;
                let mut __d_p0 = __d_dt2 * 2.0;
                let mut __d_p5 = __d_dp0;
                let mut __d_dt0_1 = __d_dp0 * __dt0;
                let mut __d_dt0 = __d_dp0 * __dt0_1;
                let mut __d_ddt0 = __d_p5 * __t0;
                let mut __d_t0 = __d_p5 * __ddt0;
                __d_dt0 += __d_p0 * __t0;
                __d_t0 += __d_p0 * __dt0;
                let mut __d_p4 = __d_dt2_1 * 2.0;
                __d_dt0_1 += __d_p4 * __t0;
                __d_t0 += __d_p4 * __dt0_1;
                __d_t0 += __d_t2 * __t0 * 2.0;
                __d_self.x += __d_t0;
                __d_dself_1.x += __d_dt0_1;
                __d_dself.x += __d_dt0;
                __d_ddself.x += __d_ddt0;
                (__d_self, __d_dself, __d_dself_1, __d_ddself)
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_jvp_jvp_jvp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
        dself_2: Self,
        ddself_1: Self,
        ddself_1_1: Self,
        dddself: Self,
    ) -> (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))) {
        ::backprop::__private::unavailable(
            "`norm_jvp_jvp_jvp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    #[allow(unreachable_code)]
    pub fn norm_jvp_jvp_jvp_vjp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
        dself_2: Self,
        ddself_1: Self,
        ddself_1_1: Self,
        dddself: Self,
    ) -> (
        (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        impl ::core::ops::FnOnce(
            (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        ) -> (Self, Self, Self, Self, Self, Self, Self, Self) + use<>,
    ) {
        ::backprop::__private::unavailable(
            "`norm_jvp_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        );
        (
            ::core::unreachable!(),
            move |
                _: (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
            | -> (Self, Self, Self, Self, Self, Self, Self, Self) {
                ::core::unreachable!()
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_fwd1_all<'__lself, '__ldself0, __F0>(
        self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __flags: (__F0,),
    ) -> (f64, f64) {
        let __tself0: Self = match __dself0 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        Self::norm_jvp(self, __tself0)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_fwd1_vjp_all<'__lself, '__ldself0, __F0>(
        self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __flags: (__F0,),
    ) -> ((f64, f64), impl ::core::ops::FnOnce((f64, f64)) -> (Self, Self)) {
        let __value = {
            let __tself0: Self = match ::backprop::__private::duplicate(&__dself0) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            Self::norm_jvp(::backprop::__private::duplicate(&self), __tself0)
        };
        (
            __value,
            move |__seed: (f64, f64)| {
                let __tself0: Self = match __dself0 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let (_, __pullback) = Self::norm_jvp_vjp(self, __tself0);
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_fwd2_all<'__lself, '__ldself0, '__ldself1, '__ldself2, __F0, __F1, __F2>(
        self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __flags: (__F0, __F1, __F2),
    ) -> ((f64, f64), (f64, f64)) {
        let __tself0: Self = match __dself0 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __tself1: Self = match __dself1 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __tself2: Self = match __dself2 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        Self::norm_jvp_jvp(self, __tself0, __tself1, __tself2)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_fwd2_vjp_all<
        '__lself,
        '__ldself0,
        '__ldself1,
        '__ldself2,
        __F0,
        __F1,
        __F2,
    >(
        self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __flags: (__F0, __F1, __F2),
    ) -> (
        ((f64, f64), (f64, f64)),
        impl ::core::ops::FnOnce(((f64, f64), (f64, f64))) -> (Self, Self, Self, Self),
    ) {
        let __value = {
            let __tself0: Self = match ::backprop::__private::duplicate(&__dself0) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __tself1: Self = match ::backprop::__private::duplicate(&__dself1) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __tself2: Self = match ::backprop::__private::duplicate(&__dself2) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            Self::norm_jvp_jvp(
                ::backprop::__private::duplicate(&self),
                __tself0,
                __tself1,
                __tself2,
            )
        };
        (
            __value,
            move |__seed: ((f64, f64), (f64, f64))| {
                let __tself0: Self = match __dself0 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __tself1: Self = match __dself1 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __tself2: Self = match __dself2 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let (_, __pullback) = Self::norm_jvp_jvp_vjp(
                    self,
                    __tself0,
                    __tself1,
                    __tself2,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_jvp_fwd1_all<'__lself, '__ldself0, __F0, __F1>(
        self,
        __a0: Self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<Self>,
        __flags: (__F0, __F1),
    ) -> ((f64, f64), (f64, f64)) {
        let __tself0: Self = match __dself0 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __t0_0: Self = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
        };
        Self::norm_jvp_jvp(self, __a0, __tself0, __t0_0)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_jvp_fwd1_vjp_all<'__lself, '__ldself0, __F0, __F1>(
        self,
        __a0: Self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<Self>,
        __flags: (__F0, __F1),
    ) -> (
        ((f64, f64), (f64, f64)),
        impl ::core::ops::FnOnce(((f64, f64), (f64, f64))) -> (Self, Self, Self, Self),
    ) {
        let __value = {
            let __tself0: Self = match ::backprop::__private::duplicate(&__dself0) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __t0_0: Self = match ::backprop::__private::duplicate(&__d0_0) {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
            };
            Self::norm_jvp_jvp(
                ::backprop::__private::duplicate(&self),
                ::backprop::__private::duplicate(&__a0),
                __tself0,
                __t0_0,
            )
        };
        (
            __value,
            move |__seed: ((f64, f64), (f64, f64))| {
                let __tself0: Self = match __dself0 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __t0_0: Self = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&__a0)
                    }
                };
                let (_, __pullback) = Self::norm_jvp_jvp_vjp(
                    self,
                    __a0,
                    __tself0,
                    __t0_0,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_jvp_fwd2_all<
        '__lself,
        '__ldself0,
        '__ldself1,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
    >(
        self,
        __a0: Self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<Self>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<Self>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<Self>,
        __flags: (__F0, __F1, __F2, __F3, __F4, __F5),
    ) -> (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))) {
        let __tself0: Self = match __dself0 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __t0_0: Self = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
        };
        let __tself1: Self = match __dself1 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __t1_0: Self = match __d1_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
        };
        let __tself2: Self = match __dself2 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __t2_0: Self = match __d2_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
        };
        Self::norm_jvp_jvp_jvp(
            self,
            __a0,
            __tself0,
            __t0_0,
            __tself1,
            __t1_0,
            __tself2,
            __t2_0,
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_jvp_fwd2_vjp_all<
        '__lself,
        '__ldself0,
        '__ldself1,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
    >(
        self,
        __a0: Self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<Self>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<Self>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<Self>,
        __flags: (__F0, __F1, __F2, __F3, __F4, __F5),
    ) -> (
        (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        impl ::core::ops::FnOnce(
            (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        ) -> (Self, Self, Self, Self, Self, Self, Self, Self),
    ) {
        let __value = {
            let __tself0: Self = match ::backprop::__private::duplicate(&__dself0) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __t0_0: Self = match ::backprop::__private::duplicate(&__d0_0) {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
            };
            let __tself1: Self = match ::backprop::__private::duplicate(&__dself1) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __t1_0: Self = match ::backprop::__private::duplicate(&__d1_0) {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
            };
            let __tself2: Self = match ::backprop::__private::duplicate(&__dself2) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __t2_0: Self = match ::backprop::__private::duplicate(&__d2_0) {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
            };
            Self::norm_jvp_jvp_jvp(
                ::backprop::__private::duplicate(&self),
                ::backprop::__private::duplicate(&__a0),
                __tself0,
                __t0_0,
                __tself1,
                __t1_0,
                __tself2,
                __t2_0,
            )
        };
        (
            __value,
            move |__seed: (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64)))| {
                let __tself0: Self = match __dself0 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __t0_0: Self = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&__a0)
                    }
                };
                let __tself1: Self = match __dself1 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __t1_0: Self = match __d1_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&__a0)
                    }
                };
                let __tself2: Self = match __dself2 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __t2_0: Self = match __d2_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&__a0)
                    }
                };
                let (_, __pullback) = Self::norm_jvp_jvp_jvp_vjp(
                    self,
                    __a0,
                    __tself0,
                    __t0_0,
                    __tself1,
                    __t1_0,
                    __tself2,
                    __t2_0,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_grad_vjp(
        self,
    ) -> ((f64, Self), impl ::core::ops::FnOnce((f64, Self)) -> Self + use<>) {
        let __value = Self::norm_grad(::backprop::__private::duplicate(&self));
        (
            __value,
            move |(__ybar, __gbar0): (f64, Self)| {
                let (_, __g0, __hv0) = Self::norm_hvp(self, __gbar0);
                ::backprop::__private::add_scaled(__hv0, __ybar, &__g0)
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_grad_jvp(self, dself: Self) -> ((f64, Self), (f64, Self)) {
        let ((__value, __tangent), __pullback) = Self::norm_jvp_vjp(self, dself);
        let (__hv0, __g0) = __pullback((0.0, 1.0));
        ((__value, __g0), (__tangent, __hv0))
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_grad_jvp_vjp(
        self,
        dself: Self,
    ) -> (
        ((f64, Self), (f64, Self)),
        impl ::core::ops::FnOnce(((f64, Self), (f64, Self))) -> (Self, Self) + use<>,
    ) {
        let __value = Self::norm_grad_jvp(
            ::backprop::__private::duplicate(&self),
            ::backprop::__private::duplicate(&dself),
        );
        (
            __value,
            move |((__ybar, __gbar0), (__tbar, __hbar0)): ((f64, Self), (f64, Self))| {
                let (_, __pullback) = Self::norm_jvp_jvp_vjp(
                    self,
                    dself,
                    __hbar0,
                    __gbar0,
                );
                let (__xb0, __ab0, __bb0, __cb0) = __pullback((
                    (__ybar, __tbar),
                    (0.0, 1.0),
                ));
                let _ = (__bb0, __cb0);
                (__xb0, __ab0)
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_grad_jvp_jvp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
    ) -> (((f64, Self), (f64, Self)), ((f64, Self), (f64, Self))) {
        let (((__value, __tangent), (__tangent_1, __second)), __pullback) = Self::norm_jvp_jvp_vjp(
            self,
            dself,
            dself_1,
            ddself,
        );
        let (__xb0, __ab0, __bb0, __cb0) = __pullback(((0.0, 0.0), (0.0, 1.0)));
        (
            ((__value, __cb0), (__tangent, __bb0)),
            ((__tangent_1, __ab0), (__second, __xb0)),
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    #[allow(unreachable_code)]
    pub fn norm_grad_jvp_jvp_vjp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
    ) -> (
        (((f64, Self), (f64, Self)), ((f64, Self), (f64, Self))),
        impl ::core::ops::FnOnce(
            (((f64, Self), (f64, Self)), ((f64, Self), (f64, Self))),
        ) -> (Self, Self, Self, Self) + use<>,
    ) {
        ::backprop::__private::unavailable(
            "`norm_grad_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        );
        (
            ::core::unreachable!(),
            move |
                _: (((f64, Self), (f64, Self)), ((f64, Self), (f64, Self))),
            | -> (Self, Self, Self, Self) { ::core::unreachable!() },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_hvp_vjp(
        self,
        dself: Self,
    ) -> (
        (f64, Self, Self),
        impl ::core::ops::FnOnce((f64, Self, Self)) -> (Self, Self) + use<>,
    ) {
        let __value = Self::norm_hvp(
            ::backprop::__private::duplicate(&self),
            ::backprop::__private::duplicate(&dself),
        );
        (
            __value,
            move |(__ybar, __gbar0, __hbar0): (f64, Self, Self)| {
                let (_, __pullback) = Self::norm_jvp_jvp_vjp(
                    self,
                    dself,
                    __hbar0,
                    __gbar0,
                );
                let (__xb0, __ab0, __bb0, __cb0) = __pullback(((0.0, 0.0), (0.0, 1.0)));
                let _ = (__bb0,);
                (::backprop::__private::add_scaled(__xb0, __ybar, &__cb0), __ab0)
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_hvp_jvp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
    ) -> ((f64, Self, Self), (f64, Self, Self)) {
        let (((__value, _), (__tangent, _)), __pullback) = Self::norm_jvp_jvp_vjp(
            self,
            dself,
            dself_1,
            ddself,
        );
        let (__xb0, __ab0, __bb0, __cb0) = __pullback(((0.0, 0.0), (0.0, 1.0)));
        ((__value, __cb0, __bb0), (__tangent, __ab0, __xb0))
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    #[allow(unreachable_code)]
    pub fn norm_hvp_jvp_vjp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
    ) -> (
        ((f64, Self, Self), (f64, Self, Self)),
        impl ::core::ops::FnOnce(
            ((f64, Self, Self), (f64, Self, Self)),
        ) -> (Self, Self, Self, Self) + use<>,
    ) {
        ::backprop::__private::unavailable(
            "`norm_hvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        );
        (
            ::core::unreachable!(),
            move |_: ((f64, Self, Self), (f64, Self, Self))| -> (Self, Self, Self, Self) {
                ::core::unreachable!()
            },
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_hvp_jvp_jvp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
        dself_2: Self,
        ddself_1: Self,
        ddself_1_1: Self,
        dddself: Self,
    ) -> (
        ((f64, Self, Self), (f64, Self, Self)),
        ((f64, Self, Self), (f64, Self, Self)),
    ) {
        ::backprop::__private::unavailable(
            "`norm_hvp_jvp_jvp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        )
    }
    #[doc(hidden)]
    #[allow(
        unused_mut,
        unused_variables,
        unused_assignments,
        unused_parens,
        unused_braces,
        unreachable_code,
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    #[allow(unreachable_code)]
    pub fn norm_hvp_jvp_jvp_vjp(
        self,
        dself: Self,
        dself_1: Self,
        ddself: Self,
        dself_2: Self,
        ddself_1: Self,
        ddself_1_1: Self,
        dddself: Self,
    ) -> (
        (((f64, Self, Self), (f64, Self, Self)), ((f64, Self, Self), (f64, Self, Self))),
        impl ::core::ops::FnOnce(
            (
                ((f64, Self, Self), (f64, Self, Self)),
                ((f64, Self, Self), (f64, Self, Self)),
            ),
        ) -> (Self, Self, Self, Self, Self, Self, Self, Self) + use<>,
    ) {
        ::backprop::__private::unavailable(
            "`norm_hvp_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
        );
        (
            ::core::unreachable!(),
            move |
                _: (
                    ((f64, Self, Self), (f64, Self, Self)),
                    ((f64, Self, Self), (f64, Self, Self)),
                ),
            | -> (Self, Self, Self, Self, Self, Self, Self, Self) {
                ::core::unreachable!()
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_grad_fwd1_all<'__lself, '__ldself0, __F0>(
        self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __flags: (__F0,),
    ) -> ((f64, Self), (f64, Self)) {
        let __tself0: Self = match __dself0 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        Self::norm_grad_jvp(self, __tself0)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_grad_fwd1_vjp_all<'__lself, '__ldself0, __F0>(
        self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __flags: (__F0,),
    ) -> (
        ((f64, Self), (f64, Self)),
        impl ::core::ops::FnOnce(((f64, Self), (f64, Self))) -> (Self, Self),
    ) {
        let __value = {
            let __tself0: Self = match ::backprop::__private::duplicate(&__dself0) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            Self::norm_grad_jvp(::backprop::__private::duplicate(&self), __tself0)
        };
        (
            __value,
            move |__seed: ((f64, Self), (f64, Self))| {
                let __tself0: Self = match __dself0 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let (_, __pullback) = Self::norm_grad_jvp_vjp(self, __tself0);
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_grad_fwd2_all<
        '__lself,
        '__ldself0,
        '__ldself1,
        '__ldself2,
        __F0,
        __F1,
        __F2,
    >(
        self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __flags: (__F0, __F1, __F2),
    ) -> (((f64, Self), (f64, Self)), ((f64, Self), (f64, Self))) {
        let __tself0: Self = match __dself0 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __tself1: Self = match __dself1 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __tself2: Self = match __dself2 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        Self::norm_grad_jvp_jvp(self, __tself0, __tself1, __tself2)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_grad_fwd2_vjp_all<
        '__lself,
        '__ldself0,
        '__ldself1,
        '__ldself2,
        __F0,
        __F1,
        __F2,
    >(
        self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __flags: (__F0, __F1, __F2),
    ) -> (
        (((f64, Self), (f64, Self)), ((f64, Self), (f64, Self))),
        impl ::core::ops::FnOnce(
            (((f64, Self), (f64, Self)), ((f64, Self), (f64, Self))),
        ) -> (Self, Self, Self, Self),
    ) {
        let __value = {
            let __tself0: Self = match ::backprop::__private::duplicate(&__dself0) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __tself1: Self = match ::backprop::__private::duplicate(&__dself1) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __tself2: Self = match ::backprop::__private::duplicate(&__dself2) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            Self::norm_grad_jvp_jvp(
                ::backprop::__private::duplicate(&self),
                __tself0,
                __tself1,
                __tself2,
            )
        };
        (
            __value,
            move |__seed: (((f64, Self), (f64, Self)), ((f64, Self), (f64, Self)))| {
                let __tself0: Self = match __dself0 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __tself1: Self = match __dself1 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __tself2: Self = match __dself2 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let (_, __pullback) = Self::norm_grad_jvp_jvp_vjp(
                    self,
                    __tself0,
                    __tself1,
                    __tself2,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_hvp_fwd1_all<'__lself, '__ldself0, __F0, __F1>(
        self,
        __a0: Self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<Self>,
        __flags: (__F0, __F1),
    ) -> ((f64, Self, Self), (f64, Self, Self)) {
        let __tself0: Self = match __dself0 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __t0_0: Self = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
        };
        Self::norm_hvp_jvp(self, __a0, __tself0, __t0_0)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_hvp_fwd1_vjp_all<'__lself, '__ldself0, __F0, __F1>(
        self,
        __a0: Self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<Self>,
        __flags: (__F0, __F1),
    ) -> (
        ((f64, Self, Self), (f64, Self, Self)),
        impl ::core::ops::FnOnce(
            ((f64, Self, Self), (f64, Self, Self)),
        ) -> (Self, Self, Self, Self),
    ) {
        let __value = {
            let __tself0: Self = match ::backprop::__private::duplicate(&__dself0) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __t0_0: Self = match ::backprop::__private::duplicate(&__d0_0) {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
            };
            Self::norm_hvp_jvp(
                ::backprop::__private::duplicate(&self),
                ::backprop::__private::duplicate(&__a0),
                __tself0,
                __t0_0,
            )
        };
        (
            __value,
            move |__seed: ((f64, Self, Self), (f64, Self, Self))| {
                let __tself0: Self = match __dself0 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __t0_0: Self = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&__a0)
                    }
                };
                let (_, __pullback) = Self::norm_hvp_jvp_vjp(
                    self,
                    __a0,
                    __tself0,
                    __t0_0,
                );
                __pullback(__seed)
            },
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_hvp_fwd2_all<
        '__lself,
        '__ldself0,
        '__ldself1,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
    >(
        self,
        __a0: Self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<Self>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<Self>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<Self>,
        __flags: (__F0, __F1, __F2, __F3, __F4, __F5),
    ) -> (
        ((f64, Self, Self), (f64, Self, Self)),
        ((f64, Self, Self), (f64, Self, Self)),
    ) {
        let __tself0: Self = match __dself0 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __t0_0: Self = match __d0_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
        };
        let __tself1: Self = match __dself1 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __t1_0: Self = match __d1_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
        };
        let __tself2: Self = match __dself2 {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        let __t2_0: Self = match __d2_0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
        };
        Self::norm_hvp_jvp_jvp(
            self,
            __a0,
            __tself0,
            __t0_0,
            __tself1,
            __t1_0,
            __tself2,
            __t2_0,
        )
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_hvp_fwd2_vjp_all<
        '__lself,
        '__ldself0,
        '__ldself1,
        '__ldself2,
        __F0,
        __F1,
        __F2,
        __F3,
        __F4,
        __F5,
    >(
        self,
        __a0: Self,
        __dself0: ::core::option::Option<&'__ldself0 Self>,
        __d0_0: ::core::option::Option<Self>,
        __dself1: ::core::option::Option<&'__ldself1 Self>,
        __d1_0: ::core::option::Option<Self>,
        __dself2: ::core::option::Option<&'__ldself2 Self>,
        __d2_0: ::core::option::Option<Self>,
        __flags: (__F0, __F1, __F2, __F3, __F4, __F5),
    ) -> (
        (((f64, Self, Self), (f64, Self, Self)), ((f64, Self, Self), (f64, Self, Self))),
        impl ::core::ops::FnOnce(
            (
                ((f64, Self, Self), (f64, Self, Self)),
                ((f64, Self, Self), (f64, Self, Self)),
            ),
        ) -> (Self, Self, Self, Self, Self, Self, Self, Self),
    ) {
        let __value = {
            let __tself0: Self = match ::backprop::__private::duplicate(&__dself0) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __t0_0: Self = match ::backprop::__private::duplicate(&__d0_0) {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
            };
            let __tself1: Self = match ::backprop::__private::duplicate(&__dself1) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __t1_0: Self = match ::backprop::__private::duplicate(&__d1_0) {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
            };
            let __tself2: Self = match ::backprop::__private::duplicate(&__dself2) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            let __t2_0: Self = match ::backprop::__private::duplicate(&__d2_0) {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => ::backprop::__private::zero_like(&__a0),
            };
            Self::norm_hvp_jvp_jvp(
                ::backprop::__private::duplicate(&self),
                ::backprop::__private::duplicate(&__a0),
                __tself0,
                __t0_0,
                __tself1,
                __t1_0,
                __tself2,
                __t2_0,
            )
        };
        (
            __value,
            move |
                __seed: (
                    ((f64, Self, Self), (f64, Self, Self)),
                    ((f64, Self, Self), (f64, Self, Self)),
                )|
            {
                let __tself0: Self = match __dself0 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __t0_0: Self = match __d0_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&__a0)
                    }
                };
                let __tself1: Self = match __dself1 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __t1_0: Self = match __d1_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&__a0)
                    }
                };
                let __tself2: Self = match __dself2 {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let __t2_0: Self = match __d2_0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&__a0)
                    }
                };
                let (_, __pullback) = Self::norm_hvp_jvp_jvp_vjp(
                    self,
                    __a0,
                    __tself0,
                    __t0_0,
                    __tself1,
                    __t1_0,
                    __tself2,
                    __t2_0,
                );
                __pullback(__seed)
            },
        )
    }
}
#[allow(dead_code)]
pub fn net_output(net: &Net, x: &[f64]) -> f64 {
    let mut out = 0.0;
    for j in 0..net.head.len() {
        out += net.head[j] * net.hidden.unit(x, j);
    }
    out
}
/** Value of [`net_output`] and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_vjp<'__l0, '__l1, '__lall>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
) -> (f64, impl ::core::ops::FnOnce(f64) -> Net + use<'__l0, '__l1, '__lall>)
where
    '__l0: '__lall,
    '__l1: '__lall,
{
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let mut out = 0.0;
    let __t0 = net.head.len();
    let mut __tape0 = ::std::vec::Vec::new();
    ::backprop::__private::reserve(&mut __tape0, &(0..__t0));
    for j in 0..__t0 {
        let __t1 = net.head[j];
        let __args0 = (
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
        );
        let (__t2, __pb0) = net.hidden.unit_vjp(x, j);
        out += ::backprop::__private::float(__t1) * ::backprop::__private::float(__t2);
        ::backprop::__private::record(&mut __tape0, (__pb0, __args0, __t2));
    }
    let __value = out;
    (
        __value,
        move |__seed: f64| {
            let mut __d_net = ::backprop::__private::zero_like(&net);
            let mut __d_out = __seed;
            if 0 < __t0 {
                #[allow(unused_imports)]
                use ::backprop::__private::{
                    IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                    SliceWindowRef as _,
                };
                let mut __source0_0 = ::backprop::__private::Viewer::new(
                    &mut __d_net.head,
                );
                let mut __view0_0 = __source0_0.__backprop_window(0, ..__t0);
                let mut __source0_1 = ::backprop::__private::Viewer::new(&net.head);
                let mut __view0_1 = __source0_1.__backprop_window_ref(0, ..__t0);
                for j in (0..__t0).rev() {
                    let (__pb0, __args0, __t2) = ::backprop::__private::pop(
                        &mut __tape0,
                    );
                    let __t1 = __view0_1[j];
                    let mut __d_t3 = __d_out;
                    let mut __d_t1 = __d_t3 * __t2;
                    let mut __d_t2 = __d_t3 * __t1;
                    let (__g0_0, __g0_1, __g0_2) = ::backprop::__private::split(
                        __args0,
                        __pb0(__d_t2),
                    );
                    ::backprop::__private::accumulate(&mut __d_net.hidden, __g0_0);
                    ::backprop::__private::accumulate(&mut __view0_0[j], __d_t1);
                }
            }
            __d_net
        },
    )
}
/** Value and gradient of [`net_output`].

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_grad(net: &Net, x: &[f64]) -> (f64, Net) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let mut out = 0.0;
    let __t0 = net.head.len();
    let mut __tape0 = ::std::vec::Vec::new();
    ::backprop::__private::reserve(&mut __tape0, &(0..__t0));
    for j in 0..__t0 {
        let __t1 = net.head[j];
        let __args0 = (
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
        );
        let (__t2, __pb0) = net.hidden.unit_vjp(x, j);
        out += ::backprop::__private::float(__t1) * ::backprop::__private::float(__t2);
        ::backprop::__private::record(&mut __tape0, (__pb0, __args0, __t2));
    }
    let __value = out;
    let __seed: f64 = 1.0;
    let mut __d_net = ::backprop::__private::zero_like(&net);
    let mut __d_out = __seed;
    if 0 < __t0 {
        #[allow(unused_imports)]
        use ::backprop::__private::{
            IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
            SliceWindowRef as _,
        };
        let mut __source0_0 = ::backprop::__private::Viewer::new(&mut __d_net.head);
        let mut __view0_0 = __source0_0.__backprop_window(0, ..__t0);
        let mut __source0_1 = ::backprop::__private::Viewer::new(&net.head);
        let mut __view0_1 = __source0_1.__backprop_window_ref(0, ..__t0);
        for j in (0..__t0).rev() {
            let (__pb0, __args0, __t2) = ::backprop::__private::pop(&mut __tape0);
            let __t1 = __view0_1[j];
            let mut __d_t3 = __d_out;
            let mut __d_t1 = __d_t3 * __t2;
            let mut __d_t2 = __d_t3 * __t1;
            let (__g0_0, __g0_1, __g0_2) = ::backprop::__private::split(
                __args0,
                __pb0(__d_t2),
            );
            ::backprop::__private::accumulate(&mut __d_net.hidden, __g0_0);
            ::backprop::__private::accumulate(&mut __view0_0[j], __d_t1);
        }
    }
    (__value, __d_net)
}
/** Value of [`net_output`] and its derivative in the direction given by the tangents (one per differentiated parameter, of the same type): forward mode.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_jvp(net: &Net, x: &[f64], dnet: &Net) -> (f64, f64) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let mut dout = 0.0;
    let mut out = 0.0;
    let __t0 = net.head.len();
    for j in 0..__t0 {
        let __dt1 = dnet.head[j];
        let __t1 = net.head[j];
        let __p0 = {
            let __flags = (
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
            );
            net.hidden
                .unit_fwd1_all(
                    x,
                    j,
                    ::core::option::Option::Some(&dnet.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    __flags,
                )
        };
        let __t2 = __p0.0;
        let __dt3 = ::backprop::__private::float(__dt1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__p0.1) * ::backprop::__private::float(__t1);
        out += ::backprop::__private::float(__t1) * ::backprop::__private::float(__t2);
        dout += __dt3;
    }
    let __value = (out, dout);
    __value
}
#[doc(hidden)]
/** Value of [`net_output_jvp`] and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_jvp_vjp<'__l0, '__l1, '__l2, '__lall>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
) -> (
    (f64, f64),
    impl ::core::ops::FnOnce(
        (f64, f64),
    ) -> (Net, Net) + use<'__l0, '__l1, '__l2, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
    '__l2: '__lall,
{
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let mut dout = 0.0;
    let mut out = 0.0;
    let __t0 = net.head.len();
    let mut __tape0 = ::std::vec::Vec::new();
    ::backprop::__private::reserve(&mut __tape0, &(0..__t0));
    for j in 0..__t0 {
        let __dt1 = dnet.head[j];
        let __t1 = net.head[j];
        let __args1 = (
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
        );
        let (__p0, __pb1) = {
            let __flags = (
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
            );
            net.hidden
                .unit_fwd1_vjp_all(
                    x,
                    j,
                    ::core::option::Option::Some(&dnet.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    __flags,
                )
        };
        let __t2 = __p0.0;
        let __dt3 = ::backprop::__private::float(__dt1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__p0.1) * ::backprop::__private::float(__t1);
        out += ::backprop::__private::float(__t1) * ::backprop::__private::float(__t2);
        dout += __dt3;
        ::backprop::__private::record(&mut __tape0, (__pb1, __args1, __p0));
    }
    let __value = (out, dout);
    (
        __value,
        move |__seed: (f64, f64)| {
            let mut __d_net = ::backprop::__private::zero_like(&net);
            let mut __d_dnet = ::backprop::__private::zero_like(&dnet);
            let mut __d_p3 = __seed;
            let mut __d_out = __d_p3.0;
            let mut __d_dt4 = __d_p3.1;
            if 0 < __t0 {
                #[allow(unused_imports)]
                use ::backprop::__private::{
                    IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                    SliceWindowRef as _,
                };
                let mut __source0_0 = ::backprop::__private::Viewer::new(
                    &mut __d_net.head,
                );
                let mut __view0_0 = __source0_0.__backprop_window(0, ..__t0);
                let mut __source0_1 = ::backprop::__private::Viewer::new(
                    &mut __d_dnet.head,
                );
                let mut __view0_1 = __source0_1.__backprop_window(0, ..__t0);
                let mut __source0_2 = ::backprop::__private::Viewer::new(&net.head);
                let mut __view0_2 = __source0_2.__backprop_window_ref(0, ..__t0);
                let mut __source0_3 = ::backprop::__private::Viewer::new(&dnet.head);
                let mut __view0_3 = __source0_3.__backprop_window_ref(0, ..__t0);
                for j in (0..__t0).rev() {
                    let (__pb1, __args1, __p0) = ::backprop::__private::pop(
                        &mut __tape0,
                    );
                    let __dt1 = __view0_3[j];
                    let __t1 = __view0_2[j];
                    let __t2 = __p0.0;
                    let __dt2 = __p0.1;
                    let mut __d_dt3 = __d_dt4;
                    let mut __d_t3 = __d_out;
                    let mut __d_p1 = __d_dt3;
                    let mut __d_dt2 = __d_dt3 * __t1;
                    let mut __d_t1 = __d_dt3 * __dt2;
                    let mut __d_dt1 = __d_p1 * __t2;
                    let mut __d_t2 = __d_p1 * __dt1;
                    __d_t1 += __d_t3 * __t2;
                    __d_t2 += __d_t3 * __t1;
                    let (__g1_0, __g1_1, __g1_2, __g1_3, __g1_4, __g1_5) = ::backprop::__private::split(
                        __args1,
                        __pb1((__d_t2, __d_dt2)),
                    );
                    ::backprop::__private::accumulate(&mut __d_net.hidden, __g1_0);
                    ::backprop::__private::accumulate(&mut __d_dnet.hidden, __g1_3);
                    __view0_0[j] += __d_t1;
                    __view0_1[j] += __d_dt1;
                }
            }
            (__d_net, __d_dnet)
        },
    )
}
/** Value of [`net_output`], its gradient, and its Hessian times the direction (one per differentiated parameter, of the same type): one forward and one reverse pass of its forward mode.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_hvp(net: &Net, x: &[f64], dnet: &Net) -> (f64, Net, Net) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let mut dout = 0.0;
    let mut out = 0.0;
    let __t0 = net.head.len();
    let mut __tape0 = ::std::vec::Vec::new();
    ::backprop::__private::reserve(&mut __tape0, &(0..__t0));
    for j in 0..__t0 {
        let __dt1 = dnet.head[j];
        let __t1 = net.head[j];
        let __args1 = (
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
        );
        let (__p0, __pb1) = {
            let __flags = (
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
            );
            net.hidden
                .unit_fwd1_vjp_all(
                    x,
                    j,
                    ::core::option::Option::Some(&dnet.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    __flags,
                )
        };
        let __t2 = __p0.0;
        let __dt3 = ::backprop::__private::float(__dt1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__p0.1) * ::backprop::__private::float(__t1);
        out += ::backprop::__private::float(__t1) * ::backprop::__private::float(__t2);
        dout += __dt3;
        ::backprop::__private::record(&mut __tape0, (__pb1, __args1, __p0));
    }
    let __value = (out, dout);
    let __seed: (f64, f64) = (0.0, 1.0);
    let mut __d_net = ::backprop::__private::zero_like(&net);
    let mut __d_dnet = ::backprop::__private::zero_like(&dnet);
    let mut __d_p3 = __seed;
    let mut __d_out = __d_p3.0;
    let mut __d_dt4 = __d_p3.1;
    if 0 < __t0 {
        #[allow(unused_imports)]
        use ::backprop::__private::{
            IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
            SliceWindowRef as _,
        };
        let mut __source0_0 = ::backprop::__private::Viewer::new(&mut __d_net.head);
        let mut __view0_0 = __source0_0.__backprop_window(0, ..__t0);
        let mut __source0_1 = ::backprop::__private::Viewer::new(&mut __d_dnet.head);
        let mut __view0_1 = __source0_1.__backprop_window(0, ..__t0);
        let mut __source0_2 = ::backprop::__private::Viewer::new(&net.head);
        let mut __view0_2 = __source0_2.__backprop_window_ref(0, ..__t0);
        let mut __source0_3 = ::backprop::__private::Viewer::new(&dnet.head);
        let mut __view0_3 = __source0_3.__backprop_window_ref(0, ..__t0);
        for j in (0..__t0).rev() {
            let (__pb1, __args1, __p0) = ::backprop::__private::pop(&mut __tape0);
            let __dt1 = __view0_3[j];
            let __t1 = __view0_2[j];
            let __t2 = __p0.0;
            let __dt2 = __p0.1;
            let mut __d_dt3 = __d_dt4;
            let mut __d_t3 = __d_out;
            let mut __d_p1 = __d_dt3;
            let mut __d_dt2 = __d_dt3 * __t1;
            let mut __d_t1 = __d_dt3 * __dt2;
            let mut __d_dt1 = __d_p1 * __t2;
            let mut __d_t2 = __d_p1 * __dt1;
            __d_t1 += __d_t3 * __t2;
            __d_t2 += __d_t3 * __t1;
            let (__g1_0, __g1_1, __g1_2, __g1_3, __g1_4, __g1_5) = ::backprop::__private::split(
                __args1,
                __pb1((__d_t2, __d_dt2)),
            );
            ::backprop::__private::accumulate(&mut __d_net.hidden, __g1_0);
            ::backprop::__private::accumulate(&mut __d_dnet.hidden, __g1_3);
            __view0_0[j] += __d_t1;
            __view0_1[j] += __d_dt1;
        }
    }
    let (__hv0, __g0) = (__d_net, __d_dnet);
    (__value.0, __g0, __hv0)
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_jvp_jvp(
    net: &Net,
    x: &[f64],
    dnet: &Net,
    dnet_1: &Net,
    ddnet: &Net,
) -> ((f64, f64), (f64, f64)) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let mut ddout = 0.0;
    let mut dout = 0.0;
    let mut dout_1 = 0.0;
    let mut out = 0.0;
    let __t0 = net.head.len();
    for j in 0..__t0 {
        let __ddt1 = ddnet.head[j];
        let __dt1 = dnet.head[j];
        let __dt1_1 = dnet_1.head[j];
        let __t1 = net.head[j];
        let __p4 = {
            let __flags = (
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
            );
            net.hidden
                .unit_fwd2_all(
                    x,
                    j,
                    ::core::option::Option::Some(&dnet.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    ::core::option::Option::Some(&dnet_1.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    ::core::option::Option::Some(&ddnet.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    __flags,
                )
        };
        let __p0 = __p4.0;
        let __dp0 = __p4.1;
        let __dt2_1 = __dp0.0;
        let __t2 = __p0.0;
        let __dt2 = __p0.1;
        let __dt3_1 = ::backprop::__private::float(__dt1_1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__dt2_1) * ::backprop::__private::float(__t1);
        let __dt3 = ::backprop::__private::float(__dt1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__dt2) * ::backprop::__private::float(__t1);
        let __ddt3 = ::backprop::__private::float(__ddt1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__dt2_1) * ::backprop::__private::float(__dt1)
            + (::backprop::__private::float(__dp0.1) * ::backprop::__private::float(__t1)
                + ::backprop::__private::float(__dt1_1)
                    * ::backprop::__private::float(__dt2));
        out += ::backprop::__private::float(__t1) * ::backprop::__private::float(__t2);
        dout_1 += __dt3_1;
        dout += __dt3;
        ddout += __ddt3;
    }
    let __value = ((out, dout), (dout_1, ddout));
    __value
}
#[doc(hidden)]
/** Value of [`net_output_jvp_jvp`] and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_jvp_jvp_vjp<'__l0, '__l1, '__l2, '__l3, '__l4, '__lall>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
    dnet_1: &'__l3 Net,
    ddnet: &'__l4 Net,
) -> (
    ((f64, f64), (f64, f64)),
    impl ::core::ops::FnOnce(
        ((f64, f64), (f64, f64)),
    ) -> (Net, Net, Net, Net) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
    '__l2: '__lall,
    '__l3: '__lall,
    '__l4: '__lall,
{
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let mut ddout = 0.0;
    let mut dout = 0.0;
    let mut dout_1 = 0.0;
    let mut out = 0.0;
    let __t0 = net.head.len();
    let mut __tape0 = ::std::vec::Vec::new();
    ::backprop::__private::reserve(&mut __tape0, &(0..__t0));
    for j in 0..__t0 {
        let __ddt1 = ddnet.head[j];
        let __dt1 = dnet.head[j];
        let __dt1_1 = dnet_1.head[j];
        let __t1 = net.head[j];
        let __args2 = (
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
            (&::backprop::__private::marker(&net.hidden)).flag(),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&x)).flag(),
            ),
            ::backprop::__private::AtCallSite::constant_here(
                (&::backprop::__private::marker(&j)).flag(),
            ),
        );
        let (__p4, __pb2) = {
            let __flags = (
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
                (&::backprop::__private::marker(&net.hidden)).flag(),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&x)).flag(),
                ),
                ::backprop::__private::AtCallSite::constant_here(
                    (&::backprop::__private::marker(&j)).flag(),
                ),
            );
            net.hidden
                .unit_fwd2_vjp_all(
                    x,
                    j,
                    ::core::option::Option::Some(&dnet.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    ::core::option::Option::Some(&dnet_1.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    ::core::option::Option::Some(&ddnet.hidden),
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    __flags,
                )
        };
        let __p0 = __p4.0;
        let __dp0 = __p4.1;
        let __dt2_1 = __dp0.0;
        let __t2 = __p0.0;
        let __dt2 = __p0.1;
        let __dt3_1 = ::backprop::__private::float(__dt1_1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__dt2_1) * ::backprop::__private::float(__t1);
        let __dt3 = ::backprop::__private::float(__dt1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__dt2) * ::backprop::__private::float(__t1);
        let __ddt3 = ::backprop::__private::float(__ddt1)
            * ::backprop::__private::float(__t2)
            + ::backprop::__private::float(__dt2_1) * ::backprop::__private::float(__dt1)
            + (::backprop::__private::float(__dp0.1) * ::backprop::__private::float(__t1)
                + ::backprop::__private::float(__dt1_1)
                    * ::backprop::__private::float(__dt2));
        out += ::backprop::__private::float(__t1) * ::backprop::__private::float(__t2);
        dout_1 += __dt3_1;
        dout += __dt3;
        ddout += __ddt3;
        ::backprop::__private::record(&mut __tape0, (__p0, __pb2, __args2, __dp0));
    }
    let __value = ((out, dout), (dout_1, ddout));
    (
        __value,
        move |__seed: ((f64, f64), (f64, f64))| {
            let mut __d_net = ::backprop::__private::zero_like(&net);
            let mut __d_dnet = ::backprop::__private::zero_like(&dnet);
            let mut __d_dnet_1 = ::backprop::__private::zero_like(&dnet_1);
            let mut __d_ddnet = ::backprop::__private::zero_like(&ddnet);
            let mut __d_p11 = __seed;
            let mut __d_p3 = __d_p11.0;
            let mut __d_dp3 = __d_p11.1;
            let mut __d_out = __d_p3.0;
            let mut __d_dt4 = __d_p3.1;
            let mut __d_dt4_1 = __d_dp3.0;
            let mut __d_ddt4 = __d_dp3.1;
            if 0 < __t0 {
                #[allow(unused_imports)]
                use ::backprop::__private::{
                    IndexFallback as _, IndexFallbackRef as _, SliceWindow as _,
                    SliceWindowRef as _,
                };
                let mut __source0_0 = ::backprop::__private::Viewer::new(
                    &mut __d_net.head,
                );
                let mut __view0_0 = __source0_0.__backprop_window(0, ..__t0);
                let mut __source0_1 = ::backprop::__private::Viewer::new(
                    &mut __d_dnet.head,
                );
                let mut __view0_1 = __source0_1.__backprop_window(0, ..__t0);
                let mut __source0_2 = ::backprop::__private::Viewer::new(
                    &mut __d_dnet_1.head,
                );
                let mut __view0_2 = __source0_2.__backprop_window(0, ..__t0);
                let mut __source0_3 = ::backprop::__private::Viewer::new(
                    &mut __d_ddnet.head,
                );
                let mut __view0_3 = __source0_3.__backprop_window(0, ..__t0);
                let mut __source0_4 = ::backprop::__private::Viewer::new(&net.head);
                let mut __view0_4 = __source0_4.__backprop_window_ref(0, ..__t0);
                let mut __source0_5 = ::backprop::__private::Viewer::new(&dnet.head);
                let mut __view0_5 = __source0_5.__backprop_window_ref(0, ..__t0);
                let mut __source0_6 = ::backprop::__private::Viewer::new(&dnet_1.head);
                let mut __view0_6 = __source0_6.__backprop_window_ref(0, ..__t0);
                let mut __source0_7 = ::backprop::__private::Viewer::new(&ddnet.head);
                let mut __view0_7 = __source0_7.__backprop_window_ref(0, ..__t0);
                for j in (0..__t0).rev() {
                    let (__p0, __pb2, __args2, __dp0) = ::backprop::__private::pop(
                        &mut __tape0,
                    );
                    let __ddt1 = __view0_7[j];
                    let __dt1 = __view0_5[j];
                    let __dt1_1 = __view0_6[j];
                    let __t1 = __view0_4[j];
                    let __dt2_1 = __dp0.0;
                    let __t2 = __p0.0;
                    let __ddt2 = __dp0.1;
                    let __dt2 = __p0.1;
                    let mut __d_ddt3 = __d_ddt4;
                    let mut __d_dt3 = __d_dt4;
                    let mut __d_dt3_1 = __d_dt4_1;
                    let mut __d_t3 = __d_out;
                    let mut __d_dp1 = __d_ddt3;
                    let mut __d_p1 = __d_dt3;
                    let mut __d_p9 = __d_ddt3;
                    let mut __d_dt1_1 = __d_ddt3 * __dt2;
                    let mut __d_dt2 = __d_ddt3 * __dt1_1;
                    let mut __d_ddt2 = __d_p9 * __t1;
                    let mut __d_t1 = __d_p9 * __ddt2;
                    __d_dt2 += __d_dt3 * __t1;
                    __d_t1 += __d_dt3 * __dt2;
                    let mut __d_p7 = __d_dp1;
                    let mut __d_dt2_1 = __d_dp1 * __dt1;
                    let mut __d_dt1 = __d_dp1 * __dt2_1;
                    let mut __d_ddt1 = __d_p7 * __t2;
                    let mut __d_t2 = __d_p7 * __ddt1;
                    __d_dt1 += __d_p1 * __t2;
                    __d_t2 += __d_p1 * __dt1;
                    let mut __d_p5 = __d_dt3_1;
                    __d_dt2_1 += __d_dt3_1 * __t1;
                    __d_t1 += __d_dt3_1 * __dt2_1;
                    __d_dt1_1 += __d_p5 * __t2;
                    __d_t2 += __d_p5 * __dt1_1;
                    __d_t1 += __d_t3 * __t2;
                    __d_t2 += __d_t3 * __t1;
                    let (
                        __g2_0,
                        __g2_1,
                        __g2_2,
                        __g2_3,
                        __g2_4,
                        __g2_5,
                        __g2_6,
                        __g2_7,
                        __g2_8,
                        __g2_9,
                        __g2_10,
                        __g2_11,
                    ) = ::backprop::__private::split(
                        __args2,
                        __pb2(((__d_t2, __d_dt2), (__d_dt2_1, __d_ddt2))),
                    );
                    ::backprop::__private::accumulate(&mut __d_net.hidden, __g2_0);
                    ::backprop::__private::accumulate(&mut __d_dnet.hidden, __g2_3);
                    ::backprop::__private::accumulate(&mut __d_dnet_1.hidden, __g2_6);
                    ::backprop::__private::accumulate(&mut __d_ddnet.hidden, __g2_9);
                    __view0_0[j] += __d_t1;
                    __view0_2[j] += __d_dt1_1;
                    __view0_1[j] += __d_dt1;
                    __view0_3[j] += __d_ddt1;
                }
            }
            (__d_net, __d_dnet, __d_dnet_1, __d_ddnet)
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_jvp_jvp_jvp(
    net: &Net,
    x: &[f64],
    dnet: &Net,
    dnet_1: &Net,
    ddnet: &Net,
    dnet_2: &Net,
    ddnet_1: &Net,
    ddnet_1_1: &Net,
    dddnet: &Net,
) -> (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))) {
    ::backprop::__private::unavailable(
        "`net_output_jvp_jvp_jvp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
#[allow(unreachable_code)]
pub fn net_output_jvp_jvp_jvp_vjp<
    '__l0,
    '__l1,
    '__l2,
    '__l3,
    '__l4,
    '__l5,
    '__l6,
    '__l7,
    '__l8,
    '__lall,
>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
    dnet_1: &'__l3 Net,
    ddnet: &'__l4 Net,
    dnet_2: &'__l5 Net,
    ddnet_1: &'__l6 Net,
    ddnet_1_1: &'__l7 Net,
    dddnet: &'__l8 Net,
) -> (
    (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
    impl ::core::ops::FnOnce(
        (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
    ) -> (
            Net,
            Net,
            Net,
            Net,
            Net,
            Net,
            Net,
            Net,
        ) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__l5, '__l6, '__l7, '__l8, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
    '__l2: '__lall,
    '__l3: '__lall,
    '__l4: '__lall,
    '__l5: '__lall,
    '__l6: '__lall,
    '__l7: '__lall,
    '__l8: '__lall,
{
    ::backprop::__private::unavailable(
        "`net_output_jvp_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    );
    (
        ::core::unreachable!(),
        move |
            _: (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        | -> (Net, Net, Net, Net, Net, Net, Net, Net) { ::core::unreachable!() },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_grad_vjp<'__l0, '__l1, '__lall>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
) -> (
    (f64, Net),
    impl ::core::ops::FnOnce((f64, Net)) -> Net + use<'__l0, '__l1, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
{
    let __value = net_output_grad(net, x);
    (
        __value,
        move |(__ybar, __gbar0): (f64, Net)| {
            let (_, __g0, __hv0) = net_output_hvp(net, x, &__gbar0);
            ::backprop::__private::add_scaled(__hv0, __ybar, &__g0)
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_grad_jvp(
    net: &Net,
    x: &[f64],
    dnet: &Net,
) -> ((f64, Net), (f64, Net)) {
    let ((__value, __tangent), __pullback) = net_output_jvp_vjp(net, x, dnet);
    let (__hv0, __g0) = __pullback((0.0, 1.0));
    ((__value, __g0), (__tangent, __hv0))
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_grad_jvp_vjp<'__l0, '__l1, '__l2, '__lall>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
) -> (
    ((f64, Net), (f64, Net)),
    impl ::core::ops::FnOnce(
        ((f64, Net), (f64, Net)),
    ) -> (Net, Net) + use<'__l0, '__l1, '__l2, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
    '__l2: '__lall,
{
    let __value = net_output_grad_jvp(net, x, dnet);
    (
        __value,
        move |((__ybar, __gbar0), (__tbar, __hbar0)): ((f64, Net), (f64, Net))| {
            let (_, __pullback) = net_output_jvp_jvp_vjp(
                net,
                x,
                dnet,
                &__hbar0,
                &__gbar0,
            );
            let (__xb0, __ab0, __bb0, __cb0) = __pullback((
                (__ybar, __tbar),
                (0.0, 1.0),
            ));
            let _ = (__bb0, __cb0);
            (__xb0, __ab0)
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_grad_jvp_jvp(
    net: &Net,
    x: &[f64],
    dnet: &Net,
    dnet_1: &Net,
    ddnet: &Net,
) -> (((f64, Net), (f64, Net)), ((f64, Net), (f64, Net))) {
    let (((__value, __tangent), (__tangent_1, __second)), __pullback) = net_output_jvp_jvp_vjp(
        net,
        x,
        dnet,
        dnet_1,
        ddnet,
    );
    let (__xb0, __ab0, __bb0, __cb0) = __pullback(((0.0, 0.0), (0.0, 1.0)));
    (((__value, __cb0), (__tangent, __bb0)), ((__tangent_1, __ab0), (__second, __xb0)))
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
#[allow(unreachable_code)]
pub fn net_output_grad_jvp_jvp_vjp<'__l0, '__l1, '__l2, '__l3, '__l4, '__lall>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
    dnet_1: &'__l3 Net,
    ddnet: &'__l4 Net,
) -> (
    (((f64, Net), (f64, Net)), ((f64, Net), (f64, Net))),
    impl ::core::ops::FnOnce(
        (((f64, Net), (f64, Net)), ((f64, Net), (f64, Net))),
    ) -> (Net, Net, Net, Net) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
    '__l2: '__lall,
    '__l3: '__lall,
    '__l4: '__lall,
{
    ::backprop::__private::unavailable(
        "`net_output_grad_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    );
    (
        ::core::unreachable!(),
        move |
            _: (((f64, Net), (f64, Net)), ((f64, Net), (f64, Net))),
        | -> (Net, Net, Net, Net) { ::core::unreachable!() },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_hvp_vjp<'__l0, '__l1, '__l2, '__lall>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
) -> (
    (f64, Net, Net),
    impl ::core::ops::FnOnce(
        (f64, Net, Net),
    ) -> (Net, Net) + use<'__l0, '__l1, '__l2, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
    '__l2: '__lall,
{
    let __value = net_output_hvp(net, x, dnet);
    (
        __value,
        move |(__ybar, __gbar0, __hbar0): (f64, Net, Net)| {
            let (_, __pullback) = net_output_jvp_jvp_vjp(
                net,
                x,
                dnet,
                &__hbar0,
                &__gbar0,
            );
            let (__xb0, __ab0, __bb0, __cb0) = __pullback(((0.0, 0.0), (0.0, 1.0)));
            let _ = (__bb0,);
            (::backprop::__private::add_scaled(__xb0, __ybar, &__cb0), __ab0)
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_hvp_jvp(
    net: &Net,
    x: &[f64],
    dnet: &Net,
    dnet_1: &Net,
    ddnet: &Net,
) -> ((f64, Net, Net), (f64, Net, Net)) {
    let (((__value, _), (__tangent, _)), __pullback) = net_output_jvp_jvp_vjp(
        net,
        x,
        dnet,
        dnet_1,
        ddnet,
    );
    let (__xb0, __ab0, __bb0, __cb0) = __pullback(((0.0, 0.0), (0.0, 1.0)));
    ((__value, __cb0, __bb0), (__tangent, __ab0, __xb0))
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
#[allow(unreachable_code)]
pub fn net_output_hvp_jvp_vjp<'__l0, '__l1, '__l2, '__l3, '__l4, '__lall>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
    dnet_1: &'__l3 Net,
    ddnet: &'__l4 Net,
) -> (
    ((f64, Net, Net), (f64, Net, Net)),
    impl ::core::ops::FnOnce(
        ((f64, Net, Net), (f64, Net, Net)),
    ) -> (Net, Net, Net, Net) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
    '__l2: '__lall,
    '__l3: '__lall,
    '__l4: '__lall,
{
    ::backprop::__private::unavailable(
        "`net_output_hvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    );
    (
        ::core::unreachable!(),
        move |_: ((f64, Net, Net), (f64, Net, Net))| -> (Net, Net, Net, Net) {
            ::core::unreachable!()
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_hvp_jvp_jvp(
    net: &Net,
    x: &[f64],
    dnet: &Net,
    dnet_1: &Net,
    ddnet: &Net,
    dnet_2: &Net,
    ddnet_1: &Net,
    ddnet_1_1: &Net,
    dddnet: &Net,
) -> (((f64, Net, Net), (f64, Net, Net)), ((f64, Net, Net), (f64, Net, Net))) {
    ::backprop::__private::unavailable(
        "`net_output_hvp_jvp_jvp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
#[allow(unreachable_code)]
pub fn net_output_hvp_jvp_jvp_vjp<
    '__l0,
    '__l1,
    '__l2,
    '__l3,
    '__l4,
    '__l5,
    '__l6,
    '__l7,
    '__l8,
    '__lall,
>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
    dnet_1: &'__l3 Net,
    ddnet: &'__l4 Net,
    dnet_2: &'__l5 Net,
    ddnet_1: &'__l6 Net,
    ddnet_1_1: &'__l7 Net,
    dddnet: &'__l8 Net,
) -> (
    (((f64, Net, Net), (f64, Net, Net)), ((f64, Net, Net), (f64, Net, Net))),
    impl ::core::ops::FnOnce(
        (((f64, Net, Net), (f64, Net, Net)), ((f64, Net, Net), (f64, Net, Net))),
    ) -> (
            Net,
            Net,
            Net,
            Net,
            Net,
            Net,
            Net,
            Net,
        ) + use<'__l0, '__l1, '__l2, '__l3, '__l4, '__l5, '__l6, '__l7, '__l8, '__lall>,
)
where
    '__l0: '__lall,
    '__l1: '__lall,
    '__l2: '__lall,
    '__l3: '__lall,
    '__l4: '__lall,
    '__l5: '__lall,
    '__l6: '__lall,
    '__l7: '__lall,
    '__l8: '__lall,
{
    ::backprop::__private::unavailable(
        "`net_output_hvp_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    );
    (
        ::core::unreachable!(),
        move |
            _: (((f64, Net, Net), (f64, Net, Net)), ((f64, Net, Net), (f64, Net, Net))),
        | -> (Net, Net, Net, Net, Net, Net, Net, Net) { ::core::unreachable!() },
    )
}
#[allow(dead_code)]
pub fn distance(p: Point, q: Point) -> f64 {
    let d = Point {
        x: p.x - q.x,
        y: p.y - q.y,
    };
    d.norm()
}
/** Value of [`distance`] and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_vjp(
    p: Point,
    q: Point,
) -> (f64, impl ::core::ops::FnOnce(f64) -> (Point, Point) + use<>) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let d = Point {
        x: ::backprop::__private::float(p.x) - ::backprop::__private::float(q.x),
        y: ::backprop::__private::float(p.y) - ::backprop::__private::float(q.y),
    };
    let __t7 = d.norm();
    let __value = __t7;
    (
        __value,
        move |__seed: f64| {
            let mut __d_q = ::backprop::__private::zero_like(&q);
            let mut __d_p = ::backprop::__private::zero_like(&p);
            let mut __d_t7 = __seed;
            let __flags = ((&::backprop::__private::marker(&d)).flag(),);
            let (_, __pullback) = d.norm_vjp();
            let (__g0_0,) = ::backprop::__private::split(__flags, __pullback(__d_t7));
            let mut __d_d = ::backprop::__private::own(__g0_0);
            let mut __d_t2 = __d_d.x;
            let mut __d_t5 = __d_d.y;
            let mut __d_t3 = __d_t5;
            let mut __d_t4 = -__d_t5;
            ::backprop::__private::accumulate(&mut __d_q.y, __d_t4);
            ::backprop::__private::accumulate(&mut __d_p.y, __d_t3);
            let mut __d_t0 = __d_t2;
            let mut __d_t1 = -__d_t2;
            ::backprop::__private::accumulate(&mut __d_q.x, __d_t1);
            ::backprop::__private::accumulate(&mut __d_p.x, __d_t0);
            (__d_p, __d_q)
        },
    )
}
/** Value and gradient of [`distance`].

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_grad(p: Point, q: Point) -> (f64, (Point, Point)) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let d = Point {
        x: ::backprop::__private::float(p.x) - ::backprop::__private::float(q.x),
        y: ::backprop::__private::float(p.y) - ::backprop::__private::float(q.y),
    };
    let __args0 = ((&::backprop::__private::marker(&d)).flag(),);
    let (__t7, __pb0) = d.norm_vjp();
    let __value = __t7;
    let __seed: f64 = 1.0;
    let mut __d_q = ::backprop::__private::zero_like(&q);
    let mut __d_p = ::backprop::__private::zero_like(&p);
    let mut __d_t7 = __seed;
    let (__g0_0,) = ::backprop::__private::split(__args0, __pb0(__d_t7));
    let mut __d_d = ::backprop::__private::own(__g0_0);
    let mut __d_t2 = __d_d.x;
    let mut __d_t5 = __d_d.y;
    let mut __d_t3 = __d_t5;
    let mut __d_t4 = -__d_t5;
    ::backprop::__private::accumulate(&mut __d_q.y, __d_t4);
    ::backprop::__private::accumulate(&mut __d_p.y, __d_t3);
    let mut __d_t0 = __d_t2;
    let mut __d_t1 = -__d_t2;
    ::backprop::__private::accumulate(&mut __d_q.x, __d_t1);
    ::backprop::__private::accumulate(&mut __d_p.x, __d_t0);
    (__value, (__d_p, __d_q))
}
/** Value of [`distance`] and its derivative in the direction given by the tangents (one per differentiated parameter, of the same type): forward mode.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_jvp(p: Point, q: Point, dp: Point, dq: Point) -> (f64, f64) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let dd = Point {
        x: ::backprop::__private::float(dp.x) + -::backprop::__private::float(dq.x),
        y: ::backprop::__private::float(dp.y) + -::backprop::__private::float(dq.y),
    };
    let d = Point {
        x: ::backprop::__private::float(p.x) - ::backprop::__private::float(q.x),
        y: ::backprop::__private::float(p.y) - ::backprop::__private::float(q.y),
    };
    let __p2 = {
        let __flags = ((&::backprop::__private::marker(&d)).flag(),);
        d.norm_fwd1_all(::core::option::Option::Some(&dd), __flags)
    };
    let __value = (__p2.0, __p2.1);
    __value
}
#[doc(hidden)]
/** Value of [`distance_jvp`] and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_jvp_vjp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
) -> (
    (f64, f64),
    impl ::core::ops::FnOnce((f64, f64)) -> (Point, Point, Point, Point) + use<>,
) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let dd = Point {
        x: ::backprop::__private::float(dp.x) + -::backprop::__private::float(dq.x),
        y: ::backprop::__private::float(dp.y) + -::backprop::__private::float(dq.y),
    };
    let d = Point {
        x: ::backprop::__private::float(p.x) - ::backprop::__private::float(q.x),
        y: ::backprop::__private::float(p.y) - ::backprop::__private::float(q.y),
    };
    let __p2 = {
        let __flags = ((&::backprop::__private::marker(&d)).flag(),);
        d.norm_fwd1_all(::core::option::Option::Some(&dd), __flags)
    };
    let __value = (__p2.0, __p2.1);
    (
        __value,
        move |__seed: (f64, f64)| {
            let mut __d_q = ::backprop::__private::zero_like(&q);
            let mut __d_dq = ::backprop::__private::zero_like(&dq);
            let mut __d_p = ::backprop::__private::zero_like(&p);
            let mut __d_dp = ::backprop::__private::zero_like(&dp);
            let mut __d_p3 = __seed;
            let mut __d_t7 = __d_p3.0;
            let mut __d_dt7 = __d_p3.1;
            let __flags = (
                (&::backprop::__private::marker(&d)).flag(),
                (&::backprop::__private::marker(&d)).flag(),
            );
            let (_, __pullback) = {
                let __flags = ((&::backprop::__private::marker(&d)).flag(),);
                d.norm_fwd1_vjp_all(::core::option::Option::Some(&dd), __flags)
            };
            let (__g1_0, __g1_1) = ::backprop::__private::split(
                __flags,
                __pullback((__d_t7, __d_dt7)),
            );
            let mut __d_d = ::backprop::__private::own(__g1_0);
            let mut __d_dd = ::backprop::__private::own(__g1_1);
            let mut __d_t2 = __d_d.x;
            let mut __d_t5 = __d_d.y;
            let mut __d_dt2 = __d_dd.x;
            let mut __d_dt5 = __d_dd.y;
            let mut __d_dt3 = __d_dt5;
            let mut __d_dt4 = -__d_dt5;
            let mut __d_t3 = __d_t5;
            let mut __d_t4 = -__d_t5;
            ::backprop::__private::accumulate(&mut __d_q.y, __d_t4);
            __d_dq.y += __d_dt4;
            ::backprop::__private::accumulate(&mut __d_p.y, __d_t3);
            __d_dp.y += __d_dt3;
            let mut __d_dt0 = __d_dt2;
            let mut __d_dt1 = -__d_dt2;
            let mut __d_t0 = __d_t2;
            let mut __d_t1 = -__d_t2;
            ::backprop::__private::accumulate(&mut __d_q.x, __d_t1);
            __d_dq.x += __d_dt1;
            ::backprop::__private::accumulate(&mut __d_p.x, __d_t0);
            __d_dp.x += __d_dt0;
            (__d_p, __d_q, __d_dp, __d_dq)
        },
    )
}
/** Value of [`distance`], its gradient, and its Hessian times the direction (one per differentiated parameter, of the same type): one forward and one reverse pass of its forward mode.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_hvp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
) -> (f64, (Point, Point), (Point, Point)) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let dd = Point {
        x: ::backprop::__private::float(dp.x) + -::backprop::__private::float(dq.x),
        y: ::backprop::__private::float(dp.y) + -::backprop::__private::float(dq.y),
    };
    let d = Point {
        x: ::backprop::__private::float(p.x) - ::backprop::__private::float(q.x),
        y: ::backprop::__private::float(p.y) - ::backprop::__private::float(q.y),
    };
    let __args1 = (
        (&::backprop::__private::marker(&d)).flag(),
        (&::backprop::__private::marker(&d)).flag(),
    );
    let (__p2, __pb1) = {
        let __flags = ((&::backprop::__private::marker(&d)).flag(),);
        d.norm_fwd1_vjp_all(::core::option::Option::Some(&dd), __flags)
    };
    let __value = (__p2.0, __p2.1);
    let __seed: (f64, f64) = (0.0, 1.0);
    let mut __d_q = ::backprop::__private::zero_like(&q);
    let mut __d_dq = ::backprop::__private::zero_like(&dq);
    let mut __d_p = ::backprop::__private::zero_like(&p);
    let mut __d_dp = ::backprop::__private::zero_like(&dp);
    let mut __d_p3 = __seed;
    let mut __d_t7 = __d_p3.0;
    let mut __d_dt7 = __d_p3.1;
    let (__g1_0, __g1_1) = ::backprop::__private::split(
        __args1,
        __pb1((__d_t7, __d_dt7)),
    );
    let mut __d_d = ::backprop::__private::own(__g1_0);
    let mut __d_dd = ::backprop::__private::own(__g1_1);
    let mut __d_t2 = __d_d.x;
    let mut __d_t5 = __d_d.y;
    let mut __d_dt2 = __d_dd.x;
    let mut __d_dt5 = __d_dd.y;
    let mut __d_dt3 = __d_dt5;
    let mut __d_dt4 = -__d_dt5;
    let mut __d_t3 = __d_t5;
    let mut __d_t4 = -__d_t5;
    ::backprop::__private::accumulate(&mut __d_q.y, __d_t4);
    __d_dq.y += __d_dt4;
    ::backprop::__private::accumulate(&mut __d_p.y, __d_t3);
    __d_dp.y += __d_dt3;
    let mut __d_dt0 = __d_dt2;
    let mut __d_dt1 = -__d_dt2;
    let mut __d_t0 = __d_t2;
    let mut __d_t1 = -__d_t2;
    ::backprop::__private::accumulate(&mut __d_q.x, __d_t1);
    __d_dq.x += __d_dt1;
    ::backprop::__private::accumulate(&mut __d_p.x, __d_t0);
    __d_dp.x += __d_dt0;
    let (__hv0, __hv1, __g0, __g1) = (__d_p, __d_q, __d_dp, __d_dq);
    (__value.0, (__g0, __g1), (__hv0, __hv1))
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_jvp_jvp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
) -> ((f64, f64), (f64, f64)) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let ddd = Point {
        x: ::backprop::__private::float(ddp.x) + -::backprop::__private::float(ddq.x),
        y: ::backprop::__private::float(ddp.y) + -::backprop::__private::float(ddq.y),
    };
    let dd = Point {
        x: ::backprop::__private::float(dp.x) + -::backprop::__private::float(dq.x),
        y: ::backprop::__private::float(dp.y) + -::backprop::__private::float(dq.y),
    };
    let dd_1 = Point {
        x: ::backprop::__private::float(dp_1.x) + -::backprop::__private::float(dq_1.x),
        y: ::backprop::__private::float(dp_1.y) + -::backprop::__private::float(dq_1.y),
    };
    let d = Point {
        x: ::backprop::__private::float(p.x) - ::backprop::__private::float(q.x),
        y: ::backprop::__private::float(p.y) - ::backprop::__private::float(q.y),
    };
    let __p6 = {
        let __flags = (
            (&::backprop::__private::marker(&d)).flag(),
            (&::backprop::__private::marker(&d)).flag(),
            (&::backprop::__private::marker(&d)).flag(),
        );
        d.norm_fwd2_all(
            ::core::option::Option::Some(&dd),
            ::core::option::Option::Some(&dd_1),
            ::core::option::Option::Some(&ddd),
            __flags,
        )
    };
    let __p2 = __p6.0;
    let __dp2 = __p6.1;
    let __value = ((__p2.0, __p2.1), (__dp2.0, __dp2.1));
    __value
}
#[doc(hidden)]
/** Value of [`distance_jvp_jvp`] and its pullback, which maps an adjoint of the output to the gradient.

 Generated by `#[differentiable]`.*/
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_jvp_jvp_vjp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
) -> (
    ((f64, f64), (f64, f64)),
    impl ::core::ops::FnOnce(
        ((f64, f64), (f64, f64)),
    ) -> (Point, Point, Point, Point, Point, Point, Point, Point) + use<>,
) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, CloneFallback as _, ConstantFallback as _,
        NoTangentFallback as _, ZeroTangent as _,
    };
    let ddd = Point {
        x: ::backprop::__private::float(ddp.x) + -::backprop::__private::float(ddq.x),
        y: ::backprop::__private::float(ddp.y) + -::backprop::__private::float(ddq.y),
    };
    let dd = Point {
        x: ::backprop::__private::float(dp.x) + -::backprop::__private::float(dq.x),
        y: ::backprop::__private::float(dp.y) + -::backprop::__private::float(dq.y),
    };
    let dd_1 = Point {
        x: ::backprop::__private::float(dp_1.x) + -::backprop::__private::float(dq_1.x),
        y: ::backprop::__private::float(dp_1.y) + -::backprop::__private::float(dq_1.y),
    };
    let d = Point {
        x: ::backprop::__private::float(p.x) - ::backprop::__private::float(q.x),
        y: ::backprop::__private::float(p.y) - ::backprop::__private::float(q.y),
    };
    let __p6 = {
        let __flags = (
            (&::backprop::__private::marker(&d)).flag(),
            (&::backprop::__private::marker(&d)).flag(),
            (&::backprop::__private::marker(&d)).flag(),
        );
        d.norm_fwd2_all(
            ::core::option::Option::Some(&dd),
            ::core::option::Option::Some(&dd_1),
            ::core::option::Option::Some(&ddd),
            __flags,
        )
    };
    let __p2 = __p6.0;
    let __dp2 = __p6.1;
    let __value = ((__p2.0, __p2.1), (__dp2.0, __dp2.1));
    (
        __value,
        move |__seed: ((f64, f64), (f64, f64))| {
            let mut __d_q = ::backprop::__private::zero_like(&q);
            let mut __d_dq_1 = ::backprop::__private::zero_like(&dq_1);
            let mut __d_dq = ::backprop::__private::zero_like(&dq);
            let mut __d_ddq = ::backprop::__private::zero_like(&ddq);
            let mut __d_p = ::backprop::__private::zero_like(&p);
            let mut __d_dp_1 = ::backprop::__private::zero_like(&dp_1);
            let mut __d_dp = ::backprop::__private::zero_like(&dp);
            let mut __d_ddp = ::backprop::__private::zero_like(&ddp);
            let mut __d_p7 = __seed;
            let mut __d_p3 = __d_p7.0;
            let mut __d_dp3 = __d_p7.1;
            let mut __d_t7 = __d_p3.0;
            let mut __d_dt7 = __d_p3.1;
            let mut __d_dt7_1 = __d_dp3.0;
            let mut __d_ddt7 = __d_dp3.1;
            let __flags = (
                (&::backprop::__private::marker(&d)).flag(),
                (&::backprop::__private::marker(&d)).flag(),
                (&::backprop::__private::marker(&d)).flag(),
                (&::backprop::__private::marker(&d)).flag(),
            );
            let (_, __pullback) = {
                let __flags = (
                    (&::backprop::__private::marker(&d)).flag(),
                    (&::backprop::__private::marker(&d)).flag(),
                    (&::backprop::__private::marker(&d)).flag(),
                );
                d.norm_fwd2_vjp_all(
                    ::core::option::Option::Some(&dd),
                    ::core::option::Option::Some(&dd_1),
                    ::core::option::Option::Some(&ddd),
                    __flags,
                )
            };
            let (__g2_0, __g2_1, __g2_2, __g2_3) = ::backprop::__private::split(
                __flags,
                __pullback(((__d_t7, __d_dt7), (__d_dt7_1, __d_ddt7))),
            );
            let mut __d_d = ::backprop::__private::own(__g2_0);
            let mut __d_dd = ::backprop::__private::own(__g2_1);
            let mut __d_dd_1 = ::backprop::__private::own(__g2_2);
            let mut __d_ddd = ::backprop::__private::own(__g2_3);
            let mut __d_t2 = __d_d.x;
            let mut __d_t5 = __d_d.y;
            let mut __d_dt2_1 = __d_dd_1.x;
            let mut __d_dt5_1 = __d_dd_1.y;
            let mut __d_dt2 = __d_dd.x;
            let mut __d_dt5 = __d_dd.y;
            let mut __d_ddt2 = __d_ddd.x;
            let mut __d_ddt5 = __d_ddd.y;
            let mut __d_ddt3 = __d_ddt5;
            let mut __d_dt3 = __d_dt5;
            let mut __d_ddt4 = -__d_ddt5;
            let mut __d_dt4 = -__d_dt5;
            let mut __d_dt3_1 = __d_dt5_1;
            let mut __d_dt4_1 = -__d_dt5_1;
            let mut __d_t3 = __d_t5;
            let mut __d_t4 = -__d_t5;
            ::backprop::__private::accumulate(&mut __d_q.y, __d_t4);
            __d_dq_1.y += __d_dt4_1;
            __d_dq.y += __d_dt4;
            __d_ddq.y += __d_ddt4;
            ::backprop::__private::accumulate(&mut __d_p.y, __d_t3);
            __d_dp_1.y += __d_dt3_1;
            __d_dp.y += __d_dt3;
            __d_ddp.y += __d_ddt3;
            let mut __d_ddt0 = __d_ddt2;
            let mut __d_dt0 = __d_dt2;
            let mut __d_ddt1 = -__d_ddt2;
            let mut __d_dt1 = -__d_dt2;
            let mut __d_dt0_1 = __d_dt2_1;
            let mut __d_dt1_1 = -__d_dt2_1;
            let mut __d_t0 = __d_t2;
            let mut __d_t1 = -__d_t2;
            ::backprop::__private::accumulate(&mut __d_q.x, __d_t1);
            __d_dq_1.x += __d_dt1_1;
            __d_dq.x += __d_dt1;
            __d_ddq.x += __d_ddt1;
            ::backprop::__private::accumulate(&mut __d_p.x, __d_t0);
            __d_dp_1.x += __d_dt0_1;
            __d_dp.x += __d_dt0;
            __d_ddp.x += __d_ddt0;
            (__d_p, __d_q, __d_dp, __d_dq, __d_dp_1, __d_dq_1, __d_ddp, __d_ddq)
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_jvp_jvp_jvp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
    dp_2: Point,
    dq_2: Point,
    ddp_1: Point,
    ddq_1: Point,
    ddp_1_1: Point,
    ddq_1_1: Point,
    dddp: Point,
    dddq: Point,
) -> (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))) {
    ::backprop::__private::unavailable(
        "`distance_jvp_jvp_jvp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
#[allow(unreachable_code)]
pub fn distance_jvp_jvp_jvp_vjp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
    dp_2: Point,
    dq_2: Point,
    ddp_1: Point,
    ddq_1: Point,
    ddp_1_1: Point,
    ddq_1_1: Point,
    dddp: Point,
    dddq: Point,
) -> (
    (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
    impl ::core::ops::FnOnce(
        (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
    ) -> (
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
        ) + use<>,
) {
    ::backprop::__private::unavailable(
        "`distance_jvp_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    );
    (
        ::core::unreachable!(),
        move |
            _: (((f64, f64), (f64, f64)), ((f64, f64), (f64, f64))),
        | -> (
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
        ) { ::core::unreachable!() },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_grad_vjp(
    p: Point,
    q: Point,
) -> (
    (f64, (Point, Point)),
    impl ::core::ops::FnOnce((f64, (Point, Point))) -> (Point, Point) + use<>,
) {
    let __value = distance_grad(
        ::backprop::__private::duplicate(&p),
        ::backprop::__private::duplicate(&q),
    );
    (
        __value,
        move |(__ybar, (__gbar0, __gbar1)): (f64, (Point, Point))| {
            let (_, (__g0, __g1), (__hv0, __hv1)) = distance_hvp(p, q, __gbar0, __gbar1);
            (
                ::backprop::__private::add_scaled(__hv0, __ybar, &__g0),
                ::backprop::__private::add_scaled(__hv1, __ybar, &__g1),
            )
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_grad_jvp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
) -> ((f64, (Point, Point)), (f64, (Point, Point))) {
    let ((__value, __tangent), __pullback) = distance_jvp_vjp(p, q, dp, dq);
    let (__hv0, __hv1, __g0, __g1) = __pullback((0.0, 1.0));
    ((__value, (__g0, __g1)), (__tangent, (__hv0, __hv1)))
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_grad_jvp_vjp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
) -> (
    ((f64, (Point, Point)), (f64, (Point, Point))),
    impl ::core::ops::FnOnce(
        ((f64, (Point, Point)), (f64, (Point, Point))),
    ) -> (Point, Point, Point, Point) + use<>,
) {
    let __value = distance_grad_jvp(
        ::backprop::__private::duplicate(&p),
        ::backprop::__private::duplicate(&q),
        ::backprop::__private::duplicate(&dp),
        ::backprop::__private::duplicate(&dq),
    );
    (
        __value,
        move |
            (
                (__ybar, (__gbar0, __gbar1)),
                (__tbar, (__hbar0, __hbar1)),
            ): ((f64, (Point, Point)), (f64, (Point, Point)))|
        {
            let (_, __pullback) = distance_jvp_jvp_vjp(
                p,
                q,
                dp,
                dq,
                __hbar0,
                __hbar1,
                __gbar0,
                __gbar1,
            );
            let (__xb0, __xb1, __ab0, __ab1, __bb0, __bb1, __cb0, __cb1) = __pullback((
                (__ybar, __tbar),
                (0.0, 1.0),
            ));
            let _ = (__bb0, __bb1, __cb0, __cb1);
            (__xb0, __xb1, __ab0, __ab1)
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_grad_jvp_jvp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
) -> (
    ((f64, (Point, Point)), (f64, (Point, Point))),
    ((f64, (Point, Point)), (f64, (Point, Point))),
) {
    let (((__value, __tangent), (__tangent_1, __second)), __pullback) = distance_jvp_jvp_vjp(
        p,
        q,
        dp,
        dq,
        dp_1,
        dq_1,
        ddp,
        ddq,
    );
    let (__xb0, __xb1, __ab0, __ab1, __bb0, __bb1, __cb0, __cb1) = __pullback((
        (0.0, 0.0),
        (0.0, 1.0),
    ));
    (
        ((__value, (__cb0, __cb1)), (__tangent, (__bb0, __bb1))),
        ((__tangent_1, (__ab0, __ab1)), (__second, (__xb0, __xb1))),
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
#[allow(unreachable_code)]
pub fn distance_grad_jvp_jvp_vjp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
) -> (
    (
        ((f64, (Point, Point)), (f64, (Point, Point))),
        ((f64, (Point, Point)), (f64, (Point, Point))),
    ),
    impl ::core::ops::FnOnce(
        (
            ((f64, (Point, Point)), (f64, (Point, Point))),
            ((f64, (Point, Point)), (f64, (Point, Point))),
        ),
    ) -> (Point, Point, Point, Point, Point, Point, Point, Point) + use<>,
) {
    ::backprop::__private::unavailable(
        "`distance_grad_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    );
    (
        ::core::unreachable!(),
        move |
            _: (
                ((f64, (Point, Point)), (f64, (Point, Point))),
                ((f64, (Point, Point)), (f64, (Point, Point))),
            ),
        | -> (Point, Point, Point, Point, Point, Point, Point, Point) {
            ::core::unreachable!()
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_hvp_vjp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
) -> (
    (f64, (Point, Point), (Point, Point)),
    impl ::core::ops::FnOnce(
        (f64, (Point, Point), (Point, Point)),
    ) -> (Point, Point, Point, Point) + use<>,
) {
    let __value = distance_hvp(
        ::backprop::__private::duplicate(&p),
        ::backprop::__private::duplicate(&q),
        ::backprop::__private::duplicate(&dp),
        ::backprop::__private::duplicate(&dq),
    );
    (
        __value,
        move |
            (
                __ybar,
                (__gbar0, __gbar1),
                (__hbar0, __hbar1),
            ): (f64, (Point, Point), (Point, Point))|
        {
            let (_, __pullback) = distance_jvp_jvp_vjp(
                p,
                q,
                dp,
                dq,
                __hbar0,
                __hbar1,
                __gbar0,
                __gbar1,
            );
            let (__xb0, __xb1, __ab0, __ab1, __bb0, __bb1, __cb0, __cb1) = __pullback((
                (0.0, 0.0),
                (0.0, 1.0),
            ));
            let _ = (__bb0, __bb1);
            (
                ::backprop::__private::add_scaled(__xb0, __ybar, &__cb0),
                ::backprop::__private::add_scaled(__xb1, __ybar, &__cb1),
                __ab0,
                __ab1,
            )
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_hvp_jvp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
) -> ((f64, (Point, Point), (Point, Point)), (f64, (Point, Point), (Point, Point))) {
    let (((__value, _), (__tangent, _)), __pullback) = distance_jvp_jvp_vjp(
        p,
        q,
        dp,
        dq,
        dp_1,
        dq_1,
        ddp,
        ddq,
    );
    let (__xb0, __xb1, __ab0, __ab1, __bb0, __bb1, __cb0, __cb1) = __pullback((
        (0.0, 0.0),
        (0.0, 1.0),
    ));
    (
        (__value, (__cb0, __cb1), (__bb0, __bb1)),
        (__tangent, (__ab0, __ab1), (__xb0, __xb1)),
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
#[allow(unreachable_code)]
pub fn distance_hvp_jvp_vjp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
) -> (
    ((f64, (Point, Point), (Point, Point)), (f64, (Point, Point), (Point, Point))),
    impl ::core::ops::FnOnce(
        ((f64, (Point, Point), (Point, Point)), (f64, (Point, Point), (Point, Point))),
    ) -> (Point, Point, Point, Point, Point, Point, Point, Point) + use<>,
) {
    ::backprop::__private::unavailable(
        "`distance_hvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    );
    (
        ::core::unreachable!(),
        move |
            _: (
                (f64, (Point, Point), (Point, Point)),
                (f64, (Point, Point), (Point, Point)),
            ),
        | -> (Point, Point, Point, Point, Point, Point, Point, Point) {
            ::core::unreachable!()
        },
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_hvp_jvp_jvp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
    dp_2: Point,
    dq_2: Point,
    ddp_1: Point,
    ddq_1: Point,
    ddp_1_1: Point,
    ddq_1_1: Point,
    dddp: Point,
    dddq: Point,
) -> (
    ((f64, (Point, Point), (Point, Point)), (f64, (Point, Point), (Point, Point))),
    ((f64, (Point, Point), (Point, Point)), (f64, (Point, Point), (Point, Point))),
) {
    ::backprop::__private::unavailable(
        "`distance_hvp_jvp_jvp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    )
}
#[doc(hidden)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
#[allow(unreachable_code)]
pub fn distance_hvp_jvp_jvp_vjp(
    p: Point,
    q: Point,
    dp: Point,
    dq: Point,
    dp_1: Point,
    dq_1: Point,
    ddp: Point,
    ddq: Point,
    dp_2: Point,
    dq_2: Point,
    ddp_1: Point,
    ddq_1: Point,
    ddp_1_1: Point,
    ddq_1_1: Point,
    dddp: Point,
    dddq: Point,
) -> (
    (
        ((f64, (Point, Point), (Point, Point)), (f64, (Point, Point), (Point, Point))),
        ((f64, (Point, Point), (Point, Point)), (f64, (Point, Point), (Point, Point))),
    ),
    impl ::core::ops::FnOnce(
        (
            (
                (f64, (Point, Point), (Point, Point)),
                (f64, (Point, Point), (Point, Point)),
            ),
            (
                (f64, (Point, Point), (Point, Point)),
                (f64, (Point, Point), (Point, Point)),
            ),
        ),
    ) -> (
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
        ) + use<>,
) {
    ::backprop::__private::unavailable(
        "`distance_hvp_jvp_jvp_vjp` is a derivative of order four or more; `#[differentiable]` generates derivatives up to third order (a call of `_grad`, `_jvp` or `_hvp` differentiated once)",
    );
    (
        ::core::unreachable!(),
        move |
            _: (
                (
                    (f64, (Point, Point), (Point, Point)),
                    (f64, (Point, Point), (Point, Point)),
                ),
                (
                    (f64, (Point, Point), (Point, Point)),
                    (f64, (Point, Point), (Point, Point)),
                ),
            ),
        | -> (
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
            Point,
        ) { ::core::unreachable!() },
    )
}
