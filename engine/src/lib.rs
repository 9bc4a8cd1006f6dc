//! The DaemonSet Playground engine: Kubernetes objects decoded with positions,
//! DaemonSet placement, controllers on a simulated clock, and a kubectl interpreter.
//! No web dependencies: it builds natively (dsim) and for wasm32 (the app).
pub mod script;
pub mod session;
pub mod yaml;
