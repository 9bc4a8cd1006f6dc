// Packs a link's text as a zlib stream (RFC 1950) with the browser's own compressor, so
// that the app's payload needs none (see engine::share::LinkData), and calls `done` with
// the bytes, or with null if the browser cannot.
// (Comment lines are stripped from the build.)
export function deflate(text, done) {
  try {
    const packed = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate'));
    new Response(packed).arrayBuffer().then(
      (b) => done(new Uint8Array(b)),
      () => done(null),
    );
  } catch {
    done(null);
  }
}
