// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Optimization;

/// <summary>
/// The outcome of a scalar root finder (scipy's <c>RootResults</c>: root, iterations, function_calls, converged,
/// flag): the root, f there, the final bracket for bracketing methods, and the work done.
/// </summary>
public sealed class ScalarRootResult
{
    internal ScalarRootResult(string method, double x, double value, double lower, double upper, int iterations,
                              int evaluations, int derivativeEvaluations, int secondDerivativeEvaluations,
                              RootTermination termination, string message, int multiplicity = 1)
    {
        Method = method;
        X = x;
        Value = value;
        Lower = lower;
        Upper = upper;
        Iterations = iterations;
        FunctionEvaluations = evaluations;
        DerivativeEvaluations = derivativeEvaluations;
        SecondDerivativeEvaluations = secondDerivativeEvaluations;
        Termination = termination;
        Message = message;
        Multiplicity = multiplicity;
    }

    /// <summary>The method that ran ("brentq", "newton", …, as scipy names them).</summary>
    public string Method { get; }

    /// <summary>The root (the best point found when not converged).</summary>
    public double X { get; }

    /// <summary>f(<see cref="X"/>); for a fixed-point iteration, g(x) − x.</summary>
    public double Value { get; }

    /// <summary>The lower end of the final bracket; NaN for an open method.</summary>
    public double Lower { get; }

    /// <summary>The upper end of the final bracket; NaN for an open method.</summary>
    public double Upper { get; }

    /// <summary>Iterations.</summary>
    public int Iterations { get; }

    /// <summary>Calls of f (for the fixed-point iteration, of g); those that also computed derivatives included.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Evaluations of f′.</summary>
    public int DerivativeEvaluations { get; }

    /// <summary>Evaluations of f″.</summary>
    public int SecondDerivativeEvaluations { get; }

    /// <summary>
    /// The multiplicity of the root as Newton's and Halley's methods detected it from their linear convergence
    /// (the step ratio tends to (m − 1)/m at a root of multiplicity m), after which they took m·f/f′ steps; 1
    /// otherwise and for the other methods. Double precision locates a root of multiplicity m only to about
    /// ε^(1/m); for m = 2 with f″ at hand the root is refined as the simple root of f′.
    /// </summary>
    public int Multiplicity { get; }

    /// <summary>Why the method stopped.</summary>
    public RootTermination Termination { get; }

    /// <summary>True for <see cref="RootTermination.Converged"/>, <see cref="RootTermination.ExactRoot"/> and <see cref="RootTermination.RoundingLimit"/>.</summary>
    public bool IsConverged => Termination <= RootTermination.RoundingLimit;

    /// <summary>A sentence on why the method stopped.</summary>
    public string Message { get; }

    /// <summary>One line: method, root, f there, termination and counts.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"{Method}: x = {X:R}, f(x) = {Value:R}");
        if (!double.IsNaN(Lower))
            sb.Append(ci, $", bracket [{Lower:R}, {Upper:R}]");
        if (Multiplicity > 1)
            sb.Append(ci, $", multiplicity {Multiplicity}");
        sb.Append(ci, $" ({Termination}: {Message}; {Iterations} iterations, {FunctionEvaluations} f");
        if (DerivativeEvaluations > 0)
            sb.Append(ci, $", {DerivativeEvaluations} f′");
        if (SecondDerivativeEvaluations > 0)
            sb.Append(ci, $", {SecondDerivativeEvaluations} f″");
        sb.Append(" evaluations)");
        return sb.ToString();
    }
}
