//! The DaemonSet Playground engine: Kubernetes objects decoded with positions,
//! DaemonSet placement, controllers on a simulated clock, and a kubectl interpreter.
//! No web dependencies: it builds natively (dsim) and for wasm32 (the app).
pub mod api;
pub mod case;
pub mod cluster;
pub mod controller;
pub mod defaults;
pub mod diagnostics;
pub mod export;
pub mod hash;
pub mod kubectl;
pub mod lesson;
pub mod manifest;
pub mod placement;
pub mod schema;
pub mod script;
pub mod session;
pub mod share;
pub mod sim;
pub mod sort;
pub mod timeline;
pub mod validation;
pub mod view;
pub mod yaml;
