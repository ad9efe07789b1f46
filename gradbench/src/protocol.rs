//! The GradBench protocol: one JSON message a line on the input, one JSON response a line on
//! the output (`CONTRIBUTING.md`, section *Protocol*, of GradBench).

use serde_json::{Value, json};
use std::io::{BufRead, Write};

/// Answers one message. `start`, `analysis` and unknown kinds get their `id` back; `define`
/// succeeds for the modules in [`crate::MODULES`]; `evaluate` runs the function.
pub fn respond(message: &Value) -> Value {
    let id = message.get("id").cloned().unwrap_or(Value::Null);
    let kind = message.get("kind").and_then(Value::as_str).unwrap_or("");
    let module = message.get("module").and_then(Value::as_str).unwrap_or("");
    match kind {
        "start" => json!({ "id": id, "tool": "backprop" }),
        "define" => {
            if crate::MODULES.contains(&module) {
                json!({ "id": id, "success": true })
            } else {
                json!({ "id": id, "success": false, "error": format!("module {module:?} is not implemented") })
            }
        }
        "evaluate" => {
            let function = message.get("function").and_then(Value::as_str).unwrap_or("");
            let input = message.get("input").unwrap_or(&Value::Null);
            match crate::evaluate(module, function, input) {
                Ok((output, timings)) => {
                    let timings: Vec<Value> =
                        timings.iter().map(|&ns| json!({ "name": "evaluate", "nanoseconds": ns as u64 })).collect();
                    json!({ "id": id, "success": true, "output": output, "timings": timings })
                }
                Err(error) => json!({ "id": id, "success": false, "error": error }),
            }
        }
        _ => json!({ "id": id }),
    }
}

/// Reads messages from `input` until it ends, writing one response a line to `output` (flushed
/// after each, since the eval waits for it).
pub fn serve(input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let response = match serde_json::from_str::<Value>(&line) {
            Ok(message) => respond(&message),
            Err(e) => json!({ "id": null, "success": false, "error": format!("not JSON: {e}") }),
        };
        serde_json::to_writer(&mut output, &response)?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
}
