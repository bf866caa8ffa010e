"""Raw-socket protocol tests of the Eddy kernel (run by EddyWireProtocolIT): frames sent with pyzmq as an attacker
or a broken client would, signed with jupyter_client's Session. What must be answered is answered (with busy and
idle on IOPub), what must be dropped is dropped, and the kernel stays up.

Absence of a reply is checked without sleeping: the shell channel handles messages in order, so after a message
that must be dropped we send a good request and the very next reply must be the good request's.
"""
import json
import os
import subprocess
import tempfile
import time
import unittest
import uuid

import zmq
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

TIMEOUT = 60
SCHEME = "hmac-sha512"
MAX_MESSAGE_BYTES = 40 * 1024 * 1024
DELIM = b"<IDS|MSG>"


class EddyWireTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km = KernelManager(kernel_name="eddy")
        cls.km.session.signature_scheme = SCHEME  # not the default: the kernel must sign and check with SHA-512
        env = dict(os.environ, JAVA_TOOL_OPTIONS="-Deddy.maxMessageBytes=%d" % MAX_MESSAGE_BYTES)
        cls.km.start_kernel(env=env)
        try:
            cls.connect()
        except BaseException:
            cls.km.shutdown_kernel(now=True)  # tearDownClass does not run when setUpClass fails
            raise

    @classmethod
    def connect(cls):
        cls.session = Session(key=cls.km.session.key, signature_scheme=SCHEME)
        cls.ctx = zmq.Context()
        info = cls.km.get_connection_info()
        cls.shell = cls.ctx.socket(zmq.DEALER)
        cls.shell.connect("tcp://%s:%d" % (info["ip"], info["shell_port"]))
        cls.iopub = cls.ctx.socket(zmq.SUB)
        cls.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        cls.iopub.connect("tcp://%s:%d" % (info["ip"], info["iopub_port"]))
        # The SUB socket has joined once a kernel_info_request's status messages reach it (polled with a deadline).
        deadline = time.monotonic() + TIMEOUT
        while True:
            header = cls.session.msg_header("kernel_info_request")
            parts = [json.dumps(header, default=str).encode(), b"{}", b"{}", b"{}"]
            cls.shell.send_multipart([DELIM, cls.session.sign(parts)] + parts)
            if not cls.shell.poll(TIMEOUT * 1000):
                raise AssertionError("the kernel does not answer kernel_info_request")
            cls.shell.recv_multipart()
            if cls.iopub.poll(1000):
                break
            if time.monotonic() > deadline:
                raise AssertionError("no IOPub messages from the kernel")
        while cls.iopub.poll(200):
            cls.iopub.recv_multipart()

    @classmethod
    def tearDownClass(cls):
        cls.shell.close(0)
        cls.iopub.close(0)
        cls.ctx.term()
        cls.km.shutdown_kernel(now=True)

    # --- helpers -------------------------------------------------------------------------------------------

    def frames(self, msg_type, content_bytes, header=None):
        """Signed wire frames (without identities) whose content frame is exactly content_bytes."""
        header = header or self.session.msg_header(msg_type)
        parts = [json.dumps(header, default=str).encode(), b"{}", b"{}", content_bytes]
        return [DELIM, self.session.sign(parts)] + parts, header["msg_id"]

    def send(self, msg_type, content):
        frames, msg_id = self.frames(msg_type, json.dumps(content).encode())
        self.shell.send_multipart(frames)
        return msg_id

    def recv_reply(self, msg_id=None):
        if not self.shell.poll(TIMEOUT * 1000):
            raise AssertionError("no reply within %d s (waiting for %s)" % (TIMEOUT, msg_id))
        ident, msg = self.session.feed_identities(self.shell.recv_multipart())
        reply = self.session.deserialize(msg)
        if msg_id is not None:
            self.assertEqual(reply["parent_header"].get("msg_id"), msg_id,
                             "the next reply must answer %s, got %s" % (msg_id, reply["msg_type"]))
        return reply

    def drain_iopub(self):
        while self.iopub.poll(50):
            self.iopub.recv_multipart()

    def iopub_states(self, msg_id):
        """Execution states published under msg_id, until its idle."""
        states = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if not self.iopub.poll(int(max(1, deadline - time.monotonic()) * 1000)):
                break
            ident, msg = self.session.feed_identities(self.iopub.recv_multipart())
            m = self.session.deserialize(msg)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status":
                states.append(m["content"]["execution_state"])
                if states[-1] == "idle":
                    return states
        raise AssertionError("no idle for %s (saw %s)" % (msg_id, states))

    def execute(self, code):
        msg_id = self.send("execute_request", {"code": code, "silent": False, "store_history": True,
                                               "user_expressions": {}, "allow_stdin": False,
                                               "stop_on_error": True})
        reply = self.recv_reply(msg_id)
        self.iopub_states(msg_id)
        return reply

    def assert_kernel_answers(self):
        """The next reply on shell is to a fresh kernel_info_request: whatever came before it got none."""
        msg_id = self.send("kernel_info_request", {})
        reply = self.recv_reply(msg_id)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        self.assertEqual(reply["content"]["status"], "ok")

    def setUp(self):
        self.drain_iopub()

    # --- tests ---------------------------------------------------------------------------------------------

    def test_when_framesAreMalformed_then_theyAreDropped_andTheKernelGoesOn(self):
        garbage = [
            [b"garbage"],
            [DELIM],
            [DELIM, b"", b"{}"],
            [b"", b"", b""],
            [DELIM, b"x" * 128, b"{}", b"{}", b"{}", b"{}"],
            [DELIM] + [b"\xff\xfe"] * 5,
        ]
        for frames in garbage:
            self.shell.send_multipart(frames)
        self.assert_kernel_answers()

    def test_when_signatureIsWrongOrMissing_then_theMessageIsDropped(self):
        frames, _ = self.frames("execute_request", json.dumps({"code": "1 + 1"}).encode())
        wrong = list(frames)
        wrong[1] = b"0" * len(frames[1])
        unsigned = list(frames)
        unsigned[1] = b""
        sha256 = Session(key=self.km.session.key, signature_scheme="hmac-sha256")
        other_scheme = list(frames)
        other_scheme[1] = sha256.sign(frames[2:6])
        for f in (wrong, unsigned, other_scheme):
            self.shell.send_multipart(f)
        self.assert_kernel_answers()

    def test_when_signedContentIsAStringOrNull_then_anErrorReplyWithBusyAndIdle(self):
        for content in (b'"print(1)"', b"null", b"[]", b"{not json"):
            frames, msg_id = self.frames("execute_request", content)
            self.shell.send_multipart(frames)
            reply = self.recv_reply(msg_id)
            self.assertEqual(reply["msg_type"], "execute_reply")
            self.assertEqual(reply["content"]["status"], "error", reply["content"])
            self.assertIn("content", reply["content"]["evalue"])
            self.assertEqual(self.iopub_states(msg_id), ["busy", "idle"])
        self.assertEqual(self.execute("6 * 7")["content"]["status"], "ok")

    def test_when_aSignedMessageIsReplayed_then_itRunsOnlyOnce(self):
        self.assertEqual(self.execute("int replayHits = 0;")["content"]["status"], "ok")
        frames, msg_id = self.frames("execute_request", json.dumps(
            {"code": "replayHits++;", "silent": False, "store_history": False, "user_expressions": {},
             "allow_stdin": False, "stop_on_error": True}).encode())
        self.shell.send_multipart(frames)
        self.assertEqual(self.recv_reply(msg_id)["content"]["status"], "ok")
        self.shell.send_multipart(frames)  # the same signed frames again
        reply = self.execute("replayHits")
        self.assertEqual(reply["content"]["status"], "ok")
        check_id = self.send("execute_request", {"code": "System.out.print(replayHits);", "silent": False,
                                                 "store_history": False, "user_expressions": {},
                                                 "allow_stdin": False, "stop_on_error": True})
        self.recv_reply(check_id)
        out = self.stream_text(check_id)
        self.assertEqual(out, "1", "the replayed increment must not have run")

    def stream_text(self, msg_id):
        text = ""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and self.iopub.poll(TIMEOUT * 1000):
            ident, msg = self.session.feed_identities(self.iopub.recv_multipart())
            m = self.session.deserialize(msg)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "stream":
                text += m["content"]["text"]
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                return text
        raise AssertionError("no idle for %s" % msg_id)

    def test_when_aMessageHoldsAStringOverJacksonsDefaultLimit_then_itIsAnswered(self):
        padding = "x" * 32_000_000  # over Jackson's default 20,000,000-char limit, under the kernel's
        msg_id = self.send("execute_request", {"code": "40 + 2", "silent": False, "store_history": False,
                                               "user_expressions": {}, "allow_stdin": False,
                                               "stop_on_error": True, "padding": padding})
        reply = self.recv_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        self.assertEqual(self.iopub_states(msg_id)[-1], "idle")

    def test_when_aMessageIsOverTheKernelsLimit_then_anErrorReplyNamesTheLimit_andTheKernelGoesOn(self):
        msg_id = self.send("execute_request", {"code": "1", "padding": "y" * (MAX_MESSAGE_BYTES + 1)})
        reply = self.recv_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("over the kernel's limit of %d bytes" % MAX_MESSAGE_BYTES, reply["content"]["evalue"])
        self.assertEqual(self.iopub_states(msg_id), ["busy", "idle"])
        self.assertEqual(self.execute("1 + 1")["content"]["status"], "ok")


class EddyStartTests(unittest.TestCase):
    def test_when_signatureSchemeIsUnknown_then_theKernelRefusesToStartWithOneLine(self):
        spec = KernelSpecManager().get_kernel_spec("eddy")
        with tempfile.TemporaryDirectory() as d:
            conn = os.path.join(d, "kernel.json")
            with open(conn, "w") as f:
                json.dump({"shell_port": 0, "iopub_port": 0, "stdin_port": 0, "control_port": 0, "hb_port": 0,
                           "ip": "127.0.0.1", "key": str(uuid.uuid4()), "transport": "tcp",
                           "signature_scheme": "hmac-blake2b"}, f)
            argv = [a.replace("{connection_file}", conn) for a in spec.argv]
            p = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(p.returncode, 2, p.stderr)
        lines = [l for l in p.stderr.splitlines() if "signature_scheme" in l]
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertIn("unsupported signature_scheme 'hmac-blake2b'", lines[0])
        self.assertNotIn("Exception", p.stderr)
        self.assertNotIn("\tat ", p.stderr)


if __name__ == "__main__":
    unittest.main()
