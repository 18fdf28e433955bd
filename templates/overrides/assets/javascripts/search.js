// Site search with Pagefind (hooks/search.py writes the index into pagefind/ after the build).
// Nothing is fetched until a reader opens search; then Pagefind's UI and WebAssembly, each index's
// small metadata file, and only the index chunks and excerpts that the query needs.
(() => {
  "use strict";
  const dialog = document.getElementById("__pagefind");
  const opener = document.querySelector("[data-search-open]");
  const mount = document.getElementById("__pagefind-ui");
  if (!dialog || !opener || !mount || typeof dialog.showModal !== "function") return;
  // Resolve the site's root once, from this page (the header would stay across instant navigation).
  const root = new URL(dialog.dataset.siteRoot, location.href);
  const bundle = new URL("pagefind/", root);
  let ready = null;

  const load = (tag, attributes) =>
    new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.append(element);
    });

  const start = () =>
    (ready ??= Promise.all([
      fetch(new URL("shards.json", bundle)).then((response) => (response.ok ? response.json() : [])),
      load("link", { rel: "stylesheet", href: new URL("pagefind-ui.css", bundle).href }),
      load("script", { src: new URL("pagefind-ui.js", bundle).href }),
    ])
      .then(([shards]) => {
        // eslint-disable-next-line no-undef -- defined by pagefind-ui.js
        new PagefindUI({
          element: mount,
          bundlePath: bundle.pathname,
          baseUrl: root.pathname,
          mergeIndex: shards.map((shard) => ({ bundlePath: new URL(shard, bundle).pathname })),
          showSubResults: true,
          // A story's pages share titles ("Quotes", "Key figures"): name the story, from its address.
          processResult: (result) => {
            const [story, ...rest] = result.url.slice(root.pathname.length).split("/").filter(Boolean);
            if (story && rest.length) result.meta.title = `${result.meta.title} · ${story.replaceAll("-", " ")}`;
            return result;
          },
          showImages: false,
          resetStyles: false,
          autofocus: true,
        });
      })
      .catch(() => {
        mount.textContent = "Search is not available: this copy of the site has no search index (make site builds it).";
      }));

  const open = () => {
    if (!dialog.open) dialog.showModal();
    start().then(() => mount.querySelector("input")?.focus());
  };

  opener.hidden = false;
  opener.addEventListener("click", open);
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing =
      target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !dialog.open && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
  // A click on the backdrop, or on a result (before its page loads), closes search.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest("a[href]")) dialog.close();
  });
})();
