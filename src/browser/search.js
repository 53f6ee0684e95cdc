// Search's browser side: Pagefind's runtime (its pagefind.js, built into the
// site's /pagefind/ folder by `make build`) is imported the first time a
// reader searches, never at startup. Results go back to Rust as JSON text,
// which serde reads (models/search.rs): nothing here touches the page.
let engine = null;

function loadEngine(bundle) {
  if (!engine) {
    engine = import(`${bundle}pagefind.js`).then(async (pagefind) => {
      await pagefind.init();
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

export async function loadSearch(bundle) {
  await loadEngine(bundle);
}

// One page of results: `offset` and `limit` count results; only their
// fragments are downloaded. `category` is the filter value the prerendered
// post declares (its category's address), or null.
export async function runSearch(bundle, words, category, offset, limit) {
  const pagefind = await loadEngine(bundle);
  const search = await pagefind.search(words, category ? { filters: { category } } : {});
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
