"""Keeps the tutorials tidy; run it after editing them: /usr/bin/python3 notebooks/tools/tidy.py

- the first code cell of every tutorial is notebooks/tutorial-setup.jsh, collapsed (tag "setup");
- imports and helpers that the setup has are not repeated in the tutorial's own cells;
- exercise solutions (tag "solution") are collapsed, and the markdown before the first one says how to show them;
- Java lines are wrapped at 100 characters (javawrap.py, outside string literals);
- the JSON is written by nbformat, with its usual layout.
test_notebooks.py checks the result.
"""
import glob
import os
import re
import sys

import nbformat

sys.path.insert(0, os.path.dirname(__file__))
import javawrap  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(HERE)
SETUP_FILE = os.path.join(NOTEBOOKS, "tutorial-setup.jsh")
SETUP_NOTE = ("*The first code cell, collapsed, is the tutorials' shared setup (`tutorial-setup.jsh`): imports and "
              "the helpers the checks use (`rows`, `expect`, `at`, `hm`). Run it like any other cell.*")
SOLUTION_NOTE = ("*The solution is in the collapsed cell below: click its `···` (or the bar left of it) to show "
                 "it, or use View > Expand All Code.*")
# helpers the setup defines: a tutorial's own definition with this first line is dropped
SETUP_HELPERS = ("Instant at(String hhmm)", "String hm(String", "List<String> rows(Table t, String... cols)",
                 "void expect(List<String> got, String... want)")


def setup_source():
    with open(SETUP_FILE) as f:
        return f.read().rstrip("\n")


def braces(line):
    states, comment = javawrap.scan(line)
    code = line if comment is None else line[:comment]
    return sum((ch == "{") - (ch == "}") for i, ch in enumerate(code) if states.get(i) is None)


def without_setup_parts(source, setup):
    imports = {l.strip() for l in setup.split("\n") if l.startswith("import ")}
    lines, out, i = source.split("\n"), [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() in imports:
            i += 1
            continue
        if line.startswith(SETUP_HELPERS):
            depth = braces(line)
            i += 1
            while depth > 0 and i < len(lines):
                depth += braces(lines[i])
                i += 1
            continue
        out.append(line)
        i += 1
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text


def tidy(path):
    nb = nbformat.read(path, as_version=4)
    setup = setup_source()
    cells = [c for c in nb.cells if "setup" not in c.metadata.get("tags", [])]
    kept = []
    for c in cells:
        if c.cell_type == "code":
            c.source = javawrap.wrap(without_setup_parts(c.source, setup))
            if not c.source.strip():
                continue
        kept.append(c)
    cells = kept
    first_code = next(i for i, c in enumerate(cells) if c.cell_type == "code")
    setup_cell = nbformat.v4.new_code_cell(setup, metadata={"jupyter": {"source_hidden": True}, "tags": ["setup"]})
    setup_cell["id"] = "tutorial-setup"  # the same on every run, so that tidying twice changes nothing
    cells.insert(first_code, setup_cell)
    if first_code > 0 and cells[first_code - 1].cell_type == "markdown" and SETUP_NOTE not in cells[first_code - 1].source:
        cells[first_code - 1].source = cells[first_code - 1].source.rstrip() + "\n\n" + SETUP_NOTE
    noted = False
    for i, c in enumerate(cells):
        if c.cell_type == "code" and "solution" in c.metadata.get("tags", []):
            c.metadata.setdefault("jupyter", {})["source_hidden"] = True
            if not noted and i > 0 and cells[i - 1].cell_type == "markdown":
                if SOLUTION_NOTE not in cells[i - 1].source:
                    cells[i - 1].source = cells[i - 1].source.rstrip() + "\n\n" + SOLUTION_NOTE
                noted = True
    nb.cells = cells
    nbformat.write(nb, path)


if __name__ == "__main__":
    for p in sorted(glob.glob(os.path.join(NOTEBOOKS, "*.ipynb"))):
        tidy(p)
        print("tidied", os.path.basename(p))
