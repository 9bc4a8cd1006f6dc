// Trunk's post_build hook. Trunk runs the hooks of one stage side by side, and both of
// these rewrite index.html, so one hook runs them in turn.
await import('./strip-comments.mjs');
await import('./csp.mjs');
