"""Runs every notebook in notebooks/ top to bottom on the Eddy kernel with nbclient (run by NotebooksIT)."""
import glob
import os
import unittest

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")


class NotebookTests(unittest.TestCase):
    def test_every_notebook_runs_without_errors(self):
        paths = sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb")))
        self.assertTrue(paths, "no notebooks found in " + NOTEBOOKS)
        for path in paths:
            with self.subTest(notebook=os.path.basename(path)):
                nb = nbformat.read(path, as_version=4)
                client = NotebookClient(nb, kernel_name="eddy", timeout=120, startup_timeout=60,
                                        resources={"metadata": {"path": os.path.dirname(path)}})
                client.execute()  # raises CellExecutionError on the first failing cell
                code_cells = [c for c in nb.cells if c.cell_type == "code"]
                self.assertTrue(all(c.get("execution_count") for c in code_cells))


if __name__ == "__main__":
    unittest.main()
