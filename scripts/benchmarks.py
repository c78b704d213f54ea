#!/usr/bin/env python3
"""Writes the tables of docs/benchmarks.md, or checks that the page has the tables this script writes.

    scripts/benchmarks.py [--section NAME ...] [--build-dir DIR]
    scripts/benchmarks.py --check [--page FILE]

Without --check: configures and builds the benchmarks the chosen sections need (every section by
default) with g++ 12 in DIR/gcc12-bench and clang++ 19 in DIR/clang19-bench (DIR defaults to
build; RelWithDebInfo, that is -O2 -g, the benchmarks only), runs them one after the other and
replaces each table of the page between its markers <!-- table:NAME --> and <!-- /table:NAME -->.
A table whose columns or rows are not those the page expects is an error, and the page is left as
it was. The tables come from the project's tools:

    runtime       ctbpf_filters_bench (5 repetitions, random interleaving) and scripts/bench-table.py --targets
    instructions  scripts/bench-callgrind.py --ratios per compiler, and its per-BPF-instruction tables (g++ 12)
    optimizer     ctbpf_optimizer_sizes
    compile-time  scripts/measure-compile-time.sh
    seccomp       ctbpf_seccomp_bench 41 100000

With --check nothing is built or run: the page must hold exactly the tables of every section, in
this script's order, each section's regenerate command, and for each table the header row and the
row names this script would write (the filters of bench/filter_expressions.hpp, the expressions of
ctbpf_optimizer_sizes, the rows of measure-compile-time.sh ...). CTest runs it as docs.benchmarks.
--page checks or writes another file than docs/benchmarks.md; --root names the source tree.
"""
import argparse
import contextlib
import importlib.util
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # importing the sibling scripts leaves no __pycache__ in scripts/

COMPILERS = [  # build directory name, label in the tables, compiler
    ("gcc12", "g++ 12", "g++-12"),
    ("clang19", "clang++ 19", "clang++-19"),
]
# The engines bench-table.py --targets compares; the timed run measures only these.
RUNTIME_ENGINES = ["libpcap_bpf_filter", "hand_written", "ctbpf_run_verified_libpcap_image",
                   "ctbpf_run_decoded_libpcap_image", "ctbpf_run_decoded_dsl_image",
                   "ctbpf_native_dsl_image", "ctbpf_native_libpcap_image"]
SECCOMP_ROUNDS, SECCOMP_CALLS = 41, 100000

# section -> its tables, in the page's order
SECTIONS = {
    "runtime": ["runtime-summary", "runtime-gcc12", "runtime-clang19"],
    "instructions": ["instructions-gcc12", "instructions-clang19", "bpf-cost", "bpf-cost-model"],
    "optimizer": ["optimizer-sizes"],
    "compile-time": ["compile-time"],
    "seccomp": ["seccomp-sizes", "seccomp-overhead"],
}
# what each section builds (in every compiler's directory, or in g++ 12's only)
TARGETS = {"runtime": (["ctbpf_filters_bench"], "all"), "instructions": (["ctbpf_filters_bench"], "all"),
           "optimizer": (["ctbpf_optimizer_sizes"], "gcc12"), "seccomp": (["ctbpf_seccomp_bench"], "gcc12")}


class Project:
    """The source tree: its scripts (imported, not copied) and the lists the tables' rows come from."""

    def __init__(self, root):
        self.root = root
        self.bench_table = self._load("bench-table.py")
        self.bench_callgrind = self._load("bench-callgrind.py")

    def _load(self, name):
        path = self.root / "scripts" / name
        if not path.exists():
            sys.exit(f"{path}: not found (--root names the source tree)")
        spec = importlib.util.spec_from_file_location(name.replace("-", "_").removesuffix(".py"), path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def read(self, relative):
        return (self.root / relative).read_text()

    def filters(self):
        """The benchmark's filters, in its order (bench/filter_expressions.hpp)."""
        return re.findall(r'\{"(\w+)", ', self.read("bench/filter_expressions.hpp"))

    def optimizer_expressions(self):
        """The rows ctbpf_optimizer_sizes prints: tests/cases/tcpdump_expressions.hpp, the extra
        expressions of bench/optimizer_sizes.cpp, then the 50-port expression, as the tool shortens them."""
        listed = re.search(r"tcpdump_expressions\[\] = \{(.*?)\};",
                           self.read("tests/cases/tcpdump_expressions.hpp"), re.S)
        extra = re.search(r"for \(const char\* e : \{(.*?)\}\)", self.read("bench/optimizer_sizes.cpp"), re.S)
        literal = r'"((?:[^"\\]|\\.)*)"'
        expressions = [bytes(s, "ascii").decode("unicode_escape")
                       for block in (listed.group(1), extra.group(1)) for s in re.findall(literal, block)]
        expressions.append(" or ".join(f"tcp port {p}" for p in range(1, 51)))
        return ["`" + (e if len(e) <= 60 else e[:57] + "...").replace("|", "/") + "`" for e in expressions]

    def compile_time_rows(self):
        """The first column of measure-compile-time.sh's table: each program kind once per size."""
        script = self.read("scripts/measure-compile-time.sh")
        kinds = re.search(r"\$\{CTBPF_MEASURE_WHAT:-([^}]*)\}", script).group(1).split()
        sizes = re.search(r"\$\{CTBPF_MEASURE_SIZES:-([^}]*)\}", script).group(1).split()
        return [k for k in kinds for _ in sizes]

    def compile_time_header(self):
        """The header row measure-compile-time.sh echoes."""
        script = self.read("scripts/measure-compile-time.sh")
        return re.search(r'^echo "(\| compiled \|.*\|)"$', script, re.M).group(1)


# ---- tables as text, and their shapes

def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def shape(text):
    """(header cells, first cell of each row) of the first Markdown table in text."""
    table = []
    for line in text.splitlines():
        if line.startswith("|"):
            table.append(line)
        elif table:
            break
    if not table:
        return None, []
    return cells(table[0]), [cells(line)[0] for line in table[2:]]


def shape_problems(name, content, shapes):
    """What differs between a table and the shape the script writes for it."""
    header, rows = shape(content)
    want_header, want_rows = shapes[name]
    problems = []
    if header != want_header:
        problems.append(f"{name}: header {header}, expected {want_header}")
    if want_rows is not None and rows != want_rows:
        missing = [r for r in want_rows if r not in rows]
        extra = [r for r in rows if r not in want_rows]
        problems.append(f"{name}: rows differ (missing {missing}, unexpected {extra}, or out of order)")
    return problems


def printed(function, *args):
    """What a function of the sibling scripts prints, as text."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        function(*args)
    return out.getvalue()


def tables_of(text):
    """The Markdown tables of a tool's output, each with the lines that follow it up to the next table."""
    parts, current = [], []
    for line in text.strip().splitlines():
        if line.startswith("|") and current and not current[-1].startswith("|"):
            parts.append("\n".join(current).strip())
            current = []
        current.append(line)
    parts.append("\n".join(current).strip())
    return [p for p in parts if p.startswith("|")]


# ---- renderings shared by the run and by --check (which feeds them made-up inputs)

def runtime_table(project, times):
    """bench-table.py --targets of one compiler's timings ({(filter, engine): ns})."""
    return printed(project.bench_table.print_targets, times, project.filters()).strip()


def runtime_summary(per_compiler):
    """One row per compared engine: geometric mean and worst filter of each compiler's --targets table."""
    parsed = {}
    for label, text in per_compiler.items():
        lines = [cells(ln) for ln in text.splitlines() if ln.startswith("|")]
        parsed[label] = (lines[0][3:], {row[0]: row for row in lines[2:]})
    titles = next(iter(parsed.values()))[0]
    if any(t != titles for t, _ in parsed.values()):
        sys.exit("runtime: the compilers' runs measured different engines")
    out = ["| engine | " + " | ".join(f"{label}: geomean | {label}: worst" for label in parsed) + " |",
           "|---" * (1 + 2 * len(parsed)) + "|"]
    for i, title in enumerate(titles):
        row = []
        for _, rows in parsed.values():
            row += [rows["geometric mean"][3 + i].strip("*"), rows["worst"][3 + i]]
        out.append(f"| {title} | " + " | ".join(row) + " |")
    return "\n".join(out)


def callgrind_ratios(project, label, bench):
    """bench-callgrind.py --ratios for one build: its table and the ratios under it."""
    text = printed(project.bench_callgrind.ratios_main, [f"{label}={bench}"])
    return "\n".join(ln for ln in text.strip().splitlines() if not ln.startswith("####")).strip()


def callgrind_per_bpf(project, bench):
    """bench-callgrind.py's second and third tables: host instructions per executed BPF instruction."""
    return tables_of(printed(project.bench_callgrind.main, bench))[1:3]


@contextlib.contextmanager
def made_up_counts(project):
    """bench-callgrind.py with made-up counts instead of valgrind, to learn its tables' shapes."""
    module = project.bench_callgrind
    saved = module.instructions, module.executed
    module.instructions = lambda bench, filt, engine: 8.0 if engine == "harness" else 20.0 + len(filt)
    module.executed = lambda bench: {f: (2.0 + i, 3.0 + i) for i, f in enumerate(module.FILTERS)}
    try:
        yield
    finally:
        module.instructions, module.executed = saved


def expected_shapes(project):
    """table name -> (header cells, row names or None where the rows are not fixed)."""
    fake_times = {(f, e): 1.0 + i for i, f in enumerate(project.filters()) for e in RUNTIME_ENGINES}
    runtime = {label: runtime_table(project, fake_times) for _, label, _ in COMPILERS}
    with made_up_counts(project):
        ratios = {name: callgrind_ratios(project, label, "bench") for name, label, _ in COMPILERS}
        per_bpf, model = callgrind_per_bpf(project, "bench")
    shapes = {"runtime-summary": shape(runtime_summary(runtime))}
    for name, label, _ in COMPILERS:
        shapes[f"runtime-{name}"] = shape(runtime[label])
        shapes[f"instructions-{name}"] = shape(ratios[name])
    shapes["bpf-cost"] = shape(per_bpf)
    shapes["bpf-cost-model"] = shape(model)
    shapes["optimizer-sizes"] = (
        ["expression", "libpcap -O", "libpcap unoptimized", "ctbpf::optimize of it", "executed/frame libpcap -O",
         "executed/frame ctbpf", "verdicts differ"], project.optimizer_expressions())
    shapes["compile-time"] = (cells(project.compile_time_header()), project.compile_time_rows())
    shapes["seccomp-sizes"] = (
        ["policy", "program", "instructions", "executed, average over nr 0-466", "executed, worst"],
        ["P1"] * 3 + ["P2"] * 3)
    shapes["seccomp-overhead"] = (
        ["system call", "program", "BPF instructions executed",
         f"ns per call (median of {SECCOMP_ROUNDS} rounds of {SECCOMP_CALLS})",
         "overhead over a 1-instruction allow filter (ns)"],
        ["ioctl(-1, FIONREAD) (argument rule)"] * 4 + ["getpid() (cached allow)"] * 4)
    if project.bench_callgrind.FILTERS != project.filters():
        sys.exit("scripts/bench-callgrind.py's FILTERS are not bench/filter_expressions.hpp's filters")
    return shapes


# ---- the page

MARKER = re.compile(r"^<!-- (/?)table:([\w-]+) -->$", re.M)  # a marker is a line of its own


def page_tables(text):
    """[(name, content)] of the page's marked tables, in order; exits on unbalanced markers."""
    found, open_name, start = [], None, 0
    for m in MARKER.finditer(text):
        closing, name = m.group(1) == "/", m.group(2)
        if not closing and open_name is None:
            open_name, start = name, m.end()
        elif closing and name == open_name:
            found.append((name, text[start:m.start()].strip()))
            open_name = None
        else:
            sys.exit(f"unbalanced table markers at {m.group(0)}")
    if open_name:
        sys.exit(f"<!-- table:{open_name} --> is never closed")
    return found


def check(project, page):
    text = page.read_text()
    problems = []
    expected = [t for tables in SECTIONS.values() for t in tables]
    found = page_tables(text)
    if [n for n, _ in found] != expected:
        problems.append(f"tables {[n for n, _ in found]}, expected {expected}")
    for section in SECTIONS:
        if f"`scripts/benchmarks.py --section {section}`" not in text:
            problems.append(f"section {section}: no line with `scripts/benchmarks.py --section {section}`")
    for other in set(re.findall(r"benchmarks\.py --section ([\w-]+)", text)) - set(SECTIONS):
        problems.append(f"--section {other}: no such section")
    shapes = expected_shapes(project)
    for name, content in found:
        if name not in shapes:
            continue
        problems += shape_problems(name, content, shapes)
    for p in problems:
        print(f"{page}: {p}", file=sys.stderr)
    if not problems:
        print(f"{page}: {len(found)} tables in {len(SECTIONS)} sections, as scripts/benchmarks.py writes them")
    return 1 if problems else 0


def in_order(table, want_rows):
    """The table with its rows in the order the page keeps them (a benchmark run with random
    interleaving prints them in the order it ran them), when it has exactly those rows."""
    lines = table.strip().splitlines()
    body = [i for i, line in enumerate(lines) if line.startswith("|")][2:]
    if want_rows is None or not body:
        return table
    rows = {cells(lines[i])[0]: lines[i] for i in body}
    if sorted(rows) != sorted(want_rows) or len(rows) != len(body):
        return table
    first, last = body[0], body[-1]
    return "\n".join(lines[:first] + [rows[r] for r in want_rows] + lines[last + 1:]) + "\n"


def replace_tables(page, tables, shapes):
    text = page.read_text()
    for name, table in tables.items():
        table = in_order(table, shapes[name][1])
        problems = shape_problems(name, table, shapes)
        if problems:
            sys.exit("\n".join(problems) + f"\n{name}: the tool printed\n{table}\nnothing written")
        pattern = re.compile(rf"(<!-- table:{re.escape(name)} -->\n).*?(\n<!-- /table:{re.escape(name)} -->)", re.S)
        if not pattern.search(text):
            sys.exit(f"{page}: no markers for table {name}")
        text = pattern.sub(lambda m: m.group(1) + table.strip() + m.group(2), text)
    page.write_text(text)
    print(f"{page}: rewrote {', '.join(tables)}")


# ---- building and running

def run(command, **kwargs):
    print("+", " ".join(str(c) for c in command), file=sys.stderr, flush=True)
    return subprocess.run([str(c) for c in command], check=True, **kwargs)


def build(project, build_dir, sections):
    """Configures and builds what the sections need; returns {compiler name: its bench/ directory}."""
    benches = {}
    for name, _, cxx in COMPILERS:
        targets = sorted({t for s in sections if s in TARGETS for t in TARGETS[s][0]
                          if TARGETS[s][1] in ("all", name)})
        if not targets:
            continue
        directory = build_dir / f"{name}-bench"
        run(["cmake", "-S", project.root, "-B", directory, "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
             f"-DCMAKE_CXX_COMPILER={cxx}", "-DCTBPF_BUILD_BENCH=ON", "-DCTBPF_BUILD_TESTS=OFF",
             "-DCTBPF_BUILD_EXAMPLES=OFF", "-DCTBPF_BUILD_TOOLS=OFF"], stdout=subprocess.DEVNULL)
        run(["cmake", "--build", directory, "--target", *targets])
        benches[name] = directory / "bench"
    return benches


def measure_runtime(project, benches, scratch):
    per_compiler, tables = {}, {}
    engines = "/(" + "|".join(RUNTIME_ENGINES) + ")"
    for name, label, _ in COMPILERS:
        out = scratch / f"{name}.json"
        run([benches[name] / "ctbpf_filters_bench", f"--benchmark_filter={engines}", "--benchmark_repetitions=5",
             "--benchmark_enable_random_interleaving=true", "--benchmark_report_aggregates_only=true",
             f"--benchmark_out={out}", "--benchmark_out_format=json"], stdout=subprocess.DEVNULL)
        per_compiler[label] = printed(project.bench_table.main, str(out), True).strip()
        tables[f"runtime-{name}"] = per_compiler[label]
    tables["runtime-summary"] = runtime_summary(per_compiler)
    return tables


def measure_instructions(project, benches, scratch):
    tables = {}
    for name, label, _ in COMPILERS:
        tables[f"instructions-{name}"] = callgrind_ratios(project, label, str(benches[name] / "ctbpf_filters_bench"))
    tables["bpf-cost"], tables["bpf-cost-model"] = callgrind_per_bpf(
        project, str(benches["gcc12"] / "ctbpf_filters_bench"))
    return tables


def measure_optimizer(project, benches, scratch):
    out = run([benches["gcc12"] / "ctbpf_optimizer_sizes"], capture_output=True, text=True).stdout
    return {"optimizer-sizes": out.strip()}


def measure_compile_time(project, benches, scratch):
    out = run([project.root / "scripts" / "measure-compile-time.sh"], capture_output=True, text=True).stdout
    return {"compile-time": out.strip()}


def measure_seccomp(project, benches, scratch):
    out = run([benches["gcc12"] / "ctbpf_seccomp_bench", SECCOMP_ROUNDS, SECCOMP_CALLS],
              capture_output=True, text=True).stdout
    sizes, overhead = tables_of(out)
    return {"seccomp-sizes": sizes, "seccomp-overhead": overhead}


MEASURE = {"runtime": measure_runtime, "instructions": measure_instructions, "optimizer": measure_optimizer,
           "compile-time": measure_compile_time, "seccomp": measure_seccomp}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--section", action="append", choices=list(SECTIONS),
                        help="regenerate this section only (repeatable; default: all)")
    parser.add_argument("--build-dir", type=Path, default=None,
                        help="where the benchmark builds go, DIR/gcc12-bench and DIR/clang19-bench (default: build)")
    parser.add_argument("--check", action="store_true", help="check the page's tables' shapes; build and run nothing")
    parser.add_argument("--page", type=Path, default=None, help="the page (default: docs/benchmarks.md)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the source tree (default: the directory above scripts/)")
    args = parser.parse_args()
    project = Project(args.root.resolve())
    page = args.page or project.root / "docs" / "benchmarks.md"
    if args.check:
        return check(project, page)
    sections = args.section or list(SECTIONS)
    shapes = expected_shapes(project)
    benches = build(project, (args.build_dir or project.root / "build").resolve(), sections)
    tables = {}
    with tempfile.TemporaryDirectory() as scratch:
        for section in sections:  # one after the other: nothing else runs while a section measures
            tables.update(MEASURE[section](project, benches, Path(scratch)))
    replace_tables(page, tables, shapes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
