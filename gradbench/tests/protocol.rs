//! The protocol: a whole session through `serve`, as the eval would drive it.

use backprop_gradbench::protocol::serve;
use serde_json::{Value, json};

fn session(messages: &[Value]) -> Vec<Value> {
    let input: String = messages.iter().map(|m| format!("{m}\n")).collect();
    let mut output = Vec::new();
    serve(input.as_bytes(), &mut output).unwrap();
    String::from_utf8(output).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn hello_session() {
    let responses = session(&[
        json!({ "id": 0, "kind": "start", "eval": "hello" }),
        json!({ "id": 1, "kind": "define", "module": "hello" }),
        json!({ "id": 2, "kind": "evaluate", "module": "hello", "function": "square", "input": 3.0 }),
        json!({ "id": 3, "kind": "analysis", "of": 2, "valid": true }),
        json!({ "id": 4, "kind": "evaluate", "module": "hello", "function": "double", "input": 9.0 }),
        json!({ "id": 5, "kind": "define", "module": "no-such-eval" }),
    ]);
    assert_eq!(responses.len(), 6);
    for (i, r) in responses.iter().enumerate() {
        assert_eq!(r["id"], json!(i));
    }
    assert_eq!(responses[1]["success"], json!(true));
    assert_eq!(responses[2]["output"], json!(9.0));
    assert_eq!(responses[2]["timings"].as_array().unwrap().len(), 1);
    assert_eq!(responses[2]["timings"][0]["name"], json!("evaluate"));
    assert_eq!(responses[3], json!({ "id": 3 }));
    assert_eq!(responses[4]["output"], json!(18.0));
    assert_eq!(responses[5]["success"], json!(false));
}

#[test]
fn runs_are_repeated_and_timed() {
    let x = json!([0.5, 1.5, -2.0]);
    let responses = session(&[json!({
        "id": 7, "kind": "evaluate", "module": "lse", "function": "gradient",
        "input": { "x": x, "min_runs": 5, "min_seconds": 0.0 }
    })]);
    let timings = responses[0]["timings"].as_array().unwrap();
    assert_eq!(timings.len(), 5);
    assert!(timings.iter().all(|t| t["name"] == "evaluate" && t["nanoseconds"].as_u64().is_some()));
    // min_seconds keeps it running past min_runs.
    let responses = session(&[json!({
        "id": 8, "kind": "evaluate", "module": "lse", "function": "primal",
        "input": { "x": x, "min_runs": 1, "min_seconds": 0.01 }
    })]);
    let total: u64 =
        responses[0]["timings"].as_array().unwrap().iter().map(|t| t["nanoseconds"].as_u64().unwrap()).sum();
    assert!(total >= 10_000_000);
    // An unknown function fails without output.
    let responses = session(&[json!({
        "id": 9, "kind": "evaluate", "module": "lse", "function": "hessian", "input": { "x": x, "min_runs": 1, "min_seconds": 0.0 }
    })]);
    assert_eq!(responses[0]["success"], json!(false));
}

#[test]
fn every_eval_is_defined() {
    for module in ["ba", "det", "gmm", "hello", "ht", "kmeans", "llsq", "lse", "lstm", "ode", "particle", "saddle"] {
        let responses = session(&[json!({ "id": 1, "kind": "define", "module": module })]);
        assert_eq!(responses[0]["success"], json!(true), "{module}");
    }
}

#[test]
fn malformed_inputs_are_errors_that_name_the_problem() {
    // Each: a module, a function, an input that parses but cannot be evaluated, and a word the
    // error must contain.
    let cases = [
        ("ode", "gradient", json!({ "x": [], "s": 3 }), "x must not be empty"),
        ("ode", "primal", json!({ "x": [1.0], "s": 0 }), "s must be positive"),
        ("ode", "primal", json!({ "x": [1.0] }), "missing field `s`"),
        ("kmeans", "dir", json!({ "points": [[1.0, 2.0], [3.0]], "centroids": [[0.0, 0.0]] }), "coordinates"),
        (
            "gmm",
            "jacobian",
            json!({ "alpha": [0.0], "mu": [[0.0]], "q": [[0.0]], "l": [[0.0]], "x": [[1.0]], "m": 0, "gamma": 1.0 }),
            "l 1 × 0",
        ),
        (
            "gmm",
            "objective",
            json!({ "alpha": [], "mu": [], "q": [], "l": [], "x": [], "m": 0, "gamma": 1.0 }),
            "at least one",
        ),
        (
            "lstm",
            "jacobian",
            json!({ "main_params": [vec![0.0; 4], vec![0.0; 4]], "extra_params": [[0.0], [0.0]], "state": [[0.0], [0.0]], "sequence": [[1.0], [0.0]] }),
            "extra_params 3 × 1",
        ),
        (
            "lstm",
            "objective",
            json!({ "main_params": [], "extra_params": [], "state": [], "sequence": [[1.0]] }),
            "two characters",
        ),
        (
            "ba",
            "jacobian",
            json!({ "n": 0, "m": 1, "p": 1, "cam": vec![0.0; 11], "x": vec![0.0; 3], "w": 1.0, "feat": vec![0.0; 2] }),
            "positive",
        ),
        (
            "ba",
            "objective",
            json!({ "n": 1, "m": 1, "p": 1, "cam": vec![0.0; 3], "x": vec![0.0; 3], "w": 1.0, "feat": vec![0.0; 2] }),
            "bad input",
        ),
        ("ht", "objective", json!({ "theta": vec![0.0; 3], "us": [], "data": {} }), "bad input"),
    ];
    for (module, function, mut input, expected) in cases {
        input["min_runs"] = json!(1);
        input["min_seconds"] = json!(0.0);
        let responses =
            session(&[json!({ "id": 3, "kind": "evaluate", "module": module, "function": function, "input": input })]);
        assert_eq!(responses[0]["success"], json!(false), "{module}::{function} {input}");
        let error = responses[0]["error"].as_str().unwrap();
        assert!(error.contains(expected), "{module}::{function}: {error:?} lacks {expected:?}");
    }
}

#[test]
fn ht_checks_indices_before_evaluating() {
    // A correspondence past the last vertex must be an error, not an out-of-bounds panic.
    let bones = 21;
    let identity: Vec<Vec<f64>> = (0..4).map(|i| (0..4).map(|j| f64::from(i == j)).collect()).collect();
    let model = json!({
        "parents": (0..bones).map(|i| i - 1).collect::<Vec<i64>>(),
        "base_relatives": vec![identity.clone(); bones as usize],
        "inverse_base_absolutes": vec![identity; bones as usize],
        "base_positions": [[0.0, 0.0, 0.0, 1.0]],
        "weights": [vec![1.0 / bones as f64; bones as usize]],
        "triangles": [],
        "is_mirrored": false,
    });
    let mut input = json!({
        "theta": vec![0.1; 26], "us": [],
        "data": { "model": model, "correspondences": [0], "points": [[0.0, 0.0, 0.0]] },
        "min_runs": 1, "min_seconds": 0.0,
    });
    let ok = session(&[json!({ "id": 1, "kind": "evaluate", "module": "ht", "function": "jacobian", "input": input })]);
    assert_eq!(ok[0]["success"], json!(true), "{}", ok[0]);
    assert_eq!(ok[0]["output"].as_array().unwrap().len(), 3);
    input["data"]["correspondences"] = json!([1]);
    let bad =
        session(&[json!({ "id": 2, "kind": "evaluate", "module": "ht", "function": "objective", "input": input })]);
    assert_eq!(bad[0]["success"], json!(false));
    assert!(bad[0]["error"].as_str().unwrap().contains("correspondences below 1"), "{}", bad[0]);
}
