"""Markdown tables of bench/scale.py's results (the dict it also writes to
bench/results/scale.json)."""

from __future__ import annotations

MB = 1e6


def seconds(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:,.1f}"


def count(value: int) -> str:
    return f"{value:,}"


def column(size, figures: dict) -> str:
    """A column's heading: the number of resources, or "default (20)" for the content the app ships
    with."""
    return f"default ({figures['resources']})" if int(size) == 0 else count(int(size))


def megabytes(run: dict) -> str:
    if run["stopped"]:
        return "– (stopped)"
    return (
        f"{run['peak_rss_bytes'] / MB:,.0f}" if run["peak_rss_bytes"] else "– (needs /usr/bin/time)"
    )


def build_cell(build: dict, limit: float | None = None) -> str:
    if build["stopped"]:
        return f"> {limit:,.0f} (stopped)"
    return seconds(build["seconds"]) + (
        f" (median of {build['runs']})" if build["runs"] > 1 else ""
    )


def share_cell(ours: dict, mkdocs: dict | None) -> str:
    """Our full build time as a share of MkDocs'; a stopped MkDocs makes it an upper bound."""
    if not mkdocs:
        return "–"
    ratio = ours["seconds"] / mkdocs["seconds"]
    times = mkdocs["seconds"] / ours["seconds"]
    return (
        f"< {ratio:.2f} (MkDocs > {times:.1f}× slower)"
        if mkdocs["stopped"]
        else f"{ratio:.2f} (MkDocs {times:.1f}× slower)"
    )


def ratio_cell(ours: dict, hugo: dict | None) -> str:
    """Our time over Hugo's, measured in turns in the same run: at most 1.0 means no slower."""
    return f"{ours['seconds'] / hugo['seconds']:.2f}" if hugo else "–"


def size_cells(sizes: dict) -> dict:
    """Row label → (figures of one size → cell)."""
    rows = {
        "full build, s": lambda f: build_cell(f["build"]),
        "full build, peak memory, MB": lambda f: megabytes(f["build"]),
        "rebuild after one title change, s": lambda f: build_cell(f["rebuild"]),
        "Hugo 0.111 full build, s": lambda f: (
            build_cell(f["hugo"]["build"]) if "hugo" in f else "–"
        ),
        "Hugo peak memory, MB": lambda f: megabytes(f["hugo"]["build"]) if "hugo" in f else "–",
        "our full build ÷ Hugo's": lambda f: ratio_cell(f["build"], f.get("hugo", {}).get("build")),
        "Hugo rebuild after one title change, s": lambda f: (
            build_cell(f["hugo"]["rebuild"]) if "hugo" in f else "–"
        ),
        "our rebuild ÷ Hugo's": lambda f: ratio_cell(
            f["rebuild"], f.get("hugo", {}).get("rebuild")
        ),
        "MkDocs 1.6.1 build, s": lambda f: (
            build_cell(f["mkdocs"], f["mkdocs_limit"]) if "mkdocs" in f else "–"
        ),
        "MkDocs peak memory, MB": lambda f: megabytes(f["mkdocs"]) if "mkdocs" in f else "–",
        "our build time ÷ MkDocs'": lambda f: share_cell(f["build"], f.get("mkdocs")),
        "output: files (without .gz/.br)": lambda f: count(f["output"]["files"]),
        "output: bytes, raw": lambda f: count(f["output"]["bytes"]),
        "output: bytes, gzip": lambda f: count(f["output"]["gzip_bytes"]),
        "precache: files": lambda f: count(f["precache"]["files"]),
        "precache: bytes, raw": lambda f: count(f["precache"]["bytes"]),
        "precache: bytes, gzip": lambda f: count(f["precache"]["gzip_bytes"]),
    }
    networks = next((list(f["first_visit"]) for f in sizes.values() if "first_visit" in f), [])
    for network in networks:

        def visit(f, n=network):
            return f["first_visit"][n]

        rows.update(
            {
                f"{network}: first contentful paint, ms": lambda f, v=visit: (
                    f"{v(f)['fcp_ms']:,.0f}"
                ),
                f"{network}: ready offline, s": lambda f, v=visit: seconds(
                    v(f)["ready_offline_ms"] / 1000
                ),
                f"{network}: bytes received, page + service worker": lambda f, v=visit: transferred(
                    v(f), f["precache"]
                ),
            }
        )
    return rows


def transferred(visit: dict, precache: dict) -> str:
    """Bytes received (bodies and headers) by the page and by the service worker (sw.js and the
    precache)."""
    page, worker = (visit["bytes"].get(target, 0) for target in ("page", "service worker"))
    page_requests, worker_requests = (
        visit["requests"].get(target, 0) for target in ("page", "service worker")
    )
    return (
        f"{page:,} ({page_requests} files) + {worker:,} ({worker_requests} files, "
        f"{worker / precache['gzip_bytes']:.2f}× precache gzip); all: "
        f"{sum(visit['bytes'].values()):,}"
    )


def first_paint_cell(visit: dict, budget: int) -> str:
    files = visit["first_paint_files"]
    total = sum(file["bytes"] for file in files)
    names = ", ".join(
        file["url"].rsplit("/", 2)[-1] or file["url"].rsplit("/", 2)[-2] + "/" for file in files
    )
    return f"{total:,} {'≤' if total <= budget else '>'} {budget:,} ({names})"


def sizes_table(results: dict, mkdocs_limit: float, budget: int) -> list[str]:
    sizes = {
        size: {**figures, "mkdocs_limit": mkdocs_limit}
        for size, figures in results["sizes"].items()
    }
    rows = size_cells(sizes)
    first_network = next(iter(results["networks"]))
    if any("first_visit" in f for f in sizes.values()):
        rows[f"{first_network}: first-paint payload, bytes on the wire"] = lambda f: (
            first_paint_cell(f["first_visit"][first_network], budget)
        )
    lines = [
        "| resources | " + " | ".join(column(size, f) for size, f in sizes.items()) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for label, cell in rows.items():
        lines.append(f"| {label} | " + " | ".join(cell(f) for f in sizes.values()) + " |")
    errors = [
        f"- {column(size, f)}, {network}: {error}"
        for size, f in sizes.items()
        for network, visit in f.get("first_visit", {}).items()
        for error in visit["errors"]
    ]
    return lines + (["", "Errors seen during the first visits:", *errors] if errors else [])


def lighthouse_table(pages: dict) -> list[str]:
    lines = [
        "| page | "
        + " | ".join(next(iter(pages.values()))["scores"])
        + " | audits that cost points |",
        "|---|" + "---:|" * 4 + "---|",
    ]
    for name, page in pages.items():
        failing = "; ".join(
            f"`{a['id']}` {a['title']} {a['value']}".strip() + f" ({a['score']:.2f})"
            for a in page["failing"]
        )
        lines.append(
            f"| {name} | "
            + " | ".join(str(score) for score in page["scores"].values())
            + f" | {failing or 'none'} |"
        )
    errored = sorted({audit for page in pages.values() for audit in page["errored"]})
    if errored:
        lines += [
            "",
            "Lighthouse could not run these audits (diagnostics, weight 0 in the scores): "
            f"{', '.join(errored)}.",
        ]
    warnings = sorted({warning for page in pages.values() for warning in page["warnings"]})
    return lines + [f"Lighthouse warned: {warning}" for warning in warnings]


def markdown(results: dict, mkdocs_limit: float, budget: int) -> str:
    machine = results["machine"]
    changes = machine["uncommitted_changes"]
    lines = [
        f"Product: commit {machine['commit'][:12]}"
        + (f", with uncommitted changes to {', '.join(changes)}" if changes else ", clean"),
        f"Machine: {machine['cpus']} CPUs ({machine['cpu']}), {machine['memory_bytes'] / 1e9:.1f} "
        f"GB, Python {machine['python']}, Chromium {machine['chromium']}",
        "",
    ]
    if results["sizes"]:
        lines += [
            "## Default and synthetic content",
            "",
            *sizes_table(results, mkdocs_limit, budget),
            "",
        ]
    if results["lighthouse"]:
        version = next(iter(results["lighthouse"].values()))["lighthouse"]
        lines += [
            f"## Lighthouse {version} on the default content (mobile, simulated throttling)",
            "",
            *lighthouse_table(results["lighthouse"]),
            "",
        ]
    return "\n".join(lines)
