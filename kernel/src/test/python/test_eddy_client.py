"""Real-client tests of the Eddy kernel with Debian's jupyter_client (run by EddyKernelClientIT)."""
import queue
import re
import tempfile
import time
import unittest

import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

TIMEOUT = 30


class EddyClientTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="eddy", startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def setUp(self):
        self.drain_iopub()
        self.other_iopub = []  # messages of other cells seen while waiting for one cell

    def drain_iopub(self):
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.05)
            except queue.Empty:
                return

    def run_cell(self, code):
        """Runs a cell without stdin; returns (reply, iopub messages of that cell up to its idle status)."""
        msg_id = self.kc.execute(code, allow_stdin=False)
        reply = self.reply_to(msg_id)
        return reply, self.iopub_until_idle(msg_id)

    def reply_to(self, msg_id):
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def iopub_until_idle(self, msg_id):
        msgs = []
        deadline = time.monotonic() + TIMEOUT
        while True:
            m = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if m["parent_header"].get("msg_id") != msg_id:
                self.other_iopub.append(m)
                continue
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return msgs
            msgs.append(m)

    def result_text(self, msgs):
        return [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]

    def test_when_backgroundThreadUpdatesDisplayAfterCellFinished_then_updateHasOriginalParent(self):
        reply, msgs = self.run_cell(
            'var gate = new java.util.concurrent.CountDownLatch(1);\n'
            'String shown = display("version 0");\n'
            'new Thread(() -> {\n'
            '  try { gate.await(); } catch (InterruptedException e) { return; }\n'
            '  updateDisplay(shown, "version 1");\n'
            '}).start();\n')
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        first_id = reply["parent_header"]["msg_id"]
        displays = [m for m in msgs if m["msg_type"] == "display_data"]
        self.assertEqual(len(displays), 1)
        display_id = displays[0]["content"]["transient"]["display_id"]
        self.assertEqual(displays[0]["content"]["data"]["text/plain"], "version 0")
        # The first cell has replied and gone idle; only now let the background thread update.
        self.run_cell("gate.countDown();")
        deadline = time.monotonic() + TIMEOUT
        while True:
            seen = [o for o in self.other_iopub if o["msg_type"] == "update_display_data"]
            m = seen[0] if seen else self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if m["msg_type"] == "update_display_data":
                break
        self.assertEqual(m["parent_header"]["msg_id"], first_id)
        self.assertEqual(m["content"]["transient"]["display_id"], display_id)
        self.assertEqual(m["content"]["data"]["text/plain"], "version 1")

    def test_when_tightLoopIsInterrupted_then_cellFailsAndNextCellRuns(self):
        msg_id = self.kc.execute("long spins = 0; while (true) { spins++; }")
        deadline = time.monotonic() + TIMEOUT
        while True:  # wait until the loop cell has started
            m = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                break
        self.km.interrupt_kernel()
        reply = self.reply_to(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        reply, msgs = self.run_cell("40 + 2")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.result_text(msgs), ["42"])

    def wait_for_output(self, msg_id, text):
        deadline = time.monotonic() + TIMEOUT
        while True:
            m = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream" \
                    and text in m["content"]["text"]:
                return

    def test_when_runningEmptyLoopIsInterrupted_then_itEndsWithinTwoSeconds(self):
        # the loop is running (it printed first), so this measures the stop, not the compile
        msg_id = self.kc.execute('System.out.println("looping"); while (true) { }')
        self.wait_for_output(msg_id, "looping")
        interrupted_at = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.reply_to(msg_id)
        self.assertLess(time.monotonic() - interrupted_at, 2.0)
        self.assertEqual(reply["content"]["ename"], "Interrupted", reply["content"])
        self.assertEqual(self.result_text(self.run_cell("40 + 2")[1]), ["42"])

    def test_when_cellDeadlocksWithItsOwnThread_then_interruptNamesTheThreadsAndShellServes(self):
        reply, _ = self.run_cell(
            "Object lockA = new Object(), lockB = new Object();\n"
            "var holdsB = new java.util.concurrent.CountDownLatch(1);\n"
            "var holdsA = new java.util.concurrent.CountDownLatch(1);\n"
            "Thread other = new Thread(() -> { synchronized (lockB) { holdsB.countDown();\n"
            "  try { holdsA.await(); } catch (InterruptedException e) { return; }\n"
            "  synchronized (lockA) { } } }, \"lock-taker\");\n"
            "other.setDaemon(true);")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        msg_id = self.kc.execute(
            "other.start();\n"
            "synchronized (lockA) { holdsB.await(); holdsA.countDown();\n"
            "  System.out.println(\"deadlocking\"); synchronized (lockB) { } }")
        self.wait_for_output(msg_id, "deadlocking")
        interrupted_at = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.reply_to(msg_id)
        self.assertLess(time.monotonic() - interrupted_at, 10)
        content = reply["content"]
        self.assertEqual(content["status"], "error", content)
        self.assertEqual(content["ename"], "CellNotStopped", content)
        self.assertRegex(content["evalue"], r'^this cell could not be stopped: threads "(eddy-eval[-0-9]*|lock-taker)" '
                                            r'and "(eddy-eval[-0-9]*|lock-taker)" are deadlocked; restart the kernel$')
        self.assertIn('"lock-taker"', content["evalue"])
        # the shell serves again, with the session's variables
        reply, msgs = self.run_cell("other.getState()")
        self.assertEqual(self.result_text(msgs), ["BLOCKED"])
        reply, msgs = self.run_cell("%lsmagic")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])

    def test_when_printingLoopIsInterrupted_then_nextCellOutputIsClean(self):
        msg_id = self.kc.execute('long k = 0; while (true) { System.out.println("spin " + k++); }')
        deadline = time.monotonic() + TIMEOUT
        while True:  # wait until the loop prints
            m = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream":
                break
        self.km.interrupt_kernel()
        self.assertEqual(self.reply_to(msg_id)["content"]["ename"], "Interrupted")
        reply, msgs = self.run_cell('System.out.println("clean");')
        text = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
        self.assertEqual(text, "clean\n")

    def test_when_waitingMagicIsInterrupted_then_itStopsPromptlyAndKernelServes(self):
        self.run_cell("%topic create intr_t")
        self.run_cell("%%sql\nCREATE STREAM intr_s (`key` STRING, `value` STRING, topic STRING, `partition` INT,"
                      " `offset` BIGINT, `timestamp` TIMESTAMP(3), headers STRING)"
                      " WITH ('connector' = 'topic', 'topic' = 'intr_t')")
        reply, _ = self.run_cell("%%sql --name intr_q\nSELECT `value` FROM intr_s")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        self.assert_interrupted_while_running('System.out.println("awaiting");\n%stream await intr_q 600')
        reply, msgs = self.run_cell("%stream status intr_q")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        reply, msgs = self.run_cell("40 + 2")
        self.assertEqual(self.result_text(msgs), ["42"])
        self.run_cell("%stream stop intr_q")

    def test_when_cellWaitingOnItsQueryIsInterruptedAndRunAgain_then_theErrorSaysHowToGoOn(self):
        self.run_cell("%topic create rerun_t")
        self.run_cell("%%sql\nCREATE STREAM rerun_s (`key` STRING, `value` STRING, topic STRING, `partition` INT,"
                      " `offset` BIGINT, `timestamp` TIMESTAMP(3), headers STRING)"
                      " WITH ('connector' = 'topic', 'topic' = 'rerun_t', 'startingOffsets' = 'earliest')")
        cell = ('var rq = sql.stream("SELECT `value` AS v FROM rerun_s").writeStream()\n'
                '    .queryName("rerun_q").memory("rerun_q").start();\n'
                'System.out.println("started");\n'
                'rq.awaitTermination();')
        self.assert_interrupted_while_running(cell)
        # the interrupt ended the cell, not its query: running the cell again says what to do
        reply, _ = self.run_cell(cell)
        self.assertEqual(reply["content"]["status"], "error", reply["content"])
        self.assertIn("already active: stop it first (%stream stop rerun_q", reply["content"]["evalue"])
        self.run_cell("%stream stop rerun_q")
        self.assert_interrupted_while_running(cell)  # after the stop the same cell starts it again
        self.run_cell("%topic produce rerun_t again")
        reply, msgs = self.run_cell('rq.processAllAvailable();\neddy.table("rerun_q").stringColumn("v").asList()')
        self.assertEqual(self.result_text(msgs), ["[again]"], reply["content"])
        self.run_cell("%stream stop rerun_q")

    def test_when_longBatchSqlIsInterrupted_then_itStopsAndKernelServes(self):
        reply, _ = self.run_cell("var intrKeys = tech.tablesaw.api.IntColumn.create(\"k\");\n"
                                 "for (int i = 0; i < 2000; i++) intrKeys.append(i);\n"
                                 "sql.catalog().registerTable(\"intr_big\","
                                 " tech.tablesaw.api.Table.create(\"intr_big\", intrKeys));")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        # 8 billion rows: runs for an hour unless the interrupt ends it
        # Calcite checks nothing while it plans or loops over a join's inner side; the scans end the query at the
        # next outer row, and a query still planning after the magics' bound is given up (with its reason) while
        # it runs on to its first row. Either way the cell answers within the bound and the kernel serves.
        self.assert_interrupted_while_running(
            "%%sql\nSELECT COUNT(*) AS n FROM intr_big a, intr_big b, intr_big c WHERE a.k + b.k + c.k >= 0",
            started="execute_input", enames=("Interrupted", "CellNotStopped"))
        reply, msgs = self.run_cell("%%sql\nSELECT COUNT(*) AS n FROM intr_big")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        shown = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] in ("display_data", "execute_result")]
        self.assertTrue(any("2000" in t for t in shown), shown)

    def assert_interrupted_while_running(self, code, started="stream", enames=("Interrupted",)):
        """Runs code, interrupts once the cell sends a `started` message (its first output: the magic after it is
        under way), and expects a prompt Interrupted."""
        msg_id = self.kc.execute(code)
        deadline = time.monotonic() + TIMEOUT
        seen = []
        while True:
            try:
                m = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                self.fail("the cell never sent %s; its messages: %s" % (started, seen))
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            seen.append((m["msg_type"], m["content"]))
            if m["msg_type"] == started:
                break
        interrupted_at = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.reply_to(msg_id)
        # far less than the magic would take; a magic is given up after 10 s at most
        self.assertLess(time.monotonic() - interrupted_at, 15)
        self.assertEqual(reply["content"]["status"], "error", reply["content"])
        self.assertIn(reply["content"]["ename"], enames, reply["content"])

    def test_when_cellReadsInput_then_clientIsAskedAndAnswerReachesCell(self):
        msg_id = self.kc.execute(
            'String name = new java.util.Scanner(System.in).nextLine();\n'
            'String secret = password("Token: ");\n'
            'name + "/" + secret.length()', allow_stdin=True)
        answers = iter(["Ada", "xyz"])
        prompts = []
        for _ in range(2):
            req = self.kc.get_stdin_msg(timeout=TIMEOUT)
            self.assertEqual(req["msg_type"], "input_request")
            self.assertEqual(req["parent_header"]["msg_id"], msg_id)
            prompts.append((req["content"]["prompt"], req["content"]["password"]))
            self.kc.input(next(answers))
        self.assertEqual(prompts, [("", False), ("Token: ", True)])
        reply = self.reply_to(msg_id)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        self.assertEqual(self.result_text(self.iopub_until_idle(msg_id)), ["Ada/3"])

    def test_when_stdinIsNotAllowed_then_readingSeesEndOfInput(self):
        reply, msgs = self.run_cell("System.in.read()")
        self.assertEqual(self.result_text(msgs), ["-1"])

    def test_when_cellCallsSystemExit_then_errorIsReportedAndKernelLives(self):
        reply, msgs = self.run_cell("System.exit(3);")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("System.exit(3)", reply["content"]["evalue"])
        self.assertTrue(self.km.is_alive())
        reply, msgs = self.run_cell("1 + 1")
        self.assertEqual(self.result_text(msgs), ["2"])

    def test_when_cellHaltsOrExitsThroughRuntime_then_errorIsReportedAndKernelLives(self):
        for code, call in [("Runtime.getRuntime().halt(4);", "Runtime.halt(4)"),
                           ("Runtime.getRuntime().exit(5);", "Runtime.exit(5)"),
                           ("java.util.function.IntConsumer quit = System::exit;\nquit.accept(6);", "System.exit(6)")]:
            reply, msgs = self.run_cell(code)
            self.assertEqual(reply["content"]["status"], "error", code)
            self.assertTrue(reply["content"]["evalue"].startswith(call + " was called from a cell"),
                            reply["content"]["evalue"])
        self.assertTrue(self.km.is_alive())
        self.assertEqual(self.result_text(self.run_cell("1 + 1")[1]), ["2"])

    def test_when_cellDereferencesNull_then_errorNamesTheVariableAndLine(self):
        reply, msgs = self.run_cell('String missing = null;\nint n = missing.length();')
        content = reply["content"]
        self.assertEqual(content["ename"], "java.lang.NullPointerException")
        self.assertEqual(content["evalue"], 'Cannot invoke "String.length()" because "missing" is null')
        self.assertIn("\tat line 2 of this cell", content["traceback"])
        self.assertNotIn("$JShell$", "\n".join(content["traceback"]))

    def test_when_messagesAreBadlySignedOrMalformed_then_theyAreDroppedAndChannelsServe(self):
        ctx = zmq.Context.instance()
        bad_session = Session(key=b"not-the-key")
        good_session = Session(key=self.km.session.key)
        for port in (self.km.shell_port, self.km.control_port):
            sock = ctx.socket(zmq.DEALER)
            sock.linger = 0
            sock.connect("tcp://%s:%d" % (self.km.ip, port))
            bad_session.send(sock, "kernel_info_request", {})  # wrong signature
            sock.send_multipart([b"<IDS|MSG>", b"", b"{}", b"{}", b"{}", b"{}"])  # unsigned
            sock.send_multipart([b"garbage"])  # not a message at all
            signed_garbage = [b"{not json", b"{}", b"{}", b"{}"]
            sock.send_multipart([b"<IDS|MSG>", good_session.sign(signed_garbage)] + signed_garbage)
            self.assertEqual(sock.poll(500), 0, "the kernel answered a bad message on port %d" % port)
            sock.close()
        msg_id = self.kc.kernel_info()
        self.assertEqual(self.reply_to(msg_id)["content"]["status"], "ok")
        reply, msgs = self.run_cell("6 * 7")
        self.assertEqual(self.result_text(msgs), ["42"])
        control_msg = self.kc.session.msg("kernel_info_request", {})
        self.kc.control_channel.send(control_msg)
        control_reply = self.kc.get_control_msg(timeout=TIMEOUT)
        self.assertEqual(control_reply["parent_header"]["msg_id"], control_msg["header"]["msg_id"])
        self.assertEqual(control_reply["content"]["status"], "ok")
        reply, msgs = self.run_cell("1 + 2")
        self.assertEqual(self.result_text(msgs), ["3"])

    def test_when_cellFailsWithStopOnError_then_queuedExecuteIsAborted(self):
        failing = self.kc.execute('throw new RuntimeException("first fails");')
        queued = self.kc.execute("1 + 1")
        self.assertEqual(self.reply_to(failing)["content"]["status"], "error")
        self.assertEqual(self.reply_to(queued)["content"]["status"], "aborted")
        reply, msgs = self.run_cell("2 + 2")
        self.assertEqual(self.result_text(msgs), ["4"])

    def test_when_threadStartedInCellPrints_then_outputGoesToThatCell(self):
        reply, msgs = self.run_cell(
            'var printed = new java.util.concurrent.CountDownLatch(1);\n'
            'Thread t = new Thread(() -> { System.out.println("from thread"); printed.countDown(); });\n'
            't.start(); t.join();')
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        text = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
        self.assertIn("from thread", text)

    def test_when_cellPrintsManyLines_then_outputIsCoalesced(self):
        reply, msgs = self.run_cell('for (int i = 0; i < 2000; i++) System.out.println("line " + i);')
        streams = [m for m in msgs if m["msg_type"] == "stream"]
        text = "".join(m["content"]["text"] for m in streams)
        self.assertEqual(text.count("\n"), 2000)
        self.assertIn("line 1999\n", text)
        self.assertLess(len(streams), 100)

    def test_when_unknownMagic_then_errorSuggestsNearestName(self):
        reply, msgs = self.run_cell("%lsmagc")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("%lsmagic", reply["content"]["evalue"])

    def test_when_cellRegistersMagicAndRenderer_then_laterCellsUseThem(self):
        reply, msgs = self.run_cell(
            'import dev.eddy.magics.api.*;\n'
            'import dev.eddy.magics.api.render.*;\n'
            'record Point(int x, int y) {}\n'
            'renderers().register(Point.class, p -> MimeBundle.html("<b>" + p.x() + "," + p.y() + "</b>", "pt"));\n'
            'magics().register(LineMagic.of("shout", "upper-cases", (args, ctx) -> args.toUpperCase()));')
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        reply, msgs = self.run_cell("new Point(1, 2)")
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/html"], "<b>1,2</b>")
        reply, msgs = self.run_cell("%shout hey")
        self.assertEqual(self.result_text(msgs), ["HEY"])

    def test_when_javaCellDisplaysAChart_then_bundleIsVegaLiteAndPngWithoutImport(self):
        reply, msgs = self.run_cell(
            'display(Chart.bar(Table.create("t", StringColumn.create("k", "a", "b"), '
            'IntColumn.create("v", 3, 5))).x("k").y("v"));')
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        shown = [m for m in msgs if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1, msgs)
        data = shown[0]["content"]["data"]
        self.assertIn("application/vnd.vegalite.v5+json", data)
        self.assertIn("image/png", data)
        self.assertNotIn("text/html", data)
        values = data["application/vnd.vegalite.v5+json"]["data"]["values"]
        self.assertEqual(sorted((v["k"], v["v"]) for v in values), [("a", 3), ("b", 5)])

    def test_when_htmlCellMagic_then_resultIsHtml(self):
        reply, msgs = self.run_cell("%%html\n<i>hi</i>")
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/html"], "<i>hi</i>")

    def test_when_commOpenForUnknownTarget_then_commIsClosed(self):
        msg = self.kc.session.msg("comm_open", {"comm_id": "c-1", "target_name": "nope", "data": {}})
        self.kc.shell_channel.send(msg)
        msgs = self.iopub_until_idle(msg["header"]["msg_id"])
        closes = [m for m in msgs if m["msg_type"] == "comm_close"]
        self.assertEqual(closes[0]["content"]["comm_id"], "c-1")

    def test_when_replying_then_headerHasKernelSessionAndMicrosecondDate(self):
        msg_id = self.kc.kernel_info()
        reply = self.reply_to(msg_id)
        self.assertNotEqual(reply["header"]["session"], self.kc.session.session)
        self.assertEqual(reply["header"]["version"], "5.4")
        self.assertEqual(reply["content"]["implementation"], "eddy")
        self.assertEqual(reply["content"]["language_info"]["mimetype"], "text/x-java")


class EddyRestartTests(unittest.TestCase):
    def test_when_kernelIsRestarted_then_aFreshKernelAnswers(self):
        km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=60)
        try:
            kc.execute_interactive("int beforeRestart = 1;", timeout=TIMEOUT)
            old_pid = km.provisioner.pid if km.provisioner else None
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            self.assertTrue(km.is_alive())
            if old_pid is not None:
                self.assertNotEqual(km.provisioner.pid, old_pid)
            reply = kc.execute_interactive("beforeRestart", timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertEqual(reply["content"]["ename"], "CompilationError")
            reply = kc.execute_interactive("1 + 1", timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)

    def test_when_kernelIsRestarted_then_historyOfEarlierSessionIsKept(self):
        km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=60)
        try:
            kc.execute_interactive("int rememberedAcrossRestart = 7;", timeout=TIMEOUT)
            kc.execute_interactive("rememberedAcrossRestart * 6", timeout=TIMEOUT)
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            kc.execute_interactive("1 + 1", timeout=TIMEOUT)
            tail = self.history(kc, hist_access_type="tail", n=1000, output=True)
            inputs = [row[2][0] for row in tail]
            self.assertIn("int rememberedAcrossRestart = 7;", inputs)
            self.assertEqual(inputs[-1], "1 + 1")
            earlier = [row for row in tail if row[2][0] == "rememberedAcrossRestart * 6"][-1]
            self.assertEqual(earlier[2][1], "42")
            self.assertLess(earlier[0], tail[-1][0])  # an earlier session number
            previous = self.history(kc, hist_access_type="range", session=-1, start=1, stop=0, output=False)
            self.assertEqual([row[2] for row in previous],
                             ["int rememberedAcrossRestart = 7;", "rememberedAcrossRestart * 6"])
            found = self.history(kc, hist_access_type="search", pattern="remembered*", n=10, output=False)
            self.assertTrue(all(row[2].startswith("remembered") for row in found))
            self.assertIn("rememberedAcrossRestart * 6", [row[2] for row in found])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)

    def test_when_kernelIsRestartedAndShutDown_then_itLogsNoException(self):
        with tempfile.TemporaryFile() as err:
            # the restarted kernel inherits the first one's launch arguments: both write to err
            km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=60, stderr=err)
            try:
                kc.execute_interactive("int x = 1;", timeout=TIMEOUT)
                km.restart_kernel(now=False)
                kc.wait_for_ready(timeout=60)
                reply = kc.execute_interactive("1 + 1", timeout=TIMEOUT)
                self.assertEqual(reply["content"]["status"], "ok")
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=False)
            self.assertFalse(km.is_alive())
            err.seek(0)
            log = err.read().decode("utf-8", "replace")
        self.assertIn("shutting down for a restart", log)
        self.assertRegex(log, r"INFO Kernel\] shutting down\n")
        # a stack trace or an exception's name anywhere (ZeroMQ's I/O threads print theirs without Eddy's log)
        self.assertIsNone(re.search(r"Exception|Error\b|^\s+at ", log, re.MULTILINE), log)

    @staticmethod
    def history(kc, **kwargs):
        msg_id = kc.history(raw=True, **kwargs)
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]["history"]


if __name__ == "__main__":
    unittest.main()
