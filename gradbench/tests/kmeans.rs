//! `kmeans`: the cost by hand, its gradient and Hessian diagonal against central finite
//! differences, and the Newton direction against its closed form (centroid minus the mean of
//! its cluster).

mod common;
use common::*;

use backprop_gradbench::kmeans;

fn rows(flat: &[f64], d: usize) -> Vec<Vec<f64>> {
    flat.chunks(d).map(<[f64]>::to_vec).collect()
}

fn flat(rows: &[Vec<f64>]) -> Vec<f64> {
    rows.concat()
}

#[test]
fn cost_by_hand() {
    // Points 0, 1, 4 on a line, centroids 0.5 and 3: (½)² + (½)² + 1² = 1.5.
    let points = vec![vec![0.0], vec![1.0], vec![4.0]];
    let centroids = vec![vec![0.5], vec![3.0]];
    assert_eq!(kmeans::cost(&points, &centroids), 1.5);
    // The gradient: 2·Σ (c − p) over each cluster: 2·(0.5 + (−0.5)) = 0 and 2·(3 − 4) = −2.
    let (value, grad) = kmeans::cost_grad(&points, &centroids);
    assert_eq!(value, 1.5);
    assert_close(&flat(&grad), &[0.0, -2.0], 1e-15);
}

#[test]
fn gradient_and_hessian_diagonal_match_differences() {
    let (n, k, d) = (40, 4, 3);
    let points = rows(&vector(n * d, 8, 0.0, 1.0), d);
    let centroids = rows(&vector(k * d, 9, 0.0, 1.0), d);
    let cost = |c: &[f64]| kmeans::cost(&points, &rows(c, d));
    let c = flat(&centroids);
    let (_, grad) = kmeans::cost_grad(&points, &centroids);
    assert_close(&flat(&grad), &fd_gradient(cost, &c, 1e-6), 1e-7);
    // H's diagonal, entry by entry from differences of the gradient, and H·1 from `cost_hvp`.
    let ones: Vec<Vec<f64>> = vec![vec![1.0; d]; k];
    let (_, hvp_grad, h_ones) = kmeans::cost_hvp(&points, &centroids, &ones);
    assert_close(&flat(&hvp_grad), &flat(&grad), 1e-12);
    let mut diagonal = Vec::new();
    for i in 0..k * d {
        let shifted = |step: f64| {
            let mut c = c.clone();
            c[i] += step;
            flat(&kmeans::cost_grad(&points, &rows(&c, d)).1)[i]
        };
        diagonal.push((shifted(1e-6) - shifted(-1e-6)) / 2e-6);
    }
    assert_close(&flat(&h_ones), &diagonal, 1e-6);
    // Each diagonal entry is twice the cluster's size, so they sum to 2·n·d.
    assert!((flat(&h_ones).iter().sum::<f64>() - (2 * n * d) as f64).abs() < 1e-9);
}

#[test]
fn direction_is_centroid_minus_cluster_mean() {
    let (n, k, d) = (30, 3, 2);
    let points = rows(&vector(n * d, 10, 0.0, 1.0), d);
    // As the eval does: the last k points are the centroids, so no cluster is empty.
    let centroids = points[n - k..].to_vec();
    let mut sums = vec![vec![0.0; d]; k];
    let mut sizes = vec![0.0; k];
    for p in &points {
        let dist = |c: &Vec<f64>| c.iter().zip(p).map(|(c, p)| (c - p) * (c - p)).sum::<f64>();
        let j = (0..k).min_by(|&a, &b| dist(&centroids[a]).total_cmp(&dist(&centroids[b]))).unwrap();
        sizes[j] += 1.0;
        for l in 0..d {
            sums[j][l] += p[l];
        }
    }
    let expected: Vec<f64> =
        (0..k).flat_map(|j| (0..d).map(|l| centroids[j][l] - sums[j][l] / sizes[j]).collect::<Vec<_>>()).collect();
    assert_close(&flat(&kmeans::dir(&points, &centroids)), &expected, 1e-12);
}
