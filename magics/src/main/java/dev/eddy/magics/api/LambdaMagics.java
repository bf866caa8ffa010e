package dev.eddy.magics.api;

/** The magics {@link LineMagic#of} and {@link CellMagic#of} make: a name, a help line and a lambda. */
final class LambdaMagics {
    private LambdaMagics() {}

    record Line(String name, String help, LineMagic.Body body) implements LineMagic {
        @Override
        public Object run(String args, MagicContext context) throws Exception {
            return body.run(args, context);
        }
    }

    record Cell(String name, String help, CellMagic.Body body) implements CellMagic {
        @Override
        public Object run(String args, String cellBody, MagicContext context) throws Exception {
            return body.run(args, cellBody, context);
        }
    }
}
