//! API-server validation with the upstream field paths and messages, so that the simulator
//! rejects what a real cluster rejects and says so in the same words.
//!
//! * [`field`]: `FieldError` and its rendering, the kubectl and status messages;
//! * [`names`]: qualified names, label values, DNS labels and subdomains;
//! * [`meta`]: ObjectMeta, labels, annotations, label selectors;
//! * [`pod`]: pod template and pod spec checks (containers, ports, tolerations, affinity);
//! * [`daemonset`]: DaemonSet create and update validation;
//! * [`node`]: Node (taints) and Namespace validation;
//! * [`render`]: bad values printed as Go's `%q` / `%#v` print them.
//!
//! The message shapes follow Kubernetes v1.32 (apimachinery's `field.Error` before v1.33
//! started printing bad values as JSON).

pub mod daemonset;
pub mod field;
pub mod meta;
pub mod names;
pub mod node;
pub mod pod;
pub mod render;

pub use daemonset::{validate_daemonset, validate_daemonset_update};
pub use field::{dedup, invalid_message, status_message, ErrorType, FieldError};
pub use node::{validate_namespace, validate_node};
pub use pod::{validate_pod, PodValidationOptions};
