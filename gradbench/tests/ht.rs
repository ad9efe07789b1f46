//! `ht`: the residuals by hand on a model at rest, and the Jacobian (θ columns and the two
//! compressed u columns) against central finite differences, on a small synthetic hand.

mod common;
use common::*;

use backprop_gradbench::ht::{self, Data, Model};

const BONES: usize = 21;
const VERTS: usize = 6;

fn identity() -> [[f64; 4]; 4] {
    let mut m = [[0.0; 4]; 4];
    for (i, row) in m.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    m
}

/// A 4 × 4 transform with a random 3 × 3 block and translation.
fn transform(seed: u64) -> [[f64; 4]; 4] {
    let v = vector(12, seed, -1.0, 1.0);
    let mut m = identity();
    for i in 0..3 {
        for j in 0..4 {
            m[i][j] = v[4 * i + j] + if i == j { 1.0 } else { 0.0 };
        }
    }
    m
}

/// A chain of bones (each the child of the one before), six vertices, two triangles.
fn model(rest: bool) -> Model {
    let positions = vector(3 * VERTS, 40, -1.0, 1.0);
    Model {
        parents: (0..BONES as i64).map(|i| i - 1).collect(),
        base_relatives: (0..BONES).map(|b| if rest { identity() } else { transform(41 + b as u64) }).collect(),
        inverse_base_absolutes: (0..BONES).map(|b| if rest { identity() } else { transform(80 + b as u64) }).collect(),
        base_positions: positions.chunks(3).map(|p| [p[0], p[1], p[2], 1.0]).collect(),
        // Each vertex split between two bones, weights summing to 1.
        weights: (0..VERTS)
            .map(|v| {
                let mut w = vec![0.0; BONES];
                w[(3 * v) % BONES] = 0.25;
                w[(3 * v + 7) % BONES] += 0.75;
                w
            })
            .collect(),
        triangles: vec![[0, 1, 2], [3, 4, 5], [1, 3, 5]],
        is_mirrored: !rest,
    }
}

fn data(rest: bool, correspondences: Vec<usize>) -> Data {
    let n = correspondences.len();
    let p = vector(3 * n, 50, -1.0, 1.0);
    Data { model: model(rest), correspondences, points: p.chunks(3).map(|p| [p[0], p[1], p[2]]).collect() }
}

#[test]
fn at_rest_the_hand_is_translated() {
    // Identity transforms, zero angles (|rotation| < 10⁻⁴ is the identity), weights summing
    // to 1: each vertex is its rest position plus the translation θ₃..₆.
    let data = data(true, vec![4, 0, 2]);
    let mut theta = vec![0.0; 26];
    theta[3..6].copy_from_slice(&[0.5, -1.0, 2.0]);
    let err = ht::objective(&theta, &[], &data);
    for (i, &c) in data.correspondences.iter().enumerate() {
        for j in 0..3 {
            let expected = data.points[i][j] - (data.model.base_positions[c][j] + theta[3 + j]);
            assert!((err[3 * i + j] - expected).abs() < 1e-15);
        }
    }
}

fn check_jacobian(us: &[[f64; 2]], data: &Data) {
    let theta = vector(26, 60, -0.8, 0.8);
    let jacobian: Vec<Vec<f64>> = {
        let j = ht::jacobian(&theta, us, data);
        (0..j.rows()).map(|r| j.row(r)).collect()
    };
    let rows = 3 * data.correspondences.len();
    let extra = if us.is_empty() { 0 } else { 2 };
    assert_eq!(jacobian.len(), rows);
    assert!(jacobian.iter().all(|row| row.len() == extra + 26));
    let h = 1e-6;
    let mut columns: Vec<Vec<f64>> = Vec::new();
    for k in 0..extra {
        // Moving every uᵢₖ at once: residual i depends on its own uᵢ only.
        let shifted = |step: f64| {
            let mut us = us.to_vec();
            for u in &mut us {
                u[k] += step;
            }
            ht::objective(&theta, &us, data)
        };
        let (plus, minus) = (shifted(h), shifted(-h));
        columns.push(plus.iter().zip(&minus).map(|(p, m)| (p - m) / (2.0 * h)).collect());
    }
    for k in 0..26 {
        let shifted = |step: f64| {
            let mut t = theta.clone();
            t[k] += step;
            ht::objective(&t, us, data)
        };
        let (plus, minus) = (shifted(h), shifted(-h));
        columns.push(plus.iter().zip(&minus).map(|(p, m)| (p - m) / (2.0 * h)).collect());
    }
    for (r, row) in jacobian.iter().enumerate() {
        let fd: Vec<f64> = columns.iter().map(|c| c[r]).collect();
        assert_close(row, &fd, 1e-7);
    }
    // The global translation moves every point by itself: its columns are −I in each block.
    for (r, row) in jacobian.iter().enumerate() {
        for j in 0..3 {
            assert!((row[extra + 3 + j] - if r % 3 == j { -1.0 } else { 0.0 }).abs() < 1e-12);
        }
    }
}

#[test]
fn jacobian_matches_differences_without_us() {
    check_jacobian(&[], &data(false, vec![0, 5, 3, 1]));
}

#[test]
fn jacobian_matches_differences_with_us() {
    let us: Vec<[f64; 2]> = vector(8, 61, 0.0, 0.5).chunks(2).map(|u| [u[0], u[1]]).collect();
    check_jacobian(&us, &data(false, vec![2, 0, 1, 2]));
}
