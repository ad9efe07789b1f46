//! `kmeans`: the k-means cost Σᵢ minⱼ |Cⱼ − Pᵢ|² (`cost`) and the Newton direction J·H⁻¹
//! (`dir`), where J is the gradient in the centroids C and H the Hessian, which is diagonal: so
//! one Hessian-vector product along the all-ones direction gives H's diagonal, and `cost_hvp`
//! gives J and it together.

use backprop::differentiable;
use serde::Deserialize;
use serde_json::Value;

use crate::Evaluated;
use crate::runs::{parse, repeat, runs_of};

#[derive(Deserialize)]
struct Input {
    points: Vec<Vec<f64>>,
    centroids: Vec<Vec<f64>>,
}

/// Σᵢ minⱼ |Cⱼ − Pᵢ|²: the squared distance of each point to its closest centroid, summed.
#[differentiable(wrt(centroids))]
pub fn cost(points: &[Vec<f64>], centroids: &[Vec<f64>]) -> f64 {
    let mut total = 0.0;
    for p in points.iter() {
        let mut closest = f64::INFINITY;
        for c in centroids.iter() {
            let mut dist = 0.0;
            for (a, b) in p.iter().zip(c.iter()) {
                dist += (b - a) * (b - a);
            }
            closest = closest.min(dist);
        }
        total += closest;
    }
    total
}

/// The Newton direction J·H⁻¹ at `centroids`, entry by entry since H is diagonal. A centroid
/// closest to no point has a zero row of H (and of J): its entries are NaN, as 0/0 is.
pub fn dir(points: &[Vec<f64>], centroids: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let ones: Vec<Vec<f64>> = centroids.iter().map(|c| vec![1.0; c.len()]).collect();
    let (_, jacobian, diagonal) = cost_hvp(points, centroids, &ones);
    jacobian.iter().zip(&diagonal).map(|(j, h)| j.iter().zip(h).map(|(j, h)| j / h).collect()).collect()
}

/// Checks that every point and centroid has the same dimension.
fn check(input: &Input) -> Result<(), String> {
    let d = input.points.first().map_or(0, Vec::len);
    let bad = input.points.iter().chain(&input.centroids).position(|v| v.len() != d);
    match bad {
        Some(i) => Err(format!(
            "bad input: every point and centroid must have {d} coordinates (entry {i} of points then centroids does not)"
        )),
        None => Ok(()),
    }
}

/// `cost` and `dir`.
pub fn evaluate(function: &str, input: &Value) -> Evaluated {
    let parsed: Input = parse(input)?;
    check(&parsed)?;
    let Input { points, centroids } = parsed;
    match function {
        "cost" => repeat(runs_of(input), || cost(&points, &centroids)),
        "dir" => repeat(runs_of(input), || dir(&points, &centroids)),
        _ => Err(crate::unknown("kmeans", function)),
    }
}
