/**
 * Display pacing shared by the kernel's display path and the live views: {@link
 * dev.eddy.magics.api.display.UpdateThrottle} is the one place that decides how often a display may be updated.
 */
package dev.eddy.magics.api.display;
