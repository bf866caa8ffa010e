"""Runs every notebook in notebooks/ top to bottom on the Eddy kernel with nbclient (run by NotebooksIT), twice in
the same kernel, as a student's second "Run All" does; and checks how the tutorials are laid out for students.

A notebook that needs a Kafka broker says so in its metadata ("eddy": {"requires": ["kafka"]}); only its kernel
gets EDDY_KAFKA_BOOTSTRAP (NotebooksIT starts a real broker and sets it), so the others provably run without one.
A notebook that needs Spark ("requires": ["spark"]) runs only where EDDY_SPARK_URL is set: engine-spark's
KernelOnSparkIT runs it on a kernel installed with the Spark engine, against a real Spark Connect server.
EDDY_NOTEBOOKS (file names, comma-separated) runs only those notebooks. Each notebook runs in a fresh kernel of its
own, EDDY_NOTEBOOK_WORKERS (default 3) at a time, the longest first; each run prints its time, the wait for the
kernel's first cell and its slowest cells.
A notebook that can use a PostgreSQL database says "eddy": {"uses": ["postgres"]}; its kernel gets EDDY_POSTGRES_URL,
_USER and _PASSWORD when they are set (NotebooksIT starts a real server), and then one of its outputs must say
"serving layer in PostgreSQL" (the notebook took its database path, not the one without a database).
"""
import datetime
import glob
import json
import multiprocessing
import os
import re
import time
import unittest
from concurrent.futures import ProcessPoolExecutor

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")
SETUP_FILE = os.path.join(NOTEBOOKS, "tutorial-setup.jsh")
CELL_TIMEOUT_S = 120
# notebooks run at once, each in its own kernel (they share nothing: embedded topics live in the kernel's JVM, Kafka
# topic names are new on every run, 10 and 11 use different database tables)
WORKERS = int(os.environ.get("EDDY_NOTEBOOK_WORKERS", "3"))
MAX_LINE = 100
KAFKA_ENV = "EDDY_KAFKA_BOOTSTRAP"
SPARK_ENV = "EDDY_SPARK_URL"
POSTGRES_ENV = ("EDDY_POSTGRES_URL", "EDDY_POSTGRES_USER", "EDDY_POSTGRES_PASSWORD")
POSTGRES_MARK = "serving layer in PostgreSQL"
# NotebooksIT installs the kernel a second time on the machine's second JDK where there is one: every other notebook
# (in name order) runs on it, so both JDKs run the course without it taking longer
SECOND_JDK_PATH = os.environ.get("EDDY_SECOND_JDK_JUPYTER_PATH")
SECOND_JDK_NAME = os.environ.get("EDDY_SECOND_JDK_NAME", "the second JDK")
DEFAULT_JUPYTER_PATH = os.environ.get("JUPYTER_PATH")

# What a second "Run All" in the same kernel must show again: every code cell's outputs, compared after the
# normalisations below, which take out only what differs between any two runs, even in fresh kernels (wall-clock
# times, rates, random ids, ports, temporary paths, table padding) and a live view's first rows and status line
# (how far its query got when it was first shown; nbclient keeps no later update). A cell tagged RERUN_TAG may
# differ: the notebook says why next to it. Names a notebook makes new on every run (07's topics on a shared broker)
# match the regular expression in its metadata's "eddy": {"per_run": ...} and are compared as <per run>.
RERUN_TAG = "differs-on-rerun"
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
_RUN_ID = re.compile(r"\b(run |run=|run: )[0-9a-f]{8}\b")
_ISO = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")
_RATE = re.compile(r"(-?\d+(?:\.\d+)?(?:E-?\d+)?)( rows/s)|(RowsPerSecond[=\"': ]+)(-?\d+(?:\.\d+)?(?:E-?\d+)?)")
_PORT = re.compile(r"\b(127\.0\.0\.1|localhost):\d+")
_TMP = re.compile(r"/tmp/[\w.-]+")
_CREATED = re.compile(r"\b(Created|Replaced) (stream|table|view) ")
VOLATILE_COLUMNS = {"last_batch", "input_rows_per_s", "processed_rows_per_s", "run"}  # how far a query got
_LIVE = re.compile(r'<div class="eddy-live" data-query="([^"]*)">.*?<thead>(.*?)</thead>', re.S)
VEGA_LITE = "application/vnd.vegalite.v5+json"


def _now_stamps(text, now):
    def repl(m):
        t = datetime.datetime.fromisoformat(m.group(0).replace("Z", "+00:00")).timestamp()
        return "<now>" if abs(t - now) < 86400 else m.group(0)
    return _ISO.sub(repl, text)


def _blank_columns(text):
    """In text/plain tables, the cells of VOLATILE_COLUMNS become ~."""
    out, cols = [], None
    for line in text.split("\n"):
        cells = line.split("|")
        names = [c.strip() for c in cells]
        if VOLATILE_COLUMNS & set(names):
            cols = {i for i, n in enumerate(names) if n in VOLATILE_COLUMNS}
            width = len(cells)
        elif cols and len(cells) == width:
            line = "|".join("~" if i in cols else c for i, c in enumerate(cells))
        out.append(line)
    return "\n".join(out)


def normalized(text, now, per_run=None):
    if per_run:
        text = re.sub(per_run, "<per run>", text)
    text = _UUID.sub("<uuid>", text)
    text = _RUN_ID.sub(r"\1<id>", text)
    text = _now_stamps(text, now)
    text = _RATE.sub(lambda m: ("~" + m.group(2)) if m.group(2) else (m.group(3) + "~"), text)
    text = _PORT.sub(r"\1:<port>", text)
    text = _TMP.sub("<tmp>", text)
    text = _CREATED.sub(r"Created or replaced \2 ", text)
    text = _blank_columns(text)
    # a table's padding and rules follow its widest cell
    return re.sub(r"-{3,}", "---", re.sub(r"[ \t]+", " ", text))


def output_view(o, now, live_chart=False, per_run=None):
    """What of one output must be the same on every run; live_chart: it is the chart of a live view; per_run: a
    regular expression for names the notebook makes new on every run."""
    if o.get("output_type") == "stream":
        return (o["name"], normalized(o.get("text", ""), now, per_run))
    if o.get("output_type") == "error":
        return ("error", o.get("ename"), normalized(o.get("evalue", ""), now, per_run))
    data = o.get("data", {})
    live = _LIVE.search(data.get("text/html", ""))
    if live:  # a live view as first shown: its rows and status depend on how far the query got
        return ("live view", live.group(1), re.sub(r"\s*style=\"[^\"]*\"", "", live.group(2)))
    shown = {}
    if live_chart and VEGA_LITE in data:  # the chart of a live view: its data is as far as the query got
        data = {VEGA_LITE: {k: v for k, v in data[VEGA_LITE].items() if k != "data"}}
    for mime, value in data.items():
        if mime in ("image/png", "text/html") and ("text/plain" in data):
            continue  # the picture and the HTML table show what text/plain and the spec hold
        shown[mime] = normalized(value if isinstance(value, str) else json.dumps(value, sort_keys=True), now, per_run)
    return (o.get("output_type"), shown)


def outputs_by_cell(nb, now):
    """Per code cell: None for a cell tagged RERUN_TAG, else its outputs as output_view shows them."""
    per_run = nb.metadata.get("eddy", {}).get("per_run")
    cells = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        if RERUN_TAG in c.metadata.get("tags", []):
            cells.append(None)
            continue
        views = []
        for o in c.get("outputs", []):
            live_chart = bool(views) and views[-1][0] == "live view"
            views.append(output_view(o, now, live_chart, per_run))
        cells.append(views)
    return cells


def rerun_differences(first, second):
    """What the second run showed differently from the first, cell by cell (code cells numbered from 0)."""
    diffs = []
    for i, (a, b) in enumerate(zip(first, second)):
        if a != b:
            diffs.append("code cell %d: first run %s, second run %s" % (i, json.dumps(a)[:600], json.dumps(b)[:600]))
    return diffs


def notebook_paths():
    return sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))


def notebooks_to_run():
    only = [n.strip() for n in os.environ.get("EDDY_NOTEBOOKS", "").split(",") if n.strip()]
    return [p for p in notebook_paths() if not only or os.path.basename(p) in only]


def requirements(nb):
    return nb.metadata.get("eddy", {}).get("requires", [])


def uses_postgres(nb):
    return "postgres" in nb.metadata.get("eddy", {}).get("uses", []) and bool(os.environ.get(POSTGRES_ENV[0]))


def kernel_env(nb):
    """The kernel's environment: ours, with the broker's address only for a notebook that needs Kafka, Spark's URL
    only for one that needs Spark, and the database's only for one that uses PostgreSQL."""
    env = {k: v for k, v in os.environ.items() if k not in (KAFKA_ENV, SPARK_ENV) and k not in POSTGRES_ENV}
    for need, var in (("kafka", KAFKA_ENV), ("spark", SPARK_ENV)):
        if need in requirements(nb):
            env[var] = os.environ[var]
    if uses_postgres(nb):
        env.update({k: os.environ[k] for k in POSTGRES_ENV if k in os.environ})
    return env


def _seconds(iso):
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def timing(nb, started):
    """Where a run's time went, from nbclient's cell timestamps: the wait before the first cell (a fresh kernel's
    start) and the three slowest cells, e.g. "first cell after 3.1 s; slowest: cell 7 2.0 s, ...". """
    spans = []
    for i, c in enumerate(c for c in nb.cells if c.cell_type == "code"):
        e = c.metadata.get("execution", {})
        if "iopub.status.busy" in e and "shell.execute_reply" in e:
            spans.append((_seconds(e["shell.execute_reply"]) - _seconds(e["iopub.status.busy"]), i,
                          _seconds(e["iopub.status.busy"])))
    if not spans:
        return "no cell timings"
    first = min(s[2] for s in spans) - started
    slowest = ", ".join("cell %d %.1f s" % (i, d) for d, i, _ in sorted(spans, reverse=True)[:3])
    return "first cell after %.1f s, cells %.1f s; slowest: %s" % (first, sum(s[0] for s in spans), slowest)


def output_text(nb):
    texts = []
    for c in nb.cells:
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            texts.append(o.get("text", ""))
            texts.extend(str(v) for v in o.get("data", {}).values())
    return "\n".join(texts)


def code_size(path):
    return sum(len(c.source) for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")


def cell_failure(nb):
    """None when every code cell ran without an error output, else what went wrong."""
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    not_run = [i for i, c in enumerate(code_cells) if not c.get("execution_count")]
    errors = [o for c in code_cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if not_run or errors:
        return "code cells not run: %s; errors: %s" % (not_run, errors)
    return None


def run_twice(path, on_second_jdk=False):
    """Runs the notebook top to bottom in a fresh kernel, then again in the same kernel, as a student's second
    "Run All" does (in a worker process; on_second_jdk: on the kernel installed with the second JDK). Returns the
    lines to report and the first failure (None: it passed)."""
    nb = nbformat.read(path, as_version=4)
    name = os.path.basename(path)
    lines = []
    # the worker's own environment: where jupyter_client finds the "eddy" kernelspec for this run
    jupyter_path = SECOND_JDK_PATH if on_second_jdk else DEFAULT_JUPYTER_PATH
    if jupyter_path is not None:
        os.environ["JUPYTER_PATH"] = jupyter_path
    jdk = " on " + SECOND_JDK_NAME if on_second_jdk else ""
    client = NotebookClient(nb, kernel_name="eddy", timeout=CELL_TIMEOUT_S, startup_timeout=60,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    try:
        started, wall = time.monotonic(), time.time()
        # raises CellExecutionError on the first failing cell; the kernel stays up for the second run
        client.execute(env=kernel_env(nb), cleanup_kc=False)
        failure = cell_failure(nb)
        if failure:
            return lines, name + ": " + failure
        lines.append("%s ran in %.1f s%s (%s)" % (name, time.monotonic() - started, jdk, timing(nb, wall)))
        if uses_postgres(nb):
            if POSTGRES_MARK not in output_text(nb):
                return lines, name + " did not use its database"
            lines.append("%s used PostgreSQL" % name)
        first = outputs_by_cell(nb, wall)
        again, wall = time.monotonic(), time.time()
        client.execute()  # "Run All" again in the same kernel, which it then shuts down
        failure = cell_failure(nb)
        if failure:
            return lines, name + " (run again): " + failure
        diffs = rerun_differences(first, outputs_by_cell(nb, wall))
        if diffs:
            return lines, name + " showed other outputs when run again:\n" + "\n".join(diffs)
        lines.append("%s ran again in the same kernel in %.1f s%s (%s)"
                     % (name, time.monotonic() - again, jdk, timing(nb, wall)))
        return lines, None
    except Exception as e:  # a CellExecutionError names the cell and its error
        return lines, "%s: %s: %s" % (name, type(e).__name__, e)
    finally:
        if client.kc is not None:
            client._cleanup_kernel()  # a failed run leaves no kernel behind


class NotebookTests(unittest.TestCase):
    def test_every_notebook_runs_without_errors(self):
        paths = notebooks_to_run()
        self.assertTrue(paths, "no notebooks found in " + NOTEBOOKS)
        all_started = time.monotonic()
        runnable = []
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            if "spark" in requirements(nb) and not os.environ.get(SPARK_ENV):
                # not a skip: it runs in engine-spark's KernelOnSparkIT, on a kernel with the Spark engine
                print("%s runs with Spark only (engine-spark's KernelOnSparkIT)" % os.path.basename(path))
                continue
            runnable.append(path)
        # each notebook in a kernel of its own, WORKERS at a time, the longest first
        workers = max(1, min(WORKERS, len(runnable)))
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            runs = {}
            second = {p for i, p in enumerate(runnable) if i % 2 == 1 and SECOND_JDK_PATH}
            for path in sorted(runnable, key=code_size, reverse=True):
                if "kafka" not in requirements(nbformat.read(path, as_version=4)) or os.environ.get(KAFKA_ENV):
                    runs[path] = pool.submit(run_twice, path, path in second)
            for path in runnable:
                with self.subTest(notebook=os.path.basename(path)):
                    if path not in runs:
                        self.skipTest("needs a Kafka broker: set %s (NotebooksIT starts one)" % KAFKA_ENV)
                    lines, failure = runs[path].result()
                    for line in lines:
                        print(line)
                    if failure:
                        self.fail(failure)
        # the course must run in CI in under 10 minutes; NotebooksIT stops the suite after 15
        print("all %d notebooks ran in %.1f s, %d at a time" % (len(runnable), time.monotonic() - all_started,
                                                               workers))

    def test_tutorials_use_the_eddy_kernel_and_end_with_a_runnable_exercise(self):
        for path in notebook_paths():
            name = os.path.basename(path)
            with self.subTest(notebook=name):
                self.assertRegex(name, r"^\d\d-[a-z0-9-]+\.ipynb$")
                nb = nbformat.read(path, as_version=4)
                self.assertEqual("eddy", nb.metadata["kernelspec"]["name"])
                markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
                self.assertTrue(re.search(r"^## Exercise", markdown, re.M), "no '## Exercise' section")
                solutions = [c for c in nb.cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
                self.assertTrue(solutions, "no code cell tagged 'solution'")

    def test_the_course_is_numbered_from_1_without_gaps(self):
        numbers = [int(os.path.basename(p)[:2]) for p in notebook_paths()]
        self.assertEqual(list(range(1, len(numbers) + 1)), numbers)

    def test_each_tutorial_shows_something_live_and_checks_what_it_tells_the_reader(self):
        for path in notebook_paths():
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
                self.assertTrue(re.search(r"(?m)display\(|^%%sql|^%chart|--chart", code), "no live table or chart")
                self.assertTrue(re.search(r"AssertionError|expect\(", code), "no checks of what the reader is told")
                if "kafka" not in requirements(nb):
                    self.assertNotIn(KAFKA_ENV, code, "uses a broker without declaring it in its metadata")
                if "spark" not in requirements(nb):
                    self.assertNotIn("%engine connect", code, "uses Spark without declaring it in its metadata")


    def test_tutorials_start_with_the_shared_setup_collapsed_and_do_not_repeat_it(self):
        with open(SETUP_FILE) as f:
            setup = f.read().rstrip("\n")
        imports = {l for l in setup.split("\n") if l.startswith("import ")}
        helpers = re.findall(r"(?m)^[\w<>]+ (\w+)\(", setup)
        self.assertEqual(["at", "hm", "rows", "expect"], helpers)
        for path in notebook_paths():
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                code_cells = [c for c in nb.cells if c.cell_type == "code"]
                first = code_cells[0]
                self.assertEqual(setup, first.source, "first code cell differs: run notebooks/tools/tidy.py")
                self.assertEqual(["setup"], first.metadata.get("tags"))
                self.assertTrue(first.metadata.get("jupyter", {}).get("source_hidden"))
                own = "\n".join(c.source for c in code_cells[1:])
                self.assertEqual([], [l for l in own.split("\n") if l.strip() in imports])
                self.assertEqual([], re.findall(r"(?m)^(?:Instant at\(String|String hm\(String|"
                                                r"List<String> rows\(Table t, String\.\.\.|"
                                                r"void expect\(List<String> got, String\.\.\.)", own))

    def test_solutions_are_collapsed_and_the_text_says_how_to_show_them(self):
        for path in notebook_paths():
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                indexed = list(enumerate(nb.cells))
                solutions = [i for i, c in indexed if "solution" in c.metadata.get("tags", [])]
                self.assertTrue(solutions)
                for i in solutions:
                    self.assertTrue(nb.cells[i].metadata.get("jupyter", {}).get("source_hidden"), "cell %d" % i)
                before = "\n".join(c.source for c in nb.cells[:solutions[0]] if c.cell_type == "markdown")
                self.assertIn("Expand All Code", before)

    def test_no_code_line_is_longer_than_100_characters(self):
        for path in notebook_paths():
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                long = [l for c in nb.cells if c.cell_type == "code" for l in c.source.split("\n")
                        if len(l) > MAX_LINE]
                self.assertEqual([], long)
        with open(SETUP_FILE) as f:
            self.assertEqual([], [l for l in f.read().split("\n") if len(l) > MAX_LINE])


if __name__ == "__main__":
    unittest.main()
