"""Debian's jupyter_kernel_test suite against the installed Eddy kernel (run by EddyKernelConformanceIT)."""
import unittest

import jupyter_kernel_test


class EddyKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "eddy"
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "1+2", "result": "3"},
        {"code": "12 * 2", "result": "24"},
        {"code": "\"abc\".length()", "result": "3"},
    ]
    code_display_data = [
        {"code": 'display(html("<b>hi</b>"));', "mime": "text/html"},
        {"code": 'display("plain");', "mime": "text/plain"},
    ]
    code_clear_output = "clearOutput();"
    code_inspect_sample = "Math.max"
    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "%lsma", "matches": {"lsmagic"}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "%lsmagic", "%%html\n<b>x</b>", "void f() { }"]
    incomplete_code_samples = ["int y = (", "for (int i = 0; i < 3; i++) {", "class A {"]
    invalid_code_samples = ["}", "else { }", "int x = 1; )"]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "1?2*"


if __name__ == "__main__":
    unittest.main()
