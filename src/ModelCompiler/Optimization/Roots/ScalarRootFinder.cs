// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// Roots of a function of one unknown, scipy's scalar root menu. Bracketing methods, which need f(a)·f(b) &lt; 0 and
/// always converge: <see cref="Brent{TFunction}"/> (<c>brentq</c>, the default choice), <see cref="BrentHyperbolic{TFunction}"/>
/// (<c>brenth</c>), <see cref="Bisect{TFunction}"/>, <see cref="Ridders{TFunction}"/> (<c>ridder</c>),
/// <see cref="Toms748{TFunction}"/> and <see cref="NewtonBracketed{TFunction}"/> (Newton safeguarded by bisection).
/// Open methods from a start, fast near a root but with no guarantee: <see cref="Newton{TFunction}"/>,
/// <see cref="Halley{TFunction}"/>, <see cref="Secant{TFunction}"/> (<c>newton</c>) and
/// <see cref="FixedPoint{TFunction}"/> (<c>fixed_point</c>). The function is a generated
/// <see cref="IScalarFunction"/> (f, f′ and f″ derived at build time; a type parameter, so the JIT specializes the
/// solver) or delegates.
/// </summary>
/// <remarks>
/// <para>Bad input throws <see cref="ArgumentException"/> naming the argument: a non-finite end or start, a
/// degenerate bracket, f NaN at an end or not finite at the start, a bracket without a sign change (a double root,
/// where f touches zero without crossing, cannot be bracketed: use Newton or Halley). Everything else is a
/// <see cref="RootTermination"/>: an open method that runs away ends as Diverged, NoProgress or ZeroDerivative,
/// never as a false success.</para>
/// <para>At a root of multiplicity m Newton converges only linearly (each step shrinks the error by (m − 1)/m);
/// Newton and Halley detect this and switch to m·f/f′ steps. Double precision locates such a root to about
/// ε^(1/m); for a double root of a generated function, f″ refines it to full precision as the root of f′.</para>
/// </remarks>
public static class ScalarRootFinder
{
    /// <summary>Brent's method on [<paramref name="a"/>, <paramref name="b"/>] (scipy's <c>brentq</c>).</summary>
    public static ScalarRootResult Brent<TFunction>(double a, double b, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => Bracketing(new GeneratedScalar<TFunction>(), a, b, options, BracketMethod.Brent);

    /// <summary>Brent's method on [<paramref name="a"/>, <paramref name="b"/>] (scipy's <c>brentq</c>).</summary>
    public static ScalarRootResult Brent(Func<double, double> f, double a, double b, ScalarRootOptions? options = null)
        => Bracketing(Wrap(f), a, b, options, BracketMethod.Brent);

    /// <summary>Brent's method with hyperbolic extrapolation (scipy's <c>brenth</c>).</summary>
    public static ScalarRootResult BrentHyperbolic<TFunction>(double a, double b, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => Bracketing(new GeneratedScalar<TFunction>(), a, b, options, BracketMethod.BrentHyperbolic);

    /// <summary>Brent's method with hyperbolic extrapolation (scipy's <c>brenth</c>).</summary>
    public static ScalarRootResult BrentHyperbolic(Func<double, double> f, double a, double b, ScalarRootOptions? options = null)
        => Bracketing(Wrap(f), a, b, options, BracketMethod.BrentHyperbolic);

    /// <summary>Bisection (scipy's <c>bisect</c>).</summary>
    public static ScalarRootResult Bisect<TFunction>(double a, double b, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => Bracketing(new GeneratedScalar<TFunction>(), a, b, options, BracketMethod.Bisect);

    /// <summary>Bisection (scipy's <c>bisect</c>).</summary>
    public static ScalarRootResult Bisect(Func<double, double> f, double a, double b, ScalarRootOptions? options = null)
        => Bracketing(Wrap(f), a, b, options, BracketMethod.Bisect);

    /// <summary>Ridders' method (scipy's <c>ridder</c>).</summary>
    public static ScalarRootResult Ridders<TFunction>(double a, double b, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => Bracketing(new GeneratedScalar<TFunction>(), a, b, options, BracketMethod.Ridders);

    /// <summary>Ridders' method (scipy's <c>ridder</c>).</summary>
    public static ScalarRootResult Ridders(Func<double, double> f, double a, double b, ScalarRootOptions? options = null)
        => Bracketing(Wrap(f), a, b, options, BracketMethod.Ridders);

    /// <summary>Alefeld, Potra &amp; Shi's TOMS 748 with <paramref name="interpolationSteps"/> = k interpolations per iteration (1 or 2; scipy's <c>toms748</c>, k = 1 by default).</summary>
    public static ScalarRootResult Toms748<TFunction>(double a, double b, ScalarRootOptions? options = null, int interpolationSteps = 1)
        where TFunction : IScalarFunction
        => Bracketing(new GeneratedScalar<TFunction>(), a, b, options, BracketMethod.Toms748, interpolationSteps);

    /// <summary>Alefeld, Potra &amp; Shi's TOMS 748 (scipy's <c>toms748</c>).</summary>
    public static ScalarRootResult Toms748(Func<double, double> f, double a, double b, ScalarRootOptions? options = null, int interpolationSteps = 1)
        => Bracketing(Wrap(f), a, b, options, BracketMethod.Toms748, interpolationSteps);

    /// <summary>Newton's method safeguarded by bisection inside [<paramref name="a"/>, <paramref name="b"/>], with the generated f′.</summary>
    public static ScalarRootResult NewtonBracketed<TFunction>(double a, double b, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => Bracketing(new GeneratedScalar<TFunction>(), a, b, options, BracketMethod.Newton);

    /// <summary>Newton's method safeguarded by bisection inside [<paramref name="a"/>, <paramref name="b"/>].</summary>
    public static ScalarRootResult NewtonBracketed(Func<double, double> f, Func<double, double> derivative, double a, double b,
                                                   ScalarRootOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(derivative);
        return Bracketing(Wrap(f, derivative), a, b, options, BracketMethod.Newton);
    }

    /// <summary>Newton's method from <paramref name="x0"/> with the generated f′ (scipy's <c>newton(f, x0, fprime)</c>).</summary>
    public static ScalarRootResult Newton<TFunction>(double x0, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => NewtonIteration.Run(new GeneratedScalar<TFunction>(), x0, Valid(options), halley: false, secondDerivativeAvailable: true);

    /// <summary>Newton's method from <paramref name="x0"/> (scipy's <c>newton(f, x0, fprime)</c>).</summary>
    public static ScalarRootResult Newton(Func<double, double> f, Func<double, double> derivative, double x0, ScalarRootOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(derivative);
        return NewtonIteration.Run(Wrap(f, derivative), x0, Valid(options), halley: false, secondDerivativeAvailable: false);
    }

    /// <summary>Halley's method from <paramref name="x0"/> with the generated f′ and f″ (scipy's <c>newton(f, x0, fprime, fprime2=…)</c>).</summary>
    public static ScalarRootResult Halley<TFunction>(double x0, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => NewtonIteration.Run(new GeneratedScalar<TFunction>(), x0, Valid(options), halley: true, secondDerivativeAvailable: true);

    /// <summary>Halley's method from <paramref name="x0"/>.</summary>
    public static ScalarRootResult Halley(Func<double, double> f, Func<double, double> derivative, Func<double, double> secondDerivative,
                                          double x0, ScalarRootOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(derivative);
        ArgumentNullException.ThrowIfNull(secondDerivative);
        return NewtonIteration.Run(Wrap(f, derivative, secondDerivative), x0, Valid(options), halley: true, secondDerivativeAvailable: true);
    }

    /// <summary>
    /// The secant method from <paramref name="x0"/> and <paramref name="x1"/> (by default x0·(1 + 1e-4) ± 1e-4, as
    /// scipy's <c>newton(f, x0)</c> without a derivative). Uses f only.
    /// </summary>
    public static ScalarRootResult Secant<TFunction>(double x0, double? x1 = null, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => SecantIteration.Run(new GeneratedScalar<TFunction>(), x0, x1, Valid(options));

    /// <summary>The secant method from <paramref name="x0"/> and <paramref name="x1"/>.</summary>
    public static ScalarRootResult Secant(Func<double, double> f, double x0, double? x1 = null, ScalarRootOptions? options = null)
        => SecantIteration.Run(Wrap(f), x0, x1, Valid(options));

    /// <summary>
    /// The fixed point x = g(x) of the generated <typeparamref name="TFunction"/> = g by Steffensen's method
    /// (scipy's <c>fixed_point</c>, method 'del2'); <see cref="ScalarRootResult.Value"/> is g(x) − x.
    /// </summary>
    public static ScalarRootResult FixedPoint<TFunction>(double x0, ScalarRootOptions? options = null) where TFunction : IScalarFunction
        => Steffensen.Run(new GeneratedScalar<TFunction>(), x0, Valid(options));

    /// <summary>The fixed point x = <paramref name="g"/>(x) by Steffensen's method.</summary>
    public static ScalarRootResult FixedPoint(Func<double, double> g, double x0, ScalarRootOptions? options = null)
        => Steffensen.Run(Wrap(g), x0, Valid(options));

    private enum BracketMethod
    {
        Brent,
        BrentHyperbolic,
        Bisect,
        Ridders,
        Toms748,
        Newton,
    }

    private static DelegateScalar Wrap(Func<double, double> f, Func<double, double>? derivative = null, Func<double, double>? second = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new DelegateScalar(f, derivative, second);
    }

    private static ScalarRootOptions Valid(ScalarRootOptions? options)
    {
        options ??= ScalarRootOptions.Default;
        options.Validate();
        return options;
    }

    private static ScalarRootResult Bracketing<TEval>(TEval f, double a, double b, ScalarRootOptions? options, BracketMethod method,
                                                      int interpolationSteps = 1)
        where TEval : IScalarEvaluator
    {
        var valid = Valid(options);
        if (method == BracketMethod.Toms748 && interpolationSteps is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(interpolationSteps), interpolationSteps, "TOMS 748 takes 1 or 2 interpolation steps per iteration.");
        string name = method switch
        {
            BracketMethod.Brent => "brentq",
            BracketMethod.BrentHyperbolic => "brenth",
            BracketMethod.Bisect => "bisect",
            BracketMethod.Ridders => "ridder",
            BracketMethod.Toms748 => "toms748",
            _ => "newton-bracketed",
        };
        if (RootBracket.Start(f, a, b, name, out double fa, out double fb) is { } exact)
            return exact;
        valid = valid.ForScale(Math.Abs(b - a));
        var result = method switch
        {
            BracketMethod.Brent => BrentRoot.Run(f, a, b, fa, fb, valid, hyperbolic: false),
            BracketMethod.BrentHyperbolic => BrentRoot.Run(f, a, b, fa, fb, valid, hyperbolic: true),
            BracketMethod.Bisect => Bisection.Run(f, a, b, fa, fb, valid),
            BracketMethod.Ridders => Optimization.Ridders.Run(f, a, b, fa, fb, valid),
            BracketMethod.Toms748 => Optimization.Toms748.Run(f, a, b, fa, fb, valid, interpolationSteps),
            _ => BracketedNewton.Run(f, a, b, fa, fb, valid),
        };
        return SignChangeKind.Check(f, result, a, b, fa, fb);
    }
}
