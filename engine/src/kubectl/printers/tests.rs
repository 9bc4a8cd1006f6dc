//! Golden tests of `kubectl get` tables and output formats.
