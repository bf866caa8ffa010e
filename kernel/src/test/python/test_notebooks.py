"""Runs every notebook in notebooks/ top to bottom on the Eddy kernel with nbclient (run by NotebooksIT)."""
import glob
import os
import re
import time
import unittest

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")
CELL_TIMEOUT_S = 120


def notebook_paths():
    return sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))


class NotebookTests(unittest.TestCase):
    def test_every_notebook_runs_without_errors(self):
        paths = notebook_paths()
        self.assertTrue(paths, "no notebooks found in " + NOTEBOOKS)
        for path in paths:
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                client = NotebookClient(nb, kernel_name="eddy", timeout=CELL_TIMEOUT_S, startup_timeout=60,
                                        resources={"metadata": {"path": os.path.dirname(path)}})
                started = time.monotonic()
                client.execute()  # raises CellExecutionError on the first failing cell
                print("%s ran in %.1f s" % (os.path.basename(path), time.monotonic() - started))
                code_cells = [c for c in nb.cells if c.cell_type == "code"]
                self.assertTrue(all(c.get("execution_count") for c in code_cells))
                errors = [o for c in code_cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
                self.assertEqual([], errors)

    def test_tutorials_use_the_eddy_kernel_and_end_with_a_runnable_exercise(self):
        for path in notebook_paths():
            name = os.path.basename(path)
            with self.subTest(notebook=name):
                self.assertRegex(name, r"^\d\d-[a-z0-9-]+\.ipynb$")
                nb = nbformat.read(path, as_version=4)
                self.assertEqual("eddy", nb.metadata["kernelspec"]["name"])
                if name.startswith("00-"):
                    continue  # the welcome tour has no exercise
                markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
                self.assertTrue(re.search(r"^## Exercise", markdown, re.M), "no '## Exercise' section")
                solutions = [c for c in nb.cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
                self.assertTrue(solutions, "no code cell tagged 'solution'")


if __name__ == "__main__":
    unittest.main()
