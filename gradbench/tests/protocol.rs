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
