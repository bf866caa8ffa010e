"""Runs every notebook in notebooks/ top to bottom on the Eddy kernel with nbclient (run by NotebooksIT).

A notebook that needs a Kafka broker says so in its metadata ("eddy": {"requires": ["kafka"]}); only its kernel
gets EDDY_KAFKA_BOOTSTRAP (NotebooksIT starts a real broker and sets it), so the others provably run without one.
"""
import glob
import os
import re
import time
import unittest

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")
CELL_TIMEOUT_S = 120
KAFKA_ENV = "EDDY_KAFKA_BOOTSTRAP"


def notebook_paths():
    return sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))


def requirements(nb):
    return nb.metadata.get("eddy", {}).get("requires", [])


def kernel_env(nb):
    """The kernel's environment: ours, with the broker's address only for a notebook that needs Kafka."""
    env = {k: v for k, v in os.environ.items() if k != KAFKA_ENV}
    if "kafka" in requirements(nb):
        env[KAFKA_ENV] = os.environ[KAFKA_ENV]
    return env


class NotebookTests(unittest.TestCase):
    def test_every_notebook_runs_without_errors(self):
        paths = notebook_paths()
        self.assertTrue(paths, "no notebooks found in " + NOTEBOOKS)
        all_started = time.monotonic()
        for path in paths:
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                if "kafka" in requirements(nb) and not os.environ.get(KAFKA_ENV):
                    self.skipTest("needs a Kafka broker: set %s (NotebooksIT starts one)" % KAFKA_ENV)
                client = NotebookClient(nb, kernel_name="eddy", timeout=CELL_TIMEOUT_S, startup_timeout=60,
                                        resources={"metadata": {"path": os.path.dirname(path)}})
                started = time.monotonic()
                client.execute(env=kernel_env(nb))  # raises CellExecutionError on the first failing cell
                print("%s ran in %.1f s" % (os.path.basename(path), time.monotonic() - started))
                code_cells = [c for c in nb.cells if c.cell_type == "code"]
                self.assertTrue(all(c.get("execution_count") for c in code_cells))
                errors = [o for c in code_cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
                self.assertEqual([], errors)
        # the course must run in CI in under 10 minutes; NotebooksIT stops the suite after that
        print("all %d notebooks ran in %.1f s" % (len(paths), time.monotonic() - all_started))

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


if __name__ == "__main__":
    unittest.main()
