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
    use ::backprop::__private::{ActivityOf as _, ConstantFallback as _};
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
    use ::backprop::__private::{ActivityOf as _, ConstantFallback as _};
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
    use ::backprop::__private::{ActivityOf as _, ConstantFallback as _};
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
    use ::backprop::__private::{ActivityOf as _, ConstantFallback as _};
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
