fn main() {
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let item: proc_macro2::TokenStream = src.parse().unwrap();
    let out = backprop_codegen::differentiable(proc_macro2::TokenStream::new(), item);
    let file: syn::File = syn::parse2(out).unwrap();
    println!("{}", prettyplease::unparse(&file));
}
