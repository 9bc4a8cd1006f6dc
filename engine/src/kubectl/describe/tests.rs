//! Golden tests of `kubectl describe`.
