"""Browser test (run by EddyBrowserIT): classic Jupyter Notebook with the Eddy kernel in headless Chromium.

Opens a notebook, runs a streaming %%sql cell with a chart, produces data from later cells and reads the
rendered output twice: the live table must change and the chart must be an <img> with PNG data. Driven over
the Chrome DevTools Protocol with websocket-client (no Selenium in Debian). A screenshot goes to
$EDDY_SCREENSHOT.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

import nbformat
import websocket

TIMEOUT = 90
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--remote-allow-origins=*", "--window-size=1200,1400"]
TOPIC_COLUMNS = ("`key` STRING, `value` STRING, topic STRING, `partition` INT, `offset` BIGINT,"
                 " `timestamp` TIMESTAMP(3), headers STRING")
CELLS = [
    "%topic create web_words",
    "%%sql\nCREATE STREAM web_words (" + TOPIC_COLUMNS + ") WITH ('connector' = 'topic', 'topic' = 'web_words')",
    "%%sql --name web_wc --chart bar --x word --y n\n"
    "SELECT `value` AS word, COUNT(*) AS n FROM web_words GROUP BY `value`",
    "%topic produce web_words apple apple pear",
    "%topic produce web_words plum kiwi kiwi",
    "%stream stop web_wc",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read(path):
    with open(path) as f:
        return f.read()


def wait_for(predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.2)  # polling a browser page from outside; the page has no event to block on


class Cdp:
    """A minimal Chrome DevTools Protocol client: one page, commands answered in order of their ids."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=TIMEOUT, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise AssertionError("%s failed: %s" % (method, msg["error"]))
                return msg["result"]

    def eval(self, js):
        r = self.call("Runtime.evaluate", expression=js, returnByValue=True)
        if "exceptionDetails" in r:
            return None
        return r["result"].get("value")

    def close(self):
        self.ws.close()


class BrowserTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="eddy-browser-")
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "eddy", "display_name": "Eddy", "language": "java"}
        nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
        nbformat.write(nb, os.path.join(cls.tmp, "live.ipynb"))
        cls.port = free_port()
        cls.server = subprocess.Popen(
            ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1", "--port=%d" % cls.port,
             "--NotebookApp.token=", "--NotebookApp.password=", "--allow-root", "--notebook-dir=" + cls.tmp],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(cls.server_up, "the notebook server")
        profile = os.path.join(cls.tmp, "chromium-profile")
        cls.browser = subprocess.Popen(
            ["chromium"] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile, "--remote-debugging-port=0",
                                             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(profile, "DevToolsActivePort")
        wait_for(lambda: os.path.exists(port_file) and read(port_file).strip(), "chromium's debugging port")
        devtools = int(read(port_file).split()[0])
        with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % devtools) as r:
            pages = json.load(r)
        page = [p for p in pages if p["type"] == "page"][0]
        cls.cdp = Cdp(page["webSocketDebuggerUrl"])
        cls.cdp.call("Page.enable")
        cls.cdp.call("Page.navigate", url="http://127.0.0.1:%d/notebooks/live.ipynb" % cls.port)

    @classmethod
    def server_up(cls):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/api" % cls.port, timeout=2):
                return True
        except OSError:
            return False

    @classmethod
    def tearDownClass(cls):
        try:
            cls.cdp.eval("Jupyter.notebook.kernel.kill()")
            cls.cdp.close()
        finally:
            cls.browser.terminate()
            cls.browser.wait(20)
            cls.server.terminate()
            cls.server.wait(30)
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_cell(self, i):
        self.cdp.eval("Jupyter.notebook.get_cell(%d).execute()" % i)
        wait_for(lambda: self.cdp.eval("typeof Jupyter.notebook.get_cell(%d).input_prompt_number === 'number'"
                                       " && !Jupyter.notebook.kernel_busy" % i), "cell %d to finish" % i)

    def output_html(self, i):
        return self.cdp.eval("Jupyter.notebook.get_cell(%d).output_area.element[0].innerHTML" % i) or ""

    def chart_src(self):
        """The src of the chart's <img> if it is a drawn PNG, else None."""
        return self.cdp.eval(
            "(Array.from(Jupyter.notebook.get_cell(2).output_area.element[0].querySelectorAll('img'))"
            ".filter(i => i.src.startsWith('data:image/png;base64,') && i.naturalWidth > 100)"
            ".map(i => i.src)[0]) || null")

    def test_when_streamingSqlCellRunsInBrowser_then_tableChangesAndChartRendersAsPng(self):
        wait_for(lambda: self.cdp.eval("!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
                                       " && Jupyter.notebook.kernel.is_connected())"), "the kernel to connect")
        for i in range(3):
            self.run_cell(i)
        self.run_cell(3)
        first = wait_for(lambda: "pear" in self.output_html(2) and self.output_html(2), "pear in the live table")
        first_chart = wait_for(self.chart_src, "the chart as a PNG image")
        self.run_cell(4)
        second = wait_for(lambda: "kiwi" in self.output_html(2) and self.output_html(2), "kiwi in the live table")
        self.assertNotEqual(first, second, "the rendered table changed over time")
        self.assertNotIn("kiwi", first)
        # the chart is its own display: it must follow the data too (a new PNG once kiwi arrived)
        wait_for(lambda: (self.chart_src() or first_chart) != first_chart, "the chart to update")
        shot = self.cdp.call("Page.captureScreenshot", format="png")
        path = os.environ.get("EDDY_SCREENSHOT")
        if path:
            import base64
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        self.run_cell(5)
        wait_for(lambda: "TERMINATED" in self.output_html(2), "the final update after %stream stop")


if __name__ == "__main__":
    unittest.main()
