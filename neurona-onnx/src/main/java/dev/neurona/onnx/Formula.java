package dev.neurona.onnx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An elementwise formula of one value {@code x}, kept in a canonical form so that the many
 * ways exporters write one activation compare equal: nested sums and products are flattened,
 * their constants gathered into one number, their operands sorted; {@code a - b} is
 * {@code a + (-1)·b} and {@code a / c} is {@code (1/c)·a}. PyTorch's
 * {@code Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5)} and Neurona's own gelu both become
 * {@code 0.5·x·(1 + Erf((1/√2)·x))}.
 */
sealed interface Formula {

    /** Numbers compare equal within this relative tolerance (float32 constants, written as such). */
    double TOLERANCE = 1e-6;

    /** The input value. */
    record X() implements Formula {
    }

    /** A scalar constant. */
    record Num(double value) implements Formula {
    }

    /** {@code constant + Σ terms}, the terms sorted by {@link #key}. */
    record Sum(double constant, List<Formula> terms) implements Formula {
    }

    /** {@code constant · Π factors}, the factors sorted by {@link #key}. */
    record Prod(double constant, List<Formula> factors) implements Formula {
    }

    /** An operator of one operand with its numeric parameters (HardSigmoid's alpha and beta, a reduction's axis). */
    record Fn(String op, double[] params, Formula arg) implements Formula {
    }

    static Formula x() {
        return new X();
    }

    static Formula num(double value) {
        return new Num(value);
    }

    static Formula fn(String op, Formula arg, double... params) {
        return new Fn(op, params, arg);
    }

    static Formula add(Formula a, Formula b) {
        double c = 0;
        List<Formula> terms = new ArrayList<>();
        for (Formula f : List.of(a, b)) {
            if (f instanceof Num n) {
                c += n.value();
            } else if (f instanceof Sum s) {
                c += s.constant();
                terms.addAll(s.terms());
            } else {
                terms.add(f);
            }
        }
        if (terms.isEmpty()) {
            return num(c);
        }
        if (c == 0 && terms.size() == 1) {
            return terms.get(0);
        }
        terms.sort(Comparator.comparing(Formula::key));
        return new Sum(c, List.copyOf(terms));
    }

    static Formula mul(Formula a, Formula b) {
        double c = 1;
        List<Formula> factors = new ArrayList<>();
        for (Formula f : List.of(a, b)) {
            if (f instanceof Num n) {
                c *= n.value();
            } else if (f instanceof Prod p) {
                c *= p.constant();
                factors.addAll(p.factors());
            } else {
                factors.add(f);
            }
        }
        if (factors.isEmpty()) {
            return num(c);
        }
        if (c == 1 && factors.size() == 1) {
            return factors.get(0);
        }
        factors.sort(Comparator.comparing(Formula::key));
        return new Prod(c, List.copyOf(factors));
    }

    static Formula neg(Formula a) {
        return mul(num(-1), a);
    }

    static Formula sub(Formula a, Formula b) {
        return add(a, neg(b));
    }

    static Formula div(Formula a, Formula b) {
        return b instanceof Num n ? mul(a, num(1 / n.value())) : mul(a, fn("Reciprocal", b));
    }

    /** The formula's structure without its numbers: what operands are sorted by. */
    default String key() {
        if (this instanceof Sum s) {
            return "sum(" + String.join(",", s.terms().stream().map(Formula::key).toList()) + ")";
        }
        if (this instanceof Prod p) {
            return "prod(" + String.join(",", p.factors().stream().map(Formula::key).toList()) + ")";
        }
        if (this instanceof Fn f) {
            return f.op() + f.params().length + "(" + f.arg().key() + ")";
        }
        return this instanceof X ? "x" : "c";
    }

    /** Whether {@code a} and {@code b} have one structure and numbers equal within {@link #TOLERANCE}. */
    static boolean same(Formula a, Formula b) {
        if (a instanceof X && b instanceof X) {
            return true;
        }
        if (a instanceof Num x && b instanceof Num y) {
            return close(x.value(), y.value());
        }
        if (a instanceof Sum x && b instanceof Sum y) {
            return close(x.constant(), y.constant()) && same(x.terms(), y.terms());
        }
        if (a instanceof Prod x && b instanceof Prod y) {
            return close(x.constant(), y.constant()) && same(x.factors(), y.factors());
        }
        if (a instanceof Fn x && b instanceof Fn y) {
            if (!x.op().equals(y.op()) || x.params().length != y.params().length) {
                return false;
            }
            for (int i = 0; i < x.params().length; i++) {
                if (!close(x.params()[i], y.params()[i])) {
                    return false;
                }
            }
            return same(x.arg(), y.arg());
        }
        return false;
    }

    private static boolean same(List<Formula> a, List<Formula> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
}
