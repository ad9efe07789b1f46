//! Readers: real files parse, malformed files give errors that name the file and the line.

mod common;

use backprop_adbench::DataError;
use backprop_adbench::io::{self, GmmInput};
use common::{TempFile, data};
use std::path::Path;

/// Asserts that `result` failed at `line` of `file`, with the path in the message.
fn assert_error_at<T: std::fmt::Debug>(result: Result<T, DataError>, file: &TempFile, line: usize) {
    let error = result.expect_err("malformed input must be rejected");
    assert_eq!(error.path(), file.0.as_path(), "{error}");
    assert_eq!(error.line(), Some(line), "{error}");
    let shown = error.to_string();
    assert!(shown.contains(&file.0.display().to_string()), "{shown}");
    assert!(shown.contains(&format!(":{line}:")), "{shown}");
}

const GMM_D2_K1_N3: &str = "2 1 3\n0.5\n0.1 0.2\n0.3 0.4 0.5\n1 2\n3 4\n5 6\n1 0\n";

#[test]
fn gmm_reader_reads_a_small_file() {
    let file = TempFile::new("gmm-ok.txt", GMM_D2_K1_N3);
    let input = io::read_gmm(&file.0).expect("valid file");
    let expected = GmmInput {
        d: 2,
        k: 1,
        n: 3,
        alpha: vec![0.5],
        means: vec![0.1, 0.2],
        icf: vec![0.3, 0.4, 0.5],
        x: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        gamma: 1.0,
        m: 0.0,
    };
    assert_eq!(input, expected);
}

#[test]
fn gmm_replicate_point_mode_repeats_the_single_point() {
    let replicated = TempFile::new("gmm-replicated.txt", "2 1 3\n0.5\n0.1 0.2\n0.3 0.4 0.5\n7 8\n1 0\n");
    let explicit = TempFile::new("gmm-explicit.txt", "2 1 3\n0.5\n0.1 0.2\n0.3 0.4 0.5\n7 8\n7 8\n7 8\n1 0\n");
    let a = io::read_gmm(&replicated.0).expect("replicate-point file");
    let b = io::read_gmm(&explicit.0).expect("explicit file");
    assert_eq!(a, b);
    assert_eq!(a.x, [7.0, 8.0].repeat(3));
}

#[test]
fn gmm_errors_name_file_and_line() {
    let bad_number = TempFile::new("gmm-bad-number.txt", "2 1 3\n0.5\n0.1 zwei\n0.3 0.4 0.5\n1 2\n3 4\n5 6\n1 0\n");
    assert_error_at(io::read_gmm(&bad_number.0), &bad_number, 3);
    // A point short: neither N·D nor one replicated point.
    let short = TempFile::new("gmm-short.txt", "2 1 3\n0.5\n0.1 0.2\n0.3 0.4 0.5\n1 2\n3 4\n1 0\n");
    assert_error_at(io::read_gmm(&short.0), &short, 5);
    let extra = TempFile::new("gmm-extra.txt", format!("{GMM_D2_K1_N3}\n\n9\n"));
    assert_error_at(io::read_gmm(&extra.0), &extra, 11);
    let truncated = TempFile::new("gmm-truncated.txt", "2 1 3\n0.5\n0.1\n");
    assert_error_at(io::read_gmm(&truncated.0), &truncated, 3);
    let negative = TempFile::new("gmm-negative.txt", "2 -1 3\n");
    assert_error_at(io::read_gmm(&negative.0), &negative, 1);
    let zero = TempFile::new("gmm-zero.txt", "0 1 3\n1 0\n");
    assert_error_at(io::read_gmm(&zero.0), &zero, 1);
    let nan = TempFile::new("gmm-nan.txt", "2 1 3\n0.5\n0.1 0.2\n0.3 NaN 0.5\n1 2\n3 4\n5 6\n1 0\n");
    assert_error_at(io::read_gmm(&nan.0), &nan, 4);
    // A header asking for an absurd size is an error, not an allocation failure.
    let huge = TempFile::new("gmm-huge.txt", "4000000000 4000000000 1\n1\n");
    assert!(io::read_gmm(&huge.0).is_err());
}

#[test]
fn missing_file_and_invalid_utf8_are_errors() {
    let missing = Path::new("/nonexistent/adbench/gmm.txt");
    let error = io::read_gmm(missing).expect_err("no such file");
    assert_eq!(error.path(), missing);
    assert!(error.to_string().contains("/nonexistent/adbench/gmm.txt"));
    let binary = TempFile::new("gmm-binary.txt", b"2 1 3\n0.5 \xff\n".as_slice());
    assert_error_at(io::read_gmm(&binary.0), &binary, 2);
}

#[test]
fn ba_reader_expands_as_adbench_does() {
    let file = TempFile::new("ba-ok.txt", "2 3 7\n1 2 3 4 5 6 7 8 9 10 11\n0.1 0.2 0.3\n0.9\n5 6\n");
    let input = io::read_ba(&file.0).expect("valid file");
    assert_eq!((input.n, input.m, input.p), (2, 3, 7));
    assert_eq!(input.cams, (1..=11).map(f64::from).collect::<Vec<_>>().repeat(2));
    assert_eq!(input.x, [0.1, 0.2, 0.3].repeat(3));
    assert_eq!(input.w, vec![0.9; 7]);
    assert_eq!(input.feats, [5.0, 6.0].repeat(7));
    let expected_obs: Vec<usize> = (0..7).flat_map(|i| [i % 2, i % 3]).collect();
    assert_eq!(input.obs, expected_obs);
}

#[test]
fn ba_errors_name_file_and_line() {
    let zero = TempFile::new("ba-zero.txt", "0 3 7\n1 2 3 4 5 6 7 8 9 10 11\n0.1 0.2 0.3\n0.9\n5 6\n");
    assert_error_at(io::read_ba_compact(&zero.0), &zero, 1);
    let bad = TempFile::new("ba-bad.txt", "2 3 7\n1 2 3 4 5 6 7 8 9 10 11\n0.1 x 0.3\n0.9\n5 6\n");
    assert_error_at(io::read_ba_compact(&bad.0), &bad, 3);
    let short = TempFile::new("ba-short.txt", "2 3 7\n1 2 3 4 5 6 7 8 9 10 11\n0.1 0.2 0.3\n0.9\n5\n");
    assert_error_at(io::read_ba_compact(&short.0), &short, 5);
    let overflow = TempFile::new("ba-overflow.txt", format!("1 1 {}\n", usize::MAX / 2));
    assert_error_at(io::read_ba_compact(&overflow.0), &overflow, 1);
}

#[test]
fn lstm_errors_name_file_and_line() {
    let one_char = TempFile::new("lstm-c1.txt", "1 1 1\n");
    assert_error_at(io::read_lstm(&one_char.0), &one_char, 1);
    // l = 1, c = 2, b = 1: 8 + 3 + 2 + 2 numbers; the last sequence line is missing.
    let body = "1 2 1\n\n1 2 3 4\n5 6 7 8\n\n1\n2\n3\n\n0.5\n0.25\n\n1\n";
    let truncated = TempFile::new("lstm-truncated.txt", body);
    assert_error_at(io::read_lstm(&truncated.0), &truncated, 13);
    let complete = TempFile::new("lstm-ok.txt", format!("{body}0\n"));
    let input = io::read_lstm(&complete.0).expect("valid file");
    assert_eq!(input.main_params, (1..=8).map(f64::from).collect::<Vec<_>>());
    assert_eq!(input.extra_params, [1.0, 2.0, 3.0]);
    assert_eq!(input.state, [0.5, 0.25]);
    assert_eq!(input.sequence, [1.0, 0.0]);
}

#[test]
fn reference_readers_name_file_and_line() {
    let two_values = TempFile::new("ref-two.txt", "1.0 2.0\n3 4 5\n");
    assert_error_at(io::read_scalar_ref(&two_values.0), &two_values, 1);
    let bad_gradient = TempFile::new("ref-bad.txt", "1.0\n3 four 5\n");
    assert_error_at(io::read_scalar_ref(&bad_gradient.0), &bad_gradient, 2);
    let row = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n";
    let head = "reproj_err 1 2 w_err 3 dw_err_dw 4\n";
    let good = TempFile::new("ba-ref-ok.txt", format!("{head}{row}{row}"));
    let parsed = io::read_ba_ref(&good.0).expect("valid BA reference");
    assert_eq!((parsed.reproj_err, parsed.w_err, parsed.dw_err_dw), ([1.0, 2.0], 3.0, 4.0));
    let unlabeled = TempFile::new("ba-ref-label.txt", format!("1 2 3 4\n{row}{row}"));
    assert_error_at(io::read_ba_ref(&unlabeled.0), &unlabeled, 1);
    let short_row = TempFile::new("ba-ref-short.txt", format!("{head}{row}1 2 3\n"));
    assert_error_at(io::read_ba_ref(&short_row.0), &short_row, 3);
}

#[test]
fn goldens_json_errors_name_line_or_key() {
    let syntax = TempFile::new("goldens-syntax.json", "{\n \"gmm_test\": {\n  \"objective\": 1.0,,\n }\n}\n");
    assert_error_at(io::read_test_goldens(&syntax.0), &syntax, 3);
    let missing = TempFile::new("goldens-missing.json", "{\"gmm_test\": {\"input\": \"gmm/test.txt\"}}");
    let error = io::read_test_goldens(&missing.0).expect_err("keys are missing");
    assert!(error.to_string().contains("gmm_test.objective"), "{error}");
}

#[test]
fn every_shipped_file_parses() {
    let Some(dir) = data() else { return };
    for name in ["test", "1k/gmm_d2_K5", "1k/gmm_d2_K10", "1k/gmm_d10_K5", "1k/gmm_d10_K10", "10k/gmm_d2_K5"] {
        let input = io::read_gmm(&dir.join(format!("gmm/{name}.txt"))).expect("GMM file");
        assert_eq!(input.x.len(), input.n * input.d);
        assert_eq!((input.gamma, input.m), (1.0, 0.0), "every ADBench file has γ = 1, m = 0");
    }
    for name in ["lstm_l2_c1024", "lstm_l4_c1024", "lstm_l2_c4096", "lstm_l4_c4096"] {
        let input = io::read_lstm(&dir.join(format!("lstm/{name}.txt"))).expect("LSTM file");
        assert_eq!(input.b, 14);
        assert!(input.sequence.iter().all(|&bit| bit == 0.0 || bit == 1.0));
    }
    let goldens = io::read_test_goldens(&dir.join("golden/adbench_test_goldens.json")).expect("goldens");
    assert_eq!((goldens.gmm.gradient.len(), goldens.lstm.gradient.len(), goldens.ba.vals.len()), (18, 266, 310));
}

#[test]
fn ba20_header_not_its_file_name_gives_p() {
    // The file name says p2987644; the header (and the paper's 2.90e7) say 28,987,644.
    let Some(dir) = data() else { return };
    let compact = io::read_ba_compact(&dir.join("ba/ba20_n13682_m4456117_p2987644.txt")).expect("ba20");
    assert_eq!((compact.n, compact.m, compact.p), (13_682, 4_456_117, 28_987_644));
}
