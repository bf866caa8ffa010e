package dev.eddy.magics.api;

/**
 * A cell magic: a cell whose first line is {@code %%name args}; the rest of the cell is its body. The returned
 * value (if not {@code null}) is rendered as the cell's result. Throw {@link MagicException} for bad input.
 */
public interface CellMagic {
  /** The name without the {@code %%}. */
  String name();

  /** One line shown by {@code %lsmagic} and {@code %help}. */
  String help();

  Object run(String args, String body, MagicContext context) throws Exception;

  /** The simplest way to make one: {@code CellMagic.of("html", "renders HTML", (args, body, ctx) -> ...)}. */
  static CellMagic of(String name, String help, Body body) {
    return new CellMagic() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String help() {
        return help;
      }

      @Override
      public Object run(String args, String cellBody, MagicContext context) throws Exception {
        return body.run(args, cellBody, context);
      }
    };
  }

  /** The body of a cell magic made with {@link #of}. */
  @FunctionalInterface
  interface Body {
    Object run(String args, String body, MagicContext context) throws Exception;
  }
}
