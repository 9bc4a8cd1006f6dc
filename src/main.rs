fn main() {
    playground::run();
}

// talc rather than the standard library's dlmalloc: smaller, as fast (Cargo.toml).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
