//! Writes `$OUT_DIR/programs.rs`: a batch of random differentiable programs, each with a
//! dual-number copy, for `tests/differential.rs` to compile and check.
//!
//! `BACKPROP_DIFFTEST_SEED`, `BACKPROP_DIFFTEST_PROGRAMS` and `BACKPROP_DIFFTEST_FIRST` pick
//! the batch; `BACKPROP_DIFFTEST_ALL_CONSTRUCTS=1` includes constructs with an open bug, and
//! `BACKPROP_DIFFTEST_CONSTRUCTS=maybe_constant_to_wrt` only the ones named
//! (`BACKPROP_DIFFTEST_CONSTRUCTS=-recursion` leaves recursive functions out).

#[allow(dead_code, reason = "the library uses parts of the generator the build script does not")]
#[path = "src/generator/mod.rs"]
mod generator;

use generator::{Config, DEFAULT_PROGRAMS, DEFAULT_SEED, Features};
use std::path::PathBuf;

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    println!("cargo:rerun-if-env-changed={name}");
    match std::env::var(name) {
        Ok(text) => text.trim().parse().unwrap_or_else(|_| panic!("{name}={text} is not a number")),
        Err(_) => default,
    }
}

/// The default batch's constructs plus those `BACKPROP_DIFFTEST_CONSTRUCTS` names (less those
/// it names with a `-`).
fn named_constructs() -> Features {
    println!("cargo:rerun-if-env-changed=BACKPROP_DIFFTEST_CONSTRUCTS");
    let mut features = Features::default();
    let names = std::env::var("BACKPROP_DIFFTEST_CONSTRUCTS").unwrap_or_default();
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let set = match name.strip_prefix('-') {
            Some(name) => features.disable(name),
            None => features.enable(name),
        };
        set.unwrap_or_else(|e| panic!("BACKPROP_DIFFTEST_CONSTRUCTS: {e}"));
    }
    features
}

fn main() {
    println!("cargo:rerun-if-changed=src/generator");
    println!("cargo:rerun-if-env-changed=BACKPROP_DIFFTEST_ALL_CONSTRUCTS");
    let all = std::env::var("BACKPROP_DIFFTEST_ALL_CONSTRUCTS").is_ok_and(|v| v == "1");
    let config = Config {
        seed: env_number("BACKPROP_DIFFTEST_SEED", DEFAULT_SEED),
        first: env_number("BACKPROP_DIFFTEST_FIRST", 0),
        programs: env_number("BACKPROP_DIFFTEST_PROGRAMS", DEFAULT_PROGRAMS),
        features: if all { Features::ALL } else { named_constructs() },
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("programs.rs");
    std::fs::write(&out, generator::batch(&config)).expect("OUT_DIR is writable");
}
