//! Expansion snapshots: what the macro writes, pinned.
//!
//! Every `tests/expand/NAME.rs` of the repository, expanded by the transform (functions and
//! methods under `#[differentiable]`, structs under `#[derive(Differentiable)]`) and printed
//! with prettyplease, must equal `tests/expand/NAME.expanded.rs`. A change to the generated
//! code is then a diff to review. After an intended change:
//!
//! `BACKPROP_BLESS=1 cargo test -p backprop-codegen --test expand`, then read `git diff tests/expand`.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use std::path::{Path, PathBuf};

#[test]
fn expansions_match_their_snapshots() {
    let bless = std::env::var_os("BACKPROP_BLESS").is_some();
    let mut stale = Vec::new();
    let inputs = inputs();
    assert!(inputs.len() >= 10, "snapshot inputs missing from tests/expand");
    for input in inputs {
        let expanded = expand_file(&input);
        let snapshot = input.with_extension("expanded.rs");
        let current = std::fs::read_to_string(&snapshot).unwrap_or_default();
        if current == expanded {
            continue;
        }
        if bless {
            std::fs::write(&snapshot, &expanded).expect("snapshot is writable");
        } else {
            stale.push(snapshot.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the generated code changed for {stale:?}; review it with BACKPROP_BLESS=1 cargo test -p backprop-codegen --test expand and git diff tests/expand"
    );
}

/// The snapshot inputs, in name order.
fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/expand");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/expand exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.to_string_lossy().ends_with(".expanded.rs"))
        .collect();
    files.sort();
    files
}

/// The file with every macro of ours expanded, pretty-printed.
fn expand_file(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("input is readable");
    let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let items: Vec<TokenStream> = file.items.iter().map(expand_item).collect();
    let attrs = &file.attrs;
    let tokens = quote!(#(#attrs)* #(#items)*);
    let expanded = syn::parse2::<syn::File>(tokens).unwrap_or_else(|e| panic!("{}: expansion: {e}", path.display()));
    prettyplease::unparse(&expanded)
}

fn expand_item(item: &syn::Item) -> TokenStream {
    match item {
        syn::Item::Fn(f) => expand_fn(f.to_token_stream(), &f.attrs),
        syn::Item::Impl(block) => {
            let mut block = block.clone();
            let items = std::mem::take(&mut block.items);
            let expanded = items.iter().map(|item| match item {
                syn::ImplItem::Fn(f) => expand_fn(f.to_token_stream(), &f.attrs),
                other => other.to_token_stream(),
            });
            let (attrs, generics, self_ty) = (&block.attrs, &block.generics, &block.self_ty);
            let trait_ = block.trait_.as_ref().map(|(path, for_)| quote!(#path #for_));
            quote!(#(#attrs)* impl #generics #trait_ #self_ty { #(#expanded)* })
        }
        syn::Item::Struct(s) if derives_differentiable(&s.attrs) => {
            let derived = backprop_codegen::derive_differentiable(s.to_token_stream());
            quote!(#s #derived)
        }
        other => other.to_token_stream(),
    }
}

/// A function under `#[differentiable(args)]` expanded (the attribute removed), or as it is.
fn expand_fn(tokens: TokenStream, attrs: &[syn::Attribute]) -> TokenStream {
    let Some(attr) = attrs.iter().find(|a| a.path().is_ident("differentiable")) else { return tokens };
    let args = match &attr.meta {
        syn::Meta::List(list) => list.tokens.clone(),
        _ => TokenStream::new(),
    };
    let mut item: syn::ImplItemFn = syn::parse2(tokens).expect("a function");
    item.attrs.retain(|a| !a.path().is_ident("differentiable"));
    backprop_codegen::differentiable(args, item.to_token_stream())
}

fn derives_differentiable(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("derive") && a.to_token_stream().to_string().contains("Differentiable"))
}
