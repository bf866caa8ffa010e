"""The installed kernel (kernel jar + engines/ as install/eddy.sh --with-spark lays them out) on a real Spark
Connect server, through Debian's jupyter_client (run by KernelOnSparkIT, which sets EDDY_SPARK_URL)."""
import os
import queue
import time
import unittest

from jupyter_client.manager import start_new_kernel

TIMEOUT = 180


class KernelOnSparkTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = os.environ["EDDY_SPARK_URL"]
        cls.km, cls.kc = start_new_kernel(kernel_name="eddy", startup_timeout=90)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def run_cell(self, code):
        """Runs a cell; returns (reply content, texts of its outputs and error)."""
        msg_id = self.kc.execute(code, allow_stdin=False)
        deadline = time.monotonic() + TIMEOUT
        texts = []
        while True:
            m = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = m["msg_type"], m["content"]
            if kind == "status" and content["execution_state"] == "idle":
                break
            if kind in ("execute_result", "display_data", "update_display_data"):
                texts.append(content["data"].get("text/plain", ""))
            elif kind == "stream":
                texts.append(content["text"])
            elif kind == "error":
                texts.append(content["ename"] + ": " + content["evalue"])
        while True:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"], "\n".join(texts)

    def ok(self, code):
        reply, text = self.run_cell(code)
        self.assertEqual("ok", reply["status"], text)
        return text

    def test_a_java_cell_gets_the_remote_session_as_spark_until_it_disconnects(self):
        text = self.ok("%engine connect spark " + self.url)
        self.assertIn("Connected: streaming %%sql now runs on spark " + self.url, text)
        self.assertIn("Java cells get its session as `spark`", text)

        self.assertEqual("3", self.ok("spark.range(3).count()").strip())
        self.assertEqual("1", self.ok('spark.sql("select 1 AS one").collectAsList().get(0).getInt(0)').strip())
        self.assertIn("1", self.ok('java.util.Arrays.toString((Object[]) spark.sql("select 1").collect())'))
        # the engine came from engines/ next to the kernel jar, in the class loader cells use (one copy of Spark)
        where = self.ok("spark.getClass().getProtectionDomain().getCodeSource().getLocation().getPath()")
        self.assertIn("/engines/spark-connect-client-jvm_2.13-4.2.0.jar", where)

        # %engine local: %%sql runs locally again, the connection (and `spark`) stays for --engine spark
        self.assertIn("engine: local", self.ok("%engine local"))
        self.assertEqual("2", self.ok("spark.range(2).count()").strip())

        # %engine disconnect: `spark` is gone; a cell that uses it gets a compile error naming it, the kernel stays
        self.ok("%engine disconnect")
        reply, text = self.run_cell("spark.range(1).count()")
        self.assertEqual("error", reply["status"])
        self.assertIn("spark", text)
        self.assertEqual("42", self.ok("6 * 7").strip())

        # connecting again without a URL takes EDDY_SPARK_URL, and binds `spark` again
        self.assertIn("Connected", self.ok("%engine connect spark"))
        self.assertEqual("4", self.ok("spark.range(4).count()").strip())
        self.ok("%engine disconnect")


if __name__ == "__main__":
    unittest.main()
