package dev.eddy.magics.internal.engine;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.LineMagic;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.RemoteSessions;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.sql.api.engine.RemoteEngine;
import java.util.List;
import java.util.Locale;

/**
 * {@code %engine}: which engine {@code %%sql} runs streaming queries on. {@code %engine} shows it;
 * {@code %engine connect spark sc://host:15002[/;token=...;user_id=...;use_ssl=true]} (without a URL: the
 * environment variable {@code EDDY_SPARK_URL}) connects to a Spark cluster
 * through Spark Connect and makes it the default; {@code %engine local} goes back to the embedded engine (the
 * connection stays for {@code %%sql --engine spark}); {@code %engine disconnect} stops its queries and closes it.
 */
public final class EngineMagic implements LineMagic {
    private final EddyRuntime runtime;

    public EngineMagic(EddyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public String help() {
        return "where %%sql runs streaming queries: %engine | %engine connect spark sc://host:15002 | %engine local"
                + " | %engine disconnect";
    }

    @Override
    public Object run(String args, MagicContext context) {
        List<String> a = List.of(args.strip().split("\\s+"));
        RemoteEngines engines = RemoteEngines.of(runtime);
        String verb = a.get(0);
        switch (verb) {
            case "" -> {
                return MimeBundle.text(describe(engines));
            }
            case "local" -> {
                engines.useLocal();
                return MimeBundle.text(describe(engines));
            }
            case "disconnect" -> {
                engines.disconnect();
                return MimeBundle.text(describe(engines));
            }
            case "connect" -> {
                if (a.size() != 3 && a.size() != 2) {
                    throw new MagicException("Usage: %engine connect spark sc://host:15002 (options after the port:"
                            + " /;token=...;user_id=...;use_ssl=true)");
                }
                String url = a.size() == 3 ? a.get(2) : urlFromEnvironment(a.get(1));
                context.display(MimeBundle.text("Connecting to " + a.get(1) + " at " + url + " ..."));
                RemoteEngine e = engines.connect(a.get(1), url);
                String bound =
                        RemoteSessions.host().isPresent() ? " Java cells get its session as `" + e.name() + "`." : "";
                return MimeBundle.text("Connected: streaming %%sql now runs " + e.label()
                        + ". %engine local switches back; %%sql --engine local|spark chooses per cell." + bound);
            }
            default ->
                throw new MagicException("Unknown %engine argument '" + verb
                        + "': use %engine, %engine connect spark sc://host:15002, %engine local or %engine disconnect");
        }
    }

    /** {@code %engine connect spark} without a URL: the one in EDDY_SPARK_URL (the classroom compose sets it). */
    static String urlFromEnvironment(String engine) {
        String variable = "EDDY_" + engine.toUpperCase(Locale.ROOT) + "_URL";
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            throw new MagicException("%engine connect " + engine + " needs a URL (sc://host:15002), or the environment"
                    + " variable " + variable + " set when JupyterLab starts");
        }
        return url.strip();
    }

    static String describe(RemoteEngines engines) {
        String local = "engine: local (embedded, in the kernel's JVM)";
        return engines.engine()
                .map(e -> engines.remoteByDefault()
                        ? "engine: " + e.name() + " " + e.version() + " at " + e.url()
                                + " (%engine local switches back)"
                        : local + "; connected to " + e.name() + " " + e.version() + " at " + e.url()
                                + " for %%sql --engine " + e.name())
                .orElse(local);
    }
}
