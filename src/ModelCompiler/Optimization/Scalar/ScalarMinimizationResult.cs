// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// The outcome of a scalar minimization: the best point, f there, the interval known to contain the minimum,
/// and the work done (scipy's <c>OptimizeResult</c>: x, fun, nit, nfev, success, message).
/// </summary>
public sealed class ScalarMinimizationResult
{
    internal ScalarMinimizationResult(string method, double x, double value, double lower, double upper,
                                      int iterations, int evaluations, ScalarMinimizationTermination termination, string message)
    {
        Method = method;
        X = x;
        Value = value;
        Lower = lower;
        Upper = upper;
        Iterations = iterations;
        FunctionEvaluations = evaluations;
        Termination = termination;
        Message = message;
    }

    /// <summary>The method that ran ("brent", "golden", "bounded").</summary>
    public string Method { get; }

    /// <summary>The best point found.</summary>
    public double X { get; }

    /// <summary>f(<see cref="X"/>).</summary>
    public double Value { get; }

    /// <summary>The lower end of the final interval around <see cref="X"/> (NaN when no bracket was found).</summary>
    public double Lower { get; }

    /// <summary>The upper end of the final interval around <see cref="X"/> (NaN when no bracket was found).</summary>
    public double Upper { get; }

    /// <summary>Iterations of the method (scipy's nit); the bracket search is not counted here.</summary>
    public int Iterations { get; }

    /// <summary>Calls of f, the bracket search's included (scipy's nfev).</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Why the method stopped.</summary>
    public ScalarMinimizationTermination Termination { get; }

    /// <summary>True when the tolerance was met.</summary>
    public bool IsConverged => Termination == ScalarMinimizationTermination.Converged;

    /// <summary>A sentence on why the method stopped.</summary>
    public string Message { get; }

    /// <summary>One line: method, x, f(x), termination and counts.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture,
            $"{Method}: x = {X:R}, f(x) = {Value:R} ({Termination}: {Message}; {Iterations} iterations, {FunctionEvaluations} evaluations)");
}
