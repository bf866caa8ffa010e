/** Window assignment: windows as small immutable values made by factories. */
package dev.eddy.streaming.internal.window;
