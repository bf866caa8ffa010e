/** The display publisher: display_data, update_display_data, clear_output and execute_result on IOPub. */
package dev.eddy.kernel.internal.display;
