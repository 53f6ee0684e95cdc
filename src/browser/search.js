// Search's browser side: Pagefind's runtime (its pagefind.js, built into the
// site's /pagefind/ folder by `make build`) is imported the first time a
// reader searches, never at startup. Results go back to Rust as JSON text,
// which serde reads (models/search.rs): nothing here touches the page.
let engine = null;

function loadEngine(bundle) {
  if (!engine) {
    engine = import(`${bundle}pagefind.js`).then(async (pagefind) => {
      await pagefind.init();
      try {
        // Throws when the index's metadata or the engine's wasm did not load
        // (init itself does not say).
        await pagefind.filters();
      } catch (error) {
        await forget(pagefind);
        throw error;
      }
      return pagefind;
    });
    // A failed load (offline, no index on the server) is tried again on the
    // next search.
    engine.catch(() => {
      engine = null;
    });
  }
  return engine;
}

// Drops Pagefind's instance, so the next search starts it afresh: the module
// stays cached by the browser, and an instance whose load failed stays
// broken.
async function forget(pagefind) {
  engine = null;
  await pagefind.destroy().catch(() => {});
}

export async function loadSearch(bundle) {
  await loadEngine(bundle);
}

// One page of results: `offset` and `limit` count results; only their
// fragments are downloaded. `category` is the filter value the prerendered
// post declares (its category's address), or null.
export async function runSearch(bundle, words, category, offset, limit) {
  const pagefind = await loadEngine(bundle);
  let search;
  try {
    search = await pagefind.search(words, category ? { filters: { category } } : {});
  } catch (error) {
    await forget(pagefind);
    throw error;
  }
  const results = search?.results ?? [];
  const hits = await Promise.all(results.slice(offset, offset + limit).map((result) => result.data()));
  return JSON.stringify({
    total: results.length,
    hits: hits.map((hit) => ({
      url: hit.raw_url ?? hit.url,
      content: hit.content,
      meta: hit.meta,
      locations: hit.locations,
      anchors: hit.anchors,
    })),
  });
}
