//! Prints what `#[differentiable]` writes for the function in a file, formatted:
//! `cargo run -p backprop-codegen --example expand_file -- path/to/function.rs`.
//!
//! The file holds one function, without the attribute (`wrt(...)` can be passed as a second
//! argument: `-- f.rs "wrt(x)"`).

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: expand_file <file with one function> [attribute arguments]")?;
    let attribute = args.next().unwrap_or_default();
    let source = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let item: proc_macro2::TokenStream = source.parse().map_err(|e| format!("{path}: {e}"))?;
    let attribute: proc_macro2::TokenStream = attribute.parse().map_err(|e| format!("arguments: {e}"))?;
    let expanded = backprop_codegen::differentiable(attribute, item);
    let file: syn::File = syn::parse2(expanded).map_err(|e| format!("expansion: {e}"))?;
    println!("{}", prettyplease::unparse(&file));
    Ok(())
}
