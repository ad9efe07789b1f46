//! `backprop-gradbench`: a GradBench tool. Run without arguments; it answers the protocol on
//! stdin/stdout until stdin ends.

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    backprop_gradbench::protocol::serve(stdin.lock(), stdout.lock())
}
