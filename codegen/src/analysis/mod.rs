//! Analyses over the lowered function. Each reads the frozen IR and returns a side table;
//! none changes the IR.

pub mod activity;
pub mod calls;
pub mod floats;
pub mod fold;
pub mod index;
pub mod into;
pub mod kinds;
pub mod order;
pub mod plans;
pub mod record;
pub mod rows;
pub mod scopes;
pub mod shapes;
pub mod tapes;
pub mod views;

use crate::error::Errors;
use crate::ir::Function;

/// The facts every later phase reads about a frozen function.
pub struct Facts<'f> {
    /// The function itself.
    pub f: &'f Function,
    /// What each variable holds.
    pub kinds: kinds::Kinds,
    /// Which values and calls carry a gradient.
    pub activity: activity::Activity,
    /// Where each variable is defined and which reads see final values.
    pub scopes: scopes::Scopes,
    /// Definitions, loops, `if`s and calls by number.
    pub index: index::Index<'f>,
}

impl<'f> Facts<'f> {
    /// Computes every fact; reports code that must be differentiated but cannot be.
    pub fn of(f: &'f Function, blocks: usize) -> syn::Result<Facts<'f>> {
        let kinds = kinds::Kinds::infer(f);
        let mut errors = Errors::default();
        let activity = activity::analyse(f, &kinds, &mut errors);
        errors.finish(())?;
        let scopes = scopes::Scopes::of(f, &kinds, blocks);
        Ok(Facts { f, kinds, activity, scopes, index: index::Index::of(f) })
    }

    /// Whether `v` carries a gradient.
    pub fn active(&self, v: crate::ir::VarId) -> bool {
        self.activity.active[v]
    }
}
