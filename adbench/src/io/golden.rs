//! Readers for the expected values: `golden/computed/**.ref.txt` and
//! `golden/adbench_test_goldens.json`.

use super::read_text;
use crate::DataError;
use serde_json::Value;
use std::path::Path;

/// A GMM or LSTM reference: line 1 the objective, line 2 the full gradient.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalarRef {
    /// The objective value.
    pub objective: f64,
    /// The gradient, in the instance's packed parameter order.
    pub gradient: Vec<f64>,
}

/// A BA reference: one observation's residual and its 2×15 Jacobian block.
#[derive(Debug, Clone, PartialEq)]
pub struct BaRef {
    /// The reprojection error pair.
    pub reproj_err: [f64; 2],
    /// The weight error 1 − w².
    pub w_err: f64,
    /// d(w_err)/dw = −2w.
    pub dw_err_dw: f64,
    /// Row x then row y; columns cam (11), X (3), w.
    pub block: [[f64; 15]; 2],
}

/// Parses the numbers of one line, naming the line on failure.
fn line_numbers(path: &Path, line_no: usize, line: &str) -> Result<Vec<f64>, DataError> {
    line.split_ascii_whitespace()
        .map(|token| {
            token
                .parse::<f64>()
                .map_err(|_| DataError::at_line(path, line_no, format!("expected a number, found `{token}`")))
        })
        .collect()
}

/// The non-blank lines of `text` with their 1-based numbers.
fn content_lines(text: &str) -> Vec<(usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i + 1, l)).collect()
}

/// Fails unless `lines` has exactly `expected` entries.
fn expect_lines(path: &Path, lines: &[(usize, &str)], expected: usize) -> Result<(), DataError> {
    match lines.get(expected) {
        Some(&(line_no, _)) => Err(DataError::at_line(path, line_no, "unexpected extra line")),
        None if lines.len() < expected => Err(DataError::at_line(
            path,
            lines.last().map_or(1, |&(n, _)| n),
            format!("expected {expected} non-blank lines, found {}", lines.len()),
        )),
        None => Ok(()),
    }
}

/// Reads a `golden/computed/{gmm,lstm}/**.ref.txt` file.
pub fn read_scalar_ref(path: &Path) -> Result<ScalarRef, DataError> {
    let text = read_text(path)?;
    let lines = content_lines(&text);
    expect_lines(path, &lines, 2)?;
    let (objective_line, objective_text) = lines[0];
    let objective = match line_numbers(path, objective_line, objective_text)?.as_slice() {
        &[value] => value,
        other => {
            return Err(DataError::at_line(
                path,
                objective_line,
                format!("expected one objective value, found {} numbers", other.len()),
            ));
        }
    };
    let gradient = line_numbers(path, lines[1].0, lines[1].1)?;
    Ok(ScalarRef { objective, gradient })
}

/// Reads a `golden/computed/ba/*.ref.txt` file:
/// `reproj_err a b w_err c dw_err_dw d`, then the two 15-value rows of the block.
pub fn read_ba_ref(path: &Path) -> Result<BaRef, DataError> {
    let text = read_text(path)?;
    let lines = content_lines(&text);
    expect_lines(path, &lines, 3)?;
    let (head_line, head) = lines[0];
    let tokens: Vec<&str> = head.split_ascii_whitespace().collect();
    let labels_ok = tokens.len() == 7 && tokens[0] == "reproj_err" && tokens[3] == "w_err" && tokens[5] == "dw_err_dw";
    if !labels_ok {
        return Err(DataError::at_line(path, head_line, "expected `reproj_err A B w_err C dw_err_dw D`"));
    }
    let numbers = line_numbers(path, head_line, &[tokens[1], tokens[2], tokens[4], tokens[6]].join(" "))?;
    let mut block = [[0.0; 15]; 2];
    for (row, &(line_no, line)) in block.iter_mut().zip(&lines[1..]) {
        let values = line_numbers(path, line_no, line)?;
        *row = values
            .as_slice()
            .try_into()
            .map_err(|_| DataError::at_line(path, line_no, format!("expected 15 numbers, found {}", values.len())))?;
    }
    Ok(BaRef { reproj_err: [numbers[0], numbers[1]], w_err: numbers[2], dw_err_dw: numbers[3], block })
}

/// ADBench's own goldens for `gmm/test.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct GmmGolden {
    /// Input file, relative to the data folder.
    pub input: String,
    /// Expected objective.
    pub objective: f64,
    /// Expected gradient [α; means; icf].
    pub gradient: Vec<f64>,
}

/// ADBench's own goldens for `ba/test.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct BaGolden {
    /// Input file, relative to the data folder.
    pub input: String,
    /// The residual pair, the same for every observation.
    pub reproj_err_pair: [f64; 2],
    /// Expected weight error.
    pub w_err: f64,
    /// Jacobian rows (3p).
    pub nrows: usize,
    /// Jacobian columns (11n + 3m + p).
    pub ncols: usize,
    /// Length of the CSR `rows` array (nrows + 1).
    pub rows_size: usize,
    /// Stored non-zeros (31p).
    pub nnz: usize,
    /// CSR values, row-major.
    pub vals: Vec<f64>,
}

/// ADBench's own goldens for `lstm/lstm_l2_c1024.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct LstmGolden {
    /// Input file, relative to the data folder.
    pub input: String,
    /// Expected objective (ADBench gives only 8 decimals).
    pub objective: f64,
    /// Expected gradient [main_params; extra_params].
    pub gradient: Vec<f64>,
}

/// Everything in `golden/adbench_test_goldens.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct TestGoldens {
    /// The GMM test.
    pub gmm: GmmGolden,
    /// The BA test.
    pub ba: BaGolden,
    /// The LSTM test.
    pub lstm: LstmGolden,
}

/// Looks up `section.key` in the parsed JSON, naming the key on failure.
struct Json<'a> {
    path: &'a Path,
    root: &'a Value,
}

impl Json<'_> {
    fn get(&self, section: &str, key: &str) -> Result<&Value, DataError> {
        self.root
            .get(section)
            .and_then(|s| s.get(key))
            .ok_or_else(|| DataError::in_file(self.path, format!("missing key `{section}.{key}`")))
    }

    fn wrong(&self, section: &str, key: &str, what: &str) -> DataError {
        DataError::in_file(self.path, format!("`{section}.{key}` is not {what}"))
    }

    fn f64(&self, section: &str, key: &str) -> Result<f64, DataError> {
        self.get(section, key)?.as_f64().ok_or_else(|| self.wrong(section, key, "a number"))
    }

    fn usize(&self, section: &str, key: &str) -> Result<usize, DataError> {
        let value = self.get(section, key)?.as_u64();
        value.and_then(|v| usize::try_from(v).ok()).ok_or_else(|| self.wrong(section, key, "a non-negative integer"))
    }

    fn string(&self, section: &str, key: &str) -> Result<String, DataError> {
        let value = self.get(section, key)?.as_str();
        value.map(str::to_owned).ok_or_else(|| self.wrong(section, key, "a string"))
    }

    fn f64_array(&self, section: &str, key: &str) -> Result<Vec<f64>, DataError> {
        let array = self.get(section, key)?.as_array();
        array
            .and_then(|a| a.iter().map(Value::as_f64).collect::<Option<Vec<f64>>>())
            .ok_or_else(|| self.wrong(section, key, "an array of numbers"))
    }
}

/// Reads `golden/adbench_test_goldens.json`. Syntax errors name the line; a missing or
/// mistyped entry names its key.
pub fn read_test_goldens(path: &Path) -> Result<TestGoldens, DataError> {
    let text = read_text(path)?;
    let root: Value = serde_json::from_str(&text)
        .map_err(|e| DataError::at_line(path, e.line().max(1), format!("invalid JSON: {e}")))?;
    let json = Json { path, root: &root };
    let gmm = GmmGolden {
        input: json.string("gmm_test", "input")?,
        objective: json.f64("gmm_test", "objective")?,
        gradient: json.f64_array("gmm_test", "gradient")?,
    };
    let pair = json.f64_array("ba_test", "reproj_err_pair")?;
    let reproj_err_pair: [f64; 2] =
        pair.as_slice().try_into().map_err(|_| json.wrong("ba_test", "reproj_err_pair", "a pair"))?;
    Ok(TestGoldens {
        gmm,
        ba: BaGolden {
            input: json.string("ba_test", "input")?,
            reproj_err_pair,
            w_err: json.f64("ba_test", "w_err")?,
            nrows: json.usize("ba_test", "J_nrows")?,
            ncols: json.usize("ba_test", "J_ncols")?,
            rows_size: json.usize("ba_test", "J_rows_size")?,
            nnz: json.usize("ba_test", "J_nnz")?,
            vals: json.f64_array("ba_test", "J_vals")?,
        },
        lstm: LstmGolden {
            input: json.string("lstm_l2_c1024", "input")?,
            objective: json.f64("lstm_l2_c1024", "objective")?,
            gradient: json.f64_array("lstm_l2_c1024", "gradient")?,
        },
    })
}
