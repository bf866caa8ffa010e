/** The HTML/text table of live views, with changed-row marks and the query status line. */
package dev.eddy.magics.internal.table;
