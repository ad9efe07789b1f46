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
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_vjp<'__l0, '__l1>(
        &'__l0 self,
        x: &'__l1 [f64],
        j: usize,
    ) -> (
        f64,
        impl ::core::ops::FnOnce(f64) -> (Self, ::std::vec::Vec<f64>) + use<'__l0, '__l1>,
    ) {
        let mut s = self.b[j];
        let __t1 = self.inputs;
        for i in 0..__t1 {
            s += ::backprop::__private::float(self.w[j * self.inputs + i]) * x[i];
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
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_grad(&self, x: &[f64], j: usize) -> (f64, (Self, ::std::vec::Vec<f64>)) {
        let mut s = self.b[j];
        let __t1 = self.inputs;
        for i in 0..__t1 {
            s += ::backprop::__private::float(self.w[j * self.inputs + i]) * x[i];
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
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_jvp(&self, x: &[f64], j: usize, dself: &Self, dx: &[f64]) -> (f64, f64) {
        let mut ds = dself.b[j];
        let mut s = self.b[j];
        let __t1 = self.inputs;
        for i in 0..__t1 {
            let __t4 = j * self.inputs + i;
            let __t5 = self.w[__t4];
            let __t6 = x[i];
            let __dt7 = ::backprop::__private::float(dself.w[__t4]) * __t6
                + dx[i] * ::backprop::__private::float(__t5);
            s += ::backprop::__private::float(__t5) * __t6;
            ds += __dt7;
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
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn unit_jvp_vjp<'__l0, '__l1, '__l2, '__l3>(
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
            ) + use<'__l0, '__l1, '__l2, '__l3>,
    ) {
        let mut ds = dself.b[j];
        let mut s = self.b[j];
        let __t1 = self.inputs;
        for i in 0..__t1 {
            let __t4 = j * self.inputs + i;
            let __t5 = self.w[__t4];
            let __t6 = x[i];
            let __dt7 = ::backprop::__private::float(dself.w[__t4]) * __t6
                + dx[i] * ::backprop::__private::float(__t5);
            s += ::backprop::__private::float(__t5) * __t6;
            ds += __dt7;
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
        let mut ds = dself.b[j];
        let mut s = self.b[j];
        let __t1 = self.inputs;
        for i in 0..__t1 {
            let __t4 = j * self.inputs + i;
            let __t5 = self.w[__t4];
            let __t6 = x[i];
            let __dt7 = ::backprop::__private::float(dself.w[__t4]) * __t6
                + dx[i] * ::backprop::__private::float(__t5);
            s += ::backprop::__private::float(__t5) * __t6;
            ds += __dt7;
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
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_jvp_all<'__l0, '__ld0, '__lself, '__ldself, __F0, __F1, __F2>(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself: ::core::option::Option<&'__ldself Self>,
        __d0: ::core::option::Option<&'__ld0 [f64]>,
        __d1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2),
    ) -> (f64, f64) {
        let __zself;
        let __tself: &Self = match __dself {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __zself = ::backprop::__private::zero_like(self);
                &__zself
            }
        };
        let __z0;
        let __t0: &[f64] = match __d0 {
            ::core::option::Option::Some(t) => t,
            ::core::option::Option::None => {
                __z0 = ::backprop::__private::zero_like(__a0);
                &__z0
            }
        };
        Self::unit_jvp(self, __a0, __a1, __tself, __t0)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn unit_jvp_vjp_all<'__l0, '__ld0, '__lself, '__ldself, __F0, __F1, __F2>(
        &'__lself self,
        __a0: &'__l0 [f64],
        __a1: usize,
        __dself: ::core::option::Option<&'__ldself Self>,
        __d0: ::core::option::Option<&'__ld0 [f64]>,
        __d1: ::core::option::Option<usize>,
        __flags: (__F0, __F1, __F2),
    ) -> (
        (f64, f64),
        impl ::core::ops::FnOnce(
            (f64, f64),
        ) -> (Self, ::std::vec::Vec<f64>, Self, ::std::vec::Vec<f64>),
    ) {
        let __value = {
            let __zself;
            let __tself: &Self = match __dself {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __zself = ::backprop::__private::zero_like(self);
                    &__zself
                }
            };
            let __z0;
            let __t0: &[f64] = match __d0 {
                ::core::option::Option::Some(t) => t,
                ::core::option::Option::None => {
                    __z0 = ::backprop::__private::zero_like(__a0);
                    &__z0
                }
            };
            Self::unit_jvp(
                self,
                __a0,
                ::backprop::__private::duplicate(&__a1),
                __tself,
                __t0,
            )
        };
        (
            __value,
            move |__seed: (f64, f64)| {
                let __zself;
                let __tself: &Self = match __dself {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __zself = ::backprop::__private::zero_like(self);
                        &__zself
                    }
                };
                let __z0;
                let __t0: &[f64] = match __d0 {
                    ::core::option::Option::Some(t) => t,
                    ::core::option::Option::None => {
                        __z0 = ::backprop::__private::zero_like(__a0);
                        &__z0
                    }
                };
                let (_, __pullback) = Self::unit_jvp_vjp(
                    self,
                    __a0,
                    __a1,
                    __tself,
                    __t0,
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
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_vjp(self) -> (f64, impl ::core::ops::FnOnce(f64) -> Self + use<>) {
        let __t0 = self.x;
        let __t1 = self.x;
        let __t3 = self.y;
        let __t4 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t1)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t4))
            .sqrt();
        let __value = __t7;
        (
            __value,
            move |__seed: f64| {
                let mut __d_self = ::backprop::__private::zero_like(&self);
                let mut __d_t7 = __seed;
                let mut __d_t6 = __d_t7 / (2.0 * __t7);
                let mut __d_t2 = __d_t6;
                let mut __d_t3 = __d_t6 * __t4;
                let mut __d_t4 = __d_t6 * __t3;
                __d_self.y += __d_t4;
                __d_self.y += __d_t3;
                let mut __d_t0 = __d_t2 * __t1;
                let mut __d_t1 = __d_t2 * __t0;
                __d_self.x += __d_t1;
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
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_grad(self) -> (f64, Self) {
        let __t0 = self.x;
        let __t1 = self.x;
        let __t3 = self.y;
        let __t4 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t1)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t4))
            .sqrt();
        let __value = __t7;
        let __seed: f64 = 1.0;
        let mut __d_self = ::backprop::__private::zero_like(&self);
        let mut __d_t7 = __seed;
        let mut __d_t6 = __d_t7 / (2.0 * __t7);
        let mut __d_t2 = __d_t6;
        let mut __d_t3 = __d_t6 * __t4;
        let mut __d_t4 = __d_t6 * __t3;
        __d_self.y += __d_t4;
        __d_self.y += __d_t3;
        let mut __d_t0 = __d_t2 * __t1;
        let mut __d_t1 = __d_t2 * __t0;
        __d_self.x += __d_t1;
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
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_jvp(self, dself: Self) -> (f64, f64) {
        let __t0 = self.x;
        let __t1 = self.x;
        let __t3 = self.y;
        let __t4 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t1)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t4))
            .sqrt();
        let __value = (
            __t7,
            (::backprop::__private::float(dself.x) * ::backprop::__private::float(__t1)
                + ::backprop::__private::float(dself.x)
                    * ::backprop::__private::float(__t0)
                + (::backprop::__private::float(dself.y)
                    * ::backprop::__private::float(__t4)
                    + ::backprop::__private::float(dself.y)
                        * ::backprop::__private::float(__t3))) / (2.0 * __t7),
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
        let __dt1 = dself.x;
        let __t1 = self.x;
        let __dt3 = dself.y;
        let __t3 = self.y;
        let __dt4 = dself.y;
        let __t4 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t1)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t4))
            .sqrt();
        let __p4 = 2.0 * __t7;
        let __dt7 = (::backprop::__private::float(__dt0)
            * ::backprop::__private::float(__t1)
            + ::backprop::__private::float(__dt1) * ::backprop::__private::float(__t0)
            + (::backprop::__private::float(__dt3) * ::backprop::__private::float(__t4)
                + ::backprop::__private::float(__dt4)
                    * ::backprop::__private::float(__t3))) / __p4;
        let __value = (__t7, __dt7);
        (
            __value,
            move |__seed: (f64, f64)| {
                let mut __d_self = ::backprop::__private::zero_like(&self);
                let mut __d_dself = ::backprop::__private::zero_like(&dself);
                let mut __d_p5 = __seed;
                let mut __d_t7 = __d_p5.0;
                let mut __d_dt7 = __d_p5.1;
                let mut __d_dt6 = __d_dt7 / __p4;
                let mut __d_p4 = -(__d_dt7 * __dt7 / __p4);
                __d_t7 += __d_p4 * 2.0;
                let mut __d_t6 = __d_t7 / (2.0 * __t7);
                let mut __d_dt2 = __d_dt6;
                let mut __d_t2 = __d_t6;
                let mut __d_p2 = __d_dt6;
                let mut __d_dt4 = __d_dt6 * __t3;
                let mut __d_t3 = __d_dt6 * __dt4;
                let mut __d_dt3 = __d_p2 * __t4;
                let mut __d_t4 = __d_p2 * __dt3;
                __d_t3 += __d_t6 * __t4;
                __d_t4 += __d_t6 * __t3;
                __d_self.y += __d_t4;
                __d_dself.y += __d_dt4;
                __d_self.y += __d_t3;
                __d_dself.y += __d_dt3;
                let mut __d_p0 = __d_dt2;
                let mut __d_dt1 = __d_dt2 * __t0;
                let mut __d_t0 = __d_dt2 * __dt1;
                let mut __d_dt0 = __d_p0 * __t1;
                let mut __d_t1 = __d_p0 * __dt0;
                __d_t0 += __d_t2 * __t1;
                __d_t1 += __d_t2 * __t0;
                __d_self.x += __d_t1;
                __d_dself.x += __d_dt1;
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
        non_snake_case,
        clippy::all,
        clippy::pedantic
    )]
    pub fn norm_hvp(self, dself: Self) -> (f64, Self, Self) {
        let __dt0 = dself.x;
        let __t0 = self.x;
        let __dt1 = dself.x;
        let __t1 = self.x;
        let __dt3 = dself.y;
        let __t3 = self.y;
        let __dt4 = dself.y;
        let __t4 = self.y;
        let __t7 = (::backprop::__private::float(__t0)
            * ::backprop::__private::float(__t1)
            + ::backprop::__private::float(__t3) * ::backprop::__private::float(__t4))
            .sqrt();
        let __p4 = 2.0 * __t7;
        let __dt7 = (::backprop::__private::float(__dt0)
            * ::backprop::__private::float(__t1)
            + ::backprop::__private::float(__dt1) * ::backprop::__private::float(__t0)
            + (::backprop::__private::float(__dt3) * ::backprop::__private::float(__t4)
                + ::backprop::__private::float(__dt4)
                    * ::backprop::__private::float(__t3))) / __p4;
        let __value = (__t7, __dt7);
        let __seed: (f64, f64) = (0.0, 1.0);
        let mut __d_self = ::backprop::__private::zero_like(&self);
        let mut __d_dself = ::backprop::__private::zero_like(&dself);
        let mut __d_p5 = __seed;
        let mut __d_t7 = __d_p5.0;
        let mut __d_dt7 = __d_p5.1;
        let mut __d_dt6 = __d_dt7 / __p4;
        let mut __d_p4 = -(__d_dt7 * __dt7 / __p4);
        __d_t7 += __d_p4 * 2.0;
        let mut __d_t6 = __d_t7 / (2.0 * __t7);
        let mut __d_dt2 = __d_dt6;
        let mut __d_t2 = __d_t6;
        let mut __d_p2 = __d_dt6;
        let mut __d_dt4 = __d_dt6 * __t3;
        let mut __d_t3 = __d_dt6 * __dt4;
        let mut __d_dt3 = __d_p2 * __t4;
        let mut __d_t4 = __d_p2 * __dt3;
        __d_t3 += __d_t6 * __t4;
        __d_t4 += __d_t6 * __t3;
        __d_self.y += __d_t4;
        __d_dself.y += __d_dt4;
        __d_self.y += __d_t3;
        __d_dself.y += __d_dt3;
        let mut __d_p0 = __d_dt2;
        let mut __d_dt1 = __d_dt2 * __t0;
        let mut __d_t0 = __d_dt2 * __dt1;
        let mut __d_dt0 = __d_p0 * __t1;
        let mut __d_t1 = __d_p0 * __dt0;
        __d_t0 += __d_t2 * __t1;
        __d_t1 += __d_t2 * __t0;
        __d_self.x += __d_t1;
        __d_dself.x += __d_dt1;
        __d_self.x += __d_t0;
        __d_dself.x += __d_dt0;
        let (__hv0, __g0) = (__d_self, __d_dself);
        (__value.0, __g0, __hv0)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_jvp_all<'__lself, '__ldself, __F0>(
        self,
        __dself: ::core::option::Option<&'__ldself Self>,
        __flags: (__F0,),
    ) -> (f64, f64) {
        let __tself: Self = match __dself {
            ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
            ::core::option::Option::None => ::backprop::__private::zero_like(&self),
        };
        Self::norm_jvp(self, __tself)
    }
    #[doc(hidden)]
    #[allow(clippy::all, clippy::pedantic, unused_variables)]
    pub fn norm_jvp_vjp_all<'__lself, '__ldself, __F0>(
        self,
        __dself: ::core::option::Option<&'__ldself Self>,
        __flags: (__F0,),
    ) -> ((f64, f64), impl ::core::ops::FnOnce((f64, f64)) -> (Self, Self)) {
        let __value = {
            let __tself: Self = match ::backprop::__private::duplicate(&__dself) {
                ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                ::core::option::Option::None => ::backprop::__private::zero_like(&self),
            };
            Self::norm_jvp(::backprop::__private::duplicate(&self), __tself)
        };
        (
            __value,
            move |__seed: (f64, f64)| {
                let __tself: Self = match __dself {
                    ::core::option::Option::Some(t) => ::core::clone::Clone::clone(t),
                    ::core::option::Option::None => {
                        ::backprop::__private::zero_like(&self)
                    }
                };
                let (_, __pullback) = Self::norm_jvp_vjp(self, __tself);
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
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_vjp<'__l0, '__l1>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
) -> (f64, impl ::core::ops::FnOnce(f64) -> Net + use<'__l0, '__l1>) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_grad(net: &Net, x: &[f64]) -> (f64, Net) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_jvp(net: &Net, x: &[f64], dnet: &Net) -> (f64, f64) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
                .unit_jvp_all(
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
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_jvp_vjp<'__l0, '__l1, '__l2>(
    net: &'__l0 Net,
    x: &'__l1 [f64],
    dnet: &'__l2 Net,
) -> (
    (f64, f64),
    impl ::core::ops::FnOnce((f64, f64)) -> (Net, Net) + use<'__l0, '__l1, '__l2>,
) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
                .unit_jvp_vjp_all(
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
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn net_output_hvp(net: &Net, x: &[f64], dnet: &Net) -> (f64, Net, Net) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
                .unit_jvp_vjp_all(
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
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_grad(p: Point, q: Point) -> (f64, (Point, Point)) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
    non_snake_case,
    clippy::all,
    clippy::pedantic
)]
pub fn distance_jvp(p: Point, q: Point, dp: Point, dq: Point) -> (f64, f64) {
    #[allow(unused_imports)]
    use ::backprop::__private::{
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
        d.norm_jvp_all(::core::option::Option::Some(&dd), __flags)
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
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
        d.norm_jvp_all(::core::option::Option::Some(&dd), __flags)
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
                d.norm_jvp_vjp_all(::core::option::Option::Some(&dd), __flags)
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
        ActivityOf as _, ConstantFallback as _, NoTangentFallback as _, ZeroTangent as _,
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
        d.norm_jvp_vjp_all(::core::option::Option::Some(&dd), __flags)
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
