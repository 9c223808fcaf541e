package io.synthkit.method.reversegen;

import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.SandboxProvider;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test sandbox ({@code sandbox.provider: arithmetic}) standing in for GraalPy, which core tests cannot load: it runs
 * programs of the form {@code answer = A op B} (op one of + - * /), and fails any other program as a syntax error.
 */
public final class ArithmeticSandboxProvider implements SandboxProvider {

  private static final Pattern PROGRAM = Pattern.compile("\\s*answer\\s*=\\s*(-?[\\d.]+)\\s*([-+*/])\\s*(-?[\\d.]+)\\s*");

  @Override
  public String name() {
    return "arithmetic";
  }

  @Override
  public CodeSandbox create() {
    return new CodeSandbox() {
      @Override
      public ExecutionResult run(String code, SandboxLimits limits, String resultVariable) {
        Matcher m = PROGRAM.matcher(code);
        if (!m.matches()) {
          return new ExecutionResult.Failed(ExecutionResult.Kind.SYNTAX, "not an arithmetic assignment", "");
        }
        BigDecimal a = new BigDecimal(m.group(1));
        BigDecimal b = new BigDecimal(m.group(3));
        BigDecimal v = switch (m.group(2)) {
          case "+" -> a.add(b);
          case "-" -> a.subtract(b);
          case "*" -> a.multiply(b);
          default -> a.divide(b, java.math.MathContext.DECIMAL64);
        };
        // Python prints floats with a trailing .0, as GraalPy's str() would.
        return new ExecutionResult.Ok("", m.group(2).equals("/") ? v.toPlainString() + (v.scale() <= 0 ? ".0" : "")
            : v.toPlainString());
      }

      @Override
      public void close() {}
    };
  }
}
