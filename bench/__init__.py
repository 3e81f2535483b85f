"""``make bench``: the package's pages, submissions, results and exports
measured side by side with plain Wagtail and Django baselines
(docs/development.md, "Benchmarks")."""
